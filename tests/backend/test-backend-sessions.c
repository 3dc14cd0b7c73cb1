/* test-backend-sessions.c — GET /v1/sessions, a session's detail and analysis, and
 * GET /v1/tariffs/{id}, against the demo data as the backend's own database holds it
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-session-audit.h"
#include "okc-test-backend.h"

static OkcTestBackend *backend;
static char *agent;
static char *chatbot;

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

/* Every row of @sql over the backend's database, its columns as strings (NULL for SQL
 * NULL), @params bound in order. The SQL states what docs/sessions.md asks in its own
 * terms; the answers are checked against it. */
static GPtrArray *
query_rows (const char *sql,
            ...)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *param;
  va_list args;
  int index = 1;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  va_start (args, sql);
  while ((param = va_arg (args, const char *)) != NULL)
    sqlite3_bind_text (stmt, index++, param, -1, SQLITE_TRANSIENT);
  va_end (args);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_ptr_array_add (row, g_strdup ((const char *) sqlite3_column_text (stmt, i)));
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

#define CELL(rows, r, c) \
  ((const char *) g_ptr_array_index ((GPtrArray *) g_ptr_array_index ((rows), (r)), (c)))

/* The first column of every row. */
static GPtrArray *
query_column (GPtrArray *rows)
{
  GPtrArray *column = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (column, g_strdup (CELL (rows, i, 0)));
  g_ptr_array_unref (rows);
  return column;
}

static gint64
to_int (const char *text)
{
  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static JsonObject *
get_object (const char *path,
            const char *token)
{
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, token);

  g_test_message ("GET %s", path);
  g_assert_cmpuint (response->status, ==, 200);
  return json_object_ref (okc_test_response_object (response));
}

/* One page: its items' ids, and its total. */
static GPtrArray *
list_ids (const char *query,
          gint64     *out_total)
{
  g_autofree char *path = g_strconcat ("/v1/sessions", *query != '\0' ? "?" : "", query, NULL);
  g_autoptr(JsonObject) page = get_object (path, agent);
  JsonArray *items = json_object_get_array_member (page, "items");
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (items); i++)
    g_ptr_array_add (ids, g_strdup (json_object_get_string_member (
                            json_array_get_object_element (items, i), "id")));
  if (out_total != NULL)
    *out_total = json_object_get_int_member (page, "total");
  return ids;
}

static void
assert_same_ids (GPtrArray *got,
                 GPtrArray *expected)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, g_ptr_array_index (expected, i));
}

