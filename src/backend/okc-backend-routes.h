/* okc-backend-routes.h — the API's routes, registered by area
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-server.h"

G_BEGIN_DECLS

void okc_backend_routes_register_all     (OkcBackendServer *server);

void okc_backend_session_routes_register (OkcBackendServer *server);
void okc_backend_catalog_routes_register (OkcBackendServer *server);
void okc_backend_ticket_routes_register  (OkcBackendServer *server);
void okc_backend_handoff_routes_register (OkcBackendServer *server);
void okc_backend_export_routes_register  (OkcBackendServer *server);
void okc_backend_workflow_routes_register (OkcBackendServer *server);
void okc_backend_events_routes_register  (OkcBackendServer *server);
void okc_backend_charger_routes_register (OkcBackendServer *server);
void okc_backend_command_routes_register (OkcBackendServer *server);
void okc_backend_simulator_routes_register (OkcBackendServer *server);
void okc_backend_charging_session_routes_register (OkcBackendServer *server);
void okc_backend_refund_routes_register (OkcBackendServer *server);
void okc_backend_audit_routes_register (OkcBackendServer *server);
void okc_backend_access_routes_register (OkcBackendServer *server);
void okc_backend_access_simulator_routes_register (OkcBackendServer *server);
void okc_backend_property_routes_register (OkcBackendServer *server);
void okc_backend_account_routes_register (OkcBackendServer *server);
void okc_backend_payout_routes_register (OkcBackendServer *server);

G_END_DECLS
