/* test-client-audit.c — the audit trail through the client: pages by cursor, filters,
 * who may read it, refused filters, cancelling; against the real backend on loopback
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-client-audit.h"
#include "okc-client-error.h"
#include "okc-client-sessions.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

#define N_REFUNDS 9
#define N_ON_TICKET 4

static OkcTestBackend *backend;
static OkcClient *agent;
static OkcClient *supervisor;
static char *ticket_id;

static OkcClient *
signed_in_client (const char *email,
                  const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OkcUser) user = NULL;
  OkcClient *client = okc_client_new (okc_test_backend_get_url (backend), &error);

  g_assert_no_error (error);
  okc_client_sign_in_async (client, email, password, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  user = okc_client_sign_in_finish (client, result, &error);
  g_assert_no_error (error);
  return client;
}

/* The first column of the first row of @sql over the backend's database. */
static char *
query_text (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (okc_test_backend_get_database (backend), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static guint
query_count (const char *sql)
{
  g_autofree char *text = query_text (sql);

  return (guint) g_ascii_strtoull (text, NULL, 10);
}

static void
make_refunds (void)
{
  g_autofree char *session_id =
    query_text ("SELECT id FROM sessions WHERE currency = 'USD' AND total >= 100 ORDER BY id");
  OkcMoney cent;

  okc_money_init (&cent, 1, "USD");
  for (guint i = 0; i < N_REFUNDS; i++)
    {
      OkcClient *client = i % 3 == 2 ? supervisor : agent;
      g_autoptr(OkcRefund) request =
        okc_refund_new (session_id, &cent, OKC_REFUND_REASON_GOODWILL, "Audit test",
                        i < N_ON_TICKET ? ticket_id : NULL, -1);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcRefund) refund = NULL;

      okc_client_create_refund_async (client, request, NULL, okc_test_result_cb, &result);
      okc_test_wait_for_result (&result);
      refund = okc_client_create_refund_finish (client, result, &error);
      g_assert_no_error (error);
    }
}

static OkcAuditPage *
list_audit (OkcClient            *client,
            const OkcAuditQuery  *query,
            const char           *cursor,
            guint                 limit,
            GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_list_audit_async (client, query, cursor, limit, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_list_audit_finish (client, result, error);
}

/* Every entry @query selects, @limit a page, newest first without repeats. */
static GPtrArray *
list_all (OkcClient           *client,
          const OkcAuditQuery *query,
          guint                limit)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *cursor = NULL;
  gint64 last_seq = G_MAXINT64;

  do
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcAuditPage) page = list_audit (client, query, cursor, limit, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->entries->len, <=, limit);
      for (guint i = 0; i < page->entries->len; i++)
        {
          OkcAuditEntry *entry = g_ptr_array_index (page->entries, i);

          g_assert_cmpint (okc_audit_entry_get_seq (entry), <, last_seq);
          last_seq = okc_audit_entry_get_seq (entry);
          g_ptr_array_add (all, g_object_ref (entry));
        }
      g_clear_pointer (&cursor, g_free);
      cursor = g_steal_pointer (&page->next_cursor);
    }
  while (cursor != NULL);
  return g_steal_pointer (&all);
}

static void
test_query_value (void)
{
  OkcAuditQuery query = { .actor_id = (char *) "USR-0001", .action = (char *) "refund.",
                          .from = 1795512600 };
  g_autoptr(OkcAuditQuery) copy = okc_audit_query_copy (&query);
  OkcAuditQuery empty = { .ticket_id = (char *) "" };

  g_assert_true (okc_audit_query_equal (&query, copy));
  copy->to = 1795512601;
  g_assert_false (okc_audit_query_equal (&query, copy));
  g_assert_true (okc_audit_query_equal (NULL, &empty));
  g_assert_false (okc_audit_query_equal (NULL, &query));
  g_assert_null (okc_audit_query_copy (NULL));
}

