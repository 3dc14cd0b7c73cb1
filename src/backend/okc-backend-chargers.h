/* okc-backend-chargers.h — chargers, their history and commands as the API shows them
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"
#include "okc-charger-change.h"
#include "okc-charger-command.h"
#include "okc-core.h"

G_BEGIN_DECLS

OkcCharger        *okc_backend_chargers_load           (OkcBackendDb  *db,
                                                        const char    *id,
                                                        GError       **error);
OkcChargerCommand *okc_backend_chargers_load_command   (OkcBackendDb  *db,
                                                        gint64         seq,
                                                        GError       **error);
char              *okc_backend_chargers_command_id     (gint64         seq);
gboolean           okc_backend_chargers_parse_command_id (const char  *id,
                                                        gint64        *out_seq);
JsonNode          *okc_backend_chargers_history        (OkcBackendDb  *db,
                                                        const char    *charger_id,
                                                        guint          limit,
                                                        GError       **error);
JsonNode          *okc_backend_chargers_commands       (OkcBackendDb  *db,
                                                        const char    *charger_id,
                                                        guint          limit,
                                                        GError       **error);

/* The events of docs/chargers.md, recorded in the caller's transaction. */
gboolean           okc_backend_chargers_announce       (OkcBackendDb  *db,
                                                        const char    *charger_id,
                                                        gint64         now,
                                                        GError       **error);
gboolean           okc_backend_chargers_announce_command (OkcBackendDb *db,
                                                        gint64         seq,
                                                        gint64         now,
                                                        GError       **error);

G_END_DECLS
