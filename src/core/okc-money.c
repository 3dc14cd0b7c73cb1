/* okc-money.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-money.h"

#include <string.h>

#include "okc-error.h"
#include "okc-json.h"

typedef struct
{
  const char *code;
  const char *symbol;   /* NULL: the code is shown after the amount */
  int exponent;         /* digits of the minor unit */
} CurrencyInfo;

/* The currencies of the markets OK2Charge bills in. An unknown code is rejected rather
 * than guessed at: the exponent decides what "1234" means. */
static const CurrencyInfo currencies[] = {
  { "USD", "$", 2 },
  { "CAD", "CA$", 2 },
  { "MXN", "MX$", 2 },
  { "EUR", "€", 2 },
  { "GBP", "£", 2 },
  { "AUD", "A$", 2 },
  { "NZD", "NZ$", 2 },
  { "CHF", NULL, 2 },
  { "SEK", NULL, 2 },
  { "NOK", NULL, 2 },
  { "DKK", NULL, 2 },
  { "JPY", "¥", 0 },
};

static const CurrencyInfo *
lookup_currency (const char *code)
{
  if (code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (strcmp (currencies[i].code, code) == 0)
      return &currencies[i];
  return NULL;
}

/**
 * okc_currency_get_exponent:
 * @code: an ISO 4217 code
 *
 * Returns: the number of decimal digits of @code's minor unit, or -1 if unknown.
 */
int
okc_currency_get_exponent (const char *code)
{
  const CurrencyInfo *info = lookup_currency (code);

  return info != NULL ? info->exponent : -1;
}

/**
 * okc_money_init:
 *
 * Returns: %FALSE, leaving @money untouched, if @currency is not a known code.
 */
gboolean
okc_money_init (OkcMoney   *money,
                gint64      amount,
                const char *currency)
{
  g_return_val_if_fail (money != NULL, FALSE);

  if (lookup_currency (currency) == NULL)
    return FALSE;

  money->amount = amount;
  memcpy (money->currency, currency, OKC_CURRENCY_CODE_LENGTH);
  money->currency[OKC_CURRENCY_CODE_LENGTH] = '\0';
  return TRUE;
}

gboolean
okc_money_equal (const OkcMoney *a,
                 const OkcMoney *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->amount == b->amount && strcmp (a->currency, b->currency) == 0;
}

/**
 * okc_money_add:
 *
 * Adds two amounts of the same currency. Fails on mixed currencies and on overflow
 * rather than wrapping around.
 */
gboolean
okc_money_add (const OkcMoney  *a,
               const OkcMoney  *b,
               OkcMoney        *out_sum,
               GError         **error)
{
  gint64 sum;

  g_return_val_if_fail (a != NULL && b != NULL && out_sum != NULL, FALSE);

  if (strcmp (a->currency, b->currency) != 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "currency",
                          "cannot add %s to %s", b->currency, a->currency);
      return FALSE;
    }
  if (__builtin_add_overflow (a->amount, b->amount, &sum))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "amount", "the sum is too large");
      return FALSE;
    }

  *out_sum = *a;
  out_sum->amount = sum;
  return TRUE;
}

/**
 * okc_money_from_json:
 * @node: {"amount": <integer minor units>, "currency": "<ISO 4217>"}
 * @path: the path of @node, for errors
 *
 * Strict: a fractional amount, an amount as a string or an unknown currency is an error.
 */
gboolean
okc_money_from_json (JsonNode  *node,
                     const char *path,
                     OkcMoney  *out_money,
                     GError   **error)
{
  static const char * const members[] = { "amount", "currency", NULL };
  const char *currency = NULL;
  JsonObject *object;
  gint64 amount = 0;

  g_return_val_if_fail (out_money != NULL, FALSE);

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_check_members (object, path, members, error) ||
      !okc_json_read_int64 (object, path, "amount", OKC_JSON_REQUIRED, &amount, error) ||
      !okc_json_read_string (object, path, "currency", OKC_JSON_REQUIRED, &currency, error))
    return FALSE;

  if (!okc_money_init (out_money, amount, currency))
    {
      g_autofree char *currency_path = okc_json_path_member (path, "currency");
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, currency_path,
                          "“%s” is not a supported ISO 4217 currency code", currency);
      return FALSE;
    }
  return TRUE;
}

/**
 * okc_money_to_json:
 *
 * Returns: (transfer full): @money as {"amount": …, "currency": …}.
 */
JsonNode *
okc_money_to_json (const OkcMoney *money)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (money != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_int_value (builder, money->amount);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, money->currency);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_money_format:
 *
 * Formats @money exactly, from its integer minor units: "$12.34", "−$0.05",
 * "¥1200", "12.00 CHF". No rounding happens here: every digit of the minor unit shows.
 *
 * Returns: (transfer full): the text.
 */
char *
okc_money_format (const OkcMoney *money)
{
  const CurrencyInfo *info;
  g_autofree char *digits = NULL;
  GString *text;
  guint64 magnitude;
  guint64 divisor = 1;

  g_return_val_if_fail (money != NULL, NULL);

  info = lookup_currency (money->currency);
  g_return_val_if_fail (info != NULL, NULL);

  for (int i = 0; i < info->exponent; i++)
    divisor *= 10;

  /* Negating G_MININT64 overflows; go through the unsigned magnitude instead. */
  magnitude = money->amount < 0 ? (guint64) 0 - (guint64) money->amount : (guint64) money->amount;

  if (info->exponent > 0)
    digits = g_strdup_printf ("%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT, magnitude / divisor,
                              info->exponent, magnitude % divisor);
  else
    digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);

  text = g_string_new (money->amount < 0 ? "−" : "");
  if (info->symbol != NULL)
    g_string_append_printf (text, "%s%s", info->symbol, digits);
  else
    g_string_append_printf (text, "%s %s", digits, info->code);
  return g_string_free (text, FALSE);
}
