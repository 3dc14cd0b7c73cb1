/* okc-backend-handoff.h — POST /v1/handoffs: a chatbot hand-off becomes a ticket
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"
#include "okc-core.h"

G_BEGIN_DECLS

/**
 * OkcBackendChargerStatus:
 *
 * A charger's status in the fleet data, as far as a new ticket's priority cares.
 */
typedef enum
{
  OKC_BACKEND_CHARGER_UNKNOWN,
  OKC_BACKEND_CHARGER_ONLINE,
  OKC_BACKEND_CHARGER_OFFLINE,
  OKC_BACKEND_CHARGER_FAULTED,
} OkcBackendChargerStatus;

OkcPriority okc_backend_handoff_priority (const OkcTopic           *topic,
                                          OkcBackendChargerStatus   charger_status);
JsonNode   *okc_backend_handoff_create   (OkcBackendDb             *db,
                                          const OkcHandoff         *handoff,
                                          gint64                    now,
                                          GError                  **error);

G_END_DECLS
