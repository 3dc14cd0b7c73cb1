/* okc-backend-routes-events.c — GET /v1/events and /v1/tickets/{id}/presence
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-events.h"
#include "okc-backend-presence.h"
#include "okc-backend-routes.h"
#include "okc-backend-tickets.h"

/* Reads the resume point: Last-Event-ID, else ?after=, else -1 for "now". */
static gboolean
get_resume_id (OkcBackendRequest *request,
               gint64            *out_after)
{
  const char *field = "Last-Event-ID";
  const char *text = soup_message_headers_get_one (
    soup_server_message_get_request_headers (request->msg), "Last-Event-ID");
  guint64 value;

  if (text == NULL)
    {
      field = "after";
      text = okc_backend_request_get_query (request, "after");
    }
  if (text == NULL)
    {
      *out_after = -1;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter", field,
                               "%s “%s” is not an event id (a whole number from 0)", field, text);
      return FALSE;
    }
  *out_after = (gint64) value;
  return TRUE;
}

static void
events_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  const char *authorization = soup_message_headers_get_one (
    soup_server_message_get_request_headers (request->msg), "Authorization");
  gint64 after;

  if (!get_resume_id (request, &after))
    return;
  if (!okc_backend_events_open_stream (request->events, request->msg, authorization, after,
                                       &error))
    okc_backend_reply_internal_error (request->msg, error);
}

/* Answers 404 (or 500) and returns FALSE unless the ticket of the path exists. */
static gboolean
check_ticket (OkcBackendRequest *request)
{
  g_autoptr(JsonNode) ticket = NULL;
  g_autoptr(GError) error = NULL;

  ticket = okc_backend_tickets_load (request->db, request->param, &error);
  if (ticket != NULL)
    return TRUE;
  if (error != NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else
    okc_backend_reply_not_found (request->msg, "ticket", request->param);
  return FALSE;
}

static void
reply_present (OkcBackendRequest *request,
               JsonNode          *present)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_member (object, "present", present);
  json_node_set_object (root, object);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
presence_put_cb (OkcBackendRequest *request)
{
  JsonObject *body;
  JsonNode *activity;
  const char *text = NULL;

  if (!check_ticket (request))
    return;

  body = JSON_NODE_HOLDS_OBJECT (request->body) ? json_node_get_object (request->body) : NULL;
  activity = body != NULL ? json_object_get_member (body, "activity") : NULL;
  if (activity != NULL && JSON_NODE_HOLDS_VALUE (activity) &&
      json_node_get_value_type (activity) == G_TYPE_STRING)
    text = json_node_get_string (activity);
  if (text == NULL || (!g_str_equal (text, "viewing") && !g_str_equal (text, "replying")))
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_input",
                               "activity",
                               "activity must be “viewing” or “replying”");
      return;
    }
  reply_present (request,
                 okc_backend_presence_set (request->presence, request->param, request->user, text));
}

static void
presence_delete_cb (OkcBackendRequest *request)
{
  if (!check_ticket (request))
    return;
  okc_backend_presence_clear (request->presence, request->param, request->user);
  soup_server_message_set_status (request->msg, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
presence_get_cb (OkcBackendRequest *request)
{
  if (!check_ticket (request))
    return;
  reply_present (request, okc_backend_presence_list (request->presence, request->param));
}

void
okc_backend_events_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/events", OKC_BACKEND_ACCESS_STAFF,
                                OKC_BACKEND_ROUTE_NONE, events_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_PUT, "/v1/tickets/{id}/presence",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_JSON_BODY,
                                presence_put_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_DELETE, "/v1/tickets/{id}/presence",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE,
                                presence_delete_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/tickets/{id}/presence",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, presence_get_cb);
}
