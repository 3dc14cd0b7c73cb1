/* test-session-audit.c — the audit's findings and refunds, to the cent, and its properties
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-core-test-util.h"
#include "session-gen.h"

/* Tariffs are written with single quotes to stay readable in C; okc_test_tariff swaps them. The
 * rates change at local midnight of 25 November 2026 (05:00Z). Each %s is a variant: a
 * mis-set copy of the tariff bills the planted mischarges. */
#define TARIFF(conn, peak, fees, tax) \
  "{'id': 'TRF-0001', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'connection_fee': " conn ", 'energy': [" \
  "   {'rate_per_kwh': 15, 'restrictions': {'start_time': '22:00', 'end_time': '06:00'}}," \
  "   {'rate_per_kwh': " peak "}]," \
  "  'idle': {'rate_per_minute': 40, 'grace_minutes': 10}, 'fees': [" fees "]," \
  "  'taxes': [{'name': 'NY sales tax', 'rate_bp': " tax "}]}," \
  " {'effective_from': '2026-11-25', 'connection_fee': 150, 'energy': [" \
  "   {'rate_per_kwh': 20, 'restrictions': {'start_time': '22:00', 'end_time': '06:00'}}," \
  "   {'rate_per_kwh': 30}]," \
  "  'idle': {'rate_per_minute': 50, 'grace_minutes': 10}," \
  "  'taxes': [{'name': 'NY sales tax', 'rate_bp': 900}]}]}"

#define T_POSTED     TARIFF ("100", "25", "", "888")
#define T_PEAK_35    TARIFF ("100", "35", "", "888")
#define T_PEAK_20    TARIFF ("100", "20", "", "888")
#define T_CONN_150   TARIFF ("150", "25", "", "888")
#define T_TAX_988    TARIFF ("100", "25", "", "988")
#define T_TAX_788    TARIFF ("100", "25", "", "788")
#define T_CARD_FEE   TARIFF ("100", "25", "{'name': 'Card processing', 'rate_bp': 290}", "888")

/* A session billed by the engine under @billed_with, as a faulty back office would. The
 * samples: pairs of an RFC 3339 time and a register, ended by NULL. */
static OkcChargingSession *
session_new (const char *id,
             const char *account,
             const char *started,
             const char *charging_ended,
             const char *ended,
             const char *billed_with,
             ...)
{
  g_autoptr(OkcTariff) tariff = okc_test_tariff (billed_with);
  g_autoptr(OkcMeteredSession) meter = NULL;
  g_autoptr(OkcCostBreakdown) billed = NULL;
  g_autoptr(GError) error = NULL;
  OkcChargingSession *session;
  const char *sample_at;
  OkcMoney total;
  va_list args;

  meter = okc_metered_session_new (okc_test_time (started), charging_ended ? okc_test_time (charging_ended) : 0,
                                   okc_test_time (ended));
  va_start (args, billed_with);
  while ((sample_at = va_arg (args, const char *)) != NULL)
    okc_metered_session_add_sample (meter, okc_test_time (sample_at), va_arg (args, gint64));
  va_end (args);

  billed = okc_billing_compute (tariff, meter, &error);
  g_assert_no_error (error);
  okc_cost_breakdown_get_total (billed, &total);
  session = okc_charging_session_new (id, "CH-10234", 1, account, okc_test_time (started),
                                      charging_ended ? okc_test_time (charging_ended) : 0, okc_test_time (ended),
                                      okc_metered_session_get_energy_wh (meter), &total,
                                      okc_metered_session_get_energy_wh (meter) > 0
                                      ? OKC_SESSION_OUTCOME_COMPLETED
                                      : OKC_SESSION_OUTCOME_FAILED_TO_START,
                                      OKC_STOP_REASON_EV_DISCONNECTED);
  okc_charging_session_set_names (session, "PRP-0001", "Lakeview Lofts", "Dana Reyes",
                                  "TRF-0001");
  okc_charging_session_set_meter (session, meter);
  g_assert_true (okc_charging_session_set_billed (session, billed, &error));
  g_assert_no_error (error);
  return session;
}

