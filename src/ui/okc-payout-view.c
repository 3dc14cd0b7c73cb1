/* okc-payout-view.c — a host's payout: its status and its reconciliation, line by line,
 * to the verdict; Credit Shortfall… (topic 10)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-payout-view.h"

#include "okc-shortfall-dialog.h"
#include "okc-time-format.h"

struct _OkcPayoutView
{
  AdwWindow parent_instance;

  OkcClient *client;
  OkcOutbox *outbox;
  GtkWindow *main_window;     /* weak: where a session or another payout opens */
  char *payout_id;
  char *ticket_id;
  GCancellable *cancellable;
  OkcPayoutReport *report;
  GTimeZone *zone;            /* the property's, as the week's start tells it */
  char *action_key;           /* the submitted credit's, until answered */
  gulong finished_id;
  GPtrArray *added_rows;      /* GtkWidget, each with its group as "okc-group" */

  AdwWindowTitle *window_title;
  GtkButton *credit_button;
  GtkLabel *message_label;
  GtkLabel *verdict_label;
  AdwPreferencesGroup *status_group;
  AdwPreferencesGroup *ledger_group;
  AdwPreferencesGroup *adjustments_group;
  AdwPreferencesGroup *timing_group;
};

G_DEFINE_FINAL_TYPE (OkcPayoutView, okc_payout_view, ADW_TYPE_WINDOW)

static char *
format_minor (gint64      amount,
              const char *currency)
{
  OkcMoney money = { .amount = amount };

  g_strlcpy (money.currency, currency, sizeof money.currency);
  return okc_money_format_display (&money);
}

/* The payout names no time zone, but its week starts at the property's local midnight of
 * period_from: that gives the property's offset at the week's start, which every time on
 * the page is shown in, as the session's page shows them in its tariff's zone. */
static GTimeZone *
property_zone (OkcPayout *payout)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *midnight = g_strconcat (okc_payout_get_period_from (payout), "T00:00:00Z", NULL);
  g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (midnight, utc);
  gint64 offset;

  if (day == NULL)
    return g_time_zone_new_offset (0);
  offset = g_date_time_to_unix (day) - okc_payout_get_period_start (payout);
  if (offset < -14 * 3600 || offset > 14 * 3600)
    return g_time_zone_new_offset (0);
  return g_time_zone_new_offset ((gint32) offset);
}

/* "23 Nov 2026, 11:37" in the property's zone. */
static char *
format_time (OkcPayoutView *self,
             gint64         unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->zone);

  return okc_time_format (local, OKC_TIME_FORM_DATE_TIME);
}

static void
show_message (OkcPayoutView *self,
              const char    *message,
              const char    *style_class)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "success");
  if (style_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), style_class);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
add_row (OkcPayoutView       *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  g_object_set_data (G_OBJECT (row), "okc-group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->added_rows, row);
}

static void
clear_rows (OkcPayoutView *self)
{
  for (guint i = 0; i < self->added_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->added_rows, i);
      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "okc-group"), row);
    }
  g_ptr_array_set_size (self->added_rows, 0);
}

/* "Title: subtitle" and, when there is one, the amount: what a screen reader says. */
static void
name_row (GtkWidget  *row,
          const char *title,
          const char *subtitle,
          const char *amount)
{
  g_autoptr(GString) spoken = g_string_new (title);

  if (amount != NULL)
    g_string_append_printf (spoken, ": %s", amount);
  if (subtitle != NULL && *subtitle != '\0')
    g_string_append_printf (spoken, amount != NULL ? ", %s" : ": %s", subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spoken->str, -1);
}

static GtkWidget *
amount_label (const char *amount,
              gboolean    strong)
{
  GtkWidget *label = gtk_label_new (amount);

  gtk_widget_add_css_class (label, "numeric");
  if (strong)
    gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

/* A plain line: title, what it means, and its amount at the end. */
static GtkWidget *
line_row (const char *title,
          const char *subtitle,
          const char *amount,
          gboolean    strong)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (amount != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount_label (amount, strong));
  name_row (row, title, subtitle, amount);
  return row;
}

