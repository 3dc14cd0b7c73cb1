/* okc-charger-access-group.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "okc-charger-access-group.h"

#include "okc-client-access.h"
#include "okc-client-chargers.h"
#include "okc-widget-util.h"
#include "okc-window.h"

/* The grant dialog's choices, in the order of its "For" row. */
enum
{
  GRANT_ALWAYS,
  GRANT_BOOKING,
  GRANT_DATES,
};

struct _OkcChargerAccessGroup
{
  GtkWidget parent_instance;

  OkcClient *client;
  OkcCharger *charger;
  GCancellable *cancellable;   /* the charger's list and checks; renewed per charger */
  gboolean showing_policy;     /* the combo row is set from the charger, not by the agent */

  /* The grant dialog's account and the bookings at this charger's property. */
  GCancellable *grant_cancellable;
  OkcChargerAccess *grant_account;
  GPtrArray *grant_bookings;
  AdwMessageDialog *grant_dialog;

  AdwPreferencesGroup *group;
  GtkButton *grant_button;
  AdwComboRow *policy_row;
  GtkStringList *policy_model;
  GtkListBox *grants_list;
  AdwEntryRow *check_row;
  AdwActionRow *check_result_row;
  GtkLabel *problem_label;
  AdwPreferencesGroup *grant_form;
  AdwEntryRow *grant_account_row;
  AdwActionRow *grant_account_result_row;
  AdwComboRow *grant_mode_row;
  GtkStringList *grant_mode_model;
  AdwComboRow *grant_booking_row;
  GtkStringList *grant_booking_model;
  AdwEntryRow *grant_from_row;
  AdwEntryRow *grant_to_row;
};

G_DEFINE_FINAL_TYPE (OkcChargerAccessGroup, okc_charger_access_group, GTK_TYPE_WIDGET)

static const OkcChargerPolicy policies[] = {
  OKC_CHARGER_POLICY_PUBLIC,
  OKC_CHARGER_POLICY_RESIDENTS_GUESTS,
  OKC_CHARGER_POLICY_ACCESS_LIST,
};

static void
show_problem (OkcChargerAccessGroup *self,
              const char            *message)
{
  gtk_label_set_label (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

static OkcOutbox *
get_outbox (OkcChargerAccessGroup *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), OKC_TYPE_WINDOW);

  return window != NULL ? okc_window_get_outbox (OKC_WINDOW (window)) : NULL;
}

/* "24 Nov 2026, 15:00" — a grant's or booking's date, local. */
static char *
format_date (gint64 unix_time)
{
  return okc_format_local_time (unix_time);
}

/* "Always", "From …", "Until …" or "… – …". */
static char *
grant_dates (OkcAccessGrant *grant)
{
  gint64 from = okc_access_grant_get_valid_from (grant);
  gint64 to = okc_access_grant_get_valid_to (grant);
  g_autofree char *from_text = from != 0 ? format_date (from) : NULL;
  g_autofree char *to_text = to != 0 ? format_date (to) : NULL;

  if (from == 0 && to == 0)
    return g_strdup (_("Always"));
  if (to == 0)
    /* Translators: a grant's dates, "From 24 Nov 2026, 15:00" */
    return g_strdup_printf (_("From %s"), from_text);
  if (from == 0)
    /* Translators: a grant's dates, "Until 27 Nov 2026, 11:00" */
    return g_strdup_printf (_("Until %s"), to_text);
  /* Translators: a grant's dates, "24 Nov 2026, 15:00 – 27 Nov 2026, 11:00" */
  return g_strdup_printf (_("%s – %s"), from_text, to_text);
}

static void reload_grants (OkcChargerAccessGroup *self);
static void check_apply_cb (OkcChargerAccessGroup *self);

/* An action submitted for this charger: its answer reloads the list, its refusal is
 * shown. The group may be gone by then; the outbox keeps the action anyway. */
typedef struct
{
  GWeakRef self;
  OkcOutboxAction *action;
  gulong handler_id;
} Submission;

static void
submission_free (gpointer  user_data,
                 GClosure *closure)
{
  Submission *submission = user_data;

  g_weak_ref_clear (&submission->self);
  g_object_unref (submission->action);
  g_free (submission);
}

