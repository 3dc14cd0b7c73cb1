/* okc-payout-adjustment.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include "okc-payout-adjustment.h"

#include "okc-error.h"
#include "okc-json.h"

struct _OkcPayoutAdjustment
{
  GObject parent_instance;

  char *id;
  char *payout_id;
  OkcMoney amount;
  char *reason;
  char *ticket_id;            /* nullable */
  char *created_by_id;
  char *created_by_name;
  gint64 created_at;
  char *credited_payout_id;   /* nullable */
};

G_DEFINE_FINAL_TYPE (OkcPayoutAdjustment, okc_payout_adjustment, G_TYPE_OBJECT)

static void
okc_payout_adjustment_finalize (GObject *object)
{
  OkcPayoutAdjustment *self = OKC_PAYOUT_ADJUSTMENT (object);

  g_free (self->id);
  g_free (self->payout_id);
  g_free (self->reason);
  g_free (self->ticket_id);
  g_free (self->created_by_id);
  g_free (self->created_by_name);
  g_free (self->credited_payout_id);

  G_OBJECT_CLASS (okc_payout_adjustment_parent_class)->finalize (object);
}

static void
okc_payout_adjustment_class_init (OkcPayoutAdjustmentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_payout_adjustment_finalize;
}

static void
okc_payout_adjustment_init (OkcPayoutAdjustment *self)
{
  (void) self;
}

/* A credit is money owed to the host: more than nothing. */
static gboolean
read_amount (JsonObject  *object,
             const char  *path,
             OkcMoney    *out,
             GError     **error)
{
  g_autofree char *member_path = okc_json_path_member (path, "amount");
  JsonNode *node = json_object_get_member (object, "amount");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, member_path, "is required");
      return FALSE;
    }
  if (!okc_money_from_json (node, member_path, out, error))
    return FALSE;
  if (out->amount <= 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member_path, "is more than zero");
      return FALSE;
    }
  return TRUE;
}

/**
 * okc_payout_adjustment_new_from_json:
 * @node: {"id", "payout_id", "amount", "reason", "ticket_id" (nullable),
 *   "created_by": {"id", "name"}, "created_at", "credited_payout_id" (nullable)}
 * @path: (nullable): where @node is, for errors
 *
 * Returns: (transfer full) (nullable): the adjustment, or %NULL with an #OKC_DATA_ERROR.
 */
OkcPayoutAdjustment *
okc_payout_adjustment_new_from_json (JsonNode    *node,
                                     const char  *path,
                                     GError     **error)
{
  g_autofree char *by_path = okc_json_path_member (path, "created_by");
  const char *id = NULL, *payout_id = NULL, *reason = NULL, *ticket_id = NULL;
  const char *by_id = NULL, *by_name = NULL, *credited_payout_id = NULL;
  OkcPayoutAdjustment *self;
  JsonObject *object, *by = NULL;
  gint64 created_at = 0;
  OkcMoney amount;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !okc_json_read_string (object, path, "payout_id", OKC_JSON_NOT_EMPTY, &payout_id,
                             error) ||
      !read_amount (object, path, &amount, error) ||
      !okc_json_read_string (object, path, "reason", OKC_JSON_NOT_EMPTY, &reason, error) ||
      !okc_json_read_string (object, path, "ticket_id", OKC_JSON_NULLABLE | OKC_JSON_NOT_EMPTY,
                             &ticket_id, error) ||
      !okc_json_read_object (object, path, "created_by", OKC_JSON_REQUIRED, &by, error) ||
      !okc_json_read_string (by, by_path, "id", OKC_JSON_NOT_EMPTY, &by_id, error) ||
      !okc_json_read_string (by, by_path, "name", OKC_JSON_REQUIRED, &by_name, error) ||
      !okc_json_read_time (object, path, "created_at", OKC_JSON_REQUIRED, &created_at,
                           error) ||
      !okc_json_read_string (object, path, "credited_payout_id",
                             OKC_JSON_NULLABLE | OKC_JSON_NOT_EMPTY, &credited_payout_id,
                             error))
    return NULL;
  if (g_strcmp0 (credited_payout_id, payout_id) == 0)
    {
      g_autofree char *member_path = okc_json_path_member (path, "credited_payout_id");

      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member_path,
                          "is the payout paid short itself");
      return NULL;
    }

  self = g_object_new (OKC_TYPE_PAYOUT_ADJUSTMENT, NULL);
  self->id = g_strdup (id);
  self->payout_id = g_strdup (payout_id);
  self->amount = amount;
  self->reason = g_strdup (reason);
  self->ticket_id = g_strdup (ticket_id);
  self->created_by_id = g_strdup (by_id);
  self->created_by_name = g_strdup (by_name);
  self->created_at = created_at;
  self->credited_payout_id = g_strdup (credited_payout_id);
  return self;
}

/**
 * okc_payout_adjustment_to_json:
 *
 * Returns: (transfer full): the Adjustment, as okc_payout_adjustment_new_from_json() reads it.
 */
JsonNode *
okc_payout_adjustment_to_json (OkcPayoutAdjustment *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_PAYOUT_ADJUSTMENT (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->id);
  okc_json_builder_add_string (builder, "payout_id", self->payout_id);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_value (builder, okc_money_to_json (&self->amount));
  okc_json_builder_add_string (builder, "reason", self->reason);
  okc_json_builder_add_string (builder, "ticket_id", self->ticket_id);
  json_builder_set_member_name (builder, "created_by");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->created_by_id);
  okc_json_builder_add_string (builder, "name", self->created_by_name);
  json_builder_end_object (builder);
  okc_json_builder_add_time (builder, "created_at", self->created_at);
  okc_json_builder_add_string (builder, "credited_payout_id", self->credited_payout_id);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

const char *
okc_payout_adjustment_get_id (OkcPayoutAdjustment *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_ADJUSTMENT (self), NULL);
  return self->id;
}

const char *
okc_payout_adjustment_get_payout_id (OkcPayoutAdjustment *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_ADJUSTMENT (self), NULL);
  return self->payout_id;
}

void
okc_payout_adjustment_get_amount (OkcPayoutAdjustment *self,
                                  OkcMoney            *out)
{
  g_return_if_fail (OKC_IS_PAYOUT_ADJUSTMENT (self) && out != NULL);
  *out = self->amount;
}

const char *
okc_payout_adjustment_get_reason (OkcPayoutAdjustment *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_ADJUSTMENT (self), NULL);
  return self->reason;
}

const char *
okc_payout_adjustment_get_ticket_id (OkcPayoutAdjustment *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_ADJUSTMENT (self), NULL);
  return self->ticket_id;
}

const char *
okc_payout_adjustment_get_created_by_id (OkcPayoutAdjustment *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_ADJUSTMENT (self), NULL);
  return self->created_by_id;
}

const char *
okc_payout_adjustment_get_created_by_name (OkcPayoutAdjustment *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_ADJUSTMENT (self), NULL);
  return self->created_by_name;
}

gint64
okc_payout_adjustment_get_created_at (OkcPayoutAdjustment *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_ADJUSTMENT (self), 0);
  return self->created_at;
}

const char *
okc_payout_adjustment_get_credited_payout_id (OkcPayoutAdjustment *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_ADJUSTMENT (self), NULL);
  return self->credited_payout_id;
}