/* A line that opens onto what it sums. */
static GtkWidget *
expander_line (const char *title,
               const char *subtitle,
               const char *amount)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), amount_label (amount, FALSE));
  name_row (row, title, subtitle, amount);
  return row;
}

static void
open_session_cb (AdwActionRow  *row,
                 OkcPayoutView *self)
{
  const char *charger_id = g_object_get_data (G_OBJECT (row), "okc-charger-id");
  const char *session_id = g_object_get_data (G_OBJECT (row), "okc-session-id");

  if (self->main_window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->main_window), "win.show-session", "(ss)",
                                charger_id != NULL ? charger_id : "", session_id);
}

static void
open_payout_cb (AdwActionRow  *row,
                OkcPayoutView *self)
{
  const char *payout_id = g_object_get_data (G_OBJECT (row), "okc-payout-id");

  if (self->main_window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->main_window), "win.show-payout", "s",
                                payout_id);
}

/* A session's row, opening its page. */
static GtkWidget *
session_row (OkcPayoutView          *self,
             const OkcPayoutSession *session,
             gint64                  amount)
{
  const char *currency = okc_payout_reconciliation_get_currency (self->report->reconciliation);
  g_autofree char *started = format_time (self, session->started_at);
  g_autofree char *ended = format_time (self, session->ended_at);
  g_autofree char *money = format_minor (amount, currency);
  /* Translators: a session's charger and times, "CH-10234 · 3 Nov 2026, 18:05 to 3 Nov 2026, 21:40" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s to %s"), session->charger_id, started,
                                               ended);
  GtkWidget *row = line_row (session->id, subtitle, money, FALSE);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "okc-charger-id", g_strdup (session->charger_id),
                          g_free);
  g_object_set_data_full (G_OBJECT (row), "okc-session-id", g_strdup (session->id), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (open_session_cb), self, 0);
  return row;
}

static char *
format_day (const char *date)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_parse (&day, date);
  if (!g_date_valid (&day))
    return g_strdup (date);
  {
    char text[64];

    /* Translators: a day, as strftime() format: "2 Nov 2026" */
    if (g_date_strftime (text, sizeof text, _("%-d %b %Y"), &day) == 0)
      return g_strdup (date);
    return g_strdup (text);
  }
}

