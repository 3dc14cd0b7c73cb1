/* okc-client-sessions.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "okc-client-sessions.h"

#include <glib/gi18n-lib.h>

#include "okc-client-private.h"
#include "okc-json.h"
#include "okc-time.h"
#include <inttypes.h>

/* The query ----------------------------------------------------------------------- */

/**
 * okc_session_query_copy:
 * @query: (nullable): a query
 *
 * Returns: (transfer full) (nullable): a deep copy, %NULL for %NULL.
 */
OkcSessionQuery *
okc_session_query_copy (const OkcSessionQuery *query)
{
  OkcSessionQuery *copy;

  if (query == NULL)
    return NULL;
  copy = g_new0 (OkcSessionQuery, 1);
  copy->charger_id = g_strdup (query->charger_id);
  copy->property_id = g_strdup (query->property_id);
  copy->account = g_strdup (query->account);
  copy->from = query->from;
  copy->to = query->to;
  copy->sort = g_strdup (query->sort);
  return copy;
}

/**
 * okc_session_query_free:
 * @query: (transfer full) (nullable): a query made by okc_session_query_copy()
 */
void
okc_session_query_free (OkcSessionQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->charger_id);
  g_free (query->property_id);
  g_free (query->account);
  g_free (query->sort);
  g_free (query);
}

G_DEFINE_BOXED_TYPE (OkcSessionQuery, okc_session_query, okc_session_query_copy,
                     okc_session_query_free)

/* An empty string filters nothing, as NULL; a NULL sort is the default one. */
static const char *
filter_value (const char *value)
{
  return value != NULL && *value != '\0' ? value : NULL;
}

static const char *
sort_value (const OkcSessionQuery *query)
{
  return filter_value (query->sort) != NULL ? query->sort : "-started_at";
}

/**
 * okc_session_query_equal:
 * @a: (nullable): a query
 * @b: (nullable): another
 *
 * Returns: whether both ask for the same sessions in the same order (%NULL is the query
 *   without filters, in the default order).
 */
gboolean
okc_session_query_equal (const OkcSessionQuery *a,
                         const OkcSessionQuery *b)
{
  static const OkcSessionQuery none = { 0 };

  if (a == NULL)
    a = &none;
  if (b == NULL)
    b = &none;
  return g_strcmp0 (filter_value (a->charger_id), filter_value (b->charger_id)) == 0 &&
         g_strcmp0 (filter_value (a->property_id), filter_value (b->property_id)) == 0 &&
         g_strcmp0 (filter_value (a->account), filter_value (b->account)) == 0 &&
         a->from == b->from &&
         a->to == b->to &&
         g_strcmp0 (sort_value (a), sort_value (b)) == 0;
}

static void
append_param (GString    *query,
              const char *name,
              const char *value)
{
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append (query, name);
  g_string_append_c (query, '=');
  /* Nothing reserved left as is: a phone's "+" would read as a space, an email's "@" or a
   * time's ":" are safe escaped too. */
  g_string_append_uri_escaped (query, value, NULL, FALSE);
}

static void
append_time_param (GString    *query,
                   const char *name,
                   gint64      unix_time)
{
  g_autofree char *text = okc_time_format_rfc3339 (unix_time);

  append_param (query, name, text);
}

/* The query string of GET /v1/sessions, escaped. */
static char *
session_query_string (const OkcSessionQuery *query,
                      guint                  offset,
                      guint                  limit)
{
  GString *string = g_string_new (NULL);

  if (query != NULL)
    {
      if (filter_value (query->charger_id) != NULL)
        append_param (string, "charger_id", query->charger_id);
      if (filter_value (query->property_id) != NULL)
        append_param (string, "property_id", query->property_id);
      if (filter_value (query->account) != NULL)
        append_param (string, "account", query->account);
      if (query->from != 0)
        append_time_param (string, "from", query->from);
      if (query->to != 0)
        append_time_param (string, "to", query->to);
      if (filter_value (query->sort) != NULL)
        append_param (string, "sort", query->sort);
    }
  if (string->len > 0)
    g_string_append_c (string, '&');
  g_string_append_printf (string, "offset=%u&limit=%u", offset, limit);
  return g_string_free (string, FALSE);
}

