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
#include "okc-charger-card.h"
#include "okc-playbook-view.h"
#include "okc-reply-composer.h"
#include "okc-ticket-audit.h"
#include "okc-ticket-sessions.h"
#include "okc-time-format.h"
#include "okc-timeline-row.h"
#include "okc-widget-util.h"
#include "okc-ticket-view.h"

struct _OkcTicketView
{
  GtkWidget parent_instance;

  OkcClient *client;
  OkcTicket *ticket;
  OkcUser *user;

  AdwWindowTitle *window_title;
  GtkStack *claim_stack;
  GtkButton *claim_button;
  GtkStack *resolve_stack;
  GtkMenuButton *more_button;
  GMenu *assign_submenu;
  OkcChargerCard *charger_card;
  OkcTicketSessions *ticket_sessions;
  OkcTicketAudit *ticket_audit;
  GtkRevealer *presence_revealer;
  GtkLabel *presence_label;
  AdwPreferencesGroup *timeline_group;
  GtkBox *timeline_box;
  OkcReplyComposer *composer;
  OkcPlaybookView *playbook_view;
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

/* A topic-10 ticket's payout IDs each open their payout's page (win.show-payout). */
static void
add_payout_buttons (OkcTicketView *self,
                    int            row)
{
  JsonNode *value = okc_ticket_get_field_value (self->ticket, "payout_ids");
  JsonArray *ids = value != NULL && JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value)
                                                                  : NULL;
  GtkWidget *box;

  if (ids == NULL || json_array_get_length (ids) == 0)
    return;
  box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 4);
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      JsonNode *id = json_array_get_element (ids, i);
      g_autofree char *label = NULL;
      GtkWidget *button;

      if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
        continue;
      /* Translators: a button that opens a payout's reconciliation, "Open PAY-00012" */
      label = g_strdup_printf (_("Open %s"), json_node_get_string (id));
      button = gtk_button_new_with_label (label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-payout");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", json_node_get_string (id));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_flow_box_append (GTK_FLOW_BOX (box), button);
    }
  gtk_grid_attach (self->details_grid, box, 1, row, 1, 1);
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
      if (g_str_equal (field->key, "payout_ids"))
        add_payout_buttons (self, row++);
    }
  finish_grid (self->details_grid, row);

  /* Translators: how many of the details the article asks for the chatbot collected,
   * "2 of 3 required details collected"; the plural follows the second number */
  description = g_strdup_printf (ngettext ("%u of %u required detail collected",
                                           "%u of %u required details collected",
                                           okc_ticket_get_n_required (self->ticket)),
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
  g_autofree char *time = okc_time_format (local, OKC_TIME_FORM_TIME);
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
  g_autofree char *opened = okc_format_local_time (okc_ticket_get_created_at (self->ticket));
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

/* The header's buttons follow the ticket: Claim or Release as it is someone else's or
 * the agent's own, Resolve or Reopen as it is open or resolved. What they do is the
 * window's (win.claim-ticket and the rest), enabled there. */
static void
show_actions (OkcTicketView *self)
{
  gboolean shown = self->ticket != NULL;
  gboolean resolved = shown && okc_ticket_get_status (self->ticket) == OKC_TICKET_STATUS_RESOLVED;
  gboolean mine = shown && self->user != NULL &&
                  g_strcmp0 (okc_ticket_get_assignee_id (self->ticket), okc_user_get_id (self->user)) == 0;

  gboolean colleagues = shown && !mine && okc_ticket_get_assignee_id (self->ticket) != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->claim_stack), shown && !resolved);
  gtk_stack_set_visible_child_name (self->claim_stack, mine ? "release" : "claim");
  /* Claiming a colleague's ticket is a different decision from picking up a free one:
   * the button says which it is. */
  gtk_button_set_label (self->claim_button, colleagues ? _("_Take Over") : _("_Claim"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->claim_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  colleagues ? _("Take over the ticket") : _("Claim the ticket"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->resolve_stack), shown);
  gtk_stack_set_visible_child_name (self->resolve_stack, resolved ? "reopen" : "resolve");
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), shown && !resolved);
  gtk_widget_set_visible (GTK_WIDGET (self->composer), shown);
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

  okc_reply_composer_set_ticket (self->composer, ticket);
  okc_playbook_view_set_ticket (self->playbook_view, ticket);
  okc_charger_card_set_ticket_id (self->charger_card, ticket != NULL ? okc_ticket_get_id (ticket) : NULL);
  okc_charger_card_set_charger_id (self->charger_card,
                                   ticket != NULL ? okc_ticket_get_charger_id (ticket) : NULL);
  okc_playbook_view_set_charger (self->playbook_view, okc_charger_card_get_charger (self->charger_card));
  okc_ticket_sessions_set_ticket (self->ticket_sessions, ticket);
  okc_ticket_audit_set_ticket (self->ticket_audit, ticket);
  show_actions (self);
  if (!same_ticket)
    {
      okc_ticket_view_set_timeline (self, NULL);
      okc_ticket_view_set_presence (self, NULL);
    }

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
  okc_playbook_view_set_client (self->playbook_view, client);
  okc_charger_card_set_client (self->charger_card, client);
  okc_ticket_sessions_set_client (self->ticket_sessions, client);
  okc_ticket_audit_set_client (self->ticket_audit, client);
}

