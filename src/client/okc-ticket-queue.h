/* okc-ticket-queue.h — the open tickets in triage order, as a GListModel
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_TICKET_QUEUE (okc_ticket_queue_get_type ())

G_DECLARE_FINAL_TYPE (OkcTicketQueue, okc_ticket_queue, OKC, TICKET_QUEUE, GObject)

OkcTicketQueue *okc_ticket_queue_new          (void);
void            okc_ticket_queue_apply        (OkcTicketQueue *self,
                                               GPtrArray      *tickets);
OkcTicket      *okc_ticket_queue_lookup       (OkcTicketQueue *self,
                                               const char     *id);
gboolean        okc_ticket_queue_find         (OkcTicketQueue *self,
                                               const char     *id,
                                               guint          *out_position);
void            okc_ticket_queue_retain       (OkcTicketQueue *self,
                                               GHashTable     *ids);
void            okc_ticket_queue_remove_all   (OkcTicketQueue *self);
int             okc_ticket_queue_compare      (OkcTicket      *a,
                                               OkcTicket      *b);

G_END_DECLS
