/* test-backend-refunds.c — POST /v1/refunds over loopback: the approval threshold, what is
 * still refundable (also under concurrent requests), the audit record and the ticket's note;
 * the payment processor is held back (an hour), so that what a request leaves stays, until
 * a restart settles it (test-backend-refund-reviews.c follows the settlement)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-test-backend.h"

/* In cents; the demo's sessions bill on both sides of it. */
#define THRESHOLD 500
#define N_CONCURRENT 16

static OkcTestBackend *backend;
static char *agent;
static char *chatbot;

/* Sessions billed at least twice the threshold, USD, each test taking its own. */
static GPtrArray *session_ids;
static GArray *session_totals;
static guint next_session;

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

static void
learn_sessions (void)
{
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = NULL;

  session_ids = g_ptr_array_new_with_free_func (g_free);
  session_totals = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT id, total FROM sessions WHERE currency = 'USD' "
                                       "AND total >= ?1 AND id NOT IN (SELECT session_id FROM refunds) "
                                       "ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, 2 * THRESHOLD);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 total = sqlite3_column_int64 (stmt, 1);

      g_ptr_array_add (session_ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_array_append_val (session_totals, total);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (session_ids->len, >=, 10);
}

static const char *
take_session (gint64 *out_total)
{
  g_assert_cmpuint (next_session, <, session_ids->len);
  *out_total = g_array_index (session_totals, gint64, next_session);
  return g_ptr_array_index (session_ids, next_session++);
}

static char *
refund_body (const char *session_id,
             gint64      amount,
             const char *currency,
             const char *ticket_id)
{
  g_autofree char *ticket = ticket_id != NULL ? g_strdup_printf (", \"ticket_id\": \"%s\"",
                                                                 ticket_id)
                                              : g_strdup ("");

  return g_strdup_printf ("{\"session_id\": \"%s\", \"amount\": {\"amount\": %" G_GINT64_FORMAT
                          ", \"currency\": \"%s\"}, \"reason\": \"mischarge\", \"note\": "
                          "\"the idle fee ran while the car still charged\"%s}",
                          session_id, amount, currency, ticket);
}

static OkcTestResponse *
post_refund (const char *token,
             const char *session_id,
             gint64      amount,
             const char *currency,
             const char *ticket_id)
{
  g_autofree char *body = refund_body (session_id, amount, currency, ticket_id);

  return okc_test_post_json (url (), "/v1/refunds", token, body);
}

static const char *
refund_status (OkcTestResponse *response)
{
  if (response->status != 201)
    g_test_message ("unexpected answer: %.*s", (int) g_bytes_get_size (response->body),
                    (const char *) g_bytes_get_data (response->body, NULL));
  g_assert_cmpuint (response->status, ==, 201);
  return json_object_get_string_member (okc_test_response_object (response), "status");
}

static gint64
refundable (const char *session_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/sessions/%s/refunds", session_id);
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
  JsonObject *money;

  g_assert_cmpuint (response->status, ==, 200);
  money = json_object_get_object_member (okc_test_response_object (response), "refundable");
  g_assert_cmpstr (json_object_get_string_member (money, "currency"), ==, "USD");
  return json_object_get_int_member (money, "amount");
}

static void
test_policy (void)
{
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/refund-policy", agent);
  JsonObject *threshold;

  g_assert_cmpuint (response->status, ==, 200);
  threshold = json_object_get_object_member (okc_test_response_object (response),
                                             "approval_threshold");
  g_assert_cmpint (json_object_get_int_member (threshold, "amount"), ==, THRESHOLD);
  g_assert_cmpstr (json_object_get_string_member (threshold, "currency"), ==, "USD");
}

static void
test_threshold (void)
{
  gint64 total_a, total_b;
  const char *a = take_session (&total_a);
  const char *b = take_session (&total_b);
  g_autoptr(OkcTestResponse) at = post_refund (agent, a, THRESHOLD, "USD", NULL);
  g_autoptr(OkcTestResponse) over = post_refund (agent, b, THRESHOLD + 1, "USD", NULL);
  JsonObject *refund;

  g_assert_cmpstr (refund_status (at), ==, "processing");
  g_assert_cmpstr (refund_status (over), ==, "pending_approval");

  refund = okc_test_response_object (at);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (refund, "id"), "RFD-"));
  g_assert_cmpuint (strlen (json_object_get_string_member (refund, "id")), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (refund, "session_id"), ==, a);
  g_assert_cmpstr (json_object_get_string_member (refund, "reason"), ==, "mischarge");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (refund, "requested_by"), "id"), !=, NULL);

  /* A refund waiting for a supervisor still holds its share of the session. */
  g_assert_cmpint (refundable (a), ==, total_a - THRESHOLD);
  g_assert_cmpint (refundable (b), ==, total_b - THRESHOLD - 1);
}

