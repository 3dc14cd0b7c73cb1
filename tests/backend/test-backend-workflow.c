/* test-backend-workflow.c — PATCH with versions and conflicts, the SLA clock through the API,
 * the timeline, notes and replies
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-test-backend.h"

static OkcTestBackend *backend;
static char *agent, *supervisor, *chatbot;
static char *agent_id, *supervisor_id, *chatbot_id;

static const char handoff[] =
  "{\"topic\": \"charger-offline\", \"summary\": \"Charger shows Offline\","
  " \"requester\": {\"name\": \"Maya Chen\", \"email\": \"maya@example.com\","
  "                 \"audience\": \"guest\"},"
  " \"fields\": {\"property_name\": \"Nowhere Lofts\"},"
  " \"transcript\": [{\"sender\": \"customer\", \"sent_at\": \"2026-11-24T06:41:00Z\","
  "                   \"text\": \"The charger says offline\"}],"
  " \"attachments\": []}";

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

static char *
user_id (const char *token)
{
  g_autoptr(OkcTestResponse) me = okc_test_get (url (), "/v1/me", token);

  g_assert_cmpuint (me->status, ==, 200);
  return g_strdup (json_object_get_string_member (okc_test_response_object (me), "id"));
}

/* A fresh ticket from the chatbot: status new, version 1. */
static OkcTicket *
new_ticket (void)
{
  g_autoptr(OkcTestResponse) response = okc_test_post_json (url (), "/v1/handoffs", chatbot,
                                                            handoff);
  g_autoptr(GError) error = NULL;
  OkcTicket *ticket;

  g_assert_cmpuint (response->status, ==, 201);
  ticket = okc_ticket_new_from_json (response->json, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_ticket_get_version (ticket), ==, 1);
  return ticket;
}

static OkcTestResponse *
send (const char *method,
      OkcTicket  *ticket,
      const char *suffix,
      const char *token,
      gint64      version,
      const char *json)
{
  g_autofree char *target = g_strconcat (url (), "/v1/tickets/", okc_ticket_get_id (ticket),
                                         suffix, NULL);
  g_autofree char *if_match =
    version > 0 ? g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", version) : NULL;
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  return okc_test_http_if_match (method, target, token, "application/json", body, if_match);
}

static OkcTicket *
decode_ticket (JsonNode *node)
{
  g_autoptr(GError) error = NULL;
  OkcTicket *ticket = okc_ticket_new_from_json (node, NULL, &error);

  g_assert_no_error (error);
  return ticket;
}

static OkcTicket *
patch_ok (OkcTicket  *ticket,
          const char *token,
          const char *json)
{
  g_autoptr(OkcTestResponse) response =
    send ("PATCH", ticket, "", token, okc_ticket_get_version (ticket), json);
  g_autofree char *etag = NULL;
  OkcTicket *changed;

  if (response->status != 200)
    g_test_message ("%.*s", (int) g_bytes_get_size (response->body),
                    (const char *) g_bytes_get_data (response->body, NULL));
  g_assert_cmpuint (response->status, ==, 200);
  changed = decode_ticket (response->json);
  g_assert_cmpint (okc_ticket_get_version (changed), ==, okc_ticket_get_version (ticket) + 1);
  g_assert_cmpint (okc_ticket_get_updated_at (changed), >=, okc_ticket_get_updated_at (ticket));
  etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", okc_ticket_get_version (changed));
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "ETag"), ==, etag);
  return changed;
}

static JsonArray *
timeline (OkcTicket        *ticket,
          OkcTestResponse **out_response)
{
  g_autofree char *path = g_strconcat ("/v1/tickets/", okc_ticket_get_id (ticket), "/timeline",
                                       NULL);
  OkcTestResponse *response = okc_test_get (url (), path, agent);

  g_assert_cmpuint (response->status, ==, 200);
  *out_response = response;
  return json_object_get_array_member (okc_test_response_object (response), "entries");
}

static gint64
target_seconds (OkcTicket *ticket)
{
  return (gint64) okc_sla_policy_lookup (okc_ticket_get_topic (ticket),
                                         okc_ticket_get_priority (ticket))
           ->resolve_within_minutes * 60;
}