/* 18:00–19:10 local (EST) on 10 November, 6 kWh; the car drew 5 kW until 18:42. */
#define EVENING(id, account, recorded_end, tariff) \
  session_new (id, account, "2026-11-10T23:00:00Z", recorded_end, "2026-11-11T00:10:00Z", \
               tariff, "2026-11-10T23:00:00Z", (gint64) 10000, "2026-11-10T23:30:00Z", \
               (gint64) 15000, "2026-11-10T23:42:00Z", (gint64) 16000, \
               "2026-11-11T00:10:00Z", (gint64) 16000, NULL)
#define CHARGED_UNTIL "2026-11-10T23:42:00Z"
#define RECORDED_EARLY "2026-11-10T23:30:00Z"

typedef struct
{
  OkcFindingKind kind;
  gint64 refund;
  const char *summary;
} ExpectedFinding;

static OkcSessionAudit *
audit_of (OkcChargingSession *session,
          GPtrArray          *neighbours)
{
  g_autoptr(OkcTariff) posted = okc_test_tariff (T_POSTED);
  g_autoptr(GError) error = NULL;
  OkcSessionAudit *audit = okc_session_audit_run (session, posted, neighbours, &error);

  g_assert_no_error (error);
  g_assert_nonnull (audit);
  return audit;
}

static void
assert_findings (OkcSessionAudit       *audit,
                 gint64                 difference,
                 const ExpectedFinding *expected,
                 guint                  n_expected)
{
  GPtrArray *findings = okc_session_audit_get_findings (audit);
  OkcMoney money;
  gint64 refunds = 0;

  okc_session_audit_get_difference (audit, &money);
  g_assert_cmpint (money.amount, ==, difference);
  g_assert_cmpstr (money.currency, ==, "USD");
  for (guint i = 0; i < findings->len; i++)
    {
      const char * const *evidence = okc_session_finding_get_evidence (g_ptr_array_index (findings,
                                                                                          i));

      g_test_message ("finding %u: %s", i,
                      okc_session_finding_get_summary (g_ptr_array_index (findings, i)));
      for (guint e = 0; evidence[e] != NULL; e++)
        g_test_message ("  %s", evidence[e]);
    }
  g_assert_cmpuint (findings->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      OkcSessionFinding *finding = g_ptr_array_index (findings, i);

      g_assert_cmpint (okc_session_finding_get_kind (finding), ==, expected[i].kind);
      okc_session_finding_get_refund (finding, &money);
      g_assert_cmpint (money.amount, ==, expected[i].refund);
      if (expected[i].summary != NULL)
        g_assert_cmpstr (okc_session_finding_get_summary (finding), ==, expected[i].summary);
      g_assert_nonnull (okc_session_finding_get_evidence (finding)[0]);
      refunds += expected[i].refund;
    }
  okc_session_audit_get_refund_total (audit, &money);
  g_assert_cmpint (money.amount, ==, refunds);
}

static void
test_audit_clean (void)
{
  g_autoptr(OkcChargingSession) session = EVENING ("SES-0000010", "ACC-1", CHARGED_UNTIL,
                                                   T_POSTED);
  g_autoptr(OkcSessionAudit) audit = audit_of (session, NULL);
  OkcMoney total;

  assert_findings (audit, 0, NULL, 0);
  okc_cost_breakdown_get_total (okc_session_audit_get_expected (audit), &total);
  /* 1.00 + 6 kWh × 0.25 + 18 min × 0.40 = 9.70, + 8.88 % = 0.86 */
  g_assert_cmpint (total.amount, ==, 1056);
  g_assert_cmpint (okc_session_audit_get_charging_ended_at (audit), ==, okc_test_time (CHARGED_UNTIL));
}

