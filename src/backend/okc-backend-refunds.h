/* okc-backend-refunds.h — refunds of sessions: what is still refundable, recording one, its
 * review and its settlement (docs/actions.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"
#include "okc-backend-events.h"
#include "okc-core.h"

G_BEGIN_DECLS

/* Refunds up to this (USD minor units) execute at once (docs/actions.md). */
#define OKC_BACKEND_REFUNDS_DEFAULT_THRESHOLD 5000
/* The simulated payment processor answers this long after a refund goes to processing. */
#define OKC_BACKEND_REFUNDS_DEFAULT_SETTLE_SECONDS 2
#define OKC_BACKEND_REFUNDS_LIMIT_DEFAULT 50
#define OKC_BACKEND_REFUNDS_LIMIT_MAX 200

#define OKC_BACKEND_REFUND_ERROR (okc_backend_refund_error_quark ())

/**
 * OkcBackendRefundError:
 * @OKC_BACKEND_REFUND_ERROR_NO_SESSION: the refund names no session the backend has
 * @OKC_BACKEND_REFUND_ERROR_NOT_FOUND: there is no such refund
 * @OKC_BACKEND_REFUND_ERROR_SELF_REVIEW: the reviewer requested the refund
 * @OKC_BACKEND_REFUND_ERROR_NOT_PENDING: the refund does not wait for a review
 */
typedef enum
{
  OKC_BACKEND_REFUND_ERROR_NO_SESSION,
  OKC_BACKEND_REFUND_ERROR_NOT_FOUND,
  OKC_BACKEND_REFUND_ERROR_SELF_REVIEW,
  OKC_BACKEND_REFUND_ERROR_NOT_PENDING,
} OkcBackendRefundError;

/**
 * OkcBackendRefundQuery:
 * @statuses: (nullable): a JSON array of status nicks
 * @after_seq: the cursor: the page starts after this refund, 0 for the first page
 *
 * GET /v1/refunds's filters; %NULL ones do not filter.
 */
typedef struct
{
  char *statuses;
  const char *ticket_id;
  const char *session_id;
  const char *requested_by;
  gint64 after_seq;
  guint limit;
} OkcBackendRefundQuery;

GQuark     okc_backend_refund_error_quark         (void);

void       okc_backend_refunds_set_threshold      (OkcBackendDb    *db,
                                                   gint64           amount);
void       okc_backend_refunds_get_threshold      (OkcBackendDb    *db,
                                                   OkcMoney        *out);
char      *okc_backend_refund_id_for_seq          (gint64           seq);

void       okc_backend_refunds_set_settle_seconds (OkcBackendDb    *db,
                                                   guint            seconds);

OkcRefund *okc_backend_refunds_create             (OkcBackendDb    *db,
                                                   OkcRefund       *request,
                                                   OkcUser         *actor,
                                                   gint64           now,
                                                   OkcBackendEvents *events,
                                                   GError         **error);
OkcRefund *okc_backend_refunds_create_within      (OkcBackendDb    *db,
                                                   OkcRefund       *request,
                                                   OkcUser         *actor,
                                                   gint64           now,
                                                   GError         **error);
OkcRefund *okc_backend_refunds_review             (OkcBackendDb    *db,
                                                   const char      *refund_id,
                                                   gboolean         approve,
                                                   const char      *comment,
                                                   OkcUser         *actor,
                                                   gint64           now,
                                                   OkcBackendEvents *events,
                                                   GError         **error);
OkcRefund *okc_backend_refunds_settle             (OkcBackendDb    *db,
                                                   const char      *refund_id,
                                                   gint64           now,
                                                   GError         **error);
void       okc_backend_refunds_schedule_settlement (OkcBackendDb   *db,
                                                    OkcRefund      *refund,
                                                    OkcBackendEvents *events);
gint64     okc_backend_refunds_settle_left_over   (OkcBackendDb    *db,
                                                   gint64           now,
                                                   GError         **error);
OkcRefund *okc_backend_refunds_load               (OkcBackendDb    *db,
                                                   const char      *refund_id,
                                                   OkcMoney        *out_refundable,
                                                   GError         **error);
JsonNode  *okc_backend_refunds_query              (OkcBackendDb    *db,
                                                   const OkcBackendRefundQuery *query,
                                                   GError         **error);
/* {items, refundable}; NULL without an error when there is no such session. */
JsonNode  *okc_backend_refunds_list               (OkcBackendDb    *db,
                                                   const char      *session_id,
                                                   GError         **error);

G_END_DECLS
