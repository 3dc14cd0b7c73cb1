/* okc-backend-json.h — parsing untrusted JSON without letting it exhaust the stack
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deeper than any document of the API or the dataset format (those nest 6 levels). */
#define OKC_BACKEND_JSON_MAX_DEPTH 64

JsonNode *okc_backend_json_parse (GBytes  *bytes,
                                  GError **error);

G_END_DECLS
