/* session-gen.c — generated charging sessions, billed by the engine, with planted mischarges
 *
 * The mix: a meter sample every five minutes while charging at 3.6 to 11 kW, for 20 minutes
 * to 10 hours, then idle for up to three hours, from 5 January 2026 over 90 days that hold
 * a tariff change (1 March) and the start of daylight saving time (8 March), under time-of-day
 * and weekend rates, an idle fee, a processing fee and two taxes. A mischarge is planted the
 * way a real billing fault makes one: billing with a mis-set tariff, or with a recorded end of
 * charging that is too early, or billing a charge twice.
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "session-gen.h"

/* %d: energy rate offset, tax rate offset, fee rate offset. */
static const char tariff_template[] =
  "{\"id\": \"TRF-GEN\", \"currency\": \"USD\", \"time_zone\": \"America/New_York\","
  " \"versions\": ["
  "  {\"effective_from\": \"2026-01-01\", \"connection_fee\": 100, \"energy\": ["
  "    {\"rate_per_kwh\": %d, \"restrictions\": {\"start_time\": \"22:00\", \"end_time\": \"06:00\"}},"
  "    {\"rate_per_kwh\": %d, \"restrictions\": {\"days_of_week\": [\"saturday\", \"sunday\"]}},"
  "    {\"rate_per_kwh\": %d}],"
  "   \"idle\": {\"rate_per_minute\": 40, \"grace_minutes\": 10},"
  "   \"fees\": [{\"name\": \"Card processing\", \"rate_bp\": %d, \"fixed\": 30}],"
  "   \"taxes\": [{\"name\": \"State tax\", \"rate_bp\": %d}, {\"name\": \"City tax\", \"rate_bp\": %d}]},"
  "  {\"effective_from\": \"2026-03-01\", \"connection_fee\": 150, \"energy\": ["
  "    {\"rate_per_kwh\": %d, \"step_wh\": 100,"
  "     \"restrictions\": {\"start_time\": \"22:00\", \"end_time\": \"06:00\"}},"
  "    {\"rate_per_kwh\": %d, \"step_wh\": 100}],"
  "   \"idle\": {\"rate_per_minute\": 50, \"grace_minutes\": 15},"
  "   \"fees\": [{\"name\": \"Card processing\", \"rate_bp\": %d, \"fixed\": 30}],"
  "   \"taxes\": [{\"name\": \"State tax\", \"rate_bp\": %d}, {\"name\": \"City tax\", \"rate_bp\": %d}]}]}";

static OkcTariff *
make_tariff (int energy,
             int tax,
             int fee)
{
  g_autofree char *text = g_strdup_printf (tariff_template, 15 + energy, 20 + energy, 30 + energy,
                                           290 + fee, 400 + tax, 475 + tax, 20 + energy,
                                           35 + energy, 290 + fee, 425 + tax, 475 + tax);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = okc_json_parse_bytes (bytes, &error);
  OkcTariff *tariff;

  g_assert_no_error (error);
  tariff = okc_tariff_new_from_json (node, NULL, &error);
  g_assert_no_error (error);
  return tariff;
}

void
session_gen_init (SessionGen *gen,
                  guint32     seed)
{
  gen->rand = g_rand_new_with_seed (seed);
  gen->posted = make_tariff (0, 0, 0);
  gen->wrong_rates = make_tariff (3, 0, 0);
  gen->wrong_taxes = make_tariff (0, 100, 0);
  gen->wrong_fees = make_tariff (0, 0, 100);
  gen->next_id = 1;
}

void
session_gen_clear (SessionGen *gen)
{
  g_clear_pointer (&gen->rand, g_rand_free);
  g_clear_object (&gen->posted);
  g_clear_object (&gen->wrong_rates);
  g_clear_object (&gen->wrong_taxes);
  g_clear_object (&gen->wrong_fees);
}

