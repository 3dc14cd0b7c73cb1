/* okc-backend-fleet-sim-driver.h — runs the simulated fleet on the server's main loop
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"
#include "okc-backend-events.h"

G_BEGIN_DECLS

/* The chargers' HeartbeatInterval unless --heartbeat-interval says otherwise. */
#define OKC_BACKEND_DEFAULT_HEARTBEAT_INTERVAL 60

#define OKC_TYPE_BACKEND_FLEET_SIM_DRIVER (okc_backend_fleet_sim_driver_get_type ())

G_DECLARE_FINAL_TYPE (OkcBackendFleetSimDriver, okc_backend_fleet_sim_driver, OKC,
                      BACKEND_FLEET_SIM_DRIVER, GObject)

OkcBackendFleetSimDriver *okc_backend_fleet_sim_driver_new          (OkcBackendDb     *db,
                                                                     OkcBackendEvents *events);
void                      okc_backend_fleet_sim_driver_set_activity (OkcBackendFleetSimDriver *self,
                                                                     gboolean          activity);
void                      okc_backend_fleet_sim_driver_start        (OkcBackendFleetSimDriver *self);
gboolean                  okc_backend_fleet_sim_driver_tick         (OkcBackendFleetSimDriver *self,
                                                                     gint64            now,
                                                                     GError          **error);

G_END_DECLS
