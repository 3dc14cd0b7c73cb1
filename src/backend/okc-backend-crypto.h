/* okc-backend-crypto.h — random bytes, SHA-256 and PBKDF2 password hashes
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* PBKDF2-HMAC-SHA256 iterations for new password hashes. Modest, because this is a
 * reference backend whose tests sign in often; a production backend would use far
 * more (or a memory-hard function). Stored hashes carry their own count. */
#define OKC_BACKEND_PBKDF2_ITERATIONS 20000
#define OKC_BACKEND_SALT_SIZE 16
#define OKC_BACKEND_HASH_SIZE 32

gboolean okc_backend_random_bytes        (guint8       *buffer,
                                          gsize         size,
                                          GError      **error);
char    *okc_backend_sha256_hex          (const guint8 *data,
                                          gsize         size);
void     okc_backend_pbkdf2_sha256       (const char   *password,
                                          const guint8 *salt,
                                          gsize         salt_size,
                                          guint         iterations,
                                          guint8       *out,
                                          gsize         out_size);
char    *okc_backend_password_hash_with_salt (const char   *password,
                                              const guint8 *salt,
                                              gsize         salt_size,
                                              guint         iterations);
char    *okc_backend_password_hash       (const char   *password,
                                          GError      **error);
gboolean okc_backend_password_verify     (const char   *password,
                                          const char   *stored);
gboolean okc_backend_password_hash_is_valid (const char *stored);
char    *okc_backend_token_new           (GError      **error);

G_END_DECLS
