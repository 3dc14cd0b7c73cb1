/* okc-backend-account-changes.c — the changes support makes to a customer's account, each
 * behind a live identity check of the account on the ticket that asked for it: cancel the
 * subscription, remove a card, change the login or notification email, delete the
 * account's personal data (docs/accounts.md, "Account changes")
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-accounts.h"

#include <string.h>

#include "okc-backend-audit.h"
#include "okc-backend-chargers.h"
#include "okc-backend-events.h"

/* What a deleted account is called where it is still shown (its sessions, bookings). */
#define DELETED_NAME "Deleted account"
/* The longest email address SMTP carries. */
#define EMAIL_MAX_LENGTH 254

/* The account as a change starts from it, read inside the change's transaction. */
typedef struct
{
  char *id;
  char *kind;
  char *status;
  char *email;
  char *notification_email;
  char *plan;
  char *subscription_status;
  gboolean has_renewal;
  gint64 renews_at;
  gint64 deleted_at;
} AccountRow;

static void
account_row_clear (AccountRow *row)
{
  g_clear_pointer (&row->id, g_free);
  g_clear_pointer (&row->kind, g_free);
  g_clear_pointer (&row->status, g_free);
  g_clear_pointer (&row->email, g_free);
  g_clear_pointer (&row->notification_email, g_free);
  g_clear_pointer (&row->plan, g_free);
  g_clear_pointer (&row->subscription_status, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AccountRow, account_row_clear)

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (time, "%Y-%m-%d %H:%M UTC");
}

static gboolean
load_row (OkcBackendDb  *db,
          const char    *account_id,
          AccountRow    *out,
          GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT id, kind, status, email, notification_email, subscription, subscription_status, "
    "subscription_renews_at, deleted_at FROM accounts WHERE id = ?",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR, OKC_BACKEND_ACCOUNT_ERROR_NOT_FOUND,
                   "No account “%s”", account_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  out->id = g_strdup (okc_backend_stmt_get_text (stmt, 0));
  out->kind = g_strdup (okc_backend_stmt_get_text (stmt, 1));
  out->status = g_strdup (okc_backend_stmt_get_text (stmt, 2));
  out->email = g_strdup (okc_backend_stmt_get_text (stmt, 3));
  out->notification_email = g_strdup (okc_backend_stmt_get_text (stmt, 4));
  out->plan = g_strdup (okc_backend_stmt_get_text (stmt, 5));
  out->subscription_status = g_strdup (okc_backend_stmt_get_text (stmt, 6));
  out->has_renewal = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
  out->renews_at = sqlite3_column_int64 (stmt, 7);
  out->deleted_at = sqlite3_column_int64 (stmt, 8);
  return TRUE;
}

static gboolean
ticket_exists (OkcBackendDb  *db,
               const char    *ticket_id,
               gboolean      *out,
               GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, "SELECT EXISTS (SELECT 1 FROM tickets WHERE id = ?)", error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, ticket_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  *out = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/* What every change checks first, in its transaction: the account exists and is not
 * deleted, the ticket exists, and it has a live identity check of this account. */
static gboolean
begin_change (OkcBackendDb  *db,
              const char    *account_id,
              const char    *ticket_id,
              gint64         now,
              AccountRow    *out,
              GError       **error)
{
  gboolean exists = FALSE;

  if (!load_row (db, account_id, out, error))
    return FALSE;
  if (g_str_equal (out->status, "deleted"))
    {
      g_autofree char *when = format_time (out->deleted_at);

      g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR, OKC_BACKEND_ACCOUNT_ERROR_DELETED,
                   "%s was deleted on %s; a deleted account cannot be changed", account_id,
                   when);
      return FALSE;
    }
  if (!ticket_exists (db, ticket_id, &exists, error))
    return FALSE;
  if (!exists)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "ticket_id", "no ticket “%s”",
                          ticket_id);
      return FALSE;
    }
  return okc_backend_accounts_require_verification (db, account_id, ticket_id, now, error);
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

