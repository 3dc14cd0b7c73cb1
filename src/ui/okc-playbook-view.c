/* okc-playbook-view.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-charger-command.h"
#include "okc-client-chargers.h"
#include "okc-playbook-view.h"
#include "okc-widget-util.h"

/* The steps are the article's (okc-playbook.c). The evidence is fetched from the backend
 * when a ticket is shown: the charger for the charger topics (1, 2, 9), the customer's
 * access to it for a permission error (3). The step the evidence points to is marked.
 * Once the live charger is given (okc_playbook_view_set_charger(), from the fleet), the
 * step is judged again on every change of it and as the clock ticks; a step that a remote
 * command carries out offers that command. */
struct _OkcPlaybookView
{
  GtkWidget parent_instance;

  OkcClient *client;
  OkcClock *clock;
  OkcTicket *ticket;
  OkcCharger *charger;
  GCancellable *cancellable;
  const OkcPlaybookStep *current;
  GtkButton *step_button;

  GtkBox *evidence_box;
  GtkLabel *evidence_label;
  GtkLabel *verdict_label;
  GtkBox *steps_box;
};

enum
{
  SIGNAL_RUN_COMMAND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OkcPlaybookView, okc_playbook_view, GTK_TYPE_WIDGET)

/* The steps a remote command carries out, by the article's (untranslated) words; the
 * connector to unlock is the one whose lock failed, else the first faulted one. */
static gboolean
step_command (const OkcPlaybookStep *step,
              OkcCharger            *charger,
              OkcCommandKind        *out_kind,
              guint                 *out_connector_id)
{
  GPtrArray *connectors;

  *out_connector_id = 0;
  if (g_str_has_prefix (step->text, "Ask the charger for a heartbeat"))
    *out_kind = OKC_COMMAND_KIND_TRIGGER_HEARTBEAT;
  else if (g_str_has_prefix (step->text, "Reset the charger remotely"))
    *out_kind = OKC_COMMAND_KIND_SOFT_RESET;
  else if (g_str_has_prefix (step->text, "Unlock the connector"))
    *out_kind = OKC_COMMAND_KIND_UNLOCK_CONNECTOR;
  else
    return FALSE;

  if (*out_kind != OKC_COMMAND_KIND_UNLOCK_CONNECTOR)
    return TRUE;
  connectors = okc_charger_get_connectors (charger);
  for (guint i = 0; i < connectors->len && *out_connector_id == 0; i++)
    if (okc_connector_get_error_code (g_ptr_array_index (connectors, i)) ==
        OKC_CHARGE_POINT_ERROR_CONNECTOR_LOCK_FAILURE)
      *out_connector_id = okc_connector_get_id (g_ptr_array_index (connectors, i));
  for (guint i = 0; i < connectors->len && *out_connector_id == 0; i++)
    if (okc_connector_get_status (g_ptr_array_index (connectors, i)) == OKC_CONNECTOR_STATUS_FAULTED)
      *out_connector_id = okc_connector_get_id (g_ptr_array_index (connectors, i));
  if (*out_connector_id == 0)
    *out_connector_id = 1;
  return TRUE;
}

/* The current step's button: enabled when the charger can take the command now, and
 * otherwise saying why, as the command's own button does. */
static void
update_step_button (OkcPlaybookView *self)
{
  OkcCommandKind kind;
  guint connector_id;
  g_autofree char *reason = NULL;
  gboolean possible;

  if (self->step_button == NULL || self->charger == NULL ||
      !step_command (self->current, self->charger, &kind, &connector_id))
    return;
  possible = okc_charger_check_command (self->charger, kind, connector_id,
                                        okc_clock_get_now (self->clock), &reason);
  gtk_widget_set_sensitive (GTK_WIDGET (self->step_button), possible);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->step_button), reason);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->step_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  reason != NULL ? reason : _("Sends the command to the charger"), -1);
}

static void
step_button_clicked_cb (OkcPlaybookView *self)
{
  OkcCommandKind kind;
  guint connector_id;

  if (self->charger == NULL || self->current == NULL ||
      !step_command (self->current, self->charger, &kind, &connector_id))
    return;
  g_signal_emit (self, signals[SIGNAL_RUN_COMMAND], 0, (guint) kind, connector_id);
}

