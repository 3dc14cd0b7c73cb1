/* okc-backend-payouts.c — hosts' weekly payouts, their reconciliation and adjustments
 * (docs/payouts.md); the adjustments are okc-backend-payout-adjustments.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-payouts.h"
#include "okc-backend-payouts-private.h"

#include <stdio.h>
#include <string.h>


G_DEFINE_QUARK (okc-backend-payout-error-quark, okc_backend_payout_error)

const char *
okc_backend_payout_error_code (const GError *error)
{
  static const char * const codes[] = {
    [OKC_BACKEND_PAYOUT_ERROR_NOT_FOUND] = NULL,
    [OKC_BACKEND_PAYOUT_ERROR_NO_SHORTFALL] = "no_shortfall",
    [OKC_BACKEND_PAYOUT_ERROR_EXCEEDS_SHORTFALL] = "adjustment_exceeds_shortfall",
  };

  if (error->domain != OKC_BACKEND_PAYOUT_ERROR || error->code < 0 ||
      (guint) error->code >= G_N_ELEMENTS (codes))
    return NULL;
  return codes[error->code];
}

/* ---- The week ---- */

static gboolean
parse_date (const char *text,
            GDate      *out)
{
  unsigned year, month, day;
  char end;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/**
 * okc_backend_payout_week_bounds:
 *
 * Returns: FALSE when @period_from is not a date.
 */
gboolean
okc_backend_payout_week_bounds (const char *timezone,
                                const char *period_from,
                                gint64     *out_start,
                                gint64     *out_cutoff)
{
  g_autoptr(GTimeZone) named = timezone != NULL ? g_time_zone_new_identifier (timezone) : NULL;
  g_autoptr(GTimeZone) zone = named != NULL ? g_time_zone_ref (named) : g_time_zone_new_utc ();
  GDate monday;

  return parse_date (period_from, &monday) &&
         okc_payout_week_bounds (zone, &monday, out_start, out_cutoff);
}

/* ---- What the period has ---- */

/* Every session of the property that ended after the period began and started before its
 * cut-off: the engine keeps the covered and the deferred ones. The processing fees are the
 * billed breakdown's `fees` (docs/billing.md). */
static const char sessions_sql[] =
  "SELECT s.id, s.charger_id, s.started_at, s.ended_at, s.total, "
  "CASE WHEN json_valid (s.billed) THEN coalesce (json_extract (s.billed, '$.fees.amount'), 0) "
  "ELSE 0 END "
  "FROM chargers c JOIN sessions s ON s.charger_id = c.id "
  "WHERE c.property_id = ?1 AND s.currency = ?2 AND s.started_at < ?4 AND s.ended_at >= ?3 "
  "ORDER BY s.ended_at, s.id";

static const char refunds_sql[] =
  "SELECT r.seq, r.session_id, r.settled_at, r.amount "
  "FROM chargers c JOIN sessions s ON s.charger_id = c.id "
  "JOIN refunds r ON r.session_id = s.id "
  "WHERE c.property_id = ?1 AND r.currency = ?2 AND r.status = 'succeeded' "
  "AND r.settled_at >= ?3 AND r.settled_at < ?4 ORDER BY r.settled_at, r.seq";

/* The payouts before this one, newest first. */
static const char carries_sql[] =
  "SELECT p.id, p.period_from, p.period_to, p.status, pr.timezone "
  "FROM payouts p JOIN properties pr ON pr.id = p.property_id "
  "WHERE p.property_id = ?1 AND p.currency = ?2 AND p.period_from < ?3 "
  "ORDER BY p.period_from DESC";

static const char credits_sql[] =
  "SELECT id, payout_id, amount, reason FROM payout_adjustments "
  "WHERE credited_payout_id = ?1 AND currency = ?2 ORDER BY created_at, id";

gboolean
okc_backend_payouts_step_failed (OkcBackendDb  *db,
             int            rc,
             GError       **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;
  okc_backend_db_set_error (db, error);
  return TRUE;
}

static gboolean
add_sessions (OkcBackendDb                 *db,
              OkcPayoutReconciliation      *self,
              const OkcBackendPayoutPeriod *period,
              GError                      **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sessions_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, period->property_id);
  okc_backend_stmt_bind_text (stmt, 2, period->currency);
  okc_backend_stmt_bind_int64 (stmt, 3, period->period_start);
  okc_backend_stmt_bind_int64 (stmt, 4, period->cutoff_at);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OkcPayoutSession session = {
        .id = (char *) okc_backend_stmt_get_text (stmt, 0),
        .charger_id = (char *) okc_backend_stmt_get_text (stmt, 1),
        .started_at = sqlite3_column_int64 (stmt, 2),
        .ended_at = sqlite3_column_int64 (stmt, 3),
        .gross = sqlite3_column_int64 (stmt, 4),
        .processing_fee = sqlite3_column_int64 (stmt, 5),
      };

      okc_payout_reconciliation_add_session (self, &session);
    }
  return !okc_backend_payouts_step_failed (db, rc, error);
}

