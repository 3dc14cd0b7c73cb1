/* okc-client-statement.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "config.h"

#include "okc-client-statement.h"

#include "okc-client-private.h"

/* Worker thread: decodes and re-adds the totals (okc-statement.c). */
static gpointer
decode_statement (JsonNode  *root,
                  gint64     server_time,
                  GError   **error)
{
  return okc_statement_new_from_json (root, NULL, error);
}

/**
 * okc_client_get_statement_async:
 * @self: a client
 * @account_id: a host's account
 * @from: the period's first local date, "YYYY-MM-DD"
 * @to: its last, at most 400 days after @from
 * @property_id: (nullable): one of the host's properties, or %NULL for all of them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * The host's sessions and payouts of the period (GET /v1/accounts/{id}/statement); a
 * statement whose totals do not follow from its lines fails with an #OKC_DATA_ERROR.
 */
void
okc_client_get_statement_async (OkcClient           *self,
                                const char          *account_id,
                                const char          *from,
                                const char          *to,
                                const char          *property_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *escaped_id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (account_id != NULL && from != NULL && to != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  escaped_id = g_uri_escape_string (account_id, NULL, FALSE);
  path = g_strconcat ("/v1/accounts/", escaped_id, "/statement", NULL);
  g_string_append_printf (query, "from=%s&to=%s", from, to);
  if (property_id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (property_id, NULL, FALSE);
      g_string_append_printf (query, "&property=%s", escaped);
    }
  okc_client_call_json_async (self, "GET", path, query->str, NULL, decode_statement,
                             g_object_unref, okc_client_get_statement_async, cancellable,
                             callback, user_data);
}

/**
 * okc_client_get_statement_finish:
 *
 * Returns: (transfer full) (nullable): the statement, or %NULL with an error.
 */
OkcStatement *
okc_client_get_statement_finish (OkcClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_get_statement_async, error);
}
