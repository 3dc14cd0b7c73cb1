/* test-refund.c — refunds and refund requests from and to JSON, every bad member named
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

#define REQUEST_MEMBERS \
  "\"session_id\": \"SES-0000042\", \"amount\": {\"amount\": 480, \"currency\": \"USD\"}," \
  " \"reason\": \"mischarge\", \"note\": \"Idle fee while still charging\"," \
  " \"ticket_id\": \"TCK-1042\", \"finding_kind\": \"idle_fee_while_charging\""

#define REFUND_MEMBERS \
  "\"id\": \"RFD-000001\", " REQUEST_MEMBERS ", \"status\": \"succeeded\"," \
  " \"requested_by\": {\"id\": \"USR-0002\", \"name\": \"Ana Silva\"}," \
  " \"requested_at\": \"2026-11-25T10:00:00Z\", \"lines\": [], \"reviewed_by\": null," \
  " \"reviewed_at\": null, \"review_comment\": null, \"failure_reason\": null," \
  " \"settled_at\": \"2026-11-25T10:00:02Z\""

/* Reviewed by a supervisor, then refused by the processor. */
#define FAILED_MEMBERS \
  "\"id\": \"RFD-000002\", " REQUEST_MEMBERS ", \"status\": \"failed\"," \
  " \"requested_by\": {\"id\": \"USR-0002\", \"name\": \"Ana Silva\"}," \
  " \"requested_at\": \"2026-11-25T10:00:00Z\", \"lines\": [2, 0]," \
  " \"reviewed_by\": {\"id\": \"USR-0001\", \"name\": \"Morgan Blake\"}," \
  " \"reviewed_at\": \"2026-11-25T11:00:00Z\", \"review_comment\": \"\"," \
  " \"failure_reason\": \"The card on the account was removed\"," \
  " \"settled_at\": \"2026-11-25T11:00:02Z\""

static void
assert_request (OkcRefund *refund)
{
  OkcMoney amount;

  g_assert_cmpstr (okc_refund_get_session_id (refund), ==, "SES-0000042");
  okc_refund_get_amount (refund, &amount);
  g_assert_cmpint (amount.amount, ==, 480);
  g_assert_cmpstr (amount.currency, ==, "USD");
  g_assert_cmpint (okc_refund_get_reason (refund), ==, OKC_REFUND_REASON_MISCHARGE);
  g_assert_cmpstr (okc_refund_get_note (refund), ==, "Idle fee while still charging");
  g_assert_cmpstr (okc_refund_get_ticket_id (refund), ==, "TCK-1042");
  g_assert_cmpint (okc_refund_get_finding_kind (refund), ==,
                   OKC_FINDING_KIND_IDLE_FEE_WHILE_CHARGING);
}

