/* okc-ticket-queue.c — a sorted array plus an index by id: O(log n) to find a row, one
 * items-changed per row for small batches and one for the whole batch otherwise
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include <string.h>

#include "okc-ticket-queue.h"

/* Up to this many changed rows, a batch is applied row by row (a removal and an insertion
 * each, so a list view keeps its scroll position and selection); beyond it, the array is
 * rebuilt by merging and the change announced once, over the span that differs. */
#define PER_ROW_LIMIT 8

struct _OkcTicketQueue
{
  GObject parent_instance;

  GPtrArray *items;     /* OkcTicket, owned, in triage order */
  GHashTable *by_id;    /* id (owned by the ticket) → the OkcTicket in items */
  GHashTable *resolved; /* id → version at which it was resolved (gint64 *) */
};

static void okc_ticket_queue_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OkcTicketQueue, okc_ticket_queue, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      okc_ticket_queue_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * okc_ticket_queue_compare:
 * @a: a ticket
 * @b: another ticket
 *
 * Triage order: the most urgent first, then the oldest, then by id, so that no two
 * tickets tie.
 *
 * Returns: negative if @a comes before @b, positive if after, 0 for the same id.
 */
int
okc_ticket_queue_compare (OkcTicket *a,
                          OkcTicket *b)
{
  OkcPriority priority_a = okc_ticket_get_priority (a);
  OkcPriority priority_b = okc_ticket_get_priority (b);
  gint64 created_a, created_b;

  if (priority_a != priority_b)
    return priority_a > priority_b ? -1 : 1;

  created_a = okc_ticket_get_created_at (a);
  created_b = okc_ticket_get_created_at (b);
  if (created_a != created_b)
    return created_a < created_b ? -1 : 1;

  return strcmp (okc_ticket_get_id (a), okc_ticket_get_id (b));
}

static int
compare_pointers (gconstpointer a,
                  gconstpointer b)
{
  return okc_ticket_queue_compare (*(OkcTicket **) a, *(OkcTicket **) b);
}