static char *
escape (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

static void
test_paging (void)
{
  g_autoptr(GPtrArray) count = query_rows ("SELECT count(*) FROM sessions", NULL);
  gint64 n = to_int (CELL (count, 0, 0)), total;
  g_autoptr(GPtrArray) all = list_ids ("limit=100", &total);
  g_autoptr(GPtrArray) first = list_ids ("limit=40", NULL);
  g_autoptr(GPtrArray) second = list_ids ("limit=60&offset=40", NULL);
  g_autoptr(GPtrArray) beyond = NULL;
  g_autoptr(GPtrArray) defaults = list_ids ("", NULL);
  g_autofree char *past = g_strdup_printf ("offset=%" G_GINT64_FORMAT, n);
  g_autofree char *last = g_strdup_printf ("offset=%" G_GINT64_FORMAT "&limit=500", n - 3);
  g_autoptr(GPtrArray) tail = NULL;
  gint64 past_total;

  g_assert_cmpint (n, >, 200);
  g_assert_cmpint (total, ==, n);
  g_assert_cmpuint (all->len, ==, 100);
  /* The default page is 100 rows. */
  assert_same_ids (defaults, all);
  g_assert_cmpuint (first->len + second->len, ==, 100);
  for (guint i = 0; i < 100; i++)
    g_assert_cmpstr (g_ptr_array_index (all, i), ==,
                     i < 40 ? g_ptr_array_index (first, i) : g_ptr_array_index (second, i - 40));

  beyond = list_ids (past, &past_total);
  g_assert_cmpuint (beyond->len, ==, 0);
  g_assert_cmpint (past_total, ==, n);
  tail = list_ids (last, NULL);
  g_assert_cmpuint (tail->len, ==, 3);

  /* The list offset 0 reports is the page's. */
  {
    g_autoptr(JsonObject) page = get_object ("/v1/sessions?offset=17&limit=1", agent);

    g_assert_cmpint (json_object_get_int_member (page, "offset"), ==, 17);
  }
}

#define SQL_ORDER " ORDER BY s.started_at DESC, s.id DESC LIMIT 500"

static void
check_filter2 (const char *query,
               GPtrArray  *expected_page,
               const char *count_sql,
               const char *param,
               const char *param2)
{
  g_autofree char *limited = g_strconcat (query, "&limit=500", NULL);
  g_autoptr(GPtrArray) count = query_rows (count_sql, param, param2, NULL);
  g_autoptr(GPtrArray) ids = NULL;
  gint64 total;

  g_test_message ("filter %s", query);
  ids = list_ids (limited, &total);
  g_assert_cmpint (total, ==, to_int (CELL (count, 0, 0)));
  g_assert_cmpint (total, >, 0);
  assert_same_ids (ids, expected_page);
}

static void
check_filter (const char *query,
              GPtrArray  *expected_page,
              const char *count_sql,
              const char *param)
{
  check_filter2 (query, expected_page, count_sql, param, NULL);
}

static void
test_filter_charger (void)
{
  g_autoptr(GPtrArray) busiest = query_rows (
    "SELECT charger_id FROM sessions GROUP BY charger_id ORDER BY count(*) DESC LIMIT 1", NULL);
  const char *charger = CELL (busiest, 0, 0);
  g_autofree char *query = g_strconcat ("charger_id=", charger, NULL);
  g_autofree char *lower = g_ascii_strdown (query, -1);
  g_autoptr(GPtrArray) expected = query_column (query_rows (
    "SELECT s.id FROM sessions s WHERE s.charger_id = ?1" SQL_ORDER, charger, NULL));
  g_autoptr(GPtrArray) none = NULL;
  gint64 total;

  check_filter (query, expected, "SELECT count(*) FROM sessions WHERE charger_id = ?1", charger);
  /* Charger ids are the network's, whatever their case. */
  check_filter (lower, expected, "SELECT count(*) FROM sessions WHERE charger_id = ?1", charger);
  none = list_ids ("charger_id=NO-SUCH-CHARGER", &total);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpint (total, ==, 0);
}

static void
test_filter_property (void)
{
  g_autoptr(GPtrArray) property = query_rows (
    "SELECT c.property_id FROM sessions s JOIN chargers c ON c.id = s.charger_id "
    "WHERE c.property_id IS NOT NULL GROUP BY c.property_id ORDER BY count(*) DESC LIMIT 1",
    NULL);
  const char *id = CELL (property, 0, 0);
  g_autofree char *query = g_strconcat ("property_id=", id, NULL);
  g_autoptr(GPtrArray) expected = query_column (query_rows (
    "SELECT s.id FROM sessions s JOIN chargers c ON c.id = s.charger_id "
    "WHERE c.property_id = ?1" SQL_ORDER, id, NULL));
  g_autofree char *path = g_strconcat ("/v1/sessions?limit=500&", query, NULL);
  g_autoptr(JsonObject) page = get_object (path, agent);
  JsonArray *items = json_object_get_array_member (page, "items");

  check_filter (query, expected,
                "SELECT count(*) FROM sessions s JOIN chargers c ON c.id = s.charger_id "
                "WHERE c.property_id = ?1", id);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i),
                                                    "property_id"), ==, id);
}

