/* okc-backend-audit.c — the audit trail: who did what to what, and when
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-audit.h"

#include <string.h>

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

/* The cursor is the seq of the page's last entry, in hex after a letter: opaque to the
 * client, and never a bare number that someone might take for a count. */
char *
okc_backend_audit_cursor_encode (gint64 seq)
{
  return g_strdup_printf ("a%" G_GINT64_MODIFIER "x", seq);
}

gboolean
okc_backend_audit_cursor_decode (const char *cursor,
                                 gint64     *seq)
{
  guint64 value;

  if (cursor[0] != 'a' || strlen (cursor) > 17 ||
      strspn (cursor + 1, "0123456789abcdef") != strlen (cursor + 1) ||
      !g_ascii_string_to_unsigned (cursor + 1, 16, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *seq = (gint64) value;
  return TRUE;
}

static void
add_stored_json (JsonBuilder *builder,
                 const char  *member,
                 const char  *text)
{
  json_builder_set_member_name (builder, member);
  if (text == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  /* Written by okc_backend_audit_record() from a JsonNode, so it parses; a row that
   * someone damaged by hand reads as null rather than failing the whole list. */
  {
    g_autoptr(JsonNode) node = json_from_string (text, NULL);

    if (node != NULL)
      json_builder_add_value (builder, g_steal_pointer (&node));
    else
      json_builder_add_null_value (builder);
  }
}

/* One row of LIST_SELECT as an AuditEntry (docs/actions.md "The audit trail"). */
static void
add_entry (JsonBuilder    *builder,
           OkcBackendStmt *stmt)
{
  g_autofree char *at = okc_time_format_rfc3339 (sqlite3_column_int64 (stmt, 1));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 0));
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, at);
  json_builder_set_member_name (builder, "actor");
  if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, okc_backend_stmt_get_text (stmt, 2));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, okc_backend_stmt_get_text (stmt, 3));
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, okc_backend_stmt_get_text (stmt, 4));
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, okc_backend_stmt_get_text (stmt, 5));
  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, okc_backend_stmt_get_text (stmt, 6));
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, okc_backend_stmt_get_text (stmt, 7));
  json_builder_end_object (builder);
  okc_json_builder_add_string (builder, "ticket_id", okc_backend_stmt_get_text (stmt, 8));
  add_stored_json (builder, "before", okc_backend_stmt_get_text (stmt, 9));
  add_stored_json (builder, "after", okc_backend_stmt_get_text (stmt, 10));
  json_builder_end_object (builder);
}

/* The actor is joined, not copied: an entry names the person as the team knows them now.
 * Users are never deleted (they are referenced), so the join always finds one. */
#define LIST_SELECT \
  "SELECT a.seq, a.at, a.actor_id, u.name, u.role, a.action, a.target_kind, a.target_id, " \
  "a.ticket_id, a.before, a.after FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id " \
  "WHERE (?1 IS NULL OR a.ticket_id = ?1) AND (?2 IS NULL OR a.actor_id = ?2) " \
  "AND (?3 IS NULL OR substr (a.action, 1, length (?3)) = ?3) " \
  "AND (?4 IS NULL OR a.target_kind = ?4) AND (?5 IS NULL OR a.target_id = ?5) " \
  "AND (?6 = 0 OR a.at >= ?6) AND (?7 = 0 OR a.at < ?7) AND (?8 = 0 OR a.seq < ?8) " \
  "ORDER BY a.seq DESC LIMIT ?9"

/**
 * okc_backend_audit_list:
 *
 * Reads the audit trail, newest first, as `{"entries": [AuditEntry], "next_cursor"}`.
 *
 * Returns: (transfer full): the answer, or %NULL with @error set
 */
JsonNode *
okc_backend_audit_list (OkcBackendDb                *db,
                        const OkcBackendAuditQuery  *query,
                        GError                     **error)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *next = NULL;
  gint64 last_seq = 0;
  guint n = 0;
  int rc;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), NULL);
  g_return_val_if_fail (query->limit > 0, NULL);

  stmt = okc_backend_db_prepare (db, LIST_SELECT, error);
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, query->ticket_id);
  okc_backend_stmt_bind_text (stmt, 2, query->actor_id);
  okc_backend_stmt_bind_text (stmt, 3, query->action_prefix);
  okc_backend_stmt_bind_text (stmt, 4, query->target_kind);
  okc_backend_stmt_bind_text (stmt, 5, query->target_id);
  okc_backend_stmt_bind_int64 (stmt, 6, query->from);
  okc_backend_stmt_bind_int64 (stmt, 7, query->to);
  okc_backend_stmt_bind_int64 (stmt, 8, query->before_seq);
  /* One more than asked: whether there is a next page. */
  okc_backend_stmt_bind_int64 (stmt, 9, (gint64) query->limit + 1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n == query->limit)
        {
          next = okc_backend_audit_cursor_encode (last_seq);
          break;
        }
      add_entry (builder, stmt);
      last_seq = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  json_builder_end_array (builder);
  okc_json_builder_add_string (builder, "next_cursor", next);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
