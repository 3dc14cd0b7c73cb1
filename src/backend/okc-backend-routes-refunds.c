/* okc-backend-routes-refunds.c — POST /v1/refunds, GET /v1/refunds and /v1/refunds/{id},
 * the supervisor's approve and reject, GET /v1/sessions/{id}/refunds, GET /v1/refund-policy
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-routes.h"

#include <string.h>

#include "okc-backend-refunds.h"
#include "okc-backend-sessions.h"
#include "okc-backend-tickets.h"

/* A review's comment is a sentence or two, as a request's note is. */
#define COMMENT_MAX_BYTES 2000

static void
reply_refund (OkcBackendRequest *request,
              guint              status,
              OkcRefund         *refund)
{
  g_autoptr(JsonNode) root = okc_refund_to_json (refund);

  okc_backend_reply_json (request->msg, status, root);
}

static void
reply_failure (OkcBackendRequest *request,
               const GError      *error)
{
  if (g_error_matches (error, OKC_BACKEND_REFUND_ERROR, OKC_BACKEND_REFUND_ERROR_NOT_FOUND))
    okc_backend_reply_not_found (request->msg, "refund", request->param);
  else if (g_error_matches (error, OKC_BACKEND_REFUND_ERROR,
                            OKC_BACKEND_REFUND_ERROR_SELF_REVIEW))
    okc_backend_reply_error (request->msg, SOUP_STATUS_FORBIDDEN, "self_review", NULL, "%s",
                             error->message);
  else if (g_error_matches (error, OKC_BACKEND_REFUND_ERROR,
                            OKC_BACKEND_REFUND_ERROR_NOT_PENDING))
    okc_backend_reply_error (request->msg, SOUP_STATUS_CONFLICT, "refund_not_pending", NULL,
                             "%s", error->message);
  else if (error->domain == OKC_DATA_ERROR)
    okc_backend_reply_invalid_input (request->msg, error);
  else
    okc_backend_reply_internal_error (request->msg, error);
}

static void
post_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefund) asked = NULL;
  g_autoptr(OkcRefund) refund = NULL;

  asked = okc_refund_new_from_request (request->body, &error);
  if (asked == NULL)
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return;
    }
  refund = okc_backend_refunds_create (request->db, asked, request->user, request->now,
                                       request->events, &error);
  if (refund == NULL)
    {
      if (g_error_matches (error, OKC_BACKEND_REFUND_ERROR, OKC_BACKEND_REFUND_ERROR_NO_SESSION))
        okc_backend_reply_not_found (request->msg, "session",
                                     okc_refund_get_session_id (asked));
      else
        reply_failure (request, error);
      return;
    }
  reply_refund (request, SOUP_STATUS_CREATED, refund);
}

static void
session_list_cb (OkcBackendRequest *request)
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

static gboolean
reply_bad_parameter (OkcBackendRequest *request,
                     const char        *name,
                     const char        *message)
{
  okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter", name,
                           "%s: %s", name, message);
  return FALSE;
}

static gboolean
check_known_params (OkcBackendRequest   *request,
                    const char * const  *known)
{
  GHashTableIter iter;
  const char *name;

  if (request->query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, request->query);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_strv_contains (known, name))
      return reply_bad_parameter (request, name, "is not a parameter of this list");
  return TRUE;
}

/* "pending_approval,processing" → ["pending_approval","processing"]; NULL if one is no
 * status. */
