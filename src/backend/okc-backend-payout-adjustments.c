/* okc-backend-payout-adjustments.c — POST /v1/payouts/{id}/adjustments: a payout's shortfall
 * credited to the property's next scheduled payout (docs/payouts.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-payouts.h"
#include "okc-backend-payouts-private.h"

#include "okc-backend-audit.h"
#include "okc-backend-events.h"

typedef struct
{
  const char *ticket_id;
  gint64 amount;
  const char *reason;
} Request;

static gboolean
read_request (JsonNode       *body,
              const char     *currency,
              Request        *out,
              GError        **error)
{
  static const char * const allowed[] = { "ticket_id", "amount", "reason", NULL };
  JsonObject *object = okc_json_node_get_object (body, NULL, error);
  JsonNode *amount;
  OkcMoney money;

  if (object == NULL || !okc_json_check_members (object, NULL, allowed, error) ||
      !okc_json_read_string (object, NULL, "ticket_id", OKC_JSON_OPTIONAL | OKC_JSON_NULLABLE |
                                                          OKC_JSON_NOT_EMPTY,
                             &out->ticket_id, error) ||
      !okc_json_read_string (object, NULL, "reason", OKC_JSON_NOT_EMPTY, &out->reason, error))
    return FALSE;
  amount = json_object_get_member (object, "amount");
  if (amount == NULL || JSON_NODE_HOLDS_NULL (amount))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, "amount",
                          "say how much to credit, as {\"amount\", \"currency\"}");
      return FALSE;
    }
  if (!okc_money_from_json (amount, "amount", &money, error))
    return FALSE;
  if (g_strcmp0 (money.currency, currency) != 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "amount",
                          "is in %s, the payout in %s", money.currency, currency);
      return FALSE;
    }
  if (money.amount <= 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "amount",
                          "must be more than 0");
      return FALSE;
    }
  out->amount = money.amount;
  return TRUE;
}

static gboolean
ticket_exists (OkcBackendDb  *db,
               const char    *ticket_id,
               gboolean      *out,
               GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "SELECT 1 FROM tickets WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, ticket_id);
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || !okc_backend_payouts_step_failed (db, rc, error);
}

/* The property's next scheduled payout after @period_from, or NULL (none yet). */
static gboolean
find_next_scheduled (OkcBackendDb  *db,
                     const OkcBackendPayoutLoaded  *loaded,
                     char         **out,
                     GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT id FROM payouts WHERE property_id = ?1 AND currency = ?2 AND period_from > ?3 "
    "AND status IN ('scheduled', 'pending') ORDER BY period_from LIMIT 1",
    error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, loaded->property_id);
  okc_backend_stmt_bind_text (stmt, 2, loaded->currency);
  okc_backend_stmt_bind_text (stmt, 3, loaded->period_from);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = g_strdup (okc_backend_stmt_get_text (stmt, 0));
  return rc == SQLITE_ROW || !okc_backend_payouts_step_failed (db, rc, error);
}

static char *
next_adjustment_id (OkcBackendDb  *db,
                    GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "SELECT coalesce (max (CAST (substr (id, 5) AS INTEGER)), 0) + 1 FROM payout_adjustments",
    error);

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  return g_strdup_printf ("ADJ-%05" G_GINT64_FORMAT,
                          (gint64) sqlite3_column_int64 (stmt, 0));
}

static gboolean
record_payout_event (OkcBackendDb  *db,
                     const char    *payout_id,
                     gint64         now,
                     GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) data = NULL;

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "payout_id", payout_id);
  json_builder_end_object (builder);
  data = json_builder_get_root (builder);
  return okc_backend_events_record (db, "payout.updated", NULL, data, now, error);
}

static JsonNode *
load_adjustment (OkcBackendDb  *db,
                 const char    *id,
                 GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, ADJUSTMENTS_SELECT "WHERE a.id = ?1",
                                                           error);
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return okc_backend_payouts_adjustment_from_row (stmt);
  if (!okc_backend_payouts_step_failed (db, rc, error))
    g_set_error (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE,
                 "The adjustment %s just written is not there", id);
  return NULL;
}