static char *
describe_status (OkcPayoutView *self,
                 OkcPayout     *payout)
{
  g_autofree char *initiated = okc_payout_get_initiated_at (payout) > 0
                                 ? format_time (self, okc_payout_get_initiated_at (payout))
                                 : NULL;
  g_autofree char *arrival = okc_payout_get_arrival_at (payout) > 0
                               ? format_time (self, okc_payout_get_arrival_at (payout))
                               : NULL;

  switch (okc_payout_get_status (payout))
    {
    case OKC_PAYOUT_STATUS_SCHEDULED:
      return g_strdup (_("The week is closed; it is sent the Tuesday after"));
    case OKC_PAYOUT_STATUS_IN_TRANSIT:
      /* Translators: "Sent 10 Nov 2026, 15:00, expected at the bank 12 Nov 2026, 15:00" */
      return g_strdup_printf (_("Sent %s, expected at the bank %s"), initiated,
                              arrival != NULL ? arrival : _("in 2 business days"));
    case OKC_PAYOUT_STATUS_PAID:
      if (arrival == NULL)
        /* Translators: "Sent 10 Nov 2026, 15:00, received by the bank" */
        return g_strdup_printf (_("Sent %s, received by the bank"), initiated);
      /* Translators: "Sent 10 Nov 2026, 15:00, received by the bank 12 Nov 2026, 15:00" */
      return g_strdup_printf (_("Sent %s, received by the bank %s"), initiated, arrival);
    case OKC_PAYOUT_STATUS_FAILED:
      /* Translators: "Sent 10 Nov 2026, 15:00, returned by the bank" */
      return g_strdup_printf (_("Sent %s, returned by the bank"),
                              initiated != NULL ? initiated : _("by the payout run"));
    case OKC_PAYOUT_STATUS_CARRIED_OVER:
      return g_strdup (_("Below the $1.00 threshold: nothing was sent"));
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
show_status (OkcPayoutView *self)
{
  OkcPayout *payout = self->report->payout;
  g_autofree char *status = describe_status (self, payout);
  g_autofree char *from = format_day (okc_payout_get_period_from (payout));
  g_autofree char *to = format_day (okc_payout_get_period_to (payout));
  /* Translators: a payout's week, "2 Nov 2026 to 8 Nov 2026" */
  g_autofree char *week = g_strdup_printf (_("%s to %s"), from, to);
  /* Translators: a payout's window subtitle, "Lakeview Lofts · 2 Nov 2026 to 8 Nov 2026" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), okc_payout_get_property_name (payout),
                                               week);
  /* Translators: a window's title, "Payout PAY-00012" */
  g_autofree char *title = g_strdup_printf (_("Payout %s"), okc_payout_get_id (payout));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);

  add_row (self, self->status_group,
           line_row (okc_payout_status_get_label (okc_payout_get_status (payout)), status, NULL,
                     FALSE));
  add_row (self, self->status_group, line_row (_("Property"),
                                               okc_payout_get_property_name (payout), NULL, FALSE));
  {
    gint32 offset = g_time_zone_get_offset (self->zone, 0);
    gint32 minutes = ABS (offset) / 60;
    /* Translators: a payout's week and the zone of its times, "23 Nov 2026 to 29 Nov 2026 · times in UTC−05:00" */
    g_autofree char *text = g_strdup_printf (_("%s · times in UTC%s%02d:%02d"), week,
                                             offset < 0 ? "−" : "+", minutes / 60, minutes % 60);
    add_row (self, self->status_group, line_row (_("Week"), text, NULL, FALSE));
  }
  if (okc_payout_get_bank_last4 (payout) != NULL)
    {
      /* Translators: "Account ending 6789" */
      g_autofree char *bank = g_strdup_printf (_("Account ending %s"),
                                               okc_payout_get_bank_last4 (payout));
      add_row (self, self->status_group, line_row (_("Bank"), bank, NULL, FALSE));
    }
  if (okc_payout_get_status (payout) == OKC_PAYOUT_STATUS_FAILED)
    {
      GtkWidget *reason = line_row (_("Bank’s Reason"), okc_payout_get_failure_reason (payout),
                                    NULL, FALSE);

      gtk_widget_add_css_class (reason, "error");
      add_row (self, self->status_group, reason);
      add_row (self, self->status_group,
               line_row (_("Tell the Host"),
                         _("The bank returned this payout. Ask the host to correct their bank "
                           "details in their OK2Charge dashboard; the next payout run sends the "
                           "amount again."),
                         NULL, FALSE));
    }
}

static void
show_ledger (OkcPayoutView *self)
{
  OkcPayoutReconciliation *reconciliation = self->report->reconciliation;
  const OkcPayoutTotals *totals = &self->report->totals;
  const char *currency = okc_payout_reconciliation_get_currency (reconciliation);
  guint n_sessions = 0, n_refunds = 0, n_carries = 0, n_credits = 0, n_covered = 0, n_fees = 0;
  const OkcPayoutSession *sessions = okc_payout_reconciliation_get_sessions (reconciliation,
                                                                            &n_sessions);
  const OkcPayoutRefund *refunds = okc_payout_reconciliation_get_refunds (reconciliation,
                                                                         &n_refunds);
  const OkcPayoutCarry *carries = okc_payout_reconciliation_get_carries (reconciliation,
                                                                        &n_carries);
  const OkcPayoutCredit *credits = okc_payout_reconciliation_get_credits (reconciliation,
                                                                         &n_credits);
  g_autofree char *gross = format_minor (totals->gross, currency);
  g_autofree char *fees = format_minor (-totals->processing_fees, currency);
  g_autofree char *platform = format_minor (-totals->platform_fee, currency);
  g_autofree char *base = format_minor (totals->gross - totals->processing_fees, currency);
  g_autofree char *refunded = format_minor (-totals->refunds, currency);
  g_autofree char *carried = format_minor (totals->carried_in, currency);
  g_autofree char *credited = format_minor (totals->credits, currency);
  g_autofree char *expected = format_minor (totals->expected, currency);
  g_autofree char *payable = format_minor (totals->payable, currency);
  g_autofree char *sent = format_minor (totals->sent, currency);
  g_autofree char *received = format_minor (totals->received, currency);
  g_autofree char *subtitle = NULL;
  g_autofree char *platform_text = NULL;
  GtkWidget *row;

  for (guint i = 0; i < n_sessions; i++)
    if (sessions[i].placement != OKC_PAYOUT_PLACEMENT_DEFERRED)
      {
        n_covered++;
        if (sessions[i].processing_fee != 0)
          n_fees++;
      }

  subtitle = g_strdup_printf (g_dngettext (NULL, "%u session ended in the week",
                                           "%u sessions ended in the week", n_covered),
                              n_covered);
  row = expander_line (_("Gross Revenue"), subtitle, gross);
  for (guint i = 0; i < n_sessions; i++)
    if (sessions[i].placement != OKC_PAYOUT_PLACEMENT_DEFERRED)
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                session_row (self, &sessions[i], sessions[i].gross));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), n_covered > 0);
  add_row (self, self->ledger_group, row);

  g_clear_pointer (&subtitle, g_free);
  subtitle = g_strdup_printf (g_dngettext (NULL, "The card processor’s fees of %u session",
                                           "The card processor’s fees of %u sessions", n_fees),
                              n_fees);
  row = expander_line (_("Processing Fees"), subtitle, fees);
  for (guint i = 0; i < n_sessions; i++)
    if (sessions[i].placement != OKC_PAYOUT_PLACEMENT_DEFERRED && sessions[i].processing_fee != 0)
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                session_row (self, &sessions[i], -sessions[i].processing_fee));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), n_fees > 0);
  add_row (self, self->ledger_group, row);

  /* Translators: "5 % of $458.02, the gross less processing fees" */
  platform_text = g_strdup_printf (_("5 %% of %s, the gross less processing fees"), base);
  add_row (self, self->ledger_group, line_row (_("Platform Fee"), platform_text, platform, FALSE));

  g_clear_pointer (&subtitle, g_free);
  subtitle = g_strdup_printf (g_dngettext (NULL, "%u refund settled in the week",
                                           "%u refunds settled in the week", n_refunds),
                              n_refunds);
  row = expander_line (_("Refunds"), subtitle, refunded);
  for (guint i = 0; i < n_refunds; i++)
    {
      g_autofree char *amount = format_minor (-refunds[i].amount, currency);
      g_autofree char *settled = format_time (self, refunds[i].settled_at);
      /* Translators: "on SES-0000042, settled 4 Nov 2026, 10:00" */
      g_autofree char *text = g_strdup_printf (_("on %s, settled %s"), refunds[i].session_id,
                                               settled);
      GtkWidget *line = line_row (refunds[i].id, text, amount, FALSE);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (line), TRUE);
      g_object_set_data_full (G_OBJECT (line), "okc-session-id", g_strdup (refunds[i].session_id),
                              g_free);
      g_signal_connect_object (line, "activated", G_CALLBACK (open_session_cb), self, 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), line);
    }
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), n_refunds > 0);
  add_row (self, self->ledger_group, row);

  g_clear_pointer (&subtitle, g_free);
  subtitle = n_carries == 0
               ? g_strdup (_("Nothing carried over from the weeks before"))
               : g_strdup_printf (g_dngettext (NULL,
                                               "The balance of %u week below the threshold",
                                               "The balances of %u weeks below the threshold",
                                               n_carries),
                                  n_carries);
  row = expander_line (_("Carried In"), subtitle, carried);
  for (guint i = 0; i < n_carries; i++)
    {
      g_autofree char *amount = format_minor (carries[i].amount, currency);
      g_autofree char *from = format_day (carries[i].period_from);
      g_autofree char *to = format_day (carries[i].period_to);
      g_autofree char *text = g_strdup_printf (_("%s to %s"), from, to);
      GtkWidget *line = line_row (carries[i].payout_id, text, amount, FALSE);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (line), TRUE);
      g_object_set_data_full (G_OBJECT (line), "okc-payout-id", g_strdup (carries[i].payout_id),
                              g_free);
      g_signal_connect_object (line, "activated", G_CALLBACK (open_payout_cb), self, 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), line);
    }
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), n_carries > 0);
  add_row (self, self->ledger_group, row);

  g_clear_pointer (&subtitle, g_free);
  subtitle = n_credits == 0
               ? g_strdup (_("No shortfall of an earlier payout credited here"))
               : g_strdup_printf (g_dngettext (NULL, "%u shortfall of an earlier payout",
                                               "%u shortfalls of earlier payouts", n_credits),
                                  n_credits);
  row = expander_line (_("Credits"), subtitle, credited);
  for (guint i = 0; i < n_credits; i++)
    {
      g_autofree char *amount = format_minor (credits[i].amount, currency);
      /* Translators: "for PAY-00009: the run missed a session" */
      g_autofree char *text = g_strdup_printf (_("for %s: %s"), credits[i].payout_id,
                                               credits[i].reason);
      GtkWidget *line = line_row (credits[i].id, text, amount, FALSE);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (line), TRUE);
      g_object_set_data_full (G_OBJECT (line), "okc-payout-id", g_strdup (credits[i].payout_id),
                              g_free);
      g_signal_connect_object (line, "activated", G_CALLBACK (open_payout_cb), self, 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), line);
    }
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), n_credits > 0);
  add_row (self, self->ledger_group, row);

  add_row (self, self->ledger_group,
           line_row (_("Expected"),
                     _("Gross less processing fees, the platform fee and refunds, plus what was "
                       "carried in and credited"),
                     expected, TRUE));
  add_row (self, self->ledger_group,
           line_row (_("Payable"),
                     okc_payout_reconciliation_is_carried_over (reconciliation)
                       ? _("Below the $1.00 threshold: nothing is sent, the expected amount is "
                           "carried into the next payout")
                       : _("The expected amount, at or above the $1.00 threshold"),
                     payable, TRUE));
  add_row (self, self->ledger_group,
           line_row (C_("payout line", "Sent"), _("What the payout run sent the bank"), sent, FALSE));
  add_row (self, self->ledger_group,
           line_row (_("Received"),
                     okc_payout_get_status (self->report->payout) == OKC_PAYOUT_STATUS_PAID
                       ? _("What the bank has")
                       : _("Nothing yet: the bank has not received it, or returned it"),
                     received, FALSE));
}