static void
test_refund_round_trip (void)
{
  g_autoptr(JsonNode) node = parse ("{" REFUND_MEMBERS "}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefund) refund = okc_refund_new_from_json (node, NULL, &error);
  g_autoptr(OkcRefund) again = NULL;
  g_autoptr(JsonNode) encoded = NULL;
  gint64 requested_at = 0;

  g_assert_no_error (error);
  assert_request (refund);
  g_assert_cmpstr (okc_refund_get_id (refund), ==, "RFD-000001");
  g_assert_cmpint (okc_refund_get_status (refund), ==, OKC_REFUND_STATUS_SUCCEEDED);
  g_assert_cmpstr (okc_refund_get_requested_by_id (refund), ==, "USR-0002");
  g_assert_cmpstr (okc_refund_get_requested_by_name (refund), ==, "Ana Silva");
  g_assert_true (okc_time_parse_rfc3339 ("2026-11-25T10:00:00Z", &requested_at));
  g_assert_cmpint (okc_refund_get_requested_at (refund), ==, requested_at);

  encoded = okc_refund_to_json (refund);
  g_assert_true (json_node_equal (node, encoded));
  again = okc_refund_new_from_json (encoded, NULL, &error);
  g_assert_no_error (error);
  assert_request (again);
}

static void
test_refund_nulls (void)
{
  g_autoptr(JsonNode) node = parse ("{" REFUND_MEMBERS "}");
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefund) refund = NULL;
  g_autoptr(JsonNode) encoded = NULL;

  json_object_set_null_member (object, "ticket_id");
  json_object_set_null_member (object, "finding_kind");
  refund = okc_refund_new_from_json (node, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (okc_refund_get_ticket_id (refund));
  g_assert_cmpint (okc_refund_get_finding_kind (refund), ==, -1);
  encoded = okc_refund_to_json (refund);
  g_assert_true (json_node_equal (node, encoded));
}

static void
test_refund_request (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefund) built = NULL, parsed = NULL, bare = NULL;
  g_autoptr(JsonNode) body = NULL, bare_body = NULL;
  JsonObject *bare_object;
  OkcMoney amount;

  okc_money_init (&amount, 480, "USD");
  built = okc_refund_new ("SES-0000042", &amount,
                          okc_refund_reason_for_finding (OKC_FINDING_KIND_IDLE_FEE_WHILE_CHARGING),
                          "Idle fee while still charging", "TCK-1042",
                          OKC_FINDING_KIND_IDLE_FEE_WHILE_CHARGING);
  g_assert_null (okc_refund_get_id (built));
  g_assert_cmpint (okc_refund_get_status (built), ==, OKC_REFUND_STATUS_PENDING_APPROVAL);

  body = okc_refund_to_request_json (built);
  g_assert_false (json_object_has_member (json_node_get_object (body), "id"));
  g_assert_false (json_object_has_member (json_node_get_object (body), "status"));
  parsed = okc_refund_new_from_request (body, &error);
  g_assert_no_error (error);
  assert_request (parsed);

  /* The optional members are left out, not sent as null. */
  bare = okc_refund_new ("SES-0000042", &amount, OKC_REFUND_REASON_GOODWILL, "", NULL, -1);
  bare_body = okc_refund_to_request_json (bare);
  bare_object = json_node_get_object (bare_body);
  g_assert_false (json_object_has_member (bare_object, "ticket_id"));
  g_assert_false (json_object_has_member (bare_object, "finding_kind"));
  g_clear_object (&parsed);
  parsed = okc_refund_new_from_request (bare_body, &error);
  g_assert_no_error (error);
  g_assert_null (okc_refund_get_ticket_id (parsed));
  g_assert_cmpint (okc_refund_get_finding_kind (parsed), ==, -1);
  g_assert_cmpint (okc_refund_get_reason (parsed), ==, OKC_REFUND_REASON_GOODWILL);
}

typedef struct
{
  const char *member;
  const char *value;   /* NULL to remove it */
  const char *field;
} BadCase;

static const BadCase bad_requests[] = {
  { "session_id", NULL, "session_id" },
  { "session_id", "\"\"", "session_id" },
  { "amount", NULL, "amount" },
  { "amount", "480", "amount" },
  { "amount", "{\"amount\": 0, \"currency\": \"USD\"}", "amount" },
  { "amount", "{\"amount\": -480, \"currency\": \"USD\"}", "amount" },
  { "amount", "{\"amount\": 4.8, \"currency\": \"USD\"}", "amount.amount" },
  { "amount", "{\"amount\": 480, \"currency\": \"usd\"}", "amount.currency" },
  { "reason", NULL, "reason" },
  { "reason", "\"angry\"", "reason" },
  { "note", NULL, "note" },
  { "note", "3", "note" },
  { "ticket_id", "\"\"", "ticket_id" },
  { "ticket_id", "12", "ticket_id" },
  { "finding_kind", "\"overcharge\"", "finding_kind" },
  { "refund_all", "true", "refund_all" },
  { "lines", "[0, 0]", "lines" },
  { "lines", "[\"0\"]", "lines[0]" },
  { "lines", "{}", "lines" },
};

static void
test_refund_bad_requests (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_requests); i++)
    {
      const BadCase *c = &bad_requests[i];
      g_autoptr(JsonNode) node = parse ("{" REQUEST_MEMBERS "}");
      JsonObject *object = json_node_get_object (node);
      g_autoptr(OkcRefund) refund = NULL;
      g_autoptr(GError) error = NULL;

      if (c->value == NULL)
        json_object_remove_member (object, c->member);
      else
        json_object_set_member (object, c->member, parse (c->value));

      g_test_message ("case %u: %s = %s", i, c->member, c->value ? c->value : "(absent)");
      refund = okc_refund_new_from_request (node, &error);
      g_assert_null (refund);
      g_assert_nonnull (error);
      g_assert_true (error->domain == OKC_DATA_ERROR);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, c->field);
    }

  {
    g_autoptr(JsonNode) node = parse ("[]");
    g_autoptr(GError) error = NULL;
    g_autoptr(OkcRefund) refund = okc_refund_new_from_request (node, &error);

    g_assert_null (refund);
    g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
  }
}

