/* okc-ticket-query.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "okc-ticket-query.h"

/* The API's bounds for "limit" (docs/api.md). */
#define MAX_LIMIT 500

struct _OkcTicketQuery
{
  guint statuses;   /* bits of 1 << OkcTicketStatus */
  guint priorities; /* bits of 1 << OkcPriority */
  GPtrArray *topics;
  char *assignee;
  gint64 since;
  gboolean has_since;
  OkcTicketSort sort;
  guint limit;
};

G_DEFINE_BOXED_TYPE (OkcTicketQuery, okc_ticket_query, okc_ticket_query_copy,
                     okc_ticket_query_free)

/**
 * okc_ticket_query_new:
 *
 * A query with no filters: every ticket, in the backend's default order and page size.
 *
 * Returns: (transfer full): a new query
 */
OkcTicketQuery *
okc_ticket_query_new (void)
{
  OkcTicketQuery *self = g_new0 (OkcTicketQuery, 1);

  self->topics = g_ptr_array_new_with_free_func (g_free);
  return self;
}

/**
 * okc_ticket_query_copy:
 * @self: a query
 *
 * Returns: (transfer full): a copy of @self
 */
OkcTicketQuery *
okc_ticket_query_copy (const OkcTicketQuery *self)
{
  OkcTicketQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = okc_ticket_query_new ();
  copy->statuses = self->statuses;
  copy->priorities = self->priorities;
  for (guint i = 0; i < self->topics->len; i++)
    g_ptr_array_add (copy->topics, g_strdup (g_ptr_array_index (self->topics, i)));
  copy->assignee = g_strdup (self->assignee);
  copy->since = self->since;
  copy->has_since = self->has_since;
  copy->sort = self->sort;
  copy->limit = self->limit;
  return copy;
}

/**
 * okc_ticket_query_free:
 * @self: (nullable): a query
 *
 * Frees @self.
 */
void
okc_ticket_query_free (OkcTicketQuery *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->topics);
  g_free (self->assignee);
  g_free (self);
}

/**
 * okc_ticket_query_add_status:
 * @self: a query
 * @status: a status to include
 *
 * Restricts the listing to the statuses added; none added means every status.
 */
void
okc_ticket_query_add_status (OkcTicketQuery  *self,
                             OkcTicketStatus  status)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (status <= OKC_TICKET_STATUS_RESOLVED);

  self->statuses |= 1u << status;
}

/**
 * okc_ticket_query_add_open_statuses:
 * @self: a query
 *
 * Adds every status but resolved: the tickets that still need someone.
 */
void
okc_ticket_query_add_open_statuses (OkcTicketQuery *self)
{
  g_return_if_fail (self != NULL);

  for (guint status = 0; status < OKC_TICKET_STATUS_RESOLVED; status++)
    okc_ticket_query_add_status (self, status);
}

/**
 * okc_ticket_query_add_topic:
 * @self: a query
 * @topic_id: a topic's wire name ("charger-offline")
 *
 * Restricts the listing to the topics added; none added means every topic.
 */
void
okc_ticket_query_add_topic (OkcTicketQuery *self,
                            const char     *topic_id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (okc_topic_lookup (topic_id) != NULL);

  for (guint i = 0; i < self->topics->len; i++)
    if (g_str_equal (g_ptr_array_index (self->topics, i), topic_id))
      return;
  g_ptr_array_add (self->topics, g_strdup (topic_id));
}

/**
 * okc_ticket_query_add_priority:
 * @self: a query
 * @priority: a priority to include
 *
 * Restricts the listing to the priorities added; none added means every priority.
 */
void
okc_ticket_query_add_priority (OkcTicketQuery *self,
                               OkcPriority     priority)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (priority <= OKC_PRIORITY_URGENT);

  self->priorities |= 1u << priority;
}

/**
 * okc_ticket_query_set_assignee:
 * @self: a query
 * @assignee: (nullable): a user id, "me", "none", or %NULL for anyone
 */
void
okc_ticket_query_set_assignee (OkcTicketQuery *self,
                               const char     *assignee)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (assignee == NULL || *assignee != '\0');

  g_free (self->assignee);
  self->assignee = g_strdup (assignee);
}

/**
 * okc_ticket_query_set_since:
 * @self: a query
 * @since: seconds since the epoch, or a negative value for no limit
 *
 * Restricts the listing to tickets updated at or after @since (the bound is inclusive).
 */
