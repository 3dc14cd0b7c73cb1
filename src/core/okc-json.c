/* okc-json.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-json.h"

#include <glib/gi18n-lib.h>

#include "okc-enums.h"
#include "okc-error.h"
#include "okc-time.h"

/**
 * okc_json_path_member:
 * @path: (nullable): path of the enclosing object, "" or %NULL for the root
 * @member: a member name
 *
 * Returns: (transfer full): "path.member", or "member" at the root.
 */
char *
okc_json_path_member (const char *path,
                      const char *member)
{
  if (path == NULL || *path == '\0')
    return g_strdup (member);
  return g_strconcat (path, ".", member, NULL);
}

/**
 * okc_json_path_index:
 * @path: (nullable): path of the enclosing array
 * @index: an element index
 *
 * Returns: (transfer full): "path[index]".
 */
char *
okc_json_path_index (const char *path,
                     guint       index)
{
  return g_strdup_printf ("%s[%u]", path != NULL ? path : "", index);
}

/* What a member holds, for "expected a string, found an array". */
static const char *
describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    /* Translators: what a member of the backend's answer holds: the %s of
     * "expected a string, found %s" (and of the other "expected …" errors) */
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    case G_TYPE_DOUBLE:
      return _("a fractional number");
    default:
      return _("a number");
    }
}

JsonObject *
okc_json_node_get_object (JsonNode    *node,
                          const char  *path,
                          GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "expected an object, found %s",
                          describe_node (node));
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
okc_json_node_get_array (JsonNode    *node,
                         const char  *path,
                         GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "expected an array, found %s",
                          describe_node (node));
      return NULL;
    }
  return json_node_get_array (node);
}

gboolean
okc_json_node_get_string (JsonNode     *node,
                          const char   *path,
                          const char  **out,
                          GError      **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "expected a string, found %s",
                          describe_node (node));
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

/* Looks @member up. Returns the node, or NULL with *absent_ok telling whether absence is
 * acceptable (and no error set) or an error (set). */
static JsonNode *
lookup_member (JsonObject    *object,
               const char    *path,
               const char    *member,
               OkcJsonFlags   flags,
               gboolean      *absent_ok,
               GError       **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *absent_ok = FALSE;
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    return node;

  if ((flags & OKC_JSON_OPTIONAL) || (node != NULL && (flags & OKC_JSON_NULLABLE)))
    {
      *absent_ok = TRUE;
      return NULL;
    }

  {
    g_autofree char *member_path = okc_json_path_member (path, member);
    okc_data_error_set (error, OKC_DATA_ERROR_MISSING, member_path, "is required");
  }
  return NULL;
}

gboolean
okc_json_read_string (JsonObject    *object,
                      const char    *path,
                      const char    *member,
                      OkcJsonFlags   flags,
                      const char   **out,
                      GError       **error)
{
  g_autofree char *member_path = NULL;
  gboolean absent_ok;
  JsonNode *node;

  g_return_val_if_fail (object != NULL && member != NULL && out != NULL, FALSE);

  node = lookup_member (object, path, member, flags, &absent_ok, error);
  if (node == NULL)
    return absent_ok;

  member_path = okc_json_path_member (path, member);
  if (!okc_json_node_get_string (node, member_path, out, error))
    return FALSE;
  if ((flags & OKC_JSON_NOT_EMPTY) && *out != NULL && **out == '\0')
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member_path,
                          "expected a non-empty string, found \"\"");
      return FALSE;
    }
  return TRUE;
}

gboolean
okc_json_read_int64 (JsonObject    *object,
                     const char    *path,
                     const char    *member,
                     OkcJsonFlags   flags,
                     gint64        *out,
                     GError       **error)
{
  gboolean absent_ok;
  JsonNode *node;

  g_return_val_if_fail (object != NULL && member != NULL && out != NULL, FALSE);

  node = lookup_member (object, path, member, flags, &absent_ok, error);
  if (node == NULL)
    return absent_ok;

  /* json-glib parses integer literals as gint64 and anything with a fraction or an
   * exponent as double: only the former is an integer on our wire. */
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_autofree char *member_path = okc_json_path_member (path, member);
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member_path,
                          "expected an integer, found %s", describe_node (node));
      return FALSE;
    }

  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
okc_json_read_boolean (JsonObject    *object,
                       const char    *path,
                       const char    *member,
                       OkcJsonFlags   flags,
                       gboolean      *out,
                       GError       **error)
{
  gboolean absent_ok;
  JsonNode *node;

  g_return_val_if_fail (object != NULL && member != NULL && out != NULL, FALSE);

  node = lookup_member (object, path, member, flags, &absent_ok, error);
  if (node == NULL)
    return absent_ok;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *member_path = okc_json_path_member (path, member);
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member_path,
                          "expected true or false, found %s", describe_node (node));
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
okc_json_read_time (JsonObject    *object,
                    const char    *path,
                    const char    *member,
                    OkcJsonFlags   flags,
                    gint64        *out_unix,
                    GError       **error)
{
  g_autofree char *member_path = NULL;
  const char *text = NULL;

  g_return_val_if_fail (out_unix != NULL, FALSE);

  if (!okc_json_read_string (object, path, member, flags, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!okc_time_parse_rfc3339 (text, out_unix))
    {
      member_path = okc_json_path_member (path, member);
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member_path,
                          "“%s” is not an RFC 3339 time such as 2026-11-24T09:30:00Z", text);
      return FALSE;
    }
  return TRUE;
}

