/* okc-backend-accounts.c — customer accounts as support reads them: the lookup, the
 * Account with its cards, subscription and properties, the account's tickets
 * (docs/accounts.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-accounts.h"

#include <string.h>

#include "okc-backend-tickets.h"

G_DEFINE_QUARK (okc-backend-account-error-quark, okc_backend_account_error)

/* The number of a phone, its punctuation gone, in SQL: what the lookups compare. */
#define SQL_PHONE_DIGITS(column) \
  "replace(replace(replace(replace(replace(replace(" column ", ' ', ''), '-', ''), '+', ''), " \
  "'(', ''), ')', ''), '.', '')"

/* A phone number's matching part: its last 10 digits (a North American number without
 * its country code), or all of them when it has fewer. */
#define PHONE_MATCH_DIGITS 10

const char *
okc_backend_account_error_code (const GError *error)
{
  static const char * const codes[] = {
    [OKC_BACKEND_ACCOUNT_ERROR_NOT_FOUND] = NULL,
    [OKC_BACKEND_ACCOUNT_ERROR_CARD_NOT_FOUND] = NULL,
    [OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_FAILED] = "verification_failed",
    [OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_LOCKED] = "verification_locked",
    [OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_REQUIRED] = "verification_required",
    [OKC_BACKEND_ACCOUNT_ERROR_DELETED] = "account_deleted",
    [OKC_BACKEND_ACCOUNT_ERROR_NO_SUBSCRIPTION] = "no_subscription",
    [OKC_BACKEND_ACCOUNT_ERROR_REFUND_IN_PROGRESS] = "refund_in_progress",
    [OKC_BACKEND_ACCOUNT_ERROR_EMAIL_IN_USE] = "email_in_use",
    [OKC_BACKEND_ACCOUNT_ERROR_HAS_PROPERTIES] = "account_has_properties",
    [OKC_BACKEND_ACCOUNT_ERROR_SESSION_IN_PROGRESS] = "session_in_progress",
  };

  if (error->domain != OKC_BACKEND_ACCOUNT_ERROR || error->code < 0 ||
      (guint) error->code >= G_N_ELEMENTS (codes))
    return NULL;
  return codes[error->code];
}

/* "+1 (415) 555-0142" → "4155550142". */
char *
okc_backend_phone_last_digits (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (digits->len > PHONE_MATCH_DIGITS)
    g_string_erase (digits, 0, digits->len - PHONE_MATCH_DIGITS);
  return g_string_free (digits, FALSE);
}

/* ── Lookup ──────────────────────────────────────────────────────────────────────── */

#define SUMMARY_COLUMNS "id, kind, status, name, email, phone"

static void
add_summary (JsonBuilder    *builder,
             OkcBackendStmt *stmt)
{
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 0));
  okc_json_builder_add_string (builder, "kind", okc_backend_stmt_get_text (stmt, 1));
  okc_json_builder_add_string (builder, "status", okc_backend_stmt_get_text (stmt, 2));
  okc_json_builder_add_string (builder, "name", okc_backend_stmt_get_text (stmt, 3));
  okc_json_builder_add_string (builder, "email", okc_backend_stmt_get_text (stmt, 4));
  okc_json_builder_add_string (builder, "phone", okc_backend_stmt_get_text (stmt, 5));
  json_builder_end_object (builder);
}

/* Which of the lookups @q asks for, and the value it binds. */
typedef enum
{
  LOOKUP_BY_ID,
  LOOKUP_BY_EMAIL,
  LOOKUP_BY_PHONE,
  LOOKUP_BY_NAME,
} LookupKind;

