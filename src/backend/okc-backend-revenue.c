/* okc-backend-revenue.c — a host's charging revenue by day, as their dashboard counts it:
 * each session on the local date it started, in its property's time zone
 * (docs/payouts.md, GET /v1/accounts/{id}/revenue)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-accounts.h"

#include <string.h>

/* The currency of a host without properties: nothing to sum, but Money needs one. */
#define DEFAULT_CURRENCY "USD"

typedef struct
{
  gint64 sessions;
  gint64 energy_wh;
  gint64 gross;
} Day;

/* "2026-11-24", a day that exists, into @out; an error naming @field otherwise. */
static gboolean
parse_day (const char  *field,
           const char  *text,
           GDate       *out,
           GError     **error)
{
  guint year = 0, month = 0, day = 0;
  gboolean digits = text != NULL && strlen (text) == 10 && text[4] == '-' && text[7] == '-';

  for (guint i = 0; digits && i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      digits = FALSE;
  if (digits)
    {
      year = (guint) g_ascii_strtoull (text, NULL, 10);
      month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
      day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
    }
  if (text == NULL)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, field,
                          "give the %s day of the range as YYYY-MM-DD",
                          g_str_equal (field, "from") ? "first" : "last");
      return FALSE;
    }
  /* The day after the last one must still be a GDateTime (years 1 to 9999). */
  if (!digits || year < 1 || year > 9998 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month,
                                                (GDateYear) year))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, field,
                          "“%s” is not a date as YYYY-MM-DD", text);
      return FALSE;
    }
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static char *
format_day (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* Local midnight of @date in @zone. */
static gint64
local_midnight (GTimeZone   *zone,
                const GDate *date)
{
  g_autoptr(GDateTime) midnight = g_date_time_new (zone, g_date_get_year (date),
                                                   g_date_get_month (date),
                                                   g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (midnight);
}

static gboolean
load_host (OkcBackendDb  *db,
           const char    *account_id,
           GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, "SELECT kind FROM accounts WHERE id = ?", error);
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
  if (!g_str_equal (okc_backend_stmt_get_text (stmt, 0), "host"))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "id",
                          "%s is a guest account: revenue is a host’s", account_id);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char *id;
  char *timezone;
  char *currency;
} Property;

static void
property_free (gpointer data)
{
  Property *property = data;

  g_free (property->id);
  g_free (property->timezone);
  g_free (property->currency);
  g_free (property);
}

/* The host's properties (or the one asked for) and the one currency they bill in. */
static GPtrArray *
load_properties (OkcBackendDb  *db,
                 const char    *account_id,
                 const char    *property_id,
                 char         **out_currency,
                 GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT p.id, p.timezone, t.currency FROM properties p "
    "LEFT JOIN tariffs t ON t.property_id = p.id "
    "WHERE p.host_account_id = ?1 AND (?2 IS NULL OR p.id = ?2) ORDER BY p.id",
    error);
  g_autoptr(GPtrArray) properties = g_ptr_array_new_with_free_func (property_free);
  int rc;

  *out_currency = NULL;
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  okc_backend_stmt_bind_text (stmt, 2, property_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Property *property = g_new0 (Property, 1);
      const char *currency = okc_backend_stmt_get_text (stmt, 2);

      property->id = g_strdup (okc_backend_stmt_get_text (stmt, 0));
      property->timezone = g_strdup (okc_backend_stmt_get_text (stmt, 1));
      property->currency = g_strdup (currency);
      g_ptr_array_add (properties, property);
      if (currency == NULL)
        continue;
      if (*out_currency == NULL)
        *out_currency = g_strdup (currency);
      else if (!g_str_equal (*out_currency, currency))
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "property",
                              "the properties of %s bill in %s and %s: ask for one property",
                              account_id, *out_currency, currency);
          g_clear_pointer (out_currency, g_free);
          return NULL;
        }
    }
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      g_clear_pointer (out_currency, g_free);
      return NULL;
    }
  if (property_id != NULL && properties->len == 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "property",
                          "%s is not a property of %s", property_id, account_id);
      return NULL;
    }
  if (*out_currency == NULL)
    *out_currency = g_strdup (DEFAULT_CURRENCY);
  return g_steal_pointer (&properties);
}

/* Adds the sessions of @property that started on [@from, @to], local dates, to @days. */
static gboolean
add_property_days (OkcBackendDb    *db,
                   const Property  *property,
                   const GDate     *from,
                   const GDate     *to,
                   Day             *days,
                   GError         **error)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (property->timezone);
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT s.started_at, s.energy_wh, s.total FROM sessions s "
    "JOIN chargers c ON c.id = s.charger_id "
    "WHERE c.property_id = ?1 AND s.started_at >= ?2 AND s.started_at < ?3",
    error);
  GDate after = *to;
  guint32 first = g_date_get_julian (from);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  g_date_add_days (&after, 1);
  okc_backend_stmt_bind_text (stmt, 1, property->id);
  okc_backend_stmt_bind_int64 (stmt, 2, local_midnight (zone, from));
  okc_backend_stmt_bind_int64 (stmt, 3, local_midnight (zone, &after));
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
  g_autoptr(GPtrArray) properties = NULL;
  g_autofree Day *days = NULL;
  g_autofree char *currency = NULL;
  GDate first, last, date;
  guint n_days;

  if (!load_host (db, account_id, error) || !parse_day ("from", from, &first, error) ||
      !parse_day ("to", to, &last, error))
    return NULL;
  if (g_date_compare (&last, &first) < 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "to", "%s is before from, %s", to,
                          from);
      return NULL;
    }
  n_days = g_date_get_julian (&last) - g_date_get_julian (&first) + 1;
  if (n_days > OKC_BACKEND_REVENUE_MAX_DAYS)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "to",
                          "the range is %u days; at most %d are given at once", n_days,
                          OKC_BACKEND_REVENUE_MAX_DAYS);
      return NULL;
    }
  properties = load_properties (db, account_id, property_id, &currency, error);
  if (properties == NULL)
    return NULL;

  days = g_new0 (Day, n_days);
  for (guint i = 0; i < properties->len; i++)
    if (!add_property_days (db, g_ptr_array_index (properties, i), &first, &last, days, error))
      return NULL;

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "currency", currency);
  okc_json_builder_add_string (builder, "from", from);
  okc_json_builder_add_string (builder, "to", to);
  json_builder_set_member_name (builder, "days");
  json_builder_begin_array (builder);
  date = first;
  for (guint i = 0; i < n_days; i++, g_date_add_days (&date, 1))
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
