/* okc-assign-dialog.c — find a charger by what the host gave and link it to a property
 * and unit (topic 8)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "okc-assign-dialog.h"

#include "okc-charger-format.h"
#include "okc-client-error.h"

#define SEARCH_LIMIT 20

struct _OkcAssignDialog
{
  AdwWindow parent_instance;

  OkcClient *client;
  OkcOutbox *outbox;
  char *ticket_id;
  GCancellable *cancellable;
  OkcCharger *charger;
  GPtrArray *found;           /* OkcProperty, as the list shows them */
  OkcProperty *property;      /* the chosen one, with its units */
  char *action_key;           /* the submitted assignment's, while it is not answered */
  gulong finished_id;

  AdwEntryRow *code_row;
  AdwActionRow *charger_row;
  GtkLabel *status_pill;
  AdwPreferencesGroup *property_group;
  AdwEntryRow *property_search_row;
  GtkListBox *property_list;
  AdwComboRow *unit_row;
  GtkStringList *unit_names;
  GtkLabel *message_label;
  GtkButton *assign_button;
};

G_DEFINE_FINAL_TYPE (OkcAssignDialog, okc_assign_dialog, ADW_TYPE_WINDOW)

enum { ASSIGNED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_message (OkcAssignDialog *self,
              const char      *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
}

static void
update_assign_button (OkcAssignDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->assign_button),
                            self->charger != NULL && self->property != NULL &&
                              self->action_key == NULL);
}

/* "Online · last heartbeat 2 min ago · now at Harbor Cabins · Cabin 2" */
static void
show_charger (OkcAssignDialog *self)
{
  OkcCharger *charger = self->charger;
  g_autofree char *ago = okc_format_ago (okc_charger_get_last_heartbeat (charger),
                                         g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *place = okc_charger_describe_place (charger);
  g_autofree char *title = g_strdup_printf ("%s · %s", okc_charger_get_serial (charger),
                                            okc_charger_get_id (charger));
  g_autofree char *subtitle =
    /* Translators: a charger's state, "Online · last heartbeat 2 min ago · Harbor Cabins" */
    g_strdup_printf (_("%s · last heartbeat %s · %s"),
                     okc_charger_status_get_label (okc_charger_get_status (charger)), ago, place);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->charger_row), title);
  adw_action_row_set_subtitle (self->charger_row, subtitle);
  okc_charger_status_pill_update (self->status_pill, okc_charger_get_status (charger));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->charger_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->charger_row), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->property_group), TRUE);
}

static void
charger_found_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OkcAssignDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = okc_client_lookup_charger_finish (OKC_CLIENT (object), result,
                                                                    &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->charger);
  update_assign_button (self);
  if (charger == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->charger_row), FALSE);
      show_message (self, g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND)
                            ? _("No charger has that serial, ID or QR label.")
                            : error->message);
      return;
    }
  self->charger = g_steal_pointer (&charger);
  show_message (self, NULL);
  show_charger (self);
  update_assign_button (self);
}

static void
find_charger_cb (OkcAssignDialog *self)
{
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_row));

  if (code[strspn (code, " \t\r\n")] == '\0')
    return;
  okc_client_lookup_charger_async (self->client, code, self->cancellable, charger_found_cb,
                                   g_object_ref (self));
}

static GtkWidget *
property_row_new (OkcProperty *property)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *address = okc_property_format_address (property);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), okc_property_get_name (property));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), address);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  okc_property_get_name (property), -1);
  return row;
}

static void
properties_found_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OkcAssignDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPropertyPage) page = okc_client_list_properties_finish (OKC_CLIENT (object),
                                                                       result, &error);
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->property_list))) != NULL)
    gtk_list_box_remove (self->property_list, child);
  g_clear_pointer (&self->found, g_ptr_array_unref);
  if (page == NULL)
    {
      show_message (self, error->message);
      return;
    }
  self->found = g_ptr_array_ref (page->properties);
  for (guint i = 0; i < self->found->len; i++)
    gtk_list_box_append (self->property_list, property_row_new (g_ptr_array_index (self->found, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->property_list), self->found->len > 0);
  show_message (self, self->found->len == 0 ? _("No property matches.") : NULL);
}

static void
search_properties_cb (OkcAssignDialog *self)
{
  okc_client_list_properties_async (self->client,
                                    gtk_editable_get_text (GTK_EDITABLE (self->property_search_row)),
                                    NULL, SEARCH_LIMIT, self->cancellable, properties_found_cb,
                                    g_object_ref (self));
}

/* The unit list: the property as a whole, then its units by name. */
static void
show_units (OkcAssignDialog *self)
{
  guint n = okc_property_get_n_listed_units (self->property);

  gtk_string_list_splice (self->unit_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->unit_names)), NULL);
  gtk_string_list_append (self->unit_names, _("Whole property"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (self->unit_names, okc_property_get_unit (self->property, i)->name);
  adw_combo_row_set_selected (self->unit_row, n > 0 ? 1 : 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->unit_row), _("Unit"));
  gtk_widget_set_visible (GTK_WIDGET (self->unit_row), TRUE);
}

static void
property_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OkcAssignDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcProperty) property = okc_client_get_property_finish (OKC_CLIENT (object), result,
                                                                    &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (property == NULL)
    {
      show_message (self, error->message);
      return;
    }
  g_set_object (&self->property, property);
  show_units (self);
  update_assign_button (self);
}

