/* okc-backend-idempotency.c — Idempotency-Key: an action executes once, its answer replays
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request with a key runs its handler inside one transaction with the storing of its
 * answer, so that a crash leaves either both or neither; a later request with the same
 * key gets that answer back without running again. The server answers one request at a
 * time, so two requests with one key never run side by side.
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-idempotency.h"

#include <string.h>

#include "okc-backend-crypto.h"

#define KEY_HEADER "Idempotency-Key"
#define REPLAYED_HEADER "Idempotent-Replayed"

static void append_canonical (GString  *out,
                              JsonNode *node);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (a, b);
}

/* A scalar (or a member name, as a string node) as the generator writes it. */
static void
append_scalar (GString  *out,
               JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  g_string_append (out, text);
}

static void
append_object (GString    *out,
               JsonObject *object)
{
  GList *names = g_list_sort (json_object_get_members (object), compare_names);

  g_string_append_c (out, '{');
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autoptr(JsonNode) name = json_node_init_string (json_node_alloc (), l->data);

      if (l != names)
        g_string_append_c (out, ',');
      append_scalar (out, name);
      g_string_append_c (out, ':');
      append_canonical (out, json_object_get_member (object, l->data));
    }
  g_string_append_c (out, '}');
  g_list_free (names);
}

static void
append_canonical (GString  *out,
                  JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      append_object (out, json_node_get_object (node));
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_canonical (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      append_scalar (out, node);
      break;
    }
}

/**
 * okc_backend_idempotency_canonical_json:
 * @node: (nullable): a JSON document
 *
 * Returns: (transfer full): @node as compact JSON with the members of every object
 *   sorted by name (byte order), so that two bodies that differ only in member order
 *   or white space read the same; "" for %NULL.
 */
char *
okc_backend_idempotency_canonical_json (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  if (node != NULL)
    append_canonical (out, node);
  return g_string_free (out, FALSE);
}

/**
 * okc_backend_idempotency_request_hash:
 * @body: (nullable): the request's JSON body
 *
 * Returns: (transfer full): the SHA-256, in hex, of the method, the path and the
 *   body's canonical JSON, each on a line of its own.
 */
char *
okc_backend_idempotency_request_hash (const char *method,
                                      const char *path,
                                      JsonNode   *body)
{
  g_autofree char *canonical = okc_backend_idempotency_canonical_json (body);
  g_autofree char *text = g_strconcat (method, "\n", path, "\n", canonical, NULL);

  return okc_backend_sha256_hex ((const guint8 *) text, strlen (text));
}

static gboolean
key_is_valid (const char *key)
{
  gsize length = strlen (key);

  if (length == 0 || length > OKC_BACKEND_IDEMPOTENCY_KEY_MAX)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isprint (key[i]))
      return FALSE;
  return TRUE;
}

typedef struct
{
  char *request_hash;
  guint status;
  char *content_type;
  GBytes *response;
} StoredAnswer;

static void
stored_answer_free (StoredAnswer *answer)
{
  g_free (answer->request_hash);
  g_free (answer->content_type);
  g_clear_pointer (&answer->response, g_bytes_unref);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoredAnswer, stored_answer_free)

/* The answer kept for (@actor_id, @key), if it is younger than the maximum age: an
 * older one is as good as purged, and is replaced when the key executes again. */
static StoredAnswer *
load_answer (OkcBackendDb  *db,
             const char    *actor_id,
             const char    *key,
             gint64         now,
             GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT request_hash, status, content_type, response FROM idempotency_keys "
    "WHERE actor_id = ? AND key = ? AND created_at >= ?",
    error);
  StoredAnswer *answer;
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, actor_id);
  okc_backend_stmt_bind_text (stmt, 2, key);
  okc_backend_stmt_bind_int64 (stmt, 3, now - OKC_BACKEND_IDEMPOTENCY_MAX_AGE);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  answer = g_new0 (StoredAnswer, 1);
  answer->request_hash = g_strdup (okc_backend_stmt_get_text (stmt, 0));
  answer->status = (guint) sqlite3_column_int (stmt, 1);
  answer->content_type = g_strdup (okc_backend_stmt_get_text (stmt, 2));
  answer->response = g_bytes_new (sqlite3_column_blob (stmt, 3),
                                  (gsize) sqlite3_column_bytes (stmt, 3));
  return answer;
}

