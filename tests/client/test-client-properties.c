/* test-client-properties.c — charger lookup, properties and PMS syncs through the
 * client, and assignment and sync sent through the outbox, against the real backend
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-client-properties.h"
#include "okc-client-chargers.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

static OkcTestBackend *backend;
static OkcClient *agent;

/* The first column of the first row of @sql, @arg bound to ?1. */
static char *
query_text (const char *sql,
            const char *arg)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static OkcClient *
new_agent (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcUser) user = NULL;
  OkcClient *client = okc_client_new (okc_test_backend_get_url (backend), &error);

  g_assert_no_error (error);
  okc_client_sign_in_async (client, "alex.rivera@ok2charge.example", "demo-agent", NULL,
                            okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  user = okc_client_sign_in_finish (client, result, &error);
  g_assert_no_error (error);
  return client;
}

static OkcCharger *
lookup (const char  *code,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_lookup_charger_async (agent, code, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_lookup_charger_finish (agent, result, error);
}

static OkcProperty *
get_property (const char  *id,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_get_property_async (agent, id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_get_property_finish (agent, result, error);
}

static void
test_lookup (void)
{
  g_autofree char *id = query_text ("SELECT id FROM chargers WHERE property_id IS NULL "
                                    "ORDER BY id LIMIT 1",
                                    NULL);
  g_autofree char *serial = query_text ("SELECT serial FROM chargers WHERE id = ?1", id);
  g_autofree char *qr = g_strdup_printf ("https://ok2charge.example/c/%s", id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing = NULL;
  g_autoptr(OkcCharger) by_qr = lookup (qr, &error);
  g_autoptr(OkcCharger) by_serial = NULL;
  g_autoptr(OkcCharger) none = lookup ("OK2-X00-0000000", &missing);

  g_assert_no_error (error);
  g_assert_cmpstr (okc_charger_get_serial (by_qr), ==, serial);
  g_assert_null (okc_charger_get_property_id (by_qr));
  by_serial = lookup (serial, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_charger_get_id (by_serial), ==, id);
  g_assert_null (none);
  g_assert_error (missing, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND);
}

static void
test_list_and_get (void)
{
  g_autofree char *name = query_text ("SELECT name FROM properties WHERE pms_connected "
                                      "ORDER BY id LIMIT 1",
                                      NULL);
  g_autofree char *part = g_ascii_strdown (name, 6);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPropertyPage) page = NULL;
  g_autoptr(OkcProperty) detail = NULL;
  OkcProperty *found = NULL;

  okc_client_list_properties_async (agent, part, NULL, 50, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  page = okc_client_list_properties_finish (agent, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (page->total, ==, page->properties->len);
  for (guint i = 0; i < page->properties->len; i++)
    if (g_str_equal (okc_property_get_name (g_ptr_array_index (page->properties, i)), name))
      found = g_ptr_array_index (page->properties, i);
  g_assert_nonnull (found);
  g_assert_false (okc_property_has_members (found));
  g_assert_true (okc_property_get_pms (found)->connected);

  detail = get_property (okc_property_get_id (found), &error);
  g_assert_no_error (error);
  g_assert_true (okc_property_has_members (detail));
  g_assert_cmpuint (okc_property_get_n_listed_units (detail), ==,
                    okc_property_get_n_units (found));
  g_assert_cmpuint (okc_property_get_n_listed_chargers (detail), ==,
                    okc_property_get_n_chargers (found));
}

typedef struct
{
  const char *key;
  OkcOutboxAction *finished;
} Waiting;

static void
action_finished_cb (OkcOutbox       *outbox,
                    OkcOutboxAction *action,
                    Waiting         *waiting)
{
  if (g_str_equal (okc_outbox_action_get_key (action), waiting->key))
    g_set_object (&waiting->finished, action);
}

static gboolean
is_finished (gpointer data)
{
  return ((Waiting *) data)->finished != NULL;
}

/* One outbox for the executable, as the console has one for its window. */
static char *outbox_dir;
static OkcStore *outbox_store;
static OkcOutbox *outbox;

static void
start_outbox (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  outbox_dir = okc_test_make_tmp_dir ();
  path = g_build_filename (outbox_dir, "store.sqlite", NULL);
  outbox_store = okc_store_new (path);
  okc_store_open_async (outbox_store, OKC_STORE_OPEN_NONE, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_open_finish (outbox_store, result, &error));
  outbox = okc_outbox_new (agent, outbox_store);
  okc_outbox_start (outbox);
}

static void
stop_outbox (void)
{
  okc_outbox_stop (outbox);
  g_clear_object (&outbox);
  g_clear_object (&outbox_store);
  okc_test_remove_tree (outbox_dir);
  g_free (outbox_dir);
}

/* Submits @action and waits for the backend's answer.
 * Returns: (transfer full): the action as the outbox finished it. */
static OkcOutboxAction *
send_through_outbox (OkcOutboxAction *action)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Waiting waiting = { okc_outbox_action_get_key (action), NULL };
  gulong handler = g_signal_connect (outbox, "action-finished", G_CALLBACK (action_finished_cb),
                                     &waiting);

  okc_outbox_submit_async (outbox, action, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_outbox_submit_finish (outbox, result, &error));
  g_assert_no_error (error);
  okc_test_wait_until (is_finished, &waiting);
  g_signal_handler_disconnect (outbox, handler);
  return waiting.finished;
}

static void
test_assign (void)
{
  g_autofree char *charger_id = query_text ("SELECT id FROM chargers WHERE property_id IS NULL "
                                            "ORDER BY id DESC LIMIT 1",
                                            NULL);
  g_autofree char *serial = query_text ("SELECT serial FROM chargers WHERE id = ?1", charger_id);
  g_autofree char *unit_id = query_text ("SELECT id FROM units ORDER BY id LIMIT 1", NULL);
  g_autofree char *unit_name = query_text ("SELECT name FROM units WHERE id = ?1", unit_id);
  g_autofree char *property_id = query_text ("SELECT property_id FROM units WHERE id = ?1",
                                             unit_id);
  g_autofree char *property_name = query_text ("SELECT name FROM properties WHERE id = ?1",
                                               property_id);
  g_autoptr(OkcOutboxAction) action = okc_charger_assignment_action_new (
    charger_id, serial, property_id, property_name, unit_id, unit_name, NULL);
  g_autoptr(OkcCharger) charger = NULL;
  g_autoptr(OkcOutboxAction) finished = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = g_strdup_printf ("Assign %s to %s, %s", serial, property_name,
                                              unit_name);

  g_assert_cmpstr (okc_outbox_action_get_kind (action), ==, "charger.assign");
  g_assert_cmpstr (okc_outbox_action_get_summary (action), ==, summary);
  finished = send_through_outbox (action);
  g_assert_cmpint (okc_outbox_action_get_state (finished), ==, OKC_OUTBOX_STATE_DONE);
  charger = okc_charger_new_from_json (okc_outbox_action_get_response (finished), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_charger_get_property_id (charger), ==, property_id);
  g_assert_cmpstr (okc_charger_get_unit_name (charger), ==, unit_name);
}

static void
test_sync (void)
{
  g_autofree char *failing_id = query_text ("SELECT id FROM properties WHERE "
                                            "pms_token_expired_at IS NOT NULL LIMIT 1",
                                            NULL);
  g_autofree char *failing_name = query_text ("SELECT name FROM properties WHERE id = ?1",
                                              failing_id);
  g_autoptr(OkcOutboxAction) action = okc_pms_sync_action_new (failing_id, failing_name, NULL);
  g_autoptr(OkcPmsSync) sync = NULL;
  g_autoptr(OkcOutboxAction) finished = NULL;
  g_autoptr(GPtrArray) syncs = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  finished = send_through_outbox (action);
  /* A sync the PMS refuses is done (2xx) with a failed outcome: the agent reads why. */
  g_assert_cmpint (okc_outbox_action_get_state (finished), ==, OKC_OUTBOX_STATE_DONE);
  sync = okc_pms_sync_new_from_json (okc_outbox_action_get_response (finished), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_pms_sync_get_outcome (sync), ==, OKC_PMS_SYNC_OUTCOME_FAILED);
  g_assert_true (g_str_has_suffix (okc_pms_sync_get_error (sync), "in OK2Charge."));

  okc_client_list_pms_syncs_async (agent, failing_id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  syncs = okc_client_list_pms_syncs_finish (agent, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (syncs->len, >=, 1);
  g_assert_cmpstr (okc_pms_sync_get_id (g_ptr_array_index (syncs, 0)), ==,
                   okc_pms_sync_get_id (sync));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  backend = okc_test_backend_start (NULL);
  agent = new_agent ();

  g_test_add_func ("/Client/Properties/lookup", test_lookup);
  g_test_add_func ("/Client/Properties/list-and-get", test_list_and_get);
  g_test_add_func ("/Client/Properties/assign", test_assign);
  g_test_add_func ("/Client/Properties/sync", test_sync);
  start_outbox ();
  status = g_test_run ();

  stop_outbox ();
  g_clear_object (&agent);
  okc_test_backend_stop (backend);
  return status;
}
