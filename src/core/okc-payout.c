/* okc-payout.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "okc-payout.h"

#include "okc-error.h"
#include "okc-json.h"
#include "okc-time.h"

#define OKC_PAYOUT_DATE_LENGTH 10

struct _OkcPayout
{
  GObject parent_instance;

  char *id;
  char *host_account_id;
  char *property_id;
  char *property_name;
  char period_from[OKC_PAYOUT_DATE_LENGTH + 1];
  char period_to[OKC_PAYOUT_DATE_LENGTH + 1];
  gint64 period_start;
  gint64 cutoff_at;
  OkcMoney amount;
  OkcPayoutStatus status;
  gint64 initiated_at;        /* 0: not sent */
  gint64 arrival_at;          /* 0: none */
  char *failure_reason;       /* NULL unless failed */
  char *bank_last4;           /* nullable */
};

G_DEFINE_FINAL_TYPE (OkcPayout, okc_payout, G_TYPE_OBJECT)

static void
okc_payout_finalize (GObject *object)
{
  OkcPayout *self = OKC_PAYOUT (object);

  g_free (self->id);
  g_free (self->host_account_id);
  g_free (self->property_id);
  g_free (self->property_name);
  g_free (self->failure_reason);
  g_free (self->bank_last4);

  G_OBJECT_CLASS (okc_payout_parent_class)->finalize (object);
}

static void
okc_payout_class_init (OkcPayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_payout_finalize;
}

static void
okc_payout_init (OkcPayout *self)
{
  (void) self;
}

static gboolean
fail (GError     **error,
      const char  *path,
      const char  *member,
      const char  *why)
{
  g_autofree char *member_path = okc_json_path_member (path, member);

  okc_data_error_set_literal (error, OKC_DATA_ERROR_INVALID, member_path, why);
  return FALSE;
}

static gboolean
read_date (JsonObject  *object,
           const char  *path,
           const char  *member,
           char         out[OKC_PAYOUT_DATE_LENGTH + 1],
           GDate       *out_date,
           GError     **error)
{
  const char *text = NULL;

  if (!okc_json_read_string (object, path, member, OKC_JSON_REQUIRED, &text, error))
    return FALSE;
  if (!okc_date_parse (text, out_date))
    {
      g_autofree char *member_path = okc_json_path_member (path, member);

      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member_path,
                          "“%s” is not a date such as 2026-11-02", text);
      return FALSE;
    }
  g_strlcpy (out, text, OKC_PAYOUT_DATE_LENGTH + 1);
  return TRUE;
}

/* The week: its dates in order, and its instants [period_start, cutoff_at) in order. */
static gboolean
read_period (JsonObject  *object,
             const char  *path,
             OkcPayout   *self,
             GError     **error)
{
  GDate from, to;

  if (!read_date (object, path, "period_from", self->period_from, &from, error) ||
      !read_date (object, path, "period_to", self->period_to, &to, error) ||
      !okc_json_read_time (object, path, "period_start", OKC_JSON_REQUIRED,
                           &self->period_start, error) ||
      !okc_json_read_time (object, path, "cutoff_at", OKC_JSON_REQUIRED, &self->cutoff_at,
                           error))
    return FALSE;
  if (g_date_compare (&from, &to) > 0)
    return fail (error, path, "period_to", _("is before period_from"));
  if (self->cutoff_at <= self->period_start)
    return fail (error, path, "cutoff_at", _("is not after period_start"));
  return TRUE;
}

/* Nothing is ever taken back from a host by a payout: a negative balance is carried over. */
static gboolean
read_amount (JsonObject  *object,
             const char  *path,
             OkcPayout   *self,
             GError     **error)
{
  g_autofree char *member_path = okc_json_path_member (path, "amount");
  JsonNode *node = json_object_get_member (object, "amount");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, member_path, "is required");
      return FALSE;
    }
  if (!okc_money_from_json (node, member_path, &self->amount, error))
    return FALSE;
  if (self->amount.amount < 0)
    return fail (error, path, "amount", _("is negative"));
  return TRUE;
}

