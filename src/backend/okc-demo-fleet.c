/* okc-demo-fleet.c — demo properties, chargers, accounts, sessions and payouts
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-pms-sim.h"
#include "okc-demo-names.h"
#include "okc-demo-world.h"

#define DAY (24 * 60 * 60)
#define HOUR (60 * 60)
#define MINUTE 60

/* Chargers whose QR label appears in photos: a few dozen images serve any number of
 * tickets, each photo still showing the ID of the charger its ticket is about. */
#define N_PHOTOGRAPHED 48

static OkcDemoRandom *
rng (OkcDemoWorld *world)
{
  return &world->random;
}

static guint
count_properties (guint n_tickets)
{
  return CLAMP (n_tickets / 40, 12, 2500);
}

static const char *
make_phone (OkcDemoWorld *world,
            const char   *area_code)
{
  return okc_demo_world_intern (world, "+1 %s-555-01%02u", area_code,
                                okc_demo_random_below (rng (world), 100));
}

static void
add_account (OkcDemoWorld *world,
             gboolean      is_host)
{
  OkcDemoAccount account = { 0 };
  guint index = world->accounts->len;
  const char *first = okc_demo_first_names[okc_demo_random_below (rng (world),
                                                                  okc_demo_n_first_names)];
  const char *last = okc_demo_last_names[okc_demo_random_below (rng (world),
                                                                okc_demo_n_last_names)];
  const OkcDemoCity *city = &okc_demo_cities[okc_demo_random_below (rng (world),
                                                                    okc_demo_n_cities)];
  g_autofree char *local = g_ascii_strdown (first, -1);
  g_autofree char *local_last = g_ascii_strdown (last, -1);
  static const guint subscription_weights[] = { 78, 16, 6 };
  static const char * const subscriptions[] = { "none", "monthly", "annual" };

  g_strdelimit (local_last, "'", '-');
  account.id = okc_demo_world_intern (world, "ACC-%05u", index + 1);
  account.is_host = is_host;
  account.name = okc_demo_world_intern (world, "%s %s", first, last);
  account.email = okc_demo_world_intern (
    world, "%s.%s%u@%s", local, local_last, index + 1,
    okc_demo_email_domains[okc_demo_random_below (rng (world), okc_demo_n_email_domains)]);
  account.phone = is_host || okc_demo_random_chance (rng (world), 85)
                    ? make_phone (world, city->area_code)
                    : NULL;
  account.card_last4 = okc_demo_world_intern (world, "%04u",
                                              okc_demo_random_below (rng (world), 10000));
  account.subscription =
    is_host ? "none"
            : subscriptions[okc_demo_random_weighted (rng (world), subscription_weights, 3)];
  account.created_at = world->now - okc_demo_random_range (rng (world), 30, 900) * DAY;
  g_array_append_val (world->accounts, account);
}

static const char *
make_property_name (OkcDemoWorld *world,
                    gboolean      is_residence,
                    guint         city,
                    GHashTable   *taken)
{
  const char *place = okc_demo_place_words[okc_demo_random_below (rng (world),
                                                                  okc_demo_n_place_words)];
  const char *kind = is_residence
                       ? okc_demo_residence_kinds[okc_demo_random_below (
                           rng (world), okc_demo_n_residence_kinds)]
                       : okc_demo_rental_kinds[okc_demo_random_below (rng (world),
                                                                      okc_demo_n_rental_kinds)];
  g_autofree char *name = g_strdup_printf ("%s %s", place, kind);

  /* Names are unique (without regard to case): the chatbot links by name. */
  for (guint attempt = 1; ; attempt++)
    {
      g_autofree char *key = g_utf8_casefold (name, -1);

      if (!g_hash_table_contains (taken, key))
        {
          g_hash_table_add (taken, g_steal_pointer (&key));
          return okc_demo_world_intern (world, "%s", name);
        }
      g_free (name);
      name = attempt == 1 ? g_strdup_printf ("%s %s %s", place, kind, okc_demo_cities[city].city)
                          : g_strdup_printf ("%s %s %s %u", place, kind,
                                             okc_demo_cities[city].city, attempt);
    }
}

static const char *
pick_pms (OkcDemoWorld *world,
          gboolean      is_residence)
{
  static const char * const names[] = { "none", "guesty", "hospitable", "track" };
  static const guint rental_weights[] = { 25, 30, 25, 20 };
  static const guint residence_weights[] = { 85, 5, 5, 5 };

  return names[okc_demo_random_weighted (rng (world),
                                         is_residence ? residence_weights : rental_weights, 4)];
}

