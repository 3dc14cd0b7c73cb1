/* test-backend-properties.c — topic 8 over loopback: charger lookup in each form, the
 * assignment and its refusals, the audit's before and after, properties and their
 * search, and the simulated PMS sync: success, failure, determinism
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

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

static sqlite3 *
open_db (OkcTestBackend *which)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (which), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* The first column of the first row of @sql, with @arg bound to ?1; NULL if no row. */
static char *
query_text (OkcTestBackend *which,
            const char     *sql,
            const char     *arg)
{
  sqlite3 *db = open_db (which);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
query_int (const char *sql,
           const char *arg)
{
  g_autofree char *text = query_text (backend, sql, arg);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static OkcTestResponse *
put_json (const char *path,
          const char *token,
          const char *json)
{
  g_autofree char *full = g_strconcat (url (), path, NULL);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  return okc_test_http ("PUT", full, token, "application/json", body);
}

static OkcTestResponse *
lookup (const char *code)
{
  g_autofree char *escaped = g_uri_escape_string (code, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/v1/chargers/lookup?code=%s", escaped);

  return okc_test_get (url (), path, agent);
}

static JsonObject *
ok_object (OkcTestResponse *response)
{
  if (response->status != 200)
    g_test_message ("unexpected answer: %.*s", (int) g_bytes_get_size (response->body),
                    (const char *) g_bytes_get_data (response->body, NULL));
  g_assert_cmpuint (response->status, ==, 200);
  return okc_test_response_object (response);
}

static void
test_lookup (void)
{
  g_autofree char *id = query_text (backend, "SELECT id FROM chargers ORDER BY id LIMIT 1", NULL);
  g_autofree char *serial = query_text (backend, "SELECT serial FROM chargers WHERE id = ?", id);
  g_autofree char *lower_serial = g_ascii_strdown (serial, -1);
  g_autofree char *padded_serial = g_strdup_printf ("  %s\t", lower_serial);
  g_autofree char *lower_id = g_ascii_strdown (id, -1);
  g_autofree char *qr = g_strdup_printf ("https://ok2charge.example/c/%s", id);
  g_autofree char *qr_slash = g_strdup_printf (" HTTPS://OK2CHARGE.EXAMPLE/c/%s/ ", lower_id);
  const char *codes[] = { serial, padded_serial, id, lower_id, qr, qr_slash };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(OkcTestResponse) response = lookup (codes[i]);
      JsonObject *charger = ok_object (response);

      g_assert_cmpstr (json_object_get_string_member (charger, "id"), ==, id);
      g_assert_cmpstr (json_object_get_string_member (charger, "serial"), ==, serial);
      g_assert_true (json_object_has_member (charger, "status"));
      g_assert_true (json_object_has_member (charger, "last_heartbeat_at"));
    }

  {
    g_autoptr(OkcTestResponse) unknown = lookup ("OK2-X00-0000000");
    g_autoptr(OkcTestResponse) other_site = lookup ("https://example.com/c/nothing");
    g_autoptr(OkcTestResponse) bare_prefix = lookup ("https://ok2charge.example/c/");
    g_autoptr(OkcTestResponse) blank = lookup ("   ");
    g_autoptr(OkcTestResponse) missing = okc_test_get (url (), "/v1/chargers/lookup", agent);
    g_autoptr(OkcTestResponse) by_chatbot = NULL;
    g_autofree char *path = g_strdup_printf ("/v1/chargers/lookup?code=%s", id);

    okc_test_assert_error (unknown, 404, "not_found", "code");
    okc_test_assert_error (other_site, 404, "not_found", "code");
    okc_test_assert_error (bare_prefix, 404, "not_found", "code");
    okc_test_assert_error (blank, 400, "invalid_parameter", "code");
    okc_test_assert_error (missing, 400, "invalid_parameter", "code");
    by_chatbot = okc_test_get (url (), path, chatbot);
    g_assert_cmpuint (by_chatbot->status, ==, 403);
  }
}

static void
test_assign (void)
{
  g_autofree char *charger = query_text (
    backend, "SELECT id FROM chargers WHERE property_id IS NULL ORDER BY id LIMIT 1", NULL);
  g_autofree char *unit = query_text (backend, "SELECT id FROM units ORDER BY id DESC LIMIT 1",
                                      NULL);
  g_autofree char *property = query_text (backend, "SELECT property_id FROM units WHERE id = ?",
                                          unit);
  g_autofree char *property_name = query_text (backend, "SELECT name FROM properties WHERE id = ?",
                                               property);
  g_autofree char *ticket = query_text (backend,
                                        "SELECT id FROM tickets WHERE topic = 'charger-assignment' "
                                        "ORDER BY id LIMIT 1",
                                        NULL);
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autoptr(OkcTestResponse) response = NULL;
  g_autoptr(OkcTestResponse) shown = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *after_text = NULL;
  JsonObject *object;

  g_assert_nonnull (charger);
  g_assert_nonnull (ticket);
  path = g_strdup_printf ("/v1/chargers/%s/assignment", charger);
  body = g_strdup_printf ("{\"property_id\": \"%s\", \"unit_id\": \"%s\", \"ticket_id\": \"%s\"}",
                          property, unit, ticket);
  response = put_json (path, agent, body);
  object = ok_object (response);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, charger);

  /* The charger's page reads it back. */
  {
    g_autofree char *charger_path = g_strdup_printf ("/v1/chargers/%s", charger);
    g_autofree char *answer = NULL;

    shown = okc_test_get (url (), charger_path, agent);
    answer = g_strndup (g_bytes_get_data (shown->body, NULL), g_bytes_get_size (shown->body));
    g_assert_cmpuint (shown->status, ==, 200);
    g_assert_nonnull (strstr (answer, property));
    g_assert_nonnull (strstr (answer, property_name));
    g_assert_nonnull (strstr (answer, unit));
  }

  /* The audit names the ticket, and what was before: no property, no unit. */
  before_text = query_text (backend,
                            "SELECT before FROM audit_log WHERE action = 'charger.assign' "
                            "AND target_id = ?1 ORDER BY seq DESC LIMIT 1",
                            charger);
  after_text = query_text (backend,
                           "SELECT after FROM audit_log WHERE action = 'charger.assign' "
                           "AND target_id = ?1 ORDER BY seq DESC LIMIT 1",
                           charger);
  before = json_from_string (before_text, NULL);
  after = json_from_string (after_text, NULL);
  g_assert_true (json_object_get_null_member (json_node_get_object (before), "property"));
  g_assert_true (json_object_get_null_member (json_node_get_object (before), "unit"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_node_get_object (after), "property"),
                     "id"), ==, property);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_node_get_object (after), "unit"), "id"),
                   ==, unit);
  g_assert_cmpint (query_int ("SELECT count(*) FROM audit_log WHERE action = 'charger.assign' "
                              "AND ticket_id = ?1",
                              ticket), >=, 1);
  /* The console's list of chargers learns it from the event stream. */
  g_assert_cmpint (query_int ("SELECT count(*) FROM events WHERE type = 'charger.updated' "
                              "AND data LIKE '%' || ?1 || '%'",
                              unit), >=, 1);
}

