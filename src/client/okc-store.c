/* okc-store.c — every SQLite call runs on one worker, in the order the operations were
 * asked for, on a snapshot (JSON text) taken on the main thread
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "okc-search-document.h"
#include "okc-search-query.h"
#include "okc-store.h"

/* The schema, one step per version: migrations[i] takes a file from user_version i to
 * i + 1. Add steps at the end; never edit one that has shipped. */
static const char * const migrations[] = {
  /* 0 → 1: the cached queue and the sync mark. tickets keeps its rowid so that an
   * external-content FTS5 table can index it later. */
  "CREATE TABLE tickets ("
  "  id TEXT NOT NULL PRIMARY KEY,"
  "  version INTEGER NOT NULL,"
  "  status TEXT NOT NULL,"
  "  priority INTEGER NOT NULL,"
  "  topic TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  json TEXT NOT NULL"
  ");"
  "CREATE INDEX tickets_by_status ON tickets (status);"
  "CREATE TABLE meta ("
  "  key TEXT NOT NULL PRIMARY KEY,"
  "  value"
  ");",

  /* 1 → 2: full-text search. The indexed text is a column of the ticket's row, and
   * tickets_fts an external-content index of it, kept in step by triggers, so every
   * statement that writes tickets (save, retain, dropping unreadable rows) updates the
   * index in its own transaction, and a 'delete' always hands FTS5 the very text it
   * indexed. The rows of a version 1 file get their text from okc_search_document(),
   * which the store registers on its connection, and the index is built from them
   * before the triggers exist. Rows must keep their rowid: tickets is only ever
   * upserted (never INSERT OR REPLACE) and never vacuumed. */
  "ALTER TABLE tickets ADD COLUMN search_text TEXT NOT NULL DEFAULT '';"
  "UPDATE tickets SET search_text = okc_search_document (json);"
  "CREATE VIRTUAL TABLE tickets_fts USING fts5 ("
  "  search_text,"
  "  content = 'tickets',"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '1 2 3'"
  ");"
  "INSERT INTO tickets_fts (tickets_fts) VALUES ('rebuild');"
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
  "END;",

  /* 2 → 3: a cheaper index. prefix = '1 2 3' made FTS5 write every token three more
   * times, the one-character entries being the largest, for saves several times slower;
   * a one-character word is no longer a prefix (okc_search_query_build()), so only
   * two- and three-character prefixes are indexed. An update that leaves search_text as
   * it was (a status change, a new version of the same text) no longer touches the
   * index. The index is rebuilt from the rows' text, which has not changed.
   * ticket_ids maps a row's rowid to its id in a few bytes a row: a search turns FTS5's
   * rowids into ids there, in pages that stay cached, instead of reading each match's
   * row of tickets (its JSON, a page or more). A row's id never changes (saves upsert
   * on it), so inserts and deletes keep the map in step. */
  "DROP TRIGGER tickets_fts_after_insert;"
  "DROP TRIGGER tickets_fts_after_delete;"
  "DROP TRIGGER tickets_fts_after_update;"
  "DROP TABLE tickets_fts;"
  "CREATE VIRTUAL TABLE tickets_fts USING fts5 ("
  "  search_text,"
  "  content = 'tickets',"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '2 3'"
  ");"
  "INSERT INTO tickets_fts (tickets_fts) VALUES ('rebuild');"
  "CREATE TRIGGER tickets_fts_after_insert AFTER INSERT ON tickets BEGIN"
  "  INSERT INTO tickets_fts (rowid, search_text) VALUES (new.rowid, new.search_text);"
  "END;"
  "CREATE TRIGGER tickets_fts_after_delete AFTER DELETE ON tickets BEGIN"
  "  INSERT INTO tickets_fts (tickets_fts, rowid, search_text)"
  "    VALUES ('delete', old.rowid, old.search_text);"
  "END;"
  "CREATE TRIGGER tickets_fts_after_update AFTER UPDATE OF search_text ON tickets"
  "  WHEN old.search_text IS NOT new.search_text BEGIN"
  "  INSERT INTO tickets_fts (tickets_fts, rowid, search_text)"
  "    VALUES ('delete', old.rowid, old.search_text);"
  "  INSERT INTO tickets_fts (rowid, search_text) VALUES (new.rowid, new.search_text);"
  "END;"
  "CREATE TABLE ticket_ids ("
  "  ticket_rowid INTEGER NOT NULL PRIMARY KEY,"
  "  id TEXT NOT NULL"
  ");"
  "INSERT INTO ticket_ids (ticket_rowid, id) SELECT rowid, id FROM tickets;"
  "CREATE TRIGGER ticket_ids_after_insert AFTER INSERT ON tickets BEGIN"
  "  INSERT INTO ticket_ids (ticket_rowid, id) VALUES (new.rowid, new.id);"
  "END;"
  "CREATE TRIGGER ticket_ids_after_delete AFTER DELETE ON tickets BEGIN"
  "  DELETE FROM ticket_ids WHERE ticket_rowid = old.rowid;"
  "END;",

  /* 3 → 4: the outbox (docs/actions.md): every action, written before it is sent, with
   * its idempotency key, until the backend confirms or refuses it. body and response are
   * JSON text (NULL for none); times are Unix seconds; state is the OkcOutboxState nick. */
  "CREATE TABLE outbox ("
  "  key TEXT NOT NULL PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  method TEXT NOT NULL,"
  "  path TEXT NOT NULL,"
  "  body TEXT,"
  "  ticket_id TEXT,"
  "  summary TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  state TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  http_status INTEGER NOT NULL DEFAULT 0,"
  "  response TEXT,"
  "  finished_at INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX outbox_by_state ON outbox (state, created_at);",
};

#define SCHEMA_VERSION ((int) G_N_ELEMENTS (migrations))

/* What each version's tables must answer to; a file that claims the version and fails
 * this is damaged. */
static const char * const schema_probes[] = {
  "SELECT id, version, status, priority, topic, created_at, updated_at, json FROM tickets "
  "LIMIT 0",
  "SELECT key, value FROM meta LIMIT 0",
  "SELECT search_text FROM tickets LIMIT 0",
  "SELECT rowid, bm25 (tickets_fts) FROM tickets_fts WHERE tickets_fts MATCH 'x' LIMIT 0",
  "SELECT ticket_rowid, id FROM ticket_ids LIMIT 0",
  "SELECT key, kind, method, path, body, ticket_id, summary, created_at, state, attempts, "
  "next_attempt_at, last_error, http_status, response, finished_at FROM outbox LIMIT 0",
};

