/* okc-charger.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "okc-charger.h"

#include "okc-error.h"
#include "okc-json.h"
#include <inttypes.h>

struct _OkcCharger
{
  GObject parent_instance;

  char *id;
  char *serial;
  char *model;
  char *firmware;
  OkcChargerStatus status;
  gint64 last_heartbeat;
  char *property_id;
  char *property_name;
  char *unit_id;
  char *unit_name;
  OkcChargerPolicy access;

  gint64 status_since;
  guint heartbeat_interval;
  OkcNetworkKind network_kind;
  int network_signal;
  char *network_ssid;
  char *network_ip;
  OkcLedState led;
  GPtrArray *connectors;
};

G_DEFINE_FINAL_TYPE (OkcCharger, okc_charger, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATUS,
  PROP_LAST_HEARTBEAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
okc_charger_finalize (GObject *object)
{
  OkcCharger *self = OKC_CHARGER (object);

  g_free (self->id);
  g_free (self->serial);
  g_free (self->model);
  g_free (self->firmware);
  g_free (self->property_id);
  g_free (self->property_name);
  g_free (self->unit_id);
  g_free (self->unit_name);
  g_free (self->network_ssid);
  g_free (self->network_ip);
  g_clear_pointer (&self->connectors, g_ptr_array_unref);

  G_OBJECT_CLASS (okc_charger_parent_class)->finalize (object);
}

static void
okc_charger_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OkcCharger *self = OKC_CHARGER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_LAST_HEARTBEAT:
      g_value_set_int64 (value, self->last_heartbeat);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_charger_class_init (OkcChargerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_charger_finalize;
  object_class->get_property = okc_charger_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, OKC_TYPE_CHARGER_STATUS, OKC_CHARGER_STATUS_ONLINE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_HEARTBEAT] =
    g_param_spec_int64 ("last-heartbeat", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_charger_init (OkcCharger *self)
{
  self->heartbeat_interval = 60;
  self->network_kind = OKC_NETWORK_KIND_WIFI;
  self->network_signal = -1;
  self->led = OKC_LED_STATE_OFF;
  self->connectors = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * okc_charger_new:
 * @last_heartbeat: seconds since the epoch, 0 when the charger never sent one
 *
 * Returns: (transfer full): a charger linked to no property or unit.
 */
OkcCharger *
okc_charger_new (const char       *id,
                 const char       *serial,
                 const char       *model,
                 const char       *firmware,
                 OkcChargerStatus  status,
                 gint64            last_heartbeat,
                 OkcChargerPolicy  access)
{
  OkcCharger *self;

  g_return_val_if_fail (id != NULL && serial != NULL, NULL);
  g_return_val_if_fail (model != NULL && firmware != NULL, NULL);
  g_return_val_if_fail (last_heartbeat >= 0, NULL);

  self = g_object_new (OKC_TYPE_CHARGER, NULL);
  self->id = g_strdup (id);
  self->serial = g_strdup (serial);
  self->model = g_strdup (model);
  self->firmware = g_strdup (firmware);
  self->status = status;
  self->last_heartbeat = last_heartbeat;
  self->access = access;
  return self;
}

/**
 * okc_charger_set_property_ref:
 * @property_id: (nullable): the property's id, %NULL when the charger is unassigned
 * @property_name: (nullable): its name, required with @property_id
 *
 * Links the charger to a property, for builders of a new charger.
 */
void
okc_charger_set_property_ref (OkcCharger *self,
                              const char *property_id,
                              const char *property_name)
{
  g_return_if_fail (OKC_IS_CHARGER (self));
  g_return_if_fail ((property_id == NULL) == (property_name == NULL));

  g_free (self->property_id);
  g_free (self->property_name);
  self->property_id = g_strdup (property_id);
  self->property_name = g_strdup (property_name);
}

/**
 * okc_charger_set_unit_ref:
 * @unit_id: (nullable): the unit's id
 * @unit_name: (nullable): its name, required with @unit_id
 */
void
okc_charger_set_unit_ref (OkcCharger *self,
                          const char *unit_id,
                          const char *unit_name)
{
  g_return_if_fail (OKC_IS_CHARGER (self));
  g_return_if_fail ((unit_id == NULL) == (unit_name == NULL));

  g_free (self->unit_id);
  g_free (self->unit_name);
  self->unit_id = g_strdup (unit_id);
  self->unit_name = g_strdup (unit_name);
}

