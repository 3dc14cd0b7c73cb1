/* okc-backend-routes-export.c — GET /v1/export: the whole data set, for supervisors
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-dataset.h"
#include "okc-backend-routes.h"

static void
export_cb (OkcBackendRequest *request)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) document = NULL;
  gsize size;
  gconstpointer data;

  if (!okc_backend_dataset_export (request->db, memory, &error) ||
      !g_output_stream_close (memory, NULL, &error))
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }

  document = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  data = g_bytes_get_data (document, &size);
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Content-Disposition",
                                "attachment; filename=\"ok2charge-dataset.json\"");
  soup_server_message_set_status (request->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (request->msg, "application/json", SOUP_MEMORY_COPY, data,
                                    size);
}

void
okc_backend_export_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/export",
                                OKC_BACKEND_ACCESS_SUPERVISOR, OKC_BACKEND_ROUTE_NONE, export_cb);
}
