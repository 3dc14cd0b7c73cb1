/* okc-backend-statement.c — a host's statement for a period: the sessions that started in
 * it, the payouts whose week ended in it, and their totals (docs/payouts.md,
 * GET /v1/accounts/{id}/statement)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-accounts.h"

#include "okc-backend-host-range.h"
#include "okc-backend-payouts.h"

typedef struct
{
  char *id;
  const char *property_id;   /* the range's */
  char *charger_id;
  gint64 started_at;
  gint64 ended_at;
  gint64 energy_wh;
  gint64 gross;
  gint64 processing_fee;
  gint64 refunded;
} StatementSession;

typedef struct
{
  gint64 sessions;
  gint64 energy_wh;
  gint64 gross;
  gint64 processing_fees;
  gint64 refunded;
  gint64 paid_out;
} Totals;

static void
clear_session (gpointer data)
{
  StatementSession *session = data;

  g_free (session->id);
  g_free (session->charger_id);
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  const StatementSession *x = a, *y = b;

  if (x->started_at != y->started_at)
    return x->started_at < y->started_at ? -1 : 1;
  return g_strcmp0 (x->id, y->id);
}

/* The processing fee is the billed breakdown's `fees` line, as a payout counts it; the
 * refunded amount the refunds that succeeded. */
static const char sessions_sql[] =
  "SELECT s.id, s.charger_id, s.started_at, s.ended_at, s.energy_wh, s.total, "
  "CASE WHEN json_valid (s.billed) THEN coalesce (json_extract (s.billed, '$.fees.amount'), 0) "
  "ELSE 0 END, "
  "coalesce ((SELECT sum (r.amount) FROM refunds r WHERE r.session_id = s.id "
  "AND r.status = 'succeeded'), 0) "
  "FROM sessions s JOIN chargers c ON c.id = s.charger_id "
  "WHERE c.property_id = ?1 AND s.currency = ?2 AND s.started_at >= ?3 AND s.started_at < ?4";

static gboolean
load_sessions (OkcBackendDb                  *db,
               const OkcBackendHostRange     *range,
               const OkcBackendHostProperty  *property,
               GArray                        *sessions,
               GError                       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sessions_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, property->id);
  okc_backend_stmt_bind_text (stmt, 2, range->currency);
  okc_backend_stmt_bind_int64 (stmt, 3, okc_backend_host_range_start_at (range, property));
  okc_backend_stmt_bind_int64 (stmt, 4, okc_backend_host_range_end_at (range, property));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StatementSession session = {
        .id = g_strdup (okc_backend_stmt_get_text (stmt, 0)),
        .property_id = property->id,
        .charger_id = g_strdup (okc_backend_stmt_get_text (stmt, 1)),
        .started_at = sqlite3_column_int64 (stmt, 2),
        .ended_at = sqlite3_column_int64 (stmt, 3),
        .energy_wh = sqlite3_column_int64 (stmt, 4),
        .gross = sqlite3_column_int64 (stmt, 5),
        .processing_fee = sqlite3_column_int64 (stmt, 6),
        .refunded = sqlite3_column_int64 (stmt, 7),
      };

      g_array_append_val (sessions, session);
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

/* The Payouts of the range's properties whose week ended in it, oldest first; adds the
 * paid ones to @totals. */
static JsonNode *
load_payouts (OkcBackendDb               *db,
              const char                 *account_id,
              const char                 *property_id,
              const OkcBackendHostRange  *range,
              Totals                     *totals,
              GError                    **error)
{
  char from[16], to[16];
  JsonNode *payouts;
  JsonArray *array;

  g_date_strftime (from, sizeof from, "%Y-%m-%d", &range->first);
  g_date_strftime (to, sizeof to, "%Y-%m-%d", &range->last);
  payouts = okc_backend_payouts_list_ending (db, account_id, property_id, from, to, error);
  if (payouts == NULL)
    return NULL;
  array = json_node_get_array (payouts);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *payout = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (payout, "status"), "paid"))
        totals->paid_out += json_object_get_int_member (
          json_object_get_object_member (payout, "amount"), "amount");
    }
  return payouts;
}

static gboolean
add_account (OkcBackendDb  *db,
             const char    *account_id,
             JsonBuilder   *builder,
             GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "SELECT id, name, email FROM accounts WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  json_builder_set_member_name (builder, "account");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 0));
  okc_json_builder_add_string (builder, "name", okc_backend_stmt_get_text (stmt, 1));
  okc_json_builder_add_string (builder, "email", okc_backend_stmt_get_text (stmt, 2));
  json_builder_end_object (builder);
  return TRUE;
}

