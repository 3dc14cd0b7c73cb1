/* test-backend-chargers.c — GET /v1/chargers/{id} and its access verdicts, against the
 * demo data as the backend's own database holds it
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
static char *supervisor;
static char *chatbot;

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

/* The first row of @sql over the backend's database, its columns as strings (NULL for
 * SQL NULL); the test fails when there is none. The backend picks its rows the same
 * way, so this is the truth the answers are checked against, not a copy of the code. */
static GPtrArray *
query_row (const char *sql,
           const char *param)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    g_ptr_array_add (row, g_strdup ((const char *) sqlite3_column_text (stmt, i)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return row;
}

#define COLUMN(row, i) ((const char *) g_ptr_array_index ((row), (i)))

static OkcCharger *
get_charger (const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/chargers/%s", id);
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
  g_autoptr(GError) error = NULL;
  OkcCharger *charger;

  g_assert_cmpuint (response->status, ==, 200);
  charger = okc_charger_new_from_json (response->json, NULL, &error);
  g_assert_no_error (error);
  return charger;
}

static void
test_get (void)
{
  g_autoptr(GPtrArray) row = query_row (
    "SELECT c.id, c.serial, c.model, c.firmware, c.status, c.last_heartbeat_at, p.id, p.name, "
    "u.id, u.name, c.access FROM chargers c JOIN properties p ON p.id = c.property_id "
    "LEFT JOIN units u ON u.id = c.unit_id WHERE c.status = 'offline' ORDER BY c.id LIMIT 1",
    NULL);
  g_autoptr(OkcCharger) charger = get_charger (COLUMN (row, 0));

  g_assert_cmpstr (okc_charger_get_id (charger), ==, COLUMN (row, 0));
  g_assert_cmpstr (okc_charger_get_serial (charger), ==, COLUMN (row, 1));
  g_assert_cmpstr (okc_charger_get_model (charger), ==, COLUMN (row, 2));
  g_assert_cmpstr (okc_charger_get_firmware (charger), ==, COLUMN (row, 3));
  g_assert_cmpint (okc_charger_get_status (charger), ==, OKC_CHARGER_STATUS_OFFLINE);
  g_assert_cmpint (okc_charger_get_last_heartbeat (charger), ==,
                   g_ascii_strtoll (COLUMN (row, 5), NULL, 10));
  g_assert_cmpstr (okc_charger_get_property_id (charger), ==, COLUMN (row, 6));
  g_assert_cmpstr (okc_charger_get_property_name (charger), ==, COLUMN (row, 7));
  g_assert_cmpstr (okc_charger_get_unit_id (charger), ==, COLUMN (row, 8));
  g_assert_cmpstr (okc_charger_get_unit_name (charger), ==, COLUMN (row, 9));
  g_assert_cmpstr (okc_enum_to_nick (OKC_TYPE_CHARGER_POLICY, okc_charger_get_access (charger)),
                   ==, COLUMN (row, 10));
}

static void
test_get_unassigned (void)
{
  g_autoptr(GPtrArray) row =
    query_row ("SELECT id FROM chargers WHERE property_id IS NULL ORDER BY id LIMIT 1", NULL);
  g_autoptr(OkcCharger) charger = get_charger (COLUMN (row, 0));

  g_assert_null (okc_charger_get_property_id (charger));
  g_assert_null (okc_charger_get_unit_id (charger));
  g_assert_cmpint (okc_charger_get_status (charger), ==, OKC_CHARGER_STATUS_ONLINE);
}

static void
test_get_case (void)
{
  g_autoptr(GPtrArray) row = query_row ("SELECT id FROM chargers ORDER BY id LIMIT 1", NULL);
  g_autofree char *lower = g_ascii_strdown (COLUMN (row, 0), -1);
  g_autoptr(OkcCharger) charger = NULL;

  g_assert_cmpstr (lower, !=, COLUMN (row, 0));
  charger = get_charger (lower);
  /* The answer names the charger as the network does, not as it was typed. */
  g_assert_cmpstr (okc_charger_get_id (charger), ==, COLUMN (row, 0));
}

static void
assert_not_found (OkcTestResponse *response,
                  const char      *id)
{
  JsonObject *error;

  okc_test_assert_error (response, 404, "not_found", NULL);
  error = json_object_get_object_member (okc_test_response_object (response), "error");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), id));
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "charger"));
}

static void
test_not_found (void)
{
  g_autoptr(OkcTestResponse) missing = okc_test_get (url (), "/v1/chargers/CH-99999", agent);
  g_autoptr(OkcTestResponse) access = okc_test_get (
    url (), "/v1/chargers/CH-99999/access?account=maya%40example.com", agent);
  g_autoptr(OkcTestResponse) escaped =
    okc_test_get (url (), "/v1/chargers/CH%20%27%3B--/access?account=5550100", agent);

  assert_not_found (missing, "CH-99999");
  assert_not_found (access, "CH-99999");
  assert_not_found (escaped, "CH ';--");
}

