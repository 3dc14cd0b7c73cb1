/* okc-user.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-user.h"

#include "okc-error.h"
#include "okc-json.h"
#include "okc-topic.h"

struct _OkcUser
{
  GObject parent_instance;

  char *id;
  char *name;
  char *email;
  OkcRole role;
};

G_DEFINE_FINAL_TYPE (OkcUser, okc_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_EMAIL,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
okc_user_finalize (GObject *object)
{
  OkcUser *self = OKC_USER (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->email);

  G_OBJECT_CLASS (okc_user_parent_class)->finalize (object);
}

static void
okc_user_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  OkcUser *self = OKC_USER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_user_class_init (OkcUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_user_finalize;
  object_class->get_property = okc_user_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL, OKC_TYPE_ROLE, OKC_ROLE_AGENT,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_user_init (OkcUser *self)
{
}

OkcUser *
okc_user_new (const char *id,
              const char *name,
              const char *email,
              OkcRole     role)
{
  OkcUser *self;

  g_return_val_if_fail (id != NULL && name != NULL && email != NULL, NULL);

  self = g_object_new (OKC_TYPE_USER, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->email = g_strdup (email);
  self->role = role;
  return self;
}

/**
 * okc_user_new_from_json:
 * @node: {"id", "name", "email", "role"}
 *
 * Returns: (transfer full) (nullable): the user, or %NULL with an #OKC_DATA_ERROR.
 */
OkcUser *
okc_user_new_from_json (JsonNode    *node,
                        const char  *path,
                        GError     **error)
{
  const char *id = NULL, *name = NULL, *email = NULL;
  JsonObject *object;
  int role = 0;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_REQUIRED, &id, error) ||
      !okc_json_read_string (object, path, "name", OKC_JSON_REQUIRED, &name, error) ||
      !okc_json_read_string (object, path, "email", OKC_JSON_REQUIRED, &email, error) ||
      !okc_json_read_enum (object, path, "role", OKC_TYPE_ROLE, OKC_JSON_REQUIRED, &role, error))
    return NULL;

  if (!okc_text_is_email (email))
    {
      g_autofree char *member = okc_json_path_member (path, "email");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "“%s” is not an email address",
                          email);
      return NULL;
    }

  return okc_user_new (id, name, email, role);
}

JsonNode *
okc_user_to_json (OkcUser *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_USER (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->id);
  okc_json_builder_add_string (builder, "name", self->name);
  okc_json_builder_add_string (builder, "email", self->email);
  okc_json_builder_add_string (builder, "role", okc_enum_to_nick (OKC_TYPE_ROLE, self->role));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

const char *
okc_user_get_id (OkcUser *self)
{
  g_return_val_if_fail (OKC_IS_USER (self), NULL);
  return self->id;
}

const char *
okc_user_get_name (OkcUser *self)
{
  g_return_val_if_fail (OKC_IS_USER (self), NULL);
  return self->name;
}

const char *
okc_user_get_email (OkcUser *self)
{
  g_return_val_if_fail (OKC_IS_USER (self), NULL);
  return self->email;
}

OkcRole
okc_user_get_role (OkcUser *self)
{
  g_return_val_if_fail (OKC_IS_USER (self), OKC_ROLE_AGENT);
  return self->role;
}
