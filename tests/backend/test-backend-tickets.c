/* test-backend-tickets.c — GET /v1/tickets paging, sorts, filters; tickets; attachments
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-test-backend.h"

#define N_TICKETS 300

static OkcTestBackend *backend;
static char *agent;
static GPtrArray *everything; /* OkcTicket, as the unfiltered walk returned them */

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

/* Walks every page of GET /v1/tickets?@query, checking each page's shape; returns the
 * tickets in the order served. */
static GPtrArray *
walk (const char *query,
      guint       limit,
      gint64     *out_total)
{
  GPtrArray *tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *cursor = NULL;
  gint64 total = -1;
  guint n_pages = 0;

  do
    {
      g_autofree char *escaped = cursor != NULL ? g_uri_escape_string (cursor, NULL, TRUE) : NULL;
      g_autofree char *path = g_strdup_printf ("/v1/tickets?limit=%u%s%s%s%s", limit,
                                               *query != '\0' ? "&" : "", query,
                                               cursor != NULL ? "&cursor=" : "",
                                               cursor != NULL ? escaped : "");
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
      JsonObject *page = okc_test_response_object (response);
      JsonArray *array = json_object_get_array_member (page, "tickets");

      g_assert_cmpuint (response->status, ==, 200);
      g_assert_cmpuint (json_array_get_length (array), <=, limit);
      if (total >= 0)
        g_assert_cmpint (json_object_get_int_member (page, "total"), ==, total);
      total = json_object_get_int_member (page, "total");

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(GError) error = NULL;
          OkcTicket *ticket = okc_ticket_new_from_json (json_array_get_element (array, i),
                                                        "tickets[]", &error);
          g_assert_no_error (error);
          g_ptr_array_add (tickets, ticket);
        }

      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member_with_default (page, "next_cursor", NULL));
      /* A page that announces another is full. */
      if (cursor != NULL)
        g_assert_cmpuint (json_array_get_length (array), ==, limit);
      g_assert_cmpuint (++n_pages, <=, N_TICKETS + 1);
    }
  while (cursor != NULL);

  g_assert_cmpint (tickets->len, ==, total);
  if (out_total != NULL)
    *out_total = total;
  return tickets;
}

static void
assert_each_once (GPtrArray *tickets)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < tickets->len; i++)
    g_assert_true (g_hash_table_add (seen, (gpointer) okc_ticket_get_id (g_ptr_array_index (tickets, i))));
}

/* Compares two tickets by @sort; ids have the same width, so they compare as text. */
static int
compare (const char *sort,
         OkcTicket  *a,
         OkcTicket  *b)
{
  gint64 ka, kb;
  int by_id = strcmp (okc_ticket_get_id (a), okc_ticket_get_id (b));

  if (g_str_equal (sort, "priority"))
    {
      if (okc_ticket_get_priority (a) != okc_ticket_get_priority (b))
        return okc_ticket_get_priority (a) > okc_ticket_get_priority (b) ? -1 : 1;
      ka = okc_ticket_get_created_at (a), kb = okc_ticket_get_created_at (b);
      return ka != kb ? (ka < kb ? -1 : 1) : by_id;
    }
  if (g_str_has_suffix (sort, "created_at"))
    ka = okc_ticket_get_created_at (a), kb = okc_ticket_get_created_at (b);
  else
    ka = okc_ticket_get_updated_at (a), kb = okc_ticket_get_updated_at (b);
  if (sort[0] == '-')
    return ka != kb ? (ka > kb ? -1 : 1) : -by_id;
  return ka != kb ? (ka < kb ? -1 : 1) : by_id;
}

