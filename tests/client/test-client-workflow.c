/* test-client-workflow.c — the client's ticket changes, timeline, notes and replies against
 * the real backend on loopback
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-client.h"
#include "okc-test-backend.h"
#include "okc-test-util.h"

static OkcTestBackend *backend;
static OkcClient *agent, *supervisor;

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

/* Each test works on its own ticket of the demo data. */
static OkcTicket *
get_ticket (const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  OkcTicket *ticket;

  okc_client_get_ticket_async (agent, id, NULL, okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  ticket = okc_client_get_ticket_finish (agent, result, &error);
  g_assert_no_error (error);
  return ticket;
}

static OkcTicket *
update (OkcClient        *client,
        OkcTicket        *ticket,
        gint64            version,
        OkcTicketChange  *change,
        OkcTicket       **out_current,
        GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  okc_client_update_ticket_async (client, okc_ticket_get_id (ticket), version, change, NULL,
                                  okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  return okc_client_update_ticket_finish (client, result, out_current, error);
}

static GPtrArray *
get_timeline (OkcTicket *ticket)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  okc_client_get_timeline_async (agent, okc_ticket_get_id (ticket), NULL, okc_test_result_cb,
                                 &result);
  okc_test_wait_for_result (&result);
  entries = okc_client_get_timeline_finish (agent, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static void
test_claim_and_stale_claim (void)
{
  g_autoptr(OkcTicket) ticket = get_ticket ("TCK-000001");
  g_autoptr(OkcTicketChange) claim = okc_ticket_change_new ();
  g_autoptr(OkcTicketChange) other = okc_ticket_change_new ();
  g_autoptr(OkcTicket) claimed = NULL, refused = NULL, current = NULL;
  g_autoptr(GError) error = NULL;
  const char *me = okc_user_get_id (okc_client_get_user (agent));

  okc_ticket_change_set_assignee (claim, me);
  claimed = update (agent, ticket, okc_ticket_get_version (ticket), claim, &current, &error);
  g_assert_no_error (error);
  g_assert_null (current);
  g_assert_cmpstr (okc_ticket_get_assignee_id (claimed), ==, me);
  g_assert_cmpint (okc_ticket_get_version (claimed), ==, okc_ticket_get_version (ticket) + 1);
  g_assert_cmpint (okc_ticket_get_status (claimed), !=, OKC_TICKET_STATUS_NEW);

  /* The supervisor claims from the version before: refused, with the ticket as it is. */
  okc_ticket_change_set_assignee (other, okc_user_get_id (okc_client_get_user (supervisor)));
  refused = update (supervisor, ticket, okc_ticket_get_version (ticket), other, &current, &error);
  g_assert_null (refused);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_VERSION_CONFLICT);
  g_assert_cmpuint (okc_client_error_get_http_status (error), ==, 412);
  g_assert_cmpstr (okc_client_error_get_server_code (error), ==, "version_conflict");
  g_assert_true (g_str_has_prefix (error->message, "Alex Rivera changed this ticket at "));
  g_assert_nonnull (current);
  g_assert_cmpint (okc_ticket_get_version (current), ==, okc_ticket_get_version (claimed));
  g_assert_cmpstr (okc_ticket_get_assignee_id (current), ==, me);
}

static void
test_resolve_refused_while_waiting_approval (void)
{
  g_autoptr(OkcTicket) ticket = get_ticket ("TCK-000002");
  g_autoptr(OkcTicketChange) pend = okc_ticket_change_new ();
  g_autoptr(OkcTicketChange) resolve = okc_ticket_change_new ();
  g_autoptr(OkcTicket) pending = NULL, resolved = NULL, current = NULL;
  g_autoptr(GError) error = NULL;

  okc_ticket_change_set_status (pend, OKC_TICKET_STATUS_WAITING_APPROVAL);
  pending = update (agent, ticket, okc_ticket_get_version (ticket), pend, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_ticket_get_status (pending), ==, OKC_TICKET_STATUS_WAITING_APPROVAL);

  okc_ticket_change_set_status (resolve, OKC_TICKET_STATUS_RESOLVED);
  resolved = update (agent, pending, okc_ticket_get_version (pending), resolve, &current, &error);
  g_assert_null (resolved);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_CONFLICT);
  g_assert_cmpstr (okc_client_error_get_server_code (error), ==, "refund_pending");
  g_assert_nonnull (strstr (error->message, "a refund is waiting for a supervisor's approval"));
  g_assert_null (current);
}

static void
test_note_and_reply_in_timeline (void)
{
  g_autoptr(OkcTicket) ticket = get_ticket ("TCK-000003");
  g_autoptr(GAsyncResult) note_result = NULL, reply_result = NULL;
  g_autoptr(OkcTimelineEntry) note = NULL, reply = NULL;
  g_autoptr(OkcTicket) after = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  OkcTimelineEntry *last, *before_last, *third_last;

  okc_client_add_note_async (agent, okc_ticket_get_id (ticket), "Heartbeat stopped at 06:10",
                             NULL, okc_test_result_cb, &note_result);
  okc_test_wait_for_result (&note_result);
  note = okc_client_add_note_finish (agent, note_result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_timeline_entry_get_kind (note), ==, OKC_TIMELINE_KIND_NOTE);
  g_assert_cmpstr (okc_timeline_entry_get_actor_name (note), ==, "Alex Rivera");

  /* The note bumped the version. */
  okc_client_send_reply_async (agent, okc_ticket_get_id (ticket),
                               okc_ticket_get_version (ticket) + 1,
                               "Could you send a photo of the QR label?",
                               OKC_TICKET_STATUS_WAITING_CUSTOMER, NULL, okc_test_result_cb,
                               &reply_result);
  okc_test_wait_for_result (&reply_result);
  reply = okc_client_send_reply_finish (agent, reply_result, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_timeline_entry_get_kind (reply), ==, OKC_TIMELINE_KIND_REPLY);
  g_assert_cmpstr (okc_timeline_entry_get_text (reply), ==,
                   "Could you send a photo of the QR label?");
  g_assert_cmpint (okc_ticket_get_version (after), ==, okc_ticket_get_version (ticket) + 2);
  g_assert_cmpint (okc_ticket_get_status (after), ==, OKC_TICKET_STATUS_WAITING_CUSTOMER);
  g_assert_true (okc_ticket_get_sla_paused (after));

  entries = get_timeline (after);
  g_assert_cmpuint (entries->len, >=, 3);
  third_last = entries->pdata[entries->len - 3];
  before_last = entries->pdata[entries->len - 2];
  last = entries->pdata[entries->len - 1];
  g_assert_cmpstr (okc_timeline_entry_get_id (third_last), ==, okc_timeline_entry_get_id (note));
  g_assert_cmpstr (okc_timeline_entry_get_id (before_last), ==,
                   okc_timeline_entry_get_id (reply));
  g_assert_cmpint (okc_timeline_entry_get_kind (last), ==, OKC_TIMELINE_KIND_STATUS_CHANGED);
  g_assert_cmpstr (okc_timeline_entry_get_to (last), ==, "waiting_customer");
  g_assert_cmpint (okc_timeline_entry_get_kind (entries->pdata[0]), ==,
                   OKC_TIMELINE_KIND_CREATED);
}

static void
test_stale_reply_not_recorded (void)
{
  g_autoptr(OkcTicket) ticket = get_ticket ("TCK-000004");
  g_autoptr(OkcTicketChange) change = okc_ticket_change_new ();
  g_autoptr(OkcTicket) changed = NULL, after = NULL, current = NULL;
  g_autoptr(OkcTimelineEntry) reply = NULL;
  g_autoptr(GPtrArray) before = NULL, entries = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  okc_ticket_change_set_priority (change, okc_ticket_get_priority (ticket) == OKC_PRIORITY_URGENT
                                            ? OKC_PRIORITY_HIGH : OKC_PRIORITY_URGENT);
  changed = update (supervisor, ticket, okc_ticket_get_version (ticket), change, NULL, &error);
  g_assert_no_error (error);
  before = get_timeline (changed);

  okc_client_send_reply_async (agent, okc_ticket_get_id (ticket), okc_ticket_get_version (ticket),
                               "All sorted, closing this.", OKC_TICKET_STATUS_RESOLVED, NULL,
                               okc_test_result_cb, &result);
  okc_test_wait_for_result (&result);
  reply = okc_client_send_reply_finish (agent, result, &after, &current, &error);
  g_assert_null (reply);
  g_assert_null (after);
  g_assert_error (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_VERSION_CONFLICT);
  g_assert_true (g_str_has_prefix (error->message, "Morgan Blake changed this ticket at "));
  g_assert_nonnull (strstr (error->message, "priority"));
  g_assert_nonnull (current);
  g_assert_cmpint (okc_ticket_get_version (current), ==, okc_ticket_get_version (changed));
  g_assert_cmpint (okc_ticket_get_status (current), ==, okc_ticket_get_status (ticket));

  entries = get_timeline (changed);
  g_assert_cmpuint (entries->len, ==, before->len);
  for (guint i = 0; i < entries->len; i++)
    g_assert_cmpint (okc_timeline_entry_get_kind (entries->pdata[i]), !=, OKC_TIMELINE_KIND_REPLY);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Client/workflow/claim-and-stale-claim", test_claim_and_stale_claim);
  g_test_add_func ("/Okc/Client/workflow/resolve-refused-while-waiting-approval",
                   test_resolve_refused_while_waiting_approval);
  g_test_add_func ("/Okc/Client/workflow/note-and-reply-in-timeline",
                   test_note_and_reply_in_timeline);
  g_test_add_func ("/Okc/Client/workflow/stale-reply-not-recorded",
                   test_stale_reply_not_recorded);

  backend = okc_test_backend_start ((const char *[]) { "--tickets", "20", NULL });
  agent = signed_in_client ("alex.rivera@ok2charge.example", "demo-agent");
  supervisor = signed_in_client ("morgan.blake@ok2charge.example", "demo-supervisor");
  status = g_test_run ();
  g_clear_object (&agent);
  g_clear_object (&supervisor);
  okc_test_backend_stop (backend);
  return status;
}
