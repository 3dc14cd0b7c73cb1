/* okc-money.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include "okc-money.h"

#include <glib/gi18n-lib.h>
#include <limits.h>
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

static guint64
magnitude_of (gint64 amount)
{
  /* Negating G_MININT64 overflows; go through the unsigned magnitude instead. */
  return amount < 0 ? (guint64) 0 - (guint64) amount : (guint64) amount;
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
 * This is the canonical form, the same in every locale: the backend, the search
 * document, CSV files, the text of replies to customers and the tests use it. What the
 * agent reads on screen goes through okc_money_format_display() instead, which equals
 * this in the C locale.
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

/* The digits of @magnitude minor units, grouped, with the decimal mark: "11,220.42". */
static char *
format_number (const OkcNumberConventions *conventions,
               guint64                     magnitude,
               int                         exponent,
               gboolean                    grouped)
{
  g_autofree char *whole = NULL;
  guint64 divisor = 1;
  GString *text;

  for (int i = 0; i < exponent; i++)
    divisor *= 10;

  whole = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / divisor);
  if (grouped)
    {
      g_autofree char *digits = okc_number_group_digits (conventions, whole);
      text = g_string_new (digits);
    }
  else
    text = g_string_new (whole);
  if (exponent > 0)
    g_string_append_printf (text, "%s%0*" G_GUINT64_FORMAT, conventions->decimal_mark,
                            exponent, magnitude % divisor);
  return g_string_free (text, FALSE);
}

/**
 * okc_money_format_with:
 * @conventions: how the locale writes money, see okc_number_conventions_from_locale()
 *
 * Formats @money exactly for display, from its integer minor units, as @conventions say:
 * the decimal mark, the grouping, the currency's symbol before or after the amount (with
 * a space or not) and the negative sign's place. A currency without a symbol of its own
 * (CHF, SEK…) is shown by its code, always after the amount and a space, as in the
 * canonical form. With okc_number_conventions_init_c() the text is okc_money_format()'s.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if @money's currency is unknown
 */
char *
okc_money_format_with (const OkcMoney             *money,
                       const OkcNumberConventions *conventions)
{
  const CurrencyInfo *info;
  g_autofree char *number = NULL;
  g_autofree char *symbol = NULL;
  gboolean negative, symbol_first, space;
  GString *text;

  g_return_val_if_fail (money != NULL, NULL);
  g_return_val_if_fail (conventions != NULL, NULL);

  info = lookup_currency (money->currency);
  if (info == NULL)
    return NULL;

  negative = money->amount < 0;
  number = format_number (conventions, magnitude_of (money->amount), info->exponent, TRUE);
  symbol_first = info->symbol != NULL ? conventions->symbol_first : FALSE;
  space = info->symbol != NULL ? conventions->symbol_space : TRUE;

  if (negative && conventions->sign_position == OKC_SIGN_BEFORE_SYMBOL)
    symbol = g_strconcat (conventions->negative_sign, info->symbol ? info->symbol : info->code, NULL);
  else if (negative && conventions->sign_position == OKC_SIGN_AFTER_SYMBOL)
    symbol = g_strconcat (info->symbol ? info->symbol : info->code, conventions->negative_sign, NULL);
  else
    symbol = g_strdup (info->symbol ? info->symbol : info->code);

  text = g_string_new (NULL);
  if (negative && conventions->sign_position == OKC_SIGN_PARENTHESES)
    g_string_append_c (text, '(');
  else if (negative && conventions->sign_position == OKC_SIGN_BEFORE)
    g_string_append (text, conventions->negative_sign);

  if (symbol_first)
    g_string_append_printf (text, "%s%s%s", symbol, space ? " " : "", number);
  else
    g_string_append_printf (text, "%s%s%s", number, space ? " " : "", symbol);

  if (negative && conventions->sign_position == OKC_SIGN_PARENTHESES)
    g_string_append_c (text, ')');
  else if (negative && conventions->sign_position == OKC_SIGN_AFTER)
    g_string_append (text, conventions->negative_sign);
  return g_string_free (text, FALSE);
}

/**
 * okc_money_format_display:
 *
 * @money as the current locale writes money (LC_MONETARY), for display only: "$11,220.42"
 * and "-$3.50" in en_US, "11.220,42 €" in es_ES, "$11220.42" in C. Call it from the main
 * thread (localeconv()).
 *
 * Returns: (transfer full): the text
 */
char *
okc_money_format_display (const OkcMoney *money)
{
  OkcNumberConventions conventions;

  g_return_val_if_fail (money != NULL, NULL);
  g_return_val_if_fail (lookup_currency (money->currency) != NULL, NULL);

  okc_number_conventions_from_locale (&conventions, OKC_NUMBER_MONETARY);
  return okc_money_format_with (money, &conventions);
}

/**
 * okc_money_format_input_with:
 *
 * @money as an agent would type it into an amount field, what okc_money_parse_with()
 * reads back: the locale's decimal mark, no grouping, no symbol ("2.16", "2,16").
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if the currency is unknown
 */
