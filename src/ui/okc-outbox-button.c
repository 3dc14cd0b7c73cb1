/* okc-outbox-button.c — the header bar's count of actions not yet sent; its popover
 * lists each with its state in words, "Retry Now", and "Discard" for a refused one
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-outbox-button.h"
#include "okc-time-format.h"
#include "okc-widget-util.h"

struct _OkcOutboxButton
{
  GtkWidget parent_instance;

  OkcOutbox *outbox;

  GtkMenuButton *menu_button;
  GtkLabel *count_label;
  GtkPopover *popover;
  GtkListBox *list;
  GtkButton *retry_button;
};

G_DEFINE_FINAL_TYPE (OkcOutboxButton, okc_outbox_button, GTK_TYPE_WIDGET)

/* "10:42" in the agent's time zone. */
static char *
format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_seconds);

  return time != NULL ? okc_time_format (time, OKC_TIME_FORM_TIME_SECONDS) : g_strdup ("");
}

/* The state in words: "Waiting to send, next attempt at 10:42 · Cannot reach the
 * backend …", "Sending…", "Refused: …". */
static char *
describe_state (OkcOutboxAction *action)
{
  const GError *error = okc_outbox_action_get_error (action);
  gint64 next = okc_outbox_action_get_next_attempt_at (action);
  g_autofree char *state = NULL;

  switch (okc_outbox_action_get_state (action))
    {
    case OKC_OUTBOX_STATE_SENDING:
      return g_strdup (_("Sending…"));
    case OKC_OUTBOX_STATE_FAILED:
      /* Translators: %s is the backend's reason */
      return g_strdup_printf (_("Refused: %s"), error != NULL ? error->message : _("no reason given"));
    case OKC_OUTBOX_STATE_DONE:
      return g_strdup (C_("outbox action state", "Sent"));
    case OKC_OUTBOX_STATE_PENDING:
    default:
      break;
    }

  if (next > 0)
    {
      g_autofree char *time = format_time (next);
      /* Translators: %s is a time, "10:42:05" */
      state = g_strdup_printf (_("Waiting to send, next attempt at %s"), time);
    }
  else if (okc_outbox_action_get_attempts (action) > 0)
    state = g_strdup (_("Waiting to send until you sign in again"));
  else
    state = g_strdup (_("Waiting to send"));

  if (error == NULL)
    return g_steal_pointer (&state);
  /* Translators: a state and its last error, "Waiting to send … · Cannot reach …" */
  return g_strdup_printf (_("%s · %s"), state, error->message);
}

/* The row's labels wrap at a bounded width, so that the popover's natural height is the
 * one they take at the width it gets. */
static GtkWidget *
wrapping_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
update_row (GtkListBoxRow   *row,
            GParamSpec      *pspec,
            OkcOutboxAction *action)
{
  const char *ticket_id = okc_outbox_action_get_ticket_id (action);
  guint attempts = okc_outbox_action_get_attempts (action);
  g_autofree char *state = describe_state (action);
  g_autofree char *tried = g_strdup_printf (ngettext ("%u attempt", "%u attempts", attempts), attempts);
  g_autofree char *details = NULL;
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "details-label");
  GtkWidget *discard = g_object_get_data (G_OBJECT (row), "discard-button");

  if (ticket_id != NULL)
    /* Translators: "TCK-000123 · Waiting to send … · 3 attempts" */
    details = g_strdup_printf (_("%s · %s · %s"), ticket_id, state, tried);
  else
    /* Translators: "Waiting to send … · 3 attempts" */
    details = g_strdup_printf (_("%s · %s"), state, tried);
  gtk_label_set_label (GTK_LABEL (label), details);
  gtk_widget_set_visible (discard, okc_outbox_action_get_state (action) == OKC_OUTBOX_STATE_FAILED);
}

static void
discard_clicked_cb (GtkButton       *button,
                    OkcOutboxAction *action)
{
  OkcOutboxButton *self = g_object_get_data (G_OBJECT (button), "outbox-button");

  if (self->outbox != NULL && okc_outbox_action_get_state (action) == OKC_OUTBOX_STATE_FAILED)
    okc_outbox_discard (self->outbox, action);
}

/* One action: what, its state and attempts in words, and Discard for a refused one. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  OkcOutboxAction *action = item;
  const char *summary = okc_outbox_action_get_summary (action);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = wrapping_label (NULL);
  GtkWidget *details = wrapping_label ("caption");
  GtkWidget *discard = gtk_button_new_with_mnemonic (_("_Discard"));
  /* Translators: the accessible name of a row's Discard button, "Discard Soft reset on CH-10234" */
  g_autofree char *discard_name = g_strdup_printf (_("Discard %s"), summary);

  gtk_label_set_label (GTK_LABEL (title), summary);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), details);
  gtk_box_append (GTK_BOX (box), text);

  gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (discard, "destructive-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (discard), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  discard_name, -1);
  g_object_set_data (G_OBJECT (discard), "outbox-button", user_data);
  g_signal_connect_object (discard, "clicked", G_CALLBACK (discard_clicked_cb), action, 0);
  gtk_box_append (GTK_BOX (box), discard);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);

  g_object_set_data (G_OBJECT (row), "details-label", details);
  g_object_set_data (G_OBJECT (row), "discard-button", discard);
  g_signal_connect_object (action, "notify", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  update_row (GTK_LIST_BOX_ROW (row), NULL, action);
  return row;
}

static void
update_count (OkcOutboxButton *self)
{
  guint n = self->outbox != NULL ? okc_outbox_get_n_unsent (self->outbox) : 0;
  g_autofree char *count = okc_format_count (n);
  g_autofree char *name = g_strdup_printf (ngettext ("%u action waiting to be sent",
                                                     "%u actions waiting to be sent", n), n);

  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
  if (n == 0)
    gtk_popover_popdown (self->popover);
}

static void
retry_clicked_cb (OkcOutboxButton *self)
{
  if (self->outbox != NULL)
    okc_outbox_retry_now (self->outbox);
}

/**
 * okc_outbox_button_set_outbox:
 * @outbox: (nullable): the signed-in account's outbox
 */
void
okc_outbox_button_set_outbox (OkcOutboxButton *self,
                              OkcOutbox       *outbox)
{
  g_return_if_fail (OKC_IS_OUTBOX_BUTTON (self));
  g_return_if_fail (outbox == NULL || OKC_IS_OUTBOX (outbox));

  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  if (!g_set_object (&self->outbox, outbox))
    return;

  gtk_list_box_bind_model (self->list, G_LIST_MODEL (outbox), outbox != NULL ? create_row : NULL,
                           self, NULL);
  if (outbox != NULL)
    g_signal_connect_object (outbox, "notify::n-unsent", G_CALLBACK (update_count), self,
                             G_CONNECT_SWAPPED);
  update_count (self);
}

static void
okc_outbox_button_dispose (GObject *object)
{
  OkcOutboxButton *self = OKC_OUTBOX_BUTTON (object);

  okc_outbox_button_set_outbox (self, NULL);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_OUTBOX_BUTTON);

  G_OBJECT_CLASS (okc_outbox_button_parent_class)->dispose (object);
}

static void
okc_outbox_button_class_init (OkcOutboxButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_outbox_button_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-outbox-button.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcOutboxButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, OkcOutboxButton, count_label);
  gtk_widget_class_bind_template_child (widget_class, OkcOutboxButton, popover);
  gtk_widget_class_bind_template_child (widget_class, OkcOutboxButton, list);
  gtk_widget_class_bind_template_child (widget_class, OkcOutboxButton, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
okc_outbox_button_init (OkcOutboxButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_count (self);
}
