/* test-clock.c — the injectable clock and ages
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_fixed (void)
{
  g_autoptr(OkcClock) clock = okc_clock_new_fixed (1000);
  guint notifications = 0;

  g_signal_connect (clock, "notify::now", G_CALLBACK (count_cb), &notifications);
  g_assert_cmpint (okc_clock_get_now (clock), ==, 1000);

  okc_clock_set_now (clock, 1000);
  g_assert_cmpuint (notifications, ==, 0);
  okc_clock_set_now (clock, 1060);
  g_assert_cmpuint (notifications, ==, 1);
  g_assert_cmpint (okc_clock_get_now (clock), ==, 1060);

  g_assert_finalize_object (g_steal_pointer (&clock));
}

static void
test_system (void)
{
  g_autoptr(OkcClock) clock = okc_clock_new_system (60);
  gint64 real = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpint (ABS (okc_clock_get_now (clock) - real), <=, 1);
  g_assert_finalize_object (g_steal_pointer (&clock));
}

static void
test_age (void)
{
  static const struct
  {
    gint64 seconds;
    const char *expected;
  } cases[] = {
    { -30, "just now" },       /* a clock slightly behind the server's */
    { 0, "just now" },
    { 59, "just now" },
    { 60, "1 min" },
    { 3599, "59 min" },
    { 3600, "1 h" },
    { 3600 + 600, "1 h 10 min" },
    { 86399, "23 h 59 min" },
    { 86400, "1 d" },
    { 3 * 86400 + 4 * 3600 + 59, "3 d 4 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = okc_format_age (1000000, 1000000 + cases[i].seconds);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Clock/fixed", test_fixed);
  g_test_add_func ("/Okc/Clock/system", test_system);
  g_test_add_func ("/Okc/Clock/age", test_age);

  return g_test_run ();
}