static const char * const rental_unit_kinds[] = { "Cabin", "Suite", "Unit" };

static void
add_units (OkcDemoWorld    *world,
           OkcDemoProperty *property,
           guint            property_index)
{
  property->first_unit = world->units->len;
  property->n_units = (guint) okc_demo_random_range (rng (world), 1, 6);
  for (guint i = 0; i < property->n_units; i++)
    {
      OkcDemoUnit unit = {
        .id = okc_demo_world_intern (world, "UNT-%04u", world->units->len + 1),
        .property = property_index,
        .name = property->is_residence
                  ? okc_demo_world_intern (world, "Apt %u%c", i / 2 + 1, 'A' + i % 2)
                  : okc_demo_world_intern (world, "%s %u",
                                           OKC_DEMO_PICK (rng (world), rental_unit_kinds), i + 1),
      };
      g_array_append_val (world->units, unit);
    }
}

/* The first connected Guesty integration (any connected one if none is Guesty) refuses
 * its expired token; every fourth other connected one has never synced, the rest synced
 * in the last few hours. By position, not drawn: the rest of the world stays as it was. */
static void
set_pms_states (OkcDemoWorld *world)
{
  int expired = -1;
  guint n_connected = 0;

  for (guint i = 0; i < world->properties->len && expired < 0; i++)
    if (OKC_DEMO_PROPERTY (world, i)->pms_connected &&
        g_str_equal (OKC_DEMO_PROPERTY (world, i)->pms, "guesty"))
      expired = (int) i;
  for (guint i = 0; i < world->properties->len && expired < 0; i++)
    if (OKC_DEMO_PROPERTY (world, i)->pms_connected)
      expired = (int) i;

  for (guint i = 0; i < world->properties->len; i++)
    {
      OkcDemoProperty *property = OKC_DEMO_PROPERTY (world, i);

      property->pms_sync_state = "never_synced";
      if (!property->pms_connected)
        continue;
      if ((int) i == expired)
        {
          g_autoptr(GTimeZone) tz =
            g_time_zone_new_identifier (okc_demo_cities[property->city].timezone);
          g_autofree char *message = NULL;

          /* At noon UTC a month ago (the same day in the fleet's time zones); the last
           * good sync the hour before. */
          property->pms_token_expired_at = (world->now / DAY - 30) * DAY + DAY / 2;
          property->pms_last_sync_at = property->pms_token_expired_at - 60 * 60;
          property->pms_sync_state = "failing";
          message = okc_backend_pms_sim_token_error (property->pms,
                                                     property->pms_token_expired_at, tz);
          property->pms_last_error = okc_demo_world_intern (world, "%s", message);
          continue;
        }
      if (n_connected++ % 4 == 1)
        continue;
      property->pms_sync_state = "ok";
      property->pms_last_sync_at = world->now - (gint64) (5 + (i * 37) % 360) * 60;
    }
}

static void
add_properties (OkcDemoWorld *world,
                guint         n_properties)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_properties; i++)
    {
      OkcDemoProperty property = { 0 };
      const OkcDemoCity *city;

      property.city = okc_demo_random_below (rng (world), okc_demo_n_cities);
      city = &okc_demo_cities[property.city];
      property.is_residence = okc_demo_random_chance (rng (world), 35);
      property.id = okc_demo_world_intern (world, "PRP-%04u", i + 1);
      property.name = make_property_name (world, property.is_residence, property.city, taken);
      property.address = okc_demo_world_intern (
        world, "%u %s %s", (guint) okc_demo_random_range (rng (world), 2, 4800),
        okc_demo_street_names[okc_demo_random_below (rng (world), okc_demo_n_street_names)],
        okc_demo_street_kinds[okc_demo_random_below (rng (world), okc_demo_n_street_kinds)]);
      property.postal_code = okc_demo_world_intern (
        world, "%05u", city->postal_base + okc_demo_random_below (rng (world), 6));
      /* Hosts own one property or a few. */
      property.host = i < world->n_hosts ? i : okc_demo_random_below (rng (world), world->n_hosts);
      property.pms = pick_pms (world, property.is_residence);
      property.pms_connected = g_strcmp0 (property.pms, "none") != 0 &&
                               okc_demo_random_chance (rng (world), 70);
      add_units (world, &property, i);
      okc_demo_tariffs_generate (world, &property, i);
      g_array_append_val (world->properties, property);
    }
  set_pms_states (world);
}

