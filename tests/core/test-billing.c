/* test-billing.c — the billing engine's table of cases, to the cent, and its codecs
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-core.h"

/* Tariffs are written with single quotes to stay readable in C; parse_json swaps them. */

/* New York: connection fee, flat energy, idle fee with grace, one tax. */
#define T_SIMPLE \
  "{'id': 'TRF-NY', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'connection_fee': 100, 'energy': [{'rate_per_kwh': 30}]," \
  "  'idle': {'rate_per_minute': 40, 'grace_minutes': 10}," \
  "  'taxes': [{'name': 'NY sales tax', 'rate_bp': 888}]}]}"

#define T_CAP \
  "{'id': 'TRF-CAP', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'connection_fee': 100, 'energy': [{'rate_per_kwh': 30}]," \
  "  'idle': {'rate_per_minute': 40, 'grace_minutes': 10, 'cap': 1000}," \
  "  'taxes': [{'name': 'NY sales tax', 'rate_bp': 888}]}]}"

/* Idle fee only from 08:00 to 20:00 local time. */
#define T_HOURS \
  "{'id': 'TRF-HRS', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'connection_fee': 100, 'energy': [{'rate_per_kwh': 30}]," \
  "  'idle': {'rate_per_minute': 40, 'grace_minutes': 10, 'start_time': '08:00'," \
  "           'end_time': '20:00'}," \
  "  'taxes': [{'name': 'NY sales tax', 'rate_bp': 888}]}]}"

/* A night idle fee, 22:00 to 06:00 local time. */
#define T_NIGHT_IDLE \
  "{'id': 'TRF-NGT', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'connection_fee': 100, 'energy': [{'rate_per_kwh': 30}]," \
  "  'idle': {'rate_per_minute': 40, 'grace_minutes': 10, 'start_time': '22:00'," \
  "           'end_time': '06:00'}," \
  "  'taxes': [{'name': 'NY sales tax', 'rate_bp': 888}]}]}"

/* Rates change on 1 February (local midnight, 05:00 UTC). */
#define T_HISTORY \
  "{'id': 'TRF-HIST', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'connection_fee': 100, 'energy': [{'rate_per_kwh': 30}]," \
  "  'taxes': [{'name': 'NY sales tax', 'rate_bp': 888}]}," \
  " {'effective_from': '2026-02-01', 'connection_fee': 150, 'energy': [{'rate_per_kwh': 40}]," \
  "  'idle': {'rate_per_minute': 50}, 'taxes': [{'name': 'NY sales tax', 'rate_bp': 900}]}]}"

/* Off-peak overnight, spanning midnight. */
#define T_TOD \
  "{'id': 'TRF-TOD', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'energy': [" \
  "   {'rate_per_kwh': 15, 'restrictions': {'start_time': '22:00', 'end_time': '06:00'}}," \
  "   {'rate_per_kwh': 35}]}]}"

#define T_TOD_STEP \
  "{'id': 'TRF-TODS', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'energy': [" \
  "   {'rate_per_kwh': 15, 'step_wh': 1000," \
  "    'restrictions': {'start_time': '22:00', 'end_time': '06:00'}}," \
  "   {'rate_per_kwh': 35}]}]}"

/* Off-peak from 01:30, a wall-clock time the night DST ends shows twice. */
#define T_FOLD \
  "{'id': 'TRF-FOLD', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'energy': [" \
  "   {'rate_per_kwh': 15, 'restrictions': {'start_time': '01:30', 'end_time': '05:00'}}," \
  "   {'rate_per_kwh': 35}]}]}"

/* Off-peak from 02:30, a wall-clock time the night DST begins skips. */
#define T_GAP \
  "{'id': 'TRF-GAP', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'energy': [" \
  "   {'rate_per_kwh': 15, 'restrictions': {'start_time': '02:30', 'end_time': '05:00'}}," \
  "   {'rate_per_kwh': 35}]}]}"

#define T_WEEKEND \
  "{'id': 'TRF-WKND', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'energy': [" \
  "   {'rate_per_kwh': 20, 'restrictions': {'days_of_week': ['saturday', 'sunday']}}," \
  "   {'rate_per_kwh': 35}]}]}"

#define T_TIERS \
  "{'id': 'TRF-TIER', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'energy': [" \
  "   {'rate_per_kwh': 30, 'restrictions': {'max_wh': 10000}}," \
  "   {'rate_per_kwh': 25}]}]}"

#define T_STEP \
  "{'id': 'TRF-STEP', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 30, 'step_wh': 1000}]}]}"

/* A card processing fee (percentage and fixed part), a state tax and a fixed city levy. */
#define T_FEES(taxable) \
  "{'id': 'TRF-FEES', 'currency': 'USD', 'time_zone': 'America/Chicago', 'versions': [" \
  " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 30}]," \
  "  'fees': [{'name': 'Card processing', 'rate_bp': 290, 'fixed': 30, 'taxable': " taxable "}]," \
  "  'taxes': [{'name': 'State tax', 'rate_bp': 625}, {'name': 'City levy', 'fixed': 10}]}]}"

#define T_NO_CHARGE \
  "{'id': 'TRF-FREE', 'currency': 'USD', 'time_zone': 'America/New_York', 'versions': [" \
  " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 30}]," \
  "  'fees': [{'name': 'Card processing', 'rate_bp': 290, 'fixed': 30}]," \
  "  'taxes': [{'name': 'City levy', 'fixed': 10}]}]}"

/* Tokyo, yen: no minor unit. */
#define T_JPY \
  "{'id': 'TRF-TYO', 'currency': 'JPY', 'time_zone': 'Asia/Tokyo', 'versions': [" \
  " {'effective_from': '2026-01-01', 'connection_fee': 100, 'energy': [{'rate_per_kwh': 35}]," \
  "  'idle': {'rate_per_minute': 10, 'grace_minutes': 5}," \
  "  'taxes': [{'name': 'Consumption tax', 'rate_bp': 1000}]}]}"

#define T_HUGE_RATE \
  "{'id': 'TRF-HUGE', 'currency': 'USD', 'time_zone': 'UTC', 'versions': [" \
  " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 1000000000}]}]}"

