/* okc-session-audit.c — the engine's bill for a session beside what was billed, and why
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "okc-session-audit.h"

#include "okc-billing.h"
#include "okc-error.h"
#include "okc-json.h"
#include "okc-time.h"
#include <inttypes.h>

/* ------------------------------------------------------------------------------------ */
/* OkcSessionFinding                                                                     */

struct _OkcSessionFinding
{
  GObject parent_instance;

  OkcFindingKind kind;
  char *summary;
  GStrv evidence;
  OkcMoney refund;
  GStrv related;
};

G_DEFINE_FINAL_TYPE (OkcSessionFinding, okc_session_finding, G_TYPE_OBJECT)

static void
okc_session_finding_finalize (GObject *object)
{
  OkcSessionFinding *self = OKC_SESSION_FINDING (object);

  g_free (self->summary);
  g_strfreev (self->evidence);
  g_strfreev (self->related);

  G_OBJECT_CLASS (okc_session_finding_parent_class)->finalize (object);
}

static void
okc_session_finding_class_init (OkcSessionFindingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_session_finding_finalize;
}

static void
okc_session_finding_init (OkcSessionFinding *self)
{
}

/* Takes @summary; @evidence and @related are NULL-terminated pointer arrays, taken too. */
static OkcSessionFinding *
finding_new (OkcFindingKind  kind,
             char           *summary,
             GPtrArray      *evidence,
             gint64          refund,
             const char     *currency,
             GPtrArray      *related)
{
  OkcSessionFinding *self = g_object_new (OKC_TYPE_SESSION_FINDING, NULL);

  if (evidence == NULL)
    evidence = g_ptr_array_new ();
  if (related == NULL)
    related = g_ptr_array_new ();
  g_ptr_array_add (evidence, NULL);
  g_ptr_array_add (related, NULL);

  self->kind = kind;
  self->summary = summary;
  self->evidence = (GStrv) g_ptr_array_free (evidence, FALSE);
  self->related = (GStrv) g_ptr_array_free (related, FALSE);
  okc_money_init (&self->refund, refund, currency);
  return self;
}

OkcFindingKind
okc_session_finding_get_kind (OkcSessionFinding *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_FINDING (self), 0);
  return self->kind;
}

const char *
okc_session_finding_get_summary (OkcSessionFinding *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_FINDING (self), NULL);
  return self->summary;
}

/**
 * okc_session_finding_get_evidence:
 *
 * Returns: (transfer none) (array zero-terminated=1): lines an agent can check.
 */
const char * const *
okc_session_finding_get_evidence (OkcSessionFinding *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_FINDING (self), NULL);
  return (const char * const *) self->evidence;
}

/**
 * okc_session_finding_get_refund:
 * @out: (out caller-allocates): what the finding justifies refunding, 0 or more
 */
void
okc_session_finding_get_refund (OkcSessionFinding *self,
                                OkcMoney          *out)
{
  g_return_if_fail (OKC_IS_SESSION_FINDING (self) && out != NULL);
  *out = self->refund;
}

/**
 * okc_session_finding_get_related_session_ids:
 *
 * Returns: (transfer none) (array zero-terminated=1): the other sessions it names.
 */
const char * const *
okc_session_finding_get_related_session_ids (OkcSessionFinding *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_FINDING (self), NULL);
  return (const char * const *) self->related;
}

const char *
okc_finding_kind_get_label (OkcFindingKind kind)
{
  switch (kind)
    {
    case OKC_FINDING_KIND_REPEATED_CONNECTION_FEE:
      return _("Repeated connection fee");
    case OKC_FINDING_KIND_DOUBLE_BILLING:
      return _("Billed twice");
    case OKC_FINDING_KIND_IDLE_FEE_WHILE_CHARGING:
      return _("Idle fee while charging");
    case OKC_FINDING_KIND_WRONG_RATE:
      return _("Rate not as posted");
    case OKC_FINDING_KIND_WRONG_TAX:
      return _("Wrong tax rate");
    case OKC_FINDING_KIND_BILLING_MISMATCH:
      return _("Billing mismatch");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ------------------------------------------------------------------------------------ */
/* OkcSessionAudit                                                                       */

struct _OkcSessionAudit
{
  GObject parent_instance;

  char *session_id;
  OkcCostBreakdown *billed;
  OkcCostBreakdown *expected;
  OkcMoney difference;
  GPtrArray *findings;        /* OkcSessionFinding */
  gint64 charging_ended_at;   /* as the meter says; 0 when energy never flowed */
};

G_DEFINE_FINAL_TYPE (OkcSessionAudit, okc_session_audit, G_TYPE_OBJECT)

static void
okc_session_audit_finalize (GObject *object)
{
  OkcSessionAudit *self = OKC_SESSION_AUDIT (object);

  g_free (self->session_id);
  g_clear_object (&self->billed);
  g_clear_object (&self->expected);
  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (okc_session_audit_parent_class)->finalize (object);
}

static void
okc_session_audit_class_init (OkcSessionAuditClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_session_audit_finalize;
}

static void
okc_session_audit_init (OkcSessionAudit *self)
{
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
}

/* What one run needs; the strings it formats are in the tariff's zone and currency. */
typedef struct
{
  OkcChargingSession *session;
  OkcTariff *tariff;
  GTimeZone *zone;
  const char *currency;
  const OkcTariffVersion *version;   /* in force when the session started */
  OkcCostBreakdown *billed;
  OkcCostBreakdown *expected;
  gint64 recorded_end;               /* charging_ended_at as recorded */
  gint64 charging_end;               /* as the meter says */
  int drawing_sample;                /* index of the sample ending the last drawing interval */
  GPtrArray *findings;
} Audit;

static char *
money_text (const Audit *audit,
            gint64       amount)
{
  OkcMoney money;

  okc_money_init (&money, amount, audit->currency);
  return okc_money_format (&money);
}

static char *
local_text (const Audit *audit,
            gint64       at,
            const char  *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, audit->zone);

  return g_date_time_format (local, format);
}

/* "18:42" */
static char *
time_text (const Audit *audit,
           gint64       at)
{
  return local_text (audit, at, "%H:%M");
}

/* "2026-11-24 18:42" */
static char *
date_time_text (const Audit *audit,
                gint64       at)
{
  return local_text (audit, at, "%Y-%m-%d %H:%M");
}

/* "8.88 %" */
static char *
rate_bp_text (gint64 rate_bp)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT " %%", rate_bp / 100,
                          rate_bp % 100);
}

