/* okc-host-panel.h — a host's side of their account page: properties, revenue, payouts
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "okc-client.h"
#include "okc-outbox.h"

G_BEGIN_DECLS

#define OKC_TYPE_HOST_PANEL (okc_host_panel_get_type ())

/* The groups the account page (okc-account-view.c) shows under a host's profile
 * (docs/payouts.md, "In the console"): the properties, each opening its property page; the
 * revenue of the last 30 days by day; the payouts, each opening its reconciliation
 * (okc-payout-view.h); Export Statement…. It loads itself when realized. @ticket_id, when
 * not NULL, is the ticket the account was opened for: actions taken from here carry it. */
G_DECLARE_FINAL_TYPE (OkcHostPanel, okc_host_panel, OKC, HOST_PANEL, GtkBox)

GtkWidget *okc_host_panel_new (GtkWindow  *parent,
                               OkcClient  *client,
                               OkcOutbox  *outbox,
                               const char *account_id,
                               const char *account_name,
                               const char *ticket_id);

G_END_DECLS
