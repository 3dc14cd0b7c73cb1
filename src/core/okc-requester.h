/* okc-requester.h — the guest or host a ticket is for
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"

G_BEGIN_DECLS

/**
 * OkcRequester:
 * @name: as the customer gave it
 * @email: (nullable): contact email
 * @phone: (nullable): contact phone
 * @audience: a guest or a host
 *
 * On the wire {"name", "email", "phone", "audience"}; at least one of email and phone.
 */
typedef struct
{
  char *name;
  char *email;
  char *phone;
  OkcAudience audience;
} OkcRequester;

gboolean  okc_requester_init_from_json (OkcRequester        *requester,
                                        JsonNode            *node,
                                        const char          *path,
                                        GError             **error);
JsonNode *okc_requester_to_json        (const OkcRequester  *requester);
void      okc_requester_clear          (OkcRequester        *requester);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OkcRequester, okc_requester_clear)

G_END_DECLS