/* The audit entry and the `account.updated` event of a change, in its transaction. */
static gboolean
record_change (OkcBackendDb  *db,
               const char    *action,
               const char    *account_id,
               const char    *ticket_id,
               OkcUser       *actor,
               JsonNode      *before,
               JsonNode      *after,
               gint64         now,
               GError       **error)
{
  g_autoptr(JsonNode) data = account_event_data (account_id);

  return okc_backend_audit_record (db, now, okc_user_get_id (actor), action, "account",
                                   account_id, ticket_id, before, after, error) &&
         okc_backend_events_record (db, "account.updated", ticket_id, data, now, error);
}

/* Commits a change that went through, rolls back one that did not; answers the Account
 * after it, as the ticket's agent sees it. */
static JsonNode *
finish_change (OkcBackendDb  *db,
               gboolean       ok,
               const char    *account_id,
               const char    *ticket_id,
               gint64         now,
               GError       **error)
{
  JsonNode *account;

  if (!ok || !okc_backend_db_commit (db, error))
    {
      okc_backend_db_rollback (db);
      return NULL;
    }
  account = okc_backend_accounts_load (db, account_id, ticket_id, now, error);
  if (account == NULL && error != NULL && *error == NULL)
    g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR, OKC_BACKEND_ACCOUNT_ERROR_NOT_FOUND,
                 "No account “%s”", account_id);
  return account;
}

static JsonObject *
read_body (JsonNode            *body,
           const char * const  *members,
           const char         **out_ticket_id,
           GError             **error)
{
  JsonObject *object = okc_json_node_get_object (body, NULL, error);

  if (object == NULL || !okc_json_check_members (object, NULL, members, error) ||
      !okc_json_read_string (object, NULL, "ticket_id", OKC_JSON_NOT_EMPTY, out_ticket_id,
                             error))
    return NULL;
  return object;
}

static void
add_time_or_null (JsonBuilder *builder,
                  const char  *member,
                  gboolean     present,
                  gint64       unix_time)
{
  if (present)
    okc_json_builder_add_time (builder, member, unix_time);
  else
    {
      json_builder_set_member_name (builder, member);
      json_builder_add_null_value (builder);
    }
}

/* ── Cancel the subscription ─────────────────────────────────────────────────────── */

static JsonNode *
subscription_state (const char *status,
                    gboolean    has_renewal,
                    gint64      renews_at,
                    gboolean    has_cancelled,
                    gint64      cancelled_at)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "status", status);
  add_time_or_null (builder, "renews_at", has_renewal, renews_at);
  add_time_or_null (builder, "cancelled_at", has_cancelled, cancelled_at);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
write_subscription (OkcBackendDb  *db,
                    const char    *account_id,
                    const char    *status,
                    gboolean       has_renewal,
                    gint64         renews_at,
                    gboolean       has_cancelled,
                    gint64         cancelled_at,
                    GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "UPDATE accounts SET subscription_status = ?2, subscription_renews_at = ?3, "
    "subscription_cancelled_at = ?4 WHERE id = ?1",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  okc_backend_stmt_bind_text (stmt, 2, status);
  if (has_renewal)
    okc_backend_stmt_bind_int64 (stmt, 3, renews_at);
  if (has_cancelled)
    okc_backend_stmt_bind_int64 (stmt, 4, cancelled_at);
  return okc_backend_db_step_done (db, stmt, error);
}

/* Whether the subscription still charges or runs: `active`, or `cancelling` with its
 * period not over (a passed one has ended by itself, docs/accounts.md). */
static gboolean
subscription_is_live (const AccountRow *row,
                      gint64            now)
{
  if (g_str_equal (row->plan, "none"))
    return FALSE;
  if (g_str_equal (row->subscription_status, "active"))
    return TRUE;
  return g_str_equal (row->subscription_status, "cancelling") &&
         (!row->has_renewal || row->renews_at > now);
}

