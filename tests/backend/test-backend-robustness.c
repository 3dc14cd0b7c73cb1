/* test-backend-robustness.c — bad requests get the documented errors, never a crash or a 500
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-test-backend.h"

#define MAX_BODY (64 * 1024 * 1024)

static OkcTestBackend *backend;
static char *chatbot;

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

static void
assert_still_healthy (void)
{
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/health", NULL);

  g_assert_cmpuint (response->status, ==, 200);
}

static OkcTestResponse *
post_bytes (const char *path,
            GBytes     *body)
{
  g_autofree char *target = g_strconcat (url (), path, NULL);

  return okc_test_http ("POST", target, chatbot, "application/json", body);
}

static GBytes *
repeated (char   c,
          gsize  size,
          const char *prefix)
{
  gsize prefix_length = strlen (prefix);
  char *data = g_malloc (size);

  memcpy (data, prefix, prefix_length);
  memset (data + prefix_length, c, size - prefix_length);
  return g_bytes_new_take (data, size);
}

static void
test_too_large (void)
{
  g_autoptr(GBytes) body = repeated (' ', MAX_BODY + 1, "{}");
  g_autoptr(OkcTestResponse) response = post_bytes ("/v1/handoffs", body);

  okc_test_assert_error (response, 413, "payload_too_large", NULL);
  assert_still_healthy ();
}

static void
test_too_large_chunked (void)
{
  g_autoptr(GBytes) body = repeated (' ', MAX_BODY + 4096, "{}");
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (body);
  g_autofree char *target = g_strconcat (url (), "/v1/handoffs", NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", chatbot, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", target);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 120, NULL);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  /* Of unknown length, so sent chunked: counted as it arrives. */
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  soup_message_set_request_body (msg, "application/json", stream, -1);
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 413);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                                  "payload_too_large"));
  assert_still_healthy ();
}

static void
test_largest_accepted (void)
{
  g_autoptr(GBytes) body = repeated (' ', MAX_BODY, "{}");
  g_autoptr(OkcTestResponse) response = post_bytes ("/v1/handoffs", body);

  /* Exactly the limit is read and validated: a hand-off without a topic. */
  okc_test_assert_error (response, 422, "invalid_input", "topic");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GBytes) deep = repeated ('[', 2 * 1024 * 1024, "");
  g_autoptr(OkcTestResponse) refused = post_bytes ("/v1/handoffs", deep);
  g_autoptr(GString) nested = g_string_new (NULL);
  g_autoptr(OkcTestResponse) accepted = NULL;

  okc_test_assert_error (refused, 400, "malformed_json", NULL);
  assert_still_healthy ();

  for (guint i = 0; i < 60; i++)
    g_string_append (nested, "{\"a\":");
  g_string_append (nested, "1");
  for (guint i = 0; i < 60; i++)
    g_string_append (nested, "}");
  accepted = okc_test_post_json (url (), "/v1/handoffs", chatbot, nested->str);
  okc_test_assert_error (accepted, 422, "invalid_input", "a");
}

static void
test_method_not_allowed (void)
{
  static const struct
  {
    const char *method;
    const char *path;
    const char *allow;
  } cases[] = {
    { "DELETE", "/v1/tickets", "GET" },
    { "PUT", "/v1/tickets/TCK-000001", "GET, PATCH" },
    { "GET", "/v1/handoffs", "POST" },
    { "GET", "/v1/auth/sign-in", "POST" },
    { "POST", "/v1/health", "GET" },
    { "PATCH", "/v1/me", "GET" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *target = g_strconcat (url (), cases[i].path, NULL);
      g_autoptr(OkcTestResponse) response = okc_test_http (cases[i].method, target, chatbot, NULL,
                                                           NULL);

      g_test_message ("%s %s", cases[i].method, cases[i].path);
      okc_test_assert_error (response, 405, "method_not_allowed", NULL);
      g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Allow"), ==,
                       cases[i].allow);
    }
}

static void
test_head (void)
{
  g_autofree char *target = g_strconcat (url (), "/v1/health", NULL);
  g_autoptr(OkcTestResponse) response = okc_test_http ("HEAD", target, NULL, NULL, NULL);

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (response->body), ==, 0);
}

