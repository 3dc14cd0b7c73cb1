/* okc-backend-routes-properties.c — charger lookup and assignment, properties and their
 * PMS syncs (docs/actions.md, topic 8)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include <string.h>

#include "okc-backend-routes.h"

#include "okc-backend-audit.h"
#include "okc-backend-chargers.h"
#include "okc-backend-events.h"
#include "okc-backend-pms-sim.h"
#include "okc-backend-properties.h"
#include "okc-json.h"

#define LIST_LIMIT_DEFAULT 50
#define LIST_LIMIT_MAX 200
#define MAX_CODE_LENGTH 200
#define MAX_CURSOR_LENGTH 1024
#define SYNCS_SHOWN 20

static void
reply_bad_parameter (OkcBackendRequest *request,
                     const char        *name,
                     const char        *problem)
{
  okc_backend_reply_error (request->msg, SOUP_STATUS_BAD_REQUEST, "invalid_parameter", name,
                           "%s: %s", name, problem);
}

static void
lookup_cb (OkcBackendRequest *request)
{
  const char *code = okc_backend_request_get_query (request, "code");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = NULL;

  if (code == NULL || code[strspn (code, " \t\r\n")] == '\0' || strlen (code) > MAX_CODE_LENGTH)
    {
      reply_bad_parameter (request, "code",
                           "expected a charger's serial, id or QR label text");
      return;
    }
  id = okc_backend_properties_lookup_charger (request->db, code, &error);
  if (id != NULL)
    charger = okc_backend_chargers_load (request->db, id, &error);
  if (charger == NULL)
    {
      if (error != NULL)
        okc_backend_reply_internal_error (request->msg, error);
      else
        okc_backend_reply_error (request->msg, SOUP_STATUS_NOT_FOUND, "not_found", "code",
                                 "No charger has the serial, id or QR label “%s”", code);
      return;
    }
  root = okc_charger_to_json (charger);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

/* {"id", "name"} of a charger's property or unit, or null. */
static JsonNode *
reference_node (const char *id,
                const char *name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  if (id == NULL)
    return json_node_init_null (json_node_alloc ());
  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", id);
  okc_json_builder_add_string (builder, "name", name);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
placement_node (OkcCharger *charger)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = json_node_alloc ();

  json_object_set_member (object, "property",
                          reference_node (okc_charger_get_property_id (charger),
                                          okc_charger_get_property_name (charger)));
  json_object_set_member (object, "unit",
                          reference_node (okc_charger_get_unit_id (charger),
                                          okc_charger_get_unit_name (charger)));
  return json_node_init_object (node, object);
}

typedef struct
{
  const char *property_id;
  const char *unit_id;
  const char *ticket_id;
} Assignment;

static gboolean
parse_assignment (JsonNode    *body,
                  Assignment  *out,
                  GError     **error)
{
  static const char * const allowed[] = { "property_id", "unit_id", "ticket_id", NULL };
  JsonObject *object = okc_json_node_get_object (body, "", error);

  return object != NULL && okc_json_check_members (object, "", allowed, error) &&
         okc_json_read_string (object, "", "property_id", OKC_JSON_NOT_EMPTY, &out->property_id,
                               error) &&
         okc_json_read_string (object, "", "unit_id", OKC_JSON_NULLABLE | OKC_JSON_NOT_EMPTY,
                               &out->unit_id, error) &&
         okc_json_read_string (object, "", "ticket_id", OKC_JSON_OPTIONAL | OKC_JSON_NOT_EMPTY,
                               &out->ticket_id, error);
}

/* Runs @sql with @a and @b bound; *@out_found tells whether it gave a row. */
static gboolean
row_exists (OkcBackendDb  *db,
            const char    *sql,
            const char    *a,
            const char    *b,
            gboolean      *out_found,
            GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, a);
  okc_backend_stmt_bind_text (stmt, 2, b);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  *out_found = rc == SQLITE_ROW;
  return TRUE;
}

