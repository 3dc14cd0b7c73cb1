/* okc-client-access.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-client-access.h"

#include "okc-client-private.h"

/* "/v1/chargers/CH-10234" + @suffix, the id escaped as one path segment. */
static char *
charger_path (const char *id,
              const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  return g_strconcat ("/v1/chargers/", escaped, suffix, NULL);
}

/* @member of @root decoded with @decode, element by element, into a GPtrArray. */
static GPtrArray *
decode_list (JsonNode              *root,
             const char            *member,
             OkcJsonObjectDecoder   decode,
             GError               **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  JsonArray *array = NULL;

  if (object == NULL || !okc_json_read_array (object, NULL, member, OKC_JSON_REQUIRED, &array, error))
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
decode_grants (JsonNode  *root,
               gint64     server_time,
               GError   **error)
{
  return decode_list (root, "grants", (OkcJsonObjectDecoder) okc_access_grant_new_from_json, error);
}

static gpointer
decode_bookings (JsonNode  *root,
                 gint64     server_time,
                 GError   **error)
{
  return decode_list (root, "bookings", (OkcJsonObjectDecoder) okc_booking_new_from_json, error);
}

/**
 * okc_client_list_access_grants_async:
 * @charger_id: a charger id
 *
 * Fetches the charger's access list, by account name (GET /v1/chargers/{id}/access-grants).
 */
void
okc_client_list_access_grants_async (OkcClient           *self,
                                     const char          *charger_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (charger_id != NULL && *charger_id != '\0');

  path = charger_path (charger_id, "/access-grants");
  okc_client_call_json_async (self, "GET", path, NULL, NULL, decode_grants,
                              (GDestroyNotify) g_ptr_array_unref,
                              okc_client_list_access_grants_async, cancellable, callback,
                              user_data);
}

/**
 * okc_client_list_access_grants_finish:
 *
 * Returns: (transfer container) (element-type OkcAccessGrant) (nullable): the grants, or
 *   %NULL with an error.
 */
GPtrArray *
okc_client_list_access_grants_finish (OkcClient     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_list_access_grants_async, error);
}

/**
 * okc_client_list_account_bookings_async:
 * @account_id: an account id ("ACC-00017")
 *
 * Fetches the account's bookings, newest check-in first (GET /v1/accounts/{id}/bookings).
 */
void
okc_client_list_account_bookings_async (OkcClient           *self,
                                        const char          *account_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (account_id != NULL && *account_id != '\0');

  escaped = g_uri_escape_string (account_id, NULL, FALSE);
  path = g_strconcat ("/v1/accounts/", escaped, "/bookings", NULL);
  okc_client_call_json_async (self, "GET", path, NULL, NULL, decode_bookings,
                              (GDestroyNotify) g_ptr_array_unref,
                              okc_client_list_account_bookings_async, cancellable, callback,
                              user_data);
}

/**
 * okc_client_list_account_bookings_finish:
 *
 * Returns: (transfer container) (element-type OkcBooking) (nullable): the bookings, or
 *   %NULL with an error.
 */
GPtrArray *
okc_client_list_account_bookings_finish (OkcClient     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_list_account_bookings_async,
                                       error);
}

static void
add_optional (JsonBuilder *builder,
              const char  *member,
              const char  *value)
{
  if (value != NULL)
    okc_json_builder_add_string (builder, member, value);
}

/**
 * okc_access_policy_action_new:
 *
 * Returns: (transfer full): PUT /v1/chargers/{id}/access-policy, kind
 *   `charger.access_policy`; its answer is the Charger.
 */
