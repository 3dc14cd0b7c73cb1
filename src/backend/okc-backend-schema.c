/* okc-backend-schema.c — the tables of the backend's database and their migrations
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-schema.h"

#include "okc-core.h"
#include "okc-billing.h"

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

/* v5: what a session did and billed (docs/sessions.md). A tariff is its whole document
 * (docs/billing.md): dated versions, energy components, idle fee, taxes and fees, in the
 * site's time zone. A session keeps its connector, how it ended (outcome and the OCPP
 * stop reason), and what it billed, line by line (`billed`, a cost breakdown whose total
 * is `total`); its meter samples are kept apart, so that listing sessions does not read
 * them; refunds of sessions. The old price and fee columns go: the documents of a v4
 * database are built from them by okc_backend_schema_upgrade_v5() between this script and
 * schema_v5_drop, in the same transaction. */
static const char schema_v5[] =
  "ALTER TABLE tariffs ADD COLUMN document TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE sessions ADD COLUMN connector_id INTEGER NOT NULL DEFAULT 1"
  "  CHECK (connector_id IN (1, 2));"
  "ALTER TABLE sessions ADD COLUMN outcome TEXT NOT NULL DEFAULT 'completed'"
  "  CHECK (outcome IN ('completed', 'interrupted', 'failed_to_start'));"
  "ALTER TABLE sessions ADD COLUMN billed TEXT NOT NULL DEFAULT '';"
  "CREATE INDEX sessions_by_start ON sessions (started_at, id);"
  /* The log sorted by what was billed, the disputes' first question. */
  "CREATE INDEX sessions_by_total ON sessions (total, id);"

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

/* After the upgrade: the v4 columns the documents and breakdowns replace. */
static const char schema_v5_drop[] =
  "ALTER TABLE tariffs DROP COLUMN connection_fee;"
  "ALTER TABLE tariffs DROP COLUMN energy_rate_per_kwh;"
  "ALTER TABLE tariffs DROP COLUMN idle_fee_per_minute;"
  "ALTER TABLE tariffs DROP COLUMN idle_grace_minutes;"
  "ALTER TABLE tariffs DROP COLUMN tax_rate_bp;"
  "ALTER TABLE sessions DROP COLUMN connection_fee;"
  "ALTER TABLE sessions DROP COLUMN energy_fee;"
  "ALTER TABLE sessions DROP COLUMN idle_fee;"
  "ALTER TABLE sessions DROP COLUMN tax;";

/* v6: the actions of docs/actions.md. Each section belongs to one part of the backend.
 *
 * Idempotency (okc-backend-idempotency.c): the stored answer of each (user, key); a
 * request's hash is the SHA-256 of its method, path and canonical body. */
