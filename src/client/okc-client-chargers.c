/* okc-client-chargers.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "okc-client-chargers.h"

#include "okc-client-private.h"

/* Decoders (worker thread) -------------------------------------------------------- */

static gpointer
decode_charger (JsonNode  *root,
                gint64     server_time,
                GError   **error)
{
  return okc_charger_new_from_json (root, NULL, error);
}

static gpointer
decode_charger_access (JsonNode  *root,
                       gint64     server_time,
                       GError   **error)
{
  return okc_charger_access_new_from_json (root, NULL, error);
}

/* "/v1/chargers/CH-10234" + @suffix, the id escaped as one path segment. */
static char *
charger_path (const char *id,
              const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  return g_strconcat ("/v1/chargers/", escaped, suffix, NULL);
}

/**
 * okc_client_get_charger_async:
 * @self: a client
 * @id: a charger id ("CH-10234"), in any case
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches one charger with its live status and last heartbeat (GET /v1/chargers/{id});
 * no such charger fails with %OKC_CLIENT_ERROR_NOT_FOUND, a role that may not see
 * chargers with %OKC_CLIENT_ERROR_FORBIDDEN.
 */
void
okc_client_get_charger_async (OkcClient           *self,
                              const char          *id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (id != NULL && *id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = charger_path (id, NULL);
  okc_client_call_json_async (self, "GET", path, NULL, NULL, decode_charger, g_object_unref,
                             okc_client_get_charger_async, cancellable, callback, user_data);
}

/**
 * okc_client_get_charger_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the charger, or %NULL with an error.
 */
OkcCharger *
okc_client_get_charger_finish (OkcClient     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_get_charger_async, error);
}

/**
 * okc_client_get_charger_access_async:
 * @self: a client
 * @charger_id: a charger id ("CH-10234")
 * @account: the customer's email or phone, as the customer gave it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks whether the account of @account may use the charger, and why
 * (GET /v1/chargers/{id}/access). An unknown account is a verdict
 * (%OKC_ACCESS_REASON_NO_ACCOUNT), not an error; an @account that is neither an email
 * nor a phone fails with %OKC_CLIENT_ERROR_INVALID_INPUT naming `account`.
 */
void
okc_client_get_charger_access_async (OkcClient           *self,
                                     const char          *charger_id,
                                     const char          *account,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (charger_id != NULL && *charger_id != '\0');
  g_return_if_fail (account != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = charger_path (charger_id, "/access");
  /* Escape everything reserved: a phone's "+" would otherwise read as a space. */
  escaped = g_uri_escape_string (account, NULL, FALSE);
  query = g_strconcat ("account=", escaped, NULL);
  okc_client_call_json_async (self, "GET", path, query, NULL, decode_charger_access, g_object_unref,
                             okc_client_get_charger_access_async, cancellable, callback,
                             user_data);
}

/**
 * okc_client_get_charger_access_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the verdict, or %NULL with an error.
 */
OkcChargerAccess *
okc_client_get_charger_access_finish (OkcClient     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_get_charger_access_async,
                                       error);
}

/* Listing, history and commands ------------------------------------------------------ */

/**
 * okc_charger_page_free:
 * @page: (transfer full): a page of chargers
 */
void
okc_charger_page_free (OkcChargerPage *page)
{
  g_ptr_array_unref (page->chargers);
  g_free (page->next_cursor);
  g_free (page);
}

/* Decodes each element of @object's array @member with @decode into a new GPtrArray,
 * naming the element in errors ("chargers[3].connectors[0].status"). */
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

static gpointer
decode_charger_page (JsonNode  *root,
                     gint64     server_time,
                     GError   **error)
{
  g_autoptr(OkcChargerPage) page = g_new0 (OkcChargerPage, 1);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  const char *cursor = NULL;

  if (object == NULL)
    return NULL;
  page->chargers = decode_array_member (object, "chargers",
                                        (OkcJsonObjectDecoder) okc_charger_new_from_json, error);
  if (page->chargers == NULL ||
      !okc_json_read_string (object, NULL, "next_cursor", OKC_JSON_OPTIONAL, &cursor, error) ||
      !okc_json_read_int64 (object, NULL, "total", OKC_JSON_REQUIRED, &page->total, error))
    return NULL;
  page->next_cursor = g_strdup (cursor);
  return g_steal_pointer (&page);
}

static gpointer
decode_changes (JsonNode  *root,
                gint64     server_time,
                GError   **error)
{
  JsonObject *object = okc_json_node_get_object (root, NULL, error);

  if (object == NULL)
    return NULL;
  return decode_array_member (object, "changes",
                              (OkcJsonObjectDecoder) okc_charger_change_new_from_json, error);
}

static gpointer
decode_command (JsonNode  *root,
                gint64     server_time,
                GError   **error)
{
  return okc_charger_command_new_from_json (root, NULL, error);
}

