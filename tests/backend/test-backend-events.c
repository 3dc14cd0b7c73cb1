/* test-backend-events.c — GET /v1/events (Server-Sent Events) and ticket presence
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-test-backend.h"

/* Waits are for conditions; this is only how long before a wait fails the test. */
#define WAIT_SECONDS 30
/* The backend below keeps 5 events and lets a presence last 5 s. */
#define HISTORY 5
#define PRESENCE_TTL_S 5

static OkcTestBackend *backend;
static char *chatbot;
static char *agent;
static char *supervisor;
/* A stream left open when the backend stops. */
static struct _Reader *left_open;

typedef struct
{
  char *id; /* NULL for a live-only event */
  char *type;
  JsonNode *data;
} Event;

/* One open GET /v1/events, read line by line as the client would. */
typedef struct _Reader
{
  SoupMessage *msg;
  GDataInputStream *lines;
  GCancellable *cancellable;
  GPtrArray *events;
  char *id, *type;
  GString *data;
  gboolean answered, reading, ended;
  GError *error;
} Reader;

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

static SoupSession *
stream_session (void)
{
  static SoupSession *session;

  /* Streams hold their connection: a session of their own, with room for many. */
  if (session == NULL)
    session = soup_session_new_with_options ("max-conns", 200, "max-conns-per-host", 200, NULL);
  return session;
}

static void
event_free (Event *event)
{
  g_free (event->id);
  g_free (event->type);
  g_clear_pointer (&event->data, json_node_unref);
  g_free (event);
}

static void read_next (Reader *reader);

static void
dispatch_event (Reader *reader)
{
  Event *event;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (reader->type == NULL && reader->data->len == 0)
    return;
  event = g_new0 (Event, 1);
  event->id = g_steal_pointer (&reader->id);
  event->type = g_steal_pointer (&reader->type);
  bytes = g_bytes_new (reader->data->str, reader->data->len);
  event->data = okc_json_parse_bytes (bytes, &error);
  g_assert_no_error (error);
  g_string_truncate (reader->data, 0);
  /* The fleet's routine heartbeats come once a tick whatever a test does: they would take
   * the place of the event a test waits for. */
  if (g_strcmp0 (event->type, "charger.heartbeats") == 0)
    {
      event_free (event);
      return;
    }
  g_ptr_array_add (reader->events, event);
}

static void
line_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reader *reader = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line =
    g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &error);

  reader->reading = FALSE;
  if (line == NULL)
    {
      reader->ended = TRUE;
      return;
    }
  if (line[0] == '\0')
    dispatch_event (reader);
  else if (g_str_has_prefix (line, "id: "))
    {
      g_free (reader->id);
      reader->id = g_strdup (line + 4);
    }
  else if (g_str_has_prefix (line, "event: "))
    {
      g_free (reader->type);
      reader->type = g_strdup (line + 7);
    }
  else if (g_str_has_prefix (line, "data: "))
    g_string_append (reader->data, line + 6);
  else
    g_assert_true (line[0] == ':');
  read_next (reader);
}

