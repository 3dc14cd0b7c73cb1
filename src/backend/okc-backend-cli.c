/* okc-backend-cli.c — the ok2charge-backend command: options, data set up, serving
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "config.h"

#include "okc-backend-cli.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "okc-backend-crypto.h"
#include "okc-backend-dataset.h"
#include "okc-backend-events.h"
#include "okc-backend-fleet-sim-driver.h"
#include "okc-backend-presence.h"
#include "okc-backend-refunds.h"
#include "okc-backend-server.h"
#include "okc-backend-users.h"
#include "okc-demo-generator.h"

#define DEFAULT_LISTEN "127.0.0.1:8765"
#define DEFAULT_SEED 1
#define DEFAULT_TICKETS 2000
#define MAX_TICKETS 5000000

typedef struct
{
  char *database;
  char *listen;
  gboolean demo;
  char *seed;
  char *tickets;
  char *now;
  char *import_path;
  char *export_path;
  char *presence_ttl;
  char *event_history;
  char *heartbeat_interval;
  gboolean simulator_control;
  gboolean fleet_activity;
  char *refund_approval_threshold;
  char *refund_settle_seconds;
} Options;

typedef struct
{
  char *database;
  GSocketAddress *address;
  guint64 seed;
  guint n_tickets;
  gint64 now;
  guint presence_ttl;
  guint event_history;
  guint heartbeat_interval;
  gint64 refund_approval_threshold;
  guint refund_settle_seconds;
} Settings;

static void
options_clear (Options *options)
{
  g_free (options->database);
  g_free (options->listen);
  g_free (options->seed);
  g_free (options->tickets);
  g_free (options->refund_approval_threshold);
  g_free (options->refund_settle_seconds);
  g_free (options->now);
  g_free (options->import_path);
  g_free (options->export_path);
  g_free (options->presence_ttl);
  g_free (options->event_history);
  g_free (options->heartbeat_interval);
}

static void
settings_clear (Settings *settings)
{
  g_free (settings->database);
  g_clear_object (&settings->address);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Settings, settings_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static gboolean
parse_options (int       *argc,
               char    ***argv,
               Options   *options,
               GError   **error)
{
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &options->database,
      "The SQLite database (default: $XDG_DATA_HOME/ok2charge-backend/backend.sqlite)", "FILE" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &options->listen,
      "Address to serve on; port 0 takes a free one (default: " DEFAULT_LISTEN ")", "HOST:PORT" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &options->demo,
      "Generate demo data if the database is empty (and keep it for later runs)", NULL },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &options->seed, "Seed of the demo data (default: 1)",
      "N" },
    { "tickets", 0, 0, G_OPTION_ARG_STRING, &options->tickets,
      "Number of demo tickets (default: 2000)", "N" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &options->now,
      "The demo data's present, RFC 3339 (default: the current time)", "TIME" },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &options->import_path,
      "Replace the data with a dataset file, then serve", "FILE" },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &options->export_path,
      "Write the data set to FILE and exit without serving", "FILE" },
    { "presence-ttl", 0, 0, G_OPTION_ARG_STRING, &options->presence_ttl,
      "Seconds a ticket presence lasts after its last PUT (default: 45)", "SECONDS" },
    { "event-history", 0, 0, G_OPTION_ARG_STRING, &options->event_history,
      "Number of newest events kept for resuming streams (default: 50000)", "N" },
    { "heartbeat-interval", 0, 0, G_OPTION_ARG_STRING, &options->heartbeat_interval,
      "The HeartbeatInterval of every simulated charger (default: 60)", "SECONDS" },
    { "simulator-control", 0, 0, G_OPTION_ARG_NONE, &options->simulator_control,
      "Serve /v1/simulator/chargers/{id}/faults to inject and clear faults", NULL },
    { "fleet-activity", 0, 0, G_OPTION_ARG_NONE, &options->fleet_activity,
      "Let faults and sessions happen by themselves, seeded random, as in a live fleet", NULL },
    { "refund-approval-threshold", 0, 0, G_OPTION_ARG_STRING, &options->refund_approval_threshold,
      "Largest refund, in US cents, that executes without a supervisor (default: 5000)",
      "CENTS" },
    { "refund-settle-seconds", 0, 0, G_OPTION_ARG_STRING, &options->refund_settle_seconds,
      "Seconds the simulated payment processor takes to settle a refund; 0 settles in the "
      "next main-loop turn (default: 2)", "SECONDS" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the OK2Charge reference backend");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "unexpected argument “%s”",
                   (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

/* "127.0.0.1:8765", "[::1]:0", "localhost:8080". */
static GSocketAddress *
parse_listen (const char  *text,
              GError     **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *port_text;
  guint64 port;

  if (text[0] == '[')
    {
      const char *end = strchr (text, ']');
      if (end == NULL || end[1] != ':')
        goto bad;
      host = g_strndup (text + 1, end - text - 1);
      port_text = end + 2;
    }
  else
    {
      const char *colon = strrchr (text, ':');
      if (colon == NULL || memchr (text, ':', colon - text) != NULL)
        goto bad;
      host = g_strndup (text, colon - text);
      port_text = colon + 1;
    }

  if (!g_ascii_string_to_unsigned (port_text, 10, 0, 65535, &port, NULL))
    goto bad;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else
    address = g_inet_address_new_from_string (host);
  if (address == NULL)
    goto bad;
  return g_inet_socket_address_new (address, (guint16) port);

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "--listen “%s” is not HOST:PORT with an IP address (or localhost) and a port "
               "from 0 to 65535",
               text);
  return NULL;
}

