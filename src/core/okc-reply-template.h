/* okc-reply-template.h — the replies an agent starts from, filled from the ticket
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-ticket.h"

G_BEGIN_DECLS

char *okc_reply_template_for_topic      (OkcTicket  *ticket,
                                         const char *agent_name);
char *okc_reply_template_missing_details (OkcTicket  *ticket,
                                          const char *agent_name);

G_END_DECLS
