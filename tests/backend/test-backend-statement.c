/* test-backend-statement.c — a host's statement over loopback (docs/payouts.md, GET
 * /v1/accounts/{id}/statement): what the SQLite file says, counted here on its own, decoded
 * by the console's strict reader, and its CSV files read back; every refusal
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-test-backend.h"

static OkcTestBackend *backend;
static char *agent;
static char *host;          /* the host with the most properties */
static char *from;          /* 40 days ago */
static char *to;            /* today */

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

static sqlite3 *
open_db (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  return stmt;
}

static char *
query_text (const char *sql)
{
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = prepare (db, sql);
  char *text = NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static OkcStatement *
fetch (const char *query,
       JsonNode  **out_node)
{
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/statement?%s", host, query);
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
  g_autoptr(GError) error = NULL;
  OkcStatement *statement;

  if (response->status != 200)
    g_test_message ("unexpected answer: %.*s", (int) g_bytes_get_size (response->body),
                    (const char *) g_bytes_get_data (response->body, NULL));
  g_assert_cmpuint (response->status, ==, 200);
  /* The console's reader re-adds the totals and checks every line. */
  statement = okc_statement_new_from_json (response->json, NULL, &error);
  g_assert_no_error (error);
  if (out_node != NULL)
    *out_node = json_node_ref (response->json);
  return statement;
}

/* Local midnight of @date in @zone. */
static gint64
midnight (const char *zone_name,
          const char *date,
          int         days_after)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);
  GDate day;
  g_autoptr(GDateTime) time = NULL;

  g_assert_true (okc_date_parse (date, &day));
  g_date_add_days (&day, days_after);
  time = g_date_time_new (zone, g_date_get_year (&day), g_date_get_month (&day),
                          g_date_get_day (&day), 0, 0, 0);
  return g_date_time_to_unix (time);
}

/* What the statement should hold, counted from the file: the sessions of the host's
 * properties that started on the period's local dates where they are. */
static void
count_expected (const char *property_id,
                gint64     *out_sessions,
                gint64     *out_gross,
                gint64     *out_refunded)
{
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = prepare (
    db, "SELECT s.started_at, p.timezone, s.total, coalesce ((SELECT sum (amount) FROM refunds r "
        "WHERE r.session_id = s.id AND r.status = 'succeeded'), 0) FROM sessions s "
        "JOIN chargers c ON c.id = s.charger_id JOIN properties p ON p.id = c.property_id "
        "WHERE p.host_account_id = ?1 AND (?2 IS NULL OR p.id = ?2)");

  *out_sessions = *out_gross = *out_refunded = 0;
  sqlite3_bind_text (stmt, 1, host, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, property_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 started = sqlite3_column_int64 (stmt, 0);
      const char *zone = (const char *) sqlite3_column_text (stmt, 1);

      if (started < midnight (zone, from, 0) || started >= midnight (zone, to, 1))
        continue;
      (*out_sessions)++;
      *out_gross += sqlite3_column_int64 (stmt, 2);
      *out_refunded += sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* A refund settled on one of the host's sessions of the period, so that "refunded" has
 * something to show; returns its session. */
static char *
settle_refund (gint64 amount)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT s.id FROM sessions s JOIN chargers c ON c.id = s.charger_id "
    "JOIN properties p ON p.id = c.property_id WHERE p.host_account_id = '%s' "
    "AND s.total > %" G_GINT64_FORMAT " AND s.started_at > strftime ('%%s', 'now') - 20 * 86400 "
    "AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.session_id = s.id) ORDER BY s.id LIMIT 1",
    host, amount);
  char *session = query_text (sql);
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = prepare (
    db, "INSERT INTO refunds (session_id, amount, currency, reason, status, requested_by, "
        "requested_at, updated_at, settled_at) VALUES (?1, ?2, 'USD', 'other', 'succeeded', "
        "(SELECT id FROM users WHERE role = 'agent' LIMIT 1), strftime ('%s', 'now'), "
        "strftime ('%s', 'now'), strftime ('%s', 'now'))");

  g_assert_nonnull (session);
  sqlite3_bind_text (stmt, 1, session, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, amount);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return session;
}

