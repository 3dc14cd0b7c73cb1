/* bench-store-search.c — full-text search over a local store of 100,000 tickets
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures, asserts none (suite "bench"): the time to build and save the store and
 * its size, then, for queries typed one character at a time, each keystroke's latency
 * through okc_store_search_tickets_async() next to the same FTS5 MATCH run bare through
 * the sqlite3 API (the same set: rowids, unranked). OKC_BENCH_TICKETS sets the count;
 * OKC_BENCH_PREFIXES set also compares the FTS5 prefix index options over the same text.
 */

#include <stdio.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "okc-search-query.h"
#include "okc-store.h"
#include "okc-test-util.h"

#define T0 1795512600 /* 2026-11-24T09:30:00Z */
#define BATCH 1000

static const char * const first_names[] = {
  "Maya", "José", "Priya", "Liam", "Chloé", "Noah", "Aïsha", "Mateo", "Olivia", "Kenji",
  "Zoë", "Lucas", "Fatima", "Ethan", "Søren", "Amara", "Diego", "Hannah", "Ravi", "Élodie",
  "Marco", "Yuki", "Grace", "Omar", "Ingrid", "Samuel", "Leila", "Tomás", "Nora", "Malik",
};

static const char * const last_names[] = {
  "Chen", "Álvarez", "Natarajan", "O'Brien", "Dubois", "Smith", "Khan", "García", "Kowalski",
  "Tanaka", "Müller", "Okafor", "Rossi", "Johansson", "Nguyen", "Martín", "Schmidt", "Haddad",
  "Patel", "Lefèvre", "Bianchi", "Sato", "Murphy", "Costa", "Andersen", "Mbeki", "Novak",
};

static const char * const properties[] = {
  "Lakeview Lofts", "Harbor Point Residences", "Cedar Court", "The Alder Inn",
  "Mesa Verde Cabins", "Pinecrest Lodge", "Sunset Villas", "Riverside Commons",
  "Château Belair", "Maple Row Townhomes", "Bayfront Suites", "Granite Peak Chalets",
  "Old Mill Apartments", "Seaside Cottages", "Aspen Ridge Retreat", "Union Square Flats",
};

static const char * const streets[] = {
  "Shore Rd", "Main St", "Elm Ave", "Harbor Blvd", "Canyon Dr", "Mill Ln", "Ridge Way",
};

static const char * const offline_summaries[] = {
  "Charger shows Offline after a power cycle", "Charger screen is blank",
  "Charger offline since the storm", "Red light blinking, app says unavailable",
  "Charger lost its Wi-Fi connection",
};

static const char * const billing_summaries[] = {
  "Idle fee charged while still charging", "Connection fee charged twice",
  "Charged more than the posted rate", "Refund for a failed session",
  "Session billed after unplugging",
};

static const char * const sayings[] = {
  "The charger says offline and nothing happens when I scan the QR code",
  "I was charged an idle fee but the car was still charging",
  "Two connection fees on one session, please refund one",
  "Is the breaker on? Please check the panel in the garage",
  "The app shows the station as unavailable since yesterday evening",
  "I plugged in at the garage and the light stayed red",
  "My card ending in the digits below was charged twice",
  "Thanks, I will wait for the refund to appear on my statement",
};

static const char *
pick (GRand              *rand,
      const char * const *list,
      guint               n)
{
  return list[g_rand_int_range (rand, 0, (gint32) n)];
}

#define PICK(rand, list) pick ((rand), (list), G_N_ELEMENTS (list))

