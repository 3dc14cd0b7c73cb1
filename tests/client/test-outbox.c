/* test-outbox.c — the outbox against the real backend on loopback: written before it is
 * sent, retried while the backend is away, refused once, sent again after a restart with
 * its key, executed once
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-client-error.h"
#include "okc-client-private.h"
#include "okc-outbox-private.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

/* One backend for every test; the tests stop and start it, and each counts only the
 * commands it sent itself. */
static OkcTestBackend *backend;
static gboolean backend_running;
static OkcClient *agent;
static char *charger_id;

typedef struct
{
  char *dir;
  char *path;
  OkcStore *store;
  OkcOutbox *outbox;
  GPtrArray *finished; /* OkcOutboxAction, as "action-finished" gave them */
} Fixture;

static OkcStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  OkcStore *store = okc_store_new (path);

  okc_store_open_async (store, OKC_STORE_OPEN_NONE, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_open_finish (store, result, &error));
  g_assert_no_error (error);
  return store;
}

static void
action_finished_cb (OkcOutbox       *outbox,
                    OkcOutboxAction *action,
                    Fixture         *fixture)
{
  g_ptr_array_add (fixture->finished, g_object_ref (action));
}

static void
new_outbox (Fixture *fixture)
{
  fixture->store = open_store (fixture->path);
  fixture->outbox = okc_outbox_new (agent, fixture->store);
  g_signal_connect (fixture->outbox, "action-finished", G_CALLBACK (action_finished_cb), fixture);
  okc_outbox_start (fixture->outbox);
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Drops the outbox and its store without sending anything more, as a console that is
 * closed does, and waits until the store's file is closed. */
static void
drop_outbox (Fixture *fixture)
{
  OkcStore *store = fixture->store;

  okc_outbox_stop (fixture->outbox);
  g_clear_object (&fixture->outbox);
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_clear_object (&fixture->store);
  okc_test_wait_until (is_gone, &store);
}

static void
ensure_backend (gboolean running)
{
  if (running == backend_running)
    return;
  if (running)
    okc_test_backend_restart (backend);
  else
    okc_test_backend_kill (backend);
  backend_running = running;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ensure_backend (TRUE);
  fixture->dir = okc_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "store.sqlite", NULL);
  fixture->finished = g_ptr_array_new_with_free_func (g_object_unref);
  new_outbox (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->outbox != NULL)
    drop_outbox (fixture);
  g_ptr_array_unref (fixture->finished);
  okc_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The backend's truth ------------------------------------------------------------------- */

static gint64
query_int (const char *database,
           const char *sql,
           const char *parameter)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (parameter != NULL)
    sqlite3_bind_text (stmt, 1, parameter, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
count_commands (void)
{
  return query_int (okc_test_backend_get_database (backend),
                    "SELECT count(*) FROM charger_commands WHERE charger_id = ?1", charger_id);
}

/* The store's worker runs its calls in order: once a call made now completes, every
 * write the outbox queued before it is in the file. */
static void
flush_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  okc_store_get_sync_mark_async (fixture->store, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_cmpint (okc_store_get_sync_mark_finish (fixture->store, result, &error), >=, 0);
  g_assert_no_error (error);
}

static char *
stored_state (Fixture    *fixture,
              const char *key)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *state = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT state FROM outbox WHERE key = ?1", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    state = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return state;
}

/* Actions --------------------------------------------------------------------------------- */

static OkcOutboxAction *
command_action (const char *kind)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = g_strconcat ("/v1/chargers/", charger_id, "/commands", NULL);
  g_autofree char *summary = g_strdup_printf ("Trigger heartbeat on %s", charger_id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  return okc_outbox_action_new ("charger.command", "POST", path, body, NULL, summary);
}

static void
submit (Fixture         *fixture,
        OkcOutboxAction *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  okc_outbox_submit_async (fixture->outbox, action, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_outbox_submit_finish (fixture->outbox, result, &error));
  g_assert_no_error (error);
}

static gboolean
has_finished (gpointer data)
{
  Fixture *fixture = data;

  return fixture->finished->len > 0;
}

typedef struct
{
  OkcOutboxAction *action;
  guint attempts;
} AttemptsWait;

static gboolean
has_attempts (gpointer data)
{
  AttemptsWait *wait = data;

  return okc_outbox_action_get_attempts (wait->action) >= wait->attempts &&
         okc_outbox_action_get_state (wait->action) == OKC_OUTBOX_STATE_PENDING;
}

static void
wait_for_attempts (OkcOutboxAction *action,
                   guint            attempts)
{
  AttemptsWait wait = { action, attempts };

  okc_test_wait_until (has_attempts, &wait);
}

/* Tests ---------------------------------------------------------------------------------- */

static void
test_backoff (void)
{
  static const struct { guint attempts, delay; } table[] = {
    { 0, 0 }, { 1, 1 }, { 2, 2 }, { 3, 4 }, { 4, 8 }, { 5, 16 }, { 6, 32 }, { 7, 64 },
    { 8, 128 }, { 9, 256 }, { 10, 300 }, { 11, 300 }, { 64, 300 }, { G_MAXUINT, 300 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    g_assert_cmpuint (okc_outbox_backoff_delay (table[i].attempts), ==, table[i].delay);
}

/* Written while the backend is away, tried again and again, then sent once it is back. */
static void
test_offline_then_sent (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(OkcOutboxAction) action = command_action ("trigger_heartbeat");
  g_autofree char *written = NULL;
  g_autofree char *done = NULL;
  gint64 before;
  JsonNode *response;

  ensure_backend (FALSE);
  submit (fixture, action);
  written = stored_state (fixture, okc_outbox_action_get_key (action));
  g_assert_nonnull (written);
  g_assert_cmpuint (okc_outbox_get_n_unsent (fixture->outbox), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->outbox)), ==, 1);

  wait_for_attempts (action, 1);
  g_assert_error (okc_outbox_action_get_error (action), OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_OFFLINE);
  g_assert_cmpint (okc_outbox_action_get_next_attempt_at (action), >, 0);
  /* The back-off's second attempt, without waiting for it. */
  okc_outbox_retry_now (fixture->outbox);
  wait_for_attempts (action, 2);
  g_assert_cmpuint (fixture->finished->len, ==, 0);
  g_assert_cmpuint (okc_outbox_get_n_unsent (fixture->outbox), ==, 1);

  ensure_backend (TRUE);
  before = count_commands ();
  okc_outbox_retry_now (fixture->outbox);
  okc_test_wait_until (has_finished, fixture);

  g_assert_true (g_ptr_array_index (fixture->finished, 0) == action);
  g_assert_cmpint (okc_outbox_action_get_state (action), ==, OKC_OUTBOX_STATE_DONE);
  g_assert_null (okc_outbox_action_get_error (action));
  g_assert_cmpuint (okc_outbox_action_get_attempts (action), ==, 3);
  g_assert_cmpuint (okc_outbox_action_get_http_status (action), ==, 202);
  response = okc_outbox_action_get_response (action);
  g_assert_nonnull (response);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (response), "charger_id"),
                   ==, charger_id);
  g_assert_cmpuint (okc_outbox_get_n_unsent (fixture->outbox), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->outbox)), ==, 0);
  g_assert_cmpint (count_commands (), ==, before + 1);

  /* The answer is recorded: a new outbox on the file has nothing to send. */
  drop_outbox (fixture);
  done = stored_state (fixture, okc_outbox_action_get_key (action));
  g_assert_cmpstr (done, ==, "done");
  new_outbox (fixture);
  okc_outbox_retry_now (fixture->outbox);
  g_assert_cmpuint (okc_outbox_get_n_unsent (fixture->outbox), ==, 0);
  g_assert_cmpint (count_commands (), ==, before + 1);
}

