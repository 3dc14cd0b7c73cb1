/* okc-account-dialogs.h — the account page's dialogs: Verify Identity…, and the
 * confirmations of the account changes (docs/accounts.md, "In the console")
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "okc-client-accounts.h"

G_BEGIN_DECLS

#define OKC_TYPE_ACCOUNT_VERIFY_DIALOG (okc_account_verify_dialog_get_type ())

/* Asks the backend to verify the customer's identity on a ticket, and stays open with the
 * backend's sentence when the check fails or is locked. Signals: "verified", once the
 * backend verified it (the dialog then closes). */
G_DECLARE_FINAL_TYPE (OkcAccountVerifyDialog, okc_account_verify_dialog, OKC,
                      ACCOUNT_VERIFY_DIALOG, AdwWindow)

/* @offer_request_email: whether the ticket's requester email is the account's login email,
 * the only case in which "Request came from the account's email" is offered. */
OkcAccountVerifyDialog *okc_account_verify_dialog_new (GtkWindow  *parent,
                                                       OkcClient  *client,
                                                       OkcAccount *account,
                                                       const char *ticket_id,
                                                       gboolean    offer_request_email);

/* Confirmations, each an AdwMessageDialog whose responses are named below; the view
 * reads what the agent typed with okc_account_dialog_get_text(). */

/* "keep", "period_end" (only for an active subscription), "now" */
AdwMessageDialog *okc_account_cancel_dialog_new       (GtkWindow            *parent,
                                                       OkcAccount           *account);
/* "cancel", "remove" */
AdwMessageDialog *okc_account_remove_card_dialog_new  (GtkWindow            *parent,
                                                       OkcAccount           *account,
                                                       const OkcAccountCard *card);
/* "cancel", "change": texts "email" and "notification_email" */
AdwMessageDialog *okc_account_email_dialog_new        (GtkWindow            *parent,
                                                       OkcAccount           *account);
/* "cancel", "delete", sensitive once the login email is retyped: text "confirm_email" */
AdwMessageDialog *okc_account_delete_dialog_new       (GtkWindow            *parent,
                                                       OkcAccount           *account);
const char       *okc_account_dialog_get_text         (AdwMessageDialog     *dialog,
                                                       const char           *name);

/* "Not verified: …", "Open this account from the customer’s ticket …" */
#define OKC_ACCOUNT_NOT_VERIFIED_REASON \
  _("Not verified: changes are disabled until you verify the customer’s identity")
#define OKC_ACCOUNT_NO_TICKET_REASON \
  _("Open this account from the customer’s ticket to make changes")

G_END_DECLS
