/* okc-backend-presence.c — who is looking at or answering which ticket, in memory
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-presence.h"

typedef struct
{
  OkcBackendPresence *owner; /* unowned: the owner frees its entries */
  char *ticket_id;
  char *user_id;
  char *user_name;
  char *activity;
  gint64 since;      /* µs since the epoch */
  gint64 expires_at; /* µs since the epoch */
  guint expiry_id;
} Entry;

struct _OkcBackendPresence
{
  GObject parent_instance;

  OkcBackendEvents *events;
  guint ttl_ms;
  GHashTable *tickets; /* ticket id → GPtrArray of Entry, oldest first */
};

G_DEFINE_FINAL_TYPE (OkcBackendPresence, okc_backend_presence, G_TYPE_OBJECT)

static void
entry_free (Entry *entry)
{
  g_clear_handle_id (&entry->expiry_id, g_source_remove);
  g_free (entry->ticket_id);
  g_free (entry->user_id);
  g_free (entry->user_name);
  g_free (entry->activity);
  g_free (entry);
}

static JsonNode *
encode_list (GPtrArray *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      g_autofree char *since = okc_time_format_rfc3339 (entry->since / G_USEC_PER_SEC);
      g_autofree char *expires_at = okc_time_format_rfc3339 (entry->expires_at / G_USEC_PER_SEC);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "user");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, entry->user_id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, entry->user_name);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "activity");
      json_builder_add_string_value (builder, entry->activity);
      json_builder_set_member_name (builder, "since");
      json_builder_add_string_value (builder, since);
      json_builder_set_member_name (builder, "expires_at");
      json_builder_add_string_value (builder, expires_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

static void
announce (OkcBackendPresence *self,
          const char         *ticket_id)
{
  g_autoptr(JsonNode) data = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "ticket_id", ticket_id);
  json_object_set_member (object, "present",
                          encode_list (g_hash_table_lookup (self->tickets, ticket_id)));
  json_node_set_object (data, object);
  okc_backend_events_broadcast (self->events, "presence", data);
}

/* Removes @entry; announces the change unless @quiet. */
static void
remove_entry (OkcBackendPresence *self,
              Entry              *entry)
{
  g_autofree char *ticket_id = g_strdup (entry->ticket_id);
  GPtrArray *entries = g_hash_table_lookup (self->tickets, ticket_id);

  g_ptr_array_remove (entries, entry);
  if (entries->len == 0)
    g_hash_table_remove (self->tickets, ticket_id);
  announce (self, ticket_id);
}

static gboolean
expiry_cb (gpointer user_data)
{
  Entry *entry = user_data;

  entry->expiry_id = 0;
  remove_entry (entry->owner, entry);
  return G_SOURCE_REMOVE;
}

static Entry *
find_entry (GPtrArray  *entries,
            const char *user_id)
{
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      if (g_str_equal (entry->user_id, user_id))
        return entry;
    }
  return NULL;
}

static void
okc_backend_presence_dispose (GObject *object)
{
  OkcBackendPresence *self = OKC_BACKEND_PRESENCE (object);

  g_hash_table_remove_all (self->tickets);
  g_clear_object (&self->events);

  G_OBJECT_CLASS (okc_backend_presence_parent_class)->dispose (object);
}

static void
okc_backend_presence_finalize (GObject *object)
{
  OkcBackendPresence *self = OKC_BACKEND_PRESENCE (object);

  g_hash_table_unref (self->tickets);

  G_OBJECT_CLASS (okc_backend_presence_parent_class)->finalize (object);
}

static void
okc_backend_presence_class_init (OkcBackendPresenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = okc_backend_presence_dispose;
  object_class->finalize = okc_backend_presence_finalize;
}

static void
okc_backend_presence_init (OkcBackendPresence *self)
{
  self->tickets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
}

/**
 * okc_backend_presence_new:
 * @events: where changes are announced
 * @ttl_ms: how long an entry lasts after its last set, in milliseconds
 *
 * Returns: (transfer full): an empty presence table.
 */
OkcBackendPresence *
okc_backend_presence_new (OkcBackendEvents *events,
                          guint             ttl_ms)
{
  OkcBackendPresence *self;

  g_return_val_if_fail (OKC_IS_BACKEND_EVENTS (events), NULL);
  g_return_val_if_fail (ttl_ms > 0, NULL);

  self = g_object_new (OKC_TYPE_BACKEND_PRESENCE, NULL);
  self->events = g_object_ref (events);
  self->ttl_ms = ttl_ms;
  return self;
}

/**
 * okc_backend_presence_set:
 * @activity: "viewing" or "replying", already checked
 *
 * Enters or refreshes @user on @ticket_id; a join or a change of activity is announced,
 * a refresh is not.
 *
 * Returns: (transfer full): the ticket's entries as a JSON array.
 */
JsonNode *
okc_backend_presence_set (OkcBackendPresence *self,
                          const char         *ticket_id,
                          OkcUser            *user,
                          const char         *activity)
{
  GPtrArray *entries;
  Entry *entry;
  gboolean changed = FALSE;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (OKC_IS_BACKEND_PRESENCE (self), NULL);
  g_return_val_if_fail (ticket_id != NULL && OKC_IS_USER (user) && activity != NULL, NULL);

  entries = g_hash_table_lookup (self->tickets, ticket_id);
  if (entries == NULL)
    {
      entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
      g_hash_table_insert (self->tickets, g_strdup (ticket_id), entries);
    }

  entry = find_entry (entries, okc_user_get_id (user));
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->owner = self;
      entry->ticket_id = g_strdup (ticket_id);
      entry->user_id = g_strdup (okc_user_get_id (user));
      entry->user_name = g_strdup (okc_user_get_name (user));
      entry->since = now;
      g_ptr_array_add (entries, entry);
      changed = TRUE;
    }
  if (g_strcmp0 (entry->activity, activity) != 0)
    {
      g_free (entry->activity);
      entry->activity = g_strdup (activity);
      entry->since = now;
      changed = TRUE;
    }
  entry->expires_at = now + (gint64) self->ttl_ms * 1000;
  g_clear_handle_id (&entry->expiry_id, g_source_remove);
  entry->expiry_id = g_timeout_add (self->ttl_ms, expiry_cb, entry);

  if (changed)
    announce (self, ticket_id);
  return encode_list (entries);
}

/**
 * okc_backend_presence_clear:
 *
 * Removes @user from @ticket_id, announcing it if they were there.
 */
void
okc_backend_presence_clear (OkcBackendPresence *self,
                            const char         *ticket_id,
                            OkcUser            *user)
{
  Entry *entry;

  g_return_if_fail (OKC_IS_BACKEND_PRESENCE (self));
  g_return_if_fail (ticket_id != NULL && OKC_IS_USER (user));

  entry = find_entry (g_hash_table_lookup (self->tickets, ticket_id), okc_user_get_id (user));
  if (entry != NULL)
    remove_entry (self, entry);
}

/**
 * okc_backend_presence_list:
 *
 * Returns: (transfer full): @ticket_id's entries as a JSON array, oldest first.
 */
JsonNode *
okc_backend_presence_list (OkcBackendPresence *self,
                           const char         *ticket_id)
{
  g_return_val_if_fail (OKC_IS_BACKEND_PRESENCE (self), NULL);

  return encode_list (g_hash_table_lookup (self->tickets, ticket_id));
}
