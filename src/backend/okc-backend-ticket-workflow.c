/* okc-backend-ticket-workflow.c — versioned changes to a ticket, each with its timeline entry
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-ticket-workflow.h"
#include "okc-backend-events.h"

#include "okc-backend-tickets.h"
#include "okc-backend-timeline.h"

G_DEFINE_QUARK (okc-backend-workflow-error-quark, okc_backend_workflow_error)

/* What a change needs of the stored ticket. */
typedef struct
{
  gint64 seq;
  const OkcTopic *topic;
  OkcTicketStatus status;
  OkcPriority priority;
  char *assignee_id;
  gint64 created_at;
  gint64 version;
  OkcSlaClock clock;
} TicketState;

static void
ticket_state_clear (TicketState *state)
{
  g_clear_pointer (&state->assignee_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TicketState, ticket_state_clear)

void
okc_backend_ticket_change_clear (OkcBackendTicketChange *change)
{
  g_clear_pointer (&change->assignee_id, g_free);
  g_clear_pointer (&change->text, g_free);
}

/**
 * okc_backend_ticket_change_parse:
 * @body: the body of PATCH /v1/tickets/{id}
 *
 * Strict: only status, priority and assignee_id, at least one of them; nicks must be
 * known. Whether the assignee exists is checked when the change is applied.
 */
gboolean
okc_backend_ticket_change_parse (OkcBackendTicketChange  *change,
                                 JsonNode                *body,
                                 GError                 **error)
{
  static const char * const allowed[] = { "status", "priority", "assignee_id", NULL };
  JsonObject *object = okc_json_node_get_object (body, NULL, error);
  int status = -1, priority = -1;
  const char *assignee_id = NULL;

  if (object == NULL || !okc_json_check_members (object, NULL, allowed, error) ||
      !okc_json_read_enum (object, NULL, "status", OKC_TYPE_TICKET_STATUS, OKC_JSON_OPTIONAL,
                           &status, error) ||
      !okc_json_read_enum (object, NULL, "priority", OKC_TYPE_PRIORITY, OKC_JSON_OPTIONAL,
                           &priority, error) ||
      !okc_json_read_string (object, NULL, "assignee_id", OKC_JSON_OPTIONAL, &assignee_id,
                             error))
    return FALSE;

  if (json_object_get_size (object) == 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, NULL,
                          "The change is empty: give status, priority or assignee_id");
      return FALSE;
    }
  /* "status": null and "priority": null change nothing and say so. */
  if (json_object_has_member (object, "status") && status < 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "status", "must not be null");
      return FALSE;
    }
  if (json_object_has_member (object, "priority") && priority < 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "priority",
                          "must not be null");
      return FALSE;
    }

  change->has_status = status >= 0;
  change->status = MAX (status, 0);
  change->has_priority = priority >= 0;
  change->priority = MAX (priority, 0);
  change->has_assignee = json_object_has_member (object, "assignee_id");
  change->assignee_id = g_strdup (assignee_id);
  return TRUE;
}

/**
 * okc_backend_ticket_change_parse_text:
 * @kind: "note" or "reply"
 * @body: `{"text"}` for a note, `{"text", "status"?}` for a reply
 *
 * The text must have something besides white space and at most
 * %OKC_BACKEND_MAX_TEXT_LENGTH characters.
 */
gboolean
okc_backend_ticket_change_parse_text (OkcBackendTicketChange  *change,
                                      const char              *kind,
                                      JsonNode                *body,
                                      GError                 **error)
{
  static const char * const note_members[] = { "text", NULL };
  static const char * const reply_members[] = { "text", "status", NULL };
  gboolean reply = g_str_equal (kind, "reply");
  JsonObject *object = okc_json_node_get_object (body, NULL, error);
  const char *text = NULL;
  int status = -1;
  g_autofree char *stripped = NULL;

  if (object == NULL ||
      !okc_json_check_members (object, NULL, reply ? reply_members : note_members, error) ||
      !okc_json_read_string (object, NULL, "text", OKC_JSON_REQUIRED, &text, error) ||
      (reply && !okc_json_read_enum (object, NULL, "status", OKC_TYPE_TICKET_STATUS,
                                     OKC_JSON_OPTIONAL, &status, error)))
    return FALSE;

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "text", "is empty");
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > OKC_BACKEND_MAX_TEXT_LENGTH)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "text",
                          "is longer than %d characters", OKC_BACKEND_MAX_TEXT_LENGTH);
      return FALSE;
    }

  change->entry_kind = reply ? "reply" : "note";
  change->text = g_strdup (text);
  change->has_status = status >= 0;
  change->status = MAX (status, 0);
  return TRUE;
}

