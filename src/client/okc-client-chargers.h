/* okc-client-chargers.h — chargers and their access verdicts, from the backend
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-charger-change.h"
#include "okc-charger-command.h"
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

/* One page of GET /v1/chargers. */
typedef struct
{
  GPtrArray *chargers;      /* OkcCharger, by id */
  char *next_cursor;        /* NULL on the last page */
  gint64 total;
} OkcChargerPage;

void              okc_charger_page_free               (OkcChargerPage      *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcChargerPage, okc_charger_page_free)

void              okc_client_list_chargers_async       (OkcClient           *self,
                                                        const char          *property_id,
                                                        const char          *cursor,
                                                        guint                limit,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
OkcChargerPage   *okc_client_list_chargers_finish      (OkcClient           *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void              okc_client_get_charger_history_async (OkcClient           *self,
                                                        const char          *charger_id,
                                                        guint                limit,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GPtrArray        *okc_client_get_charger_history_finish (OkcClient          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void              okc_client_send_charger_command_async (OkcClient          *self,
                                                        OkcChargerCommand   *command,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
OkcChargerCommand *okc_client_send_charger_command_finish (OkcClient        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
void              okc_client_list_charger_commands_async (OkcClient         *self,
                                                        const char          *charger_id,
                                                        guint                limit,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GPtrArray        *okc_client_list_charger_commands_finish (OkcClient        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
