/* okc-backend-timeline.c — a ticket's timeline: what changed, when and by whom
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-timeline.h"

#include <string.h>

#define ENTRY_SELECT                                                                         \
  "SELECT e.seq, e.kind, e.at, e.actor_id, a.name, e.text, e.from_value, f.name, "            \
  "e.to_value, t.name FROM ticket_events e LEFT JOIN users a ON a.id = e.actor_id "           \
  "LEFT JOIN users f ON e.kind = 'assigned' AND f.id = e.from_value "                         \
  "LEFT JOIN users t ON e.kind = 'assigned' AND t.id = e.to_value "

/**
 * okc_backend_timeline_append:
 * @kind: created, status_changed, priority_changed, assigned, note or reply
 * @actor_id: (nullable): who did it
 * @text: (nullable): a note's or a reply's text
 * @from: (nullable): the value before: a status or priority nick, a user id
 * @to: (nullable): the value after
 * @out_seq: (out) (optional): the entry's number
 *
 * Call it in the transaction of the change it records.
 */
gboolean
okc_backend_timeline_append (OkcBackendDb  *db,
                             gint64         ticket_seq,
                             const char    *kind,
                             gint64         at,
                             const char    *actor_id,
                             const char    *text,
                             const char    *from,
                             const char    *to,
                             gint64        *out_seq,
                             GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "INSERT INTO ticket_events (ticket_seq, kind, at, actor_id, text, from_value, to_value) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_int64 (stmt, 1, ticket_seq);
  okc_backend_stmt_bind_text (stmt, 2, kind);
  okc_backend_stmt_bind_int64 (stmt, 3, at);
  okc_backend_stmt_bind_text (stmt, 4, actor_id);
  okc_backend_stmt_bind_text (stmt, 5, text);
  okc_backend_stmt_bind_text (stmt, 6, from);
  okc_backend_stmt_bind_text (stmt, 7, to);
  if (!okc_backend_db_step_done (db, stmt, error))
    return FALSE;
  if (out_seq != NULL)
    *out_seq = sqlite3_last_insert_rowid (okc_backend_db_get_handle (db));
  return TRUE;
}

