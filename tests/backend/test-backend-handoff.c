/* test-backend-handoff.c — POST /v1/handoffs: every topic, links, priority, validation
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-backend-test-http.h"
#include "okc-core.h"
#include "okc-test-backend.h"

/* A real 1×1 PNG. */
#define PNG_BASE64 "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

static OkcTestBackend *backend;
static char *chatbot;
static char *agent;

/* Fleet facts read from the data set, so that hand-offs name real things. */
static struct
{
  char *property_name;
  char *property_id;
  char *online_charger;
  char *down_charger;
  char *serial;
  char *serial_charger;
} fleet;

static const char *
url (void)
{
  return okc_test_backend_get_url (backend);
}

static void
learn_fleet (void)
{
  g_autofree char *supervisor = okc_test_sign_in (url (), OKC_TEST_SUPERVISOR_EMAIL,
                                                  "demo-supervisor");
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/export", supervisor);
  JsonObject *data = okc_test_response_object (response);
  JsonObject *property = json_array_get_object_element (
    json_object_get_array_member (data, "properties"), 0);
  JsonArray *chargers = json_object_get_array_member (data, "chargers");

  g_assert_cmpuint (response->status, ==, 200);
  fleet.property_name = g_strdup (json_object_get_string_member (property, "name"));
  fleet.property_id = g_strdup (json_object_get_string_member (property, "id"));
  for (guint i = 0; i < json_array_get_length (chargers); i++)
    {
      JsonObject *charger = json_array_get_object_element (chargers, i);
      const char *status = json_object_get_string_member (charger, "status");
      char **slot = g_str_equal (status, "online") ? &fleet.online_charger : &fleet.down_charger;

      if (json_object_get_null_member (charger, "property_id"))
        continue;
      if (*slot == NULL)
        *slot = g_strdup (json_object_get_string_member (charger, "id"));
      if (fleet.serial == NULL)
        {
          fleet.serial = g_strdup (json_object_get_string_member (charger, "serial"));
          fleet.serial_charger = g_strdup (json_object_get_string_member (charger, "id"));
        }
    }
  g_assert_nonnull (fleet.online_charger);
  g_assert_nonnull (fleet.down_charger);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonNode *node = okc_json_parse_bytes (bytes, &error);

  g_assert_no_error (error);
  return node;
}

