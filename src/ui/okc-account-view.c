/* okc-account-view.c — a customer's account page: profile, identity, subscription,
 * cards, emails, recent sessions and tickets, and the account changes (topics 6 and 7)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-account-view.h"

#include "okc-account-dialogs.h"
#include "okc-client-sessions.h"
#include "okc-core.h"
#include "okc-host-panel.h"
#include "okc-time-format.h"

#define N_RECENT_SESSIONS 5

struct _OkcAccountView
{
  AdwWindow parent_instance;

  OkcClient *client;
  OkcOutbox *outbox;
  OkcLiveUpdates *live;
  GtkWindow *main_window;     /* weak: where sessions, tickets and properties open */
  char *account_id;
  char *ticket_id;
  char *requester_email;
  GCancellable *cancellable;
  OkcAccount *account;
  GPtrArray *pending_keys;    /* char *: the submitted changes, until answered */
  gulong finished_id;
  gulong live_id;

  /* The rows this file adds, per group, so that each can be rebuilt alone. */
  GPtrArray *card_rows;
  GPtrArray *card_buttons;
  GPtrArray *session_rows;
  GPtrArray *ticket_rows;

  AdwWindowTitle *window_title;
  GtkLabel *message_label;
  AdwActionRow *kind_row;
  AdwActionRow *phone_row;
  AdwActionRow *created_row;
  AdwActionRow *identity_row;
  GtkButton *verify_button;
  AdwPreferencesGroup *subscription_group;
  AdwActionRow *subscription_row;
  GtkButton *cancel_button;
  AdwPreferencesGroup *cards_group;
  AdwPreferencesGroup *email_group;
  GtkButton *email_button;
  AdwActionRow *email_row;
  AdwActionRow *notification_row;
  AdwPreferencesGroup *properties_group;
  GtkWidget *host_panel;      /* a host's properties, revenue and payouts, once known */
  AdwPreferencesGroup *sessions_group;
  AdwPreferencesGroup *tickets_group;
  AdwPreferencesGroup *delete_group;
  GtkButton *delete_button;
};

G_DEFINE_FINAL_TYPE (OkcAccountView, okc_account_view, ADW_TYPE_WINDOW)

static void load (OkcAccountView *self);

/* Rows ------------------------------------------------------------------------------ */

static void
show_message (OkcAccountView *self,
              const char     *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *spoken = g_strdup_printf ("%s: %s", title, text);

  adw_action_row_set_subtitle (row, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
add_row (GPtrArray           *rows,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  g_object_set_data (G_OBJECT (row), "okc-group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

static void
clear_rows (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "okc-group"), row);
    }
  g_ptr_array_set_size (rows, 0);
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return okc_time_format (local, OKC_TIME_FORM_DATE_TIME);
}

static char *
format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return okc_time_format (local, OKC_TIME_FORM_DATE);
}

/* An activatable row that opens something in the main window. */
static void
opening_row_activated_cb (AdwActionRow   *row,
                          OkcAccountView *self)
{
  const char *action = g_object_get_data (G_OBJECT (row), "okc-action");
  GVariant *target = g_object_get_data (G_OBJECT (row), "okc-target");

  if (self->main_window == NULL)
    return;
  gtk_window_present (self->main_window);
  gtk_widget_activate_action_variant (GTK_WIDGET (self->main_window), action, target);
}

/* @target: (transfer floating): the action's parameter */
static GtkWidget *
opening_row (OkcAccountView *self,
             const char     *title,
             const char     *subtitle,
             const char     *action,
             GVariant       *target)
{
  GtkWidget *row = text_row (title, subtitle);
  /* Translators: an activatable row as a screen reader says it, "Open SES-0000042: …" */
  g_autofree char *spoken = g_strdup_printf (_("Open %s: %s"), title, subtitle);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "okc-action", g_strdup (action), g_free);
  g_object_set_data_full (G_OBJECT (row), "okc-target", g_variant_ref_sink (target),
                          (GDestroyNotify) g_variant_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (opening_row_activated_cb), self, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
  return row;
}

