/* okc-backend-access.h — who may charge where: policies, access lists, bookings, verdicts
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"
#include "okc-core.h"

G_BEGIN_DECLS

/* An account as the access routes name it. */
typedef struct
{
  char *id;
  char *name;
  char *email;
  gboolean deleted; /* its personal data erased: it can no longer sign in or charge */
} OkcBackendAccount;

void     okc_backend_account_clear          (OkcBackendAccount  *account);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OkcBackendAccount, okc_backend_account_clear)

gboolean okc_backend_access_find_account    (OkcBackendDb       *db,
                                             const char         *charger_id,
                                             const char         *contact,
                                             OkcBackendAccount  *out,
                                             GError            **error);

OkcAccessGrant   *okc_backend_access_load_grant  (OkcBackendDb  *db,
                                                  const char    *charger_id,
                                                  const char    *account_id,
                                                  GError       **error);
JsonNode         *okc_backend_access_list_grants (OkcBackendDb  *db,
                                                  const char    *charger_id,
                                                  GError       **error);
OkcBooking       *okc_backend_access_load_booking (OkcBackendDb *db,
                                                   const char   *booking_id,
                                                   GError      **error);
JsonNode         *okc_backend_access_list_bookings (OkcBackendDb *db,
                                                    const char   *account_id,
                                                    GError      **error);
OkcChargerAccess *okc_backend_access_judge       (OkcBackendDb            *db,
                                                  OkcCharger              *charger,
                                                  const OkcBackendAccount *account,
                                                  gint64                   now,
                                                  GError                 **error);

/* The actions, each in its own transaction with its audit record and `charger.updated`. */
gboolean          okc_backend_access_set_policy  (OkcBackendDb     *db,
                                                  const char       *actor_id,
                                                  const char       *charger_id,
                                                  OkcChargerPolicy  policy,
                                                  const char       *ticket_id,
                                                  gint64            now,
                                                  GError          **error);
OkcAccessGrant   *okc_backend_access_grant       (OkcBackendDb     *db,
                                                  const char       *actor_id,
                                                  OkcAccessGrant   *grant,
                                                  gint64            now,
                                                  GError          **error);
OkcAccessGrant   *okc_backend_access_revoke      (OkcBackendDb     *db,
                                                  const char       *actor_id,
                                                  const char       *charger_id,
                                                  const char       *account_id,
                                                  const char       *ticket_id,
                                                  gint64            now,
                                                  GError          **error);

G_END_DECLS