static void
assert_amount_refused (OkcTestResponse *response,
                       const char      *words)
{
  JsonObject *error;

  okc_test_assert_error (response, 422, "invalid_input", "amount");
  error = json_object_get_object_member (okc_test_response_object (response), "error");
  if (strstr (json_object_get_string_member (error, "message"), words) == NULL)
    g_error ("“%s” does not say “%s”", json_object_get_string_member (error, "message"), words);
}

static void
test_over_refundable (void)
{
  gint64 total;
  const char *id = take_session (&total);
  g_autoptr(OkcTestResponse) most = post_refund (agent, id, total - 100, "USD", NULL);
  g_autoptr(OkcTestResponse) too_much = NULL;
  g_autoptr(OkcTestResponse) rest = NULL;
  g_autoptr(OkcTestResponse) after_all = NULL;

  refund_status (most);
  too_much = post_refund (agent, id, 101, "USD", NULL);
  assert_amount_refused (too_much, "$1.00 still refundable");
  rest = post_refund (agent, id, 100, "USD", NULL);
  refund_status (rest);
  after_all = post_refund (agent, id, 1, "USD", NULL);
  assert_amount_refused (after_all, "$0.00 still refundable");
  g_assert_cmpint (refundable (id), ==, 0);
}

static void
test_bad_amounts (void)
{
  gint64 total;
  const char *id = take_session (&total);
  g_autoptr(OkcTestResponse) euros = post_refund (agent, id, 100, "EUR", NULL);
  g_autoptr(OkcTestResponse) zero = post_refund (agent, id, 0, "USD", NULL);
  g_autoptr(OkcTestResponse) negative = post_refund (agent, id, -5, "USD", NULL);
  g_autoptr(OkcTestResponse) unknown = post_refund (agent, "SES-9999999", 100, "USD", NULL);
  g_autoptr(OkcTestResponse) no_ticket = post_refund (agent, id, 100, "USD", "TCK-999999");
  g_autoptr(OkcTestResponse) garbage = okc_test_post_json (url (), "/v1/refunds", agent,
                                                           "{\"session_id\": 4}");

  assert_amount_refused (euros, "EUR");
  okc_test_assert_error (zero, 422, "invalid_input", "amount");
  okc_test_assert_error (negative, 422, "invalid_input", "amount");
  okc_test_assert_error (unknown, 404, "not_found", NULL);
  okc_test_assert_error (no_ticket, 422, "invalid_input", "ticket_id");
  g_assert_cmpuint (garbage->status, ==, 422);
  /* None of them took anything. */
  g_assert_cmpint (refundable (id), ==, total);
}

typedef struct
{
  guint pending;
  guint created;
  guint refused;
} Race;

static void
race_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  Race *race = user_data;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) == 201)
    race->created++;
  else if (soup_message_get_status (msg) == 422)
    race->refused++;
  else
    g_error ("a concurrent refund got %u: %.*s", soup_message_get_status (msg),
             (int) g_bytes_get_size (body), (const char *) g_bytes_get_data (body, NULL));
  race->pending--;
}

/* Many refunds of one session at once, over separate connections: together they never
 * give back more than it billed. */
static void
test_concurrent (void)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns-per-host",
                                                                  N_CONCURRENT, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", agent, NULL);
  g_autofree char *target = g_strconcat (url (), "/v1/refunds", NULL);
  gint64 total, amount;
  const char *id = take_session (&total);
  g_autofree char *body = NULL;
  Race race = { 0 };

  amount = total / 5 + 1;  /* four fit, the fifth does not */
  body = refund_body (id, amount, "USD", NULL);
  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", target);
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    authorization);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      race.pending++;
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, race_cb, &race);
    }
  while (race.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (race.created, ==, 4);
  g_assert_cmpuint (race.refused, ==, N_CONCURRENT - 4);
  g_assert_cmpint (refundable (id), ==, total - 4 * amount);
}

