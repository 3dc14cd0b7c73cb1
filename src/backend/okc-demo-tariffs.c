/* okc-demo-tariffs.c — demo tariff documents: time-of-day and tiered energy, idle fees,
 * state taxes, price changes, and the wrong tariffs some sessions are billed by
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-demo-names.h"
#include "okc-demo-world.h"

#define DAY (24 * 60 * 60)

/* The state's sales tax on charging, in basis points, and a neighbouring state's: the
 * rate a session with the WRONG_TAX problem is billed, when it is the higher one (the
 * article's customers notice an overcharge, not an undercharge). */
typedef struct
{
  const char *state;
  gint64 rate_bp;
  const char *neighbour;
} StateTax;

static const StateTax state_taxes[] = {
  { "VT", 600, "NH" }, { "NC", 475, "SC" }, { "TX", 625, "OK" }, { "CO", 290, "KS" },
  { "ID", 600, "WA" }, { "AZ", 560, "NM" }, { "OR", 0, "WA" },   { "WA", 650, "ID" },
  { "CA", 725, "NV" }, { "GA", 400, "FL" }, { "SC", 600, "NC" }, { "TN", 700, "KY" },
  { "NM", 513, "AZ" }, { "UT", 610, "NV" }, { "ME", 550, "NH" }, { "FL", 600, "GA" },
  { "MI", 600, "OH" }, { "WI", 500, "IL" }, { "MN", 688, "IA" }, { "HI", 400, "CA" },
  { "AK", 0, "WA" },
};

/* Neighbours without a demo property of their own. */
static const StateTax other_taxes[] = {
  { "NH", 0, NULL }, { "OK", 450, NULL }, { "KS", 650, NULL }, { "NV", 838, NULL },
  { "KY", 600, NULL }, { "OH", 575, NULL }, { "IL", 625, NULL }, { "IA", 600, NULL },
};

static gint64
state_rate (const char *state,
            gboolean   *found)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_taxes); i++)
    if (g_str_equal (state_taxes[i].state, state))
      return *found = TRUE, state_taxes[i].rate_bp;
  for (guint i = 0; i < G_N_ELEMENTS (other_taxes); i++)
    if (g_str_equal (other_taxes[i].state, state))
      return *found = TRUE, other_taxes[i].rate_bp;
  *found = FALSE;
  return 0;
}

static const StateTax *
find_state (const char *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_taxes); i++)
    if (g_str_equal (state_taxes[i].state, state))
      return &state_taxes[i];
  return NULL;
}

/* What a property's tariff is made of, drawn once; its documents follow from it. */
typedef struct
{
  const char *id;
  const char *time_zone;
  const char *state;
  gint64 connection_fee;
  gint64 base_rate;
  gint64 night_rate;        /* 0: no night rate */
  gint64 weekend_rate;      /* 0: no weekend rate */
  gint64 tier_rate;         /* 0: no first-10-kWh tier */
  gint64 step_wh;
  gint64 idle_rate;         /* 0: no idle fee */
  gint64 idle_grace;
  gint64 idle_cap;          /* -1: none */
  gboolean idle_daytime;    /* only 08:00–20:00 */
  gint64 sales_tax_bp;
  gint64 city_levy;         /* fixed, 0: none */
  gboolean card_fee;
  gboolean card_fee_taxable;
  char first_date[11];
  char change_date[11];     /* "": no price change */
  gint64 change_rate_up;    /* what the change adds per kWh */
  gint64 change_fee_up;     /* and to the connection fee */
} TariffSpec;