static void
test_filter_account (void)
{
  g_autoptr(GPtrArray) account = query_rows (
    "SELECT a.id, a.email, a.phone FROM sessions s JOIN accounts a ON a.id = s.account_id "
    "WHERE a.phone IS NOT NULL GROUP BY a.id ORDER BY count(*) DESC LIMIT 1", NULL);
  const char *id = CELL (account, 0, 0);
  g_autofree char *email = g_ascii_strup (CELL (account, 0, 1), -1);
  g_autofree char *email_query = NULL, *phone_query = NULL, *id_query = NULL;
  g_autofree char *escaped_email = escape (email);
  g_autofree char *escaped_phone = escape (CELL (account, 0, 2));
  g_autoptr(GPtrArray) by_id = query_column (query_rows (
    "SELECT s.id FROM sessions s WHERE s.account_id = ?1" SQL_ORDER, id, NULL));
  g_autoptr(GPtrArray) by_email = query_column (query_rows (
    "SELECT s.id FROM sessions s WHERE s.account_id IN "
    "(SELECT id FROM accounts WHERE email = ?1 COLLATE NOCASE)" SQL_ORDER, email, NULL));
  g_autoptr(GPtrArray) by_phone = query_column (query_rows (
    "SELECT s.id FROM sessions s WHERE s.account_id IN "
    "(SELECT id FROM accounts WHERE phone = ?1)" SQL_ORDER, CELL (account, 0, 2), NULL));
  g_autoptr(GPtrArray) unknown = NULL;
  gint64 total;

  id_query = g_strconcat ("account=", id, NULL);
  email_query = g_strconcat ("account=", escaped_email, NULL);
  phone_query = g_strconcat ("account=", escaped_phone, NULL);
  check_filter (id_query, by_id, "SELECT count(*) FROM sessions WHERE account_id = ?1", id);
  check_filter (email_query, by_email,
                "SELECT count(*) FROM sessions WHERE account_id IN "
                "(SELECT id FROM accounts WHERE email = ?1 COLLATE NOCASE)", email);
  check_filter (phone_query, by_phone,
                "SELECT count(*) FROM sessions WHERE account_id IN "
                "(SELECT id FROM accounts WHERE phone = ?1)", CELL (account, 0, 2));

  /* A phone's digits, with or without the country code 1. */
  {
    g_autofree char *digits = g_strdup (CELL (account, 0, 2));
    g_autofree char *with_code = NULL, *without_code = NULL, *q1 = NULL, *q2 = NULL;
    guint n = 0;

    for (const char *p = CELL (account, 0, 2); *p != '\0'; p++)
      if (g_ascii_isdigit (*p))
        digits[n++] = *p;
    digits[n] = '\0';
    without_code = g_strdup (n == 11 && digits[0] == '1' ? digits + 1 : digits);
    with_code = g_strconcat ("1", without_code, NULL);
    q1 = g_strconcat ("account=", without_code, NULL);
    q2 = g_strconcat ("account=%2B", with_code, NULL);
    check_filter (q1, by_phone, "SELECT count(*) FROM sessions WHERE account_id IN "
                  "(SELECT id FROM accounts WHERE phone = ?1)", CELL (account, 0, 2));
    check_filter (q2, by_phone, "SELECT count(*) FROM sessions WHERE account_id IN "
                  "(SELECT id FROM accounts WHERE phone = ?1)", CELL (account, 0, 2));
  }

  /* An unknown account is an empty list, not an error. */
  unknown = list_ids ("account=nobody%40nowhere.example", &total);
  g_assert_cmpuint (unknown->len, ==, 0);
  g_assert_cmpint (total, ==, 0);
  g_clear_pointer (&unknown, g_ptr_array_unref);
  unknown = list_ids ("account=ACC-NONE", &total);
  g_assert_cmpint (total, ==, 0);
}

static void
test_filter_time (void)
{
  /* A session's start as the range's start is inside it; as its end, outside. */
  g_autoptr(GPtrArray) middle = query_rows (
    "SELECT started_at FROM sessions ORDER BY started_at "
    "LIMIT 1 OFFSET (SELECT count(*) / 2 FROM sessions)", NULL);
  gint64 from = to_int (CELL (middle, 0, 0)), to = from + 3 * 86400;
  g_autofree char *from_text = okc_time_format_rfc3339 (from);
  g_autofree char *to_text = okc_time_format_rfc3339 (to);
  g_autofree char *from_number = g_strdup_printf ("%" G_GINT64_FORMAT, from);
  g_autofree char *to_number = g_strdup_printf ("%" G_GINT64_FORMAT, to);
  g_autofree char *query = g_strdup_printf ("from=%s&to=%s", from_text, to_text);
  g_autofree char *only_to = g_strdup_printf ("to=%s", from_text);
  g_autoptr(GPtrArray) expected = query_column (query_rows (
    "SELECT s.id FROM sessions s WHERE s.started_at >= ?1 AND s.started_at < ?2" SQL_ORDER,
    from_number, to_number, NULL));
  g_autoptr(GPtrArray) before = query_column (query_rows (
    "SELECT s.id FROM sessions s WHERE s.started_at < ?1" SQL_ORDER, from_number, NULL));

  check_filter2 (query, expected,
                 "SELECT count(*) FROM sessions WHERE started_at >= ?1 AND started_at < ?2",
                 from_number, to_number);
  check_filter (only_to, before, "SELECT count(*) FROM sessions WHERE started_at < ?1",
                from_number);
}

