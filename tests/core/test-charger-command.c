/* test-charger-command.c — remote commands: codecs, requests, and when a charger can take one
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

/* 2026-11-24T09:30:00Z */
#define NOW ((gint64) 1795512600)
#define NEVER G_MININT64

static JsonNode *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonNode *node = okc_json_parse_bytes (bytes, &error);

  g_assert_no_error (error);
  return node;
}

/* Connector 1 Available, 2 Charging a session, 3 Faulted, 4 Preparing without a session. */
static OkcCharger *
charger_new (OkcChargerStatus status,
             gint64           heartbeat_age)
{
  OkcCharger *charger =
    okc_charger_new ("CH-10234", "OK2-W22-2300042", "OK2 Wallbox 22", "3.4.1", status,
                     heartbeat_age == NEVER ? 0 : NOW - heartbeat_age,
                     OKC_CHARGER_POLICY_RESIDENTS_GUESTS);
  g_autoptr(OkcConnector) one =
    okc_connector_new (1, OKC_CONNECTOR_STATUS_AVAILABLE, OKC_CHARGE_POINT_ERROR_NO_ERROR, NULL,
                       NULL, NOW - 3600, NULL);
  g_autoptr(OkcConnector) two =
    okc_connector_new (2, OKC_CONNECTOR_STATUS_CHARGING, OKC_CHARGE_POINT_ERROR_NO_ERROR, NULL,
                       NULL, NOW - 600, "SES-0004711");
  g_autoptr(OkcConnector) three =
    okc_connector_new (3, OKC_CONNECTOR_STATUS_FAULTED, OKC_CHARGE_POINT_ERROR_GROUND_FAILURE,
                       "E-GF-01", NULL, NOW - 7200, NULL);
  g_autoptr(OkcConnector) four =
    okc_connector_new (4, OKC_CONNECTOR_STATUS_PREPARING, OKC_CHARGE_POINT_ERROR_NO_ERROR, NULL,
                       NULL, NOW - 60, NULL);

  okc_charger_add_connector (charger, one);
  okc_charger_add_connector (charger, two);
  okc_charger_add_connector (charger, three);
  okc_charger_add_connector (charger, four);
  return charger;
}

typedef struct
{
  OkcChargerStatus status;
  gint64 heartbeat_age;
  OkcCommandKind kind;
  guint connector_id;
  const char *reason; /* NULL: the charger can take it */
} CheckCase;

#define OFFLINE_12 "CH-10234 is offline: its last heartbeat was 12 min ago, so it cannot " \
                   "receive commands"
#define OFFLINE_NEVER "CH-10234 is offline: it has never sent a heartbeat, so it cannot " \
                      "receive commands"
#define ONLINE OKC_CHARGER_STATUS_ONLINE, 30
#define FAULTED OKC_CHARGER_STATUS_FAULTED, 30
#define OFFLINE OKC_CHARGER_STATUS_OFFLINE, 12 * 60 + 5

