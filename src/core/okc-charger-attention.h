/* okc-charger-attention.h — what about a charger an agent should look at first
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-charger.h"
#include "okc-enums.h"

G_BEGIN_DECLS

/* The thresholds of docs/chargers.md, "What an agent should look at first". */
#define OKC_ATTENTION_OFFLINE_AFTER       (5 * 60)
#define OKC_ATTENTION_PREPARING_AFTER     (10 * 60)
#define OKC_ATTENTION_FINISHING_AFTER     (15 * 60)
#define OKC_ATTENTION_SUSPENDED_EVSE_AFTER (15 * 60)

typedef struct
{
  OkcAttentionKind kind;
  guint connector_id;   /* 0 for the charger itself */
  gint64 since;         /* Unix seconds; 0 when never heard from */
} OkcAttentionReason;

/* The reasons @charger needs attention at @now, most serious first; an empty array when it
 * needs none. */
GArray   *okc_charger_get_attention       (OkcCharger               *charger,
                                           gint64                    now);
/* "Offline for 3 h 12 min", "Connector 1 faulted: ground failure (E-GF-01)", "Connector 2
 * stuck in Preparing for 25 min". */
char     *okc_attention_reason_describe   (const OkcAttentionReason *reason,
                                           OkcCharger               *charger,
                                           gint64                    now);
/* Orders chargers (by their first reason) as the needs-attention list shows them: offline
 * first, then faulted, then stuck, the longest first within a kind. Both arrays are of
 * OkcAttentionReason, non-empty. */
int       okc_attention_compare           (GArray                   *a,
                                           GArray                   *b);

G_END_DECLS
