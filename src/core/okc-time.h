/* okc-time.h — RFC 3339 times on the wire, seconds since the epoch inside
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Domain objects keep instants as gint64 seconds since the Unix epoch, UTC: cheap to
 * store by the hundred thousand, trivial to compare. The wire and the database use
 * RFC 3339 ("2026-11-24T09:30:00Z"). Sub-second parts are accepted and truncated. */

gboolean okc_time_parse_rfc3339  (const char *text,
                                  gint64     *out_unix);
char    *okc_time_format_rfc3339 (gint64      unix_time);
gboolean okc_date_parse          (const char *text,
                                  GDate      *out_date);
/* "45 s", "12 min", "3 h 12 min", "2 d 4 h", "1 d": every age the console shows. */
char    *okc_format_duration     (gint64      seconds);

G_END_DECLS
