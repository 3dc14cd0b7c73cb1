/* okc-refund-dialog.c — ask for a refund of a session, prefilled from a finding
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-client-refunds.h"
#include "okc-refund-dialog.h"
#include "okc-widget-util.h"


struct _OkcRefundDialog
{
  AdwWindow parent_instance;

  OkcClient *client;
  OkcOutbox *outbox;
  OkcChargingSession *session;
  OkcSessionFinding *finding;
  char *ticket_id;
  GCancellable *cancellable;
  OkcMoney refundable;
  gboolean refundable_known;
  OkcMoney threshold;
  gboolean threshold_known;
  gboolean sending;
  gboolean done;
  OkcCostBreakdown *billed;   /* the session's billed lines, once known */
  GPtrArray *line_checks;     /* GtkCheckButton, one per billed line, by index */

  AdwWindowTitle *window_title;
  GtkToggleButton *full_button;
  GtkToggleButton *lines_button;
  GtkToggleButton *amount_button;
  AdwPreferencesGroup *lines_group;
  GtkListBox *lines_list;
  GtkButton *refund_button;
  AdwEntryRow *amount_row;
  AdwComboRow *reason_row;
  GtkLabel *summary_label;
  GtkLabel *amount_problem_label;
  GtkTextView *note_view;
  GtkLabel *policy_label;
  GtkLabel *status_label;
};

/* What the refund gives back: the refundable rest, the ticked billed lines, or an amount
 * typed. */
typedef enum
{
  MODE_FULL,
  MODE_LINES,
  MODE_AMOUNT,
} RefundMode;

enum { REFUND_SUBMITTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const OkcRefundReason reasons[] = {
  OKC_REFUND_REASON_DUPLICATE_CHARGE, OKC_REFUND_REASON_MISCHARGE,
  OKC_REFUND_REASON_SERVICE_FAILURE, OKC_REFUND_REASON_GOODWILL,
};

G_DEFINE_FINAL_TYPE (OkcRefundDialog, okc_refund_dialog, ADW_TYPE_WINDOW)

/* An amount as the agent types it, in the locale's form ("2.16", "1,234.50" in en_US;
 * "2,16", "1.234,50" in es_ES), read to minor units without floating point; the error
 * shows what to type instead. */
static gboolean
parse_amount (const char *text,
              const char *currency,
              gint64     *out_minor,
              GError    **error)
{
  return okc_money_parse_display (text, currency, out_minor, error);
}

/* The amount as it is prefilled: "2.16" (or "2,16"), no symbol, as parse_amount() reads it. */
static char *
format_plain (const OkcMoney *money)
{
  return okc_money_format_input (money);
}

static void
show_status (OkcRefundDialog *self,
             const char      *text,
             const char      *style_class)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  if (style_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), style_class);
  gtk_label_set_label (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static RefundMode
get_mode (OkcRefundDialog *self)
{
  if (gtk_toggle_button_get_active (self->full_button))
    return MODE_FULL;
  if (gtk_toggle_button_get_active (self->lines_button))
    return MODE_LINES;
  return MODE_AMOUNT;
}

static guint
count_ticked (OkcRefundDialog *self)
{
  guint n = 0;

  for (guint i = 0; self->line_checks != NULL && i < self->line_checks->len; i++)
    n += gtk_check_button_get_active (self->line_checks->pdata[i]) ? 1 : 0;
  return n;
}

/* The ticked lines' indexes (element-type guint). */
static GArray *
ticked_lines (OkcRefundDialog *self)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; self->line_checks != NULL && i < self->line_checks->len; i++)
    if (gtk_check_button_get_active (self->line_checks->pdata[i]))
      g_array_append_val (lines, i);
  return lines;
}

/* Full and Line Items compute the amount; the entry shows it, read-only. Line Items may
 * sum to more than is still refundable: the backend takes a refund by lines only for their
 * exact sum, so validate() says so rather than sending less. */
static void
fill_amount (OkcRefundDialog *self)
{
  RefundMode mode = get_mode (self);
  g_autofree char *text = NULL;
  OkcMoney amount;

  gtk_editable_set_editable (GTK_EDITABLE (self->amount_row), mode == MODE_AMOUNT);
  gtk_widget_set_visible (GTK_WIDGET (self->lines_group), mode == MODE_LINES);
  if (mode == MODE_AMOUNT)
    return;
  okc_charging_session_get_billed_total (self->session, &amount);
  if (mode == MODE_FULL && self->refundable_known)
    amount = self->refundable;
  else if (mode == MODE_LINES)
    {
      g_autoptr(GArray) lines = ticked_lines (self);

      amount.amount = 0;
      for (guint i = 0; i < lines->len; i++)
        amount.amount += okc_cost_breakdown_get_line (self->billed,
                                                      g_array_index (lines, guint, i))->amount;
    }
  text = format_plain (&amount);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), text);
}

