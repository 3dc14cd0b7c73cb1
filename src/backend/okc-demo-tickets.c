/* okc-demo-tickets.c — demo tickets for the ten topics, consistent with the fleet data
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-demo-tickets.h"

#include <string.h>

#include "okc-backend-blobs.h"
#include "okc-backend-handoff.h"
#include "okc-demo-transcripts.h"
#include "okc-sla.h"

#define MINUTE 60
#define HOUR (60 * 60)
#define DAY (24 * 60 * 60)

/* How often each topic comes up, in the article's order. */
static const guint topic_weights[OKC_N_TOPICS] = { 14, 13, 10, 16, 9, 8, 6, 7, 11, 6 };

/* The support team of okc-demo-generator.c: four agents, then the supervisor. */
static const char * const agent_ids[] = { "USR-0001", "USR-0002", "USR-0003", "USR-0004" };
static const char supervisor_id[] = "USR-0005";

typedef struct
{
  OkcDemoWorld *world;
  OkcBackendDb *db;
  gint64 next_attachment;
} Generation;

static OkcDemoRandom *
rng (OkcDemoWorld *world)
{
  return &world->random;
}

static void
draft_clear (OkcDemoDraft *draft)
{
  g_clear_pointer (&draft->fields, json_object_unref);
  g_clear_pointer (&draft->summary, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OkcDemoDraft, draft_clear)

/* A realistic share of tickets lack a detail the article asks for: the customer did
 * not know it, or left before the chatbot got it. */
static void
drop_fields (OkcDemoWorld *world,
             OkcDemoDraft *draft)
{
  guint n_drops = okc_demo_random_chance (rng (world), 22)
                    ? (okc_demo_random_chance (rng (world), 20) ? 2 : 1)
                    : 0;

  if (draft->planted)
    return;

  for (guint d = 0; d < n_drops; d++)
    {
      g_autoptr(GPtrArray) present = g_ptr_array_new ();

      for (guint i = 0; i < draft->topic->n_fields; i++)
        {
          const OkcTopicField *field = &draft->topic->fields[i];
          if (field->required && json_object_has_member (draft->fields, field->key))
            g_ptr_array_add (present, (gpointer) field->key);
        }
      if (present->len <= 1)
        return;
      json_object_remove_member (
        draft->fields, g_ptr_array_index (present, okc_demo_random_below (rng (world),
                                                                          present->len)));
    }
}

static const char *
qr_image (Generation  *gen,
          guint        charger,
          GError     **error)
{
  OkcDemoWorld *world = gen->world;

  if (world->qr_images[charger] == NULL)
    {
      g_autoptr(GBytes) png = okc_demo_images_qr_label (OKC_DEMO_CHARGER (world, charger)->id);
      world->qr_images[charger] = okc_backend_blobs_put (gen->db, png, error);
    }
  return world->qr_images[charger];
}

static const char *
screen_image (Generation     *gen,
              OkcDemoScreen   screen,
              GError        **error)
{
  GPtrArray *screenshots = gen->world->screenshots;

  if (g_ptr_array_index (screenshots, screen) == NULL)
    {
      g_autoptr(GBytes) png = okc_demo_images_error_screen (screen);
      g_ptr_array_index (screenshots, screen) = okc_backend_blobs_put (gen->db, png, error);
    }
  return g_ptr_array_index (screenshots, screen);
}

/* Adds an attachment of the stored image @sha256; NULL means that storing the image
 * failed, with @error set. */
static gboolean
attach (Generation           *gen,
        OkcBackendTicketRow  *row,
        const char           *kind,
        const char           *filename,
        const char           *sha256,
        GError              **error)
{
  g_autoptr(OkcBackendStmt) stmt = NULL;
  OkcBackendAttachmentRow *attachment;

  if (sha256 == NULL)
    return FALSE;
  stmt = okc_backend_db_prepare (gen->db, "SELECT length(data) FROM blobs WHERE sha256 = ?", error);
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, sha256);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return okc_backend_db_set_error (gen->db, error);

  attachment = okc_backend_ticket_row_add_attachment (row);
  attachment->seq = gen->next_attachment++;
  attachment->kind = g_strdup (kind);
  attachment->filename = g_strdup (filename);
  attachment->media_type = g_strdup ("image/png");
  attachment->sha256 = g_strdup (sha256);
  attachment->size = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
add_attachments (Generation           *gen,
                 const OkcDemoDraft   *draft,
                 OkcBackendTicketRow  *row,
                 GError              **error)
{
  if (draft->has_screen &&
      !attach (gen, row, "error_screenshot", "screenshot.png",
               screen_image (gen, draft->screen, error), error))
    return FALSE;
  if (draft->qr_photo &&
      !attach (gen, row, "qr_photo", "qr-label.png", qr_image (gen, (guint) draft->charger, error),
               error))
    return FALSE;
  return TRUE;
}

static void
set_requester (OkcDemoWorld        *world,
               const OkcDemoDraft  *draft,
               OkcBackendTicketRow *row)
{
  const OkcDemoAccount *account = OKC_DEMO_ACCOUNT (world, draft->account);

  row->requester.name = g_strdup (account->name);
  row->requester.email = g_strdup (account->email);
  row->requester.phone = g_strdup (account->phone);
  row->requester.audience = account->is_host ? OKC_AUDIENCE_HOST : OKC_AUDIENCE_GUEST;
}

/* Links as the hand-off does: to the property named, else to the identified charger's. */
static void
set_links (OkcDemoWorld        *world,
           const OkcDemoDraft  *draft,
           OkcBackendTicketRow *row)
{
  gboolean named = json_object_has_member (draft->fields, "property_name") ||
                   json_object_has_member (draft->fields, "account_or_property");
  gboolean charger_known = draft->charger >= 0 &&
                           (json_object_has_member (draft->fields, "charger_id") ||
                            json_object_has_member (draft->fields, "charger_serial") ||
                            draft->qr_photo);
  const char *name = named && json_object_has_member (draft->fields, "account_or_property")
                       ? json_object_get_string_member (draft->fields, "account_or_property")
                       : NULL;
  gboolean name_is_property = draft->property >= 0 &&
                              (name == NULL ||
                               g_str_equal (name, OKC_DEMO_PROPERTY (world, draft->property)->name));

  if (charger_known)
    row->charger_id = g_strdup (OKC_DEMO_CHARGER (world, draft->charger)->id);
  if (named && name_is_property)
    row->property_id = g_strdup (OKC_DEMO_PROPERTY (world, draft->property)->id);
  else if (charger_known && OKC_DEMO_CHARGER (world, draft->charger)->property >= 0)
    row->property_id = g_strdup (
      OKC_DEMO_PROPERTY (world, OKC_DEMO_CHARGER (world, draft->charger)->property)->id);
}

static OkcBackendChargerStatus
charger_status (OkcDemoWorld        *world,
                const OkcBackendTicketRow *row,
                const OkcDemoDraft  *draft)
{
  const char *status;

  if (row->charger_id == NULL)
    return OKC_BACKEND_CHARGER_UNKNOWN;
  status = OKC_DEMO_CHARGER (world, draft->charger)->status;
  return g_str_equal (status, "online")    ? OKC_BACKEND_CHARGER_ONLINE
         : g_str_equal (status, "offline") ? OKC_BACKEND_CHARGER_OFFLINE
                                           : OKC_BACKEND_CHARGER_FAULTED;
}

static const char *
status_nick (OkcTicketStatus status)
{
  return okc_enum_to_nick (OKC_TYPE_TICKET_STATUS, status);
}

/* How long support takes to resolve a ticket, in thousandths of its SLA target: most are
 * done well within it, some late, a few very late. Whether a ticket is still open at
 * world->now follows from this and its age alone, so the open queue and its share of
 * breaches are the same for any ticket count and any window: a ticket is breached at
 * now only if it is late and not yet resolved. */
static gint64
resolve_permille (OkcDemoWorld *world)
{
  if (okc_demo_random_chance (rng (world), 88))
    return okc_demo_random_range (rng (world), 50, 1000);
  if (okc_demo_random_chance (rng (world), 70))
    return okc_demo_random_range (rng (world), 1000, 1500);
  return okc_demo_random_range (rng (world), 1500, 6000);
}

/* Whoever works a ticket holds it and has touched it since. The timeline tells the same
 * story, one change a version: taken (claimed and opened) after a while, maybe
 * escalated, then moved to its status at updated_at. A ticket is resolved once its
 * resolution time has passed; until it is claimed it is new; in between it is open,
 * waiting for approval (money) or waiting for the customer (the clock paused). */
static void
set_workflow (OkcDemoWorld        *world,
              OkcBackendTicketRow *row)
{
  static const guint weights[] = { 26, 12, 8 };
  static const OkcTicketStatus worked_statuses[] = { OKC_TICKET_STATUS_OPEN,
                                                     OKC_TICKET_STATUS_WAITING_APPROVAL,
                                                     OKC_TICKET_STATUS_WAITING_CUSTOMER };
  gint64 target = (gint64) okc_sla_policy_lookup (row->topic, row->priority)
                    ->resolve_within_minutes * MINUTE;
  gint64 resolve_after = target * resolve_permille (world) / 1000;
  gint64 claim_after = MAX (2 * MINUTE,
                            resolve_after * okc_demo_random_range (rng (world), 3, 25) / 100);
  gint64 age = world->now - row->created_at;
  gint64 taken_at;
  gboolean money = g_str_equal (row->topic->id, "billing-dispute") ||
                   g_str_equal (row->topic->id, "cost-breakdown");
  gboolean escalate;
  OkcTicketStatus status;
  const char *worker;

  if (resolve_after <= age - 30)
    status = OKC_TICKET_STATUS_RESOLVED;
  else if (claim_after >= age)
    status = OKC_TICKET_STATUS_NEW;
  else
    status = worked_statuses[okc_demo_random_weighted (rng (world), weights,
                                                       G_N_ELEMENTS (weights))];
  if (status == OKC_TICKET_STATUS_WAITING_APPROVAL && !money)
    status = OKC_TICKET_STATUS_OPEN;
  row->status = status;
  if (status == OKC_TICKET_STATUS_NEW)
    {
      row->updated_at = row->created_at;
      row->version = 1;
      return;
    }

  if (status != OKC_TICKET_STATUS_OPEN || okc_demo_random_chance (rng (world), 85))
    row->assignee_id = g_strdup (okc_demo_random_chance (rng (world), 10)
                                   ? supervisor_id
                                   : OKC_DEMO_PICK (rng (world), agent_ids));
  worker = row->assignee_id != NULL ? row->assignee_id : OKC_DEMO_PICK (rng (world), agent_ids);
  taken_at = row->created_at + claim_after;
  if (status == OKC_TICKET_STATUS_RESOLVED)
    row->updated_at = row->created_at + resolve_after;
  else
    row->updated_at = MIN (world->now - 30,
                           taken_at + (world->now - taken_at) *
                                        okc_demo_random_range (rng (world), 20, 100) / 100);
  row->updated_at = MAX (row->updated_at, taken_at);
  /* Agents escalate a few tickets, never to urgent: that one is the fleet data's call. */
  escalate = row->priority < OKC_PRIORITY_HIGH && okc_demo_random_chance (rng (world), 8);

  /* Only taken: that was the last change. */
  if (status == OKC_TICKET_STATUS_OPEN && !escalate)
    taken_at = row->updated_at;
  if (row->assignee_id != NULL)
    okc_backend_ticket_row_add_event (row, "assigned", taken_at, worker, NULL, row->assignee_id);
  okc_backend_ticket_row_add_event (row, "status_changed", taken_at, worker,
                                    status_nick (OKC_TICKET_STATUS_NEW),
                                    status_nick (OKC_TICKET_STATUS_OPEN));
  row->version = 2;
  if (escalate)
    {
      gint64 at = status == OKC_TICKET_STATUS_OPEN ? row->updated_at
                                                   : (taken_at + row->updated_at) / 2;

      okc_backend_ticket_row_add_event (row, "priority_changed", at, worker,
                                        okc_enum_to_nick (OKC_TYPE_PRIORITY, row->priority),
                                        okc_enum_to_nick (OKC_TYPE_PRIORITY, row->priority + 1));
      row->priority++;
      row->version++;
    }
  if (status != OKC_TICKET_STATUS_OPEN)
    {
      okc_backend_ticket_row_add_event (row, "status_changed", row->updated_at, worker,
                                        status_nick (OKC_TICKET_STATUS_OPEN), status_nick (status));
      row->version++;
    }
}

static OkcBackendTicketRow *
make_row (Generation    *gen,
          OkcDemoDraft  *draft,
          guint          index,
          GError       **error)
{
  OkcDemoWorld *world = gen->world;
  g_autoptr(OkcBackendTicketRow) row = okc_backend_ticket_row_new ();
  g_autofree char *first_name = NULL;
  OkcDemoConversation conversation = { 0 };

  row->seq = index + 1;
  row->topic = draft->topic;
  row->summary = g_strdup (draft->summary);
  row->fields = json_object_ref (draft->fields);
  row->created_at = draft->created_at;
  set_requester (world, draft, row);
  set_links (world, draft, row);
  row->priority = okc_backend_handoff_priority (draft->topic, charger_status (world, row, draft));
  if (!add_attachments (gen, draft, row, error))
    return NULL;

  first_name = g_strndup (row->requester.name, strcspn (row->requester.name, " "));
  conversation.topic = draft->topic;
  conversation.first_name = first_name;
  conversation.is_host = row->requester.audience == OKC_AUDIENCE_HOST;
  conversation.fields = draft->fields;
  conversation.sent_photo = draft->qr_photo;
  conversation.screen_title = draft->has_screen ? okc_demo_screen_get_title (draft->screen) : NULL;
  conversation.created_at = draft->created_at;
  g_ptr_array_extend_and_steal (row->messages,
                                okc_demo_transcript_new (rng (world), &conversation));

  set_workflow (world, row);
  return g_steal_pointer (&row);
}

static const OkcTopic *
pick_topic (OkcDemoWorld *world,
            guint         index)
{
  guint n_topics;
  const OkcTopic *topics = okc_topic_get_all (&n_topics);

  /* The first ten cover every topic, so that even a small data set has them all. */
  if (index < n_topics)
    return &topics[index];
  return &topics[okc_demo_random_weighted (rng (world), topic_weights, n_topics)];
}

static gboolean
store_ticket (Generation  *gen,
              guint        index,
              GError     **error)
{
  g_auto(OkcDemoDraft) draft = { 0 };
  g_autoptr(OkcBackendTicketRow) row = NULL;

  draft.topic = pick_topic (gen->world, index);
  draft.fields = json_object_new ();
  okc_demo_topics_fill (gen->world, &draft);
  drop_fields (gen->world, &draft);

  row = make_row (gen, &draft, index, error);
  return row != NULL && okc_backend_tickets_insert (gen->db, row, error);
}

/**
 * okc_demo_tickets_store:
 *
 * Generates and stores @world's tickets, TCK-000001 onwards. Call it inside the
 * generator's transaction, after okc_demo_fleet_store().
 */
gboolean
okc_demo_tickets_store (OkcDemoWorld  *world,
                        OkcBackendDb  *db,
                        GError       **error)
{
  Generation gen = { world, db, 1 };

  world->qr_images = g_new0 (char *, world->chargers->len);
  g_ptr_array_set_size (world->screenshots, OKC_DEMO_N_SCREENS);
  for (guint i = 0; i < world->n_tickets; i++)
    if (!store_ticket (&gen, i, error))
      return FALSE;
  return TRUE;
}
