/* okc-backend-events.c — the event log and the open Server-Sent Events streams
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-events.h"

#include <string.h>

#include "okc-backend-auth.h"

/* The history limit of a database, set once at start-up (--event-history). */
#define HISTORY_KEY "okc-backend-events-history"

typedef struct
{
  OkcBackendEvents *owner; /* unowned: the owner frees its streams first */
  SoupServerMessage *msg;
  char *authorization;
  gint64 last_id;
  guint keep_alive_id;
  GSource *hangup; /* watches the socket for the client going away */
} Stream;

struct _OkcBackendEvents
{
  GObject parent_instance;

  OkcBackendDb *db;
  GPtrArray *streams; /* of Stream */
  gint64 last_pushed;
};

G_DEFINE_FINAL_TYPE (OkcBackendEvents, okc_backend_events, G_TYPE_OBJECT)

/**
 * okc_backend_events_set_history:
 * @n_events: how many of the newest events to keep (at least 1)
 *
 * Sets the bound of @db's event history; without it, the newest
 * %OKC_BACKEND_EVENTS_DEFAULT_HISTORY are kept.
 */
void
okc_backend_events_set_history (OkcBackendDb *db,
                                guint         n_events)
{
  g_return_if_fail (OKC_IS_BACKEND_DB (db));
  g_return_if_fail (n_events > 0);

  g_object_set_data (G_OBJECT (db), HISTORY_KEY, GUINT_TO_POINTER (n_events));
}

static guint
get_history (OkcBackendDb *db)
{
  guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (db), HISTORY_KEY));

  return n > 0 ? n : OKC_BACKEND_EVENTS_DEFAULT_HISTORY;
}

static char *
to_json_line (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  /* Compact JSON escapes newlines inside strings, so the data is one line. */
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/**
 * okc_backend_events_record:
 * @type: "ticket.created", "ticket.updated" or "ticket.timeline"
 * @ticket_id: (nullable): the ticket it is about
 * @data: (transfer none): the event's data
 * @now: the server's clock, seconds since the epoch
 *
 * Appends an event to the log, inside the caller's transaction: it reaches the streams
 * once that commits and the request's handler returns. Prunes the history to its bound
 * (the newest events, none older than %OKC_BACKEND_EVENTS_MAX_AGE) as it goes; both
 * deletions walk an index from its oldest end, so they cost little.
 */
gboolean
okc_backend_events_record (OkcBackendDb  *db,
                           const char    *type,
                           const char    *ticket_id,
                           JsonNode      *data,
                           gint64         now,
                           GError       **error)
{
  g_autoptr(OkcBackendStmt) insert = NULL;
  g_autoptr(OkcBackendStmt) prune = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), FALSE);
  g_return_val_if_fail (type != NULL && data != NULL, FALSE);

  insert = okc_backend_db_prepare (db,
                                   "INSERT INTO events (type, ticket_id, at, data) "
                                   "VALUES (?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  text = to_json_line (data);
  okc_backend_stmt_bind_text (insert, 1, type);
  okc_backend_stmt_bind_text (insert, 2, ticket_id);
  okc_backend_stmt_bind_int64 (insert, 3, now);
  okc_backend_stmt_bind_text (insert, 4, text);
  if (!okc_backend_db_step_done (db, insert, error))
    return FALSE;

  prune = okc_backend_db_prepare (db, "DELETE FROM events WHERE id <= ? OR at < ?", error);
  if (prune == NULL)
    return FALSE;
  okc_backend_stmt_bind_int64 (prune, 1,
                               sqlite3_last_insert_rowid (okc_backend_db_get_handle (db)) -
                               get_history (db));
  okc_backend_stmt_bind_int64 (prune, 2, now - OKC_BACKEND_EVENTS_MAX_AGE);
  return okc_backend_db_step_done (db, prune, error);
}

static void
stream_free (Stream *stream)
{
  g_signal_handlers_disconnect_by_data (stream->msg, stream);
  g_clear_handle_id (&stream->keep_alive_id, g_source_remove);
  if (stream->hangup != NULL)
    g_source_destroy (stream->hangup);
  g_clear_pointer (&stream->hangup, g_source_unref);
  g_object_unref (stream->msg);
  g_free (stream->authorization);
  g_free (stream);
}

static void
stream_write (Stream     *stream,
              const char *text)
{
  soup_message_body_append (soup_server_message_get_response_body (stream->msg), SOUP_MEMORY_COPY,
                            text, strlen (text));
  soup_server_message_unpause (stream->msg);
}

/* Ends @stream's response; the stream is freed and must not be used after. */
static void
stream_end (Stream *stream)
{
  OkcBackendEvents *self = stream->owner;
  SoupServerMessage *msg = g_object_ref (stream->msg);

  g_ptr_array_remove (self->streams, stream);
  soup_message_body_complete (soup_server_message_get_response_body (msg));
  soup_server_message_unpause (msg);
  g_object_unref (msg);
}

