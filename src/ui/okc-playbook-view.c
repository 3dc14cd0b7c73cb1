/* okc-playbook-view.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-client-chargers.h"
#include "okc-playbook-view.h"
#include "okc-widget-util.h"

/* The steps are the article's (okc-playbook.c). The evidence is fetched from the backend
 * when a ticket is shown: the charger for the charger topics (1, 2, 9), the customer's
 * access to it for a permission error (3). The step the evidence points to is marked. */
struct _OkcPlaybookView
{
  GtkWidget parent_instance;

  OkcClient *client;
  OkcClock *clock;
  OkcTicket *ticket;
  GCancellable *cancellable;

  GtkBox *evidence_box;
  GtkLabel *evidence_label;
  GtkLabel *verdict_label;
  GtkBox *steps_box;
};

G_DEFINE_FINAL_TYPE (OkcPlaybookView, okc_playbook_view, GTK_TYPE_WIDGET)

static void
show_steps (OkcPlaybookView      *self,
            const OkcPlaybook    *playbook,
            const OkcPlaybookStep *current)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_box))) != NULL)
    gtk_box_remove (self->steps_box, child);

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
  g_set_object (&self->clock, clock);
}

static void
okc_playbook_view_dispose (GObject *object)
{
  OkcPlaybookView *self = OKC_PLAYBOOK_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_PLAYBOOK_VIEW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->ticket);
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
}
