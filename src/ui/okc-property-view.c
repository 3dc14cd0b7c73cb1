/* okc-property-view.c — a property's page: address, host, chargers, units, and its PMS
 * integration with "Sync Now" (topic 8)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-property-view.h"

#include "okc-charger-format.h"
#include "okc-time-format.h"

struct _OkcPropertyView
{
  AdwWindow parent_instance;

  OkcClient *client;
  OkcOutbox *outbox;
  GtkWindow *main_window;     /* weak: where a charger opens */
  char *property_id;
  char *ticket_id;
  GCancellable *cancellable;
  OkcProperty *property;
  char *action_key;           /* the submitted sync's, until answered */
  gulong finished_id;
  GPtrArray *added_rows;      /* GtkWidget, each with its group as "okc-group" */

  AdwWindowTitle *window_title;
  GtkButton *sync_button;
  GtkButton *payouts_button;
  GtkLabel *message_label;
  AdwActionRow *address_row;
  AdwActionRow *host_row;
  AdwActionRow *provider_row;
  AdwActionRow *sync_state_row;
  AdwActionRow *last_error_row;
  AdwPreferencesGroup *syncs_group;
  AdwPreferencesGroup *chargers_group;
  AdwPreferencesGroup *units_group;
};

G_DEFINE_FINAL_TYPE (OkcPropertyView, okc_property_view, ADW_TYPE_WINDOW)

static void load (OkcPropertyView *self);

static void
show_message (OkcPropertyView *self,
              const char      *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *spoken = g_strdup_printf ("%s: %s", title, text);

  adw_action_row_set_subtitle (row, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
}

static void
add_row (OkcPropertyView     *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  g_object_set_data (G_OBJECT (row), "okc-group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->added_rows, row);
}

static void
clear_rows (OkcPropertyView *self)
{
  for (guint i = 0; i < self->added_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->added_rows, i);
      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "okc-group"), row);
    }
  g_ptr_array_set_size (self->added_rows, 0);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *spoken = g_strdup_printf ("%s: %s", title, subtitle);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
  return row;
}

/* "Failing since the last good sync 1 d ago", "In sync · last sync 5 min ago" */
static void
show_pms (OkcPropertyView *self)
{
  const OkcPmsIntegration *pms = okc_property_get_pms (self->property);
  g_autofree char *ago = okc_format_ago (pms->last_sync_at, g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *provider = NULL;
  g_autofree char *state = NULL;

  provider = pms->provider == OKC_PMS_PROVIDER_NONE
               ? g_strdup (okc_pms_provider_get_label (pms->provider))
               /* Translators: "Guesty · connected" */
               : g_strdup_printf (_("%s · %s"), okc_pms_provider_get_label (pms->provider),
                                  pms->connected ? _("connected") : _("not connected"));
  set_subtitle (self->provider_row, provider);
  /* Translators: "In sync · last sync 5 min ago" */
  state = g_strdup_printf (_("%s · last sync %s"), okc_pms_sync_state_get_label (pms->sync_state),
                           ago);
  set_subtitle (self->sync_state_row, state);
  gtk_widget_set_visible (GTK_WIDGET (self->last_error_row), pms->last_error != NULL);
  if (pms->last_error != NULL)
    set_subtitle (self->last_error_row, pms->last_error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button),
                            pms->connected && self->action_key == NULL);
}

static void
show_charger_clicked_cb (GtkButton       *button,
                         OkcPropertyView *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "okc-charger-id");

  if (self->main_window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->main_window), "win.show-charger", "s", id);
}

