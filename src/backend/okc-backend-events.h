/* okc-backend-events.h — the event log and the open Server-Sent Events streams
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "okc-backend-db.h"

G_BEGIN_DECLS

/* The history kept (docs/api.md): the newest events, none older than a week. */
#define OKC_BACKEND_EVENTS_DEFAULT_HISTORY 50000
#define OKC_BACKEND_EVENTS_MAX_AGE (7 * 24 * 60 * 60)
/* A comment line on every stream this often, in seconds. */
#define OKC_BACKEND_EVENTS_KEEP_ALIVE 15

gboolean okc_backend_events_record        (OkcBackendDb  *db,
                                           const char    *type,
                                           const char    *ticket_id,
                                           JsonNode      *data,
                                           gint64         now,
                                           GError       **error);
void     okc_backend_events_set_history   (OkcBackendDb  *db,
                                           guint          n_events);

#define OKC_TYPE_BACKEND_EVENTS (okc_backend_events_get_type ())

G_DECLARE_FINAL_TYPE (OkcBackendEvents, okc_backend_events, OKC, BACKEND_EVENTS, GObject)

OkcBackendEvents *okc_backend_events_new         (OkcBackendDb       *db);
gboolean          okc_backend_events_open_stream (OkcBackendEvents   *self,
                                                  SoupServerMessage  *msg,
                                                  const char         *authorization,
                                                  gint64              after,
                                                  GError            **error);
void              okc_backend_events_flush       (OkcBackendEvents   *self);
void              okc_backend_events_broadcast   (OkcBackendEvents   *self,
                                                  const char         *type,
                                                  JsonNode           *data);
guint             okc_backend_events_get_n_streams (OkcBackendEvents *self);
void              okc_backend_events_close_all   (OkcBackendEvents   *self);

G_END_DECLS
