/* okc-number-format.c — numbers as the user's locale writes them, for display only
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-number-format.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

/* Copies a localeconv() string; one that does not fit (no real locale has such) gives
 * @fallback rather than half a UTF-8 character. */
static void
copy_convention (char       *dest,
                 gsize       size,
                 const char *value,
                 const char *fallback)
{
  if (value == NULL || strlen (value) >= size)
    value = fallback;
  g_strlcpy (dest, value, size);
}

/**
 * okc_number_conventions_init_c:
 *
 * The conventions of the C locale, which has none for money: "." for decimals, no
 * grouping, the symbol before the amount without a space, "−" before a negative amount.
 * Display text in the C locale is thus the canonical text ("$11220.42", "−$3.50").
 */
void
okc_number_conventions_init_c (OkcNumberConventions *conventions)
{
  g_return_if_fail (conventions != NULL);

  memset (conventions, 0, sizeof *conventions);
  g_strlcpy (conventions->decimal_mark, ".", sizeof conventions->decimal_mark);
  g_strlcpy (conventions->negative_sign, "−", sizeof conventions->negative_sign);
  conventions->symbol_first = TRUE;
  conventions->symbol_space = FALSE;
  conventions->sign_position = OKC_SIGN_BEFORE;
}

/**
 * okc_number_conventions_from_locale:
 * @kind: LC_MONETARY's conventions or LC_NUMERIC's
 *
 * Reads the current locale's conventions with localeconv() (call it from the main
 * thread: localeconv() is not thread-safe). For money: mon_decimal_point,
 * mon_thousands_sep, mon_grouping, p_cs_precedes, p_sep_by_space, negative_sign and
 * n_sign_posn; a locale without monetary conventions (C, C.UTF-8, POSIX: an empty
 * mon_decimal_point) gives okc_number_conventions_init_c(). For numbers: decimal_point,
 * thousands_sep and grouping, with "−" as the minus sign.
 *
 * As glibc 2.36 defines them (`locale -k LC_MONETARY`): en_US "." and "," by threes,
 * symbol first, no space, "-" first ("-$3.50"); es_ES and de_DE "," and "." by threes
 * from the fourth digit on (mon_grouping=3;3: "1.234,50 €", unlike CLDR, which leaves
 * four-digit amounts ungrouped in Spanish), symbol after a space, "-" first
 * ("-3,50 €"); fr_FR "," and U+202F by threes, symbol after a space.
 */
void
okc_number_conventions_from_locale (OkcNumberConventions *conventions,
                                    OkcNumberKind         kind)
{
  const struct lconv *lc = localeconv ();

  g_return_if_fail (conventions != NULL);

  okc_number_conventions_init_c (conventions);
  if (lc == NULL)
    return;

  if (kind == OKC_NUMBER_NUMERIC)
    {
      if (lc->decimal_point != NULL && lc->decimal_point[0] != '\0')
        copy_convention (conventions->decimal_mark, sizeof conventions->decimal_mark,
                         lc->decimal_point, ".");
      copy_convention (conventions->group_separator, sizeof conventions->group_separator,
                       lc->thousands_sep, "");
      copy_convention (conventions->grouping, sizeof conventions->grouping, lc->grouping, "");
      return;
    }

  if (lc->mon_decimal_point == NULL || lc->mon_decimal_point[0] == '\0')
    return;

  copy_convention (conventions->decimal_mark, sizeof conventions->decimal_mark,
                   lc->mon_decimal_point, ".");
  copy_convention (conventions->group_separator, sizeof conventions->group_separator,
                   lc->mon_thousands_sep, "");
  copy_convention (conventions->grouping, sizeof conventions->grouping, lc->mon_grouping, "");
  /* CHAR_MAX means "not specified": keep the C choice then. */
  if (lc->p_cs_precedes != CHAR_MAX)
    conventions->symbol_first = lc->p_cs_precedes != 0;
  if (lc->p_sep_by_space != CHAR_MAX)
    conventions->symbol_space = lc->p_sep_by_space != 0;
  if (lc->negative_sign != NULL && lc->negative_sign[0] != '\0')
    copy_convention (conventions->negative_sign, sizeof conventions->negative_sign,
                     lc->negative_sign, "−");
  if (lc->n_sign_posn >= OKC_SIGN_PARENTHESES && lc->n_sign_posn <= OKC_SIGN_AFTER_SYMBOL)
    conventions->sign_position = (OkcSignPosition) lc->n_sign_posn;
}

