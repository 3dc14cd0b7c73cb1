/* okc-sla.h — the SLA policy: how long support has to resolve a ticket, as data
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "okc-enums.h"
#include "okc-topic.h"

G_BEGIN_DECLS

/**
 * OkcSlaTarget:
 * @topic_id: the topic's wire name
 * @priority: the ticket's priority
 * @resolve_within_minutes: how long support has, on the SLA clock, to resolve it
 *
 * One row of the policy table of docs/sla.md.
 */
typedef struct
{
  const char *topic_id;
  OkcPriority priority;
  guint resolve_within_minutes;
} OkcSlaTarget;

/**
 * OkcSlaState:
 * @OKC_SLA_STATE_OK: more than the warning margin is left
 * @OKC_SLA_STATE_WARNING: less than the warning margin is left
 * @OKC_SLA_STATE_BREACHED: the due time has passed
 * @OKC_SLA_STATE_PAUSED: the ticket waits for the customer; the clock stands still
 * @OKC_SLA_STATE_NONE: no due time (the ticket is resolved)
 */
typedef enum
{
  OKC_SLA_STATE_OK,
  OKC_SLA_STATE_WARNING,
  OKC_SLA_STATE_BREACHED,
  OKC_SLA_STATE_PAUSED,
  OKC_SLA_STATE_NONE,
} OkcSlaState;

/* The warning margin is 25 % of the target or 30 minutes, whichever is less. Every target
 * of the policy is 2 h or more, so the margin is always the 30 minutes: a state needs only
 * the due time (test-sla checks that no target is shorter). */
#define OKC_SLA_WARNING_SECONDS (30 * 60)
#define OKC_SLA_MIN_TARGET_MINUTES 120

/* The rule in words, as GET /v1/sla-policy states it. */
#define OKC_SLA_WARNING_RULE \
  "warning when less than 25 % of the target or 30 minutes, whichever is less, is left; " \
  "breached from the due time on; the clock is paused while waiting_customer"

/**
 * OkcSlaClock:
 * @paused_seconds: the time spent paused in pauses that have ended
 * @paused_since: when the current pause began, or 0 while the clock runs
 *
 * The part of a ticket's SLA that outlives status changes.
 */
typedef struct
{
  gint64 paused_seconds;
  gint64 paused_since;
} OkcSlaClock;

const OkcSlaTarget *okc_sla_policy_get_all    (guint              *n_targets);
const OkcSlaTarget *okc_sla_policy_lookup     (const OkcTopic     *topic,
                                               OkcPriority         priority);

gboolean            okc_sla_status_runs_clock (OkcTicketStatus     status);
gboolean            okc_sla_status_has_due    (OkcTicketStatus     status);
void                okc_sla_clock_update      (OkcSlaClock        *clock,
                                               OkcTicketStatus     status,
                                               gint64              now);
gint64              okc_sla_compute_due_at    (gint64              created_at,
                                               const OkcSlaTarget *target,
                                               const OkcSlaClock  *clock,
                                               OkcTicketStatus     status);

OkcSlaState         okc_sla_get_state         (gint64              due_at,
                                               gboolean            paused,
                                               gint64              now);
char               *okc_sla_format_remaining  (gint64              due_at,
                                               gint64              now);

G_END_DECLS
