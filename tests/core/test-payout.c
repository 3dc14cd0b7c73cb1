/* test-payout.c — payouts and their adjustments from and to JSON, every bad member named
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonNode *node = okc_json_parse_bytes (bytes, &error);

  g_assert_no_error (error);
  return node;
}

#define PERIOD_MEMBERS \
  "\"id\": \"PAY-00012\", \"host_account_id\": \"ACC-00003\", \"property_id\": \"PRP-0002\"," \
  " \"property_name\": \"Lakeview Lofts\", \"period_from\": \"2026-11-02\"," \
  " \"period_to\": \"2026-11-08\", \"period_start\": \"2026-11-02T05:00:00Z\"," \
  " \"cutoff_at\": \"2026-11-09T05:00:00Z\""

/* The docs/payouts.md example. */
#define PAID \
  "{" PERIOD_MEMBERS ", \"amount\": {\"amount\": 48213, \"currency\": \"USD\"}," \
  " \"status\": \"paid\", \"initiated_at\": \"2026-11-10T15:00:00Z\"," \
  " \"arrival_at\": \"2026-11-12T15:00:00Z\", \"failure_reason\": null," \
  " \"bank_last4\": \"6789\"}"

static gint64
at (const char *text)
{
  gint64 unix_time = 0;

  g_assert_true (okc_time_parse_rfc3339 (text, &unix_time));
  return unix_time;
}

static void
test_payout_paid (void)
{
  g_autoptr(JsonNode) node = parse (PAID);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPayout) payout = okc_payout_new_from_json (node, NULL, &error);
  g_autoptr(OkcPayout) again = NULL;
  g_autoptr(JsonNode) encoded = NULL;
  OkcMoney amount;

  g_assert_no_error (error);
  g_assert_cmpstr (okc_payout_get_id (payout), ==, "PAY-00012");
  g_assert_cmpstr (okc_payout_get_host_account_id (payout), ==, "ACC-00003");
  g_assert_cmpstr (okc_payout_get_property_id (payout), ==, "PRP-0002");
  g_assert_cmpstr (okc_payout_get_property_name (payout), ==, "Lakeview Lofts");
  g_assert_cmpstr (okc_payout_get_period_from (payout), ==, "2026-11-02");
  g_assert_cmpstr (okc_payout_get_period_to (payout), ==, "2026-11-08");
  g_assert_cmpint (okc_payout_get_period_start (payout), ==, at ("2026-11-02T05:00:00Z"));
  g_assert_cmpint (okc_payout_get_cutoff_at (payout), ==, at ("2026-11-09T05:00:00Z"));
  okc_payout_get_amount (payout, &amount);
  g_assert_cmpint (amount.amount, ==, 48213);
  g_assert_cmpstr (amount.currency, ==, "USD");
  g_assert_cmpint (okc_payout_get_status (payout), ==, OKC_PAYOUT_STATUS_PAID);
  g_assert_cmpint (okc_payout_get_initiated_at (payout), ==, at ("2026-11-10T15:00:00Z"));
  g_assert_cmpint (okc_payout_get_arrival_at (payout), ==, at ("2026-11-12T15:00:00Z"));
  g_assert_null (okc_payout_get_failure_reason (payout));
  g_assert_cmpstr (okc_payout_get_bank_last4 (payout), ==, "6789");

  encoded = okc_payout_to_json (payout);
  g_assert_true (json_node_equal (node, encoded));
  again = okc_payout_new_from_json (encoded, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_payout_get_id (again), ==, "PAY-00012");
}