static gboolean
add_refunds (OkcBackendDb                 *db,
             OkcPayoutReconciliation      *self,
             const OkcBackendPayoutPeriod *period,
             GError                      **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, refunds_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, period->property_id);
  okc_backend_stmt_bind_text (stmt, 2, period->currency);
  okc_backend_stmt_bind_int64 (stmt, 3, period->period_start);
  okc_backend_stmt_bind_int64 (stmt, 4, period->cutoff_at);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *id = g_strdup_printf ("RFD-%06" G_GINT64_FORMAT,
                                             (gint64) sqlite3_column_int64 (stmt, 0));
      OkcPayoutRefund refund = {
        .id = id,
        .session_id = (char *) okc_backend_stmt_get_text (stmt, 1),
        .settled_at = sqlite3_column_int64 (stmt, 2),
        .amount = sqlite3_column_int64 (stmt, 3),
      };

      okc_payout_reconciliation_add_refund (self, &refund);
    }
  return !okc_backend_payouts_step_failed (db, rc, error);
}

static void
carry_clear (gpointer data)
{
  OkcPayoutCarry *carry = data;

  g_free (carry->payout_id);
  g_free (carry->period_from);
  g_free (carry->period_to);
}

static gboolean
add_carries (OkcBackendDb                 *db,
             OkcPayoutReconciliation      *self,
             const OkcBackendPayoutPeriod *period,
             GError                      **error)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(GArray) run = g_array_new (FALSE, TRUE, sizeof (OkcPayoutCarry));
  g_autoptr(GPtrArray) zones = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (period->without_carries)
    return TRUE;
  stmt = okc_backend_db_prepare (db, carries_sql, error);
  if (stmt == NULL)
    return FALSE;
  g_array_set_clear_func (run, carry_clear);
  okc_backend_stmt_bind_text (stmt, 1, period->property_id);
  okc_backend_stmt_bind_text (stmt, 2, period->currency);
  okc_backend_stmt_bind_text (stmt, 3, period->period_from);
  /* The unbroken run of carried-over payouts just before this one. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW &&
         g_strcmp0 (okc_backend_stmt_get_text (stmt, 3), "carried_over") == 0)
    {
      OkcPayoutCarry carry = {
        .payout_id = g_strdup (okc_backend_stmt_get_text (stmt, 0)),
        .period_from = g_strdup (okc_backend_stmt_get_text (stmt, 1)),
        .period_to = g_strdup (okc_backend_stmt_get_text (stmt, 2)),
      };

      g_array_append_val (run, carry);
      g_ptr_array_add (zones, g_strdup (okc_backend_stmt_get_text (stmt, 4)));
    }
  if (rc != SQLITE_ROW && okc_backend_payouts_step_failed (db, rc, error))
    return FALSE;
  okc_backend_stmt_release (g_steal_pointer (&stmt));

  /* Each week's own balance: what it expected less what it carried in itself (rule 6),
   * computed as its own reconciliation computes it. */
  for (guint i = 0; i < run->len; i++)
    {
      OkcPayoutCarry *carry = &g_array_index (run, OkcPayoutCarry, i);
      OkcBackendPayoutPeriod week = {
        .property_id = period->property_id,
        .currency = period->currency,
        .period_from = carry->period_from,
        .payout_id = carry->payout_id,
        .without_carries = TRUE,
      };
      g_autoptr(OkcPayoutReconciliation) own = NULL;
      OkcPayoutTotals totals;

      if (!okc_backend_payout_week_bounds (g_ptr_array_index (zones, i), carry->period_from,
                                           &week.period_start, &week.cutoff_at))
        continue;
      own = okc_backend_payouts_reconcile_period (db, &week, error);
      if (own == NULL || !okc_payout_reconciliation_compute (own, &totals, error))
        return FALSE;
      carry->amount = totals.expected;
    }
  /* Oldest first, as the weeks went. */
  for (guint i = run->len; i > 0; i--)
    okc_payout_reconciliation_add_carry (self, &g_array_index (run, OkcPayoutCarry, i - 1));
  return TRUE;
}

