/* test-backend-accounts.c — the accounts over loopback (docs/accounts.md): lookup by email,
 * phone, id and name; the Account, its cards never more than their last four digits; the
 * identity checks, their lock and their expiry; the changes each behind a check of their
 * own ticket and account, their effects, audit entries and events; deletion, checked in
 * the SQLite file
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-test-backend.h"

static OkcTestBackend *backend;
static char *agent;
static char *chatbot;

/* Accounts whose tickets came from their login email, each test taking its own pair:
 * a checked identity or a failed try stays with its ticket and account. */
static GPtrArray *own_accounts;
static GPtrArray *own_tickets;
static guint next_own;

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

static gint64
query_count (const char *sql,
             const char *param)
{
  g_autofree char *text = query_text (sql, param);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static void
exec_sql (const char *sql,
          const char *param)
{
  sqlite3 *db = open_db (SQLITE_OPEN_READWRITE);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
learn_own_tickets (void)
{
  sqlite3 *db = open_db (SQLITE_OPEN_READONLY);
  sqlite3_stmt *stmt = NULL;

  own_accounts = g_ptr_array_new_with_free_func (g_free);
  own_tickets = g_ptr_array_new_with_free_func (g_free);
  /* One ticket per account, of guests with a card and no refund: every change can go. */
  g_assert_cmpint (sqlite3_prepare_v2 (
                     db,
                     "SELECT a.id, MIN (t.id) FROM accounts a JOIN tickets t ON "
                     "t.requester_email = a.email COLLATE NOCASE WHERE a.kind = 'guest' "
                     "AND EXISTS (SELECT 1 FROM cards k WHERE k.account_id = a.id) "
                     "AND NOT EXISTS (SELECT 1 FROM refunds r JOIN sessions s ON "
                     "s.id = r.session_id WHERE s.account_id = a.id) "
                     "AND (SELECT COUNT (*) FROM accounts b WHERE b.email = a.email "
                     "COLLATE NOCASE) = 1 GROUP BY a.id ORDER BY a.id",
                     -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (own_accounts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (own_tickets, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (own_accounts->len, >=, 20);
}

static void
take_own (const char **out_account,
          const char **out_ticket)
{
  g_assert_cmpuint (next_own, <, own_accounts->len);
  *out_account = g_ptr_array_index (own_accounts, next_own);
  *out_ticket = g_ptr_array_index (own_tickets, next_own++);
}

static OkcTestResponse *
get (const char *path)
{
  return okc_test_get (url (), path, agent);
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

/* The ids the lookup found, in its order. */
static GPtrArray *
search (const char *q)
{
  g_autofree char *escaped = g_uri_escape_string (q, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/v1/accounts?q=%s", escaped);
  g_autoptr(OkcTestResponse) response = get (path);
  JsonArray *accounts = json_object_get_array_member (expect_object (response, 200), "accounts");
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *summary = json_array_get_object_element (accounts, i);

      g_assert_cmpuint (json_object_get_size (summary), ==, 6);
      g_ptr_array_add (ids, g_strdup (json_object_get_string_member (summary, "id")));
    }
  return ids;
}

static gboolean
ids_contain (GPtrArray  *ids,
             const char *id)
{
  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

static OkcTestResponse *
verify (const char *account_id,
        const char *ticket_id,
        const char *method,
        const char *detail)
{
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/verifications", account_id);
  g_autofree char *detail_member = detail != NULL ? g_strdup_printf (", \"detail\": \"%s\"", detail)
                                                  : g_strdup ("");
  g_autofree char *body = g_strdup_printf ("{\"ticket_id\": \"%s\", \"method\": \"%s\"%s}",
                                           ticket_id, method, detail_member);

  return okc_test_post_json (url (), path, agent, body);
}

static void
assert_verified (const char *account_id,
                 const char *ticket_id,
                 const char *method,
                 const char *detail)
{
  g_autoptr(OkcTestResponse) response = verify (account_id, ticket_id, method, detail);
  JsonObject *verification = expect_object (response, 201);
  gint64 verified_at = 0, expires_at = 0;

  g_assert_true (g_str_has_prefix (json_object_get_string_member (verification, "id"), "VER-"));
  g_assert_cmpstr (json_object_get_string_member (verification, "account_id"), ==, account_id);
  g_assert_cmpstr (json_object_get_string_member (verification, "ticket_id"), ==, ticket_id);
  g_assert_cmpstr (json_object_get_string_member (verification, "method"), ==, method);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (verification, "verified_by"), "name"),
                   ==, "Alex Rivera");
  g_assert_true (okc_time_parse_rfc3339 (
    json_object_get_string_member (verification, "verified_at"), &verified_at));
  g_assert_true (okc_time_parse_rfc3339 (
    json_object_get_string_member (verification, "expires_at"), &expires_at));
  g_assert_cmpint (expires_at - verified_at, ==, 24 * 60 * 60);
}

static void
assert_failed (const char *account_id,
               const char *ticket_id,
               const char *method,
               const char *detail)
{
  g_autoptr(OkcTestResponse) response = verify (account_id, ticket_id, method, detail);

  okc_test_assert_error (response, 422, "verification_failed", NULL);
}

static char *
default_card (const char *account_id)
{
  return query_text ("SELECT last4 FROM cards WHERE account_id = ?1 AND removed_at IS NULL "
                     "ORDER BY is_default DESC LIMIT 1", account_id);
}

/* Four digits no card of the account ends in. */
static char *
wrong_card (const char *account_id)
{
  for (guint n = 0; n < 10000; n++)
    {
      g_autofree char *last4 = g_strdup_printf ("%04u", (n * 7919 + 1234) % 10000);
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT (*) FROM cards WHERE account_id = ?1 "
                                              "AND last4 = '%s'", last4);

      if (query_count (sql, account_id) == 0)
        return g_steal_pointer (&last4);
    }
  g_assert_not_reached ();
}

/* ── Lookup ──────────────────────────────────────────────────────────────────────── */

static void
test_lookup_email (void)
{
  const char *account_id, *ticket_id;
  g_autofree char *email = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *notify_account = NULL;
  g_autofree char *notify_email = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) by_notification = NULL;

  take_own (&account_id, &ticket_id);
  email = query_text ("SELECT email FROM accounts WHERE id = ?1", account_id);
  upper = g_ascii_strup (email, -1);
  ids = search (upper);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, account_id);

  /* Receipts go elsewhere: that address finds the account too. */
  notify_account = query_text ("SELECT id FROM accounts WHERE notification_email IS NOT NULL "
                               "ORDER BY id LIMIT 1", NULL);
  g_assert_nonnull (notify_account);
  notify_email = query_text ("SELECT notification_email FROM accounts WHERE id = ?1",
                             notify_account);
  by_notification = search (notify_email);
  g_assert_true (ids_contain (by_notification, notify_account));
}

static void
test_lookup_phone (void)
{
  g_autofree char *account_id = query_text ("SELECT id FROM accounts WHERE phone LIKE '+1 %' "
                                            "ORDER BY id LIMIT 1", NULL);
  g_autofree char *phone = query_text ("SELECT phone FROM accounts WHERE id = ?1", account_id);
  g_autofree char *digits = g_strdup (phone + 3); /* "928-555-0119" */
  g_auto(GStrv) parts = g_strsplit (digits, "-", 3);
  g_autofree char *formatted = g_strdup_printf ("+1 (%s) %s-%s", parts[0], parts[1], parts[2]);
  g_autofree char *bare = g_strdup_printf ("%s.%s.%s", parts[0], parts[1], parts[2]);
  g_autoptr(GPtrArray) by_formatted = search (formatted);
  g_autoptr(GPtrArray) by_bare = search (bare);

  g_assert_true (ids_contain (by_formatted, account_id));
  g_assert_true (ids_contain (by_bare, account_id));
  g_assert_cmpuint (by_formatted->len, ==, by_bare->len);
}

static void
test_lookup_id_and_name (void)
{
  g_autofree char *account_id = query_text ("SELECT id FROM accounts WHERE kind = 'guest' "
                                            "ORDER BY id LIMIT 1", NULL);
  g_autofree char *name = query_text ("SELECT name FROM accounts WHERE id = ?1", account_id);
  g_autofree char *lower_id = g_ascii_strdown (account_id, -1);
  g_autofree char *part = g_ascii_strdown (strchr (name, ' ') + 1, -1);
  g_autoptr(GPtrArray) by_id = search (lower_id);
  g_autoptr(GPtrArray) by_name = search (part);
  g_autoptr(OkcTestResponse) short_query = get ("/v1/accounts?q=ab");
  g_autoptr(OkcTestResponse) no_query = get ("/v1/accounts");
  g_autoptr(OkcTestResponse) by_chatbot = okc_test_get (url (), "/v1/accounts?q=chen", chatbot);

  g_assert_cmpuint (by_id->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (by_id, 0), ==, account_id);
  g_assert_true (ids_contain (by_name, account_id));
  okc_test_assert_error (short_query, 422, "invalid_request", "q");
  okc_test_assert_error (no_query, 422, "invalid_request", "q");
  g_assert_cmpuint (by_chatbot->status, ==, 403);
}

/* ── The Account ─────────────────────────────────────────────────────────────────── */

static void
assert_card_shape (JsonObject *card)
{
  static const char * const members[] = {
    "id", "brand", "last4", "exp_month", "exp_year", "is_default", "added_at",
  };
  const char *last4 = json_object_get_string_member (card, "last4");

  g_assert_cmpuint (json_object_get_size (card), ==, G_N_ELEMENTS (members));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (card, members[i]));
  g_assert_cmpuint (strlen (last4), ==, 4);
  g_assert_cmpuint (strspn (last4, "0123456789"), ==, 4);
}

static void
test_account (void)
{
  g_autofree char *account_id = query_text ("SELECT k.account_id FROM cards k JOIN accounts a "
                                            "ON a.id = k.account_id WHERE a.kind = 'guest' "
                                            "GROUP BY k.account_id HAVING COUNT (*) = 2 "
                                            "ORDER BY k.account_id LIMIT 1", NULL);
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s", account_id);
  g_autoptr(OkcTestResponse) response = get (path);
  g_autoptr(OkcTestResponse) missing = get ("/v1/accounts/ACC-99999");
  JsonObject *account = expect_object (response, 200);
  JsonArray *cards = json_object_get_array_member (account, "cards");

  g_assert_cmpstr (json_object_get_string_member (account, "status"), ==, "active");
  g_assert_cmpuint (json_array_get_length (cards), ==, 2);
  for (guint i = 0; i < 2; i++)
    assert_card_shape (json_array_get_object_element (cards, i));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (cards, 0),
                                                 "is_default"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (cards, 1),
                                                  "is_default"));
  g_assert_true (json_object_get_null_member (account, "verification"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (account, "properties")),
                    ==, 0);
  okc_test_assert_error (missing, 404, "not_found", NULL);
}

