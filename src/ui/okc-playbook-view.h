/* okc-playbook-view.h — the article's steps for the ticket's topic, beside the live
 * evidence that says which one applies
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-client.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_PLAYBOOK_VIEW (okc_playbook_view_get_type ())

G_DECLARE_FINAL_TYPE (OkcPlaybookView, okc_playbook_view, OKC, PLAYBOOK_VIEW, GtkWidget)

void okc_playbook_view_set_client (OkcPlaybookView *self,
                                   OkcClient       *client);
void okc_playbook_view_set_clock  (OkcPlaybookView *self,
                                   OkcClock        *clock);
void okc_playbook_view_set_ticket (OkcPlaybookView *self,
                                   OkcTicket       *ticket);
void okc_playbook_view_set_charger (OkcPlaybookView *self,
                                    OkcCharger      *charger);

G_END_DECLS