static void
test_walk_every_sort (void)
{
  static const char * const sorts[] = { NULL, "-created_at", "created_at", "-updated_at",
                                        "updated_at", "priority" };
  static const guint limits[] = { 1, 7, 100, 500 };

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
      {
        g_autofree char *query = sorts[s] != NULL ? g_strdup_printf ("sort=%s", sorts[s])
                                                  : g_strdup ("");
        g_autoptr(GPtrArray) tickets = NULL;
        gint64 total;

        /* Walking one by one is slow; once per sort is enough. */
        if (limits[l] == 1 && s > 1)
          continue;
        g_test_message ("sort %s, limit %u", sorts[s], limits[l]);
        tickets = walk (query, limits[l], &total);
        g_assert_cmpint (total, ==, N_TICKETS);
        assert_each_once (tickets);
        for (guint i = 1; i < tickets->len; i++)
          g_assert_cmpint (compare (sorts[s] != NULL ? sorts[s] : "-created_at",
                                    g_ptr_array_index (tickets, i - 1),
                                    g_ptr_array_index (tickets, i)), <, 0);
      }
}

typedef gboolean (*Predicate) (OkcTicket *ticket);

static gboolean
is_new_or_open (OkcTicket *t)
{
  return okc_ticket_get_status (t) == OKC_TICKET_STATUS_NEW ||
         okc_ticket_get_status (t) == OKC_TICKET_STATUS_OPEN;
}

static gboolean
is_money_topic (OkcTicket *t)
{
  return g_str_equal (okc_ticket_get_topic (t)->id, "billing-dispute") ||
         g_str_equal (okc_ticket_get_topic (t)->id, "cost-breakdown");
}

static gboolean
is_urgent (OkcTicket *t)
{
  return okc_ticket_get_priority (t) == OKC_PRIORITY_URGENT;
}

static gboolean
is_mine (OkcTicket *t)
{
  return g_strcmp0 (okc_ticket_get_assignee_id (t), "USR-0001") == 0;
}

static gboolean
is_unassigned (OkcTicket *t)
{
  return okc_ticket_get_assignee_id (t) == NULL;
}

static gboolean
is_supervisors (OkcTicket *t)
{
  return g_strcmp0 (okc_ticket_get_assignee_id (t), "USR-0005") == 0;
}

static gint64 since;

static gboolean
is_recent (OkcTicket *t)
{
  return okc_ticket_get_updated_at (t) >= since;
}

static gboolean
is_resolved_offline (OkcTicket *t)
{
  return okc_ticket_get_status (t) == OKC_TICKET_STATUS_RESOLVED &&
         g_str_equal (okc_ticket_get_topic (t)->id, "charger-offline");
}

static void
test_filters (void)
{
  g_autofree char *since_text = NULL;
  g_autofree char *since_query = NULL;
  struct
  {
    const char *query;
    Predicate matches;
  } cases[] = {
    { "status=new,open", is_new_or_open },
    { "status=open,%20new", is_new_or_open },
    { "topic=billing-dispute,cost-breakdown", is_money_topic },
    { "priority=urgent", is_urgent },
    { "assignee=me", is_mine },
    { "assignee=USR-0001", is_mine },
    { "assignee=none", is_unassigned },
    { "assignee=USR-0005&sort=priority", is_supervisors },
    { NULL, is_recent },
    { "status=resolved&topic=charger-offline&sort=updated_at", is_resolved_offline },
  };

  /* The median updated_at: a since that keeps about half. */
  since = okc_ticket_get_updated_at (g_ptr_array_index (everything, everything->len / 2));
  since_text = okc_time_format_rfc3339 (since);
  since_query = g_strdup_printf ("since=%s", since_text);
  cases[8].query = since_query;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) tickets = NULL;
      g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
      gint64 total;

      g_test_message ("%s", cases[i].query);
      for (guint k = 0; k < everything->len; k++)
        if (cases[i].matches (g_ptr_array_index (everything, k)))
          g_hash_table_add (expected, (gpointer) okc_ticket_get_id (g_ptr_array_index (everything, k)));

      tickets = walk (cases[i].query, 23, &total);
      /* The demo data has some of each, so the filter is really tested. */
      g_assert_cmpuint (g_hash_table_size (expected), >, 0);
      g_assert_cmpint (total, ==, g_hash_table_size (expected));
      assert_each_once (tickets);
      for (guint k = 0; k < tickets->len; k++)
        g_assert_true (g_hash_table_contains (expected,
                                              okc_ticket_get_id (g_ptr_array_index (tickets, k))));
    }
}

