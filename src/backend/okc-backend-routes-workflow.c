/* okc-backend-routes-workflow.c — PATCH /v1/tickets/{id}, its timeline, notes, replies and
 * GET /v1/sla-policy
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-routes.h"
#include "okc-backend-ticket-workflow.h"
#include "okc-backend-tickets.h"
#include "okc-backend-timeline.h"

#include <string.h>

/* If-Match: "<version>". Returns 0 with a reply sent when it is absent or malformed. */
static gint64
read_if_match (OkcBackendRequest *request,
               gboolean           required)
{
  const char *value = soup_message_headers_get_one (
    soup_server_message_get_request_headers (request->msg), "If-Match");
  gsize length;
  g_autofree char *digits = NULL;
  guint64 version;

  if (value == NULL)
    {
      if (required)
        okc_backend_reply_error (request->msg, 428, "precondition_required", "If-Match",
                                 "This change needs If-Match with the ticket's ETag, the "
                                 "version it was made from");
      return required ? 0 : -1;
    }
  length = strlen (value);
  if (length >= 3 && value[0] == '"' && value[length - 1] == '"')
    digits = g_strndup (value + 1, length - 2);
  if (digits == NULL ||
      !g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &version, NULL))
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter",
                               "If-Match", "If-Match must be a ticket's ETag, \"<version>\"");
      return 0;
    }
  return (gint64) version;
}

static void
set_etag (OkcBackendRequest *request,
          JsonNode          *ticket)
{
  g_autofree char *etag = g_strdup_printf (
    "\"%" G_GINT64_FORMAT "\"",
    json_object_get_int_member (json_node_get_object (ticket), "version"));

  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), "ETag",
                                etag);
}

/* 412: the error, and the ticket as it is now, so that the agent can look again. */
static void
reply_conflict (OkcBackendRequest *request,
                const GError      *conflict)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *ticket = okc_backend_tickets_load (request->db, request->param, &error);

  if (ticket == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  set_etag (request, ticket);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "code", "version_conflict");
  okc_json_builder_add_string (builder, "message", conflict->message);
  okc_json_builder_add_string (builder, "field", "If-Match");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "ticket");
  json_builder_add_value (builder, ticket);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  okc_backend_reply_json (request->msg, SOUP_STATUS_PRECONDITION_FAILED, root);
}

static void
reply_failure (OkcBackendRequest *request,
               const GError      *error)
{
  if (error->domain == OKC_DATA_ERROR)
    okc_backend_reply_invalid_input (request->msg, error);
  else if (g_error_matches (error, OKC_BACKEND_WORKFLOW_ERROR,
                            OKC_BACKEND_WORKFLOW_ERROR_NOT_FOUND))
    okc_backend_reply_not_found (request->msg, "ticket", request->param);
  else if (g_error_matches (error, OKC_BACKEND_WORKFLOW_ERROR,
                            OKC_BACKEND_WORKFLOW_ERROR_VERSION_CONFLICT))
    reply_conflict (request, error);
  else if (g_error_matches (error, OKC_BACKEND_WORKFLOW_ERROR,
                            OKC_BACKEND_WORKFLOW_ERROR_REFUND_PENDING))
    okc_backend_reply_error (request->msg, SOUP_STATUS_CONFLICT, "refund_pending", "status",
                             "%s", error->message);
  else
    okc_backend_reply_internal_error (request->msg, error);
}

/* Applies @change; on success replies @status with the ticket, or {"entry", "ticket"}, or
 * the entry alone. */
