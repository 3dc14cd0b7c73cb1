/* test-backend-payouts.c — GET /v1/payouts, a payout, its reconciliation and POST
 * /v1/payouts/{id}/adjustments and a host's statement over loopback, against the demo's
 * payouts (docs/payouts.md): every one reconciles to the cent but the planted short ones,
 * which payouts tickets name
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-payout-adjustment.h"
#include "okc-payout-reconciliation.h"
#include "okc-payout.h"
#include "okc-test-backend.h"

#define DAY (24 * 60 * 60)

static OkcTestBackend *backend;
static char *agent;
static char *supervisor;
static char *chatbot;

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

static sqlite3 *
open_db (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* The first column of every row. */
static GPtrArray *
query_column (const char *sql,
              const char *param)
{
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = NULL;
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return values;
}

static gint64
query_count (const char *sql,
             const char *param)
{
  g_autoptr(GPtrArray) values = query_column (sql, param);

  g_assert_cmpuint (values->len, ==, 1);
  return g_ascii_strtoll (g_ptr_array_index (values, 0), NULL, 10);
}

static gboolean
contains (GPtrArray  *values,
          const char *value)
{
  return g_ptr_array_find_with_equal_func (values, value, g_str_equal, NULL);
}

static JsonObject *
expect_object (OkcTestResponse *response,
               guint            status)
{
  if (response->status != status)
    g_test_message ("unexpected answer: %.*s", (int) g_bytes_get_size (response->body),
                    (const char *) g_bytes_get_data (response->body, NULL));
  g_assert_cmpuint (response->status, ==, status);
  return okc_test_response_object (response);
}

static OkcTestResponse *
get (const char *path)
{
  return okc_test_get (url (), path, agent);
}

/* A payout's reconciliation, decoded strictly as the console does: the engine's members
 * (which re-add the totals), the whole Payout and the adjustments. */
typedef struct
{
  OkcPayoutReconciliation *reconciliation;
  OkcPayout *payout;
  OkcPayoutTotals totals;
  JsonObject *object;
  OkcTestResponse *response;
} Reconciled;

static void
reconciled_clear (Reconciled *self)
{
  g_clear_object (&self->reconciliation);
  g_clear_object (&self->payout);
  g_clear_pointer (&self->response, okc_test_response_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reconciled, reconciled_clear)

static void
reconcile (const char *id,
           Reconciled *out)
{
  g_autofree char *path = g_strdup_printf ("/v1/payouts/%s/reconciliation", id);
  g_autoptr(GError) error = NULL;
  JsonArray *adjustments;

  out->response = get (path);
  out->object = expect_object (out->response, 200);
  out->reconciliation = okc_payout_reconciliation_new_from_json (out->response->json, NULL,
                                                                 &error);
  g_assert_no_error (error);
  out->payout = okc_payout_new_from_json (json_object_get_member (out->object, "payout"),
                                          "payout", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_payout_get_id (out->payout), ==, id);
  g_assert_true (okc_payout_reconciliation_compute (out->reconciliation, &out->totals, &error));
  g_assert_no_error (error);
  adjustments = json_object_get_array_member (out->object, "adjustments");
  for (guint i = 0; i < json_array_get_length (adjustments); i++)
    {
      g_autoptr(OkcPayoutAdjustment) adjustment =
        okc_payout_adjustment_new_from_json (json_array_get_element (adjustments, i), NULL,
                                             &error);
      g_assert_no_error (error);
      g_assert_cmpstr (okc_payout_adjustment_get_payout_id (adjustment), ==, id);
    }
}

static GPtrArray *
all_payout_ids (void)
{
  return query_column ("SELECT id FROM payouts ORDER BY id", NULL);
}

/* Every demo payout reconciles to the cent, but the planted short ones: each paid (or on
 * its way) less than payable, each named by a payouts-reporting ticket, and one of those
 * open and about a payout the bank received. */
static void
test_every_payout_reconciles (void)
{
  g_autoptr(GPtrArray) ids = all_payout_ids ();
  g_autoptr(GPtrArray) named = query_column (
    "SELECT DISTINCT j.value FROM tickets t, json_each (t.fields, '$.payout_ids') j "
    "WHERE t.topic = 'payouts-reporting'", NULL);
  g_autoptr(GPtrArray) named_open = query_column (
    "SELECT DISTINCT j.value FROM tickets t, json_each (t.fields, '$.payout_ids') j "
    "WHERE t.topic = 'payouts-reporting' AND t.status <> 'resolved'", NULL);
  guint n_short = 0, n_short_paid_open = 0;

  g_assert_cmpuint (ids->len, >, 20);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_auto(Reconciled) r = { 0 };
      OkcPayoutStatus status;

      reconcile (id, &r);
      status = okc_payout_get_status (r.payout);
      g_assert_cmpint (okc_payout_reconciliation_get_status (r.reconciliation), ==, status);
      if (r.totals.difference == 0)
        continue;
      g_test_message ("%s is short by %" G_GINT64_FORMAT, id, -r.totals.difference);
      n_short++;
      g_assert_cmpint (r.totals.difference, <, 0);
      g_assert_cmpint (r.totals.difference, >=, -900);
      g_assert_true (status == OKC_PAYOUT_STATUS_PAID || status == OKC_PAYOUT_STATUS_IN_TRANSIT);
      g_assert_true (contains (named, id));
      if (status == OKC_PAYOUT_STATUS_PAID && contains (named_open, id))
        n_short_paid_open++;
    }
  g_assert_cmpuint (n_short, >, 0);
  g_assert_cmpuint (n_short_paid_open, >, 0);
}

