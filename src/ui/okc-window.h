/* okc-window.h — the console's main window
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "okc-outbox.h"

G_BEGIN_DECLS

#define OKC_TYPE_WINDOW (okc_window_get_type ())

G_DECLARE_FINAL_TYPE (OkcWindow, okc_window, OKC, WINDOW, AdwApplicationWindow)

/**
 * OkcLaunchOptions:
 * @backend_url: (nullable): overrides the remembered backend address
 * @email: (nullable): overrides the remembered user
 * @password: (nullable): with both of the above, signs in without asking
 *
 * What the command line asked for.
 */
typedef struct
{
  char *backend_url;
  char *email;
  char *password;
} OkcLaunchOptions;

OkcWindow *okc_window_new      (AdwApplication         *application,
                                GSettings              *settings);
void       okc_window_start    (OkcWindow              *self,
                                const OkcLaunchOptions *options);
void       okc_window_sign_out (OkcWindow              *self);
void       okc_window_show_ticket (OkcWindow           *self,
                                   const char          *ticket_id);
void       okc_window_show_charger (OkcWindow          *self,
                                    const char         *charger_id);
OkcOutbox *okc_window_get_outbox   (OkcWindow          *self);
const char *okc_window_get_signed_in_url (OkcWindow     *self);

G_END_DECLS
