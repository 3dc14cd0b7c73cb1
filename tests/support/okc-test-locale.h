/* okc-test-locale.h — real glibc locales for tests, generated into the build directory
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean okc_test_locale_use (const char  *name,
                              GError     **error);
void     okc_test_locale_reset (void);

G_END_DECLS
