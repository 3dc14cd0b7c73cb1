/* test-backend-access.c — charger access (docs/actions.md, topic 3): the three policies,
 * grants with and without dates, guests' bookings, revocations, their audit records, and
 * a guest's start through the simulator, against a real backend
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-test-backend.h"

#define DAY (24 * 60 * 60)

static OkcTestBackend *backend;
static char *agent;
static char *chatbot;

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

static sqlite3 *
open_db (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (okc_test_backend_get_database (backend), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

/* The first row of @sql, its columns as strings (NULL for SQL NULL), or NULL when none. */
static GStrv
query_row (const char *sql,
           const char *param)
{
  g_autoptr(GStrvBuilder) row = g_strv_builder_new ();
  sqlite3 *db = open_db ();
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  for (int i = 0; found && i < sqlite3_column_count (stmt); i++)
    g_strv_builder_add (row, sqlite3_column_text (stmt, i) != NULL
                               ? (const char *) sqlite3_column_text (stmt, i) : "");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return found ? g_strv_builder_end (row) : NULL;
}

static void
exec_sql (const char *sql)
{
  sqlite3 *db = open_db ();
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
rfc3339 (gint64 unix_time)
{
  return okc_time_format_rfc3339 (unix_time);
}

static OkcTestResponse *
put_json (const char *path,
          const char *token,
          const char *json)
{
  g_autofree char *address = g_strconcat (url (), path, NULL);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  return okc_test_http ("PUT", address, token, "application/json", body);
}

static OkcTestResponse *
set_policy (const char *charger_id,
            const char *policy)
{
  g_autofree char *path = g_strdup_printf ("/v1/chargers/%s/access-policy", charger_id);
  g_autofree char *body = g_strdup_printf ("{\"policy\": \"%s\"}", policy);

  return put_json (path, agent, body);
}

static OkcChargerAccess *
check (const char *charger_id,
       const char *email)
{
  g_autofree char *path = g_strdup_printf ("/v1/chargers/%s/access?account=%s", charger_id, email);
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);
  g_autoptr(GError) error = NULL;
  OkcChargerAccess *access;

  g_assert_cmpuint (response->status, ==, 200);
  access = okc_charger_access_new_from_json (response->json, NULL, &error);
  g_assert_no_error (error);
  return access;
}

static OkcTestResponse *
post (const char *charger_id,
      const char *what,
      const char *body)
{
  g_autofree char *path = g_strdup_printf ("/v1/chargers/%s/%s", charger_id, what);

  return okc_test_post_json (url (), path, agent, body);
}

static OkcAccessGrant *
grant (const char *charger_id,
       const char *body)
{
  g_autoptr(OkcTestResponse) response = post (charger_id, "access-grants", body);
  g_autoptr(GError) error = NULL;
  OkcAccessGrant *result;

  g_assert_cmpuint (response->status, ==, 201);
  result = okc_access_grant_new_from_json (response->json, NULL, &error);
  g_assert_no_error (error);
  return result;
}

/* The no-permission tickets' chargers keep the policies the demo gave them. */
#define NOT_A_TICKETS_CHARGER \
  "AND id NOT IN (SELECT charger_id FROM tickets WHERE topic = 'no-permission' " \
  "AND charger_id IS NOT NULL) "

/* A charger at a property, and a guest account that is on no list of it. Each test takes
 * its own charger (by @nth) so that they do not depend on each other's grants. */
typedef struct
{
  GStrv charger;   /* id, property id */
  GStrv guest;     /* id, name, email */
} Pair;

static void
pair_clear (Pair *pair)
{
  g_strfreev (pair->charger);
  g_strfreev (pair->guest);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pair, pair_clear)