/* Each failed payout has the bank's reason; each sent one its dates. */
static void
test_statuses (void)
{
  g_autoptr(GPtrArray) failed = query_column ("SELECT id FROM payouts WHERE status = 'failed'",
                                              NULL);
  g_autoptr(GPtrArray) scheduled = query_column (
    "SELECT id FROM payouts WHERE status = 'scheduled'", NULL);

  g_assert_cmpuint (failed->len, >, 0);
  for (guint i = 0; i < failed->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/payouts/%s",
                                               (char *) g_ptr_array_index (failed, i));
      g_autoptr(OkcTestResponse) response = get (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcPayout) payout = NULL;
      const char *reason;

      expect_object (response, 200);
      payout = okc_payout_new_from_json (response->json, NULL, &error);
      g_assert_no_error (error);
      reason = okc_payout_get_failure_reason (payout);
      g_assert_true (g_str_has_prefix (reason, "R02: ") || g_str_has_prefix (reason, "R03: ") ||
                     g_str_has_prefix (reason, "R04: ") || g_str_has_prefix (reason, "R16: ") ||
                     g_str_has_prefix (reason, "R20: "));
      g_assert_cmpint (okc_payout_get_initiated_at (payout), >, okc_payout_get_cutoff_at (payout));
      g_assert_cmpstr (okc_payout_get_bank_last4 (payout), !=, NULL);
    }
  /* The backend runs on a Monday (main()): last week's payouts wait for Tuesday's run. */
  g_assert_cmpuint (scheduled->len, >, 0);
}

/* A carried-over payout sends nothing, and its balance is the next payout's carried in. */
static void
test_carried_over (void)
{
  g_autoptr(GPtrArray) carried = query_column (
    "SELECT id FROM payouts WHERE status = 'carried_over'", NULL);

  g_assert_cmpuint (carried->len, >, 0);
  for (guint i = 0; i < carried->len; i++)
    {
      const char *id = g_ptr_array_index (carried, i);
      g_auto(Reconciled) r = { 0 };
      g_auto(Reconciled) next = { 0 };
      g_autoptr(GPtrArray) after = query_column (
        "SELECT n.id FROM payouts p JOIN payouts n ON n.property_id = p.property_id "
        "AND n.period_from > p.period_from WHERE p.id = ?1 ORDER BY n.period_from LIMIT 1", id);
      const OkcPayoutCarry *carries;
      guint n_carries;
      gint64 sum = 0;
      gboolean found = FALSE;

      reconcile (id, &r);
      g_assert_cmpint (r.totals.expected, <, OKC_PAYOUT_THRESHOLD);
      g_assert_cmpint (r.totals.payable, ==, 0);
      g_assert_cmpint (r.totals.sent, ==, 0);
      g_assert_cmpint (r.totals.difference, ==, 0);
      if (after->len == 0)
        continue;
      reconcile (g_ptr_array_index (after, 0), &next);
      carries = okc_payout_reconciliation_get_carries (next.reconciliation, &n_carries);
      for (guint c = 0; c < n_carries; c++)
        {
          sum += carries[c].amount;
          found |= g_str_equal (carries[c].payout_id, id);
        }
      g_assert_true (found);
      g_assert_cmpint (sum, ==, r.totals.expected);
      g_assert_cmpint (next.totals.carried_in, ==, r.totals.expected);
    }
}

/* Covered is by end time in the property's week, local midnight to local midnight; every
 * session that ended in it is covered. */
static void
test_week_by_end_time (void)
{
  g_autoptr(GPtrArray) ids = all_payout_ids ();

  for (guint i = 0; i < ids->len; i += 3)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_auto(Reconciled) r = { 0 };
      g_autofree char *zone_name = NULL;
      g_autoptr(GTimeZone) zone = NULL;
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *count_sql = NULL;
      gint64 period_start, cutoff;
      const OkcPayoutSession *sessions;
      guint n_sessions, n_covered = 0;

      reconcile (id, &r);
      period_start = okc_payout_get_period_start (r.payout);
      cutoff = okc_payout_get_cutoff_at (r.payout);
      {
        g_autoptr(GPtrArray) zones = query_column (
          "SELECT pr.timezone FROM payouts p JOIN properties pr ON pr.id = p.property_id "
          "WHERE p.id = ?1", id);
        zone_name = g_strdup (g_ptr_array_index (zones, 0));
      }
      zone = g_time_zone_new_identifier (zone_name);
      g_assert_nonnull (zone);
      start = g_date_time_new_from_unix_utc (period_start);
      local = g_date_time_to_timezone (start, zone);
      g_assert_cmpint (g_date_time_get_day_of_week (local), ==, 1);
      g_assert_cmpint (g_date_time_get_hour (local), ==, 0);
      g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
      g_assert_cmpint (cutoff - period_start, >=, 7 * DAY - 3600);
      g_assert_cmpint (cutoff - period_start, <=, 7 * DAY + 3600);
      g_assert_cmpint (okc_payout_reconciliation_get_period_start (r.reconciliation), ==,
                       period_start);

      sessions = okc_payout_reconciliation_get_sessions (r.reconciliation, &n_sessions);
      for (guint s = 0; s < n_sessions; s++)
        if (sessions[s].placement == OKC_PAYOUT_PLACEMENT_DEFERRED)
          {
            g_assert_cmpint (sessions[s].started_at, >=, period_start);
            g_assert_cmpint (sessions[s].ended_at, >=, cutoff);
          }
        else
          {
            g_assert_cmpint (sessions[s].ended_at, >=, period_start);
            g_assert_cmpint (sessions[s].ended_at, <, cutoff);
            g_assert_cmpint (sessions[s].placement == OKC_PAYOUT_PLACEMENT_STARTED_BEFORE, ==,
                             sessions[s].started_at < period_start);
            n_covered++;
          }
      /* A line's money is the session's bill as GET /v1/sessions/{id} has it: its total,
       * and its breakdown's processing fees. */
      if (n_sessions > 0)
        {
          g_autofree char *session_path = g_strdup_printf ("/v1/sessions/%s", sessions[0].id);
          g_autoptr(OkcTestResponse) detail = get (session_path);
          JsonObject *object = expect_object (detail, 200);
          g_autoptr(GError) error = NULL;
          g_autoptr(OkcCostBreakdown) billed = okc_cost_breakdown_new_from_json (
            json_object_get_member (object, "billed"), "billed", &error);
          OkcMoney fees, total;

          g_assert_no_error (error);
          okc_cost_breakdown_get_fees (billed, &fees);
          okc_cost_breakdown_get_total (billed, &total);
          g_assert_cmpint (sessions[0].processing_fee, ==, fees.amount);
          g_assert_cmpint (sessions[0].gross, ==, total.amount);
        }
      count_sql = g_strdup_printf (
        "SELECT count (*) FROM payouts p JOIN chargers c ON c.property_id = p.property_id "
        "JOIN sessions s ON s.charger_id = c.id WHERE p.id = ?1 "
        "AND s.ended_at >= %" G_GINT64_FORMAT " AND s.ended_at < %" G_GINT64_FORMAT,
        period_start, cutoff);
      g_assert_cmpint (query_count (count_sql, id), ==, n_covered);
    }
}

