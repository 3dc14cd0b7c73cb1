/* test-client-access.c — a charger's access list and an account's bookings through the
 * client, and the access actions through the outbox, against the real backend
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-client-access.h"
#include "okc-client-chargers.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

static OkcTestBackend *backend;
static OkcClient *agent;

static OkcClient *
signed_in_client (const char *email,
                  const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcUser) user = NULL;
  OkcClient *client = okc_client_new (okc_test_backend_get_url (backend), &error);

  g_assert_no_error (error);
  okc_client_sign_in_async (client, email, password, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  user = okc_client_sign_in_finish (client, result, &error);
  g_assert_no_error (error);
  return client;
}

/* The first row of @sql over the backend's database, as strings. */
static GStrv
query_row (const char *sql)
{
  g_autoptr(GStrvBuilder) row = g_strv_builder_new ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    g_strv_builder_add (row, sqlite3_column_text (stmt, i) != NULL
                               ? (const char *) sqlite3_column_text (stmt, i) : "");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_strv_builder_end (row);
}

static GPtrArray *
list_grants (const char *charger_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *grants;

  okc_client_list_access_grants_async (agent, charger_id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  grants = okc_client_list_access_grants_finish (agent, result, &error);
  g_assert_no_error (error);
  return grants;
}

static OkcChargerAccess *
get_access (const char *charger_id,
            const char *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  OkcChargerAccess *access;

  okc_client_get_charger_access_async (agent, charger_id, account, NULL, okc_test_result_cb,
                                       &result);
  okc_test_wait_for_result (&result);
  access = okc_client_get_charger_access_finish (agent, result, &error);
  g_assert_no_error (error);
  return access;
}

static void
test_list_grants (void)
{
  g_auto(GStrv) row = query_row (
    "SELECT charger_id, count (*) FROM charger_access GROUP BY charger_id "
    "ORDER BY count (*) DESC, charger_id LIMIT 1");
  g_autoptr(GPtrArray) grants = list_grants (row[0]);

  g_assert_cmpuint (grants->len, ==, g_ascii_strtoull (row[1], NULL, 10));
  for (guint i = 1; i < grants->len; i++)
    g_assert_cmpint (g_utf8_collate (okc_access_grant_get_account_name (grants->pdata[i - 1]),
                                     okc_access_grant_get_account_name (grants->pdata[i])), <=, 0);
}

static void
test_bookings (void)
{
  g_auto(GStrv) row = query_row (
    "SELECT account_id, count (*) FROM bookings WHERE account_id IS NOT NULL "
    "GROUP BY account_id ORDER BY count (*) DESC, account_id LIMIT 1");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) missing_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GPtrArray) missing = NULL;

  okc_client_list_account_bookings_async (agent, row[0], NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  bookings = okc_client_list_account_bookings_finish (agent, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->len, ==, g_ascii_strtoull (row[1], NULL, 10));
  for (guint i = 0; i < bookings->len; i++)
    {
      g_assert_cmpstr (okc_booking_get_account_id (bookings->pdata[i]), ==, row[0]);
      if (i > 0)
        g_assert_cmpint (okc_booking_get_check_in (bookings->pdata[i - 1]), >=,
                         okc_booking_get_check_in (bookings->pdata[i]));
    }

  okc_client_list_account_bookings_async (agent, "ACC-99999", NULL, okc_test_result_cb,
                                          &missing_result);
  okc_test_wait_for_result (&missing_result);
  missing = okc_client_list_account_bookings_finish (agent, missing_result, &error);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND);
  g_assert_null (missing);
}

typedef struct
{
  OkcOutboxAction *finished;
} Finished;

static void
action_finished_cb (OkcOutbox       *outbox,
                    OkcOutboxAction *action,
                    Finished        *finished)
{
  g_set_object (&finished->finished, action);
}

static gboolean
has_finished (gpointer data)
{
  return ((Finished *) data)->finished != NULL;
}

