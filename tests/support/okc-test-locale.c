/* okc-test-locale.c — real glibc locales for tests, generated into the build directory
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test that needs es_ES.UTF-8 should not depend on the machine having generated it, nor
 * change the machine to get it: the locale is compiled with localedef (from the Debian
 * package "locales", its sources in /usr/share/i18n) into $OKC_TEST_LOCALE_DIR (the build
 * directory's tests/locales), once, and found there through LOCPATH, which glibc reads at
 * every setlocale().
 */

#include "okc-test-locale.h"

#include <errno.h>
#include <string.h>
#include <locale.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

static char *
locale_dir (void)
{
  const char *dir = g_getenv ("OKC_TEST_LOCALE_DIR");

  if (dir != NULL && *dir != '\0')
    return g_strdup (dir);
  return g_build_filename (g_get_tmp_dir (), "okc-test-locales", NULL);
}

/* Compiles @name ("es_ES.UTF-8") into @dir unless it is there; into a fresh directory
 * first, renamed into place, so that tests running at once never see half a locale. */
static gboolean
generate (const char  *dir,
          const char  *name,
          GError     **error)
{
  g_autofree char *target = g_build_filename (dir, name, NULL);
  g_autofree char *marker = g_build_filename (target, "LC_MONETARY", NULL);
  g_autofree char *input = NULL;
  g_autofree char *charmap = NULL;
  g_autofree char *scratch_template = NULL;
  g_autofree char *scratch = NULL;
  g_autofree char *output = NULL;
  g_autofree char *localedef = NULL;
  g_autofree char *source = NULL;
  g_autofree char *errors = NULL;
  const char *dot = strchr (name, '.');
  int status = 0;

  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    return TRUE;

  localedef = g_find_program_in_path ("localedef");
  if (localedef == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "localedef is not installed (Debian package libc-bin)");
      return FALSE;
    }
  input = dot != NULL ? g_strndup (name, dot - name) : g_strdup (name);
  charmap = g_strdup (dot != NULL ? dot + 1 : "UTF-8");
  source = g_build_filename ("/usr/share/i18n/locales", input, NULL);
  if (!g_file_test (source, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "%s is missing: install the Debian package “locales”", source);
      return FALSE;
    }

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot create %s: %s", dir,
                   g_strerror (errno));
      return FALSE;
    }
  scratch_template = g_build_filename (dir, ".generating-XXXXXX", NULL);
  scratch = g_mkdtemp (g_strdup (scratch_template));
  if (scratch == NULL)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot create a directory in %s: %s",
                   dir, g_strerror (errno));
      return FALSE;
    }
  output = g_build_filename (scratch, name, NULL);

  {
    const char *argv[] = { localedef, "-i", input, "-f", charmap, output, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                       &errors, &status, error))
      return FALSE;
  }

  /* localedef exits with 1 for mere warnings; what counts is the compiled locale. */
  {
    g_autofree char *made = g_build_filename (output, "LC_MONETARY", NULL);

    if (!g_file_test (made, G_FILE_TEST_EXISTS))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "localedef -i %s -f %s failed (%d): %s",
                     input, charmap, status, errors != NULL ? errors : "");
        return FALSE;
      }
  }
  /* Someone else may have won the race: theirs is as good as ours. */
  if (g_rename (output, target) != 0 && !g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "cannot move %s to %s: %s",
                   output, target, g_strerror (errno));
      return FALSE;
    }
  if (g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) left = g_file_new_for_path (output);
      g_autoptr(GFileEnumerator) files = g_file_enumerate_children (left, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                    G_FILE_QUERY_INFO_NONE, NULL, NULL);
      GFileInfo *info;

      while (files != NULL && (info = g_file_enumerator_next_file (files, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (left, g_file_info_get_name (info));
          g_file_delete (child, NULL, NULL);
          g_object_unref (info);
        }
      g_rmdir (output);
    }
  g_rmdir (scratch);
  return TRUE;
}

/**
 * okc_test_locale_use:
 * @name: "es_ES.UTF-8"
 *
 * Generates @name if needed and switches the whole process to it (LC_ALL).
 *
 * Returns: %FALSE with @error set (G_IO_ERROR_NOT_FOUND when localedef or the locale's
 *   sources are not installed, for g_test_skip()) if the locale cannot be had
 */
gboolean
okc_test_locale_use (const char  *name,
                     GError     **error)
{
  g_autofree char *dir = locale_dir ();

  if (!generate (dir, name, error))
    return FALSE;
  g_setenv ("LOCPATH", dir, TRUE);
  if (setlocale (LC_ALL, name) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "setlocale (LC_ALL, \"%s\") failed with LOCPATH=%s",
                   name, dir);
      return FALSE;
    }
  return TRUE;
}

/**
 * okc_test_locale_reset:
 *
 * Back to the C locale.
 */
void
okc_test_locale_reset (void)
{
  setlocale (LC_ALL, "C");
}
