/* test-money-display.c — money and counts as each locale writes and reads them, with the
 * conventions given explicitly (glibc 2.36's values, `locale -k LC_MONETARY`)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

static const OkcNumberConventions en_us = {
  .decimal_mark = ".", .group_separator = ",", .grouping = "\3\3",
  .symbol_first = TRUE, .symbol_space = FALSE,
  .negative_sign = "-", .sign_position = OKC_SIGN_BEFORE,
};
static const OkcNumberConventions es_es = {
  .decimal_mark = ",", .group_separator = ".", .grouping = "\3\3",
  .symbol_first = FALSE, .symbol_space = TRUE,
  .negative_sign = "-", .sign_position = OKC_SIGN_BEFORE,
};
static const OkcNumberConventions de_de = {
  .decimal_mark = ",", .group_separator = ".", .grouping = "\3\3",
  .symbol_first = FALSE, .symbol_space = TRUE,
  .negative_sign = "-", .sign_position = OKC_SIGN_BEFORE,
};
static const OkcNumberConventions fr_fr = {
  .decimal_mark = ",", .group_separator = "\u202f", .grouping = "\3",
  .symbol_first = FALSE, .symbol_space = TRUE,
  .negative_sign = "-", .sign_position = OKC_SIGN_BEFORE,
};

static char *
format_with (gint64                      amount,
             const char                 *currency,
             const OkcNumberConventions *conventions)
{
  OkcMoney money = { .amount = amount };

  g_strlcpy (money.currency, currency, sizeof money.currency);
  return okc_money_format_with (&money, conventions);
}

typedef struct
{
  gint64 amount;
  const char *currency;
  const char *expected;
} FormatCase;

static void
check_cases (const OkcNumberConventions *conventions,
             const FormatCase           *cases,
             guint                       n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *text = format_with (cases[i].amount, cases[i].currency, conventions);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_format_en_us (void)
{
  static const FormatCase cases[] = {
    { 1122042, "USD", "$11,220.42" },
    { -350, "USD", "-$3.50" },
    { 0, "USD", "$0.00" },
    { 7, "USD", "$0.07" },
    { -7, "USD", "-$0.07" },
    { 99999, "USD", "$999.99" },
    { 100000, "USD", "$1,000.00" },
    { G_MAXINT64, "USD", "$92,233,720,368,547,758.07" },
    { G_MININT64, "USD", "-$92,233,720,368,547,758.08" },
    { 1234567, "JPY", "¥1,234,567" },
    { 123456, "CHF", "1,234.56 CHF" },
    { -123456, "CHF", "-1,234.56 CHF" },
    { 123456, "EUR", "€1,234.56" },
  };

  check_cases (&en_us, cases, G_N_ELEMENTS (cases));
}

static void
test_format_es_es (void)
{
  static const FormatCase cases[] = {
    { 1122042, "USD", "11.220,42 $" },
    { 1122042, "EUR", "11.220,42 €" },
    { -350, "EUR", "-3,50 €" },
    { 0, "EUR", "0,00 €" },
    { 5, "EUR", "0,05 €" },
    /* glibc's es_ES groups from the fourth digit (mon_grouping=3;3). */
    { 123450, "EUR", "1.234,50 €" },
    { G_MAXINT64, "EUR", "92.233.720.368.547.758,07 €" },
    { 1200, "JPY", "1.200 ¥" },
    { 1200, "SEK", "12,00 SEK" },
  };

  check_cases (&es_es, cases, G_N_ELEMENTS (cases));
}

static void
test_format_de_de (void)
{
  static const FormatCase cases[] = {
    { 1122042, "EUR", "11.220,42 €" },
    { -1122042, "EUR", "-11.220,42 €" },
    { 99, "EUR", "0,99 €" },
    { 100000000, "JPY", "100.000.000 ¥" },
  };

  check_cases (&de_de, cases, G_N_ELEMENTS (cases));
}

