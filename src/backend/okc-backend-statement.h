/* okc-backend-statement.h — a host's statement: sessions, payouts and totals of a period
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-backend-db.h"

G_BEGIN_DECLS

/* docs/payouts.md: a statement covers at most this many days. */
#define OKC_BACKEND_STATEMENT_MAX_DAYS 400

/* GET /v1/accounts/{id}/statement's Statement: the sessions that started in [@from, @to]
 * (local dates at their property), oldest first, the payouts whose period_to is in it, and
 * the totals. NULL without @error for an unknown account; OKC_DATA_ERROR naming `from`,
 * `to`, `property` or `id` (a guest) for what the caller asked wrong. */
JsonNode *okc_backend_statement_build (OkcBackendDb  *db,
                                       const char    *account_id,
                                       const char    *from,
                                       const char    *to,
                                       const char    *property_id,
                                       GError       **error);

G_END_DECLS
