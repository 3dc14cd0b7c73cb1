/* okc-queue-sort.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include "okc-core.h"
#include "okc-queue-sort.h"
#include "okc-ticket-queue.h"

/* The nicks are the values of the "queue-sort" setting and of the win.sort-queue action. */
static const char * const nicks[] = {
  [OKC_QUEUE_SORT_PRIORITY] = "priority",
  [OKC_QUEUE_SORT_SLA] = "sla",
  [OKC_QUEUE_SORT_OLDEST] = "oldest",
  [OKC_QUEUE_SORT_NEWEST] = "newest",
};

gboolean
okc_queue_sort_from_nick (const char   *nick,
                          OkcQueueSort *out_sort)
{
  g_return_val_if_fail (out_sort != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    if (g_strcmp0 (nick, nicks[i]) == 0)
      {
        *out_sort = (OkcQueueSort) i;
        return TRUE;
      }
  return FALSE;
}

const char *
okc_queue_sort_to_nick (OkcQueueSort sort)
{
  g_return_val_if_fail (sort < G_N_ELEMENTS (nicks), NULL);
  return nicks[sort];
}

/* A clock that is paused or absent never runs out: such tickets go after every running
 * one, in triage order. */
static gint64
running_due_at (OkcTicket *ticket)
{
  gint64 due_at = okc_ticket_get_sla_due_at (ticket);

  if (due_at == 0 || okc_ticket_get_sla_paused (ticket))
    return G_MAXINT64;
  return due_at;
}

static int
compare_sla (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  gint64 due_a = running_due_at ((OkcTicket *) a);
  gint64 due_b = running_due_at ((OkcTicket *) b);

  if (due_a != due_b)
    return due_a < due_b ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return gtk_ordering_from_cmpfunc (okc_ticket_queue_compare ((OkcTicket *) a, (OkcTicket *) b));
}

/* Ties in age (tickets handed off in the same second) fall back to the id, so that the
 * order never flickers between two refreshes. */
static int
compare_age (OkcTicket *a,
             OkcTicket *b)
{
  gint64 created_a = okc_ticket_get_created_at (a);
  gint64 created_b = okc_ticket_get_created_at (b);

  if (created_a != created_b)
    return created_a < created_b ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return gtk_ordering_from_cmpfunc (strcmp (okc_ticket_get_id (a), okc_ticket_get_id (b)));
}

static int
compare_oldest (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return compare_age ((OkcTicket *) a, (OkcTicket *) b);
}

static int
compare_newest (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return compare_age ((OkcTicket *) b, (OkcTicket *) a);
}

/**
 * okc_queue_sort_new_sorter:
 * @sort: the order
 *
 * Returns: (transfer full) (nullable): a sorter for a list of #OkcTicket, or %NULL for
 *   %OKC_QUEUE_SORT_PRIORITY, the order the queue already keeps (no sorting pass at all).
 */
GtkSorter *
okc_queue_sort_new_sorter (OkcQueueSort sort)
{
  switch (sort)
    {
    case OKC_QUEUE_SORT_PRIORITY:
      return NULL;
    case OKC_QUEUE_SORT_SLA:
      return GTK_SORTER (gtk_custom_sorter_new (compare_sla, NULL, NULL));
    case OKC_QUEUE_SORT_OLDEST:
      return GTK_SORTER (gtk_custom_sorter_new (compare_oldest, NULL, NULL));
    case OKC_QUEUE_SORT_NEWEST:
      return GTK_SORTER (gtk_custom_sorter_new (compare_newest, NULL, NULL));
    default:
      g_return_val_if_reached (NULL);
    }
}
