/* test-backend-audit.c — GET /v1/audit over loopback: each filter, paging through many
 * entries, who may read what, and bad parameters named
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-test-backend.h"

/* Refunds of one cent each, so that one session takes them all. */
#define N_BY_AGENT 23
#define N_BY_SUPERVISOR 14
#define N_ON_TICKET 5

static OkcTestBackend *backend;
static char *agent;
static char *supervisor;
static char *chatbot;
static char *agent_id;
static char *supervisor_id;
static char *ticket_id;
static GPtrArray *refund_ids;

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

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
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static gint64
query_count (const char *sql)
{
  g_autofree char *text = query_text (sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

static char *
user_id (const char *email)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM users WHERE email = '%s'", email);
  char *id = query_text (sql);

  g_assert_nonnull (id);
  return id;
}

static char *
some_ticket (void)
{
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/tickets?limit=1", agent);
  JsonArray *items;

  g_assert_cmpuint (response->status, ==, 200);
  items = json_object_get_array_member (okc_test_response_object (response), "tickets");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                  "id"));
}

static void
refund_one_cent (const char *token,
                 const char *session_id,
                 const char *ticket)
{
  g_autofree char *ticket_member = ticket != NULL ? g_strdup_printf (", \"ticket_id\": \"%s\"",
                                                                     ticket)
                                                  : g_strdup ("");
  g_autofree char *body =
    g_strdup_printf ("{\"session_id\": \"%s\", \"amount\": {\"amount\": 1, \"currency\": "
                     "\"USD\"}, \"reason\": \"goodwill\", \"note\": \"sorry for the wait\"%s}",
                     session_id, ticket_member);
  g_autoptr(OkcTestResponse) response = okc_test_post_json (url (), "/v1/refunds", token, body);

  g_assert_cmpuint (response->status, ==, 201);
  g_ptr_array_add (refund_ids, g_strdup (json_object_get_string_member (
                                           okc_test_response_object (response), "id")));
}

/* The actions the tests read: refunds by the agent (some from a ticket) and by the
 * supervisor, each a refund.create entry. */
static void
make_entries (void)
{
  g_autofree char *session_id =
    query_text ("SELECT id FROM sessions WHERE currency = 'USD' AND total >= 100 ORDER BY id");

  g_assert_nonnull (session_id);
  refund_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < N_BY_AGENT; i++)
    refund_one_cent (agent, session_id, i < N_ON_TICKET ? ticket_id : NULL);
  for (guint i = 0; i < N_BY_SUPERVISOR; i++)
    refund_one_cent (supervisor, session_id, NULL);
}

static JsonArray *
entries_of (OkcTestResponse *response)
{
  if (response->status != 200)
    g_test_message ("unexpected answer: %.*s", (int) g_bytes_get_size (response->body),
                    (const char *) g_bytes_get_data (response->body, NULL));
  g_assert_cmpuint (response->status, ==, 200);
  return json_object_get_array_member (okc_test_response_object (response), "entries");
}

static void
test_entry_shape (void)
{
  g_autofree char *path = g_strdup_printf ("/v1/audit?target_kind=refund&target_id=%s",
                                           (const char *) g_ptr_array_index (refund_ids, 0));
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, supervisor);
  JsonArray *entries = entries_of (response);
  JsonObject *entry, *actor, *target, *after;
  gint64 at;

  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  g_assert_true (json_node_is_null (json_object_get_member (okc_test_response_object (response),
                                                            "next_cursor")));
  entry = json_array_get_object_element (entries, 0);
  g_assert_cmpint (json_object_get_int_member (entry, "seq"), >, 0);
  g_assert_true (okc_time_parse_rfc3339 (json_object_get_string_member (entry, "at"), &at));
  g_assert_cmpstr (json_object_get_string_member (entry, "action"), ==, "refund.create");
  actor = json_object_get_object_member (entry, "actor");
  g_assert_cmpstr (json_object_get_string_member (actor, "id"), ==, agent_id);
  g_assert_cmpstr (json_object_get_string_member (actor, "name"), ==, "Alex Rivera");
  g_assert_cmpstr (json_object_get_string_member (actor, "role"), ==, "agent");
  target = json_object_get_object_member (entry, "target");
  g_assert_cmpstr (json_object_get_string_member (target, "kind"), ==, "refund");
  g_assert_cmpstr (json_object_get_string_member (target, "id"), ==,
                   g_ptr_array_index (refund_ids, 0));
  g_assert_cmpstr (json_object_get_string_member (entry, "ticket_id"), ==, ticket_id);
  g_assert_true (json_node_is_null (json_object_get_member (entry, "before")));
  after = json_object_get_object_member (entry, "after");
  g_assert_cmpstr (json_object_get_string_member (after, "id"), ==,
                   g_ptr_array_index (refund_ids, 0));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (after, "amount"),
                                               "amount"), ==, 1);
}

