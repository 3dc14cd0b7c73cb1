/* okc-charger-row.h — one charger in the fleet list: id, place, status, heartbeat, attention
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_CHARGER_ROW (okc_charger_row_get_type ())

G_DECLARE_FINAL_TYPE (OkcChargerRow, okc_charger_row, OKC, CHARGER_ROW, GtkWidget)

GtkWidget *okc_charger_row_new         (OkcClock      *clock);
void       okc_charger_row_set_charger (OkcChargerRow *self,
                                        OkcCharger    *charger);

G_END_DECLS
