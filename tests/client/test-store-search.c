/* test-store-search.c — full-text search over the local store, on real SQLite files
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <sqlite3.h>

#include "okc-search-document.h"
#include "okc-store.h"
#include "okc-test-util.h"

#define T0 1795512600 /* 2026-11-24T09:30:00Z */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = okc_test_make_tmp_dir ();
  fixture->path = g_build_filename (fixture->dir, "account.sqlite", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  okc_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

typedef struct
{
  const char *id;
  gint64 version;
  const char *status;
  const char *name;
  const char *email;
  const char *phone;
  const char *property;
  const char *charger;
  const char *summary;
  const char *card_last4;
  gint64 amount;
  const char *said;
} TicketSpec;

/* A billing dispute, through the strict decoder: a money list, a time list, a card. */
static OkcTicket *
ticket_new (const TicketSpec *spec)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = okc_time_format_rfc3339 (T0);
  g_autofree char *updated = okc_time_format_rfc3339 (T0 + spec->version);
  OkcTicket *ticket;

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", spec->id);
  okc_json_builder_add_string (builder, "topic", "billing-dispute");
  okc_json_builder_add_string (builder, "status", spec->status != NULL ? spec->status : "open");
  okc_json_builder_add_string (builder, "priority", "normal");
  okc_json_builder_add_string (builder, "summary", spec->summary);
  json_builder_set_member_name (builder, "requester");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "name", spec->name);
  okc_json_builder_add_string (builder, "email", spec->email);
  okc_json_builder_add_string (builder, "phone", spec->phone);
  okc_json_builder_add_string (builder, "audience", "guest");
  json_builder_end_object (builder);
  okc_json_builder_add_string (builder, "property", NULL);
  okc_json_builder_add_string (builder, "charger_id", spec->charger);
  okc_json_builder_add_string (builder, "assignee", NULL);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "property_name", spec->property);
  json_builder_set_member_name (builder, "session_times");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "2026-11-23T18:40:00Z");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "amounts_charged");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_int_value (builder, spec->amount);
  okc_json_builder_add_string (builder, "currency", "USD");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  okc_json_builder_add_string (builder, "card_last4", spec->card_last4);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "transcript");
  json_builder_begin_array (builder);
  if (spec->said != NULL)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "sender", "customer");
      okc_json_builder_add_string (builder, "sent_at", created);
      okc_json_builder_add_string (builder, "text", spec->said);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  okc_json_builder_add_string (builder, "created_at", created);
  okc_json_builder_add_string (builder, "updated_at", updated);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, spec->version);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  ticket = okc_ticket_new_from_json (root, NULL, &error);
  g_assert_no_error (error);
  return ticket;
}

static const TicketSpec jose = {
  "TCK-000101", 1, NULL, "José Álvarez", "jose.alvarez@example.com", "+1 928-555-0134",
  "Lakeview Lofts", "CH-10234", "Idle fee charged while still charging", "4242", 1834,
  "The app billed me an idle fee at the Zürich garage",
};

static const TicketSpec maya = {
  "TCK-000102", 1, NULL, "Maya Chen", "maya.chen@example.com", "+44 20 7946 0958",
  "Harbor Point Residences", "CH-20877", "Connection fee charged twice", "1881", 4200,
  "Two connection fees on one session",
};

static const TicketSpec resolved = {
  "TCK-000103", 1, "resolved", "Priya Natarajan", "priya.n@example.org", NULL,
  "Lakeview Lofts", "CH-10299", "Refund for a failed session", "0007", 990, NULL,
};

