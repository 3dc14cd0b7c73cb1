/* okc-charger-access.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "okc-charger-access.h"

#include "okc-error.h"
#include "okc-json.h"
#include "okc-topic.h"

struct _OkcChargerAccess
{
  GObject parent_instance;

  char *charger_id;
  OkcAccessReason reason;
  char *account_id;
  char *account_name;
  char *account_email;
  OkcAccessGrant *grant;
};

G_DEFINE_FINAL_TYPE (OkcChargerAccess, okc_charger_access, G_TYPE_OBJECT)

static void
okc_charger_access_finalize (GObject *object)
{
  OkcChargerAccess *self = OKC_CHARGER_ACCESS (object);

  g_free (self->charger_id);
  g_free (self->account_id);
  g_free (self->account_name);
  g_free (self->account_email);
  g_clear_object (&self->grant);

  G_OBJECT_CLASS (okc_charger_access_parent_class)->finalize (object);
}

static void
okc_charger_access_class_init (OkcChargerAccessClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_charger_access_finalize;
}

static void
okc_charger_access_init (OkcChargerAccess *self)
{
}

/**
 * okc_access_reason_allows:
 *
 * Returns: whether an account with this verdict may charge.
 */
gboolean
okc_access_reason_allows (OkcAccessReason reason)
{
  return reason == OKC_ACCESS_REASON_PUBLIC || reason == OKC_ACCESS_REASON_LISTED ||
         reason == OKC_ACCESS_REASON_BOOKING;
}

/**
 * okc_charger_policy_get_label:
 *
 * Returns: (transfer none): the policy as the console names it, translated.
 */
const char *
okc_charger_policy_get_label (OkcChargerPolicy policy)
{
  switch (policy)
    {
    case OKC_CHARGER_POLICY_PUBLIC:
      return _("Public");
    case OKC_CHARGER_POLICY_RESIDENTS_GUESTS:
      return _("Residents and guests");
    case OKC_CHARGER_POLICY_ACCESS_LIST:
      return _("Access list only");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * okc_access_reason_get_explanation:
 *
 * Returns: (transfer none): the verdict in one translated sentence.
 */
const char *
okc_access_reason_get_explanation (OkcAccessReason reason)
{
  switch (reason)
    {
    case OKC_ACCESS_REASON_PUBLIC:
      return _("The charger is public");
    case OKC_ACCESS_REASON_LISTED:
      return _("On the charger’s access list");
    case OKC_ACCESS_REASON_NOT_LISTED:
      return _("Not on the charger’s access list");
    case OKC_ACCESS_REASON_NO_ACCOUNT:
      return _("No OK2Charge account with this email or phone");
    case OKC_ACCESS_REASON_BOOKING:
      return _("A guest whose booking at the property covers today");
    case OKC_ACCESS_REASON_NOT_YET_VALID:
      return _("On the access list, but only from a later date");
    case OKC_ACCESS_REASON_EXPIRED:
      return _("On the access list, but those dates have passed");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * okc_charger_access_new:
 * @account_id: (nullable): the account, %NULL exactly when @reason is
 *   %OKC_ACCESS_REASON_NO_ACCOUNT
 * @account_name: (nullable): its name
 * @account_email: (nullable): its email
 *
 * Returns: (transfer full): the verdict.
 */
OkcChargerAccess *
okc_charger_access_new (const char      *charger_id,
                        OkcAccessReason  reason,
                        const char      *account_id,
                        const char      *account_name,
                        const char      *account_email)
{
  OkcChargerAccess *self;

  g_return_val_if_fail (charger_id != NULL, NULL);
  g_return_val_if_fail ((account_id == NULL) == (reason == OKC_ACCESS_REASON_NO_ACCOUNT), NULL);
  g_return_val_if_fail ((account_id == NULL) == (account_name == NULL), NULL);
  g_return_val_if_fail ((account_id == NULL) == (account_email == NULL), NULL);

  self = g_object_new (OKC_TYPE_CHARGER_ACCESS, NULL);
  self->charger_id = g_strdup (charger_id);
  self->reason = reason;
  self->account_id = g_strdup (account_id);
  self->account_name = g_strdup (account_name);
  self->account_email = g_strdup (account_email);
  return self;
}

/**
 * okc_charger_access_new_from_json:
 * @node: {"charger_id", "account" ({"id", "name", "email"}, null when there is no such
 *   account), "allowed", "reason", "grant" (an AccessGrant, null or absent when the
 *   account has none)}
 * @path: (nullable): where @node is, for errors
 *
 * "allowed" must agree with "reason", and "account" is null exactly for "no_account".
 *
 * Returns: (transfer full) (nullable): the verdict, or %NULL with an #OKC_DATA_ERROR.
 */
OkcChargerAccess *
okc_charger_access_new_from_json (JsonNode    *node,
                                  const char  *path,
                                  GError     **error)
{
  const char *charger_id = NULL, *id = NULL, *name = NULL, *email = NULL;
  g_autofree char *account_path = okc_json_path_member (path, "account");
  JsonObject *object, *account = NULL;
  g_autoptr(OkcAccessGrant) grant = NULL;
  OkcChargerAccess *self;
  gboolean allowed = FALSE;
  int reason = 0;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "charger_id", OKC_JSON_REQUIRED, &charger_id, error) ||
      !okc_json_read_object (object, path, "account", OKC_JSON_OPTIONAL, &account, error) ||
      !okc_json_read_boolean (object, path, "allowed", OKC_JSON_REQUIRED, &allowed, error) ||
      !okc_json_read_enum (object, path, "reason", OKC_TYPE_ACCESS_REASON, OKC_JSON_REQUIRED,
                           &reason, error))
    return NULL;

  if (account != NULL &&
      (!okc_json_read_string (account, account_path, "id", OKC_JSON_REQUIRED, &id, error) ||
       !okc_json_read_string (account, account_path, "name", OKC_JSON_REQUIRED, &name, error) ||
       !okc_json_read_string (account, account_path, "email", OKC_JSON_REQUIRED, &email, error)))
    return NULL;

  if (email != NULL && !okc_text_is_email (email))
    {
      g_autofree char *member = okc_json_path_member (account_path, "email");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "“%s” is not an email address",
                          email);
      return NULL;
    }
  if ((account == NULL) != (reason == OKC_ACCESS_REASON_NO_ACCOUNT))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, account_path,
                          account == NULL ? "an account is required unless the reason is "
                                            "“no_account”"
                                          : N_("no account goes with the reason “no_account”"));
      return NULL;
    }
  if (allowed != okc_access_reason_allows (reason))
    {
      g_autofree char *member = okc_json_path_member (path, "allowed");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "%s contradicts the reason “%s”", allowed ? "true" : "false",
                          okc_enum_to_nick (OKC_TYPE_ACCESS_REASON, reason));
      return NULL;
    }

  if (json_object_has_member (object, "grant") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "grant")))
    {
      g_autofree char *grant_path = okc_json_path_member (path, "grant");

      grant = okc_access_grant_new_from_json (json_object_get_member (object, "grant"),
                                              grant_path, error);
      if (grant == NULL)
        return NULL;
      if (g_strcmp0 (okc_access_grant_get_account_id (grant), id) != 0)
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, grant_path,
                              "the grant is not the account’s");
          return NULL;
        }
    }

  self = okc_charger_access_new (charger_id, reason, id, name, email);
  okc_charger_access_set_grant (self, grant);
  return self;
}