#define T_HUGE_TAX \
  "{'id': 'TRF-HTAX', 'currency': 'USD', 'time_zone': 'UTC', 'versions': [" \
  " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 9000000}]," \
  "  'taxes': [{'name': 'Everything tax', 'rate_bp': 100000}]}]}"

typedef struct
{
  const char *name;
  const char *tariff;
  const char *started_at;
  const char *charging_ended_at;   /* NULL: not recorded */
  const char *ended_at;
  const char *samples;             /* "time=wh time=wh …" */
  /* "kind quantity unit_price amount|…", in billing order */
  const char *lines;
  gint64 subtotal, fees, taxes, total;
} BillingCase;

static const BillingCase cases[] = {
  { "zero-energy", T_SIMPLE,
    "2026-01-05T15:00:00Z", NULL, "2026-01-05T15:20:00Z",
    "2026-01-05T15:00:00Z=1000 2026-01-05T15:20:00Z=1000",
    "connection_fee 1 100 100|tax 100 888 9", 100, 0, 9, 109 },
  { "zero-energy-no-samples", T_SIMPLE,
    "2026-01-05T15:00:00Z", NULL, "2026-01-05T15:01:00Z", "",
    "connection_fee 1 100 100|tax 100 888 9", 100, 0, 9, 109 },
  /* Nothing to charge: a fixed fee or levy is not added to nothing. */
  { "zero-energy-nothing-charged", T_NO_CHARGE,
    "2026-01-05T15:00:00Z", NULL, "2026-01-05T15:20:00Z",
    "2026-01-05T15:00:00Z=1000 2026-01-05T15:20:00Z=1000", "", 0, 0, 0, 0 },
  /* 7150 Wh × 30 ¢ = 214.5 ¢: half up gives 215 (banker's would give 214). Idle within grace. */
  { "energy-half-up-idle-within-grace", T_SIMPLE,
    "2026-01-05T15:00:00Z", "2026-01-05T16:00:00Z", "2026-01-05T16:05:00Z",
    "2026-01-05T15:00:00Z=1000 2026-01-05T16:00:00Z=8150",
    "connection_fee 1 100 100|energy 7150 30 215|tax 315 888 28", 315, 0, 28, 343 },
  { "idle-ends-exactly-at-grace", T_SIMPLE,
    "2026-01-05T15:00:00Z", "2026-01-05T16:00:00Z", "2026-01-05T16:10:00Z",
    "2026-01-05T15:00:00Z=0 2026-01-05T16:00:00Z=10000",
    "connection_fee 1 100 100|energy 10000 30 300|tax 400 888 36", 400, 0, 36, 436 },
  /* Four samples of 1.5 ¢ each: rounded per line (6 ¢), not per sample (8 ¢). */
  { "energy-rounded-per-line", T_SIMPLE,
    "2026-01-05T15:00:00Z", NULL, "2026-01-05T15:40:00Z",
    "2026-01-05T15:00:00Z=0 2026-01-05T15:10:00Z=50 2026-01-05T15:20:00Z=100 "
    "2026-01-05T15:30:00Z=150 2026-01-05T15:40:00Z=200",
    "connection_fee 1 100 100|energy 200 30 6|tax 106 888 9", 106, 0, 9, 115 },
  /* 40.5 min plugged in after charging, 10 min grace: 30.5 min, billed as 31 whole minutes. */
  { "idle-after-grace", T_SIMPLE,
    "2026-01-05T15:00:00Z", "2026-01-05T16:00:00Z", "2026-01-05T16:40:30Z",
    "2026-01-05T15:00:00Z=0 2026-01-05T16:00:00Z=10000",
    "connection_fee 1 100 100|energy 10000 30 300|idle_fee 1860 40 1240|tax 1640 888 146",
    1640, 0, 146, 1786 },
  { "idle-cap", T_CAP,
    "2026-01-05T15:00:00Z", "2026-01-05T16:00:00Z", "2026-01-05T16:40:30Z",
    "2026-01-05T15:00:00Z=0 2026-01-05T16:00:00Z=10000",
    "connection_fee 1 100 100|energy 10000 30 300|idle_fee 1860 40 1000|tax 1400 888 124",
    1400, 0, 124, 1524 },
  /* Charging ends 19:30 EST; grace to 19:40; the fee stops at 20:00: 20 minutes. */
  { "idle-hours", T_HOURS,
    "2026-01-05T23:30:00Z", "2026-01-06T00:30:00Z", "2026-01-06T03:00:00Z",
    "2026-01-05T23:30:00Z=0 2026-01-06T00:30:00Z=5000",
    "connection_fee 1 100 100|energy 5000 30 150|idle_fee 1200 40 800|tax 1050 888 93",
    1050, 0, 93, 1143 },
  /* Left plugged in overnight: 19:40–20:00, free overnight, then 08:00–08:30. */
  { "idle-hours-overnight", T_HOURS,
    "2026-01-05T23:30:00Z", "2026-01-06T00:30:00Z", "2026-01-06T13:30:00Z",
    "2026-01-05T23:30:00Z=0 2026-01-06T00:30:00Z=5000",
    "connection_fee 1 100 100|energy 5000 30 150|idle_fee 3000 40 2000|tax 2250 888 200",
    2250, 0, 200, 2450 },
  /* Charging ends 21:00 EST, grace to 21:10, free until the night fee starts at 22:00,
   * unplugged 23:30: 90 minutes. */
  { "idle-hours-span-midnight", T_NIGHT_IDLE,
    "2026-01-06T01:00:00Z", "2026-01-06T02:00:00Z", "2026-01-06T04:30:00Z",
    "2026-01-06T01:00:00Z=0 2026-01-06T02:00:00Z=5000",
    "connection_fee 1 100 100|energy 5000 30 150|idle_fee 5400 40 3600|tax 3850 888 342",
    3850, 0, 342, 4192 },
  /* 23:00–01:00 EST across 1 February: the register is interpolated at local midnight
   * (3888.5 Wh, rounded down), connection fee and tax from the version at the start. */
  { "tariff-change", T_HISTORY,
    "2026-02-01T04:00:00Z", NULL, "2026-02-01T06:00:00Z",
    "2026-02-01T04:00:00Z=0 2026-02-01T06:00:00Z=7777",
    "connection_fee 1 100 100|energy 3888 30 117|energy 3889 40 156|tax 373 888 33",
    373, 0, 33, 406 },
  /* The idle fee is the one in force when charging completed: the new version's. */
  { "tariff-change-idle-after", T_HISTORY,
    "2026-02-01T04:00:00Z", "2026-02-01T06:00:00Z", "2026-02-01T06:10:00Z",
    "2026-02-01T04:00:00Z=0 2026-02-01T06:00:00Z=7777",
    "connection_fee 1 100 100|energy 3888 30 117|energy 3889 40 156|idle_fee 600 50 500|"
    "tax 873 888 78", 873, 0, 78, 951 },
  /* Charging completed under the old version, which had no idle fee. */
  { "tariff-change-idle-before", T_HISTORY,
    "2026-02-01T04:00:00Z", "2026-02-01T04:30:00Z", "2026-02-01T06:00:00Z",
    "2026-02-01T04:00:00Z=0 2026-02-01T04:30:00Z=3000",
    "connection_fee 1 100 100|energy 3000 30 90|tax 190 888 17", 190, 0, 17, 207 },
  /* 21:00–01:00 EST: an hour of peak, then off-peak across midnight, one line. */
  { "midnight-time-of-day", T_TOD,
    "2026-01-06T02:00:00Z", NULL, "2026-01-06T06:00:00Z",
    "2026-01-06T02:00:00Z=0 2026-01-06T06:00:00Z=8000",
    "energy 2000 35 70|energy 6000 15 90", 160, 0, 0, 160 },
  /* The same across midnight with a 1 kWh step on the last line: 8500 Wh billed as 9000. */
  { "midnight-time-of-day-step", T_TOD_STEP,
    "2026-01-06T02:00:00Z", NULL, "2026-01-06T06:00:00Z",
    "2026-01-06T02:00:00Z=0 2026-01-06T06:00:00Z=8500",
    "energy 2125 35 74|energy 6875 15 103", 177, 0, 0, 177 },
  /* Friday 23:00 to Saturday 01:00 EST. */
  { "midnight-weekend", T_WEEKEND,
    "2026-01-10T04:00:00Z", NULL, "2026-01-10T06:00:00Z",
    "2026-01-10T04:00:00Z=0 2026-01-10T06:00:00Z=4000",
    "energy 2000 35 70|energy 2000 20 40", 110, 0, 0, 110 },
  /* The night DST begins: 23:00 EST to 07:00 EDT is seven hours, six of them off-peak. */
  { "dst-night", T_TOD,
    "2026-03-08T04:00:00Z", NULL, "2026-03-08T11:00:00Z",
    "2026-03-08T04:00:00Z=0 2026-03-08T11:00:00Z=7000",
    "energy 6000 15 90|energy 1000 35 35", 125, 0, 0, 125 },
  /* The night DST ends: 21:00 EDT to 07:00 EST is eleven hours, nine of them off-peak. */
  { "dst-end-night", T_TOD,
    "2026-11-01T01:00:00Z", NULL, "2026-11-01T12:00:00Z",
    "2026-11-01T01:00:00Z=0 2026-11-01T12:00:00Z=11000",
    "energy 2000 35 70|energy 9000 15 135", 205, 0, 0, 205 },
  /* 01:00 EDT to 03:00 EST: 01:00–01:30 peak, 01:30–02:00 off-peak, then the clock goes
   * back and 01:00–01:30 is peak again, 01:30–03:00 off-peak. */
  { "dst-fold", T_FOLD,
    "2026-11-01T05:00:00Z", NULL, "2026-11-01T08:00:00Z",
    "2026-11-01T05:00:00Z=0 2026-11-01T08:00:00Z=3000",
    "energy 1000 35 35|energy 2000 15 30", 65, 0, 0, 65 },
  /* 01:00 EST to 05:00 EDT: the clock jumps from 02:00 to 03:00, past 02:30, so off-peak
   * starts at the jump. */
  { "dst-gap", T_GAP,
    "2026-03-08T06:00:00Z", NULL, "2026-03-08T09:00:00Z",
    "2026-03-08T06:00:00Z=0 2026-03-08T09:00:00Z=6000",
    "energy 2000 35 70|energy 4000 15 60", 130, 0, 0, 130 },
  /* 21:00 to 07:00: peak, off-peak across midnight, peak again from 06:00; one line per
   * rate, rounded once. */
  { "time-of-day-lines-merge", T_TOD,
    "2026-01-06T02:00:00Z", NULL, "2026-01-06T12:00:00Z",
    "2026-01-06T02:00:00Z=0 2026-01-06T06:00:00Z=8000 2026-01-06T12:00:00Z=14000",
    "energy 3000 35 105|energy 11000 15 165", 270, 0, 0, 270 },
  { "kwh-tiers", T_TIERS,
    "2026-01-05T15:00:00Z", NULL, "2026-01-05T17:00:00Z",
    "2026-01-05T15:00:00Z=500 2026-01-05T16:00:00Z=8000 2026-01-05T17:00:00Z=15500",
    "energy 10000 30 300|energy 5000 25 125", 425, 0, 0, 425 },
  { "step-rounds-up", T_STEP,
    "2026-01-05T15:00:00Z", NULL, "2026-01-05T16:00:00Z",
    "2026-01-05T15:00:00Z=0 2026-01-05T16:00:00Z=7150",
    "energy 8000 30 240", 240, 0, 0, 240 },
  /* Tax on subtotal + the taxable fee (fixed part included), rounded once per line:
   * 339 × 6.25 % = 21.19 → 21 (part by part it would be 19 + 1 + 2 = 22). */
  { "fee-and-taxes", T_FEES ("true"),
    "2026-01-05T15:00:00Z", NULL, "2026-01-05T16:00:00Z",
    "2026-01-05T15:00:00Z=0 2026-01-05T16:00:00Z=10000",
    "energy 10000 30 300|processing_fee 300 290 9|processing_fee 1 30 30|tax 339 625 21|"
    "tax 1 10 10", 300, 39, 31, 370 },
  { "fee-not-taxable", T_FEES ("false"),
    "2026-01-05T15:00:00Z", NULL, "2026-01-05T16:00:00Z",
    "2026-01-05T15:00:00Z=0 2026-01-05T16:00:00Z=10000",
    "energy 10000 30 300|processing_fee 300 290 9|processing_fee 1 30 30|tax 300 625 19|"
    "tax 1 10 10", 300, 39, 29, 368 },
  /* ¥: 12,345 Wh × ¥35 = ¥432.075 → ¥432; 15 idle minutes × ¥10; 10 % tax of ¥682. */
  { "jpy", T_JPY,
    "2026-01-05T01:00:00Z", "2026-01-05T02:00:00Z", "2026-01-05T02:20:00Z",
    "2026-01-05T01:00:00Z=0 2026-01-05T02:00:00Z=12345",
    "connection_fee 1 100 100|energy 12345 35 432|idle_fee 900 10 150|tax 682 1000 68",
    682, 0, 68, 750 },
  /* The same session in dollars: ¢ where it was ¥. */
  { "usd-beside-jpy", T_SIMPLE,
    "2026-01-05T01:00:00Z", "2026-01-05T02:00:00Z", "2026-01-05T02:15:00Z",
    "2026-01-05T01:00:00Z=0 2026-01-05T02:00:00Z=12345",
    "connection_fee 1 100 100|energy 12345 30 370|idle_fee 300 40 200|tax 670 888 59",
    670, 0, 59, 729 },
};

