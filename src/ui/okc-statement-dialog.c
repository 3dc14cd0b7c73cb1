/* okc-statement-dialog.c — a host's statement for a period: its totals, its CSV files
 * and its printout (docs/payouts.md, "Statements")
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-statement-dialog.h"

#include "okc-client-statement.h"
#include "okc-energy.h"
#include "okc-statement-print.h"
#include "okc-time.h"

typedef enum
{
  PERIOD_THIS_MONTH,
  PERIOD_LAST_MONTH,
  PERIOD_THIS_YEAR,
  PERIOD_LAST_YEAR,
  PERIOD_DATES,
} Period;

typedef enum
{
  FILE_SESSIONS,
  FILE_PAYOUTS,
  FILE_PRINTOUT,    /* the print dialog's Print to File */
} StatementFile;

struct _OkcStatementDialog
{
  AdwWindow parent_instance;

  OkcClient *client;
  char *account_id;
  char *account_name;
  GCancellable *cancellable;    /* the statement being fetched, or the file being saved */
  OkcStatement *statement;      /* the one the summary shows; NULL while loading */
  GPtrArray *property_ids;      /* as the property row lists them, after "All" */
  GtkFileChooserNative *chooser;

  AdwWindowTitle *window_title;
  AdwToastOverlay *toast_overlay;
  AdwComboRow *period_row;
  AdwEntryRow *from_row;
  AdwEntryRow *to_row;
  AdwComboRow *property_row;
  GtkStringList *property_names;
  AdwActionRow *sessions_row;
  AdwActionRow *energy_row;
  AdwActionRow *gross_row;
  AdwActionRow *fees_row;
  AdwActionRow *refunded_row;
  AdwActionRow *payouts_row;
  AdwActionRow *paid_out_row;
  GtkLabel *message_label;
  GtkWidget *export_buttons;
};

G_DEFINE_FINAL_TYPE (OkcStatementDialog, okc_statement_dialog, ADW_TYPE_WINDOW)

static void
show_message (OkcStatementDialog *self,
              const char         *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* The value at the end of a summary row, also its accessible description. */
static void
set_value (AdwActionRow *row,
           const char   *value)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "okc-value");

  if (label == NULL)
    {
      label = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_selectable (label, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (label), "numeric");
      adw_action_row_add_suffix (row, GTK_WIDGET (label));
      g_object_set_data (G_OBJECT (row), "okc-value", label);
    }
  gtk_label_set_text (label, value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  value, -1);
}

static void
set_money_value (AdwActionRow *row,
                 gint64        amount,
                 const char   *currency)
{
  OkcMoney money;
  g_autofree char *text = NULL;

  okc_money_init (&money, amount, currency);
  text = okc_money_format_display (&money);
  set_value (row, text);
}

