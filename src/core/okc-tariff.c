/* okc-tariff.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-tariff.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "okc-error.h"
#include "okc-json.h"
#include "okc-money.h"
#include "okc-time.h"
#include <inttypes.h>

struct _OkcTariff
{
  GObject parent_instance;

  char *id;
  char currency[4];
  char *time_zone_id;
  GTimeZone *time_zone;
  GArray *versions;   /* OkcTariffVersion, by effective date */
};

G_DEFINE_FINAL_TYPE (OkcTariff, okc_tariff, G_TYPE_OBJECT)

static void
levies_free (OkcLevy *levies,
             guint    n)
{
  for (guint i = 0; i < n; i++)
    g_free (levies[i].name);
  g_free (levies);
}

static void
version_clear (gpointer data)
{
  OkcTariffVersion *version = data;

  g_clear_pointer (&version->energy, g_free);
  levies_free (version->taxes, version->n_taxes);
  levies_free (version->fees, version->n_fees);
  version->taxes = version->fees = NULL;
}

static void
okc_tariff_finalize (GObject *object)
{
  OkcTariff *self = OKC_TARIFF (object);

  g_free (self->id);
  g_free (self->time_zone_id);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->versions, g_array_unref);

  G_OBJECT_CLASS (okc_tariff_parent_class)->finalize (object);
}

static void
okc_tariff_class_init (OkcTariffClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_tariff_finalize;
}

static void
okc_tariff_init (OkcTariff *self)
{
  self->versions = g_array_new (FALSE, TRUE, sizeof (OkcTariffVersion));
  g_array_set_clear_func (self->versions, version_clear);
}

/**
 * okc_time_of_day_window_contains:
 * @start_minute: minutes since midnight, -1 for 00:00
 * @end_minute: minutes since midnight (exclusive), -1 for 24:00
 * @minute: the minute of the day to test
 *
 * A window whose end is before its start spans midnight: 22:00–06:00 holds 23:00 and 05:59.
 */
gboolean
okc_time_of_day_window_contains (int start_minute,
                                 int end_minute,
                                 int minute)
{
  int start = start_minute < 0 ? 0 : start_minute;
  int end = end_minute < 0 ? 24 * 60 : end_minute;

  if (start <= end)
    return minute >= start && minute < end;
  return minute >= start || minute < end;
}

/**
 * okc_tariff_restrictions_match_time:
 * @weekday: the local day of the week
 * @minute: the local minute of the day
 *
 * Returns: whether the time restrictions (day of week, start and end time) hold then; the
 *   energy restrictions are the engine's to check.
 */
gboolean
okc_tariff_restrictions_match_time (const OkcTariffRestrictions *restrictions,
                                    OkcWeekday                   weekday,
                                    int                          minute)
{
  g_return_val_if_fail (restrictions != NULL, FALSE);

  if (restrictions->days_of_week != 0 &&
      (restrictions->days_of_week & (1u << (weekday - 1))) == 0)
    return FALSE;
  return okc_time_of_day_window_contains (restrictions->start_minute, restrictions->end_minute,
                                          minute);
}

/* Reports @member of @path as invalid. */
static gboolean G_GNUC_PRINTF (4, 5)
invalid (GError    **error,
         const char *path,
         const char *member,
         const char *format,
         ...)
{
  g_autofree char *member_path = okc_json_path_member (path, member);
  g_autofree char *explanation = NULL;
  va_list args;

  va_start (args, format);
  explanation = g_strdup_vprintf (format, args);
  va_end (args);
  okc_data_error_set_literal (error, OKC_DATA_ERROR_INVALID, member_path, explanation);
  return FALSE;
}

/* An optional integer member within [min, max]; left untouched when absent. */
static gboolean
read_bounded (JsonObject  *object,
              const char  *path,
              const char  *member,
              OkcJsonFlags flags,
              gint64       min,
              gint64       max,
              gint64      *out,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value = *out;

  if (!okc_json_read_int64 (object, path, member, flags, &value, error))
    return FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (value < min || value > max)
    return invalid (error, path, member,
                    _("%" PRId64 " is outside %" PRId64 "…%" PRId64),
                    value, min, max);
  *out = value;
  return TRUE;
}

