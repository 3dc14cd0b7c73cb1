/* test-session-log.c — the lazy session log model against the real backend
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-client-error.h"
#include "okc-session-log-private.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

/* Enough rows that the eviction bound is reached well before the end. */
#define MIN_SESSIONS ((OKC_SESSION_LOG_MAX_PAGES + 5) * OKC_SESSION_LOG_PAGE_SIZE)

static OkcTestBackend *backend;
static OkcClient *agent;

static void
exec_sql (const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (okc_test_backend_get_database (backend), &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static char *
query_text (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static guint
count_sessions (void)
{
  g_autofree char *text = query_text ("SELECT COUNT (*) FROM sessions");

  return (guint) g_ascii_strtoull (text, NULL, 10);
}

/* The id of the session at @position, newest first, ties by id. */
static char *
id_at (guint position)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM sessions "
                                          "ORDER BY started_at DESC, id DESC LIMIT 1 OFFSET %u",
                                          position);
  return query_text (sql);
}

/* The demo's sessions, copied under other ids until there are enough to page through:
 * the copies are whole rows, so whatever the schema holds stays consistent. */
static void
grow_sessions (void)
{
  guint round = 1;

  okc_test_backend_kill (backend);
  while (count_sessions () < MIN_SESSIONS)
    {
      g_autofree char *sql = g_strdup_printf (
        "CREATE TEMP TABLE copy AS SELECT * FROM sessions WHERE id NOT LIKE 'SES-9%%';"
        "UPDATE copy SET id = 'SES-9' || printf ('%%02u', %u) || substr (id, 7),"
        "  started_at = started_at - %u, ended_at = ended_at - %u,"
        "  charging_ended_at = charging_ended_at - %u;"
        "INSERT INTO sessions SELECT * FROM copy;"
        "DROP TABLE copy;", round, round * 7, round * 7, round * 7);

      exec_sql (sql);
      round++;
    }
  okc_test_backend_restart (backend);
}

typedef struct
{
  guint n_changes;
  guint position, removed, added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_changes++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static gboolean
not_loading (gpointer data)
{
  return !okc_session_log_get_loading (data);
}

static gboolean
row_has_session (gpointer data)
{
  return okc_session_log_row_get_session (data) != NULL;
}

static gboolean
has_error (gpointer data)
{
  return okc_session_log_get_error (data) != NULL;
}

static OkcSessionLog *
loaded_log (const OkcSessionQuery *query,
            Changes               *changes)
{
  OkcSessionLog *log = okc_session_log_new (agent);

  g_signal_connect (log, "items-changed", G_CALLBACK (items_changed_cb), changes);
  okc_session_log_set_query (log, query);
  g_assert_true (okc_session_log_get_loading (log));
  okc_test_wait_until (not_loading, log);
  return log;
}

static void
test_total (void)
{
  Changes changes = { 0 };
  g_autoptr(OkcSessionLog) log = loaded_log (NULL, &changes);
  g_autoptr(OkcSessionLogRow) first = NULL;
  g_autofree char *newest = id_at (0);

  g_assert_no_error ((GError *) okc_session_log_get_error (log));
  g_assert_cmpuint (changes.n_changes, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, count_sessions ());
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, count_sessions ());
  g_assert_cmpuint (okc_session_log_get_total (log), ==, count_sessions ());
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (log)) == OKC_TYPE_SESSION_LOG_ROW);

  /* The first page came with the total: its rows are there at once. */
  first = g_list_model_get_item (G_LIST_MODEL (log), 0);
  g_assert_nonnull (okc_session_log_row_get_session (first));
  g_assert_cmpstr (okc_charging_session_get_id (okc_session_log_row_get_session (first)), ==,
                   newest);
  g_assert_cmpuint (okc_session_log_get_n_fetches (log), ==, 1);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (log), okc_session_log_get_total (log)));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_far_row (void)
{
  Changes changes = { 0 };
  g_autoptr(OkcSessionLog) log = loaded_log (NULL, &changes);
  guint total = okc_session_log_get_total (log);
  guint far = total - 3;
  guint notified = 0;
  g_autoptr(OkcSessionLogRow) row = g_list_model_get_item (G_LIST_MODEL (log), far);
  g_autoptr(OkcSessionLogRow) again = NULL;
  g_autoptr(OkcSessionLogRow) neighbour = NULL;
  g_autoptr(OkcSessionLogRow) between = NULL;
  g_autofree char *expected = id_at (far);
  g_autofree char *expected_neighbour = id_at (far - 1);

  g_assert_cmpuint (okc_session_log_row_get_position (row), ==, far);
  g_assert_null (okc_session_log_row_get_session (row));
  g_signal_connect (row, "notify::session", G_CALLBACK (count_notify_cb), &notified);

  /* Asking again before the page is there asks nothing more; the row is the same. */
  again = g_list_model_get_item (G_LIST_MODEL (log), far);
  g_assert_true (again == row);

  okc_test_wait_until (row_has_session, row);
  g_assert_cmpuint (okc_session_log_get_n_fetches (log), ==, 2);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (okc_charging_session_get_id (okc_session_log_row_get_session (row)), ==,
                   expected);

  /* Only that page: its neighbour row is there at once, a row between is not. */
  neighbour = g_list_model_get_item (G_LIST_MODEL (log), far - 1);
  g_assert_cmpstr (okc_charging_session_get_id (okc_session_log_row_get_session (neighbour)), ==,
                   expected_neighbour);
  g_assert_true (okc_session_log_has_page (log, far));
  g_assert_false (okc_session_log_has_page (log, far - 2 * OKC_SESSION_LOG_PAGE_SIZE));
  g_assert_cmpuint (okc_session_log_get_n_pages (log), ==, 2);
  g_assert_cmpuint (okc_session_log_get_n_fetches (log), ==, 2);
  between = g_list_model_get_item (G_LIST_MODEL (log), total / 2);
  g_assert_null (okc_session_log_row_get_session (between));
  okc_test_wait_until (row_has_session, between);
  g_assert_cmpuint (okc_session_log_get_n_fetches (log), ==, 3);
}

