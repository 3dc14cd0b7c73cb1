/* okc-backend-routes-payouts.c — GET /v1/payouts, /v1/payouts/{id}, its reconciliation and
 * POST /v1/payouts/{id}/adjustments, GET /v1/accounts/{id}/statement (docs/payouts.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-routes.h"

#include <string.h>

#include "okc-backend-payouts.h"
#include "okc-backend-statement.h"

/* A period and an id, in hex. */
#define MAX_CURSOR_LENGTH 128

static void
reply_bad_parameter (OkcBackendRequest *request,
                     const char        *name,
                     const char        *problem)
{
  okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter", name,
                           "%s: %s", name, problem);
}

static gboolean
check_known_params (OkcBackendRequest  *request,
                    const char * const *known)
{
  GHashTableIter iter;
  const char *name;

  if (request->query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, request->query);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_strv_contains (known, name))
      {
        reply_bad_parameter (request, name, "is not a parameter of this endpoint");
        return FALSE;
      }
  return TRUE;
}

/* The cursor is the last payout's key in hex: opaque, and safe in a query. */
static char *
cursor_encode (const char *key)
{
  GString *text = g_string_new (NULL);

  for (const guchar *p = (const guchar *) key; *p != '\0'; p++)
    g_string_append_printf (text, "%02x", *p);
  return g_string_free (text, FALSE);
}

static char *
cursor_decode (const char *cursor)
{
  gsize length = strlen (cursor);
  g_autofree char *key = NULL;

  if (length == 0 || length % 2 != 0 || length > MAX_CURSOR_LENGTH ||
      strspn (cursor, "0123456789abcdef") != length)
    return NULL;
  key = g_malloc0 (length / 2 + 1);
  for (gsize i = 0; i < length / 2; i++)
    key[i] = (char) (g_ascii_xdigit_value (cursor[2 * i]) * 16 +
                     g_ascii_xdigit_value (cursor[2 * i + 1]));
  if (strlen (key) != length / 2 || !g_utf8_validate (key, -1, NULL))
    return NULL;
  return g_steal_pointer (&key);
}

static const char *
nonempty_query (OkcBackendRequest *request,
                const char        *name)
{
  const char *value = okc_backend_request_get_query (request, name);

  return value != NULL && *value != '\0' ? value : NULL;
}

static void
list_cb (OkcBackendRequest *request)
{
  static const char * const known[] = { "host", "property", "status", "limit", "cursor", NULL };
  const char *host = nonempty_query (request, "host");
  const char *property = nonempty_query (request, "property");
  const char *status = nonempty_query (request, "status");
  const char *cursor = okc_backend_request_get_query (request, "cursor");
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  guint limit;
  int value;

  if (!check_known_params (request, known) ||
      !okc_backend_request_get_limit (request, "limit", OKC_BACKEND_PAYOUTS_LIMIT_DEFAULT,
                                      OKC_BACKEND_PAYOUTS_LIMIT_MAX, &limit))
    return;
  if (host == NULL && property == NULL)
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_request",
                               "host", "host: say whose payouts: a host's account id (host=) "
                               "or a property's id (property=)");
      return;
    }
  if (status != NULL && !okc_enum_from_nick (OKC_TYPE_PAYOUT_STATUS, status, &value))
    {
      g_autofree char *nicks = okc_enum_list_nicks (OKC_TYPE_PAYOUT_STATUS);
      g_autofree char *problem = g_strdup_printf ("is not one of %s", nicks);

      reply_bad_parameter (request, "status", problem);
      return;
    }
  if (cursor != NULL && (after = cursor_decode (cursor)) == NULL)
    {
      reply_bad_parameter (request, "cursor", "is not a cursor this list gave");
      return;
    }
  root = okc_backend_payouts_list (request->db, host, property, status, after, limit, &error);
  if (root == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  object = json_node_get_object (root);
  if (!json_object_get_null_member (object, "next_cursor"))
    {
      g_autofree char *next =
        cursor_encode (json_object_get_string_member (object, "next_cursor"));
      json_object_set_string_member (object, "next_cursor", next);
    }
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
reply_found (OkcBackendRequest *request,
             JsonNode          *root,
             const GError      *error)
{
  if (root != NULL)
    okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
  else if (error != NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else
    okc_backend_reply_not_found (request->msg, "payout", request->param);
}

static void
get_cb (OkcBackendRequest *request)
{
  static const char * const known[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!check_known_params (request, known))
    return;
  root = okc_backend_payouts_get (request->db, request->param, &error);
  reply_found (request, root, error);
}

static void
reconciliation_cb (OkcBackendRequest *request)
{
  static const char * const known[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!check_known_params (request, known))
    return;
  root = okc_backend_payouts_reconciliation (request->db, request->param, &error);
  reply_found (request, root, error);
}

static void
adjust_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = okc_backend_payouts_adjust (request->db, request->param,
                                                         request->body, request->user,
                                                         request->now, &error);
  const char *code;

  if (root != NULL)
    okc_backend_reply_json (request->msg, SOUP_STATUS_CREATED, root);
  else if (g_error_matches (error, OKC_BACKEND_PAYOUT_ERROR, OKC_BACKEND_PAYOUT_ERROR_NOT_FOUND))
    okc_backend_reply_not_found (request->msg, "payout", request->param);
  else if ((code = okc_backend_payout_error_code (error)) != NULL)
    okc_backend_reply_error (request->msg, SOUP_STATUS_CONFLICT, code,
                             g_error_matches (error, OKC_BACKEND_PAYOUT_ERROR,
                                              OKC_BACKEND_PAYOUT_ERROR_EXCEEDS_SHORTFALL)
                               ? "amount"
                               : NULL,
                             "%s", error->message);
  else if (error->domain == OKC_DATA_ERROR)
    okc_backend_reply_invalid_input (request->msg, error);
  else
    okc_backend_reply_internal_error (request->msg, error);
}

static void
statement_cb (OkcBackendRequest *request)
{
  static const char * const known[] = { "from", "to", "property", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!check_known_params (request, known))
    return;
  root = okc_backend_statement_build (request->db, request->param,
                                      okc_backend_request_get_query (request, "from"),
                                      okc_backend_request_get_query (request, "to"),
                                      nonempty_query (request, "property"), &error);
  if (root != NULL)
    okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
  else if (error == NULL)
    okc_backend_reply_not_found (request->msg, "account", request->param);
  else if (error->domain == OKC_DATA_ERROR)
    okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_request",
                             okc_data_error_get_field (error), "%s", error->message);
  else
    okc_backend_reply_internal_error (request->msg, error);
}

/* People only: a host's money is not the chatbot's to read. */
void
okc_backend_payout_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/payouts",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, list_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/payouts/{id}",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, get_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/payouts/{id}/reconciliation",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE,
                                reconciliation_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/payouts/{id}/adjustments",
                                OKC_BACKEND_ACCESS_STAFF,
                                OKC_BACKEND_ROUTE_JSON_BODY | OKC_BACKEND_ROUTE_IDEMPOTENT,
                                adjust_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/accounts/{id}/statement",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, statement_cb);
}