static gboolean
stream_token_valid (Stream *stream)
{
  g_autoptr(OkcUser) user = NULL;
  g_autofree char *hash = NULL;

  user = okc_backend_auth_authenticate (stream->owner->db, stream->authorization,
                                        g_get_real_time () / G_USEC_PER_SEC, &hash, NULL);
  return user != NULL;
}

static gboolean
keep_alive_cb (gpointer user_data)
{
  Stream *stream = user_data;

  if (!stream_token_valid (stream))
    {
      stream->keep_alive_id = 0;
      stream_end (stream);
      return G_SOURCE_REMOVE;
    }
  stream_write (stream, ": keep-alive\n\n");
  return G_SOURCE_CONTINUE;
}

static void
finished_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  Stream *stream = user_data;
  OkcBackendEvents *self = stream->owner;

  g_ptr_array_remove (self->streams, stream);
  g_debug ("An event stream closed; %u open", self->streams->len);
}

/* The client sends nothing after its request: the socket turning readable means it
 * closed the connection (or, rarely, pipelined another request, left to libsoup). */
static gboolean
hangup_cb (GSocket      *socket,
           GIOCondition  condition,
           gpointer      user_data)
{
  Stream *stream = user_data;
  OkcBackendEvents *self = stream->owner;
  char byte;
  gssize n = 0;

  if ((condition & G_IO_IN) != 0 && (condition & (G_IO_HUP | G_IO_ERR)) == 0)
    {
      GInputVector vector = { &byte, 1 };
      int flags = G_SOCKET_MSG_PEEK;

      n = g_socket_receive_message (socket, NULL, &vector, 1, NULL, NULL, &flags, NULL, NULL);
      if (n > 0)
        {
          g_clear_pointer (&stream->hangup, g_source_unref);
          return G_SOURCE_REMOVE;
        }
    }
  g_clear_pointer (&stream->hangup, g_source_unref);
  stream_end (stream);
  g_debug ("An event stream's client went away; %u open", self->streams->len);
  return G_SOURCE_REMOVE;
}

static void
watch_hangup (Stream *stream)
{
  GSocket *socket = soup_server_message_get_socket (stream->msg);

  if (socket == NULL)
    return;
  stream->hangup = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (stream->hangup, G_SOURCE_FUNC (hangup_cb), stream, NULL);
  g_source_attach (stream->hangup, NULL);
}

static char *
format_event (gint64      id,
              const char *type,
              const char *data)
{
  if (id > 0)
    return g_strdup_printf ("id: %" G_GINT64_FORMAT "\nevent: %s\ndata: %s\n\n", id, type, data);
  return g_strdup_printf ("event: %s\ndata: %s\n\n", type, data);
}

static gboolean
query_int64 (OkcBackendDb  *db,
             const char    *sql,
             gint64        *out_value,
             GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  *out_value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* The id after the newest event ever recorded, and the oldest one still kept. */
static gboolean
get_bounds (OkcBackendDb  *db,
            gint64        *out_newest,
            gint64        *out_oldest,
            GError       **error)
{
  if (!query_int64 (db, "SELECT COALESCE (MAX (seq), 0) FROM sqlite_sequence "
                        "WHERE name = 'events'", out_newest, error) ||
      !query_int64 (db, "SELECT COALESCE (MIN (id), 0) FROM events", out_oldest, error))
    return FALSE;
  if (*out_oldest == 0)
    *out_oldest = *out_newest + 1;
  return TRUE;
}

/* Writes every kept event after @after to the streams that have not had it yet:
 * @only is one stream (its backlog), or NULL for all of them. */
static gboolean
push_after (OkcBackendEvents  *self,
            gint64             after,
            Stream            *only,
            GError           **error)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;
  int rc;

  stmt = okc_backend_db_prepare (self->db,
                                 "SELECT id, type, data FROM events WHERE id > ? ORDER BY id",
                                 error);
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_int64 (stmt, 1, after);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *text = format_event (id, okc_backend_stmt_get_text (stmt, 1),
                                            okc_backend_stmt_get_text (stmt, 2));

      for (guint i = 0; i < self->streams->len; i++)
        {
          Stream *stream = g_ptr_array_index (self->streams, i);

          if ((only == NULL || stream == only) && stream->last_id < id)
            {
              stream_write (stream, text);
              stream->last_id = id;
            }
        }
      if (only == NULL)
        self->last_pushed = id;
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (self->db, error);
  return TRUE;
}

static void
okc_backend_events_dispose (GObject *object)
{
  OkcBackendEvents *self = OKC_BACKEND_EVENTS (object);

  okc_backend_events_close_all (self);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (okc_backend_events_parent_class)->dispose (object);
}

static void
okc_backend_events_finalize (GObject *object)
{
  OkcBackendEvents *self = OKC_BACKEND_EVENTS (object);

  g_ptr_array_unref (self->streams);

  G_OBJECT_CLASS (okc_backend_events_parent_class)->finalize (object);
}

static void
okc_backend_events_class_init (OkcBackendEventsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = okc_backend_events_dispose;
  object_class->finalize = okc_backend_events_finalize;
}

static void
okc_backend_events_init (OkcBackendEvents *self)
{
  self->streams = g_ptr_array_new_with_free_func ((GDestroyNotify) stream_free);
}

