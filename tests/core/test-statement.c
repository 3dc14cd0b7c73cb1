/* test-statement.c — a host's statement decoded strictly, and its CSV files read back
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

/* Written with ' for ", so that the documents read as JSON. */
static JsonNode *
parse (const char *single_quoted)
{
  g_autofree char *text = g_strdup (single_quoted);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_strdelimit (text, "'", '"');
  bytes = g_bytes_new (text, strlen (text));
  node = okc_json_parse_bytes (bytes, &error);
  g_assert_no_error (error);
  return node;
}

#define USD(n) "{'amount': " #n ", 'currency': 'USD'}"

#define SESSION_1 \
  "{'id': 'SES-0000041', 'property_id': 'PRP-0002', 'charger_id': 'CH-10234'," \
  " 'started_at': '2026-11-03T01:15:00Z', 'ended_at': '2026-11-03T03:00:00Z'," \
  " 'energy_wh': 18250, 'gross': " USD (1234) ", 'processing_fee': " USD (66) "," \
  " 'refunded': " USD (0) "}"
/* Still charging, refunded in part, at a property whose name needs quoting. */
#define SESSION_2 \
  "{'id': 'SES-0000042', 'property_id': 'PRP-0009', 'charger_id': 'CH-10300'," \
  " 'started_at': '2026-11-04T10:00:00Z', 'ended_at': null," \
  " 'energy_wh': 7, 'gross': " USD (5005) ", 'processing_fee': " USD (175) "," \
  " 'refunded': " USD (1000) "}"

#define PAID \
  "{'id': 'PAY-00012', 'host_account_id': 'ACC-00003', 'property_id': 'PRP-0002'," \
  " 'property_name': 'Lakeview Lofts', 'period_from': '2026-11-02', 'period_to': '2026-11-08'," \
  " 'period_start': '2026-11-02T05:00:00Z', 'cutoff_at': '2026-11-09T05:00:00Z'," \
  " 'amount': " USD (48213) ", 'status': 'paid', 'initiated_at': '2026-11-10T15:00:00Z'," \
  " 'arrival_at': '2026-11-12T15:00:00Z', 'failure_reason': null, 'bank_last4': '6789'}"
#define FAILED \
  "{'id': 'PAY-00013', 'host_account_id': 'ACC-00003', 'property_id': 'PRP-0009'," \
  " 'property_name': '=Harbor, West', 'period_from': '2026-11-02', 'period_to': '2026-11-08'," \
  " 'period_start': '2026-11-02T05:00:00Z', 'cutoff_at': '2026-11-09T05:00:00Z'," \
  " 'amount': " USD (900) ", 'status': 'failed', 'initiated_at': '2026-11-10T15:00:00Z'," \
  " 'arrival_at': null, 'failure_reason': 'R03: No account or unable to locate account'," \
  " 'bank_last4': null}"

#define HEAD \
  "'account': {'id': 'ACC-00003', 'name': 'Dana Okafor', 'email': 'dana@example.com'}," \
  " 'from': '2026-11-01', 'to': '2026-11-30', 'currency': 'USD'," \
  " 'properties': [{'id': 'PRP-0002', 'name': 'Lakeview Lofts'}," \
  "                {'id': 'PRP-0009', 'name': '=Harbor, West'}],"

#define TOTALS(gross) \
  "'totals': {'sessions': 2, 'energy_wh': 18257, 'gross': " USD (gross) "," \
  " 'processing_fees': " USD (241) ", 'refunded': " USD (1000) ", 'paid_out': " USD (48213) "}"

#define STATEMENT \
  "{" HEAD " 'sessions': [" SESSION_1 ", " SESSION_2 "], 'payouts': [" PAID ", " FAILED "]," \
  TOTALS (6239) "}"

static OkcStatement *
decode (const char *text)
{
  g_autoptr(JsonNode) node = parse (text);
  g_autoptr(GError) error = NULL;
  OkcStatement *statement = okc_statement_new_from_json (node, NULL, &error);

  g_assert_no_error (error);
  return statement;
}

