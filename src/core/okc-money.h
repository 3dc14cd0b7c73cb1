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