/* "Soft Reset", "Ask for Heartbeat", "Unlock Connector 2": the command's button's words. */
static char *
step_button_label (OkcCommandKind kind,
                   guint          connector_id)
{
  switch (kind)
    {
    case OKC_COMMAND_KIND_TRIGGER_HEARTBEAT:
      return g_strdup (_("Ask for Heartbeat"));
    case OKC_COMMAND_KIND_SOFT_RESET:
      return g_strdup (_("Soft Reset"));
    case OKC_COMMAND_KIND_UNLOCK_CONNECTOR:
      /* Translators: a one-click playbook step, "Unlock Connector 2" */
      return g_strdup_printf (_("Unlock Connector %u"), connector_id);
    default:
      return g_strdup (okc_command_kind_get_label (kind));
    }
}

static void
show_steps (OkcPlaybookView      *self,
            const OkcPlaybook    *playbook,
            const OkcPlaybookStep *current)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_box))) != NULL)
    gtk_box_remove (self->steps_box, child);
  self->current = current;
  self->step_button = NULL;

  for (guint i = 0; playbook != NULL && i < playbook->n_steps; i++)
    {
      const OkcPlaybookStep *step = &playbook->steps[i];
      g_autofree char *text = g_strdup_printf ("%u. %s", i + 1, _(step->text));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      if (step == current)
        {
          /* Translators: the playbook step the live evidence points to */
          g_autofree char *marked = g_strdup_printf (_("%s (next step)"), text);

          gtk_label_set_label (GTK_LABEL (label), marked);
          gtk_widget_add_css_class (label, "playbook-current");
        }
      else
        gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->steps_box, label);

      if (step == current && self->charger != NULL)
        {
          OkcCommandKind kind;
          guint connector_id;

          if (step_command (step, self->charger, &kind, &connector_id))
            {
              g_autofree char *button_text = step_button_label (kind, connector_id);
              /* Translators: a playbook step's one-click action, "Do this step: Soft Reset" */
              g_autofree char *spoken = g_strdup_printf (_("Do this step: %s"), button_text);
              GtkWidget *button = gtk_button_new_with_label (button_text);

              gtk_widget_set_halign (button, GTK_ALIGN_START);
              gtk_widget_add_css_class (button, "suggested-action");
              gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              spoken, -1);
              g_signal_connect_object (button, "clicked", G_CALLBACK (step_button_clicked_cb), self,
                                       G_CONNECT_SWAPPED);
              gtk_box_append (self->steps_box, button);
              self->step_button = GTK_BUTTON (button);
              update_step_button (self);
            }
        }
    }
}

static void
show_evidence (OkcPlaybookView *self,
               const char      *evidence,
               const char      *verdict)
{
  gtk_label_set_label (self->evidence_label, evidence != NULL ? evidence : "");
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_label), evidence != NULL);
  gtk_label_set_label (self->verdict_label, verdict != NULL ? verdict : "");
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_label), verdict != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_box), evidence != NULL || verdict != NULL);
}

