/* okc-payout-reconciliation.c — every rule here is written down in docs/payouts.md; change both
 * at once
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <string.h>

#include "okc-payout-reconciliation.h"

#include "okc-billing.h"
#include "okc-error.h"

struct _OkcPayoutReconciliation
{
  GObject parent_instance;

  char currency[OKC_CURRENCY_CODE_LENGTH + 1];
  gint64 period_start;
  gint64 cutoff_at;
  GArray *sessions;           /* OkcPayoutSession, by end time */
  GArray *refunds;            /* OkcPayoutRefund, in the order added */
  GArray *carries;            /* OkcPayoutCarry */
  GArray *credits;            /* OkcPayoutCredit */
  OkcPayoutStatus status;
  gint64 sent;
};

G_DEFINE_FINAL_TYPE (OkcPayoutReconciliation, okc_payout_reconciliation, G_TYPE_OBJECT)

static void
clear_session (gpointer data)
{
  OkcPayoutSession *session = data;

  g_free (session->id);
  g_free (session->charger_id);
}

static void
clear_refund (gpointer data)
{
  OkcPayoutRefund *refund = data;

  g_free (refund->id);
  g_free (refund->session_id);
}

static void
clear_carry (gpointer data)
{
  OkcPayoutCarry *carry = data;

  g_free (carry->payout_id);
  g_free (carry->period_from);
  g_free (carry->period_to);
}

static void
clear_credit (gpointer data)
{
  OkcPayoutCredit *credit = data;

  g_free (credit->id);
  g_free (credit->payout_id);
  g_free (credit->reason);
}

static GArray *
new_lines (gsize          element_size,
           GDestroyNotify clear)
{
  GArray *array = g_array_new (FALSE, TRUE, element_size);

  g_array_set_clear_func (array, clear);
  return array;
}

static void
okc_payout_reconciliation_finalize (GObject *object)
{
  OkcPayoutReconciliation *self = OKC_PAYOUT_RECONCILIATION (object);

  g_array_unref (self->sessions);
  g_array_unref (self->refunds);
  g_array_unref (self->carries);
  g_array_unref (self->credits);

  G_OBJECT_CLASS (okc_payout_reconciliation_parent_class)->finalize (object);
}

static void
okc_payout_reconciliation_class_init (OkcPayoutReconciliationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_payout_reconciliation_finalize;
}

static void
okc_payout_reconciliation_init (OkcPayoutReconciliation *self)
{
  self->sessions = new_lines (sizeof (OkcPayoutSession), clear_session);
  self->refunds = new_lines (sizeof (OkcPayoutRefund), clear_refund);
  self->carries = new_lines (sizeof (OkcPayoutCarry), clear_carry);
  self->credits = new_lines (sizeof (OkcPayoutCredit), clear_credit);
  self->status = OKC_PAYOUT_STATUS_SCHEDULED;
}

/**
 * okc_payout_reconciliation_new:
 * @currency: the property's ISO 4217 code; every line is in its minor unit
 * @period_start: local midnight of the week's Monday, seconds since the epoch
 * @cutoff_at: local midnight after its Sunday (okc_payout_week_bounds())
 *
 * Returns: (transfer full): a reconciliation with no lines, nothing sent yet.
 */
OkcPayoutReconciliation *
okc_payout_reconciliation_new (const char *currency,
                               gint64      period_start,
                               gint64      cutoff_at)
{
  OkcPayoutReconciliation *self;

  g_return_val_if_fail (currency != NULL && okc_currency_get_exponent (currency) >= 0, NULL);
  g_return_val_if_fail (period_start < cutoff_at, NULL);

  self = g_object_new (OKC_TYPE_PAYOUT_RECONCILIATION, NULL);
  g_strlcpy (self->currency, currency, sizeof self->currency);
  self->period_start = period_start;
  self->cutoff_at = cutoff_at;
  return self;
}

/**
 * okc_payout_week_bounds:
 * @zone: the property's time zone
 * @monday: the week's first day, a Monday, as the property's calendar has it
 * @out_start: (out): local midnight at the start of @monday
 * @out_cutoff: (out): local midnight after the Sunday: 7 calendar days later, which is 167 or
 *   169 hours when the week changes to or from daylight saving time
 *
 * Returns: %FALSE when @monday is not a valid Monday.
 */
