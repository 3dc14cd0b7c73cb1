/* okc-charging-session.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "okc-charging-session.h"

#include "okc-error.h"
#include "okc-json.h"
#include <inttypes.h>

struct _OkcChargingSession
{
  GObject parent_instance;

  char *id;
  char *charger_id;
  guint connector_id;
  char *property_id;          /* nullable */
  char *property_name;        /* nullable */
  char *account_id;
  char *account_name;
  char *tariff_id;
  gint64 started_at;
  gint64 charging_ended_at;   /* 0: energy never flowed */
  gint64 ended_at;
  gint64 energy_wh;
  OkcMoney billed_total;
  OkcSessionOutcome outcome;
  OkcStopReason stop_reason;
  OkcMeteredSession *meter;   /* nullable: a summary */
  OkcCostBreakdown *billed;   /* nullable: a summary */
};

G_DEFINE_FINAL_TYPE (OkcChargingSession, okc_charging_session, G_TYPE_OBJECT)

static void
okc_charging_session_finalize (GObject *object)
{
  OkcChargingSession *self = OKC_CHARGING_SESSION (object);

  g_free (self->id);
  g_free (self->charger_id);
  g_free (self->property_id);
  g_free (self->property_name);
  g_free (self->account_id);
  g_free (self->account_name);
  g_free (self->tariff_id);
  g_clear_object (&self->meter);
  g_clear_object (&self->billed);

  G_OBJECT_CLASS (okc_charging_session_parent_class)->finalize (object);
}

static void
okc_charging_session_class_init (OkcChargingSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_charging_session_finalize;
}

static void
okc_charging_session_init (OkcChargingSession *self)
{
}

/**
 * okc_charging_session_new:
 * @charging_ended_at: 0 when energy never flowed
 * @billed_total: what the customer was charged
 *
 * Returns: (transfer full): a summary; account name and tariff are empty until
 *   okc_charging_session_set_names().
 */
OkcChargingSession *
okc_charging_session_new (const char        *id,
                          const char        *charger_id,
                          guint              connector_id,
                          const char        *account_id,
                          gint64             started_at,
                          gint64             charging_ended_at,
                          gint64             ended_at,
                          gint64             energy_wh,
                          const OkcMoney    *billed_total,
                          OkcSessionOutcome  outcome,
                          OkcStopReason      stop_reason)
{
  OkcChargingSession *self;

  g_return_val_if_fail (id != NULL && charger_id != NULL && account_id != NULL, NULL);
  g_return_val_if_fail (billed_total != NULL, NULL);

  self = g_object_new (OKC_TYPE_CHARGING_SESSION, NULL);
  self->id = g_strdup (id);
  self->charger_id = g_strdup (charger_id);
  self->connector_id = connector_id;
  self->account_id = g_strdup (account_id);
  self->account_name = g_strdup ("");
  self->tariff_id = g_strdup ("");
  self->started_at = started_at;
  self->charging_ended_at = charging_ended_at;
  self->ended_at = ended_at;
  self->energy_wh = energy_wh;
  self->billed_total = *billed_total;
  self->outcome = outcome;
  self->stop_reason = stop_reason;
  return self;
}

/**
 * okc_charging_session_set_names:
 * @property_id: (nullable): the charger's property then
 * @property_name: (nullable): its name
 */
void
okc_charging_session_set_names (OkcChargingSession *self,
                                const char         *property_id,
                                const char         *property_name,
                                const char         *account_name,
                                const char         *tariff_id)
{
  g_return_if_fail (OKC_IS_CHARGING_SESSION (self));
  g_return_if_fail (account_name != NULL && tariff_id != NULL);

  g_free (self->property_id);
  self->property_id = g_strdup (property_id);
  g_free (self->property_name);
  self->property_name = g_strdup (property_name);
  g_free (self->account_name);
  self->account_name = g_strdup (account_name);
  g_free (self->tariff_id);
  self->tariff_id = g_strdup (tariff_id);
}

/**
 * okc_charging_session_set_meter:
 * @meter: the samples; its times should be the session's
 */
void
okc_charging_session_set_meter (OkcChargingSession *self,
                                OkcMeteredSession  *meter)
{
  g_return_if_fail (OKC_IS_CHARGING_SESSION (self));
  g_return_if_fail (OKC_IS_METERED_SESSION (meter));

  g_set_object (&self->meter, meter);
}

