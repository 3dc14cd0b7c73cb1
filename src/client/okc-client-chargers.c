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
