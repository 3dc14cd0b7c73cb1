/* test-backend-commands.c — the charger list, history and attention, and every remote
 * command's round trip to its final state, against a real backend whose simulator runs
 * with a short heartbeat interval and fault injection
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-test-backend.h"

/* Offline after more than three intervals: 9 s, longer than a soft reset. */
#define HEARTBEAT_INTERVAL "3"
/* A command is final within 30 s (timeout) or a hard reset's 15 s, plus the ticks. */
#define WAIT_SECONDS 45

static OkcTestBackend *backend;
static char *agent;
static char *chatbot;

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

/* The first column of each row of @sql over the backend's database. */
static GPtrArray *
query_column (const char *sql)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return values;
}

static gint64
query_count (const char *sql)
{
  g_autoptr(GPtrArray) values = query_column (sql);

  g_assert_cmpuint (values->len, ==, 1);
  return g_ascii_strtoll (g_ptr_array_index (values, 0), NULL, 10);
}

/* Healthy chargers of a property, for commands that should go through: a different one
 * for each test, so that their commands do not meet. */
static char *
take_healthy_charger (void)
{
  static guint next;
  g_autoptr(GPtrArray) ids = query_column (
    "SELECT c.id FROM chargers c WHERE c.status = 'online' AND c.sim_cause = 'none' "
    "AND c.property_id IS NOT NULL AND (SELECT count(*) FROM connectors x "
    "WHERE x.charger_id = c.id AND x.status = 'Available') = "
    "(SELECT count(*) FROM connectors x WHERE x.charger_id = c.id) ORDER BY c.id");

  g_assert_cmpuint (next, <, ids->len);
  return g_strdup (g_ptr_array_index (ids, next++));
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

/* Lets a tenth of a second pass on the main loop between two polls of a condition. */
static void
pause_between_polls (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (100, quit_cb, loop);
  g_main_loop_run (loop);
}

static JsonObject *
object_of (OkcTestResponse *response)
{
  return okc_test_response_object (response);
}

static OkcTestResponse *
post (const char *path,
      const char *body)
{
  return okc_test_post_json (url (), path, agent, body);
}

static OkcTestResponse *
send_command (const char *charger_id,
              const char *body)
{
  g_autofree char *path = g_strdup_printf ("/v1/chargers/%s/commands", charger_id);

  return post (path, body);
}

/* Posts @body as a command to @charger_id and returns its id (202 expected). */
static char *
start_command (const char *charger_id,
               const char *body)
{
  g_autoptr(OkcTestResponse) response = send_command (charger_id, body);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerCommand) command = NULL;

  if (response->status != 202)
    g_error ("%s %s: %u %.*s", charger_id, body, response->status,
             (int) g_bytes_get_size (response->body),
             (const char *) g_bytes_get_data (response->body, NULL));
  command = okc_charger_command_new_from_json (response->json, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_charger_command_get_state (command), ==, OKC_COMMAND_STATE_SENT);
  g_assert_null (okc_charger_command_get_outcome (command));
  g_assert_cmpstr (okc_charger_command_get_requested_by_name (command), ==, "Alex Rivera");
  return g_strdup (okc_charger_command_get_id (command));
}

/* Polls GET /v1/commands/{id} until the command is final. */
static OkcChargerCommand *
wait_command (const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/commands/%s", id);
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcChargerCommand) command = NULL;

      g_assert_cmpuint (response->status, ==, 200);
      command = okc_charger_command_new_from_json (response->json, NULL, &error);
      g_assert_no_error (error);
      if (okc_command_state_is_final (okc_charger_command_get_state (command)))
        return g_steal_pointer (&command);
      pause_between_polls ();
    }
  g_error ("%s is not final after %d s", id, WAIT_SECONDS);
}

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

static OkcCharger *
wait_charger_status (const char       *id,
                     OkcChargerStatus  status)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(OkcCharger) charger = get_charger (id);

      if (okc_charger_get_status (charger) == status)
        return g_steal_pointer (&charger);
      pause_between_polls ();
    }
  g_error ("%s is not %s after %d s", id, okc_charger_status_get_label (status), WAIT_SECONDS);
}

