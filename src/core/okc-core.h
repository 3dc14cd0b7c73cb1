/* okc-core.h — the domain: tickets, topics, money; pure GLib, no GTK, no I/O
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-attachment.h"
#include "okc-billing.h"
#include "okc-charger.h"
#include "okc-charger-access.h"
#include "okc-charger-attention.h"
#include "okc-charger-change.h"
#include "okc-charger-command.h"
#include "okc-charging-session.h"
#include "okc-clock.h"
#include "okc-connector.h"
#include "okc-cost-breakdown.h"
#include "okc-energy.h"
#include "okc-enums.h"
#include "okc-error.h"
#include "okc-handoff.h"
#include "okc-json.h"
#include "okc-message.h"
#include "okc-metered-session.h"
#include "okc-money.h"
#include "okc-playbook.h"
#include "okc-pms-sync.h"
#include "okc-presence.h"
#include "okc-property.h"
#include "okc-refund.h"
#include "okc-reply-template.h"
#include "okc-requester.h"
#include "okc-session-audit.h"
#include "okc-session-match.h"
#include "okc-session-reply.h"
#include "okc-sla.h"
#include "okc-tariff.h"
#include "okc-ticket.h"
#include "okc-time.h"
#include "okc-timeline-entry.h"
#include "okc-topic.h"
#include "okc-user.h"
