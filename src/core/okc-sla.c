/* okc-sla.c — the SLA policy table and the clock that runs against it
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include "okc-sla.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#define H(hours) ((hours) * 60)

/* docs/sla.md explains each row. Urgent is 2 h everywhere; a charger that is down or a
 * guest standing at a charger that will not start is time-critical, so those topics are
 * tighter at high and normal priority; paperwork (payout statements) is looser. */
#define ROW(topic, low, normal, high, urgent) \
  { topic, OKC_PRIORITY_LOW, H (low) }, \
  { topic, OKC_PRIORITY_NORMAL, H (normal) }, \
  { topic, OKC_PRIORITY_HIGH, H (high) }, \
  { topic, OKC_PRIORITY_URGENT, H (urgent) }

static const OkcSlaTarget policy[] = {
  ROW ("charger-offline", 24, 8, 4, 2),
  ROW ("not-charging", 24, 12, 4, 2),
  ROW ("no-permission", 24, 12, 4, 2),
  ROW ("billing-dispute", 72, 24, 8, 2),
  ROW ("cost-breakdown", 72, 24, 8, 2),
  ROW ("cancel-or-delete", 72, 24, 8, 2),
  ROW ("change-email", 72, 24, 8, 2),
  ROW ("charger-assignment", 72, 24, 8, 2),
  ROW ("guest-cannot-start", 24, 8, 4, 2),
  ROW ("payouts-reporting", 72, 48, 8, 2),
};

/**
 * okc_sla_policy_get_all:
 * @n_targets: (out): the number of rows
 *
 * Returns: (transfer none) (array length=n_targets): the whole policy, topic by topic in
 *   the article's order, priorities from low to urgent.
 */
const OkcSlaTarget *
okc_sla_policy_get_all (guint *n_targets)
{
  g_return_val_if_fail (n_targets != NULL, NULL);

  *n_targets = G_N_ELEMENTS (policy);
  return policy;
}

/**
 * okc_sla_policy_lookup:
 * @topic: a topic of okc_topic_get_all()
 * @priority: a priority
 *
 * Returns: (transfer none) (nullable): the target for the pair; %NULL only for a topic
 *   that is not in the policy, which test-sla makes sure never happens.
 */
const OkcSlaTarget *
okc_sla_policy_lookup (const OkcTopic *topic,
                       OkcPriority     priority)
{
  g_return_val_if_fail (topic != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (policy); i++)
    if (policy[i].priority == priority && g_str_equal (policy[i].topic_id, topic->id))
      return &policy[i];
  return NULL;
}

/**
 * okc_sla_status_runs_clock:
 * @status: a ticket status
 *
 * Returns: whether the SLA clock runs in @status: while the ticket is with support (new,
 *   open, waiting_approval).
 */
gboolean
okc_sla_status_runs_clock (OkcTicketStatus status)
{
  return status == OKC_TICKET_STATUS_NEW || status == OKC_TICKET_STATUS_OPEN ||
         status == OKC_TICKET_STATUS_WAITING_APPROVAL;
}

/**
 * okc_sla_status_has_due:
 * @status: a ticket status
 *
 * Returns: whether a ticket in @status has a due time: every status but resolved.
 */
gboolean
okc_sla_status_has_due (OkcTicketStatus status)
{
  return status != OKC_TICKET_STATUS_RESOLVED;
}

/**
 * okc_sla_clock_update:
 * @clock: the ticket's clock
 * @status: the status the ticket moves to
 * @now: when it moves
 *
 * Starts a pause when the ticket starts waiting for the customer, ends it (adding its
 * length to @clock's paused time) when it leaves that status. Moving between two statuses
 * of the same kind changes nothing.
 */
void
okc_sla_clock_update (OkcSlaClock     *clock,
                      OkcTicketStatus  status,
                      gint64           now)
{
  g_return_if_fail (clock != NULL);

  if (status == OKC_TICKET_STATUS_WAITING_CUSTOMER)
    {
      if (clock->paused_since == 0)
        clock->paused_since = now;
      return;
    }
  if (clock->paused_since != 0)
    {
      clock->paused_seconds += MAX (now - clock->paused_since, 0);
      clock->paused_since = 0;
    }
}