static void
test_claim (void)
{
  g_autoptr(OkcTicket) ticket = new_ticket ();
  g_autofree char *body = g_strdup_printf ("{\"assignee_id\": \"%s\"}", agent_id);
  g_autoptr(OkcTicket) claimed = patch_ok (ticket, agent, body);
  g_autoptr(OkcTestResponse) response = NULL;
  JsonArray *entries;
  JsonObject *assigned, *status;

  g_assert_cmpstr (okc_ticket_get_assignee_id (claimed), ==, agent_id);
  /* Claiming a new ticket opens it. */
  g_assert_cmpint (okc_ticket_get_status (claimed), ==, OKC_TICKET_STATUS_OPEN);

  entries = timeline (claimed, &response);
  g_assert_cmpuint (json_array_get_length (entries), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0),
                                                  "kind"), ==, "created");
  assigned = json_array_get_object_element (entries, 1);
  g_assert_cmpstr (json_object_get_string_member (assigned, "kind"), ==, "assigned");
  g_assert_true (json_object_get_null_member (assigned, "from"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (assigned, "to"),
                                                  "id"), ==, agent_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (assigned,
                                                                                 "actor"),
                                                  "id"), ==, agent_id);
  status = json_array_get_object_element (entries, 2);
  g_assert_cmpstr (json_object_get_string_member (status, "kind"), ==, "status_changed");
  g_assert_cmpstr (json_object_get_string_member (status, "from"), ==, "new");
  g_assert_cmpstr (json_object_get_string_member (status, "to"), ==, "open");
}

typedef struct
{
  guint pending;
  guint status[2];
  GBytes *body[2];
} Race;

typedef struct
{
  Race *race;
  guint index;
  SoupMessage *msg;
} RaceCall;

static void
race_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  RaceCall *call = user_data;
  g_autoptr(GError) error = NULL;

  call->race->body[call->index] =
    soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  call->race->status[call->index] = soup_message_get_status (call->msg);
  call->race->pending--;
}

/* Two agents claim the same version at once: exactly one wins, the other sees who did. */
static void
test_concurrent_claims (void)
{
  g_autoptr(OkcTicket) ticket = new_ticket ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *target = g_strconcat (url (), "/v1/tickets/", okc_ticket_get_id (ticket),
                                         NULL);
  const char *tokens[2] = { agent, supervisor };
  const char *ids[2] = { agent_id, supervisor_id };
  RaceCall calls[2];
  Race race = { 2, { 0, 0 }, { NULL, NULL } };
  guint winner;
  g_autoptr(JsonNode) loser = NULL;
  g_autoptr(OkcTicket) current = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *conflict;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", tokens[i], NULL);
      g_autofree char *json = g_strdup_printf ("{\"assignee_id\": \"%s\"}", ids[i]);
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

      calls[i] = (RaceCall) { &race, i, soup_message_new ("PATCH", target) };
      soup_message_headers_replace (soup_message_get_request_headers (calls[i].msg),
                                    "Authorization", authorization);
      soup_message_headers_replace (soup_message_get_request_headers (calls[i].msg),
                                    "If-Match", "\"1\"");
      soup_message_set_request_body_from_bytes (calls[i].msg, "application/json", body);
    }
  for (guint i = 0; i < 2; i++)
    soup_session_send_and_read_async (session, calls[i].msg, G_PRIORITY_DEFAULT, NULL, race_cb,
                                      &calls[i]);
  while (race.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true ((race.status[0] == 200 && race.status[1] == 412) ||
                 (race.status[0] == 412 && race.status[1] == 200));
  winner = race.status[0] == 200 ? 0 : 1;

  loser = okc_json_parse_bytes (race.body[1 - winner], &error);
  g_assert_no_error (error);
  conflict = json_object_get_object_member (json_node_get_object (loser), "error");
  g_assert_cmpstr (json_object_get_string_member (conflict, "code"), ==, "version_conflict");
  g_assert_nonnull (strstr (json_object_get_string_member (conflict, "message"),
                            "changed this ticket at"));
  current = decode_ticket (json_object_get_member (json_node_get_object (loser), "ticket"));
  g_assert_cmpint (okc_ticket_get_version (current), ==, 2);
  g_assert_cmpstr (okc_ticket_get_assignee_id (current), ==, ids[winner]);

  for (guint i = 0; i < 2; i++)
    {
      g_object_unref (calls[i].msg);
      g_bytes_unref (race.body[i]);
    }
}

