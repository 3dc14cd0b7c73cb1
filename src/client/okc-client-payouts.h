/* okc-client-payouts.h — a host's payouts, their reconciliation and revenue from the
 * backend, and the credit of a shortfall through the outbox (docs/payouts.md, topic 10)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-client.h"
#include "okc-outbox.h"
#include "okc-payout.h"
#include "okc-payout-adjustment.h"
#include "okc-payout-reconciliation.h"

G_BEGIN_DECLS

/* The filters of GET /v1/payouts: @host or @property is required; NULL does not filter. */
typedef struct
{
  const char *host;       /* a host's account id, "ACC-00003" */
  const char *property;   /* a property id, "PRP-0002" */
  const char *status;     /* a status nick, "failed" */
} OkcPayoutQuery;

/* One page of GET /v1/payouts, newest period first. */
typedef struct
{
  GPtrArray *payouts;     /* OkcPayout */
  char *next_cursor;      /* NULL on the last page */
  gint64 total;
} OkcPayoutPage;

void           okc_payout_page_free             (OkcPayoutPage        *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcPayoutPage, okc_payout_page_free)

void           okc_client_list_payouts_async    (OkcClient            *self,
                                                 const OkcPayoutQuery *query,
                                                 const char           *cursor,
                                                 guint                 limit,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
OkcPayoutPage *okc_client_list_payouts_finish   (OkcClient            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

void           okc_client_get_payout_async      (OkcClient            *self,
                                                 const char           *id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
OkcPayout     *okc_client_get_payout_finish     (OkcClient            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* GET /v1/payouts/{id}/reconciliation, decoded strictly and re-added by the core's engine:
 * totals that do not follow from the lines are an error, never a report. */
typedef struct
{
  OkcPayout *payout;
  OkcPayoutReconciliation *reconciliation;
  OkcPayoutTotals totals;
  GPtrArray *adjustments;   /* OkcPayoutAdjustment made on this payout's shortfall */
} OkcPayoutReport;

void             okc_payout_report_free          (OkcPayoutReport     *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcPayoutReport, okc_payout_report_free)

/* What of a shortfall is still to credit: -difference less the adjustments made; 0 when
 * the payout was not paid short. */
gint64           okc_payout_report_get_creditable (OkcPayoutReport    *report);

void             okc_client_get_payout_report_async  (OkcClient           *self,
                                                      const char          *id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
OkcPayoutReport *okc_client_get_payout_report_finish (OkcClient           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* GET /v1/accounts/{id}/revenue: every day of the range, zeros included. */
typedef struct
{
  char date[11];          /* "YYYY-MM-DD", the local date the sessions started */
  gint64 sessions;
  gint64 energy_wh;
  gint64 gross;           /* minor units of the revenue's currency */
} OkcRevenueDay;

typedef struct
{
  char currency[4];
  char *from;
  char *to;
  GArray *days;           /* OkcRevenueDay, oldest first */
} OkcRevenue;

void        okc_revenue_free                 (OkcRevenue          *revenue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcRevenue, okc_revenue_free)

/* @from and @to are "YYYY-MM-DD", at most 366 days; @property_id NULL for every property. */
void        okc_client_get_revenue_async     (OkcClient           *self,
                                              const char          *account_id,
                                              const char          *from,
                                              const char          *to,
                                              const char          *property_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
OkcRevenue *okc_client_get_revenue_finish    (OkcClient           *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* The outbox action "payout.adjust": POST /v1/payouts/{id}/adjustments with
 * {"ticket_id", "amount", "reason"}, summary "Credit $12.30 short on PAY-00012". */
OkcOutboxAction     *okc_payout_adjustment_action_new (const char       *payout_id,
                                                       const OkcMoney   *amount,
                                                       const char       *reason,
                                                       const char       *ticket_id);
/* The Adjustment a done action's answer holds; otherwise an error. */
OkcPayoutAdjustment *okc_payout_adjustment_action_get_adjustment (OkcOutboxAction  *action,
                                                                  GError          **error);

G_END_DECLS