/* {"id", "name"} or null. */
static gboolean
read_ref (JsonObject  *object,
          const char  *path,
          const char  *member,
          const char **out_id,
          const char **out_name,
          GError     **error)
{
  g_autofree char *ref_path = okc_json_path_member (path, member);
  JsonObject *ref = NULL;

  if (!okc_json_read_object (object, path, member, OKC_JSON_OPTIONAL, &ref, error))
    return FALSE;
  if (ref == NULL)
    return TRUE;
  return okc_json_read_string (ref, ref_path, "id", OKC_JSON_REQUIRED, out_id, error) &&
         okc_json_read_string (ref, ref_path, "name", OKC_JSON_REQUIRED, out_name, error);
}

/* {"kind", "signal", "ssid", "ip"}, every member present: a signal only where there is a
 * radio, an SSID only on Wi-Fi. */
static gboolean
read_network (OkcCharger  *self,
              JsonObject  *object,
              const char  *path,
              GError     **error)
{
  g_autofree char *network_path = okc_json_path_member (path, "network");
  const char *ssid = NULL, *ip = NULL;
  JsonObject *network = NULL;
  gint64 signal = -1;
  int kind = 0;

  if (!okc_json_read_object (object, path, "network", OKC_JSON_REQUIRED, &network, error) ||
      !okc_json_read_enum (network, network_path, "kind", OKC_TYPE_NETWORK_KIND,
                           OKC_JSON_REQUIRED, &kind, error) ||
      !okc_json_read_int64 (network, network_path, "signal", OKC_JSON_NULLABLE, &signal,
                            error) ||
      !okc_json_read_string (network, network_path, "ssid", OKC_JSON_NULLABLE, &ssid, error) ||
      !okc_json_read_string (network, network_path, "ip", OKC_JSON_NULLABLE, &ip, error))
    return FALSE;

  if (signal != -1 && (signal < 0 || signal > 100 || kind == OKC_NETWORK_KIND_ETHERNET))
    {
      g_autofree char *member = okc_json_path_member (network_path, "signal");
      if (kind == OKC_NETWORK_KIND_ETHERNET)
        okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                            "an Ethernet connection has no signal strength: it is null");
      else
        okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                            "a signal is a percentage from 0 to 100, not %" PRId64,
                            signal);
      return FALSE;
    }
  if (ssid != NULL && kind != OKC_NETWORK_KIND_WIFI)
    {
      g_autofree char *member = okc_json_path_member (network_path, "ssid");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "only a Wi-Fi connection has an SSID");
      return FALSE;
    }

  okc_charger_set_network (self, kind, (int) signal, ssid, ip);
  return TRUE;
}

/* An array of Connector numbered 1, 2, … in order. */
static gboolean
read_connectors (OkcCharger  *self,
                 JsonObject  *object,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *array_path = okc_json_path_member (path, "connectors");
  JsonArray *array = NULL;
  guint length;

  if (!okc_json_read_array (object, path, "connectors", OKC_JSON_REQUIRED, &array, error))
    return FALSE;

  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      g_autofree char *element_path = okc_json_path_index (array_path, i);
      g_autoptr(OkcConnector) connector =
        okc_connector_new_from_json (json_array_get_element (array, i), element_path, error);

      if (connector == NULL)
        return FALSE;
      if (okc_connector_get_id (connector) != i + 1)
        {
          g_autofree char *member = okc_json_path_member (element_path, "id");
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                              "connectors are numbered 1, 2, … in order: expected %u, found %u",
                              i + 1, okc_connector_get_id (connector));
          return FALSE;
        }
      okc_charger_add_connector (self, connector);
    }
  return TRUE;
}

/**
 * okc_charger_new_from_json:
 * @node: {"id", "serial", "model", "firmware", "status", "status_since" (null when
 *   unknown), "last_heartbeat_at" (nullable), "heartbeat_interval", "property" ({"id",
 *   "name"} or null), "unit" (likewise), "access", "network", "led", "connectors"}, as
 *   docs/chargers.md shows it
 * @path: (nullable): where @node is, for errors
 *
 * Returns: (transfer full) (nullable): the charger, or %NULL with an #OKC_DATA_ERROR.
 */
