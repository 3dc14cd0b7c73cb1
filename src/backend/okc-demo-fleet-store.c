/* okc-demo-fleet-store.c — writing the demo fleet into the database
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-fleet-sim-store.h"
#include "okc-backend-schema.h"
#include "okc-demo-names.h"
#include "okc-demo-world.h"

static void
bind_time (OkcBackendStmt *stmt,
           int             index,
           gint64          unix_time)
{
  if (unix_time == 0)
    sqlite3_bind_null (stmt, index);
  else
    okc_backend_stmt_bind_int64 (stmt, index, unix_time);
}

static gboolean
store_accounts (OkcDemoWorld  *world,
                OkcBackendDb  *db,
                GError       **error)
{
  for (guint i = 0; i < world->accounts->len; i++)
    {
      OkcDemoAccount *a = OKC_DEMO_ACCOUNT (world, i);
      g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
        db,
        "INSERT INTO accounts (id, kind, name, email, phone, subscription, created_at, "
        "notification_email, subscription_status, subscription_renews_at, "
        "subscription_cancelled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        error);

      if (stmt == NULL)
        return FALSE;
      okc_backend_stmt_bind_text (stmt, 1, a->id);
      okc_backend_stmt_bind_text (stmt, 2, a->is_host ? "host" : "guest");
      okc_backend_stmt_bind_text (stmt, 3, a->name);
      okc_backend_stmt_bind_text (stmt, 4, a->email);
      okc_backend_stmt_bind_text (stmt, 5, a->phone);
      okc_backend_stmt_bind_text (stmt, 6, a->subscription);
      okc_backend_stmt_bind_int64 (stmt, 7, a->created_at);
      okc_backend_stmt_bind_text (stmt, 8, a->notification_email);
      okc_backend_stmt_bind_text (stmt, 9, a->subscription_status);
      bind_time (stmt, 10, a->renews_at);
      bind_time (stmt, 11, a->cancelled_at);
      if (!okc_backend_db_step_done (db, stmt, error))
        return FALSE;
    }
  return okc_demo_accounts_store (world, db, error);
}

static gboolean
store_property (OkcDemoWorld     *world,
                OkcBackendDb     *db,
                OkcDemoProperty  *p,
                GError          **error)
{
  const OkcDemoCity *city = &okc_demo_cities[p->city];
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "INSERT INTO properties (id, name, kind, address, city, state, postal_code, timezone, "
    "host_account_id, pms, pms_connected, pms_sync_state, pms_last_sync_at, pms_last_error, "
    "pms_token_expired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, p->id);
  okc_backend_stmt_bind_text (stmt, 2, p->name);
  okc_backend_stmt_bind_text (stmt, 3, p->is_residence ? "residence" : "rental");
  okc_backend_stmt_bind_text (stmt, 4, p->address);
  okc_backend_stmt_bind_text (stmt, 5, city->city);
  okc_backend_stmt_bind_text (stmt, 6, city->state);
  okc_backend_stmt_bind_text (stmt, 7, p->postal_code);
  okc_backend_stmt_bind_text (stmt, 8, city->timezone);
  okc_backend_stmt_bind_text (stmt, 9, OKC_DEMO_ACCOUNT (world, p->host)->id);
  okc_backend_stmt_bind_text (stmt, 10, p->pms);
  okc_backend_stmt_bind_int64 (stmt, 11, p->pms_connected);
  okc_backend_stmt_bind_text (stmt, 12, p->pms_sync_state);
  if (p->pms_last_sync_at != 0)
    okc_backend_stmt_bind_int64 (stmt, 13, p->pms_last_sync_at);
  okc_backend_stmt_bind_text (stmt, 14, p->pms_last_error);
  if (p->pms_token_expired_at != 0)
    okc_backend_stmt_bind_int64 (stmt, 15, p->pms_token_expired_at);
  return okc_backend_db_step_done (db, stmt, error);
}

/* The posted tariff's document; the wrong ones some sessions were billed by are nowhere
 * but in those sessions' breakdowns. */