static void
test_filter_combined (void)
{
  g_autoptr(GPtrArray) row = query_rows (
    "SELECT s.charger_id, s.account_id FROM sessions s GROUP BY s.charger_id, s.account_id "
    "ORDER BY count(*) DESC LIMIT 1", NULL);
  g_autofree char *query = g_strdup_printf ("charger_id=%s&account=%s", CELL (row, 0, 0),
                                            CELL (row, 0, 1));
  g_autoptr(GPtrArray) expected = query_column (query_rows (
    "SELECT s.id FROM sessions s WHERE s.charger_id = ?1 AND s.account_id = ?2" SQL_ORDER,
    CELL (row, 0, 0), CELL (row, 0, 1), NULL));
  g_autoptr(GPtrArray) ids = NULL;
  gint64 total;

  ids = list_ids (query, &total);
  g_assert_cmpint (total, ==, expected->len);
  assert_same_ids (ids, expected);
}

/* A sort key of docs/sessions.md, read back from a summary. */
static int
compare_key (JsonObject *a,
             JsonObject *b,
             const char *key)
{
  static const char * const texts[] = { "charger_id", "account_name", "outcome",
                                        "stop_reason", NULL };
  static const char * const numbers[] = { "energy_wh", "idle_seconds", NULL };

  if (g_strv_contains (texts, key))
    return g_strcmp0 (json_object_get_string_member (a, key),
                      json_object_get_string_member (b, key));
  if (g_strv_contains (numbers, key) || strcmp (key, "duration") == 0)
    {
      const char *member = strcmp (key, "duration") == 0 ? "duration_seconds" : key;
      gint64 x = json_object_get_int_member (a, member), y = json_object_get_int_member (b, member);

      return (x > y) - (x < y);
    }
  if (strcmp (key, "billed_total") == 0)
    {
      gint64 x = json_object_get_int_member (json_object_get_object_member (a, key), "amount");
      gint64 y = json_object_get_int_member (json_object_get_object_member (b, key), "amount");

      return (x > y) - (x < y);
    }
  {
    gint64 x = 0, y = 0;

    g_assert_true (okc_time_parse_rfc3339 (json_object_get_string_member (a, key), &x));
    g_assert_true (okc_time_parse_rfc3339 (json_object_get_string_member (b, key), &y));
    return (x > y) - (x < y);
  }
}

/* Every pair of neighbouring items is in order, ties by id in the same direction. Returns
 * how many ties there were. */
static guint
check_order (JsonArray  *items,
             const char *key,
             gboolean    descending)
{
  guint ties = 0;

  for (guint i = 1; i < json_array_get_length (items); i++)
    {
      JsonObject *a = json_array_get_object_element (items, i - 1);
      JsonObject *b = json_array_get_object_element (items, i);
      int order = compare_key (a, b, key);

      if (order == 0)
        {
          ties++;
          order = strcmp (json_object_get_string_member (a, "id"),
                          json_object_get_string_member (b, "id"));
          g_assert_cmpint (order, !=, 0);
        }
      if (descending)
        order = -order;
      if (order > 0)
        g_error ("sort %s%s: %s before %s", descending ? "-" : "", key,
                 json_object_get_string_member (a, "id"), json_object_get_string_member (b, "id"));
    }
  return ties;
}

static void
test_sort (void)
{
  static const char * const keys[] = {
    "started_at", "ended_at", "duration", "energy_wh", "idle_seconds", "billed_total",
    "charger_id", "account_name", "outcome", "stop_reason",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    for (int descending = 0; descending <= 1; descending++)
      {
        g_autofree char *path = g_strdup_printf ("/v1/sessions?limit=500&sort=%s%s",
                                                 descending ? "-" : "", keys[i]);
        g_autofree char *next_path = g_strconcat (path, "&offset=499", NULL);
        g_autoptr(JsonObject) page = get_object (path, agent);
        g_autoptr(JsonObject) next = get_object (next_path, agent);
        JsonArray *items = json_object_get_array_member (page, "items");
        JsonArray *next_items = json_object_get_array_member (next, "items");
        g_autoptr(JsonArray) seam = json_array_new ();
        guint ties;

        g_assert_cmpuint (json_array_get_length (items), ==, 500);
        ties = check_order (items, keys[i], descending);
        /* Across the page's end too: the next page goes on where this one stopped. */
        json_array_add_element (seam, json_node_copy (json_array_get_element (items, 499)));
        json_array_add_element (seam, json_node_copy (json_array_get_element (next_items, 1)));
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items,
                                                                                      499), "id"),
                         ==,
                         json_object_get_string_member (json_array_get_object_element (next_items,
                                                                                      0), "id"));
        check_order (seam, keys[i], descending);
        /* Keys with few values tie on most rows: the ids order those. */
        if (strcmp (keys[i], "outcome") == 0 || strcmp (keys[i], "stop_reason") == 0 ||
            strcmp (keys[i], "charger_id") == 0)
          g_assert_cmpuint (ties, >, 100);
      }
}

