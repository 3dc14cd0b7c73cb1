/* okc-charger-attention.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "okc-charger-attention.h"

#include "okc-time.h"

/* How long a connector may stay in @status before its session counts as stuck, or 0 when
 * the status is not one a session gets stuck in. */
static gint64
stuck_after (OkcConnectorStatus status)
{
  switch (status)
    {
    case OKC_CONNECTOR_STATUS_PREPARING:
      return OKC_ATTENTION_PREPARING_AFTER;
    case OKC_CONNECTOR_STATUS_FINISHING:
      return OKC_ATTENTION_FINISHING_AFTER;
    case OKC_CONNECTOR_STATUS_SUSPENDED_EVSE:
      return OKC_ATTENTION_SUSPENDED_EVSE_AFTER;
    case OKC_CONNECTOR_STATUS_AVAILABLE:
    case OKC_CONNECTOR_STATUS_CHARGING:
    case OKC_CONNECTOR_STATUS_SUSPENDED_EV:
    case OKC_CONNECTOR_STATUS_RESERVED:
    case OKC_CONNECTOR_STATUS_UNAVAILABLE:
    case OKC_CONNECTOR_STATUS_FAULTED:
    default:
      return 0;
    }
}

/* Most serious kind first, then the longest first (never heard from is the longest). */
static int
compare_reasons (gconstpointer a,
                 gconstpointer b)
{
  const OkcAttentionReason *ra = a, *rb = b;

  if (ra->kind != rb->kind)
    return ra->kind < rb->kind ? -1 : 1;
  if (ra->since != rb->since)
    return ra->since < rb->since ? -1 : 1;
  return ra->connector_id < rb->connector_id ? -1 : ra->connector_id > rb->connector_id;
}

/**
 * okc_charger_get_attention:
 * @charger: the charger as last seen
 * @now: the current time, seconds since the epoch
 *
 * The rules of docs/chargers.md, "What an agent should look at first": offline with a
 * heartbeat more than %OKC_ATTENTION_OFFLINE_AFTER old (or none ever); a connector
 * Faulted; a connector Preparing, Finishing or SuspendedEVSE for longer than its
 * threshold. An offline charger's connector statuses are what it last reported: its
 * faults still count, but how long a session has been stuck is not known, so those do not.
 *
 * Returns: (transfer full) (element-type OkcAttentionReason): the reasons, most serious
 *   first, empty when the charger needs no attention.
 */
GArray *
okc_charger_get_attention (OkcCharger *charger,
                           gint64      now)
{
  g_autoptr(GArray) reasons = g_array_new (FALSE, TRUE, sizeof (OkcAttentionReason));
  gboolean offline;
  GPtrArray *connectors;
  gint64 heartbeat;

  g_return_val_if_fail (OKC_IS_CHARGER (charger), NULL);

  offline = okc_charger_get_status (charger) == OKC_CHARGER_STATUS_OFFLINE;
  heartbeat = okc_charger_get_last_heartbeat (charger);
  if (offline && (heartbeat == 0 || now - heartbeat > OKC_ATTENTION_OFFLINE_AFTER))
    {
      OkcAttentionReason reason = { OKC_ATTENTION_KIND_OFFLINE, 0, heartbeat };
      g_array_append_val (reasons, reason);
    }

  connectors = okc_charger_get_connectors (charger);
  for (guint i = 0; i < connectors->len; i++)
    {
      OkcConnector *connector = g_ptr_array_index (connectors, i);
      OkcConnectorStatus status = okc_connector_get_status (connector);
      gint64 since = okc_connector_get_status_since (connector);
      gint64 threshold = stuck_after (status);

      if (status == OKC_CONNECTOR_STATUS_FAULTED)
        {
          OkcAttentionReason reason = {
            OKC_ATTENTION_KIND_CONNECTOR_FAULTED, okc_connector_get_id (connector), since
          };
          g_array_append_val (reasons, reason);
        }
      else if (threshold > 0 && !offline && since > 0 && now - since > threshold)
        {
          OkcAttentionReason reason = {
            OKC_ATTENTION_KIND_STUCK_SESSION, okc_connector_get_id (connector), since
          };
          g_array_append_val (reasons, reason);
        }
    }

  g_array_sort (reasons, compare_reasons);
  return g_steal_pointer (&reasons);
}