static OkcStore *
open_store (const char *path)
{
  g_autoptr(OkcStore) store = okc_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  okc_store_open_async (store, OKC_STORE_OPEN_NONE, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_open_finish (store, result, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static void
save_specs (OkcStore         *store,
            const TicketSpec *specs[],
            guint             n_specs)
{
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_specs; i++)
    g_ptr_array_add (tickets, ticket_new (specs[i]));
  okc_store_save_tickets_async (store, tickets, 0, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_save_tickets_finish (store, result, &error));
  g_assert_no_error (error);
}

static OkcStore *
open_store_with_three (const char *path)
{
  const TicketSpec *specs[] = { &jose, &maya, &resolved };
  OkcStore *store = open_store (path);

  save_specs (store, specs, G_N_ELEMENTS (specs));
  return store;
}

static GPtrArray *
search (OkcStore   *store,
        const char *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *ids;

  okc_store_search_tickets_async (store, text, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  ids = okc_store_search_tickets_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The ids found for @text, sorted and joined with spaces; never one twice. */
static char *
found (OkcStore   *store,
       const char *text)
{
  g_autoptr(GPtrArray) ids = search (store, text);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    if (!g_hash_table_add (seen, g_ptr_array_index (ids, i)))
      g_error ("search \"%s\" found %s twice", text, (const char *) g_ptr_array_index (ids, i));
  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    {
      if (i > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, g_ptr_array_index (ids, i));
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* These, by id: the store gives them in no particular order. */
#define assert_found(store, text, expected) \
  G_STMT_START { \
    g_autofree char *found_ = found ((store), (text)); \
    g_test_message ("search \"%s\"", (text)); \
    g_assert_cmpstr (found_, ==, (expected)); \
  } G_STMT_END

/* The index and the tickets table agree, row for row and token for token (FTS5's own
 * check, which reads every row's text again): nothing stale, nothing missing. */
static void
assert_fts_in_step (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, "INSERT INTO tickets_fts (tickets_fts, rank) VALUES ('integrity-check', 1)",
                    NULL, NULL, NULL) != SQLITE_OK)
    g_error ("The index of %s is not in step with its tickets: %s", path, sqlite3_errmsg (db));
  sqlite3_close (db);
}

/* The full-text index, and the map from rowids to ids: the same rows, with their ids. */
static void
assert_index_in_step (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  assert_fts_in_step (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT (SELECT COUNT (*) FROM tickets), "
                                       "  (SELECT COUNT (*) FROM ticket_ids), "
                                       "  (SELECT COUNT (*) FROM tickets JOIN ticket_ids "
                                       "   ON ticket_rowid = tickets.rowid "
                                       "   AND ticket_ids.id = tickets.id)",
                                       -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (statement, 1), ==, sqlite3_column_int (statement, 0));
  g_assert_cmpint (sqlite3_column_int (statement, 2), ==, sqlite3_column_int (statement, 0));
  sqlite3_finalize (statement);
  sqlite3_close (db);
}

static void
test_each_member (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store_with_three (fixture->path);

  assert_found (store, "TCK-000101", "TCK-000101");            /* id */
  assert_found (store, "000102", "TCK-000102");
  assert_found (store, "Álvarez", "TCK-000101");               /* requester name */
  assert_found (store, "jose.alvarez@example.com", "TCK-000101"); /* email */
  assert_found (store, "928-555-0134", "TCK-000101");          /* phone as written */
  assert_found (store, "9285550134", "TCK-000101");            /* national digits */
  assert_found (store, "2079460958", "TCK-000102");
  assert_found (store, "442079", "TCK-000102");
  assert_found (store, "19285550134", "TCK-000101");           /* phone as digits */
  assert_found (store, "Harbor Point", "TCK-000102");          /* property name */
  assert_found (store, "CH-20877", "TCK-000102");              /* charger */
  assert_found (store, "twice", "TCK-000102");                 /* summary */
  assert_found (store, "1881", "TCK-000102");                  /* a collected text field */
  assert_found (store, "42.00", "TCK-000102");                 /* money, as shown */
  assert_found (store, "4200", "TCK-000102");                  /* money, in cents */
  assert_found (store, "18.34", "TCK-000101");
  assert_found (store, "2026-11-23", "TCK-000101 TCK-000102 TCK-000103"); /* a time list */
  assert_found (store, "garage", "TCK-000101");                /* the transcript */
  assert_found (store, "priya", "TCK-000103");                 /* resolved ones too */
  assert_found (store, "billing-dispute", "");                 /* not what people type */
  assert_found (store, "USD", "TCK-000101 TCK-000102 TCK-000103");
  assert_index_in_step (fixture->path);
}

static void
test_prefix_typing (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store_with_three (fixture->path);
  static const char * const typed[] = { "ma", "may", "maya", "maya ", "maya c",
                                        "maya ch", "maya che", "maya chen" };

  /* One character is not a prefix: typed last, it sets no condition yet; ended by a
   * space, it is a whole word, which "me", in what José said, and Maya are not, and the
   * "1" of "+1 928" is. Two characters are a prefix. */
  assert_found (store, "m", "TCK-000101 TCK-000102 TCK-000103");
  assert_found (store, "m ", "");
  assert_found (store, "1 ", "TCK-000101");
  assert_found (store, "me", "TCK-000101");
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    assert_found (store, typed[i], "TCK-000102");

  /* The first digit after the dash, last typed, says nothing yet: "ch-1" is "ch-", Chen
   * included; ended by a space, it counts. */
  assert_found (store, "ch-1", "TCK-000101 TCK-000102 TCK-000103");
  assert_found (store, "ch-1 ", "TCK-000101 TCK-000103");
  assert_found (store, "ch-10", "TCK-000101 TCK-000103");
  assert_found (store, "ch-102", "TCK-000101 TCK-000103");
  assert_found (store, "ch-1023", "TCK-000101");
  assert_found (store, "ch-1029", "TCK-000103");
  assert_found (store, "maya.chen@", "TCK-000102");
  assert_found (store, "maya.chen@ex", "TCK-000102");
  assert_found (store, "+1 928", "TCK-000101");
  assert_found (store, "+44 20", "TCK-000102");
  /* Every word is required. */
  assert_found (store, "lakeview", "TCK-000101 TCK-000103");
  assert_found (store, "lakeview refund", "TCK-000103");
  assert_found (store, "lakeview maya", "");
  /* A word matches at its start only. */
  assert_found (store, "akeview", "");
}

static void
test_case_and_diacritics (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store_with_three (fixture->path);

  assert_found (store, "jose", "TCK-000101");
  assert_found (store, "JOSE", "TCK-000101");
  assert_found (store, "José", "TCK-000101");
  assert_found (store, "JOSÉ ÁLVAREZ", "TCK-000101");
  assert_found (store, "alvarez", "TCK-000101");
  assert_found (store, "zurich", "TCK-000101");
  assert_found (store, "zür", "TCK-000101");
  /* Decomposed: e and a combining acute accent. */
  assert_found (store, "Jose\xcc\x81", "TCK-000101");
  assert_found (store, "MaYa", "TCK-000102");
}

static void
test_hostile_input (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const hostile[] = {
    "\"", "\"\"", "*", "NEAR(", "NEAR(maya chen)", "AND", "OR", "NOT", "maya AND", "OR maya",
    ")", "(", "-", "- maya", "maya -chen", "^maya", "search_text:maya", "{search_text}: maya",
    "tickets_fts", "rank", "';DELETE FROM tickets;--", "\xff\xfe", "caf\xc3", "m\x80" "aya",
    "😀", "\xe2\x80\x8b",
  };
  g_autoptr(OkcStore) store = open_store_with_three (fixture->path);
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(GPtrArray) ids = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GPtrArray) hostile_ids = NULL;

      g_test_message ("hostile \"%s\"", hostile[i]);
      hostile_ids = search (store, hostile[i]);
    }

  /* Operators are plain words: "maya AND" needs a word starting with "and" too. */
  assert_found (store, "NEAR(maya chen)", "");
  assert_found (store, "maya -chen", "TCK-000102");
  assert_found (store, "m\x80" "aya", "");
  assert_found (store, "maya\x80", "TCK-000102");

  /* Nothing to search for: every ticket. */
  assert_found (store, "-", "TCK-000101 TCK-000102 TCK-000103");
  assert_found (store, "\"", "TCK-000101 TCK-000102 TCK-000103");
  assert_found (store, "", "TCK-000101 TCK-000102 TCK-000103");

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (long_text, "maya \"*()-:^"[i % 12]);
  ids = search (store, long_text->str);
  g_clear_pointer (&ids, g_ptr_array_unref);

  g_string_truncate (long_text, 0);
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (long_text, 'a' + i % 26);
  assert_found (store, long_text->str, "");

  /* And the store is unharmed. */
  assert_found (store, "maya", "TCK-000102");
  assert_index_in_step (fixture->path);
}

static void
test_newer_version (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store_with_three (fixture->path);
  TicketSpec v2 = maya;
  TicketSpec v0 = maya;
  const TicketSpec *newer[] = { &v2 };
  const TicketSpec *older[] = { &v0 };

  v2.version = 2;
  v2.summary = "Connection fee refunded";
  v2.property = "Cedar Court";
  v2.said = NULL;
  save_specs (store, newer, 1);

  assert_found (store, "twice", "");
  assert_found (store, "harbor", "");
  assert_found (store, "two", ""); /* from the transcript, now gone */
  assert_found (store, "refunded", "TCK-000102");
  assert_found (store, "cedar court", "TCK-000102");
  assert_found (store, "maya", "TCK-000102");
  assert_index_in_step (fixture->path);

  /* A late copy of an older version changes neither the row nor the index. */
  v0.version = 1;
  save_specs (store, older, 1);
  assert_found (store, "twice", "");
  assert_found (store, "cedar", "TCK-000102");
  assert_index_in_step (fixture->path);
}

static void
test_retain (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store_with_three (fixture->path);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_add (listed, "TCK-000101");
  okc_store_retain_open_tickets_async (store, listed, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_retain_open_tickets_finish (store, result, &error));
  g_assert_no_error (error);

  assert_found (store, "maya", "");
  assert_found (store, "lakeview", "TCK-000101 TCK-000103");
  assert_found (store, "", "TCK-000101 TCK-000103");
  assert_index_in_step (fixture->path);
}

static void
write_database (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Loading drops a row that no longer decodes: it leaves the index with it. */
static void
test_unreadable_row_dropped (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store_with_three (fixture->path);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_skipped = 0;

  g_assert_finalize_object (g_steal_pointer (&store));
  write_database (fixture->path,
                  "UPDATE tickets SET json = '{\"id\": \"TCK-000102\"}' WHERE id = 'TCK-000102'");
  assert_index_in_step (fixture->path);

  store = open_store (fixture->path);
  okc_store_load_tickets_async (store, OKC_STORE_LOAD_ALL, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  loaded = okc_store_load_tickets_finish (store, result, &n_skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_skipped, ==, 1);

  assert_found (store, "maya", "");
  assert_found (store, "", "TCK-000101 TCK-000103");
  assert_index_in_step (fixture->path);
}

/* A file from the first version of the console: the cached queue, no index. */
static void
test_v1_migrates (Fixture       *fixture,
                  gconstpointer  data)
{
  const TicketSpec *specs[] = { &jose, &maya, &resolved };
  g_autoptr(GString) sql = g_string_new (
    "CREATE TABLE tickets ("
    "  id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, status TEXT NOT NULL,"
    "  priority INTEGER NOT NULL, topic TEXT NOT NULL, created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL, json TEXT NOT NULL);"
    "CREATE INDEX tickets_by_status ON tickets (status);"
    "CREATE TABLE meta (key TEXT NOT NULL PRIMARY KEY, value);"
    "INSERT INTO meta VALUES ('sync_mark', 1795512700);");
  g_autoptr(OkcStore) store = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TicketSpec v2 = jose;
  const TicketSpec *newer[] = { &v2 };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(OkcTicket) ticket = ticket_new (specs[i]);
      g_autoptr(JsonNode) node = okc_ticket_to_json (ticket);
      g_autofree char *json = okc_json_to_string (node);
      char *quoted = sqlite3_mprintf ("%Q", json);

      g_string_append_printf (sql,
                              "INSERT INTO tickets VALUES ('%s', 1, '%s', 2, 'billing-dispute', "
                              "%d, %d, %s);",
                              specs[i]->id, specs[i]->status != NULL ? specs[i]->status : "open",
                              T0, T0 + 1, quoted);
      sqlite3_free (quoted);
    }
  /* A row the console of then stored and this core no longer reads. */
  g_string_append (sql, "INSERT INTO tickets VALUES ('TCK-000104', 1, 'open', 2, "
                        "'billing-dispute', 0, 0, '{\"id\": \"TCK-000104\"}');");
  g_string_append (sql, "PRAGMA user_version = 1;");
  write_database (fixture->path, sql->str);

  store = open_store (fixture->path);
  assert_index_in_step (fixture->path);
  assert_found (store, "jose", "TCK-000101");
  assert_found (store, "maya.chen@", "TCK-000102");
  assert_found (store, "lakeview", "TCK-000101 TCK-000103");
  assert_found (store, "", "TCK-000101 TCK-000102 TCK-000103 TCK-000104");

  /* The migrated rows follow saves like any other. */
  v2.version = 2;
  v2.name = "Joseph Alvarez";
  save_specs (store, newer, 1);
  assert_found (store, "josé", "TCK-000101"); /* still in the email */
  assert_found (store, "joseph", "TCK-000101");
  assert_found (store, "álvarez jose.alvarez", "TCK-000101");
  assert_index_in_step (fixture->path);

  okc_store_load_tickets_async (store, OKC_STORE_LOAD_ALL, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  loaded = okc_store_load_tickets_finish (store, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 3);
  assert_found (store, "", "TCK-000101 TCK-000102 TCK-000103");
  assert_index_in_step (fixture->path);
}

/* What one SQL query on the file at @path answers, as text. */
static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return text;
}

/* A file of schema 2, as the console that shipped it wrote it: its index of one-, two-
 * and three-character prefixes becomes one of two and three, from the same rows. */
static void
test_v2_migrates (Fixture       *fixture,
                  gconstpointer  data)
{
  const TicketSpec *specs[] = { &jose, &maya, &resolved };
  g_autoptr(GString) sql = g_string_new (
    "CREATE TABLE tickets ("
    "  id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, status TEXT NOT NULL,"
    "  priority INTEGER NOT NULL, topic TEXT NOT NULL, created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL, json TEXT NOT NULL,"
    "  search_text TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX tickets_by_status ON tickets (status);"
    "CREATE TABLE meta (key TEXT NOT NULL PRIMARY KEY, value);"
    "INSERT INTO meta VALUES ('sync_mark', 1795512700);"
    "CREATE VIRTUAL TABLE tickets_fts USING fts5 (search_text, content = 'tickets',"
    "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"
    "CREATE TRIGGER tickets_fts_after_insert AFTER INSERT ON tickets BEGIN"
    "  INSERT INTO tickets_fts (rowid, search_text) VALUES (new.rowid, new.search_text);"
    "END;"
    "CREATE TRIGGER tickets_fts_after_delete AFTER DELETE ON tickets BEGIN"
    "  INSERT INTO tickets_fts (tickets_fts, rowid, search_text)"
    "    VALUES ('delete', old.rowid, old.search_text);"
    "END;"
    "CREATE TRIGGER tickets_fts_after_update AFTER UPDATE ON tickets BEGIN"
    "  INSERT INTO tickets_fts (tickets_fts, rowid, search_text)"
    "    VALUES ('delete', old.rowid, old.search_text);"
    "  INSERT INTO tickets_fts (rowid, search_text) VALUES (new.rowid, new.search_text);"
    "END;");
  g_autoptr(OkcStore) store = NULL;
  g_autofree char *fts_sql = NULL;
  g_autofree char *version = NULL;
  TicketSpec v2 = jose;
  TicketSpec maya_v2 = maya;
  const TicketSpec *newer[] = { &v2, &maya_v2 };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(OkcTicket) ticket = ticket_new (specs[i]);
      g_autoptr(JsonNode) node = okc_ticket_to_json (ticket);
      g_autofree char *json = okc_json_to_string (node);
      g_autofree char *text = okc_search_document_build (ticket);
      char *values = sqlite3_mprintf ("%Q, %Q", json, text);

      g_string_append_printf (sql,
                              "INSERT INTO tickets VALUES ('%s', 1, '%s', 2, 'billing-dispute', "
                              "%d, %d, %s);",
                              specs[i]->id, specs[i]->status != NULL ? specs[i]->status : "open",
                              T0, T0 + 1, values);
      sqlite3_free (values);
    }
  g_string_append (sql, "PRAGMA user_version = 2;");
  write_database (fixture->path, sql->str);
  assert_fts_in_step (fixture->path);

  store = open_store (fixture->path);
  version = query_text (fixture->path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "4");
  fts_sql = query_text (fixture->path,
                        "SELECT sql FROM sqlite_master WHERE name = 'tickets_fts'");
  g_assert_nonnull (strstr (fts_sql, "prefix = '2 3'"));
  assert_index_in_step (fixture->path);
  assert_found (store, "jose", "TCK-000101");
  assert_found (store, "al", "TCK-000101");
  assert_found (store, "maya.chen@", "TCK-000102");
  assert_found (store, "lakeview", "TCK-000101 TCK-000103");
  assert_found (store, "", "TCK-000101 TCK-000102 TCK-000103");

  /* The new triggers: a changed text is indexed again, an unchanged one (a new version
   * that only moves the status) is left as it was, and both keep the index in step. */
  v2.version = 2;
  v2.name = "Joseph Alvarez";
  maya_v2.version = 2;
  maya_v2.status = "resolved";
  save_specs (store, newer, G_N_ELEMENTS (newer));
  assert_index_in_step (fixture->path);
  assert_found (store, "joseph", "TCK-000101");
  assert_found (store, "maya chen", "TCK-000102");
  assert_found (store, "", "TCK-000101 TCK-000102 TCK-000103");
}

/* A damaged file is moved aside and an empty store, index and all, takes its place. */
static void
test_recovered (Fixture       *fixture,
                gconstpointer  data)
{
  const TicketSpec *specs[] = { &jose, &maya };
  g_autoptr(OkcStore) store = okc_store_new (fixture->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "not a database, a shopping list", -1,
                                      NULL));
  okc_store_open_async (store, OKC_STORE_OPEN_RECOVER, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_open_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (okc_store_get_recovery_error (store));

  assert_found (store, "", "");
  assert_found (store, "maya", "");
  save_specs (store, specs, G_N_ELEMENTS (specs));
  assert_found (store, "maya", "TCK-000102");
  assert_found (store, "", "TCK-000101 TCK-000102");
  assert_index_in_step (fixture->path);
}

/* The matches as a set: each once, whatever the ranking would have been, however many
 * times the same search runs, and the whole store for no text. */
static void
test_as_a_set (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store (fixture->path);
  TicketSpec specs[6];
  const TicketSpec *pointers[6];
  char ids[6][16];

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      specs[i] = resolved;
      g_snprintf (ids[i], sizeof ids[i], "TCK-%06u", 900 - i);
      specs[i].id = ids[i];
      specs[i].summary = "Refund for a failed session";
      pointers[i] = &specs[i];
    }
  /* A word said many times in one ticket, or in the summary and the conversation, is
   * still one match. */
  specs[3].summary = "Breaker";
  specs[3].said = "breaker breaker breaker";
  specs[1].said = "the breaker tripped at the garage, then the other breaker";
  specs[4].said = "I think a breaker tripped somewhere in the building, maybe the garage one";
  save_specs (store, pointers, G_N_ELEMENTS (pointers));

  assert_found (store, "breaker", "TCK-000896 TCK-000897 TCK-000899");
  assert_found (store, "refund", "TCK-000895 TCK-000896 TCK-000898 TCK-000899 TCK-000900");
  for (guint i = 0; i < 5; i++)
    assert_found (store, "failed session",
                  "TCK-000895 TCK-000896 TCK-000898 TCK-000899 TCK-000900");
  assert_found (store, "",
                "TCK-000895 TCK-000896 TCK-000897 TCK-000898 TCK-000899 TCK-000900");
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store_with_three (fixture->path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  okc_store_search_tickets_async (store, "maya", cancellable, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_null (okc_store_search_tickets_finish (store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  assert_found (store, "maya", "TCK-000102");
}

static void
test_not_open (void)
{
  g_autofree char *dir = okc_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "never-opened.sqlite", NULL);
  g_autoptr(OkcStore) store = okc_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  okc_store_search_tickets_async (store, "maya", NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_null (okc_store_search_tickets_finish (store, result, &error));
  g_assert_error (error, OKC_STORE_ERROR, OKC_STORE_ERROR_NOT_OPEN);
  okc_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Okc/Client/store-search/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("each-member", test_each_member);
  ADD ("prefix-typing", test_prefix_typing);
  ADD ("case-and-diacritics", test_case_and_diacritics);
  ADD ("hostile-input", test_hostile_input);
  ADD ("newer-version", test_newer_version);
  ADD ("retain", test_retain);
  ADD ("unreadable-row-dropped", test_unreadable_row_dropped);
  ADD ("v1-migrates", test_v1_migrates);
  ADD ("v2-migrates", test_v2_migrates);
  ADD ("recovered", test_recovered);
  ADD ("as-a-set", test_as_a_set);
  ADD ("cancelled", test_cancelled);
  g_test_add_func ("/Okc/Client/store-search/not-open", test_not_open);

#undef ADD

  return g_test_run ();
}