typedef struct
{
  gboolean first_version_only;
  gint64 rate_up;           /* added to every rate: a rate not posted */
  gboolean wrong_tax;
} Variant;

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_component (JsonBuilder *builder,
               gint64       rate,
               gint64       step_wh,
               const char  *start,
               const char  *end,
               gboolean     weekend,
               gint64       max_wh)
{
  json_builder_begin_object (builder);
  add_int (builder, "rate_per_kwh", rate);
  if (step_wh > 1)
    add_int (builder, "step_wh", step_wh);
  if (start != NULL || weekend || max_wh > 0)
    {
      json_builder_set_member_name (builder, "restrictions");
      json_builder_begin_object (builder);
      if (start != NULL)
        {
          okc_json_builder_add_string (builder, "start_time", start);
          okc_json_builder_add_string (builder, "end_time", end);
        }
      if (weekend)
        {
          json_builder_set_member_name (builder, "days_of_week");
          json_builder_begin_array (builder);
          json_builder_add_string_value (builder, "saturday");
          json_builder_add_string_value (builder, "sunday");
          json_builder_end_array (builder);
        }
      if (max_wh > 0)
        add_int (builder, "max_wh", max_wh);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
add_version (JsonBuilder      *builder,
             const TariffSpec *spec,
             const Variant    *variant,
             const char       *date,
             gint64            rate_up,
             gint64            fee_up)
{
  gint64 up = rate_up + variant->rate_up;

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "effective_from", date);
  add_int (builder, "connection_fee", spec->connection_fee + fee_up);

  json_builder_set_member_name (builder, "energy");
  json_builder_begin_array (builder);
  if (spec->night_rate > 0)
    add_component (builder, spec->night_rate + up, spec->step_wh, "22:00", "06:00", FALSE, 0);
  if (spec->weekend_rate > 0)
    add_component (builder, spec->weekend_rate + up, 1, NULL, NULL, TRUE, 0);
  if (spec->tier_rate > 0)
    add_component (builder, spec->tier_rate + up, 1, NULL, NULL, FALSE, 10000);
  add_component (builder, spec->base_rate + up, spec->step_wh, NULL, NULL, FALSE, 0);
  json_builder_end_array (builder);

  if (spec->idle_rate > 0)
    {
      json_builder_set_member_name (builder, "idle");
      json_builder_begin_object (builder);
      add_int (builder, "rate_per_minute", spec->idle_rate);
      add_int (builder, "grace_minutes", spec->idle_grace);
      if (spec->idle_cap >= 0)
        add_int (builder, "cap", spec->idle_cap);
      if (spec->idle_daytime)
        {
          okc_json_builder_add_string (builder, "start_time", "08:00");
          okc_json_builder_add_string (builder, "end_time", "20:00");
        }
      json_builder_end_object (builder);
    }

  if (spec->card_fee)
    {
      json_builder_set_member_name (builder, "fees");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "name", "Card processing");
      add_int (builder, "rate_bp", 290);
      add_int (builder, "fixed", 30);
      json_builder_set_member_name (builder, "taxable");
      json_builder_add_boolean_value (builder, spec->card_fee_taxable);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "taxes");
  json_builder_begin_array (builder);
  {
    const StateTax *own = find_state (spec->state);
    const char *state = variant->wrong_tax && own != NULL ? own->neighbour : spec->state;
    gboolean found;
    gint64 rate = variant->wrong_tax ? state_rate (state, &found) : spec->sales_tax_bp;

    /* The wrong tax names the site's state, as the billing system that applied the
     * neighbour's rate would. */
    if (rate > 0)
      {
        g_autofree char *name = g_strdup_printf ("%s sales tax", spec->state);

        json_builder_begin_object (builder);
        okc_json_builder_add_string (builder, "name", name);
        add_int (builder, "rate_bp", rate);
        json_builder_end_object (builder);
      }
  }
  if (spec->city_levy > 0)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "name", "City EV levy");
      add_int (builder, "fixed", spec->city_levy);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static OkcTariff *
build_tariff (const TariffSpec  *spec,
              const Variant     *variant,
              GError           **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", spec->id);
  okc_json_builder_add_string (builder, "currency", OKC_DEMO_CURRENCY);
  okc_json_builder_add_string (builder, "time_zone", spec->time_zone);
  json_builder_set_member_name (builder, "versions");
  json_builder_begin_array (builder);
  add_version (builder, spec, variant, spec->first_date, 0, 0);
  if (spec->change_date[0] != '\0' && !variant->first_version_only)
    add_version (builder, spec, variant, spec->change_date, spec->change_rate_up,
                 spec->change_fee_up);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  return okc_tariff_new_from_json (node, spec->id, error);
}

static void
format_local_date (gint64      unix_time,
                   GTimeZone  *zone,
                   char        out[11])
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  g_autofree char *text = g_date_time_format (local, "%Y-%m-%d");

  g_strlcpy (out, text, 11);
}

