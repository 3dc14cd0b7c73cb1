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
#include <inttypes.h>

/* A note is the agent's sentence or two for the audit log, not a document. */
#define OKC_REFUND_NOTE_MAX_BYTES 2000
/* No session bills more lines than this; a longer list is not a refund by lines. */
#define OKC_REFUND_LINES_MAX 256

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
  GArray *lines;              /* guint indexes into the session's billed lines */
  char *reviewed_by_id;       /* NULL until reviewed */
  char *reviewed_by_name;
  gint64 reviewed_at;         /* 0 until reviewed */
  char *review_comment;       /* NULL until reviewed */
  char *failure_reason;       /* NULL unless failed */
  gint64 settled_at;          /* 0 until settled */
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
  g_array_unref (self->lines);
  g_free (self->reviewed_by_id);
  g_free (self->reviewed_by_name);
  g_free (self->review_comment);
  g_free (self->failure_reason);

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
  self->lines = g_array_new (FALSE, FALSE, sizeof (guint));
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

/**
 * okc_refund_set_lines:
 * @lines: (array length=n_lines): indexes into the session's billed lines
 *
 * Makes the refund one by line items; its amount is theirs (okc_refund_check_lines()).
 */
void
okc_refund_set_lines (OkcRefund   *self,
                      const guint *lines,
                      guint        n_lines)
{
  g_return_if_fail (OKC_IS_REFUND (self));
  g_return_if_fail (lines != NULL || n_lines == 0);

  g_array_set_size (self->lines, 0);
  g_array_append_vals (self->lines, lines, n_lines);
}

/**
 * okc_refund_set_review:
 * @status: %OKC_REFUND_STATUS_PROCESSING when approved, %OKC_REFUND_STATUS_REJECTED
 * @comment: the supervisor's comment, "" when none
 *
 * What the backend adds when a supervisor reviews the request.
 */
void
okc_refund_set_review (OkcRefund       *self,
                       OkcRefundStatus  status,
                       const char      *reviewed_by_id,
                       const char      *reviewed_by_name,
                       gint64           reviewed_at,
                       const char      *comment)
{
  g_return_if_fail (OKC_IS_REFUND (self));
  g_return_if_fail (reviewed_by_id != NULL && reviewed_by_name != NULL && comment != NULL);

  self->status = status;
  g_free (self->reviewed_by_id);
  self->reviewed_by_id = g_strdup (reviewed_by_id);
  g_free (self->reviewed_by_name);
  self->reviewed_by_name = g_strdup (reviewed_by_name);
  self->reviewed_at = reviewed_at;
  g_free (self->review_comment);
  self->review_comment = g_strdup (comment);
}

/**
 * okc_refund_set_settlement:
 * @status: %OKC_REFUND_STATUS_SUCCEEDED or %OKC_REFUND_STATUS_FAILED
 * @failure_reason: (nullable): why it failed, %NULL when it succeeded
 *
 * What the payment processor answered.
 */
void
okc_refund_set_settlement (OkcRefund       *self,
                           OkcRefundStatus  status,
                           const char      *failure_reason,
                           gint64           settled_at)
{
  g_return_if_fail (OKC_IS_REFUND (self));
  g_return_if_fail ((status == OKC_REFUND_STATUS_FAILED) == (failure_reason != NULL));

  self->status = status;
  g_free (self->failure_reason);
  self->failure_reason = g_strdup (failure_reason);
  self->settled_at = settled_at;
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
    return fail (error, path, "amount", _("is more than zero"));
  return TRUE;
}

/* `lines`: distinct indexes, each a non-negative integer; whether the session has them is
 * okc_refund_check_lines()'s to say. */
static gboolean
read_lines (JsonObject    *object,
            const char    *path,
            OkcJsonFlags   flags,
            GArray        *out,
            GError       **error)
{
  g_autofree char *member_path = okc_json_path_member (path, "lines");
  JsonArray *array = NULL;
  guint n;

  if (!okc_json_read_array (object, path, "lines", flags, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;
  n = json_array_get_length (array);
  if (n > OKC_REFUND_LINES_MAX)
    return fail (error, path, "lines", _("has more lines than any session bills"));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 index;

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_INT64 ||
          (index = json_node_get_int (element)) < 0 || index >= G_MAXINT)
        {
          g_autofree char *element_path = okc_json_path_index (member_path, i);

          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, element_path,
                              "is not a line index (an integer from 0)");
          return FALSE;
        }
      for (guint j = 0; j < out->len; j++)
        if (g_array_index (out, guint, j) == (guint) index)
          {
            okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member_path,
                                "names line %" PRId64 " twice", index);
            return FALSE;
          }
      g_array_append_vals (out, &(guint) { (guint) index }, 1);
    }
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
    return fail (error, path, "note", _("is at most 2000 bytes"));
  if (!g_utf8_validate (*note, -1, NULL))
    return fail (error, path, "note", _("is not valid UTF-8"));
  return TRUE;
}

