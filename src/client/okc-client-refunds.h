/* okc-client-refunds.h — refunds and their review, from the backend (docs/actions.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-charging-session.h"
#include "okc-client.h"
#include "okc-outbox.h"
#include "okc-refund.h"
#include "okc-session-audit.h"
#include "okc-ticket.h"

G_BEGIN_DECLS

/* The filters of GET /v1/refunds; NULL members do not filter. */
typedef struct
{
  char *status;        /* a comma list: "pending_approval,processing" */
  char *ticket_id;
  char *session_id;
  char *requested_by;  /* a user id */
} OkcRefundQuery;

/* One page of GET /v1/refunds, oldest request first. */
typedef struct
{
  GPtrArray *refunds;  /* OkcRefund */
  char *next_cursor;   /* NULL on the last page */
  gint64 total;
} OkcRefundPage;

void            okc_refund_page_free (OkcRefundPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcRefundPage, okc_refund_page_free)

void            okc_client_list_refunds_async  (OkcClient            *self,
                                                const OkcRefundQuery *query,
                                                const char           *cursor,
                                                guint                 limit,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
OkcRefundPage  *okc_client_list_refunds_finish (OkcClient            *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/* GET /v1/refunds/{id}: a request with the evidence a reviewer needs. */
typedef struct
{
  OkcRefund *refund;
  OkcChargingSession *session;  /* the detail, with billed lines */
  OkcSessionAudit *analysis;    /* billed and expected breakdowns, findings */
  OkcTicket *ticket;            /* NULL when the refund answers no ticket */
  OkcMoney refundable;
} OkcRefundReview;

void             okc_refund_review_free (OkcRefundReview *review);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcRefundReview, okc_refund_review_free)

void             okc_client_get_refund_review_async  (OkcClient           *self,
                                                      const char          *id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
OkcRefundReview *okc_client_get_refund_review_finish (OkcClient           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The actions, for the outbox (docs/actions.md). A create is "refund.create", POST
 * /v1/refunds with @request's body (okc_refund_new(), okc_refund_set_lines()), summary
 * "Refund $12.40 on SES-0001234"; a review is "refund.approve" or "refund.reject", POST
 * /v1/refunds/{id}/approve or /reject with {"comment"}, summary "Approve the refund
 * RFD-000004 of $60.00". Both carry the refund's ticket. */
OkcOutboxAction *okc_refund_action_new_create (OkcRefund        *request);
OkcOutboxAction *okc_refund_action_new_review (OkcRefund        *refund,
                                               gboolean          approve,
                                               const char       *comment);
/* The refund a done action's answer holds; a refund action that is not done, or an answer
 * that is not a Refund, is an error. */
OkcRefund       *okc_refund_action_get_refund (OkcOutboxAction  *action,
                                               GError          **error);

G_END_DECLS
