/* test-charger.c — chargers and access verdicts, from and to JSON, strictly
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonNode *node = okc_json_parse_bytes (bytes, &error);

  g_assert_no_error (error);
  return node;
}

#define CHARGER_JSON(member_overrides) \
  "{\"id\": \"CH-10234\", \"serial\": \"OK2-W22-2300042\", \"model\": \"Wallbox 22\"," \
  " \"firmware\": \"3.4.1\", \"status\": \"offline\"," \
  " \"last_heartbeat_at\": \"2026-11-24T09:30:00Z\"," \
  " \"property\": {\"id\": \"PRP-0001\", \"name\": \"Lakeview Lofts\"}," \
  " \"unit\": {\"id\": \"UNT-0003\", \"name\": \"Garage 3\"}, \"access\": \"residents_guests\"," \
  " \"status_since\": \"2026-11-24T09:33:00Z\", \"heartbeat_interval\": 60," \
  " \"network\": {\"kind\": \"wifi\", \"signal\": 42, \"ssid\": \"Lakeview-Guest\"," \
  " \"ip\": \"10.0.3.17\"}, \"led\": \"off\", \"connectors\": []" \
  member_overrides "}"

static void
test_charger_decode (void)
{
  g_autoptr(JsonNode) node = parse (CHARGER_JSON (""));
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = okc_charger_new_from_json (node, NULL, &error);
  g_autoptr(JsonNode) encoded = NULL;
  g_autoptr(OkcCharger) again = NULL;
  gint64 heartbeat = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (okc_charger_get_id (charger), ==, "CH-10234");
  g_assert_cmpstr (okc_charger_get_serial (charger), ==, "OK2-W22-2300042");
  g_assert_cmpstr (okc_charger_get_model (charger), ==, "Wallbox 22");
  g_assert_cmpstr (okc_charger_get_firmware (charger), ==, "3.4.1");
  g_assert_cmpint (okc_charger_get_status (charger), ==, OKC_CHARGER_STATUS_OFFLINE);
  g_assert_true (okc_time_parse_rfc3339 ("2026-11-24T09:30:00Z", &heartbeat));
  g_assert_cmpint (okc_charger_get_last_heartbeat (charger), ==, heartbeat);
  g_assert_cmpstr (okc_charger_get_property_id (charger), ==, "PRP-0001");
  g_assert_cmpstr (okc_charger_get_property_name (charger), ==, "Lakeview Lofts");
  g_assert_cmpstr (okc_charger_get_unit_id (charger), ==, "UNT-0003");
  g_assert_cmpstr (okc_charger_get_unit_name (charger), ==, "Garage 3");
  g_assert_cmpint (okc_charger_get_access (charger), ==, OKC_CHARGER_POLICY_RESIDENTS_GUESTS);
  g_assert_cmpstr (okc_charger_status_get_label (OKC_CHARGER_STATUS_FAULTED), ==, "Faulted");

  encoded = okc_charger_to_json (charger);
  again = okc_charger_new_from_json (encoded, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_charger_get_last_heartbeat (again), ==, heartbeat);
  g_assert_cmpstr (okc_charger_get_unit_name (again), ==, "Garage 3");
  g_assert_finalize_object (g_steal_pointer (&again));
  g_assert_finalize_object (g_steal_pointer (&charger));
}

static void
test_charger_unassigned (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"id\": \"CH-10400\", \"serial\": \"OK2-X-1\", \"model\": \"M\", \"firmware\": \"1\","
    " \"status\": \"online\", \"last_heartbeat_at\": null, \"property\": null, \"unit\": null,"
    " \"access\": \"public\", \"installed_at\": \"2026-11-20T00:00:00Z\","
    " \"status_since\": null, \"heartbeat_interval\": 300,"
    " \"network\": {\"kind\": \"ethernet\", \"signal\": null, \"ssid\": null, \"ip\": null},"
    " \"led\": \"green\", \"connectors\": []}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = okc_charger_new_from_json (node, NULL, &error);
  g_autoptr(JsonNode) encoded = NULL;
  JsonObject *object;

  /* A response may carry members the console does not know yet. */
  g_assert_no_error (error);
  g_assert_cmpint (okc_charger_get_last_heartbeat (charger), ==, 0);
  g_assert_null (okc_charger_get_property_id (charger));
  g_assert_null (okc_charger_get_unit_name (charger));
  g_assert_cmpint (okc_charger_get_access (charger), ==, OKC_CHARGER_POLICY_PUBLIC);

  encoded = okc_charger_to_json (charger);
  object = json_node_get_object (encoded);
  g_assert_true (json_object_get_null_member (object, "last_heartbeat_at"));
  g_assert_true (json_object_get_null_member (object, "property"));
  g_assert_true (json_object_get_null_member (object, "unit"));
}

