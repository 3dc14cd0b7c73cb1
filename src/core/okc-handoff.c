/* okc-handoff.c — validation of the chatbot's hand-off, member by member
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-handoff.h"

#include <string.h>

#include "okc-attachment.h"
#include "okc-error.h"
#include "okc-json.h"
#include "okc-message.h"

static void
handoff_attachment_free (OkcHandoffAttachment *attachment)
{
  g_free (attachment->kind);
  g_free (attachment->filename);
  g_free (attachment->media_type);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
}

void
okc_handoff_free (OkcHandoff *handoff)
{
  if (handoff == NULL)
    return;

  g_free (handoff->summary);
  okc_requester_clear (&handoff->requester);
  g_clear_pointer (&handoff->fields, json_object_unref);
  g_clear_pointer (&handoff->transcript, g_ptr_array_unref);
  g_clear_pointer (&handoff->attachments, g_ptr_array_unref);
  g_free (handoff);
}

static gboolean
is_base64 (const char *text)
{
  gsize length = strlen (text);
  gsize padding = 0;

  if (length == 0 || length % 4 != 0)
    return FALSE;
  while (padding < 2 && text[length - 1 - padding] == '=')
    padding++;
  for (gsize i = 0; i < length - padding; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '/')
      return FALSE;
  return TRUE;
}

static GBytes *
decode_image_data (const char  *base64,
                   const char  *media_type,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(GBytes) data = NULL;
  guchar *decoded;
  gsize size;

  if (!is_base64 (base64))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "is not base64 data");
      return NULL;
    }

  decoded = g_base64_decode (base64, &size);
  data = g_bytes_new_take (decoded, size);
  if (size > OKC_HANDOFF_MAX_ATTACHMENT_SIZE)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "is larger than %d MiB",
                          OKC_HANDOFF_MAX_ATTACHMENT_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!okc_image_data_matches_type (data, media_type))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "is not a %s image", media_type);
      return NULL;
    }
  return g_steal_pointer (&data);
}

static OkcHandoffAttachment *
read_attachment (const OkcTopic  *topic,
                 JsonNode        *node,
                 const char      *path,
                 GError         **error)
{
  static const char * const members[] = { "kind", "filename", "media_type", "data", NULL };
  g_autofree char *kind_path = okc_json_path_member (path, "kind");
  g_autofree char *data_path = okc_json_path_member (path, "data");
  const char *kind = NULL, *filename = NULL, *media_type = NULL, *base64 = NULL;
  OkcHandoffAttachment *attachment;
  JsonObject *object;
  GBytes *data;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL || !okc_json_check_members (object, path, members, error) ||
      !okc_json_read_string (object, path, "kind", OKC_JSON_REQUIRED, &kind, error) ||
      !okc_topic_validate_attachment_kind (topic, kind, kind_path, error) ||
      !okc_json_read_string (object, path, "filename", OKC_JSON_REQUIRED, &filename, error) ||
      !okc_json_read_string (object, path, "media_type", OKC_JSON_REQUIRED, &media_type, error) ||
      !okc_json_read_string (object, path, "data", OKC_JSON_REQUIRED, &base64, error))
    return NULL;

  if (*filename == '\0' || strlen (filename) > 255 || strchr (filename, '/') != NULL)
    {
      g_autofree char *member = okc_json_path_member (path, "filename");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "must be a file name of 1 to 255 bytes without “/”");
      return NULL;
    }
  if (!okc_media_type_is_image (media_type))
    {
      g_autofree char *member = okc_json_path_member (path, "media_type");
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, member,
                          "“%s” is not image/png, image/jpeg or image/webp", media_type);
      return NULL;
    }

  data = decode_image_data (base64, media_type, data_path, error);
  if (data == NULL)
    return NULL;

  attachment = g_new0 (OkcHandoffAttachment, 1);
  attachment->kind = g_strdup (kind);
  attachment->filename = g_strdup (filename);
  attachment->media_type = g_strdup (media_type);
  attachment->data = data;
  return attachment;
}

static gboolean
read_attachments (OkcHandoff  *handoff,
                  JsonObject  *object,
                  GError     **error)
{
  JsonArray *array = NULL;
  guint n;

  if (!okc_json_read_array (object, NULL, "attachments", OKC_JSON_OPTIONAL, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  if (n > OKC_HANDOFF_MAX_ATTACHMENTS)
    {
      /* Translators: "has 7 images; at most 5 are accepted" */
      okc_data_error_set_plural (error, OKC_DATA_ERROR_INVALID, "attachments",
                                 "has %u images; at most %d is accepted",
                                 "has %u images; at most %d are accepted",
                                 OKC_HANDOFF_MAX_ATTACHMENTS, n, OKC_HANDOFF_MAX_ATTACHMENTS);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = okc_json_path_index ("attachments", i);
      OkcHandoffAttachment *attachment =
        read_attachment (handoff->topic, json_array_get_element (array, i), path, error);

      if (attachment == NULL)
        return FALSE;
      g_ptr_array_add (handoff->attachments, attachment);
    }
  return TRUE;
}

