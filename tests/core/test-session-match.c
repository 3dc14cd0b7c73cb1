/* test-session-match.c — the likely session for a ticket's reported time and amount
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core-test-util.h"

#define TICKET(topic, fields) \
  "{\"id\": \"TCK-000200\", \"topic\": \"" topic "\", \"status\": \"new\"," \
  " \"priority\": \"normal\", \"summary\": \"Why so expensive?\"," \
  " \"requester\": {\"name\": \"Dana Reyes\", \"email\": \"dana@example.com\"," \
  "                 \"phone\": null, \"audience\": \"guest\"}," \
  " \"property\": {\"id\": \"PRP-0001\", \"name\": \"Lakeview Lofts\"}," \
  " \"charger_id\": \"CH-10234\", \"assignee\": null, \"fields\": {" fields "}," \
  " \"attachments\": [], \"transcript\": [], \"created_at\": \"2026-11-24T08:03:00Z\"," \
  " \"updated_at\": \"2026-11-24T08:05:00Z\", \"version\": 1}"

#define USD(cents) "{\"amount\": " #cents ", \"currency\": \"USD\"}"

static OkcTicket *
ticket_from (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = okc_json_parse_bytes (bytes, &error);
  OkcTicket *ticket;

  g_assert_no_error (error);
  ticket = okc_ticket_new_from_json (node, NULL, &error);
  g_assert_no_error (error);
  return ticket;
}

static OkcChargingSession *
session (const char *id,
         const char *started,
         const char *ended,
         gint64      billed_cents)
{
  OkcMoney total;

  okc_money_init (&total, billed_cents, "USD");
  return okc_charging_session_new (id, "CH-10234", 1, "ACC-1", okc_test_time (started), okc_test_time (ended),
                                   okc_test_time (ended), 5000, &total, OKC_SESSION_OUTCOME_COMPLETED,
                                   OKC_STOP_REASON_EV_DISCONNECTED);
}

static OkcSessionReport *
report_from (const char *ticket_text)
{
  g_autoptr(OkcTicket) ticket = ticket_from (ticket_text);

  return okc_session_report_new_from_ticket (ticket);
}

static void
assert_order (GPtrArray          *sessions,
              const char * const *ids)
{
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_cmpstr (okc_charging_session_get_id (g_ptr_array_index (sessions, i)), ==, ids[i]);
}

static void
test_report_fields (void)
{
  g_autoptr(OkcSessionReport) five =
    report_from (TICKET ("cost-breakdown", "\"session_at\": \"2026-11-23T18:30:00Z\","
                                           " \"total_charged\": " USD (1579)));
  g_autoptr(OkcSessionReport) four =
    report_from (TICKET ("billing-dispute",
                         "\"session_times\": [\"2026-11-22T10:00:00Z\", \"2026-11-23T18:30:00Z\"],"
                         " \"amounts_charged\": [" USD (109) ", " USD (109) "]"));
  g_autoptr(OkcSessionReport) none = report_from (TICKET ("cost-breakdown", ""));
  gint64 from = 1, to = 2;

  g_assert_cmpuint (five->times->len, ==, 1);
  g_assert_cmpint (g_array_index (five->times, gint64, 0), ==, okc_test_time ("2026-11-23T18:30:00Z"));
  g_assert_cmpuint (five->amounts->len, ==, 1);
  g_assert_cmpint (g_array_index (five->amounts, OkcMoney, 0).amount, ==, 1579);

  g_assert_cmpuint (four->times->len, ==, 2);
  g_assert_cmpuint (four->amounts->len, ==, 2);
  g_assert_true (okc_session_report_get_window (four, &from, &to));
  /* 12 hours before the earliest, 12 hours after the latest. */
  g_assert_cmpint (from, ==, okc_test_time ("2026-11-21T22:00:00Z"));
  g_assert_cmpint (to, ==, okc_test_time ("2026-11-24T06:30:00Z"));

  g_assert_cmpuint (none->times->len, ==, 0);
  g_assert_cmpuint (none->amounts->len, ==, 0);
  g_assert_false (okc_session_report_get_window (none, &from, &to));
  g_assert_cmpint (from, ==, okc_test_time ("2026-11-21T22:00:00Z"));
}

static void
test_rank_by_time (void)
{
  g_autoptr(OkcSessionReport) report =
    report_from (TICKET ("cost-breakdown", "\"session_at\": \"2026-11-23T18:30:00Z\""));
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  static const char * const order[] = { "SES-3", "SES-2", "SES-4", "SES-1", NULL };

  g_ptr_array_add (sessions, session ("SES-1", "2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z", 500));
  g_ptr_array_add (sessions, session ("SES-2", "2026-11-23T16:00:00Z", "2026-11-23T18:00:00Z", 600));
  /* The reported time is inside this one: distance 0. */
  g_ptr_array_add (sessions, session ("SES-3", "2026-11-23T18:10:00Z", "2026-11-23T19:00:00Z", 700));
  g_ptr_array_add (sessions, session ("SES-4", "2026-11-23T19:30:00Z", "2026-11-23T20:00:00Z", 800));

  g_assert_cmpint (okc_session_match_rank (report, sessions), ==, 0);
  assert_order (sessions, order);
}