static void
test_assign_refused (void)
{
  g_autofree char *charger = query_text (backend, "SELECT id FROM chargers ORDER BY id LIMIT 1",
                                         NULL);
  g_autofree char *property = query_text (backend,
                                          "SELECT id FROM properties ORDER BY id LIMIT 1", NULL);
  g_autofree char *foreign_unit = query_text (backend,
                                              "SELECT id FROM units WHERE property_id != ?1 "
                                              "ORDER BY id LIMIT 1",
                                              property);
  g_autofree char *path = g_strdup_printf ("/v1/chargers/%s/assignment", charger);
  g_autofree char *before = query_text (backend, "SELECT property_id FROM chargers WHERE id = ?",
                                        charger);
  g_autofree char *after = NULL;
  g_autofree char *unknown_property = g_strdup ("{\"property_id\": \"PRP-9999\", \"unit_id\": null}");
  g_autofree char *other_unit = g_strdup_printf ("{\"property_id\": \"%s\", \"unit_id\": \"%s\"}",
                                                 property, foreign_unit);
  g_autofree char *unknown_ticket = g_strdup_printf (
    "{\"property_id\": \"%s\", \"unit_id\": null, \"ticket_id\": \"TCK-999999\"}", property);
  g_autofree char *extra = g_strdup_printf (
    "{\"property_id\": \"%s\", \"unit_id\": null, \"colour\": \"red\"}", property);
  g_autofree char *no_unit_member = g_strdup_printf ("{\"property_id\": \"%s\"}", property);
  g_autofree char *valid = g_strdup_printf ("{\"property_id\": \"%s\", \"unit_id\": null}",
                                            property);
  g_autoptr(OkcTestResponse) r1 = put_json (path, agent, unknown_property);
  g_autoptr(OkcTestResponse) r2 = put_json (path, agent, other_unit);
  g_autoptr(OkcTestResponse) r3 = put_json (path, agent, unknown_ticket);
  g_autoptr(OkcTestResponse) r4 = put_json (path, agent, extra);
  g_autoptr(OkcTestResponse) r5 = put_json (path, agent, no_unit_member);
  g_autoptr(OkcTestResponse) r6 = put_json ("/v1/chargers/CH-00000/assignment", agent, valid);
  g_autoptr(OkcTestResponse) r7 = put_json (path, chatbot, unknown_property);

  okc_test_assert_error (r1, 422, "invalid_input", "property_id");
  okc_test_assert_error (r2, 422, "invalid_input", "unit_id");
  okc_test_assert_error (r3, 422, "invalid_input", "ticket_id");
  okc_test_assert_error (r4, 422, "invalid_input", "colour");
  okc_test_assert_error (r5, 422, "invalid_input", "unit_id");
  g_assert_cmpuint (r6->status, ==, 404);
  g_assert_cmpuint (r7->status, ==, 403);
  /* Nothing moved. */
  after = query_text (backend, "SELECT property_id FROM chargers WHERE id = ?", charger);
  g_assert_cmpstr (before, ==, after);
}

