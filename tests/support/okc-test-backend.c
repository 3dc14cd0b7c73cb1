/* okc-test-backend.c — the real ok2charge-backend, started for a test on a free port
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-test"

#include "okc-test-backend.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

/* Generous: under ASan on a loaded CI machine, generating the demo data takes a while.
 * The wait is for a line, never a fixed sleep. */
#define START_TIMEOUT_SECONDS 180
#define LISTENING_PREFIX "Listening on "

struct _OkcTestBackend
{
  GSubprocess *process;
  char *dir;
  char *database;
  char *url;
};

typedef struct
{
  GDataInputStream *stdout_lines;
  GCancellable *cancellable;
  char *url;
  GString *output;
  gboolean done;
  gboolean timed_out;
} StartWait;

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  StartWait *wait = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line =
    g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &error);

  if (line == NULL)
    {
      /* End of output (the backend exited) or the timeout cancelled the read. */
      wait->done = TRUE;
      return;
    }

  g_string_append_printf (wait->output, "%s\n", line);
  if (g_str_has_prefix (line, LISTENING_PREFIX))
    {
      wait->url = g_strdup (line + strlen (LISTENING_PREFIX));
      wait->done = TRUE;
      return;
    }
  g_data_input_stream_read_line_async (wait->stdout_lines, G_PRIORITY_DEFAULT, wait->cancellable,
                                       read_line_cb, wait);
}

static gboolean
timeout_cb (gpointer user_data)
{
  StartWait *wait = user_data;

  wait->timed_out = TRUE;
  g_cancellable_cancel (wait->cancellable);
  return G_SOURCE_REMOVE;
}

/* Reads the backend's stdout until its "Listening on URL" line, in a main context of
 * its own so that the caller's sources do not run meanwhile. */
static char *
wait_for_url (GSubprocess *process)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (START_TIMEOUT_SECONDS);
  g_autoptr(GString) output = g_string_new (NULL);
  StartWait wait = { 0 };

  g_main_context_push_thread_default (context);
  wait.stdout_lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  wait.cancellable = g_cancellable_new ();
  wait.output = output;
  g_source_set_callback (timeout, timeout_cb, &wait, NULL);
  g_source_attach (timeout, context);

  g_data_input_stream_read_line_async (wait.stdout_lines, G_PRIORITY_DEFAULT, wait.cancellable,
                                       read_line_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timeout);
  g_object_unref (wait.cancellable);
  /* The backend keeps writing to stdout (the demo users): the pipe stays open with the
   * GSubprocess; only this reader goes. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (wait.stdout_lines), FALSE);
  g_object_unref (wait.stdout_lines);
  g_main_context_pop_thread_default (context);

  if (wait.url == NULL)
    g_error ("ok2charge-backend did not start listening%s; its output was:\n%s",
             wait.timed_out ? " in time" : "", output->str);
  return wait.url;
}

/* In the child: if the test dies (an assertion aborts it), the backend goes too rather
 * than keep the test's output open and the test runner waiting. */
static void
die_with_parent_cb (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GPtrArray *
make_argv (const char          *path,
           const char          *database,
           const char * const  *extra_args)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char * const defaults[] = {
    "--database", database, "--listen", "127.0.0.1:0", "--demo", "--seed", "7", "--tickets", "300",
  };

  g_ptr_array_add (argv, (gpointer) path);
  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    g_ptr_array_add (argv, (gpointer) defaults[i]);
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra_args[i]);
  g_ptr_array_add (argv, NULL);
  return argv;
}

static void
spawn (OkcTestBackend      *self,
       const char * const  *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* Nothing of the developer's own data folder is touched. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", self->dir, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent_cb, NULL, NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (self->process == NULL)
    g_error ("cannot start %s: %s", argv[0], error->message);
}

/**
 * okc_test_backend_start:
 * @extra_args: (nullable) (array zero-terminated=1): more options, after the defaults
 *   `--database TMP --listen 127.0.0.1:0 --demo --seed 7 --tickets 300` (a later option
 *   wins: pass `--tickets 50` for a smaller data set)
 *
 * Starts the binary named by $OKC_BACKEND_PATH over a database in a new temporary folder
 * and waits for it to listen. Aborts the test if it does not.
 *
 * Returns: (transfer full): the running backend; stop it with okc_test_backend_stop().
 */
OkcTestBackend *
okc_test_backend_start (const char * const *extra_args)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = g_getenv ("OKC_BACKEND_PATH");
  OkcTestBackend *self;

  if (path == NULL)
    g_error ("OKC_BACKEND_PATH is not set: run the tests with “meson test”");

  self = g_new0 (OkcTestBackend, 1);
  self->dir = g_dir_make_tmp ("okc-test-backend-XXXXXX", &error);
  g_assert_no_error (error);
  self->database = g_build_filename (self->dir, "backend.sqlite", NULL);

  argv = make_argv (path, self->database, extra_args);
  spawn (self, (const char * const *) argv->pdata);

  self->url = wait_for_url (self->process);
  return self;
}

const char *
okc_test_backend_get_url (OkcTestBackend *self)
{
  return self->url;
}

const char *
okc_test_backend_get_database (OkcTestBackend *self)
{
  return self->database;
}

const char *
okc_test_backend_get_dir (OkcTestBackend *self)
{
  return self->dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/**
 * okc_test_backend_stop:
 *
 * Sends SIGTERM, waits for the backend to exit and checks that it exited cleanly (a
 * crash or, under ASan, a leak fails the test), then removes its temporary folder.
 */
/* Sends SIGTERM and checks that the backend exited cleanly. */
static void
stop_process (OkcTestBackend *self)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (self->process, SIGTERM);
  if (!g_subprocess_wait (self->process, NULL, &error))
    g_error ("waiting for ok2charge-backend: %s", error->message);
  if (!g_subprocess_get_if_exited (self->process) || g_subprocess_get_exit_status (self->process) != 0)
    g_error ("ok2charge-backend did not exit cleanly on SIGTERM (%s %d)",
             g_subprocess_get_if_exited (self->process) ? "exit status" : "signal",
             g_subprocess_get_if_exited (self->process)
               ? g_subprocess_get_exit_status (self->process)
               : g_subprocess_get_term_sig (self->process));
  g_clear_object (&self->process);
}

/**
 * okc_test_backend_kill:
 *
 * Stops the backend (cleanly, as okc_test_backend_stop() checks) but keeps its folder
 * and database, for okc_test_backend_restart().
 */
void
okc_test_backend_kill (OkcTestBackend *self)
{
  g_assert_nonnull (self->process);
  stop_process (self);
}

/**
 * okc_test_backend_restart:
 *
 * Starts the backend again, after okc_test_backend_kill(), on the same address and
 * database (and without generating anything), and waits for it to listen.
 */
void
okc_test_backend_restart (OkcTestBackend *self)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *listen = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (self->process);
  uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  listen = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  {
    const char * const argv[] = {
      g_getenv ("OKC_BACKEND_PATH"), "--database", self->database, "--listen", listen, NULL,
    };
    g_autofree char *url = NULL;

    spawn (self, argv);
    url = wait_for_url (self->process);
    g_assert_cmpstr (url, ==, self->url);
  }
}

void
okc_test_backend_stop (OkcTestBackend *self)
{
  if (self == NULL)
    return;

  if (self->process != NULL)
    stop_process (self);
  remove_dir (self->dir);
  g_free (self->dir);
  g_free (self->database);
  g_free (self->url);
  g_free (self);
}
