/* okc-handoff.h — a ticket as the chatbot hands it to a human, validated against its topic
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "okc-requester.h"
#include "okc-topic.h"

G_BEGIN_DECLS

#define OKC_HANDOFF_MAX_ATTACHMENTS 10
#define OKC_HANDOFF_MAX_ATTACHMENT_SIZE (5 * 1024 * 1024)
#define OKC_HANDOFF_MAX_MESSAGES 200
#define OKC_HANDOFF_MAX_SUMMARY_LENGTH 500

typedef struct
{
  char *kind;
  char *filename;
  char *media_type;
  GBytes *data;
} OkcHandoffAttachment;

/**
 * OkcHandoff:
 * @topic: the topic the chatbot identified
 * @summary: (nullable): the chatbot's one-line account of the problem
 * @requester: who asked
 * @fields: what the chatbot collected, valid for @topic (sealed)
 * @transcript: (element-type OkcMessage): the conversation, oldest first
 * @attachments: (element-type OkcHandoffAttachment): images with their decoded bytes
 */
typedef struct
{
  const OkcTopic *topic;
  char *summary;
  OkcRequester requester;
  JsonObject *fields;
  GPtrArray *transcript;
  GPtrArray *attachments;
} OkcHandoff;

OkcHandoff *okc_handoff_new_from_json (JsonNode   *node,
                                       GError    **error);
void        okc_handoff_free          (OkcHandoff *handoff);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcHandoff, okc_handoff_free)

G_END_DECLS
