/* test-backend-refund-reviews.c — the four-eyes review of refunds over loopback: who may
 * approve or reject, the payment processor's settlement (succeeded, or failed without a
 * card), the ticket's notes, status and confirmation reply, refunds by lines, GET
 * /v1/refunds's filters and pages, the review's evidence, the audit trail and the events
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-test-backend.h"

/* In cents; the processor answers in the next main-loop turn. */
#define THRESHOLD 500
/* How long a settlement may take before the test gives up: a bound, not a measure. */
#define SETTLE_WAIT_MS 20000

static OkcTestBackend *backend;
static char *agent;
static char *supervisor;
static char *agent_id;
static char *supervisor_id;

/* USD sessions of accounts with a card on file, billed over twice the threshold. */
static GPtrArray *session_ids;
static GArray *session_totals;
static guint next_session;

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

static sqlite3 *
open_db (int flags)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db, flags, NULL),
                   ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* The first column of the first row, as text; NULL for SQL NULL. */
static char *
query_text (const char *sql,
            const char *param)
{
  sqlite3 *db = open_db (SQLITE_OPEN_READONLY);
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static gint64
query_count (const char *sql,
             const char *param)
{
  g_autofree char *text = query_text (sql, param);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static void
learn_sessions (void)
{
  sqlite3 *db = open_db (SQLITE_OPEN_READONLY);
  sqlite3_stmt *stmt = NULL;

  session_ids = g_ptr_array_new_with_free_func (g_free);
  session_totals = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT s.id, s.total FROM sessions s JOIN accounts a ON "
                                       "a.id = s.account_id WHERE s.currency = 'USD' AND "
                                       "s.total >= ?1 AND EXISTS (SELECT 1 FROM cards k WHERE "
                                       "k.account_id = a.id AND k.removed_at IS NULL) AND NOT "
                                       "EXISTS (SELECT 1 FROM refunds r WHERE r.session_id = "
                                       "s.id) ORDER BY s.id",
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
  g_assert_cmpuint (session_ids->len, >=, 20);
}

/* The next session whose account still has its card (test_failed_settle removes one). */
static const char *
take_session (gint64 *out_total)
{
  for (; next_session < session_ids->len; next_session++)
    {
      const char *id = g_ptr_array_index (session_ids, next_session);
      g_autofree char *card = query_text ("SELECT k.last4 FROM sessions s JOIN cards k ON "
                                          "k.account_id = s.account_id WHERE s.id = ?1 AND "
                                          "k.removed_at IS NULL ORDER BY k.is_default DESC, "
                                          "k.added_at, k.id LIMIT 1", id);

      if (card != NULL)
        {
          *out_total = g_array_index (session_totals, gint64, next_session++);
          return id;
        }
    }
  g_error ("out of sessions");
}

/* A ticket of its own for each test: one not yet worked on, so nothing else moves it. */
static char *
take_ticket (void)
{
  static guint taken;
  g_autofree char *offset = g_strdup_printf ("%u", taken++);
  char *id = query_text ("SELECT id FROM tickets WHERE status = 'new' AND id NOT IN "
                         "(SELECT ticket_id FROM refunds WHERE ticket_id IS NOT NULL) "
                         "ORDER BY seq LIMIT 1 OFFSET ?1",
                         offset);

  g_assert_nonnull (id);
  return id;
}

static void
print_unexpected (OkcTestResponse *response,
                  guint            expected)
{
  if (response->status != expected)
    g_test_message ("unexpected answer %u: %.*s", response->status,
                    (int) g_bytes_get_size (response->body),
                    (const char *) g_bytes_get_data (response->body, NULL));
  g_assert_cmpuint (response->status, ==, expected);
}

static JsonObject *
created (OkcTestResponse *response)
{
  print_unexpected (response, 201);
  return okc_test_response_object (response);
}

static OkcTestResponse *
post_refund (const char *token,
             const char *session_id,
             gint64      amount,
             const char *lines,
             const char *ticket_id)
{
  g_autofree char *ticket = ticket_id != NULL ? g_strdup_printf (", \"ticket_id\": \"%s\"",
                                                                 ticket_id)
                                              : g_strdup ("");
  g_autofree char *lines_member = lines != NULL ? g_strdup_printf (", \"lines\": %s", lines)
                                                : g_strdup ("");
  g_autofree char *body = g_strdup_printf (
    "{\"session_id\": \"%s\", \"amount\": {\"amount\": %" G_GINT64_FORMAT ", \"currency\": "
    "\"USD\"}, \"reason\": \"mischarge\", \"note\": \"the idle fee ran while it charged\"%s%s}",
    session_id, amount, ticket, lines_member);

  return okc_test_post_json (url (), "/v1/refunds", token, body);
}

static OkcTestResponse *
post_review (const char *token,
             const char *refund_id,
             const char *verb,
             const char *comment)
{
  g_autofree char *path = g_strdup_printf ("/v1/refunds/%s/%s", refund_id, verb);
  g_autofree char *body = g_strdup_printf ("{\"comment\": \"%s\"}", comment);

  return okc_test_post_json (url (), path, token, body);
}

static char *
refund_id_of (OkcTestResponse *response)
{
  return g_strdup (json_object_get_string_member (okc_test_response_object (response), "id"));
}

/* GET /v1/refunds/{id}: the RefundReview. */
static OkcTestResponse *
get_review (const char *refund_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/refunds/%s", refund_id);
  OkcTestResponse *response = okc_test_get (url (), path, supervisor);

  print_unexpected (response, 200);
  return response;
}

/* Asks until the processor has answered; the refund as it then is. */
static JsonObject *
wait_settled (const char       *refund_id,
              OkcTestResponse **out_response)
{
  for (guint waited = 0; waited < SETTLE_WAIT_MS; waited += 20)
    {
      g_autoptr(OkcTestResponse) review = get_review (refund_id);
      JsonObject *refund = json_object_get_object_member (okc_test_response_object (review),
                                                          "refund");
      const char *status = json_object_get_string_member (refund, "status");

      if (g_str_equal (status, "succeeded") || g_str_equal (status, "failed"))
        {
          *out_response = g_steal_pointer (&review);
          return refund;
        }
      g_assert_cmpstr (status, ==, "processing");
      g_usleep (20 * 1000);
    }
  g_error ("refund %s was not settled", refund_id);
}

static JsonArray *
timeline (const char       *ticket_id,
          OkcTestResponse **out_response)
{
  g_autofree char *path = g_strdup_printf ("/v1/tickets/%s/timeline", ticket_id);

  *out_response = okc_test_get (url (), path, agent);
  print_unexpected (*out_response, 200);
  return json_object_get_array_member (okc_test_response_object (*out_response), "entries");
}

/* The last timeline entry of @kind, or NULL. */
static JsonObject *
last_entry (JsonArray  *entries,
            const char *kind)
{
  JsonObject *found = NULL;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_str_equal (json_object_get_string_member (entry, "kind"), kind))
        found = entry;
    }
  return found;
}