static void
action_finished_cb (OkcOutbox       *outbox,
                    OkcOutboxAction *action,
                    gpointer         user_data)
{
  Submission *submission = user_data;
  g_autoptr(OkcChargerAccessGroup) self = NULL;

  if (action != submission->action)
    return;
  self = g_weak_ref_get (&submission->self);
  if (self != NULL)
    {
      if (okc_outbox_action_get_state (action) == OKC_OUTBOX_STATE_FAILED)
        {
          /* Translators: "Grant Maya Chen access to CH-10234 was refused: …" */
          g_autofree char *message = g_strdup_printf (_("%s was refused: %s"),
                                                      okc_outbox_action_get_summary (action),
                                                      okc_outbox_action_get_error (action)->message);
          show_problem (self, message);
        }
      else
        {
          show_problem (self, NULL);
          /* A verdict on screen may no longer hold: ask again. */
          if (gtk_widget_get_visible (GTK_WIDGET (self->check_result_row)))
            check_apply_cb (self);
        }
      reload_grants (self);
    }
  /* Frees @submission. */
  g_signal_handler_disconnect (outbox, submission->handler_id);
}

static void
submitted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Submission *submission = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerAccessGroup) self = NULL;

  if (okc_outbox_submit_finish (OKC_OUTBOX (object), result, &error))
    return;
  self = g_weak_ref_get (&submission->self);
  if (self != NULL)
    {
      /* Translators: %s says why the action could not be written down */
      g_autofree char *message = g_strdup_printf (_("Not sent: it could not be recorded: %s"),
                                                  error->message);
      show_problem (self, message);
    }
  g_signal_handler_disconnect (object, submission->handler_id);
}

static void
submit (OkcChargerAccessGroup *self,
        OkcOutboxAction       *action)
{
  OkcOutbox *outbox = get_outbox (self);
  Submission *submission;

  if (outbox == NULL)
    {
      show_problem (self, _("Sign in to change access"));
      return;
    }
  submission = g_new0 (Submission, 1);
  g_weak_ref_init (&submission->self, self);
  submission->action = g_object_ref (action);
  submission->handler_id = g_signal_connect_data (outbox, "action-finished",
                                                  G_CALLBACK (action_finished_cb), submission,
                                                  submission_free, 0);
  okc_outbox_submit_async (outbox, action, NULL, submitted_cb, submission);
}

/* The access list ------------------------------------------------------------------- */

typedef struct
{
  OkcChargerAccessGroup *self;
  OkcAccessGrant *grant;
} RevokeData;

static void
revoke_data_free (gpointer  user_data,
                  GClosure *closure)
{
  RevokeData *data = user_data;

  g_object_unref (data->self);
  g_object_unref (data->grant);
  g_free (data);
}

static void
revoke_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  RevokeData *data = user_data;
  OkcAccessGrant *grant = data->grant;
  g_autoptr(OkcOutboxAction) action = NULL;

  /* Only while the page still shows the charger the agent confirmed it for. */
  if (!g_str_equal (response, "revoke") || data->self->charger == NULL ||
      !g_str_equal (okc_charger_get_id (data->self->charger), okc_access_grant_get_charger_id (grant)))
    return;
  action = okc_access_revoke_action_new (okc_access_grant_get_charger_id (grant),
                                         okc_access_grant_get_account_id (grant),
                                         okc_access_grant_get_account_name (grant), NULL);
  submit (data->self, action);
}

static void
revoke_clicked_cb (GtkButton *button,
                   gpointer   user_data)
{
  OkcChargerAccessGroup *self = OKC_CHARGER_ACCESS_GROUP (
    gtk_widget_get_ancestor (GTK_WIDGET (button), OKC_TYPE_CHARGER_ACCESS_GROUP));
  OkcAccessGrant *grant = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  RevokeData *data;

  /* Translators: "Revoke Maya Chen’s Access?" */
  heading = g_strdup_printf (_("Revoke %s’s Access?"), okc_access_grant_get_account_name (grant));
  /* Translators: %s is a charger id */
  body = g_strdup_printf (_("They will no longer be able to start a charge on %s through its "
                            "access list."), okc_access_grant_get_charger_id (grant));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "revoke", _("_Revoke"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "revoke",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  data = g_new0 (RevokeData, 1);
  data->self = g_object_ref (self);
  data->grant = g_object_ref (grant);
  g_signal_connect_data (dialog, "response", G_CALLBACK (revoke_response_cb), data,
                         revoke_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
grant_row_new (OkcAccessGrant *grant)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Revoke"));
  g_autofree char *dates = grant_dates (grant);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", okc_access_grant_get_account_email (grant),
                                               dates);
  /* Translators: the accessible name of a grant's Revoke button, "Revoke Maya Chen" */
  g_autofree char *label = g_strdup_printf (_("Revoke %s"), okc_access_grant_get_account_name (grant));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), okc_access_grant_get_account_name (grant));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_data (button, "clicked", G_CALLBACK (revoke_clicked_cb), g_object_ref (grant),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
clear_grants (OkcChargerAccessGroup *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grants_list))) != NULL)
    gtk_list_box_remove (self->grants_list, child);
}

