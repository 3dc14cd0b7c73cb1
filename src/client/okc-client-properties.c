/* okc-client-properties.c — charger lookup, properties and their PMS syncs from the
 * backend, and the actions that assign a charger and sync a PMS (topic 8)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "okc-client-properties.h"

#include "okc-client-private.h"
#include "okc-json.h"

/* Decoders (worker thread) -------------------------------------------------------- */

static gpointer
decode_charger (JsonNode  *root,
                gint64     server_time,
                GError   **error)
{
  return okc_charger_new_from_json (root, NULL, error);
}

static gpointer
decode_property (JsonNode  *root,
                 gint64     server_time,
                 GError   **error)
{
  return okc_property_new_from_json (root, NULL, error);
}

void
okc_property_page_free (OkcPropertyPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->properties, g_ptr_array_unref);
  g_free (page->next_cursor);
  g_free (page);
}

static gpointer
decode_property_page (JsonNode  *root,
                      gint64     server_time,
                      GError   **error)
{
  g_autoptr(OkcPropertyPage) page = g_new0 (OkcPropertyPage, 1);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  JsonArray *properties = NULL;
  const char *cursor = NULL;

  if (object == NULL ||
      !okc_json_read_array (object, NULL, "properties", OKC_JSON_REQUIRED, &properties, error) ||
      !okc_json_read_string (object, NULL, "next_cursor", OKC_JSON_NULLABLE | OKC_JSON_NOT_EMPTY,
                             &cursor, error) ||
      !okc_json_read_int64 (object, NULL, "total", OKC_JSON_REQUIRED, &page->total, error))
    return NULL;
  page->next_cursor = g_strdup (cursor);
  page->properties = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (properties); i++)
    {
      g_autofree char *path = okc_json_path_index ("properties", i);
      OkcProperty *property =
        okc_property_new_from_json (json_array_get_element (properties, i), path, error);

      if (property == NULL)
        return NULL;
      g_ptr_array_add (page->properties, property);
    }
  return g_steal_pointer (&page);
}

static gpointer
decode_syncs (JsonNode  *root,
              gint64     server_time,
              GError   **error)
{
  g_autoptr(GPtrArray) syncs = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  JsonArray *array = NULL;

  if (object == NULL ||
      !okc_json_read_array (object, NULL, "syncs", OKC_JSON_REQUIRED, &array, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = okc_json_path_index ("syncs", i);
      OkcPmsSync *sync = okc_pms_sync_new_from_json (json_array_get_element (array, i), path,
                                                     error);

      if (sync == NULL)
        return NULL;
      g_ptr_array_add (syncs, sync);
    }
  return g_steal_pointer (&syncs);
}

/* "/v1/properties/PRP-0007" + @suffix, the id escaped as one path segment. */
static char *
property_path (const char *id,
               const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  return g_strconcat ("/v1/properties/", escaped, suffix, NULL);
}

/**
 * okc_client_lookup_charger_async:
 * @self: a client
 * @code: what the host gave: a serial ("OK2-W22-2300042"), a charger id, or the text of
 *   the charger's QR label ("https://ok2charge.example/c/CH-10234")
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds the charger @code names (GET /v1/chargers/lookup); nothing matching fails with
 * %OKC_CLIENT_ERROR_NOT_FOUND.
 */
void
okc_client_lookup_charger_async (OkcClient           *self,
                                 const char          *code,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (code != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  escaped = g_uri_escape_string (code, NULL, FALSE);
  query = g_strconcat ("code=", escaped, NULL);
  okc_client_call_json_async (self, "GET", "/v1/chargers/lookup", query, NULL, decode_charger,
                             g_object_unref, okc_client_lookup_charger_async, cancellable,
                             callback, user_data);
}

/**
 * okc_client_lookup_charger_finish:
 *
 * Returns: (transfer full) (nullable): the charger, or %NULL with an error.
 */
OkcCharger *
okc_client_lookup_charger_finish (OkcClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_lookup_charger_async, error);
}

/**
 * okc_client_list_properties_async:
 * @self: a client
 * @query: (nullable): part of a name, an address or a city, in any case
 * @cursor: (nullable): the page's cursor, from the page before
 * @limit: at most this many, 1 to 200
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * One page of properties by name (GET /v1/properties).
 */
void
okc_client_list_properties_async (OkcClient           *self,
                                  const char          *query,
                                  const char          *cursor,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GString) parameters = g_string_new (NULL);

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (limit >= 1 && limit <= 200);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  g_string_append_printf (parameters, "limit=%u", limit);
  if (query != NULL && *query != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (query, NULL, FALSE);
      g_string_append_printf (parameters, "&q=%s", escaped);
    }
  if (cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
      g_string_append_printf (parameters, "&cursor=%s", escaped);
    }
  okc_client_call_json_async (self, "GET", "/v1/properties", parameters->str, NULL,
                             decode_property_page, (GDestroyNotify) okc_property_page_free,
                             okc_client_list_properties_async, cancellable, callback, user_data);
}

