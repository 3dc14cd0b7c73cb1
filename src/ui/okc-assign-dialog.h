/* okc-assign-dialog.h — find a charger by what the host gave and link it to a property
 * and unit (topic 8)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "okc-client-properties.h"

G_BEGIN_DECLS

#define OKC_TYPE_ASSIGN_DIALOG (okc_assign_dialog_get_type ())

/* A modal AdwWindow: the charger found by serial, id or QR text, whether it is online
 * and where it is now; a property searched by name or address, and its unit; "Assign"
 * submits the assignment through the outbox and shows its outcome.
 *
 * Signals: "assigned" (const char *charger_id), once the backend confirmed it. */
G_DECLARE_FINAL_TYPE (OkcAssignDialog, okc_assign_dialog, OKC, ASSIGN_DIALOG, AdwWindow)

/* @code: (nullable): a serial, id or QR text to look up at once; @ticket_id: (nullable). */
OkcAssignDialog *okc_assign_dialog_new (GtkWindow  *parent,
                                        OkcClient  *client,
                                        OkcOutbox  *outbox,
                                        const char *code,
                                        const char *ticket_id);

G_END_DECLS
