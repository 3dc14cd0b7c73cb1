/* test-backend-account-changes.c — the account changes over loopback (docs/accounts.md,
 * "Account changes"): each refused without a live identity check of its own ticket and
 * account and done after one; their refusals; a replayed Idempotency-Key changing nothing
 * twice; their audit entries and events; a deletion that erases exactly what the doc says
 * and keeps the rest, checked in the SQLite file; a host's revenue by day
 * (docs/payouts.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-backend-test-run.h"
#include "okc-core.h"
#include "okc-test-backend.h"

static OkcTestBackend *backend;
static char *agent;
static char *supervisor;
/* Each test takes accounts of its own: a change stays with its account. */
static GHashTable *taken;

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

/* The first column of the first row, as text; NULL for SQL NULL or no row. */
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
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

#define assert_text(sql, param, expected) \
  G_STMT_START { \
    g_autofree char *text_ = query_text (sql, param); \
    g_assert_cmpstr (text_, ==, expected); \
  } G_STMT_END

static gint64
query_count (const char *sql,
             const char *param)
{
  g_autofree char *text = query_text (sql, param);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

/* A guest account and the ticket that came from its login email, not taken yet, that
 * meets @condition (SQL on the account `a`): no other account shares its email, it has
 * no refund and is not charging now. */
static void
take_account (const char  *condition,
              char       **out_account,
              char       **out_ticket)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT a.id, MIN (t.id) FROM accounts a JOIN tickets t ON "
    "t.requester_email = a.email COLLATE NOCASE WHERE a.kind = 'guest' AND a.status = 'active' "
    "AND NOT EXISTS (SELECT 1 FROM refunds r JOIN sessions s ON s.id = r.session_id "
    "WHERE s.account_id = a.id) "
    "AND NOT EXISTS (SELECT 1 FROM connectors n WHERE n.account_id = a.id) "
    "AND (SELECT COUNT (*) FROM accounts b WHERE b.email = a.email COLLATE NOCASE) = 1 "
    "AND (%s) GROUP BY a.id ORDER BY a.id", condition);
  sqlite3 *db = open_db (SQLITE_OPEN_READONLY);
  sqlite3_stmt *stmt = NULL;

  *out_account = *out_ticket = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (*out_account == NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      if (g_hash_table_contains (taken, id))
        continue;
      *out_account = g_strdup (id);
      *out_ticket = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_hash_table_add (taken, g_strdup (id));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_nonnull (*out_account);
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
post (const char *token,
      const char *path,
      const char *body)
{
  return okc_test_post_json (url (), path, token, body);
}

static void
verify (const char *account_id,
        const char *ticket_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/verifications", account_id);
  g_autofree char *body = g_strdup_printf ("{\"ticket_id\": \"%s\", \"method\": "
                                           "\"request_email\"}", ticket_id);
  g_autoptr(OkcTestResponse) response = post (agent, path, body);

  expect_object (response, 201);
}

static OkcTestResponse *
cancel (const char *account_id,
        const char *ticket_id,
        const char *when)
{
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/subscription/cancel", account_id);
  g_autofree char *body = g_strdup_printf ("{\"ticket_id\": \"%s\", \"when\": \"%s\"}",
                                           ticket_id, when);

  return post (agent, path, body);
}

static OkcTestResponse *
remove_card (const char *account_id,
             const char *card_id,
             const char *ticket_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/cards/%s/remove", account_id, card_id);
  g_autofree char *body = g_strdup_printf ("{\"ticket_id\": \"%s\"}", ticket_id);

  return post (agent, path, body);
}

static OkcTestResponse *
change_email (const char *token,
              const char *account_id,
              const char *members)
{
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/email", account_id);

  return post (token, path, members);
}

static OkcTestResponse *
delete_account (const char *account_id,
                const char *ticket_id,
                const char *confirm_email)
{
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/deletion", account_id);
  g_autofree char *body = g_strdup_printf ("{\"ticket_id\": \"%s\", \"confirm_email\": \"%s\"}",
                                           ticket_id, confirm_email);

  return post (agent, path, body);
}

static gint64
count_events (const char *account_id)
{
  return query_count ("SELECT COUNT (*) FROM events WHERE type = 'account.updated' AND "
                      "json_extract (data, '$.account_id') = ?1", account_id);
}

/* The newest audit entry of @action on @account_id: its ticket, before and after. */
static GStrv
last_audit (const char *action,
            const char *account_id)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT target_kind || char (10) || IFNULL (ticket_id, '') || char (10) || "
    "IFNULL (before, 'null') || char (10) || IFNULL (after, 'null') FROM audit_log "
    "WHERE action = '%s' AND target_id = ?1 ORDER BY seq DESC LIMIT 1", action);
  g_autofree char *row = query_text (sql, account_id);

  g_assert_nonnull (row);
  return g_strsplit (row, "\n", 4);
}

static gint64
count_audit (const char *action,
             const char *account_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT (*) FROM audit_log WHERE action = '%s' "
                                          "AND target_id = ?1", action);

  return query_count (sql, account_id);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* ── Cancel the subscription ─────────────────────────────────────────────────────── */

