/* test-timeline-entry.c — decoding timeline entries strictly
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

static OkcTimelineEntry *
decode (const char  *text,
        GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(JsonNode) node = okc_json_parse_bytes (bytes, NULL);

  g_assert_nonnull (node);
  return okc_timeline_entry_new_from_json (node, "entries[0]", error);
}

static void
test_kinds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcTimelineEntry) created = decode (
    "{\"id\": \"EVT-000001\", \"kind\": \"created\", \"at\": \"2026-11-24T08:03:00Z\","
    " \"actor\": null}", &error);
  g_autoptr(OkcTimelineEntry) status = NULL, assigned = NULL, note = NULL, priority = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (okc_timeline_entry_get_kind (created), ==, OKC_TIMELINE_KIND_CREATED);
  g_assert_cmpint (okc_timeline_entry_get_at (created), ==, 1795507380);
  g_assert_null (okc_timeline_entry_get_actor_id (created));

  status = decode ("{\"id\": \"EVT-000002\", \"kind\": \"status_changed\","
                   " \"at\": \"2026-11-24T08:05:00Z\","
                   " \"actor\": {\"id\": \"USR-0001\", \"name\": \"Alex Rivera\"},"
                   " \"from\": \"new\", \"to\": \"open\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_timeline_entry_get_actor_name (status), ==, "Alex Rivera");
  g_assert_cmpstr (okc_timeline_entry_get_from (status), ==, "new");
  g_assert_cmpstr (okc_timeline_entry_get_to (status), ==, "open");

  priority = decode ("{\"id\": \"EVT-000003\", \"kind\": \"priority_changed\","
                     " \"at\": \"2026-11-24T08:05:00Z\", \"actor\": null,"
                     " \"from\": \"normal\", \"to\": \"urgent\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_timeline_entry_get_to (priority), ==, "urgent");

  assigned = decode ("{\"id\": \"EVT-000004\", \"kind\": \"assigned\","
                     " \"at\": \"2026-11-24T08:05:00Z\", \"actor\": null,"
                     " \"from\": {\"id\": \"USR-0002\", \"name\": \"Sam Okafor\"}, \"to\": null}",
                     &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_timeline_entry_get_from (assigned), ==, "USR-0002");
  g_assert_cmpstr (okc_timeline_entry_get_from_name (assigned), ==, "Sam Okafor");
  g_assert_null (okc_timeline_entry_get_to (assigned));

  note = decode ("{\"id\": \"EVT-000005\", \"kind\": \"note\", \"at\": \"2026-11-24T08:05:00Z\","
                 " \"actor\": {\"id\": \"USR-0001\", \"name\": \"Alex Rivera\"},"
                 " \"text\": \"Heartbeat stopped\", \"newer\": 1}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_timeline_entry_get_kind (note), ==, OKC_TIMELINE_KIND_NOTE);
  g_assert_cmpstr (okc_timeline_entry_get_text (note), ==, "Heartbeat stopped");
  {
    g_autofree char *text = NULL, *actor = NULL;
    OkcTimelineKind kind;
    gint64 at;

    g_object_get (note, "text", &text, "actor-name", &actor, "kind", &kind, "at", &at, NULL);
    g_assert_cmpstr (text, ==, "Heartbeat stopped");
    g_assert_cmpstr (actor, ==, "Alex Rivera");
    g_assert_cmpint (kind, ==, OKC_TIMELINE_KIND_NOTE);
    g_assert_cmpint (at, ==, 1795507500);
  }
  g_assert_finalize_object (g_steal_pointer (&note));
}

static void
test_rejects (void)
{
  static const struct
  {
    const char *json;
    const char *field;
  } cases[] = {
    { "{\"kind\": \"created\", \"at\": \"2026-11-24T08:03:00Z\", \"actor\": null}",
      "entries[0].id" },
    { "{\"id\": \"\", \"kind\": \"created\", \"at\": \"2026-11-24T08:03:00Z\"}", "entries[0].id" },
    { "{\"id\": \"E\", \"kind\": \"merged\", \"at\": \"2026-11-24T08:03:00Z\"}",
      "entries[0].kind" },
    { "{\"id\": \"E\", \"kind\": \"created\", \"at\": \"yesterday\"}", "entries[0].at" },
    { "{\"id\": \"E\", \"kind\": \"created\", \"at\": \"2026-11-24T08:03:00Z\", \"actor\": 5}",
      "entries[0].actor" },
    { "{\"id\": \"E\", \"kind\": \"created\", \"at\": \"2026-11-24T08:03:00Z\","
      " \"actor\": {\"id\": \"USR-1\"}}", "entries[0].actor.name" },
    { "{\"id\": \"E\", \"kind\": \"note\", \"at\": \"2026-11-24T08:03:00Z\"}",
      "entries[0].text" },
    { "{\"id\": \"E\", \"kind\": \"reply\", \"at\": \"2026-11-24T08:03:00Z\", \"text\": \"\"}",
      "entries[0].text" },
    { "{\"id\": \"E\", \"kind\": \"status_changed\", \"at\": \"2026-11-24T08:03:00Z\","
      " \"from\": \"new\", \"to\": \"closed\"}", "entries[0].to" },
    { "{\"id\": \"E\", \"kind\": \"priority_changed\", \"at\": \"2026-11-24T08:03:00Z\","
      " \"to\": \"low\"}", "entries[0].from" },
    { "{\"id\": \"E\", \"kind\": \"assigned\", \"at\": \"2026-11-24T08:03:00Z\","
      " \"to\": \"USR-0001\"}", "entries[0].to" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcTimelineEntry) entry = decode (cases[i].json, &error);

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_null (entry);
      g_assert_error (error, OKC_DATA_ERROR, error->code);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].field);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/TimelineEntry/kinds", test_kinds);
  g_test_add_func ("/Okc/TimelineEntry/rejects", test_rejects);

  return g_test_run ();
}