/* An optional "HH:MM" local time of day, as minutes since midnight; -1 when absent. */
static gboolean
read_time_of_day (JsonObject  *object,
                  const char  *path,
                  const char  *member,
                  int         *out_minute,
                  GError     **error)
{
  const char *text = NULL;

  *out_minute = -1;
  if (!okc_json_read_string (object, path, member, OKC_JSON_OPTIONAL, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (strlen (text) != 5 || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      text[2] != ':' || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]) ||
      (text[0] - '0') * 10 + (text[1] - '0') > 23 || (text[3] - '0') * 10 + (text[4] - '0') > 59)
    return invalid (error, path, member, _("“%s” is not a time of day such as 07:30"), text);

  *out_minute = ((text[0] - '0') * 10 + (text[1] - '0')) * 60 + (text[3] - '0') * 10 +
                (text[4] - '0');
  return TRUE;
}

static gboolean
read_window (JsonObject  *object,
             const char  *path,
             int         *out_start,
             int         *out_end,
             GError     **error)
{
  if (!read_time_of_day (object, path, "start_time", out_start, error) ||
      !read_time_of_day (object, path, "end_time", out_end, error))
    return FALSE;
  if (*out_start >= 0 && *out_start == *out_end)
    return invalid (error, path, "end_time", _("a window ends after it starts"));
  return TRUE;
}

static gboolean
read_restrictions (JsonObject            *object,
                   const char            *path,
                   OkcTariffRestrictions *out,
                   GError               **error)
{
  static const char * const members[] = {
    "start_time", "end_time", "days_of_week", "min_wh", "max_wh", NULL
  };
  g_autofree char *days_path = okc_json_path_member (path, "days_of_week");
  JsonArray *days = NULL;

  out->min_wh = out->max_wh = -1;
  if (!okc_json_check_members (object, path, members, error) ||
      !read_window (object, path, &out->start_minute, &out->end_minute, error) ||
      !read_bounded (object, path, "min_wh", OKC_JSON_OPTIONAL, 0, OKC_TARIFF_MAX_WH,
                     &out->min_wh, error) ||
      !read_bounded (object, path, "max_wh", OKC_JSON_OPTIONAL, 1, OKC_TARIFF_MAX_WH,
                     &out->max_wh, error) ||
      !okc_json_read_array (object, path, "days_of_week", OKC_JSON_OPTIONAL, &days, error))
    return FALSE;

  if (out->min_wh >= 0 && out->max_wh >= 0 && out->max_wh <= out->min_wh)
    return invalid (error, path, "max_wh", _("is above min_wh"));

  out->days_of_week = 0;
  if (days != NULL)
    {
      if (json_array_get_length (days) == 0)
        return invalid (error, path, "days_of_week", _("names at least one day, or is left out"));
      for (guint i = 0; i < json_array_get_length (days); i++)
        {
          g_autofree char *day_path = okc_json_path_index (days_path, i);
          const char *nick = NULL;
          int day;

          if (!okc_json_node_get_string (json_array_get_element (days, i), day_path, &nick, error))
            return FALSE;
          if (!okc_enum_from_nick (OKC_TYPE_WEEKDAY, nick, &day))
            {
              g_autofree char *known = okc_enum_list_nicks (OKC_TYPE_WEEKDAY);
              okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, day_path, "“%s” is not one of %s",
                                  nick, known);
              return FALSE;
            }
          if (out->days_of_week & (1u << (day - 1)))
            {
              okc_data_error_set (error, OKC_DATA_ERROR_INVALID, day_path, "“%s” is named twice",
                                  nick);
              return FALSE;
            }
          out->days_of_week |= 1u << (day - 1);
        }
    }
  return TRUE;
}

static gboolean
restrictions_are_none (const OkcTariffRestrictions *r)
{
  return r->days_of_week == 0 && r->start_minute < 0 && r->end_minute < 0 && r->min_wh < 0 &&
         r->max_wh < 0;
}