static void
test_invalid_parameters (void)
{
  g_autofree char *other_sort_cursor = NULL;
  g_autofree char *bad_cursor = NULL;
  struct
  {
    const char *query;
    const char *field;
  } cases[] = {
    { "limit=0", "limit" },
    { "limit=501", "limit" },
    { "limit=abc", "limit" },
    { "limit=-1", "limit" },
    { "limit=1.5", "limit" },
    { "limit=", "limit" },
    { "cursor=garbage!", "cursor" },
    { "cursor=", "cursor" },
    { NULL, "cursor" },
    { NULL, "cursor" },
    { "sort=newest", "sort" },
    { "sort=", "sort" },
    { "status=closed", "status" },
    { "status=new,,open", "status" },
    { "status=", "status" },
    { "topic=charger-on-fire", "topic" },
    { "priority=highest", "priority" },
    { "assignee=USR-9999", "assignee" },
    { "assignee=", "assignee" },
    { "since=yesterday", "since" },
    { "since=2026-11-24", "since" },
    { "statuses=new", "statuses" },
  };
  g_autoptr(OkcTestResponse) first = okc_test_get (url (), "/v1/tickets?limit=2&sort=priority",
                                                   agent);
  const char *cursor =
    json_object_get_string_member (okc_test_response_object (first), "next_cursor");

  /* A priority cursor with another sort; a cursor whose text was tampered with (its first
   * character, in the format's prefix: changing the last one may well give another valid
   * position, depending on the data). */
  other_sort_cursor = g_strdup_printf ("sort=created_at&cursor=%s", cursor);
  bad_cursor = g_strdup_printf ("sort=priority&cursor=%c%s", cursor[0] == 'Y' ? 'Z' : 'Y',
                                cursor + 1);
  cases[8].query = other_sort_cursor;
  cases[9].query = bad_cursor;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/tickets?%s", cases[i].query);
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);

      g_test_message ("%s", cases[i].query);
      okc_test_assert_error (response, 400, "invalid_parameter", cases[i].field);
    }
}

static void
test_cursor_survives_new_tickets (void)
{
  g_autofree char *chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");
  g_autoptr(OkcTestResponse) first = okc_test_get (url (), "/v1/tickets?limit=50", agent);
  g_autofree char *next = g_strdup (
    json_object_get_string_member (okc_test_response_object (first), "next_cursor"));
  g_autofree char *escaped = g_uri_escape_string (next, NULL, TRUE);
  g_autofree char *path = g_strdup_printf ("/v1/tickets?limit=50&cursor=%s", escaped);
  g_autoptr(OkcTestResponse) created = okc_test_post_json (
    url (), "/v1/handoffs", chatbot,
    "{\"topic\": \"change-email\", \"requester\": {\"name\": \"Ann\", \"email\": "
    "\"ann@example.com\", \"audience\": \"guest\"}, \"fields\": {\"current_email\": "
    "\"ann@example.com\"}, \"transcript\": [{\"sender\": \"customer\", \"sent_at\": "
    "\"2026-11-24T08:00:00Z\", \"text\": \"new email please\"}]}");
  g_autoptr(OkcTestResponse) second = okc_test_get (url (), path, agent);
  JsonArray *page1 = json_object_get_array_member (okc_test_response_object (first), "tickets");
  JsonArray *page2 = json_object_get_array_member (okc_test_response_object (second), "tickets");
  JsonObject *last = json_array_get_object_element (page1, 49);
  JsonObject *after = json_array_get_object_element (page2, 0);

  g_assert_cmpuint (created->status, ==, 201);
  /* The newest ticket goes to the front; the next page continues where the first ended. */
  g_assert_cmpint (json_object_get_int_member (okc_test_response_object (second), "total"), ==,
                   N_TICKETS + 1);
  g_assert_cmpstr (json_object_get_string_member (last, "id"), !=,
                   json_object_get_string_member (after, "id"));
  g_assert_cmpstr (json_object_get_string_member (last, "created_at"), >=,
                   json_object_get_string_member (after, "created_at"));
  g_assert_cmpstr (json_object_get_string_member (after, "id"), ==,
                   okc_ticket_get_id (g_ptr_array_index (everything, 50)));
}

