/* okc-energy.h — energy as people read it
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *okc_format_energy         (gint64 wh);
char *okc_format_energy_display (gint64 wh);

G_END_DECLS
