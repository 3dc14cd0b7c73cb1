/* okc-backend-ticket-query.c — GET /v1/tickets: filters, sorts and keyset cursors
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-ticket-query.h"

#include <string.h>

#include "okc-backend-tickets.h"
#include "okc-core.h"

#define CURSOR_VERSION "c1"

/* Each sort is an ORDER BY over an index and the keyset condition that continues it
 * after the last row of a page; ties are broken by seq, so every order is total. */
typedef struct
{
  const char *name;
  const char *order_by;
  const char *after;
  int key1_column;
  int key2_column; /* -1: the sort has one key besides seq */
} SortInfo;

static const SortInfo sorts[] = {
  [OKC_BACKEND_TICKET_SORT_CREATED_DESC] = { "-created_at", "t.created_at DESC, t.seq DESC",
                                             "(t.created_at, t.seq) < (:k1, :seq)",
                                             OKC_BACKEND_TICKET_COLUMN_CREATED_AT, -1 },
  [OKC_BACKEND_TICKET_SORT_CREATED_ASC] = { "created_at", "t.created_at, t.seq",
                                            "(t.created_at, t.seq) > (:k1, :seq)",
                                            OKC_BACKEND_TICKET_COLUMN_CREATED_AT, -1 },
  [OKC_BACKEND_TICKET_SORT_UPDATED_DESC] = { "-updated_at", "t.updated_at DESC, t.seq DESC",
                                             "(t.updated_at, t.seq) < (:k1, :seq)",
                                             OKC_BACKEND_TICKET_COLUMN_UPDATED_AT, -1 },
  [OKC_BACKEND_TICKET_SORT_UPDATED_ASC] = { "updated_at", "t.updated_at, t.seq",
                                            "(t.updated_at, t.seq) > (:k1, :seq)",
                                            OKC_BACKEND_TICKET_COLUMN_UPDATED_AT, -1 },
  [OKC_BACKEND_TICKET_SORT_PRIORITY] = { "priority", "t.urgency, t.created_at, t.seq",
                                         "(t.urgency, t.created_at, t.seq) > (:k1, :k2, :seq)",
                                         OKC_BACKEND_TICKET_COLUMN_URGENCY,
                                         OKC_BACKEND_TICKET_COLUMN_CREATED_AT },
};

static const char * const known_params[] = {
  "limit", "cursor", "status", "topic", "priority", "assignee", "since", "sort", NULL
};

struct _OkcBackendTicketQuery
{
  guint limit;
  OkcBackendTicketSort sort;
  char *statuses;   /* JSON arrays of the accepted values, for json_each() */
  char *topics;
  char *priorities;
  char *assignee_id; /* a user id; NULL with assignee_none for unassigned tickets */
  gboolean assignee_none;
  gboolean has_since;
  gint64 since;
  gboolean has_cursor;
  gint64 key1;
  gint64 key2;
  gint64 seq;
};

void
okc_backend_ticket_query_free (OkcBackendTicketQuery *self)
{
  if (self == NULL)
    return;
  g_free (self->statuses);
  g_free (self->topics);
  g_free (self->priorities);
  g_free (self->assignee_id);
  g_free (self);
}

static gboolean
invalid (GError     **error,
         const char  *param,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError     **error,
         const char  *param,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  okc_data_error_set (error, OKC_DATA_ERROR_INVALID, param, "%s", message);
  return FALSE;
}

char *
okc_backend_ticket_cursor_encode (OkcBackendTicketSort sort,
                                  gint64               key1,
                                  gint64               key2,
                                  gint64               seq)
{
  g_autofree char *text = g_strdup_printf (CURSOR_VERSION ".%s.%" G_GINT64_FORMAT
                                           ".%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT,
                                           sorts[sort].name, key1, key2, seq);
  char *encoded = g_base64_encode ((const guchar *) text, strlen (text));

  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  g_strdelimit (encoded, "=", '\0');
  return encoded;
}

