/* okc-backend-routes-access.c — a charger's access policy and list, an account's bookings,
 * and (with --simulator-control) a guest's start through the app (docs/actions.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include <string.h>

#include "okc-backend-routes.h"

#include "okc-backend-access.h"
#include "okc-backend-audit.h"
#include "okc-backend-chargers.h"
#include "okc-backend-fleet-sim-store.h"

/* Longer than any email address (RFC 5321 caps a path at 254) or phone number. */
#define MAX_CONTACT_LENGTH 254

static OkcCharger *
load_charger (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  OkcCharger *charger = okc_backend_chargers_load (request->db, request->param, &error);

  if (charger == NULL && error != NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else if (charger == NULL)
    okc_backend_reply_not_found (request->msg, "charger", request->param);
  return charger;
}

static gboolean
reply_invalid (OkcBackendRequest *request,
               const char        *field,
               const char        *message)
{
  okc_backend_reply_error (request->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_input", field,
                           "%s: %s", field, message);
  return FALSE;
}

/* The body's object with only @allowed members, else 422 naming the first other one. */
static JsonObject *
read_body (OkcBackendRequest   *request,
           const char * const  *allowed)
{
  g_autoptr(GError) error = NULL;
  JsonObject *body = okc_json_node_get_object (request->body, NULL, &error);

  if (body == NULL || !okc_json_check_members (body, NULL, allowed, &error))
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return NULL;
    }
  return body;
}

/* The account the body's "account" names (its id, email or phone): 422 when the member is
 * missing or malformed or no account has it. */
static gboolean
read_account (OkcBackendRequest *request,
              JsonObject        *body,
              const char        *charger_id,
              OkcBackendAccount *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contact = NULL;
  const char *text = NULL;

  if (!okc_json_read_string (body, NULL, "account", OKC_JSON_NOT_EMPTY, &text, &error))
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return FALSE;
    }
  contact = g_strstrip (g_strdup (text));
  if (strlen (contact) > MAX_CONTACT_LENGTH ||
      (!g_str_has_prefix (contact, "ACC-") && !okc_text_is_email (contact) &&
       !okc_text_is_phone (contact)))
    return reply_invalid (request, "account", "expected an account id, an email or a phone number");
  if (!okc_backend_access_find_account (request->db, charger_id, contact, out, &error))
    {
      okc_backend_reply_internal_error (request->msg, error);
      return FALSE;
    }
  if (out->id == NULL)
    {
      g_autofree char *message = g_strdup_printf ("no OK2Charge account has “%s”", contact);
      return reply_invalid (request, "account", message);
    }
  if (out->deleted)
    {
      g_autofree char *message = g_strdup_printf ("%s was deleted: it can no longer sign in, "
                                                  "charge or be given access", out->id);
      return reply_invalid (request, "account", message);
    }
  return TRUE;
}

/* The optional "ticket_id", which must name a ticket. */
static gboolean
read_ticket (OkcBackendRequest  *request,
             JsonObject         *body,
             const char        **out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;

  if (!okc_json_read_string (body, NULL, "ticket_id", OKC_JSON_OPTIONAL | OKC_JSON_NOT_EMPTY,
                             out, &error))
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return FALSE;
    }
  if (*out == NULL)
    return TRUE;
  stmt = okc_backend_db_prepare (request->db, "SELECT 1 FROM tickets WHERE id = ?", &error);
  if (stmt == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return FALSE;
    }
  okc_backend_stmt_bind_text (stmt, 1, *out);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_autofree char *message = g_strdup_printf ("“%s” is not a ticket", *out);
      return reply_invalid (request, "ticket_id", message);
    }
  return TRUE;
}