#define SYNC_MARK_KEY "sync_mark"
#define BUSY_TIMEOUT_MS 5000

G_DEFINE_QUARK (okc-store-error-quark, okc_store_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Worker side ------------------------------------------------------------------------ */

/* Owned by the worker: only jobs touch it, one at a time. */
typedef struct
{
  char *path;
  sqlite3 *db;
} Database;

typedef struct _Job Job;

struct _Job
{
  gboolean (*run) (Database *database, Job *job, GError **error);
  void (*apply) (OkcStore *self, Job *job); /* main thread, before the task returns */
  GTask *task;                              /* NULL for the closing job */
  gpointer input;
  GDestroyNotify input_free;
  gpointer result;
  GDestroyNotify result_free;
  GError *error;
};

struct _OkcStore
{
  GObject parent_instance;

  char *path;
  GThreadPool *worker;
  Database *database;
  GError *recovery_error;
  char *moved_aside_path;
};

G_DEFINE_FINAL_TYPE (OkcStore, okc_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
job_free (Job *job)
{
  if (job->input_free != NULL)
    g_clear_pointer (&job->input, job->input_free);
  if (job->result_free != NULL)
    g_clear_pointer (&job->result, job->result_free);
  g_clear_error (&job->error);
  g_clear_object (&job->task);
  g_free (job);
}

static gboolean
complete_job_cb (gpointer user_data)
{
  Job *job = user_data;

  if (job->apply != NULL)
    job->apply (g_task_get_source_object (job->task), job);

  if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else if (job->result_free != NULL)
    g_task_return_pointer (job->task, g_steal_pointer (&job->result), job->result_free);
  else
    g_task_return_boolean (job->task, TRUE);

  return G_SOURCE_REMOVE;
}

static void
database_close (Database *database)
{
  if (database->db != NULL)
    {
      int rc = sqlite3_close (database->db);
      if (rc != SQLITE_OK)
        g_debug ("Closing %s: %s", database->path, sqlite3_errstr (rc));
      database->db = NULL;
    }
}

/* The job hands its result back on the task's main context, and is freed there: the last
 * reference to the task (and so to the store) is never dropped on the worker. */
static void
worker_cb (gpointer data,
           gpointer user_data)
{
  Job *job = data;
  Database *database = user_data;
  GSource *source;

  if (job->task == NULL)
    {
      job->run (database, job, NULL);
      job_free (job);
      return;
    }

  if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (job->task), &job->error))
    job->run (database, job, &job->error);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[okc] store job completion");
  g_source_set_callback (source, complete_job_cb, job, (GDestroyNotify) job_free);
  g_source_attach (source, g_task_get_context (job->task));
  g_source_unref (source);
}

static OkcStoreError
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return OKC_STORE_ERROR_CORRUPT;
    default:
      return OKC_STORE_ERROR_FAILED;
    }
}

static void
set_sqlite_error (GError     **error,
                  Database    *database,
                  int          rc,
                  const char  *doing)
{
  const char *detail = database->db != NULL ? sqlite3_errmsg (database->db) : sqlite3_errstr (rc);

  g_debug ("Store %s: SQLite error %d while %s: %s", database->path, rc, doing, detail);
  g_set_error (error, OKC_STORE_ERROR, error_code_for (rc),
               _("The local store %s cannot be used: %s"), database->path, detail);
}

static gboolean
exec (Database    *database,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (database->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, database, rc, sql);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare (Database    *database,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *statement = NULL;
  int rc = sqlite3_prepare_v2 (database->db, sql, -1, &statement, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, database, rc, sql);
      return NULL;
    }
  return statement;
}

static gboolean
rollback (Database *database)
{
  if (!sqlite3_get_autocommit (database->db))
    sqlite3_exec (database->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
read_user_version (Database  *database,
                   int       *out_version,
                   GError   **error)
{
  g_autoptr(sqlite3_stmt) statement = prepare (database, "PRAGMA user_version", error);
  int rc;

  if (statement == NULL)
    return FALSE;
  rc = sqlite3_step (statement);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, database, rc, "reading the schema version");
      return FALSE;
    }
  *out_version = sqlite3_column_int (statement, 0);
  return TRUE;
}

static gboolean
migrate (Database  *database,
         int        from,
         GError   **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", SCHEMA_VERSION);

  if (!exec (database, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (int version = from; version < SCHEMA_VERSION; version++)
    {
      int rc = sqlite3_exec (database->db, migrations[version], NULL, NULL, NULL);

      /* A plain SQL error here is a table or column the file's version promised and
       * does not have: the file is damaged, not the disk. */
      if ((rc & 0xff) == SQLITE_ERROR)
        {
          g_set_error (error, OKC_STORE_ERROR, OKC_STORE_ERROR_CORRUPT,
                       _("The local store %s cannot be used: its tables are not those of "
                         "schema version %d (%s)"),
                       database->path, version, sqlite3_errmsg (database->db));
          return rollback (database);
        }
      if (rc != SQLITE_OK)
        {
          set_sqlite_error (error, database, rc, "migrating the schema");
          return rollback (database);
        }
    }
  if (!exec (database, set_version, error) || !exec (database, "COMMIT", error))
    return rollback (database);

  g_debug ("Store %s migrated from schema %d to %d", database->path, from, SCHEMA_VERSION);
  return TRUE;
}

static gboolean
check_schema (Database  *database,
              GError   **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (schema_probes); i++)
    {
      sqlite3_stmt *statement = NULL;
      int rc = sqlite3_prepare_v2 (database->db, schema_probes[i], -1, &statement, NULL);

      sqlite3_finalize (statement);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, OKC_STORE_ERROR, OKC_STORE_ERROR_CORRUPT,
                       _("The local store %s cannot be used: its tables are not those of "
                         "schema version %d (%s)"),
                       database->path, SCHEMA_VERSION, sqlite3_errmsg (database->db));
          return FALSE;
        }
    }
  return TRUE;
}

/* okc_search_document(json): the indexed text of a stored row, for the migration that
 * indexes a version 1 file. */
