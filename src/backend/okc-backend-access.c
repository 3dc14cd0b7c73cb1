/* okc-backend-access.c — charger access: the policy, the access list with its dates,
 * guests' bookings, and the verdict that follows from them (docs/actions.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-access.h"

#include "okc-backend-audit.h"
#include "okc-backend-chargers.h"

void
okc_backend_account_clear (OkcBackendAccount *account)
{
  g_clear_pointer (&account->id, g_free);
  g_clear_pointer (&account->name, g_free);
  g_clear_pointer (&account->email, g_free);
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

/**
 * okc_backend_access_find_account:
 * @charger_id: (nullable): the charger whose access list breaks ties
 * @contact: an account id ("ACC-00017"), an email, or a phone number
 * @out: (out caller-allocates): the account; its id stays %NULL when none matches
 *
 * Emails match in any case; phones by their digits, with or without the country code 1.
 * Several accounts may share a contact: the one on @charger_id's access list wins, then
 * the lowest id.
 *
 * Returns: FALSE with @error only when SQLite failed.
 */
gboolean
okc_backend_access_find_account (OkcBackendDb       *db,
                                 const char         *charger_id,
                                 const char         *contact,
                                 OkcBackendAccount  *out,
                                 GError            **error)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autofree char *digits = NULL;
  gboolean is_email = okc_text_is_email (contact);
  gboolean is_id = g_str_has_prefix (contact, "ACC-");
  int rc;

#define SELECT_ACCOUNT \
  "SELECT a.id, a.name, a.email, a.status = 'deleted', " \
  "EXISTS (SELECT 1 FROM charger_access x WHERE x.charger_id = ?1 AND x.account_id = a.id) " \
  "AS listed FROM accounts a WHERE "
#define ORDER_ACCOUNTS " ORDER BY listed DESC, a.id LIMIT 1"

  /* By id or email through an index; by phone the stored numbers' digits are compared, a
   * scan the reference backend's few thousand accounts can afford. */
  stmt = okc_backend_db_prepare (
    db,
    is_id      ? SELECT_ACCOUNT "a.id = ?2" ORDER_ACCOUNTS
    : is_email ? SELECT_ACCOUNT "a.email = ?2 COLLATE NOCASE" ORDER_ACCOUNTS
               : SELECT_ACCOUNT "replace(replace(replace(replace(replace(replace(a.phone, ' ', ''), "
                                "'-', ''), '+', ''), '(', ''), ')', ''), '.', '') "
                                "IN (?2, '1' || ?2)" ORDER_ACCOUNTS,
    error);
  if (stmt == NULL)
    return FALSE;
#undef SELECT_ACCOUNT
#undef ORDER_ACCOUNTS

  if (!is_id && !is_email)
    digits = phone_digits (contact);
  okc_backend_stmt_bind_text (stmt, 1, charger_id);
  okc_backend_stmt_bind_text (stmt, 2, digits != NULL ? digits : contact);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);

  out->id = g_strdup (okc_backend_stmt_get_text (stmt, 0));
  out->name = g_strdup (okc_backend_stmt_get_text (stmt, 1));
  out->email = g_strdup (okc_backend_stmt_get_text (stmt, 2));
  out->deleted = sqlite3_column_int (stmt, 3) != 0;
  return TRUE;
}

#define SELECT_GRANTS \
  "SELECT x.charger_id, a.id, a.name, a.email, x.valid_from, x.valid_to, x.booking_id, " \
  "u.id, u.name, x.granted_at, x.ticket_id " \
  "FROM charger_access x JOIN accounts a ON a.id = x.account_id " \
  "LEFT JOIN users u ON u.id = x.granted_by "

static OkcAccessGrant *
grant_from_row (OkcBackendStmt *stmt)
{
  OkcAccessGrant *grant = okc_access_grant_new (okc_backend_stmt_get_text (stmt, 0),
                                                okc_backend_stmt_get_text (stmt, 1),
                                                okc_backend_stmt_get_text (stmt, 2),
                                                okc_backend_stmt_get_text (stmt, 3));

  okc_access_grant_set_dates (grant, sqlite3_column_int64 (stmt, 4),
                              sqlite3_column_int64 (stmt, 5));
  okc_access_grant_set_booking_id (grant, okc_backend_stmt_get_text (stmt, 6));
  okc_access_grant_set_granted (grant, okc_backend_stmt_get_text (stmt, 7),
                                okc_backend_stmt_get_text (stmt, 8),
                                sqlite3_column_int64 (stmt, 9));
  okc_access_grant_set_ticket_id (grant, okc_backend_stmt_get_text (stmt, 10));
  return grant;
}

