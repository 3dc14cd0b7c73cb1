/* okc-live-updates.c — the event stream applied to the queue and the store
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "okc-live-updates.h"

struct _OkcLiveUpdates
{
  GObject parent_instance;

  OkcClient *client;
  OkcEventStream *stream;
  OkcTicketQueue *queue;
  OkcStore *store;
  OkcTicketSync *sync;
  GCancellable *cancellable;
  guint n_applied;
  guint n_refreshes;
};

G_DEFINE_FINAL_TYPE (OkcLiveUpdates, okc_live_updates, G_TYPE_OBJECT)

enum {
  SIGNAL_PRESENCE_CHANGED,
  SIGNAL_ACCOUNT_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OkcLiveUpdates) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The sync's own state reports a failure; here it is only noted. */
  if (!okc_ticket_sync_refresh_finish (OKC_TICKET_SYNC (source), result, &error))
    g_debug ("Live updates: the refresh failed: %s", error->message);
}

static void
refresh (OkcLiveUpdates *self)
{
  self->n_refreshes++;
  okc_ticket_sync_refresh_async (self->sync, self->cancellable, refresh_cb, g_object_ref (self));
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!okc_store_save_tickets_finish (OKC_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Live updates: cannot save a ticket: %s", error->message);
}

static void
apply_ticket (OkcLiveUpdates *self,
              JsonNode       *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  OkcTicket *ticket = okc_ticket_new_from_json (data, "data", &error);

  if (ticket == NULL)
    {
      g_debug ("Live updates: skipped a ticket event: %s", error->message);
      return;
    }
  g_ptr_array_add (tickets, ticket);
  okc_ticket_queue_apply (self->queue, tickets);
  /* No sync mark: the listing, not the stream, vouches for having seen everything. */
  okc_store_save_tickets_async (self->store, tickets, 0, self->cancellable, save_cb, NULL);
  self->n_applied++;
}

static void
announce_presence (OkcLiveUpdates *self,
                   JsonNode       *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) present = NULL;
  const char *ticket_id = NULL;
  JsonObject *object = okc_json_node_get_object (data, "data", &error);

  if (object == NULL ||
      !okc_json_read_string (object, "data", "ticket_id", OKC_JSON_REQUIRED, &ticket_id, &error))
    {
      g_debug ("Live updates: skipped a presence event: %s", error->message);
      return;
    }
  if (!json_object_has_member (object, "present"))
    {
      g_debug ("Live updates: skipped a presence event without data.present");
      return;
    }
  present = okc_presence_list_from_json (json_object_get_member (object, "present"),
                                         "data.present", &error);
  if (present == NULL)
    {
      g_debug ("Live updates: skipped a presence event: %s", error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_PRESENCE_CHANGED], 0, ticket_id, present);
}

/* account.updated {"account_id"}: an account changed or was verified, somewhere. */
static void
announce_account (OkcLiveUpdates *self,
                  JsonNode       *data)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = okc_json_node_get_object (data, "data", &error);
  const char *account_id = NULL;

  if (object == NULL ||
      !okc_json_read_string (object, "data", "account_id", OKC_JSON_NOT_EMPTY, &account_id,
                             &error))
    {
      g_debug ("Live updates: skipped an account event: %s", error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_ACCOUNT_UPDATED], 0, account_id);
}

static void
event_cb (OkcEventStream *stream,
          const char     *type,
          const char     *id,
          JsonNode       *data,
          gpointer        user_data)
{
  OkcLiveUpdates *self = user_data;

  if (g_str_equal (type, "ticket.created") || g_str_equal (type, "ticket.updated"))
    apply_ticket (self, data);
  else if (g_str_equal (type, "reset"))
    refresh (self);
  else if (g_str_equal (type, "presence"))
    announce_presence (self, data);
  else if (g_str_equal (type, "account.updated"))
    announce_account (self, data);
}

static void
state_cb (OkcEventStream *stream,
          GParamSpec     *pspec,
          gpointer        user_data)
{
  OkcLiveUpdates *self = user_data;

  /* Resuming covers the gap, unless the backend lost its log: a refresh on every
   * connect costs one listing of changes and closes that hole too. */
  if (okc_event_stream_get_state (stream) == OKC_EVENT_STREAM_STATE_CONNECTED)
    refresh (self);
}

static void
okc_live_updates_dispose (GObject *object)
{
  OkcLiveUpdates *self = OKC_LIVE_UPDATES (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->stream);
  g_clear_object (&self->queue);
  g_clear_object (&self->store);
  g_clear_object (&self->sync);

  G_OBJECT_CLASS (okc_live_updates_parent_class)->dispose (object);
}

static void
okc_live_updates_class_init (OkcLiveUpdatesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = okc_live_updates_dispose;

  /**
   * OkcLiveUpdates::presence-changed:
   * @ticket_id: the ticket
   * @present: (element-type OkcPresence): who is on it now
   */
  signals[SIGNAL_PRESENCE_CHANGED] =
    g_signal_new ("presence-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_PTR_ARRAY);

  /**
   * OkcLiveUpdates::account-updated:
   * @account_id: the account that changed (`account.updated`); its page fetches it again
   */
  signals[SIGNAL_ACCOUNT_UPDATED] =
    g_signal_new ("account-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
okc_live_updates_init (OkcLiveUpdates *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * okc_live_updates_new:
 *
 * Applies @stream's `ticket.created` and `ticket.updated` tickets to @queue and saves
 * them to @store; asks @sync for a refresh on `reset` and whenever the stream
 * connects; re-emits `presence` events as #OkcLiveUpdates::presence-changed and
 * `account.updated` ones as #OkcLiveUpdates::account-updated. The stream
 * is started and stopped by its owner.
 *
 * Returns: (transfer full): the live updates
 */
OkcLiveUpdates *
okc_live_updates_new (OkcClient      *client,
                      OkcEventStream *stream,
                      OkcTicketQueue *queue,
                      OkcStore       *store,
                      OkcTicketSync  *sync)
{
  OkcLiveUpdates *self;

  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OKC_IS_EVENT_STREAM (stream), NULL);
  g_return_val_if_fail (OKC_IS_TICKET_QUEUE (queue), NULL);
  g_return_val_if_fail (OKC_IS_STORE (store), NULL);
  g_return_val_if_fail (OKC_IS_TICKET_SYNC (sync), NULL);

  self = g_object_new (OKC_TYPE_LIVE_UPDATES, NULL);
  self->client = g_object_ref (client);
  self->stream = g_object_ref (stream);
  self->queue = g_object_ref (queue);
  self->store = g_object_ref (store);
  self->sync = g_object_ref (sync);
  g_signal_connect_object (stream, "event", G_CALLBACK (event_cb), self, 0);
  g_signal_connect_object (stream, "notify::state", G_CALLBACK (state_cb), self, 0);
  return self;
}

/* Returns: how many tickets the stream brought into the queue */
guint
okc_live_updates_get_n_applied (OkcLiveUpdates *self)
{
  g_return_val_if_fail (OKC_IS_LIVE_UPDATES (self), 0);
  return self->n_applied;
}

/* Returns: how many refreshes a connect or a reset asked for */
guint
okc_live_updates_get_n_refreshes (OkcLiveUpdates *self)
{
  g_return_val_if_fail (OKC_IS_LIVE_UPDATES (self), 0);
  return self->n_refreshes;
}
