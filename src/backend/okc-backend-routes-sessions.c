/* okc-backend-routes-sessions.c — GET /v1/sessions, /v1/sessions/{id}, its analysis and
 * GET /v1/tariffs/{id} (docs/sessions.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-routes.h"

#include "okc-backend-sessions.h"
#include "okc-session-audit.h"

static void
reply_bad_query (OkcBackendRequest *request,
                 const GError      *error)
{
  okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_request",
                           okc_data_error_get_field (error), "%s", error->message);
}

static void
list_cb (OkcBackendRequest *request)
{
  g_autoptr(OkcBackendSessionQuery) query = NULL;
  g_autoptr(JsonNode) page = NULL;
  g_autoptr(GError) error = NULL;

  query = okc_backend_session_query_new_from_params (request->query, &error);
  if (query == NULL)
    {
      reply_bad_query (request, error);
      return;
    }
  /* Any failure from here on is the backend's own: its database or its stored data. */
  page = okc_backend_session_query_run (query, request->db, &error);
  if (page == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, page);
}

/* Refuses any query parameter: these routes take none. */
static gboolean
check_no_query (OkcBackendRequest *request)
{
  GHashTableIter iter;
  const char *name;

  if (request->query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, request->query);
  if (!g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    return TRUE;
  okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_request",
                           name, "%s: is not a parameter of this endpoint", name);
  return FALSE;
}

/* What the detail and the analysis both read: the session with its meter and billed
 * lines, its tariff and its neighbours. Answers 404 or 500 itself and returns FALSE. */
static gboolean
load_detail (OkcBackendRequest   *request,
             OkcChargingSession **out_session,
             OkcTariff          **out_tariff,
             GPtrArray          **out_neighbours)
{
  g_autoptr(GError) error = NULL;

  if (!check_no_query (request))
    return FALSE;
  if (okc_backend_sessions_load_evidence (request->db, request->param, out_session, out_tariff,
                                          out_neighbours, &error))
    return TRUE;
  if (error != NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else
    okc_backend_reply_not_found (request->msg, "session", request->param);
  return FALSE;
}

static void
get_cb (OkcBackendRequest *request)
{
  g_autoptr(OkcChargingSession) session = NULL;
  g_autoptr(OkcTariff) tariff = NULL;
  g_autoptr(GPtrArray) neighbours = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!load_detail (request, &session, &tariff, &neighbours))
    return;
  root = okc_backend_sessions_detail_to_json (session, tariff, neighbours);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

/* The same audit the console runs, on the same data the detail serves. */
static void
analysis_cb (OkcBackendRequest *request)
{
  g_autoptr(OkcChargingSession) session = NULL;
  g_autoptr(OkcTariff) tariff = NULL;
  g_autoptr(GPtrArray) neighbours = NULL;
  g_autoptr(OkcSessionAudit) audit = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  if (!load_detail (request, &session, &tariff, &neighbours))
    return;
  audit = okc_session_audit_run (session, tariff, neighbours, &error);
  if (audit == NULL)
    {
      /* The backend's own records disagree with its tariff (a session before the
       * tariff's first version, another currency): the operator's problem. */
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  root = okc_session_audit_to_json (audit);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
tariff_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcTariff) tariff = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!check_no_query (request))
    return;
  tariff = okc_backend_sessions_load_tariff (request->db, request->param, &error);
  if (tariff == NULL)
    {
      if (error != NULL)
        okc_backend_reply_internal_error (request->msg, error);
      else
        okc_backend_reply_not_found (request->msg, "tariff", request->param);
      return;
    }
  root = okc_tariff_to_json (tariff);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

void
okc_backend_charging_session_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/sessions",
                                OKC_BACKEND_ACCESS_SIGNED_IN, OKC_BACKEND_ROUTE_NONE, list_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/sessions/{id}",
                                OKC_BACKEND_ACCESS_SIGNED_IN, OKC_BACKEND_ROUTE_NONE, get_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/sessions/{id}/analysis",
                                OKC_BACKEND_ACCESS_SIGNED_IN, OKC_BACKEND_ROUTE_NONE,
                                analysis_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/tariffs/{id}",
                                OKC_BACKEND_ACCESS_SIGNED_IN, OKC_BACKEND_ROUTE_NONE, tariff_cb);
}
