/* test-backend-migration-v6.c — a v5 database opened by this backend: `restricted`
 * chargers become `residents_guests`, the plain access rows grants without dates, and
 * the verdicts stay what they were
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-backend-access.h"
#include "okc-backend-chargers.h"
#include "okc-backend-db.h"
#include "okc-backend-test-run.h"
#include "okc-backend-test-schema.h"
#include "okc-core.h"

#define NOW "2026-11-24T12:00:00Z"

static char *dir;

/* OKC_TEST_DOWNGRADE_V6 leaves the refunds' v6 columns to OKC_TEST_DOWNGRADE_V5, which
 * drops the table; a v5 database needs it back as v5 made it (the demo has no refunds). */
#define REFUNDS_V5 \
  "DROP TABLE refunds;" \
  "CREATE TABLE refunds (" \
  "  seq INTEGER PRIMARY KEY," \
  "  session_id TEXT NOT NULL REFERENCES sessions (id)," \
  "  ticket_id TEXT," \
  "  amount INTEGER NOT NULL CHECK (amount > 0)," \
  "  currency TEXT NOT NULL," \
  "  reason TEXT NOT NULL," \
  "  note TEXT NOT NULL DEFAULT ''," \
  "  finding_kind TEXT," \
  "  status TEXT NOT NULL," \
  "  requested_by TEXT NOT NULL REFERENCES users (id)," \
  "  requested_at INTEGER NOT NULL," \
  "  updated_at INTEGER NOT NULL);" \
  "CREATE INDEX refunds_by_session ON refunds (session_id, seq);"

static gint64
count (const char *path,
       const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  /* Not through okc_backend_db_open, which would migrate it. */
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return n;
}

static gint64
count_db (OkcBackendDb *db,
          const char   *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_access (void)
{
  g_autofree char *path = g_build_filename (dir, "v5.sqlite", NULL);
  g_autofree char *export_path = g_strconcat (path, ".json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--database", path, "--demo", "--seed", "5", "--tickets", "40",
                         "--now", NOW, "--export", export_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendDb) db = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  gint64 restricted, rows, listed_now = 0;

  if (okc_test_run_backend (args, &out, &err) != 0)
    g_error ("ok2charge-backend failed: %s", err);
  db = okc_backend_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (okc_backend_db_exec (db, OKC_TEST_DOWNGRADE_V7 OKC_TEST_DOWNGRADE_V6 REFUNDS_V5
                                      "PRAGMA user_version = 5;", &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  restricted = count (path, "SELECT count (*) FROM chargers WHERE access = 'restricted'");
  rows = count (path, "SELECT count (*) FROM charger_access");
  g_assert_cmpint (restricted, >, 0);
  g_assert_cmpint (rows, >, 0);
  g_assert_cmpint (count (path, "SELECT count (*) FROM chargers WHERE access NOT IN "
                                "('public', 'restricted')"), ==, 0);

  db = okc_backend_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_db (db, "PRAGMA user_version"), >=, 6);
  g_assert_cmpint (count_db (db, "SELECT count (*) FROM chargers WHERE access = 'restricted'"),
                   ==, 0);
  g_assert_cmpint (count_db (db, "SELECT count (*) FROM chargers WHERE access = "
                                 "'residents_guests'"), ==, restricted);
  g_assert_cmpint (count_db (db, "SELECT count (*) FROM charger_access WHERE valid_from IS NULL "
                                 "AND valid_to IS NULL AND booking_id IS NULL "
                                 "AND granted_by IS NULL AND ticket_id IS NULL"), ==, rows);
  g_assert_cmpint (count_db (db, "SELECT count (*) FROM bookings"), ==, 0);

  /* Every listed account may still charge, whenever it asks. */
  stmt = okc_backend_db_prepare (db, "SELECT charger_id, account_id FROM charger_access", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(OkcCharger) charger =
        okc_backend_chargers_load (db, okc_backend_stmt_get_text (stmt, 0), &error);
      g_auto(OkcBackendAccount) account = { 0 };
      g_autoptr(OkcChargerAccess) verdict = NULL;

      g_assert_no_error (error);
      g_assert_true (okc_backend_access_find_account (db, okc_charger_get_id (charger),
                                                      okc_backend_stmt_get_text (stmt, 1),
                                                      &account, &error));
      verdict = okc_backend_access_judge (db, charger, &account, G_MAXINT32, &error);
      g_assert_no_error (error);
      if (okc_charger_get_access (charger) != OKC_CHARGER_POLICY_PUBLIC)
        {
          g_assert_cmpint (okc_charger_access_get_reason (verdict), ==, OKC_ACCESS_REASON_LISTED);
          listed_now++;
        }
    }
  g_assert_cmpint (listed_now, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Okc/Backend/migration-v6/access", test_access);

  dir = okc_test_make_dir ();
  status = g_test_run ();
  okc_test_remove_dir (dir);
  g_free (dir);
  return status;
}
