/* okc-ticket-view.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "okc-attachment-picture.h"
#include "okc-widget-util.h"
#include "okc-ticket-view.h"

struct _OkcTicketView
{
  GtkWidget parent_instance;

  OkcClient *client;
  OkcTicket *ticket;

  AdwWindowTitle *window_title;
  GtkStack *stack;
  GtkScrolledWindow *scrolled_window;
  GtkLabel *priority_label;
  GtkLabel *status_label;
  GtkLabel *opened_label;
  GtkLabel *topic_label;
  GtkLabel *summary_label;
  GtkGrid *requester_grid;
  AdwPreferencesGroup *details_group;
  GtkGrid *details_grid;
  AdwPreferencesGroup *attachments_group;
  GtkFlowBox *attachments_box;
  GtkBox *transcript_box;
};

G_DEFINE_FINAL_TYPE (OkcTicketView, okc_ticket_view, GTK_TYPE_WIDGET)

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (parent))
        gtk_flow_box_remove (GTK_FLOW_BOX (parent), child);
      else if (GTK_IS_GRID (parent))
        gtk_grid_remove (GTK_GRID (parent), child);
      else
        gtk_box_remove (GTK_BOX (parent), child);
    }
}

static char *
format_local_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  /* Translators: a date and time, as strftime() format: "24 Nov 2026, 09:30" */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

/* Adds "label   value" to a two-column grid. A %NULL value shows as missing (when
 * @required) or as not given. */
static void
add_grid_row (GtkGrid    *grid,
              int         row,
              const char *label_text,
              const char *value_text,
              gboolean    required)
{
  GtkWidget *label = gtk_label_new (label_text);
  GtkWidget *value;
  g_autofree char *spoken = NULL;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, row == 0 ? 12 : 0);

  if (value_text != NULL)
    {
      value = gtk_label_new (value_text);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
      /* Translators: a detail as a screen reader says it, "Charger ID: CH-10234" */
      spoken = g_strdup_printf (_("%s: %s"), label_text, value_text);
    }
  else
    {
      value = gtk_label_new (required ? _("Missing") : _("Not given"));
      gtk_widget_add_css_class (value, required ? "missing-value" : "dim-label");
      spoken = g_strdup_printf (required ? _("%s: missing") : _("%s: not given"), label_text);
    }
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_widget_set_margin_end (value, 12);
  gtk_widget_set_margin_top (value, row == 0 ? 12 : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);

  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, value, 1, row, 1, 1);
}

static void
finish_grid (GtkGrid *grid,
             int      rows)
{
  /* The card's bottom padding: an empty row of the grid's row spacing. */
  GtkWidget *spacer = gtk_label_new (NULL);

  gtk_grid_attach (grid, spacer, 0, rows, 2, 1);
}

static void
show_requester (OkcTicketView *self)
{
  const OkcRequester *requester = okc_ticket_get_requester (self->ticket);
  g_autofree char *audience = g_utf8_strdown (okc_audience_get_label (requester->audience), -1);
  g_autofree char *who = NULL;
  int row = 0;

  remove_children (GTK_WIDGET (self->requester_grid));

  /* Translators: a customer and what they are to OK2Charge, "Maya Chen (guest)" */
  who = g_strdup_printf (_("%s (%s)"), requester->name, audience);
  add_grid_row (self->requester_grid, row++, _("Name"), who, TRUE);
  if (requester->email != NULL)
    add_grid_row (self->requester_grid, row++, _("Email"), requester->email, TRUE);
  if (requester->phone != NULL)
    add_grid_row (self->requester_grid, row++, _("Phone"), requester->phone, TRUE);
  if (okc_ticket_get_property_id (self->ticket) != NULL)
    add_grid_row (self->requester_grid, row++, _("Property"),
                  okc_ticket_get_property_name (self->ticket), TRUE);
  if (okc_ticket_get_charger_id (self->ticket) != NULL)
    add_grid_row (self->requester_grid, row++, _("Charger"),
                  okc_ticket_get_charger_id (self->ticket), TRUE);
  finish_grid (self->requester_grid, row);
}

