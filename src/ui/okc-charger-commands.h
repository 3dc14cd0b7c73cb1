/* okc-charger-commands.h — the remote operations an agent can send a charger, each enabled
 * only when the charger can take it, and the charger's recent commands as they progress
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-charger-command.h"
#include "okc-charger-fleet.h"
#include "okc-client.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_CHARGER_COMMANDS (okc_charger_commands_get_type ())

G_DECLARE_FINAL_TYPE (OkcChargerCommands, okc_charger_commands, OKC, CHARGER_COMMANDS, GtkWidget)

GtkWidget  *okc_charger_commands_new           (void);
void        okc_charger_commands_set_client    (OkcChargerCommands *self,
                                                OkcClient          *client);
void        okc_charger_commands_set_fleet     (OkcChargerCommands *self,
                                                OkcChargerFleet    *fleet);
void        okc_charger_commands_set_clock     (OkcChargerCommands *self,
                                                OkcClock           *clock);
void        okc_charger_commands_set_charger   (OkcChargerCommands *self,
                                                OkcCharger         *charger);
void        okc_charger_commands_set_ticket_id (OkcChargerCommands *self,
                                                const char         *ticket_id);
void        okc_charger_commands_set_compact   (OkcChargerCommands *self,
                                                gboolean            compact);
void        okc_charger_commands_run           (OkcChargerCommands *self,
                                                OkcCommandKind      kind,
                                                guint               connector_id);

G_END_DECLS
