/* okc-backend-routes-commands.c — remote commands to chargers (POST and GET
 * /v1/chargers/{id}/commands, GET /v1/commands/{id}) and, with --simulator-control, the
 * simulator's faults (POST and DELETE /v1/simulator/chargers/{id}/faults)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-routes.h"

#include "okc-backend-audit.h"
#include "okc-backend-chargers.h"
#include "okc-backend-fleet-sim-store.h"

#define COMMANDS_LIMIT_DEFAULT 20
#define COMMANDS_LIMIT_MAX 100
/* The longest a fault injected for a demonstration may last before it heals by itself. */
#define MAX_FAULT_DURATION (7 * 24 * 60 * 60)

static OkcCharger *
find_charger (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  OkcCharger *charger = okc_backend_chargers_load (request->db, request->param, &error);

  if (charger != NULL)
    return charger;
  if (error != NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else
    okc_backend_reply_not_found (request->msg, "charger", request->param);
  return NULL;
}

/* Whether a row of @table has the id @id; FALSE with @error when SQLite failed. */
static gboolean
row_exists (OkcBackendDb  *db,
            const char    *sql,
            const char    *id,
            gboolean      *out_exists,
            GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

/* The references of a command body: the account must exist (and not be deleted), and so
 * must the ticket. */
static gboolean
check_references (OkcBackendRequest  *request,
                  OkcChargerCommand  *command)
{
  g_autoptr(GError) error = NULL;
  const char *account = okc_charger_command_get_account (command);
  const char *ticket = okc_charger_command_get_ticket_id (command);
  gboolean exists = TRUE;

  if (account != NULL &&
      (!row_exists (request->db, "SELECT 1 FROM accounts WHERE id = ? AND status = 'active'",
                    account, &exists, &error) || !exists))
    {
      if (error != NULL)
        okc_backend_reply_internal_error (request->msg, error);
      else
        okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_input",
                                 "account", "account: “%s” is not an account, or it was deleted",
                                 account);
      return FALSE;
    }
  if (ticket != NULL &&
      (!row_exists (request->db, "SELECT 1 FROM tickets WHERE id = ?", ticket, &exists,
                    &error) || !exists))
    {
      if (error != NULL)
        okc_backend_reply_internal_error (request->msg, error);
      else
        okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_input",
                                 "ticket_id", "ticket_id: “%s” is not a ticket", ticket);
      return FALSE;
    }
  return TRUE;
}

/* Records the command as sent: the simulator's driver hands it to the charger, which
 * answers within one or two seconds. */
