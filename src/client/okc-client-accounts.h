/* okc-client-accounts.h — customer accounts from the backend: lookup, the account, its
 * tickets, identity checks, and the account changes as outbox actions (topics 6 and 7)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-account.h"
#include "okc-client.h"
#include "okc-outbox.h"
#include "okc-ticket.h"

G_BEGIN_DECLS

void        okc_client_search_accounts_async        (OkcClient             *self,
                                                     const char            *query,
                                                     guint                  limit,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
GPtrArray  *okc_client_search_accounts_finish       (OkcClient             *self,
                                                     GAsyncResult          *result,
                                                     GError               **error);
void        okc_client_get_account_async            (OkcClient             *self,
                                                     const char            *id,
                                                     const char            *ticket_id,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
OkcAccount *okc_client_get_account_finish           (OkcClient             *self,
                                                     GAsyncResult          *result,
                                                     GError               **error);
void        okc_client_list_account_tickets_async   (OkcClient             *self,
                                                     const char            *id,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
GPtrArray  *okc_client_list_account_tickets_finish  (OkcClient             *self,
                                                     GAsyncResult          *result,
                                                     GError               **error);

/* POST /v1/accounts/{id}/verifications, sent at once with a new idempotency key: the
 * agent waits for the verdict in the dialog, and a refusal is never worth retrying. */
void        okc_client_verify_account_async         (OkcClient             *self,
                                                     const char            *id,
                                                     const char            *ticket_id,
                                                     OkcVerificationMethod  method,
                                                     const char            *detail,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
gboolean    okc_client_verify_account_finish        (OkcClient             *self,
                                                     GAsyncResult          *result,
                                                     GError               **error);

/* The account changes, for the outbox: "account.subscription_cancel",
 * "account.card_remove", "account.email_change", "account.delete"; each answers with the
 * Account after the change. */
OkcOutboxAction *okc_account_action_new_cancel_subscription (OkcAccount           *account,
                                                             const char           *ticket_id,
                                                             gboolean              now);
OkcOutboxAction *okc_account_action_new_remove_card         (OkcAccount           *account,
                                                             const OkcAccountCard *card,
                                                             const char           *ticket_id);
/* @email: (nullable): a new login email, or NULL to keep it. @notification_email:
 * (nullable): a new notification email, or NULL to keep it, or "" to reset it to the
 * login email. At least one changes. */
OkcOutboxAction *okc_account_action_new_change_email        (OkcAccount           *account,
                                                             const char           *ticket_id,
                                                             const char           *email,
                                                             const char           *notification_email);
OkcOutboxAction *okc_account_action_new_delete              (OkcAccount           *account,
                                                             const char           *ticket_id,
                                                             const char           *confirm_email);
/* The Account a done account action's answer holds. */
OkcAccount      *okc_account_action_get_account             (OkcOutboxAction      *action,
                                                             GError              **error);

G_END_DECLS