/* "$0.25/kWh" */
static char *
rate_kwh_text (const Audit *audit,
               gint64       rate)
{
  g_autofree char *money = money_text (audit, rate);

  /* Translators: a price per kilowatt-hour, "$0.25/kWh" */
  return g_strdup_printf (_("%s/kWh"), money);
}

/* "12 min", "12 min 30 s": idle time is billed by the second. */
static char *
minutes_text (gint64 seconds)
{
  if (seconds % 60 == 0 || seconds < 60)
    return okc_format_duration (seconds);
  /* Translators: a duration in minutes and seconds */
  return g_strdup_printf (_("%" PRId64 " min %" PRId64 " s"), seconds / 60,
                          seconds % 60);
}

/* Average power over a sample interval, in W; G_MAXINT64 for energy at one instant. */
static gint64
interval_watts (const OkcMeterSample *from,
                const OkcMeterSample *to)
{
  gint64 seconds = to->at - from->at, wh = to->wh - from->wh;

  if (seconds <= 0)
    return wh > 0 ? G_MAXINT64 : 0;
  /* Registers are at most 10¹² Wh, so wh × 3600 fits 63 bits. */
  return wh * 3600 / seconds;
}

/* "5.2 kW", from whole W without floating point. */
static char *
watts_text (gint64 watts)
{
  if (watts == G_MAXINT64)
    return g_strdup (_("all at one instant"));
  /* Translators: power in kilowatts, "5.2 kW" */
  return g_strdup_printf (_("%" PRId64 ".%" PRId64 " kW"), watts / 1000,
                          (watts % 1000) / 100);
}

/* The end of the last interval after the recorded end of charging in which the car drew
 * OKC_SESSION_DRAWING_MIN_W or more; the recorded end when there is none. Intervals that
 * start before the recorded end are left alone: the charger samples at that moment, and
 * energy drawn before it is charging as recorded. */
static void
find_charging_end (Audit             *audit,
                   OkcMeteredSession *meter)
{
  guint n = 0;
  const OkcMeterSample *samples = okc_metered_session_get_samples (meter, &n);

  audit->charging_end = audit->recorded_end;
  audit->drawing_sample = -1;
  if (audit->recorded_end == 0)
    return;

  for (guint i = 1; i < n; i++)
    {
      if (samples[i - 1].at < audit->recorded_end)
        continue;
      if (interval_watts (&samples[i - 1], &samples[i]) >= OKC_SESSION_DRAWING_MIN_W &&
          samples[i].at > audit->recorded_end)
        {
          audit->charging_end = samples[i].at;
          audit->drawing_sample = (int) i;
        }
    }
}

/* The fees and taxes the version in force at the start puts on @subtotal, by the engine's
 * rules (docs/billing.md, rules 7–9). */
static gboolean
levies_on (const OkcTariffVersion  *version,
           gint64                   subtotal,
           gint64                  *out_fees,
           gint64                  *out_taxes)
{
  gint64 base = subtotal, fees = 0, taxes = 0;

  *out_fees = *out_taxes = 0;
  if (subtotal == 0)
    return TRUE;

  for (guint i = 0; i < version->n_fees; i++)
    {
      gint64 part = 0;

      if (version->fees[i].rate_bp > 0 &&
          !okc_billing_scale_half_up (subtotal, version->fees[i].rate_bp, 10000, &part))
        return FALSE;
      part += version->fees[i].fixed;
      fees += part;
      if (version->fees[i].taxable)
        base += part;
    }
  for (guint i = 0; i < version->n_taxes; i++)
    {
      gint64 part = 0;

      if (version->taxes[i].rate_bp > 0 &&
          !okc_billing_scale_half_up (base, version->taxes[i].rate_bp, 10000, &part))
        return FALSE;
      taxes += part + version->taxes[i].fixed;
    }
  *out_fees = fees;
  *out_taxes = taxes;
  return TRUE;
}

static gint64
levies_total (const Audit *audit,
              gint64       subtotal)
{
  gint64 fees = 0, taxes = 0;

  /* Subtotals here are at most a decoded breakdown's, well inside the decoder's bounds. */
  if (!levies_on (audit->version, subtotal, &fees, &taxes))
    return 0;
  return fees + taxes;
}

/* ---- whole-total findings ---------------------------------------------------------- */

static gboolean
same_charge (OkcChargingSession *a,
             OkcChargingSession *b)
{
  return g_str_equal (okc_charging_session_get_account_id (a),
                      okc_charging_session_get_account_id (b)) &&
         g_str_equal (okc_charging_session_get_charger_id (a),
                      okc_charging_session_get_charger_id (b)) &&
         okc_charging_session_get_connector_id (a) == okc_charging_session_get_connector_id (b) &&
         okc_charging_session_get_started_at (a) == okc_charging_session_get_started_at (b) &&
         okc_charging_session_get_ended_at (a) == okc_charging_session_get_ended_at (b) &&
         okc_charging_session_get_energy_wh (a) == okc_charging_session_get_energy_wh (b);
}

/* Ids are "SES-" and digits; a longer id is a later one. */
static int
compare_ids (const char *a,
             const char *b)
{
  size_t la = strlen (a), lb = strlen (b);

  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp (a, b);
}

static gboolean
is_other (OkcChargingSession *session,
          OkcChargingSession *neighbour)
{
  return neighbour != session &&
         !g_str_equal (okc_charging_session_get_id (neighbour),
                       okc_charging_session_get_id (session));
}