static void
test_audit_idle_fee_while_charging (void)
{
  g_autoptr(OkcChargingSession) session = EVENING ("SES-0000011", "ACC-1", RECORDED_EARLY,
                                                   T_POSTED);
  g_autoptr(OkcSessionAudit) audit = audit_of (session, NULL);
  /* Billed 30 min of idle time ($12.00) + 8.88 % tax: $15.79. From 18:42 + 10 min grace
   * it is 18 min ($7.20): $10.56. The $4.80 and the $0.43 of tax on it go back. */
  static const ExpectedFinding expected[] = {
    { OKC_FINDING_KIND_IDLE_FEE_WHILE_CHARGING, 523,
      "An idle fee of $12.00 was billed for 30 min while the car was still drawing power "
      "until 18:42." },
  };
  const char * const *evidence;

  assert_findings (audit, 523, expected, G_N_ELEMENTS (expected));
  g_assert_cmpint (okc_session_audit_get_charging_ended_at (audit), ==, okc_test_time (CHARGED_UNTIL));
  evidence = okc_session_finding_get_evidence (
    g_ptr_array_index (okc_session_audit_get_findings (audit), 0));
  g_assert_cmpstr (evidence[0], ==, "Charging recorded as complete at 2026-11-10 18:30");
  g_assert_cmpstr (evidence[1], ==, "Meter at 18:30: 15000 Wh; at 18:42: 16000 Wh (5.0 kW)");
  g_assert_cmpstr (evidence[2], ==,
                   "Idle fee billed: $12.00 for 30 min; counted from 18:42, when the meter "
                   "shows charging ended: $7.20");
  g_assert_cmpstr (evidence[3], ==,
                   "Tax and fees charged on it at the posted rates: $0.43, refunded with it");
  g_assert_null (evidence[4]);
}

static void
test_audit_wrong_rate (void)
{
  g_autoptr(OkcChargingSession) session = EVENING ("SES-0000012", "ACC-1", CHARGED_UNTIL,
                                                   T_PEAK_35);
  g_autoptr(OkcSessionAudit) audit = audit_of (session, NULL);
  /* 6 kWh at 0.35 instead of 0.25: $0.60, and 8.88 % of it: $0.05 (91 − 86 ¢). */
  static const ExpectedFinding expected[] = {
    { OKC_FINDING_KIND_WRONG_RATE, 65,
      "Energy was billed at $0.35/kWh, not at the posted $0.25/kWh." },
  };

  assert_findings (audit, 65, expected, G_N_ELEMENTS (expected));
}

static void
test_audit_wrong_connection_fee (void)
{
  g_autoptr(OkcChargingSession) session = EVENING ("SES-0000013", "ACC-1", CHARGED_UNTIL,
                                                   T_CONN_150);
  g_autoptr(OkcSessionAudit) audit = audit_of (session, NULL);
  static const ExpectedFinding expected[] = {
    { OKC_FINDING_KIND_WRONG_RATE, 55, "A connection fee of $1.50 was billed, not the posted $1.00." },
  };

  assert_findings (audit, 55, expected, G_N_ELEMENTS (expected));
}

static void
test_audit_wrong_tax (void)
{
  g_autoptr(OkcChargingSession) over = EVENING ("SES-0000014", "ACC-1", CHARGED_UNTIL, T_TAX_988);
  g_autoptr(OkcChargingSession) under = EVENING ("SES-0000015", "ACC-1", CHARGED_UNTIL,
                                                 T_TAX_788);
  g_autoptr(OkcSessionAudit) over_audit = audit_of (over, NULL);
  g_autoptr(OkcSessionAudit) under_audit = audit_of (under, NULL);
  /* 9.88 % of $9.70 is $0.96, 8.88 % is $0.86. */
  static const ExpectedFinding expected_over[] = {
    { OKC_FINDING_KIND_WRONG_TAX, 10,
      "NY sales tax was billed at 9.88 %, but the rate in force on 2026-11-10 was 8.88 %." },
  };
  /* 7.88 % is $0.76: the customer paid less, and is not billed again. */
  static const ExpectedFinding expected_under[] = {
    { OKC_FINDING_KIND_WRONG_TAX, 0,
      "NY sales tax was billed at 7.88 %, but the rate in force on 2026-11-10 was 8.88 %." },
  };

  assert_findings (over_audit, 10, expected_over, G_N_ELEMENTS (expected_over));
  assert_findings (under_audit, -10, expected_under, G_N_ELEMENTS (expected_under));
}

static void
test_audit_billing_mismatch (void)
{
  g_autoptr(OkcChargingSession) session = EVENING ("SES-0000016", "ACC-1", CHARGED_UNTIL,
                                                   T_CARD_FEE);
  g_autoptr(OkcSessionAudit) audit = audit_of (session, NULL);
  /* A 2.90 % card fee the site does not post: $0.28, and the tax on it: 89 − 86 ¢. */
  static const ExpectedFinding expected[] = {
    { OKC_FINDING_KIND_BILLING_MISMATCH, 31,
      "The bill is $0.31 more than the site's posted pricing gives for this session's meter "
      "readings." },
  };

  assert_findings (audit, 31, expected, G_N_ELEMENTS (expected));
}

