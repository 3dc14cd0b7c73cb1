/* okc-backend-fleet-sim-store.h — the simulated chargers and their commands in SQLite
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"
#include "okc-backend-fleet-sim.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcSimCharger, okc_sim_charger_free)

gboolean       okc_backend_fleet_store_seed         (OkcBackendDb   *db,
                                                     guint64         seed,
                                                     gint64          now,
                                                     GError        **error);
OkcSimCharger *okc_backend_fleet_store_load         (OkcBackendDb   *db,
                                                     const char     *id,
                                                     GError        **error);
gboolean       okc_backend_fleet_store_save         (OkcBackendDb   *db,
                                                     OkcSimCharger  *charger,
                                                     gint64          due_at,
                                                     GError        **error);
GPtrArray     *okc_backend_fleet_store_due_chargers (OkcBackendDb   *db,
                                                     gint64          now,
                                                     guint           limit,
                                                     GError        **error);
gboolean       okc_backend_fleet_store_set_interval (OkcBackendDb   *db,
                                                     guint           seconds,
                                                     GError        **error);

/* Commands: the rows still due at @now, as (seq, charger id) pairs of the returned arrays. */
gboolean       okc_backend_fleet_store_due_commands (OkcBackendDb   *db,
                                                     gint64          now,
                                                     GArray        **out_seqs,
                                                     GPtrArray     **out_charger_ids,
                                                     GError        **error);
gboolean       okc_backend_fleet_store_load_command (OkcBackendDb   *db,
                                                     gint64          seq,
                                                     OkcSimCommand  *out_command,
                                                     GError        **error);
gboolean       okc_backend_fleet_store_save_command (OkcBackendDb   *db,
                                                     gint64          seq,
                                                     OkcSimCommand  *command,
                                                     GError        **error);

/* The next free session id ("SES-0004711"), over ended and running sessions. */
guint64        okc_backend_fleet_store_last_session (OkcBackendDb   *db,
                                                     GError        **error);
char          *okc_backend_fleet_store_pick_account (OkcBackendDb   *db,
                                                     const char     *charger_id,
                                                     guint32         random);

/* The fleet around a charger, over the database: session ids and accounts. */
typedef struct
{
  OkcSimWorld world;
  OkcBackendDb *db;
  guint64 last_session; /* 0 until first needed */
} OkcBackendFleetWorld;

void           okc_backend_fleet_world_init         (OkcBackendFleetWorld *self,
                                                     OkcBackendDb         *db);

G_END_DECLS