static void
show_verdict (OkcPayoutView *self)
{
  const char *currency = okc_payout_reconciliation_get_currency (self->report->reconciliation);
  gint64 difference = self->report->totals.difference;
  gint64 creditable = okc_payout_report_get_creditable (self->report);
  OkcPayoutStatus status = okc_payout_get_status (self->report->payout);
  g_autofree char *verdict = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "error");
  if (difference == 0)
    {
      verdict = g_strdup (_("Matches to the cent"));
      gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), "success");
    }
  else
    {
      g_autofree char *amount = format_minor (difference < 0 ? -difference : difference, currency);

      /* Translators: "Paid $12.30 short", "Paid $4.00 over" */
      verdict = g_strdup_printf (difference < 0 ? _("Paid %s short") : _("Paid %s over"), amount);
      gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), "error");
    }
  if (difference < 0 && creditable == 0)
    {
      g_autofree char *whole = g_strdup_printf (_("%s; credited in full"), verdict);
      g_free (verdict);
      verdict = g_steal_pointer (&whole);
    }
  else if (difference < 0 && creditable < -difference)
    {
      g_autofree char *rest = format_minor (creditable, currency);
      /* Translators: "Paid $12.30 short; $2.30 still to credit" */
      g_autofree char *part = g_strdup_printf (_("%s; %s still to credit"), verdict, rest);
      g_free (verdict);
      verdict = g_steal_pointer (&part);
    }
  /* The figures can match while the money is not with the host. */
  if (status == OKC_PAYOUT_STATUS_FAILED || status == OKC_PAYOUT_STATUS_SCHEDULED)
    {
      g_autofree char *noted = g_strdup_printf (status == OKC_PAYOUT_STATUS_FAILED
                                                  /* Translators: "Matches to the cent; the bank returned it, so the host has received nothing" */
                                                  ? _("%s; the bank returned it, so the host has received nothing")
                                                  /* Translators: "Matches to the cent; not sent yet" */
                                                  : _("%s; not sent yet"),
                                                verdict);
      g_free (verdict);
      verdict = g_steal_pointer (&noted);
    }
  gtk_label_set_text (self->verdict_label, verdict);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, verdict, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->credit_button),
                          creditable > 0 &&
                          (status == OKC_PAYOUT_STATUS_PAID ||
                           status == OKC_PAYOUT_STATUS_IN_TRANSIT));
  gtk_widget_set_sensitive (GTK_WIDGET (self->credit_button), self->action_key == NULL);
}

