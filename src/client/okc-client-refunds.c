/* okc-client-refunds.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "okc-client-refunds.h"

#include <glib/gi18n-lib.h>

#include "okc-client-error.h"
#include "okc-client-private.h"
#include "okc-json.h"

/* Decoders (worker thread) -------------------------------------------------------- */

/**
 * okc_refund_page_free:
 * @page: (transfer full): a page of refunds
 */
void
okc_refund_page_free (OkcRefundPage *page)
{
  g_clear_pointer (&page->refunds, g_ptr_array_unref);
  g_free (page->next_cursor);
  g_free (page);
}

static gpointer
decode_refund_page (JsonNode  *root,
                    gint64     server_time,
                    GError   **error)
{
  g_autoptr(OkcRefundPage) page = g_new0 (OkcRefundPage, 1);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  JsonArray *items = NULL;
  const char *cursor = NULL;

  if (object == NULL ||
      !okc_json_read_array (object, NULL, "items", OKC_JSON_REQUIRED, &items, error) ||
      !okc_json_read_string (object, NULL, "next_cursor", OKC_JSON_NULLABLE, &cursor, error) ||
      !okc_json_read_int64 (object, NULL, "total", OKC_JSON_REQUIRED, &page->total, error))
    return NULL;
  page->refunds = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *path = okc_json_path_index ("items", i);
      OkcRefund *refund = okc_refund_new_from_json (json_array_get_element (items, i), path,
                                                    error);

      if (refund == NULL)
        return NULL;
      g_ptr_array_add (page->refunds, refund);
    }
  page->next_cursor = g_strdup (cursor);
  return g_steal_pointer (&page);
}

/**
 * okc_refund_review_free:
 * @review: (transfer full): a refund with its evidence
 */
void
okc_refund_review_free (OkcRefundReview *review)
{
  g_clear_object (&review->refund);
  g_clear_object (&review->session);
  g_clear_object (&review->analysis);
  g_clear_object (&review->ticket);
  g_free (review);
}

/* The member @name of @object, which must be there (maybe null when @nullable). */
static JsonNode *
get_member (JsonObject  *object,
            const char  *name,
            gboolean     nullable,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || (!nullable && JSON_NODE_HOLDS_NULL (node)))
    {
      g_set_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_MISSING, _("“%s” is missing"), name);
      return NULL;
    }
  return node;
}

static gpointer
decode_refund_review (JsonNode  *root,
                      gint64     server_time,
                      GError   **error)
{
  g_autoptr(OkcRefundReview) review = g_new0 (OkcRefundReview, 1);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  JsonNode *refund, *session, *analysis, *ticket, *refundable;

  if (object == NULL ||
      (refund = get_member (object, "refund", FALSE, error)) == NULL ||
      (session = get_member (object, "session", FALSE, error)) == NULL ||
      (analysis = get_member (object, "analysis", FALSE, error)) == NULL ||
      (ticket = get_member (object, "ticket", TRUE, error)) == NULL ||
      (refundable = get_member (object, "refundable", FALSE, error)) == NULL)
    return NULL;

  review->refund = okc_refund_new_from_json (refund, "refund", error);
  if (review->refund == NULL)
    return NULL;
  review->session = okc_charging_session_new_from_json (session, "session", error);
  if (review->session == NULL)
    return NULL;
  review->analysis = okc_session_audit_new_from_json (analysis, "analysis", error);
  if (review->analysis == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_NULL (ticket))
    {
      review->ticket = okc_ticket_new_from_json (ticket, "ticket", error);
      if (review->ticket == NULL)
        return NULL;
    }
  if (!okc_money_from_json (refundable, "refundable", &review->refundable, error))
    return NULL;
  return g_steal_pointer (&review);
}

/* Calls ---------------------------------------------------------------------------- */

/* "/v1/refunds/RFD-000001" + @suffix, the id escaped as one path segment. */
static char *
refund_path (const char *id,
             const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strconcat ("/v1/refunds/", escaped, suffix, NULL);
}

static void
append_param (GString    *query,
              const char *name,
              const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append (query, name);
  g_string_append_c (query, '=');
  g_string_append_uri_escaped (query, value, NULL, FALSE);
}

/**
 * okc_client_list_refunds_async:
 * @self: a client
 * @query: (nullable): the filters, %NULL for every refund
 * @cursor: (nullable): the next_cursor of the previous page, %NULL for the first
 * @limit: 1 to 200 refunds per page
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches one page of refunds, oldest request first (GET /v1/refunds). A filter the
 * backend refuses fails with %OKC_CLIENT_ERROR_INVALID_INPUT naming it.
 */
