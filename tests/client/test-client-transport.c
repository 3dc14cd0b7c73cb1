/* test-client-transport.c — what the client makes of a backend that is not there, does
 * not answer, or answers something other than the API: a plain socket on loopback that
 * answers with canned bytes (the API itself is tested against the real backend, in
 * test-client.c)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-client-private.h"
#include "okc-test-util.h"

/* A loopback socket that answers every request with the same bytes, or never. */
typedef struct
{
  GSocketService *service;
  guint16 port;
  char *url;
  GBytes *response; /* NULL: accept and never answer */
  GPtrArray *connections;
  GString *request; /* the last request's head, as received */
  guint n_requests;
} Responder;

typedef struct
{
  Responder *responder;
  GSocketConnection *connection;
  GString *head;
  char buffer[4096];
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_object_unref (exchange->connection);
  g_string_free (exchange->head, TRUE);
  g_free (exchange);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Exchange *exchange = user_data;

  /* The client may have hung up first (a body over its cap); that is its business. */
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (exchange->connection), NULL, NULL);
  exchange_free (exchange);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Exchange *exchange = user_data;
  Responder *responder = exchange->responder;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);
  if (n <= 0)
    {
      exchange_free (exchange);
      return;
    }

  g_string_append_len (exchange->head, exchange->buffer, n);
  if (strstr (exchange->head->str, "\r\n\r\n") == NULL)
    {
      g_input_stream_read_async (G_INPUT_STREAM (object), exchange->buffer,
                                 sizeof exchange->buffer, G_PRIORITY_DEFAULT, NULL, read_cb,
                                 exchange);
      return;
    }

  responder->n_requests++;
  g_string_assign (responder->request, exchange->head->str);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (
                                     exchange->connection)),
                                   g_bytes_get_data (responder->response, NULL),
                                   g_bytes_get_size (responder->response), G_PRIORITY_DEFAULT,
                                   NULL, written_cb, exchange);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             Responder         *responder)
{
  Exchange *exchange;

  if (responder->response == NULL)
    {
      /* Hold the connection open and say nothing. */
      g_ptr_array_add (responder->connections, g_object_ref (connection));
      return TRUE;
    }

  exchange = g_new0 (Exchange, 1);
  exchange->responder = responder;
  exchange->connection = g_object_ref (connection);
  exchange->head = g_string_new (NULL);
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                             exchange->buffer, sizeof exchange->buffer, G_PRIORITY_DEFAULT, NULL,
                             read_cb, exchange);
  return TRUE;
}

static Responder *
responder_new (const char *response,
               gssize      length)
{
  Responder *responder = g_new0 (Responder, 1);
  g_autoptr(GError) error = NULL;

  responder->service = g_socket_service_new ();
  responder->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (responder->service),
                                                         NULL, &error);
  g_assert_no_error (error);
  responder->url = g_strdup_printf ("http://127.0.0.1:%u", responder->port);
  if (response != NULL)
    responder->response = g_bytes_new (response, length < 0 ? strlen (response) : (gsize) length);
  responder->connections = g_ptr_array_new_with_free_func (g_object_unref);
  responder->request = g_string_new (NULL);
  g_signal_connect (responder->service, "incoming", G_CALLBACK (incoming_cb), responder);
  g_socket_service_start (responder->service);
  return responder;
}

static void
responder_free (Responder *responder)
{
  g_socket_service_stop (responder->service);
  g_socket_listener_close (G_SOCKET_LISTENER (responder->service));
  g_object_unref (responder->service);
  g_ptr_array_unref (responder->connections);
  g_clear_pointer (&responder->response, g_bytes_unref);
  g_string_free (responder->request, TRUE);
  g_free (responder->url);
  g_free (responder);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Responder, responder_free)

static Responder *
responder_new_http (const char *status,
                    const char *content_type,
                    const char *body)
{
  g_autofree char *response =
    g_strdup_printf ("HTTP/1.1 %s\r\n"
                     "Content-Type: %s\r\n"
                     "Content-Length: %zu\r\n"
                     "Connection: close\r\n"
                     "\r\n"
                     "%s",
                     status, content_type, strlen (body), body);
  return responder_new (response, -1);
}