static gboolean
idle_passed_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* GTK gets every item of a replaced model and drops them at once: rows given up before
 * the main loop is idle ask for nothing. */
static void
test_dropped_rows (void)
{
  Changes changes = { 0 };
  g_autoptr(OkcSessionLog) log = loaded_log (NULL, &changes);
  guint total = okc_session_log_get_total (log);
  gboolean passed = FALSE;

  for (guint i = OKC_SESSION_LOG_PAGE_SIZE; i < total; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (log), i));
  g_idle_add_full (G_PRIORITY_LOW, idle_passed_cb, &passed, NULL);
  okc_test_wait_until (flag_set, &passed);
  g_assert_cmpuint (okc_session_log_get_n_fetches (log), ==, 1);
  g_assert_cmpuint (okc_session_log_get_n_pages (log), ==, 1);
}

static void
test_eviction (void)
{
  Changes changes = { 0 };
  g_autoptr(OkcSessionLog) log = loaded_log (NULL, &changes);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_pages = okc_session_log_get_total (log) / OKC_SESSION_LOG_PAGE_SIZE;
  guint position;

  g_assert_cmpuint (n_pages, >, OKC_SESSION_LOG_MAX_PAGES + 2);
  /* Scroll down page by page, keeping one row of each. */
  for (guint page = 0; page < n_pages; page++)
    {
      OkcSessionLogRow *row = g_list_model_get_item (G_LIST_MODEL (log),
                                                     page * OKC_SESSION_LOG_PAGE_SIZE + 1);

      g_ptr_array_add (kept, row);
      okc_test_wait_until (row_has_session, row);
      g_assert_cmpuint (okc_session_log_get_n_pages (log), <=, OKC_SESSION_LOG_MAX_PAGES);
    }
  g_assert_cmpuint (okc_session_log_get_n_pages (log), ==, OKC_SESSION_LOG_MAX_PAGES);
  g_assert_cmpuint (okc_session_log_get_n_fetches (log), ==, n_pages);

  /* The nearest were kept, the first dropped; rows handed out keep their sessions. */
  g_assert_true (okc_session_log_has_page (log, (n_pages - 1) * OKC_SESSION_LOG_PAGE_SIZE));
  g_assert_false (okc_session_log_has_page (log, 0));
  for (guint i = 0; i < kept->len; i++)
    g_assert_nonnull (okc_session_log_row_get_session (g_ptr_array_index (kept, i)));

  /* A row of a dropped page, not handed out before, fetches that page again. */
  position = 5;
  {
    g_autoptr(OkcSessionLogRow) row = g_list_model_get_item (G_LIST_MODEL (log), position);
    g_autofree char *expected = id_at (position);

    g_assert_null (okc_session_log_row_get_session (row));
    okc_test_wait_until (row_has_session, row);
    g_assert_cmpstr (okc_charging_session_get_id (okc_session_log_row_get_session (row)), ==,
                     expected);
    g_assert_cmpuint (okc_session_log_get_n_fetches (log), ==, n_pages + 1);
  }
}

