/* okc-backend-chargers.c — chargers, their history and commands as the API shows them
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-chargers.h"

#include <stdlib.h>
#include <string.h>

#include "okc-backend-events.h"

static gboolean
schema_error (GError     **error,
              const char  *what,
              const char  *id)
{
  g_set_error (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SCHEMA,
               "%s %s has a value the domain does not know", what, id);
  return FALSE;
}

static gboolean
nick_value (GType       type,
            const char *nick,
            int        *out)
{
  return nick != NULL && okc_enum_from_nick (type, nick, out);
}

static gboolean
add_connectors (OkcBackendDb  *db,
                OkcCharger    *charger,
                GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT id, status, error_code, vendor_error_code, info, status_since, session_id "
    "FROM connectors WHERE charger_id = ? ORDER BY id",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, okc_charger_get_id (charger));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(OkcConnector) connector = NULL;
      int status, error_code;

      if (!nick_value (OKC_TYPE_CONNECTOR_STATUS, okc_backend_stmt_get_text (stmt, 1), &status) ||
          !nick_value (OKC_TYPE_CHARGE_POINT_ERROR, okc_backend_stmt_get_text (stmt, 2),
                       &error_code))
        return schema_error (error, "a connector of charger", okc_charger_get_id (charger));
      connector = okc_connector_new ((guint) sqlite3_column_int (stmt, 0), status, error_code,
                                     okc_backend_stmt_get_text (stmt, 3),
                                     okc_backend_stmt_get_text (stmt, 4),
                                     MAX (0, sqlite3_column_int64 (stmt, 5)),
                                     okc_backend_stmt_get_text (stmt, 6));
      okc_charger_add_connector (charger, connector);
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

/**
 * okc_backend_chargers_load:
 * @id: a charger id, matched case-insensitively as the table's collation does
 *
 * Returns: (transfer full) (nullable): the charger with its live state and connectors;
 *   %NULL with @error set when SQLite failed, without when there is no such charger.
 */
OkcCharger *
okc_backend_chargers_load (OkcBackendDb  *db,
                           const char    *id,
                           GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(OkcCharger) charger = NULL;
  int status, access, network, led, rc;

  stmt = okc_backend_db_prepare (db,
                                 "SELECT c.id, c.serial, c.model, c.firmware, c.status, "
                                 "c.last_heartbeat_at, c.property_id, p.name, c.unit_id, u.name, "
                                 "c.access, c.status_since, c.heartbeat_interval, c.network_kind, "
                                 "c.network_signal, c.network_ssid, c.network_ip, c.led "
                                 "FROM chargers c "
                                 "LEFT JOIN properties p ON p.id = c.property_id "
                                 "LEFT JOIN units u ON u.id = c.unit_id WHERE c.id = ?",
                                 error);
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        okc_backend_db_set_error (db, error);
      return NULL;
    }

  /* The database is ours: a value the domain does not know is the backend's fault. */
  if (!nick_value (OKC_TYPE_CHARGER_STATUS, okc_backend_stmt_get_text (stmt, 4), &status) ||
      !nick_value (OKC_TYPE_CHARGER_POLICY, okc_backend_stmt_get_text (stmt, 10), &access) ||
      !nick_value (OKC_TYPE_NETWORK_KIND, okc_backend_stmt_get_text (stmt, 13), &network) ||
      !nick_value (OKC_TYPE_LED_STATE, okc_backend_stmt_get_text (stmt, 17), &led))
    {
      schema_error (error, "charger", id);
      return NULL;
    }

  charger = okc_charger_new (okc_backend_stmt_get_text (stmt, 0),
                             okc_backend_stmt_get_text (stmt, 1),
                             okc_backend_stmt_get_text (stmt, 2),
                             okc_backend_stmt_get_text (stmt, 3), status,
                             MAX (0, sqlite3_column_int64 (stmt, 5)), access);
  okc_charger_set_property_ref (charger, okc_backend_stmt_get_text (stmt, 6),
                                okc_backend_stmt_get_text (stmt, 7));
  okc_charger_set_unit_ref (charger, okc_backend_stmt_get_text (stmt, 8),
                            okc_backend_stmt_get_text (stmt, 9));
  okc_charger_set_status_since (charger, MAX (0, sqlite3_column_int64 (stmt, 11)));
  okc_charger_set_heartbeat_interval (charger, (guint) MAX (1, sqlite3_column_int64 (stmt, 12)));
  okc_charger_set_network (charger, network,
                           sqlite3_column_type (stmt, 14) == SQLITE_NULL
                             ? -1
                             : CLAMP (sqlite3_column_int (stmt, 14), 0, 100),
                           okc_backend_stmt_get_text (stmt, 15),
                           okc_backend_stmt_get_text (stmt, 16));
  okc_charger_set_led (charger, led);
  okc_backend_stmt_release (stmt);

  if (!add_connectors (db, charger, error))
    return NULL;
  return g_steal_pointer (&charger);
}