gboolean
okc_json_read_object (JsonObject    *object,
                      const char    *path,
                      const char    *member,
                      OkcJsonFlags   flags,
                      JsonObject   **out,
                      GError       **error)
{
  g_autofree char *member_path = NULL;
  gboolean absent_ok;
  JsonObject *result;
  JsonNode *node;

  g_return_val_if_fail (object != NULL && member != NULL && out != NULL, FALSE);

  node = lookup_member (object, path, member, flags, &absent_ok, error);
  if (node == NULL)
    return absent_ok;

  member_path = okc_json_path_member (path, member);
  result = okc_json_node_get_object (node, member_path, error);
  if (result == NULL)
    return FALSE;

  *out = result;
  return TRUE;
}

gboolean
okc_json_read_array (JsonObject    *object,
                     const char    *path,
                     const char    *member,
                     OkcJsonFlags   flags,
                     JsonArray    **out,
                     GError       **error)
{
  g_autofree char *member_path = NULL;
  gboolean absent_ok;
  JsonArray *result;
  JsonNode *node;

  g_return_val_if_fail (object != NULL && member != NULL && out != NULL, FALSE);

  node = lookup_member (object, path, member, flags, &absent_ok, error);
  if (node == NULL)
    return absent_ok;

  member_path = okc_json_path_member (path, member);
  result = okc_json_node_get_array (node, member_path, error);
  if (result == NULL)
    return FALSE;

  *out = result;
  return TRUE;
}

/**
 * okc_json_read_enum:
 * @enum_type: a #GEnum type whose value nicks are the wire names
 *
 * Reads a string member naming one of @enum_type's values by its nick.
 */
gboolean
okc_json_read_enum (JsonObject    *object,
                    const char    *path,
                    const char    *member,
                    GType          enum_type,
                    OkcJsonFlags   flags,
                    int           *out,
                    GError       **error)
{
  const char *text = NULL;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type) && out != NULL, FALSE);

  if (!okc_json_read_string (object, path, member, flags, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!okc_enum_from_nick (enum_type, text, out))
    {
      g_autofree char *member_path = okc_json_path_member (path, member);
      g_autofree char *known = okc_enum_list_nicks (enum_type);
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, member_path,
                          "“%s” is not one of %s", text, known);
      return FALSE;
    }
  return TRUE;
}

/**
 * okc_json_check_members:
 * @allowed: (array zero-terminated=1): the member names @object may have
 *
 * Fails on the first member of @object that is not in @allowed. For inputs the server
 * validates (a chatbot hand-off); responses read by the console tolerate new members.
 */
gboolean
okc_json_check_members (JsonObject          *object,
                        const char          *path,
                        const char * const  *allowed,
                        GError             **error)
{
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, NULL))
    {
      if (!g_strv_contains (allowed, name))
        {
          g_autofree char *member_path = okc_json_path_member (path, name);
          okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, member_path, "is not a known member");
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * okc_json_decode_list:
 * @array: the array to decode
 * @path: its path, for errors
 * @decode: decodes one element
 * @into: the store the decoded objects are appended to, all or none
 *
 * Returns: %TRUE if every element decoded.
 */
gboolean
okc_json_decode_list (JsonArray             *array,
                      const char            *path,
                      OkcJsonObjectDecoder   decode,
                      GListStore            *into,
                      GError               **error)
{
  guint n = json_array_get_length (array);
  g_autoptr(GPtrArray) decoded = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *element_path = okc_json_path_index (path, i);
      gpointer object = decode (json_array_get_element (array, i), element_path, error);

      if (object == NULL)
        return FALSE;
      g_ptr_array_add (decoded, object);
    }

  g_list_store_splice (into, g_list_model_get_n_items (G_LIST_MODEL (into)), 0, decoded->pdata,
                       decoded->len);
  return TRUE;
}

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
 * okc_json_parse_bytes:
 * @bytes: UTF-8 JSON text
 *
 * Refuses documents nested deeper than %OKC_JSON_MAX_DEPTH levels before parsing them.
 *
 * Returns: (transfer full): the document's root node, or %NULL with an #OKC_DATA_ERROR.
 */
JsonNode *
okc_json_parse_bytes (GBytes  *bytes,
                      GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (size == 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, NULL, "the document is empty");
      return NULL;
    }
  if (!g_utf8_validate (data, (gssize) size, NULL))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, NULL, "the document is not UTF-8 text");
      return NULL;
    }
  /* json-glib's parser recurses once per level of nesting: a few megabytes of "[" from
   * a client, a file or a broken server would overflow the stack. */
  if (nesting_depth (data, size, OKC_JSON_MAX_DEPTH) > OKC_JSON_MAX_DEPTH)
    {
      okc_data_error_set_plural (error, OKC_DATA_ERROR_INVALID, NULL,
                                 "arrays and objects are nested deeper than %d level",
                                 "arrays and objects are nested deeper than %d levels",
                                 OKC_JSON_MAX_DEPTH, OKC_JSON_MAX_DEPTH);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, (gssize) size, &parse_error))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, NULL, "not valid JSON: %s",
                          parse_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, NULL, "the document is empty");
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/**
 * okc_json_to_string:
 *
 * Returns: (transfer full): @node as compact JSON text.
 */
char *
okc_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

void
okc_json_builder_add_time (JsonBuilder *builder,
                           const char  *member,
                           gint64       unix_time)
{
  g_autofree char *text = okc_time_format_rfc3339 (unix_time);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

/* Adds @member with @value, or null when @value is NULL. */
void
okc_json_builder_add_string (JsonBuilder *builder,
                             const char  *member,
                             const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