/* The text of a field: its value, or how it is covered by its alternative. */
static char *
describe_field (OkcTicket           *ticket,
                const OkcTopicField *field)
{
  const OkcTopicField *alternative;
  JsonNode *value;

  if (field->kind == OKC_FIELD_ATTACHMENT)
    return okc_ticket_has_field (ticket, field) ? g_strdup (_("Attached below")) : NULL;

  value = okc_ticket_get_field_value (ticket, field->key);
  if (value != NULL)
    return okc_topic_field_format (field, value);

  alternative = okc_topic_lookup_field (okc_ticket_get_topic (ticket), field->alternative);
  if (alternative != NULL && okc_ticket_has_field (ticket, alternative))
    /* Translators: a detail the customer did not give, covered by another: "Not given;
     * see Photo of the QR code" */
    return g_strdup_printf (_("Not given; see %s"), _(alternative->label));
  return NULL;
}

static void
show_details (OkcTicketView *self)
{
  const OkcTopic *topic = okc_ticket_get_topic (self->ticket);
  g_autofree char *description = NULL;
  int row = 0;

  remove_children (GTK_WIDGET (self->details_grid));

  for (guint i = 0; i < topic->n_fields; i++)
    {
      const OkcTopicField *field = &topic->fields[i];
      g_autofree char *text = describe_field (self->ticket, field);

      add_grid_row (self->details_grid, row++, _(field->label), text, field->required);
    }
  finish_grid (self->details_grid, row);

  /* Translators: how many of the details the article asks for the chatbot collected */
  description = g_strdup_printf (_("%u of %u required details collected"),
                                 okc_ticket_get_n_collected (self->ticket),
                                 okc_ticket_get_n_required (self->ticket));
  adw_preferences_group_set_description (self->details_group, description);
}

static void
show_attachments (OkcTicketView *self)
{
  GListModel *attachments = okc_ticket_get_attachments (self->ticket);
  guint n = g_list_model_get_n_items (attachments);

  remove_children (GTK_WIDGET (self->attachments_box));
  gtk_widget_set_visible (GTK_WIDGET (self->attachments_group), n > 0);

  for (guint i = 0; i < n && self->client != NULL; i++)
    {
      g_autoptr(OkcAttachment) attachment = g_list_model_get_item (attachments, i);
      gtk_flow_box_append (self->attachments_box,
                           okc_attachment_picture_new (self->client, attachment));
    }
}

static const char *
describe_sender (OkcSender sender)
{
  switch (sender)
    {
    case OKC_SENDER_CUSTOMER:
      return _("Customer");
    case OKC_SENDER_CHATBOT:
      return _("Chatbot");
    case OKC_SENDER_AGENT:
      return _("Agent");
    default:
      g_return_val_if_reached (NULL);
    }
}

static GtkWidget *
create_message_bubble (OkcMessage *message)
{
  OkcSender sender = okc_message_get_sender (message);
  gboolean from_customer = sender == OKC_SENDER_CUSTOMER;
  GtkWidget *bubble = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (okc_message_get_sent_at (message));
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  g_autofree char *heading_text = g_strdup_printf ("%s · %s", describe_sender (sender), time);
  GtkWidget *heading = gtk_label_new (heading_text);
  GtkWidget *text = gtk_label_new (okc_message_get_text (message));

  gtk_widget_add_css_class (heading, "caption");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);

  gtk_box_append (GTK_BOX (bubble), heading);
  gtk_box_append (GTK_BOX (bubble), text);
  gtk_widget_add_css_class (bubble, "message-bubble");
  gtk_widget_add_css_class (bubble, from_customer ? "from-customer" : "from-chatbot");
  gtk_widget_set_halign (bubble, from_customer ? GTK_ALIGN_START : GTK_ALIGN_END);
  gtk_widget_set_margin_start (bubble, from_customer ? 0 : 48);
  gtk_widget_set_margin_end (bubble, from_customer ? 48 : 0);
  return bubble;
}