/* Whether changes may be made, and why not ------------------------------------------ */

/* Returns: (nullable): why the changes are disabled now, NULL when they are not. */
static const char *
change_reason (OkcAccountView *self)
{
  if (self->ticket_id == NULL)
    return OKC_ACCOUNT_NO_TICKET_REASON;
  if (self->account == NULL)
    return _("Loading the account…");
  if (okc_account_is_deleted (self->account))
    return _("This account was deleted: nothing is left to change");
  if (!okc_account_is_verified (self->account, g_get_real_time () / G_USEC_PER_SEC))
    return OKC_ACCOUNT_NOT_VERIFIED_REASON;
  if (self->pending_keys->len > 0)
    return _("Waiting for the backend to confirm the last change…");
  return NULL;
}

static void
set_reason (AdwPreferencesGroup *group,
            const char          *reason)
{
  adw_preferences_group_set_description (group, reason);
}

static void
update_changes (OkcAccountView *self)
{
  const char *reason = change_reason (self);
  gboolean allowed = reason == NULL;
  const OkcAccountSubscription *sub =
    self->account != NULL ? okc_account_get_subscription (self->account) : NULL;
  gboolean cancellable = sub != NULL && sub->status != OKC_SUBSCRIPTION_STATUS_CANCELLED;
  gboolean deleted = self->account != NULL && okc_account_is_deleted (self->account);

  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button),
                            self->ticket_id != NULL && self->account != NULL && !deleted &&
                            self->pending_keys->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), allowed && cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->email_button), allowed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), allowed);
  for (guint i = 0; i < self->card_buttons->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->card_buttons, i), allowed);

  set_reason (self->subscription_group, cancellable ? reason : NULL);
  set_reason (self->cards_group, self->card_buttons->len > 0 ? reason : NULL);
  set_reason (self->email_group, reason);
  set_reason (self->delete_group, reason);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cancel_button), reason);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->email_button), reason);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->delete_button), reason);
}

/* The account ----------------------------------------------------------------------- */

static void
show_identity (OkcAccountView *self)
{
  const OkcAccountVerification *ver = okc_account_get_verification (self->account);
  g_autofree char *text = NULL;

  if (self->ticket_id == NULL)
    text = g_strdup (OKC_ACCOUNT_NO_TICKET_REASON);
  else if (okc_account_is_deleted (self->account))
    text = g_strdup (_("This account was deleted"));
  else if (ver != NULL && okc_account_is_verified (self->account,
                                                   g_get_real_time () / G_USEC_PER_SEC))
    {
      g_autofree char *until = format_time (ver->expires_at);
      g_autofree char *method = g_utf8_strdown (okc_verification_method_get_label (ver->method),
                                                -1);

      /* Translators: "Verified by Alex Rivera on TCK-000123 (last four digits of a card)
       * until 3 Dec 2026, 10:00" */
      text = g_strdup_printf (_("Verified by %s on %s (%s) until %s"), ver->verified_by_name,
                              ver->ticket_id, method, until);
    }
  else
    text = g_strdup (OKC_ACCOUNT_NOT_VERIFIED_REASON);
  set_subtitle (self->identity_row, text);
}