static gboolean
store_tariff (OkcBackendDb     *db,
              OkcDemoProperty  *p,
              GError          **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "INSERT INTO tariffs (id, property_id, currency, document) VALUES (?, ?, ?, ?)", error);
  g_autoptr(JsonNode) document = NULL;
  g_autofree char *text = NULL;

  if (stmt == NULL)
    return FALSE;
  document = okc_tariff_to_json (p->tariffs[OKC_DEMO_BILLED_POSTED]);
  text = okc_json_to_string (document);
  okc_backend_stmt_bind_text (stmt, 1, p->tariff_id);
  okc_backend_stmt_bind_text (stmt, 2, p->id);
  okc_backend_stmt_bind_text (stmt, 3, OKC_DEMO_CURRENCY);
  okc_backend_stmt_bind_text (stmt, 4, text);
  return okc_backend_db_step_done (db, stmt, error);
}

static gboolean
store_properties (OkcDemoWorld  *world,
                  OkcBackendDb  *db,
                  GError       **error)
{
  for (guint i = 0; i < world->properties->len; i++)
    if (!store_property (world, db, OKC_DEMO_PROPERTY (world, i), error) ||
        !store_tariff (db, OKC_DEMO_PROPERTY (world, i), error))
      return FALSE;

  for (guint i = 0; i < world->units->len; i++)
    {
      OkcDemoUnit *u = OKC_DEMO_UNIT (world, i);
      g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
        db, "INSERT INTO units (id, property_id, name) VALUES (?, ?, ?)", error);

      if (stmt == NULL)
        return FALSE;
      okc_backend_stmt_bind_text (stmt, 1, u->id);
      okc_backend_stmt_bind_text (stmt, 2, OKC_DEMO_PROPERTY (world, u->property)->id);
      okc_backend_stmt_bind_text (stmt, 3, u->name);
      if (!okc_backend_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
store_access (OkcDemoWorld    *world,
              OkcBackendDb    *db,
              OkcDemoCharger  *c,
              GError         **error)
{
  for (guint k = 0; k < c->access->len; k++)
    {
      g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
        db, "INSERT INTO charger_access (charger_id, account_id) VALUES (?, ?)", error);

      if (stmt == NULL)
        return FALSE;
      okc_backend_stmt_bind_text (stmt, 1, c->id);
      okc_backend_stmt_bind_text (
        stmt, 2, OKC_DEMO_ACCOUNT (world, g_array_index (c->access, guint, k))->id);
      if (!okc_backend_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
store_chargers (OkcDemoWorld  *world,
                OkcBackendDb  *db,
                GError       **error)
{
  for (guint i = 0; i < world->chargers->len; i++)
    {
      OkcDemoCharger *c = OKC_DEMO_CHARGER (world, i);
      g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
        db,
        "INSERT INTO chargers (id, serial, model, firmware, status, last_heartbeat_at, "
        "property_id, unit_id, access, installed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        error);

      if (stmt == NULL)
        return FALSE;
      okc_backend_stmt_bind_text (stmt, 1, c->id);
      okc_backend_stmt_bind_text (stmt, 2, c->serial);
      okc_backend_stmt_bind_text (stmt, 3, okc_demo_models[c->model].name);
      okc_backend_stmt_bind_text (stmt, 4, c->firmware);
      okc_backend_stmt_bind_text (stmt, 5, c->status);
      bind_time (stmt, 6, c->last_heartbeat_at);
      okc_backend_stmt_bind_text (stmt, 7,
                                  c->property >= 0 ? OKC_DEMO_PROPERTY (world, c->property)->id
                                                   : NULL);
      okc_backend_stmt_bind_text (stmt, 8, c->unit >= 0 ? OKC_DEMO_UNIT (world, c->unit)->id : NULL);
      okc_backend_stmt_bind_text (stmt, 9, !c->restricted ? "public"
                                           : c->list_only ? "access_list"
                                                          : "residents_guests");
      okc_backend_stmt_bind_int64 (stmt, 10, c->installed_at);
      if (!okc_backend_db_step_done (db, stmt, error) || !store_access (world, db, c, error))
        return FALSE;
    }
  return TRUE;
}

/* Each session billed again as it was when generated (the same engine, meter and
 * tariff give the same breakdown), rather than hundreds of thousands of breakdowns kept
 * in memory. */
static gboolean
store_sessions (OkcDemoWorld  *world,
                OkcBackendDb  *db,
                GError       **error)
{
  for (guint i = 0; i < world->sessions->len; i++)
    {
      OkcDemoSession *s = OKC_DEMO_SESSION (world, i);
      OkcDemoCharger *c = OKC_DEMO_CHARGER (world, s->charger);
      g_autoptr(OkcMeteredSession) meter = okc_demo_session_meter (s);
      g_autoptr(OkcCostBreakdown) billed = okc_demo_session_bill (world, s, error);
      OkcBackendSessionRow row = {
        .id = s->id,
        .charger_id = c->id,
        .connector_id = s->connector,
        .account_id = OKC_DEMO_ACCOUNT (world, s->account)->id,
        .tariff_id = OKC_DEMO_PROPERTY (world, c->property)->tariff_id,
        .outcome = s->outcome,
        .stop_reason = s->stop_reason,
        .meter = meter,
        .billed = billed,
      };

      if (billed == NULL || !okc_backend_schema_insert_session (db, &row, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * okc_demo_fleet_store:
 *
 * Inserts @world's fleet, parents first. Call it inside the generator's transaction.
 */
gboolean
okc_demo_fleet_store (OkcDemoWorld  *world,
                      OkcBackendDb  *db,
                      GError       **error)
{
  /* The chargers' connectors, network, LED and the causes behind the offline and faulted
   * ones follow from their status, as they would for imported data. */
  return store_accounts (world, db, error) && store_properties (world, db, error) &&
         store_chargers (world, db, error) && store_sessions (world, db, error) &&
         okc_demo_payouts_store (world, db, error) &&
         okc_backend_fleet_store_seed (db, 0, world->now, error);
}

/**
 * okc_demo_bookings_store:
 *
 * Inserts @world's bookings, the tickets' planted ones too: call it after
 * okc_demo_tickets_store(), inside the generator's transaction. Each was synced when the
 * property's PMS last ran, an hour before now.
 */
gboolean
okc_demo_bookings_store (OkcDemoWorld  *world,
                         OkcBackendDb  *db,
                         GError       **error)
{
  for (guint i = 0; i < world->bookings->len; i++)
    {
      OkcDemoBooking *b = &g_array_index (world->bookings, OkcDemoBooking, i);
      OkcDemoProperty *property = OKC_DEMO_PROPERTY (world, b->property);
      OkcDemoAccount *guest = OKC_DEMO_ACCOUNT (world, b->account);
      g_autofree char *id = g_strdup_printf ("BKG-%06u", i + 1);
      g_autofree char *reference = g_strdup_printf ("%s-%08x", property->pms,
                                                    g_str_hash (id) ^ g_str_hash (property->id));
      g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
        db,
        "INSERT INTO bookings (id, property_id, unit_id, account_id, guest_name, guest_email, "
        "check_in, check_out, pms_reference, synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        error);

      if (stmt == NULL)
        return FALSE;
      okc_backend_stmt_bind_text (stmt, 1, id);
      okc_backend_stmt_bind_text (stmt, 2, property->id);
      okc_backend_stmt_bind_text (stmt, 3, b->unit >= 0 ? OKC_DEMO_UNIT (world, b->unit)->id : NULL);
      okc_backend_stmt_bind_text (stmt, 4, guest->id);
      okc_backend_stmt_bind_text (stmt, 5, guest->name);
      okc_backend_stmt_bind_text (stmt, 6, guest->email);
      okc_backend_stmt_bind_int64 (stmt, 7, b->check_in);
      okc_backend_stmt_bind_int64 (stmt, 8, b->check_out);
      okc_backend_stmt_bind_text (stmt, 9, reference);
      okc_backend_stmt_bind_int64 (stmt, 10, world->now - 60 * 60);
      if (!okc_backend_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}