static void
property_selected_cb (OkcAssignDialog *self,
                      GtkListBoxRow   *row)
{
  OkcProperty *property;

  g_clear_object (&self->property);
  gtk_widget_set_visible (GTK_WIDGET (self->unit_row), FALSE);
  update_assign_button (self);
  if (row == NULL || self->found == NULL)
    return;
  property = g_ptr_array_index (self->found, (guint) gtk_list_box_row_get_index (row));
  okc_client_get_property_async (self->client, okc_property_get_id (property),
                                 self->cancellable, property_loaded_cb, g_object_ref (self));
}

static void
action_finished_cb (OkcOutbox       *outbox,
                    OkcOutboxAction *action,
                    OkcAssignDialog *self)
{
  g_autoptr(OkcCharger) charger = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *place = NULL;
  g_autofree char *message = NULL;

  if (self->action_key == NULL || !g_str_equal (okc_outbox_action_get_key (action),
                                                self->action_key))
    return;
  g_clear_pointer (&self->action_key, g_free);
  update_assign_button (self);
  if (okc_outbox_action_get_state (action) != OKC_OUTBOX_STATE_DONE)
    {
      show_message (self, okc_outbox_action_get_error (action)->message);
      return;
    }
  charger = okc_charger_new_from_json (okc_outbox_action_get_response (action), NULL, &error);
  if (charger == NULL)
    {
      show_message (self, error->message);
      return;
    }
  g_set_object (&self->charger, charger);
  show_charger (self);
  place = okc_charger_describe_place (charger);
  /* Translators: "Assigned to Harbor Cabins · Cabin 2." */
  message = g_strdup_printf (_("Assigned to %s."), place);
  show_message (self, message);
  g_signal_emit (self, signals[ASSIGNED], 0, okc_charger_get_id (charger));
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OkcAssignDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (okc_outbox_submit_finish (OKC_OUTBOX (object), result, &error))
    return;
  /* Nothing was recorded: the agent must know it did not happen. */
  g_clear_pointer (&self->action_key, g_free);
  update_assign_button (self);
  show_message (self, error->message);
}

static void
assign_clicked_cb (OkcAssignDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->unit_row);
  const OkcPropertyUnit *unit = selected >= 1 && selected != GTK_INVALID_LIST_POSITION
                                  ? okc_property_get_unit (self->property, selected - 1)
                                  : NULL;
  g_autoptr(OkcOutboxAction) action = okc_charger_assignment_action_new (
    okc_charger_get_id (self->charger), okc_charger_get_serial (self->charger),
    okc_property_get_id (self->property), okc_property_get_name (self->property),
    unit != NULL ? unit->id : NULL, unit != NULL ? unit->name : NULL, self->ticket_id);

  self->action_key = g_strdup (okc_outbox_action_get_key (action));
  update_assign_button (self);
  show_message (self, _("Assigning…"));
  okc_outbox_submit_async (self->outbox, action, self->cancellable, submitted_cb,
                           g_object_ref (self));
}

static void
okc_assign_dialog_dispose (GObject *object)
{
  OkcAssignDialog *self = OKC_ASSIGN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->finished_id, self->outbox);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->outbox);
  g_clear_object (&self->charger);
  g_clear_object (&self->property);
  g_clear_pointer (&self->found, g_ptr_array_unref);
  g_clear_pointer (&self->ticket_id, g_free);
  g_clear_pointer (&self->action_key, g_free);

  G_OBJECT_CLASS (okc_assign_dialog_parent_class)->dispose (object);
}

static void
okc_assign_dialog_class_init (OkcAssignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_assign_dialog_dispose;

  signals[ASSIGNED] = g_signal_new ("assigned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-assign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcAssignDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, OkcAssignDialog, charger_row);
  gtk_widget_class_bind_template_child (widget_class, OkcAssignDialog, status_pill);
  gtk_widget_class_bind_template_child (widget_class, OkcAssignDialog, property_group);
  gtk_widget_class_bind_template_child (widget_class, OkcAssignDialog, property_search_row);
  gtk_widget_class_bind_template_child (widget_class, OkcAssignDialog, property_list);
  gtk_widget_class_bind_template_child (widget_class, OkcAssignDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, OkcAssignDialog, unit_names);
  gtk_widget_class_bind_template_child (widget_class, OkcAssignDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, OkcAssignDialog, assign_button);
  gtk_widget_class_bind_template_callback (widget_class, find_charger_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_properties_cb);
  gtk_widget_class_bind_template_callback (widget_class, property_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, assign_clicked_cb);

  /* Escape cancels, as in every dialog. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
okc_assign_dialog_init (OkcAssignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

OkcAssignDialog *
okc_assign_dialog_new (GtkWindow  *parent,
                       OkcClient  *client,
                       OkcOutbox  *outbox,
                       const char *code,
                       const char *ticket_id)
{
  OkcAssignDialog *self;

  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OKC_IS_OUTBOX (outbox), NULL);

  self = g_object_new (OKC_TYPE_ASSIGN_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->outbox = g_object_ref (outbox);
  self->ticket_id = g_strdup (ticket_id);
  self->finished_id = g_signal_connect (outbox, "action-finished",
                                        G_CALLBACK (action_finished_cb), self);
  if (code != NULL && *code != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->code_row), code);
      find_charger_cb (self);
    }
  return self;
}