static void
read_next (Reader *reader)
{
  reader->reading = TRUE;
  g_data_input_stream_read_line_async (reader->lines, G_PRIORITY_DEFAULT, reader->cancellable,
                                       line_cb, reader);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reader *reader = user_data;
  g_autoptr(GInputStream) body = soup_session_send_finish (SOUP_SESSION (source), result,
                                                           &reader->error);

  reader->answered = TRUE;
  if (body == NULL)
    return;
  reader->lines = g_data_input_stream_new (body);
  g_data_input_stream_set_newline_type (reader->lines, G_DATA_STREAM_NEWLINE_TYPE_LF);
  read_next (reader);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@flag is set, failing the test after WAIT_SECONDS. */
static void
wait_for (gboolean   (*condition) (gpointer data),
          gpointer     data,
          const char  *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("timed out waiting for %s", what);
  g_source_remove (id);
}

static gboolean
is_answered (gpointer data)
{
  return ((Reader *) data)->answered;
}

static gboolean
is_ended (gpointer data)
{
  return ((Reader *) data)->ended;
}

/* @path_and_query: "/v1/events" with any query; @last_event_id: (nullable) */
static Reader *
reader_open (const char *path_and_query,
             const char *token,
             const char *last_event_id)
{
  g_autofree char *address = g_strconcat (url (), path_and_query, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  Reader *reader = g_new0 (Reader, 1);
  SoupMessageHeaders *headers;

  reader->msg = soup_message_new ("GET", address);
  reader->cancellable = g_cancellable_new ();
  reader->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  reader->data = g_string_new (NULL);
  headers = soup_message_get_request_headers (reader->msg);
  soup_message_headers_replace (headers, "Authorization", authorization);
  if (last_event_id != NULL)
    soup_message_headers_replace (headers, "Last-Event-ID", last_event_id);
  soup_session_send_async (stream_session (), reader->msg, G_PRIORITY_DEFAULT,
                           reader->cancellable, sent_cb, reader);
  wait_for (is_answered, reader, "the stream's headers");
  g_assert_no_error (reader->error);
  g_assert_cmpuint (soup_message_get_status (reader->msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (
                     soup_message_get_response_headers (reader->msg), NULL),
                   ==, "text/event-stream");
  return reader;
}

static void
reader_close (Reader *reader)
{
  g_cancellable_cancel (reader->cancellable);
  wait_for (is_ended, reader, "the stream to close");
  g_clear_object (&reader->lines);
  g_object_unref (reader->msg);
  g_object_unref (reader->cancellable);
  g_ptr_array_unref (reader->events);
  g_free (reader->id);
  g_free (reader->type);
  g_string_free (reader->data, TRUE);
  g_free (reader);
}

typedef struct
{
  Reader *reader;
  guint n;
} Count;

static gboolean
has_events (gpointer data)
{
  Count *count = data;

  return count->reader->events->len >= count->n || count->reader->ended;
}

/* Waits for the stream's @n-th event (1-based) and returns it. */
static Event *
wait_event (Reader *reader,
            guint   n)
{
  Count count = { reader, n };

  wait_for (has_events, &count, "an event");
  g_assert_cmpuint (reader->events->len, >=, n);
  return g_ptr_array_index (reader->events, n - 1);
}

static JsonObject *
data_object (Event *event)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (event->data));
  return json_node_get_object (event->data);
}

/* Hands a ticket off and returns its id. */
static char *
hand_off (void)
{
  static const char body[] =
    "{\"topic\": \"change-email\", \"summary\": \"Please change my email\", "
    "\"requester\": {\"name\": \"Maya Chen\", \"email\": \"maya.chen@example.com\", "
    "\"audience\": \"guest\"}, \"fields\": {\"current_email\": \"maya.chen@example.com\", "
    "\"new_email\": \"maya@example.org\"}, \"transcript\": [{\"sender\": \"customer\", "
    "\"sent_at\": \"2026-11-24T08:01:12Z\", \"text\": \"New address please\"}]}";
  g_autoptr(OkcTestResponse) response = okc_test_post_json (url (), "/v1/handoffs", chatbot, body);

  g_assert_cmpuint (response->status, ==, 201);
  return g_strdup (json_object_get_string_member (okc_test_response_object (response), "id"));
}

static void
assert_ticket_created (Event      *event,
                       const char *ticket_id)
{
  g_assert_cmpstr (event->type, ==, "ticket.created");
  g_assert_nonnull (event->id);
  g_assert_cmpstr (json_object_get_string_member (data_object (event), "id"), ==, ticket_id);
  /* The whole ticket, as GET /v1/tickets/{id} gives it. */
  g_assert_cmpint (json_object_get_int_member (data_object (event), "version"), ==, 1);
  g_assert_true (json_object_has_member (data_object (event), "transcript"));
}

static void
test_handoff_delivered (void)
{
  Reader *reader = reader_open ("/v1/events", agent, NULL);
  g_autofree char *ticket_id = hand_off ();

  /* Without a resume id, no backlog: the first event is the new ticket. */
  assert_ticket_created (wait_event (reader, 1), ticket_id);
  reader_close (reader);
}

static void
test_resume (void)
{
  Reader *first = reader_open ("/v1/events", agent, NULL);
  g_autofree char *seen = hand_off ();
  g_autofree char *last_id = NULL;
  g_autofree char *after_query = NULL;
  char *missed[3];
  char *later;
  Reader *second, *third;

  assert_ticket_created (wait_event (first, 1), seen);
  last_id = g_strdup (wait_event (first, 1)->id);
  reader_close (first);

  for (guint i = 0; i < G_N_ELEMENTS (missed); i++)
    missed[i] = hand_off ();

  second = reader_open ("/v1/events", agent, last_id);
  for (guint i = 0; i < G_N_ELEMENTS (missed); i++)
    {
      Event *event = wait_event (second, i + 1);
      assert_ticket_created (event, missed[i]);
      g_assert_cmpint (g_ascii_strtoll (event->id, NULL, 10), ==,
                       g_ascii_strtoll (last_id, NULL, 10) + 1 + i);
    }
  /* Then live ones, with nothing repeated in between. */
  later = hand_off ();
  assert_ticket_created (wait_event (second, 4), later);
  g_assert_cmpuint (second->events->len, ==, 4);

  /* ?after= resumes the same way. */
  after_query = g_strdup_printf ("/v1/events?after=%s", last_id);
  third = reader_open (after_query, supervisor, NULL);
  assert_ticket_created (wait_event (third, 1), missed[0]);
  assert_ticket_created (wait_event (third, 4), later);

  reader_close (second);
  reader_close (third);
  for (guint i = 0; i < G_N_ELEMENTS (missed); i++)
    g_free (missed[i]);
  g_free (later);
}

static void
test_reset (void)
{
  g_autofree char *newest = NULL;
  g_autofree char *future = NULL;
  Reader *reader;
  Event *event;

  /* More events than the history keeps, so that the first ones are gone. */
  reader = reader_open ("/v1/events", agent, NULL);
  for (guint i = 0; i < HISTORY + 1; i++)
    g_free (hand_off ());
  newest = g_strdup (wait_event (reader, HISTORY + 1)->id);
  reader_close (reader);

  reader = reader_open ("/v1/events", agent, "0");
  event = wait_event (reader, 1);
  g_assert_cmpstr (event->type, ==, "reset");
  g_assert_null (event->id);
  g_assert_cmpuint (json_object_get_size (data_object (event)), ==, 0);
  reader_close (reader);

  /* An id this backend never gave (another database's) is as unknown. */
  future = g_strdup_printf ("%" G_GINT64_FORMAT, g_ascii_strtoll (newest, NULL, 10) + 100);
  reader = reader_open ("/v1/events", agent, future);
  g_assert_cmpstr (wait_event (reader, 1)->type, ==, "reset");
  reader_close (reader);

  /* The oldest kept one is still a resume. */
  {
    g_autofree char *oldest_kept = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    g_ascii_strtoll (newest, NULL, 10) - HISTORY);
    reader = reader_open ("/v1/events", agent, oldest_kept);
    g_assert_cmpstr (wait_event (reader, 1)->type, ==, "ticket.created");
    g_assert_cmpstr (wait_event (reader, HISTORY)->id, ==, newest);
    reader_close (reader);
  }
}