static void
show_members (OkcPropertyView *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < okc_property_get_n_listed_chargers (self->property); i++)
    {
      const OkcPropertyCharger *c = okc_property_get_charger (self->property, i);
      g_autofree char *ago = okc_format_ago (c->last_heartbeat_at, now);
      /* Translators: "Online · Cabin 2 · heartbeat 1 min ago" */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s · heartbeat %s"),
                                                   okc_charger_status_get_label (c->status),
                                                   c->unit_name != NULL ? c->unit_name
                                                                        : _("no unit"),
                                                   ago);
      g_autofree char *title = g_strdup_printf ("%s · %s", c->id, c->serial);
      GtkWidget *row = text_row (title, subtitle);
      GtkWidget *open = gtk_button_new_with_label (C_("action", "Open"));

      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (open), "okc-charger-id", g_strdup (c->id), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      g_signal_connect_object (open, "clicked", G_CALLBACK (show_charger_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      add_row (self, self->chargers_group, row);
    }
  for (guint i = 0; i < okc_property_get_n_listed_units (self->property); i++)
    {
      const OkcPropertyUnit *unit = okc_property_get_unit (self->property, i);
      g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%u charger", "%u chargers",
                                                             unit->n_chargers),
                                                unit->n_chargers);

      add_row (self, self->units_group, text_row (unit->name, count));
    }
}

static char *
describe_sync (OkcPmsSync *sync)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (okc_pms_sync_get_finished_at (sync));
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *when = okc_time_format (local, OKC_TIME_FORM_DATE_TIME);
  g_autofree char *outcome = okc_pms_sync_describe_outcome (sync);

  return g_strdup_printf ("%s · %s", when, outcome);
}

static void
syncs_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OkcPropertyView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) syncs = okc_client_list_pms_syncs_finish (OKC_CLIENT (object), result,
                                                                 &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (syncs == NULL)
    {
      show_message (self, error->message);
      return;
    }
  for (guint i = 0; i < syncs->len; i++)
    {
      OkcPmsSync *sync = g_ptr_array_index (syncs, i);
      g_autofree char *text = describe_sync (sync);

      add_row (self, self->syncs_group,
               text_row (okc_pms_sync_get_outcome (sync) == OKC_PMS_SYNC_OUTCOME_SUCCEEDED
                           ? C_("sync result", "Succeeded") : C_("sync result", "Failed"),
                         text));
    }
}

static void
property_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OkcPropertyView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcProperty) property = okc_client_get_property_finish (OKC_CLIENT (object), result,
                                                                    &error);
  g_autofree char *address = NULL;
  g_autofree char *host = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (property == NULL)
    {
      show_message (self, error->message);
      return;
    }
  g_set_object (&self->property, property);
  clear_rows (self);
  adw_window_title_set_title (self->window_title, okc_property_get_name (property));
  gtk_window_set_title (GTK_WINDOW (self), okc_property_get_name (property));
  address = okc_property_format_address (property);
  set_subtitle (self->address_row, address);
  /* Translators: a host and their email, "Owen Green · owen@example.org" */
  host = g_strdup_printf (_("%s · %s"), okc_property_get_host_name (property),
                          okc_property_get_host_email (property));
  set_subtitle (self->host_row, host);
  show_pms (self);
  show_members (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->payouts_button),
                            okc_property_get_host_id (property) != NULL);
  okc_client_list_pms_syncs_async (self->client, self->property_id, self->cancellable,
                                   syncs_loaded_cb, g_object_ref (self));
}

static void
load (OkcPropertyView *self)
{
  okc_client_get_property_async (self->client, self->property_id, self->cancellable,
                                 property_loaded_cb, g_object_ref (self));
}