static void
test_audit_undercharge_never_offsets (void)
{
  g_autoptr(OkcChargingSession) session = EVENING ("SES-0000017", "ACC-1", RECORDED_EARLY,
                                                   T_PEAK_20);
  g_autoptr(OkcSessionAudit) audit = audit_of (session, NULL);
  /* Idle overcharged by $4.80, energy undercharged by $0.30 (0.20 instead of 0.25): the
   * idle refund is the $4.80 and the tax charged on it, 126 − 83 ¢, as if energy were
   * right; the rate finding refunds nothing. */
  static const ExpectedFinding expected[] = {
    { OKC_FINDING_KIND_IDLE_FEE_WHILE_CHARGING, 523, NULL },
    { OKC_FINDING_KIND_WRONG_RATE, 0, "Energy was billed at $0.20/kWh, not at the posted $0.25/kWh." },
  };

  assert_findings (audit, 490, expected, G_N_ELEMENTS (expected));
}

static void
test_audit_double_billing (void)
{
  g_autoptr(OkcChargingSession) original = EVENING ("SES-0000020", "ACC-1", CHARGED_UNTIL,
                                                    T_POSTED);
  g_autoptr(OkcChargingSession) duplicate = EVENING ("SES-0000021", "ACC-1", CHARGED_UNTIL,
                                                     T_POSTED);
  g_autoptr(OkcChargingSession) other = EVENING ("SES-0000022", "ACC-2", CHARGED_UNTIL, T_POSTED);
  g_autoptr(GPtrArray) neighbours = g_ptr_array_new ();
  g_autoptr(OkcSessionAudit) dup_audit = NULL, orig_audit = NULL, other_audit = NULL;
  static const ExpectedFinding expected_dup[] = {
    { OKC_FINDING_KIND_DOUBLE_BILLING, 1056,
      "This charge was billed twice: SES-0000020 is the same charge, with the same start, end "
      "and energy, and was billed already." },
  };
  static const ExpectedFinding expected_orig[] = {
    { OKC_FINDING_KIND_DOUBLE_BILLING, 0,
      "This charge was billed again as SES-0000021; the refund belongs to that duplicate." },
  };

  /* The session itself among its neighbours is skipped; another account is not a twin. */
  g_ptr_array_add (neighbours, original);
  g_ptr_array_add (neighbours, duplicate);
  g_ptr_array_add (neighbours, other);
  dup_audit = audit_of (duplicate, neighbours);
  orig_audit = audit_of (original, neighbours);
  other_audit = audit_of (other, neighbours);
  assert_findings (dup_audit, 0, expected_dup, G_N_ELEMENTS (expected_dup));
  g_assert_cmpstr (okc_session_finding_get_related_session_ids (
                     g_ptr_array_index (okc_session_audit_get_findings (dup_audit), 0))[0], ==,
                   "SES-0000020");
  assert_findings (orig_audit, 0, expected_orig, G_N_ELEMENTS (expected_orig));
  g_assert_cmpstr (okc_session_finding_get_related_session_ids (
                     g_ptr_array_index (okc_session_audit_get_findings (orig_audit), 0))[0], ==,
                   "SES-0000021");
  assert_findings (other_audit, 0, NULL, 0);
}

/* A double billing with an idle overcharge: the whole total goes back, nothing else. */
static void
test_audit_whole_total_replaces (void)
{
  g_autoptr(OkcChargingSession) original = EVENING ("SES-0000030", "ACC-1", RECORDED_EARLY,
                                                    T_POSTED);
  g_autoptr(OkcChargingSession) duplicate = EVENING ("SES-0000031", "ACC-1", RECORDED_EARLY,
                                                     T_POSTED);
  g_autoptr(GPtrArray) neighbours = g_ptr_array_new ();
  g_autoptr(OkcSessionAudit) dup_audit = NULL, orig_audit = NULL;
  static const ExpectedFinding expected_dup[] = {
    { OKC_FINDING_KIND_DOUBLE_BILLING, 1579, NULL },
  };
  static const ExpectedFinding expected_orig[] = {
    { OKC_FINDING_KIND_DOUBLE_BILLING, 0, NULL },
    { OKC_FINDING_KIND_IDLE_FEE_WHILE_CHARGING, 523, NULL },
  };

  g_ptr_array_add (neighbours, original);
  dup_audit = audit_of (duplicate, neighbours);
  assert_findings (dup_audit, 523, expected_dup, G_N_ELEMENTS (expected_dup));
  g_ptr_array_index (neighbours, 0) = duplicate;
  orig_audit = audit_of (original, neighbours);
  assert_findings (orig_audit, 523, expected_orig, G_N_ELEMENTS (expected_orig));
}

