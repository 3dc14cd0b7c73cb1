/* okc-ticket-audit.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "okc-audit-detail.h"
#include "okc-client-audit.h"
#include "okc-ticket-audit.h"
#include "okc-widget-util.h"

/* A ticket's actions are few; past this many the Audit Trail view is the place. */
#define MAX_ENTRIES 100

struct _OkcTicketAudit
{
  GtkWidget parent_instance;

  OkcClient *client;
  OkcTicket *ticket;
  GCancellable *cancellable;

  AdwPreferencesGroup *group;
  GtkLabel *status_label;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (OkcTicketAudit, okc_ticket_audit, GTK_TYPE_WIDGET)

static void
show_status (OkcTicketAudit *self,
             const char     *text)
{
  gtk_label_set_label (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static void
clear_list (OkcTicketAudit *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
}

static void
show_entries (OkcTicketAudit *self,
              GPtrArray      *entries)
{
  clear_list (self);
  for (guint i = 0; i < entries->len; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *detail = okc_audit_detail_new (g_ptr_array_index (entries, i));
      g_autofree char *spoken = okc_audit_entry_describe (g_ptr_array_index (entries, i));

      gtk_widget_set_margin_start (detail, 12);
      gtk_widget_set_margin_end (detail, 12);
      gtk_widget_set_margin_top (detail, 8);
      gtk_widget_set_margin_bottom (detail, 8);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), detail);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      spoken, -1);
      gtk_list_box_append (self->list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), entries->len > 0);
  show_status (self, entries->len == 0 ? _("No actions were taken from this ticket yet.")
                                       : NULL);
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OkcTicketAudit) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcAuditPage) page = okc_client_list_audit_finish (OKC_CLIENT (source), result,
                                                               &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (page == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The actions could not be loaded: %s"),
                                               error->message);

      gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
      show_status (self, text);
      return;
    }
  show_entries (self, page->entries);
}

/**
 * okc_ticket_audit_refresh:
 *
 * Fetches the ticket's audit entries again, cancelling a fetch under way.
 */
void
okc_ticket_audit_refresh (OkcTicketAudit *self)
{
  OkcAuditQuery query = { 0 };

  g_return_if_fail (OKC_IS_TICKET_AUDIT (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self), self->ticket != NULL && self->client != NULL);
  if (self->ticket == NULL || self->client == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  query.ticket_id = (char *) okc_ticket_get_id (self->ticket);
  okc_client_list_audit_async (self->client, &query, NULL, MAX_ENTRIES, self->cancellable,
                               list_cb, g_object_ref (self));
}

void
okc_ticket_audit_set_client (OkcTicketAudit *self,
                             OkcClient      *client)
{
  g_return_if_fail (OKC_IS_TICKET_AUDIT (self));

  if (!g_set_object (&self->client, client))
    return;
  okc_ticket_audit_refresh (self);
}

/**
 * okc_ticket_audit_set_ticket:
 * @ticket: (nullable): the ticket shown
 *
 * A new version of the ticket shown (an action changed it) fetches its actions again;
 * another ticket clears the list until its own arrive.
 */
void
okc_ticket_audit_set_ticket (OkcTicketAudit *self,
                             OkcTicket      *ticket)
{
  gboolean same_ticket;

  g_return_if_fail (OKC_IS_TICKET_AUDIT (self));

  same_ticket = self->ticket != NULL && ticket != NULL &&
                g_strcmp0 (okc_ticket_get_id (self->ticket), okc_ticket_get_id (ticket)) == 0;
  if (!g_set_object (&self->ticket, ticket))
    return;
  if (!same_ticket)
    {
      clear_list (self);
      gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
      show_status (self, _("Loading…"));
    }
  okc_ticket_audit_refresh (self);
}

static void
okc_ticket_audit_dispose (GObject *object)
{
  OkcTicketAudit *self = OKC_TICKET_AUDIT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_TICKET_AUDIT);
  g_clear_object (&self->client);
  g_clear_object (&self->ticket);

  G_OBJECT_CLASS (okc_ticket_audit_parent_class)->dispose (object);
}

static void
okc_ticket_audit_class_init (OkcTicketAuditClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_ticket_audit_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-ticket-audit.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcTicketAudit, group);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketAudit, status_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketAudit, list);
}

static void
okc_ticket_audit_init (OkcTicketAudit *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
