/* okc-client.h — the backend's REST API, asynchronous, over one HTTP session
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "okc-core.h"
#include "okc-client-error.h"
#include "okc-ticket-change.h"
#include "okc-ticket-page.h"
#include "okc-ticket-query.h"

G_BEGIN_DECLS

#define OKC_TYPE_CLIENT (okc_client_get_type ())

G_DECLARE_FINAL_TYPE (OkcClient, okc_client, OKC, CLIENT, GObject)

OkcClient     *okc_client_new                 (const char           *base_url,
                                               GError              **error);
char          *okc_client_check_base_url      (const char           *base_url,
                                               GError              **error);
const char    *okc_client_get_base_url        (OkcClient            *self);
const char    *okc_client_get_token           (OkcClient            *self);
void           okc_client_set_token           (OkcClient            *self,
                                               const char           *token);
OkcUser       *okc_client_get_user            (OkcClient            *self);
guint          okc_client_get_timeout         (OkcClient            *self);
void           okc_client_set_timeout         (OkcClient            *self,
                                               guint                 timeout);

void           okc_client_sign_in_async       (OkcClient            *self,
                                               const char           *email,
                                               const char           *password,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
OkcUser       *okc_client_sign_in_finish      (OkcClient            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

void           okc_client_sign_out_async      (OkcClient            *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean       okc_client_sign_out_finish     (OkcClient            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

void           okc_client_get_me_async        (OkcClient            *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
OkcUser       *okc_client_get_me_finish       (OkcClient            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

void           okc_client_list_tickets_async  (OkcClient            *self,
                                               const OkcTicketQuery *query,
                                               const char           *cursor,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
OkcTicketPage *okc_client_list_tickets_finish (OkcClient            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

void           okc_client_get_ticket_async    (OkcClient            *self,
                                               const char           *id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
OkcTicket     *okc_client_get_ticket_finish   (OkcClient            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

void           okc_client_get_attachment_async  (OkcClient          *self,
                                                 const char         *id,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
GBytes        *okc_client_get_attachment_finish (OkcClient          *self,
                                                 GAsyncResult       *result,
                                                 char              **out_content_type,
                                                 GError            **error);

void           okc_client_list_users_async    (OkcClient            *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray     *okc_client_list_users_finish   (OkcClient            *self,
                                               GAsyncResult         *result,
                                               GError              **error);

void              okc_client_update_ticket_async  (OkcClient             *self,
                                                   const char            *ticket_id,
                                                   gint64                 expected_version,
                                                   const OkcTicketChange *change,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
OkcTicket        *okc_client_update_ticket_finish (OkcClient             *self,
                                                   GAsyncResult          *result,
                                                   OkcTicket            **out_current,
                                                   GError               **error);

void              okc_client_get_timeline_async   (OkcClient             *self,
                                                   const char            *ticket_id,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
GPtrArray        *okc_client_get_timeline_finish  (OkcClient             *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);

void              okc_client_add_note_async       (OkcClient             *self,
                                                   const char            *ticket_id,
                                                   const char            *text,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
OkcTimelineEntry *okc_client_add_note_finish      (OkcClient             *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);

void              okc_client_send_reply_async     (OkcClient             *self,
                                                   const char            *ticket_id,
                                                   gint64                 expected_version,
                                                   const char            *text,
                                                   int                    then_status,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
OkcTimelineEntry *okc_client_send_reply_finish    (OkcClient             *self,
                                                   GAsyncResult          *result,
                                                   OkcTicket            **out_ticket,
                                                   OkcTicket            **out_current,
                                                   GError               **error);
void           okc_client_set_presence_async    (OkcClient          *self,
                                                 const char         *ticket_id,
                                                 const char         *activity,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
GPtrArray     *okc_client_set_presence_finish   (OkcClient          *self,
                                                 GAsyncResult       *result,
                                                 GError            **error);
void           okc_client_clear_presence_async  (OkcClient          *self,
                                                 const char         *ticket_id,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
gboolean       okc_client_clear_presence_finish (OkcClient          *self,
                                                 GAsyncResult       *result,
                                                 GError            **error);


G_END_DECLS
