/* test-charging-session.c — sessions from and to JSON, strictly, every bad member named
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core-test-util.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonNode *node = okc_json_parse_bytes (bytes, &error);

  g_assert_no_error (error);
  return node;
}

#define USD(cents) "{\"amount\": " #cents ", \"currency\": \"USD\"}"

/* 18:00–19:30 UTC, charging until 19:10, 12 000 Wh, billed $4.35 = 1.00 + 3.00 + 0.35. */
#define SUMMARY_MEMBERS \
  "\"id\": \"SES-0000042\", \"charger_id\": \"CH-10234\", \"connector_id\": 1," \
  " \"property_id\": \"PRP-0001\", \"property_name\": \"Lakeview Lofts\"," \
  " \"account_id\": \"ACC-000017\", \"account_name\": \"Dana Reyes\"," \
  " \"tariff_id\": \"TRF-0001\", \"started_at\": \"2026-11-24T18:00:00Z\"," \
  " \"charging_ended_at\": \"2026-11-24T19:10:00Z\", \"ended_at\": \"2026-11-24T19:30:00Z\"," \
  " \"duration_seconds\": 5400, \"energy_wh\": 12000, \"idle_seconds\": 1200," \
  " \"billed_total\": " USD (435) ", \"outcome\": \"completed\"," \
  " \"stop_reason\": \"EVDisconnected\""

#define DETAIL_MEMBERS \
  SUMMARY_MEMBERS ", \"samples\": [" \
  "{\"at\": \"2026-11-24T18:00:00Z\", \"wh\": 500000}," \
  "{\"at\": \"2026-11-24T18:05:00Z\", \"wh\": 501000}," \
  "{\"at\": \"2026-11-24T19:10:00Z\", \"wh\": 512000}," \
  "{\"at\": \"2026-11-24T19:30:00Z\", \"wh\": 512000}]," \
  " \"billed\": {\"currency\": \"USD\", \"lines\": [" \
  "{\"kind\": \"connection_fee\", \"description\": \"Connection fee\", \"unit\": \"session\"," \
  " \"quantity\": 1, \"unit_price\": 100, \"amount\": " USD (100) "}," \
  "{\"kind\": \"energy\", \"description\": \"Energy\", \"unit\": \"wh\", \"quantity\": 12000," \
  " \"unit_price\": 25, \"amount\": " USD (300) "}," \
  "{\"kind\": \"tax\", \"description\": \"Sales tax 8.75%\", \"unit\": \"basis_point\"," \
  " \"quantity\": 400, \"unit_price\": 875, \"amount\": " USD (35) "}]," \
  " \"subtotal\": " USD (400) ", \"fees\": " USD (0) ", \"taxes\": " USD (35) "," \
  " \"total\": " USD (435) "}," \
  " \"tariff\": {\"ignored\": true}, \"neighbours\": []"

static void
assert_summary (OkcChargingSession *session)
{
  OkcMoney total;

  g_assert_cmpstr (okc_charging_session_get_id (session), ==, "SES-0000042");
  g_assert_cmpstr (okc_charging_session_get_charger_id (session), ==, "CH-10234");
  g_assert_cmpuint (okc_charging_session_get_connector_id (session), ==, 1);
  g_assert_cmpstr (okc_charging_session_get_property_id (session), ==, "PRP-0001");
  g_assert_cmpstr (okc_charging_session_get_property_name (session), ==, "Lakeview Lofts");
  g_assert_cmpstr (okc_charging_session_get_account_id (session), ==, "ACC-000017");
  g_assert_cmpstr (okc_charging_session_get_account_name (session), ==, "Dana Reyes");
  g_assert_cmpstr (okc_charging_session_get_tariff_id (session), ==, "TRF-0001");
  g_assert_cmpint (okc_charging_session_get_started_at (session), ==, okc_test_time ("2026-11-24T18:00:00Z"));
  g_assert_cmpint (okc_charging_session_get_charging_ended_at (session), ==,
                   okc_test_time ("2026-11-24T19:10:00Z"));
  g_assert_cmpint (okc_charging_session_get_ended_at (session), ==, okc_test_time ("2026-11-24T19:30:00Z"));
  g_assert_cmpint (okc_charging_session_get_duration_seconds (session), ==, 5400);
  g_assert_cmpint (okc_charging_session_get_idle_seconds (session), ==, 1200);
  g_assert_cmpint (okc_charging_session_get_energy_wh (session), ==, 12000);
  okc_charging_session_get_billed_total (session, &total);
  g_assert_cmpint (total.amount, ==, 435);
  g_assert_cmpstr (total.currency, ==, "USD");
  g_assert_cmpint (okc_charging_session_get_outcome (session), ==, OKC_SESSION_OUTCOME_COMPLETED);
  g_assert_cmpint (okc_charging_session_get_stop_reason (session), ==,
                   OKC_STOP_REASON_EV_DISCONNECTED);
}

