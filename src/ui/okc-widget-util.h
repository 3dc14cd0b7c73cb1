/* okc-widget-util.h — small helpers shared by the console's widgets
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void  okc_widget_dispose_template (GtkWidget *widget,
                                   GType      widget_type);
char *okc_format_local_time       (gint64     unix_time);
void  okc_widget_name_drop_down   (GtkDropDown *drop_down,
                                   const char  *label);

G_END_DECLS