typedef struct
{
  const char *text;
  int code;
  const char *field;
} BadCase;

static void
test_charger_invalid (void)
{
  static const BadCase cases[] = {
    { "{\"serial\": \"S\", \"model\": \"M\", \"firmware\": \"1\", \"status\": \"online\","
      " \"access\": \"public\"}", OKC_DATA_ERROR_MISSING, "id" },
    { CHARGER_JSON (", \"id\": \"\""), OKC_DATA_ERROR_INVALID, "id" },
    { CHARGER_JSON (", \"serial\": 42"), OKC_DATA_ERROR_INVALID, "serial" },
    { CHARGER_JSON (", \"status\": \"broken\""), OKC_DATA_ERROR_UNKNOWN, "status" },
    { CHARGER_JSON (", \"status\": null"), OKC_DATA_ERROR_MISSING, "status" },
    { CHARGER_JSON (", \"last_heartbeat_at\": 1795512600"), OKC_DATA_ERROR_INVALID,
      "last_heartbeat_at" },
    { CHARGER_JSON (", \"last_heartbeat_at\": \"yesterday\""), OKC_DATA_ERROR_INVALID,
      "last_heartbeat_at" },
    { CHARGER_JSON (", \"property\": \"Lakeview Lofts\""), OKC_DATA_ERROR_INVALID, "property" },
    { CHARGER_JSON (", \"property\": {\"id\": \"PRP-0001\"}"), OKC_DATA_ERROR_MISSING,
      "property.name" },
    { CHARGER_JSON (", \"property\": null"), OKC_DATA_ERROR_INVALID, "unit" },
    { CHARGER_JSON (", \"unit\": {\"name\": \"Garage 3\"}"), OKC_DATA_ERROR_MISSING, "unit.id" },
    { CHARGER_JSON (", \"access\": \"residents\""), OKC_DATA_ERROR_UNKNOWN, "access" },
    { "[]", OKC_DATA_ERROR_INVALID, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcCharger) charger = okc_charger_new_from_json (node, NULL, &error);

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_null (charger);
      g_assert_error (error, OKC_DATA_ERROR, cases[i].code);
      if (cases[i].field != NULL)
        g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].field);
    }
}

/* The example of docs/chargers.md, verbatim. */
#define FULL_CHARGER_JSON(connector_2_overrides) \
  "{\"id\": \"CH-10234\", \"serial\": \"OK2-W22-2300042\", \"model\": \"OK2 Wallbox 22\"," \
  " \"firmware\": \"3.4.1\", \"status\": \"faulted\", \"status_since\": \"2026-11-24T06:12:40Z\"," \
  " \"last_heartbeat_at\": \"2026-11-24T09:29:10Z\", \"heartbeat_interval\": 60," \
  " \"property\": {\"id\": \"PRP-0004\", \"name\": \"Lakeview Lofts\"}," \
  " \"unit\": {\"id\": \"UNT-0012\", \"name\": \"Garage 3\"}, \"access\": \"residents_guests\"," \
  " \"network\": {\"kind\": \"wifi\", \"signal\": 42, \"ssid\": \"Lakeview-Guest\"," \
  " \"ip\": \"10.0.3.17\"}, \"led\": \"red_blinking\", \"connectors\": [" \
  " {\"id\": 1, \"status\": \"Faulted\", \"error_code\": \"GroundFailure\"," \
  " \"vendor_error_code\": \"E-GF-01\", \"info\": \"RCD tripped: residual current 30 mA\"," \
  " \"status_since\": \"2026-11-24T06:12:40Z\", \"session_id\": null}," \
  " {\"id\": 2, \"status\": \"Charging\", \"error_code\": \"NoError\"," \
  " \"vendor_error_code\": null," \
  " \"info\": null, \"status_since\": \"2026-11-24T08:02:00Z\", \"session_id\": \"SES-0004711\"" \
  connector_2_overrides "}]}"

