/* test-property.c — properties, their PMS integration and syncs from and to JSON, every
 * bad member named
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

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

#define PROPERTY_HEAD \
  "\"id\": \"PRP-0006\", \"name\": \"Harbor Cabins\", \"kind\": \"rental\"," \
  " \"address\": \"2829 Willow Dr\", \"city\": \"Napa\", \"state\": \"CA\"," \
  " \"postal_code\": \"94561\", \"timezone\": \"America/Los_Angeles\"," \
  " \"host\": {\"id\": \"ACC-00007\", \"name\": \"Owen Green\", \"email\": \"owen@example.org\"}," \
  " \"n_chargers\": 2, \"n_units\": 2"

#define PMS_FAILING \
  "\"pms\": {\"provider\": \"guesty\", \"connected\": true, \"sync_state\": \"failing\"," \
  " \"last_sync_at\": \"2026-11-01T11:00:00Z\", \"last_error\": \"Guesty refused the API token\"}"

#define MEMBERS \
  "\"units\": [{\"id\": \"UNT-0012\", \"name\": \"Cabin 1\", \"n_chargers\": 1}," \
  " {\"id\": \"UNT-0013\", \"name\": \"Cabin 2\", \"n_chargers\": 0}]," \
  " \"chargers\": [{\"id\": \"CH-10021\", \"serial\": \"OK2-F32-2500021\", \"model\": \"Flex\"," \
  " \"status\": \"online\", \"last_heartbeat_at\": \"2026-12-02T04:49:30Z\"," \
  " \"unit_id\": \"UNT-0012\", \"unit_name\": \"Cabin 1\"}," \
  " {\"id\": \"CH-10022\", \"serial\": \"OK2-P80-2200022\", \"model\": \"Pro\"," \
  " \"status\": \"offline\", \"last_heartbeat_at\": null, \"unit_id\": null," \
  " \"unit_name\": null}]"

static void
test_property_round_trip (void)
{
  g_autoptr(JsonNode) node = parse ("{" PROPERTY_HEAD ", " PMS_FAILING ", " MEMBERS "}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcProperty) property = okc_property_new_from_json (node, NULL, &error);
  g_autoptr(OkcProperty) again = NULL;
  g_autoptr(JsonNode) encoded = NULL;
  g_autofree char *address = NULL;
  const OkcPmsIntegration *pms;
  const OkcPropertyCharger *offline;

  g_assert_no_error (error);
  g_assert_cmpstr (okc_property_get_id (property), ==, "PRP-0006");
  g_assert_cmpstr (okc_property_get_host_email (property), ==, "owen@example.org");
  g_assert_cmpuint (okc_property_get_n_chargers (property), ==, 2);
  address = okc_property_format_address (property);
  g_assert_cmpstr (address, ==, "2829 Willow Dr, Napa, CA 94561");
  pms = okc_property_get_pms (property);
  g_assert_cmpint (pms->provider, ==, OKC_PMS_PROVIDER_GUESTY);
  g_assert_true (pms->connected);
  g_assert_cmpint (pms->sync_state, ==, OKC_PMS_SYNC_STATE_FAILING);
  g_assert_cmpint (pms->last_sync_at, ==, 1793530800);
  g_assert_cmpstr (pms->last_error, ==, "Guesty refused the API token");
  g_assert_true (okc_property_has_members (property));
  g_assert_cmpuint (okc_property_get_n_listed_units (property), ==, 2);
  g_assert_cmpstr (okc_property_get_unit (property, 1)->name, ==, "Cabin 2");
  g_assert_cmpuint (okc_property_get_n_listed_chargers (property), ==, 2);
  offline = okc_property_get_charger (property, 1);
  g_assert_cmpint (offline->status, ==, OKC_CHARGER_STATUS_OFFLINE);
  g_assert_cmpint (offline->last_heartbeat_at, ==, 0);
  g_assert_null (offline->unit_id);

  encoded = okc_property_to_json (property);
  again = okc_property_new_from_json (encoded, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_property_get_charger (again, 0)->unit_name, ==, "Cabin 1");
  g_assert_cmpint (okc_property_get_pms (again)->last_sync_at, ==, pms->last_sync_at);
  g_assert_finalize_object (g_steal_pointer (&again));
  g_assert_finalize_object (g_steal_pointer (&property));
}

static void
test_property_summary (void)
{
  g_autoptr(JsonNode) node = parse (
    "{" PROPERTY_HEAD ", \"pms\": {\"provider\": \"none\", \"connected\": false,"
    " \"sync_state\": \"never_synced\", \"last_sync_at\": null, \"last_error\": null}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcProperty) property = okc_property_new_from_json (node, NULL, &error);

  g_assert_no_error (error);
  g_assert_false (okc_property_has_members (property));
  g_assert_cmpuint (okc_property_get_n_listed_units (property), ==, 0);
  g_assert_cmpint (okc_property_get_pms (property)->last_sync_at, ==, 0);
  g_assert_cmpstr (okc_pms_sync_state_get_label (okc_property_get_pms (property)->sync_state),
                   ==, "Never synced");
}

typedef struct
{
  const char *json;
  const char *field;
} BadInput;

static void
assert_refused (const BadInput *cases,
                guint           n_cases,
                gpointer      (*decode) (JsonNode *, const char *, GError **))
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      gpointer object = decode (node, "property", &error);

      if (object != NULL)
        g_error ("accepted %s", cases[i].json);
      g_assert_error (error, OKC_DATA_ERROR, error->code);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].field);
      g_assert_true (g_str_has_prefix (error->message, cases[i].field));
    }
}

static void
test_property_refused (void)
{
  static const BadInput cases[] = {
    { "{" PROPERTY_HEAD "}", "property.pms" },
    { "{" PROPERTY_HEAD ", \"pms\": {\"provider\": \"airbnb\", \"connected\": true,"
      " \"sync_state\": \"ok\", \"last_sync_at\": null, \"last_error\": null}}",
      "property.pms.provider" },
    { "{" PROPERTY_HEAD ", \"pms\": {\"provider\": \"none\", \"connected\": true,"
      " \"sync_state\": \"ok\", \"last_sync_at\": null, \"last_error\": null}}",
      "property.pms.connected" },
    { "{" PROPERTY_HEAD ", \"pms\": {\"provider\": \"track\", \"connected\": true,"
      " \"sync_state\": \"failing\", \"last_sync_at\": null, \"last_error\": null}}",
      "property.pms.last_error" },
    { "{" PROPERTY_HEAD ", \"pms\": {\"provider\": \"track\", \"connected\": true,"
      " \"sync_state\": \"ok\", \"last_sync_at\": \"yesterday\", \"last_error\": null}}",
      "property.pms.last_sync_at" },
    { "{" PROPERTY_HEAD ", \"pms\": {\"provider\": \"track\", \"connected\": true,"
      " \"sync_state\": \"ok\", \"last_error\": null}}",
      "property.pms.last_sync_at" },
    { "{\"id\": \"PRP-1\", \"name\": \"\"}", "property.name" },
    { "{" PROPERTY_HEAD ", " PMS_FAILING ", \"units\": []}", "property.chargers" },
    { "{" PROPERTY_HEAD ", " PMS_FAILING ", \"units\": [{\"id\": \"UNT-1\", \"name\": \"A\","
      " \"n_chargers\": -1}], \"chargers\": []}",
      "property.units[0].n_chargers" },
    { "{" PROPERTY_HEAD ", " PMS_FAILING ", \"units\": [], \"chargers\": [{\"id\": \"CH-1\","
      " \"serial\": \"S\", \"model\": \"M\", \"status\": \"asleep\", \"last_heartbeat_at\": null,"
      " \"unit_id\": null, \"unit_name\": null}]}",
      "property.chargers[0].status" },
  };

  assert_refused (cases, G_N_ELEMENTS (cases), (gpointer) okc_property_new_from_json);
}

#define SYNC_OK \
  "{\"id\": \"PMS-000001\", \"property_id\": \"PRP-0007\", \"started_at\": " \
  "\"2026-12-02T04:49:30Z\", \"finished_at\": \"2026-12-02T04:49:31Z\", \"outcome\": " \
  "\"succeeded\", \"bookings_imported\": 6, \"chargers_matched\": 1, \"error\": null, " \
  "\"requested_by\": {\"id\": \"USR-0001\", \"name\": \"Alex Rivera\"}}"

static void
test_sync_round_trip (void)
{
  g_autoptr(JsonNode) node = parse (SYNC_OK);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPmsSync) sync = okc_pms_sync_new_from_json (node, NULL, &error);
  g_autoptr(OkcPmsSync) again = NULL;
  g_autoptr(JsonNode) encoded = NULL;
  g_autofree char *outcome = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (okc_pms_sync_get_id (sync), ==, "PMS-000001");
  g_assert_cmpint (okc_pms_sync_get_outcome (sync), ==, OKC_PMS_SYNC_OUTCOME_SUCCEEDED);
  g_assert_cmpint (okc_pms_sync_get_bookings_imported (sync), ==, 6);
  g_assert_cmpint (okc_pms_sync_get_finished_at (sync) - okc_pms_sync_get_started_at (sync), ==,
                   1);
  g_assert_cmpstr (okc_pms_sync_get_requested_by_name (sync), ==, "Alex Rivera");
  outcome = okc_pms_sync_describe_outcome (sync);
  g_assert_cmpstr (outcome, ==, "6 bookings imported, 1 charger matched");

  encoded = okc_pms_sync_to_json (sync);
  again = okc_pms_sync_new_from_json (encoded, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_pms_sync_get_chargers_matched (again), ==, 1);
  g_assert_cmpstr (okc_pms_sync_get_requested_by_id (again), ==, "USR-0001");
  g_assert_finalize_object (g_steal_pointer (&again));
  g_assert_finalize_object (g_steal_pointer (&sync));
}

static void
test_sync_failed (void)
{
  g_autoptr(JsonNode) node = parse (
    "{\"id\": \"PMS-000002\", \"property_id\": \"PRP-0006\", \"started_at\": "
    "\"2026-12-02T04:49:30Z\", \"finished_at\": \"2026-12-02T04:49:30Z\", \"outcome\": "
    "\"failed\", \"bookings_imported\": 0, \"chargers_matched\": 0, \"error\": \"Guesty "
    "refused the API token\", \"requested_by\": null}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPmsSync) sync = okc_pms_sync_new_from_json (node, NULL, &error);
  g_autofree char *outcome = NULL;

  g_assert_no_error (error);
  g_assert_null (okc_pms_sync_get_requested_by_id (sync));
  outcome = okc_pms_sync_describe_outcome (sync);
  g_assert_cmpstr (outcome, ==, "Guesty refused the API token");
}

static void
test_sync_refused (void)
{
  static const BadInput cases[] = {
    { "{\"id\": \"PMS-1\", \"property_id\": \"PRP-1\", \"started_at\": \"2026-12-02T04:49:30Z\","
      " \"finished_at\": \"2026-12-02T04:49:30Z\", \"outcome\": \"failed\", \"bookings_imported\":"
      " 0, \"chargers_matched\": 0, \"error\": null, \"requested_by\": null}",
      "property.error" },
    { "{\"id\": \"PMS-1\", \"property_id\": \"PRP-1\", \"started_at\": \"2026-12-02T04:49:30Z\","
      " \"finished_at\": \"2026-12-02T04:49:30Z\", \"outcome\": \"succeeded\", \"bookings_imported\":"
      " 0, \"chargers_matched\": 0, \"error\": \"late\", \"requested_by\": null}",
      "property.error" },
    { "{\"id\": \"PMS-1\", \"property_id\": \"PRP-1\", \"started_at\": \"2026-12-02T04:49:30Z\","
      " \"finished_at\": \"2026-12-02T04:49:29Z\", \"outcome\": \"succeeded\", \"bookings_imported\":"
      " 0, \"chargers_matched\": 0, \"error\": null, \"requested_by\": null}",
      "property.finished_at" },
    { "{\"id\": \"PMS-1\", \"property_id\": \"PRP-1\", \"started_at\": \"2026-12-02T04:49:30Z\","
      " \"finished_at\": \"2026-12-02T04:49:30Z\", \"outcome\": \"succeeded\", \"bookings_imported\":"
      " -3, \"chargers_matched\": 0, \"error\": null, \"requested_by\": null}",
      "property.bookings_imported" },
    { "{\"id\": \"PMS-1\", \"property_id\": \"PRP-1\", \"started_at\": \"2026-12-02T04:49:30Z\","
      " \"finished_at\": \"2026-12-02T04:49:30Z\", \"outcome\": \"partly\", \"bookings_imported\":"
      " 0, \"chargers_matched\": 0, \"error\": null, \"requested_by\": null}",
      "property.outcome" },
    { "{\"id\": \"PMS-1\", \"property_id\": \"PRP-1\", \"started_at\": \"2026-12-02T04:49:30Z\","
      " \"finished_at\": \"2026-12-02T04:49:30Z\", \"outcome\": \"succeeded\", \"bookings_imported\":"
      " 0, \"chargers_matched\": 0, \"error\": null, \"requested_by\": {\"name\": \"X\"}}",
      "property.requested_by.id" },
  };

  assert_refused (cases, G_N_ELEMENTS (cases), (gpointer) okc_pms_sync_new_from_json);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Property/round-trip", test_property_round_trip);
  g_test_add_func ("/Okc/Property/summary", test_property_summary);
  g_test_add_func ("/Okc/Property/refused", test_property_refused);
  g_test_add_func ("/Okc/PmsSync/round-trip", test_sync_round_trip);
  g_test_add_func ("/Okc/PmsSync/failed", test_sync_failed);
  g_test_add_func ("/Okc/PmsSync/refused", test_sync_refused);
  return g_test_run ();
}