/* Answers 422 naming the member when a reference of @assignment is unknown. */
static gboolean
check_assignment (OkcBackendRequest  *request,
                  Assignment         *assignment,
                  GError            **error)
{
  gboolean found = TRUE;

  if (!row_exists (request->db, "SELECT 1 FROM properties WHERE id = ?1 AND ?2 IS NULL",
                   assignment->property_id, NULL, &found, error))
    return FALSE;
  if (!found)
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_input",
                               "property_id", "property_id: “%s” is not a property",
                               assignment->property_id);
      return TRUE;
    }
  if (assignment->unit_id != NULL &&
      !row_exists (request->db, "SELECT 1 FROM units WHERE id = ?1 AND property_id = ?2",
                   assignment->unit_id, assignment->property_id, &found, error))
    return FALSE;
  if (!found)
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_input",
                               "unit_id", "unit_id: “%s” is not a unit of %s",
                               assignment->unit_id, assignment->property_id);
      return TRUE;
    }
  if (assignment->ticket_id != NULL &&
      !row_exists (request->db, "SELECT 1 FROM tickets WHERE id = ?1 AND ?2 IS NULL",
                   assignment->ticket_id, NULL, &found, error))
    return FALSE;
  if (!found)
    okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_input",
                             "ticket_id", "ticket_id: “%s” is not a ticket",
                             assignment->ticket_id);
  return TRUE;
}

static gboolean
store_assignment (OkcBackendRequest  *request,
                  const char         *charger_id,
                  Assignment         *assignment,
                  GError            **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    request->db, "UPDATE chargers SET property_id = ?, unit_id = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, assignment->property_id);
  okc_backend_stmt_bind_text (stmt, 2, assignment->unit_id);
  okc_backend_stmt_bind_text (stmt, 3, charger_id);
  return okc_backend_db_step_done (request->db, stmt, error);
}

/* Returns FALSE with @error when SQLite failed; otherwise it has answered. */
static gboolean
assign (OkcBackendRequest  *request,
        GError            **error)
{
  g_autoptr(GError) input_error = NULL;
  g_autoptr(OkcCharger) before = NULL;
  g_autoptr(OkcCharger) after = NULL;
  g_autoptr(JsonNode) before_node = NULL;
  g_autoptr(JsonNode) after_node = NULL;
  g_autoptr(JsonNode) root = NULL;
  Assignment assignment = { NULL };

  if (!parse_assignment (request->body, &assignment, &input_error))
    {
      okc_backend_reply_invalid_input (request->msg, input_error);
      return TRUE;
    }
  if (!okc_backend_db_begin (request->db, error))
    return FALSE;
  before = okc_backend_chargers_load (request->db, request->param, error);
  if (before == NULL)
    {
      okc_backend_db_rollback (request->db);
      if (*error == NULL)
        okc_backend_reply_not_found (request->msg, "charger", request->param);
      return *error == NULL;
    }
  if (!check_assignment (request, &assignment, error) ||
      soup_server_message_get_status (request->msg) != SOUP_STATUS_NONE)
    {
      okc_backend_db_rollback (request->db);
      return *error == NULL;
    }

  before_node = placement_node (before);
  if (!store_assignment (request, okc_charger_get_id (before), &assignment, error) ||
      (after = okc_backend_chargers_load (request->db, okc_charger_get_id (before), error)) ==
        NULL)
    goto failed;
  after_node = placement_node (after);
  if (!okc_backend_chargers_announce (request->db, okc_charger_get_id (after), request->now,
                                      error) ||
      !okc_backend_audit_record (request->db, request->now, okc_user_get_id (request->user),
                                 "charger.assign", "charger", okc_charger_get_id (after),
                                 assignment.ticket_id, before_node, after_node, error) ||
      !okc_backend_db_commit (request->db, error))
    goto failed;

  root = okc_charger_to_json (after);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
  return TRUE;

failed:
  okc_backend_db_rollback (request->db);
  if (*error == NULL)
    g_set_error (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SCHEMA,
                 "charger %s vanished while being assigned", request->param);
  return FALSE;
}

static void
assignment_put_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;

  if (!assign (request, &error))
    okc_backend_reply_internal_error (request->msg, error);
}

/* The cursor is the last name of the page, in hex: opaque, and safe in a query. */
static char *
cursor_encode (const char *name)
{
  GString *text = g_string_new (NULL);

  for (const guchar *p = (const guchar *) name; *p != '\0'; p++)
    g_string_append_printf (text, "%02x", *p);
  return g_string_free (text, FALSE);
}

