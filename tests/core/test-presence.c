/* test-presence.c — strict decoding of ticket presence
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

#define VALID "{\"user\": {\"id\": \"USR-0001\", \"name\": \"Alex Rivera\"}, " \
              "\"activity\": \"replying\", \"since\": \"2026-11-24T08:00:00Z\", " \
              "\"expires_at\": \"2026-11-24T08:00:45Z\"}"

static void
test_decode (void)
{
  g_autoptr(JsonNode) node = parse ("[" VALID "]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = okc_presence_list_from_json (node, "present", &error);
  OkcPresence *presence;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  presence = g_ptr_array_index (list, 0);
  g_assert_cmpstr (okc_presence_get_user_id (presence), ==, "USR-0001");
  g_assert_cmpstr (okc_presence_get_user_name (presence), ==, "Alex Rivera");
  g_assert_cmpstr (okc_presence_get_activity (presence), ==, "replying");
  g_assert_cmpint (okc_presence_get_expires_at (presence) - okc_presence_get_since (presence), ==,
                   45);
}

static void
test_invalid (void)
{
  static const struct
  {
    const char *json;
    const char *field;
  } cases[] = {
    { "[{\"user\": {\"id\": \"USR-0001\", \"name\": \"A\"}, \"activity\": \"typing\", "
      "\"since\": \"2026-11-24T08:00:00Z\", \"expires_at\": \"2026-11-24T08:00:45Z\"}]",
      "present[0].activity" },
    { "[" VALID ", {\"user\": {\"id\": 7, \"name\": \"A\"}, \"activity\": \"viewing\", "
      "\"since\": \"2026-11-24T08:00:00Z\", \"expires_at\": \"2026-11-24T08:00:45Z\"}]",
      "present[1].user.id" },
    { "[{\"user\": {\"id\": \"USR-0001\", \"name\": \"A\"}, \"activity\": \"viewing\", "
      "\"since\": \"yesterday\", \"expires_at\": \"2026-11-24T08:00:45Z\"}]",
      "present[0].since" },
    { "[{\"user\": {\"id\": \"USR-0001\", \"name\": \"A\"}, \"activity\": \"viewing\", "
      "\"since\": \"2026-11-24T08:00:00Z\"}]",
      "present[0].expires_at" },
    { "{}", "present" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = okc_presence_list_from_json (node, "present", &error);

      g_assert_null (list);
      g_assert_nonnull (error);
      g_assert_cmpuint (error->domain, ==, OKC_DATA_ERROR);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].field);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Presence/decode", test_decode);
  g_test_add_func ("/Okc/Presence/invalid", test_invalid);

  return g_test_run ();
}
