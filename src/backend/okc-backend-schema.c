/* okc-backend-schema.c — the tables of the backend's database and their migrations
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-schema.h"

/* Times are INTEGER seconds since the epoch (UTC), money INTEGER minor units in the
 * row's currency, energy INTEGER Wh. Tickets and attachments keep the number of their
 * id ("TCK-000123" → 123) as their rowid, the tie-breaker of every ticket order.
 *
 * Ticket lists page by keyset over (sort key, seq): each sort has its index, so a page
 * deep into 100,000 tickets costs what the first one does. `urgency` is the priority
 * turned around (0 urgent … 3 low), so that "most urgent first, then oldest" is one
 * ascending index. */
static const char schema_v1[] =
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"

  "CREATE TABLE users ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'chatbot')),"
  "  password_hash TEXT NOT NULL);"

  "CREATE TABLE tokens ("
  "  token_hash TEXT PRIMARY KEY,"
  "  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  created_at INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL,"
  "  revoked_at INTEGER);"
  "CREATE INDEX tokens_by_expiry ON tokens (expires_at);"

  "CREATE TABLE accounts ("
  "  id TEXT PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  email TEXT NOT NULL,"
  "  phone TEXT,"
  "  card_last4 TEXT,"
  "  subscription TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX accounts_by_email ON accounts (email COLLATE NOCASE);"

  "CREATE TABLE properties ("
  "  id TEXT PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  kind TEXT NOT NULL,"
  "  address TEXT NOT NULL,"
  "  city TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  postal_code TEXT NOT NULL,"
  "  timezone TEXT NOT NULL,"
  "  host_account_id TEXT NOT NULL REFERENCES accounts (id),"
  "  pms TEXT NOT NULL,"
  "  pms_connected INTEGER NOT NULL);"

  "CREATE TABLE units ("
  "  id TEXT PRIMARY KEY,"
  "  property_id TEXT NOT NULL REFERENCES properties (id),"
  "  name TEXT NOT NULL);"
  "CREATE INDEX units_by_property ON units (property_id);"

  "CREATE TABLE chargers ("
  "  id TEXT PRIMARY KEY COLLATE NOCASE,"
  "  serial TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  model TEXT NOT NULL,"
  "  firmware TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  last_heartbeat_at INTEGER,"
  "  property_id TEXT REFERENCES properties (id),"
  "  unit_id TEXT REFERENCES units (id),"
  "  access TEXT NOT NULL,"
  "  installed_at INTEGER NOT NULL);"
  "CREATE INDEX chargers_by_property ON chargers (property_id);"

  "CREATE TABLE charger_access ("
  "  charger_id TEXT NOT NULL REFERENCES chargers (id),"
  "  account_id TEXT NOT NULL REFERENCES accounts (id),"
  "  PRIMARY KEY (charger_id, account_id)) WITHOUT ROWID;"

  "CREATE TABLE tariffs ("
  "  id TEXT PRIMARY KEY,"
  "  property_id TEXT NOT NULL UNIQUE REFERENCES properties (id),"
  "  currency TEXT NOT NULL,"
  "  connection_fee INTEGER NOT NULL,"
  "  energy_rate_per_kwh INTEGER NOT NULL,"
  "  idle_fee_per_minute INTEGER NOT NULL,"
  "  idle_grace_minutes INTEGER NOT NULL,"
  "  tax_rate_bp INTEGER NOT NULL);"

  "CREATE TABLE sessions ("
  "  id TEXT PRIMARY KEY,"
  "  charger_id TEXT NOT NULL REFERENCES chargers (id),"
  "  account_id TEXT NOT NULL REFERENCES accounts (id),"
  "  tariff_id TEXT NOT NULL REFERENCES tariffs (id),"
  "  started_at INTEGER NOT NULL,"
  "  charging_ended_at INTEGER,"
  "  ended_at INTEGER NOT NULL,"
  "  energy_wh INTEGER NOT NULL,"
  "  currency TEXT NOT NULL,"
  "  connection_fee INTEGER NOT NULL,"
  "  energy_fee INTEGER NOT NULL,"
  "  idle_fee INTEGER NOT NULL,"
  "  tax INTEGER NOT NULL,"
  "  total INTEGER NOT NULL,"
  "  stop_reason TEXT NOT NULL);"
  "CREATE INDEX sessions_by_charger ON sessions (charger_id, started_at);"
  "CREATE INDEX sessions_by_account ON sessions (account_id, started_at);"

  "CREATE TABLE payouts ("
  "  id TEXT PRIMARY KEY,"
  "  host_account_id TEXT NOT NULL REFERENCES accounts (id),"
  "  property_id TEXT NOT NULL REFERENCES properties (id),"
  "  period_from TEXT NOT NULL,"
  "  period_to TEXT NOT NULL,"
  "  currency TEXT NOT NULL,"
  "  session_revenue INTEGER NOT NULL,"
  "  fees INTEGER NOT NULL,"
  "  amount INTEGER NOT NULL,"
  "  status TEXT NOT NULL,"
  "  paid_at INTEGER);"
  "CREATE INDEX payouts_by_host ON payouts (host_account_id, period_from);"

  "CREATE TABLE blobs ("
  "  sha256 TEXT PRIMARY KEY,"
  "  data BLOB NOT NULL);"

  "CREATE TABLE tickets ("
  "  seq INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  topic TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  priority TEXT NOT NULL,"
  "  urgency INTEGER NOT NULL,"
  "  summary TEXT,"
  "  requester_name TEXT NOT NULL,"
  "  requester_email TEXT,"
  "  requester_phone TEXT,"
  "  requester_audience TEXT NOT NULL,"
  "  property_id TEXT REFERENCES properties (id),"
  "  charger_id TEXT REFERENCES chargers (id),"
  "  assignee_id TEXT REFERENCES users (id),"
  "  fields TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  version INTEGER NOT NULL);"
  "CREATE INDEX tickets_by_created ON tickets (created_at);"
  "CREATE INDEX tickets_by_updated ON tickets (updated_at);"
  "CREATE INDEX tickets_by_urgency ON tickets (urgency, created_at);"
  "CREATE INDEX tickets_by_status ON tickets (status, created_at);"
  "CREATE INDEX tickets_by_topic ON tickets (topic, created_at);"
  "CREATE INDEX tickets_by_assignee ON tickets (assignee_id, created_at);"

  "CREATE TABLE ticket_messages ("
  "  ticket_seq INTEGER NOT NULL REFERENCES tickets (seq) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  sender TEXT NOT NULL,"
  "  sent_at INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  PRIMARY KEY (ticket_seq, position)) WITHOUT ROWID;"

  "CREATE TABLE attachments ("
  "  seq INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  ticket_seq INTEGER NOT NULL REFERENCES tickets (seq) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  filename TEXT NOT NULL,"
  "  media_type TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL REFERENCES blobs (sha256),"
  "  size INTEGER NOT NULL);"
  "CREATE INDEX attachments_by_ticket ON attachments (ticket_seq, position);"
  "CREATE INDEX attachments_by_blob ON attachments (sha256);";