static gboolean
read_energy (JsonObject         *object,
             const char         *path,
             OkcEnergyComponent *out,
             GError            **error)
{
  static const char * const members[] = { "rate_per_kwh", "step_wh", "restrictions", NULL };
  g_autofree char *restrictions_path = okc_json_path_member (path, "restrictions");
  JsonObject *restrictions = NULL;

  out->step_wh = 1;
  out->restrictions = (OkcTariffRestrictions) { 0, -1, -1, -1, -1 };
  if (!okc_json_check_members (object, path, members, error) ||
      !read_bounded (object, path, "rate_per_kwh", OKC_JSON_REQUIRED, 0, OKC_TARIFF_MAX_PRICE,
                     &out->rate_per_kwh, error) ||
      !read_bounded (object, path, "step_wh", OKC_JSON_OPTIONAL, 1, 1000000, &out->step_wh,
                     error) ||
      !okc_json_read_object (object, path, "restrictions", OKC_JSON_OPTIONAL, &restrictions,
                             error))
    return FALSE;
  return restrictions == NULL ||
         read_restrictions (restrictions, restrictions_path, &out->restrictions, error);
}

static gboolean
read_idle (JsonObject  *object,
           const char  *path,
           OkcIdleFee  *out,
           GError     **error)
{
  static const char * const members[] = {
    "rate_per_minute", "grace_minutes", "step_seconds", "cap", "start_time", "end_time", NULL
  };

  if (!okc_json_check_members (object, path, members, error) ||
      !read_bounded (object, path, "rate_per_minute", OKC_JSON_REQUIRED, 0, OKC_TARIFF_MAX_PRICE,
                     &out->rate_per_minute, error) ||
      !read_bounded (object, path, "grace_minutes", OKC_JSON_OPTIONAL, 0, 24 * 60,
                     &out->grace_minutes, error) ||
      !read_bounded (object, path, "step_seconds", OKC_JSON_OPTIONAL, 1, 24 * 3600,
                     &out->step_seconds, error) ||
      !read_bounded (object, path, "cap", OKC_JSON_OPTIONAL, 0, OKC_TARIFF_MAX_PRICE, &out->cap,
                     error))
    return FALSE;
  return read_window (object, path, &out->start_minute, &out->end_minute, error);
}

