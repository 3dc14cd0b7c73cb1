/* okc-charger-commands.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "okc-charger-commands-private.h"
#include "okc-command-row.h"
#include "okc-widget-util.h"

#define RECENT_LIMIT 20
#define RECENT_LIMIT_COMPACT 3

G_DEFINE_FINAL_TYPE (OkcChargerCommands, okc_charger_commands, GTK_TYPE_WIDGET)

typedef struct
{
  AdwActionRow *row;
  GtkButton *button;
  const char *description;
} Operation;

static Operation
get_operation (OkcChargerCommands *self,
               OkcCommandKind      kind)
{
  switch (kind)
    {
    case OKC_COMMAND_KIND_TRIGGER_HEARTBEAT:
      return (Operation) { self->heartbeat_row, self->heartbeat_button,
                           N_("The charger sends a heartbeat now") };
    case OKC_COMMAND_KIND_TRIGGER_STATUS:
      return (Operation) { self->status_row, self->status_button,
                           N_("The charger reports each connector’s status now") };
    case OKC_COMMAND_KIND_SOFT_RESET:
      return (Operation) { self->soft_reset_row, self->soft_reset_button,
                           N_("Reboots the firmware in about 8 s; sessions are stopped first") };
    case OKC_COMMAND_KIND_HARD_RESET:
      return (Operation) { self->hard_reset_row, self->hard_reset_button,
                           N_("Power-cycles the charger in about 15 s; it stops every session") };
    case OKC_COMMAND_KIND_UNLOCK_CONNECTOR:
      return (Operation) { self->unlock_row, self->unlock_button,
                           N_("Releases the cable lock of the connector") };
    case OKC_COMMAND_KIND_CHANGE_AVAILABILITY:
      return (Operation) { self->availability_row, self->availability_button,
                           N_("Takes the connector in or out of service") };
    case OKC_COMMAND_KIND_REMOTE_START:
      return (Operation) { self->start_row, self->start_button,
                           N_("Starts a host or override session for the customer") };
    case OKC_COMMAND_KIND_REMOTE_STOP:
      return (Operation) { self->stop_row, self->stop_button,
                           N_("Stops the session on the connector") };
    default:
      g_assert_not_reached ();
    }
}

const char *
okc_charger_commands_get_charger_id (OkcChargerCommands *self)
{
  return self->charger != NULL ? okc_charger_get_id (self->charger) : NULL;
}

gboolean
okc_charger_commands_is_this_charger (OkcChargerCommands *self,
                 const char         *id)
{
  return self->charger != NULL && id != NULL && g_ascii_strcasecmp (okc_charger_commands_get_charger_id (self), id) == 0;
}

static gint64
now (OkcChargerCommands *self)
{
  return self->clock != NULL ? okc_clock_get_now (self->clock) : g_get_real_time () / G_USEC_PER_SEC;
}

guint
okc_charger_commands_get_connector (OkcChargerCommands *self)
{
  guint selected = adw_combo_row_get_selected (self->connector_row);
  GPtrArray *connectors = self->charger != NULL ? okc_charger_get_connectors (self->charger) : NULL;

  if (connectors == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= connectors->len)
    return 1;
  return okc_connector_get_id (g_ptr_array_index (connectors, selected));
}

void
okc_charger_commands_show_problem (OkcChargerCommands *self,
              const char         *message)
{
  gtk_label_set_label (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_revealer), message != NULL);
  gtk_revealer_set_reveal_child (self->problem_revealer, message != NULL);
}

static void
dismiss_problem_cb (OkcChargerCommands *self)
{
  okc_charger_commands_show_problem (self, NULL);
}

/* The command of @kind sent from here or elsewhere that the charger has not finished. */
static OkcChargerCommand *
find_unfinished (OkcChargerCommands *self,
                 OkcCommandKind      kind,
                 guint               connector_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->commands_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      OkcChargerCommand *command;

      if (!OKC_IS_COMMAND_ROW (child))
        continue;
      command = okc_command_row_get_command (OKC_COMMAND_ROW (child));
      if (okc_charger_command_get_kind (command) == kind &&
          (!okc_command_kind_needs_connector (kind) ||
           okc_charger_command_get_connector_id (command) == connector_id) &&
          !okc_command_state_is_final (okc_charger_command_get_state (command)))
        return command;
    }
  return NULL;
}

