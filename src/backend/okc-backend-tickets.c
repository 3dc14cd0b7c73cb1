/* okc-backend-tickets.c — tickets in the database: storing them, reading them as JSON
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-tickets.h"

#include "okc-backend-timeline.h"

#include <string.h>

static void
attachment_row_free (OkcBackendAttachmentRow *attachment)
{
  g_free (attachment->kind);
  g_free (attachment->filename);
  g_free (attachment->media_type);
  g_free (attachment->sha256);
  g_free (attachment);
}

static void
event_free (OkcBackendTicketEvent *event)
{
  g_free (event->actor_id);
  g_free (event->from);
  g_free (event->to);
  g_free (event);
}

OkcBackendTicketRow *
okc_backend_ticket_row_new (void)
{
  OkcBackendTicketRow *row = g_new0 (OkcBackendTicketRow, 1);

  row->version = 1;
  row->messages = g_ptr_array_new_with_free_func (g_object_unref);
  row->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) attachment_row_free);
  row->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  return row;
}

void
okc_backend_ticket_row_free (OkcBackendTicketRow *row)
{
  if (row == NULL)
    return;

  g_free (row->summary);
  okc_requester_clear (&row->requester);
  g_free (row->property_id);
  g_free (row->charger_id);
  g_free (row->assignee_id);
  g_free (row->created_by);
  g_clear_pointer (&row->fields, json_object_unref);
  g_ptr_array_unref (row->messages);
  g_ptr_array_unref (row->attachments);
  g_ptr_array_unref (row->events);
  g_free (row);
}

/**
 * okc_backend_ticket_row_add_attachment:
 *
 * Returns: (transfer none): a new, empty attachment of @row, to fill in.
 */
OkcBackendAttachmentRow *
okc_backend_ticket_row_add_attachment (OkcBackendTicketRow *row)
{
  OkcBackendAttachmentRow *attachment = g_new0 (OkcBackendAttachmentRow, 1);

  g_ptr_array_add (row->attachments, attachment);
  return attachment;
}

/**
 * okc_backend_ticket_row_add_event:
 * @kind: a timeline kind, static
 *
 * Adds a change to @row's history, after those added before.
 */
void
okc_backend_ticket_row_add_event (OkcBackendTicketRow *row,
                                  const char          *kind,
                                  gint64               at,
                                  const char          *actor_id,
                                  const char          *from,
                                  const char          *to)
{
  OkcBackendTicketEvent *event = g_new0 (OkcBackendTicketEvent, 1);

  event->kind = kind;
  event->at = at;
  event->actor_id = g_strdup (actor_id);
  event->from = g_strdup (from);
  event->to = g_strdup (to);
  g_ptr_array_add (row->events, event);
}

char *
okc_backend_ticket_id_for_seq (gint64 seq)
{
  return g_strdup_printf ("TCK-%06" G_GINT64_FORMAT, seq);
}

char *
okc_backend_attachment_id_for_seq (gint64 seq)
{
  return g_strdup_printf ("ATT-%06" G_GINT64_FORMAT, seq);
}

/**
 * okc_backend_id_parse_seq:
 * @prefix: "TCK-" or "ATT-"
 *
 * Returns: %TRUE if @id is @prefix followed by decimal digits (a positive number).
 */
gboolean
okc_backend_id_parse_seq (const char *id,
                          const char *prefix,
                          gint64     *out_seq)
{
  gsize prefix_length = strlen (prefix);
  guint64 seq;
  const char *digits;

  if (id == NULL || strncmp (id, prefix, prefix_length) != 0)
    return FALSE;
  digits = id + prefix_length;
  if (*digits == '\0' || strspn (digits, "0123456789") != strlen (digits) || strlen (digits) > 15)
    return FALSE;
  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &seq, NULL))
    return FALSE;
  *out_seq = (gint64) seq;
  return TRUE;
}