/* "CH-10084 · Offline · last heartbeat 3 h 12 min ago · Summit Cabins, Unit 4" */
static char *
describe_charger (OkcCharger *charger,
                  gint64      now)
{
  g_autoptr(GString) text = g_string_new (okc_charger_get_id (charger));
  gint64 heartbeat = okc_charger_get_last_heartbeat (charger);

  g_string_append_printf (text, " · %s", okc_charger_status_get_label (okc_charger_get_status (charger)));
  if (heartbeat == 0)
    g_string_append_printf (text, " · %s", _("never sent a heartbeat"));
  else
    {
      g_autofree char *age = okc_playbook_format_age (MAX (0, now - heartbeat));
      /* Translators: %s is an age such as "3 h 12 min" */
      g_string_append (text, " · ");
      g_string_append_printf (text, _("last heartbeat %s ago"), age);
    }
  if (okc_charger_get_property_name (charger) != NULL)
    g_string_append_printf (text, " · %s", okc_charger_get_property_name (charger));
  if (okc_charger_get_unit_name (charger) != NULL)
    g_string_append_printf (text, ", %s", okc_charger_get_unit_name (charger));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Judges again by the live charger; the steps are rebuilt only when another one applies,
 * so a tick of the clock does not take the focus from the step's button. */
static void
judge_live (OkcPlaybookView *self)
{
  const OkcPlaybook *playbook;
  const OkcPlaybookStep *step;
  g_autofree char *reason = NULL;
  g_autofree char *evidence = NULL;
  gint64 now;

  if (self->ticket == NULL || self->charger == NULL)
    return;
  playbook = okc_playbook_lookup (okc_ticket_get_topic (self->ticket)->id);
  if (playbook == NULL || !okc_playbook_is_about_charger (playbook))
    return;

  now = okc_clock_get_now (self->clock);
  step = okc_playbook_judge_charger (playbook, self->charger, now, &reason);
  evidence = describe_charger (self->charger, now);
  show_evidence (self, evidence, reason);
  if (step != self->current || gtk_widget_get_first_child (GTK_WIDGET (self->steps_box)) == NULL)
    show_steps (self, playbook, step);
  else
    update_step_button (self);
}

static gboolean
is_current (OkcPlaybookView *self,
            const char      *ticket_id)
{
  return self->ticket != NULL && g_str_equal (okc_ticket_get_id (self->ticket), ticket_id);
}

static void
charger_fetched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OkcPlaybookView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = okc_client_get_charger_finish (OKC_CLIENT (object), result, &error);
  const OkcPlaybook *playbook;
  const OkcPlaybookStep *step;
  g_autofree char *reason = NULL;
  g_autofree char *evidence = NULL;
  gint64 now = okc_clock_get_now (self->clock);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->ticket == NULL)
    return;
  /* The live charger, given meanwhile, is newer. */
  if (self->charger != NULL)
    return;
  playbook = okc_playbook_lookup (okc_ticket_get_topic (self->ticket)->id);

  if (charger == NULL && !g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND))
    {
      /* Translators: %s is why the charger's live status could not be fetched */
      g_autofree char *problem = g_strdup_printf (_("The charger’s live status is not available: %s"),
                                                  error->message);
      show_evidence (self, problem, NULL);
      return;
    }

  step = okc_playbook_judge_charger (playbook, charger, now, &reason);
  if (charger != NULL)
    evidence = describe_charger (charger, now);
  else
    /* Translators: %s is a charger ID the customer gave */
    evidence = g_strdup_printf (_("The network knows no charger “%s”"),
                                okc_ticket_get_charger_id (self->ticket));
  show_evidence (self, evidence, reason);
  g_set_object (&self->charger, charger);
  show_steps (self, playbook, step);
}

/* Who the customer is on OK2Charge: the account contact the chatbot collected, else the
 * requester's email or phone. */
static const char *
account_of (OkcTicket *ticket)
{
  JsonNode *contact = okc_ticket_get_field_value (ticket, "account_contact");
  const OkcRequester *requester = okc_ticket_get_requester (ticket);

  if (contact != NULL && JSON_NODE_HOLDS_VALUE (contact) &&
      json_node_get_value_type (contact) == G_TYPE_STRING)
    return json_node_get_string (contact);
  return requester->email != NULL ? requester->email : requester->phone;
}

static void
access_fetched_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OkcPlaybookView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerAccess) access =
    okc_client_get_charger_access_finish (OKC_CLIENT (object), result, &error);
  const OkcPlaybook *playbook;
  const OkcPlaybookStep *step;
  g_autofree char *evidence = NULL;
  g_autofree char *reason = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->ticket == NULL)
    return;
  playbook = okc_playbook_lookup (okc_ticket_get_topic (self->ticket)->id);

  if (access == NULL)
    {
      /* Translators: %s is why the customer's access could not be checked */
      g_autofree char *problem = g_strdup_printf (_("The customer’s access could not be checked: %s"),
                                                  error->message);
      show_evidence (self, problem, NULL);
      return;
    }

  /* Translators: "Access to CH-10084 for maya@example.com: not allowed" */
  evidence = g_strdup_printf (_("Access to %s for %s: %s"), okc_charger_access_get_charger_id (access),
                              account_of (self->ticket),
                              okc_charger_access_get_allowed (access) ? _("allowed") : _("not allowed"));
  step = okc_playbook_judge_access (playbook, access, &reason);
  show_evidence (self, evidence, reason);
  show_steps (self, playbook, step);
}

static void
fetch_evidence (OkcPlaybookView   *self,
                const OkcPlaybook *playbook)
{
  const char *charger_id = okc_ticket_get_charger_id (self->ticket);

  if (self->client == NULL)
    return;

  if (okc_playbook_is_about_charger (playbook))
    {
      if (charger_id == NULL)
        {
          g_autofree char *reason = NULL;
          const OkcPlaybookStep *step = okc_playbook_judge_charger (playbook, NULL, 0, &reason);

          show_evidence (self, NULL, reason);
          show_steps (self, playbook, step);
          return;
        }
      show_evidence (self, _("Fetching the charger’s live status…"), NULL);
      okc_client_get_charger_async (self->client, charger_id, self->cancellable,
                                    charger_fetched_cb, g_object_ref (self));
    }
  else if (g_str_equal (playbook->topic_id, "no-permission") && charger_id != NULL &&
           account_of (self->ticket) != NULL)
    {
      show_evidence (self, _("Checking the customer’s access to the charger…"), NULL);
      okc_client_get_charger_access_async (self->client, charger_id, account_of (self->ticket),
                                           self->cancellable, access_fetched_cb,
                                           g_object_ref (self));
    }
}

