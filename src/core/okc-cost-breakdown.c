/* okc-cost-breakdown.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-cost-breakdown.h"

#include "okc-error.h"
#include "okc-json.h"
#include <inttypes.h>

struct _OkcCostBreakdown
{
  GObject parent_instance;

  char currency[4];
  GArray *lines;      /* OkcCostLine */
  gint64 subtotal;    /* connection, energy and idle lines */
  gint64 fees;
  gint64 taxes;
  gint64 total;
};

G_DEFINE_FINAL_TYPE (OkcCostBreakdown, okc_cost_breakdown, G_TYPE_OBJECT)

static void
line_clear (gpointer data)
{
  OkcCostLine *line = data;

  g_clear_pointer (&line->description, g_free);
}

static void
okc_cost_breakdown_finalize (GObject *object)
{
  OkcCostBreakdown *self = OKC_COST_BREAKDOWN (object);

  g_clear_pointer (&self->lines, g_array_unref);

  G_OBJECT_CLASS (okc_cost_breakdown_parent_class)->finalize (object);
}

static void
okc_cost_breakdown_class_init (OkcCostBreakdownClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_cost_breakdown_finalize;
}

static void
okc_cost_breakdown_init (OkcCostBreakdown *self)
{
  self->lines = g_array_new (FALSE, TRUE, sizeof (OkcCostLine));
  g_array_set_clear_func (self->lines, line_clear);
}

/**
 * okc_cost_breakdown_new:
 * @currency: a supported ISO 4217 code
 *
 * Returns: (transfer full): an empty breakdown: no lines, every total zero.
 */
OkcCostBreakdown *
okc_cost_breakdown_new (const char *currency)
{
  OkcCostBreakdown *self;
  OkcMoney check;

  g_return_val_if_fail (okc_money_init (&check, 0, currency), NULL);

  self = g_object_new (OKC_TYPE_COST_BREAKDOWN, NULL);
  g_strlcpy (self->currency, check.currency, sizeof self->currency);
  return self;
}

/**
 * okc_cost_breakdown_add_line:
 * @description: what the customer reads
 * @amount: minor units, not negative
 *
 * Appends a line and adds @amount to the subtotal (connection, energy and idle lines), the
 * fees or the taxes, and to the total.
 *
 * Returns: %FALSE, adding nothing, with an #OKC_DATA_ERROR naming "total" if a sum would
 *   overflow.
 */
gboolean
okc_cost_breakdown_add_line (OkcCostBreakdown  *self,
                             OkcCostLineKind    kind,
                             const char        *description,
                             OkcCostUnit        unit,
                             gint64             quantity,
                             gint64             unit_price,
                             gint64             amount,
                             GError           **error)
{
  OkcCostLine line = { kind, NULL, unit, quantity, unit_price, amount };
  gint64 *part;
  gint64 part_sum, total_sum;

  g_return_val_if_fail (OKC_IS_COST_BREAKDOWN (self), FALSE);
  g_return_val_if_fail (description != NULL, FALSE);
  g_return_val_if_fail (amount >= 0, FALSE);

  switch (kind)
    {
    case OKC_COST_LINE_KIND_PROCESSING_FEE:
      part = &self->fees;
      break;
    case OKC_COST_LINE_KIND_TAX:
      part = &self->taxes;
      break;
    case OKC_COST_LINE_KIND_CONNECTION_FEE:
    case OKC_COST_LINE_KIND_ENERGY:
    case OKC_COST_LINE_KIND_IDLE_FEE:
    default:
      part = &self->subtotal;
      break;
    }

  if (__builtin_add_overflow (*part, amount, &part_sum) ||
      __builtin_add_overflow (self->total, amount, &total_sum))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "total", "the sum is too large");
      return FALSE;
    }

  *part = part_sum;
  self->total = total_sum;
  line.description = g_strdup (description);
  g_array_append_val (self->lines, line);
  return TRUE;
}

/* Reads money member @member and checks its currency is @currency. */
static gboolean
read_amount (JsonObject  *object,
             const char  *path,
             const char  *member,
             const char  *currency,
             gint64      *out,
             GError     **error)
{
  g_autofree char *member_path = okc_json_path_member (path, member);
  OkcMoney money;

  if (!okc_money_from_json (json_object_get_member (object, member), member_path, &money, error))
    return FALSE;
  if (!g_str_equal (money.currency, currency))
    {
      g_autofree char *currency_path = okc_json_path_member (member_path, "currency");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, currency_path,
                          "is %s, not the breakdown's %s", money.currency, currency);
      return FALSE;
    }
  if (money.amount < 0)
    {
      g_autofree char *amount_path = okc_json_path_member (member_path, "amount");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, amount_path, "is not negative");
      return FALSE;
    }
  *out = money.amount;
  return TRUE;
}

