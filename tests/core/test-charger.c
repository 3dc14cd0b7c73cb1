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
  " \"unit\": {\"id\": \"UNT-0003\", \"name\": \"Garage 3\"}, \"access\": \"restricted\"" \
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
  g_assert_cmpint (okc_charger_get_access (charger), ==, OKC_CHARGER_POLICY_RESTRICTED);
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
    " \"access\": \"public\", \"installed_at\": \"2026-11-20T00:00:00Z\"}");
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
      "Not on the access list of a residents-and-guests charger" },
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
      OKC_DATA_ERROR_INVALID, "account.email" },
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Charger/decode", test_charger_decode);
  g_test_add_func ("/Okc/Charger/unassigned", test_charger_unassigned);
  g_test_add_func ("/Okc/Charger/invalid", test_charger_invalid);
  g_test_add_func ("/Okc/ChargerAccess/decode", test_access_decode);
  g_test_add_func ("/Okc/ChargerAccess/invalid", test_access_invalid);

  return g_test_run ();
}