/* Whether @kind can be sent now; if not, *@out_reason says why, for the agent. */
gboolean
okc_charger_commands_can_send (OkcChargerCommands  *self,
          OkcCommandKind       kind,
          guint                connector_id,
          char               **out_reason)
{
  OkcChargerCommand *unfinished;

  if (self->charger == NULL)
    {
      *out_reason = g_strdup (_("The charger’s live status is not known yet"));
      return FALSE;
    }
  if (self->client == NULL)
    {
      *out_reason = g_strdup (_("Not signed in"));
      return FALSE;
    }
  if (self->sending[kind])
    {
      /* Translators: %s is a command, "Soft reset" */
      *out_reason = g_strdup_printf (_("Sending “%s”…"), okc_command_kind_get_label (kind));
      return FALSE;
    }
  if (!okc_charger_check_command (self->charger, kind, connector_id, now (self), out_reason))
    return FALSE;
  unfinished = find_unfinished (self, kind, connector_id);
  if (unfinished != NULL)
    {
      /* Translators: %s is a command, "Soft reset"; the charger has not finished it */
      *out_reason = g_strdup_printf (_("“%s” sent earlier is still in progress"),
                                     okc_command_kind_get_label (kind));
      return FALSE;
    }
  if (kind == OKC_COMMAND_KIND_REMOTE_START && self->account_id == NULL)
    {
      *out_reason = g_strdup (_("Find the customer’s account first: type their email or phone above"));
      return FALSE;
    }
  return TRUE;
}

void
okc_charger_commands_update_one (OkcChargerCommands *self,
                  OkcCommandKind      kind)
{
  Operation op = get_operation (self, kind);
  guint connector_id = (okc_command_kind_needs_connector (kind) ||
                        kind == OKC_COMMAND_KIND_CHANGE_AVAILABILITY) ? okc_charger_commands_get_connector (self) : 0;
  g_autofree char *reason = NULL;
  g_autofree char *subtitle = NULL;
  gboolean possible = okc_charger_commands_can_send (self, kind, connector_id, &reason);

  if (possible && kind == OKC_COMMAND_KIND_REMOTE_START)
    {
      /* Translators: whose session "Start Session" starts, "For Maya Chen" */
      subtitle = g_strdup_printf (_("For %s, on connector %u"), self->account_name, connector_id);
    }
  else if (possible)
    subtitle = g_strdup (_(op.description));
  else
    subtitle = g_steal_pointer (&reason);

  gtk_widget_set_sensitive (GTK_WIDGET (op.button), possible);
  adw_action_row_set_subtitle (op.row, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (op.button), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (op.button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle, -1);
  if (self->quick_buttons[kind] != NULL)
    {
      GtkWidget *quick = GTK_WIDGET (self->quick_buttons[kind]);

      gtk_widget_set_sensitive (quick, possible);
      gtk_widget_set_tooltip_text (quick, subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (quick), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      subtitle, -1);
    }
  if (op.row == self->availability_row)
    gtk_widget_set_sensitive (GTK_WIDGET (self->availability_dropdown), possible);
  if (op.row == self->stop_row)
    gtk_widget_set_sensitive (GTK_WIDGET (self->end_billing_row), possible);
}

/* The compact bar says once what stops all its buttons (an offline charger), rather than
 * only in each one's tooltip. */
static void
update_quick_reason (OkcChargerCommands *self)
{
  g_autofree char *shared = NULL;

  for (int kind = 0; kind < N_KINDS; kind++)
    {
      g_autofree char *reason = NULL;
      guint connector_id = okc_command_kind_needs_connector (kind) ? okc_charger_commands_get_connector (self) : 0;

      if (self->quick_buttons[kind] == NULL)
        continue;
      if (okc_charger_commands_can_send (self, kind, connector_id, &reason))
        {
          g_clear_pointer (&shared, g_free);
          break;
        }
      if (shared == NULL)
        shared = g_steal_pointer (&reason);
      else if (g_strcmp0 (shared, reason) != 0)
        {
          g_clear_pointer (&shared, g_free);
          break;
        }
    }
  gtk_label_set_label (self->quick_reason_label, shared != NULL ? shared : "");
  gtk_widget_set_visible (GTK_WIDGET (self->quick_reason_label), shared != NULL);
}

void
okc_charger_commands_update (OkcChargerCommands *self)
{
  for (int kind = 0; kind < N_KINDS; kind++)
    okc_charger_commands_update_one (self, kind);
  update_quick_reason (self);
}

/* In full, every operation is a row. Compact (the ticket's card), the charger's own
 * operations are a bar of buttons, and the connector, availability and session rows show
 * when the agent asks for more. */
static void
show_rows (OkcChargerCommands *self)
{
  gboolean more = gtk_toggle_button_get_active (self->more_button);
  GPtrArray *connectors = self->charger != NULL ? okc_charger_get_connectors (self->charger) : NULL;
  GtkWidget *charger_rows[] = {
    GTK_WIDGET (self->heartbeat_row), GTK_WIDGET (self->status_row),
    GTK_WIDGET (self->soft_reset_row), GTK_WIDGET (self->hard_reset_row),
    GTK_WIDGET (self->unlock_row),
  };
  GtkWidget *session_rows[] = {
    GTK_WIDGET (self->availability_row), GTK_WIDGET (self->account_row),
    GTK_WIDGET (self->start_row), GTK_WIDGET (self->end_billing_row), GTK_WIDGET (self->stop_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (charger_rows); i++)
    gtk_widget_set_visible (charger_rows[i], !self->compact);
  for (guint i = 0; i < G_N_ELEMENTS (session_rows); i++)
    gtk_widget_set_visible (session_rows[i], !self->compact || more);
  gtk_widget_set_visible (GTK_WIDGET (self->connector_row),
                          (!self->compact || more) && connectors != NULL && connectors->len > 0);
  /* Nothing to operate without a charger: no rows of disabled buttons. */
  gtk_widget_set_visible (GTK_WIDGET (self->quick_box), self->compact && self->charger != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->operations_group),
                          self->charger != NULL && (!self->compact || more));
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), self->charger != NULL);
}

