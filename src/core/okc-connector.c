/* okc-connector.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "okc-connector.h"

#include "okc-error.h"
#include "okc-json.h"
#include <inttypes.h>

struct _OkcConnector
{
  GObject parent_instance;

  guint id;
  OkcConnectorStatus status;
  OkcChargePointError error_code;
  char *vendor_error_code;
  char *info;
  gint64 status_since;
  char *session_id;
};

G_DEFINE_FINAL_TYPE (OkcConnector, okc_connector, G_TYPE_OBJECT)

static void
okc_connector_finalize (GObject *object)
{
  OkcConnector *self = OKC_CONNECTOR (object);

  g_free (self->vendor_error_code);
  g_free (self->info);
  g_free (self->session_id);

  G_OBJECT_CLASS (okc_connector_parent_class)->finalize (object);
}

static void
okc_connector_class_init (OkcConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_connector_finalize;
}

static void
okc_connector_init (OkcConnector *self)
{
}

/**
 * okc_connector_new:
 * @id: the connector's number, from 1
 * @vendor_error_code: (nullable): the vendor's code, as StatusNotification.vendorErrorCode
 * @info: (nullable): the vendor's words, as StatusNotification.info
 * @status_since: when the connector entered @status, seconds since the epoch, 0 if unknown
 * @session_id: (nullable): the charging session on the connector
 *
 * Returns: (transfer full): the connector.
 */
OkcConnector *
okc_connector_new (guint                id,
                   OkcConnectorStatus   status,
                   OkcChargePointError  error_code,
                   const char          *vendor_error_code,
                   const char          *info,
                   gint64               status_since,
                   const char          *session_id)
{
  OkcConnector *self;

  g_return_val_if_fail (id >= 1, NULL);
  g_return_val_if_fail (status_since >= 0, NULL);

  self = g_object_new (OKC_TYPE_CONNECTOR, NULL);
  self->id = id;
  self->status = status;
  self->error_code = error_code;
  self->vendor_error_code = g_strdup (vendor_error_code);
  self->info = g_strdup (info);
  self->status_since = status_since;
  self->session_id = g_strdup (session_id);
  return self;
}

/**
 * okc_connector_new_from_json:
 * @node: {"id", "status", "error_code", "vendor_error_code", "info", "status_since",
 *   "session_id"}, every member present; the vendor's words, the time and the session may
 *   be null
 * @path: (nullable): where @node is, for errors
 *
 * Returns: (transfer full) (nullable): the connector, or %NULL with an #OKC_DATA_ERROR
 *   naming the member to blame.
 */
OkcConnector *
okc_connector_new_from_json (JsonNode    *node,
                             const char  *path,
                             GError     **error)
{
  const char *vendor_error_code = NULL, *info = NULL, *session_id = NULL;
  gint64 id = 0, status_since = 0;
  int status = 0, error_code = 0;
  JsonObject *object;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_int64 (object, path, "id", OKC_JSON_REQUIRED, &id, error) ||
      !okc_json_read_enum (object, path, "status", OKC_TYPE_CONNECTOR_STATUS,
                           OKC_JSON_REQUIRED, &status, error) ||
      !okc_json_read_enum (object, path, "error_code", OKC_TYPE_CHARGE_POINT_ERROR,
                           OKC_JSON_REQUIRED, &error_code, error) ||
      !okc_json_read_string (object, path, "vendor_error_code", OKC_JSON_NULLABLE,
                             &vendor_error_code, error) ||
      !okc_json_read_string (object, path, "info", OKC_JSON_NULLABLE, &info, error) ||
      !okc_json_read_time (object, path, "status_since", OKC_JSON_NULLABLE, &status_since,
                           error) ||
      !okc_json_read_string (object, path, "session_id", OKC_JSON_NULLABLE, &session_id,
                             error))
    return NULL;

  if (id < 1 || id > G_MAXUINT16)
    {
      g_autofree char *member = okc_json_path_member (path, "id");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "a connector is numbered from 1, not %" PRId64, id);
      return NULL;
    }
  if (status_since < 0)
    {
      g_autofree char *member = okc_json_path_member (path, "status_since");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "a status change is not before 1970");
      return NULL;
    }
  if (session_id != NULL && *session_id == '\0')
    {
      g_autofree char *member = okc_json_path_member (path, "session_id");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "a session id is not empty: no session is null");
      return NULL;
    }

  return okc_connector_new ((guint) id, status, error_code, vendor_error_code, info,
                            status_since, session_id);
}

