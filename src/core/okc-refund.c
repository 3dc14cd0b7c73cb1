/* okc-refund.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "okc-refund.h"

#include "okc-error.h"
#include "okc-json.h"

/* A note is the agent's sentence or two for the audit log, not a document. */
#define OKC_REFUND_NOTE_MAX_BYTES 2000

struct _OkcRefund
{
  GObject parent_instance;

  char *id;                   /* NULL until recorded */
  char *session_id;
  char *ticket_id;            /* nullable */
  OkcMoney amount;
  OkcRefundReason reason;
  char *note;
  int finding_kind;           /* -1: none */
  OkcRefundStatus status;
  char *requested_by_id;      /* NULL until recorded */
  char *requested_by_name;
  gint64 requested_at;        /* 0 until recorded */
};

G_DEFINE_FINAL_TYPE (OkcRefund, okc_refund, G_TYPE_OBJECT)

static void
okc_refund_finalize (GObject *object)
{
  OkcRefund *self = OKC_REFUND (object);

  g_free (self->id);
  g_free (self->session_id);
  g_free (self->ticket_id);
  g_free (self->note);
  g_free (self->requested_by_id);
  g_free (self->requested_by_name);

  G_OBJECT_CLASS (okc_refund_parent_class)->finalize (object);
}

static void
okc_refund_class_init (OkcRefundClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_refund_finalize;
}

static void
okc_refund_init (OkcRefund *self)
{
  self->finding_kind = -1;
  self->status = OKC_REFUND_STATUS_PENDING_APPROVAL;
}

/**
 * okc_refund_new:
 * @note: (nullable): the agent's note, "" when none
 * @ticket_id: (nullable): the ticket it answers
 * @finding_kind: an #OkcFindingKind, or -1 for none
 *
 * Returns: (transfer full): a request, not yet recorded.
 */
OkcRefund *
okc_refund_new (const char      *session_id,
                const OkcMoney  *amount,
                OkcRefundReason  reason,
                const char      *note,
                const char      *ticket_id,
                int              finding_kind)
{
  OkcRefund *self;

  g_return_val_if_fail (session_id != NULL && amount != NULL, NULL);
  g_return_val_if_fail (finding_kind >= -1 && finding_kind <= OKC_FINDING_KIND_BILLING_MISMATCH,
                        NULL);

  self = g_object_new (OKC_TYPE_REFUND, NULL);
  self->session_id = g_strdup (session_id);
  self->amount = *amount;
  self->reason = reason;
  self->note = g_strdup (note != NULL ? note : "");
  self->ticket_id = g_strdup (ticket_id);
  self->finding_kind = finding_kind;
  return self;
}

/**
 * okc_refund_set_recorded:
 * @id: the backend's "RFD-000001"
 * @requested_at: seconds since the epoch
 *
 * What the backend adds when it records the request.
 */
void
okc_refund_set_recorded (OkcRefund       *self,
                         const char      *id,
                         OkcRefundStatus  status,
                         const char      *requested_by_id,
                         const char      *requested_by_name,
                         gint64           requested_at)
{
  g_return_if_fail (OKC_IS_REFUND (self));
  g_return_if_fail (id != NULL && requested_by_id != NULL && requested_by_name != NULL);

  g_free (self->id);
  self->id = g_strdup (id);
  self->status = status;
  g_free (self->requested_by_id);
  self->requested_by_id = g_strdup (requested_by_id);
  g_free (self->requested_by_name);
  self->requested_by_name = g_strdup (requested_by_name);
  self->requested_at = requested_at;
}

static gboolean
fail (GError     **error,
      const char  *path,
      const char  *member,
      const char  *why)
{
  g_autofree char *member_path = okc_json_path_member (path, member);

  okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member_path, "%s", why);
  return FALSE;
}

/* A refund is money going back: more than nothing, in a known currency. */
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
    return fail (error, path, "amount", "is more than zero");
  return TRUE;
}

