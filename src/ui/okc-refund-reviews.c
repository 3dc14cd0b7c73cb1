/* okc-refund-reviews.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-charger-format.h"
#include "okc-client-refunds.h"
#include "okc-cost-table.h"
#include "okc-finding-row.h"
#include "okc-refund-reviews.h"
#include "okc-widget-util.h"

/* Pages of the list as the backend serves them at most. */
#define PAGE_SIZE 200

struct _OkcRefundReviews
{
  GtkWidget parent_instance;

  OkcClient *client;
  OkcOutbox *outbox;
  OkcOutboxAction *pending_action;  /* the review sent, until it is done or failed */
  char *pending_refund_id;          /* the refund it reviews */
  OkcClock *clock;
  GCancellable *list_cancellable;
  GCancellable *detail_cancellable;
  GListStore *requests;      /* OkcRefund pending approval, oldest first */
  GPtrArray *loading;        /* the pages read so far of a reload */
  OkcRefundReview *review;   /* the request on screen, with its evidence */
  gboolean sending;

  GtkStack *list_stack;
  GtkListBox *requests_list;
  AdwStatusPage *list_error_page;
  GtkStack *detail_stack;
  AdwStatusPage *detail_error_page;
  GtkLabel *amount_label;
  GtkLabel *status_label;
  AdwActionRow *session_row;
  AdwActionRow *requester_row;
  AdwActionRow *reason_row;
  AdwActionRow *refundable_row;
  AdwActionRow *note_row;
  AdwPreferencesGroup *ticket_group;
  AdwActionRow *ticket_row;
  GtkLabel *review_problem_label;
  OkcCostTable *cost_table;
  GtkListBox *findings_list;
};

enum {
  PROP_0,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OkcRefundReviews, okc_refund_reviews, GTK_TYPE_WIDGET)

static gint64
now (OkcRefundReviews *self)
{
  return self->clock != NULL ? okc_clock_get_now (self->clock) : g_get_real_time () / G_USEC_PER_SEC;
}

/* Whether the request on screen is the one @refund_id names. */
static gboolean
is_shown (OkcRefundReviews *self,
          const char       *refund_id)
{
  return self->review != NULL && g_strcmp0 (okc_refund_get_id (self->review->refund), refund_id) == 0;
}

/* The list ------------------------------------------------------------------------ */

static GtkWidget *
create_request_row (gpointer item,
                    gpointer user_data)
{
  OkcRefundReviews *self = user_data;
  OkcRefund *refund = item;
  const char *ticket_id = okc_refund_get_ticket_id (refund);
  g_autofree char *amount = NULL;
  g_autofree char *age = okc_format_ago (okc_refund_get_requested_at (refund), now (self));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *spoken = NULL;
  GtkWidget *row = adw_action_row_new ();
  OkcMoney money;

  okc_refund_get_amount (refund, &money);
  amount = okc_money_format_display (&money);
  /* Translators: a refund request in Refund Reviews, "$60.00 · SES-0001234" */
  title = g_strdup_printf (_("%s · %s"), amount, okc_refund_get_session_id (refund));
  if (ticket_id != NULL)
    /* Translators: who asked, how long ago, the ticket: "Alex Rivera · 3 h ago · TCK-000012" */
    subtitle = g_strdup_printf (_("%s · %s · %s"), okc_refund_get_requested_by_name (refund), age,
                                ticket_id);
  else
    /* Translators: who asked and how long ago: "Alex Rivera · 3 h ago" */
    subtitle = g_strdup_printf (_("%s · %s"), okc_refund_get_requested_by_name (refund), age);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* Translators: a request as a screen reader says it:
   * "Refund RFD-000004, $60.00 on SES-0001234, by Alex Rivera" */
  spoken = g_strdup_printf (_("Refund %s, %s on %s, by %s"), okc_refund_get_id (refund), amount,
                            okc_refund_get_session_id (refund),
                            okc_refund_get_requested_by_name (refund));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  g_object_set_data_full (G_OBJECT (row), "refund", g_object_ref (refund), g_object_unref);
  return row;
}