static const CheckCase check_cases[] = {
  /* An offline charger takes nothing, whatever the command. */
  { OFFLINE, OKC_COMMAND_KIND_TRIGGER_HEARTBEAT, 0, OFFLINE_12 },
  { OFFLINE, OKC_COMMAND_KIND_TRIGGER_STATUS, 0, OFFLINE_12 },
  { OFFLINE, OKC_COMMAND_KIND_SOFT_RESET, 0, OFFLINE_12 },
  { OFFLINE, OKC_COMMAND_KIND_HARD_RESET, 0, OFFLINE_12 },
  { OFFLINE, OKC_COMMAND_KIND_UNLOCK_CONNECTOR, 1, OFFLINE_12 },
  { OFFLINE, OKC_COMMAND_KIND_CHANGE_AVAILABILITY, 0, OFFLINE_12 },
  { OFFLINE, OKC_COMMAND_KIND_REMOTE_START, 1, OFFLINE_12 },
  { OFFLINE, OKC_COMMAND_KIND_REMOTE_STOP, 2, OFFLINE_12 },
  { OKC_CHARGER_STATUS_OFFLINE, NEVER, OKC_COMMAND_KIND_SOFT_RESET, 0, OFFLINE_NEVER },
  { OKC_CHARGER_STATUS_OFFLINE, 3 * 3600 + 12 * 60, OKC_COMMAND_KIND_TRIGGER_HEARTBEAT, 0,
    "CH-10234 is offline: its last heartbeat was 3 h 12 min ago, so it cannot receive "
    "commands" },
  /* A heartbeat from the future (clock skew) is just now. */
  { OKC_CHARGER_STATUS_OFFLINE, -40, OKC_COMMAND_KIND_HARD_RESET, 0,
    "CH-10234 is offline: its last heartbeat was 0 s ago, so it cannot receive commands" },

  /* Online and faulted chargers take the charger-wide commands. */
  { ONLINE, OKC_COMMAND_KIND_TRIGGER_HEARTBEAT, 0, NULL },
  { ONLINE, OKC_COMMAND_KIND_TRIGGER_STATUS, 0, NULL },
  { ONLINE, OKC_COMMAND_KIND_TRIGGER_STATUS, 3, NULL },
  { ONLINE, OKC_COMMAND_KIND_SOFT_RESET, 0, NULL },
  { ONLINE, OKC_COMMAND_KIND_HARD_RESET, 0, NULL },
  { ONLINE, OKC_COMMAND_KIND_CHANGE_AVAILABILITY, 0, NULL },
  { FAULTED, OKC_COMMAND_KIND_TRIGGER_HEARTBEAT, 0, NULL },
  { FAULTED, OKC_COMMAND_KIND_TRIGGER_STATUS, 0, NULL },
  { FAULTED, OKC_COMMAND_KIND_SOFT_RESET, 0, NULL },
  { FAULTED, OKC_COMMAND_KIND_HARD_RESET, 0, NULL },
  { FAULTED, OKC_COMMAND_KIND_CHANGE_AVAILABILITY, 0, NULL },
  { ONLINE, OKC_COMMAND_KIND_SOFT_RESET, 1, "“Soft reset” acts on the whole charger, not on "
                                            "connector 1" },
  { ONLINE, OKC_COMMAND_KIND_HARD_RESET, 2, "“Hard reset” acts on the whole charger, not on "
                                            "connector 2" },
  { ONLINE, OKC_COMMAND_KIND_TRIGGER_HEARTBEAT, 1,
    "“Ask for a heartbeat” acts on the whole charger, not on connector 1" },

  /* Connector commands need that connector. */
  { ONLINE, OKC_COMMAND_KIND_UNLOCK_CONNECTOR, 5, "CH-10234 has no connector 5" },
  { ONLINE, OKC_COMMAND_KIND_CHANGE_AVAILABILITY, 5, "CH-10234 has no connector 5" },
  { ONLINE, OKC_COMMAND_KIND_REMOTE_START, 5, "CH-10234 has no connector 5" },
  { ONLINE, OKC_COMMAND_KIND_REMOTE_STOP, 5, "CH-10234 has no connector 5" },
  { ONLINE, OKC_COMMAND_KIND_TRIGGER_STATUS, 5, "CH-10234 has no connector 5" },
  { ONLINE, OKC_COMMAND_KIND_UNLOCK_CONNECTOR, 0,
    "Choose a connector: “Unlock connector” acts on one connector, not on the whole charger" },
  { ONLINE, OKC_COMMAND_KIND_REMOTE_START, 0,
    "Choose a connector: “Start a session” acts on one connector, not on the whole charger" },
  { ONLINE, OKC_COMMAND_KIND_REMOTE_STOP, 0,
    "Choose a connector: “Stop the session” acts on one connector, not on the whole charger" },

  /* Unlocking and availability work on any connector, faulted ones included. */
  { ONLINE, OKC_COMMAND_KIND_UNLOCK_CONNECTOR, 1, NULL },
  { ONLINE, OKC_COMMAND_KIND_UNLOCK_CONNECTOR, 2, NULL },
  { FAULTED, OKC_COMMAND_KIND_UNLOCK_CONNECTOR, 3, NULL },
  { ONLINE, OKC_COMMAND_KIND_CHANGE_AVAILABILITY, 3, NULL },

  /* A session starts on an Available or Preparing connector without one. */
  { ONLINE, OKC_COMMAND_KIND_REMOTE_START, 1, NULL },
  { ONLINE, OKC_COMMAND_KIND_REMOTE_START, 4, NULL },
  { ONLINE, OKC_COMMAND_KIND_REMOTE_START, 2,
    "Connector 2 is Charging: a session cannot start on it" },
  { FAULTED, OKC_COMMAND_KIND_REMOTE_START, 3,
    "Connector 3 is Faulted: a session cannot start on it" },

  /* A session stops only where there is one. */
  { ONLINE, OKC_COMMAND_KIND_REMOTE_STOP, 2, NULL },
  { FAULTED, OKC_COMMAND_KIND_REMOTE_STOP, 2, NULL },
  { ONLINE, OKC_COMMAND_KIND_REMOTE_STOP, 1, "No session to stop on connector 1" },
  { FAULTED, OKC_COMMAND_KIND_REMOTE_STOP, 3, "No session to stop on connector 3" },
};