static gpointer
decode_commands (JsonNode  *root,
                 gint64     server_time,
                 GError   **error)
{
  JsonObject *object = okc_json_node_get_object (root, NULL, error);

  if (object == NULL)
    return NULL;
  return decode_array_member (object, "commands",
                              (OkcJsonObjectDecoder) okc_charger_command_new_from_json, error);
}

/**
 * okc_client_list_chargers_async:
 * @self: a client
 * @property_id: (nullable): only the chargers of this property ("none": not assigned)
 * @cursor: (nullable): the next_cursor of the previous page, %NULL for the first
 * @limit: 1 to 1000 chargers per page
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches one page of the fleet, ordered by id, each charger with its connectors,
 * network and last heartbeat (GET /v1/chargers).
 */
void
okc_client_list_chargers_async (OkcClient           *self,
                                const char          *property_id,
                                const char          *cursor,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (limit >= 1 && limit <= 1000);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  g_string_append_printf (query, "limit=%u", limit);
  if (property_id != NULL)
    {
      g_string_append (query, "&property=");
      g_string_append_uri_escaped (query, property_id, NULL, FALSE);
    }
  if (cursor != NULL)
    {
      g_string_append (query, "&cursor=");
      g_string_append_uri_escaped (query, cursor, NULL, FALSE);
    }
  okc_client_call_json_async (self, "GET", "/v1/chargers", query->str, NULL,
                              decode_charger_page, (GDestroyNotify) okc_charger_page_free,
                              okc_client_list_chargers_async, cancellable, callback, user_data);
}

/**
 * okc_client_list_chargers_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with an error.
 */
OkcChargerPage *
okc_client_list_chargers_finish (OkcClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_list_chargers_async, error);
}

/**
 * okc_client_get_charger_history_async:
 * @self: a client
 * @charger_id: a charger id
 * @limit: 1 to 500 changes
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches the charger's recent status changes, newest first
 * (GET /v1/chargers/{id}/history).
 */
void
okc_client_get_charger_history_async (OkcClient           *self,
                                      const char          *charger_id,
                                      guint                limit,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (charger_id != NULL && *charger_id != '\0');
  g_return_if_fail (limit >= 1 && limit <= 500);

  path = charger_path (charger_id, "/history");
  query = g_strdup_printf ("limit=%u", limit);
  okc_client_call_json_async (self, "GET", path, query, NULL, decode_changes,
                              (GDestroyNotify) g_ptr_array_unref,
                              okc_client_get_charger_history_async, cancellable, callback,
                              user_data);
}

/**
 * okc_client_get_charger_history_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable) (element-type OkcChargerChange): the changes, newest
 *   first, or %NULL with an error.
 */
GPtrArray *
okc_client_get_charger_history_finish (OkcClient     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_get_charger_history_async,
                                       error);
}

/**
 * okc_client_send_charger_command_async:
 * @self: a client
 * @command: the request, as okc_charger_command_new() and its setters build it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Sends a remote command to the charger (POST /v1/chargers/{id}/commands). The backend
 * answers once it has sent it; the charger's answer and the outcome follow as
 * `charger.command` events. A command the charger cannot take now fails with
 * %OKC_CLIENT_ERROR_CONFLICT and the backend's sentence saying why.
 */
void
okc_client_send_charger_command_async (OkcClient           *self,
                                       OkcChargerCommand   *command,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (OKC_IS_CHARGER_COMMAND (command));

  path = charger_path (okc_charger_command_get_charger_id (command), "/commands");
  body = okc_charger_command_to_request_json (command);
  okc_client_call_json_async (self, "POST", path, NULL, body, decode_command, g_object_unref,
                              okc_client_send_charger_command_async, cancellable, callback,
                              user_data);
}

/**
 * okc_client_send_charger_command_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the command as the backend recorded it (state
 *   sent, with its id), or %NULL with an error.
 */
OkcChargerCommand *
okc_client_send_charger_command_finish (OkcClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_send_charger_command_async,
                                       error);
}

/**
 * okc_client_list_charger_commands_async:
 * @self: a client
 * @charger_id: a charger id
 * @limit: 1 to 100 commands
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches the charger's recent commands, newest first (GET /v1/chargers/{id}/commands).
 */
void
okc_client_list_charger_commands_async (OkcClient           *self,
                                        const char          *charger_id,
                                        guint                limit,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (charger_id != NULL && *charger_id != '\0');
  g_return_if_fail (limit >= 1 && limit <= 100);

  path = charger_path (charger_id, "/commands");
  query = g_strdup_printf ("limit=%u", limit);
  okc_client_call_json_async (self, "GET", path, query, NULL, decode_commands,
                              (GDestroyNotify) g_ptr_array_unref,
                              okc_client_list_charger_commands_async, cancellable, callback,
                              user_data);
}

/**
 * okc_client_list_charger_commands_finish:
 * @self: a client
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable) (element-type OkcChargerCommand): the commands,
 *   newest first, or %NULL with an error.
 */
GPtrArray *
okc_client_list_charger_commands_finish (OkcClient     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_list_charger_commands_async,
                                       error);
}
