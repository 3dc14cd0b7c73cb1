/* test-time-format.c — the console's dates and times, and the desktop's 12/24-hour clock
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "okc-time-format.h"

static GDateTime *
morning (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return g_date_time_new (utc, 2026, 11, 24, 9, 30, 15);
}

static void
test_forms (void)
{
  static const struct
  {
    OkcTimeForm form;
    const char *h24;
    const char *h12;
  } cases[] = {
    { OKC_TIME_FORM_DATE_TIME, "24 Nov 2026, 09:30", "24 Nov 2026, 9:30 AM" },
    { OKC_TIME_FORM_DATE, "24 Nov 2026", "24 Nov 2026" },
    { OKC_TIME_FORM_LONG_DATE, "24 November 2026", "24 November 2026" },
    { OKC_TIME_FORM_DAY_MONTH, "24 Nov", "24 Nov" },
    { OKC_TIME_FORM_TIME, "09:30", "9:30 AM" },
    { OKC_TIME_FORM_TIME_SECONDS, "09:30:15", "9:30:15 AM" },
    { OKC_TIME_FORM_NUMERIC_DATE_TIME, "2026-11-24 09:30", "2026-11-24 9:30 AM" },
    { OKC_TIME_FORM_NUMERIC_DATE, "2026-11-24", "2026-11-24" },
  };
  g_autoptr(GDateTime) time = morning ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *h24 = NULL, *h12 = NULL;

      okc_time_format_set_twelve_hour (FALSE);
      h24 = okc_time_format (time, cases[i].form);
      okc_time_format_set_twelve_hour (TRUE);
      h12 = okc_time_format (time, cases[i].form);
      g_assert_cmpstr (h24, ==, cases[i].h24);
      g_assert_cmpstr (h12, ==, cases[i].h12);
    }
  okc_time_format_set_twelve_hour (FALSE);
}

/* With GNOME's schema installed (GSETTINGS_BACKEND=memory), the clock follows its key as it
 * changes; without it, nothing aborts and the clock stays at 24 hours. */
static void
test_desktop_clock (void)
{
  g_autoptr(GSettings) settings = okc_time_format_desktop_settings ();
  g_autoptr(GDateTime) time = morning ();
  g_autofree char *before = NULL, *after = NULL;

  okc_time_format_set_twelve_hour (FALSE);
  if (settings == NULL)
    {
      g_test_skip ("org.gnome.desktop.interface is not installed (gsettings-desktop-schemas)");
      return;
    }
  g_settings_set_string (settings, "clock-format", "24h");
  okc_time_format_follow_desktop (settings);
  before = okc_time_format (time, OKC_TIME_FORM_TIME);
  g_assert_false (okc_time_format_get_twelve_hour ());
  g_settings_set_string (settings, "clock-format", "12h");
  after = okc_time_format (time, OKC_TIME_FORM_TIME);
  g_assert_true (okc_time_format_get_twelve_hour ());
  g_assert_cmpstr (before, ==, "09:30");
  g_assert_cmpstr (after, ==, "9:30 AM");
  g_settings_set_string (settings, "clock-format", "24h");
  g_assert_false (okc_time_format_get_twelve_hour ());
}

static void
test_absent_schema (void)
{
  g_autoptr(GDateTime) time = morning ();
  g_autofree char *text = NULL;

  /* A desktop without GNOME's schemas (no schema source at all): no settings, no abort,
   * and 24 hours. */
  g_assert_null (okc_time_format_desktop_settings_from (NULL));
  okc_time_format_set_twelve_hour (FALSE);
  text = okc_time_format (time, OKC_TIME_FORM_TIME);
  g_assert_cmpstr (text, ==, "09:30");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/TimeFormat/forms", test_forms);
  g_test_add_func ("/Okc/TimeFormat/desktop-clock", test_desktop_clock);
  g_test_add_func ("/Okc/TimeFormat/absent-schema", test_absent_schema);

  return g_test_run ();
}
