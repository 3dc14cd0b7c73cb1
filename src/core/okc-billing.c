/* okc-billing.c — every rule here is written down in docs/billing.md; change both at once
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "okc-billing.h"

#include "okc-error.h"

/* Start and end minutes of a version's windows, and midnight: at most two per component. */
#define MAX_BOUNDARIES (2 * OKC_TARIFF_MAX_ENERGY_COMPONENTS + 1)

/* Wh delivered under one component of one version: one energy line. */
typedef struct
{
  guint version;
  guint component;
  gint64 wh;
} EnergyBucket;

/* The site's time zone, with the last offset looked up: GLib scans a zone's transitions
 * on every lookup, and a segment usually starts where the previous one's lookup ended. */
typedef struct
{
  GTimeZone *zone;
  gint64 at;
  gint32 offset;
  gboolean cached;
} Zone;

typedef struct
{
  OkcTariff *tariff;
  Zone zone;
  GArray *buckets;        /* EnergyBucket, in the order first used */
  int last_bucket;        /* the bucket of the session's last Wh, -1 before any */
} Billing;

/**
 * okc_billing_scale_half_up:
 * @value: a quantity, not negative
 * @numerator: a rate, not negative
 * @denominator: what the rate is per (1000 Wh, 60 s, 10000 bp), positive
 * @out: (out): @value × @numerator / @denominator, rounded half up
 *
 * The one rounding of the engine: exact integer arithmetic, a remainder of half the
 * denominator or more rounds up (0.5 ¢ becomes 1 ¢), never banker's rounding.
 *
 * Returns: %FALSE if the product overflows 63 bits.
 */
