/* okc-payout-reconciliation-json.c — a reconciliation on the wire (docs/payouts.md, API), and
 * the check that its totals are what its lines give
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "okc-payout-reconciliation.h"

#include "okc-enum-types.h"
#include "okc-error.h"
#include "okc-json.h"
#include "okc-time.h"
#include <inttypes.h>

/* No property has more sessions in a week than this; a longer list is not a payout. */
#define MAX_LINES 100000

/* The members of "totals", in the order of the rules; the offsets are OkcPayoutTotals's. */
static const struct
{
  const char *name;
  gsize offset;
} total_members[] = {
  { "gross", G_STRUCT_OFFSET (OkcPayoutTotals, gross) },
  { "processing_fees", G_STRUCT_OFFSET (OkcPayoutTotals, processing_fees) },
  { "platform_fee", G_STRUCT_OFFSET (OkcPayoutTotals, platform_fee) },
  { "refunds", G_STRUCT_OFFSET (OkcPayoutTotals, refunds) },
  { "carried_in", G_STRUCT_OFFSET (OkcPayoutTotals, carried_in) },
  { "credits", G_STRUCT_OFFSET (OkcPayoutTotals, credits) },
  { "expected", G_STRUCT_OFFSET (OkcPayoutTotals, expected) },
  { "payable", G_STRUCT_OFFSET (OkcPayoutTotals, payable) },
  { "sent", G_STRUCT_OFFSET (OkcPayoutTotals, sent) },
  { "received", G_STRUCT_OFFSET (OkcPayoutTotals, received) },
  { "difference", G_STRUCT_OFFSET (OkcPayoutTotals, difference) },
};

#define TOTAL(totals, i) (*(gint64 *) (gpointer) ((char *) (totals) + total_members[i].offset))