static gboolean
add_credits (OkcBackendDb                 *db,
             OkcPayoutReconciliation      *self,
             const OkcBackendPayoutPeriod *period,
             GError                      **error)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;
  int rc;

  if (period->payout_id == NULL)
    return TRUE;
  stmt = okc_backend_db_prepare (db, credits_sql, error);
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, period->payout_id);
  okc_backend_stmt_bind_text (stmt, 2, period->currency);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OkcPayoutCredit credit = {
        .id = (char *) okc_backend_stmt_get_text (stmt, 0),
        .payout_id = (char *) okc_backend_stmt_get_text (stmt, 1),
        .amount = sqlite3_column_int64 (stmt, 2),
        .reason = (char *) okc_backend_stmt_get_text (stmt, 3),
      };

      okc_payout_reconciliation_add_credit (self, &credit);
    }
  return !okc_backend_payouts_step_failed (db, rc, error);
}

/**
 * okc_backend_payouts_reconcile_period:
 *
 * Returns: (transfer full) (nullable): the reconciliation, or NULL with @error when SQLite
 *   failed.
 */
OkcPayoutReconciliation *
okc_backend_payouts_reconcile_period (OkcBackendDb                 *db,
                                      const OkcBackendPayoutPeriod *period,
                                      GError                      **error)
{
  g_autoptr(OkcPayoutReconciliation) self = NULL;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), NULL);
  g_return_val_if_fail (period != NULL && period->property_id != NULL &&
                          period->currency != NULL && period->period_from != NULL,
                        NULL);

  self = okc_payout_reconciliation_new (period->currency, period->period_start,
                                        period->cutoff_at);
  if (!add_sessions (db, self, period, error) || !add_refunds (db, self, period, error) ||
      !add_carries (db, self, period, error) || !add_credits (db, self, period, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- Payouts ---- */

#define PAYOUT_SELECT                                                                          \
  "SELECT p.id, p.host_account_id, p.property_id, pr.name, p.period_from, p.period_to, "     \
  "p.currency, p.amount, p.status, coalesce (p.initiated_at, p.paid_at), "                   \
  "coalesce (p.arrival_at, p.paid_at), p.failure_reason, p.bank_last4, pr.timezone, "         \
  "p.period_from || p.id "                                                                   \
  "FROM payouts p JOIN properties pr ON pr.id = p.property_id "

enum
{
  COL_ID,
  COL_HOST,
  COL_PROPERTY,
  COL_PROPERTY_NAME,
  COL_PERIOD_FROM,
  COL_PERIOD_TO,
  COL_CURRENCY,
  COL_AMOUNT,
  COL_STATUS,
  COL_INITIATED_AT,
  COL_ARRIVAL_AT,
  COL_FAILURE_REASON,
  COL_BANK_LAST4,
  COL_TIMEZONE,
  COL_KEY,
};

/* "pending" is a payout of a data set before schema v7: the run has not sent it. */
static OkcPayoutStatus
row_status (OkcBackendStmt *stmt)
{
  int status = OKC_PAYOUT_STATUS_SCHEDULED;

  if (!okc_enum_from_nick (OKC_TYPE_PAYOUT_STATUS, okc_backend_stmt_get_text (stmt, COL_STATUS),
                           &status))
    status = OKC_PAYOUT_STATUS_SCHEDULED;
  return status;
}

static void
add_time_or_null (JsonBuilder    *builder,
                  const char     *member,
                  OkcBackendStmt *stmt,
                  int             column,
                  gboolean        wanted)
{
  if (wanted && sqlite3_column_type (stmt, column) != SQLITE_NULL)
    okc_json_builder_add_time (builder, member, sqlite3_column_int64 (stmt, column));
  else
    okc_json_builder_add_string (builder, member, NULL);
}

void
okc_backend_payouts_add_money (JsonBuilder *builder,
           const char  *member,
           gint64       amount,
           const char  *currency)
{
  OkcMoney money;

  okc_money_init (&money, amount, currency);
  json_builder_set_member_name (builder, member);
  json_builder_add_value (builder, okc_money_to_json (&money));
}

/* The Payout of the row: the fields its status has (docs/payouts.md, "Statuses"). */
static JsonNode *
payout_from_row (OkcBackendStmt *stmt)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  OkcPayoutStatus status = row_status (stmt);
  gboolean sent = status == OKC_PAYOUT_STATUS_IN_TRANSIT || status == OKC_PAYOUT_STATUS_PAID ||
                  status == OKC_PAYOUT_STATUS_FAILED;
  gint64 start = 0, cutoff = 0;

  okc_backend_payout_week_bounds (okc_backend_stmt_get_text (stmt, COL_TIMEZONE),
                                  okc_backend_stmt_get_text (stmt, COL_PERIOD_FROM), &start,
                                  &cutoff);
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, COL_ID));
  okc_json_builder_add_string (builder, "host_account_id",
                               okc_backend_stmt_get_text (stmt, COL_HOST));
  okc_json_builder_add_string (builder, "property_id",
                               okc_backend_stmt_get_text (stmt, COL_PROPERTY));
  okc_json_builder_add_string (builder, "property_name",
                               okc_backend_stmt_get_text (stmt, COL_PROPERTY_NAME));
  okc_json_builder_add_string (builder, "period_from",
                               okc_backend_stmt_get_text (stmt, COL_PERIOD_FROM));
  okc_json_builder_add_string (builder, "period_to",
                               okc_backend_stmt_get_text (stmt, COL_PERIOD_TO));
  okc_json_builder_add_time (builder, "period_start", start);
  okc_json_builder_add_time (builder, "cutoff_at", cutoff);
  okc_backend_payouts_add_money (builder, "amount",
             status == OKC_PAYOUT_STATUS_CARRIED_OVER ? 0
                                                      : sqlite3_column_int64 (stmt, COL_AMOUNT),
             okc_backend_stmt_get_text (stmt, COL_CURRENCY));
  okc_json_builder_add_string (builder, "status",
                               okc_enum_to_nick (OKC_TYPE_PAYOUT_STATUS, status));
  add_time_or_null (builder, "initiated_at", stmt, COL_INITIATED_AT, sent);
  add_time_or_null (builder, "arrival_at", stmt, COL_ARRIVAL_AT,
                    sent && status != OKC_PAYOUT_STATUS_FAILED);
  okc_json_builder_add_string (builder, "failure_reason",
                               status == OKC_PAYOUT_STATUS_FAILED
                                 ? okc_backend_stmt_get_text (stmt, COL_FAILURE_REASON)
                                 : NULL);
  okc_json_builder_add_string (builder, "bank_last4",
                               okc_backend_stmt_get_text (stmt, COL_BANK_LAST4));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
