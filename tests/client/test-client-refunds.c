/* test-client-refunds.c — refunds and their review through the client, against the real
 * backend's demo data on loopback
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>

#include "okc-client-error.h"
#include "okc-client-refunds.h"
#include "okc-client-sessions.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

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

/* The first column of the first row of @sql over the backend's database, "?" bound to
 * @arg: the truth the client's answers are compared with. */
static char *
query_text (const char *sql,
            const char *arg)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static gint64
count_refunds (const char *status)
{
  g_autofree char *count = query_text ("SELECT count(*) FROM refunds WHERE status = ?", status);

  return g_ascii_strtoll (count, NULL, 10);
}

static OkcRefundPage *
list_refunds (const OkcRefundQuery  *query,
              const char            *cursor,
              guint                  limit,
              GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_list_refunds_async (agent, query, cursor, limit, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_list_refunds_finish (agent, result, error);
}

static OkcRefundReview *
get_review (const char  *id,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_get_refund_review_async (agent, id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_get_refund_review_finish (agent, result, error);
}

static OkcRefund *
page_refund (OkcRefundPage *page,
             guint          i)
{
  return g_ptr_array_index (page->refunds, i);
}

/* The pending requests, oldest first, all of them counted. */
static void
test_list_pending (void)
{
  OkcRefundQuery query = { .status = (char *) "pending_approval" };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefundPage) page = list_refunds (&query, NULL, 200, &error);

  g_assert_no_error (error);
  g_assert_cmpint (page->total, ==, count_refunds ("pending_approval"));
  g_assert_cmpint (page->total, >, 0);
  g_assert_cmpuint (page->refunds->len, ==, page->total);
  g_assert_null (page->next_cursor);
  for (guint i = 0; i < page->refunds->len; i++)
    {
      g_assert_cmpint (okc_refund_get_status (page_refund (page, i)), ==,
                       OKC_REFUND_STATUS_PENDING_APPROVAL);
      if (i > 0)
        g_assert_cmpint (okc_refund_get_requested_at (page_refund (page, i - 1)), <=,
                         okc_refund_get_requested_at (page_refund (page, i)));
    }
}

/* One refund a page, following the cursor, gives the same refunds as one page. */
static void
test_paging (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefundPage) all = list_refunds (NULL, NULL, 200, &error);
  g_autofree char *cursor = NULL;
  guint seen = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (all->refunds->len, >=, 2);
  do
    {
      g_autoptr(OkcRefundPage) page = list_refunds (NULL, cursor, 1, &error);

      g_assert_no_error (error);
      g_assert_cmpint (page->total, ==, all->total);
      g_assert_cmpuint (page->refunds->len, ==, 1);
      g_assert_cmpuint (seen, <, all->refunds->len);
      g_assert_cmpstr (okc_refund_get_id (page_refund (page, 0)), ==,
                       okc_refund_get_id (page_refund (all, seen)));
      seen++;
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
    }
  while (cursor != NULL);
  g_assert_cmpuint (seen, ==, all->refunds->len);
}

static void
test_bad_filter (void)
{
  OkcRefundQuery query = { .status = (char *) "lost_in_the_post" };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefundPage) page = list_refunds (&query, NULL, 50, &error);

  g_assert_null (page);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (okc_client_error_get_field (error), ==, "status");
}

static void
test_not_found (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefundReview) review = get_review ("RFD-999999", &error);

  g_assert_null (review);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND);
}

static void
get_threshold (OkcMoney *out)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  okc_client_get_refund_policy_async (agent, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_client_get_refund_policy_finish (agent, result, out, &error));
  g_assert_no_error (error);
}

/* The session @offset places down the list by billed total, which must be above the
 * threshold: each test refunds a session of its own. */
static OkcChargingSession *
session_at (guint           offset,
            const OkcMoney *threshold)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcSessionPage) page = NULL;
  OkcSessionQuery query = { .sort = (char *) "-billed_total" };
  OkcChargingSession *session;
  OkcMoney billed;

  okc_client_list_sessions_async (agent, &query, offset, 1, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  page = okc_client_list_sessions_finish (agent, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->sessions->len, ==, 1);
  session = g_ptr_array_index (page->sessions, 0);
  okc_charging_session_get_billed_total (session, &billed);
  g_assert_cmpint (billed.amount, >, threshold->amount);
  return g_object_ref (session);
}

/* Asks for one cent above the threshold on @session: a request that waits. */
static OkcRefund *
request_above (OkcChargingSession *session,
               const OkcMoney     *threshold,
               const char         *note,
               const char         *ticket_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefund) request = NULL;
  OkcRefund *refund;
  OkcMoney amount;

  okc_charging_session_get_billed_total (session, &amount);
  amount.amount = threshold->amount + 1;
  request = okc_refund_new (okc_charging_session_get_id (session), &amount,
                            OKC_REFUND_REASON_GOODWILL, note, ticket_id, -1);
  okc_client_create_refund_async (agent, request, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  refund = okc_client_create_refund_finish (agent, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_refund_get_status (refund), ==, OKC_REFUND_STATUS_PENDING_APPROVAL);
  return refund;
}

