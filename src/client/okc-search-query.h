/* okc-search-query.h — what an agent types, as a safe SQLite FTS5 MATCH expression
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Most terms a query keeps; an agent types a few words, not a page. */
#define OKC_SEARCH_QUERY_MAX_TERMS 32

char *okc_search_query_build (const char *text);

G_END_DECLS
