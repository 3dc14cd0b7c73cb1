/* okc-cost-breakdown.h — what a session costs, line by line, in integer minor units
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"
#include "okc-money.h"

G_BEGIN_DECLS

/**
 * OkcCostLine:
 * @kind: what the line bills
 * @description: what the customer reads ("Energy 16:00–21:00")
 * @unit: what @quantity counts
 * @quantity: sessions, Wh, seconds or the base in minor units, by @unit
 * @unit_price: minor units per session, per kWh or per minute, or basis points of the
 *   base, by @unit
 * @amount: what the line adds, in minor units of the breakdown's currency
 *
 * @amount is not always @quantity × @unit_price: it is rounded (docs/billing.md) and an
 * idle fee may be capped.
 */
typedef struct
{
  OkcCostLineKind kind;
  char *description;
  OkcCostUnit unit;
  gint64 quantity;
  gint64 unit_price;
  gint64 amount;
} OkcCostLine;

#define OKC_TYPE_COST_BREAKDOWN (okc_cost_breakdown_get_type ())

G_DECLARE_FINAL_TYPE (OkcCostBreakdown, okc_cost_breakdown, OKC, COST_BREAKDOWN, GObject)

OkcCostBreakdown  *okc_cost_breakdown_new            (const char        *currency);
gboolean           okc_cost_breakdown_add_line       (OkcCostBreakdown  *self,
                                                      OkcCostLineKind    kind,
                                                      const char        *description,
                                                      OkcCostUnit        unit,
                                                      gint64             quantity,
                                                      gint64             unit_price,
                                                      gint64             amount,
                                                      GError           **error);
OkcCostBreakdown  *okc_cost_breakdown_new_from_json  (JsonNode          *node,
                                                      const char        *path,
                                                      GError           **error);
JsonNode          *okc_cost_breakdown_to_json        (OkcCostBreakdown  *self);
const char        *okc_cost_breakdown_get_currency   (OkcCostBreakdown  *self);
guint              okc_cost_breakdown_get_n_lines    (OkcCostBreakdown  *self);
const OkcCostLine *okc_cost_breakdown_get_line       (OkcCostBreakdown  *self,
                                                      guint              index);
void               okc_cost_breakdown_get_subtotal   (OkcCostBreakdown  *self,
                                                      OkcMoney          *out);
void               okc_cost_breakdown_get_fees       (OkcCostBreakdown  *self,
                                                      OkcMoney          *out);
void               okc_cost_breakdown_get_taxes      (OkcCostBreakdown  *self,
                                                      OkcMoney          *out);
void               okc_cost_breakdown_get_total      (OkcCostBreakdown  *self,
                                                      OkcMoney          *out);
gint64             okc_cost_breakdown_sum_kind       (OkcCostBreakdown  *self,
                                                      OkcCostLineKind    kind);

G_END_DECLS
