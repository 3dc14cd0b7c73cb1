/* okc-ticket-row.h — one ticket in the queue
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_TICKET_ROW (okc_ticket_row_get_type ())

G_DECLARE_FINAL_TYPE (OkcTicketRow, okc_ticket_row, OKC, TICKET_ROW, GtkWidget)

GtkWidget *okc_ticket_row_new        (OkcClock     *clock);
void       okc_ticket_row_set_ticket (OkcTicketRow *self,
                                      OkcTicket    *ticket);

G_END_DECLS