static void
apply_and_reply (OkcBackendRequest            *request,
                 gint64                        expected_version,
                 const OkcBackendTicketChange *change,
                 gboolean                      with_entry,
                 gboolean                      with_ticket)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ticket = NULL, entry = NULL;
  gint64 entry_seq = 0;

  if (!okc_backend_ticket_workflow_apply (request->db, request->param, MAX (expected_version, 0),
                                          change, okc_user_get_id (request->user), request->now,
                                          &entry_seq, &error))
    {
      reply_failure (request, error);
      return;
    }

  ticket = okc_backend_tickets_load (request->db, request->param, &error);
  if (ticket != NULL && with_entry)
    entry = okc_backend_timeline_load_entry (request->db, entry_seq, &error);
  if (ticket == NULL || (with_entry && entry == NULL))
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  set_etag (request, ticket);

  if (with_entry && with_ticket)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "entry");
      json_builder_add_value (builder, g_steal_pointer (&entry));
      json_builder_set_member_name (builder, "ticket");
      json_builder_add_value (builder, g_steal_pointer (&ticket));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      okc_backend_reply_json (request->msg, SOUP_STATUS_CREATED, root);
    }
  else if (with_entry)
    okc_backend_reply_json (request->msg, SOUP_STATUS_CREATED, entry);
  else
    okc_backend_reply_json (request->msg, SOUP_STATUS_OK, ticket);
}

static void
patch_cb (OkcBackendRequest *request)
{
  g_auto(OkcBackendTicketChange) change = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 expected_version = read_if_match (request, TRUE);

  if (expected_version == 0)
    return;
  if (!okc_backend_ticket_change_parse (&change, request->body, &error))
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return;
    }
  apply_and_reply (request, expected_version, &change, FALSE, TRUE);
}

static void
note_cb (OkcBackendRequest *request)
{
  g_auto(OkcBackendTicketChange) change = { 0 };
  g_autoptr(GError) error = NULL;
  /* A note changes nothing an agent decides on: If-Match is optional. */
  gint64 expected_version = read_if_match (request, FALSE);

  if (expected_version == 0)
    return;
  if (!okc_backend_ticket_change_parse_text (&change, "note", request->body, &error))
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return;
    }
  apply_and_reply (request, expected_version, &change, TRUE, FALSE);
}

static void
reply_cb (OkcBackendRequest *request)
{
  g_auto(OkcBackendTicketChange) change = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 expected_version = read_if_match (request, TRUE);

  if (expected_version == 0)
    return;
  if (!okc_backend_ticket_change_parse_text (&change, "reply", request->body, &error))
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return;
    }
  apply_and_reply (request, expected_version, &change, TRUE, TRUE);
}

static void
timeline_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) timeline = NULL;
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (request->db, "SELECT seq FROM tickets WHERE id = ?", &error);
  gint64 seq;
  int rc;

  if (stmt == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  okc_backend_stmt_bind_text (stmt, 1, request->param);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (request->db, &error);
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  if (rc == SQLITE_DONE)
    {
      okc_backend_reply_not_found (request->msg, "ticket", request->param);
      return;
    }
  seq = sqlite3_column_int64 (stmt, 0);
  timeline = okc_backend_timeline_list (request->db, seq, &error);
  if (timeline == NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else
    okc_backend_reply_json (request->msg, SOUP_STATUS_OK, timeline);
}

static void
sla_policy_cb (OkcBackendRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  guint n_targets;
  const OkcSlaTarget *targets = okc_sla_policy_get_all (&n_targets);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "targets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_targets; i++)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "topic", targets[i].topic_id);
      okc_json_builder_add_string (builder, "priority",
                                   okc_enum_to_nick (OKC_TYPE_PRIORITY, targets[i].priority));
      json_builder_set_member_name (builder, "resolve_within_minutes");
      json_builder_add_int_value (builder, targets[i].resolve_within_minutes);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  okc_json_builder_add_string (builder, "warning_rule", OKC_SLA_WARNING_RULE);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

void
okc_backend_workflow_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, "PATCH", "/v1/tickets/{id}",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_JSON_BODY, patch_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/tickets/{id}/timeline",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, timeline_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/tickets/{id}/notes",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_JSON_BODY, note_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/tickets/{id}/replies",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_JSON_BODY, reply_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/sla-policy",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, sla_policy_cb);
}
