/* okc-shortfall-dialog.h — credit what a payout paid short to the property's next payout
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "okc-client-payouts.h"
#include "okc-outbox.h"

G_BEGIN_DECLS

#define OKC_TYPE_SHORTFALL_DIALOG (okc_shortfall_dialog_get_type ())

/* A modal AdwWindow: the amount, prefilled with what is still short and never more; a
 * reason (required); the ticket it is for. "Credit" writes the adjustment to the outbox
 * (docs/payouts.md, POST /v1/payouts/{id}/adjustments) and closes once it is written;
 * signal `credit-submitted` (OkcOutboxAction) then. */
G_DECLARE_FINAL_TYPE (OkcShortfallDialog, okc_shortfall_dialog, OKC, SHORTFALL_DIALOG, AdwWindow)

/* @creditable: what is still short, in @currency's minor units, > 0. */
OkcShortfallDialog *okc_shortfall_dialog_new (GtkWindow  *parent,
                                              OkcOutbox  *outbox,
                                              const char *payout_id,
                                              const char *currency,
                                              gint64      creditable,
                                              const char *ticket_id);

G_END_DECLS
