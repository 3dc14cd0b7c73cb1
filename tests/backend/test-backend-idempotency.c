/* test-backend-idempotency.c — Idempotency-Key over loopback: one execution under
 * concurrent repeats, replays byte for byte (also of a refusal, also after a crash),
 * a key reused for another request, keys scoped to their user, malformed keys
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-test-backend.h"

#define N_CONCURRENT 16
#define KEY_HEADER "Idempotency-Key"
#define REPLAYED_HEADER "Idempotent-Replayed"

static OkcTestBackend *backend;
static char *agent;
static char *supervisor;

/* Sessions billed in USD, each test taking its own. */
static GPtrArray *session_ids;
static guint next_session;

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
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* The count @sql returns, with @arg bound to its one parameter. */
static gint64
count_rows (const char *sql,
            const char *arg)
{
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

static gint64
count_refunds (const char *session_id)
{
  return count_rows ("SELECT count(*) FROM refunds WHERE session_id = ?", session_id);
}

static void
learn_sessions (void)
{
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = NULL;

  session_ids = g_ptr_array_new_with_free_func (g_free);
  /* A few dollars of each is refunded here: well within what any of them billed. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT id FROM sessions WHERE currency = 'USD' "
                                       "AND total >= 1000 AND id NOT IN (SELECT session_id FROM refunds) "
                                       "ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (session_ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (session_ids->len, >=, 10);
}

static const char *
take_session (void)
{
  g_assert_cmpuint (next_session, <, session_ids->len);
  return g_ptr_array_index (session_ids, next_session++);
}

static char *
refund_body (const char *session_id,
             gint64      amount)
{
  return g_strdup_printf ("{\"session_id\": \"%s\", \"amount\": {\"amount\": %" G_GINT64_FORMAT
                          ", \"currency\": \"USD\"}, \"reason\": \"mischarge\", \"note\": "
                          "\"the idle fee ran while the car still charged\"}",
                          session_id, amount);
}

static char *
new_key (void)
{
  return g_uuid_string_random ();
}

typedef struct
{
  SoupMessage *msg;
  GBytes *body;
  GError *error;
} Call;

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;

  call->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &call->error);
}

static SoupMessage *
new_post (const char *path,
          const char *token,
          const char *key,
          const char *json)
{
  g_autofree char *target = g_strconcat (url (), path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  SoupMessage *msg = soup_message_new ("POST", target);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Authorization", authorization);
  if (key != NULL)
    soup_message_headers_replace (headers, KEY_HEADER, key);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  return msg;
}

static OkcTestResponse *
to_response (Call *call)
{
  OkcTestResponse *response = g_new0 (OkcTestResponse, 1);
  g_autoptr(GError) error = NULL;

  g_assert_no_error (call->error);
  response->status = soup_message_get_status (call->msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (call->msg));
  response->body = g_steal_pointer (&call->body);
  if (g_strcmp0 (soup_message_headers_get_content_type (response->headers, NULL),
                 "application/json") == 0)
    {
      response->json = okc_json_parse_bytes (response->body, &error);
      g_assert_no_error (error);
    }
  g_clear_object (&call->msg);
  return response;
}

/* Sends @n POSTs of @json to @path, all at once on connections of their own, and
 * returns their answers in the order sent. */
static GPtrArray *
post_all (const char *path,
          const char *token,
          const char *key,
          const char *json,
          guint       n)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns-per-host", n, NULL);
  g_autofree Call *calls = g_new0 (Call, n);
  GPtrArray *responses = g_ptr_array_new_with_free_func ((GDestroyNotify) okc_test_response_free);
  guint pending = n;

  for (guint i = 0; i < n; i++)
    {
      calls[i].msg = new_post (path, token, key, json);
      soup_session_send_and_read_async (session, calls[i].msg, G_PRIORITY_DEFAULT, NULL,
                                        send_cb, &calls[i]);
    }
  while (pending > 0)
    {
      g_main_context_iteration (NULL, TRUE);
      pending = 0;
      for (guint i = 0; i < n; i++)
        pending += calls[i].body == NULL && calls[i].error == NULL;
    }
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (responses, to_response (&calls[i]));
  return responses;
}

static OkcTestResponse *
post_with_key (const char *path,
               const char *token,
               const char *key,
               const char *json)
{
  g_autoptr(GPtrArray) responses = post_all (path, token, key, json, 1);

  return g_ptr_array_steal_index (responses, 0);
}

static gboolean
is_replayed (OkcTestResponse *response)
{
  const char *value = soup_message_headers_get_one (response->headers, REPLAYED_HEADER);

  g_assert_true (value == NULL || strcmp (value, "true") == 0);
  return value != NULL;
}

static void
assert_status (OkcTestResponse *response,
               guint            status)
{
  if (response->status != status)
    g_test_message ("unexpected answer: %.*s", (int) g_bytes_get_size (response->body),
                    (const char *) g_bytes_get_data (response->body, NULL));
  g_assert_cmpuint (response->status, ==, status);
}

static void
assert_same_answer (OkcTestResponse *first,
                    OkcTestResponse *again)
{
  g_assert_cmpuint (again->status, ==, first->status);
  g_assert_true (g_bytes_equal (again->body, first->body));
  g_assert_cmpstr (soup_message_headers_get_one (again->headers, "Content-Type"), ==,
                   soup_message_headers_get_one (first->headers, "Content-Type"));
}

/* One key, sixteen times at once: one refund, sixteen identical answers, the first
 * executed and every other one replayed. */
static void
test_concurrent_repeats (void)
{
  const char *session_id = take_session ();
  g_autofree char *key = new_key ();
  g_autofree char *body = refund_body (session_id, 120);
  g_autoptr(GPtrArray) responses = post_all ("/v1/refunds", agent, key, body, N_CONCURRENT);
  OkcTestResponse *first = g_ptr_array_index (responses, 0);
  guint n_replayed = 0;

  /* Whichever the server took first executed; the answers are the same either way. */
  assert_status (first, 201);
  for (guint i = 0; i < responses->len; i++)
    {
      OkcTestResponse *response = g_ptr_array_index (responses, i);

      assert_status (response, 201);
      assert_same_answer (first, response);
      n_replayed += is_replayed (response);
    }
  g_assert_cmpuint (n_replayed, ==, N_CONCURRENT - 1);
  g_assert_cmpint (count_refunds (session_id), ==, 1);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM audit_log WHERE action = 'refund.create' "
                               "AND json_extract (after, '$.session_id') = ?", session_id), ==, 1);
}