static void
test_cancel_now (void)
{
  g_autofree char *account_id = NULL, *ticket_id = NULL;
  g_autoptr(OkcTestResponse) refused = NULL;
  g_autoptr(OkcTestResponse) done = NULL;
  g_autoptr(OkcTestResponse) again = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_auto(GStrv) audit = NULL;
  JsonObject *subscription;
  gint64 events;

  take_account ("a.subscription <> 'none' AND a.subscription_status = 'active'", &account_id,
                &ticket_id);
  refused = cancel (account_id, ticket_id, "now");
  okc_test_assert_error (refused, 403, "verification_required", NULL);
  g_assert_nonnull (strstr (json_object_get_string_member (
    json_object_get_object_member (okc_test_response_object (refused), "error"), "message"),
    ticket_id));
  assert_text ("SELECT subscription_status FROM accounts WHERE id = ?1", account_id, "active");

  verify (account_id, ticket_id);
  events = count_events (account_id);
  done = cancel (account_id, ticket_id, "now");
  subscription = json_object_get_object_member (expect_object (done, 200), "subscription");
  g_assert_cmpstr (json_object_get_string_member (subscription, "status"), ==, "cancelled");
  g_assert_true (json_object_get_null_member (subscription, "renews_at"));
  g_assert_false (json_object_get_null_member (subscription, "cancelled_at"));
  g_assert_nonnull (json_object_get_object_member (okc_test_response_object (done),
                                                   "verification"));
  g_assert_cmpint (count_events (account_id), ==, events + 1);

  audit = last_audit ("account.subscription_cancel", account_id);
  g_assert_cmpstr (audit[0], ==, "account");
  g_assert_cmpstr (audit[1], ==, ticket_id);
  before = parse_object (audit[2]);
  after = parse_object (audit[3]);
  g_assert_cmpstr (json_object_get_string_member (before, "status"), ==, "active");
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "cancelled");

  /* Nothing is left to cancel. */
  again = cancel (account_id, ticket_id, "now");
  okc_test_assert_error (again, 409, "no_subscription", NULL);
}

static void
test_cancel_period_end (void)
{
  g_autofree char *account_id = NULL, *ticket_id = NULL, *renews_at = NULL;
  g_autoptr(OkcTestResponse) ending = NULL;
  g_autoptr(OkcTestResponse) twice = NULL;
  g_autoptr(OkcTestResponse) now = NULL;
  g_autoptr(OkcTestResponse) bad = NULL;
  JsonObject *subscription;

  take_account ("a.subscription <> 'none' AND a.subscription_status = 'active' AND "
                "a.subscription_renews_at > strftime ('%s', 'now')", &account_id, &ticket_id);
  verify (account_id, ticket_id);
  bad = cancel (account_id, ticket_id, "tomorrow");
  okc_test_assert_error (bad, 422, "invalid_input", "when");

  ending = cancel (account_id, ticket_id, "period_end");
  subscription = json_object_get_object_member (expect_object (ending, 200), "subscription");
  g_assert_cmpstr (json_object_get_string_member (subscription, "status"), ==, "cancelling");
  g_assert_true (json_object_get_null_member (subscription, "cancelled_at"));
  renews_at = g_strdup (json_object_get_string_member (subscription, "renews_at"));
  g_assert_nonnull (renews_at);

  twice = cancel (account_id, ticket_id, "period_end");
  okc_test_assert_error (twice, 409, "no_subscription", NULL);
  /* A cancelling subscription may still end now. */
  now = cancel (account_id, ticket_id, "now");
  subscription = json_object_get_object_member (expect_object (now, 200), "subscription");
  g_assert_cmpstr (json_object_get_string_member (subscription, "status"), ==, "cancelled");
  g_assert_cmpint (count_audit ("account.subscription_cancel", account_id), ==, 2);
}

static void
test_cancel_none (void)
{
  g_autofree char *account_id = NULL, *ticket_id = NULL;
  g_autoptr(OkcTestResponse) response = NULL;

  take_account ("a.subscription = 'none'", &account_id, &ticket_id);
  verify (account_id, ticket_id);
  response = cancel (account_id, ticket_id, "now");
  okc_test_assert_error (response, 409, "no_subscription", NULL);
  g_assert_cmpint (count_audit ("account.subscription_cancel", account_id), ==, 0);
}

/* ── Remove a card ───────────────────────────────────────────────────────────────── */

static void
test_remove_card (void)
{
  g_autofree char *account_id = NULL, *ticket_id = NULL;
  g_autofree char *first = NULL, *second = NULL, *other_card = NULL;
  g_autoptr(OkcTestResponse) refused = NULL;
  g_autoptr(OkcTestResponse) done = NULL;
  g_autoptr(OkcTestResponse) twice = NULL;
  g_autoptr(OkcTestResponse) unknown = NULL;
  g_autoptr(OkcTestResponse) not_theirs = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_auto(GStrv) audit = NULL;
  JsonArray *cards;

  take_account ("(SELECT COUNT (*) FROM cards k WHERE k.account_id = a.id AND "
                "k.removed_at IS NULL) = 2", &account_id, &ticket_id);
  first = query_text ("SELECT id FROM cards WHERE account_id = ?1 AND is_default = 1",
                      account_id);
  second = query_text ("SELECT id FROM cards WHERE account_id = ?1 AND is_default = 0",
                       account_id);
  other_card = query_text ("SELECT id FROM cards WHERE account_id <> ?1 AND removed_at IS NULL "
                           "ORDER BY id LIMIT 1", account_id);
  refused = remove_card (account_id, first, ticket_id);
  okc_test_assert_error (refused, 403, "verification_required", NULL);

  verify (account_id, ticket_id);
  unknown = remove_card (account_id, "CRD-999999", ticket_id);
  okc_test_assert_error (unknown, 404, "not_found", NULL);
  not_theirs = remove_card (account_id, other_card, ticket_id);
  okc_test_assert_error (not_theirs, 404, "not_found", NULL);

  done = remove_card (account_id, first, ticket_id);
  cards = json_object_get_array_member (expect_object (done, 200), "cards");
  /* The next card is the default now. */
  g_assert_cmpuint (json_array_get_length (cards), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cards, 0), "id"),
                   ==, second);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (cards, 0),
                                                 "is_default"));
  {
    g_autofree char *removed_at = query_text ("SELECT removed_at FROM cards WHERE id = ?1", first);

    g_assert_nonnull (removed_at);
  }

  audit = last_audit ("account.card_remove", account_id);
  g_assert_cmpstr (audit[1], ==, ticket_id);
  before = parse_object (audit[2]);
  after = parse_object (audit[3]);
  g_assert_cmpstr (json_object_get_string_member (before, "card_id"), ==, first);
  g_assert_cmpuint (strlen (json_object_get_string_member (before, "last4")), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (after, "default_card_id"), ==, second);

  twice = remove_card (account_id, first, ticket_id);
  okc_test_assert_error (twice, 404, "not_found", NULL);
}

