/* okc-core-test-util.h — what the core tests share: times and tariffs written as text
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-core.h"

G_BEGIN_DECLS

gint64     okc_test_time   (const char *rfc3339);
OkcTariff *okc_test_tariff (const char *single_quoted_json);

G_END_DECLS