static OkcChargingSession *
find_retry (Audit     *audit,
            GPtrArray *neighbours)
{
  OkcChargingSession *session = audit->session, *retry = NULL;
  gint64 ended = okc_charging_session_get_ended_at (session);

  if (okc_charging_session_get_energy_wh (session) != 0 ||
      okc_cost_breakdown_sum_kind (audit->billed, OKC_COST_LINE_KIND_CONNECTION_FEE) == 0)
    return NULL;

  for (guint i = 0; neighbours != NULL && i < neighbours->len; i++)
    {
      OkcChargingSession *n = g_ptr_array_index (neighbours, i);
      gint64 started = okc_charging_session_get_started_at (n);

      if (!is_other (session, n) ||
          !g_str_equal (okc_charging_session_get_account_id (n),
                        okc_charging_session_get_account_id (session)) ||
          !g_str_equal (okc_charging_session_get_charger_id (n),
                        okc_charging_session_get_charger_id (session)) ||
          started < ended || started - ended > OKC_SESSION_RETRY_WINDOW_SECONDS)
        continue;
      if (retry == NULL || started < okc_charging_session_get_started_at (retry))
        retry = n;
    }
  return retry;
}

static void
add_repeated_connection_fee (Audit              *audit,
                             OkcChargingSession *retry)
{
  OkcChargingSession *session = audit->session;
  GPtrArray *evidence = g_ptr_array_new ();
  GPtrArray *related = g_ptr_array_new ();
  OkcMoney total;
  g_autofree char *total_text = NULL, *retry_at = NULL, *started = NULL, *ended = NULL;
  g_autofree char *fee = NULL, *gap = NULL;

  okc_charging_session_get_billed_total (session, &total);
  total_text = money_text (audit, total.amount);
  retry_at = time_text (audit, okc_charging_session_get_started_at (retry));
  started = date_time_text (audit, okc_charging_session_get_started_at (session));
  ended = time_text (audit, okc_charging_session_get_ended_at (session));
  fee = money_text (audit, okc_cost_breakdown_sum_kind (audit->billed,
                                                        OKC_COST_LINE_KIND_CONNECTION_FEE));
  gap = okc_format_duration (okc_charging_session_get_started_at (retry) -
                             okc_charging_session_get_ended_at (session));

  g_ptr_array_add (evidence, g_strdup_printf (_("%s: %s–%s, 0 Wh delivered"),
                                              okc_charging_session_get_id (session),
                                              started, ended));
  g_ptr_array_add (evidence, g_strdup_printf (_("Connection fee billed: %s; total billed: %s"),
                                              fee, total_text));
  g_ptr_array_add (evidence, g_strdup_printf (_("%s started at %s by the same account on the "
                                                "same charger, %s after this attempt ended"),
                                              okc_charging_session_get_id (retry), retry_at, gap));
  g_ptr_array_add (related, g_strdup (okc_charging_session_get_id (retry)));

  g_ptr_array_add (audit->findings,
                   finding_new (OKC_FINDING_KIND_REPEATED_CONNECTION_FEE,
                                g_strdup_printf (_("This attempt delivered no energy but was "
                                                   "billed %s, and the same account tried again "
                                                   "on this charger at %s (%s)."),
                                                 total_text, retry_at,
                                                 okc_charging_session_get_id (retry)),
                                evidence, total.amount, audit->currency, related));
}

static char *
charge_text (const Audit        *audit,
             OkcChargingSession *session)
{
  g_autofree char *started = date_time_text (audit, okc_charging_session_get_started_at (session));
  g_autofree char *ended = time_text (audit, okc_charging_session_get_ended_at (session));
  g_autofree char *billed = NULL;
  OkcMoney total;

  okc_charging_session_get_billed_total (session, &total);
  billed = money_text (audit, total.amount);
  return g_strdup_printf (_("%s: connector %u, %s–%s, %" PRId64 " Wh, billed %s"),
                          okc_charging_session_get_id (session),
                          okc_charging_session_get_connector_id (session), started, ended,
                          okc_charging_session_get_energy_wh (session), billed);
}

/* The same charge billed under a lower id: this session is the duplicate. */
static OkcChargingSession *
find_original (Audit     *audit,
               GPtrArray *neighbours)
{
  OkcChargingSession *original = NULL;

  for (guint i = 0; neighbours != NULL && i < neighbours->len; i++)
    {
      OkcChargingSession *n = g_ptr_array_index (neighbours, i);

      if (is_other (audit->session, n) && same_charge (audit->session, n) &&
          compare_ids (okc_charging_session_get_id (n),
                       okc_charging_session_get_id (audit->session)) < 0 &&
          (original == NULL || compare_ids (okc_charging_session_get_id (n),
                                            okc_charging_session_get_id (original)) < 0))
        original = n;
    }
  return original;
}

static void
add_duplicate (Audit              *audit,
               OkcChargingSession *original)
{
  GPtrArray *evidence = g_ptr_array_new ();
  GPtrArray *related = g_ptr_array_new ();
  OkcMoney total;

  okc_charging_session_get_billed_total (audit->session, &total);
  g_ptr_array_add (evidence, charge_text (audit, original));
  g_ptr_array_add (evidence, charge_text (audit, audit->session));
  g_ptr_array_add (evidence, g_strdup (_("Same account, connector, start, end and energy")));
  g_ptr_array_add (related, g_strdup (okc_charging_session_get_id (original)));

  g_ptr_array_add (audit->findings,
                   finding_new (OKC_FINDING_KIND_DOUBLE_BILLING,
                                g_strdup_printf (_("This charge was billed twice: %s is the same "
                                                   "charge, with the same start, end and energy, "
                                                   "and was billed already."),
                                                 okc_charging_session_get_id (original)),
                                evidence, total.amount, audit->currency, related));
}

/* This session is the original of one or more duplicates: named, refunded there. */
static void
add_original (Audit     *audit,
              GPtrArray *neighbours)
{
  GPtrArray *evidence = NULL, *related = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; neighbours != NULL && i < neighbours->len; i++)
    {
      OkcChargingSession *n = g_ptr_array_index (neighbours, i);

      if (!is_other (audit->session, n) || !same_charge (audit->session, n) ||
          compare_ids (okc_charging_session_get_id (n),
                       okc_charging_session_get_id (audit->session)) < 0)
        continue;
      if (evidence == NULL)
        {
          evidence = g_ptr_array_new ();
          related = g_ptr_array_new ();
          g_ptr_array_add (evidence, charge_text (audit, audit->session));
        }
      g_ptr_array_add (evidence, charge_text (audit, n));
      g_ptr_array_add (related, g_strdup (okc_charging_session_get_id (n)));
      if (ids->len > 0)
        g_string_append (ids, ", ");
      g_string_append (ids, okc_charging_session_get_id (n));
    }
  if (evidence == NULL)
    return;

  g_ptr_array_add (audit->findings,
                   finding_new (OKC_FINDING_KIND_DOUBLE_BILLING,
                                g_strdup_printf (_("This charge was billed again as %s; the "
                                                   "refund belongs to that duplicate."), ids->str),
                                evidence, 0, audit->currency, related));
}

