/* okc-ticket-row.c — one ticket in the queue: what, who, how urgent, how complete
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-ticket-row.h"
#include "okc-widget-util.h"

struct _OkcTicketRow
{
  GtkWidget parent_instance;

  OkcClock *clock;
  OkcTicket *ticket;

  GtkLabel *priority_label;
  GtkLabel *topic_label;
  GtkLabel *age_label;
  GtkLabel *who_label;
  GtkLabel *summary_label;
  GtkLabel *collected_label;
  GtkLabel *status_label;
  GtkLabel *sla_label;
  GtkLabel *assignee_label;
};

G_DEFINE_FINAL_TYPE (OkcTicketRow, okc_ticket_row, GTK_TYPE_WIDGET)

static const char * const priority_classes[] = {
  [OKC_PRIORITY_LOW] = "priority-low",
  [OKC_PRIORITY_NORMAL] = "priority-normal",
  [OKC_PRIORITY_HIGH] = "priority-high",
  [OKC_PRIORITY_URGENT] = "priority-urgent",
};

static void
update_age (OkcTicketRow *self)
{
  g_autofree char *age = NULL;

  if (self->ticket == NULL)
    return;

  age = okc_format_age (okc_ticket_get_created_at (self->ticket), okc_clock_get_now (self->clock));
  gtk_label_set_label (self->age_label, age);
}

static const char * const sla_classes[] = {
  [OKC_SLA_STATE_OK] = "sla-ok",
  [OKC_SLA_STATE_WARNING] = "sla-warning",
  [OKC_SLA_STATE_BREACHED] = "sla-breached",
  [OKC_SLA_STATE_PAUSED] = "sla-paused",
  [OKC_SLA_STATE_NONE] = "sla-none",
};

/* The time left to resolve, coloured by its state so that a glance down the queue finds
 * the warnings and the breaches; a breach says how long ago it was. */
static void
update_sla (OkcTicketRow *self)
{
  gint64 due_at = okc_ticket_get_sla_due_at (self->ticket);
  gint64 now = okc_clock_get_now (self->clock);
  OkcSlaState state = okc_sla_get_state (due_at, okc_ticket_get_sla_paused (self->ticket), now);
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sla_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->sla_label), sla_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->sla_label), sla_classes[state]);

  if (state == OKC_SLA_STATE_NONE)
    text = g_strdup ("");
  else if (state == OKC_SLA_STATE_PAUSED)
    text = g_strdup (_("SLA paused"));
  else
    text = okc_sla_format_remaining (due_at, now);
  gtk_label_set_label (self->sla_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->sla_label), state != OKC_SLA_STATE_NONE);
}

static void update_accessible_label (OkcTicketRow *self);

static void
clock_now_cb (OkcTicketRow *self)
{
  if (self->ticket == NULL)
    return;
  update_age (self);
  update_sla (self);
  update_accessible_label (self);
}

static void
update_priority (OkcTicketRow *self)
{
  OkcPriority priority = okc_ticket_get_priority (self->ticket);

  for (guint i = 0; i < G_N_ELEMENTS (priority_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->priority_label), priority_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->priority_label), priority_classes[priority]);
  gtk_label_set_label (self->priority_label, okc_priority_get_label (priority));
}

static void
update_collected (OkcTicketRow *self)
{
  guint collected = okc_ticket_get_n_collected (self->ticket);
  guint required = okc_ticket_get_n_required (self->ticket);
  gboolean complete = collected == required;
  g_autofree char *text = NULL;

  /* Translators: how many of the details the article asks for the chatbot collected,
   * "2 of 3 details"; the plural follows the second number */
  text = g_strdup_printf (ngettext ("%u of %u detail", "%u of %u details", required), collected,
                          required);
  gtk_label_set_label (self->collected_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->collected_label), complete ? "incomplete" : "complete");
  gtk_widget_add_css_class (GTK_WIDGET (self->collected_label), complete ? "complete" : "incomplete");
}

