/* okc-ticket-page.h — one page of a GET /v1/tickets listing
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_TICKET_PAGE (okc_ticket_page_get_type ())

G_DECLARE_FINAL_TYPE (OkcTicketPage, okc_ticket_page, OKC, TICKET_PAGE, GObject)

OkcTicketPage *okc_ticket_page_new_from_json   (JsonNode       *node,
                                                gint64          server_time,
                                                GError        **error);
GPtrArray     *okc_ticket_page_get_tickets     (OkcTicketPage  *self);
const char    *okc_ticket_page_get_next_cursor (OkcTicketPage  *self);
gint64         okc_ticket_page_get_total       (OkcTicketPage  *self);
gint64         okc_ticket_page_get_newest_update (OkcTicketPage *self);
gint64         okc_ticket_page_get_server_time (OkcTicketPage  *self);

G_END_DECLS
