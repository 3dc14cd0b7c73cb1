/* test-ticket-sync.c — cache, queue and backend together: the real backend on loopback,
 * the real store in a temporary directory
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libsoup/soup.h>

#include "okc-ticket-sync.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

#define NOW 1795512600 /* the fixed clock of the tests */

typedef struct
{
  OkcTestBackend *backend;
  char *dir;
  char *store_path;
  OkcClient *client;
  OkcStore *store;
  OkcTicketQueue *queue;
  OkcClock *clock;
  OkcTicketSync *sync;
  GArray *states;    /* OkcTicketSyncState, each notified change */
  guint n_changes;   /* items-changed of the queue */
} Fixture;

static void
state_cb (OkcTicketSync *sync,
          GParamSpec    *pspec,
          Fixture       *fixture)
{
  OkcTicketSyncState state = okc_ticket_sync_get_state (sync);
  g_array_append_val (fixture->states, state);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->n_changes++;
}

static OkcStore *
open_store (const char *path)
{
  g_autoptr(OkcStore) store = okc_store_new (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  okc_store_open_async (store, OKC_STORE_OPEN_RECOVER, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_open_finish (store, result, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static OkcClient *
signed_in_client (const char *url,
                  const char *email,
                  const char *password)
{
  g_autoptr(OkcClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcUser) user = NULL;
  g_autoptr(GError) error = NULL;

  client = okc_client_new (url, &error);
  g_assert_no_error (error);
  okc_client_sign_in_async (client, email, password, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  user = okc_client_sign_in_finish (client, result, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&client);
}

static OkcTicketSync *
sync_new (Fixture        *fixture,
          OkcClient      *client,
          OkcStore       *store,
          OkcTicketQueue *queue)
{
  OkcTicketSync *sync = okc_ticket_sync_new (client, store, queue, fixture->clock);

  okc_ticket_sync_set_page_size (sync, 40);
  return sync;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->backend = okc_test_backend_start (NULL);
  fixture->dir = okc_test_make_tmp_dir ();
  fixture->store_path = g_build_filename (fixture->dir, "account.sqlite", NULL);
  fixture->client = signed_in_client (okc_test_backend_get_url (fixture->backend),
                                      "alex.rivera@ok2charge.example", "demo-agent");
  fixture->store = open_store (fixture->store_path);
  fixture->queue = okc_ticket_queue_new ();
  fixture->clock = okc_clock_new_fixed (NOW);
  fixture->sync = sync_new (fixture, fixture->client, fixture->store, fixture->queue);
  fixture->states = g_array_new (FALSE, FALSE, sizeof (OkcTicketSyncState));
  g_signal_connect (fixture->sync, "notify::state", G_CALLBACK (state_cb), fixture);
  g_signal_connect (fixture->queue, "items-changed", G_CALLBACK (items_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->sync);
  g_clear_object (&fixture->queue);
  g_assert_finalize_object (fixture->store);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->clock);
  g_array_unref (fixture->states);
  if (fixture->backend != NULL)
    okc_test_backend_stop (fixture->backend);
  okc_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->store_path);
}

static gboolean
load_cached (OkcTicketSync  *sync,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_ticket_sync_load_cached_async (sync, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_ticket_sync_load_cached_finish (sync, result, error);
}

static gboolean
refresh (OkcTicketSync  *sync,
         GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_ticket_sync_refresh_async (sync, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_ticket_sync_refresh_finish (sync, result, error);
}

static GPtrArray *
store_load (OkcStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *tickets;

  okc_store_load_tickets_async (store, OKC_STORE_LOAD_OPEN_ONLY, NULL, okc_test_result_cb,
                                &result);
  okc_test_wait_for_result (&result);
  tickets = okc_store_load_tickets_finish (store, result, NULL, &error);
  g_assert_no_error (error);
  return tickets;
}

static gint64
store_mark (OkcStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 mark;

  okc_store_get_sync_mark_async (store, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  mark = okc_store_get_sync_mark_finish (store, result, &error);
  g_assert_no_error (error);
  return mark;
}

/* The open tickets as the backend lists them right now, straight from the client. */
static GPtrArray *
backend_open_tickets (OkcClient *client)
{
  g_autoptr(OkcTicketQuery) query = okc_ticket_query_new ();
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *cursor = NULL;

  okc_ticket_query_add_open_statuses (query);
  okc_ticket_query_set_limit (query, 500);
  do
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(OkcTicketPage) page = NULL;
      g_autoptr(GError) error = NULL;

      okc_client_list_tickets_async (client, query, cursor, NULL, okc_test_result_cb, &result);
      okc_test_wait_for_result (&result);
      page = okc_client_list_tickets_finish (client, result, &error);
      g_assert_no_error (error);
      g_ptr_array_extend (tickets, okc_ticket_page_get_tickets (page),
                          (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
      g_free (cursor);
      cursor = g_strdup (okc_ticket_page_get_next_cursor (page));
    }
  while (cursor != NULL);

  return g_steal_pointer (&tickets);
}

/* The queue holds exactly @expected (same ids, same versions), in triage order. */
static void
assert_queue_holds (OkcTicketQueue *queue,
                    GPtrArray      *expected)
{
  GListModel *model = G_LIST_MODEL (queue);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      OkcTicket *ticket = g_ptr_array_index (expected, i);
      OkcTicket *held = okc_ticket_queue_lookup (queue, okc_ticket_get_id (ticket));

      g_assert_nonnull (held);
      g_assert_cmpint (okc_ticket_get_version (held), ==, okc_ticket_get_version (ticket));
    }
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(OkcTicket) a = g_list_model_get_item (model, i - 1);
      g_autoptr(OkcTicket) b = g_list_model_get_item (model, i);

      g_assert_cmpint (okc_ticket_queue_compare (a, b), <, 0);
    }
}

static gint64
newest_update (GPtrArray *tickets)
{
  gint64 newest = 0;

  for (guint i = 0; i < tickets->len; i++)
    newest = MAX (newest, okc_ticket_get_updated_at (g_ptr_array_index (tickets, i)));
  return newest;
}

/* The mark is the newest updated_at received, but no later than the backend's clock
 * (which the tests do not know to the second: "now" is the upper bound). */
static void
assert_mark (OkcStore  *store,
             GPtrArray *tickets)
{
  gint64 mark = store_mark (store);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 newest = newest_update (tickets);

  g_test_message ("sync mark %" G_GINT64_FORMAT ", newest update %" G_GINT64_FORMAT
                  ", now %" G_GINT64_FORMAT, mark, newest, now);
  g_assert_cmpint (mark, >, 0);
  g_assert_cmpint (mark, <=, newest);
  if (newest <= now - 60)
    g_assert_cmpint (mark, ==, newest);
  else
    g_assert_cmpint (mark, >=, MIN (newest, now - 60));
}

static void
test_refresh_fills_queue_and_store (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) open = backend_open_tickets (fixture->client);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_test_message ("%u open tickets on the backend", open->len);
  g_assert_cmpuint (open->len, >, 40);

  /* A new store: nothing cached, the console opens empty. */
  g_assert_true (load_cached (fixture->sync, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->queue)), ==, 0);
  g_assert_cmpint (okc_ticket_sync_get_last_synced_at (fixture->sync), ==, 0);

  g_assert_true (refresh (fixture->sync, &error));
  g_assert_no_error (error);

  assert_queue_holds (fixture->queue, open);
  g_assert_cmpuint (okc_ticket_sync_get_n_received (fixture->sync), ==, open->len);
  g_assert_cmpint (okc_ticket_sync_get_n_expected (fixture->sync), ==, open->len);
  /* Pages of 40 were shown as they came. */
  g_assert_cmpuint (fixture->n_changes, >=, (open->len + 39) / 40);

  stored = store_load (fixture->store);
  g_assert_cmpuint (stored->len, ==, open->len);
  assert_queue_holds (fixture->queue, stored);
  assert_mark (fixture->store, open);

  g_assert_cmpuint (fixture->states->len, ==, 2);
  g_assert_cmpint (g_array_index (fixture->states, OkcTicketSyncState, 0), ==,
                   OKC_TICKET_SYNC_STATE_SYNCING);
  g_assert_cmpint (g_array_index (fixture->states, OkcTicketSyncState, 1), ==,
                   OKC_TICKET_SYNC_STATE_IDLE);
  g_assert_null (okc_ticket_sync_get_last_error (fixture->sync));
  g_assert_cmpint (okc_ticket_sync_get_last_synced_at (fixture->sync), ==, NOW);
}

/* The chatbot hands a new ticket off, through the API, as it would. */
static void
hand_off (Fixture *fixture)
{
  static const char body[] =
    "{\"topic\": \"charger-offline\", \"summary\": \"Charger offline since this morning\","
    " \"requester\": {\"name\": \"Ravi Patel\", \"email\": \"ravi@example.com\","
    " \"audience\": \"guest\"},"
    " \"fields\": {\"property_name\": \"Pine Street Suites\"},"
    " \"transcript\": [{\"sender\": \"customer\", \"sent_at\": \"2026-11-24T06:41:00Z\","
    " \"text\": \"The charger says offline\"}],"
    " \"attachments\": []}";
  g_autoptr(OkcClient) chatbot = signed_in_client (okc_test_backend_get_url (fixture->backend),
                                                   "chatbot@ok2charge.example", "demo-chatbot");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (okc_test_backend_get_url (fixture->backend),
                                      "/v1/handoffs", NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", okc_client_get_token (chatbot), NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new_static (body, sizeof body - 1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  soup_message_set_request_body_from_bytes (message, "application/json", request);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  response = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_test_message ("hand-off: %u %.*s", soup_message_get_status (message),
                  (int) g_bytes_get_size (response), (const char *) g_bytes_get_data (response, NULL));
  g_assert_cmpuint (soup_message_get_status (message), ==, 201);
}

static void
test_second_refresh_uses_since (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first_mark, total_open;

  g_assert_true (refresh (fixture->sync, &error));
  g_assert_no_error (error);
  total_open = okc_ticket_sync_get_n_expected (fixture->sync);
  first_mark = store_mark (fixture->store);
  g_assert_cmpint (first_mark, >, 0);

  /* Nothing changed: the refresh lists only what changed at or after the mark (the
   * tickets of its very second), not the whole queue again. */
  fixture->n_changes = 0;
  g_assert_true (refresh (fixture->sync, &error));
  g_assert_no_error (error);
  g_test_message ("second refresh: %u of %" G_GINT64_FORMAT " open",
                  okc_ticket_sync_get_n_received (fixture->sync), total_open);
  g_assert_cmpint (okc_ticket_sync_get_n_expected (fixture->sync), >=, 1);
  g_assert_cmpint (okc_ticket_sync_get_n_expected (fixture->sync), <, total_open);
  g_assert_cmpuint (fixture->n_changes, ==, 0);
  g_assert_cmpint (store_mark (fixture->store), ==, first_mark);

  /* A new ticket: the next refresh brings it, and only the changes. */
  hand_off (fixture);
  g_assert_true (refresh (fixture->sync, &error));
  g_assert_no_error (error);
  g_assert_cmpint (okc_ticket_sync_get_n_expected (fixture->sync), <, total_open);
  g_assert_cmpuint (fixture->n_changes, ==, 1);

  open = backend_open_tickets (fixture->client);
  g_assert_cmpint (open->len, ==, total_open + 1);
  assert_queue_holds (fixture->queue, open);
  assert_mark (fixture->store, open);
  g_assert_cmpint (store_mark (fixture->store), >=, first_mark);
}

static void
test_fresh_sync_loads_cache (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(OkcClient) nowhere = NULL;
  g_autoptr(OkcStore) store = NULL;
  g_autoptr(OkcTicketQueue) queue = NULL;
  g_autoptr(OkcTicketSync) sync = NULL;
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_assert_true (refresh (fixture->sync, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->queue)); i++)
    g_ptr_array_add (first, g_list_model_get_item (G_LIST_MODEL (fixture->queue), i));

  /* The console restarts with the backend gone: the cache alone fills the queue. */
  g_clear_pointer (&fixture->backend, okc_test_backend_stop);
  g_clear_object (&fixture->sync);
  g_clear_object (&fixture->store);

  nowhere = okc_client_new ("http://127.0.0.1:9", &error);
  g_assert_no_error (error);
  store = open_store (fixture->store_path);
  queue = okc_ticket_queue_new ();
  sync = sync_new (fixture, nowhere, store, queue);
  fixture->sync = g_object_ref (sync);
  fixture->store = g_object_ref (store);

  g_assert_true (load_cached (sync, &error));
  g_assert_no_error (error);
  assert_queue_holds (queue, first);
  for (guint i = 0; i < first->len; i++)
    {
      g_autoptr(OkcTicket) item = g_list_model_get_item (G_LIST_MODEL (queue), i);
      g_autofree char *expected = okc_test_ticket_to_string (g_ptr_array_index (first, i));
      g_autofree char *loaded = okc_test_ticket_to_string (item);

      g_assert_cmpstr (loaded, ==, expected);
    }
}

static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const GError *last_error;

  g_assert_true (refresh (fixture->sync, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fixture->queue)); i++)
    g_ptr_array_add (before, g_list_model_get_item (G_LIST_MODEL (fixture->queue), i));
  g_array_set_size (fixture->states, 0);
  fixture->n_changes = 0;

  g_clear_pointer (&fixture->backend, okc_test_backend_stop);
  okc_clock_set_now (fixture->clock, NOW + 600);

  g_assert_false (refresh (fixture->sync, &error));
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_OFFLINE);
  g_test_message ("%s", error->message);

  g_assert_cmpint (okc_ticket_sync_get_state (fixture->sync), ==, OKC_TICKET_SYNC_STATE_OFFLINE);
  g_assert_cmpuint (fixture->states->len, ==, 2);
  g_assert_cmpint (g_array_index (fixture->states, OkcTicketSyncState, 0), ==,
                   OKC_TICKET_SYNC_STATE_SYNCING);
  last_error = okc_ticket_sync_get_last_error (fixture->sync);
  g_assert_error ((GError *) last_error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_OFFLINE);
  g_assert_cmpint (okc_ticket_sync_get_last_synced_at (fixture->sync), ==, NOW);

  /* The queue is kept as it was. */
  g_assert_cmpuint (fixture->n_changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->queue)), ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr(OkcTicket) item = g_list_model_get_item (G_LIST_MODEL (fixture->queue), i);
      g_assert_true (item == g_ptr_array_index (before, i));
    }
}