/* "/v1/sessions/SES-0000042" + @suffix, the id escaped as one path segment. */
static char *
session_path (const char *id,
              const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strconcat ("/v1/sessions/", escaped, suffix, NULL);
}

/* Decoders (worker thread) -------------------------------------------------------- */

/* Decodes each element of @object's array @member with @decode, naming the element in
 * errors ("items[3].stop_reason"). */
static GPtrArray *
decode_array_member (JsonObject            *object,
                     const char            *member,
                     OkcJsonObjectDecoder   decode,
                     GError               **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = NULL;

  if (!okc_json_read_array (object, NULL, member, OKC_JSON_REQUIRED, &array, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = okc_json_path_index (member, i);
      gpointer item = decode (json_array_get_element (array, i), path, error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

static gboolean
read_count (JsonObject  *object,
            const char  *member,
            guint       *out,
            GError     **error)
{
  gint64 value = 0;

  if (!okc_json_read_int64 (object, NULL, member, OKC_JSON_REQUIRED, &value, error))
    return FALSE;
  if (value < 0 || value > G_MAXUINT)
    {
      g_set_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID,
                   /* Translators: %s is a member of the backend's answer */
                   _("“%s” is out of range (%" PRId64 ")"), member, value);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

/**
 * okc_session_page_free:
 * @page: (transfer full): a page of sessions
 */
void
okc_session_page_free (OkcSessionPage *page)
{
  g_clear_pointer (&page->sessions, g_ptr_array_unref);
  g_free (page);
}

static gpointer
decode_session_page (JsonNode  *root,
                     gint64     server_time,
                     GError   **error)
{
  g_autoptr(OkcSessionPage) page = g_new0 (OkcSessionPage, 1);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);

  if (object == NULL)
    return NULL;
  page->sessions = decode_array_member (object, "items",
                                        (OkcJsonObjectDecoder) okc_charging_session_new_from_json,
                                        error);
  if (page->sessions == NULL ||
      !read_count (object, "offset", &page->offset, error) ||
      !read_count (object, "total", &page->total, error))
    return NULL;
  return g_steal_pointer (&page);
}

/**
 * okc_session_detail_free:
 * @detail: (transfer full): a session's detail
 */
void
okc_session_detail_free (OkcSessionDetail *detail)
{
  g_clear_object (&detail->session);
  g_clear_object (&detail->tariff);
  g_clear_pointer (&detail->neighbours, g_ptr_array_unref);
  g_free (detail);
}

static gpointer
decode_session_detail (JsonNode  *root,
                       gint64     server_time,
                       GError   **error)
{
  g_autoptr(OkcSessionDetail) detail = g_new0 (OkcSessionDetail, 1);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);

  if (object == NULL)
    return NULL;
  if (!json_object_has_member (object, "tariff"))
    {
      g_set_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_MISSING, _("“tariff” is missing"));
      return NULL;
    }
  detail->session = okc_charging_session_new_from_json (root, NULL, error);
  if (detail->session == NULL)
    return NULL;
  detail->tariff = okc_tariff_new_from_json (json_object_get_member (object, "tariff"),
                                             "tariff", error);
  if (detail->tariff == NULL)
    return NULL;
  detail->neighbours = decode_array_member (object, "neighbours",
                                            (OkcJsonObjectDecoder) okc_charging_session_new_from_json,
                                            error);
  if (detail->neighbours == NULL)
    return NULL;
  return g_steal_pointer (&detail);
}

static gpointer
decode_analysis (JsonNode  *root,
                 gint64     server_time,
                 GError   **error)
{
  return okc_session_audit_new_from_json (root, NULL, error);
}

static gpointer
decode_refund (JsonNode  *root,
               gint64     server_time,
               GError   **error)
{
  return okc_refund_new_from_json (root, NULL, error);
}

static gpointer
decode_money_member (JsonObject  *object,
                     const char  *member,
                     GError     **error)
{
  g_autofree OkcMoney *money = g_new0 (OkcMoney, 1);

  if (!json_object_has_member (object, member))
    {
      g_set_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_MISSING, _("“%s” is missing"), member);
      return NULL;
    }
  if (!okc_money_from_json (json_object_get_member (object, member), member, money, error))
    return NULL;
  return g_steal_pointer (&money);
}

static gpointer
decode_refund_policy (JsonNode  *root,
                      gint64     server_time,
                      GError   **error)
{
  JsonObject *object = okc_json_node_get_object (root, NULL, error);

  if (object == NULL)
    return NULL;
  return decode_money_member (object, "approval_threshold", error);
}

/* The answer of GET /v1/sessions/{id}/refunds. */
typedef struct
{
  GPtrArray *refunds;
  OkcMoney refundable;
} RefundList;

static void
refund_list_free (RefundList *list)
{
  g_clear_pointer (&list->refunds, g_ptr_array_unref);
  g_free (list);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefundList, refund_list_free)

static gpointer
decode_refund_list (JsonNode  *root,
                    gint64     server_time,
                    GError   **error)
{
  g_autoptr(RefundList) list = g_new0 (RefundList, 1);
  g_autofree OkcMoney *refundable = NULL;
  JsonObject *object = okc_json_node_get_object (root, NULL, error);

  if (object == NULL)
    return NULL;
  list->refunds = decode_array_member (object, "items",
                                       (OkcJsonObjectDecoder) okc_refund_new_from_json, error);
  if (list->refunds == NULL)
    return NULL;
  refundable = decode_money_member (object, "refundable", error);
  if (refundable == NULL)
    return NULL;
  list->refundable = *refundable;
  return g_steal_pointer (&list);
}

/* Calls ---------------------------------------------------------------------------- */

/**
 * okc_client_list_sessions_async:
 * @self: a client
 * @query: (nullable): the filters and order, %NULL for all sessions, newest first
 * @offset: the first row wanted
 * @limit: 1 to 500 rows
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches one page of the session log (GET /v1/sessions). A query member the backend
 * refuses fails with %OKC_CLIENT_ERROR_INVALID_INPUT naming it.
 */
void
okc_client_list_sessions_async (OkcClient             *self,
                                const OkcSessionQuery *query,
                                guint                  offset,
                                guint                  limit,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data)
{
  g_autofree char *string = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (limit >= 1 && limit <= 500);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  string = session_query_string (query, offset, limit);
  okc_client_call_json_async (self, "GET", "/v1/sessions", string, NULL, decode_session_page,
                              (GDestroyNotify) okc_session_page_free,
                              okc_client_list_sessions_async, cancellable, callback, user_data);
}

/**
 * okc_client_list_sessions_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with an error.
 */
OkcSessionPage *
okc_client_list_sessions_finish (OkcClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_list_sessions_async, error);
}