/* The members a request and a recorded refund share. */
static gboolean
read_request_members (JsonObject   *object,
                      const char   *path,
                      OkcJsonFlags  ticket_flags,
                      const char  **session_id,
                      OkcMoney     *amount,
                      int          *reason,
                      const char  **note,
                      const char  **ticket_id,
                      int          *finding_kind,
                      GError      **error)
{
  if (!okc_json_read_string (object, path, "session_id", OKC_JSON_NOT_EMPTY, session_id, error) ||
      !read_amount (object, path, amount, error) ||
      !okc_json_read_enum (object, path, "reason", OKC_TYPE_REFUND_REASON, OKC_JSON_REQUIRED,
                           reason, error) ||
      !okc_json_read_string (object, path, "note", OKC_JSON_REQUIRED, note, error) ||
      !okc_json_read_string (object, path, "ticket_id", ticket_flags | OKC_JSON_NOT_EMPTY,
                             ticket_id, error) ||
      !okc_json_read_enum (object, path, "finding_kind", OKC_TYPE_FINDING_KIND, ticket_flags,
                           finding_kind, error))
    return FALSE;
  if (strlen (*note) > OKC_REFUND_NOTE_MAX_BYTES)
    return fail (error, path, "note", "is at most 2000 bytes");
  if (!g_utf8_validate (*note, -1, NULL))
    return fail (error, path, "note", "is not valid UTF-8");
  return TRUE;
}

/**
 * okc_refund_new_from_json:
 * @node: the Refund of docs/sessions.md: {"id", "session_id", "ticket_id" (nullable),
 *   "amount", "reason", "note", "finding_kind" (nullable), "status", "requested_by":
 *   {"id", "name"}, "requested_at"}
 * @path: (nullable): where @node is, for errors
 *
 * Returns: (transfer full) (nullable): the refund, or %NULL with an #OKC_DATA_ERROR.
 */
OkcRefund *
okc_refund_new_from_json (JsonNode    *node,
                          const char  *path,
                          GError     **error)
{
  const char *id = NULL, *session_id = NULL, *note = NULL, *ticket_id = NULL;
  const char *by_id = NULL, *by_name = NULL;
  g_autofree char *by_path = okc_json_path_member (path, "requested_by");
  int reason = 0, finding_kind = -1, status = 0;
  g_autoptr(OkcRefund) self = NULL;
  JsonObject *object, *by = NULL;
  gint64 requested_at = 0;
  OkcMoney amount;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !read_request_members (object, path, OKC_JSON_NULLABLE, &session_id, &amount, &reason,
                             &note, &ticket_id, &finding_kind, error) ||
      !okc_json_read_enum (object, path, "status", OKC_TYPE_REFUND_STATUS, OKC_JSON_REQUIRED,
                           &status, error) ||
      !okc_json_read_object (object, path, "requested_by", OKC_JSON_REQUIRED, &by, error) ||
      !okc_json_read_string (by, by_path, "id", OKC_JSON_NOT_EMPTY, &by_id, error) ||
      !okc_json_read_string (by, by_path, "name", OKC_JSON_REQUIRED, &by_name, error) ||
      !okc_json_read_time (object, path, "requested_at", OKC_JSON_REQUIRED, &requested_at,
                           error))
    return NULL;

  self = okc_refund_new (session_id, &amount, reason, note, ticket_id, finding_kind);
  okc_refund_set_recorded (self, id, status, by_id, by_name, requested_at);
  return g_steal_pointer (&self);
}

/**
 * okc_refund_new_from_request:
 * @body: the POST /v1/refunds body: {"session_id", "amount", "reason", "note",
 *   "ticket_id"?, "finding_kind"?}
 *
 * Strict, as for every input the backend validates: an unknown member is an error too.
 * Whether the amount is still refundable is the backend's to judge.
 *
 * Returns: (transfer full) (nullable): the request, or %NULL with an #OKC_DATA_ERROR naming
 *   the member ("amount").
 */
OkcRefund *
okc_refund_new_from_request (JsonNode  *body,
                             GError   **error)
{
  static const char * const members[] = {
    "session_id", "amount", "reason", "note", "ticket_id", "finding_kind", NULL
  };
  const char *session_id = NULL, *note = NULL, *ticket_id = NULL;
  int reason = 0, finding_kind = -1;
  JsonObject *object;
  OkcMoney amount;

  object = okc_json_node_get_object (body, NULL, error);
  if (object == NULL || !okc_json_check_members (object, NULL, members, error) ||
      !read_request_members (object, NULL, OKC_JSON_OPTIONAL, &session_id, &amount, &reason,
                             &note, &ticket_id, &finding_kind, error))
    return NULL;

  return okc_refund_new (session_id, &amount, reason, note, ticket_id, finding_kind);
}

