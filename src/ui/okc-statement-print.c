/* okc-statement-print.c — lays the statement out in lines of columns, page by page
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-statement-print.h"

#include "okc-energy.h"
#include "okc-time-format.h"

#define MAX_COLUMNS 8
#define BODY_FONT "Sans 8"
#define HEADING_FONT "Sans Bold 10"
#define TITLE_FONT "Sans Bold 16"
#define LINE_SPACING 1.35

typedef enum
{
  LINE_TITLE,
  LINE_TEXT,
  LINE_HEADING,
  LINE_COLUMN_NAMES,
  LINE_ROW,
  LINE_GAP,
} LineKind;

/* Where each column of a table starts, as a fraction of the page's width; right-aligned
 * columns (amounts) end where the next starts. */
typedef struct
{
  guint n_columns;
  double starts[MAX_COLUMNS + 1];
  guint right_aligned;     /* bit i: column i is right-aligned */
} Layout;

typedef struct
{
  LineKind kind;
  const Layout *layout;
  char *cells[MAX_COLUMNS];
} Line;

typedef struct
{
  GArray *lines;           /* Line */
  GArray *page_starts;     /* guint: the first line of each page */
  OkcStatementPrintErrorFunc error_callback;
  GWeakRef receiver;       /* told of a failure, if it still exists then */
} PrintJob;

static const Layout totals_layout = { 2, { 0, 0.45, 0.7 }, 1u << 1 };
static const Layout payouts_layout = {
  6, { 0, 0.12, 0.34, 0.52, 0.64, 0.78, 1.0 }, 1u << 4
};
static const Layout sessions_layout = {
  8, { 0, 0.12, 0.30, 0.40, 0.56, 0.69, 0.79, 0.89, 1.0 },
  (1u << 4) | (1u << 5) | (1u << 6) | (1u << 7)
};

static void
clear_line (gpointer data)
{
  Line *line = data;

  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_free (line->cells[i]);
}

static void
print_job_free (PrintJob *job)
{
  g_array_unref (job->lines);
  g_array_unref (job->page_starts);
  g_weak_ref_clear (&job->receiver);
  g_free (job);
}

/* Appends a line; the cells are taken (NULL-terminated, at most MAX_COLUMNS). */
static void
add_line (GArray       *lines,
          LineKind      kind,
          const Layout *layout,
          ...)
{
  Line line = { kind, layout, { NULL } };
  va_list args;
  char *cell;

  va_start (args, layout);
  for (guint i = 0; i < MAX_COLUMNS && (cell = va_arg (args, char *)) != NULL; i++)
    line.cells[i] = cell;
  va_end (args);
  g_array_append_val (lines, line);
}

static char *
money_text (gint64      amount,
            const char *currency)
{
  OkcMoney money;

  okc_money_init (&money, amount, currency);
  return okc_money_format_display (&money);
}

static char *
local_time_text (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_time == 0)
    return g_strdup ("—");
  utc = g_date_time_new_from_unix_utc (unix_time);
  local = g_date_time_to_local (utc);
  return okc_time_format (local, OKC_TIME_FORM_NUMERIC_DATE_TIME);
}

static void
add_totals (GArray       *lines,
            OkcStatement *statement)
{
  const OkcStatementTotals *totals = okc_statement_get_totals (statement);
  const char *currency = okc_statement_get_currency (statement);

  add_line (lines, LINE_HEADING, NULL, g_strdup (_("Totals")), NULL);
  add_line (lines, LINE_ROW, &totals_layout, g_strdup (_("Sessions")),
            okc_format_count (totals->sessions), NULL);
  add_line (lines, LINE_ROW, &totals_layout, g_strdup (_("Energy")),
            okc_format_energy_display (totals->energy_wh), NULL);
  add_line (lines, LINE_ROW, &totals_layout, g_strdup (_("Gross revenue")),
            money_text (totals->gross, currency), NULL);
  add_line (lines, LINE_ROW, &totals_layout, g_strdup (_("Processing fees")),
            money_text (totals->processing_fees, currency), NULL);
  add_line (lines, LINE_ROW, &totals_layout, g_strdup (_("Refunded")),
            money_text (totals->refunded, currency), NULL);
  add_line (lines, LINE_ROW, &totals_layout, g_strdup (_("Paid out")),
            money_text (totals->paid_out, currency), NULL);
  add_line (lines, LINE_GAP, NULL, NULL);
}