static void
more_toggled_cb (OkcChargerCommands *self)
{
  gtk_button_set_label (GTK_BUTTON (self->more_button),
                        gtk_toggle_button_get_active (self->more_button) ? _("Fewer…") : _("More…"));
  show_rows (self);
}

/* Connector rows follow the charger's connectors; the choice stays where it was. */
static void
show_connectors (OkcChargerCommands *self)
{
  GPtrArray *connectors = self->charger != NULL ? okc_charger_get_connectors (self->charger) : NULL;
  guint n = connectors != NULL ? connectors->len : 0;
  guint selected = adw_combo_row_get_selected (self->connector_row);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      OkcConnector *connector = g_ptr_array_index (connectors, i);
      /* Translators: a connector in the chooser, "Connector 1 · Charging" */
      g_ptr_array_add (names, g_strdup_printf (_("Connector %u · %s"), okc_connector_get_id (connector),
                                               okc_connector_status_get_label (okc_connector_get_status (connector))));
    }
  g_ptr_array_add (names, NULL);

  g_signal_handlers_block_matched (self->connector_row, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_string_list_splice (self->connector_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->connector_model)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->connector_row, selected < n ? selected : 0);
  g_signal_handlers_unblock_matched (self->connector_row, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
connector_selected_cb (OkcChargerCommands *self)
{
  okc_charger_commands_update (self);
}

/* Commands move on only (sent → accepted → a final state): an older copy, such as a
 * 202 answer arriving after the charger's own progress event, never goes back. */
static int
progress_rank (OkcCommandState state)
{
  if (state == OKC_COMMAND_STATE_SENT)
    return 0;
  if (state == OKC_COMMAND_STATE_ACCEPTED)
    return 1;
  return 2;
}

static void
trim_rows (OkcChargerCommands *self)
{
  guint limit = self->compact ? RECENT_LIMIT_COMPACT : RECENT_LIMIT;
  guint n = 0;
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->commands_list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (OKC_IS_COMMAND_ROW (child) && ++n > limit)
        gtk_list_box_remove (self->commands_list, child);
      child = next;
    }
}

