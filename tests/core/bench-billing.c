/* bench-billing.c — how long the billing engine takes per session and per 100,000 sessions
 *
 * Prints figures and asserts no time (suite bench). The sessions are a deterministic mix
 * of what the network sees: a meter sample every five minutes, 3.6 to 11 kW, charging for
 * 20 minutes to 10 hours, idle for up to three hours, over three months that hold a
 * tariff change and the start of daylight saving time, under a tariff with time-of-day
 * rates, a kWh tier, a weekend rate, an idle fee with hours and a cap, a fee and two taxes.
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

#define N_SESSIONS 10000
#define N_ROUNDS   10

static const char tariff_json[] =
  "{\"id\": \"TRF-BENCH\", \"currency\": \"USD\", \"time_zone\": \"America/New_York\","
  " \"versions\": ["
  "  {\"effective_from\": \"2026-01-01\", \"connection_fee\": 100, \"energy\": ["
  "    {\"rate_per_kwh\": 15, \"restrictions\": {\"start_time\": \"22:00\", \"end_time\": \"06:00\"}},"
  "    {\"rate_per_kwh\": 20, \"restrictions\": {\"days_of_week\": [\"saturday\", \"sunday\"]}},"
  "    {\"rate_per_kwh\": 45, \"restrictions\": {\"start_time\": \"16:00\", \"end_time\": \"21:00\","
  "                                             \"max_wh\": 20000}},"
  "    {\"rate_per_kwh\": 30}],"
  "   \"idle\": {\"rate_per_minute\": 40, \"grace_minutes\": 10, \"cap\": 3000,"
  "              \"start_time\": \"07:00\", \"end_time\": \"23:00\"},"
  "   \"fees\": [{\"name\": \"Card processing\", \"rate_bp\": 290, \"fixed\": 30}],"
  "   \"taxes\": [{\"name\": \"State tax\", \"rate_bp\": 400}, {\"name\": \"City tax\", \"rate_bp\": 488}]},"
  "  {\"effective_from\": \"2026-02-15\", \"connection_fee\": 150, \"energy\": ["
  "    {\"rate_per_kwh\": 18, \"step_wh\": 100,"
  "     \"restrictions\": {\"start_time\": \"22:00\", \"end_time\": \"06:00\"}},"
  "    {\"rate_per_kwh\": 34, \"step_wh\": 100}],"
  "   \"idle\": {\"rate_per_minute\": 50, \"grace_minutes\": 15, \"cap\": 3000},"
  "   \"fees\": [{\"name\": \"Card processing\", \"rate_bp\": 290, \"fixed\": 30}],"
  "   \"taxes\": [{\"name\": \"State tax\", \"rate_bp\": 400}, {\"name\": \"City tax\", \"rate_bp\": 488}]}]}";

static OkcTariff *
load_tariff (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (tariff_json, sizeof tariff_json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = okc_json_parse_bytes (bytes, &error);
  OkcTariff *tariff;

  g_assert_no_error (error);
  tariff = okc_tariff_new_from_json (node, NULL, &error);
  g_assert_no_error (error);
  return tariff;
}

static OkcMeteredSession *
generate_session (GRand *rand)
{
  /* 2026-01-05T00:00:00Z, plus up to 90 days. */
  gint64 started = 1767571200 + g_rand_int_range (rand, 0, 90 * 86400);
  gint64 charging = g_rand_int_range (rand, 20 * 60, 10 * 3600);
  gint64 idle = g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 3 * 3600) : 0;
  gint64 watts = g_rand_int_range (rand, 3600, 11000);
  gint64 register_wh = g_rand_int_range (rand, 0, 5000000);
  OkcMeteredSession *session =
    okc_metered_session_new (started, started + charging, started + charging + idle);

  for (gint64 t = started; t < started + charging; t += 300)
    {
      okc_metered_session_add_sample (session, t, register_wh);
      register_wh += watts * 300 / 3600;
    }
  okc_metered_session_add_sample (session, started + charging, register_wh);
  if (idle > 0)
    okc_metered_session_add_sample (session, started + charging + idle, register_wh);
  return session;
}

static void
report (const char *what,
        gint64      elapsed_us,
        guint       n)
{
  double per_session_us = (double) elapsed_us / n;

  g_print ("%-34s %9.2f us per session, %8.3f s per 100,000 sessions (%u sessions)\n", what,
           per_session_us, per_session_us * 100000 / 1e6, n);
}

int
main (void)
{
  g_autoptr(OkcTariff) tariff = load_tariff ();
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  gint64 started, checksum = 0;
  guint n_samples = 0, n_lines = 0;

  for (guint i = 0; i < N_SESSIONS; i++)
    {
      OkcMeteredSession *session = generate_session (rand);
      guint n;

      okc_metered_session_get_samples (session, &n);
      n_samples += n;
      g_ptr_array_add (sessions, session);
    }
  g_print ("%u sessions, %.1f meter samples each on average\n", N_SESSIONS,
           (double) n_samples / N_SESSIONS);

  started = g_get_monotonic_time ();
  for (guint round = 0; round < N_ROUNDS; round++)
    for (guint i = 0; i < sessions->len; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(OkcCostBreakdown) breakdown =
          okc_billing_compute (tariff, g_ptr_array_index (sessions, i), &error);
        OkcMoney total;

        g_assert_no_error (error);
        okc_cost_breakdown_get_total (breakdown, &total);
        checksum += total.amount;
        n_lines += okc_cost_breakdown_get_n_lines (breakdown);
      }
  report ("breakdown", g_get_monotonic_time () - started, N_SESSIONS * N_ROUNDS);

  started = g_get_monotonic_time ();
  for (guint i = 0; i < sessions->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcCostBreakdown) breakdown =
        okc_billing_compute (tariff, g_ptr_array_index (sessions, i), &error);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      node = okc_cost_breakdown_to_json (breakdown);
      text = okc_json_to_string (node);
      g_assert_nonnull (text);
    }
  report ("breakdown + JSON", g_get_monotonic_time () - started, N_SESSIONS);

  g_print ("%.1f lines per breakdown; sum of the totals %" G_GINT64_FORMAT " (USD cents)\n",
           (double) n_lines / (N_SESSIONS * N_ROUNDS), checksum / N_ROUNDS);
  return 0;
}