static char *
parse_statuses (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      int status;

      if (!okc_enum_from_nick (OKC_TYPE_REFUND_STATUS, parts[i], &status))
        return NULL;
      json_builder_add_string_value (builder, parts[i]);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
filter_param (OkcBackendRequest  *request,
              const char         *name,
              const char        **out)
{
  const char *value = okc_backend_request_get_query (request, name);

  if (value != NULL && *value == '\0')
    return reply_bad_parameter (request, name, "is empty");
  *out = value;
  return TRUE;
}

/* The cursor is the last refund's row number of the previous page. */
static gboolean
cursor_param (OkcBackendRequest *request,
              gint64            *out)
{
  const char *cursor = okc_backend_request_get_query (request, "cursor");
  guint64 seq = 0;

  *out = 0;
  if (cursor == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (cursor, 10, 1, G_MAXINT64, &seq, NULL))
    return reply_bad_parameter (request, "cursor", "is not a cursor this list gave");
  *out = (gint64) seq;
  return TRUE;
}

static void
query_cb (OkcBackendRequest *request)
{
  static const char * const known[] = {
    "status", "ticket_id", "session_id", "requested_by", "limit", "cursor", NULL
  };
  OkcBackendRefundQuery query = { 0 };
  g_autofree char *statuses = NULL;
  const char *status = okc_backend_request_get_query (request, "status");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!check_known_params (request, known) ||
      !okc_backend_request_get_limit (request, "limit", OKC_BACKEND_REFUNDS_LIMIT_DEFAULT,
                                      OKC_BACKEND_REFUNDS_LIMIT_MAX, &query.limit) ||
      !filter_param (request, "ticket_id", &query.ticket_id) ||
      !filter_param (request, "session_id", &query.session_id) ||
      !filter_param (request, "requested_by", &query.requested_by) ||
      !cursor_param (request, &query.after_seq))
    return;
  if (status != NULL && (statuses = parse_statuses (status)) == NULL)
    {
      reply_bad_parameter (request, "status",
                           "expected pending_approval, processing, succeeded, failed or "
                           "rejected, comma-separated");
      return;
    }
  query.statuses = statuses;
  root = okc_backend_refunds_query (request->db, &query, &error);
  if (root == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

/* The session's detail and the analysis GET /v1/sessions/{id}/analysis serves. */
static gboolean
add_session_evidence (OkcBackendDb  *db,
                      JsonObject    *object,
                      const char    *session_id,
                      GError       **error)
{
  g_autoptr(OkcChargingSession) session = NULL;
  g_autoptr(OkcTariff) tariff = NULL;
  g_autoptr(GPtrArray) neighbours = NULL;
  g_autoptr(OkcSessionAudit) analysis = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!okc_backend_sessions_load_evidence (db, session_id, &session, &tariff, &neighbours,
                                           &local_error))
    {
      if (local_error == NULL)
        g_set_error (&local_error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE,
                     "the refund's session %s is gone", session_id);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  analysis = okc_session_audit_run (session, tariff, neighbours, error);
  if (analysis == NULL)
    return FALSE;
  json_object_set_member (object, "session",
                          okc_backend_sessions_detail_to_json (session, tariff, neighbours));
  json_object_set_member (object, "analysis", okc_session_audit_to_json (analysis));
  return TRUE;
}

static gboolean
add_ticket (OkcBackendDb  *db,
            JsonObject    *object,
            const char    *ticket_id,
            GError       **error)
{
  JsonNode *ticket;

  if (ticket_id == NULL)
    {
      json_object_set_null_member (object, "ticket");
      return TRUE;
    }
  ticket = okc_backend_tickets_load (db, ticket_id, error);
  if (ticket == NULL)
    {
      if (*error != NULL)
        return FALSE;
      /* Refunds name tickets the backend had; a dataset import may have dropped it. */
      json_object_set_null_member (object, "ticket");
      return TRUE;
    }
  json_object_set_member (object, "ticket", ticket);
  return TRUE;
}

/* RefundReview: the request with its evidence. */
static void
get_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefund) refund = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  OkcMoney refundable;

  refund = okc_backend_refunds_load (request->db, request->param, &refundable, &error);
  if (refund == NULL)
    {
      if (error != NULL)
        okc_backend_reply_internal_error (request->msg, error);
      else
        okc_backend_reply_not_found (request->msg, "refund", request->param);
      return;
    }
  object = json_object_new ();
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, object);
  json_object_set_member (object, "refund", okc_refund_to_json (refund));
  if (!add_session_evidence (request->db, object, okc_refund_get_session_id (refund), &error) ||
      !add_ticket (request->db, object, okc_refund_get_ticket_id (refund), &error))
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  json_object_set_member (object, "refundable", okc_money_to_json (&refundable));
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

/* {"comment"}: a string, not blank when @required. */
static gboolean
parse_comment (JsonNode     *body,
               gboolean      required,
               const char  **out,
               GError      **error)
{
  static const char * const members[] = { "comment", NULL };
  JsonObject *object = okc_json_node_get_object (body, NULL, error);
  g_autofree char *stripped = NULL;

  if (object == NULL || !okc_json_check_members (object, NULL, members, error) ||
      !okc_json_read_string (object, NULL, "comment", OKC_JSON_REQUIRED, out, error))
    return FALSE;
  if (strlen (*out) > COMMENT_MAX_BYTES || !g_utf8_validate (*out, -1, NULL))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "comment",
                          "is at most 2000 bytes of UTF-8");
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (*out));
  if (required && *stripped == '\0')
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "comment",
                          "must say why the refund is rejected");
      return FALSE;
    }
  return TRUE;
}

static void
review (OkcBackendRequest *request,
        gboolean           approve)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefund) refund = NULL;
  const char *comment = NULL;

  if (!parse_comment (request->body, !approve, &comment, &error))
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return;
    }
  refund = okc_backend_refunds_review (request->db, request->param, approve, comment,
                                       request->user, request->now, request->events, &error);
  if (refund == NULL)
    {
      reply_failure (request, error);
      return;
    }
  reply_refund (request, SOUP_STATUS_OK, refund);
}

static void
approve_cb (OkcBackendRequest *request)
{
  review (request, TRUE);
}

static void
reject_cb (OkcBackendRequest *request)
{
  review (request, FALSE);
}

/* Money moves only at a person's hand: the chatbot reads, it does not refund; and only a
 * supervisor lets a refund over the threshold go. */
void
okc_backend_refund_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/refunds",
                                OKC_BACKEND_ACCESS_STAFF,
                                OKC_BACKEND_ROUTE_JSON_BODY | OKC_BACKEND_ROUTE_IDEMPOTENT,
                                post_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/refunds",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, query_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/refunds/{id}",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, get_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/refunds/{id}/approve",
                                OKC_BACKEND_ACCESS_SUPERVISOR,
                                OKC_BACKEND_ROUTE_JSON_BODY | OKC_BACKEND_ROUTE_IDEMPOTENT,
                                approve_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/refunds/{id}/reject",
                                OKC_BACKEND_ACCESS_SUPERVISOR,
                                OKC_BACKEND_ROUTE_JSON_BODY | OKC_BACKEND_ROUTE_IDEMPOTENT,
                                reject_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/sessions/{id}/refunds",
                                OKC_BACKEND_ACCESS_SIGNED_IN, OKC_BACKEND_ROUTE_NONE,
                                session_list_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/refund-policy",
                                OKC_BACKEND_ACCESS_SIGNED_IN, OKC_BACKEND_ROUTE_NONE, policy_cb);
}
