/* okc-account.c — a customer's account as support sees it: profile, saved cards,
 * subscription, a host's properties and the ticket's identity check (docs/accounts.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "okc-account.h"

#include "okc-error.h"
#include "okc-json.h"
#include <inttypes.h>

/* Shared readers ------------------------------------------------------------------ */

static void
set_invalid (GError     **error,
             const char  *path,
             const char  *member,
             const char  *why)
{
  g_autofree char *where = okc_json_path_member (path, member);

  okc_data_error_set_literal (error, OKC_DATA_ERROR_INVALID, where, why);
}

/* `kind` is guest or host, `status` active or deleted: anything else is unknown. */
static gboolean
read_kind_and_status (JsonObject  *object,
                      const char  *path,
                      gboolean    *out_host,
                      gboolean    *out_deleted,
                      GError     **error)
{
  const char *kind = NULL, *status = NULL;

  if (!okc_json_read_string (object, path, "kind", OKC_JSON_REQUIRED, &kind, error) ||
      !okc_json_read_string (object, path, "status", OKC_JSON_REQUIRED, &status, error))
    return FALSE;
  if (!g_str_equal (kind, "guest") && !g_str_equal (kind, "host"))
    {
      g_autofree char *where = okc_json_path_member (path, "kind");
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, where,
                          "“%s” is not an account kind (guest or host)", kind);
      return FALSE;
    }
  if (!g_str_equal (status, "active") && !g_str_equal (status, "deleted"))
    {
      g_autofree char *where = okc_json_path_member (path, "status");
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, where,
                          "“%s” is not an account status (active or deleted)", status);
      return FALSE;
    }
  *out_host = g_str_equal (kind, "host");
  *out_deleted = g_str_equal (status, "deleted");
  return TRUE;
}

static gboolean
read_uint (JsonObject  *object,
           const char  *path,
           const char  *member,
           gint64       min,
           gint64       max,
           guint       *out,
           GError     **error)
{
  gint64 value = 0;

  if (!okc_json_read_int64 (object, path, member, OKC_JSON_REQUIRED, &value, error))
    return FALSE;
  if (value < min || value > max)
    {
      g_autofree char *why = g_strdup_printf (_("%" PRId64 " is not between %" PRId64
                                                " and %" PRId64),
                                              value, min, max);
      set_invalid (error, path, member, why);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

/* The summary ------------------------------------------------------------------------ */

struct _OkcAccountSummary
{
  GObject parent_instance;

  char *id;
  char *name;
  char *email;
  char *phone;
  gboolean host;
  gboolean deleted;
};

G_DEFINE_FINAL_TYPE (OkcAccountSummary, okc_account_summary, G_TYPE_OBJECT)

static void
okc_account_summary_finalize (GObject *object)
{
  OkcAccountSummary *self = OKC_ACCOUNT_SUMMARY (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->email);
  g_free (self->phone);

  G_OBJECT_CLASS (okc_account_summary_parent_class)->finalize (object);
}

static void
okc_account_summary_class_init (OkcAccountSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_account_summary_finalize;
}

static void
okc_account_summary_init (OkcAccountSummary *self)
{
}

/**
 * okc_account_summary_new_from_json:
 * @node: an AccountSummary `{"id", "kind", "status", "name", "email", "phone"}`
 * @path: (nullable): where @node is, for errors
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL with an #OKC_DATA_ERROR.
 */
OkcAccountSummary *
okc_account_summary_new_from_json (JsonNode    *node,
                                   const char  *path,
                                   GError     **error)
{
  g_autoptr(OkcAccountSummary) self = g_object_new (OKC_TYPE_ACCOUNT_SUMMARY, NULL);
  JsonObject *object = okc_json_node_get_object (node, path, error);
  const char *id = NULL, *name = NULL, *email = NULL, *phone = NULL;

  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !read_kind_and_status (object, path, &self->host, &self->deleted, error) ||
      !okc_json_read_string (object, path, "name", OKC_JSON_REQUIRED, &name, error) ||
      !okc_json_read_string (object, path, "email", OKC_JSON_REQUIRED, &email, error) ||
      !okc_json_read_string (object, path, "phone", OKC_JSON_NULLABLE, &phone, error))
    return NULL;
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->email = g_strdup (email);
  self->phone = g_strdup (phone);
  return g_steal_pointer (&self);
}

const char *
okc_account_summary_get_id (OkcAccountSummary *self)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT_SUMMARY (self), NULL);
  return self->id;
}

