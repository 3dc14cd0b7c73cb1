/* okc-window-fleet.c — the window's fleet: the chargers panel, its sidebar pages and counts,
 * and opening a charger from elsewhere (win.show-charger)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-charger-list-view.h"
#include "okc-window-private.h"

static gboolean
recount_cb (gpointer user_data)
{
  OkcWindow *self = user_data;
  GListModel *chargers;

  self->fleet_recount_idle_id = 0;
  if (self->fleet == NULL || !okc_charger_fleet_get_loaded (self->fleet))
    return G_SOURCE_REMOVE;

  chargers = okc_charger_fleet_get_chargers (self->fleet);
  okc_sidebar_set_fleet_counts (self->sidebar, g_list_model_get_n_items (chargers),
                                okc_charger_list_view_count_attention (chargers,
                                                                       okc_clock_get_now (self->clock)));
  return G_SOURCE_REMOVE;
}

/* Counting is a pass over the fleet: once a burst of events has settled, and as the clock
 * ticks, since chargers come to need attention with time alone. */
static void
fleet_changed_cb (OkcWindow *self)
{
  if (self->fleet_recount_idle_id == 0)
    self->fleet_recount_idle_id = g_idle_add_full (G_PRIORITY_LOW, recount_cb, self, NULL);
}

/**
 * okc_window_fleet_start:
 *
 * Creates the signed-in account's fleet and follows the window's event stream with it:
 * called once the stream exists.
 */
void
okc_window_fleet_start (OkcWindow *self)
{
  g_return_if_fail (self->fleet == NULL);
  g_return_if_fail (self->events != NULL);

  self->fleet = okc_charger_fleet_new (self->client);
  okc_charger_fleet_follow (self->fleet, self->events);
  g_signal_connect_object (okc_charger_fleet_get_chargers (self->fleet), "items-changed",
                           G_CALLBACK (fleet_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fleet, "notify::loaded", G_CALLBACK (fleet_changed_cb), self,
                           G_CONNECT_SWAPPED);
  okc_charger_panel_set_client (self->charger_panel, self->client);
  okc_charger_panel_set_fleet (self->charger_panel, self->fleet);
  okc_ticket_view_set_fleet (self->ticket_view, self->fleet);
  /* At once, not when the panel is first shown: a ticket's charger card and playbook
   * follow the live charger from the fleet, and the sidebar counts what needs attention. */
  okc_charger_fleet_refresh (self->fleet);
}

/**
 * okc_window_fleet_stop:
 *
 * Drops the fleet at sign-out.
 */
void
okc_window_fleet_stop (OkcWindow *self)
{
  g_clear_handle_id (&self->fleet_recount_idle_id, g_source_remove);
  okc_charger_panel_set_fleet (self->charger_panel, NULL);
  okc_ticket_view_set_fleet (self->ticket_view, NULL);
  okc_charger_panel_set_client (self->charger_panel, NULL);
  if (self->fleet != NULL)
    {
      g_signal_handlers_disconnect_by_data (okc_charger_fleet_get_chargers (self->fleet), self);
      g_signal_handlers_disconnect_by_data (self->fleet, self);
    }
  g_clear_object (&self->fleet);
  okc_sidebar_clear_fleet_counts (self->sidebar);
}

/**
 * okc_window_fleet_page_changed:
 *
 * Shows the chargers panel when the agent chose a page of the fleet in the sidebar.
 */
void
okc_window_fleet_page_changed (OkcWindow *self)
{
  const char *page = okc_sidebar_get_fleet_page (self->sidebar);

  if (page == NULL)
    return; /* a queue view was chosen: folder_selected_cb shows the tickets */

  okc_charger_panel_set_attention_only (self->charger_panel, g_str_equal (page, "attention"));
  gtk_stack_set_visible_child_name (self->content_stack, "chargers");
}

/**
 * okc_window_fleet_refresh:
 *
 * Fetches the chargers again (Ctrl+R on the chargers panel).
 */
void
okc_window_fleet_refresh (OkcWindow *self)
{
  if (self->fleet == NULL)
    return;
  okc_charger_fleet_refresh (self->fleet);
}

/**
 * okc_window_show_charger:
 * @charger_id: a charger's id
 *
 * Opens the chargers panel on that charger (win.show-charger, from a ticket's charger card).
 */
void
okc_window_show_charger (OkcWindow  *self,
                         const char *charger_id)
{
  g_return_if_fail (OKC_IS_WINDOW (self));
  g_return_if_fail (charger_id != NULL);

  if (self->fleet == NULL)
    return;
  if (g_strcmp0 (okc_sidebar_get_fleet_page (self->sidebar), "chargers") != 0)
    okc_sidebar_select_fleet_page (self->sidebar, "chargers");
  okc_charger_panel_show_charger (self->charger_panel, charger_id);
}

static void
show_charger_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  okc_window_show_charger (OKC_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_chargers_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);

  if (self->fleet != NULL)
    okc_sidebar_select_fleet_page (self->sidebar, "chargers");
}

static void
show_tickets_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);
  g_autofree char *folder_id = g_settings_get_string (self->settings, "selected-view");

  if (self->queue != NULL && okc_sidebar_get_selected_folder (self->sidebar) == NULL)
    okc_sidebar_select_folder (self->sidebar, folder_id);
}

void
okc_window_fleet_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-charger", "s", show_charger_action);
  gtk_widget_class_install_action (widget_class, "win.show-chargers", NULL, show_chargers_action);
  gtk_widget_class_install_action (widget_class, "win.show-tickets", NULL, show_tickets_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "win.show-chargers", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "win.show-tickets", NULL);
}
