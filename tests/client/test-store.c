/* test-store.c — the local SQLite store, on real files in a temporary directory
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>

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

static OkcStore *
open_store (const char        *path,
            OkcStoreOpenFlags  flags)
{
  g_autoptr(OkcStore) store = okc_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  okc_store_open_async (store, flags, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_open_finish (store, result, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static void
save (OkcStore  *store,
      GPtrArray *tickets,
      gint64     mark)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  okc_store_save_tickets_async (store, tickets, mark, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_save_tickets_finish (store, result, &error));
  g_assert_no_error (error);
}

static void
save_one (OkcStore  *store,
          OkcTicket *ticket,
          gint64     mark)
{
  g_autoptr(GPtrArray) tickets = g_ptr_array_new ();

  g_ptr_array_add (tickets, ticket);
  save (store, tickets, mark);
}

static GPtrArray *
load (OkcStore          *store,
      OkcStoreLoadFlags  flags,
      guint             *out_n_skipped)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *tickets;

  okc_store_load_tickets_async (store, flags, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  tickets = okc_store_load_tickets_finish (store, result, out_n_skipped, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tickets);
  return tickets;
}

static gint64
get_mark (OkcStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 mark;

  okc_store_get_sync_mark_async (store, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  mark = okc_store_get_sync_mark_finish (store, result, &error);
  g_assert_no_error (error);
  return mark;
}

static OkcTicket *
find (GPtrArray  *tickets,
      const char *id)
{
  for (guint i = 0; i < tickets->len; i++)
    if (g_str_equal (okc_ticket_get_id (g_ptr_array_index (tickets, i)), id))
      return g_ptr_array_index (tickets, i);
  return NULL;
}

static void
assert_same_ticket (OkcTicket *a,
                    OkcTicket *b)
{
  g_autofree char *text_a = okc_test_ticket_to_string (a);
  g_autofree char *text_b = okc_test_ticket_to_string (b);

  g_assert_cmpstr (text_a, ==, text_b);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store (fixture->path, OKC_STORE_OPEN_NONE);
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) open = NULL;
  guint n_skipped = 99;

  g_assert_null (okc_store_get_recovery_error (store));
  g_assert_cmpint (get_mark (store), ==, 0);

  g_ptr_array_add (saved, okc_test_ticket_new ("TCK-000001", OKC_PRIORITY_HIGH,
                                               OKC_TICKET_STATUS_NEW, T0, 1));
  g_ptr_array_add (saved, okc_test_ticket_new ("TCK-000002", OKC_PRIORITY_LOW,
                                               OKC_TICKET_STATUS_WAITING_CUSTOMER, T0 + 60, 3));
  g_ptr_array_add (saved, okc_test_ticket_new ("TCK-000003", OKC_PRIORITY_URGENT,
                                               OKC_TICKET_STATUS_RESOLVED, T0 + 120, 7));
  save (store, saved, T0 + 127);

  all = load (store, OKC_STORE_LOAD_ALL, &n_skipped);
  g_assert_cmpuint (n_skipped, ==, 0);
  g_assert_cmpuint (all->len, ==, 3);
  for (guint i = 0; i < saved->len; i++)
    {
      OkcTicket *ticket = g_ptr_array_index (saved, i);
      OkcTicket *loaded = find (all, okc_ticket_get_id (ticket));

      g_assert_nonnull (loaded);
      g_assert_true (loaded != ticket);
      assert_same_ticket (ticket, loaded);
    }

  open = load (store, OKC_STORE_LOAD_OPEN_ONLY, NULL);
  g_assert_cmpuint (open->len, ==, 2);
  g_assert_null (find (open, "TCK-000003"));
  g_assert_cmpint (get_mark (store), ==, T0 + 127);
}

static void
test_version_never_goes_back (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store (fixture->path, OKC_STORE_OPEN_NONE);
  g_autoptr(OkcTicket) v2 = okc_test_ticket_new_full ("TCK-000010", OKC_PRIORITY_NORMAL,
                                                      OKC_TICKET_STATUS_OPEN, T0, T0 + 2, 2,
                                                      "second");
  g_autoptr(OkcTicket) v1 = okc_test_ticket_new_full ("TCK-000010", OKC_PRIORITY_URGENT,
                                                      OKC_TICKET_STATUS_NEW, T0, T0 + 1, 1,
                                                      "first");
  g_autoptr(OkcTicket) v2_other = okc_test_ticket_new_full ("TCK-000010", OKC_PRIORITY_LOW,
                                                            OKC_TICKET_STATUS_NEW, T0, T0 + 2,
                                                            2, "same version, other text");
  g_autoptr(OkcTicket) v3 = okc_test_ticket_new_full ("TCK-000010", OKC_PRIORITY_HIGH,
                                                      OKC_TICKET_STATUS_RESOLVED, T0, T0 + 3, 3,
                                                      "third");
  g_autoptr(GPtrArray) loaded = NULL;

  save_one (store, v2, 0);
  save_one (store, v1, 0);
  loaded = load (store, OKC_STORE_LOAD_ALL, NULL);
  g_assert_cmpuint (loaded->len, ==, 1);
  assert_same_ticket (g_ptr_array_index (loaded, 0), v2);
  g_clear_pointer (&loaded, g_ptr_array_unref);

  save_one (store, v2_other, 0);
  loaded = load (store, OKC_STORE_LOAD_ALL, NULL);
  assert_same_ticket (g_ptr_array_index (loaded, 0), v2);
  g_clear_pointer (&loaded, g_ptr_array_unref);

  save_one (store, v3, 0);
  loaded = load (store, OKC_STORE_LOAD_ALL, NULL);
  g_assert_cmpuint (loaded->len, ==, 1);
  assert_same_ticket (g_ptr_array_index (loaded, 0), v3);
  g_clear_pointer (&loaded, g_ptr_array_unref);

  /* The indexed columns follow the row: v3 is resolved, so it is no longer open. */
  loaded = load (store, OKC_STORE_LOAD_OPEN_ONLY, NULL);
  g_assert_cmpuint (loaded->len, ==, 0);
}