static void
reply_charger (OkcBackendRequest *request,
               const char        *charger_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = okc_backend_chargers_load (request->db, charger_id, &error);
  g_autoptr(JsonNode) root = NULL;

  if (charger == NULL)
    {
      if (error == NULL)
        g_set_error (&error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE,
                     "charger %s vanished", charger_id);
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  root = okc_charger_to_json (charger);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
policy_put_cb (OkcBackendRequest *request)
{
  static const char * const allowed[] = { "policy", "ticket_id", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = load_charger (request);
  const char *ticket_id = NULL;
  JsonObject *body;
  int policy = 0;

  if (charger == NULL || (body = read_body (request, allowed)) == NULL)
    return;
  if (!okc_json_read_enum (body, NULL, "policy", OKC_TYPE_CHARGER_POLICY, OKC_JSON_REQUIRED,
                           &policy, &error))
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return;
    }
  if (!read_ticket (request, body, &ticket_id))
    return;
  if (!okc_backend_access_set_policy (request->db, okc_user_get_id (request->user),
                                      okc_charger_get_id (charger), (OkcChargerPolicy) policy,
                                      ticket_id, request->now, &error))
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  reply_charger (request, okc_charger_get_id (charger));
}

static void
grants_get_cb (OkcBackendRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = load_charger (request);
  g_autoptr(JsonNode) root = NULL;

  if (charger == NULL)
    return;
  root = okc_backend_access_list_grants (request->db, okc_charger_get_id (charger), &error);
  if (root == NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else
    okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

/* The booking a grant is for: it must exist, be at the charger's property and be the
 * account's. */
static OkcBooking *
read_booking (OkcBackendRequest       *request,
              JsonObject              *body,
              OkcCharger              *charger,
              const OkcBackendAccount *account,
              gboolean                *out_failed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBooking) booking = NULL;
  g_autofree char *message = NULL;
  const char *id = NULL;

  *out_failed = TRUE;
  if (!okc_json_read_string (body, NULL, "booking_id", OKC_JSON_OPTIONAL | OKC_JSON_NOT_EMPTY,
                             &id, &error))
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return NULL;
    }
  *out_failed = FALSE;
  if (id == NULL)
    return NULL;
  *out_failed = TRUE;
  booking = okc_backend_access_load_booking (request->db, id, &error);
  if (error != NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else if (booking == NULL)
    message = g_strdup_printf ("“%s” is not a booking", id);
  else if (g_strcmp0 (okc_booking_get_property_id (booking),
                      okc_charger_get_property_id (charger)) != 0)
    message = g_strdup_printf ("%s is at %s, not at the charger’s property", id,
                               okc_booking_get_property_name (booking));
  else if (g_strcmp0 (okc_booking_get_account_id (booking), account->id) != 0)
    message = g_strdup_printf ("%s is not %s’s booking", id, account->name);
  else
    {
      *out_failed = FALSE;
      return g_steal_pointer (&booking);
    }
  if (message != NULL)
    reply_invalid (request, "booking_id", message);
  return NULL;
}

static void
grants_post_cb (OkcBackendRequest *request)
{
  static const char * const allowed[] = {
    "account", "valid_from", "valid_to", "booking_id", "ticket_id", NULL
  };
  g_auto(OkcBackendAccount) account = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = load_charger (request);
  g_autoptr(OkcBooking) booking = NULL;
  g_autoptr(OkcAccessGrant) grant = NULL;
  g_autoptr(OkcAccessGrant) stored = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *ticket_id = NULL;
  gint64 valid_from = 0, valid_to = 0;
  gboolean failed = FALSE;
  JsonObject *body;

  if (charger == NULL || (body = read_body (request, allowed)) == NULL ||
      !read_account (request, body, okc_charger_get_id (charger), &account))
    return;
  if (!okc_json_read_time (body, NULL, "valid_from", OKC_JSON_OPTIONAL, &valid_from, &error) ||
      !okc_json_read_time (body, NULL, "valid_to", OKC_JSON_OPTIONAL, &valid_to, &error))
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return;
    }
  booking = read_booking (request, body, charger, &account, &failed);
  if (failed || !read_ticket (request, body, &ticket_id))
    return;
  /* Only a booking: the guest's stay, check-in to check-out. */
  if (booking != NULL && valid_from == 0 && valid_to == 0)
    {
      valid_from = okc_booking_get_check_in (booking);
      valid_to = okc_booking_get_check_out (booking);
    }
  if (valid_from < 0 || valid_to < 0)
    {
      reply_invalid (request, valid_from < 0 ? "valid_from" : "valid_to", "is before 1970");
      return;
    }
  if (valid_from != 0 && valid_to != 0 && valid_to <= valid_from)
    {
      reply_invalid (request, "valid_to", "must be after valid_from");
      return;
    }

  grant = okc_access_grant_new (okc_charger_get_id (charger), account.id, account.name,
                                account.email);
  okc_access_grant_set_dates (grant, valid_from, valid_to);
  okc_access_grant_set_booking_id (grant, booking != NULL ? okc_booking_get_id (booking) : NULL);
  okc_access_grant_set_ticket_id (grant, ticket_id);
  stored = okc_backend_access_grant (request->db, okc_user_get_id (request->user), grant,
                                     request->now, &error);
  if (stored == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  root = okc_access_grant_to_json (stored);
  okc_backend_reply_json (request->msg, SOUP_STATUS_CREATED, root);
}

static void
revocations_post_cb (OkcBackendRequest *request)
{
  static const char * const allowed[] = { "account", "ticket_id", NULL };
  g_auto(OkcBackendAccount) account = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = load_charger (request);
  g_autoptr(OkcAccessGrant) revoked = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *ticket_id = NULL;
  JsonObject *body;

  if (charger == NULL || (body = read_body (request, allowed)) == NULL ||
      !read_account (request, body, okc_charger_get_id (charger), &account) ||
      !read_ticket (request, body, &ticket_id))
    return;
  revoked = okc_backend_access_revoke (request->db, okc_user_get_id (request->user),
                                       okc_charger_get_id (charger), account.id, ticket_id,
                                       request->now, &error);
  if (revoked == NULL)
    {
      if (error != NULL)
        okc_backend_reply_internal_error (request->msg, error);
      else
        okc_backend_reply_error (request->msg, SOUP_STATUS_NOT_FOUND, "not_found", "account",
                                 "%s (%s) is not on the access list of %s", account.name,
                                 account.id, okc_charger_get_id (charger));
      return;
    }
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "revoked");
  json_builder_add_value (builder, okc_access_grant_to_json (revoked));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

static void
bookings_get_cb (OkcBackendRequest *request)
{
  g_auto(OkcBackendAccount) account = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!g_str_has_prefix (request->param, "ACC-") ||
      !okc_backend_access_find_account (request->db, NULL, request->param, &account, &error) ||
      account.id == NULL)
    {
      if (error != NULL)
        okc_backend_reply_internal_error (request->msg, error);
      else
        okc_backend_reply_not_found (request->msg, "account", request->param);
      return;
    }
  root = okc_backend_access_list_bookings (request->db, account.id, &error);
  if (root == NULL)
    okc_backend_reply_internal_error (request->msg, error);
  else
    okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

/* A free connector: @wanted when it is free, else the first one free; NULL with the
 * reason in @out_why. */
static OkcSimConnector *
free_connector (OkcSimCharger  *charger,
                guint           wanted,
                char          **out_why)
{
  if (!okc_sim_charger_is_reachable (charger) || charger->status == OKC_CHARGER_STATUS_OFFLINE)
    {
      *out_why = g_strdup_printf ("%s is not reachable: it cannot start a session", charger->id);
      return NULL;
    }
  for (guint i = 0; i < charger->connectors->len; i++)
    {
      OkcSimConnector *c = g_ptr_array_index (charger->connectors, i);

      if ((wanted == 0 || c->id == wanted) && c->session_id == NULL && !c->inoperative &&
          c->status == OKC_CONNECTOR_STATUS_AVAILABLE)
        return c;
    }
  *out_why = wanted != 0
               ? g_strdup_printf ("Connector %u of %s is not free", wanted, charger->id)
               : g_strdup_printf ("No connector of %s is free", charger->id);
  return NULL;
}

/* Starts the guest's session on the simulated charger, as its app's Start would, in one
 * transaction with `charger.updated` and the audit record `simulator.authorize`. Answers
 * 409 when the charger cannot start one; returns the session's id, or NULL when it
 * answered. */
static char *
start_session (OkcBackendRequest       *request,
               const char              *charger_id,
               guint                    connector_id,
               const OkcBackendAccount *account)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcSimCharger) charger = NULL;
  g_autofree char *why = NULL;
  OkcBackendFleetWorld world;
  OkcSimConnector *c;

  okc_backend_fleet_world_init (&world, request->db);
  if (!okc_backend_db_begin (request->db, &error) ||
      (charger = okc_backend_fleet_store_load (request->db, charger_id, &error)) == NULL)
    goto failed;
  if (connector_id > 0 && okc_sim_charger_get_connector (charger, connector_id) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s has no connector %u", charger_id,
                                                  connector_id);
      okc_backend_db_rollback (request->db);
      reply_invalid (request, "connector_id", message);
      return NULL;
    }
  c = free_connector (charger, connector_id, &why);
  if (c == NULL)
    {
      okc_backend_db_rollback (request->db);
      okc_backend_reply_error (request->msg, SOUP_STATUS_CONFLICT, "charger_unavailable", NULL,
                               "%s", why);
      return NULL;
    }
  okc_sim_charger_start_session (charger, &world.world, c, account->id, request->now);
  {
    g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
    g_autoptr(JsonNode) after = NULL;

    json_builder_begin_object (builder);
    okc_json_builder_add_string (builder, "account_id", account->id);
    json_builder_set_member_name (builder, "connector_id");
    json_builder_add_int_value (builder, c->id);
    okc_json_builder_add_string (builder, "session_id", c->session_id);
    json_builder_end_object (builder);
    after = json_builder_get_root (builder);
    if (!okc_backend_fleet_store_save (request->db, charger, request->now, &error) ||
        !okc_backend_chargers_announce (request->db, charger_id, request->now, &error) ||
        !okc_backend_audit_record (request->db, request->now, okc_user_get_id (request->user),
                                   "simulator.authorize", "charger", charger_id, NULL, NULL,
                                   after, &error) ||
        !okc_backend_db_commit (request->db, &error))
      goto failed;
  }
  return g_strdup (c->session_id);

failed:
  okc_backend_db_rollback (request->db);
  if (error == NULL)
    g_set_error (&error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE,
                 "charger %s has no simulated state", charger_id);
  okc_backend_reply_internal_error (request->msg, error);
  return NULL;
}