static void
test_list (void)
{
  g_autoptr(OkcTestResponse) all = okc_test_get (url (), "/v1/properties?limit=200", agent);
  JsonObject *page = ok_object (all);
  JsonArray *properties = json_object_get_array_member (page, "properties");
  gint64 total = query_int ("SELECT count(*) FROM properties", NULL);
  g_autoptr(GPtrArray) paged = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = NULL;

  g_assert_cmpint (json_object_get_int_member (page, "total"), ==, total);
  g_assert_cmpint (json_array_get_length (properties), ==, total);
  g_assert_true (json_object_get_null_member (page, "next_cursor"));

  /* Two at a time, in the same order, to the end. */
  do
    {
      g_autofree char *path = cursor == NULL
                                ? g_strdup ("/v1/properties?limit=2")
                                : g_strdup_printf ("/v1/properties?limit=2&cursor=%s", cursor);
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
      JsonObject *object = ok_object (response);
      JsonArray *items = json_object_get_array_member (object, "properties");

      g_assert_cmpuint (json_array_get_length (items), <=, 2);
      for (guint i = 0; i < json_array_get_length (items); i++)
        g_ptr_array_add (paged, g_strdup (json_object_get_string_member (
                                  json_array_get_object_element (items, i), "id")));
      g_clear_pointer (&cursor, g_free);
      if (!json_object_get_null_member (object, "next_cursor"))
        cursor = g_strdup (json_object_get_string_member (object, "next_cursor"));
    }
  while (cursor != NULL);
  g_assert_cmpuint (paged->len, ==, (guint) total);
  for (guint i = 0; i < paged->len; i++)
    g_assert_cmpstr (g_ptr_array_index (paged, i), ==,
                     json_object_get_string_member (json_array_get_object_element (properties, i),
                                                    "id"));

  /* A part of a name, of another case, finds it; so does a city. */
  {
    JsonObject *first = json_array_get_object_element (properties, 0);
    const char *name = json_object_get_string_member (first, "name");
    g_autofree char *part = g_ascii_strup (name + 1, 5);
    g_autofree char *escaped = g_uri_escape_string (part, NULL, FALSE);
    g_autofree char *path = g_strdup_printf ("/v1/properties?q=%s", escaped);
    g_autoptr(OkcTestResponse) found = okc_test_get (url (), path, agent);
    JsonObject *object = ok_object (found);
    JsonArray *items = json_object_get_array_member (object, "properties");
    gboolean has_it = FALSE;

    g_assert_cmpint (json_object_get_int_member (object, "total"), ==,
                     json_array_get_length (items));
    for (guint i = 0; i < json_array_get_length (items); i++)
      has_it |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (items, i),
                                                          "id"),
                           json_object_get_string_member (first, "id")) == 0;
    g_assert_true (has_it);
    g_assert_cmpint (json_array_get_length (items), <, total);
  }
  {
    g_autoptr(OkcTestResponse) none = okc_test_get (url (), "/v1/properties?q=%25_nothing", agent);
    g_autoptr(OkcTestResponse) bad_cursor = okc_test_get (url (), "/v1/properties?cursor=zz", agent);
    g_autoptr(OkcTestResponse) bad_limit = okc_test_get (url (), "/v1/properties?limit=0", agent);
    g_autoptr(OkcTestResponse) unknown = okc_test_get (url (), "/v1/properties?colour=red", agent);

    g_assert_cmpint (json_object_get_int_member (ok_object (none), "total"), ==, 0);
    okc_test_assert_error (bad_cursor, 400, "invalid_parameter", "cursor");
    okc_test_assert_error (bad_limit, 400, "invalid_parameter", "limit");
    okc_test_assert_error (unknown, 400, "invalid_parameter", "colour");
  }
}