static OkcClient *
client_new (const char *url)
{
  g_autoptr(GError) error = NULL;
  OkcClient *client = okc_client_new (url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);
  return client;
}

static OkcTicketPage *
list_tickets (OkcClient     *client,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(OkcTicketQuery) query = okc_ticket_query_new ();
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_list_tickets_async (client, query, NULL, cancellable, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_list_tickets_finish (client, result, error);
}

static void
test_base_url (void)
{
  static const char * const invalid[] = {
    "", "not a url", "ftp://127.0.0.1/", "http://", "http://user:secret@127.0.0.1:8765",
    "http://127.0.0.1:8765/?debug=1", "http://127.0.0.1:8765/#top", "127.0.0.1:8765",
  };
  g_autoptr(OkcClient) client = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("%s", invalid[i]);
      client = okc_client_new (invalid[i], &error);
      g_assert_null (client);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }

  client = client_new ("https://support.ok2charge.example/api//");
  g_assert_cmpstr (okc_client_get_base_url (client), ==, "https://support.ok2charge.example/api");
  g_assert_null (okc_client_get_token (client));
  g_assert_null (okc_client_get_user (client));
  g_assert_cmpuint (okc_client_get_timeout (client), ==, 15);
}

static void
test_offline (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(OkcClient) client = NULL;
  g_autoptr(OkcTicketPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was just free and now has nobody listening. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  client = client_new (url);
  page = list_tickets (client, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_OFFLINE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Cannot reach the backend at "));
  g_assert_nonnull (strstr (error->message, url));
  g_assert_cmpuint (okc_client_error_get_http_status (error), ==, 0);
}

static void
test_timed_out (void)
{
  g_autoptr(Responder) responder = responder_new (NULL, 0);
  g_autoptr(OkcClient) client = client_new (responder->url);
  g_autoptr(OkcTicketPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;
  double seconds;

  okc_client_set_timeout (client, 1);
  g_assert_cmpuint (okc_client_get_timeout (client), ==, 1);

  started = g_get_monotonic_time ();
  page = list_tickets (client, NULL, &error);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_assert_null (page);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_TIMED_OUT);
  g_test_message ("%s after %.2f s", error->message, seconds);
  g_assert_nonnull (strstr (error->message, responder->url));
  g_assert_cmpuint (responder->connections->len, ==, 1);
  g_assert_cmpfloat (seconds, >=, 0.9);
}

static void
test_cancelled (void)
{
  g_autoptr(Responder) responder = responder_new (NULL, 0);
  g_autoptr(OkcClient) client = client_new (responder->url);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(OkcTicketQuery) query = okc_ticket_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcTicketPage) page = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled before it starts. */
  g_cancellable_cancel (cancellable);
  page = list_tickets (client, cancellable, &error);
  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled while the backend keeps it waiting. */
  g_cancellable_reset (cancellable);
  okc_client_list_tickets_async (client, query, NULL, cancellable, okc_test_result_cb, &result);
  while (responder->connections->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (result);
  g_cancellable_cancel (cancellable);
  okc_test_wait_for_result (&result);
  page = okc_client_list_tickets_finish (client, result, &error);
  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_not_http (void)
{
  g_autoptr(Responder) responder = responder_new ("SSH-2.0-OpenSSH_9.2\r\n\r\n", -1);
  g_autoptr(OkcClient) client = client_new (responder->url);
  g_autoptr(OkcTicketPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = list_tickets (client, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_BAD_RESPONSE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "valid HTTP"));
}

static void
assert_bad_response (const char *status,
                     const char *content_type,
                     const char *body,
                     const char *expected_in_message,
                     const char *expected_field)
{
  g_autoptr(Responder) responder = responder_new_http (status, content_type, body);
  g_autoptr(OkcClient) client = client_new (responder->url);
  g_autoptr(OkcTicketPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = list_tickets (client, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_BAD_RESPONSE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected_in_message));
  g_assert_cmpstr (okc_client_error_get_field (error), ==, expected_field);
}

static void
test_not_json (void)
{
  assert_bad_response ("200 OK", "text/html", "<html><body>Welcome to nginx!</body></html>",
                       "text/html instead of JSON", NULL);
  assert_bad_response ("200 OK", "application/json", "{\"tickets\": [", "not valid JSON", NULL);
  assert_bad_response ("200 OK", "application/json", "", "empty", NULL);
  assert_bad_response ("204 No Content", "application/json", "", "unexpected HTTP 204", NULL);
  /* Not followed: a redirect would take the token elsewhere. */
  assert_bad_response ("302 Found\r\nLocation: http://elsewhere.example/", "text/plain", "",
                       "unexpected HTTP 302", NULL);
}

static void
test_wrong_shape (void)
{
  g_autoptr(OkcTicket) ticket = okc_test_ticket_new ("TCK-000001", OKC_PRIORITY_HIGH,
                                                     OKC_TICKET_STATUS_NEW, 1795512600, 1);
  g_autoptr(JsonNode) node = okc_ticket_to_json (ticket);
  g_autofree char *good = okc_json_to_string (node);
  g_autofree char *bad = NULL;
  g_autofree char *body = NULL;
  JsonObject *object = json_node_get_object (node);

  /* The second ticket's created_at is a number: the error names it. */
  json_object_set_int_member (object, "created_at", 1795512600);
  bad = okc_json_to_string (node);
  body = g_strdup_printf ("{\"tickets\": [%s, %s], \"next_cursor\": null, \"total\": 2}", good,
                          bad);
  assert_bad_response ("200 OK", "application/json", body,
                       "tickets[1].created_at: expected a string", "tickets[1].created_at");

  assert_bad_response ("200 OK", "application/json",
                       "{\"tickets\": [], \"next_cursor\": null}", "total", "total");
  assert_bad_response ("200 OK", "application/json", "{\"tickets\": [], \"total\": 0}",
                       "next_cursor", "next_cursor");
  assert_bad_response ("200 OK", "application/json; charset=utf-8", "[]",
                       "expected an object, found an array", NULL);
}

static void
test_too_large (void)
{
  g_autofree char *big = g_strnfill (4096, ' ');
  g_autofree char *chunked = NULL;
  g_autoptr(Responder) responder = NULL;
  g_autoptr(OkcClient) client = NULL;
  g_autoptr(OkcTicketPage) page = NULL;
  g_autoptr(GError) error = NULL;

  /* Announced by Content-Length: refused before reading. */
  responder = responder_new_http ("200 OK", "application/json", big);
  client = client_new (responder->url);
  okc_client_set_max_body_size (client, 1024);
  page = list_tickets (client, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "larger than 1024 bytes"));
  g_clear_error (&error);
  g_clear_pointer (&responder, responder_free);
  g_clear_object (&client);

  /* Chunked, no length: refused once the reading passes the cap. */
  chunked = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                             "Content-Type: application/json\r\n"
                             "Transfer-Encoding: chunked\r\n"
                             "Connection: close\r\n"
                             "\r\n"
                             "1000\r\n%s\r\n0\r\n\r\n",
                             big);
  responder = responder_new (chunked, -1);
  client = client_new (responder->url);
  okc_client_set_max_body_size (client, 1024);
  page = list_tickets (client, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "larger than 1024 bytes"));
}

