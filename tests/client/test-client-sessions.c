/* test-client-sessions.c — the session log, a session's detail, its audit and refunds
 * through the client, against the real backend's demo data on loopback
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-client-error.h"
#include "okc-client-sessions.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

/* One backend for every test; only the refund test changes data, on a session of its own. */
static OkcTestBackend *backend;
static OkcClient *agent;

static OkcClient *
signed_in_client (const char *email,
                  const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcUser) user = NULL;
  OkcClient *client = okc_client_new (okc_test_backend_get_url (backend), &error);

  g_assert_no_error (error);
  okc_client_sign_in_async (client, email, password, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  user = okc_client_sign_in_finish (client, result, &error);
  g_assert_no_error (error);
  return client;
}

/* The first row of @sql over the backend's database, as strings, with "?" bound to @arg:
 * the truth to compare the client's answers with. */
static GStrv
query_row (const char *sql,
           const char *arg)
{
  g_autoptr(GStrvBuilder) row = g_strv_builder_new ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    g_strv_builder_add (row, sqlite3_column_text (stmt, i) != NULL
                               ? (const char *) sqlite3_column_text (stmt, i) : "");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_strv_builder_end (row);
}

static guint
query_count (const char *sql,
             const char *arg)
{
  g_auto(GStrv) row = query_row (sql, arg);

  return (guint) g_ascii_strtoull (row[0], NULL, 10);
}

static OkcSessionPage *
list_sessions (const OkcSessionQuery  *query,
               guint                   offset,
               guint                   limit,
               GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_list_sessions_async (agent, query, offset, limit, NULL, okc_test_result_cb,
                                  &result);
  okc_test_wait_for_result (&result);
  return okc_client_list_sessions_finish (agent, result, error);
}