static JsonNode *
parse_json (const char *single_quoted)
{
  g_autofree char *text = g_strdup (single_quoted);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_strdelimit (text, "'", '"');
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static OkcTariff *
tariff_from (const char *single_quoted)
{
  g_autoptr(JsonNode) node = parse_json (single_quoted);
  g_autoptr(GError) error = NULL;
  OkcTariff *tariff = okc_tariff_new_from_json (node, NULL, &error);

  g_assert_no_error (error);
  return tariff;
}

static gint64
parse_time (const char *text)
{
  gint64 t = 0;

  g_assert_true (okc_time_parse_rfc3339 (text, &t));
  return t;
}

static OkcMeteredSession *
session_from (const char *started,
              const char *charging_ended,
              const char *ended,
              const char *samples)
{
  g_auto(GStrv) parts = g_strsplit (samples, " ", -1);
  OkcMeteredSession *session =
    okc_metered_session_new (parse_time (started),
                             charging_ended != NULL ? parse_time (charging_ended) : 0,
                             parse_time (ended));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) pair = NULL;

      if (*parts[i] == '\0')
        continue;
      pair = g_strsplit (parts[i], "=", 2);
      g_assert_nonnull (pair[1]);
      okc_metered_session_add_sample (session, parse_time (pair[0]),
                                      g_ascii_strtoll (pair[1], NULL, 10));
    }
  return session;
}

