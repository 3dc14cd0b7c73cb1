/* okc-search-document.h — the text of a ticket that full-text search indexes
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-core.h"

G_BEGIN_DECLS

char *okc_search_document_build           (OkcTicket   *ticket);
char *okc_search_document_build_from_json (const char  *json,
                                           gssize       length);

G_END_DECLS
