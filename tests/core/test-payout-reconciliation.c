/* test-payout-reconciliation.c — every rule of docs/payouts.md, to the cent, with cases
 * worked out by hand
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-core-test-util.h"

#define T(text) okc_test_time (text)

/* The contract's example week, Lakeview Lofts in New York: Mon 2 to Sun 8 November 2026. */
#define WEEK_START "2026-11-02T05:00:00Z"
#define WEEK_CUTOFF "2026-11-09T05:00:00Z"

static OkcPayoutReconciliation *
new_week (void)
{
  return okc_payout_reconciliation_new ("USD", T (WEEK_START), T (WEEK_CUTOFF));
}

static gboolean
add_session (OkcPayoutReconciliation *self,
             const char              *id,
             const char              *started_at,
             const char              *ended_at,
             gint64                   gross,
             gint64                   processing_fee)
{
  OkcPayoutSession session = {
    .id = (char *) id, .charger_id = (char *) "CH-10234",
    .started_at = T (started_at), .ended_at = T (ended_at),
    .gross = gross, .processing_fee = processing_fee,
  };

  return okc_payout_reconciliation_add_session (self, &session);
}

static gboolean
add_refund (OkcPayoutReconciliation *self,
            const char              *id,
            const char              *settled_at,
            gint64                   amount)
{
  OkcPayoutRefund refund = {
    .id = (char *) id, .session_id = (char *) "SES-0000001",
    .settled_at = T (settled_at), .amount = amount,
  };

  return okc_payout_reconciliation_add_refund (self, &refund);
}

static void
add_carry (OkcPayoutReconciliation *self,
           const char              *payout_id,
           const char              *period_from,
           const char              *period_to,
           gint64                   amount)
{
  OkcPayoutCarry carry = {
    .payout_id = (char *) payout_id, .period_from = (char *) period_from,
    .period_to = (char *) period_to, .amount = amount,
  };

  okc_payout_reconciliation_add_carry (self, &carry);
}

static void
add_credit (OkcPayoutReconciliation *self,
            const char              *id,
            gint64                   amount)
{
  OkcPayoutCredit credit = {
    .id = (char *) id, .payout_id = (char *) "PAY-00009", .amount = amount,
    .reason = (char *) "SES-0000042 was left out of PAY-00009",
  };

  okc_payout_reconciliation_add_credit (self, &credit);
}

static OkcPayoutTotals
compute (OkcPayoutReconciliation *self)
{
  g_autoptr(GError) error = NULL;
  OkcPayoutTotals totals;

  g_assert_true (okc_payout_reconciliation_compute (self, &totals, &error));
  g_assert_no_error (error);
  return totals;
}

static void
assert_bounds (const char *zone_name,
               int         year,
               int         month,
               int         day,
               const char *start,
               const char *cutoff)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);
  g_autoptr(GDate) monday = g_date_new_dmy (day, month, year);
  gint64 got_start = 0, got_cutoff = 0;

  g_assert_nonnull (zone);
  g_assert_true (okc_payout_week_bounds (zone, monday, &got_start, &got_cutoff));
  g_assert_cmpint (got_start, ==, T (start));
  g_assert_cmpint (got_cutoff, ==, T (cutoff));
}

/* Rule 1's period: local midnights, by calendar days, in the property's zone. */
static void
test_week_bounds (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDate) tuesday = g_date_new_dmy (3, 11, 2026);
  gint64 start, cutoff;

  /* EST all week: 7 × 24 h. */
  assert_bounds ("America/New_York", 2026, 11, 2, WEEK_START, WEEK_CUTOFF);
  /* Clocks go back on Sun 1 November: the week starts at EDT's midnight, ends at EST's, 169 h. */
  assert_bounds ("America/New_York", 2026, 10, 26, "2026-10-26T04:00:00Z", "2026-11-02T05:00:00Z");
  /* Forward on Sun 8 March: 167 h. */
  assert_bounds ("America/New_York", 2026, 3, 2, "2026-03-02T05:00:00Z", "2026-03-09T04:00:00Z");
  /* East of UTC, the cut-off is the evening before in UTC. */
  assert_bounds ("Europe/Berlin", 2026, 11, 2, "2026-11-01T23:00:00Z", "2026-11-08T23:00:00Z");
  assert_bounds ("UTC", 2026, 11, 2, "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z");

  g_assert_false (okc_payout_week_bounds (zone, tuesday, &start, &cutoff));
}