gboolean
okc_payout_week_bounds (GTimeZone   *zone,
                        const GDate *monday,
                        gint64      *out_start,
                        gint64      *out_cutoff)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) cutoff = NULL;

  g_return_val_if_fail (zone != NULL && monday != NULL, FALSE);
  g_return_val_if_fail (out_start != NULL && out_cutoff != NULL, FALSE);

  if (!g_date_valid (monday) || g_date_get_weekday (monday) != G_DATE_MONDAY)
    return FALSE;
  start = g_date_time_new (zone, g_date_get_year (monday), g_date_get_month (monday),
                           g_date_get_day (monday), 0, 0, 0);
  if (start == NULL)
    return FALSE;
  /* By calendar days, not by 7 × 24 h: the cut-off is the host's midnight. */
  cutoff = g_date_time_add_days (start, 7);
  if (cutoff == NULL)
    return FALSE;
  *out_start = g_date_time_to_unix (start);
  *out_cutoff = g_date_time_to_unix (cutoff);
  return TRUE;
}

static gboolean
in_period (OkcPayoutReconciliation *self,
           gint64                   at)
{
  return at >= self->period_start && at < self->cutoff_at;
}

/* Rule 1: settled when it ends. */
static gboolean
place_session (OkcPayoutReconciliation *self,
               const OkcPayoutSession  *session,
               OkcPayoutPlacement      *out)
{
  if (in_period (self, session->ended_at))
    {
      *out = session->started_at < self->period_start ? OKC_PAYOUT_PLACEMENT_STARTED_BEFORE
                                                      : OKC_PAYOUT_PLACEMENT_COVERED;
      return TRUE;
    }
  if (in_period (self, session->started_at) && session->ended_at >= self->cutoff_at)
    {
      *out = OKC_PAYOUT_PLACEMENT_DEFERRED;
      return TRUE;
    }
  return FALSE;
}

/* After every session that ended at or before @ended_at: equal end times keep the order added. */
static guint
session_insert_index (OkcPayoutReconciliation *self,
                      gint64                   ended_at)
{
  guint low = 0;
  guint high = self->sessions->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (self->sessions, OkcPayoutSession, middle).ended_at <= ended_at)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/**
 * okc_payout_reconciliation_add_session:
 * @session: any session of the property, billed; its ->placement is not read
 *
 * Returns: whether the session is one of this payout's lines (covered, started_before or
 *   deferred); one that is not is left out.
 */
gboolean
okc_payout_reconciliation_add_session (OkcPayoutReconciliation *self,
                                       const OkcPayoutSession  *session)
{
  OkcPayoutSession line;

  g_return_val_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self), FALSE);
  g_return_val_if_fail (session != NULL && session->id != NULL, FALSE);
  g_return_val_if_fail (session->started_at <= session->ended_at, FALSE);
  g_return_val_if_fail (session->gross >= 0 && session->processing_fee >= 0, FALSE);

  if (!place_session (self, session, &line.placement))
    return FALSE;
  line.id = g_strdup (session->id);
  line.charger_id = g_strdup (session->charger_id);
  line.started_at = session->started_at;
  line.ended_at = session->ended_at;
  line.gross = session->gross;
  line.processing_fee = session->processing_fee;
  g_array_insert_val (self->sessions, session_insert_index (self, session->ended_at), line);
  return TRUE;
}

/**
 * okc_payout_reconciliation_add_refund:
 * @refund: a refund that succeeded on one of the property's sessions
 *
 * Returns: whether it was settled in the period (rule 5), and so deducted here.
 */
gboolean
okc_payout_reconciliation_add_refund (OkcPayoutReconciliation *self,
                                      const OkcPayoutRefund   *refund)
{
  OkcPayoutRefund line;

  g_return_val_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self), FALSE);
  g_return_val_if_fail (refund != NULL && refund->id != NULL && refund->amount > 0, FALSE);

  if (!in_period (self, refund->settled_at))
    return FALSE;
  line.id = g_strdup (refund->id);
  line.session_id = g_strdup (refund->session_id);
  line.settled_at = refund->settled_at;
  line.amount = refund->amount;
  g_array_append_val (self->refunds, line);
  return TRUE;
}

/**
 * okc_payout_reconciliation_add_carry:
 * @carry: the expected amount of an earlier payout that was carried over; negative when the
 *   refunds of that week were more than its revenue
 */
