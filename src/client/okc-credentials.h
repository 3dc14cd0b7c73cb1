/* okc-credentials.h — the bearer token, remembered in the keyring (Secret Service)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "okc-client-error.h"

G_BEGIN_DECLS

#define OKC_TYPE_CREDENTIALS (okc_credentials_get_type ())

G_DECLARE_FINAL_TYPE (OkcCredentials, okc_credentials, OKC, CREDENTIALS, GObject)

const SecretSchema *okc_credentials_get_schema    (void);

OkcCredentials     *okc_credentials_new           (void);

void                okc_credentials_store_async   (OkcCredentials       *self,
                                                   const char           *backend_url,
                                                   const char           *email,
                                                   const char           *token,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean            okc_credentials_store_finish  (OkcCredentials       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void                okc_credentials_lookup_async  (OkcCredentials       *self,
                                                   const char           *backend_url,
                                                   const char           *email,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
char               *okc_credentials_lookup_finish (OkcCredentials       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void                okc_credentials_clear_async   (OkcCredentials       *self,
                                                   const char           *backend_url,
                                                   const char           *email,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean            okc_credentials_clear_finish  (OkcCredentials       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