static void
test_invalid (void)
{
  g_autoptr(OkcTicket) ticket = new_ticket ();
  g_autofree char *unknown = g_strdup ("{\"assignee_id\": \"USR-9999\"}");
  g_autofree char *bot = g_strdup_printf ("{\"assignee_id\": \"%s\"}", chatbot_id);
  static const struct
  {
    const char *json;
    const char *field;
  } cases[] = {
    { "{}", NULL },
    { "{\"status\": \"closed\"}", "status" },
    { "{\"status\": null}", "status" },
    { "{\"priority\": \"critical\"}", "priority" },
    { "{\"priority\": 3}", "priority" },
    { "{\"assignee_id\": 7}", "assignee_id" },
    { "{\"owner\": \"USR-0001\"}", "owner" },
    { "[]", NULL },
  };
  const char *users[][2] = { { unknown, "assignee_id" }, { bot, "assignee_id" } };
  g_autoptr(OkcTestResponse) missing = send ("PATCH", ticket, "", agent, 0,
                                             "{\"priority\": \"high\"}");
  g_autoptr(OkcTestResponse) after = NULL;

  okc_test_assert_error (missing, 428, "precondition_required", "If-Match");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OkcTestResponse) response = send ("PATCH", ticket, "", agent, 1, cases[i].json);

      g_test_message ("case %s", cases[i].json);
      okc_test_assert_error (response, 422, "invalid_input", cases[i].field);
    }
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(OkcTestResponse) response = send ("PATCH", ticket, "", agent, 1, users[i][0]);
      JsonObject *error = NULL;

      okc_test_assert_error (response, 422, "invalid_input", users[i][1]);
      error = json_object_get_object_member (okc_test_response_object (response), "error");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (error, "message"),
                                       "assignee_id: "));
      g_assert_null (strstr (json_object_get_string_member (error, "message"),
                             "assignee_id: assignee_id"));
    }

  /* None of that changed the ticket. */
  after = okc_test_get (url (), "/v1/tickets/TCK-999999", agent);
  g_assert_cmpuint (after->status, ==, 404);
  {
    g_autofree char *path = g_strconcat ("/v1/tickets/", okc_ticket_get_id (ticket), NULL);
    g_autoptr(OkcTestResponse) now = okc_test_get (url (), path, agent);
    g_autoptr(OkcTicket) same = decode_ticket (now->json);

    g_assert_cmpint (okc_ticket_get_version (same), ==, 1);
  }
}

static void
test_bad_if_match (void)
{
  g_autoptr(OkcTicket) ticket = new_ticket ();
  g_autofree char *target = g_strconcat (url (), "/v1/tickets/", okc_ticket_get_id (ticket),
                                         NULL);
  const char *values[] = { "1", "\"\"", "\"abc\"", "\"0\"", "W/\"1\"", "\"-1\"" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static ("{\"priority\": \"high\"}", 20);
      g_autoptr(OkcTestResponse) response =
        okc_test_http_if_match ("PATCH", target, agent, "application/json", body, values[i]);

      g_test_message ("If-Match: %s", values[i]);
      okc_test_assert_error (response, 400, "invalid_parameter", "If-Match");
    }
}

