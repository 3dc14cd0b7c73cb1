/* okc-application.c — command line, application actions, the window
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-application.h"
#include "okc-time-format.h"
#include "okc-preferences-window.h"
#include "okc-window.h"

/* Where the About window sends people; the metainfo's homepage and bugtracker. */
#define OKC_WEBSITE "https://ok2charge.example/"
#define OKC_ISSUE_URL "https://ok2charge.example/agent-console/issues"

struct _OkcApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  GSettings *interface_settings;  /* the desktop's clock, NULL without its schema */
  OkcLaunchOptions options;
  /* The one Preferences window, while it is open. */
  GtkWindow *preferences;
};

G_DEFINE_FINAL_TYPE (OkcApplication, okc_application, ADW_TYPE_APPLICATION)

static OkcWindow *
get_window (OkcApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return OKC_IS_WINDOW (window) ? OKC_WINDOW (window) : NULL;
}

static void
okc_application_activate (GApplication *application)
{
  OkcApplication *self = OKC_APPLICATION (application);
  OkcWindow *window = get_window (self);

  if (window == NULL)
    {
      window = okc_window_new (ADW_APPLICATION (self), self->settings);
      okc_window_start (window, &self->options);
    }
  gtk_window_present (GTK_WINDOW (window));
}

/* Password for scripted sign-in comes from the environment, never from argv, where
 * every user of the machine can read it. */
static int
okc_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  OkcApplication *self = OKC_APPLICATION (application);
  const char *password = g_getenv ("OKC_PASSWORD");

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("ok2charge-console %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* A second, separate console: a supervisor who also works as an agent, or a test
   * that plays two agents at once. Still before registration, so the flag counts. */
  if (g_variant_dict_contains (options, "standalone"))
    {
      GApplicationFlags flags = g_application_get_flags (application);
      g_application_set_flags (application, flags | G_APPLICATION_NON_UNIQUE);
    }

  g_variant_dict_lookup (options, "backend-url", "s", &self->options.backend_url);
  g_variant_dict_lookup (options, "user", "s", &self->options.email);
  if (password != NULL && *password != '\0')
    self->options.password = g_strdup (password);

  return -1;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *application = user_data;
  /* A closed window leaves the application's list at once, freeing its node: walk a copy,
   * each window held until the walk is done. */
  GList *windows = g_list_copy (gtk_application_get_windows (application));

  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  /* Closing the windows, rather than quitting outright, lets them save their state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  OkcWindow *window = get_window (user_data);

  if (window != NULL)
    okc_window_sign_out (window);
}

/* The default action of an urgent ticket's notification. */
static void
show_ticket_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  OkcWindow *window = get_window (user_data);

  if (window == NULL)
    return;
  gtk_window_present (GTK_WINDOW (window));
  okc_window_show_ticket (window, g_variant_get_string (parameter, NULL));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  OkcApplication *self = user_data;
  OkcWindow *window;

  if (self->preferences != NULL)
    {
      gtk_window_present (self->preferences);
      return;
    }

  /* The console's window, even when the About window is the active one. */
  window = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL && window == NULL;
       l = l->next)
    window = OKC_IS_WINDOW (l->data) ? OKC_WINDOW (l->data) : NULL;
  self->preferences =
    GTK_WINDOW (okc_preferences_window_new (GTK_WINDOW (window), self->settings,
                                            window != NULL ? okc_window_get_signed_in_url (window)
                                                           : NULL));
  g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
  gtk_window_present (self->preferences);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char * const developers[] = { "OK2Charge Support Engineering", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (user_data),
                        "application-name", _("OK2Charge Agent Console"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", "OK2Charge",
                        "version", PACKAGE_VERSION,
                        "website", OKC_WEBSITE,
                        "issue-url", OKC_ISSUE_URL,
                        "developers", developers,
                        /* Translators: your names and emails, one a line, for the About window */
                        "translator-credits", _("translator-credits"),
                        "copyright", "© 2026 OK2Charge",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Answer the support tickets the OK2Charge chatbot hands off."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "sign-out", sign_out_action },
  { "show-ticket", show_ticket_action, "s" },
};

/* The "color-scheme" setting, applied at startup and whenever it changes. */
static void
apply_color_scheme (OkcApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), color_scheme);
}

static void
okc_application_startup (GApplication *application)
{
  OkcApplication *self = OKC_APPLICATION (application);
  static const char * const quit_accels[] = { "<Control>q", NULL };
  static const char * const preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (okc_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);

  /* Times of day with the desktop's 12 or 24 hour clock; 24 without GNOME's schemas. */
  self->interface_settings = okc_time_format_desktop_settings ();
  if (self->interface_settings != NULL)
    okc_time_format_follow_desktop (self->interface_settings);

  apply_color_scheme (self);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
}

static void
okc_application_finalize (GObject *object)
{
  OkcApplication *self = OKC_APPLICATION (object);

  if (self->preferences != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
  g_clear_object (&self->settings);
  g_clear_object (&self->interface_settings);
  g_free (self->options.backend_url);
  g_free (self->options.email);
  g_free (self->options.password);

  G_OBJECT_CLASS (okc_application_parent_class)->finalize (object);
}

static void
okc_application_class_init (OkcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = okc_application_finalize;
  application_class->activate = okc_application_activate;
  application_class->startup = okc_application_startup;
  application_class->handle_local_options = okc_application_handle_local_options;
}

static void
okc_application_init (OkcApplication *self)
{
  static const GOptionEntry entries[] = {
    { "backend-url", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Address of the support backend"),
      N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Email to sign in with (the password is read from OKC_PASSWORD)"), N_("EMAIL") },
    { "standalone", 's', 0, G_OPTION_ARG_NONE, NULL,
      N_("Run a console of its own beside one already open (another user, say)"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { NULL },
  };

  /* The settings live under the base id, so a .Devel build shares them. */
  self->settings = g_settings_new ("com.ok2charge.AgentConsole");
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

OkcApplication *
okc_application_new (void)
{
  return g_object_new (OKC_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/com/ok2charge/AgentConsole",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
