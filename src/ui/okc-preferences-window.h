/* okc-preferences-window.h — backend address, notifications, refreshing, style
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OKC_TYPE_PREFERENCES_WINDOW (okc_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (OkcPreferencesWindow, okc_preferences_window, OKC, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

OkcPreferencesWindow *okc_preferences_window_new             (GtkWindow            *parent,
                                                              GSettings            *settings,
                                                              const char           *signed_in_url);
void                  okc_preferences_window_set_signed_in_url (OkcPreferencesWindow *self,
                                                              const char           *signed_in_url);

G_END_DECLS