static void
test_stale (void)
{
  g_autoptr(OkcTicket) ticket = new_ticket ();
  g_autoptr(OkcTicket) changed = patch_ok (ticket, supervisor, "{\"priority\": \"urgent\"}");
  g_autoptr(OkcTestResponse) stale =
    send ("PATCH", ticket, "", agent, 1, "{\"priority\": \"low\"}");
  g_autoptr(OkcTicket) current = NULL;
  JsonObject *error;
  g_autofree char *expected = NULL;
  g_autoptr(GDateTime) changed_at = g_date_time_new_from_unix_utc (okc_ticket_get_updated_at (changed));
  g_autofree char *at = g_date_time_format (changed_at, "%-d %b %Y %H:%M UTC");

  g_assert_cmpuint (stale->status, ==, 412);
  error = json_object_get_object_member (okc_test_response_object (stale), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "version_conflict");
  expected = g_strdup_printf (" changed this ticket at %s: changed its priority from %s to Urgent",
                              at, okc_priority_get_label (okc_ticket_get_priority (ticket)));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (error, "message"),
                                   "Morgan Blake"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (error, "message"), expected));
  current = decode_ticket (json_object_get_member (okc_test_response_object (stale), "ticket"));
  g_assert_cmpint (okc_ticket_get_version (current), ==, 2);
  g_assert_cmpint (okc_ticket_get_priority (current), ==, OKC_PRIORITY_URGENT);
  g_assert_cmpstr (soup_message_headers_get_one (stale->headers, "ETag"), ==, "\"2\"");
}

static void
test_refund_pending (void)
{
  g_autoptr(OkcTicket) ticket = new_ticket ();
  g_autoptr(OkcTicket) pending = patch_ok (ticket, agent, "{\"status\": \"waiting_approval\"}");
  g_autoptr(OkcTestResponse) refused =
    send ("PATCH", pending, "", agent, 2, "{\"status\": \"resolved\"}");
  g_autoptr(OkcTestResponse) reply =
    send ("POST", pending, "/replies", agent, 2, "{\"text\": \"Done\", \"status\": \"resolved\"}");
  g_autoptr(OkcTestResponse) response = NULL;
  g_autoptr(OkcTicket) resolved = NULL, reopened = NULL, opened = NULL;

  okc_test_assert_error (refused, 409, "refund_pending", "status");
  g_assert_nonnull (strstr (json_object_get_string_member (
                              json_object_get_object_member (okc_test_response_object (refused),
                                                             "error"),
                              "message"),
                            "a refund is waiting for a supervisor's approval"));
  okc_test_assert_error (reply, 409, "refund_pending", "status");
  /* Neither was recorded. */
  g_assert_cmpuint (json_array_get_length (timeline (pending, &response)), ==, 2);

  /* Any other status may resolve; resolved → open reopens. */
  opened = patch_ok (pending, agent, "{\"status\": \"open\"}");
  resolved = patch_ok (opened, agent, "{\"status\": \"resolved\"}");
  reopened = patch_ok (resolved, agent, "{\"status\": \"open\"}");
  g_assert_cmpint (okc_ticket_get_status (reopened), ==, OKC_TICKET_STATUS_OPEN);
}

static void
test_sla (void)
{
  g_autoptr(OkcTicket) ticket = new_ticket ();
  g_autoptr(OkcTicket) waiting = NULL, back = NULL, urgent = NULL, resolved = NULL,
                       reopened = NULL;
  gint64 created = okc_ticket_get_created_at (ticket), paused;

  g_assert_cmpint (okc_ticket_get_sla_due_at (ticket), ==, created + target_seconds (ticket));
  g_assert_false (okc_ticket_get_sla_paused (ticket));

  waiting = patch_ok (ticket, agent, "{\"status\": \"waiting_customer\"}");
  g_assert_true (okc_ticket_get_sla_paused (waiting));
  g_assert_cmpint (okc_ticket_get_sla_due_at (waiting), ==, okc_ticket_get_sla_due_at (ticket));

  back = patch_ok (waiting, agent, "{\"status\": \"open\"}");
  paused = okc_ticket_get_updated_at (back) - okc_ticket_get_updated_at (waiting);
  g_assert_false (okc_ticket_get_sla_paused (back));
  g_assert_cmpint (okc_ticket_get_sla_due_at (back), ==,
                   created + target_seconds (ticket) + paused);

  urgent = patch_ok (back, agent, "{\"priority\": \"urgent\"}");
  g_assert_cmpint (okc_ticket_get_sla_due_at (urgent), ==, created + 2 * 3600 + paused);

  resolved = patch_ok (urgent, agent, "{\"status\": \"resolved\"}");
  g_assert_cmpint (okc_ticket_get_sla_due_at (resolved), ==, 0);
  g_assert_false (okc_ticket_get_sla_paused (resolved));
  reopened = patch_ok (resolved, agent, "{\"status\": \"open\"}");
  g_assert_cmpint (okc_ticket_get_sla_due_at (reopened), ==, created + 2 * 3600 + paused);
}