/**
 * okc_client_get_session_async:
 * @self: a client
 * @id: a session id ("SES-0000042")
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches one session with its meter samples, billed lines, tariff and neighbours
 * (GET /v1/sessions/{id}); no such session fails with %OKC_CLIENT_ERROR_NOT_FOUND.
 */
void
okc_client_get_session_async (OkcClient           *self,
                              const char          *id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (id != NULL && *id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = session_path (id, NULL);
  okc_client_call_json_async (self, "GET", path, NULL, NULL, decode_session_detail,
                              (GDestroyNotify) okc_session_detail_free,
                              okc_client_get_session_async, cancellable, callback, user_data);
}

/**
 * okc_client_get_session_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the detail, or %NULL with an error.
 */
OkcSessionDetail *
okc_client_get_session_finish (OkcClient     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_get_session_async, error);
}

/**
 * okc_client_get_session_analysis_async:
 * @self: a client
 * @id: a session id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches the backend's audit of the session (GET /v1/sessions/{id}/analysis).
 */
void
okc_client_get_session_analysis_async (OkcClient           *self,
                                       const char          *id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (id != NULL && *id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = session_path (id, "/analysis");
  okc_client_call_json_async (self, "GET", path, NULL, NULL, decode_analysis, g_object_unref,
                              okc_client_get_session_analysis_async, cancellable, callback,
                              user_data);
}

/**
 * okc_client_get_session_analysis_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the audit, or %NULL with an error.
 */
OkcSessionAudit *
okc_client_get_session_analysis_finish (OkcClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_get_session_analysis_async,
                                       error);
}