void
okc_payout_reconciliation_add_carry (OkcPayoutReconciliation *self,
                                     const OkcPayoutCarry    *carry)
{
  OkcPayoutCarry line;

  g_return_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self));
  g_return_if_fail (carry != NULL && carry->payout_id != NULL);

  line.payout_id = g_strdup (carry->payout_id);
  line.period_from = g_strdup (carry->period_from);
  line.period_to = g_strdup (carry->period_to);
  line.amount = carry->amount;
  g_array_append_val (self->carries, line);
}

/**
 * okc_payout_reconciliation_add_credit:
 * @credit: an adjustment for a shortfall of an earlier payout, credited here; more than 0
 */
void
okc_payout_reconciliation_add_credit (OkcPayoutReconciliation *self,
                                      const OkcPayoutCredit   *credit)
{
  OkcPayoutCredit line;

  g_return_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self));
  g_return_if_fail (credit != NULL && credit->id != NULL && credit->amount > 0);

  line.id = g_strdup (credit->id);
  line.payout_id = g_strdup (credit->payout_id);
  line.amount = credit->amount;
  line.reason = g_strdup (credit->reason != NULL ? credit->reason : "");
  g_array_append_val (self->credits, line);
}

/**
 * okc_payout_reconciliation_set_sent:
 * @status: where the payout is
 * @amount: the payout's `amount`: what the run sent, or will send while scheduled; 0 when
 *   carried over
 */
void
okc_payout_reconciliation_set_sent (OkcPayoutReconciliation *self,
                                    OkcPayoutStatus          status,
                                    gint64                   amount)
{
  g_return_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self));

  self->status = status;
  self->sent = amount;
}

/* @what: the member of "totals" that does not fit. */
static gboolean
overflowed (GError     **error,
            const char  *what)
{
  g_autofree char *field = g_strconcat ("totals.", what, NULL);

  okc_data_error_set (error, OKC_DATA_ERROR_INVALID, field,
                      "is beyond what a payout can hold");
  return FALSE;
}

static gboolean
sum_sessions (OkcPayoutReconciliation *self,
              OkcPayoutTotals         *out,
              GError                 **error)
{
  for (guint i = 0; i < self->sessions->len; i++)
    {
      const OkcPayoutSession *session = &g_array_index (self->sessions, OkcPayoutSession, i);

      if (session->placement == OKC_PAYOUT_PLACEMENT_DEFERRED)
        continue;
      if (__builtin_add_overflow (out->gross, session->gross, &out->gross))
        return overflowed (error, "gross");
      if (__builtin_add_overflow (out->processing_fees, session->processing_fee,
                                  &out->processing_fees))
        return overflowed (error, "processing_fees");
    }
  return TRUE;
}

static gboolean
sum_other_lines (OkcPayoutReconciliation *self,
                 OkcPayoutTotals         *out,
                 GError                 **error)
{
  for (guint i = 0; i < self->refunds->len; i++)
    if (__builtin_add_overflow (out->refunds,
                                g_array_index (self->refunds, OkcPayoutRefund, i).amount,
                                &out->refunds))
      return overflowed (error, "refunds");
  for (guint i = 0; i < self->carries->len; i++)
    if (__builtin_add_overflow (out->carried_in,
                                g_array_index (self->carries, OkcPayoutCarry, i).amount,
                                &out->carried_in))
      return overflowed (error, "carried_in");
  for (guint i = 0; i < self->credits->len; i++)
    if (__builtin_add_overflow (out->credits,
                                g_array_index (self->credits, OkcPayoutCredit, i).amount,
                                &out->credits))
      return overflowed (error, "credits");
  return TRUE;
}

/* Rule 4: once, on the payout's sum, half up; nothing on a base of 0 or less. */
static gboolean
compute_platform_fee (OkcPayoutTotals  *out,
                      GError          **error)
{
  gint64 base;

  if (__builtin_sub_overflow (out->gross, out->processing_fees, &base))
    return overflowed (error, "platform_fee");
  out->platform_fee = 0;
  if (base > 0 &&
      !okc_billing_scale_half_up (base, OKC_PAYOUT_PLATFORM_FEE_BP, 10000, &out->platform_fee))
    return overflowed (error, "platform_fee");
  return TRUE;
}

/* Rule 8. */
static gboolean
compute_expected (OkcPayoutTotals  *out,
                  GError          **error)
{
  gint64 value = out->gross;

  if (__builtin_sub_overflow (value, out->processing_fees, &value) ||
      __builtin_sub_overflow (value, out->platform_fee, &value) ||
      __builtin_sub_overflow (value, out->refunds, &value) ||
      __builtin_add_overflow (value, out->carried_in, &value) ||
      __builtin_add_overflow (value, out->credits, &value))
    return overflowed (error, "expected");
  out->expected = value;
  return TRUE;
}