static gboolean
cancel_within (OkcBackendDb      *db,
               const AccountRow  *row,
               gboolean           at_period_end,
               const char        *ticket_id,
               OkcUser           *actor,
               gint64             now,
               GError           **error)
{
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  gboolean cancelling = g_str_equal (row->subscription_status, "cancelling");

  if (!subscription_is_live (row, now))
    {
      g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR, OKC_BACKEND_ACCOUNT_ERROR_NO_SUBSCRIPTION,
                   g_str_equal (row->plan, "none") || g_str_equal (row->subscription_status, "none")
                     ? "%s has no subscription to cancel"
                     : "The subscription of %s is already cancelled: there are no more charges",
                   row->id);
      return FALSE;
    }
  if (at_period_end && cancelling)
    {
      g_autofree char *end = format_time (row->renews_at);

      g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR, OKC_BACKEND_ACCOUNT_ERROR_NO_SUBSCRIPTION,
                   "The subscription of %s already ends with its period, on %s; only "
                   "“now” can still cancel it", row->id, end);
      return FALSE;
    }
  if (at_period_end && (!row->has_renewal || row->renews_at <= now))
    {
      g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR, OKC_BACKEND_ACCOUNT_ERROR_NO_SUBSCRIPTION,
                   "The subscription of %s has no period end to cancel at; cancel it “now”",
                   row->id);
      return FALSE;
    }

  before = subscription_state (row->subscription_status, row->has_renewal, row->renews_at,
                               FALSE, 0);
  if (at_period_end)
    {
      after = subscription_state ("cancelling", TRUE, row->renews_at, FALSE, 0);
      if (!write_subscription (db, row->id, "cancelling", TRUE, row->renews_at, FALSE, 0, error))
        return FALSE;
    }
  else
    {
      after = subscription_state ("cancelled", FALSE, 0, TRUE, now);
      if (!write_subscription (db, row->id, "cancelled", FALSE, 0, TRUE, now, error))
        return FALSE;
    }
  return record_change (db, "account.subscription_cancel", row->id, ticket_id, actor, before,
                        after, now, error);
}

/**
 * okc_backend_accounts_cancel_subscription:
 * @body: `{"ticket_id", "when": "now" | "period_end"}`
 *
 * Returns: (transfer full): the Account after the change; NULL with an #OKC_DATA_ERROR
 *   (bad input) or an #OKC_BACKEND_ACCOUNT_ERROR (NOT_FOUND, DELETED,
 *   VERIFICATION_REQUIRED, NO_SUBSCRIPTION).
 */
JsonNode *
okc_backend_accounts_cancel_subscription (OkcBackendDb  *db,
                                          const char    *account_id,
                                          JsonNode      *body,
                                          OkcUser       *actor,
                                          gint64         now,
                                          GError       **error)
{
  static const char * const members[] = { "ticket_id", "when", NULL };
  g_auto(AccountRow) row = { 0 };
  const char *ticket_id = NULL, *when = NULL;
  JsonObject *object;
  gboolean ok;

  object = read_body (body, members, &ticket_id, error);
  if (object == NULL ||
      !okc_json_read_string (object, NULL, "when", OKC_JSON_REQUIRED, &when, error))
    return NULL;
  if (!g_str_equal (when, "now") && !g_str_equal (when, "period_end"))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "when",
                          "expected “now” or “period_end”, not “%s”", when);
      return NULL;
    }
  if (!okc_backend_db_begin (db, error))
    return NULL;
  ok = begin_change (db, account_id, ticket_id, now, &row, error) &&
       cancel_within (db, &row, g_str_equal (when, "period_end"), ticket_id, actor, now, error);
  return finish_change (db, ok, account_id, ticket_id, now, error);
}

/* ── Remove a card ───────────────────────────────────────────────────────────────── */

/* The first refund to the account still waiting for approval or for the processor, as
 * "RFD-000012 (pending approval)"; NULL when there is none. */