static const char schema_v6[] =
  "CREATE TABLE idempotency_keys ("
  "  actor_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  request_hash TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  content_type TEXT,"
  "  response BLOB NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (actor_id, key)) WITHOUT ROWID;"
  "CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);"

  /* Refund reviews (okc-backend-refunds.c): lines refunded by index into the session's
   * billed lines (a JSON array of integers), the supervisor's review, the processor's
   * settlement. */
  "ALTER TABLE refunds ADD COLUMN lines TEXT NOT NULL DEFAULT '[]';"
  "ALTER TABLE refunds ADD COLUMN reviewed_by TEXT REFERENCES users (id);"
  "ALTER TABLE refunds ADD COLUMN reviewed_at INTEGER;"
  "ALTER TABLE refunds ADD COLUMN review_comment TEXT;"
  "ALTER TABLE refunds ADD COLUMN failure_reason TEXT;"
  "ALTER TABLE refunds ADD COLUMN settled_at INTEGER;"
  "CREATE INDEX refunds_by_status ON refunds (status, seq);"
  "CREATE INDEX refunds_by_ticket ON refunds (ticket_id, seq) WHERE ticket_id IS NOT NULL;"

  /* Access (okc-backend-access.c): three policies; an access list entry may hold a
   * booking's dates and says who granted it. */
  "ALTER TABLE charger_access ADD COLUMN valid_from INTEGER;"
  "ALTER TABLE charger_access ADD COLUMN valid_to INTEGER;"
  "ALTER TABLE charger_access ADD COLUMN booking_id TEXT;"
  "ALTER TABLE charger_access ADD COLUMN granted_by TEXT REFERENCES users (id);"
  "ALTER TABLE charger_access ADD COLUMN granted_at INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE charger_access ADD COLUMN ticket_id TEXT;"
  "UPDATE chargers SET access = 'residents_guests' WHERE access = 'restricted';"

  /* Bookings and the simulated PMS (okc-backend-properties.c). */
  "CREATE TABLE bookings ("
  "  id TEXT PRIMARY KEY,"
  "  property_id TEXT NOT NULL REFERENCES properties (id),"
  "  unit_id TEXT REFERENCES units (id),"
  "  account_id TEXT REFERENCES accounts (id),"
  "  guest_name TEXT NOT NULL,"
  "  guest_email TEXT NOT NULL,"
  "  check_in INTEGER NOT NULL,"
  "  check_out INTEGER NOT NULL CHECK (check_out > check_in),"
  "  pms_reference TEXT NOT NULL,"
  "  synced_at INTEGER NOT NULL,"
  "  UNIQUE (property_id, pms_reference));"
  "CREATE INDEX bookings_by_property ON bookings (property_id, check_in);"
  "CREATE INDEX bookings_by_account ON bookings (account_id, check_in);"
  "ALTER TABLE properties ADD COLUMN pms_sync_state TEXT NOT NULL DEFAULT 'never_synced'"
  "  CHECK (pms_sync_state IN ('never_synced', 'ok', 'failing'));"
  "ALTER TABLE properties ADD COLUMN pms_last_sync_at INTEGER;"
  "ALTER TABLE properties ADD COLUMN pms_last_error TEXT;"
  "ALTER TABLE properties ADD COLUMN pms_token_expired_at INTEGER;"
  "CREATE TABLE pms_syncs ("
  "  seq INTEGER PRIMARY KEY,"
  "  property_id TEXT NOT NULL REFERENCES properties (id),"
  "  started_at INTEGER NOT NULL,"
  "  finished_at INTEGER NOT NULL,"
  "  outcome TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed')),"
  "  bookings_imported INTEGER NOT NULL DEFAULT 0,"
  "  chargers_matched INTEGER NOT NULL DEFAULT 0,"
  "  error TEXT,"
  "  requested_by TEXT REFERENCES users (id));"
  "CREATE INDEX pms_syncs_by_property ON pms_syncs (property_id, seq);"

  /* The audit trail's reading (okc-backend-audit.c): by ticket, by person, by action. */
  "CREATE INDEX audit_log_by_ticket ON audit_log (ticket_id, seq) WHERE ticket_id IS NOT NULL;"
  "CREATE INDEX audit_log_by_actor ON audit_log (actor_id, seq);";

/* v7: accounts and host payouts (docs/accounts.md, docs/payouts.md).
 *
 * Accounts (okc-backend-accounts.c): saved cards (last four digits only, ever), the
 * subscription's state, a notification email apart from the login one, deletion; the
 * identity checks an agent records on a ticket before a sensitive change. */
