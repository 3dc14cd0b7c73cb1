/* okc-client.c — every call goes through one path: send, read the body under a cap, map
 * the status to an error, decode the JSON strictly with core (in a worker thread)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "okc-client-private.h"

#define DEFAULT_TIMEOUT 15
#define READ_CHUNK_SIZE (64 * 1024)

struct _OkcClient
{
  GObject parent_instance;

  SoupSession *session;
  char *base_url;
  char *token;
  OkcUser *user;
  guint timeout;
  gsize max_body_size;
};

static void okc_client_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OkcClient, okc_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      okc_client_initable_iface_init))

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  PROP_USER,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a call expects from a successful answer. */
typedef enum
{
  EXPECT_JSON,
  EXPECT_NO_CONTENT,
  EXPECT_IMAGE,
} Expect;

/* Turns the parsed document into the call's result, or fails with an #OKC_DATA_ERROR.
 * Runs in a worker thread: it must only touch @root. @server_time is the answer's Date
 * header, or -1. */
typedef gpointer (*Decoder) (JsonNode  *root,
                             gint64     server_time,
                             GError   **error);

typedef struct
{
  SoupMessage *message;
  char *base_url;
  char *description; /* "GET /v1/tickets", for messages */
  Expect expect;
  Decoder decode;
  GDestroyNotify result_free;
  guint timeout;
  gsize max_body_size;
  GInputStream *stream;
  GByteArray *body;
  char *content_type;
  gint64 server_time;
  gboolean accept_conflict; /* a 412 with the current state is decoded, not an error */
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->message);
  g_free (request->base_url);
  g_free (request->description);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_free (request->content_type);
  g_free (request);
}

/* The snapshot a worker thread decodes: nothing in it is shared with the main thread. */
typedef struct
{
  GBytes *body;
  char *base_url;
  char *description;
  Decoder decode;
  GDestroyNotify result_free;
  gint64 server_time;
} DecodeJob;

static void
decode_job_free (DecodeJob *job)
{
  g_bytes_unref (job->body);
  g_free (job->base_url);
  g_free (job->description);
  g_free (job);
}

/* Errors ---------------------------------------------------------------------------- */

static void
set_transport_error (GError       **error,
                     Request       *request,
                     const GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    okc_client_error_set (error, OKC_CLIENT_ERROR_TIMED_OUT, 0, NULL, NULL,
                          ngettext ("The backend at %s did not answer within %u second",
                                    "The backend at %s did not answer within %u seconds",
                                    request->timeout),
                          request->base_url, request->timeout);
  else if (cause->domain == SOUP_SESSION_ERROR)
    okc_client_error_set (error, OKC_CLIENT_ERROR_BAD_RESPONSE, 0, NULL, NULL,
                          _("The backend at %s did not answer %s with valid HTTP: %s"),
                          request->base_url, request->description, cause->message);
  else
    okc_client_error_set (error, OKC_CLIENT_ERROR_OFFLINE, 0, NULL, NULL,
                          _("Cannot reach the backend at %s: %s"), request->base_url,
                          cause->message);
}

static gboolean
is_media_type (const char *content_type,
               const char *expected)
{
  return content_type != NULL && g_ascii_strcasecmp (content_type, expected) == 0;
}

/* The backend's {"error": {"code", "message", "field"}}, read leniently: an error page
 * from a proxy in between is still an error, just one without these details. */
static void
read_error_document (Request     *request,
                     char       **out_code,
                     char       **out_message,
                     char       **out_field)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *details;

  if (!is_media_type (request->content_type, "application/json") || request->body->len == 0)
    return;

  bytes = g_bytes_new (request->body->data, request->body->len);
  root = okc_json_parse_bytes (bytes, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "error") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "error")))
    return;
  details = json_object_get_object_member (object, "error");

#define READ_STRING(member, out)                                                           \
  G_STMT_START                                                                             \
  {                                                                                        \
    JsonNode *node = json_object_get_member (details, member);                             \
    if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&                                    \
        json_node_get_value_type (node) == G_TYPE_STRING)                                  \
      *(out) = g_strdup (json_node_get_string (node));                                     \
  }                                                                                        \
  G_STMT_END

  READ_STRING ("code", out_code);
  READ_STRING ("message", out_message);
  READ_STRING ("field", out_field);

#undef READ_STRING
}

static const char * const self_explaining_codes[] = {
  "verification_failed", "verification_locked", "verification_required", "account_deleted",
  "no_subscription", "refund_in_progress", "email_in_use", "account_has_properties",
  "session_in_progress", NULL,
};

static void
set_status_error (GError  **error,
                  Request  *request,
                  guint     status)
{
  g_autofree char *code = NULL, *message = NULL, *field = NULL;
  g_autofree char *prefix = NULL;
  OkcClientError error_code;

  read_error_document (request, &code, &message, &field);

  if (status == 400 || status == 413 || status == 422)
    {
      error_code = OKC_CLIENT_ERROR_INVALID_INPUT;
      prefix = g_strdup (_("The backend refused the request"));
    }
  else if (status == 401)
    {
      /* The backend's own words say it best ("The email or the password is wrong",
       * "The token was signed out; sign in again"). */
      error_code = OKC_CLIENT_ERROR_UNAUTHORIZED;
      if (message == NULL || *message == '\0')
        {
          g_free (message);
          message = g_strdup (_("Your sign-in is no longer valid; please sign in again"));
        }
    }
  else if (status == 403)
    {
      error_code = OKC_CLIENT_ERROR_FORBIDDEN;
      prefix = g_strdup (_("Your account is not allowed to do this"));
    }
  else if (status == 404)
    {
      error_code = OKC_CLIENT_ERROR_NOT_FOUND;
      prefix = g_strdup (_("Not found"));
    }
  else if (status == 409)
    {
      error_code = OKC_CLIENT_ERROR_CONFLICT;
      /* A command the charger cannot take is not a race: the backend's sentence says why. */
      if (g_strcmp0 (code, "command_unavailable") != 0 || message == NULL || *message == '\0')
        prefix = g_strdup (_("Someone else changed this first"));
    }
  else if (status == 412)
    {
      /* The backend's words say who changed it and what; without them, ours. */
      error_code = OKC_CLIENT_ERROR_VERSION_CONFLICT;
      if (message == NULL || *message == '\0')
        {
          g_free (message);
          message = g_strdup (_("Someone else changed this first"));
        }
    }
  else if (status == 429)
    {
      error_code = OKC_CLIENT_ERROR_TOO_MANY_ATTEMPTS;
      if (message == NULL || *message == '\0')
        prefix = g_strdup (_("The backend refuses more attempts for now; try again later"));
    }
  else if (status == 408)
    {
      error_code = OKC_CLIENT_ERROR_TIMED_OUT;
      prefix = g_strdup_printf (_("The backend at %s gave up waiting for the request"),
                                request->base_url);
    }
  else if (status >= 500 && status <= 599)
    {
      error_code = OKC_CLIENT_ERROR_SERVER;
      prefix = g_strdup_printf (_("The backend at %s failed (HTTP %u %s)"), request->base_url,
                                status, soup_status_get_phrase (status));
    }
  else
    {
      error_code = OKC_CLIENT_ERROR_BAD_RESPONSE;
      prefix = g_strdup_printf (_("The backend answered %s with an unexpected HTTP %u %s"),
                                request->description, status,
                                soup_status_get_phrase (status) != NULL
                                  ? soup_status_get_phrase (status) : "");
    }

  /* The account checks' and changes' refusals say exactly what happened and what to do
   * (docs/accounts.md): a prefix would only hide the sentence. */
  if (code != NULL && message != NULL && *message != '\0' &&
      g_strv_contains (self_explaining_codes, code))
    g_clear_pointer (&prefix, g_free);

  if (prefix == NULL)
    okc_client_error_set (error, error_code, status, code, field, "%s", message);
  else if (message != NULL && *message != '\0')
    okc_client_error_set (error, error_code, status, code, field, "%s: %s", prefix, message);
  else
    okc_client_error_set (error, error_code, status, code, field, "%s", prefix);
}

