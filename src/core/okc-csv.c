/* okc-csv.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "okc-csv.h"

#include "okc-money.h"
#include "okc-time.h"

#define BYTE_ORDER_MARK "\xEF\xBB\xBF"

struct _OkcCsvWriter
{
  GString *text;
  gboolean row_started;   /* a field is on the current row: the next one needs a comma */
};

/**
 * okc_csv_writer_new:
 *
 * Returns: (transfer full): a writer whose file starts with the byte-order mark.
 */
OkcCsvWriter *
okc_csv_writer_new (void)
{
  OkcCsvWriter *self = g_new0 (OkcCsvWriter, 1);

  self->text = g_string_new (BYTE_ORDER_MARK);
  return self;
}

void
okc_csv_writer_free (OkcCsvWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->text, TRUE);
  g_free (self);
}

static gboolean
needs_quotes (const char *field)
{
  return strpbrk (field, ",\"\r\n") != NULL;
}

/* Writes @field as it is, quoted when RFC 4180 asks for it. */
static void
add_field (OkcCsvWriter *self,
           const char   *field)
{
  if (self->row_started)
    g_string_append_c (self->text, ',');
  self->row_started = TRUE;

  if (!needs_quotes (field))
    {
      g_string_append (self->text, field);
      return;
    }
  g_string_append_c (self->text, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (self->text, '"');
      g_string_append_c (self->text, *p);
    }
  g_string_append_c (self->text, '"');
}

/* What a spreadsheet takes for the start of a formula (OWASP's "CSV injection"). */
static gboolean
starts_like_formula (const char *text)
{
  return text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

void
okc_csv_writer_add_text (OkcCsvWriter *self,
                         const char   *text)
{
  g_autofree char *guarded = NULL;

  g_return_if_fail (self != NULL);

  if (text == NULL)
    text = "";
  if (starts_like_formula (text))
    text = guarded = g_strconcat ("'", text, NULL);
  add_field (self, text);
}

/**
 * okc_csv_format_decimal:
 * @minor_units: an amount in tenths, hundredths… of the unit
 * @exponent: how many digits the minor unit has, 0 to 18
 *
 * Returns: (transfer full): the exact decimal text, "-" first when negative.
 */
char *
okc_csv_format_decimal (gint64 minor_units,
                        int    exponent)
{
  /* The magnitude as unsigned, so that G_MININT64 has one too. */
  guint64 magnitude = minor_units < 0 ? (guint64) 0 - (guint64) minor_units
                                      : (guint64) minor_units;
  guint64 scale = 1;

  g_return_val_if_fail (exponent >= 0 && exponent <= 18, NULL);

  for (int i = 0; i < exponent; i++)
    scale *= 10;
  if (exponent == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, minor_units < 0 ? "-" : "", magnitude);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                          minor_units < 0 ? "-" : "", magnitude / scale, exponent,
                          magnitude % scale);
}

void
okc_csv_writer_add_money (OkcCsvWriter *self,
                          gint64        minor_units,
                          const char   *currency)
{
  int exponent = okc_currency_get_exponent (currency);
  g_autofree char *text = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (exponent >= 0);

  text = okc_csv_format_decimal (minor_units, exponent);
  add_field (self, text);
}

void
okc_csv_writer_add_energy (OkcCsvWriter *self,
                           gint64        wh)
{
  g_autofree char *text = okc_csv_format_decimal (wh, 3);

  g_return_if_fail (self != NULL);
  add_field (self, text);
}

void
okc_csv_writer_add_time (OkcCsvWriter *self,
                         gint64        unix_time)
{
  g_autofree char *text = unix_time != 0 ? okc_time_format_rfc3339 (unix_time) : NULL;

  g_return_if_fail (self != NULL);
  add_field (self, text != NULL ? text : "");
}

void
okc_csv_writer_end_row (OkcCsvWriter *self)
{
  g_return_if_fail (self != NULL);

  g_string_append (self->text, "\r\n");
  self->row_started = FALSE;
}

/**
 * okc_csv_writer_get_bytes:
 *
 * Returns: (transfer full): a copy of the file written so far.
 */
GBytes *
okc_csv_writer_get_bytes (OkcCsvWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_bytes_new (self->text->str, self->text->len);
}

/* Reading ------------------------------------------------------------------------ */

typedef struct
{
  const char *p;
  const char *end;
  guint line;
} CsvCursor;

static gboolean
read_error (GError     **error,
            guint        line,
            const char  *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The CSV file is malformed on line %u: %s"), line, why);
  return FALSE;
}

static gboolean
at_line_end (const CsvCursor *cursor)
{
  return cursor->end - cursor->p >= 2 && cursor->p[0] == '\r' && cursor->p[1] == '\n';
}

/* Reads one field into @field, leaving the cursor on the comma, the CRLF or the end. */
static gboolean
read_field (CsvCursor  *cursor,
            GString    *field,
            GError    **error)
{
  if (cursor->p < cursor->end && *cursor->p == '"')
    {
      guint opened_on = cursor->line;

      cursor->p++;
      for (;;)
        {
          if (cursor->p >= cursor->end)
            return read_error (error, opened_on, _("a quoted field is not closed"));
          if (*cursor->p == '"')
            {
              if (cursor->p + 1 < cursor->end && cursor->p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  cursor->p += 2;
                  continue;
                }
              cursor->p++;
              break;
            }
          if (*cursor->p == '\n')
            cursor->line++;
          g_string_append_c (field, *cursor->p++);
        }
      if (cursor->p < cursor->end && *cursor->p != ',' && !at_line_end (cursor))
        return read_error (error, cursor->line, _("text follows a closing quote"));
      return TRUE;
    }

  while (cursor->p < cursor->end && *cursor->p != ',' && !at_line_end (cursor))
    {
      if (*cursor->p == '"' || *cursor->p == '\r' || *cursor->p == '\n')
        return read_error (error, cursor->line, _("a quote or line break in an unquoted field"));
      g_string_append_c (field, *cursor->p++);
    }
  return TRUE;
}

/**
 * okc_csv_read:
 *
 * Returns: (transfer full) (nullable): the rows, or %NULL with an error.
 */
GPtrArray *
okc_csv_read (const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  CsvCursor cursor = { data, data + length, 1 };
  g_autoptr(GString) field = g_string_new (NULL);

  if (length >= 3 && memcmp (data, BYTE_ORDER_MARK, 3) == 0)
    cursor.p += 3;
  if (!g_utf8_validate_len (cursor.p, cursor.end - cursor.p, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The CSV file is not UTF-8 text"));
      return NULL;
    }

  while (cursor.p < cursor.end)
    {
      g_autoptr(GStrvBuilder) row = g_strv_builder_new ();

      for (;;)
        {
          g_string_truncate (field, 0);
          if (!read_field (&cursor, field, error))
            return NULL;
          g_strv_builder_add (row, field->str);
          if (cursor.p < cursor.end && *cursor.p == ',')
            {
              cursor.p++;
              continue;
            }
          break;
        }
      if (cursor.p >= cursor.end)
        {
          read_error (error, cursor.line, _("the last line does not end in CRLF"));
          return NULL;
        }
      cursor.p += 2;
      cursor.line++;
      g_ptr_array_add (rows, g_strv_builder_end (row));
    }
  return g_steal_pointer (&rows);
}
