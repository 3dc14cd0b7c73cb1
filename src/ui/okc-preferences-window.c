/* okc-preferences-window.c — backend address, notifications, refreshing, style
 *
 * Every choice is saved in GSettings the moment it is made, and the console follows the
 * settings: the window re-arms its refresh timer, the application its style. Only the
 * backend address waits for its apply button, and a bad one is refused, not saved.
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-client.h"
#include "okc-preferences-window.h"

struct _OkcPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwEntryRow *url_row;
  GtkLabel *url_error;
  AdwActionRow *next_sign_in_row;
  GtkSwitch *notify_switch;
  AdwComboRow *interval_row;
  AdwComboRow *style_row;

  GSettings *settings;
  GtkStringList *intervals;
  GArray *interval_seconds;   /* guint, one per item of intervals */
  char *signed_in_url;
};

G_DEFINE_FINAL_TYPE (OkcPreferencesWindow, okc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The refresh intervals offered, in seconds. */
static const guint standard_intervals[] = { 30, 60, 5 * 60, 15 * 60 };

/* The color-scheme setting's choices, in the order of the style row's items. */
static const char * const color_schemes[] = { "default", "light", "dark" };

static char *
describe_interval (guint seconds)
{
  if (seconds == 60)
    return g_strdup (_("Every minute"));
  if (seconds % 60 == 0)
    {
      guint minutes = seconds / 60;
      /* Translators: how often the queue is refreshed, "Every 5 minutes" */
      return g_strdup_printf (ngettext ("Every %u minute", "Every %u minutes", minutes), minutes);
    }
  /* Translators: how often the queue is refreshed, "Every 30 seconds" */
  return g_strdup_printf (ngettext ("Every %u second", "Every %u seconds", seconds), seconds);
}

/* A value set elsewhere (gsettings, an older version) is shown as it is, not rounded to
 * one of the standard choices. */
static guint
interval_position (OkcPreferencesWindow *self,
                   guint                 seconds)
{
  g_autofree char *label = NULL;

  for (guint i = 0; i < self->interval_seconds->len; i++)
    if (g_array_index (self->interval_seconds, guint, i) == seconds)
      return i;

  label = describe_interval (seconds);
  g_array_append_val (self->interval_seconds, seconds);
  gtk_string_list_append (self->intervals, label);
  return self->interval_seconds->len - 1;
}

static gboolean
interval_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  OkcPreferencesWindow *self = user_data;

  g_value_set_uint (value, interval_position (self, g_variant_get_uint32 (variant)));
  return TRUE;
}

static GVariant *
interval_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  OkcPreferencesWindow *self = user_data;
  guint position = g_value_get_uint (value);

  if (position >= self->interval_seconds->len)
    return NULL;
  return g_variant_new_uint32 (g_array_index (self->interval_seconds, guint, position));
}

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_str_equal (scheme, color_schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (color_schemes))
    return NULL;
  return g_variant_new_string (color_schemes[position]);
}

static void
show_url_error (OkcPreferencesWindow *self,
                const char           *message)
{
  gtk_label_set_label (self->url_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->url_error), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
}

/* Says, while an agent is signed in to another address, that the saved one is only
 * used from the next sign-in. */
static void
update_next_sign_in (OkcPreferencesWindow *self)
{
  g_autofree char *saved = g_settings_get_string (self->settings, "backend-url");
  g_autofree char *normalized = okc_client_check_base_url (saved, NULL);
  gboolean differs = self->signed_in_url != NULL &&
                     g_strcmp0 (normalized != NULL ? normalized : saved, self->signed_in_url) != 0;

  if (differs)
    {
      /* Translators: %s is the backend address the agent is signed in to now */
      g_autofree char *subtitle =
        g_strdup_printf (_("You are signed in to %s. Sign out to sign in to the new address."),
                         self->signed_in_url);
      adw_action_row_set_subtitle (self->next_sign_in_row, subtitle);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->next_sign_in_row), differs);
}

static void
backend_url_changed_cb (OkcPreferencesWindow *self)
{
  g_autofree char *saved = g_settings_get_string (self->settings, "backend-url");
  g_autofree char *shown = okc_client_check_base_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                                                      NULL);

  /* Text set on the row counts as an edit and brings its apply button back: the row is
   * only rewritten when it shows another address than the saved one ("…:8765/" is the
   * same as "…:8765"), as when the setting changed elsewhere. */
  if (g_strcmp0 (shown, saved) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), saved);
  show_url_error (self, NULL);
  update_next_sign_in (self);
}

