/* okc-charging-session.h — a charging session as the backend recorded and billed it
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-cost-breakdown.h"
#include "okc-enums.h"
#include "okc-metered-session.h"
#include "okc-money.h"

G_BEGIN_DECLS

#define OKC_TYPE_CHARGING_SESSION (okc_charging_session_get_type ())

G_DECLARE_FINAL_TYPE (OkcChargingSession, okc_charging_session, OKC, CHARGING_SESSION, GObject)

/* The Session of docs/sessions.md, strict: a summary (no samples, no billed lines) or a
 * detail. `neighbours` and `tariff` of a detail are not part of it (okc-client-sessions.h
 * reads them). Invalid members are OKC_DATA_ERROR naming @path's member. */
OkcChargingSession *okc_charging_session_new_from_json (JsonNode            *node,
                                                        const char          *path,
                                                        GError             **error);
/* A summary, or the detail with samples and billed when they are known. */
JsonNode           *okc_charging_session_to_json       (OkcChargingSession  *self,
                                                        gboolean             with_detail);

/* Builds one in code (the backend, tests): the summary members; the derived ones
 * (duration, idle seconds) follow from the times. */
OkcChargingSession *okc_charging_session_new           (const char          *id,
                                                        const char          *charger_id,
                                                        guint                connector_id,
                                                        const char          *account_id,
                                                        gint64               started_at,
                                                        gint64               charging_ended_at,
                                                        gint64               ended_at,
                                                        gint64               energy_wh,
                                                        const OkcMoney      *billed_total,
                                                        OkcSessionOutcome    outcome,
                                                        OkcStopReason        stop_reason);
void                okc_charging_session_set_names     (OkcChargingSession  *self,
                                                        const char          *property_id,
                                                        const char          *property_name,
                                                        const char          *account_name,
                                                        const char          *tariff_id);
/* The detail: meter samples (the session's own times stay) and the billed breakdown,
 * whose total must be billed_total. */
void                okc_charging_session_set_meter     (OkcChargingSession  *self,
                                                        OkcMeteredSession   *meter);
gboolean            okc_charging_session_set_billed    (OkcChargingSession  *self,
                                                        OkcCostBreakdown    *billed,
                                                        GError             **error);

const char         *okc_charging_session_get_id               (OkcChargingSession *self);
const char         *okc_charging_session_get_charger_id       (OkcChargingSession *self);
guint               okc_charging_session_get_connector_id     (OkcChargingSession *self);
const char         *okc_charging_session_get_property_id      (OkcChargingSession *self);
const char         *okc_charging_session_get_property_name    (OkcChargingSession *self);
const char         *okc_charging_session_get_account_id       (OkcChargingSession *self);
const char         *okc_charging_session_get_account_name     (OkcChargingSession *self);
const char         *okc_charging_session_get_tariff_id        (OkcChargingSession *self);
gint64              okc_charging_session_get_started_at       (OkcChargingSession *self);
/* 0 when energy never flowed. */
gint64              okc_charging_session_get_charging_ended_at (OkcChargingSession *self);
gint64              okc_charging_session_get_ended_at         (OkcChargingSession *self);
gint64              okc_charging_session_get_duration_seconds (OkcChargingSession *self);
gint64              okc_charging_session_get_energy_wh        (OkcChargingSession *self);
gint64              okc_charging_session_get_idle_seconds     (OkcChargingSession *self);
void                okc_charging_session_get_billed_total     (OkcChargingSession *self,
                                                               OkcMoney           *out);
OkcSessionOutcome   okc_charging_session_get_outcome          (OkcChargingSession *self);
OkcStopReason       okc_charging_session_get_stop_reason      (OkcChargingSession *self);
/* NULL on a summary. */
OkcMeteredSession  *okc_charging_session_get_meter            (OkcChargingSession *self);
OkcCostBreakdown   *okc_charging_session_get_billed           (OkcChargingSession *self);

/* Translated labels: "Completed", "EV disconnected". */
const char         *okc_session_outcome_get_label (OkcSessionOutcome outcome);
const char         *okc_stop_reason_get_label     (OkcStopReason     reason);

G_END_DECLS
