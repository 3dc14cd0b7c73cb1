/* test-account.c — accounts and their summaries from and to JSON, every bad member named
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-core.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonNode *node = okc_json_parse_bytes (bytes, &error);

  g_assert_no_error (error);
  return node;
}

#define HEAD \
  "\"id\": \"ACC-00017\", \"kind\": \"guest\", \"status\": \"active\", \"name\": \"Maya Chen\"," \
  " \"email\": \"maya.chen17@example.com\", \"notification_email\": null," \
  " \"phone\": \"+1 415 555 0142\", \"created_at\": \"2025-06-02T14:00:00Z\", \"deleted_at\": null"

#define CARDS \
  "\"cards\": [{\"id\": \"CRD-000017\", \"brand\": \"visa\", \"last4\": \"4242\"," \
  " \"exp_month\": 12, \"exp_year\": 2029, \"is_default\": true," \
  " \"added_at\": \"2025-06-02T14:00:00Z\"}," \
  " {\"id\": \"CRD-000018\", \"brand\": \"mastercard\", \"last4\": \"0005\"," \
  " \"exp_month\": 3, \"exp_year\": 2027, \"is_default\": false," \
  " \"added_at\": \"2025-07-02T14:00:00Z\"}]"

#define SUBSCRIPTION \
  "\"subscription\": {\"plan\": \"monthly\", \"status\": \"active\"," \
  " \"price\": {\"amount\": 999, \"currency\": \"USD\"}," \
  " \"renews_at\": \"2026-12-14T00:00:00Z\", \"cancelled_at\": null}"

#define VERIFICATION \
  "\"verification\": {\"id\": \"VER-000001\", \"account_id\": \"ACC-00017\"," \
  " \"ticket_id\": \"TCK-000123\", \"method\": \"card_last4\"," \
  " \"verified_by\": {\"id\": \"USR-0002\", \"name\": \"Alex Rivera\"}," \
  " \"verified_at\": \"2026-12-02T10:00:00Z\", \"expires_at\": \"2026-12-03T10:00:00Z\"}"

#define ACCOUNT(head, cards, subscription, properties, verification) \
  "{" head ", " cards ", " subscription ", " properties ", " verification "}"

static void
test_account_round_trip (void)
{
  g_autoptr(JsonNode) node = parse (ACCOUNT (HEAD, CARDS, SUBSCRIPTION, "\"properties\": []",
                                             VERIFICATION));
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcAccount) account = okc_account_new_from_json (node, NULL, &error);
  g_autoptr(OkcAccount) again = NULL;
  g_autoptr(JsonNode) encoded = NULL;
  g_autofree char *card = NULL;
  const OkcAccountSubscription *sub;
  const OkcAccountVerification *ver;
  GDateTime *expiry;

  g_assert_no_error (error);
  g_assert_cmpstr (okc_account_get_id (account), ==, "ACC-00017");
  g_assert_false (okc_account_is_host (account));
  g_assert_false (okc_account_is_deleted (account));
  g_assert_cmpstr (okc_account_get_email (account), ==, "maya.chen17@example.com");
  g_assert_null (okc_account_get_notification_email (account));
  g_assert_cmpuint (okc_account_get_n_cards (account), ==, 2);
  g_assert_true (okc_account_get_card (account, 0)->is_default);
  g_assert_cmpstr (okc_account_get_card (account, 1)->last4, ==, "0005");
  card = okc_account_card_describe (okc_account_get_card (account, 1));
  g_assert_cmpstr (card, ==, "Mastercard •••• 0005, expires 03/2027");

  sub = okc_account_get_subscription (account);
  g_assert_nonnull (sub);
  g_assert_cmpint (sub->status, ==, OKC_SUBSCRIPTION_STATUS_ACTIVE);
  g_assert_cmpint (sub->price.amount, ==, 999);
  g_assert_cmpstr (sub->price.currency, ==, "USD");
  g_assert_cmpint (sub->cancelled_at, ==, 0);

  ver = okc_account_get_verification (account);
  g_assert_nonnull (ver);
  g_assert_cmpint (ver->method, ==, OKC_VERIFICATION_METHOD_CARD_LAST4);
  g_assert_cmpstr (ver->verified_by_name, ==, "Alex Rivera");
  expiry = g_date_time_new_from_unix_utc (ver->expires_at);
  g_assert_cmpint (g_date_time_get_day_of_month (expiry), ==, 3);
  g_date_time_unref (expiry);
  g_assert_true (okc_account_is_verified (account, ver->expires_at - 1));
  g_assert_false (okc_account_is_verified (account, ver->expires_at));

  encoded = okc_account_to_json (account);
  again = okc_account_new_from_json (encoded, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (okc_account_get_n_cards (again), ==, 2);
  g_assert_cmpstr (okc_account_get_verification (again)->ticket_id, ==, "TCK-000123");
  g_assert_cmpint (okc_account_get_subscription (again)->renews_at, ==, sub->renews_at);
  g_assert_finalize_object (g_steal_pointer (&again));
  g_assert_finalize_object (g_steal_pointer (&account));
}

/* A deleted host without a subscription, cards or verification. */
static void
test_account_deleted_host (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"id\": \"ACC-00009\", \"kind\": \"host\", \"status\": \"deleted\","
    " \"name\": \"Deleted account\", \"email\": \"\", \"notification_email\": null,"
    " \"phone\": null, \"created_at\": \"2025-06-02T14:00:00Z\","
    " \"deleted_at\": \"2026-12-01T09:00:00Z\", \"cards\": [],"
    " \"subscription\": {\"plan\": \"annual\", \"status\": \"cancelled\","
    " \"price\": {\"amount\": 9900, \"currency\": \"USD\"}, \"renews_at\": null,"
    " \"cancelled_at\": \"2026-12-01T09:00:00Z\"},"
    " \"properties\": [{\"id\": \"PRP-0004\", \"name\": \"Lakeview Lofts\", \"city\": \"Napa\","
    " \"chargers\": 3}], \"verification\": null}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcAccount) account = okc_account_new_from_json (node, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (okc_account_is_host (account));
  g_assert_true (okc_account_is_deleted (account));
  g_assert_null (okc_account_get_phone (account));
  g_assert_cmpuint (okc_account_get_n_cards (account), ==, 0);
  g_assert_cmpint (okc_account_get_subscription (account)->status, ==,
                   OKC_SUBSCRIPTION_STATUS_CANCELLED);
  g_assert_cmpuint (okc_account_get_n_properties (account), ==, 1);
  g_assert_cmpuint (okc_account_get_property (account, 0)->n_chargers, ==, 3);
  g_assert_null (okc_account_get_verification (account));
  g_assert_false (okc_account_is_verified (account, 0));
}

