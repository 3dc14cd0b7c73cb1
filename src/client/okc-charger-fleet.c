/* okc-charger-fleet.c — every charger of the network, kept live from the event stream
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "config.h"

#include "okc-charger-fleet.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Chargers per GET /v1/chargers: a fleet of a few thousand loads in a handful of calls. */
#define PAGE_SIZE 1000

struct _OkcChargerFleet
{
  GObject parent_instance;

  OkcClient *client;
  OkcEventStream *stream;
  GListStore *chargers;       /* OkcCharger, ordered by id */
  GCancellable *cancellable;  /* of the refresh in progress */
  GPtrArray *loading_pages;   /* OkcCharger of the refresh in progress */
  GHashTable *updated_while_loading; /* id → OkcCharger from events during a refresh */
  gboolean loaded;
  char *error;
};

G_DEFINE_FINAL_TYPE (OkcChargerFleet, okc_charger_fleet, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_LOADED,
  PROP_ERROR,
  N_PROPS
};

enum {
  SIGNAL_CHARGER_CHANGED,
  SIGNAL_COMMAND_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Where the charger @id is in the store, or, with *@found FALSE, where it would go. */
static guint
find_position (OkcChargerFleet *self,
               const char      *id,
               gboolean        *found)
{
  guint low = 0, high = g_list_model_get_n_items (G_LIST_MODEL (self->chargers));

  *found = FALSE;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      g_autoptr(OkcCharger) charger = g_list_model_get_item (G_LIST_MODEL (self->chargers),
                                                             middle);
      int order = strcmp (okc_charger_get_id (charger), id);

      if (order == 0)
        {
          *found = TRUE;
          return middle;
        }
      if (order < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* Puts @charger in the store, in place of the one with its id if there is one. */
static void
put_charger (OkcChargerFleet *self,
             OkcCharger      *charger)
{
  gboolean found;
  guint position = find_position (self, okc_charger_get_id (charger), &found);
  gpointer items[] = { charger };

  g_list_store_splice (self->chargers, position, found ? 1 : 0, items, 1);
}

static void
set_error (OkcChargerFleet *self,
           const char      *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
finish_loading (OkcChargerFleet *self)
{
  g_autoptr(GPtrArray) chargers = g_steal_pointer (&self->loading_pages);
  GHashTableIter iter;
  gpointer charger;

  g_list_store_splice (self->chargers, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->chargers)),
                       chargers->pdata, chargers->len);
  /* What changed while the pages came in is newer than they are. */
  g_hash_table_iter_init (&iter, self->updated_while_loading);
  while (g_hash_table_iter_next (&iter, NULL, &charger))
    put_charger (self, charger);
  g_hash_table_remove_all (self->updated_while_loading);

  g_clear_object (&self->cancellable);
  self->loaded = TRUE;
  set_error (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void load_page (OkcChargerFleet *self,
                       const char      *cursor);

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OkcChargerFleet) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerPage) page = okc_client_list_chargers_finish (OKC_CLIENT (source), result,
                                                                    &error);

  if (page == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_pointer (&self->loading_pages, g_ptr_array_unref);
      g_clear_object (&self->cancellable);
      set_error (self, error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  g_ptr_array_extend_and_steal (self->loading_pages, g_steal_pointer (&page->chargers));
  page->chargers = g_ptr_array_new ();
  if (page->next_cursor != NULL)
    load_page (self, page->next_cursor);
  else
    finish_loading (self);
}

static void
load_page (OkcChargerFleet *self,
           const char      *cursor)
{
  okc_client_list_chargers_async (self->client, NULL, cursor, PAGE_SIZE, self->cancellable,
                                  page_cb, g_object_ref (self));
}

/**
 * okc_charger_fleet_refresh:
 * @self: a fleet
 *
 * Loads every charger again, page by page; the model changes once, when all have come.
 * A refresh in progress is abandoned for the new one.
 */
void
okc_charger_fleet_refresh (OkcChargerFleet *self)
{
  gboolean was_loading;

  g_return_if_fail (OKC_IS_CHARGER_FLEET (self));

  was_loading = self->cancellable != NULL;
  if (was_loading)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->loading_pages, g_ptr_array_unref);

  self->cancellable = g_cancellable_new ();
  self->loading_pages = g_ptr_array_new_with_free_func (g_object_unref);
  load_page (self, NULL);
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
apply_charger (OkcChargerFleet *self,
               JsonNode        *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = NULL;
  JsonObject *object = okc_json_node_get_object (data, "data", &error);

  if (object != NULL && json_object_has_member (object, "charger"))
    charger = okc_charger_new_from_json (json_object_get_member (object, "charger"),
                                         "data.charger", &error);
  else if (error == NULL)
    g_set_error (&error, OKC_DATA_ERROR, OKC_DATA_ERROR_MISSING, _("data.charger is missing"));
  if (charger == NULL)
    {
      g_debug ("Charger fleet: skipped a charger.updated event: %s", error->message);
      return;
    }

  if (self->loading_pages != NULL)
    g_hash_table_replace (self->updated_while_loading,
                          g_strdup (okc_charger_get_id (charger)), g_object_ref (charger));
  put_charger (self, charger);
  g_signal_emit (self, signals[SIGNAL_CHARGER_CHANGED], 0, charger);
}

static void
apply_command (OkcChargerFleet *self,
               JsonNode        *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerCommand) command = NULL;
  JsonObject *object = okc_json_node_get_object (data, "data", &error);

  if (object != NULL && json_object_has_member (object, "command"))
    command = okc_charger_command_new_from_json (json_object_get_member (object, "command"),
                                                 "data.command", &error);
  else if (error == NULL)
    g_set_error (&error, OKC_DATA_ERROR, OKC_DATA_ERROR_MISSING, _("data.command is missing"));
  if (command == NULL)
    {
      g_debug ("Charger fleet: skipped a charger.command event: %s", error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_COMMAND_CHANGED], 0, command);
}

/* A live-only `charger.heartbeats`: the routine heartbeats of the backend's last tick. */
static void
apply_heartbeats (OkcChargerFleet *self,
                  JsonNode        *data)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = okc_json_node_get_object (data, "data", &error);
  JsonArray *heartbeats = NULL;

  if (object == NULL ||
      !okc_json_read_array (object, "data", "heartbeats", OKC_JSON_REQUIRED, &heartbeats,
                            &error))
    {
      g_debug ("Charger fleet: skipped a charger.heartbeats event: %s", error->message);
      return;
    }

  for (guint i = 0; i < json_array_get_length (heartbeats); i++)
    {
      g_autofree char *path = okc_json_path_index ("data.heartbeats", i);
      JsonObject *heartbeat = okc_json_node_get_object (json_array_get_element (heartbeats, i),
                                                        path, &error);
      const char *charger_id = NULL;
      gint64 at = 0;
      OkcCharger *charger;

      if (heartbeat == NULL ||
          !okc_json_read_string (heartbeat, path, "charger_id", OKC_JSON_REQUIRED, &charger_id,
                                 &error) ||
          !okc_json_read_time (heartbeat, path, "at", OKC_JSON_REQUIRED, &at, &error))
        {
          g_debug ("Charger fleet: skipped a heartbeat: %s", error->message);
          g_clear_error (&error);
          continue;
        }
      charger = okc_charger_fleet_lookup (self, charger_id);
      if (charger == NULL || okc_charger_get_last_heartbeat (charger) >= at)
        continue;
      /* In place: replacing the item would rebuild its row, a focus and a screen reader's
       * place lost every heartbeat; rows and pages follow the notification. */
      okc_charger_set_last_heartbeat (charger, at);
    }
}

static void
event_cb (OkcEventStream *stream,
          const char     *type,
          const char     *id,
          JsonNode       *data,
          gpointer        user_data)
{
  OkcChargerFleet *self = user_data;

  if (g_str_equal (type, "charger.updated"))
    apply_charger (self, data);
  else if (g_str_equal (type, "charger.command"))
    apply_command (self, data);
  else if (g_str_equal (type, "charger.heartbeats"))
    apply_heartbeats (self, data);
  else if (g_str_equal (type, "reset"))
    okc_charger_fleet_refresh (self);
}

static void
state_cb (OkcEventStream *stream,
          GParamSpec     *pspec,
          gpointer        user_data)
{
  OkcChargerFleet *self = user_data;

  /* The stream resumes where it left off; a reload on reconnect also covers a backend
   * that lost its log, and the chargers whose heartbeats stopped meanwhile. */
  if (okc_event_stream_get_state (stream) == OKC_EVENT_STREAM_STATE_CONNECTED && self->loaded)
    okc_charger_fleet_refresh (self);
}

/**
 * okc_charger_fleet_follow:
 * @self: a fleet
 * @stream: the event stream to keep the chargers live from
 *
 * Applies `charger.updated` and `charger.heartbeats` events to the model, announces `charger.command` events with
 * #OkcChargerFleet::command-changed, and reloads after a `reset` or a reconnection.
 */
void
okc_charger_fleet_follow (OkcChargerFleet *self,
                          OkcEventStream  *stream)
{
  g_return_if_fail (OKC_IS_CHARGER_FLEET (self));
  g_return_if_fail (OKC_IS_EVENT_STREAM (stream));
  g_return_if_fail (self->stream == NULL);

  self->stream = g_object_ref (stream);
  g_signal_connect_object (stream, "event", G_CALLBACK (event_cb), self, 0);
  g_signal_connect_object (stream, "notify::state", G_CALLBACK (state_cb), self, 0);
}

/**
 * okc_charger_fleet_get_chargers:
 * @self: a fleet
 *
 * Returns: (transfer none): a #GListModel of #OkcCharger, ordered by id; an item is
 *   replaced by a new object whenever the charger changes.
 */
GListModel *
okc_charger_fleet_get_chargers (OkcChargerFleet *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_FLEET (self), NULL);
  return G_LIST_MODEL (self->chargers);
}