/* FALSE without an error: no such ticket. */
static gboolean
load_state (OkcBackendDb  *db,
            const char    *ticket_id,
            TicketState   *state,
            GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT seq, topic, status, priority, assignee_id, created_at, version, "
    "sla_paused_seconds, sla_paused_since FROM tickets WHERE id = ?",
    error);
  int status = 0, priority = 0, rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, ticket_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        return okc_backend_db_set_error (db, error);
      return FALSE;
    }
  state->seq = sqlite3_column_int64 (stmt, 0);
  state->topic = okc_topic_lookup (okc_backend_stmt_get_text (stmt, 1));
  okc_enum_from_nick (OKC_TYPE_TICKET_STATUS, okc_backend_stmt_get_text (stmt, 2), &status);
  okc_enum_from_nick (OKC_TYPE_PRIORITY, okc_backend_stmt_get_text (stmt, 3), &priority);
  state->status = status;
  state->priority = priority;
  state->assignee_id = g_strdup (okc_backend_stmt_get_text (stmt, 4));
  state->created_at = sqlite3_column_int64 (stmt, 5);
  state->version = sqlite3_column_int64 (stmt, 6);
  state->clock.paused_seconds = sqlite3_column_int64 (stmt, 7);
  state->clock.paused_since = sqlite3_column_int64 (stmt, 8);
  g_assert (state->topic != NULL);
  return TRUE;
}

static gboolean
check_assignee (OkcBackendDb  *db,
                const char    *user_id,
                GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, "SELECT role FROM users WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, user_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, "assignee_id",
                          "there is no user “%s”", user_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  if (g_str_equal (okc_backend_stmt_get_text (stmt, 0), "chatbot"))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "assignee_id",
                          "“%s” is the chatbot, which cannot hold a ticket",
                          user_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
store_state (OkcBackendDb       *db,
             const TicketState  *state,
             gint64              now,
             GError            **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "UPDATE tickets SET status = ?, priority = ?, urgency = ?, assignee_id = ?, "
    "updated_at = ?, version = version + 1, sla_due_at = ?, sla_paused = ?, "
    "sla_paused_seconds = ?, sla_paused_since = ? WHERE seq = ? AND version = ?",
    error);
  gint64 due_at = okc_sla_compute_due_at (state->created_at,
                                          okc_sla_policy_lookup (state->topic, state->priority),
                                          &state->clock, state->status);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, okc_enum_to_nick (OKC_TYPE_TICKET_STATUS, state->status));
  okc_backend_stmt_bind_text (stmt, 2, okc_enum_to_nick (OKC_TYPE_PRIORITY, state->priority));
  okc_backend_stmt_bind_int64 (stmt, 3, okc_backend_priority_to_urgency (state->priority));
  okc_backend_stmt_bind_text (stmt, 4, state->assignee_id);
  okc_backend_stmt_bind_int64 (stmt, 5, now);
  if (due_at != 0)
    okc_backend_stmt_bind_int64 (stmt, 6, due_at);
  okc_backend_stmt_bind_int64 (stmt, 7, state->clock.paused_since != 0);
  okc_backend_stmt_bind_int64 (stmt, 8, state->clock.paused_seconds);
  if (state->clock.paused_since != 0)
    okc_backend_stmt_bind_int64 (stmt, 9, state->clock.paused_since);
  okc_backend_stmt_bind_int64 (stmt, 10, state->seq);
  okc_backend_stmt_bind_int64 (stmt, 11, state->version);
  if (!okc_backend_db_step_done (db, stmt, error))
    return FALSE;
  g_assert (sqlite3_changes (okc_backend_db_get_handle (db)) == 1);
  return TRUE;
}

static gboolean
set_status (OkcBackendDb     *db,
            TicketState      *state,
            OkcTicketStatus   status,
            const char       *actor_id,
            gint64            now,
            GError          **error)
{
  if (status == state->status)
    return TRUE;
  if (!okc_backend_timeline_append (db, state->seq, "status_changed", now, actor_id,
                                    NULL, okc_enum_to_nick (OKC_TYPE_TICKET_STATUS, state->status),
                                    okc_enum_to_nick (OKC_TYPE_TICKET_STATUS, status), NULL,
                                    error))
    return FALSE;
  state->status = status;
  okc_sla_clock_update (&state->clock, status, now);
  return TRUE;
}

static gboolean
apply_in_transaction (OkcBackendDb                  *db,
                      TicketState                   *state,
                      const OkcBackendTicketChange  *change,
                      const char                    *actor_id,
                      gint64                         now,
                      gint64                        *out_entry_seq,
                      GError                       **error)
{
  if (change->has_status && change->status == OKC_TICKET_STATUS_RESOLVED &&
      state->status == OKC_TICKET_STATUS_WAITING_APPROVAL)
    {
      g_set_error_literal (error, OKC_BACKEND_WORKFLOW_ERROR,
                           OKC_BACKEND_WORKFLOW_ERROR_REFUND_PENDING,
                           "a refund is waiting for a supervisor's approval");
      return FALSE;
    }
  if (change->has_assignee && change->assignee_id != NULL &&
      !check_assignee (db, change->assignee_id, error))
    return FALSE;

  if (change->entry_kind != NULL &&
      !okc_backend_timeline_append (db, state->seq, change->entry_kind, now, actor_id,
                                    change->text, NULL, NULL, out_entry_seq, error))
    return FALSE;

  if (change->has_assignee && g_strcmp0 (change->assignee_id, state->assignee_id) != 0)
    {
      if (!okc_backend_timeline_append (db, state->seq, "assigned", now, actor_id, NULL,
                                        state->assignee_id, change->assignee_id, NULL, error))
        return FALSE;
      g_free (state->assignee_id);
      state->assignee_id = g_strdup (change->assignee_id);
      /* A new ticket that someone takes is being worked on. */
      if (state->assignee_id != NULL && state->status == OKC_TICKET_STATUS_NEW &&
          !change->has_status && !set_status (db, state, OKC_TICKET_STATUS_OPEN, actor_id, now,
                                              error))
        return FALSE;
    }

  if (change->has_status && !set_status (db, state, change->status, actor_id, now, error))
    return FALSE;

  if (change->has_priority && change->priority != state->priority)
    {
      if (!okc_backend_timeline_append (db, state->seq, "priority_changed", now, actor_id, NULL,
                                        okc_enum_to_nick (OKC_TYPE_PRIORITY, state->priority),
                                        okc_enum_to_nick (OKC_TYPE_PRIORITY, change->priority),
                                        NULL, error))
        return FALSE;
      state->priority = change->priority;
    }

  return store_state (db, state, now, error);
}

