/* okc-account-search.h — Customers → Accounts: find an account by email, phone, id or name
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "okc-client.h"

G_BEGIN_DECLS

#define OKC_TYPE_ACCOUNT_SEARCH (okc_account_search_get_type ())

/* A result activates win.show-account with the account's id (no ticket). */
G_DECLARE_FINAL_TYPE (OkcAccountSearch, okc_account_search, OKC, ACCOUNT_SEARCH, AdwBin)

void okc_account_search_set_client (OkcAccountSearch *self,
                                    OkcClient        *client);
void okc_account_search_focus      (OkcAccountSearch *self);

G_END_DECLS