static const char schema_v7[] =
  "CREATE TABLE cards ("
  "  id TEXT PRIMARY KEY,"
  "  account_id TEXT NOT NULL REFERENCES accounts (id),"
  "  brand TEXT NOT NULL,"
  "  last4 TEXT NOT NULL CHECK (length (last4) = 4),"
  "  exp_month INTEGER NOT NULL CHECK (exp_month BETWEEN 1 AND 12),"
  "  exp_year INTEGER NOT NULL,"
  "  is_default INTEGER NOT NULL DEFAULT 0,"
  "  added_at INTEGER NOT NULL,"
  "  removed_at INTEGER,"
  "  removed_by TEXT REFERENCES users (id));"
  "CREATE INDEX cards_by_account ON cards (account_id);"
  "INSERT INTO cards (id, account_id, brand, last4, exp_month, exp_year, is_default, added_at)"
  "  SELECT printf ('CRD-%06d', rowid), id, 'visa', card_last4, 12, 2029, 1, created_at"
  "  FROM accounts WHERE length (card_last4) = 4;"
  "ALTER TABLE accounts ADD COLUMN notification_email TEXT;"
  "ALTER TABLE accounts ADD COLUMN status TEXT NOT NULL DEFAULT 'active'"
  "  CHECK (status IN ('active', 'deleted'));"
  "ALTER TABLE accounts ADD COLUMN deleted_at INTEGER;"
  "ALTER TABLE accounts ADD COLUMN subscription_status TEXT NOT NULL DEFAULT 'none'"
  "  CHECK (subscription_status IN ('none', 'active', 'cancelling', 'cancelled'));"
  "ALTER TABLE accounts ADD COLUMN subscription_renews_at INTEGER;"
  "ALTER TABLE accounts ADD COLUMN subscription_cancelled_at INTEGER;"
  "UPDATE accounts SET subscription_status = 'active' WHERE subscription <> 'none';"
  "CREATE TABLE account_verifications ("
  "  seq INTEGER PRIMARY KEY,"
  "  account_id TEXT NOT NULL REFERENCES accounts (id),"
  "  ticket_id TEXT NOT NULL,"
  "  method TEXT NOT NULL CHECK (method IN ('request_email', 'card_last4', 'session_date')),"
  "  outcome TEXT NOT NULL CHECK (outcome IN ('verified', 'failed')),"
  "  user_id TEXT NOT NULL REFERENCES users (id),"
  "  at INTEGER NOT NULL,"
  "  expires_at INTEGER);"
  "CREATE INDEX account_verifications_by_account ON account_verifications (account_id, ticket_id, seq);"

  /* Payouts (okc-backend-payouts.c): each period of each property, paid or carried over,
   * with the bank's side of it; adjustments credit a shortfall found in a reconciliation. */
  "ALTER TABLE payouts ADD COLUMN period_start INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE payouts ADD COLUMN cutoff_at INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE payouts ADD COLUMN processing_fees INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE payouts ADD COLUMN refunds INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE payouts ADD COLUMN carried_in INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE payouts ADD COLUMN initiated_at INTEGER;"
  "ALTER TABLE payouts ADD COLUMN arrival_at INTEGER;"
  "ALTER TABLE payouts ADD COLUMN failure_reason TEXT;"
  "ALTER TABLE payouts ADD COLUMN bank_last4 TEXT;"
  "UPDATE payouts SET status = 'scheduled' WHERE status = 'pending';"
  "CREATE TABLE payout_adjustments ("
  "  id TEXT PRIMARY KEY,"
  "  payout_id TEXT NOT NULL REFERENCES payouts (id),"
  "  amount INTEGER NOT NULL CHECK (amount > 0),"
  "  currency TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  ticket_id TEXT,"
  "  created_by TEXT NOT NULL REFERENCES users (id),"
  "  created_at INTEGER NOT NULL,"
  "  credited_payout_id TEXT REFERENCES payouts (id));"
  "CREATE INDEX payout_adjustments_by_payout ON payout_adjustments (payout_id);";

static const char * const migrations[] = {
  schema_v1,
  schema_v2,
  schema_v3,
  schema_v4,
  schema_v5,
  schema_v6,
  schema_v7,
};

/* The data tables, parents before children: the order of a dataset's import. */
static const char * const tables[] = {
  "meta",     "users",    "accounts", "properties", "units",   "chargers",
  "charger_access", "tariffs", "sessions", "payouts", "bookings", "blobs", "tickets",
  "ticket_messages", "attachments", "ticket_events", "tokens",
  /* Not in a dataset, but emptied with the data it describes: resuming clients get a
   * reset, the ids going on from where they were. The chargers' live state is seeded
   * again from their status (okc_backend_fleet_store_seed()); their history, commands
   * and the audit trail start over. */
  "connectors", "charger_changes", "charger_commands", "audit_log",
  "session_meter", "refunds", "pms_syncs", "idempotency_keys", "events",
  "cards", "account_verifications", "payout_adjustments",
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

/**
 * okc_backend_schema_format_samples:
 *
 * Returns: (transfer full): the `session_meter.samples` text of @meter: a JSON array of
 *   `[unix_seconds, wh]` pairs, ascending.
 */
char *
okc_backend_schema_format_samples (OkcMeteredSession *meter)
{
  guint n;
  const OkcMeterSample *samples = okc_metered_session_get_samples (meter, &n);
  GString *text = g_string_sized_new (16 + n * 24);

  g_string_append_c (text, '[');
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]",
                            i > 0 ? "," : "", samples[i].at, samples[i].wh);
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

/**
 * okc_backend_schema_parse_samples:
 * @text: a `session_meter.samples` value
 * @charging_ended_at: 0 when not recorded
 *
 * Returns: (transfer full) (nullable): the session's meter, validated, or %NULL with an
 *   #OKC_DATA_ERROR naming "samples".
 */