static gboolean
classify_query (const char  *q,
                LookupKind  *out_kind,
                char       **out_value,
                GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (q));

  if (!g_utf8_validate (text, -1, NULL) || strlen (text) > 200)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "q",
                          "expected an email, a phone number, an account id or a name");
      return FALSE;
    }
  if (g_ascii_strncasecmp (text, "ACC-", 4) == 0 && text[4] != '\0')
    *out_kind = LOOKUP_BY_ID;
  else if (okc_text_is_email (text))
    *out_kind = LOOKUP_BY_EMAIL;
  else if (okc_text_is_phone (text))
    {
      *out_kind = LOOKUP_BY_PHONE;
      *out_value = okc_backend_phone_last_digits (text);
      return TRUE;
    }
  else if (g_utf8_strlen (text, -1) >= 3)
    *out_kind = LOOKUP_BY_NAME;
  else
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "q",
                          "a name to search for has 3 characters or more");
      return FALSE;
    }
  *out_value = g_steal_pointer (&text);
  return TRUE;
}

/* "50%_off" → "50\%\_off": a name searched for as it is written. */
static char *
escape_like (const char *text)
{
  GString *escaped = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }
  return g_string_free (escaped, FALSE);
}

/**
 * okc_backend_accounts_search:
 * @q: an email, a phone number, an account id or 3 characters or more of a name
 *
 * Returns: (transfer full): `{"accounts": [AccountSummary]}`, best match first; NULL with
 *   an #OKC_DATA_ERROR (field `q`) for a query that is none of these.
 */
JsonNode *
okc_backend_accounts_search (OkcBackendDb  *db,
                             const char    *q,
                             guint          limit,
                             GError       **error)
{
  /* Deleted accounts are found by their id only: nothing else of them is left. The login
   * email before the notification one; a name that starts with the text before one
   * that contains it. */
  static const char * const sql[] = {
    [LOOKUP_BY_ID] = "SELECT " SUMMARY_COLUMNS " FROM accounts WHERE id = ?1 COLLATE NOCASE "
                     "LIMIT ?2",
    [LOOKUP_BY_EMAIL] = "SELECT " SUMMARY_COLUMNS " FROM accounts WHERE status = 'active' "
                        "AND (email = ?1 COLLATE NOCASE OR notification_email = ?1 COLLATE NOCASE) "
                        "ORDER BY email = ?1 COLLATE NOCASE DESC, id LIMIT ?2",
    [LOOKUP_BY_PHONE] = "SELECT " SUMMARY_COLUMNS " FROM accounts WHERE status = 'active' "
                        "AND phone IS NOT NULL "
                        "AND substr (" SQL_PHONE_DIGITS ("phone") ", -length (?1)) = ?1 "
                        "ORDER BY id LIMIT ?2",
    [LOOKUP_BY_NAME] = "SELECT " SUMMARY_COLUMNS " FROM accounts WHERE status = 'active' "
                       "AND name LIKE '%' || ?1 || '%' ESCAPE '\\' "
                       "ORDER BY name LIKE ?1 || '%' ESCAPE '\\' DESC, name, id LIMIT ?2",
  };
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autofree char *value = NULL;
  LookupKind kind;
  int rc;

  if (!classify_query (q, &kind, &value, error))
    return NULL;
  if (kind == LOOKUP_BY_NAME)
    {
      char *escaped = escape_like (value);

      g_free (value);
      value = escaped;
    }
  stmt = okc_backend_db_prepare (db, sql[kind], error);
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, value);
  okc_backend_stmt_bind_int64 (stmt, 2, limit);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "accounts");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_summary (builder, stmt);
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ── The Account ─────────────────────────────────────────────────────────────────── */

static void
add_time_or_null (JsonBuilder    *builder,
                  const char     *member,
                  OkcBackendStmt *stmt,
                  int             column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      json_builder_set_member_name (builder, member);
      json_builder_add_null_value (builder);
    }
  else
    okc_json_builder_add_time (builder, member, sqlite3_column_int64 (stmt, column));
}

static gboolean
add_cards (JsonBuilder   *builder,
           OkcBackendDb  *db,
           const char    *account_id,
           GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT id, brand, last4, exp_month, exp_year, is_default, added_at FROM cards "
    "WHERE account_id = ? AND removed_at IS NULL ORDER BY is_default DESC, added_at, id",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  json_builder_set_member_name (builder, "cards");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 0));
      okc_json_builder_add_string (builder, "brand", okc_backend_stmt_get_text (stmt, 1));
      okc_json_builder_add_string (builder, "last4", okc_backend_stmt_get_text (stmt, 2));
      json_builder_set_member_name (builder, "exp_month");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 3));
      json_builder_set_member_name (builder, "exp_year");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 4));
      json_builder_set_member_name (builder, "is_default");
      json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 5) != 0);
      okc_json_builder_add_time (builder, "added_at", sqlite3_column_int64 (stmt, 6));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