static void
test_paging (void)
{
  OkcAuditQuery refunds = { .action = (char *) "refund.create" };
  g_autoptr(GPtrArray) by_two = list_all (supervisor, &refunds, 2);
  g_autoptr(GPtrArray) at_once = list_all (supervisor, &refunds, 500);
  guint expected = query_count ("SELECT count(*) FROM audit_log WHERE action = 'refund.create'");

  g_assert_cmpuint (expected, >=, N_REFUNDS);
  g_assert_cmpuint (by_two->len, ==, expected);
  g_assert_cmpuint (at_once->len, ==, expected);
  for (guint i = 0; i < expected; i++)
    g_assert_cmpint (okc_audit_entry_get_seq (g_ptr_array_index (by_two, i)), ==,
                     okc_audit_entry_get_seq (g_ptr_array_index (at_once, i)));
}

static void
test_filters (void)
{
  g_autofree char *supervisor_id =
    query_text ("SELECT id FROM users WHERE email = 'morgan.blake@ok2charge.example'");
  OkcAuditQuery by_supervisor = { .actor_id = supervisor_id, .action = (char *) "refund." };
  OkcAuditQuery on_ticket = { .ticket_id = ticket_id, .target_kind = (char *) "refund" };
  g_autoptr(GPtrArray) mine = list_all (supervisor, &by_supervisor, 100);
  g_autoptr(GPtrArray) ticket = list_all (agent, &on_ticket, 100);

  g_assert_cmpuint (mine->len, ==, N_REFUNDS / 3);
  for (guint i = 0; i < mine->len; i++)
    {
      OkcAuditEntry *entry = g_ptr_array_index (mine, i);
      g_autofree char *words = okc_audit_entry_describe (entry);

      g_assert_cmpstr (okc_audit_entry_get_actor_name (entry), ==, "Morgan Blake");
      g_assert_cmpint (okc_audit_entry_get_actor_role (entry), ==, OKC_ROLE_SUPERVISOR);
      g_assert_true (g_str_has_prefix (words, "Morgan Blake requested refund RFD-"));
      g_assert_nonnull (strstr (words, "($0.01)"));
    }
  g_assert_cmpuint (ticket->len, ==, N_ON_TICKET);
  for (guint i = 0; i < ticket->len; i++)
    g_assert_cmpstr (okc_audit_entry_get_ticket_id (g_ptr_array_index (ticket, i)), ==,
                     ticket_id);
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcAuditPage) page = list_audit (agent, NULL, NULL, 10, &error);
  OkcAuditQuery backwards = { .from = 1795512600, .to = 1795512600 - 3600 };
  g_autoptr(OkcAuditPage) none = NULL;
  g_autoptr(OkcAuditPage) stale = NULL;

  /* The whole trail is a supervisor's. */
  g_assert_null (page);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_FORBIDDEN);
  g_clear_error (&error);

  none = list_audit (supervisor, &backwards, NULL, 10, &error);
  g_assert_null (none);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (okc_client_error_get_field (error), ==, "to");
  g_clear_error (&error);

  stale = list_audit (supervisor, NULL, "not-a-cursor", 10, &error);
  g_assert_null (stale);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (okc_client_error_get_field (error), ==, "cursor");
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcAuditPage) page = NULL;

  okc_client_list_audit_async (supervisor, NULL, NULL, 100, cancellable, okc_test_result_cb,
                               &result);
  g_cancellable_cancel (cancellable);
  okc_test_wait_for_result (&result);
  page = okc_client_list_audit_finish (supervisor, result, &error);
  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Client/audit/query-value", test_query_value);
  g_test_add_func ("/Okc/Client/audit/paging", test_paging);
  g_test_add_func ("/Okc/Client/audit/filters", test_filters);
  g_test_add_func ("/Okc/Client/audit/refused", test_refused);
  g_test_add_func ("/Okc/Client/audit/cancelled", test_cancelled);

  backend = okc_test_backend_start ((const char *[]) { "--tickets", "10",
                                                       "--refund-approval-threshold", "100000",
                                                       NULL });
  agent = signed_in_client ("alex.rivera@ok2charge.example", "demo-agent");
  supervisor = signed_in_client ("morgan.blake@ok2charge.example", "demo-supervisor");
  ticket_id = query_text ("SELECT id FROM tickets ORDER BY id");
  make_refunds ();
  status = g_test_run ();
  g_clear_object (&agent);
  g_clear_object (&supervisor);
  g_free (ticket_id);
  okc_test_backend_stop (backend);
  return status;
}