/* Completion -------------------------------------------------------------------------- */

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DecodeJob *job = task_data;
  g_autoptr(GError) data_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  gpointer result = NULL;

  root = okc_json_parse_bytes (job->body, &data_error);
  if (root != NULL)
    result = job->decode (root, job->server_time, &data_error);

  if (result == NULL)
    {
      GError *error = NULL;

      okc_client_error_set (&error, OKC_CLIENT_ERROR_BAD_RESPONSE, SOUP_STATUS_OK, NULL,
                            okc_data_error_get_field (data_error),
                            _("The backend at %s answered %s with something this console "
                              "does not understand: %s"),
                            job->base_url, job->description, data_error->message);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, result, job->result_free);
}

static void
decode_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer decoded;

  decoded = g_task_propagate_pointer (G_TASK (result), &error);
  if (decoded == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, decoded, request->result_free);
}

/* Decodes off the main thread: a page of 500 tickets is a megabyte of JSON. The worker's
 * task has no source object, so that if it is the last to let go of anything, it is not
 * the client (whose HTTP session belongs to the main thread). */
static void
decode_in_thread (GTask   *task,
                  Request *request)
{
  g_autoptr(GTask) worker = NULL;
  DecodeJob *job = g_new0 (DecodeJob, 1);

  job->body = g_byte_array_free_to_bytes (g_steal_pointer (&request->body));
  job->base_url = g_strdup (request->base_url);
  job->description = g_strdup (request->description);
  job->decode = request->decode;
  job->result_free = request->result_free;
  job->server_time = request->server_time;

  worker = g_task_new (NULL, g_task_get_cancellable (task), decode_cb, task);
  g_task_set_source_tag (worker, decode_in_thread);
  g_task_set_task_data (worker, job, (GDestroyNotify) decode_job_free);
  g_task_run_in_thread (worker, decode_thread);
}

static void
complete_request (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);
  gboolean conflict = status == SOUP_STATUS_PRECONDITION_FAILED && request->accept_conflict &&
                      is_media_type (request->content_type, "application/json");
  GError *error = NULL;

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) && !conflict)
    {
      set_status_error (&error, request, status);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  switch (request->expect)
    {
    case EXPECT_NO_CONTENT:
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;

    case EXPECT_IMAGE:
      if (request->content_type == NULL || !g_str_has_prefix (request->content_type, "image/"))
        {
          okc_client_error_set (&error, OKC_CLIENT_ERROR_BAD_RESPONSE, status, NULL, NULL,
                                _("The backend answered %s with %s instead of an image"),
                                request->description,
                                request->content_type ? request->content_type
                                                      : _("no content type"));
          g_task_return_error (task, error);
        }
      else
        {
          g_task_return_pointer (task,
                                 g_byte_array_free_to_bytes (g_steal_pointer (&request->body)),
                                 (GDestroyNotify) g_bytes_unref);
        }
      g_object_unref (task);
      return;

    case EXPECT_JSON:
    default:
      if (status != SOUP_STATUS_OK && status != SOUP_STATUS_CREATED &&
          status != SOUP_STATUS_ACCEPTED && !conflict)
        {
          okc_client_error_set (&error, OKC_CLIENT_ERROR_BAD_RESPONSE, status, NULL, NULL,
                                _("The backend answered %s with an unexpected HTTP %u %s"),
                                request->description, status, soup_status_get_phrase (status));
          g_task_return_error (task, error);
          g_object_unref (task);
        }
      else if (!is_media_type (request->content_type, "application/json"))
        {
          okc_client_error_set (&error, OKC_CLIENT_ERROR_BAD_RESPONSE, status, NULL, NULL,
                                _("The backend answered %s with %s instead of JSON"),
                                request->description,
                                request->content_type ? request->content_type
                                                      : _("no content type"));
          g_task_return_error (task, error);
          g_object_unref (task);
        }
      else
        {
          /* decode_cb takes over the reference. */
          decode_in_thread (task, request);
        }
      return;
    }
}

static void
set_too_large_error (GError  **error,
                     Request  *request)
{
  okc_client_error_set (error, OKC_CLIENT_ERROR_BAD_RESPONSE,
                        soup_message_get_status (request->message), NULL, NULL,
                        _("The backend's answer to %s is larger than %" G_GSIZE_FORMAT " bytes"),
                        request->description, request->max_body_size);
}

static gint64
parse_date (const char *header)
{
  g_autoptr(GDateTime) date = NULL;

  if (header != NULL)
    date = soup_date_time_new_from_http_string (header);
  return date != NULL ? g_date_time_to_unix (date) : -1;
}

