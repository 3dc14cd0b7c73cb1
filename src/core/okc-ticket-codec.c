/* okc-ticket-codec.c — a ticket to and from its JSON form
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-ticket-private.h"

#include "okc-attachment.h"
#include "okc-error.h"
#include "okc-json.h"
#include "okc-message.h"
#include "okc-time.h"

/* Reads a nullable {"id": "…", "name": "…"} reference to another entity. */
static gboolean
read_reference (JsonObject  *object,
                const char  *path,
                const char  *member,
                char       **out_id,
                char       **out_name,
                GError     **error)
{
  g_autofree char *member_path = okc_json_path_member (path, member);
  JsonObject *reference = NULL;
  const char *id = NULL, *name = NULL;

  if (!okc_json_read_object (object, path, member, OKC_JSON_OPTIONAL, &reference, error))
    return FALSE;
  if (reference == NULL)
    return TRUE;

  if (!okc_json_read_string (reference, member_path, "id", OKC_JSON_REQUIRED, &id, error) ||
      !okc_json_read_string (reference, member_path, "name", OKC_JSON_REQUIRED, &name, error))
    return FALSE;

  *out_id = g_strdup (id);
  *out_name = g_strdup (name);
  return TRUE;
}

static gboolean
read_identity (OkcTicket   *self,
               JsonObject  *object,
               const char  *path,
               GError     **error)
{
  const char *id = NULL, *topic_id = NULL, *summary = NULL;
  int status = 0, priority = 0;

  if (!okc_json_read_string (object, path, "id", OKC_JSON_REQUIRED, &id, error) ||
      !okc_json_read_string (object, path, "topic", OKC_JSON_REQUIRED, &topic_id, error) ||
      !okc_json_read_enum (object, path, "status", OKC_TYPE_TICKET_STATUS, OKC_JSON_REQUIRED,
                           &status, error) ||
      !okc_json_read_enum (object, path, "priority", OKC_TYPE_PRIORITY, OKC_JSON_REQUIRED,
                           &priority, error) ||
      !okc_json_read_string (object, path, "summary", OKC_JSON_OPTIONAL, &summary, error))
    return FALSE;

  if (*id == '\0')
    {
      g_autofree char *member = okc_json_path_member (path, "id");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "is empty");
      return FALSE;
    }

  self->topic = okc_topic_lookup (topic_id);
  if (self->topic == NULL)
    {
      g_autofree char *member = okc_json_path_member (path, "topic");
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, member, "“%s” is not a known topic",
                          topic_id);
      return FALSE;
    }

  self->id = g_strdup (id);
  self->status = status;
  self->priority = priority;
  self->summary = g_strdup (summary);
  return TRUE;
}

static gboolean
read_times (OkcTicket   *self,
            JsonObject  *object,
            const char  *path,
            GError     **error)
{
  if (!okc_json_read_time (object, path, "created_at", OKC_JSON_REQUIRED, &self->created_at,
                           error) ||
      !okc_json_read_time (object, path, "updated_at", OKC_JSON_REQUIRED, &self->updated_at,
                           error) ||
      !okc_json_read_int64 (object, path, "version", OKC_JSON_REQUIRED, &self->version, error) ||
      /* Optional: tickets cached before the backend sent them have neither. */
      !okc_json_read_time (object, path, "sla_due_at", OKC_JSON_OPTIONAL, &self->sla_due_at,
                           error) ||
      !okc_json_read_boolean (object, path, "sla_paused", OKC_JSON_OPTIONAL, &self->sla_paused,
                              error))
    return FALSE;

  if (self->sla_paused && self->sla_due_at == 0)
    {
      g_autofree char *member = okc_json_path_member (path, "sla_paused");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "is true without a sla_due_at");
      return FALSE;
    }

  if (self->version < 1)
    {
      g_autofree char *member = okc_json_path_member (path, "version");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "must be 1 or more");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_links (OkcTicket   *self,
            JsonObject  *object,
            const char  *path,
            GError     **error)
{
  g_autofree char *requester_path = okc_json_path_member (path, "requester");
  const char *charger_id = NULL;

  if (!okc_requester_init_from_json (&self->requester, json_object_get_member (object, "requester"),
                                     requester_path, error) ||
      !read_reference (object, path, "property", &self->property_id, &self->linked_property_name,
                       error) ||
      !read_reference (object, path, "assignee", &self->assignee_id, &self->assignee_name, error) ||
      !okc_json_read_string (object, path, "charger_id", OKC_JSON_OPTIONAL, &charger_id, error))
    return FALSE;

  self->charger_id = g_strdup (charger_id);
  return TRUE;
}

