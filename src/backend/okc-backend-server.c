/* okc-backend-server.c — the HTTP server: routing, authentication, roles and errors
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "config.h"

#include "okc-backend-server.h"

#include <string.h>

#include "okc-backend-auth.h"
#include "okc-backend-events.h"
#include "okc-backend-fleet-sim-driver.h"
#include "okc-backend-fleet-sim-store.h"
#include "okc-backend-idempotency.h"
#include "okc-backend-presence.h"
#include "okc-backend-routes.h"

typedef struct
{
  char *method;
  char **segments; /* the pattern split at "/"; "{…}" matches any one segment */
  guint access;
  OkcBackendRouteFlags flags;
  OkcBackendHandler handler;
} Route;

struct _OkcBackendServer
{
  GObject parent_instance;

  OkcBackendDb *db;
  SoupServer *soup_server;
  GPtrArray *routes;
  OkcBackendEvents *events;
  OkcBackendPresence *presence;
  OkcBackendFleetSimDriver *fleet_sim;
  gboolean simulator_control;
  guint maintenance_id;
};

G_DEFINE_FINAL_TYPE (OkcBackendServer, okc_backend_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How often the idempotency keys past their age are forgotten, in seconds. */
#define MAINTENANCE_INTERVAL (60 * 60)

/* The number of bytes of a request body counted so far, on the message. */
#define BODY_SIZE_KEY "okc-backend-body-size"

static void
route_free (Route *route)
{
  g_free (route->method);
  g_strfreev (route->segments);
  g_free (route);
}

static void
okc_backend_server_dispose (GObject *object)
{
  OkcBackendServer *self = OKC_BACKEND_SERVER (object);

  /* Open event streams end first, so that none keeps its connection. */
  if (self->events != NULL)
    okc_backend_events_close_all (self->events);
  g_clear_handle_id (&self->maintenance_id, g_source_remove);
  g_clear_object (&self->presence);
  g_clear_object (&self->fleet_sim);
  if (self->soup_server != NULL)
    soup_server_disconnect (self->soup_server);
  g_clear_object (&self->events);
  g_clear_object (&self->soup_server);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (okc_backend_server_parent_class)->dispose (object);
}

static void
okc_backend_server_finalize (GObject *object)
{
  OkcBackendServer *self = OKC_BACKEND_SERVER (object);

  g_ptr_array_unref (self->routes);

  G_OBJECT_CLASS (okc_backend_server_parent_class)->finalize (object);
}

static void
okc_backend_server_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  OkcBackendServer *self = OKC_BACKEND_SERVER (object);

  switch (prop_id)
    {
    case PROP_DB:
      self->db = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_backend_server_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OkcBackendServer *self = OKC_BACKEND_SERVER (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
body_exceeds_limit (SoupServerMessage *msg)
{
  return GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), BODY_SIZE_KEY)) >
         OKC_BACKEND_MAX_BODY_SIZE;
}

static void
reply_too_large (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  /* Stop keeping what is still to come; it is read and dropped. */
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
  okc_backend_reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "payload_too_large", NULL,
                           "The request body is larger than %d MiB",
                           OKC_BACKEND_MAX_BODY_SIZE / (1024 * 1024));
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  gsize size = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), BODY_SIZE_KEY));
  gboolean was_within = size <= OKC_BACKEND_MAX_BODY_SIZE;

  size += g_bytes_get_size (chunk);
  g_object_set_data (G_OBJECT (msg), BODY_SIZE_KEY, GSIZE_TO_POINTER (size));
  if (was_within && size > OKC_BACKEND_MAX_BODY_SIZE)
    reply_too_large (msg);
}

/* Runs once the headers are in, before the body is read: a body announced as too
 * large is refused without keeping it; a chunked one is counted as it arrives. */
static void
early_handler_cb (SoupServer        *soup_server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > OKC_BACKEND_MAX_BODY_SIZE)
    {
      g_object_set_data (G_OBJECT (msg), BODY_SIZE_KEY,
                         GSIZE_TO_POINTER ((gsize) OKC_BACKEND_MAX_BODY_SIZE + 1));
      reply_too_large (msg);
      return;
    }
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), NULL);
}

