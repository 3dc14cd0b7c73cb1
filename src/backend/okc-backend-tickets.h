/* okc-backend-tickets.h — tickets in the database: storing them, reading them as JSON
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"
#include "okc-core.h"

G_BEGIN_DECLS

/**
 * OkcBackendAttachmentRow:
 * @seq: the number of its id ("ATT-000044" → 44)
 * @sha256: the key of its bytes in the blobs table
 */
typedef struct
{
  gint64 seq;
  char *kind;
  char *filename;
  char *media_type;
  char *sha256;
  gint64 size;
} OkcBackendAttachmentRow;

/**
 * OkcBackendTicketEvent:
 * @kind: a timeline kind (status_changed, priority_changed, assigned)
 * @actor_id: (nullable): who made the change
 * @from: (nullable): the value before (a nick or a user id)
 * @to: (nullable): the value after
 *
 * A change a generated ticket went through, written to its timeline after "created".
 */
typedef struct
{
  const char *kind;
  gint64 at;
  char *actor_id;
  char *from;
  char *to;
} OkcBackendTicketEvent;

/**
 * OkcBackendTicketRow:
 * @seq: the number of its id ("TCK-000123" → 123)
 * @property_id: (nullable): the linked property
 * @charger_id: (nullable): the linked charger
 * @assignee_id: (nullable): the agent or supervisor who holds it
 * @fields: what the chatbot collected, valid for @topic
 * @messages: (element-type OkcMessage): the transcript, oldest first
 * @attachments: (element-type OkcBackendAttachmentRow): the images
 * @sla_clock: its SLA pauses; a waiting_customer ticket without a pause start is taken
 *   to have paused at @updated_at
 * @created_by: (nullable): the user who handed it off, for the "created" timeline entry
 * @events: (element-type OkcBackendTicketEvent): its later history, oldest first
 *
 * A ticket as the hand-off, the demo generator and the dataset import store it.
 */
typedef struct
{
  gint64 seq;
  const OkcTopic *topic;
  OkcTicketStatus status;
  OkcPriority priority;
  char *summary;
  OkcRequester requester;
  char *property_id;
  char *charger_id;
  char *assignee_id;
  JsonObject *fields;
  gint64 created_at;
  gint64 updated_at;
  gint64 version;
  GPtrArray *messages;
  GPtrArray *attachments;
  OkcSlaClock sla_clock;
  char *created_by;
  GPtrArray *events;
} OkcBackendTicketRow;

OkcBackendTicketRow *okc_backend_ticket_row_new   (void);
void                 okc_backend_ticket_row_free  (OkcBackendTicketRow *row);
OkcBackendAttachmentRow *okc_backend_ticket_row_add_attachment (OkcBackendTicketRow *row);
void                 okc_backend_ticket_row_add_event (OkcBackendTicketRow *row,
                                                       const char          *kind,
                                                       gint64               at,
                                                       const char          *actor_id,
                                                       const char          *from,
                                                       const char          *to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcBackendTicketRow, okc_backend_ticket_row_free)

char     *okc_backend_ticket_id_for_seq     (gint64        seq);
char     *okc_backend_attachment_id_for_seq (gint64        seq);
gboolean  okc_backend_id_parse_seq          (const char   *id,
                                             const char   *prefix,
                                             gint64       *out_seq);
int       okc_backend_priority_to_urgency   (OkcPriority   priority);

gint64    okc_backend_tickets_next_seq      (OkcBackendDb  *db,
                                             const char    *table,
                                             GError       **error);
gboolean  okc_backend_tickets_insert        (OkcBackendDb               *db,
                                             const OkcBackendTicketRow  *row,
                                             GError                    **error);

/* The SELECT whose rows okc_backend_tickets_encode_row() reads; append WHERE/ORDER BY. */
#define OKC_BACKEND_TICKET_SELECT                                                            \
  "SELECT t.seq, t.id, t.topic, t.status, t.priority, t.summary, t.requester_name, "           \
  "t.requester_email, t.requester_phone, t.requester_audience, t.property_id, p.name, "       \
  "t.charger_id, t.assignee_id, u.name, t.fields, t.created_at, t.updated_at, t.version, "    \
  "t.urgency, t.sla_due_at, t.sla_paused FROM tickets t LEFT JOIN properties p ON p.id = t.property_id "                  \
  "LEFT JOIN users u ON u.id = t.assignee_id"

typedef enum
{
  OKC_BACKEND_TICKET_COLUMN_SEQ,
  OKC_BACKEND_TICKET_COLUMN_CREATED_AT = 16,
  OKC_BACKEND_TICKET_COLUMN_UPDATED_AT = 17,
  OKC_BACKEND_TICKET_COLUMN_VERSION = 18,
  OKC_BACKEND_TICKET_COLUMN_URGENCY = 19,
  OKC_BACKEND_TICKET_COLUMN_SLA_DUE_AT = 20,
  OKC_BACKEND_TICKET_COLUMN_SLA_PAUSED = 21,
} OkcBackendTicketColumn;

JsonNode *okc_backend_tickets_encode_row    (OkcBackendDb    *db,
                                             OkcBackendStmt  *row,
                                             gboolean         with_sha256,
                                             GError         **error);
gboolean  okc_backend_tickets_backfill_sla  (OkcBackendDb  *db,
                                             GError       **error);
JsonNode *okc_backend_tickets_load          (OkcBackendDb  *db,
                                             const char    *id,
                                             GError       **error);

G_END_DECLS
