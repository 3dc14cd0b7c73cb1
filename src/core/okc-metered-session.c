/* okc-metered-session.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-metered-session.h"

#include <glib/gi18n-lib.h>

#include "okc-error.h"
#include "okc-json.h"
#include "okc-tariff.h"

struct _OkcMeteredSession
{
  GObject parent_instance;

  gint64 started_at;
  gint64 charging_ended_at;   /* 0: not recorded, charging lasted until the end */
  gint64 ended_at;
  GArray *samples;            /* OkcMeterSample, in the order added */
};

G_DEFINE_FINAL_TYPE (OkcMeteredSession, okc_metered_session, G_TYPE_OBJECT)

static void
okc_metered_session_finalize (GObject *object)
{
  OkcMeteredSession *self = OKC_METERED_SESSION (object);

  g_clear_pointer (&self->samples, g_array_unref);

  G_OBJECT_CLASS (okc_metered_session_parent_class)->finalize (object);
}

static void
okc_metered_session_class_init (OkcMeteredSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_metered_session_finalize;
}

static void
okc_metered_session_init (OkcMeteredSession *self)
{
  self->samples = g_array_new (FALSE, FALSE, sizeof (OkcMeterSample));
}

/**
 * okc_metered_session_new:
 * @started_at: when the session started (plug-in and authorization), seconds since the epoch
 * @charging_ended_at: when charging completed, or 0 when not recorded (no idle time then)
 * @ended_at: when the session ended (unplug)
 *
 * The times are taken as given; okc_metered_session_validate() judges them, so that a
 * broken record yields an error that names its field rather than a warning.
 *
 * Returns: (transfer full): a session with no meter samples yet.
 */
OkcMeteredSession *
okc_metered_session_new (gint64 started_at,
                         gint64 charging_ended_at,
                         gint64 ended_at)
{
  OkcMeteredSession *self = g_object_new (OKC_TYPE_METERED_SESSION, NULL);

  self->started_at = started_at;
  self->charging_ended_at = charging_ended_at;
  self->ended_at = ended_at;
  return self;
}

/**
 * okc_metered_session_add_sample:
 * @at: seconds since the epoch
 * @wh: the meter register then, in Wh
 *
 * Appends a reading; readings are expected in time order (validated later).
 */
void
okc_metered_session_add_sample (OkcMeteredSession *self,
                                gint64             at,
                                gint64             wh)
{
  OkcMeterSample sample = { at, wh };

  g_return_if_fail (OKC_IS_METERED_SESSION (self));
  g_array_append_val (self->samples, sample);
}

/**
 * okc_metered_session_validate:
 *
 * Checks what billing rests on: start ≤ charging end ≤ end, a session of at most
 * %OKC_METERED_SESSION_MAX_SECONDS, readings within the session, in time order, between 0
 * and %OKC_TARIFF_MAX_WH and never going down.
 *
 * Returns: %TRUE if the session can be billed, or %FALSE with an #OKC_DATA_ERROR naming
 *   the field ("ended_at", "samples[3].wh").
 */
