/* okc-backend-account-verify.c — the identity check an agent records on a ticket before
 * changing an account: the methods, the 24 hours it lasts, the lock after failed tries
 * (docs/accounts.md, "Identity verification")
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-accounts.h"

#include <string.h>

#include "okc-backend-audit.h"
#include "okc-backend-events.h"

#define DAY (24 * 60 * 60)

/* What the agent sent. The detail is only ever held here, for the check: it is never
 * written to the database, the audit trail or the log. */
typedef struct
{
  const char *ticket_id;
  OkcVerificationMethod method;
  const char *detail;
} Attempt;

static gboolean
parse_attempt (JsonNode  *body,
               Attempt   *out,
               GError   **error)
{
  static const char * const members[] = { "ticket_id", "method", "detail", NULL };
  JsonObject *object = okc_json_node_get_object (body, NULL, error);
  int method;

  out->detail = NULL;
  if (object == NULL || !okc_json_check_members (object, NULL, members, error) ||
      !okc_json_read_string (object, NULL, "ticket_id", OKC_JSON_NOT_EMPTY, &out->ticket_id,
                             error) ||
      !okc_json_read_enum (object, NULL, "method", OKC_TYPE_VERIFICATION_METHOD,
                           OKC_JSON_REQUIRED, &method, error) ||
      !okc_json_read_string (object, NULL, "detail", OKC_JSON_OPTIONAL, &out->detail, error))
    return FALSE;
  out->method = method;
  return TRUE;
}

static gboolean
digits_value (const char *text,
              guint       n,
              guint      *out)
{
  *out = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *out = *out * 10 + (guint) g_ascii_digit_value (text[i]);
    }
  return TRUE;
}