okc_backend_payouts_get (OkcBackendDb  *db,
                         const char    *id,
                         GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, PAYOUT_SELECT "WHERE p.id = ?1",
                                                           error);
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return payout_from_row (stmt);
  okc_backend_payouts_step_failed (db, rc, error);
  return NULL;
}

#define LIST_WHERE                                                                             \
  "WHERE (?1 IS NULL OR p.host_account_id = ?1) AND (?2 IS NULL OR p.property_id = ?2) "     \
  "AND (?3 IS NULL OR p.status = ?3 OR (?3 = 'scheduled' AND p.status = 'pending')) "

/**
 * okc_backend_payouts_list:
 *
 * Newest period first, then by id; the page's key is the period and the id together
 * (`next_cursor`, raw: the caller encodes it).
 */
JsonNode *
okc_backend_payouts_list (OkcBackendDb  *db,
                          const char    *host_id,
                          const char    *property_id,
                          const char    *status,
                          const char    *after,
                          guint          limit,
                          GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *last_key = NULL;
  gint64 total;
  guint n = 0;
  int rc;

  stmt = okc_backend_db_prepare (db, "SELECT count (*) FROM payouts p " LIST_WHERE, error);
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, host_id);
  okc_backend_stmt_bind_text (stmt, 2, property_id);
  okc_backend_stmt_bind_text (stmt, 3, status);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  total = sqlite3_column_int64 (stmt, 0);
  okc_backend_stmt_release (stmt);

  stmt = okc_backend_db_prepare (db,
                                 PAYOUT_SELECT LIST_WHERE
                                 "AND (?4 IS NULL OR p.period_from || p.id < ?4) "
                                 "ORDER BY p.period_from DESC, p.id DESC LIMIT ?5",
                                 error);
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, host_id);
  okc_backend_stmt_bind_text (stmt, 2, property_id);
  okc_backend_stmt_bind_text (stmt, 3, status);
  okc_backend_stmt_bind_text (stmt, 4, after);
  okc_backend_stmt_bind_int64 (stmt, 5, (gint64) limit + 1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "payouts");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (++n > limit)
        break;
      g_free (last_key);
      last_key = g_strdup (okc_backend_stmt_get_text (stmt, COL_KEY));
      json_builder_add_value (builder, payout_from_row (stmt));
    }
  if (rc != SQLITE_ROW && okc_backend_payouts_step_failed (db, rc, error))
    return NULL;
  json_builder_end_array (builder);
  okc_json_builder_add_string (builder, "next_cursor", n > limit ? last_key : NULL);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