static void
add_charger (OkcDemoWorld *world,
             int           property_index)
{
  static const guint status_weights[] = { 84, 11, 5 };
  static const char * const statuses[] = { "online", "offline", "faulted" };
  OkcDemoCharger charger = { 0 };
  guint index = world->chargers->len;
  OkcDemoProperty *property =
    property_index >= 0 ? OKC_DEMO_PROPERTY (world, property_index) : NULL;

  charger.id = okc_demo_world_intern (world, "CH-%05u", 10001 + index);
  charger.model = okc_demo_random_below (rng (world), okc_demo_n_models);
  charger.serial = okc_demo_world_intern (world, "OK2-%s-%02u%05u",
                                          okc_demo_models[charger.model].code,
                                          (guint) okc_demo_random_range (rng (world), 22, 25),
                                          index + 1);
  charger.firmware = okc_demo_firmwares[okc_demo_random_below (rng (world),
                                                               okc_demo_n_firmwares)];
  charger.property = property_index;
  charger.unit = property != NULL && okc_demo_random_chance (rng (world), 60)
                   ? (int) (property->first_unit + okc_demo_random_below (rng (world),
                                                                          property->n_units))
                   : -1;
  /* A charger not yet linked to a property is a new installation, online. */
  charger.status = property != NULL ? statuses[okc_demo_random_weighted (rng (world),
                                                                         status_weights, 3)]
                                    : "online";
  if (g_str_equal (charger.status, "offline"))
    charger.last_heartbeat_at = world->now - okc_demo_random_range (rng (world), 2 * HOUR,
                                                                    3 * DAY);
  else
    charger.last_heartbeat_at = world->now - okc_demo_random_range (rng (world), 5, 300);
  charger.restricted = property != NULL &&
                       okc_demo_random_chance (rng (world), property->is_residence ? 70 : 20);
  /* Residences let in only their residents; at rentals most restricted chargers also let
   * in the PMS's current guests, but a host may keep one to the list (every fourth, so as
   * not to draw again and change the rest of the fleet). */
  charger.list_only = charger.restricted &&
                      (property->is_residence || world->chargers->len % 4 == 0);
  charger.pms_connected = property != NULL && property->pms_connected;
  charger.installed_at = world->now - (property != NULL
                                         ? okc_demo_random_range (rng (world), 40, 700) * DAY
                                         : okc_demo_random_range (rng (world), 1, 10) * DAY);
  charger.access = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (world->chargers, charger);
}

/* The article's "guest can't start" needs a charger kept to its list where the PMS
 * syncs guests: when the draw made none, the first charger of a connected property
 * becomes one. */
static void
keep_one_to_its_list (OkcDemoWorld *world)
{
  OkcDemoCharger *first = NULL;

  for (guint c = 0; c < world->chargers->len; c++)
    {
      OkcDemoCharger *charger = OKC_DEMO_CHARGER (world, c);

      if (charger->list_only && charger->pms_connected)
        return;
      if (first == NULL && charger->pms_connected)
        first = charger;
    }
  if (first != NULL)
    first->restricted = first->list_only = TRUE;
}

static void
add_chargers (OkcDemoWorld *world)
{
  guint n_unassigned;
  guint stride;

  for (guint p = 0; p < world->properties->len; p++)
    {
      guint n = (guint) okc_demo_random_range (rng (world), 1,
                                               OKC_DEMO_PROPERTY (world, p)->is_residence ? 5 : 3);
      for (guint i = 0; i < n; i++)
        add_charger (world, (int) p);
    }

  keep_one_to_its_list (world);

  n_unassigned = MAX (3, world->chargers->len / 25);
  for (guint i = 0; i < n_unassigned; i++)
    add_charger (world, -1);

  stride = MAX (1, world->chargers->len / N_PHOTOGRAPHED);
  for (guint i = 0; i < world->chargers->len; i += stride)
    OKC_DEMO_CHARGER (world, i)->photographed = TRUE;
  /* Guests at a charger that won't start photograph its label: every one that is down has
   * a photo, so the charger-offline tickets always include QR photos. Each photo draws from
   * its own generator (okc-demo-images.c): the rest of the world stays as it was. */
  for (guint i = 0; i < world->chargers->len; i++)
    {
      OkcDemoCharger *charger = OKC_DEMO_CHARGER (world, i);

      if (charger->property >= 0 && !g_str_equal (charger->status, "online"))
        charger->photographed = TRUE;
    }
}

