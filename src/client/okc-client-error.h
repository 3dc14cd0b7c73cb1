/* okc-client-error.h — what went wrong talking to the backend, in words a person understands
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define OKC_CLIENT_ERROR (okc_client_error_quark ())

/**
 * OkcClientError:
 * @OKC_CLIENT_ERROR_OFFLINE: the backend cannot be reached (no route, name not
 *   resolved, connection refused or lost)
 * @OKC_CLIENT_ERROR_TIMED_OUT: the backend did not answer in time
 * @OKC_CLIENT_ERROR_UNAUTHORIZED: 401: not signed in, the token expired or was revoked,
 *   or a wrong email or password at sign-in
 * @OKC_CLIENT_ERROR_FORBIDDEN: 403: the signed-in role may not do this
 * @OKC_CLIENT_ERROR_NOT_FOUND: 404: no such resource
 * @OKC_CLIENT_ERROR_CONFLICT: 409: the backend refuses the change in the resource's
 *   current state (a refund pending approval), or a replayed request with other parameters
 * @OKC_CLIENT_ERROR_INVALID_INPUT: 400, 413 or 422: the backend refused what was sent;
 *   okc_client_error_get_field() names the member or parameter to blame
 * @OKC_CLIENT_ERROR_BAD_RESPONSE: the answer is not what the API contract says (not HTTP,
 *   not JSON, a member of the wrong shape, an unexpected status or content type); for a
 *   member of the wrong shape okc_client_error_get_field() names it ("tickets[3].created_at")
 * @OKC_CLIENT_ERROR_SERVER: 5xx: the backend failed
 * @OKC_CLIENT_ERROR_NO_KEYRING: no keyring (Secret Service) is available to remember the
 *   sign-in; the token can still be used for this session
 * @OKC_CLIENT_ERROR_VERSION_CONFLICT: 412: the ticket changed since the version the change
 *   was made from; the message is the backend's ("Sam Okafor changed this ticket at …: …"),
 *   and the calls that change tickets also give the current ticket
 * @OKC_CLIENT_ERROR_TOO_MANY_ATTEMPTS: 429: the backend refuses more attempts for now
 *   (three failed identity checks); the message is the backend's, saying when to try again
 *
 * Errors of the client library. Cancellation is reported as %G_IO_ERROR_CANCELLED, never
 * with this domain. Every error's message is a complete sentence for a person, and
 * includes the backend's own message when it sent one.
 */
typedef enum
{
  OKC_CLIENT_ERROR_OFFLINE,
  OKC_CLIENT_ERROR_TIMED_OUT,
  OKC_CLIENT_ERROR_UNAUTHORIZED,
  OKC_CLIENT_ERROR_FORBIDDEN,
  OKC_CLIENT_ERROR_NOT_FOUND,
  OKC_CLIENT_ERROR_CONFLICT,
  OKC_CLIENT_ERROR_INVALID_INPUT,
  OKC_CLIENT_ERROR_BAD_RESPONSE,
  OKC_CLIENT_ERROR_SERVER,
  OKC_CLIENT_ERROR_NO_KEYRING,
  OKC_CLIENT_ERROR_VERSION_CONFLICT,
  OKC_CLIENT_ERROR_TOO_MANY_ATTEMPTS,
} OkcClientError;

GQuark      okc_client_error_quark           (void);
void        okc_client_error_set             (GError         **error,
                                              OkcClientError   code,
                                              guint            http_status,
                                              const char      *server_code,
                                              const char      *field,
                                              const char      *format,
                                              ...) G_GNUC_PRINTF (6, 7);
const char *okc_client_error_get_field       (const GError    *error);
const char *okc_client_error_get_server_code (const GError    *error);
guint       okc_client_error_get_http_status (const GError    *error);

G_END_DECLS