/**
 * okc_charging_session_set_billed:
 * @billed: what was billed, line by line
 *
 * Returns: %FALSE, keeping what was set, with an #OKC_DATA_ERROR naming "billed.total" or
 *   "billed.currency" if @billed does not add up to billed_total.
 */
gboolean
okc_charging_session_set_billed (OkcChargingSession  *self,
                                 OkcCostBreakdown    *billed,
                                 GError             **error)
{
  OkcMoney total;

  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), FALSE);
  g_return_val_if_fail (OKC_IS_COST_BREAKDOWN (billed), FALSE);

  okc_cost_breakdown_get_total (billed, &total);
  if (!g_str_equal (total.currency, self->billed_total.currency))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "billed.currency",
                          "is %s, not billed_total's %s", total.currency,
                          self->billed_total.currency);
      return FALSE;
    }
  if (total.amount != self->billed_total.amount)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "billed.total",
                          "is %" PRId64 " but billed_total is %" PRId64,
                          total.amount, self->billed_total.amount);
      return FALSE;
    }
  g_set_object (&self->billed, billed);
  return TRUE;
}

/* Re-raises an error whose field is relative ("samples[2].wh", "billed.total") under @path. */
static void
prefix_error (GError     **error,
              const char  *path,
              GError      *inner)
{
  const char *inner_field = okc_data_error_get_field (inner);
  g_autofree char *field = okc_json_path_member (path, inner_field);
  const char *why = inner->message;

  /* The message starts with the inner field: say it once, with the whole path. */
  if (inner_field != NULL && g_str_has_prefix (why, inner_field) &&
      g_str_has_prefix (why + strlen (inner_field), ": "))
    why += strlen (inner_field) + 2;
  okc_data_error_set_literal (error, inner->code, field, why);
  g_error_free (inner);
}

static gboolean
read_money (JsonObject  *object,
            const char  *path,
            const char  *member,
            OkcMoney    *out,
            GError     **error)
{
  g_autofree char *member_path = okc_json_path_member (path, member);
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, member_path, "is required");
      return FALSE;
    }
  if (!okc_money_from_json (node, member_path, out, error))
    return FALSE;
  if (out->amount < 0)
    {
      g_autofree char *amount_path = okc_json_path_member (member_path, "amount");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, amount_path, "is not negative");
      return FALSE;
    }
  return TRUE;
}

static gboolean
fail (GError     **error,
      const char  *path,
      const char  *member,
      const char  *why)
{
  g_autofree char *member_path = okc_json_path_member (path, member);

  okc_data_error_set_literal (error, OKC_DATA_ERROR_INVALID, member_path, why);
  return FALSE;
}

/* The times and the figures derived from them must agree: a record that does not is
 * broken, and the audit would bill from a lie. */
static gboolean
check_times (OkcChargingSession  *self,
             JsonObject          *object,
             const char          *path,
             GError             **error)
{
  gint64 duration = 0, idle = 0;

  if (self->started_at <= 0)
    return fail (error, path, "started_at", _("is after 1970"));
  if (self->ended_at < self->started_at)
    return fail (error, path, "ended_at", _("is before started_at"));
  if (self->ended_at - self->started_at > OKC_METERED_SESSION_MAX_SECONDS)
    return fail (error, path, "ended_at", _("a session lasts at most 31 days"));
  if (self->charging_ended_at != 0 &&
      (self->charging_ended_at < self->started_at || self->charging_ended_at > self->ended_at))
    return fail (error, path, "charging_ended_at", _("is between started_at and ended_at"));

  if (!okc_json_read_int64 (object, path, "duration_seconds", OKC_JSON_REQUIRED, &duration,
                            error) ||
      !okc_json_read_int64 (object, path, "idle_seconds", OKC_JSON_REQUIRED, &idle, error))
    return FALSE;
  if (duration != okc_charging_session_get_duration_seconds (self))
    return fail (error, path, "duration_seconds", _("is not ended_at − started_at"));
  if (idle != okc_charging_session_get_idle_seconds (self))
    return fail (error, path, "idle_seconds", _("is not ended_at − charging_ended_at"));
  return TRUE;
}

