/* okc-backend-routes-tickets.c — GET /v1/tickets, /v1/tickets/{id}, /v1/attachments/{id}
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-routes.h"
#include "okc-backend-ticket-query.h"
#include "okc-backend-tickets.h"

static void
list_cb (OkcBackendRequest *request)
{
  g_autoptr(OkcBackendTicketQuery) query = NULL;
  g_autoptr(JsonNode) page = NULL;
  g_autoptr(GError) error = NULL;

  query = okc_backend_ticket_query_new_from_params (request->query,
                                                    okc_user_get_id (request->user), &error);
  if (query != NULL)
    page = okc_backend_ticket_query_run (query, request->db, &error);

  if (page != NULL)
    okc_backend_reply_json (request->msg, SOUP_STATUS_OK, page);
  else if (error->domain == OKC_DATA_ERROR)
    okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter",
                             okc_data_error_get_field (error), "%s", error->message);
  else
    okc_backend_reply_internal_error (request->msg, error);
}

static void
get_cb (OkcBackendRequest *request)
{
  g_autoptr(JsonNode) ticket = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  const char *if_none_match;

  ticket = okc_backend_tickets_load (request->db, request->param, &error);
  if (ticket == NULL)
    {
      if (error != NULL)
        okc_backend_reply_internal_error (request->msg, error);
      else
        okc_backend_reply_not_found (request->msg, "ticket", request->param);
      return;
    }

  etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"",
                          json_object_get_int_member (json_node_get_object (ticket), "version"));
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), "ETag",
                                etag);

  if_none_match = soup_message_headers_get_one (
    soup_server_message_get_request_headers (request->msg), "If-None-Match");
  if (g_strcmp0 (if_none_match, etag) == 0)
    {
      soup_server_message_set_status (request->msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, ticket);
}

static void
attachment_cb (OkcBackendRequest *request)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);
  g_autofree char *etag = NULL;
  g_autofree char *disposition = NULL;
  g_autofree char *filename = NULL;
  int rc;

  stmt = okc_backend_db_prepare (request->db,
                                 "SELECT a.media_type, a.filename, a.sha256, b.data "
                                 "FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 "
                                 "WHERE a.id = ?",
                                 &error);
  if (stmt == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  okc_backend_stmt_bind_text (stmt, 1, request->param);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        {
          okc_backend_db_set_error (request->db, &error);
          okc_backend_reply_internal_error (request->msg, error);
        }
      else
        okc_backend_reply_not_found (request->msg, "attachment", request->param);
      return;
    }

  /* The bytes never change for an id: their hash is a strong validator. */
  etag = g_strdup_printf ("\"%s\"", okc_backend_stmt_get_text (stmt, 2));
  filename = g_strdup (okc_backend_stmt_get_text (stmt, 1));
  g_strdelimit (filename, "\"\\\r\n", '_');
  disposition = g_strdup_printf ("inline; filename=\"%s\"", filename);
  soup_message_headers_replace (headers, "ETag", etag);
  soup_message_headers_replace (headers, "Content-Disposition", disposition);
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_server_message_set_status (request->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (request->msg, okc_backend_stmt_get_text (stmt, 0),
                                    SOUP_MEMORY_COPY, sqlite3_column_blob (stmt, 3),
                                    (gsize) sqlite3_column_bytes (stmt, 3));
}

void
okc_backend_ticket_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/tickets", OKC_BACKEND_ACCESS_STAFF,
                                OKC_BACKEND_ROUTE_NONE, list_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/tickets/{id}",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, get_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/attachments/{id}",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, attachment_cb);
}