OkcOutboxAction *
okc_access_policy_action_new (const char       *charger_id,
                              OkcChargerPolicy  policy,
                              const char       *ticket_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;
  const char *nick = okc_enum_to_nick (OKC_TYPE_CHARGER_POLICY, (int) policy);

  g_return_val_if_fail (charger_id != NULL && nick != NULL, NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "policy", nick);
  add_optional (builder, "ticket_id", ticket_id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  path = charger_path (charger_id, "/access-policy");
  /* Translators: an action in the outbox, "Access of CH-10234: Residents and guests" */
  summary = g_strdup_printf (_("Access of %s: %s"), charger_id, okc_charger_policy_get_label (policy));
  return okc_outbox_action_new ("charger.access_policy", "PUT", path, body, ticket_id, summary);
}

/**
 * okc_access_grant_action_new:
 * @grant: the charger, the account (its id), and the dates or booking; the rest is the
 *   backend's to fill in
 *
 * Returns: (transfer full): POST /v1/chargers/{id}/access-grants, kind
 *   `charger.access_grant`; its answer is the AccessGrant (okc_access_action_decode_grant()).
 */
OkcOutboxAction *
okc_access_grant_action_new (OkcAccessGrant *grant,
                             const char     *ticket_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;
  const char *charger_id;

  g_return_val_if_fail (OKC_IS_ACCESS_GRANT (grant), NULL);

  charger_id = okc_access_grant_get_charger_id (grant);
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "account", okc_access_grant_get_account_id (grant));
  if (okc_access_grant_get_booking_id (grant) != NULL)
    okc_json_builder_add_string (builder, "booking_id", okc_access_grant_get_booking_id (grant));
  else
    {
      if (okc_access_grant_get_valid_from (grant) != 0)
        okc_json_builder_add_time (builder, "valid_from", okc_access_grant_get_valid_from (grant));
      if (okc_access_grant_get_valid_to (grant) != 0)
        okc_json_builder_add_time (builder, "valid_to", okc_access_grant_get_valid_to (grant));
    }
  add_optional (builder, "ticket_id", ticket_id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  path = charger_path (charger_id, "/access-grants");
  /* Translators: an action in the outbox, "Grant Maya Chen access to CH-10234" */
  summary = g_strdup_printf (_("Grant %s access to %s"), okc_access_grant_get_account_name (grant),
                             charger_id);
  return okc_outbox_action_new ("charger.access_grant", "POST", path, body, ticket_id, summary);
}

/**
 * okc_access_revoke_action_new:
 *
 * Returns: (transfer full): POST /v1/chargers/{id}/access-revocations, kind
 *   `charger.access_revoke`; its answer is `{"revoked": AccessGrant}`.
 */
OkcOutboxAction *
okc_access_revoke_action_new (const char *charger_id,
                              const char *account_id,
                              const char *account_name,
                              const char *ticket_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (charger_id != NULL && account_id != NULL && account_name != NULL, NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "account", account_id);
  add_optional (builder, "ticket_id", ticket_id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  path = charger_path (charger_id, "/access-revocations");
  /* Translators: an action in the outbox, "Revoke Maya Chen’s access to CH-10234" */
  summary = g_strdup_printf (_("Revoke %s’s access to %s"), account_name, charger_id);
  return okc_outbox_action_new ("charger.access_revoke", "POST", path, body, ticket_id, summary);
}

/**
 * okc_access_action_decode_grant:
 * @action: a done grant or revocation
 *
 * Returns: (transfer full) (nullable): the grant the backend answered (a revocation's
 *   `revoked`), or %NULL with an #OKC_DATA_ERROR.
 */
OkcAccessGrant *
okc_access_action_decode_grant (OkcOutboxAction  *action,
                                GError          **error)
{
  JsonNode *response;
  JsonObject *object;

  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (action), NULL);

  response = okc_outbox_action_get_response (action);
  if (!g_str_equal (okc_outbox_action_get_kind (action), "charger.access_revoke"))
    return okc_access_grant_new_from_json (response, NULL, error);
  object = okc_json_node_get_object (response, NULL, error);
  if (object == NULL)
    return NULL;
  if (!json_object_has_member (object, "revoked"))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, "revoked", "is required");
      return NULL;
    }
  return okc_access_grant_new_from_json (json_object_get_member (object, "revoked"), "revoked", error);
}