/* ---- line findings ------------------------------------------------------------------- */

/* What the parts of the bill the meter drives (connection, energy, idle) were overcharged
 * by, what of it a finding claims, and so what is left for billing_mismatch. */
typedef struct
{
  gint64 over[3];        /* connection, energy, idle: billed − expected when positive */
  gboolean claimed[3];
  gint64 base0;          /* the billed subtotal without any overcharge */
  gint64 levied;         /* the subtotal the follow-on levies have been counted up to */
  gboolean wrong_tax;
  gint64 taxes_excess;   /* billed taxes − the posted rates' taxes on the billed subtotal */
  gint64 fees_excess;
} Parts;

enum { PART_CONNECTION, PART_ENERGY, PART_IDLE };

static const OkcCostLineKind part_kinds[3] = {
  OKC_COST_LINE_KIND_CONNECTION_FEE, OKC_COST_LINE_KIND_ENERGY, OKC_COST_LINE_KIND_IDLE_FEE
};

/* The fees and taxes charged on @overcharge on top of what was counted so far: the
 * levies are not linear (rounding, fixed parts), so they are counted up in order. */
static gint64
follow_on (const Audit *audit,
           Parts       *parts,
           gint64       overcharge)
{
  gint64 before = levies_total (audit, parts->levied);
  gint64 after = levies_total (audit, parts->levied + overcharge);

  parts->levied += overcharge;
  return MAX (0, after - before);
}

static void
add_follow_on_evidence (const Audit *audit,
                        GPtrArray   *evidence,
                        gint64       follow)
{
  g_autofree char *text = NULL;

  if (follow == 0)
    return;
  text = money_text (audit, follow);
  g_ptr_array_add (evidence, g_strdup_printf (_("Tax and fees charged on it at the posted rates: "
                                                "%s, refunded with it"), text));
}

static gint64
idle_seconds_billed (OkcCostBreakdown *breakdown)
{
  gint64 seconds = 0;

  for (guint i = 0; i < okc_cost_breakdown_get_n_lines (breakdown); i++)
    {
      const OkcCostLine *line = okc_cost_breakdown_get_line (breakdown, i);

      if (line->kind == OKC_COST_LINE_KIND_IDLE_FEE && line->unit == OKC_COST_UNIT_SECOND)
        seconds += line->quantity;
    }
  return seconds;
}

static void
add_idle_fee_while_charging (Audit *audit,
                             Parts *parts)
{
  gint64 billed = okc_cost_breakdown_sum_kind (audit->billed, OKC_COST_LINE_KIND_IDLE_FEE);
  gint64 expected = okc_cost_breakdown_sum_kind (audit->expected, OKC_COST_LINE_KIND_IDLE_FEE);
  OkcMeteredSession *meter = okc_charging_session_get_meter (audit->session);
  g_autofree char *fee = NULL, *duration = NULL, *until = NULL, *recorded = NULL;
  g_autofree char *from_at = NULL, *to_at = NULL, *power = NULL, *fair = NULL;
  const OkcMeterSample *samples, *from, *to;
  GPtrArray *evidence;
  gint64 follow;
  guint n = 0;

  if (billed == 0 || audit->charging_end <= audit->recorded_end || billed <= expected)
    return;

  samples = okc_metered_session_get_samples (meter, &n);
  from = &samples[audit->drawing_sample - 1];
  to = &samples[audit->drawing_sample];
  parts->claimed[PART_IDLE] = TRUE;
  follow = follow_on (audit, parts, parts->over[PART_IDLE]);

  fee = money_text (audit, billed);
  duration = minutes_text (idle_seconds_billed (audit->billed));
  until = time_text (audit, audit->charging_end);
  recorded = date_time_text (audit, audit->recorded_end);
  from_at = time_text (audit, from->at);
  to_at = time_text (audit, to->at);
  power = watts_text (interval_watts (from, to));
  fair = money_text (audit, expected);

  evidence = g_ptr_array_new ();
  g_ptr_array_add (evidence, g_strdup_printf (_("Charging recorded as complete at %s"), recorded));
  g_ptr_array_add (evidence, g_strdup_printf (_("Meter at %s: %" PRId64 " Wh; at %s: %"
                                                PRId64 " Wh (%s)"),
                                              from_at, from->wh, to_at, to->wh, power));
  g_ptr_array_add (evidence, g_strdup_printf (_("Idle fee billed: %s for %s; counted from %s, "
                                                "when the meter shows charging ended: %s"),
                                              fee, duration, until, fair));
  add_follow_on_evidence (audit, evidence, follow);

  g_ptr_array_add (audit->findings,
                   finding_new (OKC_FINDING_KIND_IDLE_FEE_WHILE_CHARGING,
                                g_strdup_printf (_("An idle fee of %s was billed for %s while the "
                                                   "car was still drawing power until %s."),
                                                 fee, duration, until),
                                evidence, parts->over[PART_IDLE] + follow, audit->currency,
                                NULL));
}

static gboolean
expected_has_price (const Audit     *audit,
                    OkcCostLineKind  kind,
                    gint64           unit_price)
{
  for (guint i = 0; i < okc_cost_breakdown_get_n_lines (audit->expected); i++)
    {
      const OkcCostLine *line = okc_cost_breakdown_get_line (audit->expected, i);

      if (line->kind == kind && line->unit_price == unit_price)
        return TRUE;
    }
  return FALSE;
}