static gint64
at (const char *text)
{
  gint64 unix_time = 0;

  g_assert_true (okc_time_parse_rfc3339 (text, &unix_time));
  return unix_time;
}

static void
check_full_charger (OkcCharger *charger)
{
  GPtrArray *connectors = okc_charger_get_connectors (charger);
  OkcConnector *one, *two;

  g_assert_cmpint (okc_charger_get_status (charger), ==, OKC_CHARGER_STATUS_FAULTED);
  g_assert_cmpint (okc_charger_get_status_since (charger), ==, at ("2026-11-24T06:12:40Z"));
  g_assert_cmpint (okc_charger_get_last_heartbeat (charger), ==, at ("2026-11-24T09:29:10Z"));
  g_assert_cmpuint (okc_charger_get_heartbeat_interval (charger), ==, 60);
  g_assert_cmpint (okc_charger_get_network_kind (charger), ==, OKC_NETWORK_KIND_WIFI);
  g_assert_cmpint (okc_charger_get_network_signal (charger), ==, 42);
  g_assert_cmpstr (okc_charger_get_network_ssid (charger), ==, "Lakeview-Guest");
  g_assert_cmpstr (okc_charger_get_network_ip (charger), ==, "10.0.3.17");
  g_assert_cmpint (okc_charger_get_led (charger), ==, OKC_LED_STATE_RED_BLINKING);
  g_assert_cmpuint (connectors->len, ==, 2);

  one = okc_charger_get_connector (charger, 1);
  two = okc_charger_get_connector (charger, 2);
  g_assert_true (one == g_ptr_array_index (connectors, 0));
  g_assert_null (okc_charger_get_connector (charger, 3));
  g_assert_null (okc_charger_get_connector (charger, 0));
  g_assert_cmpuint (okc_connector_get_id (one), ==, 1);
  g_assert_cmpint (okc_connector_get_status (one), ==, OKC_CONNECTOR_STATUS_FAULTED);
  g_assert_cmpint (okc_connector_get_error_code (one), ==, OKC_CHARGE_POINT_ERROR_GROUND_FAILURE);
  g_assert_cmpstr (okc_connector_get_vendor_error_code (one), ==, "E-GF-01");
  g_assert_cmpstr (okc_connector_get_info (one), ==, "RCD tripped: residual current 30 mA");
  g_assert_cmpint (okc_connector_get_status_since (one), ==, at ("2026-11-24T06:12:40Z"));
  g_assert_null (okc_connector_get_session_id (one));
  g_assert_cmpint (okc_connector_get_status (two), ==, OKC_CONNECTOR_STATUS_CHARGING);
  g_assert_cmpint (okc_connector_get_error_code (two), ==, OKC_CHARGE_POINT_ERROR_NO_ERROR);
  g_assert_null (okc_connector_get_vendor_error_code (two));
  g_assert_null (okc_connector_get_info (two));
  g_assert_cmpstr (okc_connector_get_session_id (two), ==, "SES-0004711");
}

static void
test_charger_live_state (void)
{
  g_autoptr(JsonNode) node = parse (FULL_CHARGER_JSON (""));
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = okc_charger_new_from_json (node, NULL, &error);
  g_autoptr(JsonNode) encoded = NULL;
  g_autoptr(OkcCharger) again = NULL;

  g_assert_no_error (error);
  check_full_charger (charger);

  encoded = okc_charger_to_json (charger);
  again = okc_charger_new_from_json (encoded, NULL, &error);
  g_assert_no_error (error);
  check_full_charger (again);
  g_assert_finalize_object (g_steal_pointer (&again));
  g_assert_finalize_object (g_steal_pointer (&charger));
}

/* What okc_charger_new() gives the backend before it fills the live state round-trips. */
static void
test_charger_defaults (void)
{
  g_autoptr(OkcCharger) charger =
    okc_charger_new ("CH-1", "S", "M", "1.0", OKC_CHARGER_STATUS_ONLINE, 0,
                     OKC_CHARGER_POLICY_PUBLIC);
  g_autoptr(JsonNode) encoded = okc_charger_to_json (charger);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) again = okc_charger_new_from_json (encoded, NULL, &error);
  JsonObject *object = json_node_get_object (encoded);
  JsonObject *network = json_object_get_object_member (object, "network");

  g_assert_no_error (error);
  g_assert_true (json_object_get_null_member (object, "status_since"));
  g_assert_cmpint (json_object_get_int_member (object, "heartbeat_interval"), ==, 60);
  g_assert_cmpstr (json_object_get_string_member (network, "kind"), ==, "wifi");
  g_assert_true (json_object_get_null_member (network, "signal"));
  g_assert_cmpstr (json_object_get_string_member (object, "led"), ==, "off");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "connectors")),
                    ==, 0);
  g_assert_cmpint (okc_charger_get_status_since (again), ==, 0);
  g_assert_cmpint (okc_charger_get_network_signal (again), ==, -1);
  g_assert_cmpuint (okc_charger_get_connectors (again)->len, ==, 0);
}