/* Shows @command in its row, or in a new one at the top. */
void
okc_charger_commands_upsert (OkcChargerCommands *self,
                OkcChargerCommand  *command,
                gboolean            append)
{
  const char *id = okc_charger_command_get_id (command);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->commands_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      OkcChargerCommand *shown;

      if (!OKC_IS_COMMAND_ROW (child))
        continue;
      shown = okc_command_row_get_command (OKC_COMMAND_ROW (child));
      if (g_strcmp0 (okc_charger_command_get_id (shown), id) != 0)
        continue;
      if (progress_rank (okc_charger_command_get_state (command)) >=
          progress_rank (okc_charger_command_get_state (shown)))
        okc_command_row_set_command (OKC_COMMAND_ROW (child), command);
      return;
    }

  if (append)
    gtk_list_box_append (self->commands_list, okc_command_row_new (command));
  else
    gtk_list_box_prepend (self->commands_list, okc_command_row_new (command));
  trim_rows (self);
}

static void
clear_rows (OkcChargerCommands *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->commands_list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (OKC_IS_COMMAND_ROW (child))
        gtk_list_box_remove (self->commands_list, child);
      child = next;
    }
}

static void
commands_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OkcChargerCommands) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) commands =
    okc_client_list_charger_commands_finish (OKC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (commands == NULL)
    {
      /* Translators: %s is why the charger's commands could not be fetched */
      g_autofree char *message = g_strdup_printf (_("The charger’s recent commands could not be fetched: %s"),
                                                  error->message);
      okc_charger_commands_show_problem (self, message);
      return;
    }
  /* Newest first, as the backend lists them; events may have brought some already. */
  for (guint i = 0; i < commands->len; i++)
    okc_charger_commands_upsert (self, g_ptr_array_index (commands, i), TRUE);
  okc_charger_commands_update (self);
}

static void
list_commands (OkcChargerCommands *self)
{
  g_cancellable_cancel (self->charger_cancellable);
  g_clear_object (&self->charger_cancellable);
  if (self->client == NULL || self->charger == NULL)
    return;
  self->charger_cancellable = g_cancellable_new ();
  okc_client_list_charger_commands_async (self->client, okc_charger_commands_get_charger_id (self), RECENT_LIMIT,
                                          self->charger_cancellable, commands_listed_cb,
                                          g_object_ref (self));
}

static void
operation_clicked_cb (GtkButton          *button,
                      OkcChargerCommands *self)
{
  for (int kind = 0; kind < N_KINDS; kind++)
    if (get_operation (self, kind).button == button || self->quick_buttons[kind] == button)
      {
        okc_charger_commands_run (self, kind, 0);
        return;
      }
}

static void
account_apply_cb (AdwEntryRow        *row,
                  OkcChargerCommands *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (self->client == NULL || self->charger == NULL || *text == '\0')
    return;
  okc_charger_commands_find_account (self, text);
}

static void
find_account_clicked_cb (OkcChargerCommands *self)
{
  account_apply_cb (self->account_row, self);
}

static void
account_changed_cb (AdwEntryRow        *row,
                    OkcChargerCommands *self)
{
  /* Another customer: the account found for the text before no longer counts. */
  if (self->account_id == NULL)
    return;
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->account_name, g_free);
  okc_charger_commands_update_one (self, OKC_COMMAND_KIND_REMOTE_START);
}

static void
clock_ticked_cb (OkcChargerCommands *self)
{
  okc_charger_commands_update (self);
}

static void
fleet_charger_changed_cb (OkcChargerFleet    *fleet,
                          OkcCharger         *charger,
                          OkcChargerCommands *self)
{
  if (okc_charger_commands_is_this_charger (self, okc_charger_get_id (charger)))
    okc_charger_commands_set_charger (self, charger);
}