static void
test_format_fr_fr (void)
{
  static const FormatCase cases[] = {
    { 1122042, "EUR", "11\u202f220,42 €" },
    { -350, "EUR", "-3,50 €" },
    { 123456789, "EUR", "1\u202f234\u202f567,89 €" },
    { 0, "EUR", "0,00 €" },
  };

  check_cases (&fr_fr, cases, G_N_ELEMENTS (cases));
}

/* The C locale's display text is the canonical text, which the GUI tests read. */
static void
test_format_c (void)
{
  static const FormatCase cases[] = {
    { 1122042, "USD", "$11220.42" },
    { 1230, "USD", "$12.30" },
    { -350, "USD", "−$3.50" },
    { 0, "USD", "$0.00" },
    { 5, "USD", "$0.05" },
    { 1200, "JPY", "¥1200" },
    { 1200, "CHF", "12.00 CHF" },
    { G_MININT64, "USD", "−$92233720368547758.08" },
    { G_MAXINT64, "USD", "$92233720368547758.07" },
  };
  OkcNumberConventions c;

  okc_number_conventions_init_c (&c);
  check_cases (&c, cases, G_N_ELEMENTS (cases));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      OkcMoney money;
      g_autofree char *canonical = NULL;

      g_assert_true (okc_money_init (&money, cases[i].amount, cases[i].currency));
      canonical = okc_money_format (&money);
      g_assert_cmpstr (canonical, ==, cases[i].expected);
    }
}

static void
test_sign_positions (void)
{
  static const struct
  {
    OkcSignPosition position;
    gboolean symbol_first;
    const char *expected;
  } cases[] = {
    { OKC_SIGN_PARENTHESES, TRUE, "($3.50)" },
    { OKC_SIGN_BEFORE, TRUE, "-$3.50" },
    { OKC_SIGN_AFTER, TRUE, "$3.50-" },
    { OKC_SIGN_BEFORE_SYMBOL, TRUE, "-$3.50" },
    { OKC_SIGN_AFTER_SYMBOL, TRUE, "$-3.50" },
    { OKC_SIGN_PARENTHESES, FALSE, "(3.50$)" },
    { OKC_SIGN_AFTER, FALSE, "3.50$-" },
    { OKC_SIGN_BEFORE_SYMBOL, FALSE, "3.50-$" },
    { OKC_SIGN_AFTER_SYMBOL, FALSE, "3.50$-" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      OkcNumberConventions conventions = en_us;
      g_autofree char *negative = NULL;
      g_autofree char *positive = NULL;

      conventions.sign_position = cases[i].position;
      conventions.symbol_first = cases[i].symbol_first;
      negative = format_with (-350, "USD", &conventions);
      positive = format_with (350, "USD", &conventions);
      g_assert_cmpstr (negative, ==, cases[i].expected);
      g_assert_cmpstr (positive, ==, cases[i].symbol_first ? "$3.50" : "3.50$");
    }
}

static void
test_unknown_currency (void)
{
  g_autofree char *text = format_with (1234, "XTS", &en_us);
  g_autoptr(GError) error = NULL;
  gint64 minor = 7;

  g_assert_null (text);
  g_assert_false (okc_money_parse_with ("12.34", "XTS", &en_us, &minor, &error));
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_UNKNOWN);
  g_assert_cmpint (minor, ==, 7);
}

static void
test_input_form (void)
{
  OkcMoney money;
  g_autofree char *en = NULL, *es = NULL, *yen = NULL;

  g_assert_true (okc_money_init (&money, 123450, "EUR"));
  en = okc_money_format_input_with (&money, &en_us);
  es = okc_money_format_input_with (&money, &es_es);
  g_assert_cmpstr (en, ==, "1234.50");
  g_assert_cmpstr (es, ==, "1234,50");
  g_assert_true (okc_money_init (&money, 1200, "JPY"));
  yen = okc_money_format_input_with (&money, &es_es);
  g_assert_cmpstr (yen, ==, "1200");
}

typedef struct
{
  const char *text;
  const char *currency;
  gint64 expected;     /* -1: an error */
  const char *message;  /* the error's message, when it matters */
} ParseCase;