/* Rule 1: by end time; the cut-off itself belongs to the next week. */
static void
test_placement (void)
{
  g_autoptr(OkcPayoutReconciliation) r = new_week ();
  const OkcPayoutSession *sessions;
  guint n;

  g_assert_true (add_session (r, "SES-COVERED", "2026-11-03T14:00:00Z", "2026-11-03T15:00:00Z",
                              1000, 0));
  g_assert_true (add_session (r, "SES-BEFORE", "2026-11-02T03:00:00Z", "2026-11-02T06:00:00Z",
                              1000, 0));
  /* Ended at the cut-off: settled in the next payout. */
  g_assert_true (add_session (r, "SES-AT-CUTOFF", "2026-11-09T03:00:00Z", WEEK_CUTOFF, 1000, 0));
  g_assert_true (add_session (r, "SES-LAST", "2026-11-09T04:00:00Z", "2026-11-09T04:59:59Z",
                              1000, 0));
  /* Ended at the period's start: this week's (and it started before it). */
  g_assert_true (add_session (r, "SES-AT-START", "2026-11-02T04:00:00Z", WEEK_START, 1000, 0));
  /* Neither: the week before's, the week after's, and one that spans the whole week. */
  g_assert_false (add_session (r, "SES-EARLIER", "2026-11-01T10:00:00Z", "2026-11-02T04:59:59Z",
                               1000, 0));
  g_assert_false (add_session (r, "SES-LATER", WEEK_CUTOFF, "2026-11-09T06:00:00Z", 1000, 0));
  g_assert_false (add_session (r, "SES-SPANS", "2026-11-01T00:00:00Z", "2026-11-10T00:00:00Z",
                               1000, 0));

  sessions = okc_payout_reconciliation_get_sessions (r, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (sessions[0].id, ==, "SES-AT-START");
  g_assert_cmpint (sessions[0].placement, ==, OKC_PAYOUT_PLACEMENT_STARTED_BEFORE);
  g_assert_cmpstr (sessions[1].id, ==, "SES-BEFORE");
  g_assert_cmpint (sessions[1].placement, ==, OKC_PAYOUT_PLACEMENT_STARTED_BEFORE);
  g_assert_cmpstr (sessions[2].id, ==, "SES-COVERED");
  g_assert_cmpint (sessions[2].placement, ==, OKC_PAYOUT_PLACEMENT_COVERED);
  g_assert_cmpstr (sessions[3].id, ==, "SES-LAST");
  g_assert_cmpint (sessions[3].placement, ==, OKC_PAYOUT_PLACEMENT_COVERED);
  g_assert_cmpstr (sessions[4].id, ==, "SES-AT-CUTOFF");
  g_assert_cmpint (sessions[4].placement, ==, OKC_PAYOUT_PLACEMENT_DEFERRED);

  /* The deferred one is listed, not counted: 4 × $10.00. */
  g_assert_cmpint (compute (r).gross, ==, 4000);
}

/* Rule 1 in a DST week: a session ending at 23:30 local on the Sunday clocks went back. */
static void
test_placement_dst_week (void)
{
  g_autoptr(OkcPayoutReconciliation) r = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDate) monday = g_date_new_dmy (26, 10, 2026);
  gint64 start, cutoff;

  g_assert_true (okc_payout_week_bounds (zone, monday, &start, &cutoff));
  r = okc_payout_reconciliation_new ("USD", start, cutoff);
  /* 23:30 EST Sunday is 04:30Z Monday: before the 05:00Z cut-off, in this week. 24 h after
   * the start's offset would have put the cut-off at 04:00Z and this session in the next. */
  g_assert_true (add_session (r, "SES-SUNDAY-NIGHT", "2026-11-02T03:00:00Z",
                              "2026-11-02T04:30:00Z", 2500, 100));
  /* 00:30 EDT Monday the 26th is 04:30Z: in the week. */
  g_assert_true (add_session (r, "SES-MONDAY", "2026-10-26T04:10:00Z", "2026-10-26T04:30:00Z",
                              1500, 60));
  g_assert_cmpint (compute (r).gross, ==, 4000);
  g_assert_cmpint (compute (r).processing_fees, ==, 160);
}