static gint64
insert_command (OkcBackendRequest  *request,
                OkcChargerCommand  *command,
                GError            **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    request->db,
    "INSERT INTO charger_commands (charger_id, kind, connector_id, availability, account_id, "
    "end_billing, ticket_id, state, requested_by, requested_at, updated_at, due_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, 'sent', ?, ?, ?, ?)",
    error);
  OkcCommandKind kind = okc_charger_command_get_kind (command);

  if (stmt == NULL)
    return 0;
  okc_backend_stmt_bind_text (stmt, 1, okc_charger_command_get_charger_id (command));
  okc_backend_stmt_bind_text (stmt, 2, okc_enum_to_nick (OKC_TYPE_COMMAND_KIND, kind));
  okc_backend_stmt_bind_int64 (stmt, 3, okc_charger_command_get_connector_id (command));
  okc_backend_stmt_bind_text (stmt, 4,
                              kind == OKC_COMMAND_KIND_CHANGE_AVAILABILITY
                                ? okc_enum_to_nick (OKC_TYPE_AVAILABILITY,
                                                    okc_charger_command_get_availability (command))
                                : NULL);
  okc_backend_stmt_bind_text (stmt, 5, okc_charger_command_get_account (command));
  okc_backend_stmt_bind_int64 (stmt, 6, okc_charger_command_get_end_billing (command));
  okc_backend_stmt_bind_text (stmt, 7, okc_charger_command_get_ticket_id (command));
  okc_backend_stmt_bind_text (stmt, 8, okc_user_get_id (request->user));
  okc_backend_stmt_bind_int64 (stmt, 9, request->now);
  okc_backend_stmt_bind_int64 (stmt, 10, request->now);
  okc_backend_stmt_bind_int64 (stmt, 11, request->now + 1);
  if (!okc_backend_db_step_done (request->db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (okc_backend_db_get_handle (request->db));
}

static OkcChargerCommand *
record_command (OkcBackendRequest  *request,
                OkcChargerCommand  *command,
                GError            **error)
{
  g_autoptr(OkcChargerCommand) recorded = NULL;
  g_autoptr(JsonNode) after = NULL;
  gint64 seq;

  if (!okc_backend_db_begin (request->db, error))
    return NULL;
  seq = insert_command (request, command, error);
  if (seq > 0)
    recorded = okc_backend_chargers_load_command (request->db, seq, error);
  if (recorded != NULL)
    after = okc_charger_command_to_json (recorded);
  if (recorded == NULL ||
      !okc_backend_chargers_announce_command (request->db, seq, request->now, error) ||
      !okc_backend_audit_record (request->db, request->now, okc_user_get_id (request->user),
                                 "charger.command", "charger",
                                 okc_charger_command_get_charger_id (recorded),
                                 okc_charger_command_get_ticket_id (recorded), NULL, after,
                                 error) ||
      !okc_backend_db_commit (request->db, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE,
                             "the command vanished as it was recorded");
      okc_backend_db_rollback (request->db);
      return NULL;
    }
  return g_steal_pointer (&recorded);
}

static void
post_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = find_charger (request);
  g_autoptr(OkcChargerCommand) command = NULL;
  g_autoptr(OkcChargerCommand) recorded = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *reason = NULL;

  if (charger == NULL)
    return;
  command = okc_charger_command_new_from_request (okc_charger_get_id (charger), request->body,
                                                  &error);
  if (command == NULL)
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return;
    }
  if (!check_references (request, command))
    return;
  /* One rule for the backend and the console's buttons. */
  if (!okc_charger_check_command (charger, okc_charger_command_get_kind (command),
                                  okc_charger_command_get_connector_id (command), request->now,
                                  &reason))
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_CONFLICT, "command_unavailable", NULL,
                               "%s", reason);
      return;
    }

  recorded = record_command (request, command, &error);
  if (recorded == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  root = okc_charger_command_to_json (recorded);
  okc_backend_reply_json (request->msg, SOUP_STATUS_ACCEPTED, root);
}

static void
list_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint limit;

  if (!okc_backend_request_get_limit (request, "limit", COMMANDS_LIMIT_DEFAULT,
                                      COMMANDS_LIMIT_MAX, &limit))
    return;
  charger = find_charger (request);
  if (charger == NULL)
    return;
  root = okc_backend_chargers_commands (request->db, okc_charger_get_id (charger), limit, &error);
  if (root == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
get_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerCommand) command = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 seq;

  if (okc_backend_chargers_parse_command_id (request->param, &seq))
    command = okc_backend_chargers_load_command (request->db, seq, &error);
  if (command == NULL)
    {
      if (error != NULL)
        okc_backend_reply_internal_error (request->msg, error);
      else
        okc_backend_reply_not_found (request->msg, "command", request->param);
      return;
    }
  root = okc_charger_command_to_json (command);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

void
okc_backend_command_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/chargers/{id}/commands",
                                OKC_BACKEND_ACCESS_STAFF,
                                OKC_BACKEND_ROUTE_JSON_BODY | OKC_BACKEND_ROUTE_IDEMPOTENT,
                                post_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/chargers/{id}/commands",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, list_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/commands/{id}",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, get_cb);
}

/* {"cause": "ground_fault", "connector_id": 1, "duration": 600}: connector_id (default 1)
 * for the causes on a connector, duration (seconds, default: until DELETE) for any. */
