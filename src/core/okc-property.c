/* okc-property.c — a property (a rental or a residence), its units, its chargers and its
 * PMS integration
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "okc-property.h"

#include "okc-error.h"
#include "okc-json.h"

struct _OkcProperty
{
  GObject parent_instance;

  /* Every string of the property, its units and chargers: they live as long as it. */
  GStringChunk *strings;
  const char *id;
  const char *name;
  const char *kind;
  const char *address;
  const char *city;
  const char *state;
  const char *postal_code;
  const char *timezone;
  const char *host_id;
  const char *host_name;
  const char *host_email;
  guint n_chargers;
  guint n_units;
  OkcPmsIntegration pms;
  GArray *units;              /* OkcPropertyUnit; NULL when the answer had no members */
  GArray *chargers;           /* OkcPropertyCharger */
};

G_DEFINE_FINAL_TYPE (OkcProperty, okc_property, G_TYPE_OBJECT)

static void
okc_property_finalize (GObject *object)
{
  OkcProperty *self = OKC_PROPERTY (object);

  g_clear_pointer (&self->units, g_array_unref);
  g_clear_pointer (&self->chargers, g_array_unref);
  g_string_chunk_free (self->strings);

  G_OBJECT_CLASS (okc_property_parent_class)->finalize (object);
}

static void
okc_property_class_init (OkcPropertyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_property_finalize;
}

static void
okc_property_init (OkcProperty *self)
{
  self->strings = g_string_chunk_new (256);
}

static const char *
keep (OkcProperty *self,
      const char  *text)
{
  return text == NULL ? NULL : g_string_chunk_insert_const (self->strings, text);
}

static gboolean
read_count (JsonObject  *object,
            const char  *path,
            const char  *member,
            guint       *out,
            GError     **error)
{
  g_autofree char *where = NULL;
  gint64 value = 0;

  if (!okc_json_read_int64 (object, path, member, OKC_JSON_REQUIRED, &value, error))
    return FALSE;
  if (value >= 0 && value <= G_MAXUINT)
    {
      *out = (guint) value;
      return TRUE;
    }
  where = okc_json_path_member (path, member);
  okc_data_error_set (error, OKC_DATA_ERROR_INVALID, where, "a count cannot be negative");
  return FALSE;
}

static gboolean
read_host (OkcProperty  *self,
           JsonObject   *object,
           const char   *path,
           GError      **error)
{
  g_autofree char *host_path = okc_json_path_member (path, "host");
  const char *id = NULL, *name = NULL, *email = NULL;
  JsonObject *host = NULL;

  if (!okc_json_read_object (object, path, "host", OKC_JSON_REQUIRED, &host, error) ||
      !okc_json_read_string (host, host_path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !okc_json_read_string (host, host_path, "name", OKC_JSON_REQUIRED, &name, error) ||
      !okc_json_read_string (host, host_path, "email", OKC_JSON_NOT_EMPTY, &email, error))
    return FALSE;
  self->host_id = keep (self, id);
  self->host_name = keep (self, name);
  self->host_email = keep (self, email);
  return TRUE;
}

/* A failing integration says why; a property without a PMS cannot be connected to one. */
static gboolean
read_pms (OkcProperty  *self,
          JsonObject   *object,
          const char   *path,
          GError      **error)
{
  g_autofree char *pms_path = okc_json_path_member (path, "pms");
  OkcPmsIntegration *pms = &self->pms;
  const char *last_error = NULL;
  JsonObject *member = NULL;
  int provider = 0, state = 0;

  if (!okc_json_read_object (object, path, "pms", OKC_JSON_REQUIRED, &member, error) ||
      !okc_json_read_enum (member, pms_path, "provider", OKC_TYPE_PMS_PROVIDER, OKC_JSON_REQUIRED,
                           &provider, error) ||
      !okc_json_read_boolean (member, pms_path, "connected", OKC_JSON_REQUIRED, &pms->connected,
                              error) ||
      !okc_json_read_enum (member, pms_path, "sync_state", OKC_TYPE_PMS_SYNC_STATE,
                           OKC_JSON_REQUIRED, &state, error) ||
      !okc_json_read_time (member, pms_path, "last_sync_at", OKC_JSON_NULLABLE,
                           &pms->last_sync_at, error) ||
      !okc_json_read_string (member, pms_path, "last_error",
                             OKC_JSON_NULLABLE | OKC_JSON_NOT_EMPTY, &last_error, error))
    return FALSE;
  pms->provider = provider;
  pms->sync_state = state;
  pms->last_error = keep (self, last_error);

  if (provider == OKC_PMS_PROVIDER_NONE && pms->connected)
    {
      g_autofree char *where = okc_json_path_member (pms_path, "connected");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, where,
                          "a property without a PMS cannot be connected to one");
      return FALSE;
    }
  if (state == OKC_PMS_SYNC_STATE_FAILING && last_error == NULL)
    {
      g_autofree char *where = okc_json_path_member (pms_path, "last_error");
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, where,
                          "a failing integration must say why");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_unit (OkcProperty  *self,
           JsonNode     *node,
           const char   *path,
           GError      **error)
{
  JsonObject *object = okc_json_node_get_object (node, path, error);
  const char *id = NULL, *name = NULL;
  OkcPropertyUnit unit = { NULL };

  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !okc_json_read_string (object, path, "name", OKC_JSON_NOT_EMPTY, &name, error) ||
      !read_count (object, path, "n_chargers", &unit.n_chargers, error))
    return FALSE;
  unit.id = keep (self, id);
  unit.name = keep (self, name);
  g_array_append_val (self->units, unit);
  return TRUE;
}

