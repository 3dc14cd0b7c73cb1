/* okc-queue-view.h — the list of tickets in the chosen view
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_QUEUE_VIEW (okc_queue_view_get_type ())

G_DECLARE_FINAL_TYPE (OkcQueueView, okc_queue_view, OKC, QUEUE_VIEW, GtkWidget)

void       okc_queue_view_set_clock           (OkcQueueView *self,
                                               OkcClock     *clock);
void       okc_queue_view_set_model           (OkcQueueView *self,
                                               GListModel   *tickets);
OkcTicket *okc_queue_view_get_selected_ticket (OkcQueueView *self);
gboolean   okc_queue_view_select_ticket       (OkcQueueView *self,
                                               const char   *ticket_id);
gboolean   okc_queue_view_move_selection      (OkcQueueView *self,
                                               int           delta);
void       okc_queue_view_scroll_to_selection (OkcQueueView *self);
void       okc_queue_view_set_title           (OkcQueueView *self,
                                               const char   *title);
void       okc_queue_view_set_status          (OkcQueueView *self,
                                               const char   *status);
void       okc_queue_view_set_busy            (OkcQueueView *self,
                                               gboolean      busy);
void       okc_queue_view_set_problem         (OkcQueueView *self,
                                               const char   *problem,
                                               const char   *detail);
const char *okc_queue_view_get_search_text    (OkcQueueView *self);
void       okc_queue_view_start_search        (OkcQueueView *self);
void       okc_queue_view_stop_search         (OkcQueueView *self);
void       okc_queue_view_set_team            (OkcQueueView *self,
                                               GPtrArray    *users);
GPtrArray *okc_queue_view_get_bulk_selection  (OkcQueueView *self);
void       okc_queue_view_end_selection_mode  (OkcQueueView *self);

G_END_DECLS
