/* okc-reply-composer.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-reply-composer.h"
#include "okc-widget-util.h"

/* The composer only writes: sending is the window's business (the "send" signal), and
 * the text stays until the window says it was sent, so a reply the backend held back
 * or a network failure loses nothing. Each ticket keeps its own draft while the agent
 * goes from ticket to ticket.
 *
 * A reply answers the ticket as it was when the agent began to write it: that version
 * (the base) goes with the reply, so that the backend holds the reply back if a colleague
 * changed the ticket meanwhile, even though the screen already shows the change. Once
 * the agent was told, okc_reply_composer_acknowledge() moves the base to what they see. */
struct _OkcReplyComposer
{
  GtkWidget parent_instance;

  OkcTicket *ticket;
  char *agent_name;
  GHashTable *drafts; /* ticket id → Draft */
  gint64 base_version; /* of the text being written, 0 while there is none */
  gboolean sending;
  gboolean composing;

  GtkToggleButton *reply_toggle;
  GtkToggleButton *note_toggle;
  GtkLabel *problem_label;
  GtkTextView *text_view;
  GtkDropDown *status_dropdown;
};

G_DEFINE_FINAL_TYPE (OkcReplyComposer, okc_reply_composer, GTK_TYPE_WIDGET)

typedef struct
{
  char *text;
  gint64 base_version;
} Draft;

static void
draft_free (Draft *draft)
{
  g_free (draft->text);
  g_free (draft);
}

enum {
  SEND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_COMPOSING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
get_text (OkcReplyComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_text (OkcReplyComposer *self,
          const char       *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  /* One user action, so that Ctrl+Z brings back what a template replaced
   * (gtk_text_buffer_set_text() would be irreversible). */
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, text, -1);
  gtk_text_buffer_end_user_action (buffer);
}

static gboolean
is_note (OkcReplyComposer *self)
{
  return gtk_toggle_button_get_active (self->note_toggle);
}

static void
update_actions (OkcReplyComposer *self)
{
  g_autofree char *text = get_text (self);

  /* The first character written fixes the version the reply answers. */
  if (text[0] == '\0')
    self->base_version = 0;
  else if (self->base_version == 0 && self->ticket != NULL)
    self->base_version = okc_ticket_get_version (self->ticket);
  g_autoptr(GPtrArray) missing = NULL;
  gboolean has_text = g_strstrip (text)[0] != '\0';
  gboolean can_write = self->ticket != NULL && !self->sending;

  if (self->ticket != NULL)
    missing = okc_ticket_list_missing_fields (self->ticket);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send", can_write && has_text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.use-template",
                                 can_write && !is_note (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.ask-missing",
                                 can_write && !is_note (self) && missing != NULL &&
                                   missing->len > 0);
  gtk_text_view_set_editable (self->text_view, !self->sending);

  /* What colleagues see as "is replying": a reply under way, not a note. */
  if (self->composing != (self->ticket != NULL && has_text && !is_note (self)))
    {
      self->composing = !self->composing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPOSING]);
    }
}

/**
 * okc_reply_composer_is_composing:
 *
 * Returns: %TRUE while a reply to the customer is being written.
 */
gboolean
okc_reply_composer_is_composing (OkcReplyComposer *self)
{
  g_return_val_if_fail (OKC_IS_REPLY_COMPOSER (self), FALSE);
  return self->composing;
}

static void
mode_toggled_cb (OkcReplyComposer *self)
{
  gboolean note = is_note (self);

  gtk_widget_set_visible (GTK_WIDGET (self->status_dropdown), !note);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  note ? _("Internal note") : _("Reply to the customer"), -1);
  if (note)
    gtk_widget_add_css_class (GTK_WIDGET (self), "note");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "note");
  update_actions (self);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OkcReplyComposer *self = OKC_REPLY_COMPOSER (widget);
  g_autofree char *text = get_text (self);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  OkcReplyThen then = gtk_drop_down_get_selected (self->status_dropdown);

  if (self->ticket == NULL || self->sending || stripped[0] == '\0')
    return;
  g_signal_emit (self, signals[SEND], 0, is_note (self), text,
                 is_note (self) ? OKC_REPLY_THEN_KEEP_STATUS : then, self->base_version);
}

