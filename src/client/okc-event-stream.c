/* okc-event-stream.c — the backend's live events (GET /v1/events), reconnecting by itself
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "config.h"

#include "okc-event-stream.h"

#include <libsoup/soup.h>
#include <string.h>

#include "okc-client-enum-types.h"
#include "okc-client-private.h"

/* Three missed keep-alives (every 15 s) and the connection counts as dead. */
#define IDLE_TIMEOUT_SECONDS 45
/* A line longer than this is no event of ours: the connection is dropped. */
#define MAX_LINE_LENGTH (16 * 1024 * 1024)

struct _OkcEventStream
{
  GObject parent_instance;

  OkcClient *client;
  SoupSession *session;
  GCancellable *cancellable; /* of the current attempt */
  GDataInputStream *lines;
  OkcEventStreamState state;
  gboolean running;
  guint retry_id;
  guint retry_ms;
  guint n_malformed;
  guint n_connects;

  char *last_event_id;
  /* The event being read. */
  char *event_id;
  char *event_type;
  GString *event_data;
  gboolean has_data;
};

G_DEFINE_FINAL_TYPE (OkcEventStream, okc_event_stream, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STATE,
  PROP_LAST_EVENT_ID,
  PROP_N_MALFORMED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void connect_now (OkcEventStream *self);

static void
set_state (OkcEventStream      *self,
           OkcEventStreamState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
clear_event (OkcEventStream *self)
{
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->event_type, g_free);
  g_string_truncate (self->event_data, 0);
  self->has_data = FALSE;
}

/* Drops the connection, if any, without touching the state. */
static void
drop_connection (OkcEventStream *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lines);
  clear_event (self);
}

static gboolean
retry_cb (gpointer user_data)
{
  OkcEventStream *self = user_data;

  self->retry_id = 0;
  connect_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (OkcEventStream *self)
{
  drop_connection (self);
  set_state (self, OKC_EVENT_STREAM_STATE_DISCONNECTED);
  if (!self->running || self->retry_id != 0)
    return;
  g_debug ("Event stream: trying again in %u ms", self->retry_ms);
  self->retry_id = g_timeout_add (self->retry_ms, retry_cb, self);
  self->retry_ms = MIN (self->retry_ms * 2, OKC_EVENT_STREAM_LAST_RETRY_MS);
}

static void
set_last_event_id (OkcEventStream *self,
                   const char     *id)
{
  if (id == NULL || g_strcmp0 (id, self->last_event_id) == 0)
    return;
  g_free (self->last_event_id);
  self->last_event_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_EVENT_ID]);
}

static void
dispatch_event (OkcEventStream *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autofree char *id = NULL;

  /* As the SSE rules have it, an id counts even on an event without data, which is not
   * dispatched. */
  set_last_event_id (self, self->event_id);
  if (!self->has_data)
    {
      clear_event (self);
      return;
    }

  type = g_strdup (self->event_type != NULL ? self->event_type : "message");
  id = g_strdup (self->event_id);
  bytes = g_bytes_new (self->event_data->str, self->event_data->len);
  clear_event (self);

  data = okc_json_parse_bytes (bytes, &error);
  if (data == NULL)
    {
      /* Counted, not fatal: one bad event must not stop the others. */
      g_debug ("Event stream: skipped a “%s” event whose data is not JSON: %s", type,
               error->message);
      self->n_malformed++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MALFORMED]);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_EVENT], 0, type, id, data);
}

/**
 * okc_event_stream_process_line:
 * @line: one line of the stream, without its end
 *
 * Parses @line as the HTML standard's event stream rules say, emitting
 * #OkcEventStream::event at each blank line that ends an event with data. Exposed
 * (okc-client-private.h) for the parser's own tests.
 */
