/* test-client-chargers.c — chargers and access verdicts through the client, against the
 * real backend on loopback
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-client-chargers.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

/* One backend for every test of this executable: none of them changes the data. */
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
  if (email == NULL)
    return client;
  okc_client_sign_in_async (client, email, password, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  user = okc_client_sign_in_finish (client, result, &error);
  g_assert_no_error (error);
  return client;
}

/* The first row of @sql over the backend's database, as strings: the truth to compare
 * the client's answers with. */
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

static OkcCharger *
get_charger (OkcClient   *client,
             const char  *id,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_get_charger_async (client, id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_get_charger_finish (client, result, error);
}

static OkcChargerAccess *
get_access (OkcClient   *client,
            const char  *charger_id,
            const char  *account,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_get_charger_access_async (client, charger_id, account, NULL, okc_test_result_cb,
                                       &result);
  okc_test_wait_for_result (&result);
  return okc_client_get_charger_access_finish (client, result, error);
}

static void
test_get (void)
{
  g_auto(GStrv) row = query_row (
    "SELECT c.id, c.serial, c.status, c.last_heartbeat_at, p.name FROM chargers c "
    "JOIN properties p ON p.id = c.property_id WHERE c.status = 'faulted' ORDER BY c.id");
  g_autofree char *lower = g_ascii_strdown (row[0], -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = get_charger (agent, lower, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (okc_charger_get_id (charger), ==, row[0]);
  g_assert_cmpstr (okc_charger_get_serial (charger), ==, row[1]);
  g_assert_cmpint (okc_charger_get_status (charger), ==, OKC_CHARGER_STATUS_FAULTED);
  g_assert_cmpint (okc_charger_get_last_heartbeat (charger), ==,
                   g_ascii_strtoll (row[3], NULL, 10));
  g_assert_cmpstr (okc_charger_get_property_name (charger), ==, row[4]);
  g_assert_finalize_object (g_steal_pointer (&charger));
}

static void
test_errors (void)
{
  g_autoptr(OkcClient) chatbot = signed_in_client ("chatbot@ok2charge.example", "demo-chatbot");
  g_autoptr(OkcClient) anonymous = signed_in_client (NULL, NULL);
  g_autoptr(GError) missing = NULL;
  g_autoptr(GError) forbidden = NULL;
  g_autoptr(GError) unauthorized = NULL;
  g_autoptr(GError) no_charger = NULL;
  g_autoptr(OkcCharger) a = get_charger (agent, "CH-99999", &missing);
  g_autoptr(OkcCharger) b = get_charger (chatbot, "CH-10001", &forbidden);
  g_autoptr(OkcCharger) c = get_charger (anonymous, "CH-10001", &unauthorized);
  g_autoptr(OkcChargerAccess) d = get_access (agent, "CH-99999", "a@example.com", &no_charger);

  g_assert_null (a);
  g_assert_error (missing, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (missing->message, "CH-99999"));
  g_assert_null (b);
  g_assert_error (forbidden, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_FORBIDDEN);
  g_assert_null (c);
  g_assert_error (unauthorized, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (d);
  g_assert_error (no_charger, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND);
}

static void
test_access_verdicts (void)
{
  /* A listed account whose phone no other account shares, asked for by that phone: its
   * "+" must reach the backend escaped, not as a space. */
  g_auto(GStrv) listed = query_row (
    "SELECT x.charger_id, a.id, a.phone FROM charger_access x "
    "JOIN accounts a ON a.id = x.account_id WHERE a.phone IS NOT NULL "
    "AND (SELECT COUNT (*) FROM accounts b WHERE b.phone = a.phone) = 1 ORDER BY x.charger_id");
  g_auto(GStrv) unlisted = query_row (
    "SELECT c.id, a.email FROM chargers c, accounts a WHERE c.access = 'access_list' "
    "AND NOT EXISTS (SELECT 1 FROM charger_access x JOIN accounts b ON b.id = x.account_id "
    "WHERE x.charger_id = c.id AND b.email = a.email COLLATE NOCASE) ORDER BY c.id, a.id");
  g_auto(GStrv) public = query_row (
    "SELECT c.id, a.email FROM chargers c, accounts a WHERE c.access = 'public' "
    "ORDER BY c.id, a.id");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerAccess) on_list = get_access (agent, listed[0], listed[2], &error);
  g_autoptr(OkcChargerAccess) off_list = NULL;
  g_autoptr(OkcChargerAccess) open = NULL;
  g_autoptr(OkcChargerAccess) nobody = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (listed[2][0], ==, '+');
  g_assert_cmpint (okc_charger_access_get_reason (on_list), ==, OKC_ACCESS_REASON_LISTED);
  g_assert_cmpstr (okc_charger_access_get_account_id (on_list), ==, listed[1]);
  g_assert_true (okc_charger_access_get_allowed (on_list));

  off_list = get_access (agent, unlisted[0], unlisted[1], &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_charger_access_get_reason (off_list), ==, OKC_ACCESS_REASON_NOT_LISTED);
  g_assert_false (okc_charger_access_get_allowed (off_list));
  g_assert_cmpstr (okc_charger_access_get_explanation (off_list), ==,
                   "Not on the charger’s access list");

  open = get_access (agent, public[0], public[1], &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_charger_access_get_reason (open), ==, OKC_ACCESS_REASON_PUBLIC);

  nobody = get_access (agent, public[0], "no.one@example.invalid", &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_charger_access_get_reason (nobody), ==, OKC_ACCESS_REASON_NO_ACCOUNT);
  g_assert_null (okc_charger_access_get_account_email (nobody));
}

static void
test_access_invalid (void)
{
  static const char * const bad[] = { "", "maya", "+1 555 & account=x@example.com" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcChargerAccess) access = get_access (agent, "CH-10001", bad[i], &error);

      g_assert_null (access);
      g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT);
      g_assert_cmpstr (okc_client_error_get_field (error), ==, "account");
      g_assert_cmpuint (okc_client_error_get_http_status (error), ==, 400);
    }
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) access_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) access_error = NULL;
  g_autoptr(OkcCharger) charger = NULL;
  g_autoptr(OkcChargerAccess) access = NULL;

  okc_client_get_charger_async (agent, "CH-10001", cancellable, okc_test_result_cb, &result);
  okc_client_get_charger_access_async (agent, "CH-10001", "a@example.com", cancellable,
                                       okc_test_result_cb, &access_result);
  g_cancellable_cancel (cancellable);
  okc_test_wait_for_result (&result);
  okc_test_wait_for_result (&access_result);
  charger = okc_client_get_charger_finish (agent, result, &error);
  access = okc_client_get_charger_access_finish (agent, access_result, &access_error);
  g_assert_null (charger);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (access);
  g_assert_error (access_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Client/chargers/get", test_get);
  g_test_add_func ("/Okc/Client/chargers/errors", test_errors);
  g_test_add_func ("/Okc/Client/chargers/access-verdicts", test_access_verdicts);
  g_test_add_func ("/Okc/Client/chargers/access-invalid", test_access_invalid);
  g_test_add_func ("/Okc/Client/chargers/cancelled", test_cancelled);

  backend = okc_test_backend_start ((const char *[]) { "--tickets", "10", NULL });
  agent = signed_in_client ("alex.rivera@ok2charge.example", "demo-agent");
  status = g_test_run ();
  g_clear_object (&agent);
  okc_test_backend_stop (backend);
  return status;
}
