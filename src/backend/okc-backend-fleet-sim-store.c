/* okc-backend-fleet-sim-store.c — the simulated chargers and their commands in SQLite: a
 * charger is loaded, moved on by the state machine and saved back with its history rows
 * and ended sessions, all inside the caller's transaction
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-fleet-sim-store.h"

#include "okc-backend-schema.h"
#include "okc-billing.h"

/* The database is ours: a value the domain does not know falls back to @fallback. */
static int
from_nick (GType       type,
           const char *nick,
           int         fallback)
{
  int value;

  return nick != NULL && okc_enum_from_nick (type, nick, &value) ? value : fallback;
}

static const char *
to_nick (GType type,
         int   value)
{
  return okc_enum_to_nick (type, value);
}

static void
bind_time (OkcBackendStmt *stmt,
           int             index,
           gint64          value)
{
  if (value > 0)
    okc_backend_stmt_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
load_connectors (OkcBackendDb   *db,
                 OkcSimCharger  *charger,
                 GError        **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT id, status, error_code, vendor_error_code, info, status_since, inoperative, "
    "session_id, account_id, session_started_at, charging_started_at, charging_ended_at, "
    "end_billing, stopped_remotely, phase_until FROM connectors WHERE charger_id = ? "
    "ORDER BY id",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, charger->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OkcSimConnector *c = okc_sim_charger_add_connector (charger);

      c->status = from_nick (OKC_TYPE_CONNECTOR_STATUS, okc_backend_stmt_get_text (stmt, 1),
                             OKC_CONNECTOR_STATUS_AVAILABLE);
      c->error_code = from_nick (OKC_TYPE_CHARGE_POINT_ERROR, okc_backend_stmt_get_text (stmt, 2),
                                 OKC_CHARGE_POINT_ERROR_NO_ERROR);
      c->vendor_error_code = g_strdup (okc_backend_stmt_get_text (stmt, 3));
      c->info = g_strdup (okc_backend_stmt_get_text (stmt, 4));
      c->status_since = sqlite3_column_int64 (stmt, 5);
      c->inoperative = sqlite3_column_int (stmt, 6) != 0;
      c->session_id = g_strdup (okc_backend_stmt_get_text (stmt, 7));
      c->account_id = g_strdup (okc_backend_stmt_get_text (stmt, 8));
      c->session_started_at = sqlite3_column_int64 (stmt, 9);
      c->charging_started_at = sqlite3_column_int64 (stmt, 10);
      c->charging_ended_at = sqlite3_column_int64 (stmt, 11);
      c->end_billing = sqlite3_column_int (stmt, 12) != 0;
      c->stopped_remotely = sqlite3_column_int (stmt, 13) != 0;
      c->phase_until = sqlite3_column_int64 (stmt, 14);
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

/**
 * okc_backend_fleet_store_load:
 * @id: a charger id (matched case-insensitively)
 *
 * Returns: (transfer full) (nullable): the charger as the simulator keeps it; %NULL with
 *   @error set when SQLite failed, without when there is no such charger.
 */
OkcSimCharger *
okc_backend_fleet_store_load (OkcBackendDb  *db,
                              const char    *id,
                              GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT id, status, status_since, last_heartbeat_at, heartbeat_interval, network_kind, "
    "network_signal, network_ssid, network_ip, led, sim_cause, sim_connector, sim_cause_since, "
    "sim_cause_until, sim_reboot_until, sim_next_heartbeat, sim_random FROM chargers "
    "WHERE id = ?",
    error);
  g_autoptr(OkcSimCharger) charger = NULL;
  OkcSimCause cause = OKC_SIM_CAUSE_NONE;
  int rc;

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

  charger = okc_sim_charger_new (okc_backend_stmt_get_text (stmt, 0), 0, 0);
  charger->status = from_nick (OKC_TYPE_CHARGER_STATUS, okc_backend_stmt_get_text (stmt, 1),
                               OKC_CHARGER_STATUS_OFFLINE);
  charger->status_since = sqlite3_column_int64 (stmt, 2);
  charger->last_heartbeat = MAX (0, sqlite3_column_int64 (stmt, 3));
  charger->heartbeat_interval = (guint) MAX (1, sqlite3_column_int64 (stmt, 4));
  charger->network_kind = from_nick (OKC_TYPE_NETWORK_KIND, okc_backend_stmt_get_text (stmt, 5),
                                     OKC_NETWORK_KIND_WIFI);
  charger->signal = sqlite3_column_type (stmt, 6) == SQLITE_NULL
                      ? -1
                      : sqlite3_column_int (stmt, 6);
  charger->ssid = g_strdup (okc_backend_stmt_get_text (stmt, 7));
  charger->ip = g_strdup (okc_backend_stmt_get_text (stmt, 8));
  charger->led = from_nick (OKC_TYPE_LED_STATE, okc_backend_stmt_get_text (stmt, 9),
                            OKC_LED_STATE_OFF);
  okc_sim_cause_from_nick (okc_backend_stmt_get_text (stmt, 10), &cause);
  charger->cause = cause;
  charger->cause_connector = (guint) sqlite3_column_int (stmt, 11);
  charger->cause_since = sqlite3_column_int64 (stmt, 12);
  charger->cause_until = sqlite3_column_int64 (stmt, 13);
  charger->reboot_until = sqlite3_column_int64 (stmt, 14);
  charger->next_heartbeat = sqlite3_column_int64 (stmt, 15);
  charger->random = (guint32) sqlite3_column_int64 (stmt, 16);
  if (charger->random == 0)
    charger->random = g_str_hash (charger->id) | 1u;
  okc_backend_stmt_release (stmt);

  if (!load_connectors (db, charger, error))
    return NULL;
  return g_steal_pointer (&charger);
}

static gboolean
save_connector (OkcBackendDb     *db,
                const char       *charger_id,
                OkcSimConnector  *c,
                GError          **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "INSERT OR REPLACE INTO connectors (charger_id, id, status, error_code, vendor_error_code, "
    "info, status_since, inoperative, session_id, account_id, session_started_at, "
    "charging_started_at, charging_ended_at, end_billing, stopped_remotely, phase_until) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, charger_id);
  okc_backend_stmt_bind_int64 (stmt, 2, c->id);
  okc_backend_stmt_bind_text (stmt, 3, to_nick (OKC_TYPE_CONNECTOR_STATUS, c->status));
  okc_backend_stmt_bind_text (stmt, 4, to_nick (OKC_TYPE_CHARGE_POINT_ERROR, c->error_code));
  okc_backend_stmt_bind_text (stmt, 5, c->vendor_error_code);
  okc_backend_stmt_bind_text (stmt, 6, c->info);
  okc_backend_stmt_bind_int64 (stmt, 7, c->status_since);
  okc_backend_stmt_bind_int64 (stmt, 8, c->inoperative);
  okc_backend_stmt_bind_text (stmt, 9, c->session_id);
  okc_backend_stmt_bind_text (stmt, 10, c->account_id);
  okc_backend_stmt_bind_int64 (stmt, 11, c->session_started_at);
  okc_backend_stmt_bind_int64 (stmt, 12, c->charging_started_at);
  okc_backend_stmt_bind_int64 (stmt, 13, c->charging_ended_at);
  okc_backend_stmt_bind_int64 (stmt, 14, c->end_billing);
  okc_backend_stmt_bind_int64 (stmt, 15, c->stopped_remotely);
  okc_backend_stmt_bind_int64 (stmt, 16, c->phase_until);
  return okc_backend_db_step_done (db, stmt, error);
}

static gboolean
save_change (OkcBackendDb        *db,
             const char          *charger_id,
             const OkcSimChange  *change,
             GError             **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "INSERT INTO charger_changes (charger_id, at, connector_id, from_status, to_status, "
    "error_code, info) VALUES (?, ?, ?, ?, ?, ?, ?)",
    error);
  GType type = change->connector_id == 0 ? OKC_TYPE_CHARGER_STATUS : OKC_TYPE_CONNECTOR_STATUS;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, charger_id);
  okc_backend_stmt_bind_int64 (stmt, 2, change->at);
  okc_backend_stmt_bind_int64 (stmt, 3, change->connector_id);
  okc_backend_stmt_bind_text (stmt, 4, to_nick (type, change->from));
  okc_backend_stmt_bind_text (stmt, 5, to_nick (type, change->to));
  okc_backend_stmt_bind_text (stmt, 6, change->connector_id == 0
                                         ? NULL
                                         : to_nick (OKC_TYPE_CHARGE_POINT_ERROR,
                                                    change->error_code));
  okc_backend_stmt_bind_text (stmt, 7, change->info);
  return okc_backend_db_step_done (db, stmt, error);
}

