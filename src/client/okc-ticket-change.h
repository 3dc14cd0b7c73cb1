/* okc-ticket-change.h — what an agent changes on a ticket: status, priority, assignee
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-core.h"

G_BEGIN_DECLS

/**
 * OkcTicketChange:
 *
 * The body of PATCH /v1/tickets/{id}: only what was set is sent.
 */
typedef struct _OkcTicketChange OkcTicketChange;

OkcTicketChange *okc_ticket_change_new          (void);
void             okc_ticket_change_free         (OkcTicketChange *self);
void             okc_ticket_change_set_status   (OkcTicketChange *self,
                                                 OkcTicketStatus  status);
void             okc_ticket_change_set_priority (OkcTicketChange *self,
                                                 OkcPriority      priority);
void             okc_ticket_change_set_assignee (OkcTicketChange *self,
                                                 const char      *user_id);
gboolean         okc_ticket_change_is_empty     (const OkcTicketChange *self);
JsonNode        *okc_ticket_change_to_json      (const OkcTicketChange *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcTicketChange, okc_ticket_change_free)

G_END_DECLS
