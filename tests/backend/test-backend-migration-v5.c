/* test-backend-migration-v5.c — a v4 database opened by this backend: tariff documents,
 * billed breakdowns, outcomes, OCPP stop reasons and samples from the v4 columns
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-backend-db.h"
#include "okc-backend-schema.h"
#include "okc-backend-test-run.h"
#include "okc-backend-test-schema.h"
#include "okc-core.h"

#define NOW "2026-11-24T12:00:00Z"

static char *dir;

/* A demo database turned back into schema v4. */
static char *
make_v4 (const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *export_path = g_strconcat (path, ".json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--database", path, "--demo", "--seed", "5", "--tickets", "40",
                         "--now", NOW, "--export", export_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendDb) db = NULL;

  if (okc_test_run_backend (args, &out, &err) != 0)
    g_error ("ok2charge-backend failed: %s", err);
  db = okc_backend_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (okc_backend_db_exec (db, OKC_TEST_DOWNGRADE_V7 OKC_TEST_DOWNGRADE_V6 OKC_TEST_DOWNGRADE_V5 "PRAGMA user_version = 4;",
                                      &error));
  g_assert_no_error (error);
  return path;
}

static OkcBackendStmt *
query (OkcBackendDb *db,
       const char   *sql)
{
  g_autoptr(GError) error = NULL;
  OkcBackendStmt *stmt = okc_backend_db_prepare (db, sql, &error);

  g_assert_no_error (error);
  return stmt;
}

