/* okc-window-session.c — signing in, restoring the last sign-in, signing out
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-window-private.h"

static void
show_sign_in (OkcWindow  *self,
              const char *message)
{
  okc_sign_in_page_set_busy (self->sign_in_page, FALSE);
  okc_sign_in_page_set_error (self->sign_in_page, message);
  gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
  okc_sign_in_page_focus (self->sign_in_page);
}

/* Drops the account's objects; the window goes back to showing no queue. */
void
okc_window_session_close (OkcWindow *self)
{
  g_cancellable_cancel (self->account_cancellable);
  g_clear_object (&self->account_cancellable);

  okc_window_detach_queue (self);
  okc_window_outbox_stop (self);
  g_clear_object (&self->sync);
  g_clear_object (&self->queue);
  g_clear_object (&self->store);
  g_clear_object (&self->user);
  g_clear_object (&self->client);
}

static void
forget_token (OkcWindow *self)
{
  g_autofree char *saved_url = g_settings_get_string (self->settings, "backend-url");
  g_autofree char *email = g_settings_get_string (self->settings, "user-email");
  /* The token is kept under the address it was issued by, which the preferences may have
   * changed since for the next sign-in. */
  const char *url = self->client != NULL ? okc_client_get_base_url (self->client) : saved_url;

  okc_credentials_clear_async (self->credentials, url, email, NULL, NULL, NULL);
}

static void
session_expired (OkcWindow *self)
{
  forget_token (self);
  okc_window_session_close (self);
  show_sign_in (self, _("Your sign-in has expired. Please sign in again."));
}

/**
 * okc_window_session_handle_error:
 *
 * Tells the agent about a failed call in the way that fits it: an expired sign-in goes
 * back to the sign-in page, a lost connection shows the offline banner over the saved
 * queue, anything else is a toast.
 */
void
okc_window_session_handle_error (OkcWindow    *self,
                                 const GError *error)
{
  if (g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_UNAUTHORIZED))
    {
      session_expired (self);
      return;
    }

  if (g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_OFFLINE) ||
      g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_TIMED_OUT))
    {
      okc_queue_view_set_problem (self->queue_view,
                                  _("Offline: showing the tickets saved on this computer"),
                                  error->message);
      return;
    }
  if (g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_SERVER))
    {
      okc_queue_view_set_problem (self->queue_view,
                                  _("The backend has a problem: showing the tickets saved on "
                                    "this computer"),
                                  error->message);
      return;
    }

  okc_window_show_toast (self, error->message);
}

static void
got_me_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OkcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcUser) user = okc_client_get_me_finish (OKC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (user == NULL)
    {
      okc_window_session_handle_error (self, error);
      return;
    }

  g_set_object (&self->user, user);
  okc_sidebar_set_user_name (self->sidebar, okc_user_get_name (user));
  okc_queue_filter_set_user_id (self->filter, okc_user_get_id (user));
  okc_ticket_view_set_user (self->ticket_view, user);
  okc_window_refresh (self);
}

