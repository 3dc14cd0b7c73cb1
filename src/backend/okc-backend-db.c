/* okc-backend-db.c — the backend's SQLite database: schema, statements, transactions
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-db.h"

#include "okc-backend-fleet-sim-store.h"
#include "okc-backend-schema.h"
#include "okc-backend-tickets.h"

struct _OkcBackendDb
{
  GObject parent_instance;

  char *path;
  sqlite3 *handle;
  GHashTable *statements; /* SQL text → sqlite3_stmt, finalized with the database */
  guint depth;            /* open okc_backend_db_begin() levels: the transaction and its savepoints */
};

G_DEFINE_FINAL_TYPE (OkcBackendDb, okc_backend_db, G_TYPE_OBJECT)

G_DEFINE_QUARK (okc-backend-db-error-quark, okc_backend_db_error)

/* How long a writer waits for another connection (an --export run beside a server). */
#define BUSY_TIMEOUT_MS 5000

static void
okc_backend_db_finalize (GObject *object)
{
  OkcBackendDb *self = OKC_BACKEND_DB (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_free (self->path);

  G_OBJECT_CLASS (okc_backend_db_parent_class)->finalize (object);
}

static void
okc_backend_db_class_init (OkcBackendDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_backend_db_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
okc_backend_db_init (OkcBackendDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

void
okc_backend_stmt_release (OkcBackendStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/**
 * okc_backend_db_set_error:
 *
 * Sets @error from the connection's last SQLite error.
 *
 * Returns: %FALSE, so that callers can `return okc_backend_db_set_error (…)`.
 */
gboolean
okc_backend_db_set_error (OkcBackendDb  *self,
                          GError       **error)
{
  g_set_error (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE, "%s: %s", self->path,
               sqlite3_errmsg (self->handle));
  return FALSE;
}

gboolean
okc_backend_db_exec (OkcBackendDb  *self,
                     const char    *sql,
                     GError       **error)
{
  g_return_val_if_fail (OKC_IS_BACKEND_DB (self), FALSE);

  if (sqlite3_exec (self->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    return okc_backend_db_set_error (self, error);
  return TRUE;
}

/**
 * okc_backend_db_prepare:
 * @sql: one SQL statement; statements are cached by their text
 *
 * Returns: (transfer none) (nullable): the statement, reset and without bindings; hold
 *   it in a g_autoptr(OkcBackendStmt) so that it is reset after use.
 */
OkcBackendStmt *
okc_backend_db_prepare (OkcBackendDb  *self,
                        const char    *sql,
                        GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      okc_backend_stmt_release (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) !=
      SQLITE_OK)
    {
      okc_backend_db_set_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Runs @stmt, which returns no rows, to completion. */
gboolean
okc_backend_db_step_done (OkcBackendDb    *self,
                          OkcBackendStmt  *stmt,
                          GError         **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return okc_backend_db_set_error (self, error);
  return TRUE;
}

void
okc_backend_stmt_bind_text (OkcBackendStmt *stmt,
                            int             index,
                            const char     *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
okc_backend_stmt_bind_int64 (OkcBackendStmt *stmt,
                             int             index,
                             gint64          value)
{
  sqlite3_bind_int64 (stmt, index, value);
}

const char *
okc_backend_stmt_get_text (OkcBackendStmt *stmt,
                           int             column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/**
 * okc_backend_db_begin:
 *
 * Opens a transaction, or, inside one, a savepoint: a caller that wraps a handler
 * (the idempotency layer) gets the handler's writes and its own in one transaction,
 * while the handler still commits or rolls back its part. Each begin is closed by
 * one okc_backend_db_commit() or okc_backend_db_rollback().
 */
gboolean
okc_backend_db_begin (OkcBackendDb  *self,
                      GError       **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (self), FALSE);

  sql = self->depth == 0 ? g_strdup ("BEGIN IMMEDIATE")
                         : g_strdup_printf ("SAVEPOINT okc_level_%u", self->depth);
  if (!okc_backend_db_exec (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

/**
 * okc_backend_db_commit:
 *
 * Commits the transaction, or releases the innermost savepoint into it. On failure
 * the level stays open: the caller rolls it back.
 */
gboolean
okc_backend_db_commit (OkcBackendDb  *self,
                       GError       **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (self), FALSE);

  if (self->depth == 0)
    {
      g_set_error_literal (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE,
                           "a commit without a transaction");
      return FALSE;
    }
  sql = self->depth == 1 ? g_strdup ("COMMIT")
                         : g_strdup_printf ("RELEASE okc_level_%u", self->depth - 1);
  if (!okc_backend_db_exec (self, sql, error))
    return FALSE;
  self->depth--;
  return TRUE;
}

/**
 * okc_backend_db_rollback:
 *
 * Undoes the innermost level: the whole transaction, or what was written since the
 * matching okc_backend_db_begin() inside it (the outer levels go on).
 */
void
okc_backend_db_rollback (OkcBackendDb *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (OKC_IS_BACKEND_DB (self));

  if (self->depth == 0)
    return;
  self->depth--;
  /* SQLite may have rolled the whole transaction back by itself (SQLITE_FULL, …): the
   * levels are then gone, and what remains is for their callers to close. */
  if (sqlite3_get_autocommit (self->handle))
    return;
  if (self->depth == 0)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO okc_level_%u; RELEASE okc_level_%u", self->depth,
                           self->depth);
  if (sqlite3_exec (self->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Cannot roll back: %s", sqlite3_errmsg (self->handle));
}

static gboolean
configure (OkcBackendDb  *self,
           GError       **error)
{
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->handle, TRUE);

  /* WAL lets an exporting process read while the server writes; foreign keys keep
   * tickets pointing at real chargers and properties. */
  return okc_backend_db_exec (self, "PRAGMA journal_mode = WAL", error) &&
         okc_backend_db_exec (self, "PRAGMA synchronous = NORMAL", error) &&
         okc_backend_db_exec (self, "PRAGMA foreign_keys = ON", error) &&
         okc_backend_db_exec (self, "PRAGMA temp_store = MEMORY", error);
}

static gint64
get_user_version (OkcBackendDb *self)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (self, "PRAGMA user_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* Brings the schema to the current version, one migration per version, each in a
 * transaction of its own. */
static gboolean
migrate (OkcBackendDb  *self,
         GError       **error)
{
  guint n_migrations;
  const char * const *migrations = okc_backend_schema_get_migrations (&n_migrations);
  gint64 version = get_user_version (self);

  if (version < 0)
    return okc_backend_db_set_error (self, error);
  if (version > n_migrations)
    {
      g_set_error (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SCHEMA,
                   "%s: the database has schema version %" G_GINT64_FORMAT
                   ", newer than this backend knows (%u)",
                   self->path, version, n_migrations);
      return FALSE;
    }

  for (guint i = (guint) version; i < n_migrations; i++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", i + 1);

      if (!okc_backend_db_begin (self, error))
        return FALSE;
      /* v2 added the SLA columns: the tickets already there get their due time; v4 the
       * chargers' live state: those already there get theirs from their status; v5 the
       * tariff documents and billed breakdowns: those there get theirs from the v4 columns. */
      if (!okc_backend_db_exec (self, migrations[i], error) ||
          (i + 1 == 2 && !okc_backend_tickets_backfill_sla (self, error)) ||
          (i + 1 == 4 &&
           !okc_backend_fleet_store_seed (self, 0, g_get_real_time () / G_USEC_PER_SEC, error)) ||
          (i + 1 == 5 && !okc_backend_schema_upgrade_v5 (self, error)) ||
          !okc_backend_db_exec (self, set_version, error) || !okc_backend_db_commit (self, error))
        {
          okc_backend_db_rollback (self);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * okc_backend_db_open:
 * @path: the database file, created if absent (its folder must exist)
 *
 * Returns: (transfer full) (nullable): the database with the current schema.
 */
OkcBackendDb *
okc_backend_db_open (const char  *path,
                     GError     **error)
{
  g_autoptr(OkcBackendDb) self = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (OKC_TYPE_BACKEND_DB, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE,
                   "cannot open the database %s: %s", path,
                   self->handle != NULL ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
      return NULL;
    }

  if (!configure (self, error) || !migrate (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
okc_backend_db_get_path (OkcBackendDb *self)
{
  g_return_val_if_fail (OKC_IS_BACKEND_DB (self), NULL);
  return self->path;
}

sqlite3 *
okc_backend_db_get_handle (OkcBackendDb *self)
{
  g_return_val_if_fail (OKC_IS_BACKEND_DB (self), NULL);
  return self->handle;
}

/**
 * okc_backend_db_is_empty:
 *
 * Returns: %TRUE if the database holds no users and no tickets yet (a fresh file).
 */
gboolean
okc_backend_db_is_empty (OkcBackendDb  *self,
                         GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    self, "SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM tickets)", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return okc_backend_db_set_error (self, error);
  return sqlite3_column_int (stmt, 0) == 0;
}

/**
 * okc_backend_db_count:
 * @table: a table name of the schema (never user input)
 *
 * Returns: the number of rows of @table, or -1 on error.
 */
gint64
okc_backend_db_count (OkcBackendDb *self,
                      const char   *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (self, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * okc_backend_db_clear:
 *
 * Deletes every row of every data table, children first. Call it inside a transaction.
 */
gboolean
okc_backend_db_clear (OkcBackendDb  *self,
                      GError       **error)
{
  guint n_tables;
  const char * const *tables = okc_backend_schema_get_tables (&n_tables);

  for (guint i = n_tables; i > 0; i--)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s", tables[i - 1]);
      if (!okc_backend_db_exec (self, sql, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * okc_backend_db_get_meta:
 *
 * Returns: (transfer full) (nullable): the value stored under @key in the meta table.
 */
char *
okc_backend_db_get_meta (OkcBackendDb *self,
                         const char   *key)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup (okc_backend_stmt_get_text (stmt, 0));
}

gboolean
okc_backend_db_set_meta (OkcBackendDb  *self,
                         const char    *key,
                         const char    *value,
                         GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;

  if (value == NULL)
    stmt = okc_backend_db_prepare (self, "DELETE FROM meta WHERE key = ?1", error);
  else
    stmt = okc_backend_db_prepare (
      self, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, key);
  if (value != NULL)
    okc_backend_stmt_bind_text (stmt, 2, value);
  return okc_backend_db_step_done (self, stmt, error);
}

/* Refreshes the planner's statistics after a bulk load, so that list queries over
 * 100,000 tickets pick the right index. */
gboolean
okc_backend_db_optimize (OkcBackendDb  *self,
                         GError       **error)
{
  return okc_backend_db_exec (self, "ANALYZE", error);
}
