/* okc-cost-table.h — a session's bill line by line beside what the tariff says
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_COST_TABLE (okc_cost_table_get_type ())

/* One row per billed line (description, quantity, unit price, amount) beside the expected
 * amount of the same kind, the expected lines the bill lacks, a difference column (in the
 * error colour where overcharged) and the totals. */
G_DECLARE_FINAL_TYPE (OkcCostTable, okc_cost_table, OKC, COST_TABLE, GtkWidget)

GtkWidget *okc_cost_table_new            (void);
/* @expected: (nullable): without it only the bill shows. */
void       okc_cost_table_set_breakdowns (OkcCostTable     *self,
                                          OkcCostBreakdown *billed,
                                          OkcCostBreakdown *expected);

/* "12.345 kWh", "47 min", "1 session", "on $12.34": a line's quantity by its unit. */
char      *okc_cost_line_format_quantity   (const OkcCostLine *line,
                                            const char        *currency);
/* "$0.35/kWh", "$0.40/min", "$1.00", "8.25 %". */
char      *okc_cost_line_format_unit_price (const OkcCostLine *line,
                                            const char        *currency);

G_END_DECLS