static void
add_money (JsonBuilder *builder,
           const char  *member,
           gint64       amount,
           const char  *currency)
{
  OkcMoney money = { amount, "" };

  g_strlcpy (money.currency, currency, sizeof money.currency);
  json_builder_set_member_name (builder, member);
  json_builder_add_value (builder, okc_money_to_json (&money));
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_properties (JsonBuilder               *builder,
                const OkcBackendHostRange *range)
{
  json_builder_set_member_name (builder, "properties");
  json_builder_begin_array (builder);
  for (guint i = 0; i < range->properties->len; i++)
    {
      const OkcBackendHostProperty *property = g_ptr_array_index (range->properties, i);

      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", property->id);
      okc_json_builder_add_string (builder, "name", property->name);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_sessions (JsonBuilder *builder,
              GArray      *sessions,
              const char  *currency,
              Totals      *totals)
{
  json_builder_set_member_name (builder, "sessions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sessions->len; i++)
    {
      const StatementSession *session = &g_array_index (sessions, StatementSession, i);

      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", session->id);
      okc_json_builder_add_string (builder, "property_id", session->property_id);
      okc_json_builder_add_string (builder, "charger_id", session->charger_id);
      okc_json_builder_add_time (builder, "started_at", session->started_at);
      okc_json_builder_add_time (builder, "ended_at", session->ended_at);
      add_int (builder, "energy_wh", session->energy_wh);
      add_money (builder, "gross", session->gross, currency);
      add_money (builder, "processing_fee", session->processing_fee, currency);
      add_money (builder, "refunded", session->refunded, currency);
      json_builder_end_object (builder);

      totals->sessions++;
      totals->energy_wh += session->energy_wh;
      totals->gross += session->gross;
      totals->processing_fees += session->processing_fee;
      totals->refunded += session->refunded;
    }
  json_builder_end_array (builder);
}

static void
add_totals (JsonBuilder  *builder,
            const Totals *totals,
            const char   *currency)
{
  json_builder_set_member_name (builder, "totals");
  json_builder_begin_object (builder);
  add_int (builder, "sessions", totals->sessions);
  add_int (builder, "energy_wh", totals->energy_wh);
  add_money (builder, "gross", totals->gross, currency);
  add_money (builder, "processing_fees", totals->processing_fees, currency);
  add_money (builder, "refunded", totals->refunded, currency);
  add_money (builder, "paid_out", totals->paid_out, currency);
  json_builder_end_object (builder);
}

/**
 * okc_backend_accounts_statement:
 * @from: the first day, YYYY-MM-DD
 * @to: the last day, at most %OKC_BACKEND_STATEMENT_MAX_DAYS days after @from
 * @property_id: (nullable): one of the host's properties, or all of them
 *
 * Returns: (transfer full): the Statement of docs/payouts.md; NULL with an #OKC_DATA_ERROR
 *   naming the query parameter (or `id` for a guest account) or an
 *   #OKC_BACKEND_ACCOUNT_ERROR (NOT_FOUND).
 */
JsonNode *
okc_backend_accounts_statement (OkcBackendDb  *db,
                                const char    *account_id,
                                const char    *from,
                                const char    *to,
                                const char    *property_id,
                                GError       **error)
{
  g_autoptr(OkcBackendHostRange) range = okc_backend_host_range_load (
    db, account_id, from, to, property_id, OKC_BACKEND_STATEMENT_MAX_DAYS, error);
  g_autoptr(GArray) sessions = g_array_new (FALSE, TRUE, sizeof (StatementSession));
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) payouts = NULL;
  Totals totals = { 0 };

  if (range == NULL)
    return NULL;
  g_array_set_clear_func (sessions, clear_session);
  for (guint i = 0; i < range->properties->len; i++)
    if (!load_sessions (db, range, g_ptr_array_index (range->properties, i), sessions, error))
      return NULL;
  g_array_sort (sessions, compare_sessions);
  payouts = load_payouts (db, account_id, property_id, range, &totals, error);
  if (payouts == NULL)
    return NULL;

  json_builder_begin_object (builder);
  if (!add_account (db, account_id, builder, error))
    return NULL;
  okc_json_builder_add_string (builder, "from", from);
  okc_json_builder_add_string (builder, "to", to);
  okc_json_builder_add_string (builder, "currency", range->currency);
  add_properties (builder, range);
  add_sessions (builder, sessions, range->currency, &totals);
  json_builder_set_member_name (builder, "payouts");
  json_builder_add_value (builder, g_steal_pointer (&payouts));
  add_totals (builder, &totals, range->currency);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
