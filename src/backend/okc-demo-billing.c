/* okc-demo-billing.c — a demo session's meter readings and its bill, by the engine
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-demo-world.h"

/* The meter is read every 5 minutes while charging (OCPP MeterValueSampleInterval). */
#define SAMPLE_INTERVAL (5 * 60)

/* A charge's power curve, as an area in percent-seconds after @u seconds of @duration:
 * full power, or for a tapering charge full power for four fifths of the time and then
 * falling to a fifth of it. Integers throughout. */
static gint64
curve_area (gint64   u,
            gint64   duration,
            gboolean tapers)
{
  gint64 plateau = tapers ? duration * 4 / 5 : duration;
  gint64 rest = duration - plateau;
  gint64 x;

  if (u <= plateau || rest == 0)
    return 100 * MIN (u, duration);
  x = MIN (u, duration) - plateau;
  return 100 * plateau + 100 * x - 40 * x * x / rest;
}

/**
 * okc_demo_session_curve_energy:
 *
 * Returns: the Wh a charge of @duration seconds at @power_w delivers on its curve.
 */
gint64
okc_demo_session_curve_energy (gint64   power_w,
                               gint64   duration,
                               gboolean tapers)
{
  return power_w * curve_area (duration, duration, tapers) / (100 * 3600);
}

/* The register @u seconds into charging. */
static gint64
register_at (const OkcDemoSession *s,
             gint64                at)
{
  gint64 duration = s->charged_until - s->started_at;
  gint64 total = curve_area (duration, duration, s->tapers);

  if (s->charged_until == 0 || total == 0)
    return s->meter_start;
  return s->meter_start + s->energy_wh * curve_area (CLAMP (at - s->started_at, 0, duration),
                                                     duration, s->tapers) / total;
}

/**
 * okc_demo_session_meter:
 *
 * Returns: (transfer full): what @session's meter read: at the start, every 5 minutes
 *   while the car charged, when charging was recorded as complete, when the meter stopped
 *   rising (the same time unless the record is wrong) and at the end.
 */
OkcMeteredSession *
okc_demo_session_meter (const OkcDemoSession *s)
{
  OkcMeteredSession *meter =
    okc_metered_session_new (s->started_at, s->charging_ended_at, s->ended_at);
  gint64 charged_until = s->charged_until > 0 ? s->charged_until : s->started_at;
  gint64 marks[] = { s->charging_ended_at, charged_until };
  gint64 last = s->started_at;

  okc_metered_session_add_sample (meter, s->started_at, s->meter_start);
  for (gint64 t = s->started_at + SAMPLE_INTERVAL; ; t += SAMPLE_INTERVAL)
    {
      gint64 next = MIN (t, charged_until);

      /* The recorded end of charging falls between two readings or on one. */
      for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
        if (marks[i] > last && marks[i] < next)
          okc_metered_session_add_sample (meter, marks[i], register_at (s, marks[i]));
      if (next > last)
        okc_metered_session_add_sample (meter, next, register_at (s, next));
      last = next;
      if (t >= charged_until)
        break;
    }
  if (s->ended_at > last)
    okc_metered_session_add_sample (meter, s->ended_at, register_at (s, s->ended_at));
  return meter;
}

/**
 * okc_demo_session_bill:
 *
 * Returns: (transfer full) (nullable): what @session was billed: the engine's breakdown
 *   of its meter under its property's posted tariff, or under the wrong one its problem
 *   says.
 */
OkcCostBreakdown *
okc_demo_session_bill (OkcDemoWorld         *world,
                       const OkcDemoSession *session,
                       GError              **error)
{
  const OkcDemoCharger *charger = OKC_DEMO_CHARGER (world, session->charger);
  const OkcDemoProperty *property = OKC_DEMO_PROPERTY (world, charger->property);
  OkcTariff *tariff = property->tariffs[session->billed];
  g_autoptr(OkcMeteredSession) meter = okc_demo_session_meter (session);

  g_return_val_if_fail (tariff != NULL, NULL);
  return okc_billing_compute (tariff, meter, error);
}
