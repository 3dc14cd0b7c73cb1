/* okc-backend-refunds.h — refunds of sessions: what is still refundable, recording one
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"
#include "okc-core.h"

G_BEGIN_DECLS

/* Refunds up to this (USD minor units) execute at once (docs/sessions.md, Refunds). */
#define OKC_BACKEND_REFUNDS_DEFAULT_THRESHOLD 5000

#define OKC_BACKEND_REFUND_ERROR (okc_backend_refund_error_quark ())

/**
 * OkcBackendRefundError:
 * @OKC_BACKEND_REFUND_ERROR_NO_SESSION: the refund names no session the backend has
 */
typedef enum
{
  OKC_BACKEND_REFUND_ERROR_NO_SESSION,
} OkcBackendRefundError;

GQuark     okc_backend_refund_error_quark         (void);

void       okc_backend_refunds_set_threshold      (OkcBackendDb    *db,
                                                   gint64           amount);
void       okc_backend_refunds_get_threshold      (OkcBackendDb    *db,
                                                   OkcMoney        *out);
char      *okc_backend_refund_id_for_seq          (gint64           seq);

OkcRefund *okc_backend_refunds_create             (OkcBackendDb    *db,
                                                   OkcRefund       *request,
                                                   OkcUser         *actor,
                                                   gint64           now,
                                                   GError         **error);
/* {items, refundable}; NULL without an error when there is no such session. */
JsonNode  *okc_backend_refunds_list               (OkcBackendDb    *db,
                                                   const char      *session_id,
                                                   GError         **error);

G_END_DECLS