static void
grants_fetched_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OkcChargerAccessGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) grants =
    okc_client_list_access_grants_finish (OKC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  clear_grants (self);
  if (grants == NULL)
    {
      /* Translators: %s says why the access list could not be read */
      g_autofree char *message = g_strdup_printf (_("Could not read the access list: %s"),
                                                  error->message);
      show_problem (self, message);
      return;
    }
  if (grants->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No one is on the access list"));
      gtk_list_box_append (self->grants_list, row);
    }
  for (guint i = 0; i < grants->len; i++)
    gtk_list_box_append (self->grants_list, grant_row_new (grants->pdata[i]));
}

static void
reload_grants (OkcChargerAccessGroup *self)
{
  if (self->client == NULL || self->charger == NULL)
    return;
  okc_client_list_access_grants_async (self->client, okc_charger_get_id (self->charger),
                                       self->cancellable, grants_fetched_cb, g_object_ref (self));
}

/* The policy --------------------------------------------------------------------------- */

static void
show_policy (OkcChargerAccessGroup *self)
{
  OkcChargerPolicy policy = okc_charger_get_access (self->charger);

  self->showing_policy = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    if (policies[i] == policy)
      adw_combo_row_set_selected (self->policy_row, i);
  self->showing_policy = FALSE;
}

static void
policy_selected_cb (OkcChargerAccessGroup *self)
{
  guint selected = adw_combo_row_get_selected (self->policy_row);
  g_autoptr(OkcOutboxAction) action = NULL;

  if (self->showing_policy || self->charger == NULL || selected >= G_N_ELEMENTS (policies) ||
      policies[selected] == okc_charger_get_access (self->charger))
    return;
  action = okc_access_policy_action_new (okc_charger_get_id (self->charger), policies[selected], NULL);
  submit (self, action);
}

/* Check Access ------------------------------------------------------------------------- */

/* "Allowed until 27 Nov 2026, 11:00: on the charger's access list". */
static char *
verdict_text (OkcChargerAccess *access)
{
  OkcAccessGrant *grant = okc_charger_access_get_grant (access);
  const char *why = okc_charger_access_get_explanation (access);

  if (okc_charger_access_get_reason (access) == OKC_ACCESS_REASON_LISTED && grant != NULL &&
      okc_access_grant_get_valid_to (grant) != 0)
    {
      g_autofree char *until = format_date (okc_access_grant_get_valid_to (grant));
      /* Translators: "Allowed until 27 Nov 2026, 11:00: On the charger’s access list" */
      return g_strdup_printf (_("Allowed until %s: %s"), until, why);
    }
  if (okc_charger_access_get_reason (access) == OKC_ACCESS_REASON_NOT_YET_VALID && grant != NULL)
    {
      g_autofree char *from = format_date (okc_access_grant_get_valid_from (grant));
      /* Translators: "Not allowed until 24 Nov 2026, 15:00: On the access list, but …" */
      return g_strdup_printf (_("Not allowed until %s: %s"), from, why);
    }
  /* Translators: "Allowed: The charger is public", "Not allowed: Not on …" */
  return g_strdup_printf (okc_charger_access_get_allowed (access) ? _("Allowed: %s")
                                                                  : _("Not allowed: %s"),
                          why);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OkcChargerAccessGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerAccess) access =
    okc_client_get_charger_access_finish (OKC_CLIENT (object), result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->check_result_row), TRUE);
  if (access == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->check_result_row),
                                     _("Could not check access"));
      adw_action_row_set_subtitle (self->check_result_row, error->message);
      return;
    }
  text = verdict_text (access);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->check_result_row),
                                 okc_charger_access_get_account_name (access) != NULL
                                   ? okc_charger_access_get_account_name (access)
                                   : gtk_editable_get_text (GTK_EDITABLE (self->check_row)));
  adw_action_row_set_subtitle (self->check_result_row, text);
}

