/* okc-energy.c — energy as people read it
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "okc-energy.h"
#include "okc-number-format.h"

/**
 * okc_format_energy:
 * @wh: energy in Wh
 *
 * Formats @wh as kWh with all three decimals, exactly, in integers: "12.300 kWh",
 * "0.045 kWh", "−1.500 kWh". Always three, so that a column of them lines up and no Wh
 * is hidden by rounding. The same in every locale; the screen uses
 * okc_format_energy_display().
 *
 * Returns: (transfer full): the text
 */
char *
okc_format_energy (gint64 wh)
{
  guint64 magnitude = wh < 0 ? (guint64) -(wh + 1) + 1 : (guint64) wh;

  /* Translators: energy, "12.345 kWh"; the first %s is a minus sign or nothing */
  return g_strdup_printf (_("%s%" PRIu64 ".%03u kWh"), wh < 0 ? "−" : "",
                          magnitude / 1000, (guint) (magnitude % 1000));
}

/**
 * okc_format_energy_display:
 * @wh: energy in Wh
 *
 * okc_format_energy() as the current locale writes numbers (LC_NUMERIC): "1,234.500 kWh"
 * in en_US, "1.234,500 kWh" in es_ES, "1234.500 kWh" in C.
 *
 * Returns: (transfer full): the text
 */
char *
okc_format_energy_display (gint64 wh)
{
  g_autofree char *number = okc_format_fixed (wh, 3);

  /* Translators: energy, "12.345 kWh"; %s is the number with its decimals */
  return g_strdup_printf (_("%s kWh"), number);
}
