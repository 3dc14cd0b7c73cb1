/* okc-backend-db.h — the backend's SQLite database: schema, statements, transactions
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define OKC_BACKEND_DB_ERROR (okc_backend_db_error_quark ())

/**
 * OkcBackendDbError:
 * @OKC_BACKEND_DB_ERROR_SQLITE: SQLite failed; the message is SQLite's
 * @OKC_BACKEND_DB_ERROR_SCHEMA: the file is a database of a newer or unknown schema
 */
typedef enum
{
  OKC_BACKEND_DB_ERROR_SQLITE,
  OKC_BACKEND_DB_ERROR_SCHEMA,
} OkcBackendDbError;

#define OKC_TYPE_BACKEND_DB (okc_backend_db_get_type ())

G_DECLARE_FINAL_TYPE (OkcBackendDb, okc_backend_db, OKC, BACKEND_DB, GObject)

/* A statement from the cache: not owned; g_autoptr resets it and clears its bindings
 * when it goes out of scope, so that it never holds a read transaction open. */
typedef sqlite3_stmt OkcBackendStmt;

void          okc_backend_stmt_release    (OkcBackendStmt *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcBackendStmt, okc_backend_stmt_release)

GQuark        okc_backend_db_error_quark  (void);

OkcBackendDb *okc_backend_db_open         (const char    *path,
                                           GError       **error);
const char   *okc_backend_db_get_path     (OkcBackendDb  *self);
sqlite3      *okc_backend_db_get_handle   (OkcBackendDb  *self);

OkcBackendStmt *okc_backend_db_prepare    (OkcBackendDb  *self,
                                           const char    *sql,
                                           GError       **error);
gboolean      okc_backend_db_exec         (OkcBackendDb  *self,
                                           const char    *sql,
                                           GError       **error);
gboolean      okc_backend_db_step_done    (OkcBackendDb   *self,
                                           OkcBackendStmt *stmt,
                                           GError        **error);
gboolean      okc_backend_db_set_error    (OkcBackendDb  *self,
                                           GError       **error);

gboolean      okc_backend_db_begin        (OkcBackendDb  *self,
                                           GError       **error);
gboolean      okc_backend_db_commit       (OkcBackendDb  *self,
                                           GError       **error);
void          okc_backend_db_rollback     (OkcBackendDb  *self);

gboolean      okc_backend_db_is_empty     (OkcBackendDb  *self,
                                           GError       **error);
gboolean      okc_backend_db_clear        (OkcBackendDb  *self,
                                           GError       **error);
gint64        okc_backend_db_count        (OkcBackendDb  *self,
                                           const char    *table);
char         *okc_backend_db_get_meta     (OkcBackendDb  *self,
                                           const char    *key);
gboolean      okc_backend_db_set_meta     (OkcBackendDb  *self,
                                           const char    *key,
                                           const char    *value,
                                           GError       **error);
gboolean      okc_backend_db_optimize     (OkcBackendDb  *self,
                                           GError       **error);

/* Binding helpers: text may be NULL (binds SQL NULL). */
void          okc_backend_stmt_bind_text  (OkcBackendStmt *stmt,
                                           int             index,
                                           const char     *text);
void          okc_backend_stmt_bind_int64 (OkcBackendStmt *stmt,
                                           int             index,
                                           gint64          value);
const char   *okc_backend_stmt_get_text   (OkcBackendStmt *stmt,
                                           int             column);

G_END_DECLS
