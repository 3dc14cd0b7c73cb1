/* okc-backend-blobs.c — image bytes stored once, by their SHA-256
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-blobs.h"

#include "okc-backend-crypto.h"

/**
 * okc_backend_blobs_put:
 *
 * Stores @data unless the same bytes are already stored: a QR label photographed for a
 * thousand tickets is kept once.
 *
 * Returns: (transfer full) (nullable): the SHA-256 of @data, in hex, its key.
 */
char *
okc_backend_blobs_put (OkcBackendDb  *db,
                       GBytes        *data,
                       GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, "INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?, ?)", error);
  g_autofree char *sha256 = NULL;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (data, &size);

  if (stmt == NULL)
    return NULL;

  sha256 = okc_backend_sha256_hex (bytes, size);
  okc_backend_stmt_bind_text (stmt, 1, sha256);
  sqlite3_bind_blob64 (stmt, 2, size > 0 ? bytes : (const guint8 *) "", size, SQLITE_STATIC);
  if (!okc_backend_db_step_done (db, stmt, error))
    return NULL;
  return g_steal_pointer (&sha256);
}

/**
 * okc_backend_blobs_get:
 *
 * Returns: (transfer full) (nullable): the bytes stored under @sha256; %NULL without an
 *   error if there are none.
 */
GBytes *
okc_backend_blobs_get (OkcBackendDb  *db,
                       const char    *sha256,
                       GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, "SELECT data FROM blobs WHERE sha256 = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, sha256);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  if (rc != SQLITE_DONE)
    okc_backend_db_set_error (db, error);
  return NULL;
}
