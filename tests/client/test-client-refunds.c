/* test-client-refunds.c — refunds and their review through the client, against the real
 * backend's demo data on loopback
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-client-error.h"
#include "okc-client-refunds.h"
#include "okc-client-sessions.h"
#include "okc-store.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

static OkcTestBackend *backend;
static OkcClient *agent;
static OkcClient *supervisor;

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

/* Actions through the outbox ----------------------------------------------------- */

typedef struct
{
  char *dir;
  OkcStore *store;
  OkcOutbox *outbox;
  OkcOutboxAction *finished;
} OutboxRun;

static void
finished_cb (OkcOutbox       *outbox,
             OkcOutboxAction *action,
             OutboxRun       *run)
{
  g_set_object (&run->finished, action);
}

static void
outbox_run_init (OutboxRun *run,
                 OkcClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  run->dir = okc_test_make_tmp_dir ();
  path = g_build_filename (run->dir, "store.sqlite", NULL);
  run->store = okc_store_new (path);
  okc_store_open_async (run->store, OKC_STORE_OPEN_NONE, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_open_finish (run->store, result, &error));
  run->outbox = okc_outbox_new (client, run->store);
  g_signal_connect (run->outbox, "action-finished", G_CALLBACK (finished_cb), run);
  okc_outbox_start (run->outbox);
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
outbox_run_clear (OutboxRun *run)
{
  OkcStore *store = run->store;

  okc_outbox_stop (run->outbox);
  g_clear_object (&run->outbox);
  g_clear_object (&run->finished);
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_clear_object (&run->store);
  okc_test_wait_until (is_gone, &store);
  okc_test_remove_tree (run->dir);
  g_free (run->dir);
}

static gboolean
has_finished (gpointer data)
{
  OutboxRun *run = data;

  return run->finished != NULL;
}

/* Submits @action and waits until the backend answered it. */
static void
run_action (OutboxRun       *run,
            OkcOutboxAction *action)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&run->finished);
  okc_outbox_submit_async (run->outbox, action, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_outbox_submit_finish (run->outbox, result, &error));
  g_assert_no_error (error);
  okc_test_wait_until (has_finished, run);
  g_assert_true (run->finished == action);
}

static void
assert_body_member (OkcOutboxAction *action,
                    const char      *member,
                    const char      *value)
{
  JsonObject *body = json_node_get_object (okc_outbox_action_get_body (action));

  g_assert_cmpstr (json_object_get_string_member (body, member), ==, value);
}

/* The agent's request by lines, through the outbox; the supervisor's approval of it; the
 * refund's own answer decoded at each step. */
