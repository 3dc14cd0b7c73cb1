/* okc-ticket-private.h — the ticket's insides, shared with its codec
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-ticket.h"

G_BEGIN_DECLS

struct _OkcTicket
{
  GObject parent_instance;

  char *id;
  const OkcTopic *topic;
  OkcTicketStatus status;
  OkcPriority priority;
  char *summary;
  OkcRequester requester;
  char *property_id;
  char *linked_property_name;
  char *charger_id;
  char *assignee_id;
  char *assignee_name;
  JsonObject *fields;
  GListStore *attachments;
  GListStore *transcript;
  gint64 created_at;
  gint64 updated_at;
  gint64 version;
  gint64 sla_due_at;
  gboolean sla_paused;
  guint n_collected;
  guint n_required;
};

void _okc_ticket_count_collected (OkcTicket *self);

G_END_DECLS
