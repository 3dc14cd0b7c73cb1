/* okc-queue-filter.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include "okc-queue-filter.h"

/* The text search itself runs in the local store (FTS5); this filter only looks each
 * ticket's id up in the set of matches the store answered, so a keystroke costs one
 * hash lookup a ticket on the main thread. */
struct _OkcQueueFilter
{
  GtkFilter parent_instance;

  OkcClock *clock;
  OkcQueueFolder *folder;
  char *user_id;
  GHashTable *matches; /* ticket ids, or NULL when no search is active */
};

G_DEFINE_FINAL_TYPE (OkcQueueFilter, okc_queue_filter, GTK_TYPE_FILTER)

static gboolean
okc_queue_filter_match (GtkFilter *filter,
                        gpointer   item)
{
  OkcQueueFilter *self = OKC_QUEUE_FILTER (filter);
  OkcTicket *ticket = item;

  if (self->matches != NULL && !g_hash_table_contains (self->matches, okc_ticket_get_id (ticket)))
    return FALSE;
  if (self->folder == NULL)
    return TRUE;
  return okc_queue_folder_matches (self->folder, ticket, self->user_id,
                                   okc_clock_get_now (self->clock));
}

static GtkFilterMatch
okc_queue_filter_get_strictness (GtkFilter *filter)
{
  OkcQueueFilter *self = OKC_QUEUE_FILTER (filter);

  if (self->matches == NULL &&
      (self->folder == NULL ||
       okc_queue_folder_get_kind (self->folder) == OKC_QUEUE_FOLDER_ALL_OPEN))
    return GTK_FILTER_MATCH_ALL;
  return GTK_FILTER_MATCH_SOME;
}

/* A view whose tickets depend on the time (breaching SLA) is filtered again as the
 * clock ticks, so a ticket enters it when its warning starts, not at the next change. */
static void
clock_ticked_cb (OkcQueueFilter *self)
{
  if (self->folder != NULL && okc_queue_folder_depends_on_time (self->folder))
    gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
okc_queue_filter_finalize (GObject *object)
{
  OkcQueueFilter *self = OKC_QUEUE_FILTER (object);

  g_clear_object (&self->clock);
  g_clear_object (&self->folder);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->matches, g_hash_table_unref);

  G_OBJECT_CLASS (okc_queue_filter_parent_class)->finalize (object);
}

static void
okc_queue_filter_class_init (OkcQueueFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = okc_queue_filter_finalize;
  filter_class->match = okc_queue_filter_match;
  filter_class->get_strictness = okc_queue_filter_get_strictness;
}

static void
okc_queue_filter_init (OkcQueueFilter *self)
{
}

/**
 * okc_queue_filter_new:
 * @clock: the time the SLA views are read at
 *
 * Returns: (transfer full): a filter that lets every ticket through until a folder or
 *   a search is set.
 */
OkcQueueFilter *
okc_queue_filter_new (OkcClock *clock)
{
  OkcQueueFilter *self;

  g_return_val_if_fail (OKC_IS_CLOCK (clock), NULL);

  self = g_object_new (OKC_TYPE_QUEUE_FILTER, NULL);
  self->clock = g_object_ref (clock);
  g_signal_connect_object (clock, "notify::now", G_CALLBACK (clock_ticked_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/**
 * okc_queue_filter_set_folder:
 * @folder: (nullable): the view the agent chose
 */
void
okc_queue_filter_set_folder (OkcQueueFilter *self,
                             OkcQueueFolder *folder)
{
  g_return_if_fail (OKC_IS_QUEUE_FILTER (self));

  if (g_set_object (&self->folder, folder))
    gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}

/**
 * okc_queue_filter_set_user_id:
 * @user_id: (nullable): the signed-in agent, for "Assigned to me"
 */
void
okc_queue_filter_set_user_id (OkcQueueFilter *self,
                              const char     *user_id)
{
  g_return_if_fail (OKC_IS_QUEUE_FILTER (self));

  if (g_strcmp0 (self->user_id, user_id) == 0)
    return;
  g_free (self->user_id);
  self->user_id = g_strdup (user_id);
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}

/**
 * okc_queue_filter_set_matches:
 * @ticket_ids: (nullable) (element-type utf8): the ids of the tickets that match the
 *   search, or %NULL when there is no search
 */
void
okc_queue_filter_set_matches (OkcQueueFilter *self,
                              GPtrArray      *ticket_ids)
{
  GtkFilterChange change;

  g_return_if_fail (OKC_IS_QUEUE_FILTER (self));

  if (ticket_ids == NULL && self->matches == NULL)
    return;

  if (ticket_ids == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (self->matches == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_clear_pointer (&self->matches, g_hash_table_unref);
  if (ticket_ids != NULL)
    {
      self->matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < ticket_ids->len; i++)
        g_hash_table_add (self->matches, g_strdup (g_ptr_array_index (ticket_ids, i)));
    }
  gtk_filter_changed (GTK_FILTER (self), change);
}

/**
 * okc_queue_filter_is_searching:
 *
 * Returns: %TRUE while a search narrows the queue.
 */
gboolean
okc_queue_filter_is_searching (OkcQueueFilter *self)
{
  g_return_val_if_fail (OKC_IS_QUEUE_FILTER (self), FALSE);
  return self->matches != NULL;
}
