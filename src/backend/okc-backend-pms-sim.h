/* okc-backend-pms-sim.h — the simulated property management systems (Guesty, Hospitable,
 * Track): a sync imports a property's bookings
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"

G_BEGIN_DECLS

/* How far ahead a sync imports bookings, in days. */
#define OKC_BACKEND_PMS_SYNC_DAYS 30

const char *okc_backend_pms_sim_provider_label (const char    *provider);
char       *okc_backend_pms_sim_token_error    (const char    *provider,
                                                gint64         expired_at,
                                                GTimeZone     *tz);
gboolean    okc_backend_pms_sim_run            (OkcBackendDb  *db,
                                                const char    *property_id,
                                                const char    *actor_id,
                                                gint64         now,
                                                gint64        *out_seq,
                                                GError       **error);

G_END_DECLS
