/* okc-backend-payouts-private.h — what okc-backend-payouts.c shares with the adjustments
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-payouts.h"

G_BEGIN_DECLS

#define ADJUSTMENTS_SELECT \
  "SELECT a.id, a.payout_id, a.amount, a.currency, a.reason, a.ticket_id, a.created_by, " \
  "u.name, a.created_at, a.credited_payout_id FROM payout_adjustments a " \
  "JOIN users u ON u.id = a.created_by "

/* The payout's row read into the engine: what the period has, and what was sent. */
typedef struct
{
  JsonNode *payout;
  char *id;
  char *property_id;
  char *period_from;
  char *currency;
  OkcPayoutStatus status;
  gint64 amount;
  OkcPayoutReconciliation *reconciliation;
  OkcPayoutTotals totals;
} OkcBackendPayoutLoaded;

void      okc_backend_payout_loaded_clear        (OkcBackendPayoutLoaded  *loaded);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OkcBackendPayoutLoaded, okc_backend_payout_loaded_clear)

/* FALSE without @error when there is no such payout. */
gboolean  okc_backend_payouts_load               (OkcBackendDb            *db,
                                                  const char              *id,
                                                  OkcBackendPayoutLoaded  *out,
                                                  GError                 **error);
/* The adjustments made for @payout_id's shortfall, oldest first, and what they add to. */
JsonNode *okc_backend_payouts_list_adjustments   (OkcBackendDb            *db,
                                                  const char              *payout_id,
                                                  gint64                  *out_sum,
                                                  GError                 **error);
/* A row of ADJUSTMENTS_SELECT. */
JsonNode *okc_backend_payouts_adjustment_from_row (OkcBackendStmt         *stmt);
void      okc_backend_payouts_add_money          (JsonBuilder             *builder,
                                                  const char              *member,
                                                  gint64                   amount,
                                                  const char              *currency);
/* Whether @rc (not SQLITE_ROW) is a failure, then set in @error. */
gboolean  okc_backend_payouts_step_failed        (OkcBackendDb            *db,
                                                  int                      rc,
                                                  GError                 **error);

G_END_DECLS
