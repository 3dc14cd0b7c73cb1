/* okc-backend-json.c — parsing untrusted JSON without letting it exhaust the stack
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-json.h"

#include "okc-core.h"

/* The deepest nesting of arrays and objects in @data, counting no brackets inside
 * strings; stops counting past @limit. */
static guint
nesting_depth (const char *data,
               gsize       size,
               guint       limit)
{
  gboolean in_string = FALSE;
  guint depth = 0, deepest = 0;

  for (gsize i = 0; i < size && deepest <= limit; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return deepest;
}

/**
 * okc_backend_json_parse:
 * @bytes: JSON text from a client or a file
 *
 * json-glib's parser recurses once per level of nesting: a body of a few megabytes of
 * "[" would overflow the server's stack. Such a document is refused before parsing.
 *
 * Returns: (transfer full) (nullable): the root, or %NULL with an #OKC_DATA_ERROR.
 */
JsonNode *
okc_backend_json_parse (GBytes  *bytes,
                        GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (nesting_depth (data, size, OKC_BACKEND_JSON_MAX_DEPTH) > OKC_BACKEND_JSON_MAX_DEPTH)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, NULL,
                          "arrays and objects are nested deeper than %d levels",
                          OKC_BACKEND_JSON_MAX_DEPTH);
      return NULL;
    }
  return okc_json_parse_bytes (bytes, error);
}