static OkcCharger *
inject (const char *charger_id,
        const char *body)
{
  g_autofree char *path = g_strdup_printf ("/v1/simulator/chargers/%s/faults", charger_id);
  g_autoptr(OkcTestResponse) response = post (path, body);
  g_autoptr(GError) error = NULL;
  OkcCharger *charger;

  g_assert_cmpuint (response->status, ==, 200);
  charger = okc_charger_new_from_json (response->json, NULL, &error);
  g_assert_no_error (error);
  return charger;
}

static void
assert_outcome (OkcChargerCommand *command,
                OkcCommandState    state,
                const char        *part)
{
  const char *outcome = okc_charger_command_get_outcome (command);

  g_test_message ("%s: %s", okc_charger_command_get_id (command), outcome);
  g_assert_cmpint (okc_charger_command_get_state (command), ==, state);
  g_assert_nonnull (outcome);
  if (strstr (outcome, part) == NULL)
    g_error ("“%s” does not say “%s”", outcome, part);
}

static void
test_list_pages (void)
{
  gint64 total = query_count ("SELECT count(*) FROM chargers");
  g_autofree char *cursor = NULL;
  g_autofree char *last = NULL;
  gint64 seen = 0;

  do
    {
      g_autofree char *path = cursor == NULL
                                ? g_strdup ("/v1/chargers?limit=7")
                                : g_strdup_printf ("/v1/chargers?limit=7&cursor=%s", cursor);
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
      JsonObject *root;
      JsonArray *chargers;

      g_assert_cmpuint (response->status, ==, 200);
      root = object_of (response);
      chargers = json_object_get_array_member (root, "chargers");
      g_assert_cmpint (json_object_get_int_member (root, "total"), ==, total);
      g_assert_cmpuint (json_array_get_length (chargers), <=, 7);
      for (guint i = 0; i < json_array_get_length (chargers); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(OkcCharger) charger =
            okc_charger_new_from_json (json_array_get_element (chargers, i), NULL, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (okc_charger_get_connectors (charger)->len, >=, 1);
          g_assert_cmpuint (okc_charger_get_connectors (charger)->len, <=, 2);
          /* Ordered by id, each once. */
          if (last != NULL)
            g_assert_cmpint (g_ascii_strcasecmp (last, okc_charger_get_id (charger)), <, 0);
          g_free (last);
          last = g_strdup (okc_charger_get_id (charger));
          seen++;
        }
      g_clear_pointer (&cursor, g_free);
      if (!json_object_get_null_member (root, "next_cursor"))
        cursor = g_strdup (json_object_get_string_member (root, "next_cursor"));
    }
  while (cursor != NULL);
  g_assert_cmpint (seen, ==, total);
}

static void
test_list_filters (void)
{
  static const char * const statuses[] = { "offline", "faulted" };

  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/chargers?status=%s", statuses[s]);
      g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) FROM chargers WHERE status = '%s'", statuses[s]);
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
      JsonArray *chargers = json_object_get_array_member (object_of (response), "chargers");

      g_assert_cmpuint (response->status, ==, 200);
      g_assert_cmpuint (json_array_get_length (chargers), >, 0);
      g_assert_cmpint (json_object_get_int_member (object_of (response), "total"), ==,
                       query_count (sql));
      for (guint i = 0; i < json_array_get_length (chargers); i++)
        g_assert_cmpstr (json_object_get_string_member (
                           json_array_get_object_element (chargers, i), "status"), ==,
                         statuses[s]);
    }

  {
    g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/chargers?property=none",
                                                        agent);
    JsonArray *chargers = json_object_get_array_member (object_of (response), "chargers");

    g_assert_cmpint (json_object_get_int_member (object_of (response), "total"), ==,
                     query_count ("SELECT count(*) FROM chargers WHERE property_id IS NULL"));
    for (guint i = 0; i < json_array_get_length (chargers); i++)
      g_assert_true (json_object_get_null_member (json_array_get_object_element (chargers, i),
                                                  "property"));
  }
  {
    g_autoptr(GPtrArray) property = query_column (
      "SELECT property_id FROM chargers WHERE property_id IS NOT NULL ORDER BY id LIMIT 1");
    g_autofree char *path = g_strdup_printf ("/v1/chargers?property=%s&status=online,faulted",
                                             (char *) g_ptr_array_index (property, 0));
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM chargers WHERE property_id = '%s' AND status != 'offline'",
      (char *) g_ptr_array_index (property, 0));
    g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);

    g_assert_cmpuint (response->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (object_of (response), "total"), ==,
                     query_count (sql));
  }
}

