/* okc-account-dialogs.c — the account page's dialogs: Verify Identity…, and the
 * confirmations of the account changes (docs/accounts.md, "In the console")
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "okc-account-dialogs.h"

#include "okc-core.h"
#include "okc-time-format.h"

/* Verify Identity… ------------------------------------------------------------------ */

struct _OkcAccountVerifyDialog
{
  AdwWindow parent_instance;

  OkcClient *client;
  OkcAccount *account;
  char *ticket_id;
  GCancellable *cancellable;
  gboolean checking;

  GtkCheckButton *request_email_check;   /* NULL when not offered */
  GtkCheckButton *card_check;
  GtkCheckButton *session_check;
  GtkEntry *detail_entry;
  GtkLabel *hint_label;
  GtkLabel *error_label;
  GtkButton *verify_button;
};

G_DEFINE_FINAL_TYPE (OkcAccountVerifyDialog, okc_account_verify_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_VERIFIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static OkcVerificationMethod
chosen_method (OkcAccountVerifyDialog *self)
{
  if (self->request_email_check != NULL && gtk_check_button_get_active (self->request_email_check))
    return OKC_VERIFICATION_METHOD_REQUEST_EMAIL;
  if (gtk_check_button_get_active (self->session_check))
    return OKC_VERIFICATION_METHOD_SESSION_DATE;
  return OKC_VERIFICATION_METHOD_CARD_LAST4;
}

static gboolean
is_last4 (const char *text)
{
  if (strlen (text) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_day (const char *text)
{
  guint year, month, day;
  char rest;

  return strlen (text) == 10 &&
         sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &rest) == 3 &&
         g_date_valid_dmy (day, month, year);
}

/* Returns: (nullable): why the detail cannot be sent yet, or NULL when it can. */
static const char *
detail_problem (OkcAccountVerifyDialog *self)
{
  const char *detail = gtk_editable_get_text (GTK_EDITABLE (self->detail_entry));

  switch (chosen_method (self))
    {
    case OKC_VERIFICATION_METHOD_REQUEST_EMAIL:
      return NULL;
    case OKC_VERIFICATION_METHOD_CARD_LAST4:
      return is_last4 (detail) ? NULL : _("Enter the four digits the customer gave");
    case OKC_VERIFICATION_METHOD_SESSION_DATE:
      return is_day (detail) ? NULL : _("Enter the day the customer gave, as YYYY-MM-DD");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
update (OkcAccountVerifyDialog *self)
{
  OkcVerificationMethod method = chosen_method (self);
  const char *problem = detail_problem (self);

  gtk_widget_set_visible (GTK_WIDGET (self->detail_entry),
                          method != OKC_VERIFICATION_METHOD_REQUEST_EMAIL);
  if (method == OKC_VERIFICATION_METHOD_CARD_LAST4)
    {
      gtk_entry_set_placeholder_text (self->detail_entry, _("Last four digits, e.g. 4242"));
      gtk_entry_set_max_length (self->detail_entry, 4);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->detail_entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Last four digits of the card"), -1);
    }
  else if (method == OKC_VERIFICATION_METHOD_SESSION_DATE)
    {
      gtk_entry_set_placeholder_text (self->detail_entry, _("Session date, YYYY-MM-DD"));
      gtk_entry_set_max_length (self->detail_entry, 10);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->detail_entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Date of the session, YYYY-MM-DD"), -1);
    }
  gtk_label_set_text (self->hint_label,
                      method == OKC_VERIFICATION_METHOD_REQUEST_EMAIL
                        ? _("The ticket came from the account’s login email.")
                        : method == OKC_VERIFICATION_METHOD_SESSION_DATE
                          ? _("Ask for a day on which the customer charged, within the last 90 days.")
                          : _("Ask for the last four digits of a card saved on the account."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->verify_button), !self->checking && problem == NULL);
}

static void
changed_cb (OkcAccountVerifyDialog *self)
{
  gtk_label_set_text (self->error_label, "");
  update (self);
}

static void
verified_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(OkcAccountVerifyDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!okc_client_verify_account_finish (OKC_CLIENT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->checking = FALSE;
  if (error != NULL)
    {
      /* The backend's sentence: which check failed, or when to try again. */
      gtk_label_set_text (self->error_label, error->message);
      update (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->detail_entry));
      return;
    }
  g_signal_emit (self, signals[SIGNAL_VERIFIED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
verify_clicked_cb (OkcAccountVerifyDialog *self)
{
  OkcVerificationMethod method = chosen_method (self);
  g_autofree char *detail = NULL;

  if (self->checking || detail_problem (self) != NULL)
    return;
  if (method != OKC_VERIFICATION_METHOD_REQUEST_EMAIL)
    detail = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->detail_entry)));
  self->checking = TRUE;
  gtk_label_set_text (self->error_label, _("Checking…"));
  update (self);
  okc_client_verify_account_async (self->client, okc_account_get_id (self->account),
                                   self->ticket_id, method, detail, self->cancellable,
                                   verified_cb, g_object_ref (self));
}

static void
okc_account_verify_dialog_dispose (GObject *object)
{
  OkcAccountVerifyDialog *self = OKC_ACCOUNT_VERIFY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_pointer (&self->ticket_id, g_free);

  G_OBJECT_CLASS (okc_account_verify_dialog_parent_class)->dispose (object);
}

static void
okc_account_verify_dialog_class_init (OkcAccountVerifyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_account_verify_dialog_dispose;

  signals[SIGNAL_VERIFIED] =
    g_signal_new ("verified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-account-verify-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcAccountVerifyDialog, request_email_check);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountVerifyDialog, card_check);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountVerifyDialog, session_check);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountVerifyDialog, detail_entry);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountVerifyDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountVerifyDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountVerifyDialog, verify_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, verify_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
okc_account_verify_dialog_init (OkcAccountVerifyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

OkcAccountVerifyDialog *
okc_account_verify_dialog_new (GtkWindow  *parent,
                               OkcClient  *client,
                               OkcAccount *account,
                               const char *ticket_id,
                               gboolean    offer_request_email)
{
  OkcAccountVerifyDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OKC_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (ticket_id != NULL, NULL);

  self = g_object_new (OKC_TYPE_ACCOUNT_VERIFY_DIALOG, "transient-for", parent, "modal", TRUE,
                       NULL);
  self->client = g_object_ref (client);
  self->account = g_object_ref (account);
  self->ticket_id = g_strdup (ticket_id);
  /* Translators: the dialog's title, "Verify Maya Chen on TCK-000123" */
  title = g_strdup_printf (_("Verify %s on %s"), okc_account_get_name (account), ticket_id);
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (offer_request_email)
    gtk_check_button_set_active (self->request_email_check, TRUE);
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->request_email_check), FALSE);
      self->request_email_check = NULL;
      gtk_check_button_set_active (self->card_check, TRUE);
    }
  update (self);
  return self;
}

/* Confirmations -------------------------------------------------------------------- */

/* Their responses have no mnemonics: libadwaita 1.2 gives a response's button its label,
 * underscore included, as the name a screen reader says. */

static AdwMessageDialog *
message_dialog (GtkWindow  *parent,
                const char *heading,
                const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  return dialog;
}

static GtkWidget *
labelled_entry (AdwMessageDialog *dialog,
                const char       *name,
                const char       *label,
                const char       *placeholder,
                const char       *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (dialog), name, entry);
  return entry;
}

/**
 * okc_account_dialog_get_text:
 * @name: the entry's name ("email", "notification_email", "confirm_email")
 *
 * Returns: the text the agent typed, trimmed of nothing.
 */
const char *
okc_account_dialog_get_text (AdwMessageDialog *dialog,
                             const char       *name)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), name);

  g_return_val_if_fail (GTK_IS_EDITABLE (entry), NULL);
  return gtk_editable_get_text (entry);
}

