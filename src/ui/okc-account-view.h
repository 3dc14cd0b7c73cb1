/* okc-account-view.h — a customer's account page: profile, identity, subscription,
 * cards, emails, recent sessions and tickets, and the account changes (topics 6 and 7)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "okc-client-accounts.h"
#include "okc-live-updates.h"

G_BEGIN_DECLS

#define OKC_TYPE_ACCOUNT_VIEW (okc_account_view_get_type ())

/* A window of its own beside the main one, so that the agent keeps the ticket in view.
 * Sessions, tickets and properties open in @parent (win.show-session, app.show-ticket,
 * win.show-property). */
G_DECLARE_FINAL_TYPE (OkcAccountView, okc_account_view, OKC, ACCOUNT_VIEW, AdwWindow)

/* @ticket_id: (nullable): the ticket the account was opened for; without one, changes are
 * disabled. @requester_email: (nullable): that ticket's requester email, which decides
 * whether "Request came from the account's email" is offered. @live: (nullable): the
 * window's live updates, whose account-updated refreshes the page. */
OkcAccountView *okc_account_view_new            (GtkWindow      *parent,
                                                 OkcClient      *client,
                                                 OkcOutbox      *outbox,
                                                 OkcLiveUpdates *live,
                                                 const char     *account_id,
                                                 const char     *ticket_id,
                                                 const char     *requester_email);
const char     *okc_account_view_get_account_id (OkcAccountView *self);
const char     *okc_account_view_get_ticket_id  (OkcAccountView *self);

G_END_DECLS