/**
 * okc_charger_access_to_json:
 *
 * Returns: (transfer full): the verdict in the shape okc_charger_access_new_from_json() reads.
 */
JsonNode *
okc_charger_access_to_json (OkcChargerAccess *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_CHARGER_ACCESS (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "charger_id", self->charger_id);
  json_builder_set_member_name (builder, "account");
  if (self->account_id == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", self->account_id);
      okc_json_builder_add_string (builder, "name", self->account_name);
      okc_json_builder_add_string (builder, "email", self->account_email);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "allowed");
  json_builder_add_boolean_value (builder, okc_access_reason_allows (self->reason));
  okc_json_builder_add_string (builder, "reason",
                               okc_enum_to_nick (OKC_TYPE_ACCESS_REASON, self->reason));
  json_builder_set_member_name (builder, "grant");
  if (self->grant != NULL)
    json_builder_add_value (builder, okc_access_grant_to_json (self->grant));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

const char *
okc_charger_access_get_charger_id (OkcChargerAccess *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_ACCESS (self), NULL);
  return self->charger_id;
}

OkcAccessReason
okc_charger_access_get_reason (OkcChargerAccess *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_ACCESS (self), OKC_ACCESS_REASON_NO_ACCOUNT);
  return self->reason;
}

gboolean
okc_charger_access_get_allowed (OkcChargerAccess *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_ACCESS (self), FALSE);
  return okc_access_reason_allows (self->reason);
}

/**
 * okc_charger_access_get_account_id:
 *
 * Returns: (nullable): the account's id, %NULL when no account matched.
 */
const char *
okc_charger_access_get_account_id (OkcChargerAccess *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_ACCESS (self), NULL);
  return self->account_id;
}

/**
 * okc_charger_access_get_account_name:
 *
 * Returns: (nullable): the account holder's name.
 */
const char *
okc_charger_access_get_account_name (OkcChargerAccess *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_ACCESS (self), NULL);
  return self->account_name;
}

/**
 * okc_charger_access_get_account_email:
 *
 * Returns: (nullable): the account's email.
 */
const char *
okc_charger_access_get_account_email (OkcChargerAccess *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_ACCESS (self), NULL);
  return self->account_email;
}

/**
 * okc_charger_access_get_explanation:
 *
 * Returns: (transfer none): why the account may or may not charge, in one sentence.
 */
const char *
okc_charger_access_get_explanation (OkcChargerAccess *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_ACCESS (self), NULL);
  return okc_access_reason_get_explanation (self->reason);
}

/**
 * okc_charger_access_set_grant:
 * @grant: (nullable): the account's entry on the access list, whatever its dates
 */
void
okc_charger_access_set_grant (OkcChargerAccess *self,
                              OkcAccessGrant   *grant)
{
  g_return_if_fail (OKC_IS_CHARGER_ACCESS (self));
  g_return_if_fail (grant == NULL || OKC_IS_ACCESS_GRANT (grant));
  g_set_object (&self->grant, grant);
}

/**
 * okc_charger_access_get_grant:
 *
 * Returns: (transfer none) (nullable): the account's entry on the access list.
 */
OkcAccessGrant *
okc_charger_access_get_grant (OkcChargerAccess *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_ACCESS (self), NULL);
  return self->grant;
}