static gboolean
read_collected (OkcTicket   *self,
                JsonObject  *object,
                const char  *path,
                GError     **error)
{
  g_autofree char *fields_path = okc_json_path_member (path, "fields");
  g_autofree char *attachments_path = okc_json_path_member (path, "attachments");
  g_autofree char *transcript_path = okc_json_path_member (path, "transcript");
  JsonObject *fields = NULL;
  JsonArray *attachments = NULL, *transcript = NULL;
  guint n_attachments;

  if (!okc_json_read_object (object, path, "fields", OKC_JSON_REQUIRED, &fields, error) ||
      !okc_topic_validate_fields (self->topic, fields, fields_path, error) ||
      !okc_json_read_array (object, path, "attachments", OKC_JSON_REQUIRED, &attachments, error) ||
      !okc_json_read_array (object, path, "transcript", OKC_JSON_REQUIRED, &transcript, error) ||
      !okc_json_decode_list (attachments, attachments_path,
                             (OkcJsonObjectDecoder) okc_attachment_new_from_json,
                             self->attachments, error) ||
      !okc_json_decode_list (transcript, transcript_path,
                             (OkcJsonObjectDecoder) okc_message_new_from_json, self->transcript,
                             error))
    return FALSE;

  n_attachments = g_list_model_get_n_items (G_LIST_MODEL (self->attachments));
  for (guint i = 0; i < n_attachments; i++)
    {
      g_autoptr(OkcAttachment) attachment =
        g_list_model_get_item (G_LIST_MODEL (self->attachments), i);
      g_autofree char *element_path = okc_json_path_index (attachments_path, i);
      g_autofree char *kind_path = okc_json_path_member (element_path, "kind");

      if (!okc_topic_validate_attachment_kind (self->topic, okc_attachment_get_kind (attachment),
                                               kind_path, error))
        return FALSE;
    }

  self->fields = json_object_ref (fields);
  json_object_seal (self->fields);
  return TRUE;
}

/**
 * okc_ticket_new_from_json:
 * @node: a ticket as docs/openapi.yaml describes it (schema Ticket)
 * @path: (nullable): the path of @node, for errors ("tickets[3]")
 *
 * Strict: every member must have its documented type, the topic must be known and the
 * collected fields valid for it. Members this version does not know are ignored, so a
 * newer backend can add some.
 *
 * Returns: (transfer full) (nullable): the ticket, or %NULL with an #OKC_DATA_ERROR.
 */
OkcTicket *
okc_ticket_new_from_json (JsonNode    *node,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(OkcTicket) self = NULL;
  JsonObject *object;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL)
    return NULL;

  self = g_object_new (OKC_TYPE_TICKET, NULL);
  if (!read_identity (self, object, path, error) || !read_times (self, object, path, error) ||
      !read_links (self, object, path, error) || !read_collected (self, object, path, error))
    return NULL;

  _okc_ticket_count_collected (self);
  return g_steal_pointer (&self);
}

static void
add_reference (JsonBuilder *builder,
               const char  *member,
               const char  *id,
               const char  *name)
{
  json_builder_set_member_name (builder, member);
  if (id == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", id);
  okc_json_builder_add_string (builder, "name", name);
  json_builder_end_object (builder);
}

static void
add_list (JsonBuilder *builder,
          const char  *member,
          GListModel  *list,
          JsonNode *(*encode) (gpointer))
{
  guint n = g_list_model_get_n_items (list);

  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      json_builder_add_value (builder, encode (item));
    }
  json_builder_end_array (builder);
}

/**
 * okc_ticket_to_json:
 *
 * Returns: (transfer full): @self in the form okc_ticket_new_from_json() reads.
 */
JsonNode *
okc_ticket_to_json (OkcTicket *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) fields = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);

  json_node_set_object (fields, self->fields);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->id);
  okc_json_builder_add_string (builder, "topic", self->topic->id);
  okc_json_builder_add_string (builder, "status",
                               okc_enum_to_nick (OKC_TYPE_TICKET_STATUS, self->status));
  okc_json_builder_add_string (builder, "priority",
                               okc_enum_to_nick (OKC_TYPE_PRIORITY, self->priority));
  okc_json_builder_add_string (builder, "summary", self->summary);
  json_builder_set_member_name (builder, "requester");
  json_builder_add_value (builder, okc_requester_to_json (&self->requester));
  add_reference (builder, "property", self->property_id, self->linked_property_name);
  okc_json_builder_add_string (builder, "charger_id", self->charger_id);
  add_reference (builder, "assignee", self->assignee_id, self->assignee_name);
  json_builder_set_member_name (builder, "fields");
  json_builder_add_value (builder, json_node_copy (fields));
  add_list (builder, "attachments", G_LIST_MODEL (self->attachments),
            (JsonNode * (*) (gpointer)) okc_attachment_to_json);
  add_list (builder, "transcript", G_LIST_MODEL (self->transcript),
            (JsonNode * (*) (gpointer)) okc_message_to_json);
  okc_json_builder_add_time (builder, "created_at", self->created_at);
  okc_json_builder_add_time (builder, "updated_at", self->updated_at);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, self->version);
  json_builder_set_member_name (builder, "sla_due_at");
  if (self->sla_due_at != 0)
    {
      g_autofree char *due = okc_time_format_rfc3339 (self->sla_due_at);
      json_builder_add_string_value (builder, due);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "sla_paused");
  json_builder_add_boolean_value (builder, self->sla_paused);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