/* The meter facts of one charge; @recorded_end is the charging end as recorded. */
typedef struct
{
  gint64 started, charging_ended, recorded_end, ended;
  gint64 watts, register_wh;
  gint64 samples[2 * 130];   /* at, wh */
  guint n;
} Charge;

static void
add_sample (Charge *charge,
            gint64  at,
            gint64  wh)
{
  g_assert_cmpuint (charge->n, <, G_N_ELEMENTS (charge->samples) / 2);
  charge->samples[2 * charge->n] = at;
  charge->samples[2 * charge->n + 1] = wh;
  charge->n++;
}

static void
generate_charge (SessionGen *gen,
                 Charge     *charge,
                 gint64      min_idle)
{
  /* 2026-01-05T00:00:00Z, plus up to 90 days. */
  gint64 started = 1767571200 + g_rand_int_range (gen->rand, 0, 90 * 86400);
  gint64 charging = g_rand_int_range (gen->rand, 20 * 60, 10 * 3600);
  gint64 idle = min_idle > 0 || g_rand_boolean (gen->rand)
                ? g_rand_int_range (gen->rand, (gint32) min_idle, 3 * 3600) : 0;
  gint64 wh = g_rand_int_range (gen->rand, 0, 5000000);

  *charge = (Charge) { started, started + charging, started + charging, started + charging + idle,
                       g_rand_int_range (gen->rand, 3600, 11000), 0, { 0 }, 0 };
  for (gint64 t = started; t < started + charging; t += 300)
    {
      add_sample (charge, t, wh);
      wh += charge->watts * MIN (300, started + charging - t) / 3600;
    }
  add_sample (charge, started + charging, wh);
  if (idle > 0)
    add_sample (charge, started + charging + idle, wh);
  charge->register_wh = wh - charge->samples[1];
}

static OkcMeteredSession *
charge_meter (const Charge *charge)
{
  OkcMeteredSession *meter = okc_metered_session_new (charge->started, charge->recorded_end,
                                                      charge->ended);

  for (guint i = 0; i < charge->n; i++)
    okc_metered_session_add_sample (meter, charge->samples[2 * i], charge->samples[2 * i + 1]);
  return meter;
}

static OkcChargingSession *
make_session (SessionGen   *gen,
              const char   *account,
              const Charge *charge,
              OkcTariff    *billed_with)
{
  g_autofree char *id = g_strdup_printf ("SES-%07u", gen->next_id++);
  g_autoptr(OkcMeteredSession) meter = charge_meter (charge);
  g_autoptr(OkcCostBreakdown) billed = NULL;
  g_autoptr(GError) error = NULL;
  OkcChargingSession *session;
  OkcMoney total;

  billed = okc_billing_compute (billed_with, meter, &error);
  g_assert_no_error (error);
  okc_cost_breakdown_get_total (billed, &total);
  session = okc_charging_session_new (id, "CH-GEN", 1, account, charge->started,
                                      charge->recorded_end, charge->ended, charge->register_wh,
                                      &total,
                                      charge->register_wh == 0 ? OKC_SESSION_OUTCOME_FAILED_TO_START
                                                               : OKC_SESSION_OUTCOME_COMPLETED,
                                      OKC_STOP_REASON_EV_DISCONNECTED);
  okc_charging_session_set_names (session, "PRP-GEN", "Generated Gardens", "Gen Account",
                                  "TRF-GEN");
  okc_charging_session_set_meter (session, meter);
  g_assert_true (okc_charging_session_set_billed (session, billed, &error));
  return session;
}

static void
generate_attempt (SessionGen *gen,
                  Charge     *charge)
{
  gint64 started = 1767571200 + g_rand_int_range (gen->rand, 0, 90 * 86400);
  gint64 wh = g_rand_int_range (gen->rand, 0, 5000000);

  *charge = (Charge) { started, 0, 0, started + g_rand_int_range (gen->rand, 30, 300), 0, 0,
                       { 0 }, 0 };
  add_sample (charge, started, wh);
  add_sample (charge, charge->ended, wh);
}