/* Residents and regular guests on each restricted charger's access list. */
static void
add_access_lists (OkcDemoWorld *world)
{
  guint n_guests = world->accounts->len - world->n_hosts;

  for (guint c = 0; c < world->chargers->len; c++)
    {
      OkcDemoCharger *charger = OKC_DEMO_CHARGER (world, c);
      guint n = charger->restricted ? (guint) okc_demo_random_range (rng (world), 3, 10) : 0;

      for (guint i = 0; i < n; i++)
        {
          guint account = world->n_hosts + okc_demo_random_below (rng (world), n_guests);
          gboolean present = FALSE;

          for (guint k = 0; k < charger->access->len && !present; k++)
            present = g_array_index (charger->access, guint, k) == account;
          if (!present)
            g_array_append_val (charger->access, account);
        }
      if (charger->access->len > 1)
        g_array_sort (charger->access, okc_demo_compare_guint);
    }
}

/* Guests' stays around now at each property whose PMS is connected: some over, some
 * going on, some to come. */
static void
add_bookings (OkcDemoWorld *world)
{
  guint n_guests = world->accounts->len - world->n_hosts;

  for (guint p = 0; p < world->properties->len; p++)
    {
      const OkcDemoProperty *property = OKC_DEMO_PROPERTY (world, p);
      guint n = property->pms_connected ? (guint) okc_demo_random_range (rng (world), 2, 6) : 0;

      for (guint i = 0; i < n; i++)
        {
          OkcDemoBooking booking = { 0 };

          booking.property = p;
          booking.unit = okc_demo_random_chance (rng (world), 70)
                           ? (int) (property->first_unit +
                                    okc_demo_random_below (rng (world), property->n_units))
                           : -1;
          booking.account = world->n_hosts + okc_demo_random_below (rng (world), n_guests);
          booking.check_in = world->now + okc_demo_random_range (rng (world), -6 * DAY, 10 * DAY);
          booking.check_out = booking.check_in + okc_demo_random_range (rng (world), 2, 7) * DAY;
          g_array_append_val (world->bookings, booking);
        }
    }
}

static guint
pick_session_account (OkcDemoWorld   *world,
                      OkcDemoCharger *charger)
{
  if (charger->restricted && charger->access->len > 0)
    return g_array_index (charger->access, guint,
                          okc_demo_random_below (rng (world), charger->access->len));
  return world->n_hosts +
         okc_demo_random_below (rng (world), world->accounts->len - world->n_hosts);
}

/* Bills @session as its problem says and adds it; the first error stops the rest. */
static void
add_session (OkcDemoWorld   *world,
             OkcDemoSession *session)
{
  g_autoptr(OkcCostBreakdown) billed = NULL;
  OkcMoney total;

  if (world->error != NULL)
    return;
  session->id = okc_demo_world_intern (world, "SES-%07u", world->sessions->len + 1);
  billed = okc_demo_session_bill (world, session, &world->error);
  if (billed == NULL)
    {
      g_prefix_error (&world->error, "demo session %s (%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT
                      ", charging until %" G_GINT64_FORMAT "): ", session->id,
                      session->started_at, session->ended_at, session->charging_ended_at);
      return;
    }
  okc_cost_breakdown_get_total (billed, &total);
  session->total = total.amount;
  g_array_append_val (world->sessions, *session);
}

static guint
pick_connector (OkcDemoWorld *world,
                guint         charger_index)
{
  return okc_demo_models[OKC_DEMO_CHARGER (world, charger_index)->model].kilowatts_x10 == 96 &&
             okc_demo_random_chance (rng (world), 45)
           ? 2
           : 1;
}

static gint64
connection_fee_at (const OkcDemoProperty *property,
                   gint64                 t)
{
  OkcTariff *tariff = property->tariffs[OKC_DEMO_BILLED_POSTED];
  int version = okc_tariff_find_version (tariff, t);

  return version < 0 ? 0 : okc_tariff_get_version (tariff, (guint) version)->connection_fee;
}

/* Two to four attempts that never delivered energy yet each billed the connection fee
 * (and its taxes): the "multiple connection fees after failed attempts" of the article.
 * The account then charges for real. */
