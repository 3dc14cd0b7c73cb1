/* okc-charger-access.h — whether one customer account may use one charger, and why
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-access-grant.h"
#include "okc-enums.h"

G_BEGIN_DECLS

#define OKC_TYPE_CHARGER_ACCESS (okc_charger_access_get_type ())

G_DECLARE_FINAL_TYPE (OkcChargerAccess, okc_charger_access, OKC, CHARGER_ACCESS, GObject)

OkcChargerAccess *okc_charger_access_new             (const char        *charger_id,
                                                      OkcAccessReason    reason,
                                                      const char        *account_id,
                                                      const char        *account_name,
                                                      const char        *account_email);
OkcChargerAccess *okc_charger_access_new_from_json   (JsonNode          *node,
                                                      const char        *path,
                                                      GError           **error);
JsonNode         *okc_charger_access_to_json         (OkcChargerAccess  *self);
const char       *okc_charger_access_get_charger_id  (OkcChargerAccess  *self);
OkcAccessReason   okc_charger_access_get_reason      (OkcChargerAccess  *self);
gboolean          okc_charger_access_get_allowed     (OkcChargerAccess  *self);
const char       *okc_charger_access_get_account_id    (OkcChargerAccess *self);
const char       *okc_charger_access_get_account_name  (OkcChargerAccess *self);
const char       *okc_charger_access_get_account_email (OkcChargerAccess *self);
const char       *okc_charger_access_get_explanation (OkcChargerAccess  *self);
void              okc_charger_access_set_grant       (OkcChargerAccess  *self,
                                                      OkcAccessGrant    *grant);
OkcAccessGrant   *okc_charger_access_get_grant       (OkcChargerAccess  *self);

gboolean          okc_access_reason_allows           (OkcAccessReason    reason);
const char       *okc_charger_policy_get_label       (OkcChargerPolicy   policy);
const char       *okc_access_reason_get_explanation  (OkcAccessReason    reason);

G_END_DECLS
