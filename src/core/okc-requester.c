/* okc-requester.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-requester.h"

#include <glib/gi18n-lib.h>

#include "okc-error.h"
#include "okc-json.h"
#include "okc-topic.h"

static gboolean
check_contact (const char  *path,
               const char  *member,
               const char  *value,
               gboolean   (*is_valid) (const char *),
               GError     **error)
{
  g_autofree char *member_path = NULL;

  if (value == NULL || is_valid (value))
    return TRUE;

  member_path = okc_json_path_member (path, member);
  okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member_path,
                      is_valid == okc_text_is_email ? N_("“%s” is not an email address")
                                                    : N_("“%s” is not a phone number"),
                      value);
  return FALSE;
}

/**
 * okc_requester_init_from_json:
 * @requester: (out caller-allocates): filled on success, untouched on failure
 *
 * Strictly reads a requester: a non-empty name, a valid email and/or phone, an audience.
 */
gboolean
okc_requester_init_from_json (OkcRequester  *requester,
                              JsonNode      *node,
                              const char    *path,
                              GError       **error)
{
  const char *name = NULL, *email = NULL, *phone = NULL;
  JsonObject *object;
  int audience = 0;

  g_return_val_if_fail (requester != NULL, FALSE);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, path, "is required");
      return FALSE;
    }
  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "name", OKC_JSON_REQUIRED, &name, error) ||
      !okc_json_read_string (object, path, "email", OKC_JSON_OPTIONAL, &email, error) ||
      !okc_json_read_string (object, path, "phone", OKC_JSON_OPTIONAL, &phone, error) ||
      !okc_json_read_enum (object, path, "audience", OKC_TYPE_AUDIENCE, OKC_JSON_REQUIRED,
                           &audience, error))
    return FALSE;

  if (*name == '\0')
    {
      g_autofree char *member_path = okc_json_path_member (path, "name");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member_path, "is empty");
      return FALSE;
    }
  if (!check_contact (path, "email", email, okc_text_is_email, error) ||
      !check_contact (path, "phone", phone, okc_text_is_phone, error))
    return FALSE;
  if (email == NULL && phone == NULL)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, path, "needs an email or a phone");
      return FALSE;
    }

  requester->name = g_strdup (name);
  requester->email = g_strdup (email);
  requester->phone = g_strdup (phone);
  requester->audience = audience;
  return TRUE;
}

JsonNode *
okc_requester_to_json (const OkcRequester *requester)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (requester != NULL, NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "name", requester->name);
  okc_json_builder_add_string (builder, "email", requester->email);
  okc_json_builder_add_string (builder, "phone", requester->phone);
  okc_json_builder_add_string (builder, "audience",
                               okc_enum_to_nick (OKC_TYPE_AUDIENCE, requester->audience));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
okc_requester_clear (OkcRequester *requester)
{
  g_clear_pointer (&requester->name, g_free);
  g_clear_pointer (&requester->email, g_free);
  g_clear_pointer (&requester->phone, g_free);
}
