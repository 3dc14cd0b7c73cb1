/* okc-money.h — an amount of money in integer minor units with its currency
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-number-format.h"

G_BEGIN_DECLS

/**
 * OkcMoney:
 * @amount: the amount in the currency's minor unit (cents for USD), never floating point
 * @currency: the ISO 4217 code, NUL-terminated
 *
 * A plain value, passed and copied by value. On the wire: {"amount": 1234, "currency": "USD"}.
 */
typedef struct
{
  gint64 amount;
  char currency[4];
} OkcMoney;

#define OKC_CURRENCY_CODE_LENGTH 3

/* Two forms of the same exact amount, neither through floating point:
 *
 * - okc_money_format(): canonical and locale-independent ("$11220.42", "−$3.50",
 *   "12.00 CHF"). The backend, the search document, CSV files, the text of replies to
 *   customers and the tests use it.
 * - okc_money_format_display() and okc_money_format_with(): what the agent reads, in the
 *   locale's conventions (OkcNumberConventions, from localeconv()'s LC_MONETARY). The
 *   currency's symbol and number of decimals come from the currency table; a currency
 *   without a symbol shows its code after the amount and a space in every locale. With
 *   glibc 2.36: en_US "$11,220.42" and "-$3.50"; es_ES (and de_DE) "11.220,42 €",
 *   "-3,50 €", and "1.234,50 €": glibc's es_ES has mon_grouping=3;3, so four-digit
 *   amounts are grouped too (CLDR would not group them; we follow the locale's values);
 *   fr_FR "11 220,42 €" with U+202F; C and C.UTF-8, which have no monetary conventions,
 *   give the canonical form.
 *
 * okc_money_parse_display() reads what the agent types in the locale's form ("12,30",
 * "1.234,50" in es_ES; "12.30", "1,234.50" in en_US), and okc_money_format_input() is
 * the form an amount field is prefilled with ("1234,50": no grouping, no symbol). */

int      okc_currency_get_exponent (const char      *code);
gboolean okc_money_init            (OkcMoney        *money,
                                    gint64           amount,
                                    const char      *currency);
gboolean okc_money_equal           (const OkcMoney  *a,
                                    const OkcMoney  *b);
gboolean okc_money_add             (const OkcMoney  *a,
                                    const OkcMoney  *b,
                                    OkcMoney        *out_sum,
                                    GError         **error);
gboolean okc_money_from_json       (JsonNode        *node,
                                    const char      *path,
                                    OkcMoney        *out_money,
                                    GError         **error);
JsonNode *okc_money_to_json        (const OkcMoney  *money);
char    *okc_money_format          (const OkcMoney  *money);

char    *okc_money_format_with     (const OkcMoney             *money,
                                    const OkcNumberConventions *conventions);
char    *okc_money_format_display  (const OkcMoney             *money);
char    *okc_money_format_input_with (const OkcMoney             *money,
                                      const OkcNumberConventions *conventions);
char    *okc_money_format_input    (const OkcMoney             *money);
gboolean okc_money_parse_with      (const char                 *text,
                                    const char                 *currency,
                                    const OkcNumberConventions *conventions,
                                    gint64                     *out_minor,
                                    GError                    **error);
gboolean okc_money_parse_display   (const char                 *text,
                                    const char                 *currency,
                                    gint64                     *out_minor,
                                    GError                    **error);

G_END_DECLS