static void
test_audit (void)
{
  gint64 total;
  const char *id = take_session (&total);
  g_autoptr(OkcTestResponse) response = post_refund (agent, id, 123, "USD", NULL);
  const char *refund_id;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *after_object;

  refund_status (response);
  refund_id = json_object_get_string_member (okc_test_response_object (response), "id");
  db = open_db ();
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT actor_id, before, after FROM audit_log "
                                       "WHERE action = 'refund.create' AND target_kind = "
                                       "'refund' AND target_id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, refund_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                   json_object_get_string_member (
                     json_object_get_object_member (okc_test_response_object (response),
                                                    "requested_by"), "id"));
  g_assert_cmpint (sqlite3_column_type (stmt, 1), ==, SQLITE_NULL);
  after = json_from_string ((const char *) sqlite3_column_text (stmt, 2), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* null → the Refund, as the request answered it */
  after_object = json_node_get_object (after);
  g_assert_cmpstr (json_object_get_string_member (after_object, "id"), ==, refund_id);
  g_assert_cmpstr (json_object_get_string_member (after_object, "session_id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (after_object, "status"), ==, "processing");
  g_assert_true (json_node_equal (after, response->json));
}

static char *
some_ticket (void)
{
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/tickets?limit=1", agent);
  JsonArray *items;

  g_assert_cmpuint (response->status, ==, 200);
  items = json_object_get_array_member (okc_test_response_object (response), "tickets");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                  "id"));
}

static gint64
count_ticket_events (const char *ticket_id)
{
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT COUNT(*) FROM events WHERE type = "
                                       "'ticket.updated' AND ticket_id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, ticket_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The last note of the ticket's timeline. */
static char *
last_note (const char *ticket_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/tickets/%s/timeline", ticket_id);
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
  JsonArray *entries;
  char *text = NULL;

  g_assert_cmpuint (response->status, ==, 200);
  entries = json_object_get_array_member (okc_test_response_object (response), "entries");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_str_equal (json_object_get_string_member (entry, "kind"), "note"))
        {
          g_free (text);
          text = g_strdup (json_object_get_string_member (entry, "text"));
        }
    }
  return text;
}

static void
test_ticket_note (void)
{
  g_autofree char *ticket_id = some_ticket ();
  gint64 total_a, total_b, events_before = count_ticket_events (ticket_id);
  const char *a = take_session (&total_a);
  const char *b = take_session (&total_b);
  g_autoptr(OkcTestResponse) small = post_refund (agent, a, 216, "USD", ticket_id);
  g_autoptr(OkcTestResponse) large = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *note = NULL;

  g_assert_cmpstr (refund_status (small), ==, "processing");
  g_assert_cmpstr (json_object_get_string_member (okc_test_response_object (small),
                                                  "ticket_id"), ==, ticket_id);
  expected = g_strdup_printf ("Refund %s of $2.16 for %s requested by Alex Rivera, within the "
                              "approval threshold: processing",
                              json_object_get_string_member (okc_test_response_object (small),
                                                             "id"), a);
  note = last_note (ticket_id);
  g_assert_cmpstr (note, ==, expected);
  g_assert_cmpint (count_ticket_events (ticket_id), ==, events_before + 1);

  large = post_refund (agent, b, THRESHOLD + 50, "USD", ticket_id);
  g_assert_cmpstr (refund_status (large), ==, "pending_approval");
  g_clear_pointer (&note, g_free);
  note = last_note (ticket_id);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Refund %s of $5.50 for %s requested by Alex Rivera, waiting for "
                              "a supervisor's approval",
                              json_object_get_string_member (okc_test_response_object (large),
                                                             "id"), b);
  g_assert_cmpstr (note, ==, expected);
  g_assert_cmpint (count_ticket_events (ticket_id), ==, events_before + 2);
}

static void
test_auth (void)
{
  gint64 total;
  const char *id = take_session (&total);
  g_autofree char *path = g_strdup_printf ("/v1/sessions/%s/refunds", id);
  g_autoptr(OkcTestResponse) anonymous = post_refund (NULL, id, 100, "USD", NULL);
  g_autoptr(OkcTestResponse) bot = post_refund (chatbot, id, 100, "USD", NULL);
  g_autoptr(OkcTestResponse) list_anonymous = okc_test_get (url (), path, NULL);
  g_autoptr(OkcTestResponse) policy_anonymous = okc_test_get (url (), "/v1/refund-policy", NULL);
  g_autoptr(OkcTestResponse) unknown = okc_test_get (url (), "/v1/sessions/SES-9999999/refunds",
                                                     agent);

  g_assert_cmpuint (anonymous->status, ==, 401);
  g_assert_cmpuint (bot->status, ==, 403);
  g_assert_cmpuint (list_anonymous->status, ==, 401);
  g_assert_cmpuint (policy_anonymous->status, ==, 401);
  okc_test_assert_error (unknown, 404, "not_found", NULL);
  g_assert_cmpint (refundable (id), ==, total);
}

