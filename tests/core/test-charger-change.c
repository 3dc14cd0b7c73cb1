/* test-charger-change.c — a charger's status history, from and to JSON, and as the timeline
 * says it
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

/* 2026-11-24T06:12:40Z */
#define AT ((gint64) 1795500760)

static JsonNode *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonNode *node = okc_json_parse_bytes (bytes, &error);

  g_assert_no_error (error);
  return node;
}

#define CHANGE_JSON(overrides) \
  "{\"id\": \"CHG-0000042\", \"at\": \"2026-11-24T06:12:40Z\", \"connector_id\": 1," \
  " \"from\": \"Charging\", \"to\": \"Faulted\", \"error_code\": \"GroundFailure\"," \
  " \"info\": \"RCD tripped: residual current 30 mA\"" overrides "}"

#define CHARGER_CHANGE_JSON(overrides) \
  "{\"id\": \"CHG-0000043\", \"at\": \"2026-11-24T06:12:40Z\", \"connector_id\": 0," \
  " \"from\": \"online\", \"to\": \"offline\", \"error_code\": null, \"info\": null" \
  overrides "}"

static void
test_change_decode (void)
{
  g_autoptr(JsonNode) node = parse (CHANGE_JSON (""));
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerChange) change = okc_charger_change_new_from_json (node, NULL, &error);
  g_autoptr(JsonNode) encoded = NULL;
  g_autoptr(OkcChargerChange) again = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (okc_charger_change_get_id (change), ==, "CHG-0000042");
  g_assert_cmpint (okc_charger_change_get_at (change), ==, AT);
  g_assert_cmpuint (okc_charger_change_get_connector_id (change), ==, 1);
  g_assert_cmpint (okc_charger_change_get_from (change), ==, OKC_CONNECTOR_STATUS_CHARGING);
  g_assert_cmpint (okc_charger_change_get_to (change), ==, OKC_CONNECTOR_STATUS_FAULTED);
  g_assert_cmpint (okc_charger_change_get_error_code (change), ==,
                   OKC_CHARGE_POINT_ERROR_GROUND_FAILURE);
  g_assert_cmpstr (okc_charger_change_get_info (change), ==,
                   "RCD tripped: residual current 30 mA");
  text = okc_charger_change_describe (change);
  g_assert_cmpstr (text, ==, "Connector 1: Charging → Faulted (ground failure)");

  encoded = okc_charger_change_to_json (change);
  again = okc_charger_change_new_from_json (encoded, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_charger_change_get_error_code (again), ==,
                   OKC_CHARGE_POINT_ERROR_GROUND_FAILURE);
  g_assert_cmpint (okc_charger_change_get_at (again), ==, AT);
  g_assert_cmpstr (okc_charger_change_get_info (again), ==,
                   okc_charger_change_get_info (change));
  g_assert_finalize_object (g_steal_pointer (&again));
  g_assert_finalize_object (g_steal_pointer (&change));
}

static void
test_change_of_the_charger (void)
{
  g_autoptr(JsonNode) node = parse (CHARGER_CHANGE_JSON (""));
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerChange) change = okc_charger_change_new_from_json (node, NULL, &error);
  g_autoptr(JsonNode) encoded = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (okc_charger_change_get_connector_id (change), ==, 0);
  g_assert_cmpint (okc_charger_change_get_from (change), ==, OKC_CHARGER_STATUS_ONLINE);
  g_assert_cmpint (okc_charger_change_get_to (change), ==, OKC_CHARGER_STATUS_OFFLINE);
  g_assert_cmpint (okc_charger_change_get_error_code (change), ==,
                   OKC_CHARGE_POINT_ERROR_NO_ERROR);
  g_assert_null (okc_charger_change_get_info (change));
  text = okc_charger_change_describe (change);
  g_assert_cmpstr (text, ==, "Charger: Online → Offline");

  encoded = okc_charger_change_to_json (change);
  g_assert_true (json_object_get_null_member (json_node_get_object (encoded), "error_code"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (encoded), "to"), ==,
                   "offline");
}

