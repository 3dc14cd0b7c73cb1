/* okc-charger.h — a charger as the network sees it: status, heartbeat, site and access
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-connector.h"
#include "okc-enums.h"

G_BEGIN_DECLS

#define OKC_TYPE_CHARGER (okc_charger_get_type ())

G_DECLARE_FINAL_TYPE (OkcCharger, okc_charger, OKC, CHARGER, GObject)

OkcCharger       *okc_charger_new                (const char        *id,
                                                  const char        *serial,
                                                  const char        *model,
                                                  const char        *firmware,
                                                  OkcChargerStatus   status,
                                                  gint64             last_heartbeat,
                                                  OkcChargerPolicy   access);
void              okc_charger_set_property_ref   (OkcCharger        *self,
                                                  const char        *property_id,
                                                  const char        *property_name);
void              okc_charger_set_unit_ref       (OkcCharger        *self,
                                                  const char        *unit_id,
                                                  const char        *unit_name);
OkcCharger       *okc_charger_new_from_json      (JsonNode          *node,
                                                  const char        *path,
                                                  GError           **error);
JsonNode         *okc_charger_to_json            (OkcCharger        *self);
const char       *okc_charger_get_id             (OkcCharger        *self);
const char       *okc_charger_get_serial         (OkcCharger        *self);
const char       *okc_charger_get_model          (OkcCharger        *self);
const char       *okc_charger_get_firmware       (OkcCharger        *self);
OkcChargerStatus  okc_charger_get_status         (OkcCharger        *self);
gint64            okc_charger_get_last_heartbeat (OkcCharger        *self);
const char       *okc_charger_get_property_id    (OkcCharger        *self);
const char       *okc_charger_get_property_name  (OkcCharger        *self);
const char       *okc_charger_get_unit_id        (OkcCharger        *self);
const char       *okc_charger_get_unit_name      (OkcCharger        *self);
OkcChargerPolicy  okc_charger_get_access         (OkcCharger        *self);

/* Live state beyond the summary status (docs/chargers.md). A charger made by
 * okc_charger_new() has no connectors, Wi-Fi with unknown signal, LED off, a 60 s
 * heartbeat interval and status_since 0 until these are set. */
void              okc_charger_set_last_heartbeat (OkcCharger        *self,
                                                  gint64             last_heartbeat);
void              okc_charger_set_status_since   (OkcCharger        *self,
                                                  gint64             status_since);
void              okc_charger_set_heartbeat_interval (OkcCharger    *self,
                                                  guint              seconds);
/* @signal is 0–100, or -1 when unknown or not applicable (Ethernet); @ssid and @ip may be
 * NULL. */
void              okc_charger_set_network        (OkcCharger        *self,
                                                  OkcNetworkKind     kind,
                                                  int                signal,
                                                  const char        *ssid,
                                                  const char        *ip);
void              okc_charger_set_led            (OkcCharger        *self,
                                                  OkcLedState        led);
/* Appends @connector (taking a reference); connectors are kept in the order added. */
void              okc_charger_add_connector      (OkcCharger        *self,
                                                  OkcConnector      *connector);

gint64            okc_charger_get_status_since   (OkcCharger        *self);
guint             okc_charger_get_heartbeat_interval (OkcCharger    *self);
OkcNetworkKind    okc_charger_get_network_kind   (OkcCharger        *self);
int               okc_charger_get_network_signal (OkcCharger        *self);
const char       *okc_charger_get_network_ssid   (OkcCharger        *self);
const char       *okc_charger_get_network_ip     (OkcCharger        *self);
OkcLedState       okc_charger_get_led            (OkcCharger        *self);
/* (element-type OkcConnector) (transfer none) */
GPtrArray        *okc_charger_get_connectors     (OkcCharger        *self);
/* The connector numbered @id, or NULL. */
OkcConnector     *okc_charger_get_connector      (OkcCharger        *self,
                                                  guint              id);

const char       *okc_charger_status_get_label   (OkcChargerStatus   status);

G_END_DECLS
