/* okc-time-format.c — dates and times as the agent reads them
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include "okc-time-format.h"

#include <glib/gi18n.h>

#define DESKTOP_INTERFACE_SCHEMA "org.gnome.desktop.interface"
#define CLOCK_FORMAT_KEY "clock-format"

/* The desktop's choice, set by the application from org.gnome.desktop.interface at start-up
 * and when it changes; 24 hours until then and where the desktop has no such setting. A
 * plain value rather than a GSettings kept here, so that nothing below the application
 * reaches for the desktop's settings. */
static gboolean use_twelve_hour = FALSE;

/**
 * okc_time_form_get_format:
 * @twelve_hour: the 12-hour clock's variant of the times of day
 *
 * Returns: the translated g_date_time_format() format of @form
 */
const char *
okc_time_form_get_format (OkcTimeForm form,
                          gboolean    twelve_hour)
{
  switch (form)
    {
    case OKC_TIME_FORM_DATE_TIME:
      return twelve_hour
        /* Translators: a date and time with a 12-hour clock, a g_date_time_format() format:
         * "24 Nov 2026, 9:30 AM". Reorder or replace the fields as your language writes them. */
        ? _("%-d %b %Y, %-I:%M %p")
        /* Translators: a date and time, a g_date_time_format() format: "24 Nov 2026, 09:30" */
        : _("%-d %b %Y, %H:%M");
    case OKC_TIME_FORM_DATE:
      /* Translators: a date, a g_date_time_format() format: "24 Nov 2026" */
      return _("%-d %b %Y");
    case OKC_TIME_FORM_LONG_DATE:
      /* Translators: a date with the month's full name, a g_date_time_format() format:
       * "24 November 2026" */
      return _("%-d %B %Y");
    case OKC_TIME_FORM_DAY_MONTH:
      /* Translators: a day of a month, a g_date_time_format() format: "24 Nov" */
      return _("%-d %b");
    case OKC_TIME_FORM_TIME:
      return twelve_hour
        /* Translators: a time of day with a 12-hour clock, a g_date_time_format() format:
         * "9:30 AM" */
        ? _("%-I:%M %p")
        /* Translators: a time of day, a g_date_time_format() format: "09:30" */
        : _("%H:%M");
    case OKC_TIME_FORM_TIME_SECONDS:
      return twelve_hour
        /* Translators: a time of day with seconds, 12-hour clock, a g_date_time_format()
         * format: "9:30:15 AM" */
        ? _("%-I:%M:%S %p")
        /* Translators: a time of day with seconds, a g_date_time_format() format: "09:30:15" */
        : _("%H:%M:%S");
    case OKC_TIME_FORM_NUMERIC_DATE_TIME:
      return twelve_hour
        /* Translators: a date and time in digits, 12-hour clock, for a column that reads in
         * order; a g_date_time_format() format: "2026-11-24 9:30 AM" */
        ? _("%Y-%m-%d %-I:%M %p")
        /* Translators: a date and time in digits, for a column that reads in order; a
         * g_date_time_format() format: "2026-11-24 09:30" */
        : _("%Y-%m-%d %H:%M");
    case OKC_TIME_FORM_NUMERIC_DATE:
      /* Translators: a date in digits as the date entries take it, a g_date_time_format()
       * format: "2026-11-24" */
      return _("%Y-%m-%d");
    default:
      g_return_val_if_reached ("%c");
    }
}

/**
 * okc_time_format:
 * @time: the time, in the zone to show it in
 *
 * Returns: (transfer full): @time in @form, with the desktop's clock
 */
char *
okc_time_format (GDateTime   *time,
                 OkcTimeForm  form)
{
  g_return_val_if_fail (time != NULL, NULL);

  return g_date_time_format (time, okc_time_form_get_format (form, use_twelve_hour));
}

/**
 * okc_time_format_unix:
 *
 * Returns: (transfer full): @unix_time in the local time zone, in @form
 */
char *
okc_time_format_unix (gint64      unix_time,
                      OkcTimeForm form)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  return okc_time_format (local, form);
}

void
okc_time_format_set_twelve_hour (gboolean twelve_hour)
{
  use_twelve_hour = !!twelve_hour;
}

gboolean
okc_time_format_get_twelve_hour (void)
{
  return use_twelve_hour;
}

/**
 * okc_time_format_desktop_settings:
 *
 * The desktop's interface settings, where the 12 or 24 hour clock is chosen, if that
 * schema is installed with its clock-format key; never aborts when it is not (a desktop
 * without GNOME's schemas, a Flatpak without them).
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL
 */
GSettings *
okc_time_format_desktop_settings (void)
{
  return okc_time_format_desktop_settings_from (g_settings_schema_source_get_default ());
}

/**
 * okc_time_format_desktop_settings_from:
 * @source: (nullable): where to look the schema up
 *
 * okc_time_format_desktop_settings() from @source rather than the default one.
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL
 */
GSettings *
okc_time_format_desktop_settings_from (GSettingsSchemaSource *source)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, DESKTOP_INTERFACE_SCHEMA, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, CLOCK_FORMAT_KEY))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
clock_format_changed_cb (GSettings  *settings,
                         const char *key,
                         gpointer    user_data)
{
  g_autofree char *value = g_settings_get_string (settings, CLOCK_FORMAT_KEY);

  okc_time_format_set_twelve_hour (g_strcmp0 (value, "12h") == 0);
}

/**
 * okc_time_format_follow_desktop:
 * @settings: okc_time_format_desktop_settings()
 *
 * Takes the clock from @settings now and whenever it changes there; what is already on
 * screen shows the new clock when it is next drawn from its data.
 */
void
okc_time_format_follow_desktop (GSettings *settings)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_signal_connect (settings, "changed::" CLOCK_FORMAT_KEY,
                    G_CALLBACK (clock_format_changed_cb), NULL);
  clock_format_changed_cb (settings, CLOCK_FORMAT_KEY, NULL);
}
