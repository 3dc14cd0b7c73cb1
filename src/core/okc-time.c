/* okc-time.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "okc-time.h"
#include <inttypes.h>

static gboolean
is_digits (const char *text,
           guint       count)
{
  for (guint i = 0; i < count; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* ISO 8601 is far wider than RFC 3339 (week dates, ordinal dates, no zone); GLib's parser
 * takes all of it, so check the strict shape first:
 * YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM). */
static gboolean
has_rfc3339_shape (const char *text)
{
  const char *p = text;

  if (strlen (text) < 20)
    return FALSE;
  if (!is_digits (p, 4) || p[4] != '-' || !is_digits (p + 5, 2) || p[7] != '-' ||
      !is_digits (p + 8, 2) || (p[10] != 'T' && p[10] != 't') || !is_digits (p + 11, 2) ||
      p[13] != ':' || !is_digits (p + 14, 2) || p[16] != ':' || !is_digits (p + 17, 2))
    return FALSE;

  p += 19;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
    return TRUE;
  if ((*p == '+' || *p == '-') && is_digits (p + 1, 2) && p[3] == ':' && is_digits (p + 4, 2) &&
      p[6] == '\0')
    return TRUE;
  return FALSE;
}

/**
 * okc_time_parse_rfc3339:
 * @text: an RFC 3339 date-time with a zone designator
 * @out_unix: (out): seconds since the epoch
 *
 * Returns: %TRUE if @text is a valid RFC 3339 date-time.
 */
/* Days from 1970-01-01 to the proleptic Gregorian date, after H. Hinnant's
 * days_from_civil: counting from March makes the leap day the last of the year. */
static gint64
days_from_civil (gint64 year,
                 int    month,
                 int    day)
{
  gint64 era, year_of_era, day_of_year, day_of_era;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  year_of_era = year - era * 400;
  day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

static int
digits (const char *text,
        guint       n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return -1;
      value = value * 10 + (text[i] - '0');
    }
  return value;
}

/* "YYYY-MM-DDTHH:MM:SSZ", the form the backend writes and so nearly every time the
 * console reads (thousands per session list): parsed without building a GDateTime.
 * Anything else (offsets, fractions, lowercase, a leap second) takes GLib's parser. */
static gboolean
parse_utc_seconds (const char *text,
                   gint64     *out_unix)
{
  int year, month, day, hour, minute, second;

  if (strlen (text) != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':' || text[19] != 'Z')
    return FALSE;
  year = digits (text, 4);
  month = digits (text + 5, 2);
  day = digits (text + 8, 2);
  hour = digits (text + 11, 2);
  minute = digits (text + 14, 2);
  second = digits (text + 17, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year) ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return FALSE;
  *out_unix = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return TRUE;
}

gboolean
okc_time_parse_rfc3339 (const char *text,
                        gint64     *out_unix)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *upper = NULL;

  g_return_val_if_fail (out_unix != NULL, FALSE);

  if (text == NULL || !has_rfc3339_shape (text))
    return FALSE;
  if (parse_utc_seconds (text, out_unix))
    return TRUE;

  /* RFC 3339 allows a lowercase "t" and "z"; GLib's parser only the uppercase. */
  upper = g_ascii_strup (text, -1);
  parsed = g_date_time_new_from_iso8601 (upper, NULL);
  if (parsed == NULL)
    return FALSE;

  *out_unix = g_date_time_to_unix (parsed);
  return TRUE;
}

/**
 * okc_time_format_rfc3339:
 * @unix_time: seconds since the epoch
 *
 * Returns: (transfer full): @unix_time as "YYYY-MM-DDTHH:MM:SSZ".
 */
char *
okc_time_format_rfc3339 (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  g_return_val_if_fail (utc != NULL, NULL);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * okc_date_parse:
 * @text: a calendar date, "YYYY-MM-DD"
 * @out_date: (out caller-allocates): the date
 *
 * Returns: %TRUE if @text is a valid date of that exact form.
 */
gboolean
okc_date_parse (const char *text,
                GDate      *out_date)
{
  guint year, month, day;

  g_return_val_if_fail (out_date != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || !is_digits (text, 4) || text[4] != '-' ||
      !is_digits (text + 5, 2) || text[7] != '-' || !is_digits (text + 8, 2))
    return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (out_date, 1);
  g_date_set_dmy (out_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/**
 * okc_format_duration:
 * @seconds: a duration, not negative
 *
 * The one way the console writes an age or a duration: the two largest units, the
 * smaller left out when it is zero, rounded down.
 *
 * Returns: (transfer full): "45 s", "12 min", "3 h 12 min", "3 h", "2 d 4 h", "1 d".
 */
char *
okc_format_duration (gint64 seconds)
{
  gint64 minutes = seconds / 60;
  gint64 hours = minutes / 60;
  gint64 days = hours / 24;

  g_return_val_if_fail (seconds >= 0, NULL);

  if (minutes == 0)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_("%" PRId64 " s"), seconds);
  if (hours == 0)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%" PRId64 " min"), minutes);
  if (days == 0)
    {
      if (minutes % 60 == 0)
        /* Translators: a duration in whole hours */
        return g_strdup_printf (_("%" PRId64 " h"), hours);
      /* Translators: a duration in hours and minutes */
      return g_strdup_printf (_("%" PRId64 " h %" PRId64 " min"), hours,
                              minutes % 60);
    }
  if (hours % 24 == 0)
    /* Translators: a duration in whole days */
    return g_strdup_printf (_("%" PRId64 " d"), days);
  /* Translators: a duration in days and hours */
  return g_strdup_printf (_("%" PRId64 " d %" PRId64 " h"), days, hours % 24);
}
