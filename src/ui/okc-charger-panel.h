/* okc-charger-panel.h — the fleet: the list of chargers beside the one chosen, in detail
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-charger-fleet.h"
#include "okc-charger-view.h"
#include "okc-client.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_CHARGER_PANEL (okc_charger_panel_get_type ())

G_DECLARE_FINAL_TYPE (OkcChargerPanel, okc_charger_panel, OKC, CHARGER_PANEL, GtkWidget)

void            okc_charger_panel_set_clock          (OkcChargerPanel *self,
                                                      OkcClock        *clock);
void            okc_charger_panel_set_client         (OkcChargerPanel *self,
                                                      OkcClient       *client);
void            okc_charger_panel_set_fleet          (OkcChargerPanel *self,
                                                      OkcChargerFleet *fleet);
void            okc_charger_panel_set_attention_only (OkcChargerPanel *self,
                                                      gboolean         attention_only);
void            okc_charger_panel_show_charger       (OkcChargerPanel *self,
                                                      const char      *charger_id);
OkcChargerView *okc_charger_panel_get_charger_view   (OkcChargerPanel *self);

G_END_DECLS