static void
test_charger_live_state_invalid (void)
{
  static const BadCase cases[] = {
    /* Every member of the contract is there, null or not. */
    { CHARGER_JSON (", \"status_since\": 5"), OKC_DATA_ERROR_INVALID, "status_since" },
    { CHARGER_JSON (", \"heartbeat_interval\": null"), OKC_DATA_ERROR_MISSING,
      "heartbeat_interval" },
    { CHARGER_JSON (", \"heartbeat_interval\": 0"), OKC_DATA_ERROR_INVALID,
      "heartbeat_interval" },
    { CHARGER_JSON (", \"heartbeat_interval\": 60.5"), OKC_DATA_ERROR_INVALID,
      "heartbeat_interval" },
    { CHARGER_JSON (", \"network\": null"), OKC_DATA_ERROR_MISSING, "network" },
    { CHARGER_JSON (", \"network\": {\"kind\": \"wifi\", \"signal\": 42, \"ssid\": \"x\"}"),
      OKC_DATA_ERROR_MISSING, "network.ip" },
    { CHARGER_JSON (", \"network\": {\"kind\": \"5g\", \"signal\": 42, \"ssid\": null,"
                    " \"ip\": null}"), OKC_DATA_ERROR_UNKNOWN, "network.kind" },
    { CHARGER_JSON (", \"network\": {\"kind\": \"wifi\", \"signal\": 101, \"ssid\": null,"
                    " \"ip\": null}"), OKC_DATA_ERROR_INVALID, "network.signal" },
    { CHARGER_JSON (", \"network\": {\"kind\": \"wifi\", \"signal\": \"42\", \"ssid\": null,"
                    " \"ip\": null}"), OKC_DATA_ERROR_INVALID, "network.signal" },
    { CHARGER_JSON (", \"network\": {\"kind\": \"ethernet\", \"signal\": 80, \"ssid\": null,"
                    " \"ip\": null}"), OKC_DATA_ERROR_INVALID, "network.signal" },
    { CHARGER_JSON (", \"network\": {\"kind\": \"cellular\", \"signal\": 80, \"ssid\": \"x\","
                    " \"ip\": null}"), OKC_DATA_ERROR_INVALID, "network.ssid" },
    { CHARGER_JSON (", \"led\": \"purple\""), OKC_DATA_ERROR_UNKNOWN, "led" },
    { CHARGER_JSON (", \"connectors\": {}"), OKC_DATA_ERROR_INVALID, "connectors" },
    { CHARGER_JSON (", \"connectors\": null"), OKC_DATA_ERROR_MISSING, "connectors" },
    { FULL_CHARGER_JSON (", \"id\": 3"), OKC_DATA_ERROR_INVALID, "connectors[1].id" },
    { FULL_CHARGER_JSON (", \"id\": 0"), OKC_DATA_ERROR_INVALID, "connectors[1].id" },
    { FULL_CHARGER_JSON (", \"status\": \"charging\""), OKC_DATA_ERROR_UNKNOWN,
      "connectors[1].status" },
    { FULL_CHARGER_JSON (", \"error_code\": \"Ground\""), OKC_DATA_ERROR_UNKNOWN,
      "connectors[1].error_code" },
    { FULL_CHARGER_JSON (", \"error_code\": null"), OKC_DATA_ERROR_MISSING,
      "connectors[1].error_code" },
    { FULL_CHARGER_JSON (", \"vendor_error_code\": 7"), OKC_DATA_ERROR_INVALID,
      "connectors[1].vendor_error_code" },
    { FULL_CHARGER_JSON (", \"info\": false"), OKC_DATA_ERROR_INVALID, "connectors[1].info" },
    { FULL_CHARGER_JSON (", \"status_since\": \"now\""), OKC_DATA_ERROR_INVALID,
      "connectors[1].status_since" },
    { FULL_CHARGER_JSON (", \"session_id\": \"\""), OKC_DATA_ERROR_INVALID,
      "connectors[1].session_id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcCharger) charger = okc_charger_new_from_json (node, NULL, &error);

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_null (charger);
      g_assert_error (error, OKC_DATA_ERROR, cases[i].code);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].field);
    }
}