static void
assert_status_error (const char *status,
                     const char *content_type,
                     const char *body,
                     int         code,
                     guint       http_status,
                     const char *server_code,
                     const char *field,
                     const char *expected_in_message)
{
  g_autoptr(Responder) responder = responder_new_http (status, content_type, body);
  g_autoptr(OkcClient) client = client_new (responder->url);
  g_autoptr(OkcTicketPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = list_tickets (client, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, OKC_CLIENT_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (okc_client_error_get_http_status (error), ==, http_status);
  g_assert_cmpstr (okc_client_error_get_server_code (error), ==, server_code);
  g_assert_cmpstr (okc_client_error_get_field (error), ==, field);
  g_assert_nonnull (strstr (error->message, expected_in_message));
}

static void
test_status_errors (void)
{
  assert_status_error ("400 Bad Request", "application/json",
                       "{\"error\": {\"code\": \"invalid_parameter\", \"message\": \"limit: must "
                       "be 1 to 500\", \"field\": \"limit\"}}",
                       OKC_CLIENT_ERROR_INVALID_INPUT, 400, "invalid_parameter", "limit",
                       "limit: must be 1 to 500");
  assert_status_error ("422 Unprocessable Entity", "application/json",
                       "{\"error\": {\"code\": \"invalid_input\", \"message\": "
                       "\"fields.card_last4: expected exactly the last 4 digits of the card\", "
                       "\"field\": \"fields.card_last4\"}}",
                       OKC_CLIENT_ERROR_INVALID_INPUT, 422, "invalid_input", "fields.card_last4",
                       "expected exactly the last 4 digits");
  assert_status_error ("409 Conflict", "application/json",
                       "{\"error\": {\"code\": \"conflict\", \"message\": \"already refunded\"}}",
                       OKC_CLIENT_ERROR_CONFLICT, 409, "conflict", NULL, "already refunded");
  assert_status_error ("412 Precondition Failed", "application/json", "{}",
                       OKC_CLIENT_ERROR_VERSION_CONFLICT, 412, NULL, NULL, "changed this first");
  assert_status_error ("503 Service Unavailable", "text/html", "<h1>Bad gateway</h1>",
                       OKC_CLIENT_ERROR_SERVER, 503, NULL, NULL, "HTTP 503");
  assert_status_error ("500 Internal Server Error", "application/json",
                       "{\"error\": {\"code\": \"internal\", \"message\": \"disk full\"}}",
                       OKC_CLIENT_ERROR_SERVER, 500, "internal", NULL, "disk full");
  assert_status_error ("405 Method Not Allowed", "application/json",
                       "{\"error\": {\"code\": \"method_not_allowed\", \"message\": \"no\"}}",
                       OKC_CLIENT_ERROR_BAD_RESPONSE, 405, "method_not_allowed", NULL,
                       "unexpected HTTP 405");
}

static void
test_attachment_not_image (void)
{
  g_autoptr(Responder) responder = responder_new_http ("200 OK", "application/json", "{}");
  g_autoptr(OkcClient) client = client_new (responder->url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  okc_client_get_attachment_async (client, "ATT-000001", NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  bytes = okc_client_get_attachment_finish (client, result, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "instead of an image"));
  g_assert_nonnull (strstr (responder->request->str, "GET /v1/attachments/ATT-000001 "));
}

static void
test_bearer_token (void)
{
  g_autoptr(Responder) responder = responder_new_http ("404 Not Found", "application/json",
                                                       "{\"error\": {\"code\": \"not_found\", "
                                                       "\"message\": \"no such ticket\"}}");
  g_autoptr(OkcClient) client = client_new (responder->url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  okc_client_get_ticket_async (client, "TCK 1/2", NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  ticket = okc_client_get_ticket_finish (client, result, &error);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no such ticket"));
  g_assert_null (strstr (responder->request->str, "Authorization"));
  /* The id is one path segment, escaped. */
  g_assert_nonnull (strstr (responder->request->str, "GET /v1/tickets/TCK%201%2F2 HTTP/1.1"));
  g_clear_object (&result);
  g_clear_error (&error);

  okc_client_set_token (client, "s3cret-token");
  okc_client_get_ticket_async (client, "TCK-000001", NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  ticket = okc_client_get_ticket_finish (client, result, &error);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (responder->request->str, "\r\nAuthorization: Bearer s3cret-token\r\n"));
  g_assert_cmpuint (responder->n_requests, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Client/transport/base-url", test_base_url);
  g_test_add_func ("/Okc/Client/transport/offline", test_offline);
  g_test_add_func ("/Okc/Client/transport/timed-out", test_timed_out);
  g_test_add_func ("/Okc/Client/transport/cancelled", test_cancelled);
  g_test_add_func ("/Okc/Client/transport/not-http", test_not_http);
  g_test_add_func ("/Okc/Client/transport/not-json", test_not_json);
  g_test_add_func ("/Okc/Client/transport/wrong-shape", test_wrong_shape);
  g_test_add_func ("/Okc/Client/transport/too-large", test_too_large);
  g_test_add_func ("/Okc/Client/transport/status-errors", test_status_errors);
  g_test_add_func ("/Okc/Client/transport/attachment-not-image", test_attachment_not_image);
  g_test_add_func ("/Okc/Client/transport/bearer-token", test_bearer_token);

  return g_test_run ();
}