static void
authorize_cb (OkcBackendRequest *request)
{
  static const char * const allowed[] = { "account", "connector_id", NULL };
  g_auto(OkcBackendAccount) account = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = load_charger (request);
  g_autoptr(OkcChargerAccess) access = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *session_id = NULL;
  gint64 connector_id = 0;
  JsonObject *body;

  if (charger == NULL || (body = read_body (request, allowed)) == NULL ||
      !read_account (request, body, okc_charger_get_id (charger), &account))
    return;
  if (!okc_json_read_int64 (body, NULL, "connector_id", OKC_JSON_OPTIONAL, &connector_id, &error))
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return;
    }
  if (connector_id < 0 || connector_id > G_MAXUINT16)
    {
      reply_invalid (request, "connector_id", "is not a connector number");
      return;
    }
  access = okc_backend_access_judge (request->db, charger, &account, request->now, &error);
  if (access == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }
  if (okc_charger_access_get_allowed (access))
    {
      session_id = start_session (request, okc_charger_get_id (charger), (guint) connector_id,
                                  &account);
      if (session_id == NULL)
        return;
    }

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "accepted");
  json_builder_add_boolean_value (builder, session_id != NULL);
  json_builder_set_member_name (builder, "access");
  json_builder_add_value (builder, okc_charger_access_to_json (access));
  okc_json_builder_add_string (builder, "session_id", session_id);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  okc_backend_reply_json (request->msg, SOUP_STATUS_OK, root);
}

