/* okc-backend-statement.c — a host's statement: sessions, payouts and totals of a period
 * (docs/payouts.md, GET /v1/accounts/{id}/statement)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-statement.h"

#include <stdio.h>
#include <string.h>

#include "okc-backend-payouts.h"
#include "okc-core.h"

#define DAY (24 * 60 * 60)
/* Further than any time zone is from UTC: the window the local dates fall in. */
#define ZONE_MARGIN (DAY + DAY / 2)

static gboolean
read_date (const char  *text,
           const char  *member,
           GDate       *out,
           GError     **error)
{
  unsigned year, month, day;
  char end;

  if (text == NULL || *text == '\0')
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, member,
                          "say which day, as YYYY-MM-DD");
      return FALSE;
    }
  if (strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "“%s” is not a date such as 2026-01-31", text);
      return FALSE;
    }
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static gint64
utc_midnight (const GDate *date)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (time);
}

/* The account's id, name and email; FALSE without @error when there is none, OKC_DATA_ERROR
 * on `id` for a guest. */
static gboolean
add_account (OkcBackendDb  *db,
             JsonBuilder   *builder,
             const char    *account_id,
             GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "SELECT id, name, email, kind FROM accounts WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        okc_backend_db_set_error (db, error);
      return FALSE;
    }
  if (g_strcmp0 (okc_backend_stmt_get_text (stmt, 3), "host") != 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "id",
                          "%s is a guest's account: only a host has a statement", account_id);
      return FALSE;
    }
  json_builder_set_member_name (builder, "account");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 0));
  okc_json_builder_add_string (builder, "name", okc_backend_stmt_get_text (stmt, 1));
  okc_json_builder_add_string (builder, "email", okc_backend_stmt_get_text (stmt, 2));
  json_builder_end_object (builder);
  return TRUE;
}

static gboolean
add_properties (OkcBackendDb  *db,
                JsonBuilder   *builder,
                const char    *account_id,
                const char    *property_id,
                GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT id, name FROM properties WHERE host_account_id = ?1 AND (?2 IS NULL OR id = ?2) "
    "ORDER BY name",
    error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  okc_backend_stmt_bind_text (stmt, 2, property_id);
  json_builder_set_member_name (builder, "properties");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      n++;
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 0));
      okc_json_builder_add_string (builder, "name", okc_backend_stmt_get_text (stmt, 1));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  if (property_id != NULL && n == 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "property",
                          "%s is not a property of %s", property_id, account_id);
      return FALSE;
    }
  return TRUE;
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

typedef struct
{
  gint64 sessions;
  gint64 energy_wh;
  gint64 gross;
  gint64 processing_fees;
  gint64 refunded;
  gint64 paid_out;
} Totals;

/* The sessions of the host's properties (or the one) that started on a local date in the
 * range, at their property, oldest first. */
static const char sessions_sql[] =
  "SELECT s.id, c.property_id, s.charger_id, s.started_at, s.ended_at, s.energy_wh, s.total, "
  "CASE WHEN json_valid (s.billed) THEN coalesce (json_extract (s.billed, '$.fees.amount'), 0) "
  "ELSE 0 END, "
  "coalesce ((SELECT sum (r.amount) FROM refunds r WHERE r.session_id = s.id "
  "AND r.status = 'succeeded'), 0), pr.timezone "
  "FROM properties pr JOIN chargers c ON c.property_id = pr.id "
  "JOIN sessions s ON s.charger_id = c.id "
  "WHERE pr.host_account_id = ?1 AND (?2 IS NULL OR pr.id = ?2) AND s.currency = ?3 "
  "AND s.started_at >= ?4 AND s.started_at < ?5 ORDER BY s.started_at, s.id";

static gboolean
local_date_in (GHashTable  *zones,
               const char  *zone_name,
               gint64       at,
               const char  *from,
               const char  *to)
{
  GTimeZone *zone = g_hash_table_lookup (zones, zone_name);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;

  if (zone == NULL)
    {
      zone = g_time_zone_new_identifier (zone_name);
      if (zone == NULL)
        zone = g_time_zone_new_utc ();
      g_hash_table_insert (zones, g_strdup (zone_name), zone);
    }
  local = g_date_time_to_timezone (utc, zone);
  date = g_date_time_format (local, "%Y-%m-%d");
  return strcmp (date, from) >= 0 && strcmp (date, to) <= 0;
}

