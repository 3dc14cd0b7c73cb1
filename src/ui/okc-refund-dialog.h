/* okc-refund-dialog.h — ask for a refund of a session, prefilled from a finding
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "okc-client-sessions.h"
#include "okc-outbox.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_REFUND_DIALOG (okc_refund_dialog_get_type ())

/* A modal AdwWindow: Full (what is still refundable, which it loads), Line Items (the
 * billed lines ticked; their sum, which must not exceed what is refundable) or Amount
 * (prefilled from a finding); reason, note (the finding's sentence), whether it will wait
 * for a supervisor (the refund policy's threshold). "Refund" writes the refund to the
 * outbox (docs/actions.md), which sends it until the backend confirms it, and closes once
 * it is written; signal `refund-submitted` (OkcOutboxAction) then. */
G_DECLARE_FINAL_TYPE (OkcRefundDialog, okc_refund_dialog, OKC, REFUND_DIALOG, AdwWindow)

/* @finding: NULL for a refund not from a finding (then the amount is the refundable rest). */
OkcRefundDialog *okc_refund_dialog_new (GtkWindow          *parent,
                                        OkcClient          *client,
                                        OkcOutbox          *outbox,
                                        OkcChargingSession *session,
                                        OkcSessionFinding  *finding,
                                        const char         *ticket_id);

G_END_DECLS