static void
check_apply_cb (OkcChargerAccessGroup *self)
{
  g_autofree char *contact = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->check_row))));

  if (self->client == NULL || self->charger == NULL || *contact == '\0')
    return;
  adw_action_row_set_subtitle (self->check_result_row, _("Checking…"));
  okc_client_get_charger_access_async (self->client, okc_charger_get_id (self->charger), contact,
                                       self->cancellable, checked_cb, g_object_ref (self));
}

/* Grant Access… ------------------------------------------------------------------------- */

/* Local midnight of "2026-11-24", or 0 when @text is not such a date. */
static gint64
parse_day (const char *text)
{
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  if (!okc_date_parse (text, &date))
    return 0;
  time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 0, 0, 0);
  return time != NULL ? g_date_time_to_unix (time) : 0;
}

/* The grant the dialog describes, or NULL with what is missing in @out_why. */
static OkcAccessGrant *
grant_from_form (OkcChargerAccessGroup  *self,
                 char                  **out_why)
{
  guint mode = adw_combo_row_get_selected (self->grant_mode_row);
  g_autoptr(OkcAccessGrant) grant = NULL;

  if (self->grant_account == NULL || okc_charger_access_get_account_id (self->grant_account) == NULL)
    {
      *out_why = g_strdup (_("Find the customer’s account first"));
      return NULL;
    }
  grant = okc_access_grant_new (okc_charger_get_id (self->charger),
                                okc_charger_access_get_account_id (self->grant_account),
                                okc_charger_access_get_account_name (self->grant_account),
                                okc_charger_access_get_account_email (self->grant_account));
  if (mode == GRANT_BOOKING)
    {
      guint selected = adw_combo_row_get_selected (self->grant_booking_row);

      if (self->grant_bookings == NULL || selected >= self->grant_bookings->len)
        {
          *out_why = g_strdup (_("The account has no booking at this property"));
          return NULL;
        }
      okc_access_grant_set_booking_id (grant, okc_booking_get_id (self->grant_bookings->pdata[selected]));
    }
  else if (mode == GRANT_DATES)
    {
      gint64 from = parse_day (gtk_editable_get_text (GTK_EDITABLE (self->grant_from_row)));
      gint64 to = parse_day (gtk_editable_get_text (GTK_EDITABLE (self->grant_to_row)));

      if (from == 0 || to == 0)
        {
          *out_why = g_strdup (_("Enter both dates as YYYY-MM-DD"));
          return NULL;
        }
      if (to <= from)
        {
          *out_why = g_strdup (_("The end date must be after the start date"));
          return NULL;
        }
      okc_access_grant_set_dates (grant, from, to);
    }
  return g_steal_pointer (&grant);
}

static void
update_grant_form (OkcChargerAccessGroup *self)
{
  guint mode = adw_combo_row_get_selected (self->grant_mode_row);
  g_autofree char *why = NULL;
  g_autoptr(OkcAccessGrant) grant = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->grant_booking_row), mode == GRANT_BOOKING);
  gtk_widget_set_visible (GTK_WIDGET (self->grant_from_row), mode == GRANT_DATES);
  gtk_widget_set_visible (GTK_WIDGET (self->grant_to_row), mode == GRANT_DATES);
  if (self->grant_dialog == NULL)
    return;
  grant = grant_from_form (self, &why);
  adw_message_dialog_set_response_enabled (self->grant_dialog, "grant", grant != NULL);
  adw_message_dialog_set_body (self->grant_dialog, why != NULL ? why : "");
}

static void
grant_form_changed_cb (OkcChargerAccessGroup *self)
{
  update_grant_form (self);
}

static void
grant_mode_selected_cb (OkcChargerAccessGroup *self)
{
  update_grant_form (self);
}