static void
search_document_function (sqlite3_context  *context,
                          int               argc,
                          sqlite3_value   **argv)
{
  const char *json = (const char *) sqlite3_value_text (argv[0]);
  char *document;

  if (json == NULL)
    {
      sqlite3_result_text (context, "", 0, SQLITE_STATIC);
      return;
    }
  document = okc_search_document_build_from_json (json, sqlite3_value_bytes (argv[0]));
  sqlite3_result_text (context, document, -1, g_free);
}

static gboolean
open_database (Database  *database,
               GError   **error)
{
  g_autofree char *directory = g_path_get_dirname (database->path);
  int version = 0;
  int rc;

  /* The first sign-in of an account on this computer: its folder does not exist yet. */
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, OKC_STORE_ERROR, OKC_STORE_ERROR_FAILED,
                   _("Cannot create the folder %s for the local store: %s"), directory,
                   g_strerror (saved_errno));
      return FALSE;
    }

  rc = sqlite3_open_v2 (database->path, &database->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, database, rc, "opening");
      database_close (database);
      return FALSE;
    }
  sqlite3_extended_result_codes (database->db, TRUE);
  sqlite3_busy_timeout (database->db, BUSY_TIMEOUT_MS);
  rc = sqlite3_create_function_v2 (database->db, "okc_search_document", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   NULL, search_document_function, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, database, rc, "registering okc_search_document()");
      database_close (database);
      return FALSE;
    }

  /* The first statements read the header: this is where a file that is not a database
   * shows itself. */
  if (!exec (database, "PRAGMA journal_mode = WAL", error) ||
      !exec (database, "PRAGMA synchronous = NORMAL", error) ||
      !read_user_version (database, &version, error))
    {
      database_close (database);
      return FALSE;
    }

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, OKC_STORE_ERROR, OKC_STORE_ERROR_FUTURE_SCHEMA,
                   _("The local store %s was written by a newer version of the console "
                     "(schema version %d; this version knows up to %d)"),
                   database->path, version, SCHEMA_VERSION);
      database_close (database);
      return FALSE;
    }

  if ((version < SCHEMA_VERSION && !migrate (database, version, error)) ||
      !check_schema (database, error))
    {
      database_close (database);
      return FALSE;
    }
  return TRUE;
}

static char *
find_aside_path (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  char *aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  for (guint i = 1; g_file_test (aside, G_FILE_TEST_EXISTS); i++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);
    }
  return aside;
}

/* Moves the file aside, with the journal files that belong to it: a stale write-ahead log
 * left next to a new database would be replayed into it. */
static char *
move_aside (Database  *database,
            GError   **error)
{
  static const char * const companions[] = { "-wal", "-shm", "-journal" };
  g_autofree char *aside = find_aside_path (database->path);

  if (g_rename (database->path, aside) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, OKC_STORE_ERROR, OKC_STORE_ERROR_FAILED,
                   _("The local store %s is damaged and could not be moved aside: %s"),
                   database->path, g_strerror (saved_errno));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (database->path, companions[i], NULL);
      g_autofree char *to = g_strconcat (aside, companions[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, OKC_STORE_ERROR, OKC_STORE_ERROR_FAILED,
                       _("The local store %s is damaged and its journal %s could not be moved "
                         "aside: %s"),
                       database->path, from, g_strerror (saved_errno));
          return NULL;
        }
    }

  return g_steal_pointer (&aside);
}

typedef struct
{
  GError *recovery_error;
  char *moved_aside_path;
} OpenResult;

static void
open_result_free (OpenResult *result)
{
  g_clear_error (&result->recovery_error);
  g_free (result->moved_aside_path);
  g_free (result);
}

static gboolean
open_job (Database  *database,
          Job       *job,
          GError   **error)
{
  OkcStoreOpenFlags flags = GPOINTER_TO_UINT (job->input);
  g_autoptr(GError) cause = NULL;
  g_autofree char *aside = NULL;
  OpenResult *result;

  job->result = result = g_new0 (OpenResult, 1);
  job->result_free = (GDestroyNotify) open_result_free;

  if (database->db != NULL || open_database (database, &cause))
    return TRUE;

  if ((flags & OKC_STORE_OPEN_RECOVER) == 0 ||
      !(g_error_matches (cause, OKC_STORE_ERROR, OKC_STORE_ERROR_CORRUPT) ||
        g_error_matches (cause, OKC_STORE_ERROR, OKC_STORE_ERROR_FUTURE_SCHEMA)))
    {
      g_propagate_error (error, g_steal_pointer (&cause));
      return FALSE;
    }

  aside = move_aside (database, error);
  if (aside == NULL || !open_database (database, error))
    return FALSE;

  g_set_error (&result->recovery_error, cause->domain, cause->code,
               _("%s. It was moved to %s and an empty store was started; the tickets will be "
                 "downloaded again from the backend."),
               cause->message, aside);
  result->moved_aside_path = g_steal_pointer (&aside);
  return TRUE;
}

static gboolean
ensure_open (Database  *database,
             GError   **error)
{
  if (database->db != NULL)
    return TRUE;

  g_set_error (error, OKC_STORE_ERROR, OKC_STORE_ERROR_NOT_OPEN,
               _("The local store %s is not open"), database->path);
  return FALSE;
}

/* One ticket as the worker stores it: plain data, taken on the main thread. */
typedef struct
{
  char *id;
  gint64 version;
  const char *status;
  int priority;
  const char *topic;
  gint64 created_at;
  gint64 updated_at;
  char *json;
  char *search_text;
} TicketRow;

static void
ticket_row_free (TicketRow *row)
{
  g_free (row->id);
  g_free (row->json);
  g_free (row->search_text);
  g_free (row);
}

typedef struct
{
  GPtrArray *rows;
  gint64 sync_mark;
} SaveInput;

static void
save_input_free (SaveInput *input)
{
  g_ptr_array_unref (input->rows);
  g_free (input);
}

