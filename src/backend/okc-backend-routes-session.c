/* okc-backend-routes-session.c — POST /v1/auth/sign-in, POST /v1/auth/sign-out, GET /v1/me
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-auth.h"
#include "okc-backend-routes.h"

static gboolean
read_credentials (JsonNode     *body,
                  const char  **out_email,
                  const char  **out_password,
                  GError      **error)
{
  static const char * const members[] = { "email", "password", NULL };
  JsonObject *object = okc_json_node_get_object (body, NULL, error);

  return object != NULL && okc_json_check_members (object, NULL, members, error) &&
         okc_json_read_string (object, NULL, "email", OKC_JSON_REQUIRED, out_email, error) &&
         okc_json_read_string (object, NULL, "password", OKC_JSON_REQUIRED, out_password, error);
}

static void
sign_in_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcUser) user = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *token = NULL;
  const char *email = NULL, *password = NULL;
  gint64 expires_at = 0;

  if (!read_credentials (request->body, &email, &password, &error))
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return;
    }

  user = okc_backend_auth_sign_in (request->db, email, password, request->now, &token, &expires_at,
                                   &error);
  if (user == NULL)
    {
      if (g_error_matches (error, OKC_BACKEND_AUTH_ERROR,
                           OKC_BACKEND_AUTH_ERROR_INVALID_CREDENTIALS))
        okc_backend_reply_error (request->msg, SOUP_STATUS_UNAUTHORIZED, "invalid_credentials",
                                 NULL, "%s", error->message);
      else
        okc_backend_reply_internal_error (request->msg, error);
      return;
    }

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "token", token);
  okc_json_builder_add_time (builder, "expires_at", expires_at);
  json_builder_set_member_name (builder, "user");
  json_builder_add_value (builder, okc_user_to_json (user));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
sign_out_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;

  if (!okc_backend_auth_sign_out (request->db, request->token_hash, request->now, &error))
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  soup_server_message_set_status (request->msg, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
me_cb (OkcBackendRequest *request)
{
  g_autoptr(JsonNode) root = okc_user_to_json (request->user);

  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

void
okc_backend_session_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/auth/sign-in",
                                OKC_BACKEND_ACCESS_PUBLIC, OKC_BACKEND_ROUTE_JSON_BODY, sign_in_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/auth/sign-out",
                                OKC_BACKEND_ACCESS_SIGNED_IN, OKC_BACKEND_ROUTE_NONE, sign_out_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/me", OKC_BACKEND_ACCESS_SIGNED_IN,
                                OKC_BACKEND_ROUTE_NONE, me_cb);
}
