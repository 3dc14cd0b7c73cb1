/* okc-backend-crypto.c — random bytes, SHA-256 and PBKDF2 password hashes
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-crypto.h"

#include <errno.h>
#include <gio/gio.h>
#include <string.h>
#include <sys/random.h>

#define HASH_SCHEME "pbkdf2-sha256"
#define MAX_ITERATIONS 10000000u
#define TOKEN_SIZE 32

/**
 * okc_backend_random_bytes:
 *
 * Fills @buffer from the kernel's CSPRNG (getrandom()). Secrets never come from
 * g_random, whose generator is predictable.
 */
gboolean
okc_backend_random_bytes (guint8  *buffer,
                          gsize    size,
                          GError **error)
{
  gsize filled = 0;

  while (filled < size)
    {
      ssize_t n = getrandom (buffer + filled, size - filled, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "cannot read random bytes: %s", g_strerror (saved_errno));
          return FALSE;
        }
      filled += (gsize) n;
    }
  return TRUE;
}

char *
okc_backend_sha256_hex (const guint8 *data,
                        gsize         size)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
}

/* One PBKDF2 block: U1 = HMAC(P, S || INT(i)), Uj = HMAC(P, Uj-1), T = U1 ^ … ^ Uc.
 * The HMAC keyed with the password is set up once and copied per round. */
static void
pbkdf2_block (GHmac        *keyed,
              const guint8 *salt,
              gsize         salt_size,
              guint32       block_index,
              guint         iterations,
              guint8        out[OKC_BACKEND_HASH_SIZE])
{
  guint8 u[OKC_BACKEND_HASH_SIZE];
  guint8 index_be[4] = { block_index >> 24, block_index >> 16, block_index >> 8, block_index };
  gsize length = sizeof u;
  GHmac *hmac = g_hmac_copy (keyed);

  g_hmac_update (hmac, salt, salt_size);
  g_hmac_update (hmac, index_be, sizeof index_be);
  g_hmac_get_digest (hmac, u, &length);
  g_hmac_unref (hmac);
  memcpy (out, u, sizeof u);

  for (guint round = 1; round < iterations; round++)
    {
      hmac = g_hmac_copy (keyed);
      g_hmac_update (hmac, u, sizeof u);
      length = sizeof u;
      g_hmac_get_digest (hmac, u, &length);
      g_hmac_unref (hmac);
      for (guint k = 0; k < sizeof u; k++)
        out[k] ^= u[k];
    }
}

/**
 * okc_backend_pbkdf2_sha256:
 *
 * PBKDF2 (RFC 8018) with HMAC-SHA256, deriving @out_size bytes into @out.
 */
void
okc_backend_pbkdf2_sha256 (const char   *password,
                           const guint8 *salt,
                           gsize         salt_size,
                           guint         iterations,
                           guint8       *out,
                           gsize         out_size)
{
  GHmac *keyed;
  guint32 block_index = 1;

  g_return_if_fail (password != NULL && iterations > 0);

  keyed = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) password, strlen (password));
  for (gsize done = 0; done < out_size; block_index++)
    {
      guint8 block[OKC_BACKEND_HASH_SIZE];
      gsize take = MIN (sizeof block, out_size - done);

      pbkdf2_block (keyed, salt, salt_size, block_index, iterations, block);
      memcpy (out + done, block, take);
      done += take;
    }
  g_hmac_unref (keyed);
}

/**
 * okc_backend_password_hash_with_salt:
 *
 * Returns: (transfer full): "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>".
 */
char *
okc_backend_password_hash_with_salt (const char   *password,
                                     const guint8 *salt,
                                     gsize         salt_size,
                                     guint         iterations)
{
  guint8 hash[OKC_BACKEND_HASH_SIZE];
  g_autofree char *salt64 = g_base64_encode (salt, salt_size);
  g_autofree char *hash64 = NULL;

  okc_backend_pbkdf2_sha256 (password, salt, salt_size, iterations, hash, sizeof hash);
  hash64 = g_base64_encode (hash, sizeof hash);
  return g_strdup_printf (HASH_SCHEME "$%u$%s$%s", iterations, salt64, hash64);
}