static const char *
fields_for (const char *topic)
{
  static const struct
  {
    const char *topic;
    const char *fields;
  } examples[] = {
    { "charger-offline", "{\"property_name\": \"@P\", \"property_address\": \"12 Shore Rd, "
                         "Burlington, VT\", \"charger_id\": \"@C\", \"attempted_at\": "
                         "\"2026-11-24T07:55:00Z\"}" },
    { "not-charging", "{\"property_name\": \"@P\", \"charger_id\": \"@C\", \"attempted_at\": "
                      "\"2026-11-24T07:55:00Z\"}" },
    { "no-permission", "{\"property_name\": \"@P\", \"charger_id\": \"@C\", \"account_contact\": "
                       "\"+1 802-555-0134\"}" },
    { "billing-dispute", "{\"property_name\": \"@P\", \"session_times\": "
                         "[\"2026-11-23T18:00:00Z\", \"2026-11-23T18:04:00Z\"], "
                         "\"amounts_charged\": [{\"amount\": 150, \"currency\": \"USD\"}, "
                         "{\"amount\": 150, \"currency\": \"USD\"}], \"card_last4\": \"4242\", "
                         "\"dispute_kind\": \"repeated_connection_fee\"}" },
    { "cost-breakdown", "{\"property_name\": \"@P\", \"session_at\": \"2026-11-23T18:00:00Z\", "
                        "\"total_charged\": {\"amount\": 4275, \"currency\": \"USD\"}}" },
    { "cancel-or-delete", "{\"account_contact\": \"maya.chen@example.com\", \"request\": "
                          "\"delete_account\"}" },
    { "change-email", "{\"current_email\": \"maya.chen@example.com\", \"new_email\": "
                      "\"maya@work.example\", \"verification_detail\": \"card ending 4242\"}" },
    { "charger-assignment", "{\"property_name\": \"@P\", \"property_address\": \"12 Shore Rd\", "
                            "\"charger_serial\": \"@S\", \"pms_name\": \"guesty\", "
                            "\"pms_connected\": false}" },
    { "guest-cannot-start", "{\"property_name\": \"@P\", \"charger_id\": \"@C\", "
                            "\"attempted_at\": \"2026-11-24T06:40:00Z\"}" },
    { "payouts-reporting", "{\"account_or_property\": \"@P\", \"payout_ids\": [\"PAY-00001\"], "
                           "\"period\": {\"from\": \"2026-11-02\", \"to\": \"2026-11-08\"}, "
                           "\"amounts_to_reconcile\": [{\"amount\": 12000, \"currency\": "
                           "\"USD\"}]}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    if (g_str_equal (examples[i].topic, topic))
      return examples[i].fields;
  g_assert_not_reached ();
}

static char *
substitute (const char *text,
            const char *charger)
{
  g_autoptr(GString) result = g_string_new (text);

  g_string_replace (result, "@P", fleet.property_name, 0);
  g_string_replace (result, "@C", charger, 0);
  g_string_replace (result, "@S", fleet.serial, 0);
  return g_string_free (g_steal_pointer (&result), FALSE);
}

/* A valid hand-off of @topic, at @charger, with an image if the topic takes one. */
static JsonNode *
make_handoff (const char *topic_id,
              const char *charger)
{
  const OkcTopic *topic = okc_topic_lookup (topic_id);
  gboolean host_only = !okc_topic_has_audience (topic, OKC_AUDIENCE_GUEST);
  g_autofree char *fields = substitute (fields_for (topic_id), charger);
  const char *attachment = okc_topic_lookup_field (topic, "error_screenshot") != NULL
                             ? "error_screenshot"
                           : okc_topic_lookup_field (topic, "qr_photo") != NULL ? "qr_photo"
                                                                                : NULL;
  g_autofree char *attachments =
    attachment != NULL ? g_strdup_printf ("[{\"kind\": \"%s\", \"filename\": \"image.png\", "
                                          "\"media_type\": \"image/png\", \"data\": \"%s\"}]",
                                          attachment, PNG_BASE64)
                       : g_strdup ("[]");
  g_autofree char *text = g_strdup_printf (
    "{\"topic\": \"%s\", \"summary\": \"Test hand-off for %s\", \"requester\": {\"name\": "
    "\"Maya Chen\", \"email\": \"maya.chen@example.com\", \"audience\": \"%s\"}, \"fields\": %s, "
    "\"transcript\": [{\"sender\": \"customer\", \"sent_at\": \"2026-11-24T08:01:12Z\", \"text\": "
    "\"It does not work\"}, {\"sender\": \"chatbot\", \"sent_at\": \"2026-11-24T08:01:15Z\", "
    "\"text\": \"Passing you to an agent\"}], \"attachments\": %s}",
    topic_id, topic_id, host_only ? "host" : "guest", fields, attachments);

  return parse (text);
}

static OkcTestResponse *
post_handoff (JsonNode *handoff)
{
  g_autofree char *text = okc_json_to_string (handoff);

  return okc_test_post_json (url (), "/v1/handoffs", chatbot, text);
}

static OkcTicket *
decode_ticket (JsonNode *node)
{
  g_autoptr(GError) error = NULL;
  OkcTicket *ticket = okc_ticket_new_from_json (node, NULL, &error);

  g_assert_no_error (error);
  return ticket;
}

static void
check_attachment_bytes (OkcTicket *ticket)
{
  GListModel *attachments = okc_ticket_get_attachments (ticket);
  g_autoptr(GBytes) expected = NULL;
  guchar *decoded;
  gsize size;

  decoded = g_base64_decode (PNG_BASE64, &size);
  expected = g_bytes_new_take (decoded, size);
  for (guint i = 0; i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(OkcAttachment) attachment = g_list_model_get_item (attachments, i);
      g_autofree char *path = g_strconcat ("/v1/attachments/", okc_attachment_get_id (attachment),
                                           NULL);
      g_autoptr(OkcTestResponse) response = okc_test_get (url (), path, agent);

      g_assert_cmpuint (response->status, ==, 200);
      g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==,
                       "image/png");
      g_assert_cmpint (okc_attachment_get_size (attachment), ==, (gint64) size);
      g_assert_true (g_bytes_equal (response->body, expected));
    }
}

static void
test_every_topic (void)
{
  guint n_topics;
  const OkcTopic *topics = okc_topic_get_all (&n_topics);

  for (guint i = 0; i < n_topics; i++)
    {
      g_autoptr(JsonNode) handoff = make_handoff (topics[i].id, fleet.online_charger);
      g_autoptr(OkcTestResponse) created = post_handoff (handoff);
      g_autoptr(OkcTestResponse) fetched = NULL;
      g_autoptr(OkcTicket) ticket = NULL;
      g_autoptr(JsonNode) sent_fields = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) got_fields = json_node_new (JSON_NODE_OBJECT);
      const char *location;

      g_test_message ("topic %s", topics[i].id);
      g_assert_cmpuint (created->status, ==, 201);
      ticket = decode_ticket (created->json);
      g_assert_cmpstr (okc_ticket_get_topic (ticket)->id, ==, topics[i].id);
      g_assert_cmpint (okc_ticket_get_status (ticket), ==, OKC_TICKET_STATUS_NEW);
      g_assert_cmpint (okc_ticket_get_version (ticket), ==, 1);
      g_assert_null (okc_ticket_get_assignee_id (ticket));
      g_assert_cmpuint (g_list_model_get_n_items (okc_ticket_get_transcript (ticket)), ==, 2);

      json_node_set_object (sent_fields, json_object_get_object_member (
                                           json_node_get_object (handoff), "fields"));
      json_node_set_object (got_fields, okc_ticket_get_fields (ticket));
      g_assert_true (json_node_equal (sent_fields, got_fields));

      location = soup_message_headers_get_one (created->headers, "Location");
      g_assert_true (g_str_has_prefix (location, "/v1/tickets/TCK-"));
      g_assert_cmpstr (location + strlen ("/v1/tickets/"), ==, okc_ticket_get_id (ticket));
      fetched = okc_test_get (url (), location, agent);
      g_assert_cmpuint (fetched->status, ==, 200);
      g_assert_true (json_node_equal (fetched->json, created->json));
      check_attachment_bytes (ticket);
    }
}