static gboolean
read_transcript (OkcHandoff  *handoff,
                 JsonObject  *object,
                 GError     **error)
{
  JsonArray *array = NULL;
  guint n;

  if (!okc_json_read_array (object, NULL, "transcript", OKC_JSON_REQUIRED, &array, error))
    return FALSE;

  n = json_array_get_length (array);
  if (n == 0 || n > OKC_HANDOFF_MAX_MESSAGES)
    {
      okc_data_error_set_plural (error, OKC_DATA_ERROR_INVALID, "transcript",
                                 "must have 1 to %d message", "must have 1 to %d messages",
                                 OKC_HANDOFF_MAX_MESSAGES, OKC_HANDOFF_MAX_MESSAGES);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = okc_json_path_index ("transcript", i);
      OkcMessage *message = okc_message_new_from_json (json_array_get_element (array, i), path,
                                                       error);
      if (message == NULL)
        return FALSE;
      if (okc_message_get_sender (message) == OKC_SENDER_AGENT)
        {
          g_autofree char *sender = okc_json_path_member (path, "sender");
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, sender,
                              "a chatbot transcript has only “customer” and “chatbot” messages");
          g_object_unref (message);
          return FALSE;
        }
      g_ptr_array_add (handoff->transcript, message);
    }
  return TRUE;
}

static gboolean
read_topic_and_requester (OkcHandoff  *handoff,
                          JsonObject  *object,
                          GError     **error)
{
  const char *topic_id = NULL, *summary = NULL;

  if (!okc_json_read_string (object, NULL, "topic", OKC_JSON_REQUIRED, &topic_id, error))
    return FALSE;

  handoff->topic = okc_topic_lookup (topic_id);
  if (handoff->topic == NULL)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, "topic", "“%s” is not a known topic",
                          topic_id);
      return FALSE;
    }

  if (!okc_json_read_string (object, NULL, "summary", OKC_JSON_OPTIONAL, &summary, error))
    return FALSE;
  if (summary != NULL && g_utf8_strlen (summary, -1) > OKC_HANDOFF_MAX_SUMMARY_LENGTH)
    {
      okc_data_error_set_plural (error, OKC_DATA_ERROR_INVALID, "summary",
                                 "is longer than %d character", "is longer than %d characters",
                                 OKC_HANDOFF_MAX_SUMMARY_LENGTH, OKC_HANDOFF_MAX_SUMMARY_LENGTH);
      return FALSE;
    }
  handoff->summary = g_strdup (summary);

  if (!okc_requester_init_from_json (&handoff->requester,
                                     json_object_get_member (object, "requester"), "requester",
                                     error))
    return FALSE;
  if (!okc_topic_has_audience (handoff->topic, handoff->requester.audience))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "requester.audience",
                          "the topic “%s” is not raised by a %s", handoff->topic->id,
                          okc_enum_to_nick (OKC_TYPE_AUDIENCE, handoff->requester.audience));
      return FALSE;
    }
  return TRUE;
}

/**
 * okc_handoff_new_from_json:
 * @node: the hand-off request body (docs/openapi.yaml, schema Handoff)
 *
 * Validates the hand-off against its topic: the topic must exist, the requester must
 * be of an audience that raises it, every collected field must be one of the topic's with
 * a value of its kind, attachments must be images of kinds the topic takes. Fields the
 * chatbot did not collect are not an error; agents see them as missing.
 *
 * Returns: (transfer full) (nullable): the hand-off, or %NULL with an #OKC_DATA_ERROR
 *   naming the member to blame.
 */
OkcHandoff *
okc_handoff_new_from_json (JsonNode  *node,
                           GError   **error)
{
  static const char * const members[] = {
    "topic", "summary", "requester", "fields", "transcript", "attachments", NULL
  };
  g_autoptr(OkcHandoff) handoff = g_new0 (OkcHandoff, 1);
  JsonObject *object, *fields = NULL;

  handoff->transcript = g_ptr_array_new_with_free_func (g_object_unref);
  handoff->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) handoff_attachment_free);

  object = okc_json_node_get_object (node, NULL, error);
  if (object == NULL || !okc_json_check_members (object, NULL, members, error) ||
      !read_topic_and_requester (handoff, object, error) ||
      !okc_json_read_object (object, NULL, "fields", OKC_JSON_REQUIRED, &fields, error) ||
      !okc_topic_validate_fields (handoff->topic, fields, "fields", error) ||
      !read_transcript (handoff, object, error) || !read_attachments (handoff, object, error))
    return NULL;

  handoff->fields = json_object_ref (fields);
  json_object_seal (handoff->fields);
  return g_steal_pointer (&handoff);
}