OkcCharger *
okc_charger_new_from_json (JsonNode    *node,
                           const char  *path,
                           GError     **error)
{
  const char *id = NULL, *serial = NULL, *model = NULL, *firmware = NULL;
  const char *property_id = NULL, *property_name = NULL, *unit_id = NULL, *unit_name = NULL;
  g_autoptr(OkcCharger) self = NULL;
  gint64 last_heartbeat = 0, status_since = 0, heartbeat_interval = 0;
  JsonObject *object;
  int status = 0, access = 0, led = 0;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_REQUIRED, &id, error) ||
      !okc_json_read_string (object, path, "serial", OKC_JSON_REQUIRED, &serial, error) ||
      !okc_json_read_string (object, path, "model", OKC_JSON_REQUIRED, &model, error) ||
      !okc_json_read_string (object, path, "firmware", OKC_JSON_REQUIRED, &firmware, error) ||
      !okc_json_read_enum (object, path, "status", OKC_TYPE_CHARGER_STATUS, OKC_JSON_REQUIRED,
                           &status, error) ||
      !okc_json_read_time (object, path, "status_since", OKC_JSON_NULLABLE, &status_since,
                           error) ||
      !okc_json_read_time (object, path, "last_heartbeat_at", OKC_JSON_OPTIONAL,
                           &last_heartbeat, error) ||
      !okc_json_read_int64 (object, path, "heartbeat_interval", OKC_JSON_REQUIRED,
                            &heartbeat_interval, error) ||
      !read_ref (object, path, "property", &property_id, &property_name, error) ||
      !read_ref (object, path, "unit", &unit_id, &unit_name, error) ||
      !okc_json_read_enum (object, path, "access", OKC_TYPE_CHARGER_POLICY, OKC_JSON_REQUIRED,
                           &access, error) ||
      !okc_json_read_enum (object, path, "led", OKC_TYPE_LED_STATE, OKC_JSON_REQUIRED, &led,
                           error))
    return NULL;

  if (*id == '\0')
    {
      g_autofree char *member = okc_json_path_member (path, "id");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "a charger id is not empty");
      return NULL;
    }
  if (last_heartbeat < 0)
    {
      g_autofree char *member = okc_json_path_member (path, "last_heartbeat_at");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "a heartbeat is not before 1970");
      return NULL;
    }
  if (status_since < 0)
    {
      g_autofree char *member = okc_json_path_member (path, "status_since");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "a status change is not before 1970");
      return NULL;
    }
  /* OCPP's HeartbeatInterval; a day bounds what any charge point is configured with. */
  if (heartbeat_interval < 1 || heartbeat_interval > 86400)
    {
      g_autofree char *member = okc_json_path_member (path, "heartbeat_interval");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "a heartbeat interval is 1 to 86400 seconds, not %" PRId64,
                          heartbeat_interval);
      return NULL;
    }
  /* A unit belongs to a property: a unit without one is a broken answer. */
  if (unit_id != NULL && property_id == NULL)
    {
      g_autofree char *member = okc_json_path_member (path, "unit");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "a charger in a unit is also at that unit's property");
      return NULL;
    }

  self = okc_charger_new (id, serial, model, firmware, status, last_heartbeat, access);
  okc_charger_set_property_ref (self, property_id, property_name);
  okc_charger_set_unit_ref (self, unit_id, unit_name);
  okc_charger_set_status_since (self, status_since);
  okc_charger_set_heartbeat_interval (self, (guint) heartbeat_interval);
  okc_charger_set_led (self, led);
  if (!read_network (self, object, path, error) ||
      !read_connectors (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
add_ref (JsonBuilder *builder,
         const char  *member,
         const char  *id,
         const char  *name)
{
  json_builder_set_member_name (builder, member);
  if (id == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", id);
  okc_json_builder_add_string (builder, "name", name);
  json_builder_end_object (builder);
}

/**
 * okc_charger_to_json:
 *
 * Returns: (transfer full): the charger in the shape okc_charger_new_from_json() reads.
 */
JsonNode *
okc_charger_to_json (OkcCharger *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_CHARGER (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->id);
  okc_json_builder_add_string (builder, "serial", self->serial);
  okc_json_builder_add_string (builder, "model", self->model);
  okc_json_builder_add_string (builder, "firmware", self->firmware);
  okc_json_builder_add_string (builder, "status",
                               okc_enum_to_nick (OKC_TYPE_CHARGER_STATUS, self->status));
  if (self->status_since > 0)
    okc_json_builder_add_time (builder, "status_since", self->status_since);
  else
    okc_json_builder_add_string (builder, "status_since", NULL);
  if (self->last_heartbeat > 0)
    okc_json_builder_add_time (builder, "last_heartbeat_at", self->last_heartbeat);
  else
    {
      json_builder_set_member_name (builder, "last_heartbeat_at");
      json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "heartbeat_interval");
  json_builder_add_int_value (builder, self->heartbeat_interval);
  add_ref (builder, "property", self->property_id, self->property_name);
  add_ref (builder, "unit", self->unit_id, self->unit_name);
  okc_json_builder_add_string (builder, "access",
                               okc_enum_to_nick (OKC_TYPE_CHARGER_POLICY, self->access));

  json_builder_set_member_name (builder, "network");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "kind",
                               okc_enum_to_nick (OKC_TYPE_NETWORK_KIND, self->network_kind));
  json_builder_set_member_name (builder, "signal");
  if (self->network_signal >= 0)
    json_builder_add_int_value (builder, self->network_signal);
  else
    json_builder_add_null_value (builder);
  okc_json_builder_add_string (builder, "ssid", self->network_ssid);
  okc_json_builder_add_string (builder, "ip", self->network_ip);
  json_builder_end_object (builder);

  okc_json_builder_add_string (builder, "led", okc_enum_to_nick (OKC_TYPE_LED_STATE, self->led));
  json_builder_set_member_name (builder, "connectors");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->connectors->len; i++)
    json_builder_add_value (builder,
                            okc_connector_to_json (g_ptr_array_index (self->connectors, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

const char *
okc_charger_get_id (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), NULL);
  return self->id;
}

const char *
okc_charger_get_serial (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), NULL);
  return self->serial;
}

const char *
okc_charger_get_model (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), NULL);
  return self->model;
}

