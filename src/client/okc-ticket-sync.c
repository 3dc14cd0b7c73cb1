/* okc-ticket-sync.c — the store fills the queue at start-up; a refresh pages through the
 * backend's changes, showing and saving each page as it arrives
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "okc-ticket-sync.h"

#define DEFAULT_PAGE_SIZE 200
#define MAX_PAGE_SIZE 500

/* One caller of okc_ticket_sync_refresh_async() waiting for the running refresh. */
typedef struct
{
  GTask *task;
  GSource *cancelled_source; /* fires on the main context when the caller cancels */
} Waiter;

/* A refresh: one runs at a time, shared by every caller. Its steps pass it along as their
 * callback data; it holds the OkcTicketSync. When its last caller gives up, it is
 * abandoned: detached from the OkcTicketSync at once (so the next refresh starts afresh)
 * and freed when its step in flight comes back. */
typedef struct
{
  OkcTicketSync *self;
  GCancellable *cancellable;
  GPtrArray *waiters;        /* Waiter */
  gboolean abandoned;
  OkcTicketSyncState state_before;
  OkcTicketQuery *query;
  char *cursor;
  gint64 mark;               /* the newest updated_at held, the next refresh's since */
  gboolean complete_listing; /* no mark: listing every open ticket */
  GHashTable *seen;          /* for a complete listing: the ids listed */
  guint n_pages;
} Run;

struct _OkcTicketSync
{
  GObject parent_instance;

  OkcClient *client;
  OkcStore *store;
  OkcTicketQueue *queue;
  OkcClock *clock;
  guint page_size;

  OkcTicketSyncState state;
  GError *last_error;
  gint64 last_synced_at;
  guint n_received;
  gint64 n_expected;

  Run *run;
};

G_DEFINE_FINAL_TYPE (OkcTicketSync, okc_ticket_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STORE,
  PROP_QUEUE,
  PROP_CLOCK,
  PROP_PAGE_SIZE,
  PROP_STATE,
  PROP_LAST_ERROR,
  PROP_LAST_SYNCED_AT,
  PROP_N_RECEIVED,
  PROP_N_EXPECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancelled_source != NULL)
    {
      g_source_destroy (waiter->cancelled_source);
      g_source_unref (waiter->cancelled_source);
    }
  g_object_unref (waiter->task);
  g_free (waiter);
}

static void
run_free (Run *run)
{
  g_object_unref (run->self);
  g_object_unref (run->cancellable);
  g_ptr_array_unref (run->waiters);
  g_clear_pointer (&run->query, okc_ticket_query_free);
  g_free (run->cursor);
  g_clear_pointer (&run->seen, g_hash_table_unref);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static void
set_state (OkcTicketSync      *self,
           OkcTicketSyncState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_last_error (OkcTicketSync *self,
                const GError  *error)
{
  if (self->last_error == NULL && error == NULL)
    return;
  g_clear_error (&self->last_error);
  self->last_error = error != NULL ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
set_progress (OkcTicketSync *self,
              guint          n_received,
              gint64         n_expected)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_received != n_received)
    {
      self->n_received = n_received;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RECEIVED]);
    }
  if (self->n_expected != n_expected)
    {
      self->n_expected = n_expected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EXPECTED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gint64
now (OkcTicketSync *self)
{
  if (self->clock != NULL)
    return okc_clock_get_now (self->clock);
  return g_get_real_time () / G_USEC_PER_SEC;
}

static OkcTicketSyncState
state_for_error (const GError *error)
{
  if (g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_OFFLINE) ||
      g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_TIMED_OUT))
    return OKC_TICKET_SYNC_STATE_OFFLINE;
  if (g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_UNAUTHORIZED))
    return OKC_TICKET_SYNC_STATE_UNAUTHORIZED;
  return OKC_TICKET_SYNC_STATE_FAILED;
}