static JsonArray *
list_page (const char  *query,
           JsonObject **out_object,
           OkcTestResponse **out_response)
{
  g_autofree char *path = g_strdup_printf ("/v1/payouts?%s", query);

  *out_response = get (path);
  *out_object = expect_object (*out_response, 200);
  return json_object_get_array_member (*out_object, "payouts");
}

/* Pages of two, newest period first, add up to the total and to what the table has. */
static void
test_list_host_paged (void)
{
  g_autoptr(GPtrArray) hosts = query_column (
    "SELECT host_account_id FROM payouts GROUP BY host_account_id ORDER BY count (*) DESC "
    "LIMIT 1", NULL);
  const char *host = g_ptr_array_index (hosts, 0);
  g_autoptr(GPtrArray) expected = query_column (
    "SELECT id FROM payouts WHERE host_account_id = ?1 ORDER BY period_from DESC, id DESC", host);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = NULL;
  g_autofree char *last_period = NULL;

  g_assert_cmpuint (expected->len, >, 2);
  do
    {
      g_autofree char *query = cursor != NULL
                                 ? g_strdup_printf ("host=%s&limit=2&cursor=%s", host, cursor)
                                 : g_strdup_printf ("host=%s&limit=2", host);
      g_autoptr(OkcTestResponse) response = NULL;
      JsonObject *object;
      JsonArray *page = list_page (query, &object, &response);

      g_assert_cmpint (json_object_get_int_member (object, "total"), ==, expected->len);
      g_assert_cmpuint (json_array_get_length (page), <=, 2);
      for (guint i = 0; i < json_array_get_length (page); i++)
        {
          JsonObject *payout = json_array_get_object_element (page, i);
          const char *period = json_object_get_string_member (payout, "period_from");

          g_assert_cmpstr (json_object_get_string_member (payout, "host_account_id"), ==, host);
          if (last_period != NULL)
            g_assert_cmpint (strcmp (period, last_period), <=, 0);
          g_free (last_period);
          last_period = g_strdup (period);
          g_ptr_array_add (seen, g_strdup (json_object_get_string_member (payout, "id")));
        }
      g_clear_pointer (&cursor, g_free);
      if (!json_object_get_null_member (object, "next_cursor"))
        cursor = g_strdup (json_object_get_string_member (object, "next_cursor"));
    }
  while (cursor != NULL);
  g_assert_cmpuint (seen->len, ==, expected->len);
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpstr (g_ptr_array_index (seen, i), ==, g_ptr_array_index (expected, i));
}

static void
test_list_filters (void)
{
  g_autoptr(GPtrArray) properties = query_column (
    "SELECT property_id FROM payouts WHERE status = 'paid' GROUP BY property_id LIMIT 1", NULL);
  const char *property = g_ptr_array_index (properties, 0);
  g_autofree char *query = g_strdup_printf ("property=%s&status=paid&limit=100", property);
  g_autoptr(OkcTestResponse) response = NULL;
  JsonObject *object;
  JsonArray *page = list_page (query, &object, &response);
  gint64 expected = query_count ("SELECT count (*) FROM payouts WHERE property_id = ?1 AND "
                                 "status = 'paid'", property);

  g_assert_cmpint (json_array_get_length (page), ==, expected);
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==, expected);
  g_assert_true (json_object_get_null_member (object, "next_cursor"));
  for (guint i = 0; i < json_array_get_length (page); i++)
    {
      JsonObject *payout = json_array_get_object_element (page, i);

      g_assert_cmpstr (json_object_get_string_member (payout, "property_id"), ==, property);
      g_assert_cmpstr (json_object_get_string_member (payout, "status"), ==, "paid");
    }
}

