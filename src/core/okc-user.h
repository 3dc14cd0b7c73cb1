/* okc-user.h — a person or service signed in to the backend
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-enums.h"

G_BEGIN_DECLS

#define OKC_TYPE_USER (okc_user_get_type ())

G_DECLARE_FINAL_TYPE (OkcUser, okc_user, OKC, USER, GObject)

OkcUser    *okc_user_new           (const char  *id,
                                    const char  *name,
                                    const char  *email,
                                    OkcRole      role);
OkcUser    *okc_user_new_from_json (JsonNode    *node,
                                    const char  *path,
                                    GError     **error);
JsonNode   *okc_user_to_json       (OkcUser     *self);
const char *okc_user_get_id        (OkcUser     *self);
const char *okc_user_get_name      (OkcUser     *self);
const char *okc_user_get_email     (OkcUser     *self);
OkcRole     okc_user_get_role      (OkcUser     *self);

G_END_DECLS
