/* okc-billing.h — the billing engine: a session's cost under its site's tariff
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-cost-breakdown.h"
#include "okc-metered-session.h"
#include "okc-tariff.h"

G_BEGIN_DECLS

OkcCostBreakdown *okc_billing_compute      (OkcTariff         *tariff,
                                            OkcMeteredSession *session,
                                            GError           **error);
gboolean          okc_billing_scale_half_up (gint64            value,
                                            gint64            numerator,
                                            gint64            denominator,
                                            gint64           *out);

G_END_DECLS