static void read_next_chunk (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) read_error = NULL;
  GError *error = NULL;
  gsize size;
  gconstpointer data;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &read_error);
  if (chunk == NULL)
    {
      set_transport_error (&error, request, read_error);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  data = g_bytes_get_data (chunk, &size);
  if (size == 0)
    {
      g_clear_object (&request->stream);
      complete_request (task);
      return;
    }

  if (size > request->max_body_size - request->body->len)
    {
      set_too_large_error (&error, request);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  g_byte_array_append (request->body, data, (guint) size);
  read_next_chunk (task);
}

static void
read_next_chunk (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) send_error = NULL;
  SoupMessageHeaders *headers;
  GError *error = NULL;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &send_error);
  if (request->stream == NULL)
    {
      set_transport_error (&error, request, send_error);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_response_headers (request->message);
  request->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  request->server_time = parse_date (soup_message_headers_get_one (headers, "Date"));

  /* Refuse early what would only be refused after reading it. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) request->max_body_size)
    {
      set_too_large_error (&error, request);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  read_next_chunk (task);
}

/* okc_client_send_async:
 * @method: "GET", "POST"
 * @path: the escaped path under the base URL ("/v1/tickets/TCK-000001")
 * @query: (nullable): the escaped URL query, without "?"
 * @body: (nullable): a JSON body to send
 * @authenticated: whether to send the bearer token
 * @decode: (nullable): for %EXPECT_JSON, turns the document into the result
 *
 * The one path every call takes. The task completes with the decoded result (a pointer
 * freed with @result_free), %TRUE for %EXPECT_NO_CONTENT, or the body's #GBytes for
 * %EXPECT_IMAGE, and is tagged @source_tag so the public _finish functions can check it. */
static void
okc_client_send_full_async (OkcClient           *self,
                            const char          *method,
                            const char          *path,
                            const char          *query,
                            JsonNode            *body,
                            const char          *if_match,
                            const char          *idempotency_key,
                            gboolean             accept_conflict,
                            gboolean             authenticated,
                            Expect               expect,
                            Decoder              decode,
                            GDestroyNotify       result_free,
                            gpointer             source_tag,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;
  Request *request;
  GTask *task;

  g_assert (OKC_IS_CLIENT (self));
  g_assert (self->base_url != NULL);
  g_assert (expect != EXPECT_JSON || decode != NULL);

  if (query != NULL && *query != '\0')
    url = g_strconcat (self->base_url, path, "?", query, NULL);
  else
    url = g_strconcat (self->base_url, path, NULL);

  request = g_new0 (Request, 1);
  request->message = soup_message_new (method, url);
  g_assert (request->message != NULL);
  request->base_url = g_strdup (self->base_url);
  request->description = g_strdup_printf ("%s %s", method, path);
  request->expect = expect;
  request->decode = decode;
  request->result_free = result_free;
  request->timeout = self->timeout;
  request->max_body_size = self->max_body_size;
  request->body = g_byte_array_new ();
  request->server_time = -1;
  request->accept_conflict = accept_conflict;

  /* A redirect would carry the bearer token somewhere the user did not point us to. */
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept",
                                expect == EXPECT_IMAGE ? "image/*" : "application/json");
  if (authenticated && self->token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", self->token, NULL);
      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  if (if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", if_match);
  if (idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", idempotency_key);
  if (body != NULL)
    {
      g_autofree char *text = okc_json_to_string (body);
      gsize length = strlen (text);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), length);

      soup_message_set_request_body_from_bytes (request->message, "application/json", bytes);
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT, cancellable,
                           send_cb, task);
}

static void
okc_client_send_async (OkcClient           *self,
                       const char          *method,
                       const char          *path,
                       const char          *query,
                       JsonNode            *body,
                       gboolean             authenticated,
                       Expect               expect,
                       Decoder              decode,
                       GDestroyNotify       result_free,
                       gpointer             source_tag,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  okc_client_send_full_async (self, method, path, query, body, NULL, NULL, FALSE, authenticated,
                              expect, decode, result_free, source_tag, cancellable, callback,
                              user_data);
}

static gpointer
propagate_pointer (OkcClient     *self,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (OKC_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Decoders (worker thread) -------------------------------------------------------- */

static gpointer
decode_user (JsonNode  *root,
             gint64     server_time,
             GError   **error)
{
  return okc_user_new_from_json (root, NULL, error);
}

static gpointer
decode_ticket (JsonNode  *root,
               gint64     server_time,
               GError   **error)
{
  return okc_ticket_new_from_json (root, NULL, error);
}

static gpointer
decode_ticket_page (JsonNode  *root,
                    gint64     server_time,
                    GError   **error)
{
  return okc_ticket_page_new_from_json (root, server_time, error);
}

static gpointer
decode_users (JsonNode  *root,
              gint64     server_time,
              GError   **error)
{
  g_autoptr(GPtrArray) users = NULL;
  JsonObject *object;
  JsonArray *array = NULL;
  guint n;

  object = okc_json_node_get_object (root, NULL, error);
  if (object == NULL ||
      !okc_json_read_array (object, NULL, "users", OKC_JSON_REQUIRED, &array, error))
    return NULL;

  n = json_array_get_length (array);
  users = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = okc_json_path_index ("users", i);
      OkcUser *user = okc_user_new_from_json (json_array_get_element (array, i), path, error);

      if (user == NULL)
        return NULL;
      g_ptr_array_add (users, user);
    }
  return g_steal_pointer (&users);
}

typedef struct
{
  char *token;
  OkcUser *user;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_free (sign_in->token);
  g_clear_object (&sign_in->user);
  g_free (sign_in);
}

static gpointer
decode_sign_in (JsonNode  *root,
                gint64     server_time,
                GError   **error)
{
  SignIn *sign_in;
  JsonObject *object;
  const char *token = NULL;
  gint64 expires_at;
  OkcUser *user;

  object = okc_json_node_get_object (root, NULL, error);
  if (object == NULL ||
      !okc_json_read_string (object, NULL, "token", OKC_JSON_REQUIRED, &token, error) ||
      !okc_json_read_time (object, NULL, "expires_at", OKC_JSON_REQUIRED, &expires_at, error))
    return NULL;
  if (*token == '\0')
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "token", "is empty");
      return NULL;
    }
  user = okc_user_new_from_json (json_object_get_member (object, "user"), "user", error);
  if (user == NULL)
    return NULL;

  sign_in = g_new0 (SignIn, 1);
  sign_in->token = g_strdup (token);
  sign_in->user = user;
  return sign_in;
}

/* GObject ------------------------------------------------------------------------- */

