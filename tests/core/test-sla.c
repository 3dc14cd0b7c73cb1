/* test-sla.c — the SLA policy table, due times with pauses, states and their wording
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

static void
test_policy_complete (void)
{
  guint n_topics, n_targets;
  const OkcTopic *topics = okc_topic_get_all (&n_topics);
  const OkcSlaTarget *targets = okc_sla_policy_get_all (&n_targets);

  g_assert_cmpuint (n_targets, ==, n_topics * 4);
  for (guint i = 0; i < n_topics; i++)
    {
      guint previous = G_MAXUINT;

      for (int p = OKC_PRIORITY_LOW; p <= OKC_PRIORITY_URGENT; p++)
        {
          const OkcSlaTarget *target = okc_sla_policy_lookup (&topics[i], p);

          g_test_message ("topic %s priority %d", topics[i].id, p);
          g_assert_nonnull (target);
          g_assert_cmpstr (target->topic_id, ==, topics[i].id);
          g_assert_cmpint (target->priority, ==, p);
          /* The warning margin rests on this: 25 % of 2 h is the 30 min. */
          g_assert_cmpuint (target->resolve_within_minutes, >=, OKC_SLA_MIN_TARGET_MINUTES);
          /* A more urgent priority never has more time. */
          g_assert_cmpuint (target->resolve_within_minutes, <=, previous);
          previous = target->resolve_within_minutes;
        }
    }
  for (guint i = 0; i < n_targets; i++)
    g_assert_nonnull (okc_topic_lookup (targets[i].topic_id));
}