/**
 * okc_ticket_view_set_fleet:
 * @fleet: (nullable): the live chargers: the ticket's charger card and the playbook
 *   follow the ticket's charger in it
 */
void
okc_ticket_view_set_fleet (OkcTicketView   *self,
                           OkcChargerFleet *fleet)
{
  g_return_if_fail (OKC_IS_TICKET_VIEW (self));
  okc_charger_card_set_fleet (self->charger_card, fleet);
}

/**
 * okc_ticket_view_set_clock:
 * @clock: what the ages on the ticket are measured against
 */
void
okc_ticket_view_set_clock (OkcTicketView *self,
                           OkcClock      *clock)
{
  g_return_if_fail (OKC_IS_TICKET_VIEW (self));
  okc_playbook_view_set_clock (self->playbook_view, clock);
  okc_charger_card_set_clock (self->charger_card, clock);
}

/**
 * okc_ticket_view_set_user:
 * @user: (nullable): who is signed in: their tickets offer Release, and they sign replies
 */
void
okc_ticket_view_set_user (OkcTicketView *self,
                          OkcUser       *user)
{
  g_return_if_fail (OKC_IS_TICKET_VIEW (self));

  g_set_object (&self->user, user);
  okc_reply_composer_set_agent_name (self->composer, user != NULL ? okc_user_get_name (user) : "");
  show_actions (self);
}

/**
 * okc_ticket_view_set_team:
 * @users: (element-type OkcUser): the agents and supervisors a ticket can be assigned to
 *
 * Fills the "Assign To" menu, one item a colleague, the signed-in user left out (Claim
 * is theirs).
 */
void
okc_ticket_view_set_team (OkcTicketView *self,
                          GPtrArray     *users)
{
  g_return_if_fail (OKC_IS_TICKET_VIEW (self));

  g_menu_remove_all (self->assign_submenu);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      OkcUser *user = g_ptr_array_index (users, i);
      g_autoptr(GMenuItem) item = NULL;

      if (okc_user_get_role (user) == OKC_ROLE_CHATBOT ||
          (self->user != NULL && g_str_equal (okc_user_get_id (user), okc_user_get_id (self->user))))
        continue;
      item = g_menu_item_new (okc_user_get_name (user), NULL);
      g_menu_item_set_action_and_target_value (item, "win.assign-ticket",
                                               g_variant_new_string (okc_user_get_id (user)));
      g_menu_append_item (self->assign_submenu, item);
    }
}

/**
 * okc_ticket_view_set_timeline:
 * @entries: (nullable) (element-type OkcTimelineEntry): the ticket's activity, oldest
 *   first, or %NULL while it is not known
 */