/**
 * okc_backend_events_new:
 *
 * Returns: (transfer full): the streams of @db's events, none open yet.
 */
OkcBackendEvents *
okc_backend_events_new (OkcBackendDb *db)
{
  OkcBackendEvents *self;
  gint64 oldest = 0;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), NULL);

  self = g_object_new (OKC_TYPE_BACKEND_EVENTS, NULL);
  self->db = g_object_ref (db);
  if (!get_bounds (db, &self->last_pushed, &oldest, NULL))
    self->last_pushed = 0;
  return self;
}

/**
 * okc_backend_events_open_stream:
 * @msg: the GET /v1/events request, authenticated
 * @authorization: its Authorization header, checked again while the stream is open
 * @after: the id of the last event the client has, or -1 to start from now
 *
 * Answers @msg with an open `text/event-stream`: the events after @after (or one
 * `reset` if some of them are no longer kept), then every new one.
 *
 * Returns: FALSE, with @msg unanswered, if the database failed.
 */
gboolean
okc_backend_events_open_stream (OkcBackendEvents   *self,
                                SoupServerMessage  *msg,
                                const char         *authorization,
                                gint64              after,
                                GError            **error)
{
  SoupMessageHeaders *headers;
  gint64 newest, oldest;
  Stream *stream;

  g_return_val_if_fail (OKC_IS_BACKEND_EVENTS (self), FALSE);
  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), FALSE);

  /* Anything committed before this stream opens goes to the others first, so that
   * "now" is the same point for every stream. */
  okc_backend_events_flush (self);
  if (!get_bounds (self->db, &newest, &oldest, error))
    return FALSE;

  headers = soup_server_message_get_response_headers (msg);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "X-Accel-Buffering", "no");

  stream = g_new0 (Stream, 1);
  stream->owner = self;
  stream->msg = g_object_ref (msg);
  stream->authorization = g_strdup (authorization);
  stream->last_id = newest;
  g_ptr_array_add (self->streams, stream);
  g_signal_connect (msg, "finished", G_CALLBACK (finished_cb), stream);
  stream->keep_alive_id = g_timeout_add_seconds (OKC_BACKEND_EVENTS_KEEP_ALIVE, keep_alive_cb,
                                                 stream);
  watch_hangup (stream);
  g_debug ("An event stream opened; %u open", self->streams->len);

  /* The first bytes go out at once, so the client knows it is connected. */
  stream_write (stream, ": connected\n\n");
  if (after >= 0 && (after + 1 < oldest || after > newest))
    stream_write (stream, "event: reset\ndata: {}\n\n");
  else if (after >= 0)
    {
      g_autoptr(GError) local_error = NULL;

      stream->last_id = after;
      if (!push_after (self, after, stream, &local_error))
        {
          /* The answer has begun: ending it makes the client resume again. */
          g_warning ("Cannot read the event log: %s", local_error->message);
          stream_end (stream);
        }
    }
  return TRUE;
}

/**
 * okc_backend_events_flush:
 *
 * Pushes the events committed since the last flush to every open stream, and ends
 * the streams whose token is no longer valid. The server calls it after each handler.
 */
void
okc_backend_events_flush (OkcBackendEvents *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (OKC_IS_BACKEND_EVENTS (self));

  if (self->streams->len == 0)
    {
      /* Nobody to tell: only remember where "now" is. */
      gint64 oldest;
      if (!get_bounds (self->db, &self->last_pushed, &oldest, &error))
        g_warning ("Cannot read the event log: %s", error->message);
      return;
    }

  for (guint i = self->streams->len; i > 0; i--)
    {
      Stream *stream = g_ptr_array_index (self->streams, i - 1);

      if (!stream_token_valid (stream))
        stream_end (stream);
    }
  if (!push_after (self, self->last_pushed, NULL, &error))
    g_warning ("Cannot read the event log: %s", error->message);
}

/**
 * okc_backend_events_broadcast:
 * @type: the event's type, such as "presence"
 * @data: (transfer none): its data
 *
 * Sends a live-only event, without an id and not kept, to every open stream.
 */
void
okc_backend_events_broadcast (OkcBackendEvents *self,
                              const char       *type,
                              JsonNode         *data)
{
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (OKC_IS_BACKEND_EVENTS (self));
  g_return_if_fail (type != NULL && data != NULL);

  line = to_json_line (data);
  text = format_event (0, type, line);
  for (guint i = 0; i < self->streams->len; i++)
    stream_write (g_ptr_array_index (self->streams, i), text);
}

guint
okc_backend_events_get_n_streams (OkcBackendEvents *self)
{
  g_return_val_if_fail (OKC_IS_BACKEND_EVENTS (self), 0);

  return self->streams->len;
}

/**
 * okc_backend_events_close_all:
 *
 * Ends every open stream's response, so that nothing keeps the server from stopping.
 */
void
okc_backend_events_close_all (OkcBackendEvents *self)
{
  g_return_if_fail (OKC_IS_BACKEND_EVENTS (self));

  while (self->streams->len > 0)
    stream_end (g_ptr_array_index (self->streams, self->streams->len - 1));
}
