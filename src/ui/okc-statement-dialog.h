/* okc-statement-dialog.h — a host's statement for a period: CSV files or print
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "okc-client.h"

G_BEGIN_DECLS

#define OKC_TYPE_STATEMENT_DIALOG (okc_statement_dialog_get_type ())

/* docs/payouts.md, "Statements": the period and property, then Save Sessions as CSV…,
 * Save Payouts as CSV… and Print Statement…; errors (the backend's, the file's) in the
 * dialog, nothing half-written. */
G_DECLARE_FINAL_TYPE (OkcStatementDialog, okc_statement_dialog, OKC, STATEMENT_DIALOG, AdwWindow)

OkcStatementDialog *okc_statement_dialog_new (GtkWindow  *parent,
                                              OkcClient  *client,
                                              const char *account_id,
                                              const char *account_name);

G_END_DECLS
