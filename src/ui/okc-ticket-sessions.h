/* okc-ticket-sessions.h — on a billing ticket: the sessions around the reported time
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-client.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_TICKET_SESSIONS (okc_ticket_sessions_get_type ())

/* For topics 2, 4 and 5: lists the sessions of the ticket's charger (else property) in the
 * report's window (okc-session-match.h), the likely one marked "Likely" and opened below in
 * an OkcSessionView; "Reply with Breakdown" emits `reply-requested` with the text of
 * okc_session_reply_compose() for the ticket view to put in its reply composer. Hidden for
 * other topics. */
G_DECLARE_FINAL_TYPE (OkcTicketSessions, okc_ticket_sessions, OKC, TICKET_SESSIONS, GtkWidget)

void okc_ticket_sessions_set_client (OkcTicketSessions *self,
                                     OkcClient         *client);
void okc_ticket_sessions_set_ticket (OkcTicketSessions *self,
                                     OkcTicket         *ticket);

/* A refund.updated event: the ticket's refunds and the session shown follow it. */
void okc_ticket_sessions_refund_updated (OkcTicketSessions *self,
                                         OkcRefund         *refund);

G_END_DECLS
