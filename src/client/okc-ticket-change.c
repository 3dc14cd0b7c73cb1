/* okc-ticket-change.c — what an agent changes on a ticket: status, priority, assignee
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "okc-ticket-change.h"

struct _OkcTicketChange
{
  gboolean has_status;
  OkcTicketStatus status;
  gboolean has_priority;
  OkcPriority priority;
  gboolean has_assignee;
  char *assignee_id;
};

/**
 * okc_ticket_change_new:
 *
 * Returns: (transfer full): a change that changes nothing yet.
 */
OkcTicketChange *
okc_ticket_change_new (void)
{
  return g_new0 (OkcTicketChange, 1);
}

void
okc_ticket_change_free (OkcTicketChange *self)
{
  if (self == NULL)
    return;
  g_free (self->assignee_id);
  g_free (self);
}

/**
 * okc_ticket_change_set_status:
 *
 * Moves the ticket to @status (resolving, reopening, waiting for the customer).
 */
void
okc_ticket_change_set_status (OkcTicketChange *self,
                              OkcTicketStatus  status)
{
  g_return_if_fail (self != NULL);
  self->has_status = TRUE;
  self->status = status;
}

/**
 * okc_ticket_change_set_priority:
 *
 * Sets the priority; the backend recomputes the SLA due time.
 */
void
okc_ticket_change_set_priority (OkcTicketChange *self,
                                OkcPriority      priority)
{
  g_return_if_fail (self != NULL);
  self->has_priority = TRUE;
  self->priority = priority;
}

/**
 * okc_ticket_change_set_assignee:
 * @user_id: (nullable): who is to hold the ticket (yourself to claim it, a colleague to
 *   assign it), or %NULL to release it
 */
void
okc_ticket_change_set_assignee (OkcTicketChange *self,
                                const char      *user_id)
{
  g_return_if_fail (self != NULL);
  self->has_assignee = TRUE;
  g_free (self->assignee_id);
  self->assignee_id = g_strdup (user_id);
}

/**
 * okc_ticket_change_is_empty:
 *
 * Returns: whether nothing was set (the backend refuses an empty change).
 */
gboolean
okc_ticket_change_is_empty (const OkcTicketChange *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return !self->has_status && !self->has_priority && !self->has_assignee;
}

/**
 * okc_ticket_change_to_json:
 *
 * Returns: (transfer full): the PATCH body.
 */
JsonNode *
okc_ticket_change_to_json (const OkcTicketChange *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  if (self->has_status)
    okc_json_builder_add_string (builder, "status",
                                 okc_enum_to_nick (OKC_TYPE_TICKET_STATUS, self->status));
  if (self->has_priority)
    okc_json_builder_add_string (builder, "priority",
                                 okc_enum_to_nick (OKC_TYPE_PRIORITY, self->priority));
  if (self->has_assignee)
    okc_json_builder_add_string (builder, "assignee_id", self->assignee_id);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