static char *
describe_requester (OkcTicket *ticket)
{
  const OkcRequester *requester = okc_ticket_get_requester (ticket);
  const char *property = okc_ticket_get_property_name (ticket);

  /* A host may name their account rather than a property: no need to say it twice. */
  if (property == NULL || g_strcmp0 (property, requester->name) == 0)
    return g_strdup (requester->name);
  /* Translators: requester and property, "Maya Chen · Lakeview Lofts" */
  return g_strdup_printf (_("%s · %s"), requester->name, property);
}

/* What a screen reader says for the row, in the order an agent scans it. */
static void
update_accessible_label (OkcTicketRow *self)
{
  g_autofree char *who = describe_requester (self->ticket);
  g_autofree char *opened = NULL;
  g_autofree char *label = NULL;
  gint64 age = okc_clock_get_now (self->clock) - okc_ticket_get_created_at (self->ticket);

  if (age < 60)
    opened = g_strdup (_("opened just now"));
  else
    /* Translators: %s is an age such as "2 h 10 min" */
    opened = g_strdup_printf (_("opened %s ago"), gtk_label_get_label (self->age_label));

  /* Translators: the spoken description of a queue row: priority, topic, requester and
   * property, when it was opened, the SLA time left, collected details */
  label = g_strdup_printf (_("%s priority: %s, %s, %s, %s, %s"),
                           gtk_label_get_label (self->priority_label),
                           gtk_label_get_label (self->topic_label), who, opened,
                           gtk_widget_get_visible (GTK_WIDGET (self->sla_label))
                             ? gtk_label_get_label (self->sla_label) : _("no SLA"),
                           gtk_label_get_label (self->collected_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* The list's item, which takes the focus, has no name of its own in GTK 4.8: a screen
   * reader landing on it says the row's. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/**
 * okc_ticket_row_set_ticket:
 * @ticket: (nullable): the ticket to show
 */
void
okc_ticket_row_set_ticket (OkcTicketRow *self,
                           OkcTicket    *ticket)
{
  g_autofree char *who = NULL;
  const char *assignee;

  g_return_if_fail (OKC_IS_TICKET_ROW (self));

  if (!g_set_object (&self->ticket, ticket) || ticket == NULL)
    return;

  who = describe_requester (ticket);
  assignee = okc_ticket_get_assignee_name (ticket);

  update_priority (self);
  gtk_label_set_label (self->topic_label, _(okc_ticket_get_topic (ticket)->short_title));
  gtk_label_set_label (self->who_label, who);
  gtk_label_set_label (self->summary_label, okc_ticket_get_summary (ticket));
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), okc_ticket_get_summary (ticket) != NULL);
  gtk_label_set_label (self->status_label, okc_ticket_status_get_label (okc_ticket_get_status (ticket)));
  gtk_label_set_label (self->assignee_label, assignee != NULL ? assignee : _("Unassigned"));
  update_collected (self);
  update_age (self);
  update_sla (self);
  update_accessible_label (self);
}

static void
okc_ticket_row_dispose (GObject *object)
{
  OkcTicketRow *self = OKC_TICKET_ROW (object);

  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_TICKET_ROW);
  g_clear_object (&self->ticket);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (okc_ticket_row_parent_class)->dispose (object);
}

static void
okc_ticket_row_class_init (OkcTicketRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_ticket_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-ticket-row.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcTicketRow, priority_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketRow, topic_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketRow, age_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketRow, who_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketRow, collected_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketRow, sla_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketRow, assignee_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
okc_ticket_row_init (OkcTicketRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * okc_ticket_row_new:
 * @clock: the clock the row's age follows
 *
 * Returns: (transfer floating): a row showing no ticket until okc_ticket_row_set_ticket().
 */
GtkWidget *
okc_ticket_row_new (OkcClock *clock)
{
  OkcTicketRow *self;

  g_return_val_if_fail (OKC_IS_CLOCK (clock), NULL);

  self = g_object_new (OKC_TYPE_TICKET_ROW, NULL);
  self->clock = g_object_ref (clock);
  g_signal_connect_object (clock, "notify::now", G_CALLBACK (clock_now_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
