/* okc-charger-card.h — the charger a ticket is about, live: status, heartbeat, first error,
 * signal, the remote commands, and a way to the charger panel
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-charger-commands.h"
#include "okc-charger-fleet.h"
#include "okc-client.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_CHARGER_CARD (okc_charger_card_get_type ())

G_DECLARE_FINAL_TYPE (OkcChargerCard, okc_charger_card, OKC, CHARGER_CARD, GtkWidget)

GtkWidget          *okc_charger_card_new            (void);
void                okc_charger_card_set_client     (OkcChargerCard  *self,
                                                     OkcClient       *client);
void                okc_charger_card_set_fleet      (OkcChargerCard  *self,
                                                     OkcChargerFleet *fleet);
void                okc_charger_card_set_clock      (OkcChargerCard  *self,
                                                     OkcClock        *clock);
void                okc_charger_card_set_charger_id (OkcChargerCard  *self,
                                                     const char      *charger_id);
void                okc_charger_card_set_ticket_id  (OkcChargerCard  *self,
                                                     const char      *ticket_id);
OkcCharger         *okc_charger_card_get_charger    (OkcChargerCard  *self);
OkcChargerCommands *okc_charger_card_get_commands   (OkcChargerCard  *self);

G_END_DECLS
