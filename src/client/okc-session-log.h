/* okc-session-log.h — the session log as a list model that fetches only what is shown
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-client-sessions.h"

G_BEGIN_DECLS

/* Rows fetched per GET /v1/sessions page. */
#define OKC_SESSION_LOG_PAGE_SIZE 200

#define OKC_TYPE_SESSION_LOG_ROW (okc_session_log_row_get_type ())

G_DECLARE_FINAL_TYPE (OkcSessionLogRow, okc_session_log_row, OKC, SESSION_LOG_ROW, GObject)

/* A row of the log: its position, and its session once the page holding it has arrived
 * (notify::session). Rows never change position; a new query makes new rows. */
guint               okc_session_log_row_get_position (OkcSessionLogRow *self);
OkcChargingSession *okc_session_log_row_get_session  (OkcSessionLogRow *self);

#define OKC_TYPE_SESSION_LOG (okc_session_log_get_type ())

/* A GListModel of OkcSessionLogRow, as many as the backend's total for the query. Getting
 * an item never blocks: it returns a row whose session is NULL until its page arrives,
 * asking for that page (once) asynchronously. Pages far from what was last asked for are
 * dropped so memory stays bounded however far one scrolls. Properties: `query` (boxed),
 * `loading` (a first page is on its way), `error` (the last failure, a GError, or NULL). */
G_DECLARE_FINAL_TYPE (OkcSessionLog, okc_session_log, OKC, SESSION_LOG, GObject)

OkcSessionLog         *okc_session_log_new        (OkcClient             *client);
/* Replaces every row (items-changed 0, old, new) once the new total is known. */
void                   okc_session_log_set_query  (OkcSessionLog         *self,
                                                   const OkcSessionQuery *query);
const OkcSessionQuery *okc_session_log_get_query  (OkcSessionLog         *self);
/* Re-reads the total and drops every fetched page. */
void                   okc_session_log_reload     (OkcSessionLog         *self);
gboolean               okc_session_log_get_loading (OkcSessionLog        *self);
const GError          *okc_session_log_get_error  (OkcSessionLog         *self);
guint                  okc_session_log_get_total  (OkcSessionLog         *self);

G_END_DECLS
