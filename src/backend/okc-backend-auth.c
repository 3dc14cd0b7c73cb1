/* okc-backend-auth.c — signing in, bearer tokens and signing out
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-auth.h"

#include <string.h>

#include "okc-backend-crypto.h"
#include "okc-backend-users.h"

G_DEFINE_QUARK (okc-backend-auth-error-quark, okc_backend_auth_error)

/* A hash of nothing in particular, verified when the email is unknown, so that a wrong
 * email takes as long to refuse as a wrong password and does not reveal who has an
 * account. */
static const char dummy_hash[] =
  "pbkdf2-sha256$20000$b2syY2hhcmdlLWR1bW15$1Xb8d6c4Q+2nvuNn6zY1cJ0N6m9Lw7s2bQ7bXGq9Y2M=";

static char *
hash_token (const char *token)
{
  return okc_backend_sha256_hex ((const guint8 *) token, strlen (token));
}

static gboolean
store_token (OkcBackendDb  *db,
             const char    *token,
             const char    *user_id,
             gint64         now,
             GError       **error)
{
  g_autofree char *token_hash = hash_token (token);
  g_autoptr(OkcBackendStmt) purge = NULL;
  g_autoptr(OkcBackendStmt) insert = NULL;

  /* Tokens expired for a day are of no use even to explain a 401; drop them. */
  purge = okc_backend_db_prepare (db, "DELETE FROM tokens WHERE expires_at < ?", error);
  if (purge == NULL)
    return FALSE;
  okc_backend_stmt_bind_int64 (purge, 1, now - 24 * 60 * 60);
  if (!okc_backend_db_step_done (db, purge, error))
    return FALSE;

  insert = okc_backend_db_prepare (
    db, "INSERT INTO tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
    error);
  if (insert == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (insert, 1, token_hash);
  okc_backend_stmt_bind_text (insert, 2, user_id);
  okc_backend_stmt_bind_int64 (insert, 3, now);
  okc_backend_stmt_bind_int64 (insert, 4, now + OKC_BACKEND_TOKEN_LIFETIME);
  return okc_backend_db_step_done (db, insert, error);
}

/**
 * okc_backend_auth_sign_in:
 * @out_token: (out): the new bearer token
 * @out_expires_at: (out): when it expires
 *
 * Returns: (transfer full) (nullable): the user, or %NULL with
 *   %OKC_BACKEND_AUTH_ERROR_INVALID_CREDENTIALS (or a database error).
 */
OkcUser *
okc_backend_auth_sign_in (OkcBackendDb  *db,
                          const char    *email,
                          const char    *password,
                          gint64         now,
                          char         **out_token,
                          gint64        *out_expires_at,
                          GError       **error)
{
  g_autoptr(OkcUser) user = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stored_hash = NULL;
  g_autofree char *token = NULL;
  gboolean verified;

  g_return_val_if_fail (email != NULL && password != NULL, NULL);

  user = okc_backend_users_lookup_email (db, email, &stored_hash, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  verified = okc_backend_password_verify (password, user != NULL ? stored_hash : dummy_hash);
  if (user == NULL || !verified)
    {
      g_set_error_literal (error, OKC_BACKEND_AUTH_ERROR, OKC_BACKEND_AUTH_ERROR_INVALID_CREDENTIALS,
                           "The email or the password is wrong");
      return NULL;
    }

  token = okc_backend_token_new (error);
  if (token == NULL || !store_token (db, token, okc_user_get_id (user), now, error))
    return NULL;

  *out_token = g_steal_pointer (&token);
  *out_expires_at = now + OKC_BACKEND_TOKEN_LIFETIME;
  return g_steal_pointer (&user);
}

static const char *
parse_bearer (const char *authorization)
{
  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return NULL;
  authorization += 7;
  while (*authorization == ' ')
    authorization++;
  return *authorization != '\0' ? authorization : NULL;
}

static gboolean
unauthorized (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, OKC_BACKEND_AUTH_ERROR, OKC_BACKEND_AUTH_ERROR_UNAUTHORIZED, message);
  return FALSE;
}

/**
 * okc_backend_auth_authenticate:
 * @authorization: (nullable): the request's Authorization header
 * @out_token_hash: (out) (optional): the stored hash of the token, to sign it out
 *
 * Returns: (transfer full) (nullable): the signed-in user, or %NULL with
 *   %OKC_BACKEND_AUTH_ERROR_UNAUTHORIZED saying why (or a database error).
 */
OkcUser *
okc_backend_auth_authenticate (OkcBackendDb  *db,
                               const char    *authorization,
                               gint64         now,
                               char         **out_token_hash,
                               GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autofree char *token_hash = NULL;
  const char *token = parse_bearer (authorization);
  int rc;

  if (token == NULL)
    {
      unauthorized (error, "Sign in first: send “Authorization: Bearer <token>”");
      return NULL;
    }

  token_hash = hash_token (token);
  stmt = okc_backend_db_prepare (db,
                                 "SELECT u.id, u.name, u.email, u.role, t.expires_at, t.revoked_at "
                                 "FROM tokens t JOIN users u ON u.id = t.user_id "
                                 "WHERE t.token_hash = ?",
                                 error);
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, token_hash);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  if (rc == SQLITE_DONE)
    unauthorized (error, "The token is not known; sign in again");
  else if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    unauthorized (error, "The token was signed out; sign in again");
  else if (sqlite3_column_int64 (stmt, 4) <= now)
    unauthorized (error, "The token has expired; sign in again");
  else
    {
      int role = OKC_ROLE_AGENT;

      okc_enum_from_nick (OKC_TYPE_ROLE, okc_backend_stmt_get_text (stmt, 3), &role);
      if (out_token_hash != NULL)
        *out_token_hash = g_steal_pointer (&token_hash);
      return okc_user_new (okc_backend_stmt_get_text (stmt, 0),
                           okc_backend_stmt_get_text (stmt, 1),
                           okc_backend_stmt_get_text (stmt, 2), role);
    }
  return NULL;
}

gboolean
okc_backend_auth_sign_out (OkcBackendDb  *db,
                           const char    *token_hash,
                           gint64         now,
                           GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_int64 (stmt, 1, now);
  okc_backend_stmt_bind_text (stmt, 2, token_hash);
  return okc_backend_db_step_done (db, stmt, error);
}