static void
test_check_command (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (check_cases); i++)
    {
      const CheckCase *c = &check_cases[i];
      g_autoptr(OkcCharger) charger = charger_new (c->status, c->heartbeat_age);
      g_autofree char *reason = NULL;
      gboolean can;

      g_test_message ("case %u: %s on %u", i, okc_enum_to_nick (OKC_TYPE_COMMAND_KIND, c->kind),
                      c->connector_id);
      can = okc_charger_check_command (charger, c->kind, c->connector_id, NOW, &reason);
      g_assert_cmpint (can, ==, c->reason == NULL);
      g_assert_cmpstr (reason, ==, c->reason);
      /* The reason is optional. */
      g_assert_cmpint (okc_charger_check_command (charger, c->kind, c->connector_id, NOW, NULL),
                       ==, can);
    }
}

/* Every kind is refused on an offline charger and has a label. */
static void
test_every_kind (void)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (OKC_TYPE_COMMAND_KIND);
  g_autoptr(GEnumClass) states = g_type_class_ref (OKC_TYPE_COMMAND_STATE);

  for (guint k = 0; k < kinds->n_values; k++)
    {
      OkcCommandKind kind = kinds->values[k].value;
      g_autoptr(OkcCharger) offline = charger_new (OFFLINE);
      guint connector = okc_command_kind_needs_connector (kind) ? 2 : 0;
      g_autofree char *reason = NULL;

      g_assert_nonnull (okc_command_kind_get_label (kind));
      g_assert_false (okc_charger_check_command (offline, kind, connector, NOW, &reason));
      g_assert_cmpstr (reason, ==, OFFLINE_12);
    }
  for (guint s = 0; s < states->n_values; s++)
    g_assert_nonnull (okc_command_state_get_label (states->values[s].value));

  g_assert_false (okc_command_state_is_final (OKC_COMMAND_STATE_SENT));
  g_assert_false (okc_command_state_is_final (OKC_COMMAND_STATE_ACCEPTED));
  g_assert_true (okc_command_state_is_final (OKC_COMMAND_STATE_REJECTED));
  g_assert_true (okc_command_state_is_final (OKC_COMMAND_STATE_TIMED_OUT));
  g_assert_true (okc_command_state_is_final (OKC_COMMAND_STATE_COMPLETED));
  g_assert_true (okc_command_state_is_final (OKC_COMMAND_STATE_FAILED));
  g_assert_true (okc_command_kind_needs_connector (OKC_COMMAND_KIND_UNLOCK_CONNECTOR));
  g_assert_true (okc_command_kind_needs_connector (OKC_COMMAND_KIND_REMOTE_START));
  g_assert_true (okc_command_kind_needs_connector (OKC_COMMAND_KIND_REMOTE_STOP));
  g_assert_false (okc_command_kind_needs_connector (OKC_COMMAND_KIND_CHANGE_AVAILABILITY));
  g_assert_false (okc_command_kind_needs_connector (OKC_COMMAND_KIND_SOFT_RESET));
}

#define COMMAND_JSON(overrides) \
  "{\"id\": \"CMD-000042\", \"charger_id\": \"CH-10234\", \"kind\": \"soft_reset\"," \
  " \"connector_id\": 0, \"availability\": null, \"account\": null, \"end_billing\": false," \
  " \"ticket_id\": \"TCK-000123\", \"state\": \"completed\"," \
  " \"requested_by\": {\"id\": \"USR-0001\", \"name\": \"Alex Rivera\"}," \
  " \"requested_at\": \"2026-11-24T09:30:00Z\", \"updated_at\": \"2026-11-24T09:30:09Z\"," \
  " \"outcome\": \"Rebooted; connector 1 still Faulted (GroundFailure): a reset cannot clear" \
  " a ground fault\"" overrides "}"