/* The same key with another body is refused, and the other body is not executed. */
static void
test_key_reused (void)
{
  const char *session_id = take_session ();
  const char *other_session_id = take_session ();
  g_autofree char *key = new_key ();
  g_autofree char *body = refund_body (session_id, 150);
  g_autofree char *other_amount = refund_body (session_id, 151);
  g_autofree char *other_session = refund_body (other_session_id, 150);
  g_autoptr(OkcTestResponse) first = post_with_key ("/v1/refunds", agent, key, body);
  g_autoptr(OkcTestResponse) reused = post_with_key ("/v1/refunds", agent, key, other_amount);
  g_autoptr(OkcTestResponse) elsewhere = post_with_key ("/v1/refunds", agent, key, other_session);

  assert_status (first, 201);
  okc_test_assert_error (reused, 409, "idempotency_key_reused", KEY_HEADER);
  okc_test_assert_error (elsewhere, 409, "idempotency_key_reused", KEY_HEADER);
  g_assert_false (is_replayed (reused));
  g_assert_cmpint (count_refunds (session_id), ==, 1);
  g_assert_cmpint (count_refunds (other_session_id), ==, 0);
}

/* A key is scoped to its user: another user's request with it executes on its own. */
static void
test_key_per_user (void)
{
  const char *session_id = take_session ();
  g_autofree char *key = new_key ();
  g_autofree char *body = refund_body (session_id, 130);
  g_autoptr(OkcTestResponse) by_agent = post_with_key ("/v1/refunds", agent, key, body);
  g_autoptr(OkcTestResponse) by_supervisor = post_with_key ("/v1/refunds", supervisor, key, body);
  g_autoptr(OkcTestResponse) agent_again = post_with_key ("/v1/refunds", agent, key, body);

  assert_status (by_agent, 201);
  assert_status (by_supervisor, 201);
  g_assert_false (is_replayed (by_supervisor));
  g_assert_cmpstr (json_object_get_string_member (okc_test_response_object (by_agent), "id"),
                   !=,
                   json_object_get_string_member (okc_test_response_object (by_supervisor),
                                                  "id"));
  g_assert_true (is_replayed (agent_again));
  assert_same_answer (by_agent, agent_again);
  g_assert_cmpint (count_refunds (session_id), ==, 2);
}

