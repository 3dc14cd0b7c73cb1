/* okc-playbook.h — the support article's resolution steps per topic, and which one a
 * charger's live state points to
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-charger.h"
#include "okc-charger-access.h"
#include "okc-enums.h"

G_BEGIN_DECLS

/* A heartbeat older than this means the charger has lost the network. */
#define OKC_PLAYBOOK_HEARTBEAT_STALE_SECONDS (10 * 60)
/* A Wi-Fi or cellular signal under this percentage loses heartbeats (docs/chargers.md,
 * weak_signal). */
#define OKC_PLAYBOOK_WEAK_SIGNAL 20

/**
 * OkcPlaybookStep:
 * @text: the step, a short imperative sentence, marked with N_(): translate with _()
 * @evidence: what the agent judges the step by
 */
typedef struct
{
  const char *text;
  OkcEvidence evidence;
} OkcPlaybookStep;

/**
 * OkcPlaybook:
 * @topic_id: the topic, as in okc_topic_lookup()
 * @steps: (array length=n_steps): the steps in the article's order
 */
typedef struct
{
  const char *topic_id;
  const OkcPlaybookStep *steps;
  guint n_steps;
} OkcPlaybook;

const OkcPlaybook *okc_playbook_get_all         (guint                  *n_playbooks);
const OkcPlaybook *okc_playbook_lookup          (const char             *topic_id);
gboolean           okc_playbook_is_about_charger (const OkcPlaybook     *playbook);
const OkcPlaybookStep *okc_playbook_judge_charger (const OkcPlaybook    *playbook,
                                                   OkcCharger           *charger,
                                                   gint64                now,
                                                   char                **out_reason);
const OkcPlaybookStep *okc_playbook_judge_access (const OkcPlaybook    *playbook,
                                                  OkcChargerAccess     *access,
                                                  char                **out_reason);
char              *okc_playbook_format_age      (gint64                  seconds);

G_END_DECLS