/* A refusal is final: failed, with the backend's reason, never tried again; Discard
 * removes it from the outbox and the store. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(OkcOutboxAction) action = command_action ("make_coffee");
  g_autoptr(OkcOutboxAction) next = command_action ("trigger_heartbeat");
  g_autofree char *failed = NULL;
  g_autofree char *discarded = NULL;
  gint64 before = count_commands ();
  const GError *error;

  submit (fixture, action);
  okc_test_wait_until (has_finished, fixture);
  g_assert_true (g_ptr_array_index (fixture->finished, 0) == action);
  g_assert_cmpint (okc_outbox_action_get_state (action), ==, OKC_OUTBOX_STATE_FAILED);
  g_assert_cmpuint (okc_outbox_action_get_http_status (action), ==, 422);
  error = okc_outbox_action_get_error (action);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (okc_client_error_get_field (error), ==, "kind");
  g_assert_cmpuint (okc_outbox_action_get_attempts (action), ==, 1);
  g_assert_cmpuint (okc_outbox_get_n_unsent (fixture->outbox), ==, 1);
  flush_store (fixture);
  failed = stored_state (fixture, okc_outbox_action_get_key (action));
  g_assert_cmpstr (failed, ==, "failed");

  /* Retry Now and a later action do not send it again: the next one goes past it. */
  okc_outbox_retry_now (fixture->outbox);
  submit (fixture, next);
  okc_test_wait_until (has_finished, fixture);
  while (fixture->finished->len < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_ptr_array_index (fixture->finished, 1) == next);
  g_assert_cmpint (okc_outbox_action_get_state (next), ==, OKC_OUTBOX_STATE_DONE);
  g_assert_cmpuint (okc_outbox_action_get_attempts (action), ==, 1);
  g_assert_cmpint (count_commands (), ==, before + 1);

  okc_outbox_discard (fixture->outbox, action);
  g_assert_cmpuint (okc_outbox_get_n_unsent (fixture->outbox), ==, 0);
  drop_outbox (fixture);
  discarded = stored_state (fixture, okc_outbox_action_get_key (action));
  g_assert_null (discarded);
}