static void
test_list_bad_requests (void)
{
  g_autoptr(OkcTestResponse) none = get ("/v1/payouts");
  g_autoptr(OkcTestResponse) status = get ("/v1/payouts?host=ACC-00001&status=lost");
  g_autoptr(OkcTestResponse) cursor = get ("/v1/payouts?host=ACC-00001&cursor=zz");
  g_autoptr(OkcTestResponse) unknown = get ("/v1/payouts?host=ACC-00001&sort=amount");
  g_autoptr(OkcTestResponse) limit = get ("/v1/payouts?host=ACC-00001&limit=0");
  g_autoptr(OkcTestResponse) missing = get ("/v1/payouts/PAY-99999");
  g_autoptr(OkcTestResponse) missing_reconciliation = get ("/v1/payouts/PAY-99999/reconciliation");

  okc_test_assert_error (none, 422, "invalid_request", "host");
  okc_test_assert_error (status, 400, "invalid_parameter", "status");
  okc_test_assert_error (cursor, 400, "invalid_parameter", "cursor");
  okc_test_assert_error (unknown, 400, "invalid_parameter", "sort");
  g_assert_cmpuint (limit->status, ==, 400);
  okc_test_assert_error (missing, 404, "not_found", NULL);
  okc_test_assert_error (missing_reconciliation, 404, "not_found", NULL);
}

static void
test_roles (void)
{
  g_autoptr(OkcTestResponse) as_supervisor = okc_test_get (url (), "/v1/payouts/PAY-00001",
                                                           supervisor);
  g_autoptr(OkcTestResponse) as_chatbot = okc_test_get (url (), "/v1/payouts/PAY-00001",
                                                        chatbot);
  g_autoptr(OkcTestResponse) anonymous = okc_test_get (url (), "/v1/payouts?host=ACC-00001",
                                                       NULL);
  g_autoptr(OkcTestResponse) anonymous_post = okc_test_post_json (
    url (), "/v1/payouts/PAY-00001/adjustments", NULL,
    "{\"amount\": {\"amount\": 1, \"currency\": \"USD\"}, \"reason\": \"x\"}");

  expect_object (as_supervisor, 200);
  g_assert_cmpuint (as_chatbot->status, ==, 403);
  g_assert_cmpuint (anonymous->status, ==, 401);
  g_assert_cmpuint (anonymous_post->status, ==, 401);
}

/* POST with an Idempotency-Key, blocking: the backend is another process. */
static OkcTestResponse *
post_with_key (const char *token,
               const char *path,
               const char *key,
               const char *json)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *target = g_strconcat (url (), path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", target);
  g_autoptr(GError) error = NULL;
  OkcTestResponse *response = g_new0 (OkcTestResponse, 1);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  response->body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  response->json = okc_json_parse_bytes (response->body, &error);
  g_assert_no_error (error);
  return response;
}

static OkcTestResponse *
adjust (const char *token,
        const char *payout_id,
        gint64      amount,
        const char *currency,
        const char *ticket_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/payouts/%s/adjustments", payout_id);
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *ticket = ticket_id != NULL ? g_strdup_printf ("\"%s\"", ticket_id)
                                              : g_strdup ("null");
  g_autofree char *body = g_strdup_printf (
    "{\"ticket_id\": %s, \"amount\": {\"amount\": %" G_GINT64_FORMAT ", \"currency\": \"%s\"}, "
    "\"reason\": \"A session was left out of the run\"}", ticket, amount, currency);

  return post_with_key (token, path, key, body);
}

static gint64
sent_of (const char *payout_id)
{
  g_autofree char *sql = g_strdup ("SELECT amount FROM payouts WHERE id = ?1");

  return query_count (sql, payout_id);
}

/* A short paid payout of a property that has a scheduled one after it, and a ticket that
 * names it. */
static void
find_short (char **out_id,
            char **out_scheduled,
            char **out_ticket,
            gint64 *out_short)
{
  g_autoptr(GPtrArray) ids = all_payout_ids ();

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_auto(Reconciled) r = { 0 };
      g_autoptr(GPtrArray) scheduled = NULL;
      g_autoptr(GPtrArray) tickets = NULL;

      reconcile (id, &r);
      if (r.totals.difference >= 0 ||
          json_array_get_length (json_object_get_array_member (r.object, "adjustments")) != 0)
        continue;
      scheduled = query_column ("SELECT n.id FROM payouts p JOIN payouts n ON n.property_id = "
                                "p.property_id AND n.period_from > p.period_from WHERE p.id = ?1 "
                                "AND n.status = 'scheduled' ORDER BY n.period_from LIMIT 1", id);
      tickets = query_column ("SELECT t.id FROM tickets t, json_each (t.fields, '$.payout_ids') j "
                              "WHERE j.value = ?1 ORDER BY t.id LIMIT 1", id);
      if (scheduled->len == 0 || tickets->len == 0)
        continue;
      *out_id = g_strdup (id);
      *out_scheduled = g_strdup (g_ptr_array_index (scheduled, 0));
      *out_ticket = g_strdup (g_ptr_array_index (tickets, 0));
      *out_short = -r.totals.difference;
      return;
    }
  g_assert_not_reached ();
}

/* Credited to the property's next scheduled payout, which grows by it and still reconciles;
 * replayed with its key, the first answer; no more than the shortfall left; audited. */
