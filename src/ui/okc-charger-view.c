/* okc-charger-view.c — one charger in detail
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "okc-charger-access-group.h"
#include "okc-charger-commands.h"
#include "okc-charger-fleet.h"
#include "okc-charger-format.h"
#include "okc-charger-view.h"
#include "okc-client-chargers.h"
#include "okc-widget-util.h"

/* Under this signal strength (percent) heartbeats and command answers get lost
 * (docs/chargers.md, weak_signal). */
#define WEAK_SIGNAL 20

/* How many status changes the history shows. */
#define HISTORY_LIMIT 50

struct _OkcChargerView
{
  GtkWidget parent_instance;

  OkcClient *client;
  OkcClock *clock;
  OkcCharger *charger;
  /* When the charger and its connectors last changed status: the history is fetched
   * again when this does, not at every heartbeat. */
  char *status_signature;
  GCancellable *history_cancellable;
  GPtrArray *connector_rows;

  AdwWindowTitle *window_title;
  GtkStack *view_stack;
  AdwPreferencesPage *page;
  AdwActionRow *status_row;
  GtkLabel *status_label;
  AdwActionRow *attention_row;
  AdwActionRow *heartbeat_row;
  AdwActionRow *interval_row;
  AdwActionRow *led_row;
  GtkListBox *connectors_list;
  AdwActionRow *network_row;
  AdwActionRow *signal_row;
  GtkLevelBar *signal_bar;
  GtkLabel *signal_label;
  AdwActionRow *ip_row;
  AdwActionRow *model_row;
  AdwActionRow *serial_row;
  AdwActionRow *firmware_row;
  AdwActionRow *property_row;
  AdwActionRow *unit_row;
  OkcChargerCommands *commands;
  OkcChargerAccessGroup *access_group;
  GtkButton *sessions_button;
  GtkButton *assign_button;
  GtkStack *history_stack;
  GtkListBox *history_list;
  AdwStatusPage *history_error_page;
};

G_DEFINE_FINAL_TYPE (OkcChargerView, okc_charger_view, GTK_TYPE_WIDGET)

/* "24 Nov 2026, 06:12 (3 h 12 min ago)" */
static char *
describe_since (gint64 since,
                gint64 now)
{
  g_autofree char *when = NULL;
  g_autofree char *ago = NULL;

  if (since <= 0)
    return g_strdup (_("Unknown"));
  when = okc_format_local_time (since);
  ago = okc_format_ago (since, now);
  /* Translators: a time and how long ago it was, "24 Nov 2026, 06:12 (3 h ago)" */
  return g_strdup_printf (_("%s (%s)"), when, ago);
}

static void
set_row_value (AdwActionRow *row,
               const char   *value)
{
  adw_action_row_set_subtitle (row, value != NULL && value[0] != '\0' ? value : _("Unknown"));
}

static char *
describe_connector (OkcConnector *connector,
                    gint64        now)
{
  GString *text = g_string_new (NULL);
  OkcChargePointError error_code = okc_connector_get_error_code (connector);
  const char *vendor = okc_connector_get_vendor_error_code (connector);
  const char *info = okc_connector_get_info (connector);
  const char *session = okc_connector_get_session_id (connector);
  g_autofree char *since = describe_since (okc_connector_get_status_since (connector), now);

  if (error_code != OKC_CHARGE_POINT_ERROR_NO_ERROR || vendor != NULL)
    {
      g_string_append (text, okc_charge_point_error_get_label (error_code));
      if (vendor != NULL)
        g_string_append_printf (text, " (%s)", vendor);
      g_string_append_c (text, '\n');
    }
  if (info != NULL)
    {
      g_string_append (text, info);
      g_string_append_c (text, '\n');
    }
  /* Translators: %s is when a connector's status began, "24 Nov 2026, 06:12 (3 h ago)" */
  g_string_append_printf (text, _("Since %s"), since);
  if (session != NULL)
    {
      g_string_append_c (text, '\n');
      /* Translators: %s is a charging session's id */
      g_string_append_printf (text, _("Session %s"), session);
    }
  return g_string_free (text, FALSE);
}

