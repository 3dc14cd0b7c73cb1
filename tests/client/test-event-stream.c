/* test-event-stream.c — OkcEventStream and OkcLiveUpdates against the real backend
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libsoup/soup.h>

#include "okc-client-private.h"
#include "okc-event-stream.h"
#include "okc-live-updates.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

typedef struct
{
  char *type;
  char *id;
  JsonNode *data;
} Event;

typedef struct
{
  OkcTestBackend *backend;
  OkcClient *client;
  OkcClient *chatbot;
  OkcEventStream *stream;
  GPtrArray *events;
  GArray *states;
} Fixture;

static void
event_free (Event *event)
{
  g_free (event->type);
  g_free (event->id);
  json_node_unref (event->data);
  g_free (event);
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

/* The chatbot hands a new ticket off, through the API, as it would; returns its id. */
static char *
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
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (okc_test_backend_get_url (fixture->backend),
                                      "/v1/handoffs", NULL);
  g_autofree char *authorization =
    g_strconcat ("Bearer ", okc_client_get_token (fixture->chatbot), NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new_static (body, sizeof body - 1);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) response = NULL;
  g_autoptr(JsonNode) ticket = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  soup_message_set_request_body_from_bytes (message, "application/json", request);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  response = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 201);
  ticket = okc_json_parse_bytes (response, &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_node_get_object (ticket), "id"));
}

static void
event_cb (OkcEventStream *stream,
          const char     *type,
          const char     *id,
          JsonNode       *data,
          Fixture        *fixture)
{
  Event *event = g_new0 (Event, 1);

  event->type = g_strdup (type);
  event->id = g_strdup (id);
  event->data = json_node_ref (data);
  g_ptr_array_add (fixture->events, event);
}