/**
 * okc_client_list_properties_finish:
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with an error.
 */
OkcPropertyPage *
okc_client_list_properties_finish (OkcClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_list_properties_async, error);
}

/**
 * okc_client_get_property_async:
 * @self: a client
 * @id: a property id ("PRP-0007")
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches a property with its units, chargers and PMS integration
 * (GET /v1/properties/{id}); none fails with %OKC_CLIENT_ERROR_NOT_FOUND.
 */
void
okc_client_get_property_async (OkcClient           *self,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (id != NULL && *id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = property_path (id, NULL);
  okc_client_call_json_async (self, "GET", path, NULL, NULL, decode_property, g_object_unref,
                             okc_client_get_property_async, cancellable, callback, user_data);
}

/**
 * okc_client_get_property_finish:
 *
 * Returns: (transfer full) (nullable): the property, or %NULL with an error.
 */
OkcProperty *
okc_client_get_property_finish (OkcClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_get_property_async, error);
}

/**
 * okc_client_list_pms_syncs_async:
 * @self: a client
 * @property_id: a property id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * The property's recent PMS syncs, newest first (GET /v1/properties/{id}/pms/syncs).
 */
void
okc_client_list_pms_syncs_async (OkcClient           *self,
                                 const char          *property_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (property_id != NULL && *property_id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = property_path (property_id, "/pms/syncs");
  okc_client_call_json_async (self, "GET", path, NULL, NULL, decode_syncs,
                             (GDestroyNotify) g_ptr_array_unref, okc_client_list_pms_syncs_async,
                             cancellable, callback, user_data);
}

/**
 * okc_client_list_pms_syncs_finish:
 *
 * Returns: (transfer container) (element-type OkcPmsSync) (nullable): the syncs, or
 *   %NULL with an error.
 */
GPtrArray *
okc_client_list_pms_syncs_finish (OkcClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_list_pms_syncs_async, error);
}

/**
 * okc_charger_assignment_action_new:
 * @unit_id: (nullable): the unit, or %NULL for the property as a whole
 * @unit_name: (nullable): its name
 * @ticket_id: (nullable): the ticket the agent works on
 *
 * The outbox action that links a charger to a property and unit
 * (PUT /v1/chargers/{id}/assignment); its answer is the Charger.
 *
 * Returns: (transfer full): the action, not yet submitted.
 */
OkcOutboxAction *
okc_charger_assignment_action_new (const char *charger_id,
                                   const char *charger_serial,
                                   const char *property_id,
                                   const char *property_name,
                                   const char *unit_id,
                                   const char *unit_name,
                                   const char *ticket_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (charger_id != NULL && charger_serial != NULL, NULL);
  g_return_val_if_fail (property_id != NULL && property_name != NULL, NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "property_id", property_id);
  okc_json_builder_add_string (builder, "unit_id", unit_id);
  if (ticket_id != NULL)
    okc_json_builder_add_string (builder, "ticket_id", ticket_id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  escaped = g_uri_escape_string (charger_id, NULL, FALSE);
  path = g_strconcat ("/v1/chargers/", escaped, "/assignment", NULL);
  summary = unit_id != NULL
              /* Translators: "Assign OK2-W22-2300042 to Harbor Cabins, Cabin 2" */
              ? g_strdup_printf (_("Assign %s to %s, %s"), charger_serial, property_name,
                                 unit_name != NULL ? unit_name : unit_id)
              /* Translators: "Assign OK2-W22-2300042 to Harbor Cabins" */
              : g_strdup_printf (_("Assign %s to %s"), charger_serial, property_name);
  return okc_outbox_action_new ("charger.assign", "PUT", path, body, ticket_id, summary);
}

/**
 * okc_pms_sync_action_new:
 * @ticket_id: (nullable): the ticket the agent works on
 *
 * The outbox action that syncs a property's PMS now (POST /v1/properties/{id}/pms/sync);
 * its answer is the PmsSync, succeeded or failed.
 *
 * Returns: (transfer full): the action, not yet submitted.
 */
OkcOutboxAction *
okc_pms_sync_action_new (const char *property_id,
                         const char *property_name,
                         const char *ticket_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (property_id != NULL && property_name != NULL, NULL);

  json_builder_begin_object (builder);
  if (ticket_id != NULL)
    okc_json_builder_add_string (builder, "ticket_id", ticket_id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = property_path (property_id, "/pms/sync");
  /* Translators: "Sync the PMS of Harbor Cabins" */
  summary = g_strdup_printf (_("Sync the PMS of %s"), property_name);
  return okc_outbox_action_new ("property.pms_sync", "POST", path, body, ticket_id, summary);
}