static void
test_policy (void)
{
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/sla-policy", agent);
  g_autoptr(OkcTestResponse) bot = okc_test_get (url (), "/v1/sla-policy", chatbot);
  JsonArray *targets;
  guint n_targets;
  const OkcSlaTarget *policy = okc_sla_policy_get_all (&n_targets);

  g_assert_cmpuint (response->status, ==, 200);
  okc_test_assert_error (bot, 403, "forbidden", NULL);
  targets = json_object_get_array_member (okc_test_response_object (response), "targets");
  g_assert_cmpuint (json_array_get_length (targets), ==, n_targets);
  for (guint i = 0; i < n_targets; i++)
    {
      JsonObject *target = json_array_get_object_element (targets, i);

      g_assert_cmpstr (json_object_get_string_member (target, "topic"), ==, policy[i].topic_id);
      g_assert_cmpint (json_object_get_int_member (target, "resolve_within_minutes"), ==,
                       policy[i].resolve_within_minutes);
    }
}

static void
test_notes_and_replies (void)
{
  g_autoptr(OkcTicket) ticket = new_ticket ();
  g_autoptr(OkcTestResponse) note =
    send ("POST", ticket, "/notes", agent, 0, "{\"text\": \"Heartbeat stopped at 06:10\"}");
  g_autoptr(OkcTestResponse) stale = NULL, reply = NULL, list = NULL, missing = NULL;
  g_autoptr(OkcTicket) after = NULL;
  g_autoptr(GString) longest = g_string_new ("{\"text\": \"");
  JsonObject *entry;
  JsonArray *entries;
  const char *bad[] = { "{\"text\": \"\"}", "{\"text\": \" \\n\\t \"}", "{}",
                        "{\"text\": 5}", "{\"text\": \"x\", \"status\": \"done\"}" };

  g_assert_cmpuint (note->status, ==, 201);
  entry = okc_test_response_object (note);
  g_assert_cmpstr (json_object_get_string_member (entry, "kind"), ==, "note");
  g_assert_cmpstr (json_object_get_string_member (entry, "text"), ==,
                   "Heartbeat stopped at 06:10");
  g_assert_cmpstr (soup_message_headers_get_one (note->headers, "ETag"), ==, "\"2\"");

  /* A reply from version 1 is stale now, and is not recorded. */
  stale = send ("POST", ticket, "/replies", agent, 1, "{\"text\": \"On it\"}");
  g_assert_cmpuint (stale->status, ==, 412);
  g_assert_nonnull (strstr (json_object_get_string_member (
                              json_object_get_object_member (okc_test_response_object (stale),
                                                             "error"),
                              "message"),
                            "added an internal note"));
  missing = send ("POST", ticket, "/replies", agent, 0, "{\"text\": \"On it\"}");
  okc_test_assert_error (missing, 428, "precondition_required", "If-Match");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(OkcTestResponse) response = send ("POST", ticket, "/replies", agent, 2, bad[i]);

      g_test_message ("case %s", bad[i]);
      g_assert_cmpuint (response->status, ==, 422);
    }
  for (guint i = 0; i < 20000; i++)
    g_string_append_c (longest, 'x');
  g_string_append (longest, "\"}");
  {
    g_autoptr(OkcTestResponse) ok = send ("POST", ticket, "/notes", agent, 0, longest->str);
    g_autoptr(OkcTestResponse) too_long = NULL;

    g_assert_cmpuint (ok->status, ==, 201);
    g_string_insert_c (longest, 10, 'y');
    too_long = send ("POST", ticket, "/notes", agent, 0, longest->str);
    okc_test_assert_error (too_long, 422, "invalid_input", "text");
  }

  reply = send ("POST", ticket, "/replies", agent, 3,
                "{\"text\": \"Could you send a photo of the QR label?\","
                " \"status\": \"waiting_customer\"}");
  g_assert_cmpuint (reply->status, ==, 201);
  entry = json_object_get_object_member (okc_test_response_object (reply), "entry");
  g_assert_cmpstr (json_object_get_string_member (entry, "kind"), ==, "reply");
  after = decode_ticket (json_object_get_member (okc_test_response_object (reply), "ticket"));
  g_assert_cmpint (okc_ticket_get_version (after), ==, 4);
  g_assert_cmpint (okc_ticket_get_status (after), ==, OKC_TICKET_STATUS_WAITING_CUSTOMER);
  g_assert_true (okc_ticket_get_sla_paused (after));

  entries = timeline (after, &list);
  /* created, note, the long note, reply, status_changed; oldest first */
  g_assert_cmpuint (json_array_get_length (entries), ==, 5);
  {
    const char *kinds[] = { "created", "note", "note", "reply", "status_changed" };
    g_autofree char *previous = NULL;

    for (guint i = 0; i < 5; i++)
      {
        JsonObject *e = json_array_get_object_element (entries, i);
        const char *id = json_object_get_string_member (e, "id");

        g_assert_cmpstr (json_object_get_string_member (e, "kind"), ==, kinds[i]);
        if (previous != NULL)
          g_assert_cmpint (strcmp (previous, id), <, 0);
        g_free (previous);
        previous = g_strdup (id);
      }
  }
}