static void
test_detail (void)
{
  g_autofree char *id = query_text (backend,
                                    "SELECT property_id FROM chargers WHERE property_id IS NOT NULL "
                                    "ORDER BY id LIMIT 1",
                                    NULL);
  g_autofree char *path = g_strdup_printf ("/v1/properties/%s", id);
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
  g_autoptr(OkcTestResponse) missing = okc_test_get (url (), "/v1/properties/PRP-9999", agent);
  JsonObject *property = ok_object (response);
  JsonArray *chargers = json_object_get_array_member (property, "chargers");
  JsonArray *units = json_object_get_array_member (property, "units");
  JsonObject *pms = json_object_get_object_member (property, "pms");

  g_assert_cmpint (json_array_get_length (chargers), ==,
                   json_object_get_int_member (property, "n_chargers"));
  g_assert_cmpint (json_array_get_length (chargers), ==,
                   query_int ("SELECT count(*) FROM chargers WHERE property_id = ?", id));
  g_assert_cmpint (json_array_get_length (units), ==,
                   json_object_get_int_member (property, "n_units"));
  g_assert_cmpint (json_array_get_length (units), >, 0);
  g_assert_true (json_object_has_member (json_array_get_object_element (chargers, 0), "status"));
  g_assert_nonnull (json_object_get_string_member (
                      json_object_get_object_member (property, "host"), "email"));
  g_assert_true (json_object_has_member (pms, "sync_state"));
  okc_test_assert_error (missing, 404, "not_found", NULL);
}

static OkcTestResponse *
sync_property (OkcTestBackend *which,
               const char     *token,
               const char     *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/properties/%s/pms/sync", id);

  return okc_test_post_json (okc_test_backend_get_url (which), path, token, "{}");
}

/* A connected property whose token is good, with units and chargers. */
static char *
healthy_property (void)
{
  return query_text (backend,
                     "SELECT p.id FROM properties p WHERE p.pms != 'none' AND p.pms_connected "
                     "AND p.pms_token_expired_at IS NULL "
                     "AND EXISTS (SELECT 1 FROM chargers c WHERE c.property_id = p.id) "
                     "ORDER BY (SELECT count(*) FROM units u WHERE u.property_id = p.id) DESC, "
                     "p.id LIMIT 1",
                     NULL);
}