const char *
okc_charger_get_firmware (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), NULL);
  return self->firmware;
}

OkcChargerStatus
okc_charger_get_status (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), OKC_CHARGER_STATUS_OFFLINE);
  return self->status;
}

/**
 * okc_charger_get_last_heartbeat:
 *
 * Returns: seconds since the epoch, or 0 when the charger never sent a heartbeat.
 */
gint64
okc_charger_get_last_heartbeat (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), 0);
  return self->last_heartbeat;
}

/**
 * okc_charger_get_property_id:
 *
 * Returns: (nullable): the property's id, %NULL for a charger not assigned to one.
 */
const char *
okc_charger_get_property_id (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), NULL);
  return self->property_id;
}

/**
 * okc_charger_get_property_name:
 *
 * Returns: (nullable): the property's name.
 */
const char *
okc_charger_get_property_name (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), NULL);
  return self->property_name;
}

/**
 * okc_charger_get_unit_id:
 *
 * Returns: (nullable): the unit's id.
 */
const char *
okc_charger_get_unit_id (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), NULL);
  return self->unit_id;
}

/**
 * okc_charger_get_unit_name:
 *
 * Returns: (nullable): the unit's name.
 */
const char *
okc_charger_get_unit_name (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), NULL);
  return self->unit_name;
}

OkcChargerPolicy
okc_charger_get_access (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), OKC_CHARGER_POLICY_ACCESS_LIST);
  return self->access;
}

/**
 * okc_charger_set_last_heartbeat:
 * @last_heartbeat: seconds since the epoch
 *
 * Records a routine heartbeat, notifying #OkcCharger:last-heartbeat: the one change made
 * to a charger in place, since nothing else about it changes and the console's ages follow.
 */
void
okc_charger_set_last_heartbeat (OkcCharger *self,
                                gint64      last_heartbeat)
{
  g_return_if_fail (OKC_IS_CHARGER (self));
  g_return_if_fail (last_heartbeat >= 0);

  if (self->last_heartbeat == last_heartbeat)
    return;
  self->last_heartbeat = last_heartbeat;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_HEARTBEAT]);
}

/**
 * okc_charger_set_status_since:
 * @status_since: when the status last changed, seconds since the epoch, 0 if unknown
 */
void
okc_charger_set_status_since (OkcCharger *self,
                              gint64      status_since)
{
  g_return_if_fail (OKC_IS_CHARGER (self));
  g_return_if_fail (status_since >= 0);

  self->status_since = status_since;
}