static gboolean
refund_in_progress (OkcBackendDb  *db,
                    const char    *account_id,
                    char         **out,
                    GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT r.seq, r.status FROM refunds r JOIN sessions s ON s.id = r.session_id "
    "WHERE s.account_id = ? AND r.status IN ('pending_approval', 'processing') "
    "ORDER BY r.seq LIMIT 1",
    error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = g_strdup_printf ("RFD-%06" G_GINT64_FORMAT " (%s)",
                            (gint64) sqlite3_column_int64 (stmt, 0),
                            g_str_equal (okc_backend_stmt_get_text (stmt, 1), "processing")
                              ? "processing" : "pending approval");
  else if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

typedef struct
{
  char *brand;
  char *last4;
  gboolean is_default;
  gboolean removed;
  gint64 n_live;
} CardRow;

static gboolean
load_card (OkcBackendDb  *db,
           const char    *account_id,
           const char    *card_id,
           gboolean      *out_found,
           CardRow       *out,
           GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT brand, last4, is_default, removed_at IS NOT NULL, (SELECT COUNT (*) FROM cards "
    "WHERE account_id = ?1 AND removed_at IS NULL) FROM cards WHERE account_id = ?1 AND id = ?2",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  okc_backend_stmt_bind_text (stmt, 2, card_id);
  rc = sqlite3_step (stmt);
  *out_found = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    {
      out->brand = g_strdup (okc_backend_stmt_get_text (stmt, 0));
      out->last4 = g_strdup (okc_backend_stmt_get_text (stmt, 1));
      out->is_default = sqlite3_column_int (stmt, 2) != 0;
      out->removed = sqlite3_column_int (stmt, 3) != 0;
      out->n_live = sqlite3_column_int64 (stmt, 4);
    }
  else if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

/* Removes the card; when it was the default, the next card (the oldest left) is. Gives
 * the new default's id, NULL when the card was not the default or none is left. */
static gboolean
remove_card_row (OkcBackendDb  *db,
                 const char    *account_id,
                 const char    *card_id,
                 gboolean       was_default,
                 OkcUser       *actor,
                 gint64         now,
                 char         **out_new_default,
                 GError       **error)
{
  g_autoptr(OkcBackendStmt) remove = okc_backend_db_prepare (
    db, "UPDATE cards SET removed_at = ?3, removed_by = ?4, is_default = 0 "
        "WHERE account_id = ?1 AND id = ?2", error);
  int rc;

  *out_new_default = NULL;
  if (remove == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (remove, 1, account_id);
  okc_backend_stmt_bind_text (remove, 2, card_id);
  okc_backend_stmt_bind_int64 (remove, 3, now);
  okc_backend_stmt_bind_text (remove, 4, okc_user_get_id (actor));
  if (!okc_backend_db_step_done (db, remove, error))
    return FALSE;
  g_clear_pointer (&remove, okc_backend_stmt_release);
  if (was_default)
    {
      g_autoptr(OkcBackendStmt) next = okc_backend_db_prepare (
        db, "UPDATE cards SET is_default = 1 WHERE id = (SELECT id FROM cards WHERE "
            "account_id = ?1 AND removed_at IS NULL ORDER BY added_at, id LIMIT 1) RETURNING id",
        error);

      if (next == NULL)
        return FALSE;
      okc_backend_stmt_bind_text (next, 1, account_id);
      rc = sqlite3_step (next);
      if (rc == SQLITE_ROW)
        {
          *out_new_default = g_strdup (okc_backend_stmt_get_text (next, 0));
          rc = sqlite3_step (next);
        }
      if (rc != SQLITE_DONE)
        return okc_backend_db_set_error (db, error);
    }
  return TRUE;
}

static gboolean
remove_card_within (OkcBackendDb      *db,
                    const AccountRow  *row,
                    const char        *card_id,
                    const char        *ticket_id,
                    OkcUser           *actor,
                    gint64             now,
                    GError           **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *refund = NULL;
  g_autofree char *new_default = NULL;
  CardRow card = { 0 };
  gboolean found = FALSE, ok = FALSE;

  if (!load_card (db, row->id, card_id, &found, &card, error))
    return FALSE;
  if (!found || card.removed)
    {
      g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR, OKC_BACKEND_ACCOUNT_ERROR_CARD_NOT_FOUND,
                   found ? "The card “%s” was already removed from %s"
                         : "No card “%s” on %s",
                   card_id, row->id);
      goto out;
    }
  if (card.n_live == 1)
    {
      if (!refund_in_progress (db, row->id, &refund, error))
        goto out;
      if (refund != NULL)
        {
          g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR,
                       OKC_BACKEND_ACCOUNT_ERROR_REFUND_IN_PROGRESS,
                       "%s is the last card of %s and refund %s is to be paid to it; "
                       "remove it once the refund is settled", card_id, row->id, refund);
          goto out;
        }
    }

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "card_id", card_id);
  okc_json_builder_add_string (builder, "brand", card.brand);
  okc_json_builder_add_string (builder, "last4", card.last4);
  json_builder_set_member_name (builder, "is_default");
  json_builder_add_boolean_value (builder, card.is_default);
  json_builder_end_object (builder);
  before = json_builder_get_root (builder);

  if (!remove_card_row (db, row->id, card_id, card.is_default, actor, now, &new_default, error))
    goto out;
  json_builder_reset (builder);
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "card_id", card_id);
  okc_json_builder_add_time (builder, "removed_at", now);
  okc_json_builder_add_string (builder, "default_card_id", new_default);
  json_builder_end_object (builder);
  after = json_builder_get_root (builder);
  ok = record_change (db, "account.card_remove", row->id, ticket_id, actor, before, after, now,
                      error);

out:
  g_free (card.brand);
  g_free (card.last4);
  return ok;
}

