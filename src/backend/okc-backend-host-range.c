/* okc-backend-host-range.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-host-range.h"

#include <string.h>

#include "okc-backend-accounts.h"

/* The currency of a host without properties: nothing to sum, but Money needs one. */
#define DEFAULT_CURRENCY "USD"

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

static void
property_free (gpointer data)
{
  OkcBackendHostProperty *property = data;

  g_free (property->id);
  g_free (property->name);
  g_time_zone_unref (property->zone);
  g_free (property->currency);
  g_free (property);
}

static OkcBackendHostProperty *
property_new (OkcBackendStmt *stmt)
{
  OkcBackendHostProperty *property = g_new0 (OkcBackendHostProperty, 1);

  property->id = g_strdup (okc_backend_stmt_get_text (stmt, 0));
  property->name = g_strdup (okc_backend_stmt_get_text (stmt, 1));
  property->zone = g_time_zone_new_identifier (okc_backend_stmt_get_text (stmt, 2));
  if (property->zone == NULL)
    property->zone = g_time_zone_new_utc ();
  property->currency = g_strdup (okc_backend_stmt_get_text (stmt, 3));
  return property;
}

/* The host's properties (or the one asked for) and the one currency they bill in. */
static gboolean
load_properties (OkcBackendDb         *db,
                 const char           *account_id,
                 const char           *property_id,
                 OkcBackendHostRange  *range,
                 GError              **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT p.id, p.name, p.timezone, t.currency FROM properties p "
    "LEFT JOIN tariffs t ON t.property_id = p.id "
    "WHERE p.host_account_id = ?1 AND (?2 IS NULL OR p.id = ?2) ORDER BY p.id",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  okc_backend_stmt_bind_text (stmt, 2, property_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OkcBackendHostProperty *property = property_new (stmt);

      g_ptr_array_add (range->properties, property);
      if (property->currency == NULL)
        continue;
      if (range->currency == NULL)
        range->currency = g_strdup (property->currency);
      else if (!g_str_equal (range->currency, property->currency))
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "property",
                              "the properties of %s bill in %s and %s: ask for one property",
                              account_id, range->currency, property->currency);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  if (property_id != NULL && range->properties->len == 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "property",
                          "%s is not a property of %s", property_id, account_id);
      return FALSE;
    }
  if (range->currency == NULL)
    range->currency = g_strdup (DEFAULT_CURRENCY);
  return TRUE;
}

void
okc_backend_host_range_free (OkcBackendHostRange *range)
{
  if (range == NULL)
    return;
  g_ptr_array_unref (range->properties);
  g_free (range->currency);
  g_free (range);
}

/**
 * okc_backend_host_range_load:
 *
 * Returns: (transfer full) (nullable): the range, or %NULL with an error naming the query
 *   parameter to blame.
 */
OkcBackendHostRange *
okc_backend_host_range_load (OkcBackendDb  *db,
                             const char    *account_id,
                             const char    *from,
                             const char    *to,
                             const char    *property_id,
                             guint          max_days,
                             GError       **error)
{
  g_autoptr(OkcBackendHostRange) range = g_new0 (OkcBackendHostRange, 1);

  range->properties = g_ptr_array_new_with_free_func (property_free);
  if (!load_host (db, account_id, error) || !parse_day ("from", from, &range->first, error) ||
      !parse_day ("to", to, &range->last, error))
    return NULL;
  if (g_date_compare (&range->last, &range->first) < 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "to", "%s is before from, %s", to,
                          from);
      return NULL;
    }
  range->n_days = g_date_get_julian (&range->last) - g_date_get_julian (&range->first) + 1;
  if (range->n_days > max_days)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "to",
                          "the range is %u days; at most %u are given at once", range->n_days,
                          max_days);
      return NULL;
    }
  if (!load_properties (db, account_id, property_id, range, error))
    return NULL;
  return g_steal_pointer (&range);
}

gint64
okc_backend_host_range_start_at (const OkcBackendHostRange    *range,
                                 const OkcBackendHostProperty *property)
{
  return local_midnight (property->zone, &range->first);
}

gint64
okc_backend_host_range_end_at (const OkcBackendHostRange    *range,
                               const OkcBackendHostProperty *property)
{
  GDate after = range->last;

  g_date_add_days (&after, 1);
  return local_midnight (property->zone, &after);
}
