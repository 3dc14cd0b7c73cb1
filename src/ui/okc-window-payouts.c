/* okc-window-payouts.c — the window's payout pages (win.show-payout), a host's panel on a
 * page of its own (win.show-host-account), a session opened from them (win.show-session),
 * and payout.updated events handed to the open payout pages (topic 10)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-window-private.h"

#include "okc-host-panel.h"
#include "okc-payout-view.h"

/* The open page of @payout_id, if any. */
static OkcPayoutView *
find_payout_view (const char *payout_id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (OKC_IS_PAYOUT_VIEW (window) &&
          g_strcmp0 (okc_payout_view_get_payout_id (OKC_PAYOUT_VIEW (window)), payout_id) == 0)
        return OKC_PAYOUT_VIEW (window);
    }
  return NULL;
}

/* payout.updated {"payout_id"}: an adjustment, or the payout run, changed it. */
static void
event_cb (OkcWindow  *self,
          const char *type,
          const char *id,
          JsonNode   *data)
{
  JsonObject *object;
  JsonNode *member;
  OkcPayoutView *view;

  if (g_strcmp0 (type, "payout.updated") != 0)
    return;
  object = data != NULL && JSON_NODE_HOLDS_OBJECT (data) ? json_node_get_object (data) : NULL;
  member = object != NULL ? json_object_get_member (object, "payout_id") : NULL;
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    {
      g_warning ("A payout.updated event without a payout_id; ignored");
      return;
    }
  view = find_payout_view (json_node_get_string (member));
  if (view != NULL)
    okc_payout_view_reload (view);
}

/**
 * okc_window_payouts_start:
 *
 * Follows payout.updated events: called after the event stream was made.
 */
void
okc_window_payouts_start (OkcWindow *self)
{
  if (self->events != NULL)
    g_signal_connect_object (self->events, "event", G_CALLBACK (event_cb), self,
                             G_CONNECT_SWAPPED);
}

/**
 * okc_window_payouts_stop:
 *
 * Stops following the events, and closes the pages of the account signing out.
 */
void
okc_window_payouts_stop (OkcWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) closing = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->events != NULL)
    g_signal_handlers_disconnect_by_func (self->events, event_cb, self);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (OKC_IS_PAYOUT_VIEW (window) || g_object_get_data (G_OBJECT (window), "okc-host-account"))
        g_ptr_array_add (closing, g_object_ref (window));
    }
  for (guint i = 0; i < closing->len; i++)
    gtk_window_destroy (g_ptr_array_index (closing, i));
}

static const char *
shown_ticket_id (OkcWindow *self)
{
  OkcTicket *ticket = okc_ticket_view_get_ticket (self->ticket_view);

  return ticket != NULL ? okc_ticket_get_id (ticket) : NULL;
}

/* win.show-payout "PAY-00012": the payout's page, for the shown ticket. */
static void
show_payout_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  OkcPayoutView *view;

  if (self->client == NULL || self->outbox == NULL || *id == '\0')
    return;
  view = find_payout_view (id);
  if (view == NULL)
    view = okc_payout_view_new (GTK_WINDOW (self), self->client, self->outbox, id,
                                shown_ticket_id (self));
  gtk_window_present (GTK_WINDOW (view));
}

/* "Owen Green", once the panel knows the host's name; the id stays the subtitle. */
static void
host_named_cb (OkcHostPanel *panel,
               GParamSpec   *pspec,
               GtkWindow    *window)
{
  AdwWindowTitle *title = g_object_get_data (G_OBJECT (panel), "okc-title");
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;

  g_object_get (panel, "account-name", &name, NULL);
  if (name == NULL || title == NULL)
    return;
  gtk_window_set_title (window, name);
  adw_window_title_set_title (title, name);
  /* Translators: the host window's subtitle, "ACC-00003 · payouts and revenue" */
  subtitle = g_strdup_printf (_("%s · payouts and revenue"),
                              (const char *) g_object_get_data (G_OBJECT (panel), "okc-account-id"));
  adw_window_title_set_subtitle (title, subtitle);
}

/* win.show-host-account "ACC-00003": the host panel on a page of its own, until the
 * account page embeds it. */
static void
show_host_account_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autofree char *title = NULL;
  GtkWidget *window, *box, *header, *scrolled, *clamp, *panel, *title_widget;

  if (self->client == NULL || self->outbox == NULL || *id == '\0')
    return;
  /* Translators: a window's title, "Host ACC-00003" */
  title = g_strdup_printf (_("Host %s"), id);
  window = adw_window_new ();
  g_object_set_data (G_OBJECT (window), "okc-host-account", GINT_TO_POINTER (TRUE));
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 760);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title_widget = adw_window_title_new (title, _("Payouts and revenue"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title_widget);
  gtk_box_append (GTK_BOX (box), header);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  panel = okc_host_panel_new (GTK_WINDOW (self), self->client, self->outbox, id, NULL,
                              shown_ticket_id (self));
  gtk_widget_set_margin_top (panel, 18);
  gtk_widget_set_margin_bottom (panel, 18);
  gtk_widget_set_margin_start (panel, 18);
  gtk_widget_set_margin_end (panel, 18);
  adw_clamp_set_child (ADW_CLAMP (clamp), panel);
  g_signal_connect_object (panel, "notify::account-name", G_CALLBACK (host_named_cb), window, 0);
  g_object_set_data (G_OBJECT (panel), "okc-title", title_widget);
  g_object_set_data_full (G_OBJECT (panel), "okc-account-id", g_strdup (id), g_free);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

/* win.show-session ("CH-10234", "SES-0000042"): the session's page in the session log,
 * the log filtered to its charger ("" for none). */
static void
show_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);
  const char *charger_id = NULL, *session_id = NULL;

  if (self->client == NULL)
    return;
  g_variant_get (parameter, "(&s&s)", &charger_id, &session_id);
  if (*session_id == '\0')
    return;
  if (g_strcmp0 (okc_sidebar_get_fleet_page (self->sidebar), "sessions") != 0)
    okc_sidebar_select_fleet_page (self->sidebar, "sessions");
  okc_session_panel_show (self->session_panel, *charger_id != '\0' ? charger_id : NULL,
                          session_id);
  gtk_window_present (GTK_WINDOW (self));
}

void
okc_window_payouts_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-payout", "s", show_payout_action);
  gtk_widget_class_install_action (widget_class, "win.show-host-account", "s",
                                   show_host_account_action);
  gtk_widget_class_install_action (widget_class, "win.show-session", "(ss)", show_session_action);
}