static void
test_subscription_prices (void)
{
  static const struct { const char *plan; gint64 price; } plans[] = {
    { "monthly", 999 }, { "annual", 9900 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
    {
      g_autofree char *account_id = query_text ("SELECT id FROM accounts WHERE subscription = ?1 "
                                                "AND subscription_status = 'active' ORDER BY id "
                                                "LIMIT 1", plans[i].plan);
      g_autofree char *path = g_strdup_printf ("/v1/accounts/%s", account_id);
      g_autoptr(OkcTestResponse) response = get (path);
      JsonObject *subscription = json_object_get_object_member (expect_object (response, 200),
                                                                "subscription");
      JsonObject *price = json_object_get_object_member (subscription, "price");

      g_assert_cmpstr (json_object_get_string_member (subscription, "plan"), ==, plans[i].plan);
      g_assert_cmpstr (json_object_get_string_member (subscription, "status"), ==, "active");
      g_assert_cmpint (json_object_get_int_member (price, "amount"), ==, plans[i].price);
      g_assert_cmpstr (json_object_get_string_member (price, "currency"), ==, "USD");
      g_assert_false (json_object_get_null_member (subscription, "renews_at"));
    }
}

static void
test_host_properties (void)
{
  g_autofree char *host = query_text ("SELECT host_account_id FROM properties ORDER BY id LIMIT 1",
                                      NULL);
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s", host);
  g_autoptr(OkcTestResponse) response = get (path);
  JsonObject *account = expect_object (response, 200);
  JsonArray *properties = json_object_get_array_member (account, "properties");
  gint64 expected = query_count ("SELECT COUNT (*) FROM properties WHERE host_account_id = ?1",
                                 host);

  g_assert_cmpstr (json_object_get_string_member (account, "kind"), ==, "host");
  g_assert_cmpint (json_array_get_length (properties), ==, expected);
  g_assert_true (json_object_has_member (json_array_get_object_element (properties, 0),
                                         "chargers"));
}

static void
test_account_tickets (void)
{
  const char *account_id, *ticket_id;
  g_autofree char *path = NULL;
  g_autoptr(OkcTestResponse) response = NULL;
  JsonArray *tickets;
  gboolean found = FALSE;

  take_own (&account_id, &ticket_id);
  path = g_strdup_printf ("/v1/accounts/%s/tickets", account_id);
  response = get (path);
  tickets = json_object_get_array_member (expect_object (response, 200), "tickets");
  for (guint i = 0; i < json_array_get_length (tickets); i++)
    found |= g_str_equal (json_object_get_string_member (json_array_get_object_element (tickets, i),
                                                         "id"), ticket_id);
  g_assert_true (found);
}

static void
test_account_sessions (void)
{
  g_autofree char *account_id = query_text ("SELECT account_id FROM sessions GROUP BY account_id "
                                            "ORDER BY COUNT (*) DESC LIMIT 1", NULL);
  g_autofree char *path = g_strdup_printf ("/v1/accounts/%s/sessions?limit=2", account_id);
  g_autoptr(OkcTestResponse) response = get (path);
  JsonObject *page = expect_object (response, 200);
  gint64 expected = query_count ("SELECT COUNT (*) FROM sessions WHERE account_id = ?1",
                                 account_id);
  g_autoptr(OkcTestResponse) missing = get ("/v1/accounts/ACC-99999/sessions");

  g_assert_cmpint (json_object_get_int_member (page, "total"), ==, expected);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "items")), ==, 2);
  okc_test_assert_error (missing, 404, "not_found", NULL);
}

