/* okc-backend-dataset-private.h — what the dataset import's parts share
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-dataset.h"

G_BEGIN_DECLS

/* A blob the import has stored: its size and enough of its bytes to tell its type. */
typedef struct
{
  gint64 size;
  GBytes *head;
} OkcDatasetBlobInfo;

void     okc_dataset_blob_info_free          (OkcDatasetBlobInfo  *info);
gboolean okc_dataset_fail                    (GError             **error,
                                              const char          *path,
                                              const char          *format,
                                              ...) G_GNUC_PRINTF (3, 4);
gboolean okc_backend_dataset_import_tickets  (OkcBackendDb        *db,
                                              JsonObject          *root,
                                              GHashTable          *ids,
                                              GHashTable          *blobs,
                                              GError             **error);

G_END_DECLS