static gboolean
parse_count (const char  *option,
             const char  *text,
             guint64      max,
             guint64     *out,
             GError     **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--%s “%s” is not a whole number from 0 to %" G_GUINT64_FORMAT, option, text,
                   max);
      return FALSE;
    }
  return TRUE;
}

static char *
default_database (GError **error)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "ok2charge-backend", NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "cannot create the folder %s: %s", folder, g_strerror (saved_errno));
      return NULL;
    }
  return g_build_filename (folder, "backend.sqlite", NULL);
}

static gboolean
check_combinations (const Options  *options,
                    GError        **error)
{
  const char *problem = NULL;

  if ((options->seed != NULL || options->tickets != NULL || options->now != NULL) &&
      !options->demo)
    problem = "--seed, --tickets and --now only apply with --demo";
  else if (options->demo && options->import_path != NULL)
    problem = "--demo and --import cannot be combined: an import replaces the data";
  if (problem == NULL)
    return TRUE;
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, problem);
  return FALSE;
}

static gboolean
make_settings (const Options  *options,
               Settings       *settings,
               GError        **error)
{
  guint64 seed = DEFAULT_SEED, n_tickets = DEFAULT_TICKETS;
  guint64 presence_ttl = OKC_BACKEND_PRESENCE_DEFAULT_TTL;
  guint64 event_history = OKC_BACKEND_EVENTS_DEFAULT_HISTORY;
  guint64 heartbeat_interval = OKC_BACKEND_DEFAULT_HEARTBEAT_INTERVAL;
  guint64 refund_threshold = OKC_BACKEND_REFUNDS_DEFAULT_THRESHOLD;
  guint64 settle_seconds = OKC_BACKEND_REFUNDS_DEFAULT_SETTLE_SECONDS;

  if (!check_combinations (options, error) ||
      !parse_count ("seed", options->seed, G_MAXINT64, &seed, error) ||
      !parse_count ("tickets", options->tickets, MAX_TICKETS, &n_tickets, error) ||
      !parse_count ("presence-ttl", options->presence_ttl, 24 * 60 * 60, &presence_ttl, error) ||
      !parse_count ("event-history", options->event_history, G_MAXINT32, &event_history, error) ||
      !parse_count ("heartbeat-interval", options->heartbeat_interval, 24 * 60 * 60,
                    &heartbeat_interval, error) ||
      !parse_count ("refund-approval-threshold", options->refund_approval_threshold,
                    G_MAXINT32, &refund_threshold, error) ||
      !parse_count ("refund-settle-seconds", options->refund_settle_seconds, 24 * 60 * 60,
                    &settle_seconds, error))
    return FALSE;
  if (presence_ttl == 0 || event_history == 0 || heartbeat_interval == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           presence_ttl == 0    ? "--presence-ttl must be at least 1"
                           : event_history == 0 ? "--event-history must be at least 1"
                                                : "--heartbeat-interval must be at least 1");
      return FALSE;
    }
  settings->heartbeat_interval = (guint) heartbeat_interval;
  settings->refund_approval_threshold = (gint64) refund_threshold;
  settings->refund_settle_seconds = (guint) settle_seconds;
  settings->seed = seed;
  settings->n_tickets = (guint) n_tickets;
  settings->presence_ttl = (guint) presence_ttl;
  settings->event_history = (guint) event_history;

  settings->now = g_get_real_time () / G_USEC_PER_SEC;
  if (options->now != NULL && !okc_time_parse_rfc3339 (options->now, &settings->now))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--now “%s” is not an RFC 3339 time such as 2026-11-24T09:30:00Z", options->now);
      return FALSE;
    }

  settings->address = parse_listen (options->listen != NULL ? options->listen : DEFAULT_LISTEN,
                                    error);
  if (settings->address == NULL)
    return FALSE;

  settings->database = options->database != NULL ? g_strdup (options->database)
                                                  : default_database (error);
  return settings->database != NULL;
}

