/* okc-client-payouts.c — a host's payouts, their reconciliation and revenue from the
 * backend, and the credit of a shortfall through the outbox (docs/payouts.md, topic 10)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "okc-client-payouts.h"

#include "okc-client-error.h"
#include "okc-client-private.h"
#include "okc-error.h"
#include "okc-json.h"
#include <inttypes.h>

/* Decoders (worker thread) -------------------------------------------------------- */

void
okc_payout_page_free (OkcPayoutPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->payouts, g_ptr_array_unref);
  g_free (page->next_cursor);
  g_free (page);
}

static gpointer
decode_payout (JsonNode  *root,
               gint64     server_time,
               GError   **error)
{
  return okc_payout_new_from_json (root, NULL, error);
}

static gpointer
decode_payout_page (JsonNode  *root,
                    gint64     server_time,
                    GError   **error)
{
  g_autoptr(OkcPayoutPage) page = g_new0 (OkcPayoutPage, 1);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  JsonArray *payouts = NULL;
  const char *cursor = NULL;

  if (object == NULL ||
      !okc_json_read_array (object, NULL, "payouts", OKC_JSON_REQUIRED, &payouts, error) ||
      !okc_json_read_string (object, NULL, "next_cursor", OKC_JSON_NULLABLE | OKC_JSON_NOT_EMPTY,
                             &cursor, error) ||
      !okc_json_read_int64 (object, NULL, "total", OKC_JSON_REQUIRED, &page->total, error))
    return NULL;
  page->next_cursor = g_strdup (cursor);
  page->payouts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (payouts); i++)
    {
      g_autofree char *path = okc_json_path_index ("payouts", i);
      OkcPayout *payout = okc_payout_new_from_json (json_array_get_element (payouts, i), path,
                                                    error);

      if (payout == NULL)
        return NULL;
      g_ptr_array_add (page->payouts, payout);
    }
  if (page->total < page->payouts->len)
    {
      okc_data_error_set_plural (error, OKC_DATA_ERROR_INVALID, "total",
                                 "%" PRId64 " is fewer than the %u payout listed",
                                 "%" PRId64 " is fewer than the %u payouts listed",
                                 page->payouts->len, page->total, page->payouts->len);
      return NULL;
    }
  return g_steal_pointer (&page);
}

void
okc_payout_report_free (OkcPayoutReport *report)
{
  if (report == NULL)
    return;
  g_clear_object (&report->payout);
  g_clear_object (&report->reconciliation);
  g_clear_pointer (&report->adjustments, g_ptr_array_unref);
  g_free (report);
}

/* The whole Payout and the engine's figures must describe one payout. */
static gboolean
check_same_payout (OkcPayoutReport  *report,
                   GError          **error)
{
  OkcMoney amount;

  okc_payout_get_amount (report->payout, &amount);
  if (okc_payout_get_period_start (report->payout) !=
        okc_payout_reconciliation_get_period_start (report->reconciliation) ||
      okc_payout_get_cutoff_at (report->payout) !=
        okc_payout_reconciliation_get_cutoff_at (report->reconciliation))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "payout.period_start",
                          "the payout's week is not the reconciled one");
      return FALSE;
    }
  if (okc_payout_get_status (report->payout) !=
      okc_payout_reconciliation_get_status (report->reconciliation))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "payout.status",
                          "not the status the reconciliation was made for");
      return FALSE;
    }
  if (strcmp (amount.currency, okc_payout_reconciliation_get_currency (report->reconciliation)) != 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "payout.amount",
                          "in %s, the reconciliation in %s", amount.currency,
                          okc_payout_reconciliation_get_currency (report->reconciliation));
      return FALSE;
    }
  return TRUE;
}