static gboolean
read_detail (OkcChargingSession  *self,
             JsonObject          *object,
             const char          *path,
             GError             **error)
{
  static const char * const sample_members[] = { "at", "wh", NULL };
  g_autofree char *samples_path = okc_json_path_member (path, "samples");
  g_autofree char *billed_path = okc_json_path_member (path, "billed");
  g_autoptr(OkcMeteredSession) meter = NULL;
  g_autoptr(OkcCostBreakdown) billed = NULL;
  JsonArray *samples = NULL;
  GError *inner = NULL;

  if (!okc_json_read_array (object, path, "samples", OKC_JSON_OPTIONAL, &samples, error))
    return FALSE;
  if (samples == NULL && !json_object_has_member (object, "billed"))
    return TRUE;  /* a summary */
  if (samples == NULL)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, samples_path,
                          "is required with billed");
      return FALSE;
    }

  meter = okc_metered_session_new (self->started_at, self->charging_ended_at, self->ended_at);
  for (guint i = 0; i < json_array_get_length (samples); i++)
    {
      g_autofree char *sample_path = okc_json_path_index (samples_path, i);
      JsonObject *sample = okc_json_node_get_object (json_array_get_element (samples, i),
                                                     sample_path, error);
      gint64 at = 0, wh = 0;

      if (sample == NULL || !okc_json_check_members (sample, sample_path, sample_members, error) ||
          !okc_json_read_time (sample, sample_path, "at", OKC_JSON_REQUIRED, &at, error) ||
          !okc_json_read_int64 (sample, sample_path, "wh", OKC_JSON_REQUIRED, &wh, error))
        return FALSE;
      okc_metered_session_add_sample (meter, at, wh);
    }
  if (!okc_metered_session_validate (meter, &inner))
    {
      prefix_error (error, path, inner);
      return FALSE;
    }
  if (json_array_get_length (samples) > 0 &&
      okc_metered_session_get_energy_wh (meter) != self->energy_wh)
    return fail (error, path, "energy_wh", _("is not the last sample minus the first"));

  billed = okc_cost_breakdown_new_from_json (json_object_get_member (object, "billed"),
                                             billed_path, error);
  if (billed == NULL)
    return FALSE;
  if (!okc_charging_session_set_billed (self, billed, &inner))
    {
      prefix_error (error, path, inner);
      return FALSE;
    }
  okc_charging_session_set_meter (self, meter);
  return TRUE;
}

/**
 * okc_charging_session_new_from_json:
 * @node: the Session of docs/sessions.md: a summary, or a detail with "samples" and "billed"
 * @path: (nullable): where @node is, for errors
 *
 * Strict about types and consistency (duration and idle time follow from the times, the
 * energy from the samples, the billed lines add up to billed_total); members it does not
 * know (a detail's "tariff", "neighbours") are ignored, as in every response.
 *
 * Returns: (transfer full) (nullable): the session, or %NULL with an #OKC_DATA_ERROR.
 */
