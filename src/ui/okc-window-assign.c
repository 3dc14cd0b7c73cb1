/* okc-window-assign.c — the window's "Assign Charger…" and property pages (topic 8)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-window-private.h"

#include "okc-assign-dialog.h"
#include "okc-property-view.h"

/* What the host gave on the shown ticket: its serial, else its charger id. */
static const char *
ticket_charger_code (OkcTicket *ticket)
{
  static const char * const keys[] = { "charger_serial", "charger_id" };

  for (guint i = 0; ticket != NULL && i < G_N_ELEMENTS (keys); i++)
    {
      JsonNode *value = okc_ticket_get_field_value (ticket, keys[i]);

      if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
          json_node_get_value_type (value) == G_TYPE_STRING)
        return json_node_get_string (value);
    }
  return NULL;
}

static void
assigned_cb (OkcAssignDialog *dialog,
             const char      *charger_id,
             OkcWindow       *self)
{
  okc_window_show_charger (self, charger_id);
}

/* win.assign-charger(s): the parameter is a serial, id or QR text to find at once; "" to
 * take the shown ticket's charger, if it names one. */
static void
assign_charger_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);
  OkcTicket *ticket = okc_ticket_view_get_ticket (self->ticket_view);
  const char *code = g_variant_get_string (parameter, NULL);
  OkcAssignDialog *dialog;

  if (self->client == NULL || self->outbox == NULL)
    return;
  if (*code == '\0')
    code = ticket_charger_code (ticket);
  dialog = okc_assign_dialog_new (GTK_WINDOW (self), self->client, self->outbox, code,
                                  ticket != NULL ? okc_ticket_get_id (ticket) : NULL);
  g_signal_connect_object (dialog, "assigned", G_CALLBACK (assigned_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* win.show-property(s): a property's page; "" for the shown ticket's property. */
static void
show_property_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);
  OkcTicket *ticket = okc_ticket_view_get_ticket (self->ticket_view);
  const char *id = g_variant_get_string (parameter, NULL);
  OkcPropertyView *view;

  if (self->client == NULL || self->outbox == NULL)
    return;
  if (*id == '\0')
    id = ticket != NULL ? okc_ticket_get_property_id (ticket) : NULL;
  if (id == NULL)
    {
      okc_window_show_toast (self, _("This ticket names no known property"));
      return;
    }
  view = okc_property_view_new (GTK_WINDOW (self), self->client, self->outbox, id,
                                ticket != NULL ? okc_ticket_get_id (ticket) : NULL);
  gtk_window_present (GTK_WINDOW (view));
}

void
okc_window_assign_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-property", "s",
                                   show_property_action);
  gtk_widget_class_install_action (widget_class, "win.assign-charger", "s",
                                   assign_charger_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.assign-charger",
                                       "s", "");
}