/* A refusal is stored like a success: the same request gets the same 422, and the key
 * cannot be used for a corrected request. */
static void
test_refusal_replayed (void)
{
  const char *session_id = take_session ();
  g_autofree char *key = new_key ();
  g_autofree char *refused_body = refund_body (session_id, 0);
  g_autofree char *corrected_body = refund_body (session_id, 100);
  g_autoptr(OkcTestResponse) refused = post_with_key ("/v1/refunds", agent, key, refused_body);
  g_autoptr(OkcTestResponse) again = post_with_key ("/v1/refunds", agent, key, refused_body);
  g_autoptr(OkcTestResponse) corrected =
    post_with_key ("/v1/refunds", agent, key, corrected_body);

  assert_status (refused, 422);
  g_assert_false (is_replayed (refused));
  g_assert_true (is_replayed (again));
  assert_same_answer (refused, again);
  okc_test_assert_error (corrected, 409, "idempotency_key_reused", KEY_HEADER);
  g_assert_cmpint (count_refunds (session_id), ==, 0);
}

/* Member order and white space do not make another request. */
static void
test_canonical_body (void)
{
  const char *session_id = take_session ();
  g_autofree char *key = new_key ();
  g_autofree char *body = refund_body (session_id, 140);
  g_autofree char *reordered = g_strdup_printf (
    "{ \"note\" : \"the idle fee ran while the car still charged\",\n\t\"reason\":\"mischarge\","
    "\"amount\":{\"currency\":\"USD\",   \"amount\":140},\"session_id\":\"%s\" }",
    session_id);
  g_autoptr(OkcTestResponse) first = post_with_key ("/v1/refunds", agent, key, body);
  g_autoptr(OkcTestResponse) again = post_with_key ("/v1/refunds", agent, key, reordered);

  assert_status (first, 201);
  g_assert_true (is_replayed (again));
  assert_same_answer (first, again);
  g_assert_cmpint (count_refunds (session_id), ==, 1);
}

/* The stored answer is in the database: a backend killed and started again replays it. */
static void
test_survives_restart (void)
{
  const char *session_id = take_session ();
  g_autofree char *key = new_key ();
  g_autofree char *body = refund_body (session_id, 110);
  g_autoptr(OkcTestResponse) first = post_with_key ("/v1/refunds", agent, key, body);
  g_autoptr(OkcTestResponse) again = NULL;

  assert_status (first, 201);
  okc_test_backend_kill (backend);
  okc_test_backend_restart (backend);
  again = post_with_key ("/v1/refunds", agent, key, body);
  g_assert_true (is_replayed (again));
  assert_same_answer (first, again);
  g_assert_cmpint (count_refunds (session_id), ==, 1);
}

/* Without a key every request executes, as before. */
static void
test_without_key (void)
{
  const char *session_id = take_session ();
  g_autofree char *body = refund_body (session_id, 105);
  g_autoptr(OkcTestResponse) first = post_with_key ("/v1/refunds", agent, NULL, body);
  g_autoptr(OkcTestResponse) second = post_with_key ("/v1/refunds", agent, NULL, body);

  assert_status (first, 201);
  assert_status (second, 201);
  g_assert_false (is_replayed (second));
  g_assert_cmpint (count_refunds (session_id), ==, 2);
}