static void
test_list (void)
{
  gint64 total;
  const char *id = take_session (&total);
  g_autofree char *path = g_strdup_printf ("/v1/sessions/%s/refunds", id);
  g_autoptr(OkcTestResponse) first = post_refund (agent, id, 10, "USD", NULL);
  g_autoptr(OkcTestResponse) second = post_refund (agent, id, 20, "USD", NULL);
  g_autoptr(OkcTestResponse) list = NULL;
  JsonArray *items;

  refund_status (first);
  refund_status (second);
  list = okc_test_get (url (), path, agent);
  g_assert_cmpuint (list->status, ==, 200);
  items = json_object_get_array_member (okc_test_response_object (list), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "id"),
                   ==, json_object_get_string_member (okc_test_response_object (first), "id"));
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (json_array_get_object_element (items, 1),
                                                    "amount"), "amount"), ==, 20);
  g_assert_cmpint (refundable (id), ==, total - 30);
}

static char *
refund_status_now (const char *refund_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/refunds/%s", refund_id);
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
  JsonObject *refund;

  g_assert_cmpuint (response->status, ==, 200);
  refund = json_object_get_object_member (okc_test_response_object (response), "refund");
  return g_strdup (json_object_get_string_member (refund, "status"));
}

static gint64
count_settle_audits (const char *refund_id)
{
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT COUNT(*) FROM audit_log WHERE action = "
                                       "'refund.settle' AND target_id = ? AND actor_id IS NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, refund_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The processor's answer was due while the backend was down: the next start settles it. */
static void
test_settle_after_restart (void)
{
  gint64 total;
  const char *id = take_session (&total);
  g_autoptr(OkcTestResponse) response = post_refund (agent, id, 77, "USD", NULL);
  g_autofree char *refund_id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpstr (refund_status (response), ==, "processing");
  refund_id = g_strdup (json_object_get_string_member (okc_test_response_object (response),
                                                       "id"));
  before = refund_status_now (refund_id);
  g_assert_cmpstr (before, ==, "processing");
  g_assert_cmpint (count_settle_audits (refund_id), ==, 0);

  okc_test_backend_kill (backend);
  okc_test_backend_restart (backend);

  after = refund_status_now (refund_id);
  g_assert_cmpstr (after, ==, "succeeded");
  g_assert_cmpint (count_settle_audits (refund_id), ==, 1);
  g_assert_cmpint (refundable (id), ==, total - 77);
}

int
main (int    argc,
      char **argv)
{
  const char * const args[] = { "--refund-approval-threshold", G_STRINGIFY (THRESHOLD),
                                "--refund-settle-seconds", "3600", NULL };
  int status;

  g_test_init (&argc, &argv, NULL);
  backend = okc_test_backend_start (args);
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");
  learn_sessions ();

  g_test_add_func ("/Backend/Refunds/policy", test_policy);
  g_test_add_func ("/Backend/Refunds/threshold", test_threshold);
  g_test_add_func ("/Backend/Refunds/over-refundable", test_over_refundable);
  g_test_add_func ("/Backend/Refunds/bad-amounts", test_bad_amounts);
  g_test_add_func ("/Backend/Refunds/concurrent", test_concurrent);
  g_test_add_func ("/Backend/Refunds/audit", test_audit);
  g_test_add_func ("/Backend/Refunds/ticket-note", test_ticket_note);
  g_test_add_func ("/Backend/Refunds/auth", test_auth);
  g_test_add_func ("/Backend/Refunds/list", test_list);
  /* Last: the restart drops the approval threshold and the held-back processor. */
  g_test_add_func ("/Backend/Refunds/settle-after-restart", test_settle_after_restart);
  status = g_test_run ();

  okc_test_backend_stop (backend);
  g_clear_pointer (&session_ids, g_ptr_array_unref);
  g_clear_pointer (&session_totals, g_array_unref);
  g_free (agent);
  g_free (chatbot);
  return status;
}