/* How the simulator's ending reads in the sessions table: its outcome and OCPP 1.6 stop
 * reason. An unlock stops the session by command (UnlockCommand); a fault cuts the car's
 * power (PowerLoss); an EV error is the car's own (Other). */
static void
map_ending (const OkcSimSession  *s,
            const char          **outcome,
            const char          **stop_reason)
{
  static const struct { const char *sim, *outcome, *stop_reason; } map[] = {
    { "completed", "completed", "EVDisconnected" },
    { "unplugged", "interrupted", "UnlockCommand" },
    { "ev_error", "interrupted", "Other" },
    { "remote_stop", "interrupted", "Remote" },
    { "charger_fault", "interrupted", "PowerLoss" },
    { "soft_reset", "interrupted", "SoftReset" },
    { "hard_reset", "interrupted", "HardReset" },
  };

  *outcome = "interrupted";
  *stop_reason = "Other";
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_strcmp0 (s->stop_reason, map[i].sim) == 0)
      {
        *outcome = map[i].outcome;
        *stop_reason = map[i].stop_reason;
      }
  if (s->charging_started_at == 0)
    *outcome = "failed_to_start";
}

/* What the meter read: the start, the start of charging, every 5 minutes while charging
 * at the simulator's constant power, the end of charging and the end. */
