/* okc-audit-view.h — the supervisors' Audit Trail: every action, filtered and paged
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-client.h"

G_BEGIN_DECLS

#define OKC_TYPE_AUDIT_VIEW (okc_audit_view_get_type ())

/* A GtkColumnView of GET /v1/audit, newest first, a page at a time as one scrolls down;
 * filtered by person (the team of GET /v1/users), kind of action and From/To days (local);
 * the selected entry's before and after in the pane beside. Loads when it is shown. */
G_DECLARE_FINAL_TYPE (OkcAuditView, okc_audit_view, OKC, AUDIT_VIEW, GtkWidget)

void okc_audit_view_set_client (OkcAuditView *self,
                                OkcClient    *client);
void okc_audit_view_reload     (OkcAuditView *self);

G_END_DECLS
