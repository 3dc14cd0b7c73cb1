/* okc-power-chart.c — a session's power over time from its meter samples
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-power-chart.h"
#include "okc-time-format.h"

/* Room around the plot for the axes' labels and the legend, in pixels. */
#define MARGIN_LEFT 48
#define MARGIN_RIGHT 12
#define MARGIN_TOP 26
#define MARGIN_BOTTOM 22
#define MAX_X_TICKS 7

struct _OkcPowerChart
{
  GtkWidget parent_instance;

  GArray *samples;              /* OkcMeterSample, by time */
  gint64 started_at;
  gint64 recorded_charging_end; /* 0: none recorded */
  gint64 meter_charging_end;    /* 0: energy never flowed */
  gint64 ended_at;
  GTimeZone *time_zone;
};

G_DEFINE_FINAL_TYPE (OkcPowerChart, okc_power_chart, GTK_TYPE_WIDGET)

/* Average power between two samples in W, integer: ΔWh × 3600 / Δs. */
static gint64
interval_watts (const OkcMeterSample *a,
                const OkcMeterSample *b)
{
  if (b->at <= a->at || b->wh <= a->wh)
    return 0;
  return (b->wh - a->wh) * 3600 / (b->at - a->at);
}

static gint64
peak_watts (OkcPowerChart *self)
{
  gint64 peak = 0;

  for (guint i = 1; i < self->samples->len; i++)
    peak = MAX (peak, interval_watts (&g_array_index (self->samples, OkcMeterSample, i - 1),
                                      &g_array_index (self->samples, OkcMeterSample, i)));
  return peak;
}

/* "7.2 kW" from W, rounded to a tenth with integer arithmetic. */
static char *
format_kw (gint64 watts)
{
  gint64 tenths = (watts + 50) / 100;

  g_autofree char *number = okc_format_fixed (tenths, 1);

  /* Translators: a power, "7.2 kW"; %s is the number with its decimal */
  return g_strdup_printf (_("%s kW"), number);
}

/* An axis tick: "2 kW", or "2.5 kW" between whole ones. */
static char *
format_tick (gint64 watts)
{
  if (watts % 1000 == 0)
    /* Translators: a whole number of kW on the chart's axis, "2 kW" */
    return g_strdup_printf (_("%d kW"), (int) (watts / 1000));
  return format_kw (watts);
}

static char *
format_minutes (gint64 seconds)
{
  gint64 minutes = (seconds + 30) / 60;

  if (minutes >= 60)
    /* Translators: a duration, "2 h 10 min" */
    return g_strdup_printf (_("%d h %d min"), (int) (minutes / 60), (int) (minutes % 60));
  /* Translators: a duration, "35 min" */
  return g_strdup_printf (_("%d min"), (int) minutes);
}

/* The chart in words, for a screen reader and for whoever reads the tooltip. */
static char *
describe (OkcPowerChart *self)
{
  GString *text;

  if (self->samples->len < 2)
    return g_strdup (_("No meter readings"));

  text = g_string_new (NULL);
  if (self->meter_charging_end > 0)
    {
      g_autofree char *charged = format_minutes (self->meter_charging_end - self->started_at);
      g_autofree char *peak = format_kw (peak_watts (self));

      /* Translators: "Charged 2 h 10 min, up to 7.2 kW" */
      g_string_append_printf (text, _("Charged %s, up to %s"), charged, peak);
    }
  else
    g_string_append (text, _("No energy delivered"));

  {
    gint64 idle_from = self->meter_charging_end > 0 ? self->meter_charging_end : self->started_at;
    g_autofree char *idle = format_minutes (MAX (self->ended_at - idle_from, 0));

    /* Translators: follows "Charged 2 h 10 min, up to 7.2 kW": "; idle 35 min" */
    g_string_append_printf (text, _("; idle %s"), idle);
  }
  if (self->recorded_charging_end > 0)
    {
      g_autofree char *billed = format_minutes (MAX (self->ended_at - self->recorded_charging_end, 0));

      /* Translators: follows "; idle 35 min": ", billed idle 47 min" */
      g_string_append_printf (text, _(", billed idle %s"), billed);
    }
  return g_string_free (text, FALSE);
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *out)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, out))
    gdk_rgba_parse (out, fallback);
}

