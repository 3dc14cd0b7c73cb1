/* okc-queue-folder.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-queue-folder.h"

struct _OkcQueueFolder
{
  GObject parent_instance;

  OkcQueueFolderKind kind;
  char *id;
  char *title;
  char *icon_name;
  const OkcTopic *topic;
  guint count;
};

G_DEFINE_FINAL_TYPE (OkcQueueFolder, okc_queue_folder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
okc_queue_folder_finalize (GObject *object)
{
  OkcQueueFolder *self = OKC_QUEUE_FOLDER (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->icon_name);

  G_OBJECT_CLASS (okc_queue_folder_parent_class)->finalize (object);
}

static void
okc_queue_folder_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OkcQueueFolder *self = OKC_QUEUE_FOLDER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_queue_folder_class_init (OkcQueueFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_queue_folder_finalize;
  object_class->get_property = okc_queue_folder_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_queue_folder_init (OkcQueueFolder *self)
{
}

static OkcQueueFolder *
folder_new (OkcQueueFolderKind  kind,
            const char         *id,
            const char         *title,
            const char         *icon_name,
            const OkcTopic     *topic)
{
  OkcQueueFolder *self = g_object_new (OKC_TYPE_QUEUE_FOLDER, NULL);

  self->kind = kind;
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->icon_name = g_strdup (icon_name);
  self->topic = topic;
  return self;
}

/* Icons from the Adwaita icon theme, one a topic, so the sidebar scans by shape too. */
static const char *
topic_icon_name (const OkcTopic *topic)
{
  static const char * const icons[] = {
    "network-offline-symbolic",          /* charger-offline */
    "battery-caution-symbolic",          /* not-charging */
    "action-unavailable-symbolic",       /* no-permission */
    "emblem-important-symbolic",         /* billing-dispute */
    "accessories-calculator-symbolic",   /* cost-breakdown */
    "user-trash-symbolic",               /* cancel-or-delete */
    "mail-unread-symbolic",              /* change-email */
    "go-home-symbolic",                  /* charger-assignment */
    "camera-photo-symbolic",             /* guest-cannot-start */
    "x-office-spreadsheet-symbolic",     /* payouts-reporting */
  };

  g_assert (topic->number >= 1 && topic->number <= G_N_ELEMENTS (icons));
  return icons[topic->number - 1];
}

/**
 * okc_queue_folder_list_standard:
 *
 * Returns: (transfer full): the sidebar's folders: all open, unassigned, mine, breaching
 *   SLA, waiting for the customer, and one a topic in the article's order.
 */
GListStore *
okc_queue_folder_list_standard (void)
{
  GListStore *folders = g_list_store_new (OKC_TYPE_QUEUE_FOLDER);
  const OkcTopic *topics;
  guint n_topics;

#define APPEND(folder)                                                                            \
  G_STMT_START                                                                                    \
  {                                                                                               \
    g_autoptr(OkcQueueFolder) f = folder;                                                         \
    g_list_store_append (folders, f);                                                             \
  }                                                                                               \
  G_STMT_END

  APPEND (folder_new (OKC_QUEUE_FOLDER_ALL_OPEN, "open", _("All open"), "view-list-symbolic", NULL));
  APPEND (folder_new (OKC_QUEUE_FOLDER_UNASSIGNED, "unassigned", _("Unassigned"),
                      "avatar-default-symbolic", NULL));
  APPEND (folder_new (OKC_QUEUE_FOLDER_MINE, "mine", _("Assigned to me"), "starred-symbolic", NULL));
  APPEND (folder_new (OKC_QUEUE_FOLDER_BREACHING, "breaching", _("Breaching SLA"),
                      "alarm-symbolic", NULL));
  APPEND (folder_new (OKC_QUEUE_FOLDER_WAITING_CUSTOMER, "waiting-customer",
                      _("Waiting for customer"), "mail-send-symbolic", NULL));

  topics = okc_topic_get_all (&n_topics);
  for (guint i = 0; i < n_topics; i++)
    {
      g_autofree char *id = g_strconcat ("topic:", topics[i].id, NULL);
      APPEND (folder_new (OKC_QUEUE_FOLDER_TOPIC, id, _(topics[i].short_title),
                          topic_icon_name (&topics[i]), &topics[i]));
    }
#undef APPEND

  return folders;
}

const char *
okc_queue_folder_get_id (OkcQueueFolder *self)
{
  g_return_val_if_fail (OKC_IS_QUEUE_FOLDER (self), NULL);
  return self->id;
}

const char *
okc_queue_folder_get_title (OkcQueueFolder *self)
{
  g_return_val_if_fail (OKC_IS_QUEUE_FOLDER (self), NULL);
  return self->title;
}