static void
test_statement_matches_database (void)
{
  g_autofree char *query = g_strdup_printf ("from=%s&to=%s", from, to);
  g_autofree char *refunded_session = settle_refund (123);
  g_autoptr(OkcStatement) statement = fetch (query, NULL);
  const OkcStatementTotals *totals = okc_statement_get_totals (statement);
  g_autofree char *n_properties = NULL;
  g_autofree char *n_payouts = NULL;
  g_autofree char *paid_out = NULL;
  g_autofree char *sql = NULL;
  gint64 sessions, gross, refunded, previous = 0;
  gboolean found_refund = FALSE;

  count_expected (NULL, &sessions, &gross, &refunded);
  g_assert_cmpint (sessions, >, 0);
  g_assert_cmpint (totals->sessions, ==, sessions);
  g_assert_cmpint (totals->gross, ==, gross);
  g_assert_cmpint (totals->refunded, ==, refunded);
  g_assert_cmpint (totals->refunded, >=, 123);

  sql = g_strdup_printf ("SELECT count (*) FROM properties WHERE host_account_id = '%s'", host);
  n_properties = query_text (sql);
  g_assert_cmpuint (okc_statement_get_n_properties (statement), ==, atoi (n_properties));

  for (guint i = 0; i < okc_statement_get_n_sessions (statement); i++)
    {
      const OkcStatementSession *session = okc_statement_get_session (statement, i);

      /* Oldest first. */
      g_assert_cmpint (session->started_at, >=, previous);
      previous = session->started_at;
      if (g_str_equal (session->id, refunded_session))
        {
          g_assert_cmpint (session->refunded, ==, 123);
          found_refund = TRUE;
        }
    }
  g_assert_true (found_refund);

  /* The payouts whose week ended in the period; paid out is the paid ones. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM payouts WHERE host_account_id = '%s' AND "
                         "period_to BETWEEN '%s' AND '%s'", host, from, to);
  n_payouts = query_text (sql);
  g_assert_cmpuint (okc_statement_get_payouts (statement)->len, ==, atoi (n_payouts));
  g_assert_cmpuint (okc_statement_get_payouts (statement)->len, >, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT coalesce (sum (amount), 0) FROM payouts WHERE "
                         "host_account_id = '%s' AND status = 'paid' AND "
                         "period_to BETWEEN '%s' AND '%s'", host, from, to);
  paid_out = query_text (sql);
  g_assert_cmpint (totals->paid_out, ==, g_ascii_strtoll (paid_out, NULL, 10));
  for (guint i = 0; i < okc_statement_get_payouts (statement)->len; i++)
    {
      OkcPayout *payout = okc_statement_get_payouts (statement)->pdata[i];

      g_assert_cmpstr (okc_payout_get_period_to (payout), >=, from);
      g_assert_cmpstr (okc_payout_get_period_to (payout), <=, to);
      g_assert_cmpstr (okc_payout_get_host_account_id (payout), ==, host);
    }
}

/* The files a host gets: one row per session and payout after the header. */
static void
test_statement_csv_read_back (void)
{
  g_autofree char *query = g_strdup_printf ("from=%s&to=%s", from, to);
  g_autoptr(OkcStatement) statement = fetch (query, NULL);
  g_autoptr(GBytes) sessions_csv = okc_statement_sessions_csv (statement);
  g_autoptr(GBytes) payouts_csv = okc_statement_payouts_csv (statement);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = okc_csv_read (g_bytes_get_data (sessions_csv, NULL),
                                                g_bytes_get_size (sessions_csv), &error);
  g_autoptr(GPtrArray) payouts = NULL;
  const OkcStatementSession *first = okc_statement_get_session (statement, 0);
  g_autofree char *gross = okc_csv_format_decimal (first->gross, 2);
  char **row;

  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, okc_statement_get_n_sessions (statement) + 1);
  row = sessions->pdata[1];
  g_assert_cmpstr (row[0], ==, first->id);
  g_assert_cmpstr (row[1], ==, okc_statement_get_property_name (statement, first->property_id));
  g_assert_cmpstr (row[6], ==, gross);
  payouts = okc_csv_read (g_bytes_get_data (payouts_csv, NULL), g_bytes_get_size (payouts_csv),
                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (payouts->len, ==, okc_statement_get_payouts (statement)->len + 1);
}

static void
test_statement_one_property (void)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM properties WHERE host_account_id = '%s' "
                                          "ORDER BY id DESC LIMIT 1", host);
  g_autofree char *property = query_text (sql);
  g_autofree char *query = g_strdup_printf ("from=%s&to=%s&property=%s", from, to, property);
  g_autoptr(OkcStatement) statement = fetch (query, NULL);
  gint64 sessions, gross, refunded;

  count_expected (property, &sessions, &gross, &refunded);
  g_assert_cmpuint (okc_statement_get_n_properties (statement), ==, 1);
  g_assert_cmpstr (okc_statement_get_property_id (statement, 0), ==, property);
  g_assert_cmpint (okc_statement_get_totals (statement)->sessions, ==, sessions);
  g_assert_cmpint (okc_statement_get_totals (statement)->gross, ==, gross);
  for (guint i = 0; i < okc_statement_get_payouts (statement)->len; i++)
    g_assert_cmpstr (okc_payout_get_property_id (okc_statement_get_payouts (statement)->pdata[i]),
                     ==, property);
}