#define ATTEMPT(id, account, tariff) \
  session_new (id, account, "2026-11-10T22:50:00Z", NULL, "2026-11-10T22:52:00Z", tariff, \
               "2026-11-10T22:50:00Z", (gint64) 10000, "2026-11-10T22:52:00Z", (gint64) 10000, \
               NULL)

static void
test_audit_repeated_connection_fee (void)
{
  g_autoptr(OkcChargingSession) attempt = ATTEMPT ("SES-0000040", "ACC-1", T_POSTED);
  g_autoptr(OkcChargingSession) retry = EVENING ("SES-0000041", "ACC-1", CHARGED_UNTIL, T_POSTED);
  g_autoptr(OkcChargingSession) stranger = EVENING ("SES-0000042", "ACC-2", CHARGED_UNTIL,
                                                    T_POSTED);
  g_autoptr(GPtrArray) neighbours = g_ptr_array_new ();
  g_autoptr(OkcSessionAudit) audit = NULL, alone = NULL, by_stranger = NULL;
  /* $1.00 connection fee + 8.88 % ($0.09): the whole $1.09 goes back. */
  static const ExpectedFinding expected[] = {
    { OKC_FINDING_KIND_REPEATED_CONNECTION_FEE, 109,
      "This attempt delivered no energy but was billed $1.09, and the same account tried again "
      "on this charger at 18:00 (SES-0000041)." },
  };

  g_ptr_array_add (neighbours, retry);
  audit = audit_of (attempt, neighbours);
  assert_findings (audit, 0, expected, G_N_ELEMENTS (expected));
  g_assert_cmpstr (okc_session_finding_get_evidence (
                     g_ptr_array_index (okc_session_audit_get_findings (audit), 0))[2], ==,
                   "SES-0000041 started at 18:00 by the same account on the same charger, "
                   "8 min after this attempt ended");
  g_assert_cmpint (okc_session_audit_get_charging_ended_at (audit), ==, 0);

  /* Zero energy without a retry is billed as posted: nothing to find. */
  alone = audit_of (attempt, NULL);
  assert_findings (alone, 0, NULL, 0);
  g_ptr_array_index (neighbours, 0) = stranger;
  by_stranger = audit_of (attempt, neighbours);
  assert_findings (by_stranger, 0, NULL, 0);
}

static void
test_audit_retry_window (void)
{
  g_autoptr(OkcChargingSession) attempt = ATTEMPT ("SES-0000043", "ACC-1", T_POSTED);
  g_autoptr(GPtrArray) neighbours = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(OkcSessionAudit) within = NULL, after = NULL;

  /* 30 min after the attempt ended is a retry; 30 min and a second is not. */
  g_ptr_array_add (neighbours,
                   session_new ("SES-0000044", "ACC-1", "2026-11-10T23:22:00Z", NULL,
                                "2026-11-10T23:23:00Z", T_POSTED, "2026-11-10T23:22:00Z",
                                (gint64) 10000, NULL));
  within = audit_of (attempt, neighbours);
  g_assert_cmpuint (okc_session_audit_get_findings (within)->len, ==, 1);
  g_ptr_array_remove_index (neighbours, 0);
  g_ptr_array_add (neighbours,
                   session_new ("SES-0000045", "ACC-1", "2026-11-10T23:22:01Z", NULL,
                                "2026-11-10T23:23:00Z", T_POSTED, "2026-11-10T23:22:01Z",
                                (gint64) 10000, NULL));
  after = audit_of (attempt, neighbours);
  g_assert_cmpuint (okc_session_audit_get_findings (after)->len, ==, 0);
}

/* 23:30 local on 24 November to 00:40 on the 25th: across midnight and the tariff change,
 * billed as posted. The meter creeps 30 W after the end: not drawing power. */
