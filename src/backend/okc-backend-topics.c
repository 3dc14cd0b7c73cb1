/* okc-backend-topics.c — core's topic table as GET /v1/topics serves it
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-topics.h"

#include "okc-core.h"

static void
add_choices (JsonBuilder         *builder,
             const OkcTopicField *field)
{
  json_builder_set_member_name (builder, "choices");
  if (field->choices == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_array (builder);
  for (const OkcFieldChoice *choice = field->choices; choice->value != NULL; choice++)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "value", choice->value);
      okc_json_builder_add_string (builder, "label", choice->label);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_field (JsonBuilder         *builder,
           const OkcTopicField *field)
{
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "key", field->key);
  okc_json_builder_add_string (builder, "label", field->label);
  okc_json_builder_add_string (builder, "kind", okc_field_kind_to_string (field->kind));
  json_builder_set_member_name (builder, "required");
  json_builder_add_boolean_value (builder, field->required);
  okc_json_builder_add_string (builder, "alternative", field->alternative);
  add_choices (builder, field);
  json_builder_end_object (builder);
}

static void
add_topic (JsonBuilder    *builder,
           const OkcTopic *topic)
{
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", topic->id);
  json_builder_set_member_name (builder, "number");
  json_builder_add_int_value (builder, topic->number);
  okc_json_builder_add_string (builder, "title", topic->title);
  json_builder_set_member_name (builder, "audiences");
  json_builder_begin_array (builder);
  for (int audience = OKC_AUDIENCE_GUEST; audience <= OKC_AUDIENCE_HOST; audience++)
    if (okc_topic_has_audience (topic, audience))
      json_builder_add_string_value (builder, okc_enum_to_nick (OKC_TYPE_AUDIENCE, audience));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < topic->n_fields; i++)
    add_field (builder, &topic->fields[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/**
 * okc_backend_topics_to_json:
 *
 * Returns: (transfer full): {"topics": [Topic]}, the ten topics of the article in its
 *   order, labels untranslated (the console translates them).
 */
JsonNode *
okc_backend_topics_to_json (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  guint n_topics;
  const OkcTopic *topics = okc_topic_get_all (&n_topics);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "topics");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_topics; i++)
    add_topic (builder, &topics[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
