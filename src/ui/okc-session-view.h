/* okc-session-view.h — one charging session: facts, power chart, billed vs expected, findings
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-client-sessions.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_SESSION_VIEW (okc_session_view_get_type ())

/* Loads GET /v1/sessions/{id} and runs okc_session_audit_run() on it; shows the chart
 * (OkcPowerChart), the cost breakdown line by line beside the expected one, and each finding
 * with its evidence and a "Refund the Difference" button (OkcRefundDialog, prefilled).
 * Signal `refund-requested` (OkcRefund) after a refund was created, so a ticket can say so. */
G_DECLARE_FINAL_TYPE (OkcSessionView, okc_session_view, OKC, SESSION_VIEW, GtkWidget)

void                okc_session_view_set_client     (OkcSessionView *self,
                                                     OkcClient      *client);
/* The ticket refunds and replies are for, or NULL. */
void                okc_session_view_set_ticket_id  (OkcSessionView *self,
                                                     const char     *ticket_id);
void                okc_session_view_set_session_id (OkcSessionView *self,
                                                     const char     *session_id);
const char         *okc_session_view_get_session_id (OkcSessionView *self);
/* NULL until loaded. */
OkcSessionDetail   *okc_session_view_get_detail     (OkcSessionView *self);
OkcSessionAudit    *okc_session_view_get_audit      (OkcSessionView *self);
/* A refund.updated event: the refunds of the session shown are read again. */
void                okc_session_view_refund_updated (OkcSessionView *self,
                                                     OkcRefund      *refund);

G_END_DECLS