static void
test_command_decode (void)
{
  g_autoptr(JsonNode) node = parse (COMMAND_JSON (""));
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerCommand) command = okc_charger_command_new_from_json (node, NULL, &error);
  g_autoptr(JsonNode) encoded = NULL, encoded_again = NULL;
  g_autoptr(OkcChargerCommand) again = NULL;
  g_autofree char *text = NULL, *text_again = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (okc_charger_command_get_id (command), ==, "CMD-000042");
  g_assert_cmpstr (okc_charger_command_get_charger_id (command), ==, "CH-10234");
  g_assert_cmpint (okc_charger_command_get_kind (command), ==, OKC_COMMAND_KIND_SOFT_RESET);
  g_assert_cmpuint (okc_charger_command_get_connector_id (command), ==, 0);
  g_assert_null (okc_charger_command_get_account (command));
  g_assert_false (okc_charger_command_get_end_billing (command));
  g_assert_cmpstr (okc_charger_command_get_ticket_id (command), ==, "TCK-000123");
  g_assert_cmpint (okc_charger_command_get_state (command), ==, OKC_COMMAND_STATE_COMPLETED);
  g_assert_cmpstr (okc_charger_command_get_requested_by_id (command), ==, "USR-0001");
  g_assert_cmpstr (okc_charger_command_get_requested_by_name (command), ==, "Alex Rivera");
  g_assert_cmpint (okc_charger_command_get_requested_at (command), ==, NOW);
  g_assert_cmpint (okc_charger_command_get_updated_at (command), ==, NOW + 9);
  g_assert_true (g_str_has_prefix (okc_charger_command_get_outcome (command), "Rebooted;"));

  encoded = okc_charger_command_to_json (command);
  again = okc_charger_command_new_from_json (encoded, NULL, &error);
  g_assert_no_error (error);
  text = okc_json_to_string (encoded);
  encoded_again = okc_charger_command_to_json (again);
  text_again = okc_json_to_string (encoded_again);
  g_assert_cmpstr (text, ==, text_again);
  g_assert_finalize_object (g_steal_pointer (&again));
  g_assert_finalize_object (g_steal_pointer (&command));
}

/* Each kind with its parameters survives both codecs. */
static void
test_command_round_trips (void)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (OKC_TYPE_COMMAND_KIND);

  for (guint k = 0; k < kinds->n_values; k++)
    {
      OkcCommandKind kind = kinds->values[k].value;
      guint connector = okc_command_kind_needs_connector (kind) ? 2 : 0;
      g_autoptr(OkcChargerCommand) command = okc_charger_command_new ("CH-10234", kind, connector);
      g_autoptr(OkcChargerCommand) from_request = NULL, from_json = NULL;
      g_autoptr(JsonNode) request = NULL, full = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *object;

      if (kind == OKC_COMMAND_KIND_CHANGE_AVAILABILITY)
        okc_charger_command_set_availability (command, OKC_AVAILABILITY_INOPERATIVE);
      if (kind == OKC_COMMAND_KIND_REMOTE_START)
        okc_charger_command_set_account (command, "ACC-00017");
      if (kind == OKC_COMMAND_KIND_REMOTE_STOP)
        okc_charger_command_set_end_billing (command, TRUE);
      if (k % 2 == 0)
        okc_charger_command_set_ticket_id (command, "TCK-000123");

      request = okc_charger_command_to_request_json (command);
      object = json_node_get_object (request);
      g_assert_cmpint (json_object_has_member (object, "availability"), ==,
                       kind == OKC_COMMAND_KIND_CHANGE_AVAILABILITY);
      g_assert_cmpint (json_object_has_member (object, "account"), ==,
                       kind == OKC_COMMAND_KIND_REMOTE_START);
      g_assert_cmpint (json_object_has_member (object, "end_billing"), ==,
                       kind == OKC_COMMAND_KIND_REMOTE_STOP);
      g_assert_cmpint (json_object_has_member (object, "ticket_id"), ==, k % 2 == 0);

      from_request = okc_charger_command_new_from_request ("CH-10234", request, &error);
      g_assert_no_error (error);
      g_assert_cmpint (okc_charger_command_get_kind (from_request), ==, kind);
      g_assert_cmpuint (okc_charger_command_get_connector_id (from_request), ==, connector);
      g_assert_cmpint (okc_charger_command_get_availability (from_request), ==,
                       okc_charger_command_get_availability (command));
      g_assert_cmpstr (okc_charger_command_get_account (from_request), ==,
                       okc_charger_command_get_account (command));
      g_assert_cmpint (okc_charger_command_get_end_billing (from_request), ==,
                       okc_charger_command_get_end_billing (command));
      g_assert_cmpstr (okc_charger_command_get_ticket_id (from_request), ==,
                       okc_charger_command_get_ticket_id (command));
      g_assert_null (okc_charger_command_get_id (from_request));
      g_assert_cmpint (okc_charger_command_get_state (from_request), ==, OKC_COMMAND_STATE_SENT);

      okc_charger_command_set_recorded (from_request, "CMD-000001", "USR-0001", "Alex Rivera",
                                        NOW);
      okc_charger_command_set_progress (from_request, OKC_COMMAND_STATE_TIMED_OUT, NOW + 30,
                                        NULL);
      full = okc_charger_command_to_json (from_request);
      from_json = okc_charger_command_new_from_json (full, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (okc_charger_command_get_kind (from_json), ==, kind);
      g_assert_cmpint (okc_charger_command_get_availability (from_json), ==,
                       okc_charger_command_get_availability (command));
      g_assert_cmpstr (okc_charger_command_get_account (from_json), ==,
                       okc_charger_command_get_account (command));
      g_assert_cmpint (okc_charger_command_get_state (from_json), ==,
                       OKC_COMMAND_STATE_TIMED_OUT);
      g_assert_cmpint (okc_charger_command_get_updated_at (from_json), ==, NOW + 30);
      g_assert_null (okc_charger_command_get_outcome (from_json));
    }
}