/* ── Identity verification ───────────────────────────────────────────────────────── */

static void
test_verify_request_email (void)
{
  const char *account_id, *ticket_id, *other_account, *other_ticket;
  g_autofree char *path = NULL;
  g_autoptr(OkcTestResponse) account = NULL;
  JsonObject *verification;

  take_own (&account_id, &ticket_id);
  take_own (&other_account, &other_ticket);
  assert_verified (account_id, ticket_id, "request_email", NULL);
  /* Another customer's ticket did not come from this account's email. */
  assert_failed (account_id, other_ticket, "request_email", NULL);

  path = g_strdup_printf ("/v1/accounts/%s?ticket=%s", account_id, ticket_id);
  account = get (path);
  verification = json_object_get_object_member (expect_object (account, 200), "verification");
  g_assert_nonnull (verification);
  g_assert_cmpstr (json_object_get_string_member (verification, "ticket_id"), ==, ticket_id);
}

static void
test_verify_card (void)
{
  const char *account_id, *ticket_id;
  g_autofree char *right = NULL;
  g_autofree char *wrong = NULL;

  take_own (&account_id, &ticket_id);
  right = default_card (account_id);
  wrong = wrong_card (account_id);
  assert_failed (account_id, ticket_id, "card_last4", wrong);
  assert_verified (account_id, ticket_id, "card_last4", right);
}