static gboolean
read_levies (JsonObject  *object,
             const char  *path,
             const char  *member,
             gboolean     fees,
             OkcLevy    **out_levies,
             guint       *out_n,
             GError     **error)
{
  static const char * const tax_members[] = { "name", "rate_bp", "fixed", NULL };
  static const char * const fee_members[] = { "name", "rate_bp", "fixed", "taxable", NULL };
  g_autofree char *array_path = okc_json_path_member (path, member);
  JsonArray *array = NULL;
  OkcLevy *levies;
  guint n;

  if (!okc_json_read_array (object, path, member, OKC_JSON_OPTIONAL, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  levies = g_new0 (OkcLevy, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *levy_path = okc_json_path_index (array_path, i);
      JsonObject *levy = okc_json_node_get_object (json_array_get_element (array, i), levy_path,
                                                   error);
      const char *name = NULL;

      levies[i].taxable = TRUE;
      if (levy == NULL ||
          !okc_json_check_members (levy, levy_path, fees ? fee_members : tax_members, error) ||
          !okc_json_read_string (levy, levy_path, "name", OKC_JSON_REQUIRED, &name, error) ||
          !read_bounded (levy, levy_path, "rate_bp", OKC_JSON_OPTIONAL, 0, OKC_TARIFF_MAX_RATE_BP,
                         &levies[i].rate_bp, error) ||
          !read_bounded (levy, levy_path, "fixed", OKC_JSON_OPTIONAL, 0, OKC_TARIFF_MAX_PRICE,
                         &levies[i].fixed, error) ||
          (fees && !okc_json_read_boolean (levy, levy_path, "taxable", OKC_JSON_OPTIONAL,
                                           &levies[i].taxable, error)) ||
          (*name == '\0' && !invalid (error, levy_path, "name", _("is not empty"))))
        {
          levies_free (levies, n);
          return FALSE;
        }
      levies[i].name = g_strdup (name);
    }

  *out_levies = levies;
  *out_n = n;
  return TRUE;
}

static gboolean
read_version (JsonObject       *object,
              const char       *path,
              GTimeZone        *time_zone,
              OkcTariffVersion *out,
              GError          **error)
{
  static const char * const members[] = {
    "effective_from", "connection_fee", "energy", "idle", "taxes", "fees", NULL
  };
  g_autofree char *energy_path = okc_json_path_member (path, "energy");
  g_autofree char *idle_path = okc_json_path_member (path, "idle");
  g_autoptr(GDateTime) midnight = NULL;
  const char *date = NULL;
  JsonObject *idle = NULL;
  JsonArray *energy = NULL;
  guint n_energy;

  out->idle = (OkcIdleFee) { 0, 0, 60, -1, -1, -1 };
  if (!okc_json_check_members (object, path, members, error) ||
      !okc_json_read_string (object, path, "effective_from", OKC_JSON_REQUIRED, &date, error))
    return FALSE;
  if (!okc_date_parse (date, &out->effective_date))
    return invalid (error, path, "effective_from", _("“%s” is not a date such as 2026-03-01"), date);

  midnight = g_date_time_new (time_zone, g_date_get_year (&out->effective_date),
                              g_date_get_month (&out->effective_date),
                              g_date_get_day (&out->effective_date), 0, 0, 0);
  if (midnight == NULL)
    return invalid (error, path, "effective_from", _("“%s” is out of range"), date);
  out->effective_from = g_date_time_to_unix (midnight);

  if (!read_bounded (object, path, "connection_fee", OKC_JSON_OPTIONAL, 0, OKC_TARIFF_MAX_PRICE,
                     &out->connection_fee, error) ||
      !okc_json_read_array (object, path, "energy", OKC_JSON_REQUIRED, &energy, error))
    return FALSE;

  n_energy = json_array_get_length (energy);
  if (n_energy == 0 || n_energy > OKC_TARIFF_MAX_ENERGY_COMPONENTS)
    return invalid (error, path, "energy",
                    g_dngettext (GETTEXT_PACKAGE, "has 1 to %d price component",
                                 "has 1 to %d price components", OKC_TARIFF_MAX_ENERGY_COMPONENTS),
                    OKC_TARIFF_MAX_ENERGY_COMPONENTS);
  out->energy = g_new0 (OkcEnergyComponent, n_energy);
  out->n_energy = n_energy;
  for (guint i = 0; i < n_energy; i++)
    {
      g_autofree char *component_path = okc_json_path_index (energy_path, i);
      JsonObject *component = okc_json_node_get_object (json_array_get_element (energy, i),
                                                        component_path, error);

      if (component == NULL || !read_energy (component, component_path, &out->energy[i], error))
        return FALSE;
    }
  if (!restrictions_are_none (&out->energy[n_energy - 1].restrictions))
    {
      g_autofree char *last_path = okc_json_path_index (energy_path, n_energy - 1);
      return invalid (error, last_path, "restrictions",
                      _("the last energy component has none, so that every Wh has a price"));
    }

  if (!okc_json_read_object (object, path, "idle", OKC_JSON_OPTIONAL, &idle, error) ||
      (idle != NULL && !read_idle (idle, idle_path, &out->idle, error)))
    return FALSE;

  return read_levies (object, path, "taxes", FALSE, &out->taxes, &out->n_taxes, error) &&
         read_levies (object, path, "fees", TRUE, &out->fees, &out->n_fees, error);
}

/**
 * okc_tariff_new_from_json:
 * @node: {"id", "currency", "time_zone", "versions": [{"effective_from": "YYYY-MM-DD",
 *   "connection_fee", "energy": [{"rate_per_kwh", "step_wh", "restrictions"}], "idle",
 *   "taxes", "fees"}]}, as docs/billing.md describes it
 * @path: (nullable): where @node is, for errors
 *
 * Strict: an unknown member, a negative price, a time zone GLib does not know or versions
 * out of date order is an #OKC_DATA_ERROR naming the member.
 *
 * Returns: (transfer full) (nullable): the tariff, or %NULL with an error.
 */
OkcTariff *
okc_tariff_new_from_json (JsonNode    *node,
                          const char  *path,
                          GError     **error)
{
  static const char * const members[] = { "id", "currency", "time_zone", "versions", NULL };
  g_autofree char *versions_path = okc_json_path_member (path, "versions");
  g_autoptr(OkcTariff) self = NULL;
  const char *id = NULL, *currency = NULL, *zone = NULL;
  JsonArray *versions = NULL;
  JsonObject *object;
  guint n;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL || !okc_json_check_members (object, path, members, error) ||
      !okc_json_read_string (object, path, "id", OKC_JSON_REQUIRED, &id, error) ||
      !okc_json_read_string (object, path, "currency", OKC_JSON_REQUIRED, &currency, error) ||
      !okc_json_read_string (object, path, "time_zone", OKC_JSON_REQUIRED, &zone, error) ||
      !okc_json_read_array (object, path, "versions", OKC_JSON_REQUIRED, &versions, error))
    return NULL;

  if (*id == '\0')
    {
      invalid (error, path, "id", _("a tariff id is not empty"));
      return NULL;
    }
  if (okc_currency_get_exponent (currency) < 0)
    {
      g_autofree char *member = okc_json_path_member (path, "currency");
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, member,
                          "“%s” is not a supported ISO 4217 currency code", currency);
      return NULL;
    }

  self = g_object_new (OKC_TYPE_TARIFF, NULL);
  self->id = g_strdup (id);
  memcpy (self->currency, currency, OKC_CURRENCY_CODE_LENGTH + 1);
  self->time_zone = g_time_zone_new_identifier (zone);
  if (self->time_zone == NULL)
    {
      g_autofree char *member = okc_json_path_member (path, "time_zone");
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, member,
                          "“%s” is not a time zone such as America/New_York", zone);
      return NULL;
    }
  self->time_zone_id = g_strdup (zone);

  n = json_array_get_length (versions);
  if (n == 0)
    {
      invalid (error, path, "versions", _("has at least one version"));
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *version_path = okc_json_path_index (versions_path, i);
      JsonObject *version = okc_json_node_get_object (json_array_get_element (versions, i),
                                                      version_path, error);
      OkcTariffVersion *read;

      if (version == NULL)
        return NULL;
      g_array_set_size (self->versions, i + 1);
      read = &g_array_index (self->versions, OkcTariffVersion, i);
      if (!read_version (version, version_path, self->time_zone, read, error))
        return NULL;
      if (i > 0 && read->effective_from <=
                     g_array_index (self->versions, OkcTariffVersion, i - 1).effective_from)
        {
          invalid (error, version_path, "effective_from",
                   _("comes after the previous version's date"));
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_time_of_day (JsonBuilder *builder,
                 const char  *member,
                 int          minute)
{
  g_autofree char *text = NULL;

  if (minute < 0)
    return;
  text = g_strdup_printf ("%02d:%02d", minute / 60, minute % 60);
  okc_json_builder_add_string (builder, member, text);
}

static void
add_levies (JsonBuilder   *builder,
            const char    *member,
            const OkcLevy *levies,
            guint          n,
            gboolean       fees)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "name", levies[i].name);
      add_int (builder, "rate_bp", levies[i].rate_bp);
      add_int (builder, "fixed", levies[i].fixed);
      if (fees)
        {
          json_builder_set_member_name (builder, "taxable");
          json_builder_add_boolean_value (builder, levies[i].taxable);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_restrictions (JsonBuilder                 *builder,
                  const OkcTariffRestrictions *r)
{
  if (restrictions_are_none (r))
    return;

  json_builder_set_member_name (builder, "restrictions");
  json_builder_begin_object (builder);
  add_time_of_day (builder, "start_time", r->start_minute);
  add_time_of_day (builder, "end_time", r->end_minute);
  if (r->days_of_week != 0)
    {
      json_builder_set_member_name (builder, "days_of_week");
      json_builder_begin_array (builder);
      for (int day = OKC_WEEKDAY_MONDAY; day <= OKC_WEEKDAY_SUNDAY; day++)
        if (r->days_of_week & (1u << (day - 1)))
          json_builder_add_string_value (builder, okc_enum_to_nick (OKC_TYPE_WEEKDAY, day));
      json_builder_end_array (builder);
    }
  if (r->min_wh >= 0)
    add_int (builder, "min_wh", r->min_wh);
  if (r->max_wh >= 0)
    add_int (builder, "max_wh", r->max_wh);
  json_builder_end_object (builder);
}

/**
 * okc_tariff_to_json:
 *
 * Returns: (transfer full): the tariff in the shape okc_tariff_new_from_json() reads.
 */
JsonNode *
okc_tariff_to_json (OkcTariff *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_TARIFF (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->id);
  okc_json_builder_add_string (builder, "currency", self->currency);
  okc_json_builder_add_string (builder, "time_zone", self->time_zone_id);
  json_builder_set_member_name (builder, "versions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->versions->len; i++)
    {
      const OkcTariffVersion *v = &g_array_index (self->versions, OkcTariffVersion, i);
      char date[16];

      g_date_strftime (date, sizeof date, "%Y-%m-%d", &v->effective_date);
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "effective_from", date);
      add_int (builder, "connection_fee", v->connection_fee);
      json_builder_set_member_name (builder, "energy");
      json_builder_begin_array (builder);
      for (guint c = 0; c < v->n_energy; c++)
        {
          json_builder_begin_object (builder);
          add_int (builder, "rate_per_kwh", v->energy[c].rate_per_kwh);
          add_int (builder, "step_wh", v->energy[c].step_wh);
          add_restrictions (builder, &v->energy[c].restrictions);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "idle");
      json_builder_begin_object (builder);
      add_int (builder, "rate_per_minute", v->idle.rate_per_minute);
      add_int (builder, "grace_minutes", v->idle.grace_minutes);
      add_int (builder, "step_seconds", v->idle.step_seconds);
      if (v->idle.cap >= 0)
        add_int (builder, "cap", v->idle.cap);
      add_time_of_day (builder, "start_time", v->idle.start_minute);
      add_time_of_day (builder, "end_time", v->idle.end_minute);
      json_builder_end_object (builder);
      add_levies (builder, "taxes", v->taxes, v->n_taxes, FALSE);
      add_levies (builder, "fees", v->fees, v->n_fees, TRUE);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

const char *
okc_tariff_get_id (OkcTariff *self)
{
  g_return_val_if_fail (OKC_IS_TARIFF (self), NULL);
  return self->id;
}

const char *
okc_tariff_get_currency (OkcTariff *self)
{
  g_return_val_if_fail (OKC_IS_TARIFF (self), NULL);
  return self->currency;
}

/**
 * okc_tariff_get_time_zone_id:
 *
 * Returns: the site's time zone as configured ("America/New_York").
 */
const char *
okc_tariff_get_time_zone_id (OkcTariff *self)
{
  g_return_val_if_fail (OKC_IS_TARIFF (self), NULL);
  return self->time_zone_id;
}

/**
 * okc_tariff_get_time_zone:
 *
 * Returns: (transfer none): the site's time zone, in which times of day and dates are read.
 */
GTimeZone *
okc_tariff_get_time_zone (OkcTariff *self)
{
  g_return_val_if_fail (OKC_IS_TARIFF (self), NULL);
  return self->time_zone;
}

guint
okc_tariff_get_n_versions (OkcTariff *self)
{
  g_return_val_if_fail (OKC_IS_TARIFF (self), 0);
  return self->versions->len;
}

/**
 * okc_tariff_get_version:
 *
 * Returns: (transfer none): the version at @index, by effective date.
 */
const OkcTariffVersion *
okc_tariff_get_version (OkcTariff *self,
                        guint      index)
{
  g_return_val_if_fail (OKC_IS_TARIFF (self), NULL);
  g_return_val_if_fail (index < self->versions->len, NULL);
  return &g_array_index (self->versions, OkcTariffVersion, index);
}

/**
 * okc_tariff_find_version:
 * @at: seconds since the epoch
 *
 * Returns: the index of the version in force at @at, or -1 if @at is before the first.
 */
int
okc_tariff_find_version (OkcTariff *self,
                         gint64     at)
{
  int found = -1;

  g_return_val_if_fail (OKC_IS_TARIFF (self), -1);

  for (guint i = 0; i < self->versions->len; i++)
    if (g_array_index (self->versions, OkcTariffVersion, i).effective_from <= at)
      found = (int) i;
  return found;
}
