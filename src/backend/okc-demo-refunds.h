/* okc-demo-refunds.h — refunds agents asked for and supervisors have yet to review
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"

G_BEGIN_DECLS

gboolean okc_demo_refunds_store (OkcBackendDb  *db,
                                 gint64         now,
                                 GError       **error);

G_END_DECLS