void
okc_ticket_view_set_timeline (OkcTicketView *self,
                              GPtrArray     *entries)
{
  g_return_if_fail (OKC_IS_TICKET_VIEW (self));

  remove_children (GTK_WIDGET (self->timeline_box));
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    gtk_box_append (self->timeline_box, okc_timeline_row_new (g_ptr_array_index (entries, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->timeline_group), entries != NULL && entries->len > 0);
  /* The activity is fetched again after every change to the ticket, an action's note
   * among them: its audit entries have changed with it. */
  if (entries != NULL)
    okc_ticket_audit_refresh (self->ticket_audit);
}

/**
 * okc_ticket_view_refresh_audit:
 *
 * Fetches the shown ticket's audit entries again.
 */
void
okc_ticket_view_refresh_audit (OkcTicketView *self)
{
  g_return_if_fail (OKC_IS_TICKET_VIEW (self));

  okc_ticket_audit_refresh (self->ticket_audit);
}

/**
 * okc_ticket_view_get_composer:
 *
 * Returns: (transfer none): where the agent writes replies and notes to the ticket shown.
 */
OkcReplyComposer *
okc_ticket_view_get_composer (OkcTicketView *self)
{
  g_return_val_if_fail (OKC_IS_TICKET_VIEW (self), NULL);
  return self->composer;
}

/* "Sam Okafor is replying", "Sam Okafor is viewing this ticket": who replies matters
 * more than who reads, so replying colleagues are named first. */
static char *
describe_presence (GPtrArray  *present,
                   const char *own_user_id)
{
  g_autoptr(GPtrArray) replying = g_ptr_array_new ();
  g_autoptr(GPtrArray) viewing = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; present != NULL && i < present->len; i++)
    {
      OkcPresence *presence = g_ptr_array_index (present, i);

      if (g_strcmp0 (okc_presence_get_user_id (presence), own_user_id) == 0)
        continue;
      if (g_strcmp0 (okc_presence_get_activity (presence), "replying") == 0)
        g_ptr_array_add (replying, (gpointer) okc_presence_get_user_name (presence));
      else
        g_ptr_array_add (viewing, (gpointer) okc_presence_get_user_name (presence));
    }
  if (replying->len == 0 && viewing->len == 0)
    return NULL;

  for (guint i = 0; i < replying->len; i++)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: %s is a colleague's name */
      g_string_append_printf (text, _("%s is replying"), (char *) g_ptr_array_index (replying, i));
    }
  for (guint i = 0; i < viewing->len; i++)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: %s is a colleague's name */
      g_string_append_printf (text, _("%s is viewing this ticket"),
                              (char *) g_ptr_array_index (viewing, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * okc_ticket_view_set_presence:
 * @present: (nullable) (element-type OkcPresence): who is on the ticket shown right
 *   now, the signed-in user among them or not
 *
 * Shows, above the ticket, which colleagues are viewing or replying to it.
 */
void
okc_ticket_view_set_presence (OkcTicketView *self,
                              GPtrArray     *present)
{
  g_autofree char *text = NULL;

  g_return_if_fail (OKC_IS_TICKET_VIEW (self));

  text = describe_presence (present, self->user != NULL ? okc_user_get_id (self->user) : NULL);
  if (text != NULL)
    gtk_label_set_label (self->presence_label, text);
  gtk_revealer_set_reveal_child (self->presence_revealer, text != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->presence_revealer), text != NULL);
}

static void
okc_ticket_view_dispose (GObject *object)
{
  OkcTicketView *self = OKC_TICKET_VIEW (object);

  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_TICKET_VIEW);
  g_clear_object (&self->ticket);
  g_clear_object (&self->client);
  g_clear_object (&self->user);

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
  g_type_ensure (OKC_TYPE_REPLY_COMPOSER);
  g_type_ensure (OKC_TYPE_PLAYBOOK_VIEW);
  g_type_ensure (OKC_TYPE_CHARGER_CARD);
  g_type_ensure (OKC_TYPE_TICKET_SESSIONS);
  g_type_ensure (OKC_TYPE_TICKET_AUDIT);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, window_title);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, claim_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, claim_button);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, resolve_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, more_button);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, assign_submenu);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, presence_revealer);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, presence_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, timeline_box);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, composer);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, playbook_view);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, charger_card);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, ticket_sessions);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketView, ticket_audit);
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

/* The playbook judges by the live charger the card follows, and its one-click steps are
 * the card's commands. */
static void
charger_changed_cb (OkcTicketView *self)
{
  okc_playbook_view_set_charger (self->playbook_view, okc_charger_card_get_charger (self->charger_card));
}

static void
playbook_run_command_cb (OkcTicketView *self,
                         guint          kind,
                         guint          connector_id)
{
  okc_charger_commands_run (okc_charger_card_get_commands (self->charger_card), kind, connector_id);
}

/* "Reply with Breakdown": the session's bill, line by line, as the reply to edit. */
static void
breakdown_requested_cb (OkcTicketView *self,
                        const char    *text)
{
  okc_reply_composer_insert_reply (self->composer, text);
}

static void
okc_ticket_view_init (OkcTicketView *self)
{
  GtkWidget *viewport;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The page is as tall as its content wants: a section that scrolls by itself (a
   * session's detail) shows whole instead of shrinking to its minimum. */
  viewport = gtk_scrolled_window_get_child (self->scrolled_window);
  if (GTK_IS_SCROLLABLE (viewport))
    gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (viewport), GTK_SCROLL_NATURAL);
  g_signal_connect_object (self->charger_card, "notify::charger", G_CALLBACK (charger_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->playbook_view, "run-command", G_CALLBACK (playbook_run_command_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ticket_sessions, "reply-requested",
                           G_CALLBACK (breakdown_requested_cb), self, G_CONNECT_SWAPPED);
}

void
okc_ticket_view_refund_updated (OkcTicketView *self,
                                OkcRefund     *refund)
{
  g_return_if_fail (OKC_IS_TICKET_VIEW (self));

  okc_ticket_sessions_refund_updated (self->ticket_sessions, refund);
}