static void
test_bad_resume_id (void)
{
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/events?after=soon", agent);

  okc_test_assert_error (response, 400, "invalid_parameter", "after");
}

static void
test_unauthorized (void)
{
  g_autoptr(OkcTestResponse) anonymous = okc_test_get (url (), "/v1/events", NULL);
  g_autoptr(OkcTestResponse) robot = okc_test_get (url (), "/v1/events", chatbot);

  okc_test_assert_error (anonymous, 401, "unauthorized", NULL);
  okc_test_assert_error (robot, 403, "forbidden", NULL);
}

static void
test_revoked_token_ends_stream (void)
{
  g_autofree char *token = okc_test_sign_in (url (), "sam.okafor@ok2charge.example",
                                             "demo-agent");
  Reader *reader = reader_open ("/v1/events", token, NULL);
  g_autoptr(OkcTestResponse) response = okc_test_post_json (url (), "/v1/auth/sign-out", token,
                                                            "{}");

  g_assert_cmpuint (response->status, ==, 204);
  wait_for (is_ended, reader, "the stream to end after sign-out");
  reader_close (reader);
}

static OkcTestResponse *
put_presence (const char *ticket_id,
              const char *token,
              const char *body)
{
  g_autofree char *address = g_strdup_printf ("%s/v1/tickets/%s/presence", url (), ticket_id);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return okc_test_http ("PUT", address, token, "application/json", bytes);
}