static void
add_money (JsonBuilder *builder,
           const char  *member,
           gint64       amount,
           const char  *currency)
{
  OkcMoney money;

  okc_money_init (&money, amount, currency);
  json_builder_set_member_name (builder, member);
  json_builder_add_value (builder, okc_money_to_json (&money));
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
add_payout (JsonBuilder             *builder,
            OkcPayoutReconciliation *self)
{
  const char *currency = okc_payout_reconciliation_get_currency (self);

  json_builder_set_member_name (builder, "payout");
  json_builder_begin_object (builder);
  okc_json_builder_add_time (builder, "period_start",
                             okc_payout_reconciliation_get_period_start (self));
  okc_json_builder_add_time (builder, "cutoff_at", okc_payout_reconciliation_get_cutoff_at (self));
  okc_json_builder_add_string (builder, "status",
                               okc_enum_to_nick (OKC_TYPE_PAYOUT_STATUS,
                                                 okc_payout_reconciliation_get_status (self)));
  add_money (builder, "amount", okc_payout_reconciliation_get_sent (self), currency);
  json_builder_end_object (builder);
}

static void
add_sessions (JsonBuilder             *builder,
              OkcPayoutReconciliation *self)
{
  const char *currency = okc_payout_reconciliation_get_currency (self);
  const OkcPayoutSession *sessions;
  guint n;

  sessions = okc_payout_reconciliation_get_sessions (self, &n);
  json_builder_set_member_name (builder, "sessions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", sessions[i].id);
      okc_json_builder_add_string (builder, "charger_id", sessions[i].charger_id);
      okc_json_builder_add_time (builder, "started_at", sessions[i].started_at);
      okc_json_builder_add_time (builder, "ended_at", sessions[i].ended_at);
      add_money (builder, "gross", sessions[i].gross, currency);
      add_money (builder, "processing_fee", sessions[i].processing_fee, currency);
      okc_json_builder_add_string (builder, "placement",
                                   okc_enum_to_nick (OKC_TYPE_PAYOUT_PLACEMENT,
                                                     sessions[i].placement));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_refunds (JsonBuilder             *builder,
             OkcPayoutReconciliation *self)
{
  const char *currency = okc_payout_reconciliation_get_currency (self);
  const OkcPayoutRefund *refunds;
  guint n;

  refunds = okc_payout_reconciliation_get_refunds (self, &n);
  json_builder_set_member_name (builder, "refunds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", refunds[i].id);
      okc_json_builder_add_string (builder, "session_id", refunds[i].session_id);
      okc_json_builder_add_time (builder, "settled_at", refunds[i].settled_at);
      add_money (builder, "amount", refunds[i].amount, currency);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_carries_and_credits (JsonBuilder             *builder,
                         OkcPayoutReconciliation *self)
{
  const char *currency = okc_payout_reconciliation_get_currency (self);
  const OkcPayoutCarry *carries;
  const OkcPayoutCredit *credits;
  guint n;

  carries = okc_payout_reconciliation_get_carries (self, &n);
  json_builder_set_member_name (builder, "carried_in");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "payout_id", carries[i].payout_id);
      okc_json_builder_add_string (builder, "period_from", carries[i].period_from);
      okc_json_builder_add_string (builder, "period_to", carries[i].period_to);
      add_money (builder, "amount", carries[i].amount, currency);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  credits = okc_payout_reconciliation_get_credits (self, &n);
  json_builder_set_member_name (builder, "credits");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", credits[i].id);
      okc_json_builder_add_string (builder, "payout_id", credits[i].payout_id);
      add_money (builder, "amount", credits[i].amount, currency);
      okc_json_builder_add_string (builder, "reason", credits[i].reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * okc_payout_reconciliation_to_json:
 *
 * Returns: (transfer full) (nullable): the reconciliation, or %NULL when its totals overflow
 *   (okc_payout_reconciliation_compute() says which).
 */
JsonNode *
okc_payout_reconciliation_to_json (OkcPayoutReconciliation *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  OkcPayoutTotals totals;
  const char *currency;

  g_return_val_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self), NULL);

  if (!okc_payout_reconciliation_compute (self, &totals, NULL))
    return NULL;
  currency = okc_payout_reconciliation_get_currency (self);
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  add_payout (builder, self);
  okc_json_builder_add_string (builder, "currency", currency);
  add_int (builder, "platform_fee_bp", OKC_PAYOUT_PLATFORM_FEE_BP);
  add_money (builder, "threshold", OKC_PAYOUT_THRESHOLD, currency);
  add_sessions (builder, self);
  add_refunds (builder, self);
  add_carries_and_credits (builder, self);
  json_builder_set_member_name (builder, "totals");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (total_members); i++)
    add_money (builder, total_members[i].name, TOTAL (&totals, i), currency);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Decoding --------------------------------------------------------------------------------- */

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

/* A Money member in the reconciliation's currency. */
static gboolean
read_money (JsonObject  *object,
            const char  *path,
            const char  *member,
            const char  *currency,
            gint64      *out,
            GError     **error)
{
  g_autofree char *member_path = okc_json_path_member (path, member);
  JsonNode *node = json_object_get_member (object, member);
  OkcMoney money;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, member_path, "is required");
      return FALSE;
    }
  if (!okc_money_from_json (node, member_path, &money, error))
    return FALSE;
  if (strcmp (money.currency, currency) != 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member_path,
                          "is in %s, not the payout's %s", money.currency, currency);
      return FALSE;
    }
  *out = money.amount;
  return TRUE;
}

/* Each element of @member, an array of objects of @allowed members, to @decode. */
typedef gboolean (*LineDecoder) (OkcPayoutReconciliation *self,
                                 JsonObject              *line,
                                 const char              *path,
                                 GError                 **error);