static void
clear_summary (OkcStatementDialog *self)
{
  AdwActionRow *rows[] = {
    self->sessions_row, self->energy_row, self->gross_row, self->fees_row,
    self->refunded_row, self->payouts_row, self->paid_out_row,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    set_value (rows[i], "—");
}

static void
show_summary (OkcStatementDialog *self)
{
  const OkcStatementTotals *totals = okc_statement_get_totals (self->statement);
  const char *currency = okc_statement_get_currency (self->statement);
  g_autofree char *sessions = okc_format_count (totals->sessions);
  g_autofree char *energy = okc_format_energy_display (totals->energy_wh);
  g_autofree char *payouts = okc_format_count (okc_statement_get_payouts (self->statement)->len);

  set_value (self->sessions_row, sessions);
  set_value (self->energy_row, energy);
  set_money_value (self->gross_row, totals->gross, currency);
  set_money_value (self->fees_row, totals->processing_fees, currency);
  set_money_value (self->refunded_row, totals->refunded, currency);
  set_value (self->payouts_row, payouts);
  set_money_value (self->paid_out_row, totals->paid_out, currency);
}

static void
show_title (OkcStatementDialog *self,
            const char         *from,
            const char         *to)
{
  /* Translators: the statement dialog's subtitle, "Dana Okafor · 2026-11-01 to 2026-11-30" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s to %s"),
                                               self->account_name != NULL
                                                 ? self->account_name : self->account_id,
                                               from, to);

  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* The host's properties, from the first statement of all of them. */
static void
fill_properties (OkcStatementDialog *self)
{
  if (self->property_ids->len > 0 || adw_combo_row_get_selected (self->property_row) != 0)
    return;
  for (guint i = 0; i < okc_statement_get_n_properties (self->statement); i++)
    {
      const char *id = okc_statement_get_property_id (self->statement, i);

      g_ptr_array_add (self->property_ids, g_strdup (id));
      gtk_string_list_append (self->property_names,
                              okc_statement_get_property_name (self->statement, id));
    }
}

static void
statement_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OkcStatementDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcStatement) statement = okc_client_get_statement_finish (OKC_CLIENT (object),
                                                                       result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (statement == NULL)
    {
      /* Translators: %s says what went wrong */
      g_autofree char *message = g_strdup_printf (_("The statement could not be loaded: %s"),
                                                  error->message);
      show_message (self, message);
      return;
    }
  self->statement = g_steal_pointer (&statement);
  if (self->account_name == NULL)
    self->account_name = g_strdup (okc_statement_get_account_name (self->statement));
  show_title (self, okc_statement_get_from (self->statement),
              okc_statement_get_to (self->statement));
  fill_properties (self);
  show_summary (self);
  gtk_widget_set_sensitive (self->export_buttons, TRUE);
}

/* The API's query and the file names' form, not for display: fixed and untranslated. */
static char *
format_date (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%d");
}

/* The first and last dates of @period, by today's local date. */
static void
period_dates (Period   period,
              char   **out_from,
              char   **out_to)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  int month = g_date_time_get_month (now);
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) last = NULL;

  switch (period)
    {
    case PERIOD_LAST_MONTH:
      month -= 1;
      if (month == 0)
        {
          month = 12;
          year -= 1;
        }
      G_GNUC_FALLTHROUGH;
    case PERIOD_THIS_MONTH:
      first = g_date_time_new_local (year, month, 1, 0, 0, 0);
      next = g_date_time_add_months (first, 1);
      break;
    case PERIOD_LAST_YEAR:
      year -= 1;
      G_GNUC_FALLTHROUGH;
    case PERIOD_THIS_YEAR:
    case PERIOD_DATES:
    default:
      first = g_date_time_new_local (year, 1, 1, 0, 0, 0);
      next = g_date_time_add_years (first, 1);
      break;
    }
  last = g_date_time_add_days (next, -1);
  *out_from = format_date (first);
  *out_to = format_date (last);
}

/* The typed dates, or FALSE with the message that says which is wrong. */
static gboolean
typed_dates (OkcStatementDialog  *self,
             char               **out_from,
             char               **out_to)
{
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_row));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_row));
  GDate from_date, to_date;

  if (!okc_date_parse (from, &from_date) || !okc_date_parse (to, &to_date))
    {
      show_message (self, _("Type both dates as year, month and day, such as 2026-11-01."));
      return FALSE;
    }
  if (g_date_compare (&from_date, &to_date) > 0)
    {
      show_message (self, _("The period ends before it starts."));
      return FALSE;
    }
  *out_from = g_strdup (from);
  *out_to = g_strdup (to);
  return TRUE;
}

static const char *
selected_property (OkcStatementDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->property_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > self->property_ids->len)
    return NULL;
  return self->property_ids->pdata[selected - 1];
}

static void
reload (OkcStatementDialog *self)
{
  Period period = adw_combo_row_get_selected (self->period_row);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->statement);
  gtk_widget_set_sensitive (self->export_buttons, FALSE);
  clear_summary (self);
  show_message (self, NULL);

  if (period == PERIOD_DATES)
    {
      if (!typed_dates (self, &from, &to))
        return;
    }
  else
    period_dates (period, &from, &to);

  show_title (self, from, to);
  self->cancellable = g_cancellable_new ();
  okc_client_get_statement_async (self->client, self->account_id, from, to,
                                  selected_property (self), self->cancellable,
                                  statement_loaded_cb, g_object_ref (self));
}

static void
period_changed_cb (OkcStatementDialog *self)
{
  gboolean dates = adw_combo_row_get_selected (self->period_row) == PERIOD_DATES;

  gtk_widget_set_visible (GTK_WIDGET (self->from_row), dates);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), dates);
  if (dates)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      /* Start from this month, so the agent edits rather than types from nothing. */
      period_dates (PERIOD_THIS_MONTH, &from, &to);
      if (*gtk_editable_get_text (GTK_EDITABLE (self->from_row)) == '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
      if (*gtk_editable_get_text (GTK_EDITABLE (self->to_row)) == '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
    }
  reload (self);
}

static void
dates_applied_cb (OkcStatementDialog *self)
{
  reload (self);
}

static void
property_changed_cb (OkcStatementDialog *self)
{
  if (self->client != NULL)
    reload (self);
}

/* Saving ------------------------------------------------------------------------- */

