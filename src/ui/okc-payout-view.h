/* okc-payout-view.h — a host's payout: its status and its reconciliation, line by line,
 * to the verdict; Credit Shortfall… (topic 10)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "okc-client-payouts.h"
#include "okc-outbox.h"

G_BEGIN_DECLS

#define OKC_TYPE_PAYOUT_VIEW (okc_payout_view_get_type ())

/* A window of its own beside the main one (as a property's page), so that the agent keeps
 * the host's ticket in view. The ledger of docs/payouts.md's rules, each line expandable
 * to its sessions or refunds (a session activates win.show-session on @parent), the
 * timing differences explained, and the verdict; a shortfall offers Credit Shortfall…,
 * sent through the outbox with @ticket_id, after which the page reloads. */
G_DECLARE_FINAL_TYPE (OkcPayoutView, okc_payout_view, OKC, PAYOUT_VIEW, AdwWindow)

OkcPayoutView *okc_payout_view_new           (GtkWindow     *parent,
                                              OkcClient     *client,
                                              OkcOutbox     *outbox,
                                              const char    *payout_id,
                                              const char    *ticket_id);
const char    *okc_payout_view_get_payout_id (OkcPayoutView *self);
/* Fetches the payout again (a payout.updated event). */
void           okc_payout_view_reload        (OkcPayoutView *self);

G_END_DECLS
