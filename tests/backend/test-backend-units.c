/* test-backend-units.c — the backend's pieces without a server: PBKDF2, tokens, cursors,
 * the PRNG, token expiry, the priority rule, the JSON depth guard, nested transactions,
 * the canonical JSON of idempotency keys
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-backend-auth.h"
#include "okc-backend-crypto.h"
#include "okc-backend-fleet-sim-store.h"
#include "okc-backend-handoff.h"
#include "okc-backend-idempotency.h"
#include "okc-backend-test-run.h"
#include "okc-backend-test-schema.h"
#include "okc-backend-ticket-query.h"
#include "okc-backend-tickets.h"
#include "okc-backend-users.h"
#include "okc-demo-random.h"

static void
assert_hex (const guint8 *bytes,
            gsize         size,
            const char   *expected)
{
  g_autoptr(GString) hex = g_string_new (NULL);

  for (gsize i = 0; i < size; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  g_assert_cmpstr (hex->str, ==, expected);
}

/* RFC 7914, section 11: PBKDF2-HMAC-SHA256 test vectors. */
static void
test_pbkdf2_vectors (void)
{
  guint8 out[64];

  okc_backend_pbkdf2_sha256 ("passwd", (const guint8 *) "salt", 4, 1, out, sizeof out);
  assert_hex (out, sizeof out,
              "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
              "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
  okc_backend_pbkdf2_sha256 ("Password", (const guint8 *) "NaCl", 4, 80000, out, sizeof out);
  assert_hex (out, sizeof out,
              "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
              "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
}

static void
test_password_hashes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = okc_backend_password_hash ("correct horse", &error);
  g_autofree char *again = okc_backend_password_hash ("correct horse", &error);
  static const char * const invalid[] = {
    "", "plain", "pbkdf2-sha256$0$c2FsdHNhbHQ=$AAAA", "md5$1$c2FsdHNhbHQ=$AAAA",
    "pbkdf2-sha256$1000$c2FsdHNhbHQ=$short", "pbkdf2-sha256$x$c2FsdHNhbHQ=$AAAA",
  };

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "pbkdf2-sha256$20000$"));
  /* Salted: the same password hashes differently each time. */
  g_assert_cmpstr (hash, !=, again);
  g_assert_true (okc_backend_password_hash_is_valid (hash));
  g_assert_true (okc_backend_password_verify ("correct horse", hash));
  g_assert_true (okc_backend_password_verify ("correct horse", again));
  g_assert_false (okc_backend_password_verify ("correct horse ", hash));
  g_assert_false (okc_backend_password_verify ("", hash));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_assert_false (okc_backend_password_hash_is_valid (invalid[i]));
      g_assert_false (okc_backend_password_verify ("x", invalid[i]));
    }
}

static void
test_tokens (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GError) error = NULL;
      char *token = okc_backend_token_new (&error);

      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (token, "okc_"));
      g_assert_cmpuint (strlen (token), ==, 4 + 43);
      g_assert_cmpuint (strspn (token + 4, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                           "0123456789-_"), ==, 43);
      g_assert_true (g_hash_table_add (seen, token));
    }
}

static void
test_cursors (void)
{
  gint64 k1, k2, seq;
  g_autofree char *cursor = okc_backend_ticket_cursor_encode (OKC_BACKEND_TICKET_SORT_PRIORITY,
                                                              2, 1795521600, 123);

  g_assert_cmpuint (strspn (cursor, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                    "0123456789-_"), ==, strlen (cursor));
  g_assert_true (okc_backend_ticket_cursor_decode (cursor, OKC_BACKEND_TICKET_SORT_PRIORITY, &k1,
                                                   &k2, &seq));
  g_assert_cmpint (k1, ==, 2);
  g_assert_cmpint (k2, ==, 1795521600);
  g_assert_cmpint (seq, ==, 123);
  g_assert_false (okc_backend_ticket_cursor_decode (cursor, OKC_BACKEND_TICKET_SORT_CREATED_DESC,
                                                    &k1, &k2, &seq));
  g_assert_false (okc_backend_ticket_cursor_decode ("", OKC_BACKEND_TICKET_SORT_PRIORITY, &k1, &k2,
                                                    &seq));
  g_assert_false (okc_backend_ticket_cursor_decode ("Zm9v", OKC_BACKEND_TICKET_SORT_PRIORITY, &k1,
                                                    &k2, &seq));
  g_assert_false (okc_backend_ticket_cursor_decode ("a=b", OKC_BACKEND_TICKET_SORT_PRIORITY, &k1,
                                                    &k2, &seq));
}

