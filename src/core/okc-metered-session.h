/* okc-metered-session.h — what a charging session metered: its times and meter readings
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The longest session the engine bills: longer ones are a broken record, not a charge. */
#define OKC_METERED_SESSION_MAX_SECONDS (31 * 24 * 3600)

/**
 * OkcMeterSample:
 * @at: seconds since the epoch
 * @wh: the meter's register then, integer Wh (OCPP Energy.Active.Import.Register)
 *
 * One meter reading. A plain value.
 */
typedef struct
{
  gint64 at;
  gint64 wh;
} OkcMeterSample;

#define OKC_TYPE_METERED_SESSION (okc_metered_session_get_type ())

G_DECLARE_FINAL_TYPE (OkcMeteredSession, okc_metered_session, OKC, METERED_SESSION, GObject)

OkcMeteredSession    *okc_metered_session_new               (gint64              started_at,
                                                             gint64              charging_ended_at,
                                                             gint64              ended_at);
void                  okc_metered_session_add_sample        (OkcMeteredSession  *self,
                                                             gint64              at,
                                                             gint64              wh);
OkcMeteredSession    *okc_metered_session_new_from_json     (JsonNode           *node,
                                                             const char         *path,
                                                             GError            **error);
JsonNode             *okc_metered_session_to_json           (OkcMeteredSession  *self);
gboolean              okc_metered_session_validate          (OkcMeteredSession  *self,
                                                             GError            **error);
gint64                okc_metered_session_get_started_at    (OkcMeteredSession  *self);
gint64                okc_metered_session_get_charging_ended_at (OkcMeteredSession *self);
gint64                okc_metered_session_get_ended_at      (OkcMeteredSession  *self);
const OkcMeterSample *okc_metered_session_get_samples       (OkcMeteredSession  *self,
                                                             guint              *out_n);
gint64                okc_metered_session_get_energy_wh     (OkcMeteredSession  *self);

G_END_DECLS
