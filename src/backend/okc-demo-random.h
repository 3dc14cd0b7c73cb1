/* okc-demo-random.h — the demo generator's own seeded PRNG (xoshiro256**)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Same seed, same numbers, on every machine and GLib version: g_random makes no such
 * promise, and the demo data set must be reproducible byte for byte. */
typedef struct
{
  guint64 state[4];
} OkcDemoRandom;

void        okc_demo_random_init     (OkcDemoRandom      *self,
                                      guint64             seed);
guint64     okc_demo_random_next     (OkcDemoRandom      *self);
guint32     okc_demo_random_below    (OkcDemoRandom      *self,
                                      guint32             bound);
gint64      okc_demo_random_range    (OkcDemoRandom      *self,
                                      gint64              min,
                                      gint64              max);
gboolean    okc_demo_random_chance   (OkcDemoRandom      *self,
                                      guint               percent);
guint       okc_demo_random_weighted (OkcDemoRandom      *self,
                                      const guint        *weights,
                                      guint               n_weights);
void        okc_demo_random_bytes    (OkcDemoRandom      *self,
                                      guint8             *buffer,
                                      gsize               size);

#define OKC_DEMO_PICK(random, array) ((array)[okc_demo_random_below ((random), G_N_ELEMENTS (array))])

G_END_DECLS