typedef struct
{
  const char *json;
  const char *field;
} BadInput;

static void
assert_refused (const BadInput *cases,
                guint           n_cases,
                gpointer      (*decode) (JsonNode *, const char *, GError **))
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      gpointer object = decode (node, "account", &error);

      if (object != NULL)
        g_error ("accepted %s", cases[i].json);
      g_assert_error (error, OKC_DATA_ERROR, error->code);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].field);
      g_assert_true (g_str_has_prefix (error->message, cases[i].field));
    }
}

#define NO_SUB "\"subscription\": null"
#define NO_PROPS "\"properties\": []"
#define NO_VER "\"verification\": null"
#define NO_CARDS "\"cards\": []"

static void
test_account_refused (void)
{
  static const BadInput cases[] = {
    { "{" HEAD ", " CARDS ", " NO_SUB ", " NO_PROPS "}", "account.verification" },
    { "{" HEAD ", " NO_SUB ", " NO_PROPS ", " NO_VER "}", "account.cards" },
    { ACCOUNT ("\"id\": \"ACC-1\", \"kind\": \"driver\", \"status\": \"active\", \"name\": \"A\","
               " \"email\": \"a@example.com\", \"notification_email\": null, \"phone\": null,"
               " \"created_at\": \"2025-06-02T14:00:00Z\", \"deleted_at\": null",
               NO_CARDS, NO_SUB, NO_PROPS, NO_VER), "account.kind" },
    { ACCOUNT ("\"id\": \"ACC-1\", \"kind\": \"guest\", \"status\": \"frozen\", \"name\": \"A\","
               " \"email\": \"a@example.com\", \"notification_email\": null, \"phone\": null,"
               " \"created_at\": \"2025-06-02T14:00:00Z\", \"deleted_at\": null",
               NO_CARDS, NO_SUB, NO_PROPS, NO_VER), "account.status" },
    { ACCOUNT ("\"id\": \"ACC-1\", \"kind\": \"guest\", \"status\": \"deleted\", \"name\": \"A\","
               " \"email\": \"\", \"notification_email\": null, \"phone\": null,"
               " \"created_at\": \"2025-06-02T14:00:00Z\", \"deleted_at\": null",
               NO_CARDS, NO_SUB, NO_PROPS, NO_VER), "account.deleted_at" },
    { ACCOUNT (HEAD, "\"cards\": [{\"id\": \"CRD-1\", \"brand\": \"visa\", \"last4\": \"42x2\","
               " \"exp_month\": 12, \"exp_year\": 2029, \"is_default\": true,"
               " \"added_at\": \"2025-06-02T14:00:00Z\"}]", NO_SUB, NO_PROPS, NO_VER),
      "account.cards[0].last4" },
    { ACCOUNT (HEAD, "\"cards\": [{\"id\": \"CRD-1\", \"brand\": \"visa\", \"last4\": \"4242\","
               " \"exp_month\": 13, \"exp_year\": 2029, \"is_default\": true,"
               " \"added_at\": \"2025-06-02T14:00:00Z\"}]", NO_SUB, NO_PROPS, NO_VER),
      "account.cards[0].exp_month" },
    { ACCOUNT (HEAD, NO_CARDS,
               "\"subscription\": {\"plan\": \"monthly\", \"status\": \"paused\","
               " \"price\": {\"amount\": 999, \"currency\": \"USD\"},"
               " \"renews_at\": \"2026-12-14T00:00:00Z\", \"cancelled_at\": null}",
               NO_PROPS, NO_VER), "account.subscription.status" },
    { ACCOUNT (HEAD, NO_CARDS,
               "\"subscription\": {\"plan\": \"weekly\", \"status\": \"active\","
               " \"price\": {\"amount\": 999, \"currency\": \"USD\"},"
               " \"renews_at\": \"2026-12-14T00:00:00Z\", \"cancelled_at\": null}",
               NO_PROPS, NO_VER), "account.subscription.plan" },
    { ACCOUNT (HEAD, NO_CARDS,
               "\"subscription\": {\"plan\": \"monthly\", \"status\": \"active\","
               " \"renews_at\": \"2026-12-14T00:00:00Z\", \"cancelled_at\": null}",
               NO_PROPS, NO_VER), "account.subscription.price" },
    { ACCOUNT (HEAD, NO_CARDS,
               "\"subscription\": {\"plan\": \"monthly\", \"status\": \"cancelled\","
               " \"price\": {\"amount\": 999, \"currency\": \"USD\"},"
               " \"renews_at\": null, \"cancelled_at\": null}",
               NO_PROPS, NO_VER), "account.subscription.cancelled_at" },
    { ACCOUNT (HEAD, NO_CARDS, NO_SUB,
               "\"properties\": [{\"id\": \"PRP-1\", \"name\": \"X\", \"city\": \"Y\","
               " \"chargers\": 1}]", NO_VER), "account.properties" },
    { ACCOUNT (HEAD, NO_CARDS, NO_SUB, NO_PROPS,
               "\"verification\": {\"id\": \"VER-1\", \"account_id\": \"ACC-00017\","
               " \"ticket_id\": \"TCK-1\", \"method\": \"fingerprint\","
               " \"verified_by\": {\"id\": \"USR-1\", \"name\": \"A\"},"
               " \"verified_at\": \"2026-12-02T10:00:00Z\","
               " \"expires_at\": \"2026-12-03T10:00:00Z\"}"), "account.verification.method" },
    { ACCOUNT (HEAD, NO_CARDS, NO_SUB, NO_PROPS,
               "\"verification\": {\"id\": \"VER-1\", \"account_id\": \"ACC-00018\","
               " \"ticket_id\": \"TCK-1\", \"method\": \"card_last4\","
               " \"verified_by\": {\"id\": \"USR-1\", \"name\": \"A\"},"
               " \"verified_at\": \"2026-12-02T10:00:00Z\","
               " \"expires_at\": \"2026-12-03T10:00:00Z\"}"), "account.verification.account_id" },
    { ACCOUNT (HEAD, NO_CARDS, NO_SUB, NO_PROPS,
               "\"verification\": {\"id\": \"VER-1\", \"account_id\": \"ACC-00017\","
               " \"ticket_id\": \"TCK-1\", \"method\": \"card_last4\","
               " \"verified_at\": \"2026-12-02T10:00:00Z\","
               " \"expires_at\": \"2026-12-03T10:00:00Z\"}"), "account.verification.verified_by" },
  };

  assert_refused (cases, G_N_ELEMENTS (cases), (gpointer) okc_account_new_from_json);
}

