/* okc-clock.h — the current time, injectable, ticking for whoever shows ages
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define OKC_TYPE_CLOCK (okc_clock_get_type ())

G_DECLARE_FINAL_TYPE (OkcClock, okc_clock, OKC, CLOCK, GObject)

OkcClock *okc_clock_new_system (guint     tick_seconds);
OkcClock *okc_clock_new_fixed  (gint64    now);
gint64    okc_clock_get_now    (OkcClock *self);
void      okc_clock_set_now    (OkcClock *self,
                                gint64    now);

char     *okc_format_age       (gint64    since,
                                gint64    now);

G_END_DECLS
