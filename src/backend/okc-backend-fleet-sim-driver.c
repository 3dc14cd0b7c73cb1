/* okc-backend-fleet-sim-driver.c — runs the simulated fleet on the server's main loop: once
 * a second, the chargers and commands that are due move on, in one transaction
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-fleet-sim-driver.h"

#include "okc-backend-audit.h"
#include "okc-backend-chargers.h"
#include "okc-backend-fleet-sim-store.h"

/* At most this many chargers move on in one tick; the rest wait for the next one. */
#define MAX_CHARGERS_PER_TICK 500

struct _OkcBackendFleetSimDriver
{
  GObject parent_instance;

  OkcBackendDb *db;
  OkcBackendEvents *events;
  gboolean activity;
  guint timeout_id;
};

G_DEFINE_FINAL_TYPE (OkcBackendFleetSimDriver, okc_backend_fleet_sim_driver, G_TYPE_OBJECT)

static void
okc_backend_fleet_sim_driver_dispose (GObject *object)
{
  OkcBackendFleetSimDriver *self = OKC_BACKEND_FLEET_SIM_DRIVER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->events);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (okc_backend_fleet_sim_driver_parent_class)->dispose (object);
}

static void
okc_backend_fleet_sim_driver_class_init (OkcBackendFleetSimDriverClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = okc_backend_fleet_sim_driver_dispose;
}

static void
okc_backend_fleet_sim_driver_init (OkcBackendFleetSimDriver *self)
{
}

OkcBackendFleetSimDriver *
okc_backend_fleet_sim_driver_new (OkcBackendDb     *db,
                                  OkcBackendEvents *events)
{
  OkcBackendFleetSimDriver *self;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), NULL);
  g_return_val_if_fail (OKC_IS_BACKEND_EVENTS (events), NULL);

  self = g_object_new (OKC_TYPE_BACKEND_FLEET_SIM_DRIVER, NULL);
  self->db = g_object_ref (db);
  self->events = g_object_ref (events);
  return self;
}

/**
 * okc_backend_fleet_sim_driver_set_activity:
 * @activity: whether faults and sessions happen by themselves (seeded random)
 */
void
okc_backend_fleet_sim_driver_set_activity (OkcBackendFleetSimDriver *self,
                                           gboolean                  activity)
{
  g_return_if_fail (OKC_IS_BACKEND_FLEET_SIM_DRIVER (self));
  self->activity = activity;
}

static JsonNode *
command_json (OkcBackendDb *db,
              gint64        seq)
{
  g_autoptr(OkcChargerCommand) command = okc_backend_chargers_load_command (db, seq, NULL);

  return command != NULL ? okc_charger_command_to_json (command) : NULL;
}

static gboolean
is_final (OkcCommandState state)
{
  return state != OKC_COMMAND_STATE_SENT && state != OKC_COMMAND_STATE_ACCEPTED;
}

/* Steps one command: saved, announced on a change, audited with its outcome once final. */
static gboolean
step_command (OkcBackendFleetSimDriver  *self,
              OkcBackendFleetWorld      *world,
              OkcSimCharger             *charger,
              gint64                     seq,
              gint64                     now,
              GError                   **error)
{
  OkcSimCommand command = { 0 };
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(OkcChargerCommand) recorded = NULL;
  gboolean ok;

  if (!okc_backend_fleet_store_load_command (self->db, seq, &command, error))
    return FALSE;
  before = command_json (self->db, seq);
  okc_sim_command_step (&command, charger, &world->world, now);
  ok = okc_backend_fleet_store_save_command (self->db, seq, &command, error);
  if (ok && command.changed)
    ok = okc_backend_chargers_announce_command (self->db, seq, now, error);
  if (ok && command.changed && is_final (command.state))
    {
      recorded = okc_backend_chargers_load_command (self->db, seq, NULL);
      after = command_json (self->db, seq);
      ok = recorded != NULL &&
           okc_backend_audit_record (self->db, now,
                                     okc_charger_command_get_requested_by_id (recorded),
                                     "charger.command.outcome", "charger", charger->id,
                                     okc_charger_command_get_ticket_id (recorded), before, after,
                                     error);
    }
  okc_sim_command_clear (&command);
  return ok;
}

/* A routine heartbeat, for the live-only `charger.heartbeats` of the tick. */
static void
add_heartbeat (JsonBuilder *heartbeats,
               const char  *charger_id,
               gint64       at)
{
  json_builder_begin_object (heartbeats);
  okc_json_builder_add_string (heartbeats, "charger_id", charger_id);
  okc_json_builder_add_time (heartbeats, "at", at);
  json_builder_end_object (heartbeats);
}