static void
test_random (void)
{
  OkcDemoRandom a, b, c;
  guint counts[6] = { 0 };

  okc_demo_random_init (&a, 7);
  okc_demo_random_init (&b, 7);
  okc_demo_random_init (&c, 8);
  for (guint i = 0; i < 1000; i++)
    {
      guint64 x = okc_demo_random_next (&a);
      g_assert_cmpuint (x, ==, okc_demo_random_next (&b));
      g_assert_cmpuint (x, !=, okc_demo_random_next (&c));
    }
  for (guint i = 0; i < 60000; i++)
    {
      guint32 roll = okc_demo_random_below (&a, 6);
      g_assert_cmpuint (roll, <, 6);
      counts[roll]++;
    }
  for (guint i = 0; i < 6; i++)
    g_assert_cmpuint (ABS ((int) counts[i] - 10000), <, 600);
  for (guint i = 0; i < 1000; i++)
    {
      gint64 r = okc_demo_random_range (&a, -3, 3);
      g_assert_cmpint (r, >=, -3);
      g_assert_cmpint (r, <=, 3);
    }
}

/* What schema v4 added (and v5 changed), taken off again: a v3 database. */
#define DROP_V4 \
  OKC_TEST_DOWNGRADE_V7 \
  OKC_TEST_DOWNGRADE_V6 \
  OKC_TEST_DOWNGRADE_V5 \
  "DROP TABLE audit_log;" \
  "DROP TABLE charger_commands;" \
  "DROP TABLE charger_changes;" \
  "DROP TABLE connectors;" \
  "DROP INDEX chargers_by_sim_due;" \
  "DROP INDEX chargers_by_status;" \
  "ALTER TABLE chargers DROP COLUMN status_since;" \
  "ALTER TABLE chargers DROP COLUMN heartbeat_interval;" \
  "ALTER TABLE chargers DROP COLUMN network_kind;" \
  "ALTER TABLE chargers DROP COLUMN network_signal;" \
  "ALTER TABLE chargers DROP COLUMN network_ssid;" \
  "ALTER TABLE chargers DROP COLUMN network_ip;" \
  "ALTER TABLE chargers DROP COLUMN led;" \
  "ALTER TABLE chargers DROP COLUMN sim_cause;" \
  "ALTER TABLE chargers DROP COLUMN sim_connector;" \
  "ALTER TABLE chargers DROP COLUMN sim_cause_since;" \
  "ALTER TABLE chargers DROP COLUMN sim_cause_until;" \
  "ALTER TABLE chargers DROP COLUMN sim_reboot_until;" \
  "ALTER TABLE chargers DROP COLUMN sim_next_heartbeat;" \
  "ALTER TABLE chargers DROP COLUMN sim_random;" \
  "ALTER TABLE chargers DROP COLUMN sim_due_at;"

/* A v3 database gets its chargers' live state from their status when it is opened: one
 * or two connectors, a network, a LED, and a cause behind each offline or faulted one. */