static void
test_session_summary_round_trip (void)
{
  g_autoptr(JsonNode) node = parse ("{" SUMMARY_MEMBERS "}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargingSession) session = okc_charging_session_new_from_json (node, NULL, &error);
  g_autoptr(OkcChargingSession) again = NULL;
  g_autoptr(JsonNode) encoded = NULL;

  g_assert_no_error (error);
  assert_summary (session);
  g_assert_null (okc_charging_session_get_meter (session));
  g_assert_null (okc_charging_session_get_billed (session));

  encoded = okc_charging_session_to_json (session, TRUE);
  g_assert_false (json_object_has_member (json_node_get_object (encoded), "samples"));
  again = okc_charging_session_new_from_json (encoded, NULL, &error);
  g_assert_no_error (error);
  assert_summary (again);
  g_assert_true (json_node_equal (node, encoded));
}

static void
test_session_detail_round_trip (void)
{
  g_autoptr(JsonNode) node = parse ("{" DETAIL_MEMBERS "}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargingSession) session = okc_charging_session_new_from_json (node, NULL, &error);
  g_autoptr(OkcChargingSession) again = NULL;
  g_autoptr(JsonNode) encoded = NULL, summary = NULL;
  const OkcMeterSample *samples;
  OkcMeteredSession *meter;
  OkcCostBreakdown *billed;
  guint n = 0;

  g_assert_no_error (error);
  assert_summary (session);
  meter = okc_charging_session_get_meter (session);
  g_assert_nonnull (meter);
  samples = okc_metered_session_get_samples (meter, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (samples[2].at, ==, okc_test_time ("2026-11-24T19:10:00Z"));
  g_assert_cmpint (samples[2].wh, ==, 512000);
  g_assert_cmpint (okc_metered_session_get_started_at (meter), ==, okc_test_time ("2026-11-24T18:00:00Z"));
  g_assert_cmpint (okc_metered_session_get_charging_ended_at (meter), ==,
                   okc_test_time ("2026-11-24T19:10:00Z"));
  g_assert_cmpint (okc_metered_session_get_ended_at (meter), ==, okc_test_time ("2026-11-24T19:30:00Z"));
  billed = okc_charging_session_get_billed (session);
  g_assert_nonnull (billed);
  g_assert_cmpuint (okc_cost_breakdown_get_n_lines (billed), ==, 3);
  g_assert_cmpint (okc_cost_breakdown_get_line (billed, 2)->unit_price, ==, 875);

  encoded = okc_charging_session_to_json (session, TRUE);
  again = okc_charging_session_new_from_json (encoded, "session", &error);
  g_assert_no_error (error);
  assert_summary (again);
  okc_metered_session_get_samples (okc_charging_session_get_meter (again), &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (okc_cost_breakdown_get_n_lines (okc_charging_session_get_billed (again)), ==, 3);

  summary = okc_charging_session_to_json (session, FALSE);
  g_assert_false (json_object_has_member (json_node_get_object (summary), "billed"));
}

static void
test_session_null_members (void)
{
  g_autoptr(JsonNode) node = parse ("{" SUMMARY_MEMBERS "}");
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargingSession) session = NULL;
  g_autoptr(JsonNode) encoded = NULL;

  /* A session that never delivered energy: no end of charging, no idle time. */
  json_object_set_null_member (object, "property_id");
  json_object_set_null_member (object, "property_name");
  json_object_set_null_member (object, "charging_ended_at");
  json_object_set_int_member (object, "idle_seconds", 0);
  json_object_set_int_member (object, "energy_wh", 0);
  json_object_set_string_member (object, "outcome", "failed_to_start");
  json_object_set_string_member (object, "stop_reason", "Other");
  session = okc_charging_session_new_from_json (node, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (okc_charging_session_get_property_id (session));
  g_assert_null (okc_charging_session_get_property_name (session));
  g_assert_cmpint (okc_charging_session_get_charging_ended_at (session), ==, 0);
  g_assert_cmpint (okc_charging_session_get_idle_seconds (session), ==, 0);
  encoded = okc_charging_session_to_json (session, FALSE);
  g_assert_true (json_node_equal (node, encoded));
}

typedef struct
{
  const char *member;   /* the member to change, "samples[1].wh" style for nested ones */
  const char *value;    /* its new JSON, NULL to remove it */
  const char *field;    /* the field the error must name */
} BadCase;

static const BadCase bad_cases[] = {
  { "id", NULL, "session.id" },
  { "id", "\"\"", "session.id" },
  { "id", "42", "session.id" },
  { "charger_id", NULL, "session.charger_id" },
  { "connector_id", "0", "session.connector_id" },
  { "connector_id", "\"1\"", "session.connector_id" },
  { "property_id", NULL, "session.property_id" },
  { "property_id", "7", "session.property_id" },
  { "property_name", NULL, "session.property_name" },
  { "account_id", NULL, "session.account_id" },
  { "account_name", "null", "session.account_name" },
  { "tariff_id", NULL, "session.tariff_id" },
  { "started_at", "\"yesterday\"", "session.started_at" },
  { "started_at", "\"2026-11-24T19:40:00Z\"", "session.ended_at" },
  { "charging_ended_at", NULL, "session.charging_ended_at" },
  { "charging_ended_at", "\"2026-11-24T19:31:00Z\"", "session.charging_ended_at" },
  { "ended_at", NULL, "session.ended_at" },
  { "ended_at", "\"2027-01-24T19:30:00Z\"", "session.ended_at" },
  { "duration_seconds", "5401", "session.duration_seconds" },
  { "duration_seconds", NULL, "session.duration_seconds" },
  { "idle_seconds", "0", "session.idle_seconds" },
  { "energy_wh", "-1", "session.energy_wh" },
  { "energy_wh", "12.5", "session.energy_wh" },
  { "energy_wh", "11999", "session.energy_wh" },
  { "billed_total", NULL, "session.billed_total" },
  { "billed_total", "435", "session.billed_total" },
  { "billed_total", "{\"amount\": -5, \"currency\": \"USD\"}", "session.billed_total.amount" },
  { "billed_total", "{\"amount\": 435, \"currency\": \"XYZ\"}", "session.billed_total.currency" },
  { "billed_total", "{\"amount\": 436, \"currency\": \"USD\"}", "session.billed.total" },
  { "billed_total", "{\"amount\": 435, \"currency\": \"EUR\"}", "session.billed.currency" },
  { "outcome", "\"finished\"", "session.outcome" },
  { "outcome", "\"failed_to_start\"", "session.outcome" },
  { "stop_reason", "\"ev_disconnected\"", "session.stop_reason" },
  { "samples", NULL, "session.samples" },
  { "samples", "{}", "session.samples" },
  { "samples", "[{\"at\": \"2026-11-24T17:59:00Z\", \"wh\": 1}]", "session.samples[0].at" },
  { "samples", "[{\"at\": \"2026-11-24T18:00:00Z\", \"wh\": 9}, "
               "{\"at\": \"2026-11-24T18:05:00Z\", \"wh\": 8}]", "session.samples[1].wh" },
  { "samples", "[{\"at\": \"2026-11-24T18:00:00Z\"}]", "session.samples[0].wh" },
  { "samples", "[{\"at\": \"2026-11-24T18:00:00Z\", \"wh\": 1, \"kw\": 2}]",
    "session.samples[0].kw" },
  { "samples", "[7]", "session.samples[0]" },
  { "billed", "null", "session.billed" },
  { "billed", "{\"currency\": \"USD\", \"lines\": []}", "session.billed.subtotal" },
};

static void
test_session_bad_members (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autoptr(JsonNode) node = parse ("{" DETAIL_MEMBERS "}");
      JsonObject *object = json_node_get_object (node);
      g_autoptr(OkcChargingSession) session = NULL;
      g_autoptr(GError) error = NULL;

      if (c->value == NULL)
        json_object_remove_member (object, c->member);
      else
        json_object_set_member (object, c->member, parse (c->value));

      session = okc_charging_session_new_from_json (node, "session", &error);
      g_test_message ("case %u: %s = %s", i, c->member, c->value ? c->value : "(absent)");
      g_assert_null (session);
      g_assert_nonnull (error);
      g_assert_true (error->domain == OKC_DATA_ERROR);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, c->field);
      /* The field is said once, at the start. */
      g_assert_true (g_str_has_prefix (error->message, c->field));
      g_assert_null (strstr (error->message + strlen (c->field), c->field));
    }
}

static void
test_session_new_in_code (void)
{
  g_autoptr(OkcChargingSession) session = NULL;
  g_autoptr(OkcMeteredSession) meter = NULL;
  g_autoptr(OkcCostBreakdown) billed = okc_cost_breakdown_new ("USD");
  g_autoptr(GError) error = NULL;
  OkcMoney total;

  okc_money_init (&total, 150, "USD");
  session = okc_charging_session_new ("SES-0000007", "CH-1", 2, "ACC-000001",
                                      okc_test_time ("2026-11-24T18:00:00Z"), okc_test_time ("2026-11-24T18:30:00Z"),
                                      okc_test_time ("2026-11-24T18:45:00Z"), 5000, &total,
                                      OKC_SESSION_OUTCOME_INTERRUPTED, OKC_STOP_REASON_POWER_LOSS);
  okc_charging_session_set_names (session, NULL, NULL, "Sam", "TRF-0002");
  g_assert_cmpint (okc_charging_session_get_duration_seconds (session), ==, 2700);
  g_assert_cmpint (okc_charging_session_get_idle_seconds (session), ==, 900);

  g_assert_true (okc_cost_breakdown_add_line (billed, OKC_COST_LINE_KIND_CONNECTION_FEE, "Fee",
                                              OKC_COST_UNIT_SESSION, 1, 100, 100, NULL));
  g_assert_false (okc_charging_session_set_billed (session, billed, &error));
  g_assert_cmpstr (okc_data_error_get_field (error), ==, "billed.total");
  g_assert_null (okc_charging_session_get_billed (session));
  g_clear_error (&error);
  g_assert_true (okc_cost_breakdown_add_line (billed, OKC_COST_LINE_KIND_ENERGY, "Energy",
                                              OKC_COST_UNIT_WH, 5000, 10, 50, NULL));
  g_assert_true (okc_charging_session_set_billed (session, billed, &error));
  g_assert_no_error (error);

  meter = okc_metered_session_new (okc_test_time ("2026-11-24T18:00:00Z"), okc_test_time ("2026-11-24T18:30:00Z"),
                                   okc_test_time ("2026-11-24T18:45:00Z"));
  okc_metered_session_add_sample (meter, okc_test_time ("2026-11-24T18:00:00Z"), 100);
  okc_metered_session_add_sample (meter, okc_test_time ("2026-11-24T18:45:00Z"), 5100);
  okc_charging_session_set_meter (session, meter);

  {
    g_autoptr(JsonNode) encoded = okc_charging_session_to_json (session, TRUE);
    g_autoptr(OkcChargingSession) again = okc_charging_session_new_from_json (encoded, NULL,
                                                                               &error);

    g_assert_no_error (error);
    g_assert_cmpint (okc_charging_session_get_outcome (again), ==,
                     OKC_SESSION_OUTCOME_INTERRUPTED);
    g_assert_cmpint (okc_charging_session_get_stop_reason (again), ==, OKC_STOP_REASON_POWER_LOSS);
    g_assert_null (okc_charging_session_get_property_id (again));
    g_assert_cmpint (okc_cost_breakdown_sum_kind (okc_charging_session_get_billed (again),
                                                  OKC_COST_LINE_KIND_ENERGY), ==, 50);
  }
}

static void
test_session_labels (void)
{
  g_assert_cmpstr (okc_session_outcome_get_label (OKC_SESSION_OUTCOME_COMPLETED), ==, "Completed");
  g_assert_cmpstr (okc_session_outcome_get_label (OKC_SESSION_OUTCOME_FAILED_TO_START), ==,
                   "Failed to start");
  g_assert_cmpstr (okc_stop_reason_get_label (OKC_STOP_REASON_EV_DISCONNECTED), ==,
                   "EV disconnected");
  for (int r = OKC_STOP_REASON_EV_DISCONNECTED; r <= OKC_STOP_REASON_OTHER; r++)
    g_assert_nonnull (okc_stop_reason_get_label (r));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charging-session/summary-round-trip", test_session_summary_round_trip);
  g_test_add_func ("/charging-session/detail-round-trip", test_session_detail_round_trip);
  g_test_add_func ("/charging-session/null-members", test_session_null_members);
  g_test_add_func ("/charging-session/bad-members", test_session_bad_members);
  g_test_add_func ("/charging-session/new-in-code", test_session_new_in_code);
  g_test_add_func ("/charging-session/labels", test_session_labels);

  return g_test_run ();
}