static void
test_timeline_every_change (void)
{
  g_autoptr(OkcTicket) ticket = new_ticket ();
  g_autofree char *assign = g_strdup_printf ("{\"assignee_id\": \"%s\"}", supervisor_id);
  g_autoptr(OkcTicket) assigned = patch_ok (ticket, agent, assign);
  g_autoptr(OkcTicket) released = patch_ok (assigned, agent, "{\"assignee_id\": null}");
  g_autoptr(OkcTicket) high = patch_ok (released, agent, "{\"priority\": \"low\"}");
  g_autoptr(OkcTestResponse) response = NULL;
  JsonArray *entries = timeline (high, &response);
  JsonObject *release, *priority;

  /* created, assigned, status_changed (new → open), assigned (released), priority_changed */
  g_assert_cmpuint (json_array_get_length (entries), ==, 5);
  release = json_array_get_object_element (entries, 3);
  g_assert_cmpstr (json_object_get_string_member (release, "kind"), ==, "assigned");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (release, "from"),
                                                  "name"), ==, "Morgan Blake");
  g_assert_true (json_object_get_null_member (release, "to"));
  priority = json_array_get_object_element (entries, 4);
  g_assert_cmpstr (json_object_get_string_member (priority, "kind"), ==, "priority_changed");
  g_assert_cmpstr (json_object_get_string_member (priority, "to"), ==, "low");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (entries, 0),
                                              "actor"));
  g_assert_null (okc_ticket_get_assignee_id (released));
}

/* The demo generator's tickets: a timeline that tells how each got to its state, one
 * version a change, and SLA times that agree with the policy. */