/* Submits @action and waits for the backend's answer. */
static void
run_action (OkcOutbox       *outbox,
            OkcOutboxAction *action)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Finished finished = { NULL };
  gulong handler = g_signal_connect (outbox, "action-finished", G_CALLBACK (action_finished_cb),
                                     &finished);

  okc_outbox_submit_async (outbox, action, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_outbox_submit_finish (outbox, result, &error));
  g_assert_no_error (error);
  okc_test_wait_until (has_finished, &finished);
  g_signal_handler_disconnect (outbox, handler);
  g_assert_true (finished.finished == action);
  g_clear_object (&finished.finished);
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Policy, grant for dates, revocation: each through the outbox, each answered. */
static void
test_actions (void)
{
  g_auto(GStrv) pair = query_row (
    "SELECT c.id, a.id, a.name, a.email FROM chargers c, accounts a "
    "WHERE c.property_id IS NOT NULL AND a.kind = 'guest' "
    "AND NOT EXISTS (SELECT 1 FROM charger_access x WHERE x.charger_id = c.id AND x.account_id = a.id) "
    "AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.account_id = a.id) "
    "AND (SELECT count (*) FROM accounts o WHERE o.email = a.email COLLATE NOCASE) = 1 "
    "ORDER BY c.id DESC, a.id LIMIT 1");
  g_autofree char *dir = okc_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "store.sqlite", NULL);
  g_autoptr(OkcStore) store = okc_store_new (path);
  g_autoptr(OkcOutbox) outbox = NULL;
  g_autoptr(OkcOutboxAction) policy = NULL;
  g_autoptr(OkcOutboxAction) grant_action = NULL;
  g_autoptr(OkcOutboxAction) revoke = NULL;
  g_autoptr(OkcAccessGrant) request = NULL;
  g_autoptr(OkcAccessGrant) granted = NULL;
  g_autoptr(OkcAccessGrant) revoked = NULL;
  g_autoptr(OkcChargerAccess) later = NULL;
  g_autoptr(OkcChargerAccess) after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 from = g_get_real_time () / G_USEC_PER_SEC + 24 * 60 * 60;
  OkcStore *weak_store;

  okc_store_open_async (store, OKC_STORE_OPEN_NONE, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_open_finish (store, result, &error));
  /* The result holds the store, which must go before the test ends. */
  g_clear_object (&result);
  outbox = okc_outbox_new (agent, store);
  okc_outbox_start (outbox);

  policy = okc_access_policy_action_new (pair[0], OKC_CHARGER_POLICY_ACCESS_LIST, NULL);
  g_assert_cmpstr (okc_outbox_action_get_method (policy), ==, "PUT");
  run_action (outbox, policy);
  g_assert_cmpint (okc_outbox_action_get_state (policy), ==, OKC_OUTBOX_STATE_DONE);
  {
    g_autoptr(OkcCharger) charger =
      okc_charger_new_from_json (okc_outbox_action_get_response (policy), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (okc_charger_get_access (charger), ==, OKC_CHARGER_POLICY_ACCESS_LIST);
  }

  request = okc_access_grant_new (pair[0], pair[1], pair[2], pair[3]);
  okc_access_grant_set_dates (request, from, from + 2 * 24 * 60 * 60);
  grant_action = okc_access_grant_action_new (request, NULL);
  g_assert_cmpstr (okc_outbox_action_get_kind (grant_action), ==, "charger.access_grant");
  run_action (outbox, grant_action);
  g_assert_cmpint (okc_outbox_action_get_state (grant_action), ==, OKC_OUTBOX_STATE_DONE);
  granted = okc_access_action_decode_grant (grant_action, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_access_grant_get_valid_from (granted), ==, from);
  later = get_access (pair[0], pair[3]);
  g_assert_cmpint (okc_charger_access_get_reason (later), ==, OKC_ACCESS_REASON_NOT_YET_VALID);

  revoke = okc_access_revoke_action_new (pair[0], pair[1], pair[2], NULL);
  run_action (outbox, revoke);
  g_assert_cmpint (okc_outbox_action_get_state (revoke), ==, OKC_OUTBOX_STATE_DONE);
  revoked = okc_access_action_decode_grant (revoke, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_access_grant_get_account_id (revoked), ==, pair[1]);
  after = get_access (pair[0], pair[3]);
  g_assert_cmpint (okc_charger_access_get_reason (after), ==, OKC_ACCESS_REASON_NOT_LISTED);

  /* A second revocation is refused (404): failed, not retried. */
  g_clear_object (&revoke);
  revoke = okc_access_revoke_action_new (pair[0], pair[1], pair[2], NULL);
  run_action (outbox, revoke);
  g_assert_cmpint (okc_outbox_action_get_state (revoke), ==, OKC_OUTBOX_STATE_FAILED);

  okc_outbox_stop (outbox);
  g_clear_object (&outbox);
  weak_store = store;
  g_object_add_weak_pointer (G_OBJECT (weak_store), (gpointer *) &weak_store);
  g_clear_object (&store);
  okc_test_wait_until (is_gone, &weak_store);
  okc_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Client/access/list-grants", test_list_grants);
  g_test_add_func ("/Okc/Client/access/bookings", test_bookings);
  g_test_add_func ("/Okc/Client/access/actions", test_actions);

  backend = okc_test_backend_start ((const char *[]) { "--tickets", "40", NULL });
  agent = signed_in_client ("alex.rivera@ok2charge.example", "demo-agent");
  status = g_test_run ();
  g_clear_object (&agent);
  okc_test_backend_stop (backend);
  return status;
}