/* Pages through every entry that @query (with "?…&") selects, @limit at a time, checking
 * that they come newest first with no entry twice; returns how many there were. */
static guint
count_pages (const char *query,
             guint       limit,
             const char *token)
{
  g_autofree char *cursor = NULL;
  gint64 last_seq = G_MAXINT64;
  guint n = 0, n_pages = 0;

  do
    {
      g_autofree char *path = g_strdup_printf ("/v1/audit?%slimit=%u%s%s", query, limit,
                                               cursor != NULL ? "&cursor=" : "",
                                               cursor != NULL ? cursor : "");
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, token);
      JsonArray *entries = entries_of (response);
      JsonNode *next = json_object_get_member (okc_test_response_object (response),
                                               "next_cursor");

      g_assert_cmpuint (json_array_get_length (entries), <=, limit);
      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          gint64 seq = json_object_get_int_member (json_array_get_object_element (entries, i),
                                                   "seq");

          g_assert_cmpint (seq, <, last_seq);
          last_seq = seq;
          n++;
        }
      g_clear_pointer (&cursor, g_free);
      if (!json_node_is_null (next))
        {
          g_assert_cmpuint (json_array_get_length (entries), ==, limit);
          cursor = g_strdup (json_node_get_string (next));
        }
      n_pages++;
    }
  while (cursor != NULL);
  g_assert_cmpuint (n_pages, ==, n == 0 ? 1 : (n + limit - 1) / limit);
  return n;
}

static void
test_paging (void)
{
  gint64 n_created = query_count ("SELECT count(*) FROM audit_log "
                                  "WHERE action = 'refund.create'");
  gint64 n_all = query_count ("SELECT count(*) FROM audit_log");

  g_assert_cmpint (n_created, >=, N_BY_AGENT + N_BY_SUPERVISOR);
  g_assert_cmpuint (count_pages ("action=refund.create&", 7, supervisor), ==, n_created);
  g_assert_cmpuint (count_pages ("action=refund.create&", 500, supervisor), ==, n_created);
  /* The whole trail, in pages of one; the fleet simulator may add entries meanwhile, and
   * those are newer than the cursor, so never read again. */
  g_assert_cmpuint (count_pages ("", 1, supervisor), >=, n_all);
}

static void
test_filters (void)
{
  g_autofree char *by_agent = g_strdup_printf ("action=refund.&actor_id=%s&", agent_id);
  g_autofree char *by_supervisor = g_strdup_printf ("action=refund.create&actor_id=%s&",
                                                    supervisor_id);
  g_autofree char *on_ticket = g_strdup_printf ("ticket_id=%s&action=refund.create&",
                                                ticket_id);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = "
                                          "'refund.create' AND actor_id = '%s'", agent_id);

  g_assert_cmpuint (count_pages (by_agent, 10, supervisor), ==, query_count (sql));
  g_assert_cmpuint (count_pages (by_supervisor, 10, supervisor), ==, N_BY_SUPERVISOR);
  g_assert_cmpuint (count_pages (on_ticket, 2, supervisor), ==, N_ON_TICKET);
  /* A prefix is of the action's text, not of a word: "refund.c" is refund.create's. */
  g_assert_cmpuint (count_pages ("action=refund.c&target_kind=refund&", 100, supervisor), ==,
                    query_count ("SELECT count(*) FROM audit_log WHERE action = "
                                 "'refund.create'"));
  g_assert_cmpuint (count_pages ("action=refund.created&", 100, supervisor), ==, 0);
  g_assert_cmpuint (count_pages ("target_kind=nothing&", 100, supervisor), ==, 0);
}

