/* okc-number-format.h — numbers as the user's locale writes them, for display only
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <limits.h>

G_BEGIN_DECLS

/**
 * OkcSignPosition:
 * @OKC_SIGN_PARENTHESES: "($3.50)"
 * @OKC_SIGN_BEFORE: the sign before the amount and its symbol, "-$3.50", "-3,50 €"
 * @OKC_SIGN_AFTER: the sign after both, "3,50 €-"
 * @OKC_SIGN_BEFORE_SYMBOL: right before the symbol, "3,50 -€"
 * @OKC_SIGN_AFTER_SYMBOL: right after the symbol, "$-3.50"
 *
 * Where a negative amount's sign goes; the values are localeconv()'s n_sign_posn.
 */
typedef enum
{
  OKC_SIGN_PARENTHESES = 0,
  OKC_SIGN_BEFORE = 1,
  OKC_SIGN_AFTER = 2,
  OKC_SIGN_BEFORE_SYMBOL = 3,
  OKC_SIGN_AFTER_SYMBOL = 4,
} OkcSignPosition;

/**
 * OkcNumberKind:
 * @OKC_NUMBER_MONETARY: LC_MONETARY: amounts of money
 * @OKC_NUMBER_NUMERIC: LC_NUMERIC: counts, kWh, percentages
 */
typedef enum
{
  OKC_NUMBER_MONETARY,
  OKC_NUMBER_NUMERIC,
} OkcNumberKind;

/**
 * OkcNumberConventions:
 * @decimal_mark: UTF-8, "." or ","
 * @group_separator: UTF-8, "," "." or a space; "" for no grouping
 * @grouping: the group sizes from the right, as localeconv() gives them: "\3" (or "\3\3")
 *   groups by three all the way, the last size repeating; CHAR_MAX stops grouping; ""
 *   means no grouping
 * @symbol_first: the currency symbol before the amount ("$3.50") or after ("3,50 €")
 * @symbol_space: a space between the amount and the symbol
 * @negative_sign: UTF-8, "-" or "−"
 * @sign_position: where @negative_sign goes
 *
 * How a locale writes numbers, taken explicitly so that every convention can be tested
 * without the locale being installed. Only display text uses them: what machines read
 * (JSON, CSV, SQL, URLs, the backend's replies) is always written in the canonical,
 * locale-independent form (okc_money_format(), g_ascii_dtostr()).
 */
typedef struct
{
  char decimal_mark[8];
  char group_separator[8];
  char grouping[8];
  gboolean symbol_first;
  gboolean symbol_space;
  char negative_sign[8];
  OkcSignPosition sign_position;
} OkcNumberConventions;

void  okc_number_conventions_init_c      (OkcNumberConventions       *conventions);
void  okc_number_conventions_from_locale (OkcNumberConventions       *conventions,
                                          OkcNumberKind               kind);

char *okc_number_group_digits            (const OkcNumberConventions *conventions,
                                          const char                 *digits);
char *okc_number_format_count_with       (const OkcNumberConventions *conventions,
                                          gint64                      count);
char *okc_number_format_fixed_with       (const OkcNumberConventions *conventions,
                                          gint64                      scaled,
                                          guint                       decimals);

char *okc_format_count                   (gint64                      count);
char *okc_format_fixed                   (gint64                      scaled,
                                          guint                       decimals);

G_END_DECLS