static void
test_malformed_keys (void)
{
  const char *session_id = take_session ();
  g_autofree char *body = refund_body (session_id, 100);
  g_autofree char *too_long = g_strnfill (101, 'k');
  g_autofree char *longest = g_strnfill (100, 'k');
  const char * const malformed[] = { "", too_long, "cl\xc3\xa9", "tab\there" };
  g_autoptr(OkcTestResponse) accepted = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(OkcTestResponse) response =
        post_with_key ("/v1/refunds", agent, malformed[i], body);

      g_test_message ("key “%s”", malformed[i]);
      okc_test_assert_error (response, 400, "invalid_parameter", KEY_HEADER);
    }
  g_assert_cmpint (count_refunds (session_id), ==, 0);

  accepted = post_with_key ("/v1/refunds", agent, longest, body);
  assert_status (accepted, 201);
  g_assert_cmpint (count_refunds (session_id), ==, 1);
}

/* A healthy charger, for a command that goes through. */
static char *
take_healthy_charger (void)
{
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = NULL;
  char *id;

  g_assert_cmpint (sqlite3_prepare_v2 (
                     db,
                     "SELECT c.id FROM chargers c WHERE c.status = 'online' "
                     "AND c.sim_cause = 'none' ORDER BY c.id",
                     -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return id;
}

/* A charger command is an action too: repeated with its key, it is sent once. */
static void
test_command_once (void)
{
  g_autofree char *charger_id = take_healthy_charger ();
  g_autofree char *path = g_strdup_printf ("/v1/chargers/%s/commands", charger_id);
  g_autofree char *key = new_key ();
  gint64 before = count_rows ("SELECT count(*) FROM charger_commands WHERE charger_id = ?",
                              charger_id);
  g_autoptr(GPtrArray) responses =
    post_all (path, agent, key, "{\"kind\": \"soft_reset\"}", 4);
  OkcTestResponse *first = g_ptr_array_index (responses, 0);
  guint n_replayed = 0;

  /* The server takes them in any order: which one executed is not known, only how many. */
  assert_status (first, 202);
  for (guint i = 0; i < responses->len; i++)
    {
      assert_same_answer (first, g_ptr_array_index (responses, i));
      n_replayed += is_replayed (g_ptr_array_index (responses, i));
    }
  g_assert_cmpuint (n_replayed, ==, responses->len - 1);
  g_assert_cmpint (count_rows ("SELECT count(*) FROM charger_commands WHERE charger_id = ?",
                               charger_id), ==, before + 1);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  backend = okc_test_backend_start (NULL);
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  supervisor = okc_test_sign_in (url (), OKC_TEST_SUPERVISOR_EMAIL, "demo-supervisor");
  learn_sessions ();

  g_test_add_func ("/Backend/Idempotency/concurrent-repeats", test_concurrent_repeats);
  g_test_add_func ("/Backend/Idempotency/key-reused", test_key_reused);
  g_test_add_func ("/Backend/Idempotency/key-per-user", test_key_per_user);
  g_test_add_func ("/Backend/Idempotency/refusal-replayed", test_refusal_replayed);
  g_test_add_func ("/Backend/Idempotency/canonical-body", test_canonical_body);
  g_test_add_func ("/Backend/Idempotency/survives-restart", test_survives_restart);
  g_test_add_func ("/Backend/Idempotency/without-key", test_without_key);
  g_test_add_func ("/Backend/Idempotency/malformed-keys", test_malformed_keys);
  g_test_add_func ("/Backend/Idempotency/command-once", test_command_once);
  status = g_test_run ();

  okc_test_backend_stop (backend);
  g_clear_pointer (&session_ids, g_ptr_array_unref);
  g_free (agent);
  g_free (supervisor);
  return status;
}
