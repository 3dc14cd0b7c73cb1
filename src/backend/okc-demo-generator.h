/* okc-demo-generator.h — the deterministic demo data set: team, fleet and tickets
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"
#include "okc-core.h"

G_BEGIN_DECLS

/**
 * OkcDemoUser:
 *
 * A fixed member of the demo support team; tests and the README use these values.
 */
typedef struct
{
  const char *id;
  const char *name;
  const char *email;
  OkcRole role;
  const char *password;
} OkcDemoUser;

const OkcDemoUser *okc_demo_users_get (guint *n_users);

#define OKC_TYPE_DEMO_GENERATOR (okc_demo_generator_get_type ())

G_DECLARE_FINAL_TYPE (OkcDemoGenerator, okc_demo_generator, OKC, DEMO_GENERATOR, GObject)

OkcDemoGenerator *okc_demo_generator_new (guint64            seed,
                                          guint              n_tickets,
                                          gint64             now);
gboolean          okc_demo_generator_run (OkcDemoGenerator  *self,
                                          OkcBackendDb      *db,
                                          GError           **error);

G_END_DECLS