static OkcMeteredSession *
build_meter (const OkcSimSession *s)
{
  g_autoptr(OkcMeteredSession) meter =
    okc_metered_session_new (s->started_at, s->charging_ended_at, s->ended_at);
  gint64 from = s->charging_started_at;
  gint64 until = s->charging_ended_at > 0 ? s->charging_ended_at : s->ended_at;
  gint64 last = s->started_at;

  okc_metered_session_add_sample (meter, s->started_at, 0);
  if (from > 0)
    {
      from = CLAMP (from, s->started_at, s->ended_at);
      until = CLAMP (until, from, s->ended_at);
      for (gint64 t = from; t < until; t += 5 * 60)
        if (t > last)
          {
            okc_metered_session_add_sample (meter, t,
                                            (t - from) * OKC_SIM_CHARGING_WATTS / 3600);
            last = t;
          }
      if (until > last)
        okc_metered_session_add_sample (meter, until, s->energy_wh);
      last = MAX (last, until);
    }
  if (s->ended_at > last)
    okc_metered_session_add_sample (meter, s->ended_at, from > 0 ? s->energy_wh : 0);
  return g_steal_pointer (&meter);
}

/* Bills an ended session by the billing engine, under the tariff document of the
 * charger's property; a charger of no property bills nothing and keeps no session row. */