static void
test_default_sort (void)
{
  g_autoptr(GPtrArray) expected = query_column (query_rows (
    "SELECT s.id FROM sessions s" SQL_ORDER, NULL));
  g_autoptr(GPtrArray) ids = list_ids ("limit=500", NULL);
  g_autoptr(GPtrArray) by_billed = query_column (query_rows (
    "SELECT s.id FROM sessions s ORDER BY s.total, s.id LIMIT 500", NULL));
  g_autoptr(GPtrArray) billed_ids = list_ids ("limit=500&sort=billed_total", NULL);

  assert_same_ids (ids, expected);
  assert_same_ids (billed_ids, by_billed);
}

static void
test_bad_query (void)
{
  static const struct
  {
    const char *query;
    const char *field;
  } bad[] = {
    { "sort=price", "sort" },
    { "sort=-", "sort" },
    { "sort=started_at%3B%20DROP%20TABLE%20sessions", "sort" },
    { "sort=--started_at", "sort" },
    { "sort=%2Bstarted_at", "sort" },
    { "from=yesterday", "from" },
    { "from=2026-11-30", "from" },
    { "to=2026-13-01T00:00:00Z", "to" },
    { "from=2026-11-30T00:00:00Z&to=2026-11-29T00:00:00Z", "to" },
    { "limit=0", "limit" },
    { "limit=501", "limit" },
    { "limit=ten", "limit" },
    { "limit=", "limit" },
    { "offset=-1", "offset" },
    { "offset=1.5", "offset" },
    { "offset=99999999999999999999", "offset" },
    { "account=maya", "account" },
    { "account=", "account" },
    { "account=%27%20OR%201%3D1--", "account" },
    { "charger_id=", "charger_id" },
    { "property_id=", "property_id" },
    { "page=2", "page" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_strconcat ("/v1/sessions?", bad[i].query, NULL);
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);

      g_test_message ("%s", path);
      okc_test_assert_error (response, 422, "invalid_request", bad[i].field);
    }
}

static void
test_not_found (void)
{
  static const char * const paths[] = {
    "/v1/sessions/SES-9999999", "/v1/sessions/SES-9999999/analysis", "/v1/tariffs/TRF-NONE",
    "/v1/sessions/%27%20OR%201%3D1--",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), paths[i], agent);

      g_test_message ("%s", paths[i]);
      okc_test_assert_error (response, 404, "not_found", NULL);
    }
}

static void
test_auth (void)
{
  g_autoptr(GPtrArray) row = query_rows ("SELECT id, tariff_id FROM sessions LIMIT 1", NULL);
  g_autofree char *detail = g_strconcat ("/v1/sessions/", CELL (row, 0, 0), NULL);
  g_autofree char *analysis = g_strconcat (detail, "/analysis", NULL);
  g_autofree char *tariff = g_strconcat ("/v1/tariffs/", CELL (row, 0, 1), NULL);
  const char *paths[] = { "/v1/sessions", detail, analysis, tariff };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(OkcTestResponse) none = okc_test_get (url (), paths[i], NULL);
      g_autoptr(OkcTestResponse) garbage = okc_test_get (url (), paths[i], "not-a-token");
      g_autoptr(JsonObject) signed_in = NULL;

      okc_test_assert_error (none, 401, "unauthorized", NULL);
      okc_test_assert_error (garbage, 401, "unauthorized", NULL);
      /* Any role: the chatbot's scripts get the console's answer. */
      signed_in = get_object (paths[i], chatbot);
    }
}

static OkcChargingSession *
session_from_member (JsonNode   *node,
                     const char *path)
{
  g_autoptr(GError) error = NULL;
  OkcChargingSession *session = okc_charging_session_new_from_json (node, path, &error);

  g_assert_no_error (error);
  return session;
}