static OkcTicket *
hand_off (JsonNode *handoff)
{
  g_autoptr(OkcTestResponse) created = post_handoff (handoff);

  g_assert_cmpuint (created->status, ==, 201);
  return decode_ticket (created->json);
}

static void
test_links_property_and_charger (void)
{
  g_autoptr(JsonNode) handoff = make_handoff ("charger-offline", fleet.online_charger);
  JsonObject *fields = json_object_get_object_member (json_node_get_object (handoff), "fields");
  g_autofree char *shouted = g_ascii_strup (fleet.property_name, -1);
  g_autofree char *padded = g_strdup_printf ("  %s ", shouted);
  g_autofree char *lower_charger = g_ascii_strdown (fleet.online_charger, -1);
  g_autoptr(OkcTicket) ticket = NULL;

  /* As a customer types them: another case, stray spaces. */
  json_object_set_string_member (fields, "property_name", padded);
  json_object_set_string_member (fields, "charger_id", lower_charger);
  ticket = hand_off (handoff);
  g_assert_cmpstr (okc_ticket_get_property_id (ticket), ==, fleet.property_id);
  g_assert_cmpstr (okc_ticket_get_property_name (ticket), ==, fleet.property_name);
  g_assert_cmpstr (okc_ticket_get_charger_id (ticket), ==, fleet.online_charger);
}

static void
test_links_by_serial (void)
{
  g_autoptr(JsonNode) handoff = make_handoff ("charger-assignment", fleet.online_charger);
  g_autoptr(OkcTicket) ticket = hand_off (handoff);

  g_assert_cmpstr (okc_ticket_get_charger_id (ticket), ==, fleet.serial_charger);
}

static void
test_unknown_property_is_not_linked (void)
{
  g_autoptr(JsonNode) handoff = make_handoff ("cost-breakdown", fleet.online_charger);
  JsonObject *fields = json_object_get_object_member (json_node_get_object (handoff), "fields");
  g_autoptr(OkcTicket) ticket = NULL;

  json_object_set_string_member (fields, "property_name", "No Such Place Anywhere");
  ticket = hand_off (handoff);
  g_assert_null (okc_ticket_get_property_id (ticket));
  g_assert_null (okc_ticket_get_charger_id (ticket));
}

