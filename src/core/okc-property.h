/* okc-property.h — a property (a rental or a residence), its units, its chargers and its
 * PMS integration
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"

G_BEGIN_DECLS

/* The PmsIntegration of docs/actions.md: where the property's bookings come from. */
typedef struct
{
  OkcPmsProvider provider;
  gboolean connected;
  OkcPmsSyncState sync_state;
  gint64 last_sync_at;        /* 0: never */
  const char *last_error;     /* nullable */
} OkcPmsIntegration;

typedef struct
{
  const char *id;
  const char *name;
  guint n_chargers;
} OkcPropertyUnit;

/* A charger of the property, as its page lists it. */
typedef struct
{
  const char *id;
  const char *serial;
  const char *model;
  OkcChargerStatus status;
  gint64 last_heartbeat_at;   /* 0: never */
  const char *unit_id;        /* nullable */
  const char *unit_name;
} OkcPropertyCharger;

#define OKC_TYPE_PROPERTY (okc_property_get_type ())

G_DECLARE_FINAL_TYPE (OkcProperty, okc_property, OKC, PROPERTY, GObject)

/* The Property of docs/actions.md, strict; `units` and `chargers` when present. */
OkcProperty              *okc_property_new_from_json   (JsonNode     *node,
                                                        const char   *path,
                                                        GError      **error);
JsonNode                 *okc_property_to_json         (OkcProperty  *self);

const char               *okc_property_get_id          (OkcProperty  *self);
const char               *okc_property_get_name        (OkcProperty  *self);
const char               *okc_property_get_kind        (OkcProperty  *self);
const char               *okc_property_get_address     (OkcProperty  *self);
const char               *okc_property_get_city        (OkcProperty  *self);
const char               *okc_property_get_state       (OkcProperty  *self);
const char               *okc_property_get_postal_code (OkcProperty  *self);
const char               *okc_property_get_timezone    (OkcProperty  *self);
const char               *okc_property_get_host_id     (OkcProperty  *self);
const char               *okc_property_get_host_name   (OkcProperty  *self);
const char               *okc_property_get_host_email  (OkcProperty  *self);
guint                     okc_property_get_n_chargers  (OkcProperty  *self);
guint                     okc_property_get_n_units     (OkcProperty  *self);
const OkcPmsIntegration  *okc_property_get_pms         (OkcProperty  *self);
char                     *okc_property_format_address  (OkcProperty  *self);

gboolean                  okc_property_has_members     (OkcProperty  *self);
guint                     okc_property_get_n_listed_units    (OkcProperty *self);
const OkcPropertyUnit    *okc_property_get_unit        (OkcProperty  *self,
                                                        guint         index);
guint                     okc_property_get_n_listed_chargers (OkcProperty *self);
const OkcPropertyCharger *okc_property_get_charger     (OkcProperty  *self,
                                                        guint         index);

const char               *okc_pms_provider_get_label   (OkcPmsProvider  provider);
const char               *okc_pms_sync_state_get_label (OkcPmsSyncState state);

G_END_DECLS