static void
test_migration_v4 (void)
{
  g_autofree char *dir = okc_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v3.sqlite", NULL);
  g_autofree char *export_path = g_build_filename (dir, "v3.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--database", path, "--demo", "--seed", "3", "--tickets", "40",
                         "--now", "2026-11-24T12:00:00Z", "--export", export_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendDb) db = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  guint n_chargers = 0;
  int rc;

  if (okc_test_run_backend (args, &out, &err) != 0)
    g_error ("ok2charge-backend failed: %s", err);
  db = okc_backend_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (okc_backend_db_exec (db, DROP_V4 "PRAGMA user_version = 3;", &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  db = okc_backend_db_open (path, &error);
  g_assert_no_error (error);
  stmt = okc_backend_db_prepare (db,
                                 "SELECT c.status, c.sim_cause, c.network_kind, c.led, "
                                 "(SELECT count(*) FROM connectors x WHERE x.charger_id = c.id), "
                                 "(SELECT count(*) FROM connectors x WHERE x.charger_id = c.id "
                                 " AND x.status = 'Faulted') FROM chargers c",
                                 &error);
  g_assert_no_error (error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = okc_backend_stmt_get_text (stmt, 0);
      const char *cause = okc_backend_stmt_get_text (stmt, 1);

      n_chargers++;
      g_assert_cmpint (sqlite3_column_int (stmt, 4), >=, 1);
      g_assert_cmpint (sqlite3_column_int (stmt, 4), <=, 2);
      g_assert_nonnull (okc_backend_stmt_get_text (stmt, 2));
      if (g_str_equal (status, "offline"))
        g_assert_true (g_str_equal (cause, "power_lost") || g_str_equal (cause, "wifi_down"));
      else if (g_str_equal (status, "faulted"))
        {
          g_assert_true (g_str_equal (cause, "ground_fault") ||
                         g_str_equal (cause, "stuck_connector") ||
                         g_str_equal (cause, "firmware_glitch"));
          g_assert_cmpint (sqlite3_column_int (stmt, 5), ==, 1);
          g_assert_true (g_str_has_prefix (okc_backend_stmt_get_text (stmt, 3), "red"));
        }
      else
        g_assert_cmpstr (cause, ==, "none");
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  g_assert_cmpuint (n_chargers, >, 0);
  okc_backend_stmt_release (stmt);

  /* A faulted charger's fault began before the first report of it. */
  stmt = okc_backend_db_prepare (db,
                                 "SELECT count(*) FROM connectors x JOIN tickets t ON "
                                 "t.charger_id = x.charger_id WHERE x.status = 'Faulted' "
                                 "AND t.topic = 'charger-offline' "
                                 "AND x.status_since > t.created_at",
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  okc_backend_stmt_release (stmt);

  /* A session that starts by itself on a charger that is not public is one of its list's; on a
   * public one, any guest's. */
  stmt = okc_backend_db_prepare (db,
                                 "SELECT c.id, c.access, ?1 IN (SELECT account_id FROM "
                                 "charger_access x WHERE x.charger_id = c.id), "
                                 "(SELECT kind FROM accounts WHERE id = ?1) FROM chargers c "
                                 "WHERE c.id = ?2",
                                 &error);
  g_assert_no_error (error);
  for (guint32 random = 1; random < 4000; random += 97)
    {
      g_autofree char *charger_id = g_strdup_printf ("CH-%05u", 10001 + random % 20);
      g_autofree char *account = okc_backend_fleet_store_pick_account (db, charger_id, random);

      okc_backend_stmt_release (stmt);
      okc_backend_stmt_bind_text (stmt, 1, account);
      okc_backend_stmt_bind_text (stmt, 2, charger_id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if (!g_str_equal (okc_backend_stmt_get_text (stmt, 1), "public"))
        g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 1);
      else
        g_assert_cmpstr (okc_backend_stmt_get_text (stmt, 3), ==, "guest");
    }
}

/* A database of schema v1 (made here by taking v2's, v3's and v4's additions off a
 * generated one) gets SLA due times and "created" timeline entries when it is opened. */
static void
test_migration_v2 (void)
{
  g_autofree char *dir = okc_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v1.sqlite", NULL);
  g_autofree char *export_path = g_build_filename (dir, "v1.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  /* --export makes the command generate, write and exit rather than serve. */
  const char *args[] = { "--database", path, "--demo", "--seed", "3", "--tickets", "40",
                         "--now", "2026-11-24T12:00:00Z", "--export", export_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendDb) db = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  guint n_open = 0;
  int rc;

  if (okc_test_run_backend (args, &out, &err) != 0)
    g_error ("ok2charge-backend failed: %s", err);
  db = okc_backend_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (okc_backend_db_exec (db,
                                      DROP_V4
                                      "DROP TABLE events;"
                                      "DROP TABLE ticket_events;"
                                      "ALTER TABLE tickets DROP COLUMN sla_due_at;"
                                      "ALTER TABLE tickets DROP COLUMN sla_paused;"
                                      "ALTER TABLE tickets DROP COLUMN sla_paused_seconds;"
                                      "ALTER TABLE tickets DROP COLUMN sla_paused_since;"
                                      "PRAGMA user_version = 1;",
                                      &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  db = okc_backend_db_open (path, &error);
  g_assert_no_error (error);
  stmt = okc_backend_db_prepare (db,
                                 "SELECT topic, status, priority, created_at, updated_at, "
                                 "sla_due_at, sla_paused, sla_paused_since, "
                                 "(SELECT COUNT(*) FROM ticket_events e WHERE e.ticket_seq = t.seq "
                                 " AND e.kind = 'created') FROM tickets t",
                                 &error);
  g_assert_no_error (error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const OkcTopic *topic = okc_topic_lookup (okc_backend_stmt_get_text (stmt, 0));
      const char *status = okc_backend_stmt_get_text (stmt, 1);
      int priority = 0;

      g_assert_cmpint (sqlite3_column_int64 (stmt, 8), ==, 1);
      if (g_str_equal (status, "resolved"))
        {
          g_assert_cmpint (sqlite3_column_type (stmt, 5), ==, SQLITE_NULL);
          continue;
        }
      n_open++;
      g_assert_true (okc_enum_from_nick (OKC_TYPE_PRIORITY, okc_backend_stmt_get_text (stmt, 2),
                                         &priority));
      g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==,
                       sqlite3_column_int64 (stmt, 3) +
                         (gint64) okc_sla_policy_lookup (topic, priority)->resolve_within_minutes *
                           60);
      g_assert_cmpint (sqlite3_column_int (stmt, 6), ==,
                       g_str_equal (status, "waiting_customer"));
      if (g_str_equal (status, "waiting_customer"))
        g_assert_cmpint (sqlite3_column_int64 (stmt, 7), ==, sqlite3_column_int64 (stmt, 4));
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  g_assert_cmpuint (n_open, >, 0);

  g_clear_pointer (&stmt, okc_backend_stmt_release);
  g_clear_object (&db);
  okc_test_remove_dir (dir);
}

static void
test_token_expiry (void)
{
  g_autofree char *dir = okc_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "auth.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendDb) db = okc_backend_db_open (path, &error);
  g_autoptr(OkcUser) user = okc_user_new ("USR-0001", "Alex", "alex@ok2charge.example",
                                          OKC_ROLE_AGENT);
  g_autofree char *hash = okc_backend_password_hash ("pw", &error);
  g_autofree char *token = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *token_hash = NULL;
  gint64 signed_in = 1795521600, expires_at = 0;
  g_autoptr(OkcUser) me = NULL;
  g_autoptr(OkcUser) expired = NULL;
  g_autoptr(OkcUser) revoked = NULL;

  g_assert_no_error (error);
  g_assert_true (okc_backend_users_insert (db, user, hash, &error));
  g_clear_object (&me);
  me = okc_backend_auth_sign_in (db, "ALEX@ok2charge.example", "pw", signed_in, &token,
                                 &expires_at, &error);
  g_assert_no_error (error);
  g_assert_cmpint (expires_at, ==, signed_in + 12 * 60 * 60);
  g_clear_object (&me);

  authorization = g_strconcat ("Bearer ", token, NULL);
  me = okc_backend_auth_authenticate (db, authorization, expires_at - 1, &token_hash, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_user_get_id (me), ==, "USR-0001");

  expired = okc_backend_auth_authenticate (db, authorization, expires_at, NULL, &error);
  g_assert_null (expired);
  g_assert_error (error, OKC_BACKEND_AUTH_ERROR, OKC_BACKEND_AUTH_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "expired"));
  g_clear_error (&error);

  g_assert_true (okc_backend_auth_sign_out (db, token_hash, signed_in + 60, &error));
  revoked = okc_backend_auth_authenticate (db, authorization, signed_in + 120, NULL, &error);
  g_assert_null (revoked);
  g_assert_error (error, OKC_BACKEND_AUTH_ERROR, OKC_BACKEND_AUTH_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "signed out"));
  g_clear_error (&error);

  g_assert_null (okc_backend_auth_sign_in (db, "alex@ok2charge.example", "PW", signed_in, &token,
                                           &expires_at, &error));
  g_assert_error (error, OKC_BACKEND_AUTH_ERROR, OKC_BACKEND_AUTH_ERROR_INVALID_CREDENTIALS);

  g_clear_object (&db);
  okc_test_remove_dir (dir);
}

static void
test_priority_rule (void)
{
  const OkcTopic *offline = okc_topic_lookup ("charger-offline");
  const OkcTopic *cannot_start = okc_topic_lookup ("guest-cannot-start");
  const OkcTopic *payouts = okc_topic_lookup ("payouts-reporting");
  const OkcTopic *billing = okc_topic_lookup ("billing-dispute");

  g_assert_cmpint (okc_backend_handoff_priority (offline, OKC_BACKEND_CHARGER_OFFLINE), ==,
                   OKC_PRIORITY_URGENT);
  g_assert_cmpint (okc_backend_handoff_priority (offline, OKC_BACKEND_CHARGER_FAULTED), ==,
                   OKC_PRIORITY_URGENT);
  g_assert_cmpint (okc_backend_handoff_priority (offline, OKC_BACKEND_CHARGER_ONLINE), ==,
                   OKC_PRIORITY_HIGH);
  g_assert_cmpint (okc_backend_handoff_priority (offline, OKC_BACKEND_CHARGER_UNKNOWN), ==,
                   OKC_PRIORITY_HIGH);
  g_assert_cmpint (okc_backend_handoff_priority (cannot_start, OKC_BACKEND_CHARGER_OFFLINE), ==,
                   OKC_PRIORITY_URGENT);
  g_assert_cmpint (okc_backend_handoff_priority (payouts, OKC_BACKEND_CHARGER_UNKNOWN), ==,
                   OKC_PRIORITY_LOW);
  g_assert_cmpint (okc_backend_handoff_priority (billing, OKC_BACKEND_CHARGER_OFFLINE), ==,
                   OKC_PRIORITY_NORMAL);
}

/* Counts the rows of meta under @key: 0 or 1. */
static gint64
count_meta (OkcBackendDb *db,
            const char   *key)
{
  g_autofree char *value = okc_backend_db_get_meta (db, key);

  return value != NULL ? 1 : 0;
}

/* A begin inside a transaction is a savepoint: its rollback undoes only its own
 * writes, the outer commit keeps the rest; an outer rollback undoes an inner commit. */
static void
test_nested_transactions (void)
{
  g_autofree char *dir = okc_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "nested.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendDb) db = okc_backend_db_open (path, &error);
  g_autoptr(OkcBackendDb) reopened = NULL;

  g_assert_no_error (error);
  g_assert_true (okc_backend_db_begin (db, &error));
  g_assert_true (okc_backend_db_set_meta (db, "outer", "1", &error));
  g_assert_true (okc_backend_db_begin (db, &error));
  g_assert_true (okc_backend_db_set_meta (db, "inner-undone", "1", &error));
  g_assert_true (okc_backend_db_begin (db, &error));
  g_assert_true (okc_backend_db_set_meta (db, "innermost", "1", &error));
  g_assert_true (okc_backend_db_commit (db, &error));
  okc_backend_db_rollback (db);
  g_assert_false (sqlite3_get_autocommit (okc_backend_db_get_handle (db)));
  g_assert_cmpint (count_meta (db, "outer"), ==, 1);
  g_assert_cmpint (count_meta (db, "inner-undone"), ==, 0);
  g_assert_cmpint (count_meta (db, "innermost"), ==, 0);
  g_assert_true (okc_backend_db_begin (db, &error));
  g_assert_true (okc_backend_db_set_meta (db, "inner-kept", "1", &error));
  g_assert_true (okc_backend_db_commit (db, &error));
  g_assert_true (okc_backend_db_commit (db, &error));
  g_assert_no_error (error);
  g_assert_true (sqlite3_get_autocommit (okc_backend_db_get_handle (db)));

  /* An outer rollback takes an inner commit with it. */
  g_assert_true (okc_backend_db_begin (db, &error));
  g_assert_true (okc_backend_db_begin (db, &error));
  g_assert_true (okc_backend_db_set_meta (db, "rolled-back", "1", &error));
  g_assert_true (okc_backend_db_commit (db, &error));
  okc_backend_db_rollback (db);
  g_assert_true (sqlite3_get_autocommit (okc_backend_db_get_handle (db)));

  /* A commit with nothing open is refused, and a new transaction starts at the top. */
  g_assert_false (okc_backend_db_commit (db, &error));
  g_assert_error (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE);
  g_clear_error (&error);
  g_assert_true (okc_backend_db_begin (db, &error));
  g_assert_true (okc_backend_db_commit (db, &error));

  g_clear_object (&db);
  reopened = okc_backend_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_meta (reopened, "outer"), ==, 1);
  g_assert_cmpint (count_meta (reopened, "inner-kept"), ==, 1);
  g_assert_cmpint (count_meta (reopened, "inner-undone"), ==, 0);
  g_assert_cmpint (count_meta (reopened, "rolled-back"), ==, 0);
  g_clear_object (&reopened);
  okc_test_remove_dir (dir);
}

/* Canonical JSON sorts the members of every object, at every depth, keeps the order
 * of arrays and writes no white space; the request hash follows it. */
static void
test_canonical_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (
    "{ \"b\": [ {\"y\": 1, \"x\": [2, 1]}, null, true ],\n \"a\": \"q\\\"\\u00e9\", "
    "\"\u00e9\": 1.5, \"B\": {} }", &error);
  g_autoptr(JsonNode) reordered = json_from_string (
    "{\"B\":{},\"\u00e9\":1.5,\"a\":\"q\\\"\u00e9\",\"b\":[{\"x\":[2,1],\"y\":1},null,true]}",
    &error);
  g_autoptr(JsonNode) other_array = json_from_string (
    "{\"B\":{},\"\u00e9\":1.5,\"a\":\"q\\\"\u00e9\",\"b\":[{\"x\":[1,2],\"y\":1},null,true]}",
    &error);
  g_autofree char *canonical = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *reordered_hash = NULL;
  g_autofree char *other_hash = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *empty = okc_backend_idempotency_canonical_json (NULL);

  g_assert_no_error (error);
  canonical = okc_backend_idempotency_canonical_json (node);
  g_assert_cmpstr (canonical, ==,
                   "{\"B\":{},\"a\":\"q\\\"\u00e9\",\"b\":[{\"x\":[2,1],\"y\":1},null,true],"
                   "\"\u00e9\":1.5}");
  g_assert_cmpstr (empty, ==, "");

  hash = okc_backend_idempotency_request_hash ("POST", "/v1/refunds", node);
  reordered_hash = okc_backend_idempotency_request_hash ("POST", "/v1/refunds", reordered);
  other_hash = okc_backend_idempotency_request_hash ("POST", "/v1/refunds", other_array);
  other_path = okc_backend_idempotency_request_hash ("POST", "/v1/refund", node);
  g_assert_cmpuint (strlen (hash), ==, 64);
  g_assert_cmpstr (hash, ==, reordered_hash);
  g_assert_cmpstr (hash, !=, other_hash);
  g_assert_cmpstr (hash, !=, other_path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Backend/units/pbkdf2-vectors", test_pbkdf2_vectors);
  g_test_add_func ("/Okc/Backend/units/password-hashes", test_password_hashes);
  g_test_add_func ("/Okc/Backend/units/tokens", test_tokens);
  g_test_add_func ("/Okc/Backend/units/cursors", test_cursors);
  g_test_add_func ("/Okc/Backend/units/random", test_random);
  g_test_add_func ("/Okc/Backend/units/token-expiry", test_token_expiry);
  g_test_add_func ("/Okc/Backend/units/migration-v2", test_migration_v2);
  g_test_add_func ("/Okc/Backend/units/migration-v4", test_migration_v4);
  g_test_add_func ("/Okc/Backend/units/priority-rule", test_priority_rule);
  g_test_add_func ("/Okc/Backend/units/nested-transactions", test_nested_transactions);
  g_test_add_func ("/Okc/Backend/units/canonical-json", test_canonical_json);

  return g_test_run ();
}
