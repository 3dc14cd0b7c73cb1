/* okc-backend-idempotency.h — Idempotency-Key: an action executes once, its answer replays
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-backend-db.h"
#include "okc-backend-request.h"

G_BEGIN_DECLS

/* How long a key's answer is kept (docs/actions.md), in seconds. */
#define OKC_BACKEND_IDEMPOTENCY_MAX_AGE (7 * 24 * 60 * 60)
/* The longest key accepted, in characters. */
#define OKC_BACKEND_IDEMPOTENCY_KEY_MAX 100

char     *okc_backend_idempotency_canonical_json (JsonNode          *node);
char     *okc_backend_idempotency_request_hash   (const char        *method,
                                                  const char        *path,
                                                  JsonNode          *body);
void      okc_backend_idempotency_run            (OkcBackendRequest *request,
                                                  const char        *path,
                                                  OkcBackendHandler  handler);
gboolean  okc_backend_idempotency_purge          (OkcBackendDb      *db,
                                                  gint64             now,
                                                  GError           **error);

G_END_DECLS