/* One realistic ticket, built as the backend would send it and decoded strictly. */
static OkcTicket *
synthesise (GRand *rand,
            guint  index)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gint64 created_at = T0 - (gint64) index * 37;
  g_autofree char *created = okc_time_format_rfc3339 (created_at);
  g_autofree char *updated = okc_time_format_rfc3339 (created_at + 120);
  g_autofree char *attempted = okc_time_format_rfc3339 (created_at - 900);
  g_autofree char *id = g_strdup_printf ("TCK-%06u", index + 1);
  const char *first = PICK (rand, first_names);
  const char *last = PICK (rand, last_names);
  g_autofree char *name = g_strconcat (first, " ", last, NULL);
  g_autofree char *local = g_utf8_strdown (name, -1);
  g_autofree char *email = NULL;
  g_autofree char *phone = g_strdup_printf ("+1 %03d-555-%04d", g_rand_int_range (rand, 200, 990),
                                            g_rand_int_range (rand, 0, 10000));
  g_autofree char *charger = g_strdup_printf ("CH-%05d", g_rand_int_range (rand, 10000, 30000));
  g_autofree char *address = g_strdup_printf ("%d %s", g_rand_int_range (rand, 1, 900),
                                              PICK (rand, streets));
  g_autofree char *last4 = g_strdup_printf ("%04d", g_rand_int_range (rand, 0, 10000));
  gboolean billing = g_rand_boolean (rand);
  guint n_messages = g_rand_int_range (rand, 1, 5);

  g_strdelimit (local, " '", '.');
  email = g_strdup_printf ("%s%u@example.com", local, index % 97);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", id);
  okc_json_builder_add_string (builder, "topic", billing ? "billing-dispute" : "charger-offline");
  okc_json_builder_add_string (builder, "status", index % 5 == 0 ? "resolved" : "open");
  okc_json_builder_add_string (builder, "priority", "normal");
  okc_json_builder_add_string (builder, "summary", billing ? PICK (rand, billing_summaries)
                                                           : PICK (rand, offline_summaries));
  json_builder_set_member_name (builder, "requester");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "name", name);
  okc_json_builder_add_string (builder, "email", email);
  okc_json_builder_add_string (builder, "phone", index % 3 == 0 ? NULL : phone);
  okc_json_builder_add_string (builder, "audience", "guest");
  json_builder_end_object (builder);
  okc_json_builder_add_string (builder, "property", NULL);
  okc_json_builder_add_string (builder, "charger_id", charger);
  okc_json_builder_add_string (builder, "assignee", NULL);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "property_name", PICK (rand, properties));
  if (billing)
    {
      json_builder_set_member_name (builder, "session_times");
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, attempted);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "amounts_charged");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "amount");
      json_builder_add_int_value (builder, g_rand_int_range (rand, 100, 9000));
      okc_json_builder_add_string (builder, "currency", "USD");
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      okc_json_builder_add_string (builder, "card_last4", last4);
    }
  else
    {
      okc_json_builder_add_string (builder, "property_address", address);
      okc_json_builder_add_string (builder, "attempted_at", attempted);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "transcript");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_messages; i++)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "sender", i % 2 == 0 ? "customer" : "chatbot");
      okc_json_builder_add_string (builder, "sent_at", created);
      okc_json_builder_add_string (builder, "text", PICK (rand, sayings));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  okc_json_builder_add_string (builder, "created_at", created);
  okc_json_builder_add_string (builder, "updated_at", updated);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return okc_ticket_new_from_json (root, NULL, &error);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static double
worst (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len - 1);
}