static char *
cursor_decode (const char *cursor)
{
  gsize length = strlen (cursor);
  g_autofree char *name = NULL;

  if (length == 0 || length % 2 != 0 || length > MAX_CURSOR_LENGTH ||
      strspn (cursor, "0123456789abcdef") != length)
    return NULL;
  name = g_malloc0 (length / 2 + 1);
  for (gsize i = 0; i < length / 2; i++)
    name[i] = (char) (g_ascii_xdigit_value (cursor[2 * i]) * 16 +
                      g_ascii_xdigit_value (cursor[2 * i + 1]));
  if (strlen (name) != length / 2 || !g_utf8_validate (name, -1, NULL))
    return NULL;
  return g_steal_pointer (&name);
}

static gboolean
check_known_params (OkcBackendRequest  *request,
                    const char * const *known)
{
  GHashTableIter iter;
  const char *name;

  if (request->query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, request->query);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_strv_contains (known, name))
      {
        reply_bad_parameter (request, name, "is not a parameter of this list");
        return FALSE;
      }
  return TRUE;
}

static void
list_cb (OkcBackendRequest *request)
{
  static const char * const known[] = { "q", "limit", "cursor", NULL };
  const char *cursor = okc_backend_request_get_query (request, "cursor");
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  guint limit;

  if (!check_known_params (request, known) ||
      !okc_backend_request_get_limit (request, "limit", LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX,
                                      &limit))
    return;
  if (cursor != NULL && (after = cursor_decode (cursor)) == NULL)
    {
      reply_bad_parameter (request, "cursor", "is not a cursor this list gave");
      return;
    }
  root = okc_backend_properties_list (request->db, okc_backend_request_get_query (request, "q"),
                                      after, limit, &error);
  if (root == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  object = json_node_get_object (root);
  if (!json_object_get_null_member (object, "next_cursor"))
    {
      g_autofree char *next =
        cursor_encode (json_object_get_string_member (object, "next_cursor"));
      json_object_set_string_member (object, "next_cursor", next);
    }
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
get_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = okc_backend_properties_load (request->db, request->param, TRUE,
                                                          &error);

  if (root == NULL)
    {
      if (error != NULL)
        okc_backend_reply_internal_error (request->msg, error);
      else
        okc_backend_reply_not_found (request->msg, "property", request->param);
      return;
    }
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static gboolean
parse_sync_request (OkcBackendRequest  *request,
                    const char        **out_ticket_id,
                    GError            **error)
{
  static const char * const allowed[] = { "ticket_id", NULL };
  JsonObject *object;

  *out_ticket_id = NULL;
  if (request->body == NULL)
    return TRUE;
  object = okc_json_node_get_object (request->body, "", error);
  return object != NULL && okc_json_check_members (object, "", allowed, error) &&
         okc_json_read_string (object, "", "ticket_id", OKC_JSON_OPTIONAL | OKC_JSON_NOT_EMPTY,
                               out_ticket_id, error);
}

/* {sync_state, last_sync_at} of a Property's integration. */
static JsonNode *
sync_state_node (JsonNode *property)
{
  JsonObject *pms = json_object_get_object_member (json_node_get_object (property), "pms");
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_member (object, "sync_state",
                          json_node_copy (json_object_get_member (pms, "sync_state")));
  json_object_set_member (object, "last_sync_at",
                          json_node_copy (json_object_get_member (pms, "last_sync_at")));
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
wrap (const char *member,
      JsonNode   *value)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_member (object, member, value);
  return json_node_init_object (json_node_alloc (), object);
}

/* Answers 404 / 409 / 422 itself; returns FALSE with @error when SQLite failed. */
static gboolean
check_syncable (OkcBackendRequest  *request,
                JsonNode           *property,
                const char         *ticket_id,
                GError            **error)
{
  JsonObject *pms;
  gboolean found = TRUE;

  if (property == NULL)
    {
      if (*error == NULL)
        okc_backend_reply_not_found (request->msg, "property", request->param);
      return *error == NULL;
    }
  pms = json_object_get_object_member (json_node_get_object (property), "pms");
  if (!json_object_get_boolean_member (pms, "connected"))
    {
      okc_backend_reply_error (request->msg, SOUP_STATUS_CONFLICT, "pms_not_connected", NULL,
                               "%s has no connected property management system",
                               json_object_get_string_member (json_node_get_object (property),
                                                              "name"));
      return TRUE;
    }
  if (ticket_id != NULL &&
      !row_exists (request->db, "SELECT 1 FROM tickets WHERE id = ?1 AND ?2 IS NULL", ticket_id,
                   NULL, &found, error))
    return FALSE;
  if (!found)
    okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_input",
                             "ticket_id", "ticket_id: “%s” is not a ticket", ticket_id);
  return TRUE;
}

static gboolean
run_sync (OkcBackendRequest  *request,
      GError            **error)
{
  g_autoptr(GError) input_error = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autoptr(JsonNode) audit_after = NULL;
  const char *ticket_id;
  gint64 seq;

  if (!parse_sync_request (request, &ticket_id, &input_error))
    {
      okc_backend_reply_invalid_input (request->msg, input_error);
      return TRUE;
    }
  if (!okc_backend_db_begin (request->db, error))
    return FALSE;
  before = okc_backend_properties_load (request->db, request->param, FALSE, error);
  if (!check_syncable (request, before, ticket_id, error) ||
      soup_server_message_get_status (request->msg) != SOUP_STATUS_NONE)
    {
      okc_backend_db_rollback (request->db);
      return *error == NULL;
    }

  if (!okc_backend_pms_sim_run (request->db, request->param, okc_user_get_id (request->user),
                                request->now, &seq, error) ||
      (shown = okc_backend_properties_sync_to_json (request->db, seq, error)) == NULL ||
      (after = okc_backend_properties_load (request->db, request->param, FALSE, error)) == NULL)
    goto failed;

  audit_after = sync_state_node (after);
  json_object_set_member (json_node_get_object (audit_after), "sync", json_node_copy (shown));
  {
    g_autoptr(JsonNode) before_state = sync_state_node (before);
    g_autoptr(JsonNode) event = wrap ("property", json_node_copy (after));
    const char *id = json_object_get_string_member (json_node_get_object (after), "id");

    if (!okc_backend_audit_record (request->db, request->now, okc_user_get_id (request->user),
                                   "property.pms_sync", "property", id, ticket_id, before_state,
                                   audit_after, error) ||
        !okc_backend_events_record (request->db, "property.updated", NULL, event, request->now,
                                    error) ||
        !okc_backend_db_commit (request->db, error))
      goto failed;
  }
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, shown);
  return TRUE;

failed:
  okc_backend_db_rollback (request->db);
  if (*error == NULL)
    g_set_error (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SCHEMA,
                 "property %s vanished while being synced", request->param);
  return FALSE;
}