gboolean
okc_account_summary_is_host (OkcAccountSummary *self)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT_SUMMARY (self), FALSE);
  return self->host;
}

gboolean
okc_account_summary_is_deleted (OkcAccountSummary *self)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT_SUMMARY (self), FALSE);
  return self->deleted;
}

const char *
okc_account_summary_get_name (OkcAccountSummary *self)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT_SUMMARY (self), NULL);
  return self->name;
}

const char *
okc_account_summary_get_email (OkcAccountSummary *self)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT_SUMMARY (self), NULL);
  return self->email;
}

/* Returns: (nullable): the phone number, NULL when there is none. */
const char *
okc_account_summary_get_phone (OkcAccountSummary *self)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT_SUMMARY (self), NULL);
  return self->phone;
}

/* The account ------------------------------------------------------------------------ */

struct _OkcAccount
{
  GObject parent_instance;

  /* Every string of the account and its members: they live as long as it. */
  GStringChunk *strings;
  const char *id;
  gboolean host;
  gboolean deleted;
  const char *name;
  const char *email;
  const char *notification_email;
  const char *phone;
  gint64 created_at;
  gint64 deleted_at;
  GArray *cards;              /* OkcAccountCard */
  gboolean has_subscription;
  OkcAccountSubscription subscription;
  GArray *properties;         /* OkcAccountProperty */
  gboolean has_verification;
  OkcAccountVerification verification;
};

G_DEFINE_FINAL_TYPE (OkcAccount, okc_account, G_TYPE_OBJECT)

static void
okc_account_finalize (GObject *object)
{
  OkcAccount *self = OKC_ACCOUNT (object);

  g_clear_pointer (&self->cards, g_array_unref);
  g_clear_pointer (&self->properties, g_array_unref);
  g_string_chunk_free (self->strings);

  G_OBJECT_CLASS (okc_account_parent_class)->finalize (object);
}

static void
okc_account_class_init (OkcAccountClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_account_finalize;
}

static void
okc_account_init (OkcAccount *self)
{
  self->strings = g_string_chunk_new (256);
  self->cards = g_array_new (FALSE, TRUE, sizeof (OkcAccountCard));
  self->properties = g_array_new (FALSE, TRUE, sizeof (OkcAccountProperty));
}

static const char *
keep (OkcAccount *self,
      const char *text)
{
  return text == NULL ? NULL : g_string_chunk_insert_const (self->strings, text);
}