OkcMeteredSession *
okc_backend_schema_parse_samples (const char  *text,
                                  gint64       started_at,
                                  gint64       charging_ended_at,
                                  gint64       ended_at,
                                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(OkcMeteredSession) meter =
    okc_metered_session_new (started_at, charging_ended_at, ended_at);
  JsonNode *root;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY ((root = json_parser_get_root (parser))))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "samples", "not a JSON array");
      return NULL;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *pair = json_array_get_element (array, i);
      JsonArray *values = JSON_NODE_HOLDS_ARRAY (pair) ? json_node_get_array (pair) : NULL;

      if (values == NULL || json_array_get_length (values) != 2 ||
          json_node_get_value_type (json_array_get_element (values, 0)) != G_TYPE_INT64 ||
          json_node_get_value_type (json_array_get_element (values, 1)) != G_TYPE_INT64)
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "samples",
                              "sample %u is not a [unix_seconds, wh] pair of integers", i);
          return NULL;
        }
      okc_metered_session_add_sample (meter, json_array_get_int_element (values, 0),
                                      json_array_get_int_element (values, 1));
    }
  if (!okc_metered_session_validate (meter, error))
    return NULL;
  return g_steal_pointer (&meter);
}

/**
 * okc_backend_schema_insert_session:
 *
 * Inserts an ended session and its meter samples. Its currency and total are those of
 * @row->billed, and its energy the meter's.
 */
gboolean
okc_backend_schema_insert_session (OkcBackendDb                *db,
                                   const OkcBackendSessionRow  *row,
                                   GError                     **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "INSERT INTO sessions (id, charger_id, connector_id, account_id, tariff_id, started_at, "
    "charging_ended_at, ended_at, energy_wh, currency, total, outcome, stop_reason, billed) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);
  g_autoptr(JsonNode) billed = NULL;
  g_autofree char *billed_text = NULL;
  g_autofree char *samples = NULL;
  OkcMoney total;

  if (stmt == NULL)
    return FALSE;
  billed = okc_cost_breakdown_to_json (row->billed);
  billed_text = okc_json_to_string (billed);
  okc_cost_breakdown_get_total (row->billed, &total);
  okc_backend_stmt_bind_text (stmt, 1, row->id);
  okc_backend_stmt_bind_text (stmt, 2, row->charger_id);
  okc_backend_stmt_bind_int64 (stmt, 3, row->connector_id);
  okc_backend_stmt_bind_text (stmt, 4, row->account_id);
  okc_backend_stmt_bind_text (stmt, 5, row->tariff_id);
  okc_backend_stmt_bind_int64 (stmt, 6, okc_metered_session_get_started_at (row->meter));
  if (okc_metered_session_get_charging_ended_at (row->meter) == 0)
    sqlite3_bind_null (stmt, 7);
  else
    okc_backend_stmt_bind_int64 (stmt, 7, okc_metered_session_get_charging_ended_at (row->meter));
  okc_backend_stmt_bind_int64 (stmt, 8, okc_metered_session_get_ended_at (row->meter));
  okc_backend_stmt_bind_int64 (stmt, 9, okc_metered_session_get_energy_wh (row->meter));
  okc_backend_stmt_bind_text (stmt, 10, okc_cost_breakdown_get_currency (row->billed));
  okc_backend_stmt_bind_int64 (stmt, 11, total.amount);
  okc_backend_stmt_bind_text (stmt, 12, row->outcome);
  okc_backend_stmt_bind_text (stmt, 13, row->stop_reason);
  okc_backend_stmt_bind_text (stmt, 14, billed_text);
  if (!okc_backend_db_step_done (db, stmt, error))
    return FALSE;

  {
    g_autoptr(OkcBackendStmt) meter = okc_backend_db_prepare (
      db, "INSERT INTO session_meter (session_id, samples) VALUES (?, ?)", error);

    if (meter == NULL)
      return FALSE;
    samples = okc_backend_schema_format_samples (row->meter);
    okc_backend_stmt_bind_text (meter, 1, row->id);
    okc_backend_stmt_bind_text (meter, 2, samples);
    return okc_backend_db_step_done (db, meter, error);
  }
}

