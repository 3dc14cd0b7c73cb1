/* test-csv.c — the CSV rules of docs/payouts.md, written and read back
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

static char *
written (OkcCsvWriter *csv)
{
  g_autoptr(GBytes) bytes = okc_csv_writer_get_bytes (csv);
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strndup (data, length);
}

static void
test_csv_file_shape (void)
{
  g_autoptr(OkcCsvWriter) csv = okc_csv_writer_new ();
  g_autofree char *text = NULL;

  okc_csv_writer_add_text (csv, "a");
  okc_csv_writer_add_text (csv, "b");
  okc_csv_writer_end_row (csv);
  okc_csv_writer_add_text (csv, "");
  okc_csv_writer_add_text (csv, NULL);
  okc_csv_writer_end_row (csv);
  text = written (csv);
  /* A byte-order mark, CRLF line ends, empty fields kept. */
  g_assert_cmpstr (text, ==, "\xEF\xBB\xBF" "a,b\r\n,\r\n");
}

static void
test_csv_quoting (void)
{
  g_autoptr(OkcCsvWriter) csv = okc_csv_writer_new ();
  g_autofree char *text = NULL;

  okc_csv_writer_add_text (csv, "Lakeview Lofts, Unit 4");
  okc_csv_writer_add_text (csv, "the \"blue\" one");
  okc_csv_writer_add_text (csv, "two\r\nlines");
  okc_csv_writer_add_text (csv, "Café Zoë");
  okc_csv_writer_end_row (csv);
  text = written (csv);
  g_assert_cmpstr (text, ==, "\xEF\xBB\xBF\"Lakeview Lofts, Unit 4\",\"the \"\"blue\"\" one\","
                             "\"two\r\nlines\",Café Zoë\r\n");
}

static void
test_csv_formula_guard (void)
{
  g_autoptr(OkcCsvWriter) csv = okc_csv_writer_new ();
  g_autofree char *text = NULL;

  okc_csv_writer_add_text (csv, "=HYPERLINK(\"x\")");
  okc_csv_writer_add_text (csv, "+1");
  okc_csv_writer_add_text (csv, "-2");
  okc_csv_writer_add_text (csv, "@SUM(A1)");
  okc_csv_writer_add_text (csv, "\tx");
  okc_csv_writer_add_text (csv, "a=b");
  /* Numbers the writer formats itself are not text: a negative amount stays a number. */
  okc_csv_writer_add_money (csv, -1234, "USD");
  okc_csv_writer_end_row (csv);
  text = written (csv);
  g_assert_cmpstr (text, ==, "\xEF\xBB\xBF\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\tx,"
                             "a=b,-12.34\r\n");
}

static void
test_csv_numbers (void)
{
  static const struct { gint64 minor; int exponent; const char *text; } cases[] = {
    { 0, 2, "0.00" },
    { 5, 2, "0.05" },
    { -5, 2, "-0.05" },
    { 1234, 2, "12.34" },
    { -100, 2, "-1.00" },
    { 1234, 0, "1234" },
    { -7, 0, "-7" },
    { 18250, 3, "18.250" },
    { 1, 3, "0.001" },
    { G_MAXINT64, 2, "92233720368547758.07" },
    { G_MININT64, 2, "-92233720368547758.08" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = okc_csv_format_decimal (cases[i].minor, cases[i].exponent);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_csv_typed_fields (void)
{
  g_autoptr(OkcCsvWriter) csv = okc_csv_writer_new ();
  g_autofree char *text = NULL;

  okc_csv_writer_add_money (csv, 48213, "USD");
  okc_csv_writer_add_money (csv, 1234, "JPY");
  okc_csv_writer_add_energy (csv, 18250);
  okc_csv_writer_add_energy (csv, 7);
  okc_csv_writer_add_time (csv, 1762059600);
  okc_csv_writer_add_time (csv, 0);
  okc_csv_writer_end_row (csv);
  text = written (csv);
  g_assert_cmpstr (text, ==, "\xEF\xBB\xBF" "482.13,1234,18.250,0.007,"
                             "2025-11-02T05:00:00Z,\r\n");
}

static void
test_csv_read_back (void)
{
  static const char * const fields[] = {
    "plain", "", "a,b", "say \"hi\"", "two\r\nlines", "=1+1", "ñandú",
  };
  g_autoptr(OkcCsvWriter) csv = okc_csv_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;
  char **row;

  for (guint r = 0; r < 2; r++)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
        okc_csv_writer_add_text (csv, fields[i]);
      okc_csv_writer_end_row (csv);
    }
  bytes = okc_csv_writer_get_bytes (csv);
  data = g_bytes_get_data (bytes, &length);
  rows = okc_csv_read (data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  row = rows->pdata[1];
  g_assert_cmpuint (g_strv_length (row), ==, G_N_ELEMENTS (fields));
  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    if (i == 5)
      g_assert_cmpstr (row[i], ==, "'=1+1");
    else
      g_assert_cmpstr (row[i], ==, fields[i]);
}

static void
test_csv_read_errors (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "a,\"b\r\n", "line 1: a quoted field is not closed" },
    { "a\r\n\"b\"c\r\n", "line 2: text follows a closing quote" },
    { "a,b\"c\r\n", "line 1: a quote or line break in an unquoted field" },
    { "a\nb\r\n", "line 1: a quote or line break in an unquoted field" },
    { "a,b", "line 1: the last line does not end in CRLF" },
    { "\xff\r\n", "not UTF-8" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = okc_csv_read (cases[i].text, strlen (cases[i].text), &error);

      g_assert_null (rows);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("“%s”: %s", cases[i].text, error->message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/file-shape", test_csv_file_shape);
  g_test_add_func ("/csv/quoting", test_csv_quoting);
  g_test_add_func ("/csv/formula-guard", test_csv_formula_guard);
  g_test_add_func ("/csv/numbers", test_csv_numbers);
  g_test_add_func ("/csv/typed-fields", test_csv_typed_fields);
  g_test_add_func ("/csv/read-back", test_csv_read_back);
  g_test_add_func ("/csv/read-errors", test_csv_read_errors);

  return g_test_run ();
}
