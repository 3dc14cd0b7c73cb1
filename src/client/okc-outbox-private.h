/* okc-outbox-private.h — how the outbox moves an action along, and stores it
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-outbox.h"

G_BEGIN_DECLS

/* The action as a row of the store's outbox table, and back. A row that does not decode
 * (a body that is not JSON, an unknown state) gives NULL with an error. */
OkcStoreOutboxRow *okc_outbox_action_to_row       (OkcOutboxAction          *self);
OkcOutboxAction   *okc_outbox_action_new_from_row (const OkcStoreOutboxRow  *row,
                                                   GError                  **error);

void okc_outbox_action_set_sending  (OkcOutboxAction *self);
/* Back to pending after a failed attempt: @next_attempt_at 0 waits for a sign-in or
 * okc_outbox_retry_now(). @counts is whether the attempt counts (a cancelled one does not). */
void okc_outbox_action_set_pending  (OkcOutboxAction *self,
                                     gint64           next_attempt_at,
                                     gboolean         counts,
                                     const GError    *error);
void okc_outbox_action_set_done     (OkcOutboxAction *self,
                                     guint            http_status,
                                     JsonNode        *response,
                                     gint64           finished_at);
void okc_outbox_action_set_failed   (OkcOutboxAction *self,
                                     const GError    *error,
                                     gint64           finished_at);
/* Sends a pending action at @when, whatever its back-off. */
void okc_outbox_action_reschedule   (OkcOutboxAction *self,
                                     gint64           when);

G_END_DECLS
