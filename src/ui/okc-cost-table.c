/* okc-cost-table.c — a session's bill line by line beside what the tariff says
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-cost-table.h"

enum { COL_LINE, COL_QUANTITY, COL_UNIT_PRICE, COL_BILLED, COL_EXPECTED, COL_DIFFERENCE };

struct _OkcCostTable
{
  GtkWidget parent_instance;

  GtkGrid *grid;
  int n_rows;
};

G_DEFINE_FINAL_TYPE (OkcCostTable, okc_cost_table, GTK_TYPE_WIDGET)

static char *
format_amount (gint64      amount,
               const char *currency)
{
  OkcMoney money;

  if (!okc_money_init (&money, amount, currency))
    return g_strdup ("?");
  return okc_money_format_display (&money);
}

/* A difference says which way it goes: "+$1.20" overcharged, "−$0.30" under. */
static char *
format_difference (gint64      amount,
                   const char *currency)
{
  g_autofree char *text = format_amount (amount, currency);

  if (amount > 0)
    return g_strconcat ("+", text, NULL);
  return g_steal_pointer (&text);
}

char *
okc_cost_line_format_quantity (const OkcCostLine *line,
                               const char        *currency)
{
  g_return_val_if_fail (line != NULL, NULL);

  switch (line->unit)
    {
    case OKC_COST_UNIT_SESSION:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d session", "%d sessions",
                                           (gulong) line->quantity),
                              (int) line->quantity);
    case OKC_COST_UNIT_WH:
      /* Wh as kWh, exactly: three decimals of integer arithmetic, in the locale's form. */
      return okc_format_energy_display (line->quantity);
    case OKC_COST_UNIT_SECOND:
      return okc_format_duration (MAX (line->quantity, 0));
    case OKC_COST_UNIT_BASIS_POINT:
      {
        g_autofree char *base = format_amount (line->quantity, currency);
        /* Translators: what a tax or a fee is a share of, "on $12.34" */
        return g_strdup_printf (_("on %s"), base);
      }
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
okc_cost_line_format_unit_price (const OkcCostLine *line,
                                 const char        *currency)
{
  g_autofree char *price = NULL;

  g_return_val_if_fail (line != NULL, NULL);

  if (line->unit == OKC_COST_UNIT_BASIS_POINT)
    {
      g_autofree char *rate = okc_format_fixed (line->unit_price, 2);

      /* Translators: a rate from basis points, "8.25 %"; %s is the number */
      return g_strdup_printf (_("%s %%"), rate);
    }

  price = format_amount (line->unit_price, currency);
  switch (line->unit)
    {
    case OKC_COST_UNIT_WH:
      /* Translators: a price per kWh, "$0.35/kWh" */
      return g_strdup_printf (_("%s/kWh"), price);
    case OKC_COST_UNIT_SECOND:
      /* Translators: a price per minute, "$0.40/min" */
      return g_strdup_printf (_("%s/min"), price);
    default:
      return g_steal_pointer (&price);
    }
}

static GtkWidget *
add_cell (OkcCostTable *self,
          int           column,
          const char   *text,
          const char   *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == COL_LINE ? 0.0 : 1.0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (column == COL_LINE)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  gtk_grid_attach (self->grid, label, column, self->n_rows, 1, 1);
  return label;
}

static void
add_difference (OkcCostTable *self,
                gint64        difference,
                const char   *currency)
{
  g_autofree char *text = format_difference (difference, currency);

  /* Overcharged in the error colour; undercharged is not the customer's problem. */
  add_cell (self, COL_DIFFERENCE, text,
            difference > 0 ? "error" : "dim-label");
}

static void
add_header (OkcCostTable *self,
            gboolean      with_expected)
{
  add_cell (self, COL_LINE, _("Line"), "caption-heading");
  add_cell (self, COL_QUANTITY, _("Quantity"), "caption-heading");
  add_cell (self, COL_UNIT_PRICE, _("Unit Price"), "caption-heading");
  add_cell (self, COL_BILLED, _("Billed"), "caption-heading");
  if (with_expected)
    {
      add_cell (self, COL_EXPECTED, _("Expected"), "caption-heading");
      add_cell (self, COL_DIFFERENCE, _("Difference"), "caption-heading");
    }
  self->n_rows++;
}

/* Lines of one kind, the billed beside the expected in order; an expected line the bill
 * lacks shows with its own description and an empty billed column. */