/* Each status with the fields the statuses table gives it. */
static void
test_payout_statuses (void)
{
  static const struct
  {
    const char *json;
    OkcPayoutStatus status;
  } cases[] = {
    { "{" PERIOD_MEMBERS ", \"amount\": {\"amount\": 1200, \"currency\": \"USD\"},"
      " \"status\": \"scheduled\", \"initiated_at\": null, \"arrival_at\": null,"
      " \"failure_reason\": null, \"bank_last4\": null}", OKC_PAYOUT_STATUS_SCHEDULED },
    { "{" PERIOD_MEMBERS ", \"amount\": {\"amount\": 1200, \"currency\": \"USD\"},"
      " \"status\": \"in_transit\", \"initiated_at\": \"2026-11-10T15:00:00Z\","
      " \"arrival_at\": \"2026-11-12T15:00:00Z\", \"failure_reason\": null,"
      " \"bank_last4\": \"0042\"}", OKC_PAYOUT_STATUS_IN_TRANSIT },
    { "{" PERIOD_MEMBERS ", \"amount\": {\"amount\": 1200, \"currency\": \"USD\"},"
      " \"status\": \"failed\", \"initiated_at\": \"2026-11-10T15:00:00Z\","
      " \"arrival_at\": null, \"failure_reason\": \"R03: No account or unable to locate"
      " account\", \"bank_last4\": \"6789\"}", OKC_PAYOUT_STATUS_FAILED },
    { "{" PERIOD_MEMBERS ", \"amount\": {\"amount\": 1200, \"currency\": \"USD\"},"
      " \"status\": \"failed\", \"initiated_at\": \"2026-11-10T15:00:00Z\","
      " \"arrival_at\": \"2026-11-12T15:00:00Z\", \"failure_reason\": \"R02: Account"
      " closed\", \"bank_last4\": \"6789\"}", OKC_PAYOUT_STATUS_FAILED },
    { "{" PERIOD_MEMBERS ", \"amount\": {\"amount\": 0, \"currency\": \"USD\"},"
      " \"status\": \"carried_over\", \"initiated_at\": null, \"arrival_at\": null,"
      " \"failure_reason\": null, \"bank_last4\": null}", OKC_PAYOUT_STATUS_CARRIED_OVER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcPayout) payout = okc_payout_new_from_json (node, "payouts[0]", &error);
      g_autoptr(JsonNode) encoded = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (okc_payout_get_status (payout), ==, cases[i].status);
      encoded = okc_payout_to_json (payout);
      g_assert_true (json_node_equal (node, encoded));
    }
}

/* A member replaced in the paid example: what is wrong is named, by its path. */
static void
test_payout_bad_members (void)
{
  static const struct
  {
    const char *from;
    const char *to;
    const char *path;
  } cases[] = {
    { "\"id\": \"PAY-00012\"", "\"id\": \"\"", "payouts[3].id" },
    { "\"property_id\": \"PRP-0002\",", "", "payouts[3].property_id" },
    { "\"period_from\": \"2026-11-02\"", "\"period_from\": \"2026-11-31\"",
      "payouts[3].period_from" },
    { "\"period_to\": \"2026-11-08\"", "\"period_to\": \"2026-11-01\"", "payouts[3].period_to" },
    { "\"cutoff_at\": \"2026-11-09T05:00:00Z\"", "\"cutoff_at\": \"2026-11-02T05:00:00Z\"",
      "payouts[3].cutoff_at" },
    { "\"period_start\": \"2026-11-02T05:00:00Z\"", "\"period_start\": \"2 Nov\"",
      "payouts[3].period_start" },
    { "{\"amount\": 48213, \"currency\": \"USD\"}", "{\"amount\": -5, \"currency\": \"USD\"}",
      "payouts[3].amount" },
    { "{\"amount\": 48213, \"currency\": \"USD\"}", "482.13", "payouts[3].amount" },
    { "{\"amount\": 48213, \"currency\": \"USD\"}", "{\"amount\": 48213, \"currency\": \"XYZ\"}",
      "payouts[3].amount.currency" },
    { "\"status\": \"paid\"", "\"status\": \"pending\"", "payouts[3].status" },
    { "\"initiated_at\": \"2026-11-10T15:00:00Z\"", "\"initiated_at\": null",
      "payouts[3].initiated_at" },
    { "\"arrival_at\": \"2026-11-12T15:00:00Z\"", "\"arrival_at\": null",
      "payouts[3].arrival_at" },
    { "\"arrival_at\": \"2026-11-12T15:00:00Z\"", "\"arrival_at\": \"2026-11-09T15:00:00Z\"",
      "payouts[3].arrival_at" },
    { "\"failure_reason\": null", "\"failure_reason\": \"R03: No account\"",
      "payouts[3].failure_reason" },
    { "\"bank_last4\": \"6789\"", "\"bank_last4\": \"67x9\"", "payouts[3].bank_last4" },
    { "\"bank_last4\": \"6789\"", "\"bank_last4\": \"56789\"", "payouts[3].bank_last4" },
    /* Not sent yet, yet with the bank's side. */
    { "\"status\": \"paid\"", "\"status\": \"scheduled\"", "payouts[3].initiated_at" },
    /* Failed without the bank's words. */
    { "\"status\": \"paid\"", "\"status\": \"failed\"", "payouts[3].failure_reason" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new (PAID);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcPayout) payout = NULL;

      g_assert_cmpuint (g_string_replace (text, cases[i].from, cases[i].to, 1), ==, 1);
      node = parse (text->str);
      payout = okc_payout_new_from_json (node, "payouts[3]", &error);
      g_assert_null (payout);
      g_assert_error (error, OKC_DATA_ERROR, error->code);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].path);
    }
}

