/* okc-sidebar.h — the queue's views and the fleet's pages, with their counts
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-outbox.h"
#include "okc-queue-folder.h"

G_BEGIN_DECLS

#define OKC_TYPE_SIDEBAR (okc_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (OkcSidebar, okc_sidebar, OKC, SIDEBAR, GtkWidget)

void            okc_sidebar_set_folders         (OkcSidebar *self,
                                                 GListModel *folders);
OkcQueueFolder *okc_sidebar_get_selected_folder (OkcSidebar *self);
void            okc_sidebar_select_folder       (OkcSidebar *self,
                                                 const char *folder_id);
void            okc_sidebar_set_outbox          (OkcSidebar *self,
                                                 OkcOutbox  *outbox);
void            okc_sidebar_set_user_name       (OkcSidebar *self,
                                                 const char *name);
const char     *okc_sidebar_get_fleet_page      (OkcSidebar *self);
void            okc_sidebar_select_fleet_page   (OkcSidebar *self,
                                                 const char *page);
void            okc_sidebar_set_reviews_shown   (OkcSidebar *self,
                                                 gboolean    shown);
void            okc_sidebar_set_review_count    (OkcSidebar *self,
                                                 guint       n_pending);
void            okc_sidebar_clear_fleet_counts  (OkcSidebar *self);
void            okc_sidebar_set_fleet_counts    (OkcSidebar *self,
                                                 guint       n_chargers,
                                                 guint       n_attention);

G_END_DECLS
