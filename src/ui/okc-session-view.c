/* okc-session-view.c — one charging session: facts, power chart, billed vs expected, findings
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "okc-client-refunds.h"
#include "okc-cost-table.h"
#include "okc-finding-row.h"
#include "okc-power-chart.h"
#include "okc-refund-dialog.h"
#include "okc-session-view.h"
#include "okc-time-format.h"
#include "okc-widget-util.h"
#include "okc-window.h"

struct _OkcSessionView
{
  GtkWidget parent_instance;

  OkcClient *client;
  char *session_id;
  char *ticket_id;
  GCancellable *cancellable;          /* the session and its refunds, for this id */
  OkcSessionDetail *detail;
  OkcSessionAudit *audit;
  OkcMoney refundable;
  gboolean refundable_known;

  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *error_page;
  AdwPreferencesGroup *facts_group;
  AdwActionRow *charger_row;
  AdwActionRow *property_row;
  AdwActionRow *account_row;
  AdwActionRow *time_row;
  AdwActionRow *energy_row;
  AdwActionRow *duration_row;
  AdwActionRow *outcome_row;
  OkcPowerChart *power_chart;
  OkcCostTable *cost_table;
  GtkLabel *verdict_label;
  AdwPreferencesGroup *findings_group;
  GtkListBox *findings_list;
  GtkListBox *refunds_list;

  /* The refunds this view wrote to the outbox that the backend has not listed yet, and
   * the session's refunds as it last listed them. */
  GPtrArray *submitted;
  GPtrArray *refunds;
};

enum { PROP_0, PROP_SESSION_ID, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { REFUND_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OkcSessionView, okc_session_view, GTK_TYPE_WIDGET)

static void load (OkcSessionView *self);
static void load_refunds (OkcSessionView *self);
static void drop_done_actions (OkcSessionView *self);

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
set_fact (AdwActionRow *row,
          const char   *value)
{
  adw_action_row_set_subtitle (row, value != NULL && value[0] != '\0' ? value : _("Unknown"));
  adw_action_row_set_subtitle_lines (row, 0);
}

/* "24 Nov 2026, 18:02–20:49 CET", both dates when it crossed midnight, in the tariff's
 * zone: the site's clock, which the customer's receipt and the tariff's bands follow. */
static char *
format_span (gint64     start,
             gint64     end,
             GTimeZone *zone)
{
  g_autoptr(GDateTime) start_utc = g_date_time_new_from_unix_utc (start);
  g_autoptr(GDateTime) end_utc = g_date_time_new_from_unix_utc (end);
  g_autoptr(GDateTime) local_start = g_date_time_to_timezone (start_utc, zone);
  g_autoptr(GDateTime) local_end = g_date_time_to_timezone (end_utc, zone);
  g_autofree char *from = okc_time_format (local_start, OKC_TIME_FORM_DATE_TIME);
  g_autofree char *to = NULL;
  /* The zone's abbreviation ("CET"), the same in every language: not translated. */
  g_autofree char *zone_name = g_date_time_format (local_end, "%Z");

  if (g_date_time_get_year (local_start) == g_date_time_get_year (local_end)
      && g_date_time_get_day_of_year (local_start) == g_date_time_get_day_of_year (local_end))
    to = okc_time_format (local_end, OKC_TIME_FORM_TIME);
  else
    to = okc_time_format (local_end, OKC_TIME_FORM_DATE_TIME);
  /* Translators: a session's local start and end and the zone: "24 Nov 2026, 18:02–20:49 CET" */
  return g_strdup_printf (_("%s–%s %s"), from, to, zone_name);
}

static void
show_facts (OkcSessionView *self)
{
  OkcChargingSession *session = self->detail->session;
  GTimeZone *zone = okc_tariff_get_time_zone (self->detail->tariff);
  g_autofree char *charger = NULL;
  g_autofree char *account = NULL;
  g_autofree char *span = NULL;
  g_autofree char *energy = NULL;
  g_autofree char *durations = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *duration = okc_format_duration (MAX (okc_charging_session_get_duration_seconds (session), 0));
  g_autofree char *idle = okc_format_duration (MAX (okc_charging_session_get_idle_seconds (session), 0));

  adw_preferences_group_set_title (self->facts_group, okc_charging_session_get_id (session));
  /* Translators: a charger and its connector, "CHG-0042, connector 1" */
  charger = g_strdup_printf (_("%s, connector %u"), okc_charging_session_get_charger_id (session),
                             okc_charging_session_get_connector_id (session));
  set_fact (self->charger_row, charger);
  set_fact (self->property_row, okc_charging_session_get_property_name (session));
  /* Translators: an account's name and id, "Dana Kim (ACC-000123)" */
  account = g_strdup_printf (_("%s (%s)"), okc_charging_session_get_account_name (session),
                             okc_charging_session_get_account_id (session));
  set_fact (self->account_row, account);
  span = format_span (okc_charging_session_get_started_at (session),
                      okc_charging_session_get_ended_at (session), zone);
  set_fact (self->time_row, span);
  energy = okc_format_energy_display (okc_charging_session_get_energy_wh (session));
  set_fact (self->energy_row, energy);
  /* Translators: a session's duration and its idle time, "3 h 5 min, idle 47 min" */
  durations = g_strdup_printf (_("%s, idle %s"), duration, idle);
  set_fact (self->duration_row, durations);
  /* Translators: a session's outcome and the charger's stop reason, "Completed · EV disconnected" */
  outcome = g_strdup_printf (_("%s · %s"),
                             okc_session_outcome_get_label (okc_charging_session_get_outcome (session)),
                             okc_stop_reason_get_label (okc_charging_session_get_stop_reason (session)));
  set_fact (self->outcome_row, outcome);

  okc_power_chart_set_session (self->power_chart, session,
                               self->audit != NULL ? okc_session_audit_get_charging_ended_at (self->audit)
                                                   : okc_charging_session_get_charging_ended_at (session),
                               zone);
}

static void
set_verdict (OkcSessionView *self,
             const char     *text,
             const char     *style_class)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), style_class);
  gtk_label_set_label (self->verdict_label, text);
}