static void
update_list_page (OkcRefundReviews *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->requests)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
}

static int
find_request (OkcRefundReviews *self,
              const char       *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requests));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OkcRefund) refund = g_list_model_get_item (G_LIST_MODEL (self->requests), i);

      if (g_strcmp0 (okc_refund_get_id (refund), id) == 0)
        return (int) i;
    }
  return -1;
}

/* Oldest request first; ids break ties, as the backend orders them. */
static int
compare_requests (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  OkcRefund *x = (OkcRefund *) a, *y = (OkcRefund *) b;
  gint64 at_x = okc_refund_get_requested_at (x), at_y = okc_refund_get_requested_at (y);

  if (at_x != at_y)
    return at_x < at_y ? -1 : 1;
  return g_strcmp0 (okc_refund_get_id (x), okc_refund_get_id (y));
}

static void load_page (OkcRefundReviews *self,
                       const char       *cursor);

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OkcRefundReviews) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefundPage) page = okc_client_list_refunds_finish (OKC_CLIENT (source), result,
                                                                  &error);

  if (page == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_pointer (&self->loading, g_ptr_array_unref);
      adw_status_page_set_description (self->list_error_page, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      return;
    }
  g_ptr_array_extend_and_steal (self->loading, g_steal_pointer (&page->refunds));
  if (page->next_cursor != NULL)
    {
      load_page (self, page->next_cursor);
      return;
    }

  /* Every page read: one change of the list. */
  g_list_store_splice (self->requests, 0, g_list_model_get_n_items (G_LIST_MODEL (self->requests)),
                       self->loading->pdata, self->loading->len);
  g_clear_pointer (&self->loading, g_ptr_array_unref);
  update_list_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

static void
load_page (OkcRefundReviews *self,
           const char       *cursor)
{
  OkcRefundQuery query = { .status = (char *) "pending_approval" };

  okc_client_list_refunds_async (self->client, &query, cursor, PAGE_SIZE, self->list_cancellable,
                                 page_cb, g_object_ref (self));
}

/**
 * okc_refund_reviews_reload:
 *
 * Fetches the pending requests again, every page of them.
 */
void
okc_refund_reviews_reload (OkcRefundReviews *self)
{
  g_return_if_fail (OKC_IS_REFUND_REVIEWS (self));

  if (self->client == NULL)
    return;
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  g_clear_pointer (&self->loading, g_ptr_array_unref);
  self->loading = g_ptr_array_new_with_free_func (g_object_unref);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->requests)) == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  load_page (self, NULL);
}

/* The detail ---------------------------------------------------------------------- */

static void
clear_findings (OkcRefundReviews *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    gtk_list_box_remove (self->findings_list, child);
}

/* Under the request: how its review is getting on, or why it was refused. */
static void
show_note (OkcRefundReviews *self,
           const char       *text,
           gboolean          is_error)
{
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->review_problem_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->review_problem_label), "error");
  gtk_label_set_label (self->review_problem_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->review_problem_label), text != NULL);
}

/* The status pill and whether the request may still be reviewed. */
static void
show_status (OkcRefundReviews *self,
             OkcRefund        *refund)
{
  static const char * const classes[] = { "status-busy", "status-good", "status-bad", "status-off" };
  OkcRefundStatus status = okc_refund_get_status (refund);
  gboolean pending = status == OKC_REFUND_STATUS_PENDING_APPROVAL;
  const char *style;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
  switch (status)
    {
    case OKC_REFUND_STATUS_SUCCEEDED:
      style = "status-good";
      break;
    case OKC_REFUND_STATUS_FAILED:
    case OKC_REFUND_STATUS_REJECTED:
      style = "status-bad";
      break;
    case OKC_REFUND_STATUS_PENDING_APPROVAL:
    case OKC_REFUND_STATUS_PROCESSING:
    default:
      style = "status-busy";
      break;
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), style);
  gtk_label_set_label (self->status_label, okc_refund_status_get_label (status));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reviews.approve", pending && !self->sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reviews.reject", pending && !self->sending);
}

