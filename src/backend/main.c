/* main.c — ok2charge-backend, the reference backend of the OK2Charge Agent Console
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-cli.h"

int
main (int   argc,
      char *argv[])
{
  return okc_backend_cli_run (argc, argv);
}
