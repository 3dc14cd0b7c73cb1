/* okc-access-grant.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include "okc-access-grant.h"

#include "okc-error.h"
#include "okc-json.h"
#include "okc-topic.h"

/* Dates are seconds since the epoch, 0 for none: no grant begins or ends in 1970. */
struct _OkcAccessGrant
{
  GObject parent_instance;

  char *charger_id;
  char *account_id;
  char *account_name;
  char *account_email;
  gint64 valid_from;
  gint64 valid_to;
  char *booking_id;
  char *granted_by_id;
  char *granted_by_name;
  gint64 granted_at;
  char *ticket_id;
};

G_DEFINE_FINAL_TYPE (OkcAccessGrant, okc_access_grant, G_TYPE_OBJECT)

static void
okc_access_grant_finalize (GObject *object)
{
  OkcAccessGrant *self = OKC_ACCESS_GRANT (object);

  g_free (self->charger_id);
  g_free (self->account_id);
  g_free (self->account_name);
  g_free (self->account_email);
  g_free (self->booking_id);
  g_free (self->granted_by_id);
  g_free (self->granted_by_name);
  g_free (self->ticket_id);

  G_OBJECT_CLASS (okc_access_grant_parent_class)->finalize (object);
}

static void
okc_access_grant_class_init (OkcAccessGrantClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_access_grant_finalize;
}

static void
okc_access_grant_init (OkcAccessGrant *self)
{
}

/**
 * okc_access_grant_new:
 *
 * Returns: (transfer full): a grant without dates (always valid), booking or granter.
 */
OkcAccessGrant *
okc_access_grant_new (const char *charger_id,
                      const char *account_id,
                      const char *account_name,
                      const char *account_email)
{
  OkcAccessGrant *self;

  g_return_val_if_fail (charger_id != NULL && account_id != NULL, NULL);
  g_return_val_if_fail (account_name != NULL && account_email != NULL, NULL);

  self = g_object_new (OKC_TYPE_ACCESS_GRANT, NULL);
  self->charger_id = g_strdup (charger_id);
  self->account_id = g_strdup (account_id);
  self->account_name = g_strdup (account_name);
  self->account_email = g_strdup (account_email);
  return self;
}

/**
 * okc_access_grant_set_dates:
 * @valid_from: the first second it lets the account in, 0 for no start
 * @valid_to: the first second it no longer does, 0 for no end
 */
void
okc_access_grant_set_dates (OkcAccessGrant *self,
                            gint64          valid_from,
                            gint64          valid_to)
{
  g_return_if_fail (OKC_IS_ACCESS_GRANT (self));
  g_return_if_fail (valid_from >= 0 && valid_to >= 0);
  g_return_if_fail (valid_from == 0 || valid_to == 0 || valid_to > valid_from);

  self->valid_from = valid_from;
  self->valid_to = valid_to;
}

void
okc_access_grant_set_booking_id (OkcAccessGrant *self,
                                 const char     *booking_id)
{
  g_return_if_fail (OKC_IS_ACCESS_GRANT (self));
  g_free (self->booking_id);
  self->booking_id = g_strdup (booking_id);
}

/**
 * okc_access_grant_set_granted:
 * @by_id: (nullable): who granted it, %NULL for an entry the demo or an import made
 * @by_name: (nullable): their name, %NULL exactly when @by_id is
 */
void
okc_access_grant_set_granted (OkcAccessGrant *self,
                              const char     *by_id,
                              const char     *by_name,
                              gint64          at)
{
  g_return_if_fail (OKC_IS_ACCESS_GRANT (self));
  g_return_if_fail ((by_id == NULL) == (by_name == NULL));

  g_free (self->granted_by_id);
  g_free (self->granted_by_name);
  self->granted_by_id = g_strdup (by_id);
  self->granted_by_name = g_strdup (by_name);
  self->granted_at = at;
}

void
okc_access_grant_set_ticket_id (OkcAccessGrant *self,
                                const char     *ticket_id)
{
  g_return_if_fail (OKC_IS_ACCESS_GRANT (self));
  g_free (self->ticket_id);
  self->ticket_id = g_strdup (ticket_id);
}

static gboolean
read_person (JsonObject  *object,
             const char  *path,
             const char  *member,
             OkcJsonFlags flags,
             const char **out_id,
             const char **out_name,
             const char **out_email,
             GError     **error)
{
  g_autofree char *person_path = okc_json_path_member (path, member);
  JsonObject *person = NULL;

  if (!okc_json_read_object (object, path, member, flags, &person, error))
    return FALSE;
  if (person == NULL)
    return TRUE;
  return okc_json_read_string (person, person_path, "id", OKC_JSON_NOT_EMPTY, out_id, error) &&
         okc_json_read_string (person, person_path, "name", OKC_JSON_REQUIRED, out_name, error) &&
         (out_email == NULL ||
          okc_json_read_string (person, person_path, "email", OKC_JSON_REQUIRED, out_email,
                                error));
}

/**
 * okc_access_grant_new_from_json:
 * @node: an AccessGrant of docs/actions.md
 * @path: (nullable): where @node is, for errors
 *
 * Returns: (transfer full) (nullable): the grant, or %NULL with an #OKC_DATA_ERROR.
 */
