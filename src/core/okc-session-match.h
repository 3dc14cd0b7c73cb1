/* okc-session-match.h — which of the sessions around a ticket's reported time it is about
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-charging-session.h"
#include "okc-ticket.h"

G_BEGIN_DECLS

/* A session this close to a reported time may be the likely one. */
#define OKC_SESSION_MATCH_MAX_SECONDS (3 * 3600)
/* The console lists sessions from this long before the earliest reported time to this long
 * after the latest. */
#define OKC_SESSION_MATCH_WINDOW_SECONDS (12 * 3600)

/* The times and amounts a ticket reports (session_at, session_times, amount_charged,
 * amounts_charged); empty arrays when it has none. */
typedef struct
{
  GArray *times;    /* gint64 */
  GArray *amounts;  /* OkcMoney */
} OkcSessionReport;

OkcSessionReport *okc_session_report_new_from_ticket (OkcTicket        *ticket);
void              okc_session_report_free            (OkcSessionReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcSessionReport, okc_session_report_free)
/* The window to ask the backend for; FALSE when the ticket reports no time. */
gboolean          okc_session_report_get_window      (OkcSessionReport *report,
                                                      gint64           *out_from,
                                                      gint64           *out_to);

/**
 * okc_session_match_rank:
 * @sessions: (element-type OkcChargingSession): the candidates; sorted in place, the
 *   likeliest first (docs/sessions.md)
 *
 * Returns: the index of the likely session in the sorted @sessions (0), or -1 when none
 *   is near enough to be marked.
 */
int               okc_session_match_rank             (OkcSessionReport *report,
                                                      GPtrArray        *sessions);

G_END_DECLS