char *
okc_backend_chargers_command_id (gint64 seq)
{
  return g_strdup_printf ("CMD-%06" G_GINT64_FORMAT, seq);
}

/* "CMD-000042" (any number of digits, case-insensitive prefix) → 42. */
gboolean
okc_backend_chargers_parse_command_id (const char *id,
                                       gint64     *out_seq)
{
  guint64 seq;

  if (id == NULL || g_ascii_strncasecmp (id, "CMD-", 4) != 0 ||
      !g_ascii_string_to_unsigned (id + 4, 10, 1, G_MAXINT64, &seq, NULL))
    return FALSE;
  *out_seq = (gint64) seq;
  return TRUE;
}

#define COMMAND_SELECT \
  "SELECT c.seq, c.charger_id, c.kind, c.connector_id, c.availability, c.account_id, " \
  "c.end_billing, c.ticket_id, c.state, c.requested_by, u.name, c.requested_at, " \
  "c.updated_at, c.outcome FROM charger_commands c JOIN users u ON u.id = c.requested_by "

static OkcChargerCommand *
command_from_row (OkcBackendStmt  *stmt,
                  GError         **error)
{
  g_autoptr(OkcChargerCommand) command = NULL;
  g_autofree char *id = okc_backend_chargers_command_id (sqlite3_column_int64 (stmt, 0));
  int kind, state, availability;

  if (!nick_value (OKC_TYPE_COMMAND_KIND, okc_backend_stmt_get_text (stmt, 2), &kind) ||
      !nick_value (OKC_TYPE_COMMAND_STATE, okc_backend_stmt_get_text (stmt, 8), &state))
    {
      schema_error (error, "command", id);
      return NULL;
    }
  command = okc_charger_command_new (okc_backend_stmt_get_text (stmt, 1), kind,
                                     (guint) sqlite3_column_int (stmt, 3));
  if (nick_value (OKC_TYPE_AVAILABILITY, okc_backend_stmt_get_text (stmt, 4), &availability))
    okc_charger_command_set_availability (command, availability);
  if (okc_backend_stmt_get_text (stmt, 5) != NULL)
    okc_charger_command_set_account (command, okc_backend_stmt_get_text (stmt, 5));
  okc_charger_command_set_end_billing (command, sqlite3_column_int (stmt, 6) != 0);
  if (okc_backend_stmt_get_text (stmt, 7) != NULL)
    okc_charger_command_set_ticket_id (command, okc_backend_stmt_get_text (stmt, 7));
  okc_charger_command_set_recorded (command, id, okc_backend_stmt_get_text (stmt, 9),
                                    okc_backend_stmt_get_text (stmt, 10),
                                    sqlite3_column_int64 (stmt, 11));
  okc_charger_command_set_progress (command, state, sqlite3_column_int64 (stmt, 12),
                                    okc_backend_stmt_get_text (stmt, 13));
  return g_steal_pointer (&command);
}

/**
 * okc_backend_chargers_load_command:
 *
 * Returns: (transfer full) (nullable): the command; %NULL with @error set when SQLite
 *   failed, without when there is none of that number.
 */