static void
assert_refused (const char *account,
                const char *query,
                const char *token,
                guint       status,
                const char *code,
                const char *field)
{
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/statement?%s", account, query);
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, token);

  okc_test_assert_error (response, status, code, field);
}

static void
test_statement_refusals (void)
{
  g_autofree char *guest = query_text ("SELECT id FROM accounts WHERE kind = 'guest' LIMIT 1");
  g_autofree char *other = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM properties WHERE host_account_id <> "
                                          "'%s' LIMIT 1", host);
  g_autofree char *query = NULL;
  g_autofree char *chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");

  other = query_text (sql);
  query = g_strdup_printf ("from=2026-11-01&to=2026-11-30&property=%s", other);
  assert_refused (host, query, agent, 422, "invalid_request", "property");
  assert_refused (guest, "from=2026-11-01&to=2026-11-30", agent, 422, "invalid_request", "id");
  /* 400 days at most: 2026 and 35 days more is 400; one more is too many. */
  assert_refused (host, "from=2026-01-01&to=2027-02-05", agent, 422, "invalid_request", "to");
  assert_refused (host, "from=2026-11-30&to=2026-11-01", agent, 422, "invalid_request", "to");
  assert_refused (host, "from=2026-02-30&to=2026-03-01", agent, 422, "invalid_request", "from");
  assert_refused (host, "to=2026-03-01", agent, 422, "invalid_request", "from");
  assert_refused ("ACC-99999", "from=2026-11-01&to=2026-11-30", agent, 404, "not_found", NULL);
  assert_refused (host, "from=2026-11-01&to=2026-11-30&sort=id", agent, 400, "invalid_parameter",
                  "sort");
  assert_refused (host, "from=2026-11-01&to=2026-11-30", chatbot, 403, "forbidden", NULL);
  assert_refused (host, "from=2026-11-01&to=2026-11-30", NULL, 401, "unauthorized", NULL);
  {
    g_autoptr(OkcStatement) longest = NULL;
    g_autoptr(JsonNode) node = NULL;

    g_free (query);
    query = g_strdup ("from=2026-01-01&to=2027-02-04");
    longest = fetch (query, &node);
    g_assert_cmpstr (okc_statement_get_to (longest), ==, "2027-02-04");
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -40);
  int status;

  g_test_init (&argc, &argv, NULL);
  backend = okc_test_backend_start (NULL);
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  host = query_text ("SELECT host_account_id FROM properties GROUP BY host_account_id "
                     "ORDER BY count (*) DESC, host_account_id LIMIT 1");
  from = g_date_time_format (start, "%Y-%m-%d");
  to = g_date_time_format (now, "%Y-%m-%d");

  g_test_add_func ("/Backend/Statement/matches-database", test_statement_matches_database);
  g_test_add_func ("/Backend/Statement/csv-read-back", test_statement_csv_read_back);
  g_test_add_func ("/Backend/Statement/one-property", test_statement_one_property);
  g_test_add_func ("/Backend/Statement/refusals", test_statement_refusals);

  status = g_test_run ();
  okc_test_backend_stop (backend);
  g_free (agent);
  g_free (host);
  g_free (from);
  g_free (to);
  return status;
}
