/* okc-audit-detail.h — one audit entry for people: when, who, what in words, and what
 * it changed, before → after
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_AUDIT_DETAIL (okc_audit_detail_get_type ())

G_DECLARE_FINAL_TYPE (OkcAuditDetail, okc_audit_detail, OKC, AUDIT_DETAIL, GtkWidget)

GtkWidget     *okc_audit_detail_new       (OkcAuditEntry  *entry);
void           okc_audit_detail_set_entry (OkcAuditDetail *self,
                                           OkcAuditEntry  *entry);
OkcAuditEntry *okc_audit_detail_get_entry (OkcAuditDetail *self);

G_END_DECLS