OkcChargerCommand *
okc_backend_chargers_load_command (OkcBackendDb  *db,
                                   gint64         seq,
                                   GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, COMMAND_SELECT "WHERE c.seq = ?",
                                                           error);
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_int64 (stmt, 1, seq);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        okc_backend_db_set_error (db, error);
      return NULL;
    }
  return command_from_row (stmt, error);
}

/**
 * okc_backend_chargers_commands:
 *
 * Returns: (transfer full) (nullable): {"commands": [Command…]}, newest first.
 */
JsonNode *
okc_backend_chargers_commands (OkcBackendDb  *db,
                               const char    *charger_id,
                               guint          limit,
                               GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, COMMAND_SELECT "WHERE c.charger_id = ? ORDER BY c.seq DESC LIMIT ?", error);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, charger_id);
  okc_backend_stmt_bind_int64 (stmt, 2, limit);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "commands");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(OkcChargerCommand) command = command_from_row (stmt, error);

      if (command == NULL)
        return NULL;
      json_builder_add_value (builder, okc_charger_command_to_json (command));
    }
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_backend_chargers_history:
 *
 * Returns: (transfer full) (nullable): {"changes": [ChargerChange…]}, newest first.
 */
JsonNode *
okc_backend_chargers_history (OkcBackendDb  *db,
                              const char    *charger_id,
                              guint          limit,
                              GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT seq, at, connector_id, from_status, to_status, error_code, info "
    "FROM charger_changes WHERE charger_id = ? ORDER BY seq DESC LIMIT ?",
    error);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, charger_id);
  okc_backend_stmt_bind_int64 (stmt, 2, limit);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *id = g_strdup_printf ("CHG-%07" G_GINT64_FORMAT,
                                             (gint64) sqlite3_column_int64 (stmt, 0));
      guint connector_id = (guint) sqlite3_column_int (stmt, 2);
      GType type = connector_id == 0 ? OKC_TYPE_CHARGER_STATUS : OKC_TYPE_CONNECTOR_STATUS;
      g_autoptr(OkcChargerChange) change = NULL;
      int from, to, error_code = OKC_CHARGE_POINT_ERROR_NO_ERROR;

      if (!nick_value (type, okc_backend_stmt_get_text (stmt, 3), &from) ||
          !nick_value (type, okc_backend_stmt_get_text (stmt, 4), &to) ||
          (okc_backend_stmt_get_text (stmt, 5) != NULL &&
           !nick_value (OKC_TYPE_CHARGE_POINT_ERROR, okc_backend_stmt_get_text (stmt, 5),
                        &error_code)))
        {
          schema_error (error, "change", id);
          return NULL;
        }
      change = okc_charger_change_new (id, sqlite3_column_int64 (stmt, 1), connector_id, from, to,
                                       error_code, okc_backend_stmt_get_text (stmt, 6));
      json_builder_add_value (builder, okc_charger_change_to_json (change));
    }
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
wrap (const char *member,
      JsonNode   *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_add_value (builder, value);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_backend_chargers_announce:
 *
 * Records `charger.updated` with the charger as it now is.
 */
gboolean
okc_backend_chargers_announce (OkcBackendDb  *db,
                               const char    *charger_id,
                               gint64         now,
                               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(OkcCharger) charger = okc_backend_chargers_load (db, charger_id, &local_error);
  g_autoptr(JsonNode) data = NULL;

  if (charger == NULL)
    {
      /* Gone meanwhile: nothing to announce. */
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  data = wrap ("charger", okc_charger_to_json (charger));
  return okc_backend_events_record (db, "charger.updated", NULL, data, now, error);
}

/**
 * okc_backend_chargers_announce_command:
 *
 * Records `charger.command` with the command as it now is.
 */
gboolean
okc_backend_chargers_announce_command (OkcBackendDb  *db,
                                       gint64         seq,
                                       gint64         now,
                                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(OkcChargerCommand) command = okc_backend_chargers_load_command (db, seq, &local_error);
  g_autoptr(JsonNode) data = NULL;

  if (command == NULL)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  data = wrap ("command", okc_charger_command_to_json (command));
  return okc_backend_events_record (db, "charger.command", NULL, data, now, error);
}