static void
pick_pair (Pair *pair,
           guint nth)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT id, property_id FROM chargers WHERE property_id IS NOT NULL " NOT_A_TICKETS_CHARGER
    "ORDER BY id LIMIT 1 OFFSET %u", nth);
  g_autofree char *guest_sql = NULL;

  pair->charger = query_row (sql, NULL);
  g_assert_nonnull (pair->charger);
  /* No grant here, and no booking anywhere: only what the test makes counts. */
  guest_sql = g_strdup_printf (
    "SELECT a.id, a.name, a.email FROM accounts a WHERE a.kind = 'guest' "
    "AND NOT EXISTS (SELECT 1 FROM charger_access x WHERE x.account_id = a.id AND x.charger_id = ?1) "
    "AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.account_id = a.id) "
    "AND (SELECT count (*) FROM accounts o WHERE o.email = a.email COLLATE NOCASE) = 1 "
    "ORDER BY a.id LIMIT 1 OFFSET %u", nth);
  pair->guest = query_row (guest_sql, pair->charger[0]);
  g_assert_nonnull (pair->guest);
}

static void
insert_booking (const char *id,
                const char *property_id,
                const char *account_id,
                gint64      check_in,
                gint64      check_out)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO bookings (id, property_id, unit_id, account_id, guest_name, guest_email, "
    "check_in, check_out, pms_reference, synced_at) SELECT '%s', '%s', NULL, id, name, email, "
    "%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'test-%s', %" G_GINT64_FORMAT
    " FROM accounts WHERE id = '%s'",
    id, property_id, check_in, check_out, id, now (), account_id);

  exec_sql (sql);
}