static void
use_template_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  OkcReplyComposer *self = OKC_REPLY_COMPOSER (widget);
  g_autofree char *reply = NULL;

  if (self->ticket == NULL)
    return;
  reply = okc_reply_template_for_topic (self->ticket, self->agent_name);
  set_text (self, reply);
  gtk_drop_down_set_selected (self->status_dropdown, OKC_REPLY_THEN_KEEP_STATUS);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
ask_missing_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  OkcReplyComposer *self = OKC_REPLY_COMPOSER (widget);
  g_autofree char *reply = NULL;

  if (self->ticket == NULL)
    return;
  reply = okc_reply_template_missing_details (self->ticket, self->agent_name);
  if (reply == NULL)
    return;
  set_text (self, reply);
  /* Asking the customer something puts the ball in their court. */
  gtk_drop_down_set_selected (self->status_dropdown, OKC_REPLY_THEN_WAIT_FOR_CUSTOMER);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
save_draft (OkcReplyComposer *self)
{
  g_autofree char *text = NULL;
  Draft *draft;

  if (self->ticket == NULL)
    return;
  text = get_text (self);
  if (text[0] == '\0')
    {
      g_hash_table_remove (self->drafts, okc_ticket_get_id (self->ticket));
      return;
    }
  draft = g_new0 (Draft, 1);
  draft->text = g_steal_pointer (&text);
  draft->base_version = self->base_version;
  g_hash_table_replace (self->drafts, g_strdup (okc_ticket_get_id (self->ticket)), draft);
}

/**
 * okc_reply_composer_set_ticket:
 * @ticket: (nullable): the ticket replied to
 *
 * A newer version of the same ticket keeps what is written; another ticket brings back
 * its own draft.
 */
void
okc_reply_composer_set_ticket (OkcReplyComposer *self,
                               OkcTicket        *ticket)
{
  gboolean same;

  g_return_if_fail (OKC_IS_REPLY_COMPOSER (self));

  same = self->ticket != NULL && ticket != NULL &&
         g_str_equal (okc_ticket_get_id (self->ticket), okc_ticket_get_id (ticket));
  if (!same)
    {
      Draft *draft = NULL;

      save_draft (self);
      if (ticket != NULL)
        draft = g_hash_table_lookup (self->drafts, okc_ticket_get_id (ticket));
      g_set_object (&self->ticket, ticket);
      self->base_version = draft != NULL ? draft->base_version : 0;
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                                draft != NULL ? draft->text : "", -1);
      okc_reply_composer_set_problem (self, NULL);
    }
  g_set_object (&self->ticket, ticket);
  update_actions (self);
}

void
okc_reply_composer_set_agent_name (OkcReplyComposer *self,
                                   const char       *agent_name)
{
  g_return_if_fail (OKC_IS_REPLY_COMPOSER (self));

  g_free (self->agent_name);
  self->agent_name = g_strdup (agent_name != NULL ? agent_name : "");
}

/**
 * okc_reply_composer_set_sending:
 * @sending: whether a reply or note is on its way to the backend
 *
 * While sending, the text cannot be changed or sent again.
 */
void
okc_reply_composer_set_sending (OkcReplyComposer *self,
                                gboolean          sending)
{
  g_return_if_fail (OKC_IS_REPLY_COMPOSER (self));

  self->sending = sending;
  update_actions (self);
}

/**
 * okc_reply_composer_set_problem:
 * @problem: (nullable): why the last send did not go through, in a sentence
 */