/* A step of 1, 2 or 5 × 10ⁿ W so that at most four ticks cover @peak. */
static gint64
y_step (gint64 peak)
{
  static const gint64 steps[] = { 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (peak <= steps[i] * 4)
      return steps[i];
  return (peak / 4 / 100000 + 1) * 100000;
}

/* A step in seconds that gives at most MAX_X_TICKS ticks over @span. */
static gint64
x_step (gint64 span)
{
  static const gint64 steps[] = { 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (span / steps[i] < MAX_X_TICKS)
      return steps[i];
  return (span / MAX_X_TICKS / 86400 + 1) * 86400;
}

static void
draw_text (GtkWidget  *widget,
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
hatch (cairo_t *cr,
       double   x0,
       double   y0,
       double   x1,
       double   y1)
{
  cairo_save (cr);
  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  cairo_clip (cr);
  cairo_set_line_width (cr, 1);
  for (double x = x0 - (y1 - y0); x < x1; x += 7)
    {
      cairo_move_to (cr, x, y1);
      cairo_line_to (cr, x + (y1 - y0), y0);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* To the nearest whole pixel; coordinates here are never negative. */
static double
snap (double x)
{
  return (double) (gint64) (x + 0.5);
}

typedef struct
{
  double left, top, right, bottom;
  gint64 t0, t1, y_max;
} Plot;

static double
plot_x (const Plot *plot,
        gint64      t)
{
  return plot->left + (plot->right - plot->left) * (double) (t - plot->t0) / (double) (plot->t1 - plot->t0);
}

static double
plot_y (const Plot *plot,
        gint64      watts)
{
  return plot->bottom - (plot->bottom - plot->top) * (double) watts / (double) plot->y_max;
}

static void
draw_axes (OkcPowerChart *self,
           cairo_t       *cr,
           const Plot    *plot,
           const GdkRGBA *fg)
{
  gint64 step = y_step (plot->y_max);
  gint64 span = plot->t1 - plot->t0;
  gint64 t_step = x_step (span);
  g_autoptr(GDateTime) first_utc = g_date_time_new_from_unix_utc (plot->t0);
  g_autoptr(GDateTime) first = g_date_time_to_timezone (first_utc, self->time_zone);
  gint64 offset = g_date_time_get_utc_offset (first) / G_USEC_PER_SEC;

  cairo_set_line_width (cr, 1);
  for (gint64 w = 0; w <= plot->y_max; w += step)
    {
      g_autofree char *label = format_tick (w);
      double y = plot_y (plot, w);

      gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg->red, fg->green, fg->blue, 0.15 });
      cairo_move_to (cr, plot->left, y + 0.5);
      cairo_line_to (cr, plot->right, y + 0.5);
      cairo_stroke (cr);
      gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg->red, fg->green, fg->blue, 0.7 });
      draw_text (GTK_WIDGET (self), cr, label, plot->left - 6, y, 1.0);
    }

  /* Ticks at round local times: whole hours, quarter hours… in the tariff's zone. */
  for (gint64 local = ((plot->t0 + offset + t_step - 1) / t_step) * t_step;
       local - offset <= plot->t1; local += t_step)
    {
      gint64 t = local - offset;
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
      g_autoptr(GDateTime) when = g_date_time_to_timezone (utc, self->time_zone);
      g_autofree char *label = okc_time_format (when, t_step >= 86400 ? OKC_TIME_FORM_DAY_MONTH
                                                                          : OKC_TIME_FORM_TIME);
      double x = plot_x (plot, t);

      gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg->red, fg->green, fg->blue, 0.4 });
      cairo_move_to (cr, x + 0.5, plot->bottom);
      cairo_line_to (cr, x + 0.5, plot->bottom + 4);
      cairo_stroke (cr);
      gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg->red, fg->green, fg->blue, 0.7 });
      draw_text (GTK_WIDGET (self), cr, label, x, plot->bottom + 12, 0.5);
    }

  gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg->red, fg->green, fg->blue, 0.5 });
  cairo_move_to (cr, plot->left, plot->bottom + 0.5);
  cairo_line_to (cr, plot->right, plot->bottom + 0.5);
  cairo_stroke (cr);
}