static void
test_generated (void)
{
  g_autoptr(OkcTestResponse) page = okc_test_get (url (), "/v1/tickets?limit=500", agent);
  JsonArray *tickets = json_object_get_array_member (okc_test_response_object (page), "tickets");
  guint n_changed = 0;

  g_assert_cmpuint (page->status, ==, 200);
  for (guint i = 0; i < json_array_get_length (tickets); i++)
    {
      g_autoptr(OkcTicket) ticket = decode_ticket (json_array_get_element (tickets, i));
      g_autoptr(OkcTestResponse) response = NULL;
      g_autoptr(GHashTable) times = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      JsonArray *entries;
      const char *status = "new", *assignee = NULL;
      const char *priority = NULL;
      JsonObject *first;
      gint64 last_at = 0;

      if (g_str_equal (okc_ticket_get_requester (ticket)->name, "Maya Chen"))
        continue; /* made by the other tests */
      entries = timeline (ticket, &response);
      first = json_array_get_object_element (entries, 0);
      g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "created");
      g_assert_cmpint (okc_time_parse_rfc3339 (json_object_get_string_member (first, "at"),
                                               &last_at), ==, TRUE);
      g_assert_cmpint (last_at, ==, okc_ticket_get_created_at (ticket));

      for (guint k = 1; k < json_array_get_length (entries); k++)
        {
          JsonObject *entry = json_array_get_object_element (entries, k);
          const char *kind = json_object_get_string_member (entry, "kind");
          gint64 *at = g_new (gint64, 1);

          g_assert_true (okc_time_parse_rfc3339 (json_object_get_string_member (entry, "at"), at));
          g_assert_cmpint (*at, >=, last_at);
          g_assert_cmpint (*at, <=, okc_ticket_get_updated_at (ticket));
          last_at = *at;
          g_hash_table_add (times, at);
          g_assert_false (json_object_get_null_member (entry, "actor"));
          if (g_str_equal (kind, "status_changed"))
            {
              g_assert_cmpstr (json_object_get_string_member (entry, "from"), ==, status);
              status = json_object_get_string_member (entry, "to");
            }
          else if (g_str_equal (kind, "assigned"))
            assignee = json_object_get_string_member (json_object_get_object_member (entry, "to"),
                                                      "id");
          else if (g_str_equal (kind, "priority_changed"))
            priority = json_object_get_string_member (entry, "to");
          /* The refunds the demo plants, waiting for approval, note their request. */
          else if (!g_str_equal (kind, "note"))
            g_assert_not_reached ();
        }
      g_assert_cmpstr (status, ==,
                       okc_enum_to_nick (OKC_TYPE_TICKET_STATUS, okc_ticket_get_status (ticket)));
      g_assert_cmpstr (assignee, ==, okc_ticket_get_assignee_id (ticket));
      if (priority != NULL)
        g_assert_cmpstr (priority, ==,
                         okc_enum_to_nick (OKC_TYPE_PRIORITY, okc_ticket_get_priority (ticket)));
      g_assert_cmpint (okc_ticket_get_version (ticket), ==, 1 + g_hash_table_size (times));
      if (okc_ticket_get_version (ticket) > 1)
        {
          g_assert_cmpint (last_at, ==, okc_ticket_get_updated_at (ticket));
          n_changed++;
        }

      if (okc_ticket_get_status (ticket) == OKC_TICKET_STATUS_RESOLVED)
        g_assert_cmpint (okc_ticket_get_sla_due_at (ticket), ==, 0);
      else
        g_assert_cmpint (okc_ticket_get_sla_due_at (ticket), ==,
                         okc_ticket_get_created_at (ticket) + target_seconds (ticket));
      g_assert_cmpint (okc_ticket_get_sla_paused (ticket), ==,
                       okc_ticket_get_status (ticket) == OKC_TICKET_STATUS_WAITING_CUSTOMER);
    }
  g_assert_cmpuint (n_changed, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Backend/workflow/claim", test_claim);
  g_test_add_func ("/Okc/Backend/workflow/concurrent-claims", test_concurrent_claims);
  g_test_add_func ("/Okc/Backend/workflow/invalid", test_invalid);
  g_test_add_func ("/Okc/Backend/workflow/bad-if-match", test_bad_if_match);
  g_test_add_func ("/Okc/Backend/workflow/stale", test_stale);
  g_test_add_func ("/Okc/Backend/workflow/refund-pending", test_refund_pending);
  g_test_add_func ("/Okc/Backend/workflow/sla", test_sla);
  g_test_add_func ("/Okc/Backend/workflow/policy", test_policy);
  g_test_add_func ("/Okc/Backend/workflow/notes-and-replies", test_notes_and_replies);
  g_test_add_func ("/Okc/Backend/workflow/timeline", test_timeline_every_change);
  g_test_add_func ("/Okc/Backend/workflow/generated", test_generated);

  backend = okc_test_backend_start ((const char *[]) { "--tickets", "60", NULL });
  chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  supervisor = okc_test_sign_in (url (), OKC_TEST_SUPERVISOR_EMAIL, "demo-supervisor");
  agent_id = user_id (agent);
  supervisor_id = user_id (supervisor);
  chatbot_id = user_id (chatbot);
  status = g_test_run ();
  okc_test_backend_stop (backend);
  g_free (agent);
  g_free (supervisor);
  g_free (chatbot);
  g_free (agent_id);
  g_free (supervisor_id);
  g_free (chatbot_id);
  return status;
}
