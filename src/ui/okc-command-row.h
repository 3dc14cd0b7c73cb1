/* okc-command-row.h — one remote command to a charger: what, how far it got, what the
 * charger said, who asked and when
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-charger-command.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_COMMAND_ROW (okc_command_row_get_type ())

G_DECLARE_FINAL_TYPE (OkcCommandRow, okc_command_row, OKC, COMMAND_ROW, GtkListBoxRow)

GtkWidget         *okc_command_row_new         (OkcChargerCommand *command);
void               okc_command_row_set_command (OkcCommandRow     *self,
                                                OkcChargerCommand *command);
OkcChargerCommand *okc_command_row_get_command (OkcCommandRow     *self);

G_END_DECLS
