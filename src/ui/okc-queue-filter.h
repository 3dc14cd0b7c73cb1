/* okc-queue-filter.h — which tickets the queue shows: the view's, matching the search
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-core.h"
#include "okc-queue-folder.h"

G_BEGIN_DECLS

#define OKC_TYPE_QUEUE_FILTER (okc_queue_filter_get_type ())

G_DECLARE_FINAL_TYPE (OkcQueueFilter, okc_queue_filter, OKC, QUEUE_FILTER, GtkFilter)

OkcQueueFilter *okc_queue_filter_new         (OkcClock       *clock);
void            okc_queue_filter_set_folder  (OkcQueueFilter *self,
                                              OkcQueueFolder *folder);
void            okc_queue_filter_set_user_id (OkcQueueFilter *self,
                                              const char     *user_id);
void            okc_queue_filter_set_matches (OkcQueueFilter *self,
                                              GPtrArray      *ticket_ids);
gboolean        okc_queue_filter_is_searching (OkcQueueFilter *self);

G_END_DECLS
