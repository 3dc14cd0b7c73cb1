/* okc-presence.h — someone looking at or answering a ticket right now
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define OKC_TYPE_PRESENCE (okc_presence_get_type ())

G_DECLARE_FINAL_TYPE (OkcPresence, okc_presence, OKC, PRESENCE, GObject)

OkcPresence *okc_presence_new_from_json  (JsonNode     *node,
                                          const char   *path,
                                          GError      **error);
GPtrArray   *okc_presence_list_from_json (JsonNode     *node,
                                          const char   *path,
                                          GError      **error);
const char  *okc_presence_get_user_id    (OkcPresence  *self);
const char  *okc_presence_get_user_name  (OkcPresence  *self);
const char  *okc_presence_get_activity   (OkcPresence  *self);
gint64       okc_presence_get_since      (OkcPresence  *self);
gint64       okc_presence_get_expires_at (OkcPresence  *self);

G_END_DECLS