static void
show_adjustments (OkcPayoutView *self)
{
  GPtrArray *adjustments = self->report->adjustments;

  gtk_widget_set_visible (GTK_WIDGET (self->adjustments_group), adjustments->len > 0);
  for (guint i = 0; i < adjustments->len; i++)
    {
      OkcPayoutAdjustment *adjustment = g_ptr_array_index (adjustments, i);
      g_autofree char *when = format_time (self, okc_payout_adjustment_get_created_at (adjustment));
      const char *credited = okc_payout_adjustment_get_credited_payout_id (adjustment);
      g_autofree char *where = credited != NULL
                                 /* Translators: "credited to PAY-00013" */
                                 ? g_strdup_printf (_("credited to %s"), credited)
                                 : g_strdup (_("paid by the next payout run"));
      /* Translators: "credited to PAY-00013 by Alex Rivera, 2 Dec 2026, 10:00: the run missed a session" */
      g_autofree char *text = g_strdup_printf (_("%s by %s, %s: %s"), where,
                                               okc_payout_adjustment_get_created_by_name (adjustment),
                                               when, okc_payout_adjustment_get_reason (adjustment));
      OkcMoney amount;
      g_autofree char *money = NULL;

      okc_payout_adjustment_get_amount (adjustment, &amount);
      money = okc_money_format_display (&amount);
      add_row (self, self->adjustments_group,
               line_row (okc_payout_adjustment_get_id (adjustment), text, money, FALSE));
    }
}

