/* test-charger-fleet.c — the live charger fleet and remote commands through the client,
 * against the real backend's fleet simulator on loopback
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-charger-fleet.h"
#include "okc-client-private.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

static OkcTestBackend *backend;
static OkcClient *agent;
static OkcEventStream *stream;
static OkcChargerFleet *fleet;

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

static gint64
count_chargers (void)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT (*) FROM chargers", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

static gboolean
fleet_loaded (gpointer data)
{
  return okc_charger_fleet_get_loaded (data) && !okc_charger_fleet_get_loading (data);
}

static gboolean
stream_connected (gpointer data)
{
  return okc_event_stream_get_state (data) == OKC_EVENT_STREAM_STATE_CONNECTED;
}

static gpointer
decode_nothing (JsonNode  *root,
                gint64     server_time,
                GError   **error)
{
  return json_node_ref (root);
}

/* The simulator's test hook (--simulator-control): gives the charger a fault @cause. */
static void
inject_fault (const char *charger_id,
              const char *cause,
              guint       connector_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/simulator/chargers/%s/faults", charger_id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cause");
  json_builder_add_string_value (builder, cause);
  json_builder_set_member_name (builder, "connector_id");
  json_builder_add_int_value (builder, connector_id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  okc_client_call_json_async (agent, "POST", path, NULL, body, decode_nothing,
                              (GDestroyNotify) json_node_unref, inject_fault, NULL,
                              okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  answer = okc_client_propagate_pointer (agent, result, inject_fault, &error);
  g_assert_no_error (error);
}

/* An online charger of the fleet whose connector 1 is Available, other than @not. */
static OkcCharger *
find_healthy_charger (const char *not)
{
  GListModel *chargers = okc_charger_fleet_get_chargers (fleet);

  for (guint i = 0; i < g_list_model_get_n_items (chargers); i++)
    {
      g_autoptr(OkcCharger) charger = g_list_model_get_item (chargers, i);
      OkcConnector *connector = okc_charger_get_connector (charger, 1);

      if (okc_charger_get_status (charger) == OKC_CHARGER_STATUS_ONLINE && connector != NULL &&
          okc_connector_get_status (connector) == OKC_CONNECTOR_STATUS_AVAILABLE &&
          g_strcmp0 (okc_charger_get_id (charger), not) != 0)
        return g_steal_pointer (&charger);
    }
  g_assert_not_reached ();
}

typedef struct
{
  const char *charger_id;
  OkcConnectorStatus status;
  OkcChargerStatus charger_status;
} ConnectorWait;

static gboolean
connector_is (gpointer data)
{
  ConnectorWait *wait = data;
  OkcCharger *charger = okc_charger_fleet_lookup (fleet, wait->charger_id);
  OkcConnector *connector = charger != NULL ? okc_charger_get_connector (charger, 1) : NULL;

  return connector != NULL && okc_connector_get_status (connector) == wait->status &&
         okc_charger_get_status (charger) == wait->charger_status;
}

static void
wait_for_connector (const char         *charger_id,
                    OkcConnectorStatus  status,
                    OkcChargerStatus    charger_status)
{
  ConnectorWait wait = { charger_id, status, charger_status };

  okc_test_wait_until (connector_is, &wait);
}

/* Every state a command went through, as the fleet announced them. */
typedef struct
{
  char *id;
  GArray *states;
  OkcChargerCommand *last;
} CommandTrace;

static void
command_changed_cb (OkcChargerFleet   *source,
                    OkcChargerCommand *command,
                    gpointer           user_data)
{
  CommandTrace *trace = user_data;
  OkcCommandState state = okc_charger_command_get_state (command);

  if (g_strcmp0 (okc_charger_command_get_id (command), trace->id) != 0)
    return;
  g_array_append_val (trace->states, state);
  g_set_object (&trace->last, command);
}

static gboolean
command_final (gpointer data)
{
  CommandTrace *trace = data;

  return trace->last != NULL &&
         okc_command_state_is_final (okc_charger_command_get_state (trace->last));
}

static OkcChargerCommand *
send_command (OkcChargerCommand  *command,
              GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_send_charger_command_async (agent, command, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_send_charger_command_finish (agent, result, error);
}

/* Sends @kind to @charger_id and follows it to its final state; returns the last one. */
static OkcChargerCommand *
run_command (const char     *charger_id,
             OkcCommandKind  kind,
             guint           connector_id,
             GArray        **out_states)
{
  g_autoptr(OkcChargerCommand) request = okc_charger_command_new (charger_id, kind,
                                                                  connector_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerCommand) sent = NULL;
  CommandTrace trace = { NULL, g_array_new (FALSE, FALSE, sizeof (OkcCommandState)), NULL };
  gulong handler;

  handler = g_signal_connect (fleet, "command-changed", G_CALLBACK (command_changed_cb), &trace);
  sent = send_command (request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (okc_charger_command_get_id (sent));
  g_assert_cmpint (okc_charger_command_get_kind (sent), ==, kind);
  g_assert_cmpstr (okc_charger_command_get_requested_by_name (sent), ==, "Alex Rivera");
  trace.id = g_strdup (okc_charger_command_get_id (sent));
  okc_test_wait_until (command_final, &trace);
  g_signal_handler_disconnect (fleet, handler);

  g_free (trace.id);
  *out_states = trace.states;
  return trace.last;
}

static gboolean
has_state (GArray          *states,
           OkcCommandState  state)
{
  for (guint i = 0; i < states->len; i++)
    if (g_array_index (states, OkcCommandState, i) == state)
      return TRUE;
  return FALSE;
}

static void
test_load (void)
{
  GListModel *chargers = okc_charger_fleet_get_chargers (fleet);
  gint64 n = count_chargers ();
  g_autoptr(OkcCharger) first = NULL;

  g_assert_cmpint (g_list_model_get_n_items (chargers), ==, n);
  g_assert_null (okc_charger_fleet_get_error (fleet));
  for (guint i = 1; i < g_list_model_get_n_items (chargers); i++)
    {
      g_autoptr(OkcCharger) a = g_list_model_get_item (chargers, i - 1);
      g_autoptr(OkcCharger) b = g_list_model_get_item (chargers, i);

      g_assert_cmpint (strcmp (okc_charger_get_id (a), okc_charger_get_id (b)), <, 0);
    }
  first = g_list_model_get_item (chargers, 0);
  g_assert_true (okc_charger_fleet_lookup (fleet, okc_charger_get_id (first)) == first);
  g_assert_null (okc_charger_fleet_lookup (fleet, "CH-00000"));
  g_assert_cmpuint (okc_charger_get_connectors (first)->len, >=, 1);
}

static void
test_paging (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  gint64 n = count_chargers ();
  guint pages = 0;

  do
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcChargerPage) page = NULL;

      okc_client_list_chargers_async (agent, NULL, cursor, 7, NULL, okc_test_result_cb, &result);
      okc_test_wait_for_result (&result);
      page = okc_client_list_chargers_finish (agent, result, &error);
      g_assert_no_error (error);
      g_assert_cmpint (page->total, ==, n);
      g_assert_cmpuint (page->chargers->len, <=, 7);
      for (guint i = 0; i < page->chargers->len; i++)
        g_assert_true (g_hash_table_add (
          seen, g_strdup (okc_charger_get_id (g_ptr_array_index (page->chargers, i)))));
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
      pages++;
    }
  while (cursor != NULL);

  g_assert_cmpint (g_hash_table_size (seen), ==, n);
  g_assert_cmpuint (pages, ==, (n + 6) / 7);
}

typedef struct
{
  char *charger_id;
  gint64 heartbeat;
} HeartbeatWait;

static gboolean
heartbeat_advanced (gpointer data)
{
  HeartbeatWait *wait = data;
  OkcCharger *charger = okc_charger_fleet_lookup (fleet, wait->charger_id);

  return charger != NULL && okc_charger_get_last_heartbeat (charger) > wait->heartbeat;
}

/* Routine heartbeats change no status, yet the fleet's ages follow them, in place. */
static void
test_heartbeats_follow (void)
{
  g_autoptr(OkcCharger) charger = find_healthy_charger (NULL);
  HeartbeatWait wait = { g_strdup (okc_charger_get_id (charger)),
                         okc_charger_get_last_heartbeat (charger) };

  okc_test_wait_until (heartbeat_advanced, &wait);
  g_assert_true (okc_charger_fleet_lookup (fleet, wait.charger_id) == charger);
  g_assert_cmpint (okc_charger_get_status (okc_charger_fleet_lookup (fleet, wait.charger_id)),
                   ==, OKC_CHARGER_STATUS_ONLINE);
  g_free (wait.charger_id);
}

/* A firmware glitch faults connector 1; a soft reset clears it, and the fleet follows. */
static void
test_reset_clears_glitch (void)
{
  g_autoptr(OkcCharger) charger = find_healthy_charger (NULL);
  const char *id = okc_charger_get_id (charger);
  g_autoptr(OkcChargerCommand) last = NULL;
  g_autoptr(GArray) states = NULL;

  inject_fault (id, "firmware_glitch", 1);
  wait_for_connector (id, OKC_CONNECTOR_STATUS_FAULTED, OKC_CHARGER_STATUS_FAULTED);
  g_assert_cmpint (okc_connector_get_error_code (
                     okc_charger_get_connector (okc_charger_fleet_lookup (fleet, id), 1)),
                   ==, OKC_CHARGE_POINT_ERROR_INTERNAL_ERROR);

  last = run_command (id, OKC_COMMAND_KIND_SOFT_RESET, 0, &states);
  g_assert_true (has_state (states, OKC_COMMAND_STATE_ACCEPTED));
  g_assert_cmpint (okc_charger_command_get_state (last), ==, OKC_COMMAND_STATE_COMPLETED);
  g_assert_nonnull (okc_charger_command_get_outcome (last));
  wait_for_connector (id, OKC_CONNECTOR_STATUS_AVAILABLE, OKC_CHARGER_STATUS_ONLINE);
}

/* A ground fault survives a reset: the command completes, the fault comes back. */
static void
test_reset_cannot_clear_ground_fault (void)
{
  g_autoptr(OkcCharger) charger = find_healthy_charger (NULL);
  const char *id = okc_charger_get_id (charger);
  g_autoptr(OkcChargerCommand) last = NULL;
  g_autoptr(GArray) states = NULL;
  OkcCharger *after;

  inject_fault (id, "ground_fault", 1);
  wait_for_connector (id, OKC_CONNECTOR_STATUS_FAULTED, OKC_CHARGER_STATUS_FAULTED);

  last = run_command (id, OKC_COMMAND_KIND_SOFT_RESET, 0, &states);
  g_assert_true (has_state (states, OKC_COMMAND_STATE_ACCEPTED));
  g_assert_nonnull (strstr (okc_charger_command_get_outcome (last), "Faulted"));
  wait_for_connector (id, OKC_CONNECTOR_STATUS_FAULTED, OKC_CHARGER_STATUS_FAULTED);
  after = okc_charger_fleet_lookup (fleet, id);
  g_assert_cmpint (okc_connector_get_error_code (okc_charger_get_connector (after, 1)), ==,
                   OKC_CHARGE_POINT_ERROR_GROUND_FAILURE);
}

/* Once a charger lost its power and went offline, neither core nor backend lets a
 * command through, and both say why. */
static void
test_offline_refuses_commands (void)
{
  g_autoptr(OkcCharger) charger = find_healthy_charger (NULL);
  const char *id = okc_charger_get_id (charger);
  g_autoptr(OkcChargerCommand) request = okc_charger_command_new (id,
                                                                  OKC_COMMAND_KIND_HARD_RESET, 0);
  g_autoptr(OkcChargerCommand) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  OkcCharger *offline;

  inject_fault (id, "power_lost", 1);
  wait_for_connector (id, OKC_CONNECTOR_STATUS_AVAILABLE, OKC_CHARGER_STATUS_OFFLINE);
  offline = okc_charger_fleet_lookup (fleet, id);
  g_assert_false (okc_charger_check_command (offline, OKC_COMMAND_KIND_HARD_RESET, 0,
                                             g_get_real_time () / G_USEC_PER_SEC, &reason));
  g_assert_nonnull (strstr (reason, "offline"));

  sent = send_command (request, &error);
  g_assert_null (sent);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_CONFLICT);
  g_assert_cmpstr (okc_client_error_get_server_code (error), ==, "command_unavailable");
  g_assert_nonnull (strstr (error->message, "offline"));
  g_assert_null (strstr (error->message, "Someone else"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Client/fleet/load", test_load);
  g_test_add_func ("/Okc/Client/fleet/paging", test_paging);
  g_test_add_func ("/Okc/Client/fleet/heartbeats-follow", test_heartbeats_follow);
  g_test_add_func ("/Okc/Client/fleet/reset-clears-glitch", test_reset_clears_glitch);
  g_test_add_func ("/Okc/Client/fleet/reset-cannot-clear-ground-fault",
                   test_reset_cannot_clear_ground_fault);
  g_test_add_func ("/Okc/Client/fleet/offline-refuses-commands", test_offline_refuses_commands);

  /* Heartbeats every second: a charger that lost its power is offline within seconds. */
  backend = okc_test_backend_start ((const char *[]) { "--tickets", "200", "--simulator-control",
                                                       "--heartbeat-interval", "1", NULL });
  agent = signed_in_client ("alex.rivera@ok2charge.example", "demo-agent");
  stream = okc_event_stream_new (agent);
  fleet = okc_charger_fleet_new (agent);
  okc_charger_fleet_follow (fleet, stream);
  okc_event_stream_start (stream);
  okc_test_wait_until (stream_connected, stream);
  okc_charger_fleet_refresh (fleet);
  okc_test_wait_until (fleet_loaded, fleet);

  status = g_test_run ();

  okc_event_stream_stop (stream);
  g_clear_object (&fleet);
  g_clear_object (&stream);
  g_clear_object (&agent);
  okc_test_backend_stop (backend);
  return status;
}
