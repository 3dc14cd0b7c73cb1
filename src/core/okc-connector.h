/* okc-connector.h — one connector of a charger, as its last OCPP StatusNotification said
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"

G_BEGIN_DECLS

#define OKC_TYPE_CONNECTOR (okc_connector_get_type ())

G_DECLARE_FINAL_TYPE (OkcConnector, okc_connector, OKC, CONNECTOR, GObject)

/* @vendor_error_code, @info and @session_id may be NULL; @status_since is Unix seconds. */
OkcConnector        *okc_connector_new                   (guint                id,
                                                          OkcConnectorStatus   status,
                                                          OkcChargePointError  error_code,
                                                          const char          *vendor_error_code,
                                                          const char          *info,
                                                          gint64               status_since,
                                                          const char          *session_id);
/* Strict: a member missing or of the wrong kind, an unknown status or error code, an id of
 * 0 fail with an OKC_DATA_ERROR naming "@path.member". Every member is present; the vendor's
 * words, status_since (unknown) and session_id may be null. */
OkcConnector        *okc_connector_new_from_json         (JsonNode            *node,
                                                          const char          *path,
                                                          GError             **error);
JsonNode            *okc_connector_to_json               (OkcConnector        *self);
guint                okc_connector_get_id                (OkcConnector        *self);
OkcConnectorStatus   okc_connector_get_status            (OkcConnector        *self);
OkcChargePointError  okc_connector_get_error_code        (OkcConnector        *self);
const char          *okc_connector_get_vendor_error_code (OkcConnector        *self);
const char          *okc_connector_get_info              (OkcConnector        *self);
gint64               okc_connector_get_status_since      (OkcConnector        *self);
const char          *okc_connector_get_session_id        (OkcConnector        *self);

/* "Available", "Suspended by the car", … for people, translated. */
const char          *okc_connector_status_get_label      (OkcConnectorStatus   status);
/* "Ground failure", "Connector lock failure", …; "No error" for NoError. */
const char          *okc_charge_point_error_get_label    (OkcChargePointError  error_code);
/* The same inside a sentence: "ground failure", "EV communication error". */
char                *okc_charge_point_error_get_inline_label (OkcChargePointError error_code);
const char          *okc_network_kind_get_label          (OkcNetworkKind       kind);
/* "Solid green", "Blinking red", … */
const char          *okc_led_state_get_label             (OkcLedState          led);

G_END_DECLS