/**
 * okc_sla_compute_due_at:
 * @created_at: when the ticket was handed off
 * @target: its target
 * @clock: its clock
 * @status: its status
 *
 * The due time is @created_at + the target + the time paused in pauses that have ended.
 * While paused, that is the time it was due when the pause began; it moves on when the
 * pause ends.
 *
 * Returns: the due time, or 0 for a resolved ticket, which has none.
 */
gint64
okc_sla_compute_due_at (gint64              created_at,
                        const OkcSlaTarget *target,
                        const OkcSlaClock  *clock,
                        OkcTicketStatus     status)
{
  g_return_val_if_fail (target != NULL, 0);
  g_return_val_if_fail (clock != NULL, 0);

  if (!okc_sla_status_has_due (status))
    return 0;
  return created_at + (gint64) target->resolve_within_minutes * 60 + clock->paused_seconds;
}

/**
 * okc_sla_get_state:
 * @due_at: the due time, 0 for none
 * @paused: whether the clock is paused
 * @now: the current time
 *
 * Warning when less than %OKC_SLA_WARNING_SECONDS are left (now > due_at − 30 min),
 * breached when @now >= @due_at. A paused clock is paused whatever the due time.
 *
 * Returns: the state.
 */
OkcSlaState
okc_sla_get_state (gint64   due_at,
                   gboolean paused,
                   gint64   now)
{
  if (due_at == 0)
    return OKC_SLA_STATE_NONE;
  if (paused)
    return OKC_SLA_STATE_PAUSED;
  if (now >= due_at)
    return OKC_SLA_STATE_BREACHED;
  if (due_at - now < OKC_SLA_WARNING_SECONDS)
    return OKC_SLA_STATE_WARNING;
  return OKC_SLA_STATE_OK;
}

/* Whole units, rounded down: "3 d 4 h", "2 h 10 min", "2 h", "45 min". */
static char *
format_duration (gint64 seconds)
{
  gint64 minutes = seconds / 60, hours = minutes / 60, days = hours / 24;

  if (days > 0)
    {
      if (hours % 24 == 0)
        /* Translators: a duration in days, "3 d" */
        return g_strdup_printf (_("%" PRId64 " d"), days);
      /* Translators: a duration in days and hours, "3 d 4 h" */
      return g_strdup_printf (_("%" PRId64 " d %" PRId64 " h"), days,
                              hours % 24);
    }
  if (hours > 0)
    {
      if (minutes % 60 == 0)
        /* Translators: a duration in hours, "2 h" */
        return g_strdup_printf (_("%" PRId64 " h"), hours);
      /* Translators: a duration in hours and minutes, "2 h 10 min" */
      return g_strdup_printf (_("%" PRId64 " h %" PRId64 " min"), hours,
                              minutes % 60);
    }
  /* Translators: a duration in minutes, "45 min" */
  return g_strdup_printf (_("%" PRId64 " min"), minutes);
}

/**
 * okc_sla_format_remaining:
 * @due_at: the due time, not 0
 * @now: the current time
 *
 * "2 h 10 min left", "less than 1 min left", "breached 3 h 5 min ago", "breached just
 * now". Whole units, rounded down; a past due time always says how long ago, never "0 min
 * left".
 *
 * Returns: (transfer full): the text, translated.
 */
char *
okc_sla_format_remaining (gint64 due_at,
                          gint64 now)
{
  g_autofree char *duration = NULL;

  if (now < due_at)
    {
      if (due_at - now < 60)
        return g_strdup (_("less than 1 min left"));
      duration = format_duration (due_at - now);
      /* Translators: the time left to resolve a ticket, "2 h 10 min left" */
      return g_strdup_printf (_("%s left"), duration);
    }
  if (now - due_at < 60)
    return g_strdup (_("breached just now"));
  duration = format_duration (now - due_at);
  /* Translators: how long ago a ticket's due time passed, "breached 3 h 5 min ago" */
  return g_strdup_printf (_("breached %s ago"), duration);
}