static void
test_sync (void)
{
  g_autofree char *id = healthy_property ();
  /* The demo's own stays at the property (docs/actions.md, "Charger access") are there
   * before the first sync. */
  gint64 before = query_int ("SELECT count(*) FROM bookings WHERE property_id = ?", id);
  g_autoptr(OkcTestResponse) first = sync_property (backend, agent, id);
  g_autoptr(OkcTestResponse) again = NULL;
  g_autoptr(OkcTestResponse) property = NULL;
  g_autoptr(OkcTestResponse) syncs = NULL;
  g_autofree char *property_path = g_strdup_printf ("/v1/properties/%s", id);
  g_autofree char *syncs_path = g_strdup_printf ("/v1/properties/%s/pms/syncs", id);
  JsonObject *sync = ok_object (first);
  JsonObject *pms;
  JsonArray *list;
  gint64 imported = json_object_get_int_member (sync, "bookings_imported");

  g_assert_cmpstr (json_object_get_string_member (sync, "outcome"), ==, "succeeded");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (sync, "id"), "PMS-"));
  g_assert_true (json_object_get_null_member (sync, "error"));
  g_assert_cmpint (imported, >, 0);
  g_assert_cmpint (before + imported, ==,
                   query_int ("SELECT count(*) FROM bookings WHERE property_id = ?", id));
  g_assert_cmpint (json_object_get_int_member (sync, "chargers_matched"), ==,
                   query_int ("SELECT count(*) FROM chargers WHERE property_id = ?", id));
  /* Every booking whose email is an account's (in any case) is that account's; none other. */
  g_assert_cmpint (query_int ("SELECT count(*) FROM bookings b WHERE b.property_id = ?1 AND "
                              "(b.account_id IS NULL) = EXISTS (SELECT 1 FROM accounts a "
                              "WHERE a.email = b.guest_email COLLATE NOCASE)",
                              id), ==, 0);
  g_assert_cmpint (query_int ("SELECT count(*) FROM bookings b JOIN accounts a ON a.id = "
                              "b.account_id WHERE b.property_id = ?1 AND a.email != b.guest_email "
                              "COLLATE NOCASE",
                              id), ==, 0);
  g_assert_cmpint (query_int ("SELECT count(*) FROM bookings WHERE property_id = ?1 AND "
                              "account_id IS NOT NULL",
                              id), >, 0);

  /* The same bookings again: none new. */
  again = sync_property (backend, agent, id);
  g_assert_cmpint (json_object_get_int_member (ok_object (again), "bookings_imported"), ==, 0);

  property = okc_test_get (url (), property_path, agent);
  pms = json_object_get_object_member (ok_object (property), "pms");
  g_assert_cmpstr (json_object_get_string_member (pms, "sync_state"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (pms, "last_sync_at"), ==,
                   json_object_get_string_member (ok_object (again), "finished_at"));
  g_assert_true (json_object_get_null_member (pms, "last_error"));

  syncs = okc_test_get (url (), syncs_path, agent);
  list = json_object_get_array_member (ok_object (syncs), "syncs");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "id"),
                   ==, json_object_get_string_member (ok_object (again), "id"));

  g_assert_cmpint (query_int ("SELECT count(*) FROM audit_log WHERE action = 'property.pms_sync' "
                              "AND target_id = ?1 AND json_extract (after, '$.sync.outcome') = "
                              "'succeeded' AND json_extract (after, '$.sync_state') = 'ok'",
                              id), ==, 2);
}

static void
test_sync_failure (void)
{
  g_autofree char *id = query_text (backend,
                                    "SELECT id FROM properties WHERE pms = 'guesty' AND "
                                    "pms_token_expired_at IS NOT NULL LIMIT 1",
                                    NULL);
  g_autofree char *path = g_strdup_printf ("/v1/properties/%s", id);
  g_autoptr(OkcTestResponse) response = NULL;
  g_autoptr(OkcTestResponse) property = NULL;
  g_autoptr(OkcTestResponse) before = NULL;
  g_autoptr(OkcTestResponse) unconnected = NULL;
  g_autofree char *unconnected_id = query_text (backend,
                                                "SELECT id FROM properties WHERE NOT pms_connected "
                                                "LIMIT 1",
                                                NULL);
  g_autofree char *last_sync_before = NULL;
  JsonObject *sync, *pms;
  const char *message;
  gint64 n_bookings;

  g_assert_nonnull (id);
  /* Stays synced before the token expired stay; a failed sync adds none. */
  n_bookings = query_int ("SELECT count(*) FROM bookings WHERE property_id = ?", id);
  before = okc_test_get (url (), path, agent);
  pms = json_object_get_object_member (ok_object (before), "pms");
  g_assert_cmpstr (json_object_get_string_member (pms, "sync_state"), ==, "failing");
  last_sync_before = g_strdup (json_object_get_string_member (pms, "last_sync_at"));

  response = sync_property (backend, agent, id);
  sync = ok_object (response);
  message = json_object_get_string_member (sync, "error");
  g_assert_cmpstr (json_object_get_string_member (sync, "outcome"), ==, "failed");
  g_assert_true (g_str_has_prefix (message, "Guesty refused the API token: it expired on "));
  g_assert_true (g_str_has_suffix (message, "; the host must reconnect Guesty in OK2Charge."));
  g_assert_cmpint (json_object_get_int_member (sync, "bookings_imported"), ==, 0);
  g_assert_cmpint (query_int ("SELECT count(*) FROM bookings WHERE property_id = ?", id), ==,
                   n_bookings);

  property = okc_test_get (url (), path, agent);
  pms = json_object_get_object_member (ok_object (property), "pms");
  g_assert_cmpstr (json_object_get_string_member (pms, "sync_state"), ==, "failing");
  g_assert_cmpstr (json_object_get_string_member (pms, "last_error"), ==, message);
  /* The last good sync stays the last sync. */
  g_assert_cmpstr (json_object_get_string_member (pms, "last_sync_at"), ==, last_sync_before);

  unconnected = sync_property (backend, agent, unconnected_id);
  okc_test_assert_error (unconnected, 409, "pms_not_connected", NULL);
  {
    g_autoptr(OkcTestResponse) missing = sync_property (backend, agent, "PRP-9999");
    g_autoptr(OkcTestResponse) by_chatbot = sync_property (backend, chatbot, id);
    g_autoptr(OkcTestResponse) bad = okc_test_post_json (url (), "/v1/properties/PRP-0001/pms/sync",
                                                         agent, "{\"ticket_id\": 7}");

    g_assert_cmpuint (missing->status, ==, 404);
    g_assert_cmpuint (by_chatbot->status, ==, 403);
    okc_test_assert_error (bad, 422, "invalid_input", "ticket_id");
  }
}