static void
finding_refund_clicked_cb (OkcSessionView *self,
                           OkcFindingRow  *row);

static void
show_bill (OkcSessionView *self,
           const GError   *audit_error)
{
  OkcCostBreakdown *billed = okc_charging_session_get_billed (self->detail->session);
  GPtrArray *findings = self->audit != NULL ? okc_session_audit_get_findings (self->audit) : NULL;
  OkcMoney difference = { 0 };

  okc_cost_table_set_breakdowns (self->cost_table, billed,
                                 self->audit != NULL ? okc_session_audit_get_expected (self->audit) : NULL);
  clear_list (self->findings_list);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), findings != NULL && findings->len > 0);

  if (self->audit == NULL)
    {
      /* Translators: %s says why the bill could not be recomputed */
      g_autofree char *text = g_strdup_printf (_("Could not check the bill against the tariff: %s"),
                                               audit_error->message);
      set_verdict (self, text, "error");
      return;
    }

  okc_session_audit_get_difference (self->audit, &difference);
  if (difference.amount == 0 && (findings == NULL || findings->len == 0))
    set_verdict (self, _("Matches the property’s tariff"), "success");
  else
    {
      g_autofree char *amount = okc_money_format_display (&difference);
      g_autofree char *text = NULL;

      if (difference.amount > 0)
        /* Translators: %s is how much more was billed than the tariff says, "$2.16" */
        text = g_strdup_printf (_("Billed %s more than the property’s tariff says"), amount);
      else if (difference.amount < 0)
        /* Translators: %s is a negative difference, "−$0.30" */
        text = g_strdup_printf (_("Billed less than the property’s tariff says (%s)"), amount);
      else
        text = g_strdup (_("The total matches the property’s tariff, but not every line does"));
      set_verdict (self, text, difference.amount > 0 ? "error" : "warning");
    }

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      GtkWidget *row = okc_finding_row_new (findings->pdata[i]);

      g_signal_connect_object (row, "refund-clicked", G_CALLBACK (finding_refund_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_list_box_append (self->findings_list, row);
    }
}

static char *
describe_refund_title (OkcRefund *refund)
{
  OkcMoney amount;
  g_autofree char *text = NULL;

  okc_refund_get_amount (refund, &amount);
  text = okc_money_format_display (&amount);
  switch (okc_refund_get_status (refund))
    {
    case OKC_REFUND_STATUS_SUCCEEDED:
      /* Translators: a refund that went through, "Refunded $2.16" */
      return g_strdup_printf (_("Refunded %s"), text);
    case OKC_REFUND_STATUS_PENDING_APPROVAL:
      /* Translators: a refund waiting for approval, "$60.00 waiting for a supervisor" */
      return g_strdup_printf (_("%s waiting for a supervisor"), text);
    default:
      /* Translators: a refund's amount and status, "$2.16, Rejected" */
      return g_strdup_printf (_("%s, %s"), text,
                              okc_refund_status_get_label (okc_refund_get_status (refund)));
    }
}