static void
test_actions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargingSession) summary = NULL;
  g_autoptr(OkcRefund) request = NULL;
  g_autoptr(OkcRefund) created = NULL;
  g_autoptr(OkcRefund) approved = NULL;
  g_autoptr(OkcOutboxAction) create = NULL;
  g_autoptr(OkcOutboxAction) approve = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcSessionDetail) detail = NULL;
  g_autofree char *summary_text = NULL;
  OkcCostBreakdown *billed;
  OutboxRun agent_run = { 0 }, supervisor_run = { 0 };
  OkcMoney threshold, amount, answered;
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 sum = 0;

  get_threshold (&threshold);
  summary = session_at (2, &threshold);
  okc_client_get_session_async (agent, okc_charging_session_get_id (summary), NULL,
                                okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  detail = okc_client_get_session_finish (agent, result, &error);
  g_assert_no_error (error);
  billed = okc_charging_session_get_billed (detail->session);
  g_assert_nonnull (billed);

  /* The first lines that together pass the threshold: a request by lines that waits. */
  for (guint i = 0; i < okc_cost_breakdown_get_n_lines (billed) && sum <= threshold.amount; i++)
    {
      gint64 line = okc_cost_breakdown_get_line (billed, i)->amount;

      if (line <= 0)
        continue;
      g_array_append_val (lines, i);
      sum += line;
    }
  g_assert_cmpint (sum, >, threshold.amount);
  okc_charging_session_get_billed_total (detail->session, &amount);
  amount.amount = sum;
  request = okc_refund_new (okc_charging_session_get_id (detail->session), &amount,
                            OKC_REFUND_REASON_MISCHARGE, "By lines", NULL, -1);
  okc_refund_set_lines (request, (const guint *) lines->data, lines->len);
  create = okc_refund_action_new_create (request);
  g_assert_cmpstr (okc_outbox_action_get_kind (create), ==, "refund.create");
  g_assert_cmpstr (okc_outbox_action_get_method (create), ==, "POST");
  g_assert_cmpstr (okc_outbox_action_get_path (create), ==, "/v1/refunds");
  assert_body_member (create, "session_id", okc_charging_session_get_id (detail->session));
  {
    g_autofree char *money = okc_money_format (&amount);
    summary_text = g_strdup_printf ("Refund %s on %s", money,
                                    okc_charging_session_get_id (detail->session));
  }
  g_assert_cmpstr (okc_outbox_action_get_summary (create), ==, summary_text);

  /* Not answered yet: nothing to decode. */
  g_assert_null (okc_refund_action_get_refund (create, &error));
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_BAD_RESPONSE);
  g_clear_error (&error);

  outbox_run_init (&agent_run, agent);
  run_action (&agent_run, create);
  g_assert_cmpint (okc_outbox_action_get_state (create), ==, OKC_OUTBOX_STATE_DONE);
  created = okc_refund_action_get_refund (create, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_refund_get_status (created), ==, OKC_REFUND_STATUS_PENDING_APPROVAL);
  okc_refund_get_amount (created, &answered);
  g_assert_true (okc_money_equal (&answered, &amount));
  {
    guint n = 0;
    const guint *got = okc_refund_get_lines (created, &n);

    g_assert_cmpuint (n, ==, lines->len);
    for (guint i = 0; i < n; i++)
      g_assert_cmpuint (got[i], ==, g_array_index (lines, guint, i));
  }
  outbox_run_clear (&agent_run);

  approve = okc_refund_action_new_review (created, TRUE, "Checked");
  g_assert_cmpstr (okc_outbox_action_get_kind (approve), ==, "refund.approve");
  g_assert_true (g_str_has_suffix (okc_outbox_action_get_path (approve), "/approve"));
  assert_body_member (approve, "comment", "Checked");
  outbox_run_init (&supervisor_run, supervisor);
  run_action (&supervisor_run, approve);
  approved = okc_refund_action_get_refund (approve, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_refund_get_id (approved), ==, okc_refund_get_id (created));
  g_assert_cmpint (okc_refund_get_status (approved), ==, OKC_REFUND_STATUS_PROCESSING);
  g_assert_cmpstr (okc_refund_get_reviewed_by_name (approved), ==, "Morgan Blake");
  g_assert_cmpstr (okc_refund_get_review_comment (approved), ==, "Checked");
  outbox_run_clear (&supervisor_run);
}

/* A supervisor's own request: their rejection fails, with the backend's sentence, and is
 * not retried. */
static void
test_self_review (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcChargingSession) session = NULL;
  g_autoptr(OkcRefund) request = NULL;
  g_autoptr(OkcRefund) own = NULL;
  g_autoptr(OkcOutboxAction) reject = NULL;
  OutboxRun run = { 0 };
  const GError *refusal;
  OkcMoney threshold, amount;

  get_threshold (&threshold);
  session = session_at (3, &threshold);
  okc_charging_session_get_billed_total (session, &amount);
  request = okc_refund_new (okc_charging_session_get_id (session), &amount,
                            OKC_REFUND_REASON_GOODWILL, "Mine", NULL, -1);
  okc_client_create_refund_async (supervisor, request, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  own = okc_client_create_refund_finish (supervisor, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_refund_get_status (own), ==, OKC_REFUND_STATUS_PENDING_APPROVAL);

  reject = okc_refund_action_new_review (own, FALSE, "Not mine to judge");
  g_assert_cmpstr (okc_outbox_action_get_kind (reject), ==, "refund.reject");
  outbox_run_init (&run, supervisor);
  run_action (&run, reject);
  g_assert_cmpint (okc_outbox_action_get_state (reject), ==, OKC_OUTBOX_STATE_FAILED);
  refusal = okc_outbox_action_get_error (reject);
  g_assert_error ((GError *) refusal, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (refusal->message, "Morgan Blake requested this refund"));
  g_assert_null (okc_refund_action_get_refund (reject, &error));
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_BAD_RESPONSE);
  outbox_run_clear (&run);
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
  g_test_add_func ("/Okc/Client/refunds/actions", test_actions);
  g_test_add_func ("/Okc/Client/refunds/self-review", test_self_review);

  backend = okc_test_backend_start ((const char *[]) { "--tickets", "40", NULL });
  agent = signed_in_client ("alex.rivera@ok2charge.example", "demo-agent");
  supervisor = signed_in_client ("morgan.blake@ok2charge.example", "demo-supervisor");
  status = g_test_run ();
  g_clear_object (&supervisor);
  g_clear_object (&agent);
  okc_test_backend_stop (backend);
  return status;
}