/* The bookings of a property, as the PMS gives them: not when they were synced. */
static GPtrArray *
bookings_of (OkcTestBackend *which,
             const char     *property_id)
{
  sqlite3 *db = open_db (which);
  sqlite3_stmt *stmt = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT id, unit_id, account_id, guest_name, guest_email, "
                                       "check_in, check_out, pms_reference FROM bookings "
                                       "WHERE property_id = ? ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, property_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup_printf ("%s|%s|%s|%s|%s|%lld|%lld|%s",
                                            sqlite3_column_text (stmt, 0),
                                            sqlite3_column_text (stmt, 1),
                                            sqlite3_column_text (stmt, 2),
                                            sqlite3_column_text (stmt, 3),
                                            sqlite3_column_text (stmt, 4),
                                            (long long) sqlite3_column_int64 (stmt, 5),
                                            (long long) sqlite3_column_int64 (stmt, 6),
                                            sqlite3_column_text (stmt, 7)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

static gboolean
has_row (GPtrArray  *rows,
         const char *row)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (g_ptr_array_index (rows, i), row))
      return TRUE;
  return FALSE;
}

static gboolean
has_booking (GPtrArray  *rows,
             const char *booking_id)
{
  gsize length = strlen (booking_id);

  for (guint i = 0; i < rows->len; i++)
    {
      const char *row = g_ptr_array_index (rows, i);

      if (strncmp (row, booking_id, length) == 0 && row[length] == '|')
        return TRUE;
    }
  return FALSE;
}

/* Another backend with the same data gives the same bookings. Both sync windows start on
 * their own day, so only the bookings of days in both are compared: a sync across
 * midnight still agrees on all but one day. */
static void
test_sync_deterministic (void)
{
  g_autofree char *id = healthy_property ();
  OkcTestBackend *other = okc_test_backend_start (NULL);
  g_autofree char *other_agent = okc_test_sign_in (okc_test_backend_get_url (other),
                                                   OKC_TEST_AGENT_EMAIL, "demo-agent");
  /* The demo's own stays are generated relative to each backend's start, seconds apart:
   * only what the syncs imported is compared. */
  g_autoptr(GPtrArray) demo = bookings_of (other, id);
  g_autoptr(OkcTestResponse) response = sync_property (other, other_agent, id);
  g_autoptr(GPtrArray) ours = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  guint common = 0, imported = 0;

  ok_object (response);
  ours = bookings_of (backend, id);
  theirs = bookings_of (other, id);
  g_assert_cmpuint (theirs->len, >, demo->len);
  for (guint i = 0; i < theirs->len; i++)
    {
      const char *row = g_ptr_array_index (theirs, i);
      g_autofree char *booking_id = g_strndup (row, strcspn (row, "|"));

      if (has_booking (demo, booking_id))
        continue;
      imported++;
      if (!has_booking (ours, booking_id))
        continue;
      g_assert_true (has_row (ours, row));
      common++;
    }
  g_assert_cmpuint (common, >=, imported > 2 ? imported - 2 : 1);
  okc_test_backend_stop (other);
}

typedef struct
{
  guint status;
  GBytes *body;
  gboolean replayed;
} KeyedAnswer;

