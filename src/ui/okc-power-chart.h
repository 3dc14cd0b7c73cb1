/* okc-power-chart.h — a session's power over time from its meter samples
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_POWER_CHART (okc_power_chart_get_type ())

/* Average power between samples as steps; charging in the accent colour, plugged-in idle
 * time hatched grey, the billed idle period marked; axes in kW and local time. Its
 * accessible description says the same in words ("Charged 2 h 10 min, up to 7.2 kW;
 * idle 35 min"). */
G_DECLARE_FINAL_TYPE (OkcPowerChart, okc_power_chart, OKC, POWER_CHART, GtkWidget)

GtkWidget *okc_power_chart_new         (void);
/* @charging_ended_at: when the meter says charging ended (okc_session_audit_get_charging_ended_at);
 * @time_zone: the tariff's, for the time axis. */
void       okc_power_chart_set_session (OkcPowerChart      *self,
                                        OkcChargingSession *session,
                                        gint64              charging_ended_at,
                                        GTimeZone          *time_zone);

G_END_DECLS
