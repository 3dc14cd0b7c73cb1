/* okc-credentials.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "okc-credentials.h"

struct _OkcCredentials
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (OkcCredentials, okc_credentials, G_TYPE_OBJECT)

/**
 * okc_credentials_get_schema:
 *
 * The keyring items of the console: one per backend and account, the secret being the
 * bearer token.
 *
 * Returns: (transfer none): the schema "com.ok2charge.AgentConsole.Token", with the
 *   attributes "backend-url" and "email".
 */
const SecretSchema *
okc_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    "com.ok2charge.AgentConsole.Token",
    SECRET_SCHEMA_NONE,
    {
      { "backend-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "email", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
okc_credentials_class_init (OkcCredentialsClass *klass)
{
}

static void
okc_credentials_init (OkcCredentials *self)
{
}

/**
 * okc_credentials_new:
 *
 * Returns: (transfer full): an object to remember and recall sign-ins with
 */
OkcCredentials *
okc_credentials_new (void)
{
  return g_object_new (OKC_TYPE_CREDENTIALS, NULL);
}

/* Whatever keeps libsecret from answering (no session bus, no Secret Service on it, a
 * locked keyring the user would not unlock) means the same to the user: the sign-in
 * cannot be remembered. Cancellation stays what it is. */
static void
return_keyring_error (GTask      *task,
                      GError     *cause,
                      const char *doing)
{
  GError *error = NULL;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, cause);
      return;
    }

  okc_client_error_set (&error, OKC_CLIENT_ERROR_NO_KEYRING, 0, NULL, NULL, "%s (%s)", doing,
                        cause->message);
  g_error_free (cause);
  g_task_return_error (task, error);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_keyring_error (task, error,
                          _("No keyring is available to remember your sign-in; you will need "
                            "to sign in again next time"));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * okc_credentials_store_async:
 * @self: an #OkcCredentials
 * @backend_url: the backend the token is for
 * @email: the account the token is for
 * @token: the bearer token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Remembers @token in the default keyring, replacing what was remembered for the same
 * backend and account. Without a keyring this fails with %OKC_CLIENT_ERROR_NO_KEYRING;
 * the token still works for the session.
 */
void
okc_credentials_store_async (OkcCredentials      *self,
                             const char          *backend_url,
                             const char          *email,
                             const char          *token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (OKC_IS_CREDENTIALS (self));
  g_return_if_fail (backend_url != NULL);
  g_return_if_fail (email != NULL);
  g_return_if_fail (token != NULL && *token != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, okc_credentials_store_async);

  /* Seen in Passwords and Keys. */
  label = g_strdup_printf (_("OK2Charge Agent Console sign-in of %s at %s"), email, backend_url);
  secret_password_store (okc_credentials_get_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, store_cb, task, "backend-url", backend_url, "email", email,
                         NULL);
}

/**
 * okc_credentials_store_finish:
 * @self: an #OkcCredentials
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE if the token is remembered.
 */
gboolean
okc_credentials_store_finish (OkcCredentials  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (OKC_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == okc_credentials_store_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  char *token; /* NULL when nothing is remembered */
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  if (lookup->token != NULL)
    secret_password_free (lookup->token);
  g_free (lookup);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  Lookup *lookup;
  char *token;

  token = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      return_keyring_error (task, error,
                            _("No keyring is available to recall your sign-in; please sign in"));
      return;
    }

  /* Returned in a box, so that "nothing remembered" is a success too. */
  lookup = g_new0 (Lookup, 1);
  lookup->token = token;
  g_task_return_pointer (task, lookup, (GDestroyNotify) lookup_free);
}

/**
 * okc_credentials_lookup_async:
 * @self: an #OkcCredentials
 * @backend_url: the backend
 * @email: the account
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Recalls the token remembered for @backend_url and @email, unlocking the keyring if
 * needed (which may ask the user).
 */
void
okc_credentials_lookup_async (OkcCredentials      *self,
                              const char          *backend_url,
                              const char          *email,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (OKC_IS_CREDENTIALS (self));
  g_return_if_fail (backend_url != NULL);
  g_return_if_fail (email != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, okc_credentials_lookup_async);
  secret_password_lookup (okc_credentials_get_schema (), cancellable, lookup_cb, task,
                          "backend-url", backend_url, "email", email, NULL);
}

/**
 * okc_credentials_lookup_finish:
 * @self: an #OkcCredentials
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the token, or %NULL if none is remembered (no
 *   error then) or with an error (%OKC_CLIENT_ERROR_NO_KEYRING). Free it with
 *   secret_password_free(), which wipes it, or g_free().
 */
char *
okc_credentials_lookup_finish (OkcCredentials  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  Lookup *lookup;
  char *token;

  g_return_val_if_fail (OKC_IS_CREDENTIALS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == okc_credentials_lookup_async,
                        NULL);

  lookup = g_task_propagate_pointer (G_TASK (result), error);
  if (lookup == NULL)
    return NULL;

  token = g_steal_pointer (&lookup->token);
  lookup_free (lookup);
  return token;
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to forget, which is fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    return_keyring_error (task, error,
                          _("No keyring is available to forget your sign-in"));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * okc_credentials_clear_async:
 * @self: an #OkcCredentials
 * @backend_url: the backend
 * @email: the account
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Forgets the token remembered for @backend_url and @email, say on signing out. Nothing
 * remembered is not an error.
 */
void
okc_credentials_clear_async (OkcCredentials      *self,
                             const char          *backend_url,
                             const char          *email,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (OKC_IS_CREDENTIALS (self));
  g_return_if_fail (backend_url != NULL);
  g_return_if_fail (email != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, okc_credentials_clear_async);
  secret_password_clear (okc_credentials_get_schema (), cancellable, clear_cb, task,
                         "backend-url", backend_url, "email", email, NULL);
}

/**
 * okc_credentials_clear_finish:
 * @self: an #OkcCredentials
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE if nothing is remembered any more for the account.
 */
gboolean
okc_credentials_clear_finish (OkcCredentials  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (OKC_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == okc_credentials_clear_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