static void
test_sync_mark (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store (fixture->path, OKC_STORE_OPEN_NONE);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  g_assert_cmpint (get_mark (store), ==, 0);
  save (store, none, T0);
  g_assert_cmpint (get_mark (store), ==, T0);
  save (store, none, T0 - 3600);
  g_assert_cmpint (get_mark (store), ==, T0);
  save (store, none, 0);
  g_assert_cmpint (get_mark (store), ==, T0);
  save (store, none, T0 + 1);
  g_assert_cmpint (get_mark (store), ==, T0 + 1);
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store (fixture->path, OKC_STORE_OPEN_NONE);
  g_autoptr(OkcTicket) ticket = okc_test_ticket_new ("TCK-000020", OKC_PRIORITY_HIGH,
                                                     OKC_TICKET_STATUS_OPEN, T0, 4);
  g_autoptr(GPtrArray) loaded = NULL;

  save_one (store, ticket, T0 + 4);
  g_assert_finalize_object (g_steal_pointer (&store));

  store = open_store (fixture->path, OKC_STORE_OPEN_NONE);
  g_assert_null (okc_store_get_recovery_error (store));
  loaded = load (store, OKC_STORE_LOAD_ALL, NULL);
  g_assert_cmpuint (loaded->len, ==, 1);
  assert_same_ticket (g_ptr_array_index (loaded, 0), ticket);
  g_assert_cmpint (get_mark (store), ==, T0 + 4);
}

static char *
find_aside_file (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  char *found = NULL;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "account.sqlite.corrupt-") && strstr (name + 23, "-") == NULL)
      {
        g_assert_null (found);
        found = g_build_filename (dir, name, NULL);
      }
  return found;
}

