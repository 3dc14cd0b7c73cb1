/* okc-charger-fleet.h — every charger of the network, kept live from the event stream
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-client.h"
#include "okc-client-chargers.h"
#include "okc-event-stream.h"

G_BEGIN_DECLS

#define OKC_TYPE_CHARGER_FLEET (okc_charger_fleet_get_type ())

G_DECLARE_FINAL_TYPE (OkcChargerFleet, okc_charger_fleet, OKC, CHARGER_FLEET, GObject)

OkcChargerFleet *okc_charger_fleet_new          (OkcClient        *client);
void             okc_charger_fleet_follow       (OkcChargerFleet  *self,
                                                 OkcEventStream   *stream);
void             okc_charger_fleet_refresh      (OkcChargerFleet  *self);
GListModel      *okc_charger_fleet_get_chargers (OkcChargerFleet  *self);
OkcCharger      *okc_charger_fleet_lookup       (OkcChargerFleet  *self,
                                                 const char       *id);
gboolean         okc_charger_fleet_get_loading  (OkcChargerFleet  *self);
gboolean         okc_charger_fleet_get_loaded   (OkcChargerFleet  *self);
const char      *okc_charger_fleet_get_error    (OkcChargerFleet  *self);

G_END_DECLS
