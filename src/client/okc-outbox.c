/* okc-outbox.c — actions written down before they are sent, sent one at a time in the
 * order they were made, retried until the backend confirms or refuses them
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include <glib/gi18n-lib.h>

#include "okc-client-error.h"
#include "okc-client-private.h"
#include "okc-outbox-private.h"

#define MAX_BACKOFF_SECONDS 300
/* done and failed actions are kept this long for the agent's own record. */
#define KEEP_FINISHED_SECONDS (7 * 24 * 3600)

struct _OkcOutbox
{
  GObject parent_instance;

  OkcClient *client;
  OkcStore *store;
  GPtrArray *actions;          /* OkcOutboxAction not done, oldest first */
  GCancellable *cancellable;   /* the in-flight request and the store calls; stop() */
  OkcOutboxAction *in_flight;
  guint timeout_id;
  gboolean started;
  gboolean loaded;
  gboolean waiting_for_sign_in;
};

static void okc_outbox_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OkcOutbox, okc_outbox, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, okc_outbox_list_model_init))

enum {
  PROP_0,
  PROP_N_UNSENT,
  PROP_WAITING_FOR_SIGN_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTION_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void dispatch (OkcOutbox *self);

static void
set_waiting_for_sign_in (OkcOutbox *self,
                         gboolean   waiting)
{
  if (self->waiting_for_sign_in == waiting)
    return;
  self->waiting_for_sign_in = waiting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_FOR_SIGN_IN]);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* GListModel ------------------------------------------------------------------------- */

static GType
okc_outbox_get_item_type (GListModel *model)
{
  return OKC_TYPE_OUTBOX_ACTION;
}

static guint
okc_outbox_get_n_items (GListModel *model)
{
  return OKC_OUTBOX (model)->actions->len;
}

static gpointer
okc_outbox_get_item (GListModel *model,
                     guint       position)
{
  OkcOutbox *self = OKC_OUTBOX (model);

  if (position >= self->actions->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->actions, position));
}

static void
okc_outbox_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = okc_outbox_get_item_type;
  iface->get_n_items = okc_outbox_get_n_items;
  iface->get_item = okc_outbox_get_item;
}

static void
items_changed (OkcOutbox *self,
               guint      position,
               guint      removed,
               guint      added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNSENT]);
}

static void
remove_action (OkcOutbox       *self,
               OkcOutboxAction *action)
{
  guint position;

  if (g_ptr_array_find (self->actions, action, &position))
    {
      g_ptr_array_remove_index (self->actions, position);
      items_changed (self, position, 1, 0);
    }
}

static gboolean
has_key (OkcOutbox  *self,
         const char *key)
{
  for (guint i = 0; i < self->actions->len; i++)
    if (g_str_equal (okc_outbox_action_get_key (g_ptr_array_index (self->actions, i)), key))
      return TRUE;
  return FALSE;
}

/* Writing ------------------------------------------------------------------------------ */

static void
progress_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Harmless if lost: after a restart the action is sent again with its key, and the
   * backend replays its answer instead of acting twice. */
  if (!okc_store_save_outbox_row_finish (OKC_STORE (object), result, &error))
    g_message ("Could not record an action’s progress in the outbox: %s", error->message);
}

/* Not cancelled by stop(): how far an action got is worth keeping. */
static void
save_progress (OkcOutbox       *self,
               OkcOutboxAction *action)
{
  g_autoptr(OkcStoreOutboxRow) row = okc_outbox_action_to_row (action);

  okc_store_save_outbox_row_async (self->store, row, NULL, progress_saved_cb, NULL);
}

/* Sending ------------------------------------------------------------------------------ */

