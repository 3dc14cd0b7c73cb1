/* okc-backend-dataset.h — the whole data set as one JSON document (docs/dataset-format.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "okc-backend-db.h"

G_BEGIN_DECLS

#define OKC_DATASET_FORMAT "ok2charge-dataset"
#define OKC_DATASET_VERSION 2

gboolean okc_backend_dataset_export      (OkcBackendDb   *db,
                                          GOutputStream  *out,
                                          GError        **error);
gboolean okc_backend_dataset_import      (OkcBackendDb   *db,
                                          JsonNode       *root,
                                          GError        **error);
gboolean okc_backend_dataset_import_file (OkcBackendDb   *db,
                                          GFile          *file,
                                          GError        **error);

G_END_DECLS
