/* okc-demo-transcripts.c — what the customer and the chatbot said before the hand-off
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-demo-transcripts.h"

#include <string.h>

/* What each side says, per topic in the article's order: the customer's opening, the
 * chatbot's first advice from the article, and the customer's answer to it. */
typedef struct
{
  const char *openings[3];
  const char *host_opening; /* for a topic both raise; the openings are then a guest's */
  const char *advice[2];
  const char *follow_ups[2];
} TopicLines;

static const TopicLines lines[OKC_N_TOPICS] = {
  { { "The charger says Offline in the app and won't start.",
      "Hi, the EV charger at our place isn't working at all, the app shows it offline.",
      "Nothing happens when I plug in, the charger looks dead." },
    "Our property dashboard shows a charger offline since this morning.",
    { "Sorry about that! Could you check that the charger's breaker is ON and whether any "
      "LEDs are lit? If so, try turning the breaker off for 1–2 minutes and back on.",
      "Let's try a power cycle: switch the breaker OFF for 1–2 minutes, then back ON and wait "
      "for the charger to boot fully. Is the site's Wi-Fi working?" },
    { "Breaker is on, I power cycled it and waited, still offline.",
      "The LEDs are off completely. Flipped the breaker twice, nothing." } },
  { { "My car is plugged in but it's not charging.",
      "The session starts and then stops after a few minutes, every time.",
      "Car says charging unsuccessful even though it's connected." },
    NULL,
    { "Let's check the connection: make sure the connector is fully seated and the car is in "
      "Park. Then stop the session in the app, unplug, wait about 30 seconds and start a new "
      "one.",
      "Could you restart the session? Stop it in the app, unplug the connector for ~30 "
      "seconds, plug back in and start again. Note any light pattern on the charger." },
    { "Did all that, same thing. The charger is blinking yellow.",
      "Tried twice, it stops again after a couple of minutes." } },
  { { "The app says I'm not allowed to use this charger.",
      "Scanning the QR code gives me \"No permission\".",
      "I get Access denied when I scan the charger at my building." },
    NULL,
    { "That usually means the account setup isn't complete, or the charger is restricted to "
      "certain residents or guests. Are you logged in and scanning the QR code on the charger "
      "you're plugged into?",
      "Please make sure you're logged into your OK2Charge account with a complete profile, "
      "and that you're scanning the code on the charger you're using." },
    { "Yes, logged in, profile done, and it's the right charger. I live here.",
      "It's definitely the right one, I'm staying here this week." } },
  { { "I was charged way more than I expected for my session.",
      "I got charged an idle fee but my car was still charging!",
      "I see several connection fees on my card but the charger never worked." },
    NULL,
    { "I can help look into that. Billing is a connection fee per session (if configured), "
      "energy at the site's rate per kWh, idle fees after charging completes, and taxes.",
      "Sorry about the surprise. To review the session logs, support will need a few details "
      "about the charge." },
    { "I understand, but that's not what happened here.",
      "Right, and that still doesn't add up." } },
  { { "Why was my last session so expensive?",
      "Can you tell me how this charge was calculated? It's higher than the posted rate.",
      "The amount is much higher than the rate on the sign." },
    NULL,
    { "A session can include a connection fee, energy (kWh × the site's rate), idle fees if "
      "the car stayed plugged in after charging, and taxes. Support can send you a line-item "
      "breakdown.",
      "I can get you a line-item breakdown of that session from our support team." },
    { "Yes please, I'd like the breakdown.", "OK, please send me the details." } },
  { { "I want to cancel my subscription, I'm moving away.",
      "Please delete my account, I don't use OK2Charge anymore.",
      "How do I remove my saved credit card?" },
    "I need help with our host account and the card on file.",
    { "You may be able to do this yourself in the app under Account or Billing. Did that "
      "work for you?",
      "In the app, go to Account or Billing, where you can cancel a plan or remove a payment "
      "method." },
    { "The option isn't there for me.", "I tried, it gives me an error." } },
  { { "I need to change the email on my account.",
      "Can I switch my login to my new work email?",
      "Please update my account email, I don't use the old one anymore." },
    "I need to move our host account to a new contact email.",
    { "Sure. I'll need your current account email and the new address; if you're not writing "
      "from the current address, a verification detail helps too.",
      "Happy to help. Support updates the login and notification email once they've verified "
      "it's you." },
    { "OK.", "Sounds good." } },
  { { "We installed a new charger and it's not showing under our property.",
      "Our chargers are missing from the network list in the dashboard.",
      "Our PMS isn't syncing the chargers or the bookings." },
    NULL,
    { "Support can link the charger to the right property and unit and check the PMS sync. "
      "They'll need a few details.",
      "I'll pass this to the team that links chargers and PMS integrations." },
    { "Great, thanks.", "OK, what do you need?" } },
  { { "I can't start a charge, the app shows an error after scanning.",
      "Scanning the QR code says Error loading the charger.",
      "The app won't go past the payment step." },
    "A guest at our property can't start a charge, the app errors after the QR scan.",
    { "Please use the official OK2Charge app or link, scan the QR code on the charger itself "
      "(not a photo), and close and reopen the app before scanning again.",
      "Could you try closing and reopening the app, then scanning the code directly on the "
      "charger?" },
    { "Did that, same error.", "Tried with the camera app too, still fails." } },
  { { "My payout doesn't match what the dashboard shows.",
      "I see a failed payout in my account.",
      "I need a statement of usage and payouts for my property." },
    NULL,
    { "Support can reconcile your sessions and net revenue with the payouts and explain any "
      "difference (fees, thresholds, timing).",
      "I'll get our team to reconcile that for you and send a statement if needed." },
    { "Thanks, here's what I have.", "OK." } },
};