static char *
ticket_status (const char *ticket_id)
{
  return query_text ("SELECT status FROM tickets WHERE id = ?1", ticket_id);
}

static gint64
refundable (const char *session_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/sessions/%s/refunds", session_id);
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);

  print_unexpected (response, 200);
  return json_object_get_int_member (
    json_object_get_object_member (okc_test_response_object (response), "refundable"),
    "amount");
}

static void
assert_error_says (OkcTestResponse *response,
                   guint            status,
                   const char      *code,
                   const char      *field,
                   const char      *words)
{
  const char *message;

  okc_test_assert_error (response, status, code, field);
  message = json_object_get_string_member (
    json_object_get_object_member (okc_test_response_object (response), "error"), "message");
  if (strstr (message, words) == NULL)
    g_error ("“%s” does not say “%s”", message, words);
}

/* The requester may not review their own refund, even as a supervisor; an agent may not
 * review at all. Neither leaves a trace. */
static void
test_maker_checker (void)
{
  gint64 total;
  const char *session_id = take_session (&total);
  g_autoptr(OkcTestResponse) own = post_refund (supervisor, session_id, THRESHOLD + 1, NULL,
                                                NULL);
  g_autoptr(OkcTestResponse) self_approval = NULL;
  g_autoptr(OkcTestResponse) self_rejection = NULL;
  g_autoptr(OkcTestResponse) by_agent = NULL;
  g_autoptr(OkcTestResponse) agents_own = NULL;
  g_autoptr(OkcTestResponse) by_agent_own = NULL;
  g_autoptr(OkcTestResponse) review = NULL;
  g_autofree char *own_id = NULL;
  g_autofree char *agents_id = NULL;
  JsonObject *refund;

  g_assert_cmpstr (json_object_get_string_member (created (own), "status"), ==,
                   "pending_approval");
  own_id = refund_id_of (own);
  self_approval = post_review (supervisor, own_id, "approve", "fine by me");
  assert_error_says (self_approval, 403, "self_review", NULL,
                     "Morgan Blake requested this refund; another supervisor must review it");
  self_rejection = post_review (supervisor, own_id, "reject", "changed my mind");
  okc_test_assert_error (self_rejection, 403, "self_review", NULL);
  by_agent = post_review (agent, own_id, "approve", "");
  okc_test_assert_error (by_agent, 403, "forbidden", NULL);

  /* An agent cannot approve their own either: not a supervisor at all. */
  agents_own = post_refund (agent, take_session (&total), THRESHOLD + 1, NULL, NULL);
  agents_id = refund_id_of (agents_own);
  by_agent_own = post_review (agent, agents_id, "approve", "");
  okc_test_assert_error (by_agent_own, 403, "forbidden", NULL);

  review = get_review (own_id);
  refund = json_object_get_object_member (okc_test_response_object (review), "refund");
  g_assert_cmpstr (json_object_get_string_member (refund, "status"), ==, "pending_approval");
  g_assert_true (json_object_get_null_member (refund, "reviewed_by"));
  g_assert_cmpint (query_count ("SELECT count(*) FROM audit_log WHERE target_id = ?1 AND "
                                "action <> 'refund.create'", own_id), ==, 0);
}