static gint64
count (OkcBackendDb *db,
       const char   *sql)
{
  g_autoptr(OkcBackendStmt) stmt = query (db, sql);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
exec_v4 (const char *path,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *handle = NULL;
  char *message = NULL;

  /* Not through okc_backend_db_open, which would migrate it. */
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (handle);
}

/* A hand-made v4 session, to the cent: a connection fee, 12,345 Wh at the tariff's rate,
 * 7 idle minutes and the tax; stopped by a fault. */
#define HAND_MADE \
  "INSERT INTO properties (id, name, kind, address, city, state, postal_code, timezone, " \
  "  host_account_id, pms, pms_connected) SELECT 'PRP-HAND', 'Hand Made Place', 'rental', " \
  "  '1 Test St', 'Denver', 'CO', '80202', 'America/Denver', host_account_id, 'none', 0 " \
  "  FROM properties LIMIT 1;" \
  "INSERT INTO tariffs (id, property_id, currency, connection_fee, energy_rate_per_kwh, " \
  "  idle_fee_per_minute, idle_grace_minutes, tax_rate_bp) " \
  "  VALUES ('TRF-HAND', 'PRP-HAND', 'USD', 150, 40, 25, 10, 825);" \
  "INSERT INTO sessions (id, charger_id, account_id, tariff_id, started_at, " \
  "  charging_ended_at, ended_at, energy_wh, currency, connection_fee, energy_fee, idle_fee, " \
  "  tax, total, stop_reason) SELECT 'SES-9000001', id, " \
  "  (SELECT id FROM accounts WHERE kind = 'guest' LIMIT 1), 'TRF-HAND', " \
  "  1700000000, 1700003600, 1700004620, 12345, 'USD', 150, 494, 175, 68, 887, " \
  "  'charger_fault' FROM chargers LIMIT 1;" \
  "INSERT INTO sessions (id, charger_id, account_id, tariff_id, started_at, " \
  "  charging_ended_at, ended_at, energy_wh, currency, connection_fee, energy_fee, idle_fee, " \
  "  tax, total, stop_reason) SELECT 'SES-9000002', id, " \
  "  (SELECT id FROM accounts WHERE kind = 'guest' LIMIT 1), 'TRF-HAND', " \
  "  1699990000, NULL, 1699990090, 0, 'USD', 150, 0, 0, 12, 162, " \
  "  'failed_to_start' FROM chargers LIMIT 1;"

static void
test_hand_made (void)
{
  g_autofree char *path = make_v4 ("hand.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendDb) db = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(OkcTariff) tariff = NULL;
  g_autoptr(OkcCostBreakdown) billed = NULL;
  g_autoptr(OkcMeteredSession) meter = NULL;
  const OkcTariffVersion *version;
  const OkcCostLine *line;
  OkcMoney total;
  guint n;
  const OkcMeterSample *samples;
  char date[11];

  exec_v4 (path, HAND_MADE);
  db = okc_backend_db_open (path, &error);
  g_assert_no_error (error);

  /* The tariff: one version from the local date of its earliest session (2023-11-14
   * 14:54 in Denver), the v4 prices, the property's time zone. */
  stmt = query (db, "SELECT document, currency FROM tariffs WHERE id = 'TRF-HAND'");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (json_parser_load_from_data (parser, okc_backend_stmt_get_text (stmt, 0), -1,
                                             &error));
  tariff = okc_tariff_new_from_json (json_parser_get_root (parser), "document", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_tariff_get_id (tariff), ==, "TRF-HAND");
  g_assert_cmpstr (okc_tariff_get_time_zone_id (tariff), ==, "America/Denver");
  g_assert_cmpuint (okc_tariff_get_n_versions (tariff), ==, 1);
  version = okc_tariff_get_version (tariff, 0);
  g_date_strftime (date, sizeof date, "%Y-%m-%d", &version->effective_date);
  g_assert_cmpstr (date, ==, "2023-11-14");
  g_assert_cmpint (version->connection_fee, ==, 150);
  g_assert_cmpuint (version->n_energy, ==, 1);
  g_assert_cmpint (version->energy[0].rate_per_kwh, ==, 40);
  g_assert_cmpint (version->idle.rate_per_minute, ==, 25);
  g_assert_cmpint (version->idle.grace_minutes, ==, 10);
  g_assert_cmpuint (version->n_taxes, ==, 1);
  g_assert_cmpstr (version->taxes[0].name, ==, "Sales tax");
  g_assert_cmpint (version->taxes[0].rate_bp, ==, 825);
  g_clear_pointer (&stmt, okc_backend_stmt_release);

  /* The session keeps its total, its amounts become lines; a fault is PowerLoss. */
  stmt = query (db, "SELECT s.billed, s.total, s.outcome, s.stop_reason, s.connector_id, "
                    "m.samples, s.started_at, s.charging_ended_at, s.ended_at "
                    "FROM sessions s JOIN session_meter m ON m.session_id = s.id "
                    "WHERE s.id = 'SES-9000001'");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (json_parser_load_from_data (parser, okc_backend_stmt_get_text (stmt, 0), -1,
                                             &error));
  billed = okc_cost_breakdown_new_from_json (json_parser_get_root (parser), "billed", &error);
  g_assert_no_error (error);
  okc_cost_breakdown_get_total (billed, &total);
  g_assert_cmpint (total.amount, ==, 887);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 887);
  g_assert_cmpstr (okc_backend_stmt_get_text (stmt, 2), ==, "interrupted");
  g_assert_cmpstr (okc_backend_stmt_get_text (stmt, 3), ==, "PowerLoss");
  g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, 1);
  g_assert_cmpuint (okc_cost_breakdown_get_n_lines (billed), ==, 4);
  line = okc_cost_breakdown_get_line (billed, 0);
  g_assert_cmpint (line->kind, ==, OKC_COST_LINE_KIND_CONNECTION_FEE);
  g_assert_cmpint (line->amount, ==, 150);
  line = okc_cost_breakdown_get_line (billed, 1);
  g_assert_cmpint (line->kind, ==, OKC_COST_LINE_KIND_ENERGY);
  g_assert_cmpint (line->quantity, ==, 12345);
  g_assert_cmpint (line->unit_price, ==, 40);
  g_assert_cmpint (line->amount, ==, 494);
  line = okc_cost_breakdown_get_line (billed, 2);
  g_assert_cmpint (line->kind, ==, OKC_COST_LINE_KIND_IDLE_FEE);
  g_assert_cmpint (line->quantity, ==, 7 * 60);
  g_assert_cmpint (line->unit_price, ==, 25);
  g_assert_cmpint (line->amount, ==, 175);
  line = okc_cost_breakdown_get_line (billed, 3);
  g_assert_cmpint (line->kind, ==, OKC_COST_LINE_KIND_TAX);
  g_assert_cmpint (line->quantity, ==, 150 + 494 + 175);
  g_assert_cmpint (line->unit_price, ==, 825);
  g_assert_cmpint (line->amount, ==, 68);

  /* Three readings from 0: the start, the end of charging, the end. */
  meter = okc_backend_schema_parse_samples (okc_backend_stmt_get_text (stmt, 5),
                                            sqlite3_column_int64 (stmt, 6),
                                            sqlite3_column_int64 (stmt, 7),
                                            sqlite3_column_int64 (stmt, 8), &error);
  g_assert_no_error (error);
  samples = okc_metered_session_get_samples (meter, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (samples[0].at, ==, 1700000000);
  g_assert_cmpint (samples[0].wh, ==, 0);
  g_assert_cmpint (samples[1].at, ==, 1700003600);
  g_assert_cmpint (samples[1].wh, ==, 12345);
  g_assert_cmpint (samples[2].at, ==, 1700004620);
  g_assert_cmpint (samples[2].wh, ==, 12345);
  g_clear_pointer (&stmt, okc_backend_stmt_release);

  /* A failed attempt: its fee and tax, two readings, failed_to_start/Other. */
  stmt = query (db, "SELECT outcome, stop_reason, m.samples, json_array_length (billed, '$.lines') "
                    "FROM sessions s JOIN session_meter m ON m.session_id = s.id "
                    "WHERE s.id = 'SES-9000002'");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr (okc_backend_stmt_get_text (stmt, 0), ==, "failed_to_start");
  g_assert_cmpstr (okc_backend_stmt_get_text (stmt, 1), ==, "Other");
  g_assert_cmpstr (okc_backend_stmt_get_text (stmt, 2), ==, "[[1699990000,0],[1699990090,0]]");
  g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, 2);
}