static void
update_connector_row (OkcChargerView *self,
                      AdwActionRow   *row,
                      OkcConnector   *connector,
                      gint64          now)
{
  GtkLabel *pill = g_object_get_data (G_OBJECT (row), "pill");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = describe_connector (connector, now);
  g_autofree char *spoken = NULL;

  /* Translators: %u is a connector's number */
  title = g_strdup_printf (_("Connector %u"), okc_connector_get_id (connector));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
  okc_connector_status_pill_update (pill, okc_connector_get_status (connector));
  /* Translators: a connector as a screen reader says it: "Connector 1, Faulted" */
  spoken = g_strdup_printf (_("%s, %s"), title, gtk_label_get_label (pill));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
}

static void
rebuild_connectors (OkcChargerView *self)
{
  GPtrArray *connectors = okc_charger_get_connectors (self->charger);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->connectors_list))) != NULL)
    gtk_list_box_remove (self->connectors_list, child);
  g_ptr_array_set_size (self->connector_rows, 0);

  for (guint i = 0; i < connectors->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *pill = gtk_label_new (NULL);

      gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);
      g_object_set_data (G_OBJECT (row), "pill", pill);
      gtk_list_box_append (self->connectors_list, row);
      g_ptr_array_add (self->connector_rows, row);
    }
  if (connectors->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No connectors reported"));
      gtk_list_box_append (self->connectors_list, row);
    }
}

/* What follows the clock: ages, and the attention the charger needs. */
static void
update_timed (OkcChargerView *self)
{
  gint64 now = okc_clock_get_now (self->clock);
  g_autofree char *since = describe_since (okc_charger_get_status_since (self->charger), now);
  g_autofree char *heartbeat = NULL;
  g_autoptr(GArray) reasons = okc_charger_get_attention (self->charger, now);
  GPtrArray *connectors = okc_charger_get_connectors (self->charger);
  gint64 last_heartbeat = okc_charger_get_last_heartbeat (self->charger);

  {
    /* Translators: %s is when the status began, "24 Nov 2026, 06:12 (3 h ago)" */
    g_autofree char *status_since = g_strdup_printf (_("Since %s"), since);
    adw_action_row_set_subtitle (self->status_row, status_since);
  }
  if (last_heartbeat > 0)
    {
      g_autofree char *ago = okc_format_ago (last_heartbeat, now);
      g_autofree char *when = okc_format_local_time (last_heartbeat);
      /* Translators: how long ago, then when: "3 h 12 min ago · 24 Nov 2026, 06:12" */
      heartbeat = g_strdup_printf (_("%s · %s"), ago, when);
    }
  else
    heartbeat = g_strdup (_("Never"));
  adw_action_row_set_subtitle (self->heartbeat_row, heartbeat);

  if (reasons->len > 0)
    {
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < reasons->len; i++)
        {
          g_autofree char *reason =
            okc_attention_reason_describe (&g_array_index (reasons, OkcAttentionReason, i),
                                           self->charger, now);
          if (i > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, reason);
        }
      adw_action_row_set_subtitle (self->attention_row, text->str);
      g_string_free (text, TRUE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attention_row), reasons->len > 0);

  for (guint i = 0; i < connectors->len && i < self->connector_rows->len; i++)
    update_connector_row (self, g_ptr_array_index (self->connector_rows, i),
                          g_ptr_array_index (connectors, i), now);
}

