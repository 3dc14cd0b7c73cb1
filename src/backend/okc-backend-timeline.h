/* okc-backend-timeline.h — a ticket's timeline: what changed, when and by whom
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"
#include "okc-core.h"

G_BEGIN_DECLS

gboolean  okc_backend_timeline_append          (OkcBackendDb  *db,
                                                gint64         ticket_seq,
                                                const char    *kind,
                                                gint64         at,
                                                const char    *actor_id,
                                                const char    *text,
                                                const char    *from,
                                                const char    *to,
                                                gint64        *out_seq,
                                                GError       **error);
JsonNode *okc_backend_timeline_load_entry      (OkcBackendDb  *db,
                                                gint64         event_seq,
                                                GError       **error);
JsonNode *okc_backend_timeline_list            (OkcBackendDb  *db,
                                                gint64         ticket_seq,
                                                GError       **error);
char     *okc_backend_timeline_describe_latest (OkcBackendDb  *db,
                                                gint64         ticket_seq,
                                                GError       **error);

G_END_DECLS