/* "$0.25/kWh and $0.15/kWh": the rates the tariff had in force for the energy. */
static char *
posted_energy_rates (const Audit *audit)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < okc_cost_breakdown_get_n_lines (audit->expected); i++)
    {
      const OkcCostLine *line = okc_cost_breakdown_get_line (audit->expected, i);
      g_autofree char *rate = NULL;
      gboolean again = FALSE;

      if (line->kind != OKC_COST_LINE_KIND_ENERGY)
        continue;
      for (guint j = 0; j < seen->len; j++)
        again |= g_array_index (seen, gint64, j) == line->unit_price;
      if (again)
        continue;
      g_array_append_val (seen, line->unit_price);
      rate = rate_kwh_text (audit, line->unit_price);
      if (text->len > 0)
        g_string_append (text, _(" and "));
      g_string_append (text, rate);
    }
  if (text->len == 0)
    g_string_append (text, _("no energy charge"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_wrong_rate (Audit *audit,
                Parts *parts)
{
  const OkcCostLine *wrong_energy = NULL, *wrong_connection = NULL;
  g_autofree char *summary = NULL;
  GPtrArray *evidence;
  gint64 over = 0, follow;

  for (guint i = 0; i < okc_cost_breakdown_get_n_lines (audit->billed); i++)
    {
      const OkcCostLine *line = okc_cost_breakdown_get_line (audit->billed, i);

      if (line->kind == OKC_COST_LINE_KIND_ENERGY && wrong_energy == NULL &&
          !expected_has_price (audit, OKC_COST_LINE_KIND_ENERGY, line->unit_price))
        wrong_energy = line;
      else if (line->kind == OKC_COST_LINE_KIND_CONNECTION_FEE && wrong_connection == NULL &&
               line->unit_price != audit->version->connection_fee)
        wrong_connection = line;
    }
  if (wrong_energy == NULL && wrong_connection == NULL)
    return;

  evidence = g_ptr_array_new ();
  if (wrong_connection != NULL)
    {
      g_autofree char *billed = money_text (audit, wrong_connection->unit_price);
      g_autofree char *posted = money_text (audit, audit->version->connection_fee);

      parts->claimed[PART_CONNECTION] = TRUE;
      over += parts->over[PART_CONNECTION];
      g_ptr_array_add (evidence, g_strdup_printf (_("Connection fee billed: %s; posted: %s"),
                                                  billed, posted));
      summary = g_strdup_printf (_("A connection fee of %s was billed, not the posted %s."),
                                 billed, posted);
    }
  if (wrong_energy != NULL)
    {
      g_autofree char *billed = rate_kwh_text (audit, wrong_energy->unit_price);
      g_autofree char *posted = posted_energy_rates (audit);
      g_autofree char *billed_sum = NULL, *posted_sum = NULL;

      parts->claimed[PART_ENERGY] = TRUE;
      over += parts->over[PART_ENERGY];
      billed_sum = money_text (audit, okc_cost_breakdown_sum_kind (audit->billed,
                                                                   OKC_COST_LINE_KIND_ENERGY));
      posted_sum = money_text (audit, okc_cost_breakdown_sum_kind (audit->expected,
                                                                   OKC_COST_LINE_KIND_ENERGY));
      g_ptr_array_add (evidence, g_strdup_printf (_("%s: %" PRId64 " Wh billed at %s"),
                                                  wrong_energy->description,
                                                  wrong_energy->quantity, billed));
      g_ptr_array_add (evidence, g_strdup_printf (_("Energy billed: %s; at the posted %s: %s"),
                                                  billed_sum, posted, posted_sum));
      g_free (summary);
      summary = g_strdup_printf (_("Energy was billed at %s, not at the posted %s."), billed,
                                 posted);
    }

  follow = follow_on (audit, parts, over);
  add_follow_on_evidence (audit, evidence, follow);
  g_ptr_array_add (audit->findings,
                   finding_new (OKC_FINDING_KIND_WRONG_RATE, g_steal_pointer (&summary), evidence,
                                over + follow, audit->currency, NULL));
}

/* The version's tax a billed percentage line stands for: by name, else by position. */
static const OkcLevy *
posted_tax_for (const Audit       *audit,
                const OkcCostLine *line,
                guint              position)
{
  const OkcLevy *by_position = NULL;
  guint seen = 0;

  for (guint i = 0; i < audit->version->n_taxes; i++)
    {
      const OkcLevy *tax = &audit->version->taxes[i];

      if (tax->rate_bp == 0)
        continue;
      if (g_str_has_prefix (line->description, tax->name))
        return tax;
      if (seen++ == position)
        by_position = tax;
    }
  return by_position;
}

static void
add_wrong_tax (Audit *audit,
               Parts *parts)
{
  const OkcCostLine *wrong = NULL;
  const OkcLevy *posted = NULL;
  g_autofree char *billed_rate = NULL, *posted_rate = NULL, *since = NULL, *base = NULL;
  g_autofree char *billed_taxes = NULL, *fair_taxes = NULL, *summary = NULL;
  GPtrArray *evidence;
  guint position = 0;

  for (guint i = 0; i < okc_cost_breakdown_get_n_lines (audit->billed) && wrong == NULL; i++)
    {
      const OkcCostLine *line = okc_cost_breakdown_get_line (audit->billed, i);
      const OkcLevy *tax;

      if (line->kind != OKC_COST_LINE_KIND_TAX || line->unit != OKC_COST_UNIT_BASIS_POINT)
        continue;
      tax = posted_tax_for (audit, line, position++);
      if (tax == NULL || tax->rate_bp != line->unit_price)
        wrong = line, posted = tax;
    }
  if (wrong == NULL)
    return;

  parts->wrong_tax = TRUE;

  billed_rate = rate_bp_text (wrong->unit_price);
  since = local_text (audit, okc_charging_session_get_started_at (audit->session), "%Y-%m-%d");
  base = money_text (audit, wrong->quantity);
  billed_taxes = money_text (audit, okc_cost_breakdown_sum_kind (audit->billed,
                                                                 OKC_COST_LINE_KIND_TAX));
  fair_taxes = money_text (audit, okc_cost_breakdown_sum_kind (audit->billed,
                                                               OKC_COST_LINE_KIND_TAX) -
                                  parts->taxes_excess);
  if (posted != NULL)
    {
      posted_rate = rate_bp_text (posted->rate_bp);
      summary = g_strdup_printf (_("%s was billed at %s, but the rate in force on %s was %s."),
                                 posted->name, billed_rate, since, posted_rate);
    }
  else
    summary = g_strdup_printf (_("A tax was billed at %s, but no such tax was in force on %s."),
                               billed_rate, since);

  evidence = g_ptr_array_new ();
  g_ptr_array_add (evidence, g_strdup_printf (_("Billed: %s on %s"), wrong->description, base));
  g_ptr_array_add (evidence, g_strdup_printf (_("Taxes billed: %s; at the rates in force when the "
                                                "session started: %s"),
                                              billed_taxes, fair_taxes));
  g_ptr_array_add (audit->findings,
                   finding_new (OKC_FINDING_KIND_WRONG_TAX, g_steal_pointer (&summary), evidence,
                                MAX (0, parts->taxes_excess), audit->currency, NULL));
}

static void
add_part_evidence (const Audit     *audit,
                   GPtrArray       *evidence,
                   const char      *label,
                   gint64           billed,
                   gint64           expected)
{
  g_autofree char *billed_text = NULL, *expected_text = NULL;

  if (billed == expected)
    return;
  billed_text = money_text (audit, billed);
  expected_text = money_text (audit, expected);
  /* Translators: "Energy: billed $4.00, by the posted pricing $3.00" */
  g_ptr_array_add (evidence, g_strdup_printf (_("%s: billed %s, by the posted pricing %s"), label,
                                              billed_text, expected_text));
}

/* What no finding above explains: a part the meter drives that differs from the posted
 * pricing without a finding of its own, processing fees, or taxes at the right rates that
 * still differ. Undercharges are said, never refunded, and never offset an overcharge. */
static void
add_billing_mismatch (Audit *audit,
                      Parts *parts)
{
  static const OkcCostLineKind kinds[] = {
    OKC_COST_LINE_KIND_CONNECTION_FEE, OKC_COST_LINE_KIND_ENERGY, OKC_COST_LINE_KIND_IDLE_FEE,
    OKC_COST_LINE_KIND_PROCESSING_FEE, OKC_COST_LINE_KIND_TAX
  };
  const char *labels[] = {
    _("Connection fee"), _("Energy"), _("Idle fee"), _("Processing fees"), _("Taxes")
  };
  gint64 unclaimed = 0, refund, signed_rest = 0;
  gboolean differs = FALSE, under = FALSE;
  g_autofree char *summary = NULL, *amount = NULL;
  gint64 taxes_excess = parts->wrong_tax ? 0 : parts->taxes_excess;
  GPtrArray *evidence;

  for (guint p = 0; p < 3; p++)
    {
      gint64 diff;

      if (parts->claimed[p])
        continue;
      diff = okc_cost_breakdown_sum_kind (audit->billed, part_kinds[p]) -
             okc_cost_breakdown_sum_kind (audit->expected, part_kinds[p]);
      unclaimed += parts->over[p];
      signed_rest += diff;
      differs |= diff != 0;
      under |= diff < 0;
    }
  signed_rest += parts->fees_excess + taxes_excess;
  differs |= parts->fees_excess != 0 || taxes_excess != 0;
  under |= parts->fees_excess < 0 || taxes_excess < 0;
  if (!differs)
    return;

  refund = unclaimed + follow_on (audit, parts, unclaimed) + MAX (0, parts->fees_excess) +
           MAX (0, taxes_excess);
  if (refund > 0 && !under)
    {
      amount = money_text (audit, refund);
      summary = g_strdup_printf (_("The bill is %s more than the site's posted pricing gives for "
                                   "this session's meter readings."), amount);
    }
  else if (refund > 0)
    {
      amount = money_text (audit, refund);
      summary = g_strdup_printf (_("Parts of the bill come to %s more than the site's posted "
                                   "pricing gives, while others are less; only the overcharge "
                                   "is refunded."), amount);
    }
  else
    {
      amount = money_text (audit, -signed_rest);
      summary = g_strdup_printf (_("The bill is %s less than the site's posted pricing gives; "
                                   "the customer is not billed again."), amount);
    }

  evidence = g_ptr_array_new ();
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    add_part_evidence (audit, evidence, labels[k],
                       okc_cost_breakdown_sum_kind (audit->billed, kinds[k]),
                       okc_cost_breakdown_sum_kind (audit->expected, kinds[k]));
  g_ptr_array_add (audit->findings,
                   finding_new (OKC_FINDING_KIND_BILLING_MISMATCH, g_steal_pointer (&summary),
                                evidence, refund, audit->currency, NULL));
}

static void
add_line_findings (Audit *audit)
{
  OkcMoney billed_subtotal;
  gint64 fees = 0, taxes = 0, all_over = 0;
  Parts parts = { { 0 } };

  for (guint p = 0; p < 3; p++)
    {
      parts.over[p] = MAX (0, okc_cost_breakdown_sum_kind (audit->billed, part_kinds[p]) -
                              okc_cost_breakdown_sum_kind (audit->expected, part_kinds[p]));
      all_over += parts.over[p];
    }
  okc_cost_breakdown_get_subtotal (audit->billed, &billed_subtotal);
  parts.base0 = billed_subtotal.amount - all_over;
  parts.levied = parts.base0;
  if (levies_on (audit->version, billed_subtotal.amount, &fees, &taxes))
    {
      parts.fees_excess = okc_cost_breakdown_sum_kind (audit->billed,
                                                       OKC_COST_LINE_KIND_PROCESSING_FEE) - fees;
      parts.taxes_excess = okc_cost_breakdown_sum_kind (audit->billed, OKC_COST_LINE_KIND_TAX) -
                           taxes;
    }

  add_idle_fee_while_charging (audit, &parts);
  add_wrong_rate (audit, &parts);
  add_wrong_tax (audit, &parts);
  add_billing_mismatch (audit, &parts);
}

/* Refunds of a session add up to at most what it billed. */
static void
cap_refunds (OkcSessionAudit *self)
{
  OkcMoney total;
  gint64 left;

  okc_cost_breakdown_get_total (self->billed, &total);
  left = total.amount;
  for (guint i = 0; i < self->findings->len; i++)
    {
      OkcSessionFinding *finding = g_ptr_array_index (self->findings, i);

      finding->refund.amount = MIN (finding->refund.amount, left);
      left -= finding->refund.amount;
    }
}

static gboolean
check_inputs (OkcChargingSession  *session,
              OkcTariff           *tariff,
              GError             **error)
{
  OkcCostBreakdown *billed = okc_charging_session_get_billed (session);

  if (okc_charging_session_get_meter (session) == NULL || billed == NULL)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, "samples",
                          "the audit needs the session's detail: its samples and billed lines");
      return FALSE;
    }
  if (!g_str_equal (okc_cost_breakdown_get_currency (billed), okc_tariff_get_currency (tariff)))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "billed.currency",
                          "is %s, not tariff %s's %s", okc_cost_breakdown_get_currency (billed),
                          okc_tariff_get_id (tariff), okc_tariff_get_currency (tariff));
      return FALSE;
    }
  return TRUE;
}

