/* okc-backend-routes.c — the API's routes, registered by area
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-routes.h"

/* Every endpoint of docs/api.md, one area per file; the simulator's control routes only
 * with okc_backend_server_enable_simulator_control(). */
void
okc_backend_routes_register_all (OkcBackendServer *server)
{
  okc_backend_session_routes_register (server);
  okc_backend_catalog_routes_register (server);
  okc_backend_ticket_routes_register (server);
  okc_backend_handoff_routes_register (server);
  okc_backend_export_routes_register (server);
  okc_backend_workflow_routes_register (server);
  okc_backend_events_routes_register (server);
  /* Before the chargers': /v1/chargers/lookup is not a charger's id. */
  okc_backend_property_routes_register (server);
  okc_backend_charger_routes_register (server);
  okc_backend_command_routes_register (server);
  okc_backend_charging_session_routes_register (server);
  okc_backend_refund_routes_register (server);
  okc_backend_audit_routes_register (server);
  okc_backend_access_routes_register (server);
  okc_backend_account_routes_register (server);
  okc_backend_payout_routes_register (server);
}