static gboolean
bind_row (sqlite3_stmt *statement,
          TicketRow    *row)
{
  return sqlite3_bind_text (statement, 1, row->id, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_int64 (statement, 2, row->version) == SQLITE_OK &&
         sqlite3_bind_text (statement, 3, row->status, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_int (statement, 4, row->priority) == SQLITE_OK &&
         sqlite3_bind_text (statement, 5, row->topic, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_int64 (statement, 6, row->created_at) == SQLITE_OK &&
         sqlite3_bind_int64 (statement, 7, row->updated_at) == SQLITE_OK &&
         sqlite3_bind_text (statement, 8, row->json, -1, SQLITE_STATIC) == SQLITE_OK &&
         sqlite3_bind_text (statement, 9, row->search_text, -1, SQLITE_STATIC) == SQLITE_OK;
}

static gboolean
save_job (Database  *database,
          Job       *job,
          GError   **error)
{
  SaveInput *input = job->input;
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) mark = NULL;
  int rc;

  if (!ensure_open (database, error) || !exec (database, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* A version never goes backwards: an older copy arriving late (a page fetched before
   * an update, a replayed save) leaves the newer row alone. */
  upsert = prepare (database,
                    "INSERT INTO tickets (id, version, status, priority, topic, created_at, "
                    "                     updated_at, json, search_text) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                    "ON CONFLICT (id) DO UPDATE SET version = excluded.version, "
                    "  status = excluded.status, priority = excluded.priority, "
                    "  topic = excluded.topic, created_at = excluded.created_at, "
                    "  updated_at = excluded.updated_at, json = excluded.json, "
                    "  search_text = excluded.search_text "
                    "WHERE excluded.version > tickets.version",
                    error);
  if (upsert == NULL)
    return rollback (database);

  for (guint i = 0; i < input->rows->len; i++)
    {
      TicketRow *row = g_ptr_array_index (input->rows, i);

      sqlite3_reset (upsert);
      if (!bind_row (upsert, row))
        {
          set_sqlite_error (error, database, sqlite3_errcode (database->db), "saving a ticket");
          return rollback (database);
        }
      rc = sqlite3_step (upsert);
      if (rc != SQLITE_DONE)
        {
          set_sqlite_error (error, database, rc, "saving a ticket");
          return rollback (database);
        }
    }

  if (input->sync_mark > 0)
    {
      mark = prepare (database,
                      "INSERT INTO meta (key, value) VALUES ('" SYNC_MARK_KEY "', ?1) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value "
                      "WHERE excluded.value > meta.value",
                      error);
      if (mark == NULL)
        return rollback (database);
      sqlite3_bind_int64 (mark, 1, input->sync_mark);
      rc = sqlite3_step (mark);
      if (rc != SQLITE_DONE)
        {
          set_sqlite_error (error, database, rc, "saving the sync mark");
          return rollback (database);
        }
    }

  if (!exec (database, "COMMIT", error))
    return rollback (database);
  return TRUE;
}

typedef struct
{
  GPtrArray *tickets;
  guint n_skipped;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->tickets, g_ptr_array_unref);
  g_free (result);
}

static OkcTicket *
decode_row (const char  *id,
            const char  *json,
            gsize        length,
            gint64       version,
            GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, length);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(OkcTicket) ticket = NULL;

  root = okc_json_parse_bytes (bytes, error);
  if (root == NULL)
    return NULL;
  ticket = okc_ticket_new_from_json (root, NULL, error);
  if (ticket == NULL)
    return NULL;

  if (g_strcmp0 (okc_ticket_get_id (ticket), id) != 0 ||
      okc_ticket_get_version (ticket) != version)
    {
      g_set_error (error, OKC_STORE_ERROR, OKC_STORE_ERROR_CORRUPT,
                   "the row's id or version does not match its JSON");
      return NULL;
    }
  return g_steal_pointer (&ticket);
}

/* Rows that no longer decode (a damaged page, a core that became stricter) are dropped,
 * and the sync mark with them, so that the next refresh downloads the queue again. */
static gboolean
drop_rows (Database   *database,
           GPtrArray  *ids,
           GError    **error)
{
  g_autoptr(sqlite3_stmt) delete = NULL;

  if (!exec (database, "BEGIN IMMEDIATE", error))
    return FALSE;

  delete = prepare (database, "DELETE FROM tickets WHERE id = ?1", error);
  if (delete == NULL)
    return rollback (database);
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (delete);
      sqlite3_bind_text (delete, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
      if (sqlite3_step (delete) != SQLITE_DONE)
        {
          set_sqlite_error (error, database, sqlite3_errcode (database->db),
                            "dropping an unreadable ticket");
          return rollback (database);
        }
    }

  if (!exec (database, "DELETE FROM meta WHERE key = '" SYNC_MARK_KEY "'", error) ||
      !exec (database, "COMMIT", error))
    return rollback (database);
  return TRUE;
}

static gboolean
load_job (Database  *database,
          Job       *job,
          GError   **error)
{
  OkcStoreLoadFlags flags = GPOINTER_TO_UINT (job->input);
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) unreadable = g_ptr_array_new_with_free_func (g_free);
  LoadResult *result;
  int rc;

  if (!ensure_open (database, error))
    return FALSE;

  select = prepare (database,
                    (flags & OKC_STORE_LOAD_OPEN_ONLY) != 0
                      ? "SELECT id, version, json FROM tickets WHERE status <> 'resolved'"
                      : "SELECT id, version, json FROM tickets",
                    error);
  if (select == NULL)
    return FALSE;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (select, 0);
      gint64 version = sqlite3_column_int64 (select, 1);
      const char *json = (const char *) sqlite3_column_text (select, 2);
      gsize length = (gsize) sqlite3_column_bytes (select, 2);
      g_autoptr(GError) decode_error = NULL;
      OkcTicket *ticket;

      ticket = decode_row (id, json != NULL ? json : "", json != NULL ? length : 0, version,
                           &decode_error);
      if (ticket == NULL)
        {
          g_debug ("Store %s: dropping ticket %s, which no longer reads: %s", database->path,
                   id != NULL ? id : "(no id)", decode_error->message);
          g_ptr_array_add (unreadable, g_strdup (id != NULL ? id : ""));
          continue;
        }
      g_ptr_array_add (tickets, ticket);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, database, rc, "reading the tickets");
      return FALSE;
    }
  g_clear_pointer (&select, sqlite3_finalize);

  if (unreadable->len > 0 && !drop_rows (database, unreadable, error))
    return FALSE;

  result = g_new0 (LoadResult, 1);
  result->tickets = g_steal_pointer (&tickets);
  result->n_skipped = unreadable->len;
  job->result = result;
  job->result_free = (GDestroyNotify) load_result_free;
  return TRUE;
}

