/* okc-pms-sync.c — one sync of a property's bookings from its property management system
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "okc-pms-sync.h"

#include "okc-error.h"
#include "okc-json.h"
#include <inttypes.h>

struct _OkcPmsSync
{
  GObject parent_instance;

  char *id;
  char *property_id;
  gint64 started_at;
  gint64 finished_at;
  OkcPmsSyncOutcome outcome;
  gint64 bookings_imported;
  gint64 chargers_matched;
  char *error;                /* nullable */
  char *requested_by_id;      /* nullable: the system */
  char *requested_by_name;
};

G_DEFINE_FINAL_TYPE (OkcPmsSync, okc_pms_sync, G_TYPE_OBJECT)

static void
okc_pms_sync_finalize (GObject *object)
{
  OkcPmsSync *self = OKC_PMS_SYNC (object);

  g_free (self->id);
  g_free (self->property_id);
  g_free (self->error);
  g_free (self->requested_by_id);
  g_free (self->requested_by_name);

  G_OBJECT_CLASS (okc_pms_sync_parent_class)->finalize (object);
}

static void
okc_pms_sync_class_init (OkcPmsSyncClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_pms_sync_finalize;
}

static void
okc_pms_sync_init (OkcPmsSync *self)
{
}

static gboolean
read_count (JsonObject  *object,
            const char  *path,
            const char  *member,
            gint64      *out,
            GError     **error)
{
  g_autofree char *where = NULL;

  if (!okc_json_read_int64 (object, path, member, OKC_JSON_REQUIRED, out, error))
    return FALSE;
  if (*out >= 0)
    return TRUE;
  where = okc_json_path_member (path, member);
  okc_data_error_set (error, OKC_DATA_ERROR_INVALID, where, "a count cannot be negative");
  return FALSE;
}

/**
 * okc_pms_sync_new_from_json:
 * @node: {"id", "property_id", "started_at", "finished_at", "outcome",
 *   "bookings_imported", "chargers_matched", "error" (nullable), "requested_by":
 *   {"id", "name"} or null}
 * @path: (nullable): where @node is, for errors
 *
 * A failed sync must say why, a successful one must not have an error.
 *
 * Returns: (transfer full) (nullable): the sync, or %NULL with an #OKC_DATA_ERROR.
 */
OkcPmsSync *
okc_pms_sync_new_from_json (JsonNode    *node,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(OkcPmsSync) self = g_object_new (OKC_TYPE_PMS_SYNC, NULL);
  g_autofree char *by_path = okc_json_path_member (path, "requested_by");
  const char *id = NULL, *property_id = NULL, *message = NULL, *by_id = NULL, *by_name = NULL;
  JsonObject *object, *by = NULL;
  int outcome = 0;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !okc_json_read_string (object, path, "property_id", OKC_JSON_NOT_EMPTY, &property_id,
                             error) ||
      !okc_json_read_time (object, path, "started_at", OKC_JSON_REQUIRED, &self->started_at,
                           error) ||
      !okc_json_read_time (object, path, "finished_at", OKC_JSON_REQUIRED, &self->finished_at,
                           error) ||
      !okc_json_read_enum (object, path, "outcome", OKC_TYPE_PMS_SYNC_OUTCOME, OKC_JSON_REQUIRED,
                           &outcome, error) ||
      !read_count (object, path, "bookings_imported", &self->bookings_imported, error) ||
      !read_count (object, path, "chargers_matched", &self->chargers_matched, error) ||
      !okc_json_read_string (object, path, "error", OKC_JSON_NULLABLE | OKC_JSON_NOT_EMPTY,
                             &message, error) ||
      !okc_json_read_object (object, path, "requested_by", OKC_JSON_NULLABLE, &by, error) ||
      (by != NULL &&
       (!okc_json_read_string (by, by_path, "id", OKC_JSON_NOT_EMPTY, &by_id, error) ||
        !okc_json_read_string (by, by_path, "name", OKC_JSON_REQUIRED, &by_name, error))))
    return NULL;

  if ((outcome == OKC_PMS_SYNC_OUTCOME_FAILED) != (message != NULL))
    {
      g_autofree char *where = okc_json_path_member (path, "error");

      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, where,
                          message == NULL ? N_("a failed sync must say why")
                                          : N_("a successful sync has no error"));
      return NULL;
    }
  if (self->finished_at < self->started_at)
    {
      g_autofree char *where = okc_json_path_member (path, "finished_at");

      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, where,
                          "a sync cannot finish before it started");
      return NULL;
    }

  self->id = g_strdup (id);
  self->property_id = g_strdup (property_id);
  self->outcome = outcome;
  self->error = g_strdup (message);
  self->requested_by_id = g_strdup (by_id);
  self->requested_by_name = g_strdup (by_name);
  return g_steal_pointer (&self);
}