/**
 * okc_charger_fleet_lookup:
 * @self: a fleet
 * @id: a charger id, as the network spells it
 *
 * Returns: (transfer none) (nullable): the charger's current state, if it is loaded.
 */
OkcCharger *
okc_charger_fleet_lookup (OkcChargerFleet *self,
                          const char      *id)
{
  gboolean found;
  guint position;
  g_autoptr(OkcCharger) charger = NULL;

  g_return_val_if_fail (OKC_IS_CHARGER_FLEET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  position = find_position (self, id, &found);
  if (!found)
    return NULL;
  charger = g_list_model_get_item (G_LIST_MODEL (self->chargers), position);
  /* The store holds a reference as long as the charger is current. */
  return charger;
}

gboolean
okc_charger_fleet_get_loading (OkcChargerFleet *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_FLEET (self), FALSE);
  return self->cancellable != NULL;
}

gboolean
okc_charger_fleet_get_loaded (OkcChargerFleet *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_FLEET (self), FALSE);
  return self->loaded;
}

/**
 * okc_charger_fleet_get_error:
 * @self: a fleet
 *
 * Returns: (nullable): why the last refresh failed, a sentence for a person.
 */
const char *
okc_charger_fleet_get_error (OkcChargerFleet *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_FLEET (self), NULL);
  return self->error;
}