/* The meter facts the engine bills: the session's, with the charging end the meter shows. */
static OkcMeteredSession *
meter_as_measured (OkcMeteredSession *meter,
                   gint64             charging_end)
{
  OkcMeteredSession *copy;
  const OkcMeterSample *samples;
  guint n = 0;

  if (charging_end == okc_metered_session_get_charging_ended_at (meter))
    return g_object_ref (meter);

  copy = okc_metered_session_new (okc_metered_session_get_started_at (meter), charging_end,
                                  okc_metered_session_get_ended_at (meter));
  samples = okc_metered_session_get_samples (meter, &n);
  for (guint i = 0; i < n; i++)
    okc_metered_session_add_sample (copy, samples[i].at, samples[i].wh);
  return copy;
}

OkcSessionAudit *
okc_session_audit_run (OkcChargingSession  *session,
                       OkcTariff           *tariff,
                       GPtrArray           *neighbours,
                       GError             **error)
{
  g_autoptr(OkcSessionAudit) self = NULL;
  g_autoptr(OkcMeteredSession) measured = NULL;
  OkcChargingSession *other;
  OkcMoney billed, expected;
  Audit audit = { 0 };
  int at_start;

  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (session), NULL);
  g_return_val_if_fail (OKC_IS_TARIFF (tariff), NULL);

  if (!check_inputs (session, tariff, error))
    return NULL;

  self = g_object_new (OKC_TYPE_SESSION_AUDIT, NULL);
  self->session_id = g_strdup (okc_charging_session_get_id (session));
  self->billed = g_object_ref (okc_charging_session_get_billed (session));

  audit.session = session;
  audit.tariff = tariff;
  audit.zone = okc_tariff_get_time_zone (tariff);
  audit.currency = okc_tariff_get_currency (tariff);
  audit.billed = self->billed;
  audit.recorded_end = okc_charging_session_get_charging_ended_at (session);
  audit.findings = self->findings;
  find_charging_end (&audit, okc_charging_session_get_meter (session));
  self->charging_ended_at = audit.charging_end;

  measured = meter_as_measured (okc_charging_session_get_meter (session), audit.charging_end);
  self->expected = okc_billing_compute (tariff, measured, error);
  if (self->expected == NULL)
    return NULL;
  audit.expected = self->expected;
  /* The engine refused a session before the first version, so there is one. */
  at_start = okc_tariff_find_version (tariff, okc_charging_session_get_started_at (session));
  audit.version = okc_tariff_get_version (tariff, (guint) at_start);

  okc_cost_breakdown_get_total (self->billed, &billed);
  okc_cost_breakdown_get_total (self->expected, &expected);
  okc_money_init (&self->difference, billed.amount - expected.amount, audit.currency);

  /* A whole-total finding leaves nothing else to refund on this session. */
  if ((other = find_retry (&audit, neighbours)) != NULL)
    add_repeated_connection_fee (&audit, other);
  else if ((other = find_original (&audit, neighbours)) != NULL)
    add_duplicate (&audit, other);
  else
    {
      add_original (&audit, neighbours);
      add_line_findings (&audit);
    }
  cap_refunds (self);
  return g_steal_pointer (&self);
}

