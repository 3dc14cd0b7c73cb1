/* okc-client-access.h — a charger's access list, an account's bookings, and the outbox
 * actions that change access (docs/actions.md, "Charger access")
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-client.h"
#include "okc-core.h"
#include "okc-outbox.h"

G_BEGIN_DECLS

void       okc_client_list_access_grants_async    (OkcClient           *self,
                                                   const char          *charger_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray *okc_client_list_access_grants_finish   (OkcClient           *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

void       okc_client_list_account_bookings_async  (OkcClient           *self,
                                                    const char          *account_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray *okc_client_list_account_bookings_finish (OkcClient           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* The actions, for okc_outbox_submit_async(); their answers decode with the functions
 * below. @ticket_id may be NULL. */
OkcOutboxAction *okc_access_policy_action_new  (const char        *charger_id,
                                                OkcChargerPolicy   policy,
                                                const char        *ticket_id);
OkcOutboxAction *okc_access_grant_action_new   (OkcAccessGrant    *grant,
                                                const char        *ticket_id);
OkcOutboxAction *okc_access_revoke_action_new  (const char        *charger_id,
                                                const char        *account_id,
                                                const char        *account_name,
                                                const char        *ticket_id);

OkcAccessGrant  *okc_access_action_decode_grant (OkcOutboxAction  *action,
                                                 GError          **error);

G_END_DECLS
