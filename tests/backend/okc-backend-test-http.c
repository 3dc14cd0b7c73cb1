/* okc-backend-test-http.c — HTTP calls to a test backend, awaited in a nested loop
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-test"

#include "okc-backend-test-http.h"

#include <string.h>

#include "okc-core.h"

#define TIMEOUT_SECONDS 120

typedef struct
{
  GBytes *body;
  GError *error;
  gboolean done;
} Call;

static SoupSession *
get_session (void)
{
  static SoupSession *session;

  /* One per test process, as a client would keep one. */
  if (session == NULL)
    session = soup_session_new_with_options ("timeout", TIMEOUT_SECONDS, NULL);
  return session;
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;

  call->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &call->error);
  call->done = TRUE;
}

void
okc_test_response_free (OkcTestResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response);
}

static void
parse_json (OkcTestResponse *response)
{
  const char *type = soup_message_headers_get_content_type (response->headers, NULL);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (type, "application/json") != 0 || g_bytes_get_size (response->body) == 0)
    return;
  response->json = okc_json_parse_bytes (response->body, &error);
  g_assert_no_error (error);
}

/**
 * okc_test_http:
 * @token: (nullable): sent as a bearer token
 * @content_type: (nullable): of @body
 * @body: (nullable): the request body
 */
OkcTestResponse *
okc_test_http (const char *method,
               const char *url,
               const char *token,
               const char *content_type,
               GBytes     *body)
{
  return okc_test_http_if_match (method, url, token, content_type, body, NULL);
}

/**
 * okc_test_http_if_match:
 * @if_match: (nullable): the If-Match header to send
 *
 * okc_test_http() with an If-Match header.
 */
OkcTestResponse *
okc_test_http_if_match (const char *method,
                        const char *url,
                        const char *token,
                        const char *content_type,
                        GBytes     *body,
                        const char *if_match)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  OkcTestResponse *response;
  Call call = { 0 };

  g_assert_nonnull (msg);
  if (if_match != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-Match", if_match);
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    authorization);
    }
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);

  soup_session_send_and_read_async (get_session (), msg, G_PRIORITY_DEFAULT, NULL, send_cb, &call);
  while (!call.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (call.error);

  response = g_new0 (OkcTestResponse, 1);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  response->body = call.body;
  parse_json (response);
  return response;
}

OkcTestResponse *
okc_test_get (const char *base_url,
              const char *path,
              const char *token)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);

  return okc_test_http ("GET", url, token, NULL, NULL);
}

OkcTestResponse *
okc_test_post_json (const char *base_url,
                    const char *path,
                    const char *token,
                    const char *json)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  return okc_test_http ("POST", url, token, "application/json", body);
}

/* Signs in and returns the token; the test fails if sign-in does. */
char *
okc_test_sign_in (const char *base_url,
                  const char *email,
                  const char *password)
{
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\"}", email,
                                           password);
  g_autoptr(OkcTestResponse) response = okc_test_post_json (base_url, "/v1/auth/sign-in", NULL,
                                                            body);

  g_assert_cmpuint (response->status, ==, 200);
  return g_strdup (json_object_get_string_member (okc_test_response_object (response), "token"));
}

JsonObject *
okc_test_response_object (OkcTestResponse *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  return json_node_get_object (response->json);
}

/**
 * okc_test_assert_error:
 * @field: (nullable): the expected `field`, or %NULL for none
 *
 * Asserts the documented error shape {"error": {"code", "message", "field"?}}.
 */
void
okc_test_assert_error (OkcTestResponse *response,
                       guint            status,
                       const char      *code,
                       const char      *field)
{
  JsonObject *error;

  if (response->status != status)
    g_test_message ("unexpected answer: %.*s", (int) g_bytes_get_size (response->body),
                    (const char *) g_bytes_get_data (response->body, NULL));
  g_assert_cmpuint (response->status, ==, status);
  error = json_object_get_object_member (okc_test_response_object (response), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_true (strlen (json_object_get_string_member (error, "message")) > 0);
  if (field != NULL)
    g_assert_cmpstr (json_object_get_string_member_with_default (error, "field", NULL), ==, field);
  else
    g_assert_false (json_object_has_member (error, "field"));
}