/* Checks the amount; returns it in @out when it may be sent. */
static gboolean
validate (OkcRefundDialog *self,
          OkcMoney        *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  OkcMoney amount;

  okc_charging_session_get_billed_total (self->session, &amount);
  if (get_mode (self) == MODE_LINES && count_ticked (self) == 0)
    problem = g_strdup (_("Tick the billed lines to refund"));
  else if (!parse_amount (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), amount.currency,
                          &amount.amount, &error))
    problem = g_strdup (error->message);
  else if (amount.amount <= 0)
    problem = g_strdup (_("The amount must be more than zero"));
  else if (self->refundable_known && amount.amount > self->refundable.amount)
    {
      g_autofree char *rest = okc_money_format_display (&self->refundable);
      /* Translators: %s is what a session can still refund, "$1.20" */
      problem = g_strdup_printf (_("At most %s of this session is still refundable"), rest);
    }

  gtk_label_set_label (self->amount_problem_label, problem);
  gtk_widget_set_visible (GTK_WIDGET (self->amount_problem_label), problem != NULL);
  /* The amount in words as well as in the entry: what the agent is about to give back. */
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), problem == NULL);
  if (problem == NULL)
    {
      g_autofree char *text = okc_money_format_display (&amount);
      const char *name = okc_charging_session_get_account_name (self->session);
      /* Translators: the refund about to be sent and to whom, "Refunds $2.93 to Owen Smith" */
      g_autofree char *summary = g_strdup_printf (_("Refunds %s to %s"), text,
                                                  name != NULL ? name : okc_charging_session_get_account_id (self->session));
      gtk_label_set_label (self->summary_label, summary);
    }
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->amount_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->amount_row), "error");
  if (problem == NULL && out != NULL)
    *out = amount;
  return problem == NULL;
}

static void
update_sensitivity (OkcRefundDialog *self)
{
  gboolean valid = validate (self, NULL);
  gboolean open = !self->sending && !self->done;

  gtk_widget_set_sensitive (GTK_WIDGET (self->refund_button), valid && open);
  /* Full and Line Items compute the amount: it shows, greyed, what they give back. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->amount_row), open && get_mode (self) == MODE_AMOUNT);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reason_row), open);
  gtk_widget_set_sensitive (GTK_WIDGET (self->full_button), open);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lines_button), open && self->billed != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->amount_button), open);
  gtk_widget_set_sensitive (GTK_WIDGET (self->lines_list), open);
  gtk_text_view_set_editable (self->note_view, open);
}

/* The policy's line, and whether this amount falls above it. */
static void
update_policy (OkcRefundDialog *self)
{
  g_autofree char *threshold = NULL;
  g_autofree char *text = NULL;
  OkcMoney amount;

  if (!self->threshold_known)
    return;
  threshold = okc_money_format_display (&self->threshold);
  okc_charging_session_get_billed_total (self->session, &amount);
  if (parse_amount (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), amount.currency,
                    &amount.amount, NULL)
      && g_strcmp0 (amount.currency, self->threshold.currency) == 0
      && amount.amount > self->threshold.amount)
    /* Translators: %s is the refund policy's approval threshold, "$50.00" */
    text = g_strdup_printf (_("Refunds above %s wait for a supervisor’s approval; this one will."),
                            threshold);
  else
    /* Translators: %s is the refund policy's approval threshold, "$50.00" */
    text = g_strdup_printf (_("Refunds above %s wait for a supervisor’s approval."), threshold);
  gtk_label_set_label (self->policy_label, text);
}

static void
amount_changed_cb (OkcRefundDialog *self)
{
  update_sensitivity (self);
  update_policy (self);
}

static void
mode_toggled_cb (OkcRefundDialog *self,
                 GtkToggleButton *button)
{
  /* Each change of the group toggles two buttons: act on the one now active. */
  if (!gtk_toggle_button_get_active (button))
    return;
  fill_amount (self);
  amount_changed_cb (self);
}

static void
line_toggled_cb (OkcRefundDialog *self)
{
  fill_amount (self);
  amount_changed_cb (self);
}

/* One row per billed line: tick it to refund it. */
static void
show_lines (OkcRefundDialog  *self,
            OkcCostBreakdown *billed)
{
  const char *currency = okc_cost_breakdown_get_currency (billed);

  g_set_object (&self->billed, billed);
  g_clear_pointer (&self->line_checks, g_ptr_array_unref);
  self->line_checks = g_ptr_array_new ();
  for (guint i = 0; i < okc_cost_breakdown_get_n_lines (billed); i++)
    {
      const OkcCostLine *line = okc_cost_breakdown_get_line (billed, i);
      OkcMoney money = { .amount = line->amount };
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *amount;
      g_autofree char *text = NULL;
      g_autofree char *spoken = NULL;

      g_strlcpy (money.currency, currency, sizeof money.currency);
      text = okc_money_format_display (&money);
      amount = gtk_label_new (text);
      gtk_widget_add_css_class (amount, "numeric");
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line->description);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* Translators: a billed line's check box as a screen reader says it,
       * "Energy 16:00–21:00, $4.28" */
      spoken = g_strdup_printf (_("%s, %s"), line->description, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      spoken, -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (line_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->line_checks, check);
      gtk_list_box_append (self->lines_list, row);
    }
  update_sensitivity (self);
}

