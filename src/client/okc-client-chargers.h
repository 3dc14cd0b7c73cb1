/* okc-client-chargers.h — chargers and their access verdicts, from the backend
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-client.h"

G_BEGIN_DECLS

void              okc_client_get_charger_async         (OkcClient           *self,
                                                        const char          *id,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
OkcCharger       *okc_client_get_charger_finish        (OkcClient           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void              okc_client_get_charger_access_async  (OkcClient           *self,
                                                        const char          *charger_id,
                                                        const char          *account,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
OkcChargerAccess *okc_client_get_charger_access_finish (OkcClient           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