/* The console closes before the backend came back: the next one sends the action, with
 * the key it was written with. */
static void
test_restart (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(OkcOutboxAction) action = command_action ("trigger_heartbeat");
  g_autofree char *key = NULL;
  OkcOutboxAction *sent;
  gint64 before;

  ensure_backend (FALSE);
  submit (fixture, action);
  wait_for_attempts (action, 1);
  key = g_strdup (okc_outbox_action_get_key (action));
  drop_outbox (fixture);

  ensure_backend (TRUE);
  before = count_commands ();
  new_outbox (fixture);
  okc_test_wait_until (has_finished, fixture);

  sent = g_ptr_array_index (fixture->finished, 0);
  g_assert_false (sent == action);
  g_assert_cmpstr (okc_outbox_action_get_key (sent), ==, key);
  g_assert_cmpstr (okc_outbox_action_get_kind (sent), ==, "charger.command");
  g_assert_cmpstr (okc_outbox_action_get_summary (sent), ==, okc_outbox_action_get_summary (action));
  g_assert_cmpint (okc_outbox_action_get_created_at (sent), ==,
                   okc_outbox_action_get_created_at (action));
  g_assert_cmpint (okc_outbox_action_get_state (sent), ==, OKC_OUTBOX_STATE_DONE);
  g_assert_cmpuint (okc_outbox_action_get_attempts (sent), ==, 2);
  g_assert_cmpint (count_commands (), ==, before + 1);
}

/* A 401 stops the sending, not counted as a refusal: the action waits, with no next
 * attempt, until the agent signs in again. */
static void
test_sign_in_needed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcClient) expired = okc_client_new (okc_test_backend_get_url (backend), &error);
  g_autoptr(OkcOutboxAction) action = command_action ("trigger_heartbeat");
  g_autoptr(OkcOutboxAction) behind = command_action ("trigger_heartbeat");
  gint64 before = count_commands ();

  g_assert_no_error (error);
  okc_client_set_token (expired, "a-token-the-backend-never-issued");
  drop_outbox (fixture);
  fixture->store = open_store (fixture->path);
  fixture->outbox = okc_outbox_new (expired, fixture->store);
  g_signal_connect (fixture->outbox, "action-finished", G_CALLBACK (action_finished_cb), fixture);
  okc_outbox_start (fixture->outbox);

  submit (fixture, action);
  submit (fixture, behind);
  wait_for_attempts (action, 1);
  g_assert_true (okc_outbox_is_waiting_for_sign_in (fixture->outbox));
  g_assert_error (okc_outbox_action_get_error (action), OKC_CLIENT_ERROR,
                  OKC_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpint (okc_outbox_action_get_next_attempt_at (action), ==, 0);
  /* The one behind it was not tried: nothing is sent until the sign-in. */
  g_assert_cmpuint (okc_outbox_action_get_attempts (behind), ==, 0);
  g_assert_cmpuint (okc_outbox_get_n_unsent (fixture->outbox), ==, 2);
  g_assert_cmpuint (fixture->finished->len, ==, 0);

  okc_client_set_token (expired, okc_client_get_token (agent));
  okc_outbox_retry_now (fixture->outbox);
  g_assert_false (okc_outbox_is_waiting_for_sign_in (fixture->outbox));
  while (fixture->finished->len < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_ptr_array_index (fixture->finished, 0) == action);
  g_assert_true (g_ptr_array_index (fixture->finished, 1) == behind);
  g_assert_cmpint (okc_outbox_action_get_state (action), ==, OKC_OUTBOX_STATE_DONE);
  g_assert_cmpint (okc_outbox_action_get_state (behind), ==, OKC_OUTBOX_STATE_DONE);
  g_assert_cmpint (count_commands (), ==, before + 2);
}