static gboolean
read_charger (OkcProperty  *self,
              JsonNode     *node,
              const char   *path,
              GError      **error)
{
  JsonObject *object = okc_json_node_get_object (node, path, error);
  const char *id = NULL, *serial = NULL, *model = NULL, *unit_id = NULL, *unit_name = NULL;
  OkcPropertyCharger charger = { NULL };
  int status = 0;

  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !okc_json_read_string (object, path, "serial", OKC_JSON_NOT_EMPTY, &serial, error) ||
      !okc_json_read_string (object, path, "model", OKC_JSON_REQUIRED, &model, error) ||
      !okc_json_read_enum (object, path, "status", OKC_TYPE_CHARGER_STATUS, OKC_JSON_REQUIRED,
                           &status, error) ||
      !okc_json_read_time (object, path, "last_heartbeat_at", OKC_JSON_NULLABLE,
                           &charger.last_heartbeat_at, error) ||
      !okc_json_read_string (object, path, "unit_id", OKC_JSON_NULLABLE | OKC_JSON_NOT_EMPTY,
                             &unit_id, error) ||
      !okc_json_read_string (object, path, "unit_name", OKC_JSON_NULLABLE, &unit_name, error))
    return FALSE;
  charger.id = keep (self, id);
  charger.serial = keep (self, serial);
  charger.model = keep (self, model);
  charger.status = status;
  charger.unit_id = keep (self, unit_id);
  charger.unit_name = keep (self, unit_name);
  g_array_append_val (self->chargers, charger);
  return TRUE;
}

typedef gboolean (*ReadElement) (OkcProperty *self, JsonNode *node, const char *path,
                                 GError **error);

static gboolean
read_list (OkcProperty  *self,
           JsonArray    *array,
           const char   *path,
           const char   *member,
           ReadElement   read,
           GError      **error)
{
  g_autofree char *list_path = okc_json_path_member (path, member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = okc_json_path_index (list_path, i);

      if (!read (self, json_array_get_element (array, i), element_path, error))
        return FALSE;
    }
  return TRUE;
}

/* `units` and `chargers` come together (GET /v1/properties/{id}) or not at all (lists). */
static gboolean
read_members (OkcProperty  *self,
              JsonObject   *object,
              const char   *path,
              GError      **error)
{
  JsonArray *units = NULL, *chargers = NULL;

  if (!okc_json_read_array (object, path, "units", OKC_JSON_OPTIONAL, &units, error) ||
      !okc_json_read_array (object, path, "chargers", OKC_JSON_OPTIONAL, &chargers, error))
    return FALSE;
  if ((units == NULL) != (chargers == NULL))
    {
      g_autofree char *where = okc_json_path_member (path, units == NULL ? "units" : "chargers");
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, where,
                          "units and chargers come together");
      return FALSE;
    }
  if (units == NULL)
    return TRUE;
  self->units = g_array_new (FALSE, TRUE, sizeof (OkcPropertyUnit));
  self->chargers = g_array_new (FALSE, TRUE, sizeof (OkcPropertyCharger));
  return read_list (self, units, path, "units", read_unit, error) &&
         read_list (self, chargers, path, "chargers", read_charger, error);
}