static void
check_parse (const OkcNumberConventions *conventions,
             const ParseCase            *cases,
             guint                       n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;
      gboolean ok;

      ok = okc_money_parse_with (cases[i].text, cases[i].currency, conventions, &minor, &error);
      if (cases[i].expected < 0)
        {
          g_assert_false (ok);
          g_assert_nonnull (error);
          g_assert_cmpint (minor, ==, -1);
          if (cases[i].message != NULL)
            g_assert_cmpstr (error->message, ==, cases[i].message);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (minor, ==, cases[i].expected);
        }
    }
}

static void
test_parse_en_us (void)
{
  static const ParseCase cases[] = {
    { "12.30", "USD", 1230, NULL },
    { "1,234.50", "USD", 123450, NULL },
    { "1234.50", "USD", 123450, NULL },
    { "  $12.3 ", "USD", 1230, NULL },
    { "12", "USD", 1200, NULL },
    { "0.05", "USD", 5, NULL },
    { "1,234,567", "USD", 123456700, NULL },
    { "12.30 USD", "USD", 1230, NULL },
    { "12,30", "USD", -1, "“12,30” is not an amount such as 12.30" },
    { "12,3,4", "USD", -1, "“12,3,4” is not an amount such as 12.30" },
    { "1,23,456.00", "USD", -1, NULL },
    { "12.305", "USD", -1, "USD amounts have at most 2 decimals" },
    { "12.3.4", "USD", -1, NULL },
    { "", "USD", -1, "Enter an amount" },
    { "$", "USD", -1, NULL },
    { "-5", "USD", -1, NULL },
    { "12.", "USD", -1, NULL },
    { "abc", "USD", -1, NULL },
    { "12.5", "JPY", -1, "JPY amounts have no decimals" },
    { "1,200", "JPY", 1200, NULL },
    { "92,233,720,368,547,758.07", "USD", G_MAXINT64, NULL },
    { "92233720368547758.08", "USD", -1, "The amount is too large" },
    { "99999999999999999999999", "USD", -1, "The amount is too large" },
  };

  check_parse (&en_us, cases, G_N_ELEMENTS (cases));
}

static void
test_parse_es_es (void)
{
  static const ParseCase cases[] = {
    { "12,30", "EUR", 1230, NULL },
    { "1.234,50", "EUR", 123450, NULL },
    { "1234,50", "EUR", 123450, NULL },
    { "12,30 €", "EUR", 1230, NULL },
    { "12,30\u00a0€", "EUR", 1230, NULL },
    { "12", "EUR", 1200, NULL },
    { "12.30", "EUR", -1, "“12.30” is not an amount such as 12,30" },
    { "12,3,4", "EUR", -1, "“12,3,4” is not an amount such as 12,30" },
    { "1.234.50", "EUR", -1, NULL },
    { "12,345", "EUR", -1, "EUR amounts have at most 2 decimals" },
  };

  check_parse (&es_es, cases, G_N_ELEMENTS (cases));
}

static void
test_parse_fr_fr (void)
{
  static const ParseCase cases[] = {
    { "1 234,50", "EUR", 123450, NULL },
    { "1\u202f234,50", "EUR", 123450, NULL },
    { "1\u00a0234,50 €", "EUR", 123450, NULL },
    { "1 23,50", "EUR", -1, NULL },
  };

  check_parse (&fr_fr, cases, G_N_ELEMENTS (cases));
}

static void
test_parse_c (void)
{
  static const ParseCase cases[] = {
    { "12.30", "USD", 1230, NULL },
    { "$2.16", "USD", 216, NULL },
    { "1,234.50", "USD", -1, "“1,234.50” is not an amount such as 12.30" },
  };
  OkcNumberConventions c;

  okc_number_conventions_init_c (&c);
  check_parse (&c, cases, G_N_ELEMENTS (cases));
}