static void
test_adjustment (void)
{
  g_autofree char *id = NULL, *scheduled = NULL, *ticket = NULL;
  g_autofree char *path = NULL, *key = g_uuid_string_random ();
  g_autofree char *body = NULL, *other_body = NULL;
  g_autoptr(OkcTestResponse) first = NULL;
  g_autoptr(OkcTestResponse) replay = NULL;
  g_autoptr(OkcTestResponse) reused = NULL;
  g_autoptr(OkcTestResponse) too_much = NULL;
  g_autoptr(OkcTestResponse) rest = NULL;
  g_autoptr(OkcTestResponse) nothing_left = NULL;
  g_autoptr(OkcPayoutAdjustment) adjustment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *audit_sql = NULL;
  gint64 shortfall, scheduled_before, part;
  OkcMoney amount;

  find_short (&id, &scheduled, &ticket, &shortfall);
  g_assert_cmpint (shortfall, >=, 2);
  part = shortfall / 2;
  scheduled_before = sent_of (scheduled);
  path = g_strdup_printf ("/v1/payouts/%s/adjustments", id);
  body = g_strdup_printf ("{\"ticket_id\": \"%s\", \"amount\": {\"amount\": %" G_GINT64_FORMAT
                          ", \"currency\": \"USD\"}, \"reason\": \"Paid short: a session left "
                          "out of the run\"}", ticket, part);

  first = post_with_key (agent, path, key, body);
  expect_object (first, 201);
  adjustment = okc_payout_adjustment_new_from_json (first->json, NULL, &error);
  g_assert_no_error (error);
  okc_payout_adjustment_get_amount (adjustment, &amount);
  g_assert_cmpint (amount.amount, ==, part);
  g_assert_cmpstr (amount.currency, ==, "USD");
  g_assert_cmpstr (okc_payout_adjustment_get_payout_id (adjustment), ==, id);
  g_assert_cmpstr (okc_payout_adjustment_get_ticket_id (adjustment), ==, ticket);
  g_assert_cmpstr (okc_payout_adjustment_get_credited_payout_id (adjustment), ==, scheduled);
  g_assert_cmpstr (okc_payout_adjustment_get_created_by_name (adjustment), ==, "Alex Rivera");
  g_assert_cmpint (sent_of (scheduled), ==, scheduled_before + part);

  /* The same key and body: the first answer, credited once. */
  replay = post_with_key (agent, path, key, body);
  expect_object (replay, 201);
  g_assert_cmpstr (json_object_get_string_member (okc_test_response_object (replay), "id"), ==,
                   okc_payout_adjustment_get_id (adjustment));
  g_assert_cmpint (sent_of (scheduled), ==, scheduled_before + part);
  other_body = g_strdup_printf ("{\"amount\": {\"amount\": 1, \"currency\": \"USD\"}, "
                                "\"reason\": \"other\"}");
  reused = post_with_key (agent, path, key, other_body);
  g_assert_cmpuint (reused->status, ==, 409);

  /* The short payout shows its adjustment; the credited one its credit, and still matches. */
  {
    g_auto(Reconciled) shorted = { 0 };
    g_auto(Reconciled) credited = { 0 };
    const OkcPayoutCredit *credits;
    guint n_credits;

    reconcile (id, &shorted);
    g_assert_cmpint (shorted.totals.difference, ==, -shortfall);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (shorted.object,
                                                                           "adjustments")), ==, 1);
    reconcile (scheduled, &credited);
    credits = okc_payout_reconciliation_get_credits (credited.reconciliation, &n_credits);
    g_assert_cmpuint (n_credits, ==, 1);
    g_assert_cmpstr (credits[0].payout_id, ==, id);
    g_assert_cmpint (credits[0].amount, ==, part);
    g_assert_cmpint (credited.totals.credits, ==, part);
    g_assert_cmpint (credited.totals.difference, ==, 0);
  }

  /* No more than what is left of the shortfall; then all of it; then nothing. */
  too_much = adjust (supervisor, id, shortfall - part + 1, "USD", NULL);
  okc_test_assert_error (too_much, 409, "adjustment_exceeds_shortfall", "amount");
  rest = adjust (supervisor, id, shortfall - part, "USD", NULL);
  expect_object (rest, 201);
  g_assert_cmpint (sent_of (scheduled), ==, scheduled_before + shortfall);
  nothing_left = adjust (agent, id, 1, "USD", NULL);
  okc_test_assert_error (nothing_left, 409, "adjustment_exceeds_shortfall", "amount");

  audit_sql = g_strdup_printf ("SELECT count (*) FROM audit_log WHERE action = 'payout.adjust' "
                               "AND target_kind = 'payout' AND target_id = ?1 AND ticket_id = '%s'",
                               ticket);
  g_assert_cmpint (query_count (audit_sql, id), ==, 1);
  /* The first record: what was credited, and the credited payout before and after. */
  g_assert_cmpint (query_count ("SELECT json_extract (after, '$.amount.amount') FROM audit_log "
                                "WHERE action = 'payout.adjust' AND target_id = ?1 ORDER BY seq "
                                "LIMIT 1", id), ==, part);
  g_assert_cmpint (query_count ("SELECT json_extract (before, '$.credited_payout.amount.amount') "
                                "FROM audit_log WHERE action = 'payout.adjust' AND target_id = ?1 "
                                "ORDER BY seq LIMIT 1", id), ==, scheduled_before);
  g_assert_cmpint (query_count ("SELECT json_extract (after, '$.credited_payout.amount.amount') "
                                "FROM audit_log WHERE action = 'payout.adjust' AND target_id = ?1 "
                                "ORDER BY seq LIMIT 1", id), ==, scheduled_before + part);
  g_assert_cmpint (query_count ("SELECT actor_id = 'USR-0001' FROM audit_log WHERE action = "
                                "'payout.adjust' AND target_id = ?1 ORDER BY seq LIMIT 1", id), ==, 1);
  g_assert_cmpint (query_count ("SELECT count (*) FROM audit_log WHERE action = 'payout.adjust' "
                                "AND target_id = ?1", id), ==, 2);
  g_assert_cmpint (query_count ("SELECT count (*) FROM events WHERE type = 'payout.updated' AND "
                                "json_extract (data, '$.payout_id') = ?1", scheduled), ==, 2);
  g_assert_cmpint (query_count ("SELECT count (*) FROM events WHERE type = 'payout.updated' AND "
                                "json_extract (data, '$.payout_id') = ?1", id), ==, 2);
}

