/* okc-ticket-audit.h — on a ticket: the actions taken from it, from the audit trail
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-client.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_TICKET_AUDIT (okc_ticket_audit_get_type ())

/* The "Actions" section below the ticket's activity: each audit entry of the ticket
 * (GET /v1/audit?ticket_id=), newest first, with when, who, what in words and before →
 * after. Fetched again whenever the ticket changes and on okc_ticket_audit_refresh(). */
G_DECLARE_FINAL_TYPE (OkcTicketAudit, okc_ticket_audit, OKC, TICKET_AUDIT, GtkWidget)

void okc_ticket_audit_set_client (OkcTicketAudit *self,
                                  OkcClient      *client);
void okc_ticket_audit_set_ticket (OkcTicketAudit *self,
                                  OkcTicket      *ticket);
void okc_ticket_audit_refresh    (OkcTicketAudit *self);

G_END_DECLS