/* A refund waiting for a supervisor (the threshold is 1 cent here) on the account's
 * newest billed session. */
static void
request_refund (const char *account_id)
{
  g_autofree char *session_id = query_text ("SELECT id FROM sessions WHERE account_id = ?1 AND "
                                            "total > 100 ORDER BY started_at DESC LIMIT 1",
                                            account_id);
  g_autofree char *body = NULL;
  g_autoptr(OkcTestResponse) response = NULL;

  g_assert_nonnull (session_id);
  body = g_strdup_printf ("{\"session_id\": \"%s\", \"amount\": {\"amount\": 50, \"currency\": "
                          "\"USD\"}, \"reason\": \"goodwill\", \"note\": \"late start\"}",
                          session_id);
  response = post (agent, "/v1/refunds", body);
  g_assert_cmpstr (json_object_get_string_member (expect_object (response, 201), "status"), ==,
                   "pending_approval");
}

static void
test_remove_last_card_refund (void)
{
  g_autofree char *account_id = NULL, *ticket_id = NULL, *card = NULL;
  g_autoptr(OkcTestResponse) refused = NULL;

  take_account ("(SELECT COUNT (*) FROM cards k WHERE k.account_id = a.id AND "
                "k.removed_at IS NULL) = 1 AND EXISTS (SELECT 1 FROM sessions s WHERE "
                "s.account_id = a.id AND s.total > 100 AND s.currency = 'USD')",
                &account_id, &ticket_id);
  card = query_text ("SELECT id FROM cards WHERE account_id = ?1", account_id);
  request_refund (account_id);
  verify (account_id, ticket_id);
  refused = remove_card (account_id, card, ticket_id);
  okc_test_assert_error (refused, 409, "refund_in_progress", NULL);
  assert_text ("SELECT removed_at FROM cards WHERE id = ?1", card, NULL);
}

/* ── Change the email ────────────────────────────────────────────────────────────── */

static void
test_change_email (void)
{
  g_autofree char *account_id = NULL, *ticket_id = NULL, *old_email = NULL;
  g_autofree char *other_email = NULL, *body = NULL, *new_email = NULL;
  g_autoptr(OkcTestResponse) refused = NULL;
  g_autoptr(OkcTestResponse) bad = NULL;
  g_autoptr(OkcTestResponse) empty = NULL;
  g_autoptr(OkcTestResponse) in_use = NULL;
  g_autoptr(OkcTestResponse) done = NULL;
  g_autoptr(OkcTestResponse) reset = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_auto(GStrv) audit = NULL;
  JsonObject *account;

  take_account ("1", &account_id, &ticket_id);
  old_email = query_text ("SELECT email FROM accounts WHERE id = ?1", account_id);
  other_email = query_text ("SELECT email FROM accounts WHERE id <> ?1 AND status = 'active' "
                            "ORDER BY id LIMIT 1", account_id);
  new_email = g_strdup_printf ("changed.%s", old_email);

  body = g_strdup_printf ("{\"ticket_id\": \"%s\", \"email\": \"%s\"}", ticket_id, new_email);
  refused = change_email (agent, account_id, body);
  okc_test_assert_error (refused, 403, "verification_required", NULL);
  verify (account_id, ticket_id);

  {
    g_autofree char *bad_body = g_strdup_printf ("{\"ticket_id\": \"%s\", \"email\": "
                                                 "\"not an email\"}", ticket_id);
    g_autofree char *empty_body = g_strdup_printf ("{\"ticket_id\": \"%s\"}", ticket_id);
    g_autofree char *upper = g_ascii_strup (other_email, -1);
    g_autofree char *in_use_body = g_strdup_printf ("{\"ticket_id\": \"%s\", \"email\": "
                                                    "\"%s\"}", ticket_id, upper);

    bad = change_email (agent, account_id, bad_body);
    okc_test_assert_error (bad, 422, "invalid_input", "email");
    empty = change_email (agent, account_id, empty_body);
    okc_test_assert_error (empty, 422, "invalid_input", "email");
    /* Another active account signs in with it, in whatever case. */
    in_use = change_email (agent, account_id, in_use_body);
    okc_test_assert_error (in_use, 409, "email_in_use", NULL);
  }
  assert_text ("SELECT email FROM accounts WHERE id = ?1", account_id, old_email);

  /* A supervisor may make it too. */
  g_free (body);
  body = g_strdup_printf ("{\"ticket_id\": \"%s\", \"email\": \"%s\", \"notification_email\": "
                          "\"receipts@example.org\"}", ticket_id, new_email);
  done = change_email (supervisor, account_id, body);
  account = expect_object (done, 200);
  g_assert_cmpstr (json_object_get_string_member (account, "email"), ==, new_email);
  g_assert_cmpstr (json_object_get_string_member (account, "notification_email"), ==,
                   "receipts@example.org");
  audit = last_audit ("account.email_change", account_id);
  before = parse_object (audit[2]);
  after = parse_object (audit[3]);
  g_assert_cmpstr (json_object_get_string_member (before, "email"), ==, old_email);
  g_assert_true (json_object_get_null_member (before, "notification_email"));
  g_assert_cmpstr (json_object_get_string_member (after, "email"), ==, new_email);
  g_assert_cmpstr (json_object_get_string_member (after, "notification_email"), ==,
                   "receipts@example.org");

  /* null sends the notices to the login email again, the login email untouched. */
  g_free (body);
  body = g_strdup_printf ("{\"ticket_id\": \"%s\", \"notification_email\": null}", ticket_id);
  reset = change_email (agent, account_id, body);
  account = expect_object (reset, 200);
  g_assert_true (json_object_get_null_member (account, "notification_email"));
  g_assert_cmpstr (json_object_get_string_member (account, "email"), ==, new_email);
}

