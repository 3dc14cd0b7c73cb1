/* test-energy.c — energy as people read it: kWh with all three decimals, exactly
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

static void
test_format (void)
{
  static const struct { gint64 wh; const char *text; } cases[] = {
    { 0, "0.000 kWh" },
    { 1, "0.001 kWh" },
    { 45, "0.045 kWh" },
    { 999, "0.999 kWh" },
    { 1000, "1.000 kWh" },
    { 12300, "12.300 kWh" },
    { 28629, "28.629 kWh" },
    { -1500, "−1.500 kWh" },
    { -1, "−0.001 kWh" },
    { G_MAXINT64, "9223372036854775.807 kWh" },
    { G_MININT64, "−9223372036854775.808 kWh" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = okc_format_energy (cases[i].wh);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Okc/Energy/format", test_format);
  return g_test_run ();
}