/**
 * okc_backend_schema_map_v4_reason:
 * @reason: a v4 stop reason (completed, unplugged, ev_error, remote_stop, charger_fault,
 *   failed_to_start)
 * @out_outcome: (out): the v5 outcome
 * @out_stop_reason: (out): the OCPP 1.6 stop reason
 *
 * How a v4 session ended, in v5's terms (docs/dataset-format.md): a fault is a loss of
 * power to the car (PowerLoss), an EV error the car's own (Other).
 *
 * Returns: %FALSE for an unknown @reason.
 */
gboolean
okc_backend_schema_map_v4_reason (const char  *reason,
                                  const char **out_outcome,
                                  const char **out_stop_reason)
{
  static const struct { const char *v4, *outcome, *stop_reason; } map[] = {
    { "completed", "completed", "EVDisconnected" },
    { "unplugged", "completed", "EVDisconnected" },
    { "ev_error", "interrupted", "Other" },
    { "remote_stop", "interrupted", "Remote" },
    { "charger_fault", "interrupted", "PowerLoss" },
    { "failed_to_start", "failed_to_start", "Other" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_strcmp0 (reason, map[i].v4) == 0)
      {
        *out_outcome = map[i].outcome;
        *out_stop_reason = map[i].stop_reason;
        return TRUE;
      }
  return FALSE;
}

static char *
local_date (gint64      unix_time,
            const char *time_zone)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (time_zone);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = NULL;

  if (zone == NULL || utc == NULL)
    return NULL;
  local = g_date_time_to_timezone (utc, zone);
  return g_date_time_format (local, "%Y-%m-%d");
}

/* The one-version document of a v4 tariff row (id, currency, connection fee, rate,
 * idle rate, grace, tax bp, time zone, earliest session or NULL). */
static JsonNode *
build_v4_document (OkcBackendStmt  *row,
                   GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *zone = okc_backend_stmt_get_text (row, 7);
  g_autoptr(GTimeZone) known = zone != NULL ? g_time_zone_new_identifier (zone) : NULL;
  g_autofree char *from = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(OkcTariff) tariff = NULL;
  g_autofree char *path = g_strdup_printf ("tariffs[%s]", okc_backend_stmt_get_text (row, 0));

  if (known == NULL)
    zone = "UTC";
  if (sqlite3_column_type (row, 8) != SQLITE_NULL)
    from = local_date (sqlite3_column_int64 (row, 8), zone);
  if (from == NULL)
    from = g_strdup ("2000-01-01");

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (row, 0));
  okc_json_builder_add_string (builder, "currency", okc_backend_stmt_get_text (row, 1));
  okc_json_builder_add_string (builder, "time_zone", zone);
  json_builder_set_member_name (builder, "versions");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "effective_from", from);
  json_builder_set_member_name (builder, "connection_fee");
  json_builder_add_int_value (builder, sqlite3_column_int64 (row, 2));
  json_builder_set_member_name (builder, "energy");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rate_per_kwh");
  json_builder_add_int_value (builder, sqlite3_column_int64 (row, 3));
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  if (sqlite3_column_int64 (row, 4) > 0)
    {
      json_builder_set_member_name (builder, "idle");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rate_per_minute");
      json_builder_add_int_value (builder, sqlite3_column_int64 (row, 4));
      json_builder_set_member_name (builder, "grace_minutes");
      json_builder_add_int_value (builder, sqlite3_column_int64 (row, 5));
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "taxes");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "name", "Sales tax");
  json_builder_set_member_name (builder, "rate_bp");
  json_builder_add_int_value (builder, sqlite3_column_int64 (row, 6));
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  tariff = okc_tariff_new_from_json (node, path, error);
  if (tariff == NULL)
    return NULL;
  return okc_tariff_to_json (tariff);
}

static gboolean
upgrade_tariffs (OkcBackendDb  *db,
                 GError       **error)
{
  g_autoptr(OkcBackendStmt) rows = okc_backend_db_prepare (
    db,
    "SELECT t.id, t.currency, t.connection_fee, t.energy_rate_per_kwh, t.idle_fee_per_minute, "
    "t.idle_grace_minutes, t.tax_rate_bp, p.timezone, "
    "(SELECT min(s.started_at) FROM sessions s WHERE s.tariff_id = t.id) "
    "FROM tariffs t LEFT JOIN properties p ON p.id = t.property_id ORDER BY t.id",
    error);
  int rc;

  if (rows == NULL)
    return FALSE;
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) document = build_v4_document (rows, error);
      g_autofree char *text = NULL;
      g_autoptr(OkcBackendStmt) update = NULL;

      if (document == NULL)
        return FALSE;
      text = okc_json_to_string (document);
      update = okc_backend_db_prepare (db, "UPDATE tariffs SET document = ? WHERE id = ?", error);
      if (update == NULL)
        return FALSE;
      okc_backend_stmt_bind_text (update, 1, text);
      okc_backend_stmt_bind_text (update, 2, okc_backend_stmt_get_text (rows, 0));
      if (!okc_backend_db_step_done (db, update, error))
        return FALSE;
    }
  return rc == SQLITE_DONE || okc_backend_db_set_error (db, error);
}

