/* okc-demo-transcripts.h — what the customer and the chatbot said before the hand-off
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-core.h"
#include "okc-demo-random.h"

G_BEGIN_DECLS

/**
 * OkcDemoConversation:
 * @first_name: the customer's first name, as the chatbot addresses them
 * @fields: what the chatbot collected (the ticket's fields)
 * @sent_photo: the customer sent a photo of the QR label
 * @screen_title: (nullable): the error on the screenshot the customer sent
 * @created_at: when the chatbot handed off: the last message comes just before
 */
typedef struct
{
  const OkcTopic *topic;
  const char *first_name;
  gboolean is_host;
  JsonObject *fields;
  gboolean sent_photo;
  const char *screen_title;
  gint64 created_at;
} OkcDemoConversation;

GPtrArray *okc_demo_transcript_new (OkcDemoRandom             *random,
                                    const OkcDemoConversation *conversation);

G_END_DECLS