static gint64
add_failed_burst (OkcDemoWorld *world,
                  guint         charger_index,
                  guint         account,
                  gint64        t)
{
  guint burst = (guint) okc_demo_random_range (rng (world), 2, 4);
  guint connector = pick_connector (world, charger_index);

  for (guint i = 0; i < burst; i++)
    {
      OkcDemoSession session = {
        .charger = charger_index,
        .connector = connector,
        .account = account,
        .started_at = t,
        .ended_at = t + okc_demo_random_range (rng (world), 40, 120),
        .meter_start = okc_demo_random_range (rng (world), 100000, 9000000),
        .outcome = "failed_to_start",
        .stop_reason = "Other",
        .problem = OKC_DEMO_PROBLEM_REPEATED_CONNECTION_FEE,
        .burst = burst,
      };
      add_session (world, &session);
      t = session.ended_at + okc_demo_random_range (rng (world), 60, 240);
    }
  return t;
}

/* How a charge ended: most completed (the car unplugged), some interrupted. */
static void
pick_ending (OkcDemoWorld         *world,
             const OkcDemoCharger *charger,
             OkcDemoSession       *session)
{
  static const char * const reasons[] = { "EVDisconnected", "Local", "Other", "Remote",
                                          "PowerLoss", "EmergencyStop", "DeAuthorized" };
  guint weights[] = { 80, 8, 6, 4, g_str_equal (charger->status, "faulted") ? 8 : 1, 1, 1 };
  guint k = okc_demo_random_weighted (rng (world), weights, G_N_ELEMENTS (weights));

  session->stop_reason = reasons[k];
  session->outcome = k < 2 ? "completed" : "interrupted";
}

/* The article's problems other than failed attempts, a few percent each. */
static void
plant_problem (OkcDemoWorld          *world,
               const OkcDemoProperty *property,
               OkcDemoSession        *session)
{
  gboolean completed = g_str_equal (session->outcome, "completed");
  gint64 charging = session->charged_until - session->started_at;

  if (completed && property->has_idle_fee && charging > 30 * MINUTE &&
      okc_demo_random_chance (rng (world), 6))
    {
      /* The charger records charging as complete 10 to 60 minutes early: the idle fee
       * runs while the car still draws power. */
      gint64 early = okc_demo_random_range (rng (world), 10, 60) * MINUTE;
      gint64 unplugged = session->charged_until +
                         okc_demo_random_range (rng (world), 5, 40) * MINUTE;

      session->problem = OKC_DEMO_PROBLEM_IDLE_WHILE_CHARGING;
      session->charging_ended_at = session->charged_until - MIN (early, charging - 10 * MINUTE);
      session->ended_at = MAX (session->ended_at, unplugged);
    }
  else if (okc_demo_random_chance (rng (world), 3))
    {
      session->problem = OKC_DEMO_PROBLEM_WRONG_RATE;
      session->billed = property->price_change_at > 0 &&
                            session->started_at >= property->price_change_at
                          ? OKC_DEMO_BILLED_STALE
                          : OKC_DEMO_BILLED_OVERPRICED;
    }
  else if (property->tariffs[OKC_DEMO_BILLED_WRONG_TAX] != NULL &&
           okc_demo_random_chance (rng (world), 3))
    {
      session->problem = OKC_DEMO_PROBLEM_WRONG_TAX;
      session->billed = OKC_DEMO_BILLED_WRONG_TAX;
    }
}

