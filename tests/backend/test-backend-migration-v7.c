/* test-backend-migration-v7.c — a v6 database opened by this backend: each account's card
 * becomes its default saved card, subscriptions get their state, pending payouts are
 * scheduled ones, and the account and payout routes read them
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-backend-accounts.h"
#include "okc-backend-db.h"
#include "okc-backend-payouts.h"
#include "okc-backend-test-run.h"
#include "okc-backend-test-schema.h"
#include "okc-core.h"

#define NOW "2026-11-24T12:00:00Z"

static char *dir;

static gint64
count_db (OkcBackendDb *db,
          const char   *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* A generated database turned back into v6, as a v6 backend wrote it: a third of the
 * accounts with a card's last four digits on the account row itself. */
static char *
make_v6_database (gint64 *out_cards,
                  gint64 *out_subscribed,
                  gint64 *out_pending)
{
  char *path = g_build_filename (dir, "v6.sqlite", NULL);
  g_autofree char *export_path = g_strconcat (path, ".json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  /* --export makes the backend generate, write the data set and exit, not serve. */
  const char *args[] = { "--database", path, "--demo", "--seed", "5", "--tickets", "40",
                         "--now", NOW, "--export", export_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendDb) db = NULL;

  if (okc_test_run_backend (args, &out, &err) != 0)
    g_error ("ok2charge-backend failed: %s", err);
  db = okc_backend_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (okc_backend_db_exec (db, OKC_TEST_DOWNGRADE_V7
                                      "UPDATE accounts SET card_last4 = substr ('000' || "
                                      "(rowid * 37 % 10000), -4) WHERE rowid % 3 = 0;"
                                      "PRAGMA user_version = 6;", &error));
  g_assert_no_error (error);
  *out_cards = count_db (db, "SELECT count (*) FROM accounts WHERE length (card_last4) = 4");
  *out_subscribed = count_db (db, "SELECT count (*) FROM accounts WHERE subscription <> 'none'");
  *out_pending = count_db (db, "SELECT count (*) FROM payouts WHERE status = 'pending'");
  return path;
}

static void
test_accounts_and_payouts (void)
{
  gint64 cards, subscribed, pending;
  g_autofree char *path = make_v6_database (&cards, &subscribed, &pending);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendDb) db = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  guint checked = 0;

  g_assert_cmpint (cards, >, 0);
  g_assert_cmpint (subscribed, >, 0);
  g_assert_cmpint (pending, >, 0);

  db = okc_backend_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_db (db, "PRAGMA user_version"), >=, 7);
  g_assert_cmpint (count_db (db, "SELECT count (*) FROM cards WHERE is_default = 1 AND "
                                 "removed_at IS NULL"), ==, cards);
  g_assert_cmpint (count_db (db, "SELECT count (*) FROM accounts WHERE subscription_status = "
                                 "'active'"), ==, subscribed);
  g_assert_cmpint (count_db (db, "SELECT count (*) FROM accounts WHERE status <> 'active'"), ==,
                   0);
  g_assert_cmpint (count_db (db, "SELECT count (*) FROM payouts WHERE status = 'pending'"), ==,
                   0);
  g_assert_cmpint (count_db (db, "SELECT count (*) FROM payouts WHERE status = 'scheduled'"), ==,
                   pending);

  /* The Account served shows the card the account row had, and nothing more of it. */
  stmt = okc_backend_db_prepare (db, "SELECT id, card_last4 FROM accounts WHERE "
                                     "length (card_last4) = 4 ORDER BY id LIMIT 5", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) account = okc_backend_accounts_load (
        db, okc_backend_stmt_get_text (stmt, 0), NULL, 0, &error);
      JsonArray *served;
      JsonObject *card;

      g_assert_no_error (error);
      served = json_object_get_array_member (json_node_get_object (account), "cards");
      g_assert_cmpuint (json_array_get_length (served), ==, 1);
      card = json_array_get_object_element (served, 0);
      g_assert_cmpstr (json_object_get_string_member (card, "last4"), ==,
                       okc_backend_stmt_get_text (stmt, 1));
      g_assert_true (json_object_get_boolean_member (card, "is_default"));
      checked++;
    }
  g_assert_cmpuint (checked, ==, 5);

  /* A payout a v6 backend left pending is served as scheduled, strictly decodable. */
  {
    g_autoptr(OkcBackendStmt) payouts = okc_backend_db_prepare (
      db, "SELECT id FROM payouts WHERE status = 'scheduled' LIMIT 1", &error);
    g_autoptr(JsonNode) payout = NULL;
    g_autoptr(OkcPayout) decoded = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (payouts), ==, SQLITE_ROW);
    payout = okc_backend_payouts_get (db, okc_backend_stmt_get_text (payouts, 0), &error);
    g_assert_no_error (error);
    decoded = okc_payout_new_from_json (payout, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (okc_payout_get_status (decoded), ==, OKC_PAYOUT_STATUS_SCHEDULED);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Okc/Backend/migration-v7/accounts-and-payouts", test_accounts_and_payouts);

  dir = okc_test_make_dir ();
  status = g_test_run ();
  okc_test_remove_dir (dir);
  g_free (dir);
  return status;
}
