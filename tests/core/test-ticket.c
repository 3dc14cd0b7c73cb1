/* test-ticket.c — decoding tickets strictly, and what they know of collected fields
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

static const char valid_ticket[] =
  "{"
  "  \"id\": \"TCK-000123\","
  "  \"topic\": \"charger-offline\","
  "  \"status\": \"new\","
  "  \"priority\": \"high\","
  "  \"summary\": \"Charger shows Offline after a power cycle\","
  "  \"requester\": {\"name\": \"Maya Chen\", \"email\": \"maya.chen@example.com\","
  "                 \"phone\": null, \"audience\": \"guest\"},"
  "  \"property\": {\"id\": \"PRP-0004\", \"name\": \"Lakeview Lofts\"},"
  "  \"charger_id\": \"CH-10234\","
  "  \"assignee\": null,"
  "  \"fields\": {"
  "    \"property_name\": \"Lakeview lofts\","
  "    \"property_address\": \"12 Shore Rd, Burlington, VT\","
  "    \"attempted_at\": \"2026-11-24T07:55:00Z\""
  "  },"
  "  \"attachments\": ["
  "    {\"id\": \"ATT-000044\", \"kind\": \"qr_photo\", \"filename\": \"qr-label.png\","
  "     \"media_type\": \"image/png\", \"size\": 5321}"
  "  ],"
  "  \"transcript\": ["
  "    {\"sender\": \"customer\", \"sent_at\": \"2026-11-24T08:01:12Z\","
  "     \"text\": \"The charger says offline\"},"
  "    {\"sender\": \"chatbot\", \"sent_at\": \"2026-11-24T08:01:15Z\","
  "     \"text\": \"Sorry about that. Is the breaker on?\"}"
  "  ],"
  "  \"created_at\": \"2026-11-24T08:03:00Z\","
  "  \"updated_at\": \"2026-11-24T08:05:00Z\","
  "  \"version\": 2,"
  "  \"a_member_from_a_newer_backend\": true"
  "}";

static JsonNode *
parse_mutable (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

/* Finds the object holding the last component of a dotted @path ("requester.email",
 * "attachments[0].kind") and returns that component's name. */
static JsonObject *
resolve_parent (JsonNode    *root,
                const char  *path,
                char       **out_member)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  JsonNode *node = root;

  for (guint i = 0; i + 1 < n; i++)
    {
      char *bracket = strchr (parts[i], '[');
      if (bracket != NULL)
        {
          guint index = (guint) g_ascii_strtoull (bracket + 1, NULL, 10);
          *bracket = '\0';
          node = json_object_get_member (json_node_get_object (node), parts[i]);
          node = json_array_get_element (json_node_get_array (node), index);
        }
      else
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      g_assert_nonnull (node);
    }

  *out_member = g_strdup (parts[n - 1]);
  return json_node_get_object (node);
}

typedef struct
{
  const char *path;
  const char *value; /* JSON text, or NULL to remove the member */
  int code;
  const char *error_field;
} Mutation;

