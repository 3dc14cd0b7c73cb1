/* okc-demo-world.c — the demo fleet in memory, shared by the generator's parts
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-demo-world.h"

static void
charger_clear (OkcDemoCharger *charger)
{
  g_clear_pointer (&charger->access, g_array_unref);
}

OkcDemoWorld *
okc_demo_world_new (guint64 seed,
                    guint   n_tickets,
                    gint64  now)
{
  OkcDemoWorld *world = g_new0 (OkcDemoWorld, 1);

  okc_demo_random_init (&world->random, seed);
  world->seed = seed;
  world->now = now;
  world->n_tickets = n_tickets;
  /* The team takes about six hand-offs an hour: a larger data set is a longer history,
   * from two days up to two weeks, then a busier network (the fleet grows with it). */
  world->ticket_window = CLAMP ((gint64) n_tickets * 10 * 60, 2 * 24 * 60 * 60,
                                (gint64) OKC_DEMO_TICKET_DAYS * 24 * 60 * 60);
  world->strings = g_string_chunk_new (64 * 1024);
  world->accounts = g_array_new (FALSE, TRUE, sizeof (OkcDemoAccount));
  world->properties = g_array_new (FALSE, TRUE, sizeof (OkcDemoProperty));
  world->units = g_array_new (FALSE, TRUE, sizeof (OkcDemoUnit));
  world->chargers = g_array_new (FALSE, TRUE, sizeof (OkcDemoCharger));
  g_array_set_clear_func (world->chargers, (GDestroyNotify) charger_clear);
  world->sessions = g_array_new (FALSE, TRUE, sizeof (OkcDemoSession));
  world->payouts = g_array_new (FALSE, TRUE, sizeof (OkcDemoPayout));
  world->planted_short = -1;
  world->bookings = g_array_new (FALSE, TRUE, sizeof (OkcDemoBooking));
  world->recent_sessions = g_array_new (FALSE, FALSE, sizeof (guint));
  world->screenshots = g_ptr_array_new_with_free_func (g_free);
  return world;
}

void
okc_demo_world_free (OkcDemoWorld *world)
{
  if (world == NULL)
    return;

  if (world->qr_images != NULL)
    {
      for (guint i = 0; i < world->chargers->len; i++)
        g_free (world->qr_images[i]);
      g_free (world->qr_images);
    }
  g_ptr_array_unref (world->screenshots);
  g_array_unref (world->recent_sessions);
  g_array_unref (world->payouts);
  g_array_unref (world->bookings);
  g_array_unref (world->sessions);
  g_array_unref (world->chargers);
  g_array_unref (world->units);
  for (guint i = 0; i < world->properties->len; i++)
    for (guint k = 0; k < OKC_DEMO_N_BILLED; k++)
      g_clear_object (&OKC_DEMO_PROPERTY (world, i)->tariffs[k]);
  g_array_unref (world->properties);
  g_clear_error (&world->error);
  g_array_unref (world->accounts);
  g_string_chunk_free (world->strings);
  g_free (world);
}

/**
 * okc_demo_world_intern:
 *
 * Returns: (transfer none): the formatted text, kept as long as @world.
 */
const char *
okc_demo_world_intern (OkcDemoWorld *world,
                       const char   *format,
                       ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return g_string_chunk_insert (world->strings, text);
}

int
okc_demo_compare_guint (gconstpointer a,
                        gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Orders session indices by the time the session ended, then by index: a total order,
 * so that sorting is the same on every machine. */
int
okc_demo_compare_session_end (gconstpointer a,
                              gconstpointer b,
                              gpointer      user_data)
{
  OkcDemoWorld *world = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  gint64 ex = OKC_DEMO_SESSION (world, x)->ended_at, ey = OKC_DEMO_SESSION (world, y)->ended_at;

  if (ex != ey)
    return ex < ey ? -1 : 1;
  return okc_demo_compare_guint (a, b);
}