static int
topic_index (const OkcTopic *topic)
{
  return (int) topic->number - 1;
}

static char *
format_time (const char *rfc3339)
{
  gint64 unix_time;
  g_autoptr(GDateTime) time = NULL;

  if (!okc_time_parse_rfc3339 (rfc3339, &unix_time))
    return g_strdup (rfc3339);
  time = g_date_time_new_from_unix_utc (unix_time);
  return g_date_time_format (time, "%b %-d around %H:%M UTC");
}

static char *
format_money (JsonNode *node)
{
  OkcMoney money;

  if (!okc_money_from_json (node, NULL, &money, NULL))
    return g_strdup ("?");
  return okc_money_format (&money);
}

static char *
format_list (JsonNode  *node,
             char     *(*format) (JsonNode *))
{
  JsonArray *array = json_node_get_array (node);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item = format (json_array_get_element (array, i));
      g_string_append_printf (text, "%s%s", i == 0 ? "" : " and ", item);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_time_node (JsonNode *node)
{
  return format_time (json_node_get_string (node));
}

static char *
format_text_node (JsonNode *node)
{
  return g_strdup (json_node_get_string (node));
}

/* One clause of the customer's message giving what the chatbot asked for. */
static char *
describe_field (const char *key,
                JsonNode   *value)
{
  const char *text = JSON_NODE_HOLDS_VALUE (value) &&
                         json_node_get_value_type (value) == G_TYPE_STRING
                       ? json_node_get_string (value)
                       : NULL;
  g_autofree char *detail = NULL;

  if (g_str_equal (key, "property_name") || g_str_equal (key, "account_or_property"))
    return g_strdup_printf ("it's %s", text);
  if (g_str_equal (key, "property_address"))
    return g_strdup_printf ("the address is %s", text);
  if (g_str_equal (key, "charger_id"))
    return g_strdup_printf ("the charger ID on the label is %s", text);
  if (g_str_equal (key, "charger_serial"))
    return g_strdup_printf ("the serial number is %s", text);
  if (g_str_equal (key, "attempted_at") || g_str_equal (key, "session_at"))
    return (detail = format_time (text), g_strdup_printf ("that was %s", detail));
  if (g_str_equal (key, "session_times"))
    return (detail = format_list (value, format_time_node),
            g_strdup_printf ("the sessions were %s", detail));
  if (g_str_equal (key, "amounts_charged") || g_str_equal (key, "amounts_to_reconcile"))
    return (detail = format_list (value, format_money), g_strdup_printf ("the amounts are %s",
                                                                         detail));
  if (g_str_equal (key, "total_charged"))
    return (detail = format_money (value), g_strdup_printf ("I was charged %s in total", detail));
  if (g_str_equal (key, "card_last4"))
    return g_strdup_printf ("my card ends in %s", text);
  if (g_str_equal (key, "account_contact") || g_str_equal (key, "current_email"))
    return g_strdup_printf ("my account is %s", text);
  if (g_str_equal (key, "new_email"))
    return g_strdup_printf ("the new email is %s", text);
  if (g_str_equal (key, "verification_detail"))
    return g_strdup_printf ("to verify: %s", text);
  if (g_str_equal (key, "request"))
    return g_strdup (g_str_equal (text, "cancel_subscription") ? "I only want to cancel the plan"
                     : g_str_equal (text, "delete_account")    ? "please delete the account and my data"
                                                               : "please remove my saved card");
  if (g_str_equal (key, "dispute_kind"))
    return g_strdup (g_str_equal (text, "idle_fee") ? "the idle fee is wrong"
                     : g_str_equal (text, "repeated_connection_fee")
                       ? "I was billed a connection fee for every failed try"
                       : "it's more than it should be");
  if (g_str_equal (key, "pms_name"))
    return g_str_equal (text, "none") ? g_strdup ("we don't use a PMS")
                                      : g_strdup_printf ("our PMS is %s", text);
  if (g_str_equal (key, "pms_connected"))
    return g_strdup (json_node_get_boolean (value) ? "the integration is connected in OK2Charge"
                                                   : "we haven't connected the integration yet");
  if (g_str_equal (key, "payout_ids"))
    return (detail = format_list (value, format_text_node),
            g_strdup_printf ("the payout is %s", detail));
  if (g_str_equal (key, "period"))
    {
      JsonObject *range = json_node_get_object (value);
      return g_strdup_printf ("for %s to %s", json_object_get_string_member (range, "from"),
                              json_object_get_string_member (range, "to"));
    }
  return NULL;
}

static char *
describe_fields (JsonObject *fields)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &key, &value))
    {
      g_autofree char *clause = describe_field (key, value);
      if (clause != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", clause);
    }
  if (text->len == 0)
    return g_strdup ("I'm not sure, sorry.");
  text->str[0] = g_ascii_toupper (text->str[0]);
  g_string_append_c (text, '.');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
ask_for_details (const OkcTopic *topic)
{
  g_autoptr(GString) text = g_string_new ("To pass this to our support team, could you share ");
  guint n = 0, count = okc_topic_count_required (topic);

  for (guint i = 0; i < topic->n_fields; i++)
    {
      const OkcTopicField *field = &topic->fields[i];
      g_autofree char *label = NULL;

      if (!field->required)
        continue;
      /* "Charger ID" reads "charger ID" mid-sentence. */
      label = g_strdup (field->label);
      if (g_ascii_islower (label[1]))
        label[0] = g_ascii_tolower (label[0]);
      g_string_append_printf (text, "%s%s", n == 0 ? "" : n + 1 == count ? " and " : ", ", label);
      n++;
    }
  g_string_append (text, "?");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  OkcSender sender;
  char *text;
} Line;

static void
add_line (GArray     *script,
          OkcSender   sender,
          const char *text)
{
  Line line = { sender, g_strdup (text) };
  g_array_append_val (script, line);
}

static void
line_clear (Line *line)
{
  g_free (line->text);
}

/* The opening that matches what the customer wants, where the openings are one per
 * choice of a field (the dispute kinds, the account requests), else any. */
static const char *
pick_opening (OkcDemoRandom             *random,
              const OkcDemoConversation *conversation,
              const TopicLines          *topic_lines)
{
  static const char * const disputes[] = { "overcharge", "idle_fee", "repeated_connection_fee" };
  static const char * const requests[] = { "cancel_subscription", "delete_account",
                                           "remove_card" };
  JsonObject *fields = conversation->fields;
  const char *value = NULL;
  const char * const *choices = NULL;

  if (conversation->is_host && topic_lines->host_opening != NULL)
    return topic_lines->host_opening;
  if (json_object_has_member (fields, "dispute_kind"))
    value = json_object_get_string_member (fields, "dispute_kind"), choices = disputes;
  else if (json_object_has_member (fields, "request"))
    value = json_object_get_string_member (fields, "request"), choices = requests;
  for (guint i = 0; choices != NULL && i < 3; i++)
    if (g_str_equal (choices[i], value))
      return topic_lines->openings[i];
  return OKC_DEMO_PICK (random, topic_lines->openings);
}

static void
write_script (OkcDemoRandom             *random,
              const OkcDemoConversation *conversation,
              GArray                    *script)
{
  const TopicLines *topic_lines = &lines[topic_index (conversation->topic)];
  g_autofree char *ask = ask_for_details (conversation->topic);
  g_autofree char *details = describe_fields (conversation->fields);
  g_autofree char *closing = g_strdup_printf (
    "Thanks, %s. I've passed this to a support agent with these details; you'll hear back by "
    "email.",
    conversation->first_name);

  add_line (script, OKC_SENDER_CUSTOMER, pick_opening (random, conversation, topic_lines));
  if (okc_demo_random_chance (random, 80))
    {
      add_line (script, OKC_SENDER_CHATBOT, OKC_DEMO_PICK (random, topic_lines->advice));
      add_line (script, OKC_SENDER_CUSTOMER, OKC_DEMO_PICK (random, topic_lines->follow_ups));
    }
  add_line (script, OKC_SENDER_CHATBOT, ask);
  add_line (script, OKC_SENDER_CUSTOMER, details);
  if (conversation->sent_photo)
    add_line (script, OKC_SENDER_CUSTOMER, "Here's a photo of the QR code on the charger.");
  if (conversation->screen_title != NULL)
    {
      g_autofree char *screenshot =
        g_strdup_printf ("Here's a screenshot, it says \"%s\".", conversation->screen_title);
      add_line (script, OKC_SENDER_CUSTOMER, screenshot);
    }
  add_line (script, OKC_SENDER_CHATBOT, closing);
}

/**
 * okc_demo_transcript_new:
 *
 * Returns: (transfer full) (element-type OkcMessage): a conversation of 3 to 8 messages
 *   in which the customer gives exactly the details the ticket's fields hold.
 */
GPtrArray *
okc_demo_transcript_new (OkcDemoRandom             *random,
                         const OkcDemoConversation *conversation)
{
  g_autoptr(GArray) script = g_array_new (FALSE, FALSE, sizeof (Line));
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree gint64 *gaps = NULL;
  gint64 t;

  g_array_set_clear_func (script, (GDestroyNotify) line_clear);
  write_script (random, conversation, script);

  /* Replies come 8 to 90 seconds apart; the hand-off follows the last one. */
  gaps = g_new (gint64, script->len);
  t = conversation->created_at - okc_demo_random_range (random, 3, 30);
  for (guint i = script->len; i > 0; i--)
    {
      gaps[i - 1] = t;
      t -= okc_demo_random_range (random, 8, 90);
    }
  for (guint i = 0; i < script->len; i++)
    {
      Line *line = &g_array_index (script, Line, i);
      g_ptr_array_add (messages, okc_message_new (line->sender, gaps[i], line->text));
    }
  return messages;
}