static void
test_audit_tariff_change_midnight (void)
{
  g_autoptr(OkcChargingSession) session =
    session_new ("SES-0000050", "ACC-1", "2026-11-25T04:30:00Z", "2026-11-25T05:40:00Z",
                 "2026-11-25T06:20:00Z", T_POSTED, "2026-11-25T04:30:00Z", (gint64) 0,
                 "2026-11-25T05:00:00Z", (gint64) 3000, "2026-11-25T05:10:00Z", (gint64) 4000,
                 "2026-11-25T05:40:00Z", (gint64) 7000, "2026-11-25T06:20:00Z", (gint64) 7020,
                 NULL);
  g_autoptr(OkcSessionAudit) audit = audit_of (session, NULL);
  OkcCostBreakdown *expected = okc_session_audit_get_expected (audit);

  assert_findings (audit, 0, NULL, 0);
  g_assert_cmpint (okc_session_audit_get_charging_ended_at (audit), ==,
                   okc_test_time ("2026-11-25T05:40:00Z"));
  /* 3000 Wh at the old night rate, 4020 Wh at the new one. */
  g_assert_cmpint (okc_cost_breakdown_get_line (expected, 1)->quantity, ==, 3000);
  g_assert_cmpint (okc_cost_breakdown_get_line (expected, 1)->unit_price, ==, 15);
  g_assert_cmpint (okc_cost_breakdown_get_line (expected, 2)->quantity, ==, 4020);
  g_assert_cmpint (okc_cost_breakdown_get_line (expected, 2)->unit_price, ==, 20);
}

/* Without a sample at the recorded end, the interval across it is charging as recorded:
 * the meter cannot say when in it the car stopped. */
static void
test_audit_interval_across_recorded_end (void)
{
  g_autoptr(OkcChargingSession) session =
    session_new ("SES-0000055", "ACC-1", "2026-11-10T23:00:00Z", "2026-11-10T23:30:00Z",
                 "2026-11-11T00:10:00Z", T_POSTED, "2026-11-10T23:00:00Z", (gint64) 10000,
                 "2026-11-10T23:35:00Z", (gint64) 16000, "2026-11-11T00:10:00Z", (gint64) 16000,
                 NULL);
  g_autoptr(OkcSessionAudit) audit = audit_of (session, NULL);

  assert_findings (audit, 0, NULL, 0);
  g_assert_cmpint (okc_session_audit_get_charging_ended_at (audit), ==,
                   okc_test_time ("2026-11-10T23:30:00Z"));
}

static void
test_audit_errors (void)
{
  g_autoptr(OkcChargingSession) session = EVENING ("SES-0000060", "ACC-1", CHARGED_UNTIL,
                                                   T_POSTED);
  g_autoptr(OkcTariff) posted = okc_test_tariff (T_POSTED);
  g_autoptr(OkcTariff) euro = NULL;
  g_autoptr(OkcChargingSession) summary = NULL;
  g_autoptr(OkcSessionAudit) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *euro_text = g_strdup (T_POSTED);
  OkcMoney total;

  memcpy (strstr (euro_text, "USD"), "EUR", 3);
  euro = okc_test_tariff (euro_text);
  audit = okc_session_audit_run (session, euro, NULL, &error);
  g_assert_null (audit);
  g_assert_cmpstr (okc_data_error_get_field (error), ==, "billed.currency");
  g_clear_error (&error);

  okc_money_init (&total, 1056, "USD");
  summary = okc_charging_session_new ("SES-0000061", "CH-1", 1, "ACC-1", okc_test_time ("2026-11-10T23:00:00Z"),
                                      0, okc_test_time ("2026-11-10T23:10:00Z"), 0, &total,
                                      OKC_SESSION_OUTCOME_FAILED_TO_START, OKC_STOP_REASON_OTHER);
  audit = okc_session_audit_run (summary, posted, NULL, &error);
  g_assert_null (audit);
  g_assert_cmpstr (okc_data_error_get_field (error), ==, "samples");
  g_clear_error (&error);

  /* Before the tariff's first version: the engine's error, naming the start. */
  {
    g_autoptr(OkcMeteredSession) meter = okc_metered_session_new (okc_test_time ("2025-11-10T23:00:00Z"), 0,
                                                                  okc_test_time ("2025-11-10T23:10:00Z"));
    g_autoptr(OkcCostBreakdown) billed = okc_cost_breakdown_new ("USD");
    g_autoptr(OkcChargingSession) old = NULL;

    g_assert_true (okc_cost_breakdown_add_line (billed, OKC_COST_LINE_KIND_CONNECTION_FEE, "Fee",
                                                OKC_COST_UNIT_SESSION, 1, 1056, 1056, NULL));
    old = okc_charging_session_new ("SES-0000062", "CH-1", 1, "ACC-1",
                                    okc_test_time ("2025-11-10T23:00:00Z"), 0, okc_test_time ("2025-11-10T23:10:00Z"),
                                    0, &total, OKC_SESSION_OUTCOME_FAILED_TO_START,
                                    OKC_STOP_REASON_OTHER);
    okc_charging_session_set_meter (old, meter);
    g_assert_true (okc_charging_session_set_billed (old, billed, NULL));
    audit = okc_session_audit_run (old, posted, NULL, &error);
    g_assert_null (audit);
    g_assert_cmpstr (okc_data_error_get_field (error), ==, "started_at");
  }
}