static gboolean
parse_fault (OkcBackendRequest  *request,
             OkcSimCharger      *charger,
             OkcSimCause        *out_cause,
             guint              *out_connector,
             gint64             *out_until,
             GError            **error)
{
  static const char * const members[] = { "cause", "connector_id", "duration", NULL };
  JsonObject *body = okc_json_node_get_object (request->body, NULL, error);
  const char *cause_nick = NULL;
  gint64 connector_id = 0, duration = 0;

  if (body == NULL || !okc_json_check_members (body, NULL, members, error) ||
      !okc_json_read_string (body, NULL, "cause", OKC_JSON_REQUIRED, &cause_nick, error) ||
      !okc_json_read_int64 (body, NULL, "connector_id", OKC_JSON_OPTIONAL, &connector_id, error) ||
      !okc_json_read_int64 (body, NULL, "duration", OKC_JSON_OPTIONAL, &duration, error))
    return FALSE;
  if (!okc_sim_cause_from_nick (cause_nick, out_cause) || *out_cause == OKC_SIM_CAUSE_NONE)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "cause",
                          "“%s” is not one of power_lost, wifi_down, weak_signal, ground_fault, "
                          "stuck_connector, firmware_glitch, ev_not_responding", cause_nick);
      return FALSE;
    }
  if (okc_sim_cause_on_connector (*out_cause) && connector_id == 0)
    connector_id = 1;
  if (connector_id < 0 ||
      (connector_id > 0 && okc_sim_charger_get_connector (charger, (guint) connector_id) == NULL))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "connector_id",
                          "%s has no connector %" G_GINT64_FORMAT, charger->id, connector_id);
      return FALSE;
    }
  if (duration < 0 || duration > MAX_FAULT_DURATION)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "duration",
                          "must be from 0 (until cleared) to %d seconds", MAX_FAULT_DURATION);
      return FALSE;
    }
  *out_connector = (guint) connector_id;
  *out_until = duration > 0 ? request->now + duration : 0;
  return TRUE;
}


/* The audit trail's state of a simulated charger's fault: {"cause": "none"}. */
static JsonNode *
cause_state (const char *cause)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "cause", cause);
  json_node_take_object (node, object);
  return node;
}

static gboolean
apply_fault (OkcBackendRequest  *request,
             gboolean            inject,
             GError            **error)
{
  g_autoptr(OkcSimCharger) charger = NULL;
  g_autoptr(GError) input_error = NULL;
  OkcBackendFleetWorld world;
  OkcSimCause cause = OKC_SIM_CAUSE_NONE;
  guint connector_id = 0;
  gint64 until = 0;
  const char *before;
  gboolean reported;

  okc_backend_fleet_world_init (&world, request->db);
  if (!okc_backend_db_begin (request->db, error))
    return FALSE;
  charger = okc_backend_fleet_store_load (request->db, request->param, error);
  if (charger == NULL)
    {
      okc_backend_db_rollback (request->db);
      if (*error == NULL)
        okc_backend_reply_not_found (request->msg, "charger", request->param);
      return *error == NULL;
    }
  if (inject && !parse_fault (request, charger, &cause, &connector_id, &until, &input_error))
    {
      okc_backend_db_rollback (request->db);
      okc_backend_reply_invalid_input (request->msg, input_error);
      return TRUE;
    }

  before = okc_sim_cause_to_nick (charger->cause);
  if (inject)
    okc_sim_charger_inject (charger, &world.world, cause, connector_id, until, request->now);
  else
    okc_sim_charger_clear_cause (charger, &world.world, request->now);
  reported = charger->reported;
  {
    g_autoptr(JsonNode) before_node = cause_state (before);
    g_autoptr(JsonNode) after_node = cause_state (okc_sim_cause_to_nick (charger->cause));

    if (!okc_backend_fleet_store_save (request->db, charger, request->now, error) ||
        (reported &&
         !okc_backend_chargers_announce (request->db, charger->id, request->now, error)) ||
        !okc_backend_audit_record (request->db, request->now, okc_user_get_id (request->user),
                                   inject ? "simulator.fault" : "simulator.repair", "charger",
                                   charger->id, NULL, before_node, after_node, error) ||
        !okc_backend_db_commit (request->db, error))
      {
        okc_backend_db_rollback (request->db);
        return FALSE;
      }
  }

  {
    g_autoptr(OkcCharger) shown = okc_backend_chargers_load (request->db, charger->id, error);
    g_autoptr(JsonNode) root = NULL;

    if (shown == NULL)
      return FALSE;
    root = okc_charger_to_json (shown);
    okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
  }
  return TRUE;
}

static void
fault_post_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;

  if (!apply_fault (request, TRUE, &error))
    okc_backend_reply_internal_error (request->msg, error);
}

static void
fault_delete_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;

  if (!apply_fault (request, FALSE, &error))
    okc_backend_reply_internal_error (request->msg, error);
}

/* Only with --simulator-control: without it the paths are unknown (404). */
void
okc_backend_simulator_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/simulator/chargers/{id}/faults",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_JSON_BODY,
                                fault_post_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_DELETE, "/v1/simulator/chargers/{id}/faults",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, fault_delete_cb);
  okc_backend_access_simulator_routes_register (server);
}
