/* test-client-accounts.c — account lookup, the account and its tickets, identity checks,
 * and the account changes sent through the outbox, against the real backend
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-client-accounts.h"
#include "okc-client-error.h"
#include "okc-event-stream.h"
#include "okc-live-updates.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

static OkcTestBackend *backend;
static OkcClient *agent;

/* Guests with a card, a monthly or annual subscription, no refund, a login email no other
 * account has, and a ticket from that email: each test takes its own. */
static GPtrArray *own_accounts;
static GPtrArray *own_tickets;
static guint next_own;

static char *
query_text (const char *sql,
            const char *arg)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
learn_own (void)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  own_accounts = g_ptr_array_new_with_free_func (g_free);
  own_tickets = g_ptr_array_new_with_free_func (g_free);
  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (
                     db,
                     "SELECT a.id, MIN (t.id) FROM accounts a JOIN tickets t ON "
                     "t.requester_email = a.email COLLATE NOCASE WHERE a.kind = 'guest' "
                     "AND a.subscription_status = 'active' "
                     "AND (SELECT COUNT (*) FROM cards k WHERE k.account_id = a.id "
                     "AND k.removed_at IS NULL) >= 1 "
                     "AND NOT EXISTS (SELECT 1 FROM refunds r JOIN sessions s ON "
                     "s.id = r.session_id WHERE s.account_id = a.id) "
                     "AND (SELECT COUNT (*) FROM accounts b WHERE b.email = a.email "
                     "COLLATE NOCASE) = 1 GROUP BY a.id ORDER BY a.id",
                     -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (own_accounts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (own_tickets, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (own_accounts->len, >=, 6);
}

static void
take_own (const char **out_account,
          const char **out_ticket)
{
  g_assert_cmpuint (next_own, <, own_accounts->len);
  *out_account = g_ptr_array_index (own_accounts, next_own);
  *out_ticket = g_ptr_array_index (own_tickets, next_own++);
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

static GPtrArray *
search (const char  *query,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_search_accounts_async (agent, query, 20, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_search_accounts_finish (agent, result, error);
}

static OkcAccount *
get_account (const char *id,
             const char *ticket_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  OkcAccount *account;

  okc_client_get_account_async (agent, id, ticket_id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  account = okc_client_get_account_finish (agent, result, &error);
  g_assert_no_error (error);
  return account;
}

static gboolean
verify (const char             *id,
        const char             *ticket_id,
        OkcVerificationMethod   method,
        const char             *detail,
        GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_verify_account_async (agent, id, ticket_id, method, detail, NULL,
                                   okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_verify_account_finish (agent, result, error);
}

static gboolean
contains_id (GPtrArray  *summaries,
             const char *id)
{
  for (guint i = 0; i < summaries->len; i++)
    if (g_str_equal (okc_account_summary_get_id (g_ptr_array_index (summaries, i)), id))
      return TRUE;
  return FALSE;
}

static void
test_search (void)
{
  const char *id, *ticket_id;
  g_autofree char *email = NULL, *name = NULL, *upper = NULL;
  g_autoptr(GPtrArray) by_email = NULL, by_id = NULL, by_name = NULL, none = NULL;
  g_autoptr(GError) error = NULL;

  take_own (&id, &ticket_id);
  email = query_text ("SELECT email FROM accounts WHERE id = ?1", id);
  name = query_text ("SELECT name FROM accounts WHERE id = ?1", id);
  upper = g_ascii_strup (email, -1);

  by_email = search (upper, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_email->len, ==, 1);
  g_assert_cmpstr (okc_account_summary_get_email (g_ptr_array_index (by_email, 0)), ==, email);
  by_id = search (id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_id->len, ==, 1);
  g_assert_cmpstr (okc_account_summary_get_name (g_ptr_array_index (by_id, 0)), ==, name);
  by_name = search (name, &error);
  g_assert_no_error (error);
  g_assert_true (contains_id (by_name, id));

  none = search ("ab", &error);
  g_assert_null (none);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (okc_client_error_get_field (error), ==, "q");
}

static void
test_get_and_tickets (void)
{
  const char *id, *ticket_id;
  g_autoptr(OkcAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(OkcAccount) missing = NULL;
  gboolean found = FALSE;

  take_own (&id, &ticket_id);
  account = get_account (id, ticket_id);
  g_assert_cmpstr (okc_account_get_id (account), ==, id);
  g_assert_cmpuint (okc_account_get_n_cards (account), >=, 1);
  g_assert_nonnull (okc_account_get_subscription (account));
  g_assert_null (okc_account_get_verification (account));

  okc_client_list_account_tickets_async (agent, id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  tickets = okc_client_list_account_tickets_finish (agent, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tickets->len; i++)
    found |= g_str_equal (okc_ticket_get_id (g_ptr_array_index (tickets, i)), ticket_id);
  g_assert_true (found);

  g_clear_object (&result);
  okc_client_get_account_async (agent, "ACC-99999", NULL, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  missing = okc_client_get_account_finish (agent, result, &error);
  g_assert_null (missing);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND);
}

/* A wrong detail gets the backend's sentence alone; the right one verifies the identity,
 * which the account then shows for that ticket only. */
static void
test_verify (void)
{
  const char *id, *ticket_id;
  g_autofree char *last4 = NULL;
  g_autofree char *wrong = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcAccount) account = NULL;
  g_autoptr(OkcAccount) without_ticket = NULL;
  const OkcAccountVerification *verification;

  take_own (&id, &ticket_id);
  last4 = query_text ("SELECT last4 FROM cards WHERE account_id = ?1 AND removed_at IS NULL "
                      "ORDER BY is_default DESC LIMIT 1", id);
  wrong = g_strdup_printf ("%04d", (atoi (last4) + 1) % 10000);

  g_assert_false (verify (id, ticket_id, OKC_VERIFICATION_METHOD_CARD_LAST4, wrong, &error));
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (okc_client_error_get_server_code (error), ==, "verification_failed");
  g_assert_true (g_str_has_prefix (error->message, "The last four digits"));
  g_assert_null (strstr (error->message, last4));
  g_clear_error (&error);

  g_assert_false (verify (id, ticket_id, OKC_VERIFICATION_METHOD_CARD_LAST4, "42", &error));
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (okc_client_error_get_field (error), ==, "detail");
  g_clear_error (&error);

  g_assert_true (verify (id, ticket_id, OKC_VERIFICATION_METHOD_CARD_LAST4, last4, &error));
  g_assert_no_error (error);
  account = get_account (id, ticket_id);
  verification = okc_account_get_verification (account);
  g_assert_nonnull (verification);
  g_assert_cmpstr (verification->ticket_id, ==, ticket_id);
  g_assert_cmpint (verification->method, ==, OKC_VERIFICATION_METHOD_CARD_LAST4);
  g_assert_cmpstr (verification->verified_by_name, ==, "Alex Rivera");
  g_assert_true (okc_account_is_verified (account, g_get_real_time () / G_USEC_PER_SEC));
  without_ticket = get_account (id, NULL);
  g_assert_null (okc_account_get_verification (without_ticket));
}

/* The ticket came from the account's login email. */
static void
test_verify_request_email (void)
{
  const char *id, *ticket_id;
  g_autoptr(GError) error = NULL;

  take_own (&id, &ticket_id);
  g_assert_true (verify (id, ticket_id, OKC_VERIFICATION_METHOD_REQUEST_EMAIL, NULL, &error));
  g_assert_no_error (error);
}

/* Three failures within the hour lock the checks, with the backend's sentence. */
static void
test_verify_locked (void)
{
  const char *id, *ticket_id;
  g_autofree char *last4 = NULL;
  g_autofree char *wrong = NULL;
  g_autoptr(GError) error = NULL;

  take_own (&id, &ticket_id);
  last4 = query_text ("SELECT last4 FROM cards WHERE account_id = ?1 AND removed_at IS NULL "
                      "LIMIT 1", id);
  wrong = g_strdup_printf ("%04d", (atoi (last4) + 5000) % 10000);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_false (verify (id, ticket_id, OKC_VERIFICATION_METHOD_CARD_LAST4, wrong, &error));
      g_assert_cmpstr (okc_client_error_get_server_code (error), ==, "verification_failed");
      g_clear_error (&error);
    }
  g_assert_false (verify (id, ticket_id, OKC_VERIFICATION_METHOD_CARD_LAST4, last4, &error));
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_TOO_MANY_ATTEMPTS);
  g_assert_cmpstr (okc_client_error_get_server_code (error), ==, "verification_locked");
  g_assert_true (g_str_has_prefix (error->message, "Too many failed checks"));
}

/* The outbox, as the console has one for its window. */
static char *outbox_dir;
static OkcStore *outbox_store;
static OkcOutbox *outbox;

typedef struct
{
  const char *key;
  OkcOutboxAction *finished;
} Waiting;

static void
action_finished_cb (OkcOutbox       *box,
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

static void
start_outbox (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

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

/* Returns: (transfer full): @action as the outbox finished it. */
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
  okc_test_wait_until (is_finished, &waiting);
  g_signal_handler_disconnect (outbox, handler);
  return waiting.finished;
}

/* Sends @action, which must be done; returns the account it answered with. */
static OkcAccount *
change (OkcOutboxAction *action)
{
  g_autoptr(OkcOutboxAction) finished = send_through_outbox (action);
  g_autoptr(GError) error = NULL;
  OkcAccount *account;

  if (okc_outbox_action_get_state (finished) != OKC_OUTBOX_STATE_DONE)
    g_error ("“%s” was refused: %s", okc_outbox_action_get_summary (finished),
             okc_outbox_action_get_error (finished)->message);
  account = okc_account_action_get_account (finished, &error);
  g_assert_no_error (error);
  return account;
}

/* Without a verification on the ticket, a change is refused with the backend's words. */
static void
test_change_needs_verification (void)
{
  const char *id, *ticket_id;
  g_autoptr(OkcAccount) account = NULL;
  g_autoptr(OkcOutboxAction) action = NULL;
  g_autoptr(OkcOutboxAction) finished = NULL;
  g_autofree char *expected = NULL;
  const GError *error;

  take_own (&id, &ticket_id);
  account = get_account (id, ticket_id);
  action = okc_account_action_new_cancel_subscription (account, ticket_id, TRUE);
  g_assert_cmpstr (okc_outbox_action_get_kind (action), ==, "account.subscription_cancel");
  finished = send_through_outbox (action);
  g_assert_cmpint (okc_outbox_action_get_state (finished), ==, OKC_OUTBOX_STATE_FAILED);
  error = okc_outbox_action_get_error (finished);
  g_assert_cmpstr (okc_client_error_get_server_code (error), ==, "verification_required");
  expected = g_strdup_printf ("Verify the customer’s identity on %s first", ticket_id);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Verified: cancel at the period's end, then now; remove a card; change the emails. */
static void
test_changes (void)
{
  const char *id, *ticket_id;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcAccount) account = NULL;
  g_autoptr(OkcAccount) cancelling = NULL;
  g_autoptr(OkcAccount) cancelled = NULL;
  g_autoptr(OkcAccount) fewer_cards = NULL;
  g_autoptr(OkcAccount) notified = NULL;
  g_autoptr(OkcAccount) reset = NULL;
  g_autoptr(OkcAccount) relogged = NULL;
  g_autoptr(OkcOutboxAction) again = NULL;
  g_autoptr(OkcOutboxAction) refused = NULL;
  g_autofree char *removed_id = NULL;
  g_autofree char *new_email = NULL;
  guint n_cards;

  take_own (&id, &ticket_id);
  g_assert_true (verify (id, ticket_id, OKC_VERIFICATION_METHOD_REQUEST_EMAIL, NULL, &error));
  account = get_account (id, ticket_id);

  cancelling = change (okc_account_action_new_cancel_subscription (account, ticket_id, FALSE));
  g_assert_cmpint (okc_account_get_subscription (cancelling)->status, ==,
                   OKC_SUBSCRIPTION_STATUS_CANCELLING);
  cancelled = change (okc_account_action_new_cancel_subscription (cancelling, ticket_id, TRUE));
  g_assert_cmpint (okc_account_get_subscription (cancelled)->status, ==,
                   OKC_SUBSCRIPTION_STATUS_CANCELLED);
  g_assert_cmpint (okc_account_get_subscription (cancelled)->cancelled_at, >, 0);
  /* Nothing left to cancel: the backend's sentence, not retried. */
  again = send_through_outbox (okc_account_action_new_cancel_subscription (cancelled, ticket_id,
                                                                          TRUE));
  g_assert_cmpint (okc_outbox_action_get_state (again), ==, OKC_OUTBOX_STATE_FAILED);
  g_assert_cmpstr (okc_client_error_get_server_code (okc_outbox_action_get_error (again)), ==,
                   "no_subscription");

  n_cards = okc_account_get_n_cards (cancelled);
  removed_id = g_strdup (okc_account_get_card (cancelled, 0)->id);
  fewer_cards = change (okc_account_action_new_remove_card (cancelled,
                                                            okc_account_get_card (cancelled, 0),
                                                            ticket_id));
  g_assert_cmpuint (okc_account_get_n_cards (fewer_cards), ==, n_cards - 1);
  for (guint i = 0; i < okc_account_get_n_cards (fewer_cards); i++)
    g_assert_cmpstr (okc_account_get_card (fewer_cards, i)->id, !=, removed_id);
  if (n_cards > 1)
    g_assert_true (okc_account_get_card (fewer_cards, 0)->is_default);

  notified = change (okc_account_action_new_change_email (fewer_cards, ticket_id, NULL,
                                                          "receipts@example.net"));
  g_assert_cmpstr (okc_account_get_notification_email (notified), ==, "receipts@example.net");
  reset = change (okc_account_action_new_change_email (notified, ticket_id, NULL, ""));
  g_assert_null (okc_account_get_notification_email (reset));
  new_email = g_strdup_printf ("%s.new@example.net", id);
  relogged = change (okc_account_action_new_change_email (reset, ticket_id, new_email, NULL));
  g_assert_cmpstr (okc_account_get_email (relogged), ==, new_email);

  refused = send_through_outbox (okc_account_action_new_change_email (relogged, ticket_id,
                                                                      "not an email", NULL));
  g_assert_cmpint (okc_outbox_action_get_state (refused), ==, OKC_OUTBOX_STATE_FAILED);
  g_assert_error (okc_outbox_action_get_error (refused), OKC_CLIENT_ERROR,
                  OKC_CLIENT_ERROR_INVALID_INPUT);
}

/* Deletion needs the login email retyped, then erases the personal data. */
static void
test_delete (void)
{
  const char *id, *ticket_id;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcAccount) account = NULL;
  g_autoptr(OkcAccount) deleted = NULL;
  g_autoptr(OkcOutboxAction) mistyped = NULL;

  take_own (&id, &ticket_id);
  g_assert_true (verify (id, ticket_id, OKC_VERIFICATION_METHOD_REQUEST_EMAIL, NULL, &error));
  account = get_account (id, ticket_id);

  mistyped = send_through_outbox (okc_account_action_new_delete (account, ticket_id,
                                                                 "someone@example.net"));
  g_assert_cmpint (okc_outbox_action_get_state (mistyped), ==, OKC_OUTBOX_STATE_FAILED);
  g_assert_cmpstr (okc_client_error_get_field (okc_outbox_action_get_error (mistyped)), ==,
                   "confirm_email");

  deleted = change (okc_account_action_new_delete (account, ticket_id,
                                                   okc_account_get_email (account)));
  g_assert_true (okc_account_is_deleted (deleted));
  g_assert_cmpstr (okc_account_get_email (deleted), ==, "");
  g_assert_cmpuint (okc_account_get_n_cards (deleted), ==, 0);
  g_assert_cmpint (okc_account_get_subscription (deleted)->status, ==,
                   OKC_SUBSCRIPTION_STATUS_CANCELLED);
}

/* A passed check and each change are account.updated on the stream: OkcLiveUpdates says
 * which account, so that its page on any console fetches it again. */
typedef struct
{
  GPtrArray *ids;
  const char *wanted;
} Updated;

static void
account_updated_cb (OkcLiveUpdates *updates,
                    const char     *account_id,
                    Updated        *updated)
{
  g_ptr_array_add (updated->ids, g_strdup (account_id));
}

static gboolean
was_updated (gpointer data)
{
  Updated *updated = data;

  for (guint i = 0; i < updated->ids->len; i++)
    if (g_str_equal (g_ptr_array_index (updated->ids, i), updated->wanted))
      return TRUE;
  return FALSE;
}

static gboolean
stream_connected (gpointer data)
{
  return okc_event_stream_get_state (data) == OKC_EVENT_STREAM_STATE_CONNECTED;
}

static gboolean
sync_done (gpointer data)
{
  return okc_ticket_sync_get_state (data) != OKC_TICKET_SYNC_STATE_SYNCING;
}

static gboolean
store_is_free (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

static void
test_live_account_updated (void)
{
  const char *id, *ticket_id;
  g_autofree char *dir = okc_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "live.sqlite", NULL);
  g_autoptr(OkcStore) store = okc_store_new (path);
  g_autoptr(OkcTicketQueue) queue = okc_ticket_queue_new ();
  g_autoptr(OkcClock) clock = okc_clock_new_system (60);
  g_autoptr(OkcTicketSync) sync = NULL;
  g_autoptr(OkcEventStream) stream = okc_event_stream_new (agent);
  g_autoptr(OkcLiveUpdates) updates = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcAccount) account = NULL;
  g_autoptr(OkcAccount) changed = NULL;
  Updated updated = { g_ptr_array_new_with_free_func (g_free), NULL };

  take_own (&id, &ticket_id);
  updated.wanted = id;
  okc_store_open_async (store, OKC_STORE_OPEN_NONE, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_open_finish (store, result, &error));
  g_clear_object (&result);   /* it holds the store */
  sync = okc_ticket_sync_new (agent, store, queue, clock);
  updates = okc_live_updates_new (agent, stream, queue, store, sync);
  g_signal_connect (updates, "account-updated", G_CALLBACK (account_updated_cb), &updated);
  okc_event_stream_start (stream);
  okc_test_wait_until (stream_connected, stream);

  g_assert_true (verify (id, ticket_id, OKC_VERIFICATION_METHOD_REQUEST_EMAIL, NULL, &error));
  okc_test_wait_until (was_updated, &updated);
  g_ptr_array_set_size (updated.ids, 0);

  account = get_account (id, ticket_id);
  changed = change (okc_account_action_new_change_email (account, ticket_id, NULL,
                                                         "alerts@example.net"));
  okc_test_wait_until (was_updated, &updated);
  for (guint i = 0; i < updated.ids->len; i++)
    g_assert_cmpstr (g_ptr_array_index (updated.ids, i), ==, id);

  okc_event_stream_stop (stream);
  okc_test_wait_until (sync_done, sync);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&updates);
  g_clear_object (&sync);
  /* A refresh or a save the events started may still hold the store for a moment. */
  okc_test_wait_until (store_is_free, store);
  g_assert_finalize_object (g_steal_pointer (&store));
  g_ptr_array_unref (updated.ids);
  okc_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  backend = okc_test_backend_start (NULL);
  agent = new_agent ();
  learn_own ();

  g_test_add_func ("/Client/Accounts/search", test_search);
  g_test_add_func ("/Client/Accounts/get-and-tickets", test_get_and_tickets);
  g_test_add_func ("/Client/Accounts/verify", test_verify);
  g_test_add_func ("/Client/Accounts/verify-request-email", test_verify_request_email);
  g_test_add_func ("/Client/Accounts/verify-locked", test_verify_locked);
  g_test_add_func ("/Client/Accounts/change-needs-verification", test_change_needs_verification);
  g_test_add_func ("/Client/Accounts/changes", test_changes);
  g_test_add_func ("/Client/Accounts/delete", test_delete);
  g_test_add_func ("/Client/Accounts/live-account-updated", test_live_account_updated);
  start_outbox ();
  status = g_test_run ();

  stop_outbox ();
  g_clear_object (&agent);
  g_clear_pointer (&own_accounts, g_ptr_array_unref);
  g_clear_pointer (&own_tickets, g_ptr_array_unref);
  okc_test_backend_stop (backend);
  return status;
}
