/* okc-ticket.c — the ticket object and what it knows of its topic's fields
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-ticket-private.h"

#include "okc-attachment.h"
#include "okc-message.h"

G_DEFINE_FINAL_TYPE (OkcTicket, okc_ticket, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TOPIC_ID,
  PROP_STATUS,
  PROP_PRIORITY,
  PROP_SUMMARY,
  PROP_REQUESTER_NAME,
  PROP_PROPERTY_NAME,
  PROP_ASSIGNEE_NAME,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_VERSION,
  PROP_N_COLLECTED,
  PROP_N_REQUIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
okc_ticket_finalize (GObject *object)
{
  OkcTicket *self = OKC_TICKET (object);

  g_free (self->id);
  g_free (self->summary);
  okc_requester_clear (&self->requester);
  g_free (self->property_id);
  g_free (self->linked_property_name);
  g_free (self->charger_id);
  g_free (self->assignee_id);
  g_free (self->assignee_name);
  g_clear_pointer (&self->fields, json_object_unref);
  g_clear_object (&self->attachments);
  g_clear_object (&self->transcript);

  G_OBJECT_CLASS (okc_ticket_parent_class)->finalize (object);
}

static void
okc_ticket_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OkcTicket *self = OKC_TICKET (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TOPIC_ID:
      g_value_set_string (value, self->topic->id);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_PRIORITY:
      g_value_set_enum (value, self->priority);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_REQUESTER_NAME:
      g_value_set_string (value, self->requester.name);
      break;
    case PROP_PROPERTY_NAME:
      g_value_set_string (value, okc_ticket_get_property_name (self));
      break;
    case PROP_ASSIGNEE_NAME:
      g_value_set_string (value, self->assignee_name);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;
    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;
    case PROP_N_COLLECTED:
      g_value_set_uint (value, self->n_collected);
      break;
    case PROP_N_REQUIRED:
      g_value_set_uint (value, self->n_required);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
readable_string (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
readable_int64 (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
okc_ticket_class_init (OkcTicketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_ticket_finalize;
  object_class->get_property = okc_ticket_get_property;

  /* Read-only: a ticket never changes after decoding (see okc-ticket.h). The properties
   * exist so that list rows can bind to them with GtkExpressions. */
  properties[PROP_ID] = readable_string ("id");
  properties[PROP_TOPIC_ID] = readable_string ("topic-id");
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, OKC_TYPE_TICKET_STATUS, OKC_TICKET_STATUS_NEW,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRIORITY] =
    g_param_spec_enum ("priority", NULL, NULL, OKC_TYPE_PRIORITY, OKC_PRIORITY_NORMAL,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] = readable_string ("summary");
  properties[PROP_REQUESTER_NAME] = readable_string ("requester-name");
  properties[PROP_PROPERTY_NAME] = readable_string ("property-name");
  properties[PROP_ASSIGNEE_NAME] = readable_string ("assignee-name");
  properties[PROP_CREATED_AT] = readable_int64 ("created-at");
  properties[PROP_UPDATED_AT] = readable_int64 ("updated-at");
  properties[PROP_VERSION] = readable_int64 ("version");
  properties[PROP_N_COLLECTED] = g_param_spec_uint ("n-collected", NULL, NULL, 0, G_MAXUINT, 0,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_REQUIRED] = g_param_spec_uint ("n-required", NULL, NULL, 0, G_MAXUINT, 0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_ticket_init (OkcTicket *self)
{
  self->attachments = g_list_store_new (OKC_TYPE_ATTACHMENT);
  self->transcript = g_list_store_new (OKC_TYPE_MESSAGE);
}

const char *
okc_ticket_get_id (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);
  return self->id;
}

const OkcTopic *
okc_ticket_get_topic (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);
  return self->topic;
}

OkcTicketStatus
okc_ticket_get_status (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), OKC_TICKET_STATUS_NEW);
  return self->status;
}

OkcPriority
okc_ticket_get_priority (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), OKC_PRIORITY_NORMAL);
  return self->priority;
}

const char *
okc_ticket_get_summary (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);
  return self->summary;
}

const OkcRequester *
okc_ticket_get_requester (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);
  return &self->requester;
}

const char *
okc_ticket_get_property_id (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);
  return self->property_id;
}

/**
 * okc_ticket_get_property_name:
 *
 * Returns: (nullable): the property the backend linked the ticket to, or else the name
 *   the customer gave the chatbot, or %NULL if neither is known.
 */
const char *
okc_ticket_get_property_name (OkcTicket *self)
{
  static const char * const named_by[] = { "property_name", "account_or_property" };

  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);

  if (self->linked_property_name != NULL)
    return self->linked_property_name;
  for (guint i = 0; i < G_N_ELEMENTS (named_by); i++)
    if (json_object_has_member (self->fields, named_by[i]))
      return json_object_get_string_member (self->fields, named_by[i]);
  return NULL;
}