/**
 * okc_client_get_refund_policy_async:
 * @self: a client
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches the amount above which a refund waits for a supervisor (GET /v1/refund-policy).
 */
void
okc_client_get_refund_policy_async (OkcClient           *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  okc_client_call_json_async (self, "GET", "/v1/refund-policy", NULL, NULL,
                              decode_refund_policy, g_free,
                              okc_client_get_refund_policy_async, cancellable, callback,
                              user_data);
}

/**
 * okc_client_get_refund_policy_finish:
 * @self: a client
 * @result: the result given to the callback
 * @out_approval_threshold: (out): the approval threshold
 * @error: return location for an error
 *
 * Returns: whether the policy was read; @out_approval_threshold is untouched otherwise.
 */
gboolean
okc_client_get_refund_policy_finish (OkcClient     *self,
                                     GAsyncResult  *result,
                                     OkcMoney      *out_approval_threshold,
                                     GError       **error)
{
  g_autofree OkcMoney *threshold = NULL;

  g_return_val_if_fail (out_approval_threshold != NULL, FALSE);

  threshold = okc_client_propagate_pointer (self, result, okc_client_get_refund_policy_async,
                                            error);
  if (threshold == NULL)
    return FALSE;
  *out_approval_threshold = *threshold;
  return TRUE;
}

/**
 * okc_client_create_refund_async:
 * @self: a client
 * @request: the refund asked for (okc_refund_new())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks for a refund (POST /v1/refunds). An amount the backend refuses (zero, another
 * currency, more than is still refundable) fails with %OKC_CLIENT_ERROR_INVALID_INPUT
 * naming `amount`.
 */
void
okc_client_create_refund_async (OkcClient           *self,
                                OkcRefund           *request,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (OKC_IS_REFUND (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  body = okc_refund_to_request_json (request);
  okc_client_call_json_async (self, "POST", "/v1/refunds", NULL, body, decode_refund,
                              g_object_unref, okc_client_create_refund_async, cancellable,
                              callback, user_data);
}

/**
 * okc_client_create_refund_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the refund as recorded (id, status), or %NULL with
 *   an error.
 */
OkcRefund *
okc_client_create_refund_finish (OkcClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_create_refund_async, error);
}

/**
 * okc_client_list_session_refunds_async:
 * @self: a client
 * @session_id: a session id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches the session's refunds and what is still refundable
 * (GET /v1/sessions/{id}/refunds).
 */
void
okc_client_list_session_refunds_async (OkcClient           *self,
                                       const char          *session_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (session_id != NULL && *session_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = session_path (session_id, "/refunds");
  okc_client_call_json_async (self, "GET", path, NULL, NULL, decode_refund_list,
                              (GDestroyNotify) refund_list_free,
                              okc_client_list_session_refunds_async, cancellable, callback,
                              user_data);
}

/**
 * okc_client_list_session_refunds_finish:
 * @self: a client
 * @result: the result given to the callback
 * @out_refundable: (out) (optional): what is still refundable
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable) (element-type OkcRefund): the refunds, or %NULL with
 *   an error.
 */
GPtrArray *
okc_client_list_session_refunds_finish (OkcClient     *self,
                                        GAsyncResult  *result,
                                        OkcMoney      *out_refundable,
                                        GError       **error)
{
  g_autoptr(RefundList) list = NULL;

  list = okc_client_propagate_pointer (self, result, okc_client_list_session_refunds_async,
                                       error);
  if (list == NULL)
    return NULL;
  if (out_refundable != NULL)
    *out_refundable = list->refundable;
  return g_steal_pointer (&list->refunds);
}
