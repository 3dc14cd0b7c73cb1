/* okc-window-outbox.c — the signed-in account's outbox: started with its store, told
 * when the connection comes back, and what it finished said in a toast
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-window-private.h"

static void
action_finished_cb (OkcWindow       *self,
                    OkcOutboxAction *action)
{
  g_autofree char *message = NULL;
  const GError *error = okc_outbox_action_get_error (action);

  if (okc_outbox_action_get_state (action) == OKC_OUTBOX_STATE_FAILED)
    /* Translators: "Soft reset on CH-10234 failed: …" — the backend's reason */
    message = g_strdup_printf (_("%s failed: %s"), okc_outbox_action_get_summary (action),
                               error != NULL ? error->message : _("the backend refused it"));
  else if (okc_outbox_action_get_attempts (action) > 1)
    /* Only an action that had to wait: one sent at once speaks for itself in its view. */
    /* Translators: "Soft reset on CH-10234 was sent" */
    message = g_strdup_printf (_("%s was sent"), okc_outbox_action_get_summary (action));

  if (message != NULL)
    okc_window_show_toast (self, message);
}

/* The sign-in expired while an action was sent: the agent signs in again, and the new
 * session's outbox sends it. */
static void
waiting_for_sign_in_cb (OkcWindow  *self,
                        GParamSpec *pspec,
                        OkcOutbox  *outbox)
{
  g_autoptr(GError) error = NULL;

  if (!okc_outbox_is_waiting_for_sign_in (outbox))
    return;
  g_set_error_literal (&error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_UNAUTHORIZED,
                       _("Your sign-in is no longer valid; please sign in again"));
  okc_window_session_handle_error (self, error);
}

static void
events_state_cb (OkcWindow      *self,
                 GParamSpec     *pspec,
                 OkcEventStream *events)
{
  /* The backend is reachable again: what waited for it goes now. */
  if (self->outbox != NULL &&
      okc_event_stream_get_state (events) == OKC_EVENT_STREAM_STATE_CONNECTED)
    okc_outbox_retry_now (self->outbox);
}

/**
 * okc_window_outbox_start:
 *
 * Creates the outbox of the account whose store just opened and starts it: what an
 * earlier run left unsent is sent now.
 */
void
okc_window_outbox_start (OkcWindow *self)
{
  g_return_if_fail (self->outbox == NULL);

  self->outbox = okc_outbox_new (self->client, self->store);
  g_signal_connect_object (self->outbox, "action-finished", G_CALLBACK (action_finished_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outbox, "notify::waiting-for-sign-in",
                           G_CALLBACK (waiting_for_sign_in_cb), self, G_CONNECT_SWAPPED);
  okc_sidebar_set_outbox (self->sidebar, self->outbox);
  okc_outbox_start (self->outbox);
}

/* Called by okc_window_live_start() once the event stream exists. */
void
okc_window_outbox_follow_events (OkcWindow *self)
{
  g_signal_connect_object (self->events, "notify::state", G_CALLBACK (events_state_cb), self,
                           G_CONNECT_SWAPPED);
}

void
okc_window_outbox_stop (OkcWindow *self)
{
  if (self->outbox == NULL)
    return;
  okc_outbox_stop (self->outbox);
  g_signal_handlers_disconnect_by_data (self->outbox, self);
  okc_sidebar_set_outbox (self->sidebar, NULL);
  g_clear_object (&self->outbox);
}

/**
 * okc_window_get_outbox:
 *
 * Returns: (transfer none) (nullable): the signed-in account's outbox, %NULL when no one
 *   is signed in (or the store is not open yet). Views submit their actions through it.
 */
OkcOutbox *
okc_window_get_outbox (OkcWindow *self)
{
  g_return_val_if_fail (OKC_IS_WINDOW (self), NULL);
  return self->outbox;
}