static void
update_network (OkcChargerView *self)
{
  OkcNetworkKind kind = okc_charger_get_network_kind (self->charger);
  const char *ssid = okc_charger_get_network_ssid (self->charger);
  int signal = okc_charger_get_network_signal (self->charger);
  g_autofree char *connection = NULL;

  if (ssid != NULL)
    /* Translators: a network's kind and name, "Wi-Fi · Lakeview-Guest" */
    connection = g_strdup_printf (_("%s · %s"), okc_network_kind_get_label (kind), ssid);
  else
    connection = g_strdup (okc_network_kind_get_label (kind));
  set_row_value (self->network_row, connection);

  gtk_widget_set_visible (GTK_WIDGET (self->signal_row), kind != OKC_NETWORK_KIND_ETHERNET);
  if (signal >= 0)
    {
      g_autofree char *percent = NULL;

      if (signal < WEAK_SIGNAL)
        /* Translators: a weak signal strength in percent, "12 % (weak)" */
        percent = g_strdup_printf (_("%d %% (weak)"), signal);
      else
        /* Translators: a signal strength in percent, "42 %" */
        percent = g_strdup_printf (_("%d %%"), signal);
      gtk_label_set_label (self->signal_label, percent);
      gtk_level_bar_set_value (self->signal_bar, signal);
      gtk_widget_set_visible (GTK_WIDGET (self->signal_bar), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->signal_bar),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, percent, -1);
    }
  else
    {
      gtk_label_set_label (self->signal_label, _("Unknown"));
      gtk_widget_set_visible (GTK_WIDGET (self->signal_bar), FALSE);
    }
  set_row_value (self->ip_row, okc_charger_get_network_ip (self->charger));
}

static char *
status_signature (OkcCharger *charger)
{
  GPtrArray *connectors = okc_charger_get_connectors (charger);
  GString *signature = g_string_new (NULL);

  g_string_append_printf (signature, "%d@%" G_GINT64_FORMAT, okc_charger_get_status (charger),
                          okc_charger_get_status_since (charger));
  for (guint i = 0; i < connectors->len; i++)
    {
      OkcConnector *connector = g_ptr_array_index (connectors, i);
      g_string_append_printf (signature, ",%d@%" G_GINT64_FORMAT,
                              okc_connector_get_status (connector),
                              okc_connector_get_status_since (connector));
    }
  return g_string_free (signature, FALSE);
}

static void
update_all (OkcChargerView *self)
{
  OkcCharger *charger = self->charger;
  g_autofree char *interval = NULL;
  guint seconds = okc_charger_get_heartbeat_interval (charger);
  const char *unit = okc_charger_get_unit_name (charger);

  adw_window_title_set_title (self->window_title, okc_charger_get_id (charger));
  adw_window_title_set_subtitle (self->window_title, okc_charger_get_model (charger));
  okc_charger_status_pill_update (self->status_label, okc_charger_get_status (charger));
  {
    /* Translators: the status row as a screen reader says it, "Status: Faulted" */
    g_autofree char *spoken = g_strdup_printf (_("Status: %s"), gtk_label_get_label (self->status_label));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
  if (seconds % 60 == 0 && seconds >= 60)
    /* Translators: how often a charger sends a heartbeat, "Every 5 min" */
    interval = g_strdup_printf (_("Every %u min"), seconds / 60);
  else
    /* Translators: how often a charger sends a heartbeat, "Every 90 s" */
    interval = g_strdup_printf (_("Every %u s"), seconds);
  set_row_value (self->interval_row, interval);
  set_row_value (self->led_row, okc_led_state_get_label (okc_charger_get_led (charger)));
  update_network (self);
  set_row_value (self->model_row, okc_charger_get_model (charger));
  set_row_value (self->serial_row, okc_charger_get_serial (charger));
  set_row_value (self->firmware_row, okc_charger_get_firmware (charger));
  adw_action_row_set_subtitle (self->property_row,
                               okc_charger_get_property_name (charger) != NULL
                                 ? okc_charger_get_property_name (charger) : _("Not assigned"));
  /* The property row opens the property's page (win.show-property). */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->property_row),
                                    okc_charger_get_property_id (charger) != NULL);
  if (okc_charger_get_property_id (charger) != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->property_row), "s",
                                        okc_charger_get_property_id (charger));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->property_row), "win.show-property");
    }
  else
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->property_row), NULL);
  adw_action_row_set_subtitle (self->unit_row, unit != NULL ? unit : _("None"));

  if (self->connector_rows->len != okc_charger_get_connectors (charger)->len ||
      self->connector_rows->len == 0)
    rebuild_connectors (self);
  update_timed (self);
}

