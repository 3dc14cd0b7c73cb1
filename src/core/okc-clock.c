/* okc-clock.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "okc-clock.h"

/* Everything that shows "how long ago" or counts down reads the time from an OkcClock
 * handed to it, never from g_get_real_time() directly: tests fix the clock and move it. */
struct _OkcClock
{
  GObject parent_instance;

  gint64 now;
  guint tick_id;
  gboolean is_system;
};

G_DEFINE_FINAL_TYPE (OkcClock, okc_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
okc_clock_dispose (GObject *object)
{
  OkcClock *self = OKC_CLOCK (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  G_OBJECT_CLASS (okc_clock_parent_class)->dispose (object);
}

static void
okc_clock_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  OkcClock *self = OKC_CLOCK (object);

  switch (prop_id)
    {
    case PROP_NOW:
      g_value_set_int64 (value, self->now);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_clock_class_init (OkcClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = okc_clock_dispose;
  object_class->get_property = okc_clock_get_property;

  /**
   * OkcClock:now:
   *
   * Seconds since the epoch; notified at each tick of a system clock, or when a fixed
   * clock is moved.
   */
  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_clock_init (OkcClock *self)
{
}

static gboolean
tick_cb (gpointer user_data)
{
  OkcClock *self = user_data;

  okc_clock_set_now (self, g_get_real_time () / G_USEC_PER_SEC);
  return G_SOURCE_CONTINUE;
}

/**
 * okc_clock_new_system:
 * @tick_seconds: how often #OkcClock:now is updated
 *
 * Returns: (transfer full): a clock reading the system time.
 */
OkcClock *
okc_clock_new_system (guint tick_seconds)
{
  OkcClock *self;

  g_return_val_if_fail (tick_seconds > 0, NULL);

  self = g_object_new (OKC_TYPE_CLOCK, NULL);
  self->is_system = TRUE;
  self->now = g_get_real_time () / G_USEC_PER_SEC;
  self->tick_id = g_timeout_add_seconds (tick_seconds, tick_cb, self);
  return self;
}

/**
 * okc_clock_new_fixed:
 * @now: seconds since the epoch
 *
 * Returns: (transfer full): a clock that stays at @now until okc_clock_set_now().
 */
OkcClock *
okc_clock_new_fixed (gint64 now)
{
  OkcClock *self = g_object_new (OKC_TYPE_CLOCK, NULL);

  self->now = now;
  return self;
}

gint64
okc_clock_get_now (OkcClock *self)
{
  g_return_val_if_fail (OKC_IS_CLOCK (self), 0);
  /* Ticks only say when to redraw: a system clock read between two ticks tells the time
   * it is, so a heartbeat that just came in is never "in the future" of the clock. */
  if (self->is_system)
    return g_get_real_time () / G_USEC_PER_SEC;
  return self->now;
}

void
okc_clock_set_now (OkcClock *self,
                   gint64    now)
{
  g_return_if_fail (OKC_IS_CLOCK (self));

  if (self->now == now)
    return;
  self->now = now;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOW]);
}

/**
 * okc_format_age:
 * @since: when something happened, seconds since the epoch
 * @now: the current time
 *
 * How long ago, as short as a queue column allows: "just now", "4 min", "2 h 10 min",
 * "3 d 4 h". Whole units, rounded down: "59 min" until the hour is complete.
 *
 * Returns: (transfer full): the text.
 */
char *
okc_format_age (gint64 since,
                gint64 now)
{
  gint64 seconds = now - since;
  gint64 minutes, hours, days;

  if (seconds < 60)
    return g_strdup (_("just now"));

  minutes = seconds / 60;
  hours = minutes / 60;
  days = hours / 24;

  if (hours == 0)
    /* Translators: an age in minutes, "4 min" */
    return g_strdup_printf (_("%" PRId64 " min"), minutes);
  if (days == 0)
    {
      if (minutes % 60 == 0)
        /* Translators: an age in hours, "2 h" */
        return g_strdup_printf (_("%" PRId64 " h"), hours);
      /* Translators: an age in hours and minutes, "2 h 10 min" */
      return g_strdup_printf (_("%" PRId64 " h %" PRId64 " min"), hours,
                              minutes % 60);
    }
  if (hours % 24 == 0)
    /* Translators: an age in days, "3 d" */
    return g_strdup_printf (_("%" PRId64 " d"), days);
  /* Translators: an age in days and hours, "3 d 4 h" */
  return g_strdup_printf (_("%" PRId64 " d %" PRId64 " h"), days, hours % 24);
}