/* Swatches across the top: what the fill, the hatching and the outline mean. */
static void
draw_legend (OkcPowerChart *self,
             cairo_t       *cr,
             double         width,
             const GdkRGBA *fg,
             const GdkRGBA *accent,
             const GdkRGBA *warning)
{
  const char *labels[] = { _("Charging"), _("Plugged in, idle"), _("Billed as idle") };
  double x = MARGIN_LEFT;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      PangoLayout *layout;
      int text_width, text_height;

      if (i == 2 && self->recorded_charging_end <= 0)
        break;
      if (i == 0)
        {
          gdk_cairo_set_source_rgba (cr, accent);
          cairo_rectangle (cr, x, 6, 14, 10);
          cairo_fill (cr);
        }
      else if (i == 1)
        {
          gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg->red, fg->green, fg->blue, 0.35 });
          hatch (cr, x, 6, x + 14, 16);
        }
      else
        {
          gdk_cairo_set_source_rgba (cr, warning);
          cairo_set_line_width (cr, 2);
          cairo_rectangle (cr, x + 1, 7, 12, 8);
          cairo_stroke (cr);
        }
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), labels[i]);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      gdk_cairo_set_source_rgba (cr, fg);
      cairo_move_to (cr, x + 20, 11 - text_height / 2.0);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
      x += 20 + text_width + 18;
      if (x > width)
        break;
    }
}

static void
draw_power (OkcPowerChart *self,
            cairo_t       *cr,
            const Plot    *plot,
            const GdkRGBA *fg,
            const GdkRGBA *accent)
{
  for (guint i = 1; i < self->samples->len; i++)
    {
      const OkcMeterSample *a = &g_array_index (self->samples, OkcMeterSample, i - 1);
      const OkcMeterSample *b = &g_array_index (self->samples, OkcMeterSample, i);
      gint64 watts = interval_watts (a, b);
      double x0 = plot_x (plot, a->at), x1 = plot_x (plot, b->at);
      double y = plot_y (plot, watts);

      if (watts <= 0)
        continue;
      /* Power the meter counts as charging in the accent colour; a trickle below the
       * drawing threshold after it in grey. */
      if (self->meter_charging_end > 0 && b->at <= self->meter_charging_end)
        gdk_cairo_set_source_rgba (cr, accent);
      else
        gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg->red, fg->green, fg->blue, 0.5 });
      /* Whole pixels without antialiasing: neighbouring steps meet without a seam. */
      x0 = snap (x0);
      x1 = MAX (snap (x1), x0 + 1);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
      cairo_rectangle (cr, x0, snap (y), x1 - x0, plot->bottom - snap (y));
      cairo_fill (cr);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
    }
}