/**
 * okc_backend_access_load_grant:
 *
 * Returns: (transfer full) (nullable): @account_id's entry on @charger_id's list; %NULL
 *   without @error when there is none.
 */
OkcAccessGrant *
okc_backend_access_load_grant (OkcBackendDb  *db,
                               const char    *charger_id,
                               const char    *account_id,
                               GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, SELECT_GRANTS "WHERE x.charger_id = ?1 AND x.account_id = ?2", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, charger_id);
  okc_backend_stmt_bind_text (stmt, 2, account_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return grant_from_row (stmt);
  if (rc != SQLITE_DONE)
    okc_backend_db_set_error (db, error);
  return NULL;
}

static JsonNode *
wrap_array (const char *member,
            JsonArray  *array)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) value = json_node_init_array (json_node_alloc (), array);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_add_value (builder, g_steal_pointer (&value));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_backend_access_list_grants:
 *
 * Returns: (transfer full) (nullable): `{"grants": [AccessGrant]}` by account name.
 */
JsonNode *
okc_backend_access_list_grants (OkcBackendDb  *db,
                                const char    *charger_id,
                                GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, SELECT_GRANTS "WHERE x.charger_id = ?1 ORDER BY a.name, a.id", error);
  g_autoptr(JsonArray) grants = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, charger_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(OkcAccessGrant) grant = grant_from_row (stmt);
      json_array_add_element (grants, okc_access_grant_to_json (grant));
    }
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  return wrap_array ("grants", grants);
}

#define SELECT_BOOKINGS \
  "SELECT b.id, p.id, p.name, n.id, n.name, b.account_id, b.guest_name, b.guest_email, " \
  "b.check_in, b.check_out, p.pms, b.pms_reference, b.synced_at " \
  "FROM bookings b JOIN properties p ON p.id = b.property_id " \
  "LEFT JOIN units n ON n.id = b.unit_id "

/* Rows become Bookings through their JSON, so the backend says what core reads. */
static JsonNode *
booking_row_to_json (OkcBackendStmt *stmt)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 0));
  json_builder_set_member_name (builder, "property");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 1));
  okc_json_builder_add_string (builder, "name", okc_backend_stmt_get_text (stmt, 2));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "unit");
  if (okc_backend_stmt_get_text (stmt, 3) == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 3));
      okc_json_builder_add_string (builder, "name", okc_backend_stmt_get_text (stmt, 4));
      json_builder_end_object (builder);
    }
  okc_json_builder_add_string (builder, "account_id", okc_backend_stmt_get_text (stmt, 5));
  okc_json_builder_add_string (builder, "guest_name", okc_backend_stmt_get_text (stmt, 6));
  okc_json_builder_add_string (builder, "guest_email", okc_backend_stmt_get_text (stmt, 7));
  okc_json_builder_add_time (builder, "check_in", sqlite3_column_int64 (stmt, 8));
  okc_json_builder_add_time (builder, "check_out", sqlite3_column_int64 (stmt, 9));
  okc_json_builder_add_string (builder, "pms", okc_backend_stmt_get_text (stmt, 10));
  okc_json_builder_add_string (builder, "pms_reference", okc_backend_stmt_get_text (stmt, 11));
  okc_json_builder_add_time (builder, "synced_at", sqlite3_column_int64 (stmt, 12));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_backend_access_load_booking:
 *
 * Returns: (transfer full) (nullable): the booking; %NULL without @error when unknown.
 */
OkcBooking *
okc_backend_access_load_booking (OkcBackendDb  *db,
                                 const char    *booking_id,
                                 GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, SELECT_BOOKINGS "WHERE b.id = ?1",
                                                           error);
  g_autoptr(JsonNode) node = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, booking_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        okc_backend_db_set_error (db, error);
      return NULL;
    }
  node = booking_row_to_json (stmt);
  return okc_booking_new_from_json (node, "booking", error);
}

/**
 * okc_backend_access_list_bookings:
 *
 * Returns: (transfer full) (nullable): `{"bookings": [Booking]}`, newest check-in first.
 */
JsonNode *
okc_backend_access_list_bookings (OkcBackendDb  *db,
                                  const char    *account_id,
                                  GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, SELECT_BOOKINGS "WHERE b.account_id = ?1 ORDER BY b.check_in DESC, b.id", error);
  g_autoptr(JsonArray) bookings = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_element (bookings, booking_row_to_json (stmt));
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  return wrap_array ("bookings", bookings);
}