/* Ends the run: the properties first, so that every caller's callback sees them. */
static void
finish_run (Run    *run_,
            GError *error)
{
  g_autoptr(Run) run = run_;
  g_autoptr(GError) owned_error = error;
  OkcTicketSync *self = run->self;

  if (run->abandoned)
    return;

  g_assert (self->run == run);
  self->run = NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (error == NULL)
    {
      g_debug ("Refresh done: %u tickets in %u pages", self->n_received, run->n_pages);
      self->last_synced_at = now (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED_AT]);
      set_last_error (self, NULL);
      set_state (self, OKC_TICKET_SYNC_STATE_IDLE);
    }
  else
    {
      g_debug ("Refresh failed: %s", error->message);
      set_last_error (self, error);
      set_state (self, state_for_error (error));
    }
  g_object_thaw_notify (G_OBJECT (self));

  for (guint i = 0; i < run->waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (run->waiters, i);

      if (error == NULL)
        g_task_return_boolean (waiter->task, TRUE);
      else
        g_task_return_error (waiter->task, g_error_copy (error));
    }
}

static void
abandon_run (Run *run)
{
  OkcTicketSync *self = run->self;

  g_assert (self->run == run);

  /* Nothing was learned about the backend: the state is what it was before. */
  run->abandoned = TRUE;
  self->run = NULL;
  g_cancellable_cancel (run->cancellable);
  set_state (self, run->state_before);
}

static void fetch_page (Run *run);

/* The newest updated_at of the page, but never later than the backend's clock when it
 * answered: tickets dated after that (clock trouble on the backend's side) would
 * otherwise push the mark past changes still to come, and those would never be listed.
 * A lower mark only means listing a few tickets again. */
static gint64
page_mark (OkcTicketPage *page)
{
  gint64 newest = okc_ticket_page_get_newest_update (page);
  gint64 server_time = okc_ticket_page_get_server_time (page);

  return server_time >= 0 ? MIN (newest, server_time) : newest;
}

static void
retain_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;
  GError *error = NULL;

  okc_store_retain_open_tickets_finish (OKC_STORE (object), result, &error);
  finish_run (run, error);
}

/* A complete listing of the open tickets is the truth about which are open: any other
 * ticket the queue or the store still holds as open was resolved (or removed) while
 * this console was not looking. */
static void
retain_listed (Run *run)
{
  OkcTicketSync *self = run->self;

  okc_ticket_queue_retain (self->queue, run->seen);
  okc_store_retain_open_tickets_async (self->store, run->seen, run->cancellable, retain_cb, run);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;
  GError *error = NULL;

  if (!okc_store_save_tickets_finish (OKC_STORE (object), result, &error) || run->abandoned)
    finish_run (run, error);
  else if (run->cursor != NULL)
    fetch_page (run);
  else if (run->complete_listing)
    retain_listed (run);
  else
    finish_run (run, NULL);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;
  OkcTicketSync *self = run->self;
  g_autoptr(OkcTicketPage) page = NULL;
  GPtrArray *tickets;
  GError *error = NULL;

  page = okc_client_list_tickets_finish (OKC_CLIENT (object), result, &error);
  if (page == NULL || run->abandoned)
    {
      finish_run (run, error);
      return;
    }

  tickets = okc_ticket_page_get_tickets (page);
  run->n_pages++;
  set_progress (self, self->n_received + tickets->len, okc_ticket_page_get_total (page));
  run->mark = MAX (run->mark, page_mark (page));
  g_free (run->cursor);
  run->cursor = g_strdup (okc_ticket_page_get_next_cursor (page));
  if (run->seen != NULL)
    for (guint i = 0; i < tickets->len; i++)
      g_hash_table_add (run->seen, g_strdup (okc_ticket_get_id (g_ptr_array_index (tickets, i))));

  /* Shown at once, saved with the mark in one transaction: the listing is sorted by
   * updated_at, so everything before the mark is in the store even if the refresh stops
   * after this page, and the next refresh resumes from there. */
  okc_ticket_queue_apply (self->queue, tickets);
  okc_store_save_tickets_async (self->store, tickets, MAX (run->mark, 0), run->cancellable,
                                save_cb, run);
}

static void
fetch_page (Run *run)
{
  okc_client_list_tickets_async (run->self->client, run->query, run->cursor, run->cancellable,
                                 list_cb, run);
}