/* What a review and the settlement added: all present, null until they happened. */
static gboolean
read_outcome_members (JsonObject  *object,
                      const char  *path,
                      OkcRefund   *self,
                      GError     **error)
{
  g_autofree char *by_path = okc_json_path_member (path, "reviewed_by");
  const char *by_id = NULL, *by_name = NULL, *comment = NULL, *failure_reason = NULL;
  JsonObject *by = NULL;
  gint64 reviewed_at = 0, settled_at = 0;

  if (!okc_json_read_object (object, path, "reviewed_by", OKC_JSON_NULLABLE, &by, error) ||
      (by != NULL &&
       (!okc_json_read_string (by, by_path, "id", OKC_JSON_NOT_EMPTY, &by_id, error) ||
        !okc_json_read_string (by, by_path, "name", OKC_JSON_REQUIRED, &by_name, error))) ||
      !okc_json_read_time (object, path, "reviewed_at", OKC_JSON_NULLABLE, &reviewed_at,
                           error) ||
      !okc_json_read_string (object, path, "review_comment", OKC_JSON_NULLABLE, &comment,
                             error) ||
      !okc_json_read_string (object, path, "failure_reason", OKC_JSON_NULLABLE | OKC_JSON_NOT_EMPTY,
                             &failure_reason, error) ||
      !okc_json_read_time (object, path, "settled_at", OKC_JSON_NULLABLE, &settled_at, error))
    return FALSE;

  /* A review is its reviewer, time and comment together, or none of them. */
  if ((by != NULL) != (reviewed_at != 0) || (by != NULL) != (comment != NULL))
    return fail (error, path, by != NULL ? "reviewed_at" : "reviewed_by",
                 _("reviewed_by, reviewed_at and review_comment are set together"));
  if ((failure_reason != NULL) != (self->status == OKC_REFUND_STATUS_FAILED))
    return fail (error, path, "failure_reason", _("is set exactly when the refund failed"));
  if ((settled_at != 0) != (self->status == OKC_REFUND_STATUS_SUCCEEDED ||
                            self->status == OKC_REFUND_STATUS_FAILED))
    return fail (error, path, "settled_at", _("is set exactly when the refund was settled"));

  if (by != NULL)
    {
      OkcRefundStatus status = self->status;

      okc_refund_set_review (self, status, by_id, by_name, reviewed_at, comment);
    }
  if (settled_at != 0)
    okc_refund_set_settlement (self, self->status, failure_reason, settled_at);
  return TRUE;
}

/**
 * okc_refund_new_from_json:
 * @node: the Refund of docs/actions.md: {"id", "session_id", "ticket_id" (nullable),
 *   "amount", "lines", "reason", "note", "finding_kind" (nullable), "status",
 *   "requested_by": {"id", "name"}, "requested_at", "reviewed_by" (nullable {"id", "name"}),
 *   "reviewed_at", "review_comment", "failure_reason", "settled_at" (each nullable)}
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
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
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
      !read_lines (object, path, OKC_JSON_REQUIRED, lines, error) ||
      !okc_json_read_enum (object, path, "status", OKC_TYPE_REFUND_STATUS, OKC_JSON_REQUIRED,
                           &status, error) ||
      !okc_json_read_object (object, path, "requested_by", OKC_JSON_REQUIRED, &by, error) ||
      !okc_json_read_string (by, by_path, "id", OKC_JSON_NOT_EMPTY, &by_id, error) ||
      !okc_json_read_string (by, by_path, "name", OKC_JSON_REQUIRED, &by_name, error) ||
      !okc_json_read_time (object, path, "requested_at", OKC_JSON_REQUIRED, &requested_at,
                           error))
    return NULL;

  self = okc_refund_new (session_id, &amount, reason, note, ticket_id, finding_kind);
  okc_refund_set_lines (self, (const guint *) lines->data, lines->len);
  okc_refund_set_recorded (self, id, status, by_id, by_name, requested_at);
  if (!read_outcome_members (object, path, self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * okc_refund_new_from_request:
 * @body: the POST /v1/refunds body: {"session_id", "amount", "lines"?, "reason", "note",
 *   "ticket_id"?, "finding_kind"?}
 *
 * Strict, as for every input the backend validates: an unknown member is an error too.
 * Whether the amount is still refundable, and whether the session has the lines, are the
 * backend's to judge (okc_refund_check_lines()).
 *
 * Returns: (transfer full) (nullable): the request, or %NULL with an #OKC_DATA_ERROR naming
 *   the member ("amount").
 */
OkcRefund *
okc_refund_new_from_request (JsonNode  *body,
                             GError   **error)
{
  static const char * const members[] = {
    "session_id", "amount", "lines", "reason", "note", "ticket_id", "finding_kind", NULL
  };
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  OkcRefund *self;
  const char *session_id = NULL, *note = NULL, *ticket_id = NULL;
  int reason = 0, finding_kind = -1;
  JsonObject *object;
  OkcMoney amount;

  object = okc_json_node_get_object (body, NULL, error);
  if (object == NULL || !okc_json_check_members (object, NULL, members, error) ||
      !read_request_members (object, NULL, OKC_JSON_OPTIONAL, &session_id, &amount, &reason,
                             &note, &ticket_id, &finding_kind, error) ||
      !read_lines (object, NULL, OKC_JSON_OPTIONAL, lines, error))
    return NULL;

  self = okc_refund_new (session_id, &amount, reason, note, ticket_id, finding_kind);
  okc_refund_set_lines (self, (const guint *) lines->data, lines->len);
  return self;
}

