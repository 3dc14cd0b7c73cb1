/* okc-topic.c — the topic table and the validation of what the chatbot collects
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "okc-error.h"
#include "okc-json.h"
#include "okc-money.h"
#include "okc-time.h"
#include "okc-topic.h"

#define GUEST (1u << OKC_AUDIENCE_GUEST)
#define HOST (1u << OKC_AUDIENCE_HOST)

/* Longest text value accepted from the chatbot; a field is a detail, not a transcript. */
#define MAX_TEXT_LENGTH 500

#define PROPERTY_NAME { "property_name", N_("Property name"), OKC_FIELD_TEXT, TRUE, NULL, NULL }
#define PROPERTY_ADDRESS                                                                          \
  { "property_address", N_("Property address"), OKC_FIELD_TEXT, TRUE, NULL, NULL }
#define CHARGER_ID_OR_QR                                                                          \
  { "charger_id", N_("Charger ID"), OKC_FIELD_TEXT, TRUE, "qr_photo", NULL }
#define QR_PHOTO { "qr_photo", N_("Photo of the QR code"), OKC_FIELD_ATTACHMENT, FALSE, NULL, NULL }
#define ATTEMPTED_AT                                                                              \
  { "attempted_at", N_("Latest attempt"), OKC_FIELD_TIME, TRUE, NULL, NULL }
#define ACCOUNT_CONTACT                                                                           \
  { "account_contact", N_("Account email or phone"), OKC_FIELD_EMAIL_OR_PHONE, TRUE, NULL, NULL }

static const OkcFieldChoice dispute_kinds[] = {
  { "overcharge", N_("Charged more than expected") },
  { "idle_fee", N_("Idle fee while not idle") },
  { "repeated_connection_fee", N_("Repeated connection fees") },
  { NULL, NULL },
};

static const OkcFieldChoice account_requests[] = {
  { "cancel_subscription", N_("Cancel the subscription only") },
  { "delete_account", N_("Delete the account and its data") },
  { "remove_card", N_("Remove a saved card") },
  { NULL, NULL },
};

static const OkcFieldChoice pms_names[] = {
  { "none", N_("No PMS") },
  { "guesty", "Guesty" },
  { "hospitable", "Hospitable" },
  { "track", "Track" },
  { "other", N_("Another PMS") },
  { NULL, NULL },
};

static const OkcTopicField charger_offline_fields[] = {
  PROPERTY_NAME, PROPERTY_ADDRESS, CHARGER_ID_OR_QR, QR_PHOTO, ATTEMPTED_AT,
};

static const OkcTopicField not_charging_fields[] = {
  PROPERTY_NAME,
  CHARGER_ID_OR_QR,
  QR_PHOTO,
  ATTEMPTED_AT,
  { "error_screenshot", N_("Screenshot of the error"), OKC_FIELD_ATTACHMENT, FALSE, NULL, NULL },
};

static const OkcTopicField no_permission_fields[] = {
  PROPERTY_NAME,
  { "charger_id", N_("Charger QR label ID"), OKC_FIELD_TEXT, TRUE, "qr_photo", NULL },
  { "qr_photo", N_("Photo of the QR label"), OKC_FIELD_ATTACHMENT, FALSE, NULL, NULL },
  ACCOUNT_CONTACT,
};

static const OkcTopicField billing_dispute_fields[] = {
  PROPERTY_NAME,
  { "session_times", N_("Session date and time"), OKC_FIELD_TIME_LIST, TRUE, NULL, NULL },
  { "amounts_charged", N_("Amounts charged"), OKC_FIELD_MONEY_LIST, TRUE, NULL, NULL },
  { "card_last4", N_("Last 4 digits of the card"), OKC_FIELD_CARD_LAST4, TRUE, NULL, NULL },
  { "dispute_kind", N_("What seems wrong"), OKC_FIELD_CHOICE, FALSE, NULL, dispute_kinds },
};

static const OkcTopicField cost_breakdown_fields[] = {
  PROPERTY_NAME,
  { "charger_id", N_("Charger ID"), OKC_FIELD_TEXT, FALSE, "qr_photo", NULL },
  QR_PHOTO,
  { "session_at", N_("Session date and time"), OKC_FIELD_TIME, TRUE, NULL, NULL },
  { "total_charged", N_("Total charged"), OKC_FIELD_MONEY, TRUE, NULL, NULL },
};

