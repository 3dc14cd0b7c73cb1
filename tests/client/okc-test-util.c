/* okc-test-util.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-test-util.h"

#include <glib/gstdio.h>

/**
 * okc_test_ticket_new_full:
 *
 * Builds a ticket the way the backend sends one, through the strict decoder, so a test
 * never holds a ticket the real code could not have received.
 */
OkcTicket *
okc_test_ticket_new_full (const char      *id,
                          OkcPriority      priority,
                          OkcTicketStatus  status,
                          gint64           created_at,
                          gint64           updated_at,
                          gint64           version,
                          const char      *summary)
{
  g_autofree char *created = okc_time_format_rfc3339 (created_at);
  g_autofree char *updated = okc_time_format_rfc3339 (updated_at);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  OkcTicket *ticket;

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", id);
  okc_json_builder_add_string (builder, "topic", "charger-offline");
  okc_json_builder_add_string (builder, "status", okc_enum_to_nick (OKC_TYPE_TICKET_STATUS,
                                                                    status));
  okc_json_builder_add_string (builder, "priority", okc_enum_to_nick (OKC_TYPE_PRIORITY,
                                                                      priority));
  okc_json_builder_add_string (builder, "summary", summary);
  json_builder_set_member_name (builder, "requester");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "name", "Maya Chen");
  okc_json_builder_add_string (builder, "email", "maya.chen@example.com");
  okc_json_builder_add_string (builder, "phone", NULL);
  okc_json_builder_add_string (builder, "audience", "guest");
  json_builder_end_object (builder);
  okc_json_builder_add_string (builder, "property", NULL);
  okc_json_builder_add_string (builder, "charger_id", "CH-10234");
  okc_json_builder_add_string (builder, "assignee", NULL);
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "property_name", "Lakeview Lofts");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "transcript");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  okc_json_builder_add_string (builder, "created_at", created);
  okc_json_builder_add_string (builder, "updated_at", updated);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, version);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  ticket = okc_ticket_new_from_json (root, NULL, &error);
  g_assert_no_error (error);
  return ticket;
}

OkcTicket *
okc_test_ticket_new (const char      *id,
                     OkcPriority      priority,
                     OkcTicketStatus  status,
                     gint64           created_at,
                     gint64           version)
{
  return okc_test_ticket_new_full (id, priority, status, created_at, created_at + version,
                                   version, "Charger shows Offline after a power cycle");
}

char *
okc_test_ticket_to_string (OkcTicket *ticket)
{
  g_autoptr(JsonNode) node = okc_ticket_to_json (ticket);
  return okc_json_to_string (node);
}

void
okc_test_result_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds; fails the test if that takes longer than
 * OKC_TEST_TIMEOUT_SECONDS. Never sleeps. */
void
okc_test_wait_until (gboolean (*condition) (gpointer data),
                     gpointer   data)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (OKC_TEST_TIMEOUT_SECONDS, timed_out_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Gave up waiting after %d seconds", OKC_TEST_TIMEOUT_SECONDS);
  g_source_remove (timeout_id);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

void
okc_test_wait_for_result (GAsyncResult **slot)
{
  okc_test_wait_until (has_result, slot);
}

char *
okc_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("okc-client-test-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

void
okc_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_remove (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      okc_test_remove_tree (child);
    }
  g_rmdir (path);
}