static void
test_list_bad_parameters (void)
{
  static const struct
  {
    const char *query;
    const char *field;
  } bad[] = {
    { "limit=0", "limit" },     { "limit=1001", "limit" },   { "limit=x", "limit" },
    { "status=broken", "status" }, { "status=", "status" },  { "cursor=zz", "cursor" },
    { "cursor=", "cursor" },    { "property=", "property" }, { "colour=red", "colour" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/chargers?%s", bad[i].query);
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);

      g_test_message ("%s", path);
      okc_test_assert_error (response, 400, "invalid_parameter", bad[i].field);
    }
  {
    g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/chargers", chatbot);
    g_assert_cmpuint (response->status, ==, 403);
  }
}

static void
test_history_and_attention (void)
{
  g_autoptr(GPtrArray) faulted = query_column (
    "SELECT id FROM chargers WHERE status = 'faulted' ORDER BY id LIMIT 1");
  g_autofree char *path = g_strdup_printf ("/v1/chargers/%s/history?limit=1",
                                           (char *) g_ptr_array_index (faulted, 0));
  g_autoptr(OkcTestResponse) history = okc_test_get (url (), path, agent);
  g_autoptr(OkcTestResponse) attention = okc_test_get (url (), "/v1/chargers/attention", agent);
  JsonArray *changes = json_object_get_array_member (object_of (history), "changes");
  JsonArray *list = json_object_get_array_member (object_of (attention), "chargers");
  gboolean seen_faulted = FALSE;

  g_assert_cmpuint (history->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OkcChargerChange) change =
      okc_charger_change_new_from_json (json_array_get_element (changes, 0), NULL, &error);
    g_assert_no_error (error);
  }

  g_assert_cmpuint (attention->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (list), >, 0);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      JsonObject *reason = json_array_get_object_element (
        json_object_get_array_member (entry, "reasons"), 0);
      const char *kind = json_object_get_string_member (reason, "kind");

      /* Offline first, then faulted. */
      if (g_str_equal (kind, "connector_faulted"))
        seen_faulted = TRUE;
      else if (g_str_equal (kind, "offline"))
        g_assert_false (seen_faulted);
      g_assert_nonnull (json_object_get_string_member (reason, "text"));
    }

  {
    g_autoptr(OkcTestResponse) response =
      okc_test_get (url (), "/v1/chargers/CH-99999/history", agent);
    okc_test_assert_error (response, 404, "not_found", NULL);
  }
  {
    g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/commands/CMD-999999", agent);
    okc_test_assert_error (response, 404, "not_found", NULL);
  }
}

