/* okc-client-accounts.c — customer accounts from the backend: lookup, the account, its
 * tickets, identity checks, and the account changes as outbox actions (topics 6 and 7)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "okc-client-accounts.h"

#include "okc-client-error.h"
#include "okc-client-private.h"
#include "okc-json.h"

/* Decoders (worker thread) -------------------------------------------------------- */

static gpointer
decode_summaries (JsonNode  *root,
                  gint64     server_time,
                  GError   **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  JsonArray *array = NULL;

  if (object == NULL ||
      !okc_json_read_array (object, NULL, "accounts", OKC_JSON_REQUIRED, &array, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = okc_json_path_index ("accounts", i);
      OkcAccountSummary *summary =
        okc_account_summary_new_from_json (json_array_get_element (array, i), path, error);

      if (summary == NULL)
        return NULL;
      g_ptr_array_add (accounts, summary);
    }
  return g_steal_pointer (&accounts);
}

static gpointer
decode_account (JsonNode  *root,
                gint64     server_time,
                GError   **error)
{
  return okc_account_new_from_json (root, NULL, error);
}

static gpointer
decode_tickets (JsonNode  *root,
                gint64     server_time,
                GError   **error)
{
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  JsonArray *array = NULL;

  if (object == NULL ||
      !okc_json_read_array (object, NULL, "tickets", OKC_JSON_REQUIRED, &array, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = okc_json_path_index ("tickets", i);
      OkcTicket *ticket = okc_ticket_new_from_json (json_array_get_element (array, i), path,
                                                    error);

      if (ticket == NULL)
        return NULL;
      g_ptr_array_add (tickets, ticket);
    }
  return g_steal_pointer (&tickets);
}

/* "/v1/accounts/ACC-00017" + @suffix, the id escaped as one path segment. */
static char *
account_path (const char *id,
              const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strconcat ("/v1/accounts/", escaped, suffix, NULL);
}

/* Calls ---------------------------------------------------------------------------- */

/**
 * okc_client_search_accounts_async:
 * @self: a client
 * @query: an email, a phone number, an account id, or 3 characters or more of a name
 * @limit: at most this many, 1 to 100
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Looks accounts up, best match first (GET /v1/accounts?q=). A query that is too short
 * fails with %OKC_CLIENT_ERROR_INVALID_INPUT naming `q`.
 */
void
okc_client_search_accounts_async (OkcClient           *self,
                                  const char          *query,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *parameters = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (limit >= 1 && limit <= 100);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  escaped = g_uri_escape_string (query, NULL, FALSE);
  parameters = g_strdup_printf ("q=%s&limit=%u", escaped, limit);
  okc_client_call_json_async (self, "GET", "/v1/accounts", parameters, NULL, decode_summaries,
                              (GDestroyNotify) g_ptr_array_unref,
                              okc_client_search_accounts_async, cancellable, callback, user_data);
}

/**
 * okc_client_search_accounts_finish:
 *
 * Returns: (transfer container) (element-type OkcAccountSummary) (nullable): the
 *   accounts found, maybe none, or %NULL with an error.
 */
GPtrArray *
okc_client_search_accounts_finish (OkcClient     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_search_accounts_async, error);
}

/**
 * okc_client_get_account_async:
 * @self: a client
 * @id: an account id ("ACC-00017")
 * @ticket_id: (nullable): the ticket the agent works on: the account then carries that
 *   ticket's live identity check
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches the account (GET /v1/accounts/{id}?ticket=); none fails with
 * %OKC_CLIENT_ERROR_NOT_FOUND.
 */
void
okc_client_get_account_async (OkcClient           *self,
                              const char          *id,
                              const char          *ticket_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *parameters = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (id != NULL && *id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = account_path (id, NULL);
  if (ticket_id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (ticket_id, NULL, FALSE);
      parameters = g_strconcat ("ticket=", escaped, NULL);
    }
  okc_client_call_json_async (self, "GET", path, parameters, NULL, decode_account,
                              g_object_unref, okc_client_get_account_async, cancellable, callback,
                              user_data);
}

/**
 * okc_client_get_account_finish:
 *
 * Returns: (transfer full) (nullable): the account, or %NULL with an error.
 */
OkcAccount *
okc_client_get_account_finish (OkcClient     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_get_account_async, error);
}

/**
 * okc_client_list_account_tickets_async:
 * @self: a client
 * @id: an account id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * The tickets of the account's emails and phone, newest first, at most 100
 * (GET /v1/accounts/{id}/tickets).
 */
void
okc_client_list_account_tickets_async (OkcClient           *self,
                                       const char          *id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (id != NULL && *id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = account_path (id, "/tickets");
  okc_client_call_json_async (self, "GET", path, NULL, NULL, decode_tickets,
                              (GDestroyNotify) g_ptr_array_unref,
                              okc_client_list_account_tickets_async, cancellable, callback,
                              user_data);
}

/**
 * okc_client_list_account_tickets_finish:
 *
 * Returns: (transfer container) (element-type OkcTicket) (nullable): the tickets, or
 *   %NULL with an error.
 */
GPtrArray *
okc_client_list_account_tickets_finish (OkcClient     *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_list_account_tickets_async,
                                       error);
}

static void
verified_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcClientAnswer) answer = okc_client_call_idempotent_finish (OKC_CLIENT (object),
                                                                         result, &error);
  const char *account_id = g_task_get_task_data (task);
  JsonObject *verification;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* 201 with the Verification, of this account. */
  verification = answer->root != NULL && JSON_NODE_HOLDS_OBJECT (answer->root)
                   ? json_node_get_object (answer->root) : NULL;
  if (answer->status != 201 || verification == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (verification, "account_id", NULL),
                 account_id) != 0)
    {
      okc_client_error_set (&error, OKC_CLIENT_ERROR_BAD_RESPONSE, answer->status, NULL,
                            "account_id",
                            _("The backend answered the identity check of %s with something "
                              "that is not its verification"),
                            account_id);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * okc_client_verify_account_async:
 * @self: a client
 * @id: the account
 * @ticket_id: the ticket the customer wrote
 * @method: how the agent checks
 * @detail: (nullable): the customer's answer: 4 digits for %OKC_VERIFICATION_METHOD_CARD_LAST4,
 *   "YYYY-MM-DD" for %OKC_VERIFICATION_METHOD_SESSION_DATE, %NULL for
 *   %OKC_VERIFICATION_METHOD_REQUEST_EMAIL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Checks the customer's identity. A detail that does not match fails with
 * %OKC_CLIENT_ERROR_INVALID_INPUT (server code `verification_failed`) and the backend's
 * sentence as the message; three failures within the hour with
 * %OKC_CLIENT_ERROR_TOO_MANY_ATTEMPTS, saying when to try again.
 */
void
okc_client_verify_account_async (OkcClient             *self,
                                 const char            *id,
                                 const char            *ticket_id,
                                 OkcVerificationMethod  method,
                                 const char            *detail,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = g_uuid_string_random ();

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (id != NULL && *id != '\0');
  g_return_if_fail (ticket_id != NULL && *ticket_id != '\0');
  g_return_if_fail ((method == OKC_VERIFICATION_METHOD_REQUEST_EMAIL) == (detail == NULL));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, okc_client_verify_account_async);
  g_task_set_task_data (task, g_strdup (id), g_free);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "ticket_id", ticket_id);
  okc_json_builder_add_string (builder, "method",
                               okc_enum_to_nick (OKC_TYPE_VERIFICATION_METHOD, method));
  if (detail != NULL)
    okc_json_builder_add_string (builder, "detail", detail);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  path = account_path (id, "/verifications");
  okc_client_call_idempotent_async (self, "POST", path, body, key, cancellable, verified_cb,
                                    g_steal_pointer (&task));
}

