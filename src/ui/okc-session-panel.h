/* okc-session-panel.h — the session log (Billing → Sessions): filters, columns, detail
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-charger-fleet.h"
#include "okc-client.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_SESSION_PANEL (okc_session_panel_get_type ())

/* A GtkColumnView over OkcSessionLog with filters (charger, property, account, date range)
 * and sortable columns; activating a row shows its OkcSessionView beside the list. */
G_DECLARE_FINAL_TYPE (OkcSessionPanel, okc_session_panel, OKC, SESSION_PANEL, GtkWidget)

void okc_session_panel_set_client    (OkcSessionPanel *self,
                                      OkcClient       *client);
/* The fleet gives the property filter its choices and charger ids their names. */
void okc_session_panel_set_fleet     (OkcSessionPanel *self,
                                      OkcChargerFleet *fleet);
/* Shows the log filtered to this charger (NULL for all) and opens @session_id if non-NULL. */
void okc_session_panel_show          (OkcSessionPanel *self,
                                      const char      *charger_id,
                                      const char      *session_id);

/* A refund.updated event, for the session shown. */
void okc_session_panel_refund_updated (OkcSessionPanel *self,
                                       OkcRefund       *refund);

G_END_DECLS