gboolean
okc_billing_scale_half_up (gint64  value,
                           gint64  numerator,
                           gint64  denominator,
                           gint64 *out)
{
  gint64 product;

  g_return_val_if_fail (value >= 0 && numerator >= 0 && denominator > 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (__builtin_mul_overflow (value, numerator, &product))
    return FALSE;
  /* The remainder is below the denominator, so doubling it cannot overflow. */
  *out = product / denominator + ((product % denominator) >= denominator - product % denominator);
  return TRUE;
}

static gboolean
too_large (GError    **error,
           const char *field)
{
  okc_data_error_set (error, OKC_DATA_ERROR_INVALID, field, "the amount is too large to bill");
  return FALSE;
}

static gint32
offset_at (Zone   *zone,
           gint64  t)
{
  if (!zone->cached || zone->at != t)
    {
      int interval = g_time_zone_find_interval (zone->zone, G_TIME_TYPE_UNIVERSAL, t);

      zone->offset = g_time_zone_get_offset (zone->zone, interval);
      zone->at = t;
      zone->cached = TRUE;
    }
  return zone->offset;
}

static gint64
floor_day (gint64 local)
{
  return local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
}

/* Local time of @t in @zone: the start of its local day (local seconds), its minute of the
 * day and its day of the week. */
static void
local_split (Zone      *zone,
             gint64     t,
             gint64    *out_day_start,
             int       *out_minute,
             int       *out_weekday)
{
  gint64 local = t + offset_at (zone, t);
  gint64 days = floor_day (local);

  *out_day_start = days * 86400;
  *out_minute = (int) ((local - *out_day_start) / 60);
  /* 1970-01-01 was a Thursday. */
  *out_weekday = (int) (((days % 7) + 7 + 3) % 7) + 1;
}

/* The first instant after @t at which the local time is one of @minutes (sorted, with 0),
 * or at which the zone's offset changes, whichever comes first. Cutting at the offset's
 * change keeps the offset constant within a segment, so that every second is priced by
 * the wall-clock time it shows, through a repeated or a skipped hour. */
static gint64
next_boundary (Zone      *zone,
               gint64     t,
               const int *minutes,
               guint      n_minutes)
{
  gint32 offset = offset_at (zone, t);
  gint64 day_start = floor_day (t + offset) * 86400;
  gint64 candidate = G_MAXINT64;

  /* minutes[0] is midnight, so the next local day always has a candidate. */
  for (int day = 0; day < 2 && candidate == G_MAXINT64; day++)
    for (guint i = 0; i < n_minutes; i++)
      {
        gint64 c = day_start + day * 86400 + minutes[i] * 60 - offset;

        if (c > t)
          {
            candidate = c;
            break;
          }
      }

  if (offset_at (zone, candidate) != offset)
    {
      gint64 low = t, high = candidate;

      /* The first second of the new offset: a DST change, at most once a day. */
      while (high - low > 1)
        {
          gint64 middle = low + (high - low) / 2;

          if (offset_at (zone, middle) == offset)
            low = middle;
          else
            high = middle;
        }
      candidate = high;
    }
  return candidate;
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

static void
add_boundary (int   *minutes,
              guint *n,
              int    minute)
{
  if (minute < 0)
    return;
  for (guint i = 0; i < *n; i++)
    if (minutes[i] == minute)
      return;
  g_assert (*n < MAX_BOUNDARIES);
  minutes[(*n)++] = minute;
}

/* The local minutes at which the components of @version that apply may change, midnight
 * included. Returns 0 if none depends on the time of day or the day of the week. */
static guint
version_boundaries (const OkcTariffVersion *version,
                    int                    *minutes)
{
  guint n = 0;
  gboolean timed = FALSE;

  add_boundary (minutes, &n, 0);
  for (guint c = 0; c < version->n_energy; c++)
    {
      const OkcTariffRestrictions *r = &version->energy[c].restrictions;

      if (r->days_of_week != 0 || r->start_minute >= 0 || r->end_minute >= 0)
        timed = TRUE;
      add_boundary (minutes, &n, r->start_minute);
      add_boundary (minutes, &n, r->end_minute);
    }
  if (!timed)
    return 0;
  qsort (minutes, n, sizeof (int), compare_int);
  return n;
}

static gboolean
energy_matches (const OkcTariffRestrictions *r,
                gint64                       position)
{
  return (r->min_wh < 0 || position >= r->min_wh) && (r->max_wh < 0 || position < r->max_wh);
}

static void
bucket_add (Billing *billing,
            guint    version,
            guint    component,
            gint64   wh)
{
  for (guint i = 0; i < billing->buckets->len; i++)
    {
      EnergyBucket *bucket = &g_array_index (billing->buckets, EnergyBucket, i);

      if (bucket->version == version && bucket->component == component)
        {
          bucket->wh += wh;
          billing->last_bucket = (int) i;
          return;
        }
    }

  {
    EnergyBucket bucket = { version, component, wh };

    g_array_append_val (billing->buckets, bucket);
    billing->last_bucket = (int) billing->buckets->len - 1;
  }
}

/* Where the price of a Wh cannot change: one version, one side of every time-of-day
 * boundary, one local day, one UTC offset. */
typedef struct
{
  gint64 start;
  gint64 end;         /* exclusive; G_MAXINT64 when nothing ahead changes the price */
  guint version;
  int weekday;        /* local, at start */
  int minute;         /* local minute of the day, at start */
} Segment;

static void
segment_at (Billing *billing,
            gint64   t,
            Segment *out)
{
  guint v = (guint) okc_tariff_find_version (billing->tariff, t);
  const OkcTariffVersion *version = okc_tariff_get_version (billing->tariff, v);
  int minutes[MAX_BOUNDARIES];
  guint n_minutes = version_boundaries (version, minutes);
  gint64 day_start;

  out->start = t;
  out->end = G_MAXINT64;
  out->version = v;
  if (v + 1 < okc_tariff_get_n_versions (billing->tariff))
    out->end = okc_tariff_get_version (billing->tariff, v + 1)->effective_from;
  /* Local time first: next_boundary() leaves the zone's cache at the segment's end. */
  local_split (&billing->zone, t, &day_start, &out->minute, &out->weekday);
  if (n_minutes > 0)
    out->end = MIN (out->end, next_boundary (&billing->zone, t, minutes, n_minutes));
}

/* Prices the session's Wh from @from to @to (positions in the session's energy), all
 * delivered within @segment. */
static void
allocate_energy (Billing       *billing,
                 const Segment *segment,
                 gint64         from,
                 gint64         to)
{
  const OkcTariffVersion *version = okc_tariff_get_version (billing->tariff, segment->version);
  int minute = segment->minute, weekday = segment->weekday;

  while (from < to)
    {
      gint64 until = to;
      guint chosen = version->n_energy - 1;

      /* Stop where any component's energy restriction begins or ends: an earlier
       * component may start or stop applying there. */
      for (guint c = 0; c < version->n_energy; c++)
        {
          const OkcTariffRestrictions *r = &version->energy[c].restrictions;

          if (r->min_wh > from && r->min_wh < until)
            until = r->min_wh;
          if (r->max_wh > from && r->max_wh < until)
            until = r->max_wh;
        }
      for (guint c = 0; c < version->n_energy; c++)
        {
          const OkcTariffRestrictions *r = &version->energy[c].restrictions;

          if (okc_tariff_restrictions_match_time (r, weekday, minute) &&
              energy_matches (r, from))
            {
              chosen = c;
              break;
            }
        }

      bucket_add (billing, segment->version, chosen, until - from);
      from = until;
    }
}

/* The session's energy position at @t, between samples @a and @b, rounded down to a Wh. */
static gboolean
interpolate (const OkcMeterSample *a,
             const OkcMeterSample *b,
             gint64                first_wh,
             gint64                t,
             gint64               *out,
             GError              **error)
{
  gint64 product;

  if (t >= b->at)
    {
      *out = b->wh - first_wh;
      return TRUE;
    }
  if (__builtin_mul_overflow (b->wh - a->wh, t - a->at, &product))
    return too_large (error, "samples");
  *out = a->wh - first_wh + product / (b->at - a->at);
  return TRUE;
}

static gboolean
split_energy (Billing              *billing,
              const OkcMeterSample *samples,
              guint                 n_samples,
              GError              **error)
{
  /* Time only moves forward through the samples, so one segment serves every interval
   * it covers: the time zone is consulted once per segment, not once per sample. */
  Segment segment = { 0, 0, 0, 0, 0 };

  for (guint i = 1; i < n_samples; i++)
    {
      const OkcMeterSample *a = &samples[i - 1], *b = &samples[i];
      gint64 t = a->at, position = a->wh - samples[0].wh;

      if (b->wh == a->wh)
        continue;

      if (b->at == a->at)
        {
          /* Two readings at one instant: the energy between them was delivered then. */
          if (t >= segment.end || t < segment.start)
            segment_at (billing, t, &segment);
          allocate_energy (billing, &segment, position, b->wh - samples[0].wh);
          continue;
        }

      while (t < b->at)
        {
          gint64 until, next_position;

          if (t >= segment.end || t < segment.start)
            segment_at (billing, t, &segment);
          until = MIN (b->at, segment.end);
          if (!interpolate (a, b, samples[0].wh, until, &next_position, error))
            return FALSE;
          if (next_position > position)
            allocate_energy (billing, &segment, position, next_position);
          t = until;
          position = next_position;
        }
    }
  return TRUE;
}

static void
append_window (GString *text,
               int      start_minute,
               int      end_minute)
{
  int start = start_minute < 0 ? 0 : start_minute;
  int end = end_minute < 0 ? 24 * 60 : end_minute;

  if (start_minute < 0 && end_minute < 0)
    return;
  g_string_append_printf (text, ", %02d:%02d–%02d:%02d", start / 60, start % 60, end / 60,
                          end % 60);
}

/* Wh as kWh, exactly: "10 kWh", "10.5 kWh", "0.125 kWh". */
static char *
format_kwh (gint64 wh)
{
  g_autofree char *fraction = g_strdup_printf ("%03d", (int) (wh % 1000));
  gsize len = strlen (fraction);

  while (len > 0 && fraction[len - 1] == '0')
    fraction[--len] = '\0';
  if (len == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT " kWh", wh / 1000);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%s kWh", wh / 1000, fraction);
}

static char *
describe_energy (const OkcTariffVersion *version,
                 const OkcEnergyComponent *component,
                 gboolean                 several_versions)
{
  const OkcTariffRestrictions *r = &component->restrictions;
  GString *text = g_string_new (_("Energy"));

  append_window (text, r->start_minute, r->end_minute);
  if (r->days_of_week != 0)
    {
      const char *sep = ", ";

      for (int day = OKC_WEEKDAY_MONDAY; day <= OKC_WEEKDAY_SUNDAY; day++)
        if (r->days_of_week & (1u << (day - 1)))
          {
            g_string_append_printf (text, "%s%s", sep, okc_enum_to_nick (OKC_TYPE_WEEKDAY, day));
            sep = " ";
          }
    }
  if (r->min_wh >= 0)
    {
      g_autofree char *kwh = format_kwh (r->min_wh);
      /* Translators: the energy from which a tiered rate applies, "10.5 kWh" */
      g_string_append_printf (text, _(", from %s"), kwh);
    }
  if (r->max_wh >= 0)
    {
      g_autofree char *kwh = format_kwh (r->max_wh);
      /* Translators: the energy up to which a tiered rate applies, "10.5 kWh" */
      g_string_append_printf (text, _(", up to %s"), kwh);
    }
  if (several_versions)
    {
      char date[16];

      g_date_strftime (date, sizeof date, "%Y-%m-%d", &version->effective_date);
      g_string_append_printf (text, _(" (rates from %s)"), date);
    }
  return g_string_free (text, FALSE);
}

static gboolean
bill_energy (Billing          *billing,
             OkcCostBreakdown *breakdown,
             GError          **error)
{
  gboolean several_versions = FALSE;

  if (billing->last_bucket >= 0)
    {
      EnergyBucket *last = &g_array_index (billing->buckets, EnergyBucket, billing->last_bucket);
      const OkcTariffVersion *version = okc_tariff_get_version (billing->tariff, last->version);
      gint64 step = version->energy[last->component].step_wh;
      gint64 total = 0;

      /* OCPI step_size: the session's energy is billed in whole steps of the component
       * that delivered its last Wh; the round-up goes to that line. */
      for (guint i = 0; i < billing->buckets->len; i++)
        total += g_array_index (billing->buckets, EnergyBucket, i).wh;
      if (total % step != 0)
        last->wh += step - total % step;
    }

  for (guint i = 1; i < billing->buckets->len; i++)
    if (g_array_index (billing->buckets, EnergyBucket, i).version !=
        g_array_index (billing->buckets, EnergyBucket, 0).version)
      several_versions = TRUE;

  for (guint i = 0; i < billing->buckets->len; i++)
    {
      const EnergyBucket *bucket = &g_array_index (billing->buckets, EnergyBucket, i);
      const OkcTariffVersion *version = okc_tariff_get_version (billing->tariff, bucket->version);
      const OkcEnergyComponent *component = &version->energy[bucket->component];
      g_autofree char *description = NULL;
      gint64 amount;

      if (!okc_billing_scale_half_up (bucket->wh, component->rate_per_kwh, 1000, &amount))
        return too_large (error, "energy");
      description = describe_energy (version, component, several_versions);
      if (!okc_cost_breakdown_add_line (breakdown, OKC_COST_LINE_KIND_ENERGY, description,
                                        OKC_COST_UNIT_WH, bucket->wh, component->rate_per_kwh,
                                        amount, error))
        return FALSE;
    }
  return TRUE;
}

/* Seconds of [from, to) inside the idle fee's hours. */
static gint64
idle_billable_seconds (Zone             *zone,
                       const OkcIdleFee *idle,
                       gint64            from,
                       gint64            to)
{
  int minutes[3];
  guint n = 0;
  gint64 seconds = 0;

  if (idle->start_minute < 0 && idle->end_minute < 0)
    return to - from;

  add_boundary (minutes, &n, 0);
  add_boundary (minutes, &n, idle->start_minute);
  add_boundary (minutes, &n, idle->end_minute);
  qsort (minutes, n, sizeof (int), compare_int);

  while (from < to)
    {
      gint64 day_start, until;
      int minute, weekday;

      local_split (zone, from, &day_start, &minute, &weekday);
      until = MIN (to, next_boundary (zone, from, minutes, n));
      if (okc_time_of_day_window_contains (idle->start_minute, idle->end_minute, minute))
        seconds += until - from;
      from = until;
    }
  return seconds;
}

static gboolean
bill_idle (Billing           *billing,
           OkcMeteredSession *session,
           OkcCostBreakdown  *breakdown,
           GError           **error)
{
  gint64 charging_ended = okc_metered_session_get_charging_ended_at (session);
  gint64 ended = okc_metered_session_get_ended_at (session);
  const OkcIdleFee *idle;
  g_autoptr(GString) description = NULL;
  gint64 from, seconds, amount;

  if (charging_ended == 0)
    return TRUE;

  idle = &okc_tariff_get_version (billing->tariff,
                                  (guint) okc_tariff_find_version (billing->tariff,
                                                                   charging_ended))->idle;
  if (idle->rate_per_minute == 0)
    return TRUE;

  from = charging_ended + idle->grace_minutes * 60;
  if (from >= ended)
    return TRUE;
  seconds = idle_billable_seconds (&billing->zone, idle, from, ended);
  if (seconds == 0)
    return TRUE;
  if (seconds % idle->step_seconds != 0)
    seconds += idle->step_seconds - seconds % idle->step_seconds;

  if (!okc_billing_scale_half_up (seconds, idle->rate_per_minute, 60, &amount))
    return too_large (error, "idle_fee");

  description = g_string_new (_("Idle time"));
  if (idle->grace_minutes > 0)
    g_string_append_printf (description,
                            g_dngettext (GETTEXT_PACKAGE, " after %d minute's grace",
                                         " after %d minutes' grace",
                                         (gulong) idle->grace_minutes),
                            (int) idle->grace_minutes);
  append_window (description, idle->start_minute, idle->end_minute);
  if (idle->cap >= 0 && amount > idle->cap)
    {
      OkcMoney cap;
      g_autofree char *text = NULL;

      amount = idle->cap;
      okc_money_init (&cap, idle->cap, okc_tariff_get_currency (billing->tariff));
      text = okc_money_format (&cap);
      g_string_append_printf (description, _(", capped at %s"), text);
    }

  return okc_cost_breakdown_add_line (breakdown, OKC_COST_LINE_KIND_IDLE_FEE, description->str,
                                      OKC_COST_UNIT_SECOND, seconds, idle->rate_per_minute,
                                      amount, error);
}

/* A tax or fee: its percentage of @base and its fixed part, a line each. */
static gboolean
bill_levy (OkcCostBreakdown *breakdown,
           OkcCostLineKind   kind,
           const OkcLevy    *levy,
           const char       *field,
           gint64            base,
           gint64           *out_amount,
           GError          **error)
{
  gint64 percentage = 0;

  *out_amount = 0;
  if (levy->rate_bp > 0)
    {
      g_autofree char *description = NULL;

      if (!okc_billing_scale_half_up (base, levy->rate_bp, 10000, &percentage))
        return too_large (error, field);
      description = g_strdup_printf ("%s %" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT " %%",
                                     levy->name, levy->rate_bp / 100, levy->rate_bp % 100);
      if (!okc_cost_breakdown_add_line (breakdown, kind, description, OKC_COST_UNIT_BASIS_POINT,
                                        base, levy->rate_bp, percentage, error))
        return FALSE;
    }
  if (levy->fixed > 0)
    {
      g_autofree char *description = g_strdup_printf (_("%s, fixed"), levy->name);

      if (!okc_cost_breakdown_add_line (breakdown, kind, description, OKC_COST_UNIT_SESSION, 1,
                                        levy->fixed, levy->fixed, error))
        return FALSE;
    }
  *out_amount = percentage + levy->fixed;
  return TRUE;
}

static gboolean
bill_fees_and_taxes (const OkcTariffVersion *version,
                     OkcCostBreakdown       *breakdown,
                     GError                **error)
{
  OkcMoney subtotal;
  gint64 tax_base;

  okc_cost_breakdown_get_subtotal (breakdown, &subtotal);
  /* Nothing is charged, so nothing is processed or taxed. */
  if (subtotal.amount == 0)
    return TRUE;

  tax_base = subtotal.amount;
  for (guint i = 0; i < version->n_fees; i++)
    {
      g_autofree char *field = g_strdup_printf ("fees[%u]", i);
      gint64 amount;

      if (!bill_levy (breakdown, OKC_COST_LINE_KIND_PROCESSING_FEE, &version->fees[i], field,
                      subtotal.amount, &amount, error))
        return FALSE;
      if (version->fees[i].taxable && __builtin_add_overflow (tax_base, amount, &tax_base))
        return too_large (error, field);
    }
  for (guint i = 0; i < version->n_taxes; i++)
    {
      g_autofree char *field = g_strdup_printf ("taxes[%u]", i);
      gint64 amount;

      if (!bill_levy (breakdown, OKC_COST_LINE_KIND_TAX, &version->taxes[i], field, tax_base,
                      &amount, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * okc_billing_compute:
 * @tariff: the site's tariff, with its history
 * @session: what the session metered
 *
 * Bills @session as docs/billing.md writes down: the connection fee and the taxes and
 * fees of the version in force when the session started, each Wh at the rate in force
 * when it was delivered (interpolated between meter readings), the idle fee of the
 * version in force when charging completed; times of day and dates in the tariff's
 * time zone.
 *
 * Pure: it reads its arguments and nothing else, so it may run in a worker thread
 * (g_task_run_in_thread()) on a tariff shared with other threads.
 *
 * Returns: (transfer full) (nullable): the breakdown, or %NULL with an #OKC_DATA_ERROR
 *   naming the field to blame: a session that does not validate, a session before the
 *   tariff's first version, or amounts too large for 63 bits.
 */
OkcCostBreakdown *
okc_billing_compute (OkcTariff         *tariff,
                     OkcMeteredSession *session,
                     GError           **error)
{
  g_autoptr(OkcCostBreakdown) breakdown = NULL;
  g_autoptr(GArray) buckets = NULL;
  const OkcTariffVersion *first;
  const OkcMeterSample *samples;
  Billing billing;
  guint n_samples;
  int at_start;

  g_return_val_if_fail (OKC_IS_TARIFF (tariff), NULL);
  g_return_val_if_fail (OKC_IS_METERED_SESSION (session), NULL);

  if (!okc_metered_session_validate (session, error))
    return NULL;

  at_start = okc_tariff_find_version (tariff, okc_metered_session_get_started_at (session));
  if (at_start < 0)
    {
      first = okc_tariff_get_version (tariff, 0);
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "started_at",
                          "is before tariff %s's first version (from %04u-%02u-%02u)",
                          okc_tariff_get_id (tariff), g_date_get_year (&first->effective_date),
                          g_date_get_month (&first->effective_date),
                          g_date_get_day (&first->effective_date));
      return NULL;
    }

  buckets = g_array_sized_new (FALSE, FALSE, sizeof (EnergyBucket), 4);
  billing = (Billing) { tariff, { okc_tariff_get_time_zone (tariff), 0, 0, FALSE }, buckets, -1 };
  breakdown = okc_cost_breakdown_new (okc_tariff_get_currency (tariff));
  first = okc_tariff_get_version (tariff, (guint) at_start);

  if (first->connection_fee > 0 &&
      !okc_cost_breakdown_add_line (breakdown, OKC_COST_LINE_KIND_CONNECTION_FEE,
                                    _("Connection fee"), OKC_COST_UNIT_SESSION, 1,
                                    first->connection_fee, first->connection_fee, error))
    return NULL;

  samples = okc_metered_session_get_samples (session, &n_samples);
  if (!split_energy (&billing, samples, n_samples, error) ||
      !bill_energy (&billing, breakdown, error) ||
      !bill_idle (&billing, session, breakdown, error) ||
      !bill_fees_and_taxes (first, breakdown, error))
    return NULL;

  return g_steal_pointer (&breakdown);
}
