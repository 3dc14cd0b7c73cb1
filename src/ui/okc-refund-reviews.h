/* okc-refund-reviews.h — Refund Reviews: the requests waiting for a supervisor, each with
 * its evidence, approved or rejected with a comment
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "okc-client.h"
#include "okc-outbox.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_REFUND_REVIEWS (okc_refund_reviews_get_type ())

/* The pending_approval refunds, oldest request first (amount, session, requester, age,
 * ticket), and the chosen one's evidence: the request, the ticket's summary, the session's
 * billed and expected breakdowns and findings, then "Approve…" and "Reject…", each asking
 * for a comment. Property `n-pending`: how many wait. */
G_DECLARE_FINAL_TYPE (OkcRefundReviews, okc_refund_reviews, OKC, REFUND_REVIEWS, GtkWidget)

/* @client: (nullable): the signed-in supervisor's client; NULL at sign-out empties it. */
void  okc_refund_reviews_set_client     (OkcRefundReviews *self,
                                         OkcClient        *client);
/* @outbox: (nullable): where approvals and rejections go, to be sent until confirmed. */
void  okc_refund_reviews_set_outbox     (OkcRefundReviews *self,
                                         OkcOutbox        *outbox);
void  okc_refund_reviews_set_clock      (OkcRefundReviews *self,
                                         OkcClock         *clock);
/* Fetches the pending requests again. */
void  okc_refund_reviews_reload         (OkcRefundReviews *self);
/* A refund.updated event: a new request joins the list, a reviewed one leaves it. */
void  okc_refund_reviews_refund_updated (OkcRefundReviews *self,
                                         OkcRefund        *refund);
guint okc_refund_reviews_get_n_pending  (OkcRefundReviews *self);

G_END_DECLS