static char *
format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return okc_time_format (local, OKC_TIME_FORM_LONG_DATE);
}

AdwMessageDialog *
okc_account_cancel_dialog_new (GtkWindow  *parent,
                               OkcAccount *account)
{
  const OkcAccountSubscription *sub = okc_account_get_subscription (account);
  g_autofree char *price = NULL;
  g_autofree char *renews = NULL;
  g_autofree char *body = NULL;
  const char *plan;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (sub != NULL, NULL);

  price = okc_money_format_display (&sub->price);
  renews = format_day (sub->renews_at);
  /* Translators: the plan in a sentence, "The monthly plan of Maya Chen …" */
  plan = g_str_equal (sub->plan, "annual") ? _("annual plan") : _("monthly plan");
  body = sub->status == OKC_SUBSCRIPTION_STATUS_ACTIVE
    /* Translators: "The monthly plan of Maya Chen ($9.99) renews on 14 December 2026. …";
     * the first %s is "monthly plan" or "annual plan" */
    ? g_strdup_printf (_("The %s of %s (%s) renews on %s.\n\nCancel at the end of the "
                         "period: no more charges, and it works until %s.\nCancel now: it ends "
                         "today, with no more charges."),
                       plan, okc_account_get_name (account), price, renews, renews)
    /* Translators: the first %s is "monthly plan" or "annual plan" */
    : g_strdup_printf (_("The %s of %s is already cancelled at the end of the period "
                         "(%s).\n\nCancel now: it ends today instead."),
                       plan, okc_account_get_name (account), renews);
  dialog = message_dialog (parent, _("Cancel the Subscription?"), body);
  adw_message_dialog_add_response (dialog, "keep", _("Keep It"));
  if (sub->status == OKC_SUBSCRIPTION_STATUS_ACTIVE)
    adw_message_dialog_add_response (dialog, "period_end", _("At Period End"));
  adw_message_dialog_add_response (dialog, "now", _("Cancel Now"));
  adw_message_dialog_set_response_appearance (dialog, "now", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "keep");
  adw_message_dialog_set_default_response (dialog, "keep");
  return dialog;
}