static void
test_priority (void)
{
  static const struct
  {
    const char *topic;
    gboolean down;
    OkcPriority expected;
  } cases[] = {
    { "charger-offline", TRUE, OKC_PRIORITY_URGENT },
    { "charger-offline", FALSE, OKC_PRIORITY_HIGH },
    { "guest-cannot-start", TRUE, OKC_PRIORITY_URGENT },
    { "guest-cannot-start", FALSE, OKC_PRIORITY_HIGH },
    { "not-charging", TRUE, OKC_PRIORITY_NORMAL },
    { "billing-dispute", FALSE, OKC_PRIORITY_NORMAL },
    { "payouts-reporting", FALSE, OKC_PRIORITY_LOW },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) handoff =
        make_handoff (cases[i].topic, cases[i].down ? fleet.down_charger : fleet.online_charger);
      g_autoptr(OkcTicket) ticket = hand_off (handoff);

      g_test_message ("%s, charger %s", cases[i].topic, cases[i].down ? "down" : "online");
      g_assert_cmpint (okc_ticket_get_priority (ticket), ==, cases[i].expected);
    }
}

typedef void (*Mutation) (JsonObject *handoff);

static JsonObject *
fields_of (JsonObject *handoff)
{
  return json_object_get_object_member (handoff, "fields");
}

static JsonObject *
attachment_of (JsonObject *handoff)
{
  return json_array_get_object_element (json_object_get_array_member (handoff, "attachments"), 0);
}

static void
unknown_topic (JsonObject *h)
{
  json_object_set_string_member (h, "topic", "charger-on-fire");
}

static void
unknown_field (JsonObject *h)
{
  json_object_set_string_member (fields_of (h), "favourite_colour", "green");
}

static void
time_as_number (JsonObject *h)
{
  json_object_set_int_member (fields_of (h), "attempted_at", 1764000000);
}

static void
bad_time (JsonObject *h)
{
  json_object_set_string_member (fields_of (h), "attempted_at", "yesterday at 8");
}

static void
bad_currency_deep (JsonObject *h)
{
  JsonArray *amounts = json_object_get_array_member (fields_of (h), "amounts_charged");
  json_object_set_string_member (json_array_get_object_element (amounts, 1), "currency", "XYZ");
}

static void
fractional_amount (JsonObject *h)
{
  JsonObject *total = json_object_get_object_member (fields_of (h), "total_charged");
  json_object_set_double_member (total, "amount", 42.75);
}

static void
boolean_as_text (JsonObject *h)
{
  json_object_set_string_member (fields_of (h), "pms_connected", "yes");
}

static void
bad_choice (JsonObject *h)
{
  json_object_set_string_member (fields_of (h), "pms_name", "excel");
}

static void
bad_requester_email (JsonObject *h)
{
  json_object_set_string_member (json_object_get_object_member (h, "requester"), "email",
                                 "maya at example");
}

static void
bad_field_email (JsonObject *h)
{
  json_object_set_string_member (fields_of (h), "new_email", "maya@");
}

static void
bad_card (JsonObject *h)
{
  json_object_set_string_member (fields_of (h), "card_last4", "42424");
}

static void
card_as_number (JsonObject *h)
{
  json_object_set_int_member (fields_of (h), "card_last4", 4242);
}

static void
guest_raises_host_topic (JsonObject *h)
{
  json_object_set_string_member (json_object_get_object_member (h, "requester"), "audience",
                                 "guest");
}

static void
bad_base64 (JsonObject *h)
{
  json_object_set_string_member (attachment_of (h), "data", "not base64!!");
}

static void
png_labelled_jpeg (JsonObject *h)
{
  json_object_set_string_member (attachment_of (h), "media_type", "image/jpeg");
}

static void
not_an_image_type (JsonObject *h)
{
  json_object_set_string_member (attachment_of (h), "media_type", "application/pdf");
}

static void
attachment_kind_not_taken (JsonObject *h)
{
  json_object_set_string_member (attachment_of (h), "kind", "error_screenshot");
}

static void
unknown_top_level (JsonObject *h)
{
  json_object_set_string_member (h, "priority", "urgent");
}

static void
empty_transcript (JsonObject *h)
{
  json_object_set_array_member (h, "transcript", json_array_new ());
}

static void
agent_in_transcript (JsonObject *h)
{
  JsonArray *transcript = json_object_get_array_member (h, "transcript");
  json_object_set_string_member (json_array_get_object_element (transcript, 1), "sender", "agent");
}