static void
test_dates (void)
{
  g_autofree char *at_text = query_text ("SELECT max(at) FROM audit_log "
                                         "WHERE action = 'refund.create'");
  gint64 at = g_ascii_strtoll (at_text, NULL, 10);
  g_autofree char *from = okc_time_format_rfc3339 (at);
  g_autofree char *to = okc_time_format_rfc3339 (at + 1);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = "
                                          "'refund.create' AND at = %s", at_text);
  g_autofree char *within = g_strdup_printf ("action=refund.create&from=%s&to=%s&", from, to);
  g_autofree char *before = g_strdup_printf ("action=refund.create&to=%s&", from);
  g_autofree char *after = g_strdup_printf ("action=refund.create&from=%s&", to);
  gint64 n_at = query_count (sql);

  g_assert_cmpint (n_at, >, 0);
  g_assert_cmpuint (count_pages (within, 100, supervisor), ==, n_at);
  g_assert_cmpuint (count_pages (before, 100, supervisor), ==,
                    query_count ("SELECT count(*) FROM audit_log WHERE action = "
                                 "'refund.create'") - n_at);
  g_assert_cmpuint (count_pages (after, 100, supervisor), ==, 0);
}

static void
test_roles (void)
{
  g_autofree char *on_ticket = g_strdup_printf ("/v1/audit?ticket_id=%s", ticket_id);

  {
    g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/audit", agent);
    okc_test_assert_error (response, 403, "forbidden", "ticket_id");
  }
  {
    g_autofree char *path = g_strdup_printf ("/v1/audit?actor_id=%s", agent_id);
    g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
    okc_test_assert_error (response, 403, "forbidden", "ticket_id");
  }
  {
    g_autoptr(OkcTestResponse) response = okc_test_get (url (), on_ticket, agent);
    JsonArray *entries = entries_of (response);

    g_assert_cmpuint (json_array_get_length (entries), >=, N_ON_TICKET);
    for (guint i = 0; i < json_array_get_length (entries); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, i),
                                                      "ticket_id"), ==, ticket_id);
  }
  {
    g_autoptr(OkcTestResponse) response = okc_test_get (url (), on_ticket, chatbot);
    okc_test_assert_error (response, 403, "forbidden", NULL);
  }
  {
    g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/audit", NULL);
    g_assert_cmpuint (response->status, ==, 401);
  }
}

/* The one entry of @action on charger @charger_id, newest first. */
static JsonObject *
charger_entry (OkcTestResponse **response,
               const char       *action,
               const char       *charger_id)
{
  g_autofree char *path =
    g_strdup_printf ("/v1/audit?action=%s&target_kind=charger&target_id=%s&limit=1", action,
                     charger_id);
  JsonArray *entries;

  *response = okc_test_get (url (), path, supervisor);
  entries = entries_of (*response);
  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  return json_array_get_object_element (entries, 0);
}

