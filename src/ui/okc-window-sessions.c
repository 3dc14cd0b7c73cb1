/* okc-window-sessions.c — the window's session log: Billing → Sessions in the sidebar,
 * Ctrl+3, and opening it on a charger from elsewhere (win.show-sessions)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include "okc-window-private.h"

/**
 * okc_window_sessions_start:
 *
 * Gives the session panel the signed-in client and the fleet: called after the fleet
 * was made. The panel fetches its first rows when it is first shown.
 */
void
okc_window_sessions_start (OkcWindow *self)
{
  okc_session_panel_set_client (self->session_panel, self->client);
  okc_session_panel_set_fleet (self->session_panel, self->fleet);
}

/**
 * okc_window_sessions_stop:
 *
 * Drops what the panel holds of the account, at sign-out.
 */
void
okc_window_sessions_stop (OkcWindow *self)
{
  okc_session_panel_set_fleet (self->session_panel, NULL);
  okc_session_panel_set_client (self->session_panel, NULL);
}

/**
 * okc_window_sessions_page_changed:
 *
 * Returns: %TRUE when the agent chose Billing → Sessions in the sidebar, which is now
 *   shown; %FALSE for any other page.
 */
gboolean
okc_window_sessions_page_changed (OkcWindow *self)
{
  if (g_strcmp0 (okc_sidebar_get_fleet_page (self->sidebar), "sessions") != 0)
    return FALSE;
  gtk_stack_set_visible_child_name (self->content_stack, "sessions");
  return TRUE;
}

/* win.show-sessions "CH-10234": the log of that charger; "" for every charger. */
static void
show_sessions_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);
  const char *charger_id = g_variant_get_string (parameter, NULL);

  if (self->client == NULL)
    return;
  if (g_strcmp0 (okc_sidebar_get_fleet_page (self->sidebar), "sessions") != 0)
    okc_sidebar_select_fleet_page (self->sidebar, "sessions");
  if (*charger_id != '\0')
    okc_session_panel_show (self->session_panel, charger_id, NULL);
}

void
okc_window_sessions_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-sessions", "s", show_sessions_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK,
                                       "win.show-sessions", "s", "");
}
