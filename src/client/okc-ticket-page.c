/* okc-ticket-page.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "okc-ticket-page.h"
#include <inttypes.h>

struct _OkcTicketPage
{
  GObject parent_instance;

  GPtrArray *tickets;
  char *next_cursor;
  gint64 total;
  gint64 server_time;
};

G_DEFINE_FINAL_TYPE (OkcTicketPage, okc_ticket_page, G_TYPE_OBJECT)

static void
okc_ticket_page_finalize (GObject *object)
{
  OkcTicketPage *self = OKC_TICKET_PAGE (object);

  g_clear_pointer (&self->tickets, g_ptr_array_unref);
  g_free (self->next_cursor);

  G_OBJECT_CLASS (okc_ticket_page_parent_class)->finalize (object);
}

static void
okc_ticket_page_class_init (OkcTicketPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_ticket_page_finalize;
}

static void
okc_ticket_page_init (OkcTicketPage *self)
{
  self->tickets = g_ptr_array_new_with_free_func (g_object_unref);
}

/* The contract says next_cursor is always there, a string or null: a missing member is
 * a different backend than the one this console was written against. */
static gboolean
read_next_cursor (OkcTicketPage  *self,
                  JsonObject     *object,
                  GError        **error)
{
  const char *cursor = NULL;

  if (!json_object_has_member (object, "next_cursor"))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, "next_cursor",
                          "is missing (a string, or null on the last page)");
      return FALSE;
    }
  if (!okc_json_read_string (object, NULL, "next_cursor", OKC_JSON_OPTIONAL, &cursor, error))
    return FALSE;
  if (cursor != NULL && *cursor == '\0')
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "next_cursor", "is empty");
      return FALSE;
    }

  self->next_cursor = g_strdup (cursor);
  return TRUE;
}

/**
 * okc_ticket_page_new_from_json:
 * @node: {"tickets": [Ticket], "next_cursor": string or null, "total": int}
 * @server_time: the backend's clock when it answered (its Date header), in seconds since
 *   the epoch, or -1 if unknown
 *
 * Decodes strictly: every ticket as okc_ticket_new_from_json() does, with its index in
 * the error's path ("tickets[3].created_at").
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with an #OKC_DATA_ERROR.
 */
OkcTicketPage *
okc_ticket_page_new_from_json (JsonNode  *node,
                               gint64     server_time,
                               GError   **error)
{
  g_autoptr(OkcTicketPage) self = g_object_new (OKC_TYPE_TICKET_PAGE, NULL);
  JsonObject *object;
  JsonArray *tickets = NULL;
  guint n;

  self->server_time = server_time;

  object = okc_json_node_get_object (node, NULL, error);
  if (object == NULL ||
      !okc_json_read_array (object, NULL, "tickets", OKC_JSON_REQUIRED, &tickets, error) ||
      !read_next_cursor (self, object, error) ||
      !okc_json_read_int64 (object, NULL, "total", OKC_JSON_REQUIRED, &self->total, error))
    return NULL;

  n = json_array_get_length (tickets);
  if (self->total < n)
    {
      okc_data_error_set_plural (error, OKC_DATA_ERROR_INVALID, "total",
                                 "is %" PRId64 ", fewer than the %u ticket of this page",
                                 "is %" PRId64 ", fewer than the %u tickets of this page", n,
                                 self->total, n);
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = okc_json_path_index ("tickets", i);
      OkcTicket *ticket = okc_ticket_new_from_json (json_array_get_element (tickets, i), path,
                                                    error);
      if (ticket == NULL)
        return NULL;
      g_ptr_array_add (self->tickets, ticket);
    }

  return g_steal_pointer (&self);
}

/**
 * okc_ticket_page_get_tickets:
 * @self: a page
 *
 * Returns: (transfer none) (element-type OkcTicket): the tickets, in the listing's order.
 */
GPtrArray *
okc_ticket_page_get_tickets (OkcTicketPage *self)
{
  g_return_val_if_fail (OKC_IS_TICKET_PAGE (self), NULL);
  return self->tickets;
}

/**
 * okc_ticket_page_get_next_cursor:
 * @self: a page
 *
 * Returns: (nullable): the cursor of the next page, or %NULL on the last page.
 */
const char *
okc_ticket_page_get_next_cursor (OkcTicketPage *self)
{
  g_return_val_if_fail (OKC_IS_TICKET_PAGE (self), NULL);
  return self->next_cursor;
}

/**
 * okc_ticket_page_get_total:
 * @self: a page
 *
 * Returns: how many tickets match the query's filters, across all pages.
 */
gint64
okc_ticket_page_get_total (OkcTicketPage *self)
{
  g_return_val_if_fail (OKC_IS_TICKET_PAGE (self), 0);
  return self->total;
}

/**
 * okc_ticket_page_get_newest_update:
 * @self: a page
 *
 * Returns: the latest updated_at of the page's tickets, or -1 if the page is empty.
 */
gint64
okc_ticket_page_get_newest_update (OkcTicketPage *self)
{
  gint64 newest = -1;

  g_return_val_if_fail (OKC_IS_TICKET_PAGE (self), -1);

  for (guint i = 0; i < self->tickets->len; i++)
    newest = MAX (newest, okc_ticket_get_updated_at (g_ptr_array_index (self->tickets, i)));
  return newest;
}

/**
 * okc_ticket_page_get_server_time:
 * @self: a page
 *
 * The backend's own clock when it answered: a sync mark taken from updated_at never
 * needs to be later than this, whatever the clocks of the tickets' data say.
 *
 * Returns: seconds since the epoch, or -1 if the backend did not say (no Date header).
 */
gint64
okc_ticket_page_get_server_time (OkcTicketPage *self)
{
  g_return_val_if_fail (OKC_IS_TICKET_PAGE (self), -1);
  return self->server_time;
}