/* Every command on healthy chargers, all in flight at once, each to its final state. */
static void
test_round_trips (void)
{
  g_autofree char *a = take_healthy_charger ();
  g_autofree char *b = take_healthy_charger ();
  g_autofree char *c = take_healthy_charger ();
  g_autofree char *d = take_healthy_charger ();
  g_autofree char *e = take_healthy_charger ();
  g_autofree char *f = take_healthy_charger ();
  g_autofree char *g = take_healthy_charger ();
  g_autoptr(GPtrArray) account = query_column (
    "SELECT id FROM accounts WHERE kind = 'guest' ORDER BY id LIMIT 1");
  g_autoptr(GPtrArray) ticket = query_column ("SELECT id FROM tickets ORDER BY seq LIMIT 1");
  g_autofree char *start_body = g_strdup_printf (
    "{\"kind\": \"remote_start\", \"connector_id\": 1, \"account\": \"%s\"}",
    (char *) g_ptr_array_index (account, 0));
  g_autofree char *heartbeat_body = g_strdup_printf (
    "{\"kind\": \"trigger_heartbeat\", \"ticket_id\": \"%s\"}",
    (char *) g_ptr_array_index (ticket, 0));
  g_autofree char *heartbeat = start_command (a, heartbeat_body);
  g_autofree char *status = start_command (b, "{\"kind\": \"trigger_status\"}");
  g_autofree char *soft = start_command (c, "{\"kind\": \"soft_reset\", \"connector_id\": 0}");
  g_autofree char *hard = start_command (d, "{\"kind\": \"hard_reset\"}");
  g_autofree char *unlock = start_command (e, "{\"kind\": \"unlock_connector\", "
                                              "\"connector_id\": 1}");
  g_autofree char *availability = start_command (
    f, "{\"kind\": \"change_availability\", \"connector_id\": 0, "
       "\"availability\": \"inoperative\"}");
  g_autofree char *remote_start = start_command (g, start_body);
  g_autofree char *remote_stop = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(OkcChargerCommand) done = NULL;
  g_autoptr(OkcCharger) charger = NULL;

  done = wait_command (heartbeat);
  assert_outcome (done, OKC_COMMAND_STATE_COMPLETED, "heartbeat");
  g_assert_cmpstr (okc_charger_command_get_ticket_id (done), ==, g_ptr_array_index (ticket, 0));
  g_clear_object (&done);
  done = wait_command (status);
  assert_outcome (done, OKC_COMMAND_STATE_COMPLETED, "connector 1 Available");
  g_clear_object (&done);
  done = wait_command (unlock);
  assert_outcome (done, OKC_COMMAND_STATE_COMPLETED, "Connector 1 unlocked");
  g_clear_object (&done);
  done = wait_command (availability);
  assert_outcome (done, OKC_COMMAND_STATE_COMPLETED, "Unavailable");
  g_clear_object (&done);
  charger = get_charger (f);
  g_assert_cmpint (okc_connector_get_status (okc_charger_get_connector (charger, 1)), ==,
                   OKC_CONNECTOR_STATUS_UNAVAILABLE);
  g_clear_object (&charger);

  done = wait_command (remote_start);
  assert_outcome (done, OKC_COMMAND_STATE_COMPLETED, "charging on connector 1");
  g_clear_object (&done);
  charger = get_charger (g);
  g_assert_cmpint (okc_connector_get_status (okc_charger_get_connector (charger, 1)), ==,
                   OKC_CONNECTOR_STATUS_CHARGING);
  session_id = g_strdup (okc_connector_get_session_id (okc_charger_get_connector (charger, 1)));
  g_assert_nonnull (session_id);
  g_clear_object (&charger);

  /* A second session cannot start where one runs: the core rule, 409. */
  {
    g_autoptr(OkcTestResponse) response = send_command (g, start_body);
    okc_test_assert_error (response, 409, "command_unavailable", NULL);
  }
  remote_stop = start_command (g, "{\"kind\": \"remote_stop\", \"connector_id\": 1, "
                                  "\"end_billing\": true}");
  done = wait_command (remote_stop);
  assert_outcome (done, OKC_COMMAND_STATE_COMPLETED, "without idle fee");
  g_clear_object (&done);

  done = wait_command (soft);
  assert_outcome (done, OKC_COMMAND_STATE_COMPLETED, "Rebooted");
  g_clear_object (&done);
  done = wait_command (hard);
  assert_outcome (done, OKC_COMMAND_STATE_COMPLETED, "Rebooted");
  g_clear_object (&done);

  /* Once the cable is out, the session is billed, without idle fee. */
  sql = g_strdup_printf ("SELECT count(*) FROM sessions WHERE id = '%s' AND "
                         "stop_reason = 'Remote' AND billed NOT LIKE '%%\"idle_fee\"%%'", session_id);
  for (gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
       query_count (sql) == 0 && g_get_monotonic_time () < deadline;)
    pause_between_polls ();
  g_assert_cmpint (query_count (sql), ==, 1);

  /* Each command is in the audit trail: who sent it, and what came of it. */
  g_assert_cmpint (query_count ("SELECT count(*) FROM audit_log WHERE action = 'charger.command' "
                                "AND actor_id = 'USR-0001'"), >=, 8);
  g_assert_cmpint (query_count ("SELECT count(*) FROM audit_log WHERE "
                                "action = 'charger.command.outcome' AND after IS NOT NULL"), >=, 8);
  {
    g_autofree char *ticket_sql = g_strdup_printf (
      "SELECT count(*) FROM audit_log WHERE action = 'charger.command' AND ticket_id = '%s' "
      "AND target_id = '%s'", (char *) g_ptr_array_index (ticket, 0), a);
    g_assert_cmpint (query_count (ticket_sql), ==, 1);
  }
  /* Each state change went out on the event stream, the charger changes too. */
  g_assert_cmpint (query_count ("SELECT count(*) FROM events WHERE type = 'charger.command'"), >=,
                   8 * 3);
  {
    g_autofree char *events_sql = g_strdup_printf (
      "SELECT count(*) FROM events WHERE type = 'charger.updated' AND "
      "json_extract(data, '$.charger.id') = '%s'", g);
    g_assert_cmpint (query_count (events_sql), >=, 3);
  }
  /* And the charger's list of commands has them, newest first. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/chargers/%s/commands?limit=5", g);
    g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
    JsonArray *commands = json_object_get_array_member (object_of (response), "commands");

    g_assert_cmpuint (json_array_get_length (commands), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (commands, 0),
                                                    "id"), ==, remote_stop);
  }
}

/* A reset reboots a ground-faulted charger and the fault comes back; unlock clears a stuck
 * connector; a charger without power cannot be reached and refuses commands once offline. */
static void
test_causes (void)
{
  g_autofree char *a = take_healthy_charger ();
  g_autofree char *b = take_healthy_charger ();
  g_autofree char *c = take_healthy_charger ();
  g_autoptr(OkcCharger) charger = NULL;
  g_autoptr(OkcChargerCommand) done = NULL;
  g_autofree char *reset = NULL;
  g_autofree char *unlock = NULL;

  charger = inject (a, "{\"cause\": \"ground_fault\", \"connector_id\": 1}");
  g_assert_cmpint (okc_charger_get_status (charger), ==, OKC_CHARGER_STATUS_FAULTED);
  g_assert_cmpint (okc_connector_get_error_code (okc_charger_get_connector (charger, 1)), ==,
                   OKC_CHARGE_POINT_ERROR_GROUND_FAILURE);
  g_clear_object (&charger);
  charger = inject (b, "{\"cause\": \"stuck_connector\"}");
  g_clear_object (&charger);
  charger = inject (c, "{\"cause\": \"power_lost\"}");
  g_clear_object (&charger);

  reset = start_command (a, "{\"kind\": \"soft_reset\"}");
  unlock = start_command (b, "{\"kind\": \"unlock_connector\", \"connector_id\": 1}");

  done = wait_command (unlock);
  assert_outcome (done, OKC_COMMAND_STATE_COMPLETED, "Available again");
  g_clear_object (&done);
  charger = get_charger (b);
  g_assert_cmpint (okc_charger_get_status (charger), ==, OKC_CHARGER_STATUS_ONLINE);
  g_clear_object (&charger);

  done = wait_command (reset);
  assert_outcome (done, OKC_COMMAND_STATE_COMPLETED, "a reset cannot clear a ground fault");
  g_clear_object (&done);
  charger = get_charger (a);
  g_assert_cmpint (okc_charger_get_status (charger), ==, OKC_CHARGER_STATUS_FAULTED);
  g_clear_object (&charger);

  /* The charger without power goes offline after three missed heartbeats; then commands
   * are refused with the core's reason. */
  charger = wait_charger_status (c, OKC_CHARGER_STATUS_OFFLINE);
  g_clear_object (&charger);
  {
    g_autoptr(OkcTestResponse) response = send_command (c, "{\"kind\": \"soft_reset\"}");
    okc_test_assert_error (response, 409, "command_unavailable", NULL);
    g_assert_nonnull (strstr (json_object_get_string_member (
                                json_object_get_object_member (object_of (response), "error"),
                                "message"), "offline"));
  }
  /* The power comes back (a technician): online again. */
  {
    g_autofree char *address = g_strdup_printf ("%s/v1/simulator/chargers/%s/faults", url (), c);
    g_autoptr(OkcTestResponse) response = okc_test_http ("DELETE", address, agent, NULL, NULL);
    g_assert_cmpuint (response->status, ==, 200);
  }
  charger = wait_charger_status (c, OKC_CHARGER_STATUS_ONLINE);
}

/* Routine heartbeats are written, not announced. */
static void
test_quiet_heartbeats (void)
{
  g_autofree char *a = take_healthy_charger ();
  g_autofree char *heartbeat_sql = g_strdup_printf (
    "SELECT coalesce(last_heartbeat_at, 0) FROM chargers WHERE id = '%s'", a);
  g_autofree char *events_sql = g_strdup_printf (
    "SELECT count(*) FROM events WHERE json_extract(data, '$.charger.id') = '%s'", a);
  gint64 first = query_count (heartbeat_sql);
  gint64 two_beats = 2 * g_ascii_strtoll (HEARTBEAT_INTERVAL, NULL, 10);
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  /* Two heartbeats later: newer in the table, nothing on the stream. */
  while (query_count (heartbeat_sql) < first + two_beats && g_get_monotonic_time () < deadline)
    pause_between_polls ();
  g_assert_cmpint (query_count (heartbeat_sql), >=, first + two_beats);
  g_assert_cmpint (query_count (events_sql), ==, 0);
}

static void
test_refusals (void)
{
  g_autofree char *a = take_healthy_charger ();
  static const struct
  {
    const char *body;
    const char *field;
  } bad[] = {
    { "{\"kind\": \"reboot\"}", "kind" },
    { "{\"kind\": \"remote_start\", \"connector_id\": 1}", "account" },
    { "{\"kind\": \"remote_start\", \"connector_id\": 1, \"account\": \"ACC-99999\"}", "account" },
    { "{\"kind\": \"trigger_heartbeat\", \"ticket_id\": \"TCK-999999\"}", "ticket_id" },
    { "{\"kind\": \"change_availability\", \"connector_id\": 1}", "availability" },
    { "{\"kind\": \"soft_reset\", \"colour\": \"red\"}", "colour" },
    { "[]", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(OkcTestResponse) response = send_command (a, bad[i].body);

      g_test_message ("%s", bad[i].body);
      okc_test_assert_error (response, 422, "invalid_input", bad[i].field);
    }
  {
    g_autoptr(OkcTestResponse) response =
      send_command (a, "{\"kind\": \"remote_stop\", \"connector_id\": 1}");
    okc_test_assert_error (response, 409, "command_unavailable", NULL);
    g_assert_nonnull (strstr (json_object_get_string_member (
                                json_object_get_object_member (object_of (response), "error"),
                                "message"), "No session to stop"));
  }
  {
    g_autoptr(OkcTestResponse) response =
      send_command (a, "{\"kind\": \"unlock_connector\", \"connector_id\": 3}");
    okc_test_assert_error (response, 409, "command_unavailable", NULL);
  }
  {
    g_autoptr(OkcTestResponse) response = send_command ("CH-99999", "{\"kind\": \"soft_reset\"}");
    okc_test_assert_error (response, 404, "not_found", NULL);
  }
  {
    g_autofree char *path = g_strdup_printf ("/v1/chargers/%s/commands", a);
    g_autoptr(OkcTestResponse) response =
      okc_test_post_json (url (), path, chatbot, "{\"kind\": \"soft_reset\"}");
    g_assert_cmpuint (response->status, ==, 403);
  }
  {
    g_autofree char *path = g_strdup_printf ("/v1/simulator/chargers/%s/faults", a);
    g_autoptr(OkcTestResponse) response = post (path, "{\"cause\": \"meteor\"}");
    okc_test_assert_error (response, 422, "invalid_input", "cause");
  }
  /* Nothing of it reached the audit trail or the charger. */
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM charger_commands WHERE charger_id = '%s'", a);
    g_assert_cmpint (query_count (sql), ==, 0);
  }
}

/* The state is all in SQLite: a restart keeps the faults, the commands and their history. */
static void
test_restart (void)
{
  g_autofree char *a = take_healthy_charger ();
  g_autoptr(OkcCharger) charger = inject (a, "{\"cause\": \"stuck_connector\"}");
  g_autofree char *path = g_strdup_printf ("/v1/chargers/%s/history", a);
  g_autoptr(OkcTestResponse) before = okc_test_get (url (), path, agent);
  g_autoptr(OkcTestResponse) after = NULL;
  g_autofree char *reset = NULL;
  g_autoptr(OkcChargerCommand) done = NULL;

  okc_test_backend_kill (backend);
  okc_test_backend_restart (backend);
  g_clear_object (&charger);
  charger = get_charger (a);
  g_assert_cmpint (okc_charger_get_status (charger), ==, OKC_CHARGER_STATUS_FAULTED);
  after = okc_test_get (url (), path, agent);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (after),
                                                                         "changes")), >=,
                    json_array_get_length (json_object_get_array_member (object_of (before),
                                                                         "changes")));
  /* The cause is still there: a reset does not release the lock. */
  reset = start_command (a, "{\"kind\": \"soft_reset\"}");
  done = wait_command (reset);
  assert_outcome (done, OKC_COMMAND_STATE_COMPLETED, "unlock the connector");
}