static void
show_subscription (OkcAccountView *self)
{
  const OkcAccountSubscription *sub = okc_account_get_subscription (self->account);
  g_autofree char *price = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  const char *plan;

  if (sub == NULL)
    {
      set_subtitle (self->subscription_row, _("No subscription"));
      return;
    }
  plan = g_str_equal (sub->plan, "annual") ? _("Annual plan") : _("Monthly plan");
  price = okc_money_format_display (&sub->price);
  switch (sub->status)
    {
    case OKC_SUBSCRIPTION_STATUS_ACTIVE:
      when = format_day (sub->renews_at);
      /* Translators: "Monthly plan, $9.99 · Active, renews on 14 Dec 2026" */
      text = g_strdup_printf (_("%s, %s · Active, renews on %s"), plan, price, when);
      break;
    case OKC_SUBSCRIPTION_STATUS_CANCELLING:
      when = format_day (sub->renews_at);
      /* Translators: "Monthly plan, $9.99 · Cancelled at the end of the period: no more
       * charges, works until 14 Dec 2026" */
      text = g_strdup_printf (_("%s, %s · Cancelled at the end of the period: no more charges, "
                                "works until %s"), plan, price, when);
      break;
    case OKC_SUBSCRIPTION_STATUS_CANCELLED:
    case OKC_SUBSCRIPTION_STATUS_NONE:
    default:
      when = format_day (sub->cancelled_at);
      /* Translators: "Monthly plan, $9.99 · Cancelled on 2 Dec 2026: no more charges" */
      text = g_strdup_printf (_("%s, %s · Cancelled on %s: no more charges"), plan, price, when);
      break;
    }
  set_subtitle (self->subscription_row, text);
}

static void remove_card_clicked_cb (GtkButton      *button,
                                    OkcAccountView *self);

static void
show_cards (OkcAccountView *self)
{
  guint n = okc_account_get_n_cards (self->account);

  clear_rows (self->card_rows);
  g_ptr_array_set_size (self->card_buttons, 0);
  if (n == 0)
    {
      add_row (self->card_rows, self->cards_group, text_row (_("No Saved Cards"),
                                                             _("The account has no card on file")));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const OkcAccountCard *card = okc_account_get_card (self->account, i);
      g_autofree char *title = okc_account_card_describe (card);
      g_autofree char *added = format_day (card->added_at);
      /* Translators: "Default card · added 2 Jun 2025" */
      g_autofree char *subtitle = card->is_default
                                    ? g_strdup_printf (_("Default card · added %s"), added)
                                    : g_strdup_printf (_("Added %s"), added);
      /* Translators: a button's name for a screen reader, "Remove the card ending 4242" */
      g_autofree char *spoken = g_strdup_printf (_("Remove the card ending %s"), card->last4);
      GtkWidget *row = text_row (title, subtitle);
      GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove"));

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (remove), "okc-card-id", g_strdup (card->id), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      spoken, -1);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_card_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      g_ptr_array_add (self->card_buttons, remove);
      add_row (self->card_rows, self->cards_group, row);
    }
}

/* A host's side: their properties, each opening its page. The host panel of payouts
 * (okc-host-panel.h) joins it here. */
/* A host's side of the page (okc-host-panel.c): their properties, revenue, payouts and
 * statement, made once, where the properties group stands. */
static void
add_host_section (OkcAccountView *self)
{
  GtkWidget *group = GTK_WIDGET (self->properties_group);

  gtk_widget_set_visible (group, FALSE);
  if (!okc_account_is_host (self->account) || self->host_panel != NULL ||
      self->main_window == NULL)
    return;
  self->host_panel = okc_host_panel_new (self->main_window, self->client, self->outbox,
                                         self->account_id, okc_account_get_name (self->account),
                                         self->ticket_id);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (group)), self->host_panel, group);
}