static JsonArray *
present_of (JsonObject *object)
{
  g_assert_true (json_object_has_member (object, "present"));
  return json_object_get_array_member (object, "present");
}

static JsonObject *
entry (JsonArray *present,
       guint      i)
{
  return json_array_get_object_element (present, i);
}

/* The next presence event on @reader (event @n), checked to be about @ticket_id. */
static JsonArray *
presence_event (Reader     *reader,
                guint       n,
                const char *ticket_id)
{
  Event *event = wait_event (reader, n);

  g_assert_cmpstr (event->type, ==, "presence");
  g_assert_null (event->id);
  g_assert_cmpstr (json_object_get_string_member (data_object (event), "ticket_id"), ==,
                   ticket_id);
  return present_of (data_object (event));
}

static void
test_presence (void)
{
  g_autofree char *ticket_id = hand_off ();
  g_autofree char *address = g_strdup_printf ("%s/v1/tickets/%s/presence", url (), ticket_id);
  Reader *reader = reader_open ("/v1/events", agent, NULL);
  JsonArray *present;
  gint64 since, expires_at;

  /* Join. */
  {
    g_autoptr(OkcTestResponse) response = put_presence (ticket_id, agent,
                                                        "{\"activity\": \"viewing\"}");
    g_assert_cmpuint (response->status, ==, 200);
    present = present_of (okc_test_response_object (response));
    g_assert_cmpuint (json_array_get_length (present), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (entry (present, 0), "user"), "id"),
                     ==, "USR-0001");
    g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (entry (present, 0), "user"), "name"),
                     ==, "Alex Rivera");
    g_assert_cmpstr (json_object_get_string_member (entry (present, 0), "activity"), ==,
                     "viewing");
    g_assert_true (okc_time_parse_rfc3339 (
      json_object_get_string_member (entry (present, 0), "since"), &since));
    g_assert_true (okc_time_parse_rfc3339 (
      json_object_get_string_member (entry (present, 0), "expires_at"), &expires_at));
    g_assert_cmpint (expires_at - since, >=, PRESENCE_TTL_S - 1);
    g_assert_cmpint (expires_at - since, <=, PRESENCE_TTL_S + 1);
  }
  present = presence_event (reader, 1, ticket_id);
  g_assert_cmpuint (json_array_get_length (present), ==, 1);

  /* A refresh is not announced: the next event is the second person's. */
  {
    g_autoptr(OkcTestResponse) response = put_presence (ticket_id, agent,
                                                        "{\"activity\": \"viewing\"}");
    g_assert_cmpuint (response->status, ==, 200);
  }

  /* A second person, and a change of activity, each announced. */
  {
    g_autoptr(OkcTestResponse) response = put_presence (ticket_id, supervisor,
                                                        "{\"activity\": \"replying\"}");
    g_assert_cmpuint (response->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (present_of (okc_test_response_object (response))),
                      ==, 2);
  }
  g_assert_cmpuint (json_array_get_length (presence_event (reader, 2, ticket_id)), ==, 2);
  {
    g_autoptr(OkcTestResponse) response = put_presence (ticket_id, agent,
                                                        "{\"activity\": \"replying\"}");
    g_assert_cmpuint (response->status, ==, 200);
  }
  present = presence_event (reader, 3, ticket_id);
  g_assert_cmpuint (json_array_get_length (present), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (entry (present, 0), "activity"), ==,
                   "replying");

  {
    g_autoptr(OkcTestResponse) response = okc_test_http ("GET", address, agent, NULL, NULL);
    g_assert_cmpuint (response->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (present_of (okc_test_response_object (response))),
                      ==, 2);
  }

  /* Leave. */
  {
    g_autoptr(OkcTestResponse) response = okc_test_http ("DELETE", address, agent, NULL, NULL);
    g_assert_cmpuint (response->status, ==, 204);
  }
  present = presence_event (reader, 4, ticket_id);
  g_assert_cmpuint (json_array_get_length (present), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (entry (present, 0), "user"), "id"),
                   !=, "USR-0001");

  /* Expiry: nobody refreshes the supervisor's entry. */
  present = presence_event (reader, 5, ticket_id);
  g_assert_cmpuint (json_array_get_length (present), ==, 0);
  {
    g_autoptr(OkcTestResponse) response = okc_test_http ("GET", address, agent, NULL, NULL);
    g_assert_cmpuint (json_array_get_length (present_of (okc_test_response_object (response))),
                      ==, 0);
  }
  reader_close (reader);
}

