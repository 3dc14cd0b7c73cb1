/* okc-backend-audit.c — the audit trail: who did what to what, and when
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-audit.h"

#include "okc-core.h"

/**
 * okc_backend_audit_record:
 * @actor_id: (nullable): the user who acted; %NULL for the backend itself
 * @action: what was done ("charger.command", "charger.command.outcome", …)
 * @target_kind: what it was done to ("charger", …)
 * @ticket_id: (nullable): the ticket the user acted from
 * @before: (nullable): the target's state before, as JSON
 * @after: (nullable): its state after
 *
 * Appends one line to the audit log, inside the caller's transaction.
 */
gboolean
okc_backend_audit_record (OkcBackendDb  *db,
                          gint64         at,
                          const char    *actor_id,
                          const char    *action,
                          const char    *target_kind,
                          const char    *target_id,
                          const char    *ticket_id,
                          JsonNode      *before,
                          JsonNode      *after,
                          GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autofree char *before_text = before != NULL ? okc_json_to_string (before) : NULL;
  g_autofree char *after_text = after != NULL ? okc_json_to_string (after) : NULL;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), FALSE);
  g_return_val_if_fail (action != NULL && target_kind != NULL && target_id != NULL, FALSE);

  stmt = okc_backend_db_prepare (db,
                                 "INSERT INTO audit_log (at, actor_id, action, target_kind, "
                                 "target_id, ticket_id, before, after) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_int64 (stmt, 1, at);
  okc_backend_stmt_bind_text (stmt, 2, actor_id);
  okc_backend_stmt_bind_text (stmt, 3, action);
  okc_backend_stmt_bind_text (stmt, 4, target_kind);
  okc_backend_stmt_bind_text (stmt, 5, target_id);
  okc_backend_stmt_bind_text (stmt, 6, ticket_id);
  okc_backend_stmt_bind_text (stmt, 7, before_text);
  okc_backend_stmt_bind_text (stmt, 8, after_text);
  return okc_backend_db_step_done (db, stmt, error);
}
