/* test-backend-idempotency-layer.c — the Idempotency-Key layer around a handler that
 * writes and may fail: a 5xx rolls back the handler's writes and its events and stores
 * nothing, so the key may be retried; a success is stored once and replayed
 *
 * The server is the real OkcBackendServer on loopback, in this process, with one route
 * of the test's own, so that a failure after the handler's writes can be provoked.
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-backend-auth.h"
#include "okc-backend-crypto.h"
#include "okc-backend-events.h"
#include "okc-backend-idempotency.h"
#include "okc-backend-server.h"
#include "okc-backend-test-run.h"
#include "okc-backend-users.h"

#define ACTION_PATH "/v1/test/action"

typedef struct
{
  char *dir;
  OkcBackendDb *db;
  OkcBackendServer *server;
  char *url;
  char *authorization;
  SoupSession *session;
} Fixture;

/* How often the action ran, and whether its next run fails after writing. */
static guint n_runs;
static gboolean fail_next_run;

static void
action_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = json_node_init_int (json_node_alloc (), ++n_runs);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) answer = NULL;

  /* The handler's own transaction, as the real ones have: a savepoint inside the layer's. */
  if (!okc_backend_db_begin (request->db, &error) ||
      !okc_backend_events_record (request->db, "test.action", NULL, data, request->now,
                                  &error) ||
      !okc_backend_db_commit (request->db, &error))
    {
      okc_backend_db_rollback (request->db);
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  if (fail_next_run)
    {
      fail_next_run = FALSE;
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "the test's action failed after its writes");
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "run");
  json_builder_add_int_value (builder, n_runs);
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  okc_backend_reply_json (request->msg, SOUP_STATUS_CREATED, answer);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcUser) user = okc_user_new ("USR-0001", "Alex Rivera", "alex@ok2charge.example",
                                          OKC_ROLE_AGENT);
  g_autoptr(OkcUser) me = NULL;
  g_autofree char *hash = okc_backend_password_hash ("pw", &error);
  g_autofree char *token = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  gint64 expires_at;

  fixture->dir = okc_test_make_dir ();
  path = g_build_filename (fixture->dir, "layer.sqlite", NULL);
  fixture->db = okc_backend_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (okc_backend_users_insert (fixture->db, user, hash, &error));
  me = okc_backend_auth_sign_in (fixture->db, "alex@ok2charge.example", "pw",
                                 g_get_real_time () / G_USEC_PER_SEC, &token, &expires_at,
                                 &error);
  g_assert_no_error (error);
  fixture->authorization = g_strconcat ("Bearer ", token, NULL);

  fixture->server = okc_backend_server_new (fixture->db);
  okc_backend_server_add_route (fixture->server, SOUP_METHOD_POST, ACTION_PATH,
                                OKC_BACKEND_ACCESS_STAFF,
                                OKC_BACKEND_ROUTE_JSON_BODY | OKC_BACKEND_ROUTE_IDEMPOTENT,
                                action_cb);
  g_assert_true (okc_backend_server_listen (fixture->server, address, &error));
  g_assert_no_error (error);
  fixture->url = okc_backend_server_get_url (fixture->server);
  fixture->session = soup_session_new ();
  n_runs = 0;
  fail_next_run = FALSE;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->db);
  okc_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->url);
  g_free (fixture->authorization);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GBytes **body = user_data;
  g_autoptr(GError) error = NULL;

  *body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

/* POSTs {"a": 1} with @key; returns the status, the body in @out_body and whether the
 * answer was replayed. */
static guint
post_action (Fixture     *fixture,
             const char  *key,
             char       **out_body,
             gboolean    *out_replayed)
{
  g_autofree char *target = g_strconcat (fixture->url, ACTION_PATH, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", target);
  g_autoptr(GBytes) request_body = g_bytes_new_static ("{\"a\": 1}", strlen ("{\"a\": 1}"));
  g_autoptr(GBytes) body = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Authorization", fixture->authorization);
  soup_message_headers_replace (headers, "Idempotency-Key", key);
  soup_message_set_request_body_from_bytes (msg, "application/json", request_body);
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, send_cb,
                                    &body);
  while (body == NULL)
    g_main_context_iteration (NULL, TRUE);

  *out_body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  *out_replayed = g_strcmp0 (soup_message_headers_get_one (
                               soup_message_get_response_headers (msg), "Idempotent-Replayed"),
                             "true") == 0;
  return soup_message_get_status (msg);
}

static void
test_failure_rolls_back (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *failed = NULL;
  g_autofree char *executed = NULL;
  g_autofree char *replayed = NULL;
  gboolean was_replayed;

  fail_next_run = TRUE;
  g_assert_cmpuint (post_action (fixture, "key-1", &failed, &was_replayed), ==, 500);
  g_assert_false (was_replayed);
  /* The handler's event, committed to its savepoint, went with the layer's rollback:
   * nothing was announced, and nothing was stored for the key. */
  g_assert_cmpint (okc_backend_db_count (fixture->db, "events"), ==, 0);
  g_assert_cmpint (okc_backend_db_count (fixture->db, "idempotency_keys"), ==, 0);

  g_assert_cmpuint (post_action (fixture, "key-1", &executed, &was_replayed), ==, 201);
  g_assert_false (was_replayed);
  g_assert_cmpstr (executed, ==, "{\"run\":2}");
  g_assert_cmpint (okc_backend_db_count (fixture->db, "events"), ==, 1);
  g_assert_cmpint (okc_backend_db_count (fixture->db, "idempotency_keys"), ==, 1);

  g_assert_cmpuint (post_action (fixture, "key-1", &replayed, &was_replayed), ==, 201);
  g_assert_true (was_replayed);
  g_assert_cmpstr (replayed, ==, executed);
  g_assert_cmpuint (n_runs, ==, 2);
  g_assert_cmpint (okc_backend_db_count (fixture->db, "events"), ==, 1);
}

/* Keys past their age are forgotten by the purge, and not replayed before it runs. */
static void
test_purge (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_replayed;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpuint (post_action (fixture, "key-old", &first, &was_replayed), ==, 201);
  g_assert_true (okc_backend_db_exec (fixture->db,
                                      "UPDATE idempotency_keys SET created_at = created_at - "
                                      G_STRINGIFY (OKC_BACKEND_IDEMPOTENCY_MAX_AGE) " - 1",
                                      &error));
  g_assert_cmpuint (post_action (fixture, "key-old", &again, &was_replayed), ==, 201);
  g_assert_false (was_replayed);
  g_assert_cmpuint (n_runs, ==, 2);

  g_assert_true (okc_backend_idempotency_purge (fixture->db, now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (okc_backend_db_count (fixture->db, "idempotency_keys"), ==, 1);
  g_assert_true (okc_backend_idempotency_purge (fixture->db,
                                                now + OKC_BACKEND_IDEMPOTENCY_MAX_AGE + 60,
                                                &error));
  g_assert_cmpint (okc_backend_db_count (fixture->db, "idempotency_keys"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/Backend/IdempotencyLayer/failure-rolls-back", Fixture, NULL, fixture_set_up,
              test_failure_rolls_back, fixture_tear_down);
  g_test_add ("/Backend/IdempotencyLayer/purge", Fixture, NULL, fixture_set_up, test_purge,
              fixture_tear_down);
  return g_test_run ();
}