static void
test_adjustment_refused (void)
{
  g_autoptr(GPtrArray) matching = query_column (
    "SELECT id FROM payouts WHERE status = 'paid' ORDER BY id", NULL);
  g_autoptr(GPtrArray) failed = query_column (
    "SELECT id FROM payouts WHERE status = 'failed' ORDER BY id LIMIT 1", NULL);
  const char *exact = NULL;
  g_autoptr(OkcTestResponse) no_shortfall = NULL;
  g_autoptr(OkcTestResponse) not_sent = NULL;
  g_autoptr(OkcTestResponse) currency = NULL;
  g_autoptr(OkcTestResponse) zero = NULL;
  g_autoptr(OkcTestResponse) no_ticket = NULL;
  g_autoptr(OkcTestResponse) missing = NULL;
  g_autoptr(OkcTestResponse) no_reason = NULL;
  g_autoptr(OkcTestResponse) no_amount = NULL;
  g_autoptr(OkcTestResponse) extra = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key1 = g_uuid_string_random (), *key2 = g_uuid_string_random ();
  g_autofree char *key3 = g_uuid_string_random ();

  for (guint i = 0; i < matching->len && exact == NULL; i++)
    {
      g_auto(Reconciled) r = { 0 };

      reconcile (g_ptr_array_index (matching, i), &r);
      if (r.totals.difference == 0)
        exact = g_ptr_array_index (matching, i);
    }
  g_assert_nonnull (exact);
  no_shortfall = adjust (agent, exact, 100, "USD", NULL);
  okc_test_assert_error (no_shortfall, 409, "no_shortfall", NULL);
  not_sent = adjust (agent, g_ptr_array_index (failed, 0), 100, "USD", NULL);
  okc_test_assert_error (not_sent, 409, "no_shortfall", NULL);
  currency = adjust (agent, exact, 100, "EUR", NULL);
  okc_test_assert_error (currency, 422, "invalid_input", "amount");
  zero = adjust (agent, exact, 0, "USD", NULL);
  okc_test_assert_error (zero, 422, "invalid_input", "amount");
  no_ticket = adjust (agent, exact, 100, "USD", "TCK-999999");
  okc_test_assert_error (no_ticket, 422, "invalid_input", "ticket_id");
  missing = adjust (agent, "PAY-99999", 100, "USD", NULL);
  okc_test_assert_error (missing, 404, "not_found", NULL);

  path = g_strdup_printf ("/v1/payouts/%s/adjustments", exact);
  no_reason = post_with_key (agent, path, key1,
                             "{\"amount\": {\"amount\": 100, \"currency\": \"USD\"}}");
  okc_test_assert_error (no_reason, 422, "invalid_input", "reason");
  no_amount = post_with_key (agent, path, key2, "{\"reason\": \"short\"}");
  okc_test_assert_error (no_amount, 422, "invalid_input", "amount");
  extra = post_with_key (agent, path, key3,
                         "{\"amount\": {\"amount\": 100, \"currency\": \"USD\"}, "
                         "\"reason\": \"short\", \"credit_to\": \"PAY-00001\"}");
  okc_test_assert_error (extra, 422, "invalid_input", "credit_to");
  g_assert_cmpint (query_count ("SELECT count (*) FROM payout_adjustments WHERE payout_id = ?1",
                                exact), ==, 0);
}

static gint64
money_of (JsonObject *object,
          const char *member)
{
  return json_object_get_int_member (json_object_get_object_member (object, member), "amount");
}

/* A host's statement of the last 60 days: every session of their properties, every payout,
 * totals that are the sums of the lines and of the tables. */