/* POST with an Idempotency-Key, blocking: the backend is another process. */
static OkcTestResponse *
post_with_key (const char *path,
               const char *key,
               const char *json)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *target = g_strconcat (url (), path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", agent, NULL);
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

/* The answer lost on the way, the console sends the change again with its key: it is
 * made once, the second answer is the first. */
static void
test_replay (void)
{
  g_autofree char *account_id = NULL, *ticket_id = NULL, *path = NULL, *body = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autoptr(OkcTestResponse) first = NULL;
  g_autoptr(OkcTestResponse) again = NULL;
  g_autoptr(OkcTestResponse) other = NULL;
  gint64 events;

  take_account ("a.subscription <> 'none' AND a.subscription_status = 'active'", &account_id,
                &ticket_id);
  verify (account_id, ticket_id);
  events = count_events (account_id);
  path = g_strdup_printf ("/v1/accounts/%s/subscription/cancel", account_id);
  body = g_strdup_printf ("{\"ticket_id\": \"%s\", \"when\": \"now\"}", ticket_id);
  first = post_with_key (path, key, body);
  expect_object (first, 200);
  again = post_with_key (path, key, body);
  expect_object (again, 200);
  g_assert_cmpstr (soup_message_headers_get_one (again->headers, "Idempotent-Replayed"), ==, "true");
  g_assert_true (g_bytes_equal (first->body, again->body));
  g_assert_cmpint (count_audit ("account.subscription_cancel", account_id), ==, 1);
  g_assert_cmpint (count_events (account_id), ==, events + 1);

  other = post_with_key (path, key, "{\"ticket_id\": \"TCK-000001\", \"when\": \"now\"}");
  okc_test_assert_error (other, 409, "idempotency_key_reused", "Idempotency-Key");
}

/* A check of another ticket, or of this ticket for another account, is not one. */
static void
test_verification_is_its_own (void)
{
  g_autofree char *account_id = NULL, *ticket_id = NULL;
  g_autofree char *other_account = NULL, *other_ticket = NULL, *body = NULL;
  g_autoptr(OkcTestResponse) other = NULL;
  g_autoptr(OkcTestResponse) expired = NULL;
  g_autoptr(OkcTestResponse) unknown = NULL;
  g_autoptr(OkcTestResponse) missing = NULL;

  take_account ("1", &account_id, &ticket_id);
  take_account ("1", &other_account, &other_ticket);
  verify (other_account, other_ticket);
  /* The other account's ticket has a check, of the other account. */
  body = g_strdup_printf ("{\"ticket_id\": \"%s\", \"notification_email\": null}", other_ticket);
  other = change_email (agent, account_id, body);
  okc_test_assert_error (other, 403, "verification_required", NULL);

  verify (account_id, ticket_id);
  {
    sqlite3 *db = open_db (SQLITE_OPEN_READWRITE);
    g_autofree char *sql = g_strdup_printf ("UPDATE account_verifications SET at = at - 86400, "
                                            "expires_at = expires_at - 86400 WHERE "
                                            "account_id = '%s'", account_id);

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_free (body);
  body = g_strdup_printf ("{\"ticket_id\": \"%s\", \"notification_email\": null}", ticket_id);
  expired = change_email (agent, account_id, body);
  okc_test_assert_error (expired, 403, "verification_required", NULL);

  unknown = change_email (agent, account_id, "{\"ticket_id\": \"TCK-999999\", "
                                             "\"notification_email\": null}");
  okc_test_assert_error (unknown, 422, "invalid_input", "ticket_id");
  missing = change_email (agent, "ACC-99999", body);
  okc_test_assert_error (missing, 404, "not_found", NULL);
}

/* ── Delete the account ──────────────────────────────────────────────────────────── */

/* A public charger, online, every connector free. */
static char *
free_public_charger (void)
{
  return query_text ("SELECT c.id FROM chargers c WHERE c.access = 'public' AND "
                     "c.status = 'online' AND c.property_id IS NOT NULL AND NOT EXISTS "
                     "(SELECT 1 FROM connectors n WHERE n.charger_id = c.id AND "
                     "(n.status <> 'Available' OR n.session_id IS NOT NULL)) "
                     "ORDER BY c.id LIMIT 1", NULL);
}

static OkcTestResponse *
authorize (const char *charger_id,
           const char *account_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/simulator/chargers/%s/authorize", charger_id);
  g_autofree char *body = g_strdup_printf ("{\"account\": \"%s\"}", account_id);

  return post (agent, path, body);
}

static void
test_delete_refusals (void)
{
  g_autofree char *account_id = NULL, *ticket_id = NULL, *email = NULL;
  g_autofree char *charging = NULL, *charging_ticket = NULL, *charging_email = NULL;
  g_autofree char *refunded = NULL, *refunded_ticket = NULL, *refunded_email = NULL;
  g_autofree char *host = NULL, *host_ticket = NULL, *host_email = NULL, *charger = NULL;
  g_autoptr(OkcTestResponse) refused = NULL;
  g_autoptr(OkcTestResponse) wrong = NULL;
  g_autoptr(OkcTestResponse) has_properties = NULL;
  g_autoptr(OkcTestResponse) started = NULL;
  g_autoptr(OkcTestResponse) in_progress = NULL;
  g_autoptr(OkcTestResponse) refund = NULL;

  take_account ("1", &account_id, &ticket_id);
  email = query_text ("SELECT email FROM accounts WHERE id = ?1", account_id);
  refused = delete_account (account_id, ticket_id, email);
  okc_test_assert_error (refused, 403, "verification_required", NULL);
  verify (account_id, ticket_id);
  wrong = delete_account (account_id, ticket_id, "someone.else@example.com");
  okc_test_assert_error (wrong, 422, "invalid_input", "confirm_email");
  assert_text ("SELECT status FROM accounts WHERE id = ?1", account_id, "active");

  /* A host with properties: verified by the card on file, on a ticket from their email
   * or any ticket when none came from it. */
  host = query_text ("SELECT p.host_account_id FROM properties p JOIN cards k ON "
                     "k.account_id = p.host_account_id AND k.removed_at IS NULL "
                     "ORDER BY p.id LIMIT 1", NULL);
  g_assert_nonnull (host);
  host_email = query_text ("SELECT email FROM accounts WHERE id = ?1", host);
  host_ticket = query_text ("SELECT id FROM tickets ORDER BY seq LIMIT 1", NULL);
  {
    g_autofree char *last4 = query_text ("SELECT last4 FROM cards WHERE account_id = ?1 AND "
                                         "removed_at IS NULL LIMIT 1", host);
    g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/verifications", host);
    g_autofree char *body = g_strdup_printf ("{\"ticket_id\": \"%s\", \"method\": "
                                             "\"card_last4\", \"detail\": \"%s\"}",
                                             host_ticket, last4);
    g_autoptr(OkcTestResponse) verified = post (agent, path, body);

    expect_object (verified, 201);
  }
  has_properties = delete_account (host, host_ticket, host_email);
  okc_test_assert_error (has_properties, 409, "account_has_properties", NULL);

  /* Charging now. */
  take_account ("1", &charging, &charging_ticket);
  charging_email = query_text ("SELECT email FROM accounts WHERE id = ?1", charging);
  charger = free_public_charger ();
  g_assert_nonnull (charger);
  started = authorize (charger, charging);
  g_assert_true (json_object_get_boolean_member (expect_object (started, 200), "accepted"));
  verify (charging, charging_ticket);
  in_progress = delete_account (charging, charging_ticket, charging_email);
  okc_test_assert_error (in_progress, 409, "session_in_progress", NULL);

  /* A refund to the account still waits for a supervisor. */
  take_account ("EXISTS (SELECT 1 FROM sessions s WHERE s.account_id = a.id AND "
                "s.total > 100 AND s.currency = 'USD')", &refunded, &refunded_ticket);
  refunded_email = query_text ("SELECT email FROM accounts WHERE id = ?1", refunded);
  request_refund (refunded);
  verify (refunded, refunded_ticket);
  refund = delete_account (refunded, refunded_ticket, refunded_email);
  okc_test_assert_error (refund, 409, "refund_in_progress", NULL);

  g_assert_cmpint (count_audit ("account.delete", host), ==, 0);
  g_assert_cmpint (count_audit ("account.delete", charging), ==, 0);
  g_assert_cmpint (count_audit ("account.delete", refunded), ==, 0);
}

static void
test_delete (void)
{
  g_autofree char *account_id = NULL, *ticket_id = NULL, *email = NULL, *upper = NULL;
  g_autofree char *name = NULL, *phone = NULL, *charger = NULL, *booking = NULL;
  g_autofree char *grant_path = NULL, *grant_body = NULL, *like = NULL, *lookup = NULL;
  g_autoptr(OkcTestResponse) grant = NULL;
  g_autoptr(OkcTestResponse) deleted = NULL;
  g_autoptr(OkcTestResponse) found = NULL;
  g_autoptr(OkcTestResponse) by_id = NULL;
  g_autoptr(OkcTestResponse) start = NULL;
  g_autoptr(OkcTestResponse) regrant = NULL;
  g_autoptr(OkcTestResponse) after_delete = NULL;
  g_autoptr(OkcTestResponse) again = NULL;
  g_autoptr(JsonObject) audit_after = NULL;
  g_auto(GStrv) audit = NULL;
  gint64 sessions, tickets, verifications, events, cards;
  JsonObject *account, *subscription;

  take_account ("a.subscription <> 'none' AND a.subscription_status = 'active' AND "
                "a.phone IS NOT NULL AND EXISTS (SELECT 1 FROM sessions s WHERE "
                "s.account_id = a.id) AND (SELECT COUNT (*) FROM cards k WHERE "
                "k.account_id = a.id AND k.removed_at IS NULL) >= 1", &account_id, &ticket_id);
  email = query_text ("SELECT email FROM accounts WHERE id = ?1", account_id);
  name = query_text ("SELECT name FROM accounts WHERE id = ?1", account_id);
  phone = query_text ("SELECT phone FROM accounts WHERE id = ?1", account_id);

  /* Something of everything deletion touches: an access grant, a booking. */
  charger = free_public_charger ();
  grant_path = g_strdup_printf ("/v1/chargers/%s/access-grants", charger);
  grant_body = g_strdup_printf ("{\"account\": \"%s\", \"ticket_id\": \"%s\"}", account_id,
                                ticket_id);
  grant = post (agent, grant_path, grant_body);
  expect_object (grant, 201);
  booking = query_text ("SELECT id FROM bookings ORDER BY id LIMIT 1", NULL);
  g_assert_nonnull (booking);
  {
    sqlite3 *db = open_db (SQLITE_OPEN_READWRITE);
    g_autofree char *sql = g_strdup_printf ("UPDATE bookings SET account_id = '%s' WHERE id = '%s'",
                                            account_id, booking);

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  sessions = query_count ("SELECT COUNT (*) FROM sessions WHERE account_id = ?1", account_id);
  tickets = query_count ("SELECT COUNT (*) FROM tickets WHERE requester_email = ?1", email);
  cards = query_count ("SELECT COUNT (*) FROM cards WHERE account_id = ?1", account_id);

  verify (account_id, ticket_id);
  verifications = query_count ("SELECT COUNT (*) FROM account_verifications WHERE "
                               "account_id = ?1", account_id);
  events = count_events (account_id);
  upper = g_ascii_strup (email, -1);
  deleted = delete_account (account_id, ticket_id, upper);
  account = expect_object (deleted, 200);

  /* The Account: its personal data gone, its id and dates kept. */
  g_assert_cmpstr (json_object_get_string_member (account, "id"), ==, account_id);
  g_assert_cmpstr (json_object_get_string_member (account, "status"), ==, "deleted");
  g_assert_cmpstr (json_object_get_string_member (account, "name"), ==, "Deleted account");
  g_assert_cmpstr (json_object_get_string_member (account, "email"), ==, "");
  g_assert_true (json_object_get_null_member (account, "phone"));
  g_assert_true (json_object_get_null_member (account, "notification_email"));
  g_assert_false (json_object_get_null_member (account, "deleted_at"));
  g_assert_false (json_object_get_null_member (account, "created_at"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (account, "cards")), ==, 0);
  subscription = json_object_get_object_member (account, "subscription");
  g_assert_cmpstr (json_object_get_string_member (subscription, "status"), ==, "cancelled");

  /* In the file: cards removed (kept as records), grants revoked, the booking unlinked. */
  g_assert_cmpint (query_count ("SELECT COUNT (*) FROM cards WHERE account_id = ?1", account_id),
                   ==, cards);
  g_assert_cmpint (query_count ("SELECT COUNT (*) FROM cards WHERE account_id = ?1 AND "
                                "removed_at IS NULL", account_id), ==, 0);
  g_assert_cmpint (query_count ("SELECT COUNT (*) FROM charger_access WHERE account_id = ?1",
                                account_id), ==, 0);
  g_assert_cmpint (query_count ("SELECT COUNT (*) FROM bookings WHERE account_id = ?1",
                                account_id), ==, 0);
  assert_text ("SELECT guest_name FROM bookings WHERE id = ?1", booking, "Deleted account");
  assert_text ("SELECT guest_email FROM bookings WHERE id = ?1", booking, "");
  /* Kept: sessions, tickets, the identity checks. */
  g_assert_cmpint (query_count ("SELECT COUNT (*) FROM sessions WHERE account_id = ?1",
                                account_id), ==, sessions);
  g_assert_cmpint (query_count ("SELECT COUNT (*) FROM tickets WHERE requester_email = ?1",
                                email), ==, tickets);
  g_assert_cmpint (query_count ("SELECT COUNT (*) FROM account_verifications WHERE "
                                "account_id = ?1", account_id), ==, verifications);
  /* The account's row holds none of it any more. */
  like = g_strdup_printf ("SELECT COUNT (*) FROM accounts WHERE id = ?1 AND "
                          "(name = '%s' OR email <> '' OR phone IS NOT NULL OR "
                          "notification_email IS NOT NULL OR card_last4 IS NOT NULL)", name);
  g_assert_cmpint (query_count (like, account_id), ==, 0);

  /* The audit entry says what was erased, never the data itself. */
  audit = last_audit ("account.delete", account_id);
  g_assert_cmpstr (audit[0], ==, "account");
  g_assert_cmpstr (audit[1], ==, ticket_id);
  g_assert_null (strstr (audit[2], email));
  g_assert_null (strstr (audit[3], email));
  g_assert_null (strstr (audit[2], name));
  g_assert_null (strstr (audit[3], phone));
  audit_after = parse_object (audit[3]);
  g_assert_cmpstr (json_object_get_string_member (audit_after, "status"), ==, "deleted");
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (audit_after, "access_grants_revoked"), 0),
                   ==, charger);
  g_assert_cmpint (count_events (account_id), ==, events + 1);

  /* The old email finds nothing; the id finds the deleted account. */
  lookup = g_strdup_printf ("/v1/accounts?q=%s", email);
  found = okc_test_get (url (), lookup, agent);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      expect_object (found, 200), "accounts")), ==, 0);
  g_free (lookup);
  lookup = g_strdup_printf ("/v1/accounts/%s", account_id);
  by_id = okc_test_get (url (), lookup, agent);
  g_assert_cmpstr (json_object_get_string_member (expect_object (by_id, 200), "status"), ==,
                   "deleted");

  /* It can no longer sign in to charge, nor be given access. */
  start = authorize (charger, account_id);
  okc_test_assert_error (start, 422, "invalid_input", "account");
  regrant = post (agent, grant_path, grant_body);
  okc_test_assert_error (regrant, 422, "invalid_input", "account");

  /* Nothing more can be changed. */
  after_delete = cancel (account_id, ticket_id, "now");
  okc_test_assert_error (after_delete, 409, "account_deleted", NULL);
  again = delete_account (account_id, ticket_id, email);
  okc_test_assert_error (again, 409, "account_deleted", NULL);
}

