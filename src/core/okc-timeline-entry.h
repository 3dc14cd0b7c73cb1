/* okc-timeline-entry.h — one entry of a ticket's timeline: a change, a note or a reply
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "okc-enums.h"

G_BEGIN_DECLS

#define OKC_TYPE_TIMELINE_ENTRY (okc_timeline_entry_get_type ())

G_DECLARE_FINAL_TYPE (OkcTimelineEntry, okc_timeline_entry, OKC, TIMELINE_ENTRY, GObject)

OkcTimelineEntry *okc_timeline_entry_new_from_json (JsonNode          *node,
                                                    const char        *path,
                                                    GError           **error);

const char       *okc_timeline_entry_get_id         (OkcTimelineEntry  *self);
OkcTimelineKind   okc_timeline_entry_get_kind       (OkcTimelineEntry  *self);
gint64            okc_timeline_entry_get_at         (OkcTimelineEntry  *self);
const char       *okc_timeline_entry_get_actor_id   (OkcTimelineEntry  *self);
const char       *okc_timeline_entry_get_actor_name (OkcTimelineEntry  *self);
const char       *okc_timeline_entry_get_text       (OkcTimelineEntry  *self);
const char       *okc_timeline_entry_get_from       (OkcTimelineEntry  *self);
const char       *okc_timeline_entry_get_from_name  (OkcTimelineEntry  *self);
const char       *okc_timeline_entry_get_to         (OkcTimelineEntry  *self);
const char       *okc_timeline_entry_get_to_name    (OkcTimelineEntry  *self);

G_END_DECLS