/* "2026-11-24", a day that exists. */
static gboolean
is_calendar_date (const char *text)
{
  guint year, month, day;

  return text != NULL && strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         digits_value (text, 4, &year) && digits_value (text + 5, 2, &month) &&
         digits_value (text + 8, 2, &day) && month >= 1 && month <= 12 && day >= 1 &&
         year >= 1 && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* The detail's form, before anything is compared: a typo is not a failed check. */
static gboolean
check_detail_form (const Attempt  *attempt,
                   GError        **error)
{
  const char *detail = attempt->detail;

  switch (attempt->method)
    {
    case OKC_VERIFICATION_METHOD_REQUEST_EMAIL:
      if (detail != NULL)
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "detail",
                              "the request_email check takes no detail");
          return FALSE;
        }
      return TRUE;

    case OKC_VERIFICATION_METHOD_CARD_LAST4:
      if (detail == NULL || strlen (detail) != 4 || !g_ascii_isdigit (detail[0]) ||
          !g_ascii_isdigit (detail[1]) || !g_ascii_isdigit (detail[2]) ||
          !g_ascii_isdigit (detail[3]))
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "detail",
                              "expected the last four digits of a card, such as 4242");
          return FALSE;
        }
      return TRUE;

    case OKC_VERIFICATION_METHOD_SESSION_DATE:
      if (!is_calendar_date (detail))
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "detail",
                              "expected the session's date as YYYY-MM-DD");
          return FALSE;
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
ticket_requester_email (OkcBackendDb  *db,
                        const char    *ticket_id,
                        gboolean      *out_exists,
                        char         **out_email,
                        GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, "SELECT requester_email FROM tickets WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, ticket_id);
  rc = sqlite3_step (stmt);
  *out_exists = rc == SQLITE_ROW;
  *out_email = rc == SQLITE_ROW ? g_strdup (okc_backend_stmt_get_text (stmt, 0)) : NULL;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

/* The time the lock ends, when the account and ticket are locked; 0 when not. */
static gboolean
locked_until (OkcBackendDb  *db,
              const char    *account_id,
              const char    *ticket_id,
              gint64         now,
              gint64        *out,
              GError       **error)
{
  /* The last few failures inside the window; the lock holds while the oldest of them is
   * less than the window old. */
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT COUNT (*), MIN (at) FROM (SELECT at FROM account_verifications "
    "WHERE account_id = ?1 AND ticket_id = ?2 AND outcome = 'failed' AND at > ?3 "
    "ORDER BY seq DESC LIMIT ?4)",
    error);

  *out = 0;
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  okc_backend_stmt_bind_text (stmt, 2, ticket_id);
  okc_backend_stmt_bind_int64 (stmt, 3, now - OKC_BACKEND_VERIFICATION_LOCK_WINDOW);
  okc_backend_stmt_bind_int64 (stmt, 4, OKC_BACKEND_VERIFICATION_MAX_FAILURES);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  if (sqlite3_column_int64 (stmt, 0) >= OKC_BACKEND_VERIFICATION_MAX_FAILURES)
    *out = sqlite3_column_int64 (stmt, 1) + OKC_BACKEND_VERIFICATION_LOCK_WINDOW;
  return TRUE;
}

static gboolean
card_matches (OkcBackendDb  *db,
              const char    *account_id,
              const char    *last4,
              gboolean      *out,
              GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT EXISTS (SELECT 1 FROM cards WHERE account_id = ? AND last4 = ? "
    "AND removed_at IS NULL)",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  okc_backend_stmt_bind_text (stmt, 2, last4);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  *out = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/* "2026-11-24" of @unix_time where the charger is; UTC for a charger at no property. */
static char *
local_date (gint64      unix_time,
            const char *timezone)
{
  g_autoptr(GTimeZone) tz = timezone != NULL ? g_time_zone_new_identifier (timezone) : NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%d");
}

static gboolean
session_date_matches (OkcBackendDb  *db,
                      const char    *account_id,
                      const char    *date,
                      gint64         now,
                      gboolean      *out,
                      GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT s.started_at, p.timezone FROM sessions s "
    "LEFT JOIN chargers c ON c.id = s.charger_id "
    "LEFT JOIN properties p ON p.id = c.property_id "
    "WHERE s.account_id = ? AND s.started_at >= ? AND s.started_at <= ?",
    error);
  int rc;

  *out = FALSE;
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  okc_backend_stmt_bind_int64 (stmt, 2, now - (gint64) OKC_BACKEND_VERIFICATION_SESSION_DAYS * DAY);
  okc_backend_stmt_bind_int64 (stmt, 3, now);
  while (!*out && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *day = local_date (sqlite3_column_int64 (stmt, 0),
                                         okc_backend_stmt_get_text (stmt, 1));

      *out = g_str_equal (day, date);
    }
  if (!*out && rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

/* Whether the check passes; @out_failure says which one failed, never the answer. */
static gboolean
run_check (OkcBackendDb   *db,
           const char     *account_id,
           const char     *account_email,
           const char     *requester_email,
           const Attempt  *attempt,
           gint64          now,
           gboolean       *out,
           const char    **out_failure,
           GError        **error)
{
  switch (attempt->method)
    {
    case OKC_VERIFICATION_METHOD_REQUEST_EMAIL:
      *out = requester_email != NULL && *account_email != '\0' &&
             g_ascii_strcasecmp (requester_email, account_email) == 0;
      *out_failure = "The ticket’s requester email isn’t this account’s login email";
      return TRUE;

    case OKC_VERIFICATION_METHOD_CARD_LAST4:
      *out_failure = "The last four digits don’t match a card on this account";
      return card_matches (db, account_id, attempt->detail, out, error);

    case OKC_VERIFICATION_METHOD_SESSION_DATE:
      *out_failure = "This account has no session on that date in the last 90 days";
      return session_date_matches (db, account_id, attempt->detail, now, out, error);

    default:
      g_assert_not_reached ();
    }
}

static gint64
record_attempt (OkcBackendDb   *db,
                const char     *account_id,
                const Attempt  *attempt,
                gboolean        verified,
                OkcUser        *actor,
                gint64          now,
                GError        **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "INSERT INTO account_verifications (account_id, ticket_id, method, outcome, user_id, at, "
    "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return 0;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  okc_backend_stmt_bind_text (stmt, 2, attempt->ticket_id);
  okc_backend_stmt_bind_text (stmt, 3,
                              okc_enum_to_nick (OKC_TYPE_VERIFICATION_METHOD, attempt->method));
  okc_backend_stmt_bind_text (stmt, 4, verified ? "verified" : "failed");
  okc_backend_stmt_bind_text (stmt, 5, okc_user_get_id (actor));
  okc_backend_stmt_bind_int64 (stmt, 6, now);
  if (verified)
    okc_backend_stmt_bind_int64 (stmt, 7, now + OKC_BACKEND_VERIFICATION_LIFETIME);
  if (!okc_backend_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (okc_backend_db_get_handle (db));
}

/* The audit entry names the method and the outcome, never the detail. */
static gboolean
audit_attempt (OkcBackendDb   *db,
               const char     *account_id,
               const Attempt  *attempt,
               gint64          seq,
               gboolean        verified,
               OkcUser        *actor,
               gint64          now,
               GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *id = g_strdup_printf ("VER-%06" G_GINT64_FORMAT, seq);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "verification_id", verified ? id : NULL);
  okc_json_builder_add_string (builder, "method",
                               okc_enum_to_nick (OKC_TYPE_VERIFICATION_METHOD, attempt->method));
  okc_json_builder_add_string (builder, "outcome", verified ? "verified" : "failed");
  json_builder_end_object (builder);
  after = json_builder_get_root (builder);
  return okc_backend_audit_record (db, now, okc_user_get_id (actor), "account.verify", "account",
                                   account_id, attempt->ticket_id, NULL, after, error);
}

static JsonNode *
verification_from_row (OkcBackendStmt *stmt)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *id = g_strdup_printf ("VER-%06" G_GINT64_FORMAT,
                                         (gint64) sqlite3_column_int64 (stmt, 0));

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", id);
  okc_json_builder_add_string (builder, "account_id", okc_backend_stmt_get_text (stmt, 1));
  okc_json_builder_add_string (builder, "ticket_id", okc_backend_stmt_get_text (stmt, 2));
  okc_json_builder_add_string (builder, "method", okc_backend_stmt_get_text (stmt, 3));
  json_builder_set_member_name (builder, "verified_by");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 4));
  okc_json_builder_add_string (builder, "name", okc_backend_stmt_get_text (stmt, 5));
  json_builder_end_object (builder);
  okc_json_builder_add_time (builder, "verified_at", sqlite3_column_int64 (stmt, 6));
  okc_json_builder_add_time (builder, "expires_at", sqlite3_column_int64 (stmt, 7));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

#define VERIFICATION_SELECT \
  "SELECT v.seq, v.account_id, v.ticket_id, v.method, v.user_id, u.name, v.at, v.expires_at " \
  "FROM account_verifications v JOIN users u ON u.id = v.user_id "

static JsonNode *
load_verification (OkcBackendDb  *db,
                   gint64         seq,
                   GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, VERIFICATION_SELECT "WHERE v.seq = ?", error);

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_int64 (stmt, 1, seq);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  return verification_from_row (stmt);
}

/**
 * okc_backend_accounts_live_verification:
 *
 * Returns: (transfer full) (nullable): the newest identity check of @account_id on
 *   @ticket_id that has not expired; NULL without an error when there is none.
 */
JsonNode *
okc_backend_accounts_live_verification (OkcBackendDb  *db,
                                        const char    *account_id,
                                        const char    *ticket_id,
                                        gint64         now,
                                        GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    VERIFICATION_SELECT "WHERE v.account_id = ? AND v.ticket_id = ? AND v.outcome = 'verified' "
    "AND v.expires_at > ? ORDER BY v.seq DESC LIMIT 1",
    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  okc_backend_stmt_bind_text (stmt, 2, ticket_id);
  okc_backend_stmt_bind_int64 (stmt, 3, now);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return verification_from_row (stmt);
  if (rc != SQLITE_DONE)
    okc_backend_db_set_error (db, error);
  return NULL;
}

/**
 * okc_backend_accounts_require_verification:
 *
 * Returns: whether @ticket_id has a live identity check of @account_id; FALSE with a
 *   VERIFICATION_REQUIRED error when not.
 */
gboolean
okc_backend_accounts_require_verification (OkcBackendDb  *db,
                                           const char    *account_id,
                                           const char    *ticket_id,
                                           gint64         now,
                                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) live = okc_backend_accounts_live_verification (db, account_id, ticket_id,
                                                                     now, &local_error);

  if (live != NULL)
    return TRUE;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR, OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_REQUIRED,
                 "Verify the customer’s identity on %s first", ticket_id);
  return FALSE;
}