static gboolean
is_last4 (const char *text)
{
  if (strlen (text) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
read_card (OkcAccount  *self,
           JsonNode    *node,
           const char  *path,
           GError     **error)
{
  JsonObject *object = okc_json_node_get_object (node, path, error);
  const char *id = NULL, *brand = NULL, *last4 = NULL;
  OkcAccountCard card = { NULL };

  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !okc_json_read_string (object, path, "brand", OKC_JSON_NOT_EMPTY, &brand, error) ||
      !okc_json_read_string (object, path, "last4", OKC_JSON_REQUIRED, &last4, error) ||
      !read_uint (object, path, "exp_month", 1, 12, &card.exp_month, error) ||
      !read_uint (object, path, "exp_year", 1970, 9999, &card.exp_year, error) ||
      !okc_json_read_boolean (object, path, "is_default", OKC_JSON_REQUIRED, &card.is_default,
                              error) ||
      !okc_json_read_time (object, path, "added_at", OKC_JSON_REQUIRED, &card.added_at, error))
    return FALSE;
  if (!is_last4 (last4))
    {
      set_invalid (error, path, "last4", _("a card's last four digits are four digits"));
      return FALSE;
    }
  card.id = keep (self, id);
  card.brand = keep (self, brand);
  card.last4 = keep (self, last4);
  g_array_append_val (self->cards, card);
  return TRUE;
}

static gboolean
read_cards (OkcAccount  *self,
            JsonObject  *object,
            const char  *path,
            GError     **error)
{
  g_autofree char *list_path = okc_json_path_member (path, "cards");
  JsonArray *cards = NULL;
  guint n_default = 0;

  if (!okc_json_read_array (object, path, "cards", OKC_JSON_REQUIRED, &cards, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (cards); i++)
    {
      g_autofree char *element_path = okc_json_path_index (list_path, i);

      if (!read_card (self, json_array_get_element (cards, i), element_path, error))
        return FALSE;
      if (g_array_index (self->cards, OkcAccountCard, i).is_default)
        n_default++;
    }
  if (n_default > 1)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, list_path,
                          "an account has at most one default card");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_subscription (OkcAccount  *self,
                   JsonObject  *object,
                   const char  *path,
                   GError     **error)
{
  g_autofree char *sub_path = okc_json_path_member (path, "subscription");
  g_autofree char *price_path = NULL;
  OkcAccountSubscription *sub = &self->subscription;
  JsonObject *member = NULL;
  const char *plan = NULL;
  int status = 0;

  if (!okc_json_read_object (object, path, "subscription", OKC_JSON_NULLABLE, &member, error))
    return FALSE;
  if (member == NULL)
    return TRUE;
  if (!okc_json_read_string (member, sub_path, "plan", OKC_JSON_REQUIRED, &plan, error) ||
      !okc_json_read_enum (member, sub_path, "status", OKC_TYPE_SUBSCRIPTION_STATUS,
                           OKC_JSON_REQUIRED, &status, error) ||
      !okc_json_read_time (member, sub_path, "renews_at", OKC_JSON_NULLABLE, &sub->renews_at,
                           error) ||
      !okc_json_read_time (member, sub_path, "cancelled_at", OKC_JSON_NULLABLE,
                           &sub->cancelled_at, error))
    return FALSE;
  if (!g_str_equal (plan, "monthly") && !g_str_equal (plan, "annual"))
    {
      g_autofree char *where = okc_json_path_member (sub_path, "plan");
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, where,
                          "“%s” is not a plan (monthly or annual)", plan);
      return FALSE;
    }
  if (status == OKC_SUBSCRIPTION_STATUS_NONE)
    {
      set_invalid (error, sub_path, "status",
                   _("an account without a subscription has a null subscription"));
      return FALSE;
    }
  if (status != OKC_SUBSCRIPTION_STATUS_CANCELLED && sub->renews_at == 0)
    {
      g_autofree char *where = okc_json_path_member (sub_path, "renews_at");
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, where,
                          "a subscription that is not cancelled renews at some time");
      return FALSE;
    }
  if (status == OKC_SUBSCRIPTION_STATUS_CANCELLED && sub->cancelled_at == 0)
    {
      g_autofree char *where = okc_json_path_member (sub_path, "cancelled_at");
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, where,
                          "a cancelled subscription says when it ended");
      return FALSE;
    }
  price_path = okc_json_path_member (sub_path, "price");
  if (!json_object_has_member (member, "price"))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, price_path, "the price is missing");
      return FALSE;
    }
  if (!okc_money_from_json (json_object_get_member (member, "price"), price_path, &sub->price,
                            error))
    return FALSE;
  sub->plan = keep (self, plan);
  sub->status = status;
  self->has_subscription = TRUE;
  return TRUE;
}

static gboolean
read_property (OkcAccount  *self,
               JsonNode    *node,
               const char  *path,
               GError     **error)
{
  JsonObject *object = okc_json_node_get_object (node, path, error);
  const char *id = NULL, *name = NULL, *city = NULL;
  OkcAccountProperty property = { NULL };

  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !okc_json_read_string (object, path, "name", OKC_JSON_NOT_EMPTY, &name, error) ||
      !okc_json_read_string (object, path, "city", OKC_JSON_REQUIRED, &city, error) ||
      !read_uint (object, path, "chargers", 0, G_MAXINT32, &property.n_chargers, error))
    return FALSE;
  property.id = keep (self, id);
  property.name = keep (self, name);
  property.city = keep (self, city);
  g_array_append_val (self->properties, property);
  return TRUE;
}

