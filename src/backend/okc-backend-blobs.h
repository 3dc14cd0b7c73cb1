/* okc-backend-blobs.h — image bytes stored once, by their SHA-256
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"

G_BEGIN_DECLS

char   *okc_backend_blobs_put (OkcBackendDb  *db,
                               GBytes        *data,
                               GError       **error);
GBytes *okc_backend_blobs_get (OkcBackendDb  *db,
                               const char    *sha256,
                               GError       **error);

G_END_DECLS