static gboolean
save_session (OkcBackendDb         *db,
              const char           *charger_id,
              const OkcSimSession  *s,
              GError              **error)
{
  g_autoptr(OkcBackendStmt) tariff_row = okc_backend_db_prepare (
    db,
    "SELECT t.id, t.document FROM chargers c JOIN tariffs t ON "
    "t.property_id = c.property_id WHERE c.id = ?",
    error);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(OkcTariff) tariff = NULL;
  g_autoptr(OkcMeteredSession) meter = NULL;
  g_autoptr(OkcCostBreakdown) billed = NULL;
  g_autofree char *path = NULL;
  OkcBackendSessionRow row = { 0 };
  GError *parse_error = NULL;
  int rc;

  if (tariff_row == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (tariff_row, 1, charger_id);
  rc = sqlite3_step (tariff_row);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);

  path = g_strdup_printf ("tariffs[%s].document", okc_backend_stmt_get_text (tariff_row, 0));
  if (!json_parser_load_from_data (parser, okc_backend_stmt_get_text (tariff_row, 1), -1,
                                   &parse_error))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "%s", parse_error->message);
      g_error_free (parse_error);
      return FALSE;
    }
  tariff = okc_tariff_new_from_json (json_parser_get_root (parser), path, error);
  if (tariff == NULL)
    return FALSE;
  meter = build_meter (s);
  billed = okc_billing_compute (tariff, meter, error);
  if (billed == NULL)
    return FALSE;

  row.id = s->id;
  row.charger_id = charger_id;
  row.connector_id = s->connector_id;
  row.account_id = s->account_id;
  row.tariff_id = okc_backend_stmt_get_text (tariff_row, 0);
  map_ending (s, &row.outcome, &row.stop_reason);
  row.meter = meter;
  row.billed = billed;
  return okc_backend_schema_insert_session (db, &row, error);
}

/**
 * okc_backend_fleet_store_save:
 * @due_at: when the driver should next look at the charger
 *
 * Writes @charger back with its connectors, appends its new history rows and ended
 * sessions, and clears them from @charger.
 */
gboolean
okc_backend_fleet_store_save (OkcBackendDb   *db,
                              OkcSimCharger  *charger,
                              gint64          due_at,
                              GError        **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "UPDATE chargers SET status = ?, status_since = ?, last_heartbeat_at = ?, "
    "heartbeat_interval = ?, network_kind = ?, network_signal = ?, network_ssid = ?, "
    "network_ip = ?, led = ?, sim_cause = ?, sim_connector = ?, sim_cause_since = ?, "
    "sim_cause_until = ?, sim_reboot_until = ?, sim_next_heartbeat = ?, sim_random = ?, "
    "sim_due_at = ? WHERE id = ?",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, to_nick (OKC_TYPE_CHARGER_STATUS, charger->status));
  okc_backend_stmt_bind_int64 (stmt, 2, charger->status_since);
  bind_time (stmt, 3, charger->last_heartbeat);
  okc_backend_stmt_bind_int64 (stmt, 4, charger->heartbeat_interval);
  okc_backend_stmt_bind_text (stmt, 5, to_nick (OKC_TYPE_NETWORK_KIND, charger->network_kind));
  if (charger->signal >= 0)
    okc_backend_stmt_bind_int64 (stmt, 6, charger->signal);
  else
    sqlite3_bind_null (stmt, 6);
  okc_backend_stmt_bind_text (stmt, 7, charger->ssid);
  okc_backend_stmt_bind_text (stmt, 8, charger->ip);
  okc_backend_stmt_bind_text (stmt, 9, to_nick (OKC_TYPE_LED_STATE, charger->led));
  okc_backend_stmt_bind_text (stmt, 10, okc_sim_cause_to_nick (charger->cause));
  okc_backend_stmt_bind_int64 (stmt, 11, charger->cause_connector);
  okc_backend_stmt_bind_int64 (stmt, 12, charger->cause_since);
  okc_backend_stmt_bind_int64 (stmt, 13, charger->cause_until);
  okc_backend_stmt_bind_int64 (stmt, 14, charger->reboot_until);
  okc_backend_stmt_bind_int64 (stmt, 15, charger->next_heartbeat);
  okc_backend_stmt_bind_int64 (stmt, 16, charger->random);
  okc_backend_stmt_bind_int64 (stmt, 17, due_at);
  okc_backend_stmt_bind_text (stmt, 18, charger->id);
  if (!okc_backend_db_step_done (db, stmt, error))
    return FALSE;

  for (guint i = 0; i < charger->connectors->len; i++)
    if (!save_connector (db, charger->id, g_ptr_array_index (charger->connectors, i), error))
      return FALSE;
  for (guint i = 0; i < charger->changes->len; i++)
    if (!save_change (db, charger->id, &g_array_index (charger->changes, OkcSimChange, i), error))
      return FALSE;
  for (guint i = 0; i < charger->ended_sessions->len; i++)
    if (!save_session (db, charger->id,
                       &g_array_index (charger->ended_sessions, OkcSimSession, i), error))
      return FALSE;
  okc_sim_charger_clear_output (charger);
  return TRUE;
}