static void
show_account (OkcAccountView *self)
{
  OkcAccount *account = self->account;
  const char *notification = okc_account_get_notification_email (account);
  g_autofree char *kind = NULL;
  g_autofree char *created = format_day (okc_account_get_created_at (account));
  g_autofree char *title = NULL;

  adw_window_title_set_title (self->window_title, okc_account_get_name (account));
  adw_window_title_set_subtitle (self->window_title, self->ticket_id != NULL
                                                       ? self->ticket_id : _("No ticket"));
  /* Translators: the account window's title, "Maya Chen (ACC-00017)" */
  title = g_strdup_printf (_("%s (%s)"), okc_account_get_name (account), okc_account_get_id (account));
  gtk_window_set_title (GTK_WINDOW (self), title);
  /* Translators: "ACC-00017 · Guest" or "ACC-00009 · Host · deleted on 1 Dec 2026" */
  if (okc_account_is_deleted (account))
    {
      g_autofree char *deleted = format_day (okc_account_get_deleted_at (account));
      kind = g_strdup_printf (_("%s · %s · deleted on %s"), okc_account_get_id (account),
                              okc_account_is_host (account) ? _("Host") : _("Guest"), deleted);
    }
  else
    kind = g_strdup_printf (_("%s · %s"), okc_account_get_id (account),
                            okc_account_is_host (account) ? _("Host") : _("Guest"));
  set_subtitle (self->kind_row, kind);
  set_subtitle (self->phone_row, okc_account_get_phone (account) != NULL
                                   ? okc_account_get_phone (account) : _("None"));
  set_subtitle (self->created_row, created);
  set_subtitle (self->email_row, *okc_account_get_email (account) != '\0'
                                   ? okc_account_get_email (account) : _("None"));
  set_subtitle (self->notification_row, notification != NULL
                                          ? notification : _("The login email"));
  show_identity (self);
  show_subscription (self);
  show_cards (self);
  add_host_section (self);
  update_changes (self);
}

static void
set_account (OkcAccountView *self,
             OkcAccount     *account)
{
  g_set_object (&self->account, account);
  show_account (self);
}

/* Sessions and tickets ------------------------------------------------------------- */

static void
sessions_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OkcAccountView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcSessionPage) page = okc_client_list_sessions_finish (OKC_CLIENT (object), result,
                                                                    &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  clear_rows (self->session_rows);
  if (page == NULL)
    {
      add_row (self->session_rows, self->sessions_group,
               text_row (_("Sessions Not Loaded"), error->message));
      return;
    }
  if (page->sessions->len == 0)
    add_row (self->session_rows, self->sessions_group,
             text_row (_("No Sessions"), _("The account has not charged yet")));
  for (guint i = 0; i < page->sessions->len; i++)
    {
      OkcChargingSession *session = g_ptr_array_index (page->sessions, i);
      g_autofree char *when = format_time (okc_charging_session_get_started_at (session));
      g_autofree char *energy = okc_format_energy_display (okc_charging_session_get_energy_wh (session));
      g_autofree char *billed = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      OkcMoney total;

      const char *charger = okc_charging_session_get_charger_id (session);

      okc_charging_session_get_billed_total (session, &total);
      billed = okc_money_format_display (&total);
      title = g_strdup_printf ("%s · %s", okc_charging_session_get_id (session),
                               okc_charging_session_get_property_name (session));
      /* Translators: "23 Nov 2026, 18:00 · 12.5 kWh · $4.20" */
      subtitle = g_strdup_printf (_("%s · %s · %s"), when, energy, billed);
      add_row (self->session_rows, self->sessions_group,
               opening_row (self, title, subtitle, "win.show-session",
                            g_variant_new ("(ss)", charger != NULL ? charger : "",
                                           okc_charging_session_get_id (session))));
    }
}

static void
tickets_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OkcAccountView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tickets = okc_client_list_account_tickets_finish (OKC_CLIENT (object),
                                                                         result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  clear_rows (self->ticket_rows);
  if (tickets == NULL)
    {
      add_row (self->ticket_rows, self->tickets_group,
               text_row (_("Tickets Not Loaded"), error->message));
      return;
    }
  if (tickets->len == 0)
    add_row (self->ticket_rows, self->tickets_group,
             text_row (_("No Tickets"), _("No ticket came from the account’s emails or phone")));
  for (guint i = 0; i < tickets->len; i++)
    {
      OkcTicket *ticket = g_ptr_array_index (tickets, i);
      g_autofree char *opened = format_day (okc_ticket_get_created_at (ticket));
      /* Translators: "TCK-000123 · Open · 2 Dec 2026" */
      g_autofree char *title = g_strdup_printf (_("%s · %s · %s"), okc_ticket_get_id (ticket),
                                                okc_ticket_status_get_label (okc_ticket_get_status (ticket)),
                                                opened);

      add_row (self->ticket_rows, self->tickets_group,
               opening_row (self, title, okc_ticket_get_summary (ticket), "app.show-ticket",
                            g_variant_new_string (okc_ticket_get_id (ticket))));
    }
}