static void
test_policies (void)
{
  g_auto(Pair) pair = { 0 };
  static const char * const policies[] = { "public", "access_list", "residents_guests" };
  g_autoptr(OkcTestResponse) bad = NULL;
  g_autoptr(OkcTestResponse) unknown = NULL;
  g_autoptr(OkcTestResponse) no_ticket = NULL;
  g_autoptr(OkcTestResponse) by_chatbot = NULL;
  g_autofree char *path = NULL;

  pick_pair (&pair, 0);
  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    {
      g_autoptr(OkcTestResponse) response = set_policy (pair.charger[0], policies[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcCharger) charger = NULL;
      g_auto(GStrv) audit = NULL;
      g_autofree char *after = g_strdup_printf ("{\"access\":\"%s\"}", policies[i]);

      g_assert_cmpuint (response->status, ==, 200);
      charger = okc_charger_new_from_json (response->json, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (okc_enum_to_nick (OKC_TYPE_CHARGER_POLICY, okc_charger_get_access (charger)),
                       ==, policies[i]);
      audit = query_row ("SELECT actor_id, before, after FROM audit_log "
                         "WHERE action = 'charger.access_policy' AND target_id = ?1 "
                         "ORDER BY seq DESC LIMIT 1", pair.charger[0]);
      g_assert_nonnull (audit);
      g_assert_cmpstr (audit[0], ==, "USR-0001");
      g_assert_cmpstr (audit[2], ==, after);
      if (i > 0)
        {
          g_autofree char *before = g_strdup_printf ("{\"access\":\"%s\"}", policies[i - 1]);
          g_assert_cmpstr (audit[1], ==, before);
        }
    }

  bad = set_policy (pair.charger[0], "restricted");
  okc_test_assert_error (bad, 422, "invalid_input", "policy");
  unknown = set_policy ("CH-99999", "public");
  okc_test_assert_error (unknown, 404, "not_found", NULL);
  path = g_strdup_printf ("/v1/chargers/%s/access-policy", pair.charger[0]);
  no_ticket = put_json (path, agent, "{\"policy\": \"public\", \"ticket_id\": \"TCK-NONE\"}");
  okc_test_assert_error (no_ticket, 422, "invalid_input", "ticket_id");
  by_chatbot = put_json (path, chatbot, "{\"policy\": \"public\"}");
  g_assert_cmpuint (by_chatbot->status, ==, 403);
}

/* access_list: only a grant lets the guest in, and only within its dates. */
static void
test_grant_dates (void)
{
  g_auto(Pair) pair = { 0 };
  g_autoptr(OkcTestResponse) policy = NULL;
  g_autoptr(OkcChargerAccess) before = NULL;
  g_autoptr(OkcAccessGrant) future = NULL;
  g_autoptr(OkcChargerAccess) not_yet = NULL;
  g_autoptr(OkcAccessGrant) past = NULL;
  g_autoptr(OkcChargerAccess) expired = NULL;
  g_autoptr(OkcAccessGrant) always = NULL;
  g_autoptr(OkcChargerAccess) listed = NULL;
  g_autoptr(OkcAccessGrant) current = NULL;
  g_autoptr(OkcChargerAccess) in_dates = NULL;
  g_autofree char *from = rfc3339 (now () + DAY), *to = rfc3339 (now () + 3 * DAY);
  g_autofree char *past_from = rfc3339 (now () - 3 * DAY), *past_to = rfc3339 (now () - DAY);
  g_autofree char *body = NULL;
  g_auto(GStrv) count = NULL;

  pick_pair (&pair, 1);
  policy = set_policy (pair.charger[0], "access_list");
  g_assert_cmpuint (policy->status, ==, 200);
  before = check (pair.charger[0], pair.guest[2]);
  g_assert_cmpint (okc_charger_access_get_reason (before), ==, OKC_ACCESS_REASON_NOT_LISTED);
  g_assert_null (okc_charger_access_get_grant (before));

  body = g_strdup_printf ("{\"account\": \"%s\", \"valid_from\": \"%s\", \"valid_to\": \"%s\"}",
                          pair.guest[2], from, to);
  future = grant (pair.charger[0], body);
  g_assert_cmpstr (okc_access_grant_get_account_id (future), ==, pair.guest[0]);
  g_assert_cmpstr (okc_access_grant_get_granted_by_name (future), ==, "Alex Rivera");
  g_assert_null (okc_access_grant_get_booking_id (future));
  not_yet = check (pair.charger[0], pair.guest[2]);
  g_assert_cmpint (okc_charger_access_get_reason (not_yet), ==, OKC_ACCESS_REASON_NOT_YET_VALID);
  g_assert_false (okc_charger_access_get_allowed (not_yet));
  g_assert_nonnull (okc_charger_access_get_grant (not_yet));
  g_assert_cmpint (okc_access_grant_get_valid_from (okc_charger_access_get_grant (not_yet)), ==,
                   okc_access_grant_get_valid_from (future));

  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"account\": \"%s\", \"valid_from\": \"%s\", \"valid_to\": \"%s\"}",
                          pair.guest[0], past_from, past_to);
  past = grant (pair.charger[0], body);
  expired = check (pair.charger[0], pair.guest[2]);
  g_assert_cmpint (okc_charger_access_get_reason (expired), ==, OKC_ACCESS_REASON_EXPIRED);
  g_assert_false (okc_charger_access_get_allowed (expired));

  /* Granting again replaced the grant: one entry per account. */
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT count (*) FROM charger_access WHERE charger_id = ?1 AND account_id = '%s'",
      pair.guest[0]);
    count = query_row (sql, pair.charger[0]);
    g_assert_cmpstr (count[0], ==, "1");
  }

  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"account\": \"%s\", \"valid_from\": \"%s\"}", pair.guest[2], past_to);
  current = grant (pair.charger[0], body);
  g_assert_cmpint (okc_access_grant_get_valid_to (current), ==, 0);
  in_dates = check (pair.charger[0], pair.guest[2]);
  g_assert_cmpint (okc_charger_access_get_reason (in_dates), ==, OKC_ACCESS_REASON_LISTED);

  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"account\": \"%s\"}", pair.guest[2]);
  always = grant (pair.charger[0], body);
  g_assert_cmpint (okc_access_grant_get_valid_from (always), ==, 0);
  g_assert_cmpint (okc_access_grant_get_valid_to (always), ==, 0);
  listed = check (pair.charger[0], pair.guest[2]);
  g_assert_cmpint (okc_charger_access_get_reason (listed), ==, OKC_ACCESS_REASON_LISTED);
  g_assert_true (okc_charger_access_get_allowed (listed));
}

/* residents_guests: a booking at the property that covers now lets a guest in; one that
 * does not, or one at another property, does not; access_list ignores bookings. */