/**
 * okc_backend_accounts_remove_card:
 * @body: `{"ticket_id"}`
 *
 * Returns: (transfer full): the Account after the change; NULL with an #OKC_DATA_ERROR
 *   or an #OKC_BACKEND_ACCOUNT_ERROR (NOT_FOUND, CARD_NOT_FOUND, DELETED,
 *   VERIFICATION_REQUIRED, REFUND_IN_PROGRESS).
 */
JsonNode *
okc_backend_accounts_remove_card (OkcBackendDb  *db,
                                  const char    *account_id,
                                  const char    *card_id,
                                  JsonNode      *body,
                                  OkcUser       *actor,
                                  gint64         now,
                                  GError       **error)
{
  static const char * const members[] = { "ticket_id", NULL };
  g_auto(AccountRow) row = { 0 };
  const char *ticket_id = NULL;
  gboolean ok;

  if (read_body (body, members, &ticket_id, error) == NULL || !okc_backend_db_begin (db, error))
    return NULL;
  ok = begin_change (db, account_id, ticket_id, now, &row, error) &&
       remove_card_within (db, &row, card_id, ticket_id, actor, now, error);
  return finish_change (db, ok, account_id, ticket_id, now, error);
}

/* ── Change the email ────────────────────────────────────────────────────────────── */

static gboolean
check_email (const char  *member,
             const char  *email,
             GError     **error)
{
  if (strlen (email) > EMAIL_MAX_LENGTH || !okc_text_is_email (email) ||
      strpbrk (email, " \t\r\n") != NULL)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "“%s” is not an email address, such as maya.chen@example.com", email);
      return FALSE;
    }
  return TRUE;
}

static gboolean
email_in_use (OkcBackendDb  *db,
              const char    *account_id,
              const char    *email,
              char         **out_other,
              GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT id FROM accounts WHERE email = ?2 COLLATE NOCASE AND id <> ?1 AND "
    "status = 'active' ORDER BY id LIMIT 1",
    error);
  int rc;

  *out_other = NULL;
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  okc_backend_stmt_bind_text (stmt, 2, email);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_other = g_strdup (okc_backend_stmt_get_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

typedef struct
{
  const char *ticket_id;
  const char *email;               /* NULL: unchanged */
  gboolean set_notification;
  const char *notification_email;  /* NULL with set_notification: the login email */
} EmailChange;

static gboolean
parse_email_change (JsonNode     *body,
                    EmailChange  *out,
                    GError      **error)
{
  static const char * const members[] = { "ticket_id", "email", "notification_email", NULL };
  JsonObject *object = read_body (body, members, &out->ticket_id, error);

  if (object == NULL ||
      !okc_json_read_string (object, NULL, "email", OKC_JSON_OPTIONAL, &out->email, error) ||
      !okc_json_read_string (object, NULL, "notification_email", OKC_JSON_OPTIONAL,
                             &out->notification_email, error))
    return FALSE;
  out->set_notification = json_object_has_member (object, "notification_email");
  if (out->email == NULL && !out->set_notification)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, "email",
                          "give the new login email, the new notification_email, or both");
      return FALSE;
    }
  return (out->email == NULL || check_email ("email", out->email, error)) &&
         (out->notification_email == NULL ||
          check_email ("notification_email", out->notification_email, error));
}