static GtkWidget *
new_refund_row (OkcRefund *refund)
{
  g_autofree char *title = describe_refund_title (refund);
  g_autofree char *when = okc_format_local_time (okc_refund_get_requested_at (refund));
  const char *by = okc_refund_get_requested_by_name (refund);
  /* Translators: a refund's reason, who asked, when and its id:
   * "Mischarge · Alex Rivera · 24 Nov 2026, 09:30 · RFD-000001" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %s · %s"),
                                               okc_refund_reason_get_label (okc_refund_get_reason (refund)),
                                               by != NULL ? by : _("Unknown"), when,
                                               okc_refund_get_id (refund));

  return new_row (title, subtitle);
}

/* What the session's refunds for findings of @kind gave back or will: a rejected or
 * failed one gave nothing. */
static void
refunded_for (GPtrArray      *refunds,
              OkcFindingKind  kind,
              const char     *currency,
              OkcMoney       *out)
{
  okc_money_init (out, 0, currency);
  for (guint i = 0; i < refunds->len; i++)
    {
      OkcRefund *refund = refunds->pdata[i];
      OkcRefundStatus status = okc_refund_get_status (refund);
      OkcMoney amount;

      okc_refund_get_amount (refund, &amount);
      if (okc_refund_get_finding_kind (refund) == (int) kind
          && status != OKC_REFUND_STATUS_REJECTED && status != OKC_REFUND_STATUS_FAILED
          && g_strcmp0 (amount.currency, currency) == 0)
        out->amount += amount.amount;
    }
}

/* A refund in the outbox, before the backend confirmed it: "Waiting to send", "Sending…",
 * or the backend's refusal. */
static GtkWidget *
new_action_row (OkcOutboxAction *action)
{
  const GError *error = okc_outbox_action_get_error (action);
  g_autofree char *state = NULL;

  switch (okc_outbox_action_get_state (action))
    {
    case OKC_OUTBOX_STATE_SENDING:
      state = g_strdup (_("Sending…"));
      break;
    case OKC_OUTBOX_STATE_FAILED:
      /* Translators: a refund the backend refused, and its reason */
      state = g_strdup_printf (_("Refused: %s"), error != NULL ? error->message : _("no reason given"));
      break;
    case OKC_OUTBOX_STATE_DONE:
      state = g_strdup (C_("outbox action state", "Sent"));
      break;
    case OKC_OUTBOX_STATE_PENDING:
    default:
      state = error != NULL
        /* Translators: a refund waiting in the outbox, and why its last attempt failed */
        ? g_strdup_printf (_("Waiting to send: %s"), error->message)
        : g_strdup (_("Waiting to send"));
      break;
    }
  return new_row (okc_outbox_action_get_summary (action), state);
}

static void
show_refunds (OkcSessionView *self,
              GPtrArray      *refunds)
{
  g_autofree char *rest = okc_money_format_display (&self->refundable);
  GtkWidget *row, *amount;

  if (refunds != self->refunds)
    {
      g_clear_pointer (&self->refunds, g_ptr_array_unref);
      self->refunds = g_ptr_array_ref (refunds);
    }
  clear_list (self->refunds_list);
  for (guint i = 0; self->submitted != NULL && i < self->submitted->len; i++)
    gtk_list_box_append (self->refunds_list, new_action_row (self->submitted->pdata[i]));
  for (guint i = 0; i < refunds->len; i++)
    gtk_list_box_append (self->refunds_list, new_refund_row (refunds->pdata[i]));
  if (refunds->len == 0 && (self->submitted == NULL || self->submitted->len == 0))
    gtk_list_box_append (self->refunds_list, new_row (_("No refunds yet"), NULL));

  row = new_row (_("Still Refundable"), NULL);
  amount = gtk_label_new (rest);
  gtk_widget_add_css_class (amount, "numeric");
  gtk_widget_add_css_class (amount, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
  {
    /* Translators: what a screen reader says, "Still refundable: $1.20" */
    g_autofree char *spoken = g_strdup_printf (_("Still refundable: %s"), rest);
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
  gtk_list_box_append (self->refunds_list, row);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (OKC_IS_FINDING_ROW (child))
      {
        OkcFindingRow *finding_row = OKC_FINDING_ROW (child);
        OkcMoney refunded;

        refunded_for (refunds, okc_session_finding_get_kind (okc_finding_row_get_finding (finding_row)),
                      self->refundable.currency, &refunded);
        okc_finding_row_set_refunds (finding_row, &refunded, &self->refundable);
      }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.refund-other",
                                 self->refundable.amount > 0);
}

static void
refunds_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  OkcSessionView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refunds = NULL;
  OkcMoney refundable;

  refunds = okc_client_list_session_refunds_finish (OKC_CLIENT (source), result, &refundable, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (refunds == NULL)
    {
      /* Translators: %s says why a session's refunds could not be read */
      g_autofree char *text = g_strdup_printf (_("Could not load the refunds: %s"), error->message);

      clear_list (self->refunds_list);
      gtk_list_box_append (self->refunds_list, new_row (text, NULL));
      return;
    }
  self->refundable = refundable;
  self->refundable_known = TRUE;
  drop_done_actions (self);
  show_refunds (self, refunds);
}

static void submitted_state_cb (OkcSessionView  *self,
                                GParamSpec      *pspec,
                                OkcOutboxAction *action);

static void
forget_action (OkcSessionView  *self,
               OkcOutboxAction *action)
{
  g_signal_handlers_disconnect_by_func (action, submitted_state_cb, self);
  g_ptr_array_remove (self->submitted, action);
}

/* The backend lists what it confirmed: those actions need no row of their own. */
static void
drop_done_actions (OkcSessionView *self)
{
  for (guint i = self->submitted->len; i > 0; i--)
    {
      OkcOutboxAction *action = self->submitted->pdata[i - 1];

      if (okc_outbox_action_get_state (action) == OKC_OUTBOX_STATE_DONE)
        forget_action (self, action);
    }
}

static void
forget_actions (OkcSessionView *self)
{
  while (self->submitted != NULL && self->submitted->len > 0)
    forget_action (self, self->submitted->pdata[self->submitted->len - 1]);
}

static void
load_refunds (OkcSessionView *self)
{
  okc_client_list_session_refunds_async (self->client, self->session_id, self->cancellable,
                                         refunds_cb, self);
}

static void
session_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  OkcSessionView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) audit_error = NULL;
  OkcSessionDetail *detail;

  detail = okc_client_get_session_finish (OKC_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  if (detail == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->detail, okc_session_detail_free);
  g_clear_object (&self->audit);
  self->detail = detail;
  /* The console's own audit, by the same rules as the backend's analysis. */
  self->audit = okc_session_audit_run (detail->session, detail->tariff, detail->neighbours,
                                       &audit_error);
  show_facts (self);
  show_bill (self, audit_error);
  clear_list (self->refunds_list);
  gtk_list_box_append (self->refunds_list, new_row (_("Loading the refunds…"), NULL));
  gtk_stack_set_visible_child_name (self->stack, "session");
  load_refunds (self);
}

/* Whatever is in flight is for the previous id. The callbacks get @self without a ref:
 * cancelling in dispose makes them return before touching it. */
static void
restart (OkcSessionView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->detail, okc_session_detail_free);
  g_clear_object (&self->audit);
  g_clear_pointer (&self->refunds, g_ptr_array_unref);
  forget_actions (self);
  self->refundable_known = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.refund-other", FALSE);
}