/* A member left out is not the same as null: the contract spells every one out. */
static void
test_connector_members_required (void)
{
  static const char * const members[] = {
    "id", "status", "error_code", "vendor_error_code", "info", "status_since", "session_id",
  };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(JsonNode) node = parse (
        "{\"id\": 1, \"status\": \"Available\", \"error_code\": \"NoError\","
        " \"vendor_error_code\": null, \"info\": null, \"status_since\": null,"
        " \"session_id\": null}");
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcConnector) connector = NULL;
      g_autofree char *field = g_strdup_printf ("connectors[0].%s", members[i]);

      json_object_remove_member (json_node_get_object (node), members[i]);
      connector = okc_connector_new_from_json (node, "connectors[0]", &error);
      g_assert_null (connector);
      g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_MISSING);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, field);
    }
}

static void
test_connector_labels (void)
{
  g_autofree char *ground = okc_charge_point_error_get_inline_label (
    OKC_CHARGE_POINT_ERROR_GROUND_FAILURE);
  g_autofree char *ev = okc_charge_point_error_get_inline_label (
    OKC_CHARGE_POINT_ERROR_EV_COMMUNICATION_ERROR);

  g_assert_cmpstr (ground, ==, "ground failure");
  g_assert_cmpstr (ev, ==, "EV communication error");
  g_assert_cmpstr (okc_connector_status_get_label (OKC_CONNECTOR_STATUS_SUSPENDED_EV), ==,
                   "Suspended by the car");
  g_assert_cmpstr (okc_charge_point_error_get_label (OKC_CHARGE_POINT_ERROR_NO_ERROR), ==,
                   "No error");
  g_assert_cmpstr (okc_led_state_get_label (OKC_LED_STATE_RED_BLINKING), ==, "Blinking red");
  g_assert_cmpstr (okc_network_kind_get_label (OKC_NETWORK_KIND_ETHERNET), ==, "Ethernet");
  /* Every value has a label and a wire name. */
  for (int v = OKC_CONNECTOR_STATUS_AVAILABLE; v <= OKC_CONNECTOR_STATUS_FAULTED; v++)
    g_assert_nonnull (okc_connector_status_get_label (v));
  for (int v = OKC_CHARGE_POINT_ERROR_NO_ERROR; v <= OKC_CHARGE_POINT_ERROR_WEAK_SIGNAL; v++)
    {
      g_autofree char *inline_label = okc_charge_point_error_get_inline_label (v);
      g_assert_nonnull (okc_charge_point_error_get_label (v));
      g_assert_nonnull (okc_enum_to_nick (OKC_TYPE_CHARGE_POINT_ERROR, v));
      g_assert_nonnull (inline_label);
    }
  for (int v = OKC_LED_STATE_OFF; v <= OKC_LED_STATE_RED_BLINKING; v++)
    g_assert_nonnull (okc_led_state_get_label (v));
}