static gboolean
read_properties (OkcAccount  *self,
                 JsonObject  *object,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *list_path = okc_json_path_member (path, "properties");
  JsonArray *properties = NULL;

  if (!okc_json_read_array (object, path, "properties", OKC_JSON_REQUIRED, &properties, error))
    return FALSE;
  if (!self->host && json_array_get_length (properties) > 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, list_path,
                          "a guest's account has no properties");
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (properties); i++)
    {
      g_autofree char *element_path = okc_json_path_index (list_path, i);

      if (!read_property (self, json_array_get_element (properties, i), element_path, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_verification (OkcAccount  *self,
                   JsonObject  *object,
                   const char  *path,
                   GError     **error)
{
  g_autofree char *ver_path = okc_json_path_member (path, "verification");
  g_autofree char *by_path = okc_json_path_member (ver_path, "verified_by");
  OkcAccountVerification *ver = &self->verification;
  const char *id = NULL, *account_id = NULL, *ticket_id = NULL;
  const char *by_id = NULL, *by_name = NULL;
  JsonObject *member = NULL, *by = NULL;
  int method = 0;

  if (!okc_json_read_object (object, path, "verification", OKC_JSON_NULLABLE, &member, error))
    return FALSE;
  if (member == NULL)
    return TRUE;
  if (!okc_json_read_string (member, ver_path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !okc_json_read_string (member, ver_path, "account_id", OKC_JSON_NOT_EMPTY, &account_id,
                             error) ||
      !okc_json_read_string (member, ver_path, "ticket_id", OKC_JSON_NOT_EMPTY, &ticket_id,
                             error) ||
      !okc_json_read_enum (member, ver_path, "method", OKC_TYPE_VERIFICATION_METHOD,
                           OKC_JSON_REQUIRED, &method, error) ||
      !okc_json_read_object (member, ver_path, "verified_by", OKC_JSON_REQUIRED, &by, error) ||
      !okc_json_read_string (by, by_path, "id", OKC_JSON_NOT_EMPTY, &by_id, error) ||
      !okc_json_read_string (by, by_path, "name", OKC_JSON_REQUIRED, &by_name, error) ||
      !okc_json_read_time (member, ver_path, "verified_at", OKC_JSON_REQUIRED, &ver->verified_at,
                           error) ||
      !okc_json_read_time (member, ver_path, "expires_at", OKC_JSON_REQUIRED, &ver->expires_at,
                           error))
    return FALSE;
  if (!g_str_equal (account_id, self->id))
    {
      set_invalid (error, ver_path, "account_id", _("the verification is of another account"));
      return FALSE;
    }
  if (ver->expires_at <= ver->verified_at)
    {
      set_invalid (error, ver_path, "expires_at", _("a verification expires after it was made"));
      return FALSE;
    }
  ver->id = keep (self, id);
  ver->account_id = keep (self, account_id);
  ver->ticket_id = keep (self, ticket_id);
  ver->method = method;
  ver->verified_by_id = keep (self, by_id);
  ver->verified_by_name = keep (self, by_name);
  self->has_verification = TRUE;
  return TRUE;
}

/**
 * okc_account_new_from_json:
 * @node: the Account of docs/accounts.md
 * @path: (nullable): where @node is, for errors
 *
 * Returns: (transfer full) (nullable): the account, or %NULL with an #OKC_DATA_ERROR
 *   naming the member to blame.
 */
OkcAccount *
okc_account_new_from_json (JsonNode    *node,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(OkcAccount) self = g_object_new (OKC_TYPE_ACCOUNT, NULL);
  JsonObject *object = okc_json_node_get_object (node, path, error);
  const char *id = NULL, *name = NULL, *email = NULL, *notification_email = NULL;
  const char *phone = NULL;

  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !read_kind_and_status (object, path, &self->host, &self->deleted, error) ||
      !okc_json_read_string (object, path, "name", OKC_JSON_REQUIRED, &name, error) ||
      !okc_json_read_string (object, path, "email", OKC_JSON_REQUIRED, &email, error) ||
      !okc_json_read_string (object, path, "notification_email",
                             OKC_JSON_NULLABLE | OKC_JSON_NOT_EMPTY, &notification_email,
                             error) ||
      !okc_json_read_string (object, path, "phone", OKC_JSON_NULLABLE, &phone, error) ||
      !okc_json_read_time (object, path, "created_at", OKC_JSON_REQUIRED, &self->created_at,
                           error) ||
      !okc_json_read_time (object, path, "deleted_at", OKC_JSON_NULLABLE, &self->deleted_at,
                           error))
    return NULL;
  self->id = keep (self, id);
  self->name = keep (self, name);
  self->email = keep (self, email);
  self->notification_email = keep (self, notification_email);
  self->phone = keep (self, phone);

  if (self->deleted && self->deleted_at == 0)
    {
      g_autofree char *where = okc_json_path_member (path, "deleted_at");
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, where,
                          "a deleted account says when it was deleted");
      return NULL;
    }
  if (!self->deleted && *email == '\0')
    {
      set_invalid (error, path, "email", _("an active account has a login email"));
      return NULL;
    }
  if (!read_cards (self, object, path, error) ||
      !read_subscription (self, object, path, error) ||
      !read_properties (self, object, path, error) ||
      !read_verification (self, object, path, error))
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
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_cards (OkcAccount  *self,
           JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "cards");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->cards->len; i++)
    {
      const OkcAccountCard *card = &g_array_index (self->cards, OkcAccountCard, i);

      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", card->id);
      okc_json_builder_add_string (builder, "brand", card->brand);
      okc_json_builder_add_string (builder, "last4", card->last4);
      add_int (builder, "exp_month", card->exp_month);
      add_int (builder, "exp_year", card->exp_year);
      json_builder_set_member_name (builder, "is_default");
      json_builder_add_boolean_value (builder, card->is_default);
      okc_json_builder_add_time (builder, "added_at", card->added_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_subscription (OkcAccount  *self,
                  JsonBuilder *builder)
{
  const OkcAccountSubscription *sub = &self->subscription;

  json_builder_set_member_name (builder, "subscription");
  if (!self->has_subscription)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "plan", sub->plan);
  okc_json_builder_add_string (builder, "status",
                               okc_enum_to_nick (OKC_TYPE_SUBSCRIPTION_STATUS, sub->status));
  json_builder_set_member_name (builder, "price");
  json_builder_add_value (builder, okc_money_to_json (&sub->price));
  add_time_or_null (builder, "renews_at", sub->renews_at);
  add_time_or_null (builder, "cancelled_at", sub->cancelled_at);
  json_builder_end_object (builder);
}

static void
add_properties (OkcAccount  *self,
                JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "properties");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->properties->len; i++)
    {
      const OkcAccountProperty *p = &g_array_index (self->properties, OkcAccountProperty, i);

      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", p->id);
      okc_json_builder_add_string (builder, "name", p->name);
      okc_json_builder_add_string (builder, "city", p->city);
      add_int (builder, "chargers", p->n_chargers);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_verification (OkcAccount  *self,
                  JsonBuilder *builder)
{
  const OkcAccountVerification *ver = &self->verification;

  json_builder_set_member_name (builder, "verification");
  if (!self->has_verification)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", ver->id);
  okc_json_builder_add_string (builder, "account_id", ver->account_id);
  okc_json_builder_add_string (builder, "ticket_id", ver->ticket_id);
  okc_json_builder_add_string (builder, "method",
                               okc_enum_to_nick (OKC_TYPE_VERIFICATION_METHOD, ver->method));
  json_builder_set_member_name (builder, "verified_by");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", ver->verified_by_id);
  okc_json_builder_add_string (builder, "name", ver->verified_by_name);
  json_builder_end_object (builder);
  okc_json_builder_add_time (builder, "verified_at", ver->verified_at);
  okc_json_builder_add_time (builder, "expires_at", ver->expires_at);
  json_builder_end_object (builder);
}

/**
 * okc_account_to_json:
 *
 * Returns: (transfer full): the account in the shape okc_account_new_from_json() reads.
 */
JsonNode *
okc_account_to_json (OkcAccount *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_ACCOUNT (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->id);
  okc_json_builder_add_string (builder, "kind", self->host ? "host" : "guest");
  okc_json_builder_add_string (builder, "status", self->deleted ? "deleted" : "active");
  okc_json_builder_add_string (builder, "name", self->name);
  okc_json_builder_add_string (builder, "email", self->email);
  okc_json_builder_add_string (builder, "notification_email", self->notification_email);
  okc_json_builder_add_string (builder, "phone", self->phone);
  okc_json_builder_add_time (builder, "created_at", self->created_at);
  add_time_or_null (builder, "deleted_at", self->deleted_at);
  add_cards (self, builder);
  add_subscription (self, builder);
  add_properties (self, builder);
  add_verification (self, builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

#define GETTER(type, name, fallback) \
  type \
  okc_account_get_##name (OkcAccount *self) \
  { \
    g_return_val_if_fail (OKC_IS_ACCOUNT (self), fallback); \
    return self->name; \
  }

GETTER (const char *, id, NULL)
GETTER (const char *, name, NULL)
GETTER (const char *, email, NULL)
GETTER (const char *, notification_email, NULL)
GETTER (const char *, phone, NULL)
GETTER (gint64, created_at, 0)
GETTER (gint64, deleted_at, 0)

gboolean
okc_account_is_host (OkcAccount *self)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT (self), FALSE);
  return self->host;
}

gboolean
okc_account_is_deleted (OkcAccount *self)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT (self), FALSE);
  return self->deleted;
}

guint
okc_account_get_n_cards (OkcAccount *self)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT (self), 0);
  return self->cards->len;
}

