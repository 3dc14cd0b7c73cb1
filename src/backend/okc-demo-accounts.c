/* okc-demo-accounts.c — the demo accounts' saved cards, subscriptions and notification
 * emails (docs/accounts.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-demo-names.h"
#include "okc-demo-world.h"

#define DAY (24 * 60 * 60)

/* A generator of its own, from the seed: what is drawn here leaves the rest of the
 * demo (sessions, tickets, payouts) as it was before accounts had cards. */
#define ACCOUNTS_SEED_SALT 0xCA4D5ull

static const char * const brands[] = { "visa", "mastercard", "amex", "discover" };
static const guint brand_weights[] = { 55, 30, 10, 5 };

/* The first renewal after @now, a whole number of periods after @created_at. */
static gint64
next_renewal (gint64      created_at,
              gboolean    annual,
              gint64      now)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (created_at);

  for (guint periods = 1; ; periods++)
    {
      g_autoptr(GDateTime) renewal = annual ? g_date_time_add_years (start, (int) periods)
                                            : g_date_time_add_months (start, (int) periods);
      gint64 at = g_date_time_to_unix (renewal);

      if (at > now)
        return at;
    }
}

static void
add_card (OkcDemoWorld   *world,
          OkcDemoRandom  *random,
          guint          *n_issued,
          OkcDemoAccount *account,
          const char     *last4,
          gint64          added_at)
{
  OkcDemoCard *card = &account->cards[account->n_cards];
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (world->now);
  int year = g_date_time_get_year (now);
  int month = g_date_time_get_month (now);

  card->id = okc_demo_world_intern (world, "CRD-%06u", ++*n_issued);
  card->brand = brands[okc_demo_random_weighted (random, brand_weights, G_N_ELEMENTS (brands))];
  card->last4 = last4;
  card->is_default = account->n_cards == 0;
  card->added_at = added_at;
  /* One card in ten expires this month or the next: the customer is about to be asked
   * for a new one. The others run one to five years on. */
  if (okc_demo_random_chance (random, 10))
    {
      int months = month + (int) okc_demo_random_below (random, 2);

      card->exp_year = (guint) (year + (months - 1) / 12);
      card->exp_month = (guint) ((months - 1) % 12 + 1);
    }
  else
    {
      card->exp_year = (guint) (year + (int) okc_demo_random_range (random, 1, 5));
      card->exp_month = 1 + okc_demo_random_below (random, 12);
    }
  account->n_cards++;
}

static void
add_cards (OkcDemoWorld   *world,
           OkcDemoRandom  *random,
           guint          *n_issued,
           OkcDemoAccount *account)
{
  add_card (world, random, n_issued, account, account->card_last4, account->created_at);
  if (okc_demo_random_chance (random, 30))
    {
      const char *last4 = okc_demo_world_intern (world, "%04u",
                                                 okc_demo_random_below (random, 10000));
      gint64 added_at = account->created_at +
                        okc_demo_random_range (random, 0, (world->now - account->created_at) / DAY) * DAY;

      add_card (world, random, n_issued, account, last4, added_at);
    }
}

/* Most subscriptions renew; some are cancelled at the end of the period, a few ended. */
static void
set_subscription (OkcDemoWorld   *world,
                  OkcDemoRandom  *random,
                  OkcDemoAccount *account)
{
  static const guint weights[] = { 82, 12, 6 };
  gboolean annual = g_str_equal (account->subscription, "annual");

  if (g_str_equal (account->subscription, "none"))
    {
      account->subscription_status = "none";
      return;
    }
  switch (okc_demo_random_weighted (random, weights, G_N_ELEMENTS (weights)))
    {
    case 0:
      account->subscription_status = "active";
      account->renews_at = next_renewal (account->created_at, annual, world->now);
      break;
    case 1:
      account->subscription_status = "cancelling";
      account->renews_at = next_renewal (account->created_at, annual, world->now);
      break;
    default:
      account->subscription_status = "cancelled";
      account->cancelled_at = world->now - okc_demo_random_range (
        random, 1, MAX (1, (world->now - account->created_at) / DAY)) * DAY;
      break;
    }
}

/* Receipts to a work address, say: the login email stays the personal one. */
static void
set_notification_email (OkcDemoWorld   *world,
                        OkcDemoRandom  *random,
                        OkcDemoAccount *account)
{
  const char *domain;

  if (!okc_demo_random_chance (random, 12))
    return;
  domain = okc_demo_email_domains[okc_demo_random_below (random, okc_demo_n_email_domains)];
  account->notification_email = okc_demo_world_intern (world, "receipts.%s@%s",
                                                       account->id + 4, domain);
}

/**
 * okc_demo_accounts_generate:
 *
 * Gives every account of @world its cards (one or two, the first the default, some
 * expiring), its subscription's state and renewal, and to some a notification email
 * apart from the login one. Deterministic by the seed.
 */
void
okc_demo_accounts_generate (OkcDemoWorld *world)
{
  OkcDemoRandom random;
  guint n_issued = 0;

  okc_demo_random_init (&random, world->seed ^ ACCOUNTS_SEED_SALT);
  for (guint i = 0; i < world->accounts->len; i++)
    {
      OkcDemoAccount *account = OKC_DEMO_ACCOUNT (world, i);

      add_cards (world, &random, &n_issued, account);
      set_subscription (world, &random, account);
      set_notification_email (world, &random, account);
    }
}

static gboolean
store_card (OkcBackendDb       *db,
            const OkcDemoAccount *account,
            const OkcDemoCard  *card,
            GError            **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "INSERT INTO cards (id, account_id, brand, last4, exp_month, exp_year, is_default, "
    "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, card->id);
  okc_backend_stmt_bind_text (stmt, 2, account->id);
  okc_backend_stmt_bind_text (stmt, 3, card->brand);
  okc_backend_stmt_bind_text (stmt, 4, card->last4);
  okc_backend_stmt_bind_int64 (stmt, 5, card->exp_month);
  okc_backend_stmt_bind_int64 (stmt, 6, card->exp_year);
  okc_backend_stmt_bind_int64 (stmt, 7, card->is_default);
  okc_backend_stmt_bind_int64 (stmt, 8, card->added_at);
  return okc_backend_db_step_done (db, stmt, error);
}

/* The cards of every account; their accounts are stored already. */
gboolean
okc_demo_accounts_store (OkcDemoWorld  *world,
                         OkcBackendDb  *db,
                         GError       **error)
{
  for (guint i = 0; i < world->accounts->len; i++)
    {
      OkcDemoAccount *account = OKC_DEMO_ACCOUNT (world, i);

      for (guint c = 0; c < account->n_cards; c++)
        if (!store_card (db, account, &account->cards[c], error))
          return FALSE;
    }
  return TRUE;
}