/**
 * okc_property_new_from_json:
 * @node: the Property of docs/actions.md: {"id", "name", "kind", "address", "city",
 *   "state", "postal_code", "timezone", "host": {"id", "name", "email"}, "n_chargers",
 *   "n_units", "pms": PmsIntegration}, with "units" and "chargers" on its own page
 * @path: (nullable): where @node is, for errors
 *
 * Returns: (transfer full) (nullable): the property, or %NULL with an #OKC_DATA_ERROR.
 */
OkcProperty *
okc_property_new_from_json (JsonNode    *node,
                            const char  *path,
                            GError     **error)
{
  static const char * const texts[] = {
    "id", "name", "kind", "address", "city", "state", "postal_code", "timezone",
  };
  g_autoptr(OkcProperty) self = g_object_new (OKC_TYPE_PROPERTY, NULL);
  const char **fields[] = {
    &self->id, &self->name, &self->kind, &self->address, &self->city, &self->state,
    &self->postal_code, &self->timezone,
  };
  JsonObject *object = okc_json_node_get_object (node, path, error);

  if (object == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char *value = NULL;

      if (!okc_json_read_string (object, path, texts[i], OKC_JSON_NOT_EMPTY, &value, error))
        return NULL;
      *fields[i] = keep (self, value);
    }
  if (!read_host (self, object, path, error) ||
      !read_count (object, path, "n_chargers", &self->n_chargers, error) ||
      !read_count (object, path, "n_units", &self->n_units, error) ||
      !read_pms (self, object, path, error) || !read_members (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
add_time_or_null (JsonBuilder *builder,
                  const char  *member,
                  gint64       unix_time)
{
  if (unix_time != 0)
    okc_json_builder_add_time (builder, member, unix_time);
  else
    okc_json_builder_add_string (builder, member, NULL);
}

static void
add_members (OkcProperty *self,
             JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "units");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->units->len; i++)
    {
      const OkcPropertyUnit *unit = &g_array_index (self->units, OkcPropertyUnit, i);

      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", unit->id);
      okc_json_builder_add_string (builder, "name", unit->name);
      json_builder_set_member_name (builder, "n_chargers");
      json_builder_add_int_value (builder, unit->n_chargers);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "chargers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->chargers->len; i++)
    {
      const OkcPropertyCharger *c = &g_array_index (self->chargers, OkcPropertyCharger, i);

      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", c->id);
      okc_json_builder_add_string (builder, "serial", c->serial);
      okc_json_builder_add_string (builder, "model", c->model);
      okc_json_builder_add_string (builder, "status",
                                   okc_enum_to_nick (OKC_TYPE_CHARGER_STATUS, c->status));
      add_time_or_null (builder, "last_heartbeat_at", c->last_heartbeat_at);
      okc_json_builder_add_string (builder, "unit_id", c->unit_id);
      okc_json_builder_add_string (builder, "unit_name", c->unit_name);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * okc_property_to_json:
 *
 * Returns: (transfer full): the property in the shape okc_property_new_from_json() reads.
 */
JsonNode *
okc_property_to_json (OkcProperty *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  const char *texts[] = {
    "id", self->id, "name", self->name, "kind", self->kind, "address", self->address,
    "city", self->city, "state", self->state, "postal_code", self->postal_code,
    "timezone", self->timezone,
  };

  g_return_val_if_fail (OKC_IS_PROPERTY (self), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i += 2)
    okc_json_builder_add_string (builder, texts[i], texts[i + 1]);
  json_builder_set_member_name (builder, "host");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->host_id);
  okc_json_builder_add_string (builder, "name", self->host_name);
  okc_json_builder_add_string (builder, "email", self->host_email);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "n_chargers");
  json_builder_add_int_value (builder, self->n_chargers);
  json_builder_set_member_name (builder, "n_units");
  json_builder_add_int_value (builder, self->n_units);

  json_builder_set_member_name (builder, "pms");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "provider",
                               okc_enum_to_nick (OKC_TYPE_PMS_PROVIDER, self->pms.provider));
  json_builder_set_member_name (builder, "connected");
  json_builder_add_boolean_value (builder, self->pms.connected);
  okc_json_builder_add_string (builder, "sync_state",
                               okc_enum_to_nick (OKC_TYPE_PMS_SYNC_STATE, self->pms.sync_state));
  add_time_or_null (builder, "last_sync_at", self->pms.last_sync_at);
  okc_json_builder_add_string (builder, "last_error", self->pms.last_error);
  json_builder_end_object (builder);

  if (self->units != NULL)
    add_members (self, builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

#define GETTER(type, name, fallback) \
  type \
  okc_property_get_##name (OkcProperty *self) \
  { \
    g_return_val_if_fail (OKC_IS_PROPERTY (self), fallback); \
    return self->name; \
  }

GETTER (const char *, id, NULL)
GETTER (const char *, name, NULL)
GETTER (const char *, kind, NULL)
GETTER (const char *, address, NULL)
GETTER (const char *, city, NULL)
GETTER (const char *, state, NULL)
GETTER (const char *, postal_code, NULL)
GETTER (const char *, timezone, NULL)
GETTER (const char *, host_id, NULL)
GETTER (const char *, host_name, NULL)
GETTER (const char *, host_email, NULL)
GETTER (guint, n_chargers, 0)
GETTER (guint, n_units, 0)

const OkcPmsIntegration *
okc_property_get_pms (OkcProperty *self)
{
  g_return_val_if_fail (OKC_IS_PROPERTY (self), NULL);
  return &self->pms;
}

/**
 * okc_property_format_address:
 *
 * Returns: (transfer full): "2829 Willow Dr, Napa, CA 94561"
 */
char *
okc_property_format_address (OkcProperty *self)
{
  g_return_val_if_fail (OKC_IS_PROPERTY (self), NULL);
  /* Translators: a street address, the city, the state and the postal code */
  return g_strdup_printf (_("%s, %s, %s %s"), self->address, self->city, self->state,
                          self->postal_code);
}

/* Whether the property came with its units and chargers (its own page). */
gboolean
okc_property_has_members (OkcProperty *self)
{
  g_return_val_if_fail (OKC_IS_PROPERTY (self), FALSE);
  return self->units != NULL;
}

guint
okc_property_get_n_listed_units (OkcProperty *self)
{
  g_return_val_if_fail (OKC_IS_PROPERTY (self), 0);
  return self->units != NULL ? self->units->len : 0;
}

const OkcPropertyUnit *
okc_property_get_unit (OkcProperty *self,
                       guint        index)
{
  g_return_val_if_fail (OKC_IS_PROPERTY (self), NULL);
  g_return_val_if_fail (index < okc_property_get_n_listed_units (self), NULL);
  return &g_array_index (self->units, OkcPropertyUnit, index);
}

guint
okc_property_get_n_listed_chargers (OkcProperty *self)
{
  g_return_val_if_fail (OKC_IS_PROPERTY (self), 0);
  return self->chargers != NULL ? self->chargers->len : 0;
}

const OkcPropertyCharger *
okc_property_get_charger (OkcProperty *self,
                          guint        index)
{
  g_return_val_if_fail (OKC_IS_PROPERTY (self), NULL);
  g_return_val_if_fail (index < okc_property_get_n_listed_chargers (self), NULL);
  return &g_array_index (self->chargers, OkcPropertyCharger, index);
}

const char *
okc_pms_provider_get_label (OkcPmsProvider provider)
{
  switch (provider)
    {
    case OKC_PMS_PROVIDER_NONE:
      return _("No PMS");
    case OKC_PMS_PROVIDER_GUESTY:
      return "Guesty";
    case OKC_PMS_PROVIDER_HOSPITABLE:
      return "Hospitable";
    case OKC_PMS_PROVIDER_TRACK:
      return "Track";
    case OKC_PMS_PROVIDER_OTHER:
      return _("Another PMS");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
okc_pms_sync_state_get_label (OkcPmsSyncState state)
{
  switch (state)
    {
    case OKC_PMS_SYNC_STATE_NEVER_SYNCED:
      return _("Never synced");
    case OKC_PMS_SYNC_STATE_OK:
      return _("In sync");
    case OKC_PMS_SYNC_STATE_FAILING:
      return _("Failing");
    default:
      g_return_val_if_reached (NULL);
    }
}
