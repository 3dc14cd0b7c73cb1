/* okc-backend-topics.h — core's topic table as GET /v1/topics serves it
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *okc_backend_topics_to_json (void);

G_END_DECLS