static gboolean
store_answer (OkcBackendRequest  *request,
              const char         *key,
              const char         *request_hash,
              GError            **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    request->db,
    "INSERT OR REPLACE INTO idempotency_keys "
    "(actor_id, key, request_hash, status, content_type, response, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
    error);
  g_autoptr(GBytes) response = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);
  gsize size;
  gconstpointer data;

  if (stmt == NULL)
    return FALSE;
  response = soup_message_body_flatten (soup_server_message_get_response_body (request->msg));
  data = g_bytes_get_data (response, &size);
  okc_backend_stmt_bind_text (stmt, 1, okc_user_get_id (request->user));
  okc_backend_stmt_bind_text (stmt, 2, key);
  okc_backend_stmt_bind_text (stmt, 3, request_hash);
  okc_backend_stmt_bind_int64 (stmt, 4, soup_server_message_get_status (request->msg));
  okc_backend_stmt_bind_text (stmt, 5, soup_message_headers_get_one (headers, "Content-Type"));
  /* A zero-length blob, not NULL, for an empty body (the column is NOT NULL). */
  sqlite3_bind_blob (stmt, 6, size > 0 ? data : "", (int) size, SQLITE_TRANSIENT);
  okc_backend_stmt_bind_int64 (stmt, 7, request->now);
  return okc_backend_db_step_done (request->db, stmt, error);
}

static void
replay (SoupServerMessage *msg,
        StoredAnswer      *answer)
{
  gsize size;
  gconstpointer data = g_bytes_get_data (answer->response, &size);

  soup_server_message_set_status (msg, answer->status, NULL);
  soup_server_message_set_response (msg, answer->content_type, SOUP_MEMORY_COPY, data, size);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), REPLAYED_HEADER,
                                "true");
}

/* A key seen before: the same request gets the stored answer, another one is refused. */
static void
answer_repeat (SoupServerMessage *msg,
               StoredAnswer      *stored,
               const char        *request_hash)
{
  if (strcmp (stored->request_hash, request_hash) == 0)
    replay (msg, stored);
  else
    okc_backend_reply_error (msg, SOUP_STATUS_CONFLICT, "idempotency_key_reused", KEY_HEADER,
                             "This " KEY_HEADER " was already used for a different request; "
                             "a new action needs a new key");
}

/* Runs @handler for a key not seen yet, inside the transaction the caller opened, and
 * closes it: the answer stored and committed with the handler's writes, or, for a 5xx,
 * everything rolled back (nothing was done, the key may be retried). On failure the
 * transaction is still open. */
static gboolean
execute (OkcBackendRequest  *request,
         const char         *key,
         const char         *request_hash,
         OkcBackendHandler   handler,
         GError            **error)
{
  guint status;

  handler (request);
  status = soup_server_message_get_status (request->msg);
  if (status == SOUP_STATUS_NONE)
    {
      /* An action's handler answers before it returns; one that did not would leave
       * nothing to store. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the action at %s gave no answer",
                   g_uri_get_path (soup_server_message_get_uri (request->msg)));
      return FALSE;
    }
  if (status >= 500)
    {
      okc_backend_db_rollback (request->db);
      return TRUE;
    }
  return store_answer (request, key, request_hash, error) &&
         okc_backend_db_commit (request->db, error);
}

/**
 * okc_backend_idempotency_run:
 * @path: the request's path, as routed
 * @handler: the route's handler, which answers before it returns
 *
 * Runs @handler for a request of an idempotent route: at once without an
 * `Idempotency-Key`; else once per (user, key), its writes and its answer committed
 * together, and the stored answer replayed to a repeat of the same request.
 */
void
okc_backend_idempotency_run (OkcBackendRequest *request,
                             const char        *path,
                             OkcBackendHandler  handler)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StoredAnswer) stored = NULL;
  g_autofree char *request_hash = NULL;
  const char *key = soup_message_headers_get_one (
    soup_server_message_get_request_headers (request->msg), KEY_HEADER);

  g_return_if_fail (request->user != NULL);

  if (key == NULL)
    {
      handler (request);
      return;
    }
  if (!key_is_valid (key))
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter",
                               KEY_HEADER,
                               "The " KEY_HEADER " header must be 1 to %d printable ASCII "
                               "characters",
                               OKC_BACKEND_IDEMPOTENCY_KEY_MAX);
      return;
    }

  request_hash = okc_backend_idempotency_request_hash (
    soup_server_message_get_method (request->msg), path, request->body);
  if (!okc_backend_db_begin (request->db, &error))
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  stored = load_answer (request->db, okc_user_get_id (request->user), key, request->now, &error);
  if (stored != NULL)
    {
      okc_backend_db_rollback (request->db);
      answer_repeat (request->msg, stored, request_hash);
    }
  else if (error != NULL || !execute (request, key, request_hash, handler, &error))
    {
      okc_backend_db_rollback (request->db);
      okc_backend_reply_internal_error (request->msg, error);
    }
}

/**
 * okc_backend_idempotency_purge:
 * @now: the server's clock
 *
 * Forgets the answers older than %OKC_BACKEND_IDEMPOTENCY_MAX_AGE.
 */
gboolean
okc_backend_idempotency_purge (OkcBackendDb  *db,
                               gint64         now,
                               GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, "DELETE FROM idempotency_keys WHERE created_at < ?", error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_int64 (stmt, 1, now - OKC_BACKEND_IDEMPOTENCY_MAX_AGE);
  return okc_backend_db_step_done (db, stmt, error);
}