const char *
okc_session_audit_get_session_id (OkcSessionAudit *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_AUDIT (self), NULL);
  return self->session_id;
}

/**
 * okc_session_audit_get_billed:
 *
 * Returns: (transfer none): what was billed.
 */
OkcCostBreakdown *
okc_session_audit_get_billed (OkcSessionAudit *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_AUDIT (self), NULL);
  return self->billed;
}

/**
 * okc_session_audit_get_expected:
 *
 * Returns: (transfer none): what the engine bills for the meter facts.
 */
OkcCostBreakdown *
okc_session_audit_get_expected (OkcSessionAudit *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_AUDIT (self), NULL);
  return self->expected;
}

void
okc_session_audit_get_difference (OkcSessionAudit *self,
                                  OkcMoney        *out)
{
  g_return_if_fail (OKC_IS_SESSION_AUDIT (self) && out != NULL);
  *out = self->difference;
}

/**
 * okc_session_audit_get_findings:
 *
 * Returns: (transfer none) (element-type OkcSessionFinding): the findings.
 */
GPtrArray *
okc_session_audit_get_findings (OkcSessionAudit *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_AUDIT (self), NULL);
  return self->findings;
}

void
okc_session_audit_get_refund_total (OkcSessionAudit *self,
                                    OkcMoney        *out)
{
  gint64 sum = 0;

  g_return_if_fail (OKC_IS_SESSION_AUDIT (self) && out != NULL);

  for (guint i = 0; i < self->findings->len; i++)
    sum += OKC_SESSION_FINDING (g_ptr_array_index (self->findings, i))->refund.amount;
  okc_money_init (out, sum, self->difference.currency);
}

gint64
okc_session_audit_get_charging_ended_at (OkcSessionAudit *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_AUDIT (self), 0);
  return self->charging_ended_at;
}

/* ---- JSON -------------------------------------------------------------------------- */

static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *values)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_money (JsonBuilder    *builder,
           const char     *member,
           const OkcMoney *money)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_value (builder, okc_money_to_json (money));
}