static void
test_bookings (void)
{
  g_auto(Pair) pair = { 0 };
  g_auto(GStrv) other_property = NULL;
  g_autoptr(OkcTestResponse) policy = NULL;
  g_autoptr(OkcTestResponse) list_only = NULL;
  g_autoptr(OkcChargerAccess) future_stay = NULL;
  g_autoptr(OkcChargerAccess) elsewhere = NULL;
  g_autoptr(OkcChargerAccess) staying = NULL;
  g_autoptr(OkcChargerAccess) not_on_list = NULL;
  g_autoptr(OkcTestResponse) bookings = NULL;
  g_autofree char *path = NULL;
  JsonArray *items;

  pick_pair (&pair, 2);
  other_property = query_row ("SELECT id FROM properties WHERE id <> ?1 ORDER BY id LIMIT 1",
                              pair.charger[1]);
  policy = set_policy (pair.charger[0], "residents_guests");
  g_assert_cmpuint (policy->status, ==, 200);

  insert_booking ("BKG-T00001", pair.charger[1], pair.guest[0], now () + 2 * DAY, now () + 5 * DAY);
  future_stay = check (pair.charger[0], pair.guest[2]);
  g_assert_cmpint (okc_charger_access_get_reason (future_stay), ==, OKC_ACCESS_REASON_NOT_LISTED);

  insert_booking ("BKG-T00002", other_property[0], pair.guest[0], now () - DAY, now () + DAY);
  elsewhere = check (pair.charger[0], pair.guest[2]);
  g_assert_cmpint (okc_charger_access_get_reason (elsewhere), ==, OKC_ACCESS_REASON_NOT_LISTED);

  insert_booking ("BKG-T00003", pair.charger[1], pair.guest[0], now () - DAY, now () + DAY);
  staying = check (pair.charger[0], pair.guest[2]);
  g_assert_cmpint (okc_charger_access_get_reason (staying), ==, OKC_ACCESS_REASON_BOOKING);
  g_assert_true (okc_charger_access_get_allowed (staying));
  g_assert_cmpstr (okc_charger_access_get_explanation (staying), ==,
                   "A guest whose booking at the property covers today");

  list_only = set_policy (pair.charger[0], "access_list");
  g_assert_cmpuint (list_only->status, ==, 200);
  not_on_list = check (pair.charger[0], pair.guest[2]);
  g_assert_cmpint (okc_charger_access_get_reason (not_on_list), ==, OKC_ACCESS_REASON_NOT_LISTED);

  /* The account's bookings, newest check-in first. */
  path = g_strdup_printf ("/v1/accounts/%s/bookings", pair.guest[0]);
  bookings = okc_test_get (url (), path, agent);
  g_assert_cmpuint (bookings->status, ==, 200);
  items = json_object_get_array_member (okc_test_response_object (bookings), "bookings");
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcBooking) booking =
        okc_booking_new_from_json (json_array_get_element (items, i), "bookings[]", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (okc_booking_get_id (booking), ==, i == 0 ? "BKG-T00001" : i == 1 ? "BKG-T00002" : "BKG-T00003");
      g_assert_cmpstr (okc_booking_get_account_id (booking), ==, pair.guest[0]);
      g_assert_cmpstr (okc_booking_get_guest_email (booking), ==, pair.guest[2]);
    }
  {
    g_autoptr(OkcTestResponse) unknown = okc_test_get (url (), "/v1/accounts/ACC-99999/bookings",
                                                       agent);
    okc_test_assert_error (unknown, 404, "not_found", NULL);
  }
}

/* A grant for a booking takes its dates; the booking must be the account's, at the
 * charger's property. */