static gint64
plan_price (const char *plan)
{
  if (g_str_equal (plan, "annual"))
    return OKC_BACKEND_SUBSCRIPTION_ANNUAL_PRICE;
  return OKC_BACKEND_SUBSCRIPTION_MONTHLY_PRICE;
}

/* The subscription as of @now: a `cancelling` one whose period is over has ended, at the
 * end of its period, without anyone writing it down. */
static void
add_subscription (JsonBuilder    *builder,
                  OkcBackendStmt *row,
                  gint64          now)
{
  const char *plan = okc_backend_stmt_get_text (row, 7);
  const char *status = okc_backend_stmt_get_text (row, 8);
  gboolean has_renewal = sqlite3_column_type (row, 9) != SQLITE_NULL;
  gint64 renews_at = sqlite3_column_int64 (row, 9);
  OkcMoney price = { plan_price (plan), OKC_BACKEND_SUBSCRIPTION_CURRENCY };

  json_builder_set_member_name (builder, "subscription");
  if (g_str_equal (plan, "none") || g_str_equal (status, "none"))
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "plan", plan);
  json_builder_set_member_name (builder, "price");
  json_builder_add_value (builder, okc_money_to_json (&price));
  if (g_str_equal (status, "cancelling") && has_renewal && renews_at <= now)
    {
      okc_json_builder_add_string (builder, "status", "cancelled");
      json_builder_set_member_name (builder, "renews_at");
      json_builder_add_null_value (builder);
      okc_json_builder_add_time (builder, "cancelled_at", renews_at);
    }
  else
    {
      okc_json_builder_add_string (builder, "status", status);
      if (g_str_equal (status, "cancelled"))
        {
          json_builder_set_member_name (builder, "renews_at");
          json_builder_add_null_value (builder);
        }
      else
        add_time_or_null (builder, "renews_at", row, 9);
      add_time_or_null (builder, "cancelled_at", row, 10);
    }
  json_builder_end_object (builder);
}

static gboolean
add_properties (JsonBuilder   *builder,
                OkcBackendDb  *db,
                const char    *account_id,
                GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT p.id, p.name, p.city, (SELECT COUNT (*) FROM chargers c WHERE c.property_id = p.id) "
    "FROM properties p WHERE p.host_account_id = ? ORDER BY p.name, p.id",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  json_builder_set_member_name (builder, "properties");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 0));
      okc_json_builder_add_string (builder, "name", okc_backend_stmt_get_text (stmt, 1));
      okc_json_builder_add_string (builder, "city", okc_backend_stmt_get_text (stmt, 2));
      json_builder_set_member_name (builder, "chargers");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 3));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