static const BadCase bad_refunds[] = {
  { "lines", NULL, "refund.lines" },
  { "lines", "[1, 1]", "refund.lines" },
  { "lines", "[-1]", "refund.lines[0]" },
  { "lines", "[0, 1.5]", "refund.lines[1]" },
  { "reviewed_by", NULL, "refund.reviewed_by" },
  { "reviewed_by", "{\"id\": \"USR-0001\", \"name\": \"Morgan Blake\"}", "refund.reviewed_at" },
  { "failure_reason", "\"no card\"", "refund.failure_reason" },
  { "settled_at", NULL, "refund.settled_at" },
  { "settled_at", "null", "refund.settled_at" },
  { "id", NULL, "refund.id" },
  { "status", "\"done\"", "refund.status" },
  { "status", NULL, "refund.status" },
  { "ticket_id", NULL, "refund.ticket_id" },
  { "finding_kind", NULL, "refund.finding_kind" },
  { "requested_by", NULL, "refund.requested_by" },
  { "requested_by", "{\"name\": \"Ana\"}", "refund.requested_by.id" },
  { "requested_by", "{\"id\": \"USR-1\"}", "refund.requested_by.name" },
  { "requested_at", "\"soon\"", "refund.requested_at" },
  { "amount", "{\"amount\": 0, \"currency\": \"USD\"}", "refund.amount" },
};

static void
test_refund_bad_members (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_refunds); i++)
    {
      const BadCase *c = &bad_refunds[i];
      g_autoptr(JsonNode) node = parse ("{" REFUND_MEMBERS "}");
      JsonObject *object = json_node_get_object (node);
      g_autoptr(OkcRefund) refund = NULL;
      g_autoptr(GError) error = NULL;

      if (c->value == NULL)
        json_object_remove_member (object, c->member);
      else
        json_object_set_member (object, c->member, parse (c->value));

      g_test_message ("case %u: %s = %s", i, c->member, c->value ? c->value : "(absent)");
      refund = okc_refund_new_from_json (node, "refund", &error);
      g_assert_null (refund);
      g_assert_nonnull (error);
      g_assert_true (error->domain == OKC_DATA_ERROR);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, c->field);
    }
}