okc_backend_payouts_list_ending (OkcBackendDb  *db,
                                 const char    *host_id,
                                 const char    *property_id,
                                 const char    *from,
                                 const char    *to,
                                 GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    PAYOUT_SELECT "WHERE p.host_account_id = ?1 AND (?2 IS NULL OR p.property_id = ?2) "
    "AND p.period_to BETWEEN ?3 AND ?4 ORDER BY p.period_from, p.id",
    error);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  int rc;

  json_node_take_array (node, array);
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, host_id);
  okc_backend_stmt_bind_text (stmt, 2, property_id);
  okc_backend_stmt_bind_text (stmt, 3, from);
  okc_backend_stmt_bind_text (stmt, 4, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_array_add_element (array, payout_from_row (stmt));
  if (okc_backend_payouts_step_failed (db, rc, error))
    return NULL;
  return g_steal_pointer (&node);
}

/* ---- Reconciliation ---- */

JsonNode *
okc_backend_payouts_adjustment_from_row (OkcBackendStmt *stmt)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 0));
  okc_json_builder_add_string (builder, "payout_id", okc_backend_stmt_get_text (stmt, 1));
  okc_backend_payouts_add_money (builder, "amount", sqlite3_column_int64 (stmt, 2),
             okc_backend_stmt_get_text (stmt, 3));
  okc_json_builder_add_string (builder, "reason", okc_backend_stmt_get_text (stmt, 4));
  okc_json_builder_add_string (builder, "ticket_id", okc_backend_stmt_get_text (stmt, 5));
  json_builder_set_member_name (builder, "created_by");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 6));
  okc_json_builder_add_string (builder, "name", okc_backend_stmt_get_text (stmt, 7));
  json_builder_end_object (builder);
  okc_json_builder_add_time (builder, "created_at", sqlite3_column_int64 (stmt, 8));
  okc_json_builder_add_string (builder, "credited_payout_id",
                               okc_backend_stmt_get_text (stmt, 9));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The adjustments made for @payout_id's shortfall, oldest first, and what they add to. */
