/* okc-backend-properties.c — properties, their units and chargers, and charger lookup
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-properties.h"

#include <string.h>

#include "okc-json.h"

/**
 * okc_backend_properties_lookup_charger:
 * @code: a serial, a charger id or a QR label's text, with or without white space
 *   around it, in any case
 *
 * Returns: (transfer full) (nullable): the id of the charger @code names; %NULL with
 *   @error set when SQLite failed, without when nothing matches.
 */
char *
okc_backend_properties_lookup_charger (OkcBackendDb  *db,
                                       const char    *code,
                                       GError       **error)
{
  g_autofree char *text = g_strstrip (g_strdup (code));
  g_autoptr(OkcBackendStmt) stmt = NULL;
  const char *key = text;
  gsize prefix = strlen (OKC_BACKEND_QR_PREFIX);
  int rc;

  /* A phone's QR reader gives the whole address, sometimes with a trailing slash. */
  if (g_ascii_strncasecmp (text, OKC_BACKEND_QR_PREFIX, prefix) == 0)
    {
      key = text + prefix;
      if (g_str_has_suffix (key, "/"))
        text[strlen (text) - 1] = '\0';
    }
  if (*key == '\0')
    return NULL;

  /* Both columns compare without case (the table's collation). */
  stmt = okc_backend_db_prepare (db,
                                 "SELECT id FROM chargers WHERE id = ?1 "
                                 "UNION ALL SELECT id FROM chargers WHERE serial = ?1 LIMIT 1",
                                 error);
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (okc_backend_stmt_get_text (stmt, 0));
  if (rc != SQLITE_DONE)
    okc_backend_db_set_error (db, error);
  return NULL;
}

#define PROPERTY_SELECT \
  "SELECT p.id, p.name, p.kind, p.address, p.city, p.state, p.postal_code, p.timezone, " \
  "a.id, a.name, a.email, p.pms, p.pms_connected, p.pms_sync_state, p.pms_last_sync_at, " \
  "p.pms_last_error, " \
  "(SELECT count(*) FROM chargers c WHERE c.property_id = p.id), " \
  "(SELECT count(*) FROM units u WHERE u.property_id = p.id) " \
  "FROM properties p JOIN accounts a ON a.id = p.host_account_id "

static void
add_nullable_time (JsonBuilder    *builder,
                   const char     *member,
                   OkcBackendStmt *stmt,
                   int             column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      json_builder_set_member_name (builder, member);
      json_builder_add_null_value (builder);
    }
  else
    okc_json_builder_add_time (builder, member, sqlite3_column_int64 (stmt, column));
}

/* The members of a Property from a row of PROPERTY_SELECT, into an open object. */
static void
add_property_members (JsonBuilder    *builder,
                      OkcBackendStmt *stmt)
{
  static const char * const members[] = {
    "id", "name", "kind", "address", "city", "state", "postal_code", "timezone",
  };
  gboolean has_pms = g_strcmp0 (okc_backend_stmt_get_text (stmt, 11), "none") != 0;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    okc_json_builder_add_string (builder, members[i], okc_backend_stmt_get_text (stmt, (int) i));

  json_builder_set_member_name (builder, "host");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 8));
  okc_json_builder_add_string (builder, "name", okc_backend_stmt_get_text (stmt, 9));
  okc_json_builder_add_string (builder, "email", okc_backend_stmt_get_text (stmt, 10));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "n_chargers");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 16));
  json_builder_set_member_name (builder, "n_units");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 17));

  json_builder_set_member_name (builder, "pms");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "provider", okc_backend_stmt_get_text (stmt, 11));
  json_builder_set_member_name (builder, "connected");
  json_builder_add_boolean_value (builder, has_pms && sqlite3_column_int (stmt, 12) != 0);
  okc_json_builder_add_string (builder, "sync_state", okc_backend_stmt_get_text (stmt, 13));
  add_nullable_time (builder, "last_sync_at", stmt, 14);
  okc_json_builder_add_string (builder, "last_error", okc_backend_stmt_get_text (stmt, 15));
  json_builder_end_object (builder);
}