static const OkcTopicField cancel_or_delete_fields[] = {
  ACCOUNT_CONTACT,
  { "request", N_("Request"), OKC_FIELD_CHOICE, TRUE, NULL, account_requests },
};

static const OkcTopicField change_email_fields[] = {
  { "current_email", N_("Current account email"), OKC_FIELD_EMAIL, TRUE, NULL, NULL },
  { "new_email", N_("New email"), OKC_FIELD_EMAIL, TRUE, NULL, NULL },
  { "verification_detail", N_("Verification detail"), OKC_FIELD_TEXT, FALSE, NULL, NULL },
};

static const OkcTopicField charger_assignment_fields[] = {
  PROPERTY_NAME,
  PROPERTY_ADDRESS,
  { "charger_serial", N_("Charger serial number"), OKC_FIELD_TEXT, TRUE, "qr_photo", NULL },
  QR_PHOTO,
  { "pms_name", N_("PMS"), OKC_FIELD_CHOICE, TRUE, NULL, pms_names },
  { "pms_connected", N_("PMS integration connected"), OKC_FIELD_BOOLEAN, TRUE, NULL, NULL },
};

static const OkcTopicField guest_cannot_start_fields[] = {
  { "error_screenshot", N_("Screenshot of the error"), OKC_FIELD_ATTACHMENT, TRUE, NULL, NULL },
  PROPERTY_NAME,
  CHARGER_ID_OR_QR,
  QR_PHOTO,
  ATTEMPTED_AT,
};

static const OkcTopicField payouts_reporting_fields[] = {
  { "account_or_property", N_("Account or property"), OKC_FIELD_TEXT, TRUE, NULL, NULL },
  { "payout_ids", N_("Payout IDs"), OKC_FIELD_TEXT_LIST, TRUE, "period", NULL },
  { "period", N_("Date range"), OKC_FIELD_DATE_RANGE, FALSE, NULL, NULL },
  { "amounts_to_reconcile", N_("Amounts to reconcile"), OKC_FIELD_MONEY_LIST, FALSE, NULL, NULL },
};

#define FIELDS(array) array, G_N_ELEMENTS (array)

static const OkcTopic topics[OKC_N_TOPICS] = {
  { 1, "charger-offline", N_("Charger is offline or not working"), N_("Charger offline"), GUEST | HOST,
    FIELDS (charger_offline_fields) },
  { 2, "not-charging", N_("Plugged in but not charging"), N_("Not charging"), GUEST, FIELDS (not_charging_fields) },
  { 3, "no-permission", N_("Not allowed to use this charger"), N_("No permission"), GUEST,
    FIELDS (no_permission_fields) },
  { 4, "billing-dispute", N_("Overcharge, idle fee or refund"), N_("Billing dispute"), GUEST,
    FIELDS (billing_dispute_fields) },
  { 5, "cost-breakdown", N_("Why is this session so expensive?"), N_("Cost breakdown"), GUEST,
    FIELDS (cost_breakdown_fields) },
  { 6, "cancel-or-delete", N_("Cancel, delete the account or remove a card"), N_("Cancel or delete"), GUEST | HOST,
    FIELDS (cancel_or_delete_fields) },
  { 7, "change-email", N_("Change email or account details"), N_("Change email"), GUEST | HOST,
    FIELDS (change_email_fields) },
  { 8, "charger-assignment", N_("Assign a charger to a property or sync a PMS"), N_("Charger assignment"), HOST,
    FIELDS (charger_assignment_fields) },
  { 9, "guest-cannot-start", N_("Guest cannot start a charge"), N_("Cannot start a charge"), GUEST | HOST,
    FIELDS (guest_cannot_start_fields) },
  { 10, "payouts-reporting", N_("Payouts, reporting and usage history"), N_("Payouts and reports"), HOST,
    FIELDS (payouts_reporting_fields) },
};

/**
 * okc_topic_get_all:
 * @n_topics: (out): %OKC_N_TOPICS
 *
 * Returns: (transfer none) (array length=n_topics): the topics, in the article's order.
 */
const OkcTopic *
okc_topic_get_all (guint *n_topics)
{
  g_return_val_if_fail (n_topics != NULL, NULL);

  *n_topics = G_N_ELEMENTS (topics);
  return topics;
}

/**
 * okc_topic_lookup:
 *
 * Returns: (transfer none) (nullable): the topic called @id, or %NULL.
 */
const OkcTopic *
okc_topic_lookup (const char *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    if (strcmp (topics[i].id, id) == 0)
      return &topics[i];
  return NULL;
}