static void
show_timing (OkcPayoutView *self)
{
  OkcPayoutReconciliation *reconciliation = self->report->reconciliation;
  guint n_sessions = 0, n_deferred = 0, n_before = 0;
  const OkcPayoutSession *sessions = okc_payout_reconciliation_get_sessions (reconciliation,
                                                                            &n_sessions);
  g_autofree char *cutoff = format_time (self, okc_payout_reconciliation_get_cutoff_at (reconciliation));
  g_autofree char *start = format_time (self, okc_payout_reconciliation_get_period_start (reconciliation));
  GtkWidget *deferred = NULL, *before = NULL;

  for (guint i = 0; i < n_sessions; i++)
    {
      if (sessions[i].placement == OKC_PAYOUT_PLACEMENT_DEFERRED)
        n_deferred++;
      else if (sessions[i].placement == OKC_PAYOUT_PLACEMENT_STARTED_BEFORE)
        n_before++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->timing_group), n_deferred + n_before > 0);
  if (n_deferred + n_before == 0)
    return;
  adw_preferences_group_set_description (self->timing_group,
    _("A session is paid in the week it ends; the host’s dashboard counts it in the week it "
      "starts. These sessions are why the two differ."));
  if (n_deferred > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (NULL,
                                                             "%u Session Goes to the Next Payout",
                                                             "%u Sessions Go to the Next Payout",
                                                             n_deferred),
                                                n_deferred);
      /* Translators: "Started this week but ended after the cut-off, 9 Nov 2026, 00:00: not in these totals" */
      g_autofree char *text = g_strdup_printf (_("Started this week but ended after the cut-off, "
                                                 "%s: not in these totals"), cutoff);

      deferred = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (deferred), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (deferred), text);
      name_row (deferred, title, text, NULL);
      add_row (self, self->timing_group, deferred);
    }
  if (n_before > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (NULL,
                                                             "%u Session Started Before This Week",
                                                             "%u Sessions Started Before This Week",
                                                             n_before),
                                                n_before);
      /* Translators: "Started before 2 Nov 2026, 00:00 but ended in this week: paid here" */
      g_autofree char *text = g_strdup_printf (_("Started before %s but ended in this week: "
                                                 "paid here"), start);

      before = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (before), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (before), text);
      name_row (before, title, text, NULL);
      add_row (self, self->timing_group, before);
    }
  for (guint i = 0; i < n_sessions; i++)
    {
      if (sessions[i].placement == OKC_PAYOUT_PLACEMENT_DEFERRED)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (deferred),
                                  session_row (self, &sessions[i], sessions[i].gross));
      else if (sessions[i].placement == OKC_PAYOUT_PLACEMENT_STARTED_BEFORE)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (before),
                                  session_row (self, &sessions[i], sessions[i].gross));
    }
}

