/* okc-backend-users.h — the support team's accounts in the database
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"
#include "okc-core.h"

G_BEGIN_DECLS

gboolean   okc_backend_users_insert       (OkcBackendDb  *db,
                                           OkcUser       *user,
                                           const char    *password_hash,
                                           GError       **error);
OkcUser   *okc_backend_users_lookup       (OkcBackendDb  *db,
                                           const char    *id,
                                           GError       **error);
OkcUser   *okc_backend_users_lookup_email (OkcBackendDb  *db,
                                           const char    *email,
                                           char         **out_password_hash,
                                           GError       **error);
GPtrArray *okc_backend_users_list_staff   (OkcBackendDb  *db,
                                           GError       **error);

G_END_DECLS
