/* okc-client-sessions.h — charging sessions, their audit and refunds, from the backend
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-charging-session.h"
#include "okc-client.h"
#include "okc-refund.h"
#include "okc-session-audit.h"
#include "okc-tariff.h"

G_BEGIN_DECLS

/* The filters and order of GET /v1/sessions (docs/sessions.md). A plain value; NULL or 0
 * members do not filter. */
typedef struct
{
  char *charger_id;
  char *property_id;
  char *account;      /* ACC- id, email or phone */
  gint64 from;        /* started at or after; 0 for none */
  gint64 to;          /* started before; 0 for none */
  char *sort;         /* "-started_at" when NULL */
} OkcSessionQuery;

#define OKC_TYPE_SESSION_QUERY (okc_session_query_get_type ())

GType            okc_session_query_get_type (void) G_GNUC_CONST;
OkcSessionQuery *okc_session_query_copy  (const OkcSessionQuery *query);
void             okc_session_query_free  (OkcSessionQuery       *query);
gboolean         okc_session_query_equal (const OkcSessionQuery *a,
                                          const OkcSessionQuery *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcSessionQuery, okc_session_query_free)

/* One page of GET /v1/sessions. */
typedef struct
{
  GPtrArray *sessions;  /* OkcChargingSession summaries */
  guint offset;
  guint total;
} OkcSessionPage;

void             okc_session_page_free (OkcSessionPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcSessionPage, okc_session_page_free)

void             okc_client_list_sessions_async  (OkcClient             *self,
                                                  const OkcSessionQuery *query,
                                                  guint                  offset,
                                                  guint                  limit,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
OkcSessionPage  *okc_client_list_sessions_finish (OkcClient             *self,
                                                  GAsyncResult          *result,
                                                  GError               **error);

/* GET /v1/sessions/{id}: the detail, its tariff and neighbours. */
typedef struct
{
  OkcChargingSession *session;  /* with meter and billed */
  OkcTariff *tariff;
  GPtrArray *neighbours;        /* OkcChargingSession, with billed */
} OkcSessionDetail;

void              okc_session_detail_free (OkcSessionDetail *detail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcSessionDetail, okc_session_detail_free)

void              okc_client_get_session_async  (OkcClient           *self,
                                                 const char          *id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
OkcSessionDetail *okc_client_get_session_finish (OkcClient           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* GET /v1/sessions/{id}/analysis: the backend's own run of the audit. The console runs
 * okc_session_audit_run() on the detail itself; this is for checking they agree. */
void              okc_client_get_session_analysis_async  (OkcClient           *self,
                                                          const char          *id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
OkcSessionAudit  *okc_client_get_session_analysis_finish (OkcClient           *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Refunds (docs/sessions.md). */
void              okc_client_get_refund_policy_async  (OkcClient           *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean          okc_client_get_refund_policy_finish (OkcClient           *self,
                                                       GAsyncResult        *result,
                                                       OkcMoney            *out_approval_threshold,
                                                       GError             **error);
void              okc_client_create_refund_async      (OkcClient           *self,
                                                       OkcRefund           *request,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
OkcRefund        *okc_client_create_refund_finish     (OkcClient           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* GET /v1/sessions/{id}/refunds: (element-type OkcRefund) and what is still refundable. */
void              okc_client_list_session_refunds_async  (OkcClient           *self,
                                                          const char          *session_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray        *okc_client_list_session_refunds_finish (OkcClient           *self,
                                                          GAsyncResult        *result,
                                                          OkcMoney            *out_refundable,
                                                          GError             **error);

G_END_DECLS
