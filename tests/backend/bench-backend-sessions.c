/* bench-backend-sessions.c — how long a page of the session log takes over 300,000 sessions
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures, asserts none (suite "bench"). The demo generator writes its world and
 * sessions; the log is then grown by direct SQL inserts, copies of the demo's sessions a
 * week earlier each round under new ids, to OKC_BENCH_SESSIONS rows (300,000 by default).
 * Each query of GET /v1/sessions runs through the same code as the route, three times;
 * the best and the worst are printed.
 */

#include <stdio.h>

#include "okc-backend-sessions.h"
#include "okc-backend-test-run.h"
#include "okc-demo-generator.h"

/* The demo's present: 2026-11-24T12:00:00Z. */
#define DEMO_NOW 1795521600

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gint64
count_sessions (OkcBackendDb *db)
{
  return okc_backend_db_count (db, "sessions");
}

/* Copies every demo session @round weeks earlier until there are @wanted. */
static void
grow (OkcBackendDb *db,
      gint64        wanted)
{
  g_autoptr(GError) error = NULL;
  gint64 seed = count_sessions (db);

  g_assert_cmpint (seed, >, 0);
  g_assert_true (okc_backend_db_begin (db, &error));
  g_assert_true (okc_backend_db_exec (db, "CREATE TEMP TABLE seed AS SELECT * FROM sessions",
                                      &error));
  for (guint round = 1; count_sessions (db) < wanted; round++)
    {
      g_autofree char *sql = g_strdup_printf (
        "CREATE TEMP TABLE copy AS SELECT * FROM seed;"
        "UPDATE copy SET id = 'SES-B%03u-' || substr (id, 5), "
        "started_at = started_at - %u * 604800, ended_at = ended_at - %u * 604800, "
        "charging_ended_at = charging_ended_at - %u * 604800;"
        "INSERT INTO sessions SELECT * FROM copy LIMIT %" G_GINT64_FORMAT ";"
        "DROP TABLE copy;",
        round, round, round, round, wanted - count_sessions (db));

      g_assert_true (okc_backend_db_exec (db, sql, &error));
    }
  g_assert_true (okc_backend_db_exec (db, "DROP TABLE seed", &error));
  g_assert_true (okc_backend_db_commit (db, &error));
  g_assert_true (okc_backend_db_exec (db, "ANALYZE", &error));
  g_assert_no_error (error);
}

static char *
first_value (OkcBackendDb *db,
             const char   *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup (okc_backend_stmt_get_text (stmt, 0));
}

static GHashTable *
params (const char *query)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = g_strsplit (query, "&", -1);

  for (guint i = 0; pairs[i] != NULL && *pairs[i] != '\0'; i++)
    {
      g_auto(GStrv) pair = g_strsplit (pairs[i], "=", 2);
      g_hash_table_insert (table, g_strdup (pair[0]), g_strdup (pair[1]));
    }
  return table;
}

static void
run (OkcBackendDb *db,
     const char   *label,
     const char   *query)
{
  g_autoptr(GHashTable) table = params (query);
  double best = G_MAXDOUBLE, worst = 0;
  gint64 total = 0;
  guint n_items = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcBackendSessionQuery) parsed =
        okc_backend_session_query_new_from_params (table, &error);
      g_autoptr(JsonNode) page = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      g_assert_no_error (error);
      page = okc_backend_session_query_run (parsed, db, &error);
      ms = ms_since (start);
      g_assert_no_error (error);
      best = MIN (best, ms);
      worst = MAX (worst, ms);
      total = json_object_get_int_member (json_node_get_object (page), "total");
      n_items = json_array_get_length (json_object_get_array_member (json_node_get_object (page),
                                                                     "items"));
    }
  printf ("%-34s %8.1f ms best %8.1f ms worst  %3u items of %" G_GINT64_FORMAT "\n", label,
          best, worst, n_items, total);
}

/* @label's query: @name, @value and the rest of it. */
static void
run_with (OkcBackendDb *db,
          const char   *label,
          const char   *name,
          const char   *value,
          const char   *rest)
{
  g_autofree char *query = g_strconcat (name, value, rest, NULL);

  run (db, label, query);
}

int
main (int   argc,
      char *argv[])
{
  const char *count = g_getenv ("OKC_BENCH_SESSIONS");
  gint64 wanted = count != NULL ? g_ascii_strtoll (count, NULL, 10) : 300000;
  g_autofree char *dir = okc_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "bench.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendDb) db = okc_backend_db_open (path, &error);
  g_autoptr(OkcDemoGenerator) generator = okc_demo_generator_new (1, 10, DEMO_NOW);
  g_autofree char *property = NULL, *charger = NULL, *account = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_assert_true (okc_demo_generator_run (generator, db, &error));
  g_assert_no_error (error);
  printf ("demo data: %" G_GINT64_FORMAT " sessions in %.0f ms\n", count_sessions (db),
          ms_since (start));
  start = g_get_monotonic_time ();
  grow (db, wanted);
  printf ("grown by SQL inserts to %" G_GINT64_FORMAT " sessions in %.0f ms\n",
          count_sessions (db), ms_since (start));

  property = first_value (db, "SELECT c.property_id FROM sessions s JOIN chargers c "
                              "ON c.id = s.charger_id WHERE c.property_id IS NOT NULL "
                              "GROUP BY c.property_id ORDER BY count(*) DESC LIMIT 1");
  charger = first_value (db, "SELECT charger_id FROM sessions GROUP BY charger_id "
                             "ORDER BY count(*) DESC LIMIT 1");
  account = first_value (db, "SELECT account_id FROM sessions GROUP BY account_id "
                             "ORDER BY count(*) DESC LIMIT 1");

  run (db, "first page", "");
  run (db, "first page, limit 500", "limit=500");
  run (db, "deep offset 250,000", "offset=250000");
  run (db, "oldest first, offset 250,000", "sort=started_at&offset=250000");
  run (db, "sort billed_total", "sort=billed_total");
  run (db, "sort -billed_total, offset 250,000", "sort=-billed_total&offset=250000");
  run (db, "sort account_name", "sort=account_name");
  run (db, "sort duration", "sort=-duration");
  run_with (db, "by property", "property_id=", property, "");
  run_with (db, "by property, sort -billed_total", "property_id=", property,
            "&sort=-billed_total");
  run_with (db, "by property, offset 2,000", "property_id=", property, "&offset=2000");
  run_with (db, "by charger", "charger_id=", charger, "");
  run_with (db, "by account", "account=", account, "");
  run (db, "last week", "from=2026-11-17T12:00:00Z&to=2026-11-24T12:00:00Z");
  run (db, "last week, sort billed_total", "from=2026-11-17T12:00:00Z&to=2026-11-24T12:00:00Z"
                                           "&sort=billed_total");

  g_clear_object (&db);
  okc_test_remove_dir (dir);
  return 0;
}
