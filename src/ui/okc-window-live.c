/* okc-window-live.c — the window's live side: the event stream, who else is on the
 * ticket shown, and desktop notifications for urgent tickets
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-window-private.h"

/* Presence on the backend lasts 45 s from the last report: report well within that. */
#define PRESENCE_REFRESH_SECONDS 20

static void
presence_changed_cb (OkcWindow  *self,
                     const char *ticket_id,
                     GPtrArray  *present)
{
  OkcTicket *shown = okc_ticket_view_get_ticket (self->ticket_view);

  if (shown != NULL && g_strcmp0 (okc_ticket_get_id (shown), ticket_id) == 0)
    okc_ticket_view_set_presence (self->ticket_view, present);
}

static void
presence_reported_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(OkcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) present = okc_client_set_presence_finish (OKC_CLIENT (object), result,
                                                                 &error);

  /* Presence is a courtesy to colleagues: a failure costs nothing the refresh banner
   * would not already say. */
  if (present == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not report presence: %s", error->message);
      return;
    }
  if (self->presence_ticket_id != NULL)
    presence_changed_cb (self, self->presence_ticket_id, present);
}

static void
report_presence (OkcWindow *self)
{
  OkcReplyComposer *composer = okc_ticket_view_get_composer (self->ticket_view);
  const char *activity = okc_reply_composer_is_composing (composer) ? "replying" : "viewing";

  if (self->client == NULL || self->presence_ticket_id == NULL)
    return;
  okc_client_set_presence_async (self->client, self->presence_ticket_id, activity,
                                 self->account_cancellable, presence_reported_cb,
                                 g_object_ref (self));
}

static gboolean
presence_timeout_cb (gpointer user_data)
{
  report_presence (OKC_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static void
composing_changed_cb (OkcWindow *self)
{
  report_presence (self);
}

/**
 * okc_window_live_ticket_shown:
 * @ticket: (nullable): the ticket now on screen
 *
 * Tells the backend the agent left the previous ticket and is viewing this one, and
 * keeps saying so while it stays on screen.
 */
void
okc_window_live_ticket_shown (OkcWindow *self,
                              OkcTicket *ticket)
{
  const char *id = ticket != NULL ? okc_ticket_get_id (ticket) : NULL;

  if (g_strcmp0 (id, self->presence_ticket_id) == 0)
    return;

  if (self->presence_ticket_id != NULL && self->client != NULL)
    okc_client_clear_presence_async (self->client, self->presence_ticket_id, NULL, NULL, NULL);
  g_clear_handle_id (&self->presence_timeout_id, g_source_remove);
  g_free (self->presence_ticket_id);
  self->presence_ticket_id = g_strdup (id);

  if (id == NULL)
    return;
  report_presence (self);
  self->presence_timeout_id =
    g_timeout_add_seconds (PRESENCE_REFRESH_SECONDS, presence_timeout_cb, self);
}

/* An urgent ticket that arrives while the agent looks elsewhere reaches them on the
 * desktop; clicking the notification opens it (app.show-ticket). */
static void
notify_urgent (OkcWindow *self,
               OkcTicket *ticket)
{
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  const OkcRequester *requester = okc_ticket_get_requester (ticket);
  const char *property = okc_ticket_get_property_name (ticket);
  const char *summary = okc_ticket_get_summary (ticket);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *notification_id = NULL;

  if (application == NULL || !g_settings_get_boolean (self->settings, "notify-urgent"))
    return;

  /* Translators: a desktop notification's title, "Urgent: Charger offline" */
  title = g_strdup_printf (_("Urgent: %s"), _(okc_ticket_get_topic (ticket)->short_title));
  body = g_strdup_printf ("%s%s%s%s%s", requester->name, property != NULL ? " · " : "",
                          property != NULL ? property : "", summary != NULL ? "\n" : "",
                          summary != NULL ? summary : "");
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_URGENT);
  g_notification_set_default_action_and_target (notification, "app.show-ticket", "s",
                                                okc_ticket_get_id (ticket));
  notification_id = g_strconcat ("ticket-", okc_ticket_get_id (ticket), NULL);
  g_application_send_notification (application, notification_id, notification);
}

static void
timeline_fetched_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OkcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = okc_client_get_timeline_finish (OKC_CLIENT (object), result,
                                                                 &error);
  OkcTicket *shown = okc_ticket_view_get_ticket (self->ticket_view);

  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not fetch the ticket's activity: %s", error->message);
      return;
    }
  if (shown != NULL && g_strcmp0 (okc_ticket_get_id (shown), self->timeline_ticket_id) == 0)
    okc_ticket_view_set_timeline (self->ticket_view, entries);
}