/* v2: the SLA clock of each ticket (docs/sla.md) and the timeline of its changes. A ticket
 * keeps the paused time of its ended pauses and the start of the current one, so that a
 * priority change can recompute the due time. Timeline entries are EVT-<seq>; `from_value`
 * and `to_value` are status or priority nicks, or user ids for assignments. Tickets of a
 * v1 database get their "created" entry here, and their due time from
 * okc_backend_tickets_backfill_sla() in the same transaction. */
static const char schema_v2[] =
  "ALTER TABLE tickets ADD COLUMN sla_due_at INTEGER;"
  "ALTER TABLE tickets ADD COLUMN sla_paused INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE tickets ADD COLUMN sla_paused_seconds INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE tickets ADD COLUMN sla_paused_since INTEGER;"

  "CREATE TABLE ticket_events ("
  "  seq INTEGER PRIMARY KEY,"
  "  ticket_seq INTEGER NOT NULL REFERENCES tickets (seq) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('created', 'status_changed', 'priority_changed',"
  "    'assigned', 'note', 'reply')),"
  "  at INTEGER NOT NULL,"
  "  actor_id TEXT REFERENCES users (id),"
  "  text TEXT,"
  "  from_value TEXT,"
  "  to_value TEXT);"
  "CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_seq, seq);"
  "INSERT INTO ticket_events (ticket_seq, kind, at) "
  "  SELECT seq, 'created', created_at FROM tickets ORDER BY seq;";

