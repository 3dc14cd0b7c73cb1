/* okc-charger-command.h — a remote command to a charger, its progress and whether it can run
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-charger.h"
#include "okc-enums.h"

G_BEGIN_DECLS

/* A command the charger has not answered within this many seconds has timed out. */
#define OKC_COMMAND_TIMEOUT_SECONDS 30

#define OKC_TYPE_CHARGER_COMMAND (okc_charger_command_get_type ())

G_DECLARE_FINAL_TYPE (OkcChargerCommand, okc_charger_command, OKC, CHARGER_COMMAND, GObject)

/* A request, as the console builds it before sending: no id, state SENT, no requester. */
OkcChargerCommand *okc_charger_command_new              (const char         *charger_id,
                                                         OkcCommandKind      kind,
                                                         guint               connector_id);
void               okc_charger_command_set_availability (OkcChargerCommand  *self,
                                                         OkcAvailability     availability);
void               okc_charger_command_set_account      (OkcChargerCommand  *self,
                                                         const char         *account_id);
void               okc_charger_command_set_end_billing  (OkcChargerCommand  *self,
                                                         gboolean            end_billing);
void               okc_charger_command_set_ticket_id    (OkcChargerCommand  *self,
                                                         const char         *ticket_id);
/* What the backend adds once it has the command. */
void               okc_charger_command_set_recorded     (OkcChargerCommand  *self,
                                                         const char         *id,
                                                         const char         *requested_by_id,
                                                         const char         *requested_by_name,
                                                         gint64              requested_at);
void               okc_charger_command_set_progress     (OkcChargerCommand  *self,
                                                         OkcCommandState     state,
                                                         gint64              updated_at,
                                                         const char         *outcome);

/* The full Command of docs/chargers.md, strict. */
OkcChargerCommand *okc_charger_command_new_from_json    (JsonNode           *node,
                                                         const char         *path,
                                                         GError            **error);
JsonNode          *okc_charger_command_to_json          (OkcChargerCommand  *self);
/* The POST body: kind, connector_id and the parameters the kind takes, ticket_id. */
JsonNode          *okc_charger_command_to_request_json  (OkcChargerCommand  *self);
/* Parses a POST body for @charger_id; 422-style errors name the member ("account"). */
OkcChargerCommand *okc_charger_command_new_from_request (const char         *charger_id,
                                                         JsonNode           *body,
                                                         GError            **error);

const char        *okc_charger_command_get_id           (OkcChargerCommand  *self);
const char        *okc_charger_command_get_charger_id   (OkcChargerCommand  *self);
OkcCommandKind     okc_charger_command_get_kind         (OkcChargerCommand  *self);
guint              okc_charger_command_get_connector_id (OkcChargerCommand  *self);
OkcAvailability    okc_charger_command_get_availability (OkcChargerCommand  *self);
const char        *okc_charger_command_get_account      (OkcChargerCommand  *self);
gboolean           okc_charger_command_get_end_billing  (OkcChargerCommand  *self);
const char        *okc_charger_command_get_ticket_id    (OkcChargerCommand  *self);
OkcCommandState    okc_charger_command_get_state        (OkcChargerCommand  *self);
const char        *okc_charger_command_get_requested_by_id   (OkcChargerCommand *self);
const char        *okc_charger_command_get_requested_by_name (OkcChargerCommand *self);
gint64             okc_charger_command_get_requested_at (OkcChargerCommand  *self);
gint64             okc_charger_command_get_updated_at   (OkcChargerCommand  *self);
const char        *okc_charger_command_get_outcome      (OkcChargerCommand  *self);

/* "Soft reset", "Unlock connector", … */
const char        *okc_command_kind_get_label           (OkcCommandKind      kind);
/* "Sent", "Accepted", "Timed out", … */
const char        *okc_command_state_get_label          (OkcCommandState     state);
/* Whether no further change will come: rejected, timed out, completed, failed. */
gboolean           okc_command_state_is_final           (OkcCommandState     state);
/* Whether @kind acts on one connector (≥ 1) rather than on the charger. */
gboolean           okc_command_kind_needs_connector     (OkcCommandKind      kind);

/* Whether @charger can take @kind on @connector_id now (docs/chargers.md, "Remote commands").
 * When it cannot, *@out_reason (if given) gets a sentence for the agent that says why. The
 * backend refuses with 409 by this rule; the console disables the button by it. */
gboolean           okc_charger_check_command            (OkcCharger         *charger,
                                                         OkcCommandKind      kind,
                                                         guint               connector_id,
                                                         gint64              now,
                                                         char              **out_reason);

G_END_DECLS
