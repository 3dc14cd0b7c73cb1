/* okc-message.h — one message of a ticket's conversation
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"

G_BEGIN_DECLS

#define OKC_TYPE_MESSAGE (okc_message_get_type ())

G_DECLARE_FINAL_TYPE (OkcMessage, okc_message, OKC, MESSAGE, GObject)

/* Longest message text accepted; a chatbot transcript line, not a document. */
#define OKC_MESSAGE_MAX_LENGTH 5000

OkcMessage *okc_message_new            (OkcSender    sender,
                                        gint64       sent_at,
                                        const char  *text);
OkcMessage *okc_message_new_from_json  (JsonNode    *node,
                                        const char  *path,
                                        GError     **error);
JsonNode   *okc_message_to_json        (OkcMessage  *self);
OkcSender   okc_message_get_sender     (OkcMessage  *self);
gint64      okc_message_get_sent_at    (OkcMessage  *self);
const char *okc_message_get_text       (OkcMessage  *self);

G_END_DECLS