/**
 * okc_backend_password_hash:
 *
 * Returns: (transfer full) (nullable): a hash of @password with a fresh random salt.
 */
char *
okc_backend_password_hash (const char  *password,
                           GError     **error)
{
  guint8 salt[OKC_BACKEND_SALT_SIZE];

  if (!okc_backend_random_bytes (salt, sizeof salt, error))
    return NULL;
  return okc_backend_password_hash_with_salt (password, salt, sizeof salt,
                                              OKC_BACKEND_PBKDF2_ITERATIONS);
}

typedef struct
{
  guint iterations;
  guint8 *salt;
  gsize salt_size;
  guint8 *hash;
  gsize hash_size;
} ParsedHash;

static void
parsed_hash_clear (ParsedHash *parsed)
{
  g_clear_pointer (&parsed->salt, g_free);
  g_clear_pointer (&parsed->hash, g_free);
}

static gboolean
is_base64_text (const char *text)
{
  gsize length = strlen (text);

  if (length == 0 || length % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '/' &&
        !(text[i] == '=' && i + 2 >= length))
      return FALSE;
  return TRUE;
}

static gboolean
parse_hash (const char *stored,
            ParsedHash *parsed)
{
  g_auto(GStrv) parts = NULL;
  guint64 iterations;

  memset (parsed, 0, sizeof *parsed);
  if (stored == NULL)
    return FALSE;

  parts = g_strsplit (stored, "$", -1);
  if (g_strv_length (parts) != 4 || strcmp (parts[0], HASH_SCHEME) != 0 ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, MAX_ITERATIONS, &iterations, NULL) ||
      !is_base64_text (parts[2]) || !is_base64_text (parts[3]))
    return FALSE;

  parsed->iterations = (guint) iterations;
  parsed->salt = g_base64_decode (parts[2], &parsed->salt_size);
  parsed->hash = g_base64_decode (parts[3], &parsed->hash_size);
  if (parsed->salt_size < 8 || parsed->hash_size != OKC_BACKEND_HASH_SIZE)
    {
      parsed_hash_clear (parsed);
      return FALSE;
    }
  return TRUE;
}

gboolean
okc_backend_password_hash_is_valid (const char *stored)
{
  ParsedHash parsed;

  if (!parse_hash (stored, &parsed))
    return FALSE;
  parsed_hash_clear (&parsed);
  return TRUE;
}

/**
 * okc_backend_password_verify:
 *
 * Returns: %TRUE if @password hashes to @stored. Compares in constant time.
 */
gboolean
okc_backend_password_verify (const char *password,
                             const char *stored)
{
  ParsedHash parsed;
  guint8 computed[OKC_BACKEND_HASH_SIZE];
  guint8 difference = 0;

  if (password == NULL || !parse_hash (stored, &parsed))
    return FALSE;

  okc_backend_pbkdf2_sha256 (password, parsed.salt, parsed.salt_size, parsed.iterations,
                             computed, sizeof computed);
  for (gsize i = 0; i < sizeof computed; i++)
    difference |= computed[i] ^ parsed.hash[i];
  parsed_hash_clear (&parsed);
  return difference == 0;
}

/**
 * okc_backend_token_new:
 *
 * Returns: (transfer full) (nullable): a bearer token: "okc_" and 32 random bytes in
 *   URL-safe base64. Only its SHA-256 is stored.
 */
char *
okc_backend_token_new (GError **error)
{
  guint8 bytes[TOKEN_SIZE];
  g_autofree char *encoded = NULL;

  if (!okc_backend_random_bytes (bytes, sizeof bytes, error))
    return NULL;

  encoded = g_base64_encode (bytes, sizeof bytes);
  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  g_strdelimit (encoded, "=", '\0');
  return g_strconcat ("okc_", encoded, NULL);
}
