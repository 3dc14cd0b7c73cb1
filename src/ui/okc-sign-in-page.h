/* okc-sign-in-page.h — backend address, email and password
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OKC_TYPE_SIGN_IN_PAGE (okc_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (OkcSignInPage, okc_sign_in_page, OKC, SIGN_IN_PAGE, GtkWidget)

void        okc_sign_in_page_fill         (OkcSignInPage *self,
                                           const char    *backend_url,
                                           const char    *email);
void        okc_sign_in_page_set_url      (OkcSignInPage *self,
                                           const char    *backend_url);
const char *okc_sign_in_page_get_url      (OkcSignInPage *self);
const char *okc_sign_in_page_get_email    (OkcSignInPage *self);
const char *okc_sign_in_page_get_password (OkcSignInPage *self);
void        okc_sign_in_page_set_busy     (OkcSignInPage *self,
                                           gboolean       busy);
void        okc_sign_in_page_set_error    (OkcSignInPage *self,
                                           const char    *message);
void        okc_sign_in_page_focus        (OkcSignInPage *self);

G_END_DECLS
