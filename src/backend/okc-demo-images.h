/* okc-demo-images.h — the demo attachments, drawn with cairo: QR labels, error screens
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  OKC_DEMO_SCREEN_ERROR_LOADING,
  OKC_DEMO_SCREEN_NOT_ALLOWED,
  OKC_DEMO_SCREEN_CHARGING_UNSUCCESSFUL,
  OKC_DEMO_SCREEN_PAYMENT_FAILED,
  OKC_DEMO_SCREEN_CHARGER_OFFLINE,
  OKC_DEMO_SCREEN_SESSION_STOPPED,
  OKC_DEMO_N_SCREENS,
} OkcDemoScreen;

GBytes     *okc_demo_images_qr_label     (const char    *charger_id);
GBytes     *okc_demo_images_error_screen (OkcDemoScreen  screen);
const char *okc_demo_screen_get_title    (OkcDemoScreen  screen);
void        okc_demo_images_release_fonts (void);

G_END_DECLS