/* Nothing sent, so nothing carried over can be owed: its amount is 0. */
static void
test_payout_carried_over_amount (void)
{
  g_autoptr(JsonNode) node = parse ("{" PERIOD_MEMBERS ", \"amount\": {\"amount\": 99,"
                                    " \"currency\": \"USD\"}, \"status\": \"carried_over\","
                                    " \"initiated_at\": null, \"arrival_at\": null,"
                                    " \"failure_reason\": null, \"bank_last4\": null}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPayout) payout = okc_payout_new_from_json (node, NULL, &error);

  g_assert_null (payout);
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
  g_assert_cmpstr (okc_data_error_get_field (error), ==, "amount");
}

static void
test_payout_status_labels (void)
{
  g_assert_cmpstr (okc_payout_status_get_label (OKC_PAYOUT_STATUS_SCHEDULED), ==, "Scheduled");
  g_assert_cmpstr (okc_payout_status_get_label (OKC_PAYOUT_STATUS_IN_TRANSIT), ==,
                   "In transit");
  g_assert_cmpstr (okc_payout_status_get_label (OKC_PAYOUT_STATUS_PAID), ==, "Paid");
  g_assert_cmpstr (okc_payout_status_get_label (OKC_PAYOUT_STATUS_FAILED), ==, "Failed");
  g_assert_cmpstr (okc_payout_status_get_label (OKC_PAYOUT_STATUS_CARRIED_OVER), ==,
                   "Carried over");
}

#define ADJUSTMENT \
  "{\"id\": \"ADJ-00001\", \"payout_id\": \"PAY-00009\"," \
  " \"amount\": {\"amount\": 1230, \"currency\": \"USD\"}," \
  " \"reason\": \"A refund deducted twice\", \"ticket_id\": \"TCK-000123\"," \
  " \"created_by\": {\"id\": \"USR-0002\", \"name\": \"Ana Silva\"}," \
  " \"created_at\": \"2026-11-20T10:00:00Z\", \"credited_payout_id\": \"PAY-00012\"}"

static void
test_adjustment_round_trip (void)
{
  g_autoptr(JsonNode) node = parse (ADJUSTMENT);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPayoutAdjustment) adjustment = okc_payout_adjustment_new_from_json (node, NULL,
                                                                                   &error);
  g_autoptr(JsonNode) encoded = NULL;
  OkcMoney amount;

  g_assert_no_error (error);
  g_assert_cmpstr (okc_payout_adjustment_get_id (adjustment), ==, "ADJ-00001");
  g_assert_cmpstr (okc_payout_adjustment_get_payout_id (adjustment), ==, "PAY-00009");
  okc_payout_adjustment_get_amount (adjustment, &amount);
  g_assert_cmpint (amount.amount, ==, 1230);
  g_assert_cmpstr (amount.currency, ==, "USD");
  g_assert_cmpstr (okc_payout_adjustment_get_reason (adjustment), ==, "A refund deducted twice");
  g_assert_cmpstr (okc_payout_adjustment_get_ticket_id (adjustment), ==, "TCK-000123");
  g_assert_cmpstr (okc_payout_adjustment_get_created_by_id (adjustment), ==, "USR-0002");
  g_assert_cmpstr (okc_payout_adjustment_get_created_by_name (adjustment), ==, "Ana Silva");
  g_assert_cmpint (okc_payout_adjustment_get_created_at (adjustment), ==,
                   at ("2026-11-20T10:00:00Z"));
  g_assert_cmpstr (okc_payout_adjustment_get_credited_payout_id (adjustment), ==, "PAY-00012");

  encoded = okc_payout_adjustment_to_json (adjustment);
  g_assert_true (json_node_equal (node, encoded));
}