/**
 * okc_client_verify_account_finish:
 *
 * Returns: %TRUE when the identity is verified (for 24 hours, on that ticket), or %FALSE
 *   with an error.
 */
gboolean
okc_client_verify_account_finish (OkcClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == okc_client_verify_account_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Actions ------------------------------------------------------------------------- */

static OkcOutboxAction *
account_action_new (OkcAccount  *account,
                    const char  *kind,
                    const char  *suffix,
                    JsonBuilder *builder,
                    const char  *ticket_id,
                    const char  *summary)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = account_path (okc_account_get_id (account), suffix);

  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  return okc_outbox_action_new (kind, "POST", path, body, ticket_id, summary);
}

static JsonBuilder *
begin_body (const char *ticket_id)
{
  JsonBuilder *builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "ticket_id", ticket_id);
  return builder;
}

/**
 * okc_account_action_new_cancel_subscription:
 * @account: the account, with a subscription
 * @ticket_id: the ticket with the live identity check
 * @now: %TRUE to end it now, %FALSE at the end of the period
 *
 * Returns: (transfer full): the action (POST /v1/accounts/{id}/subscription/cancel).
 */
OkcOutboxAction *
okc_account_action_new_cancel_subscription (OkcAccount *account,
                                            const char *ticket_id,
                                            gboolean    now)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (OKC_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (ticket_id != NULL, NULL);

  builder = begin_body (ticket_id);
  okc_json_builder_add_string (builder, "when", now ? "now" : "period_end");
  summary = now
    /* Translators: an action in the outbox, "Cancel the subscription of Maya Chen now" */
    ? g_strdup_printf (_("Cancel the subscription of %s now"), okc_account_get_name (account))
    /* Translators: an action in the outbox */
    : g_strdup_printf (_("Cancel the subscription of %s at the end of the period"),
                       okc_account_get_name (account));
  return account_action_new (account, "account.subscription_cancel", "/subscription/cancel",
                             builder, ticket_id, summary);
}