static void
sync_mark_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  GError *error = NULL;
  gint64 mark;

  mark = okc_store_get_sync_mark_finish (OKC_STORE (object), result, &error);
  if (mark < 0 || run->abandoned)
    {
      finish_run (run, error);
      return;
    }

  /* With a mark: every change since it, in any status (a resolved ticket leaves the
   * queue). Without: every open ticket. Oldest change first, either way. */
  run->mark = mark;
  run->query = okc_ticket_query_new ();
  okc_ticket_query_set_sort (run->query, OKC_TICKET_SORT_UPDATED_AT);
  okc_ticket_query_set_limit (run->query, run->self->page_size);
  if (mark > 0)
    okc_ticket_query_set_since (run->query, mark);
  else
    {
      okc_ticket_query_add_open_statuses (run->query);
      run->complete_listing = TRUE;
      run->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  g_debug ("Refreshing %s", mark > 0 ? "changes since the sync mark" : "every open ticket");
  fetch_page (run);
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  GTask *task = user_data;
  OkcTicketSync *self = g_task_get_source_object (task);
  Run *run = self->run;

  /* A waiter's source is destroyed with the run: while it can fire, its run is current. */
  g_assert (run != NULL);

  for (guint i = 0; i < run->waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (run->waiters, i);

      if (waiter->task != task)
        continue;

      /* This caller stops waiting; the refresh goes on for the others, if any. */
      g_task_return_error_if_cancelled (task);
      g_ptr_array_remove_index (run->waiters, i);
      if (run->waiters->len == 0)
        abandon_run (run);
      break;
    }

  return G_SOURCE_REMOVE;
}

static void
add_waiter (Run   *run,
            GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  Waiter *waiter = g_new0 (Waiter, 1);

  waiter->task = task;
  if (cancellable != NULL)
    {
      /* A source rather than a handler: it runs on the main context, whichever thread
       * cancels. */
      waiter->cancelled_source = g_cancellable_source_new (cancellable);
      g_source_set_static_name (waiter->cancelled_source, "[okc] refresh cancelled");
      g_source_set_callback (waiter->cancelled_source, G_SOURCE_FUNC (waiter_cancelled_cb), task,
                             NULL);
      g_source_attach (waiter->cancelled_source, g_task_get_context (task));
    }
  g_ptr_array_add (run->waiters, waiter);
}

/**
 * okc_ticket_sync_refresh_async:
 * @self: an #OkcTicketSync
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Brings the queue and the store up to date with the backend. With a sync mark in the
 * store it lists every ticket changed since the mark; without one, every open ticket
 * (and afterwards drops the cached open tickets the listing did not have). Each page is
 * applied to the queue and saved to the store (with the advanced mark) as it arrives,
 * so the progress is visible and survives an interruption.
 *
 * One refresh runs at a time: calling this while one runs joins it, and the callback
 * gets the running refresh's result. Cancelling @cancellable ends this caller's wait at
 * once with %G_IO_ERROR_CANCELLED; the refresh itself stops when no caller waits for it
 * any more, and the state goes back to what it was.
 *
 * #OkcTicketSync:state, #OkcTicketSync:last-error and #OkcTicketSync:last-synced-at are
 * up to date when the callback runs.
 */
void
okc_ticket_sync_refresh_async (OkcTicketSync       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OKC_IS_TICKET_SYNC (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, okc_ticket_sync_refresh_async);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->run == NULL)
    {
      Run *run = g_new0 (Run, 1);

      run->self = g_object_ref (self);
      run->cancellable = g_cancellable_new ();
      run->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
      run->state_before = self->state;
      self->run = run;

      set_progress (self, 0, -1);
      set_state (self, OKC_TICKET_SYNC_STATE_SYNCING);
      okc_store_get_sync_mark_async (self->store, run->cancellable, sync_mark_cb, run);
    }

  add_waiter (self->run, g_steal_pointer (&task));
}

/**
 * okc_ticket_sync_refresh_finish:
 * @self: an #OkcTicketSync
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE if the queue and the store are up to date with the backend.
 */