JsonNode *
okc_backend_payouts_list_adjustments (OkcBackendDb  *db,
                  const char    *payout_id,
                  gint64        *out_sum,
                  GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, ADJUSTMENTS_SELECT "WHERE a.payout_id = ?1 ORDER BY a.created_at, a.id", error);
  g_autoptr(JsonNode) array = json_node_new (JSON_NODE_ARRAY);
  JsonArray *items = json_array_new ();
  int rc;

  json_node_take_array (array, items);
  *out_sum = 0;
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, payout_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out_sum += sqlite3_column_int64 (stmt, 2);
      json_array_add_element (items, okc_backend_payouts_adjustment_from_row (stmt));
    }
  if (okc_backend_payouts_step_failed (db, rc, error))
    return NULL;
  return g_steal_pointer (&array);
}

void
okc_backend_payout_loaded_clear (OkcBackendPayoutLoaded *loaded)
{
  g_clear_pointer (&loaded->payout, json_node_unref);
  g_clear_pointer (&loaded->id, g_free);
  g_clear_pointer (&loaded->property_id, g_free);
  g_clear_pointer (&loaded->period_from, g_free);
  g_clear_pointer (&loaded->currency, g_free);
  g_clear_object (&loaded->reconciliation);
}

/* FALSE without @error when there is no such payout. */
gboolean
okc_backend_payouts_load (OkcBackendDb  *db,
      const char    *id,
      OkcBackendPayoutLoaded        *out,
      GError       **error)
{
  OkcBackendPayoutPeriod period = { 0 };
  int rc;

  {
    g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
      db, PAYOUT_SELECT "WHERE p.id = ?1", error);

    if (stmt == NULL)
      return FALSE;
    okc_backend_stmt_bind_text (stmt, 1, id);
    rc = sqlite3_step (stmt);
    if (rc != SQLITE_ROW)
      {
        okc_backend_payouts_step_failed (db, rc, error);
        return FALSE;
      }
    out->payout = payout_from_row (stmt);
    out->id = g_strdup (okc_backend_stmt_get_text (stmt, COL_ID));
    out->property_id = g_strdup (okc_backend_stmt_get_text (stmt, COL_PROPERTY));
    out->period_from = g_strdup (okc_backend_stmt_get_text (stmt, COL_PERIOD_FROM));
    out->currency = g_strdup (okc_backend_stmt_get_text (stmt, COL_CURRENCY));
    out->status = row_status (stmt);
    out->amount = out->status == OKC_PAYOUT_STATUS_CARRIED_OVER
                    ? 0
                    : sqlite3_column_int64 (stmt, COL_AMOUNT);
    okc_backend_payout_week_bounds (okc_backend_stmt_get_text (stmt, COL_TIMEZONE),
                                    out->period_from, &period.period_start, &period.cutoff_at);
  }

  period.property_id = out->property_id;
  period.currency = out->currency;
  period.period_from = out->period_from;
  period.payout_id = out->id;
  out->reconciliation = okc_backend_payouts_reconcile_period (db, &period, error);
  if (out->reconciliation == NULL)
    return FALSE;
  okc_payout_reconciliation_set_sent (out->reconciliation, out->status, out->amount);
  return okc_payout_reconciliation_compute (out->reconciliation, &out->totals, error);
}

JsonNode *
okc_backend_payouts_reconciliation (OkcBackendDb  *db,
                                    const char    *id,
                                    GError       **error)
{
  g_auto(OkcBackendPayoutLoaded) loaded = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) adjustments = NULL;
  JsonObject *object;
  gint64 adjusted;

  if (!okc_backend_payouts_load (db, id, &loaded, error))
    return NULL;
  adjustments = okc_backend_payouts_list_adjustments (db, loaded.id, &adjusted, error);
  if (adjustments == NULL)
    return NULL;
  root = okc_payout_reconciliation_to_json (loaded.reconciliation);
  object = json_node_get_object (root);
  json_object_set_member (object, "payout", g_steal_pointer (&loaded.payout));
  json_object_set_member (object, "adjustments", g_steal_pointer (&adjustments));
  return g_steal_pointer (&root);
}