static void
test_rank_ties (void)
{
  g_autoptr(OkcSessionReport) report =
    report_from (TICKET ("cost-breakdown", "\"session_at\": \"2026-11-23T18:30:00Z\""));
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);

  /* One ended an hour before, one starts an hour after: equally near, the earlier first;
   * the same start: by id. */
  g_ptr_array_add (sessions, session ("SES-9", "2026-11-23T19:30:00Z", "2026-11-23T20:00:00Z", 100));
  g_ptr_array_add (sessions, session ("SES-8", "2026-11-23T16:00:00Z", "2026-11-23T17:30:00Z", 100));
  g_ptr_array_add (sessions, session ("SES-7", "2026-11-23T19:30:00Z", "2026-11-23T21:00:00Z", 100));
  g_assert_cmpint (okc_session_match_rank (report, sessions), ==, 0);
  g_assert_cmpstr (okc_charging_session_get_id (g_ptr_array_index (sessions, 0)), ==, "SES-8");
  g_assert_cmpstr (okc_charging_session_get_id (g_ptr_array_index (sessions, 1)), ==, "SES-7");
  g_assert_cmpstr (okc_charging_session_get_id (g_ptr_array_index (sessions, 2)), ==, "SES-9");
}

static void
test_rank_amount_beats_time (void)
{
  g_autoptr(OkcSessionReport) report =
    report_from (TICKET ("cost-breakdown", "\"session_at\": \"2026-11-23T18:30:00Z\","
                                           " \"total_charged\": " USD (1579)));
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (sessions, session ("SES-10", "2026-11-23T18:00:00Z", "2026-11-23T19:00:00Z", 700));
  /* Five hours away, but the amount reported; a nearer one with it comes first. */
  g_ptr_array_add (sessions, session ("SES-11", "2026-11-23T11:00:00Z", "2026-11-23T13:30:00Z", 1579));
  g_ptr_array_add (sessions, session ("SES-12", "2026-11-23T14:00:00Z", "2026-11-23T15:30:00Z", 1579));
  /* The same amount in another currency is not the amount reported. */
  {
    OkcMoney euros;

    okc_money_init (&euros, 1579, "EUR");
    g_ptr_array_add (sessions, okc_charging_session_new ("SES-13", "CH-10234", 1, "ACC-1",
                                                         okc_test_time ("2026-11-23T18:20:00Z"),
                                                         okc_test_time ("2026-11-23T18:40:00Z"),
                                                         okc_test_time ("2026-11-23T18:40:00Z"), 100, &euros,
                                                         OKC_SESSION_OUTCOME_COMPLETED,
                                                         OKC_STOP_REASON_EV_DISCONNECTED));
  }
  g_assert_cmpint (okc_session_match_rank (report, sessions), ==, 0);
  /* SES-13 and SES-10 both contain 18:30: tied at 0, the earlier start first. */
  {
    static const char * const tied[] = { "SES-12", "SES-11", "SES-10", "SES-13", NULL };

    assert_order (sessions, tied);
  }
}

static void
test_rank_none_near (void)
{
  g_autoptr(OkcSessionReport) report =
    report_from (TICKET ("cost-breakdown", "\"session_at\": \"2026-11-23T18:30:00Z\","
                                           " \"total_charged\": " USD (999)));
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();

  /* 3 h 1 s before and 3 h 1 s after: ordered, none marked. */
  g_ptr_array_add (sessions, session ("SES-21", "2026-11-23T21:30:01Z", "2026-11-23T22:00:00Z", 100));
  g_ptr_array_add (sessions, session ("SES-20", "2026-11-23T14:00:00Z", "2026-11-23T15:29:59Z", 100));
  g_assert_cmpint (okc_session_match_rank (report, sessions), ==, -1);
  g_assert_cmpstr (okc_charging_session_get_id (g_ptr_array_index (sessions, 0)), ==, "SES-20");
  g_assert_cmpint (okc_session_match_rank (report, empty), ==, -1);

  /* Exactly 3 h away is near enough. */
  g_ptr_array_add (sessions, session ("SES-22", "2026-11-23T21:30:00Z", "2026-11-23T22:00:00Z", 100));
  g_assert_cmpint (okc_session_match_rank (report, sessions), ==, 0);
  g_assert_cmpstr (okc_charging_session_get_id (g_ptr_array_index (sessions, 0)), ==, "SES-22");
}

static void
test_rank_amount_only (void)
{
  g_autoptr(OkcSessionReport) report =
    report_from (TICKET ("billing-dispute", "\"amounts_charged\": [" USD (109) "]"));
  g_autoptr(OkcSessionReport) nothing = report_from (TICKET ("billing-dispute", ""));
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (sessions, session ("SES-31", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z", 500));
  g_ptr_array_add (sessions, session ("SES-30", "2026-11-20T12:00:00Z", "2026-11-20T12:02:00Z", 109));
  g_assert_cmpint (okc_session_match_rank (report, sessions), ==, 0);
  g_assert_cmpstr (okc_charging_session_get_id (g_ptr_array_index (sessions, 0)), ==, "SES-30");
  /* No time and no amount: nothing is likely. */
  g_assert_cmpint (okc_session_match_rank (nothing, sessions), ==, -1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session-match/report-fields", test_report_fields);
  g_test_add_func ("/session-match/by-time", test_rank_by_time);
  g_test_add_func ("/session-match/ties", test_rank_ties);
  g_test_add_func ("/session-match/amount-beats-time", test_rank_amount_beats_time);
  g_test_add_func ("/session-match/none-near", test_rank_none_near);
  g_test_add_func ("/session-match/amount-only", test_rank_amount_only);

  return g_test_run ();
}
