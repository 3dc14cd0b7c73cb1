/* okc-backend-test-run.h — running ok2charge-backend as a command in tests
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int   okc_test_run_backend (const char * const *args,
                            char              **out_stdout,
                            char              **out_stderr);
char *okc_test_make_dir    (void);
void  okc_test_remove_dir  (const char         *dir);

G_END_DECLS
