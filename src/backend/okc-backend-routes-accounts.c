/* okc-backend-routes-accounts.c — GET /v1/accounts, /v1/accounts/{id}, its sessions and
 * tickets, POST /v1/accounts/{id}/verifications and the account changes
 * (docs/accounts.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-routes.h"

#include "okc-backend-accounts.h"
#include "okc-backend-sessions.h"

static void
reply_failure (OkcBackendRequest *request,
               const char        *account_id,
               const GError      *error)
{
  static const guint statuses[] = {
    [OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_FAILED] = SOUP_STATUS_UNPROCESSABLE_ENTITY,
    [OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_LOCKED] = 429, /* Too Many Requests: libsoup 3.2 has no name for it */
    [OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_REQUIRED] = SOUP_STATUS_FORBIDDEN,
  };
  const char *code;

  if (g_error_matches (error, OKC_BACKEND_ACCOUNT_ERROR, OKC_BACKEND_ACCOUNT_ERROR_NOT_FOUND))
    okc_backend_reply_not_found (request->msg, "account", account_id);
  else if (g_error_matches (error, OKC_BACKEND_ACCOUNT_ERROR,
                            OKC_BACKEND_ACCOUNT_ERROR_CARD_NOT_FOUND))
    okc_backend_reply_error (request->msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL, "%s",
                             error->message);
  else if ((code = okc_backend_account_error_code (error)) != NULL)
    {
      guint status = (guint) error->code < G_N_ELEMENTS (statuses) && statuses[error->code] != 0
                       ? statuses[error->code]
                       : SOUP_STATUS_CONFLICT;

      okc_backend_reply_error (request->msg, status, code, NULL, "%s", error->message);
    }
  else if (error->domain == OKC_DATA_ERROR)
    okc_backend_reply_invalid_input (request->msg, error);
  else
    okc_backend_reply_internal_error (request->msg, error);
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
      {
        okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter",
                                 name, "%s: is not a parameter of this endpoint", name);
        return FALSE;
      }
  return TRUE;
}

static void
search_cb (OkcBackendRequest *request)
{
  static const char * const known[] = { "q", "limit", NULL };
  const char *q = okc_backend_request_get_query (request, "q");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint limit;

  if (!check_known_params (request, known) ||
      !okc_backend_request_get_limit (request, "limit", OKC_BACKEND_ACCOUNTS_LIMIT_DEFAULT,
                                      OKC_BACKEND_ACCOUNTS_LIMIT_MAX, &limit))
    return;
  if (q == NULL)
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_request",
                               "q", "q: say what to look for: an email, a phone number, an "
                               "account id or a name");
      return;
    }
  root = okc_backend_accounts_search (request->db, q, limit, &error);
  if (root == NULL && error->domain == OKC_DATA_ERROR)
    okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_request",
                             okc_data_error_get_field (error), "%s", error->message);
  else if (root == NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else
    okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
get_cb (OkcBackendRequest *request)
{
  static const char * const known[] = { "ticket", NULL };
  const char *ticket = okc_backend_request_get_query (request, "ticket");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!check_known_params (request, known))
    return;
  if (ticket != NULL && *ticket == '\0')
    ticket = NULL;
  root = okc_backend_accounts_load (request->db, request->param, ticket, request->now, &error);
  if (root == NULL && error != NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else if (root == NULL)
    okc_backend_reply_not_found (request->msg, "account", request->param);
  else
    okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

/* The session log's page for the account: GET /v1/sessions?account={id}, its other
 * parameters passed on. */
static void
sessions_cb (OkcBackendRequest *request)
{
  static const char * const known[] = { "limit", "offset", "sort", "from", "to", NULL };
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(OkcBackendSessionQuery) query = NULL;
  g_autoptr(JsonNode) page = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exists;

  if (!check_known_params (request, known))
    return;
  exists = okc_backend_accounts_exists (request->db, request->param, NULL, &error);
  if (!exists)
    {
      if (error != NULL)
        okc_backend_reply_internal_error (request->msg, error);
      else
        okc_backend_reply_not_found (request->msg, "account", request->param);
      return;
    }
  if (request->query != NULL)
    {
      GHashTableIter iter;
      gpointer name, value;

      g_hash_table_iter_init (&iter, request->query);
      while (g_hash_table_iter_next (&iter, &name, &value))
        g_hash_table_insert (params, name, value);
    }
  g_hash_table_insert (params, (gpointer) "account", (gpointer) request->param);
  query = okc_backend_session_query_new_from_params (params, &error);
  if (query == NULL)
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_request",
                               okc_data_error_get_field (error), "%s", error->message);
      return;
    }
  page = okc_backend_session_query_run (query, request->db, &error);
  if (page == NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else
    okc_backend_reply_json (request->msg, SOUP_STATUS_OK, page);
}

static void
tickets_cb (OkcBackendRequest *request)
{
  static const char * const known[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!check_known_params (request, known))
    return;
  root = okc_backend_accounts_list_tickets (request->db, request->param, &error);
  if (root == NULL && error != NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else if (root == NULL)
    okc_backend_reply_not_found (request->msg, "account", request->param);
  else
    okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
verify_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = okc_backend_accounts_verify (request->db, request->param,
                                                          request->body, request->user,
                                                          request->now, &error);

  if (root == NULL)
    reply_failure (request, request->param, error);
  else
    okc_backend_reply_json (request->msg, SOUP_STATUS_CREATED, root);
}

/* A change answers the Account after it. */
static void
reply_change (OkcBackendRequest *request,
              const char        *account_id,
              JsonNode          *account,
              const GError      *error)
{
  if (account == NULL)
    reply_failure (request, account_id, error);
  else
    okc_backend_reply_json (request->msg, SOUP_STATUS_OK, account);
}

static void
cancel_subscription_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) account = okc_backend_accounts_cancel_subscription (
    request->db, request->param, request->body, request->user, request->now, &error);

  reply_change (request, request->param, account, error);
}

