/* test-backend-auth.c — signing in and out, tokens, and what each role may do
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-test-backend.h"

static OkcTestBackend *backend;

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

static void
test_health (void)
{
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/health", NULL);
  JsonObject *object = okc_test_response_object (response);

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, PACKAGE_VERSION);
}

static void
test_sign_in (void)
{
  static const struct
  {
    const char *email;
    const char *password;
    const char *id;
    const char *name;
    OkcRole role;
  } users[] = {
    { "alex.rivera@ok2charge.example", "demo-agent", "USR-0001", "Alex Rivera", OKC_ROLE_AGENT },
    { "sam.okafor@ok2charge.example", "demo-agent", "USR-0002", "Sam Okafor", OKC_ROLE_AGENT },
    { "jordan.lee@ok2charge.example", "demo-agent", "USR-0003", "Jordan Lee", OKC_ROLE_AGENT },
    { "priya.nair@ok2charge.example", "demo-agent", "USR-0004", "Priya Nair", OKC_ROLE_AGENT },
    { "morgan.blake@ok2charge.example", "demo-supervisor", "USR-0005", "Morgan Blake",
      OKC_ROLE_SUPERVISOR },
    { "chatbot@ok2charge.example", "demo-chatbot", "USR-0006", "OK2Charge Chatbot",
      OKC_ROLE_CHATBOT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\"}",
                                               users[i].email, users[i].password);
      g_autoptr(OkcTestResponse) response = okc_test_post_json (url (), "/v1/auth/sign-in", NULL,
                                                                body);
      g_autoptr(OkcTestResponse) me = NULL;
      g_autoptr(OkcUser) user = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *object = okc_test_response_object (response);
      const char *token = json_object_get_string_member (object, "token");
      gint64 expires_at = 0;

      g_assert_cmpuint (response->status, ==, 200);
      g_assert_true (g_str_has_prefix (token, "okc_"));
      g_assert_cmpuint (strlen (token), >=, 40);
      g_assert_true (okc_time_parse_rfc3339 (json_object_get_string_member (object, "expires_at"),
                                             &expires_at));
      /* 12 hours from now, give or take the test's own run time. */
      g_assert_cmpint (ABS (expires_at - (g_get_real_time () / G_USEC_PER_SEC + 12 * 3600)), <,
                       120);

      user = okc_user_new_from_json (json_object_get_member (object, "user"), "user", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (okc_user_get_id (user), ==, users[i].id);
      g_assert_cmpstr (okc_user_get_name (user), ==, users[i].name);
      g_assert_cmpint (okc_user_get_role (user), ==, users[i].role);

      me = okc_test_get (url (), "/v1/me", token);
      g_assert_cmpuint (me->status, ==, 200);
      g_assert_cmpstr (json_object_get_string_member (okc_test_response_object (me), "id"), ==,
                       users[i].id);
    }
}

static void
test_sign_in_case_insensitive_email (void)
{
  g_autofree char *token = okc_test_sign_in (url (), "Alex.Rivera@OK2Charge.example",
                                             "demo-agent");

  g_assert_nonnull (token);
}

static void
test_bad_credentials (void)
{
  static const char * const bodies[] = {
    "{\"email\": \"alex.rivera@ok2charge.example\", \"password\": \"wrong\"}",
    "{\"email\": \"alex.rivera@ok2charge.example\", \"password\": \"\"}",
    "{\"email\": \"nobody@ok2charge.example\", \"password\": \"demo-agent\"}",
    "{\"email\": \"morgan.blake@ok2charge.example\", \"password\": \"demo-agent\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(OkcTestResponse) response = okc_test_post_json (url (), "/v1/auth/sign-in", NULL,
                                                                bodies[i]);
      okc_test_assert_error (response, 401, "invalid_credentials", NULL);
    }
}

static void
test_sign_in_invalid_body (void)
{
  static const struct
  {
    const char *body;
    const char *field;
  } cases[] = {
    { "{\"password\": \"demo-agent\"}", "email" },
    { "{\"email\": \"alex.rivera@ok2charge.example\"}", "password" },
    { "{\"email\": 42, \"password\": \"demo-agent\"}", "email" },
    { "{\"email\": \"a@b.example\", \"password\": \"x\", \"remember\": true}", "remember" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OkcTestResponse) response = okc_test_post_json (url (), "/v1/auth/sign-in", NULL,
                                                                cases[i].body);
      okc_test_assert_error (response, 422, "invalid_input", cases[i].field);
    }
}

static void
test_missing_and_garbage_tokens (void)
{
  static const char * const paths[] = { "/v1/me", "/v1/topics", "/v1/users", "/v1/tickets",
                                        "/v1/tickets/TCK-000001", "/v1/export" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(OkcTestResponse) none = okc_test_get (url (), paths[i], NULL);
      g_autoptr(OkcTestResponse) garbage = okc_test_get (url (), paths[i], "okc_not-a-real-token");

      okc_test_assert_error (none, 401, "unauthorized", NULL);
      g_assert_nonnull (soup_message_headers_get_one (none->headers, "WWW-Authenticate"));
      okc_test_assert_error (garbage, 401, "unauthorized", NULL);
    }
}

