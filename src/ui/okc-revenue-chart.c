/* okc-revenue-chart.c — a host's revenue by day: a bar per day's gross
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "okc-revenue-chart.h"

#define MARGIN_LEFT 12
#define MARGIN_RIGHT 12
#define MARGIN_TOP 12
#define MARGIN_BOTTOM 24

struct _OkcRevenueChart
{
  GtkWidget parent_instance;

  GArray *days;          /* OkcRevenueDay */
  char currency[4];
  guint best;            /* index of the best day; G_MAXUINT when every day is 0 */
  char *summary;
};

G_DEFINE_FINAL_TYPE (OkcRevenueChart, okc_revenue_chart, GTK_TYPE_WIDGET)

static char *
format_minor (gint64      amount,
              const char *currency)
{
  OkcMoney money = { .amount = amount };

  g_strlcpy (money.currency, currency, sizeof money.currency);
  return okc_money_format_display (&money);
}

/* "24 Nov" or, with @year, "24 Nov 2026". */
static char *
format_day (const char *date,
            gboolean    year)
{
  GDate day;
  char text[64];

  g_date_clear (&day, 1);
  g_date_set_parse (&day, date);
  if (!g_date_valid (&day) ||
      /* Translators: strftime() formats of a day, "24 Nov 2026" and "24 Nov" */
      g_date_strftime (text, sizeof text, year ? _("%-d %b %Y") : _("%-d %b"), &day) == 0)
    return g_strdup (date);
  return g_strdup (text);
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *out)
{
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, out))
    gdk_rgba_parse (out, fallback);
}

static void
show_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      x_align)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width * x_align, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
okc_revenue_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  OkcRevenueChart *self = OKC_REVENUE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double left = MARGIN_LEFT, right = width - MARGIN_RIGHT;
  double top = MARGIN_TOP + 14, bottom = height - MARGIN_BOTTOM;
  gint64 peak = 0;
  GdkRGBA fg, accent, success;
  cairo_t *cr;
  double slot;

  if (width <= MARGIN_LEFT + MARGIN_RIGHT + 10 || height <= MARGIN_TOP + MARGIN_BOTTOM + 20)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  lookup_color (widget, "accent_bg_color", "#3584e4", &accent);
  lookup_color (widget, "success_color", "#26a269", &success);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (self->days->len == 0 || self->best == G_MAXUINT)
    {
      gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg.red, fg.green, fg.blue, 0.6 });
      show_text (widget, cr, self->days->len == 0 ? _("No revenue loaded")
                                                  : _("No revenue in these days"),
                 width / 2.0, height / 2.0, 0.5);
      cairo_destroy (cr);
      return;
    }
  peak = g_array_index (self->days, OkcRevenueDay, self->best).gross;

  /* The peak's amount on the top line, as the scale. */
  {
    g_autofree char *scale = format_minor (peak, self->currency);

    gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg.red, fg.green, fg.blue, 0.25 });
    cairo_set_line_width (cr, 1);
    cairo_move_to (cr, left, top + 0.5);
    cairo_line_to (cr, right, top + 0.5);
    cairo_move_to (cr, left, bottom + 0.5);
    cairo_line_to (cr, right, bottom + 0.5);
    cairo_stroke (cr);
    gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg.red, fg.green, fg.blue, 0.7 });
    show_text (widget, cr, scale, left, MARGIN_TOP, 0);
  }

  slot = (right - left) / self->days->len;
  for (guint i = 0; i < self->days->len; i++)
    {
      const OkcRevenueDay *day = &g_array_index (self->days, OkcRevenueDay, i);
      double bar = (bottom - top) * ((double) day->gross / (double) peak);
      double x = left + slot * i + slot * 0.15;

      if (day->gross > 0)
        {
          gdk_cairo_set_source_rgba (cr, i == self->best ? &success : &accent);
          cairo_rectangle (cr, x, bottom - MAX (bar, 1.0), MAX (slot * 0.7, 1.0), MAX (bar, 1.0));
          cairo_fill (cr);
        }
      /* Every seventh day, and the last, named below. */
      if ((self->days->len - 1 - i) % 7 == 0)
        {
          g_autofree char *label = format_day (day->date, FALSE);

          gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg.red, fg.green, fg.blue, 0.7 });
          show_text (widget, cr, label, left + slot * (i + 0.5), bottom + MARGIN_BOTTOM / 2.0 + 2,
                     i == self->days->len - 1 ? 0.9 : 0.5);
        }
    }
  cairo_destroy (cr);
}