static void
test_statement (void)
{
  g_autoptr(GPtrArray) hosts = query_column (
    "SELECT host_account_id FROM payouts GROUP BY host_account_id ORDER BY count (*) DESC "
    "LIMIT 1", NULL);
  const char *host = g_ptr_array_index (hosts, 0);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -60);
  g_autofree char *from = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/statement?from=%s&to=%s", host, from,
                                           to);
  g_autoptr(OkcTestResponse) response = get (path);
  JsonObject *statement = expect_object (response, 200);
  JsonArray *sessions = json_object_get_array_member (statement, "sessions");
  JsonArray *payouts = json_object_get_array_member (statement, "payouts");
  JsonObject *totals = json_object_get_object_member (statement, "totals");
  gint64 gross = 0, refunded = 0, paid = 0;
  const char *last_start = "";

  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (statement, "account"), "id"), ==, host);
  g_assert_cmpint (json_array_get_length (sessions), ==,
                   query_count ("SELECT count (*) FROM properties pr JOIN chargers c ON "
                                "c.property_id = pr.id JOIN sessions s ON s.charger_id = c.id "
                                "WHERE pr.host_account_id = ?1", host));
  g_assert_cmpint (json_array_get_length (payouts), ==,
                   query_count ("SELECT count (*) FROM payouts WHERE host_account_id = ?1", host));
  for (guint i = 0; i < json_array_get_length (sessions); i++)
    {
      JsonObject *session = json_array_get_object_element (sessions, i);
      const char *started = json_object_get_string_member (session, "started_at");

      g_assert_cmpint (strcmp (started, last_start), >=, 0);
      last_start = started;
      gross += money_of (session, "gross");
      refunded += money_of (session, "refunded");
    }
  for (guint i = 0; i < json_array_get_length (payouts); i++)
    {
      JsonObject *payout = json_array_get_object_element (payouts, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcPayout) decoded = okc_payout_new_from_json (json_array_get_element (payouts, i),
                                                               NULL, &error);

      g_assert_no_error (error);
      if (g_str_equal (json_object_get_string_member (payout, "status"), "paid"))
        paid += money_of (payout, "amount");
    }
  g_assert_cmpint (json_object_get_int_member (totals, "sessions"), ==,
                   json_array_get_length (sessions));
  g_assert_cmpint (money_of (totals, "gross"), ==, gross);
  g_assert_cmpint (money_of (totals, "refunded"), ==, refunded);
  g_assert_cmpint (money_of (totals, "paid_out"), ==, paid);
  g_assert_cmpint (paid, ==, query_count ("SELECT coalesce (sum (amount), 0) FROM payouts WHERE "
                                          "host_account_id = ?1 AND status = 'paid'", host));
  g_assert_cmpint (refunded, ==,
                   query_count ("SELECT coalesce (sum (r.amount), 0) FROM refunds r JOIN sessions s "
                                "ON s.id = r.session_id JOIN chargers c ON c.id = s.charger_id "
                                "JOIN properties pr ON pr.id = c.property_id WHERE "
                                "pr.host_account_id = ?1 AND r.status = 'succeeded'", host));
}

/* One local day: every session on it started that day at its property, and only those. */
static void
test_statement_one_day (void)
{
  g_autoptr(GPtrArray) rows = query_column (
    "SELECT pr.id || ' ' || pr.host_account_id || ' ' || pr.timezone || ' ' || "
    "count (*) FROM properties pr JOIN chargers c ON c.property_id = pr.id "
    "JOIN sessions s ON s.charger_id = c.id GROUP BY pr.id ORDER BY count (*) DESC LIMIT 1",
    NULL);
  g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (rows, 0), " ", 4);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (parts[2]);
  /* A day that has sessions: the one a session some way back started on, at the property. */
  g_autoptr(GPtrArray) starts = query_column (
    "SELECT s.started_at FROM chargers c JOIN sessions s ON s.charger_id = c.id "
    "WHERE c.property_id = ?1 ORDER BY s.started_at DESC LIMIT 1 OFFSET 20", parts[0]);
  g_autoptr(GDateTime) some_start = g_date_time_new_from_unix_utc (
    g_ascii_strtoll (g_ptr_array_index (starts, 0), NULL, 10));
  g_autoptr(GDateTime) day = g_date_time_to_timezone (some_start, zone);
  g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/statement?from=%s&to=%s&property=%s",
                                           parts[1], date, date, parts[0]);
  g_autoptr(OkcTestResponse) response = get (path);
  JsonObject *statement = expect_object (response, 200);
  JsonArray *sessions = json_object_get_array_member (statement, "sessions");
  JsonArray *properties = json_object_get_array_member (statement, "properties");
  g_autofree char *count_sql = NULL;
  g_autoptr(GDateTime) local_start = g_date_time_new (zone, g_date_time_get_year (day),
                                                      g_date_time_get_month (day),
                                                      g_date_time_get_day_of_month (day), 0, 0, 0);
  g_autoptr(GDateTime) local_end = g_date_time_add_days (local_start, 1);

  g_assert_cmpuint (json_array_get_length (properties), ==, 1);
  g_assert_cmpuint (json_array_get_length (sessions), >, 0);
  for (guint i = 0; i < json_array_get_length (sessions); i++)
    {
      JsonObject *session = json_array_get_object_element (sessions, i);
      gint64 started = 0;
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *local_date = NULL;

      g_assert_cmpstr (json_object_get_string_member (session, "property_id"), ==, parts[0]);
      g_assert_true (okc_time_parse_rfc3339 (json_object_get_string_member (session, "started_at"),
                                             &started));
      utc = g_date_time_new_from_unix_utc (started);
      local = g_date_time_to_timezone (utc, zone);
      local_date = g_date_time_format (local, "%Y-%m-%d");
      g_assert_cmpstr (local_date, ==, date);
    }
  count_sql = g_strdup_printf ("SELECT count (*) FROM chargers c JOIN sessions s ON "
                               "s.charger_id = c.id WHERE c.property_id = ?1 AND s.started_at >= "
                               "%" G_GINT64_FORMAT " AND s.started_at < %" G_GINT64_FORMAT,
                               g_date_time_to_unix (local_start), g_date_time_to_unix (local_end));
  g_assert_cmpint (json_array_get_length (sessions), ==, query_count (count_sql, parts[0]));
}

