/* okc-json.h — strict reading of JSON members, with the path of what is wrong
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deeper than any document of the API or the data set format (those nest 6 levels). */
#define OKC_JSON_MAX_DEPTH 64

/**
 * OkcJsonFlags:
 * @OKC_JSON_REQUIRED: the member must be present and not null
 * @OKC_JSON_OPTIONAL: the member may be absent or null; the output is left untouched then
 * @OKC_JSON_NULLABLE: the member must be present but may be null, which leaves the output
 *   untouched: the contract spells out an unknown value as null rather than leaving it out
 *
 * How a reader treats an absent or null member. Present members are always checked
 * strictly: a number where a string belongs is an error, never a conversion.
 */
typedef enum
{
  OKC_JSON_REQUIRED = 0,
  OKC_JSON_OPTIONAL = 1 << 0,
  OKC_JSON_NULLABLE = 1 << 1,
  OKC_JSON_NOT_EMPTY = 1 << 2,   /* a string: "" is refused */
} OkcJsonFlags;

char       *okc_json_path_member     (const char   *path,
                                      const char   *member);
char       *okc_json_path_index      (const char   *path,
                                      guint         index);

JsonObject *okc_json_node_get_object (JsonNode     *node,
                                      const char   *path,
                                      GError      **error);
JsonArray  *okc_json_node_get_array  (JsonNode     *node,
                                      const char   *path,
                                      GError      **error);
gboolean    okc_json_node_get_string (JsonNode     *node,
                                      const char   *path,
                                      const char  **out,
                                      GError      **error);

gboolean    okc_json_read_string     (JsonObject   *object,
                                      const char   *path,
                                      const char   *member,
                                      OkcJsonFlags  flags,
                                      const char  **out,
                                      GError      **error);
gboolean    okc_json_read_int64      (JsonObject   *object,
                                      const char   *path,
                                      const char   *member,
                                      OkcJsonFlags  flags,
                                      gint64       *out,
                                      GError      **error);
gboolean    okc_json_read_boolean    (JsonObject   *object,
                                      const char   *path,
                                      const char   *member,
                                      OkcJsonFlags  flags,
                                      gboolean     *out,
                                      GError      **error);
gboolean    okc_json_read_time       (JsonObject   *object,
                                      const char   *path,
                                      const char   *member,
                                      OkcJsonFlags  flags,
                                      gint64       *out_unix,
                                      GError      **error);
gboolean    okc_json_read_object     (JsonObject   *object,
                                      const char   *path,
                                      const char   *member,
                                      OkcJsonFlags  flags,
                                      JsonObject  **out,
                                      GError      **error);
gboolean    okc_json_read_array      (JsonObject   *object,
                                      const char   *path,
                                      const char   *member,
                                      OkcJsonFlags  flags,
                                      JsonArray   **out,
                                      GError      **error);
gboolean    okc_json_read_enum       (JsonObject   *object,
                                      const char   *path,
                                      const char   *member,
                                      GType         enum_type,
                                      OkcJsonFlags  flags,
                                      int          *out,
                                      GError      **error);
gboolean    okc_json_check_members   (JsonObject          *object,
                                      const char          *path,
                                      const char * const  *allowed,
                                      GError             **error);

/* Decodes one element of an array into a new GObject, or returns NULL with an error. */
typedef gpointer (*OkcJsonObjectDecoder) (JsonNode    *node,
                                          const char  *path,
                                          GError     **error);

gboolean    okc_json_decode_list     (JsonArray            *array,
                                      const char           *path,
                                      OkcJsonObjectDecoder  decode,
                                      GListStore           *into,
                                      GError              **error);

JsonNode   *okc_json_parse_bytes     (GBytes       *bytes,
                                      GError      **error);
char       *okc_json_to_string       (JsonNode     *node);

void        okc_json_builder_add_time    (JsonBuilder *builder,
                                          const char  *member,
                                          gint64       unix_time);
void        okc_json_builder_add_string  (JsonBuilder *builder,
                                          const char  *member,
                                          const char  *value);

G_END_DECLS