static void
test_access_decode (void)
{
  static const struct
  {
    const char *text;
    OkcAccessReason reason;
    gboolean allowed;
    const char *explanation;
  } cases[] = {
    { "{\"charger_id\": \"CH-1\", \"account\": {\"id\": \"ACC-00001\", \"name\": \"Maya\","
      " \"email\": \"maya@example.com\"}, \"allowed\": true, \"reason\": \"public\"}",
      OKC_ACCESS_REASON_PUBLIC, TRUE, "The charger is public" },
    { "{\"charger_id\": \"CH-1\", \"account\": {\"id\": \"ACC-00001\", \"name\": \"Maya\","
      " \"email\": \"maya@example.com\"}, \"allowed\": true, \"reason\": \"listed\"}",
      OKC_ACCESS_REASON_LISTED, TRUE, "On the charger’s access list" },
    { "{\"charger_id\": \"CH-1\", \"account\": {\"id\": \"ACC-00001\", \"name\": \"Maya\","
      " \"email\": \"maya@example.com\"}, \"allowed\": false, \"reason\": \"not_listed\"}",
      OKC_ACCESS_REASON_NOT_LISTED, FALSE,
      "Not on the charger’s access list" },
    { "{\"charger_id\": \"CH-1\", \"account\": null, \"allowed\": false,"
      " \"reason\": \"no_account\"}",
      OKC_ACCESS_REASON_NO_ACCOUNT, FALSE, "No OK2Charge account with this email or phone" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcChargerAccess) access = okc_charger_access_new_from_json (node, NULL, &error);
      g_autoptr(JsonNode) encoded = NULL;
      g_autoptr(OkcChargerAccess) again = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (okc_charger_access_get_charger_id (access), ==, "CH-1");
      g_assert_cmpint (okc_charger_access_get_reason (access), ==, cases[i].reason);
      g_assert_cmpint (okc_charger_access_get_allowed (access), ==, cases[i].allowed);
      g_assert_cmpstr (okc_charger_access_get_explanation (access), ==, cases[i].explanation);
      if (cases[i].reason == OKC_ACCESS_REASON_NO_ACCOUNT)
        g_assert_null (okc_charger_access_get_account_id (access));
      else
        {
          g_assert_cmpstr (okc_charger_access_get_account_id (access), ==, "ACC-00001");
          g_assert_cmpstr (okc_charger_access_get_account_name (access), ==, "Maya");
          g_assert_cmpstr (okc_charger_access_get_account_email (access), ==,
                           "maya@example.com");
        }

      encoded = okc_charger_access_to_json (access);
      again = okc_charger_access_new_from_json (encoded, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (okc_charger_access_get_reason (again), ==, cases[i].reason);
      g_assert_cmpstr (okc_charger_access_get_account_email (again), ==,
                       okc_charger_access_get_account_email (access));
    }
}

static void
test_access_invalid (void)
{
  static const BadCase cases[] = {
    { "{\"account\": null, \"allowed\": false, \"reason\": \"no_account\"}",
      OKC_DATA_ERROR_MISSING, "charger_id" },
    { "{\"charger_id\": \"CH-1\", \"account\": null, \"allowed\": false, \"reason\": \"maybe\"}",
      OKC_DATA_ERROR_UNKNOWN, "reason" },
    { "{\"charger_id\": \"CH-1\", \"account\": null, \"allowed\": \"no\","
      " \"reason\": \"no_account\"}", OKC_DATA_ERROR_INVALID, "allowed" },
    /* The verdict contradicts itself. */
    { "{\"charger_id\": \"CH-1\", \"account\": null, \"allowed\": true,"
      " \"reason\": \"no_account\"}", OKC_DATA_ERROR_INVALID, "allowed" },
    { "{\"charger_id\": \"CH-1\", \"account\": null, \"allowed\": true, \"reason\": \"public\"}",
      OKC_DATA_ERROR_INVALID, "account" },
    { "{\"charger_id\": \"CH-1\", \"account\": {\"id\": \"A\", \"name\": \"M\","
      " \"email\": \"m@example.com\"}, \"allowed\": false, \"reason\": \"no_account\"}",
      OKC_DATA_ERROR_INVALID, "account" },
    { "{\"charger_id\": \"CH-1\", \"account\": {\"id\": \"A\", \"name\": \"M\","
      " \"email\": \"m@example.com\"}, \"allowed\": true, \"reason\": \"not_listed\"}",
      OKC_DATA_ERROR_INVALID, "allowed" },
    { "{\"charger_id\": \"CH-1\", \"account\": {\"id\": \"A\", \"name\": \"M\"},"
      " \"allowed\": true, \"reason\": \"listed\"}", OKC_DATA_ERROR_MISSING, "account.email" },
    { "{\"charger_id\": \"CH-1\", \"account\": {\"id\": \"A\", \"name\": \"M\","
      " \"email\": \"maya\"}, \"allowed\": true, \"reason\": \"listed\"}",
      OKC_DATA_ERROR_INVALID, "account.email" },    /* A grant with its dates backwards, or another account's. */
    { "{\"charger_id\": \"CH-1\", \"account\": {\"id\": \"A\", \"name\": \"M\","
      " \"email\": \"m@example.com\"}, \"allowed\": false, \"reason\": \"expired\","
      " \"grant\": {\"charger_id\": \"CH-1\", \"account\": {\"id\": \"A\", \"name\": \"M\","
      " \"email\": \"m@example.com\"}, \"valid_from\": \"2026-11-25T00:00:00Z\","
      " \"valid_to\": \"2026-11-24T00:00:00Z\", \"booking_id\": null, \"granted_by\": null,"
      " \"granted_at\": \"2026-11-20T00:00:00Z\", \"ticket_id\": null}}",
      OKC_DATA_ERROR_INVALID, "grant.valid_to" },
    { "{\"charger_id\": \"CH-1\", \"account\": {\"id\": \"A\", \"name\": \"M\","
      " \"email\": \"m@example.com\"}, \"allowed\": true, \"reason\": \"listed\","
      " \"grant\": {\"charger_id\": \"CH-1\", \"account\": {\"id\": \"B\", \"name\": \"N\","
      " \"email\": \"n@example.com\"}, \"valid_from\": null, \"valid_to\": null,"
      " \"booking_id\": null, \"granted_by\": null, \"granted_at\": \"2026-11-20T00:00:00Z\","
      " \"ticket_id\": null}}",
      OKC_DATA_ERROR_INVALID, "grant" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcChargerAccess) access = okc_charger_access_new_from_json (node, NULL, &error);

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_null (access);
      g_assert_error (error, OKC_DATA_ERROR, cases[i].code);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].field);
    }
}

