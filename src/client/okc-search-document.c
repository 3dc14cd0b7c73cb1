/* okc-search-document.c — one line per member, so that no two members run into each
 * other; what a person would type to find the ticket
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include <string.h>

#include "okc-search-document.h"

static void
add_line (GString    *document,
          const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  g_string_append (document, text);
  g_string_append_c (document, '\n');
}

/* "+1 (928) 555-0134" also as "19285550134" and, without the country code that the
 * number starts with, "9285550134": for an agent who types the digits as they come. */
static void
add_phone (GString    *document,
           const char *phone)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gsize national = 0;

  add_line (document, phone);
  if (phone == NULL)
    return;
  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if (*phone == '+' && national == 0 && digits->len > 0)
      national = digits->len;
  if (digits->len > 0 && !g_str_equal (digits->str, phone))
    add_line (document, digits->str);
  if (national > 0 && national < digits->len)
    add_line (document, digits->str + national);
}

/* A field's value whatever its kind: strings as they are, money as it is shown
 * ("$12.34") and as its minor units and currency ("1234 USD"), lists and objects member
 * by member. */
static void
add_value (GString  *document,
           JsonNode *node)
{
  OkcMoney money;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        add_line (document, json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        g_string_append_printf (document, "%" G_GINT64_FORMAT "\n", json_node_get_int (node));
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          add_value (document, json_array_get_element (array, i));
      }
      break;
    case JSON_NODE_OBJECT:
      if (okc_money_from_json (node, "", &money, NULL))
        {
          g_autofree char *shown = okc_money_format (&money);

          add_line (document, shown);
          g_string_append_printf (document, "%" G_GINT64_FORMAT " %s\n", money.amount,
                                  money.currency);
        }
      else
        {
          JsonObjectIter iter;
          JsonNode *member;

          json_object_iter_init (&iter, json_node_get_object (node));
          while (json_object_iter_next (&iter, NULL, &member))
            add_value (document, member);
        }
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

/**
 * okc_search_document_build:
 * @ticket: a ticket
 *
 * The text full-text search indexes for @ticket: its id, the requester's name, email and
 * phone, the property's name, the charger, the summary, every collected field's value,
 * and the conversation's text.
 *
 * Returns: (transfer full): the text, one member per line.
 */
char *
okc_search_document_build (OkcTicket *ticket)
{
  g_autoptr(GString) document = g_string_new (NULL);
  const OkcRequester *requester;
  JsonObjectIter iter;
  JsonNode *value;
  GListModel *transcript;

  g_return_val_if_fail (OKC_IS_TICKET (ticket), NULL);

  requester = okc_ticket_get_requester (ticket);
  add_line (document, okc_ticket_get_id (ticket));
  add_line (document, requester->name);
  add_line (document, requester->email);
  add_phone (document, requester->phone);
  add_line (document, okc_ticket_get_property_name (ticket));
  add_line (document, okc_ticket_get_charger_id (ticket));
  add_line (document, okc_ticket_get_summary (ticket));

  json_object_iter_init (&iter, okc_ticket_get_fields (ticket));
  while (json_object_iter_next (&iter, NULL, &value))
    add_value (document, value);

  transcript = okc_ticket_get_transcript (ticket);
  for (guint i = 0; i < g_list_model_get_n_items (transcript); i++)
    {
      g_autoptr(OkcMessage) message = g_list_model_get_item (transcript, i);

      add_line (document, okc_message_get_text (message));
    }

  return g_string_free (g_steal_pointer (&document), FALSE);
}

/**
 * okc_search_document_build_from_json:
 * @json: a ticket's JSON, as the store keeps it
 * @length: its length in bytes, or -1 if nul-terminated
 *
 * Like okc_search_document_build(), for a stored row. A row that no longer decodes
 * indexes nothing: loading drops it.
 *
 * Returns: (transfer full): the text, empty when @json is not a ticket.
 */
char *
okc_search_document_build_from_json (const char *json,
                                     gssize      length)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(OkcTicket) ticket = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  bytes = g_bytes_new_static (json, length < 0 ? strlen (json) : (gsize) length);
  root = okc_json_parse_bytes (bytes, NULL);
  if (root != NULL)
    ticket = okc_ticket_new_from_json (root, NULL, NULL);
  if (ticket == NULL)
    return g_strdup ("");
  return okc_search_document_build (ticket);
}