/* The confirmation the customer gets, computed from the data as the contract words it. */
static char *
expected_confirmation (const char *session_id,
                       gint64      amount)
{
  static const char * const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  };
  g_autofree char *card = query_text ("SELECT k.last4 FROM sessions s JOIN cards k ON "
                                      "k.account_id = s.account_id WHERE s.id = ?1 AND "
                                      "k.removed_at IS NULL ORDER BY k.is_default DESC, "
                                      "k.added_at, k.id LIMIT 1", session_id);
  g_autofree char *place = query_text ("SELECT p.name FROM sessions s JOIN chargers c ON "
                                       "c.id = s.charger_id JOIN properties p ON p.id = "
                                       "c.property_id WHERE s.id = ?1", session_id);
  g_autofree char *zone_name = query_text ("SELECT p.timezone FROM sessions s JOIN chargers c "
                                           "ON c.id = s.charger_id JOIN properties p ON p.id = "
                                           "c.property_id WHERE s.id = ?1", session_id);
  g_autofree char *started = query_text ("SELECT started_at FROM sessions WHERE id = ?1",
                                         session_id);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (g_ascii_strtoll (started, NULL, 10));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  g_autofree char *money = NULL;
  OkcMoney refund;

  g_assert_nonnull (card);
  g_assert_nonnull (place);
  g_assert_nonnull (zone);
  okc_money_init (&refund, amount, "USD");
  money = okc_money_format (&refund);
  return g_strdup_printf ("We have refunded %s for your charging session of %d %s %d at %s "
                          "(%s). It will show on your card ending %s within 5 to 10 business "
                          "days.", money, g_date_time_get_day_of_month (local),
                          months[g_date_time_get_month (local) - 1],
                          g_date_time_get_year (local), place, session_id, card);
}

/* Over the threshold: the ticket waits; approved, it is open again and the refund goes
 * through processing to succeeded, with the customer's confirmation as a reply by the
 * approver. Each step an event and an audit record. */
static void
test_approve (void)
{
  g_autofree char *ticket_id = take_ticket ();
  gint64 total, amount = THRESHOLD + 40;
  const char *session_id = take_session (&total);
  g_autoptr(OkcTestResponse) asked = post_refund (agent, session_id, amount, NULL, ticket_id);
  g_autoptr(OkcTestResponse) approved = NULL;
  g_autoptr(OkcTestResponse) settled_review = NULL;
  g_autoptr(OkcTestResponse) entries_response = NULL;
  g_autofree char *refund_id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *note = NULL;
  JsonObject *refund, *reply;
  JsonArray *entries;

  g_assert_cmpstr (json_object_get_string_member (created (asked), "status"), ==,
                   "pending_approval");
  refund_id = refund_id_of (asked);
  status = ticket_status (ticket_id);
  g_assert_cmpstr (status, ==, "waiting_approval");

  approved = post_review (supervisor, refund_id, "approve", "the idle fee was wrong");
  print_unexpected (approved, 200);
  refund = okc_test_response_object (approved);
  g_assert_cmpstr (json_object_get_string_member (refund, "status"), ==, "processing");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (refund, "reviewed_by"), "id"), ==,
                   supervisor_id);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (refund, "reviewed_by"), "name"), ==,
                   "Morgan Blake");
  g_assert_cmpstr (json_object_get_string_member (refund, "review_comment"), ==,
                   "the idle fee was wrong");
  g_assert_nonnull (json_object_get_string_member (refund, "reviewed_at"));
  g_assert_true (json_object_get_null_member (refund, "settled_at"));

  refund = wait_settled (refund_id, &settled_review);
  g_assert_cmpstr (json_object_get_string_member (refund, "status"), ==, "succeeded");
  g_assert_true (json_object_get_null_member (refund, "failure_reason"));
  g_assert_nonnull (json_object_get_string_member (refund, "settled_at"));

  g_clear_pointer (&status, g_free);
  status = ticket_status (ticket_id);
  g_assert_cmpstr (status, ==, "open");
  entries = timeline (ticket_id, &entries_response);
  reply = last_entry (entries, "reply");
  g_assert_nonnull (reply);
  expected = expected_confirmation (session_id, amount);
  g_assert_cmpstr (json_object_get_string_member (reply, "text"), ==, expected);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (reply, "actor"),
                                                  "id"), ==, supervisor_id);
  note = g_strdup_printf ("Refund %s of $5.40 for %s approved by Morgan Blake: the idle fee "
                          "was wrong", refund_id, session_id);
  g_assert_cmpstr (json_object_get_string_member (last_entry (entries, "note"), "text"), ==,
                   note);

  /* Created, approved, settled. */
  g_assert_cmpint (query_count ("SELECT count(*) FROM events WHERE type = 'refund.updated' "
                                "AND json_extract (data, '$.refund.id') = ?1", refund_id), ==, 3);
  g_assert_cmpint (refundable (session_id), ==, total - amount);
}