/**
 * okc_charger_set_heartbeat_interval:
 * @seconds: OCPP's HeartbeatInterval, at least 1
 */
void
okc_charger_set_heartbeat_interval (OkcCharger *self,
                                    guint       seconds)
{
  g_return_if_fail (OKC_IS_CHARGER (self));
  g_return_if_fail (seconds >= 1);

  self->heartbeat_interval = seconds;
}

/**
 * okc_charger_set_network:
 * @signal: 0–100, or -1 when unknown or not applicable (Ethernet)
 * @ssid: (nullable): the Wi-Fi network's name
 * @ip: (nullable): the charger's address
 */
void
okc_charger_set_network (OkcCharger     *self,
                         OkcNetworkKind  kind,
                         int             signal,
                         const char     *ssid,
                         const char     *ip)
{
  g_return_if_fail (OKC_IS_CHARGER (self));
  g_return_if_fail (signal >= -1 && signal <= 100);

  self->network_kind = kind;
  self->network_signal = signal;
  g_free (self->network_ssid);
  self->network_ssid = g_strdup (ssid);
  g_free (self->network_ip);
  self->network_ip = g_strdup (ip);
}

void
okc_charger_set_led (OkcCharger  *self,
                     OkcLedState  led)
{
  g_return_if_fail (OKC_IS_CHARGER (self));

  self->led = led;
}

/**
 * okc_charger_add_connector:
 * @connector: (transfer none): the next connector, numbered one more than the last
 */
void
okc_charger_add_connector (OkcCharger   *self,
                           OkcConnector *connector)
{
  g_return_if_fail (OKC_IS_CHARGER (self));
  g_return_if_fail (OKC_IS_CONNECTOR (connector));

  g_ptr_array_add (self->connectors, g_object_ref (connector));
}

/**
 * okc_charger_get_status_since:
 *
 * Returns: when the status last changed, seconds since the epoch, 0 if unknown.
 */
gint64
okc_charger_get_status_since (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), 0);
  return self->status_since;
}

guint
okc_charger_get_heartbeat_interval (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), 0);
  return self->heartbeat_interval;
}

OkcNetworkKind
okc_charger_get_network_kind (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), OKC_NETWORK_KIND_WIFI);
  return self->network_kind;
}

/**
 * okc_charger_get_network_signal:
 *
 * Returns: the signal strength, 0–100, or -1 when unknown or not applicable.
 */
int
okc_charger_get_network_signal (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), -1);
  return self->network_signal;
}

/**
 * okc_charger_get_network_ssid:
 *
 * Returns: (nullable): the Wi-Fi network's name.
 */
const char *
okc_charger_get_network_ssid (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), NULL);
  return self->network_ssid;
}

/**
 * okc_charger_get_network_ip:
 *
 * Returns: (nullable): the charger's address.
 */
const char *
okc_charger_get_network_ip (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), NULL);
  return self->network_ip;
}

OkcLedState
okc_charger_get_led (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), OKC_LED_STATE_OFF);
  return self->led;
}

/**
 * okc_charger_get_connectors:
 *
 * Returns: (transfer none) (element-type OkcConnector): the connectors, in order.
 */
GPtrArray *
okc_charger_get_connectors (OkcCharger *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), NULL);
  return self->connectors;
}

/**
 * okc_charger_get_connector:
 * @id: a connector number
 *
 * Returns: (transfer none) (nullable): the connector numbered @id.
 */
OkcConnector *
okc_charger_get_connector (OkcCharger *self,
                           guint       id)
{
  g_return_val_if_fail (OKC_IS_CHARGER (self), NULL);

  for (guint i = 0; i < self->connectors->len; i++)
    {
      OkcConnector *connector = g_ptr_array_index (self->connectors, i);

      if (okc_connector_get_id (connector) == id)
        return connector;
    }
  return NULL;
}

const char *
okc_charger_status_get_label (OkcChargerStatus status)
{
  switch (status)
    {
    case OKC_CHARGER_STATUS_ONLINE:
      return _("Online");
    case OKC_CHARGER_STATUS_OFFLINE:
      return _("Offline");
    case OKC_CHARGER_STATUS_FAULTED:
      return _("Faulted");
    default:
      g_return_val_if_reached (NULL);
    }
}