static void
account_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OkcAccountView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcAccount) account = okc_client_get_account_finish (OKC_CLIENT (object), result,
                                                                 &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (account == NULL)
    {
      show_message (self, error->message);
      return;
    }
  set_account (self, account);
}

static void
load (OkcAccountView *self)
{
  OkcSessionQuery query = { .account = self->account_id };

  okc_client_get_account_async (self->client, self->account_id, self->ticket_id,
                                self->cancellable, account_loaded_cb, g_object_ref (self));
  okc_client_list_sessions_async (self->client, &query, 0, N_RECENT_SESSIONS, self->cancellable,
                                  sessions_loaded_cb, g_object_ref (self));
  okc_client_list_account_tickets_async (self->client, self->account_id, self->cancellable,
                                         tickets_loaded_cb, g_object_ref (self));
}

static void
account_updated_cb (OkcLiveUpdates *live,
                    const char     *account_id,
                    OkcAccountView *self)
{
  if (g_strcmp0 (account_id, self->account_id) == 0)
    load (self);
}

/* Changes, through the outbox ------------------------------------------------------ */

static gboolean
take_pending (OkcAccountView *self,
              const char     *key)
{
  for (guint i = 0; i < self->pending_keys->len; i++)
    if (g_str_equal (g_ptr_array_index (self->pending_keys, i), key))
      {
        g_ptr_array_remove_index (self->pending_keys, i);
        return TRUE;
      }
  return FALSE;
}

static void
action_finished_cb (OkcOutbox       *outbox,
                    OkcOutboxAction *action,
                    OkcAccountView  *self)
{
  g_autoptr(OkcAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (!take_pending (self, okc_outbox_action_get_key (action)))
    return;
  if (okc_outbox_action_get_state (action) != OKC_OUTBOX_STATE_DONE)
    {
      show_message (self, okc_outbox_action_get_error (action)->message);
      update_changes (self);
      load (self);
      return;
    }
  account = okc_account_action_get_account (action, &error);
  if (account == NULL)
    {
      show_message (self, error->message);
      load (self);
      return;
    }
  /* Translators: the outcome of a change, "Done: Remove the card ending 4242 of Maya Chen" */
  done = g_strdup_printf (_("Done: %s"), okc_outbox_action_get_summary (action));
  show_message (self, done);
  set_account (self, account);
}

typedef struct
{
  OkcAccountView *self;
  char *key;
} Submission;

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Submission *submission = user_data;
  g_autoptr(OkcAccountView) self = submission->self;
  g_autofree char *key = submission->key;
  g_autoptr(GError) error = NULL;

  g_free (submission);
  if (okc_outbox_submit_finish (OKC_OUTBOX (object), result, &error))
    return;
  /* Nothing was recorded: the agent must know, and may try again. */
  take_pending (self, key);
  show_message (self, error->message);
  update_changes (self);
}

/* Takes @action. */
static void
submit (OkcAccountView  *self,
        OkcOutboxAction *action)
{
  g_autoptr(OkcOutboxAction) owned = action;
  g_autofree char *sending = NULL;
  Submission *submission = g_new0 (Submission, 1);

  submission->self = g_object_ref (self);
  submission->key = g_strdup (okc_outbox_action_get_key (action));
  g_ptr_array_add (self->pending_keys, g_strdup (okc_outbox_action_get_key (action)));
  /* Translators: "Sending: Cancel the subscription of Maya Chen now…" */
  sending = g_strdup_printf (_("Sending: %s…"), okc_outbox_action_get_summary (action));
  show_message (self, sending);
  update_changes (self);
  okc_outbox_submit_async (self->outbox, action, self->cancellable, submitted_cb, submission);
}