const char *
okc_ticket_get_charger_id (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);
  return self->charger_id;
}

const char *
okc_ticket_get_assignee_id (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);
  return self->assignee_id;
}

const char *
okc_ticket_get_assignee_name (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);
  return self->assignee_name;
}

gint64
okc_ticket_get_created_at (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), 0);
  return self->created_at;
}

gint64
okc_ticket_get_updated_at (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), 0);
  return self->updated_at;
}

gint64
okc_ticket_get_version (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), 0);
  return self->version;
}

/**
 * okc_ticket_get_sla_due_at:
 *
 * When the ticket is due by the SLA policy (docs/sla.md). A ticket cached before the
 * backend sent SLA times has none.
 *
 * Returns: the due time in seconds since the epoch, or 0 for none (resolved).
 */
gint64
okc_ticket_get_sla_due_at (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), 0);

  return self->sla_due_at;
}

/**
 * okc_ticket_get_sla_paused:
 *
 * Returns: whether the SLA clock stands still (the ticket waits for the customer).
 */
gboolean
okc_ticket_get_sla_paused (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), FALSE);

  return self->sla_paused;
}

/**
 * okc_ticket_get_fields:
 *
 * Returns: (transfer none): the collected fields, validated against the topic.
 */
JsonObject *
okc_ticket_get_fields (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);
  return self->fields;
}

/**
 * okc_ticket_get_attachments:
 *
 * Returns: (transfer none): a list of #OkcAttachment.
 */
GListModel *
okc_ticket_get_attachments (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);
  return G_LIST_MODEL (self->attachments);
}

/**
 * okc_ticket_get_transcript:
 *
 * Returns: (transfer none): the chatbot conversation, a list of #OkcMessage, oldest first.
 */
GListModel *
okc_ticket_get_transcript (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);
  return G_LIST_MODEL (self->transcript);
}

/**
 * okc_ticket_get_field_value:
 *
 * Returns: (transfer none) (nullable): the value collected for @key, or %NULL.
 */
JsonNode *
okc_ticket_get_field_value (OkcTicket  *self,
                            const char *key)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return json_object_get_member (self->fields, key);
}

static gboolean
has_attachment_of_kind (OkcTicket  *self,
                        const char *kind)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attachments));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OkcAttachment) attachment = g_list_model_get_item (G_LIST_MODEL (self->attachments), i);
      if (g_strcmp0 (okc_attachment_get_kind (attachment), kind) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * okc_ticket_has_field:
 *
 * Returns: %TRUE if the chatbot collected @field itself (for an attachment field, an
 *   attachment of that kind).
 */
gboolean
okc_ticket_has_field (OkcTicket           *self,
                      const OkcTopicField *field)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (field->kind == OKC_FIELD_ATTACHMENT)
    return has_attachment_of_kind (self, field->key);
  return json_object_has_member (self->fields, field->key);
}

/**
 * okc_ticket_is_field_collected:
 *
 * Returns: %TRUE if @field, or the field that stands in for it (a QR photo for a
 *   charger ID), was collected.
 */
gboolean
okc_ticket_is_field_collected (OkcTicket           *self,
                               const OkcTopicField *field)
{
  const OkcTopicField *alternative;

  g_return_val_if_fail (OKC_IS_TICKET (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (okc_ticket_has_field (self, field))
    return TRUE;

  alternative = okc_topic_lookup_field (self->topic, field->alternative);
  return alternative != NULL && okc_ticket_has_field (self, alternative);
}

guint
okc_ticket_get_n_collected (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), 0);
  return self->n_collected;
}

guint
okc_ticket_get_n_required (OkcTicket *self)
{
  g_return_val_if_fail (OKC_IS_TICKET (self), 0);
  return self->n_required;
}

/**
 * okc_ticket_list_missing_fields:
 *
 * Returns: (transfer container) (element-type OkcTopicField): the required fields the
 *   chatbot did not collect, in the topic's order.
 */
GPtrArray *
okc_ticket_list_missing_fields (OkcTicket *self)
{
  GPtrArray *missing;

  g_return_val_if_fail (OKC_IS_TICKET (self), NULL);

  missing = g_ptr_array_new ();
  for (guint i = 0; i < self->topic->n_fields; i++)
    {
      const OkcTopicField *field = &self->topic->fields[i];
      if (field->required && !okc_ticket_is_field_collected (self, field))
        g_ptr_array_add (missing, (gpointer) field);
    }
  return missing;
}

/* Called once the codec has filled the ticket in. */
void
_okc_ticket_count_collected (OkcTicket *self)
{
  g_autoptr(GPtrArray) missing = okc_ticket_list_missing_fields (self);

  self->n_required = okc_topic_count_required (self->topic);
  self->n_collected = self->n_required - missing->len;
}