/* Every tariff and session of a generated data set comes through: a document the decoder
 * takes, a breakdown whose total is the session's, samples whose difference is its energy,
 * the v4 columns gone, and the export a valid v5 data set. */
static void
test_whole_data_set (void)
{
  g_autofree char *path = make_v4 ("whole.sqlite");
  g_autofree char *export_path = g_build_filename (dir, "whole-v5.json", NULL);
  g_autofree char *reimported = g_build_filename (dir, "reimported.sqlite", NULL);
  g_autofree char *again_path = g_build_filename (dir, "reimported.json", NULL);
  g_autofree char *first = NULL, *again = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *export_args[] = { "--database", path, "--export", export_path, NULL };
  /* --export makes the command import, write and exit rather than serve. */
  const char *import_args[] = { "--database", reimported, "--import", export_path,
                                "--export", again_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendDb) db = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  gint64 n_sessions;
  int rc;

  db = okc_backend_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (db, "PRAGMA user_version"), >=, 6);
  g_assert_cmpint (count (db, "SELECT count(*) FROM pragma_table_info ('tariffs') WHERE name IN "
                              "('connection_fee', 'energy_rate_per_kwh', 'idle_fee_per_minute', "
                              "'idle_grace_minutes', 'tax_rate_bp')"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM pragma_table_info ('sessions') WHERE name IN "
                              "('connection_fee', 'energy_fee', 'idle_fee', 'tax')"), ==, 0);
  n_sessions = count (db, "SELECT count(*) FROM sessions");
  g_assert_cmpint (n_sessions, >, 100);
  g_assert_cmpint (count (db, "SELECT count(*) FROM session_meter"), ==, n_sessions);
  g_assert_cmpint (count (db, "SELECT count(*) FROM sessions WHERE "
                              "json_extract (billed, '$.total.amount') IS NOT total"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM sessions WHERE outcome NOT IN "
                              "('completed', 'interrupted', 'failed_to_start')"), ==, 0);

  stmt = query (db, "SELECT t.document, s.samples, x.started_at, "
                    "coalesce (x.charging_ended_at, 0), x.ended_at, x.energy_wh "
                    "FROM sessions x JOIN session_meter s ON s.session_id = x.id "
                    "JOIN tariffs t ON t.id = x.tariff_id");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(OkcTariff) tariff = NULL;
      g_autoptr(OkcMeteredSession) meter = NULL;

      g_assert_true (json_parser_load_from_data (parser, okc_backend_stmt_get_text (stmt, 0), -1,
                                                 &error));
      tariff = okc_tariff_new_from_json (json_parser_get_root (parser), "document", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (okc_tariff_get_n_versions (tariff), ==, 1);
      /* In force for the session. */
      g_assert_cmpint (okc_tariff_find_version (tariff, sqlite3_column_int64 (stmt, 2)), ==, 0);
      meter = okc_backend_schema_parse_samples (okc_backend_stmt_get_text (stmt, 1),
                                                sqlite3_column_int64 (stmt, 2),
                                                sqlite3_column_int64 (stmt, 3),
                                                sqlite3_column_int64 (stmt, 4), &error);
      g_assert_no_error (error);
      g_assert_cmpint (okc_metered_session_get_energy_wh (meter), ==,
                       sqlite3_column_int64 (stmt, 5));
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  g_clear_pointer (&stmt, okc_backend_stmt_release);
  g_clear_object (&db);

  g_assert_cmpint (okc_test_run_backend (export_args, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (okc_test_run_backend (import_args, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (export_path, &first, NULL, NULL));
  g_assert_true (g_file_get_contents (again_path, &again, NULL, NULL));
  g_assert_true (g_str_equal (first, again));
}

/* A v4 session the migration cannot read stops it with an error naming what, and the
 * database stays as it was: v4. */
static void
test_refused (void)
{
  g_autofree char *path = make_v4 ("refused.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendDb) db = NULL;
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;

  exec_v4 (path, "UPDATE sessions SET stop_reason = 'gremlins' WHERE rowid = 3;");
  db = okc_backend_db_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "gremlins"));
  g_clear_error (&error);

  exec_v4 (path, "UPDATE sessions SET stop_reason = 'completed' WHERE rowid = 3;"
                 "UPDATE sessions SET total = total + 1 WHERE rowid = 4;");
  db = okc_backend_db_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is not the sum"));

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 4);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Okc/Backend/migration-v5/hand-made", test_hand_made);
  g_test_add_func ("/Okc/Backend/migration-v5/whole-data-set", test_whole_data_set);
  g_test_add_func ("/Okc/Backend/migration-v5/refused", test_refused);

  dir = okc_test_make_dir ();
  status = g_test_run ();
  okc_test_remove_dir (dir);
  g_free (dir);
  return status;
}