static void
add_payouts (GArray       *lines,
             OkcStatement *statement)
{
  GPtrArray *payouts = okc_statement_get_payouts (statement);

  add_line (lines, LINE_HEADING, NULL, g_strdup (_("Payouts")), NULL);
  if (payouts->len == 0)
    add_line (lines, LINE_TEXT, NULL, g_strdup (_("No payout in this period.")), NULL);
  else
    add_line (lines, LINE_COLUMN_NAMES, &payouts_layout, g_strdup (_("Payout")),
              g_strdup (_("Property")), g_strdup (_("Week")), g_strdup (_("Status")),
              g_strdup (_("Amount")), g_strdup (_("Arrival or bank’s reason")), NULL);
  for (guint i = 0; i < payouts->len; i++)
    {
      OkcPayout *payout = payouts->pdata[i];
      OkcMoney amount;
      const char *reason = okc_payout_get_failure_reason (payout);

      okc_payout_get_amount (payout, &amount);
      add_line (lines, LINE_ROW, &payouts_layout, g_strdup (okc_payout_get_id (payout)),
                g_strdup (okc_payout_get_property_name (payout)),
                g_strdup_printf ("%s – %s", okc_payout_get_period_from (payout),
                                 okc_payout_get_period_to (payout)),
                g_strdup (okc_payout_status_get_label (okc_payout_get_status (payout))),
                okc_money_format_display (&amount),
                reason != NULL ? g_strdup (reason)
                               : local_time_text (okc_payout_get_arrival_at (payout)),
                NULL);
    }
  add_line (lines, LINE_GAP, NULL, NULL);
}

static void
add_sessions (GArray       *lines,
              OkcStatement *statement)
{
  const char *currency = okc_statement_get_currency (statement);
  guint n = okc_statement_get_n_sessions (statement);

  add_line (lines, LINE_HEADING, NULL, g_strdup (_("Sessions")), NULL);
  if (n == 0)
    add_line (lines, LINE_TEXT, NULL, g_strdup (_("No charging session in this period.")), NULL);
  else
    add_line (lines, LINE_COLUMN_NAMES, &sessions_layout, g_strdup (_("Session")),
              g_strdup (_("Property")), g_strdup (_("Charger")), g_strdup (_("Started")),
              g_strdup (_("Energy")), g_strdup (_("Gross")), g_strdup (_("Fee")),
              g_strdup (_("Refunded")), NULL);
  for (guint i = 0; i < n; i++)
    {
      const OkcStatementSession *session = okc_statement_get_session (statement, i);

      add_line (lines, LINE_ROW, &sessions_layout, g_strdup (session->id),
                g_strdup (okc_statement_get_property_name (statement, session->property_id)),
                g_strdup (session->charger_id), local_time_text (session->started_at),
                okc_format_energy_display (session->energy_wh), money_text (session->gross, currency),
                money_text (session->processing_fee, currency),
                money_text (session->refunded, currency), NULL);
    }
}

static GArray *
lay_out_statement (OkcStatement *statement)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));

  g_array_set_clear_func (lines, clear_line);
  /* Translators: the printed statement's title; %s is the host's name */
  add_line (lines, LINE_TITLE, NULL,
            g_strdup_printf (_("Statement for %s"), okc_statement_get_account_name (statement)),
            NULL);
  /* Translators: the statement's period and the host's email, "2026-11-01 to 2026-11-30 · …" */
  add_line (lines, LINE_TEXT, NULL,
            g_strdup_printf (_("%s to %s · %s · %s"), okc_statement_get_from (statement),
                             okc_statement_get_to (statement),
                             okc_statement_get_account_id (statement),
                             okc_statement_get_account_email (statement)),
            NULL);
  add_line (lines, LINE_GAP, NULL, NULL);
  add_totals (lines, statement);
  add_payouts (lines, statement);
  add_sessions (lines, statement);
  return lines;
}

static const char *
line_font (LineKind kind)
{
  switch (kind)
    {
    case LINE_TITLE:
      return TITLE_FONT;
    case LINE_HEADING:
      return HEADING_FONT;
    case LINE_TEXT:
    case LINE_COLUMN_NAMES:
    case LINE_ROW:
    case LINE_GAP:
    default:
      return BODY_FONT;
    }
}

static PangoLayout *
cell_layout (GtkPrintContext *context,
             LineKind         kind,
             const char      *text,
             double           width,
             gboolean         right_aligned)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (line_font (kind));

  if (kind == LINE_COLUMN_NAMES)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, right_aligned ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  return layout;
}