static char *
decode_base64url (const char *cursor)
{
  g_autoptr(GString) padded = g_string_new (cursor);
  guchar *decoded;
  gsize length;

  if (*cursor == '\0' || strspn (cursor, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                         "0123456789-_") != strlen (cursor) ||
      strlen (cursor) % 4 == 1 || strlen (cursor) > 256)
    return NULL;

  g_strdelimit (padded->str, "-", '+');
  g_strdelimit (padded->str, "_", '/');
  while (padded->len % 4 != 0)
    g_string_append_c (padded, '=');

  decoded = g_base64_decode (padded->str, &length);
  if (!g_utf8_validate ((const char *) decoded, (gssize) length, NULL) ||
      memchr (decoded, '\0', length) != NULL)
    {
      g_free (decoded);
      return NULL;
    }
  decoded = g_realloc (decoded, length + 1);
  decoded[length] = '\0';
  return (char *) decoded;
}

static gboolean
parse_int64 (const char *text,
             gint64     *out)
{
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, out, NULL);
}

/**
 * okc_backend_ticket_cursor_decode:
 *
 * Returns: %TRUE if @cursor is one that okc_backend_ticket_cursor_encode() made for
 *   @sort.
 */
gboolean
okc_backend_ticket_cursor_decode (const char           *cursor,
                                  OkcBackendTicketSort  sort,
                                  gint64               *out_key1,
                                  gint64               *out_key2,
                                  gint64               *out_seq)
{
  g_autofree char *text = decode_base64url (cursor);
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, ".", -1);
  return g_strv_length (parts) == 5 && strcmp (parts[0], CURSOR_VERSION) == 0 &&
         strcmp (parts[1], sorts[sort].name) == 0 && parse_int64 (parts[2], out_key1) &&
         parse_int64 (parts[3], out_key2) && parse_int64 (parts[4], out_seq);
}

/* Turns "a,b" into the JSON array ["a","b"], each value checked by @is_valid. */
static gboolean
parse_list (const char   *text,
            const char   *param,
            gboolean    (*is_valid) (const char *value),
            const char   *expected,
            char        **out_json,
            GError      **error)
{
  g_auto(GStrv) values = g_strsplit (text, ",", -1);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  if (*text == '\0')
    return invalid (error, param, "is empty; expected %s, comma-separated", expected);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *value = g_strstrip (values[i]);

      if (*value == '\0')
        return invalid (error, param, "has an empty value; expected %s, comma-separated",
                        expected);
      if (!is_valid (value))
        return invalid (error, param, "“%s” is not %s", value, expected);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  *out_json = okc_json_to_string (root);
  return TRUE;
}

static gboolean
is_status (const char *value)
{
  int status;
  return okc_enum_from_nick (OKC_TYPE_TICKET_STATUS, value, &status);
}

static gboolean
is_priority (const char *value)
{
  int priority;
  return okc_enum_from_nick (OKC_TYPE_PRIORITY, value, &priority);
}

static gboolean
is_topic (const char *value)
{
  return okc_topic_lookup (value) != NULL;
}

static gboolean
parse_limit (OkcBackendTicketQuery  *self,
             const char             *text,
             GError                **error)
{
  guint64 limit;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, OKC_BACKEND_TICKET_LIMIT_MAX, &limit, NULL))
    return invalid (error, "limit", "“%s” is not a whole number from 1 to %d", text,
                    OKC_BACKEND_TICKET_LIMIT_MAX);
  self->limit = (guint) limit;
  return TRUE;
}