/* The router hands over the last {…} segment only, the card: the account is the path's
 * third segment ("/v1/accounts/ACC-00017/cards/CRD-000017/remove"). */
static void
remove_card_cb (OkcBackendRequest *request)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (request->msg));
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  g_autofree char *account_id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) account = NULL;

  if (g_strv_length (segments) == 7)
    account_id = g_uri_unescape_string (segments[3], NULL);
  if (account_id == NULL || *account_id == '\0')
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                               "There is no API at %s", path);
      return;
    }
  account = okc_backend_accounts_remove_card (request->db, account_id, request->param,
                                              request->body, request->user, request->now,
                                              &error);
  reply_change (request, account_id, account, error);
}

static void
change_email_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) account = okc_backend_accounts_change_email (
    request->db, request->param, request->body, request->user, request->now, &error);

  reply_change (request, request->param, account, error);
}

static void
delete_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) account = okc_backend_accounts_delete (
    request->db, request->param, request->body, request->user, request->now, &error);

  reply_change (request, request->param, account, error);
}

static void
revenue_cb (OkcBackendRequest *request)
{
  static const char * const known[] = { "from", "to", "property", NULL };
  const char *property = okc_backend_request_get_query (request, "property");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!check_known_params (request, known))
    return;
  if (property != NULL && *property == '\0')
    property = NULL;
  root = okc_backend_accounts_revenue (request->db, request->param,
                                       okc_backend_request_get_query (request, "from"),
                                       okc_backend_request_get_query (request, "to"), property,
                                       &error);
  if (root != NULL)
    okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
  else if (error->domain == OKC_DATA_ERROR)
    okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_request",
                             okc_data_error_get_field (error), "%s", error->message);
  else
    reply_failure (request, request->param, error);
}

static void
add_change_route (OkcBackendServer  *server,
                  const char        *pattern,
                  OkcBackendHandler  handler)
{
  okc_backend_server_add_route (server, SOUP_METHOD_POST, pattern, OKC_BACKEND_ACCESS_STAFF,
                                OKC_BACKEND_ROUTE_JSON_BODY | OKC_BACKEND_ROUTE_IDEMPOTENT,
                                handler);
}

/* People only: the chatbot neither reads a customer's account nor changes it. */
void
okc_backend_account_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/accounts",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, search_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/accounts/{id}",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, get_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/accounts/{id}/sessions",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, sessions_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/accounts/{id}/tickets",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, tickets_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/accounts/{id}/revenue",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, revenue_cb);
  add_change_route (server, "/v1/accounts/{id}/verifications", verify_cb);
  add_change_route (server, "/v1/accounts/{id}/subscription/cancel", cancel_subscription_cb);
  add_change_route (server, "/v1/accounts/{id}/cards/{card_id}/remove", remove_card_cb);
  add_change_route (server, "/v1/accounts/{id}/email", change_email_cb);
  add_change_route (server, "/v1/accounts/{id}/deletion", delete_cb);
}