/* The lines as the table writes them. */
static char *
describe_lines (OkcCostBreakdown *breakdown)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < okc_cost_breakdown_get_n_lines (breakdown); i++)
    {
      const OkcCostLine *line = okc_cost_breakdown_get_line (breakdown, i);

      g_string_append_printf (text, "%s%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %"
                              G_GINT64_FORMAT, i > 0 ? "|" : "",
                              okc_enum_to_nick (OKC_TYPE_COST_LINE_KIND, line->kind),
                              line->quantity, line->unit_price, line->amount);
    }
  return g_string_free (text, FALSE);
}

static void
test_case (gconstpointer data)
{
  const BillingCase *c = data;
  g_autoptr(OkcTariff) tariff = tariff_from (c->tariff);
  g_autoptr(OkcMeteredSession) session =
    session_from (c->started_at, c->charging_ended_at, c->ended_at, c->samples);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCostBreakdown) breakdown = okc_billing_compute (tariff, session, &error);
  g_autofree char *lines = NULL;
  OkcMoney subtotal, fees, taxes, total;

  g_assert_no_error (error);
  for (guint i = 0; i < okc_cost_breakdown_get_n_lines (breakdown); i++)
    g_test_message ("%s", okc_cost_breakdown_get_line (breakdown, i)->description);

  lines = describe_lines (breakdown);
  g_assert_cmpstr (lines, ==, c->lines);

  okc_cost_breakdown_get_subtotal (breakdown, &subtotal);
  okc_cost_breakdown_get_fees (breakdown, &fees);
  okc_cost_breakdown_get_taxes (breakdown, &taxes);
  okc_cost_breakdown_get_total (breakdown, &total);
  g_assert_cmpint (subtotal.amount, ==, c->subtotal);
  g_assert_cmpint (fees.amount, ==, c->fees);
  g_assert_cmpint (taxes.amount, ==, c->taxes);
  g_assert_cmpint (total.amount, ==, c->total);
  g_assert_cmpstr (total.currency, ==, okc_tariff_get_currency (tariff));

  g_assert_finalize_object (g_steal_pointer (&breakdown));
}

typedef struct
{
  const char *name;
  const char *tariff;
  const char *started_at;
  const char *charging_ended_at;
  const char *ended_at;
  const char *samples;
  const char *field;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "before-first-version", T_SIMPLE, "2025-12-31T15:00:00Z", NULL, "2025-12-31T16:00:00Z", "",
    "started_at" },
  { "ends-before-start", T_SIMPLE, "2026-01-05T15:00:00Z", NULL, "2026-01-05T14:00:00Z", "",
    "ended_at" },
  { "forty-days", T_SIMPLE, "2026-01-05T15:00:00Z", NULL, "2026-02-14T15:00:00Z", "",
    "ended_at" },
  { "charging-ends-after-end", T_SIMPLE, "2026-01-05T15:00:00Z", "2026-01-05T17:00:00Z",
    "2026-01-05T16:00:00Z", "", "charging_ended_at" },
  { "sample-outside", T_SIMPLE, "2026-01-05T15:00:00Z", NULL, "2026-01-05T16:00:00Z",
    "2026-01-05T14:59:59Z=0", "samples[0].at" },
  { "samples-out-of-order", T_SIMPLE, "2026-01-05T15:00:00Z", NULL, "2026-01-05T16:00:00Z",
    "2026-01-05T15:30:00Z=0 2026-01-05T15:10:00Z=10", "samples[1].at" },
  { "register-goes-down", T_SIMPLE, "2026-01-05T15:00:00Z", NULL, "2026-01-05T16:00:00Z",
    "2026-01-05T15:00:00Z=5000 2026-01-05T16:00:00Z=4999", "samples[1].wh" },
  { "absurd-register", T_SIMPLE, "2026-01-05T15:00:00Z", NULL, "2026-01-05T16:00:00Z",
    "2026-01-05T15:00:00Z=0 2026-01-05T16:00:00Z=9223372036854775807", "samples[1].wh" },
  /* 1 TWh at $10 million per kWh: more than 63 bits of cents. */
  { "energy-overflow", T_HUGE_RATE, "2026-01-05T15:00:00Z", NULL, "2026-01-05T16:00:00Z",
    "2026-01-05T15:00:00Z=0 2026-01-05T16:00:00Z=1000000000000", "energy" },
  { "tax-overflow", T_HUGE_TAX, "2026-01-05T15:00:00Z", NULL, "2026-01-05T16:00:00Z",
    "2026-01-05T15:00:00Z=0 2026-01-05T16:00:00Z=1000000000000", "taxes[0]" },
};