static gboolean
retain_job (Database  *database,
            Job       *job,
            GError   **error)
{
  GPtrArray *ids = job->input;
  g_autoptr(sqlite3_stmt) insert = NULL;

  if (!ensure_open (database, error) || !exec (database, "BEGIN IMMEDIATE", error) ||
      !exec (database, "CREATE TEMP TABLE IF NOT EXISTS retained (id TEXT PRIMARY KEY)", error) ||
      !exec (database, "DELETE FROM retained", error))
    return rollback (database);

  insert = prepare (database, "INSERT OR IGNORE INTO retained (id) VALUES (?1)", error);
  if (insert == NULL)
    return rollback (database);
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          set_sqlite_error (error, database, sqlite3_errcode (database->db),
                            "listing the tickets to keep");
          return rollback (database);
        }
    }

  if (!exec (database,
             "DELETE FROM tickets WHERE status <> 'resolved' "
             "AND id NOT IN (SELECT id FROM retained)",
             error) ||
      !exec (database, "DELETE FROM retained", error) || !exec (database, "COMMIT", error))
    return rollback (database);
  return TRUE;
}

static gboolean
sync_mark_job (Database  *database,
               Job       *job,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  gint64 *mark;
  int rc;

  if (!ensure_open (database, error))
    return FALSE;

  select = prepare (database, "SELECT value FROM meta WHERE key = '" SYNC_MARK_KEY "'", error);
  if (select == NULL)
    return FALSE;

  mark = g_new0 (gint64, 1);
  job->result = mark;
  job->result_free = g_free;

  rc = sqlite3_step (select);
  if (rc == SQLITE_ROW)
    *mark = sqlite3_column_int64 (select, 0);
  else if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, database, rc, "reading the sync mark");
      return FALSE;
    }
  return TRUE;
}

static int
search_progress_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

/* Every match once, unranked: the caller uses the ids as a set, so ranking (bm25 reads
 * every match's statistics) and sorting would be wasted work. FTS5 gives the rowids and
 * ticket_ids their ids, without reading the tickets' rows. The progress handler lets a
 * cancelled search stop midway. */
static gboolean
search_job (Database  *database,
            Job       *job,
            GError   **error)
{
  const char *match = job->input;
  GCancellable *cancellable = g_task_get_cancellable (job->task);
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (!ensure_open (database, error))
    return FALSE;

  select = prepare (database,
                    match != NULL
                      ? "SELECT ticket_ids.id FROM tickets_fts "
                        "CROSS JOIN ticket_ids ON ticket_ids.ticket_rowid = tickets_fts.rowid "
                        "WHERE tickets_fts MATCH ?1"
                      : "SELECT id FROM ticket_ids",
                    error);
  if (select == NULL)
    return FALSE;
  if (match != NULL)
    sqlite3_bind_text (select, 1, match, -1, SQLITE_STATIC);

  if (cancellable != NULL)
    sqlite3_progress_handler (database->db, 1000, search_progress_cb, cancellable);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (select, 0)));
  sqlite3_progress_handler (database->db, 0, NULL, NULL);

  /* Only a cancellation interrupts. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, database, rc, "searching the tickets");
      return FALSE;
    }

  job->result = g_steal_pointer (&ids);
  job->result_free = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

/* The outbox ------------------------------------------------------------------------ */

void
okc_store_outbox_row_free (OkcStoreOutboxRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row->kind);
  g_free (row->method);
  g_free (row->path);
  g_free (row->body);
  g_free (row->ticket_id);
  g_free (row->summary);
  g_free (row->state);
  g_free (row->last_error);
  g_free (row->response);
  g_free (row);
}

OkcStoreOutboxRow *
okc_store_outbox_row_copy (const OkcStoreOutboxRow *row)
{
  OkcStoreOutboxRow *copy = g_new0 (OkcStoreOutboxRow, 1);

  copy->key = g_strdup (row->key);
  copy->kind = g_strdup (row->kind);
  copy->method = g_strdup (row->method);
  copy->path = g_strdup (row->path);
  copy->body = g_strdup (row->body);
  copy->ticket_id = g_strdup (row->ticket_id);
  copy->summary = g_strdup (row->summary);
  copy->created_at = row->created_at;
  copy->state = g_strdup (row->state);
  copy->attempts = row->attempts;
  copy->next_attempt_at = row->next_attempt_at;
  copy->last_error = g_strdup (row->last_error);
  copy->http_status = row->http_status;
  copy->response = g_strdup (row->response);
  copy->finished_at = row->finished_at;
  return copy;
}