static void
clock_now_cb (OkcChargerView *self)
{
  if (self->charger != NULL)
    update_timed (self);
}

static void
clear_history (OkcChargerView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
}

static void
history_fetched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OkcChargerView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes =
    okc_client_get_charger_history_finish (OKC_CLIENT (object), result, &error);

  if (changes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->history_error_page, error->message);
      gtk_stack_set_visible_child_name (self->history_stack, "error");
      return;
    }

  clear_history (self);
  for (guint i = 0; i < changes->len; i++)
    {
      OkcChargerChange *change = g_ptr_array_index (changes, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = okc_charger_change_describe (change);
      g_autofree char *when = okc_format_local_time (okc_charger_change_get_at (change));
      const char *info = okc_charger_change_get_info (change);
      g_autofree char *subtitle = info != NULL ? g_strdup_printf ("%s · %s", when, info)
                                               : g_strdup (when);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->history_list, row);
    }
  gtk_stack_set_visible_child_name (self->history_stack, changes->len > 0 ? "list" : "empty");
}

/**
 * okc_charger_view_refresh_history:
 *
 * Fetches the charger's status history again; any fetch still running is cancelled.
 */
void
okc_charger_view_refresh_history (OkcChargerView *self)
{
  g_return_if_fail (OKC_IS_CHARGER_VIEW (self));

  g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  if (self->charger == NULL || self->client == NULL)
    return;

  if (gtk_widget_get_first_child (GTK_WIDGET (self->history_list)) == NULL)
    gtk_stack_set_visible_child_name (self->history_stack, "loading");
  self->history_cancellable = g_cancellable_new ();
  okc_client_get_charger_history_async (self->client, okc_charger_get_id (self->charger),
                                        HISTORY_LIMIT, self->history_cancellable,
                                        history_fetched_cb, g_object_ref (self));
}

/**
 * okc_charger_view_set_charger:
 * @charger: (nullable): the charger to show, or a newer state of the one shown
 *
 * A newer state of the charger on screen updates the page in place, and its history
 * when its status or a connector's changed; another charger starts afresh.
 */
void
okc_charger_view_set_charger (OkcChargerView *self,
                              OkcCharger     *charger)
{
  gboolean same_charger;
  g_autofree char *signature = NULL;

  g_return_if_fail (OKC_IS_CHARGER_VIEW (self));
  g_return_if_fail (self->clock != NULL);

  if (self->charger == charger)
    return;

  same_charger = self->charger != NULL && charger != NULL &&
                 g_str_equal (okc_charger_get_id (self->charger), okc_charger_get_id (charger));
  g_set_object (&self->charger, charger);
  okc_charger_commands_set_charger (self->commands, charger);
  okc_charger_access_group_set_charger (self->access_group, charger);
  /* Show Sessions opens the session log filtered to this charger (win.show-sessions). */
  gtk_widget_set_visible (GTK_WIDGET (self->sessions_button), charger != NULL);
  if (charger != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->sessions_button), "s",
                                        okc_charger_get_id (charger));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sessions_button), "win.show-sessions");
    }
  else
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sessions_button), NULL);
  /* Assign Charger… finds this charger at once (win.assign-charger). */
  gtk_widget_set_visible (GTK_WIDGET (self->assign_button), charger != NULL);
  if (charger != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->assign_button), "s",
                                        okc_charger_get_id (charger));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->assign_button), "win.assign-charger");
    }
  else
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->assign_button), NULL);

  if (charger == NULL)
    {
      g_cancellable_cancel (self->history_cancellable);
      g_clear_object (&self->history_cancellable);
      g_clear_pointer (&self->status_signature, g_free);
      clear_history (self);
      gtk_stack_set_visible_child_name (self->view_stack, "none");
      adw_window_title_set_title (self->window_title, "");
      adw_window_title_set_subtitle (self->window_title, "");
      return;
    }

  if (!same_charger)
    {
      clear_history (self);
      g_ptr_array_set_size (self->connector_rows, 0);
      gtk_stack_set_visible_child_name (self->view_stack, "charger");
    }
  update_all (self);

  signature = status_signature (charger);
  if (!same_charger || g_strcmp0 (signature, self->status_signature) != 0)
    {
      g_free (self->status_signature);
      self->status_signature = g_steal_pointer (&signature);
      okc_charger_view_refresh_history (self);
    }
}

