/* okc-application.h — the console application
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OKC_TYPE_APPLICATION (okc_application_get_type ())

G_DECLARE_FINAL_TYPE (OkcApplication, okc_application, OKC, APPLICATION, AdwApplication)

OkcApplication *okc_application_new (void);

G_END_DECLS