static gpointer
decode_report (JsonNode  *root,
               gint64     server_time,
               GError   **error)
{
  g_autoptr(OkcPayoutReport) report = g_new0 (OkcPayoutReport, 1);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  JsonObject *payout = NULL;
  JsonArray *adjustments = NULL;

  if (object == NULL ||
      !okc_json_read_object (object, NULL, "payout", OKC_JSON_REQUIRED, &payout, error) ||
      !okc_json_read_array (object, NULL, "adjustments", OKC_JSON_REQUIRED, &adjustments, error))
    return NULL;
  report->payout = okc_payout_new_from_json (json_object_get_member (object, "payout"), "payout",
                                             error);
  if (report->payout == NULL)
    return NULL;
  report->reconciliation = okc_payout_reconciliation_new_from_json (root, NULL, error);
  if (report->reconciliation == NULL ||
      !okc_payout_reconciliation_compute (report->reconciliation, &report->totals, error) ||
      !check_same_payout (report, error))
    return NULL;

  report->adjustments = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (adjustments); i++)
    {
      g_autofree char *path = okc_json_path_index ("adjustments", i);
      OkcPayoutAdjustment *adjustment =
        okc_payout_adjustment_new_from_json (json_array_get_element (adjustments, i), path, error);
      OkcMoney amount;

      if (adjustment == NULL)
        return NULL;
      g_ptr_array_add (report->adjustments, adjustment);
      okc_payout_adjustment_get_amount (adjustment, &amount);
      if (g_strcmp0 (okc_payout_adjustment_get_payout_id (adjustment),
                     okc_payout_get_id (report->payout)) != 0)
        {
          g_autofree char *where = okc_json_path_member (path, "payout_id");

          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, where,
                              "an adjustment of another payout");
          return NULL;
        }
      if (strcmp (amount.currency,
                  okc_payout_reconciliation_get_currency (report->reconciliation)) != 0)
        {
          g_autofree char *where = okc_json_path_member (path, "amount");

          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, where,
                              "in %s, the payout in %s", amount.currency,
                              okc_payout_reconciliation_get_currency (report->reconciliation));
          return NULL;
        }
    }
  return g_steal_pointer (&report);
}

/**
 * okc_payout_report_get_creditable:
 *
 * Returns: the part of the shortfall not yet credited, in minor units; 0 when the payout
 *   was not paid short (or is credited in full).
 */
gint64
okc_payout_report_get_creditable (OkcPayoutReport *report)
{
  gint64 rest;

  g_return_val_if_fail (report != NULL, 0);

  if (report->totals.difference >= 0)
    return 0;
  rest = -report->totals.difference;
  for (guint i = 0; i < report->adjustments->len; i++)
    {
      OkcMoney amount;

      okc_payout_adjustment_get_amount (g_ptr_array_index (report->adjustments, i), &amount);
      rest -= amount.amount;
    }
  return MAX (rest, 0);
}

void
okc_revenue_free (OkcRevenue *revenue)
{
  if (revenue == NULL)
    return;
  g_free (revenue->from);
  g_free (revenue->to);
  g_clear_pointer (&revenue->days, g_array_unref);
  g_free (revenue);
}

static gboolean
read_date (JsonObject  *object,
           const char  *path,
           const char  *member,
           GDate       *out,
           const char **out_text,
           GError     **error)
{
  g_autofree char *where = okc_json_path_member (path, member);
  const char *text = NULL;
  int year = 0, month = 0, day = 0;
  gboolean shaped;

  if (!okc_json_read_string (object, path, member, OKC_JSON_REQUIRED, &text, error))
    return FALSE;
  shaped = strlen (text) == 10 && text[4] == '-' && text[7] == '-';
  for (guint i = 0; shaped && i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      shaped = FALSE;
  if (shaped)
    {
      year = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100 +
             g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
      month = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
      day = g_ascii_digit_value (text[8]) * 10 + g_ascii_digit_value (text[9]);
    }
  if (!shaped || !g_date_valid_dmy (day, month, year))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, where,
                          "“%s” is not a date YYYY-MM-DD", text);
      return FALSE;
    }
  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
  *out_text = text;
  return TRUE;
}