/**
 * okc_charger_view_get_charger:
 *
 * Returns: (transfer none) (nullable): the charger on screen.
 */
OkcCharger *
okc_charger_view_get_charger (OkcChargerView *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_VIEW (self), NULL);
  return self->charger;
}

/**
 * okc_charger_view_set_client:
 * @client: (nullable): what the history is fetched with, %NULL when signed out
 */
void
okc_charger_view_set_client (OkcChargerView *self,
                             OkcClient      *client)
{
  g_return_if_fail (OKC_IS_CHARGER_VIEW (self));

  okc_charger_commands_set_client (self->commands, client);
  okc_charger_access_group_set_client (self->access_group, client);
  if (!g_set_object (&self->client, client))
    return;
  g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
}

/**
 * okc_charger_view_set_clock:
 * @clock: what the ages on the page follow
 *
 * Called once, before the first charger is set.
 */
void
okc_charger_view_set_clock (OkcChargerView *self,
                            OkcClock       *clock)
{
  g_return_if_fail (OKC_IS_CHARGER_VIEW (self));
  g_return_if_fail (OKC_IS_CLOCK (clock));
  g_return_if_fail (self->clock == NULL);

  self->clock = g_object_ref (clock);
  okc_charger_commands_set_clock (self->commands, clock);
  g_signal_connect_object (clock, "notify::now", G_CALLBACK (clock_now_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * okc_charger_view_set_fleet:
 * @fleet: (nullable): where the remote commands' progress comes from, %NULL when signed out
 */
void
okc_charger_view_set_fleet (OkcChargerView  *self,
                            OkcChargerFleet *fleet)
{
  g_return_if_fail (OKC_IS_CHARGER_VIEW (self));
  okc_charger_commands_set_fleet (self->commands, fleet);
}

static void
refresh_history_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  okc_charger_view_refresh_history (OKC_CHARGER_VIEW (widget));
}

static void
okc_charger_view_dispose (GObject *object)
{
  OkcChargerView *self = OKC_CHARGER_VIEW (object);

  g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_CHARGER_VIEW);
  g_clear_pointer (&self->connector_rows, g_ptr_array_unref);
  g_clear_object (&self->charger);
  g_clear_object (&self->client);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->status_signature, g_free);

  G_OBJECT_CLASS (okc_charger_view_parent_class)->dispose (object);
}

static void
okc_charger_view_class_init (OkcChargerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_charger_view_dispose;

  g_type_ensure (OKC_TYPE_CHARGER_COMMANDS);
  g_type_ensure (OKC_TYPE_CHARGER_ACCESS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-charger-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, window_title);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, page);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, status_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, status_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, attention_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, heartbeat_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, interval_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, led_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, connectors_list);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, network_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, signal_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, signal_bar);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, signal_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, ip_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, model_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, serial_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, firmware_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, property_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, unit_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, commands);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, access_group);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, sessions_button);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, assign_button);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, history_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, history_list);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerView, history_error_page);

  gtk_widget_class_install_action (widget_class, "charger.refresh-history", NULL,
                                   refresh_history_action);
}

static void
okc_charger_view_init (OkcChargerView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A weak signal shows in the warning colour, any other in the accent colour. */
  gtk_level_bar_add_offset_value (self->signal_bar, GTK_LEVEL_BAR_OFFSET_LOW, WEAK_SIGNAL);
  gtk_level_bar_add_offset_value (self->signal_bar, GTK_LEVEL_BAR_OFFSET_HIGH, 100);
  gtk_level_bar_add_offset_value (self->signal_bar, GTK_LEVEL_BAR_OFFSET_FULL, 100);
  /* The rows belong to the list box; this only keeps them in connector order. */
  self->connector_rows = g_ptr_array_new ();
}
