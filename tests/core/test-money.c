/* test-money.c — money in integer minor units
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonNode *node = okc_json_parse_bytes (bytes, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_format (void)
{
  static const struct
  {
    gint64 amount;
    const char *currency;
    const char *expected;
  } cases[] = {
    { 0, "USD", "$0.00" },
    { 5, "USD", "$0.05" },
    { 1234, "USD", "$12.34" },
    { -1234, "USD", "−$12.34" },
    { 100000000, "EUR", "€1000000.00" },
    { 1200, "JPY", "¥1200" },
    { 1200, "CHF", "12.00 CHF" },
    { G_MININT64, "USD", "−$92233720368547758.08" },
    { G_MAXINT64, "USD", "$92233720368547758.07" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      OkcMoney money;
      g_autofree char *text = NULL;

      g_assert_true (okc_money_init (&money, cases[i].amount, cases[i].currency));
      text = okc_money_format (&money);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_add (void)
{
  g_autoptr(GError) error = NULL;
  OkcMoney a, b, sum;

  okc_money_init (&a, 1999, "USD");
  okc_money_init (&b, 1, "USD");
  g_assert_true (okc_money_add (&a, &b, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sum.amount, ==, 2000);
  g_assert_cmpstr (sum.currency, ==, "USD");

  okc_money_init (&b, 1, "EUR");
  g_assert_false (okc_money_add (&a, &b, &sum, &error));
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
  g_clear_error (&error);

  okc_money_init (&a, G_MAXINT64, "USD");
  okc_money_init (&b, 1, "USD");
  g_assert_false (okc_money_add (&a, &b, &sum, &error));
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
}

static void
test_json_round_trip (void)
{
  g_autoptr(JsonNode) node = parse ("{\"amount\": 4250, \"currency\": \"CAD\"}");
  g_autoptr(JsonNode) encoded = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  OkcMoney money;

  g_assert_true (okc_money_from_json (node, "total", &money, &error));
  g_assert_no_error (error);
  g_assert_cmpint (money.amount, ==, 4250);
  g_assert_cmpstr (money.currency, ==, "CAD");

  encoded = okc_money_to_json (&money);
  text = okc_json_to_string (encoded);
  g_assert_cmpstr (text, ==, "{\"amount\":4250,\"currency\":\"CAD\"}");
}

static void
test_json_rejects (void)
{
  static const struct
  {
    const char *json;
    int code;
    const char *field;
  } cases[] = {
    { "{\"amount\": 12.5, \"currency\": \"USD\"}", OKC_DATA_ERROR_INVALID, "total.amount" },
    { "{\"amount\": \"1250\", \"currency\": \"USD\"}", OKC_DATA_ERROR_INVALID, "total.amount" },
    { "{\"amount\": 1e3, \"currency\": \"USD\"}", OKC_DATA_ERROR_INVALID, "total.amount" },
    { "{\"currency\": \"USD\"}", OKC_DATA_ERROR_MISSING, "total.amount" },
    { "{\"amount\": 1250}", OKC_DATA_ERROR_MISSING, "total.currency" },
    { "{\"amount\": 1250, \"currency\": \"usd\"}", OKC_DATA_ERROR_UNKNOWN, "total.currency" },
    { "{\"amount\": 1250, \"currency\": \"XYZ\"}", OKC_DATA_ERROR_UNKNOWN, "total.currency" },
    { "{\"amount\": 1250, \"currency\": \"USD\", \"cents\": 3}", OKC_DATA_ERROR_UNKNOWN,
      "total.cents" },
    { "[1250, \"USD\"]", OKC_DATA_ERROR_INVALID, "total" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      OkcMoney money = { 0 };

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_false (okc_money_from_json (node, "total", &money, &error));
      g_assert_error (error, OKC_DATA_ERROR, cases[i].code);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].field);
      g_assert_true (g_str_has_prefix (error->message, cases[i].field));
    }
}

static void
test_currency_exponent (void)
{
  g_assert_cmpint (okc_currency_get_exponent ("USD"), ==, 2);
  g_assert_cmpint (okc_currency_get_exponent ("JPY"), ==, 0);
  g_assert_cmpint (okc_currency_get_exponent ("XXX"), ==, -1);
  g_assert_cmpint (okc_currency_get_exponent (NULL), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Money/format", test_format);
  g_test_add_func ("/Okc/Money/add", test_add);
  g_test_add_func ("/Okc/Money/json-round-trip", test_json_round_trip);
  g_test_add_func ("/Okc/Money/json-rejects", test_json_rejects);
  g_test_add_func ("/Okc/Money/currency-exponent", test_currency_exponent);

  return g_test_run ();
}
