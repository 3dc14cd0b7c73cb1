/* okc-backend-handoff.c — POST /v1/handoffs: a chatbot hand-off becomes a ticket
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-handoff.h"

#include <string.h>

#include "okc-backend-blobs.h"
#include "okc-backend-events.h"
#include "okc-backend-routes.h"
#include "okc-backend-tickets.h"

/**
 * okc_backend_handoff_priority:
 * @charger_status: the status of the charger the ticket is linked to, if any
 *
 * The priority a new ticket starts with (docs/openapi.yaml, POST /v1/handoffs):
 * a guest who cannot charge at all outranks a question about money, and a charger the
 * fleet data shows offline or faulted makes it urgent.
 *
 * - charger-offline, guest-cannot-start: high; urgent if the charger is offline or
 *   faulted in the fleet data;
 * - payouts-reporting: low (a host's reconciliation, no one stranded);
 * - every other topic: normal.
 */
OkcPriority
okc_backend_handoff_priority (const OkcTopic          *topic,
                              OkcBackendChargerStatus  charger_status)
{
  g_return_val_if_fail (topic != NULL, OKC_PRIORITY_NORMAL);

  if (strcmp (topic->id, "charger-offline") == 0 || strcmp (topic->id, "guest-cannot-start") == 0)
    return charger_status == OKC_BACKEND_CHARGER_OFFLINE ||
               charger_status == OKC_BACKEND_CHARGER_FAULTED
             ? OKC_PRIORITY_URGENT
             : OKC_PRIORITY_HIGH;
  if (strcmp (topic->id, "payouts-reporting") == 0)
    return OKC_PRIORITY_LOW;
  return OKC_PRIORITY_NORMAL;
}

static const char *
get_field_text (const OkcHandoff *handoff,
                const char       *key)
{
  JsonNode *node = json_object_get_member (handoff->fields, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Looks one text column up with the table's NOCASE collation, the text trimmed as a
 * customer types it (" lakeview lofts "). */
static gboolean
lookup_text (OkcBackendDb  *db,
             const char    *sql,
             const char    *value,
             char         **out_id,
             char         **out_extra,
             char         **out_extra2,
             GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql, error);
  g_autofree char *trimmed = g_strstrip (g_strdup (value));
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, trimmed);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_id = g_strdup (okc_backend_stmt_get_text (stmt, 0));
      if (out_extra != NULL)
        *out_extra = g_strdup (okc_backend_stmt_get_text (stmt, 1));
      if (out_extra2 != NULL)
        *out_extra2 = g_strdup (okc_backend_stmt_get_text (stmt, 2));
    }
  else if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

static OkcBackendChargerStatus
parse_charger_status (const char *status)
{
  if (g_strcmp0 (status, "online") == 0)
    return OKC_BACKEND_CHARGER_ONLINE;
  if (g_strcmp0 (status, "offline") == 0)
    return OKC_BACKEND_CHARGER_OFFLINE;
  if (g_strcmp0 (status, "faulted") == 0)
    return OKC_BACKEND_CHARGER_FAULTED;
  return OKC_BACKEND_CHARGER_UNKNOWN;
}

/* Links the ticket to the property named in the fields and to the charger whose ID
 * or serial the customer gave; a charger's own property stands in for an unnamed one. */
static gboolean
link_fleet (OkcBackendDb             *db,
            const OkcHandoff         *handoff,
            OkcBackendTicketRow      *row,
            OkcBackendChargerStatus  *out_charger_status,
            GError                  **error)
{
  static const char charger_by_id[] =
    "SELECT id, property_id, status FROM chargers WHERE id = ? COLLATE NOCASE";
  static const char charger_by_serial[] =
    "SELECT id, property_id, status FROM chargers WHERE serial = ? COLLATE NOCASE";
  static const char property_by_name[] = "SELECT id FROM properties WHERE name = ?";
  const char *property_name = get_field_text (handoff, "property_name");
  const char *charger_id = get_field_text (handoff, "charger_id");
  const char *charger_serial = get_field_text (handoff, "charger_serial");
  g_autofree char *charger_property = NULL;
  g_autofree char *charger_status = NULL;

  if (property_name == NULL)
    property_name = get_field_text (handoff, "account_or_property");
  if (property_name != NULL &&
      !lookup_text (db, property_by_name, property_name, &row->property_id, NULL, NULL, error))
    return FALSE;

  if (charger_id != NULL && !lookup_text (db, charger_by_id, charger_id, &row->charger_id,
                                          &charger_property, &charger_status, error))
    return FALSE;
  if (row->charger_id == NULL && charger_serial != NULL &&
      !lookup_text (db, charger_by_serial, charger_serial, &row->charger_id, &charger_property,
                    &charger_status, error))
    return FALSE;

  if (row->property_id == NULL && charger_property != NULL)
    row->property_id = g_steal_pointer (&charger_property);
  *out_charger_status = parse_charger_status (charger_status);
  return TRUE;
}