static void
test_query_change (void)
{
  g_autofree char *busy = query_text ("SELECT charger_id FROM sessions GROUP BY charger_id "
                                      "ORDER BY COUNT (*) DESC, charger_id");
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT (*) FROM sessions WHERE charger_id = '%s'",
                                          busy);
  g_autofree char *count = query_text (sql);
  OkcSessionQuery by_charger = { .charger_id = busy, .sort = (char *) "billed_total" };
  Changes changes = { 0 };
  g_autoptr(OkcSessionLog) log = okc_session_log_new (agent);
  g_autoptr(OkcSessionLogRow) row = NULL;
  guint loading_changes = 0;

  g_signal_connect (log, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_signal_connect (log, "notify::loading", G_CALLBACK (count_notify_cb), &loading_changes);
  okc_session_log_set_query (log, NULL);
  okc_session_log_set_query (log, &by_charger);
  g_assert_true (okc_session_query_equal (okc_session_log_get_query (log), &by_charger));
  okc_test_wait_until (not_loading, log);

  /* Only the second query's answer: the first was cancelled. */
  g_assert_cmpuint (changes.n_changes, ==, 1);
  g_assert_cmpuint (changes.added, ==, g_ascii_strtoull (count, NULL, 10));
  g_assert_cmpuint (loading_changes, ==, 2);
  row = g_list_model_get_item (G_LIST_MODEL (log), 0);
  g_assert_cmpstr (okc_charging_session_get_charger_id (okc_session_log_row_get_session (row)), ==,
                   busy);

  /* Back to every session: every old row goes in one change. */
  okc_session_log_set_query (log, NULL);
  okc_test_wait_until (not_loading, log);
  g_assert_cmpuint (changes.n_changes, ==, 2);
  g_assert_cmpuint (changes.removed, ==, g_ascii_strtoull (count, NULL, 10));
  g_assert_cmpuint (changes.added, ==, count_sessions ());
}

static void
test_errors (void)
{
  Changes changes = { 0 };
  g_autoptr(OkcSessionLog) log = loaded_log (NULL, &changes);
  guint total = okc_session_log_get_total (log);
  guint error_notes = 0;
  const GError *error;

  /* A query the backend refuses: the error names it and no rows are left. */
  g_signal_connect (log, "notify::error", G_CALLBACK (count_notify_cb), &error_notes);
  okc_session_log_set_query (log, &(OkcSessionQuery) { .sort = (char *) "nonsense" });
  okc_test_wait_until (not_loading, log);
  error = okc_session_log_get_error (log);
  g_assert_error ((GError *) error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (okc_client_error_get_field (error), ==, "sort");
  g_assert_cmpuint (error_notes, ==, 1);
  g_assert_cmpuint (changes.removed, ==, total);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 0);

  okc_session_log_set_query (log, NULL);
  okc_test_wait_until (not_loading, log);
  g_assert_null (okc_session_log_get_error (log));
  g_assert_cmpuint (error_notes, ==, 2);
  g_assert_cmpuint (okc_session_log_get_total (log), ==, total);

  /* The backend gone while scrolling: the row stays empty and the error says why. */
  okc_test_backend_kill (backend);
  {
    g_autoptr(OkcSessionLogRow) row = g_list_model_get_item (G_LIST_MODEL (log), total - 1);

    okc_test_wait_until (has_error, log);
    g_assert_error ((GError *) okc_session_log_get_error (log), OKC_CLIENT_ERROR,
                    OKC_CLIENT_ERROR_OFFLINE);
    g_assert_null (okc_session_log_row_get_session (row));
  }
  okc_test_backend_restart (backend);

  /* Reload: the failed page is asked for again. */
  okc_session_log_reload (log);
  okc_test_wait_until (not_loading, log);
  g_assert_null (okc_session_log_get_error (log));
  {
    g_autoptr(OkcSessionLogRow) row = g_list_model_get_item (G_LIST_MODEL (log), total - 1);

    okc_test_wait_until (row_has_session, row);
  }
}

static void
test_finalize (void)
{
  Changes changes = { 0 };
  OkcSessionLog *log = loaded_log (NULL, &changes);
  OkcSessionLogRow *row = g_list_model_get_item (G_LIST_MODEL (log), 3);

  /* A row outlives its log and keeps its session. */
  g_assert_nonnull (okc_session_log_row_get_session (row));
  g_assert_finalize_object (log);
  g_assert_nonnull (okc_session_log_row_get_session (row));
  g_assert_finalize_object (row);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcUser) user = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/SessionLog/total", test_total);
  g_test_add_func ("/Okc/SessionLog/far-row", test_far_row);
  g_test_add_func ("/Okc/SessionLog/eviction", test_eviction);
  g_test_add_func ("/Okc/SessionLog/dropped-rows", test_dropped_rows);
  g_test_add_func ("/Okc/SessionLog/query-change", test_query_change);
  g_test_add_func ("/Okc/SessionLog/errors", test_errors);
  g_test_add_func ("/Okc/SessionLog/finalize", test_finalize);

  backend = okc_test_backend_start ((const char *[]) { "--tickets", "10", NULL });
  agent = okc_client_new (okc_test_backend_get_url (backend), &error);
  g_assert_no_error (error);
  okc_client_sign_in_async (agent, "alex.rivera@ok2charge.example", "demo-agent", NULL,
                            okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  user = okc_client_sign_in_finish (agent, result, &error);
  g_assert_no_error (error);
  /* After an answer, not at once: the backend takes SIGTERM only once it serves. */
  grow_sessions ();

  status = g_test_run ();
  g_clear_object (&agent);
  okc_test_backend_stop (backend);
  return status;
}