static void
test_grant_for_booking (void)
{
  g_auto(Pair) pair = { 0 };
  g_auto(GStrv) other_property = NULL;
  g_auto(GStrv) other_guest = NULL;
  g_autoptr(OkcTestResponse) policy = NULL;
  g_autoptr(OkcAccessGrant) for_stay = NULL;
  g_autoptr(OkcChargerAccess) allowed = NULL;
  g_autofree char *body = NULL;
  gint64 check_in = now () - 2 * DAY, check_out = now () + 2 * DAY;

  pick_pair (&pair, 3);
  other_property = query_row ("SELECT id FROM properties WHERE id <> ?1 ORDER BY id LIMIT 1",
                              pair.charger[1]);
  other_guest = query_row ("SELECT id FROM accounts WHERE kind = 'guest' AND id <> ?1 "
                           "ORDER BY id DESC LIMIT 1", pair.guest[0]);
  policy = set_policy (pair.charger[0], "access_list");
  g_assert_cmpuint (policy->status, ==, 200);
  insert_booking ("BKG-T00011", pair.charger[1], pair.guest[0], check_in, check_out);
  insert_booking ("BKG-T00012", other_property[0], pair.guest[0], check_in, check_out);
  insert_booking ("BKG-T00013", pair.charger[1], other_guest[0], check_in, check_out);

  {
    static const char * const refused[] = { "BKG-T00012", "BKG-T00013", "BKG-NONE" };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autofree char *bad = g_strdup_printf ("{\"account\": \"%s\", \"booking_id\": \"%s\"}",
                                                pair.guest[0], refused[i]);
        g_autoptr(OkcTestResponse) response = post (pair.charger[0], "access-grants", bad);

        g_test_message ("%s", refused[i]);
        okc_test_assert_error (response, 422, "invalid_input", "booking_id");
      }
  }

  body = g_strdup_printf ("{\"account\": \"%s\", \"booking_id\": \"BKG-T00011\"}", pair.guest[0]);
  for_stay = grant (pair.charger[0], body);
  g_assert_cmpstr (okc_access_grant_get_booking_id (for_stay), ==, "BKG-T00011");
  g_assert_cmpint (okc_access_grant_get_valid_from (for_stay), ==, check_in);
  g_assert_cmpint (okc_access_grant_get_valid_to (for_stay), ==, check_out);
  allowed = check (pair.charger[0], pair.guest[2]);
  g_assert_cmpint (okc_charger_access_get_reason (allowed), ==, OKC_ACCESS_REASON_LISTED);
  g_assert_cmpint (okc_access_grant_get_valid_to (okc_charger_access_get_grant (allowed)), ==,
                   check_out);
}

static void
test_grant_invalid (void)
{
  g_auto(Pair) pair = { 0 };
  g_autofree char *from = rfc3339 (now () + DAY);
  g_autofree char *dates = NULL, *same = NULL, *bad_date = NULL, *extra = NULL;
  struct
  {
    const char *body;
    const char *field;
  } cases[] = {
    { "{\"account\": \"nobody@example.invalid\"}", "account" },
    { "{\"account\": \"ACC-99999\"}", "account" },
    { "{\"account\": \"not a contact\"}", "account" },
    { "{}", "account" },
    { NULL, "valid_to" },
    { NULL, "valid_to" },
    { NULL, "valid_from" },
    { NULL, "colour" },
  };

  pick_pair (&pair, 4);
  dates = g_strdup_printf ("{\"account\": \"%s\", \"valid_from\": \"%s\", \"valid_to\": \"%s\"}",
                           pair.guest[0], from, "2020-01-01T00:00:00Z");
  same = g_strdup_printf ("{\"account\": \"%s\", \"valid_from\": \"%s\", \"valid_to\": \"%s\"}",
                          pair.guest[0], from, from);
  bad_date = g_strdup_printf ("{\"account\": \"%s\", \"valid_from\": \"tomorrow\"}", pair.guest[0]);
  extra = g_strdup_printf ("{\"account\": \"%s\", \"colour\": \"red\"}", pair.guest[0]);
  cases[4].body = dates;
  cases[5].body = same;
  cases[6].body = bad_date;
  cases[7].body = extra;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OkcTestResponse) response = post (pair.charger[0], "access-grants", cases[i].body);

      g_test_message ("%s", cases[i].body);
      okc_test_assert_error (response, 422, "invalid_input", cases[i].field);
    }
  {
    g_autoptr(OkcTestResponse) unknown = post ("CH-99999", "access-grants", "{\"account\": \"ACC-00001\"}");
    okc_test_assert_error (unknown, 404, "not_found", NULL);
  }
}