static void
bookings_fetched_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OkcChargerAccessGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings =
    okc_client_list_account_bookings_finish (OKC_CLIENT (object), result, &error);
  const char *property_id = self->charger != NULL ? okc_charger_get_property_id (self->charger) : NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_pointer (&self->grant_bookings, g_ptr_array_unref);
  self->grant_bookings = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_string_list_splice (self->grant_booking_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->grant_booking_model)), NULL);
  for (guint i = 0; bookings != NULL && i < bookings->len; i++)
    {
      OkcBooking *booking = bookings->pdata[i];
      g_autofree char *check_in = NULL, *check_out = NULL, *label = NULL;

      /* Only the stays at this charger's property can let the guest in here. */
      if (g_strcmp0 (okc_booking_get_property_id (booking), property_id) != 0)
        continue;
      check_in = format_date (okc_booking_get_check_in (booking));
      check_out = format_date (okc_booking_get_check_out (booking));
      /* Translators: a booking, "BKG-000012: 24 Nov 2026, 15:00 – 27 Nov 2026, 11:00" */
      label = g_strdup_printf (_("%s: %s – %s"), okc_booking_get_id (booking), check_in, check_out);
      gtk_string_list_append (self->grant_booking_model, label);
      g_ptr_array_add (self->grant_bookings, g_object_ref (booking));
    }
  /* A guest staying here is most often let in for their stay: offer it first. */
  if (self->grant_bookings->len > 0 &&
      adw_combo_row_get_selected (self->grant_mode_row) == GRANT_ALWAYS)
    adw_combo_row_set_selected (self->grant_mode_row, GRANT_BOOKING);
  if (bookings == NULL)
    {
      /* Translators: %s says why the bookings could not be read */
      g_autofree char *message = g_strdup_printf (_("Could not read the bookings: %s"), error->message);
      adw_action_row_set_subtitle (self->grant_account_result_row, message);
    }
  update_grant_form (self);
}

static void
grant_account_checked_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(OkcChargerAccessGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerAccess) access =
    okc_client_get_charger_access_finish (OKC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->grant_account);
  if (access == NULL)
    adw_action_row_set_subtitle (self->grant_account_result_row, error->message);
  else if (okc_charger_access_get_account_id (access) == NULL)
    adw_action_row_set_subtitle (self->grant_account_result_row,
                                 okc_charger_access_get_explanation (access));
  else
    {
      g_autofree char *text = g_strdup_printf ("%s (%s)", okc_charger_access_get_account_name (access),
                                               okc_charger_access_get_account_email (access));
      adw_action_row_set_subtitle (self->grant_account_result_row, text);
      self->grant_account = g_steal_pointer (&access);
      okc_client_list_account_bookings_async (self->client,
                                              okc_charger_access_get_account_id (self->grant_account),
                                              self->grant_cancellable, bookings_fetched_cb,
                                              g_object_ref (self));
    }
  update_grant_form (self);
}

static void
grant_account_apply_cb (OkcChargerAccessGroup *self)
{
  g_autofree char *contact =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->grant_account_row))));

  if (self->client == NULL || self->charger == NULL || *contact == '\0')
    return;
  g_clear_object (&self->grant_account);
  adw_action_row_set_subtitle (self->grant_account_result_row, _("Looking up the account…"));
  okc_client_get_charger_access_async (self->client, okc_charger_get_id (self->charger), contact,
                                       self->grant_cancellable, grant_account_checked_cb,
                                       g_object_ref (self));
  update_grant_form (self);
}

static void
grant_response_cb (AdwMessageDialog      *dialog,
                   const char            *response,
                   OkcChargerAccessGroup *self)
{
  g_autofree char *why = NULL;
  g_autoptr(OkcAccessGrant) grant = NULL;

  if (g_str_equal (response, "grant") && self->charger != NULL &&
      (grant = grant_from_form (self, &why)) != NULL)
    {
      g_autoptr(OkcOutboxAction) action = okc_access_grant_action_new (grant, NULL);
      submit (self, action);
    }
  /* The form is the group's: it goes back for the next dialog. */
  adw_message_dialog_set_extra_child (dialog, NULL);
  self->grant_dialog = NULL;
  g_cancellable_cancel (self->grant_cancellable);
}

