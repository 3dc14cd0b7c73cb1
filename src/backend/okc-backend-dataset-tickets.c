/* okc-backend-dataset-tickets.c — importing a dataset's tickets, decoded by core
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-dataset-private.h"

#include <string.h>

#include "okc-backend-tickets.h"
#include "okc-core.h"

typedef struct
{
  OkcBackendDb *db;
  GHashTable *ids;
  GHashTable *blobs;
  GHashTable *ticket_seqs;
  GHashTable *attachment_seqs;
} TicketImport;

void
okc_dataset_blob_info_free (OkcDatasetBlobInfo *info)
{
  g_bytes_unref (info->head);
  g_free (info);
}

gboolean
okc_dataset_fail (GError     **error,
                  const char  *path,
                  const char  *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "%s", message);
  return FALSE;
}

/* Core tolerates members it does not know in a ticket (a newer backend may add some);
 * a dataset is imported strictly, so that a typo is not silently dropped. */
static gboolean
check_shape (JsonObject  *ticket,
             const char  *path,
             GError     **error)
{
  static const char * const members[] = {
    "id", "topic", "status", "priority", "summary", "requester", "property", "charger_id",
    "assignee", "fields", "attachments", "transcript", "created_at", "updated_at", "version",
    "sla_due_at", "sla_paused", NULL
  };
  static const char * const requester[] = { "name", "email", "phone", "audience", NULL };
  static const char * const message[] = { "sender", "sent_at", "text", NULL };
  g_autofree char *requester_path = okc_json_path_member (path, "requester");
  g_autofree char *transcript_path = okc_json_path_member (path, "transcript");
  JsonArray *transcript = json_object_get_array_member (ticket, "transcript");

  if (!okc_json_check_members (ticket, path, members, error) ||
      !okc_json_check_members (json_object_get_object_member (ticket, "requester"),
                               requester_path, requester, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (transcript); i++)
    {
      g_autofree char *element = okc_json_path_index (transcript_path, i);
      if (!okc_json_check_members (json_array_get_object_element (transcript, i), element,
                                   message, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_reference (TicketImport  *import,
                 const char    *table,
                 const char    *path,
                 const char    *member,
                 const char    *id,
                 const char    *name,
                 GError       **error)
{
  g_autofree char *member_path = okc_json_path_member (path, member);
  g_autofree char *id_path = okc_json_path_member (member_path, "id");
  g_autofree char *name_path = okc_json_path_member (member_path, "name");
  const char *actual_name;

  if (id == NULL)
    return TRUE;
  if (!g_hash_table_lookup_extended (g_hash_table_lookup (import->ids, table), id, NULL,
                                     (gpointer *) &actual_name))
    return okc_dataset_fail (error, id_path, "“%s” is not an id of the data set's %s", id, table);
  if (g_strcmp0 (actual_name, name) != 0)
    return okc_dataset_fail (error, name_path, "is “%s”, but %s is called “%s”", name, id,
                             actual_name);
  return TRUE;
}

static gboolean
check_links (TicketImport  *import,
             OkcTicket     *ticket,
             const char    *path,
             GError       **error)
{
  const char *charger_id = okc_ticket_get_charger_id (ticket);

  if (!check_reference (import, "properties", path, "property",
                        okc_ticket_get_property_id (ticket),
                        okc_ticket_get_property_name (ticket), error) ||
      !check_reference (import, "users", path, "assignee", okc_ticket_get_assignee_id (ticket),
                        okc_ticket_get_assignee_name (ticket), error))
    return FALSE;
  if (charger_id != NULL &&
      !g_hash_table_contains (g_hash_table_lookup (import->ids, "chargers"), charger_id))
    {
      g_autofree char *member = okc_json_path_member (path, "charger_id");
      return okc_dataset_fail (error, member, "“%s” is not an id of the data set's chargers",
                               charger_id);
    }
  if (okc_ticket_get_updated_at (ticket) < okc_ticket_get_created_at (ticket))
    {
      g_autofree char *member = okc_json_path_member (path, "updated_at");
      return okc_dataset_fail (error, member, "is before created_at");
    }
  return TRUE;
}

static gboolean
claim_seq (GHashTable  *taken,
           const char  *id,
           const char  *prefix,
           const char  *path,
           gint64      *out_seq,
           GError     **error)
{
  g_autofree char *member = okc_json_path_member (path, "id");

  if (!okc_backend_id_parse_seq (id, prefix, out_seq))
    return okc_dataset_fail (error, member, "“%s” is not %s followed by a number", id, prefix);
  if (g_hash_table_contains (taken, out_seq))
    return okc_dataset_fail (error, member, "“%s” is the id of an earlier record too", id);
  g_hash_table_add (taken, g_memdup2 (out_seq, sizeof *out_seq));
  return TRUE;
}

static gboolean
read_attachment (TicketImport         *import,
                 OkcAttachment        *attachment,
                 JsonObject           *object,
                 const char           *path,
                 OkcBackendTicketRow  *row,
                 GError              **error)
{
  static const char * const members[] = {
    "id", "kind", "filename", "media_type", "size", "sha256", NULL
  };
  g_autofree char *sha_path = okc_json_path_member (path, "sha256");
  g_autofree char *size_path = okc_json_path_member (path, "size");
  g_autofree char *type_path = okc_json_path_member (path, "media_type");
  OkcBackendAttachmentRow *stored;
  OkcDatasetBlobInfo *blob;
  const char *sha256 = NULL;
  gint64 seq;

  if (!okc_json_check_members (object, path, members, error) ||
      !okc_json_read_string (object, path, "sha256", OKC_JSON_REQUIRED, &sha256, error) ||
      !claim_seq (import->attachment_seqs, okc_attachment_get_id (attachment), "ATT-", path, &seq,
                  error))
    return FALSE;

  blob = g_hash_table_lookup (import->blobs, sha256);
  if (blob == NULL)
    return okc_dataset_fail (error, sha_path, "is not the key of one of the data set's blobs");
  if (blob->size != okc_attachment_get_size (attachment))
    return okc_dataset_fail (error, size_path, "is %" G_GINT64_FORMAT ", the blob's is %"
                             G_GINT64_FORMAT, okc_attachment_get_size (attachment), blob->size);
  if (!okc_image_data_matches_type (blob->head, okc_attachment_get_media_type (attachment)))
    return okc_dataset_fail (error, type_path, "is not the type of the blob's bytes");

  stored = okc_backend_ticket_row_add_attachment (row);
  stored->seq = seq;
  stored->kind = g_strdup (okc_attachment_get_kind (attachment));
  stored->filename = g_strdup (okc_attachment_get_filename (attachment));
  stored->media_type = g_strdup (okc_attachment_get_media_type (attachment));
  stored->sha256 = g_strdup (sha256);
  stored->size = okc_attachment_get_size (attachment);
  return TRUE;
}

static gboolean
read_attachments (TicketImport         *import,
                  OkcTicket            *ticket,
                  JsonObject           *object,
                  const char           *path,
                  OkcBackendTicketRow  *row,
                  GError              **error)
{
  GListModel *attachments = okc_ticket_get_attachments (ticket);
  JsonArray *array = json_object_get_array_member (object, "attachments");
  g_autofree char *array_path = okc_json_path_member (path, "attachments");

  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(OkcAttachment) attachment = g_list_model_get_item (attachments, i);
      g_autofree char *element = okc_json_path_index (array_path, i);

      if (!read_attachment (import, attachment, json_array_get_object_element (array, i),
                            element, row, error))
        return FALSE;
    }
  return TRUE;
}

static void
fill_row (OkcBackendTicketRow *row,
          OkcTicket           *ticket)
{
  const OkcRequester *requester = okc_ticket_get_requester (ticket);
  GListModel *transcript = okc_ticket_get_transcript (ticket);

  row->topic = okc_ticket_get_topic (ticket);
  row->status = okc_ticket_get_status (ticket);
  row->priority = okc_ticket_get_priority (ticket);
  row->summary = g_strdup (okc_ticket_get_summary (ticket));
  row->requester.name = g_strdup (requester->name);
  row->requester.email = g_strdup (requester->email);
  row->requester.phone = g_strdup (requester->phone);
  row->requester.audience = requester->audience;
  row->property_id = g_strdup (okc_ticket_get_property_id (ticket));
  row->charger_id = g_strdup (okc_ticket_get_charger_id (ticket));
  row->assignee_id = g_strdup (okc_ticket_get_assignee_id (ticket));
  row->fields = json_object_ref (okc_ticket_get_fields (ticket));
  row->created_at = okc_ticket_get_created_at (ticket);
  row->updated_at = okc_ticket_get_updated_at (ticket);
  row->version = okc_ticket_get_version (ticket);
  for (guint i = 0; i < g_list_model_get_n_items (transcript); i++)
    g_ptr_array_add (row->messages, g_list_model_get_item (transcript, i));
}

/* The dataset holds the due time; the paused time so far is what it adds to the policy's
 * target. A dataset written before the SLA columns has neither: no pause so far. */
static gboolean
read_sla (OkcTicket            *ticket,
          const char           *path,
          OkcBackendTicketRow  *row,
          GError              **error)
{
  g_autofree char *due_path = okc_json_path_member (path, "sla_due_at");
  g_autofree char *paused_path = okc_json_path_member (path, "sla_paused");
  gint64 due_at = okc_ticket_get_sla_due_at (ticket);
  const OkcSlaTarget *target = okc_sla_policy_lookup (row->topic, row->priority);
  gint64 base = row->created_at + (gint64) target->resolve_within_minutes * 60;

  if (row->status == OKC_TICKET_STATUS_RESOLVED)
    {
      if (due_at != 0)
        return okc_dataset_fail (error, due_path, "must be null for a resolved ticket");
      return TRUE;
    }
  if (okc_ticket_get_sla_paused (ticket) != (row->status == OKC_TICKET_STATUS_WAITING_CUSTOMER))
    return okc_dataset_fail (error, paused_path,
                             "must be true exactly when the status is waiting_customer");
  if (due_at == 0)
    return TRUE;
  if (due_at < base)
    return okc_dataset_fail (error, due_path,
                             "is before created_at plus the SLA target of %u min",
                             target->resolve_within_minutes);
  row->sla_clock.paused_seconds = due_at - base;
  return TRUE;
}

static gboolean
import_ticket (TicketImport  *import,
               JsonNode      *node,
               const char    *path,
               GError       **error)
{
  g_autoptr(OkcTicket) ticket = okc_ticket_new_from_json (node, path, error);
  g_autoptr(OkcBackendTicketRow) row = NULL;
  JsonObject *object;

  if (ticket == NULL)
    return FALSE;
  object = json_node_get_object (node);
  row = okc_backend_ticket_row_new ();
  if (!check_shape (object, path, error) ||
      !claim_seq (import->ticket_seqs, okc_ticket_get_id (ticket), "TCK-", path, &row->seq,
                  error) ||
      !check_links (import, ticket, path, error))
    return FALSE;

  fill_row (row, ticket);
  if (!read_sla (ticket, path, row, error))
    return FALSE;
  if (!read_attachments (import, ticket, object, path, row, error))
    return FALSE;
  if (!okc_backend_tickets_insert (import->db, row, error))
    {
      g_autoptr(GError) db_error = g_steal_pointer (error);
      return okc_dataset_fail (error, path, "cannot be stored: %s", db_error->message);
    }
  return TRUE;
}

/**
 * okc_backend_dataset_import_tickets:
 * @ids: table name → (id → name) of the records imported so far
 * @blobs: sha256 → #OkcDatasetBlobInfo of the blobs imported
 *
 * Each ticket is decoded by core's okc_ticket_new_from_json(), as the console will
 * decode it, then checked against the rest of the data set.
 */
gboolean
okc_backend_dataset_import_tickets (OkcBackendDb  *db,
                                    JsonObject    *root,
                                    GHashTable    *ids,
                                    GHashTable    *blobs,
                                    GError       **error)
{
  TicketImport import = { db, ids, blobs, NULL, NULL };
  JsonArray *tickets = NULL;
  gboolean ok = TRUE;

  if (!okc_json_read_array (root, NULL, "tickets", OKC_JSON_REQUIRED, &tickets, error))
    return FALSE;

  import.ticket_seqs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  import.attachment_seqs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; ok && i < json_array_get_length (tickets); i++)
    {
      g_autofree char *path = okc_json_path_index ("tickets", i);
      ok = import_ticket (&import, json_array_get_element (tickets, i), path, error);
    }
  g_hash_table_unref (import.ticket_seqs);
  g_hash_table_unref (import.attachment_seqs);
  return ok;
}