typedef struct
{
  const char *text;
  int code;
  const char *field;
} BadCase;

static void
test_command_invalid (void)
{
  static const BadCase cases[] = {
    { COMMAND_JSON (", \"id\": \"\""), OKC_DATA_ERROR_INVALID, "id" },
    { COMMAND_JSON (", \"charger_id\": null"), OKC_DATA_ERROR_MISSING, "charger_id" },
    { COMMAND_JSON (", \"kind\": \"reboot\""), OKC_DATA_ERROR_UNKNOWN, "kind" },
    { COMMAND_JSON (", \"connector_id\": \"0\""), OKC_DATA_ERROR_INVALID, "connector_id" },
    { COMMAND_JSON (", \"connector_id\": 1"), OKC_DATA_ERROR_INVALID, "connector_id" },
    { COMMAND_JSON (", \"availability\": \"operative\""), OKC_DATA_ERROR_INVALID,
      "availability" },
    { COMMAND_JSON (", \"account\": \"ACC-1\""), OKC_DATA_ERROR_INVALID, "account" },
    { COMMAND_JSON (", \"end_billing\": true"), OKC_DATA_ERROR_INVALID, "end_billing" },
    { COMMAND_JSON (", \"end_billing\": null"), OKC_DATA_ERROR_MISSING, "end_billing" },
    { COMMAND_JSON (", \"state\": \"done\""), OKC_DATA_ERROR_UNKNOWN, "state" },
    { COMMAND_JSON (", \"requested_by\": {\"id\": \"USR-0001\"}"), OKC_DATA_ERROR_MISSING,
      "requested_by.name" },
    { COMMAND_JSON (", \"requested_at\": \"soon\""), OKC_DATA_ERROR_INVALID, "requested_at" },
    { COMMAND_JSON (", \"updated_at\": \"2026-11-24T09:29:59Z\""), OKC_DATA_ERROR_INVALID,
      "updated_at" },
    { COMMAND_JSON (", \"outcome\": 3"), OKC_DATA_ERROR_INVALID, "outcome" },
    { COMMAND_JSON (", \"kind\": \"remote_start\", \"connector_id\": 1"),
      OKC_DATA_ERROR_MISSING, "account" },
    { COMMAND_JSON (", \"kind\": \"change_availability\""), OKC_DATA_ERROR_MISSING,
      "availability" },
    { COMMAND_JSON (", \"kind\": \"unlock_connector\""), OKC_DATA_ERROR_INVALID,
      "connector_id" },
  };
  static const char * const required[] = {
    "id", "charger_id", "kind", "connector_id", "availability", "account", "end_billing",
    "ticket_id", "state", "requested_by", "requested_at", "updated_at", "outcome",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcChargerCommand) command =
        okc_charger_command_new_from_json (node, "command", &error);
      g_autofree char *field = g_strdup_printf ("command.%s", cases[i].field);

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_null (command);
      g_assert_error (error, OKC_DATA_ERROR, cases[i].code);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, field);
    }

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autoptr(JsonNode) node = parse (COMMAND_JSON (""));
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcChargerCommand) command = NULL;

      json_object_remove_member (json_node_get_object (node), required[i]);
      command = okc_charger_command_new_from_json (node, NULL, &error);
      g_assert_null (command);
      g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_MISSING);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, required[i]);
    }
}

