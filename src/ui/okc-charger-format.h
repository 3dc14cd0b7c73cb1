/* okc-charger-format.h — how the console writes a charger's state: pills, ages, places
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-core.h"

G_BEGIN_DECLS

char *okc_format_ago                     (gint64              since,
                                          gint64              now);
char *okc_charger_describe_place         (OkcCharger         *charger);
void  okc_charger_status_pill_update     (GtkLabel           *pill,
                                          OkcChargerStatus    status);
void  okc_connector_status_pill_update   (GtkLabel           *pill,
                                          OkcConnectorStatus  status);

G_END_DECLS
