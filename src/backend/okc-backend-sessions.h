/* okc-backend-sessions.h — charging sessions as the API shows them: the log's query, a
 * session's detail, its neighbours and its tariff (docs/sessions.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-backend-db.h"
#include "okc-charging-session.h"
#include "okc-tariff.h"

G_BEGIN_DECLS

#define OKC_BACKEND_SESSION_LIMIT_DEFAULT 100
#define OKC_BACKEND_SESSION_LIMIT_MAX 500
/* Far past any real log; keeps the offset inside SQLite's integers and the walk bounded. */
#define OKC_BACKEND_SESSION_OFFSET_MAX 100000000
/* The most neighbours a detail carries (docs/sessions.md). */
#define OKC_BACKEND_SESSION_NEIGHBOURS_MAX 50

typedef struct _OkcBackendSessionQuery OkcBackendSessionQuery;

/* GET /v1/sessions's query; an OKC_DATA_ERROR naming the bad member otherwise. */
OkcBackendSessionQuery *okc_backend_session_query_new_from_params (GHashTable    *params,
                                                                   GError       **error);
void                    okc_backend_session_query_free            (OkcBackendSessionQuery *self);
/* { "items": [summary…], "offset", "total" } */
JsonNode               *okc_backend_session_query_run             (OkcBackendSessionQuery *self,
                                                                   OkcBackendDb           *db,
                                                                   GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcBackendSessionQuery, okc_backend_session_query_free)

/* A summary, or with @with_detail its meter samples and billed breakdown. NULL without
 * @error when there is no such session. */
OkcChargingSession *okc_backend_sessions_load       (OkcBackendDb        *db,
                                                     const char          *id,
                                                     gboolean             with_detail,
                                                     GError             **error);
/* (element-type OkcChargingSession): the other sessions on @session's charger that started
 * within OKC_SESSION_NEIGHBOUR_WINDOW_SECONDS before it started or after it ended, by
 * started_at, at most OKC_BACKEND_SESSION_NEIGHBOURS_MAX, each a detail (samples, billed). */
GPtrArray          *okc_backend_sessions_neighbours (OkcBackendDb        *db,
                                                     OkcChargingSession  *session,
                                                     GError             **error);
/* The stored tariff document, checked by core; NULL without @error when there is none. */
OkcTariff          *okc_backend_sessions_load_tariff (OkcBackendDb       *db,
                                                      const char         *id,
                                                      GError            **error);

gboolean            okc_backend_sessions_load_evidence  (OkcBackendDb        *db,
                                                         const char          *id,
                                                         OkcChargingSession **out_session,
                                                         OkcTariff          **out_tariff,
                                                         GPtrArray          **out_neighbours,
                                                         GError             **error);
JsonNode           *okc_backend_sessions_detail_to_json (OkcChargingSession  *session,
                                                         OkcTariff           *tariff,
                                                         GPtrArray           *neighbours);

G_END_DECLS