const OkcAccountCard *
okc_account_get_card (OkcAccount *self,
                      guint       index)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (index < self->cards->len, NULL);
  return &g_array_index (self->cards, OkcAccountCard, index);
}

const OkcAccountSubscription *
okc_account_get_subscription (OkcAccount *self)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT (self), NULL);
  return self->has_subscription ? &self->subscription : NULL;
}

guint
okc_account_get_n_properties (OkcAccount *self)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT (self), 0);
  return self->properties->len;
}

const OkcAccountProperty *
okc_account_get_property (OkcAccount *self,
                          guint       index)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (index < self->properties->len, NULL);
  return &g_array_index (self->properties, OkcAccountProperty, index);
}

const OkcAccountVerification *
okc_account_get_verification (OkcAccount *self)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT (self), NULL);
  return self->has_verification ? &self->verification : NULL;
}

gboolean
okc_account_is_verified (OkcAccount *self,
                         gint64      now)
{
  g_return_val_if_fail (OKC_IS_ACCOUNT (self), FALSE);
  return self->has_verification && now < self->verification.expires_at;
}

static const char *
brand_label (const char *brand)
{
  static const struct { const char *nick; const char *label; } brands[] = {
    { "visa", "Visa" },
    { "mastercard", "Mastercard" },
    { "amex", "American Express" },
    { "discover", "Discover" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (brands); i++)
    if (g_str_equal (brand, brands[i].nick))
      return brands[i].label;
  return brand;
}

/**
 * okc_account_card_describe:
 *
 * Returns: (transfer full): "Visa •••• 4242, expires 12/2029"
 */
char *
okc_account_card_describe (const OkcAccountCard *card)
{
  g_return_val_if_fail (card != NULL, NULL);
  /* Translators: a saved card, "Visa •••• 4242, expires 12/2029" */
  return g_strdup_printf (_("%s •••• %s, expires %02u/%u"), brand_label (card->brand),
                          card->last4, card->exp_month, card->exp_year);
}

const char *
okc_subscription_status_get_label (OkcSubscriptionStatus status)
{
  switch (status)
    {
    case OKC_SUBSCRIPTION_STATUS_NONE:
      return _("No subscription");
    case OKC_SUBSCRIPTION_STATUS_ACTIVE:
      return _("Active");
    case OKC_SUBSCRIPTION_STATUS_CANCELLING:
      return _("Cancelled at the end of the period");
    case OKC_SUBSCRIPTION_STATUS_CANCELLED:
      return _("Cancelled");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
okc_verification_method_get_label (OkcVerificationMethod method)
{
  switch (method)
    {
    case OKC_VERIFICATION_METHOD_REQUEST_EMAIL:
      return _("Request came from the account’s email");
    case OKC_VERIFICATION_METHOD_CARD_LAST4:
      return _("Last four digits of a card");
    case OKC_VERIFICATION_METHOD_SESSION_DATE:
      return _("Date of a recent session");
    default:
      g_return_val_if_reached (NULL);
    }
}