static void
okc_charger_fleet_dispose (GObject *object)
{
  OkcChargerFleet *self = OKC_CHARGER_FLEET (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->stream);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (okc_charger_fleet_parent_class)->dispose (object);
}

static void
okc_charger_fleet_finalize (GObject *object)
{
  OkcChargerFleet *self = OKC_CHARGER_FLEET (object);

  g_clear_object (&self->chargers);
  g_clear_pointer (&self->loading_pages, g_ptr_array_unref);
  g_hash_table_unref (self->updated_while_loading);
  g_free (self->error);

  G_OBJECT_CLASS (okc_charger_fleet_parent_class)->finalize (object);
}

static void
okc_charger_fleet_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OkcChargerFleet *self = OKC_CHARGER_FLEET (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, okc_charger_fleet_get_loading (self));
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_charger_fleet_class_init (OkcChargerFleetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = okc_charger_fleet_dispose;
  object_class->finalize = okc_charger_fleet_finalize;
  object_class->get_property = okc_charger_fleet_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OkcChargerFleet::charger-changed:
   * @charger: the charger's new state, already in the model
   */
  signals[SIGNAL_CHARGER_CHANGED] =
    g_signal_new ("charger-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, OKC_TYPE_CHARGER);
  /**
   * OkcChargerFleet::command-changed:
   * @command: a remote command's new state
   */
  signals[SIGNAL_COMMAND_CHANGED] =
    g_signal_new ("command-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, OKC_TYPE_CHARGER_COMMAND);
}

static void
okc_charger_fleet_init (OkcChargerFleet *self)
{
  self->chargers = g_list_store_new (OKC_TYPE_CHARGER);
  self->updated_while_loading = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       g_object_unref);
}

/**
 * okc_charger_fleet_new:
 * @client: the client to load chargers with
 *
 * Returns: (transfer full): an empty fleet; okc_charger_fleet_refresh() loads it.
 */
OkcChargerFleet *
okc_charger_fleet_new (OkcClient *client)
{
  OkcChargerFleet *self;

  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);

  self = g_object_new (OKC_TYPE_CHARGER_FLEET, NULL);
  self->client = g_object_ref (client);
  return self;
}