const OkcTopicField *
okc_topic_lookup_field (const OkcTopic *topic,
                        const char     *key)
{
  g_return_val_if_fail (topic != NULL, NULL);

  if (key == NULL)
    return NULL;
  for (guint i = 0; i < topic->n_fields; i++)
    if (strcmp (topic->fields[i].key, key) == 0)
      return &topic->fields[i];
  return NULL;
}

gboolean
okc_topic_has_audience (const OkcTopic *topic,
                        OkcAudience     audience)
{
  g_return_val_if_fail (topic != NULL, FALSE);

  return (topic->audiences & (1u << audience)) != 0;
}

/**
 * okc_topic_count_required:
 *
 * Returns: how many details the article asks the chatbot to collect for @topic.
 */
guint
okc_topic_count_required (const OkcTopic *topic)
{
  guint count = 0;

  g_return_val_if_fail (topic != NULL, 0);

  for (guint i = 0; i < topic->n_fields; i++)
    if (topic->fields[i].required)
      count++;
  return count;
}

gboolean
okc_text_is_email (const char *text)
{
  const char *at, *dot;

  if (text == NULL || strlen (text) > 254 || strpbrk (text, " \t\r\n,;<>\"") != NULL)
    return FALSE;

  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;

  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

gboolean
okc_text_is_phone (const char *text)
{
  guint digits = 0;

  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '+' && p != text)
        return FALSE;
      else if (strchr ("+()-. ", *p) == NULL)
        return FALSE;
    }
  return digits >= 7 && digits <= 15;
}

static gboolean
validate_text (JsonNode    *value,
               const char  *path,
               const char **out_text,
               GError     **error)
{
  const char *text;
  g_autofree char *stripped = NULL;

  if (!okc_json_node_get_string (value, path, &text, error))
    return FALSE;

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "is empty");
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > MAX_TEXT_LENGTH)
    {
      okc_data_error_set_plural (error, OKC_DATA_ERROR_INVALID, path,
                                 "is longer than %d character", "is longer than %d characters",
                                 MAX_TEXT_LENGTH, MAX_TEXT_LENGTH);
      return FALSE;
    }

  if (out_text != NULL)
    *out_text = text;
  return TRUE;
}

static gboolean
validate_scalar (OkcFieldKind         kind,
                 const OkcTopicField *field,
                 JsonNode            *value,
                 const char          *path,
                 GError             **error)
{
  const char *text = NULL;
  gint64 unix_time;
  OkcMoney money;

  switch (kind)
    {
    case OKC_FIELD_TEXT:
      return validate_text (value, path, NULL, error);

    case OKC_FIELD_EMAIL:
      if (!validate_text (value, path, &text, error))
        return FALSE;
      if (!okc_text_is_email (text))
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path,
                              "“%s” is not an email address", text);
          return FALSE;
        }
      return TRUE;

    case OKC_FIELD_PHONE:
      if (!validate_text (value, path, &text, error))
        return FALSE;
      if (!okc_text_is_phone (text))
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path,
                              "“%s” is not a phone number", text);
          return FALSE;
        }
      return TRUE;

    case OKC_FIELD_EMAIL_OR_PHONE:
      if (!validate_text (value, path, &text, error))
        return FALSE;
      if (!okc_text_is_email (text) && !okc_text_is_phone (text))
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path,
                              "“%s” is neither an email address nor a phone number", text);
          return FALSE;
        }
      return TRUE;

    case OKC_FIELD_TIME:
      if (!okc_json_node_get_string (value, path, &text, error))
        return FALSE;
      if (!okc_time_parse_rfc3339 (text, &unix_time))
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path,
                              "“%s” is not an RFC 3339 time such as 2026-11-24T09:30:00Z", text);
          return FALSE;
        }
      return TRUE;

    case OKC_FIELD_MONEY:
      if (!okc_money_from_json (value, path, &money, error))
        return FALSE;
      if (money.amount < 0)
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "is negative");
          return FALSE;
        }
      return TRUE;

    case OKC_FIELD_CARD_LAST4:
      if (!okc_json_node_get_string (value, path, &text, error))
        return FALSE;
      if (strlen (text) != 4 || strspn (text, "0123456789") != 4)
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path,
                              "expected exactly the last 4 digits of the card");
          return FALSE;
        }
      return TRUE;

    case OKC_FIELD_CHOICE:
      if (!okc_json_node_get_string (value, path, &text, error))
        return FALSE;
      if (okc_topic_field_get_choice_label (field, text) == NULL)
        {
          g_autoptr(GString) known = g_string_new (NULL);
          for (const OkcFieldChoice *c = field->choices; c->value != NULL; c++)
            g_string_append_printf (known, "%s“%s”", known->len > 0 ? ", " : "", c->value);
          okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, path, "“%s” is not one of %s", text,
                              known->str);
          return FALSE;
        }
      return TRUE;

    case OKC_FIELD_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        {
          okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "expected true or false");
          return FALSE;
        }
      return TRUE;

    case OKC_FIELD_DATE_RANGE:
      {
        static const char * const members[] = { "from", "to", NULL };
        const char *from_text = NULL, *to_text = NULL;
        GDate from, to;
        JsonObject *object = okc_json_node_get_object (value, path, error);

        if (object == NULL || !okc_json_check_members (object, path, members, error) ||
            !okc_json_read_string (object, path, "from", OKC_JSON_REQUIRED, &from_text, error) ||
            !okc_json_read_string (object, path, "to", OKC_JSON_REQUIRED, &to_text, error))
          return FALSE;
        if (!okc_date_parse (from_text, &from) || !okc_date_parse (to_text, &to))
          {
            g_autofree char *member = okc_json_path_member (path, okc_date_parse (from_text, &from)
                                                                      ? "to" : "from");
            okc_data_error_set (error, OKC_DATA_ERROR_INVALID, member,
                                "expected a date such as 2026-11-24");
            return FALSE;
          }
        if (g_date_compare (&from, &to) > 0)
          {
            okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "ends before it starts");
            return FALSE;
          }
        return TRUE;
      }

    case OKC_FIELD_ATTACHMENT:
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path,
                          "is an image: send it in “attachments” with kind “%s”", field->key);
      return FALSE;

    case OKC_FIELD_TIME_LIST:
    case OKC_FIELD_MONEY_LIST:
    case OKC_FIELD_TEXT_LIST:
    default:
      g_assert_not_reached ();
    }
}