static void
test_policy_values (void)
{
  static const struct
  {
    const char *topic;
    OkcPriority priority;
    guint minutes;
  } cases[] = {
    { "charger-offline", OKC_PRIORITY_URGENT, 120 },
    { "charger-offline", OKC_PRIORITY_HIGH, 240 },
    { "charger-offline", OKC_PRIORITY_NORMAL, 480 },
    { "guest-cannot-start", OKC_PRIORITY_NORMAL, 480 },
    { "billing-dispute", OKC_PRIORITY_HIGH, 480 },
    { "billing-dispute", OKC_PRIORITY_NORMAL, 1440 },
    { "billing-dispute", OKC_PRIORITY_LOW, 4320 },
    { "payouts-reporting", OKC_PRIORITY_NORMAL, 2880 },
    { "payouts-reporting", OKC_PRIORITY_URGENT, 120 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const OkcSlaTarget *target =
        okc_sla_policy_lookup (okc_topic_lookup (cases[i].topic), cases[i].priority);

      g_assert_cmpuint (target->resolve_within_minutes, ==, cases[i].minutes);
    }
}

static void
test_due_with_pauses (void)
{
  const OkcSlaTarget *target =
    okc_sla_policy_lookup (okc_topic_lookup ("charger-offline"), OKC_PRIORITY_HIGH);
  const gint64 created = 1795512600;
  OkcSlaClock clock = { 0, 0 };

  g_assert_cmpint (okc_sla_compute_due_at (created, target, &clock, OKC_TICKET_STATUS_NEW), ==,
                   created + 4 * 3600);

  /* Open at +10 min: the clock keeps running. */
  okc_sla_clock_update (&clock, OKC_TICKET_STATUS_OPEN, created + 600);
  g_assert_cmpint (clock.paused_since, ==, 0);

  /* Waiting for the customer from +1 h to +2 h 30 min. */
  okc_sla_clock_update (&clock, OKC_TICKET_STATUS_WAITING_CUSTOMER, created + 3600);
  g_assert_cmpint (clock.paused_since, ==, created + 3600);
  g_assert_cmpint (okc_sla_compute_due_at (created, target, &clock,
                                           OKC_TICKET_STATUS_WAITING_CUSTOMER), ==,
                   created + 4 * 3600);
  /* A second waiting_customer does not restart the pause. */
  okc_sla_clock_update (&clock, OKC_TICKET_STATUS_WAITING_CUSTOMER, created + 5000);
  g_assert_cmpint (clock.paused_since, ==, created + 3600);
  okc_sla_clock_update (&clock, OKC_TICKET_STATUS_OPEN, created + 9000);
  g_assert_cmpint (clock.paused_seconds, ==, 5400);
  g_assert_cmpint (clock.paused_since, ==, 0);
  g_assert_cmpint (okc_sla_compute_due_at (created, target, &clock, OKC_TICKET_STATUS_OPEN), ==,
                   created + 4 * 3600 + 5400);

  /* A second pause adds up; waiting_approval runs the clock. */
  okc_sla_clock_update (&clock, OKC_TICKET_STATUS_WAITING_CUSTOMER, created + 10000);
  okc_sla_clock_update (&clock, OKC_TICKET_STATUS_WAITING_APPROVAL, created + 10060);
  g_assert_cmpint (clock.paused_seconds, ==, 5460);

  /* A priority change: the new target, the same paused time. */
  target = okc_sla_policy_lookup (okc_topic_lookup ("charger-offline"), OKC_PRIORITY_URGENT);
  g_assert_cmpint (okc_sla_compute_due_at (created, target, &clock,
                                           OKC_TICKET_STATUS_WAITING_APPROVAL), ==,
                   created + 2 * 3600 + 5460);

  /* Resolved: no due time; resolving while paused ends the pause. */
  okc_sla_clock_update (&clock, OKC_TICKET_STATUS_WAITING_CUSTOMER, created + 20000);
  okc_sla_clock_update (&clock, OKC_TICKET_STATUS_RESOLVED, created + 20100);
  g_assert_cmpint (clock.paused_seconds, ==, 5560);
  g_assert_cmpint (okc_sla_compute_due_at (created, target, &clock, OKC_TICKET_STATUS_RESOLVED),
                   ==, 0);
  g_assert_true (okc_sla_status_runs_clock (OKC_TICKET_STATUS_NEW));
  g_assert_true (okc_sla_status_runs_clock (OKC_TICKET_STATUS_WAITING_APPROVAL));
  g_assert_false (okc_sla_status_runs_clock (OKC_TICKET_STATUS_WAITING_CUSTOMER));
  g_assert_false (okc_sla_status_runs_clock (OKC_TICKET_STATUS_RESOLVED));
}

static void
test_state_boundaries (void)
{
  const gint64 due = 1795512600;

  g_assert_cmpint (okc_sla_get_state (due, FALSE, due - 7200), ==, OKC_SLA_STATE_OK);
  g_assert_cmpint (okc_sla_get_state (due, FALSE, due - 1801), ==, OKC_SLA_STATE_OK);
  g_assert_cmpint (okc_sla_get_state (due, FALSE, due - 1800), ==, OKC_SLA_STATE_OK);
  g_assert_cmpint (okc_sla_get_state (due, FALSE, due - 1799), ==, OKC_SLA_STATE_WARNING);
  g_assert_cmpint (okc_sla_get_state (due, FALSE, due - 1), ==, OKC_SLA_STATE_WARNING);
  g_assert_cmpint (okc_sla_get_state (due, FALSE, due), ==, OKC_SLA_STATE_BREACHED);
  g_assert_cmpint (okc_sla_get_state (due, FALSE, due + 1), ==, OKC_SLA_STATE_BREACHED);
  g_assert_cmpint (okc_sla_get_state (due, TRUE, due - 7200), ==, OKC_SLA_STATE_PAUSED);
  g_assert_cmpint (okc_sla_get_state (due, TRUE, due + 7200), ==, OKC_SLA_STATE_PAUSED);
  g_assert_cmpint (okc_sla_get_state (0, FALSE, due), ==, OKC_SLA_STATE_NONE);
  g_assert_cmpint (okc_sla_get_state (0, TRUE, due), ==, OKC_SLA_STATE_NONE);
}

static void
test_format (void)
{
  static const struct
  {
    gint64 offset;
    const char *text;
  } cases[] = {
    { 2 * 3600 + 10 * 60, "2 h 10 min left" },
    { 2 * 3600 + 10 * 60 + 59, "2 h 10 min left" },
    { 2 * 3600, "2 h left" },
    { 45 * 60, "45 min left" },
    { 60, "1 min left" },
    { 59, "less than 1 min left" },
    { 1, "less than 1 min left" },
    { 3 * 86400 + 4 * 3600, "3 d 4 h left" },
    { 2 * 86400, "2 d left" },
    { 0, "breached just now" },
    { -59, "breached just now" },
    { -60, "breached 1 min ago" },
    { -(3 * 3600 + 5 * 60), "breached 3 h 5 min ago" },
    { -(3 * 3600 + 5 * 60 + 30), "breached 3 h 5 min ago" },
    { -(26 * 3600), "breached 1 d 2 h ago" },
  };
  const gint64 due = 1795512600;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = okc_sla_format_remaining (due, due - cases[i].offset);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Sla/policy-complete", test_policy_complete);
  g_test_add_func ("/Okc/Sla/policy-values", test_policy_values);
  g_test_add_func ("/Okc/Sla/due-with-pauses", test_due_with_pauses);
  g_test_add_func ("/Okc/Sla/state-boundaries", test_state_boundaries);
  g_test_add_func ("/Okc/Sla/format", test_format);

  return g_test_run ();
}
