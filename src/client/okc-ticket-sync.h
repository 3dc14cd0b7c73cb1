/* okc-ticket-sync.h — keeps the queue and the store up to date with the backend
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "okc-core.h"
#include "okc-client.h"
#include "okc-store.h"
#include "okc-ticket-queue.h"

G_BEGIN_DECLS

/**
 * OkcTicketSyncState:
 * @OKC_TICKET_SYNC_STATE_IDLE: not refreshing; the last refresh (if any) succeeded
 * @OKC_TICKET_SYNC_STATE_SYNCING: a refresh is running
 * @OKC_TICKET_SYNC_STATE_OFFLINE: the last refresh could not reach the backend or timed
 *   out; the queue shows what was known (see #OkcTicketSync:last-synced-at)
 * @OKC_TICKET_SYNC_STATE_UNAUTHORIZED: the backend no longer accepts the token: sign in
 *   again
 * @OKC_TICKET_SYNC_STATE_FAILED: the last refresh failed otherwise (see
 *   #OkcTicketSync:last-error)
 */
typedef enum
{
  OKC_TICKET_SYNC_STATE_IDLE,
  OKC_TICKET_SYNC_STATE_SYNCING,
  OKC_TICKET_SYNC_STATE_OFFLINE,
  OKC_TICKET_SYNC_STATE_UNAUTHORIZED,
  OKC_TICKET_SYNC_STATE_FAILED,
} OkcTicketSyncState;

#define OKC_TYPE_TICKET_SYNC (okc_ticket_sync_get_type ())

G_DECLARE_FINAL_TYPE (OkcTicketSync, okc_ticket_sync, OKC, TICKET_SYNC, GObject)

OkcTicketSync      *okc_ticket_sync_new                (OkcClient            *client,
                                                        OkcStore             *store,
                                                        OkcTicketQueue       *queue,
                                                        OkcClock             *clock);
OkcTicketSyncState  okc_ticket_sync_get_state          (OkcTicketSync        *self);
const GError       *okc_ticket_sync_get_last_error     (OkcTicketSync        *self);
gint64              okc_ticket_sync_get_last_synced_at (OkcTicketSync        *self);
guint               okc_ticket_sync_get_n_received     (OkcTicketSync        *self);
gint64              okc_ticket_sync_get_n_expected     (OkcTicketSync        *self);
guint               okc_ticket_sync_get_page_size      (OkcTicketSync        *self);
void                okc_ticket_sync_set_page_size      (OkcTicketSync        *self,
                                                        guint                 page_size);

void                okc_ticket_sync_load_cached_async  (OkcTicketSync        *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            okc_ticket_sync_load_cached_finish (OkcTicketSync        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

void                okc_ticket_sync_refresh_async      (OkcTicketSync        *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            okc_ticket_sync_refresh_finish     (OkcTicketSync        *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS

#include "okc-client-enum-types.h"