static gboolean
store_attachments (OkcBackendDb         *db,
                   const OkcHandoff     *handoff,
                   OkcBackendTicketRow  *row,
                   GError              **error)
{
  gint64 next_seq;

  if (handoff->attachments->len == 0)
    return TRUE;
  next_seq = okc_backend_tickets_next_seq (db, "attachments", error);
  if (next_seq == 0)
    return FALSE;

  for (guint i = 0; i < handoff->attachments->len; i++)
    {
      OkcHandoffAttachment *source = g_ptr_array_index (handoff->attachments, i);
      OkcBackendAttachmentRow *attachment = okc_backend_ticket_row_add_attachment (row);

      attachment->sha256 = okc_backend_blobs_put (db, source->data, error);
      if (attachment->sha256 == NULL)
        return FALSE;
      attachment->seq = next_seq + i;
      attachment->kind = g_strdup (source->kind);
      attachment->filename = g_strdup (source->filename);
      attachment->media_type = g_strdup (source->media_type);
      attachment->size = (gint64) g_bytes_get_size (source->data);
    }
  return TRUE;
}

static void
fill_row (OkcBackendTicketRow *row,
          const OkcHandoff    *handoff,
          gint64               now)
{
  row->topic = handoff->topic;
  row->status = OKC_TICKET_STATUS_NEW;
  row->summary = g_strdup (handoff->summary);
  row->requester.name = g_strdup (handoff->requester.name);
  row->requester.email = g_strdup (handoff->requester.email);
  row->requester.phone = g_strdup (handoff->requester.phone);
  row->requester.audience = handoff->requester.audience;
  row->fields = json_object_ref (handoff->fields);
  row->created_at = now;
  row->updated_at = now;
  row->version = 1;
  for (guint i = 0; i < handoff->transcript->len; i++)
    g_ptr_array_add (row->messages, g_object_ref (g_ptr_array_index (handoff->transcript, i)));
}

static gboolean
store_ticket (OkcBackendDb      *db,
              const OkcHandoff  *handoff,
              gint64             now,
              char             **out_id,
              GError           **error)
{
  g_autoptr(OkcBackendTicketRow) row = okc_backend_ticket_row_new ();
  OkcBackendChargerStatus charger_status = OKC_BACKEND_CHARGER_UNKNOWN;

  fill_row (row, handoff, now);
  row->seq = okc_backend_tickets_next_seq (db, "tickets", error);
  if (row->seq == 0 || !link_fleet (db, handoff, row, &charger_status, error) ||
      !store_attachments (db, handoff, row, error))
    return FALSE;
  row->priority = okc_backend_handoff_priority (handoff->topic, charger_status);

  if (!okc_backend_tickets_insert (db, row, error))
    return FALSE;
  *out_id = okc_backend_ticket_id_for_seq (row->seq);
  return TRUE;
}

/**
 * okc_backend_handoff_create:
 * @handoff: a hand-off that okc_handoff_new_from_json() validated
 *
 * Stores the ticket with status new and version 1, linked to the fleet where it can be.
 *
 * Returns: (transfer full) (nullable): the new ticket as JSON.
 */
JsonNode *
okc_backend_handoff_create (OkcBackendDb      *db,
                            const OkcHandoff  *handoff,
                            gint64             now,
                            GError           **error)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) ticket = NULL;

  if (!okc_backend_db_begin (db, error))
    return NULL;
  if (!store_ticket (db, handoff, now, &id, error) ||
      (ticket = okc_backend_tickets_load (db, id, error)) == NULL ||
      !okc_backend_events_record (db, "ticket.created", id, ticket, now, error) ||
      !okc_backend_db_commit (db, error))
    {
      okc_backend_db_rollback (db);
      return NULL;
    }
  return g_steal_pointer (&ticket);
}

static void
handoff_cb (OkcBackendRequest *request)
{
  g_autoptr(OkcHandoff) handoff = NULL;
  g_autoptr(JsonNode) ticket = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;

  handoff = okc_handoff_new_from_json (request->body, &error);
  if (handoff == NULL)
    {
      okc_backend_reply_invalid_input (request->msg, error);
      return;
    }

  ticket = okc_backend_handoff_create (request->db, handoff, request->now, &error);
  if (ticket == NULL)
    {
      okc_backend_reply_internal_error (request->msg, error);
      return;
    }

  location = g_strconcat ("/v1/tickets/",
                          json_object_get_string_member (json_node_get_object (ticket), "id"),
                          NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Location", location);
  okc_backend_reply_json (request->msg, SOUP_STATUS_CREATED, ticket);
}

void
okc_backend_handoff_routes_register (OkcBackendServer *server)
{
  okc_backend_server_add_route (server, SOUP_METHOD_POST, "/v1/handoffs",
                                OKC_BACKEND_ACCESS_CHATBOT, OKC_BACKEND_ROUTE_JSON_BODY,
                                handoff_cb);
}