static gint64
platform_fee_of (gint64 gross,
                 gint64 processing_fee)
{
  g_autoptr(OkcPayoutReconciliation) r = new_week ();

  add_session (r, "SES-1", "2026-11-03T14:00:00Z", "2026-11-03T15:00:00Z", gross,
               processing_fee);
  return compute (r).platform_fee;
}

/* Rule 4: 5 % of gross less processing, half up, once on the sum. */
static void
test_platform_fee (void)
{
  g_autoptr(OkcPayoutReconciliation) two = new_week ();

  g_assert_cmpint (platform_fee_of (10000, 0), ==, 500);
  g_assert_cmpint (platform_fee_of (10010, 0), ==, 501);    /* 500.5 up */
  g_assert_cmpint (platform_fee_of (10009, 0), ==, 500);    /* 500.45 down */
  g_assert_cmpint (platform_fee_of (10011, 0), ==, 501);    /* 500.55 up */
  g_assert_cmpint (platform_fee_of (10030, 20), ==, 501);   /* base 10010 */
  g_assert_cmpint (platform_fee_of (10, 0), ==, 1);         /* 0.5 up */
  g_assert_cmpint (platform_fee_of (9, 0), ==, 0);          /* 0.45 down */
  g_assert_cmpint (platform_fee_of (30, 30), ==, 0);        /* base 0 */
  g_assert_cmpint (platform_fee_of (30, 40), ==, 0);        /* base −10 */
  g_assert_cmpint (platform_fee_of (0, 0), ==, 0);

  /* Two sessions of 10 ¢: per session it would be 1 + 1; on the sum, 20 × 5 % = 1. */
  add_session (two, "SES-1", "2026-11-03T14:00:00Z", "2026-11-03T15:00:00Z", 10, 0);
  add_session (two, "SES-2", "2026-11-04T14:00:00Z", "2026-11-04T15:00:00Z", 10, 0);
  g_assert_cmpint (compute (two).platform_fee, ==, 1);
}