static gboolean
status_was_sent (OkcPayoutStatus status)
{
  return status == OKC_PAYOUT_STATUS_IN_TRANSIT || status == OKC_PAYOUT_STATUS_PAID ||
         status == OKC_PAYOUT_STATUS_FAILED;
}

/* The statuses table of docs/payouts.md: what the bank's side says, for each status. A
 * failed payout may keep the arrival it was expected at, or not. */
static gboolean
read_bank_side (JsonObject  *object,
                const char  *path,
                OkcPayout   *self,
                GError     **error)
{
  const char *failure_reason = NULL, *bank_last4 = NULL;
  gboolean sent = status_was_sent (self->status);

  if (!okc_json_read_time (object, path, "initiated_at", OKC_JSON_NULLABLE,
                           &self->initiated_at, error) ||
      !okc_json_read_time (object, path, "arrival_at", OKC_JSON_NULLABLE, &self->arrival_at,
                           error) ||
      !okc_json_read_string (object, path, "failure_reason",
                             OKC_JSON_NULLABLE | OKC_JSON_NOT_EMPTY, &failure_reason, error) ||
      !okc_json_read_string (object, path, "bank_last4", OKC_JSON_NULLABLE, &bank_last4,
                             error))
    return FALSE;

  if ((self->initiated_at != 0) != sent)
    return fail (error, path, "initiated_at",
                 sent ? _("is required once a payout was sent")
                      : _("is set only once a payout was sent"));
  if (self->status != OKC_PAYOUT_STATUS_FAILED && (self->arrival_at != 0) != sent)
    return fail (error, path, "arrival_at",
                 sent ? _("is required once a payout was sent")
                      : _("is set only once a payout was sent"));
  if (self->arrival_at != 0 && self->arrival_at < self->initiated_at)
    return fail (error, path, "arrival_at", _("is before initiated_at"));
  if ((failure_reason != NULL) != (self->status == OKC_PAYOUT_STATUS_FAILED))
    return fail (error, path, "failure_reason", _("is set exactly when the payout failed"));
  if (self->status == OKC_PAYOUT_STATUS_CARRIED_OVER && self->amount.amount != 0)
    return fail (error, path, "amount", _("is 0 for a payout carried over"));
  if (bank_last4 != NULL &&
      (strlen (bank_last4) != 4 || strspn (bank_last4, "0123456789") != 4))
    return fail (error, path, "bank_last4", _("is not the last 4 digits of an account"));

  self->failure_reason = g_strdup (failure_reason);
  self->bank_last4 = g_strdup (bank_last4);
  return TRUE;
}

/**
 * okc_payout_new_from_json:
 * @node: the Payout of docs/payouts.md: {"id", "host_account_id", "property_id",
 *   "property_name", "period_from", "period_to", "period_start", "cutoff_at", "amount",
 *   "status", "initiated_at", "arrival_at", "failure_reason", "bank_last4" (the last four
 *   nullable)}
 * @path: (nullable): where @node is, for errors
 *
 * Returns: (transfer full) (nullable): the payout, or %NULL with an #OKC_DATA_ERROR naming
 *   the member.
 */
OkcPayout *
okc_payout_new_from_json (JsonNode    *node,
                          const char  *path,
                          GError     **error)
{
  const char *id = NULL, *host_account_id = NULL, *property_id = NULL, *property_name = NULL;
  g_autoptr(OkcPayout) self = g_object_new (OKC_TYPE_PAYOUT, NULL);
  int status = 0;
  JsonObject *object;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !okc_json_read_string (object, path, "host_account_id", OKC_JSON_NOT_EMPTY,
                             &host_account_id, error) ||
      !okc_json_read_string (object, path, "property_id", OKC_JSON_NOT_EMPTY, &property_id,
                             error) ||
      !okc_json_read_string (object, path, "property_name", OKC_JSON_REQUIRED, &property_name,
                             error) ||
      !read_period (object, path, self, error) ||
      !read_amount (object, path, self, error) ||
      !okc_json_read_enum (object, path, "status", OKC_TYPE_PAYOUT_STATUS, OKC_JSON_REQUIRED,
                           &status, error))
    return NULL;

  self->status = status;
  if (!read_bank_side (object, path, self, error))
    return NULL;
  self->id = g_strdup (id);
  self->host_account_id = g_strdup (host_account_id);
  self->property_id = g_strdup (property_id);
  self->property_name = g_strdup (property_name);
  return g_steal_pointer (&self);
}