/**
 * okc_number_group_digits:
 * @digits: ASCII digits, the integer part of a number without its sign
 *
 * Inserts the group separator into @digits as @conventions' grouping says, counting
 * from the right: with "\3" and ",", "1234567" becomes "1,234,567".
 *
 * Returns: (transfer full): the grouped digits
 */
char *
okc_number_group_digits (const OkcNumberConventions *conventions,
                         const char                 *digits)
{
  gsize length, remaining;
  guint sizes[64];
  guint n_sizes = 0;
  guint index = 0;
  guint last = 0;
  GString *text;
  gsize at = 0;

  g_return_val_if_fail (conventions != NULL && digits != NULL, NULL);

  length = strlen (digits);
  if (conventions->group_separator[0] == '\0' || conventions->grouping[0] == '\0')
    return g_strdup (digits);

  /* The group sizes from the right; the last one given repeats, CHAR_MAX stops. */
  remaining = length;
  while (remaining > 0 && n_sizes < G_N_ELEMENTS (sizes) - 1)
    {
      unsigned char next = (unsigned char) conventions->grouping[index];
      gsize size;

      if (next == '\0')
        size = last > 0 ? last : remaining;
      else if (next >= (unsigned char) CHAR_MAX || next > 64)
        size = remaining;
      else
        {
          size = last = next;
          index++;
        }
      size = MIN (size, remaining);
      sizes[n_sizes++] = (guint) size;
      remaining -= size;
    }
  if (remaining > 0)
    sizes[n_sizes++] = (guint) remaining;

  text = g_string_sized_new (length + n_sizes * strlen (conventions->group_separator));
  for (guint i = n_sizes; i > 0; i--)
    {
      if (i != n_sizes)
        g_string_append (text, conventions->group_separator);
      g_string_append_len (text, digits + at, sizes[i - 1]);
      at += sizes[i - 1];
    }
  return g_string_free (text, FALSE);
}

static guint64
magnitude_of (gint64 value)
{
  /* Negating G_MININT64 overflows; go through the unsigned magnitude instead. */
  return value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
}

/**
 * okc_number_format_count_with:
 *
 * Returns: (transfer full): @count grouped: "1,234" in en_US, "1.234" in es_ES,
 *   "1234" in C.
 */
char *
okc_number_format_count_with (const OkcNumberConventions *conventions,
                              gint64                      count)
{
  return okc_number_format_fixed_with (conventions, count, 0);
}

/**
 * okc_number_format_fixed_with:
 * @scaled: the number times 10^@decimals, an integer: 12345 with 3 decimals is 12.345
 * @decimals: how many decimals to show, at most 18
 *
 * Formats a fixed-point number exactly, without floating point: grouped, with the
 * decimal mark, every decimal shown.
 *
 * Returns: (transfer full): the text: "12,345.678" in en_US, "12.345,678" in es_ES
 */
char *
okc_number_format_fixed_with (const OkcNumberConventions *conventions,
                              gint64                      scaled,
                              guint                       decimals)
{
  g_autofree char *whole = NULL;
  g_autofree char *grouped = NULL;
  guint64 magnitude = magnitude_of (scaled);
  guint64 divisor = 1;
  GString *text;

  g_return_val_if_fail (conventions != NULL, NULL);
  g_return_val_if_fail (decimals <= 18, NULL);

  for (guint i = 0; i < decimals; i++)
    divisor *= 10;

  whole = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / divisor);
  grouped = okc_number_group_digits (conventions, whole);
  text = g_string_new (scaled < 0 ? conventions->negative_sign : "");
  g_string_append (text, grouped);
  if (decimals > 0)
    g_string_append_printf (text, "%s%0*" G_GUINT64_FORMAT, conventions->decimal_mark,
                            (int) decimals, magnitude % divisor);
  return g_string_free (text, FALSE);
}

/**
 * okc_format_count:
 *
 * A count (tickets, sessions) as the current locale groups numbers (LC_NUMERIC).
 *
 * Returns: (transfer full): the text
 */
char *
okc_format_count (gint64 count)
{
  OkcNumberConventions conventions;

  okc_number_conventions_from_locale (&conventions, OKC_NUMBER_NUMERIC);
  return okc_number_format_count_with (&conventions, count);
}

/**
 * okc_format_fixed:
 *
 * okc_number_format_fixed_with() in the current locale's LC_NUMERIC conventions.
 *
 * Returns: (transfer full): the text
 */
char *
okc_format_fixed (gint64 scaled,
                  guint  decimals)
{
  OkcNumberConventions conventions;

  okc_number_conventions_from_locale (&conventions, OKC_NUMBER_NUMERIC);
  return okc_number_format_fixed_with (&conventions, scaled, decimals);
}