static void
show_request (OkcRefundReviews *self)
{
  OkcRefund *refund = self->review->refund;
  OkcChargingSession *session = self->review->session;
  const char *note = okc_refund_get_note (refund);
  g_autofree char *amount = NULL;
  g_autofree char *refundable = okc_money_format_display (&self->review->refundable);
  g_autofree char *session_text = NULL;
  g_autofree char *requester = NULL;
  g_autofree char *when = okc_format_local_time (okc_refund_get_requested_at (refund));
  g_autofree char *age = okc_format_ago (okc_refund_get_requested_at (refund), now (self));
  const char *account = okc_charging_session_get_account_name (session);
  OkcMoney money;

  okc_refund_get_amount (refund, &money);
  amount = okc_money_format_display (&money);
  gtk_label_set_label (self->amount_label, amount);
  /* Translators: the session of a refund and whose it is, "SES-0001234 · Owen Smith" */
  session_text = g_strdup_printf (_("%s · %s"), okc_charging_session_get_id (session),
                                  account != NULL ? account : okc_charging_session_get_account_id (session));
  adw_action_row_set_subtitle (self->session_row, session_text);
  /* Translators: who asked for a refund, when, and how long ago:
   * "Alex Rivera · 24 Nov 2026 14:02 (3 h ago)" */
  requester = g_strdup_printf (_("%s · %s (%s)"), okc_refund_get_requested_by_name (refund), when,
                               age);
  adw_action_row_set_subtitle (self->requester_row, requester);
  adw_action_row_set_subtitle (self->reason_row,
                               okc_refund_reason_get_label (okc_refund_get_reason (refund)));
  adw_action_row_set_subtitle (self->refundable_row, refundable);
  adw_action_row_set_subtitle (self->note_row, note != NULL && *note != '\0' ? note
                                                                            : _("No note"));
  show_status (self, refund);
}

static void
show_ticket (OkcRefundReviews *self)
{
  OkcTicket *ticket = self->review->ticket;
  const char *summary;

  gtk_widget_set_visible (GTK_WIDGET (self->ticket_group), ticket != NULL);
  if (ticket == NULL)
    return;
  summary = okc_ticket_get_summary (ticket);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->ticket_row), okc_ticket_get_id (ticket));
  adw_action_row_set_subtitle (self->ticket_row, summary != NULL ? summary : "");
}

static void
show_evidence (OkcRefundReviews *self)
{
  OkcSessionAudit *analysis = self->review->analysis;
  GPtrArray *findings = okc_session_audit_get_findings (analysis);

  okc_cost_table_set_breakdowns (self->cost_table, okc_session_audit_get_billed (analysis),
                                 okc_session_audit_get_expected (analysis));
  clear_findings (self);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      GtkWidget *row = okc_finding_row_new (findings->pdata[i]);

      okc_finding_row_set_can_refund (OKC_FINDING_ROW (row), FALSE);
      gtk_list_box_append (self->findings_list, row);
    }
  if (findings == NULL || findings->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("The audit found nothing wrong with this session’s bill"));
      gtk_list_box_append (self->findings_list, row);
    }
}

static void action_state_cb (OkcRefundReviews *self);

static void
review_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OkcRefundReviews) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefundReview) review = okc_client_get_refund_review_finish (OKC_CLIENT (source),
                                                                           result, &error);

  if (review == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->detail_error_page, error->message);
      gtk_stack_set_visible_child_name (self->detail_stack, "error");
      return;
    }
  g_clear_pointer (&self->review, okc_refund_review_free);
  self->review = g_steal_pointer (&review);
  show_note (self, NULL, FALSE);
  show_request (self);
  show_ticket (self);
  show_evidence (self);
  action_state_cb (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
load_review (OkcRefundReviews *self,
             const char       *id)
{
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  self->detail_cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->detail_stack, "loading");
  okc_client_get_refund_review_async (self->client, id, self->detail_cancellable, review_cb,
                                      g_object_ref (self));
}