static gpointer
decode_revenue (JsonNode  *root,
                gint64     server_time,
                GError   **error)
{
  static const char * const members[] = { "currency", "from", "to", "days", NULL };
  static const char * const day_members[] = { "date", "sessions", "energy_wh", "gross", NULL };
  g_autoptr(OkcRevenue) revenue = g_new0 (OkcRevenue, 1);
  JsonObject *object = okc_json_node_get_object (root, NULL, error);
  const char *currency = NULL, *from_text = NULL, *to_text = NULL;
  JsonArray *days = NULL;
  GDate from, to, expected;

  if (object == NULL ||
      !okc_json_check_members (object, NULL, members, error) ||
      !okc_json_read_string (object, NULL, "currency", OKC_JSON_REQUIRED, &currency, error) ||
      !read_date (object, NULL, "from", &from, &from_text, error) ||
      !read_date (object, NULL, "to", &to, &to_text, error) ||
      !okc_json_read_array (object, NULL, "days", OKC_JSON_REQUIRED, &days, error))
    return NULL;
  if (okc_currency_get_exponent (currency) < 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, "currency",
                          "“%s” is not a currency", currency);
      return NULL;
    }
  if (g_date_compare (&to, &from) < 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "to", "before from");
      return NULL;
    }
  if ((gint64) g_date_days_between (&from, &to) + 1 != json_array_get_length (days))
    {
      /* Translators: a revenue answer with the wrong number of days: "6 days for the
       * 7 days from 2026-11-02 to 2026-11-08" */
      okc_data_error_set_plural (error, OKC_DATA_ERROR_INVALID, "days",
                                 "%u day for the %d days from %s to %s",
                                 "%u days for the %d days from %s to %s",
                                 json_array_get_length (days), json_array_get_length (days),
                                 g_date_days_between (&from, &to) + 1, from_text, to_text);
      return NULL;
    }
  g_strlcpy (revenue->currency, currency, sizeof revenue->currency);
  revenue->from = g_strdup (from_text);
  revenue->to = g_strdup (to_text);
  revenue->days = g_array_sized_new (FALSE, TRUE, sizeof (OkcRevenueDay),
                                     json_array_get_length (days));
  expected = from;
  for (guint i = 0; i < json_array_get_length (days); i++, g_date_add_days (&expected, 1))
    {
      g_autofree char *path = okc_json_path_index ("days", i);
      g_autofree char *gross_path = okc_json_path_member (path, "gross");
      JsonObject *line = okc_json_node_get_object (json_array_get_element (days, i), path, error);
      OkcRevenueDay day = { 0 };
      const char *date_text = NULL;
      OkcMoney gross;
      GDate date;

      if (line == NULL ||
          !okc_json_check_members (line, path, day_members, error) ||
          !read_date (line, path, "date", &date, &date_text, error) ||
          !okc_json_read_int64 (line, path, "sessions", OKC_JSON_REQUIRED, &day.sessions, error) ||
          !okc_json_read_int64 (line, path, "energy_wh", OKC_JSON_REQUIRED, &day.energy_wh,
                                error) ||
          !okc_money_from_json (json_object_get_member (line, "gross"), gross_path, &gross, error))
        return NULL;
      if (g_date_compare (&date, &expected) != 0)
        {
          g_autofree char *where = okc_json_path_member (path, "date");

          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, where,
                              "%s is not the next day of the range", date_text);
          return NULL;
        }
      if (day.sessions < 0 || day.energy_wh < 0 || gross.amount < 0)
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path,
                              "a day's sessions, energy and gross are never negative");
          return NULL;
        }
      if (strcmp (gross.currency, revenue->currency) != 0)
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, gross_path,
                              "in %s, the revenue in %s", gross.currency,
                              revenue->currency);
          return NULL;
        }
      g_strlcpy (day.date, date_text, sizeof day.date);
      day.gross = gross.amount;
      g_array_append_val (revenue->days, day);
    }
  return g_steal_pointer (&revenue);
}
/* "/v1/payouts/PAY-00012" + @suffix, the id escaped as one path segment. */
static char *
payout_path (const char *id,
             const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  return g_strconcat ("/v1/payouts/", escaped, suffix, NULL);
}

static void
append_parameter (GString    *parameters,
                  const char *name,
                  const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  escaped = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_printf (parameters, "%s%s=%s", parameters->len > 0 ? "&" : "", name, escaped);
}

/**
 * okc_client_list_payouts_async:
 * @self: a client
 * @query: the host or the property (one is required), and a status
 * @cursor: (nullable): the page's cursor, from the page before
 * @limit: at most this many, 1 to 200
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * One page of payouts, newest period first (GET /v1/payouts).
 */
void
okc_client_list_payouts_async (OkcClient            *self,
                               const OkcPayoutQuery *query,
                               const char           *cursor,
                               guint                 limit,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autoptr(GString) parameters = g_string_new (NULL);

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (query != NULL && (query->host != NULL || query->property != NULL));
  g_return_if_fail (limit >= 1 && limit <= 200);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  append_parameter (parameters, "host", query->host);
  append_parameter (parameters, "property", query->property);
  append_parameter (parameters, "status", query->status);
  append_parameter (parameters, "cursor", cursor);
  g_string_append_printf (parameters, "&limit=%u", limit);
  okc_client_call_json_async (self, "GET", "/v1/payouts", parameters->str, NULL,
                             decode_payout_page, (GDestroyNotify) okc_payout_page_free,
                             okc_client_list_payouts_async, cancellable, callback, user_data);
}

/**
 * okc_client_list_payouts_finish:
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with an error.
 */
OkcPayoutPage *
okc_client_list_payouts_finish (OkcClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_list_payouts_async, error);
}

/**
 * okc_client_get_payout_async:
 * @self: a client
 * @id: a payout id ("PAY-00012")
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches one payout (GET /v1/payouts/{id}); none fails with %OKC_CLIENT_ERROR_NOT_FOUND.
 */
void
okc_client_get_payout_async (OkcClient           *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (id != NULL && *id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = payout_path (id, NULL);
  okc_client_call_json_async (self, "GET", path, NULL, NULL, decode_payout, g_object_unref,
                             okc_client_get_payout_async, cancellable, callback, user_data);
}

/**
 * okc_client_get_payout_finish:
 *
 * Returns: (transfer full) (nullable): the payout, or %NULL with an error.
 */
OkcPayout *
okc_client_get_payout_finish (OkcClient     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_get_payout_async, error);
}