static void
test_summary (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"id\": \"ACC-00017\", \"kind\": \"host\", \"status\": \"active\", \"name\": \"Maya Chen\","
    " \"email\": \"maya@example.com\", \"phone\": null}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcAccountSummary) summary = okc_account_summary_new_from_json (node, NULL, &error);
  static const BadInput cases[] = {
    { "{\"id\": \"ACC-1\", \"kind\": \"host\", \"status\": \"active\", \"name\": \"A\","
      " \"phone\": null}", "account.email" },
    { "{\"id\": \"ACC-1\", \"kind\": \"owner\", \"status\": \"active\", \"name\": \"A\","
      " \"email\": \"a@example.com\", \"phone\": null}", "account.kind" },
    { "{\"id\": \"\", \"kind\": \"host\", \"status\": \"active\", \"name\": \"A\","
      " \"email\": \"a@example.com\", \"phone\": null}", "account.id" },
    { "{\"id\": \"ACC-1\", \"kind\": \"host\", \"status\": \"active\", \"name\": \"A\","
      " \"email\": \"a@example.com\"}", "account.phone" },
  };

  g_assert_no_error (error);
  g_assert_true (okc_account_summary_is_host (summary));
  g_assert_false (okc_account_summary_is_deleted (summary));
  g_assert_cmpstr (okc_account_summary_get_name (summary), ==, "Maya Chen");
  g_assert_null (okc_account_summary_get_phone (summary));
  assert_refused (cases, G_N_ELEMENTS (cases), (gpointer) okc_account_summary_new_from_json);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Account/round-trip", test_account_round_trip);
  g_test_add_func ("/Okc/Account/deleted-host", test_account_deleted_host);
  g_test_add_func ("/Okc/Account/refused", test_account_refused);
  g_test_add_func ("/Okc/AccountSummary/decode", test_summary);
  return g_test_run ();
}
