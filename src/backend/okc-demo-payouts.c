/* okc-demo-payouts.c — weekly payouts to hosts, some not matching their sessions
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-demo-world.h"

#define DAY (24 * 60 * 60)
#define N_WEEKS 4
/* OK2Charge keeps 5 % of the session revenue. */
#define PLATFORM_FEE_BP 500
/* Revenue below a dollar is carried to the next payout, not paid. */
#define PAYOUT_THRESHOLD 100

static void
format_day (gint64 day,
            char   out[11])
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (day * DAY);
  g_autofree char *text = g_date_time_format (time, "%Y-%m-%d");

  g_strlcpy (out, text, 11);
}

/* The first day (days since the epoch) of the oldest of the last complete weeks,
 * Monday to Sunday in UTC. */
static gint64
first_week_start (gint64 now)
{
  gint64 today = now / DAY;
  gint64 monday = today - (today + 3) % 7; /* 1970-01-01 was a Thursday */

  return monday - N_WEEKS * 7;
}

static void
add_payout (OkcDemoWorld *world,
            guint         property,
            gint64        week_start,
            gint64        revenue)
{
  OkcDemoPayout payout = { 0 };
  OkcDemoRandom *random = &world->random;

  payout.id = okc_demo_world_intern (world, "PAY-%05u", world->payouts->len + 1);
  payout.property = property;
  format_day (week_start, payout.period_from);
  format_day (week_start + 6, payout.period_to);
  payout.session_revenue = revenue;
  /* Half up, as every amount the engine rounds (docs/billing.md). */
  if (!okc_billing_scale_half_up (revenue, PLATFORM_FEE_BP, 10000, &payout.fees))
    payout.fees = 0;
  payout.amount = revenue - payout.fees;

  /* The article's "payouts don't seem to match dashboard activity": a refund deducted
   * twice, a session left out. */
  if (okc_demo_random_chance (random, 12))
    {
      gint64 shortfall = okc_demo_random_range (random, 300, 4000);
      payout.amount -= MIN (payout.amount, shortfall);
    }

  payout.paid_at = (week_start + 9) * DAY + 15 * 60 * 60;
  if (payout.paid_at > world->now)
    {
      payout.status = "pending";
      payout.paid_at = 0;
    }
  else if (okc_demo_random_chance (random, 7))
    {
      payout.status = "failed";
      payout.paid_at = 0;
    }
  else
    payout.status = "paid";
  g_array_append_val (world->payouts, payout);
}

/**
 * okc_demo_payouts_generate:
 *
 * One payout per property and complete week: the sessions' revenue (their billed
 * totals as they are, mischarges included) less the platform fee, paid the Wednesday after; some paid short, some failed, the last ones pending.
 */
void
okc_demo_payouts_generate (OkcDemoWorld *world)
{
  gint64 start = first_week_start (world->now);
  guint n_properties = world->properties->len;
  g_autofree gint64 *revenue = g_new0 (gint64, (gsize) n_properties * N_WEEKS);

  for (guint i = 0; i < world->sessions->len; i++)
    {
      OkcDemoSession *session = OKC_DEMO_SESSION (world, i);
      int property = OKC_DEMO_CHARGER (world, session->charger)->property;
      gint64 week = (session->started_at / DAY - start) / 7;

      if (property >= 0 && session->started_at / DAY >= start && week < N_WEEKS)
        revenue[(gsize) property * N_WEEKS + week] += session->total;
    }

  for (guint week = 0; week < N_WEEKS; week++)
    for (guint p = 0; p < n_properties; p++)
      if (revenue[(gsize) p * N_WEEKS + week] >= PAYOUT_THRESHOLD)
        add_payout (world, p, start + week * 7, revenue[(gsize) p * N_WEEKS + week]);
}
