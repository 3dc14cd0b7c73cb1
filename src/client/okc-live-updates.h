/* okc-live-updates.h — the event stream applied to the queue and the store
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-client.h"
#include "okc-event-stream.h"
#include "okc-store.h"
#include "okc-ticket-queue.h"
#include "okc-ticket-sync.h"

G_BEGIN_DECLS

#define OKC_TYPE_LIVE_UPDATES (okc_live_updates_get_type ())

G_DECLARE_FINAL_TYPE (OkcLiveUpdates, okc_live_updates, OKC, LIVE_UPDATES, GObject)

OkcLiveUpdates *okc_live_updates_new              (OkcClient      *client,
                                                   OkcEventStream *stream,
                                                   OkcTicketQueue *queue,
                                                   OkcStore       *store,
                                                   OkcTicketSync  *sync);
guint           okc_live_updates_get_n_applied    (OkcLiveUpdates *self);
guint           okc_live_updates_get_n_refreshes  (OkcLiveUpdates *self);

G_END_DECLS
