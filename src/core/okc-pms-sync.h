/* okc-pms-sync.h — one sync of a property's bookings from its property management system
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"

G_BEGIN_DECLS

#define OKC_TYPE_PMS_SYNC (okc_pms_sync_get_type ())

G_DECLARE_FINAL_TYPE (OkcPmsSync, okc_pms_sync, OKC, PMS_SYNC, GObject)

/* The PmsSync of docs/actions.md, strict. */
OkcPmsSync        *okc_pms_sync_new_from_json           (JsonNode     *node,
                                                         const char   *path,
                                                         GError      **error);
JsonNode          *okc_pms_sync_to_json                 (OkcPmsSync   *self);

const char        *okc_pms_sync_get_id                  (OkcPmsSync   *self);
const char        *okc_pms_sync_get_property_id         (OkcPmsSync   *self);
gint64             okc_pms_sync_get_started_at          (OkcPmsSync   *self);
gint64             okc_pms_sync_get_finished_at         (OkcPmsSync   *self);
OkcPmsSyncOutcome  okc_pms_sync_get_outcome             (OkcPmsSync   *self);
gint64             okc_pms_sync_get_bookings_imported   (OkcPmsSync   *self);
gint64             okc_pms_sync_get_chargers_matched    (OkcPmsSync   *self);
const char        *okc_pms_sync_get_error               (OkcPmsSync   *self);
const char        *okc_pms_sync_get_requested_by_id     (OkcPmsSync   *self);
const char        *okc_pms_sync_get_requested_by_name   (OkcPmsSync   *self);

char              *okc_pms_sync_describe_outcome        (OkcPmsSync   *self);

G_END_DECLS
