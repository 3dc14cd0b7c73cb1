/* okc-backend-cli.h — the ok2charge-backend command: options, data set up, serving
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int okc_backend_cli_run (int    argc,
                         char **argv);

G_END_DECLS