static void
test_request_invalid (void)
{
  static const BadCase cases[] = {
    { "{}", OKC_DATA_ERROR_MISSING, "kind" },
    { "{\"kind\": \"reboot\"}", OKC_DATA_ERROR_UNKNOWN, "kind" },
    { "{\"kind\": \"soft_reset\", \"force\": true}", OKC_DATA_ERROR_UNKNOWN, "force" },
    { "{\"kind\": \"soft_reset\", \"connector_id\": -1}", OKC_DATA_ERROR_INVALID,
      "connector_id" },
    { "{\"kind\": \"soft_reset\", \"connector_id\": 1.5}", OKC_DATA_ERROR_INVALID,
      "connector_id" },
    { "{\"kind\": \"unlock_connector\"}", OKC_DATA_ERROR_MISSING, "connector_id" },
    { "{\"kind\": \"unlock_connector\", \"connector_id\": 0}", OKC_DATA_ERROR_INVALID,
      "connector_id" },
    { "{\"kind\": \"remote_start\", \"connector_id\": 1}", OKC_DATA_ERROR_MISSING, "account" },
    { "{\"kind\": \"remote_start\", \"connector_id\": 1, \"account\": \"\"}",
      OKC_DATA_ERROR_INVALID, "account" },
    { "{\"kind\": \"remote_stop\", \"connector_id\": 1, \"account\": \"ACC-1\"}",
      OKC_DATA_ERROR_INVALID, "account" },
    { "{\"kind\": \"remote_stop\", \"connector_id\": 1, \"end_billing\": \"yes\"}",
      OKC_DATA_ERROR_INVALID, "end_billing" },
    { "{\"kind\": \"hard_reset\", \"end_billing\": true}", OKC_DATA_ERROR_INVALID,
      "end_billing" },
    { "{\"kind\": \"change_availability\", \"connector_id\": 1}", OKC_DATA_ERROR_MISSING,
      "availability" },
    { "{\"kind\": \"change_availability\", \"availability\": \"off\"}", OKC_DATA_ERROR_UNKNOWN,
      "availability" },
    { "{\"kind\": \"trigger_status\", \"availability\": \"operative\"}",
      OKC_DATA_ERROR_INVALID, "availability" },
    { "{\"kind\": \"trigger_heartbeat\", \"ticket_id\": \"\"}", OKC_DATA_ERROR_INVALID,
      "ticket_id" },
    { "[]", OKC_DATA_ERROR_INVALID, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcChargerCommand) command =
        okc_charger_command_new_from_request ("CH-10234", node, &error);

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_null (command);
      g_assert_error (error, OKC_DATA_ERROR, cases[i].code);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].field);
    }
}

/* What the console sends without parameters: a reset needs no connector_id. */
static void
test_request_defaults (void)
{
  g_autoptr(JsonNode) node = parse ("{\"kind\": \"soft_reset\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerCommand) command =
    okc_charger_command_new_from_request ("CH-10234", node, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (okc_charger_command_get_charger_id (command), ==, "CH-10234");
  g_assert_cmpuint (okc_charger_command_get_connector_id (command), ==, 0);
  g_assert_false (okc_charger_command_get_end_billing (command));
  g_assert_null (okc_charger_command_get_ticket_id (command));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/ChargerCommand/check", test_check_command);
  g_test_add_func ("/Okc/ChargerCommand/every-kind", test_every_kind);
  g_test_add_func ("/Okc/ChargerCommand/decode", test_command_decode);
  g_test_add_func ("/Okc/ChargerCommand/round-trips", test_command_round_trips);
  g_test_add_func ("/Okc/ChargerCommand/invalid", test_command_invalid);
  g_test_add_func ("/Okc/ChargerCommand/request-invalid", test_request_invalid);
  g_test_add_func ("/Okc/ChargerCommand/request-defaults", test_request_defaults);

  return g_test_run ();
}