static void
test_error_case (gconstpointer data)
{
  const ErrorCase *c = data;
  g_autoptr(OkcTariff) tariff = tariff_from (c->tariff);
  g_autoptr(OkcMeteredSession) session =
    session_from (c->started_at, c->charging_ended_at, c->ended_at, c->samples);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCostBreakdown) breakdown = okc_billing_compute (tariff, session, &error);

  g_assert_null (breakdown);
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (okc_data_error_get_field (error), ==, c->field);
}

static void
test_scale_half_up (void)
{
  static const struct
  {
    gint64 value, numerator, denominator, expected;
  } scales[] = {
    { 7150, 30, 1000, 215 },   /* 214.5 */
    { 7149, 30, 1000, 214 },   /* 214.47 */
    { 7250, 30, 1000, 218 },   /* 217.5: up, not to even */
    { 1, 1, 2, 1 },
    { 1, 1, 3, 0 },
    { 0, 999, 7, 0 },
    { 90, 25, 60, 38 },        /* 37.5 */
    { G_MAXINT64, 1, 1, G_MAXINT64 },
  };
  gint64 out;

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      g_assert_true (okc_billing_scale_half_up (scales[i].value, scales[i].numerator,
                                                scales[i].denominator, &out));
      g_assert_cmpint (out, ==, scales[i].expected);
    }
  g_assert_false (okc_billing_scale_half_up (G_MAXINT64 / 2 + 1, 2, 1, &out));
}