static gboolean
route_matches_path (Route       *route,
                    char       **segments,
                    const char **out_param)
{
  guint n = g_strv_length (route->segments);

  if (g_strv_length (segments) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (route->segments[i][0] == '{')
        {
          if (segments[i][0] == '\0')
            return FALSE;
          *out_param = segments[i];
        }
      else if (strcmp (route->segments[i], segments[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Finds the route for @method and @path. Without one, @out_allowed lists the methods
 * the path has (empty if the path is unknown). */
static Route *
find_route (OkcBackendServer  *self,
            const char        *method,
            char             **segments,
            const char       **out_param,
            GString           *out_allowed)
{
  if (strcmp (method, SOUP_METHOD_HEAD) == 0)
    method = SOUP_METHOD_GET;

  for (guint i = 0; i < self->routes->len; i++)
    {
      Route *route = g_ptr_array_index (self->routes, i);

      if (!route_matches_path (route, segments, out_param))
        continue;
      if (strcmp (route->method, method) == 0)
        return route;
      g_string_append_printf (out_allowed, "%s%s", out_allowed->len > 0 ? ", " : "",
                              route->method);
    }
  return NULL;
}

static gboolean
authorize (OkcBackendServer  *self,
           Route             *route,
           OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  const char *authorization = soup_message_headers_get_one (
    soup_server_message_get_request_headers (request->msg), "Authorization");

  if (route->access == OKC_BACKEND_ACCESS_PUBLIC)
    return TRUE;

  request->user = okc_backend_auth_authenticate (self->db, authorization, request->now,
                                                 &request->token_hash, &error);
  if (request->user == NULL)
    {
      if (g_error_matches (error, OKC_BACKEND_AUTH_ERROR, OKC_BACKEND_AUTH_ERROR_UNAUTHORIZED))
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                        "WWW-Authenticate", "Bearer realm=\"ok2charge\"");
          okc_backend_reply_error (request->msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                                   "%s", error->message);
        }
      else
        okc_backend_reply_internal_error (request->msg, error);
      return FALSE;
    }

  if ((route->access & (1u << okc_user_get_role (request->user))) == 0)
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_FORBIDDEN, "forbidden", NULL,
                               "A user with the role “%s” may not %s %s",
                               okc_enum_to_nick (OKC_TYPE_ROLE, okc_user_get_role (request->user)),
                               soup_server_message_get_method (request->msg),
                               g_uri_get_path (soup_server_message_get_uri (request->msg)));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_json_content_type (SoupServerMessage *msg)
{
  g_autoptr(GHashTable) params = NULL;
  const char *content_type = soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (msg), &params);
  const char *charset;

  if (content_type == NULL || g_ascii_strcasecmp (content_type, "application/json") != 0)
    return FALSE;
  charset = params != NULL ? g_hash_table_lookup (params, "charset") : NULL;
  return charset == NULL || g_ascii_strcasecmp (charset, "utf-8") == 0;
}

static gboolean
read_json_body (OkcBackendRequest *request)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (!is_json_content_type (request->msg))
    {
      const char *given = soup_message_headers_get_one (
        soup_server_message_get_request_headers (request->msg), "Content-Type");
      okc_backend_reply_error (request->msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                               "unsupported_media_type", NULL,
                               "The body must be application/json (UTF-8), not %s",
                               given != NULL ? given : "without a Content-Type");
      return FALSE;
    }

  bytes = soup_message_body_flatten (soup_server_message_get_request_body (request->msg));
  request->body = okc_json_parse_bytes (bytes, &error);
  if (request->body == NULL)
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "malformed_json", NULL,
                               "The body is not JSON: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
request_clear (OkcBackendRequest *request)
{
  g_clear_object (&request->user);
  g_clear_pointer (&request->token_hash, g_free);
  g_clear_pointer (&request->body, json_node_unref);
}

static void
dispatch (OkcBackendServer  *self,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query)
{
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  g_autoptr(GString) allowed = g_string_new (NULL);
  OkcBackendRequest request = {
    .db = self->db,
    .msg = msg,
    .query = query,
    .now = g_get_real_time () / G_USEC_PER_SEC,
    .events = self->events,
    .presence = self->presence,
  };
  Route *route = find_route (self, soup_server_message_get_method (msg), segments, &request.param,
                             allowed);

  if (route == NULL && allowed->len == 0)
    {
      okc_backend_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                               "There is no API at %s", path);
      return;
    }
  if (route == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    allowed->str);
      okc_backend_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", NULL,
                               "%s does not take %s; it takes %s", path,
                               soup_server_message_get_method (msg), allowed->str);
      return;
    }

  if (authorize (self, route, &request) &&
      (!(route->flags & OKC_BACKEND_ROUTE_JSON_BODY) || read_json_body (&request)))
    {
      if (route->flags & OKC_BACKEND_ROUTE_IDEMPOTENT)
        okc_backend_idempotency_run (&request, path, route->handler);
      else
        route->handler (&request);
    }
  request_clear (&request);
}

