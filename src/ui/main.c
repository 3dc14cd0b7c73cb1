/* main.c — ok2charge-console
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "okc-application.h"

/* Where the translations are: the installed ones, or OKC_LOCALE_DIR for a console run
 * from the build tree (build/po holds LANG/LC_MESSAGES/ok2charge-console.mo), as the
 * tests and GSETTINGS_SCHEMA_DIR=build/data do for the schema. */
static const char *
locale_directory (void)
{
  const char *from_environment = g_getenv ("OKC_LOCALE_DIR");

  return from_environment != NULL && *from_environment != '\0' ? from_environment : LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(OkcApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_directory ());
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