static void
fleet_command_changed_cb (OkcChargerFleet    *fleet,
                          OkcChargerCommand  *command,
                          OkcChargerCommands *self)
{
  if (!okc_charger_commands_is_this_charger (self, okc_charger_command_get_charger_id (command)))
    return;
  okc_charger_commands_upsert (self, command, FALSE);
  okc_charger_commands_update (self);
}

/**
 * okc_charger_commands_set_charger:
 * @charger: (nullable): the charger, as last heard of
 *
 * Shows what can be sent to @charger now. Another charger than the one shown fetches its
 * recent commands; a newer state of the same one only re-evaluates the buttons.
 */
void
okc_charger_commands_set_charger (OkcChargerCommands *self,
                                  OkcCharger         *charger)
{
  gboolean same;

  g_return_if_fail (OKC_IS_CHARGER_COMMANDS (self));
  g_return_if_fail (charger == NULL || OKC_IS_CHARGER (charger));

  same = charger != NULL && okc_charger_commands_is_this_charger (self, okc_charger_get_id (charger));
  g_set_object (&self->charger, charger);
  if (!same)
    {
      clear_rows (self);
      okc_charger_commands_show_problem (self, NULL);
      g_clear_pointer (&self->account_id, g_free);
      g_clear_pointer (&self->account_name, g_free);
      gtk_editable_set_text (GTK_EDITABLE (self->account_row), "");
      gtk_switch_set_active (self->end_billing_switch, FALSE);
      list_commands (self);
    }
  show_connectors (self);
  show_rows (self);
  okc_charger_commands_update (self);
}

/**
 * okc_charger_commands_set_client:
 * @client: (nullable): what commands are sent with
 */
void
okc_charger_commands_set_client (OkcChargerCommands *self,
                                 OkcClient          *client)
{
  g_return_if_fail (OKC_IS_CHARGER_COMMANDS (self));

  if (!g_set_object (&self->client, client))
    return;
  clear_rows (self);
  list_commands (self);
  okc_charger_commands_update (self);
}

/**
 * okc_charger_commands_set_fleet:
 * @fleet: (nullable): the live chargers: the charger shown and its commands follow it
 */
void
okc_charger_commands_set_fleet (OkcChargerCommands *self,
                                OkcChargerFleet    *fleet)
{
  g_return_if_fail (OKC_IS_CHARGER_COMMANDS (self));

  if (self->fleet == fleet)
    return;
  if (self->fleet != NULL)
    g_signal_handlers_disconnect_by_data (self->fleet, self);
  g_set_object (&self->fleet, fleet);
  if (fleet == NULL)
    return;
  g_signal_connect_object (fleet, "charger-changed", G_CALLBACK (fleet_charger_changed_cb), self, 0);
  g_signal_connect_object (fleet, "command-changed", G_CALLBACK (fleet_command_changed_cb), self, 0);
}

/**
 * okc_charger_commands_set_clock:
 * @clock: what heartbeat ages are measured against; the buttons are re-evaluated as it ticks
 */
void
okc_charger_commands_set_clock (OkcChargerCommands *self,
                                OkcClock           *clock)
{
  g_return_if_fail (OKC_IS_CHARGER_COMMANDS (self));
  g_return_if_fail (OKC_IS_CLOCK (clock));

  if (self->clock == clock)
    return;
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  g_set_object (&self->clock, clock);
  g_signal_connect_object (clock, "notify::now", G_CALLBACK (clock_ticked_cb), self,
                           G_CONNECT_SWAPPED);
  okc_charger_commands_update (self);
}

/**
 * okc_charger_commands_set_ticket_id:
 * @ticket_id: (nullable): the ticket the agent acts from, recorded with each command
 */
void
okc_charger_commands_set_ticket_id (OkcChargerCommands *self,
                                    const char         *ticket_id)
{
  g_return_if_fail (OKC_IS_CHARGER_COMMANDS (self));
  g_free (self->ticket_id);
  self->ticket_id = g_strdup (ticket_id);
}

/**
 * okc_charger_commands_set_compact:
 * @compact: whether to show the charger operations only, with the session and availability
 *   ones behind a row, and the three newest commands (the ticket's charger card)
 */
