/* okc-backend-audit.h — the audit trail: who did what to what, and when
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-backend-db.h"

G_BEGIN_DECLS

gboolean okc_backend_audit_record (OkcBackendDb  *db,
                                   gint64         at,
                                   const char    *actor_id,
                                   const char    *action,
                                   const char    *target_kind,
                                   const char    *target_id,
                                   const char    *ticket_id,
                                   JsonNode      *before,
                                   JsonNode      *after,
                                   GError       **error);

/**
 * OkcBackendAuditQuery:
 * @ticket_id, @actor_id, @target_kind, @target_id: (nullable): equal to, when set
 * @action_prefix: (nullable): the action starts with it ("refund." or "refund.create")
 * @from, @to: `from` ≤ at < `to`; 0 for no bound
 * @before_seq: only entries older than this one (the cursor); 0 for the newest
 * @limit: at most this many entries
 */
typedef struct
{
  const char *ticket_id;
  const char *actor_id;
  const char *action_prefix;
  const char *target_kind;
  const char *target_id;
  gint64 from;
  gint64 to;
  gint64 before_seq;
  guint limit;
} OkcBackendAuditQuery;

JsonNode *okc_backend_audit_list (OkcBackendDb                *db,
                                  const OkcBackendAuditQuery  *query,
                                  GError                     **error);

char     *okc_backend_audit_cursor_encode (gint64      seq);
gboolean  okc_backend_audit_cursor_decode (const char *cursor,
                                           gint64     *seq);

G_END_DECLS