void
okc_client_list_refunds_async (OkcClient            *self,
                               const OkcRefundQuery *query,
                               const char           *cursor,
                               guint                 limit,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autoptr(GString) string = g_string_new (NULL);

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (limit >= 1 && limit <= 200);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (query != NULL)
    {
      append_param (string, "status", query->status);
      append_param (string, "ticket_id", query->ticket_id);
      append_param (string, "session_id", query->session_id);
      append_param (string, "requested_by", query->requested_by);
    }
  append_param (string, "cursor", cursor);
  if (string->len > 0)
    g_string_append_c (string, '&');
  g_string_append_printf (string, "limit=%u", limit);
  okc_client_call_json_async (self, "GET", "/v1/refunds", string->str, NULL, decode_refund_page,
                              (GDestroyNotify) okc_refund_page_free,
                              okc_client_list_refunds_async, cancellable, callback, user_data);
}

/**
 * okc_client_list_refunds_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with an error.
 */
OkcRefundPage *
okc_client_list_refunds_finish (OkcClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_list_refunds_async, error);
}

/**
 * okc_client_get_refund_review_async:
 * @self: a client
 * @id: a refund id ("RFD-000001")
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches a refund with its evidence (GET /v1/refunds/{id}); no such refund fails with
 * %OKC_CLIENT_ERROR_NOT_FOUND.
 */
void
okc_client_get_refund_review_async (OkcClient           *self,
                                    const char          *id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (id != NULL && *id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = refund_path (id, NULL);
  okc_client_call_json_async (self, "GET", path, NULL, NULL, decode_refund_review,
                              (GDestroyNotify) okc_refund_review_free,
                              okc_client_get_refund_review_async, cancellable, callback,
                              user_data);
}

/**
 * okc_client_get_refund_review_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the refund with its evidence, or %NULL with an
 *   error.
 */
OkcRefundReview *
okc_client_get_refund_review_finish (OkcClient     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_get_refund_review_async, error);
}

/* Actions ------------------------------------------------------------------------- */

/**
 * okc_refund_action_new_create:
 * @request: the refund asked for
 *
 * Returns: (transfer full): the outbox's action that asks for it.
 */
OkcOutboxAction *
okc_refund_action_new_create (OkcRefund *request)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *summary = NULL;
  OkcMoney money;

  g_return_val_if_fail (OKC_IS_REFUND (request), NULL);

  okc_refund_get_amount (request, &money);
  amount = okc_money_format (&money);
  /* Translators: an action in the outbox, "Refund $12.40 on SES-0001234" */
  summary = g_strdup_printf (_("Refund %s on %s"), amount, okc_refund_get_session_id (request));
  body = okc_refund_to_request_json (request);
  return okc_outbox_action_new ("refund.create", "POST", "/v1/refunds", body,
                                okc_refund_get_ticket_id (request), summary);
}

/**
 * okc_refund_action_new_review:
 * @refund: a refund pending approval, as the backend recorded it
 * @approve: %TRUE to approve, %FALSE to reject
 * @comment: the reviewer's comment; a rejection needs one, which the backend checks
 *
 * Returns: (transfer full): the outbox's action that approves or rejects it.
 */
OkcOutboxAction *
okc_refund_action_new_review (OkcRefund  *refund,
                              gboolean    approve,
                              const char *comment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *summary = NULL;
  OkcMoney money;

  g_return_val_if_fail (OKC_IS_REFUND (refund), NULL);
  g_return_val_if_fail (okc_refund_get_id (refund) != NULL, NULL);
  g_return_val_if_fail (comment != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "comment");
  json_builder_add_string_value (builder, comment);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  path = refund_path (okc_refund_get_id (refund), approve ? "/approve" : "/reject");
  okc_refund_get_amount (refund, &money);
  amount = okc_money_format (&money);
  summary = approve
    /* Translators: an action in the outbox, "Approve the refund RFD-000004 of $60.00" */
    ? g_strdup_printf (_("Approve the refund %s of %s"), okc_refund_get_id (refund), amount)
    /* Translators: an action in the outbox, "Reject the refund RFD-000004 of $60.00" */
    : g_strdup_printf (_("Reject the refund %s of %s"), okc_refund_get_id (refund), amount);
  return okc_outbox_action_new (approve ? "refund.approve" : "refund.reject", "POST", path, body,
                                okc_refund_get_ticket_id (refund), summary);
}

/**
 * okc_refund_action_get_refund:
 * @action: a done refund action
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the refund the backend answered with, or %NULL
 *   with an error.
 */
OkcRefund *
okc_refund_action_get_refund (OkcOutboxAction  *action,
                              GError          **error)
{
  JsonNode *response;

  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (action), NULL);
  g_return_val_if_fail (g_str_has_prefix (okc_outbox_action_get_kind (action), "refund."), NULL);

  response = okc_outbox_action_get_response (action);
  if (okc_outbox_action_get_state (action) != OKC_OUTBOX_STATE_DONE || response == NULL)
    {
      g_set_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_BAD_RESPONSE,
                   _("The backend has not answered “%s” yet"), okc_outbox_action_get_summary (action));
      return NULL;
    }
  return okc_refund_new_from_json (response, NULL, error);
}