/* A deleted account survives an export and its import: still deleted, still without its
 * personal data, its sessions still its own. */
static void
test_delete_export (void)
{
  g_autofree char *account_id = NULL, *ticket_id = NULL, *email = NULL;
  g_autofree char *dir = okc_test_make_dir ();
  g_autofree char *dataset = g_build_filename (dir, "dataset.json", NULL);
  g_autofree char *database = g_build_filename (dir, "imported.sqlite", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(OkcTestResponse) deleted = NULL;
  g_autoptr(OkcTestResponse) exported = NULL;
  g_autofree char *again = g_build_filename (dir, "again.json", NULL);
  /* With --export the backend exits once the data is written instead of serving it. */
  const char *args[] = { "--database", database, "--import", dataset, "--export", again, NULL };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 sessions;
  int status;

  take_account ("EXISTS (SELECT 1 FROM sessions s WHERE s.account_id = a.id)", &account_id,
                &ticket_id);
  email = query_text ("SELECT email FROM accounts WHERE id = ?1", account_id);
  sessions = query_count ("SELECT COUNT (*) FROM sessions WHERE account_id = ?1", account_id);
  verify (account_id, ticket_id);
  deleted = delete_account (account_id, ticket_id, email);
  expect_object (deleted, 200);

  exported = okc_test_get (url (), "/v1/export", supervisor);
  g_assert_cmpuint (exported->status, ==, 200);
  g_assert_true (g_file_set_contents (dataset, g_bytes_get_data (exported->body, NULL),
                                      (gssize) g_bytes_get_size (exported->body), NULL));
  status = okc_test_run_backend (args, &out, &err);
  if (status != 0)
    g_test_message ("import: %s", err);
  g_assert_cmpint (status, ==, 0);

  g_assert_cmpint (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (
                     db, "SELECT status, email, name, phone IS NULL, deleted_at IS NOT NULL, "
                     "(SELECT COUNT (*) FROM sessions s WHERE s.account_id = a.id) "
                     "FROM accounts a WHERE id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, account_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "deleted");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "Deleted account");
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, 1);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, sessions);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  okc_test_remove_dir (dir);
}

/* ── Revenue ─────────────────────────────────────────────────────────────────────── */

static GDateTime *
local_day (gint64      unix_time,
           const char *timezone)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (timezone);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_to_timezone (utc, zone);
}