static void
test_time_of_day_window (void)
{
  static const struct
  {
    int start, end, minute;
    gboolean inside;
  } windows[] = {
    { 8 * 60, 20 * 60, 8 * 60, TRUE },       /* the start is inside */
    { 8 * 60, 20 * 60, 20 * 60, FALSE },     /* the end is not */
    { 8 * 60, 20 * 60, 7 * 60 + 59, FALSE },
    { 22 * 60, 6 * 60, 23 * 60, TRUE },      /* spans midnight */
    { 22 * 60, 6 * 60, 0, TRUE },
    { 22 * 60, 6 * 60, 5 * 60 + 59, TRUE },
    { 22 * 60, 6 * 60, 6 * 60, FALSE },
    { 22 * 60, 6 * 60, 12 * 60, FALSE },
    { -1, 6 * 60, 0, TRUE },                 /* from 00:00 */
    { 22 * 60, -1, 23 * 60 + 59, TRUE },     /* until 24:00 */
    { 22 * 60, -1, 0, FALSE },
    { -1, -1, 12 * 60, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    g_assert_cmpint (okc_time_of_day_window_contains (windows[i].start, windows[i].end,
                                                      windows[i].minute), ==, windows[i].inside);
}

static void
test_find_version (void)
{
  g_autoptr(OkcTariff) tariff = tariff_from (T_HISTORY);

  /* Local midnight of 1 February in New York is 05:00 UTC. */
  g_assert_cmpint (okc_tariff_find_version (tariff, parse_time ("2026-01-01T04:59:59Z")), ==, -1);
  g_assert_cmpint (okc_tariff_find_version (tariff, parse_time ("2026-01-01T05:00:00Z")), ==, 0);
  g_assert_cmpint (okc_tariff_find_version (tariff, parse_time ("2026-02-01T04:59:59Z")), ==, 0);
  g_assert_cmpint (okc_tariff_find_version (tariff, parse_time ("2026-02-01T05:00:00Z")), ==, 1);
  g_assert_cmpint (okc_tariff_find_version (tariff, parse_time ("2030-01-01T00:00:00Z")), ==, 1);
}

/* What the customer reads says which rate, window, version and cap a line is for. */
static void
test_descriptions (void)
{
  static const struct
  {
    const char *tariff, *started, *charging_ended, *ended, *samples;
    guint line;
    const char *description;
  } described[] = {
    { T_CAP, "2026-01-05T15:00:00Z", "2026-01-05T16:00:00Z", "2026-01-05T16:40:30Z",
      "2026-01-05T15:00:00Z=0 2026-01-05T16:00:00Z=10000", 2,
      "Idle time after 10 minutes' grace, capped at $10.00" },
    { T_HOURS, "2026-01-05T23:30:00Z", "2026-01-06T00:30:00Z", "2026-01-06T03:00:00Z",
      "2026-01-05T23:30:00Z=0 2026-01-06T00:30:00Z=5000", 2,
      "Idle time after 10 minutes' grace, 08:00–20:00" },
    { T_HISTORY, "2026-02-01T04:00:00Z", NULL, "2026-02-01T06:00:00Z",
      "2026-02-01T04:00:00Z=0 2026-02-01T06:00:00Z=7777", 2, "Energy (rates from 2026-02-01)" },
    { T_TOD, "2026-01-06T02:00:00Z", NULL, "2026-01-06T06:00:00Z",
      "2026-01-06T02:00:00Z=0 2026-01-06T06:00:00Z=8000", 1, "Energy, 22:00–06:00" },
    { T_TIERS, "2026-01-05T15:00:00Z", NULL, "2026-01-05T17:00:00Z",
      "2026-01-05T15:00:00Z=0 2026-01-05T17:00:00Z=15000", 0, "Energy, up to 10 kWh" },
    { T_FEES ("true"), "2026-01-05T15:00:00Z", NULL, "2026-01-05T16:00:00Z",
      "2026-01-05T15:00:00Z=0 2026-01-05T16:00:00Z=10000", 1, "Card processing 2.90 %" },
    { T_FEES ("true"), "2026-01-05T15:00:00Z", NULL, "2026-01-05T16:00:00Z",
      "2026-01-05T15:00:00Z=0 2026-01-05T16:00:00Z=10000", 4, "City levy, fixed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (described); i++)
    {
      g_autoptr(OkcTariff) tariff = tariff_from (described[i].tariff);
      g_autoptr(OkcMeteredSession) session =
        session_from (described[i].started, described[i].charging_ended, described[i].ended,
                      described[i].samples);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcCostBreakdown) breakdown = okc_billing_compute (tariff, session, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (described[i].line, <, okc_cost_breakdown_get_n_lines (breakdown));
      g_assert_cmpstr (okc_cost_breakdown_get_line (breakdown, described[i].line)->description,
                       ==, described[i].description);
    }
}

static gint64
unit_divisor (OkcCostUnit unit)
{
  switch (unit)
    {
    case OKC_COST_UNIT_WH:
      return 1000;
    case OKC_COST_UNIT_SECOND:
      return 60;
    case OKC_COST_UNIT_BASIS_POINT:
      return 10000;
    case OKC_COST_UNIT_SESSION:
    default:
      return 1;
    }
}

/* Irregular sessions (samples at odd intervals, pauses, two readings at one instant) under
 * time-of-day rates, a tariff change and steps: what must hold for every one of them. */
static void
test_generated_invariants (void)
{
  const char *tariffs[] = { T_TOD, T_TOD_STEP, T_HISTORY, T_FEES ("true"), T_CAP, T_HOURS };
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);

  for (guint t = 0; t < G_N_ELEMENTS (tariffs); t++)
    {
      g_autoptr(OkcTariff) tariff = tariff_from (tariffs[t]);

      for (guint n = 0; n < 300; n++)
        {
          /* 2026-01-20 to 2026-03-20 local: a tariff change and the start of DST. */
          gint64 started = 1768867200 + g_rand_int_range (rand, 0, 59 * 86400);
          gint64 at = started, wh = g_rand_int_range (rand, 0, 1000000), first_wh = wh;
          gint64 charging_ended, ended;
          g_autoptr(OkcMeteredSession) session = NULL;
          g_autoptr(OkcCostBreakdown) breakdown = NULL;
          g_autoptr(OkcCostBreakdown) again = NULL;
          g_autoptr(JsonNode) node = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *lines = NULL, *again_lines = NULL;
          guint n_samples = g_rand_int_range (rand, 0, 40);
          gint64 energy_wh = 0, max_step = 1;
          OkcMoney subtotal, fees, taxes, total;
          GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);

          for (guint i = 0; i < n_samples; i++)
            {
              gint64 pair[2] = { at, wh };

              g_array_append_val (times, pair);
              at += g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 4 * 3600) : 300;
              wh += g_rand_int_range (rand, 0, 3) == 0 ? 0 : g_rand_int_range (rand, 0, 5000);
            }
          charging_ended = at;
          ended = at + (g_rand_boolean (rand) ? g_rand_int_range (rand, 0, 5 * 3600) : 0);
          session = okc_metered_session_new (started, g_rand_boolean (rand) ? charging_ended : 0,
                                             ended);
          for (guint i = 0; i < times->len; i++)
            {
              const gint64 *pair = &g_array_index (times, gint64, i * 2);

              okc_metered_session_add_sample (session, pair[0], pair[1]);
              energy_wh = pair[1] - first_wh;
            }
          g_array_unref (times);

          breakdown = okc_billing_compute (tariff, session, &error);
          g_assert_no_error (error);

          okc_cost_breakdown_get_subtotal (breakdown, &subtotal);
          okc_cost_breakdown_get_fees (breakdown, &fees);
          okc_cost_breakdown_get_taxes (breakdown, &taxes);
          okc_cost_breakdown_get_total (breakdown, &total);
          g_assert_cmpint (total.amount, ==, subtotal.amount + fees.amount + taxes.amount);
          g_assert_cmpint (subtotal.amount, ==,
                           okc_cost_breakdown_sum_kind (breakdown, OKC_COST_LINE_KIND_CONNECTION_FEE) +
                           okc_cost_breakdown_sum_kind (breakdown, OKC_COST_LINE_KIND_ENERGY) +
                           okc_cost_breakdown_sum_kind (breakdown, OKC_COST_LINE_KIND_IDLE_FEE));

          /* Every Wh is billed once, plus at most one step's round-up; every amount is its
           * quantity × price, rounded half up (a capped idle fee at most that). */
          {
            gint64 billed_wh = 0;

            for (guint i = 0; i < okc_cost_breakdown_get_n_lines (breakdown); i++)
              {
                const OkcCostLine *line = okc_cost_breakdown_get_line (breakdown, i);
                gint64 expected;

                g_assert_true (okc_billing_scale_half_up (line->quantity, line->unit_price,
                                                          unit_divisor (line->unit), &expected));
                if (line->kind == OKC_COST_LINE_KIND_IDLE_FEE)
                  g_assert_cmpint (line->amount, <=, expected);
                else
                  g_assert_cmpint (line->amount, ==, expected);
                if (line->kind == OKC_COST_LINE_KIND_ENERGY)
                  billed_wh += line->quantity;
              }
            if (t == 1) /* T_TOD_STEP */
              max_step = 1000;
            g_assert_cmpint (billed_wh, >=, energy_wh);
            g_assert_cmpint (billed_wh - energy_wh, <, max_step);
          }

          /* What the backend sends is what the console reads back. */
          node = okc_cost_breakdown_to_json (breakdown);
          again = okc_cost_breakdown_new_from_json (node, NULL, &error);
          g_assert_no_error (error);
          lines = describe_lines (breakdown);
          again_lines = describe_lines (again);
          g_assert_cmpstr (lines, ==, again_lines);
        }
    }
}

typedef struct
{
  const char *json;
  OkcDataError code;
  const char *field;
} TariffErrorCase;

static void
test_tariff_errors (void)
{
  static const TariffErrorCase bad[] = {
    { "[]", OKC_DATA_ERROR_INVALID, NULL },
    { "{'id': 'T', 'currency': 'XXX', 'time_zone': 'UTC', 'versions': []}",
      OKC_DATA_ERROR_UNKNOWN, "currency" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'Mars/Olympus', 'versions': []}",
      OKC_DATA_ERROR_UNKNOWN, "time_zone" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': []}",
      OKC_DATA_ERROR_INVALID, "versions" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'colour': 1, 'versions': []}",
      OKC_DATA_ERROR_UNKNOWN, "colour" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-02-30', 'energy': [{'rate_per_kwh': 1}]}]}",
      OKC_DATA_ERROR_INVALID, "versions[0].effective_from" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-01-01', 'energy': []}]}",
      OKC_DATA_ERROR_INVALID, "versions[0].energy" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 1}, {'rate_per_kwh': 1},"
      "  {'rate_per_kwh': 1}, {'rate_per_kwh': 1}, {'rate_per_kwh': 1}, {'rate_per_kwh': 1},"
      "  {'rate_per_kwh': 1}, {'rate_per_kwh': 1}, {'rate_per_kwh': 1}, {'rate_per_kwh': 1},"
      "  {'rate_per_kwh': 1}, {'rate_per_kwh': 1}, {'rate_per_kwh': 1}, {'rate_per_kwh': 1},"
      "  {'rate_per_kwh': 1}, {'rate_per_kwh': 1}, {'rate_per_kwh': 1}]}]}",
      OKC_DATA_ERROR_INVALID, "versions[0].energy" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': -1}]}]}",
      OKC_DATA_ERROR_INVALID, "versions[0].energy[0].rate_per_kwh" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 0.3}]}]}",
      OKC_DATA_ERROR_INVALID, "versions[0].energy[0].rate_per_kwh" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': '30'}]}]}",
      OKC_DATA_ERROR_INVALID, "versions[0].energy[0].rate_per_kwh" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 3, 'step_wh': 0}]}]}",
      OKC_DATA_ERROR_INVALID, "versions[0].energy[0].step_wh" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 3,"
      "   'restrictions': {'start_time': '24:00'}}, {'rate_per_kwh': 1}]}]}",
      OKC_DATA_ERROR_INVALID, "versions[0].energy[0].restrictions.start_time" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 3,"
      "   'restrictions': {'days_of_week': ['funday']}}, {'rate_per_kwh': 1}]}]}",
      OKC_DATA_ERROR_UNKNOWN, "versions[0].energy[0].restrictions.days_of_week[0]" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 3,"
      "   'restrictions': {'min_wh': 500, 'max_wh': 500}}, {'rate_per_kwh': 1}]}]}",
      OKC_DATA_ERROR_INVALID, "versions[0].energy[0].restrictions.max_wh" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 3,"
      "   'restrictions': {'start_time': '22:00'}}]}]}",
      OKC_DATA_ERROR_INVALID, "versions[0].energy[0].restrictions" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 3}],"
      "  'idle': {'rate_per_minute': 5, 'cap': -1}}]}",
      OKC_DATA_ERROR_INVALID, "versions[0].idle.cap" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 3}],"
      "  'idle': {'rate_per_minute': 5, 'start_time': '08:00', 'end_time': '08:00'}}]}",
      OKC_DATA_ERROR_INVALID, "versions[0].idle.end_time" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 3}],"
      "  'taxes': [{'name': 'VAT', 'rate_bp': 2000, 'taxable': true}]}]}",
      OKC_DATA_ERROR_UNKNOWN, "versions[0].taxes[0].taxable" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 3}],"
      "  'fees': [{'name': '', 'fixed': 30}]}]}",
      OKC_DATA_ERROR_INVALID, "versions[0].fees[0].name" },
    { "{'id': 'T', 'currency': 'USD', 'time_zone': 'UTC', 'versions': ["
      " {'effective_from': '2026-02-01', 'energy': [{'rate_per_kwh': 3}]},"
      " {'effective_from': '2026-01-01', 'energy': [{'rate_per_kwh': 4}]}]}",
      OKC_DATA_ERROR_INVALID, "versions[1].effective_from" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse_json (bad[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcTariff) tariff = okc_tariff_new_from_json (node, NULL, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(no error)");
      g_assert_null (tariff);
      g_assert_error (error, OKC_DATA_ERROR, (int) bad[i].code);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, bad[i].field);
    }
}