static double
line_height (GtkPrintContext *context,
             const Line      *line)
{
  g_autoptr(PangoLayout) layout = cell_layout (context, line->kind, "Ag", 100, FALSE);
  int height = 0;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height * (line->kind == LINE_TITLE || line->kind == LINE_HEADING ? 1.8 : LINE_SPACING);
}

/* Leaves room at the bottom of each page for its number. */
static double
footer_height (GtkPrintContext *context)
{
  Line footer = { LINE_TEXT, NULL, { NULL } };

  return 2 * line_height (context, &footer);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  PrintJob *job = user_data;
  double page_height = gtk_print_context_get_height (context) - footer_height (context);
  double y = 0;
  guint first = 0;

  g_array_set_size (job->page_starts, 0);
  g_array_append_val (job->page_starts, first);
  for (guint i = 0; i < job->lines->len; i++)
    {
      double height = line_height (context, &g_array_index (job->lines, Line, i));

      if (y + height > page_height && y > 0)
        {
          g_array_append_val (job->page_starts, i);
          y = 0;
        }
      y += height;
    }
  gtk_print_operation_set_n_pages (operation, job->page_starts->len);
}

static void
draw_line (GtkPrintContext *context,
           const Line      *line,
           double           y)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double page_width = gtk_print_context_get_width (context);
  guint n_columns = line->layout != NULL ? line->layout->n_columns : 1;

  for (guint i = 0; i < n_columns; i++)
    {
      double start = line->layout != NULL ? line->layout->starts[i] : 0;
      double end = line->layout != NULL ? line->layout->starts[i + 1] : 1;
      gboolean right = line->layout != NULL && (line->layout->right_aligned & (1u << i)) != 0;
      double gutter = 6;
      g_autoptr(PangoLayout) layout = cell_layout (context, line->kind, line->cells[i],
                                                   (end - start) * page_width - gutter, right);

      cairo_move_to (cr, start * page_width, y);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_number,
              gpointer           user_data)
{
  PrintJob *job = user_data;
  guint first = g_array_index (job->page_starts, guint, page_number);
  guint last = (guint) page_number + 1 < job->page_starts->len
    ? g_array_index (job->page_starts, guint, page_number + 1) : job->lines->len;
  double y = 0;
  /* Translators: the printed statement's page number, "Page 2 of 5" */
  g_autofree char *number = g_strdup_printf (_("Page %d of %u"), page_number + 1,
                                             job->page_starts->len);
  Line footer = { LINE_TEXT, NULL, { number } };

  for (guint i = first; i < last; i++)
    {
      const Line *line = &g_array_index (job->lines, Line, i);

      draw_line (context, line, y);
      y += line_height (context, line);
    }
  draw_line (context, &footer, gtk_print_context_get_height (context) -
                                 footer_height (context) / 2);
}

static void
report_error (PrintJob     *job,
              const GError *error)
{
  g_autoptr(GObject) receiver = g_weak_ref_get (&job->receiver);

  if (receiver != NULL && job->error_callback != NULL)
    job->error_callback (error, receiver);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  PrintJob *job = user_data;
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      report_error (job, error);
    }
}

/**
 * okc_statement_print:
 * @parent: the window the print dialog belongs to
 * @statement: what to print
 * @pdf_file: (nullable): what Print to File writes, unless the agent picks another
 * @error_callback: (nullable): told when printing fails
 * @receiver: (nullable): passed to @error_callback, unless it is gone by then
 */
void
okc_statement_print (GtkWindow                  *parent,
                     OkcStatement               *statement,
                     GFile                      *pdf_file,
                     OkcStatementPrintErrorFunc  error_callback,
                     GObject                    *receiver)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  PrintJob *job = g_new0 (PrintJob, 1);
  /* Translators: the print job's name, "Statement 2026-11-01 to 2026-11-30" */
  g_autofree char *name = g_strdup_printf (_("Statement %s to %s"),
                                           okc_statement_get_from (statement),
                                           okc_statement_get_to (statement));

  g_return_if_fail (OKC_IS_STATEMENT (statement));

  job->lines = lay_out_statement (statement);
  job->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  job->error_callback = error_callback;
  g_weak_ref_init (&job->receiver, receiver);

  gtk_print_operation_set_job_name (operation, name);
  if (pdf_file != NULL)
    {
      g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
      g_autofree char *uri = g_file_get_uri (pdf_file);

      gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
      gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
      gtk_print_operation_set_print_settings (operation, settings);
    }
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), job);
  /* The job lives as long as the operation, which GTK keeps while it runs. */
  g_object_set_data_full (G_OBJECT (operation), "okc-print-job", job,
                          (GDestroyNotify) print_job_free);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    report_error (job, error);
}
