/* okc-charger-change.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "okc-charger-change.h"

#include "okc-charger.h"
#include "okc-connector.h"
#include "okc-error.h"
#include "okc-json.h"
#include <inttypes.h>

struct _OkcChargerChange
{
  GObject parent_instance;

  char *id;
  gint64 at;
  guint connector_id;
  int from;
  int to;
  OkcChargePointError error_code;
  char *info;
};

G_DEFINE_FINAL_TYPE (OkcChargerChange, okc_charger_change, G_TYPE_OBJECT)

static void
okc_charger_change_finalize (GObject *object)
{
  OkcChargerChange *self = OKC_CHARGER_CHANGE (object);

  g_free (self->id);
  g_free (self->info);

  G_OBJECT_CLASS (okc_charger_change_parent_class)->finalize (object);
}

static void
okc_charger_change_class_init (OkcChargerChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_charger_change_finalize;
}

static void
okc_charger_change_init (OkcChargerChange *self)
{
}

/* What @from and @to are: the charger's summary for connector 0, else a connector's. */
static GType
status_type (guint connector_id)
{
  return connector_id == 0 ? OKC_TYPE_CHARGER_STATUS : OKC_TYPE_CONNECTOR_STATUS;
}

/**
 * okc_charger_change_new:
 * @id: the change's id, such as "CHG-0000042"
 * @at: when it happened, seconds since the epoch
 * @connector_id: the connector, 0 for the charger itself
 * @from: the status before, an #OkcChargerStatus for connector 0, else an #OkcConnectorStatus
 * @to: the status after, likewise
 * @error_code: the connector's error code; %OKC_CHARGE_POINT_ERROR_NO_ERROR for connector 0
 * @info: (nullable): the vendor's words
 *
 * Returns: (transfer full): the change.
 */
OkcChargerChange *
okc_charger_change_new (const char          *id,
                        gint64               at,
                        guint                connector_id,
                        int                  from,
                        int                  to,
                        OkcChargePointError  error_code,
                        const char          *info)
{
  OkcChargerChange *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (connector_id != 0 || error_code == OKC_CHARGE_POINT_ERROR_NO_ERROR,
                        NULL);

  self = g_object_new (OKC_TYPE_CHARGER_CHANGE, NULL);
  self->id = g_strdup (id);
  self->at = at;
  self->connector_id = connector_id;
  self->from = from;
  self->to = to;
  self->error_code = error_code;
  self->info = g_strdup (info);
  return self;
}

/**
 * okc_charger_change_new_from_json:
 * @node: {"id", "at", "connector_id", "from", "to", "error_code", "info"}, every member
 *   present; "error_code" is null for connector 0 and an OCPP code otherwise, "info" may be
 *   null
 * @path: (nullable): where @node is, for errors
 *
 * Returns: (transfer full) (nullable): the change, or %NULL with an #OKC_DATA_ERROR.
 */
OkcChargerChange *
okc_charger_change_new_from_json (JsonNode    *node,
                                  const char  *path,
                                  GError     **error)
{
  const char *id = NULL, *info = NULL;
  gint64 at = 0, connector_id = 0;
  int from = 0, to = 0, error_code = OKC_CHARGE_POINT_ERROR_NO_ERROR;
  JsonObject *object;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_REQUIRED, &id, error) ||
      !okc_json_read_time (object, path, "at", OKC_JSON_REQUIRED, &at, error) ||
      !okc_json_read_int64 (object, path, "connector_id", OKC_JSON_REQUIRED, &connector_id,
                            error))
    return NULL;

  if (*id == '\0')
    {
      g_autofree char *member = okc_json_path_member (path, "id");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "a change id is not empty");
      return NULL;
    }
  if (connector_id < 0 || connector_id > G_MAXUINT16)
    {
      g_autofree char *member = okc_json_path_member (path, "connector_id");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "a connector is 0 (the charger) or numbered from 1, not %"
                          PRId64, connector_id);
      return NULL;
    }

  if (!okc_json_read_enum (object, path, "from", status_type (connector_id), OKC_JSON_REQUIRED,
                           &from, error) ||
      !okc_json_read_enum (object, path, "to", status_type (connector_id), OKC_JSON_REQUIRED,
                           &to, error) ||
      !okc_json_read_enum (object, path, "error_code", OKC_TYPE_CHARGE_POINT_ERROR,
                           connector_id == 0 ? OKC_JSON_NULLABLE : OKC_JSON_REQUIRED,
                           &error_code, error) ||
      !okc_json_read_string (object, path, "info", OKC_JSON_NULLABLE, &info, error))
    return NULL;

  /* The charger's own changes are online/offline/faulted: the code is its connectors'. */
  if (connector_id == 0 && !json_object_get_null_member (object, "error_code"))
    {
      g_autofree char *member = okc_json_path_member (path, "error_code");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "a change of the charger itself (connector 0) has no error code");
      return NULL;
    }

  return okc_charger_change_new (id, at, (guint) connector_id, from, to, error_code, info);
}

