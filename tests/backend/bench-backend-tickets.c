/* bench-backend-tickets.c — how long listing takes over 100,000 demo tickets
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures, asserts none (suite "bench"): generation time, then each query's time
 * and the slowest page of a walk through every ticket. OKC_BENCH_TICKETS sets the count.
 */

#include <stdio.h>

#include "okc-backend-test-run.h"
#include "okc-backend-ticket-query.h"
#include "okc-demo-generator.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
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

static JsonNode *
list (OkcBackendDb *db,
      GHashTable   *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendTicketQuery) query =
    okc_backend_ticket_query_new_from_params (table, "USR-0001", &error);
  JsonNode *page;

  g_assert_no_error (error);
  page = okc_backend_ticket_query_run (query, db, &error);
  g_assert_no_error (error);
  return page;
}

static void
walk (OkcBackendDb *db,
      const char   *sort)
{
  g_autofree char *cursor = NULL;
  gint64 start = g_get_monotonic_time ();
  double worst = 0;
  guint n_pages = 0;

  do
    {
      g_autoptr(GHashTable) table = params ("limit=500");
      g_autoptr(JsonNode) page = NULL;
      gint64 page_start = g_get_monotonic_time ();
      const char *next;

      g_hash_table_insert (table, g_strdup ("sort"), g_strdup (sort));
      if (cursor != NULL)
        g_hash_table_insert (table, g_strdup ("cursor"), g_strdup (cursor));
      page = list (db, table);
      worst = MAX (worst, seconds_since (page_start));
      n_pages++;
      next = json_object_get_string_member_with_default (json_node_get_object (page),
                                                          "next_cursor", NULL);
      g_free (cursor);
      cursor = g_strdup (next);
    }
  while (cursor != NULL);
  printf ("walk sort=%-12s %4u pages of 500 in %6.2f s, slowest page %6.1f ms\n", sort, n_pages,
          seconds_since (start), worst * 1000);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const queries[] = {
    "limit=100", "limit=500", "sort=priority", "sort=-updated_at", "status=new,open",
    "assignee=me&sort=priority", "assignee=none", "topic=billing-dispute&status=waiting_approval",
    "topic=payouts-reporting&priority=urgent", "since=2026-11-23T00:00:00Z&sort=updated_at",
  };
  const char *count = g_getenv ("OKC_BENCH_TICKETS");
  guint n_tickets = count != NULL ? (guint) g_ascii_strtoull (count, NULL, 10) : 100000;
  g_autofree char *dir = okc_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "bench.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendDb) db = okc_backend_db_open (path, &error);
  g_autoptr(OkcDemoGenerator) generator = okc_demo_generator_new (1, n_tickets, 1795521600);
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_assert_true (okc_demo_generator_run (generator, db, &error));
  g_assert_no_error (error);
  printf ("generated %u tickets in %.2f s\n", n_tickets, seconds_since (start));

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GHashTable) table = params (queries[i]);
      g_autoptr(JsonNode) page = NULL;

      start = g_get_monotonic_time ();
      page = list (db, table);
      printf ("%-48s %7.1f ms, total %" G_GINT64_FORMAT "\n", queries[i],
              seconds_since (start) * 1000,
              json_object_get_int_member (json_node_get_object (page), "total"));
    }
  walk (db, "-created_at");
  walk (db, "priority");

  g_clear_object (&db);
  okc_test_remove_dir (dir);
  return 0;
}