/**
 * okc_refund_check_lines:
 * @billed: the session's billed breakdown
 *
 * A refund by line items gives back exactly those lines: each index names a line of
 * @billed and the amount is their sum, to the cent. A refund by amount (no lines) passes.
 *
 * Returns: %TRUE when it does; else an #OKC_DATA_ERROR naming `lines` or `amount`.
 */
gboolean
okc_refund_check_lines (OkcRefund         *self,
                        OkcCostBreakdown  *billed,
                        GError           **error)
{
  guint n_billed;
  gint64 sum = 0;

  g_return_val_if_fail (OKC_IS_REFUND (self), FALSE);
  g_return_val_if_fail (OKC_IS_COST_BREAKDOWN (billed), FALSE);

  if (self->lines->len == 0)
    return TRUE;
  n_billed = okc_cost_breakdown_get_n_lines (billed);
  for (guint i = 0; i < self->lines->len; i++)
    {
      guint index = g_array_index (self->lines, guint, i);

      if (index >= n_billed)
        {
          okc_data_error_set_plural (error, OKC_DATA_ERROR_INVALID, "lines",
                                     "names line %u, but the session billed %u line (0 to %d)",
                                     "names line %u, but the session billed %u lines (0 to %d)",
                                     n_billed, index, n_billed, (int) n_billed - 1);
          return FALSE;
        }
      sum += okc_cost_breakdown_get_line (billed, index)->amount;
    }
  if (g_strcmp0 (self->amount.currency, okc_cost_breakdown_get_currency (billed)) == 0 &&
      sum == self->amount.amount)
    return TRUE;

  {
    OkcMoney sum_money;
    g_autofree char *sum_text = NULL, *amount_text = okc_money_format (&self->amount);

    okc_money_init (&sum_money, sum, okc_cost_breakdown_get_currency (billed));
    sum_text = okc_money_format (&sum_money);
    okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "amount",
                        "%s is not the %s the refunded lines add up to", amount_text,
                        sum_text);
  }
  return FALSE;
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

static void
add_lines (OkcRefund   *self,
           JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->lines->len; i++)
    json_builder_add_int_value (builder, g_array_index (self->lines, guint, i));
  json_builder_end_array (builder);
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

static void
add_outcome_members (OkcRefund   *self,
                     JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "reviewed_by");
  if (self->reviewed_by_id != NULL)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", self->reviewed_by_id);
      okc_json_builder_add_string (builder, "name", self->reviewed_by_name);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  add_optional_time (builder, "reviewed_at", self->reviewed_at);
  okc_json_builder_add_string (builder, "review_comment", self->review_comment);
  okc_json_builder_add_string (builder, "failure_reason", self->failure_reason);
  add_optional_time (builder, "settled_at", self->settled_at);
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
  add_lines (self, builder);
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
  add_outcome_members (self, builder);
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
  if (self->lines->len > 0)
    add_lines (self, builder);
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

/**
 * okc_refund_get_lines:
 * @n_lines: (out): how many
 *
 * Returns: (array length=n_lines) (transfer none): the billed lines refunded, none for a
 *   refund by amount.
 */
const guint *
okc_refund_get_lines (OkcRefund *self,
                      guint     *n_lines)
{
  g_return_val_if_fail (OKC_IS_REFUND (self) && n_lines != NULL, NULL);
  *n_lines = self->lines->len;
  return (const guint *) self->lines->data;
}

/**
 * okc_refund_get_reviewed_by_id:
 *
 * Returns: (nullable): the supervisor who approved or rejected it, %NULL until then.
 */
const char *
okc_refund_get_reviewed_by_id (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), NULL);
  return self->reviewed_by_id;
}

const char *
okc_refund_get_reviewed_by_name (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), NULL);
  return self->reviewed_by_name;
}

/**
 * okc_refund_get_reviewed_at:
 *
 * Returns: seconds since the epoch, 0 until reviewed.
 */
gint64
okc_refund_get_reviewed_at (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), 0);
  return self->reviewed_at;
}

/**
 * okc_refund_get_review_comment:
 *
 * Returns: (nullable): the reviewer's comment ("" when they gave none), %NULL until reviewed.
 */
const char *
okc_refund_get_review_comment (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), NULL);
  return self->review_comment;
}

/**
 * okc_refund_get_failure_reason:
 *
 * Returns: (nullable): why the payment processor could not refund it.
 */
const char *
okc_refund_get_failure_reason (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), NULL);
  return self->failure_reason;
}

/**
 * okc_refund_get_settled_at:
 *
 * Returns: seconds since the epoch, 0 until settled.
 */
gint64
okc_refund_get_settled_at (OkcRefund *self)
{
  g_return_val_if_fail (OKC_IS_REFUND (self), 0);
  return self->settled_at;
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
      return C_("refund status", "Failed");
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
