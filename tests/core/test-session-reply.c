/* test-session-reply.c — topic 5's answer, word for word
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-core-test-util.h"

/* Single quotes swapped for double ones by okc_test_tariff. */
#define TARIFF(idle_cap) \
  "{'id': 'TRF-0001', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'connection_fee': 100, 'energy': [" \
  "   {'rate_per_kwh': 15, 'restrictions': {'start_time': '22:00', 'end_time': '06:00'}}," \
  "   {'rate_per_kwh': 25}]," \
  "  'idle': {'rate_per_minute': 40, 'grace_minutes': 10" idle_cap "}," \
  "  'taxes': [{'name': 'NY sales tax', 'rate_bp': 888}]}]}"

/* 18:00–19:10 local on 10 November, 6 kWh, the car drawing 5 kW until 18:42; billed by
 * @billed_with with charging recorded as ended at @recorded_end. */
static OkcChargingSession *
evening (const char *recorded_end,
         const char *property_name,
         OkcTariff  *billed_with)
{
  g_autoptr(OkcMeteredSession) meter = okc_metered_session_new (okc_test_time ("2026-11-10T23:00:00Z"),
                                                                okc_test_time (recorded_end),
                                                                okc_test_time ("2026-11-11T00:10:00Z"));
  g_autoptr(OkcCostBreakdown) billed = NULL;
  g_autoptr(GError) error = NULL;
  OkcChargingSession *session;
  OkcMoney total;

  okc_metered_session_add_sample (meter, okc_test_time ("2026-11-10T23:00:00Z"), 10000);
  okc_metered_session_add_sample (meter, okc_test_time ("2026-11-10T23:30:00Z"), 15000);
  okc_metered_session_add_sample (meter, okc_test_time ("2026-11-10T23:42:00Z"), 16000);
  okc_metered_session_add_sample (meter, okc_test_time ("2026-11-11T00:10:00Z"), 16000);
  billed = okc_billing_compute (billed_with, meter, &error);
  g_assert_no_error (error);
  okc_cost_breakdown_get_total (billed, &total);
  session = okc_charging_session_new ("SES-0000011", "CH-10234", 1, "ACC-1",
                                      okc_test_time ("2026-11-10T23:00:00Z"), okc_test_time (recorded_end),
                                      okc_test_time ("2026-11-11T00:10:00Z"), 6000, &total,
                                      OKC_SESSION_OUTCOME_COMPLETED,
                                      OKC_STOP_REASON_EV_DISCONNECTED);
  okc_charging_session_set_names (session, property_name ? "PRP-0001" : NULL, property_name,
                                  "Dana Reyes", "TRF-0001");
  okc_charging_session_set_meter (session, meter);
  g_assert_true (okc_charging_session_set_billed (session, billed, NULL));
  return session;
}

static char *
reply_for (OkcChargingSession *session,
           OkcTariff          *tariff,
           GPtrArray          *neighbours)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcSessionAudit) audit = okc_session_audit_run (session, tariff, neighbours, &error);

  g_assert_no_error (error);
  return okc_session_reply_compose (session, audit, tariff);
}

static void
test_reply_clean (void)
{
  g_autoptr(OkcTariff) tariff = okc_test_tariff (TARIFF (""));
  g_autoptr(OkcChargingSession) session = evening ("2026-11-10T23:42:00Z", "Lakeview Lofts",
                                                   tariff);
  g_autofree char *reply = reply_for (session, tariff, NULL);

  g_assert_cmpstr (reply, ==,
                   "Here is the breakdown of your charging session at Lakeview Lofts on "
                   "2026-11-10, from 18:00 to 19:10 (SES-0000011):\n"
                   "\n"
                   "- Connection fee: 1 × $1.00 = $1.00\n"
                   "- Energy: 6 kWh at $0.25/kWh = $1.50\n"
                   "- Idle time after 10 minutes' grace: 18 min at $0.40/min = $7.20\n"
                   "- NY sales tax 8.88 %: 8.88 % of $9.70 = $0.86\n"
                   "\n"
                   "Total billed: $10.56\n"
                   "\n"
                   "These charges match the site's posted pricing.\n");
}

static void
test_reply_findings (void)
{
  g_autoptr(OkcTariff) tariff = okc_test_tariff (TARIFF (""));
  g_autoptr(OkcChargingSession) session = evening ("2026-11-10T23:30:00Z", NULL, tariff);
  g_autofree char *reply = reply_for (session, tariff, NULL);

  g_assert_cmpstr (reply, ==,
                   "Here is the breakdown of your charging session at charger CH-10234 on "
                   "2026-11-10, from 18:00 to 19:10 (SES-0000011):\n"
                   "\n"
                   "- Connection fee: 1 × $1.00 = $1.00\n"
                   "- Energy: 6 kWh at $0.25/kWh = $1.50\n"
                   "- Idle time after 10 minutes' grace: 30 min at $0.40/min = $12.00\n"
                   "- NY sales tax 8.88 %: 8.88 % of $14.50 = $1.29\n"
                   "\n"
                   "Total billed: $15.79\n"
                   "\n"
                   "We checked these charges against the site's posted pricing:\n"
                   "\n"
                   "- An idle fee of $12.00 was billed for 30 min while the car was still "
                   "drawing power until 18:42. This justifies a refund of $5.23.\n");
}

/* Billed under a tariff with a higher peak rate than the posted one, and charging recorded
 * as ended early: two findings and their total. */
static void
test_reply_two_findings (void)
{
  g_autoptr(OkcTariff) posted = okc_test_tariff (TARIFF (""));
  g_autofree char *wrong_text = g_strdup (TARIFF (""));
  g_autoptr(OkcTariff) wrong = NULL;
  g_autoptr(OkcChargingSession) session = NULL;
  g_autofree char *reply = NULL;

  memcpy (strstr (wrong_text, "'rate_per_kwh': 25"), "'rate_per_kwh': 35", 18);
  wrong = okc_test_tariff (wrong_text);
  session = evening ("2026-11-10T23:30:00Z", "Lakeview Lofts", wrong);
  reply = reply_for (session, posted, NULL);
  g_assert_cmpstr (reply, ==,
                   "Here is the breakdown of your charging session at Lakeview Lofts on "
                   "2026-11-10, from 18:00 to 19:10 (SES-0000011):\n"
                   "\n"
                   "- Connection fee: 1 × $1.00 = $1.00\n"
                   "- Energy: 6 kWh at $0.35/kWh = $2.10\n"
                   "- Idle time after 10 minutes' grace: 30 min at $0.40/min = $12.00\n"
                   "- NY sales tax 8.88 %: 8.88 % of $15.10 = $1.34\n"
                   "\n"
                   "Total billed: $16.44\n"
                   "\n"
                   "We checked these charges against the site's posted pricing:\n"
                   "\n"
                   "- An idle fee of $12.00 was billed for 30 min while the car was still "
                   "drawing power until 18:42. This justifies a refund of $5.23.\n"
                   "- Energy was billed at $0.35/kWh, not at the posted $0.25/kWh. This "
                   "justifies a refund of $0.65.\n"
                   "\n"
                   "Refund in all: $5.88.\n");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session-reply/clean", test_reply_clean);
  g_test_add_func ("/session-reply/findings", test_reply_findings);
  g_test_add_func ("/session-reply/two-findings", test_reply_two_findings);

  return g_test_run ();
}
