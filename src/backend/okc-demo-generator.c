/* okc-demo-generator.c — the deterministic demo data set: team, fleet and tickets
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-demo-generator.h"
#include "okc-demo-refunds.h"

#include "okc-backend-crypto.h"
#include "okc-backend-users.h"
#include "okc-demo-images.h"
#include "okc-demo-world.h"

struct _OkcDemoGenerator
{
  GObject parent_instance;

  guint64 seed;
  guint n_tickets;
  gint64 now;
};

G_DEFINE_FINAL_TYPE (OkcDemoGenerator, okc_demo_generator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEED,
  PROP_N_TICKETS,
  PROP_NOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const OkcDemoUser demo_users[] = {
  { "USR-0001", "Alex Rivera", "alex.rivera@ok2charge.example", OKC_ROLE_AGENT, "demo-agent" },
  { "USR-0002", "Sam Okafor", "sam.okafor@ok2charge.example", OKC_ROLE_AGENT, "demo-agent" },
  { "USR-0003", "Jordan Lee", "jordan.lee@ok2charge.example", OKC_ROLE_AGENT, "demo-agent" },
  { "USR-0004", "Priya Nair", "priya.nair@ok2charge.example", OKC_ROLE_AGENT, "demo-agent" },
  { "USR-0005", "Morgan Blake", "morgan.blake@ok2charge.example", OKC_ROLE_SUPERVISOR,
    "demo-supervisor" },
  { "USR-0006", "OK2Charge Chatbot", "chatbot@ok2charge.example", OKC_ROLE_CHATBOT,
    "demo-chatbot" },
};

/**
 * okc_demo_users_get:
 *
 * Returns: (transfer none) (array length=n_users): the demo team with its passwords.
 */
const OkcDemoUser *
okc_demo_users_get (guint *n_users)
{
  *n_users = G_N_ELEMENTS (demo_users);
  return demo_users;
}

static void
okc_demo_generator_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  OkcDemoGenerator *self = OKC_DEMO_GENERATOR (object);

  switch (prop_id)
    {
    case PROP_SEED:
      self->seed = g_value_get_uint64 (value);
      break;
    case PROP_N_TICKETS:
      self->n_tickets = g_value_get_uint (value);
      break;
    case PROP_NOW:
      self->now = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_demo_generator_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OkcDemoGenerator *self = OKC_DEMO_GENERATOR (object);

  switch (prop_id)
    {
    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;
    case PROP_N_TICKETS:
      g_value_set_uint (value, self->n_tickets);
      break;
    case PROP_NOW:
      g_value_set_int64 (value, self->now);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_demo_generator_class_init (OkcDemoGeneratorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->set_property = okc_demo_generator_set_property;
  object_class->get_property = okc_demo_generator_get_property;

  properties[PROP_SEED] = g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT64, 1, flags);
  properties[PROP_N_TICKETS] =
    g_param_spec_uint ("n-tickets", NULL, NULL, 0, G_MAXUINT, 2000, flags);
  properties[PROP_NOW] =
    g_param_spec_int64 ("now", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_demo_generator_init (OkcDemoGenerator *self)
{
}

/**
 * okc_demo_generator_new:
 * @seed: the same seed and @now give the same data set, byte for byte
 * @now: the data set's present, seconds since the epoch: tickets fall in the two days to
 *   two weeks before it (by @n_tickets), sessions in the four weeks before it; the open
 *   queue is the recent tickets, mostly within their SLA (docs/dataset-format.md)
 */
OkcDemoGenerator *
okc_demo_generator_new (guint64 seed,
                        guint   n_tickets,
                        gint64  now)
{
  return g_object_new (OKC_TYPE_DEMO_GENERATOR, "seed", seed, "n-tickets", n_tickets, "now", now,
                       NULL);
}

/* The team with the demo passwords. Their salts come from the seed, not the kernel:
 * the demo passwords are public anyway, and the export must be reproducible. */
static gboolean
store_users (OkcDemoGenerator  *self,
             OkcBackendDb      *db,
             GError           **error)
{
  OkcDemoRandom salts;

  okc_demo_random_init (&salts, self->seed ^ 0x5A17ull);
  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    {
      const OkcDemoUser *demo = &demo_users[i];
      g_autoptr(OkcUser) user = okc_user_new (demo->id, demo->name, demo->email, demo->role);
      guint8 salt[OKC_BACKEND_SALT_SIZE];
      g_autofree char *hash = NULL;

      okc_demo_random_bytes (&salts, salt, sizeof salt);
      hash = okc_backend_password_hash_with_salt (demo->password, salt, sizeof salt,
                                                  OKC_BACKEND_PBKDF2_ITERATIONS);
      if (!okc_backend_users_insert (db, user, hash, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
store_meta (OkcDemoGenerator  *self,
            OkcBackendDb      *db,
            GError           **error)
{
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, self->seed);
  g_autofree char *n_tickets = g_strdup_printf ("%u", self->n_tickets);
  g_autofree char *now = okc_time_format_rfc3339 (self->now);

  return okc_backend_db_set_meta (db, "demo_seed", seed, error) &&
         okc_backend_db_set_meta (db, "demo_tickets", n_tickets, error) &&
         okc_backend_db_set_meta (db, "demo_now", now, error);
}

static gboolean
store_all (OkcDemoGenerator  *self,
           OkcBackendDb      *db,
           GError           **error)
{
  g_autoptr(OkcDemoWorld) world = okc_demo_world_new (self->seed, self->n_tickets, self->now);

  gboolean ok;

  okc_demo_fleet_generate (world);
  if (world->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&world->error));
      return FALSE;
    }
  ok = store_users (self, db, error) && okc_demo_fleet_store (world, db, error) &&
       okc_demo_tickets_store (world, db, error) && okc_demo_refunds_store (db, self->now, error) &&
       store_meta (self, db, error);
  okc_demo_images_release_fonts ();
  return ok;
}

/**
 * okc_demo_generator_run:
 *
 * Generates the data set into @db, which should be empty, in one transaction: all of
 * it or nothing.
 */
gboolean
okc_demo_generator_run (OkcDemoGenerator  *self,
                        OkcBackendDb      *db,
                        GError           **error)
{
  g_return_val_if_fail (OKC_IS_DEMO_GENERATOR (self), FALSE);
  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), FALSE);

  if (!okc_backend_db_begin (db, error))
    return FALSE;
  if (!store_all (self, db, error) || !okc_backend_db_commit (db, error))
    {
      okc_backend_db_rollback (db);
      return FALSE;
    }
  return okc_backend_db_optimize (db, error);
}
