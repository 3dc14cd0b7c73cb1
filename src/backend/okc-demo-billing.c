/* okc-demo-billing.c — what a demo session is billed, by the site's tariff (or not)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-demo-billing.h"

/* How much more per kWh an overcharged session was billed, in cents. */
#define OVERCHARGE_PER_KWH 12

/**
 * okc_demo_billing_divide_rounded:
 * @numerator: 0 or more
 * @denominator: more than 0
 *
 * Returns: @numerator / @denominator rounded half up, in integers: the rounding rule
 *   of every demo amount (docs/dataset-format.md).
 */
gint64
okc_demo_billing_divide_rounded (gint64 numerator,
                                 gint64 denominator)
{
  g_return_val_if_fail (numerator >= 0 && denominator > 0, 0);

  return (numerator + denominator / 2) / denominator;
}

static void
total_up (const OkcDemoProperty *property,
          OkcDemoSession        *session)
{
  gint64 subtotal = session->connection_fee + session->energy_fee + session->idle_fee;

  session->tax = okc_demo_billing_divide_rounded (subtotal * property->tax_rate_bp, 10000);
  session->total = subtotal + session->tax;
}

/**
 * okc_demo_billing_compute:
 *
 * Bills @session by its property's tariff, as the article describes billing: the
 * connection fee once per session; the energy at the site's rate per kWh; the idle fee
 * per whole minute the car stayed plugged in after charging completed, beyond the grace
 * period; the tax on the sum. A session with the OVERCHARGE problem is billed energy at
 * a higher rate than the tariff's.
 */
void
okc_demo_billing_compute (const OkcDemoProperty *property,
                          OkcDemoSession        *session)
{
  gint64 rate = property->energy_rate_per_kwh;
  gint64 idle_minutes = 0;

  if (session->problem == OKC_DEMO_PROBLEM_OVERCHARGE)
    rate += OVERCHARGE_PER_KWH;

  if (session->charging_ended_at > 0)
    idle_minutes = (session->ended_at - session->charging_ended_at) / 60 -
                   property->idle_grace_minutes;

  session->connection_fee = property->connection_fee;
  session->energy_fee = okc_demo_billing_divide_rounded (session->energy_wh * rate, 1000);
  session->idle_fee = MAX (idle_minutes, 0) * property->idle_fee_per_minute;
  total_up (property, session);
}

/**
 * okc_demo_billing_plant_idle_fee:
 * @phantom_minutes: the idle minutes billed although the car charged until unplugged
 *
 * The article's "idle fees applied when the car was not truly idle".
 */
void
okc_demo_billing_plant_idle_fee (const OkcDemoProperty *property,
                                 OkcDemoSession        *session,
                                 gint64                 phantom_minutes)
{
  session->idle_fee = phantom_minutes * property->idle_fee_per_minute;
  total_up (property, session);
}