static void
set_user (OkcClient *self,
          OkcUser   *user)
{
  if (g_set_object (&self->user, user))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

/* Accepts "http(s)://host[:port][/prefix]" and nothing else: no credentials, query or
 * fragment, which would end up in every request. */
static char *
normalize_base_url (const char  *base_url,
                    GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme, *host;
  gsize length;

  if (base_url != NULL)
    uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a URL; the backend's address looks like https://host:port"),
                   base_url != NULL ? base_url : "");
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if ((g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      host == NULL || *host == '\0' || g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not the address of a backend: it must be an http or https URL "
                     "with a host and nothing after the path"),
                   base_url);
      return NULL;
    }

  length = strlen (base_url);
  while (length > 0 && base_url[length - 1] == '/')
    length--;
  return g_strndup (base_url, length);
}

static gboolean
okc_client_initable_init (GInitable     *initable,
                          GCancellable  *cancellable,
                          GError       **error)
{
  OkcClient *self = OKC_CLIENT (initable);
  g_autofree char *normalized = normalize_base_url (self->base_url, error);

  if (normalized == NULL)
    {
      g_clear_pointer (&self->base_url, g_free);
      return FALSE;
    }

  g_free (self->base_url);
  self->base_url = g_steal_pointer (&normalized);
  return TRUE;
}

static void
okc_client_initable_iface_init (GInitableIface *iface)
{
  iface->init = okc_client_initable_init;
}

static void
okc_client_dispose (GObject *object)
{
  OkcClient *self = OKC_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (okc_client_parent_class)->dispose (object);
}

static void
okc_client_finalize (GObject *object)
{
  OkcClient *self = OKC_CLIENT (object);

  g_free (self->base_url);
  g_free (self->token);

  G_OBJECT_CLASS (okc_client_parent_class)->finalize (object);
}