/* A session's day where its charger is, as the customer would remember it. */
static char *
session_day (const char *account_id,
             gint64      newer_than)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT s.started_at || ' ' || p.timezone FROM sessions s JOIN chargers c ON "
    "c.id = s.charger_id JOIN properties p ON p.id = c.property_id WHERE s.account_id = ?1 "
    "AND s.started_at > %" G_GINT64_FORMAT " ORDER BY s.started_at DESC LIMIT 1", newer_than);
  g_autofree char *row = query_text (sql, account_id);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (row == NULL)
    return NULL;
  parts = g_strsplit (row, " ", 2);
  zone = g_time_zone_new_identifier (parts[1]);
  utc = g_date_time_new_from_unix_utc (g_ascii_strtoll (parts[0], NULL, 10));
  local = g_date_time_to_timezone (utc, zone);
  return g_date_time_format (local, "%Y-%m-%d");
}

static void
test_verify_session_date (void)
{
  const char *account_id = NULL, *ticket_id = NULL;
  g_autofree char *day = NULL;
  gint64 since = g_get_real_time () / G_USEC_PER_SEC - 80 * 24 * 60 * 60;

  while (day == NULL)
    {
      take_own (&account_id, &ticket_id);
      day = session_day (account_id, since);
    }
  assert_failed (account_id, ticket_id, "session_date", "2001-01-01");
  assert_verified (account_id, ticket_id, "session_date", day);
}