static void
state_cb (OkcEventStream *stream,
          GParamSpec     *pspec,
          Fixture        *fixture)
{
  OkcEventStreamState state = okc_event_stream_get_state (stream);

  g_array_append_val (fixture->states, state);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const args[] = { "--tickets", "30", NULL };
  const char *url;

  fixture->backend = okc_test_backend_start (args);
  url = okc_test_backend_get_url (fixture->backend);
  fixture->client = signed_in_client (url, "alex.rivera@ok2charge.example", "demo-agent");
  fixture->chatbot = signed_in_client (url, "chatbot@ok2charge.example", "demo-chatbot");
  fixture->stream = okc_event_stream_new (fixture->client);
  fixture->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  fixture->states = g_array_new (FALSE, FALSE, sizeof (OkcEventStreamState));
  g_signal_connect (fixture->stream, "event", G_CALLBACK (event_cb), fixture);
  g_signal_connect (fixture->stream, "notify::state", G_CALLBACK (state_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  okc_event_stream_stop (fixture->stream);
  /* The cancelled reads still hold the stream until their callbacks run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (fixture->stream);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->chatbot);
  g_ptr_array_unref (fixture->events);
  g_array_unref (fixture->states);
  okc_test_backend_stop (fixture->backend);
}

static gboolean
is_connected (gpointer data)
{
  Fixture *fixture = data;

  return okc_event_stream_get_state (fixture->stream) == OKC_EVENT_STREAM_STATE_CONNECTED;
}

static gboolean
is_not_connected (gpointer data)
{
  return !is_connected (data);
}

typedef struct
{
  Fixture *fixture;
  const char *ticket_id;
} Wanted;

static Event *
find_created (Fixture    *fixture,
              const char *ticket_id)
{
  for (guint i = 0; i < fixture->events->len; i++)
    {
      Event *event = g_ptr_array_index (fixture->events, i);

      if (g_str_equal (event->type, "ticket.created") &&
          g_strcmp0 (json_object_get_string_member (json_node_get_object (event->data), "id"),
                     ticket_id) == 0)
        return event;
    }
  return NULL;
}

static gboolean
has_created (gpointer data)
{
  Wanted *wanted = data;

  return find_created (wanted->fixture, wanted->ticket_id) != NULL;
}

static void
wait_for_ticket (Fixture    *fixture,
                 const char *ticket_id)
{
  Wanted wanted = { fixture, ticket_id };

  okc_test_wait_until (has_created, &wanted);
}

static void
test_handoff_arrives (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *ticket_id = NULL;
  Event *event;

  g_assert_cmpint (okc_event_stream_get_state (fixture->stream), ==,
                   OKC_EVENT_STREAM_STATE_DISCONNECTED);
  okc_event_stream_start (fixture->stream);
  okc_test_wait_until (is_connected, fixture);
  g_assert_cmpuint (fixture->states->len, ==, 2);
  g_assert_cmpint (g_array_index (fixture->states, OkcEventStreamState, 0), ==,
                   OKC_EVENT_STREAM_STATE_CONNECTING);

  ticket_id = hand_off (fixture);
  wait_for_ticket (fixture, ticket_id);
  event = find_created (fixture, ticket_id);
  g_assert_nonnull (event->id);
  g_assert_cmpstr (okc_event_stream_get_last_event_id (fixture->stream), ==, event->id);
  g_assert_cmpuint (okc_event_stream_get_n_malformed (fixture->stream), ==, 0);
  /* Connected from "now": none of the demo tickets came as events. */
  g_assert_cmpuint (fixture->events->len, ==, 1);

  okc_event_stream_stop (fixture->stream);
  g_assert_cmpint (okc_event_stream_get_state (fixture->stream), ==,
                   OKC_EVENT_STREAM_STATE_DISCONNECTED);
}

static void
test_reconnects_and_catches_up (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *missed = NULL;
  g_autofree char *after = NULL;

  okc_event_stream_start (fixture->stream);
  okc_test_wait_until (is_connected, fixture);
  before = hand_off (fixture);
  wait_for_ticket (fixture, before);
  g_assert_cmpuint (okc_event_stream_get_n_connects (fixture->stream), ==, 1);

  /* The backend goes away; the stream notices and keeps trying. */
  okc_test_backend_kill (fixture->backend);
  okc_test_wait_until (is_not_connected, fixture);

  /* Back on the same port and database; a ticket comes in before the stream is back. */
  okc_test_backend_restart (fixture->backend);
  missed = hand_off (fixture);
  wait_for_ticket (fixture, missed);
  g_assert_cmpuint (okc_event_stream_get_n_connects (fixture->stream), >=, 2);

  /* And it is live again. */
  okc_test_wait_until (is_connected, fixture);
  after = hand_off (fixture);
  wait_for_ticket (fixture, after);
  g_assert_cmpuint (fixture->events->len, ==, 3);
}

typedef struct
{
  OkcTicketQueue *queue;
  const char *ticket_id;
} InQueue;

static gboolean
is_in_queue (gpointer data)
{
  InQueue *wanted = data;
  return okc_ticket_queue_lookup (wanted->queue, wanted->ticket_id) != NULL;
}

typedef struct
{
  char *ticket_id;
  GPtrArray *present;
  guint n;
} PresenceSeen;

static void
presence_changed_cb (OkcLiveUpdates *updates,
                     const char     *ticket_id,
                     GPtrArray      *present,
                     PresenceSeen   *seen)
{
  g_free (seen->ticket_id);
  seen->ticket_id = g_strdup (ticket_id);
  g_clear_pointer (&seen->present, g_ptr_array_unref);
  seen->present = g_ptr_array_ref (present);
  seen->n++;
}

typedef struct
{
  PresenceSeen *seen;
  guint n;
} PresenceCount;

static gboolean
has_presence_events (gpointer data)
{
  PresenceCount *count = data;

  return count->seen->n >= count->n;
}

static gboolean
sync_is_done (gpointer data)
{
  return okc_ticket_sync_get_state (data) != OKC_TICKET_SYNC_STATE_SYNCING;
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
  return g_steal_pointer (&store);
}

static void
test_live_updates (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *dir = okc_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "account.sqlite", NULL);
  g_autoptr(OkcStore) store = open_store (path);
  g_autoptr(OkcTicketQueue) queue = okc_ticket_queue_new ();
  g_autoptr(OkcClock) clock = okc_clock_new_system (60);
  g_autoptr(OkcTicketSync) sync = okc_ticket_sync_new (fixture->client, store, queue, clock);
  g_autoptr(OkcLiveUpdates) updates = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) present = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ticket_id = NULL;
  PresenceSeen seen = { 0 };
  PresenceCount count = { &seen, 1 };
  InQueue wanted = { queue, NULL };
  gboolean found = FALSE;

  updates = okc_live_updates_new (fixture->client, fixture->stream, queue, store, sync);
  g_signal_connect (updates, "presence-changed", G_CALLBACK (presence_changed_cb), &seen);
  okc_event_stream_start (fixture->stream);
  okc_test_wait_until (is_connected, fixture);
  /* Each connect asks for a refresh, to be safe. */
  g_assert_cmpuint (okc_live_updates_get_n_refreshes (updates), ==, 1);

  ticket_id = hand_off (fixture);
  wanted.ticket_id = ticket_id;
  okc_test_wait_until (is_in_queue, &wanted);

  /* The store's jobs run in order: a load after the save sees the ticket. */
  okc_store_load_tickets_async (store, OKC_STORE_LOAD_ALL, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  stored = okc_store_load_tickets_finish (store, result, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stored->len; i++)
    found = found || g_str_equal (okc_ticket_get_id (g_ptr_array_index (stored, i)), ticket_id);
  g_assert_true (found);
  g_clear_object (&result);

  /* Presence, both ways. */
  okc_client_set_presence_async (fixture->client, ticket_id, "replying", NULL,
                                 okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  present = okc_client_set_presence_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (present->len, ==, 1);
  g_assert_cmpstr (okc_presence_get_user_id (g_ptr_array_index (present, 0)), ==, "USR-0001");
  g_assert_cmpstr (okc_presence_get_activity (g_ptr_array_index (present, 0)), ==, "replying");
  g_clear_object (&result);

  okc_test_wait_until (has_presence_events, &count);
  g_assert_cmpstr (seen.ticket_id, ==, ticket_id);
  g_assert_cmpuint (seen.present->len, ==, 1);
  g_assert_cmpstr (okc_presence_get_user_name (g_ptr_array_index (seen.present, 0)), ==,
                   "Alex Rivera");

  okc_client_clear_presence_async (fixture->client, ticket_id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_client_clear_presence_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  count.n = 2;
  okc_test_wait_until (has_presence_events, &count);
  g_assert_cmpuint (seen.present->len, ==, 0);
  g_clear_object (&result);

  /* An unknown ticket is the backend's 404. */
  okc_client_set_presence_async (fixture->client, "TCK-999999", "viewing", NULL,
                                 okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_null (okc_client_set_presence_finish (fixture->client, result, &error));
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND);

  okc_event_stream_stop (fixture->stream);
  /* The refresh the connect asked for may still run; it holds the store. */
  okc_test_wait_until (sync_is_done, sync);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&updates);
  g_clear_object (&sync);
  g_assert_finalize_object (g_steal_pointer (&store));
  g_free (seen.ticket_id);
  g_clear_pointer (&seen.present, g_ptr_array_unref);
  okc_test_remove_tree (dir);
}

static void
test_parser (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcClient) client = okc_client_new ("http://127.0.0.1:9", &error);
  g_autoptr(OkcEventStream) stream = okc_event_stream_new (client);
  Fixture fixture = { .events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free) };
  static const char * const lines[] = {
    ": connected", "",
    /* Malformed data: skipped and counted; its id still counts. */
    "id: 5", "event: ticket.created", "data: {\"id\": \"TCK-", "",
    /* Data over several lines joins with newlines; no type is "message". */
    "data: {\"a\":", "data:1}", "",
    /* An event without data is not dispatched. */
    "id: 6", "event: nothing", "",
    "event: reset", "data: {}", "",
    /* Unknown fields and a field without a colon are ignored. */
    "retry: 10", "whatever", "id: 7", "event: presence", "data: []", "",
  };

  g_assert_no_error (error);
  g_signal_connect (stream, "event", G_CALLBACK (event_cb), &fixture);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    okc_event_stream_process_line (stream, lines[i]);

  g_assert_cmpuint (okc_event_stream_get_n_malformed (stream), ==, 1);
  g_assert_cmpuint (fixture.events->len, ==, 3);
  g_assert_cmpstr (((Event *) fixture.events->pdata[0])->type, ==, "message");
  g_assert_null (((Event *) fixture.events->pdata[0])->id);
  g_assert_cmpint (json_object_get_int_member (
                     json_node_get_object (((Event *) fixture.events->pdata[0])->data), "a"),
                   ==, 1);
  g_assert_cmpstr (((Event *) fixture.events->pdata[1])->type, ==, "reset");
  g_assert_cmpstr (((Event *) fixture.events->pdata[2])->type, ==, "presence");
  g_assert_cmpstr (((Event *) fixture.events->pdata[2])->id, ==, "7");
  g_assert_cmpstr (okc_event_stream_get_last_event_id (stream), ==, "7");
  g_ptr_array_unref (fixture.events);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Client/EventStream/parser", test_parser);
  g_test_add ("/Okc/Client/EventStream/handoff-arrives", Fixture, NULL, fixture_set_up,
              test_handoff_arrives, fixture_tear_down);
  g_test_add ("/Okc/Client/EventStream/reconnects-and-catches-up", Fixture, NULL,
              fixture_set_up, test_reconnects_and_catches_up, fixture_tear_down);
  g_test_add ("/Okc/Client/LiveUpdates/queue-store-presence", Fixture, NULL, fixture_set_up,
              test_live_updates, fixture_tear_down);

  return g_test_run ();
}