/* The last 30 days: each day's figures are what the sessions of the host's properties
 * that started on it, where they are, add up to; days without any are there, zeros. */
static void
test_revenue (void)
{
  g_autofree char *host = query_text ("SELECT host_account_id FROM properties GROUP BY "
                                      "host_account_id ORDER BY COUNT (*) DESC, "
                                      "host_account_id LIMIT 1", NULL);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -29);
  g_autofree char *from = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/revenue?from=%s&to=%s", host, from,
                                           to);
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
  JsonObject *revenue = expect_object (response, 200);
  JsonArray *days = json_object_get_array_member (revenue, "days");
  gint64 total_sessions = 0, counted = 0;
  sqlite3 *db = open_db (SQLITE_OPEN_READONLY);
  sqlite3_stmt *stmt = NULL;

  /* Sessions two days either side of the range, by their local date. */
  g_assert_cmpint (sqlite3_prepare_v2 (
                     db,
                     "SELECT s.started_at, p.timezone, s.energy_wh, s.total FROM sessions s "
                     "JOIN chargers c ON c.id = s.charger_id JOIN properties p ON "
                     "p.id = c.property_id WHERE p.host_account_id = ?1 AND "
                     "s.started_at >= strftime ('%s', 'now') - 32 * 86400",
                     -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, host, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) local = local_day (sqlite3_column_int64 (stmt, 0),
                                              (const char *) sqlite3_column_text (stmt, 1));
      char *date = g_date_time_format (local, "%Y-%m-%d");
      gint64 *sums = g_hash_table_lookup (expected, date);

      if (sums == NULL)
        {
          sums = g_new0 (gint64, 3);
          g_hash_table_insert (expected, g_strdup (date), sums);
        }
      sums[0]++;
      sums[1] += sqlite3_column_int64 (stmt, 2);
      sums[2] += sqlite3_column_int64 (stmt, 3);
      g_free (date);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpstr (json_object_get_string_member (revenue, "currency"), ==, "USD");
  g_assert_cmpstr (json_object_get_string_member (revenue, "from"), ==, from);
  g_assert_cmpuint (json_array_get_length (days), ==, 30);
  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_days (start, i);
      g_autofree char *date = g_date_time_format (when, "%Y-%m-%d");
      JsonObject *day = json_array_get_object_element (days, i);
      JsonObject *gross = json_object_get_object_member (day, "gross");
      gint64 *sums = g_hash_table_lookup (expected, date);

      g_assert_cmpstr (json_object_get_string_member (day, "date"), ==, date);
      g_assert_cmpint (json_object_get_int_member (day, "sessions"), ==, sums ? sums[0] : 0);
      g_assert_cmpint (json_object_get_int_member (day, "energy_wh"), ==, sums ? sums[1] : 0);
      g_assert_cmpint (json_object_get_int_member (gross, "amount"), ==, sums ? sums[2] : 0);
      g_assert_cmpstr (json_object_get_string_member (gross, "currency"), ==, "USD");
      total_sessions += json_object_get_int_member (day, "sessions");
      counted += sums != NULL;
    }
  g_assert_cmpint (total_sessions, >, 0);
  g_assert_cmpint (counted, >, 0);
}