static void
test_detail (void)
{
  g_autoptr(GPtrArray) row = query_rows (
    "SELECT s.id, s.charger_id, s.connector_id, s.account_id, a.name, s.tariff_id, "
    "c.property_id, p.name, s.energy_wh, s.total, s.currency, s.outcome, s.stop_reason, "
    "json_array_length (m.samples), s.started_at, s.ended_at, s.charging_ended_at "
    "FROM sessions s JOIN session_meter m ON m.session_id = s.id "
    "JOIN accounts a ON a.id = s.account_id JOIN chargers c ON c.id = s.charger_id "
    "JOIN properties p ON p.id = c.property_id "
    "WHERE s.charging_ended_at IS NOT NULL AND s.energy_wh > 0 ORDER BY s.id LIMIT 1", NULL);
  g_autofree char *path = g_strconcat ("/v1/sessions/", CELL (row, 0, 0), NULL);
  g_autofree char *tariff_path = g_strconcat ("/v1/tariffs/", CELL (row, 0, 5), NULL);
  g_autoptr(JsonObject) detail = get_object (path, agent);
  g_autoptr(JsonObject) tariff = get_object (tariff_path, agent);
  g_autoptr(OkcChargingSession) session = NULL;
  g_autoptr(OkcTariff) parsed_tariff = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *billed;
  OkcMoney total;
  guint n_samples;

  g_assert_cmpstr (json_object_get_string_member (detail, "id"), ==, CELL (row, 0, 0));
  g_assert_cmpstr (json_object_get_string_member (detail, "charger_id"), ==, CELL (row, 0, 1));
  g_assert_cmpint (json_object_get_int_member (detail, "connector_id"), ==,
                   to_int (CELL (row, 0, 2)));
  g_assert_cmpstr (json_object_get_string_member (detail, "account_id"), ==, CELL (row, 0, 3));
  g_assert_cmpstr (json_object_get_string_member (detail, "account_name"), ==,
                   CELL (row, 0, 4));
  g_assert_cmpstr (json_object_get_string_member (detail, "tariff_id"), ==, CELL (row, 0, 5));
  g_assert_cmpstr (json_object_get_string_member (detail, "property_id"), ==,
                   CELL (row, 0, 6));
  g_assert_cmpstr (json_object_get_string_member (detail, "property_name"), ==,
                   CELL (row, 0, 7));
  g_assert_cmpint (json_object_get_int_member (detail, "energy_wh"), ==,
                   to_int (CELL (row, 0, 8)));
  g_assert_cmpstr (json_object_get_string_member (detail, "outcome"), ==, CELL (row, 0, 11));
  g_assert_cmpstr (json_object_get_string_member (detail, "stop_reason"), ==,
                   CELL (row, 0, 12));
  g_assert_true (json_object_has_member (detail, "samples"));
  g_assert_true (json_object_has_member (detail, "neighbours"));
  billed = json_object_get_object_member (detail, "billed");
  g_assert_nonnull (billed);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (detail,
                                                                                 "tariff"),
                                                   "id"), ==, CELL (row, 0, 5));

  /* Core reads the detail back: the same meter, billed lines and times. */
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), detail);

    session = session_from_member (node, "session");
  }
  okc_charging_session_get_billed_total (session, &total);
  g_assert_cmpint (total.amount, ==, to_int (CELL (row, 0, 9)));
  g_assert_cmpstr (total.currency, ==, CELL (row, 0, 10));
  g_assert_cmpint (okc_charging_session_get_started_at (session), ==, to_int (CELL (row, 0, 14)));
  g_assert_cmpint (okc_charging_session_get_ended_at (session), ==, to_int (CELL (row, 0, 15)));
  g_assert_cmpint (okc_charging_session_get_charging_ended_at (session), ==,
                   to_int (CELL (row, 0, 16)));
  g_assert_nonnull (okc_charging_session_get_meter (session));
  okc_metered_session_get_samples (okc_charging_session_get_meter (session), &n_samples);
  g_assert_cmpint (n_samples, ==, to_int (CELL (row, 0, 13)));
  g_assert_nonnull (okc_charging_session_get_billed (session));

  /* The detail's tariff is GET /v1/tariffs/{id}'s, a tariff core reads. */
  {
    g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (),
                                                   json_object_get_object_member (detail,
                                                                                  "tariff"));
    g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), tariff);

    g_assert_true (json_node_equal (a, b));
    parsed_tariff = okc_tariff_new_from_json (b, "tariff", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (okc_tariff_get_id (parsed_tariff), ==, CELL (row, 0, 5));
  }
}