/* Every change reaches the consoles' event streams as the ticket it made, recorded in
 * the change's own transaction so that a stream never announces what was rolled back. */
static gboolean
record_updated (OkcBackendDb  *db,
                const char    *ticket_id,
                gint64         now,
                GError       **error)
{
  g_autoptr(JsonNode) ticket = okc_backend_tickets_load (db, ticket_id, error);

  if (ticket == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, OKC_BACKEND_WORKFLOW_ERROR, OKC_BACKEND_WORKFLOW_ERROR_NOT_FOUND,
                     "There is no ticket “%s”", ticket_id);
      return FALSE;
    }
  return okc_backend_events_record (db, "ticket.updated", ticket_id, ticket, now, error);
}

/* The whole change, inside a transaction the caller holds. */
static gboolean
apply_checked (OkcBackendDb                  *db,
               const char                    *ticket_id,
               gint64                         expected_version,
               const OkcBackendTicketChange  *change,
               const char                    *actor_id,
               gint64                         now,
               gint64                        *out_entry_seq,
               GError                       **error)
{
  g_auto(TicketState) state = { 0 };
  g_autoptr(GError) local_error = NULL;

  if (!load_state (db, ticket_id, &state, &local_error))
    {
      if (local_error == NULL)
        g_set_error (&local_error, OKC_BACKEND_WORKFLOW_ERROR,
                     OKC_BACKEND_WORKFLOW_ERROR_NOT_FOUND, "There is no ticket “%s”",
                     ticket_id);
    }
  else if (expected_version != 0 && expected_version != state.version)
    {
      g_autofree char *message =
        okc_backend_timeline_describe_latest (db, state.seq, &local_error);

      if (message != NULL)
        g_set_error_literal (&local_error, OKC_BACKEND_WORKFLOW_ERROR,
                             OKC_BACKEND_WORKFLOW_ERROR_VERSION_CONFLICT, message);
    }
  else if (apply_in_transaction (db, &state, change, actor_id, now, out_entry_seq, &local_error))
    record_updated (db, ticket_id, now, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * okc_backend_ticket_workflow_apply_within:
 *
 * okc_backend_ticket_workflow_apply() at the current version, as part of a transaction the
 * caller began (a refund's review changes its ticket in the review's own transaction). On
 * failure the caller rolls back.
 */
gboolean
okc_backend_ticket_workflow_apply_within (OkcBackendDb                  *db,
                                          const char                    *ticket_id,
                                          const OkcBackendTicketChange  *change,
                                          const char                    *actor_id,
                                          gint64                         now,
                                          GError                       **error)
{
  return apply_checked (db, ticket_id, 0, change, actor_id, now, NULL, error);
}

/**
 * okc_backend_ticket_workflow_apply:
 * @expected_version: the version the caller saw, or 0 to take the current one
 * @change: what to change and the note or reply to record
 * @actor_id: who changes it
 * @out_entry_seq: (out) (optional): the note's or reply's timeline entry
 *
 * In one transaction: checks the version, applies @change, appends a timeline entry for
 * each part of it, recomputes the SLA due time and bumps the version. Nothing is stored
 * when anything fails.
 *
 * Returns: %TRUE on success; an #OKC_BACKEND_WORKFLOW_ERROR, an #OKC_DATA_ERROR for bad
 *   input, or a database error.
 */
gboolean
okc_backend_ticket_workflow_apply (OkcBackendDb                  *db,
                                   const char                    *ticket_id,
                                   gint64                         expected_version,
                                   const OkcBackendTicketChange  *change,
                                   const char                    *actor_id,
                                   gint64                         now,
                                   gint64                        *out_entry_seq,
                                   GError                       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!okc_backend_db_begin (db, error))
    return FALSE;
  if (!apply_checked (db, ticket_id, expected_version, change, actor_id, now, out_entry_seq,
                      &local_error) ||
      !okc_backend_db_commit (db, &local_error))
    {
      okc_backend_db_rollback (db);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