/* v3: the event log of GET /v1/events (okc-backend-events.c), bounded by pruning. */
static const char schema_v3[] =
  "CREATE TABLE events ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  type TEXT NOT NULL,"
  "  ticket_id TEXT,"
  "  at INTEGER NOT NULL,"
  "  data TEXT NOT NULL);"
  "CREATE INDEX events_by_at ON events (at);";

/* v4: the chargers' live state and the simulator behind it (docs/chargers.md). What the
 * backend sees is in the charger's columns and its connectors; the sim_* columns are the
 * simulator's hidden truth (the cause of a fault, a reboot in progress, when the charger is
 * next due). Histories are CHG-<seq>, commands CMD-<seq>. A session in progress lives on its
 * connector and reaches the sessions table when it ends. Chargers of a v3 database get
 * their connectors, network and cause from okc_backend_fleet_store_seed() in the same
 * transaction. `audit_log` records who did what to what; `before` and `after` are JSON. */
static const char schema_v4[] =
  "ALTER TABLE chargers ADD COLUMN status_since INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE chargers ADD COLUMN heartbeat_interval INTEGER NOT NULL DEFAULT 60;"
  "ALTER TABLE chargers ADD COLUMN network_kind TEXT NOT NULL DEFAULT 'wifi';"
  "ALTER TABLE chargers ADD COLUMN network_signal INTEGER;"
  "ALTER TABLE chargers ADD COLUMN network_ssid TEXT;"
  "ALTER TABLE chargers ADD COLUMN network_ip TEXT;"
  "ALTER TABLE chargers ADD COLUMN led TEXT NOT NULL DEFAULT 'off';"
  "ALTER TABLE chargers ADD COLUMN sim_cause TEXT NOT NULL DEFAULT 'none';"
  "ALTER TABLE chargers ADD COLUMN sim_connector INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE chargers ADD COLUMN sim_cause_since INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE chargers ADD COLUMN sim_cause_until INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE chargers ADD COLUMN sim_reboot_until INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE chargers ADD COLUMN sim_next_heartbeat INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE chargers ADD COLUMN sim_random INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE chargers ADD COLUMN sim_due_at INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX chargers_by_sim_due ON chargers (sim_due_at);"
  "CREATE INDEX chargers_by_status ON chargers (status, id);"

  "CREATE TABLE connectors ("
  "  charger_id TEXT NOT NULL REFERENCES chargers (id) ON DELETE CASCADE,"
  "  id INTEGER NOT NULL CHECK (id >= 1),"
  "  status TEXT NOT NULL,"
  "  error_code TEXT NOT NULL DEFAULT 'NoError',"
  "  vendor_error_code TEXT,"
  "  info TEXT,"
  "  status_since INTEGER NOT NULL,"
  "  inoperative INTEGER NOT NULL DEFAULT 0,"
  "  session_id TEXT,"
  "  account_id TEXT REFERENCES accounts (id),"
  "  session_started_at INTEGER NOT NULL DEFAULT 0,"
  "  charging_started_at INTEGER NOT NULL DEFAULT 0,"
  "  charging_ended_at INTEGER NOT NULL DEFAULT 0,"
  "  end_billing INTEGER NOT NULL DEFAULT 0,"
  "  stopped_remotely INTEGER NOT NULL DEFAULT 0,"
  "  phase_until INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (charger_id, id)) WITHOUT ROWID;"

  "CREATE TABLE charger_changes ("
  "  seq INTEGER PRIMARY KEY,"
  "  charger_id TEXT NOT NULL REFERENCES chargers (id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  connector_id INTEGER NOT NULL,"
  "  from_status TEXT NOT NULL,"
  "  to_status TEXT NOT NULL,"
  "  error_code TEXT,"
  "  info TEXT);"
  "CREATE INDEX charger_changes_by_charger ON charger_changes (charger_id, seq);"

  "CREATE TABLE charger_commands ("
  "  seq INTEGER PRIMARY KEY,"
  "  charger_id TEXT NOT NULL REFERENCES chargers (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  connector_id INTEGER NOT NULL,"
  "  availability TEXT,"
  "  account_id TEXT REFERENCES accounts (id),"
  "  end_billing INTEGER NOT NULL DEFAULT 0,"
  "  ticket_id TEXT,"
  "  state TEXT NOT NULL,"
  "  requested_by TEXT NOT NULL REFERENCES users (id),"
  "  requested_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  outcome TEXT,"
  "  due_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX charger_commands_by_charger ON charger_commands (charger_id, seq);"
  "CREATE INDEX charger_commands_due ON charger_commands (due_at) WHERE due_at > 0;"

  "CREATE TABLE audit_log ("
  "  seq INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  actor_id TEXT REFERENCES users (id),"
  "  action TEXT NOT NULL,"
  "  target_kind TEXT NOT NULL,"
  "  target_id TEXT NOT NULL,"
  "  ticket_id TEXT,"
  "  before TEXT,"
  "  after TEXT);"
  "CREATE INDEX audit_log_by_target ON audit_log (target_kind, target_id, seq);"
  "CREATE INDEX audit_log_by_at ON audit_log (at);";