static void
test_roles (void)
{
  g_autoptr(GPtrArray) row = query_row ("SELECT id FROM chargers ORDER BY id LIMIT 1", NULL);
  g_autofree char *path = g_strdup_printf ("/v1/chargers/%s", COLUMN (row, 0));
  g_autofree char *access_path =
    g_strdup_printf ("/v1/chargers/%s/access?account=a%%40example.com", COLUMN (row, 0));
  g_autoptr(OkcTestResponse) as_chatbot = okc_test_get (url (), path, chatbot);
  g_autoptr(OkcTestResponse) access_as_chatbot = okc_test_get (url (), access_path, chatbot);
  g_autoptr(OkcTestResponse) anonymous = okc_test_get (url (), path, NULL);
  g_autoptr(OkcTestResponse) as_supervisor = okc_test_get (url (), path, supervisor);
  g_autoptr(OkcTestResponse) post = okc_test_post_json (url (), path, agent, "{}");

  okc_test_assert_error (as_chatbot, 403, "forbidden", NULL);
  okc_test_assert_error (access_as_chatbot, 403, "forbidden", NULL);
  okc_test_assert_error (anonymous, 401, "unauthorized", NULL);
  g_assert_cmpuint (as_supervisor->status, ==, 200);
  okc_test_assert_error (post, 405, "method_not_allowed", NULL);
}

static OkcChargerAccess *
get_access (const char *charger_id,
            const char *account)
{
  g_autofree char *escaped = g_uri_escape_string (account, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/v1/chargers/%s/access?account=%s", charger_id,
                                           escaped);
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
  g_autoptr(GError) error = NULL;
  OkcChargerAccess *access;

  if (response->status != 200)
    g_test_message ("unexpected answer: %.*s", (int) g_bytes_get_size (response->body),
                    (const char *) g_bytes_get_data (response->body, NULL));
  g_assert_cmpuint (response->status, ==, 200);
  access = okc_charger_access_new_from_json (response->json, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_charger_access_get_charger_id (access), ==, charger_id);
  return access;
}

static void
test_access_public (void)
{
  g_autoptr(GPtrArray) row = query_row (
    "SELECT c.id, a.id, a.email FROM chargers c, accounts a WHERE c.access = 'public' "
    "AND a.kind = 'guest' ORDER BY c.id, a.id LIMIT 1", NULL);
  g_autoptr(OkcChargerAccess) access = get_access (COLUMN (row, 0), COLUMN (row, 2));

  g_assert_cmpint (okc_charger_access_get_reason (access), ==, OKC_ACCESS_REASON_PUBLIC);
  g_assert_true (okc_charger_access_get_allowed (access));
  g_assert_cmpstr (okc_charger_access_get_account_email (access), ==, COLUMN (row, 2));
  g_assert_cmpstr (okc_charger_access_get_explanation (access), ==, "The charger is public");
}