/**
 * okc_payout_reconciliation_compute:
 * @out: (out): rules 2 to 11; untouched on error
 *
 * Returns: %FALSE with %OKC_DATA_ERROR when a sum does not fit in 63 bits, naming it.
 */
gboolean
okc_payout_reconciliation_compute (OkcPayoutReconciliation *self,
                                   OkcPayoutTotals         *out,
                                   GError                 **error)
{
  OkcPayoutTotals totals = { 0 };

  g_return_val_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!sum_sessions (self, &totals, error) ||
      !sum_other_lines (self, &totals, error) ||
      !compute_platform_fee (&totals, error) ||
      !compute_expected (&totals, error))
    return FALSE;

  /* Rule 9: below the threshold, negative included, nothing is payable. */
  totals.payable = totals.expected < OKC_PAYOUT_THRESHOLD ? 0 : totals.expected;
  /* Rule 10. */
  totals.sent = self->sent;
  totals.received = self->status == OKC_PAYOUT_STATUS_PAID ? self->sent : 0;
  /* Rule 11. */
  if (__builtin_sub_overflow (totals.sent, totals.payable, &totals.difference))
    return overflowed (error, "difference");

  *out = totals;
  return TRUE;
}

/**
 * okc_payout_reconciliation_is_carried_over:
 *
 * Returns: whether the expected amount is below the threshold (rule 9); %FALSE when it cannot
 *   be computed.
 */
gboolean
okc_payout_reconciliation_is_carried_over (OkcPayoutReconciliation *self)
{
  OkcPayoutTotals totals;

  g_return_val_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self), FALSE);

  return okc_payout_reconciliation_compute (self, &totals, NULL) &&
         totals.expected < OKC_PAYOUT_THRESHOLD;
}

const char *
okc_payout_reconciliation_get_currency (OkcPayoutReconciliation *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self), NULL);
  return self->currency;
}

gint64
okc_payout_reconciliation_get_period_start (OkcPayoutReconciliation *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self), 0);
  return self->period_start;
}

gint64
okc_payout_reconciliation_get_cutoff_at (OkcPayoutReconciliation *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self), 0);
  return self->cutoff_at;
}

/**
 * okc_payout_reconciliation_get_sessions:
 * @n_sessions: (out): how many
 *
 * Returns: (array length=n_sessions) (transfer none): by end time.
 */
const OkcPayoutSession *
okc_payout_reconciliation_get_sessions (OkcPayoutReconciliation *self,
                                        guint                   *n_sessions)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self), NULL);
  g_return_val_if_fail (n_sessions != NULL, NULL);

  *n_sessions = self->sessions->len;
  return (const OkcPayoutSession *) (gpointer) self->sessions->data;
}

const OkcPayoutRefund *
okc_payout_reconciliation_get_refunds (OkcPayoutReconciliation *self,
                                       guint                   *n_refunds)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self), NULL);
  g_return_val_if_fail (n_refunds != NULL, NULL);

  *n_refunds = self->refunds->len;
  return (const OkcPayoutRefund *) (gpointer) self->refunds->data;
}

const OkcPayoutCarry *
okc_payout_reconciliation_get_carries (OkcPayoutReconciliation *self,
                                       guint                   *n_carries)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self), NULL);
  g_return_val_if_fail (n_carries != NULL, NULL);

  *n_carries = self->carries->len;
  return (const OkcPayoutCarry *) (gpointer) self->carries->data;
}

const OkcPayoutCredit *
okc_payout_reconciliation_get_credits (OkcPayoutReconciliation *self,
                                       guint                   *n_credits)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self), NULL);
  g_return_val_if_fail (n_credits != NULL, NULL);

  *n_credits = self->credits->len;
  return (const OkcPayoutCredit *) (gpointer) self->credits->data;
}

/* The payout's `amount`, as okc_payout_reconciliation_set_sent() had it. */
gint64
okc_payout_reconciliation_get_sent (OkcPayoutReconciliation *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self), 0);
  return self->sent;
}

OkcPayoutStatus
okc_payout_reconciliation_get_status (OkcPayoutReconciliation *self)
{
  g_return_val_if_fail (OKC_IS_PAYOUT_RECONCILIATION (self), OKC_PAYOUT_STATUS_SCHEDULED);
  return self->status;
}