static gboolean
generate_demo (OkcBackendDb    *db,
               const Settings  *settings,
               GError         **error)
{
  g_autoptr(OkcDemoGenerator) generator = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 started = g_get_monotonic_time ();

  if (!okc_backend_db_is_empty (db, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      printf ("Reusing the data already in %s (%" G_GINT64_FORMAT
              " tickets); --demo only generates into an empty database\n",
              okc_backend_db_get_path (db), okc_backend_db_count (db, "tickets"));
      return TRUE;
    }

  generator = okc_demo_generator_new (settings->seed, settings->n_tickets, settings->now);
  if (!okc_demo_generator_run (generator, db, error))
    return FALSE;
  printf ("Generated demo data in %s: seed %" G_GUINT64_FORMAT ", %u tickets, %.1f s\n",
          okc_backend_db_get_path (db), settings->seed, settings->n_tickets,
          (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
  return TRUE;
}

static gboolean
export_to (OkcBackendDb  *db,
           const char    *path,
           GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileOutputStream) stream = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!okc_backend_dataset_export (db, G_OUTPUT_STREAM (stream), error))
    {
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

/* Prints the fixed demo users whose demo password still works in this database. */
static void
print_demo_users (OkcBackendDb *db)
{
  guint n_users;
  const OkcDemoUser *users = okc_demo_users_get (&n_users);

  for (guint i = 0; i < n_users; i++)
    {
      g_autofree char *stored_hash = NULL;
      g_autoptr(OkcUser) user =
        okc_backend_users_lookup_email (db, users[i].email, &stored_hash, NULL);

      if (user != NULL && okc_backend_password_verify (users[i].password, stored_hash))
        printf ("Demo user: %s password %s (%s, %s)\n", users[i].email, users[i].password,
                okc_enum_to_nick (OKC_TYPE_ROLE, okc_user_get_role (user)),
                okc_user_get_name (user));
    }
  fflush (stdout);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
serve (OkcBackendDb    *db,
       const Options   *options,
       const Settings  *settings,
       GError         **error)
{
  g_autoptr(OkcBackendServer) server = okc_backend_server_new (db);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *url = NULL;
  guint term_id, int_id;

  okc_backend_events_set_history (db, settings->event_history);
  okc_backend_refunds_set_settle_seconds (db, settings->refund_settle_seconds);
  /* The processor's answers that fell due while the backend was down. */
  if (okc_backend_refunds_settle_left_over (db, g_get_real_time () / G_USEC_PER_SEC,
                                            error) < 0)
    return FALSE;
  okc_backend_server_set_presence_ttl (server, settings->presence_ttl * 1000);
  if (options->simulator_control)
    okc_backend_server_enable_simulator_control (server);
  if (!okc_backend_server_listen (server, settings->address, error) ||
      !okc_backend_server_start_fleet (server, settings->heartbeat_interval,
                                       options->fleet_activity, error))
    return FALSE;

  url = okc_backend_server_get_url (server);
  printf ("Listening on %s\n", url);
  fflush (stdout);
  if (okc_backend_db_count (db, "users") == 0)
    fprintf (stderr, "The database has no users yet: start with --demo or --import FILE\n");
  print_demo_users (db);

  term_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  int_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (term_id);
  g_source_remove (int_id);
  return TRUE;
}

static gboolean
run (const Options  *options,
     GError        **error)
{
  g_auto(Settings) settings = { 0 };
  g_autoptr(OkcBackendDb) db = NULL;

  if (!make_settings (options, &settings, error))
    return FALSE;

  db = okc_backend_db_open (settings.database, error);
  if (db == NULL)
    return FALSE;
  /* Before the demo: the refunds it plants wait for approval under this threshold. */
  okc_backend_refunds_set_threshold (db, settings.refund_approval_threshold);

  if (options->import_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (options->import_path);
      if (!okc_backend_dataset_import_file (db, file, error))
        return FALSE;
      printf ("Imported %s into %s\n", options->import_path, settings.database);
    }
  if (options->demo && !generate_demo (db, &settings, error))
    return FALSE;

  if (options->export_path != NULL)
    return export_to (db, options->export_path, error);
  return serve (db, options, &settings, error);
}

/**
 * okc_backend_cli_run:
 *
 * Returns: the exit status: 0, or 1 after one line on stderr saying what was wrong.
 */
int
okc_backend_cli_run (int    argc,
                     char **argv)
{
  g_auto(Options) options = { 0 };
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  /* The backend's messages are API text, in English (docs/api.md); the core it shares
   * with the console translates its decoding errors, so keep gettext out of it here. */
  setlocale (LC_MESSAGES, "C");

  if (!parse_options (&argc, &argv, &options, &error) || !run (&options, &error))
    {
      fprintf (stderr, "ok2charge-backend: %s\n", error->message);
      return 1;
    }
  return 0;
}