gboolean
okc_ticket_sync_refresh_finish (OkcTicketSync  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (OKC_IS_TICKET_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == okc_ticket_sync_refresh_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OkcTicketSync *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) tickets = NULL;
  GError *error = NULL;
  guint n_skipped = 0;

  tickets = okc_store_load_tickets_finish (OKC_STORE (object), result, &n_skipped, &error);
  if (tickets == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Loaded %u cached tickets (%u unreadable, dropped)", tickets->len, n_skipped);
  okc_ticket_queue_apply (self->queue, tickets);
  g_task_return_boolean (task, TRUE);
}

/**
 * okc_ticket_sync_load_cached_async:
 * @self: an #OkcTicketSync
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fills the queue with the open tickets of the store, without asking the backend: what
 * the console shows the moment it opens, and all it shows offline. The store must have
 * been opened (okc_store_open_async()), or this fails with %OKC_STORE_ERROR_NOT_OPEN.
 */
void
okc_ticket_sync_load_cached_async (OkcTicketSync       *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (OKC_IS_TICKET_SYNC (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, okc_ticket_sync_load_cached_async);
  okc_store_load_tickets_async (self->store, OKC_STORE_LOAD_OPEN_ONLY, cancellable, load_cb,
                                task);
}

/**
 * okc_ticket_sync_load_cached_finish:
 * @self: an #OkcTicketSync
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE if the queue holds the cached open tickets.
 */
gboolean
okc_ticket_sync_load_cached_finish (OkcTicketSync  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (OKC_IS_TICKET_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (
    g_task_get_source_tag (G_TASK (result)) == okc_ticket_sync_load_cached_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject ------------------------------------------------------------------------- */

static void
okc_ticket_sync_dispose (GObject *object)
{
  OkcTicketSync *self = OKC_TICKET_SYNC (object);

  /* A running refresh holds a reference, so there is none to stop here. */
  g_assert (self->run == NULL);

  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->queue);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (okc_ticket_sync_parent_class)->dispose (object);
}

static void
okc_ticket_sync_finalize (GObject *object)
{
  OkcTicketSync *self = OKC_TICKET_SYNC (object);

  g_clear_error (&self->last_error);

  G_OBJECT_CLASS (okc_ticket_sync_parent_class)->finalize (object);
}

static void
okc_ticket_sync_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OkcTicketSync *self = OKC_TICKET_SYNC (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_QUEUE:
      g_value_set_object (value, self->queue);
      break;
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_LAST_ERROR:
      g_value_set_boxed (value, self->last_error);
      break;
    case PROP_LAST_SYNCED_AT:
      g_value_set_int64 (value, self->last_synced_at);
      break;
    case PROP_N_RECEIVED:
      g_value_set_uint (value, self->n_received);
      break;
    case PROP_N_EXPECTED:
      g_value_set_int64 (value, self->n_expected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_ticket_sync_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  OkcTicketSync *self = OKC_TICKET_SYNC (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_QUEUE:
      self->queue = g_value_dup_object (value);
      break;
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    case PROP_PAGE_SIZE:
      okc_ticket_sync_set_page_size (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_ticket_sync_class_init (OkcTicketSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = okc_ticket_sync_dispose;
  object_class->finalize = okc_ticket_sync_finalize;
  object_class->get_property = okc_ticket_sync_get_property;
  object_class->set_property = okc_ticket_sync_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, OKC_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, OKC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUEUE] =
    g_param_spec_object ("queue", NULL, NULL, OKC_TYPE_TICKET_QUEUE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OkcTicketSync:clock:
   *
   * Where #OkcTicketSync:last-synced-at is read from; %NULL for the system time.
   */
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, OKC_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OkcTicketSync:page-size:
   *
   * Tickets asked for per page, 1 to 500; a change applies from the next refresh.
   */
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, OKC_TYPE_TICKET_SYNC_STATE,
                       OKC_TICKET_SYNC_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OkcTicketSync:last-error:
   *
   * Why the last refresh failed, %NULL after one succeeded. Its message is for the user.
   */
  properties[PROP_LAST_ERROR] =
    g_param_spec_boxed ("last-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OkcTicketSync:last-synced-at:
   *
   * When the last refresh succeeded, in seconds since the epoch, or 0 if none has.
   */
  properties[PROP_LAST_SYNCED_AT] =
    g_param_spec_int64 ("last-synced-at", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OkcTicketSync:n-received:
   *
   * Tickets received so far by the running refresh, or by the last one: for a progress
   * bar, with #OkcTicketSync:n-expected.
   */
  properties[PROP_N_RECEIVED] =
    g_param_spec_uint ("n-received", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OkcTicketSync:n-expected:
   *
   * How many tickets the running (or last) refresh lists in all, as the backend said
   * with its first page; -1 until then. A refresh since the sync mark lists only the
   * changes.
   */
  properties[PROP_N_EXPECTED] =
    g_param_spec_int64 ("n-expected", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_ticket_sync_init (OkcTicketSync *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
  self->state = OKC_TICKET_SYNC_STATE_IDLE;
  self->n_expected = -1;
}

/**
 * okc_ticket_sync_new:
 * @client: the client, signed in
 * @store: the account's store, opened
 * @queue: the queue to keep up to date
 * @clock: (nullable): the clock of #OkcTicketSync:last-synced-at, %NULL for the system time
 *
 * Returns: (transfer full): a new #OkcTicketSync
 */
OkcTicketSync *
okc_ticket_sync_new (OkcClient      *client,
                     OkcStore       *store,
                     OkcTicketQueue *queue,
                     OkcClock       *clock)
{
  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OKC_IS_STORE (store), NULL);
  g_return_val_if_fail (OKC_IS_TICKET_QUEUE (queue), NULL);
  g_return_val_if_fail (clock == NULL || OKC_IS_CLOCK (clock), NULL);

  return g_object_new (OKC_TYPE_TICKET_SYNC, "client", client, "store", store, "queue", queue,
                       "clock", clock, NULL);
}

/**
 * okc_ticket_sync_get_state:
 * @self: an #OkcTicketSync
 *
 * Returns: whether a refresh runs, or how the last one ended (#OkcTicketSync:state).
 */
OkcTicketSyncState
okc_ticket_sync_get_state (OkcTicketSync *self)
{
  g_return_val_if_fail (OKC_IS_TICKET_SYNC (self), OKC_TICKET_SYNC_STATE_IDLE);
  return self->state;
}

/**
 * okc_ticket_sync_get_last_error:
 * @self: an #OkcTicketSync
 *
 * Returns: (transfer none) (nullable): why the last refresh failed, or %NULL.
 */
const GError *
okc_ticket_sync_get_last_error (OkcTicketSync *self)
{
  g_return_val_if_fail (OKC_IS_TICKET_SYNC (self), NULL);
  return self->last_error;
}

/**
 * okc_ticket_sync_get_last_synced_at:
 * @self: an #OkcTicketSync
 *
 * Returns: when the last refresh succeeded, seconds since the epoch, or 0.
 */
gint64
okc_ticket_sync_get_last_synced_at (OkcTicketSync *self)
{
  g_return_val_if_fail (OKC_IS_TICKET_SYNC (self), 0);
  return self->last_synced_at;
}

/**
 * okc_ticket_sync_get_n_received:
 * @self: an #OkcTicketSync
 *
 * Returns: the tickets received by the running or last refresh.
 */
guint
okc_ticket_sync_get_n_received (OkcTicketSync *self)
{
  g_return_val_if_fail (OKC_IS_TICKET_SYNC (self), 0);
  return self->n_received;
}

/**
 * okc_ticket_sync_get_n_expected:
 * @self: an #OkcTicketSync
 *
 * Returns: how many tickets the running or last refresh lists in all, or -1.
 */
gint64
okc_ticket_sync_get_n_expected (OkcTicketSync *self)
{
  g_return_val_if_fail (OKC_IS_TICKET_SYNC (self), -1);
  return self->n_expected;
}

/**
 * okc_ticket_sync_get_page_size:
 * @self: an #OkcTicketSync
 *
 * Returns: tickets asked for per page.
 */
guint
okc_ticket_sync_get_page_size (OkcTicketSync *self)
{
  g_return_val_if_fail (OKC_IS_TICKET_SYNC (self), 0);
  return self->page_size;
}

/**
 * okc_ticket_sync_set_page_size:
 * @self: an #OkcTicketSync
 * @page_size: tickets per page, 1 to 500
 */
void
okc_ticket_sync_set_page_size (OkcTicketSync *self,
                               guint          page_size)
{
  g_return_if_fail (OKC_IS_TICKET_SYNC (self));
  g_return_if_fail (page_size >= 1 && page_size <= MAX_PAGE_SIZE);

  if (self->page_size == page_size)
    return;
  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}