/* A given sum must be the sum of the lines: a breakdown that does not add up is refused. */
static gboolean
check_sum (JsonObject  *object,
           const char  *path,
           const char  *member,
           const char  *currency,
           gint64       computed,
           GError     **error)
{
  gint64 given = 0;

  if (!read_amount (object, path, member, currency, &given, error))
    return FALSE;
  if (given != computed)
    {
      g_autofree char *member_path = okc_json_path_member (path, member);
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member_path,
                          "is %" PRId64 " but its lines add up to %" PRId64,
                          given, computed);
      return FALSE;
    }
  return TRUE;
}

/**
 * okc_cost_breakdown_new_from_json:
 * @node: {"currency", "lines": [{"kind", "description", "unit", "quantity", "unit_price",
 *   "amount": money}], "subtotal", "fees", "taxes", "total" (money)}
 * @path: (nullable): where @node is, for errors
 *
 * Strict about types and arithmetic: every sum must be its lines' sum, every amount in the
 * breakdown's currency. Members it does not know are ignored, as in every response.
 *
 * Returns: (transfer full) (nullable): the breakdown, or %NULL with an #OKC_DATA_ERROR.
 */
OkcCostBreakdown *
okc_cost_breakdown_new_from_json (JsonNode    *node,
                                  const char  *path,
                                  GError     **error)
{
  g_autofree char *lines_path = okc_json_path_member (path, "lines");
  g_autoptr(OkcCostBreakdown) self = NULL;
  const char *currency = NULL;
  JsonArray *lines = NULL;
  JsonObject *object;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "currency", OKC_JSON_REQUIRED, &currency, error) ||
      !okc_json_read_array (object, path, "lines", OKC_JSON_REQUIRED, &lines, error))
    return NULL;
  if (okc_currency_get_exponent (currency) < 0)
    {
      g_autofree char *member = okc_json_path_member (path, "currency");
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, member,
                          "“%s” is not a supported ISO 4217 currency code", currency);
      return NULL;
    }

  self = okc_cost_breakdown_new (currency);
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      g_autofree char *line_path = okc_json_path_index (lines_path, i);
      JsonObject *line = okc_json_node_get_object (json_array_get_element (lines, i), line_path,
                                                   error);
      const char *description = NULL;
      gint64 quantity = 0, unit_price = 0, amount = 0;
      int kind = 0, unit = 0;

      if (line == NULL ||
          !okc_json_read_enum (line, line_path, "kind", OKC_TYPE_COST_LINE_KIND,
                               OKC_JSON_REQUIRED, &kind, error) ||
          !okc_json_read_string (line, line_path, "description", OKC_JSON_REQUIRED, &description,
                                 error) ||
          !okc_json_read_enum (line, line_path, "unit", OKC_TYPE_COST_UNIT, OKC_JSON_REQUIRED,
                               &unit, error) ||
          !okc_json_read_int64 (line, line_path, "quantity", OKC_JSON_REQUIRED, &quantity, error) ||
          !okc_json_read_int64 (line, line_path, "unit_price", OKC_JSON_REQUIRED, &unit_price,
                                error) ||
          !read_amount (line, line_path, "amount", currency, &amount, error))
        return NULL;
      if (quantity < 0 || unit_price < 0)
        {
          g_autofree char *member = okc_json_path_member (line_path,
                                                          quantity < 0 ? "quantity" : "unit_price");
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "is not negative");
          return NULL;
        }
      if (!okc_cost_breakdown_add_line (self, kind, description, unit, quantity, unit_price,
                                        amount, error))
        {
          g_autofree char *member = okc_json_path_member (line_path, "amount");
          g_clear_error (error);
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "the sum is too large");
          return NULL;
        }
    }

  if (!check_sum (object, path, "subtotal", currency, self->subtotal, error) ||
      !check_sum (object, path, "fees", currency, self->fees, error) ||
      !check_sum (object, path, "taxes", currency, self->taxes, error) ||
      !check_sum (object, path, "total", currency, self->total, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
add_money (JsonBuilder *builder,
           const char  *member,
           const char  *currency,
           gint64       amount)
{
  /* The shape of okc_money_to_json(), built in place: a breakdown has a dozen amounts and
   * a builder for each one costs more than the rest of the breakdown. */
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_int_value (builder, amount);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, currency);
  json_builder_end_object (builder);
}

/**
 * okc_cost_breakdown_to_json:
 *
 * Returns: (transfer full): the breakdown in the shape okc_cost_breakdown_new_from_json() reads.
 */
JsonNode *
okc_cost_breakdown_to_json (OkcCostBreakdown *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_COST_BREAKDOWN (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "currency", self->currency);
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->lines->len; i++)
    {
      const OkcCostLine *line = &g_array_index (self->lines, OkcCostLine, i);

      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "kind",
                                   okc_enum_to_nick (OKC_TYPE_COST_LINE_KIND, line->kind));
      okc_json_builder_add_string (builder, "description", line->description);
      okc_json_builder_add_string (builder, "unit", okc_enum_to_nick (OKC_TYPE_COST_UNIT, line->unit));
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_int_value (builder, line->quantity);
      json_builder_set_member_name (builder, "unit_price");
      json_builder_add_int_value (builder, line->unit_price);
      add_money (builder, "amount", self->currency, line->amount);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_money (builder, "subtotal", self->currency, self->subtotal);
  add_money (builder, "fees", self->currency, self->fees);
  add_money (builder, "taxes", self->currency, self->taxes);
  add_money (builder, "total", self->currency, self->total);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

const char *
okc_cost_breakdown_get_currency (OkcCostBreakdown *self)
{
  g_return_val_if_fail (OKC_IS_COST_BREAKDOWN (self), NULL);
  return self->currency;
}

guint
okc_cost_breakdown_get_n_lines (OkcCostBreakdown *self)
{
  g_return_val_if_fail (OKC_IS_COST_BREAKDOWN (self), 0);
  return self->lines->len;
}

/**
 * okc_cost_breakdown_get_line:
 *
 * Returns: (transfer none): the line at @index, in billing order.
 */
const OkcCostLine *
okc_cost_breakdown_get_line (OkcCostBreakdown *self,
                             guint             index)
{
  g_return_val_if_fail (OKC_IS_COST_BREAKDOWN (self), NULL);
  g_return_val_if_fail (index < self->lines->len, NULL);
  return &g_array_index (self->lines, OkcCostLine, index);
}

/**
 * okc_cost_breakdown_get_subtotal:
 * @out: (out caller-allocates): the sum of the connection, energy and idle lines
 */
void
okc_cost_breakdown_get_subtotal (OkcCostBreakdown *self,
                                 OkcMoney         *out)
{
  g_return_if_fail (OKC_IS_COST_BREAKDOWN (self) && out != NULL);
  okc_money_init (out, self->subtotal, self->currency);
}

/**
 * okc_cost_breakdown_get_fees:
 * @out: (out caller-allocates): the sum of the processing fee lines
 */
void
okc_cost_breakdown_get_fees (OkcCostBreakdown *self,
                             OkcMoney         *out)
{
  g_return_if_fail (OKC_IS_COST_BREAKDOWN (self) && out != NULL);
  okc_money_init (out, self->fees, self->currency);
}

/**
 * okc_cost_breakdown_get_taxes:
 * @out: (out caller-allocates): the sum of the tax lines
 */
void
okc_cost_breakdown_get_taxes (OkcCostBreakdown *self,
                              OkcMoney         *out)
{
  g_return_if_fail (OKC_IS_COST_BREAKDOWN (self) && out != NULL);
  okc_money_init (out, self->taxes, self->currency);
}

/**
 * okc_cost_breakdown_get_total:
 * @out: (out caller-allocates): subtotal + fees + taxes
 */
void
okc_cost_breakdown_get_total (OkcCostBreakdown *self,
                              OkcMoney         *out)
{
  g_return_if_fail (OKC_IS_COST_BREAKDOWN (self) && out != NULL);
  okc_money_init (out, self->total, self->currency);
}

/**
 * okc_cost_breakdown_sum_kind:
 *
 * Returns: the amounts of the lines of @kind, added up (they cannot overflow: the total did not).
 */
gint64
okc_cost_breakdown_sum_kind (OkcCostBreakdown *self,
                             OkcCostLineKind   kind)
{
  gint64 sum = 0;

  g_return_val_if_fail (OKC_IS_COST_BREAKDOWN (self), 0);

  for (guint i = 0; i < self->lines->len; i++)
    if (g_array_index (self->lines, OkcCostLine, i).kind == kind)
      sum += g_array_index (self->lines, OkcCostLine, i).amount;
  return sum;
}