/**
 * okc_connector_to_json:
 *
 * Returns: (transfer full): the connector in the shape okc_connector_new_from_json() reads.
 */
JsonNode *
okc_connector_to_json (OkcConnector *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_CONNECTOR (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  okc_json_builder_add_string (builder, "status",
                               okc_enum_to_nick (OKC_TYPE_CONNECTOR_STATUS, self->status));
  okc_json_builder_add_string (builder, "error_code",
                               okc_enum_to_nick (OKC_TYPE_CHARGE_POINT_ERROR,
                                                 self->error_code));
  okc_json_builder_add_string (builder, "vendor_error_code", self->vendor_error_code);
  okc_json_builder_add_string (builder, "info", self->info);
  if (self->status_since > 0)
    okc_json_builder_add_time (builder, "status_since", self->status_since);
  else
    okc_json_builder_add_string (builder, "status_since", NULL);
  okc_json_builder_add_string (builder, "session_id", self->session_id);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

guint
okc_connector_get_id (OkcConnector *self)
{
  g_return_val_if_fail (OKC_IS_CONNECTOR (self), 0);
  return self->id;
}

OkcConnectorStatus
okc_connector_get_status (OkcConnector *self)
{
  g_return_val_if_fail (OKC_IS_CONNECTOR (self), OKC_CONNECTOR_STATUS_UNAVAILABLE);
  return self->status;
}

OkcChargePointError
okc_connector_get_error_code (OkcConnector *self)
{
  g_return_val_if_fail (OKC_IS_CONNECTOR (self), OKC_CHARGE_POINT_ERROR_NO_ERROR);
  return self->error_code;
}

/**
 * okc_connector_get_vendor_error_code:
 *
 * Returns: (nullable): the vendor's error code, such as "E-GF-01".
 */
const char *
okc_connector_get_vendor_error_code (OkcConnector *self)
{
  g_return_val_if_fail (OKC_IS_CONNECTOR (self), NULL);
  return self->vendor_error_code;
}

/**
 * okc_connector_get_info:
 *
 * Returns: (nullable): the vendor's words about the status.
 */
const char *
okc_connector_get_info (OkcConnector *self)
{
  g_return_val_if_fail (OKC_IS_CONNECTOR (self), NULL);
  return self->info;
}

/**
 * okc_connector_get_status_since:
 *
 * Returns: when the connector entered its status, seconds since the epoch, 0 if unknown.
 */
gint64
okc_connector_get_status_since (OkcConnector *self)
{
  g_return_val_if_fail (OKC_IS_CONNECTOR (self), 0);
  return self->status_since;
}

/**
 * okc_connector_get_session_id:
 *
 * Returns: (nullable): the session on the connector.
 */
const char *
okc_connector_get_session_id (OkcConnector *self)
{
  g_return_val_if_fail (OKC_IS_CONNECTOR (self), NULL);
  return self->session_id;
}

const char *
okc_connector_status_get_label (OkcConnectorStatus status)
{
  switch (status)
    {
    case OKC_CONNECTOR_STATUS_AVAILABLE:
      return _("Available");
    case OKC_CONNECTOR_STATUS_PREPARING:
      return _("Preparing");
    case OKC_CONNECTOR_STATUS_CHARGING:
      return _("Charging");
    case OKC_CONNECTOR_STATUS_SUSPENDED_EV:
      return _("Suspended by the car");
    case OKC_CONNECTOR_STATUS_SUSPENDED_EVSE:
      return _("Suspended by the charger");
    case OKC_CONNECTOR_STATUS_FINISHING:
      return _("Finishing");
    case OKC_CONNECTOR_STATUS_RESERVED:
      return _("Reserved");
    case OKC_CONNECTOR_STATUS_UNAVAILABLE:
      return _("Unavailable");
    case OKC_CONNECTOR_STATUS_FAULTED:
      return _("Faulted");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
okc_charge_point_error_get_label (OkcChargePointError error_code)
{
  switch (error_code)
    {
    case OKC_CHARGE_POINT_ERROR_NO_ERROR:
      return _("No error");
    case OKC_CHARGE_POINT_ERROR_CONNECTOR_LOCK_FAILURE:
      return _("Connector lock failure");
    case OKC_CHARGE_POINT_ERROR_EV_COMMUNICATION_ERROR:
      return _("EV communication error");
    case OKC_CHARGE_POINT_ERROR_GROUND_FAILURE:
      return _("Ground failure");
    case OKC_CHARGE_POINT_ERROR_HIGH_TEMPERATURE:
      return _("High temperature");
    case OKC_CHARGE_POINT_ERROR_INTERNAL_ERROR:
      return _("Internal error");
    case OKC_CHARGE_POINT_ERROR_LOCAL_LIST_CONFLICT:
      return _("Local list conflict");
    case OKC_CHARGE_POINT_ERROR_OTHER_ERROR:
      return _("Other error");
    case OKC_CHARGE_POINT_ERROR_OVER_CURRENT_FAILURE:
      return _("Over-current failure");
    case OKC_CHARGE_POINT_ERROR_OVER_VOLTAGE:
      return _("Over-voltage");
    case OKC_CHARGE_POINT_ERROR_POWER_METER_FAILURE:
      return _("Power meter failure");
    case OKC_CHARGE_POINT_ERROR_POWER_SWITCH_FAILURE:
      return _("Power switch failure");
    case OKC_CHARGE_POINT_ERROR_READER_FAILURE:
      return _("Card reader failure");
    case OKC_CHARGE_POINT_ERROR_RESET_FAILURE:
      return _("Reset failure");
    case OKC_CHARGE_POINT_ERROR_UNDER_VOLTAGE:
      return _("Under-voltage");
    case OKC_CHARGE_POINT_ERROR_WEAK_SIGNAL:
      return _("Weak signal");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * okc_charge_point_error_get_inline_label:
 *
 * The label as it reads inside a sentence: "Ground failure" becomes "ground failure",
 * while "EV communication error" keeps its acronym.
 *
 * Returns: (transfer full): the label.
 */
char *
okc_charge_point_error_get_inline_label (OkcChargePointError error_code)
{
  const char *label = okc_charge_point_error_get_label (error_code);
  const char *second = g_utf8_next_char (label);
  char first[8];
  int length;

  if (*second != '\0' && g_unichar_isupper (g_utf8_get_char (second)))
    return g_strdup (label);
  length = g_unichar_to_utf8 (g_unichar_tolower (g_utf8_get_char (label)), first);
  return g_strdup_printf ("%.*s%s", length, first, second);
}

const char *
okc_network_kind_get_label (OkcNetworkKind kind)
{
  switch (kind)
    {
    case OKC_NETWORK_KIND_WIFI:
      return _("Wi‑Fi");
    case OKC_NETWORK_KIND_ETHERNET:
      return _("Ethernet");
    case OKC_NETWORK_KIND_CELLULAR:
      return _("Cellular");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
okc_led_state_get_label (OkcLedState led)
{
  switch (led)
    {
    case OKC_LED_STATE_OFF:
      return _("Off");
    case OKC_LED_STATE_GREEN:
      return _("Solid green");
    case OKC_LED_STATE_GREEN_PULSING:
      return _("Pulsing green");
    case OKC_LED_STATE_BLUE:
      return _("Solid blue");
    case OKC_LED_STATE_AMBER:
      return _("Solid amber");
    case OKC_LED_STATE_RED:
      return _("Solid red");
    case OKC_LED_STATE_RED_BLINKING:
      return _("Blinking red");
    default:
      g_return_val_if_reached (NULL);
    }
}
