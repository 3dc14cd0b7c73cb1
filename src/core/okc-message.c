/* okc-message.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-message.h"

#include <glib/gi18n-lib.h>

#include "okc-error.h"
#include "okc-json.h"

struct _OkcMessage
{
  GObject parent_instance;

  OkcSender sender;
  gint64 sent_at;
  char *text;
};

G_DEFINE_FINAL_TYPE (OkcMessage, okc_message, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SENDER,
  PROP_SENT_AT,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
okc_message_finalize (GObject *object)
{
  OkcMessage *self = OKC_MESSAGE (object);

  g_free (self->text);

  G_OBJECT_CLASS (okc_message_parent_class)->finalize (object);
}

static void
okc_message_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OkcMessage *self = OKC_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_SENDER:
      g_value_set_enum (value, self->sender);
      break;
    case PROP_SENT_AT:
      g_value_set_int64 (value, self->sent_at);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_message_class_init (OkcMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_message_finalize;
  object_class->get_property = okc_message_get_property;

  properties[PROP_SENDER] =
    g_param_spec_enum ("sender", NULL, NULL, OKC_TYPE_SENDER, OKC_SENDER_CUSTOMER,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SENT_AT] = g_param_spec_int64 ("sent-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_message_init (OkcMessage *self)
{
}

OkcMessage *
okc_message_new (OkcSender   sender,
                 gint64      sent_at,
                 const char *text)
{
  OkcMessage *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (OKC_TYPE_MESSAGE, NULL);
  self->sender = sender;
  self->sent_at = sent_at;
  self->text = g_strdup (text);
  return self;
}

/**
 * okc_message_new_from_json:
 * @node: {"sender": "customer"|"chatbot"|"agent", "sent_at": RFC 3339, "text": "…"}
 *
 * Returns: (transfer full) (nullable): the message, or %NULL with an #OKC_DATA_ERROR.
 */
OkcMessage *
okc_message_new_from_json (JsonNode    *node,
                           const char  *path,
                           GError     **error)
{
  const char *text = NULL;
  JsonObject *object;
  gint64 sent_at = 0;
  int sender = 0;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_enum (object, path, "sender", OKC_TYPE_SENDER, OKC_JSON_REQUIRED, &sender,
                           error) ||
      !okc_json_read_time (object, path, "sent_at", OKC_JSON_REQUIRED, &sent_at, error) ||
      !okc_json_read_string (object, path, "text", OKC_JSON_REQUIRED, &text, error))
    return NULL;

  if (*text == '\0' || g_utf8_strlen (text, -1) > OKC_MESSAGE_MAX_LENGTH)
    {
      g_autofree char *member = okc_json_path_member (path, "text");
      if (*text == '\0')
        okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "is empty");
      else
        okc_data_error_set_plural (error, OKC_DATA_ERROR_INVALID, member,
                                   "is longer than %d character", "is longer than %d characters",
                                   OKC_MESSAGE_MAX_LENGTH, OKC_MESSAGE_MAX_LENGTH);
      return NULL;
    }

  return okc_message_new (sender, sent_at, text);
}

JsonNode *
okc_message_to_json (OkcMessage *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_MESSAGE (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "sender", okc_enum_to_nick (OKC_TYPE_SENDER, self->sender));
  okc_json_builder_add_time (builder, "sent_at", self->sent_at);
  okc_json_builder_add_string (builder, "text", self->text);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

OkcSender
okc_message_get_sender (OkcMessage *self)
{
  g_return_val_if_fail (OKC_IS_MESSAGE (self), OKC_SENDER_CUSTOMER);
  return self->sender;
}

gint64
okc_message_get_sent_at (OkcMessage *self)
{
  g_return_val_if_fail (OKC_IS_MESSAGE (self), 0);
  return self->sent_at;
}

const char *
okc_message_get_text (OkcMessage *self)
{
  g_return_val_if_fail (OKC_IS_MESSAGE (self), NULL);
  return self->text;
}
