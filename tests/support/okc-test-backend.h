/* okc-test-backend.h — the real ok2charge-backend, started for a test on a free port
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _OkcTestBackend OkcTestBackend;

OkcTestBackend *okc_test_backend_start        (const char * const *extra_args);
const char     *okc_test_backend_get_url      (OkcTestBackend     *self);
const char     *okc_test_backend_get_database (OkcTestBackend     *self);
const char     *okc_test_backend_get_dir      (OkcTestBackend     *self);
void            okc_test_backend_kill         (OkcTestBackend     *self);
void            okc_test_backend_restart      (OkcTestBackend     *self);
void            okc_test_backend_stop         (OkcTestBackend     *self);

G_END_DECLS