/* Charging recorded as ended 10 to 40 minutes early, on a sample, in the same tariff
 * version as the real end, so that the idle fee's rate is the same. */
static gboolean
plant_early_end (Charge    *charge,
                 OkcTariff *tariff,
                 GRand     *rand)
{
  gint64 shift = 300 * g_rand_int_range (rand, 2, 9);
  gint64 early = charge->charging_ended - (charge->charging_ended - charge->started) % 300 - shift;

  if (early <= charge->started ||
      okc_tariff_find_version (tariff, early) != okc_tariff_find_version (tariff,
                                                                          charge->charging_ended))
    return FALSE;
  charge->recorded_end = early;
  return TRUE;
}

static const char *
random_account (SessionGen *gen)
{
  static const char * const accounts[] = { "ACC-000001", "ACC-000002", "ACC-000003" };

  return accounts[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (accounts))];
}

OkcChargingSession *
session_gen_next (SessionGen     *gen,
                  SessionGenKind  kind,
                  GPtrArray      *neighbours,
                  int            *out_kind)
{
  const char *account = random_account (gen);
  OkcChargingSession *session, *other;
  Charge charge, retry;

  *out_kind = -1;
  switch (kind)
    {
    case SESSION_GEN_ZERO_ENERGY:
    case SESSION_GEN_REPEATED:
      generate_attempt (gen, &charge);
      session = make_session (gen, account, &charge, gen->posted);
      generate_charge (gen, &retry, 0);
      /* Retried within the window by the same account, or by someone else. */
      retry.started = charge.ended + g_rand_int_range (gen->rand, 0, OKC_SESSION_RETRY_WINDOW_SECONDS);
      retry.ended = retry.started;
      retry.recorded_end = retry.charging_ended = retry.started;
      retry.n = 1;
      retry.samples[0] = retry.started;
      retry.register_wh = 0;
      other = make_session (gen, kind == SESSION_GEN_REPEATED ? account : "ACC-OTHER", &retry,
                            gen->posted);
      g_ptr_array_add (neighbours, other);
      if (kind == SESSION_GEN_REPEATED)
        *out_kind = OKC_FINDING_KIND_REPEATED_CONNECTION_FEE;
      return session;

    case SESSION_GEN_DOUBLE:
      generate_charge (gen, &charge, 0);
      g_ptr_array_add (neighbours, make_session (gen, account, &charge, gen->posted));
      *out_kind = OKC_FINDING_KIND_DOUBLE_BILLING;
      return make_session (gen, account, &charge, gen->posted);

    case SESSION_GEN_IDLE:
      do
        generate_charge (gen, &charge, 30 * 60);
      while (!plant_early_end (&charge, gen->posted, gen->rand));
      *out_kind = OKC_FINDING_KIND_IDLE_FEE_WHILE_CHARGING;
      return make_session (gen, account, &charge, gen->posted);

    case SESSION_GEN_RATE:
      generate_charge (gen, &charge, 0);
      *out_kind = OKC_FINDING_KIND_WRONG_RATE;
      return make_session (gen, account, &charge, gen->wrong_rates);

    case SESSION_GEN_TAX:
      generate_charge (gen, &charge, 0);
      *out_kind = OKC_FINDING_KIND_WRONG_TAX;
      return make_session (gen, account, &charge, gen->wrong_taxes);

    case SESSION_GEN_MISMATCH:
      generate_charge (gen, &charge, 0);
      *out_kind = OKC_FINDING_KIND_BILLING_MISMATCH;
      return make_session (gen, account, &charge, gen->wrong_fees);

    case SESSION_GEN_CLEAN:
    default:
      generate_charge (gen, &charge, 0);
      session = make_session (gen, account, &charge, gen->posted);
      /* Another charge by the same account on the same charger changes nothing. */
      generate_charge (gen, &retry, 0);
      g_ptr_array_add (neighbours, make_session (gen, account, &retry, gen->posted));
      return session;
    }
}