static void
verified_cb (OkcAccountView *self)
{
  show_message (self, _("Identity verified: the changes are enabled for this ticket"));
  load (self);
}

static gboolean
offers_request_email (OkcAccountView *self)
{
  return self->requester_email != NULL &&
         *okc_account_get_email (self->account) != '\0' &&
         g_ascii_strcasecmp (self->requester_email, okc_account_get_email (self->account)) == 0;
}

static void
verify_clicked_cb (OkcAccountView *self)
{
  OkcAccountVerifyDialog *dialog;

  if (self->account == NULL || self->ticket_id == NULL)
    return;
  dialog = okc_account_verify_dialog_new (GTK_WINDOW (self), self->client, self->account,
                                          self->ticket_id, offers_request_email (self));
  g_signal_connect_object (dialog, "verified", G_CALLBACK (verified_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    OkcAccountView   *self)
{
  if (self->account == NULL || change_reason (self) != NULL)
    return;
  if (g_str_equal (response, "now") || g_str_equal (response, "period_end"))
    submit (self, okc_account_action_new_cancel_subscription (self->account, self->ticket_id,
                                                              g_str_equal (response, "now")));
}

static void
cancel_clicked_cb (OkcAccountView *self)
{
  AdwMessageDialog *dialog;

  if (self->account == NULL || okc_account_get_subscription (self->account) == NULL)
    return;
  dialog = okc_account_cancel_dialog_new (GTK_WINDOW (self), self->account);
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    OkcAccountView   *self)
{
  const char *card_id = g_object_get_data (G_OBJECT (dialog), "okc-card-id");

  if (!g_str_equal (response, "remove") || self->account == NULL || change_reason (self) != NULL)
    return;
  for (guint i = 0; i < okc_account_get_n_cards (self->account); i++)
    {
      const OkcAccountCard *card = okc_account_get_card (self->account, i);

      if (g_str_equal (card->id, card_id))
        {
          submit (self, okc_account_action_new_remove_card (self->account, card, self->ticket_id));
          return;
        }
    }
  show_message (self, _("The card is no longer on the account"));
}

static void
remove_card_clicked_cb (GtkButton      *button,
                        OkcAccountView *self)
{
  const char *card_id = g_object_get_data (G_OBJECT (button), "okc-card-id");
  AdwMessageDialog *dialog;

  for (guint i = 0; self->account != NULL && i < okc_account_get_n_cards (self->account); i++)
    {
      const OkcAccountCard *card = okc_account_get_card (self->account, i);

      if (!g_str_equal (card->id, card_id))
        continue;
      dialog = okc_account_remove_card_dialog_new (GTK_WINDOW (self), self->account, card);
      g_object_set_data_full (G_OBJECT (dialog), "okc-card-id", g_strdup (card_id), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
}

static void
email_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   OkcAccountView   *self)
{
  g_autofree char *email = NULL;
  g_autofree char *notify = NULL;
  const char *old_notify;

  if (!g_str_equal (response, "change") || self->account == NULL || change_reason (self) != NULL)
    return;
  email = g_strstrip (g_strdup (okc_account_dialog_get_text (dialog, "email")));
  notify = g_strstrip (g_strdup (okc_account_dialog_get_text (dialog, "notification_email")));
  old_notify = okc_account_get_notification_email (self->account);
  /* Only what changed is sent; an emptied notification email goes back to the login one. */
  if (g_ascii_strcasecmp (email, okc_account_get_email (self->account)) == 0)
    g_clear_pointer (&email, g_free);
  if (g_strcmp0 (*notify != '\0' ? notify : NULL, old_notify) == 0)
    g_clear_pointer (&notify, g_free);
  if (email == NULL && notify == NULL)
    return;
  submit (self, okc_account_action_new_change_email (self->account, self->ticket_id, email,
                                                     notify));
}

static void
email_clicked_cb (OkcAccountView *self)
{
  AdwMessageDialog *dialog;

  if (self->account == NULL)
    return;
  dialog = okc_account_email_dialog_new (GTK_WINDOW (self), self->account);
  g_signal_connect_object (dialog, "response", G_CALLBACK (email_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    OkcAccountView   *self)
{
  g_autofree char *typed = NULL;

  if (!g_str_equal (response, "delete") || self->account == NULL || change_reason (self) != NULL)
    return;
  typed = g_strstrip (g_strdup (okc_account_dialog_get_text (dialog, "confirm_email")));
  submit (self, okc_account_action_new_delete (self->account, self->ticket_id, typed));
}

static void
delete_clicked_cb (OkcAccountView *self)
{
  AdwMessageDialog *dialog;

  if (self->account == NULL)
    return;
  dialog = okc_account_delete_dialog_new (GTK_WINDOW (self), self->account);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The object ------------------------------------------------------------------------ */

static void
okc_account_view_dispose (GObject *object)
{
  OkcAccountView *self = OKC_ACCOUNT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->outbox != NULL)
    g_clear_signal_handler (&self->finished_id, self->outbox);
  if (self->live != NULL)
    g_clear_signal_handler (&self->live_id, self->live);
  g_clear_weak_pointer (&self->main_window);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->outbox);
  g_clear_object (&self->live);
  g_clear_object (&self->account);
  g_clear_pointer (&self->pending_keys, g_ptr_array_unref);
  g_clear_pointer (&self->card_rows, g_ptr_array_unref);
  g_clear_pointer (&self->card_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->session_rows, g_ptr_array_unref);
  g_clear_pointer (&self->ticket_rows, g_ptr_array_unref);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->ticket_id, g_free);
  g_clear_pointer (&self->requester_email, g_free);

  G_OBJECT_CLASS (okc_account_view_parent_class)->dispose (object);
}

static void
okc_account_view_class_init (OkcAccountViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_account_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-account-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, window_title);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, message_label);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, kind_row);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, phone_row);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, created_row);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, identity_row);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, verify_button);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, subscription_group);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, subscription_row);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, cards_group);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, email_group);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, email_button);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, email_row);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, notification_row);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, properties_group);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, sessions_group);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, tickets_group);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, delete_group);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountView, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, verify_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
}