/* What the display form writes, the parser reads back, in every locale. */
static void
test_round_trip (void)
{
  const OkcNumberConventions *all[] = { &en_us, &es_es, &de_de, &fr_fr };
  static const gint64 amounts[] = { 0, 5, 99, 1230, 123450, 1122042, 123456789012 };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    for (guint j = 0; j < G_N_ELEMENTS (amounts); j++)
      {
        g_autofree char *text = format_with (amounts[j], "EUR", all[i]);
        g_autoptr(GError) error = NULL;
        gint64 minor = -1;

        g_assert_true (okc_money_parse_with (text, "EUR", all[i], &minor, &error));
        g_assert_no_error (error);
        g_assert_cmpint (minor, ==, amounts[j]);
      }
}

static void
test_count (void)
{
  OkcNumberConventions c;
  static const struct
  {
    const OkcNumberConventions *conventions;
    gint64 value;
    guint decimals;
    const char *expected;
  } cases[] = {
    { &en_us, 0, 0, "0" },
    { &en_us, 999, 0, "999" },
    { &en_us, 1000, 0, "1,000" },
    { &en_us, 1234567, 0, "1,234,567" },
    { &en_us, -1234567, 0, "-1,234,567" },
    { &es_es, 1234567, 0, "1.234.567" },
    { &fr_fr, 1234567, 0, "1\u202f234\u202f567" },
    { &en_us, 12345678, 3, "12,345.678" },
    { &es_es, 12345678, 3, "12.345,678" },
    { &de_de, 45, 3, "0,045" },
    { &en_us, G_MAXINT64, 0, "9,223,372,036,854,775,807" },
    { &en_us, G_MININT64, 0, "-9,223,372,036,854,775,808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = okc_number_format_fixed_with (cases[i].conventions, cases[i].value,
                                                            cases[i].decimals);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  okc_number_conventions_init_c (&c);
  {
    g_autofree char *text = okc_number_format_count_with (&c, 1234567);
    g_assert_cmpstr (text, ==, "1234567");
  }
}

/* Sizes that differ, as in Indian English (3;2), and CHAR_MAX ending the grouping. */
static void
test_grouping_rules (void)
{
  OkcNumberConventions conventions = en_us;
  g_autofree char *indian = NULL, *once = NULL;
  g_autoptr(GError) error = NULL;
  gint64 minor = 0;

  g_strlcpy (conventions.grouping, "\3\2", sizeof conventions.grouping);
  indian = okc_number_group_digits (&conventions, "123456789");
  g_assert_cmpstr (indian, ==, "12,34,56,789");
  g_assert_true (okc_money_parse_with ("12,34,56,789.00", "USD", &conventions, &minor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (minor, ==, 12345678900);

  conventions.grouping[0] = 3;
  conventions.grouping[1] = CHAR_MAX;
  conventions.grouping[2] = 0;
  once = okc_number_group_digits (&conventions, "123456789");
  g_assert_cmpstr (once, ==, "123456,789");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/MoneyDisplay/format/en_US", test_format_en_us);
  g_test_add_func ("/Okc/MoneyDisplay/format/es_ES", test_format_es_es);
  g_test_add_func ("/Okc/MoneyDisplay/format/de_DE", test_format_de_de);
  g_test_add_func ("/Okc/MoneyDisplay/format/fr_FR", test_format_fr_fr);
  g_test_add_func ("/Okc/MoneyDisplay/format/C", test_format_c);
  g_test_add_func ("/Okc/MoneyDisplay/sign-positions", test_sign_positions);
  g_test_add_func ("/Okc/MoneyDisplay/unknown-currency", test_unknown_currency);
  g_test_add_func ("/Okc/MoneyDisplay/input-form", test_input_form);
  g_test_add_func ("/Okc/MoneyDisplay/parse/en_US", test_parse_en_us);
  g_test_add_func ("/Okc/MoneyDisplay/parse/es_ES", test_parse_es_es);
  g_test_add_func ("/Okc/MoneyDisplay/parse/fr_FR", test_parse_fr_fr);
  g_test_add_func ("/Okc/MoneyDisplay/parse/C", test_parse_c);
  g_test_add_func ("/Okc/MoneyDisplay/round-trip", test_round_trip);
  g_test_add_func ("/Okc/MoneyDisplay/count", test_count);
  g_test_add_func ("/Okc/MoneyDisplay/grouping-rules", test_grouping_rules);

  return g_test_run ();
}