/**
 * okc_session_audit_to_json:
 *
 * Returns: (transfer full): {"session_id", "charging_ended_at" (the meter's, nullable),
 *   "billed", "expected", "difference", "findings": [{"kind", "summary", "evidence",
 *   "refund", "related_session_ids"}]}
 */
JsonNode *
okc_session_audit_to_json (OkcSessionAudit *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_SESSION_AUDIT (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "session_id", self->session_id);
  if (self->charging_ended_at != 0)
    okc_json_builder_add_time (builder, "charging_ended_at", self->charging_ended_at);
  else
    okc_json_builder_add_string (builder, "charging_ended_at", NULL);
  json_builder_set_member_name (builder, "billed");
  json_builder_add_value (builder, okc_cost_breakdown_to_json (self->billed));
  json_builder_set_member_name (builder, "expected");
  json_builder_add_value (builder, okc_cost_breakdown_to_json (self->expected));
  add_money (builder, "difference", &self->difference);
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->findings->len; i++)
    {
      OkcSessionFinding *finding = g_ptr_array_index (self->findings, i);

      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "kind",
                                   okc_enum_to_nick (OKC_TYPE_FINDING_KIND, finding->kind));
      okc_json_builder_add_string (builder, "summary", finding->summary);
      add_strv (builder, "evidence", (const char * const *) finding->evidence);
      add_money (builder, "refund", &finding->refund);
      add_strv (builder, "related_session_ids", (const char * const *) finding->related);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static GPtrArray *
read_strings (JsonObject  *object,
              const char  *path,
              const char  *member,
              GError     **error)
{
  g_autofree char *member_path = okc_json_path_member (path, member);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = NULL;

  if (!okc_json_read_array (object, path, member, OKC_JSON_REQUIRED, &array, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = okc_json_path_index (member_path, i);
      const char *text = NULL;

      if (!okc_json_node_get_string (json_array_get_element (array, i), element_path, &text,
                                     error))
        return NULL;
      g_ptr_array_add (strings, g_strdup (text));
    }
  g_ptr_array_set_free_func (strings, NULL);
  return g_steal_pointer (&strings);
}

static OkcSessionFinding *
finding_from_json (JsonNode    *node,
                   const char  *path,
                   const char  *currency,
                   GError     **error)
{
  g_autofree char *refund_path = okc_json_path_member (path, "refund");
  const char *summary = NULL;
  GPtrArray *evidence, *related;
  JsonObject *object;
  OkcMoney refund;
  int kind = 0;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_enum (object, path, "kind", OKC_TYPE_FINDING_KIND, OKC_JSON_REQUIRED, &kind,
                           error) ||
      !okc_json_read_string (object, path, "summary", OKC_JSON_REQUIRED, &summary, error) ||
      !okc_money_from_json (json_object_get_member (object, "refund"), refund_path, &refund,
                            error))
    return NULL;
  if (!g_str_equal (refund.currency, currency) || refund.amount < 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, refund_path,
                          "is an amount of 0 or more in the billed currency, %s", currency);
      return NULL;
    }
  if ((evidence = read_strings (object, path, "evidence", error)) == NULL)
    return NULL;
  if ((related = read_strings (object, path, "related_session_ids", error)) == NULL)
    {
      g_ptr_array_free (evidence, TRUE);
      return NULL;
    }
  return finding_new (kind, g_strdup (summary), evidence, refund.amount, currency, related);
}

/**
 * okc_session_audit_new_from_json:
 * @node: what okc_session_audit_to_json() writes; "charging_ended_at" may be absent
 * @path: (nullable): where @node is, for errors
 *
 * Strict about arithmetic: the difference must be billed − expected, every refund in the
 * billed currency, and all of them together at most the billed total.
 *
 * Returns: (transfer full) (nullable): the audit, or %NULL with an #OKC_DATA_ERROR.
 */
OkcSessionAudit *
okc_session_audit_new_from_json (JsonNode    *node,
                                 const char  *path,
                                 GError     **error)
{
  g_autofree char *billed_path = okc_json_path_member (path, "billed");
  g_autofree char *expected_path = okc_json_path_member (path, "expected");
  g_autofree char *difference_path = okc_json_path_member (path, "difference");
  g_autofree char *findings_path = okc_json_path_member (path, "findings");
  g_autoptr(OkcSessionAudit) self = NULL;
  const char *session_id = NULL;
  OkcMoney billed, expected, refunds;
  JsonArray *findings = NULL;
  JsonObject *object;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "session_id", OKC_JSON_REQUIRED, &session_id, error))
    return NULL;

  self = g_object_new (OKC_TYPE_SESSION_AUDIT, NULL);
  self->session_id = g_strdup (session_id);
  if (!okc_json_read_time (object, path, "charging_ended_at", OKC_JSON_OPTIONAL,
                           &self->charging_ended_at, error) ||
      (self->billed = okc_cost_breakdown_new_from_json (json_object_get_member (object, "billed"),
                                                        billed_path, error)) == NULL ||
      (self->expected = okc_cost_breakdown_new_from_json (json_object_get_member (object,
                                                                                  "expected"),
                                                          expected_path, error)) == NULL ||
      !okc_money_from_json (json_object_get_member (object, "difference"), difference_path,
                            &self->difference, error) ||
      !okc_json_read_array (object, path, "findings", OKC_JSON_REQUIRED, &findings, error))
    return NULL;

  okc_cost_breakdown_get_total (self->billed, &billed);
  okc_cost_breakdown_get_total (self->expected, &expected);
  if (!g_str_equal (billed.currency, expected.currency) ||
      !g_str_equal (self->difference.currency, billed.currency) ||
      self->difference.amount != billed.amount - expected.amount)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, difference_path,
                          "is not billed.total − expected.total");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      g_autofree char *finding_path = okc_json_path_index (findings_path, i);
      OkcSessionFinding *finding = finding_from_json (json_array_get_element (findings, i),
                                                      finding_path, billed.currency, error);

      if (finding == NULL)
        return NULL;
      g_ptr_array_add (self->findings, finding);
    }
  okc_session_audit_get_refund_total (self, &refunds);
  if (refunds.amount > billed.amount)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, findings_path,
                          "refunds add up to more than billed.total");
      return NULL;
    }
  return g_steal_pointer (&self);
}