static void
sync_post_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;

  if (!run_sync (request, &error))
    okc_backend_reply_internal_error (request->msg, error);
}

static void
syncs_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) property = okc_backend_properties_load (request->db, request->param, FALSE,
                                                              &error);
  g_autoptr(JsonNode) root = NULL;
  const char *id;

  if (property == NULL)
    {
      if (error != NULL)
        okc_backend_reply_internal_error (request->msg, error);
      else
        okc_backend_reply_not_found (request->msg, "property", request->param);
      return;
    }
  id = json_object_get_string_member (json_node_get_object (property), "id");
  root = okc_backend_properties_syncs (request->db, id, SYNCS_SHOWN, &error);
  if (root == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

/* Linking chargers and syncing a PMS is support's work: the chatbot may not. The lookup
 * comes before /v1/chargers/{id} would see "lookup" as an id. */
void
okc_backend_property_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/chargers/lookup",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, lookup_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_PUT, "/v1/chargers/{id}/assignment",
                                OKC_BACKEND_ACCESS_STAFF,
                                OKC_BACKEND_ROUTE_JSON_BODY | OKC_BACKEND_ROUTE_IDEMPOTENT,
                                assignment_put_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/properties",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, list_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/properties/{id}",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, get_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/properties/{id}/pms/sync",
                                OKC_BACKEND_ACCESS_STAFF,
                                OKC_BACKEND_ROUTE_JSON_BODY | OKC_BACKEND_ROUTE_IDEMPOTENT,
                                sync_post_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/properties/{id}/pms/syncs",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, syncs_cb);
}
