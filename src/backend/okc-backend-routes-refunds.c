/* okc-backend-routes-refunds.c — POST /v1/refunds, GET /v1/sessions/{id}/refunds,
 * GET /v1/refund-policy
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-routes.h"

#include "okc-backend-refunds.h"

static void
post_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefund) asked = NULL;
  g_autoptr(OkcRefund) refund = NULL;
  g_autoptr(JsonNode) root = NULL;

  asked = okc_refund_new_from_request (request->body, &error);
  if (asked == NULL)
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return;
    }
  refund = okc_backend_refunds_create (request->db, asked, request->user, request->now, &error);
  if (refund == NULL)
    {
      if (g_error_matches (error, OKC_BACKEND_REFUND_ERROR, OKC_BACKEND_REFUND_ERROR_NO_SESSION))
        okc_backend_reply_not_found (request->msg, "session",
                                     okc_refund_get_session_id (asked));
      else if (error->domain == OKC_DATA_ERROR)
        okc_backend_reply_invalid_input (request->msg, error);
      else
        okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  root = okc_refund_to_json (refund);
  okc_backend_reply_json (request->msg, SOUP_STATUS_CREATED, root);
}

static void
list_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = okc_backend_refunds_list (request->db, request->param, &error);

  if (root == NULL)
    {
      if (error != NULL)
        okc_backend_reply_internal_error (request->msg, error);
      else
        okc_backend_reply_not_found (request->msg, "session", request->param);
      return;
    }
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
policy_cb (OkcBackendRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  OkcMoney threshold;

  okc_backend_refunds_get_threshold (request->db, &threshold);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "approval_threshold");
  json_builder_add_value (builder, okc_money_to_json (&threshold));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

/* Money moves only at a person's hand: the chatbot reads, it does not refund. */
void
okc_backend_refund_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/refunds",
                                OKC_BACKEND_ACCESS_STAFF,
                                OKC_BACKEND_ROUTE_JSON_BODY | OKC_BACKEND_ROUTE_IDEMPOTENT,
                                post_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/sessions/{id}/refunds",
                                OKC_BACKEND_ACCESS_SIGNED_IN, OKC_BACKEND_ROUTE_NONE, list_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/refund-policy",
                                OKC_BACKEND_ACCESS_SIGNED_IN, OKC_BACKEND_ROUTE_NONE, policy_cb);
}