static void
show_transcript (OkcTicketView *self)
{
  GListModel *transcript = okc_ticket_get_transcript (self->ticket);
  guint n = g_list_model_get_n_items (transcript);

  remove_children (GTK_WIDGET (self->transcript_box));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OkcMessage) message = g_list_model_get_item (transcript, i);
      gtk_box_append (self->transcript_box, create_message_bubble (message));
    }
}

static void
show_header (OkcTicketView *self)
{
  static const char * const priority_classes[] = {
    "priority-low", "priority-normal", "priority-high", "priority-urgent",
  };
  OkcPriority priority = okc_ticket_get_priority (self->ticket);
  g_autofree char *opened = format_local_time (okc_ticket_get_created_at (self->ticket));
  g_autofree char *opened_text = NULL;
  g_autofree char *priority_text = NULL;
  const char *summary = okc_ticket_get_summary (self->ticket);

  for (guint i = 0; i < G_N_ELEMENTS (priority_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->priority_label), priority_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->priority_label), priority_classes[priority]);
  /* Translators: a priority badge, "High priority" */
  priority_text = g_strdup_printf (_("%s priority"), okc_priority_get_label (priority));
  gtk_label_set_label (self->priority_label, priority_text);
  gtk_label_set_label (self->status_label,
                       okc_ticket_status_get_label (okc_ticket_get_status (self->ticket)));

  /* Translators: when a ticket was opened, "Opened 24 Nov 2026, 09:30" */
  opened_text = g_strdup_printf (_("Opened %s"), opened);
  gtk_label_set_label (self->opened_label, opened_text);
  gtk_label_set_label (self->topic_label, _(okc_ticket_get_topic (self->ticket)->title));
  gtk_label_set_label (self->summary_label, summary != NULL ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL);

  adw_window_title_set_title (self->window_title, okc_ticket_get_id (self->ticket));
  adw_window_title_set_subtitle (self->window_title, okc_ticket_get_requester (self->ticket)->name);
}

/**
 * okc_ticket_view_set_ticket:
 * @ticket: (nullable): the ticket to show, or %NULL for none
 *
 * Shows @ticket. A newer version of the ticket already shown keeps the scroll position.
 */
void
okc_ticket_view_set_ticket (OkcTicketView *self,
                            OkcTicket     *ticket)
{
  gboolean same_ticket;

  g_return_if_fail (OKC_IS_TICKET_VIEW (self));

  same_ticket = self->ticket != NULL && ticket != NULL &&
                g_strcmp0 (okc_ticket_get_id (self->ticket), okc_ticket_get_id (ticket)) == 0;
  if (!g_set_object (&self->ticket, ticket))
    return;

  if (ticket == NULL)
    {
      adw_window_title_set_title (self->window_title, "");
      adw_window_title_set_subtitle (self->window_title, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  show_header (self);
  show_requester (self);
  show_details (self);
  show_attachments (self);
  show_transcript (self);
  gtk_stack_set_visible_child_name (self->stack, "ticket");

  if (!same_ticket)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

/**
 * okc_ticket_view_get_ticket:
 *
 * Returns: (transfer none) (nullable): the ticket shown.
 */
OkcTicket *
okc_ticket_view_get_ticket (OkcTicketView *self)
{
  g_return_val_if_fail (OKC_IS_TICKET_VIEW (self), NULL);
  return self->ticket;
}

/**
 * okc_ticket_view_set_client:
 * @client: (nullable): what attachments are fetched with
 */
void
okc_ticket_view_set_client (OkcTicketView *self,
                            OkcClient     *client)
{
  g_return_if_fail (OKC_IS_TICKET_VIEW (self));

  g_set_object (&self->client, client);
}

static void
okc_ticket_view_dispose (GObject *object)
{
  OkcTicketView *self = OKC_TICKET_VIEW (object);

  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_TICKET_VIEW);
  g_clear_object (&self->ticket);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (okc_ticket_view_parent_class)->dispose (object);
}

static void
okc_ticket_view_class_init (OkcTicketViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_ticket_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-ticket-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, window_title);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, stack);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, priority_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, status_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, opened_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, topic_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, requester_grid);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, details_group);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, details_grid);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, attachments_group);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, attachments_box);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, transcript_box);
}

static void
okc_ticket_view_init (OkcTicketView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