/**
 * okc_account_action_new_remove_card:
 * @account: the account
 * @card: one of its cards
 * @ticket_id: the ticket with the live identity check
 *
 * Returns: (transfer full): the action (POST /v1/accounts/{id}/cards/{card_id}/remove).
 */
OkcOutboxAction *
okc_account_action_new_remove_card (OkcAccount           *account,
                                    const OkcAccountCard *card,
                                    const char           *ticket_id)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (OKC_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (card != NULL && card->id != NULL, NULL);
  g_return_val_if_fail (ticket_id != NULL, NULL);

  builder = begin_body (ticket_id);
  escaped = g_uri_escape_string (card->id, NULL, FALSE);
  suffix = g_strconcat ("/cards/", escaped, "/remove", NULL);
  /* Translators: an action in the outbox, "Remove the card ending 4242 of Maya Chen" */
  summary = g_strdup_printf (_("Remove the card ending %s of %s"), card->last4,
                             okc_account_get_name (account));
  return account_action_new (account, "account.card_remove", suffix, builder, ticket_id,
                             summary);
}

/**
 * okc_account_action_new_change_email:
 * @account: the account
 * @ticket_id: the ticket with the live identity check
 * @email: (nullable): the new login email, %NULL to keep it
 * @notification_email: (nullable): the new notification email, %NULL to keep it, "" to
 *   send notices to the login email again
 *
 * Returns: (transfer full): the action (POST /v1/accounts/{id}/email).
 */
OkcOutboxAction *
okc_account_action_new_change_email (OkcAccount *account,
                                     const char *ticket_id,
                                     const char *email,
                                     const char *notification_email)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (OKC_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (ticket_id != NULL, NULL);
  g_return_val_if_fail (email != NULL || notification_email != NULL, NULL);

  builder = begin_body (ticket_id);
  if (email != NULL)
    okc_json_builder_add_string (builder, "email", email);
  if (notification_email != NULL)
    okc_json_builder_add_string (builder, "notification_email",
                                 *notification_email != '\0' ? notification_email : NULL);
  if (email != NULL)
    /* Translators: an action in the outbox, "Change the login email of Maya Chen to …" */
    summary = g_strdup_printf (_("Change the login email of %s to %s"),
                               okc_account_get_name (account), email);
  else if (*notification_email != '\0')
    summary = g_strdup_printf (_("Change the notification email of %s to %s"),
                               okc_account_get_name (account), notification_email);
  else
    summary = g_strdup_printf (_("Send the notices of %s to the login email"),
                               okc_account_get_name (account));
  return account_action_new (account, "account.email_change", "/email", builder, ticket_id,
                             summary);
}

/**
 * okc_account_action_new_delete:
 * @account: the account
 * @ticket_id: the ticket with the live identity check
 * @confirm_email: the login email, as the agent retyped it
 *
 * Returns: (transfer full): the action (POST /v1/accounts/{id}/deletion).
 */
OkcOutboxAction *
okc_account_action_new_delete (OkcAccount *account,
                               const char *ticket_id,
                               const char *confirm_email)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (OKC_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (ticket_id != NULL, NULL);
  g_return_val_if_fail (confirm_email != NULL, NULL);

  builder = begin_body (ticket_id);
  okc_json_builder_add_string (builder, "confirm_email", confirm_email);
  /* Translators: an action in the outbox, "Delete the account ACC-00017 (Maya Chen)" */
  summary = g_strdup_printf (_("Delete the account %s (%s)"), okc_account_get_id (account),
                             okc_account_get_name (account));
  return account_action_new (account, "account.delete", "/deletion", builder, ticket_id,
                             summary);
}

/**
 * okc_account_action_get_account:
 * @action: a done account action
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the account after the change, or %NULL with an
 *   error.
 */
OkcAccount *
okc_account_action_get_account (OkcOutboxAction  *action,
                                GError          **error)
{
  JsonNode *response;

  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (action), NULL);
  g_return_val_if_fail (g_str_has_prefix (okc_outbox_action_get_kind (action), "account."), NULL);

  response = okc_outbox_action_get_response (action);
  if (okc_outbox_action_get_state (action) != OKC_OUTBOX_STATE_DONE || response == NULL)
    {
      g_set_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_BAD_RESPONSE,
                   _("The backend has not answered “%s” yet"),
                   okc_outbox_action_get_summary (action));
      return NULL;
    }
  return okc_account_new_from_json (response, NULL, error);
}