static void
test_verify_bad_input (void)
{
  const char *account_id, *ticket_id;
  g_autofree char *right = NULL;
  static const char * const bad_cards[] = { "12a4", "123", "12345", "" };
  static const char * const bad_dates[] = { "2026-02-30", "yesterday", "2026-1-05", "2026-11-24T00" };

  take_own (&account_id, &ticket_id);
  right = default_card (account_id);
  /* Typos are no failed tries: more of them than the lock allows leave it open. */
  for (guint i = 0; i < G_N_ELEMENTS (bad_cards); i++)
    {
      g_autoptr(OkcTestResponse) response = verify (account_id, ticket_id, "card_last4",
                                                    bad_cards[i]);
      okc_test_assert_error (response, 422, "invalid_input", "detail");
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_autoptr(OkcTestResponse) response = verify (account_id, ticket_id, "session_date",
                                                    bad_dates[i]);
      okc_test_assert_error (response, 422, "invalid_input", "detail");
    }
  {
    g_autoptr(OkcTestResponse) no_detail = verify (account_id, ticket_id, "card_last4", NULL);
    g_autoptr(OkcTestResponse) bad_method = verify (account_id, ticket_id, "guess", NULL);
    g_autoptr(OkcTestResponse) no_ticket = verify (account_id, "TCK-999999", "request_email", NULL);
    g_autoptr(OkcTestResponse) no_account = verify ("ACC-99999", ticket_id, "request_email", NULL);

    okc_test_assert_error (no_detail, 422, "invalid_input", "detail");
    okc_test_assert_error (bad_method, 422, "invalid_input", "method");
    okc_test_assert_error (no_ticket, 422, "invalid_input", "ticket_id");
    okc_test_assert_error (no_account, 404, "not_found", NULL);
  }
  g_assert_cmpint (query_count ("SELECT COUNT (*) FROM account_verifications WHERE "
                                "account_id = ?1", account_id), ==, 0);
  assert_verified (account_id, ticket_id, "card_last4", right);
}

static void
test_verify_lock (void)
{
  const char *account_id, *ticket_id, *other_account, *other_ticket;
  g_autofree char *right = NULL;
  g_autofree char *wrong = NULL;
  g_autoptr(OkcTestResponse) locked = NULL;
  g_autoptr(OkcTestResponse) still_locked = NULL;

  take_own (&account_id, &ticket_id);
  take_own (&other_account, &other_ticket);
  right = default_card (account_id);
  wrong = wrong_card (account_id);
  for (guint i = 0; i < 3; i++)
    assert_failed (account_id, ticket_id, "card_last4", wrong);
  /* Locked whatever the detail, the right one too. */
  locked = verify (account_id, ticket_id, "card_last4", right);
  okc_test_assert_error (locked, 429, "verification_locked", NULL);
  still_locked = verify (account_id, ticket_id, "request_email", NULL);
  okc_test_assert_error (still_locked, 429, "verification_locked", NULL);
  g_assert_nonnull (strstr (json_object_get_string_member (
                              json_object_get_object_member (okc_test_response_object (locked),
                                                             "error"), "message"), "UTC"));
  /* The lock is the ticket's and account's: another pair is open. */
  assert_verified (other_account, other_ticket, "request_email", NULL);

  /* An hour later the oldest failure is out of the window. */
  exec_sql ("UPDATE account_verifications SET at = at - 3601 WHERE account_id = ?1",
            account_id);
  assert_verified (account_id, ticket_id, "card_last4", right);
}