static void
test_tariff_round_trip (void)
{
  const char *tariffs[] = { T_SIMPLE, T_HOURS, T_HISTORY, T_TOD_STEP, T_WEEKEND, T_TIERS,
                            T_FEES ("false"), T_JPY };

  for (guint i = 0; i < G_N_ELEMENTS (tariffs); i++)
    {
      g_autoptr(OkcTariff) tariff = tariff_from (tariffs[i]);
      g_autoptr(JsonNode) first = okc_tariff_to_json (tariff);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcTariff) again = okc_tariff_new_from_json (first, NULL, &error);
      g_autoptr(JsonNode) second = NULL;
      g_autofree char *first_text = NULL, *second_text = NULL;

      g_assert_no_error (error);
      second = okc_tariff_to_json (again);
      first_text = okc_json_to_string (first);
      second_text = okc_json_to_string (second);
      g_assert_cmpstr (first_text, ==, second_text);
      g_assert_cmpuint (okc_tariff_get_n_versions (again), ==, okc_tariff_get_n_versions (tariff));
    }
}

static OkcCostBreakdown *
compute_fees_case (void)
{
  g_autoptr(OkcTariff) tariff = tariff_from (T_FEES ("true"));
  g_autoptr(OkcMeteredSession) session =
    session_from ("2026-01-05T15:00:00Z", NULL, "2026-01-05T16:00:00Z",
                  "2026-01-05T15:00:00Z=0 2026-01-05T16:00:00Z=10000");
  g_autoptr(GError) error = NULL;
  OkcCostBreakdown *breakdown = okc_billing_compute (tariff, session, &error);

  g_assert_no_error (error);
  return breakdown;
}