/* Whether @account_id has a booking at @property_id whose stay covers @now. */
static gboolean
has_current_booking (OkcBackendDb  *db,
                     const char    *property_id,
                     const char    *account_id,
                     gint64         now,
                     gboolean      *out_found,
                     GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT EXISTS (SELECT 1 FROM bookings WHERE property_id = ?1 AND account_id = ?2 "
    "AND check_in <= ?3 AND ?3 < check_out)",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, property_id);
  okc_backend_stmt_bind_text (stmt, 2, account_id);
  okc_backend_stmt_bind_int64 (stmt, 3, now);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  *out_found = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/**
 * okc_backend_access_judge:
 * @account: the account (its id %NULL when none matched)
 * @now: the server's clock
 *
 * The verdict of docs/actions.md: a public charger lets every account in; otherwise a
 * grant whose dates cover @now does, and on a `residents_guests` charger so does a
 * booking at its property covering @now. A grant for other dates says so, unless a
 * booking lets the guest in anyway.
 *
 * Returns: (transfer full) (nullable): the verdict, with the account's grant if any.
 */
OkcChargerAccess *
okc_backend_access_judge (OkcBackendDb            *db,
                          OkcCharger              *charger,
                          const OkcBackendAccount *account,
                          gint64                   now,
                          GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(OkcAccessGrant) grant = NULL;
  OkcChargerPolicy policy = okc_charger_get_access (charger);
  const char *property_id = okc_charger_get_property_id (charger);
  OkcChargerAccess *verdict;
  OkcAccessReason reason;
  gboolean booked = FALSE;

  if (account->id == NULL)
    return okc_charger_access_new (okc_charger_get_id (charger), OKC_ACCESS_REASON_NO_ACCOUNT,
                                   NULL, NULL, NULL);

  grant = okc_backend_access_load_grant (db, okc_charger_get_id (charger), account->id,
                                         &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  reason = grant != NULL ? okc_access_grant_judge (grant, now) : OKC_ACCESS_REASON_NOT_LISTED;
  if (policy == OKC_CHARGER_POLICY_PUBLIC)
    reason = OKC_ACCESS_REASON_PUBLIC;
  else if (reason != OKC_ACCESS_REASON_LISTED &&
           policy == OKC_CHARGER_POLICY_RESIDENTS_GUESTS && property_id != NULL)
    {
      if (!has_current_booking (db, property_id, account->id, now, &booked, error))
        return NULL;
      if (booked)
        reason = OKC_ACCESS_REASON_BOOKING;
    }

  verdict = okc_charger_access_new (okc_charger_get_id (charger), reason, account->id,
                                    account->name, account->email);
  okc_charger_access_set_grant (verdict, grant);
  return verdict;
}

static JsonNode *
policy_state (OkcChargerPolicy policy)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "access",
                               okc_enum_to_nick (OKC_TYPE_CHARGER_POLICY, (int) policy));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Commits, or rolls back and returns FALSE when @ok is FALSE or the commit fails. */
static gboolean
finish (OkcBackendDb  *db,
        gboolean       ok,
        GError       **error)
{
  if (ok && okc_backend_db_commit (db, error))
    return TRUE;
  okc_backend_db_rollback (db);
  return FALSE;
}

/**
 * okc_backend_access_set_policy:
 * @ticket_id: (nullable): the ticket the change answers
 *
 * Sets @charger_id's policy (the charger must exist), with its audit record
 * `charger.access_policy` and `charger.updated`. Setting the policy it has is recorded too:
 * the agent did it.
 */
gboolean
okc_backend_access_set_policy (OkcBackendDb      *db,
                               const char        *actor_id,
                               const char        *charger_id,
                               OkcChargerPolicy   policy,
                               const char        *ticket_id,
                               gint64             now,
                               GError           **error)
{
  g_autoptr(OkcCharger) charger = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = policy_state (policy);
  gboolean ok;

  if (!okc_backend_db_begin (db, error))
    return FALSE;
  charger = okc_backend_chargers_load (db, charger_id, error);
  if (charger == NULL)
    return finish (db, FALSE, error);
  before = policy_state (okc_charger_get_access (charger));
  stmt = okc_backend_db_prepare (db, "UPDATE chargers SET access = ?2 WHERE id = ?1", error);
  ok = stmt != NULL;
  if (ok)
    {
      okc_backend_stmt_bind_text (stmt, 1, okc_charger_get_id (charger));
      okc_backend_stmt_bind_text (stmt, 2,
                                  okc_enum_to_nick (OKC_TYPE_CHARGER_POLICY, (int) policy));
    }
  ok = ok && okc_backend_db_step_done (db, stmt, error) &&
       okc_backend_audit_record (db, now, actor_id, "charger.access_policy", "charger",
                                 okc_charger_get_id (charger), ticket_id, before, after, error) &&
       okc_backend_chargers_announce (db, okc_charger_get_id (charger), now, error);
  return finish (db, ok, error);
}

/**
 * okc_backend_access_grant:
 * @actor_id: who grants it
 * @grant: the entry to write (charger and account must exist; the dates, booking and
 *   ticket as checked by the caller)
 *
 * Writes @grant, replacing the account's earlier one, with `charger.access_grant`
 * (before: the earlier grant or null) and `charger.updated`.
 *
 * Returns: (transfer full) (nullable): the grant as stored.
 */
OkcAccessGrant *
okc_backend_access_grant (OkcBackendDb    *db,
                          const char      *actor_id,
                          OkcAccessGrant  *grant,
                          gint64           now,
                          GError         **error)
{
  const char *charger_id = okc_access_grant_get_charger_id (grant);
  const char *account_id = okc_access_grant_get_account_id (grant);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(OkcAccessGrant) previous = NULL;
  g_autoptr(OkcAccessGrant) stored = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  gboolean ok;

  if (!okc_backend_db_begin (db, error))
    return NULL;
  previous = okc_backend_access_load_grant (db, charger_id, account_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      finish (db, FALSE, NULL);
      return NULL;
    }
  stmt = okc_backend_db_prepare (
    db,
    "INSERT OR REPLACE INTO charger_access (charger_id, account_id, valid_from, valid_to, "
    "booking_id, granted_by, granted_at, ticket_id) "
    "VALUES (?1, ?2, nullif (?3, 0), nullif (?4, 0), ?5, ?6, ?7, ?8)",
    error);
  ok = stmt != NULL;
  if (ok)
    {
      okc_backend_stmt_bind_text (stmt, 1, charger_id);
      okc_backend_stmt_bind_text (stmt, 2, account_id);
      okc_backend_stmt_bind_int64 (stmt, 3, okc_access_grant_get_valid_from (grant));
      okc_backend_stmt_bind_int64 (stmt, 4, okc_access_grant_get_valid_to (grant));
      okc_backend_stmt_bind_text (stmt, 5, okc_access_grant_get_booking_id (grant));
      okc_backend_stmt_bind_text (stmt, 6, actor_id);
      okc_backend_stmt_bind_int64 (stmt, 7, now);
      okc_backend_stmt_bind_text (stmt, 8, okc_access_grant_get_ticket_id (grant));
      ok = okc_backend_db_step_done (db, stmt, error);
    }
  if (ok)
    stored = okc_backend_access_load_grant (db, charger_id, account_id, error);
  if (stored != NULL)
    {
      before = previous != NULL ? okc_access_grant_to_json (previous) : NULL;
      after = okc_access_grant_to_json (stored);
    }
  ok = stored != NULL &&
       okc_backend_audit_record (db, now, actor_id, "charger.access_grant", "charger",
                                 charger_id, okc_access_grant_get_ticket_id (grant), before,
                                 after, error) &&
       okc_backend_chargers_announce (db, charger_id, now, error);
  if (!finish (db, ok, error))
    return NULL;
  return g_steal_pointer (&stored);
}

/**
 * okc_backend_access_revoke:
 * @ticket_id: (nullable): the ticket the change answers
 *
 * Removes @account_id's grant, with `charger.access_revoke` and `charger.updated`.
 *
 * Returns: (transfer full) (nullable): the grant revoked; %NULL without @error when the
 *   account had none.
 */
OkcAccessGrant *
okc_backend_access_revoke (OkcBackendDb  *db,
                           const char    *actor_id,
                           const char    *charger_id,
                           const char    *account_id,
                           const char    *ticket_id,
                           gint64         now,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(OkcAccessGrant) revoked = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(JsonNode) before = NULL;
  gboolean ok;

  if (!okc_backend_db_begin (db, error))
    return NULL;
  revoked = okc_backend_access_load_grant (db, charger_id, account_id, &local_error);
  if (revoked == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      finish (db, FALSE, NULL);
      return NULL;
    }
  before = okc_access_grant_to_json (revoked);
  stmt = okc_backend_db_prepare (
    db, "DELETE FROM charger_access WHERE charger_id = ?1 AND account_id = ?2", error);
  ok = stmt != NULL;
  if (ok)
    {
      okc_backend_stmt_bind_text (stmt, 1, charger_id);
      okc_backend_stmt_bind_text (stmt, 2, account_id);
      ok = okc_backend_db_step_done (db, stmt, error);
    }
  ok = ok &&
       okc_backend_audit_record (db, now, actor_id, "charger.access_revoke", "charger",
                                 charger_id, ticket_id, before, NULL, error) &&
       okc_backend_chargers_announce (db, charger_id, now, error);
  if (!finish (db, ok, error))
    return NULL;
  return g_steal_pointer (&revoked);
}
