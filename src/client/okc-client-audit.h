/* okc-client-audit.h — the audit trail from the backend (GET /v1/audit)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-audit-entry.h"
#include "okc-client.h"

G_BEGIN_DECLS

/* The filters of GET /v1/audit (docs/actions.md, "The audit trail"). A plain value; NULL,
 * empty or 0 members do not filter. */
typedef struct
{
  char *ticket_id;
  char *actor_id;
  char *action;       /* a prefix: "refund." or "refund.create" */
  char *target_kind;
  char *target_id;
  gint64 from;        /* at or after; 0 for none */
  gint64 to;          /* before; 0 for none */
} OkcAuditQuery;

#define OKC_TYPE_AUDIT_QUERY (okc_audit_query_get_type ())

GType          okc_audit_query_get_type (void) G_GNUC_CONST;
OkcAuditQuery *okc_audit_query_copy     (const OkcAuditQuery *query);
void           okc_audit_query_free     (OkcAuditQuery       *query);
gboolean       okc_audit_query_equal    (const OkcAuditQuery *a,
                                         const OkcAuditQuery *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcAuditQuery, okc_audit_query_free)

/* One page of GET /v1/audit, newest first. */
typedef struct
{
  GPtrArray *entries;   /* OkcAuditEntry */
  char *next_cursor;    /* NULL on the last page */
} OkcAuditPage;

void           okc_audit_page_free (OkcAuditPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcAuditPage, okc_audit_page_free)

void           okc_client_list_audit_async  (OkcClient            *self,
                                             const OkcAuditQuery  *query,
                                             const char           *cursor,
                                             guint                 limit,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
OkcAuditPage  *okc_client_list_audit_finish (OkcClient            *self,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