static gboolean
read_lines (OkcPayoutReconciliation *self,
            JsonObject              *object,
            const char              *path,
            const char              *member,
            const char * const      *allowed,
            LineDecoder              decode,
            GError                 **error)
{
  g_autofree char *array_path = okc_json_path_member (path, member);
  JsonArray *array = NULL;
  guint n;

  if (!okc_json_read_array (object, path, member, OKC_JSON_REQUIRED, &array, error))
    return FALSE;
  n = json_array_get_length (array);
  if (n > MAX_LINES)
    return fail (error, path, member, _("has more lines than any payout"));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *line_path = okc_json_path_index (array_path, i);
      JsonObject *line = okc_json_node_get_object (json_array_get_element (array, i),
                                                   line_path, error);

      if (line == NULL ||
          !okc_json_check_members (line, line_path, allowed, error) ||
          !decode (self, line, line_path, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
decode_session (OkcPayoutReconciliation *self,
                JsonObject              *line,
                const char              *path,
                GError                 **error)
{
  const char *currency = okc_payout_reconciliation_get_currency (self);
  OkcPayoutSession session = { 0 };
  const OkcPayoutSession *kept;
  int placement = 0;
  guint n;

  if (!okc_json_read_string (line, path, "id", OKC_JSON_NOT_EMPTY, (const char **) &session.id,
                             error) ||
      !okc_json_read_string (line, path, "charger_id", OKC_JSON_NOT_EMPTY,
                             (const char **) &session.charger_id, error) ||
      !okc_json_read_time (line, path, "started_at", OKC_JSON_REQUIRED, &session.started_at,
                           error) ||
      !okc_json_read_time (line, path, "ended_at", OKC_JSON_REQUIRED, &session.ended_at, error) ||
      !read_money (line, path, "gross", currency, &session.gross, error) ||
      !read_money (line, path, "processing_fee", currency, &session.processing_fee, error) ||
      !okc_json_read_enum (line, path, "placement", OKC_TYPE_PAYOUT_PLACEMENT, OKC_JSON_REQUIRED,
                           &placement, error))
    return FALSE;
  if (session.ended_at < session.started_at)
    return fail (error, path, "ended_at", _("is before started_at"));
  if (session.gross < 0)
    return fail (error, path, "gross", _("is negative"));
  if (session.processing_fee < 0)
    return fail (error, path, "processing_fee", _("is negative"));
  if (!okc_payout_reconciliation_add_session (self, &session))
    return fail (error, path, "ended_at", _("is neither in the period nor deferred past it"));

  /* The engine places it by its times; the backend must have said the same. */
  kept = okc_payout_reconciliation_get_sessions (self, &n);
  for (guint i = 0; i < n; i++)
    if (kept[i].ended_at == session.ended_at && strcmp (kept[i].id, session.id) == 0 &&
        (int) kept[i].placement != placement)
      return fail (error, path, "placement", _("does not follow from the session's times"));
  return TRUE;
}

static gboolean
decode_refund (OkcPayoutReconciliation *self,
               JsonObject              *line,
               const char              *path,
               GError                 **error)
{
  OkcPayoutRefund refund = { 0 };

  if (!okc_json_read_string (line, path, "id", OKC_JSON_NOT_EMPTY, (const char **) &refund.id,
                             error) ||
      !okc_json_read_string (line, path, "session_id", OKC_JSON_NOT_EMPTY,
                             (const char **) &refund.session_id, error) ||
      !okc_json_read_time (line, path, "settled_at", OKC_JSON_REQUIRED, &refund.settled_at,
                           error) ||
      !read_money (line, path, "amount", okc_payout_reconciliation_get_currency (self),
                   &refund.amount, error))
    return FALSE;
  if (refund.amount <= 0)
    return fail (error, path, "amount", _("is more than zero"));
  if (!okc_payout_reconciliation_add_refund (self, &refund))
    return fail (error, path, "settled_at", _("is not in the period"));
  return TRUE;
}

static gboolean
decode_carry (OkcPayoutReconciliation *self,
              JsonObject              *line,
              const char              *path,
              GError                 **error)
{
  OkcPayoutCarry carry = { 0 };
  GDate date;

  if (!okc_json_read_string (line, path, "payout_id", OKC_JSON_NOT_EMPTY,
                             (const char **) &carry.payout_id, error) ||
      !okc_json_read_string (line, path, "period_from", OKC_JSON_REQUIRED,
                             (const char **) &carry.period_from, error) ||
      !okc_json_read_string (line, path, "period_to", OKC_JSON_REQUIRED,
                             (const char **) &carry.period_to, error) ||
      !read_money (line, path, "amount", okc_payout_reconciliation_get_currency (self),
                   &carry.amount, error))
    return FALSE;
  if (!okc_date_parse (carry.period_from, &date))
    return fail (error, path, "period_from", _("is not a date such as 2026-11-02"));
  if (!okc_date_parse (carry.period_to, &date))
    return fail (error, path, "period_to", _("is not a date such as 2026-11-08"));
  /* A balance carried over is below the threshold, or it would have been sent. */
  if (carry.amount >= OKC_PAYOUT_THRESHOLD)
    return fail (error, path, "amount", _("is not below the threshold, so it was not carried over"));
  okc_payout_reconciliation_add_carry (self, &carry);
  return TRUE;
}

static gboolean
decode_credit (OkcPayoutReconciliation *self,
               JsonObject              *line,
               const char              *path,
               GError                 **error)
{
  OkcPayoutCredit credit = { 0 };

  if (!okc_json_read_string (line, path, "id", OKC_JSON_NOT_EMPTY, (const char **) &credit.id,
                             error) ||
      !okc_json_read_string (line, path, "payout_id", OKC_JSON_NOT_EMPTY,
                             (const char **) &credit.payout_id, error) ||
      !read_money (line, path, "amount", okc_payout_reconciliation_get_currency (self),
                   &credit.amount, error) ||
      !okc_json_read_string (line, path, "reason", OKC_JSON_REQUIRED,
                             (const char **) &credit.reason, error))
    return FALSE;
  if (credit.amount <= 0)
    return fail (error, path, "amount", _("is more than zero"));
  okc_payout_reconciliation_add_credit (self, &credit);
  return TRUE;
}

/* The engine's constants: a backend with other rules is not one this console can check. */
static gboolean
check_rules (JsonObject  *object,
             const char  *path,
             const char  *currency,
             GError     **error)
{
  gint64 fee_bp = 0;
  gint64 threshold = 0;

  if (!okc_json_read_int64 (object, path, "platform_fee_bp", OKC_JSON_REQUIRED, &fee_bp, error) ||
      !read_money (object, path, "threshold", currency, &threshold, error))
    return FALSE;
  if (fee_bp != OKC_PAYOUT_PLATFORM_FEE_BP)
    return fail (error, path, "platform_fee_bp", _("is not the 500 bp of the payout rules"));
  if (threshold != OKC_PAYOUT_THRESHOLD)
    return fail (error, path, "threshold", _("is not the 100 minor units of the payout rules"));
  return TRUE;
}

static OkcPayoutReconciliation *
new_from_payout (JsonObject  *object,
                 const char  *path,
                 const char  *currency,
                 GError     **error)
{
  g_autofree char *payout_path = okc_json_path_member (path, "payout");
  g_autoptr(OkcPayoutReconciliation) self = NULL;
  JsonObject *payout = NULL;
  gint64 period_start = 0;
  gint64 cutoff_at = 0;
  gint64 amount = 0;
  int status = 0;

  if (!okc_json_read_object (object, path, "payout", OKC_JSON_REQUIRED, &payout, error) ||
      !okc_json_read_time (payout, payout_path, "period_start", OKC_JSON_REQUIRED, &period_start,
                           error) ||
      !okc_json_read_time (payout, payout_path, "cutoff_at", OKC_JSON_REQUIRED, &cutoff_at,
                           error) ||
      !okc_json_read_enum (payout, payout_path, "status", OKC_TYPE_PAYOUT_STATUS,
                           OKC_JSON_REQUIRED, &status, error) ||
      !read_money (payout, payout_path, "amount", currency, &amount, error))
    return NULL;
  if (cutoff_at <= period_start)
    {
      fail (error, payout_path, "cutoff_at", _("is not after period_start"));
      return NULL;
    }
  if (amount < 0)
    {
      fail (error, payout_path, "amount", _("is negative"));
      return NULL;
    }
  self = okc_payout_reconciliation_new (currency, period_start, cutoff_at);
  okc_payout_reconciliation_set_sent (self, status, amount);
  return g_steal_pointer (&self);
}

/* Every member of "totals" is what the lines give, first one wrong named. */
static gboolean
check_totals (OkcPayoutReconciliation *self,
              JsonObject              *object,
              const char              *path,
              GError                 **error)
{
  static const char * const allowed[] = {
    "gross", "processing_fees", "platform_fee", "refunds", "carried_in", "credits", "expected",
    "payable", "sent", "received", "difference", NULL
  };
  g_autofree char *totals_path = okc_json_path_member (path, "totals");
  const char *currency = okc_payout_reconciliation_get_currency (self);
  OkcPayoutTotals computed;
  JsonObject *totals = NULL;

  if (!okc_json_read_object (object, path, "totals", OKC_JSON_REQUIRED, &totals, error) ||
      !okc_json_check_members (totals, totals_path, allowed, error) ||
      !okc_payout_reconciliation_compute (self, &computed, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (total_members); i++)
    {
      gint64 given = 0;

      if (!read_money (totals, totals_path, total_members[i].name, currency, &given, error))
        return FALSE;
      if (given != TOTAL (&computed, i))
        {
          g_autofree char *member_path = okc_json_path_member (totals_path,
                                                               total_members[i].name);

          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member_path,
                              "is %" PRId64 " but the lines give %" PRId64,
                              given, TOTAL (&computed, i));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * okc_payout_reconciliation_new_from_json:
 * @path: (nullable): where @node is, for the errors
 *
 * Returns: (transfer full) (nullable): the reconciliation, or %NULL with %OKC_DATA_ERROR.
 */
OkcPayoutReconciliation *
okc_payout_reconciliation_new_from_json (JsonNode    *node,
                                         const char  *path,
                                         GError     **error)
{
  static const char * const members[] = {
    "payout", "currency", "platform_fee_bp", "threshold", "sessions", "refunds", "carried_in",
    "credits", "adjustments", "totals", NULL
  };
  static const char * const session_members[] = {
    "id", "charger_id", "started_at", "ended_at", "gross", "processing_fee", "placement", NULL
  };
  static const char * const refund_members[] = {
    "id", "session_id", "settled_at", "amount", NULL
  };
  static const char * const carry_members[] = {
    "payout_id", "period_from", "period_to", "amount", NULL
  };
  static const char * const credit_members[] = {
    "id", "payout_id", "amount", "reason", NULL
  };
  g_autoptr(OkcPayoutReconciliation) self = NULL;
  const char *currency = NULL;
  JsonObject *object;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_check_members (object, path, members, error) ||
      !okc_json_read_string (object, path, "currency", OKC_JSON_REQUIRED, &currency, error))
    return NULL;
  if (okc_currency_get_exponent (currency) < 0)
    {
      g_autofree char *currency_path = okc_json_path_member (path, "currency");

      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, currency_path,
                          "“%s” is not a supported ISO 4217 currency code", currency);
      return NULL;
    }
  if (!check_rules (object, path, currency, error))
    return NULL;
  self = new_from_payout (object, path, currency, error);
  if (self == NULL ||
      !read_lines (self, object, path, "sessions", session_members, decode_session, error) ||
      !read_lines (self, object, path, "refunds", refund_members, decode_refund, error) ||
      !read_lines (self, object, path, "carried_in", carry_members, decode_carry, error) ||
      !read_lines (self, object, path, "credits", credit_members, decode_credit, error) ||
      !check_totals (self, object, path, error))
    return NULL;
  return g_steal_pointer (&self);
}