static void
test_ticket_by_id (void)
{
  OkcTicket *listed = g_ptr_array_index (everything, 17);
  g_autofree char *path = g_strconcat ("/v1/tickets/", okc_ticket_get_id (listed), NULL);
  g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"",
                                           okc_ticket_get_version (listed));
  g_autofree char *ticket_url = g_strconcat (url (), path, NULL);
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
  g_autoptr(OkcTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) conditional = soup_message_new ("GET", ticket_url);
  g_autofree char *authorization = g_strconcat ("Bearer ", agent, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GBytes) body = NULL;

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "ETag"), ==, etag);
  ticket = okc_ticket_new_from_json (response->json, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_ticket_get_id (ticket), ==, okc_ticket_get_id (listed));
  g_assert_cmpint (okc_ticket_get_version (ticket), ==, okc_ticket_get_version (listed));

  /* The ETag revalidates. */
  soup_message_headers_replace (soup_message_get_request_headers (conditional), "Authorization",
                                authorization);
  soup_message_headers_replace (soup_message_get_request_headers (conditional), "If-None-Match",
                                etag);
  body = soup_session_send_and_read (session, conditional, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (conditional), ==, 304);
}

static void
test_not_found (void)
{
  static const char * const paths[] = {
    "/v1/tickets/TCK-999999", "/v1/tickets/nonsense", "/v1/attachments/ATT-999999",
    "/v1/tickets/", "/v1/ticket", "/v2/tickets", "/", "/v1/tickets/TCK-000001/extra",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), paths[i], agent);

      g_test_message ("%s", paths[i]);
      okc_test_assert_error (response, 404, "not_found", NULL);
    }
}

static void
test_attachments (void)
{
  guint n_checked = 0;

  for (guint i = 0; i < everything->len; i++)
    {
      GListModel *attachments = okc_ticket_get_attachments (g_ptr_array_index (everything, i));

      for (guint k = 0; k < g_list_model_get_n_items (attachments); k++)
        {
          g_autoptr(OkcAttachment) attachment = g_list_model_get_item (attachments, k);
          g_autofree char *path = g_strconcat ("/v1/attachments/",
                                               okc_attachment_get_id (attachment), NULL);
          g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);

          g_assert_cmpuint (response->status, ==, 200);
          g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==,
                           okc_attachment_get_media_type (attachment));
          g_assert_cmpint (g_bytes_get_size (response->body), ==,
                           okc_attachment_get_size (attachment));
          g_assert_true (okc_image_data_matches_type (response->body,
                                                      okc_attachment_get_media_type (attachment)));
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >, 10);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Backend/tickets/walk-every-sort", test_walk_every_sort);
  g_test_add_func ("/Okc/Backend/tickets/filters", test_filters);
  g_test_add_func ("/Okc/Backend/tickets/invalid-parameters", test_invalid_parameters);
  g_test_add_func ("/Okc/Backend/tickets/ticket-by-id", test_ticket_by_id);
  g_test_add_func ("/Okc/Backend/tickets/not-found", test_not_found);
  g_test_add_func ("/Okc/Backend/tickets/attachments", test_attachments);
  /* Last: it adds a ticket. */
  g_test_add_func ("/Okc/Backend/tickets/cursor-survives-new-tickets",
                   test_cursor_survives_new_tickets);

  backend = okc_test_backend_start (NULL);
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  everything = walk ("", 500, NULL);
  status = g_test_run ();
  g_ptr_array_unref (everything);
  g_free (agent);
  okc_test_backend_stop (backend);
  return status;
}
