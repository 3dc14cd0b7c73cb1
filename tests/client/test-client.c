/* test-client.c — the REST client against the real backend on loopback
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-client.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

#define AGENT_EMAIL "alex.rivera@ok2charge.example"
#define AGENT_PASSWORD "demo-agent"
#define SUPERVISOR_EMAIL "morgan.blake@ok2charge.example"
#define SUPERVISOR_PASSWORD "demo-supervisor"
#define CHATBOT_EMAIL "chatbot@ok2charge.example"
#define CHATBOT_PASSWORD "demo-chatbot"

/* One backend for every test of this executable: none of them changes the data. */
static OkcTestBackend *backend;

static OkcClient *
client_new (void)
{
  g_autoptr(GError) error = NULL;
  OkcClient *client = okc_client_new (okc_test_backend_get_url (backend), &error);

  g_assert_no_error (error);
  return client;
}

static OkcUser *
sign_in (OkcClient   *client,
         const char  *email,
         const char  *password,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_sign_in_async (client, email, password, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_sign_in_finish (client, result, error);
}

static OkcClient *
signed_in_client (const char *email,
                  const char *password)
{
  OkcClient *client = client_new ();
  g_autoptr(OkcUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = sign_in (client, email, password, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  return client;
}

static OkcTicketPage *
list_page (OkcClient            *client,
           const OkcTicketQuery *query,
           const char           *cursor,
           GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_list_tickets_async (client, query, cursor, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_list_tickets_finish (client, result, error);
}

/* Every ticket matching @query, page by page; checks each page's total and that no
 * ticket comes twice. */
static GPtrArray *
list_all (OkcClient            *client,
          const OkcTicketQuery *query,
          guint                *out_n_pages)
{
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *cursor = NULL;
  gint64 total = -1;
  guint n_pages = 0;

  do
    {
      g_autoptr(OkcTicketPage) page = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *page_tickets;

      page = list_page (client, query, cursor, &error);
      g_assert_no_error (error);
      n_pages++;

      if (total < 0)
        total = okc_ticket_page_get_total (page);
      g_assert_cmpint (okc_ticket_page_get_total (page), ==, total);

      page_tickets = okc_ticket_page_get_tickets (page);
      for (guint i = 0; i < page_tickets->len; i++)
        {
          OkcTicket *ticket = g_ptr_array_index (page_tickets, i);

          g_ptr_array_add (tickets, g_object_ref (ticket));
          g_assert_true (g_hash_table_add (seen, (gpointer) okc_ticket_get_id (ticket)));
        }

      g_free (cursor);
      cursor = g_strdup (okc_ticket_page_get_next_cursor (page));
      g_assert_true (cursor == NULL || page_tickets->len > 0);
    }
  while (cursor != NULL);

  g_assert_cmpint (tickets->len, ==, total);
  if (out_n_pages != NULL)
    *out_n_pages = n_pages;
  return g_steal_pointer (&tickets);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_sign_in (void)
{
  g_autoptr(OkcClient) client = client_new ();
  g_autoptr(OkcUser) user = NULL;
  g_autoptr(OkcUser) me = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_token = 0, n_user = 0;

  g_signal_connect (client, "notify::token", G_CALLBACK (count_notify_cb), &n_token);
  g_signal_connect (client, "notify::user", G_CALLBACK (count_notify_cb), &n_user);

  user = sign_in (client, AGENT_EMAIL, AGENT_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_user_get_email (user), ==, AGENT_EMAIL);
  g_assert_cmpstr (okc_user_get_name (user), ==, "Alex Rivera");
  g_assert_cmpint (okc_user_get_role (user), ==, OKC_ROLE_AGENT);
  g_assert_true (okc_client_get_user (client) == user);
  g_assert_nonnull (okc_client_get_token (client));
  g_assert_cmpuint (n_token, ==, 1);
  g_assert_cmpuint (n_user, ==, 1);

  /* The token is what a restarted console checks with GET /v1/me. */
  okc_client_get_me_async (client, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  me = okc_client_get_me_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_user_get_id (me), ==, okc_user_get_id (user));
}

static void
test_sign_in_wrong_password (void)
{
  g_autoptr(OkcClient) client = client_new ();
  g_autoptr(OkcUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = sign_in (client, AGENT_EMAIL, "not-the-password", &error);
  g_assert_null (user);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_UNAUTHORIZED);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (okc_client_error_get_server_code (error), ==, "invalid_credentials");
  g_assert_cmpuint (okc_client_error_get_http_status (error), ==, 401);
  g_assert_null (okc_client_get_token (client));
  g_assert_null (okc_client_get_user (client));
  g_clear_error (&error);

  user = sign_in (client, "nobody@ok2charge.example", AGENT_PASSWORD, &error);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_UNAUTHORIZED);
}

static void
assert_list_unauthorized (OkcClient *client)
{
  g_autoptr(OkcTicketQuery) query = okc_ticket_query_new ();
  g_autoptr(OkcTicketPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = list_page (client, query, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_UNAUTHORIZED);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (okc_client_error_get_http_status (error), ==, 401);
}

static void
test_unauthorized (void)
{
  g_autoptr(OkcClient) client = client_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcUser) me = NULL;
  g_autoptr(GError) error = NULL;

  /* No token. */
  assert_list_unauthorized (client);

  /* A token the backend never issued. */
  okc_client_set_token (client, "garbage-token-0123456789");
  assert_list_unauthorized (client);
  okc_client_get_me_async (client, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  me = okc_client_get_me_finish (client, result, &error);
  g_assert_null (me);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_UNAUTHORIZED);
}

static void
test_sign_out (void)
{
  g_autoptr(OkcClient) client = signed_in_client (AGENT_EMAIL, AGENT_PASSWORD);
  g_autofree char *revoked = g_strdup (okc_client_get_token (client));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  okc_client_sign_out_async (client, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_client_sign_out_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_null (okc_client_get_token (client));
  g_assert_null (okc_client_get_user (client));
  g_clear_object (&result);

  /* The backend revoked it: the old token no longer works. */
  okc_client_set_token (client, revoked);
  assert_list_unauthorized (client);

  /* Signing out with a token the backend rejects still signs out. */
  okc_client_sign_out_async (client, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  g_assert_true (okc_client_sign_out_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_null (okc_client_get_token (client));
}

static void
test_forbidden (void)
{
  g_autoptr(OkcClient) client = signed_in_client (CHATBOT_EMAIL, CHATBOT_PASSWORD);
  g_autoptr(OkcTicketQuery) query = okc_ticket_query_new ();
  g_autoptr(OkcTicketPage) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (okc_user_get_role (okc_client_get_user (client)), ==, OKC_ROLE_CHATBOT);

  page = list_page (client, query, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_FORBIDDEN);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (okc_client_error_get_http_status (error), ==, 403);
  g_assert_cmpstr (okc_client_error_get_server_code (error), ==, "forbidden");
  g_clear_error (&error);

  okc_client_list_users_async (client, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  users = okc_client_list_users_finish (client, result, &error);
  g_assert_null (users);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_FORBIDDEN);
}

static void
test_list_users (void)
{
  g_autoptr(OkcClient) client = signed_in_client (SUPERVISOR_EMAIL, SUPERVISOR_PASSWORD);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found_agent = FALSE, found_supervisor = FALSE;

  okc_client_list_users_async (client, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  users = okc_client_list_users_finish (client, result, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < users->len; i++)
    {
      OkcUser *user = g_ptr_array_index (users, i);

      if (g_str_equal (okc_user_get_email (user), AGENT_EMAIL))
        found_agent = okc_user_get_role (user) == OKC_ROLE_AGENT;
      if (g_str_equal (okc_user_get_email (user), SUPERVISOR_EMAIL))
        found_supervisor = okc_user_get_role (user) == OKC_ROLE_SUPERVISOR;
    }
  g_assert_true (found_agent);
  g_assert_true (found_supervisor);
}

static void
test_paging (void)
{
  g_autoptr(OkcClient) client = signed_in_client (AGENT_EMAIL, AGENT_PASSWORD);
  g_autoptr(OkcTicketQuery) query = okc_ticket_query_new ();
  g_autoptr(OkcTicketQuery) big_pages = okc_ticket_query_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) again = NULL;
  guint n_pages = 0;

  /* 37 per page: the last page is a partial one. */
  okc_ticket_query_set_limit (query, 37);
  all = list_all (client, query, &n_pages);
  g_test_message ("%u tickets in %u pages", all->len, n_pages);
  g_assert_cmpuint (all->len, ==, 300);
  g_assert_cmpuint (n_pages, ==, (300 + 36) / 37);

  /* The default order is newest first. */
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (okc_ticket_get_created_at (g_ptr_array_index (all, i - 1)), >=,
                     okc_ticket_get_created_at (g_ptr_array_index (all, i)));

  okc_ticket_query_set_limit (big_pages, 500);
  again = list_all (client, big_pages, &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_cmpuint (again->len, ==, all->len);
}

static gboolean
ticket_in_statuses (OkcTicket *ticket,
                    guint      statuses)
{
  return (statuses & (1u << okc_ticket_get_status (ticket))) != 0;
}

static void
test_filters (void)
{
  g_autoptr(OkcClient) client = signed_in_client (AGENT_EMAIL, AGENT_PASSWORD);
  g_autoptr(OkcTicketQuery) everything = okc_ticket_query_new ();
  g_autoptr(GPtrArray) all = NULL;
  const char *my_id = okc_user_get_id (okc_client_get_user (client));
  guint n_by_status = 0;

  okc_ticket_query_set_limit (everything, 500);
  all = list_all (client, everything, NULL);

  /* Each status on its own: together they are every ticket. */
  for (OkcTicketStatus status = OKC_TICKET_STATUS_NEW; status <= OKC_TICKET_STATUS_RESOLVED;
       status++)
    {
      g_autoptr(OkcTicketQuery) query = okc_ticket_query_new ();
      g_autoptr(GPtrArray) tickets = NULL;

      okc_ticket_query_add_status (query, status);
      okc_ticket_query_set_limit (query, 100);
      tickets = list_all (client, query, NULL);
      for (guint i = 0; i < tickets->len; i++)
        g_assert_cmpint (okc_ticket_get_status (g_ptr_array_index (tickets, i)), ==, status);
      n_by_status += tickets->len;
    }
  g_assert_cmpuint (n_by_status, ==, all->len);

  /* Several statuses, one topic, two priorities, at once. */
  {
    g_autoptr(OkcTicketQuery) query = okc_ticket_query_new ();
    g_autoptr(GPtrArray) tickets = NULL;
    guint expected = 0;
    guint statuses = (1u << OKC_TICKET_STATUS_NEW) | (1u << OKC_TICKET_STATUS_OPEN);

    okc_ticket_query_add_status (query, OKC_TICKET_STATUS_NEW);
    okc_ticket_query_add_status (query, OKC_TICKET_STATUS_OPEN);
    okc_ticket_query_add_topic (query, "billing-dispute");
    okc_ticket_query_add_priority (query, OKC_PRIORITY_HIGH);
    okc_ticket_query_add_priority (query, OKC_PRIORITY_URGENT);
    tickets = list_all (client, query, NULL);

    for (guint i = 0; i < all->len; i++)
      {
        OkcTicket *ticket = g_ptr_array_index (all, i);
        if (ticket_in_statuses (ticket, statuses) &&
            g_str_equal (okc_ticket_get_topic (ticket)->id, "billing-dispute") &&
            okc_ticket_get_priority (ticket) >= OKC_PRIORITY_HIGH)
          expected++;
      }
    g_assert_cmpuint (tickets->len, ==, expected);
    for (guint i = 0; i < tickets->len; i++)
      {
        OkcTicket *ticket = g_ptr_array_index (tickets, i);
        g_assert_true (ticket_in_statuses (ticket, statuses));
        g_assert_cmpstr (okc_ticket_get_topic (ticket)->id, ==, "billing-dispute");
        g_assert_cmpint (okc_ticket_get_priority (ticket), >=, OKC_PRIORITY_HIGH);
      }
  }

  /* Nobody's, and mine. */
  {
    g_autoptr(OkcTicketQuery) unassigned = okc_ticket_query_new ();
    g_autoptr(OkcTicketQuery) mine = okc_ticket_query_new ();
    g_autoptr(GPtrArray) none = NULL;
    g_autoptr(GPtrArray) own = NULL;
    guint expected_none = 0, expected_own = 0;

    okc_ticket_query_set_assignee (unassigned, "none");
    okc_ticket_query_set_assignee (mine, "me");
    none = list_all (client, unassigned, NULL);
    own = list_all (client, mine, NULL);
    for (guint i = 0; i < all->len; i++)
      {
        const char *assignee = okc_ticket_get_assignee_id (g_ptr_array_index (all, i));
        expected_none += assignee == NULL;
        expected_own += g_strcmp0 (assignee, my_id) == 0;
      }
    g_assert_cmpuint (none->len, ==, expected_none);
    g_assert_cmpuint (own->len, ==, expected_own);
    for (guint i = 0; i < none->len; i++)
      g_assert_null (okc_ticket_get_assignee_id (g_ptr_array_index (none, i)));
    for (guint i = 0; i < own->len; i++)
      g_assert_cmpstr (okc_ticket_get_assignee_id (g_ptr_array_index (own, i)), ==, my_id);
  }

  /* Changed since a point: inclusive. */
  {
    g_autoptr(OkcTicketQuery) query = okc_ticket_query_new ();
    g_autoptr(GPtrArray) tickets = NULL;
    gint64 since = okc_ticket_get_updated_at (g_ptr_array_index (all, all->len / 2));
    guint expected = 0;

    for (guint i = 0; i < all->len; i++)
      expected += okc_ticket_get_updated_at (g_ptr_array_index (all, i)) >= since;

    okc_ticket_query_set_since (query, since);
    okc_ticket_query_set_sort (query, OKC_TICKET_SORT_UPDATED_AT);
    okc_ticket_query_set_limit (query, 50);
    tickets = list_all (client, query, NULL);
    g_assert_cmpuint (tickets->len, ==, expected);
    for (guint i = 0; i < tickets->len; i++)
      {
        g_assert_cmpint (okc_ticket_get_updated_at (g_ptr_array_index (tickets, i)), >=, since);
        if (i > 0)
          g_assert_cmpint (okc_ticket_get_updated_at (g_ptr_array_index (tickets, i - 1)), <=,
                           okc_ticket_get_updated_at (g_ptr_array_index (tickets, i)));
      }
  }

  /* Most urgent first, then oldest. */
  {
    g_autoptr(OkcTicketQuery) query = okc_ticket_query_new ();
    g_autoptr(GPtrArray) tickets = NULL;

    okc_ticket_query_set_sort (query, OKC_TICKET_SORT_PRIORITY);
    okc_ticket_query_set_limit (query, 64);
    tickets = list_all (client, query, NULL);
    for (guint i = 1; i < tickets->len; i++)
      {
        OkcTicket *a = g_ptr_array_index (tickets, i - 1), *b = g_ptr_array_index (tickets, i);

        g_assert_cmpint (okc_ticket_get_priority (a), >=, okc_ticket_get_priority (b));
        if (okc_ticket_get_priority (a) == okc_ticket_get_priority (b))
          g_assert_cmpint (okc_ticket_get_created_at (a), <=, okc_ticket_get_created_at (b));
      }
  }
}

static OkcTicket *
get_ticket (OkcClient   *client,
            const char  *id,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_get_ticket_async (client, id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_get_ticket_finish (client, result, error);
}

static void
test_get_ticket (void)
{
  g_autoptr(OkcClient) client = signed_in_client (AGENT_EMAIL, AGENT_PASSWORD);
  g_autoptr(OkcTicketQuery) query = okc_ticket_query_new ();
  g_autoptr(OkcTicketPage) page = NULL;
  g_autoptr(OkcTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listed_text = NULL;
  g_autofree char *fetched_text = NULL;
  OkcTicket *listed;

  okc_ticket_query_set_limit (query, 5);
  page = list_page (client, query, NULL, &error);
  g_assert_no_error (error);
  listed = g_ptr_array_index (okc_ticket_page_get_tickets (page), 3);

  ticket = get_ticket (client, okc_ticket_get_id (listed), &error);
  g_assert_no_error (error);
  listed_text = okc_test_ticket_to_string (listed);
  fetched_text = okc_test_ticket_to_string (ticket);
  g_assert_cmpstr (fetched_text, ==, listed_text);
  g_clear_object (&ticket);

  ticket = get_ticket (client, "TCK-999999", &error);
  g_assert_null (ticket);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (okc_client_error_get_server_code (error), ==, "not_found");
}

static GBytes *
get_attachment (OkcClient   *client,
                const char  *id,
                char       **out_content_type,
                GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_get_attachment_async (client, id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_get_attachment_finish (client, result, out_content_type, error);
}

static void
test_attachment (void)
{
  static const guint8 png_signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(OkcClient) client = signed_in_client (AGENT_EMAIL, AGENT_PASSWORD);
  g_autoptr(OkcTicketQuery) query = okc_ticket_query_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GBytes) missing = NULL;
  g_autoptr(GError) error = NULL;
  guint n_checked = 0, n_png = 0;

  okc_ticket_query_set_limit (query, 500);
  all = list_all (client, query, NULL);

  for (guint i = 0; i < all->len && n_checked < 6; i++)
    {
      GListModel *attachments = okc_ticket_get_attachments (g_ptr_array_index (all, i));

      for (guint j = 0; j < g_list_model_get_n_items (attachments); j++)
        {
          g_autoptr(OkcAttachment) attachment = g_list_model_get_item (attachments, j);
          g_autofree char *content_type = NULL;
          g_autoptr(GBytes) bytes = NULL;

          bytes = get_attachment (client, okc_attachment_get_id (attachment), &content_type,
                                  &error);
          g_assert_no_error (error);
          g_assert_cmpstr (content_type, ==, okc_attachment_get_media_type (attachment));
          g_assert_cmpint (g_bytes_get_size (bytes), ==, okc_attachment_get_size (attachment));
          g_assert_true (okc_image_data_matches_type (bytes, content_type));
          if (g_str_equal (content_type, "image/png"))
            {
              g_assert_cmpuint (g_bytes_get_size (bytes), >, sizeof png_signature);
              g_assert_cmpmem (g_bytes_get_data (bytes, NULL), sizeof png_signature,
                               png_signature, sizeof png_signature);
              n_png++;
            }
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >, 0);
  g_assert_cmpuint (n_png, >, 0);

  missing = get_attachment (client, "ATT-999999", NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND);
}

static void
test_cancelled (void)
{
  g_autoptr(OkcClient) client = signed_in_client (AGENT_EMAIL, AGENT_PASSWORD);
  g_autoptr(OkcTicketQuery) query = okc_ticket_query_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcTicketPage) page = NULL;
  g_autoptr(GError) error = NULL;

  okc_ticket_query_set_limit (query, 500);
  okc_client_list_tickets_async (client, query, NULL, cancellable, okc_test_result_cb, &result);
  g_cancellable_cancel (cancellable);
  okc_test_wait_for_result (&result);
  page = okc_client_list_tickets_finish (client, result, &error);
  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The client is still fine afterwards. */
  g_clear_error (&error);
  g_clear_object (&result);
  okc_client_list_tickets_async (client, query, NULL, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  page = okc_client_list_tickets_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (okc_ticket_page_get_tickets (page)->len, ==, 300);
}

/* The preferences check an address with the rule the client uses, before saving it. */
static void
test_check_base_url (void)
{
  static const char * const bad[] = {
    "", "not a url", "ftp://example.com", "http://", "https://user:pw@example.com",
    "https://example.com/?a=1", "https://example.com/#top", "example.com:8765",
  };
  g_autofree char *good = NULL;
  g_autofree char *prefixed = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *checked = okc_client_check_base_url (bad[i], &error);

      g_assert_null (checked);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      /* The message names what was typed, so the person sees what to correct. */
      g_assert_nonnull (strstr (error->message, bad[i]));
    }

  good = okc_client_check_base_url ("https://support.example.com:8443/", NULL);
  g_assert_cmpstr (good, ==, "https://support.example.com:8443");
  prefixed = okc_client_check_base_url ("http://127.0.0.1:8765/api//", NULL);
  g_assert_cmpstr (prefixed, ==, "http://127.0.0.1:8765/api");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Client/client/check-base-url", test_check_base_url);
  g_test_add_func ("/Okc/Client/client/sign-in", test_sign_in);
  g_test_add_func ("/Okc/Client/client/sign-in-wrong-password", test_sign_in_wrong_password);
  g_test_add_func ("/Okc/Client/client/unauthorized", test_unauthorized);
  g_test_add_func ("/Okc/Client/client/sign-out", test_sign_out);
  g_test_add_func ("/Okc/Client/client/forbidden", test_forbidden);
  g_test_add_func ("/Okc/Client/client/list-users", test_list_users);
  g_test_add_func ("/Okc/Client/client/paging", test_paging);
  g_test_add_func ("/Okc/Client/client/filters", test_filters);
  g_test_add_func ("/Okc/Client/client/get-ticket", test_get_ticket);
  g_test_add_func ("/Okc/Client/client/attachment", test_attachment);
  g_test_add_func ("/Okc/Client/client/cancelled", test_cancelled);

  backend = okc_test_backend_start (NULL);
  status = g_test_run ();
  okc_test_backend_stop (backend);
  return status;
}
