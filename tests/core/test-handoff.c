/* test-handoff.c — validating the chatbot's hand-off against its topic
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

/* A real 1×1 PNG. */
#define PNG_BASE64                                                                                \
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

static const char valid_handoff[] =
  "{"
  "  \"topic\": \"guest-cannot-start\","
  "  \"summary\": \"QR scan fails with Error loading the charger\","
  "  \"requester\": {\"name\": \"Ravi Patel\", \"email\": \"ravi@example.com\","
  "                 \"audience\": \"guest\"},"
  "  \"fields\": {\"property_name\": \"Pine Street Suites\","
  "             \"attempted_at\": \"2026-11-24T06:40:00Z\"},"
  "  \"transcript\": ["
  "    {\"sender\": \"customer\", \"sent_at\": \"2026-11-24T06:41:00Z\","
  "     \"text\": \"It says error loading the charger\"},"
  "    {\"sender\": \"chatbot\", \"sent_at\": \"2026-11-24T06:41:05Z\","
  "     \"text\": \"Could you send a screenshot?\"}"
  "  ],"
  "  \"attachments\": [{\"kind\": \"error_screenshot\", \"filename\": \"error.png\","
  "                   \"media_type\": \"image/png\", \"data\": \"" PNG_BASE64 "\"}]"
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

static void
test_valid (void)
{
  g_autoptr(JsonNode) node = parse_mutable (valid_handoff);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcHandoff) handoff = okc_handoff_new_from_json (node, &error);
  OkcHandoffAttachment *attachment;

  g_assert_no_error (error);
  g_assert_cmpstr (handoff->topic->id, ==, "guest-cannot-start");
  g_assert_cmpstr (handoff->requester.email, ==, "ravi@example.com");
  g_assert_cmpuint (handoff->transcript->len, ==, 2);
  g_assert_cmpuint (handoff->attachments->len, ==, 1);
  attachment = handoff->attachments->pdata[0];
  g_assert_cmpstr (attachment->kind, ==, "error_screenshot");
  g_assert_cmpuint (g_bytes_get_size (attachment->data), ==, 70);
  g_assert_true (json_object_has_member (handoff->fields, "attempted_at"));
}

typedef struct
{
  const char *member;  /* top-level member to replace */
  const char *value;   /* its new JSON value, NULL to remove it */
  const char *error_field;
} Case;

static const Case cases[] = {
  { "topic", "\"parking\"", "topic" },
  { "topic", NULL, "topic" },
  { "colour", "\"blue\"", "colour" },
  { "requester", "{\"name\": \"Ravi\", \"audience\": \"guest\"}", "requester" },
  { "requester", "{\"name\": \"Ravi\", \"email\": \"ravi@\", \"audience\": \"guest\"}",
    "requester.email" },
  { "fields", "{\"card_last4\": \"4242\"}", "fields.card_last4" },
  { "fields", "{\"attempted_at\": \"this morning\"}", "fields.attempted_at" },
  { "fields", "{\"error_screenshot\": \"error.png\"}", "fields.error_screenshot" },
  { "fields", NULL, "fields" },
  { "summary", "42", "summary" },
  { "transcript", "[]", "transcript" },
  { "transcript", "[{\"sender\": \"agent\", \"sent_at\": \"2026-11-24T06:41:00Z\", \"text\": \"hi\"}]",
    "transcript[0].sender" },
  { "attachments",
    "[{\"kind\": \"receipt\", \"filename\": \"r.png\", \"media_type\": \"image/png\", \"data\": \"" PNG_BASE64 "\"}]",
    "attachments[0].kind" },
  { "attachments",
    "[{\"kind\": \"qr_photo\", \"filename\": \"qr.jpg\", \"media_type\": \"image/jpeg\", \"data\": \"" PNG_BASE64 "\"}]",
    "attachments[0].data" },
  { "attachments",
    "[{\"kind\": \"qr_photo\", \"filename\": \"qr.png\", \"media_type\": \"image/png\", \"data\": \"not base64!\"}]",
    "attachments[0].data" },
  { "attachments",
    "[{\"kind\": \"qr_photo\", \"filename\": \"qr.gif\", \"media_type\": \"image/gif\", \"data\": \"R0lGODlh\"}]",
    "attachments[0].media_type" },
  { "attachments",
    "[{\"kind\": \"qr_photo\", \"filename\": \"../qr.png\", \"media_type\": \"image/png\", \"data\": \"" PNG_BASE64 "\"}]",
    "attachments[0].filename" },
  { "attachments",
    "[{\"kind\": \"qr_photo\", \"filename\": \"qr.png\", \"media_type\": \"image/png\", \"data\": \"" PNG_BASE64 "\", \"url\": \"x\"}]",
    "attachments[0].url" },
};

static void
test_rejects (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse_mutable (valid_handoff);
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcHandoff) handoff = NULL;

      g_test_message ("case %u: %s = %s", i, cases[i].member, cases[i].value);
      if (cases[i].value == NULL)
        json_object_remove_member (object, cases[i].member);
      else
        json_object_set_member (object, cases[i].member, parse_mutable (cases[i].value));

      handoff = okc_handoff_new_from_json (node, &error);
      g_assert_null (handoff);
      g_assert_nonnull (error);
      g_assert_cmpstr (okc_data_error_get_field (error), ==, cases[i].error_field);
    }
}

static void
test_audience (void)
{
  g_autoptr(JsonNode) node = parse_mutable (valid_handoff);
  JsonObject *object = json_node_get_object (node);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcHandoff) handoff = NULL;

  /* Payout questions come from hosts; a guest raising one is a chatbot mistake. */
  json_object_set_string_member (object, "topic", "payouts-reporting");
  json_object_set_member (object, "fields", parse_mutable ("{}"));
  json_object_remove_member (object, "attachments");

  handoff = okc_handoff_new_from_json (node, &error);
  g_assert_null (handoff);
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID);
  g_assert_cmpstr (okc_data_error_get_field (error), ==, "requester.audience");
}

static void
test_too_many_attachments (void)
{
  g_autoptr(JsonNode) node = parse_mutable (valid_handoff);
  JsonObject *object = json_node_get_object (node);
  JsonArray *attachments = json_object_get_array_member (object, "attachments");
  JsonNode *first = json_array_get_element (attachments, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcHandoff) handoff = NULL;

  for (guint i = 0; i < OKC_HANDOFF_MAX_ATTACHMENTS; i++)
    json_array_add_element (attachments, json_node_copy (first));

  handoff = okc_handoff_new_from_json (node, &error);
  g_assert_null (handoff);
  g_assert_cmpstr (okc_data_error_get_field (error), ==, "attachments");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Handoff/valid", test_valid);
  g_test_add_func ("/Okc/Handoff/rejects", test_rejects);
  g_test_add_func ("/Okc/Handoff/audience", test_audience);
  g_test_add_func ("/Okc/Handoff/too-many-attachments", test_too_many_attachments);

  return g_test_run ();
}
