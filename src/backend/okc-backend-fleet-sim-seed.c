/* okc-backend-fleet-sim-seed.c — live state for chargers that have none yet: those of a v3
 * database, of an imported data set and of new demo data, derived from their status
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-fleet-sim-store.h"

#include <string.h>

#include "okc-backend-fleet-sim-private.h"

#define HOUR (60 * 60)

typedef struct
{
  char *id;
  char *status;
  gint64 last_heartbeat;
  gint64 installed_at;
  char *property_name;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->id);
  g_free (row->status);
  g_free (row->property_name);
}

/* The same charger gets the same connectors, network and cause on every machine. */
static guint32
mix (guint64     seed,
     const char *id,
     guint32     salt)
{
  guint32 h = g_str_hash (id) ^ (guint32) (seed * G_GUINT64_CONSTANT (2654435761)) ^
              (salt * 0x9e3779b9u);

  h ^= h >> 16;
  h *= 0x7feb352du;
  h ^= h >> 15;
  h *= 0x846ca68bu;
  h ^= h >> 16;
  return h;
}

static void
set_network (OkcSimCharger *charger,
             const char    *property_name,
             guint32        h)
{
  guint kind = h % 10;

  g_clear_pointer (&charger->ssid, g_free);
  g_clear_pointer (&charger->ip, g_free);
  if (kind < 7)
    {
      g_autofree char *place = g_strdup (property_name != NULL ? property_name : "OK2");
      char *space = strchr (place, ' ');

      if (space != NULL)
        *space = '\0';
      charger->network_kind = OKC_NETWORK_KIND_WIFI;
      charger->signal = 40 + (int) ((h >> 8) % 56);
      charger->ssid = g_strdup_printf ("%s-%s", place, (h >> 4) % 2 ? "Guest" : "Chargers");
      charger->ip = g_strdup_printf ("10.0.%u.%u", (h >> 12) % 250, 2 + (h >> 20) % 250);
    }
  else if (kind < 9)
    {
      charger->network_kind = OKC_NETWORK_KIND_ETHERNET;
      charger->signal = -1;
      charger->ip = g_strdup_printf ("192.168.%u.%u", (h >> 12) % 250, 2 + (h >> 20) % 250);
    }
  else
    {
      charger->network_kind = OKC_NETWORK_KIND_CELLULAR;
      charger->signal = 30 + (int) ((h >> 8) % 60);
      charger->ip = g_strdup_printf ("100.64.%u.%u", (h >> 12) % 250, 2 + (h >> 20) % 250);
    }
}

static OkcSimCharger *
make_charger (const Row *row,
              guint64    seed,
              gint64     now)
{
  static const OkcSimWorld no_world = { NULL, NULL, NULL };
  static const OkcSimCause faults[] = {
    OKC_SIM_CAUSE_GROUND_FAULT, OKC_SIM_CAUSE_STUCK_CONNECTOR, OKC_SIM_CAUSE_FIRMWARE_GLITCH,
  };
  guint32 h = mix (seed, row->id, 1);
  guint n_connectors = h % 10 < 4 ? 2 : 1;
  gint64 heard = row->last_heartbeat > 0 ? row->last_heartbeat : now;
  OkcSimCharger *charger;

  if (g_str_equal (row->status, "offline"))
    {
      /* The last heartbeat is when the power or the Wi-Fi went; the backend noticed three
       * intervals later. Causes planted in the data last until a technician clears them. */
      OkcSimCause cause = (h >> 3) % 2 ? OKC_SIM_CAUSE_POWER_LOST : OKC_SIM_CAUSE_WIFI_DOWN;

      charger = okc_sim_charger_new (row->id, n_connectors, MIN (row->installed_at, heard));
      set_network (charger, row->property_name, mix (seed, row->id, 2));
      okc_sim_charger_heartbeat (charger, heard);
      okc_sim_charger_inject (charger, &no_world, cause, 0, 0, heard);
      okc_sim_charger_advance (charger, &no_world, MAX (now, heard));
    }
  else if (g_str_equal (row->status, "faulted"))
    {
      OkcSimCause cause = faults[(h >> 3) % G_N_ELEMENTS (faults)];
      /* Before the demo's first ticket about it (those come within the last 105 min). */
      gint64 fault_at = MAX (row->installed_at,
                             heard - 2 * HOUR - (gint64) ((h >> 8) % (4 * HOUR)));

      charger = okc_sim_charger_new (row->id, n_connectors, fault_at);
      set_network (charger, row->property_name, mix (seed, row->id, 2));
      okc_sim_charger_inject (charger, &no_world, cause, 1, 0, fault_at);
      okc_sim_charger_heartbeat (charger, heard);
    }
  else
    {
      charger = okc_sim_charger_new (row->id, n_connectors, MIN (row->installed_at, heard));
      set_network (charger, row->property_name, mix (seed, row->id, 2));
      okc_sim_charger_heartbeat (charger, heard);
    }
  charger->random = mix (seed, row->id, 3) | 1u;
  return charger;
}

/**
 * okc_backend_fleet_store_seed:
 * @seed: varies the fleet (the demo's seed, or 0)
 * @now: the present of the data
 *
 * Gives every charger without connectors its live state, from its status: an online one
 * healthy connectors; an offline one a lost power supply or Wi-Fi since its last
 * heartbeat; a faulted one a ground fault, stuck connector or firmware glitch on its first
 * connector, with the history lines that led there. One or two connectors, a network
 * (mostly Wi-Fi) and a LED; the same for the same charger id every time. Call it inside a
 * transaction.
 */
gboolean
okc_backend_fleet_store_seed (OkcBackendDb  *db,
                              guint64        seed,
                              gint64         now,
                              GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  int rc;

  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);
  {
    g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
      db,
      "SELECT c.id, c.status, c.last_heartbeat_at, c.installed_at, p.name FROM chargers c "
      "LEFT JOIN properties p ON p.id = c.property_id "
      "WHERE NOT EXISTS (SELECT 1 FROM connectors x WHERE x.charger_id = c.id) ORDER BY c.id",
      error);

    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        Row row = {
          .id = g_strdup (okc_backend_stmt_get_text (stmt, 0)),
          .status = g_strdup (okc_backend_stmt_get_text (stmt, 1)),
          .last_heartbeat = sqlite3_column_int64 (stmt, 2),
          .installed_at = sqlite3_column_int64 (stmt, 3),
          .property_name = g_strdup (okc_backend_stmt_get_text (stmt, 4)),
        };
        g_array_append_val (rows, row);
      }
    if (rc != SQLITE_DONE)
      return okc_backend_db_set_error (db, error);
  }

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(OkcSimCharger) charger = make_charger (&g_array_index (rows, Row, i), seed, now);

      if (!okc_backend_fleet_store_save (db, charger, 0, error))
        return FALSE;
    }
  return TRUE;
}