static void
grant_clicked_cb (OkcChargerAccessGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->charger == NULL || self->grant_dialog != NULL)
    return;
  g_clear_object (&self->grant_cancellable);
  self->grant_cancellable = g_cancellable_new ();
  g_clear_object (&self->grant_account);
  g_clear_pointer (&self->grant_bookings, g_ptr_array_unref);
  gtk_string_list_splice (self->grant_booking_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->grant_booking_model)), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->grant_account_row), "");
  adw_action_row_set_subtitle (self->grant_account_result_row,
                               _("Enter the customer’s email or phone, then press Enter"));
  adw_combo_row_set_selected (self->grant_mode_row, GRANT_ALWAYS);

  /* Translators: %s is a charger id */
  heading = g_strdup_printf (_("Grant Access to %s"), okc_charger_get_id (self->charger));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, NULL);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "grant", _("_Grant Access"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "grant",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (self->grant_form));
  self->grant_dialog = ADW_MESSAGE_DIALOG (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (grant_response_cb), self, 0);
  update_grant_form (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The charger ---------------------------------------------------------------------------- */

/**
 * okc_charger_access_group_set_client:
 * @client: (nullable): what the list and checks go through, %NULL when signed out
 */
void
okc_charger_access_group_set_client (OkcChargerAccessGroup *self,
                                     OkcClient             *client)
{
  g_return_if_fail (OKC_IS_CHARGER_ACCESS_GROUP (self));

  if (!g_set_object (&self->client, client))
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  reload_grants (self);
}

/**
 * okc_charger_access_group_set_charger:
 * @charger: (nullable): the charger on the page, or a newer state of it
 *
 * Another charger starts afresh; a newer state of the same one (its `charger.updated`,
 * which every access action sends) shows its policy and reloads the list.
 */
void
okc_charger_access_group_set_charger (OkcChargerAccessGroup *self,
                                      OkcCharger            *charger)
{
  gboolean same;

  g_return_if_fail (OKC_IS_CHARGER_ACCESS_GROUP (self));

  same = self->charger != NULL && charger != NULL &&
         g_str_equal (okc_charger_get_id (self->charger), okc_charger_get_id (charger));
  if (!g_set_object (&self->charger, charger))
    return;
  if (!same)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      clear_grants (self);
      show_problem (self, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->check_result_row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->check_row), "");
    }
  if (charger == NULL)
    return;
  show_policy (self);
  reload_grants (self);
}

static void
okc_charger_access_group_dispose (GObject *object)
{
  OkcChargerAccessGroup *self = OKC_CHARGER_ACCESS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->grant_cancellable);
  g_clear_object (&self->grant_cancellable);
  if (self->grant_dialog != NULL)
    {
      adw_message_dialog_set_extra_child (self->grant_dialog, NULL);
      gtk_window_destroy (GTK_WINDOW (self->grant_dialog));
      self->grant_dialog = NULL;
    }
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_CHARGER_ACCESS_GROUP);
  g_clear_object (&self->client);
  g_clear_object (&self->charger);
  g_clear_object (&self->grant_account);
  g_clear_pointer (&self->grant_bookings, g_ptr_array_unref);

  G_OBJECT_CLASS (okc_charger_access_group_parent_class)->dispose (object);
}

static void
okc_charger_access_group_class_init (OkcChargerAccessGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_charger_access_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-charger-access-group.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, group);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, grant_button);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, policy_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, policy_model);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, grants_list);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, check_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, check_result_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, problem_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, grant_form);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, grant_account_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, grant_account_result_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, grant_mode_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, grant_mode_model);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, grant_booking_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, grant_booking_model);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, grant_from_row);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerAccessGroup, grant_to_row);
  gtk_widget_class_bind_template_callback (widget_class, grant_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, policy_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, check_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, grant_account_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, grant_mode_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, grant_form_changed_cb);
}

static void
okc_charger_access_group_init (OkcChargerAccessGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->grant_cancellable = g_cancellable_new ();

  /* Filled here, so that the labels are core's translated ones, in policies[] order. */
  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    gtk_string_list_append (self->policy_model, okc_charger_policy_get_label (policies[i]));
  gtk_string_list_append (self->grant_mode_model, _("Always"));
  gtk_string_list_append (self->grant_mode_model, _("A booking’s stay"));
  gtk_string_list_append (self->grant_mode_model, _("Dates"));
}