/**
 * okc_playbook_view_set_ticket:
 * @ticket: (nullable): the ticket shown
 *
 * Shows its topic's steps, and fetches the evidence again when another ticket is shown.
 */
void
okc_playbook_view_set_ticket (OkcPlaybookView *self,
                              OkcTicket       *ticket)
{
  const OkcPlaybook *playbook;
  gboolean same;

  g_return_if_fail (OKC_IS_PLAYBOOK_VIEW (self));

  same = self->ticket != NULL && ticket != NULL && is_current (self, okc_ticket_get_id (ticket));
  g_set_object (&self->ticket, ticket);
  if (same)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->charger);
  show_evidence (self, NULL, NULL);
  playbook = ticket != NULL ? okc_playbook_lookup (okc_ticket_get_topic (ticket)->id) : NULL;
  show_steps (self, playbook, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), playbook != NULL);
  if (playbook == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  fetch_evidence (self, playbook);
}

/**
 * okc_playbook_view_set_charger:
 * @charger: (nullable): the ticket's charger as the fleet last heard of it
 *
 * Judges the charger topics' steps by @charger from now on, instead of the charger fetched
 * when the ticket was shown. Another charger than the ticket's is ignored, and so is %NULL
 * (the charger is not known yet: the fetched one stands).
 */
void
okc_playbook_view_set_charger (OkcPlaybookView *self,
                               OkcCharger      *charger)
{
  const char *charger_id;

  g_return_if_fail (OKC_IS_PLAYBOOK_VIEW (self));
  g_return_if_fail (charger == NULL || OKC_IS_CHARGER (charger));

  charger_id = self->ticket != NULL ? okc_ticket_get_charger_id (self->ticket) : NULL;
  if (charger == NULL || charger_id == NULL ||
      g_ascii_strcasecmp (okc_charger_get_id (charger), charger_id) != 0)
    return;
  g_set_object (&self->charger, charger);
  judge_live (self);
}

static void
clock_ticked_cb (OkcPlaybookView *self)
{
  judge_live (self);
}

/**
 * okc_playbook_view_set_client:
 * @client: (nullable): what the evidence is fetched with
 */
void
okc_playbook_view_set_client (OkcPlaybookView *self,
                              OkcClient       *client)
{
  g_return_if_fail (OKC_IS_PLAYBOOK_VIEW (self));
  g_set_object (&self->client, client);
}

/**
 * okc_playbook_view_set_clock:
 * @clock: what heartbeat ages are measured against
 */
void
okc_playbook_view_set_clock (OkcPlaybookView *self,
                             OkcClock        *clock)
{
  g_return_if_fail (OKC_IS_PLAYBOOK_VIEW (self));
  g_return_if_fail (OKC_IS_CLOCK (clock));

  if (self->clock == clock)
    return;
  g_signal_handlers_disconnect_by_data (self->clock, self);
  g_set_object (&self->clock, clock);
  g_signal_connect_object (clock, "notify::now", G_CALLBACK (clock_ticked_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
okc_playbook_view_dispose (GObject *object)
{
  OkcPlaybookView *self = OKC_PLAYBOOK_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_PLAYBOOK_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->ticket);
  g_clear_object (&self->charger);
  g_clear_object (&self->client);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (okc_playbook_view_parent_class)->dispose (object);
}

static void
okc_playbook_view_class_init (OkcPlaybookViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_playbook_view_dispose;

  /**
   * OkcPlaybookView::run-command:
   * @kind: an #OkcCommandKind
   * @connector_id: its connector, 0 for the charger
   *
   * The agent chose the current step's one-click action: whoever holds the charger's
   * commands sends @kind.
   */
  signals[SIGNAL_RUN_COMMAND] =
    g_signal_new ("run-command", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-playbook-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcPlaybookView, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, OkcPlaybookView, evidence_label);
  gtk_widget_class_bind_template_child (widget_class, OkcPlaybookView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, OkcPlaybookView, steps_box);
}

static void
okc_playbook_view_init (OkcPlaybookView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->clock = okc_clock_new_system (30);
  g_signal_connect_object (self->clock, "notify::now", G_CALLBACK (clock_ticked_cb), self,
                           G_CONNECT_SWAPPED);
}
