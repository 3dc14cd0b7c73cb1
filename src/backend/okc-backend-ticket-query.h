/* okc-backend-ticket-query.h — GET /v1/tickets: filters, sorts and keyset cursors
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-backend-db.h"

G_BEGIN_DECLS

#define OKC_BACKEND_TICKET_LIMIT_DEFAULT 100
#define OKC_BACKEND_TICKET_LIMIT_MAX 500

typedef enum
{
  OKC_BACKEND_TICKET_SORT_CREATED_DESC,
  OKC_BACKEND_TICKET_SORT_CREATED_ASC,
  OKC_BACKEND_TICKET_SORT_UPDATED_DESC,
  OKC_BACKEND_TICKET_SORT_UPDATED_ASC,
  OKC_BACKEND_TICKET_SORT_PRIORITY,
} OkcBackendTicketSort;

typedef struct _OkcBackendTicketQuery OkcBackendTicketQuery;

OkcBackendTicketQuery *okc_backend_ticket_query_new_from_params (GHashTable    *params,
                                                                 const char    *me_id,
                                                                 GError       **error);
void                   okc_backend_ticket_query_free            (OkcBackendTicketQuery *self);
JsonNode              *okc_backend_ticket_query_run             (OkcBackendTicketQuery *self,
                                                                 OkcBackendDb          *db,
                                                                 GError               **error);

char                  *okc_backend_ticket_cursor_encode         (OkcBackendTicketSort   sort,
                                                                 gint64                 key1,
                                                                 gint64                 key2,
                                                                 gint64                 seq);
gboolean               okc_backend_ticket_cursor_decode         (const char            *cursor,
                                                                 OkcBackendTicketSort   sort,
                                                                 gint64                *out_key1,
                                                                 gint64                *out_key2,
                                                                 gint64                *out_seq);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcBackendTicketQuery, okc_backend_ticket_query_free)

G_END_DECLS
