/* okc-backend-dataset-tables.c — the fleet tables of a dataset, column by column
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-dataset-tables.h"

#define COLUMNS(array) array, G_N_ELEMENTS (array)
#define ID { "id", OKC_DATASET_ID, FALSE, NULL, NULL, 0, 0 }
#define TEXT(name) { name, OKC_DATASET_TEXT, FALSE, NULL, NULL, 0, 0 }
#define CHOICE(name, choices) { name, OKC_DATASET_CHOICE, FALSE, choices, NULL, 0, 0 }
#define TIME(name, nullable) { name, OKC_DATASET_TIME, nullable, NULL, NULL, 0, 0 }
#define MONEY(name) { name, OKC_DATASET_MONEY, FALSE, NULL, NULL, 0, 0 }
#define REFERENCE(name, table, nullable) { name, OKC_DATASET_REFERENCE, nullable, NULL, table, 0, 0 }
#define INTEGER(name, min, max) { name, OKC_DATASET_INTEGER, FALSE, NULL, NULL, min, max }

static const char * const roles[] = { "agent", "supervisor", "chatbot", NULL };
static const char * const account_kinds[] = { "guest", "host", NULL };
static const char * const subscriptions[] = { "none", "monthly", "annual", NULL };
static const char * const property_kinds[] = { "rental", "residence", NULL };
static const char * const pms_names[] = { "none", "guesty", "hospitable", "track", "other", NULL };
static const char * const charger_statuses[] = { "online", "offline", "faulted", NULL };
/* "restricted" is the spelling of schema v5's data sets: read as "residents_guests", as
 * the schema's migration turns it (okc_backend_dataset_import()). */
static const char * const charger_access[] = {
  "public", "residents_guests", "access_list", "restricted", NULL
};
static const char * const outcomes[] = { "completed", "interrupted", "failed_to_start", NULL };
/* OCPP 1.6 StopTransaction.req Reason. */
static const char * const stop_reasons[] = {
  "EVDisconnected", "Local", "Remote", "PowerLoss", "EmergencyStop", "HardReset", "SoftReset",
  "Reboot", "UnlockCommand", "DeAuthorized", "EnergyLimitReached", "Other", NULL
};
static const char * const payout_statuses[] = { "paid", "failed", "pending", "scheduled", "in_transit",
                                                 "carried_over", NULL };

static const OkcDatasetColumn users[] = {
  ID,
  TEXT ("name"),
  { "email", OKC_DATASET_EMAIL, FALSE, NULL, NULL, 0, 0 },
  CHOICE ("role", roles),
  { "password_hash", OKC_DATASET_PASSWORD_HASH, FALSE, NULL, NULL, 0, 0 },
};

static const OkcDatasetColumn accounts[] = {
  ID,
  CHOICE ("kind", account_kinds),
  TEXT ("name"),
  { "email", OKC_DATASET_ACCOUNT_EMAIL, FALSE, NULL, NULL, 0, 0 },
  { "phone", OKC_DATASET_PHONE, TRUE, NULL, NULL, 0, 0 },
  { "card_last4", OKC_DATASET_CARD_LAST4, TRUE, NULL, NULL, 0, 0 },
  CHOICE ("subscription", subscriptions),
  TIME ("created_at", FALSE),
  /* Since schema v7: a deleted account, its personal data erased (docs/accounts.md). */
  TIME ("deleted_at", TRUE),
};

static const OkcDatasetColumn properties[] = {
  ID,
  TEXT ("name"),
  CHOICE ("kind", property_kinds),
  TEXT ("address"),
  TEXT ("city"),
  TEXT ("state"),
  TEXT ("postal_code"),
  { "timezone", OKC_DATASET_TIMEZONE, FALSE, NULL, NULL, 0, 0 },
  REFERENCE ("host_account_id", "accounts", FALSE),
  CHOICE ("pms", pms_names),
  { "pms_connected", OKC_DATASET_BOOLEAN, FALSE, NULL, NULL, 0, 0 },
};

static const OkcDatasetColumn units[] = {
  ID,
  REFERENCE ("property_id", "properties", FALSE),
  TEXT ("name"),
};

static const OkcDatasetColumn chargers[] = {
  ID,
  TEXT ("serial"),
  TEXT ("model"),
  TEXT ("firmware"),
  CHOICE ("status", charger_statuses),
  TIME ("last_heartbeat_at", TRUE),
  REFERENCE ("property_id", "properties", TRUE),
  REFERENCE ("unit_id", "units", TRUE),
  CHOICE ("access", charger_access),
  TIME ("installed_at", FALSE),
};

static const OkcDatasetColumn access[] = {
  REFERENCE ("charger_id", "chargers", FALSE),
  REFERENCE ("account_id", "accounts", FALSE),
};

static const OkcDatasetColumn tariffs[] = {
  ID,
  REFERENCE ("property_id", "properties", FALSE),
  { "document", OKC_DATASET_TARIFF, FALSE, NULL, NULL, 0, 0 },
};

/* The breakdown and samples come after what they are checked against: the total, the
 * times and the energy. */
static const OkcDatasetColumn sessions[] = {
  ID,
  REFERENCE ("charger_id", "chargers", FALSE),
  INTEGER ("connector_id", 1, 2),
  REFERENCE ("account_id", "accounts", FALSE),
  REFERENCE ("tariff_id", "tariffs", FALSE),
  TIME ("started_at", FALSE),
  TIME ("charging_ended_at", TRUE),
  TIME ("ended_at", FALSE),
  INTEGER ("energy_wh", 0, G_GINT64_CONSTANT (1000000000)),
  MONEY ("total"),
  CHOICE ("outcome", outcomes),
  CHOICE ("stop_reason", stop_reasons),
  { "billed", OKC_DATASET_BREAKDOWN, FALSE, NULL, NULL, 0, 0 },
  { "samples", OKC_DATASET_SAMPLES, FALSE, NULL, NULL, 0, 0 },
};

static const OkcDatasetColumn payouts[] = {
  ID,
  REFERENCE ("host_account_id", "accounts", FALSE),
  REFERENCE ("property_id", "properties", FALSE),
  { "period_from", OKC_DATASET_DATE, FALSE, NULL, NULL, 0, 0 },
  { "period_to", OKC_DATASET_DATE, FALSE, NULL, NULL, 0, 0 },
  MONEY ("session_revenue"),
  MONEY ("fees"),
  MONEY ("amount"),
  CHOICE ("status", payout_statuses),
  TIME ("paid_at", TRUE),
};

/* Parents before children: the order of import and of the exported document. */
static const OkcDatasetTable tables[] = {
  { "users", COLUMNS (users), FALSE, "id" },
  { "accounts", COLUMNS (accounts), FALSE, "id" },
  { "properties", COLUMNS (properties), FALSE, "id" },
  { "units", COLUMNS (units), FALSE, "id" },
  { "chargers", COLUMNS (chargers), FALSE, "id" },
  { "charger_access", COLUMNS (access), FALSE, "charger_id, account_id" },
  { "tariffs", COLUMNS (tariffs), TRUE, "id" },
  { "sessions", COLUMNS (sessions), TRUE, "id" },
  { "payouts", COLUMNS (payouts), TRUE, "id" },
};

/**
 * okc_dataset_tables_get:
 *
 * Returns: (array length=n_tables): the tables a dataset holds besides blobs and
 *   tickets (whose shapes are their own), in import order.
 */
const OkcDatasetTable *
okc_dataset_tables_get (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (tables);
  return tables;
}
