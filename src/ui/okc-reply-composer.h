/* okc-reply-composer.h — where an agent writes a reply or an internal note
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_REPLY_COMPOSER (okc_reply_composer_get_type ())

G_DECLARE_FINAL_TYPE (OkcReplyComposer, okc_reply_composer, OKC, REPLY_COMPOSER, GtkWidget)

/* What a reply does to the ticket's status once sent. */
typedef enum
{
  OKC_REPLY_THEN_WAIT_FOR_CUSTOMER,
  OKC_REPLY_THEN_KEEP_STATUS,
  OKC_REPLY_THEN_RESOLVE,
} OkcReplyThen;

void okc_reply_composer_set_ticket     (OkcReplyComposer *self,
                                        OkcTicket        *ticket);
void okc_reply_composer_set_agent_name (OkcReplyComposer *self,
                                        const char       *agent_name);
void okc_reply_composer_set_sending    (OkcReplyComposer *self,
                                        gboolean          sending);
void okc_reply_composer_set_problem    (OkcReplyComposer *self,
                                        const char       *problem);
void okc_reply_composer_acknowledge    (OkcReplyComposer *self);
void okc_reply_composer_sent           (OkcReplyComposer *self,
                                        const char       *ticket_id);
void okc_reply_composer_start          (OkcReplyComposer *self,
                                        gboolean          note);
void okc_reply_composer_insert_reply   (OkcReplyComposer *self,
                                        const char       *text);
gboolean okc_reply_composer_is_composing (OkcReplyComposer *self);

G_END_DECLS