const char *
okc_queue_folder_get_icon_name (OkcQueueFolder *self)
{
  g_return_val_if_fail (OKC_IS_QUEUE_FOLDER (self), NULL);
  return self->icon_name;
}

OkcQueueFolderKind
okc_queue_folder_get_kind (OkcQueueFolder *self)
{
  g_return_val_if_fail (OKC_IS_QUEUE_FOLDER (self), OKC_QUEUE_FOLDER_ALL_OPEN);
  return self->kind;
}

/**
 * okc_queue_folder_get_topic:
 *
 * Returns: (nullable): the topic of a topic folder.
 */
const OkcTopic *
okc_queue_folder_get_topic (OkcQueueFolder *self)
{
  g_return_val_if_fail (OKC_IS_QUEUE_FOLDER (self), NULL);
  return self->topic;
}

guint
okc_queue_folder_get_count (OkcQueueFolder *self)
{
  g_return_val_if_fail (OKC_IS_QUEUE_FOLDER (self), 0);
  return self->count;
}

void
okc_queue_folder_set_count (OkcQueueFolder *self,
                            guint           count)
{
  g_return_if_fail (OKC_IS_QUEUE_FOLDER (self));

  if (self->count == count)
    return;
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

/* Breaching SLA gathers what is past its due time and what is about to be (the
 * warning state of docs/sla.md): an agent looks there to prevent breaches, not only to
 * count them. A paused clock (waiting for the customer) is nobody's breach. */
static gboolean
is_breaching (OkcTicket *ticket,
              gint64     now)
{
  OkcSlaState state = okc_sla_get_state (okc_ticket_get_sla_due_at (ticket),
                                         okc_ticket_get_sla_paused (ticket), now);

  return state == OKC_SLA_STATE_WARNING || state == OKC_SLA_STATE_BREACHED;
}

/**
 * okc_queue_folder_matches:
 * @ticket: an open ticket
 * @user_id: (nullable): the signed-in agent, for "Assigned to me"
 * @now: the time the SLA states are read at
 *
 * Returns: %TRUE if @ticket belongs in the folder.
 */
gboolean
okc_queue_folder_matches (OkcQueueFolder *self,
                          OkcTicket      *ticket,
                          const char     *user_id,
                          gint64          now)
{
  g_return_val_if_fail (OKC_IS_QUEUE_FOLDER (self), FALSE);

  switch (self->kind)
    {
    case OKC_QUEUE_FOLDER_ALL_OPEN:
      return TRUE;
    case OKC_QUEUE_FOLDER_UNASSIGNED:
      return okc_ticket_get_assignee_id (ticket) == NULL;
    case OKC_QUEUE_FOLDER_MINE:
      return user_id != NULL && g_strcmp0 (okc_ticket_get_assignee_id (ticket), user_id) == 0;
    case OKC_QUEUE_FOLDER_BREACHING:
      return is_breaching (ticket, now);
    case OKC_QUEUE_FOLDER_WAITING_CUSTOMER:
      return okc_ticket_get_status (ticket) == OKC_TICKET_STATUS_WAITING_CUSTOMER;
    case OKC_QUEUE_FOLDER_TOPIC:
      return okc_ticket_get_topic (ticket) == self->topic;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * okc_queue_folder_depends_on_time:
 *
 * Returns: %TRUE if which tickets the folder holds changes as time passes, with no
 *   change to the tickets: it is to be filtered again when the clock ticks.
 */
gboolean
okc_queue_folder_depends_on_time (OkcQueueFolder *self)
{
  g_return_val_if_fail (OKC_IS_QUEUE_FOLDER (self), FALSE);
  return self->kind == OKC_QUEUE_FOLDER_BREACHING;
}

/**
 * okc_queue_folder_count_all:
 * @folders: a list of #OkcQueueFolder
 * @tickets: a list of #OkcTicket
 *
 * Counts the tickets of every folder in one pass over @tickets.
 */
void
okc_queue_folder_count_all (GListModel *folders,
                            GListModel *tickets,
                            const char *user_id,
                            gint64      now)
{
  guint n_folders = g_list_model_get_n_items (folders);
  guint n_tickets = g_list_model_get_n_items (tickets);
  g_autofree guint *counts = g_new0 (guint, n_folders);
  g_autoptr(GPtrArray) folder_array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint f = 0; f < n_folders; f++)
    g_ptr_array_add (folder_array, g_list_model_get_item (folders, f));

  for (guint t = 0; t < n_tickets; t++)
    {
      g_autoptr(OkcTicket) ticket = g_list_model_get_item (tickets, t);
      for (guint f = 0; f < n_folders; f++)
        if (okc_queue_folder_matches (folder_array->pdata[f], ticket, user_id, now))
          counts[f]++;
    }

  for (guint f = 0; f < n_folders; f++)
    okc_queue_folder_set_count (folder_array->pdata[f], counts[f]);
}
