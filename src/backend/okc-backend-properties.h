/* okc-backend-properties.h — properties, their units and chargers, and charger lookup
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-backend-db.h"

G_BEGIN_DECLS

/* The prefix of a charger's QR label: the label's text is this and the charger's id. */
#define OKC_BACKEND_QR_PREFIX "https://ok2charge.example/c/"

char     *okc_backend_properties_lookup_charger (OkcBackendDb  *db,
                                                 const char    *code,
                                                 GError       **error);
JsonNode *okc_backend_properties_load           (OkcBackendDb  *db,
                                                 const char    *id,
                                                 gboolean       with_members,
                                                 GError       **error);
JsonNode *okc_backend_properties_list           (OkcBackendDb  *db,
                                                 const char    *query,
                                                 const char    *after_name,
                                                 guint          limit,
                                                 GError       **error);
JsonNode *okc_backend_properties_sync_to_json   (OkcBackendDb  *db,
                                                 gint64         seq,
                                                 GError       **error);
JsonNode *okc_backend_properties_syncs          (OkcBackendDb  *db,
                                                 const char    *property_id,
                                                 guint          limit,
                                                 GError       **error);
char     *okc_backend_properties_sync_id        (gint64         seq);

G_END_DECLS
