/* okc-access-grant.h — one entry of a charger's access list, maybe for a booking's dates
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"

G_BEGIN_DECLS

#define OKC_TYPE_ACCESS_GRANT (okc_access_grant_get_type ())

G_DECLARE_FINAL_TYPE (OkcAccessGrant, okc_access_grant, OKC, ACCESS_GRANT, GObject)

OkcAccessGrant *okc_access_grant_new               (const char      *charger_id,
                                                    const char      *account_id,
                                                    const char      *account_name,
                                                    const char      *account_email);
void            okc_access_grant_set_dates         (OkcAccessGrant  *self,
                                                    gint64           valid_from,
                                                    gint64           valid_to);
void            okc_access_grant_set_booking_id    (OkcAccessGrant  *self,
                                                    const char      *booking_id);
void            okc_access_grant_set_granted       (OkcAccessGrant  *self,
                                                    const char      *by_id,
                                                    const char      *by_name,
                                                    gint64           at);
void            okc_access_grant_set_ticket_id     (OkcAccessGrant  *self,
                                                    const char      *ticket_id);

OkcAccessGrant *okc_access_grant_new_from_json     (JsonNode        *node,
                                                    const char      *path,
                                                    GError         **error);
JsonNode       *okc_access_grant_to_json           (OkcAccessGrant  *self);

const char     *okc_access_grant_get_charger_id    (OkcAccessGrant  *self);
const char     *okc_access_grant_get_account_id    (OkcAccessGrant  *self);
const char     *okc_access_grant_get_account_name  (OkcAccessGrant  *self);
const char     *okc_access_grant_get_account_email (OkcAccessGrant  *self);
gint64          okc_access_grant_get_valid_from    (OkcAccessGrant  *self);
gint64          okc_access_grant_get_valid_to      (OkcAccessGrant  *self);
const char     *okc_access_grant_get_booking_id    (OkcAccessGrant  *self);
const char     *okc_access_grant_get_granted_by_id (OkcAccessGrant  *self);
const char     *okc_access_grant_get_granted_by_name (OkcAccessGrant *self);
gint64          okc_access_grant_get_granted_at    (OkcAccessGrant  *self);
const char     *okc_access_grant_get_ticket_id     (OkcAccessGrant  *self);

OkcAccessReason okc_access_grant_judge             (OkcAccessGrant  *self,
                                                    gint64           now);

G_END_DECLS
