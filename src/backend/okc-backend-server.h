/* okc-backend-server.h — the HTTP server: routing, authentication, roles and errors
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "okc-backend-db.h"
#include "okc-backend-request.h"

G_BEGIN_DECLS

#define OKC_TYPE_BACKEND_SERVER (okc_backend_server_get_type ())

G_DECLARE_FINAL_TYPE (OkcBackendServer, okc_backend_server, OKC, BACKEND_SERVER, GObject)

/**
 * OkcBackendRouteFlags:
 * @OKC_BACKEND_ROUTE_JSON_BODY: the route takes a JSON body, parsed into
 *   #OkcBackendRequest.body before the handler runs (415 and 400 otherwise)
 * @OKC_BACKEND_ROUTE_IDEMPOTENT: the route performs an action and takes an
 *   `Idempotency-Key` header (docs/actions.md): the handler runs inside one
 *   transaction with its stored answer, and a repeated key replays that answer
 */
typedef enum
{
  OKC_BACKEND_ROUTE_NONE = 0,
  OKC_BACKEND_ROUTE_JSON_BODY = 1 << 0,
  OKC_BACKEND_ROUTE_IDEMPOTENT = 1 << 1,
} OkcBackendRouteFlags;

OkcBackendServer *okc_backend_server_new       (OkcBackendDb          *db);
void              okc_backend_server_add_route (OkcBackendServer      *self,
                                                const char            *method,
                                                const char            *pattern,
                                                guint                  access,
                                                OkcBackendRouteFlags   flags,
                                                OkcBackendHandler      handler);
void              okc_backend_server_set_presence_ttl (OkcBackendServer *self,
                                                       guint             ttl_ms);
void              okc_backend_server_enable_simulator_control (OkcBackendServer *self);
gboolean          okc_backend_server_start_fleet (OkcBackendServer    *self,
                                                  guint                heartbeat_interval,
                                                  gboolean             activity,
                                                  GError             **error);
gboolean          okc_backend_server_listen    (OkcBackendServer      *self,
                                                GSocketAddress        *address,
                                                GError               **error);
char             *okc_backend_server_get_url   (OkcBackendServer      *self);

G_END_DECLS