static guint
search (OkcStore   *store,
        const char *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;

  okc_store_search_tickets_async (store, text, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  ids = okc_store_search_tickets_finish (store, result, &error);
  g_assert_no_error (error);
  return ids->len;
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? (gint64) buf.st_size : 0;
}

/* The baseline: the bare MATCH, rowids only, in FTS5's order; for no text condition,
 * every rowid. The same set as the store's, nothing else. */
static guint
raw_search (sqlite3    *db,
            const char *text)
{
  g_autofree char *match = okc_search_query_build (text);
  sqlite3_stmt *statement = NULL;
  guint n = 0;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       match != NULL
                                         ? "SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ?1"
                                         : "SELECT rowid FROM tickets",
                                       -1, &statement, NULL), ==, SQLITE_OK);
  if (match != NULL)
    sqlite3_bind_text (statement, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    n++;
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (statement);
  return n;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The choice of prefix indexes, measured apart from the store: the store's indexed text
 * copied into a scratch file, indexed again with each option in transactions of BATCH
 * rows as saves do, then bare prefix MATCHes of one to three characters. */
static void
compare_prefix_options (const char *store_path,
                        const char *dir)
{
  static const char * const options[] = { "1 2 3", "1 2", "2 3", "" };
  static const char * const prefixes[] = { "m", "c", "t", "ma", "ch", "tc", "may", "che", "tck" };

  printf ("\nprefix indexes, bare FTS5 over the same text (ms per query: median of 5)\n");
  printf ("  %-8s %9s %8s", "prefix", "index s", "MB");
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    printf (" %7s*", prefixes[i]);
  printf ("\n");

  for (guint o = 0; o < G_N_ELEMENTS (options); o++)
    {
      g_autofree char *path = g_strdup_printf ("%s/prefix-%u.sqlite", dir, o);
      char *attach = NULL;
      g_autofree char *create = NULL;
      sqlite3 *db = NULL;
      sqlite3_stmt *count = NULL;
      gint64 n_rows, start;
      double index_ms;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      exec_or_die (db, "PRAGMA journal_mode = WAL");
      attach = sqlite3_mprintf ("ATTACH %Q AS source", store_path);
      exec_or_die (db, attach);
      sqlite3_free (attach);
      exec_or_die (db, "CREATE TABLE docs AS SELECT rowid AS rowid_, search_text "
                       "FROM source.tickets ORDER BY rowid");
      exec_or_die (db, "DETACH source");
      create = g_strdup_printf ("CREATE VIRTUAL TABLE fts USING fts5 (search_text, "
                                "content = '', tokenize = 'unicode61 remove_diacritics 2'%s%s%s)",
                                *options[o] != '\0' ? ", prefix = '" : "", options[o],
                                *options[o] != '\0' ? "'" : "");
      exec_or_die (db, create);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT MAX (rowid_) FROM docs", -1, &count, NULL),
                       ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
      n_rows = sqlite3_column_int64 (count, 0);
      sqlite3_finalize (count);

      start = g_get_monotonic_time ();
      for (gint64 done = 0; done < n_rows; done += BATCH)
        {
          g_autofree char *insert = g_strdup_printf (
            "BEGIN; INSERT INTO fts (rowid, search_text) SELECT rowid_, search_text FROM docs "
            "WHERE rowid_ > %" G_GINT64_FORMAT " AND rowid_ <= %" G_GINT64_FORMAT "; COMMIT",
            done, done + BATCH);

          exec_or_die (db, insert);
        }
      index_ms = ms_since (start);
      exec_or_die (db, "PRAGMA wal_checkpoint (TRUNCATE)");
      exec_or_die (db, "DROP TABLE docs");
      exec_or_die (db, "VACUUM");
      printf ("  %-8s %9.2f %8.1f", *options[o] != '\0' ? options[o] : "none",
              index_ms / 1000, file_size (path) / 1e6);

      for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
        {
          g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
          g_autofree char *match = g_strdup_printf ("\"%s\"*", prefixes[i]);

          for (guint r = 0; r < 5; r++)
            {
              sqlite3_stmt *select = NULL;
              double elapsed;

              start = g_get_monotonic_time ();
              g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rowid FROM fts WHERE fts MATCH ?1",
                                                   -1, &select, NULL), ==, SQLITE_OK);
              sqlite3_bind_text (select, 1, match, -1, SQLITE_STATIC);
              while (sqlite3_step (select) == SQLITE_ROW)
                ;
              sqlite3_finalize (select);
              elapsed = ms_since (start);
              g_array_append_val (times, elapsed);
            }
          printf (" %8.1f", median (times));
        }
      printf ("\n");
      sqlite3_close (db);
      g_unlink (path);
    }
}

