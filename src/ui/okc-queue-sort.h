/* okc-queue-sort.h — the orders an agent can read the queue in
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * OkcQueueSort:
 * @OKC_QUEUE_SORT_PRIORITY: most urgent first, then the oldest (the queue's own order)
 * @OKC_QUEUE_SORT_SLA: the least SLA time left first; paused and resolved clocks last
 * @OKC_QUEUE_SORT_OLDEST: the longest-waiting first
 * @OKC_QUEUE_SORT_NEWEST: the newest first
 */
typedef enum
{
  OKC_QUEUE_SORT_PRIORITY,
  OKC_QUEUE_SORT_SLA,
  OKC_QUEUE_SORT_OLDEST,
  OKC_QUEUE_SORT_NEWEST,
} OkcQueueSort;

gboolean   okc_queue_sort_from_nick  (const char   *nick,
                                      OkcQueueSort *out_sort);
const char *okc_queue_sort_to_nick   (OkcQueueSort  sort);
GtkSorter *okc_queue_sort_new_sorter (OkcQueueSort  sort);

G_END_DECLS
