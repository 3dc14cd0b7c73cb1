/* okc-statement-print.h — a host's statement on paper (or PDF, through the print dialog)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-statement.h"

G_BEGIN_DECLS

typedef void (*OkcStatementPrintErrorFunc) (const GError *error,
                                            GObject      *receiver);

/* Opens the print dialog for @statement: the host and period, the totals, the payouts and
 * the sessions, with page numbers; its Print to File writes @pdf_file unless the agent
 * picks another. Printing runs asynchronously; a failure is passed to @error_callback with
 * @receiver, if @receiver still exists then. */
void okc_statement_print (GtkWindow                  *parent,
                          OkcStatement               *statement,
                          GFile                      *pdf_file,
                          OkcStatementPrintErrorFunc  error_callback,
                          GObject                    *receiver);

G_END_DECLS