static void
assert_audit (const char *refund_id,
              gint64      amount,
              const char *action,
              const char *actor_id,
              const char *before_rest,
              const char *after_rest)
{
  /* Both states name the refund's amount first, then what changed. */
  g_autofree char *before = g_strdup_printf ("{\"amount\":{\"amount\":%" G_GINT64_FORMAT
                                             ",\"currency\":\"USD\"},%s", amount,
                                             before_rest + 1);
  g_autofree char *after = g_strdup_printf ("{\"amount\":{\"amount\":%" G_GINT64_FORMAT
                                            ",\"currency\":\"USD\"},%s", amount,
                                            after_rest + 1);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM audit_log WHERE target_kind = "
                                          "'refund' AND target_id = ?1 AND action = '%s'",
                                          "json_object ('actor', actor_id, 'before', "
                                          "json (before), 'after', json (after))", action);
  g_autofree char *row = query_text (sql, refund_id);
  g_autofree char *expected = g_strdup_printf ("{\"actor\":%s%s%s,\"before\":%s,\"after\":%s}",
                                               actor_id != NULL ? "\"" : "",
                                               actor_id != NULL ? actor_id : "null",
                                               actor_id != NULL ? "\"" : "", before, after);

  g_assert_cmpstr (row, ==, expected);
}

/* Who asked, who approved and what the processor said, as the table in the contract. */
static void
test_audit_trail (void)
{
  gint64 total;
  const char *session_id = take_session (&total);
  g_autoptr(OkcTestResponse) asked = post_refund (agent, session_id, THRESHOLD + 3, NULL, NULL);
  g_autoptr(OkcTestResponse) approved = NULL;
  g_autoptr(OkcTestResponse) settled = NULL;
  g_autofree char *refund_id = NULL;
  g_autofree char *after_approval = NULL;

  created (asked);
  refund_id = refund_id_of (asked);
  g_assert_cmpint (query_count ("SELECT count(*) FROM audit_log WHERE action = 'refund.create' "
                                "AND target_kind = 'refund' AND before IS NULL AND "
                                "json_extract (after, '$.id') = ?1", refund_id), ==, 1);
  approved = post_review (supervisor, refund_id, "approve", "");
  print_unexpected (approved, 200);
  wait_settled (refund_id, &settled);

  after_approval = g_strdup_printf ("{\"status\":\"processing\",\"reviewed_by\":{\"id\":\"%s\","
                                    "\"name\":\"Morgan Blake\"},\"review_comment\":\"\"}",
                                    supervisor_id);
  assert_audit (refund_id, THRESHOLD + 3, "refund.approve", supervisor_id,
                "{\"status\":\"pending_approval\"}", after_approval);
  assert_audit (refund_id, THRESHOLD + 3, "refund.settle", NULL,
                "{\"status\":\"processing\"}",
                "{\"status\":\"succeeded\",\"failure_reason\":null}");
}

/* A rejection needs a reason; it gives the session's money back to what is refundable and
 * the ticket back to open. */
