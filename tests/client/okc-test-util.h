/* okc-test-util.h — what the client's tests share: tickets to order, waiting for results
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "okc-core.h"

G_BEGIN_DECLS

/* Longest a test waits for anything before it fails; generous for ASan builds. */
#define OKC_TEST_TIMEOUT_SECONDS 60

OkcTicket *okc_test_ticket_new        (const char      *id,
                                       OkcPriority      priority,
                                       OkcTicketStatus  status,
                                       gint64           created_at,
                                       gint64           version);
OkcTicket *okc_test_ticket_new_full   (const char      *id,
                                       OkcPriority      priority,
                                       OkcTicketStatus  status,
                                       gint64           created_at,
                                       gint64           updated_at,
                                       gint64           version,
                                       const char      *summary);
char      *okc_test_ticket_to_string  (OkcTicket       *ticket);

void       okc_test_result_cb         (GObject         *source_object,
                                       GAsyncResult    *result,
                                       gpointer         user_data);
void       okc_test_wait_for_result   (GAsyncResult   **slot);
void       okc_test_wait_until        (gboolean       (*condition) (gpointer data),
                                       gpointer         data);

char      *okc_test_make_tmp_dir      (void);
void       okc_test_remove_tree       (const char      *path);

G_END_DECLS