static void
test_revoke (void)
{
  g_auto(Pair) pair = { 0 };
  g_autoptr(OkcAccessGrant) granted = NULL;
  g_autoptr(OkcTestResponse) revoked = NULL;
  g_autoptr(OkcTestResponse) again = NULL;
  g_autoptr(OkcTestResponse) list = NULL;
  g_autoptr(OkcTestResponse) policy = NULL;
  g_autoptr(OkcChargerAccess) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcAccessGrant) decoded = NULL;
  g_autofree char *body = NULL, *path = NULL, *ticket_body = NULL;
  g_auto(GStrv) ticket = query_row ("SELECT id FROM tickets ORDER BY seq LIMIT 1", NULL);
  g_auto(GStrv) audit_grant = NULL;
  g_auto(GStrv) audit_revoke = NULL;
  JsonArray *grants;
  const char *previous_name = "";
  gboolean found = FALSE;

  pick_pair (&pair, 5);
  policy = set_policy (pair.charger[0], "access_list");
  g_assert_cmpuint (policy->status, ==, 200);
  body = g_strdup_printf ("{\"account\": \"%s\", \"ticket_id\": \"%s\"}", pair.guest[2], ticket[0]);
  granted = grant (pair.charger[0], body);
  g_assert_cmpstr (okc_access_grant_get_ticket_id (granted), ==, ticket[0]);

  /* The list, by account name, holds the grant. */
  path = g_strdup_printf ("/v1/chargers/%s/access-grants", pair.charger[0]);
  list = okc_test_get (url (), path, agent);
  g_assert_cmpuint (list->status, ==, 200);
  grants = json_object_get_array_member (okc_test_response_object (list), "grants");
  for (guint i = 0; i < json_array_get_length (grants); i++)
    {
      g_autoptr(OkcAccessGrant) entry =
        okc_access_grant_new_from_json (json_array_get_element (grants, i), "grants[]", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (okc_access_grant_get_charger_id (entry), ==, pair.charger[0]);
      g_assert_cmpint (g_utf8_collate (previous_name, okc_access_grant_get_account_name (entry)),
                       <=, 0);
      previous_name = json_object_get_string_member (
        json_object_get_object_member (json_array_get_object_element (grants, i), "account"),
        "name");
      found |= g_str_equal (okc_access_grant_get_account_id (entry), pair.guest[0]);
    }
  g_assert_true (found);

  ticket_body = g_strdup_printf ("{\"account\": \"%s\", \"ticket_id\": \"%s\"}", pair.guest[0],
                                 ticket[0]);
  revoked = post (pair.charger[0], "access-revocations", ticket_body);
  g_assert_cmpuint (revoked->status, ==, 200);
  decoded = okc_access_grant_new_from_json (
    json_object_get_member (okc_test_response_object (revoked), "revoked"), "revoked", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (okc_access_grant_get_account_id (decoded), ==, pair.guest[0]);
  after = check (pair.charger[0], pair.guest[2]);
  g_assert_cmpint (okc_charger_access_get_reason (after), ==, OKC_ACCESS_REASON_NOT_LISTED);

  again = post (pair.charger[0], "access-revocations", ticket_body);
  okc_test_assert_error (again, 404, "not_found", "account");

  /* The audit trail: the grant (before null) and its revocation (after null), both
   * with the ticket. */
  audit_grant = query_row ("SELECT before IS NULL, json_extract (after, '$.account.id'), ticket_id "
                           "FROM audit_log WHERE action = 'charger.access_grant' AND target_id = ?1 "
                           "ORDER BY seq DESC LIMIT 1", pair.charger[0]);
  g_assert_cmpstr (audit_grant[0], ==, "1");
  g_assert_cmpstr (audit_grant[1], ==, pair.guest[0]);
  g_assert_cmpstr (audit_grant[2], ==, ticket[0]);
  audit_revoke = query_row ("SELECT json_extract (before, '$.account.id'), after IS NULL, ticket_id "
                            "FROM audit_log WHERE action = 'charger.access_revoke' AND target_id = ?1 "
                            "ORDER BY seq DESC LIMIT 1", pair.charger[0]);
  g_assert_cmpstr (audit_revoke[0], ==, pair.guest[0]);
  g_assert_cmpstr (audit_revoke[1], ==, "1");
  g_assert_cmpstr (audit_revoke[2], ==, ticket[0]);
}

/* Every action announces the charger on the event stream. */
static void
test_events (void)
{
  g_auto(Pair) pair = { 0 };
  g_autofree char *sql = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  g_autoptr(OkcTestResponse) policy = NULL;

  pick_pair (&pair, 6);
  sql = g_strdup_printf ("SELECT count (*) FROM events WHERE type = 'charger.updated' "
                         "AND json_extract (data, '$.charger.id') = ?1");
  before = query_row (sql, pair.charger[0]);
  policy = set_policy (pair.charger[0], "access_list");
  g_assert_cmpuint (policy->status, ==, 200);
  after = query_row (sql, pair.charger[0]);
  g_assert_cmpint (g_ascii_strtoll (after[0], NULL, 10), ==, g_ascii_strtoll (before[0], NULL, 10) + 1);
}

/* POST with an Idempotency-Key, blocking: the backend is another process. */
static OkcTestResponse *
post_with_key (const char *path,
               const char *key,
               const char *json)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *target = g_strconcat (url (), path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", agent, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", target);
  g_autoptr(GError) error = NULL;
  OkcTestResponse *response = g_new0 (OkcTestResponse, 1);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  response->body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  response->json = okc_json_parse_bytes (response->body, &error);
  g_assert_no_error (error);
  return response;
}