/* 0 for urgent … 3 for low: "most urgent first" is then an ascending order. */
int
okc_backend_priority_to_urgency (OkcPriority priority)
{
  return OKC_PRIORITY_URGENT - (int) priority;
}

/**
 * okc_backend_tickets_next_seq:
 * @table: "tickets" or "attachments"
 *
 * Returns: the number for the next row of @table, or 0 on error.
 */
gint64
okc_backend_tickets_next_seq (OkcBackendDb  *db,
                              const char    *table,
                              GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COALESCE(MAX(seq), 0) + 1 FROM %s", table);
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql, error);

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      okc_backend_db_set_error (db, error);
      return 0;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
insert_ticket (OkcBackendDb               *db,
               const OkcBackendTicketRow  *row,
               GError                    **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "INSERT INTO tickets (seq, id, topic, status, priority, urgency, summary, requester_name, "
    "requester_email, requester_phone, requester_audience, property_id, charger_id, "
    "assignee_id, fields, created_at, updated_at, version, sla_due_at, sla_paused, "
    "sla_paused_seconds, sla_paused_since) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);
  OkcSlaClock clock = row->sla_clock;
  gint64 due_at;
  g_autoptr(JsonNode) fields = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *fields_text = NULL;
  g_autofree char *id = okc_backend_ticket_id_for_seq (row->seq);

  if (stmt == NULL)
    return FALSE;

  json_node_set_object (fields, row->fields);
  fields_text = okc_json_to_string (fields);

  okc_backend_stmt_bind_int64 (stmt, 1, row->seq);
  okc_backend_stmt_bind_text (stmt, 2, id);
  okc_backend_stmt_bind_text (stmt, 3, row->topic->id);
  okc_backend_stmt_bind_text (stmt, 4, okc_enum_to_nick (OKC_TYPE_TICKET_STATUS, row->status));
  okc_backend_stmt_bind_text (stmt, 5, okc_enum_to_nick (OKC_TYPE_PRIORITY, row->priority));
  okc_backend_stmt_bind_int64 (stmt, 6, okc_backend_priority_to_urgency (row->priority));
  okc_backend_stmt_bind_text (stmt, 7, row->summary);
  okc_backend_stmt_bind_text (stmt, 8, row->requester.name);
  okc_backend_stmt_bind_text (stmt, 9, row->requester.email);
  okc_backend_stmt_bind_text (stmt, 10, row->requester.phone);
  okc_backend_stmt_bind_text (stmt, 11, okc_enum_to_nick (OKC_TYPE_AUDIENCE,
                                                          row->requester.audience));
  okc_backend_stmt_bind_text (stmt, 12, row->property_id);
  okc_backend_stmt_bind_text (stmt, 13, row->charger_id);
  okc_backend_stmt_bind_text (stmt, 14, row->assignee_id);
  okc_backend_stmt_bind_text (stmt, 15, fields_text);
  okc_backend_stmt_bind_int64 (stmt, 16, row->created_at);
  okc_backend_stmt_bind_int64 (stmt, 17, row->updated_at);
  okc_backend_stmt_bind_int64 (stmt, 18, row->version);

  if (row->status == OKC_TICKET_STATUS_WAITING_CUSTOMER && clock.paused_since == 0)
    clock.paused_since = row->updated_at;
  if (row->status != OKC_TICKET_STATUS_WAITING_CUSTOMER)
    clock.paused_since = 0;
  due_at = okc_sla_compute_due_at (row->created_at,
                                   okc_sla_policy_lookup (row->topic, row->priority), &clock,
                                   row->status);
  if (due_at != 0)
    okc_backend_stmt_bind_int64 (stmt, 19, due_at);
  okc_backend_stmt_bind_int64 (stmt, 20, clock.paused_since != 0);
  okc_backend_stmt_bind_int64 (stmt, 21, clock.paused_seconds);
  if (clock.paused_since != 0)
    okc_backend_stmt_bind_int64 (stmt, 22, clock.paused_since);
  return okc_backend_db_step_done (db, stmt, error);
}