void
okc_ticket_query_set_since (OkcTicketQuery *self,
                            gint64          since)
{
  g_return_if_fail (self != NULL);

  self->has_since = since >= 0;
  self->since = MAX (since, 0);
}

/**
 * okc_ticket_query_get_since:
 * @self: a query
 *
 * Returns: the lower bound set with okc_ticket_query_set_since(), or -1 if there is none.
 */
gint64
okc_ticket_query_get_since (const OkcTicketQuery *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->has_since ? self->since : -1;
}

/**
 * okc_ticket_query_set_sort:
 * @self: a query
 * @sort: the order of the listing
 */
void
okc_ticket_query_set_sort (OkcTicketQuery *self,
                           OkcTicketSort   sort)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (sort <= OKC_TICKET_SORT_PRIORITY);

  self->sort = sort;
}

/**
 * okc_ticket_query_set_limit:
 * @self: a query
 * @limit: tickets per page, 1 to 500, or 0 for the backend's default
 */
void
okc_ticket_query_set_limit (OkcTicketQuery *self,
                            guint           limit)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (limit <= MAX_LIMIT);

  self->limit = limit;
}

static void
append_parameter (GString    *query,
                  const char *name,
                  const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, ",", FALSE);

  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append_printf (query, "%s=%s", name, escaped);
}

static void
append_enum_set (GString    *query,
                 const char *name,
                 GType       enum_type,
                 guint       bits)
{
  g_autoptr(GString) value = g_string_new (NULL);

  if (bits == 0)
    return;

  for (guint i = 0; i < sizeof bits * 8; i++)
    {
      if ((bits & (1u << i)) == 0)
        continue;
      if (value->len > 0)
        g_string_append_c (value, ',');
      g_string_append (value, okc_enum_to_nick (enum_type, (int) i));
    }
  append_parameter (query, name, value->str);
}

static const char *
sort_to_string (OkcTicketSort sort)
{
  switch (sort)
    {
    case OKC_TICKET_SORT_CREATED_AT:
      return "created_at";
    case OKC_TICKET_SORT_CREATED_AT_DESC:
      return "-created_at";
    case OKC_TICKET_SORT_UPDATED_AT:
      return "updated_at";
    case OKC_TICKET_SORT_UPDATED_AT_DESC:
      return "-updated_at";
    case OKC_TICKET_SORT_PRIORITY:
      return "priority";
    case OKC_TICKET_SORT_DEFAULT:
    default:
      return NULL;
    }
}

/**
 * okc_ticket_query_to_string:
 * @self: a query
 * @cursor: (nullable): the next_cursor of the previous page, or %NULL for the first page
 *
 * Returns: (transfer full): the URL query of GET /v1/tickets for @self, without the
 *   leading "?", its values escaped ("status=new,open&sort=priority&limit=100"); "" when
 *   nothing is set.
 */
char *
okc_ticket_query_to_string (const OkcTicketQuery *self,
                            const char           *cursor)
{
  GString *query;
  const char *sort;

  g_return_val_if_fail (self != NULL, NULL);

  query = g_string_new (NULL);
  append_enum_set (query, "status", OKC_TYPE_TICKET_STATUS, self->statuses);
  if (self->topics->len > 0)
    {
      g_autoptr(GString) topics = g_string_new (NULL);

      for (guint i = 0; i < self->topics->len; i++)
        g_string_append_printf (topics, "%s%s", i > 0 ? "," : "",
                                (const char *) g_ptr_array_index (self->topics, i));
      append_parameter (query, "topic", topics->str);
    }
  append_enum_set (query, "priority", OKC_TYPE_PRIORITY, self->priorities);
  if (self->assignee != NULL)
    append_parameter (query, "assignee", self->assignee);
  if (self->has_since)
    {
      g_autofree char *since = okc_time_format_rfc3339 (self->since);
      append_parameter (query, "since", since);
    }
  sort = sort_to_string (self->sort);
  if (sort != NULL)
    append_parameter (query, "sort", sort);
  if (self->limit > 0)
    {
      char limit[16];

      g_snprintf (limit, sizeof limit, "%u", self->limit);
      append_parameter (query, "limit", limit);
    }
  if (cursor != NULL)
    append_parameter (query, "cursor", cursor);
  return g_string_free (query, FALSE);
}