static const Mutation mutations[] = {
  { "id", NULL, OKC_DATA_ERROR_MISSING, "id" },
  { "id", "\"\"", OKC_DATA_ERROR_INVALID, "id" },
  { "id", "123", OKC_DATA_ERROR_INVALID, "id" },
  { "topic", "\"charger_offline\"", OKC_DATA_ERROR_UNKNOWN, "topic" },
  { "status", "\"closed\"", OKC_DATA_ERROR_UNKNOWN, "status" },
  { "priority", "\"critical\"", OKC_DATA_ERROR_UNKNOWN, "priority" },
  { "priority", "3", OKC_DATA_ERROR_INVALID, "priority" },
  { "requester", NULL, OKC_DATA_ERROR_MISSING, "requester" },
  { "requester", "[]", OKC_DATA_ERROR_INVALID, "requester" },
  { "requester.name", "\"\"", OKC_DATA_ERROR_INVALID, "requester.name" },
  { "requester.email", "\"maya\"", OKC_DATA_ERROR_INVALID, "requester.email" },
  { "requester.email", "null", OKC_DATA_ERROR_MISSING, "requester" },
  { "requester.audience", "\"tenant\"", OKC_DATA_ERROR_UNKNOWN, "requester.audience" },
  { "property", "\"Lakeview Lofts\"", OKC_DATA_ERROR_INVALID, "property" },
  { "property.id", NULL, OKC_DATA_ERROR_MISSING, "property.id" },
  { "assignee", "{\"id\": \"USR-0001\"}", OKC_DATA_ERROR_MISSING, "assignee.name" },
  { "charger_id", "10234", OKC_DATA_ERROR_INVALID, "charger_id" },
  { "fields", NULL, OKC_DATA_ERROR_MISSING, "fields" },
  { "fields.card_last4", "\"4242\"", OKC_DATA_ERROR_UNKNOWN, "fields.card_last4" },
  { "fields.attempted_at", "\"07:55\"", OKC_DATA_ERROR_INVALID, "fields.attempted_at" },
  { "fields.property_name", "[\"Lakeview\"]", OKC_DATA_ERROR_INVALID, "fields.property_name" },
  { "attachments", "{}", OKC_DATA_ERROR_INVALID, "attachments" },
  { "attachments[0].kind", "\"error_screenshot\"", OKC_DATA_ERROR_UNKNOWN,
    "attachments[0].kind" },
  { "attachments[0].media_type", "\"application/pdf\"", OKC_DATA_ERROR_UNKNOWN,
    "attachments[0].media_type" },
  { "attachments[0].size", "-1", OKC_DATA_ERROR_INVALID, "attachments[0].size" },
  { "transcript[1].sender", "\"robot\"", OKC_DATA_ERROR_UNKNOWN, "transcript[1].sender" },
  { "transcript[0].sent_at", "\"2026-11-24\"", OKC_DATA_ERROR_INVALID, "transcript[0].sent_at" },
  { "transcript[0].text", "\"\"", OKC_DATA_ERROR_INVALID, "transcript[0].text" },
  { "created_at", "1795512600", OKC_DATA_ERROR_INVALID, "created_at" },
  { "updated_at", NULL, OKC_DATA_ERROR_MISSING, "updated_at" },
  { "version", "0", OKC_DATA_ERROR_INVALID, "version" },
  { "version", "2.0", OKC_DATA_ERROR_INVALID, "version" },
  { "sla_due_at", "1795512600", OKC_DATA_ERROR_INVALID, "sla_due_at" },
  { "sla_due_at", "\"tomorrow\"", OKC_DATA_ERROR_INVALID, "sla_due_at" },
  { "sla_paused", "\"yes\"", OKC_DATA_ERROR_INVALID, "sla_paused" },
  { "sla_paused", "true", OKC_DATA_ERROR_INVALID, "sla_paused" },
};

static void
test_decode (void)
{
  g_autoptr(JsonNode) node = parse_mutable (valid_ticket);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcTicket) ticket = okc_ticket_new_from_json (node, NULL, &error);
  g_autoptr(OkcMessage) first = NULL;
  const OkcRequester *requester;

  g_assert_no_error (error);
  g_assert_nonnull (ticket);
  g_assert_cmpstr (okc_ticket_get_id (ticket), ==, "TCK-000123");
  g_assert_cmpstr (okc_ticket_get_topic (ticket)->id, ==, "charger-offline");
  g_assert_cmpint (okc_ticket_get_status (ticket), ==, OKC_TICKET_STATUS_NEW);
  g_assert_cmpint (okc_ticket_get_priority (ticket), ==, OKC_PRIORITY_HIGH);
  g_assert_cmpint (okc_ticket_get_created_at (ticket), ==, 1795507380);
  g_assert_cmpint (okc_ticket_get_version (ticket), ==, 2);
  /* The linked property's name wins over what the customer typed. */
  g_assert_cmpstr (okc_ticket_get_property_name (ticket), ==, "Lakeview Lofts");
  g_assert_cmpstr (okc_ticket_get_charger_id (ticket), ==, "CH-10234");
  g_assert_null (okc_ticket_get_assignee_id (ticket));

  requester = okc_ticket_get_requester (ticket);
  g_assert_cmpstr (requester->name, ==, "Maya Chen");
  g_assert_null (requester->phone);
  g_assert_cmpint (requester->audience, ==, OKC_AUDIENCE_GUEST);

  g_assert_cmpuint (g_list_model_get_n_items (okc_ticket_get_attachments (ticket)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (okc_ticket_get_transcript (ticket)), ==, 2);
  first = g_list_model_get_item (okc_ticket_get_transcript (ticket), 0);
  g_assert_cmpint (okc_message_get_sender (first), ==, OKC_SENDER_CUSTOMER);

  g_assert_finalize_object (g_steal_pointer (&ticket));
}

