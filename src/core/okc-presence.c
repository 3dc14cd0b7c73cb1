/* okc-presence.c — someone looking at or answering a ticket right now
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-presence.h"

#include "okc-error.h"
#include "okc-json.h"

struct _OkcPresence
{
  GObject parent_instance;

  char *user_id;
  char *user_name;
  char *activity;
  gint64 since;
  gint64 expires_at;
};

G_DEFINE_FINAL_TYPE (OkcPresence, okc_presence, G_TYPE_OBJECT)

static void
okc_presence_finalize (GObject *object)
{
  OkcPresence *self = OKC_PRESENCE (object);

  g_free (self->user_id);
  g_free (self->user_name);
  g_free (self->activity);

  G_OBJECT_CLASS (okc_presence_parent_class)->finalize (object);
}

static void
okc_presence_class_init (OkcPresenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_presence_finalize;
}

static void
okc_presence_init (OkcPresence *self)
{
}

/**
 * okc_presence_new_from_json:
 * @node: {"user": {"id", "name"}, "activity": "viewing" | "replying", "since", "expires_at"}
 * @path: the path of @node, for errors
 *
 * Returns: (transfer full) (nullable): the presence, or %NULL with an #OKC_DATA_ERROR
 *   naming the member to blame.
 */
OkcPresence *
okc_presence_new_from_json (JsonNode    *node,
                            const char  *path,
                            GError     **error)
{
  static const char * const members[] = { "user", "activity", "since", "expires_at", NULL };
  static const char * const user_members[] = { "id", "name", NULL };
  g_autofree char *user_path = okc_json_path_member (path, "user");
  const char *id = NULL, *name = NULL, *activity = NULL;
  JsonObject *object, *user = NULL;
  gint64 since = 0, expires_at = 0;
  OkcPresence *self;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL || !okc_json_check_members (object, path, members, error) ||
      !okc_json_read_object (object, path, "user", OKC_JSON_REQUIRED, &user, error) ||
      !okc_json_check_members (user, user_path, user_members, error) ||
      !okc_json_read_string (user, user_path, "id", OKC_JSON_REQUIRED, &id, error) ||
      !okc_json_read_string (user, user_path, "name", OKC_JSON_REQUIRED, &name, error) ||
      !okc_json_read_string (object, path, "activity", OKC_JSON_REQUIRED, &activity, error) ||
      !okc_json_read_time (object, path, "since", OKC_JSON_REQUIRED, &since, error) ||
      !okc_json_read_time (object, path, "expires_at", OKC_JSON_REQUIRED, &expires_at, error))
    return NULL;

  if (!g_str_equal (activity, "viewing") && !g_str_equal (activity, "replying"))
    {
      g_autofree char *member = okc_json_path_member (path, "activity");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "“%s” is not “viewing” or “replying”", activity);
      return NULL;
    }

  self = g_object_new (OKC_TYPE_PRESENCE, NULL);
  self->user_id = g_strdup (id);
  self->user_name = g_strdup (name);
  self->activity = g_strdup (activity);
  self->since = since;
  self->expires_at = expires_at;
  return self;
}

/**
 * okc_presence_list_from_json:
 * @node: an array of presences
 * @path: the path of @node, for errors
 *
 * Returns: (transfer full) (element-type OkcPresence) (nullable): the presences, all or
 *   none: %NULL with an #OKC_DATA_ERROR naming the element to blame.
 */
GPtrArray *
okc_presence_list_from_json (JsonNode    *node,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = okc_json_node_get_array (node, path, error);

  if (array == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = okc_json_path_index (path, i);
      OkcPresence *presence =
        okc_presence_new_from_json (json_array_get_element (array, i), element_path, error);

      if (presence == NULL)
        return NULL;
      g_ptr_array_add (list, presence);
    }
  return g_steal_pointer (&list);
}

const char *
okc_presence_get_user_id (OkcPresence *self)
{
  g_return_val_if_fail (OKC_IS_PRESENCE (self), NULL);
  return self->user_id;
}

const char *
okc_presence_get_user_name (OkcPresence *self)
{
  g_return_val_if_fail (OKC_IS_PRESENCE (self), NULL);
  return self->user_name;
}

/* Returns: "viewing" or "replying" */
const char *
okc_presence_get_activity (OkcPresence *self)
{
  g_return_val_if_fail (OKC_IS_PRESENCE (self), NULL);
  return self->activity;
}

/* Returns: since when (seconds since the epoch) the user has had this activity */
gint64
okc_presence_get_since (OkcPresence *self)
{
  g_return_val_if_fail (OKC_IS_PRESENCE (self), 0);
  return self->since;
}

/* Returns: when (seconds since the epoch) the entry lapses unless refreshed */
gint64
okc_presence_get_expires_at (OkcPresence *self)
{
  g_return_val_if_fail (OKC_IS_PRESENCE (self), 0);
  return self->expires_at;
}