static void
test_neighbours (void)
{
  /* A session with neighbours, and the sessions on its charger: the window's edges are
   * checked against all of them. */
  g_autoptr(GPtrArray) row = query_rows (
    "SELECT s.id, s.charger_id, s.started_at, s.ended_at FROM sessions s WHERE "
    "(SELECT count(*) FROM sessions n WHERE n.charger_id = s.charger_id AND n.id <> s.id AND "
    "n.started_at BETWEEN s.started_at - 7200 AND s.ended_at + 7200) BETWEEN 2 AND 50 "
    "ORDER BY s.id LIMIT 1", NULL);
  g_autoptr(GPtrArray) others = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) detail = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *neighbours;
  gint64 started, ended, previous = G_MININT64;
  guint expected = 0;

  g_assert_cmpuint (row->len, ==, 1);
  path = g_strconcat ("/v1/sessions/", CELL (row, 0, 0), NULL);
  detail = get_object (path, agent);
  neighbours = json_object_get_array_member (detail, "neighbours");
  started = to_int (CELL (row, 0, 2));
  ended = to_int (CELL (row, 0, 3));

  for (guint i = 0; i < json_array_get_length (neighbours); i++)
    {
      JsonObject *neighbour = json_array_get_object_element (neighbours, i);
      gint64 at = 0;

      g_assert_true (okc_time_parse_rfc3339 (json_object_get_string_member (neighbour,
                                                                            "started_at"), &at));
      g_assert_cmpint (at, >=, previous);
      previous = at;
      g_assert_cmpstr (json_object_get_string_member (neighbour, "charger_id"), ==,
                       CELL (row, 0, 1));
      g_assert_nonnull (json_object_get_object_member (neighbour, "billed"));
      g_hash_table_add (listed, (gpointer) json_object_get_string_member (neighbour, "id"));
    }

  others = query_rows ("SELECT id, started_at FROM sessions WHERE charger_id = ?1 AND id <> ?2",
                       CELL (row, 0, 1), CELL (row, 0, 0), NULL);
  for (guint i = 0; i < others->len; i++)
    {
      gint64 at = to_int (CELL (others, i, 1));
      gboolean inside = at >= started - OKC_SESSION_NEIGHBOUR_WINDOW_SECONDS &&
                        at <= ended + OKC_SESSION_NEIGHBOUR_WINDOW_SECONDS;

      g_assert_cmpint (g_hash_table_contains (listed, CELL (others, i, 0)), ==, inside);
      expected += inside;
    }
  g_assert_cmpuint (expected, >=, 2);
  g_assert_cmpuint (json_array_get_length (neighbours), ==, expected);
}

/* The analysis the backend served equals core's audit of the detail it served. */
static void
assert_audit_agrees (const char *id,
                     JsonObject *served)
{
  g_autofree char *path = g_strconcat ("/v1/sessions/", id, NULL);
  g_autoptr(JsonObject) detail = get_object (path, agent);
  g_autoptr(JsonNode) detail_node = json_node_init_object (json_node_alloc (), detail);
  g_autoptr(JsonNode) tariff_node = json_node_copy (json_object_get_member (detail, "tariff"));
  g_autoptr(JsonNode) served_node = json_node_init_object (json_node_alloc (), served);
  g_autoptr(OkcChargingSession) session = session_from_member (detail_node, "session");
  g_autoptr(OkcTariff) tariff = NULL;
  g_autoptr(GPtrArray) neighbours = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(OkcSessionAudit) audit = NULL;
  g_autoptr(JsonNode) mine = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *list = json_object_get_array_member (detail, "neighbours");

  tariff = okc_tariff_new_from_json (tariff_node, "tariff", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_ptr_array_add (neighbours, session_from_member (json_array_get_element (list, i),
                                                      "neighbours"));
  audit = okc_session_audit_run (session, tariff, neighbours, &error);
  g_assert_no_error (error);
  mine = okc_session_audit_to_json (audit);
  if (!json_node_equal (mine, served_node))
    {
      g_autofree char *a = okc_json_to_string (mine);
      g_autofree char *b = okc_json_to_string (served_node);

      g_error ("%s: the console's audit\n%s\nthe backend's\n%s", id, a, b);
    }
}

static gint64
money_amount (JsonObject *object,
              const char *member)
{
  return json_object_get_int_member (json_object_get_object_member (object, member), "amount");
}

static gint64
breakdown_total (JsonObject *analysis,
                 const char *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCostBreakdown) breakdown =
    okc_cost_breakdown_new_from_json (json_object_get_member (analysis, member), member, &error);
  OkcMoney total;

  g_assert_no_error (error);
  okc_cost_breakdown_get_total (breakdown, &total);
  return total.amount;
}

