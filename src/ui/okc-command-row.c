/* okc-command-row.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-command-row.h"
#include "okc-widget-util.h"

struct _OkcCommandRow
{
  GtkListBoxRow parent_instance;

  OkcChargerCommand *command;

  GtkStack *state_stack;
  GtkSpinner *spinner;
  GtkImage *state_icon;
  GtkLabel *kind_label;
  GtkLabel *state_label;
  GtkLabel *outcome_label;
  GtkLabel *requested_label;
};

G_DEFINE_FINAL_TYPE (OkcCommandRow, okc_command_row, GTK_TYPE_LIST_BOX_ROW)

static const char * const state_classes[] = {
  "command-sent", "command-accepted", "command-rejected",
  "command-timed-out", "command-completed", "command-failed",
};

static const char *
state_icon_name (OkcCommandState state)
{
  switch (state)
    {
    case OKC_COMMAND_STATE_ACCEPTED:
      return "object-select-symbolic";
    case OKC_COMMAND_STATE_REJECTED:
      return "action-unavailable-symbolic";
    case OKC_COMMAND_STATE_TIMED_OUT:
      return "alarm-symbolic";
    case OKC_COMMAND_STATE_COMPLETED:
      return "emblem-ok-symbolic";
    case OKC_COMMAND_STATE_FAILED:
      return "dialog-error-symbolic";
    case OKC_COMMAND_STATE_SENT:
    default:
      return "mail-send-symbolic";
    }
}

/* "Soft reset", "Unlock connector · connector 1", "Change availability · connector 0 →
 * inoperative": what was asked, in the words of the buttons. */
static char *
describe_kind (OkcChargerCommand *command)
{
  OkcCommandKind kind = okc_charger_command_get_kind (command);
  guint connector_id = okc_charger_command_get_connector_id (command);
  g_autoptr(GString) text = g_string_new (okc_command_kind_get_label (kind));

  if (kind == OKC_COMMAND_KIND_CHANGE_AVAILABILITY)
    {
      const char *availability =
        okc_charger_command_get_availability (command) == OKC_AVAILABILITY_OPERATIVE
          ? _("operative") : _("inoperative");

      if (connector_id == 0)
        /* Translators: a change of availability for the whole charger, "all connectors → inoperative" */
        g_string_append_printf (text, " · %s → %s", _("all connectors"), availability);
      else
        {
          /* Translators: which connector a command was for, "connector 1" */
          g_autofree char *connector = g_strdup_printf (_("connector %u"), connector_id);

          g_string_append_printf (text, " · %s → %s", connector, availability);
        }
    }
  else if (okc_command_kind_needs_connector (kind))
    {
      /* Translators: which connector a command was for, "connector 1" */
      g_autofree char *connector = g_strdup_printf (_("connector %u"), connector_id);

      g_string_append_printf (text, " · %s", connector);
    }
  if (kind == OKC_COMMAND_KIND_REMOTE_STOP && okc_charger_command_get_end_billing (command))
    g_string_append_printf (text, " · %s", _("billing stopped"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "Sent…" while the charger has not answered, then the state's own word. */
static char *
describe_state (OkcCommandState state)
{
  if (state == OKC_COMMAND_STATE_SENT)
    /* Translators: a command sent to a charger that has not answered yet */
    return g_strdup (_("Sent…"));
  return g_strdup (okc_command_state_get_label (state));
}

/* "Alex Rivera · 24 Nov 2026, 09:30 · from TCK-000123" */
static char *
describe_request (OkcChargerCommand *command)
{
  const char *who = okc_charger_command_get_requested_by_name (command);
  const char *ticket_id = okc_charger_command_get_ticket_id (command);
  gint64 at = okc_charger_command_get_requested_at (command);
  g_autoptr(GString) text = g_string_new (who != NULL ? who : _("Someone"));

  if (at > 0)
    {
      g_autofree char *when = okc_format_local_time (at);
      g_string_append_printf (text, " · %s", when);
    }
  if (ticket_id != NULL)
    {
      /* Translators: the ticket a command was sent from, "from TCK-000123" */
      g_autofree char *from = g_strdup_printf (_("from %s"), ticket_id);

      g_string_append_printf (text, " · %s", from);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_command (OkcCommandRow *self)
{
  OkcCommandState state = okc_charger_command_get_state (self->command);
  const char *outcome = okc_charger_command_get_outcome (self->command);
  g_autofree char *kind = describe_kind (self->command);
  g_autofree char *state_text = describe_state (state);
  g_autofree char *request = describe_request (self->command);
  g_autofree char *spoken = NULL;
  gboolean waiting = state == OKC_COMMAND_STATE_SENT;

  gtk_label_set_label (self->kind_label, kind);
  gtk_label_set_label (self->state_label, state_text);
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), state_classes[i]);
  if ((guint) state < G_N_ELEMENTS (state_classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), state_classes[state]);

  gtk_spinner_set_spinning (self->spinner, waiting);
  gtk_image_set_from_icon_name (self->state_icon, state_icon_name (state));
  gtk_stack_set_visible_child (self->state_stack,
                               waiting ? GTK_WIDGET (self->spinner) : GTK_WIDGET (self->state_icon));

  gtk_label_set_label (self->outcome_label, outcome != NULL ? outcome : "");
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_label), outcome != NULL);
  gtk_label_set_label (self->requested_label, request);

  /* Translators: a command as a screen reader reads its row: "Soft reset: Completed.
   * Rebooted; connector 1 Available. Alex Rivera · 24 Nov 2026, 09:30" */
  spoken = g_strdup_printf (_("%s: %s. %s %s"), kind, state_text, outcome != NULL ? outcome : "", request);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

/**
 * okc_command_row_set_command:
 * @command: the command, as last heard of
 */
void
okc_command_row_set_command (OkcCommandRow     *self,
                             OkcChargerCommand *command)
{
  g_return_if_fail (OKC_IS_COMMAND_ROW (self));
  g_return_if_fail (OKC_IS_CHARGER_COMMAND (command));

  g_set_object (&self->command, command);
  show_command (self);
}

/**
 * okc_command_row_get_command:
 *
 * Returns: (transfer none): the command shown.
 */
OkcChargerCommand *
okc_command_row_get_command (OkcCommandRow *self)
{
  g_return_val_if_fail (OKC_IS_COMMAND_ROW (self), NULL);
  return self->command;
}

/**
 * okc_command_row_new:
 * @command: a command the backend has recorded
 *
 * Returns: (transfer floating): a row showing @command.
 */
GtkWidget *
okc_command_row_new (OkcChargerCommand *command)
{
  OkcCommandRow *self;

  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (command), NULL);

  self = g_object_new (OKC_TYPE_COMMAND_ROW, NULL);
  okc_command_row_set_command (self, command);
  return GTK_WIDGET (self);
}

static void
okc_command_row_dispose (GObject *object)
{
  OkcCommandRow *self = OKC_COMMAND_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_COMMAND_ROW);
  g_clear_object (&self->command);

  G_OBJECT_CLASS (okc_command_row_parent_class)->dispose (object);
}

static void
okc_command_row_class_init (OkcCommandRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_command_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-command-row.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcCommandRow, state_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcCommandRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, OkcCommandRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, OkcCommandRow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, OkcCommandRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, OkcCommandRow, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, OkcCommandRow, requested_label);
}

static void
okc_command_row_init (OkcCommandRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
