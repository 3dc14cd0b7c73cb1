/* okc-revenue-chart.h — a host's revenue by day: a bar per day's gross
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-client-payouts.h"

G_BEGIN_DECLS

#define OKC_TYPE_REVENUE_CHART (okc_revenue_chart_get_type ())

/* One bar per day of the revenue (the host panel gives it the last 30 days), the day's
 * gross in the accent colour, the best day marked; a money axis and the days below. Its
 * accessible description says it in words: "$1,234.56 in the last 30 days from 87
 * sessions; best day 24 Nov 2026 with $120.00". */
G_DECLARE_FINAL_TYPE (OkcRevenueChart, okc_revenue_chart, OKC, REVENUE_CHART, GtkWidget)

GtkWidget *okc_revenue_chart_new          (void);
/* @revenue: (nullable): NULL shows nothing. */
void       okc_revenue_chart_set_revenue  (OkcRevenueChart  *self,
                                           const OkcRevenue *revenue);
/* What the accessible description says (transfer none). */
const char *okc_revenue_chart_get_summary (OkcRevenueChart  *self);

G_END_DECLS