/* A grant sent twice with one key (its answer lost on the way) is granted once: the
 * second gets the first answer, and the audit trail one record. */
static void
test_grant_replayed (void)
{
  g_auto(Pair) pair = { 0 };
  g_autoptr(OkcTestResponse) first = NULL;
  g_autoptr(OkcTestResponse) again = NULL;
  g_autoptr(OkcTestResponse) other = NULL;
  g_autofree char *path = NULL, *body = NULL, *sql = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_auto(GStrv) audit = NULL;

  pick_pair (&pair, 8);
  path = g_strdup_printf ("/v1/chargers/%s/access-grants", pair.charger[0]);
  body = g_strdup_printf ("{\"account\": \"%s\"}", pair.guest[0]);
  first = post_with_key (path, key, body);
  g_assert_cmpuint (first->status, ==, 201);
  again = post_with_key (path, key, body);
  g_assert_cmpuint (again->status, ==, 201);
  g_assert_cmpstr (soup_message_headers_get_one (again->headers, "Idempotent-Replayed"), ==, "true");
  g_assert_true (g_bytes_equal (first->body, again->body));

  sql = g_strdup_printf ("SELECT count (*) FROM audit_log WHERE action = 'charger.access_grant' "
                         "AND target_id = ?1 AND json_extract (after, '$.account.id') = '%s'",
                         pair.guest[0]);
  audit = query_row (sql, pair.charger[0]);
  g_assert_cmpstr (audit[0], ==, "1");

  /* The same key for another request is refused, and nothing is done. */
  other = post_with_key (path, key, "{\"account\": \"ACC-00001\"}");
  okc_test_assert_error (other, 409, "idempotency_key_reused", "Idempotency-Key");
}

/* The demo's no-permission ticket: a guest staying at the property, whose charger keeps
 * to its list, is not on it. */
static void
test_demo_guest_cannot_start (void)
{
  g_auto(GStrv) row = query_row (
    "SELECT t.charger_id, a.email FROM tickets t JOIN chargers c ON c.id = t.charger_id "
    "JOIN accounts a ON a.email = t.requester_email COLLATE NOCASE "
    "JOIN bookings b ON b.account_id = a.id AND b.property_id = c.property_id "
    "WHERE t.topic = 'no-permission' AND c.access = 'access_list' "
    "AND b.check_in <= strftime ('%s', 'now') AND strftime ('%s', 'now') < b.check_out "
    "ORDER BY t.seq LIMIT 1", NULL);
  g_autoptr(OkcChargerAccess) access = NULL;

  g_assert_nonnull (row);
  access = check (row[0], row[1]);
  g_assert_cmpint (okc_charger_access_get_reason (access), ==, OKC_ACCESS_REASON_NOT_LISTED);
}