static void
action_finished_cb (OkcOutbox       *outbox,
                    OkcOutboxAction *action,
                    OkcPropertyView *self)
{
  g_autoptr(OkcPmsSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *outcome = NULL;

  if (self->action_key == NULL ||
      !g_str_equal (okc_outbox_action_get_key (action), self->action_key))
    return;
  g_clear_pointer (&self->action_key, g_free);
  if (okc_outbox_action_get_state (action) != OKC_OUTBOX_STATE_DONE)
    {
      show_message (self, okc_outbox_action_get_error (action)->message);
      load (self);
      return;
    }
  sync = okc_pms_sync_new_from_json (okc_outbox_action_get_response (action), NULL, &error);
  if (sync == NULL)
    {
      show_message (self, error->message);
      return;
    }
  outcome = okc_pms_sync_describe_outcome (sync);
  show_message (self, outcome);
  load (self);
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OkcPropertyView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (okc_outbox_submit_finish (OKC_OUTBOX (object), result, &error))
    return;
  g_clear_pointer (&self->action_key, g_free);
  show_message (self, error->message);
  if (self->property != NULL)
    show_pms (self);
}

static void
sync_clicked_cb (OkcPropertyView *self)
{
  g_autoptr(OkcOutboxAction) action = NULL;

  if (self->property == NULL)
    return;
  action = okc_pms_sync_action_new (okc_property_get_id (self->property),
                                    okc_property_get_name (self->property), self->ticket_id);
  self->action_key = g_strdup (okc_outbox_action_get_key (action));
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), FALSE);
  show_message (self, _("Syncing…"));
  okc_outbox_submit_async (self->outbox, action, self->cancellable, submitted_cb,
                           g_object_ref (self));
}

/* The host's panel: their properties, revenue and payouts (win.show-host-account). */
static void
payouts_clicked_cb (OkcPropertyView *self)
{
  if (self->property == NULL || self->main_window == NULL ||
      okc_property_get_host_id (self->property) == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self->main_window), "win.show-host-account", "s",
                              okc_property_get_host_id (self->property));
}

static void
okc_property_view_dispose (GObject *object)
{
  OkcPropertyView *self = OKC_PROPERTY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->finished_id, self->outbox);
  g_clear_weak_pointer (&self->main_window);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->outbox);
  g_clear_object (&self->property);
  g_clear_pointer (&self->added_rows, g_ptr_array_unref);
  g_clear_pointer (&self->property_id, g_free);
  g_clear_pointer (&self->ticket_id, g_free);
  g_clear_pointer (&self->action_key, g_free);

  G_OBJECT_CLASS (okc_property_view_parent_class)->dispose (object);
}

static void
okc_property_view_class_init (OkcPropertyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_property_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-property-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcPropertyView, window_title);
  gtk_widget_class_bind_template_child (widget_class, OkcPropertyView, sync_button);
  gtk_widget_class_bind_template_child (widget_class, OkcPropertyView, payouts_button);
  gtk_widget_class_bind_template_child (widget_class, OkcPropertyView, message_label);
  gtk_widget_class_bind_template_child (widget_class, OkcPropertyView, address_row);
  gtk_widget_class_bind_template_child (widget_class, OkcPropertyView, host_row);
  gtk_widget_class_bind_template_child (widget_class, OkcPropertyView, provider_row);
  gtk_widget_class_bind_template_child (widget_class, OkcPropertyView, sync_state_row);
  gtk_widget_class_bind_template_child (widget_class, OkcPropertyView, last_error_row);
  gtk_widget_class_bind_template_child (widget_class, OkcPropertyView, syncs_group);
  gtk_widget_class_bind_template_child (widget_class, OkcPropertyView, chargers_group);
  gtk_widget_class_bind_template_child (widget_class, OkcPropertyView, units_group);
  gtk_widget_class_bind_template_callback (widget_class, sync_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, payouts_clicked_cb);
}

static void
okc_property_view_init (OkcPropertyView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->added_rows = g_ptr_array_new ();
}

OkcPropertyView *
okc_property_view_new (GtkWindow  *parent,
                       OkcClient  *client,
                       OkcOutbox  *outbox,
                       const char *property_id,
                       const char *ticket_id)
{
  OkcPropertyView *self;

  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OKC_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (property_id != NULL, NULL);

  self = g_object_new (OKC_TYPE_PROPERTY_VIEW, NULL);
  g_set_weak_pointer (&self->main_window, parent);
  self->client = g_object_ref (client);
  self->outbox = g_object_ref (outbox);
  self->property_id = g_strdup (property_id);
  self->ticket_id = g_strdup (ticket_id);
  self->finished_id = g_signal_connect (outbox, "action-finished",
                                        G_CALLBACK (action_finished_cb), self);
  load (self);
  return self;
}
