/* okc-ticket.h — a support ticket as the chatbot handed it off and agents work it
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "okc-enums.h"
#include "okc-requester.h"
#include "okc-topic.h"

G_BEGIN_DECLS

#define OKC_TYPE_TICKET (okc_ticket_get_type ())

G_DECLARE_FINAL_TYPE (OkcTicket, okc_ticket, OKC, TICKET, GObject)

/* A ticket is an immutable snapshot of one version: a change on the server arrives as a
 * new OkcTicket with a higher version, which replaces this one in the models. */

OkcTicket          *okc_ticket_new_from_json        (JsonNode            *node,
                                                     const char          *path,
                                                     GError             **error);
JsonNode           *okc_ticket_to_json              (OkcTicket           *self);

const char         *okc_ticket_get_id               (OkcTicket           *self);
const OkcTopic     *okc_ticket_get_topic            (OkcTicket           *self);
OkcTicketStatus     okc_ticket_get_status           (OkcTicket           *self);
OkcPriority         okc_ticket_get_priority         (OkcTicket           *self);
const char         *okc_ticket_get_summary          (OkcTicket           *self);
const OkcRequester *okc_ticket_get_requester        (OkcTicket           *self);
const char         *okc_ticket_get_property_id      (OkcTicket           *self);
const char         *okc_ticket_get_property_name    (OkcTicket           *self);
const char         *okc_ticket_get_charger_id       (OkcTicket           *self);
const char         *okc_ticket_get_assignee_id      (OkcTicket           *self);
const char         *okc_ticket_get_assignee_name    (OkcTicket           *self);
gint64              okc_ticket_get_created_at       (OkcTicket           *self);
gint64              okc_ticket_get_updated_at       (OkcTicket           *self);
gint64              okc_ticket_get_version          (OkcTicket           *self);
gint64              okc_ticket_get_sla_due_at       (OkcTicket           *self);
gboolean            okc_ticket_get_sla_paused       (OkcTicket           *self);
JsonObject         *okc_ticket_get_fields           (OkcTicket           *self);
GListModel         *okc_ticket_get_attachments      (OkcTicket           *self);
GListModel         *okc_ticket_get_transcript       (OkcTicket           *self);

JsonNode           *okc_ticket_get_field_value      (OkcTicket           *self,
                                                     const char          *key);
gboolean            okc_ticket_has_field            (OkcTicket           *self,
                                                     const OkcTopicField *field);
gboolean            okc_ticket_is_field_collected   (OkcTicket           *self,
                                                     const OkcTopicField *field);
guint               okc_ticket_get_n_collected      (OkcTicket           *self);
guint               okc_ticket_get_n_required       (OkcTicket           *self);
GPtrArray          *okc_ticket_list_missing_fields  (OkcTicket           *self);

G_END_DECLS