static void
file_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OkcStatementDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s says what went wrong; nothing was written */
      message = g_strdup_printf (_("The file was not saved: %s"), error->message);
      show_message (self, message);
      return;
    }
  name = g_file_get_basename (G_FILE (object));
  /* Translators: %s is the file's name */
  message = g_strdup_printf (_("Saved “%s”"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
chooser_response_cb (OkcStatementDialog   *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  StatementFile kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "okc-file"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->statement != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  bytes = kind == FILE_SESSIONS ? okc_statement_sessions_csv (self->statement)
                                : okc_statement_payouts_csv (self->statement);
  show_message (self, NULL);
  /* Written aside and renamed over the old file: never half a file, even on a crash. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, self->cancellable,
                                       file_saved_cb, g_object_ref (self));
}

/* "Dana Okafor sessions 2026-11-01 to 2026-11-30.csv", with nothing a file name refuses. */
static char *
suggested_name (OkcStatementDialog *self,
                StatementFile       kind)
{
  const char *host = okc_statement_get_account_name (self->statement);
  const char *from = okc_statement_get_from (self->statement);
  const char *to = okc_statement_get_to (self->statement);
  g_autofree char *name = NULL;

  /* Translators: file names; the host, the period's first and last dates */
  if (kind == FILE_SESSIONS)
    name = g_strdup_printf (_("%s sessions %s to %s.csv"), host, from, to);
  else if (kind == FILE_PAYOUTS)
    name = g_strdup_printf (_("%s payouts %s to %s.csv"), host, from, to);
  else
    name = g_strdup_printf (_("%s statement %s to %s.pdf"), host, from, to);

  return g_strdelimit (g_steal_pointer (&name), "/\\:", '-');
}

/* Documents, where a person looks for what they saved; the home folder without one. */
static GFile *
default_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

static void
choose_file (OkcStatementDialog *self,
             StatementFile       kind)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = default_folder ();

  if (self->statement == NULL || self->chooser != NULL)
    return;
  name = suggested_name (self, kind);
  self->chooser = gtk_file_chooser_native_new (kind == FILE_SESSIONS
                                                 ? _("Save Sessions as CSV")
                                                 : _("Save Payouts as CSV"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "okc-file", GINT_TO_POINTER (kind));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_sessions_cb (OkcStatementDialog *self)
{
  choose_file (self, FILE_SESSIONS);
}

static void
save_payouts_cb (OkcStatementDialog *self)
{
  choose_file (self, FILE_PAYOUTS);
}

static void
print_failed_cb (const GError *error,
                 GObject      *receiver)
{
  /* Translators: %s says what went wrong */
  g_autofree char *message = g_strdup_printf (_("The statement was not printed: %s"),
                                              error->message);

  show_message (OKC_STATEMENT_DIALOG (receiver), message);
}

static void
print_cb (OkcStatementDialog *self)
{
  g_autoptr(GFile) folder = default_folder ();
  g_autofree char *name = NULL;
  g_autoptr(GFile) pdf = NULL;

  if (self->statement == NULL)
    return;
  name = suggested_name (self, FILE_PRINTOUT);
  pdf = g_file_get_child (folder, name);
  okc_statement_print (GTK_WINDOW (self), self->statement, pdf, print_failed_cb,
                       G_OBJECT (self));
}

/* The dialog --------------------------------------------------------------------- */

static void
okc_statement_dialog_dispose (GObject *object)
{
  OkcStatementDialog *self = OKC_STATEMENT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->client);
  g_clear_object (&self->statement);
  g_clear_pointer (&self->property_ids, g_ptr_array_unref);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->account_name, g_free);

  G_OBJECT_CLASS (okc_statement_dialog_parent_class)->dispose (object);
}

static void
okc_statement_dialog_class_init (OkcStatementDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_statement_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-statement-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, property_row);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, property_names);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, sessions_row);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, energy_row);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, gross_row);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, fees_row);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, refunded_row);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, payouts_row);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, paid_out_row);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, OkcStatementDialog, export_buttons);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, dates_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, property_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_sessions_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_payouts_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_cb);

  /* Escape cancels, as in every dialog. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
okc_statement_dialog_init (OkcStatementDialog *self)
{
  self->property_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * okc_statement_dialog_new:
 * @parent: the console's window
 * @client: the signed-in client
 * @account_id: a host's account
 * @account_name: (nullable): the host's name, until the statement says it
 *
 * Returns: (transfer full): the dialog, loading this month's statement of every property.
 */
OkcStatementDialog *
okc_statement_dialog_new (GtkWindow  *parent,
                          OkcClient  *client,
                          const char *account_id,
                          const char *account_name)
{
  OkcStatementDialog *self;

  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  self = g_object_new (OKC_TYPE_STATEMENT_DIALOG, "transient-for", parent, NULL);
  /* One of the application's windows, so that its shortcuts (Ctrl+Q) work here too. */
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->client = g_object_ref (client);
  self->account_id = g_strdup (account_id);
  self->account_name = g_strdup (account_name);
  reload (self);
  return self;
}