#define DAY (24 * 60 * 60)

/* A grant's dates: from valid_from (included) until valid_to (excluded), either open. */
static void
test_grant_dates (void)
{
  static const struct
  {
    gint64 from, to;
    OkcAccessReason at_now;
  } cases[] = {
    { 0, 0, OKC_ACCESS_REASON_LISTED },
    { 1800000000 - DAY, 1800000000 + DAY, OKC_ACCESS_REASON_LISTED },
    { 1800000000, 0, OKC_ACCESS_REASON_LISTED },
    { 1800000000 + 1, 0, OKC_ACCESS_REASON_NOT_YET_VALID },
    { 0, 1800000000, OKC_ACCESS_REASON_EXPIRED },
    { 1800000000 - 2 * DAY, 1800000000 - DAY, OKC_ACCESS_REASON_EXPIRED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OkcAccessGrant) grant = okc_access_grant_new ("CH-1", "ACC-00001", "Maya",
                                                              "maya@example.com");
      g_autoptr(OkcAccessGrant) again = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      okc_access_grant_set_dates (grant, cases[i].from, cases[i].to);
      okc_access_grant_set_booking_id (grant, "BKG-000001");
      okc_access_grant_set_granted (grant, "USR-0001", "Alex Rivera", 1800000000 - 3 * DAY);
      g_assert_cmpint (okc_access_grant_judge (grant, 1800000000), ==, cases[i].at_now);

      node = okc_access_grant_to_json (grant);
      again = okc_access_grant_new_from_json (node, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (okc_access_grant_get_valid_from (again), ==, cases[i].from);
      g_assert_cmpint (okc_access_grant_get_valid_to (again), ==, cases[i].to);
      g_assert_cmpstr (okc_access_grant_get_booking_id (again), ==, "BKG-000001");
      g_assert_cmpstr (okc_access_grant_get_granted_by_name (again), ==, "Alex Rivera");
      g_assert_cmpint (okc_access_grant_judge (again, 1800000000), ==, cases[i].at_now);
    }
}

/* The new reasons: booking allows, dates that do not cover now do not; the grant rides
 * along with the verdict. */
static void
test_access_reasons_with_grant (void)
{
  static const struct
  {
    const char *reason;
    gboolean allowed;
  } cases[] = {
    { "booking", TRUE }, { "not_yet_valid", FALSE }, { "expired", FALSE }, { "listed", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"charger_id\": \"CH-1\", \"account\": {\"id\": \"ACC-00001\", \"name\": \"Maya\","
        " \"email\": \"maya@example.com\"}, \"allowed\": %s, \"reason\": \"%s\","
        " \"grant\": {\"charger_id\": \"CH-1\", \"account\": {\"id\": \"ACC-00001\","
        " \"name\": \"Maya\", \"email\": \"maya@example.com\"},"
        " \"valid_from\": \"2026-11-24T15:00:00Z\", \"valid_to\": \"2026-11-27T11:00:00Z\","
        " \"booking_id\": \"BKG-000001\", \"granted_by\": {\"id\": \"USR-0001\","
        " \"name\": \"Alex Rivera\"}, \"granted_at\": \"2026-11-24T09:00:00Z\","
        " \"ticket_id\": \"TCK-000003\"}}",
        cases[i].allowed ? "true" : "false", cases[i].reason);
      g_autoptr(JsonNode) node = parse (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcChargerAccess) access = okc_charger_access_new_from_json (node, NULL, &error);
      g_autoptr(JsonNode) encoded = NULL;
      g_autoptr(OkcChargerAccess) again = NULL;
      OkcAccessGrant *grant;

      g_assert_no_error (error);
      g_assert_cmpint (okc_charger_access_get_allowed (access), ==, cases[i].allowed);
      grant = okc_charger_access_get_grant (access);
      g_assert_nonnull (grant);
      g_assert_cmpstr (okc_access_grant_get_ticket_id (grant), ==, "TCK-000003");
      g_assert_cmpstr (okc_access_grant_get_granted_by_id (grant), ==, "USR-0001");
      g_assert_nonnull (okc_charger_access_get_explanation (access));

      encoded = okc_charger_access_to_json (access);
      again = okc_charger_access_new_from_json (encoded, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (okc_access_grant_get_valid_to (okc_charger_access_get_grant (again)), ==,
                       okc_access_grant_get_valid_to (grant));
    }
}

static void
test_booking_decode (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"id\": \"BKG-000001\", \"property\": {\"id\": \"PRP-0004\", \"name\": \"Lakeview Lofts\"},"
    " \"unit\": null, \"account_id\": \"ACC-00017\", \"guest_name\": \"Maya Chen\","
    " \"guest_email\": \"maya@example.com\", \"check_in\": \"2026-11-24T15:00:00Z\","
    " \"check_out\": \"2026-11-27T11:00:00Z\", \"pms\": \"guesty\", \"pms_reference\": \"G-1\","
    " \"synced_at\": \"2026-11-24T08:00:00Z\"}");
  g_autoptr(JsonNode) backwards = parse (
    "{\"id\": \"BKG-000001\", \"property\": {\"id\": \"PRP-0004\", \"name\": \"L\"},"
    " \"unit\": null, \"account_id\": null, \"guest_name\": \"M\", \"guest_email\": \"m@e.com\","
    " \"check_in\": \"2026-11-27T11:00:00Z\", \"check_out\": \"2026-11-24T15:00:00Z\","
    " \"pms\": \"guesty\", \"pms_reference\": \"G-1\", \"synced_at\": \"2026-11-24T08:00:00Z\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBooking) booking = okc_booking_new_from_json (node, NULL, &error);
  g_autoptr(OkcBooking) refused = NULL;
  gint64 check_in;

  g_assert_no_error (error);
  g_assert_cmpstr (okc_booking_get_property_name (booking), ==, "Lakeview Lofts");
  g_assert_null (okc_booking_get_unit_name (booking));
  check_in = okc_booking_get_check_in (booking);
  g_assert_true (okc_booking_covers (booking, check_in));
  g_assert_false (okc_booking_covers (booking, check_in - 1));
  g_assert_false (okc_booking_covers (booking, okc_booking_get_check_out (booking)));

  refused = okc_booking_new_from_json (backwards, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
  g_assert_cmpstr (okc_data_error_get_field (error), ==, "check_out");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Charger/decode", test_charger_decode);
  g_test_add_func ("/Okc/Charger/unassigned", test_charger_unassigned);
  g_test_add_func ("/Okc/Charger/invalid", test_charger_invalid);
  g_test_add_func ("/Okc/Charger/live-state", test_charger_live_state);
  g_test_add_func ("/Okc/Charger/defaults", test_charger_defaults);
  g_test_add_func ("/Okc/Charger/live-state-invalid", test_charger_live_state_invalid);
  g_test_add_func ("/Okc/Connector/members-required", test_connector_members_required);
  g_test_add_func ("/Okc/Connector/labels", test_connector_labels);
  g_test_add_func ("/Okc/ChargerAccess/decode", test_access_decode);
  g_test_add_func ("/Okc/ChargerAccess/invalid", test_access_invalid);
  g_test_add_func ("/Okc/ChargerAccess/reasons-with-grant", test_access_reasons_with_grant);
  g_test_add_func ("/Okc/AccessGrant/dates", test_grant_dates);
  g_test_add_func ("/Okc/Booking/decode", test_booking_decode);

  return g_test_run ();
}