static void
no_requester (JsonObject *h)
{
  json_object_remove_member (h, "requester");
}

static void
no_contact (JsonObject *h)
{
  json_object_remove_member (json_object_get_object_member (h, "requester"), "email");
}

static void
fields_not_object (JsonObject *h)
{
  json_object_set_string_member (h, "fields", "property: Lakeview");
}

static void
empty_list (JsonObject *h)
{
  json_object_set_array_member (fields_of (h), "session_times", json_array_new ());
}

static void
inverted_period (JsonObject *h)
{
  JsonObject *period = json_object_get_object_member (fields_of (h), "period");
  json_object_set_string_member (period, "to", "2026-11-01");
}

static void
test_invalid (void)
{
  static const struct
  {
    const char *topic;
    Mutation mutate;
    const char *field;
  } cases[] = {
    { "charger-offline", unknown_topic, "topic" },
    { "charger-offline", unknown_field, "fields.favourite_colour" },
    { "charger-offline", time_as_number, "fields.attempted_at" },
    { "not-charging", bad_time, "fields.attempted_at" },
    { "billing-dispute", bad_currency_deep, "fields.amounts_charged[1].currency" },
    { "cost-breakdown", fractional_amount, "fields.total_charged.amount" },
    { "charger-assignment", boolean_as_text, "fields.pms_connected" },
    { "charger-assignment", bad_choice, "fields.pms_name" },
    { "no-permission", bad_requester_email, "requester.email" },
    { "change-email", bad_field_email, "fields.new_email" },
    { "billing-dispute", bad_card, "fields.card_last4" },
    { "billing-dispute", card_as_number, "fields.card_last4" },
    { "payouts-reporting", guest_raises_host_topic, "requester.audience" },
    { "charger-assignment", guest_raises_host_topic, "requester.audience" },
    { "guest-cannot-start", bad_base64, "attachments[0].data" },
    { "not-charging", png_labelled_jpeg, "attachments[0].data" },
    { "not-charging", not_an_image_type, "attachments[0].media_type" },
    { "charger-offline", attachment_kind_not_taken, "attachments[0].kind" },
    { "cost-breakdown", unknown_top_level, "priority" },
    { "cost-breakdown", empty_transcript, "transcript" },
    { "cost-breakdown", agent_in_transcript, "transcript[1].sender" },
    { "cost-breakdown", no_requester, "requester" },
    { "cost-breakdown", no_contact, "requester" },
    { "cost-breakdown", fields_not_object, "fields" },
    { "billing-dispute", empty_list, "fields.session_times" },
    { "payouts-reporting", inverted_period, "fields.period" },
  };
  g_autofree char *supervisor = okc_test_sign_in (url (), OKC_TEST_SUPERVISOR_EMAIL,
                                                  "demo-supervisor");
  g_autoptr(OkcTestResponse) before = okc_test_get (url (), "/v1/tickets?limit=1", supervisor);
  g_autoptr(OkcTestResponse) after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) handoff = make_handoff (cases[i].topic, fleet.online_charger);
      g_autoptr(OkcTestResponse) response = NULL;

      g_test_message ("case %u: %s", i, cases[i].field);
      cases[i].mutate (json_node_get_object (handoff));
      response = post_handoff (handoff);
      okc_test_assert_error (response, 422, "invalid_input", cases[i].field);
    }

  /* Nothing refused was stored. */
  after = okc_test_get (url (), "/v1/tickets?limit=1", supervisor);
  g_assert_cmpint (json_object_get_int_member (okc_test_response_object (before), "total"), ==,
                   json_object_get_int_member (okc_test_response_object (after), "total"));
}