static void
add_optional_time (JsonBuilder *builder,
                   const char  *member,
                   gint64       unix_time)
{
  if (unix_time != 0)
    okc_json_builder_add_time (builder, member, unix_time);
  else
    okc_json_builder_add_string (builder, member, NULL);
}

/**
 * okc_payout_to_json:
 *
 * Returns: (transfer full): the Payout of docs/payouts.md, as okc_payout_new_from_json()
 *   reads it.
 */
JsonNode *
okc_payout_to_json (OkcPayout *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_PAYOUT (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->id);
  okc_json_builder_add_string (builder, "host_account_id", self->host_account_id);
  okc_json_builder_add_string (builder, "property_id", self->property_id);
  okc_json_builder_add_string (builder, "property_name", self->property_name);
  okc_json_builder_add_string (builder, "period_from", self->period_from);
  okc_json_builder_add_string (builder, "period_to", self->period_to);
  okc_json_builder_add_time (builder, "period_start", self->period_start);
  okc_json_builder_add_time (builder, "cutoff_at", self->cutoff_at);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_value (builder, okc_money_to_json (&self->amount));
  okc_json_builder_add_string (builder, "status",
                               okc_enum_to_nick (OKC_TYPE_PAYOUT_STATUS, self->status));
  add_optional_time (builder, "initiated_at", self->initiated_at);
  add_optional_time (builder, "arrival_at", self->arrival_at);
  okc_json_builder_add_string (builder, "failure_reason", self->failure_reason);
  okc_json_builder_add_string (builder, "bank_last4", self->bank_last4);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

const char *
okc_payout_get_id (OkcPayout *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT (self), NULL);
  return self->id;
}

const char *
okc_payout_get_host_account_id (OkcPayout *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT (self), NULL);
  return self->host_account_id;
}

const char *
okc_payout_get_property_id (OkcPayout *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT (self), NULL);
  return self->property_id;
}

const char *
okc_payout_get_property_name (OkcPayout *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT (self), NULL);
  return self->property_name;
}

const char *
okc_payout_get_period_from (OkcPayout *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT (self), NULL);
  return self->period_from;
}

const char *
okc_payout_get_period_to (OkcPayout *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT (self), NULL);
  return self->period_to;
}

gint64
okc_payout_get_period_start (OkcPayout *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT (self), 0);
  return self->period_start;
}

gint64
okc_payout_get_cutoff_at (OkcPayout *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT (self), 0);
  return self->cutoff_at;
}

void
okc_payout_get_amount (OkcPayout *self,
                       OkcMoney  *out)
{
  g_return_if_fail (OKC_IS_PAYOUT (self) && out != NULL);
  *out = self->amount;
}

OkcPayoutStatus
okc_payout_get_status (OkcPayout *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT (self), OKC_PAYOUT_STATUS_SCHEDULED);
  return self->status;
}

gint64
okc_payout_get_initiated_at (OkcPayout *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT (self), 0);
  return self->initiated_at;
}

gint64
okc_payout_get_arrival_at (OkcPayout *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT (self), 0);
  return self->arrival_at;
}

const char *
okc_payout_get_failure_reason (OkcPayout *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT (self), NULL);
  return self->failure_reason;
}

const char *
okc_payout_get_bank_last4 (OkcPayout *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT (self), NULL);
  return self->bank_last4;
}

/* The words an agent reads to a host on the phone. */
const char *
okc_payout_status_get_label (OkcPayoutStatus status)
{
  switch (status)
    {
    case OKC_PAYOUT_STATUS_SCHEDULED:
      return _("Scheduled");
    case OKC_PAYOUT_STATUS_IN_TRANSIT:
      return _("In transit");
    case OKC_PAYOUT_STATUS_PAID:
      return _("Paid");
    case OKC_PAYOUT_STATUS_FAILED:
      return C_("payout status", "Failed");
    case OKC_PAYOUT_STATUS_CARRIED_OVER:
      return _("Carried over");
    default:
      g_return_val_if_reached (NULL);
    }
}