static gboolean
insert_messages (OkcBackendDb               *db,
                 const OkcBackendTicketRow  *row,
                 GError                    **error)
{
  for (guint i = 0; i < row->messages->len; i++)
    {
      OkcMessage *message = g_ptr_array_index (row->messages, i);
      g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
        db,
        "INSERT INTO ticket_messages (ticket_seq, position, sender, sent_at, text) "
        "VALUES (?, ?, ?, ?, ?)",
        error);

      if (stmt == NULL)
        return FALSE;
      okc_backend_stmt_bind_int64 (stmt, 1, row->seq);
      okc_backend_stmt_bind_int64 (stmt, 2, i);
      okc_backend_stmt_bind_text (stmt, 3, okc_enum_to_nick (OKC_TYPE_SENDER,
                                                             okc_message_get_sender (message)));
      okc_backend_stmt_bind_int64 (stmt, 4, okc_message_get_sent_at (message));
      okc_backend_stmt_bind_text (stmt, 5, okc_message_get_text (message));
      if (!okc_backend_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_attachments (OkcBackendDb               *db,
                    const OkcBackendTicketRow  *row,
                    GError                    **error)
{
  for (guint i = 0; i < row->attachments->len; i++)
    {
      OkcBackendAttachmentRow *attachment = g_ptr_array_index (row->attachments, i);
      g_autofree char *id = okc_backend_attachment_id_for_seq (attachment->seq);
      g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
        db,
        "INSERT INTO attachments (seq, id, ticket_seq, position, kind, filename, media_type, "
        "sha256, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        error);

      if (stmt == NULL)
        return FALSE;
      okc_backend_stmt_bind_int64 (stmt, 1, attachment->seq);
      okc_backend_stmt_bind_text (stmt, 2, id);
      okc_backend_stmt_bind_int64 (stmt, 3, row->seq);
      okc_backend_stmt_bind_int64 (stmt, 4, i);
      okc_backend_stmt_bind_text (stmt, 5, attachment->kind);
      okc_backend_stmt_bind_text (stmt, 6, attachment->filename);
      okc_backend_stmt_bind_text (stmt, 7, attachment->media_type);
      okc_backend_stmt_bind_text (stmt, 8, attachment->sha256);
      okc_backend_stmt_bind_int64 (stmt, 9, attachment->size);
      if (!okc_backend_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * okc_backend_tickets_insert:
 *
 * Stores @row with its transcript and attachments (whose blobs must be stored already).
 * Call it inside a transaction: a ticket is stored whole or not at all.
 */
gboolean
okc_backend_tickets_insert (OkcBackendDb               *db,
                            const OkcBackendTicketRow  *row,
                            GError                    **error)
{
  g_return_val_if_fail (row != NULL && row->topic != NULL && row->fields != NULL, FALSE);

  if (!insert_ticket (db, row, error) || !insert_messages (db, row, error) ||
      !insert_attachments (db, row, error) ||
      !okc_backend_timeline_append (db, row->seq, "created", row->created_at, row->created_by,
                                    NULL, NULL, NULL, NULL, error))
    return FALSE;
  for (guint i = 0; i < row->events->len; i++)
    {
      OkcBackendTicketEvent *event = g_ptr_array_index (row->events, i);

      if (!okc_backend_timeline_append (db, row->seq, event->kind, event->at, event->actor_id,
                                        NULL, event->from, event->to, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static void
add_reference (JsonBuilder *builder,
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
  okc_json_builder_add_string (builder, "name", name);
  json_builder_end_object (builder);
}

static gboolean
add_fields (JsonBuilder  *builder,
            const char   *text,
            GError      **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  JsonNode *fields = okc_json_parse_bytes (bytes, error);

  if (fields == NULL)
    return FALSE;
  json_builder_set_member_name (builder, "fields");
  json_builder_add_value (builder, fields);
  return TRUE;
}

static gboolean
add_attachments (OkcBackendDb  *db,
                 JsonBuilder   *builder,
                 gint64         seq,
                 gboolean       with_sha256,
                 GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT id, kind, filename, media_type, size, sha256 FROM attachments "
    "WHERE ticket_seq = ? ORDER BY position",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_int64 (stmt, 1, seq);

  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 0));
      okc_json_builder_add_string (builder, "kind", okc_backend_stmt_get_text (stmt, 1));
      okc_json_builder_add_string (builder, "filename", okc_backend_stmt_get_text (stmt, 2));
      okc_json_builder_add_string (builder, "media_type", okc_backend_stmt_get_text (stmt, 3));
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 4));
      if (with_sha256)
        okc_json_builder_add_string (builder, "sha256", okc_backend_stmt_get_text (stmt, 5));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

static gboolean
add_transcript (OkcBackendDb  *db,
                JsonBuilder   *builder,
                gint64         seq,
                GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "SELECT sender, sent_at, text FROM ticket_messages WHERE ticket_seq = ? ORDER BY position",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_int64 (stmt, 1, seq);

  json_builder_set_member_name (builder, "transcript");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "sender", okc_backend_stmt_get_text (stmt, 0));
      okc_json_builder_add_time (builder, "sent_at", sqlite3_column_int64 (stmt, 1));
      okc_json_builder_add_string (builder, "text", okc_backend_stmt_get_text (stmt, 2));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

static void
add_requester (JsonBuilder    *builder,
               OkcBackendStmt *row)
{
  OkcRequester requester = {
    .name = (char *) okc_backend_stmt_get_text (row, 6),
    .email = (char *) okc_backend_stmt_get_text (row, 7),
    .phone = (char *) okc_backend_stmt_get_text (row, 8),
  };
  int audience = OKC_AUDIENCE_GUEST;

  okc_enum_from_nick (OKC_TYPE_AUDIENCE, okc_backend_stmt_get_text (row, 9), &audience);
  requester.audience = audience;
  json_builder_set_member_name (builder, "requester");
  json_builder_add_value (builder, okc_requester_to_json (&requester));
}

/**
 * okc_backend_tickets_encode_row:
 * @row: a row of %OKC_BACKEND_TICKET_SELECT
 * @with_sha256: add each attachment's blob key (the dataset's form)
 *
 * Returns: (transfer full) (nullable): the ticket as docs/api.md shows it, the form
 *   okc_ticket_new_from_json() reads.
 */
JsonNode *
okc_backend_tickets_encode_row (OkcBackendDb    *db,
                                OkcBackendStmt  *row,
                                gboolean         with_sha256,
                                GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  gint64 seq = sqlite3_column_int64 (row, OKC_BACKEND_TICKET_COLUMN_SEQ);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (row, 1));
  okc_json_builder_add_string (builder, "topic", okc_backend_stmt_get_text (row, 2));
  okc_json_builder_add_string (builder, "status", okc_backend_stmt_get_text (row, 3));
  okc_json_builder_add_string (builder, "priority", okc_backend_stmt_get_text (row, 4));
  okc_json_builder_add_string (builder, "summary", okc_backend_stmt_get_text (row, 5));
  add_requester (builder, row);
  add_reference (builder, "property", okc_backend_stmt_get_text (row, 10),
                 okc_backend_stmt_get_text (row, 11));
  okc_json_builder_add_string (builder, "charger_id", okc_backend_stmt_get_text (row, 12));
  add_reference (builder, "assignee", okc_backend_stmt_get_text (row, 13),
                 okc_backend_stmt_get_text (row, 14));
  if (!add_fields (builder, okc_backend_stmt_get_text (row, 15), error) ||
      !add_attachments (db, builder, seq, with_sha256, error) ||
      !add_transcript (db, builder, seq, error))
    return NULL;
  okc_json_builder_add_time (builder, "created_at",
                             sqlite3_column_int64 (row, OKC_BACKEND_TICKET_COLUMN_CREATED_AT));
  okc_json_builder_add_time (builder, "updated_at",
                             sqlite3_column_int64 (row, OKC_BACKEND_TICKET_COLUMN_UPDATED_AT));
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder,
                              sqlite3_column_int64 (row, OKC_BACKEND_TICKET_COLUMN_VERSION));
  json_builder_set_member_name (builder, "sla_due_at");
  if (sqlite3_column_type (row, OKC_BACKEND_TICKET_COLUMN_SLA_DUE_AT) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    {
      g_autofree char *due = okc_time_format_rfc3339 (
        sqlite3_column_int64 (row, OKC_BACKEND_TICKET_COLUMN_SLA_DUE_AT));
      json_builder_add_string_value (builder, due);
    }
  json_builder_set_member_name (builder, "sla_paused");
  json_builder_add_boolean_value (builder,
                                  sqlite3_column_int (row, OKC_BACKEND_TICKET_COLUMN_SLA_PAUSED));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_backend_tickets_load:
 *
 * Returns: (transfer full) (nullable): the ticket @id as JSON; %NULL without an error
 *   if there is none.
 */
JsonNode *
okc_backend_tickets_load (OkcBackendDb  *db,
                          const char    *id,
                          GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, OKC_BACKEND_TICKET_SELECT " WHERE t.id = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return okc_backend_tickets_encode_row (db, stmt, FALSE, error);
  if (rc != SQLITE_DONE)
    okc_backend_db_set_error (db, error);
  return NULL;
}

/**
 * okc_backend_tickets_backfill_sla:
 *
 * Gives the tickets of a database written before the SLA columns (schema v1) their due
 * time: no pause so far, a current pause (waiting_customer) since their updated_at. Runs in
 * the transaction of the migration to v2.
 */
gboolean
okc_backend_tickets_backfill_sla (OkcBackendDb  *db,
                                  GError       **error)
{
  g_autoptr(OkcBackendStmt) select = okc_backend_db_prepare (
    db,
    "SELECT seq, topic, status, priority, created_at, updated_at FROM tickets "
    "WHERE sla_due_at IS NULL AND status != 'resolved'",
    error);
  int rc;

  if (select == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autoptr(OkcBackendStmt) update = okc_backend_db_prepare (
        db,
        "UPDATE tickets SET sla_due_at = ?, sla_paused = ?, sla_paused_since = ? WHERE seq = ?",
        error);
      const OkcTopic *topic = okc_topic_lookup (okc_backend_stmt_get_text (select, 1));
      int status = OKC_TICKET_STATUS_OPEN, priority = OKC_PRIORITY_NORMAL;
      OkcSlaClock clock = { 0, 0 };

      if (update == NULL)
        return FALSE;
      if (topic == NULL)
        continue;
      okc_enum_from_nick (OKC_TYPE_TICKET_STATUS, okc_backend_stmt_get_text (select, 2), &status);
      okc_enum_from_nick (OKC_TYPE_PRIORITY, okc_backend_stmt_get_text (select, 3), &priority);
      if (status == OKC_TICKET_STATUS_WAITING_CUSTOMER)
        clock.paused_since = sqlite3_column_int64 (select, 5);
      okc_backend_stmt_bind_int64 (
        update, 1,
        okc_sla_compute_due_at (sqlite3_column_int64 (select, 4),
                                okc_sla_policy_lookup (topic, priority), &clock, status));
      okc_backend_stmt_bind_int64 (update, 2, clock.paused_since != 0);
      if (clock.paused_since != 0)
        okc_backend_stmt_bind_int64 (update, 3, clock.paused_since);
      okc_backend_stmt_bind_int64 (update, 4, sqlite3_column_int64 (select, 0));
      if (!okc_backend_db_step_done (db, update, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}
