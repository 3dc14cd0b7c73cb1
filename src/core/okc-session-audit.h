/* okc-session-audit.h — what a session should have cost, and every mischarge explained
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-charging-session.h"
#include "okc-cost-breakdown.h"
#include "okc-tariff.h"

G_BEGIN_DECLS

/* Between two meter samples, the car was drawing power if the average was this or more. */
#define OKC_SESSION_DRAWING_MIN_W 100
/* A failed attempt followed by another within this many seconds is a retry. */
#define OKC_SESSION_RETRY_WINDOW_SECONDS (30 * 60)
/* Neighbours: sessions on the same charger that started this long before the session
 * started or after it ended. */
#define OKC_SESSION_NEIGHBOUR_WINDOW_SECONDS (2 * 3600)

#define OKC_TYPE_SESSION_FINDING (okc_session_finding_get_type ())

G_DECLARE_FINAL_TYPE (OkcSessionFinding, okc_session_finding, OKC, SESSION_FINDING, GObject)

OkcFindingKind      okc_session_finding_get_kind     (OkcSessionFinding *self);
/* One sentence, in the customer's terms. */
const char         *okc_session_finding_get_summary  (OkcSessionFinding *self);
/* Lines an agent can check; NULL-terminated. */
const char * const *okc_session_finding_get_evidence (OkcSessionFinding *self);
/* What it justifies refunding, in the session's currency; 0 for a finding that only
 * points elsewhere. */
void                okc_session_finding_get_refund   (OkcSessionFinding *self,
                                                      OkcMoney          *out);
/* NULL-terminated; may be empty. */
const char * const *okc_session_finding_get_related_session_ids (OkcSessionFinding *self);
const char         *okc_finding_kind_get_label       (OkcFindingKind     kind);

#define OKC_TYPE_SESSION_AUDIT (okc_session_audit_get_type ())

G_DECLARE_FINAL_TYPE (OkcSessionAudit, okc_session_audit, OKC, SESSION_AUDIT, GObject)

/**
 * okc_session_audit_run:
 * @session: a detail (meter and billed set)
 * @tariff: the session's tariff
 * @neighbours: (element-type OkcChargingSession) (nullable): sessions on the same charger
 *   around it (OKC_SESSION_NEIGHBOUR_WINDOW_SECONDS), each with billed set; the session
 *   itself may be among them and is skipped
 *
 * Recomputes the session with the billing engine and explains the difference, by the rules
 * of docs/sessions.md. Errors: the engine's (a session before the tariff's first version),
 * a billed breakdown in another currency than the tariff's.
 */
OkcSessionAudit    *okc_session_audit_run            (OkcChargingSession *session,
                                                      OkcTariff          *tariff,
                                                      GPtrArray          *neighbours,
                                                      GError            **error);
const char         *okc_session_audit_get_session_id (OkcSessionAudit    *self);
OkcCostBreakdown   *okc_session_audit_get_billed     (OkcSessionAudit    *self);
OkcCostBreakdown   *okc_session_audit_get_expected   (OkcSessionAudit    *self);
/* billed total − expected total, signed. */
void                okc_session_audit_get_difference (OkcSessionAudit    *self,
                                                      OkcMoney           *out);
/* (element-type OkcSessionFinding), in the order of the table of docs/sessions.md. */
GPtrArray          *okc_session_audit_get_findings   (OkcSessionAudit    *self);
/* The sum of the findings' refunds. */
void                okc_session_audit_get_refund_total (OkcSessionAudit  *self,
                                                        OkcMoney         *out);
/* When the meter says charging ended: the recorded end, or later if power was still
 * drawn (docs/sessions.md); 0 when energy never flowed. */
gint64              okc_session_audit_get_charging_ended_at (OkcSessionAudit *self);

/* GET /v1/sessions/{id}/analysis, both ways. */
JsonNode           *okc_session_audit_to_json        (OkcSessionAudit    *self);
OkcSessionAudit    *okc_session_audit_new_from_json  (JsonNode           *node,
                                                      const char         *path,
                                                      GError            **error);

G_END_DECLS
