/* okc-client-error.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "okc-client-error.h"

typedef struct
{
  char *field;
  char *server_code;
  guint http_status;
} OkcClientErrorPrivate;

static void
okc_client_error_private_init (OkcClientErrorPrivate *priv)
{
  priv->field = NULL;
  priv->server_code = NULL;
  priv->http_status = 0;
}

static void
okc_client_error_private_copy (const OkcClientErrorPrivate *src,
                               OkcClientErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
  dest->server_code = g_strdup (src->server_code);
  dest->http_status = src->http_status;
}

static void
okc_client_error_private_clear (OkcClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
  g_clear_pointer (&priv->server_code, g_free);
}

/* An extended error domain, so that the backend's "field" and "code" travel with the
 * error instead of being parsed back out of the message. */
G_DEFINE_EXTENDED_ERROR (OkcClientError, okc_client_error)

/**
 * okc_client_error_set:
 * @error: (out) (optional): where to put the error
 * @code: an #OkcClientError
 * @http_status: the HTTP status of the answer, or 0 if there was none
 * @server_code: (nullable): the backend's error code ("invalid_input"), if it sent one
 * @field: (nullable): the member or parameter to blame, if one is
 * @format: printf-style message for a person
 *
 * Sets an #OKC_CLIENT_ERROR carrying @http_status, @server_code and @field.
 */
void
okc_client_error_set (GError         **error,
                      OkcClientError   code,
                      guint            http_status,
                      const char      *server_code,
                      const char      *field,
                      const char      *format,
                      ...)
{
  g_autofree char *message = NULL;
  OkcClientErrorPrivate *priv;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, OKC_CLIENT_ERROR, code, message);

  priv = okc_client_error_get_private (*error);
  if (priv != NULL)
    {
      priv->http_status = http_status;
      priv->server_code = (server_code != NULL && *server_code != '\0') ? g_strdup (server_code)
                                                                        : NULL;
      priv->field = (field != NULL && *field != '\0') ? g_strdup (field) : NULL;
    }
}

static OkcClientErrorPrivate *
get_private (const GError *error)
{
  if (error->domain != OKC_CLIENT_ERROR)
    return NULL;
  return okc_client_error_get_private (error);
}

/**
 * okc_client_error_get_field:
 * @error: an error
 *
 * Returns: (nullable): the member or query parameter an #OKC_CLIENT_ERROR blames (the
 *   backend's "field" for %OKC_CLIENT_ERROR_INVALID_INPUT, the member of the answer that
 *   failed to decode for %OKC_CLIENT_ERROR_BAD_RESPONSE), or %NULL.
 */
const char *
okc_client_error_get_field (const GError *error)
{
  OkcClientErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  priv = get_private (error);
  return priv != NULL ? priv->field : NULL;
}

/**
 * okc_client_error_get_server_code:
 * @error: an error
 *
 * Returns: (nullable): the backend's error code ("invalid_credentials", "not_found"), or
 *   %NULL if @error did not come from an error document of the backend.
 */
const char *
okc_client_error_get_server_code (const GError *error)
{
  OkcClientErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  priv = get_private (error);
  return priv != NULL ? priv->server_code : NULL;
}

/**
 * okc_client_error_get_http_status:
 * @error: an error
 *
 * Returns: the HTTP status of the answer that caused @error, or 0 if there was no answer.
 */
guint
okc_client_error_get_http_status (const GError *error)
{
  OkcClientErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, 0);

  priv = get_private (error);
  return priv != NULL ? priv->http_status : 0;
}