static void
bind_text_or_null (sqlite3_stmt *statement,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (statement, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (statement, index);
}

static char *
column_text_or_null (sqlite3_stmt *statement,
                     int           column)
{
  const unsigned char *text = sqlite3_column_text (statement, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* Inserts the action or, for its key, overwrites how far it got; what it is (kind,
 * method, path, body, ticket, summary, created_at) never changes once written. */
static gboolean
outbox_save_job (Database  *database,
                 Job       *job,
                 GError   **error)
{
  OkcStoreOutboxRow *row = job->input;
  g_autoptr(sqlite3_stmt) upsert = NULL;
  int rc;

  if (!ensure_open (database, error))
    return FALSE;

  upsert = prepare (database,
                    "INSERT INTO outbox (key, kind, method, path, body, ticket_id, summary, "
                    "created_at, state, attempts, next_attempt_at, last_error, http_status, "
                    "response, finished_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
                    "ON CONFLICT (key) DO UPDATE SET state = excluded.state, "
                    "attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at, "
                    "last_error = excluded.last_error, http_status = excluded.http_status, "
                    "response = excluded.response, finished_at = excluded.finished_at",
                    error);
  if (upsert == NULL)
    return FALSE;
  sqlite3_bind_text (upsert, 1, row->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 2, row->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 3, row->method, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 4, row->path, -1, SQLITE_STATIC);
  bind_text_or_null (upsert, 5, row->body);
  bind_text_or_null (upsert, 6, row->ticket_id);
  sqlite3_bind_text (upsert, 7, row->summary, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (upsert, 8, row->created_at);
  sqlite3_bind_text (upsert, 9, row->state, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (upsert, 10, row->attempts);
  sqlite3_bind_int64 (upsert, 11, row->next_attempt_at);
  bind_text_or_null (upsert, 12, row->last_error);
  sqlite3_bind_int64 (upsert, 13, row->http_status);
  bind_text_or_null (upsert, 14, row->response);
  sqlite3_bind_int64 (upsert, 15, row->finished_at);

  rc = sqlite3_step (upsert);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, database, rc, "writing an action to the outbox");
      return FALSE;
    }
  return TRUE;
}

/* Forgets the finished actions older than the cut-off, then reads the others, oldest
 * first, in one transaction. */
static gboolean
outbox_load_job (Database  *database,
                 Job       *job,
                 GError   **error)
{
  gint64 forget_before = *(gint64 *) job->input;
  g_autoptr(sqlite3_stmt) forget = NULL;
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) okc_store_outbox_row_free);
  int rc;

  if (!ensure_open (database, error) || !exec (database, "BEGIN IMMEDIATE", error))
    return rollback (database);

  forget = prepare (database,
                    "DELETE FROM outbox WHERE state IN ('done', 'failed') AND finished_at < ?1",
                    error);
  if (forget == NULL)
    return rollback (database);
  sqlite3_bind_int64 (forget, 1, forget_before);
  rc = sqlite3_step (forget);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, database, rc, "forgetting old actions of the outbox");
      return rollback (database);
    }

  select = prepare (database,
                    "SELECT key, kind, method, path, body, ticket_id, summary, created_at, state, "
                    "attempts, next_attempt_at, last_error, http_status, response, finished_at "
                    "FROM outbox WHERE state <> 'done' ORDER BY created_at, rowid",
                    error);
  if (select == NULL)
    return rollback (database);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      OkcStoreOutboxRow *row = g_new0 (OkcStoreOutboxRow, 1);

      row->key = column_text_or_null (select, 0);
      row->kind = column_text_or_null (select, 1);
      row->method = column_text_or_null (select, 2);
      row->path = column_text_or_null (select, 3);
      row->body = column_text_or_null (select, 4);
      row->ticket_id = column_text_or_null (select, 5);
      row->summary = column_text_or_null (select, 6);
      row->created_at = sqlite3_column_int64 (select, 7);
      row->state = column_text_or_null (select, 8);
      row->attempts = (guint) sqlite3_column_int64 (select, 9);
      row->next_attempt_at = sqlite3_column_int64 (select, 10);
      row->last_error = column_text_or_null (select, 11);
      row->http_status = (guint) sqlite3_column_int64 (select, 12);
      row->response = column_text_or_null (select, 13);
      row->finished_at = sqlite3_column_int64 (select, 14);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, database, rc, "reading the outbox");
      return rollback (database);
    }
  g_clear_pointer (&select, sqlite3_finalize);
  if (!exec (database, "COMMIT", error))
    return rollback (database);

  job->result = g_steal_pointer (&rows);
  job->result_free = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

static gboolean
outbox_delete_job (Database  *database,
                   Job       *job,
                   GError   **error)
{
  g_autoptr(sqlite3_stmt) delete = NULL;
  int rc;

  if (!ensure_open (database, error))
    return FALSE;
  delete = prepare (database, "DELETE FROM outbox WHERE key = ?1", error);
  if (delete == NULL)
    return FALSE;
  sqlite3_bind_text (delete, 1, job->input, -1, SQLITE_STATIC);
  rc = sqlite3_step (delete);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, database, rc, "removing an action from the outbox");
      return FALSE;
    }
  return TRUE;
}

static gboolean
close_job (Database  *database,
           Job       *job,
           GError   **error)
{
  database_close (database);
  g_free (database->path);
  g_free (database);
  return TRUE;
}

/* Main thread ------------------------------------------------------------------------ */

static void
queue_job (OkcStore            *self,
           gboolean           (*run) (Database *, Job *, GError **),
           gpointer             input,
           GDestroyNotify       input_free,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->run = run;
  job->input = input;
  job->input_free = input_free;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);
  g_thread_pool_push (self->worker, job, NULL);
}

static gboolean
check_result (OkcStore     *self,
              GAsyncResult *result,
              gpointer      source_tag)
{
  return g_task_is_valid (result, self) && g_task_get_source_tag (G_TASK (result)) == source_tag;
}

static void
okc_store_constructed (GObject *object)
{
  OkcStore *self = OKC_STORE (object);

  G_OBJECT_CLASS (okc_store_parent_class)->constructed (object);

  self->database = g_new0 (Database, 1);
  self->database->path = g_strdup (self->path);

  /* At most one thread: the jobs run one after the other, in the order pushed. */
  self->worker = g_thread_pool_new (worker_cb, self->database, 1, FALSE, NULL);
}

static void
okc_store_finalize (GObject *object)
{
  OkcStore *self = OKC_STORE (object);
  Job *closing = g_new0 (Job, 1);

  /* Every queued job holds the store through its task, so the worker is idle: the closing
   * job runs right away, and the wait is for SQLite's final checkpoint. */
  closing->run = close_job;
  g_thread_pool_push (self->worker, closing, NULL);
  g_thread_pool_free (self->worker, FALSE, TRUE);

  g_free (self->path);
  g_clear_error (&self->recovery_error);
  g_free (self->moved_aside_path);

  G_OBJECT_CLASS (okc_store_parent_class)->finalize (object);
}

static void
okc_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  OkcStore *self = OKC_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_store_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  OkcStore *self = OKC_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_store_class_init (OkcStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = okc_store_constructed;
  object_class->finalize = okc_store_finalize;
  object_class->get_property = okc_store_get_property;
  object_class->set_property = okc_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_store_init (OkcStore *self)
{
}

/**
 * okc_store_build_filename:
 * @directory: where the stores of all accounts live
 * @backend_url: the backend's address
 * @user_id: the signed-in user's id
 *
 * One store per account: the file name is a digest of the backend and the user, so that
 * two accounts never share a cache.
 *
 * Returns: (transfer full): the path of the account's store in @directory.
 */
char *
okc_store_build_filename (const char *directory,
                          const char *backend_url,
                          const char *user_id)
{
  g_autofree char *account = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (backend_url != NULL, NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  account = g_strconcat (backend_url, "\n", user_id, NULL);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, account, -1);
  digest[32] = '\0';
  name = g_strconcat ("account-", digest, ".sqlite", NULL);
  return g_build_filename (directory, name, NULL);
}

/**
 * okc_store_new:
 * @path: the store's file; it is created when opened if it does not exist
 *
 * Returns: (transfer full): a store, not yet open (see okc_store_open_async()).
 */
OkcStore *
okc_store_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (OKC_TYPE_STORE, "path", path, NULL);
}

/**
 * okc_store_get_path:
 * @self: a store
 *
 * Returns: the store's file.
 */
const char *
okc_store_get_path (OkcStore *self)
{
  g_return_val_if_fail (OKC_IS_STORE (self), NULL);
  return self->path;
}