static void
okc_revenue_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = 160;
  else
    {
      *minimum = 240;
      *natural = 520;
    }
}

static void
okc_revenue_chart_finalize (GObject *object)
{
  OkcRevenueChart *self = OKC_REVENUE_CHART (object);

  g_clear_pointer (&self->days, g_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (okc_revenue_chart_parent_class)->finalize (object);
}

static void
okc_revenue_chart_class_init (OkcRevenueChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = okc_revenue_chart_finalize;
  widget_class->snapshot = okc_revenue_chart_snapshot;
  widget_class->measure = okc_revenue_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "revenuechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
okc_revenue_chart_init (OkcRevenueChart *self)
{
  self->days = g_array_new (FALSE, TRUE, sizeof (OkcRevenueDay));
  self->best = G_MAXUINT;
  g_strlcpy (self->currency, "USD", sizeof self->currency);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Revenue by day"), -1);
}

GtkWidget *
okc_revenue_chart_new (void)
{
  return g_object_new (OKC_TYPE_REVENUE_CHART, NULL);
}

static char *
describe (OkcRevenueChart *self)
{
  gint64 total = 0, sessions = 0;
  g_autofree char *money = NULL;
  g_autofree char *from = NULL;
  g_autofree char *counted = NULL;
  g_autofree char *digits = NULL;

  if (self->days->len == 0)
    return g_strdup (_("No revenue loaded"));
  for (guint i = 0; i < self->days->len; i++)
    {
      total += g_array_index (self->days, OkcRevenueDay, i).gross;
      sessions += g_array_index (self->days, OkcRevenueDay, i).sessions;
    }
  money = format_minor (total, self->currency);
  digits = okc_format_count (sessions);
  /* Translators: a number of charging sessions, "37 sessions", the number grouped as the
   * locale writes numbers; it is the last %s of "$412.50 in the last 30 days from 37 sessions" */
  from = g_strdup_printf (g_dngettext (NULL, "%s session", "%s sessions", (gulong) sessions),
                          digits);
  /* Translators: the revenue chart's summary, "$412.50 in the last 30 days
   * from 37 sessions": the first %s is the revenue, %u the number of days,
   * the last %s the sessions ("37 sessions") */
  counted = g_strdup_printf (g_dngettext (NULL, "%s in the last %u day from %s",
                                          "%s in the last %u days from %s", self->days->len),
                             money, self->days->len, from);
  if (self->best == G_MAXUINT)
    /* Translators: "$0.00 in the last 30 days from 0 sessions; no day had revenue" */
    return g_strdup_printf (_("%s; no day had revenue"), counted);
  {
    const OkcRevenueDay *best = &g_array_index (self->days, OkcRevenueDay, self->best);
    g_autofree char *day = format_day (best->date, TRUE);
    g_autofree char *amount = format_minor (best->gross, self->currency);

    /* Translators: "$1,234.56 in the last 30 days from 87 sessions; best day 24 Nov 2026 with $120.00" */
    return g_strdup_printf (_("%s; best day %s with %s"), counted, day, amount);
  }
}

void
okc_revenue_chart_set_revenue (OkcRevenueChart  *self,
                               const OkcRevenue *revenue)
{
  g_return_if_fail (OKC_IS_REVENUE_CHART (self));

  g_array_set_size (self->days, 0);
  self->best = G_MAXUINT;
  if (revenue != NULL)
    {
      g_strlcpy (self->currency, revenue->currency, sizeof self->currency);
      g_array_append_vals (self->days, revenue->days->data, revenue->days->len);
    }
  /* The first of equal best days. */
  for (guint i = 0; i < self->days->len; i++)
    {
      gint64 gross = g_array_index (self->days, OkcRevenueDay, i).gross;

      if (gross > 0 &&
          (self->best == G_MAXUINT ||
           gross > g_array_index (self->days, OkcRevenueDay, self->best).gross))
        self->best = i;
    }
  g_free (self->summary);
  self->summary = describe (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->summary, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->summary);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
okc_revenue_chart_get_summary (OkcRevenueChart *self)
{
  g_return_val_if_fail (OKC_IS_REVENUE_CHART (self), NULL);

  return self->summary;
}