/**
 * okc_window_live_fetch_timeline:
 *
 * Fetches the activity of the ticket on screen; called when it is shown and whenever
 * the backend says it changed.
 */
void
okc_window_live_fetch_timeline (OkcWindow *self)
{
  OkcTicket *shown = okc_ticket_view_get_ticket (self->ticket_view);

  if (shown == NULL || self->client == NULL)
    return;
  g_free (self->timeline_ticket_id);
  self->timeline_ticket_id = g_strdup (okc_ticket_get_id (shown));
  okc_client_get_timeline_async (self->client, self->timeline_ticket_id,
                                 self->account_cancellable, timeline_fetched_cb,
                                 g_object_ref (self));
}

static void
event_cb (OkcWindow  *self,
          const char *type,
          const char *id,
          JsonNode   *data)
{
  OkcTicket *shown = okc_ticket_view_get_ticket (self->ticket_view);
  g_autoptr(OkcTicket) ticket = NULL;

  if (g_strcmp0 (type, "ticket.created") != 0 && g_strcmp0 (type, "ticket.updated") != 0)
    return;

  /* OkcLiveUpdates puts the ticket in the queue and says what was wrong with a bad one. */
  ticket = okc_ticket_new_from_json (data, "data", NULL);
  if (ticket == NULL)
    return;

  if (g_str_equal (type, "ticket.created") &&
      okc_ticket_get_priority (ticket) == OKC_PRIORITY_URGENT)
    notify_urgent (self, ticket);

  if (shown == NULL || !g_str_equal (okc_ticket_get_id (shown), okc_ticket_get_id (ticket)))
    return;
  /* A ticket resolved elsewhere leaves the queue but stays on screen, as it now is. */
  if (okc_ticket_get_version (ticket) > okc_ticket_get_version (shown))
    {
      okc_ticket_view_set_ticket (self->ticket_view, ticket);
      okc_window_actions_update (self);
    }
  okc_window_live_fetch_timeline (self);
}

/**
 * okc_window_live_start:
 *
 * Follows the backend's event stream for the signed-in account: called once the queue
 * is on screen.
 */
void
okc_window_live_start (OkcWindow *self)
{
  g_return_if_fail (self->events == NULL);

  self->events = okc_event_stream_new (self->client);
  self->live = okc_live_updates_new (self->client, self->events, self->queue, self->store,
                                     self->sync);
  g_signal_connect_object (self->live, "presence-changed", G_CALLBACK (presence_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->events, "event", G_CALLBACK (event_cb), self, G_CONNECT_SWAPPED);
  okc_window_outbox_follow_events (self);
  g_signal_connect_object (okc_ticket_view_get_composer (self->ticket_view), "notify::composing",
                           G_CALLBACK (composing_changed_cb), self, G_CONNECT_SWAPPED);
  okc_event_stream_start (self->events);
}

void
okc_window_live_stop (OkcWindow *self)
{
  okc_window_live_ticket_shown (self, NULL);
  g_signal_handlers_disconnect_by_func (okc_ticket_view_get_composer (self->ticket_view),
                                        composing_changed_cb, self);
  if (self->events != NULL)
    okc_event_stream_stop (self->events);
  g_clear_object (&self->live);
  g_clear_object (&self->events);
  g_clear_pointer (&self->timeline_ticket_id, g_free);
}