static gboolean
change_email_within (OkcBackendDb       *db,
                     const AccountRow   *row,
                     const EmailChange  *change,
                     OkcUser            *actor,
                     gint64              now,
                     GError            **error)
{
  g_autoptr(JsonBuilder) before_builder = json_builder_new_immutable ();
  g_autoptr(JsonBuilder) after_builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autofree char *other = NULL;

  if (change->email != NULL)
    {
      if (!email_in_use (db, row->id, change->email, &other, error))
        return FALSE;
      if (other != NULL)
        {
          g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR, OKC_BACKEND_ACCOUNT_ERROR_EMAIL_IN_USE,
                       "Another account, %s, signs in with %s; one email signs in to one "
                       "account", other, change->email);
          return FALSE;
        }
    }

  json_builder_begin_object (before_builder);
  json_builder_begin_object (after_builder);
  if (change->email != NULL)
    {
      okc_json_builder_add_string (before_builder, "email", row->email);
      okc_json_builder_add_string (after_builder, "email", change->email);
    }
  if (change->set_notification)
    {
      okc_json_builder_add_string (before_builder, "notification_email", row->notification_email);
      okc_json_builder_add_string (after_builder, "notification_email",
                                   change->notification_email);
    }
  json_builder_end_object (before_builder);
  json_builder_end_object (after_builder);
  before = json_builder_get_root (before_builder);
  after = json_builder_get_root (after_builder);

  stmt = okc_backend_db_prepare (
    db,
    "UPDATE accounts SET email = IFNULL (?2, email), "
    "notification_email = CASE WHEN ?3 THEN ?4 ELSE notification_email END WHERE id = ?1",
    error);
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, row->id);
  okc_backend_stmt_bind_text (stmt, 2, change->email);
  okc_backend_stmt_bind_int64 (stmt, 3, change->set_notification);
  okc_backend_stmt_bind_text (stmt, 4, change->notification_email);
  if (!okc_backend_db_step_done (db, stmt, error))
    return FALSE;
  return record_change (db, "account.email_change", row->id, change->ticket_id, actor, before,
                        after, now, error);
}

/**
 * okc_backend_accounts_change_email:
 * @body: `{"ticket_id", "email"?, "notification_email"?}`, at least one of the emails;
 *   `"notification_email": null` sends notices to the login email again
 *
 * Returns: (transfer full): the Account after the change; NULL with an #OKC_DATA_ERROR
 *   or an #OKC_BACKEND_ACCOUNT_ERROR (NOT_FOUND, DELETED, VERIFICATION_REQUIRED,
 *   EMAIL_IN_USE).
 */
JsonNode *
okc_backend_accounts_change_email (OkcBackendDb  *db,
                                   const char    *account_id,
                                   JsonNode      *body,
                                   OkcUser       *actor,
                                   gint64         now,
                                   GError       **error)
{
  g_auto(AccountRow) row = { 0 };
  EmailChange change = { 0 };
  gboolean ok;

  if (!parse_email_change (body, &change, error) || !okc_backend_db_begin (db, error))
    return NULL;
  ok = begin_change (db, account_id, change.ticket_id, now, &row, error) &&
       change_email_within (db, &row, &change, actor, now, error);
  return finish_change (db, ok, account_id, change.ticket_id, now, error);
}

/* ── Delete the account ──────────────────────────────────────────────────────────── */

/* The ids a query of one text parameter gives, as a JSON array node. */
static JsonNode *
list_ids (OkcBackendDb  *db,
          const char    *sql,
          const char    *account_id,
          GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql, error);
  g_autoptr(JsonArray) ids = json_array_new ();
  JsonNode *node;
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_string_element (ids, okc_backend_stmt_get_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, ids);
  return node;
}