/* A request above the threshold waits; its review carries the session's evidence and what
 * is still refundable, which counts the pending request. */
static void
test_review (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargingSession) session = NULL;
  g_autoptr(OkcRefund) refund = NULL;
  g_autoptr(OkcRefundReview) review = NULL;
  g_autoptr(OkcRefundPage) page = NULL;
  OkcRefundQuery query = { 0 };
  OkcMoney threshold, billed, amount, review_amount;

  get_threshold (&threshold);
  session = session_at (0, &threshold);
  okc_charging_session_get_billed_total (session, &billed);
  refund = request_above (session, &threshold, "Above the threshold", NULL);
  okc_refund_get_amount (refund, &amount);

  review = get_review (okc_refund_get_id (refund), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_refund_get_id (review->refund), ==, okc_refund_get_id (refund));
  g_assert_cmpstr (okc_refund_get_note (review->refund), ==, "Above the threshold");
  g_assert_cmpstr (okc_refund_get_requested_by_id (review->refund), ==,
                   okc_refund_get_requested_by_id (refund));
  okc_refund_get_amount (review->refund, &review_amount);
  g_assert_true (okc_money_equal (&review_amount, &amount));
  g_assert_cmpstr (okc_charging_session_get_id (review->session), ==,
                   okc_charging_session_get_id (session));
  g_assert_nonnull (okc_charging_session_get_billed (review->session));
  g_assert_cmpstr (okc_session_audit_get_session_id (review->analysis), ==,
                   okc_charging_session_get_id (session));
  g_assert_nonnull (okc_session_audit_get_expected (review->analysis));
  g_assert_null (review->ticket);
  g_assert_cmpstr (review->refundable.currency, ==, billed.currency);
  g_assert_cmpint (review->refundable.amount, ==, billed.amount - amount.amount);

  /* The session's filter finds it, and only its refunds. */
  query.session_id = (char *) okc_charging_session_get_id (session);
  page = list_refunds (&query, NULL, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpint (page->total, ==, 1);
  g_assert_cmpstr (okc_refund_get_id (page_refund (page, 0)), ==, okc_refund_get_id (refund));
}

/* A request for a ticket: its review carries the ticket, which now waits for approval. */
static void
test_review_ticket (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargingSession) session = NULL;
  g_autoptr(OkcRefund) refund = NULL;
  g_autoptr(OkcRefundReview) review = NULL;
  g_autofree char *ticket_id = query_text ("SELECT id FROM tickets WHERE status = ? ORDER BY seq "
                                           "LIMIT 1", "open");
  OkcMoney threshold;

  get_threshold (&threshold);
  session = session_at (1, &threshold);
  refund = request_above (session, &threshold, "For the ticket", ticket_id);
  g_assert_cmpstr (okc_refund_get_ticket_id (refund), ==, ticket_id);

  review = get_review (okc_refund_get_id (refund), &error);
  g_assert_no_error (error);
  g_assert_nonnull (review->ticket);
  g_assert_cmpstr (okc_ticket_get_id (review->ticket), ==, ticket_id);
  g_assert_cmpint (okc_ticket_get_status (review->ticket), ==, OKC_TICKET_STATUS_WAITING_APPROVAL);

  /* The ticket's filter finds it. */
  {
    OkcRefundQuery query = { .ticket_id = ticket_id };
    g_autoptr(OkcRefundPage) page = list_refunds (&query, NULL, 50, &error);

    g_assert_no_error (error);
    g_assert_cmpint (page->total, ==, 1);
    g_assert_cmpstr (okc_refund_get_id (page_refund (page, 0)), ==, okc_refund_get_id (refund));
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The reviews make the pending requests that the listing tests then find. */
  g_test_add_func ("/Okc/Client/refunds/review", test_review);
  g_test_add_func ("/Okc/Client/refunds/review-ticket", test_review_ticket);
  g_test_add_func ("/Okc/Client/refunds/list-pending", test_list_pending);
  g_test_add_func ("/Okc/Client/refunds/paging", test_paging);
  g_test_add_func ("/Okc/Client/refunds/bad-filter", test_bad_filter);
  g_test_add_func ("/Okc/Client/refunds/not-found", test_not_found);

  backend = okc_test_backend_start ((const char *[]) { "--tickets", "40", NULL });
  agent = signed_in_client ("alex.rivera@ok2charge.example", "demo-agent");
  status = g_test_run ();
  g_clear_object (&agent);
  okc_test_backend_stop (backend);
  return status;
}