static OkcSessionPage *
list_ok (const OkcSessionQuery *query,
         guint                  offset,
         guint                  limit)
{
  g_autoptr(GError) error = NULL;
  OkcSessionPage *page = list_sessions (query, offset, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  return page;
}

static OkcSessionDetail *
get_session (const char  *id,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_get_session_async (agent, id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_get_session_finish (agent, result, error);
}

static OkcChargingSession *
page_session (OkcSessionPage *page,
              guint           i)
{
  return g_ptr_array_index (page->sessions, i);
}

static void
test_query_value (void)
{
  OkcSessionQuery a = { .charger_id = (char *) "CH-10001", .from = 5, .sort = NULL };
  OkcSessionQuery b = { .charger_id = (char *) "CH-10001", .from = 5,
                        .sort = (char *) "-started_at", .account = (char *) "" };
  g_autoptr(OkcSessionQuery) copy = okc_session_query_copy (&a);

  g_assert_true (okc_session_query_equal (&a, copy));
  g_assert_true (okc_session_query_equal (&a, &b));
  copy->to = 9;
  g_assert_false (okc_session_query_equal (&a, copy));
  g_assert_false (okc_session_query_equal (&a, NULL));
  g_assert_true (okc_session_query_equal (NULL, &(OkcSessionQuery) { .sort = (char *) "-started_at" }));
  g_assert_null (okc_session_query_copy (NULL));
}

static void
test_paging (void)
{
  guint total = query_count ("SELECT COUNT (*) FROM sessions", NULL);
  g_autoptr(OkcSessionPage) first = list_ok (NULL, 0, 50);
  g_autoptr(OkcSessionPage) second = NULL;
  g_autoptr(OkcSessionPage) last = NULL;
  g_auto(GStrv) newest = query_row ("SELECT id FROM sessions ORDER BY started_at DESC, id DESC",
                                    NULL);

  g_assert_cmpuint (total, >, 120);
  g_assert_cmpuint (first->total, ==, total);
  g_assert_cmpuint (first->offset, ==, 0);
  g_assert_cmpuint (first->sessions->len, ==, 50);
  g_assert_cmpstr (okc_charging_session_get_id (page_session (first, 0)), ==, newest[0]);
  for (guint i = 1; i < first->sessions->len; i++)
    g_assert_cmpint (okc_charging_session_get_started_at (page_session (first, i - 1)), >=,
                     okc_charging_session_get_started_at (page_session (first, i)));

  /* The next page goes on where the first stopped. */
  second = list_ok (NULL, 50, 50);
  g_assert_cmpuint (second->offset, ==, 50);
  g_assert_cmpint (okc_charging_session_get_started_at (page_session (first, 49)), >=,
                   okc_charging_session_get_started_at (page_session (second, 0)));
  g_assert_cmpstr (okc_charging_session_get_id (page_session (first, 49)), !=,
                   okc_charging_session_get_id (page_session (second, 0)));

  last = list_ok (NULL, total - 7, 50);
  g_assert_cmpuint (last->sessions->len, ==, 7);
  g_assert_cmpuint (last->total, ==, total);
}

static void
test_filters (void)
{
  g_auto(GStrv) busy = query_row ("SELECT charger_id, COUNT (*) FROM sessions "
                                  "GROUP BY charger_id ORDER BY 2 DESC, 1", NULL);
  g_auto(GStrv) account = NULL;
  g_auto(GStrv) span = NULL;
  OkcSessionQuery by_charger = { .charger_id = busy[0] };
  g_autoptr(OkcSessionPage) page = list_ok (&by_charger, 0, 500);
  g_autoptr(OkcSessionPage) by_id = NULL;
  g_autoptr(OkcSessionPage) by_email = NULL;
  g_autoptr(OkcSessionPage) by_time = NULL;
  g_autoptr(OkcSessionPage) by_property = NULL;
  g_autoptr(OkcSessionPage) nobody = NULL;
  const char *property_id;
  gint64 from, to;

  g_assert_cmpuint (page->total, ==, g_ascii_strtoull (busy[1], NULL, 10));
  g_assert_cmpuint (page->total, >, 1);
  for (guint i = 0; i < page->sessions->len; i++)
    g_assert_cmpstr (okc_charging_session_get_charger_id (page_session (page, i)), ==, busy[0]);

  /* The account of that charger's newest session, by its id and by its email. */
  account = query_row ("SELECT a.id, a.email, (SELECT COUNT (*) FROM sessions x "
                       "WHERE x.account_id = a.id) FROM sessions s "
                       "JOIN accounts a ON a.id = s.account_id WHERE s.charger_id = ? "
                       "ORDER BY s.started_at DESC", busy[0]);
  by_id = list_ok (&(OkcSessionQuery) { .account = account[0] }, 0, 500);
  by_email = list_ok (&(OkcSessionQuery) { .account = account[1] }, 0, 500);
  g_assert_cmpuint (by_id->total, ==, g_ascii_strtoull (account[2], NULL, 10));
  g_assert_cmpuint (by_email->total, ==, by_id->total);
  for (guint i = 0; i < by_email->sessions->len; i++)
    g_assert_cmpstr (okc_charging_session_get_account_id (page_session (by_email, i)), ==,
                     account[0]);

  /* A half-open range: sessions that started in [from, to). */
  span = query_row ("SELECT MIN (started_at), MAX (started_at) FROM sessions", NULL);
  from = g_ascii_strtoll (span[0], NULL, 10) + 86400;
  to = from + 3 * 86400;
  {
    g_autofree char *sql = g_strdup_printf ("SELECT COUNT (*) FROM sessions WHERE started_at >= %"
                                            G_GINT64_FORMAT " AND started_at < %" G_GINT64_FORMAT,
                                            from, to);

    by_time = list_ok (&(OkcSessionQuery) { .from = from, .to = to }, 0, 500);
    g_assert_cmpuint (by_time->total, ==, query_count (sql, NULL));
    g_assert_cmpuint (by_time->total, >, 0);
  }
  for (guint i = 0; i < by_time->sessions->len; i++)
    {
      gint64 started_at = okc_charging_session_get_started_at (page_session (by_time, i));

      g_assert_cmpint (started_at, >=, from);
      g_assert_cmpint (started_at, <, to);
    }

  /* The property the busy charger's sessions were at. */
  property_id = okc_charging_session_get_property_id (page_session (page, 0));
  g_assert_nonnull (property_id);
  by_property = list_ok (&(OkcSessionQuery) { .property_id = (char *) property_id }, 0, 500);
  g_assert_cmpuint (by_property->total, >=, page->total);
  g_assert_cmpuint (by_property->total, <, query_count ("SELECT COUNT (*) FROM sessions", NULL));
  for (guint i = 0; i < by_property->sessions->len; i++)
    g_assert_cmpstr (okc_charging_session_get_property_id (page_session (by_property, i)), ==,
                     property_id);

  /* An unknown account is an empty log, not an error. */
  nobody = list_ok (&(OkcSessionQuery) { .account = (char *) "no.one+x@example.invalid" }, 0, 10);
  g_assert_cmpuint (nobody->total, ==, 0);
  g_assert_cmpuint (nobody->sessions->len, ==, 0);
}

typedef gint64 (*SessionKey) (OkcChargingSession *session);

static gint64
billed_amount (OkcChargingSession *session)
{
  OkcMoney money;

  okc_charging_session_get_billed_total (session, &money);
  return money.amount;
}

static void
check_sorted (const char *sort,
              SessionKey  key)
{
  gboolean descending = sort[0] == '-';
  OkcSessionQuery query = { .sort = (char *) sort };
  g_autoptr(OkcSessionPage) page = list_ok (&query, 0, 300);
  g_assert_cmpuint (page->sessions->len, ==, 300);
  for (guint i = 1; i < page->sessions->len; i++)
    {
      OkcChargingSession *a = page_session (page, i - 1);
      OkcChargingSession *b = page_session (page, i);
      gint64 ka = key (a), kb = key (b);

      if (ka == kb)
        {
          /* Ties by id, in the same direction. */
          int order = strcmp (okc_charging_session_get_id (a), okc_charging_session_get_id (b));

          g_assert_cmpint (descending ? -order : order, <, 0);
        }
      else if (descending)
        g_assert_cmpint (ka, >, kb);
      else
        g_assert_cmpint (ka, <, kb);
    }
}

static void
test_sorts (void)
{
  g_auto(GStrv) most = query_row ("SELECT MAX (total), MIN (total) FROM sessions", NULL);
  g_autoptr(OkcSessionPage) top = NULL;
  g_autoptr(OkcSessionPage) bottom = NULL;

  check_sorted ("billed_total", billed_amount);
  check_sorted ("-billed_total", billed_amount);
  check_sorted ("energy_wh", okc_charging_session_get_energy_wh);
  check_sorted ("-energy_wh", okc_charging_session_get_energy_wh);
  check_sorted ("duration", okc_charging_session_get_duration_seconds);
  check_sorted ("-idle_seconds", okc_charging_session_get_idle_seconds);
  check_sorted ("ended_at", okc_charging_session_get_ended_at);
  check_sorted ("started_at", okc_charging_session_get_started_at);

  top = list_ok (&(OkcSessionQuery) { .sort = (char *) "-billed_total" }, 0, 1);
  bottom = list_ok (&(OkcSessionQuery) { .sort = (char *) "billed_total" }, 0, 1);
  g_assert_cmpint (billed_amount (page_session (top, 0)), ==, g_ascii_strtoll (most[0], NULL, 10));
  g_assert_cmpint (billed_amount (page_session (bottom, 0)), ==,
                   g_ascii_strtoll (most[1], NULL, 10));
}

static void
test_bad_query (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) to_error = NULL;
  g_autoptr(OkcSessionPage) page = NULL;
  g_autoptr(OkcSessionPage) reversed = NULL;

  page = list_sessions (&(OkcSessionQuery) { .sort = (char *) "price; DROP TABLE sessions" },
                        0, 10, &error);
  g_assert_null (page);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (okc_client_error_get_field (error), ==, "sort");
  g_assert_cmpuint (query_count ("SELECT COUNT (*) FROM sqlite_master WHERE name = 'sessions'",
                                 NULL), ==, 1);

  /* A range that ends before it begins is empty, or refused naming a member: never a
   * crash or a 500. */
  reversed = list_sessions (&(OkcSessionQuery) { .from = 2000000000, .to = 1000000000 }, 0, 10,
                            &to_error);
  if (reversed == NULL)
    g_assert_error (to_error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT);
  else
    g_assert_cmpuint (reversed->total, ==, 0);
}

static void
test_detail (void)
{
  g_autoptr(OkcSessionPage) page = list_ok (&(OkcSessionQuery) { .sort = (char *) "-energy_wh" },
                                            0, 1);
  OkcChargingSession *summary = page_session (page, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing = NULL;
  g_autoptr(OkcSessionDetail) detail = get_session (okc_charging_session_get_id (summary), &error);
  g_autoptr(OkcSessionDetail) none = get_session ("SES-9999999", &missing);
  OkcMoney a, b;

  g_assert_no_error (error);
  g_assert_cmpstr (okc_charging_session_get_id (detail->session), ==,
                   okc_charging_session_get_id (summary));
  g_assert_cmpint (okc_charging_session_get_energy_wh (detail->session), ==,
                   okc_charging_session_get_energy_wh (summary));
  g_assert_nonnull (okc_charging_session_get_meter (detail->session));
  g_assert_nonnull (okc_charging_session_get_billed (detail->session));
  okc_charging_session_get_billed_total (detail->session, &a);
  okc_charging_session_get_billed_total (summary, &b);
  g_assert_true (okc_money_equal (&a, &b));
  g_assert_cmpstr (okc_tariff_get_id (detail->tariff), ==,
                   okc_charging_session_get_tariff_id (summary));
  for (guint i = 0; i < detail->neighbours->len; i++)
    {
      OkcChargingSession *neighbour = g_ptr_array_index (detail->neighbours, i);

      g_assert_cmpstr (okc_charging_session_get_charger_id (neighbour), ==,
                       okc_charging_session_get_charger_id (summary));
      g_assert_nonnull (okc_charging_session_get_billed (neighbour));
    }

  g_assert_null (none);
  g_assert_error (missing, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND);
}

/* The backend's analysis of @id equals the audit run here on its detail. */
static void
check_analysis (const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcSessionDetail) detail = get_session (id, &error);
  g_autoptr(OkcSessionAudit) remote = NULL;
  g_autoptr(OkcSessionAudit) local = NULL;
  g_autoptr(JsonNode) remote_json = NULL;
  g_autoptr(JsonNode) local_json = NULL;

  g_assert_no_error (error);
  okc_client_get_session_analysis_async (agent, id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  remote = okc_client_get_session_analysis_finish (agent, result, &error);
  g_assert_no_error (error);
  local = okc_session_audit_run (detail->session, detail->tariff, detail->neighbours, &error);
  g_assert_no_error (error);

  remote_json = okc_session_audit_to_json (remote);
  local_json = okc_session_audit_to_json (local);
  if (!json_node_equal (remote_json, local_json))
    {
      g_autofree char *a = okc_json_to_string (remote_json);
      g_autofree char *b = okc_json_to_string (local_json);

      g_test_message ("%s: backend %s\nconsole %s", id, a, b);
      g_assert_not_reached ();
    }
  g_assert_cmpstr (okc_session_audit_get_session_id (remote), ==, id);
}

static void
test_analysis (void)
{
  g_autoptr(OkcSessionPage) newest = list_ok (NULL, 0, 20);
  g_autoptr(OkcSessionPage) idle = list_ok (&(OkcSessionQuery) { .sort = (char *) "-idle_seconds" },
                                            0, 5);
  g_autoptr(OkcSessionPage) empty = list_ok (&(OkcSessionQuery) { .sort = (char *) "energy_wh" },
                                             0, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcSessionAudit) none = NULL;

  /* The newest, the longest idle and the emptiest: the kinds the findings are about. */
  for (guint i = 0; i < newest->sessions->len; i++)
    check_analysis (okc_charging_session_get_id (page_session (newest, i)));
  for (guint i = 0; i < idle->sessions->len; i++)
    check_analysis (okc_charging_session_get_id (page_session (idle, i)));
  for (guint i = 0; i < empty->sessions->len; i++)
    check_analysis (okc_charging_session_get_id (page_session (empty, i)));

  okc_client_get_session_analysis_async (agent, "SES-9999999", NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  none = okc_client_get_session_analysis_finish (agent, result, &error);
  g_assert_null (none);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND);
}

static GPtrArray *
list_refunds (const char  *id,
              OkcMoney    *refundable,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_list_session_refunds_async (agent, id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_list_session_refunds_finish (agent, result, refundable, error);
}

static OkcRefund *
create_refund (OkcRefund  *request,
               GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_create_refund_async (agent, request, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_create_refund_finish (agent, result, error);
}

static void
test_refunds (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcSessionPage) page = list_ok (&(OkcSessionQuery) { .sort = (char *) "-billed_total" },
                                            0, 1);
  OkcChargingSession *session = page_session (page, 0);
  const char *id = okc_charging_session_get_id (session);
  OkcMoney threshold, billed, refundable, amount, too_much;
  g_autoptr(OkcRefund) request = NULL;
  g_autoptr(OkcRefund) refund = NULL;
  g_autoptr(OkcRefund) over = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  okc_client_get_refund_policy_async (agent, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  if (!okc_client_get_refund_policy_finish (agent, result, &threshold, &error) &&
      g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND))
    {
      g_test_skip ("the backend has no refund routes yet (branch ses-refunds)");
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpint (threshold.amount, >, 0);

  okc_charging_session_get_billed_total (session, &billed);
  before = list_refunds (id, &refundable, &error);
  g_assert_no_error (error);
  g_assert_true (okc_money_equal (&refundable, &billed));
  g_assert_cmpuint (before->len, ==, 0);

  /* Under the threshold: handed to the payment processor at once. */
  okc_money_init (&amount, MIN (threshold.amount, billed.amount) / 2, billed.currency);
  g_assert_cmpint (amount.amount, >, 0);
  request = okc_refund_new (id, &amount, OKC_REFUND_REASON_GOODWILL, "Test refund", NULL, -1);
  refund = create_refund (request, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (okc_refund_get_id (refund), "RFD-"));
  g_assert_cmpint (okc_refund_get_status (refund), ==, OKC_REFUND_STATUS_PROCESSING);

  after = list_refunds (id, &refundable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpint (refundable.amount, ==, billed.amount - amount.amount);

  /* More than is left: refused naming the amount. */
  okc_money_init (&too_much, refundable.amount + 1, billed.currency);
  g_clear_object (&request);
  request = okc_refund_new (id, &too_much, OKC_REFUND_REASON_GOODWILL, "Too much", NULL, -1);
  over = create_refund (request, &error);
  g_assert_null (over);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (okc_client_error_get_field (error), ==, "amount");
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcSessionPage) page = NULL;

  okc_client_list_sessions_async (agent, NULL, 0, 500, cancellable, okc_test_result_cb, &result);
  g_cancellable_cancel (cancellable);
  okc_test_wait_for_result (&result);
  page = okc_client_list_sessions_finish (agent, result, &error);
  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Client/sessions/query-value", test_query_value);
  g_test_add_func ("/Okc/Client/sessions/paging", test_paging);
  g_test_add_func ("/Okc/Client/sessions/filters", test_filters);
  g_test_add_func ("/Okc/Client/sessions/sorts", test_sorts);
  g_test_add_func ("/Okc/Client/sessions/bad-query", test_bad_query);
  g_test_add_func ("/Okc/Client/sessions/detail", test_detail);
  g_test_add_func ("/Okc/Client/sessions/analysis", test_analysis);
  g_test_add_func ("/Okc/Client/sessions/refunds", test_refunds);
  g_test_add_func ("/Okc/Client/sessions/cancelled", test_cancelled);

  backend = okc_test_backend_start ((const char *[]) { "--tickets", "10", NULL });
  agent = signed_in_client ("alex.rivera@ok2charge.example", "demo-agent");
  status = g_test_run ();
  g_clear_object (&agent);
  okc_test_backend_stop (backend);
  return status;
}
