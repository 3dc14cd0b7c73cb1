/* okc-charger-view.h — one charger in detail: status, heartbeat, network, connectors, history
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-charger-fleet.h"
#include "okc-client.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_CHARGER_VIEW (okc_charger_view_get_type ())

G_DECLARE_FINAL_TYPE (OkcChargerView, okc_charger_view, OKC, CHARGER_VIEW, GtkWidget)

void        okc_charger_view_set_client       (OkcChargerView *self,
                                               OkcClient      *client);
void        okc_charger_view_set_clock        (OkcChargerView *self,
                                               OkcClock       *clock);
void        okc_charger_view_set_charger      (OkcChargerView *self,
                                               OkcCharger     *charger);
OkcCharger *okc_charger_view_get_charger      (OkcChargerView *self);
void        okc_charger_view_refresh_history  (OkcChargerView *self);
void        okc_charger_view_set_fleet        (OkcChargerView  *self,
                                               OkcChargerFleet *fleet);

G_END_DECLS