/**
 * okc_store_get_recovery_error:
 * @self: a store
 *
 * When okc_store_open_async() with %OKC_STORE_OPEN_RECOVER found the file unusable, it
 * moved it aside and started empty; this is what was wrong (%OKC_STORE_ERROR_CORRUPT or
 * %OKC_STORE_ERROR_FUTURE_SCHEMA), its message saying where the file went, for the UI to
 * tell the user.
 *
 * Returns: (transfer none) (nullable): the error that was recovered from, or %NULL.
 */
const GError *
okc_store_get_recovery_error (OkcStore *self)
{
  g_return_val_if_fail (OKC_IS_STORE (self), NULL);
  return self->recovery_error;
}

/**
 * okc_store_get_moved_aside_path:
 * @self: a store
 *
 * Returns: (nullable): where opening moved an unusable file, or %NULL.
 */
const char *
okc_store_get_moved_aside_path (OkcStore *self)
{
  g_return_val_if_fail (OKC_IS_STORE (self), NULL);
  return self->moved_aside_path;
}

static void
apply_open (OkcStore *self,
            Job      *job)
{
  OpenResult *result = job->result;

  if (result == NULL || result->recovery_error == NULL)
    return;

  g_clear_error (&self->recovery_error);
  self->recovery_error = g_steal_pointer (&result->recovery_error);
  g_free (self->moved_aside_path);
  self->moved_aside_path = g_steal_pointer (&result->moved_aside_path);
  g_message ("%s", self->recovery_error->message);
}

/**
 * okc_store_open_async:
 * @self: a store
 * @flags: what to do with a file that cannot be used
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Opens the file, creating it or bringing its schema up to date. Operations may be
 * queued before this completes: they run after it, in order. Opening an open store
 * does nothing.
 */
void
okc_store_open_async (OkcStore            *self,
                      OkcStoreOpenFlags    flags,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Job *job;

  g_return_if_fail (OKC_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->run = open_job;
  job->apply = apply_open;
  job->input = GUINT_TO_POINTER (flags);
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, okc_store_open_async);
  g_thread_pool_push (self->worker, job, NULL);
}

/**
 * okc_store_open_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an #OKC_STORE_ERROR
 *
 * Returns: %TRUE if the store is open (check okc_store_get_recovery_error() for a file
 *   that was moved aside on the way).
 */
gboolean
okc_store_open_finish (OkcStore      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  OpenResult *opened;

  g_return_val_if_fail (OKC_IS_STORE (self), FALSE);
  g_return_val_if_fail (check_result (self, result, okc_store_open_async), FALSE);

  /* What the result says was already applied to self by apply_open(). */
  opened = g_task_propagate_pointer (G_TASK (result), error);
  if (opened == NULL)
    return FALSE;
  open_result_free (opened);
  return TRUE;
}

/**
 * okc_store_load_tickets_async:
 * @self: a store
 * @flags: which tickets
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the stored tickets, decoded with core on the worker. A row that no longer
 * decodes is dropped (and the sync mark forgotten, so the next refresh downloads the
 * queue again); how many is told by okc_store_load_tickets_finish().
 */
