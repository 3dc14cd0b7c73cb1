/* okc-backend-payouts.h — hosts' weekly payouts, their reconciliation and adjustments
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-backend-db.h"
#include "okc-core.h"
#include "okc-payout-reconciliation.h"

G_BEGIN_DECLS

#define OKC_BACKEND_PAYOUTS_LIMIT_DEFAULT 20
#define OKC_BACKEND_PAYOUTS_LIMIT_MAX 100

#define OKC_BACKEND_PAYOUT_ERROR (okc_backend_payout_error_quark ())

/**
 * OkcBackendPayoutError:
 * @OKC_BACKEND_PAYOUT_ERROR_NOT_FOUND: no such payout (404)
 * @OKC_BACKEND_PAYOUT_ERROR_NO_SHORTFALL: nothing short to credit (409 no_shortfall)
 * @OKC_BACKEND_PAYOUT_ERROR_EXCEEDS_SHORTFALL: more than the shortfall still open (409
 *   adjustment_exceeds_shortfall)
 */
typedef enum
{
  OKC_BACKEND_PAYOUT_ERROR_NOT_FOUND,
  OKC_BACKEND_PAYOUT_ERROR_NO_SHORTFALL,
  OKC_BACKEND_PAYOUT_ERROR_EXCEEDS_SHORTFALL,
} OkcBackendPayoutError;

GQuark      okc_backend_payout_error_quark (void);
/* The API's code for @error, or NULL when it is not one of these. */
const char *okc_backend_payout_error_code  (const GError *error);

/**
 * OkcBackendPayoutPeriod:
 * @property_id: the property paid
 * @currency: its sessions' currency
 * @period_from: the week's Monday, "YYYY-MM-DD"
 * @period_start: local midnight of @period_from
 * @cutoff_at: local midnight after the week's Sunday
 * @payout_id: (nullable): the payout of this period, whose credits are read; NULL while
 *   the run has not made it yet
 * @without_carries: leave the carried-over weeks before it out: its own week's balance
 */
typedef struct
{
  const char *property_id;
  const char *currency;
  const char *period_from;
  gint64 period_start;
  gint64 cutoff_at;
  const char *payout_id;
  gboolean without_carries;
} OkcBackendPayoutPeriod;

/* The week of @period_from ("YYYY-MM-DD", a Monday) in the zone @timezone names (UTC when
 * it names none). */
gboolean  okc_backend_payout_week_bounds (const char     *timezone,
                                          const char     *period_from,
                                          gint64         *out_start,
                                          gint64         *out_cutoff);

/* The engine fed with what the period has: the property's sessions around it, the refunds
 * settled in it, the run of carried-over payouts just before it, the credits made to it.
 * Nothing sent yet (okc_payout_reconciliation_set_sent()). */
OkcPayoutReconciliation *okc_backend_payouts_reconcile_period (OkcBackendDb                 *db,
                                                               const OkcBackendPayoutPeriod *period,
                                                               GError                      **error);

/* The Payout of docs/payouts.md; NULL without @error when there is none. */
JsonNode *okc_backend_payouts_get            (OkcBackendDb  *db,
                                              const char    *id,
                                              GError       **error);
/* `{"payouts", "next_cursor", "total"}`, newest period first; @after the raw cursor (the
 * last payout of the page before), or NULL. */
JsonNode *okc_backend_payouts_list           (OkcBackendDb  *db,
                                              const char    *host_id,
                                              const char    *property_id,
                                              const char    *status,
                                              const char    *after,
                                              guint          limit,
                                              GError       **error);
/* The Payouts of @host_id (of @property_id only, when not NULL) whose period_to is in
 * [@from, @to] ("YYYY-MM-DD"), oldest period first: a JSON array. */
JsonNode *okc_backend_payouts_list_ending    (OkcBackendDb  *db,
                                              const char    *host_id,
                                              const char    *property_id,
                                              const char    *from,
                                              const char    *to,
                                              GError       **error);
/* The Reconciliation of docs/payouts.md; NULL without @error when there is no such payout. */
JsonNode *okc_backend_payouts_reconciliation (OkcBackendDb  *db,
                                              const char    *id,
                                              GError       **error);
/* POST /v1/payouts/{id}/adjustments: the Adjustment, its audit record and events, in one
 * transaction. OKC_DATA_ERROR for a bad @body, OKC_BACKEND_PAYOUT_ERROR otherwise. */
JsonNode *okc_backend_payouts_adjust         (OkcBackendDb  *db,
                                              const char    *id,
                                              JsonNode      *body,
                                              OkcUser       *actor,
                                              gint64         now,
                                              GError       **error);

G_END_DECLS
