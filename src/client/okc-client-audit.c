/* okc-client-audit.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "okc-client-audit.h"

#include "okc-client-private.h"
#include "okc-json.h"
#include "okc-time.h"

/**
 * okc_audit_query_copy:
 * @query: (nullable): a query
 *
 * Returns: (transfer full) (nullable): a deep copy, %NULL for %NULL.
 */
OkcAuditQuery *
okc_audit_query_copy (const OkcAuditQuery *query)
{
  OkcAuditQuery *copy;

  if (query == NULL)
    return NULL;
  copy = g_new0 (OkcAuditQuery, 1);
  copy->ticket_id = g_strdup (query->ticket_id);
  copy->actor_id = g_strdup (query->actor_id);
  copy->action = g_strdup (query->action);
  copy->target_kind = g_strdup (query->target_kind);
  copy->target_id = g_strdup (query->target_id);
  copy->from = query->from;
  copy->to = query->to;
  return copy;
}

/**
 * okc_audit_query_free:
 * @query: (transfer full) (nullable): a query made by okc_audit_query_copy()
 */
void
okc_audit_query_free (OkcAuditQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->ticket_id);
  g_free (query->actor_id);
  g_free (query->action);
  g_free (query->target_kind);
  g_free (query->target_id);
  g_free (query);
}

G_DEFINE_BOXED_TYPE (OkcAuditQuery, okc_audit_query, okc_audit_query_copy, okc_audit_query_free)

/* An empty string filters nothing, as NULL. */
static const char *
filter_value (const char *value)
{
  return value != NULL && *value != '\0' ? value : NULL;
}

/**
 * okc_audit_query_equal:
 * @a: (nullable): a query
 * @b: (nullable): another
 *
 * Returns: whether both ask for the same entries (%NULL is the query without filters).
 */
gboolean
okc_audit_query_equal (const OkcAuditQuery *a,
                       const OkcAuditQuery *b)
{
  static const OkcAuditQuery none = { 0 };

  if (a == NULL)
    a = &none;
  if (b == NULL)
    b = &none;
  return g_strcmp0 (filter_value (a->ticket_id), filter_value (b->ticket_id)) == 0 &&
         g_strcmp0 (filter_value (a->actor_id), filter_value (b->actor_id)) == 0 &&
         g_strcmp0 (filter_value (a->action), filter_value (b->action)) == 0 &&
         g_strcmp0 (filter_value (a->target_kind), filter_value (b->target_kind)) == 0 &&
         g_strcmp0 (filter_value (a->target_id), filter_value (b->target_id)) == 0 &&
         a->from == b->from && a->to == b->to;
}

static void
append_param (GString    *string,
              const char *name,
              const char *value)
{
  if (value == NULL)
    return;
  if (string->len > 0)
    g_string_append_c (string, '&');
  g_string_append (string, name);
  g_string_append_c (string, '=');
  g_string_append_uri_escaped (string, value, NULL, FALSE);
}

static void
append_time_param (GString    *string,
                   const char *name,
                   gint64      unix_time)
{
  g_autofree char *text = unix_time != 0 ? okc_time_format_rfc3339 (unix_time) : NULL;

  append_param (string, name, text);
}

/* The query string of GET /v1/audit, escaped. */
static char *
audit_query_string (const OkcAuditQuery *query,
                    const char          *cursor,
                    guint                limit)
{
  GString *string = g_string_new (NULL);

  if (query != NULL)
    {
      append_param (string, "ticket_id", filter_value (query->ticket_id));
      append_param (string, "actor_id", filter_value (query->actor_id));
      append_param (string, "action", filter_value (query->action));
      append_param (string, "target_kind", filter_value (query->target_kind));
      append_param (string, "target_id", filter_value (query->target_id));
      append_time_param (string, "from", query->from);
      append_time_param (string, "to", query->to);
    }
  append_param (string, "cursor", filter_value (cursor));
  if (string->len > 0)
    g_string_append_c (string, '&');
  g_string_append_printf (string, "limit=%u", limit);
  return g_string_free (string, FALSE);
}

/**
 * okc_audit_page_free:
 * @page: (transfer full): a page of the audit trail
 */
void
okc_audit_page_free (OkcAuditPage *page)
{
  g_clear_pointer (&page->entries, g_ptr_array_unref);
  g_free (page->next_cursor);
  g_free (page);
}

/* Worker thread: the answer {"entries": [AuditEntry], "next_cursor"}. */
static gpointer
decode_audit_page (JsonNode  *root,
                   gint64     server_time,
                   GError   **error)
{
  g_autoptr(OkcAuditPage) page = g_new0 (OkcAuditPage, 1);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  JsonArray *entries = NULL;
  const char *next_cursor = NULL;

  if (object == NULL ||
      !okc_json_read_array (object, NULL, "entries", OKC_JSON_REQUIRED, &entries, error) ||
      !okc_json_read_string (object, NULL, "next_cursor",
                             OKC_JSON_NULLABLE | OKC_JSON_NOT_EMPTY, &next_cursor, error))
    return NULL;
  page->entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      g_autofree char *path = okc_json_path_index ("entries", i);
      OkcAuditEntry *entry =
        okc_audit_entry_new_from_json (json_array_get_element (entries, i), path, error);

      if (entry == NULL)
        return NULL;
      g_ptr_array_add (page->entries, entry);
    }
  page->next_cursor = g_strdup (next_cursor);
  return g_steal_pointer (&page);
}

/**
 * okc_client_list_audit_async:
 * @self: a client
 * @query: (nullable): the filters, %NULL for every entry (a supervisor's)
 * @cursor: (nullable): the previous page's next_cursor, %NULL for the newest entries
 * @limit: 1 to 500 entries
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches one page of the audit trail (GET /v1/audit), newest first. An agent must give
 * the query's ticket_id (else %OKC_CLIENT_ERROR_FORBIDDEN); a filter the backend refuses
 * fails naming it.
 */
void
okc_client_list_audit_async (OkcClient           *self,
                             const OkcAuditQuery *query,
                             const char          *cursor,
                             guint                limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *string = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (limit >= 1 && limit <= 500);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  string = audit_query_string (query, cursor, limit);
  okc_client_call_json_async (self, "GET", "/v1/audit", string, NULL, decode_audit_page,
                              (GDestroyNotify) okc_audit_page_free,
                              okc_client_list_audit_async, cancellable, callback, user_data);
}

/**
 * okc_client_list_audit_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with an error.
 */
OkcAuditPage *
okc_client_list_audit_finish (OkcClient     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_list_audit_async, error);
}