static void
add_request_members (OkcRefund   *self,
                     JsonBuilder *builder,
                     gboolean     nulls)
{
  okc_json_builder_add_string (builder, "session_id", self->session_id);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_value (builder, okc_money_to_json (&self->amount));
  okc_json_builder_add_string (builder, "reason",
                               okc_enum_to_nick (OKC_TYPE_REFUND_REASON, self->reason));
  okc_json_builder_add_string (builder, "note", self->note);
  if (self->ticket_id != NULL || nulls)
    okc_json_builder_add_string (builder, "ticket_id", self->ticket_id);
  if (self->finding_kind >= 0 || nulls)
    okc_json_builder_add_string (builder, "finding_kind",
                                 self->finding_kind >= 0
                                 ? okc_enum_to_nick (OKC_TYPE_FINDING_KIND, self->finding_kind)
                                 : NULL);
}

/**
 * okc_refund_to_json:
 *
 * Returns: (transfer full): a recorded refund in the shape okc_refund_new_from_json() reads.
 */
JsonNode *
okc_refund_to_json (OkcRefund *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_REFUND (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->id);
  add_request_members (self, builder, TRUE);
  okc_json_builder_add_string (builder, "status",
                               okc_enum_to_nick (OKC_TYPE_REFUND_STATUS, self->status));
  json_builder_set_member_name (builder, "requested_by");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->requested_by_id);
  okc_json_builder_add_string (builder, "name", self->requested_by_name);
  json_builder_end_object (builder);
  if (self->requested_at > 0)
    okc_json_builder_add_time (builder, "requested_at", self->requested_at);
  else
    okc_json_builder_add_string (builder, "requested_at", NULL);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_refund_to_request_json:
 *
 * Returns: (transfer full): the POST /v1/refunds body; the optional members only when set.
 */
JsonNode *
okc_refund_to_request_json (OkcRefund *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_REFUND (self), NULL);

  json_builder_begin_object (builder);
  add_request_members (self, builder, FALSE);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_refund_get_id:
 *
 * Returns: (nullable): "RFD-000001", %NULL until recorded.
 */
const char *
okc_refund_get_id (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), NULL);
  return self->id;
}

const char *
okc_refund_get_session_id (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), NULL);
  return self->session_id;
}

/**
 * okc_refund_get_ticket_id:
 *
 * Returns: (nullable): the ticket the refund answers.
 */
const char *
okc_refund_get_ticket_id (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), NULL);
  return self->ticket_id;
}

/**
 * okc_refund_get_amount:
 * @out: (out caller-allocates): the money going back
 */
void
okc_refund_get_amount (OkcRefund *self,
                       OkcMoney  *out)
{
  g_return_if_fail (OKC_IS_REFUND (self) && out != NULL);
  *out = self->amount;
}

OkcRefundReason
okc_refund_get_reason (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), 0);
  return self->reason;
}

const char *
okc_refund_get_note (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), NULL);
  return self->note;
}

/**
 * okc_refund_get_finding_kind:
 *
 * Returns: the #OkcFindingKind the refund settles, or -1.
 */
int
okc_refund_get_finding_kind (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), -1);
  return self->finding_kind;
}

OkcRefundStatus
okc_refund_get_status (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), 0);
  return self->status;
}

const char *
okc_refund_get_requested_by_id (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), NULL);
  return self->requested_by_id;
}

const char *
okc_refund_get_requested_by_name (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), NULL);
  return self->requested_by_name;
}

gint64
okc_refund_get_requested_at (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), 0);
  return self->requested_at;
}

const char *
okc_refund_reason_get_label (OkcRefundReason reason)
{
  switch (reason)
    {
    case OKC_REFUND_REASON_DUPLICATE_CHARGE:
      return _("Duplicate charge");
    case OKC_REFUND_REASON_MISCHARGE:
      return _("Mischarge");
    case OKC_REFUND_REASON_SERVICE_FAILURE:
      return _("Service failure");
    case OKC_REFUND_REASON_GOODWILL:
      return _("Goodwill");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
okc_refund_status_get_label (OkcRefundStatus status)
{
  switch (status)
    {
    case OKC_REFUND_STATUS_PENDING_APPROVAL:
      return _("Waiting for approval");
    case OKC_REFUND_STATUS_PROCESSING:
      return _("Processing");
    case OKC_REFUND_STATUS_SUCCEEDED:
      return _("Refunded");
    case OKC_REFUND_STATUS_FAILED:
      return _("Failed");
    case OKC_REFUND_STATUS_REJECTED:
      return _("Rejected");
    default:
      g_return_val_if_reached (NULL);
    }
}

OkcRefundReason
okc_refund_reason_for_finding (OkcFindingKind kind)
{
  return kind == OKC_FINDING_KIND_DOUBLE_BILLING ? OKC_REFUND_REASON_DUPLICATE_CHARGE
                                                  : OKC_REFUND_REASON_MISCHARGE;
}