static OkcFieldKind
element_kind (OkcFieldKind list_kind)
{
  switch (list_kind)
    {
    case OKC_FIELD_TIME_LIST:
      return OKC_FIELD_TIME;
    case OKC_FIELD_MONEY_LIST:
      return OKC_FIELD_MONEY;
    case OKC_FIELD_TEXT_LIST:
      return OKC_FIELD_TEXT;
    default:
      return list_kind;
    }
}

/**
 * okc_topic_field_validate:
 * @field: the field @value is for
 * @value: the value as received
 * @path: the path of @value, for errors ("fields.card_last4")
 *
 * Returns: %TRUE if @value has the shape @field's kind requires.
 */
gboolean
okc_topic_field_validate (const OkcTopicField  *field,
                          JsonNode             *value,
                          const char           *path,
                          GError              **error)
{
  OkcFieldKind kind;
  JsonArray *array;

  g_return_val_if_fail (field != NULL && value != NULL, FALSE);

  kind = element_kind (field->kind);
  if (kind == field->kind)
    return validate_scalar (kind, field, value, path, error);

  array = okc_json_node_get_array (value, path, error);
  if (array == NULL)
    return FALSE;
  if (json_array_get_length (array) == 0)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "is an empty list");
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = okc_json_path_index (path, i);
      if (!validate_scalar (kind, field, json_array_get_element (array, i), element_path, error))
        return FALSE;
    }
  return TRUE;
}

const char *
okc_topic_field_get_choice_label (const OkcTopicField *field,
                                  const char          *value)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (field->choices == NULL || value == NULL)
    return NULL;
  for (const OkcFieldChoice *c = field->choices; c->value != NULL; c++)
    if (strcmp (c->value, value) == 0)
      return _(c->label);
  return NULL;
}

static char *
format_time (const char *text)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  gint64 unix_time;

  if (!okc_time_parse_rfc3339 (text, &unix_time))
    return g_strdup (text);

  utc = g_date_time_new_from_unix_utc (unix_time);
  local = g_date_time_to_local (utc);
  /* Translators: a date and time, as strftime() format: "24 Nov 2026, 09:30" */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