char *
okc_money_format_input_with (const OkcMoney             *money,
                             const OkcNumberConventions *conventions)
{
  const CurrencyInfo *info;
  g_autofree char *number = NULL;

  g_return_val_if_fail (money != NULL, NULL);
  g_return_val_if_fail (conventions != NULL, NULL);

  info = lookup_currency (money->currency);
  if (info == NULL)
    return NULL;
  number = format_number (conventions, magnitude_of (money->amount), info->exponent, FALSE);
  return money->amount < 0 ? g_strconcat ("-", number, NULL) : g_steal_pointer (&number);
}

/**
 * okc_money_format_input:
 *
 * okc_money_format_input_with() in the current locale's LC_MONETARY conventions.
 *
 * Returns: (transfer full): the text
 */
char *
okc_money_format_input (const OkcMoney *money)
{
  OkcNumberConventions conventions;

  g_return_val_if_fail (money != NULL, NULL);
  g_return_val_if_fail (lookup_currency (money->currency) != NULL, NULL);

  okc_number_conventions_from_locale (&conventions, OKC_NUMBER_MONETARY);
  return okc_money_format_input_with (money, &conventions);
}

static gboolean
is_space_separator (const char *separator)
{
  return strcmp (separator, " ") == 0 || strcmp (separator, "\u00a0") == 0 ||
         strcmp (separator, "\u202f") == 0;
}

/* Strips ASCII white space and no-break spaces (a "12,30 €" copied from the screen). */
static char *
strip_spaces (char *text)
{
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      text = g_strstrip (text);
      for (guint i = 0; i < 2; i++)
        {
          const char *space = i == 0 ? "\u00a0" : "\u202f";
          gsize size = strlen (space);
          gsize length = strlen (text);

          if (g_str_has_prefix (text, space))
            {
              text += size;
              changed = TRUE;
            }
          else if (length >= size && g_str_has_suffix (text, space))
            {
              text[length - size] = '\0';
              changed = TRUE;
            }
        }
    }
  return text;
}

static gboolean
all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Whether @chunks (the integer part split at the group separator, more than one) are
 * grouped as @grouping says, counting from the right; the leftmost may be shorter. */
static gboolean
groups_match (const char * const *chunks,
              guint               n_chunks,
              const char         *grouping)
{
  guint index = 0, last = 0;

  for (guint i = n_chunks - 1; i > 0; i--)
    {
      unsigned char next = (unsigned char) grouping[index];
      guint size;

      if (next == '\0')
        size = last;
      else if (next >= (unsigned char) CHAR_MAX)
        return FALSE;
      else
        {
          size = last = next;
          index++;
        }
      if (size == 0 || strlen (chunks[i]) != size)
        return FALSE;
    }
  /* The leftmost group: at least one digit, no more than the group would hold. */
  {
    unsigned char next = (unsigned char) grouping[index];
    guint size = next == '\0' ? last : next >= (unsigned char) CHAR_MAX ? G_MAXUINT : next;

    return strlen (chunks[0]) <= size;
  }
}

static void
set_not_an_amount (GError                    **error,
                   const char                 *text,
                   const char                 *currency,
                   int                         exponent,
                   const OkcNumberConventions *conventions)
{
  OkcMoney example = { 0 };
  g_autofree char *example_text = NULL;

  example.amount = 12;
  for (int i = 0; i < exponent; i++)
    example.amount = example.amount * 10 + (i == 0 ? 3 : 0);
  g_strlcpy (example.currency, currency, sizeof example.currency);
  example_text = okc_money_format_input_with (&example, conventions);
  okc_data_error_set (error, OKC_DATA_ERROR_INVALID, NULL,
                      /* Translators: “12,3,4” is not an amount such as 12,30 */
                      _("“%s” is not an amount such as %s"), text, example_text);
}

/**
 * okc_money_parse_with:
 * @text: what the agent typed: "12.30", "1,234.50" in en_US; "12,30", "1.234,50" in es_ES
 * @currency: the ISO 4217 code of the amount
 * @conventions: the decimal mark and grouping to read
 * @out_minor: (out): the amount in minor units
 *
 * Reads an amount typed by a person, to integer minor units without floating point. It
 * takes the decimal mark of @conventions, groups of digits split by their separator where
 * the grouping puts them (where that separator is a space, any of a space, a no-break space
 * and a narrow no-break space), the currency's symbol or code before or after, and up to
 * the currency's decimals. Anything else is an error that shows an example to type.
 *
 * Returns: %FALSE with @error set if @text is not such an amount
 */
