/* okc-backend-routes-audit.c — GET /v1/audit: the audit trail, filtered and paged
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-routes.h"

#include "okc-backend-audit.h"

#define AUDIT_LIMIT_DEFAULT 100
#define AUDIT_LIMIT_MAX 500

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
check_known_params (OkcBackendRequest *request)
{
  static const char * const known[] = {
    "ticket_id", "actor_id", "action", "target_kind", "target_id", "from", "to", "limit",
    "cursor", NULL
  };
  GHashTableIter iter;
  const char *name;

  if (request->query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, request->query);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_strv_contains (known, name))
      return reply_bad_parameter (request, name, "is not a parameter of the audit trail");
  return TRUE;
}

/* A filter given but empty is a mistake, not "no filter": say so. */
static gboolean
read_text (OkcBackendRequest  *request,
           const char         *name,
           const char        **out)
{
  *out = okc_backend_request_get_query (request, name);
  if (*out != NULL && **out == '\0')
    return reply_bad_parameter (request, name, "is empty");
  return TRUE;
}

static gboolean
read_time (OkcBackendRequest *request,
           const char        *name,
           gint64            *out)
{
  const char *text = okc_backend_request_get_query (request, name);

  *out = 0;
  if (text == NULL)
    return TRUE;
  if (!okc_time_parse_rfc3339 (text, out))
    {
      g_autofree char *message =
        g_strdup_printf ("“%s” is not an RFC 3339 time such as 2026-11-24T09:30:00Z", text);
      return reply_bad_parameter (request, name, message);
    }
  return TRUE;
}

static gboolean
read_query (OkcBackendRequest    *request,
            OkcBackendAuditQuery *query)
{
  const char *cursor = NULL;

  if (!check_known_params (request) ||
      !read_text (request, "ticket_id", &query->ticket_id) ||
      !read_text (request, "actor_id", &query->actor_id) ||
      !read_text (request, "action", &query->action_prefix) ||
      !read_text (request, "target_kind", &query->target_kind) ||
      !read_text (request, "target_id", &query->target_id) ||
      !read_text (request, "cursor", &cursor) ||
      !read_time (request, "from", &query->from) ||
      !read_time (request, "to", &query->to) ||
      !okc_backend_request_get_limit (request, "limit", AUDIT_LIMIT_DEFAULT, AUDIT_LIMIT_MAX,
                                      &query->limit))
    return FALSE;
  if (cursor != NULL && !okc_backend_audit_cursor_decode (cursor, &query->before_seq))
    return reply_bad_parameter (request, "cursor", "is not a cursor this list gave");
  if (query->from != 0 && query->to != 0 && query->to <= query->from)
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_input",
                               "to", "to: must be later than from");
      return FALSE;
    }
  return TRUE;
}

static void
list_cb (OkcBackendRequest *request)
{
  OkcBackendAuditQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!read_query (request, &query))
    return;
  /* An agent reads what was done on a ticket they work on; the whole trail, and so what
   * every colleague did, is a supervisor's. */
  if (okc_user_get_role (request->user) != OKC_ROLE_SUPERVISOR && query.ticket_id == NULL)
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_FORBIDDEN, "forbidden", "ticket_id",
                               "An agent may read the audit trail of one ticket only: "
                               "give ticket_id");
      return;
    }
  root = okc_backend_audit_list (request->db, &query, &error);
  if (root == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

void
okc_backend_audit_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/audit",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, list_cb);
}
