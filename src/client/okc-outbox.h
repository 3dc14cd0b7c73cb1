/* okc-outbox.h — actions written down before they are sent, sent until the backend
 * confirms them, once (docs/actions.md, "The outbox")
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-client.h"
#include "okc-store.h"

G_BEGIN_DECLS

/**
 * OkcOutboxState:
 * @OKC_OUTBOX_STATE_PENDING: written, not confirmed; waiting for its next attempt
 * @OKC_OUTBOX_STATE_SENDING: a request is in flight
 * @OKC_OUTBOX_STATE_DONE: the backend answered 2xx; okc_outbox_action_get_response()
 * @OKC_OUTBOX_STATE_FAILED: the backend refused it; never retried
 */
typedef enum
{
  OKC_OUTBOX_STATE_PENDING,   /*< nick=pending >*/
  OKC_OUTBOX_STATE_SENDING,   /*< nick=sending >*/
  OKC_OUTBOX_STATE_DONE,      /*< nick=done >*/
  OKC_OUTBOX_STATE_FAILED,    /*< nick=failed >*/
} OkcOutboxState;

/* One action: what to send, and how far it got. Its properties notify as it changes. */
#define OKC_TYPE_OUTBOX_ACTION (okc_outbox_action_get_type ())

G_DECLARE_FINAL_TYPE (OkcOutboxAction, okc_outbox_action, OKC, OUTBOX_ACTION, GObject)

/* @kind is the audit action it performs ("refund.create", "charger.access_grant"…; see
 * docs/actions.md), @summary what the agent sees ("Refund $12.40 on SES-0001234"). @body
 * may be NULL (no body). A new action gets a new idempotency key (a UUID). */
OkcOutboxAction *okc_outbox_action_new             (const char       *kind,
                                                    const char       *method,
                                                    const char       *path,
                                                    JsonNode         *body,
                                                    const char       *ticket_id,
                                                    const char       *summary);
const char      *okc_outbox_action_get_key         (OkcOutboxAction  *self);
const char      *okc_outbox_action_get_kind        (OkcOutboxAction  *self);
const char      *okc_outbox_action_get_method      (OkcOutboxAction  *self);
const char      *okc_outbox_action_get_path        (OkcOutboxAction  *self);
JsonNode        *okc_outbox_action_get_body        (OkcOutboxAction  *self);
const char      *okc_outbox_action_get_ticket_id   (OkcOutboxAction  *self);
const char      *okc_outbox_action_get_summary     (OkcOutboxAction  *self);
gint64           okc_outbox_action_get_created_at  (OkcOutboxAction  *self);
OkcOutboxState   okc_outbox_action_get_state       (OkcOutboxAction  *self);
guint            okc_outbox_action_get_attempts    (OkcOutboxAction  *self);
/* Unix seconds of the next attempt of a pending action; 0 when it waits for nothing
 * but a connection or a sign-in. */
gint64           okc_outbox_action_get_next_attempt_at (OkcOutboxAction *self);
/* The last attempt's error, a sentence for a person (a failed action's is the backend's
 * refusal); NULL when there was none. */
const GError    *okc_outbox_action_get_error       (OkcOutboxAction  *self);
/* The backend's answer of a done action (the first answer, or its replay). */
JsonNode        *okc_outbox_action_get_response    (OkcOutboxAction  *self);
guint            okc_outbox_action_get_http_status (OkcOutboxAction  *self);

/* The outbox: a GListModel of the OkcOutboxAction that are not done (pending, sending or
 * failed), oldest first; a done action leaves the list after its "action-finished".
 *
 * Signals: "action-finished" (OkcOutboxAction *action), when an action becomes done or
 * failed; a view that submitted an action waits for it (compare the pointer or the key). */
#define OKC_TYPE_OUTBOX (okc_outbox_get_type ())

G_DECLARE_FINAL_TYPE (OkcOutbox, okc_outbox, OKC, OUTBOX, GObject)

/* @store must be open. Call okc_outbox_start() to load what an earlier run left unsent
 * and begin sending. */
OkcOutbox *okc_outbox_new                (OkcClient           *client,
                                          OkcStore            *store);
void       okc_outbox_start              (OkcOutbox           *self);
/* Stops sending (sign-out, window closed); what is unsent stays in the store. */
void       okc_outbox_stop               (OkcOutbox           *self);

/* Writes @action to the store and, once written, sends it. Completes when the action is
 * written (not when it is sent): an error here means nothing was recorded and the agent
 * must be told. The result arrives later as "action-finished". */
void       okc_outbox_submit_async       (OkcOutbox           *self,
                                          OkcOutboxAction     *action,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean   okc_outbox_submit_finish      (OkcOutbox           *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* Sends every pending action now, whatever its back-off (the connection came back, or
 * the agent asked). */
void       okc_outbox_retry_now          (OkcOutbox           *self);
/* Removes a failed action from the outbox and the store. */
void       okc_outbox_discard            (OkcOutbox           *self,
                                          OkcOutboxAction     *action);
/* Whether a 401 stopped the sending until the agent signs in again ("waiting-for-sign-in"
 * notifies). */
gboolean   okc_outbox_is_waiting_for_sign_in (OkcOutbox       *self);
/* The actions not done: pending, sending and failed ("n-unsent" notifies). */
guint      okc_outbox_get_n_unsent       (OkcOutbox           *self);
/* The actions of a ticket not done, oldest first (transfer container). */
GPtrArray *okc_outbox_list_for_ticket    (OkcOutbox           *self,
                                          const char          *ticket_id);

/* Seconds to wait before attempt @attempts + 1 after @attempts failed ones: 1, 2, 4 …
 * doubled up to 300. */
guint      okc_outbox_backoff_delay      (guint                attempts);

G_END_DECLS
