/* okc-backend-ticket-workflow.h — versioned changes to a ticket, each with its timeline entry
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_BACKEND_WORKFLOW_ERROR (okc_backend_workflow_error_quark ())

/**
 * OkcBackendWorkflowError:
 * @OKC_BACKEND_WORKFLOW_ERROR_NOT_FOUND: no such ticket
 * @OKC_BACKEND_WORKFLOW_ERROR_VERSION_CONFLICT: the expected version is not the current one;
 *   the message says who changed it, when and what
 * @OKC_BACKEND_WORKFLOW_ERROR_REFUND_PENDING: resolving while a refund waits for approval
 */
typedef enum
{
  OKC_BACKEND_WORKFLOW_ERROR_NOT_FOUND,
  OKC_BACKEND_WORKFLOW_ERROR_VERSION_CONFLICT,
  OKC_BACKEND_WORKFLOW_ERROR_REFUND_PENDING,
} OkcBackendWorkflowError;

/* The longest note or reply, in characters. */
#define OKC_BACKEND_MAX_TEXT_LENGTH 20000

/**
 * OkcBackendTicketChange:
 * @assignee_id: (nullable): with @has_assignee, the new holder, %NULL to release
 * @entry_kind: (nullable): "note" or "reply" to record @text, %NULL for none
 */
typedef struct
{
  gboolean has_status;
  OkcTicketStatus status;
  gboolean has_priority;
  OkcPriority priority;
  gboolean has_assignee;
  char *assignee_id;
  const char *entry_kind;
  char *text;
} OkcBackendTicketChange;

GQuark    okc_backend_workflow_error_quark   (void);

void      okc_backend_ticket_change_clear    (OkcBackendTicketChange  *change);
gboolean  okc_backend_ticket_change_parse    (OkcBackendTicketChange  *change,
                                              JsonNode                *body,
                                              GError                 **error);
gboolean  okc_backend_ticket_change_parse_text (OkcBackendTicketChange *change,
                                                const char             *kind,
                                                JsonNode               *body,
                                                GError                **error);
gboolean  okc_backend_ticket_workflow_apply  (OkcBackendDb                  *db,
                                              const char                    *ticket_id,
                                              gint64                         expected_version,
                                              const OkcBackendTicketChange  *change,
                                              const char                    *actor_id,
                                              gint64                         now,
                                              gint64                        *out_entry_seq,
                                              GError                       **error);

gboolean  okc_backend_ticket_workflow_apply_within (OkcBackendDb                  *db,
                                                    const char                    *ticket_id,
                                                    const OkcBackendTicketChange  *change,
                                                    const char                    *actor_id,
                                                    gint64                         now,
                                                    GError                       **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OkcBackendTicketChange, okc_backend_ticket_change_clear)

G_END_DECLS