static void
test_presence_errors (void)
{
  g_autofree char *ticket_id = hand_off ();
  g_autoptr(OkcTestResponse) unknown = put_presence ("TCK-999999", agent,
                                                     "{\"activity\": \"viewing\"}");
  g_autoptr(OkcTestResponse) bad = put_presence (ticket_id, agent, "{\"activity\": \"typing\"}");
  g_autoptr(OkcTestResponse) missing = put_presence (ticket_id, agent, "{}");
  g_autoptr(OkcTestResponse) number = put_presence (ticket_id, agent, "{\"activity\": 1}");
  g_autoptr(OkcTestResponse) robot = put_presence (ticket_id, chatbot,
                                                   "{\"activity\": \"viewing\"}");
  g_autoptr(OkcTestResponse) unknown_get =
    okc_test_get (url (), "/v1/tickets/TCK-999999/presence", agent);

  okc_test_assert_error (unknown, 404, "not_found", NULL);
  okc_test_assert_error (unknown_get, 404, "not_found", NULL);
  okc_test_assert_error (bad, 422, "invalid_input", "activity");
  okc_test_assert_error (missing, 422, "invalid_input", "activity");
  okc_test_assert_error (number, 422, "invalid_input", "activity");
  okc_test_assert_error (robot, 403, "forbidden", NULL);
}

#define N_STREAMS 40

static void
test_many_streams (void)
{
  Reader *readers[N_STREAMS];
  g_autofree char *ticket_id = NULL;

  for (guint i = 0; i < N_STREAMS; i++)
    readers[i] = reader_open ("/v1/events", i % 2 == 0 ? agent : supervisor, NULL);
  ticket_id = hand_off ();
  for (guint i = 0; i < N_STREAMS; i++)
    assert_ticket_created (wait_event (readers[i], 1), ticket_id);
  for (guint i = 0; i < N_STREAMS; i++)
    reader_close (readers[i]);

  /* The backend goes on serving, and the closed streams are dropped as events come. */
  g_free (ticket_id);
  ticket_id = hand_off ();
  readers[0] = reader_open ("/v1/events", agent, NULL);
  g_free (ticket_id);
  ticket_id = hand_off ();
  assert_ticket_created (wait_event (readers[0], 1), ticket_id);
  /* Left open: stopping the backend with a stream open must still be clean. */
  left_open = readers[0];
}

int
main (int   argc,
      char *argv[])
{
  const char * const args[] = {
    "--tickets", "20", "--event-history", G_STRINGIFY (HISTORY),
    "--presence-ttl", G_STRINGIFY (PRESENCE_TTL_S), NULL,
  };
  int status;

  g_test_init (&argc, &argv, NULL);

  backend = okc_test_backend_start (args);
  chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  supervisor = okc_test_sign_in (url (), OKC_TEST_SUPERVISOR_EMAIL, "demo-supervisor");

  g_test_add_func ("/Okc/Backend/events/handoff-delivered", test_handoff_delivered);
  g_test_add_func ("/Okc/Backend/events/resume", test_resume);
  g_test_add_func ("/Okc/Backend/events/reset", test_reset);
  g_test_add_func ("/Okc/Backend/events/bad-resume-id", test_bad_resume_id);
  g_test_add_func ("/Okc/Backend/events/unauthorized", test_unauthorized);
  g_test_add_func ("/Okc/Backend/events/revoked-token-ends-stream",
                   test_revoked_token_ends_stream);
  g_test_add_func ("/Okc/Backend/presence/join-replace-leave-expire", test_presence);
  g_test_add_func ("/Okc/Backend/presence/errors", test_presence_errors);
  g_test_add_func ("/Okc/Backend/events/many-streams", test_many_streams);

  status = g_test_run ();

  okc_test_backend_stop (backend);
  if (left_open != NULL)
    {
      wait_for (is_ended, left_open, "the stream to end with the backend");
      reader_close (left_open);
    }
  g_free (chatbot);
  g_free (agent);
  g_free (supervisor);
  return status;
}
