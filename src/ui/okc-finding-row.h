/* okc-finding-row.h — one mischarge finding: what happened, its evidence, its refund
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_FINDING_ROW (okc_finding_row_get_type ())

/* The kind's label, the sentence, the refund it justifies, an expander with the evidence
 * and a "Refund the Difference" button; signal `refund-clicked` when it is pressed. */
G_DECLARE_FINAL_TYPE (OkcFindingRow, okc_finding_row, OKC, FINDING_ROW, GtkListBoxRow)

GtkWidget         *okc_finding_row_new            (OkcSessionFinding *finding);
OkcSessionFinding *okc_finding_row_get_finding    (OkcFindingRow     *self);
/* @refunded: what refunds for this finding already gave back (not rejected or failed);
 * @refundable: what the session still has to refund. The button offers the finding's
 * refund less @refunded, at most @refundable, and nothing at 0. Both NULL while unknown
 * (the button offers the finding's whole refund). */
void               okc_finding_row_set_refunds    (OkcFindingRow     *self,
                                                   const OkcMoney    *refunded,
                                                   const OkcMoney    *refundable);
/* A reviewer reads the finding as evidence: no "Refund the Difference" button. */
void               okc_finding_row_set_can_refund (OkcFindingRow     *self,
                                                   gboolean           can_refund);

G_END_DECLS
