/* okc-account.h — a customer's account as support sees it: profile, saved cards,
 * subscription, a host's properties and the ticket's identity check (docs/accounts.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"
#include "okc-money.h"

G_BEGIN_DECLS

/* A saved card: never more than its brand, its last four digits and its dates. */
typedef struct
{
  const char *id;
  const char *brand;          /* "visa", "mastercard", "amex"… */
  const char *last4;          /* four digits */
  guint exp_month;            /* 1 to 12 */
  guint exp_year;
  gboolean is_default;
  gint64 added_at;
} OkcAccountCard;

typedef struct
{
  const char *plan;           /* "monthly" or "annual" */
  OkcSubscriptionStatus status;
  OkcMoney price;
  gint64 renews_at;           /* 0: none (cancelled) */
  gint64 cancelled_at;        /* 0: not cancelled */
} OkcAccountSubscription;

/* One of a host's properties. */
typedef struct
{
  const char *id;
  const char *name;
  const char *city;
  guint n_chargers;
} OkcAccountProperty;

/* The live identity check of the ticket the account was fetched for. */
typedef struct
{
  const char *id;
  const char *account_id;
  const char *ticket_id;
  OkcVerificationMethod method;
  const char *verified_by_id;
  const char *verified_by_name;
  gint64 verified_at;
  gint64 expires_at;
} OkcAccountVerification;

#define OKC_TYPE_ACCOUNT_SUMMARY (okc_account_summary_get_type ())

G_DECLARE_FINAL_TYPE (OkcAccountSummary, okc_account_summary, OKC, ACCOUNT_SUMMARY, GObject)

/* AccountSummary {"id", "kind", "status", "name", "email", "phone"}, strict. */
OkcAccountSummary *okc_account_summary_new_from_json (JsonNode           *node,
                                                      const char         *path,
                                                      GError            **error);
const char        *okc_account_summary_get_id        (OkcAccountSummary  *self);
gboolean           okc_account_summary_is_host       (OkcAccountSummary  *self);
gboolean           okc_account_summary_is_deleted    (OkcAccountSummary  *self);
const char        *okc_account_summary_get_name      (OkcAccountSummary  *self);
const char        *okc_account_summary_get_email     (OkcAccountSummary  *self);
const char        *okc_account_summary_get_phone     (OkcAccountSummary  *self);

#define OKC_TYPE_ACCOUNT (okc_account_get_type ())

G_DECLARE_FINAL_TYPE (OkcAccount, okc_account, OKC, ACCOUNT, GObject)

/* The Account of docs/accounts.md, strict: a missing member or an unknown value is an
 * error naming the member. */
OkcAccount                   *okc_account_new_from_json        (JsonNode    *node,
                                                                const char  *path,
                                                                GError     **error);
JsonNode                     *okc_account_to_json              (OkcAccount  *self);

const char                   *okc_account_get_id               (OkcAccount  *self);
gboolean                      okc_account_is_host              (OkcAccount  *self);
gboolean                      okc_account_is_deleted           (OkcAccount  *self);
const char                   *okc_account_get_name             (OkcAccount  *self);
const char                   *okc_account_get_email            (OkcAccount  *self);
/* NULL: receipts go to the login email. */
const char                   *okc_account_get_notification_email (OkcAccount *self);
const char                   *okc_account_get_phone            (OkcAccount  *self);
gint64                        okc_account_get_created_at       (OkcAccount  *self);
gint64                        okc_account_get_deleted_at       (OkcAccount  *self);
guint                         okc_account_get_n_cards          (OkcAccount  *self);
const OkcAccountCard         *okc_account_get_card             (OkcAccount  *self,
                                                                guint        index);
/* NULL when the account never had a subscription. */
const OkcAccountSubscription *okc_account_get_subscription     (OkcAccount  *self);
guint                         okc_account_get_n_properties     (OkcAccount  *self);
const OkcAccountProperty     *okc_account_get_property         (OkcAccount  *self,
                                                                guint        index);
/* NULL: no live check for the ticket asked for (or none asked). */
const OkcAccountVerification *okc_account_get_verification     (OkcAccount  *self);
/* Whether the verification is live at @now (Unix seconds). */
gboolean                      okc_account_is_verified          (OkcAccount  *self,
                                                                gint64       now);

/* "Visa •••• 4242, expires 12/2029" */
char                         *okc_account_card_describe        (const OkcAccountCard *card);
const char                   *okc_subscription_status_get_label (OkcSubscriptionStatus status);
const char                   *okc_verification_method_get_label (OkcVerificationMethod method);

G_END_DECLS