static void
test_authorization_schemes (void)
{
  g_autofree char *token = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  g_autofree char *me_url = g_strconcat (url (), "/v1/me", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", me_url);
  g_autoptr(OkcTestResponse) basic = NULL;
  g_autofree char *header = g_strconcat ("Basic ", token, NULL);
  SoupSession *session = soup_session_new ();
  g_autoptr(GBytes) body = NULL;

  /* A token sent with another scheme is not a bearer token. */
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  g_object_unref (session);
}

static void
test_sign_out_revokes (void)
{
  g_autofree char *token = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  g_autofree char *other = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  g_autoptr(OkcTestResponse) before = okc_test_get (url (), "/v1/me", token);
  g_autoptr(OkcTestResponse) sign_out = okc_test_post_json (url (), "/v1/auth/sign-out", token, "{}");
  g_autoptr(OkcTestResponse) after = okc_test_get (url (), "/v1/me", token);
  g_autoptr(OkcTestResponse) again = okc_test_post_json (url (), "/v1/auth/sign-out", token, "{}");
  g_autoptr(OkcTestResponse) still = okc_test_get (url (), "/v1/me", other);

  g_assert_cmpuint (before->status, ==, 200);
  g_assert_cmpuint (sign_out->status, ==, 204);
  g_assert_cmpuint (g_bytes_get_size (sign_out->body), ==, 0);
  okc_test_assert_error (after, 401, "unauthorized", NULL);
  okc_test_assert_error (again, 401, "unauthorized", NULL);
  /* Only that token: the same user's other session goes on. */
  g_assert_cmpuint (still->status, ==, 200);
}

static void
test_roles (void)
{
  g_autofree char *agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  g_autofree char *supervisor = okc_test_sign_in (url (), OKC_TEST_SUPERVISOR_EMAIL,
                                                  "demo-supervisor");
  g_autofree char *chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");
  static const struct
  {
    const char *path;
    guint agent;
    guint supervisor;
    guint chatbot;
  } cases[] = {
    { "/v1/me", 200, 200, 200 },
    { "/v1/topics", 200, 200, 200 },
    { "/v1/users", 200, 200, 403 },
    { "/v1/tickets?limit=1", 200, 200, 403 },
    { "/v1/tickets/TCK-000001", 200, 200, 403 },
    { "/v1/attachments/ATT-000001", 200, 200, 403 },
    { "/v1/export", 403, 200, 403 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *tokens[] = { agent, supervisor, chatbot };
      guint expected[] = { cases[i].agent, cases[i].supervisor, cases[i].chatbot };

      for (guint k = 0; k < G_N_ELEMENTS (tokens); k++)
        {
          g_autoptr(OkcTestResponse) response = okc_test_get (url (), cases[i].path, tokens[k]);

          g_test_message ("%s as role %u", cases[i].path, k);
          if (expected[k] == 403)
            okc_test_assert_error (response, 403, "forbidden", NULL);
          else
            g_assert_cmpuint (response->status, ==, expected[k]);
        }
    }
}

static void
test_only_the_chatbot_hands_off (void)
{
  g_autofree char *agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  g_autofree char *supervisor = okc_test_sign_in (url (), OKC_TEST_SUPERVISOR_EMAIL,
                                                  "demo-supervisor");
  g_autoptr(OkcTestResponse) by_agent = okc_test_post_json (url (), "/v1/handoffs", agent, "{}");
  g_autoptr(OkcTestResponse) by_supervisor =
    okc_test_post_json (url (), "/v1/handoffs", supervisor, "{}");
  g_autoptr(OkcTestResponse) anonymous = okc_test_post_json (url (), "/v1/handoffs", NULL, "{}");

  okc_test_assert_error (by_agent, 403, "forbidden", NULL);
  okc_test_assert_error (by_supervisor, 403, "forbidden", NULL);
  okc_test_assert_error (anonymous, 401, "unauthorized", NULL);
}

static void
test_users (void)
{
  g_autofree char *token = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/users", token);
  JsonArray *users = json_object_get_array_member (okc_test_response_object (response), "users");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (response->status, ==, 200);
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcUser) user = okc_user_new_from_json (json_array_get_element (users, i), "users",
                                                        &error);
      g_assert_no_error (error);
      g_assert_cmpint (okc_user_get_role (user), !=, OKC_ROLE_CHATBOT);
      g_ptr_array_add (names, g_strdup (okc_user_get_name (user)));
    }
  /* The team by name: four agents and the supervisor, not the service account. */
  g_assert_cmpuint (names->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "Alex Rivera");
  g_assert_cmpstr (g_ptr_array_index (names, 4), ==, "Sam Okafor");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Backend/auth/health", test_health);
  g_test_add_func ("/Okc/Backend/auth/sign-in", test_sign_in);
  g_test_add_func ("/Okc/Backend/auth/sign-in-case-insensitive-email",
                   test_sign_in_case_insensitive_email);
  g_test_add_func ("/Okc/Backend/auth/bad-credentials", test_bad_credentials);
  g_test_add_func ("/Okc/Backend/auth/sign-in-invalid-body", test_sign_in_invalid_body);
  g_test_add_func ("/Okc/Backend/auth/missing-and-garbage-tokens",
                   test_missing_and_garbage_tokens);
  g_test_add_func ("/Okc/Backend/auth/authorization-schemes", test_authorization_schemes);
  g_test_add_func ("/Okc/Backend/auth/sign-out-revokes", test_sign_out_revokes);
  g_test_add_func ("/Okc/Backend/auth/roles", test_roles);
  g_test_add_func ("/Okc/Backend/auth/only-the-chatbot-hands-off", test_only_the_chatbot_hands_off);
  g_test_add_func ("/Okc/Backend/auth/users", test_users);

  backend = okc_test_backend_start (NULL);
  status = g_test_run ();
  okc_test_backend_stop (backend);
  return status;
}