static void
test_audit_json (void)
{
  g_autoptr(OkcChargingSession) session = EVENING ("SES-0000070", "ACC-1", RECORDED_EARLY,
                                                   T_PEAK_20);
  g_autoptr(OkcSessionAudit) audit = audit_of (session, NULL);
  g_autoptr(JsonNode) node = okc_session_audit_to_json (audit);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcSessionAudit) again = okc_session_audit_new_from_json (node, "analysis", &error);
  g_autoptr(JsonNode) node_again = NULL;
  JsonObject *object, *finding;
  static const struct
  {
    const char *member;
    const char *value;
    const char *field;
  } bad[] = {
    { "difference", "{\"amount\": 491, \"currency\": \"USD\"}", "analysis.difference" },
    { "session_id", "7", "analysis.session_id" },
    { "billed", "[]", "analysis.billed" },
    { "expected", "null", "analysis.expected" },
    { "findings", "{}", "analysis.findings" },
    { "findings", "[{\"kind\": \"overcharge\", \"summary\": \"x\", \"evidence\": [],"
      " \"refund\": {\"amount\": 1, \"currency\": \"USD\"}, \"related_session_ids\": []}]",
      "analysis.findings[0].kind" },
    { "findings", "[{\"kind\": \"wrong_tax\", \"summary\": \"x\", \"evidence\": [1],"
      " \"refund\": {\"amount\": 1, \"currency\": \"USD\"}, \"related_session_ids\": []}]",
      "analysis.findings[0].evidence[0]" },
    { "findings", "[{\"kind\": \"wrong_tax\", \"summary\": \"x\", \"evidence\": [],"
      " \"refund\": {\"amount\": 1, \"currency\": \"EUR\"}, \"related_session_ids\": []}]",
      "analysis.findings[0].refund" },
    { "findings", "[{\"kind\": \"wrong_tax\", \"summary\": \"x\", \"evidence\": [],"
      " \"refund\": {\"amount\": 99999, \"currency\": \"USD\"}, \"related_session_ids\": []}]",
      "analysis.findings" },
    { "charging_ended_at", "\"later\"", "analysis.charging_ended_at" },
  };

  g_assert_no_error (error);
  node_again = okc_session_audit_to_json (again);
  g_assert_true (json_node_equal (node, node_again));
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "session_id"), ==, "SES-0000070");
  finding = json_array_get_object_element (json_object_get_array_member (object, "findings"), 0);
  g_assert_cmpstr (json_object_get_string_member (finding, "kind"), ==, "idle_fee_while_charging");
  g_assert_cmpuint (okc_session_audit_get_findings (again)->len, ==, 2);
  g_assert_cmpint (okc_session_audit_get_charging_ended_at (again), ==, okc_test_time (CHARGED_UNTIL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      /* A fresh tree each time: copies of a built (immutable) tree share its objects. */
      g_autofree char *text = okc_json_to_string (node);
      g_autoptr(GBytes) text_bytes = g_bytes_new (text, strlen (text));
      g_autoptr(JsonNode) copy = okc_json_parse_bytes (text_bytes, NULL);
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i].value, strlen (bad[i].value));
      g_autoptr(OkcSessionAudit) broken = NULL;
      g_autoptr(GError) bad_error = NULL;

      json_object_set_member (json_node_get_object (copy), bad[i].member,
                              okc_json_parse_bytes (bytes, NULL));
      broken = okc_session_audit_new_from_json (copy, "analysis", &bad_error);
      g_test_message ("case %u: %s", i, bad[i].member);
      g_assert_null (broken);
      g_assert_nonnull (bad_error);
      g_assert_cmpstr (okc_data_error_get_field (bad_error), ==, bad[i].field);
    }
}

