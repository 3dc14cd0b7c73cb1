/* test-topic.c — the ten topics of the article and the validation of collected fields
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonNode *node = okc_json_parse_bytes (bytes, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_table (void)
{
  static const char * const expected_ids[] = {
    "charger-offline", "not-charging", "no-permission", "billing-dispute", "cost-breakdown",
    "cancel-or-delete", "change-email", "charger-assignment", "guest-cannot-start",
    "payouts-reporting",
  };
  guint n_topics;
  const OkcTopic *topics = okc_topic_get_all (&n_topics);

  g_assert_cmpuint (n_topics, ==, OKC_N_TOPICS);
  for (guint i = 0; i < n_topics; i++)
    {
      const OkcTopic *topic = &topics[i];

      g_assert_cmpuint (topic->number, ==, i + 1);
      g_assert_cmpstr (topic->id, ==, expected_ids[i]);
      g_assert_true (okc_topic_lookup (topic->id) == topic);
      g_assert_cmpuint (topic->audiences, !=, 0);
      g_assert_cmpuint (okc_topic_count_required (topic), >=, 2);

      for (guint f = 0; f < topic->n_fields; f++)
        {
          const OkcTopicField *field = &topic->fields[f];

          g_assert_true (okc_topic_lookup_field (topic, field->key) == field);
          /* An alternative must be another field of the same topic. */
          if (field->alternative != NULL)
            g_assert_nonnull (okc_topic_lookup_field (topic, field->alternative));
          g_assert_true ((field->kind == OKC_FIELD_CHOICE) == (field->choices != NULL));
          g_assert_nonnull (okc_field_kind_to_string (field->kind));
        }
    }

  g_assert_null (okc_topic_lookup ("charger_offline"));
  g_assert_null (okc_topic_lookup (NULL));
}

static void
test_audiences (void)
{
  g_assert_true (okc_topic_has_audience (okc_topic_lookup ("payouts-reporting"), OKC_AUDIENCE_HOST));
  g_assert_false (
    okc_topic_has_audience (okc_topic_lookup ("payouts-reporting"), OKC_AUDIENCE_GUEST));
  g_assert_false (
    okc_topic_has_audience (okc_topic_lookup ("charger-assignment"), OKC_AUDIENCE_GUEST));
  g_assert_true (okc_topic_has_audience (okc_topic_lookup ("not-charging"), OKC_AUDIENCE_GUEST));
  g_assert_true (okc_topic_has_audience (okc_topic_lookup ("charger-offline"), OKC_AUDIENCE_HOST));
}

typedef struct
{
  const char *topic;
  const char *key;
  const char *json;
  gboolean valid;
  const char *error_field;
} FieldCase;

static const FieldCase field_cases[] = {
  { "charger-offline", "property_name", "\"Lakeview Lofts\"", TRUE, NULL },
  { "charger-offline", "property_name", "\"   \"", FALSE, "f" },
  { "charger-offline", "property_name", "42", FALSE, "f" },
  { "charger-offline", "attempted_at", "\"2026-11-24T08:00:00Z\"", TRUE, NULL },
  { "charger-offline", "attempted_at", "\"last Tuesday\"", FALSE, "f" },
  { "no-permission", "account_contact", "\"maya@example.com\"", TRUE, NULL },
  { "no-permission", "account_contact", "\"+1 (802) 555-0142\"", TRUE, NULL },
  { "no-permission", "account_contact", "\"maya at example\"", FALSE, "f" },
  { "billing-dispute", "card_last4", "\"4242\"", TRUE, NULL },
  { "billing-dispute", "card_last4", "\"424\"", FALSE, "f" },
  { "billing-dispute", "card_last4", "4242", FALSE, "f" },
  { "billing-dispute", "card_last4", "\"4242424242424242\"", FALSE, "f" },
  { "billing-dispute", "session_times", "[\"2026-11-20T18:00:00Z\"]", TRUE, NULL },
  { "billing-dispute", "session_times", "[]", FALSE, "f" },
  { "billing-dispute", "session_times", "\"2026-11-20T18:00:00Z\"", FALSE, "f" },
  { "billing-dispute", "amounts_charged",
    "[{\"amount\": 1250, \"currency\": \"USD\"}, {\"amount\": 300, \"currency\": \"USD\"}]", TRUE,
    NULL },
  { "billing-dispute", "amounts_charged",
    "[{\"amount\": 1250, \"currency\": \"USD\"}, {\"amount\": 3.5, \"currency\": \"USD\"}]",
    FALSE, "f[1].amount" },
  { "billing-dispute", "amounts_charged", "[{\"amount\": -5, \"currency\": \"USD\"}]", FALSE,
    "f[0]" },
  { "billing-dispute", "dispute_kind", "\"idle_fee\"", TRUE, NULL },
  { "billing-dispute", "dispute_kind", "\"too_expensive\"", FALSE, "f" },
  { "change-email", "new_email", "\"new@example.org\"", TRUE, NULL },
  { "change-email", "new_email", "\"new@@example.org\"", FALSE, "f" },
  { "change-email", "new_email", "\"new@example\"", FALSE, "f" },
  { "charger-assignment", "pms_connected", "false", TRUE, NULL },
  { "charger-assignment", "pms_connected", "\"false\"", FALSE, "f" },
  { "charger-assignment", "pms_name", "\"guesty\"", TRUE, NULL },
  { "payouts-reporting", "period", "{\"from\": \"2026-10-01\", \"to\": \"2026-10-31\"}", TRUE,
    NULL },
  { "payouts-reporting", "period", "{\"from\": \"2026-10-31\", \"to\": \"2026-10-01\"}", FALSE,
    "f" },
  { "payouts-reporting", "period", "{\"from\": \"2026-10-01\", \"to\": \"Oct 31\"}", FALSE,
    "f.to" },
  { "payouts-reporting", "period", "{\"from\": \"2026-10-01\"}", FALSE, "f.to" },
  { "payouts-reporting", "payout_ids", "[\"PAY-00012\", \"PAY-00013\"]", TRUE, NULL },
  { "payouts-reporting", "payout_ids", "[\"PAY-00012\", \"\"]", FALSE, "f[1]" },
  { "guest-cannot-start", "error_screenshot", "\"error.png\"", FALSE, "f" },
};

