/* okc-backend-accounts.h — customer accounts: lookup, identity checks, account changes
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-backend-db.h"
#include "okc-core.h"

G_BEGIN_DECLS

/* The subscription's prices (docs/accounts.md), USD minor units. */
#define OKC_BACKEND_SUBSCRIPTION_CURRENCY "USD"
#define OKC_BACKEND_SUBSCRIPTION_MONTHLY_PRICE 999
#define OKC_BACKEND_SUBSCRIPTION_ANNUAL_PRICE 9900

/* An identity check lasts this long, for its ticket and account only. */
#define OKC_BACKEND_VERIFICATION_LIFETIME (24 * 60 * 60)
/* This many failed checks on one ticket and account within the window lock it. */
#define OKC_BACKEND_VERIFICATION_MAX_FAILURES 3
#define OKC_BACKEND_VERIFICATION_LOCK_WINDOW (60 * 60)
/* How far back a session's date is a check. */
#define OKC_BACKEND_VERIFICATION_SESSION_DAYS 90

#define OKC_BACKEND_ACCOUNTS_LIMIT_DEFAULT 20
#define OKC_BACKEND_ACCOUNTS_LIMIT_MAX 100
/* The tickets of an account, newest first. */
#define OKC_BACKEND_ACCOUNT_TICKETS_MAX 100

#define OKC_BACKEND_ACCOUNT_ERROR (okc_backend_account_error_quark ())

/**
 * OkcBackendAccountError:
 * @OKC_BACKEND_ACCOUNT_ERROR_NOT_FOUND: no such account (or a deleted one, where it counts)
 * @OKC_BACKEND_ACCOUNT_ERROR_CARD_NOT_FOUND: no such card on this account
 * @OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_FAILED: the detail does not match (422)
 * @OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_LOCKED: too many failed checks (429)
 * @OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_REQUIRED: no live check on the ticket (403)
 * @OKC_BACKEND_ACCOUNT_ERROR_DELETED: the account is deleted (409 account_deleted)
 * @OKC_BACKEND_ACCOUNT_ERROR_NO_SUBSCRIPTION: nothing to cancel (409)
 * @OKC_BACKEND_ACCOUNT_ERROR_REFUND_IN_PROGRESS: a refund still needs the card (409)
 * @OKC_BACKEND_ACCOUNT_ERROR_EMAIL_IN_USE: another active account signs in with it (409)
 * @OKC_BACKEND_ACCOUNT_ERROR_HAS_PROPERTIES: a host with properties (409)
 * @OKC_BACKEND_ACCOUNT_ERROR_SESSION_IN_PROGRESS: a session is charging (409)
 */
typedef enum
{
  OKC_BACKEND_ACCOUNT_ERROR_NOT_FOUND,
  OKC_BACKEND_ACCOUNT_ERROR_CARD_NOT_FOUND,
  OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_FAILED,
  OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_LOCKED,
  OKC_BACKEND_ACCOUNT_ERROR_VERIFICATION_REQUIRED,
  OKC_BACKEND_ACCOUNT_ERROR_DELETED,
  OKC_BACKEND_ACCOUNT_ERROR_NO_SUBSCRIPTION,
  OKC_BACKEND_ACCOUNT_ERROR_REFUND_IN_PROGRESS,
  OKC_BACKEND_ACCOUNT_ERROR_EMAIL_IN_USE,
  OKC_BACKEND_ACCOUNT_ERROR_HAS_PROPERTIES,
  OKC_BACKEND_ACCOUNT_ERROR_SESSION_IN_PROGRESS,
} OkcBackendAccountError;

GQuark    okc_backend_account_error_quark    (void);

/* The error's code on the wire ("verification_locked"), NULL for NOT_FOUND. */
const char *okc_backend_account_error_code   (const GError  *error);

/* okc-backend-accounts.c: reading */
JsonNode *okc_backend_accounts_search        (OkcBackendDb  *db,
                                              const char    *q,
                                              guint          limit,
                                              GError       **error);
JsonNode *okc_backend_accounts_load          (OkcBackendDb  *db,
                                              const char    *account_id,
                                              const char    *ticket_id,
                                              gint64         now,
                                              GError       **error);
JsonNode *okc_backend_accounts_list_tickets  (OkcBackendDb  *db,
                                              const char    *account_id,
                                              GError       **error);
gboolean  okc_backend_accounts_exists        (OkcBackendDb  *db,
                                              const char    *account_id,
                                              gboolean      *out_deleted,
                                              GError       **error);
char     *okc_backend_phone_last_digits      (const char    *text);

/* okc-backend-account-verify.c: identity checks */
JsonNode *okc_backend_accounts_verify        (OkcBackendDb  *db,
                                              const char    *account_id,
                                              JsonNode      *body,
                                              OkcUser       *actor,
                                              gint64         now,
                                              GError       **error);
JsonNode *okc_backend_accounts_live_verification (OkcBackendDb  *db,
                                                  const char    *account_id,
                                                  const char    *ticket_id,
                                                  gint64         now,
                                                  GError       **error);
gboolean  okc_backend_accounts_require_verification (OkcBackendDb  *db,
                                                     const char    *account_id,
                                                     const char    *ticket_id,
                                                     gint64         now,
                                                     GError       **error);

/* okc-backend-account-changes.c: the changes, each behind a live identity check */
JsonNode *okc_backend_accounts_cancel_subscription (OkcBackendDb  *db,
                                                    const char    *account_id,
                                                    JsonNode      *body,
                                                    OkcUser       *actor,
                                                    gint64         now,
                                                    GError       **error);
JsonNode *okc_backend_accounts_remove_card   (OkcBackendDb  *db,
                                              const char    *account_id,
                                              const char    *card_id,
                                              JsonNode      *body,
                                              OkcUser       *actor,
                                              gint64         now,
                                              GError       **error);
JsonNode *okc_backend_accounts_change_email  (OkcBackendDb  *db,
                                              const char    *account_id,
                                              JsonNode      *body,
                                              OkcUser       *actor,
                                              gint64         now,
                                              GError       **error);
JsonNode *okc_backend_accounts_delete        (OkcBackendDb  *db,
                                              const char    *account_id,
                                              JsonNode      *body,
                                              OkcUser       *actor,
                                              gint64         now,
                                              GError       **error);

/* okc-backend-revenue.c: a host's revenue by day */
#define OKC_BACKEND_REVENUE_MAX_DAYS 366

JsonNode *okc_backend_accounts_revenue       (OkcBackendDb  *db,
                                              const char    *account_id,
                                              const char    *from,
                                              const char    *to,
                                              const char    *property_id,
                                              GError       **error);

G_END_DECLS
