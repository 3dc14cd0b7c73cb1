/* okc-backend-users.c — the support team's accounts in the database
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-users.h"

#define USER_COLUMNS "id, name, email, role"

gboolean
okc_backend_users_insert (OkcBackendDb  *db,
                          OkcUser       *user,
                          const char    *password_hash,
                          GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "INSERT INTO users (id, name, email, role, password_hash) VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, okc_user_get_id (user));
  okc_backend_stmt_bind_text (stmt, 2, okc_user_get_name (user));
  okc_backend_stmt_bind_text (stmt, 3, okc_user_get_email (user));
  okc_backend_stmt_bind_text (stmt, 4, okc_enum_to_nick (OKC_TYPE_ROLE, okc_user_get_role (user)));
  okc_backend_stmt_bind_text (stmt, 5, password_hash);
  return okc_backend_db_step_done (db, stmt, error);
}

static OkcUser *
user_from_row (OkcBackendStmt *stmt)
{
  int role = OKC_ROLE_AGENT;

  /* The schema's CHECK constraint admits only the three nicks. */
  okc_enum_from_nick (OKC_TYPE_ROLE, okc_backend_stmt_get_text (stmt, 3), &role);
  return okc_user_new (okc_backend_stmt_get_text (stmt, 0), okc_backend_stmt_get_text (stmt, 1),
                       okc_backend_stmt_get_text (stmt, 2), role);
}

/* Runs @stmt expecting at most one row: the user, NULL without an error if none. */
static OkcUser *
step_one_user (OkcBackendDb    *db,
               OkcBackendStmt  *stmt,
               GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return user_from_row (stmt);
  if (rc != SQLITE_DONE)
    okc_backend_db_set_error (db, error);
  return NULL;
}

/**
 * okc_backend_users_lookup:
 *
 * Returns: (transfer full) (nullable): the user @id; %NULL without an error if none.
 */
OkcUser *
okc_backend_users_lookup (OkcBackendDb  *db,
                          const char    *id,
                          GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, "SELECT " USER_COLUMNS " FROM users WHERE id = ?", error);

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, id);
  return step_one_user (db, stmt, error);
}

/**
 * okc_backend_users_lookup_email:
 * @email: matched without regard to case
 * @out_password_hash: (out) (optional): the user's stored password hash
 *
 * Returns: (transfer full) (nullable): the user; %NULL without an error if none.
 */
OkcUser *
okc_backend_users_lookup_email (OkcBackendDb  *db,
                                const char    *email,
                                char         **out_password_hash,
                                GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "SELECT " USER_COLUMNS ", password_hash FROM users WHERE email = ?", error);
  OkcUser *user;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, email);
  user = step_one_user (db, stmt, error);
  if (user != NULL && out_password_hash != NULL)
    *out_password_hash = g_strdup (okc_backend_stmt_get_text (stmt, 4));
  return user;
}

/**
 * okc_backend_users_list_staff:
 *
 * Returns: (transfer full) (element-type OkcUser): the agents and supervisors, by
 *   name; the chatbot's service account is not part of the team.
 */
GPtrArray *
okc_backend_users_list_staff (OkcBackendDb  *db,
                              GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT " USER_COLUMNS " FROM users WHERE role IN ('agent', 'supervisor') ORDER BY name, id",
    error);
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (users, user_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&users);
}