/**
 * okc_client_get_payout_report_async:
 * @self: a client
 * @id: a payout id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * The payout's reconciliation (GET /v1/payouts/{id}/reconciliation), its totals re-added
 * by okc_payout_reconciliation_compute(); figures that do not add up fail with the member
 * to blame.
 */
void
okc_client_get_payout_report_async (OkcClient           *self,
                                    const char          *id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (id != NULL && *id != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = payout_path (id, "/reconciliation");
  okc_client_call_json_async (self, "GET", path, NULL, NULL, decode_report,
                             (GDestroyNotify) okc_payout_report_free,
                             okc_client_get_payout_report_async, cancellable, callback,
                             user_data);
}

/**
 * okc_client_get_payout_report_finish:
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with an error.
 */
OkcPayoutReport *
okc_client_get_payout_report_finish (OkcClient     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_get_payout_report_async, error);
}

/**
 * okc_client_get_revenue_async:
 * @self: a client
 * @account_id: a host's account id
 * @from: the first day, "YYYY-MM-DD"
 * @to: the last day, "YYYY-MM-DD"
 * @property_id: (nullable): one property, or %NULL for all of the host's
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * The host's revenue by day (GET /v1/accounts/{id}/revenue), each day of the range.
 */
void
okc_client_get_revenue_async (OkcClient           *self,
                              const char          *account_id,
                              const char          *from,
                              const char          *to,
                              const char          *property_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GString) parameters = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (OKC_IS_CLIENT (self));
  g_return_if_fail (account_id != NULL && *account_id != '\0');
  g_return_if_fail (from != NULL && to != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  append_parameter (parameters, "from", from);
  append_parameter (parameters, "to", to);
  append_parameter (parameters, "property", property_id);
  escaped = g_uri_escape_string (account_id, NULL, FALSE);
  path = g_strconcat ("/v1/accounts/", escaped, "/revenue", NULL);
  okc_client_call_json_async (self, "GET", path, parameters->str, NULL, decode_revenue,
                             (GDestroyNotify) okc_revenue_free, okc_client_get_revenue_async,
                             cancellable, callback, user_data);
}

/**
 * okc_client_get_revenue_finish:
 *
 * Returns: (transfer full) (nullable): the revenue, or %NULL with an error.
 */
OkcRevenue *
okc_client_get_revenue_finish (OkcClient     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return okc_client_propagate_pointer (self, result, okc_client_get_revenue_async, error);
}

/**
 * okc_payout_adjustment_action_new:
 * @payout_id: the payout paid short
 * @amount: what to credit, positive, at most what is still short
 * @reason: why, in the agent's words (not blank)
 * @ticket_id: (nullable): the host's ticket
 *
 * The outbox action that credits a shortfall to the property's next payout.
 *
 * Returns: (transfer full): the action, not yet submitted.
 */
OkcOutboxAction *
okc_payout_adjustment_action_new (const char     *payout_id,
                                  const OkcMoney *amount,
                                  const char     *reason,
                                  const char     *ticket_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *formatted = NULL;

  g_return_val_if_fail (payout_id != NULL && *payout_id != '\0', NULL);
  g_return_val_if_fail (amount != NULL && amount->amount > 0, NULL);
  g_return_val_if_fail (reason != NULL, NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "ticket_id", ticket_id);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_value (builder, okc_money_to_json (amount));
  okc_json_builder_add_string (builder, "reason", reason);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = payout_path (payout_id, "/adjustments");
  formatted = okc_money_format (amount);
  /* Translators: "Credit $12.30 short on PAY-00012" */
  summary = g_strdup_printf (_("Credit %s short on %s"), formatted, payout_id);
  return okc_outbox_action_new ("payout.adjust", "POST", path, body, ticket_id, summary);
}

/**
 * okc_payout_adjustment_action_get_adjustment:
 * @action: a done "payout.adjust" action
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the Adjustment the backend answered with, or %NULL
 *   with an error.
 */
OkcPayoutAdjustment *
okc_payout_adjustment_action_get_adjustment (OkcOutboxAction  *action,
                                             GError          **error)
{
  JsonNode *response;

  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (action), NULL);
  g_return_val_if_fail (g_str_equal (okc_outbox_action_get_kind (action), "payout.adjust"), NULL);

  response = okc_outbox_action_get_response (action);
  if (okc_outbox_action_get_state (action) != OKC_OUTBOX_STATE_DONE || response == NULL)
    {
      g_set_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_BAD_RESPONSE,
                   _("The backend has not answered “%s” yet"), okc_outbox_action_get_summary (action));
      return NULL;
    }
  return okc_payout_adjustment_new_from_json (response, NULL, error);
}
