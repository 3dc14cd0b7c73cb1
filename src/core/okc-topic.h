/* okc-topic.h — the ten topics of the support article, as data
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"

G_BEGIN_DECLS

/**
 * OkcFieldKind:
 *
 * The shape of a value the chatbot collects. The wire form of each is written down in
 * docs/openapi.yaml (TopicField) and checked by okc_topic_field_validate().
 */
typedef enum
{
  OKC_FIELD_TEXT,           /* a non-empty string */
  OKC_FIELD_EMAIL,          /* an email address */
  OKC_FIELD_PHONE,          /* a phone number: digits with + ( ) - . and spaces */
  OKC_FIELD_EMAIL_OR_PHONE, /* either of the two */
  OKC_FIELD_TIME,           /* an RFC 3339 time */
  OKC_FIELD_TIME_LIST,      /* a non-empty array of RFC 3339 times */
  OKC_FIELD_MONEY,          /* {"amount", "currency"}, amount >= 0 */
  OKC_FIELD_MONEY_LIST,     /* a non-empty array of those */
  OKC_FIELD_CARD_LAST4,     /* exactly four digits, as a string */
  OKC_FIELD_CHOICE,         /* one of the field's choices, by value */
  OKC_FIELD_BOOLEAN,        /* true or false */
  OKC_FIELD_DATE_RANGE,     /* {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}, from <= to */
  OKC_FIELD_TEXT_LIST,      /* a non-empty array of non-empty strings */
  OKC_FIELD_ATTACHMENT,     /* an image attachment whose kind is the field's key */
} OkcFieldKind;

typedef struct
{
  const char *value;
  const char *label;
} OkcFieldChoice;

/**
 * OkcTopicField:
 * @key: the member name in a ticket's "fields" (or the attachment kind)
 * @label: what an agent calls it, untranslated (translate with gettext to show)
 * @kind: the shape of its value
 * @required: whether the article asks for it
 * @alternative: (nullable): the key of another field of the topic that stands in for
 *   this one ("a charger ID or a clear photo of the QR code")
 * @choices: for %OKC_FIELD_CHOICE, the values, ending with a { NULL, NULL } entry
 */
typedef struct
{
  const char *key;
  const char *label;
  OkcFieldKind kind;
  gboolean required;
  const char *alternative;
  const OkcFieldChoice *choices;
} OkcTopicField;

/**
 * OkcTopic:
 * @number: the section of the article, 1 to 10
 * @id: the wire name, "charger-offline"
 * @title: the article's heading, untranslated
 * @short_title: a few words for narrow places (the sidebar), untranslated
 * @audiences: who raises it: a guest, a host or both (bits of 1 << #OkcAudience)
 * @fields: what the chatbot collects
 */
typedef struct
{
  guint number;
  const char *id;
  const char *title;
  const char *short_title;
  guint audiences;
  const OkcTopicField *fields;
  guint n_fields;
} OkcTopic;

#define OKC_N_TOPICS 10

const OkcTopic      *okc_topic_get_all        (guint                *n_topics);
const OkcTopic      *okc_topic_lookup         (const char           *id);
const OkcTopicField *okc_topic_lookup_field   (const OkcTopic       *topic,
                                               const char           *key);
gboolean             okc_topic_has_audience   (const OkcTopic       *topic,
                                               OkcAudience           audience);
guint                okc_topic_count_required (const OkcTopic       *topic);

gboolean             okc_topic_field_validate (const OkcTopicField  *field,
                                               JsonNode             *value,
                                               const char           *path,
                                               GError              **error);
gboolean             okc_topic_validate_fields (const OkcTopic     *topic,
                                                JsonObject         *fields,
                                                const char         *path,
                                                GError            **error);
gboolean             okc_topic_validate_attachment_kind (const OkcTopic  *topic,
                                                         const char      *kind,
                                                         const char      *path,
                                                         GError         **error);
char                *okc_topic_field_format   (const OkcTopicField  *field,
                                               JsonNode             *value);
const char          *okc_topic_field_get_choice_label (const OkcTopicField *field,
                                                       const char          *value);

const char          *okc_field_kind_to_string (OkcFieldKind        kind);

gboolean             okc_text_is_email        (const char           *text);
gboolean             okc_text_is_phone        (const char           *text);

G_END_DECLS