static void
handler_cb (SoupServer        *soup_server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  OkcBackendServer *self = OKC_BACKEND_SERVER (user_data);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control",
                                "no-store");
  if (body_exceeds_limit (msg))
    return;

  dispatch (self, msg, path, query);
  /* What the handler committed reaches the open streams now, not on a timer. */
  okc_backend_events_flush (self->events);
  g_debug ("%s %s → %u", soup_server_message_get_method (msg), path,
           soup_server_message_get_status (msg));
}

static void
purge_idempotency_keys (OkcBackendServer *self)
{
  g_autoptr(GError) error = NULL;

  if (!okc_backend_idempotency_purge (self->db, g_get_real_time () / G_USEC_PER_SEC, &error))
    g_warning ("Cannot forget the old idempotency keys: %s", error->message);
}

static gboolean
maintenance_cb (gpointer user_data)
{
  purge_idempotency_keys (OKC_BACKEND_SERVER (user_data));
  return G_SOURCE_CONTINUE;
}

static void
okc_backend_server_constructed (GObject *object)
{
  OkcBackendServer *self = OKC_BACKEND_SERVER (object);

  G_OBJECT_CLASS (okc_backend_server_parent_class)->constructed (object);

  g_assert (self->db != NULL);
  self->events = okc_backend_events_new (self->db);
  self->presence = okc_backend_presence_new (self->events,
                                             OKC_BACKEND_PRESENCE_DEFAULT_TTL * 1000);
  self->fleet_sim = okc_backend_fleet_sim_driver_new (self->db, self->events);
  self->soup_server = soup_server_new ("server-header", "ok2charge-backend/" PACKAGE_VERSION " ",
                                       NULL);
  soup_server_add_early_handler (self->soup_server, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (self->soup_server, NULL, handler_cb, self, NULL);
  okc_backend_routes_register_all (self);

  purge_idempotency_keys (self);
  self->maintenance_id = g_timeout_add_seconds (MAINTENANCE_INTERVAL, maintenance_cb, self);
}

static void
okc_backend_server_class_init (OkcBackendServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = okc_backend_server_constructed;
  object_class->dispose = okc_backend_server_dispose;
  object_class->finalize = okc_backend_server_finalize;
  object_class->set_property = okc_backend_server_set_property;
  object_class->get_property = okc_backend_server_get_property;

  properties[PROP_DB] =
    g_param_spec_object ("db", NULL, NULL, OKC_TYPE_BACKEND_DB,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_backend_server_init (OkcBackendServer *self)
{
  self->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) route_free);
}

OkcBackendServer *
okc_backend_server_new (OkcBackendDb *db)
{
  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), NULL);

  return g_object_new (OKC_TYPE_BACKEND_SERVER, "db", db, NULL);
}

/**
 * okc_backend_server_add_route:
 * @pattern: a path such as "/v1/tickets/{id}"; a `{…}` segment is the handler's param
 * @access: the roles that may call it (OKC_BACKEND_ACCESS_*)
 */
