/* okc-backend-routes-chargers.c — GET /v1/chargers (and attention), GET /v1/chargers/{id},
 * its history and its access verdicts
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include <string.h>

#include "okc-backend-routes.h"

#include "okc-backend-access.h"
#include "okc-backend-chargers.h"
#include "okc-charger-attention.h"

/* Longer than any email address (RFC 5321 caps a path at 254) or phone number. */
#define MAX_ACCOUNT_LENGTH 254

/* Answers 404 or 500 when @charger is NULL; returns whether it was not. */
static gboolean
check_charger (OkcBackendRequest *request,
               OkcCharger        *charger,
               const GError      *error)
{
  if (charger != NULL)
    return TRUE;
  if (error != NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else
    okc_backend_reply_not_found (request->msg, "charger", request->param);
  return FALSE;
}

static void
get_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = okc_backend_chargers_load (request->db, request->param, &error);
  g_autoptr(JsonNode) root = NULL;

  if (!check_charger (request, charger, error))
    return;
  root = okc_charger_to_json (charger);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
access_cb (OkcBackendRequest *request)
{
  g_auto(OkcBackendAccount) account = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = NULL;
  g_autoptr(OkcChargerAccess) verdict = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *contact = NULL;
  const char *text = okc_backend_request_get_query (request, "account");

  if (text == NULL)
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter",
                               "account", "account: the customer’s email or phone is required");
      return;
    }
  contact = g_strstrip (g_strdup (text));
  if (strlen (contact) > MAX_ACCOUNT_LENGTH ||
      (!okc_text_is_email (contact) && !okc_text_is_phone (contact)))
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter",
                               "account", "account: expected an email address or a phone number");
      return;
    }

  charger = okc_backend_chargers_load (request->db, request->param, &error);
  if (!check_charger (request, charger, error))
    return;
  if (!okc_backend_access_find_account (request->db, okc_charger_get_id (charger), contact,
                                        &account, &error) ||
      (verdict = okc_backend_access_judge (request->db, charger, &account, request->now,
                                           &error)) == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  root = okc_charger_access_to_json (verdict);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

#define LIST_LIMIT_DEFAULT 200
#define LIST_LIMIT_MAX 1000
#define HISTORY_LIMIT_DEFAULT 50
#define HISTORY_LIMIT_MAX 500
#define MAX_CURSOR_LENGTH 256

static gboolean
reply_bad_parameter (OkcBackendRequest *request,
                     const char        *name,
                     const char        *message)
{
  okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter", name,
                           "%s: %s", name, message);
  return FALSE;
}

static gboolean
check_known_params (OkcBackendRequest   *request,
                    const char * const  *known)
{
  GHashTableIter iter;
  const char *name;

  if (request->query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, request->query);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_strv_contains (known, name))
      return reply_bad_parameter (request, name, "is not a parameter of this list");
  return TRUE;
}

/* The cursor is the last id of the page, in hex: opaque, and safe in a query. */
static char *
cursor_encode (const char *id)
{
  GString *text = g_string_new (NULL);

  for (const guchar *p = (const guchar *) id; *p != '\0'; p++)
    g_string_append_printf (text, "%02x", *p);
  return g_string_free (text, FALSE);
}

static char *
cursor_decode (const char *cursor)
{
  gsize length = strlen (cursor);
  g_autofree char *id = NULL;

  if (length == 0 || length % 2 != 0 || length > MAX_CURSOR_LENGTH ||
      strspn (cursor, "0123456789abcdef") != length)
    return NULL;
  id = g_malloc0 (length / 2 + 1);
  for (gsize i = 0; i < length / 2; i++)
    id[i] = (char) (g_ascii_xdigit_value (cursor[2 * i]) * 16 +
                    g_ascii_xdigit_value (cursor[2 * i + 1]));
  if (strlen (id) != length / 2 || !g_utf8_validate (id, -1, NULL))
    return NULL;
  return g_steal_pointer (&id);
}