static gboolean
load_login_email (OkcBackendDb  *db,
                  const char    *account_id,
                  char         **out_email,
                  GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "SELECT email FROM accounts WHERE id = ? AND status = 'active'", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_email = g_strdup (okc_backend_stmt_get_text (stmt, 0));
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR, OKC_BACKEND_ACCOUNT_ERROR_NOT_FOUND,
               "No account “%s”", account_id);
  return FALSE;
}

static gboolean
check_not_locked (OkcBackendDb  *db,
                  const char    *account_id,
                  const char    *ticket_id,
                  gint64         now,
                  GError       **error)
{
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *time = NULL;
  gint64 until_unix;

  if (!locked_until (db, account_id, ticket_id, now, &until_unix, error))
    return FALSE;
  if (until_unix == 0)
    return TRUE;
  until = g_date_time_new_from_unix_utc (until_unix);
  time = g_date_time_format (until, "%H:%M");
  g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR, OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_LOCKED,
               "Too many failed checks; try again after %s UTC", time);
  return FALSE;
}

/* The check and its record, inside the caller's transaction. A failed check is recorded
 * and committed like a passed one: the lock counts it. */
static JsonNode *
verify_within (OkcBackendDb   *db,
               const char     *account_id,
               const Attempt  *attempt,
               OkcUser        *actor,
               gint64          now,
               GError        **error)
{
  g_autofree char *account_email = NULL;
  g_autofree char *requester_email = NULL;
  const char *failure = NULL;
  gboolean ticket_exists, verified;
  gint64 seq;

  if (!load_login_email (db, account_id, &account_email, error) ||
      !ticket_requester_email (db, attempt->ticket_id, &ticket_exists, &requester_email, error))
    return NULL;
  if (!ticket_exists)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "ticket_id", "no ticket “%s”",
                          attempt->ticket_id);
      return NULL;
    }
  if (!check_not_locked (db, account_id, attempt->ticket_id, now, error) ||
      !check_detail_form (attempt, error) ||
      !run_check (db, account_id, account_email, requester_email, attempt, now, &verified,
                  &failure, error))
    return NULL;

  seq = record_attempt (db, account_id, attempt, verified, actor, now, error);
  if (seq == 0 || !audit_attempt (db, account_id, attempt, seq, verified, actor, now, error))
    return NULL;
  if (!verified)
    {
      g_set_error_literal (error, OKC_BACKEND_ACCOUNT_ERROR,
                           OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_FAILED, failure);
      return NULL;
    }
  return load_verification (db, seq, error);
}