static void
add_kind (OkcCostTable     *self,
          OkcCostBreakdown *billed,
          OkcCostBreakdown *expected,
          OkcCostLineKind   kind)
{
  const char *currency = okc_cost_breakdown_get_currency (billed);
  g_autoptr(GPtrArray) billed_lines = g_ptr_array_new ();
  g_autoptr(GPtrArray) expected_lines = g_ptr_array_new ();

  for (guint i = 0; i < okc_cost_breakdown_get_n_lines (billed); i++)
    if (okc_cost_breakdown_get_line (billed, i)->kind == kind)
      g_ptr_array_add (billed_lines, (gpointer) okc_cost_breakdown_get_line (billed, i));
  for (guint i = 0; expected != NULL && i < okc_cost_breakdown_get_n_lines (expected); i++)
    if (okc_cost_breakdown_get_line (expected, i)->kind == kind)
      g_ptr_array_add (expected_lines, (gpointer) okc_cost_breakdown_get_line (expected, i));

  for (guint i = 0; i < MAX (billed_lines->len, expected_lines->len); i++)
    {
      const OkcCostLine *b = i < billed_lines->len ? billed_lines->pdata[i] : NULL;
      const OkcCostLine *e = i < expected_lines->len ? expected_lines->pdata[i] : NULL;
      const OkcCostLine *shown = b != NULL ? b : e;
      g_autofree char *quantity = okc_cost_line_format_quantity (shown, currency);
      g_autofree char *unit_price = okc_cost_line_format_unit_price (shown, currency);

      if (b != NULL)
        add_cell (self, COL_LINE, b->description, NULL);
      else
        {
          /* Translators: an expected cost line the bill does not have, "Connection fee (not billed)" */
          g_autofree char *missing = g_strdup_printf (_("%s (not billed)"), e->description);
          add_cell (self, COL_LINE, missing, "dim-label");
        }
      add_cell (self, COL_QUANTITY, quantity, b == NULL ? "dim-label" : NULL);
      add_cell (self, COL_UNIT_PRICE, unit_price, b == NULL ? "dim-label" : NULL);
      if (b != NULL)
        {
          g_autofree char *amount = format_amount (b->amount, currency);
          add_cell (self, COL_BILLED, amount, NULL);
        }
      else
        add_cell (self, COL_BILLED, "—", "dim-label");
      if (expected != NULL)
        {
          g_autofree char *amount = e != NULL ? format_amount (e->amount, currency) : NULL;

          add_cell (self, COL_EXPECTED, amount != NULL ? amount : "—", NULL);
          add_difference (self, (b != NULL ? b->amount : 0) - (e != NULL ? e->amount : 0),
                          currency);
        }
      self->n_rows++;
    }
}

static void
add_totals (OkcCostTable     *self,
            OkcCostBreakdown *billed,
            OkcCostBreakdown *expected)
{
  const char *currency = okc_cost_breakdown_get_currency (billed);
  OkcMoney billed_total, expected_total;
  g_autofree char *billed_text = NULL;
  GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

  gtk_grid_attach (self->grid, separator, COL_LINE, self->n_rows++, expected != NULL ? 6 : 4, 1);
  okc_cost_breakdown_get_total (billed, &billed_total);
  billed_text = okc_money_format_display (&billed_total);
  add_cell (self, COL_LINE, _("Total"), "heading");
  add_cell (self, COL_BILLED, billed_text, "heading");
  if (expected != NULL)
    {
      g_autofree char *expected_text = NULL;

      okc_cost_breakdown_get_total (expected, &expected_total);
      expected_text = okc_money_format_display (&expected_total);
      add_cell (self, COL_EXPECTED, expected_text, "heading");
      add_difference (self, billed_total.amount - expected_total.amount, currency);
    }
  self->n_rows++;
}

/**
 * okc_cost_table_set_breakdowns:
 * @billed: what the session billed
 * @expected: (nullable): what the tariff makes of it, in the same currency
 */
void
okc_cost_table_set_breakdowns (OkcCostTable     *self,
                               OkcCostBreakdown *billed,
                               OkcCostBreakdown *expected)
{
  static const OkcCostLineKind kinds[] = {
    OKC_COST_LINE_KIND_CONNECTION_FEE, OKC_COST_LINE_KIND_ENERGY, OKC_COST_LINE_KIND_IDLE_FEE,
    OKC_COST_LINE_KIND_PROCESSING_FEE, OKC_COST_LINE_KIND_TAX,
  };
  GtkWidget *child;

  g_return_if_fail (OKC_IS_COST_TABLE (self));
  g_return_if_fail (OKC_IS_COST_BREAKDOWN (billed));
  g_return_if_fail (expected == NULL || OKC_IS_COST_BREAKDOWN (expected));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  self->n_rows = 0;

  /* Another currency cannot be set beside it line by line. */
  if (expected != NULL && g_strcmp0 (okc_cost_breakdown_get_currency (billed),
                                     okc_cost_breakdown_get_currency (expected)) != 0)
    expected = NULL;

  add_header (self, expected != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    add_kind (self, billed, expected, kinds[i]);
  if (self->n_rows == 1)
    {
      add_cell (self, COL_LINE, _("Nothing billed"), "dim-label");
      self->n_rows++;
    }
  add_totals (self, billed, expected);
}

static void
okc_cost_table_dispose (GObject *object)
{
  OkcCostTable *self = OKC_COST_TABLE (object);

  if (self->grid != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->grid));
      self->grid = NULL;
    }
  G_OBJECT_CLASS (okc_cost_table_parent_class)->dispose (object);
}

static void
okc_cost_table_class_init (OkcCostTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_cost_table_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "costtable");
}

static void
okc_cost_table_init (OkcCostTable *self)
{
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 18);
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_widget_set_parent (GTK_WIDGET (self->grid), GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cost breakdown"), -1);
}

GtkWidget *
okc_cost_table_new (void)
{
  return g_object_new (OKC_TYPE_COST_TABLE, NULL);
}