gboolean
okc_metered_session_validate (OkcMeteredSession  *self,
                              GError            **error)
{
  g_return_val_if_fail (OKC_IS_METERED_SESSION (self), FALSE);

  if (self->started_at <= 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "started_at", "is after 1970");
      return FALSE;
    }
  if (self->ended_at < self->started_at)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "ended_at", "is before started_at");
      return FALSE;
    }
  if (self->ended_at - self->started_at > OKC_METERED_SESSION_MAX_SECONDS)
    {
      okc_data_error_set_plural (error, OKC_DATA_ERROR_INVALID, "ended_at",
                                 "a session lasts at most %d day", "a session lasts at most %d days",
                                 OKC_METERED_SESSION_MAX_SECONDS / 86400,
                                 OKC_METERED_SESSION_MAX_SECONDS / 86400);
      return FALSE;
    }
  if (self->charging_ended_at != 0 &&
      (self->charging_ended_at < self->started_at || self->charging_ended_at > self->ended_at))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "charging_ended_at",
                          "is between started_at and ended_at");
      return FALSE;
    }

  for (guint i = 0; i < self->samples->len; i++)
    {
      const OkcMeterSample *s = &g_array_index (self->samples, OkcMeterSample, i);
      const OkcMeterSample *p = i > 0 ? s - 1 : NULL;
      const char *member = NULL, *why = NULL;

      if (s->at < self->started_at || s->at > self->ended_at)
        member = "at", why = _("is outside the session");
      else if (s->wh < 0 || s->wh > OKC_TARIFF_MAX_WH)
        member = "wh", why = _("is outside 0…10¹² Wh");
      else if (p != NULL && s->at < p->at)
        member = "at", why = _("is before the previous sample");
      else if (p != NULL && s->wh < p->wh)
        member = "wh", why = _("a meter register never goes down");

      /* The path is only built for the error: this loop runs for every sample billed. */
      if (member != NULL)
        {
          g_autofree char *sample_path = okc_json_path_index ("samples", i);
          g_autofree char *field = okc_json_path_member (sample_path, member);

          okc_data_error_set_literal (error, OKC_DATA_ERROR_INVALID, field, why);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * okc_metered_session_new_from_json:
 * @node: {"started_at", "charging_ended_at" (nullable), "ended_at", "samples": [{"at", "wh"}]}
 * @path: (nullable): where @node is, for errors
 *
 * Reads the shape strictly; the times' order is okc_metered_session_validate()'s to judge.
 *
 * Returns: (transfer full) (nullable): the session, or %NULL with an #OKC_DATA_ERROR.
 */
OkcMeteredSession *
okc_metered_session_new_from_json (JsonNode    *node,
                                   const char  *path,
                                   GError     **error)
{
  static const char * const members[] = {
    "started_at", "charging_ended_at", "ended_at", "samples", NULL
  };
  static const char * const sample_members[] = { "at", "wh", NULL };
  g_autofree char *samples_path = okc_json_path_member (path, "samples");
  g_autoptr(OkcMeteredSession) self = NULL;
  gint64 started = 0, charging_ended = 0, ended = 0;
  JsonArray *samples = NULL;
  JsonObject *object;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL || !okc_json_check_members (object, path, members, error) ||
      !okc_json_read_time (object, path, "started_at", OKC_JSON_REQUIRED, &started, error) ||
      !okc_json_read_time (object, path, "charging_ended_at", OKC_JSON_OPTIONAL,
                           &charging_ended, error) ||
      !okc_json_read_time (object, path, "ended_at", OKC_JSON_REQUIRED, &ended, error) ||
      !okc_json_read_array (object, path, "samples", OKC_JSON_REQUIRED, &samples, error))
    return NULL;

  self = okc_metered_session_new (started, charging_ended, ended);
  for (guint i = 0; i < json_array_get_length (samples); i++)
    {
      g_autofree char *sample_path = okc_json_path_index (samples_path, i);
      JsonObject *sample = okc_json_node_get_object (json_array_get_element (samples, i),
                                                     sample_path, error);
      gint64 at = 0, wh = 0;

      if (sample == NULL || !okc_json_check_members (sample, sample_path, sample_members, error) ||
          !okc_json_read_time (sample, sample_path, "at", OKC_JSON_REQUIRED, &at, error) ||
          !okc_json_read_int64 (sample, sample_path, "wh", OKC_JSON_REQUIRED, &wh, error))
        return NULL;
      okc_metered_session_add_sample (self, at, wh);
    }
  return g_steal_pointer (&self);
}

/**
 * okc_metered_session_to_json:
 *
 * Returns: (transfer full): the session in the shape okc_metered_session_new_from_json() reads.
 */
JsonNode *
okc_metered_session_to_json (OkcMeteredSession *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_METERED_SESSION (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_time (builder, "started_at", self->started_at);
  if (self->charging_ended_at != 0)
    okc_json_builder_add_time (builder, "charging_ended_at", self->charging_ended_at);
  okc_json_builder_add_time (builder, "ended_at", self->ended_at);
  json_builder_set_member_name (builder, "samples");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->samples->len; i++)
    {
      const OkcMeterSample *s = &g_array_index (self->samples, OkcMeterSample, i);

      json_builder_begin_object (builder);
      okc_json_builder_add_time (builder, "at", s->at);
      json_builder_set_member_name (builder, "wh");
      json_builder_add_int_value (builder, s->wh);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gint64
okc_metered_session_get_started_at (OkcMeteredSession *self)
{
  g_return_val_if_fail (OKC_IS_METERED_SESSION (self), 0);
  return self->started_at;
}

/**
 * okc_metered_session_get_charging_ended_at:
 *
 * Returns: when charging completed, or 0 when not recorded.
 */
gint64
okc_metered_session_get_charging_ended_at (OkcMeteredSession *self)
{
  g_return_val_if_fail (OKC_IS_METERED_SESSION (self), 0);
  return self->charging_ended_at;
}

gint64
okc_metered_session_get_ended_at (OkcMeteredSession *self)
{
  g_return_val_if_fail (OKC_IS_METERED_SESSION (self), 0);
  return self->ended_at;
}

/**
 * okc_metered_session_get_samples:
 * @out_n: (out): the number of samples
 *
 * Returns: (transfer none) (array length=out_n): the readings, in the order added.
 */
const OkcMeterSample *
okc_metered_session_get_samples (OkcMeteredSession *self,
                                 guint             *out_n)
{
  g_return_val_if_fail (OKC_IS_METERED_SESSION (self), NULL);
  g_return_val_if_fail (out_n != NULL, NULL);

  *out_n = self->samples->len;
  return (const OkcMeterSample *) (gpointer) self->samples->data;
}

/**
 * okc_metered_session_get_energy_wh:
 *
 * Returns: the last reading minus the first, 0 with fewer than two readings.
 */
gint64
okc_metered_session_get_energy_wh (OkcMeteredSession *self)
{
  g_return_val_if_fail (OKC_IS_METERED_SESSION (self), 0);

  if (self->samples->len < 2)
    return 0;
  return g_array_index (self->samples, OkcMeterSample, self->samples->len - 1).wh -
         g_array_index (self->samples, OkcMeterSample, 0).wh;
}