static void
report_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OkcPayoutView) self = user_data;
  g_autoptr(GError) error = NULL;
  OkcPayoutReport *report = okc_client_get_payout_report_finish (OKC_CLIENT (object), result,
                                                                 &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report == NULL)
    {
      /* Translators: the backend's figures could not be shown, with why */
      g_autofree char *text = g_strdup_printf (_("Could not load the payout’s reconciliation: %s"),
                                               error->message);
      show_message (self, text, "error");
      return;
    }
  g_clear_pointer (&self->report, okc_payout_report_free);
  self->report = report;
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = property_zone (report->payout);
  clear_rows (self);
  show_status (self);
  show_ledger (self);
  show_verdict (self);
  show_adjustments (self);
  show_timing (self);
}

/**
 * okc_payout_view_reload:
 *
 * Fetches the payout and its reconciliation again and shows them.
 */
void
okc_payout_view_reload (OkcPayoutView *self)
{
  g_return_if_fail (OKC_IS_PAYOUT_VIEW (self));

  okc_client_get_payout_report_async (self->client, self->payout_id, self->cancellable,
                                      report_loaded_cb, g_object_ref (self));
}

const char *
okc_payout_view_get_payout_id (OkcPayoutView *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_VIEW (self), NULL);

  return self->payout_id;
}

static void
action_finished_cb (OkcOutbox       *outbox,
                    OkcOutboxAction *action,
                    OkcPayoutView   *self)
{
  g_autoptr(OkcPayoutAdjustment) adjustment = NULL;
  g_autoptr(GError) error = NULL;

  if (self->action_key == NULL ||
      !g_str_equal (okc_outbox_action_get_key (action), self->action_key))
    return;
  g_clear_pointer (&self->action_key, g_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->credit_button), TRUE);
  if (okc_outbox_action_get_state (action) != OKC_OUTBOX_STATE_DONE)
    {
      show_message (self, okc_outbox_action_get_error (action)->message, "error");
      okc_payout_view_reload (self);
      return;
    }
  adjustment = okc_payout_adjustment_action_get_adjustment (action, &error);
  if (adjustment == NULL)
    show_message (self, error->message, "error");
  else
    {
      OkcMoney amount;
      g_autofree char *money = NULL;
      g_autofree char *text = NULL;
      const char *credited = okc_payout_adjustment_get_credited_payout_id (adjustment);

      okc_payout_adjustment_get_amount (adjustment, &amount);
      money = okc_money_format_display (&amount);
      text = credited != NULL
               /* Translators: "Credited $12.30 to PAY-00013 (ADJ-00001)" */
               ? g_strdup_printf (_("Credited %s to %s (%s)"), money, credited,
                                  okc_payout_adjustment_get_id (adjustment))
               /* Translators: "Credited $12.30: the next payout run pays it (ADJ-00001)" */
               : g_strdup_printf (_("Credited %s: the next payout run pays it (%s)"), money,
                                  okc_payout_adjustment_get_id (adjustment));
      show_message (self, text, "success");
    }
  okc_payout_view_reload (self);
}

