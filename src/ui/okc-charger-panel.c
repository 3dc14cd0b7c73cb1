/* okc-charger-panel.c — the fleet's list beside one charger's detail, following the fleet
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-charger-list-view.h"
#include "okc-charger-panel.h"
#include "okc-widget-util.h"

struct _OkcChargerPanel
{
  GtkWidget parent_instance;

  OkcChargerFleet *fleet;
  /* A charger asked for (win.show-charger) before the fleet had it. */
  char *pending_id;

  OkcChargerListView *list_view;
  OkcChargerView *charger_view;
};

G_DEFINE_FINAL_TYPE (OkcChargerPanel, okc_charger_panel, GTK_TYPE_WIDGET)

static void
update_state (OkcChargerPanel *self)
{
  okc_charger_list_view_set_loading (self->list_view,
                                     self->fleet != NULL && okc_charger_fleet_get_loading (self->fleet));
  okc_charger_list_view_set_problem (self->list_view,
                                     self->fleet != NULL ? okc_charger_fleet_get_error (self->fleet) : NULL);
}

static void
selected_charger_cb (OkcChargerPanel *self)
{
  OkcCharger *charger = okc_charger_list_view_get_selected_charger (self->list_view);

  /* A charger the filters hide stays on screen until the agent picks another. */
  if (charger != NULL)
    okc_charger_view_set_charger (self->charger_view, charger);
}

static void
charger_changed_cb (OkcChargerPanel *self,
                    OkcCharger      *charger)
{
  OkcCharger *shown = okc_charger_view_get_charger (self->charger_view);

  if (shown != NULL && g_str_equal (okc_charger_get_id (shown), okc_charger_get_id (charger)))
    okc_charger_view_set_charger (self->charger_view, charger);
}

static void
fleet_items_changed_cb (OkcChargerPanel *self)
{
  g_autofree char *pending = NULL;

  if (self->pending_id == NULL)
    return;
  pending = g_steal_pointer (&self->pending_id);
  okc_charger_panel_show_charger (self, pending);
}

/**
 * okc_charger_panel_show_charger:
 * @charger_id: the id of a charger
 *
 * Selects the charger and shows it in detail; one the fleet has not loaded yet is
 * shown once it has.
 */
void
okc_charger_panel_show_charger (OkcChargerPanel *self,
                                const char      *charger_id)
{
  OkcCharger *charger;

  g_return_if_fail (OKC_IS_CHARGER_PANEL (self));
  g_return_if_fail (charger_id != NULL);

  g_clear_pointer (&self->pending_id, g_free);
  if (okc_charger_list_view_select_charger (self->list_view, charger_id))
    return;
  charger = self->fleet != NULL ? okc_charger_fleet_lookup (self->fleet, charger_id) : NULL;
  if (charger != NULL)
    okc_charger_view_set_charger (self->charger_view, charger);
  else
    self->pending_id = g_strdup (charger_id);
}

/**
 * okc_charger_panel_set_fleet:
 * @fleet: (nullable): the signed-in account's chargers, %NULL when signed out
 */
void
okc_charger_panel_set_fleet (OkcChargerPanel *self,
                             OkcChargerFleet *fleet)
{
  g_return_if_fail (OKC_IS_CHARGER_PANEL (self));

  if (self->fleet == fleet)
    return;
  if (self->fleet != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->fleet, self);
      g_signal_handlers_disconnect_by_data (okc_charger_fleet_get_chargers (self->fleet), self);
    }
  g_set_object (&self->fleet, fleet);
  g_clear_pointer (&self->pending_id, g_free);
  okc_charger_view_set_charger (self->charger_view, NULL);
  okc_charger_view_set_fleet (self->charger_view, fleet);

  if (fleet != NULL)
    {
      g_signal_connect_object (fleet, "notify::loading", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (fleet, "notify::error", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (fleet, "charger-changed", G_CALLBACK (charger_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  okc_charger_list_view_set_model (self->list_view,
                                   fleet != NULL ? okc_charger_fleet_get_chargers (fleet) : NULL);
  /* After the list's own handler, so that a charger waited for is listed by then. */
  if (fleet != NULL)
    g_signal_connect_object (okc_charger_fleet_get_chargers (fleet), "items-changed",
                             G_CALLBACK (fleet_items_changed_cb), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_state (self);
}

/**
 * okc_charger_panel_set_attention_only:
 * @attention_only: %TRUE for the Needs Attention list, %FALSE for every charger
 */
void
okc_charger_panel_set_attention_only (OkcChargerPanel *self,
                                      gboolean         attention_only)
{
  g_return_if_fail (OKC_IS_CHARGER_PANEL (self));
  okc_charger_list_view_set_attention_only (self->list_view, attention_only);
}

/**
 * okc_charger_panel_set_clock:
 * @clock: what ages and the attention rules follow
 *
 * Called once, before the fleet is set.
 */
void
okc_charger_panel_set_clock (OkcChargerPanel *self,
                             OkcClock        *clock)
{
  g_return_if_fail (OKC_IS_CHARGER_PANEL (self));

  okc_charger_list_view_set_clock (self->list_view, clock);
  okc_charger_view_set_clock (self->charger_view, clock);
}

/**
 * okc_charger_panel_set_client:
 * @client: (nullable): what the detail page fetches history with
 */
void
okc_charger_panel_set_client (OkcChargerPanel *self,
                              OkcClient       *client)
{
  g_return_if_fail (OKC_IS_CHARGER_PANEL (self));
  okc_charger_view_set_client (self->charger_view, client);
}

/**
 * okc_charger_panel_get_charger_view:
 *
 * Returns: (transfer none): the detail page.
 */
OkcChargerView *
okc_charger_panel_get_charger_view (OkcChargerPanel *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_PANEL (self), NULL);
  return self->charger_view;
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OkcChargerPanel *self = OKC_CHARGER_PANEL (widget);

  if (self->fleet != NULL)
    okc_charger_fleet_refresh (self->fleet);
}

static void
okc_charger_panel_dispose (GObject *object)
{
  OkcChargerPanel *self = OKC_CHARGER_PANEL (object);

  if (self->fleet != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->fleet, self);
      g_signal_handlers_disconnect_by_data (okc_charger_fleet_get_chargers (self->fleet), self);
    }
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_CHARGER_PANEL);
  g_clear_object (&self->fleet);
  g_clear_pointer (&self->pending_id, g_free);

  G_OBJECT_CLASS (okc_charger_panel_parent_class)->dispose (object);
}

static void
okc_charger_panel_class_init (OkcChargerPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_charger_panel_dispose;

  g_type_ensure (OKC_TYPE_CHARGER_LIST_VIEW);
  g_type_ensure (OKC_TYPE_CHARGER_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-charger-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcChargerPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerPanel, charger_view);
  gtk_widget_class_bind_template_callback (widget_class, selected_charger_cb);

  gtk_widget_class_install_action (widget_class, "panel.refresh", NULL, refresh_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
okc_charger_panel_init (OkcChargerPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