static void
draw_spec (OkcDemoWorld          *world,
           const OkcDemoProperty *property,
           guint                  index,
           TariffSpec            *spec)
{
  static const gint64 connection_fees[] = { 0, 50, 100, 100, 150, 200 };
  static const gint64 idle_rates[] = { 10, 25, 40, 50 };
  static const gint64 graces[] = { 10, 15, 20, 30 };
  static const gint64 caps[] = { 1000, 1500, 2000, 3000 };
  static const gint64 levies[] = { 10, 25, 50 };
  OkcDemoRandom *random = &world->random;
  const OkcDemoCity *city = &okc_demo_cities[property->city];
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (city->timezone);
  gboolean found;

  spec->id = property->tariff_id;
  spec->time_zone = city->timezone;
  spec->state = city->state;
  spec->connection_fee = OKC_DEMO_PICK (random, connection_fees);
  spec->base_rate = okc_demo_random_range (random, 28, 60);
  /* One to four energy components: a cheaper night, a weekend rate, a dearer first
   * 10 kWh, and the rest. */
  if (okc_demo_random_chance (random, 40))
    spec->night_rate = MAX (12, spec->base_rate - okc_demo_random_range (random, 8, 20));
  if (okc_demo_random_chance (random, 15))
    spec->weekend_rate = spec->base_rate - okc_demo_random_range (random, 2, 6);
  if (okc_demo_random_chance (random, 25))
    spec->tier_rate = spec->base_rate + okc_demo_random_range (random, 4, 12);
  spec->step_wh = okc_demo_random_chance (random, 20) ? 1000 : 1;
  if (okc_demo_random_chance (random, 80))
    {
      spec->idle_rate = OKC_DEMO_PICK (random, idle_rates);
      spec->idle_grace = OKC_DEMO_PICK (random, graces);
      spec->idle_cap = okc_demo_random_chance (random, 35) ? OKC_DEMO_PICK (random, caps) : -1;
      spec->idle_daytime = okc_demo_random_chance (random, 30);
    }
  spec->sales_tax_bp = state_rate (city->state, &found);
  spec->city_levy = okc_demo_random_chance (random, 20) ? OKC_DEMO_PICK (random, levies) : 0;
  spec->card_fee = okc_demo_random_chance (random, 25);
  spec->card_fee_taxable = okc_demo_random_chance (random, 50);

  format_local_date (world->now - 400 * DAY, zone, spec->first_date);
  /* A third change prices within the four weeks of sessions: every third property, so
   * that even a small data set has some. */
  if (index % 3 == 1)
    {
      format_local_date (world->now - okc_demo_random_range (random, 3, 24) * DAY, zone,
                         spec->change_date);
      spec->change_rate_up = okc_demo_random_range (random, 2, 8);
      spec->change_fee_up = okc_demo_random_chance (random, 30) ? 50 : 0;
    }
}

/**
 * okc_demo_tariffs_generate:
 *
 * Draws @property's tariff (docs/dataset-format.md, "Demo data"): its posted document,
 * and the wrong ones some of its sessions are billed by: the version before its price
 * change (if it had one), energy rates a few cents above the posted ones, and a
 * neighbouring state's sales tax (if it differs). On an error, sets @world's.
 */
void
okc_demo_tariffs_generate (OkcDemoWorld    *world,
                           OkcDemoProperty *property,
                           guint            index)
{
  TariffSpec spec = { 0 };
  const Variant posted = { FALSE, 0, FALSE };
  const Variant stale = { TRUE, 0, FALSE };
  Variant overpriced = { FALSE, 0, FALSE };
  const Variant wrong_tax = { FALSE, 0, TRUE };
  const StateTax *own;
  gboolean found;
  GError **error = world->error == NULL ? &world->error : NULL;

  property->tariff_id = okc_demo_world_intern (world, "TRF-%04u", index + 1);
  draw_spec (world, property, index, &spec);
  overpriced.rate_up = okc_demo_random_range (&world->random, 5, 15);
  property->has_idle_fee = spec.idle_rate > 0;

  property->tariffs[OKC_DEMO_BILLED_POSTED] = build_tariff (&spec, &posted, error);
  if (property->tariffs[OKC_DEMO_BILLED_POSTED] == NULL)
    return;
  if (spec.change_date[0] != '\0')
    {
      const OkcTariffVersion *second =
        okc_tariff_get_version (property->tariffs[OKC_DEMO_BILLED_POSTED], 1);

      property->price_change_at = second->effective_from;
      property->tariffs[OKC_DEMO_BILLED_STALE] = build_tariff (&spec, &stale, error);
    }
  property->tariffs[OKC_DEMO_BILLED_OVERPRICED] = build_tariff (&spec, &overpriced, error);
  own = find_state (spec.state);
  if (own != NULL && state_rate (own->neighbour, &found) > spec.sales_tax_bp && found)
    property->tariffs[OKC_DEMO_BILLED_WRONG_TAX] = build_tariff (&spec, &wrong_tax, error);
}