static JsonNode *
account_event_data (const char *account_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "account_id", account_id);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_backend_accounts_verify:
 * @body: `{"ticket_id", "method", "detail"?}`
 *
 * Checks the identity of the person on a ticket against @account_id and records the
 * outcome, passed or failed, in one transaction.
 *
 * Returns: (transfer full): the Verification; NULL with an #OKC_DATA_ERROR (bad input) or
 *   an #OKC_BACKEND_ACCOUNT_ERROR (NOT_FOUND, VERIFICATION_FAILED, VERIFICATION_LOCKED).
 */
JsonNode *
okc_backend_accounts_verify (OkcBackendDb  *db,
                             const char    *account_id,
                             JsonNode      *body,
                             OkcUser       *actor,
                             gint64         now,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) verification = NULL;
  Attempt attempt;

  if (!parse_attempt (body, &attempt, error) || !okc_backend_db_begin (db, error))
    return NULL;
  verification = verify_within (db, account_id, &attempt, actor, now, &local_error);
  if (verification != NULL)
    {
      /* The account's page on other consoles shows the identity as verified. */
      g_autoptr(JsonNode) data = account_event_data (account_id);

      if (!okc_backend_events_record (db, "account.updated", attempt.ticket_id, data, now,
                                      &local_error))
        g_clear_pointer (&verification, json_node_unref);
    }
  /* A failed check is kept: it counts towards the lock. */
  if (verification == NULL &&
      !g_error_matches (local_error, OKC_BACKEND_ACCOUNT_ERROR,
                        OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_FAILED))
    {
      okc_backend_db_rollback (db);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!okc_backend_db_commit (db, error))
    {
      okc_backend_db_rollback (db);
      return NULL;
    }
  if (verification == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return g_steal_pointer (&verification);
}
