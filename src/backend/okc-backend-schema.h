/* okc-backend-schema.h — the tables of the backend's database and their migrations
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char * const *okc_backend_schema_get_migrations (guint *n_migrations);
const char * const *okc_backend_schema_get_tables     (guint *n_tables);

G_END_DECLS
