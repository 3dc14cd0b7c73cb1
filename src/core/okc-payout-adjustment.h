/* okc-payout-adjustment.h — a payout's shortfall credited to the property's next payout
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-money.h"

G_BEGIN_DECLS

#define OKC_TYPE_PAYOUT_ADJUSTMENT (okc_payout_adjustment_get_type ())

G_DECLARE_FINAL_TYPE (OkcPayoutAdjustment, okc_payout_adjustment, OKC, PAYOUT_ADJUSTMENT,
                      GObject)

/* The Adjustment of docs/payouts.md, strict. */
OkcPayoutAdjustment *okc_payout_adjustment_new_from_json (JsonNode             *node,
                                                          const char           *path,
                                                          GError              **error);
JsonNode            *okc_payout_adjustment_to_json       (OkcPayoutAdjustment  *self);

const char          *okc_payout_adjustment_get_id        (OkcPayoutAdjustment  *self);
/* The payout paid short. */
const char          *okc_payout_adjustment_get_payout_id (OkcPayoutAdjustment  *self);
void                 okc_payout_adjustment_get_amount    (OkcPayoutAdjustment  *self,
                                                          OkcMoney             *out);
const char          *okc_payout_adjustment_get_reason    (OkcPayoutAdjustment  *self);
/* NULL when made without a ticket. */
const char          *okc_payout_adjustment_get_ticket_id (OkcPayoutAdjustment  *self);
const char          *okc_payout_adjustment_get_created_by_id   (OkcPayoutAdjustment *self);
const char          *okc_payout_adjustment_get_created_by_name (OkcPayoutAdjustment *self);
gint64               okc_payout_adjustment_get_created_at      (OkcPayoutAdjustment *self);
/* The scheduled payout it was added to; NULL when there was none yet (the next run pays it). */
const char          *okc_payout_adjustment_get_credited_payout_id (OkcPayoutAdjustment *self);

G_END_DECLS