/* The guest taps Start in the app: refused while not allowed, a session once granted. */
static void
test_authorize (void)
{
  g_auto(Pair) pair = { 0 };
  g_auto(GStrv) charger = query_row (
    "SELECT c.id, c.property_id FROM chargers c WHERE c.property_id IS NOT NULL "
    NOT_A_TICKETS_CHARGER "AND c.status = 'online' AND NOT EXISTS (SELECT 1 FROM connectors n WHERE n.charger_id = c.id "
    "AND n.status <> 'Available') ORDER BY c.id DESC LIMIT 1", NULL);
  g_autoptr(OkcTestResponse) policy = NULL;
  g_autoptr(OkcTestResponse) refused = NULL;
  g_autoptr(OkcTestResponse) accepted = NULL;
  g_autoptr(OkcAccessGrant) granted = NULL;
  g_autofree char *path = NULL, *body = NULL, *grant_body = NULL;
  JsonObject *answer;

  g_assert_nonnull (charger);
  pick_pair (&pair, 7);
  policy = set_policy (charger[0], "access_list");
  g_assert_cmpuint (policy->status, ==, 200);

  path = g_strdup_printf ("/v1/simulator/chargers/%s/authorize", charger[0]);
  body = g_strdup_printf ("{\"account\": \"%s\"}", pair.guest[2]);
  refused = okc_test_post_json (url (), path, agent, body);
  g_assert_cmpuint (refused->status, ==, 200);
  answer = okc_test_response_object (refused);
  g_assert_false (json_object_get_boolean_member (answer, "accepted"));
  g_assert_true (json_object_get_null_member (answer, "session_id"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (answer, "access"),
                                                  "reason"), ==, "not_listed");

  grant_body = g_strdup_printf ("{\"account\": \"%s\"}", pair.guest[0]);
  granted = grant (charger[0], grant_body);
  accepted = okc_test_post_json (url (), path, agent, body);
  g_assert_cmpuint (accepted->status, ==, 200);
  answer = okc_test_response_object (accepted);
  g_assert_true (json_object_get_boolean_member (answer, "accepted"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (answer, "session_id"), "SES-"));
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT n.status, n.session_id FROM connectors n WHERE n.charger_id = ?1 "
      "AND n.session_id = '%s'", json_object_get_string_member (answer, "session_id"));
    g_auto(GStrv) connector = query_row (sql, charger[0]);

    g_assert_nonnull (connector);
    g_assert_cmpstr (connector[0], ==, "Preparing");
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Backend/access/policies", test_policies);
  g_test_add_func ("/Okc/Backend/access/grant-dates", test_grant_dates);
  g_test_add_func ("/Okc/Backend/access/bookings", test_bookings);
  g_test_add_func ("/Okc/Backend/access/grant-for-booking", test_grant_for_booking);
  g_test_add_func ("/Okc/Backend/access/grant-invalid", test_grant_invalid);
  g_test_add_func ("/Okc/Backend/access/revoke", test_revoke);
  g_test_add_func ("/Okc/Backend/access/events", test_events);
  g_test_add_func ("/Okc/Backend/access/grant-replayed", test_grant_replayed);
  g_test_add_func ("/Okc/Backend/access/demo-guest-cannot-start", test_demo_guest_cannot_start);
  g_test_add_func ("/Okc/Backend/access/authorize", test_authorize);

  backend = okc_test_backend_start ((const char *[]) {
    "--tickets", "120", "--simulator-control", NULL });
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");
  status = g_test_run ();
  okc_test_backend_stop (backend);
  g_free (agent);
  g_free (chatbot);
  return status;
}
