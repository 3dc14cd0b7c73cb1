/* okc-payout.h — a host's weekly payout for one property, and where the bank has it
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"
#include "okc-money.h"

G_BEGIN_DECLS

#define OKC_TYPE_PAYOUT (okc_payout_get_type ())

G_DECLARE_FINAL_TYPE (OkcPayout, okc_payout, OKC, PAYOUT, GObject)

/* The Payout of docs/payouts.md, strict: the fields each status has, and only those. */
OkcPayout       *okc_payout_new_from_json        (JsonNode    *node,
                                                  const char  *path,
                                                  GError     **error);
JsonNode        *okc_payout_to_json              (OkcPayout   *self);

const char      *okc_payout_get_id               (OkcPayout   *self);
const char      *okc_payout_get_host_account_id  (OkcPayout   *self);
const char      *okc_payout_get_property_id      (OkcPayout   *self);
const char      *okc_payout_get_property_name    (OkcPayout   *self);
/* The week's first and last local dates, "YYYY-MM-DD". */
const char      *okc_payout_get_period_from      (OkcPayout   *self);
const char      *okc_payout_get_period_to        (OkcPayout   *self);
/* Local midnight of period_from and the cut-off, seconds since the epoch. */
gint64           okc_payout_get_period_start     (OkcPayout   *self);
gint64           okc_payout_get_cutoff_at        (OkcPayout   *self);
void             okc_payout_get_amount           (OkcPayout   *self,
                                                  OkcMoney    *out);
OkcPayoutStatus  okc_payout_get_status           (OkcPayout   *self);
/* 0 when not sent (yet). */
gint64           okc_payout_get_initiated_at     (OkcPayout   *self);
/* Expected while in transit, actual once paid; 0 when none. */
gint64           okc_payout_get_arrival_at       (OkcPayout   *self);
/* The bank's return code and its words, "R03: No account or unable to locate account";
 * NULL unless failed. */
const char      *okc_payout_get_failure_reason   (OkcPayout   *self);
/* NULL when the backend does not know the account. */
const char      *okc_payout_get_bank_last4       (OkcPayout   *self);

const char      *okc_payout_status_get_label     (OkcPayoutStatus status);

G_END_DECLS