/* v5: what a session did and billed (docs/sessions.md): its meter samples, kept apart so
 * that listing sessions does not read them, and refunds of sessions. */
static const char schema_v5[] =
  "CREATE TABLE session_meter ("
  "  session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,"
  "  samples TEXT NOT NULL);"

  "CREATE TABLE refunds ("
  "  seq INTEGER PRIMARY KEY,"
  "  session_id TEXT NOT NULL REFERENCES sessions (id),"
  "  ticket_id TEXT,"
  "  amount INTEGER NOT NULL CHECK (amount > 0),"
  "  currency TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  finding_kind TEXT,"
  "  status TEXT NOT NULL,"
  "  requested_by TEXT NOT NULL REFERENCES users (id),"
  "  requested_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX refunds_by_session ON refunds (session_id, seq);";

static const char * const migrations[] = {
  schema_v1,
  schema_v2,
  schema_v3,
  schema_v4,
  schema_v5,
};

/* The data tables, parents before children: the order of a dataset's import. */
static const char * const tables[] = {
  "meta",     "users",    "accounts", "properties", "units",   "chargers",
  "charger_access", "tariffs", "sessions", "payouts", "blobs", "tickets",
  "ticket_messages", "attachments", "ticket_events", "tokens",
  /* Not in a dataset, but emptied with the data it describes: resuming clients get a
   * reset, the ids going on from where they were. The chargers' live state is seeded
   * again from their status (okc_backend_fleet_store_seed()); their history, commands
   * and the audit trail start over. */
  "connectors", "charger_changes", "charger_commands", "audit_log",
  "session_meter", "refunds", "events",
};

const char * const *
okc_backend_schema_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

const char * const *
okc_backend_schema_get_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (tables);
  return tables;
}