/* Only with --simulator-control, like the simulator's faults. */
void
okc_backend_access_simulator_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/simulator/chargers/{id}/authorize",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_JSON_BODY,
                                authorize_cb);
}

void
okc_backend_access_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_PUT, "/v1/chargers/{id}/access-policy",
                                OKC_BACKEND_ACCESS_STAFF,
                                OKC_BACKEND_ROUTE_JSON_BODY | OKC_BACKEND_ROUTE_IDEMPOTENT,
                                policy_put_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/chargers/{id}/access-grants",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, grants_get_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/chargers/{id}/access-grants",
                                OKC_BACKEND_ACCESS_STAFF,
                                OKC_BACKEND_ROUTE_JSON_BODY | OKC_BACKEND_ROUTE_IDEMPOTENT,
                                grants_post_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/chargers/{id}/access-revocations",
                                OKC_BACKEND_ACCESS_STAFF,
                                OKC_BACKEND_ROUTE_JSON_BODY | OKC_BACKEND_ROUTE_IDEMPOTENT,
                                revocations_post_cb);
  okc_backend_server_add_route (server, SOUP_METHOD_GET, "/v1/accounts/{id}/bookings",
                                OKC_BACKEND_ACCESS_STAFF, OKC_BACKEND_ROUTE_NONE, bookings_get_cb);
}