static void
test_statement_bad_requests (void)
{
  g_autoptr(GPtrArray) guests = query_column (
    "SELECT id FROM accounts WHERE kind = 'guest' ORDER BY id LIMIT 1", NULL);
  g_autoptr(GPtrArray) hosts = query_column (
    "SELECT host_account_id FROM properties GROUP BY host_account_id ORDER BY host_account_id "
    "LIMIT 2", NULL);
  g_autoptr(GPtrArray) others = query_column (
    "SELECT id FROM properties WHERE host_account_id <> ?1 LIMIT 1", g_ptr_array_index (hosts, 0));
  const char *host = g_ptr_array_index (hosts, 0);
  g_autofree char *guest = g_strdup_printf ("/v1/accounts/%s/statement?from=2026-01-01&to=2026-01-31",
                                            (char *) g_ptr_array_index (guests, 0));
  g_autofree char *too_long = g_strdup_printf ("/v1/accounts/%s/statement?from=2026-01-01&to=2027-02-05",
                                               host);
  g_autofree char *backwards = g_strdup_printf ("/v1/accounts/%s/statement?from=2026-02-01&to=2026-01-01",
                                                host);
  g_autofree char *bad_date = g_strdup_printf ("/v1/accounts/%s/statement?from=2026-02-30&to=2026-03-01",
                                               host);
  g_autofree char *no_from = g_strdup_printf ("/v1/accounts/%s/statement?to=2026-03-01", host);
  g_autofree char *foreign = g_strdup_printf (
    "/v1/accounts/%s/statement?from=2026-01-01&to=2026-01-31&property=%s", host,
    (char *) g_ptr_array_index (others, 0));
  g_autofree char *unknown = g_strdup_printf (
    "/v1/accounts/%s/statement?from=2026-01-01&to=2026-01-31&format=csv", host);
  g_autofree char *longest = g_strdup_printf ("/v1/accounts/%s/statement?from=2026-01-01&to=2027-02-04",
                                              host);
  g_autoptr(OkcTestResponse) r1 = get (guest);
  g_autoptr(OkcTestResponse) r2 = get (too_long);
  g_autoptr(OkcTestResponse) r3 = get (backwards);
  g_autoptr(OkcTestResponse) r4 = get (bad_date);
  g_autoptr(OkcTestResponse) r5 = get (no_from);
  g_autoptr(OkcTestResponse) r6 = get (foreign);
  g_autoptr(OkcTestResponse) r7 = get (unknown);
  g_autoptr(OkcTestResponse) r8 = get ("/v1/accounts/ACC-99999/statement?from=2026-01-01&to=2026-01-31");
  g_autoptr(OkcTestResponse) r9 = get (longest);
  g_autoptr(OkcTestResponse) r10 = okc_test_get (url (), longest, chatbot);
  g_autoptr(OkcTestResponse) r11 = okc_test_get (url (), longest, NULL);

  okc_test_assert_error (r1, 422, "invalid_request", "id");
  okc_test_assert_error (r2, 422, "invalid_request", "to");
  okc_test_assert_error (r3, 422, "invalid_request", "to");
  okc_test_assert_error (r4, 422, "invalid_request", "from");
  okc_test_assert_error (r5, 422, "invalid_request", "from");
  okc_test_assert_error (r6, 422, "invalid_request", "property");
  okc_test_assert_error (r7, 400, "invalid_parameter", "format");
  okc_test_assert_error (r8, 404, "not_found", NULL);
  expect_object (r9, 200); /* 400 days exactly */
  g_assert_cmpuint (r10->status, ==, 403);
  g_assert_cmpuint (r11->status, ==, 401);
}

/* The most recent Monday noon (UTC) before now: last week is closed, its run still ahead. */
static char *
last_monday_noon (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) noon = g_date_time_new_utc (g_date_time_get_year (now),
                                                   g_date_time_get_month (now),
                                                   g_date_time_get_day_of_month (now), 12, 0, 0);
  g_autoptr(GDateTime) monday = g_date_time_add_days (noon,
                                                      1 - g_date_time_get_day_of_week (noon));
  g_autoptr(GDateTime) before = g_date_time_compare (monday, now) > 0
                                  ? g_date_time_add_days (monday, -7)
                                  : g_date_time_ref (monday);

  return g_date_time_format (before, "%Y-%m-%dT%H:%M:%SZ");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *now = last_monday_noon ();
  const char * const args[] = { "--now", now, NULL };
  int status;

  g_test_init (&argc, &argv, NULL);
  backend = okc_test_backend_start (args);
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  supervisor = okc_test_sign_in (url (), OKC_TEST_SUPERVISOR_EMAIL, "demo-supervisor");
  chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");

  g_test_add_func ("/Backend/Payouts/every-payout-reconciles", test_every_payout_reconciles);
  g_test_add_func ("/Backend/Payouts/statuses", test_statuses);
  g_test_add_func ("/Backend/Payouts/carried-over", test_carried_over);
  g_test_add_func ("/Backend/Payouts/week-by-end-time", test_week_by_end_time);
  g_test_add_func ("/Backend/Payouts/list/host-paged", test_list_host_paged);
  g_test_add_func ("/Backend/Payouts/list/filters", test_list_filters);
  g_test_add_func ("/Backend/Payouts/list/bad-requests", test_list_bad_requests);
  g_test_add_func ("/Backend/Payouts/roles", test_roles);
  g_test_add_func ("/Backend/Payouts/adjustment/refused", test_adjustment_refused);
  g_test_add_func ("/Backend/Payouts/adjustment", test_adjustment);
  g_test_add_func ("/Backend/Payouts/statement/host", test_statement);
  g_test_add_func ("/Backend/Payouts/statement/one-day", test_statement_one_day);
  g_test_add_func ("/Backend/Payouts/statement/bad-requests", test_statement_bad_requests);
  status = g_test_run ();

  okc_test_backend_stop (backend);
  g_free (agent);
  g_free (supervisor);
  g_free (chatbot);
  return status;
}
