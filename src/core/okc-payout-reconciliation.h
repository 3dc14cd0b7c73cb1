/* okc-payout-reconciliation.h — what a host's payout covers, and whether it sums to the cent
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"
#include "okc-money.h"

G_BEGIN_DECLS

/* The rules are docs/payouts.md's; each has its case in tests/core/test-payout-reconciliation.c. */
#define OKC_PAYOUT_PLATFORM_FEE_BP 500
#define OKC_PAYOUT_THRESHOLD 100

/**
 * OkcPayoutSession:
 * @gross: the session's billed total, in the payout's currency's minor unit
 * @processing_fee: the billed processing fees (the breakdown's `fees` lines)
 * @placement: set by the engine (okc_payout_reconciliation_add_session() classifies)
 */
typedef struct
{
  char *id;
  char *charger_id;
  gint64 started_at;
  gint64 ended_at;
  gint64 gross;
  gint64 processing_fee;
  OkcPayoutPlacement placement;
} OkcPayoutSession;

/* A refund settled in the period, on one of the property's sessions. */
typedef struct
{
  char *id;
  char *session_id;
  gint64 settled_at;
  gint64 amount;
} OkcPayoutRefund;

/* The balance of an earlier carried-over payout (rule 6). */
typedef struct
{
  char *payout_id;
  char *period_from;
  char *period_to;
  gint64 amount;
} OkcPayoutCarry;

/* An adjustment credited in this payout for a shortfall of @payout_id (rule 7). */
typedef struct
{
  char *id;
  char *payout_id;
  gint64 amount;
  char *reason;
} OkcPayoutCredit;

/* Rules 2 to 11, each in minor units. */
typedef struct
{
  gint64 gross;
  gint64 processing_fees;
  gint64 platform_fee;
  gint64 refunds;
  gint64 carried_in;
  gint64 credits;
  gint64 expected;
  gint64 payable;
  gint64 sent;
  gint64 received;
  gint64 difference;
} OkcPayoutTotals;

#define OKC_TYPE_PAYOUT_RECONCILIATION (okc_payout_reconciliation_get_type ())
G_DECLARE_FINAL_TYPE (OkcPayoutReconciliation, okc_payout_reconciliation, OKC,
                      PAYOUT_RECONCILIATION, GObject)

/* An empty reconciliation of the period [@period_start, @cutoff_at), OKC_PAYOUT_PLATFORM_FEE_BP
 * and OKC_PAYOUT_THRESHOLD. */
OkcPayoutReconciliation *okc_payout_reconciliation_new       (const char              *currency,
                                                              gint64                   period_start,
                                                              gint64                   cutoff_at);

/* Any session of the property: one that ended in the period is covered (started_before when it
 * started before it), one that started in it and ended at or after the cut-off is deferred; any
 * other is ignored. Returns whether it was kept. */
gboolean   okc_payout_reconciliation_add_session    (OkcPayoutReconciliation *self,
                                                     const OkcPayoutSession  *session);
/* Kept when settled in the period. */
gboolean   okc_payout_reconciliation_add_refund     (OkcPayoutReconciliation *self,
                                                     const OkcPayoutRefund   *refund);
void       okc_payout_reconciliation_add_carry      (OkcPayoutReconciliation *self,
                                                     const OkcPayoutCarry    *carry);
void       okc_payout_reconciliation_add_credit     (OkcPayoutReconciliation *self,
                                                     const OkcPayoutCredit   *credit);
/* What the run sent and where the payout is (rule 10); without it, sent and received are 0. */
void       okc_payout_reconciliation_set_sent       (OkcPayoutReconciliation *self,
                                                     OkcPayoutStatus          status,
                                                     gint64                   amount);

/* Rules 2 to 11 over what was added. FALSE with OKC_DATA_ERROR on overflow. */
gboolean   okc_payout_reconciliation_compute        (OkcPayoutReconciliation *self,
                                                     OkcPayoutTotals         *out,
                                                     GError                 **error);
/* Below the threshold: a payout run carries it over rather than sending it (rule 9). */
gboolean   okc_payout_reconciliation_is_carried_over (OkcPayoutReconciliation *self);

const char             *okc_payout_reconciliation_get_currency (OkcPayoutReconciliation *self);
gint64                  okc_payout_reconciliation_get_period_start (OkcPayoutReconciliation *self);
gint64                  okc_payout_reconciliation_get_cutoff_at (OkcPayoutReconciliation *self);
/* By end time: covered, started_before and deferred together; see ->placement. */
const OkcPayoutSession *okc_payout_reconciliation_get_sessions (OkcPayoutReconciliation *self,
                                                                guint                   *n_sessions);
const OkcPayoutRefund  *okc_payout_reconciliation_get_refunds  (OkcPayoutReconciliation *self,
                                                                guint                   *n_refunds);
const OkcPayoutCarry   *okc_payout_reconciliation_get_carries  (OkcPayoutReconciliation *self,
                                                                guint                   *n_carries);
const OkcPayoutCredit  *okc_payout_reconciliation_get_credits  (OkcPayoutReconciliation *self,
                                                                guint                   *n_credits);
OkcPayoutStatus         okc_payout_reconciliation_get_status   (OkcPayoutReconciliation *self);
gint64                  okc_payout_reconciliation_get_sent     (OkcPayoutReconciliation *self);

/* The week of @monday in @zone: [local midnight of @monday, local midnight 7 days later). */
gboolean   okc_payout_week_bounds                   (GTimeZone               *zone,
                                                     const GDate             *monday,
                                                     gint64                  *out_start,
                                                     gint64                  *out_cutoff);

/* The Reconciliation of docs/payouts.md but its "adjustments" member, which the backend adds
 * from its own records: the lines and "totals", and a "payout" member with what the engine
 * knows of it (period_start, cutoff_at, status, amount), which the backend replaces with the
 * whole Payout. */
JsonNode  *okc_payout_reconciliation_to_json        (OkcPayoutReconciliation *self);
/* Strict; the totals must be what the lines give by the rules, else OKC_DATA_ERROR on
 * "totals.<member>": a backend's figures that do not add up are never shown as right. Reads
 * period_start, cutoff_at, status and amount of "payout" and no other of its members (the
 * Payout is decoded on its own), and leaves "adjustments" to its caller. */
OkcPayoutReconciliation *okc_payout_reconciliation_new_from_json (JsonNode    *node,
                                                                  const char  *path,
                                                                  GError     **error);

G_END_DECLS