static void
save_row (OkcStore          *store,
          OkcStoreOutboxRow *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  okc_store_save_outbox_row_async (store, row, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_save_outbox_row_finish (store, result, &error));
  g_assert_no_error (error);
}

static gboolean
has_items (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (data)) > 0;
}

/* A finished action of @state that finished @age seconds ago, as an earlier run left it. */
static char *
save_finished (OkcStore   *store,
               const char *state,
               gint64      age)
{
  g_autoptr(OkcOutboxAction) action = command_action ("trigger_heartbeat");
  g_autoptr(OkcStoreOutboxRow) row = okc_outbox_action_to_row (action);

  g_free (row->state);
  row->state = g_strdup (state);
  row->attempts = 1;
  row->http_status = g_str_equal (state, "done") ? 202 : 422;
  row->finished_at = g_get_real_time () / G_USEC_PER_SEC - age;
  if (g_str_equal (state, "failed"))
    row->last_error = g_strdup ("The backend refused the request: kind is not a command");
  save_row (store, row);
  return g_strdup (row->key);
}

/* Done and failed actions are kept 7 days for the agent's record, then forgotten at the
 * next start; a failed one still in its week is listed again, never sent. */
static void
test_forget_after_a_week (Fixture       *fixture,
                          gconstpointer  data)
{
  const gint64 day = 24 * 3600;
  g_autofree char *old_done = NULL, *old_failed = NULL, *recent_done = NULL, *recent_failed = NULL;
  g_autofree char *state = NULL;
  g_autoptr(OkcOutboxAction) listed = NULL;
  gint64 before = count_commands ();

  drop_outbox (fixture);
  fixture->store = open_store (fixture->path);
  old_done = save_finished (fixture->store, "done", 8 * day);
  old_failed = save_finished (fixture->store, "failed", 8 * day);
  recent_done = save_finished (fixture->store, "done", 6 * day);
  recent_failed = save_finished (fixture->store, "failed", 1 * day);
  g_clear_object (&fixture->store);

  new_outbox (fixture);
  okc_test_wait_until (has_items, fixture->outbox);
  okc_outbox_retry_now (fixture->outbox);
  flush_store (fixture);

  g_assert_cmpuint (okc_outbox_get_n_unsent (fixture->outbox), ==, 1);
  listed = g_list_model_get_item (G_LIST_MODEL (fixture->outbox), 0);
  g_assert_cmpstr (okc_outbox_action_get_key (listed), ==, recent_failed);
  g_assert_cmpint (okc_outbox_action_get_state (listed), ==, OKC_OUTBOX_STATE_FAILED);
  g_assert_cmpstr (okc_outbox_action_get_error (listed)->message, ==,
                   "The backend refused the request: kind is not a command");

  state = stored_state (fixture, old_done);
  g_assert_null (state);
  state = stored_state (fixture, old_failed);
  g_assert_null (state);
  g_clear_pointer (&state, g_free);
  state = stored_state (fixture, recent_done);
  g_assert_cmpstr (state, ==, "done");
  g_assert_cmpint (count_commands (), ==, before);
}

