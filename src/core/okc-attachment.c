/* okc-attachment.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-attachment.h"

#include <string.h>

#include "okc-error.h"
#include "okc-json.h"

struct _OkcAttachment
{
  GObject parent_instance;

  char *id;
  char *kind;
  char *filename;
  char *media_type;
  gint64 size;
};

G_DEFINE_FINAL_TYPE (OkcAttachment, okc_attachment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_FILENAME,
  PROP_MEDIA_TYPE,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
okc_attachment_finalize (GObject *object)
{
  OkcAttachment *self = OKC_ATTACHMENT (object);

  g_free (self->id);
  g_free (self->kind);
  g_free (self->filename);
  g_free (self->media_type);

  G_OBJECT_CLASS (okc_attachment_parent_class)->finalize (object);
}

static void
okc_attachment_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OkcAttachment *self = OKC_ATTACHMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_FILENAME:
      g_value_set_string (value, self->filename);
      break;
    case PROP_MEDIA_TYPE:
      g_value_set_string (value, self->media_type);
      break;
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_attachment_class_init (OkcAttachmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_attachment_finalize;
  object_class->get_property = okc_attachment_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILENAME] =
    g_param_spec_string ("filename", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEDIA_TYPE] = g_param_spec_string ("media-type", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_attachment_init (OkcAttachment *self)
{
}

static const char * const image_media_types[] = { "image/png", "image/jpeg", "image/webp", NULL };

gboolean
okc_media_type_is_image (const char *media_type)
{
  return media_type != NULL && g_strv_contains (image_media_types, media_type);
}

/**
 * okc_image_data_matches_type:
 *
 * Returns: %TRUE if @data starts with the signature of @media_type, so that a file
 *   labelled a PNG is a PNG.
 */
gboolean
okc_image_data_matches_type (GBytes     *data,
                             const char *media_type)
{
  gsize size;
  const guint8 *bytes = g_bytes_get_data (data, &size);

  if (g_strcmp0 (media_type, "image/png") == 0)
    return size >= 8 && memcmp (bytes, "\x89PNG\r\n\x1a\n", 8) == 0;
  if (g_strcmp0 (media_type, "image/jpeg") == 0)
    return size >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
  if (g_strcmp0 (media_type, "image/webp") == 0)
    return size >= 12 && memcmp (bytes, "RIFF", 4) == 0 && memcmp (bytes + 8, "WEBP", 4) == 0;
  return FALSE;
}

/**
 * okc_attachment_new_from_json:
 * @node: {"id", "kind", "filename", "media_type", "size"}
 *
 * Returns: (transfer full) (nullable): the attachment, or %NULL with an #OKC_DATA_ERROR.
 */
OkcAttachment *
okc_attachment_new_from_json (JsonNode    *node,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(OkcAttachment) self = NULL;
  const char *id = NULL, *kind = NULL, *filename = NULL, *media_type = NULL;
  JsonObject *object;
  gint64 size = 0;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_REQUIRED, &id, error) ||
      !okc_json_read_string (object, path, "kind", OKC_JSON_REQUIRED, &kind, error) ||
      !okc_json_read_string (object, path, "filename", OKC_JSON_REQUIRED, &filename, error) ||
      !okc_json_read_string (object, path, "media_type", OKC_JSON_REQUIRED, &media_type, error) ||
      !okc_json_read_int64 (object, path, "size", OKC_JSON_REQUIRED, &size, error))
    return NULL;

  if (!okc_media_type_is_image (media_type))
    {
      g_autofree char *member = okc_json_path_member (path, "media_type");
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, member,
                          "“%s” is not an image type the console shows", media_type);
      return NULL;
    }
  if (size < 0)
    {
      g_autofree char *member = okc_json_path_member (path, "size");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "is negative");
      return NULL;
    }

  self = g_object_new (OKC_TYPE_ATTACHMENT, NULL);
  self->id = g_strdup (id);
  self->kind = g_strdup (kind);
  self->filename = g_strdup (filename);
  self->media_type = g_strdup (media_type);
  self->size = size;
  return g_steal_pointer (&self);
}

JsonNode *
okc_attachment_to_json (OkcAttachment *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_ATTACHMENT (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->id);
  okc_json_builder_add_string (builder, "kind", self->kind);
  okc_json_builder_add_string (builder, "filename", self->filename);
  okc_json_builder_add_string (builder, "media_type", self->media_type);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, self->size);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

const char *
okc_attachment_get_id (OkcAttachment *self)
{
  g_return_val_if_fail (OKC_IS_ATTACHMENT (self), NULL);
  return self->id;
}

const char *
okc_attachment_get_kind (OkcAttachment *self)
{
  g_return_val_if_fail (OKC_IS_ATTACHMENT (self), NULL);
  return self->kind;
}

const char *
okc_attachment_get_filename (OkcAttachment *self)
{
  g_return_val_if_fail (OKC_IS_ATTACHMENT (self), NULL);
  return self->filename;
}

const char *
okc_attachment_get_media_type (OkcAttachment *self)
{
  g_return_val_if_fail (OKC_IS_ATTACHMENT (self), NULL);
  return self->media_type;
}

gint64
okc_attachment_get_size (OkcAttachment *self)
{
  g_return_val_if_fail (OKC_IS_ATTACHMENT (self), 0);
  return self->size;
}