static gint64
add_normal_session (OkcDemoWorld          *world,
                    guint                  charger_index,
                    const OkcDemoProperty *property,
                    guint                  account,
                    gint64                 t)
{
  OkcDemoCharger *charger = OKC_DEMO_CHARGER (world, charger_index);
  OkcDemoSession session = {
    .charger = charger_index,
    .connector = pick_connector (world, charger_index),
    .account = account,
    .started_at = t,
    .meter_start = okc_demo_random_range (rng (world), 100000, 9000000),
    .burst = 1,
  };
  gboolean short_stop;
  gint64 minutes;
  gint64 efficiency = okc_demo_random_range (rng (world), 45, 100);
  gint64 duration;

  pick_ending (world, charger, &session);
  short_stop = g_str_equal (session.stop_reason, "Other") ||
               g_str_equal (session.stop_reason, "PowerLoss") ||
               g_str_equal (session.stop_reason, "EmergencyStop");
  minutes = short_stop ? okc_demo_random_range (rng (world), 2, 15)
                       : okc_demo_random_range (rng (world), 25, 420);
  /* A completed charge tapers as the battery fills; an interrupted one just stops. */
  session.tapers = g_str_equal (session.outcome, "completed");
  session.power_w = okc_demo_models[charger->model].kilowatts_x10 * efficiency;
  duration = minutes * MINUTE + okc_demo_random_range (rng (world), 0, 59);
  session.charged_until = t + duration;
  session.charging_ended_at = session.charged_until;
  session.energy_wh = okc_demo_session_curve_energy (session.power_w, duration, session.tapers);
  session.ended_at = session.charged_until;
  if (session.tapers)
    session.ended_at += okc_demo_random_chance (rng (world), 40)
                          ? okc_demo_random_range (rng (world), 30, 10 * MINUTE)
                          : okc_demo_random_range (rng (world), 10 * MINUTE, 5 * HOUR);
  else
    session.ended_at += okc_demo_random_range (rng (world), 20, 4 * MINUTE);

  plant_problem (world, property, &session);
  add_session (world, &session);

  /* The same charge billed twice: a second row with a new id, all else equal. */
  if (session.problem == OKC_DEMO_PROBLEM_NONE && session.tapers &&
      okc_demo_random_chance (rng (world), 2) && world->error == NULL)
    {
      OkcDemoSession twin = session;

      twin.problem = OKC_DEMO_PROBLEM_DOUBLE_BILLING;
      add_session (world, &twin);
    }
  return session.ended_at;
}

static void
add_charger_sessions (OkcDemoWorld *world,
                      guint         charger_index)
{
  OkcDemoCharger *charger = OKC_DEMO_CHARGER (world, charger_index);
  const OkcDemoProperty *property = OKC_DEMO_PROPERTY (world, charger->property);
  /* An offline charger has had no session since its last heartbeat. */
  gint64 end = MIN (world->now - 30 * MINUTE, charger->last_heartbeat_at);
  gint64 t = MAX (charger->installed_at, world->now - OKC_DEMO_SESSION_DAYS * DAY) +
             okc_demo_random_range (rng (world), 0, 12 * HOUR);
  /* A charger is used once or twice a day: hundreds of thousands of sessions at
   * --tickets 100000. */
  gint64 max_gap = property->is_residence ? 20 * HOUR : 26 * HOUR;

  while (t < end - 8 * HOUR && world->error == NULL)
    {
      guint account = pick_session_account (world, charger);

      if (connection_fee_at (property, t) > 0 && okc_demo_random_chance (rng (world), 2))
        t = add_failed_burst (world, charger_index, account, t);
      t = add_normal_session (world, charger_index, property, account, t);
      t += okc_demo_random_range (rng (world), HOUR, max_gap);
    }
}

static void
index_recent_sessions (OkcDemoWorld *world)
{
  gint64 from = world->now - world->ticket_window;

  for (guint i = 0; i < world->sessions->len; i++)
    if (OKC_DEMO_SESSION (world, i)->ended_at >= from)
      g_array_append_val (world->recent_sessions, i);
  g_array_sort_with_data (world->recent_sessions, okc_demo_compare_session_end, world);
}

/**
 * okc_demo_fleet_generate:
 *
 * Fills @world with hosts, properties and their units and tariffs, chargers (some
 * unassigned), guests, access lists, four weeks of sessions with the article's problems
 * planted in them (the payouts follow from the stored sessions: okc_demo_payouts_store()).
 */
void
okc_demo_fleet_generate (OkcDemoWorld *world)
{
  guint n_properties = count_properties (world->n_tickets);
  guint n_guests = MAX (80, n_properties * 20);

  world->n_hosts = MAX (4, n_properties * 2 / 3);
  for (guint i = 0; i < world->n_hosts; i++)
    add_account (world, TRUE);
  for (guint i = 0; i < n_guests; i++)
    add_account (world, FALSE);

  add_properties (world, n_properties);
  add_chargers (world);
  add_access_lists (world);
  for (guint c = 0; c < world->chargers->len; c++)
    if (OKC_DEMO_CHARGER (world, c)->property >= 0)
      add_charger_sessions (world, c);
  okc_demo_accounts_generate (world);
  index_recent_sessions (world);
  add_bookings (world);
}
