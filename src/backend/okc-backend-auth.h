/* okc-backend-auth.h — signing in, bearer tokens and signing out
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_BACKEND_AUTH_ERROR (okc_backend_auth_error_quark ())

/**
 * OkcBackendAuthError:
 * @OKC_BACKEND_AUTH_ERROR_UNAUTHORIZED: no token, or an unknown, revoked or expired one
 * @OKC_BACKEND_AUTH_ERROR_INVALID_CREDENTIALS: a wrong email or password
 */
typedef enum
{
  OKC_BACKEND_AUTH_ERROR_UNAUTHORIZED,
  OKC_BACKEND_AUTH_ERROR_INVALID_CREDENTIALS,
} OkcBackendAuthError;

/* How long a token lasts (docs/api.md). */
#define OKC_BACKEND_TOKEN_LIFETIME (12 * 60 * 60)

GQuark   okc_backend_auth_error_quark  (void);

OkcUser *okc_backend_auth_sign_in      (OkcBackendDb  *db,
                                        const char    *email,
                                        const char    *password,
                                        gint64         now,
                                        char         **out_token,
                                        gint64        *out_expires_at,
                                        GError       **error);
OkcUser *okc_backend_auth_authenticate (OkcBackendDb  *db,
                                        const char    *authorization,
                                        gint64         now,
                                        char         **out_token_hash,
                                        GError       **error);
gboolean okc_backend_auth_sign_out     (OkcBackendDb  *db,
                                        const char    *token_hash,
                                        gint64         now,
                                        GError       **error);

G_END_DECLS