void
okc_event_stream_process_line (OkcEventStream *self,
                               const char     *line)
{
  const char *colon, *value;
  g_autofree char *field = NULL;

  if (line[0] == '\0')
    {
      dispatch_event (self);
      return;
    }
  if (line[0] == ':')
    return;

  colon = strchr (line, ':');
  if (colon != NULL)
    {
      field = g_strndup (line, colon - line);
      value = colon + 1;
      if (*value == ' ')
        value++;
    }
  else
    {
      field = g_strdup (line);
      value = "";
    }

  if (g_str_equal (field, "event"))
    {
      g_free (self->event_type);
      self->event_type = g_strdup (value);
    }
  else if (g_str_equal (field, "data"))
    {
      if (self->has_data)
        g_string_append_c (self->event_data, '\n');
      g_string_append (self->event_data, value);
      self->has_data = TRUE;
    }
  else if (g_str_equal (field, "id"))
    {
      g_free (self->event_id);
      self->event_id = g_strdup (value);
    }
  /* "retry" and unknown fields are ignored: the backoff is ours. */
}

static void read_next_line (OkcEventStream *self);

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OkcEventStream) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gsize length = 0;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                    &length, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      G_DATA_INPUT_STREAM (source) != self->lines)
    return;
  if (line == NULL || length > MAX_LINE_LENGTH)
    {
      g_debug ("Event stream: the connection ended%s%s", error != NULL ? ": " : "",
               error != NULL ? error->message : "");
      schedule_retry (self);
      return;
    }

  /* CR LF and lone CR are line ends too; the backend sends LF. */
  if (length > 0 && line[length - 1] == '\r')
    line[length - 1] = '\0';
  okc_event_stream_process_line (self, line);
  if (self->lines != NULL && G_DATA_INPUT_STREAM (source) == self->lines)
    read_next_line (self);
}

static void
read_next_line (OkcEventStream *self)
{
  g_data_input_stream_read_line_async (self->lines, G_PRIORITY_DEFAULT, self->cancellable,
                                       read_line_cb, g_object_ref (self));
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OkcEventStream) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) body = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  const char *content_type;

  body = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (body == NULL)
    {
      g_debug ("Event stream: cannot connect: %s", error->message);
      schedule_retry (self);
      return;
    }

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                        NULL);
  if (soup_message_get_status (msg) != SOUP_STATUS_OK ||
      g_strcmp0 (content_type, "text/event-stream") != 0)
    {
      g_debug ("Event stream: the backend answered %u %s", soup_message_get_status (msg),
               content_type != NULL ? content_type : "");
      g_input_stream_close_async (body, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      schedule_retry (self);
      return;
    }

  self->retry_ms = OKC_EVENT_STREAM_FIRST_RETRY_MS;
  self->lines = g_data_input_stream_new (body);
  g_data_input_stream_set_newline_type (self->lines, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  self->n_connects++;
  set_state (self, OKC_EVENT_STREAM_STATE_CONNECTED);
  if (self->lines != NULL)
    read_next_line (self);
}

static void
connect_now (OkcEventStream *self)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  SoupMessageHeaders *headers;
  const char *token = okc_client_get_token (self->client);

  drop_connection (self);
  url = g_strconcat (okc_client_get_base_url (self->client), "/v1/events", NULL);
  msg = soup_message_new ("GET", url);
  g_assert (msg != NULL);
  /* A redirect would carry the bearer token somewhere the user did not point us to. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "text/event-stream");
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  if (self->last_event_id != NULL)
    soup_message_headers_replace (headers, "Last-Event-ID", self->last_event_id);

  self->cancellable = g_cancellable_new ();
  set_state (self, OKC_EVENT_STREAM_STATE_CONNECTING);
  soup_session_send_async (self->session, msg, G_PRIORITY_DEFAULT, self->cancellable, send_cb,
                           g_object_ref (self));
}

static void
okc_event_stream_dispose (GObject *object)
{
  OkcEventStream *self = OKC_EVENT_STREAM (object);

  self->running = FALSE;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  drop_connection (self);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (okc_event_stream_parent_class)->dispose (object);
}

static void
okc_event_stream_finalize (GObject *object)
{
  OkcEventStream *self = OKC_EVENT_STREAM (object);

  g_free (self->last_event_id);
  g_free (self->event_id);
  g_free (self->event_type);
  g_string_free (self->event_data, TRUE);

  G_OBJECT_CLASS (okc_event_stream_parent_class)->finalize (object);
}

static void
okc_event_stream_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OkcEventStream *self = OKC_EVENT_STREAM (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_LAST_EVENT_ID:
      g_value_set_string (value, self->last_event_id);
      break;
    case PROP_N_MALFORMED:
      g_value_set_uint (value, self->n_malformed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_event_stream_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OkcEventStream *self = OKC_EVENT_STREAM (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_event_stream_class_init (OkcEventStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = okc_event_stream_dispose;
  object_class->finalize = okc_event_stream_finalize;
  object_class->get_property = okc_event_stream_get_property;
  object_class->set_property = okc_event_stream_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, OKC_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, OKC_TYPE_EVENT_STREAM_STATE,
                       OKC_EVENT_STREAM_STATE_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_EVENT_ID] =
    g_param_spec_string ("last-event-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MALFORMED] =
    g_param_spec_uint ("n-malformed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OkcEventStream::event:
   * @type: the event's type ("ticket.created", "presence", "reset", …)
   * @id: (nullable): its id; live-only events have none
   * @data: (type Json.Node): its data, parsed
   */
  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING,
                  JSON_TYPE_NODE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
okc_event_stream_init (OkcEventStream *self)
{
  self->retry_ms = OKC_EVENT_STREAM_FIRST_RETRY_MS;
  self->event_data = g_string_new (NULL);
  self->session = soup_session_new_with_options ("user-agent",
                                                 "ok2charge-console/" PACKAGE_VERSION,
                                                 "timeout", IDLE_TIMEOUT_SECONDS, NULL);
}

/**
 * okc_event_stream_new:
 * @client: whose base URL and token to use (read again at each connect)
 *
 * Returns: (transfer full): a stream, not started.
 */
OkcEventStream *
okc_event_stream_new (OkcClient *client)
{
  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);

  return g_object_new (OKC_TYPE_EVENT_STREAM, "client", client, NULL);
}

