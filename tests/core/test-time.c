/* test-time.c — RFC 3339 times
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

static void
test_parse (void)
{
  static const struct
  {
    const char *text;
    gboolean valid;
    gint64 unix_time;
  } cases[] = {
    { "2026-11-24T09:30:00Z", TRUE, 1795512600 },
    { "2026-11-24T09:30:00.999Z", TRUE, 1795512600 },
    { "2026-11-24T04:30:00-05:00", TRUE, 1795512600 },
    { "2026-11-24t09:30:00z", TRUE, 1795512600 },
    { "2026-11-24T09:30:00", FALSE, 0 },
    { "2026-11-24 09:30:00Z", FALSE, 0 },
    { "2026-W48-2T09:30:00Z", FALSE, 0 },
    { "2026-02-30T09:30:00Z", FALSE, 0 },
    { "2026-11-24T25:30:00Z", FALSE, 0 },
    { "2026-11-24T09:30:00+0500", FALSE, 0 },
    { "2026-11-24T09:30:00.Z", FALSE, 0 },
    { "", FALSE, 0 },
    { "yesterday", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 unix_time = -1;

      g_test_message ("case %s", cases[i].text);
      g_assert_cmpint (okc_time_parse_rfc3339 (cases[i].text, &unix_time), ==, cases[i].valid);
      if (cases[i].valid)
        g_assert_cmpint (unix_time, ==, cases[i].unix_time);
    }
}

static void
test_format (void)
{
  g_autofree char *text = okc_time_format_rfc3339 (1795512600);
  gint64 back;

  g_assert_cmpstr (text, ==, "2026-11-24T09:30:00Z");
  g_assert_true (okc_time_parse_rfc3339 (text, &back));
  g_assert_cmpint (back, ==, 1795512600);
}

/* The fast path for "…Z" times agrees with GLib's parser on every kind of day: leap
 * days, century years, the ends of months and of the day, before and after 1970. */
static void
test_parse_agrees_with_glib (void)
{
  static const gint64 instants[] = {
    0, -1, 951782400 /* 2000-02-29 */, 951868799, 4107542399 /* 2100-02-28T23:59:59 */,
    4107542400, 1709164800 /* 2024-02-29 */, -2208988800 /* 1900-01-01 */, 253402300799,
  };
  static const char * const invalid[] = {
    "2100-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z",
  };
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < G_N_ELEMENTS (instants) + 5000; i++)
    {
      gint64 t = i < G_N_ELEMENTS (instants)
                   ? instants[i]
                   : (gint64) g_rand_double_range (rand, -2.0e9, 7.0e9);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
      gint64 back = 0;

      g_assert_true (okc_time_parse_rfc3339 (text, &back));
      g_assert_cmpint (back, ==, t);
    }
  g_rand_free (rand);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      gint64 back;

      g_assert_false (okc_time_parse_rfc3339 (invalid[i], &back));
    }
}

/* The one age formatter: two units at most, the smaller left out when zero, never "1 d 0 h". */
static void
test_duration (void)
{
  static const struct { gint64 seconds; const char *text; } cases[] = {
    { 0, "0 s" },
    { 45, "45 s" },
    { 59, "59 s" },
    { 60, "1 min" },
    { 12 * 60 + 59, "12 min" },
    { 3599, "59 min" },
    { 3600, "1 h" },
    { 3600 + 59, "1 h" },
    { 3600 + 60, "1 h 1 min" },
    { 3 * 3600 + 12 * 60 + 30, "3 h 12 min" },
    { 86399, "23 h 59 min" },
    { 86400, "1 d" },
    { 86400 + 3599, "1 d" },
    { 86400 + 3600, "1 d 1 h" },
    { 2 * 86400 + 4 * 3600 + 59 * 60, "2 d 4 h" },
    { 400 * 86400, "400 d" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = okc_format_duration (cases[i].seconds);
      g_autofree char *age = okc_playbook_format_age (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpstr (age, ==, cases[i].text);
    }
}

static void
test_date (void)
{
  GDate date;

  g_assert_true (okc_date_parse ("2024-02-29", &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 29);
  g_assert_false (okc_date_parse ("2026-02-29", &date));
  g_assert_false (okc_date_parse ("2026-1-05", &date));
  g_assert_false (okc_date_parse ("2026-01-05T00:00:00Z", &date));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Time/parse", test_parse);
  g_test_add_func ("/Okc/Time/parse-agrees-with-glib", test_parse_agrees_with_glib);
  g_test_add_func ("/Okc/Time/format", test_format);
  g_test_add_func ("/Okc/Time/date", test_date);
  g_test_add_func ("/Okc/Time/duration", test_duration);

  return g_test_run ();
}
