/* okc-demo-billing.h — what a demo session is billed, by the site's tariff (or not)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-demo-world.h"

G_BEGIN_DECLS

gint64 okc_demo_billing_divide_rounded   (gint64                 numerator,
                                          gint64                 denominator);
void   okc_demo_billing_compute          (const OkcDemoProperty *property,
                                          OkcDemoSession        *session);
void   okc_demo_billing_plant_idle_fee   (const OkcDemoProperty *property,
                                          OkcDemoSession        *session,
                                          gint64                 phantom_minutes);

G_END_DECLS