static gboolean
parse_sort (OkcBackendTicketQuery  *self,
            const char             *text,
            GError                **error)
{
  if (text == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    if (strcmp (sorts[i].name, text) == 0)
      {
        self->sort = i;
        return TRUE;
      }
  return invalid (error, "sort",
                  "“%s” is not one of created_at, -created_at, updated_at, -updated_at, priority",
                  text);
}

static gboolean
parse_filters (OkcBackendTicketQuery  *self,
               GHashTable             *params,
               const char             *me_id,
               GError                **error)
{
  const char *status = g_hash_table_lookup (params, "status");
  const char *topic = g_hash_table_lookup (params, "topic");
  const char *priority = g_hash_table_lookup (params, "priority");
  const char *assignee = g_hash_table_lookup (params, "assignee");
  const char *since = g_hash_table_lookup (params, "since");

  if ((status != NULL &&
       !parse_list (status, "status", is_status,
                    "a status (new, open, waiting_customer, waiting_approval, resolved)",
                    &self->statuses, error)) ||
      (topic != NULL &&
       !parse_list (topic, "topic", is_topic, "a topic id (see GET /v1/topics)", &self->topics,
                    error)) ||
      (priority != NULL &&
       !parse_list (priority, "priority", is_priority, "a priority (low, normal, high, urgent)",
                    &self->priorities, error)))
    return FALSE;

  if (assignee != NULL && *assignee == '\0')
    return invalid (error, "assignee", "is empty; expected a user id, “me” or “none”");
  if (g_strcmp0 (assignee, "none") == 0)
    self->assignee_none = TRUE;
  else if (g_strcmp0 (assignee, "me") == 0)
    self->assignee_id = g_strdup (me_id);
  else
    self->assignee_id = g_strdup (assignee);

  if (since != NULL)
    {
      if (!okc_time_parse_rfc3339 (since, &self->since))
        return invalid (error, "since", "“%s” is not an RFC 3339 time such as 2026-11-24T09:30:00Z",
                        since);
      self->has_since = TRUE;
    }
  return TRUE;
}

/**
 * okc_backend_ticket_query_new_from_params:
 * @params: (nullable): the decoded query string
 * @me_id: the signed-in user, for `assignee=me`
 *
 * Returns: (transfer full) (nullable): the query, or %NULL with an #OKC_DATA_ERROR
 *   whose field is the parameter to blame.
 */
OkcBackendTicketQuery *
okc_backend_ticket_query_new_from_params (GHashTable  *params,
                                          const char  *me_id,
                                          GError     **error)
{
  g_autoptr(OkcBackendTicketQuery) self = g_new0 (OkcBackendTicketQuery, 1);
  g_autoptr(GHashTable) empty = NULL;
  GHashTableIter iter;
  const char *name, *cursor;

  self->limit = OKC_BACKEND_TICKET_LIMIT_DEFAULT;
  self->sort = OKC_BACKEND_TICKET_SORT_CREATED_DESC;
  if (params == NULL)
    params = empty = g_hash_table_new (g_str_hash, g_str_equal);

  /* A misspelt parameter ("statuses") would otherwise silently list everything. */
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_strv_contains (known_params, name))
      {
        invalid (error, name, "is not a parameter of GET /v1/tickets");
        return NULL;
      }

  if (!parse_limit (self, g_hash_table_lookup (params, "limit"), error) ||
      !parse_sort (self, g_hash_table_lookup (params, "sort"), error) ||
      !parse_filters (self, params, me_id, error))
    return NULL;

  cursor = g_hash_table_lookup (params, "cursor");
  if (cursor != NULL)
    {
      if (!okc_backend_ticket_cursor_decode (cursor, self->sort, &self->key1, &self->key2,
                                             &self->seq))
        {
          invalid (error, "cursor",
                   "is not a next_cursor of this list with sort “%s”", sorts[self->sort].name);
          return NULL;
        }
      self->has_cursor = TRUE;
    }
  return g_steal_pointer (&self);
}

static void
append_filters (OkcBackendTicketQuery *self,
                GString               *sql)
{
  g_string_append (sql, " WHERE 1");
  if (self->statuses != NULL)
    g_string_append (sql, " AND t.status IN (SELECT value FROM json_each(:statuses))");
  if (self->topics != NULL)
    g_string_append (sql, " AND t.topic IN (SELECT value FROM json_each(:topics))");
  if (self->priorities != NULL)
    g_string_append (sql, " AND t.priority IN (SELECT value FROM json_each(:priorities))");
  if (self->assignee_none)
    g_string_append (sql, " AND t.assignee_id IS NULL");
  else if (self->assignee_id != NULL)
    g_string_append (sql, " AND t.assignee_id = :assignee");
  if (self->has_since)
    g_string_append (sql, " AND t.updated_at >= :since");
}

static void
bind_named_text (OkcBackendStmt *stmt,
                 const char     *name,
                 const char     *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    okc_backend_stmt_bind_text (stmt, index, value);
}

static void
bind_named_int64 (OkcBackendStmt *stmt,
                  const char     *name,
                  gint64          value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    okc_backend_stmt_bind_int64 (stmt, index, value);
}