static void
credit_submitted_cb (OkcShortfallDialog *dialog,
                     OkcOutboxAction    *action,
                     OkcPayoutView      *self)
{
  g_free (self->action_key);
  self->action_key = g_strdup (okc_outbox_action_get_key (action));
  gtk_widget_set_sensitive (GTK_WIDGET (self->credit_button), FALSE);
  show_message (self, _("Crediting the shortfall…"), NULL);
}

static void
credit_clicked_cb (OkcPayoutView *self)
{
  OkcShortfallDialog *dialog;
  gint64 creditable;

  if (self->report == NULL || self->action_key != NULL)
    return;
  creditable = okc_payout_report_get_creditable (self->report);
  if (creditable <= 0)
    return;
  dialog = okc_shortfall_dialog_new (GTK_WINDOW (self), self->outbox, self->payout_id,
                                     okc_payout_reconciliation_get_currency (self->report->reconciliation),
                                     creditable, self->ticket_id);
  g_signal_connect_object (dialog, "credit-submitted", G_CALLBACK (credit_submitted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_clicked_cb (OkcPayoutView *self)
{
  okc_payout_view_reload (self);
}

static void
okc_payout_view_dispose (GObject *object)
{
  OkcPayoutView *self = OKC_PAYOUT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->finished_id, self->outbox);
  g_clear_weak_pointer (&self->main_window);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->outbox);
  g_clear_pointer (&self->report, okc_payout_report_free);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->added_rows, g_ptr_array_unref);
  g_clear_pointer (&self->payout_id, g_free);
  g_clear_pointer (&self->ticket_id, g_free);
  g_clear_pointer (&self->action_key, g_free);

  G_OBJECT_CLASS (okc_payout_view_parent_class)->dispose (object);
}

static void
okc_payout_view_class_init (OkcPayoutViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_payout_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-payout-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcPayoutView, window_title);
  gtk_widget_class_bind_template_child (widget_class, OkcPayoutView, credit_button);
  gtk_widget_class_bind_template_child (widget_class, OkcPayoutView, message_label);
  gtk_widget_class_bind_template_child (widget_class, OkcPayoutView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, OkcPayoutView, status_group);
  gtk_widget_class_bind_template_child (widget_class, OkcPayoutView, ledger_group);
  gtk_widget_class_bind_template_child (widget_class, OkcPayoutView, adjustments_group);
  gtk_widget_class_bind_template_child (widget_class, OkcPayoutView, timing_group);
  gtk_widget_class_bind_template_callback (widget_class, credit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reload_clicked_cb);
}

static void
okc_payout_view_init (OkcPayoutView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->added_rows = g_ptr_array_new ();
  self->zone = g_time_zone_new_offset (0);
}

OkcPayoutView *
okc_payout_view_new (GtkWindow  *parent,
                     OkcClient  *client,
                     OkcOutbox  *outbox,
                     const char *payout_id,
                     const char *ticket_id)
{
  OkcPayoutView *self;

  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OKC_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (payout_id != NULL, NULL);

  self = g_object_new (OKC_TYPE_PAYOUT_VIEW, NULL);
  g_set_weak_pointer (&self->main_window, parent);
  self->client = g_object_ref (client);
  self->outbox = g_object_ref (outbox);
  self->payout_id = g_strdup (payout_id);
  self->ticket_id = g_strdup (ticket_id);
  self->finished_id = g_signal_connect (outbox, "action-finished",
                                        G_CALLBACK (action_finished_cb), self);
  okc_payout_view_reload (self);
  return self;
}