OkcChargingSession *
okc_charging_session_new_from_json (JsonNode    *node,
                                    const char  *path,
                                    GError     **error)
{
  const char *id = NULL, *charger_id = NULL, *account_id = NULL, *account_name = NULL;
  const char *property_id = NULL, *property_name = NULL, *tariff_id = NULL;
  gint64 connector_id = 0, started = 0, charging_ended = 0, ended = 0, energy = 0;
  g_autoptr(OkcChargingSession) self = NULL;
  int outcome = 0, stop_reason = 0;
  OkcMoney billed_total;
  JsonObject *object;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !okc_json_read_string (object, path, "charger_id", OKC_JSON_NOT_EMPTY, &charger_id, error) ||
      !okc_json_read_int64 (object, path, "connector_id", OKC_JSON_REQUIRED, &connector_id,
                            error))
    return NULL;
  if (connector_id < 1 || connector_id > G_MAXINT32)
    {
      fail (error, path, "connector_id", _("is a connector number from 1"));
      return NULL;
    }
  if (!okc_json_read_string (object, path, "property_id", OKC_JSON_NULLABLE | OKC_JSON_NOT_EMPTY,
                             &property_id, error) ||
      !okc_json_read_string (object, path, "property_name", OKC_JSON_NULLABLE, &property_name,
                             error) ||
      !okc_json_read_string (object, path, "account_id", OKC_JSON_NOT_EMPTY, &account_id, error) ||
      !okc_json_read_string (object, path, "account_name", OKC_JSON_REQUIRED, &account_name,
                             error) ||
      !okc_json_read_string (object, path, "tariff_id", OKC_JSON_NOT_EMPTY, &tariff_id, error) ||
      !okc_json_read_time (object, path, "started_at", OKC_JSON_REQUIRED, &started, error) ||
      !okc_json_read_time (object, path, "charging_ended_at", OKC_JSON_NULLABLE,
                           &charging_ended, error) ||
      !okc_json_read_time (object, path, "ended_at", OKC_JSON_REQUIRED, &ended, error) ||
      !okc_json_read_int64 (object, path, "energy_wh", OKC_JSON_REQUIRED, &energy, error) ||
      !read_money (object, path, "billed_total", &billed_total, error) ||
      !okc_json_read_enum (object, path, "outcome", OKC_TYPE_SESSION_OUTCOME, OKC_JSON_REQUIRED,
                           &outcome, error) ||
      !okc_json_read_enum (object, path, "stop_reason", OKC_TYPE_STOP_REASON, OKC_JSON_REQUIRED,
                           &stop_reason, error))
    return NULL;
  if (energy < 0)
    {
      fail (error, path, "energy_wh", "is not negative");
      return NULL;
    }
  if (outcome == OKC_SESSION_OUTCOME_FAILED_TO_START && energy != 0)
    {
      fail (error, path, "outcome", _("is failed_to_start but the session delivered energy"));
      return NULL;
    }

  self = okc_charging_session_new (id, charger_id, (guint) connector_id, account_id, started,
                                   charging_ended, ended, energy, &billed_total, outcome,
                                   stop_reason);
  okc_charging_session_set_names (self, property_id, property_name, account_name, tariff_id);
  if (!check_times (self, object, path, error) || !read_detail (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_node (JsonBuilder *builder,
          const char  *member,
          JsonNode    *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_value (builder, value);
}

/**
 * okc_charging_session_to_json:
 * @with_detail: add "samples" and "billed" when the session has them
 *
 * Returns: (transfer full): the session in the shape okc_charging_session_new_from_json()
 *   reads.
 */
JsonNode *
okc_charging_session_to_json (OkcChargingSession *self,
                              gboolean            with_detail)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->id);
  okc_json_builder_add_string (builder, "charger_id", self->charger_id);
  add_int (builder, "connector_id", self->connector_id);
  okc_json_builder_add_string (builder, "property_id", self->property_id);
  okc_json_builder_add_string (builder, "property_name", self->property_name);
  okc_json_builder_add_string (builder, "account_id", self->account_id);
  okc_json_builder_add_string (builder, "account_name", self->account_name);
  okc_json_builder_add_string (builder, "tariff_id", self->tariff_id);
  okc_json_builder_add_time (builder, "started_at", self->started_at);
  if (self->charging_ended_at != 0)
    okc_json_builder_add_time (builder, "charging_ended_at", self->charging_ended_at);
  else
    okc_json_builder_add_string (builder, "charging_ended_at", NULL);
  okc_json_builder_add_time (builder, "ended_at", self->ended_at);
  add_int (builder, "duration_seconds", okc_charging_session_get_duration_seconds (self));
  add_int (builder, "energy_wh", self->energy_wh);
  add_int (builder, "idle_seconds", okc_charging_session_get_idle_seconds (self));
  add_node (builder, "billed_total", okc_money_to_json (&self->billed_total));
  okc_json_builder_add_string (builder, "outcome",
                               okc_enum_to_nick (OKC_TYPE_SESSION_OUTCOME, self->outcome));
  okc_json_builder_add_string (builder, "stop_reason",
                               okc_enum_to_nick (OKC_TYPE_STOP_REASON, self->stop_reason));

  if (with_detail && self->meter != NULL && self->billed != NULL)
    {
      guint n = 0;
      const OkcMeterSample *samples = okc_metered_session_get_samples (self->meter, &n);

      json_builder_set_member_name (builder, "samples");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          json_builder_begin_object (builder);
          okc_json_builder_add_time (builder, "at", samples[i].at);
          add_int (builder, "wh", samples[i].wh);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      add_node (builder, "billed", okc_cost_breakdown_to_json (self->billed));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

const char *
okc_charging_session_get_id (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), NULL);
  return self->id;
}