static OkcClientAnswer *
send_with_key (OkcOutboxAction  *action,
               const char       *key,
               GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_call_idempotent_async (agent, okc_outbox_action_get_method (action),
                                    okc_outbox_action_get_path (action),
                                    okc_outbox_action_get_body (action), key, NULL,
                                    okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_call_idempotent_finish (agent, result, error);
}

/* Whether the backend honours Idempotency-Key (docs/actions.md): it refuses a malformed
 * one, where a backend without the layer ignores the header and executes. */
static gboolean
backend_has_idempotency (void)
{
  g_autoptr(OkcOutboxAction) probe = command_action ("trigger_heartbeat");
  g_autofree char *too_long = g_strnfill (101, 'k');
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcClientAnswer) answer = send_with_key (probe, too_long, &error);

  if (answer != NULL)
    return FALSE;
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (okc_client_error_get_field (error), ==, "Idempotency-Key");
  return TRUE;
}

/* The backend executed the request but the console recorded no answer (it was killed
 * between the send and the answer): the row still says "sending". The next run sends it
 * again with its key, and the backend replays its answer instead of a second command. */
static void
test_answer_lost (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(OkcOutboxAction) action = command_action ("trigger_heartbeat");
  g_autoptr(OkcStoreOutboxRow) row = NULL;
  g_autoptr(OkcClientAnswer) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *first_id = NULL;
  OkcOutboxAction *resent;
  gint64 before;

  if (!backend_has_idempotency ())
    {
      g_test_skip ("The backend ignores Idempotency-Key (its idempotency layer is not merged)");
      return;
    }

  drop_outbox (fixture);
  fixture->store = open_store (fixture->path);
  row = okc_outbox_action_to_row (action);
  g_free (row->state);
  row->state = g_strdup ("sending");
  okc_store_save_outbox_row_async (fixture->store, row, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_save_outbox_row_finish (fixture->store, result, &error));
  g_assert_no_error (error);

  before = count_commands ();
  first = send_with_key (action, okc_outbox_action_get_key (action), &error);
  g_assert_no_error (error);
  first_id = g_strdup (json_object_get_string_member (json_node_get_object (first->root), "id"));
  g_assert_cmpint (count_commands (), ==, before + 1);
  g_clear_object (&fixture->store);

  new_outbox (fixture);
  okc_test_wait_until (has_finished, fixture);
  resent = g_ptr_array_index (fixture->finished, 0);
  g_assert_cmpstr (okc_outbox_action_get_key (resent), ==, okc_outbox_action_get_key (action));
  g_assert_cmpint (okc_outbox_action_get_state (resent), ==, OKC_OUTBOX_STATE_DONE);
  g_assert_cmpstr (json_object_get_string_member (
                     json_node_get_object (okc_outbox_action_get_response (resent)), "id"),
                   ==, first_id);
  g_assert_cmpint (count_commands (), ==, before + 1);
}

static OkcClient *
signed_in_agent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcUser) user = NULL;
  OkcClient *client = okc_client_new (okc_test_backend_get_url (backend), &error);

  g_assert_no_error (error);
  okc_client_set_timeout (client, 5);
  okc_client_sign_in_async (client, "alex.rivera@ok2charge.example", "demo-agent", NULL,
                            okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  user = okc_client_sign_in_finish (client, result, &error);
  g_assert_no_error (error);
  return client;
}

static char *
query_text (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Client/outbox/backoff", test_backoff);
#define ADD(name, func) g_test_add ("/Okc/Client/outbox/" name, Fixture, NULL, fixture_set_up, \
                                    func, fixture_tear_down)
  ADD ("offline-then-sent", test_offline_then_sent);
  ADD ("refused", test_refused);
  ADD ("restart", test_restart);
  ADD ("sign-in-needed", test_sign_in_needed);
  ADD ("forget-after-a-week", test_forget_after_a_week);
  ADD ("answer-lost", test_answer_lost);
#undef ADD

  backend = okc_test_backend_start ((const char *[]) { "--tickets", "10", NULL });
  backend_running = TRUE;
  agent = signed_in_agent ();
  charger_id = query_text ("SELECT id FROM chargers WHERE status <> 'offline' ORDER BY id LIMIT 1");

  status = g_test_run ();

  g_clear_object (&agent);
  g_free (charger_id);
  ensure_backend (TRUE);
  okc_test_backend_stop (backend);
  return status;
}
