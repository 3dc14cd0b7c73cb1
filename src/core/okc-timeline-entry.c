/* okc-timeline-entry.c — one entry of a ticket's timeline: a change, a note or a reply
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-timeline-entry.h"

#include "okc-error.h"
#include "okc-json.h"

struct _OkcTimelineEntry
{
  GObject parent_instance;

  char *id;
  OkcTimelineKind kind;
  gint64 at;
  char *actor_id;
  char *actor_name;
  char *text;
  char *from;
  char *from_name;
  char *to;
  char *to_name;
};

G_DEFINE_FINAL_TYPE (OkcTimelineEntry, okc_timeline_entry, G_TYPE_OBJECT)

/* Read-only: an entry never changes, so the properties are there for binding (a timeline
 * view's list items), never notified. */
enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_AT,
  PROP_ACTOR_NAME,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
okc_timeline_entry_finalize (GObject *object)
{
  OkcTimelineEntry *self = OKC_TIMELINE_ENTRY (object);

  g_free (self->id);
  g_free (self->actor_id);
  g_free (self->actor_name);
  g_free (self->text);
  g_free (self->from);
  g_free (self->from_name);
  g_free (self->to);
  g_free (self->to_name);

  G_OBJECT_CLASS (okc_timeline_entry_parent_class)->finalize (object);
}

static void
okc_timeline_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OkcTimelineEntry *self = OKC_TIMELINE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_AT:
      g_value_set_int64 (value, self->at);
      break;
    case PROP_ACTOR_NAME:
      g_value_set_string (value, self->actor_name);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_timeline_entry_class_init (OkcTimelineEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_timeline_entry_finalize;
  object_class->get_property = okc_timeline_entry_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, OKC_TYPE_TIMELINE_KIND, OKC_TIMELINE_KIND_CREATED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AT] = g_param_spec_int64 ("at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR_NAME] = g_param_spec_string ("actor-name", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_timeline_entry_init (OkcTimelineEntry *self)
{
}

/* A nullable {"id", "name"}: who acted, or an assignment's old or new holder. */
static gboolean
read_user (JsonObject  *object,
           const char  *path,
           const char  *member,
           char       **out_id,
           char       **out_name,
           GError     **error)
{
  g_autofree char *member_path = okc_json_path_member (path, member);
  JsonObject *user = NULL;
  const char *id = NULL, *name = NULL;

  if (!okc_json_read_object (object, path, member, OKC_JSON_OPTIONAL, &user, error))
    return FALSE;
  if (user == NULL)
    return TRUE;
  if (!okc_json_read_string (user, member_path, "id", OKC_JSON_REQUIRED, &id, error) ||
      !okc_json_read_string (user, member_path, "name", OKC_JSON_REQUIRED, &name, error))
    return FALSE;
  *out_id = g_strdup (id);
  *out_name = g_strdup (name);
  return TRUE;
}

/* A status or priority change: both ends are nicks of @type. */
static gboolean
read_nick (JsonObject  *object,
           const char  *path,
           const char  *member,
           GType        type,
           char       **out,
           GError     **error)
{
  int value;

  if (!okc_json_read_enum (object, path, member, type, OKC_JSON_REQUIRED, &value, error))
    return FALSE;
  *out = g_strdup (okc_enum_to_nick (type, value));
  return TRUE;
}

static gboolean
read_details (OkcTimelineEntry  *self,
              JsonObject        *object,
              const char        *path,
              GError           **error)
{
  switch (self->kind)
    {
    case OKC_TIMELINE_KIND_NOTE:
    case OKC_TIMELINE_KIND_REPLY:
      {
        const char *text = NULL;

        if (!okc_json_read_string (object, path, "text", OKC_JSON_REQUIRED, &text, error))
          return FALSE;
        if (*text == '\0')
          {
            g_autofree char *member = okc_json_path_member (path, "text");
            okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "is empty");
            return FALSE;
          }
        self->text = g_strdup (text);
        return TRUE;
      }
    case OKC_TIMELINE_KIND_STATUS_CHANGED:
      return read_nick (object, path, "from", OKC_TYPE_TICKET_STATUS, &self->from, error) &&
             read_nick (object, path, "to", OKC_TYPE_TICKET_STATUS, &self->to, error);
    case OKC_TIMELINE_KIND_PRIORITY_CHANGED:
      return read_nick (object, path, "from", OKC_TYPE_PRIORITY, &self->from, error) &&
             read_nick (object, path, "to", OKC_TYPE_PRIORITY, &self->to, error);
    case OKC_TIMELINE_KIND_ASSIGNED:
      return read_user (object, path, "from", &self->from, &self->from_name, error) &&
             read_user (object, path, "to", &self->to, &self->to_name, error);
    case OKC_TIMELINE_KIND_CREATED:
    default:
      return TRUE;
    }
}