/* Rule 5: by the refund's settlement, not the session's payout; the period's bounds. */
static void
test_refunds (void)
{
  g_autoptr(OkcPayoutReconciliation) r = new_week ();
  const OkcPayoutRefund *refunds;
  guint n;

  g_assert_true (add_refund (r, "RFD-AT-START", WEEK_START, 480));
  g_assert_true (add_refund (r, "RFD-IN", "2026-11-06T12:00:00Z", 1215));
  g_assert_false (add_refund (r, "RFD-BEFORE", "2026-11-02T04:59:59Z", 300));
  g_assert_false (add_refund (r, "RFD-AT-CUTOFF", WEEK_CUTOFF, 700));
  refunds = okc_payout_reconciliation_get_refunds (r, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (refunds[1].id, ==, "RFD-IN");
  g_assert_cmpint (compute (r).refunds, ==, 1695);
  /* No revenue this week: −16.95, carried over. */
  g_assert_cmpint (compute (r).expected, ==, -1695);
  g_assert_cmpint (compute (r).payable, ==, 0);
}

/* The week the contract's example would have, every line at once. */
static OkcPayoutReconciliation *
new_full_week (void)
{
  OkcPayoutReconciliation *r = new_week ();

  add_session (r, "SES-0000040", "2026-11-01T22:00:00Z", "2026-11-02T07:00:00Z", 4210, 152);
  add_session (r, "SES-0000041", "2026-11-04T13:00:00Z", "2026-11-04T14:10:00Z", 3385, 128);
  add_session (r, "SES-0000042", "2026-11-07T18:00:00Z", "2026-11-07T21:30:00Z", 12000, 378);
  add_session (r, "SES-0000043", "2026-11-09T02:00:00Z", "2026-11-09T07:00:00Z", 5000, 175);
  add_refund (r, "RFD-000012", "2026-11-05T16:00:00Z", 480);
  add_refund (r, "RFD-000013", "2026-11-09T09:00:00Z", 900);
  /* Two weeks carried over in a row: 45 ¢ and 37 ¢. */
  add_carry (r, "PAY-00007", "2026-10-19", "2026-10-25", 45);
  add_carry (r, "PAY-00008", "2026-10-26", "2026-11-01", 37);
  add_credit (r, "ADJ-00001", 1230);
  return r;
}

/* Rules 2 to 8 to the cent. */
static void
test_full_week (void)
{
  g_autoptr(OkcPayoutReconciliation) r = new_full_week ();
  OkcPayoutTotals totals;

  okc_payout_reconciliation_set_sent (r, OKC_PAYOUT_STATUS_PAID, 18822);
  totals = compute (r);
  g_assert_cmpint (totals.gross, ==, 19595);            /* 4210 + 3385 + 12000 */
  g_assert_cmpint (totals.processing_fees, ==, 658);    /* 152 + 128 + 378 */
  g_assert_cmpint (totals.platform_fee, ==, 947);       /* 18937 × 5 % = 946.85 */
  g_assert_cmpint (totals.refunds, ==, 480);
  g_assert_cmpint (totals.carried_in, ==, 82);
  g_assert_cmpint (totals.credits, ==, 1230);
  g_assert_cmpint (totals.expected, ==, 18822);         /* 19595 − 658 − 947 − 480 + 82 + 1230 */
  g_assert_cmpint (totals.payable, ==, 18822);
  g_assert_cmpint (totals.sent, ==, 18822);
  g_assert_cmpint (totals.received, ==, 18822);
  g_assert_cmpint (totals.difference, ==, 0);
  g_assert_false (okc_payout_reconciliation_is_carried_over (r));
}

static gint64
expected_of_gross (gint64 gross)
{
  g_autoptr(OkcPayoutReconciliation) r = new_week ();

  add_session (r, "SES-1", "2026-11-03T14:00:00Z", "2026-11-03T15:00:00Z", gross, 0);
  return compute (r).payable;
}

/* Rule 9: $1.00 is sent, 99 ¢ is carried over; a negative balance too. */
static void
test_threshold (void)
{
  g_autoptr(OkcPayoutReconciliation) hundred = new_week ();
  g_autoptr(OkcPayoutReconciliation) ninety_nine = new_week ();
  g_autoptr(OkcPayoutReconciliation) negative = new_week ();
  g_autoptr(OkcPayoutReconciliation) next = new_week ();
  OkcPayoutTotals totals;

  /* 105 − round(5.25) = 100; 104 − round(5.2) = 99. */
  g_assert_cmpint (expected_of_gross (105), ==, 100);
  g_assert_cmpint (expected_of_gross (104), ==, 0);

  add_session (hundred, "SES-1", "2026-11-03T14:00:00Z", "2026-11-03T15:00:00Z", 105, 0);
  g_assert_false (okc_payout_reconciliation_is_carried_over (hundred));
  add_session (ninety_nine, "SES-1", "2026-11-03T14:00:00Z", "2026-11-03T15:00:00Z", 104, 0);
  g_assert_true (okc_payout_reconciliation_is_carried_over (ninety_nine));
  okc_payout_reconciliation_set_sent (ninety_nine, OKC_PAYOUT_STATUS_CARRIED_OVER, 0);
  totals = compute (ninety_nine);
  g_assert_cmpint (totals.expected, ==, 99);
  g_assert_cmpint (totals.payable, ==, 0);
  g_assert_cmpint (totals.received, ==, 0);
  g_assert_cmpint (totals.difference, ==, 0);

  /* $10.00 of revenue, $20.00 refunded: −10.50 carried over, taken off the next week. */
  add_session (negative, "SES-1", "2026-11-03T14:00:00Z", "2026-11-03T15:00:00Z", 1000, 0);
  add_refund (negative, "RFD-1", "2026-11-04T10:00:00Z", 2000);
  g_assert_cmpint (compute (negative).expected, ==, -1050);
  g_assert_cmpint (compute (negative).payable, ==, 0);
  g_assert_true (okc_payout_reconciliation_is_carried_over (negative));

  add_session (next, "SES-2", "2026-11-03T14:00:00Z", "2026-11-03T15:00:00Z", 20000, 0);
  add_carry (next, "PAY-00011", "2026-10-26", "2026-11-01", -1050);
  totals = compute (next);
  g_assert_cmpint (totals.carried_in, ==, -1050);
  g_assert_cmpint (totals.expected, ==, 17950);      /* 20000 − 1000 − 1050 */
  g_assert_cmpint (totals.payable, ==, 17950);
}

/* Rule 10: received only once paid; rule 11: difference is sent − payable. */
static void
test_sent_received (void)
{
  static const struct
  {
    OkcPayoutStatus status;
    gint64 sent;
    gint64 received;
    gint64 difference;
  } cases[] = {
    { OKC_PAYOUT_STATUS_SCHEDULED, 18822, 0, 0 },
    { OKC_PAYOUT_STATUS_IN_TRANSIT, 18822, 0, 0 },
    { OKC_PAYOUT_STATUS_PAID, 18822, 18822, 0 },
    { OKC_PAYOUT_STATUS_FAILED, 18822, 0, 0 },
    /* Paid $12.30 short: SES-0000042's $120.00 less its fees would not be it; a credit is. */
    { OKC_PAYOUT_STATUS_PAID, 17592, 17592, -1230 },
    { OKC_PAYOUT_STATUS_IN_TRANSIT, 17592, 0, -1230 },
    /* Over by 78 ¢. */
    { OKC_PAYOUT_STATUS_PAID, 18900, 18900, 78 },
    /* Carried over by a run that should have sent it: all of it short. */
    { OKC_PAYOUT_STATUS_CARRIED_OVER, 0, 0, -18822 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OkcPayoutReconciliation) r = new_full_week ();
      OkcPayoutTotals totals;

      okc_payout_reconciliation_set_sent (r, cases[i].status, cases[i].sent);
      totals = compute (r);
      g_assert_cmpint (totals.sent, ==, cases[i].sent);
      g_assert_cmpint (totals.received, ==, cases[i].received);
      g_assert_cmpint (totals.difference, ==, cases[i].difference);
      g_assert_cmpint (okc_payout_reconciliation_get_status (r), ==, cases[i].status);
    }
}

static void
assert_overflow (OkcPayoutReconciliation *r,
                 const char              *field)
{
  g_autoptr(GError) error = NULL;
  OkcPayoutTotals totals = { .gross = 7 };

  g_assert_false (okc_payout_reconciliation_compute (r, &totals, &error));
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
  g_assert_cmpstr (okc_data_error_get_field (error), ==, field);
  g_assert_cmpint (totals.gross, ==, 7);
  g_assert_null (okc_payout_reconciliation_to_json (r));
  g_assert_false (okc_payout_reconciliation_is_carried_over (r));
}

static void
test_overflow (void)
{
  g_autoptr(OkcPayoutReconciliation) gross = new_week ();
  g_autoptr(OkcPayoutReconciliation) carried = new_week ();
  g_autoptr(OkcPayoutReconciliation) expected = new_week ();

  add_session (gross, "SES-1", "2026-11-03T14:00:00Z", "2026-11-03T15:00:00Z",
               G_MAXINT64 / 2 + 1, 0);
  add_session (gross, "SES-2", "2026-11-04T14:00:00Z", "2026-11-04T15:00:00Z",
               G_MAXINT64 / 2 + 1, 0);
  assert_overflow (gross, "totals.gross");

  add_carry (carried, "PAY-1", "2026-10-19", "2026-10-25", G_MININT64 + 1);
  add_carry (carried, "PAY-2", "2026-10-26", "2026-11-01", -2);
  assert_overflow (carried, "totals.carried_in");

  /* Each line fits; gross less processing less refunds does not. */
  add_refund (expected, "RFD-1", "2026-11-04T10:00:00Z", G_MAXINT64);
  add_carry (expected, "PAY-1", "2026-10-26", "2026-11-01", -2);
  assert_overflow (expected, "totals.expected");
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonNode *node = okc_json_parse_bytes (bytes, &error);

  g_assert_no_error (error);
  return node;
}

static char *
full_week_json (OkcPayoutStatus status,
                gint64          sent)
{
  g_autoptr(OkcPayoutReconciliation) r = new_full_week ();
  g_autoptr(JsonNode) node = NULL;

  okc_payout_reconciliation_set_sent (r, status, sent);
  node = okc_payout_reconciliation_to_json (r);
  g_assert_nonnull (node);
  return okc_json_to_string (node);
}

static void
test_json_round_trip (void)
{
  g_autofree char *text = full_week_json (OKC_PAYOUT_STATUS_PAID, 17592);
  g_autoptr(JsonNode) node = parse (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPayoutReconciliation) back = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *again_text = NULL;
  const OkcPayoutSession *sessions;
  OkcPayoutTotals totals;
  guint n;

  g_assert_nonnull (strstr (text, "\"platform_fee\":{\"amount\":947,\"currency\":\"USD\"}"));
  g_assert_nonnull (strstr (text, "\"placement\":\"deferred\""));
  back = okc_payout_reconciliation_new_from_json (node, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpstr (okc_payout_reconciliation_get_currency (back), ==, "USD");
  g_assert_cmpint (okc_payout_reconciliation_get_period_start (back), ==, T (WEEK_START));
  g_assert_cmpint (okc_payout_reconciliation_get_cutoff_at (back), ==, T (WEEK_CUTOFF));
  g_assert_cmpint (okc_payout_reconciliation_get_status (back), ==, OKC_PAYOUT_STATUS_PAID);
  sessions = okc_payout_reconciliation_get_sessions (back, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (sessions[0].id, ==, "SES-0000040");
  g_assert_cmpint (sessions[0].placement, ==, OKC_PAYOUT_PLACEMENT_STARTED_BEFORE);
  g_assert_cmpstr (sessions[3].charger_id, ==, "CH-10234");
  okc_payout_reconciliation_get_refunds (back, &n);
  g_assert_cmpuint (n, ==, 1);
  okc_payout_reconciliation_get_carries (back, &n);
  g_assert_cmpuint (n, ==, 2);
  okc_payout_reconciliation_get_credits (back, &n);
  g_assert_cmpuint (n, ==, 1);
  totals = compute (back);
  g_assert_cmpint (totals.difference, ==, -1230);

  again = okc_payout_reconciliation_to_json (back);
  again_text = okc_json_to_string (again);
  g_assert_cmpstr (again_text, ==, text);
}

/* The backend's whole Payout and its adjustments are the caller's; the engine reads its part. */
static void
test_json_with_backend_members (void)
{
  g_autofree char *text = full_week_json (OKC_PAYOUT_STATUS_PAID, 18822);
  g_autoptr(GString) edited = g_string_new (text);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPayoutReconciliation) r = NULL;

  g_string_replace (edited, "\"payout\":{", "\"adjustments\":[],\"payout\":{\"id\":\"PAY-00012\","
                    "\"bank_last4\":\"6789\",", 1);
  node = parse (edited->str);
  r = okc_payout_reconciliation_new_from_json (node, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
}

/* from_json refuses what does not add up, and names the member. */
static void
test_json_refused (void)
{
  static const struct
  {
    const char *from;
    const char *to;
    const char *field;
  } cases[] = {
    { "\"platform_fee\":{\"amount\":947", "\"platform_fee\":{\"amount\":946", "totals.platform_fee" },
    { "\"gross\":{\"amount\":19595", "\"gross\":{\"amount\":24595", "totals.gross" },
    { "\"expected\":{\"amount\":18822", "\"expected\":{\"amount\":18823", "totals.expected" },
    { "\"difference\":{\"amount\":0", "\"difference\":{\"amount\":1", "totals.difference" },
    { "\"received\":{\"amount\":18822", "\"received\":{\"amount\":0", "totals.received" },
    { "\"placement\":\"deferred\"", "\"placement\":\"covered\"", "sessions[3].placement" },
    { "\"settled_at\":\"2026-11-05T16:00:00Z\"", "\"settled_at\":\"2026-11-09T16:00:00Z\"",
      "refunds[0].settled_at" },
    { "\"ended_at\":\"2026-11-04T14:10:00Z\"", "\"ended_at\":\"2026-11-01T14:10:00Z\"",
      "sessions[1].ended_at" },
    { "\"amount\":3385,\"currency\":\"USD\"", "\"amount\":3385,\"currency\":\"EUR\"",
      "sessions[1].gross" },
    { "\"platform_fee_bp\":500", "\"platform_fee_bp\":450", "platform_fee_bp" },
    { "\"threshold\":{\"amount\":100", "\"threshold\":{\"amount\":500", "threshold" },
    { "\"totals\":{", "\"totals\":{\"net\":{\"amount\":0,\"currency\":\"USD\"},", "totals.net" },
    { "\"status\":\"paid\"", "\"status\":\"settled\"", "payout.status" },
    { "\"credits\":[{\"id\":\"ADJ-00001\"", "\"credits\":[{\"id\":\"\"", "credits[0].id" },
    { "\"currency\":\"USD\",\"platform_fee_bp\"", "\"currency\":\"XYZ\",\"platform_fee_bp\"",
      "currency" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = full_week_json (OKC_PAYOUT_STATUS_PAID, 18822);
      g_autoptr(GString) edited = g_string_new (text);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcPayoutReconciliation) r = NULL;

      g_assert_cmpuint (g_string_replace (edited, cases[i].from, cases[i].to, 1), ==, 1);
      node = parse (edited->str);
      r = okc_payout_reconciliation_new_from_json (node, NULL, &error);
      g_assert_null (r);
      g_assert_nonnull (error);
      g_assert_true (error->domain == OKC_DATA_ERROR);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].field);
    }
}

/* A path names where the reconciliation is. */
static void
test_json_path (void)
{
  g_autoptr(JsonNode) node = parse ("{\"currency\": \"USD\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPayoutReconciliation) r = NULL;

  r = okc_payout_reconciliation_new_from_json (node, "reconciliation", &error);
  g_assert_null (r);
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_MISSING);
  g_assert_cmpstr (okc_data_error_get_field (error), ==, "reconciliation.platform_fee_bp");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/payout-reconciliation/week-bounds", test_week_bounds);
  g_test_add_func ("/payout-reconciliation/placement", test_placement);
  g_test_add_func ("/payout-reconciliation/placement-dst-week", test_placement_dst_week);
  g_test_add_func ("/payout-reconciliation/platform-fee", test_platform_fee);
  g_test_add_func ("/payout-reconciliation/refunds", test_refunds);
  g_test_add_func ("/payout-reconciliation/full-week", test_full_week);
  g_test_add_func ("/payout-reconciliation/threshold", test_threshold);
  g_test_add_func ("/payout-reconciliation/sent-received", test_sent_received);
  g_test_add_func ("/payout-reconciliation/overflow", test_overflow);
  g_test_add_func ("/payout-reconciliation/json-round-trip", test_json_round_trip);
  g_test_add_func ("/payout-reconciliation/json-backend-members", test_json_with_backend_members);
  g_test_add_func ("/payout-reconciliation/json-refused", test_json_refused);
  g_test_add_func ("/payout-reconciliation/json-path", test_json_path);

  return g_test_run ();
}
