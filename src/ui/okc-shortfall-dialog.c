/* okc-shortfall-dialog.c — credit what a payout paid short to the property's next payout
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-shortfall-dialog.h"

struct _OkcShortfallDialog
{
  AdwWindow parent_instance;

  OkcOutbox *outbox;
  char *payout_id;
  char *currency;
  gint64 creditable;
  char *ticket_id;
  GCancellable *cancellable;
  OkcOutboxAction *action;    /* being written */

  AdwWindowTitle *window_title;
  GtkButton *credit_button;
  GtkLabel *intro_label;
  AdwEntryRow *amount_row;
  AdwEntryRow *reason_row;
  AdwActionRow *ticket_row;
  GtkLabel *status_label;
};

enum { CREDIT_SUBMITTED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OkcShortfallDialog, okc_shortfall_dialog, ADW_TYPE_WINDOW)

/* "12.30" (or "12,30"), as the agent types it back. */
static char *
format_plain (gint64      minor,
              const char *currency)
{
  OkcMoney money = { .amount = minor };

  g_strlcpy (money.currency, currency, sizeof money.currency);
  return okc_money_format_input (&money);
}

static char *
format_money (gint64      minor,
              const char *currency)
{
  OkcMoney money = { .amount = minor };

  g_strlcpy (money.currency, currency, sizeof money.currency);
  return okc_money_format_display (&money);
}

/* The amount in the locale's form ("12.30", "1,234.50"; "12,30" in es_ES), with the
 * currency's symbol allowed; read to minor units as integers. The error says what to type. */
static gboolean
read_amount (const char *text,
             const char *currency,
             gint64     *out,
             GError    **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*copy == '\0' || g_strcmp0 (copy, "$") == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Enter the amount to credit"));
      return FALSE;
    }
  return okc_money_parse_display (copy, currency, out, error);
}

/* @problem: whether the text is a mistake to correct (red), not what is still to fill in. */
static void
show_status (OkcShortfallDialog *self,
             const char         *text,
             gboolean            problem)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), problem ? "error" : "dim-label");
}

/* What is wrong with the input, or NULL when it can be sent; @out_amount then set.
 * @out_problem: FALSE when it is only the reason still to write. */
static char *
check_input (OkcShortfallDialog *self,
             gint64             *out_amount,
             gboolean           *out_problem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
  gint64 amount = 0;

  *out_problem = TRUE;
  if (!read_amount (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), self->currency,
                    &amount, &error))
    return g_strdup (error->message);
  if (amount <= 0)
    return g_strdup (_("The amount must be more than zero"));
  if (amount > self->creditable)
    {
      g_autofree char *limit = format_money (self->creditable, self->currency);
      /* Translators: "At most $12.30: what the payout is still short" */
      return g_strdup_printf (_("At most %s: what the payout is still short"), limit);
    }
  if (*reason == '\0')
    {
      *out_problem = FALSE;
      return g_strdup (_("Say why the shortfall is credited"));
    }
  *out_amount = amount;
  return NULL;
}

static void
input_changed_cb (OkcShortfallDialog *self)
{
  gint64 amount = 0;
  gboolean mistake = FALSE;
  g_autofree char *problem = check_input (self, &amount, &mistake);

  gtk_widget_set_sensitive (GTK_WIDGET (self->credit_button),
                            problem == NULL && self->action == NULL);
  show_status (self, problem, mistake);
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OkcShortfallDialog) self = user_data;
  g_autoptr(OkcOutboxAction) action = g_steal_pointer (&self->action);
  g_autoptr(GError) error = NULL;

  if (!okc_outbox_submit_finish (OKC_OUTBOX (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: the outbox could not record the action, with why */
      g_autofree char *text = g_strdup_printf (_("The credit was not recorded: %s"), error->message);
      show_status (self, text, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->credit_button), TRUE);
      return;
    }
  g_signal_emit (self, signals[CREDIT_SUBMITTED], 0, action);
  gtk_window_close (GTK_WINDOW (self));
}

static void
credit_clicked_cb (OkcShortfallDialog *self)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
  g_autofree char *problem = NULL;
  OkcMoney money = { 0 };
  gint64 amount = 0;
  gboolean mistake = FALSE;

  if (self->action != NULL)
    return;
  problem = check_input (self, &amount, &mistake);
  if (problem != NULL)
    {
      show_status (self, problem, mistake);
      return;
    }
  money.amount = amount;
  g_strlcpy (money.currency, self->currency, sizeof money.currency);
  self->action = okc_payout_adjustment_action_new (self->payout_id, &money, reason,
                                                   self->ticket_id);
  gtk_widget_set_sensitive (GTK_WIDGET (self->credit_button), FALSE);
  okc_outbox_submit_async (self->outbox, self->action, self->cancellable, submitted_cb,
                           g_object_ref (self));
}

static void
okc_shortfall_dialog_dispose (GObject *object)
{
  OkcShortfallDialog *self = OKC_SHORTFALL_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->outbox);
  g_clear_object (&self->action);
  g_clear_pointer (&self->payout_id, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->ticket_id, g_free);

  G_OBJECT_CLASS (okc_shortfall_dialog_parent_class)->dispose (object);
}

static void
okc_shortfall_dialog_class_init (OkcShortfallDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_shortfall_dialog_dispose;

  signals[CREDIT_SUBMITTED] = g_signal_new ("credit-submitted", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                            1, OKC_TYPE_OUTBOX_ACTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-shortfall-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcShortfallDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, OkcShortfallDialog, credit_button);
  gtk_widget_class_bind_template_child (widget_class, OkcShortfallDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, OkcShortfallDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, OkcShortfallDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, OkcShortfallDialog, ticket_row);
  gtk_widget_class_bind_template_child (widget_class, OkcShortfallDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, credit_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
okc_shortfall_dialog_init (OkcShortfallDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

OkcShortfallDialog *
okc_shortfall_dialog_new (GtkWindow  *parent,
                          OkcOutbox  *outbox,
                          const char *payout_id,
                          const char *currency,
                          gint64      creditable,
                          const char *ticket_id)
{
  OkcShortfallDialog *self;
  g_autofree char *limit = NULL;
  g_autofree char *intro = NULL;
  g_autofree char *prefill = NULL;

  g_return_val_if_fail (OKC_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (payout_id != NULL && currency != NULL, NULL);
  g_return_val_if_fail (creditable > 0, NULL);

  self = g_object_new (OKC_TYPE_SHORTFALL_DIALOG, "transient-for", parent, NULL);
  self->outbox = g_object_ref (outbox);
  self->payout_id = g_strdup (payout_id);
  self->currency = g_strdup (currency);
  self->creditable = creditable;
  self->ticket_id = g_strdup (ticket_id);

  adw_window_title_set_subtitle (self->window_title, payout_id);
  limit = format_money (creditable, currency);
  /* Translators: "PAY-00012 is $12.30 short. The credit is added to …": the payout, then
   * the most that can be credited */
  intro = g_strdup_printf (_("%s is %s short. The credit is added to the property’s next "
                             "scheduled payout, or paid by the next payout run."), payout_id, limit);
  gtk_label_set_text (self->intro_label, intro);
  adw_action_row_set_subtitle (self->ticket_row,
                               ticket_id != NULL ? ticket_id : _("None: opened without a ticket"));
  {
    g_autofree char *spoken = g_strdup_printf (_("Ticket: %s"),
                                               ticket_id != NULL ? ticket_id : _("none"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->ticket_row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
  prefill = format_plain (creditable, currency);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), prefill);
  return self;
}
