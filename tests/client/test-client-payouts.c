/* test-client-payouts.c — a host's payouts, their reconciliation re-added by the engine,
 * revenue and properties through the client, and a shortfall credited through the
 * outbox, against the real backend
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-client-payouts.h"
#include "okc-client-error.h"
#include "okc-error.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

static OkcTestBackend *backend;
static OkcClient *agent;

/* The first column of the first row of @sql, @arg bound to ?1; NULL for no row. */
static char *
query_text (const char *sql,
            const char *arg)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
query_int (const char *sql,
           const char *arg)
{
  g_autofree char *text = query_text (sql, arg);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static OkcClient *
new_agent (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcUser) user = NULL;
  OkcClient *client = okc_client_new (okc_test_backend_get_url (backend), &error);

  g_assert_no_error (error);
  okc_client_sign_in_async (client, "alex.rivera@ok2charge.example", "demo-agent", NULL,
                            okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  user = okc_client_sign_in_finish (client, result, &error);
  g_assert_no_error (error);
  return client;
}

static OkcPayoutPage *
list_payouts (const OkcPayoutQuery  *query,
              const char            *cursor,
              guint                  limit,
              GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_list_payouts_async (agent, query, cursor, limit, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_list_payouts_finish (agent, result, error);
}

static OkcPayoutReport *
get_report (const char  *id,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_get_payout_report_async (agent, id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_get_payout_report_finish (agent, result, error);
}

/* Every page of a host's payouts, 3 at a time, is the whole list, newest week first. */
static void
test_list_pages (void)
{
  g_autofree char *host = query_text ("SELECT host_account_id FROM payouts GROUP BY host_account_id "
                                      "ORDER BY count(*) DESC LIMIT 1",
                                      NULL);
  gint64 expected = query_int ("SELECT count(*) FROM payouts WHERE host_account_id = ?1", host);
  OkcPayoutQuery query = { .host = host };
  g_autofree char *cursor = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *previous_from = NULL;
  guint pages = 0;

  g_assert_cmpint (expected, >, 3);
  do
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcPayoutPage) page = list_payouts (&query, cursor, 3, &error);

      g_assert_no_error (error);
      g_assert_cmpint (page->total, ==, expected);
      g_assert_cmpuint (page->payouts->len, <=, 3);
      for (guint i = 0; i < page->payouts->len; i++)
        {
          OkcPayout *payout = g_ptr_array_index (page->payouts, i);

          g_assert_cmpstr (okc_payout_get_host_account_id (payout), ==, host);
          g_assert_true (g_hash_table_add (seen, g_strdup (okc_payout_get_id (payout))));
          if (previous_from != NULL)
            g_assert_cmpstr (okc_payout_get_period_from (payout), <=, previous_from);
          g_free (previous_from);
          previous_from = g_strdup (okc_payout_get_period_from (payout));
        }
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
      pages++;
    }
  while (cursor != NULL);
  g_assert_cmpuint (g_hash_table_size (seen), ==, expected);
  g_assert_cmpuint (pages, ==, (expected + 2) / 3);
}

/* Failed payouts by property carry the bank's reason; one by id is the listed one. */
static void
test_failed_and_get (void)
{
  g_autofree char *property = query_text ("SELECT property_id FROM payouts WHERE status = 'failed' "
                                          "ORDER BY id LIMIT 1",
                                          NULL);
  gint64 expected = query_int ("SELECT count(*) FROM payouts WHERE status = 'failed' AND "
                               "property_id = ?1", property);
  OkcPayoutQuery query = { .property = property, .status = "failed" };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPayoutPage) page = list_payouts (&query, NULL, 50, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcPayout) one = NULL;
  g_autoptr(OkcPayout) none = NULL;
  g_autoptr(GError) missing = NULL;
  OkcPayout *first;

  g_assert_no_error (error);
  g_assert_cmpint (page->total, ==, expected);
  g_assert_cmpuint (page->payouts->len, ==, expected);
  for (guint i = 0; i < page->payouts->len; i++)
    {
      OkcPayout *payout = g_ptr_array_index (page->payouts, i);

      g_assert_cmpint (okc_payout_get_status (payout), ==, OKC_PAYOUT_STATUS_FAILED);
      g_assert_cmpstr (okc_payout_get_property_id (payout), ==, property);
      g_assert_true (g_regex_match_simple ("^R(02|03|04|16|20): ",
                                           okc_payout_get_failure_reason (payout), 0, 0));
    }
  first = g_ptr_array_index (page->payouts, 0);
  okc_client_get_payout_async (agent, okc_payout_get_id (first), NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  one = okc_client_get_payout_finish (agent, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_payout_get_failure_reason (one), ==, okc_payout_get_failure_reason (first));
  g_assert_cmpint (okc_payout_get_period_start (one), ==, okc_payout_get_period_start (first));

  g_clear_object (&result);
  okc_client_get_payout_async (agent, "PAY-99999", NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  none = okc_client_get_payout_finish (agent, result, &missing);
  g_assert_null (none);
  g_assert_error (missing, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND);
}

/* The first paid or in-transit payout paid short and not yet credited, or (@paid_short
 * FALSE) one that matches to the cent. */
static char *
find_payout_id (gboolean paid_short)
{
  /* The demo's topic-10 tickets name the short payouts first (docs/payouts.md). */
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *found = NULL;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM payouts WHERE status IN "
                                       "('paid', 'in_transit') ORDER BY id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (found == NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(OkcPayoutReport) report = get_report (id, &error);

      g_assert_no_error (error);
      if (paid_short ? report->totals.difference < 0 && report->adjustments->len == 0
                     : report->totals.difference == 0)
        found = g_strdup (id);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_nonnull (found);
  return found;
}

/* A short payout's figures, as the engine re-adds them, against the backend's own rows. */
static void
test_report (void)
{
  g_autofree char *id = find_payout_id (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPayoutReport) report = get_report (id, &error);
  OkcMoney amount;
  guint n_sessions = 0;
  const OkcPayoutSession *sessions;
  gint64 gross = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (okc_payout_get_id (report->payout), ==, id);
  okc_payout_get_amount (report->payout, &amount);
  g_assert_cmpint (report->totals.sent, ==, amount.amount);
  g_assert_cmpint (report->totals.difference, ==, report->totals.sent - report->totals.payable);
  g_assert_cmpint (report->totals.difference, <, 0);
  g_assert_cmpint (okc_payout_report_get_creditable (report), ==, -report->totals.difference);
  sessions = okc_payout_reconciliation_get_sessions (report->reconciliation, &n_sessions);
  g_assert_cmpuint (n_sessions, >, 0);
  for (guint i = 0; i < n_sessions; i++)
    if (sessions[i].placement != OKC_PAYOUT_PLACEMENT_DEFERRED)
      gross += sessions[i].gross;
  g_assert_cmpint (gross, ==, report->totals.gross);
  /* The covered sessions are the property's that ended in the week. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sessions WHERE charger_id IN "
                                            "(SELECT id FROM chargers WHERE property_id = "
                                            "(SELECT property_id FROM payouts WHERE id = ?1)) "
                                            "AND ended_at >= %" G_GINT64_FORMAT " AND ended_at < %"
                                            G_GINT64_FORMAT,
                                            okc_payout_get_period_start (report->payout),
                                            okc_payout_get_cutoff_at (report->payout));
    guint covered = 0;

    for (guint i = 0; i < n_sessions; i++)
      covered += sessions[i].placement != OKC_PAYOUT_PLACEMENT_DEFERRED;
    g_assert_cmpint (query_int (sql, id), ==, covered);
  }
}

static void
test_revenue (void)
{
  g_autofree char *host = query_text ("SELECT host_account_id FROM payouts ORDER BY id LIMIT 1", NULL);
  g_autofree char *guest = query_text ("SELECT id FROM accounts WHERE kind = 'guest' ORDER BY id "
                                       "LIMIT 1", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refused = NULL;
  g_autoptr(OkcRevenue) revenue = NULL;
  g_autoptr(OkcRevenue) none = NULL;

  okc_client_get_revenue_async (agent, host, "2026-11-01", "2026-11-30", NULL, NULL,
                                okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  revenue = okc_client_get_revenue_finish (agent, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (revenue->currency, ==, "USD");
  g_assert_cmpstr (revenue->from, ==, "2026-11-01");
  g_assert_cmpuint (revenue->days->len, ==, 30);
  g_assert_cmpstr (g_array_index (revenue->days, OkcRevenueDay, 0).date, ==, "2026-11-01");
  g_assert_cmpstr (g_array_index (revenue->days, OkcRevenueDay, 29).date, ==, "2026-11-30");

  g_clear_object (&result);
  okc_client_get_revenue_async (agent, guest, "2026-11-01", "2026-11-30", NULL, NULL,
                                okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  none = okc_client_get_revenue_finish (agent, result, &refused);
  g_assert_null (none);
  g_assert_error (refused, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (okc_client_error_get_field (refused), ==, "id");
}

typedef struct
{
  const char *key;
  OkcOutboxAction *finished;
} Waiting;

static void
action_finished_cb (OkcOutbox       *outbox,
                    OkcOutboxAction *action,
                    Waiting         *waiting)
{
  if (g_str_equal (okc_outbox_action_get_key (action), waiting->key))
    g_set_object (&waiting->finished, action);
}

static gboolean
is_finished (gpointer data)
{
  return ((Waiting *) data)->finished != NULL;
}

static char *outbox_dir;
static OkcStore *outbox_store;
static OkcOutbox *outbox;

static void
start_outbox (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  outbox_dir = okc_test_make_tmp_dir ();
  path = g_build_filename (outbox_dir, "store.sqlite", NULL);
  outbox_store = okc_store_new (path);
  okc_store_open_async (outbox_store, OKC_STORE_OPEN_NONE, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_open_finish (outbox_store, result, &error));
  outbox = okc_outbox_new (agent, outbox_store);
  okc_outbox_start (outbox);
}

static void
stop_outbox (void)
{
  okc_outbox_stop (outbox);
  g_clear_object (&outbox);
  g_clear_object (&outbox_store);
  okc_test_remove_tree (outbox_dir);
  g_free (outbox_dir);
}

static OkcOutboxAction *
send_through_outbox (OkcOutboxAction *action)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Waiting waiting = { okc_outbox_action_get_key (action), NULL };
  gulong handler = g_signal_connect (outbox, "action-finished", G_CALLBACK (action_finished_cb),
                                     &waiting);

  okc_outbox_submit_async (outbox, action, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_outbox_submit_finish (outbox, result, &error));
  g_assert_no_error (error);
  okc_test_wait_until (is_finished, &waiting);
  g_signal_handler_disconnect (outbox, handler);
  return waiting.finished;
}

static OkcOutboxAction *
credit (const char *payout_id,
        gint64      cents,
        const char *ticket_id)
{
  OkcMoney amount = { .amount = cents, .currency = "USD" };
  g_autoptr(OkcOutboxAction) action = okc_payout_adjustment_action_new (payout_id, &amount,
                                                                        "The run left a session out",
                                                                        ticket_id);

  g_assert_cmpstr (okc_outbox_action_get_kind (action), ==, "payout.adjust");
  return send_through_outbox (action);
}

/* Part of a shortfall, then more than the rest (refused), then the rest; the report shows
 * each adjustment and what is still to credit. */
static void
test_credit_shortfall (void)
{
  g_autofree char *id = find_payout_id (TRUE);
  g_autofree char *ticket = query_text ("SELECT id FROM tickets WHERE topic = 'payouts-reporting' "
                                        "ORDER BY id LIMIT 1", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPayoutReport) before = get_report (id, &error);
  gint64 shortfall = okc_payout_report_get_creditable (before);
  g_autoptr(OkcOutboxAction) part = NULL;
  g_autoptr(OkcOutboxAction) too_much = NULL;
  g_autoptr(OkcOutboxAction) rest = NULL;
  g_autoptr(OkcPayoutAdjustment) adjustment = NULL;
  g_autoptr(OkcPayoutReport) after = NULL;
  g_autoptr(OkcPayoutReport) credited = NULL;
  g_autofree char *summary = NULL;
  OkcMoney amount;

  g_assert_no_error (error);
  g_assert_cmpint (shortfall, >, 1);
  part = credit (id, 1, ticket);
  g_assert_cmpint (okc_outbox_action_get_state (part), ==, OKC_OUTBOX_STATE_DONE);
  summary = g_strdup_printf ("Credit $0.01 short on %s", id);
  g_assert_cmpstr (okc_outbox_action_get_summary (part), ==, summary);
  adjustment = okc_payout_adjustment_action_get_adjustment (part, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_payout_adjustment_get_payout_id (adjustment), ==, id);
  g_assert_cmpstr (okc_payout_adjustment_get_ticket_id (adjustment), ==, ticket);
  g_assert_cmpstr (okc_payout_adjustment_get_created_by_name (adjustment), ==, "Alex Rivera");
  okc_payout_adjustment_get_amount (adjustment, &amount);
  g_assert_cmpint (amount.amount, ==, 1);

  after = get_report (id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->adjustments->len, ==, 1);
  g_assert_cmpint (okc_payout_report_get_creditable (after), ==, shortfall - 1);

  too_much = credit (id, shortfall, ticket);
  g_assert_cmpint (okc_outbox_action_get_state (too_much), ==, OKC_OUTBOX_STATE_FAILED);
  g_assert_cmpuint (okc_outbox_action_get_http_status (too_much), ==, 409);
  g_assert_nonnull (okc_outbox_action_get_error (too_much));

  rest = credit (id, shortfall - 1, ticket);
  g_assert_cmpint (okc_outbox_action_get_state (rest), ==, OKC_OUTBOX_STATE_DONE);
  credited = get_report (id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credited->adjustments->len, ==, 2);
  g_assert_cmpint (okc_payout_report_get_creditable (credited), ==, 0);
}

/* A payout that reconciles has nothing to credit: the backend refuses it. */
static void
test_no_shortfall (void)
{
  g_autofree char *id = find_payout_id (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPayoutReport) report = get_report (id, &error);
  g_autoptr(OkcOutboxAction) refused = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (okc_payout_report_get_creditable (report), ==, 0);
  refused = credit (id, 100, NULL);
  g_assert_cmpint (okc_outbox_action_get_state (refused), ==, OKC_OUTBOX_STATE_FAILED);
  g_assert_cmpuint (okc_outbox_action_get_http_status (refused), ==, 409);
}

int
main (int    argc,
      char **argv)
{
  int status;
  /* Seed 7's demo has no payout the bank returned; seed 1's has a few. */
  const char * const args[] = { "--seed", "1", NULL };

  g_test_init (&argc, &argv, NULL);
  backend = okc_test_backend_start (args);
  agent = new_agent ();

  g_test_add_func ("/Client/Payouts/list-pages", test_list_pages);
  g_test_add_func ("/Client/Payouts/failed-and-get", test_failed_and_get);
  g_test_add_func ("/Client/Payouts/report", test_report);
  g_test_add_func ("/Client/Payouts/revenue", test_revenue);
  g_test_add_func ("/Client/Payouts/credit-shortfall", test_credit_shortfall);
  g_test_add_func ("/Client/Payouts/no-shortfall", test_no_shortfall);
  start_outbox ();
  status = g_test_run ();

  stop_outbox ();
  g_clear_object (&agent);
  okc_test_backend_stop (backend);
  return status;
}