/* What docs/sessions.md promises of every analysis. */
static void
check_analysis (const char *id,
                JsonObject *analysis,
                gint64      billed_total)
{
  JsonArray *findings = json_object_get_array_member (analysis, "findings");
  gint64 refunds = 0;

  g_assert_cmpstr (json_object_get_string_member (analysis, "session_id"), ==, id);
  g_assert_cmpint (breakdown_total (analysis, "billed"), ==, billed_total);
  g_assert_cmpint (money_amount (analysis, "difference"), ==,
                   billed_total - breakdown_total (analysis, "expected"));
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      gint64 refund = money_amount (finding, "refund");

      g_assert_cmpint (refund, >=, 0);
      g_assert_cmpstr (json_object_get_string_member (finding, "summary"), !=, "");
      refunds += refund;
    }
  g_assert_cmpint (refunds, <=, billed_total);
  /* No finding means nothing to explain: the bill is what the tariff makes of it. */
  if (json_array_get_length (findings) == 0)
    g_assert_cmpint (money_amount (analysis, "difference"), ==, 0);
}

static void
test_analysis (void)
{
  g_autoptr(GPtrArray) sessions = query_rows ("SELECT id, total FROM sessions ORDER BY id", NULL);
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* The problems the demo plants (okc-demo-world.h); billing_mismatch is what is left
   * when none explains a difference, and the demo plants none of those. */
  static const char * const wanted[] = {
    "repeated_connection_fee", "double_billing", "idle_fee_while_charging", "wrong_rate",
    "wrong_tax", NULL,
  };
  guint n_clean = 0, n_agreed = 0;

  for (guint i = 0; i < sessions->len; i++)
    {
      const char *id = CELL (sessions, i, 0);
      g_autofree char *path = g_strconcat ("/v1/sessions/", id, "/analysis", NULL);
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
      JsonObject *analysis;
      JsonArray *findings;
      gboolean new_kind = FALSE;

      if (response->status != 200)
        g_error ("GET %s: %u %.*s", path, response->status,
                 (int) g_bytes_get_size (response->body),
                 (const char *) g_bytes_get_data (response->body, NULL));
      analysis = okc_test_response_object (response);
      check_analysis (id, analysis, to_int (CELL (sessions, i, 1)));
      findings = json_object_get_array_member (analysis, "findings");
      for (guint f = 0; f < json_array_get_length (findings); f++)
        {
          const char *kind = json_object_get_string_member (
            json_array_get_object_element (findings, f), "kind");

          if (!g_hash_table_contains (kinds, kind))
            {
              g_hash_table_add (kinds, g_strdup (kind));
              new_kind = TRUE;
            }
        }
      if (json_array_get_length (findings) == 0)
        n_clean++;
      /* Core agrees on the first of each kind and on some clean ones. */
      if (new_kind || (json_array_get_length (findings) == 0 && n_clean <= 5))
        {
          assert_audit_agrees (id, analysis);
          n_agreed++;
        }
    }

  for (guint i = 0; wanted[i] != NULL; i++)
    if (!g_hash_table_contains (kinds, wanted[i]))
      g_error ("No session of the demo data has a finding of kind %s", wanted[i]);
  g_assert_cmpuint (n_clean, >, sessions->len / 2);
  g_test_message ("%u sessions analysed, %u clean, %u checked against core", sessions->len,
                  n_clean, n_agreed);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Backend/sessions/paging", test_paging);
  g_test_add_func ("/Okc/Backend/sessions/filter-charger", test_filter_charger);
  g_test_add_func ("/Okc/Backend/sessions/filter-property", test_filter_property);
  g_test_add_func ("/Okc/Backend/sessions/filter-account", test_filter_account);
  g_test_add_func ("/Okc/Backend/sessions/filter-time", test_filter_time);
  g_test_add_func ("/Okc/Backend/sessions/filter-combined", test_filter_combined);
  g_test_add_func ("/Okc/Backend/sessions/sort", test_sort);
  g_test_add_func ("/Okc/Backend/sessions/default-sort", test_default_sort);
  g_test_add_func ("/Okc/Backend/sessions/bad-query", test_bad_query);
  g_test_add_func ("/Okc/Backend/sessions/not-found", test_not_found);
  g_test_add_func ("/Okc/Backend/sessions/auth", test_auth);
  g_test_add_func ("/Okc/Backend/sessions/detail", test_detail);
  g_test_add_func ("/Okc/Backend/sessions/neighbours", test_neighbours);
  g_test_add_func ("/Okc/Backend/sessions/analysis", test_analysis);

  backend = okc_test_backend_start ((const char *[]) { "--tickets", "10", NULL });
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");
  status = g_test_run ();
  okc_test_backend_stop (backend);
  g_free (agent);
  g_free (chatbot);
  return status;
}
