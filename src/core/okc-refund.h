/* okc-refund.h — money going back to a customer for a session
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-cost-breakdown.h"
#include "okc-enums.h"
#include "okc-money.h"

G_BEGIN_DECLS

#define OKC_TYPE_REFUND (okc_refund_get_type ())

G_DECLARE_FINAL_TYPE (OkcRefund, okc_refund, OKC, REFUND, GObject)

/* A request as the console builds it: no id, status PENDING_APPROVAL until the backend
 * says. @finding_kind -1 for none. */
OkcRefund       *okc_refund_new                 (const char      *session_id,
                                                 const OkcMoney  *amount,
                                                 OkcRefundReason  reason,
                                                 const char      *note,
                                                 const char      *ticket_id,
                                                 int              finding_kind);
/* The Refund of docs/actions.md, strict. */
OkcRefund       *okc_refund_new_from_json       (JsonNode        *node,
                                                 const char      *path,
                                                 GError         **error);
JsonNode        *okc_refund_to_json             (OkcRefund       *self);
/* The POST /v1/refunds body. */
JsonNode        *okc_refund_to_request_json     (OkcRefund       *self);
/* Parses a POST body; errors name the member ("amount"). */
OkcRefund       *okc_refund_new_from_request    (JsonNode        *body,
                                                 GError         **error);
void             okc_refund_set_recorded        (OkcRefund       *self,
                                                 const char      *id,
                                                 OkcRefundStatus  status,
                                                 const char      *requested_by_id,
                                                 const char      *requested_by_name,
                                                 gint64           requested_at);
void             okc_refund_set_lines           (OkcRefund       *self,
                                                 const guint     *lines,
                                                 guint            n_lines);
void             okc_refund_set_review          (OkcRefund       *self,
                                                 OkcRefundStatus  status,
                                                 const char      *reviewed_by_id,
                                                 const char      *reviewed_by_name,
                                                 gint64           reviewed_at,
                                                 const char      *comment);
void             okc_refund_set_settlement      (OkcRefund       *self,
                                                 OkcRefundStatus  status,
                                                 const char      *failure_reason,
                                                 gint64           settled_at);
/* A refund by lines: each names a billed line, the amount is their sum. */
gboolean         okc_refund_check_lines         (OkcRefund        *self,
                                                 OkcCostBreakdown *billed,
                                                 GError          **error);

const char      *okc_refund_get_id              (OkcRefund       *self);
const char      *okc_refund_get_session_id      (OkcRefund       *self);
const char      *okc_refund_get_ticket_id       (OkcRefund       *self);
void             okc_refund_get_amount          (OkcRefund       *self,
                                                 OkcMoney        *out);
OkcRefundReason  okc_refund_get_reason          (OkcRefund       *self);
const char      *okc_refund_get_note            (OkcRefund       *self);
int              okc_refund_get_finding_kind    (OkcRefund       *self);
OkcRefundStatus  okc_refund_get_status          (OkcRefund       *self);
const char      *okc_refund_get_requested_by_id (OkcRefund       *self);
const char      *okc_refund_get_requested_by_name (OkcRefund     *self);
gint64           okc_refund_get_requested_at    (OkcRefund       *self);
const guint     *okc_refund_get_lines           (OkcRefund       *self,
                                                 guint           *n_lines);
const char      *okc_refund_get_reviewed_by_id  (OkcRefund       *self);
const char      *okc_refund_get_reviewed_by_name (OkcRefund      *self);
gint64           okc_refund_get_reviewed_at     (OkcRefund       *self);
const char      *okc_refund_get_review_comment  (OkcRefund       *self);
const char      *okc_refund_get_failure_reason  (OkcRefund       *self);
gint64           okc_refund_get_settled_at      (OkcRefund       *self);

const char      *okc_refund_reason_get_label    (OkcRefundReason reason);
const char      *okc_refund_status_get_label    (OkcRefundStatus status);
/* The reason a finding's refund is for: double billing → duplicate charge, else mischarge. */
OkcRefundReason  okc_refund_reason_for_finding  (OkcFindingKind  kind);

G_END_DECLS
