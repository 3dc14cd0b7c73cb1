/* okc-backend-audit.h — the audit trail: who did what to what, and when
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-backend-db.h"

G_BEGIN_DECLS

gboolean okc_backend_audit_record (OkcBackendDb  *db,
                                   gint64         at,
                                   const char    *actor_id,
                                   const char    *action,
                                   const char    *target_kind,
                                   const char    *target_id,
                                   const char    *ticket_id,
                                   JsonNode      *before,
                                   JsonNode      *after,
                                   GError       **error);

G_END_DECLS