static void
load (OkcSessionView *self)
{
  restart (self);
  if (self->session_id == NULL || self->client == NULL)
    {
      gtk_spinner_stop (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  okc_client_get_session_async (self->client, self->session_id, self->cancellable, session_cb, self);
}

static void
submitted_state_cb (OkcSessionView  *self,
                    GParamSpec      *pspec,
                    OkcOutboxAction *action)
{
  if (okc_outbox_action_get_state (action) == OKC_OUTBOX_STATE_DONE)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcRefund) refund = okc_refund_action_get_refund (action, &error);

      if (refund != NULL)
        g_signal_emit (self, signals[REFUND_REQUESTED], 0, refund);
      else
        g_warning ("The backend's answer to “%s” is not a refund: %s",
                   okc_outbox_action_get_summary (action), error->message);
      /* Its row stays until the backend's list, which now has it, replaces it. */
      if (self->detail != NULL)
        load_refunds (self);
    }
  if (self->refunds != NULL)
    show_refunds (self, self->refunds);
}

/* The refund is in the outbox: it shows as waiting until the backend has it. */
static void
refund_submitted_cb (OkcSessionView  *self,
                     OkcOutboxAction *action)
{
  g_ptr_array_add (self->submitted, g_object_ref (action));
  g_signal_connect_object (action, "notify::state", G_CALLBACK (submitted_state_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->refunds != NULL)
    show_refunds (self, self->refunds);
}

static void
open_refund_dialog (OkcSessionView    *self,
                    OkcSessionFinding *finding)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  OkcOutbox *outbox = OKC_IS_WINDOW (root) ? okc_window_get_outbox (OKC_WINDOW (root)) : NULL;
  OkcRefundDialog *dialog;

  if (self->detail == NULL || self->client == NULL || outbox == NULL)
    return;
  dialog = okc_refund_dialog_new (GTK_WINDOW (root), self->client, outbox, self->detail->session,
                                  finding, self->ticket_id);
  g_signal_connect_object (dialog, "refund-submitted", G_CALLBACK (refund_submitted_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
finding_refund_clicked_cb (OkcSessionView *self,
                           OkcFindingRow  *row)
{
  open_refund_dialog (self, okc_finding_row_get_finding (row));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  load (OKC_SESSION_VIEW (widget));
}

static void
refund_other_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_refund_dialog (OKC_SESSION_VIEW (widget), NULL);
}

static void
okc_session_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OkcSessionView *self = OKC_SESSION_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION_ID:
      g_value_set_string (value, self->session_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_session_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OkcSessionView *self = OKC_SESSION_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION_ID:
      okc_session_view_set_session_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_session_view_dispose (GObject *object)
{
  OkcSessionView *self = OKC_SESSION_VIEW (object);

  restart (self);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_SESSION_VIEW);
  g_clear_object (&self->client);
  g_clear_pointer (&self->session_id, g_free);
  g_clear_pointer (&self->ticket_id, g_free);
  g_clear_pointer (&self->submitted, g_ptr_array_unref);

  G_OBJECT_CLASS (okc_session_view_parent_class)->dispose (object);
}

static void
okc_session_view_class_init (OkcSessionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_session_view_dispose;
  object_class->get_property = okc_session_view_get_property;
  object_class->set_property = okc_session_view_set_property;

  properties[PROP_SESSION_ID] =
    g_param_spec_string ("session-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OkcSessionView::refund-requested:
   * @refund: the refund the backend created for this session
   */
  signals[REFUND_REQUESTED] = g_signal_new ("refund-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, OKC_TYPE_REFUND);

  g_type_ensure (OKC_TYPE_POWER_CHART);
  g_type_ensure (OKC_TYPE_COST_TABLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-session-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, stack);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, spinner);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, error_page);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, facts_group);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, charger_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, property_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, account_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, time_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, energy_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, duration_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, power_chart);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, cost_table);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, findings_group);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, findings_list);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionView, refunds_list);

  gtk_widget_class_install_action (widget_class, "session.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "session.refund-other", NULL, refund_other_action);
}

