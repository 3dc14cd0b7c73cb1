/* okc-charger-change.h — one entry of a charger's status history
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"

G_BEGIN_DECLS

#define OKC_TYPE_CHARGER_CHANGE (okc_charger_change_get_type ())

G_DECLARE_FINAL_TYPE (OkcChargerChange, okc_charger_change, OKC, CHARGER_CHANGE, GObject)

/* Connector 0 is the charger itself: @from and @to are then OkcChargerStatus values and
 * @error_code is NoError; otherwise they are OkcConnectorStatus values. */
OkcChargerChange    *okc_charger_change_new            (const char          *id,
                                                        gint64               at,
                                                        guint                connector_id,
                                                        int                  from,
                                                        int                  to,
                                                        OkcChargePointError  error_code,
                                                        const char          *info);
OkcChargerChange    *okc_charger_change_new_from_json  (JsonNode            *node,
                                                        const char          *path,
                                                        GError             **error);
JsonNode            *okc_charger_change_to_json        (OkcChargerChange    *self);
const char          *okc_charger_change_get_id         (OkcChargerChange    *self);
gint64               okc_charger_change_get_at         (OkcChargerChange    *self);
guint                okc_charger_change_get_connector_id (OkcChargerChange  *self);
int                  okc_charger_change_get_from       (OkcChargerChange    *self);
int                  okc_charger_change_get_to         (OkcChargerChange    *self);
OkcChargePointError  okc_charger_change_get_error_code (OkcChargerChange    *self);
const char          *okc_charger_change_get_info       (OkcChargerChange    *self);
/* "Connector 1: Charging → Faulted (ground failure)", "Charger: Online → Offline". */
char                *okc_charger_change_describe       (OkcChargerChange    *self);

G_END_DECLS