static void
test_odd_paths (void)
{
  g_autofree char *agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  g_autofree char *long_id = g_strnfill (8000, 'T');
  g_autofree char *long_path = g_strconcat ("/v1/tickets/", long_id, NULL);
  const char *paths[] = {
    "/v1/tickets/%00", "/v1/tickets/..%2F..%2Fetc%2Fpasswd", "/v1/tickets/TCK-000001%22",
    "/v1//tickets", "/v1/tickets?limit=%2541", "/v1/tickets?sort=priority&sort=priority",
    "/v1/attachments/'%20OR%201=1", long_path,
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), paths[i], agent);

      g_test_message ("%.60s → %u", paths[i], response->status);
      g_assert_cmpuint (response->status, >=, 200);
      g_assert_cmpuint (response->status, <, 500);
    }
  assert_still_healthy ();
}

/* Valid hand-offs with bytes flipped, dropped or doubled: whatever the result, it is an
 * answer of the contract, never a 500. */
static void
test_mutated_bodies (void)
{
  static const char valid[] =
    "{\"topic\": \"billing-dispute\", \"summary\": \"Charged twice\", \"requester\": {\"name\": "
    "\"Maya Chen\", \"email\": \"maya@example.com\", \"audience\": \"guest\"}, \"fields\": "
    "{\"property_name\": \"Nowhere\", \"session_times\": [\"2026-11-23T18:00:00Z\"], "
    "\"amounts_charged\": [{\"amount\": 150, \"currency\": \"USD\"}], \"card_last4\": \"4242\"}, "
    "\"transcript\": [{\"sender\": \"customer\", \"sent_at\": \"2026-11-24T08:01:12Z\", "
    "\"text\": \"Charged twice \\u0000 really\"}]}";
  GRand *rand = g_rand_new_with_seed (20261124);
  guint counts[600] = { 0 };

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GString) body = g_string_new (valid);
      g_autoptr(OkcTestResponse) response = NULL;
      guint position = g_rand_int_range (rand, 0, body->len);

      switch (round % 3)
        {
        case 0:
          body->str[position] = (char) g_rand_int_range (rand, 1, 256);
          break;
        case 1:
          g_string_erase (body, position, 1);
          break;
        default:
          g_string_insert_c (body, position, body->str[position]);
          break;
        }
      response = okc_test_post_json (url (), "/v1/handoffs", chatbot, body->str);
      g_assert_true (response->status == 201 || response->status == 400 ||
                     response->status == 422);
      counts[response->status]++;
    }
  g_rand_free (rand);
  g_test_message ("201: %u, 400: %u, 422: %u", counts[201], counts[400], counts[422]);
  assert_still_healthy ();
}

static void
test_not_http (void)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = g_uri_parse (url (), G_URI_FLAGS_NONE, &error);
  g_autoptr(GSocketConnection) connection = NULL;
  static const char garbage[] = "\x16\x03\x01\x02\x00 not http at all\r\n\r\n";
  char answer[256] = { 0 };
  gssize n;

  g_assert_no_error (error);
  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri),
                                                (guint16) g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), garbage,
                             sizeof garbage - 1, NULL, NULL, &error);
  g_assert_no_error (error);
  n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)), answer,
                           sizeof answer - 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, >, 0);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1."));
  g_assert_true (g_str_has_prefix (answer + strlen ("HTTP/1.x"), " 400 "));
  assert_still_healthy ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Backend/robustness/too-large", test_too_large);
  g_test_add_func ("/Okc/Backend/robustness/too-large-chunked", test_too_large_chunked);
  g_test_add_func ("/Okc/Backend/robustness/largest-accepted", test_largest_accepted);
  g_test_add_func ("/Okc/Backend/robustness/deep-nesting", test_deep_nesting);
  g_test_add_func ("/Okc/Backend/robustness/method-not-allowed", test_method_not_allowed);
  g_test_add_func ("/Okc/Backend/robustness/head", test_head);
  g_test_add_func ("/Okc/Backend/robustness/odd-paths", test_odd_paths);
  g_test_add_func ("/Okc/Backend/robustness/mutated-bodies", test_mutated_bodies);
  g_test_add_func ("/Okc/Backend/robustness/not-http", test_not_http);

  backend = okc_test_backend_start ((const char *[]) { "--tickets", "20", NULL });
  chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");
  status = g_test_run ();
  g_free (chatbot);
  okc_test_backend_stop (backend);
  return status;
}