static void
okc_account_view_init (OkcAccountView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->pending_keys = g_ptr_array_new_with_free_func (g_free);
  self->card_rows = g_ptr_array_new ();
  self->card_buttons = g_ptr_array_new ();
  self->session_rows = g_ptr_array_new ();
  self->ticket_rows = g_ptr_array_new ();
}

OkcAccountView *
okc_account_view_new (GtkWindow      *parent,
                      OkcClient      *client,
                      OkcOutbox      *outbox,
                      OkcLiveUpdates *live,
                      const char     *account_id,
                      const char     *ticket_id,
                      const char     *requester_email)
{
  OkcAccountView *self;

  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OKC_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (live == NULL || OKC_IS_LIVE_UPDATES (live), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  self = g_object_new (OKC_TYPE_ACCOUNT_VIEW, NULL);
  g_set_weak_pointer (&self->main_window, parent);
  self->client = g_object_ref (client);
  self->outbox = g_object_ref (outbox);
  self->live = live != NULL ? g_object_ref (live) : NULL;
  self->account_id = g_strdup (account_id);
  self->ticket_id = g_strdup (ticket_id);
  self->requester_email = g_strdup (requester_email);
  self->finished_id = g_signal_connect (outbox, "action-finished",
                                        G_CALLBACK (action_finished_cb), self);
  if (live != NULL)
    self->live_id = g_signal_connect (live, "account-updated", G_CALLBACK (account_updated_cb),
                                      self);
  update_changes (self);
  load (self);
  return self;
}

const char *
okc_account_view_get_account_id (OkcAccountView *self)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT_VIEW (self), NULL);
  return self->account_id;
}

/* Returns: (nullable): the ticket the page was opened for. */
const char *
okc_account_view_get_ticket_id (OkcAccountView *self)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT_VIEW (self), NULL);
  return self->ticket_id;
}