static void
test_verify_expiry (void)
{
  const char *account_id, *ticket_id;
  g_autofree char *path = NULL;
  g_autoptr(OkcTestResponse) response = NULL;

  take_own (&account_id, &ticket_id);
  assert_verified (account_id, ticket_id, "request_email", NULL);
  /* A day on. */
  exec_sql ("UPDATE account_verifications SET at = at - 86400, expires_at = expires_at - 86400 "
            "WHERE account_id = ?1", account_id);
  path = g_strdup_printf ("/v1/accounts/%s?ticket=%s", account_id, ticket_id);
  response = get (path);
  g_assert_true (json_object_get_null_member (expect_object (response, 200), "verification"));
}

/* The audit trail says the method and the outcome: never the detail. */
static void
test_verify_audit (void)
{
  const char *account_id, *ticket_id;
  g_autofree char *wrong = NULL;
  g_autofree char *after = NULL;
  g_autofree char *like = NULL;

  take_own (&account_id, &ticket_id);
  wrong = wrong_card (account_id);
  assert_failed (account_id, ticket_id, "card_last4", wrong);
  after = query_text ("SELECT after FROM audit_log WHERE action = 'account.verify' AND "
                      "target_id = ?1 ORDER BY seq DESC LIMIT 1", account_id);
  g_assert_nonnull (after);
  g_assert_nonnull (strstr (after, "\"failed\""));
  g_assert_nonnull (strstr (after, "\"card_last4\""));
  g_assert_null (strstr (after, wrong));
  like = g_strdup_printf ("SELECT COUNT (*) FROM audit_log WHERE target_id = ?1 AND "
                          "(IFNULL (after, '') || IFNULL (before, '')) LIKE '%%%s%%'", wrong);
  g_assert_cmpint (query_count (like, account_id), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  backend = okc_test_backend_start (NULL);
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");
  learn_own_tickets ();

  g_test_add_func ("/Backend/Accounts/lookup/email", test_lookup_email);
  g_test_add_func ("/Backend/Accounts/lookup/phone", test_lookup_phone);
  g_test_add_func ("/Backend/Accounts/lookup/id-and-name", test_lookup_id_and_name);
  g_test_add_func ("/Backend/Accounts/account", test_account);
  g_test_add_func ("/Backend/Accounts/subscription-prices", test_subscription_prices);
  g_test_add_func ("/Backend/Accounts/host-properties", test_host_properties);
  g_test_add_func ("/Backend/Accounts/tickets", test_account_tickets);
  g_test_add_func ("/Backend/Accounts/sessions", test_account_sessions);
  g_test_add_func ("/Backend/Accounts/verify/request-email", test_verify_request_email);
  g_test_add_func ("/Backend/Accounts/verify/card", test_verify_card);
  g_test_add_func ("/Backend/Accounts/verify/session-date", test_verify_session_date);
  g_test_add_func ("/Backend/Accounts/verify/bad-input", test_verify_bad_input);
  g_test_add_func ("/Backend/Accounts/verify/lock", test_verify_lock);
  g_test_add_func ("/Backend/Accounts/verify/expiry", test_verify_expiry);
  g_test_add_func ("/Backend/Accounts/verify/audit", test_verify_audit);
  status = g_test_run ();

  okc_test_backend_stop (backend);
  g_clear_pointer (&own_accounts, g_ptr_array_unref);
  g_clear_pointer (&own_tickets, g_ptr_array_unref);
  g_free (agent);
  g_free (chatbot);
  return status;
}