static void
test_change_describe (void)
{
  g_autoptr(OkcChargerChange) plain =
    okc_charger_change_new ("CHG-1", AT, 2, OKC_CONNECTOR_STATUS_PREPARING,
                            OKC_CONNECTOR_STATUS_CHARGING, OKC_CHARGE_POINT_ERROR_NO_ERROR, NULL);
  g_autoptr(OkcChargerChange) ev =
    okc_charger_change_new ("CHG-2", AT, 1, OKC_CONNECTOR_STATUS_PREPARING,
                            OKC_CONNECTOR_STATUS_SUSPENDED_EVSE,
                            OKC_CHARGE_POINT_ERROR_EV_COMMUNICATION_ERROR, NULL);
  g_autoptr(OkcChargerChange) back =
    okc_charger_change_new ("CHG-3", AT, 0, OKC_CHARGER_STATUS_FAULTED,
                            OKC_CHARGER_STATUS_ONLINE, OKC_CHARGE_POINT_ERROR_NO_ERROR, NULL);
  g_autofree char *plain_text = okc_charger_change_describe (plain);
  g_autofree char *ev_text = okc_charger_change_describe (ev);
  g_autofree char *back_text = okc_charger_change_describe (back);

  g_assert_cmpstr (plain_text, ==, "Connector 2: Preparing → Charging");
  g_assert_cmpstr (ev_text, ==,
                   "Connector 1: Preparing → Suspended by the charger (EV communication error)");
  g_assert_cmpstr (back_text, ==, "Charger: Faulted → Online");
}

typedef struct
{
  const char *text;
  int code;
  const char *field;
} BadCase;

static void
test_change_invalid (void)
{
  static const BadCase cases[] = {
    { CHANGE_JSON (", \"id\": \"\""), OKC_DATA_ERROR_INVALID, "history[0].id" },
    { CHANGE_JSON (", \"at\": null"), OKC_DATA_ERROR_MISSING, "history[0].at" },
    { CHANGE_JSON (", \"connector_id\": -1"), OKC_DATA_ERROR_INVALID,
      "history[0].connector_id" },
    { CHANGE_JSON (", \"connector_id\": \"1\""), OKC_DATA_ERROR_INVALID,
      "history[0].connector_id" },
    /* A connector's statuses are OCPP's, the charger's are the summary. */
    { CHANGE_JSON (", \"from\": \"online\""), OKC_DATA_ERROR_UNKNOWN, "history[0].from" },
    { CHANGE_JSON (", \"to\": \"faulted\""), OKC_DATA_ERROR_UNKNOWN, "history[0].to" },
    { CHARGER_CHANGE_JSON (", \"to\": \"Faulted\""), OKC_DATA_ERROR_UNKNOWN, "history[0].to" },
    { CHANGE_JSON (", \"error_code\": null"), OKC_DATA_ERROR_MISSING, "history[0].error_code" },
    { CHARGER_CHANGE_JSON (", \"error_code\": \"NoError\""), OKC_DATA_ERROR_INVALID,
      "history[0].error_code" },
    { CHANGE_JSON (", \"info\": 42"), OKC_DATA_ERROR_INVALID, "history[0].info" },
  };
  static const char * const required[] = {
    "id", "at", "connector_id", "from", "to", "error_code", "info",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].text);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcChargerChange) change =
        okc_charger_change_new_from_json (node, "history[0]", &error);

      g_test_message ("case %u: %s", i, cases[i].text);
      g_assert_null (change);
      g_assert_error (error, OKC_DATA_ERROR, cases[i].code);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].field);
    }

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autoptr(JsonNode) node = parse (CHANGE_JSON (""));
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcChargerChange) change = NULL;

      json_object_remove_member (json_node_get_object (node), required[i]);
      change = okc_charger_change_new_from_json (node, NULL, &error);
      g_assert_null (change);
      g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_MISSING);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, required[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/ChargerChange/decode", test_change_decode);
  g_test_add_func ("/Okc/ChargerChange/charger", test_change_of_the_charger);
  g_test_add_func ("/Okc/ChargerChange/describe", test_change_describe);
  g_test_add_func ("/Okc/ChargerChange/invalid", test_change_invalid);

  return g_test_run ();
}