static JsonNode *
adjust_body (OkcBackendDb  *db,
             const char    *id,
             JsonNode      *body,
             OkcUser       *actor,
             gint64         now,
             GError       **error)
{
  g_auto(OkcBackendPayoutLoaded) loaded = { 0 };
  g_autoptr(JsonNode) adjustments = NULL;
  g_autoptr(JsonNode) adjustment = NULL;
  g_autoptr(JsonNode) credited_before = NULL;
  g_autoptr(JsonNode) credited_after = NULL;
  g_autoptr(JsonBuilder) after = json_builder_new_immutable ();
  g_autoptr(JsonNode) after_node = NULL;
  g_autofree char *credited = NULL;
  g_autofree char *adjustment_id = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 adjusted, open;
  Request request = { 0 };
  gboolean known;

  if (!okc_backend_payouts_load (db, id, &loaded, &local_error))
    {
      if (local_error == NULL)
        g_set_error (error, OKC_BACKEND_PAYOUT_ERROR, OKC_BACKEND_PAYOUT_ERROR_NOT_FOUND,
                     "There is no payout %s", id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!read_request (body, loaded.currency, &request, error))
    return NULL;
  if (request.ticket_id != NULL)
    {
      if (!ticket_exists (db, request.ticket_id, &known, error))
        return NULL;
      if (!known)
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "ticket_id",
                              "there is no ticket %s", request.ticket_id);
          return NULL;
        }
    }

  if (loaded.status != OKC_PAYOUT_STATUS_PAID && loaded.status != OKC_PAYOUT_STATUS_IN_TRANSIT)
    {
      g_set_error (error, OKC_BACKEND_PAYOUT_ERROR, OKC_BACKEND_PAYOUT_ERROR_NO_SHORTFALL,
                   "Payout %s is %s: only a paid or in-transit payout can have been paid short",
                   loaded.id, okc_enum_to_nick (OKC_TYPE_PAYOUT_STATUS, loaded.status));
      return NULL;
    }
  if (loaded.totals.difference >= 0)
    {
      g_set_error (error, OKC_BACKEND_PAYOUT_ERROR, OKC_BACKEND_PAYOUT_ERROR_NO_SHORTFALL,
                   "Payout %s is not short: it sent %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                   " payable (minor units of %s)",
                   loaded.id, loaded.totals.sent, loaded.totals.payable, loaded.currency);
      return NULL;
    }
  adjustments = okc_backend_payouts_list_adjustments (db, loaded.id, &adjusted, error);
  if (adjustments == NULL)
    return NULL;
  open = -loaded.totals.difference - adjusted;
  if (request.amount > open)
    {
      g_set_error (error, OKC_BACKEND_PAYOUT_ERROR, OKC_BACKEND_PAYOUT_ERROR_EXCEEDS_SHORTFALL,
                   "amount: %" G_GINT64_FORMAT " is more than the shortfall still open, %"
                   G_GINT64_FORMAT " (%" G_GINT64_FORMAT " short, %" G_GINT64_FORMAT
                   " already credited; minor units of %s)",
                   request.amount, MAX (open, 0), -loaded.totals.difference, adjusted,
                   loaded.currency);
      return NULL;
    }

  if (!find_next_scheduled (db, &loaded, &credited, error) ||
      (adjustment_id = next_adjustment_id (db, error)) == NULL)
    return NULL;
  if (credited != NULL && (credited_before = okc_backend_payouts_get (db, credited, error)) == NULL)
    return NULL;

  {
    g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
      db,
      "INSERT INTO payout_adjustments (id, payout_id, amount, currency, reason, ticket_id, "
      "created_by, created_at, credited_payout_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      error);

    if (stmt == NULL)
      return NULL;
    okc_backend_stmt_bind_text (stmt, 1, adjustment_id);
    okc_backend_stmt_bind_text (stmt, 2, loaded.id);
    okc_backend_stmt_bind_int64 (stmt, 3, request.amount);
    okc_backend_stmt_bind_text (stmt, 4, loaded.currency);
    okc_backend_stmt_bind_text (stmt, 5, request.reason);
    okc_backend_stmt_bind_text (stmt, 6, request.ticket_id);
    okc_backend_stmt_bind_text (stmt, 7, okc_user_get_id (actor));
    okc_backend_stmt_bind_int64 (stmt, 8, now);
    okc_backend_stmt_bind_text (stmt, 9, credited);
    if (!okc_backend_db_step_done (db, stmt, error))
      return NULL;
  }
  if (credited != NULL)
    {
      /* The next run sends it with the week's own amount. */
      g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
        db, "UPDATE payouts SET amount = amount + ?2 WHERE id = ?1", error);

      if (stmt == NULL)
        return NULL;
      okc_backend_stmt_bind_text (stmt, 1, credited);
      okc_backend_stmt_bind_int64 (stmt, 2, request.amount);
      if (!okc_backend_db_step_done (db, stmt, error) ||
          (credited_after = okc_backend_payouts_get (db, credited, error)) == NULL)
        return NULL;
    }

  adjustment = load_adjustment (db, adjustment_id, error);
  if (adjustment == NULL)
    return NULL;
  /* The amount on top, as the other money actions have it, for the trail's wording. */
  json_builder_begin_object (after);
  okc_backend_payouts_add_money (after, "amount", request.amount, loaded.currency);
  json_builder_set_member_name (after, "adjustment");
  json_builder_add_value (after, json_node_copy (adjustment));
  json_builder_set_member_name (after, "credited_payout");
  json_builder_add_value (after, credited_after != NULL ? json_node_copy (credited_after)
                                                        : json_node_new (JSON_NODE_NULL));
  json_builder_end_object (after);
  after_node = json_builder_get_root (after);
  if (credited_before != NULL)
    {
      g_autoptr(JsonBuilder) before = json_builder_new_immutable ();
      g_autoptr(JsonNode) before_node = NULL;

      json_builder_begin_object (before);
      json_builder_set_member_name (before, "credited_payout");
      json_builder_add_value (before, g_steal_pointer (&credited_before));
      json_builder_end_object (before);
      before_node = json_builder_get_root (before);
      if (!okc_backend_audit_record (db, now, okc_user_get_id (actor), "payout.adjust", "payout",
                                     loaded.id, request.ticket_id, before_node, after_node,
                                     error))
        return NULL;
    }
  else if (!okc_backend_audit_record (db, now, okc_user_get_id (actor), "payout.adjust",
                                      "payout", loaded.id, request.ticket_id, NULL, after_node,
                                      error))
    return NULL;
  if (!record_payout_event (db, loaded.id, now, error) ||
      (credited != NULL && !record_payout_event (db, credited, now, error)))
    return NULL;
  return g_steal_pointer (&adjustment);
}

JsonNode *
okc_backend_payouts_adjust (OkcBackendDb  *db,
                            const char    *id,
                            JsonNode      *body,
                            OkcUser       *actor,
                            gint64         now,
                            GError       **error)
{
  g_autoptr(JsonNode) adjustment = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), NULL);
  g_return_val_if_fail (id != NULL && OKC_IS_USER (actor), NULL);

  if (!okc_backend_db_begin (db, error))
    return NULL;
  adjustment = adjust_body (db, id, body, actor, now, &local_error);
  if (adjustment == NULL || !okc_backend_db_commit (db, &local_error))
    {
      okc_backend_db_rollback (db);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&adjustment);
}