/* Whether trying again later may succeed: no answer, or an answer saying "not now". */
static gboolean
is_transient (const GError *error)
{
  guint status;

  if (error->domain != OKC_CLIENT_ERROR)
    return FALSE;
  if (error->code == OKC_CLIENT_ERROR_OFFLINE || error->code == OKC_CLIENT_ERROR_TIMED_OUT ||
      error->code == OKC_CLIENT_ERROR_SERVER)
    return TRUE;
  status = okc_client_error_get_http_status (error);
  return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

static void
finish_action (OkcOutbox       *self,
               OkcOutboxAction *action)
{
  g_autoptr(OkcOutboxAction) hold = g_object_ref (action);

  save_progress (self, action);
  g_signal_emit (self, signals[ACTION_FINISHED], 0, action);
  if (okc_outbox_action_get_state (action) == OKC_OUTBOX_STATE_DONE)
    remove_action (self, action);
}

static void
handle_error (OkcOutbox       *self,
              OkcOutboxAction *action,
              const GError    *error)
{
  guint attempts = okc_outbox_action_get_attempts (action) + 1;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    okc_outbox_action_set_pending (action, now_seconds (), FALSE, NULL);
  else if (g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_UNAUTHORIZED))
    {
      /* Nothing will work until the agent signs in again: the window asks them to. */
      okc_outbox_action_set_pending (action, 0, TRUE, error);
      set_waiting_for_sign_in (self, TRUE);
      save_progress (self, action);
    }
  else if (is_transient (error))
    {
      okc_outbox_action_set_pending (action, now_seconds () + okc_outbox_backoff_delay (attempts),
                                     TRUE, error);
      save_progress (self, action);
    }
  else
    {
      okc_outbox_action_set_failed (action, error, now_seconds ());
      finish_action (self, action);
    }
}

typedef struct
{
  OkcOutbox *self;
  OkcOutboxAction *action;
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  g_object_unref (attempt->self);
  g_object_unref (attempt->action);
  g_free (attempt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Attempt, attempt_free)

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Attempt) attempt = user_data;
  OkcOutbox *self = attempt->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcClientAnswer) answer =
    okc_client_call_idempotent_finish (OKC_CLIENT (object), result, &error);

  if (self->in_flight == attempt->action)
    self->in_flight = NULL;

  if (answer != NULL)
    {
      okc_outbox_action_set_done (attempt->action, answer->status, answer->root, now_seconds ());
      finish_action (self, attempt->action);
    }
  else
    handle_error (self, attempt->action, error);

  dispatch (self);
}

static void
send_action (OkcOutbox       *self,
             OkcOutboxAction *action)
{
  Attempt *attempt = g_new0 (Attempt, 1);

  attempt->self = g_object_ref (self);
  attempt->action = g_object_ref (action);
  self->in_flight = action;
  okc_outbox_action_set_sending (action);
  save_progress (self, action);
  okc_client_call_idempotent_async (self->client, okc_outbox_action_get_method (action),
                                    okc_outbox_action_get_path (action),
                                    okc_outbox_action_get_body (action),
                                    okc_outbox_action_get_key (action), self->cancellable,
                                    sent_cb, attempt);
}

static gboolean
next_attempt_cb (gpointer user_data)
{
  OkcOutbox *self = user_data;

  self->timeout_id = 0;
  dispatch (self);
  return G_SOURCE_REMOVE;
}

/* The oldest pending action goes first; the others wait behind it, so that actions reach
 * the backend in the order the agent made them (a grant before its revocation). */
static OkcOutboxAction *
first_pending (OkcOutbox *self)
{
  for (guint i = 0; i < self->actions->len; i++)
    {
      OkcOutboxAction *action = g_ptr_array_index (self->actions, i);

      if (okc_outbox_action_get_state (action) == OKC_OUTBOX_STATE_PENDING)
        return action;
    }
  return NULL;
}

static void
dispatch (OkcOutbox *self)
{
  OkcOutboxAction *action;
  gint64 next, now;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->started || !self->loaded || self->in_flight != NULL || self->waiting_for_sign_in)
    return;

  action = first_pending (self);
  if (action == NULL)
    return;

  next = okc_outbox_action_get_next_attempt_at (action);
  now = now_seconds ();
  if (next > now)
    {
      self->timeout_id = g_timeout_add_seconds ((guint) MIN (next - now, MAX_BACKOFF_SECONDS),
                                                next_attempt_cb, self);
      return;
    }
  send_action (self, action);
}