static gboolean
check_can_delete (OkcBackendDb      *db,
                  const AccountRow  *row,
                  const char        *confirm_email,
                  GError           **error)
{
  g_autoptr(OkcBackendStmt) properties = NULL;
  g_autoptr(OkcBackendStmt) charging = NULL;
  g_autofree char *refund = NULL;
  g_autofree char *typed = g_strstrip (g_strdup (confirm_email));
  int rc;

  if (*row->email == '\0' || g_ascii_strcasecmp (typed, row->email) != 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "confirm_email",
                          "is not the login email of %s: retype the account’s login email "
                          "to confirm its deletion", row->id);
      return FALSE;
    }

  properties = okc_backend_db_prepare (
    db, "SELECT COUNT (*), group_concat (name, ', ') FROM (SELECT name FROM properties "
        "WHERE host_account_id = ? ORDER BY name)", error);
  if (properties == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (properties, 1, row->id);
  if (sqlite3_step (properties) != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  if (sqlite3_column_int64 (properties, 0) > 0)
    {
      g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR, OKC_BACKEND_ACCOUNT_ERROR_HAS_PROPERTIES,
                   "%s hosts %" G_GINT64_FORMAT " %s (%s); a host is deleted once no property "
                   "is theirs", row->id, (gint64) sqlite3_column_int64 (properties, 0),
                   sqlite3_column_int64 (properties, 0) == 1 ? "property" : "properties",
                   okc_backend_stmt_get_text (properties, 1));
      return FALSE;
    }

  charging = okc_backend_db_prepare (
    db, "SELECT session_id, charger_id FROM connectors WHERE account_id = ? AND "
        "session_id IS NOT NULL ORDER BY charger_id, id LIMIT 1", error);
  if (charging == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (charging, 1, row->id);
  rc = sqlite3_step (charging);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR,
                   OKC_BACKEND_ACCOUNT_ERROR_SESSION_IN_PROGRESS,
                   "Session %s of %s is still in progress on %s; delete the account once it "
                   "has ended", okc_backend_stmt_get_text (charging, 0), row->id,
                   okc_backend_stmt_get_text (charging, 1));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);

  if (!refund_in_progress (db, row->id, &refund, error))
    return FALSE;
  if (refund != NULL)
    {
      g_set_error (error, OKC_BACKEND_ACCOUNT_ERROR, OKC_BACKEND_ACCOUNT_ERROR_REFUND_IN_PROGRESS,
                   "Refund %s to %s is not settled yet; delete the account once it is",
                   refund, row->id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_sql (OkcBackendDb  *db,
         const char    *sql,
         const char    *account_id,
         OkcUser       *actor,
         gint64         now,
         GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  /* ?1 the account, ?2 the time, ?3 who: each statement uses those it needs. */
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    okc_backend_stmt_bind_int64 (stmt, 2, now);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    okc_backend_stmt_bind_text (stmt, 3, okc_user_get_id (actor));
  return okc_backend_db_step_done (db, stmt, error);
}

/* The consequences of docs/accounts.md, "Account changes": the subscription cancelled,
 * the cards removed, the personal data erased, the access grants revoked and the
 * bookings unlinked; sessions, refunds, payouts and tickets stay. The audit entry says
 * what was erased by name and what was removed by id: it never copies the erased data. */
static gboolean
delete_within (OkcBackendDb      *db,
               const AccountRow  *row,
               const char        *ticket_id,
               OkcUser           *actor,
               gint64             now,
               GError           **error)
{
  static const char * const erased[] = { "name", "email", "phone", "notification_email" };
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) cards = NULL;
  g_autoptr(JsonNode) grants = NULL;
  g_autoptr(JsonNode) bookings = NULL;
  gboolean live = subscription_is_live (row, now);
  JsonArray *chargers;

  if ((cards = list_ids (db, "SELECT id FROM cards WHERE account_id = ? AND removed_at IS NULL "
                             "ORDER BY id", row->id, error)) == NULL ||
      (grants = list_ids (db, "SELECT charger_id FROM charger_access WHERE account_id = ? "
                              "ORDER BY charger_id", row->id, error)) == NULL ||
      (bookings = list_ids (db, "SELECT id FROM bookings WHERE account_id = ? ORDER BY id",
                            row->id, error)) == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "status", row->status);
  okc_json_builder_add_string (builder, "subscription_status",
                               live ? row->subscription_status : NULL);
  json_builder_set_member_name (builder, "cards");
  json_builder_add_value (builder, json_node_copy (cards));
  json_builder_set_member_name (builder, "access_grants");
  json_builder_add_value (builder, json_node_copy (grants));
  json_builder_set_member_name (builder, "bookings");
  json_builder_add_value (builder, json_node_copy (bookings));
  json_builder_end_object (builder);
  before = json_builder_get_root (builder);

  json_builder_reset (builder);
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "status", "deleted");
  okc_json_builder_add_time (builder, "deleted_at", now);
  okc_json_builder_add_string (builder, "subscription_status", live ? "cancelled" : NULL);
  json_builder_set_member_name (builder, "erased");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (erased); i++)
    json_builder_add_string_value (builder, erased[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "cards_removed");
  json_builder_add_value (builder, json_node_copy (cards));
  json_builder_set_member_name (builder, "access_grants_revoked");
  json_builder_add_value (builder, json_node_copy (grants));
  json_builder_set_member_name (builder, "bookings_unlinked");
  json_builder_add_value (builder, json_node_copy (bookings));
  json_builder_end_object (builder);
  after = json_builder_get_root (builder);

  if ((live && !write_subscription (db, row->id, "cancelled", FALSE, 0, TRUE, now, error)) ||
      !run_sql (db, "UPDATE cards SET removed_at = ?2, removed_by = ?3, is_default = 0 "
                    "WHERE account_id = ?1 AND removed_at IS NULL", row->id, actor, now, error) ||
      !run_sql (db, "UPDATE accounts SET status = 'deleted', deleted_at = ?2, "
                    "name = '" DELETED_NAME "', email = '', phone = NULL, "
                    "notification_email = NULL, card_last4 = NULL WHERE id = ?1",
                row->id, actor, now, error) ||
      !run_sql (db, "DELETE FROM charger_access WHERE account_id = ?1",
                row->id, actor, now, error) ||
      !run_sql (db, "UPDATE bookings SET account_id = NULL, guest_name = '" DELETED_NAME "', "
                    "guest_email = '' WHERE account_id = ?1",
                row->id, actor, now, error))
    return FALSE;

  /* The chargers whose access lists changed say so on the event stream. */
  chargers = json_node_get_array (grants);
  for (guint i = 0; i < json_array_get_length (chargers); i++)
    if (!okc_backend_chargers_announce (db, json_array_get_string_element (chargers, i), now,
                                        error))
      return FALSE;
  return record_change (db, "account.delete", row->id, ticket_id, actor, before, after, now,
                        error);
}

