/* okc-session-reply.h — topic 5's answer: a session's bill, line by line
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-charging-session.h"
#include "okc-session-audit.h"
#include "okc-tariff.h"

G_BEGIN_DECLS

/* The reply the agent edits before sending (docs/sessions.md): local times in @tariff's
 * time zone, money by okc_money_format, each finding with the refund it justifies. */
char *okc_session_reply_compose (OkcChargingSession *session,
                                 OkcSessionAudit    *audit,
                                 OkcTariff          *tariff);

G_END_DECLS