static void
okc_power_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  OkcPowerChart *self = OKC_POWER_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg, accent, warning;
  Plot plot;
  cairo_t *cr;

  if (width <= MARGIN_LEFT + MARGIN_RIGHT || height <= MARGIN_TOP + MARGIN_BOTTOM)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  lookup_color (widget, "accent_bg_color", "#3584e4", &accent);
  lookup_color (widget, "warning_color", "#c64600", &warning);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  plot = (Plot) {
    .left = MARGIN_LEFT, .top = MARGIN_TOP,
    .right = width - MARGIN_RIGHT, .bottom = height - MARGIN_BOTTOM,
    .t0 = self->started_at, .t1 = MAX (self->ended_at, self->started_at + 60),
  };
  {
    gint64 peak = MAX (peak_watts (self), 1);
    gint64 step = y_step (peak);

    plot.y_max = (peak + step - 1) / step * step;
  }
  /* Room for the widest kW label, the top one. */
  {
    g_autofree char *widest = format_tick (plot.y_max);
    PangoLayout *layout = gtk_widget_create_pango_layout (widget, widest);
    int label_width, label_height;

    pango_layout_get_pixel_size (layout, &label_width, &label_height);
    plot.left = MAX (MARGIN_LEFT, label_width + 10);
    g_object_unref (layout);
  }

  if (self->samples->len < 2)
    {
      gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg.red, fg.green, fg.blue, 0.6 });
      draw_text (widget, cr, _("No meter readings"), width / 2.0, height / 2.0, 0.5);
      cairo_destroy (cr);
      return;
    }

  /* Idle while plugged in: from the meter's end of charging (or the start, if energy
   * never flowed) to the unplugging. */
  {
    gint64 idle_from = self->meter_charging_end > 0 ? self->meter_charging_end : self->started_at;

    if (self->ended_at > idle_from)
      {
        gdk_cairo_set_source_rgba (cr, &(GdkRGBA) { fg.red, fg.green, fg.blue, 0.25 });
        hatch (cr, plot_x (&plot, idle_from), plot.top, plot_x (&plot, self->ended_at), plot.bottom);
      }
  }
  draw_power (self, cr, &plot, &fg, &accent);
  draw_axes (self, cr, &plot, &fg);

  /* What was billed as idle, outlined over the rest: power bars inside it are an idle fee
   * charged while the car was still charging. */
  if (self->recorded_charging_end > 0 && self->ended_at > self->recorded_charging_end)
    {
      double x0 = plot_x (&plot, self->recorded_charging_end);
      double x1 = plot_x (&plot, self->ended_at);

      gdk_cairo_set_source_rgba (cr, &warning);
      cairo_set_line_width (cr, 2);
      cairo_set_dash (cr, (double[]) { 5, 3 }, 2, 0);
      cairo_rectangle (cr, x0 + 1, plot.top + 1, MAX (x1 - x0 - 2, 1.0), plot.bottom - plot.top - 2);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  draw_legend (self, cr, width, &fg, &accent, &warning);
  cairo_destroy (cr);
}

static void
okc_power_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = 200;
  else
    {
      *minimum = 240;
      *natural = 520;
    }
}

static void
okc_power_chart_finalize (GObject *object)
{
  OkcPowerChart *self = OKC_POWER_CHART (object);

  g_clear_pointer (&self->samples, g_array_unref);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);

  G_OBJECT_CLASS (okc_power_chart_parent_class)->finalize (object);
}

static void
okc_power_chart_class_init (OkcPowerChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = okc_power_chart_finalize;
  widget_class->snapshot = okc_power_chart_snapshot;
  widget_class->measure = okc_power_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "powerchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
okc_power_chart_init (OkcPowerChart *self)
{
  self->samples = g_array_new (FALSE, FALSE, sizeof (OkcMeterSample));
  self->time_zone = g_time_zone_new_utc ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Power over time"), -1);
}

GtkWidget *
okc_power_chart_new (void)
{
  return g_object_new (OKC_TYPE_POWER_CHART, NULL);
}

/**
 * okc_power_chart_set_session:
 * @session: (nullable): a detail, with its meter samples; %NULL shows nothing
 * @charging_ended_at: when the meter says charging ended, 0 if energy never flowed
 * @time_zone: (nullable): the tariff's zone for the time axis; UTC when %NULL
 */
void
okc_power_chart_set_session (OkcPowerChart      *self,
                             OkcChargingSession *session,
                             gint64              charging_ended_at,
                             GTimeZone          *time_zone)
{
  OkcMeteredSession *meter;
  g_autofree char *description = NULL;

  g_return_if_fail (OKC_IS_POWER_CHART (self));
  g_return_if_fail (session == NULL || OKC_IS_CHARGING_SESSION (session));

  g_array_set_size (self->samples, 0);
  self->started_at = self->ended_at = 0;
  self->recorded_charging_end = self->meter_charging_end = 0;
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  self->time_zone = time_zone != NULL ? g_time_zone_ref (time_zone) : g_time_zone_new_utc ();

  meter = session != NULL ? okc_charging_session_get_meter (session) : NULL;
  if (session != NULL)
    {
      self->started_at = okc_charging_session_get_started_at (session);
      self->ended_at = okc_charging_session_get_ended_at (session);
      self->recorded_charging_end = okc_charging_session_get_charging_ended_at (session);
      self->meter_charging_end = charging_ended_at;
    }
  if (meter != NULL)
    {
      guint n = 0;
      const OkcMeterSample *samples = okc_metered_session_get_samples (meter, &n);

      g_array_append_vals (self->samples, samples, n);
    }

  description = describe (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