enum {
  V4_ID, V4_STARTED, V4_CHARGING_ENDED, V4_ENDED, V4_ENERGY, V4_CURRENCY, V4_CONNECTION,
  V4_ENERGY_FEE, V4_IDLE, V4_TAX, V4_TOTAL, V4_REASON, V4_RATE, V4_IDLE_RATE, V4_GRACE,
  V4_TAX_BP,
};

/* The billed breakdown of a v4 session row: its amounts as they were, line by line. */
static OkcCostBreakdown *
build_v4_billed (OkcBackendStmt  *row,
                 GError         **error)
{
  g_autoptr(OkcCostBreakdown) billed =
    okc_cost_breakdown_new (okc_backend_stmt_get_text (row, V4_CURRENCY));
  gint64 connection = sqlite3_column_int64 (row, V4_CONNECTION);
  gint64 energy_fee = sqlite3_column_int64 (row, V4_ENERGY_FEE);
  gint64 idle = sqlite3_column_int64 (row, V4_IDLE);
  gint64 tax = sqlite3_column_int64 (row, V4_TAX);
  gint64 idle_rate = sqlite3_column_int64 (row, V4_IDLE_RATE);
  gint64 grace = sqlite3_column_int64 (row, V4_GRACE);
  const char *id = okc_backend_stmt_get_text (row, V4_ID);
  OkcMoney total;

  if (connection < 0 || energy_fee < 0 || idle < 0 || tax < 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "sessions",
                          "session %s has a negative amount", id);
      return NULL;
    }
  if (connection > 0 &&
      !okc_cost_breakdown_add_line (billed, OKC_COST_LINE_KIND_CONNECTION_FEE, "Connection fee",
                                    OKC_COST_UNIT_SESSION, 1, connection, connection, error))
    return NULL;
  if ((energy_fee > 0 || sqlite3_column_int64 (row, V4_ENERGY) > 0) &&
      !okc_cost_breakdown_add_line (billed, OKC_COST_LINE_KIND_ENERGY, "Energy",
                                    OKC_COST_UNIT_WH, sqlite3_column_int64 (row, V4_ENERGY),
                                    sqlite3_column_int64 (row, V4_RATE), energy_fee, error))
    return NULL;
  if (idle > 0)
    {
      g_autofree char *description =
        g_strdup_printf ("Idle time after %" G_GINT64_FORMAT " minutes' grace", grace);
      gint64 seconds = idle_rate > 0 && idle % idle_rate == 0
                         ? idle / idle_rate * 60
                         : MAX (0, sqlite3_column_int64 (row, V4_ENDED) -
                                     sqlite3_column_int64 (row, V4_CHARGING_ENDED) - grace * 60);

      if (!okc_cost_breakdown_add_line (billed, OKC_COST_LINE_KIND_IDLE_FEE, description,
                                        OKC_COST_UNIT_SECOND, seconds, idle_rate, idle, error))
        return NULL;
    }
  if (tax > 0)
    {
      gint64 bp = sqlite3_column_int64 (row, V4_TAX_BP);
      g_autofree char *description =
        g_strdup_printf ("Sales tax %" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT " %%", bp / 100,
                         bp % 100);

      if (!okc_cost_breakdown_add_line (billed, OKC_COST_LINE_KIND_TAX, description,
                                        OKC_COST_UNIT_BASIS_POINT,
                                        connection + energy_fee + idle, bp, tax, error))
        return NULL;
    }
  okc_cost_breakdown_get_total (billed, &total);
  if (total.amount != sqlite3_column_int64 (row, V4_TOTAL))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "sessions",
                          "session %s: its total %" G_GINT64_FORMAT " is not the sum of its "
                          "fees and tax (%" G_GINT64_FORMAT ")",
                          id, (gint64) sqlite3_column_int64 (row, V4_TOTAL), total.amount);
      return NULL;
    }
  return g_steal_pointer (&billed);
}