static void
url_applied_cb (OkcPreferencesWindow *self)
{
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  g_autoptr(GError) error = NULL;
  g_autofree char *url = okc_client_check_base_url (typed, &error);

  if (url == NULL)
    {
      /* The row keeps what was typed, to be corrected; the setting keeps the old address. */
      show_url_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }
  g_settings_set_string (self->settings, "backend-url", url);
  /* Saving the same address again does not emit "changed": show it as saved anyway. */
  backend_url_changed_cb (self);
}

static void
url_changed_cb (OkcPreferencesWindow *self)
{
  /* The error is about the address that was applied; editing it starts afresh. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->url_error)))
    show_url_error (self, NULL);
}

static void
sign_out_clicked_cb (OkcPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  /* app.sign-out signs the console's window out; its sign-in page, which Preferences
   * would cover, then offers the saved address. */
  gtk_widget_activate_action (parent != NULL ? GTK_WIDGET (parent) : GTK_WIDGET (self),
                              "app.sign-out", NULL);
  okc_preferences_window_set_signed_in_url (self, NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static void
okc_preferences_window_dispose (GObject *object)
{
  OkcPreferencesWindow *self = OKC_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->intervals);

  G_OBJECT_CLASS (okc_preferences_window_parent_class)->dispose (object);
}

static void
okc_preferences_window_finalize (GObject *object)
{
  OkcPreferencesWindow *self = OKC_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->interval_seconds, g_array_unref);
  g_free (self->signed_in_url);

  G_OBJECT_CLASS (okc_preferences_window_parent_class)->finalize (object);
}

static void
okc_preferences_window_class_init (OkcPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_preferences_window_dispose;
  object_class->finalize = okc_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcPreferencesWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, OkcPreferencesWindow, url_error);
  gtk_widget_class_bind_template_child (widget_class, OkcPreferencesWindow, next_sign_in_row);
  gtk_widget_class_bind_template_child (widget_class, OkcPreferencesWindow, notify_switch);
  gtk_widget_class_bind_template_child (widget_class, OkcPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, OkcPreferencesWindow, style_row);
  gtk_widget_class_bind_template_callback (widget_class, url_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_out_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
okc_preferences_window_init (OkcPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->interval_seconds = g_array_new (FALSE, FALSE, sizeof (guint));
  self->intervals = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (standard_intervals); i++)
    {
      g_autofree char *label = describe_interval (standard_intervals[i]);

      g_array_append_val (self->interval_seconds, standard_intervals[i]);
      gtk_string_list_append (self->intervals, label);
    }
  adw_combo_row_set_model (self->interval_row, G_LIST_MODEL (self->intervals));
}

static void
okc_preferences_window_bind (OkcPreferencesWindow *self)
{
  g_autofree char *saved = g_settings_get_string (self->settings, "backend-url");

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), saved);
  g_signal_connect_swapped (self->settings, "changed::backend-url",
                            G_CALLBACK (backend_url_changed_cb), self);

  g_settings_bind (self->settings, "notify-urgent", self->notify_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "refresh-interval", self->interval_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, interval_get_mapping,
                                interval_set_mapping, self, NULL);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, style_get_mapping, style_set_mapping,
                                NULL, NULL);
  update_next_sign_in (self);
}

/**
 * okc_preferences_window_new:
 * @parent: the console's window
 * @settings: the console's settings
 * @signed_in_url: (nullable): the address the console is signed in to, if it is
 *
 * Returns: (transfer full): the preferences, transient for @parent.
 */
OkcPreferencesWindow *
okc_preferences_window_new (GtkWindow  *parent,
                            GSettings  *settings,
                            const char *signed_in_url)
{
  OkcPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (OKC_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  self->signed_in_url = g_strdup (signed_in_url);
  okc_preferences_window_bind (self);
  return self;
}

/**
 * okc_preferences_window_set_signed_in_url:
 * @signed_in_url: (nullable): the address the console is signed in to, %NULL when signed out
 */
void
okc_preferences_window_set_signed_in_url (OkcPreferencesWindow *self,
                                          const char           *signed_in_url)
{
  g_return_if_fail (OKC_IS_PREFERENCES_WINDOW (self));

  g_free (self->signed_in_url);
  self->signed_in_url = g_strdup (signed_in_url);
  update_next_sign_in (self);
}