void
okc_store_load_tickets_async (OkcStore            *self,
                              OkcStoreLoadFlags    flags,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (OKC_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  queue_job (self, load_job, GUINT_TO_POINTER (flags), NULL, okc_store_load_tickets_async,
             cancellable, callback, user_data);
}

/**
 * okc_store_load_tickets_finish:
 * @self: a store
 * @result: the result given to the callback
 * @out_n_skipped: (out) (optional): how many rows were dropped because they no longer decode
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type OkcTicket) (nullable): the tickets, in no
 *   particular order, or %NULL with an error.
 */
GPtrArray *
okc_store_load_tickets_finish (OkcStore      *self,
                               GAsyncResult  *result,
                               guint         *out_n_skipped,
                               GError       **error)
{
  LoadResult *load;
  GPtrArray *tickets;

  g_return_val_if_fail (OKC_IS_STORE (self), NULL);
  g_return_val_if_fail (check_result (self, result, okc_store_load_tickets_async), NULL);

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return NULL;

  if (out_n_skipped != NULL)
    *out_n_skipped = load->n_skipped;
  tickets = g_steal_pointer (&load->tickets);
  load_result_free (load);
  return tickets;
}

static TicketRow *
ticket_row_new (OkcTicket *ticket)
{
  g_autoptr(JsonNode) json = okc_ticket_to_json (ticket);
  TicketRow *row = g_new0 (TicketRow, 1);

  row->id = g_strdup (okc_ticket_get_id (ticket));
  row->version = okc_ticket_get_version (ticket);
  row->status = okc_enum_to_nick (OKC_TYPE_TICKET_STATUS, okc_ticket_get_status (ticket));
  row->priority = okc_ticket_get_priority (ticket);
  row->topic = okc_ticket_get_topic (ticket)->id;
  row->created_at = okc_ticket_get_created_at (ticket);
  row->updated_at = okc_ticket_get_updated_at (ticket);
  row->json = okc_json_to_string (json);
  row->search_text = okc_search_document_build (ticket);
  return row;
}

/**
 * okc_store_save_tickets_async:
 * @self: a store
 * @tickets: (element-type OkcTicket): the tickets to store
 * @sync_mark: the newest updated_at now held, or 0 to leave the mark as it is
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stores @tickets and the mark in one transaction. A ticket replaces the stored one only
 * if its version is higher; the mark only moves forward. The tickets are serialized
 * before this returns, so @tickets may change afterwards.
 */
void
okc_store_save_tickets_async (OkcStore            *self,
                              GPtrArray           *tickets,
                              gint64               sync_mark,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  SaveInput *input;

  g_return_if_fail (OKC_IS_STORE (self));
  g_return_if_fail (tickets != NULL);
  g_return_if_fail (sync_mark >= 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  input = g_new0 (SaveInput, 1);
  input->rows = g_ptr_array_new_full (tickets->len, (GDestroyNotify) ticket_row_free);
  input->sync_mark = sync_mark;
  for (guint i = 0; i < tickets->len; i++)
    g_ptr_array_add (input->rows, ticket_row_new (g_ptr_array_index (tickets, i)));

  queue_job (self, save_job, input, (GDestroyNotify) save_input_free,
             okc_store_save_tickets_async, cancellable, callback, user_data);
}

/**
 * okc_store_save_tickets_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE if the tickets and the mark were committed.
 */
gboolean
okc_store_save_tickets_finish (OkcStore      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (OKC_IS_STORE (self), FALSE);
  g_return_val_if_fail (check_result (self, result, okc_store_save_tickets_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * okc_store_retain_open_tickets_async:
 * @self: a store
 * @ids: (element-type utf8 utf8): a set of ticket ids (keys; values are ignored)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Forgets every stored ticket that is not resolved and whose id is not in @ids: after a
 * complete listing of the open tickets, those it did not have are no longer open, and
 * the store should not show them again. The ids are copied before this returns.
 */
void
okc_store_retain_open_tickets_async (OkcStore            *self,
                                     GHashTable          *ids,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GPtrArray *copy;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (OKC_IS_STORE (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  copy = g_ptr_array_new_full (g_hash_table_size (ids), g_free);
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (copy, g_strdup (key));

  queue_job (self, retain_job, copy, (GDestroyNotify) g_ptr_array_unref,
             okc_store_retain_open_tickets_async, cancellable, callback, user_data);
}

/**
 * okc_store_retain_open_tickets_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE if the other open tickets were forgotten.
 */
gboolean
okc_store_retain_open_tickets_finish (OkcStore      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (OKC_IS_STORE (self), FALSE);
  g_return_val_if_fail (check_result (self, result, okc_store_retain_open_tickets_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * okc_store_get_sync_mark_async:
 * @self: a store
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the sync mark: the newest updated_at of the tickets stored, the `since` of the
 * next refresh.
 */
void
okc_store_get_sync_mark_async (OkcStore            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (OKC_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  queue_job (self, sync_mark_job, NULL, NULL, okc_store_get_sync_mark_async, cancellable,
             callback, user_data);
}

/**
 * okc_store_get_sync_mark_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: the mark in seconds since the epoch, 0 if there is none yet, or -1 with an
 *   error.
 */
gint64
okc_store_get_sync_mark_finish (OkcStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_autofree gint64 *mark = NULL;

  g_return_val_if_fail (OKC_IS_STORE (self), -1);
  g_return_val_if_fail (check_result (self, result, okc_store_get_sync_mark_async), -1);

  mark = g_task_propagate_pointer (G_TASK (result), error);
  return mark != NULL ? *mark : -1;
}

/**
 * okc_store_search_tickets_async:
 * @self: a store
 * @text: (nullable): what the agent typed
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds the stored tickets whose text holds every word of @text as the beginning of a
 * word, case and diacritics aside (see okc_search_query_build()): the id, requester,
 * property, charger, summary, collected fields and conversation are searched. Text with
 * no letter or digit sets no condition: every stored ticket matches. A word of a single
 * letter or digit is not a prefix (it would match nearly every ticket): followed by a
 * space it matches only that whole word ("+1 928" finds "+1 928-555-0134"); at the end
 * of @text it is the first keystroke of a word and sets no condition, so "maya c" finds
 * what "maya" finds and "m" every ticket, until the next keystroke; likewise "CH-1"
 * finds what "CH-" finds. Whatever @text
 * holds, it is never FTS5 syntax, so it cannot make the search fail. A search cancelled
 * while it runs stops there.
 */
void
okc_store_search_tickets_async (OkcStore            *self,
                                const char          *text,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (OKC_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  queue_job (self, search_job, okc_search_query_build (text), g_free,
             okc_store_search_tickets_async, cancellable, callback, user_data);
}

/**
 * okc_store_search_tickets_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error; %G_IO_ERROR_CANCELLED when cancelled
 *
 * Returns: (transfer container) (element-type utf8) (nullable): the ids of the matching
 *   tickets, each once and in no particular order, or %NULL with an error.
 */
GPtrArray *
okc_store_search_tickets_finish (OkcStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (OKC_IS_STORE (self), NULL);
  g_return_val_if_fail (check_result (self, result, okc_store_search_tickets_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * okc_store_save_outbox_row_async:
 * @row: the action; copied before this returns
 *
 * Writes an action of the outbox, or how far an action already written got.
 */
void
okc_store_save_outbox_row_async (OkcStore                *self,
                                 const OkcStoreOutboxRow *row,
                                 GCancellable            *cancellable,
                                 GAsyncReadyCallback      callback,
                                 gpointer                 user_data)
{
  g_return_if_fail (OKC_IS_STORE (self));
  g_return_if_fail (row != NULL && row->key != NULL && row->state != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  queue_job (self, outbox_save_job, okc_store_outbox_row_copy (row),
             (GDestroyNotify) okc_store_outbox_row_free, okc_store_save_outbox_row_async,
             cancellable, callback, user_data);
}

gboolean
okc_store_save_outbox_row_finish (OkcStore      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (OKC_IS_STORE (self), FALSE);
  g_return_val_if_fail (check_result (self, result, okc_store_save_outbox_row_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * okc_store_load_outbox_async:
 * @forget_before: Unix seconds: done and failed actions finished before are deleted
 *
 * Reads the actions that are not done (pending, sending, failed), oldest first.
 */
void
okc_store_load_outbox_async (OkcStore            *self,
                             gint64               forget_before,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  gint64 *input;

  g_return_if_fail (OKC_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  input = g_new (gint64, 1);
  *input = forget_before;
  queue_job (self, outbox_load_job, input, g_free, okc_store_load_outbox_async, cancellable,
             callback, user_data);
}

/**
 * okc_store_load_outbox_finish:
 *
 * Returns: (transfer container) (element-type OkcStoreOutboxRow) (nullable): the rows,
 *   or %NULL with an error.
 */
GPtrArray *
okc_store_load_outbox_finish (OkcStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (OKC_IS_STORE (self), NULL);
  g_return_val_if_fail (check_result (self, result, okc_store_load_outbox_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * okc_store_delete_outbox_row_async:
 * @key: the action's idempotency key
 *
 * Removes an action from the outbox (a failed one the agent discarded).
 */
void
okc_store_delete_outbox_row_async (OkcStore            *self,
                                   const char          *key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (OKC_IS_STORE (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  queue_job (self, outbox_delete_job, g_strdup (key), g_free, okc_store_delete_outbox_row_async,
             cancellable, callback, user_data);
}

gboolean
okc_store_delete_outbox_row_finish (OkcStore      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (OKC_IS_STORE (self), FALSE);
  g_return_val_if_fail (check_result (self, result, okc_store_delete_outbox_row_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
