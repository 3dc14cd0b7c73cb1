/* okc-client-private.h — knobs for the client's own tests
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-client.h"
#include "okc-event-stream.h"

G_BEGIN_DECLS

/* The default cap on the size of an answer's body. */
#define OKC_CLIENT_DEFAULT_MAX_BODY_SIZE ((gsize) 64 * 1024 * 1024)

void okc_client_set_max_body_size (OkcClient *self,
                                   gsize      max_body_size);

/* For calls that live in their own file (okc-client-chargers.c): an authenticated call
 * answered with a JSON document, through the client's one request path, decoded in a
 * worker thread by @decode (which must only touch @root). */
typedef gpointer (*OkcClientDecoder) (JsonNode  *root,
                                      gint64     server_time,
                                      GError   **error);

void     okc_client_call_json_async   (OkcClient           *self,
                                       const char          *method,
                                       const char          *path,
                                       const char          *query,
                                       JsonNode            *body,
                                       OkcClientDecoder     decode,
                                       GDestroyNotify       result_free,
                                       gpointer             source_tag,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gpointer okc_client_propagate_pointer (OkcClient           *self,
                                       GAsyncResult        *result,
                                       gpointer             source_tag,
                                       GError             **error);

/* An action's answer: its 2xx status and its document. */
typedef struct
{
  guint status;
  JsonNode *root;
} OkcClientAnswer;

void             okc_client_answer_free            (OkcClientAnswer     *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcClientAnswer, okc_client_answer_free)

/* An action sent with its Idempotency-Key (docs/actions.md, "Idempotency keys"). */
void             okc_client_call_idempotent_async  (OkcClient           *self,
                                                    const char          *method,
                                                    const char          *path,
                                                    JsonNode            *body,
                                                    const char          *idempotency_key,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
OkcClientAnswer *okc_client_call_idempotent_finish (OkcClient           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* The event stream's parser, fed one line at a time. */
void okc_event_stream_process_line (OkcEventStream *self,
                                    const char     *line);

G_END_DECLS