static GPtrArray *
read_back (GBytes *bytes)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  g_assert_cmpmem (data, 3, "\xEF\xBB\xBF", 3);
  rows = okc_csv_read (data, length, &error);
  g_assert_no_error (error);
  return rows;
}

static void
assert_row (GPtrArray          *rows,
            guint               index,
            const char * const *expected)
{
  char **row = rows->pdata[index];

  g_assert_cmpuint (g_strv_length (row), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (row[i], ==, expected[i]);
}

static void
test_statement_decode (void)
{
  g_autoptr(OkcStatement) statement = decode (STATEMENT);
  const OkcStatementTotals *totals = okc_statement_get_totals (statement);
  const OkcStatementSession *session;

  g_assert_cmpstr (okc_statement_get_account_name (statement), ==, "Dana Okafor");
  g_assert_cmpstr (okc_statement_get_from (statement), ==, "2026-11-01");
  g_assert_cmpstr (okc_statement_get_to (statement), ==, "2026-11-30");
  g_assert_cmpuint (okc_statement_get_n_properties (statement), ==, 2);
  g_assert_cmpstr (okc_statement_get_property_name (statement, "PRP-0009"), ==, "=Harbor, West");
  g_assert_cmpuint (okc_statement_get_n_sessions (statement), ==, 2);
  session = okc_statement_get_session (statement, 1);
  g_assert_cmpint (session->ended_at, ==, 0);
  g_assert_cmpint (session->refunded, ==, 1000);
  g_assert_cmpuint (okc_statement_get_payouts (statement)->len, ==, 2);
  g_assert_cmpint (totals->gross, ==, 6239);
  /* Only the paid payout is paid out. */
  g_assert_cmpint (totals->paid_out, ==, 48213);
}

static void
test_statement_sessions_csv (void)
{
  static const char * const header[] = {
    "session_id", "property", "charger_id", "started_at", "ended_at", "energy_kwh", "gross",
    "processing_fee", "refunded", "currency", NULL,
  };
  static const char * const first[] = {
    "SES-0000041", "Lakeview Lofts", "CH-10234", "2026-11-03T01:15:00Z",
    "2026-11-03T03:00:00Z", "18.250", "12.34", "0.66", "0.00", "USD", NULL,
  };
  static const char * const second[] = {
    "SES-0000042", "'=Harbor, West", "CH-10300", "2026-11-04T10:00:00Z", "", "0.007",
    "50.05", "1.75", "10.00", "USD", NULL,
  };
  g_autoptr(OkcStatement) statement = decode (STATEMENT);
  g_autoptr(GBytes) csv = okc_statement_sessions_csv (statement);
  g_autoptr(GPtrArray) rows = read_back (csv);
  gsize length = 0;
  const char *data = g_bytes_get_data (csv, &length);

  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, header);
  assert_row (rows, 1, first);
  assert_row (rows, 2, second);
  /* The property with a comma is quoted, with the formula guard inside the quotes. */
  g_assert_nonnull (g_strstr_len (data, length, ",\"'=Harbor, West\",CH-10300,"));
}

static void
test_statement_payouts_csv (void)
{
  static const char * const header[] = {
    "payout_id", "property", "period_from", "period_to", "status", "amount", "currency",
    "initiated_at", "arrival_at", "failure_reason", NULL,
  };
  static const char * const paid[] = {
    "PAY-00012", "Lakeview Lofts", "2026-11-02", "2026-11-08", "paid", "482.13", "USD",
    "2026-11-10T15:00:00Z", "2026-11-12T15:00:00Z", "", NULL,
  };
  static const char * const failed[] = {
    "PAY-00013", "'=Harbor, West", "2026-11-02", "2026-11-08", "failed", "9.00", "USD",
    "2026-11-10T15:00:00Z", "", "R03: No account or unable to locate account", NULL,
  };
  g_autoptr(OkcStatement) statement = decode (STATEMENT);
  g_autoptr(GBytes) csv = okc_statement_payouts_csv (statement);
  g_autoptr(GPtrArray) rows = read_back (csv);

  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, header);
  assert_row (rows, 1, paid);
  assert_row (rows, 2, failed);
}

