/* okc-backend-schema.h — the tables of the backend's database and their migrations
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "okc-backend-db.h"
#include "okc-cost-breakdown.h"
#include "okc-metered-session.h"

G_BEGIN_DECLS

const char * const *okc_backend_schema_get_migrations (guint *n_migrations);
const char * const *okc_backend_schema_get_tables     (guint *n_tables);

/* An ended session as the sessions and session_meter tables keep it (schema v5). */
typedef struct
{
  const char *id;
  const char *charger_id;
  guint connector_id;             /* 1 or 2 */
  const char *account_id;
  const char *tariff_id;
  const char *outcome;            /* completed, interrupted, failed_to_start */
  const char *stop_reason;        /* OCPP 1.6: EVDisconnected, Remote, ... */
  OkcMeteredSession *meter;       /* its times and samples */
  OkcCostBreakdown *billed;       /* what it billed: the total and currency */
} OkcBackendSessionRow;

gboolean            okc_backend_schema_upgrade_v5     (OkcBackendDb  *db,
                                                       GError       **error);
gboolean            okc_backend_schema_insert_session (OkcBackendDb                *db,
                                                       const OkcBackendSessionRow  *row,
                                                       GError                     **error);
char               *okc_backend_schema_format_samples (OkcMeteredSession *meter);
OkcMeteredSession  *okc_backend_schema_parse_samples  (const char  *text,
                                                       gint64       started_at,
                                                       gint64       charging_ended_at,
                                                       gint64       ended_at,
                                                       GError     **error);
gboolean            okc_backend_schema_map_v4_reason  (const char   *reason,
                                                       const char  **out_outcome,
                                                       const char  **out_stop_reason);

G_END_DECLS