static void
detail_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OkcRefundDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcSessionDetail) detail = okc_client_get_session_finish (OKC_CLIENT (source), result,
                                                                      &error);

  if (detail == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says why the session's billed lines could not be read */
          g_autofree char *text = g_strdup_printf (_("Could not read the billed lines: %s"),
                                                   error->message);
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->lines_button), text);
        }
      return;
    }
  if (okc_charging_session_get_billed (detail->session) != NULL)
    show_lines (self, okc_charging_session_get_billed (detail->session));
}

static void
policy_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OkcRefundDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  OkcMoney threshold;

  if (!okc_client_get_refund_policy_finish (OKC_CLIENT (source), result, &threshold, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says why the refund policy could not be read */
          g_autofree char *text = g_strdup_printf (_("Could not read the refund policy: %s"),
                                                   error->message);
          gtk_label_set_label (self->policy_label, text);
        }
      return;
    }
  self->threshold = threshold;
  self->threshold_known = TRUE;
  update_policy (self);
}

static void
refunds_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OkcRefundDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refunds = NULL;
  OkcMoney refundable;
  gint64 prefilled = -1;

  refunds = okc_client_list_session_refunds_finish (OKC_CLIENT (source), result, &refundable,
                                                    &error);
  if (refunds == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says why the session's refunds could not be read */
          g_autofree char *text = g_strdup_printf (_("Could not read what is still refundable: %s"),
                                                   error->message);
          show_status (self, text, "error");
        }
      return;
    }
  self->refundable = refundable;
  self->refundable_known = TRUE;
  if (get_mode (self) == MODE_FULL)
    {
      fill_amount (self);
      update_sensitivity (self);
      return;
    }

  /* The prefilled amount never offers more than is left. */
  {
    OkcMoney current;
    okc_charging_session_get_billed_total (self->session, &current);
    if (parse_amount (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), current.currency,
                      &prefilled, NULL) && (self->finding == NULL || prefilled > refundable.amount))
      {
        g_autofree char *text = format_plain (&refundable);
        gtk_editable_set_text (GTK_EDITABLE (self->amount_row), text);
      }
  }
  update_sensitivity (self);
}

/* The refund is in the outbox, which sends it until the backend confirms it: the dialog's
 * work is done. */
static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OkcRefundDialog) self = user_data;
  g_autoptr(OkcOutboxAction) action = g_object_steal_data (G_OBJECT (self), "okc-action");
  g_autoptr(GError) error = NULL;

  self->sending = FALSE;
  if (!okc_outbox_submit_finish (OKC_OUTBOX (source), result, &error))
    {
      /* Translators: %s says why the refund could not be written to the outbox */
      g_autofree char *text = g_strdup_printf (_("The refund was not sent: it could not be "
                                                 "recorded: %s"), error->message);
      show_status (self, text, "error");
      update_sensitivity (self);
      return;
    }
  self->done = TRUE;
  g_signal_emit (self, signals[REFUND_SUBMITTED], 0, action);
  gtk_window_close (GTK_WINDOW (self));
}

static char *
get_note (OkcRefundDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
refund_clicked_cb (OkcRefundDialog *self)
{
  g_autoptr(OkcRefund) request = NULL;
  g_autoptr(OkcOutboxAction) action = NULL;
  g_autofree char *note = NULL;
  OkcMoney amount;
  guint selected = adw_combo_row_get_selected (self->reason_row);

  if (self->sending || self->done || !validate (self, &amount))
    return;
  if (selected >= G_N_ELEMENTS (reasons))
    selected = 1;

  note = get_note (self);
  request = okc_refund_new (okc_charging_session_get_id (self->session), &amount,
                            reasons[selected], note, self->ticket_id,
                            self->finding != NULL ? (int) okc_session_finding_get_kind (self->finding) : -1);
  if (get_mode (self) == MODE_LINES)
    {
      g_autoptr(GArray) lines = ticked_lines (self);

      okc_refund_set_lines (request, (const guint *) lines->data, lines->len);
    }
  action = okc_refund_action_new_create (request);
  self->sending = TRUE;
  show_status (self, _("Writing the refund down…"), NULL);
  update_sensitivity (self);
  /* Not cancelled with the dialog: once written, the action is the outbox's. */
  g_object_set_data_full (G_OBJECT (self), "okc-action", g_object_ref (action), g_object_unref);
  okc_outbox_submit_async (self->outbox, action, NULL, written_cb, g_object_ref (self));
}

static void
okc_refund_dialog_dispose (GObject *object)
{
  OkcRefundDialog *self = OKC_REFUND_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->outbox);
  g_clear_object (&self->session);
  g_clear_object (&self->finding);
  g_clear_object (&self->billed);
  g_clear_pointer (&self->line_checks, g_ptr_array_unref);
  g_clear_pointer (&self->ticket_id, g_free);

  G_OBJECT_CLASS (okc_refund_dialog_parent_class)->dispose (object);
}

