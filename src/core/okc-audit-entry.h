/* okc-audit-entry.h — one line of the audit trail, and what it says in words
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"

G_BEGIN_DECLS

/**
 * OkcAuditChange:
 * @field: the member that changed, for people ("Status", "Review comment")
 * @before: its value before, in words; "—" when it had none
 * @after: its value after, in words; "—" when it has none
 */
typedef struct
{
  char *field;
  char *before;
  char *after;
} OkcAuditChange;

void okc_audit_change_free (OkcAuditChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcAuditChange, okc_audit_change_free)

#define OKC_TYPE_AUDIT_ENTRY (okc_audit_entry_get_type ())

G_DECLARE_FINAL_TYPE (OkcAuditEntry, okc_audit_entry, OKC, AUDIT_ENTRY, GObject)

/* The AuditEntry of docs/actions.md, strict. */
OkcAuditEntry *okc_audit_entry_new_from_json    (JsonNode       *node,
                                                 const char     *path,
                                                 GError        **error);

gint64         okc_audit_entry_get_seq          (OkcAuditEntry  *self);
gint64         okc_audit_entry_get_at           (OkcAuditEntry  *self);
/* NULL for the system (the payment processor, the simulator). */
const char    *okc_audit_entry_get_actor_id     (OkcAuditEntry  *self);
const char    *okc_audit_entry_get_actor_name   (OkcAuditEntry  *self);
OkcRole        okc_audit_entry_get_actor_role   (OkcAuditEntry  *self);
const char    *okc_audit_entry_get_action       (OkcAuditEntry  *self);
const char    *okc_audit_entry_get_target_kind  (OkcAuditEntry  *self);
const char    *okc_audit_entry_get_target_id    (OkcAuditEntry  *self);
const char    *okc_audit_entry_get_ticket_id    (OkcAuditEntry  *self);
JsonNode      *okc_audit_entry_get_before       (OkcAuditEntry  *self);
JsonNode      *okc_audit_entry_get_after        (OkcAuditEntry  *self);

/* "Morgan Blake approved refund RFD-000012 ($84.20): “matches the meter”" */
char          *okc_audit_entry_describe         (OkcAuditEntry  *self);
/* Who, for people: the actor's name, or "OK2Charge" for the system. */
const char    *okc_audit_entry_get_actor_label  (OkcAuditEntry  *self);
/* (element-type OkcAuditChange): the members that differ between before and after. */
GPtrArray     *okc_audit_entry_get_changes      (OkcAuditEntry  *self);

/* The kinds of action a person can filter by: "refund.", "charger.", …, with labels. */
const char    *okc_audit_action_kind_get_label  (const char     *prefix);
const char * const *okc_audit_action_kinds      (void);

G_END_DECLS