static void
assert_recovers (Fixture       *fixture,
                 int            code,
                 const char    *expected_content,
                 gsize          expected_length)
{
  g_autoptr(OkcStore) store = okc_store_new (fixture->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_content = NULL;
  gsize aside_length;
  const GError *recovery;

  /* Without RECOVER: a clear error, and the file is left alone. */
  okc_store_open_async (store, OKC_STORE_OPEN_NONE, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_false (okc_store_open_finish (store, result, &error));
  g_assert_error (error, OKC_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_null (find_aside_file (fixture->dir));
  g_clear_object (&result);
  g_clear_error (&error);

  /* Nothing else works until it is open. */
  okc_store_load_tickets_async (store, OKC_STORE_LOAD_ALL, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_null (okc_store_load_tickets_finish (store, result, NULL, &error));
  g_assert_error (error, OKC_STORE_ERROR, OKC_STORE_ERROR_NOT_OPEN);
  g_clear_object (&result);
  g_clear_error (&error);

  /* With RECOVER: moved aside, an empty store in its place, and a message saying so. */
  okc_store_open_async (store, OKC_STORE_OPEN_RECOVER, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_open_finish (store, result, &error));
  g_assert_no_error (error);

  recovery = okc_store_get_recovery_error (store);
  g_assert_nonnull (recovery);
  g_assert_error ((GError *) recovery, OKC_STORE_ERROR, code);
  aside = find_aside_file (fixture->dir);
  g_assert_nonnull (aside);
  g_assert_cmpstr (okc_store_get_moved_aside_path (store), ==, aside);
  g_assert_nonnull (strstr (recovery->message, aside));
  g_test_message ("recovered: %s", recovery->message);

  g_assert_true (g_file_get_contents (aside, &aside_content, &aside_length, NULL));
  if (expected_content != NULL)
    {
      g_assert_cmpuint (aside_length, ==, expected_length);
      g_assert_cmpmem (aside_content, aside_length, expected_content, expected_length);
    }

  loaded = load (store, OKC_STORE_LOAD_ALL, NULL);
  g_assert_cmpuint (loaded->len, ==, 0);
  g_assert_cmpint (get_mark (store), ==, 0);
}

static void
test_corrupt_moved_aside (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char garbage[] = "This is not a database, it is a shopping list: milk, eggs, "
                                "a type 2 charging cable and a much longer text so that SQLite "
                                "reads a whole header's worth of it.";

  g_assert_true (g_file_set_contents (fixture->path, garbage, sizeof garbage, NULL));
  assert_recovers (fixture, OKC_STORE_ERROR_CORRUPT, garbage, sizeof garbage);
}

static void
write_database (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_future_schema (Fixture       *fixture,
                    gconstpointer  data)
{
  write_database (fixture->path, "CREATE TABLE later (x); PRAGMA user_version = 99;");
  assert_recovers (fixture, OKC_STORE_ERROR_FUTURE_SCHEMA, NULL, 0);
}

static void
test_wrong_tables (Fixture       *fixture,
                   gconstpointer  data)
{
  write_database (fixture->path, "CREATE TABLE tickets (id TEXT); PRAGMA user_version = 1;");
  assert_recovers (fixture, OKC_STORE_ERROR_CORRUPT, NULL, 0);
}

static void
test_unreadable_row (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store (fixture->path, OKC_STORE_OPEN_NONE);
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  guint n_skipped = 0;

  g_ptr_array_add (tickets, okc_test_ticket_new ("TCK-000030", OKC_PRIORITY_HIGH,
                                                 OKC_TICKET_STATUS_OPEN, T0, 1));
  g_ptr_array_add (tickets, okc_test_ticket_new ("TCK-000031", OKC_PRIORITY_HIGH,
                                                 OKC_TICKET_STATUS_OPEN, T0, 1));
  save (store, tickets, T0 + 1);
  g_assert_finalize_object (g_steal_pointer (&store));

  write_database (fixture->path,
                  "UPDATE tickets SET json = '{\"id\": \"TCK-000031\", \"topic\": 7}' "
                  "WHERE id = 'TCK-000031'");

  store = open_store (fixture->path, OKC_STORE_OPEN_NONE);
  loaded = load (store, OKC_STORE_LOAD_ALL, &n_skipped);
  g_assert_cmpuint (n_skipped, ==, 1);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpstr (okc_ticket_get_id (g_ptr_array_index (loaded, 0)), ==, "TCK-000030");

  /* The row is gone, and the mark with it, so the next refresh downloads everything. */
  g_assert_cmpint (get_mark (store), ==, 0);
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = load (store, OKC_STORE_LOAD_ALL, &n_skipped);
  g_assert_cmpuint (n_skipped, ==, 0);
  g_assert_cmpuint (loaded->len, ==, 1);
}

static void
test_retain_open (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store (fixture->path, OKC_STORE_OPEN_NONE);
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (tickets, okc_test_ticket_new ("TCK-000060", OKC_PRIORITY_HIGH,
                                                 OKC_TICKET_STATUS_OPEN, T0, 1));
  g_ptr_array_add (tickets, okc_test_ticket_new ("TCK-000061", OKC_PRIORITY_HIGH,
                                                 OKC_TICKET_STATUS_NEW, T0, 1));
  g_ptr_array_add (tickets, okc_test_ticket_new ("TCK-000062", OKC_PRIORITY_HIGH,
                                                 OKC_TICKET_STATUS_RESOLVED, T0, 1));
  save (store, tickets, T0 + 1);

  /* A complete listing of the open tickets had 60 and one the store never saw. */
  g_hash_table_add (listed, "TCK-000060");
  g_hash_table_add (listed, "TCK-000099");
  okc_store_retain_open_tickets_async (store, listed, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_retain_open_tickets_finish (store, result, &error));
  g_assert_no_error (error);

  /* 61 is forgotten; the resolved 62 is not the listing's business. */
  loaded = load (store, OKC_STORE_LOAD_ALL, NULL);
  g_assert_cmpuint (loaded->len, ==, 2);
  g_assert_nonnull (find (loaded, "TCK-000060"));
  g_assert_nonnull (find (loaded, "TCK-000062"));
  g_assert_cmpint (get_mark (store), ==, T0 + 1);
}

typedef struct
{
  OkcStore *store;
  GArray *order;
  GPtrArray *loads;
  gint64 mark;
  guint n_done;
} OrderState;

typedef struct
{
  OrderState *state;
  guint index;
} OrderStep;

static void
ordered_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  OrderStep *step = user_data;
  OrderState *state = step->state;
  g_autoptr(GError) error = NULL;

  g_array_append_val (state->order, step->index);

  if (g_task_get_source_tag (G_TASK (result)) == okc_store_save_tickets_async)
    g_assert_true (okc_store_save_tickets_finish (state->store, result, &error));
  else if (g_task_get_source_tag (G_TASK (result)) == okc_store_load_tickets_async)
    g_ptr_array_add (state->loads,
                     okc_store_load_tickets_finish (state->store, result, NULL, &error));
  else if (g_task_get_source_tag (G_TASK (result)) == okc_store_get_sync_mark_async)
    state->mark = okc_store_get_sync_mark_finish (state->store, result, &error);
  else
    g_assert_true (okc_store_open_finish (state->store, result, &error));
  g_assert_no_error (error);

  state->n_done++;
  g_free (step);
}

static OrderStep *
step_new (OrderState *state,
          guint       index)
{
  OrderStep *step = g_new0 (OrderStep, 1);

  step->state = state;
  step->index = index;
  return step;
}

static gboolean
all_done (gpointer data)
{
  return ((OrderState *) data)->n_done == 7;
}

static void
test_operations_in_order (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(OkcStore) store = okc_store_new (fixture->path);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) third = g_ptr_array_new_with_free_func (g_object_unref);
  OrderState state = { store, g_array_new (FALSE, FALSE, sizeof (guint)),
                       g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref), 0,
                       0 };

  g_ptr_array_add (first, okc_test_ticket_new ("TCK-000040", OKC_PRIORITY_LOW,
                                               OKC_TICKET_STATUS_NEW, T0, 1));
  g_ptr_array_add (second, okc_test_ticket_new ("TCK-000040", OKC_PRIORITY_URGENT,
                                                OKC_TICKET_STATUS_OPEN, T0, 2));
  g_ptr_array_add (third, okc_test_ticket_new ("TCK-000040", OKC_PRIORITY_URGENT,
                                               OKC_TICKET_STATUS_RESOLVED, T0, 3));

  /* Everything is asked for before anything has run; the worker must keep the order. */
  okc_store_open_async (store, OKC_STORE_OPEN_NONE, NULL, ordered_cb, step_new (&state, 0));
  okc_store_save_tickets_async (store, first, T0 + 1, NULL, ordered_cb, step_new (&state, 1));
  okc_store_save_tickets_async (store, second, T0 + 2, NULL, ordered_cb, step_new (&state, 2));
  okc_store_load_tickets_async (store, OKC_STORE_LOAD_OPEN_ONLY, NULL, ordered_cb,
                                step_new (&state, 3));
  okc_store_save_tickets_async (store, third, T0 + 3, NULL, ordered_cb, step_new (&state, 4));
  okc_store_load_tickets_async (store, OKC_STORE_LOAD_OPEN_ONLY, NULL, ordered_cb,
                                step_new (&state, 5));
  okc_store_get_sync_mark_async (store, NULL, ordered_cb, step_new (&state, 6));

  /* The snapshot was taken when the save was asked for: changing the array now is safe. */
  g_ptr_array_set_size (first, 0);

  okc_test_wait_until (all_done, &state);

  for (guint i = 0; i < state.order->len; i++)
    g_assert_cmpuint (g_array_index (state.order, guint, i), ==, i);

  g_assert_cmpuint (state.loads->len, ==, 2);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (state.loads, 0))->len, ==, 1);
  g_assert_cmpint (okc_ticket_get_version (
                     g_ptr_array_index ((GPtrArray *) g_ptr_array_index (state.loads, 0), 0)),
                   ==, 2);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (state.loads, 1))->len, ==, 0);
  g_assert_cmpint (state.mark, ==, T0 + 3);

  g_array_unref (state.order);
  g_ptr_array_unref (state.loads);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(OkcStore) store = open_store (fixture->path, OKC_STORE_OPEN_NONE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(OkcTicket) ticket = okc_test_ticket_new ("TCK-000050", OKC_PRIORITY_HIGH,
                                                     OKC_TICKET_STATUS_OPEN, T0, 1);
  g_autoptr(GPtrArray) tickets = g_ptr_array_new ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (tickets, ticket);
  g_cancellable_cancel (cancellable);
  okc_store_save_tickets_async (store, tickets, T0 + 1, cancellable, okc_test_result_cb,
                                &result);
  okc_test_wait_for_result (&result);
  g_assert_false (okc_store_save_tickets_finish (store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  loaded = load (store, OKC_STORE_LOAD_ALL, NULL);
  g_assert_cmpuint (loaded->len, ==, 0);
  g_assert_cmpint (get_mark (store), ==, 0);
}

static void
test_many_tickets (Fixture       *fixture,
                   gconstpointer  data)
{
  const guint n = 10000;
  g_autoptr(OkcStore) store = open_store (fixture->path, OKC_STORE_OPEN_NONE);
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  double seconds;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("TCK-%06u", i);
      g_ptr_array_add (tickets, okc_test_ticket_new (id, i % 4,
                                                     i % 5 == 0 ? OKC_TICKET_STATUS_RESOLVED
                                                                : OKC_TICKET_STATUS_OPEN,
                                                     T0 + i, 1 + i % 3));
    }

  g_test_timer_start ();
  save (store, tickets, T0 + n);
  seconds = g_test_timer_elapsed ();
  g_test_message ("saved %u tickets in %.3f s", n, seconds);

  g_test_timer_start ();
  loaded = load (store, OKC_STORE_LOAD_ALL, NULL);
  seconds = g_test_timer_elapsed ();
  g_test_message ("loaded %u tickets in %.3f s", loaded->len, seconds);

  g_assert_cmpuint (loaded->len, ==, n);
  for (guint i = 0; i < loaded->len; i++)
    g_hash_table_add (seen, (gpointer) okc_ticket_get_id (g_ptr_array_index (loaded, i)));
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  assert_same_ticket (find (loaded, "TCK-004321"), g_ptr_array_index (tickets, 4321));
  g_clear_pointer (&loaded, g_ptr_array_unref);

  loaded = load (store, OKC_STORE_LOAD_OPEN_ONLY, NULL);
  g_assert_cmpuint (loaded->len, ==, n - n / 5);
}

static void
test_build_filename (void)
{
  g_autofree char *a = okc_store_build_filename ("/data", "http://127.0.0.1:8765", "USR-0001");
  g_autofree char *a_again = okc_store_build_filename ("/data", "http://127.0.0.1:8765",
                                                       "USR-0001");
  g_autofree char *other_user = okc_store_build_filename ("/data", "http://127.0.0.1:8765",
                                                          "USR-0002");
  g_autofree char *other_backend = okc_store_build_filename ("/data", "https://support.example",
                                                             "USR-0001");
  g_autofree char *dir = g_path_get_dirname (a);

  g_assert_cmpstr (a, ==, a_again);
  g_assert_cmpstr (a, !=, other_user);
  g_assert_cmpstr (a, !=, other_backend);
  g_assert_cmpstr (dir, ==, "/data");
  g_assert_true (g_str_has_suffix (a, ".sqlite"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Okc/Client/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("version-never-goes-back", test_version_never_goes_back);
  ADD ("sync-mark", test_sync_mark);
  ADD ("reopen", test_reopen);
  ADD ("corrupt-moved-aside", test_corrupt_moved_aside);
  ADD ("future-schema", test_future_schema);
  ADD ("wrong-tables", test_wrong_tables);
  ADD ("unreadable-row", test_unreadable_row);
  ADD ("retain-open", test_retain_open);
  ADD ("operations-in-order", test_operations_in_order);
  ADD ("cancelled", test_cancelled);
  ADD ("many-tickets", test_many_tickets);
  g_test_add_func ("/Okc/Client/store/build-filename", test_build_filename);

#undef ADD

  return g_test_run ();
}