static void
test_breakdown_round_trip (void)
{
  g_autoptr(OkcCostBreakdown) breakdown = compute_fees_case ();
  g_autoptr(JsonNode) node = okc_cost_breakdown_to_json (breakdown);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCostBreakdown) again = okc_cost_breakdown_new_from_json (node, NULL, &error);
  g_autofree char *lines = NULL, *again_lines = NULL;
  OkcMoney total;

  g_assert_no_error (error);
  lines = describe_lines (breakdown);
  again_lines = describe_lines (again);
  g_assert_cmpstr (lines, ==, again_lines);
  for (guint i = 0; i < okc_cost_breakdown_get_n_lines (again); i++)
    {
      g_assert_cmpstr (okc_cost_breakdown_get_line (again, i)->description, ==,
                       okc_cost_breakdown_get_line (breakdown, i)->description);
      g_assert_cmpint (okc_cost_breakdown_get_line (again, i)->unit, ==,
                       okc_cost_breakdown_get_line (breakdown, i)->unit);
    }
  okc_cost_breakdown_get_total (again, &total);
  g_assert_cmpint (total.amount, ==, 370);
  g_assert_cmpint (okc_cost_breakdown_sum_kind (again, OKC_COST_LINE_KIND_TAX), ==, 31);
}

static void
test_breakdown_errors (void)
{
  static const struct
  {
    const char *json;
    const char *field;
  } bad[] = {
    { "{'currency': 'USD', 'lines': [], 'subtotal': {'amount': 0, 'currency': 'USD'},"
      " 'fees': {'amount': 0, 'currency': 'USD'}, 'taxes': {'amount': 0, 'currency': 'USD'},"
      " 'total': {'amount': 1, 'currency': 'USD'}}", "total" },
    { "{'currency': 'USD', 'lines': [{'kind': 'energy', 'description': 'Energy',"
      " 'unit': 'wh', 'quantity': 1000, 'unit_price': 30,"
      " 'amount': {'amount': 30, 'currency': 'JPY'}}]}", "lines[0].amount.currency" },
    { "{'currency': 'USD', 'lines': [{'kind': 'parking', 'description': 'Energy',"
      " 'unit': 'wh', 'quantity': 1000, 'unit_price': 30,"
      " 'amount': {'amount': 30, 'currency': 'USD'}}]}", "lines[0].kind" },
    { "{'currency': 'USD', 'lines': [{'kind': 'energy', 'description': 'Energy',"
      " 'unit': 'wh', 'quantity': 1000.5, 'unit_price': 30,"
      " 'amount': {'amount': 30, 'currency': 'USD'}}]}", "lines[0].quantity" },
    { "{'currency': 'USD', 'lines': [{'kind': 'energy', 'description': 'Energy',"
      " 'unit': 'wh', 'quantity': 1000, 'unit_price': 30,"
      " 'amount': {'amount': -30, 'currency': 'USD'}}]}", "lines[0].amount.amount" },
    { "{'currency': 'USD', 'lines': [{'kind': 'energy', 'description': 'Energy',"
      " 'unit': 'wh', 'quantity': 1000, 'unit_price': 30,"
      " 'amount': {'amount': 9223372036854775807, 'currency': 'USD'}},"
      " {'kind': 'tax', 'description': 'Tax', 'unit': 'session', 'quantity': 1,"
      " 'unit_price': 1, 'amount': {'amount': 1, 'currency': 'USD'}}]}", "lines[1].amount" },
    { "{'currency': 'USD', 'lines': [{'kind': 'energy', 'description': 'Energy',"
      " 'unit': 'wh', 'quantity': 1000, 'unit_price': 30,"
      " 'amount': {'amount': 30, 'currency': 'USD'}}],"
      " 'subtotal': {'amount': 30, 'currency': 'USD'}, 'fees': {'amount': 0, 'currency': 'USD'},"
      " 'taxes': {'amount': 3, 'currency': 'USD'}, 'total': {'amount': 33, 'currency': 'USD'}}",
      "taxes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse_json (bad[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcCostBreakdown) breakdown = okc_cost_breakdown_new_from_json (node, NULL, &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(no error)");
      g_assert_null (breakdown);
      g_assert_true (error != NULL && error->domain == OKC_DATA_ERROR);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, bad[i].field);
    }
}

static void
test_session_codec (void)
{
  g_autoptr(OkcMeteredSession) session =
    session_from ("2026-01-05T15:00:00Z", "2026-01-05T16:00:00Z", "2026-01-05T16:40:30Z",
                  "2026-01-05T15:00:00Z=0 2026-01-05T16:00:00Z=10000");
  g_autoptr(JsonNode) node = okc_metered_session_to_json (session);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcMeteredSession) again = okc_metered_session_new_from_json (node, NULL, &error);
  g_autoptr(JsonNode) bad = parse_json ("{'started_at': '2026-01-05T15:00:00Z',"
                                        " 'ended_at': '2026-01-05T16:00:00Z',"
                                        " 'samples': [{'at': '2026-01-05T15:00:00Z', 'wh': 1.5}]}");
  g_autoptr(OkcMeteredSession) refused = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (okc_metered_session_get_ended_at (again), ==,
                   okc_metered_session_get_ended_at (session));
  g_assert_cmpint (okc_metered_session_get_charging_ended_at (again), ==,
                   okc_metered_session_get_charging_ended_at (session));
  g_assert_cmpint (okc_metered_session_get_energy_wh (again), ==, 10000);

  refused = okc_metered_session_new_from_json (bad, "session", &error);
  g_assert_null (refused);
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
  g_assert_cmpstr (okc_data_error_get_field (error), ==, "session.samples[0].wh");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Okc/Billing/case/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Okc/Billing/error/%s", error_cases[i].name);
      g_test_add_data_func (path, &error_cases[i], test_error_case);
    }
  g_test_add_func ("/Okc/Billing/scale-half-up", test_scale_half_up);
  g_test_add_func ("/Okc/Billing/time-of-day-window", test_time_of_day_window);
  g_test_add_func ("/Okc/Billing/find-version", test_find_version);
  g_test_add_func ("/Okc/Billing/descriptions", test_descriptions);
  g_test_add_func ("/Okc/Billing/generated-invariants", test_generated_invariants);
  g_test_add_func ("/Okc/Billing/tariff-errors", test_tariff_errors);
  g_test_add_func ("/Okc/Billing/tariff-round-trip", test_tariff_round_trip);
  g_test_add_func ("/Okc/Billing/breakdown-round-trip", test_breakdown_round_trip);
  g_test_add_func ("/Okc/Billing/breakdown-errors", test_breakdown_errors);
  g_test_add_func ("/Okc/Billing/session-codec", test_session_codec);

  return g_test_run ();
}