static void
request_selected_cb (OkcRefundReviews *self,
                     GtkListBoxRow    *row)
{
  OkcRefund *refund = row != NULL ? g_object_get_data (G_OBJECT (row), "refund") : NULL;

  if (refund == NULL || self->client == NULL)
    return;
  if (self->review != NULL &&
      g_strcmp0 (okc_refund_get_id (self->review->refund), okc_refund_get_id (refund)) == 0)
    return;
  load_review (self, okc_refund_get_id (refund));
}

/* Approving and rejecting --------------------------------------------------------- */

/* "Waiting to send" or "Sending…" while the review is in the outbox. */
static void
action_state_cb (OkcRefundReviews *self)
{
  OkcOutboxAction *action = self->pending_action;

  if (action == NULL || !is_shown (self, self->pending_refund_id))
    return;
  switch (okc_outbox_action_get_state (action))
    {
    case OKC_OUTBOX_STATE_PENDING:
      {
        const GError *error = okc_outbox_action_get_error (action);
        /* Translators: a review in the outbox, and why its last attempt failed */
        g_autofree char *text = error != NULL ? g_strdup_printf (_("Waiting to send: %s"),
                                                                 error->message)
                                              : g_strdup (_("Waiting to send"));
        show_note (self, text, FALSE);
      }
      break;
    case OKC_OUTBOX_STATE_SENDING:
      show_note (self, _("Sending…"), FALSE);
      break;
    case OKC_OUTBOX_STATE_DONE:
    case OKC_OUTBOX_STATE_FAILED:
    default:
      break;
    }
}

static void
forget_action (OkcRefundReviews *self)
{
  if (self->pending_action != NULL)
    g_signal_handlers_disconnect_by_func (self->pending_action, action_state_cb, self);
  g_clear_object (&self->pending_action);
  g_clear_pointer (&self->pending_refund_id, g_free);
  self->sending = FALSE;
}


static void
action_finished_cb (OkcRefundReviews *self,
                    OkcOutboxAction  *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefund) refund = NULL;

  g_autofree char *refund_id = NULL;

  if (action != self->pending_action)
    return;
  refund_id = g_strdup (self->pending_refund_id);
  forget_action (self);
  if (okc_outbox_action_get_state (action) == OKC_OUTBOX_STATE_DONE)
    refund = okc_refund_action_get_refund (action, &error);
  else
    /* The backend's own sentence: "Morgan Blake requested this refund; another supervisor
     * must review it". */
    error = g_error_copy (okc_outbox_action_get_error (action));
  if (refund != NULL)
    okc_refund_reviews_refund_updated (self, refund);
  /* The supervisor may have moved to another request meanwhile: its detail says nothing
   * of this one's outcome. */
  if (!is_shown (self, refund_id))
    return;
  if (refund == NULL)
    show_note (self, error != NULL ? error->message : _("The backend refused the review"), TRUE);
  else
    show_note (self, NULL, FALSE);
  show_status (self, self->review->refund);
}

static void
review_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OkcRefundReviews) self = user_data;
  g_autoptr(GError) error = NULL;

  if (okc_outbox_submit_finish (OKC_OUTBOX (source), result, &error))
    return;
  /* Nothing was recorded, so nothing will be sent: the supervisor may try again. */
  if (!is_shown (self, self->pending_refund_id))
    {
      forget_action (self);
      return;
    }
  forget_action (self);
  {
    /* Translators: %s says why the review could not be written to the outbox */
    g_autofree char *text = g_strdup_printf (_("The review was not sent: it could not be "
                                               "recorded: %s"), error->message);
    show_note (self, text, TRUE);
  }
  if (self->review != NULL)
    show_status (self, self->review->refund);
}