static gboolean
add_verification (JsonBuilder   *builder,
                  OkcBackendDb  *db,
                  const char    *account_id,
                  const char    *ticket_id,
                  gint64         now,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *verification = NULL;

  if (ticket_id != NULL)
    {
      verification = okc_backend_accounts_live_verification (db, account_id, ticket_id, now,
                                                             &local_error);
      if (verification == NULL && local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  json_builder_set_member_name (builder, "verification");
  if (verification != NULL)
    json_builder_add_value (builder, verification);
  else
    json_builder_add_null_value (builder);
  return TRUE;
}

/**
 * okc_backend_accounts_load:
 * @ticket_id: (nullable): the ticket whose live identity check the Account carries
 *
 * Returns: (transfer full) (nullable): the Account (docs/accounts.md); NULL without an
 *   error when there is no such account.
 */
JsonNode *
okc_backend_accounts_load (OkcBackendDb  *db,
                           const char    *account_id,
                           const char    *ticket_id,
                           gint64         now,
                           GError       **error)
{
  g_autoptr(OkcBackendStmt) row = okc_backend_db_prepare (
    db,
    "SELECT id, kind, status, name, email, notification_email, phone, subscription, "
    "subscription_status, subscription_renews_at, subscription_cancelled_at, created_at, "
    "deleted_at FROM accounts WHERE id = ?",
    error);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *id = NULL;
  gboolean deleted;
  int rc;

  if (row == NULL)
    return NULL;
  okc_backend_stmt_bind_text (row, 1, account_id);
  rc = sqlite3_step (row);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        okc_backend_db_set_error (db, error);
      return NULL;
    }
  id = g_strdup (okc_backend_stmt_get_text (row, 0));
  deleted = g_str_equal (okc_backend_stmt_get_text (row, 2), "deleted");

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", id);
  okc_json_builder_add_string (builder, "kind", okc_backend_stmt_get_text (row, 1));
  okc_json_builder_add_string (builder, "status", okc_backend_stmt_get_text (row, 2));
  okc_json_builder_add_string (builder, "name", okc_backend_stmt_get_text (row, 3));
  okc_json_builder_add_string (builder, "email", okc_backend_stmt_get_text (row, 4));
  okc_json_builder_add_string (builder, "notification_email", okc_backend_stmt_get_text (row, 5));
  okc_json_builder_add_string (builder, "phone", okc_backend_stmt_get_text (row, 6));
  okc_json_builder_add_time (builder, "created_at", sqlite3_column_int64 (row, 11));
  add_time_or_null (builder, "deleted_at", row, 12);
  add_subscription (builder, row, now);
  g_clear_pointer (&row, okc_backend_stmt_release);

  if (!add_cards (builder, db, id, error) || !add_properties (builder, db, id, error) ||
      !add_verification (builder, db, id, deleted ? NULL : ticket_id, now, error))
    return NULL;
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_backend_accounts_exists:
 * @out_deleted: (out) (optional): whether it is deleted
 *
 * Returns: whether there is an account @account_id; FALSE with @error set on failure.
 */
gboolean
okc_backend_accounts_exists (OkcBackendDb  *db,
                             const char    *account_id,
                             gboolean      *out_deleted,
                             GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, "SELECT status = 'deleted' FROM accounts WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && out_deleted != NULL)
    *out_deleted = sqlite3_column_int (stmt, 0) != 0;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    okc_backend_db_set_error (db, error);
  return rc == SQLITE_ROW;
}

/* ── The account's tickets ───────────────────────────────────────────────────────── */

/**
 * okc_backend_accounts_list_tickets:
 *
 * Returns: (transfer full) (nullable): `{"tickets": [Ticket]}`, newest first: those whose
 *   requester wrote from the account's login or notification email, or from its phone;
 *   NULL without an error when there is no such account.
 */
JsonNode *
okc_backend_accounts_list_tickets (OkcBackendDb  *db,
                                   const char    *account_id,
                                   GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    OKC_BACKEND_TICKET_SELECT " JOIN accounts a ON a.id = ?1 WHERE ("
    "  (a.email <> '' AND t.requester_email = a.email COLLATE NOCASE)"
    "  OR t.requester_email = a.notification_email COLLATE NOCASE"
    "  OR (a.phone IS NOT NULL AND t.requester_phone IS NOT NULL AND"
    "      length (" SQL_PHONE_DIGITS ("t.requester_phone") ") >= 7 AND"
    "      substr (" SQL_PHONE_DIGITS ("a.phone") ", -10) ="
    "      substr (" SQL_PHONE_DIGITS ("t.requester_phone") ", -10)))"
    " ORDER BY t.created_at DESC, t.seq DESC LIMIT ?2",
    error);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  int rc;

  if (!okc_backend_accounts_exists (db, account_id, NULL, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  okc_backend_stmt_bind_int64 (stmt, 2, OKC_BACKEND_ACCOUNT_TICKETS_MAX);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tickets");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonNode *ticket = okc_backend_tickets_encode_row (db, stmt, FALSE, error);

      if (ticket == NULL)
        return NULL;
      json_builder_add_value (builder, ticket);
    }
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
