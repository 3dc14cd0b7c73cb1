/* okc-booking.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include "okc-booking.h"

#include "okc-error.h"
#include "okc-json.h"

struct _OkcBooking
{
  GObject parent_instance;

  char *id;
  char *property_id;
  char *property_name;
  char *unit_id;
  char *unit_name;
  char *account_id;
  char *guest_name;
  char *guest_email;
  gint64 check_in;
  gint64 check_out;
  char *pms;
  char *pms_reference;
  gint64 synced_at;
};

G_DEFINE_FINAL_TYPE (OkcBooking, okc_booking, G_TYPE_OBJECT)

static void
okc_booking_finalize (GObject *object)
{
  OkcBooking *self = OKC_BOOKING (object);

  g_free (self->id);
  g_free (self->property_id);
  g_free (self->property_name);
  g_free (self->unit_id);
  g_free (self->unit_name);
  g_free (self->account_id);
  g_free (self->guest_name);
  g_free (self->guest_email);
  g_free (self->pms);
  g_free (self->pms_reference);

  G_OBJECT_CLASS (okc_booking_parent_class)->finalize (object);
}

static void
okc_booking_class_init (OkcBookingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_booking_finalize;
}

static void
okc_booking_init (OkcBooking *self)
{
}

static gboolean
read_ref (JsonObject   *object,
          const char   *path,
          const char   *member,
          OkcJsonFlags  flags,
          const char  **out_id,
          const char  **out_name,
          GError      **error)
{
  g_autofree char *ref_path = okc_json_path_member (path, member);
  JsonObject *ref = NULL;

  if (!okc_json_read_object (object, path, member, flags, &ref, error))
    return FALSE;
  return ref == NULL ||
         (okc_json_read_string (ref, ref_path, "id", OKC_JSON_NOT_EMPTY, out_id, error) &&
          okc_json_read_string (ref, ref_path, "name", OKC_JSON_REQUIRED, out_name, error));
}

/**
 * okc_booking_new_from_json:
 * @node: a Booking of docs/actions.md
 * @path: (nullable): where @node is, for errors
 *
 * Returns: (transfer full) (nullable): the booking, or %NULL with an #OKC_DATA_ERROR.
 */
OkcBooking *
okc_booking_new_from_json (JsonNode    *node,
                           const char  *path,
                           GError     **error)
{
  const char *id = NULL, *property_id = NULL, *property_name = NULL, *unit_id = NULL;
  const char *unit_name = NULL, *account_id = NULL, *guest_name = NULL, *guest_email = NULL;
  const char *pms = NULL, *pms_reference = NULL;
  gint64 check_in = 0, check_out = 0, synced_at = 0;
  OkcBooking *self;
  JsonObject *object;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !read_ref (object, path, "property", OKC_JSON_REQUIRED, &property_id, &property_name,
                 error) ||
      !read_ref (object, path, "unit", OKC_JSON_NULLABLE, &unit_id, &unit_name, error) ||
      !okc_json_read_string (object, path, "account_id", OKC_JSON_NULLABLE, &account_id, error) ||
      !okc_json_read_string (object, path, "guest_name", OKC_JSON_REQUIRED, &guest_name, error) ||
      !okc_json_read_string (object, path, "guest_email", OKC_JSON_REQUIRED, &guest_email, error) ||
      !okc_json_read_time (object, path, "check_in", OKC_JSON_REQUIRED, &check_in, error) ||
      !okc_json_read_time (object, path, "check_out", OKC_JSON_REQUIRED, &check_out, error) ||
      !okc_json_read_string (object, path, "pms", OKC_JSON_NOT_EMPTY, &pms, error) ||
      !okc_json_read_string (object, path, "pms_reference", OKC_JSON_REQUIRED, &pms_reference,
                             error) ||
      !okc_json_read_time (object, path, "synced_at", OKC_JSON_REQUIRED, &synced_at, error))
    return NULL;
  if (check_out <= check_in)
    {
      g_autofree char *member = okc_json_path_member (path, "check_out");
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member, "must be after check_in");
      return NULL;
    }

  self = g_object_new (OKC_TYPE_BOOKING, NULL);
  self->id = g_strdup (id);
  self->property_id = g_strdup (property_id);
  self->property_name = g_strdup (property_name);
  self->unit_id = g_strdup (unit_id);
  self->unit_name = g_strdup (unit_name);
  self->account_id = g_strdup (account_id);
  self->guest_name = g_strdup (guest_name);
  self->guest_email = g_strdup (guest_email);
  self->check_in = check_in;
  self->check_out = check_out;
  self->pms = g_strdup (pms);
  self->pms_reference = g_strdup (pms_reference);
  self->synced_at = synced_at;
  return self;
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
 * okc_booking_to_json:
 *
 * Returns: (transfer full): the booking in the shape okc_booking_new_from_json() reads.
 */
JsonNode *
okc_booking_to_json (OkcBooking *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_BOOKING (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->id);
  add_ref (builder, "property", self->property_id, self->property_name);
  add_ref (builder, "unit", self->unit_id, self->unit_name);
  okc_json_builder_add_string (builder, "account_id", self->account_id);
  okc_json_builder_add_string (builder, "guest_name", self->guest_name);
  okc_json_builder_add_string (builder, "guest_email", self->guest_email);
  okc_json_builder_add_time (builder, "check_in", self->check_in);
  okc_json_builder_add_time (builder, "check_out", self->check_out);
  okc_json_builder_add_string (builder, "pms", self->pms);
  okc_json_builder_add_string (builder, "pms_reference", self->pms_reference);
  okc_json_builder_add_time (builder, "synced_at", self->synced_at);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_booking_covers:
 *
 * Returns: whether the guest is staying at @now: from check-in until check-out.
 */
gboolean
okc_booking_covers (OkcBooking *self,
                    gint64      now)
{
  g_return_val_if_fail (OKC_IS_BOOKING (self), FALSE);
  return self->check_in <= now && now < self->check_out;
}

#define GETTER(type, member, fallback) \
  type \
  okc_booking_get_##member (OkcBooking *self) \
  { \
    g_return_val_if_fail (OKC_IS_BOOKING (self), fallback); \
    return self->member; \
  }

GETTER (const char *, id, NULL)
GETTER (const char *, property_id, NULL)
GETTER (const char *, property_name, NULL)
GETTER (const char *, unit_name, NULL)
GETTER (const char *, account_id, NULL)
GETTER (const char *, guest_name, NULL)
GETTER (const char *, guest_email, NULL)
GETTER (gint64, check_in, 0)
GETTER (gint64, check_out, 0)
GETTER (const char *, pms, NULL)
GETTER (const char *, pms_reference, NULL)