static void
cache_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OkcWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!okc_ticket_sync_load_cached_finish (OKC_TICKET_SYNC (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is why the saved queue could not be read */
      g_autofree char *message =
        g_strdup_printf (_("Could not read the tickets saved on this computer: %s"), error->message);
      okc_window_show_toast (self, message);
    }

  okc_window_attach_queue (self);

  /* A restored sign-in checks its token first; a fresh one refreshes straight away. */
  if (self->user == NULL)
    okc_client_get_me_async (self->client, self->account_cancellable, got_me_cb,
                             g_object_ref (self));
  else
    okc_window_refresh (self);
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OkcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  const GError *recovery;

  if (!okc_store_open_finish (OKC_STORE (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is why the local store could not be opened */
      message = g_strdup_printf (_("Could not open the tickets saved on this computer: %s"),
                                 error->message);
      okc_window_session_close (self);
      show_sign_in (self, message);
      return;
    }

  recovery = okc_store_get_recovery_error (OKC_STORE (object));
  if (recovery != NULL)
    okc_window_show_toast (self, recovery->message);

  okc_window_outbox_start (self);
  self->queue = okc_ticket_queue_new ();
  self->sync = okc_ticket_sync_new (self->client, self->store, self->queue, self->clock);
  okc_ticket_sync_load_cached_async (self->sync, self->account_cancellable, cache_loaded_cb,
                                     g_object_ref (self));
}

/* Opens the local store of the account whose client is set up, then shows its queue. */
static void
open_account (OkcWindow  *self,
              const char *email)
{
  g_autofree char *directory =
    g_build_filename (g_get_user_data_dir (), "ok2charge-console", "accounts", NULL);
  /* Keyed by email, which a restored sign-in knows before the backend answers. */
  g_autofree char *path =
    okc_store_build_filename (directory, okc_client_get_base_url (self->client), email);

  self->store = okc_store_new (path);
  okc_store_open_async (self->store, OKC_STORE_OPEN_RECOVER, self->account_cancellable, store_opened_cb,
                        g_object_ref (self));
}

static void
token_stored_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OkcWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!okc_credentials_store_finish (OKC_CREDENTIALS (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    okc_window_show_toast (self, error->message);
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OkcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcUser) user = okc_client_sign_in_finish (OKC_CLIENT (object), result, &error);
  const char *url;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (user == NULL)
    {
      okc_window_session_close (self);
      show_sign_in (self, error->message);
      return;
    }

  url = okc_client_get_base_url (self->client);
  g_settings_set_string (self->settings, "backend-url", url);
  g_settings_set_string (self->settings, "user-email", okc_user_get_email (user));
  okc_credentials_store_async (self->credentials, url, okc_user_get_email (user), okc_client_get_token (self->client),
                               self->account_cancellable, token_stored_cb, g_object_ref (self));

  self->user = g_object_ref (user);
  okc_sign_in_page_set_busy (self->sign_in_page, FALSE);
  open_account (self, okc_user_get_email (user));
}

static gboolean
create_client (OkcWindow  *self,
               const char *backend_url)
{
  g_autoptr(GError) error = NULL;

  okc_window_session_close (self);
  self->account_cancellable = g_cancellable_new ();
  self->client = okc_client_new (backend_url, &error);
  if (self->client == NULL)
    {
      show_sign_in (self, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
sign_in_with (OkcWindow  *self,
              const char *backend_url,
              const char *email,
              const char *password)
{
  okc_sign_in_page_set_busy (self->sign_in_page, TRUE);
  okc_sign_in_page_set_error (self->sign_in_page, NULL);
  if (!create_client (self, backend_url))
    return;

  okc_client_sign_in_async (self->client, email, password, self->account_cancellable,
                            signed_in_cb, g_object_ref (self));
}

/* Signs in with what the sign-in page holds. */
void
okc_window_session_sign_in (OkcWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (okc_sign_in_page_get_url (self->sign_in_page)));
  g_autofree char *email = g_strstrip (g_strdup (okc_sign_in_page_get_email (self->sign_in_page)));

  sign_in_with (self, url, email, okc_sign_in_page_get_password (self->sign_in_page));
}

typedef struct
{
  OkcWindow *window;
  char *backend_url;
  char *email;
} Restore;

static void
restore_free (Restore *restore)
{
  g_object_unref (restore->window);
  g_free (restore->backend_url);
  g_free (restore->email);
  g_free (restore);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Restore, restore_free)

static void
token_found_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Restore) restore = user_data;
  OkcWindow *self = restore->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = okc_credentials_lookup_finish (OKC_CREDENTIALS (object), result, &error);

  if (token == NULL)
    {
      /* No keyring is not a reason to stop: the agent signs in and works without one. */
      show_sign_in (self, error != NULL ? error->message : NULL);
      return;
    }
  if (!create_client (self, restore->backend_url))
    return;

  okc_client_set_token (self->client, token);
  open_account (self, restore->email);
}

/**
 * okc_window_start:
 * @options: what the command line asked for
 *
 * Signs in from the command line, or picks up the last sign-in from the keyring, or
 * asks the agent to sign in.
 */
void
okc_window_start (OkcWindow              *self,
                  const OkcLaunchOptions *options)
{
  g_autofree char *remembered_url = g_settings_get_string (self->settings, "backend-url");
  g_autofree char *remembered_email = g_settings_get_string (self->settings, "user-email");
  const char *url = options->backend_url != NULL ? options->backend_url : remembered_url;
  const char *email = options->email != NULL ? options->email : remembered_email;
  Restore *restore;

  g_return_if_fail (OKC_IS_WINDOW (self));

  okc_sign_in_page_fill (self->sign_in_page, url, email);

  if (options->password != NULL && *email != '\0')
    {
      sign_in_with (self, url, email, options->password);
      return;
    }
  if (*email == '\0')
    {
      show_sign_in (self, NULL);
      return;
    }

  restore = g_new0 (Restore, 1);
  restore->window = g_object_ref (self);
  restore->backend_url = g_strdup (url);
  restore->email = g_strdup (email);
  okc_credentials_lookup_async (self->credentials, url, email, NULL, token_found_cb, restore);
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The token is forgotten here whatever the backend said; it expires there anyway. */
  if (!okc_client_sign_out_finish (OKC_CLIENT (object), result, &error))
    g_debug ("The backend did not revoke the token: %s", error->message);
}

/**
 * okc_window_sign_out:
 *
 * Revokes the token, forgets it and returns to the sign-in page.
 */
void
okc_window_sign_out (OkcWindow *self)
{
  g_autofree char *url = NULL;
  g_autofree char *email = NULL;

  g_return_if_fail (OKC_IS_WINDOW (self));

  if (self->client != NULL)
    okc_client_sign_out_async (self->client, NULL, signed_out_cb, NULL);
  forget_token (self);
  okc_window_session_close (self);
  url = g_settings_get_string (self->settings, "backend-url");
  email = g_settings_get_string (self->settings, "user-email");
  okc_sign_in_page_fill (self->sign_in_page, url, email);
  show_sign_in (self, NULL);
}