/* The records made elsewhere have the before and after of docs/actions.md's table. */
static void
test_records (void)
{
  g_autofree char *charger_id = query_text ("SELECT id FROM chargers ORDER BY id");
  g_autofree char *commands = g_strdup_printf ("/v1/chargers/%s/commands", charger_id);
  g_autofree char *faults = g_strdup_printf ("/v1/simulator/chargers/%s/faults", charger_id);
  g_autofree char *command_body =
    g_strdup_printf ("{\"kind\": \"trigger_heartbeat\", \"connector_id\": 0, "
                     "\"ticket_id\": \"%s\"}", ticket_id);
  g_autoptr(OkcTestResponse) sent = okc_test_post_json (url (), commands, agent, command_body);
  g_autoptr(OkcTestResponse) injected =
    okc_test_post_json (url (), faults, agent, "{\"cause\": \"firmware_glitch\"}");
  g_autoptr(OkcTestResponse) command_response = NULL;
  g_autoptr(OkcTestResponse) fault_response = NULL;
  JsonObject *command, *fault;

  g_assert_cmpuint (sent->status, ==, 202);
  g_assert_cmpuint (injected->status, ==, 200);

  /* charger.command: null → the Command, from the ticket. */
  command = charger_entry (&command_response, "charger.command&", charger_id);
  g_assert_cmpstr (json_object_get_string_member (command, "action"), ==, "charger.command");
  g_assert_cmpstr (json_object_get_string_member (command, "ticket_id"), ==, ticket_id);
  g_assert_true (json_node_is_null (json_object_get_member (command, "before")));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (command,
                                                                                 "after"),
                                                  "id"), ==,
                   json_object_get_string_member (okc_test_response_object (sent), "id"));

  /* simulator.fault: {cause} → {cause}. */
  fault = charger_entry (&fault_response, "simulator.", charger_id);
  g_assert_cmpstr (json_object_get_string_member (fault, "action"), ==, "simulator.fault");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (fault, "before"),
                                                  "cause"), ==, "none");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (fault, "after"),
                                                  "cause"), ==, "firmware_glitch");
}

static void
test_bad_parameters (void)
{
  static const struct
  {
    const char *query;
    guint status;
    const char *field;
  } cases[] = {
    { "limit=0", 400, "limit" },
    { "limit=501", 400, "limit" },
    { "limit=ten", 400, "limit" },
    { "from=yesterday", 400, "from" },
    { "to=2026-13-01T00:00:00Z", 400, "to" },
    { "from=2026-11-24T10:00:00Z&to=2026-11-24T10:00:00Z", 422, "to" },
    { "from=2026-11-24T10:00:00Z&to=2026-11-23T10:00:00Z", 422, "to" },
    { "cursor=12", 400, "cursor" },
    { "cursor=azz", 400, "cursor" },
    { "cursor=", 400, "cursor" },
    { "actor_id=", 400, "actor_id" },
    { "action=", 400, "action" },
    { "actor=USR-1", 400, "actor" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/audit?%s", cases[i].query);
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, supervisor);

      g_test_message ("%s", cases[i].query);
      okc_test_assert_error (response, cases[i].status,
                             cases[i].status == 400 ? "invalid_parameter" : "invalid_input",
                             cases[i].field);
    }
}

int
main (int    argc,
      char **argv)
{
  const char * const args[] = { "--refund-approval-threshold", "100000", "--simulator-control",
                                NULL };
  int status;

  g_test_init (&argc, &argv, NULL);
  backend = okc_test_backend_start (args);
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  supervisor = okc_test_sign_in (url (), OKC_TEST_SUPERVISOR_EMAIL, "demo-supervisor");
  chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");
  agent_id = user_id (OKC_TEST_AGENT_EMAIL);
  supervisor_id = user_id (OKC_TEST_SUPERVISOR_EMAIL);
  ticket_id = some_ticket ();
  make_entries ();

  g_test_add_func ("/Backend/Audit/entry", test_entry_shape);
  g_test_add_func ("/Backend/Audit/paging", test_paging);
  g_test_add_func ("/Backend/Audit/filters", test_filters);
  g_test_add_func ("/Backend/Audit/dates", test_dates);
  g_test_add_func ("/Backend/Audit/roles", test_roles);
  g_test_add_func ("/Backend/Audit/records", test_records);
  g_test_add_func ("/Backend/Audit/bad-parameters", test_bad_parameters);
  status = g_test_run ();

  okc_test_backend_stop (backend);
  g_clear_pointer (&refund_ids, g_ptr_array_unref);
  g_free (agent);
  g_free (supervisor);
  g_free (chatbot);
  g_free (agent_id);
  g_free (supervisor_id);
  g_free (ticket_id);
  return status;
}
