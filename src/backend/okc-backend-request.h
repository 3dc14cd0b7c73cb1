/* okc-backend-request.h — one API request as a route handler sees it, and its replies
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "okc-backend-db.h"
#include "okc-core.h"

G_BEGIN_DECLS

/* Who may call a route: a set of 1 << OkcRole bits, or none for anyone. */
#define OKC_BACKEND_ACCESS_PUBLIC 0u
#define OKC_BACKEND_ACCESS_AGENT (1u << OKC_ROLE_AGENT)
#define OKC_BACKEND_ACCESS_SUPERVISOR (1u << OKC_ROLE_SUPERVISOR)
#define OKC_BACKEND_ACCESS_CHATBOT (1u << OKC_ROLE_CHATBOT)
#define OKC_BACKEND_ACCESS_STAFF (OKC_BACKEND_ACCESS_AGENT | OKC_BACKEND_ACCESS_SUPERVISOR)
#define OKC_BACKEND_ACCESS_SIGNED_IN (OKC_BACKEND_ACCESS_STAFF | OKC_BACKEND_ACCESS_CHATBOT)

/* Largest request body accepted (docs/api.md: 413 payload_too_large beyond). */
#define OKC_BACKEND_MAX_BODY_SIZE (64 * 1024 * 1024)

/**
 * OkcBackendRequest:
 * @db: the database
 * @msg: the message to answer
 * @param: (nullable): the value of the route's `{…}` path segment
 * @query: (nullable): the decoded query parameters
 * @user: (nullable): who is signed in, for routes that require it
 * @token_hash: (nullable): the SHA-256 of the bearer token that signed @user in
 * @body: (nullable): the JSON body, for routes that take one
 * @now: the server's clock, seconds since the epoch
 * @events: the server's event streams (an #OkcBackendEvents)
 * @presence: the server's presence table (an #OkcBackendPresence)
 */
typedef struct
{
  OkcBackendDb *db;
  SoupServerMessage *msg;
  const char *param;
  GHashTable *query;
  OkcUser *user;
  char *token_hash;
  JsonNode *body;
  gint64 now;
  struct _OkcBackendEvents *events;
  struct _OkcBackendPresence *presence;
} OkcBackendRequest;

typedef void (*OkcBackendHandler) (OkcBackendRequest *request);

void okc_backend_reply_json           (SoupServerMessage *msg,
                                       guint              status,
                                       JsonNode          *node);
void okc_backend_reply_error          (SoupServerMessage *msg,
                                       guint              status,
                                       const char        *code,
                                       const char        *field,
                                       const char        *format,
                                       ...) G_GNUC_PRINTF (5, 6);
void okc_backend_reply_invalid_input  (SoupServerMessage *msg,
                                       const GError      *error);
void okc_backend_reply_internal_error (SoupServerMessage *msg,
                                       const GError      *error);
void okc_backend_reply_not_found      (SoupServerMessage *msg,
                                       const char        *what,
                                       const char        *id);

const char *okc_backend_request_get_query (OkcBackendRequest *request,
                                           const char        *name);
gboolean    okc_backend_request_get_limit (OkcBackendRequest *request,
                                           const char        *name,
                                           guint              fallback,
                                           guint              max,
                                           guint             *out);

G_END_DECLS
