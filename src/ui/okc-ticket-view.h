/* okc-ticket-view.h — one ticket: what the chatbot collected, what is missing, the talk
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-charger-fleet.h"
#include "okc-client.h"
#include "okc-core.h"
#include "okc-reply-composer.h"

G_BEGIN_DECLS

#define OKC_TYPE_TICKET_VIEW (okc_ticket_view_get_type ())

G_DECLARE_FINAL_TYPE (OkcTicketView, okc_ticket_view, OKC, TICKET_VIEW, GtkWidget)

void       okc_ticket_view_set_client (OkcTicketView *self,
                                       OkcClient     *client);
void       okc_ticket_view_set_clock  (OkcTicketView *self,
                                       OkcClock      *clock);
void       okc_ticket_view_set_fleet  (OkcTicketView   *self,
                                       OkcChargerFleet *fleet);
void       okc_ticket_view_set_ticket (OkcTicketView *self,
                                       OkcTicket     *ticket);
OkcTicket *okc_ticket_view_get_ticket (OkcTicketView *self);
void       okc_ticket_view_set_user   (OkcTicketView *self,
                                       OkcUser       *user);
void       okc_ticket_view_set_team   (OkcTicketView *self,
                                       GPtrArray     *users);
OkcReplyComposer *okc_ticket_view_get_composer (OkcTicketView *self);
void       okc_ticket_view_set_presence (OkcTicketView *self,
                                         GPtrArray     *present);
void       okc_ticket_view_set_timeline (OkcTicketView *self,
                                         GPtrArray     *entries);

/* A refund.updated event, for the ticket's sessions and refunds. */
/* The ticket's audit entries changed without the ticket (an account change made for it). */
void       okc_ticket_view_refresh_audit  (OkcTicketView *self);
void       okc_ticket_view_refund_updated (OkcTicketView *self,
                                           OkcRefund     *refund);

G_END_DECLS