static void
keyed_answer_clear (KeyedAnswer *answer)
{
  g_clear_pointer (&answer->body, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KeyedAnswer, keyed_answer_clear)

static void
send_with_key (const char  *method,
               const char  *path,
               const char  *key,
               const char  *json,
               KeyedAnswer *out)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *full = g_strconcat (url (), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, full);
  g_autofree char *authorization = g_strdup_printf ("Bearer %s", agent);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  const char *replayed;

  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "Idempotency-Key", key);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  out->body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  out->status = soup_message_get_status (msg);
  replayed = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                           "Idempotent-Replayed");
  out->replayed = g_strcmp0 (replayed, "true") == 0;
}

/* A sync sent again with its key is not run again: the same answer, one sync recorded. */
static void
test_sync_replayed (void)
{
  g_autofree char *id = healthy_property ();
  g_autofree char *path = g_strdup_printf ("/v1/properties/%s/pms/sync", id);
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *other_key = g_uuid_string_random ();
  gint64 before = query_int ("SELECT count(*) FROM pms_syncs WHERE property_id = ?", id);
  g_auto(KeyedAnswer) first = { 0 };
  g_auto(KeyedAnswer) again = { 0 };
  g_auto(KeyedAnswer) other = { 0 };

  send_with_key ("POST", path, key, "{}", &first);
  send_with_key ("POST", path, key, "{}", &again);
  g_assert_cmpuint (first.status, ==, 200);
  g_assert_false (first.replayed);
  g_assert_cmpuint (again.status, ==, 200);
  g_assert_true (again.replayed);
  g_assert_true (g_bytes_equal (first.body, again.body));
  g_assert_cmpint (query_int ("SELECT count(*) FROM pms_syncs WHERE property_id = ?", id), ==,
                   before + 1);

  /* The same key on another property's sync is another request: refused. */
  {
    g_autofree char *other_id = query_text (backend,
                                            "SELECT id FROM properties WHERE pms_connected "
                                            "AND id != ?1 LIMIT 1",
                                            id);
    g_autofree char *other_path = g_strdup_printf ("/v1/properties/%s/pms/sync", other_id);

    send_with_key ("POST", other_path, key, "{}", &other);
    g_assert_cmpuint (other.status, ==, 409);
  }
}

/* An assignment sent again with its key moves nothing more and records one audit entry. */
static void
test_assign_replayed (void)
{
  g_autofree char *charger = query_text (
    backend, "SELECT id FROM chargers WHERE property_id IS NULL ORDER BY id DESC LIMIT 1", NULL);
  g_autofree char *property = query_text (backend,
                                          "SELECT id FROM properties ORDER BY id DESC LIMIT 1",
                                          NULL);
  g_autofree char *path = g_strdup_printf ("/v1/chargers/%s/assignment", charger);
  g_autofree char *body = g_strdup_printf ("{\"property_id\": \"%s\", \"unit_id\": null}",
                                           property);
  g_autofree char *key = g_uuid_string_random ();
  g_auto(KeyedAnswer) first = { 0 };
  g_auto(KeyedAnswer) again = { 0 };

  g_assert_nonnull (charger);
  send_with_key ("PUT", path, key, body, &first);
  send_with_key ("PUT", path, key, body, &again);
  g_assert_cmpuint (first.status, ==, 200);
  g_assert_true (again.replayed);
  g_assert_true (g_bytes_equal (first.body, again.body));
  g_assert_cmpint (query_int ("SELECT count(*) FROM audit_log WHERE action = 'charger.assign' "
                              "AND target_id = ?1",
                              charger), ==, 1);
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

  g_test_add_func ("/Backend/Properties/lookup", test_lookup);
  g_test_add_func ("/Backend/Properties/assign", test_assign);
  g_test_add_func ("/Backend/Properties/assign-refused", test_assign_refused);
  g_test_add_func ("/Backend/Properties/list", test_list);
  g_test_add_func ("/Backend/Properties/detail", test_detail);
  g_test_add_func ("/Backend/Properties/sync", test_sync);
  g_test_add_func ("/Backend/Properties/sync-failure", test_sync_failure);
  g_test_add_func ("/Backend/Properties/sync-deterministic", test_sync_deterministic);
  g_test_add_func ("/Backend/Properties/sync-replayed", test_sync_replayed);
  g_test_add_func ("/Backend/Properties/assign-replayed", test_assign_replayed);
  status = g_test_run ();

  okc_test_backend_stop (backend);
  g_free (agent);
  g_free (chatbot);
  return status;
}