/* Starting ------------------------------------------------------------------------------ */

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OkcOutbox) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = okc_store_load_outbox_finish (OKC_STORE (object), result, &error);
  g_autoptr(GPtrArray) earlier = g_ptr_array_new_with_free_func (g_object_unref);

  if (rows == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* What an earlier run left stays in the file for the next start; what is submitted
       * now is still written and sent. */
      g_message ("Could not read the outbox of %s: %s", okc_store_get_path (self->store),
                 error->message);
      self->loaded = TRUE;
      dispatch (self);
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      OkcStoreOutboxRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GError) row_error = NULL;
      g_autoptr(OkcOutboxAction) action = NULL;

      /* One submitted since start() may have been written before the store read. */
      if (has_key (self, row->key))
        continue;
      action = okc_outbox_action_new_from_row (row, &row_error);
      if (action == NULL)
        {
          g_message ("Skipping an action of the outbox: %s", row_error->message);
          continue;
        }
      /* A request in flight when the console stopped may or may not have arrived: it is
       * sent again at once, with its key. */
      if (okc_outbox_action_get_state (action) == OKC_OUTBOX_STATE_SENDING)
        okc_outbox_action_set_pending (action, 0, FALSE, NULL);
      okc_outbox_action_reschedule (action, 0);
      g_ptr_array_add (earlier, g_steal_pointer (&action));
    }

  if (earlier->len > 0)
    {
      guint n = earlier->len;

      g_ptr_array_extend_and_steal (earlier, g_steal_pointer (&self->actions));
      self->actions = g_steal_pointer (&earlier);
      items_changed (self, 0, 0, n);
    }
  self->loaded = TRUE;
  dispatch (self);
}

/* GObject -------------------------------------------------------------------------------- */

