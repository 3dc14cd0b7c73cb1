/* okc-queue-folder.h — a view of the queue: all open, unassigned, mine, breaching SLA,
 * waiting for the customer, a topic
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_QUEUE_FOLDER (okc_queue_folder_get_type ())

G_DECLARE_FINAL_TYPE (OkcQueueFolder, okc_queue_folder, OKC, QUEUE_FOLDER, GObject)

typedef enum
{
  OKC_QUEUE_FOLDER_ALL_OPEN,
  OKC_QUEUE_FOLDER_UNASSIGNED,
  OKC_QUEUE_FOLDER_MINE,
  OKC_QUEUE_FOLDER_BREACHING,
  OKC_QUEUE_FOLDER_WAITING_CUSTOMER,
  OKC_QUEUE_FOLDER_TOPIC,
} OkcQueueFolderKind;

GListStore     *okc_queue_folder_list_standard (void);

const char     *okc_queue_folder_get_id        (OkcQueueFolder *self);
const char     *okc_queue_folder_get_title     (OkcQueueFolder *self);
const char     *okc_queue_folder_get_icon_name (OkcQueueFolder *self);
OkcQueueFolderKind okc_queue_folder_get_kind   (OkcQueueFolder *self);
const OkcTopic *okc_queue_folder_get_topic     (OkcQueueFolder *self);
guint           okc_queue_folder_get_count     (OkcQueueFolder *self);
void            okc_queue_folder_set_count     (OkcQueueFolder *self,
                                                guint           count);
gboolean        okc_queue_folder_matches       (OkcQueueFolder *self,
                                                OkcTicket      *ticket,
                                                const char     *user_id,
                                                gint64          now);
gboolean        okc_queue_folder_depends_on_time (OkcQueueFolder *self);
void            okc_queue_folder_count_all     (GListModel     *folders,
                                                GListModel     *tickets,
                                                const char     *user_id,
                                                gint64          now);

G_END_DECLS