static void
test_revenue_zero_days (void)
{
  g_autofree char *host = query_text ("SELECT host_account_id FROM properties ORDER BY id LIMIT 1",
                                      NULL);
  g_autofree char *property = query_text ("SELECT id FROM properties WHERE host_account_id = ?1 "
                                          "ORDER BY id LIMIT 1", host);
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/revenue?from=2001-02-27&to=2001-03-02"
                                           "&property=%s", host, property);
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
  JsonArray *days = json_object_get_array_member (expect_object (response, 200), "days");
  static const char * const dates[] = { "2001-02-27", "2001-02-28", "2001-03-01", "2001-03-02" };

  g_assert_cmpuint (json_array_get_length (days), ==, G_N_ELEMENTS (dates));
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      JsonObject *day = json_array_get_object_element (days, i);

      g_assert_cmpstr (json_object_get_string_member (day, "date"), ==, dates[i]);
      g_assert_cmpint (json_object_get_int_member (day, "sessions"), ==, 0);
      g_assert_cmpint (json_object_get_int_member (day, "energy_wh"), ==, 0);
      g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (day, "gross"),
                                                   "amount"), ==, 0);
    }
}

static void
test_revenue_refusals (void)
{
  g_autofree char *host = query_text ("SELECT host_account_id FROM properties ORDER BY id LIMIT 1",
                                      NULL);
  g_autofree char *guest = query_text ("SELECT id FROM accounts WHERE kind = 'guest' ORDER BY id "
                                       "LIMIT 1", NULL);
  g_autofree char *others = query_text ("SELECT id FROM properties WHERE host_account_id <> ?1 "
                                        "ORDER BY id LIMIT 1", host);
  static const struct { const char *query; const char *field; } bad[] = {
    { "from=2026-01-01&to=2027-01-02", "to" },  /* 367 days */
    { "from=2026-02-30&to=2026-03-01", "from" },
    { "from=2026-03-01", "to" },
    { "to=2026-03-01", "from" },
    { "from=2026-03-02&to=2026-03-01", "to" },
    { "from=20260301&to=2026-03-02", "from" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/revenue?%s", host, bad[i].query);
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);

      okc_test_assert_error (response, 422, "invalid_request", bad[i].field);
    }
  {
    g_autofree char *year = g_strdup_printf ("/v1/accounts/%s/revenue?from=2024-01-01&"
                                             "to=2024-12-31", host);
    g_autofree char *as_guest = g_strdup_printf ("/v1/accounts/%s/revenue?from=2026-03-01&"
                                                 "to=2026-03-02", guest);
    g_autofree char *not_theirs = g_strdup_printf ("/v1/accounts/%s/revenue?from=2026-03-01&"
                                                   "to=2026-03-02&property=%s", host, others);
    g_autoptr(OkcTestResponse) leap_year = okc_test_get (url (), year, agent);
    g_autoptr(OkcTestResponse) guest_response = okc_test_get (url (), as_guest, agent);
    g_autoptr(OkcTestResponse) other_response = okc_test_get (url (), not_theirs, agent);
    g_autoptr(OkcTestResponse) missing = okc_test_get (
      url (), "/v1/accounts/ACC-99999/revenue?from=2026-03-01&to=2026-03-02", agent);

    /* 366 days is the most, a leap year. */
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        expect_object (leap_year, 200), "days")), ==, 366);
    okc_test_assert_error (guest_response, 422, "invalid_request", "id");
    if (others != NULL)
      okc_test_assert_error (other_response, 422, "invalid_request", "property");
    okc_test_assert_error (missing, 404, "not_found", NULL);
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Every refund waits for a supervisor; the sessions start only when a test starts them. */
  backend = okc_test_backend_start ((const char *[]) {
    "--simulator-control", "--refund-approval-threshold", "1", NULL });
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  supervisor = okc_test_sign_in (url (), OKC_TEST_SUPERVISOR_EMAIL, "demo-supervisor");
  taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_test_add_func ("/Backend/AccountChanges/cancel/now", test_cancel_now);
  g_test_add_func ("/Backend/AccountChanges/cancel/period-end", test_cancel_period_end);
  g_test_add_func ("/Backend/AccountChanges/cancel/none", test_cancel_none);
  g_test_add_func ("/Backend/AccountChanges/card/remove", test_remove_card);
  g_test_add_func ("/Backend/AccountChanges/card/last-with-refund", test_remove_last_card_refund);
  g_test_add_func ("/Backend/AccountChanges/email", test_change_email);
  g_test_add_func ("/Backend/AccountChanges/replay", test_replay);
  g_test_add_func ("/Backend/AccountChanges/verification-is-its-own",
                   test_verification_is_its_own);
  g_test_add_func ("/Backend/AccountChanges/delete/refusals", test_delete_refusals);
  g_test_add_func ("/Backend/AccountChanges/delete", test_delete);
  g_test_add_func ("/Backend/AccountChanges/delete/export", test_delete_export);
  g_test_add_func ("/Backend/Revenue/days", test_revenue);
  g_test_add_func ("/Backend/Revenue/zero-days", test_revenue_zero_days);
  g_test_add_func ("/Backend/Revenue/refusals", test_revenue_refusals);
  status = g_test_run ();

  okc_test_backend_stop (backend);
  g_clear_pointer (&taken, g_hash_table_unref);
  g_free (agent);
  g_free (supervisor);
  return status;
}