const char *
okc_charging_session_get_charger_id (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), NULL);
  return self->charger_id;
}

guint
okc_charging_session_get_connector_id (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), 0);
  return self->connector_id;
}

/**
 * okc_charging_session_get_property_id:
 *
 * Returns: (nullable): the property the charger belonged to then.
 */
const char *
okc_charging_session_get_property_id (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), NULL);
  return self->property_id;
}

/**
 * okc_charging_session_get_property_name:
 *
 * Returns: (nullable): its name.
 */
const char *
okc_charging_session_get_property_name (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), NULL);
  return self->property_name;
}

const char *
okc_charging_session_get_account_id (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), NULL);
  return self->account_id;
}

const char *
okc_charging_session_get_account_name (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), NULL);
  return self->account_name;
}

const char *
okc_charging_session_get_tariff_id (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), NULL);
  return self->tariff_id;
}

gint64
okc_charging_session_get_started_at (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), 0);
  return self->started_at;
}

gint64
okc_charging_session_get_charging_ended_at (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), 0);
  return self->charging_ended_at;
}

gint64
okc_charging_session_get_ended_at (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), 0);
  return self->ended_at;
}

gint64
okc_charging_session_get_duration_seconds (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), 0);
  return self->ended_at - self->started_at;
}

gint64
okc_charging_session_get_energy_wh (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), 0);
  return self->energy_wh;
}

gint64
okc_charging_session_get_idle_seconds (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), 0);
  return self->charging_ended_at != 0 ? self->ended_at - self->charging_ended_at : 0;
}

/**
 * okc_charging_session_get_billed_total:
 * @out: (out caller-allocates): what the customer was charged
 */
void
okc_charging_session_get_billed_total (OkcChargingSession *self,
                                       OkcMoney           *out)
{
  g_return_if_fail (OKC_IS_CHARGING_SESSION (self) && out != NULL);
  *out = self->billed_total;
}

OkcSessionOutcome
okc_charging_session_get_outcome (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), 0);
  return self->outcome;
}

OkcStopReason
okc_charging_session_get_stop_reason (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), 0);
  return self->stop_reason;
}

/**
 * okc_charging_session_get_meter:
 *
 * Returns: (transfer none) (nullable): the samples, %NULL on a summary.
 */
OkcMeteredSession *
okc_charging_session_get_meter (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), NULL);
  return self->meter;
}

/**
 * okc_charging_session_get_billed:
 *
 * Returns: (transfer none) (nullable): what was billed line by line, %NULL on a summary.
 */
OkcCostBreakdown *
okc_charging_session_get_billed (OkcChargingSession *self)
{
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (self), NULL);
  return self->billed;
}

const char *
okc_session_outcome_get_label (OkcSessionOutcome outcome)
{
  switch (outcome)
    {
    case OKC_SESSION_OUTCOME_COMPLETED:
      return C_("session outcome", "Completed");
    case OKC_SESSION_OUTCOME_INTERRUPTED:
      return _("Interrupted");
    case OKC_SESSION_OUTCOME_FAILED_TO_START:
      return _("Failed to start");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
okc_stop_reason_get_label (OkcStopReason reason)
{
  switch (reason)
    {
    case OKC_STOP_REASON_EV_DISCONNECTED:
      return _("EV disconnected");
    case OKC_STOP_REASON_LOCAL:
      return _("Stopped at the charger");
    case OKC_STOP_REASON_REMOTE:
      return _("Stopped remotely");
    case OKC_STOP_REASON_POWER_LOSS:
      return _("Power loss");
    case OKC_STOP_REASON_EMERGENCY_STOP:
      return _("Emergency stop");
    case OKC_STOP_REASON_HARD_RESET:
      return _("Hard reset");
    case OKC_STOP_REASON_SOFT_RESET:
      return _("Soft reset");
    case OKC_STOP_REASON_REBOOT:
      return _("Reboot");
    case OKC_STOP_REASON_UNLOCK_COMMAND:
      return _("Unlocked remotely");
    case OKC_STOP_REASON_DE_AUTHORIZED:
      return _("Not authorized");
    case OKC_STOP_REASON_ENERGY_LIMIT_REACHED:
      return _("Energy limit reached");
    case OKC_STOP_REASON_OTHER:
      return _("Other");
    default:
      g_return_val_if_reached (NULL);
    }
}