static void
test_statement_empty (void)
{
  g_autoptr(OkcStatement) statement = decode (
    "{" HEAD " 'sessions': [], 'payouts': [], 'totals': {'sessions': 0, 'energy_wh': 0,"
    " 'gross': " USD (0) ", 'processing_fees': " USD (0) ", 'refunded': " USD (0) ","
    " 'paid_out': " USD (0) "}}");
  g_autoptr(GBytes) csv = okc_statement_sessions_csv (statement);
  g_autoptr(GPtrArray) rows = read_back (csv);

  /* Only the header: a period without sessions is a file a spreadsheet still opens. */
  g_assert_cmpuint (rows->len, ==, 1);
}

static void
test_statement_refused (void)
{
  static const struct { const char *text; const char *path; } cases[] = {
    /* A total that does not follow from the lines is never shown as right. */
    { "{" HEAD " 'sessions': [" SESSION_1 ", " SESSION_2 "], 'payouts': [" PAID ", " FAILED "],"
      TOTALS (6240) "}", "totals.gross" },
    { "{" HEAD " 'sessions': [" SESSION_1 "], 'payouts': [" PAID ", " FAILED "],"
      TOTALS (1234) "}", "totals.sessions" },
    /* A session in another currency. */
    { "{" HEAD " 'sessions': [{'id': 'SES-1', 'property_id': 'PRP-0002', 'charger_id': 'CH-1',"
      " 'started_at': '2026-11-03T01:15:00Z', 'ended_at': null, 'energy_wh': 1,"
      " 'gross': {'amount': 1, 'currency': 'EUR'}, 'processing_fee': " USD (0) ","
      " 'refunded': " USD (0) "}], 'payouts': [], " TOTALS (1) "}", "sessions[0].gross" },
    /* A session at a property the statement does not have. */
    { "{" HEAD " 'sessions': [{'id': 'SES-1', 'property_id': 'PRP-0404', 'charger_id': 'CH-1',"
      " 'started_at': '2026-11-03T01:15:00Z', 'ended_at': null, 'energy_wh': 1,"
      " 'gross': " USD (1) ", 'processing_fee': " USD (0) ", 'refunded': " USD (0) "}],"
      " 'payouts': [], " TOTALS (1) "}", "sessions[0].property_id" },
    /* Refunded more than it was billed. */
    { "{" HEAD " 'sessions': [{'id': 'SES-1', 'property_id': 'PRP-0002', 'charger_id': 'CH-1',"
      " 'started_at': '2026-11-03T01:15:00Z', 'ended_at': null, 'energy_wh': 1,"
      " 'gross': " USD (1) ", 'processing_fee': " USD (0) ", 'refunded': " USD (2) "}],"
      " 'payouts': [], " TOTALS (1) "}", "sessions[0].refunded" },
    { "{'account': {'id': 'ACC-1', 'name': 'A', 'email': ''}, 'from': '2026-12-01',"
      " 'to': '2026-11-30', 'currency': 'USD', 'properties': [], 'sessions': [],"
      " 'payouts': [], 'totals': {}}", "to" },
    { "{'account': {'id': 'ACC-1', 'name': 'A', 'email': ''}, 'from': '2026-11-01',"
      " 'to': '2026-11-30', 'currency': 'XYZ', 'properties': [], 'sessions': [],"
      " 'payouts': [], 'totals': {}}", "currency" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcStatement) statement = okc_statement_new_from_json (node, NULL, &error);

      g_assert_null (statement);
      g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].path);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/statement/decode", test_statement_decode);
  g_test_add_func ("/statement/sessions-csv", test_statement_sessions_csv);
  g_test_add_func ("/statement/payouts-csv", test_statement_payouts_csv);
  g_test_add_func ("/statement/empty", test_statement_empty);
  g_test_add_func ("/statement/refused", test_statement_refused);

  return g_test_run ();
}
