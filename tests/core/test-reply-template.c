/* test-reply-template.c — the topic replies and the "ask for the missing details" reply
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

/* A charger-offline ticket with the given collected fields and attachments (JSON
 * member texts, without braces). */
static OkcTicket *
make_ticket (const char *topic,
             const char *charger_id,
             const char *fields,
             const char *attachments)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *charger = charger_id != NULL ? g_strdup_printf ("\"%s\"", charger_id)
                                                : g_strdup ("null");
  OkcTicket *ticket;

  text = g_strdup_printf (
    "{\"id\": \"TCK-000123\", \"topic\": \"%s\", \"status\": \"new\", \"priority\": \"high\","
    " \"summary\": null,"
    " \"requester\": {\"name\": \"Maya Chen\", \"email\": \"maya.chen@example.com\","
    "                \"phone\": null, \"audience\": \"guest\"},"
    " \"property\": {\"id\": \"PRP-0004\", \"name\": \"Lakeview Lofts\"},"
    " \"charger_id\": %s, \"assignee\": null,"
    " \"fields\": {%s}, \"attachments\": [%s],"
    " \"transcript\": [{\"sender\": \"customer\", \"sent_at\": \"2026-11-24T08:01:12Z\","
    "                  \"text\": \"Help\"}],"
    " \"created_at\": \"2026-11-24T08:03:00Z\", \"updated_at\": \"2026-11-24T08:03:00Z\","
    " \"version\": 1}",
    topic, charger, fields, attachments);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  ticket = okc_ticket_new_from_json (json_parser_get_root (parser), "ticket", &error);
  g_assert_no_error (error);
  return ticket;
}

static const char qr_photo[] =
  "{\"id\": \"ATT-000044\", \"kind\": \"qr_photo\", \"filename\": \"qr.png\","
  " \"media_type\": \"image/png\", \"size\": 5321}";

static void
test_topic_reply_names_the_site (void)
{
  g_autoptr(OkcTicket) ticket = make_ticket ("charger-offline", "CH-10234", "", "");
  g_autofree char *reply = okc_reply_template_for_topic (ticket, "Alex Rivera");

  g_assert_true (g_str_has_prefix (reply, "Hi Maya,\n\n"));
  g_assert_nonnull (strstr (reply, "the charger CH-10234 at Lakeview Lofts"));
  g_assert_true (g_str_has_suffix (reply, "\n\nBest regards,\nAlex Rivera\nOK2Charge Support"));
}

static void
test_every_topic_has_a_reply (void)
{
  guint n_topics;
  const OkcTopic *topics = okc_topic_get_all (&n_topics);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (n_topics, ==, 10);
  for (guint i = 0; i < n_topics; i++)
    {
      g_autoptr(OkcTicket) ticket = make_ticket (topics[i].id, NULL, "", "");
      g_autofree char *reply = okc_reply_template_for_topic (ticket, "Sam Okafor");

      g_assert_true (g_str_has_prefix (reply, "Hi Maya,"));
      g_assert_nonnull (strstr (reply, "Sam Okafor"));
      /* Each topic says what support does for that topic: no two are the same. */
      g_assert_false (g_hash_table_contains (seen, reply));
      g_hash_table_add (seen, g_steal_pointer (&reply));
    }
}

static void
test_nothing_missing (void)
{
  g_autoptr(OkcTicket) ticket =
    make_ticket ("charger-offline", "CH-10234",
                 "\"property_name\": \"Lakeview Lofts\","
                 "\"property_address\": \"12 Shore Rd\","
                 "\"charger_id\": \"CH-10234\","
                 "\"attempted_at\": \"2026-11-24T07:55:00Z\"",
                 "");

  g_assert_null (okc_reply_template_missing_details (ticket, "Alex Rivera"));
}

/* Exactly the required details that were not collected, in the topic's order: not the
 * optional ones, not those collected, not one stood in for by its alternative. */
static void
test_lists_exactly_the_missing (void)
{
  g_autoptr(OkcTicket) ticket =
    make_ticket ("charger-offline", NULL, "\"property_name\": \"Lakeview Lofts\"", "");
  g_autofree char *reply = okc_reply_template_missing_details (ticket, "Alex Rivera");

  g_assert_cmpstr (reply, ==,
                   "Hi Maya,\n\n"
                   "To look into this, we need a few more details:\n"
                   "\n• Property address"
                   "\n• Charger ID (or: Photo of the QR code)"
                   "\n• Latest attempt\n\n"
                   "Could you reply with them? We will pick your request up as soon as we "
                   "have them."
                   "\n\nBest regards,\nAlex Rivera\nOK2Charge Support");
}

static void
test_alternative_stands_in (void)
{
  g_autoptr(OkcTicket) ticket =
    make_ticket ("charger-offline", NULL,
                 "\"property_name\": \"Lakeview Lofts\","
                 "\"property_address\": \"12 Shore Rd\"",
                 qr_photo);
  g_autofree char *reply = okc_reply_template_missing_details (ticket, "Alex Rivera");

  g_assert_nonnull (strstr (reply, "we need one more detail:\n\n• Latest attempt\n\n"));
  g_assert_null (strstr (reply, "Charger ID"));
  g_assert_nonnull (strstr (reply, "Could you reply with it?"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/ReplyTemplate/topic-names-the-site", test_topic_reply_names_the_site);
  g_test_add_func ("/Okc/ReplyTemplate/every-topic", test_every_topic_has_a_reply);
  g_test_add_func ("/Okc/ReplyTemplate/nothing-missing", test_nothing_missing);
  g_test_add_func ("/Okc/ReplyTemplate/exactly-the-missing", test_lists_exactly_the_missing);
  g_test_add_func ("/Okc/ReplyTemplate/alternative-stands-in", test_alternative_stands_in);

  return g_test_run ();
}