static void
okc_refund_dialog_class_init (OkcRefundDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_refund_dialog_dispose;

  /**
   * OkcRefundDialog::refund-submitted:
   * @action: the refund's action, written to the outbox, which sends it
   */
  signals[REFUND_SUBMITTED] = g_signal_new ("refund-submitted", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, OKC_TYPE_OUTBOX_ACTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-refund-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcRefundDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundDialog, refund_button);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundDialog, full_button);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundDialog, lines_button);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundDialog, amount_button);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundDialog, lines_group);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundDialog, lines_list);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundDialog, amount_problem_label);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundDialog, note_view);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundDialog, policy_label);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, amount_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, refund_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);

  /* Escape cancels, as in every dialog. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
okc_refund_dialog_init (OkcRefundDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->refund_button));
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    gtk_string_list_append (labels, okc_refund_reason_get_label (reasons[i]));
  adw_combo_row_set_model (self->reason_row, G_LIST_MODEL (labels));
  gtk_label_set_label (self->policy_label, _("Reading the refund policy…"));
}

/**
 * okc_refund_dialog_new:
 * @parent: (nullable): the window it is modal for
 * @client: who reads what the dialog shows
 * @outbox: where the refund is written, to be sent until the backend confirms it
 * @session: the session, a summary or a detail
 * @finding: (nullable): the finding the refund is for
 * @ticket_id: (nullable): the ticket it answers
 *
 * Returns: (transfer none): the dialog, shown; it destroys itself when closed.
 */
OkcRefundDialog *
okc_refund_dialog_new (GtkWindow          *parent,
                       OkcClient          *client,
                       OkcOutbox          *outbox,
                       OkcChargingSession *session,
                       OkcSessionFinding  *finding,
                       const char         *ticket_id)
{
  OkcRefundDialog *self;
  g_autofree char *subtitle = NULL;
  g_autofree char *amount = NULL;
  OkcMoney prefill;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OKC_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (session), NULL);
  g_return_val_if_fail (finding == NULL || OKC_IS_SESSION_FINDING (finding), NULL);

  self = g_object_new (OKC_TYPE_REFUND_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->outbox = g_object_ref (outbox);
  self->session = g_object_ref (session);
  self->finding = finding != NULL ? g_object_ref (finding) : NULL;
  self->ticket_id = g_strdup (ticket_id);

  /* Translators: the refund dialog's subtitle, a session id */
  subtitle = g_strdup_printf (_("Session %s"), okc_charging_session_get_id (session));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  okc_charging_session_get_billed_total (session, &prefill);
  {
    /* Translators: the amount entry's title, with the currency: "Amount (USD)" */
    g_autofree char *title = g_strdup_printf (_("Amount (%s)"), prefill.currency);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row), title);
  }
  if (finding != NULL)
    {
      OkcRefundReason reason = okc_refund_reason_for_finding (okc_session_finding_get_kind (finding));

      okc_session_finding_get_refund (finding, &prefill);
      for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
        if (reasons[i] == reason)
          adw_combo_row_set_selected (self->reason_row, i);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                                okc_session_finding_get_summary (finding), -1);
    }
  else
    adw_combo_row_set_selected (self->reason_row, 3);
  amount = format_plain (&prefill);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);
  /* A finding names its amount; anything else starts as the whole refundable rest. */
  gtk_toggle_button_set_active (finding != NULL ? self->amount_button : self->full_button, TRUE);
  if (okc_charging_session_get_billed (session) != NULL)
    show_lines (self, okc_charging_session_get_billed (session));
  else
    okc_client_get_session_async (client, okc_charging_session_get_id (session),
                                  self->cancellable, detail_cb, g_object_ref (self));
  fill_amount (self);
  update_sensitivity (self);

  okc_client_list_session_refunds_async (client, okc_charging_session_get_id (session),
                                         self->cancellable, refunds_cb, g_object_ref (self));
  okc_client_get_refund_policy_async (client, self->cancellable, policy_cb, g_object_ref (self));
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
  return self;
}
