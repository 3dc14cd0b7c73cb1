/* okc-backend-payouts.c — hosts' weekly payouts, their reconciliation and adjustments
 * (docs/payouts.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-payouts.h"

#include <stdio.h>
#include <string.h>

#include "okc-backend-audit.h"
#include "okc-backend-events.h"

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

static gboolean
step_failed (OkcBackendDb  *db,
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
  return !step_failed (db, rc, error);
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
  return !step_failed (db, rc, error);
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
  if (rc != SQLITE_ROW && step_failed (db, rc, error))
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
  return !step_failed (db, rc, error);
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

static void
add_money (JsonBuilder *builder,
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
  add_money (builder, "amount",
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
  step_failed (db, rc, error);
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
  if (rc != SQLITE_ROW && step_failed (db, rc, error))
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
  if (step_failed (db, rc, error))
    return NULL;
  return g_steal_pointer (&node);
}

/* ---- Reconciliation ---- */

#define ADJUSTMENTS_SELECT \
  "SELECT a.id, a.payout_id, a.amount, a.currency, a.reason, a.ticket_id, a.created_by, " \
  "u.name, a.created_at, a.credited_payout_id FROM payout_adjustments a " \
  "JOIN users u ON u.id = a.created_by "

static JsonNode *
adjustment_from_row (OkcBackendStmt *stmt)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 0));
  okc_json_builder_add_string (builder, "payout_id", okc_backend_stmt_get_text (stmt, 1));
  add_money (builder, "amount", sqlite3_column_int64 (stmt, 2),
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
static JsonNode *
list_adjustments (OkcBackendDb  *db,
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
      json_array_add_element (items, adjustment_from_row (stmt));
    }
  if (step_failed (db, rc, error))
    return NULL;
  return g_steal_pointer (&array);
}

/* The payout's row read into the engine: what the period has, and what was sent. */
typedef struct
{
  JsonNode *payout;
  char *id;
  char *property_id;
  char *period_from;
  char *currency;
  OkcPayoutStatus status;
  gint64 amount;
  OkcPayoutReconciliation *reconciliation;
  OkcPayoutTotals totals;
} Loaded;

static void
loaded_clear (Loaded *loaded)
{
  g_clear_pointer (&loaded->payout, json_node_unref);
  g_clear_pointer (&loaded->id, g_free);
  g_clear_pointer (&loaded->property_id, g_free);
  g_clear_pointer (&loaded->period_from, g_free);
  g_clear_pointer (&loaded->currency, g_free);
  g_clear_object (&loaded->reconciliation);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Loaded, loaded_clear)

/* FALSE without @error when there is no such payout. */
static gboolean
load (OkcBackendDb  *db,
      const char    *id,
      Loaded        *out,
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
        step_failed (db, rc, error);
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
  g_auto(Loaded) loaded = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) adjustments = NULL;
  JsonObject *object;
  gint64 adjusted;

  if (!load (db, id, &loaded, error))
    return NULL;
  adjustments = list_adjustments (db, loaded.id, &adjusted, error);
  if (adjustments == NULL)
    return NULL;
  root = okc_payout_reconciliation_to_json (loaded.reconciliation);
  object = json_node_get_object (root);
  json_object_set_member (object, "payout", g_steal_pointer (&loaded.payout));
  json_object_set_member (object, "adjustments", g_steal_pointer (&adjustments));
  return g_steal_pointer (&root);
}

/* ---- Adjustments ---- */

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
  return rc == SQLITE_ROW || !step_failed (db, rc, error);
}

/* The property's next scheduled payout after @period_from, or NULL (none yet). */
static gboolean
find_next_scheduled (OkcBackendDb  *db,
                     const Loaded  *loaded,
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
  return rc == SQLITE_ROW || !step_failed (db, rc, error);
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
    return adjustment_from_row (stmt);
  if (!step_failed (db, rc, error))
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
  g_auto(Loaded) loaded = { 0 };
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

  if (!load (db, id, &loaded, &local_error))
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
  adjustments = list_adjustments (db, loaded.id, &adjusted, error);
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
  add_money (after, "amount", request.amount, loaded.currency);
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