AdwMessageDialog *
okc_account_remove_card_dialog_new (GtkWindow            *parent,
                                    OkcAccount           *account,
                                    const OkcAccountCard *card)
{
  g_autofree char *described = okc_account_card_describe (card);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  body = card->is_default && okc_account_get_n_cards (account) > 1
    /* Translators: "Visa •••• 4242, expires 12/2029 is removed from Maya Chen's account; …" */
    ? g_strdup_printf (_("%s is removed from the account of %s; the next card becomes the "
                         "default."), described, okc_account_get_name (account))
    : okc_account_get_n_cards (account) == 1
      ? g_strdup_printf (_("%s is removed from the account of %s. It is the last card: the "
                           "account cannot pay for charging until a card is added."),
                         described, okc_account_get_name (account))
      : g_strdup_printf (_("%s is removed from the account of %s."), described,
                         okc_account_get_name (account));
  dialog = message_dialog (parent, _("Remove the Card?"), body);
  adw_message_dialog_add_responses (dialog, "cancel", _("Cancel"), "remove", _("Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_default_response (dialog, "cancel");
  return dialog;
}

static void
email_changed_cb (AdwMessageDialog *dialog)
{
  OkcAccount *account = g_object_get_data (G_OBJECT (dialog), "okc-account");
  const char *email = okc_account_dialog_get_text (dialog, "email");
  const char *notify = okc_account_dialog_get_text (dialog, "notification_email");
  const char *old_notify = okc_account_get_notification_email (account);
  gboolean email_changed = g_ascii_strcasecmp (email, okc_account_get_email (account)) != 0;
  gboolean notify_changed = g_strcmp0 (*notify != '\0' ? notify : NULL, old_notify) != 0;
  const char *problem = NULL;

  if (!okc_text_is_email (email))
    problem = _("The login email is not an email address");
  else if (*notify != '\0' && !okc_text_is_email (notify))
    problem = _("The notification email is not an email address; leave it empty to send "
                "notices to the login email");
  else if (!email_changed && !notify_changed)
    problem = _("Type the new login email or notification email");
  adw_message_dialog_set_body (dialog, problem != NULL ? problem
                                                       : _("The customer’s receipts and notices "
                                                           "go to the notification email, or to "
                                                           "the login email when it is empty."));
  adw_message_dialog_set_response_enabled (dialog, "change", problem == NULL);
}

AdwMessageDialog *
okc_account_email_dialog_new (GtkWindow  *parent,
                              OkcAccount *account)
{
  AdwMessageDialog *dialog = message_dialog (parent, _("Change Email"), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *email = labelled_entry (dialog, "email", _("Login email"), _("name@example.com"),
                                     okc_account_get_email (account));
  GtkWidget *notify = labelled_entry (dialog, "notification_email", _("Notification email"),
                                      _("Empty: the login email"),
                                      okc_account_get_notification_email (account));
  GtkWidget *email_label = gtk_label_new (_("Login email"));
  GtkWidget *notify_label = gtk_label_new (_("Notification email"));

  gtk_label_set_xalign (GTK_LABEL (email_label), 0);
  gtk_label_set_xalign (GTK_LABEL (notify_label), 0);
  gtk_box_append (GTK_BOX (box), email_label);
  gtk_box_append (GTK_BOX (box), email);
  gtk_box_append (GTK_BOX (box), notify_label);
  gtk_box_append (GTK_BOX (box), notify);
  adw_message_dialog_set_extra_child (dialog, box);
  g_object_set_data_full (G_OBJECT (dialog), "okc-account", g_object_ref (account),
                          g_object_unref);
  adw_message_dialog_add_responses (dialog, "cancel", _("Cancel"), "change", _("Change"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "change", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_default_response (dialog, "change");
  g_signal_connect_object (email, "changed", G_CALLBACK (email_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (notify, "changed", G_CALLBACK (email_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  email_changed_cb (dialog);
  return dialog;
}

static void
confirm_changed_cb (AdwMessageDialog *dialog)
{
  const char *email = g_object_get_data (G_OBJECT (dialog), "okc-email");
  g_autofree char *typed = g_strstrip (g_strdup (okc_account_dialog_get_text (dialog,
                                                                             "confirm_email")));

  /* As the backend compares it: trimmed, without regard to ASCII case. */
  adw_message_dialog_set_response_enabled (dialog, "delete",
                                           g_ascii_strcasecmp (typed, email) == 0);
}

AdwMessageDialog *
okc_account_delete_dialog_new (GtkWindow  *parent,
                               OkcAccount *account)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *consequences = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list;
  GtkWidget *label;
  GtkWidget *entry;

  /* Translators: "Delete the Account of Maya Chen?" */
  heading = g_strdup_printf (_("Delete the Account of %s?"), okc_account_get_name (account));
  consequences = g_strconcat (
    "• ", _("the subscription is cancelled now; no more charges;"), "\n",
    "• ", _("every saved card is removed;"), "\n",
    "• ", _("the name, email, phone and notification email are erased, and the account can no "
            "longer sign in;"), "\n",
    "• ", _("its charger access grants are revoked, and its bookings no longer name it;"), "\n",
    "• ", _("its charging sessions, refunds and payouts are kept, without the personal data, "
            "because billing records must be kept; its tickets are kept as support records;"),
    "\n",
    "• ", _("it cannot be undone."), NULL);
  body = g_strdup (_("Deleting the account, as the customer asked:"));
  dialog = message_dialog (parent, heading, body);
  /* Translators: "Type maya.chen17@example.com to confirm" */
  prompt = g_strdup_printf (_("Type %s to confirm"), okc_account_get_email (account));
  /* The consequences read as a list, left-aligned, not as the centred body. */
  list = gtk_label_new (consequences);
  gtk_label_set_xalign (GTK_LABEL (list), 0);
  gtk_label_set_wrap (GTK_LABEL (list), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (list), 48);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_box_append (GTK_BOX (box), list);
  label = gtk_label_new (prompt);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  entry = labelled_entry (dialog, "confirm_email", _("The account’s login email, retyped"),
                          _("The account’s login email, retyped"), NULL);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (dialog, box);
  g_object_set_data_full (G_OBJECT (dialog), "okc-email", g_strdup (okc_account_get_email (account)),
                          g_free);
  adw_message_dialog_add_responses (dialog, "cancel", _("Cancel"), "delete",
                                    _("Delete Account"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "delete", FALSE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_signal_connect_object (entry, "changed", G_CALLBACK (confirm_changed_cb), dialog,
                           G_CONNECT_SWAPPED);
  return dialog;
}