/**
 * okc_backend_accounts_delete:
 * @body: `{"ticket_id", "confirm_email"}`, the account's login email retyped
 *
 * Deletes the account's personal data, in one transaction (docs/accounts.md).
 *
 * Returns: (transfer full): the deleted Account; NULL with an #OKC_DATA_ERROR or an
 *   #OKC_BACKEND_ACCOUNT_ERROR (NOT_FOUND, DELETED, VERIFICATION_REQUIRED, HAS_PROPERTIES,
 *   SESSION_IN_PROGRESS, REFUND_IN_PROGRESS).
 */
JsonNode *
okc_backend_accounts_delete (OkcBackendDb  *db,
                             const char    *account_id,
                             JsonNode      *body,
                             OkcUser       *actor,
                             gint64         now,
                             GError       **error)
{
  static const char * const members[] = { "ticket_id", "confirm_email", NULL };
  g_auto(AccountRow) row = { 0 };
  const char *ticket_id = NULL, *confirm_email = NULL;
  JsonObject *object;
  gboolean ok;

  object = read_body (body, members, &ticket_id, error);
  if (object == NULL ||
      !okc_json_read_string (object, NULL, "confirm_email", OKC_JSON_NOT_EMPTY, &confirm_email,
                             error) ||
      !okc_backend_db_begin (db, error))
    return NULL;
  ok = begin_change (db, account_id, ticket_id, now, &row, error) &&
       check_can_delete (db, &row, confirm_email, error) &&
       delete_within (db, &row, ticket_id, actor, now, error);
  return finish_change (db, ok, account_id, ticket_id, now, error);
}