static void
test_field_validation (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_cases); i++)
    {
      const FieldCase *c = &field_cases[i];
      const OkcTopic *topic = okc_topic_lookup (c->topic);
      const OkcTopicField *field = okc_topic_lookup_field (topic, c->key);
      g_autoptr(JsonNode) value = parse (c->json);
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %s %s = %s", i, c->topic, c->key, c->json);
      g_assert_nonnull (field);
      g_assert_cmpint (okc_topic_field_validate (field, value, "f", &error), ==, c->valid);
      if (c->valid)
        {
          g_autofree char *formatted = NULL;

          g_assert_no_error (error);
          if (field->kind != OKC_FIELD_ATTACHMENT)
            {
              formatted = okc_topic_field_format (field, value);
              g_assert_nonnull (formatted);
              g_assert_cmpstr (formatted, !=, "");
            }
        }
      else
        {
          g_assert_error (error, OKC_DATA_ERROR, error->code);
          g_assert_cmpstr (okc_data_error_get_field (error), ==, c->error_field);
        }
    }
}

static void
test_format (void)
{
  const OkcTopic *billing = okc_topic_lookup ("billing-dispute");
  const OkcTopic *assignment = okc_topic_lookup ("charger-assignment");
  g_autoptr(JsonNode) amounts =
    parse ("[{\"amount\": 1250, \"currency\": \"USD\"}, {\"amount\": 5, \"currency\": \"USD\"}]");
  g_autoptr(JsonNode) card = parse ("\"4242\"");
  g_autoptr(JsonNode) pms = parse ("\"hospitable\"");
  g_autoptr(JsonNode) connected = parse ("true");
  g_autofree char *amounts_text =
    okc_topic_field_format (okc_topic_lookup_field (billing, "amounts_charged"), amounts);
  g_autofree char *card_text =
    okc_topic_field_format (okc_topic_lookup_field (billing, "card_last4"), card);
  g_autofree char *pms_text =
    okc_topic_field_format (okc_topic_lookup_field (assignment, "pms_name"), pms);
  g_autofree char *connected_text =
    okc_topic_field_format (okc_topic_lookup_field (assignment, "pms_connected"), connected);

  g_assert_cmpstr (amounts_text, ==, "$12.50, $0.05");
  g_assert_cmpstr (card_text, ==, "•••• 4242");
  g_assert_cmpstr (pms_text, ==, "Hospitable");
  g_assert_cmpstr (connected_text, ==, "Yes");
}

static void
test_validate_fields (void)
{
  const OkcTopic *topic = okc_topic_lookup ("charger-offline");
  g_autoptr(JsonNode) good = parse ("{\"property_name\": \"Lakeview\", \"charger_id\": \"CH-1\"}");
  g_autoptr(JsonNode) unknown = parse ("{\"property_name\": \"Lakeview\", \"card_last4\": \"1234\"}");
  g_autoptr(JsonNode) attachment = parse ("{\"qr_photo\": \"qr.png\"}");
  g_autoptr(GError) error = NULL;

  g_assert_true (okc_topic_validate_fields (topic, json_node_get_object (good), "fields", &error));
  g_assert_no_error (error);

  g_assert_false (
    okc_topic_validate_fields (topic, json_node_get_object (unknown), "fields", &error));
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_UNKNOWN);
  g_assert_cmpstr (okc_data_error_get_field (error), ==, "fields.card_last4");
  g_clear_error (&error);

  g_assert_false (
    okc_topic_validate_fields (topic, json_node_get_object (attachment), "fields", &error));
  g_assert_cmpstr (okc_data_error_get_field (error), ==, "fields.qr_photo");
  g_clear_error (&error);

  g_assert_true (okc_topic_validate_attachment_kind (topic, "qr_photo", "k", &error));
  g_assert_false (okc_topic_validate_attachment_kind (topic, "error_screenshot", "k", &error));
  g_assert_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_UNKNOWN);
}

static void
test_email_and_phone (void)
{
  g_assert_true (okc_text_is_email ("a.b+c@sub.example.com"));
  g_assert_false (okc_text_is_email ("@example.com"));
  g_assert_false (okc_text_is_email ("a b@example.com"));
  g_assert_false (okc_text_is_email ("ab@example."));
  g_assert_false (okc_text_is_email ("ab@.com"));
  g_assert_true (okc_text_is_phone ("+44 20 7946 0958"));
  g_assert_true (okc_text_is_phone ("(802) 555-0142"));
  g_assert_false (okc_text_is_phone ("555-01"));
  g_assert_false (okc_text_is_phone ("1+2345678"));
  g_assert_false (okc_text_is_phone ("call me maybe"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Topic/table", test_table);
  g_test_add_func ("/Okc/Topic/audiences", test_audiences);
  g_test_add_func ("/Okc/Topic/field-validation", test_field_validation);
  g_test_add_func ("/Okc/Topic/format", test_format);
  g_test_add_func ("/Okc/Topic/validate-fields", test_validate_fields);
  g_test_add_func ("/Okc/Topic/email-and-phone", test_email_and_phone);

  return g_test_run ();
}