/**
 * okc_event_stream_start:
 *
 * Connects, and keeps connecting after each loss of the stream: at once, then after
 * a wait that doubles from %OKC_EVENT_STREAM_FIRST_RETRY_MS to
 * %OKC_EVENT_STREAM_LAST_RETRY_MS, back to the first after a successful connect. Each
 * reconnect sends the last event id, so the backend sends what was missed (or a
 * `reset`).
 */
void
okc_event_stream_start (OkcEventStream *self)
{
  g_return_if_fail (OKC_IS_EVENT_STREAM (self));

  if (self->running)
    return;
  self->running = TRUE;
  self->retry_ms = OKC_EVENT_STREAM_FIRST_RETRY_MS;
  connect_now (self);
}

/**
 * okc_event_stream_stop:
 *
 * Closes the stream and stops reconnecting; the last event id is kept for a later
 * start.
 */
void
okc_event_stream_stop (OkcEventStream *self)
{
  g_return_if_fail (OKC_IS_EVENT_STREAM (self));

  self->running = FALSE;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  drop_connection (self);
  set_state (self, OKC_EVENT_STREAM_STATE_DISCONNECTED);
}

OkcEventStreamState
okc_event_stream_get_state (OkcEventStream *self)
{
  g_return_val_if_fail (OKC_IS_EVENT_STREAM (self), OKC_EVENT_STREAM_STATE_DISCONNECTED);

  return self->state;
}

/**
 * okc_event_stream_get_last_event_id:
 *
 * Returns: (nullable): the id of the last event received, sent on reconnecting
 */
const char *
okc_event_stream_get_last_event_id (OkcEventStream *self)
{
  g_return_val_if_fail (OKC_IS_EVENT_STREAM (self), NULL);

  return self->last_event_id;
}

/**
 * okc_event_stream_get_n_malformed:
 *
 * Returns: how many events were skipped because their data was not JSON
 */
guint
okc_event_stream_get_n_malformed (OkcEventStream *self)
{
  g_return_val_if_fail (OKC_IS_EVENT_STREAM (self), 0);

  return self->n_malformed;
}

/**
 * okc_event_stream_get_n_connects:
 *
 * Returns: how many times the stream opened since it was made
 */
guint
okc_event_stream_get_n_connects (OkcEventStream *self)
{
  g_return_val_if_fail (OKC_IS_EVENT_STREAM (self), 0);

  return self->n_connects;
}