/* N sessions billed by the engine itself give no findings; the same with one mischarge
 * planted give exactly that finding and its refund. */
static void
test_audit_generated (void)
{
  guint n = g_test_thorough () ? 2000 : 200;
  SessionGen gen;

  session_gen_init (&gen, 20261124);
  for (guint i = 0; i < n; i++)
    for (int kind = SESSION_GEN_CLEAN; kind < SESSION_GEN_N_KINDS; kind++)
      {
        g_autoptr(GPtrArray) neighbours = g_ptr_array_new_with_free_func (g_object_unref);
        g_autoptr(OkcChargingSession) session = NULL;
        g_autoptr(OkcSessionAudit) audit = NULL;
        g_autoptr(GError) error = NULL;
        OkcMoney difference, refund, total;
        GPtrArray *findings;
        int expected_kind;

        session = session_gen_next (&gen, kind, neighbours, &expected_kind);
        audit = okc_session_audit_run (session, gen.posted, neighbours, &error);
        g_assert_no_error (error);
        findings = okc_session_audit_get_findings (audit);
        okc_session_audit_get_difference (audit, &difference);
        okc_session_audit_get_refund_total (audit, &refund);
        okc_charging_session_get_billed_total (session, &total);
        if (findings->len != (expected_kind < 0 ? 0u : 1u))
          {
            for (guint f = 0; f < findings->len; f++)
              g_test_message ("%s", okc_session_finding_get_summary (g_ptr_array_index (findings,
                                                                                        f)));
            g_error ("session %u of kind %d: %u findings", i, kind, findings->len);
          }
        if (expected_kind < 0)
          {
            g_assert_cmpint (difference.amount, ==, 0);
            continue;
          }
        g_assert_cmpint (okc_session_finding_get_kind (g_ptr_array_index (findings, 0)), ==,
                         expected_kind);
        if (kind == SESSION_GEN_REPEATED || kind == SESSION_GEN_DOUBLE)
          g_assert_cmpint (refund.amount, ==, total.amount);
        else
          {
            g_assert_cmpint (difference.amount, >, 0);
            g_assert_cmpint (refund.amount, ==, difference.amount);
          }
      }
  session_gen_clear (&gen);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session-audit/clean", test_audit_clean);
  g_test_add_func ("/session-audit/idle-fee-while-charging", test_audit_idle_fee_while_charging);
  g_test_add_func ("/session-audit/wrong-rate", test_audit_wrong_rate);
  g_test_add_func ("/session-audit/wrong-connection-fee", test_audit_wrong_connection_fee);
  g_test_add_func ("/session-audit/wrong-tax", test_audit_wrong_tax);
  g_test_add_func ("/session-audit/billing-mismatch", test_audit_billing_mismatch);
  g_test_add_func ("/session-audit/undercharge-never-offsets", test_audit_undercharge_never_offsets);
  g_test_add_func ("/session-audit/double-billing", test_audit_double_billing);
  g_test_add_func ("/session-audit/whole-total-replaces", test_audit_whole_total_replaces);
  g_test_add_func ("/session-audit/repeated-connection-fee", test_audit_repeated_connection_fee);
  g_test_add_func ("/session-audit/retry-window", test_audit_retry_window);
  g_test_add_func ("/session-audit/tariff-change-midnight", test_audit_tariff_change_midnight);
  g_test_add_func ("/session-audit/interval-across-recorded-end",
                   test_audit_interval_across_recorded_end);
  g_test_add_func ("/session-audit/errors", test_audit_errors);
  g_test_add_func ("/session-audit/json", test_audit_json);
  g_test_add_func ("/session-audit/generated", test_audit_generated);

  return g_test_run ();
}