static void
send_review (OkcRefundReviews *self,
             gboolean          approve,
             const char       *comment)
{
  if (self->review == NULL || self->outbox == NULL || self->sending)
    return;
  self->pending_action = okc_refund_action_new_review (self->review->refund, approve, comment);
  self->pending_refund_id = g_strdup (okc_refund_get_id (self->review->refund));
  self->sending = TRUE;
  g_signal_connect_object (self->pending_action, "notify::state", G_CALLBACK (action_state_cb),
                           self, G_CONNECT_SWAPPED);
  show_note (self, _("Waiting to send"), FALSE);
  show_status (self, self->review->refund);
  okc_outbox_submit_async (self->outbox, self->pending_action, NULL, review_written_cb,
                           g_object_ref (self));
}

static char *
comment_of (GtkEditable *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

/* A rejection must say why: its button waits for a comment. */
static void
comment_changed_cb (GtkEditable      *entry,
                    AdwMessageDialog *dialog)
{
  g_autofree char *comment = comment_of (entry);

  if (adw_message_dialog_has_response (dialog, "reject"))
    adw_message_dialog_set_response_enabled (dialog, "reject", *comment != '\0');
}

static void
comment_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     OkcRefundReviews *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *comment = comment_of (entry);

  if (g_str_equal (response, "approve"))
    send_review (self, TRUE, comment);
  else if (g_str_equal (response, "reject") && *comment != '\0')
    send_review (self, FALSE, comment);
}

static void
ask_comment (OkcRefundReviews *self,
             gboolean          approve)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *amount = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *entry;
  OkcMoney money;

  if (self->review == NULL)
    return;
  okc_refund_get_amount (self->review->refund, &money);
  amount = okc_money_format_display (&money);
  heading = approve
    /* Translators: the approval dialog's heading, "Approve the Refund of $60.00?" */
    ? g_strdup_printf (_("Approve the Refund of %s?"), amount)
    /* Translators: the rejection dialog's heading, "Reject the Refund of $60.00?" */
    : g_strdup_printf (_("Reject the Refund of %s?"), amount);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   approve ? _("The money goes back to the customer’s card; the "
                                               "requester and the ticket see your comment.")
                                           : _("Nothing is refunded. Say why: the requester and "
                                               "the ticket see your comment."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), approve ? _("Comment (optional)")
                                                             : _("Why it is rejected"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Comment"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (approve)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "approve", _("_Approve"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "approve",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "approve");
    }
  else
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "reject", _("_Reject"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reject",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reject", FALSE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reject");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (comment_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (comment_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ask_comment (OKC_REFUND_REVIEWS (widget), TRUE);
}

static void
reject_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ask_comment (OKC_REFUND_REVIEWS (widget), FALSE);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  okc_refund_reviews_reload (OKC_REFUND_REVIEWS (widget));
}

/* Live ---------------------------------------------------------------------------- */

/**
 * okc_refund_reviews_refund_updated:
 * @refund: a refund as it now is
 *
 * A request now pending joins the list, in its place; one reviewed leaves it. The request
 * on screen shows its new status, and stays on screen.
 */