static void
okc_session_view_init (OkcSessionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->submitted = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.refund-other", FALSE);
}

void
okc_session_view_set_client (OkcSessionView *self,
                             OkcClient      *client)
{
  g_return_if_fail (OKC_IS_SESSION_VIEW (self));
  g_return_if_fail (client == NULL || OKC_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;
  load (self);
}

void
okc_session_view_set_ticket_id (OkcSessionView *self,
                                const char     *ticket_id)
{
  g_return_if_fail (OKC_IS_SESSION_VIEW (self));
  g_free (self->ticket_id);
  self->ticket_id = g_strdup (ticket_id);
}

/**
 * okc_session_view_set_session_id:
 * @session_id: (nullable): the session to show, %NULL for none
 *
 * Loads it, cancelling the load of the previous one.
 */
void
okc_session_view_set_session_id (OkcSessionView *self,
                                 const char     *session_id)
{
  g_return_if_fail (OKC_IS_SESSION_VIEW (self));

  if (g_strcmp0 (self->session_id, session_id) == 0)
    return;
  g_free (self->session_id);
  self->session_id = g_strdup (session_id);
  load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
}

const char *
okc_session_view_get_session_id (OkcSessionView *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_VIEW (self), NULL);
  return self->session_id;
}

OkcSessionDetail *
okc_session_view_get_detail (OkcSessionView *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_VIEW (self), NULL);
  return self->detail;
}

OkcSessionAudit *
okc_session_view_get_audit (OkcSessionView *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_VIEW (self), NULL);
  return self->audit;
}

/**
 * okc_session_view_refund_updated:
 * @refund: a refund as it now is
 *
 * When it is one of the session shown, reads the session's refunds and what is still
 * refundable again (the backend's sums, not the console's).
 */
void
okc_session_view_refund_updated (OkcSessionView *self,
                                 OkcRefund      *refund)
{
  g_return_if_fail (OKC_IS_SESSION_VIEW (self));
  g_return_if_fail (OKC_IS_REFUND (refund));

  if (self->client != NULL && self->detail != NULL &&
      g_strcmp0 (self->session_id, okc_refund_get_session_id (refund)) == 0)
    load_refunds (self);
}