/* Without --simulator-control the fault paths do not exist. */
static void
test_no_simulator_control (void)
{
  OkcTestBackend *plain = okc_test_backend_start ((const char *[]) { "--tickets", "5", NULL });
  g_autofree char *token = okc_test_sign_in (okc_test_backend_get_url (plain),
                                             OKC_TEST_AGENT_EMAIL, "demo-agent");
  g_autoptr(OkcTestResponse) response = okc_test_post_json (
    okc_test_backend_get_url (plain), "/v1/simulator/chargers/CH-10001/faults", token,
    "{\"cause\": \"power_lost\"}");

  okc_test_assert_error (response, 404, "not_found", NULL);
  okc_test_backend_stop (plain);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Backend/commands/list-pages", test_list_pages);
  g_test_add_func ("/Okc/Backend/commands/list-filters", test_list_filters);
  g_test_add_func ("/Okc/Backend/commands/list-bad-parameters", test_list_bad_parameters);
  g_test_add_func ("/Okc/Backend/commands/history-and-attention", test_history_and_attention);
  g_test_add_func ("/Okc/Backend/commands/round-trips", test_round_trips);
  g_test_add_func ("/Okc/Backend/commands/causes", test_causes);
  g_test_add_func ("/Okc/Backend/commands/quiet-heartbeats", test_quiet_heartbeats);
  g_test_add_func ("/Okc/Backend/commands/refusals", test_refusals);
  g_test_add_func ("/Okc/Backend/commands/restart", test_restart);
  g_test_add_func ("/Okc/Backend/commands/no-simulator-control", test_no_simulator_control);

  backend = okc_test_backend_start ((const char *[]) {
    "--tickets", "40", "--heartbeat-interval", HEARTBEAT_INTERVAL, "--simulator-control", NULL });
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");
  status = g_test_run ();
  okc_test_backend_stop (backend);
  g_free (agent);
  g_free (chatbot);
  return status;
}
