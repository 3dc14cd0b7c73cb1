/* okc-tariff.h — a site's tariff: its currency, time zone and dated versions of its prices
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"

G_BEGIN_DECLS

/* Limits that keep every product of the engine inside 63 bits (docs/billing.md). */
#define OKC_TARIFF_MAX_PRICE   G_GINT64_CONSTANT (1000000000)    /* minor units */
#define OKC_TARIFF_MAX_RATE_BP 100000                            /* 1000 % */
#define OKC_TARIFF_MAX_WH      G_GINT64_CONSTANT (1000000000000) /* 1 TWh */
#define OKC_TARIFF_MAX_ENERGY_COMPONENTS 16

/**
 * OkcTariffRestrictions:
 * @days_of_week: bit `1 << (OkcWeekday - 1)` for each day it applies on, 0 for every day
 * @start_minute: local minutes since midnight it applies from, -1 for 00:00
 * @end_minute: local minutes since midnight it applies until (exclusive), -1 for 24:00;
 *   below @start_minute the window spans midnight
 * @min_wh: the session's energy so far (inclusive) from which it applies, -1 for none
 * @max_wh: the session's energy so far (exclusive) up to which it applies, -1 for none
 *
 * When a price component applies, after OCPI 2.2's TariffRestrictions. Times of day and
 * days of the week are local to the tariff's time zone.
 */
typedef struct
{
  guint days_of_week;
  int start_minute;
  int end_minute;
  gint64 min_wh;
  gint64 max_wh;
} OkcTariffRestrictions;

/**
 * OkcEnergyComponent:
 * @rate_per_kwh: minor units per kWh
 * @step_wh: the energy is billed in blocks of this many Wh (OCPI step_size), at least 1
 * @restrictions: when it applies
 *
 * One ENERGY price component. A version's components are tried in order and the first
 * whose restrictions hold prices the Wh; the last one has none, so every Wh has a price.
 */
typedef struct
{
  gint64 rate_per_kwh;
  gint64 step_wh;
  OkcTariffRestrictions restrictions;
} OkcEnergyComponent;

/**
 * OkcIdleFee:
 * @rate_per_minute: minor units per minute, 0 when the site charges no idle fee
 * @grace_minutes: free minutes after charging completes
 * @step_seconds: idle time is billed in blocks of this many seconds, at least 1
 * @cap: the most the idle fee of one session comes to, -1 for no cap
 * @start_minute: local minutes since midnight the fee applies from, -1 for all hours
 * @end_minute: local minutes since midnight it applies until (exclusive), -1 for 24:00
 */
typedef struct
{
  gint64 rate_per_minute;
  gint64 grace_minutes;
  gint64 step_seconds;
  gint64 cap;
  int start_minute;
  int end_minute;
} OkcIdleFee;

/**
 * OkcLevy:
 * @name: what the customer sees ("NY sales tax", "Card processing")
 * @rate_bp: a percentage of its base in basis points (825 is 8.25 %)
 * @fixed: a fixed part in minor units, added once per session
 * @taxable: for a processing fee, whether it is part of the taxes' base
 *
 * A tax or a processing fee of the site's location.
 */
typedef struct
{
  char *name;
  gint64 rate_bp;
  gint64 fixed;
  gboolean taxable;
} OkcLevy;

/**
 * OkcTariffVersion:
 * @effective_date: the local date from which it is in force
 * @effective_from: the instant it comes into force: local midnight of @effective_date
 * @connection_fee: minor units once per session, 0 when none is configured
 *
 * The prices in force from a date until the next version's date.
 */
typedef struct
{
  GDate effective_date;
  gint64 effective_from;
  gint64 connection_fee;
  OkcEnergyComponent *energy;
  guint n_energy;
  OkcIdleFee idle;
  OkcLevy *taxes;
  guint n_taxes;
  OkcLevy *fees;
  guint n_fees;
} OkcTariffVersion;

#define OKC_TYPE_TARIFF (okc_tariff_get_type ())

G_DECLARE_FINAL_TYPE (OkcTariff, okc_tariff, OKC, TARIFF, GObject)

OkcTariff              *okc_tariff_new_from_json  (JsonNode    *node,
                                                   const char  *path,
                                                   GError     **error);
JsonNode               *okc_tariff_to_json        (OkcTariff   *self);
const char             *okc_tariff_get_id         (OkcTariff   *self);
const char             *okc_tariff_get_currency   (OkcTariff   *self);
const char             *okc_tariff_get_time_zone_id (OkcTariff *self);
GTimeZone              *okc_tariff_get_time_zone  (OkcTariff   *self);
guint                   okc_tariff_get_n_versions (OkcTariff   *self);
const OkcTariffVersion *okc_tariff_get_version    (OkcTariff   *self,
                                                   guint        index);
int                     okc_tariff_find_version   (OkcTariff   *self,
                                                   gint64       at);

gboolean                okc_tariff_restrictions_match_time (const OkcTariffRestrictions *restrictions,
                                                            OkcWeekday                   weekday,
                                                            int                          minute);
gboolean                okc_time_of_day_window_contains    (int start_minute,
                                                            int end_minute,
                                                            int minute);

G_END_DECLS