static void
test_collected (void)
{
  g_autoptr(JsonNode) node = parse_mutable (valid_ticket);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcTicket) with_photo = okc_ticket_new_from_json (node, NULL, &error);
  g_autoptr(OkcTicket) without = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  const OkcTopic *topic = okc_ticket_get_topic (with_photo);
  const OkcTopicField *charger_id = okc_topic_lookup_field (topic, "charger_id");

  g_assert_no_error (error);
  /* The QR photo stands in for the charger ID: all four required details are there. */
  g_assert_cmpuint (okc_ticket_get_n_required (with_photo), ==, 4);
  g_assert_cmpuint (okc_ticket_get_n_collected (with_photo), ==, 4);
  g_assert_false (okc_ticket_has_field (with_photo, charger_id));
  g_assert_true (okc_ticket_is_field_collected (with_photo, charger_id));

  json_array_remove_element (
    json_object_get_array_member (json_node_get_object (node), "attachments"), 0);
  json_object_remove_member (
    json_object_get_object_member (json_node_get_object (node), "fields"), "attempted_at");
  without = okc_ticket_new_from_json (node, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (okc_ticket_get_n_collected (without), ==, 2);

  missing = okc_ticket_list_missing_fields (without);
  g_assert_cmpuint (missing->len, ==, 2);
  g_assert_cmpstr (((OkcTopicField *) missing->pdata[0])->key, ==, "charger_id");
  g_assert_cmpstr (((OkcTopicField *) missing->pdata[1])->key, ==, "attempted_at");
}

static void
test_round_trip (void)
{
  g_autoptr(JsonNode) node = parse_mutable (valid_ticket);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcTicket) ticket = okc_ticket_new_from_json (node, NULL, &error);
  g_autoptr(JsonNode) encoded = okc_ticket_to_json (ticket);
  g_autoptr(OkcTicket) decoded = okc_ticket_new_from_json (encoded, NULL, &error);
  g_autoptr(JsonNode) encoded_again = NULL;
  g_autofree char *first = NULL, *second = NULL;

  g_assert_no_error (error);
  encoded_again = okc_ticket_to_json (decoded);
  first = okc_json_to_string (encoded);
  second = okc_json_to_string (encoded_again);
  g_assert_cmpstr (first, ==, second);
  g_assert_nonnull (strstr (first, "\"created_at\":\"2026-11-24T08:03:00Z\""));
  g_assert_null (strstr (first, "a_member_from_a_newer_backend"));
}

static void
test_sla (void)
{
  g_autoptr(JsonNode) node = parse_mutable (valid_ticket);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcTicket) legacy = okc_ticket_new_from_json (node, NULL, &error);
  g_autoptr(OkcTicket) paused = NULL, decoded = NULL, resolved = NULL;
  g_autoptr(JsonNode) encoded = NULL;
  g_autofree char *text = NULL;
  JsonObject *object = json_node_get_object (node);

  /* A ticket cached before the backend sent SLA times: none, not paused. */
  g_assert_no_error (error);
  g_assert_cmpint (okc_ticket_get_sla_due_at (legacy), ==, 0);
  g_assert_false (okc_ticket_get_sla_paused (legacy));

  json_object_set_string_member (object, "sla_due_at", "2026-11-24T12:03:00Z");
  json_object_set_boolean_member (object, "sla_paused", TRUE);
  paused = okc_ticket_new_from_json (node, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_ticket_get_sla_due_at (paused), ==, 1795507380 + 4 * 3600);
  g_assert_true (okc_ticket_get_sla_paused (paused));

  encoded = okc_ticket_to_json (paused);
  text = okc_json_to_string (encoded);
  g_assert_nonnull (strstr (text, "\"sla_due_at\":\"2026-11-24T12:03:00Z\""));
  g_assert_nonnull (strstr (text, "\"sla_paused\":true"));
  decoded = okc_ticket_new_from_json (encoded, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_ticket_get_sla_due_at (decoded), ==, okc_ticket_get_sla_due_at (paused));

  /* null is none, as a resolved ticket has it. */
  json_object_set_null_member (object, "sla_due_at");
  json_object_set_boolean_member (object, "sla_paused", FALSE);
  resolved = okc_ticket_new_from_json (node, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (okc_ticket_get_sla_due_at (resolved), ==, 0);
  g_clear_pointer (&encoded, json_node_unref);
  g_clear_pointer (&text, g_free);
  encoded = okc_ticket_to_json (resolved);
  text = okc_json_to_string (encoded);
  g_assert_nonnull (strstr (text, "\"sla_due_at\":null"));
}

