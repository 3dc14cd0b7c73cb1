/* okc-demo-random.c — the demo generator's own seeded PRNG (xoshiro256**)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-demo-random.h"

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += 0x9E3779B97F4A7C15ull);

  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

/**
 * okc_demo_random_init:
 *
 * Seeds the generator: splitmix64 spreads @seed over the 256-bit state, as the
 * xoshiro authors recommend, so that seeds 1, 2, 3 give unrelated streams.
 */
void
okc_demo_random_init (OkcDemoRandom *self,
                      guint64        seed)
{
  guint64 x = seed;

  for (guint i = 0; i < G_N_ELEMENTS (self->state); i++)
    self->state[i] = splitmix64 (&x);
}

guint64
okc_demo_random_next (OkcDemoRandom *self)
{
  guint64 *s = self->state;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/**
 * okc_demo_random_below:
 * @bound: greater than 0
 *
 * Returns: a number from 0 to @bound - 1, without modulo bias (Lemire's method).
 */
guint32
okc_demo_random_below (OkcDemoRandom *self,
                       guint32        bound)
{
  guint64 product;
  guint32 low;

  g_return_val_if_fail (bound > 0, 0);

  product = (okc_demo_random_next (self) >> 32) * bound;
  low = (guint32) product;
  if (low < bound)
    {
      guint32 threshold = -bound % bound;
      while (low < threshold)
        {
          product = (okc_demo_random_next (self) >> 32) * bound;
          low = (guint32) product;
        }
    }
  return (guint32) (product >> 32);
}

/* A number from @min to @max, both included; the span must fit 32 bits. */
gint64
okc_demo_random_range (OkcDemoRandom *self,
                       gint64         min,
                       gint64         max)
{
  g_return_val_if_fail (max >= min && max - min < G_MAXUINT32, min);

  return min + okc_demo_random_below (self, (guint32) (max - min + 1));
}

gboolean
okc_demo_random_chance (OkcDemoRandom *self,
                        guint          percent)
{
  return okc_demo_random_below (self, 100) < percent;
}

/**
 * okc_demo_random_weighted:
 * @weights: (array length=n_weights): relative weights, not all 0
 *
 * Returns: an index into @weights, each drawn in proportion to its weight.
 */
guint
okc_demo_random_weighted (OkcDemoRandom *self,
                          const guint   *weights,
                          guint          n_weights)
{
  guint total = 0, pick;

  for (guint i = 0; i < n_weights; i++)
    total += weights[i];
  g_return_val_if_fail (total > 0, 0);

  pick = okc_demo_random_below (self, total);
  for (guint i = 0; i < n_weights; i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }
  g_assert_not_reached ();
}

void
okc_demo_random_bytes (OkcDemoRandom *self,
                       guint8        *buffer,
                       gsize          size)
{
  for (gsize i = 0; i < size; i++)
    buffer[i] = (guint8) (okc_demo_random_next (self) >> 56);
}