static void
test_reject (void)
{
  g_autofree char *ticket_id = take_ticket ();
  gint64 total;
  const char *session_id = take_session (&total);
  g_autoptr(OkcTestResponse) asked = post_refund (agent, session_id, THRESHOLD + 1, NULL,
                                                  ticket_id);
  g_autoptr(OkcTestResponse) blank = NULL;
  g_autoptr(OkcTestResponse) missing = NULL;
  g_autoptr(OkcTestResponse) rejected = NULL;
  g_autoptr(OkcTestResponse) again = NULL;
  g_autoptr(OkcTestResponse) entries_response = NULL;
  g_autofree char *refund_id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *note = NULL;
  g_autofree char *after = NULL;
  g_autofree char *missing_path = NULL;
  JsonObject *refund;

  created (asked);
  refund_id = refund_id_of (asked);
  g_assert_cmpint (refundable (session_id), ==, total - THRESHOLD - 1);

  blank = post_review (supervisor, refund_id, "reject", "  ");
  okc_test_assert_error (blank, 422, "invalid_input", "comment");
  missing_path = g_strdup_printf ("/v1/refunds/%s/reject", refund_id);
  missing = okc_test_post_json (url (), missing_path, supervisor, "{}");
  okc_test_assert_error (missing, 422, "invalid_input", "comment");

  rejected = post_review (supervisor, refund_id, "reject", "the session billed as the tariff "
                                                           "says");
  print_unexpected (rejected, 200);
  refund = okc_test_response_object (rejected);
  g_assert_cmpstr (json_object_get_string_member (refund, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (refund, "review_comment"), ==,
                   "the session billed as the tariff says");
  g_assert_cmpint (refundable (session_id), ==, total);

  status = ticket_status (ticket_id);
  g_assert_cmpstr (status, ==, "open");
  note = g_strdup_printf ("Refund %s of $5.01 for %s rejected by Morgan Blake: the session "
                          "billed as the tariff says", refund_id, session_id);
  g_assert_cmpstr (json_object_get_string_member (last_entry (timeline (ticket_id,
                                                                        &entries_response),
                                                              "note"), "text"), ==, note);
  after = g_strdup_printf ("{\"status\":\"rejected\",\"reviewed_by\":{\"id\":\"%s\",\"name\":"
                           "\"Morgan Blake\"},\"review_comment\":\"the session billed as the "
                           "tariff says\"}", supervisor_id);
  assert_audit (refund_id, THRESHOLD + 1, "refund.reject", supervisor_id,
                "{\"status\":\"pending_approval\"}", after);

  /* Rejected stays rejected. */
  again = post_review (supervisor, refund_id, "approve", "");
  assert_error_says (again, 409, "refund_not_pending", NULL, "rejected: Morgan Blake");
}

/* A second approval of the same refund, and an approval of one that never needed it. */
static void
test_not_pending (void)
{
  gint64 total;
  const char *session_id = take_session (&total);
  g_autoptr(OkcTestResponse) asked = post_refund (agent, session_id, THRESHOLD + 1, NULL, NULL);
  g_autoptr(OkcTestResponse) small = post_refund (agent, take_session (&total), THRESHOLD,
                                                  NULL, NULL);
  g_autoptr(OkcTestResponse) first = NULL;
  g_autoptr(OkcTestResponse) second = NULL;
  g_autoptr(OkcTestResponse) of_small = NULL;
  g_autoptr(OkcTestResponse) unknown = NULL;
  g_autofree char *refund_id = NULL;
  g_autofree char *small_id = NULL;

  created (asked);
  g_assert_cmpstr (json_object_get_string_member (created (small), "status"), ==, "processing");
  refund_id = refund_id_of (asked);
  small_id = refund_id_of (small);
  first = post_review (supervisor, refund_id, "approve", "");
  print_unexpected (first, 200);
  second = post_review (supervisor, refund_id, "approve", "");
  assert_error_says (second, 409, "refund_not_pending", NULL, "Morgan Blake already reviewed it");
  of_small = post_review (supervisor, small_id, "reject", "too small to bother");
  assert_error_says (of_small, 409, "refund_not_pending", NULL, "needed no review");
  unknown = post_review (supervisor, "RFD-999999", "approve", "");
  okc_test_assert_error (unknown, 404, "not_found", NULL);
  g_assert_cmpint (query_count ("SELECT count(*) FROM audit_log WHERE target_id = ?1 AND "
                                "action = 'refund.approve'", refund_id), ==, 1);
}

static void
remove_card (const char *session_id)
{
  sqlite3 *db = open_db (SQLITE_OPEN_READWRITE);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "UPDATE cards SET removed_at = 1 WHERE removed_at IS "
                                       "NULL AND account_id = (SELECT account_id FROM "
                                       "sessions WHERE id = ?1)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, session_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), >=, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The card was removed: the processor refuses, the money is refundable again, and the
 * ticket says why. */
static void
test_failed_settle (void)
{
  g_autofree char *ticket_id = take_ticket ();
  gint64 total;
  const char *session_id = take_session (&total);
  g_autoptr(OkcTestResponse) asked = NULL;
  g_autoptr(OkcTestResponse) settled = NULL;
  g_autoptr(OkcTestResponse) entries_response = NULL;
  g_autofree char *refund_id = NULL;
  g_autofree char *note = NULL;
  JsonObject *refund;
  JsonArray *entries;

  remove_card (session_id);
  asked = post_refund (agent, session_id, 250, NULL, ticket_id);
  g_assert_cmpstr (json_object_get_string_member (created (asked), "status"), ==, "processing");
  refund_id = refund_id_of (asked);
  refund = wait_settled (refund_id, &settled);
  g_assert_cmpstr (json_object_get_string_member (refund, "status"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (refund, "failure_reason"), ==,
                   "The card on the account was removed, so there is nothing to refund to.");
  g_assert_cmpint (refundable (session_id), ==, total);

  entries = timeline (ticket_id, &entries_response);
  note = g_strdup_printf ("Refund %s of $2.50 for %s failed: The card on the account was "
                          "removed, so there is nothing to refund to.", refund_id, session_id);
  g_assert_cmpstr (json_object_get_string_member (last_entry (entries, "note"), "text"), ==,
                   note);
  g_assert_true (json_object_get_null_member (last_entry (entries, "note"), "actor"));
  g_assert_null (last_entry (entries, "reply"));
  assert_audit (refund_id, 250, "refund.settle", NULL, "{\"status\":\"processing\"}",
                "{\"status\":\"failed\",\"failure_reason\":\"The card on the account was "
                "removed, so there is nothing to refund to.\"}");
}

/* The session's billed lines, each line's amount. */
static GArray *
billed_lines (const char *session_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/sessions/%s", session_id);
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
  GArray *amounts = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *lines;

  print_unexpected (response, 200);
  lines = json_object_get_array_member (
    json_object_get_object_member (okc_test_response_object (response), "billed"), "lines");
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      gint64 amount = json_object_get_int_member (
        json_object_get_object_member (json_array_get_object_element (lines, i), "amount"),
        "amount");

      g_array_append_val (amounts, amount);
    }
  return amounts;
}

static void
test_by_lines (void)
{
  gint64 total;
  const char *session_id = take_session (&total);
  g_autoptr(GArray) amounts = billed_lines (session_id);
  g_autofree char *out_of_range = NULL;
  g_autoptr(OkcTestResponse) off_by_one = NULL;
  g_autoptr(OkcTestResponse) beyond = NULL;
  g_autoptr(OkcTestResponse) twice = NULL;
  g_autoptr(OkcTestResponse) right = NULL;
  gint64 first, last;
  JsonArray *lines;
  guint n = amounts->len;

  g_assert_cmpuint (n, >=, 2);
  first = g_array_index (amounts, gint64, 0);
  last = g_array_index (amounts, gint64, n - 1);

  {
    g_autofree char *both = g_strdup_printf ("[0, %u]", n - 1);

    off_by_one = post_refund (agent, session_id, first + last + 1, both, NULL);
    okc_test_assert_error (off_by_one, 422, "invalid_input", "amount");
    out_of_range = g_strdup_printf ("[%u]", n);
    beyond = post_refund (agent, session_id, first, out_of_range, NULL);
    okc_test_assert_error (beyond, 422, "invalid_input", "lines");
    twice = post_refund (agent, session_id, 2 * first, "[0, 0]", NULL);
    okc_test_assert_error (twice, 422, "invalid_input", "lines");
    g_assert_cmpint (refundable (session_id), ==, total);

    right = post_refund (agent, session_id, first + last, both, NULL);
  }
  lines = json_object_get_array_member (created (right), "lines");
  g_assert_cmpuint (json_array_get_length (lines), ==, 2);
  g_assert_cmpint (json_array_get_int_element (lines, 0), ==, 0);
  g_assert_cmpint (json_array_get_int_element (lines, 1), ==, n - 1);
  g_assert_cmpint (refundable (session_id), ==, total - first - last);
}

static JsonObject *
list (const char       *query,
      OkcTestResponse **out_response)
{
  g_autofree char *path = g_strdup_printf ("/v1/refunds?%s", query);

  *out_response = okc_test_get (url (), path, agent);
  print_unexpected (*out_response, 200);
  return okc_test_response_object (*out_response);
}

/* Filters, oldest request first, pages that join up, and the total of the filter. */
static void
test_list (void)
{
  g_autofree char *ticket_id = take_ticket ();
  gint64 total;
  const char *session_id = take_session (&total);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(OkcTestResponse) pending = NULL;
  g_autoptr(OkcTestResponse) by_ticket = NULL;
  g_autoptr(OkcTestResponse) mine = NULL;
  g_autoptr(OkcTestResponse) bad_status = NULL;
  g_autoptr(OkcTestResponse) bad_limit = NULL;
  g_autoptr(OkcTestResponse) bad_cursor = NULL;
  g_autoptr(OkcTestResponse) unknown = NULL;
  g_autofree char *query = NULL;
  g_autofree char *cursor = NULL;
  JsonObject *page;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(OkcTestResponse) response =
        post_refund (i % 2 == 0 ? agent : supervisor, session_id, THRESHOLD + 1 + i, NULL,
                     i == 4 ? ticket_id : NULL);

      created (response);
      g_ptr_array_add (ids, refund_id_of (response));
    }

  do
    {
      g_autoptr(OkcTestResponse) response = NULL;
      JsonArray *items;

      g_clear_pointer (&query, g_free);
      query = g_strdup_printf ("session_id=%s&limit=2%s%s", session_id,
                               cursor != NULL ? "&cursor=" : "", cursor != NULL ? cursor : "");
      page = list (query, &response);
      g_assert_cmpint (json_object_get_int_member (page, "total"), ==, 5);
      items = json_object_get_array_member (page, "items");
      g_assert_cmpuint (json_array_get_length (items), <=, 2);
      for (guint i = 0; i < json_array_get_length (items); i++)
        g_ptr_array_add (seen, g_strdup (json_object_get_string_member (
                                 json_array_get_object_element (items, i), "id")));
      g_clear_pointer (&cursor, g_free);
      if (!json_object_get_null_member (page, "next_cursor"))
        cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
    }
  while (cursor != NULL);
  g_assert_cmpuint (seen->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (g_ptr_array_index (seen, i), ==, g_ptr_array_index (ids, i));

  g_clear_pointer (&query, g_free);
  query = g_strdup_printf ("session_id=%s&status=processing,rejected", session_id);
  page = list (query, &pending);
  g_assert_cmpint (json_object_get_int_member (page, "total"), ==, 0);

  g_clear_pointer (&query, g_free);
  query = g_strdup_printf ("ticket_id=%s&status=pending_approval", ticket_id);
  page = list (query, &by_ticket);
  g_assert_cmpint (json_object_get_int_member (page, "total"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (page, "items"),
                                                    0), "id"), ==, g_ptr_array_index (ids, 4));

  g_clear_pointer (&query, g_free);
  query = g_strdup_printf ("session_id=%s&requested_by=%s", session_id, supervisor_id);
  page = list (query, &mine);
  g_assert_cmpint (json_object_get_int_member (page, "total"), ==, 2);

  bad_status = okc_test_get (url (), "/v1/refunds?status=pending", agent);
  okc_test_assert_error (bad_status, 400, "invalid_parameter", "status");
  bad_limit = okc_test_get (url (), "/v1/refunds?limit=201", agent);
  g_assert_cmpuint (bad_limit->status, ==, 400);
  bad_cursor = okc_test_get (url (), "/v1/refunds?cursor=abc", agent);
  okc_test_assert_error (bad_cursor, 400, "invalid_parameter", "cursor");
  unknown = okc_test_get (url (), "/v1/refunds?sort=newest", agent);
  okc_test_assert_error (unknown, 400, "invalid_parameter", "sort");
}

/* The review's evidence: the session with its billed lines, its analysis, the ticket and
 * what is still refundable, a pending request counted. */
static void
test_evidence (void)
{
  g_autofree char *ticket_id = take_ticket ();
  gint64 total;
  const char *session_id = take_session (&total);
  g_autoptr(OkcTestResponse) asked = post_refund (agent, session_id, THRESHOLD + 9, NULL,
                                                  ticket_id);
  g_autoptr(OkcTestResponse) review = NULL;
  g_autoptr(OkcTestResponse) missing = NULL;
  g_autoptr(OkcTestResponse) malformed = NULL;
  g_autofree char *refund_id = NULL;
  JsonObject *object;

  created (asked);
  refund_id = refund_id_of (asked);
  review = get_review (refund_id);
  object = okc_test_response_object (review);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                                                                                 "refund"),
                                                  "id"), ==, refund_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                                                                                 "session"),
                                                  "id"), ==, session_id);
  g_assert_true (json_object_has_member (json_object_get_object_member (object, "session"),
                                         "billed"));
  g_assert_true (json_object_has_member (json_object_get_object_member (object, "analysis"),
                                         "findings"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                                                                                 "ticket"),
                                                  "id"), ==, ticket_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object,
                                                                                 "ticket"),
                                                  "status"), ==, "waiting_approval");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object,
                                                                              "refundable"),
                                               "amount"), ==, total - THRESHOLD - 9);

  missing = okc_test_get (url (), "/v1/refunds/RFD-999999", agent);
  okc_test_assert_error (missing, 404, "not_found", NULL);
  malformed = okc_test_get (url (), "/v1/refunds/SES-1", agent);
  okc_test_assert_error (malformed, 404, "not_found", NULL);
}