typedef struct
{
  OkcTicketSync *sync;
  GError *error;
  gboolean done;
  gboolean succeeded;
} Caller;

static void
caller_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Caller *caller = user_data;

  caller->succeeded = okc_ticket_sync_refresh_finish (caller->sync, result, &caller->error);
  caller->done = TRUE;
}

static gboolean
callers_done (gpointer data)
{
  Caller *callers = data;
  return callers[0].done && callers[1].done;
}

static void
test_one_refresh_at_a_time (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) first_cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) only_cancellable = g_cancellable_new ();
  Caller callers[2] = { { fixture->sync }, { fixture->sync } };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Two callers, one refresh: the state goes through SYNCING once. */
  okc_ticket_sync_refresh_async (fixture->sync, NULL, caller_cb, &callers[0]);
  okc_ticket_sync_refresh_async (fixture->sync, NULL, caller_cb, &callers[1]);
  okc_test_wait_until (callers_done, callers);
  g_assert_true (callers[0].succeeded);
  g_assert_true (callers[1].succeeded);
  g_assert_cmpuint (fixture->states->len, ==, 2);

  /* The first caller gives up; the refresh goes on for the second. */
  memset (callers, 0, sizeof callers);
  callers[0].sync = callers[1].sync = fixture->sync;
  g_array_set_size (fixture->states, 0);
  okc_ticket_sync_refresh_async (fixture->sync, first_cancellable, caller_cb, &callers[0]);
  okc_ticket_sync_refresh_async (fixture->sync, NULL, caller_cb, &callers[1]);
  g_cancellable_cancel (first_cancellable);
  okc_test_wait_until (callers_done, callers);
  g_assert_false (callers[0].succeeded);
  g_assert_error (callers[0].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (callers[1].succeeded);
  g_assert_no_error (callers[1].error);
  g_clear_error (&callers[0].error);
  g_assert_cmpint (okc_ticket_sync_get_state (fixture->sync), ==, OKC_TICKET_SYNC_STATE_IDLE);

  /* The only caller gives up: the refresh stops, and the state is what it was. */
  g_array_set_size (fixture->states, 0);
  okc_ticket_sync_refresh_async (fixture->sync, only_cancellable, okc_test_result_cb, &result);
  g_cancellable_cancel (only_cancellable);
  okc_test_wait_for_result (&result);
  g_assert_false (okc_ticket_sync_refresh_finish (fixture->sync, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (okc_ticket_sync_get_state (fixture->sync), ==, OKC_TICKET_SYNC_STATE_IDLE);
  g_assert_null (okc_ticket_sync_get_last_error (fixture->sync));

  /* The refresh winds down on its own; the next one starts afresh. */
  g_clear_object (&result);
  g_clear_error (&error);
  g_assert_true (refresh (fixture->sync, &error));
  g_assert_no_error (error);
}

static void
test_complete_listing_drops_stale (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(OkcTicket) stale = okc_test_ticket_new ("TCK-900001", OKC_PRIORITY_URGENT,
                                                    OKC_TICKET_STATUS_OPEN, NOW - 86400, 3);
  g_autoptr(GPtrArray) cached = g_ptr_array_new ();
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* A cache without a sync mark (its damaged rows were dropped, say) still holds a ticket
   * that the backend no longer has open. */
  g_ptr_array_add (cached, stale);
  okc_store_save_tickets_async (fixture->store, cached, 0, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_store_save_tickets_finish (fixture->store, result, &error));
  g_assert_no_error (error);

  g_assert_true (load_cached (fixture->sync, &error));
  g_assert_nonnull (okc_ticket_queue_lookup (fixture->queue, "TCK-900001"));

  /* The complete listing of the open tickets does not have it: it goes, from both. */
  g_assert_true (refresh (fixture->sync, &error));
  g_assert_no_error (error);
  g_assert_null (okc_ticket_queue_lookup (fixture->queue, "TCK-900001"));
  open = backend_open_tickets (fixture->client);
  assert_queue_holds (fixture->queue, open);
  stored = store_load (fixture->store);
  g_assert_cmpuint (stored->len, ==, open->len);
  for (guint i = 0; i < stored->len; i++)
    g_assert_cmpstr (okc_ticket_get_id (g_ptr_array_index (stored, i)), !=, "TCK-900001");
}

static void
test_unauthorized (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  okc_client_set_token (fixture->client, "expired-or-revoked");
  g_assert_false (refresh (fixture->sync, &error));
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpint (okc_ticket_sync_get_state (fixture->sync), ==,
                   OKC_TICKET_SYNC_STATE_UNAUTHORIZED);
  g_assert_cmpint (okc_ticket_sync_get_last_synced_at (fixture->sync), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Okc/Client/ticket-sync/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("refresh-fills-queue-and-store", test_refresh_fills_queue_and_store);
  ADD ("second-refresh-uses-since", test_second_refresh_uses_since);
  ADD ("fresh-sync-loads-cache", test_fresh_sync_loads_cache);
  ADD ("offline", test_offline);
  ADD ("one-refresh-at-a-time", test_one_refresh_at_a_time);
  ADD ("complete-listing-drops-stale", test_complete_listing_drops_stale);
  ADD ("unauthorized", test_unauthorized);

#undef ADD

  return g_test_run ();
}