static void
test_refund_failed (void)
{
  g_autoptr(JsonNode) node = parse ("{" FAILED_MEMBERS "}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefund) refund = okc_refund_new_from_json (node, NULL, &error);
  g_autoptr(JsonNode) encoded = NULL;
  const guint *lines;
  gint64 at = 0;
  guint n_lines;

  g_assert_no_error (error);
  g_assert_cmpint (okc_refund_get_status (refund), ==, OKC_REFUND_STATUS_FAILED);
  lines = okc_refund_get_lines (refund, &n_lines);
  g_assert_cmpuint (n_lines, ==, 2);
  g_assert_cmpuint (lines[0], ==, 2);
  g_assert_cmpuint (lines[1], ==, 0);
  g_assert_cmpstr (okc_refund_get_reviewed_by_id (refund), ==, "USR-0001");
  g_assert_cmpstr (okc_refund_get_reviewed_by_name (refund), ==, "Morgan Blake");
  g_assert_cmpstr (okc_refund_get_review_comment (refund), ==, "");
  g_assert_true (okc_time_parse_rfc3339 ("2026-11-25T11:00:00Z", &at));
  g_assert_cmpint (okc_refund_get_reviewed_at (refund), ==, at);
  g_assert_cmpstr (okc_refund_get_failure_reason (refund), ==,
                   "The card on the account was removed");
  g_assert_cmpint (okc_refund_get_settled_at (refund), ==, at + 2);
  encoded = okc_refund_to_json (refund);
  g_assert_true (json_node_equal (node, encoded));
}

static void
test_refund_request_lines (void)
{
  g_autoptr(JsonNode) body = parse ("{" REQUEST_MEMBERS ", \"lines\": [3, 1]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefund) refund = okc_refund_new_from_request (body, &error);
  g_autoptr(JsonNode) encoded = NULL;
  const guint *lines;
  guint n_lines;

  g_assert_no_error (error);
  lines = okc_refund_get_lines (refund, &n_lines);
  g_assert_cmpuint (n_lines, ==, 2);
  g_assert_cmpuint (lines[0], ==, 3);
  g_assert_cmpuint (lines[1], ==, 1);
  encoded = okc_refund_to_request_json (refund);
  g_assert_true (json_node_equal (body, encoded));
}

/* Lines of 1.00, 4.80 and 0.38: a refund of the last two is 5.18, not a cent more or less. */
static OkcCostBreakdown *
three_lines (void)
{
  g_autoptr(OkcCostBreakdown) billed = okc_cost_breakdown_new ("USD");
  g_autoptr(GError) error = NULL;

  g_assert_true (okc_cost_breakdown_add_line (billed, OKC_COST_LINE_KIND_CONNECTION_FEE,
                                              "Connection fee", OKC_COST_UNIT_SESSION, 1, 100,
                                              100, &error));
  g_assert_true (okc_cost_breakdown_add_line (billed, OKC_COST_LINE_KIND_ENERGY, "Energy",
                                              OKC_COST_UNIT_WH, 16000, 30, 480, &error));
  g_assert_true (okc_cost_breakdown_add_line (billed, OKC_COST_LINE_KIND_TAX, "Sales tax",
                                              OKC_COST_UNIT_BASIS_POINT, 580, 650, 38, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&billed);
}

static void
check_lines_case (const char *lines,
                  gint64      amount,
                  const char *currency,
                  const char *field)
{
  g_autofree char *text = g_strdup_printf (
    "{\"session_id\": \"SES-0000042\", \"amount\": {\"amount\": %" G_GINT64_FORMAT
    ", \"currency\": \"%s\"}, \"lines\": %s, \"reason\": \"mischarge\", \"note\": \"\"}",
    amount, currency, lines);
  g_autoptr(JsonNode) body = parse (text);
  g_autoptr(OkcCostBreakdown) billed = three_lines ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefund) refund = okc_refund_new_from_request (body, &error);

  g_test_message ("lines %s, %" G_GINT64_FORMAT " %s", lines, amount, currency);
  g_assert_no_error (error);
  if (field == NULL)
    {
      g_assert_true (okc_refund_check_lines (refund, billed, &error));
      g_assert_no_error (error);
      return;
    }
  g_assert_false (okc_refund_check_lines (refund, billed, &error));
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
  g_assert_cmpstr (okc_data_error_get_field (error), ==, field);
}

static void
test_refund_check_lines (void)
{
  check_lines_case ("[1, 2]", 518, "USD", NULL);
  check_lines_case ("[2, 1]", 518, "USD", NULL);
  check_lines_case ("[0, 1, 2]", 618, "USD", NULL);
  check_lines_case ("[]", 7, "USD", NULL);           /* by amount */
  check_lines_case ("[1, 2]", 517, "USD", "amount");
  check_lines_case ("[1, 2]", 519, "USD", "amount");
  check_lines_case ("[1, 2]", 518, "EUR", "amount");
  check_lines_case ("[3]", 100, "USD", "lines");
}

static void
test_refund_labels (void)
{
  g_assert_cmpint (okc_refund_reason_for_finding (OKC_FINDING_KIND_DOUBLE_BILLING), ==,
                   OKC_REFUND_REASON_DUPLICATE_CHARGE);
  g_assert_cmpint (okc_refund_reason_for_finding (OKC_FINDING_KIND_WRONG_TAX), ==,
                   OKC_REFUND_REASON_MISCHARGE);
  g_assert_cmpint (okc_refund_reason_for_finding (OKC_FINDING_KIND_REPEATED_CONNECTION_FEE), ==,
                   OKC_REFUND_REASON_MISCHARGE);
  g_assert_cmpstr (okc_refund_reason_get_label (OKC_REFUND_REASON_DUPLICATE_CHARGE), ==,
                   "Duplicate charge");
  g_assert_cmpstr (okc_refund_status_get_label (OKC_REFUND_STATUS_PENDING_APPROVAL), ==,
                   "Waiting for approval");
  g_assert_cmpstr (okc_refund_status_get_label (OKC_REFUND_STATUS_SUCCEEDED), ==, "Refunded");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/refund/round-trip", test_refund_round_trip);
  g_test_add_func ("/refund/nulls", test_refund_nulls);
  g_test_add_func ("/refund/request", test_refund_request);
  g_test_add_func ("/refund/bad-requests", test_refund_bad_requests);
  g_test_add_func ("/refund/bad-members", test_refund_bad_members);
  g_test_add_func ("/refund/labels", test_refund_labels);
  g_test_add_func ("/refund/failed", test_refund_failed);
  g_test_add_func ("/refund/request-lines", test_refund_request_lines);
  g_test_add_func ("/refund/check-lines", test_refund_check_lines);

  return g_test_run ();
}