/* The demo leaves the supervisor work: requests by agents, on billing tickets waiting for
 * approval. */
static void
test_demo_pending (void)
{
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/refunds?status="
                                                      "pending_approval&limit=200",
                                                      supervisor);
  g_autofree char *n_planted = NULL;
  JsonArray *items;
  guint planted = 0;

  print_unexpected (response, 200);
  items = json_object_get_array_member (okc_test_response_object (response), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *refund = json_array_get_object_element (items, i);
      const char *ticket_id = json_object_get_string_member (refund, "ticket_id");
      g_autofree char *role = NULL;
      g_autofree char *topic = NULL;
      g_autofree char *status = NULL;

      if (ticket_id == NULL)
        continue;
      role = query_text ("SELECT role FROM users WHERE id = ?1",
                         json_object_get_string_member (
                           json_object_get_object_member (refund, "requested_by"), "id"));
      topic = query_text ("SELECT topic FROM tickets WHERE id = ?1", ticket_id);
      status = ticket_status (ticket_id);
      if (!g_str_equal (role, "agent") ||
          !(g_str_equal (topic, "billing-dispute") || g_str_equal (topic, "cost-breakdown")))
        continue;
      g_assert_cmpstr (status, ==, "waiting_approval");
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (refund,
                                                                                  "amount"),
                                                   "amount"), >, THRESHOLD);
      planted++;
    }
  n_planted = g_strdup_printf ("%u", planted);
  g_test_message ("%s planted refunds pending approval", n_planted);
  g_assert_cmpuint (planted, >=, 2);
  /* Recorded in the order they were asked: the audit trail, newest first by its sequence,
   * reads in time order. */
  g_assert_cmpint (query_count ("SELECT count(*) FROM audit_log a JOIN audit_log b "
                                "ON a.seq < b.seq AND a.at > b.at "
                                "WHERE a.action = ?1 AND b.action = ?1", "refund.create"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  const char * const args[] = { "--refund-approval-threshold", G_STRINGIFY (THRESHOLD),
                                "--refund-settle-seconds", "0", NULL };
  int status;

  g_test_init (&argc, &argv, NULL);
  backend = okc_test_backend_start (args);
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  supervisor = okc_test_sign_in (url (), OKC_TEST_SUPERVISOR_EMAIL, "demo-supervisor");
  agent_id = query_text ("SELECT id FROM users WHERE email = ?1", OKC_TEST_AGENT_EMAIL);
  supervisor_id = query_text ("SELECT id FROM users WHERE email = ?1", OKC_TEST_SUPERVISOR_EMAIL);
  learn_sessions ();

  g_test_add_func ("/Backend/RefundReviews/demo-pending", test_demo_pending);
  g_test_add_func ("/Backend/RefundReviews/maker-checker", test_maker_checker);
  g_test_add_func ("/Backend/RefundReviews/approve", test_approve);
  g_test_add_func ("/Backend/RefundReviews/audit-trail", test_audit_trail);
  g_test_add_func ("/Backend/RefundReviews/reject", test_reject);
  g_test_add_func ("/Backend/RefundReviews/not-pending", test_not_pending);
  g_test_add_func ("/Backend/RefundReviews/failed-settle", test_failed_settle);
  g_test_add_func ("/Backend/RefundReviews/by-lines", test_by_lines);
  g_test_add_func ("/Backend/RefundReviews/list", test_list);
  g_test_add_func ("/Backend/RefundReviews/evidence", test_evidence);
  status = g_test_run ();

  okc_test_backend_stop (backend);
  g_clear_pointer (&session_ids, g_ptr_array_unref);
  g_clear_pointer (&session_totals, g_array_unref);
  g_free (agent);
  g_free (supervisor);
  g_free (agent_id);
  g_free (supervisor_id);
  return status;
}