/* No scheduled payout yet: the next run pays it. */
static void
test_adjustment_not_yet_credited (void)
{
  g_autoptr(GString) text = g_string_new (ADJUSTMENT);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPayoutAdjustment) adjustment = NULL;

  g_string_replace (text, "\"PAY-00012\"", "null", 1);
  g_string_replace (text, "\"TCK-000123\"", "null", 1);
  node = parse (text->str);
  adjustment = okc_payout_adjustment_new_from_json (node, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (okc_payout_adjustment_get_credited_payout_id (adjustment));
  g_assert_null (okc_payout_adjustment_get_ticket_id (adjustment));
}

static void
test_adjustment_bad_members (void)
{
  static const struct
  {
    const char *from;
    const char *to;
    const char *path;
  } cases[] = {
    { "\"amount\": 1230", "\"amount\": 0", "adjustments[1].amount" },
    { "\"amount\": 1230", "\"amount\": -1230", "adjustments[1].amount" },
    { "\"reason\": \"A refund deducted twice\"", "\"reason\": \"\"", "adjustments[1].reason" },
    { "\"name\": \"Ana Silva\"", "\"name\": 7", "adjustments[1].created_by.name" },
    { "\"created_at\": \"2026-11-20T10:00:00Z\"", "\"created_at\": null",
      "adjustments[1].created_at" },
    { "\"PAY-00012\"", "\"PAY-00009\"", "adjustments[1].credited_payout_id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new (ADJUSTMENT);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcPayoutAdjustment) adjustment = NULL;

      g_assert_cmpuint (g_string_replace (text, cases[i].from, cases[i].to, 1), ==, 1);
      node = parse (text->str);
      adjustment = okc_payout_adjustment_new_from_json (node, "adjustments[1]", &error);
      g_assert_null (adjustment);
      g_assert_error (error, OKC_DATA_ERROR, error->code);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].path);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/payout/paid", test_payout_paid);
  g_test_add_func ("/payout/statuses", test_payout_statuses);
  g_test_add_func ("/payout/bad-members", test_payout_bad_members);
  g_test_add_func ("/payout/carried-over-amount", test_payout_carried_over_amount);
  g_test_add_func ("/payout/status-labels", test_payout_status_labels);
  g_test_add_func ("/payout/adjustment/round-trip", test_adjustment_round_trip);
  g_test_add_func ("/payout/adjustment/not-yet-credited", test_adjustment_not_yet_credited);
  g_test_add_func ("/payout/adjustment/bad-members", test_adjustment_bad_members);

  return g_test_run ();
}