static gboolean
add_units (OkcBackendDb  *db,
           JsonBuilder   *builder,
           const char    *property_id,
           GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT u.id, u.name, (SELECT count(*) FROM chargers c WHERE c.unit_id = u.id) "
    "FROM units u WHERE u.property_id = ? ORDER BY u.name COLLATE NOCASE, u.id",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, property_id);
  json_builder_set_member_name (builder, "units");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 0));
      okc_json_builder_add_string (builder, "name", okc_backend_stmt_get_text (stmt, 1));
      json_builder_set_member_name (builder, "n_chargers");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 2));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

/* A charger summary: enough to list it and tell whether it is online. */
static gboolean
add_chargers (OkcBackendDb  *db,
              JsonBuilder   *builder,
              const char    *property_id,
              GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT c.id, c.serial, c.model, c.status, c.last_heartbeat_at, c.unit_id, u.name "
    "FROM chargers c LEFT JOIN units u ON u.id = c.unit_id "
    "WHERE c.property_id = ? ORDER BY c.id",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, property_id);
  json_builder_set_member_name (builder, "chargers");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 0));
      okc_json_builder_add_string (builder, "serial", okc_backend_stmt_get_text (stmt, 1));
      okc_json_builder_add_string (builder, "model", okc_backend_stmt_get_text (stmt, 2));
      okc_json_builder_add_string (builder, "status", okc_backend_stmt_get_text (stmt, 3));
      add_nullable_time (builder, "last_heartbeat_at", stmt, 4);
      okc_json_builder_add_string (builder, "unit_id", okc_backend_stmt_get_text (stmt, 5));
      okc_json_builder_add_string (builder, "unit_name", okc_backend_stmt_get_text (stmt, 6));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

/**
 * okc_backend_properties_load:
 * @with_members: whether to add the property's `units` and `chargers`
 *
 * Returns: (transfer full) (nullable): the Property of docs/actions.md; %NULL with
 *   @error set when SQLite failed, without when there is no such property.
 */
JsonNode *
okc_backend_properties_load (OkcBackendDb  *db,
                             const char    *id,
                             gboolean       with_members,
                             GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, PROPERTY_SELECT "WHERE p.id = ?",
                                                           error);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *property_id = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        okc_backend_db_set_error (db, error);
      return NULL;
    }
  property_id = g_strdup (okc_backend_stmt_get_text (stmt, 0));
  json_builder_begin_object (builder);
  add_property_members (builder, stmt);
  okc_backend_stmt_release (stmt);
  if (with_members &&
      (!add_units (db, builder, property_id, error) ||
       !add_chargers (db, builder, property_id, error)))
    return NULL;
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* "50%_off" → "50\%\_off": a LIKE pattern that matches @text literally. */
static char *
like_escape (const char *text)
{
  GString *escaped = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }
  return g_string_free (escaped, FALSE);
}

#define LIST_WHERE \
  "WHERE (?1 IS NULL OR p.name LIKE ?1 ESCAPE '\\' OR p.address LIKE ?1 ESCAPE '\\' " \
  "OR p.city LIKE ?1 ESCAPE '\\') "

/**
 * okc_backend_properties_list:
 * @query: (nullable): a case-insensitive substring of the name, the address or the city
 * @after_name: (nullable): the last name of the page before
 *
 * Returns: (transfer full) (nullable): `{"properties", "next_cursor", "total"}` by name,
 *   `next_cursor` the last name of this page when there are more, raw (the caller encodes
 *   it); %NULL with @error set when SQLite failed.
 */