/* The first position whose ticket does not come before @ticket. */
static guint
lower_bound (OkcTicketQueue *self,
             OkcTicket      *ticket)
{
  guint low = 0, high = self->items->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (okc_ticket_queue_compare (g_ptr_array_index (self->items, middle), ticket) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static guint
position_of (OkcTicketQueue *self,
             OkcTicket      *ticket)
{
  guint position = lower_bound (self, ticket);

  g_assert (position < self->items->len && g_ptr_array_index (self->items, position) == ticket);
  return position;
}

/* GListModel ------------------------------------------------------------------------ */

static GType
okc_ticket_queue_get_item_type (GListModel *model)
{
  return OKC_TYPE_TICKET;
}

static guint
okc_ticket_queue_get_n_items (GListModel *model)
{
  return OKC_TICKET_QUEUE (model)->items->len;
}

static gpointer
okc_ticket_queue_get_item (GListModel *model,
                           guint       position)
{
  OkcTicketQueue *self = OKC_TICKET_QUEUE (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
okc_ticket_queue_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = okc_ticket_queue_get_item_type;
  iface->get_n_items = okc_ticket_queue_get_n_items;
  iface->get_item = okc_ticket_queue_get_item;
}

/* Changes -------------------------------------------------------------------------- */

static void
items_changed (OkcTicketQueue *self,
               guint           position,
               guint           removed,
               guint           added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* One row's change: @old leaves (if not %NULL), @new arrives (if not %NULL). */
typedef struct
{
  OkcTicket *old;
  OkcTicket *new;
} Change;

static void
remember_resolved (OkcTicketQueue *self,
                   OkcTicket      *ticket)
{
  gint64 *version = g_new (gint64, 1);

  *version = okc_ticket_get_version (ticket);
  g_hash_table_replace (self->resolved, g_strdup (okc_ticket_get_id (ticket)), version);
}

/* Whether @ticket is news: newer than the row it would replace, or than the version at
 * which it was last seen resolved (so an older copy arriving late does not reopen it). */
static gboolean
is_newer (OkcTicketQueue *self,
          OkcTicket      *ticket,
          OkcTicket      *current)
{
  gint64 *resolved_at;

  if (current != NULL)
    return okc_ticket_get_version (ticket) > okc_ticket_get_version (current);

  resolved_at = g_hash_table_lookup (self->resolved, okc_ticket_get_id (ticket));
  return resolved_at == NULL || okc_ticket_get_version (ticket) > *resolved_at;
}

static void
insert_row (OkcTicketQueue *self,
            OkcTicket      *ticket,
            guint           position)
{
  g_ptr_array_insert (self->items, (int) position, g_object_ref (ticket));
  g_hash_table_replace (self->by_id, (gpointer) okc_ticket_get_id (ticket), ticket);
}

/* Each items-changed is emitted with the model already in the state it describes, and
 * the index by id agreeing: a handler may read either. */
static void
apply_row (OkcTicketQueue *self,
           Change         *change)
{
  guint new_position;

  if (change->old != NULL)
    {
      g_autoptr(OkcTicket) old = NULL;
      guint old_position = position_of (self, change->old);

      old = g_ptr_array_steal_index (self->items, old_position);
      g_hash_table_remove (self->by_id, okc_ticket_get_id (old));

      if (change->new == NULL)
        {
          items_changed (self, old_position, 1, 0);
          return;
        }

      new_position = lower_bound (self, change->new);
      if (new_position == old_position)
        {
          insert_row (self, change->new, new_position);
          items_changed (self, new_position, 1, 1);
          return;
        }

      /* It moves: a removal here, an insertion there. */
      items_changed (self, old_position, 1, 0);
    }

  new_position = lower_bound (self, change->new);
  insert_row (self, change->new, new_position);
  items_changed (self, new_position, 0, 1);
}

static void
apply_merged (OkcTicketQueue *self,
              GArray         *changes)
{
  g_autoptr(GHashTable) leaving = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) arriving = g_ptr_array_new ();
  g_autoptr(GPtrArray) old_items = self->items;
  guint old_n = old_items->len, new_n, prefix = 0, suffix = 0;
  guint i = 0, j = 0;

  for (guint k = 0; k < changes->len; k++)
    {
      Change *change = &g_array_index (changes, Change, k);

      if (change->old != NULL)
        {
          g_hash_table_add (leaving, change->old);
          g_hash_table_remove (self->by_id, okc_ticket_get_id (change->old));
        }
      if (change->new != NULL)
        g_ptr_array_add (arriving, change->new);
    }
  g_ptr_array_sort (arriving, compare_pointers);

  /* Merge the rows that stay with the sorted arrivals: O(n + k log k). */
  self->items = g_ptr_array_new_full (old_n + arriving->len, g_object_unref);
  while (i < old_n || j < arriving->len)
    {
      OkcTicket *staying = i < old_n ? g_ptr_array_index (old_items, i) : NULL;

      if (staying != NULL && g_hash_table_contains (leaving, staying))
        {
          i++;
          continue;
        }
      if (j < arriving->len &&
          (staying == NULL ||
           okc_ticket_queue_compare (g_ptr_array_index (arriving, j), staying) < 0))
        {
          OkcTicket *ticket = g_ptr_array_index (arriving, j++);

          g_ptr_array_add (self->items, g_object_ref (ticket));
          g_hash_table_replace (self->by_id, (gpointer) okc_ticket_get_id (ticket), ticket);
        }
      else
        {
          g_ptr_array_add (self->items, g_object_ref (staying));
          i++;
        }
    }

  /* Announce only the span that differs. */
  new_n = self->items->len;
  while (prefix < old_n && prefix < new_n &&
         g_ptr_array_index (old_items, prefix) == g_ptr_array_index (self->items, prefix))
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         g_ptr_array_index (old_items, old_n - 1 - suffix) ==
           g_ptr_array_index (self->items, new_n - 1 - suffix))
    suffix++;

  if (old_n - prefix - suffix > 0 || new_n - prefix - suffix > 0)
    items_changed (self, prefix, old_n - prefix - suffix, new_n - prefix - suffix);
}

static void
apply_changes (OkcTicketQueue *self,
               GArray         *changes)
{
  if (changes->len == 0)
    return;

  if (changes->len <= PER_ROW_LIMIT)
    {
      for (guint i = 0; i < changes->len; i++)
        apply_row (self, &g_array_index (changes, Change, i));
    }
  else
    apply_merged (self, changes);
}

/**
 * okc_ticket_queue_apply:
 * @self: a queue
 * @tickets: (element-type OkcTicket): tickets from the backend or the store, any order
 *
 * Brings the queue up to date with @tickets: a ticket newer than the row with its id
 * replaces it, at its new place in the order; a resolved ticket leaves the queue; a
 * version that is not newer than the one held (or than the one last seen resolved) is
 * ignored. The queue announces the change with as few #GListModel::items-changed as
 * it can, each emitted with the model already in the state it describes.
 */
void
okc_ticket_queue_apply (OkcTicketQueue *self,
                        GPtrArray      *tickets)
{
  g_autoptr(GHashTable) newest = NULL;
  g_autoptr(GArray) changes = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (OKC_IS_TICKET_QUEUE (self));
  g_return_if_fail (tickets != NULL);

  /* The newest copy of each id in the batch. */
  newest = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < tickets->len; i++)
    {
      OkcTicket *ticket = g_ptr_array_index (tickets, i);
      OkcTicket *seen;

      g_return_if_fail (OKC_IS_TICKET (ticket));

      seen = g_hash_table_lookup (newest, okc_ticket_get_id (ticket));
      if (seen == NULL || okc_ticket_get_version (ticket) > okc_ticket_get_version (seen))
        g_hash_table_replace (newest, (gpointer) okc_ticket_get_id (ticket), ticket);
    }

  changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_hash_table_iter_init (&iter, newest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      OkcTicket *ticket = value;
      OkcTicket *current = g_hash_table_lookup (self->by_id, okc_ticket_get_id (ticket));
      gboolean resolved = okc_ticket_get_status (ticket) == OKC_TICKET_STATUS_RESOLVED;
      Change change;

      if (!is_newer (self, ticket, current))
        continue;

      if (resolved)
        remember_resolved (self, ticket);
      else
        g_hash_table_remove (self->resolved, okc_ticket_get_id (ticket));

      if (resolved && current == NULL)
        continue;

      change.old = current;
      change.new = resolved ? NULL : ticket;
      g_array_append_val (changes, change);
    }

  apply_changes (self, changes);
}

/**
 * okc_ticket_queue_retain:
 * @self: a queue
 * @ids: (element-type utf8 utf8): a set of ticket ids (keys; values are ignored)
 *
 * Removes every ticket whose id is not in @ids: after a complete listing of the open
 * tickets, those the listing did not have are no longer open.
 */
void
okc_ticket_queue_retain (OkcTicketQueue *self,
                         GHashTable     *ids)
{
  g_autoptr(GArray) changes = NULL;

  g_return_if_fail (OKC_IS_TICKET_QUEUE (self));
  g_return_if_fail (ids != NULL);

  changes = g_array_new (FALSE, FALSE, sizeof (Change));
  for (guint i = 0; i < self->items->len; i++)
    {
      OkcTicket *ticket = g_ptr_array_index (self->items, i);

      if (!g_hash_table_contains (ids, okc_ticket_get_id (ticket)))
        {
          Change change = { ticket, NULL };
          g_array_append_val (changes, change);
        }
    }

  apply_changes (self, changes);
}

/**
 * okc_ticket_queue_lookup:
 * @self: a queue
 * @id: a ticket id
 *
 * Returns: (transfer none) (nullable): the ticket with @id in the queue, or %NULL.
 */
OkcTicket *
okc_ticket_queue_lookup (OkcTicketQueue *self,
                         const char     *id)
{
  g_return_val_if_fail (OKC_IS_TICKET_QUEUE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

/**
 * okc_ticket_queue_find:
 * @self: a queue
 * @id: a ticket id
 * @out_position: (out) (optional): the ticket's position
 *
 * Returns: %TRUE if a ticket with @id is in the queue.
 */
gboolean
okc_ticket_queue_find (OkcTicketQueue *self,
                       const char     *id,
                       guint          *out_position)
{
  OkcTicket *ticket;

  g_return_val_if_fail (OKC_IS_TICKET_QUEUE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  ticket = g_hash_table_lookup (self->by_id, id);
  if (ticket == NULL)
    return FALSE;
  if (out_position != NULL)
    *out_position = position_of (self, ticket);
  return TRUE;
}

/**
 * okc_ticket_queue_remove_all:
 * @self: a queue
 *
 * Empties the queue and forgets the resolved tickets it saw, say on signing out.
 */
void
okc_ticket_queue_remove_all (OkcTicketQueue *self)
{
  g_autoptr(GPtrArray) old_items = NULL;
  guint n;

  g_return_if_fail (OKC_IS_TICKET_QUEUE (self));

  g_hash_table_remove_all (self->resolved);
  n = self->items->len;
  if (n == 0)
    return;

  g_hash_table_remove_all (self->by_id);
  old_items = g_steal_pointer (&self->items);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  items_changed (self, 0, n, 0);
}

/* GObject ------------------------------------------------------------------------- */

static void
okc_ticket_queue_finalize (GObject *object)
{
  OkcTicketQueue *self = OKC_TICKET_QUEUE (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->resolved, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (okc_ticket_queue_parent_class)->finalize (object);
}

static void
okc_ticket_queue_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OkcTicketQueue *self = OKC_TICKET_QUEUE (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_ticket_queue_class_init (OkcTicketQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_ticket_queue_finalize;
  object_class->get_property = okc_ticket_queue_get_property;

  /**
   * OkcTicketQueue:n-items:
   *
   * How many tickets are open, for a counter in the UI.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_ticket_queue_init (OkcTicketQueue *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * okc_ticket_queue_new:
 *
 * Returns: (transfer full): an empty queue
 */
OkcTicketQueue *
okc_ticket_queue_new (void)
{
  return g_object_new (OKC_TYPE_TICKET_QUEUE, NULL);
}