static void
test_access_listed (void)
{
  g_autoptr(GPtrArray) row = query_row (
    "SELECT x.charger_id, a.id, a.name, a.email, a.phone FROM charger_access x "
    "JOIN accounts a ON a.id = x.account_id JOIN chargers c ON c.id = x.charger_id "
    "WHERE c.access <> 'public' AND a.phone IS NOT NULL "
    /* a phone no other account shares, so the phone names this very account */
    "AND (SELECT COUNT (*) FROM accounts b WHERE b.phone = a.phone) = 1 "
    "ORDER BY x.charger_id, a.id LIMIT 1", NULL);
  g_autofree char *upper = g_ascii_strup (COLUMN (row, 3), -1);
  g_autofree char *lower_id = g_ascii_strdown (COLUMN (row, 0), -1);
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *queries[4];

  /* The phone as a customer types it: the digits alone, without the country code. */
  for (const char *p = COLUMN (row, 4); *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  g_assert_cmpint (digits->str[0], ==, '1');

  queries[0] = COLUMN (row, 3);
  queries[1] = upper;
  queries[2] = COLUMN (row, 4);
  queries[3] = digits->str + 1;
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(OkcChargerAccess) access = get_access (COLUMN (row, 0), queries[i]);

      g_test_message ("account=%s", queries[i]);
      g_assert_cmpint (okc_charger_access_get_reason (access), ==, OKC_ACCESS_REASON_LISTED);
      g_assert_true (okc_charger_access_get_allowed (access));
      g_assert_cmpstr (okc_charger_access_get_account_id (access), ==, COLUMN (row, 1));
      g_assert_cmpstr (okc_charger_access_get_account_name (access), ==, COLUMN (row, 2));
      g_assert_cmpstr (okc_charger_access_get_account_email (access), ==, COLUMN (row, 3));
    }

  /* The charger's id, like GET /v1/chargers/{id}, is matched case-insensitively. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/chargers/%s/access?account=%s", lower_id,
                                             digits->str);
    g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
    g_autoptr(GError) error = NULL;
    g_autoptr(OkcChargerAccess) access =
      okc_charger_access_new_from_json (response->json, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (okc_charger_access_get_charger_id (access), ==, COLUMN (row, 0));
    g_assert_cmpint (okc_charger_access_get_reason (access), ==, OKC_ACCESS_REASON_LISTED);
  }
}

static void
test_access_not_listed (void)
{
  g_autoptr(GPtrArray) row = query_row (
    "SELECT c.id, a.id, a.email FROM chargers c, accounts a WHERE c.access = 'access_list' "
    "AND NOT EXISTS (SELECT 1 FROM charger_access x JOIN accounts b ON b.id = x.account_id "
    "WHERE x.charger_id = c.id AND b.email = a.email COLLATE NOCASE) "
    "ORDER BY c.id, a.id LIMIT 1", NULL);
  g_autoptr(OkcChargerAccess) access = get_access (COLUMN (row, 0), COLUMN (row, 2));

  g_assert_cmpint (okc_charger_access_get_reason (access), ==, OKC_ACCESS_REASON_NOT_LISTED);
  g_assert_false (okc_charger_access_get_allowed (access));
  g_assert_cmpstr (okc_charger_access_get_account_email (access), ==, COLUMN (row, 2));
  g_assert_cmpstr (okc_charger_access_get_explanation (access), ==,
                   "Not on the charger’s access list");
}

static void
test_access_no_account (void)
{
  static const char * const restrictions[] = { "public", "residents_guests", "access_list" };

  for (guint i = 0; i < G_N_ELEMENTS (restrictions); i++)
    {
      g_autoptr(GPtrArray) row = query_row (
        "SELECT id FROM chargers WHERE access = ? ORDER BY id LIMIT 1", restrictions[i]);
      g_autoptr(OkcChargerAccess) by_email =
        get_access (COLUMN (row, 0), "nobody.at.all@example.invalid");
      g_autoptr(OkcChargerAccess) by_phone = get_access (COLUMN (row, 0), "+44 20 7946 0000");

      g_assert_cmpint (okc_charger_access_get_reason (by_email), ==,
                       OKC_ACCESS_REASON_NO_ACCOUNT);
      g_assert_false (okc_charger_access_get_allowed (by_email));
      g_assert_null (okc_charger_access_get_account_id (by_email));
      g_assert_cmpint (okc_charger_access_get_reason (by_phone), ==,
                       OKC_ACCESS_REASON_NO_ACCOUNT);
    }
}

static void
test_access_bad_parameter (void)
{
  static const char * const bad[] = {
    "", "account=", "account=%20%20", "account=maya", "account=maya%40", "account=12345",
    "account=%2B1%20415%20555%200123%20ext", "account=%27%20OR%201%3D1--",
  };
  g_autoptr(GPtrArray) row = query_row ("SELECT id FROM chargers ORDER BY id LIMIT 1", NULL);
  g_autoptr(GString) long_email = g_string_new ("account=");

  for (guint i = 0; i < 250; i++)
    g_string_append_c (long_email, 'a');
  g_string_append (long_email, "%40example.com");

  for (guint i = 0; i <= G_N_ELEMENTS (bad); i++)
    {
      const char *query = i < G_N_ELEMENTS (bad) ? bad[i] : long_email->str;
      g_autofree char *path = g_strdup_printf ("/v1/chargers/%s/access%s%s", COLUMN (row, 0),
                                               *query != '\0' ? "?" : "", query);
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);

      g_test_message ("%s", path);
      okc_test_assert_error (response, 400, "invalid_parameter", "account");
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Backend/chargers/get", test_get);
  g_test_add_func ("/Okc/Backend/chargers/get-unassigned", test_get_unassigned);
  g_test_add_func ("/Okc/Backend/chargers/get-case", test_get_case);
  g_test_add_func ("/Okc/Backend/chargers/not-found", test_not_found);
  g_test_add_func ("/Okc/Backend/chargers/roles", test_roles);
  g_test_add_func ("/Okc/Backend/chargers/access-public", test_access_public);
  g_test_add_func ("/Okc/Backend/chargers/access-listed", test_access_listed);
  g_test_add_func ("/Okc/Backend/chargers/access-not-listed", test_access_not_listed);
  g_test_add_func ("/Okc/Backend/chargers/access-no-account", test_access_no_account);
  g_test_add_func ("/Okc/Backend/chargers/access-bad-parameter", test_access_bad_parameter);

  backend = okc_test_backend_start ((const char *[]) { "--tickets", "10", NULL });
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  supervisor = okc_test_sign_in (url (), OKC_TEST_SUPERVISOR_EMAIL, "demo-supervisor");
  chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");
  status = g_test_run ();
  okc_test_backend_stop (backend);
  g_free (agent);
  g_free (supervisor);
  g_free (chatbot);
  return status;
}
