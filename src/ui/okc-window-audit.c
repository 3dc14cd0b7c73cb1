/* okc-window-audit.c — the window's Audit Trail: Supervision → Audit Trail in the
 * sidebar and Ctrl+6 (win.show-audit), for supervisors only
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include "okc-window-private.h"

static gboolean
is_supervisor (OkcWindow *self)
{
  return self->user != NULL && okc_user_get_role (self->user) == OKC_ROLE_SUPERVISOR;
}

/**
 * okc_window_audit_start:
 *
 * Shows the Audit Trail to a supervisor, with the signed-in client; an agent gets neither
 * the sidebar entry nor the shortcut.
 */
void
okc_window_audit_start (OkcWindow *self)
{
  gboolean supervisor = is_supervisor (self);

  okc_sidebar_set_supervisor (self->sidebar, supervisor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-audit", supervisor);
  okc_audit_view_set_client (self->audit_view, supervisor ? self->client : NULL);
}

/**
 * okc_window_audit_stop:
 *
 * Hides the Audit Trail and drops what it holds, at sign-out.
 */
void
okc_window_audit_stop (OkcWindow *self)
{
  okc_sidebar_set_supervisor (self->sidebar, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-audit", FALSE);
  okc_audit_view_set_client (self->audit_view, NULL);
}

/**
 * okc_window_audit_page_changed:
 *
 * Returns: %TRUE when Supervision → Audit Trail was chosen in the sidebar, now shown.
 */
gboolean
okc_window_audit_page_changed (OkcWindow *self)
{
  if (g_strcmp0 (okc_sidebar_get_fleet_page (self->sidebar), "audit") != 0)
    return FALSE;
  gtk_stack_set_visible_child_name (self->content_stack, "audit");
  return TRUE;
}

static void
show_audit_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);

  if (!is_supervisor (self))
    return;
  okc_sidebar_select_fleet_page (self->sidebar, "audit");
}

void
okc_window_audit_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-audit", NULL, show_audit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_6, GDK_CONTROL_MASK,
                                       "win.show-audit", NULL);
}