/* Where the bytes go, table by table, when SQLite was built with the dbstat table. */
static void
print_table_sizes (sqlite3 *db)
{
  sqlite3_stmt *statement = NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT name, SUM (pgsize) FROM dbstat GROUP BY name "
                          "ORDER BY 2 DESC LIMIT 8",
                          -1, &statement, NULL) != SQLITE_OK)
    return;
  while (sqlite3_step (statement) == SQLITE_ROW)
    printf ("  %-28s %8.1f MB\n", (const char *) sqlite3_column_text (statement, 0),
            sqlite3_column_int64 (statement, 1) / 1e6);
  sqlite3_finalize (statement);
}

static void
type_query (OkcStore   *store,
            sqlite3    *db,
            const char *query)
{
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_found = 0;

  printf ("\ntyping \"%s\"\n", query);
  for (const char *end = g_utf8_next_char (query);; end = g_utf8_next_char (end))
    {
      g_autofree char *typed = g_strndup (query, end - query);
      gint64 start = g_get_monotonic_time ();
      double store_time, raw_time;
      guint n_raw;

      n_found = search (store, typed);
      store_time = ms_since (start);
      start = g_get_monotonic_time ();
      n_raw = raw_search (db, typed);
      raw_time = ms_since (start);
      g_array_append_val (store_ms, store_time);
      g_array_append_val (raw_ms, raw_time);
      printf ("  %-26s %6u found  store %8.2f ms  raw FTS5 %8.2f ms (%u)\n", typed, n_found,
              store_time, raw_time, n_raw);
      if (*end == '\0')
        break;
    }
  printf ("  per keystroke: store median %.2f ms, worst %.2f ms; raw FTS5 median %.2f ms, "
          "worst %.2f ms\n",
          median (store_ms), worst (store_ms), median (raw_ms), worst (raw_ms));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const queries[] = {
    "maya chen", "ch-1", "CH-2104", "jose.alvarez", "maya.chen12@example.com", "+1 928",
    "idle fee", "lakeview refund", "chateau", "TCK-0999",
  };
  const char *count = g_getenv ("OKC_BENCH_TICKETS");
  guint n_tickets = count != NULL ? (guint) g_ascii_strtoull (count, NULL, 10) : 100000;
  g_autofree char *dir = okc_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "bench.sqlite", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(OkcStore) store = okc_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double synthesise_ms = 0, save_ms = 0, snapshot_ms = 0;
  sqlite3 *db = NULL;
  gint64 start;

  okc_store_open_async (store, OKC_STORE_OPEN_NONE, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_open_finish (store, result, &error));
  g_clear_object (&result);

  for (guint done = 0; done < n_tickets; done += BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      start = g_get_monotonic_time ();
      for (guint i = done; i < MIN (done + BATCH, n_tickets); i++)
        {
          OkcTicket *ticket = synthesise (rand, i);

          g_assert_nonnull (ticket);
          g_ptr_array_add (batch, ticket);
        }
      synthesise_ms += ms_since (start);

      start = g_get_monotonic_time ();
      okc_store_save_tickets_async (store, batch, 0, NULL, okc_test_result_cb, &result);
      snapshot_ms += ms_since (start);
      okc_test_wait_for_result (&result);
      g_assert_true (okc_store_save_tickets_finish (store, result, &error));
      g_assert_no_error (error);
      g_clear_object (&result);
      save_ms += ms_since (start);
    }
  printf ("synthesised %u tickets through the core codec in %.2f s\n", n_tickets,
          synthesise_ms / 1000);
  printf ("saved them (and indexed them) in batches of %u in %.2f s, of which %.2f s on the "
          "main thread taking the snapshots (JSON and indexed text)\n",
          BATCH, save_ms / 1000, snapshot_ms / 1000);
  printf ("file %.1f MB, write-ahead log %.1f MB\n", file_size (path) / 1e6, file_size (wal) / 1e6);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  print_table_sizes (db);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    type_query (store, db, queries[i]);
  sqlite3_close (db);

  if (g_getenv ("OKC_BENCH_PREFIXES") != NULL)
    compare_prefix_options (path, dir);

  g_assert_finalize_object (g_steal_pointer (&store));
  printf ("\nafter closing (checkpointed): file %.1f MB\n", file_size (path) / 1e6);

  okc_test_remove_tree (dir);
  return 0;
}
