/* okc-backend-presence.h — who is looking at or answering which ticket, in memory
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-events.h"
#include "okc-core.h"

G_BEGIN_DECLS

/* How long an entry lasts after its last PUT, in seconds (docs/api.md). */
#define OKC_BACKEND_PRESENCE_DEFAULT_TTL 45

#define OKC_TYPE_BACKEND_PRESENCE (okc_backend_presence_get_type ())

G_DECLARE_FINAL_TYPE (OkcBackendPresence, okc_backend_presence, OKC, BACKEND_PRESENCE, GObject)

OkcBackendPresence *okc_backend_presence_new   (OkcBackendEvents   *events,
                                                guint               ttl_ms);
JsonNode           *okc_backend_presence_set   (OkcBackendPresence *self,
                                                const char         *ticket_id,
                                                OkcUser            *user,
                                                const char         *activity);
void                okc_backend_presence_clear (OkcBackendPresence *self,
                                                const char         *ticket_id,
                                                OkcUser            *user);
JsonNode           *okc_backend_presence_list  (OkcBackendPresence *self,
                                                const char         *ticket_id);

G_END_DECLS