static gboolean
move_charger (OkcBackendFleetSimDriver  *self,
              OkcBackendFleetWorld      *world,
              const char                *id,
              GArray                    *seqs,
              gint64                     now,
              JsonBuilder               *heartbeats,
              guint                     *n_heartbeats,
              GError                   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(OkcSimCharger) charger = okc_backend_fleet_store_load (self->db, id, &local_error);
  gboolean reported;
  gint64 heartbeat_before;

  if (charger == NULL)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  charger->activity = self->activity;
  heartbeat_before = charger->last_heartbeat;
  okc_sim_charger_advance (charger, &world->world, now);
  for (guint i = 0; seqs != NULL && i < seqs->len; i++)
    if (!step_command (self, world, charger, g_array_index (seqs, gint64, i), now, error))
      return FALSE;

  reported = charger->reported;
  if (!okc_backend_fleet_store_save (self->db, charger, okc_sim_charger_next_due (charger, now),
                                     error))
    return FALSE;
  /* A routine heartbeat is not worth an event in the log: it is announced live only, in
   * one event for the whole tick, so that the console's ages stay true. */
  if (!reported && charger->last_heartbeat != heartbeat_before)
    {
      add_heartbeat (heartbeats, charger->id, charger->last_heartbeat);
      (*n_heartbeats)++;
    }
  return !reported || okc_backend_chargers_announce (self->db, charger->id, now, error);
}

static gboolean
tick (OkcBackendFleetSimDriver  *self,
      gint64                     now,
      JsonBuilder               *heartbeats,
      guint                     *n_heartbeats,
      GError                   **error)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GArray) seqs = NULL;
  g_autoptr(GPtrArray) command_chargers = NULL;
  g_autoptr(GHashTable) commands = NULL; /* charger id → GArray of command seqs */
  OkcBackendFleetWorld world;

  okc_backend_fleet_world_init (&world, self->db);
  due = okc_backend_fleet_store_due_chargers (self->db, now, MAX_CHARGERS_PER_TICK, error);
  if (due == NULL ||
      !okc_backend_fleet_store_due_commands (self->db, now, &seqs, &command_chargers, error))
    return FALSE;

  commands = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < seqs->len; i++)
    {
      const char *id = g_ptr_array_index (command_chargers, i);
      GArray *list = g_hash_table_lookup (commands, id);

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (commands, g_strdup (id), list);
          if (!g_ptr_array_find_with_equal_func (due, id, g_str_equal, NULL))
            g_ptr_array_add (due, g_strdup (id));
        }
      g_array_append_val (list, g_array_index (seqs, gint64, i));
    }

  for (guint i = 0; i < due->len; i++)
    {
      const char *id = g_ptr_array_index (due, i);

      if (!move_charger (self, &world, id, g_hash_table_lookup (commands, id), now, heartbeats,
                         n_heartbeats, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * okc_backend_fleet_sim_driver_tick:
 * @now: the present, seconds since the epoch
 *
 * Moves every charger and command due at @now on, in one transaction, and sends the
 * events that produced to the open streams.
 */
gboolean
okc_backend_fleet_sim_driver_tick (OkcBackendFleetSimDriver  *self,
                                   gint64                     now,
                                   GError                   **error)
{
  g_autoptr(JsonBuilder) heartbeats = json_builder_new ();
  guint n_heartbeats = 0;

  g_return_val_if_fail (OKC_IS_BACKEND_FLEET_SIM_DRIVER (self), FALSE);

  if (!okc_backend_db_begin (self->db, error))
    return FALSE;
  json_builder_begin_object (heartbeats);
  json_builder_set_member_name (heartbeats, "heartbeats");
  json_builder_begin_array (heartbeats);
  if (!tick (self, now, heartbeats, &n_heartbeats, error) ||
      !okc_backend_db_commit (self->db, error))
    {
      okc_backend_db_rollback (self->db);
      return FALSE;
    }
  okc_backend_events_flush (self->events);

  json_builder_end_array (heartbeats);
  json_builder_end_object (heartbeats);
  if (n_heartbeats > 0 && self->events != NULL)
    {
      g_autoptr(JsonNode) data = json_builder_get_root (heartbeats);

      okc_backend_events_broadcast (self->events, "charger.heartbeats", data);
    }
  return TRUE;
}

static gboolean
tick_cb (gpointer user_data)
{
  OkcBackendFleetSimDriver *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!okc_backend_fleet_sim_driver_tick (self, g_get_real_time () / G_USEC_PER_SEC, &error))
    g_warning ("The fleet simulator could not move on: %s", error->message);
  return G_SOURCE_CONTINUE;
}

/**
 * okc_backend_fleet_sim_driver_start:
 *
 * Ticks once now and then every second on the thread-default main context, until
 * @self is disposed.
 */
void
okc_backend_fleet_sim_driver_start (OkcBackendFleetSimDriver *self)
{
  g_return_if_fail (OKC_IS_BACKEND_FLEET_SIM_DRIVER (self));

  if (self->timeout_id != 0)
    return;
  tick_cb (self);
  self->timeout_id = g_timeout_add (1000, tick_cb, self);
}
