/* okc-client-statement.h — a host's statement for a period, from the backend
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-client.h"
#include "okc-statement.h"

G_BEGIN_DECLS

void          okc_client_get_statement_async  (OkcClient           *self,
                                               const char          *account_id,
                                               const char          *from,
                                               const char          *to,
                                               const char          *property_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
OkcStatement *okc_client_get_statement_finish (OkcClient           *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