/* "online,faulted" → the JSON array ["online","faulted"], for json_each(). */
static char *
parse_statuses (const char *text)
{
  g_auto(GStrv) values = g_strsplit (text, ",", -1);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  if (*text == '\0')
    return NULL;
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    {
      int status;
      const char *value = g_strstrip (values[i]);

      if (!okc_enum_from_nick (OKC_TYPE_CHARGER_STATUS, value, &status))
        return NULL;
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return okc_json_to_string (root);
}

#define LIST_WHERE \
  " WHERE (?1 IS NULL OR (CASE WHEN ?1 = 'none' THEN property_id IS NULL " \
  "ELSE property_id = ?1 END)) " \
  "AND (?2 IS NULL OR status IN (SELECT value FROM json_each(?2))) "

static void
list_cb (OkcBackendRequest *request)
{
  static const char * const known[] = { "limit", "cursor", "property", "status", NULL };
  const char *property = okc_backend_request_get_query (request, "property");
  const char *status = okc_backend_request_get_query (request, "status");
  const char *cursor = okc_backend_request_get_query (request, "cursor");
  g_autofree char *statuses = NULL;
  g_autofree char *after = NULL;
  g_autofree char *next = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = 0;
  guint limit;
  int rc;

  if (!check_known_params (request, known) ||
      !okc_backend_request_get_limit (request, "limit", LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX,
                                      &limit))
    return;
  if (status != NULL && (statuses = parse_statuses (status)) == NULL)
    {
      reply_bad_parameter (request, "status",
                           "expected online, offline or faulted, comma-separated");
      return;
    }
  if (property != NULL && *property == '\0')
    {
      reply_bad_parameter (request, "property", "expected a property id, or none");
      return;
    }
  if (cursor != NULL && (after = cursor_decode (cursor)) == NULL)
    {
      reply_bad_parameter (request, "cursor", "is not a cursor this list gave");
      return;
    }

  stmt = okc_backend_db_prepare (request->db, "SELECT count(*) FROM chargers" LIST_WHERE, &error);
  if (stmt == NULL)
    goto failed;
  okc_backend_stmt_bind_text (stmt, 1, property);
  okc_backend_stmt_bind_text (stmt, 2, statuses);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    goto sqlite_failed;
  total = sqlite3_column_int64 (stmt, 0);
  okc_backend_stmt_release (stmt);

  stmt = okc_backend_db_prepare (request->db,
                                 "SELECT id FROM chargers" LIST_WHERE
                                 "AND (?3 IS NULL OR id > ?3) ORDER BY id LIMIT ?4",
                                 &error);
  if (stmt == NULL)
    goto failed;
  okc_backend_stmt_bind_text (stmt, 1, property);
  okc_backend_stmt_bind_text (stmt, 2, statuses);
  okc_backend_stmt_bind_text (stmt, 3, after);
  okc_backend_stmt_bind_int64 (stmt, 4, (gint64) limit + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (okc_backend_stmt_get_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    goto sqlite_failed;
  okc_backend_stmt_release (stmt);
  if (ids->len > limit)
    {
      g_ptr_array_set_size (ids, limit);
      next = cursor_encode (g_ptr_array_index (ids, limit - 1));
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "chargers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(OkcCharger) charger =
        okc_backend_chargers_load (request->db, g_ptr_array_index (ids, i), &error);

      if (charger == NULL && error != NULL)
        goto failed;
      if (charger != NULL)
        json_builder_add_value (builder, okc_charger_to_json (charger));
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "next_cursor");
  if (next != NULL)
    json_builder_add_string_value (builder, next);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
  return;

sqlite_failed:
  okc_backend_db_set_error (request->db, &error);
failed:
  okc_backend_reply_internal_error (request->msg, error);
}

typedef struct
{
  OkcCharger *charger;
  GArray *reasons;
} Attention;

static void
attention_clear (Attention *attention)
{
  g_clear_object (&attention->charger);
  g_clear_pointer (&attention->reasons, g_array_unref);
}

static int
attention_compare (gconstpointer a,
                   gconstpointer b)
{
  return okc_attention_compare (((const Attention *) a)->reasons,
                                ((const Attention *) b)->reasons);
}

static void
add_reasons (JsonBuilder *builder,
             Attention   *attention,
             gint64       now)
{
  json_builder_set_member_name (builder, "reasons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < attention->reasons->len; i++)
    {
      const OkcAttentionReason *reason =
        &g_array_index (attention->reasons, OkcAttentionReason, i);
      g_autofree char *text = okc_attention_reason_describe (reason, attention->charger, now);

      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "kind",
                                   okc_enum_to_nick (OKC_TYPE_ATTENTION_KIND, reason->kind));
      json_builder_set_member_name (builder, "connector_id");
      json_builder_add_int_value (builder, reason->connector_id);
      json_builder_set_member_name (builder, "since");
      if (reason->since > 0)
        {
          g_autofree char *since = okc_time_format_rfc3339 (reason->since);
          json_builder_add_string_value (builder, since);
        }
      else
        json_builder_add_null_value (builder);
      okc_json_builder_add_string (builder, "text", text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The core rule decides; SQL only leaves out the chargers that cannot need attention. */
static void
attention_cb (OkcBackendRequest *request)
{
  static const char * const known[] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (Attention));
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  int rc;

  if (!check_known_params (request, known))
    return;
  g_array_set_clear_func (list, (GDestroyNotify) attention_clear);
  stmt = okc_backend_db_prepare (
    request->db,
    "SELECT c.id FROM chargers c WHERE c.status = 'offline' OR EXISTS (SELECT 1 FROM "
    "connectors x WHERE x.charger_id = c.id AND x.status IN ('Faulted', 'Preparing', "
    "'Finishing', 'SuspendedEVSE')) ORDER BY c.id",
    &error);
  if (stmt == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (okc_backend_stmt_get_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (request->db, &error);
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  okc_backend_stmt_release (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      Attention attention = { 0 };

      attention.charger = okc_backend_chargers_load (request->db, g_ptr_array_index (ids, i),
                                                     &error);
      if (attention.charger == NULL)
        {
          if (error != NULL)
            {
              okc_backend_reply_internal_error (request->msg, error);
              return;
            }
          continue;
        }
      attention.reasons = okc_charger_get_attention (attention.charger, request->now);
      if (attention.reasons->len == 0)
        attention_clear (&attention);
      else
        g_array_append_val (list, attention);
    }
  g_array_sort (list, attention_compare);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "chargers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    {
      Attention *attention = &g_array_index (list, Attention, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "charger");
      json_builder_add_value (builder, okc_charger_to_json (attention->charger));
      add_reasons (builder, attention, request->now);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
history_cb (OkcBackendRequest *request)
{
  static const char * const known[] = { "limit", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint limit;

  if (!check_known_params (request, known) ||
      !okc_backend_request_get_limit (request, "limit", HISTORY_LIMIT_DEFAULT, HISTORY_LIMIT_MAX,
                                      &limit))
    return;
  charger = okc_backend_chargers_load (request->db, request->param, &error);
  if (!check_charger (request, charger, error))
    return;
  root = okc_backend_chargers_history (request->db, okc_charger_get_id (charger), limit, &error);
  if (root == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

void
okc_backend_charger_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/chargers",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, list_cb);
  /* Before "/v1/chargers/{id}", which would take "attention" for an id. */
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/chargers/attention",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, attention_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/chargers/{id}",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, get_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/chargers/{id}/history",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, history_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/chargers/{id}/access",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, access_cb);
}