void
okc_refund_reviews_refund_updated (OkcRefundReviews *self,
                                   OkcRefund        *refund)
{
  int position;
  gboolean pending;

  g_return_if_fail (OKC_IS_REFUND_REVIEWS (self));
  g_return_if_fail (OKC_IS_REFUND (refund));

  position = find_request (self, okc_refund_get_id (refund));
  pending = okc_refund_get_status (refund) == OKC_REFUND_STATUS_PENDING_APPROVAL;
  if (position >= 0 && !pending)
    g_list_store_remove (self->requests, (guint) position);
  else if (position < 0 && pending)
    g_list_store_insert_sorted (self->requests, refund, compare_requests, NULL);
  else if (position >= 0)
    g_list_store_splice (self->requests, (guint) position, 1, (gpointer *) &refund, 1);
  if (position >= 0 || pending)
    {
      update_list_page (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
    }

  if (self->review != NULL &&
      g_strcmp0 (okc_refund_get_id (self->review->refund), okc_refund_get_id (refund)) == 0)
    {
      g_set_object (&self->review->refund, refund);
      show_status (self, refund);
    }
}

/* Setup --------------------------------------------------------------------------- */

void
okc_refund_reviews_set_client (OkcRefundReviews *self,
                               OkcClient        *client)
{
  g_return_if_fail (OKC_IS_REFUND_REVIEWS (self));
  g_return_if_fail (client == NULL || OKC_IS_CLIENT (client));

  if (self->client == client)
    return;
  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_pointer (&self->loading, g_ptr_array_unref);
  g_clear_pointer (&self->review, okc_refund_review_free);
  g_list_store_remove_all (self->requests);
  clear_findings (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  update_list_page (self);
  g_set_object (&self->client, client);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

/**
 * okc_refund_reviews_set_outbox:
 * @outbox: (nullable): where reviews are written before they are sent
 */
void
okc_refund_reviews_set_outbox (OkcRefundReviews *self,
                               OkcOutbox        *outbox)
{
  g_return_if_fail (OKC_IS_REFUND_REVIEWS (self));
  g_return_if_fail (outbox == NULL || OKC_IS_OUTBOX (outbox));

  if (self->outbox == outbox)
    return;
  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_func (self->outbox, action_finished_cb, self);
  forget_action (self);
  g_set_object (&self->outbox, outbox);
  if (outbox != NULL)
    g_signal_connect_object (outbox, "action-finished", G_CALLBACK (action_finished_cb), self,
                             G_CONNECT_SWAPPED);
}

void
okc_refund_reviews_set_clock (OkcRefundReviews *self,
                              OkcClock         *clock)
{
  g_return_if_fail (OKC_IS_REFUND_REVIEWS (self));

  g_set_object (&self->clock, clock);
}

guint
okc_refund_reviews_get_n_pending (OkcRefundReviews *self)
{
  g_return_val_if_fail (OKC_IS_REFUND_REVIEWS (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->requests));
}

static void
okc_refund_reviews_dispose (GObject *object)
{
  OkcRefundReviews *self = OKC_REFUND_REVIEWS (object);

  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->detail_cancellable);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_REFUND_REVIEWS);
  g_clear_pointer (&self->loading, g_ptr_array_unref);
  g_clear_pointer (&self->review, okc_refund_review_free);
  g_clear_object (&self->requests);
  okc_refund_reviews_set_outbox (self, NULL);
  g_clear_object (&self->client);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (okc_refund_reviews_parent_class)->dispose (object);
}

static void
okc_refund_reviews_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OkcRefundReviews *self = OKC_REFUND_REVIEWS (object);

  switch (prop_id)
    {
    case PROP_N_PENDING:
      g_value_set_uint (value, okc_refund_reviews_get_n_pending (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_refund_reviews_class_init (OkcRefundReviewsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_refund_reviews_dispose;
  object_class->get_property = okc_refund_reviews_get_property;

  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OKC_TYPE_COST_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-refund-reviews.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, list_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, requests_list);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, list_error_page);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, detail_error_page);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, amount_label);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, status_label);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, session_row);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, requester_row);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, reason_row);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, refundable_row);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, note_row);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, ticket_group);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, ticket_row);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, review_problem_label);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, cost_table);
  gtk_widget_class_bind_template_child (widget_class, OkcRefundReviews, findings_list);
  gtk_widget_class_bind_template_callback (widget_class, request_selected_cb);

  gtk_widget_class_install_action (widget_class, "reviews.approve", NULL, approve_action);
  gtk_widget_class_install_action (widget_class, "reviews.reject", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "reviews.reload", NULL, reload_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "refund-reviews");
}

static void
okc_refund_reviews_init (OkcRefundReviews *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->requests = g_list_store_new (OKC_TYPE_REFUND);
  gtk_list_box_bind_model (self->requests_list, G_LIST_MODEL (self->requests), create_request_row,
                           self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reviews.approve", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reviews.reject", FALSE);
  update_list_page (self);
}