/**
 * okc_backend_fleet_store_due_chargers:
 *
 * Returns: (transfer full) (element-type utf8): the ids of the chargers due at @now,
 *   the longest overdue first, at most @limit.
 */
GPtrArray *
okc_backend_fleet_store_due_chargers (OkcBackendDb  *db,
                                      gint64         now,
                                      guint          limit,
                                      GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "SELECT id FROM chargers WHERE sim_due_at <= ? ORDER BY sim_due_at, id LIMIT ?", error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_int64 (stmt, 1, now);
  okc_backend_stmt_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (okc_backend_stmt_get_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * okc_backend_fleet_store_set_interval:
 * @seconds: the HeartbeatInterval the backend configures on every charger
 *
 * Each charger takes it from its next heartbeat on, and is looked at again now.
 */
gboolean
okc_backend_fleet_store_set_interval (OkcBackendDb  *db,
                                      guint          seconds,
                                      GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "UPDATE chargers SET heartbeat_interval = ?1, sim_due_at = 0, "
        "sim_next_heartbeat = min(sim_next_heartbeat, coalesce(last_heartbeat_at, 0) + ?1)",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_int64 (stmt, 1, seconds);
  return okc_backend_db_step_done (db, stmt, error);
}

gboolean
okc_backend_fleet_store_due_commands (OkcBackendDb  *db,
                                      gint64         now,
                                      GArray       **out_seqs,
                                      GPtrArray    **out_charger_ids,
                                      GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "SELECT seq, charger_id FROM charger_commands WHERE due_at > 0 AND due_at <= ? "
        "ORDER BY seq", error);
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_int64 (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (seqs, seq);
      g_ptr_array_add (ids, g_strdup (okc_backend_stmt_get_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  *out_seqs = g_steal_pointer (&seqs);
  *out_charger_ids = g_steal_pointer (&ids);
  return TRUE;
}

gboolean
okc_backend_fleet_store_load_command (OkcBackendDb   *db,
                                      gint64          seq,
                                      OkcSimCommand  *out,
                                      GError        **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT kind, connector_id, availability, account_id, end_billing, state, requested_at, "
    "updated_at, outcome, due_at FROM charger_commands WHERE seq = ?",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_int64 (stmt, 1, seq);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  out->kind = from_nick (OKC_TYPE_COMMAND_KIND, okc_backend_stmt_get_text (stmt, 0),
                         OKC_COMMAND_KIND_TRIGGER_HEARTBEAT);
  out->connector_id = (guint) sqlite3_column_int (stmt, 1);
  out->availability = from_nick (OKC_TYPE_AVAILABILITY, okc_backend_stmt_get_text (stmt, 2),
                                 OKC_AVAILABILITY_OPERATIVE);
  out->account_id = g_strdup (okc_backend_stmt_get_text (stmt, 3));
  out->end_billing = sqlite3_column_int (stmt, 4) != 0;
  out->state = from_nick (OKC_TYPE_COMMAND_STATE, okc_backend_stmt_get_text (stmt, 5),
                          OKC_COMMAND_STATE_SENT);
  out->requested_at = sqlite3_column_int64 (stmt, 6);
  out->updated_at = sqlite3_column_int64 (stmt, 7);
  out->outcome = g_strdup (okc_backend_stmt_get_text (stmt, 8));
  out->due_at = sqlite3_column_int64 (stmt, 9);
  return TRUE;
}

gboolean
okc_backend_fleet_store_save_command (OkcBackendDb   *db,
                                      gint64          seq,
                                      OkcSimCommand  *command,
                                      GError        **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "UPDATE charger_commands SET state = ?, updated_at = ?, outcome = ?, due_at = ? "
        "WHERE seq = ?", error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, to_nick (OKC_TYPE_COMMAND_STATE, command->state));
  okc_backend_stmt_bind_int64 (stmt, 2, command->updated_at);
  okc_backend_stmt_bind_text (stmt, 3, command->outcome);
  okc_backend_stmt_bind_int64 (stmt, 4, command->due_at);
  okc_backend_stmt_bind_int64 (stmt, 5, seq);
  return okc_backend_db_step_done (db, stmt, error);
}

/**
 * okc_backend_fleet_store_last_session:
 *
 * Returns: the highest session number in use, ended or running; 0 on error (with @error).
 */
guint64
okc_backend_fleet_store_last_session (OkcBackendDb  *db,
                                      GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT max(n) FROM (SELECT max(CAST(substr(id, 5) AS INTEGER)) AS n FROM sessions "
    "UNION ALL SELECT max(CAST(substr(session_id, 5) AS INTEGER)) FROM connectors)",
    error);

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      okc_backend_db_set_error (db, error);
      return 0;
    }
  return (guint64) MAX (0, sqlite3_column_int64 (stmt, 0));
}

/**
 * okc_backend_fleet_store_pick_account:
 * @charger_id: the charger the session starts on
 * @random: picks the account
 *
 * Returns: (transfer full) (nullable): an account that may use the charger, for a session
 *   that starts by itself: one of its access list when it is not public, else a guest.
 */
char *
okc_backend_fleet_store_pick_account (OkcBackendDb *db,
                                      const char   *charger_id,
                                      guint32       random)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "WITH candidates AS ("
    "  SELECT x.account_id AS id FROM chargers c JOIN charger_access x ON x.charger_id = c.id "
    "  WHERE c.id = ?2 AND c.access <> 'public' "
    "  UNION ALL SELECT a.id FROM accounts a, chargers c "
    "  WHERE c.id = ?2 AND c.access = 'public' AND a.kind = 'guest' "
    "  AND a.status = 'active') "
    "SELECT id FROM candidates ORDER BY id LIMIT 1 "
    "OFFSET (?1 % max(1, (SELECT count(*) FROM candidates)))",
    NULL);

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_int64 (stmt, 1, random);
  okc_backend_stmt_bind_text (stmt, 2, charger_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup (okc_backend_stmt_get_text (stmt, 0));
}

static char *
world_new_session_id (gpointer user_data)
{
  OkcBackendFleetWorld *self = user_data;

  if (self->last_session == 0)
    self->last_session = okc_backend_fleet_store_last_session (self->db, NULL);
  return g_strdup_printf ("SES-%07" G_GUINT64_FORMAT, ++self->last_session);
}

static char *
world_pick_account (gpointer    user_data,
                    const char *charger_id,
                    guint32     random)
{
  OkcBackendFleetWorld *self = user_data;

  return okc_backend_fleet_store_pick_account (self->db, charger_id, random);
}

/**
 * okc_backend_fleet_world_init:
 *
 * Makes @self the world of the chargers of @db, for one transaction: session ids are
 * counted on from the highest in use when the first is needed.
 */
void
okc_backend_fleet_world_init (OkcBackendFleetWorld *self,
                              OkcBackendDb         *db)
{
  self->world.new_session_id = world_new_session_id;
  self->world.pick_account = world_pick_account;
  self->world.user_data = self;
  self->db = db;
  self->last_session = 0;
}