static gboolean
add_sessions (OkcBackendDb  *db,
              JsonBuilder   *builder,
              const char    *account_id,
              const char    *property_id,
              const char    *currency,
              const GDate   *from,
              const GDate   *to,
              const char    *from_text,
              const char    *to_text,
              Totals        *totals,
              GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sessions_sql, error);
  g_autoptr(GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_time_zone_unref);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  okc_backend_stmt_bind_text (stmt, 2, property_id);
  okc_backend_stmt_bind_text (stmt, 3, currency);
  okc_backend_stmt_bind_int64 (stmt, 4, utc_midnight (from) - ZONE_MARGIN);
  okc_backend_stmt_bind_int64 (stmt, 5, utc_midnight (to) + DAY + ZONE_MARGIN);
  json_builder_set_member_name (builder, "sessions");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 started_at = sqlite3_column_int64 (stmt, 3);
      gint64 energy_wh = sqlite3_column_int64 (stmt, 5);
      gint64 gross = sqlite3_column_int64 (stmt, 6);
      gint64 fee = sqlite3_column_int64 (stmt, 7);
      gint64 refunded = sqlite3_column_int64 (stmt, 8);

      if (!local_date_in (zones, okc_backend_stmt_get_text (stmt, 9), started_at, from_text,
                          to_text))
        continue;
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 0));
      okc_json_builder_add_string (builder, "property_id", okc_backend_stmt_get_text (stmt, 1));
      okc_json_builder_add_string (builder, "charger_id", okc_backend_stmt_get_text (stmt, 2));
      okc_json_builder_add_time (builder, "started_at", started_at);
      okc_json_builder_add_time (builder, "ended_at", sqlite3_column_int64 (stmt, 4));
      json_builder_set_member_name (builder, "energy_wh");
      json_builder_add_int_value (builder, energy_wh);
      add_money (builder, "gross", gross, currency);
      add_money (builder, "processing_fee", fee, currency);
      add_money (builder, "refunded", refunded, currency);
      json_builder_end_object (builder);
      totals->sessions++;
      totals->energy_wh += energy_wh;
      totals->gross += gross;
      totals->processing_fees += fee;
      totals->refunded += refunded;
    }
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

/* The host's currency: their payouts' or their sessions', USD when they have neither. */
static char *
host_currency (OkcBackendDb *db,
               const char   *account_id)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT currency FROM payouts WHERE host_account_id = ?1 UNION ALL "
    "SELECT s.currency FROM properties pr JOIN chargers c ON c.property_id = pr.id "
    "JOIN sessions s ON s.charger_id = c.id WHERE pr.host_account_id = ?1 LIMIT 1",
    NULL);

  if (stmt == NULL)
    return g_strdup ("USD");
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup (okc_backend_stmt_get_text (stmt, 0));
  return g_strdup ("USD");
}

JsonNode *
okc_backend_statement_build (OkcBackendDb  *db,
                             const char    *account_id,
                             const char    *from,
                             const char    *to,
                             const char    *property_id,
                             GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) payouts = NULL;
  g_autofree char *currency = NULL;
  GDate first, last;
  Totals totals = { 0 };
  JsonArray *array;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  if (!read_date (from, "from", &first, error) || !read_date (to, "to", &last, error))
    return NULL;
  if (g_date_compare (&last, &first) < 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "to", "%s is before from, %s", to,
                          from);
      return NULL;
    }
  if (g_date_days_between (&first, &last) + 1 > OKC_BACKEND_STATEMENT_MAX_DAYS)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "to",
                          "a statement covers at most %d days; %s to %s is %d",
                          OKC_BACKEND_STATEMENT_MAX_DAYS, from, to,
                          g_date_days_between (&first, &last) + 1);
      return NULL;
    }

  json_builder_begin_object (builder);
  if (!add_account (db, builder, account_id, error))
    return NULL;
  currency = host_currency (db, account_id);
  okc_json_builder_add_string (builder, "from", from);
  okc_json_builder_add_string (builder, "to", to);
  okc_json_builder_add_string (builder, "currency", currency);
  if (!add_properties (db, builder, account_id, property_id, error) ||
      !add_sessions (db, builder, account_id, property_id, currency, &first, &last, from, to,
                     &totals, error))
    return NULL;

  payouts = okc_backend_payouts_list_ending (db, account_id, property_id, from, to, error);
  if (payouts == NULL)
    return NULL;
  array = json_node_get_array (payouts);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *payout = json_array_get_object_element (array, i);
      JsonObject *amount = json_object_get_object_member (payout, "amount");

      if (g_str_equal (json_object_get_string_member (payout, "status"), "paid") &&
          g_str_equal (json_object_get_string_member (amount, "currency"), currency))
        totals.paid_out += json_object_get_int_member (amount, "amount");
    }
  json_builder_set_member_name (builder, "payouts");
  json_builder_add_value (builder, g_steal_pointer (&payouts));

  json_builder_set_member_name (builder, "totals");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sessions");
  json_builder_add_int_value (builder, totals.sessions);
  json_builder_set_member_name (builder, "energy_wh");
  json_builder_add_int_value (builder, totals.energy_wh);
  add_money (builder, "gross", totals.gross, currency);
  add_money (builder, "processing_fees", totals.processing_fees, currency);
  add_money (builder, "refunded", totals.refunded, currency);
  add_money (builder, "paid_out", totals.paid_out, currency);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