/**
 * okc_timeline_entry_new_from_json:
 * @node: an entry as docs/openapi.yaml describes it (schema TimelineEntry)
 * @path: (nullable): the path of @node, for errors ("entries[2]")
 *
 * Strict: the kind must be known, and each kind must carry what it records (a note's
 * text, a status change's two statuses). Members this version does not know are ignored.
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL with an #OKC_DATA_ERROR.
 */
OkcTimelineEntry *
okc_timeline_entry_new_from_json (JsonNode    *node,
                                  const char  *path,
                                  GError     **error)
{
  g_autoptr(OkcTimelineEntry) self = NULL;
  JsonObject *object;
  const char *id = NULL;
  int kind = 0;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL)
    return NULL;

  self = g_object_new (OKC_TYPE_TIMELINE_ENTRY, NULL);
  if (!okc_json_read_string (object, path, "id", OKC_JSON_REQUIRED, &id, error) ||
      !okc_json_read_enum (object, path, "kind", OKC_TYPE_TIMELINE_KIND, OKC_JSON_REQUIRED,
                           &kind, error) ||
      !okc_json_read_time (object, path, "at", OKC_JSON_REQUIRED, &self->at, error) ||
      !read_user (object, path, "actor", &self->actor_id, &self->actor_name, error))
    return NULL;
  if (*id == '\0')
    {
      g_autofree char *member = okc_json_path_member (path, "id");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "is empty");
      return NULL;
    }
  self->id = g_strdup (id);
  self->kind = kind;
  if (!read_details (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * okc_timeline_entry_get_id:
 *
 * Returns: the entry's id, "EVT-000123"; ids grow with time.
 */
const char *
okc_timeline_entry_get_id (OkcTimelineEntry *self)
{
  g_return_val_if_fail (OKC_IS_TIMELINE_ENTRY (self), NULL);
  return self->id;
}

/**
 * okc_timeline_entry_get_kind:
 *
 * Returns: what the entry records.
 */
OkcTimelineKind
okc_timeline_entry_get_kind (OkcTimelineEntry *self)
{
  g_return_val_if_fail (OKC_IS_TIMELINE_ENTRY (self), OKC_TIMELINE_KIND_CREATED);
  return self->kind;
}

/**
 * okc_timeline_entry_get_at:
 *
 * Returns: when it happened, seconds since the epoch.
 */
gint64
okc_timeline_entry_get_at (OkcTimelineEntry *self)
{
  g_return_val_if_fail (OKC_IS_TIMELINE_ENTRY (self), 0);
  return self->at;
}

/**
 * okc_timeline_entry_get_actor_id:
 *
 * Returns: (nullable): who did it; %NULL for the hand-off or an import.
 */
const char *
okc_timeline_entry_get_actor_id (OkcTimelineEntry *self)
{
  g_return_val_if_fail (OKC_IS_TIMELINE_ENTRY (self), NULL);
  return self->actor_id;
}

/**
 * okc_timeline_entry_get_actor_name:
 *
 * Returns: (nullable): the name of okc_timeline_entry_get_actor_id().
 */
const char *
okc_timeline_entry_get_actor_name (OkcTimelineEntry *self)
{
  g_return_val_if_fail (OKC_IS_TIMELINE_ENTRY (self), NULL);
  return self->actor_name;
}

/**
 * okc_timeline_entry_get_text:
 *
 * Returns: (nullable): a note's or a reply's text, %NULL for other kinds.
 */
const char *
okc_timeline_entry_get_text (OkcTimelineEntry *self)
{
  g_return_val_if_fail (OKC_IS_TIMELINE_ENTRY (self), NULL);
  return self->text;
}

/**
 * okc_timeline_entry_get_from:
 *
 * Returns: (nullable): the value before the change: a status or priority nick, or for
 *   an assignment the previous holder's user id (%NULL for nobody).
 */
const char *
okc_timeline_entry_get_from (OkcTimelineEntry *self)
{
  g_return_val_if_fail (OKC_IS_TIMELINE_ENTRY (self), NULL);
  return self->from;
}

/**
 * okc_timeline_entry_get_from_name:
 *
 * Returns: (nullable): for an assignment, the previous holder's name.
 */
const char *
okc_timeline_entry_get_from_name (OkcTimelineEntry *self)
{
  g_return_val_if_fail (OKC_IS_TIMELINE_ENTRY (self), NULL);
  return self->from_name;
}

/**
 * okc_timeline_entry_get_to:
 *
 * Returns: (nullable): the value after the change, as okc_timeline_entry_get_from().
 */
const char *
okc_timeline_entry_get_to (OkcTimelineEntry *self)
{
  g_return_val_if_fail (OKC_IS_TIMELINE_ENTRY (self), NULL);
  return self->to;
}

/**
 * okc_timeline_entry_get_to_name:
 *
 * Returns: (nullable): for an assignment, the new holder's name.
 */
const char *
okc_timeline_entry_get_to_name (OkcTimelineEntry *self)
{
  g_return_val_if_fail (OKC_IS_TIMELINE_ENTRY (self), NULL);
  return self->to_name;
}