static void
add_user (JsonBuilder *builder,
          const char  *member,
          const char  *id,
          const char  *name)
{
  json_builder_set_member_name (builder, member);
  if (id == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", id);
  /* A user removed since keeps their id; the name is then the id. */
  okc_json_builder_add_string (builder, "name", name != NULL ? name : id);
  json_builder_end_object (builder);
}

static JsonNode *
encode_entry (OkcBackendStmt *stmt)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *id =
    g_strdup_printf ("EVT-%06" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
  const char *kind = okc_backend_stmt_get_text (stmt, 1);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", id);
  okc_json_builder_add_string (builder, "kind", kind);
  okc_json_builder_add_time (builder, "at", sqlite3_column_int64 (stmt, 2));
  add_user (builder, "actor", okc_backend_stmt_get_text (stmt, 3),
            okc_backend_stmt_get_text (stmt, 4));
  if (g_str_equal (kind, "note") || g_str_equal (kind, "reply"))
    okc_json_builder_add_string (builder, "text", okc_backend_stmt_get_text (stmt, 5));
  else if (g_str_equal (kind, "assigned"))
    {
      add_user (builder, "from", okc_backend_stmt_get_text (stmt, 6),
                okc_backend_stmt_get_text (stmt, 7));
      add_user (builder, "to", okc_backend_stmt_get_text (stmt, 8),
                okc_backend_stmt_get_text (stmt, 9));
    }
  else if (!g_str_equal (kind, "created"))
    {
      okc_json_builder_add_string (builder, "from", okc_backend_stmt_get_text (stmt, 6));
      okc_json_builder_add_string (builder, "to", okc_backend_stmt_get_text (stmt, 8));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_backend_timeline_load_entry:
 *
 * Returns: (transfer full) (nullable): the entry as docs/api.md shows it.
 */
JsonNode *
okc_backend_timeline_load_entry (OkcBackendDb  *db,
                                 gint64         event_seq,
                                 GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, ENTRY_SELECT "WHERE e.seq = ?",
                                                           error);

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_int64 (stmt, 1, event_seq);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  return encode_entry (stmt);
}

/**
 * okc_backend_timeline_list:
 *
 * Returns: (transfer full) (nullable): `{"entries": […]}`, oldest first.
 */
JsonNode *
okc_backend_timeline_list (OkcBackendDb  *db,
                           gint64         ticket_seq,
                           GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, ENTRY_SELECT "WHERE e.ticket_seq = ? ORDER BY e.seq", error);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_int64 (stmt, 1, ticket_seq);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_builder_add_value (builder, encode_entry (stmt));
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* A status or priority nick in the words of the console ("waiting_customer" → "Waiting
 * for customer"); the API's messages are English, as its documentation is. */
static const char *
nick_label (GType       enum_type,
            const char *nick)
{
  int value;

  if (nick == NULL || !okc_enum_from_nick (enum_type, nick, &value))
    return nick != NULL ? nick : "?";
  return enum_type == OKC_TYPE_PRIORITY ? okc_priority_get_label (value)
                                        : okc_ticket_status_get_label (value);
}

/* One entry as a clause of "Ana Ruiz …": "claimed it", "moved it from New to Open". */
static char *
describe_change (const char *kind,
                 const char *actor_id,
                 const char *from,
                 const char *from_name,
                 const char *to,
                 const char *to_name)
{
  if (g_str_equal (kind, "status_changed"))
    return g_strdup_printf ("moved it from %s to %s", nick_label (OKC_TYPE_TICKET_STATUS, from),
                            nick_label (OKC_TYPE_TICKET_STATUS, to));
  if (g_str_equal (kind, "priority_changed"))
    return g_strdup_printf ("changed its priority from %s to %s",
                            nick_label (OKC_TYPE_PRIORITY, from), nick_label (OKC_TYPE_PRIORITY, to));
  if (g_str_equal (kind, "assigned"))
    {
      if (to == NULL)
        return g_strdup_printf ("released it from %s", from_name ? from_name : from);
      if (g_strcmp0 (to, actor_id) == 0)
        return g_strdup ("claimed it");
      return g_strdup_printf ("assigned it to %s", to_name ? to_name : to);
    }
  if (g_str_equal (kind, "note"))
    return g_strdup ("added an internal note");
  if (g_str_equal (kind, "reply"))
    return g_strdup ("replied to the customer");
  return g_strdup ("created it");
}

/**
 * okc_backend_timeline_describe_latest:
 *
 * For a 412: "Ana Ruiz changed this ticket at 24 Nov 2026 09:30 UTC: claimed it and moved
 * it from New to Open", from the entries of the ticket's newest change (one request
 * may record several, all with the same actor and time).
 *
 * Returns: (transfer full) (nullable): the sentence.
 */
char *
okc_backend_timeline_describe_latest (OkcBackendDb  *db,
                                      gint64         ticket_seq,
                                      GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, ENTRY_SELECT "WHERE e.ticket_seq = ? ORDER BY e.seq DESC LIMIT 8", error);
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) what = g_string_new (NULL);
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *who = NULL, *actor_id = NULL, *at = NULL;
  gint64 latest_at = 0;
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_int64 (stmt, 1, ticket_seq);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 entry_at = sqlite3_column_int64 (stmt, 2);

      if (clauses->len == 0)
        {
          latest_at = entry_at;
          actor_id = g_strdup (okc_backend_stmt_get_text (stmt, 3));
          who = g_strdup (okc_backend_stmt_get_text (stmt, 4) != NULL
                            ? okc_backend_stmt_get_text (stmt, 4) : okc_backend_stmt_get_text (stmt, 3));
        }
      else if (entry_at != latest_at || g_strcmp0 (okc_backend_stmt_get_text (stmt, 3), actor_id) != 0)
        break;
      /* Newest first from the query; the sentence tells them in the order they happened. */
      g_ptr_array_insert (clauses, 0,
                          describe_change (okc_backend_stmt_get_text (stmt, 1), actor_id,
                                           okc_backend_stmt_get_text (stmt, 6),
                                           okc_backend_stmt_get_text (stmt, 7),
                                           okc_backend_stmt_get_text (stmt, 8),
                                           okc_backend_stmt_get_text (stmt, 9)));
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  if (clauses->len == 0)
    return g_strdup ("Someone changed this ticket");

  for (guint i = 0; i < clauses->len; i++)
    {
      if (i > 0)
        g_string_append (what, i + 1 == clauses->len ? " and " : ", ");
      g_string_append (what, g_ptr_array_index (clauses, i));
    }
  time = g_date_time_new_from_unix_utc (latest_at);
  at = g_date_time_format (time, "%-d %b %Y %H:%M UTC");
  return g_strdup_printf ("%s changed this ticket at %s: %s", who != NULL ? who : "Someone", at,
                          what->str);
}
