/* okc-demo-names.h — the words the demo data is made of: names, places, models
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *city;
  const char *state;
  guint postal_base;   /* the city's first ZIP code */
  const char *timezone;
  const char *area_code;
} OkcDemoCity;

typedef struct
{
  const char *code;    /* in the serial number */
  const char *name;
  guint kilowatts_x10; /* charging power in tenths of kW */
} OkcDemoModel;

extern const char * const okc_demo_first_names[];
extern const guint okc_demo_n_first_names;
extern const char * const okc_demo_last_names[];
extern const guint okc_demo_n_last_names;
extern const char * const okc_demo_street_names[];
extern const guint okc_demo_n_street_names;
extern const char * const okc_demo_street_kinds[];
extern const guint okc_demo_n_street_kinds;
extern const OkcDemoCity okc_demo_cities[];
extern const guint okc_demo_n_cities;
extern const char * const okc_demo_place_words[];
extern const guint okc_demo_n_place_words;
extern const char * const okc_demo_rental_kinds[];
extern const guint okc_demo_n_rental_kinds;
extern const char * const okc_demo_residence_kinds[];
extern const guint okc_demo_n_residence_kinds;
extern const OkcDemoModel okc_demo_models[];
extern const guint okc_demo_n_models;
extern const char * const okc_demo_firmwares[];
extern const guint okc_demo_n_firmwares;
extern const char * const okc_demo_email_domains[];
extern const guint okc_demo_n_email_domains;

G_END_DECLS