static void
test_not_json (void)
{
  g_autofree char *handoffs = g_strconcat (url (), "/v1/handoffs", NULL);
  static const char * const malformed[] = { "{\"topic\": ", "", "not json", "{\"a\": 1,}" };
  g_autoptr(GBytes) latin1 = g_bytes_new_static ("{\"summary\": \"caf\xe9\"}", 18);
  g_autoptr(GBytes) json = g_bytes_new_static ("{}", 2);
  g_autoptr(OkcTestResponse) not_utf8 = okc_test_http ("POST", handoffs, chatbot,
                                                       "application/json", latin1);
  g_autoptr(OkcTestResponse) text_plain = okc_test_http ("POST", handoffs, chatbot, "text/plain",
                                                         json);
  g_autoptr(OkcTestResponse) no_type = okc_test_http ("POST", handoffs, chatbot, NULL, json);
  g_autoptr(OkcTestResponse) other_charset =
    okc_test_http ("POST", handoffs, chatbot, "application/json; charset=iso-8859-1", json);
  g_autoptr(OkcTestResponse) array = okc_test_post_json (url (), "/v1/handoffs", chatbot, "[]");

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(OkcTestResponse) response =
        okc_test_post_json (url (), "/v1/handoffs", chatbot, malformed[i]);
      okc_test_assert_error (response, 400, "malformed_json", NULL);
    }
  okc_test_assert_error (not_utf8, 400, "malformed_json", NULL);
  okc_test_assert_error (text_plain, 415, "unsupported_media_type", NULL);
  okc_test_assert_error (no_type, 415, "unsupported_media_type", NULL);
  okc_test_assert_error (other_charset, 415, "unsupported_media_type", NULL);
  okc_test_assert_error (array, 422, "invalid_input", NULL);
}

static void
test_topics (void)
{
  g_autoptr(OkcTestResponse) response = okc_test_get (url (), "/v1/topics", chatbot);
  JsonArray *topics = json_object_get_array_member (okc_test_response_object (response), "topics");
  guint n_topics;
  const OkcTopic *expected = okc_topic_get_all (&n_topics);

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (topics), ==, n_topics);
  for (guint i = 0; i < n_topics; i++)
    {
      JsonObject *topic = json_array_get_object_element (topics, i);
      JsonArray *fields = json_object_get_array_member (topic, "fields");

      g_assert_cmpstr (json_object_get_string_member (topic, "id"), ==, expected[i].id);
      g_assert_cmpint (json_object_get_int_member (topic, "number"), ==, i + 1);
      g_assert_cmpstr (json_object_get_string_member (topic, "title"), ==, expected[i].title);
      g_assert_cmpuint (json_array_get_length (fields), ==, expected[i].n_fields);
      for (guint k = 0; k < expected[i].n_fields; k++)
        {
          JsonObject *field = json_array_get_object_element (fields, k);
          const OkcTopicField *want = &expected[i].fields[k];

          g_assert_cmpstr (json_object_get_string_member (field, "key"), ==, want->key);
          g_assert_cmpstr (json_object_get_string_member (field, "kind"), ==,
                           okc_field_kind_to_string (want->kind));
          g_assert_cmpint (json_object_get_boolean_member (field, "required"), ==, want->required);
          g_assert_cmpstr (json_object_get_string_member_with_default (field, "alternative", NULL),
                           ==, want->alternative);
          g_assert_true (want->choices == NULL ? json_object_get_null_member (field, "choices")
                                               : json_array_get_length (json_object_get_array_member (
                                                   field, "choices")) > 0);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Backend/handoff/topics", test_topics);
  g_test_add_func ("/Okc/Backend/handoff/every-topic", test_every_topic);
  g_test_add_func ("/Okc/Backend/handoff/links-property-and-charger",
                   test_links_property_and_charger);
  g_test_add_func ("/Okc/Backend/handoff/links-by-serial", test_links_by_serial);
  g_test_add_func ("/Okc/Backend/handoff/unknown-property-is-not-linked",
                   test_unknown_property_is_not_linked);
  g_test_add_func ("/Okc/Backend/handoff/priority", test_priority);
  g_test_add_func ("/Okc/Backend/handoff/invalid", test_invalid);
  g_test_add_func ("/Okc/Backend/handoff/not-json", test_not_json);

  backend = okc_test_backend_start ((const char *[]) { "--tickets", "40", NULL });
  chatbot = okc_test_sign_in (url (), OKC_TEST_CHATBOT_EMAIL, "demo-chatbot");
  agent = okc_test_sign_in (url (), OKC_TEST_AGENT_EMAIL, "demo-agent");
  learn_fleet ();
  status = g_test_run ();
  okc_test_backend_stop (backend);
  g_free (chatbot);
  g_free (agent);
  g_free (fleet.property_name);
  g_free (fleet.property_id);
  g_free (fleet.online_charger);
  g_free (fleet.down_charger);
  g_free (fleet.serial);
  g_free (fleet.serial_charger);
  return status;
}