OkcAccessGrant *
okc_access_grant_new_from_json (JsonNode    *node,
                                const char  *path,
                                GError     **error)
{
  const char *charger_id = NULL, *id = NULL, *name = NULL, *email = NULL;
  const char *booking_id = NULL, *by_id = NULL, *by_name = NULL, *ticket_id = NULL;
  gint64 valid_from = 0, valid_to = 0, granted_at = 0;
  g_autoptr(OkcAccessGrant) self = NULL;
  JsonObject *object;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "charger_id", OKC_JSON_NOT_EMPTY, &charger_id, error) ||
      !read_person (object, path, "account", OKC_JSON_REQUIRED, &id, &name, &email, error) ||
      !okc_json_read_time (object, path, "valid_from", OKC_JSON_NULLABLE, &valid_from, error) ||
      !okc_json_read_time (object, path, "valid_to", OKC_JSON_NULLABLE, &valid_to, error) ||
      !okc_json_read_string (object, path, "booking_id", OKC_JSON_NULLABLE, &booking_id, error) ||
      !read_person (object, path, "granted_by", OKC_JSON_NULLABLE, &by_id, &by_name, NULL,
                    error) ||
      !okc_json_read_time (object, path, "granted_at", OKC_JSON_REQUIRED, &granted_at, error) ||
      !okc_json_read_string (object, path, "ticket_id", OKC_JSON_NULLABLE, &ticket_id, error))
    return NULL;

  if (!okc_text_is_email (email))
    {
      g_autofree char *member = okc_json_path_member (path, "account.email");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "“%s” is not an email address",
                          email);
      return NULL;
    }
  if (valid_from < 0 || valid_to < 0 || (valid_from != 0 && valid_to != 0 && valid_to <= valid_from))
    {
      g_autofree char *member = okc_json_path_member (path, "valid_to");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                          "must be after valid_from");
      return NULL;
    }

  self = okc_access_grant_new (charger_id, id, name, email);
  okc_access_grant_set_dates (self, valid_from, valid_to);
  okc_access_grant_set_booking_id (self, booking_id);
  okc_access_grant_set_granted (self, by_id, by_name, granted_at);
  okc_access_grant_set_ticket_id (self, ticket_id);
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
    {
      json_builder_set_member_name (builder, member);
      json_builder_add_null_value (builder);
    }
}

/**
 * okc_access_grant_to_json:
 *
 * Returns: (transfer full): the grant in the shape okc_access_grant_new_from_json() reads.
 */
JsonNode *
okc_access_grant_to_json (OkcAccessGrant *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_ACCESS_GRANT (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "charger_id", self->charger_id);
  json_builder_set_member_name (builder, "account");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->account_id);
  okc_json_builder_add_string (builder, "name", self->account_name);
  okc_json_builder_add_string (builder, "email", self->account_email);
  json_builder_end_object (builder);
  add_time_or_null (builder, "valid_from", self->valid_from);
  add_time_or_null (builder, "valid_to", self->valid_to);
  okc_json_builder_add_string (builder, "booking_id", self->booking_id);
  json_builder_set_member_name (builder, "granted_by");
  if (self->granted_by_id == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", self->granted_by_id);
      okc_json_builder_add_string (builder, "name", self->granted_by_name);
      json_builder_end_object (builder);
    }
  okc_json_builder_add_time (builder, "granted_at", self->granted_at);
  okc_json_builder_add_string (builder, "ticket_id", self->ticket_id);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_access_grant_judge:
 * @now: seconds since the epoch
 *
 * Returns: %OKC_ACCESS_REASON_LISTED when the grant's dates cover @now (or it has none),
 *   else %OKC_ACCESS_REASON_NOT_YET_VALID or %OKC_ACCESS_REASON_EXPIRED.
 */
OkcAccessReason
okc_access_grant_judge (OkcAccessGrant *self,
                        gint64          now)
{
  g_return_val_if_fail (OKC_IS_ACCESS_GRANT (self), OKC_ACCESS_REASON_NOT_LISTED);

  if (self->valid_from != 0 && now < self->valid_from)
    return OKC_ACCESS_REASON_NOT_YET_VALID;
  if (self->valid_to != 0 && now >= self->valid_to)
    return OKC_ACCESS_REASON_EXPIRED;
  return OKC_ACCESS_REASON_LISTED;
}

#define GETTER(type, member, fallback) \
  type \
  okc_access_grant_get_##member (OkcAccessGrant *self) \
  { \
    g_return_val_if_fail (OKC_IS_ACCESS_GRANT (self), fallback); \
    return self->member; \
  }

GETTER (const char *, charger_id, NULL)
GETTER (const char *, account_id, NULL)
GETTER (const char *, account_name, NULL)
GETTER (const char *, account_email, NULL)
GETTER (gint64, valid_from, 0)
GETTER (gint64, valid_to, 0)
GETTER (const char *, booking_id, NULL)
GETTER (const char *, granted_by_id, NULL)
GETTER (const char *, granted_by_name, NULL)
GETTER (gint64, granted_at, 0)
GETTER (const char *, ticket_id, NULL)