static void
okc_client_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OkcClient *self = OKC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_USER:
      g_value_set_object (value, self->user);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_client_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  OkcClient *self = OKC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      self->base_url = g_value_dup_string (value);
      break;
    case PROP_TOKEN:
      okc_client_set_token (self, g_value_get_string (value));
      break;
    case PROP_TIMEOUT:
      okc_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_client_class_init (OkcClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = okc_client_dispose;
  object_class->finalize = okc_client_finalize;
  object_class->get_property = okc_client_get_property;
  object_class->set_property = okc_client_set_property;

  /**
   * OkcClient:base-url:
   *
   * The backend's address, "http(s)://host[:port][/prefix]"; paths start with /v1 under it.
   */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OkcClient:token:
   *
   * The bearer token sent with every call, set by okc_client_sign_in_async() or restored
   * from the keyring; %NULL when signed out.
   */
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OkcClient:user:
   *
   * Who is signed in, as the backend last said (sign-in or okc_client_get_me_async()).
   */
  properties[PROP_USER] = g_param_spec_object ("user", NULL, NULL, OKC_TYPE_USER,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OkcClient:timeout:
   *
   * Seconds to wait for the backend to connect or answer before giving up with
   * %OKC_CLIENT_ERROR_TIMED_OUT. A change applies to connections opened after it.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, G_MAXUINT, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_client_init (OkcClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->max_body_size = OKC_CLIENT_DEFAULT_MAX_BODY_SIZE;
  self->session = soup_session_new_with_options ("user-agent", "ok2charge-console/" PACKAGE_VERSION,
                                                 "timeout", self->timeout, NULL);
}

/* Public API ---------------------------------------------------------------------- */

/**
 * okc_client_new:
 * @base_url: the backend's address, "http(s)://host[:port][/prefix]"
 * @error: return location for a %G_IO_ERROR_INVALID_ARGUMENT if @base_url is not one
 *
 * Returns: (transfer full) (nullable): a client, signed out, or %NULL with an error.
 */
OkcClient *
okc_client_new (const char  *base_url,
                GError     **error)
{
  return g_initable_new (OKC_TYPE_CLIENT, NULL, error, "base-url", base_url, NULL);
}

/**
 * okc_client_check_base_url:
 * @base_url: (nullable): an address someone typed in
 * @error: set to why it cannot be the backend's address
 *
 * Checks an address the way okc_client_new() does, without making a client: the
 * preferences refuse a bad address before saving it.
 *
 * Returns: (transfer full) (nullable): the address without a trailing slash, or %NULL
 *   with @error set.
 */
char *
okc_client_check_base_url (const char  *base_url,
                           GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return normalize_base_url (base_url, error);
}

/**
 * okc_client_get_base_url:
 * @self: a client
 *
 * Returns: the backend's address, without a trailing slash.
 */
const char *
okc_client_get_base_url (OkcClient *self)
{
  g_return_val_if_fail (OKC_IS_CLIENT (self), NULL);
  return self->base_url;
}

/**
 * okc_client_get_token:
 * @self: a client
 *
 * Returns: (nullable): the bearer token, or %NULL when signed out.
 */
const char *
okc_client_get_token (OkcClient *self)
{
  g_return_val_if_fail (OKC_IS_CLIENT (self), NULL);
  return self->token;
}

/**
 * okc_client_set_token:
 * @self: a client
 * @token: (nullable): a bearer token, say from the keyring, or %NULL
 *
 * Uses @token from the next call on. Check it with okc_client_get_me_async().
 */
void
okc_client_set_token (OkcClient  *self,
                      const char *token)
{
  g_return_if_fail (OKC_IS_CLIENT (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;

  g_free (self->token);
  self->token = g_strdup (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

/**
 * okc_client_get_user:
 * @self: a client
 *
 * Returns: (transfer none) (nullable): who is signed in, or %NULL if unknown.
 */
OkcUser *
okc_client_get_user (OkcClient *self)
{
  g_return_val_if_fail (OKC_IS_CLIENT (self), NULL);
  return self->user;
}

/**
 * okc_client_get_timeout:
 * @self: a client
 *
 * Returns: seconds to wait for the backend (#OkcClient:timeout).
 */
guint
okc_client_get_timeout (OkcClient *self)
{
  g_return_val_if_fail (OKC_IS_CLIENT (self), 0);
  return self->timeout;
}

/**
 * okc_client_set_timeout:
 * @self: a client
 * @timeout: seconds, 1 or more
 *
 * Sets how long to wait for the backend to connect or answer.
 */
void
okc_client_set_timeout (OkcClient *self,
                        guint      timeout)
{
  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (timeout > 0);

  if (self->timeout == timeout)
    return;
  self->timeout = timeout;
  soup_session_set_timeout (self->session, timeout);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/* For tests: the cap on an answer's body, OKC_CLIENT_DEFAULT_MAX_BODY_SIZE otherwise. */
void
okc_client_set_max_body_size (OkcClient *self,
                              gsize      max_body_size)
{
  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (max_body_size > 0);

  self->max_body_size = max_body_size;
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  OkcClient *self = OKC_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  SignIn *sign_in;
  GError *error = NULL;

  sign_in = g_task_propagate_pointer (G_TASK (result), &error);
  if (sign_in == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  okc_client_set_token (self, sign_in->token);
  set_user (self, sign_in->user);
  g_task_return_pointer (task, g_object_ref (sign_in->user), g_object_unref);
  sign_in_free (sign_in);
}

/**
 * okc_client_sign_in_async:
 * @self: a client
 * @email: the account's email
 * @password: its password
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Signs in (POST /v1/auth/sign-in). On success the client keeps the token and the user
 * (#OkcClient:token, #OkcClient:user); a wrong email or password fails with
 * %OKC_CLIENT_ERROR_UNAUTHORIZED.
 */
void
okc_client_sign_in_async (OkcClient           *self,
                          const char          *email,
                          const char          *password,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "email", email);
  okc_json_builder_add_string (builder, "password", password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, okc_client_sign_in_async);
  okc_client_send_async (self, "POST", "/v1/auth/sign-in", NULL, body, FALSE, EXPECT_JSON,
                         decode_sign_in, (GDestroyNotify) sign_in_free, sign_in_cb,
                         cancellable, sign_in_cb, task);
}

/**
 * okc_client_sign_in_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the signed-in user, or %NULL with an error.
 */
OkcUser *
okc_client_sign_in_finish (OkcClient     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return propagate_pointer (self, result, okc_client_sign_in_async, error);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  OkcClient *self = OKC_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  okc_client_set_token (self, NULL);
  set_user (self, NULL);

  /* A token the backend no longer knows is as signed out as can be. */
  if (error == NULL || g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_UNAUTHORIZED))
    {
      g_clear_error (&error);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

/**
 * okc_client_sign_out_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Revokes the token on the backend (POST /v1/auth/sign-out) and forgets it and the user.
 * The client forgets them even when the backend cannot be told (the call then fails with
 * that error, say %OKC_CLIENT_ERROR_OFFLINE, and the token lapses on its own); a token the
 * backend already rejects counts as signed out. Only cancelling keeps the token.
 */
void
okc_client_sign_out_async (OkcClient           *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, okc_client_sign_out_async);
  okc_client_send_async (self, "POST", "/v1/auth/sign-out", NULL, NULL, TRUE,
                         EXPECT_NO_CONTENT, NULL, NULL, sign_out_cb, cancellable, sign_out_cb,
                         task);
}

/**
 * okc_client_sign_out_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE if the backend revoked the token (the client forgot it either way,
 *   unless the call was cancelled).
 */
gboolean
okc_client_sign_out_finish (OkcClient     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (OKC_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == okc_client_sign_out_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
get_me_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  OkcClient *self = OKC_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  OkcUser *user;
  GError *error = NULL;

  user = g_task_propagate_pointer (G_TASK (result), &error);
  if (user == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  set_user (self, user);
  g_task_return_pointer (task, user, g_object_unref);
}

/**
 * okc_client_get_me_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks who the token belongs to (GET /v1/me), which is how a token restored at start-up
 * is checked: %OKC_CLIENT_ERROR_UNAUTHORIZED means it expired. On success
 * #OkcClient:user is updated.
 */
void
okc_client_get_me_async (OkcClient           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, okc_client_get_me_async);
  okc_client_send_async (self, "GET", "/v1/me", NULL, NULL, TRUE, EXPECT_JSON, decode_user,
                         g_object_unref, get_me_cb, cancellable, get_me_cb, task);
}

/**
 * okc_client_get_me_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the signed-in user, or %NULL with an error.
 */
OkcUser *
okc_client_get_me_finish (OkcClient     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return propagate_pointer (self, result, okc_client_get_me_async, error);
}

/**
 * okc_client_list_tickets_async:
 * @self: a client
 * @query: the filters, order and page size
 * @cursor: (nullable): the next_cursor of the previous page, %NULL for the first page
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists one page of tickets (GET /v1/tickets). @query is copied into the request at once.
 */
void
okc_client_list_tickets_async (OkcClient            *self,
                               const OkcTicketQuery *query,
                               const char           *cursor,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autofree char *query_string = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  query_string = okc_ticket_query_to_string (query, cursor);
  okc_client_send_async (self, "GET", "/v1/tickets", query_string, NULL, TRUE, EXPECT_JSON,
                         decode_ticket_page, g_object_unref, okc_client_list_tickets_async,
                         cancellable, callback, user_data);
}

/**
 * okc_client_list_tickets_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with an error.
 */
OkcTicketPage *
okc_client_list_tickets_finish (OkcClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return propagate_pointer (self, result, okc_client_list_tickets_async, error);
}

static char *
build_path (const char *collection,
            const char *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  return g_strconcat (collection, "/", escaped, NULL);
}

/**
 * okc_client_get_ticket_async:
 * @self: a client
 * @id: a ticket id ("TCK-000123")
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches one ticket (GET /v1/tickets/{id}); no such ticket fails with
 * %OKC_CLIENT_ERROR_NOT_FOUND.
 */
void
okc_client_get_ticket_async (OkcClient           *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (id != NULL && *id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = build_path ("/v1/tickets", id);
  okc_client_send_async (self, "GET", path, NULL, NULL, TRUE, EXPECT_JSON, decode_ticket,
                         g_object_unref, okc_client_get_ticket_async, cancellable, callback,
                         user_data);
}

/**
 * okc_client_get_ticket_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the ticket, or %NULL with an error.
 */
OkcTicket *
okc_client_get_ticket_finish (OkcClient     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return propagate_pointer (self, result, okc_client_get_ticket_async, error);
}

/**
 * okc_client_get_attachment_async:
 * @self: a client
 * @id: an attachment id ("ATT-000044")
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Downloads an attachment's image (GET /v1/attachments/{id}). An answer that is not an
 * image type fails with %OKC_CLIENT_ERROR_BAD_RESPONSE.
 */
void
okc_client_get_attachment_async (OkcClient           *self,
                                 const char          *id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (id != NULL && *id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = build_path ("/v1/attachments", id);
  okc_client_send_async (self, "GET", path, NULL, NULL, TRUE, EXPECT_IMAGE, NULL, NULL,
                         okc_client_get_attachment_async, cancellable, callback, user_data);
}

/**
 * okc_client_get_attachment_finish:
 * @self: a client
 * @result: the result given to the callback
 * @out_content_type: (out) (optional) (transfer full): the image's media type ("image/png")
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the image's bytes, or %NULL with an error.
 */
GBytes *
okc_client_get_attachment_finish (OkcClient     *self,
                                  GAsyncResult  *result,
                                  char         **out_content_type,
                                  GError       **error)
{
  GBytes *bytes = propagate_pointer (self, result, okc_client_get_attachment_async, error);

  if (bytes != NULL && out_content_type != NULL)
    {
      Request *request = g_task_get_task_data (G_TASK (result));
      *out_content_type = g_strdup (request->content_type);
    }
  return bytes;
}

/**
 * okc_client_list_users_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the support team (GET /v1/users).
 */
void
okc_client_list_users_async (OkcClient           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  okc_client_send_async (self, "GET", "/v1/users", NULL, NULL, TRUE, EXPECT_JSON, decode_users,
                         (GDestroyNotify) g_ptr_array_unref, okc_client_list_users_async,
                         cancellable, callback, user_data);
}

/**
 * okc_client_list_users_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type OkcUser) (nullable): the users, or %NULL
 *   with an error.
 */
GPtrArray *
okc_client_list_users_finish (OkcClient     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return propagate_pointer (self, result, okc_client_list_users_async, error);
}

/* Presence ---------------------------------------------------------------------- */

static gpointer
decode_presence (JsonNode  *root,
                 gint64     server_time,
                 GError   **error)
{
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  static const char * const members[] = { "present", NULL };

  if (object == NULL || !okc_json_check_members (object, NULL, members, error))
    return NULL;
  if (!json_object_has_member (object, "present"))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, "present", "is required");
      return NULL;
    }
  return okc_presence_list_from_json (json_object_get_member (object, "present"), "present",
                                      error);
}

/**
 * okc_client_set_presence_async:
 * @self: a client
 * @ticket_id: the ticket the user has open
 * @activity: "viewing" or "replying"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Tells the backend the user is on @ticket_id (PUT /v1/tickets/{id}/presence). The
 * entry lapses 45 s after the last call: refresh it every 20 s or so while the ticket
 * stays open.
 */
void
okc_client_set_presence_async (OkcClient           *self,
                               const char          *ticket_id,
                               const char          *activity,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *ticket_path = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && *ticket_id != '\0');
  g_return_if_fail (activity != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "activity", activity);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  ticket_path = build_path ("/v1/tickets", ticket_id);
  path = g_strconcat (ticket_path, "/presence", NULL);
  okc_client_send_async (self, "PUT", path, NULL, body, TRUE, EXPECT_JSON, decode_presence,
                         (GDestroyNotify) g_ptr_array_unref, okc_client_set_presence_async,
                         cancellable, callback, user_data);
}

/**
 * okc_client_set_presence_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type OkcPresence) (nullable): who is on the ticket
 *   now, the user included, or %NULL with an error.
 */
GPtrArray *
okc_client_set_presence_finish (OkcClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return propagate_pointer (self, result, okc_client_set_presence_async, error);
}

/**
 * okc_client_clear_presence_async:
 * @self: a client
 * @ticket_id: the ticket the user left
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Tells the backend the user left @ticket_id (DELETE /v1/tickets/{id}/presence).
 */
void
okc_client_clear_presence_async (OkcClient           *self,
                                 const char          *ticket_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *ticket_path = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && *ticket_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ticket_path = build_path ("/v1/tickets", ticket_id);
  path = g_strconcat (ticket_path, "/presence", NULL);
  okc_client_send_async (self, "DELETE", path, NULL, NULL, TRUE, EXPECT_NO_CONTENT, NULL, NULL,
                         okc_client_clear_presence_async, cancellable, callback, user_data);
}

/**
 * okc_client_clear_presence_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE if the backend took the user off the ticket.
 */
gboolean
okc_client_clear_presence_finish (OkcClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (OKC_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == okc_client_clear_presence_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Ticket workflow ------------------------------------------------------------------- */

/* What a change answered: the new ticket and the recorded entry, or, for a 412, the
 * backend's words and the ticket as it is now. */
typedef struct
{
  OkcTicket *ticket;
  OkcTimelineEntry *entry;
  OkcTicket *current;
  char *conflict_message;
} ChangeResult;

static void
change_result_free (ChangeResult *result)
{
  g_clear_object (&result->ticket);
  g_clear_object (&result->entry);
  g_clear_object (&result->current);
  g_free (result->conflict_message);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChangeResult, change_result_free)

/* A 412 document: {"error": {"code": "version_conflict", "message"}, "ticket"}. Returns
 * FALSE without an error when @object is not one (a success has no "error"). */
static gboolean
decode_conflict (JsonObject    *object,
                 ChangeResult  *result,
                 GError       **error)
{
  JsonObject *details = NULL;
  const char *message = NULL;

  if (!json_object_has_member (object, "error"))
    return FALSE;
  if (!okc_json_read_object (object, NULL, "error", OKC_JSON_REQUIRED, &details, error) ||
      !okc_json_read_string (details, "error", "message", OKC_JSON_REQUIRED, &message, error))
    return TRUE;
  result->current = okc_ticket_new_from_json (json_object_get_member (object, "ticket"),
                                              "ticket", error);
  if (result->current != NULL)
    result->conflict_message = g_strdup (message);
  return TRUE;
}

typedef enum
{
  CHANGE_TICKET,      /* the answer is the ticket */
  CHANGE_ENTRY,       /* the answer is the entry */
  CHANGE_BOTH,        /* {"entry", "ticket"} */
} ChangeShape;

static gpointer
decode_change (JsonNode     *root,
               ChangeShape   shape,
               GError      **error)
{
  g_autoptr(ChangeResult) result = g_new0 (ChangeResult, 1);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  GError *local_error = NULL;

  if (object == NULL)
    return NULL;
  if (decode_conflict (object, result, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      return g_steal_pointer (&result);
    }

  switch (shape)
    {
    case CHANGE_TICKET:
      result->ticket = okc_ticket_new_from_json (root, NULL, error);
      if (result->ticket == NULL)
        return NULL;
      break;
    case CHANGE_ENTRY:
      result->entry = okc_timeline_entry_new_from_json (root, NULL, error);
      if (result->entry == NULL)
        return NULL;
      break;
    case CHANGE_BOTH:
    default:
      result->entry = okc_timeline_entry_new_from_json (json_object_get_member (object, "entry"),
                                                        "entry", error);
      if (result->entry == NULL)
        return NULL;
      result->ticket = okc_ticket_new_from_json (json_object_get_member (object, "ticket"),
                                                 "ticket", error);
      if (result->ticket == NULL)
        return NULL;
      break;
    }
  return g_steal_pointer (&result);
}

static gpointer
decode_changed_ticket (JsonNode  *root,
                       gint64     server_time,
                       GError   **error)
{
  return decode_change (root, CHANGE_TICKET, error);
}

static gpointer
decode_note (JsonNode  *root,
             gint64     server_time,
             GError   **error)
{
  return decode_change (root, CHANGE_ENTRY, error);
}

static gpointer
decode_reply (JsonNode  *root,
              gint64     server_time,
              GError   **error)
{
  return decode_change (root, CHANGE_BOTH, error);
}

static gpointer
decode_timeline (JsonNode  *root,
                 gint64     server_time,
                 GError   **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  JsonArray *array = NULL;
  guint n;

  if (object == NULL ||
      !okc_json_read_array (object, NULL, "entries", OKC_JSON_REQUIRED, &array, error))
    return NULL;
  n = json_array_get_length (array);
  entries = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = okc_json_path_index ("entries", i);
      OkcTimelineEntry *entry =
        okc_timeline_entry_new_from_json (json_array_get_element (array, i), path, error);

      if (entry == NULL)
        return NULL;
      g_ptr_array_add (entries, entry);
    }
  return g_steal_pointer (&entries);
}

/* Completes the public task: a conflict becomes %OKC_CLIENT_ERROR_VERSION_CONFLICT, and
 * the current ticket stays in the task for the _finish function to hand out. */
static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ChangeResult *change;
  GError *error = NULL;

  change = g_task_propagate_pointer (G_TASK (result), &error);
  if (change == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (change->conflict_message != NULL)
    {
      okc_client_error_set (&error, OKC_CLIENT_ERROR_VERSION_CONFLICT,
                            SOUP_STATUS_PRECONDITION_FAILED, "version_conflict", "If-Match", "%s",
                            change->conflict_message);
      g_task_set_task_data (task, g_steal_pointer (&change->current), g_object_unref);
      change_result_free (change);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, change, (GDestroyNotify) change_result_free);
}

static void
send_change (OkcClient           *self,
             const char          *ticket_id,
             const char          *suffix,
             gint64               expected_version,
             JsonNode            *body,
             Decoder              decode,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autofree char *base = build_path ("/v1/tickets", ticket_id);
  g_autofree char *path = g_strconcat (base, suffix, NULL);
  g_autofree char *if_match =
    expected_version > 0 ? g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", expected_version) : NULL;
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  okc_client_send_full_async (self, g_str_equal (suffix, "") ? "PATCH" : "POST", path, NULL, body,
                              if_match, NULL, TRUE, TRUE, EXPECT_JSON, decode,
                              (GDestroyNotify) change_result_free, send_change, cancellable,
                              change_cb, task);
}

static ChangeResult *
finish_change (OkcClient     *self,
               GAsyncResult  *result,
               gpointer       source_tag,
               OkcTicket    **out_current,
               GError       **error)
{
  GError *local_error = NULL;
  ChangeResult *change;

  if (out_current != NULL)
    *out_current = NULL;
  change = propagate_pointer (self, result, source_tag, &local_error);
  if (change == NULL)
    {
      OkcTicket *current = g_task_get_task_data (G_TASK (result));

      if (out_current != NULL && current != NULL &&
          g_error_matches (local_error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_VERSION_CONFLICT))
        *out_current = g_object_ref (current);
      g_propagate_error (error, local_error);
    }
  return change;
}

static JsonNode *
text_body (const char *text,
           int         then_status)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "text", text);
  if (then_status >= 0)
    okc_json_builder_add_string (builder, "status",
                                 okc_enum_to_nick (OKC_TYPE_TICKET_STATUS, then_status));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_client_update_ticket_async:
 * @self: a client
 * @ticket_id: the ticket
 * @expected_version: the version the change was made from (sent as If-Match)
 * @change: what to change; copied into the request at once
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Changes a ticket's status, priority or assignee (PATCH /v1/tickets/{id}). If someone
 * changed it since @expected_version, the call fails with
 * %OKC_CLIENT_ERROR_VERSION_CONFLICT and okc_client_update_ticket_finish() gives the
 * current ticket.
 */
void
okc_client_update_ticket_async (OkcClient             *self,
                                const char            *ticket_id,
                                gint64                 expected_version,
                                const OkcTicketChange *change,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && *ticket_id != '\0');
  g_return_if_fail (expected_version > 0);
  g_return_if_fail (change != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  body = okc_ticket_change_to_json (change);
  send_change (self, ticket_id, "", expected_version, body, decode_changed_ticket,
               okc_client_update_ticket_async, cancellable, callback, user_data);
}

/**
 * okc_client_update_ticket_finish:
 * @self: a client
 * @result: the result given to the callback
 * @out_current: (out) (optional) (nullable) (transfer full): on
 *   %OKC_CLIENT_ERROR_VERSION_CONFLICT, the ticket as it is now
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the changed ticket (its version one more), or
 *   %NULL with an error.
 */
OkcTicket *
okc_client_update_ticket_finish (OkcClient     *self,
                                 GAsyncResult  *result,
                                 OkcTicket    **out_current,
                                 GError       **error)
{
  g_autoptr(ChangeResult) change =
    finish_change (self, result, okc_client_update_ticket_async, out_current, error);

  return change != NULL ? g_steal_pointer (&change->ticket) : NULL;
}

/**
 * okc_client_get_timeline_async:
 * @self: a client
 * @ticket_id: the ticket
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads what happened to a ticket (GET /v1/tickets/{id}/timeline).
 */
void
okc_client_get_timeline_async (OkcClient           *self,
                               const char          *ticket_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *base = NULL, *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && *ticket_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  base = build_path ("/v1/tickets", ticket_id);
  path = g_strconcat (base, "/timeline", NULL);
  okc_client_send_async (self, "GET", path, NULL, NULL, TRUE, EXPECT_JSON, decode_timeline,
                         (GDestroyNotify) g_ptr_array_unref, okc_client_get_timeline_async,
                         cancellable, callback, user_data);
}

/**
 * okc_client_get_timeline_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type OkcTimelineEntry) (nullable): the entries,
 *   oldest first, or %NULL with an error.
 */
GPtrArray *
okc_client_get_timeline_finish (OkcClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return propagate_pointer (self, result, okc_client_get_timeline_async, error);
}

/**
 * okc_client_add_note_async:
 * @self: a client
 * @ticket_id: the ticket
 * @text: the note, for the team only: never sent to the customer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Adds an internal note (POST /v1/tickets/{id}/notes). A note does not depend on what the
 * agent saw, so it carries no version.
 */
void
okc_client_add_note_async (OkcClient           *self,
                           const char          *ticket_id,
                           const char          *text,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && *ticket_id != '\0');
  g_return_if_fail (text != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  body = text_body (text, -1);
  send_change (self, ticket_id, "/notes", 0, body, decode_note, okc_client_add_note_async,
               cancellable, callback, user_data);
}

/**
 * okc_client_add_note_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the note's timeline entry, or %NULL with an error.
 */
OkcTimelineEntry *
okc_client_add_note_finish (OkcClient     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_autoptr(ChangeResult) change =
    finish_change (self, result, okc_client_add_note_async, NULL, error);

  return change != NULL ? g_steal_pointer (&change->entry) : NULL;
}

/**
 * okc_client_send_reply_async:
 * @self: a client
 * @ticket_id: the ticket
 * @expected_version: the version the agent answered (sent as If-Match)
 * @text: the answer to the customer
 * @then_status: an #OkcTicketStatus to move the ticket to afterwards (typically
 *   waiting_customer or resolved), or -1 to leave it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Answers the customer (POST /v1/tickets/{id}/replies). If the ticket changed since
 * @expected_version, nothing is sent and the call fails with
 * %OKC_CLIENT_ERROR_VERSION_CONFLICT.
 */
void
okc_client_send_reply_async (OkcClient           *self,
                             const char          *ticket_id,
                             gint64               expected_version,
                             const char          *text,
                             int                  then_status,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && *ticket_id != '\0');
  g_return_if_fail (expected_version > 0);
  g_return_if_fail (text != NULL);
  g_return_if_fail (then_status >= -1 && then_status <= OKC_TICKET_STATUS_RESOLVED);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  body = text_body (text, then_status);
  send_change (self, ticket_id, "/replies", expected_version, body, decode_reply,
               okc_client_send_reply_async, cancellable, callback, user_data);
}

/**
 * okc_client_send_reply_finish:
 * @self: a client
 * @result: the result given to the callback
 * @out_ticket: (out) (optional) (transfer full): the ticket after the reply
 * @out_current: (out) (optional) (nullable) (transfer full): on
 *   %OKC_CLIENT_ERROR_VERSION_CONFLICT, the ticket as it is now
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the reply's timeline entry, or %NULL with an error.
 */
OkcTimelineEntry *
okc_client_send_reply_finish (OkcClient     *self,
                              GAsyncResult  *result,
                              OkcTicket    **out_ticket,
                              OkcTicket    **out_current,
                              GError       **error)
{
  g_autoptr(ChangeResult) change =
    finish_change (self, result, okc_client_send_reply_async, out_current, error);

  if (out_ticket != NULL)
    *out_ticket = change != NULL ? g_steal_pointer (&change->ticket) : NULL;
  return change != NULL ? g_steal_pointer (&change->entry) : NULL;
}

/* Private API for the calls of other files ----------------------------------------- */

/**
 * okc_client_call_json_async: (skip)
 * @method: "GET", "POST", …
 * @query: (nullable): the query string, already escaped
 * @body: (nullable): the JSON body to send
 *
 * Sends an authenticated @method of @path that answers with JSON; the task completes with
 * @decode's result, freed with @result_free, tagged @source_tag for
 * okc_client_propagate_pointer().
 */
void
okc_client_call_json_async (OkcClient           *self,
                            const char          *method,
                            const char          *path,
                            const char          *query,
                            JsonNode            *body,
                            OkcClientDecoder     decode,
                            GDestroyNotify       result_free,
                            gpointer             source_tag,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL && decode != NULL && source_tag != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  okc_client_send_async (self, method, path, query, body, TRUE, EXPECT_JSON, decode,
                         result_free, source_tag, cancellable, callback, user_data);
}

/**
 * okc_client_propagate_pointer: (skip)
 *
 * Returns: (transfer full) (nullable): the result of a call tagged @source_tag.
 */
gpointer
okc_client_propagate_pointer (OkcClient     *self,
                              GAsyncResult  *result,
                              gpointer       source_tag,
                              GError       **error)
{
  return propagate_pointer (self, result, source_tag, error);
}

static gpointer
decode_any_json (JsonNode  *root,
                 gint64     server_time,
                 GError   **error)
{
  return json_node_copy (root);
}

static void
idempotent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (G_TASK (result));
  OkcClientAnswer *answer;
  GError *error = NULL;
  JsonNode *root = g_task_propagate_pointer (G_TASK (result), &error);

  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  answer = g_new0 (OkcClientAnswer, 1);
  answer->status = soup_message_get_status (request->message);
  answer->root = root;
  g_task_return_pointer (task, answer, (GDestroyNotify) okc_client_answer_free);
}

/**
 * okc_client_call_idempotent_async: (skip)
 * @method: "POST", "PUT", …
 * @path: the escaped path
 * @body: (nullable): the JSON body to send
 * @idempotency_key: the action's key, sent as the Idempotency-Key header
 *
 * Sends an authenticated action that answers with JSON (docs/actions.md): sending it
 * again with the same key gets the first answer, not a second execution. Completes with
 * an #OkcClientAnswer (okc_client_call_idempotent_finish()), or an #OKC_CLIENT_ERROR whose
 * okc_client_error_get_http_status() tells the status of a refusal.
 */
void
okc_client_call_idempotent_async (OkcClient           *self,
                                  const char          *method,
                                  const char          *path,
                                  JsonNode            *body,
                                  const char          *idempotency_key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL && idempotency_key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, okc_client_call_idempotent_async);
  okc_client_send_full_async (self, method, path, NULL, body, NULL, idempotency_key, FALSE, TRUE,
                              EXPECT_JSON, decode_any_json, (GDestroyNotify) json_node_unref,
                              okc_client_call_idempotent_async, cancellable, idempotent_cb, task);
}

/**
 * okc_client_call_idempotent_finish: (skip)
 *
 * Returns: (transfer full) (nullable): the answer (2xx status and document), or %NULL
 *   with an error.
 */
OkcClientAnswer *
okc_client_call_idempotent_finish (OkcClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return propagate_pointer (self, result, okc_client_call_idempotent_async, error);
}

void
okc_client_answer_free (OkcClientAnswer *answer)
{
  if (answer == NULL)
    return;
  g_clear_pointer (&answer->root, json_node_unref);
  g_free (answer);
}
