/* okc-reply-template.c — one reply a topic, in the words of the support article
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"


#include "okc-reply-template.h"

/* Not translated, on purpose: these replies go to the customer, whose language is not
 * the agent's, and nothing in a ticket says which language the customer reads. They stay
 * English (like the support articles they quote) whatever the console's locale, so the
 * strings here carry no gettext markers; po/untranslated.txt lists them and
 * po/README.md explains why. Translate them per customer once tickets carry a language. */

/* The customer is greeted by the first word of the name the chatbot collected: "Maya"
 * for "Maya Chen". */
static char *
first_name (OkcTicket *ticket)
{
  const char *name = okc_ticket_get_requester (ticket)->name;
  const char *space = strchr (name, ' ');

  return space != NULL ? g_strndup (name, space - name) : g_strdup (name);
}

/* "the charger CH-10234 at Lakeview Lofts", or as much of it as the ticket knows. */
static char *
describe_site (OkcTicket *ticket)
{
  const char *charger = okc_ticket_get_charger_id (ticket);
  const char *property = okc_ticket_get_property_name (ticket);

  if (charger != NULL && property != NULL)
    /* "the charger CH-10234 at Lakeview Lofts" */
    return g_strdup_printf ("the charger %s at %s", charger, property);
  if (charger != NULL)
    /* "the charger CH-10234" */
    return g_strdup_printf ("the charger %s", charger);
  if (property != NULL)
    /* "the charger at Lakeview Lofts" */
    return g_strdup_printf ("the charger at %s", property);
  return g_strdup ("your charger");
}

/* What support does for each topic (the article's "Support will …"), as the body of a
 * first reply. %s is the site, where the sentence names one. */
static char *
topic_body (OkcTicket *ticket)
{
  g_autofree char *site = describe_site (ticket);
  const char *property = okc_ticket_get_property_name (ticket);

  switch (okc_ticket_get_topic (ticket)->number)
    {
    case 1:
      return g_strdup_printf ("Thank you for the details about %s. We are checking it remotely "
                              "now: its power, its last contact with our network and its "
                              "Wi-Fi connection. We will tell you what we find and what to "
                              "do next.",
                              site);
    case 2:
      return g_strdup_printf ("Thank you for reporting the trouble charging at %s. We are "
                              "reviewing the session log and the charger's error data to find "
                              "why the session did not complete, and we will help you finish "
                              "a charge. If you were billed for a failed session, we will "
                              "adjust it.",
                              site);
    case 3:
      return g_strdup_printf ("Thank you for letting us know that %s refused your account. We "
                              "are checking its permissions for your account and will confirm "
                              "as soon as you can use it.",
                              site);
    case 4:
      return g_strdup ("Thank you for the details of the charge. We are reviewing the session "
                       "log (energy, duration and idle time) against the rates configured "
                       "for the site. If we find a mischarge, we will refund it in part or "
                       "in full and send you a confirmation.");
    case 5:
      return g_strdup ("Thank you for asking about this session. We are preparing a line-by-"
                       "line breakdown of the charge: the connection fee, the energy "
                       "(kWh × the site's rate), any idle fee, and taxes and fees. If "
                       "anything does not match the site's configuration, we will correct "
                       "the billing.");
    case 6:
      return g_strdup ("Thank you for your request. Once we have verified your identity, we "
                       "will stop any recurring charges and make the changes to your account "
                       "and saved card that you asked for, and confirm them to you.");
    case 7:
      return g_strdup ("Thank you for your request. Once we have verified it, we will update "
                       "the email you sign in and receive notifications with, and confirm "
                       "when the change is complete.");
    case 8:
      if (property != NULL)
        return g_strdup_printf ("Thank you for the details. We are confirming that the charger "
                                "is online, linking it to %s, and checking that your property "
                                "management system syncs its bookings and usage.",
                                property);
      return g_strdup ("Thank you for the details. We are confirming that the charger is "
                       "online, linking it to the right property, and checking that your "
                       "property management system syncs its bookings and usage.");
    case 9:
      return g_strdup_printf ("Thank you for the details. We are reviewing the status and "
                              "configuration of %s and your authorization to use it. Where "
                              "it helps, we can start the session for you from here.",
                              site);
    case 10:
      return g_strdup ("Thank you for your question about payouts. We are reconciling the "
                       "session activity and net revenue with the bank payouts, and will "
                       "explain any difference (fees, thresholds, payout timing). We can "
                       "also send you a statement for the period you need.");
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
compose (OkcTicket  *ticket,
         const char *agent_name,
         const char *body)
{
  g_autofree char *name = first_name (ticket);

  /* a reply: greeting with the customer's first name, the body, the
   * agent's name in the signature */
  return g_strdup_printf ("Hi %s,\n\n%s\n\nBest regards,\n%s\nOK2Charge Support", name, body,
                          agent_name);
}

/**
 * okc_reply_template_for_topic:
 * @ticket: the ticket replied to
 * @agent_name: who signs the reply
 *
 * Returns: (transfer full): the first reply of the ticket's topic, addressed to its
 *   requester, naming its charger and property where the ticket knows them.
 */
char *
okc_reply_template_for_topic (OkcTicket  *ticket,
                              const char *agent_name)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (OKC_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (agent_name != NULL, NULL);

  body = topic_body (ticket);
  return compose (ticket, agent_name, body);
}

/**
 * okc_reply_template_missing_details:
 * @ticket: the ticket replied to
 * @agent_name: who signs the reply
 *
 * The reply that asks for exactly the required details the chatbot did not collect, one
 * a line, each with the detail that may stand in for it ("Charger ID (or: Photo of the
 * QR code)").
 *
 * Returns: (transfer full) (nullable): the reply, or %NULL when nothing is missing.
 */
char *
okc_reply_template_missing_details (OkcTicket  *ticket,
                                    const char *agent_name)
{
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GString) body = NULL;
  const OkcTopic *topic;

  g_return_val_if_fail (OKC_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (agent_name != NULL, NULL);

  missing = okc_ticket_list_missing_fields (ticket);
  if (missing->len == 0)
    return NULL;

  topic = okc_ticket_get_topic (ticket);
  body = g_string_new (missing->len == 1 ? "To look into this, we need one more detail:"
                                          : "To look into this, we need a few more details:");
  g_string_append_c (body, '\n');
  for (guint i = 0; i < missing->len; i++)
    {
      const OkcTopicField *field = g_ptr_array_index (missing, i);
      const OkcTopicField *alternative = okc_topic_lookup_field (topic, field->alternative);

      g_string_append_printf (body, "\n• %s", field->label);
      if (alternative != NULL)
        /* after a detail, the one that may stand in for it */
        g_string_append_printf (body, " (or: %s)", alternative->label);
    }
  g_string_append (body, "\n\n");
  g_string_append (body, missing->len == 1
                         ? "Could you reply with it? We will pick your request up as soon as "
                           "we have it."
                         : "Could you reply with them? We will pick your request up as soon "
                           "as we have them.");
  return compose (ticket, agent_name, body->str);
}