static void
okc_outbox_dispose (GObject *object)
{
  OkcOutbox *self = OKC_OUTBOX (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (okc_outbox_parent_class)->dispose (object);
}

static void
okc_outbox_finalize (GObject *object)
{
  OkcOutbox *self = OKC_OUTBOX (object);

  g_ptr_array_unref (self->actions);

  G_OBJECT_CLASS (okc_outbox_parent_class)->finalize (object);
}

static void
okc_outbox_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OkcOutbox *self = OKC_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_N_UNSENT:
      g_value_set_uint (value, okc_outbox_get_n_unsent (self));
      break;
    case PROP_WAITING_FOR_SIGN_IN:
      g_value_set_boolean (value, self->waiting_for_sign_in);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_outbox_class_init (OkcOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = okc_outbox_dispose;
  object_class->finalize = okc_outbox_finalize;
  object_class->get_property = okc_outbox_get_property;

  /**
   * OkcOutbox:n-unsent:
   *
   * How many actions are not done: pending, sending or failed.
   */
  properties[PROP_N_UNSENT] =
    g_param_spec_uint ("n-unsent", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * OkcOutbox:waiting-for-sign-in:
   *
   * The backend answered 401: nothing is sent until okc_outbox_retry_now() (a new
   * sign-in creates a new outbox, which starts by sending).
   */
  properties[PROP_WAITING_FOR_SIGN_IN] =
    g_param_spec_boolean ("waiting-for-sign-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OkcOutbox::action-finished:
   * @action: the action, now done or failed
   */
  signals[ACTION_FINISHED] =
    g_signal_new ("action-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, OKC_TYPE_OUTBOX_ACTION);
}

static void
okc_outbox_init (OkcOutbox *self)
{
  self->actions = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

/* Public --------------------------------------------------------------------------------- */

OkcOutbox *
okc_outbox_new (OkcClient *client,
                OkcStore  *store)
{
  OkcOutbox *self;

  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OKC_IS_STORE (store), NULL);

  self = g_object_new (OKC_TYPE_OUTBOX, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);
  return self;
}

/**
 * okc_outbox_start:
 *
 * Forgets the done and failed actions older than 7 days, loads what an earlier run left
 * unsent (a request in flight then is sent again, with its key) and begins sending.
 */
void
okc_outbox_start (OkcOutbox *self)
{
  g_return_if_fail (OKC_IS_OUTBOX (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  okc_store_load_outbox_async (self->store, now_seconds () - KEEP_FINISHED_SECONDS,
                               self->cancellable, loaded_cb, g_object_ref (self));
}

/**
 * okc_outbox_stop:
 *
 * Stops sending: the request in flight is cancelled (the store still says it was being
 * sent, so the next start sends it again with its key).
 */
void
okc_outbox_stop (OkcOutbox *self)
{
  g_return_if_fail (OKC_IS_OUTBOX (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

typedef struct
{
  OkcOutbox *self;
  OkcOutboxAction *action;
} Submission;

static void
submission_free (Submission *submission)
{
  g_object_unref (submission->self);
  g_object_unref (submission->action);
  g_free (submission);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Submission *submission = g_task_get_task_data (task);
  OkcOutbox *self = submission->self;
  GError *error = NULL;

  if (!okc_store_save_outbox_row_finish (OKC_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!has_key (self, okc_outbox_action_get_key (submission->action)))
    {
      g_ptr_array_add (self->actions, g_object_ref (submission->action));
      items_changed (self, self->actions->len - 1, 0, 1);
    }
  g_task_return_boolean (task, TRUE);
  dispatch (self);
}

/**
 * okc_outbox_submit_async:
 * @action: a new action (pending, never submitted)
 *
 * Writes @action to the store; once written it joins the outbox and is sent after the
 * actions made before it. Completes when written.
 */
void
okc_outbox_submit_async (OkcOutbox           *self,
                         OkcOutboxAction     *action,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(OkcStoreOutboxRow) row = NULL;
  Submission *submission;
  GTask *task;

  g_return_if_fail (OKC_IS_OUTBOX (self));
  g_return_if_fail (OKC_IS_OUTBOX_ACTION (action));
  g_return_if_fail (okc_outbox_action_get_state (action) == OKC_OUTBOX_STATE_PENDING);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  submission = g_new0 (Submission, 1);
  submission->self = g_object_ref (self);
  submission->action = g_object_ref (action);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, okc_outbox_submit_async);
  g_task_set_task_data (task, submission, (GDestroyNotify) submission_free);

  row = okc_outbox_action_to_row (action);
  okc_store_save_outbox_row_async (self->store, row, cancellable, written_cb, task);
}

gboolean
okc_outbox_submit_finish (OkcOutbox     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (OKC_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == okc_outbox_submit_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
okc_outbox_retry_now (OkcOutbox *self)
{
  gint64 now = now_seconds ();

  g_return_if_fail (OKC_IS_OUTBOX (self));

  set_waiting_for_sign_in (self, FALSE);
  for (guint i = 0; i < self->actions->len; i++)
    okc_outbox_action_reschedule (g_ptr_array_index (self->actions, i), now);
  dispatch (self);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The row stays; it is removed with the other finished ones after 7 days. */
  if (!okc_store_delete_outbox_row_finish (OKC_STORE (object), result, &error))
    g_message ("Could not remove a discarded action from the outbox: %s", error->message);
}

void
okc_outbox_discard (OkcOutbox       *self,
                    OkcOutboxAction *action)
{
  g_return_if_fail (OKC_IS_OUTBOX (self));
  g_return_if_fail (OKC_IS_OUTBOX_ACTION (action));
  g_return_if_fail (okc_outbox_action_get_state (action) == OKC_OUTBOX_STATE_FAILED);

  okc_store_delete_outbox_row_async (self->store, okc_outbox_action_get_key (action), NULL,
                                     deleted_cb, NULL);
  remove_action (self, action);
}

/* Whether a 401 stopped the sending until the agent signs in again. */
gboolean
okc_outbox_is_waiting_for_sign_in (OkcOutbox *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX (self), FALSE);
  return self->waiting_for_sign_in;
}

guint
okc_outbox_get_n_unsent (OkcOutbox *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX (self), 0);
  return self->actions->len;
}

/**
 * okc_outbox_list_for_ticket:
 *
 * Returns: (transfer container) (element-type OkcOutboxAction): the ticket's actions not
 *   done, oldest first
 */
GPtrArray *
okc_outbox_list_for_ticket (OkcOutbox  *self,
                            const char *ticket_id)
{
  GPtrArray *found;

  g_return_val_if_fail (OKC_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (ticket_id != NULL, NULL);

  found = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->actions->len; i++)
    {
      OkcOutboxAction *action = g_ptr_array_index (self->actions, i);

      if (g_strcmp0 (okc_outbox_action_get_ticket_id (action), ticket_id) == 0)
        g_ptr_array_add (found, g_object_ref (action));
    }
  return found;
}

/**
 * okc_outbox_backoff_delay:
 * @attempts: how many attempts failed
 *
 * Returns: seconds to wait before the next attempt: 0 before the first, then 1, 2, 4 …
 *   doubled up to 300.
 */
guint
okc_outbox_backoff_delay (guint attempts)
{
  if (attempts == 0)
    return 0;
  if (attempts > 9)
    return MAX_BACKOFF_SECONDS;
  return MIN (1u << (attempts - 1), MAX_BACKOFF_SECONDS);
}