void
okc_backend_server_add_route (OkcBackendServer     *self,
                              const char           *method,
                              const char           *pattern,
                              guint                 access,
                              OkcBackendRouteFlags  flags,
                              OkcBackendHandler     handler)
{
  Route *route;

  g_return_if_fail (OKC_IS_BACKEND_SERVER (self));
  g_return_if_fail (method != NULL && pattern != NULL && handler != NULL);
  /* Keys are scoped to the signed-in user. */
  g_return_if_fail (!(flags & OKC_BACKEND_ROUTE_IDEMPOTENT) ||
                    access != OKC_BACKEND_ACCESS_PUBLIC);

  route = g_new0 (Route, 1);
  route->method = g_strdup (method);
  route->segments = g_strsplit (pattern, "/", -1);
  route->access = access;
  route->flags = flags;
  route->handler = handler;
  g_ptr_array_add (self->routes, route);
}

/**
 * okc_backend_server_set_presence_ttl:
 * @ttl_ms: how long a presence entry lasts after its last PUT, in milliseconds
 *
 * Replaces the presence table (dropping its entries) with one of that lifetime.
 */
void
okc_backend_server_set_presence_ttl (OkcBackendServer *self,
                                     guint             ttl_ms)
{
  g_return_if_fail (OKC_IS_BACKEND_SERVER (self));
  g_return_if_fail (ttl_ms > 0);

  g_clear_object (&self->presence);
  self->presence = okc_backend_presence_new (self->events, ttl_ms);
}

/**
 * okc_backend_server_enable_simulator_control:
 *
 * Serves the simulator's fault injection (POST and DELETE
 * /v1/simulator/chargers/{id}/faults), for tests and demonstrations.
 */
void
okc_backend_server_enable_simulator_control (OkcBackendServer *self)
{
  g_return_if_fail (OKC_IS_BACKEND_SERVER (self));

  if (self->simulator_control)
    return;
  self->simulator_control = TRUE;
  okc_backend_simulator_routes_register (self);
}

/**
 * okc_backend_server_start_fleet:
 * @heartbeat_interval: the HeartbeatInterval configured on every charger, in seconds
 * @activity: whether faults and sessions happen by themselves
 *
 * Configures the chargers and starts the fleet simulator on the main loop.
 */
gboolean
okc_backend_server_start_fleet (OkcBackendServer  *self,
                                guint              heartbeat_interval,
                                gboolean           activity,
                                GError           **error)
{
  g_return_val_if_fail (OKC_IS_BACKEND_SERVER (self), FALSE);
  g_return_val_if_fail (heartbeat_interval > 0, FALSE);

  if (!okc_backend_db_begin (self->db, error))
    return FALSE;
  if (!okc_backend_fleet_store_set_interval (self->db, heartbeat_interval, error) ||
      !okc_backend_db_commit (self->db, error))
    {
      okc_backend_db_rollback (self->db);
      return FALSE;
    }
  okc_backend_fleet_sim_driver_set_activity (self->fleet_sim, activity);
  okc_backend_fleet_sim_driver_start (self->fleet_sim);
  return TRUE;
}

gboolean
okc_backend_server_listen (OkcBackendServer  *self,
                           GSocketAddress    *address,
                           GError           **error)
{
  g_return_val_if_fail (OKC_IS_BACKEND_SERVER (self), FALSE);

  return soup_server_listen (self->soup_server, address, 0, error);
}

/**
 * okc_backend_server_get_url:
 *
 * Returns: (transfer full) (nullable): "http://HOST:PORT" of the first listening socket,
 *   with the port the system chose for port 0.
 */
char *
okc_backend_server_get_url (OkcBackendServer *self)
{
  GSList *uris;
  char *url = NULL;

  g_return_val_if_fail (OKC_IS_BACKEND_SERVER (self), NULL);

  uris = soup_server_get_uris (self->soup_server);
  if (uris != NULL)
    {
      GUri *uri = uris->data;
      const char *host = g_uri_get_host (uri);

      url = strchr (host, ':') != NULL
              ? g_strdup_printf ("http://[%s]:%d", host, g_uri_get_port (uri))
              : g_strdup_printf ("http://%s:%d", host, g_uri_get_port (uri));
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}
