/* okc-backend-test-http.h — HTTP calls to a test backend, awaited in a nested loop
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  guint status;
  SoupMessageHeaders *headers;
  GBytes *body;
  JsonNode *json; /* the body parsed, when it is JSON */
} OkcTestResponse;

void             okc_test_response_free        (OkcTestResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcTestResponse, okc_test_response_free)

OkcTestResponse *okc_test_http                 (const char      *method,
                                                const char      *url,
                                                const char      *token,
                                                const char      *content_type,
                                                GBytes          *body);
OkcTestResponse *okc_test_http_if_match        (const char      *method,
                                                const char      *url,
                                                const char      *token,
                                                const char      *content_type,
                                                GBytes          *body,
                                                const char      *if_match);
OkcTestResponse *okc_test_get                  (const char      *base_url,
                                                const char      *path,
                                                const char      *token);
OkcTestResponse *okc_test_post_json            (const char      *base_url,
                                                const char      *path,
                                                const char      *token,
                                                const char      *json);
char            *okc_test_sign_in              (const char      *base_url,
                                                const char      *email,
                                                const char      *password);
JsonObject      *okc_test_response_object      (OkcTestResponse *response);
void             okc_test_assert_error         (OkcTestResponse *response,
                                                guint            status,
                                                const char      *code,
                                                const char      *field);

#define OKC_TEST_AGENT_EMAIL "alex.rivera@ok2charge.example"
#define OKC_TEST_SUPERVISOR_EMAIL "morgan.blake@ok2charge.example"
#define OKC_TEST_CHATBOT_EMAIL "chatbot@ok2charge.example"

G_END_DECLS
