/* main.c — ok2charge-console
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "okc-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(OkcApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Without a display GTK would abort with a stack of warnings; say it in one line. */
  if (!gtk_init_check ())
    {
      g_printerr (_("ok2charge-console: no graphical display found (DISPLAY and WAYLAND_DISPLAY "
                    "are not usable); run it from a desktop session\n"));
      return 1;
    }

  application = okc_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
