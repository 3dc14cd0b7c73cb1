/* okc-search-expr.c — prints the FTS5 MATCH expression the console's store runs for
 * each argument, one a line (an empty line: no text condition, every ticket), so that
 * the bench times the very same query with the sqlite3 tool.
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>

#include "okc-search-query.h"

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *match = okc_search_query_build (argv[i]);

      printf ("%s\n", match != NULL ? match : "");
    }
  return 0;
}
