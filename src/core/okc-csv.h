/* okc-csv.h — CSV files a spreadsheet opens right, and reading them back
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The rules (docs/payouts.md, "Statements"): UTF-8 with a byte-order mark, a header row,
 * CRLF line ends, RFC 4180 quoting; money in the major unit with the currency's digits,
 * energy in kWh with three decimals, times RFC 3339 in UTC; a text field that a
 * spreadsheet would run as a formula gets a ' in front. */
typedef struct _OkcCsvWriter OkcCsvWriter;

OkcCsvWriter *okc_csv_writer_new         (void);
void          okc_csv_writer_free        (OkcCsvWriter *self);

/* Free text (a name, a reason): guarded against formulas. */
void          okc_csv_writer_add_text    (OkcCsvWriter *self,
                                          const char   *text);
/* An amount in minor units, as a decimal in the major unit ("-12.34", JPY "1234"). */
void          okc_csv_writer_add_money   (OkcCsvWriter *self,
                                          gint64        minor_units,
                                          const char   *currency);
/* Wh as kWh with three decimals, exactly ("18.250"). */
void          okc_csv_writer_add_energy  (OkcCsvWriter *self,
                                          gint64        wh);
/* RFC 3339 in UTC; an empty field for 0 (none). */
void          okc_csv_writer_add_time    (OkcCsvWriter *self,
                                          gint64        unix_time);
void          okc_csv_writer_end_row     (OkcCsvWriter *self);
/* The whole file so far. */
GBytes       *okc_csv_writer_get_bytes   (OkcCsvWriter *self);

/* Reads a file of these rules (the byte-order mark optional) into rows of fields
 * (GPtrArray of GStrv); a malformed file fails with the line it is wrong on. */
GPtrArray    *okc_csv_read               (const char   *data,
                                          gsize         length,
                                          GError      **error);

/* "12.34" for 1234 with 2 digits: the decimal text of @minor_units. */
char         *okc_csv_format_decimal     (gint64        minor_units,
                                          int           exponent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcCsvWriter, okc_csv_writer_free)

G_END_DECLS