void
okc_reply_composer_set_problem (OkcReplyComposer *self,
                                const char       *problem)
{
  g_return_if_fail (OKC_IS_REPLY_COMPOSER (self));

  gtk_label_set_label (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

/**
 * okc_reply_composer_acknowledge:
 *
 * The agent was shown what changed on the ticket: the reply they are writing now answers
 * the version on screen.
 */
void
okc_reply_composer_acknowledge (OkcReplyComposer *self)
{
  g_return_if_fail (OKC_IS_REPLY_COMPOSER (self));

  if (self->ticket != NULL && self->base_version != 0)
    self->base_version = okc_ticket_get_version (self->ticket);
}

/**
 * okc_reply_composer_sent:
 * @ticket_id: the ticket whose reply or note the backend recorded
 *
 * Forgets that ticket's draft, and empties the composer if it still shows it.
 */
void
okc_reply_composer_sent (OkcReplyComposer *self,
                         const char       *ticket_id)
{
  g_return_if_fail (OKC_IS_REPLY_COMPOSER (self));

  g_hash_table_remove (self->drafts, ticket_id);
  if (self->ticket != NULL && g_str_equal (okc_ticket_get_id (self->ticket), ticket_id))
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);
      okc_reply_composer_set_problem (self, NULL);
    }
  update_actions (self);
}

/**
 * okc_reply_composer_start:
 * @note: %TRUE for an internal note, %FALSE for a reply
 *
 * Puts the keyboard in the composer, in that mode.
 */
void
okc_reply_composer_start (OkcReplyComposer *self,
                          gboolean          note)
{
  g_return_if_fail (OKC_IS_REPLY_COMPOSER (self));

  gtk_toggle_button_set_active (note ? self->note_toggle : self->reply_toggle, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/**
 * okc_reply_composer_insert_reply:
 * @text: a reply written for the agent (a session's breakdown)
 *
 * Puts @text in the composer as a reply to edit, in place of what was there (Ctrl+Z brings
 * that back), and the keyboard in it, as a template does.
 */
void
okc_reply_composer_insert_reply (OkcReplyComposer *self,
                                 const char       *text)
{
  g_return_if_fail (OKC_IS_REPLY_COMPOSER (self));
  g_return_if_fail (text != NULL);

  if (self->ticket == NULL || self->sending)
    return;
  gtk_toggle_button_set_active (self->reply_toggle, TRUE);
  set_text (self, text);
  gtk_drop_down_set_selected (self->status_dropdown, OKC_REPLY_THEN_KEEP_STATUS);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
okc_reply_composer_dispose (GObject *object)
{
  OkcReplyComposer *self = OKC_REPLY_COMPOSER (object);

  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_REPLY_COMPOSER);
  g_clear_object (&self->ticket);
  g_clear_pointer (&self->agent_name, g_free);
  g_clear_pointer (&self->drafts, g_hash_table_unref);

  G_OBJECT_CLASS (okc_reply_composer_parent_class)->dispose (object);
}

static void
okc_reply_composer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OkcReplyComposer *self = OKC_REPLY_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_COMPOSING:
      g_value_set_boolean (value, self->composing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_reply_composer_class_init (OkcReplyComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_reply_composer_dispose;
  object_class->get_property = okc_reply_composer_get_property;

  properties[PROP_COMPOSING] =
    g_param_spec_boolean ("composing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OkcReplyComposer::send:
   * @note: %TRUE for an internal note
   * @text: what the agent wrote
   * @then: an #OkcReplyThen, what the reply does to the status
   * @base_version: the version of the ticket the agent began writing at
   *
   * The agent asked to send. The text stays until okc_reply_composer_sent().
   */
  signals[SEND] = g_signal_new ("send", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 4, G_TYPE_BOOLEAN, G_TYPE_STRING,
                                G_TYPE_INT, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-reply-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcReplyComposer, reply_toggle);
  gtk_widget_class_bind_template_child (widget_class, OkcReplyComposer, note_toggle);
  gtk_widget_class_bind_template_child (widget_class, OkcReplyComposer, problem_label);
  gtk_widget_class_bind_template_child (widget_class, OkcReplyComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, OkcReplyComposer, status_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);

  gtk_widget_class_install_action (widget_class, "composer.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "composer.use-template", NULL,
                                   use_template_action);
  gtk_widget_class_install_action (widget_class, "composer.ask-missing", NULL, ask_missing_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "composer.send", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "composer.send", NULL);
}

static void
okc_reply_composer_init (OkcReplyComposer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  okc_widget_name_drop_down (self->status_dropdown, _("Status after sending"));

  self->agent_name = g_strdup ("");
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) draft_free);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (update_actions), self);
  update_actions (self);
}
