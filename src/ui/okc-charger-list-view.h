/* okc-charger-list-view.h — the fleet's chargers, searched and filtered by property and state
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_CHARGER_LIST_VIEW (okc_charger_list_view_get_type ())

G_DECLARE_FINAL_TYPE (OkcChargerListView, okc_charger_list_view, OKC, CHARGER_LIST_VIEW, GtkWidget)

void        okc_charger_list_view_set_clock          (OkcChargerListView *self,
                                                      OkcClock           *clock);
void        okc_charger_list_view_set_model          (OkcChargerListView *self,
                                                      GListModel         *chargers);
void        okc_charger_list_view_set_attention_only (OkcChargerListView *self,
                                                      gboolean            attention_only);
gboolean    okc_charger_list_view_get_attention_only (OkcChargerListView *self);
void        okc_charger_list_view_set_loading        (OkcChargerListView *self,
                                                      gboolean            loading);
void        okc_charger_list_view_set_problem        (OkcChargerListView *self,
                                                      const char         *problem);
OkcCharger *okc_charger_list_view_get_selected_charger (OkcChargerListView *self);
gboolean    okc_charger_list_view_select_charger     (OkcChargerListView *self,
                                                      const char         *charger_id);
guint       okc_charger_list_view_count_attention    (GListModel         *chargers,
                                                      gint64              now);

G_END_DECLS