/**
 * okc_pms_sync_to_json:
 *
 * Returns: (transfer full): the sync in the shape okc_pms_sync_new_from_json() reads.
 */
JsonNode *
okc_pms_sync_to_json (OkcPmsSync *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_PMS_SYNC (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->id);
  okc_json_builder_add_string (builder, "property_id", self->property_id);
  okc_json_builder_add_time (builder, "started_at", self->started_at);
  okc_json_builder_add_time (builder, "finished_at", self->finished_at);
  okc_json_builder_add_string (builder, "outcome",
                               okc_enum_to_nick (OKC_TYPE_PMS_SYNC_OUTCOME, self->outcome));
  json_builder_set_member_name (builder, "bookings_imported");
  json_builder_add_int_value (builder, self->bookings_imported);
  json_builder_set_member_name (builder, "chargers_matched");
  json_builder_add_int_value (builder, self->chargers_matched);
  okc_json_builder_add_string (builder, "error", self->error);
  json_builder_set_member_name (builder, "requested_by");
  if (self->requested_by_id == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", self->requested_by_id);
      okc_json_builder_add_string (builder, "name", self->requested_by_name);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

const char *
okc_pms_sync_get_id (OkcPmsSync *self)
{
  g_return_val_if_fail (OKC_IS_PMS_SYNC (self), NULL);
  return self->id;
}

const char *
okc_pms_sync_get_property_id (OkcPmsSync *self)
{
  g_return_val_if_fail (OKC_IS_PMS_SYNC (self), NULL);
  return self->property_id;
}

gint64
okc_pms_sync_get_started_at (OkcPmsSync *self)
{
  g_return_val_if_fail (OKC_IS_PMS_SYNC (self), 0);
  return self->started_at;
}

gint64
okc_pms_sync_get_finished_at (OkcPmsSync *self)
{
  g_return_val_if_fail (OKC_IS_PMS_SYNC (self), 0);
  return self->finished_at;
}

OkcPmsSyncOutcome
okc_pms_sync_get_outcome (OkcPmsSync *self)
{
  g_return_val_if_fail (OKC_IS_PMS_SYNC (self), OKC_PMS_SYNC_OUTCOME_FAILED);
  return self->outcome;
}

gint64
okc_pms_sync_get_bookings_imported (OkcPmsSync *self)
{
  g_return_val_if_fail (OKC_IS_PMS_SYNC (self), 0);
  return self->bookings_imported;
}

gint64
okc_pms_sync_get_chargers_matched (OkcPmsSync *self)
{
  g_return_val_if_fail (OKC_IS_PMS_SYNC (self), 0);
  return self->chargers_matched;
}

/* Returns: (nullable): why the sync failed, in the PMS's words. */
const char *
okc_pms_sync_get_error (OkcPmsSync *self)
{
  g_return_val_if_fail (OKC_IS_PMS_SYNC (self), NULL);
  return self->error;
}

const char *
okc_pms_sync_get_requested_by_id (OkcPmsSync *self)
{
  g_return_val_if_fail (OKC_IS_PMS_SYNC (self), NULL);
  return self->requested_by_id;
}

const char *
okc_pms_sync_get_requested_by_name (OkcPmsSync *self)
{
  g_return_val_if_fail (OKC_IS_PMS_SYNC (self), NULL);
  return self->requested_by_name;
}

/**
 * okc_pms_sync_describe_outcome:
 *
 * Returns: (transfer full): the outcome in a sentence: "12 bookings imported, 3 chargers
 *   matched", or the error.
 */
char *
okc_pms_sync_describe_outcome (OkcPmsSync *self)
{
  g_autofree char *bookings = NULL;
  g_autofree char *chargers = NULL;

  g_return_val_if_fail (OKC_IS_PMS_SYNC (self), NULL);

  if (self->outcome == OKC_PMS_SYNC_OUTCOME_FAILED)
    return g_strdup (self->error);
  bookings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64
                                           " booking imported",
                                           "%" PRId64 " bookings imported",
                                           (gulong) self->bookings_imported),
                              self->bookings_imported);
  chargers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%" PRId64 " charger matched",
                                           "%" PRId64 " chargers matched",
                                           (gulong) self->chargers_matched),
                              self->chargers_matched);
  /* Translators: the two counts of a sync, "12 bookings imported, 3 chargers matched" */
  return g_strdup_printf (_("%s, %s"), bookings, chargers);
}
