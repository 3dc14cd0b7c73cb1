/* okc-backend-routes-catalog.c — GET /v1/health, GET /v1/topics, GET /v1/users
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "config.h"

#include "okc-backend-routes.h"
#include "okc-backend-topics.h"
#include "okc-backend-users.h"

static void
health_cb (OkcBackendRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "status", "ok");
  okc_json_builder_add_string (builder, "version", PACKAGE_VERSION);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
topics_cb (OkcBackendRequest *request)
{
  g_autoptr(JsonNode) root = okc_backend_topics_to_json ();

  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
users_cb (OkcBackendRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  users = okc_backend_users_list_staff (request->db, &error);
  if (users == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "users");
  json_builder_begin_array (builder);
  for (guint i = 0; i < users->len; i++)
    json_builder_add_value (builder, okc_user_to_json (g_ptr_array_index (users, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

void
okc_backend_catalog_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/health", OKC_BACKEND_ACCESS_PUBLIC,
                                OKC_BACKEND_ROUTE_NONE, health_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/topics",
                                OKC_BACKEND_ACCESS_SIGNED_IN, OKC_BACKEND_ROUTE_NONE, topics_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/users", OKC_BACKEND_ACCESS_STAFF,
                                OKC_BACKEND_ROUTE_NONE, users_cb);
}