static void
test_rejects (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      const Mutation *m = &mutations[i];
      g_autoptr(JsonNode) node = parse_mutable (valid_ticket);
      g_autofree char *member = NULL;
      JsonObject *parent = resolve_parent (node, m->path, &member);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcTicket) ticket = NULL;

      g_test_message ("case %u: %s = %s", i, m->path, m->value ? m->value : "(removed)");
      if (m->value == NULL)
        json_object_remove_member (parent, member);
      else
        json_object_set_member (parent, member, parse_mutable (m->value));

      ticket = okc_ticket_new_from_json (node, "ticket", &error);
      g_assert_null (ticket);
      g_assert_error (error, OKC_DATA_ERROR, m->code);
      {
        g_autofree char *expected = g_strconcat ("ticket.", m->error_field, NULL);
        g_assert_cmpstr (okc_data_error_get_field (error), ==, expected);
        g_assert_true (g_str_has_prefix (error->message, expected));
      }
    }
}

static void
test_not_an_object (void)
{
  g_autoptr(JsonNode) node = parse_mutable ("[1, 2]");
  g_autoptr(GError) error = NULL;

  g_assert_null (okc_ticket_new_from_json (node, "tickets[4]", &error));
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
  g_assert_cmpstr (okc_data_error_get_field (error), ==, "tickets[4]");
  g_assert_cmpstr (error->message, ==, "tickets[4]: expected an object, found an array");
}

static void
test_parse_errors (void)
{
  static const char * const documents[] = { "", "{\"id\": ", "\xff\xfe{}", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (documents[i], strlen (documents[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = okc_json_parse_bytes (bytes, &error);

      if (node != NULL)
        {
          /* "null" parses; it is the decoder that refuses it. */
          g_autoptr(OkcTicket) ticket = okc_ticket_new_from_json (node, NULL, &error);
          g_assert_null (ticket);
        }
      g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
    }
}

static void
test_json_depth (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) accepted = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(JsonNode) in_string = NULL;
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < OKC_JSON_MAX_DEPTH; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < OKC_JSON_MAX_DEPTH; i++)
    g_string_append_c (text, ']');
  bytes = g_bytes_new (text->str, text->len);
  accepted = okc_json_parse_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (accepted);
  g_clear_pointer (&bytes, g_bytes_unref);

  g_string_prepend_c (text, '[');
  g_string_append_c (text, ']');
  bytes = g_bytes_new (text->str, text->len);
  refused = okc_json_parse_bytes (bytes, &error);
  g_assert_null (refused);
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Brackets inside strings, escaped quotes included, do not count. */
  g_string_printf (text, "{\"a\": \"\\\"%s\"}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                                                  "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[");
  bytes = g_bytes_new (text->str, text->len);
  in_string = okc_json_parse_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (in_string);
}

static void
test_user (void)
{
  g_autoptr(JsonNode) node = parse_mutable (
    "{\"id\": \"USR-0001\", \"name\": \"Alex Rivera\", \"email\": \"alex.rivera@ok2charge.example\","
    " \"role\": \"supervisor\"}");
  g_autoptr(JsonNode) bad_role = parse_mutable (
    "{\"id\": \"USR-0001\", \"name\": \"Alex\", \"email\": \"alex@ok2charge.example\", \"role\": \"admin\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcUser) user = okc_user_new_from_json (node, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (okc_user_get_name (user), ==, "Alex Rivera");
  g_assert_cmpint (okc_user_get_role (user), ==, OKC_ROLE_SUPERVISOR);

  g_assert_null (okc_user_new_from_json (bad_role, "user", &error));
  g_assert_cmpstr (okc_data_error_get_field (error), ==, "user.role");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Ticket/decode", test_decode);
  g_test_add_func ("/Okc/Ticket/collected", test_collected);
  g_test_add_func ("/Okc/Ticket/round-trip", test_round_trip);
  g_test_add_func ("/Okc/Ticket/sla", test_sla);
  g_test_add_func ("/Okc/Ticket/rejects", test_rejects);
  g_test_add_func ("/Okc/Ticket/not-an-object", test_not_an_object);
  g_test_add_func ("/Okc/Ticket/parse-errors", test_parse_errors);
  g_test_add_func ("/Okc/Json/depth", test_json_depth);
  g_test_add_func ("/Okc/User/decode", test_user);

  return g_test_run ();
}
