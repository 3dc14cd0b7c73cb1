/* okc-backend-fleet-sim-private.h — what the simulator's state machine and its commands
 * share
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-fleet-sim.h"

G_BEGIN_DECLS

guint32  okc_sim_random_next            (OkcSimCharger       *self);
guint32  okc_sim_random_below           (OkcSimCharger       *self,
                                         guint32              bound);
void     okc_sim_connector_report       (OkcSimCharger       *self,
                                         OkcSimConnector     *c,
                                         OkcConnectorStatus   status,
                                         OkcChargePointError  error_code,
                                         const char          *vendor_error_code,
                                         const char          *info,
                                         gint64               now);
void     okc_sim_connector_report_idle  (OkcSimCharger       *self,
                                         OkcSimConnector     *c,
                                         gint64               now);
void     okc_sim_connector_end_session  (OkcSimCharger       *self,
                                         OkcSimConnector     *c,
                                         const char          *stop_reason,
                                         gint64               now);
void     okc_sim_charger_set_signal     (OkcSimCharger       *self,
                                         int                  signal);
void     okc_sim_charger_refresh_led    (OkcSimCharger       *self);
void     okc_sim_charger_settle         (OkcSimCharger       *self,
                                         gint64               now);
void     okc_sim_charger_heartbeat      (OkcSimCharger       *self,
                                         gint64               now);
void     okc_sim_charger_boot           (OkcSimCharger       *self,
                                         gint64               now);
void     okc_sim_charger_reboot         (OkcSimCharger       *self,
                                         guint                seconds,
                                         gint64               now);

G_END_DECLS
