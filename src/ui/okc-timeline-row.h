/* okc-timeline-row.h — one entry of a ticket's activity, as a sentence with its time
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-core.h"

G_BEGIN_DECLS

char      *okc_timeline_entry_describe (OkcTimelineEntry *entry);
GtkWidget *okc_timeline_row_new        (OkcTimelineEntry *entry);

G_END_DECLS