/* Two or three readings, the register from 0: start, the end of charging, the end. */
static char *
build_v4_samples (OkcBackendStmt *row)
{
  gint64 started = sqlite3_column_int64 (row, V4_STARTED);
  gint64 charging_ended = sqlite3_column_int64 (row, V4_CHARGING_ENDED);
  gint64 ended = sqlite3_column_int64 (row, V4_ENDED);
  gint64 wh = sqlite3_column_int64 (row, V4_ENERGY);
  g_autoptr(OkcMeteredSession) meter =
    okc_metered_session_new (started, charging_ended, ended);

  okc_metered_session_add_sample (meter, started, 0);
  if (charging_ended > started && charging_ended < ended)
    okc_metered_session_add_sample (meter, charging_ended, wh);
  okc_metered_session_add_sample (meter, MAX (ended, started), wh);
  return okc_backend_schema_format_samples (meter);
}

static gboolean
upgrade_sessions (OkcBackendDb  *db,
                  GError       **error)
{
  g_autoptr(OkcBackendStmt) rows = okc_backend_db_prepare (
    db,
    "SELECT s.id, s.started_at, coalesce (s.charging_ended_at, 0), s.ended_at, s.energy_wh, "
    "s.currency, s.connection_fee, s.energy_fee, s.idle_fee, s.tax, s.total, s.stop_reason, "
    "t.energy_rate_per_kwh, t.idle_fee_per_minute, t.idle_grace_minutes, t.tax_rate_bp "
    "FROM sessions s JOIN tariffs t ON t.id = s.tariff_id ORDER BY s.id",
    error);
  int rc;

  if (rows == NULL)
    return FALSE;
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      const char *id = okc_backend_stmt_get_text (rows, V4_ID);
      g_autoptr(OkcCostBreakdown) billed = build_v4_billed (rows, error);
      g_autoptr(JsonNode) billed_json = NULL;
      g_autofree char *billed_text = NULL;
      g_autofree char *samples = NULL;
      g_autoptr(OkcBackendStmt) update = NULL;
      g_autoptr(OkcBackendStmt) meter = NULL;
      const char *outcome, *stop_reason;

      if (billed == NULL)
        return FALSE;
      if (!okc_backend_schema_map_v4_reason (okc_backend_stmt_get_text (rows, V4_REASON),
                                             &outcome, &stop_reason))
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "stop_reason",
                              "session %s has an unknown stop reason “%s”", id,
                              okc_backend_stmt_get_text (rows, V4_REASON));
          return FALSE;
        }
      billed_json = okc_cost_breakdown_to_json (billed);
      billed_text = okc_json_to_string (billed_json);
      samples = build_v4_samples (rows);

      update = okc_backend_db_prepare (
        db, "UPDATE sessions SET billed = ?, outcome = ?, stop_reason = ? WHERE id = ?", error);
      if (update == NULL)
        return FALSE;
      okc_backend_stmt_bind_text (update, 1, billed_text);
      okc_backend_stmt_bind_text (update, 2, outcome);
      okc_backend_stmt_bind_text (update, 3, stop_reason);
      okc_backend_stmt_bind_text (update, 4, id);
      if (!okc_backend_db_step_done (db, update, error))
        return FALSE;
      meter = okc_backend_db_prepare (
        db, "INSERT INTO session_meter (session_id, samples) VALUES (?, ?)", error);
      if (meter == NULL)
        return FALSE;
      okc_backend_stmt_bind_text (meter, 1, id);
      okc_backend_stmt_bind_text (meter, 2, samples);
      if (!okc_backend_db_step_done (db, meter, error))
        return FALSE;
    }
  return rc == SQLITE_DONE || okc_backend_db_set_error (db, error);
}

/**
 * okc_backend_schema_upgrade_v5:
 *
 * Runs after schema_v5, in its transaction: gives the tariffs of a v4 database their
 * document and its sessions their billed breakdown, outcome, OCPP stop reason and
 * samples (docs/dataset-format.md, "From schema v4"), then drops the v4 columns.
 */
gboolean
okc_backend_schema_upgrade_v5 (OkcBackendDb  *db,
                               GError       **error)
{
  return upgrade_tariffs (db, error) && upgrade_sessions (db, error) &&
         okc_backend_db_exec (db, schema_v5_drop, error);
}
