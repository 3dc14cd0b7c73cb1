/* okc-event-stream.h — the backend's live events (GET /v1/events), reconnecting by itself
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-client.h"

G_BEGIN_DECLS

/**
 * OkcEventStreamState:
 * @OKC_EVENT_STREAM_STATE_DISCONNECTED: stopped, or waiting to try again
 * @OKC_EVENT_STREAM_STATE_CONNECTING: an attempt to connect is under way
 * @OKC_EVENT_STREAM_STATE_CONNECTED: the stream is open and events arrive
 */
typedef enum
{
  OKC_EVENT_STREAM_STATE_DISCONNECTED,
  OKC_EVENT_STREAM_STATE_CONNECTING,
  OKC_EVENT_STREAM_STATE_CONNECTED,
} OkcEventStreamState;

/* The wait before trying again doubles from the first to the last; a connect resets it. */
#define OKC_EVENT_STREAM_FIRST_RETRY_MS 500
#define OKC_EVENT_STREAM_LAST_RETRY_MS 30000

#define OKC_TYPE_EVENT_STREAM (okc_event_stream_get_type ())

G_DECLARE_FINAL_TYPE (OkcEventStream, okc_event_stream, OKC, EVENT_STREAM, GObject)

OkcEventStream      *okc_event_stream_new               (OkcClient      *client);
void                 okc_event_stream_start             (OkcEventStream *self);
void                 okc_event_stream_stop              (OkcEventStream *self);
OkcEventStreamState  okc_event_stream_get_state         (OkcEventStream *self);
const char          *okc_event_stream_get_last_event_id (OkcEventStream *self);
guint                okc_event_stream_get_n_malformed   (OkcEventStream *self);
guint                okc_event_stream_get_n_connects    (OkcEventStream *self);

G_END_DECLS
