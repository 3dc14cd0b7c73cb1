/* okc-session-log-private.h — what the session log's tests look at
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-session-log.h"

G_BEGIN_DECLS

/* Pages of sessions kept at most, besides those on their way. */
#define OKC_SESSION_LOG_MAX_PAGES 10

/* GET /v1/sessions requests started since the log was made. */
guint    okc_session_log_get_n_fetches (OkcSessionLog *self);
/* Pages whose sessions are held now. */
guint    okc_session_log_get_n_pages   (OkcSessionLog *self);
/* Whether the page holding @position is held now. */
gboolean okc_session_log_has_page      (OkcSessionLog *self,
                                        guint          position);

G_END_DECLS