gboolean
okc_money_parse_with (const char                 *text,
                      const char                 *currency,
                      const OkcNumberConventions *conventions,
                      gint64                     *out_minor,
                      GError                    **error)
{
  const CurrencyInfo *info;
  g_autofree char *original = NULL;
  g_autofree char *copy = NULL;
  g_auto(GStrv) chunks = NULL;
  const char *fraction = "";
  char *mark;
  char *p;
  gint64 whole = 0, minor = 0, scale = 1;
  guint n_chunks;

  g_return_val_if_fail (conventions != NULL, FALSE);
  g_return_val_if_fail (out_minor != NULL, FALSE);

  info = lookup_currency (currency);
  if (info == NULL)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, NULL,
                          _("“%s” is not a supported ISO 4217 currency code"),
                          currency != NULL ? currency : "");
      return FALSE;
    }

  original = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (original[0] == '\0')
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, NULL, _("Enter an amount"));
      return FALSE;
    }

  /* The currency's symbol or code, before or after the digits. */
  copy = g_strdup (original);
  p = copy;
  if (info->symbol != NULL && g_str_has_prefix (p, info->symbol))
    p += strlen (info->symbol);
  else if (g_ascii_strncasecmp (p, info->code, OKC_CURRENCY_CODE_LENGTH) == 0)
    p += OKC_CURRENCY_CODE_LENGTH;
  else if (info->symbol != NULL && g_str_has_suffix (p, info->symbol))
    p[strlen (p) - strlen (info->symbol)] = '\0';
  else if (strlen (p) > OKC_CURRENCY_CODE_LENGTH &&
           g_ascii_strcasecmp (p + strlen (p) - OKC_CURRENCY_CODE_LENGTH, info->code) == 0)
    p[strlen (p) - OKC_CURRENCY_CODE_LENGTH] = '\0';
  p = strip_spaces (p);
  if (*p == '\0')
    {
      set_not_an_amount (error, original, info->code, info->exponent, conventions);
      return FALSE;
    }

  /* Spaces as a group separator: people type a plain one where the locale has U+202F. */
  if (is_space_separator (conventions->group_separator))
    {
      g_autoptr(GString) normal = g_string_new (p);

      g_string_replace (normal, "\u00a0", " ", 0);
      g_string_replace (normal, "\u202f", " ", 0);
      g_free (copy);
      copy = g_string_free (g_steal_pointer (&normal), FALSE);
      p = copy;
    }

  mark = strstr (p, conventions->decimal_mark);
  if (mark != NULL)
    {
      *mark = '\0';
      fraction = mark + strlen (conventions->decimal_mark);
      if (!all_digits (fraction))
        {
          set_not_an_amount (error, original, info->code, info->exponent, conventions);
          return FALSE;
        }
    }

  if (conventions->group_separator[0] != '\0')
    {
      const char *separator = is_space_separator (conventions->group_separator) ? " "
                                                                                 : conventions->group_separator;
      chunks = g_strsplit (p, separator, -1);
    }
  else
    chunks = g_strsplit (p, "\x01", -1);
  n_chunks = g_strv_length (chunks);
  for (guint i = 0; i < n_chunks; i++)
    if (!all_digits (chunks[i]))
      {
        set_not_an_amount (error, original, info->code, info->exponent, conventions);
        return FALSE;
      }
  if (n_chunks > 1 && !groups_match ((const char * const *) chunks, n_chunks, conventions->grouping))
    {
      set_not_an_amount (error, original, info->code, info->exponent, conventions);
      return FALSE;
    }

  if (mark != NULL && info->exponent == 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, NULL,
                          /* Translators: %s is a currency code, "JPY amounts have no decimals" */
                          _("%s amounts have no decimals"), info->code);
      return FALSE;
    }
  if ((int) strlen (fraction) > info->exponent)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, NULL,
                          /* Translators: %s is a currency code, %d its number of decimals */
                          _("%s amounts have at most %d decimals"), info->code, info->exponent);
      return FALSE;
    }

  for (int i = 0; i < info->exponent; i++)
    scale *= 10;
  for (guint i = 0; i < n_chunks; i++)
    for (const char *d = chunks[i]; *d != '\0'; d++)
      if (__builtin_mul_overflow (whole, 10, &whole) ||
          __builtin_add_overflow (whole, g_ascii_digit_value (*d), &whole))
        goto too_large;
  if (__builtin_mul_overflow (whole, scale, &minor))
    goto too_large;
  {
    gint64 part = 0;

    for (const char *d = fraction; *d != '\0'; d++)
      part = part * 10 + g_ascii_digit_value (*d);
    for (int i = (int) strlen (fraction); i < info->exponent; i++)
      part *= 10;
    if (__builtin_add_overflow (minor, part, &minor))
      goto too_large;
  }

  *out_minor = minor;
  return TRUE;

too_large:
  okc_data_error_set (error, OKC_DATA_ERROR_INVALID, NULL, _("The amount is too large"));
  return FALSE;
}

/**
 * okc_money_parse_display:
 *
 * okc_money_parse_with() in the current locale's LC_MONETARY conventions: what the agent
 * types into an amount field. Call it from the main thread (localeconv()).
 */
gboolean
okc_money_parse_display (const char  *text,
                         const char  *currency,
                         gint64      *out_minor,
                         GError     **error)
{
  OkcNumberConventions conventions;

  okc_number_conventions_from_locale (&conventions, OKC_NUMBER_MONETARY);
  return okc_money_parse_with (text, currency, &conventions, out_minor, error);
}