JsonNode *
okc_backend_properties_list (OkcBackendDb  *db,
                             const char    *query,
                             const char    *after_name,
                             guint          limit,
                             GError       **error)
{
  g_autofree char *pattern = NULL;
  g_autofree char *last_name = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  gint64 total;
  guint n = 0;
  int rc;

  if (query != NULL && *query != '\0')
    {
      g_autofree char *escaped = like_escape (query);
      pattern = g_strdup_printf ("%%%s%%", escaped);
    }

  stmt = okc_backend_db_prepare (db, "SELECT count(*) FROM properties p " LIST_WHERE, error);
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, pattern);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  total = sqlite3_column_int64 (stmt, 0);
  okc_backend_stmt_release (stmt);

  /* Names are unique without case (the table's collation): they are the page's key. */
  stmt = okc_backend_db_prepare (db,
                                 PROPERTY_SELECT LIST_WHERE
                                 "AND (?2 IS NULL OR p.name > ?2) ORDER BY p.name LIMIT ?3",
                                 error);
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, pattern);
  okc_backend_stmt_bind_text (stmt, 2, after_name);
  okc_backend_stmt_bind_int64 (stmt, 3, (gint64) limit + 1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "properties");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (++n > limit)
        break;
      g_free (last_name);
      last_name = g_strdup (okc_backend_stmt_get_text (stmt, 1));
      json_builder_begin_object (builder);
      add_property_members (builder, stmt);
      json_builder_end_object (builder);
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  json_builder_end_array (builder);
  okc_json_builder_add_string (builder, "next_cursor", n > limit ? last_name : NULL);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
okc_backend_properties_sync_id (gint64 seq)
{
  return g_strdup_printf ("PMS-%06" G_GINT64_FORMAT, seq);
}

#define SYNC_SELECT \
  "SELECT s.seq, s.property_id, s.started_at, s.finished_at, s.outcome, " \
  "s.bookings_imported, s.chargers_matched, s.error, s.requested_by, u.name " \
  "FROM pms_syncs s LEFT JOIN users u ON u.id = s.requested_by "

static void
add_sync (JsonBuilder    *builder,
          OkcBackendStmt *stmt)
{
  g_autofree char *id = okc_backend_properties_sync_id (sqlite3_column_int64 (stmt, 0));

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", id);
  okc_json_builder_add_string (builder, "property_id", okc_backend_stmt_get_text (stmt, 1));
  okc_json_builder_add_time (builder, "started_at", sqlite3_column_int64 (stmt, 2));
  okc_json_builder_add_time (builder, "finished_at", sqlite3_column_int64 (stmt, 3));
  okc_json_builder_add_string (builder, "outcome", okc_backend_stmt_get_text (stmt, 4));
  json_builder_set_member_name (builder, "bookings_imported");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 5));
  json_builder_set_member_name (builder, "chargers_matched");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 6));
  okc_json_builder_add_string (builder, "error", okc_backend_stmt_get_text (stmt, 7));
  json_builder_set_member_name (builder, "requested_by");
  if (okc_backend_stmt_get_text (stmt, 8) == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", okc_backend_stmt_get_text (stmt, 8));
      okc_json_builder_add_string (builder, "name", okc_backend_stmt_get_text (stmt, 9));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/**
 * okc_backend_properties_sync_to_json:
 *
 * Returns: (transfer full) (nullable): the PmsSync; %NULL with @error set when SQLite
 *   failed, without when there is no such sync.
 */
JsonNode *
okc_backend_properties_sync_to_json (OkcBackendDb  *db,
                                     gint64         seq,
                                     GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, SYNC_SELECT "WHERE s.seq = ?",
                                                           error);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_int64 (stmt, 1, seq);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        okc_backend_db_set_error (db, error);
      return NULL;
    }
  add_sync (builder, stmt);
  return json_builder_get_root (builder);
}

/**
 * okc_backend_properties_syncs:
 *
 * Returns: (transfer full) (nullable): `{"syncs": [PmsSync]}`, newest first, at most
 *   @limit; %NULL with @error set when SQLite failed.
 */
JsonNode *
okc_backend_properties_syncs (OkcBackendDb  *db,
                              const char    *property_id,
                              guint          limit,
                              GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, SYNC_SELECT "WHERE s.property_id = ? ORDER BY s.seq DESC LIMIT ?", error);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, property_id);
  okc_backend_stmt_bind_int64 (stmt, 2, limit);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "syncs");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_sync (builder, stmt);
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
