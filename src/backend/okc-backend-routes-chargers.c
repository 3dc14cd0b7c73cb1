/* okc-backend-routes-chargers.c — GET /v1/chargers/{id}, GET /v1/chargers/{id}/access
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include <string.h>

#include "okc-backend-routes.h"

/* Longer than any email address (RFC 5321 caps a path at 254) or phone number. */
#define MAX_ACCOUNT_LENGTH 254

/* Reads the charger @id matches (case-insensitively, as the table's collation does), or
 * returns %NULL: with @error set when SQLite failed, without when there is no such charger. */
static OkcCharger *
load_charger (OkcBackendDb  *db,
              const char    *id,
              GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(OkcCharger) charger = NULL;
  int status, access, rc;

  stmt = okc_backend_db_prepare (db,
                                 "SELECT c.id, c.serial, c.model, c.firmware, c.status, "
                                 "c.last_heartbeat_at, c.property_id, p.name, c.unit_id, u.name, "
                                 "c.access FROM chargers c "
                                 "LEFT JOIN properties p ON p.id = c.property_id "
                                 "LEFT JOIN units u ON u.id = c.unit_id WHERE c.id = ?",
                                 error);
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        okc_backend_db_set_error (db, error);
      return NULL;
    }

  /* The database is ours: a value the domain does not know is the backend's fault. */
  if (!okc_enum_from_nick (OKC_TYPE_CHARGER_STATUS, okc_backend_stmt_get_text (stmt, 4),
                           &status) ||
      !okc_enum_from_nick (OKC_TYPE_CHARGER_POLICY, okc_backend_stmt_get_text (stmt, 10),
                           &access))
    {
      g_set_error (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SCHEMA,
                   "charger %s has an unknown status or access policy", id);
      return NULL;
    }

  charger = okc_charger_new (okc_backend_stmt_get_text (stmt, 0),
                             okc_backend_stmt_get_text (stmt, 1),
                             okc_backend_stmt_get_text (stmt, 2),
                             okc_backend_stmt_get_text (stmt, 3), status,
                             MAX (0, sqlite3_column_int64 (stmt, 5)), access);
  okc_charger_set_property_ref (charger, okc_backend_stmt_get_text (stmt, 6),
                                okc_backend_stmt_get_text (stmt, 7));
  okc_charger_set_unit_ref (charger, okc_backend_stmt_get_text (stmt, 8),
                            okc_backend_stmt_get_text (stmt, 9));
  return g_steal_pointer (&charger);
}

/* Answers 404 or 500 when @charger is NULL; returns whether it was not. */
static gboolean
check_charger (OkcBackendRequest *request,
               OkcCharger        *charger,
               const GError      *error)
{
  if (charger != NULL)
    return TRUE;
  if (error != NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else
    okc_backend_reply_not_found (request->msg, "charger", request->param);
  return FALSE;
}

static void
get_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = load_charger (request->db, request->param, &error);
  g_autoptr(JsonNode) root = NULL;

  if (!check_charger (request, charger, error))
    return;
  root = okc_charger_to_json (charger);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

/* Only the digits of a phone number: "+1 (415) 555-0123" → "14155550123". */
static char *
phone_digits (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  return g_string_free (digits, FALSE);
}

/* Finds the account of @contact (an email, or a phone compared by its digits, with or
 * without the country code 1) and whether it is on @charger_id's access list. Several
 * accounts may share a contact: the one on the list wins, then the lowest id. Returns
 * FALSE with @error when SQLite failed; *@out_id stays NULL when no account matches. */
static gboolean
find_account (OkcBackendDb  *db,
              const char    *charger_id,
              const char    *contact,
              gboolean       is_email,
              char         **out_id,
              char         **out_name,
              char         **out_email,
              gboolean      *out_listed,
              GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autofree char *digits = NULL;
  int rc;

#define SELECT_ACCOUNT \
  "SELECT a.id, a.name, a.email, " \
  "EXISTS (SELECT 1 FROM charger_access x WHERE x.charger_id = ?1 AND x.account_id = a.id) " \
  "AS listed FROM accounts a WHERE "
#define ORDER_ACCOUNTS " ORDER BY listed DESC, a.id LIMIT 1"

  /* By email through the accounts_by_email index; by phone the stored numbers' digits
   * are compared, a scan the reference backend's few thousand accounts can afford. */
  stmt = okc_backend_db_prepare (
    db,
    is_email ? SELECT_ACCOUNT "a.email = ?2 COLLATE NOCASE" ORDER_ACCOUNTS
             : SELECT_ACCOUNT "replace(replace(replace(replace(replace(replace(a.phone, ' ', ''), "
                              "'-', ''), '+', ''), '(', ''), ')', ''), '.', '') "
                              "IN (?2, '1' || ?2)" ORDER_ACCOUNTS,
    error);
  if (stmt == NULL)
    return FALSE;

  if (!is_email)
    digits = phone_digits (contact);
  okc_backend_stmt_bind_text (stmt, 1, charger_id);
  okc_backend_stmt_bind_text (stmt, 2, is_email ? contact : digits);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);

  *out_id = g_strdup (okc_backend_stmt_get_text (stmt, 0));
  *out_name = g_strdup (okc_backend_stmt_get_text (stmt, 1));
  *out_email = g_strdup (okc_backend_stmt_get_text (stmt, 2));
  *out_listed = sqlite3_column_int (stmt, 3) != 0;
  return TRUE;
}

static void
access_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = NULL;
  g_autoptr(OkcChargerAccess) verdict = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *id = NULL, *name = NULL, *email = NULL;
  const char *account = okc_backend_request_get_query (request, "account");
  gboolean listed = FALSE, is_email;
  OkcAccessReason reason;

  if (account == NULL)
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter",
                               "account", "account: the customer’s email or phone is required");
      return;
    }
  contact = g_strstrip (g_strdup (account));
  is_email = okc_text_is_email (contact);
  if (strlen (contact) > MAX_ACCOUNT_LENGTH || (!is_email && !okc_text_is_phone (contact)))
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter",
                               "account", "account: expected an email address or a phone number");
      return;
    }

  charger = load_charger (request->db, request->param, &error);
  if (!check_charger (request, charger, error))
    return;
  if (!find_account (request->db, okc_charger_get_id (charger), contact, is_email, &id, &name,
                     &email, &listed, &error))
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }

  if (id == NULL)
    reason = OKC_ACCESS_REASON_NO_ACCOUNT;
  else if (okc_charger_get_access (charger) == OKC_CHARGER_POLICY_PUBLIC)
    reason = OKC_ACCESS_REASON_PUBLIC;
  else
    reason = listed ? OKC_ACCESS_REASON_LISTED : OKC_ACCESS_REASON_NOT_LISTED;

  verdict = okc_charger_access_new (okc_charger_get_id (charger), reason, id, name, email);
  root = okc_charger_access_to_json (verdict);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

void
okc_backend_charger_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/chargers/{id}",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, get_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/chargers/{id}/access",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, access_cb);
}
