/* okc-backend-revenue.c — a host's charging revenue by day, as their dashboard counts it:
 * each session on the local date it started, in its property's time zone
 * (docs/payouts.md, GET /v1/accounts/{id}/revenue)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-accounts.h"

#include "okc-backend-host-range.h"

typedef struct
{
  gint64 sessions;
  gint64 energy_wh;
  gint64 gross;
} Day;

static char *
format_day (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* Adds the sessions of @property that started on [@from, @to], local dates, to @days. */
static gboolean
add_property_days (OkcBackendDb                  *db,
                   const OkcBackendHostRange     *range,
                   const OkcBackendHostProperty  *property,
                   Day                           *days,
                   GError                       **error)
{
  GTimeZone *zone = property->zone;
  const GDate *from = &range->first, *to = &range->last;
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT s.started_at, s.energy_wh, s.total FROM sessions s "
    "JOIN chargers c ON c.id = s.charger_id "
    "WHERE c.property_id = ?1 AND s.started_at >= ?2 AND s.started_at < ?3",
    error);
  guint32 first = g_date_get_julian (from);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, property->id);
  okc_backend_stmt_bind_int64 (stmt, 2, okc_backend_host_range_start_at (range, property));
  okc_backend_stmt_bind_int64 (stmt, 3, okc_backend_host_range_end_at (range, property));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 0));
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
      GDate date;
      Day *day;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (local),
                      (GDateMonth) g_date_time_get_month (local),
                      (GDateYear) g_date_time_get_year (local));
      /* The bounds are the local midnights, so the date is in the range; a zone whose
       * rules make a midnight ambiguous must not index outside it all the same. */
      if (g_date_get_julian (&date) < first || g_date_compare (&date, to) > 0)
        continue;
      day = &days[g_date_get_julian (&date) - first];
      day->sessions++;
      day->energy_wh += sqlite3_column_int64 (stmt, 1);
      day->gross += sqlite3_column_int64 (stmt, 2);
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

/**
 * okc_backend_accounts_revenue:
 * @from: the first day, YYYY-MM-DD
 * @to: the last day, YYYY-MM-DD, at most %OKC_BACKEND_REVENUE_MAX_DAYS days after @from
 * @property_id: (nullable): one of the host's properties, or all of them
 *
 * Returns: (transfer full): `{"currency", "from", "to", "days": [{"date", "sessions",
 *   "energy_wh", "gross"}]}`, every day of the range; NULL with an #OKC_DATA_ERROR naming
 *   the query parameter (or `id` for a guest account) or an #OKC_BACKEND_ACCOUNT_ERROR
 *   (NOT_FOUND).
 */
JsonNode *
okc_backend_accounts_revenue (OkcBackendDb  *db,
                              const char    *account_id,
                              const char    *from,
                              const char    *to,
                              const char    *property_id,
                              GError       **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(OkcBackendHostRange) range = okc_backend_host_range_load (
    db, account_id, from, to, property_id, OKC_BACKEND_REVENUE_MAX_DAYS, error);
  g_autofree Day *days = NULL;
  const char *currency;
  GDate date;

  if (range == NULL)
    return NULL;
  currency = range->currency;
  days = g_new0 (Day, range->n_days);
  for (guint i = 0; i < range->properties->len; i++)
    if (!add_property_days (db, range, g_ptr_array_index (range->properties, i), days, error))
      return NULL;

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "currency", currency);
  okc_json_builder_add_string (builder, "from", from);
  okc_json_builder_add_string (builder, "to", to);
  json_builder_set_member_name (builder, "days");
  json_builder_begin_array (builder);
  date = range->first;
  for (guint i = 0; i < range->n_days; i++, g_date_add_days (&date, 1))
    {
      g_autofree char *text = format_day (&date);
      OkcMoney gross = { days[i].gross, "" };

      g_strlcpy (gross.currency, currency, sizeof gross.currency);
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "date", text);
      json_builder_set_member_name (builder, "sessions");
      json_builder_add_int_value (builder, days[i].sessions);
      json_builder_set_member_name (builder, "energy_wh");
      json_builder_add_int_value (builder, days[i].energy_wh);
      json_builder_set_member_name (builder, "gross");
      json_builder_add_value (builder, okc_money_to_json (&gross));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
