/* okc-backend-request.c — one API request as a route handler sees it, and its replies
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-request.h"

/**
 * okc_backend_reply_json:
 * @node: (transfer none): the response body
 *
 * Answers @msg with @status and @node as compact JSON.
 */
void
okc_backend_reply_json (SoupServerMessage *msg,
                        guint              status,
                        JsonNode          *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

/**
 * okc_backend_reply_error:
 * @code: the machine-readable code of docs/api.md ("invalid_parameter")
 * @field: (nullable): the input to blame: a body member's path or a query parameter
 *
 * Answers {"error": {"code", "message", "field"}}; `field` only when there is one.
 */
void
okc_backend_reply_error (SoupServerMessage *msg,
                         guint              status,
                         const char        *code,
                         const char        *field,
                         const char        *format,
                         ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "code", code);
  okc_json_builder_add_string (builder, "message", message);
  if (field != NULL)
    okc_json_builder_add_string (builder, "field", field);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  okc_backend_reply_json (msg, status, root);
}

/**
 * okc_backend_reply_invalid_input:
 * @error: an #OKC_DATA_ERROR from core's validation
 *
 * Answers 422 invalid_input, `field` being the path the error blames.
 */
void
okc_backend_reply_invalid_input (SoupServerMessage *msg,
                                 const GError      *error)
{
  okc_backend_reply_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_input",
                           okc_data_error_get_field (error), "%s", error->message);
}

/* For failures of the server itself (a full disk, a corrupt database), never for bad
 * input: the client is told, the operator reads the log. */
void
okc_backend_reply_internal_error (SoupServerMessage *msg,
                                  const GError      *error)
{
  g_message ("Internal error answering %s %s: %s", soup_server_message_get_method (msg),
             g_uri_get_path (soup_server_message_get_uri (msg)), error->message);
  okc_backend_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal_error", NULL,
                           "The backend failed: %s", error->message);
}

void
okc_backend_reply_not_found (SoupServerMessage *msg,
                             const char        *what,
                             const char        *id)
{
  okc_backend_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL, "No %s “%s”", what, id);
}

/**
 * okc_backend_request_get_query:
 *
 * Returns: (nullable): the value of the query parameter @name, if it was given.
 */
const char *
okc_backend_request_get_query (OkcBackendRequest *request,
                               const char        *name)
{
  if (request->query == NULL)
    return NULL;
  return g_hash_table_lookup (request->query, name);
}

/**
 * okc_backend_request_get_limit:
 * @fallback: the value when the parameter is absent
 * @out: (out): the value
 *
 * Reads the query parameter @name as a whole number from 1 to @max; answers 400
 * invalid_parameter naming it otherwise.
 *
 * Returns: whether it was absent or valid.
 */
gboolean
okc_backend_request_get_limit (OkcBackendRequest *request,
                               const char        *name,
                               guint              fallback,
                               guint              max,
                               guint             *out)
{
  const char *text = okc_backend_request_get_query (request, name);
  guint64 value;
  g_autofree char *message = NULL;

  *out = fallback;
  if (text == NULL)
    return TRUE;
  if (g_ascii_string_to_unsigned (text, 10, 1, max, &value, NULL))
    {
      *out = (guint) value;
      return TRUE;
    }
  message = g_strdup_printf ("“%s” is not a whole number from 1 to %u", text, max);
  okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter", name,
                           "%s: %s", name, message);
  return FALSE;
}
