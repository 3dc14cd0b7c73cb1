/* okc-ticket-query.h — the filters and order of a GET /v1/tickets listing
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "okc-core.h"

G_BEGIN_DECLS

/**
 * OkcTicketSort:
 * @OKC_TICKET_SORT_DEFAULT: the backend's default (newest created first)
 * @OKC_TICKET_SORT_CREATED_AT: oldest created first
 * @OKC_TICKET_SORT_CREATED_AT_DESC: newest created first
 * @OKC_TICKET_SORT_UPDATED_AT: least recently updated first
 * @OKC_TICKET_SORT_UPDATED_AT_DESC: most recently updated first
 * @OKC_TICKET_SORT_PRIORITY: most urgent first, then oldest
 */
typedef enum
{
  OKC_TICKET_SORT_DEFAULT,
  OKC_TICKET_SORT_CREATED_AT,
  OKC_TICKET_SORT_CREATED_AT_DESC,
  OKC_TICKET_SORT_UPDATED_AT,
  OKC_TICKET_SORT_UPDATED_AT_DESC,
  OKC_TICKET_SORT_PRIORITY,
} OkcTicketSort;

#define OKC_TYPE_TICKET_QUERY (okc_ticket_query_get_type ())

typedef struct _OkcTicketQuery OkcTicketQuery;

GType           okc_ticket_query_get_type     (void) G_GNUC_CONST;
OkcTicketQuery *okc_ticket_query_new          (void);
OkcTicketQuery *okc_ticket_query_copy         (const OkcTicketQuery *self);
void            okc_ticket_query_free         (OkcTicketQuery       *self);

void            okc_ticket_query_add_status   (OkcTicketQuery       *self,
                                               OkcTicketStatus       status);
void            okc_ticket_query_add_open_statuses (OkcTicketQuery  *self);
void            okc_ticket_query_add_topic    (OkcTicketQuery       *self,
                                               const char           *topic_id);
void            okc_ticket_query_add_priority (OkcTicketQuery       *self,
                                               OkcPriority           priority);
void            okc_ticket_query_set_assignee (OkcTicketQuery       *self,
                                               const char           *assignee);
void            okc_ticket_query_set_since    (OkcTicketQuery       *self,
                                               gint64                since);
gint64          okc_ticket_query_get_since    (const OkcTicketQuery *self);
void            okc_ticket_query_set_sort     (OkcTicketQuery       *self,
                                               OkcTicketSort         sort);
void            okc_ticket_query_set_limit    (OkcTicketQuery       *self,
                                               guint                 limit);
char           *okc_ticket_query_to_string    (const OkcTicketQuery *self,
                                               const char           *cursor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcTicketQuery, okc_ticket_query_free)

G_END_DECLS