void
okc_charger_commands_set_compact (OkcChargerCommands *self,
                                  gboolean            compact)
{
  g_return_if_fail (OKC_IS_CHARGER_COMMANDS (self));

  self->compact = compact;
  gtk_toggle_button_set_active (self->more_button, FALSE);
  show_rows (self);
  trim_rows (self);
}

/**
 * okc_charger_commands_new:
 *
 * Returns: (transfer floating): a commands widget, with no charger yet.
 */
GtkWidget *
okc_charger_commands_new (void)
{
  return g_object_new (OKC_TYPE_CHARGER_COMMANDS, NULL);
}

static void
okc_charger_commands_dispose (GObject *object)
{
  OkcChargerCommands *self = OKC_CHARGER_COMMANDS (object);

  g_cancellable_cancel (self->charger_cancellable);
  g_cancellable_cancel (self->cancellable);
  if (self->fleet != NULL)
    g_signal_handlers_disconnect_by_data (self->fleet, self);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_CHARGER_COMMANDS);
  g_clear_object (&self->charger_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->fleet);
  g_clear_object (&self->clock);
  g_clear_object (&self->charger);

  G_OBJECT_CLASS (okc_charger_commands_parent_class)->dispose (object);
}

static void
okc_charger_commands_finalize (GObject *object)
{
  OkcChargerCommands *self = OKC_CHARGER_COMMANDS (object);

  g_free (self->ticket_id);
  g_free (self->account_id);
  g_free (self->account_name);

  G_OBJECT_CLASS (okc_charger_commands_parent_class)->finalize (object);
}

static void
okc_charger_commands_class_init (OkcChargerCommandsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_charger_commands_dispose;
  object_class->finalize = okc_charger_commands_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-charger-commands.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, problem_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, operations_group);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, connector_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, connector_model);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, heartbeat_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, heartbeat_button);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, status_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, status_button);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, soft_reset_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, soft_reset_button);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, hard_reset_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, hard_reset_button);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, unlock_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, availability_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, availability_button);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, availability_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, account_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, start_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, start_button);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, end_billing_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, end_billing_switch);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, stop_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, stop_button);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, quick_box);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, quick_flow);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, quick_reason_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, recent_group);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCommands, commands_list);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_problem_cb);
  gtk_widget_class_bind_template_callback (widget_class, operation_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, connector_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_account_clicked_cb);
}

static void
add_quick_buttons (OkcChargerCommands *self)
{
  static const OkcCommandKind kinds[] = {
    OKC_COMMAND_KIND_TRIGGER_HEARTBEAT, OKC_COMMAND_KIND_TRIGGER_STATUS,
    OKC_COMMAND_KIND_SOFT_RESET, OKC_COMMAND_KIND_HARD_RESET,
    OKC_COMMAND_KIND_UNLOCK_CONNECTOR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      /* The same words as the operation's row, which are its button's accessible name. */
      Operation op = get_operation (self, kinds[i]);
      GtkWidget *button = gtk_button_new_with_label (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (op.row)));

      g_signal_connect (button, "clicked", G_CALLBACK (operation_clicked_cb), self);
      gtk_flow_box_append (self->quick_flow, button);
      self->quick_buttons[kinds[i]] = GTK_BUTTON (button);
    }

  self->more_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("More…")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->more_button),
                               _("Connector, availability and sessions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->more_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("More operations: connector, availability and sessions"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->more_button), "flat");
  g_signal_connect_swapped (self->more_button, "toggled", G_CALLBACK (more_toggled_cb), self);
  gtk_flow_box_append (self->quick_flow, GTK_WIDGET (self->more_button));
}

static void
okc_charger_commands_init (OkcChargerCommands *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  okc_widget_name_drop_down (self->availability_dropdown, _("Availability"));
  add_quick_buttons (self);
  self->cancellable = g_cancellable_new ();
  self->clock = okc_clock_new_system (30);
  g_signal_connect_object (self->clock, "notify::now", G_CALLBACK (clock_ticked_cb), self,
                           G_CONNECT_SWAPPED);
  show_rows (self);
  okc_charger_commands_update (self);
}