static char *
format_scalar (OkcFieldKind         kind,
               const OkcTopicField *field,
               JsonNode            *value)
{
  OkcMoney money;

  switch (kind)
    {
    case OKC_FIELD_TIME:
      return format_time (json_node_get_string (value));
    case OKC_FIELD_MONEY:
      if (okc_money_from_json (value, NULL, &money, NULL))
        return okc_money_format (&money);
      return g_strdup ("?");
    case OKC_FIELD_CHOICE:
      return g_strdup (okc_topic_field_get_choice_label (field, json_node_get_string (value)));
    case OKC_FIELD_BOOLEAN:
      return g_strdup (json_node_get_boolean (value) ? _("Yes") : _("No"));
    case OKC_FIELD_DATE_RANGE:
      {
        JsonObject *range = json_node_get_object (value);
        /* Translators: a range of dates, "2026-11-01 to 2026-11-30" */
        return g_strdup_printf (_("%s to %s"), json_object_get_string_member (range, "from"),
                                json_object_get_string_member (range, "to"));
      }
    case OKC_FIELD_CARD_LAST4:
      return g_strdup_printf ("•••• %s", json_node_get_string (value));
    default:
      return g_strdup (json_node_get_string (value));
    }
}

/**
 * okc_topic_field_format:
 * @value: a value that passed okc_topic_field_validate()
 *
 * Returns: (transfer full): @value as an agent reads it: times local, money with its
 *   currency, choices by label, lists joined by commas.
 */
char *
okc_topic_field_format (const OkcTopicField *field,
                        JsonNode            *value)
{
  OkcFieldKind kind;
  GString *text;
  JsonArray *array;

  g_return_val_if_fail (field != NULL && value != NULL, NULL);
  g_return_val_if_fail (field->kind != OKC_FIELD_ATTACHMENT, NULL);

  kind = element_kind (field->kind);
  if (kind == field->kind)
    return format_scalar (kind, field, value);

  text = g_string_new (NULL);
  array = json_node_get_array (value);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element = format_scalar (kind, field, json_array_get_element (array, i));
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, element);
    }
  return g_string_free (text, FALSE);
}

/**
 * okc_topic_validate_fields:
 * @fields: a ticket's "fields" object
 * @path: its path, "fields"
 *
 * Every member must be a field of @topic (attachments excepted: they travel apart) with
 * a valid value. Absent fields are not an error: they are what the chatbot did not collect.
 */
gboolean
okc_topic_validate_fields (const OkcTopic  *topic,
                           JsonObject      *fields,
                           const char      *path,
                           GError         **error)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  g_return_val_if_fail (topic != NULL && fields != NULL, FALSE);

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &key, &value))
    {
      g_autofree char *member = okc_json_path_member (path, key);
      const OkcTopicField *field = okc_topic_lookup_field (topic, key);

      if (field == NULL)
        {
          okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, member,
                              "is not a field of the topic “%s”", topic->id);
          return FALSE;
        }
      if (!okc_topic_field_validate (field, value, member, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * okc_topic_validate_attachment_kind:
 *
 * Returns: %TRUE if @topic takes attachments of @kind (a field of kind
 *   %OKC_FIELD_ATTACHMENT with that key).
 */
gboolean
okc_topic_validate_attachment_kind (const OkcTopic  *topic,
                                    const char      *kind,
                                    const char      *path,
                                    GError         **error)
{
  const OkcTopicField *field = okc_topic_lookup_field (topic, kind);

  if (field != NULL && field->kind == OKC_FIELD_ATTACHMENT)
    return TRUE;

  okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, path,
                      "“%s” is not an attachment the topic “%s” takes", kind, topic->id);
  return FALSE;
}

/**
 * okc_field_kind_to_string:
 *
 * Returns: the wire name of @kind, as GET /v1/topics lists it ("email_or_phone").
 */
const char *
okc_field_kind_to_string (OkcFieldKind kind)
{
  static const char * const names[] = {
    [OKC_FIELD_TEXT] = "text",
    [OKC_FIELD_EMAIL] = "email",
    [OKC_FIELD_PHONE] = "phone",
    [OKC_FIELD_EMAIL_OR_PHONE] = "email_or_phone",
    [OKC_FIELD_TIME] = "time",
    [OKC_FIELD_TIME_LIST] = "time_list",
    [OKC_FIELD_MONEY] = "money",
    [OKC_FIELD_MONEY_LIST] = "money_list",
    [OKC_FIELD_CARD_LAST4] = "card_last4",
    [OKC_FIELD_CHOICE] = "choice",
    [OKC_FIELD_BOOLEAN] = "boolean",
    [OKC_FIELD_DATE_RANGE] = "date_range",
    [OKC_FIELD_TEXT_LIST] = "text_list",
    [OKC_FIELD_ATTACHMENT] = "attachment",
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}
