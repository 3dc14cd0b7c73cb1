/* test-backend-event-log.c — the event log's bounds: newest N, none older than a week
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-backend-events.h"
#include "okc-backend-test-run.h"

#define T0 1795000000

static OkcBackendDb *
open_db (char **out_dir)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  OkcBackendDb *db;

  *out_dir = okc_test_make_dir ();
  path = g_build_filename (*out_dir, "backend.sqlite", NULL);
  db = okc_backend_db_open (path, &error);
  g_assert_no_error (error);
  return db;
}

static void
record (OkcBackendDb *db,
        gint64        now)
{
  g_autoptr(JsonNode) data = json_from_string ("{\"id\": \"TCK-000001\"}", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (okc_backend_events_record (db, "ticket.updated", "TCK-000001", data, now,
                                            &error));
  g_assert_no_error (error);
}

static gint64
min_id (OkcBackendDb *db)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, "SELECT MIN (id) FROM events",
                                                           NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_history_bound (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(OkcBackendDb) db = open_db (&dir);

  okc_backend_events_set_history (db, 3);
  for (guint i = 0; i < 10; i++)
    record (db, T0 + i);
  g_assert_cmpint (okc_backend_db_count (db, "events"), ==, 3);
  g_assert_cmpint (min_id (db), ==, 8);

  g_clear_object (&db);
  okc_test_remove_dir (dir);
}

static void
test_age_bound (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(OkcBackendDb) db = open_db (&dir);

  record (db, T0);
  record (db, T0 + 60);
  record (db, T0 + OKC_BACKEND_EVENTS_MAX_AGE + 30);
  /* The first is over a week older than the newest; the second just within. */
  g_assert_cmpint (okc_backend_db_count (db, "events"), ==, 2);
  g_assert_cmpint (min_id (db), ==, 2);

  g_clear_object (&db);
  okc_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Backend/event-log/history-bound", test_history_bound);
  g_test_add_func ("/Okc/Backend/event-log/age-bound", test_age_bound);

  return g_test_run ();
}