static void
bind_filters (OkcBackendTicketQuery *self,
              OkcBackendStmt        *stmt)
{
  bind_named_text (stmt, ":statuses", self->statuses);
  bind_named_text (stmt, ":topics", self->topics);
  bind_named_text (stmt, ":priorities", self->priorities);
  bind_named_text (stmt, ":assignee", self->assignee_id);
  bind_named_int64 (stmt, ":since", self->since);
  bind_named_int64 (stmt, ":k1", self->key1);
  bind_named_int64 (stmt, ":k2", self->key2);
  bind_named_int64 (stmt, ":seq", self->seq);
  bind_named_int64 (stmt, ":limit", self->limit + 1);
}

static gboolean
check_assignee (OkcBackendTicketQuery  *self,
                OkcBackendDb           *db,
                GError                **error)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;
  int rc;

  if (self->assignee_id == NULL)
    return TRUE;

  stmt = okc_backend_db_prepare (db, "SELECT 1 FROM users WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, self->assignee_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return invalid (error, "assignee", "“%s” is not a user id, “me” or “none”", self->assignee_id);
  if (rc != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

static gint64
count_matches (OkcBackendTicketQuery  *self,
               OkcBackendDb           *db,
               GError                **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM tickets t");
  g_autoptr(OkcBackendStmt) stmt = NULL;

  append_filters (self, sql);
  stmt = okc_backend_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return -1;
  bind_filters (self, stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      okc_backend_db_set_error (db, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static char *
cursor_for_row (OkcBackendTicketQuery *self,
                OkcBackendStmt        *stmt)
{
  const SortInfo *info = &sorts[self->sort];

  return okc_backend_ticket_cursor_encode (
    self->sort, sqlite3_column_int64 (stmt, info->key1_column),
    info->key2_column >= 0 ? sqlite3_column_int64 (stmt, info->key2_column) : 0,
    sqlite3_column_int64 (stmt, OKC_BACKEND_TICKET_COLUMN_SEQ));
}

/* Adds the page's tickets to @builder's open array; returns the next cursor through
 * @out_next_cursor (NULL on the last page). */
static gboolean
add_page (OkcBackendTicketQuery  *self,
          OkcBackendDb           *db,
          JsonBuilder            *builder,
          char                  **out_next_cursor,
          GError                **error)
{
  g_autoptr(GString) sql = g_string_new (OKC_BACKEND_TICKET_SELECT);
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autofree char *last_cursor = NULL;
  guint n_rows = 0;
  int rc;

  append_filters (self, sql);
  if (self->has_cursor)
    g_string_append_printf (sql, " AND %s", sorts[self->sort].after);
  g_string_append_printf (sql, " ORDER BY %s LIMIT :limit", sorts[self->sort].order_by);

  stmt = okc_backend_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_filters (self, stmt);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonNode *ticket;

      if (++n_rows > self->limit)
        {
          *out_next_cursor = g_steal_pointer (&last_cursor);
          return TRUE;
        }
      ticket = okc_backend_tickets_encode_row (db, stmt, FALSE, error);
      if (ticket == NULL)
        return FALSE;
      json_builder_add_value (builder, ticket);
      g_free (last_cursor);
      last_cursor = cursor_for_row (self, stmt);
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  *out_next_cursor = NULL;
  return TRUE;
}

/**
 * okc_backend_ticket_query_run:
 *
 * Returns: (transfer full) (nullable): {"tickets", "next_cursor", "total"}; or %NULL
 *   with an #OKC_DATA_ERROR naming a parameter (an unknown assignee) or a database error.
 */
JsonNode *
okc_backend_ticket_query_run (OkcBackendTicketQuery  *self,
                              OkcBackendDb           *db,
                              GError                **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *next_cursor = NULL;
  gint64 total;

  if (!check_assignee (self, db, error))
    return NULL;
  total = count_matches (self, db, error);
  if (total < 0)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tickets");
  json_builder_begin_array (builder);
  if (!add_page (self, db, builder, &next_cursor, error))
    return NULL;
  json_builder_end_array (builder);
  okc_json_builder_add_string (builder, "next_cursor", next_cursor);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
