/* okc-core-test-util.c — what the core tests share: times and tariffs written as text
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-core-test-util.h"

/* An RFC 3339 time the test wrote: one that does not parse is the test's own mistake. */
gint64
okc_test_time (const char *rfc3339)
{
  gint64 t = 0;

  g_assert_true (okc_time_parse_rfc3339 (rfc3339, &t));
  return t;
}

/* A tariff document with ' for ", so that it reads in a C string. */
OkcTariff *
okc_test_tariff (const char *single_quoted_json)
{
  g_autofree char *text = g_strdup (single_quoted_json);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  OkcTariff *tariff;

  g_strdelimit (text, "'", '"');
  bytes = g_bytes_new (text, strlen (text));
  node = okc_json_parse_bytes (bytes, &error);
  g_assert_no_error (error);
  tariff = okc_tariff_new_from_json (node, NULL, &error);
  g_assert_no_error (error);
  return tariff;
}