/**
 * okc_attention_reason_describe:
 * @reason: one of okc_charger_get_attention()'s reasons for @charger
 * @charger: the charger
 * @now: the current time, seconds since the epoch
 *
 * Returns: (transfer full): "Offline for 3 h 12 min", "Connector 1 faulted: ground
 *   failure (E-GF-01)", "Connector 2 stuck in Preparing for 25 min".
 */
char *
okc_attention_reason_describe (const OkcAttentionReason *reason,
                               OkcCharger               *charger,
                               gint64                    now)
{
  g_autofree char *age = NULL;
  OkcConnector *connector = NULL;

  g_return_val_if_fail (reason != NULL, NULL);
  g_return_val_if_fail (OKC_IS_CHARGER (charger), NULL);

  if (reason->since > 0)
    age = okc_format_duration (MAX (0, now - reason->since));
  if (reason->connector_id != 0)
    connector = okc_charger_get_connector (charger, reason->connector_id);

  switch (reason->kind)
    {
    case OKC_ATTENTION_KIND_OFFLINE:
      if (age == NULL)
        return g_strdup (_("Offline, never heard from"));
      /* Translators: %s is a duration such as "3 h 12 min" */
      return g_strdup_printf (_("Offline for %s"), age);

    case OKC_ATTENTION_KIND_CONNECTOR_FAULTED:
      {
        OkcChargePointError code = connector != NULL ? okc_connector_get_error_code (connector)
                                                     : OKC_CHARGE_POINT_ERROR_NO_ERROR;
        const char *vendor = connector != NULL ? okc_connector_get_vendor_error_code (connector)
                                               : NULL;
        g_autofree char *label = NULL;

        if (code == OKC_CHARGE_POINT_ERROR_NO_ERROR)
          {
            if (vendor != NULL)
              /* Translators: "Connector 1 faulted (E-GF-01)" */
              return g_strdup_printf (_("Connector %u faulted (%s)"), reason->connector_id,
                                      vendor);
            return g_strdup_printf (_("Connector %u faulted"), reason->connector_id);
          }
        label = okc_charge_point_error_get_inline_label (code);
        if (vendor != NULL)
          /* Translators: "Connector 1 faulted: ground failure (E-GF-01)" */
          return g_strdup_printf (_("Connector %u faulted: %s (%s)"), reason->connector_id,
                                  label, vendor);
        /* Translators: "Connector 1 faulted: ground failure" */
        return g_strdup_printf (_("Connector %u faulted: %s"), reason->connector_id, label);
      }

    case OKC_ATTENTION_KIND_STUCK_SESSION:
      {
        OkcConnectorStatus status = connector != NULL ? okc_connector_get_status (connector)
                                                      : OKC_CONNECTOR_STATUS_PREPARING;
        const char *duration = age != NULL ? age : "?";

        switch (status)
          {
          case OKC_CONNECTOR_STATUS_FINISHING:
            /* Translators: "Connector 2 stuck in Finishing for 20 min" */
            return g_strdup_printf (_("Connector %u stuck in Finishing for %s"),
                                    reason->connector_id, duration);
          case OKC_CONNECTOR_STATUS_SUSPENDED_EVSE:
            /* Translators: "Connector 2 suspended by the charger for 20 min" */
            return g_strdup_printf (_("Connector %u suspended by the charger for %s"),
                                    reason->connector_id, duration);
          case OKC_CONNECTOR_STATUS_PREPARING:
          default:
            /* Translators: "Connector 2 stuck in Preparing for 25 min" */
            return g_strdup_printf (_("Connector %u stuck in Preparing for %s"),
                                    reason->connector_id, duration);
          }
      }

    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * okc_attention_compare:
 * @a: (element-type OkcAttentionReason): a charger's reasons, not empty
 * @b: (element-type OkcAttentionReason): another's
 *
 * Returns: negative when @a's charger comes first in the needs-attention list: offline
 *   first, then faulted, then stuck, the longest first within a kind.
 */
int
okc_attention_compare (GArray *a,
                       GArray *b)
{
  const OkcAttentionReason *ra, *rb;

  g_return_val_if_fail (a != NULL && a->len > 0, 0);
  g_return_val_if_fail (b != NULL && b->len > 0, 0);

  ra = &g_array_index (a, OkcAttentionReason, 0);
  rb = &g_array_index (b, OkcAttentionReason, 0);
  if (ra->kind != rb->kind)
    return ra->kind < rb->kind ? -1 : 1;
  if (ra->since != rb->since)
    return ra->since < rb->since ? -1 : 1;
  return 0;
}
