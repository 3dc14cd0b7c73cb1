/* okc-client-properties.h — charger lookup, properties and their PMS syncs from the
 * backend, and the actions that assign a charger and sync a PMS (topic 8)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-client.h"
#include "okc-outbox.h"
#include "okc-pms-sync.h"
#include "okc-property.h"

G_BEGIN_DECLS

void         okc_client_lookup_charger_async    (OkcClient           *self,
                                                 const char          *code,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
OkcCharger  *okc_client_lookup_charger_finish   (OkcClient           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* One page of GET /v1/properties. */
typedef struct
{
  GPtrArray *properties;    /* OkcProperty, by name */
  char *next_cursor;        /* NULL on the last page */
  gint64 total;
} OkcPropertyPage;

void             okc_property_page_free         (OkcPropertyPage     *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcPropertyPage, okc_property_page_free)

void             okc_client_list_properties_async  (OkcClient           *self,
                                                    const char          *query,
                                                    const char          *cursor,
                                                    guint                limit,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
OkcPropertyPage *okc_client_list_properties_finish (OkcClient           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             okc_client_get_property_async     (OkcClient           *self,
                                                    const char          *id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
OkcProperty     *okc_client_get_property_finish    (OkcClient           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             okc_client_list_pms_syncs_async   (OkcClient           *self,
                                                    const char          *property_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray       *okc_client_list_pms_syncs_finish  (OkcClient           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

OkcOutboxAction *okc_charger_assignment_action_new (const char          *charger_id,
                                                    const char          *charger_serial,
                                                    const char          *property_id,
                                                    const char          *property_name,
                                                    const char          *unit_id,
                                                    const char          *unit_name,
                                                    const char          *ticket_id);
OkcOutboxAction *okc_pms_sync_action_new           (const char          *property_id,
                                                    const char          *property_name,
                                                    const char          *ticket_id);

G_END_DECLS