/**
 * okc_charger_change_to_json:
 *
 * Returns: (transfer full): the change as okc_charger_change_new_from_json() reads it.
 */
JsonNode *
okc_charger_change_to_json (OkcChargerChange *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  GType type;

  g_return_val_if_fail (OKC_IS_CHARGER_CHANGE (self), NULL);

  type = status_type (self->connector_id);
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->id);
  okc_json_builder_add_time (builder, "at", self->at);
  json_builder_set_member_name (builder, "connector_id");
  json_builder_add_int_value (builder, self->connector_id);
  okc_json_builder_add_string (builder, "from", okc_enum_to_nick (type, self->from));
  okc_json_builder_add_string (builder, "to", okc_enum_to_nick (type, self->to));
  okc_json_builder_add_string (builder, "error_code",
                               self->connector_id == 0
                                 ? NULL
                                 : okc_enum_to_nick (OKC_TYPE_CHARGE_POINT_ERROR,
                                                     self->error_code));
  okc_json_builder_add_string (builder, "info", self->info);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

const char *
okc_charger_change_get_id (OkcChargerChange *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_CHANGE (self), NULL);
  return self->id;
}

gint64
okc_charger_change_get_at (OkcChargerChange *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_CHANGE (self), 0);
  return self->at;
}

/**
 * okc_charger_change_get_connector_id:
 *
 * Returns: the connector, 0 for the charger itself.
 */
guint
okc_charger_change_get_connector_id (OkcChargerChange *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_CHANGE (self), 0);
  return self->connector_id;
}

/**
 * okc_charger_change_get_from:
 *
 * Returns: an #OkcChargerStatus for connector 0, else an #OkcConnectorStatus.
 */
int
okc_charger_change_get_from (OkcChargerChange *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_CHANGE (self), 0);
  return self->from;
}

/**
 * okc_charger_change_get_to:
 *
 * Returns: an #OkcChargerStatus for connector 0, else an #OkcConnectorStatus.
 */
int
okc_charger_change_get_to (OkcChargerChange *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_CHANGE (self), 0);
  return self->to;
}

OkcChargePointError
okc_charger_change_get_error_code (OkcChargerChange *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_CHANGE (self), OKC_CHARGE_POINT_ERROR_NO_ERROR);
  return self->error_code;
}

/**
 * okc_charger_change_get_info:
 *
 * Returns: (nullable): the vendor's words.
 */
const char *
okc_charger_change_get_info (OkcChargerChange *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_CHANGE (self), NULL);
  return self->info;
}

/**
 * okc_charger_change_describe:
 *
 * Returns: (transfer full): "Connector 1: Charging → Faulted (ground failure)",
 *   "Charger: Online → Offline", for the timeline.
 */
char *
okc_charger_change_describe (OkcChargerChange *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_CHANGE (self), NULL);

  if (self->connector_id == 0)
    /* Translators: a charger's status change, "Charger: Online → Offline" */
    return g_strdup_printf (_("Charger: %s → %s"), okc_charger_status_get_label (self->from),
                            okc_charger_status_get_label (self->to));

  if (self->error_code == OKC_CHARGE_POINT_ERROR_NO_ERROR)
    /* Translators: a connector's status change, "Connector 2: Preparing → Charging" */
    return g_strdup_printf (_("Connector %u: %s → %s"), self->connector_id,
                            okc_connector_status_get_label (self->from),
                            okc_connector_status_get_label (self->to));

  {
    g_autofree char *code = okc_charge_point_error_get_inline_label (self->error_code);
    /* Translators: a connector's status change with the error code the charger reported,
     * "Connector 1: Charging → Faulted (ground failure)" */
    return g_strdup_printf (_("Connector %u: %s → %s (%s)"), self->connector_id,
                            okc_connector_status_get_label (self->from),
                            okc_connector_status_get_label (self->to), code);
  }
}
