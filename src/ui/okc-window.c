/* okc-window.c — the window's layout: views, queue, ticket, refreshing
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-time-format.h"
#include "okc-window-private.h"
#include "okc-bench-trace.h"

G_DEFINE_FINAL_TYPE (OkcWindow, okc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_QUEUE_SORT,
  PROP_TICKET_PRIORITY,
  N_PROPS
};

/* How long the queue waits for a burst of changes to settle before it searches again. */
#define RESEARCH_DELAY_MS 250

static GParamSpec *properties[N_PROPS];

void
okc_window_show_toast (OkcWindow  *self,
                       const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static const char *
user_id (OkcWindow *self)
{
  return self->user != NULL ? okc_user_get_id (self->user) : NULL;
}

static void
update_queue_status (OkcWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  gint64 synced_at = self->sync != NULL ? okc_ticket_sync_get_last_synced_at (self->sync) : 0;
  g_autofree char *digits = okc_format_count (n);
  /* Translators: %s is the number of tickets, grouped as the locale writes numbers */
  g_autofree char *count = g_strdup_printf (ngettext ("%s ticket", "%s tickets", n), digits);
  g_autofree char *status = NULL;

  if (synced_at > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (synced_at);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *time = okc_time_format (local, OKC_TIME_FORM_TIME);

      /* Translators: the queue's subtitle, "42 tickets · updated 09:30" */
      status = g_strdup_printf (_("%s · updated %s"), count, time);
    }
  if (okc_queue_filter_is_searching (self->filter))
    {
      /* Translators: the queue's subtitle while searching, "3 tickets · search results" */
      g_autofree char *searching = g_strdup_printf (_("%s · search results"), count);
      okc_queue_view_set_status (self->queue_view, searching);
      return;
    }
  okc_queue_view_set_status (self->queue_view, status != NULL ? status : count);
}

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(OkcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = okc_store_search_tickets_finish (OKC_STORE (object), result, &error);

  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s is why the local store could not search */
          g_autofree char *message = g_strdup_printf (_("Could not search the tickets: %s"),
                                                      error->message);
          okc_window_show_toast (self, message);
        }
      return;
    }
  okc_queue_filter_set_matches (self->filter, ids);
  okc_bench_trace_search_end (ids->len);
  /* New words show their matches from the top of the queue's order; a search run again
   * because tickets changed leaves the agent where they were reading. */
  if (self->scroll_after_search)
    okc_queue_view_scroll_to_selection (self->queue_view);
  self->scroll_after_search = FALSE;
  update_queue_status (self);
}

/* The words are looked up in the local store's full-text index, off the main thread; a
 * newer keystroke cancels the search still running for the previous one. */
static void
run_search (OkcWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (okc_queue_view_get_search_text (self->queue_view)));

  g_clear_handle_id (&self->research_timeout_id, g_source_remove);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (self->store == NULL || text[0] == '\0')
    {
      okc_queue_filter_set_matches (self->filter, NULL);
      update_queue_status (self);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  okc_store_search_tickets_async (self->store, text, self->search_cancellable, searched_cb,
                                  g_object_ref (self));
}

static void
search_changed_cb (OkcWindow *self)
{
  self->scroll_after_search = TRUE;
  run_search (self);
}

static gboolean
research_timeout_cb (gpointer user_data)
{
  OkcWindow *self = user_data;

  self->research_timeout_id = 0;
  run_search (self);
  return G_SOURCE_REMOVE;
}

static gboolean
recount_cb (gpointer user_data)
{
  OkcWindow *self = user_data;

  self->recount_idle_id = 0;
  if (self->queue != NULL)
    okc_queue_folder_count_all (G_LIST_MODEL (self->folders), G_LIST_MODEL (self->queue),
                                user_id (self), okc_clock_get_now (self->clock));
  return G_SOURCE_REMOVE;
}

/* Counting every folder is a pass over the whole queue: done once when a burst of
 * changes has settled, not at every change. */
static void
queue_changed_cb (OkcWindow *self)
{
  OkcTicket *shown = okc_ticket_view_get_ticket (self->ticket_view);

  if (self->recount_idle_id == 0)
    self->recount_idle_id = g_idle_add_full (G_PRIORITY_LOW, recount_cb, self, NULL);

  /* Changed tickets are saved to the store right after they reach the queue: a search
   * run once the burst has settled sees them. */
  if (okc_queue_filter_is_searching (self->filter) && self->research_timeout_id == 0)
    self->research_timeout_id = g_timeout_add (RESEARCH_DELAY_MS, research_timeout_cb, self);

  /* The ticket on screen follows the newest version the queue has. */
  if (shown != NULL)
    {
      OkcTicket *latest = okc_ticket_queue_lookup (self->queue, okc_ticket_get_id (shown));
      if (latest != NULL && latest != shown &&
          okc_ticket_get_version (latest) >= okc_ticket_get_version (shown))
        {
          okc_ticket_view_set_ticket (self->ticket_view, latest);
          okc_window_actions_update (self);
        }
    }
}

static void
filtered_changed_cb (OkcWindow *self)
{
  update_queue_status (self);
}

static void
folder_selected_cb (OkcWindow *self)
{
  OkcQueueFolder *folder = okc_sidebar_get_selected_folder (self->sidebar);

  if (folder == NULL)
    return;

  gtk_stack_set_visible_child_name (self->content_stack, "tickets");
  okc_queue_view_set_title (self->queue_view, okc_queue_folder_get_title (folder));
  okc_queue_filter_set_folder (self->filter, folder);
  g_settings_set_string (self->settings, "selected-view", okc_queue_folder_get_id (folder));
  if (self->remember_section)
    g_settings_set_string (self->settings, "selected-section", "queue");
  update_queue_status (self);
}

static void
fetched_ticket_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OkcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcTicket) ticket = okc_client_get_ticket_finish (OKC_CLIENT (object), result, &error);
  g_autoptr(GPtrArray) batch = NULL;

  if (ticket == NULL)
    {
      /* The cached version stays on screen; a refresh reports connection problems. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not fetch the latest version of the ticket: %s", error->message);
      return;
    }
  if (self->queue == NULL)
    return;

  batch = g_ptr_array_new ();
  g_ptr_array_add (batch, ticket);
  okc_ticket_queue_apply (self->queue, batch);
}

static void
ticket_selected_cb (OkcWindow *self)
{
  OkcTicket *ticket = okc_queue_view_get_selected_ticket (self->queue_view);

  if (ticket == NULL)
    return;

  okc_ticket_view_set_ticket (self->ticket_view, ticket);
  okc_window_actions_update (self);
  okc_window_live_ticket_shown (self, ticket);
  okc_window_live_fetch_timeline (self);

  /* Show what is cached at once, then whatever changed since the last refresh. */
  okc_window_refresh_ticket (self, okc_ticket_get_id (ticket));
}

/* Fetches the newest version of one ticket into the queue. */
void
okc_window_refresh_ticket (OkcWindow  *self,
                           const char *ticket_id)
{
  if (self->client == NULL)
    return;
  okc_client_get_ticket_async (self->client, ticket_id, self->account_cancellable,
                               fetched_ticket_cb, g_object_ref (self));
}

static void
team_fetched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OkcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = okc_client_list_users_finish (OKC_CLIENT (object), result, &error);

  /* Without the team, "Assign To" stays empty; Claim and the rest still work. */
  if (users == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not list the support team: %s", error->message);
      return;
    }
  okc_ticket_view_set_team (self->ticket_view, users);
  okc_queue_view_set_team (self->queue_view, users);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OkcWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!okc_ticket_sync_refresh_finish (OKC_TICKET_SYNC (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        okc_window_session_handle_error (self, error);
      okc_queue_view_set_busy (self->queue_view, FALSE);
      return;
    }

  okc_queue_view_set_busy (self->queue_view, FALSE);
  okc_queue_view_set_problem (self->queue_view, NULL, NULL);
  update_queue_status (self);
}

/* Fetches what changed on the backend since the last refresh. */
void
okc_window_refresh (OkcWindow *self)
{
  g_return_if_fail (OKC_IS_WINDOW (self));

  if (self->sync == NULL || okc_ticket_sync_get_state (self->sync) == OKC_TICKET_SYNC_STATE_SYNCING)
    return;

  okc_queue_view_set_busy (self->queue_view, TRUE);
  okc_ticket_sync_refresh_async (self->sync, self->account_cancellable, refreshed_cb,
                                 g_object_ref (self));
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  okc_window_refresh (OKC_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static void
move_selection_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);
  int delta = g_str_equal (action_name, "win.next-ticket") ? 1 : -1;

  if (!okc_queue_view_move_selection (self->queue_view, delta))
    gtk_widget_error_bell (widget);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "chargers") == 0)
    okc_window_fleet_refresh (self);
  else
    okc_window_refresh (self);
}

static void
fleet_page_cb (OkcWindow *self)
{
  const char *page = okc_sidebar_get_fleet_page (self->sidebar);

  /* NULL: a queue view was chosen, which folder_selected_cb remembers. */
  if (page != NULL && self->remember_section)
    g_settings_set_string (self->settings, "selected-section", page);

  if (okc_window_sessions_page_changed (self) || okc_window_refunds_page_changed (self) ||
      okc_window_audit_page_changed (self) || okc_window_accounts_page_changed (self))
    return;
  okc_window_fleet_page_changed (self);
}

/* Goes back to the sidebar section the window showed last, once signed in: the queue
 * view is already chosen. A supervisor's section an agent does not see stays on the
 * queue (the sidebar only selects rows it shows). */
static void
restore_section (OkcWindow *self)
{
  g_autofree char *section = g_settings_get_string (self->settings, "selected-section");

  if (!g_str_equal (section, "queue"))
    okc_sidebar_select_fleet_page (self->sidebar, section);
  self->remember_section = TRUE;
}

static void
arm_refresh_timer (OkcWindow *self)
{
  g_clear_handle_id (&self->refresh_timeout_id, g_source_remove);
  self->refresh_timeout_id =
    g_timeout_add_seconds (g_settings_get_uint (self->settings, "refresh-interval"),
                           refresh_timeout_cb, self);
}

/* A new interval from the preferences counts from now, without a restart. */
static void
refresh_interval_changed_cb (OkcWindow *self)
{
  if (self->refresh_timeout_id != 0)
    arm_refresh_timer (self);
}

/* The sign-in page offers the address saved last, also one saved while it is shown. */
static void
backend_url_changed_cb (OkcWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "backend-url");

  if (self->client == NULL)
    okc_sign_in_page_set_url (self->sign_in_page, url);
}

/**
 * okc_window_get_signed_in_url:
 *
 * Returns: (nullable): the address of the backend the agent is signed in to, %NULL on
 *   the sign-in page.
 */
const char *
okc_window_get_signed_in_url (OkcWindow *self)
{
  g_return_val_if_fail (OKC_IS_WINDOW (self), NULL);

  return self->client != NULL && self->user != NULL ? okc_client_get_base_url (self->client)
                                                    : NULL;
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  okc_queue_view_start_search (OKC_WINDOW (widget)->queue_view);
}

/* Sorting by priority is the queue's own order: no sorter, no sorting pass. */
static void
set_queue_sort (OkcWindow  *self,
                const char *nick)
{
  OkcQueueSort sort;
  g_autoptr(GtkSorter) sorter = NULL;

  if (!okc_queue_sort_from_nick (nick, &sort))
    {
      g_warning ("Unknown queue order “%s”; sorting by priority", nick);
      sort = OKC_QUEUE_SORT_PRIORITY;
    }
  if (sort == self->sort && self->sorted != NULL)
    return;

  self->sort = sort;
  sorter = okc_queue_sort_new_sorter (sort);
  gtk_sort_list_model_set_sorter (self->sorted, sorter);
  okc_queue_view_scroll_to_selection (self->queue_view);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUE_SORT]);
}

/* Shows the signed-in account's queue: called once its objects exist. */
void
okc_window_attach_queue (OkcWindow *self)
{
  g_autofree char *folder_id = g_settings_get_string (self->settings, "selected-view");

  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->queue));
  g_signal_connect_object (self->queue, "items-changed", G_CALLBACK (queue_changed_cb), self,
                           G_CONNECT_SWAPPED);
  okc_queue_filter_set_user_id (self->filter, user_id (self));
  okc_queue_view_set_model (self->queue_view, G_LIST_MODEL (self->sorted));
  okc_ticket_view_set_client (self->ticket_view, self->client);
  okc_ticket_view_set_user (self->ticket_view, self->user);
  okc_sidebar_set_user_name (self->sidebar, self->user != NULL ? okc_user_get_name (self->user)
                                                                : NULL);
  okc_sidebar_select_folder (self->sidebar, folder_id);
  queue_changed_cb (self);
  update_queue_status (self);

  arm_refresh_timer (self);
  gtk_stack_set_visible_child_name (self->main_stack, "console");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", TRUE);
  okc_window_live_start (self);
  okc_window_fleet_start (self);
  okc_window_sessions_start (self);
  okc_window_refunds_start (self);
  okc_window_payouts_start (self);
  okc_window_audit_start (self);
  okc_window_accounts_start (self);
  okc_client_list_users_async (self->client, self->account_cancellable, team_fetched_cb,
                               g_object_ref (self));
  restore_section (self);
}

void
okc_window_detach_queue (OkcWindow *self)
{
  /* Closing the account hides sections: the last one chosen stays remembered. */
  self->remember_section = FALSE;
  okc_window_refunds_stop (self);
  okc_window_payouts_stop (self);
  okc_window_audit_stop (self);
  okc_window_accounts_stop (self);
  okc_window_sessions_stop (self);
  okc_window_fleet_stop (self);
  okc_window_live_stop (self);
  g_clear_handle_id (&self->refresh_timeout_id, g_source_remove);
  g_clear_handle_id (&self->recount_idle_id, g_source_remove);
  g_clear_handle_id (&self->research_timeout_id, g_source_remove);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  okc_queue_filter_set_matches (self->filter, NULL);
  if (self->queue != NULL)
    g_signal_handlers_disconnect_by_data (self->queue, self);

  okc_ticket_view_set_ticket (self->ticket_view, NULL);
  okc_ticket_view_set_client (self->ticket_view, NULL);
  okc_ticket_view_set_user (self->ticket_view, NULL);
  okc_ticket_view_set_team (self->ticket_view, NULL);
  okc_queue_view_set_team (self->queue_view, NULL);
  self->changing = FALSE;
  okc_window_actions_update (self);
  okc_queue_view_set_model (self->queue_view, NULL);
  okc_queue_view_set_problem (self->queue_view, NULL, NULL);
  gtk_filter_list_model_set_model (self->filtered, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", FALSE);
}

static void
save_window_size (OkcWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
okc_window_close_request (GtkWindow *window)
{
  save_window_size (OKC_WINDOW (window));

  return GTK_WINDOW_CLASS (okc_window_parent_class)->close_request (window);
}

static void
okc_window_constructed (GObject *object)
{
  OkcWindow *self = OKC_WINDOW (object);

  G_OBJECT_CLASS (okc_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "queue-sort", self, "queue-sort", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::refresh-interval",
                           G_CALLBACK (refresh_interval_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::backend-url",
                           G_CALLBACK (backend_url_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
okc_window_dispose (GObject *object)
{
  OkcWindow *self = OKC_WINDOW (object);

  okc_window_session_close (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_WINDOW);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->folders);
  g_clear_object (&self->clock);
  g_clear_object (&self->credentials);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (okc_window_parent_class)->dispose (object);
}

static void
okc_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  OkcWindow *self = OKC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_QUEUE_SORT:
      set_queue_sort (self, g_value_get_string (value));
      break;
    case PROP_TICKET_PRIORITY:
      okc_window_actions_set_priority (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OkcWindow *self = OKC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_QUEUE_SORT:
      g_value_set_string (value, okc_queue_sort_to_nick (self->sort));
      break;
    case PROP_TICKET_PRIORITY:
      g_value_set_string (value, okc_window_actions_get_priority (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sign_in_submitted_cb (OkcWindow *self)
{
  okc_window_session_sign_in (self);
}

static void
okc_window_class_init (OkcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = okc_window_constructed;
  object_class->dispose = okc_window_dispose;
  object_class->set_property = okc_window_set_property;
  object_class->get_property = okc_window_get_property;
  window_class->close_request = okc_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The order of the queue, a nick of OkcQueueSort: the state of win.sort-queue, kept in
   * the "queue-sort" setting. */
  properties[PROP_QUEUE_SORT] =
    g_param_spec_string ("queue-sort", NULL, NULL, "priority",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The priority of the ticket on screen, a nick: the state of win.ticket-priority,
   * whose radio items in the ticket menu change it on the backend. */
  properties[PROP_TICKET_PRIORITY] =
    g_param_spec_string ("ticket-priority", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OKC_TYPE_ACCOUNT_SEARCH);
  g_type_ensure (OKC_TYPE_AUDIT_VIEW);
  g_type_ensure (OKC_TYPE_CHARGER_PANEL);
  g_type_ensure (OKC_TYPE_QUEUE_VIEW);
  g_type_ensure (OKC_TYPE_REFUND_REVIEWS);
  g_type_ensure (OKC_TYPE_SIDEBAR);
  g_type_ensure (OKC_TYPE_SIGN_IN_PAGE);
  g_type_ensure (OKC_TYPE_TICKET_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OkcWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, OkcWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, OkcWindow, queue_view);
  gtk_widget_class_bind_template_child (widget_class, OkcWindow, ticket_view);
  gtk_widget_class_bind_template_child (widget_class, OkcWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcWindow, audit_view);
  gtk_widget_class_bind_template_child (widget_class, OkcWindow, account_search);
  gtk_widget_class_bind_template_child (widget_class, OkcWindow, charger_panel);
  gtk_widget_class_bind_template_child (widget_class, OkcWindow, session_panel);
  gtk_widget_class_bind_template_child (widget_class, OkcWindow, refund_reviews);
  gtk_widget_class_bind_template_callback (widget_class, folder_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, ticket_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_submitted_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, fleet_page_cb);

  gtk_widget_class_install_property_action (widget_class, "win.sort-queue", "queue-sort");
  okc_window_actions_install (widget_class);
  okc_window_fleet_install (widget_class);
  okc_window_assign_install (widget_class);
  okc_window_statement_install (widget_class);
  okc_window_sessions_install (widget_class);
  okc_window_refunds_install (widget_class);
  okc_window_payouts_install (widget_class);
  okc_window_audit_install (widget_class);
  okc_window_accounts_install (widget_class);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);

  gtk_widget_class_install_action (widget_class, "win.next-ticket", NULL, move_selection_action);
  gtk_widget_class_install_action (widget_class, "win.previous-ticket", NULL,
                                   move_selection_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "win.next-ticket", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "win.next-ticket", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "win.previous-ticket", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "win.previous-ticket", NULL);
}

static void
okc_window_init (OkcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->clock = okc_clock_new_system (30);
  self->credentials = okc_credentials_new ();
  self->folders = okc_queue_folder_list_standard ();
  self->filter = okc_queue_filter_new (self->clock);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)), NULL);
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (filtered_changed_cb), self,
                           G_CONNECT_SWAPPED);

  okc_sidebar_set_folders (self->sidebar, G_LIST_MODEL (self->folders));
  okc_queue_view_set_clock (self->queue_view, self->clock);
  okc_ticket_view_set_clock (self->ticket_view, self->clock);
  okc_charger_panel_set_clock (self->charger_panel, self->clock);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-audit", FALSE);
  okc_window_actions_init (self);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * okc_window_show_ticket:
 * @ticket_id: a ticket's id
 *
 * Opens the ticket (from a notification): in the view on screen if it holds it, else
 * in All open, with any search ended.
 */
void
okc_window_show_ticket (OkcWindow  *self,
                        const char *ticket_id)
{
  g_return_if_fail (OKC_IS_WINDOW (self));
  g_return_if_fail (ticket_id != NULL);

  if (self->queue == NULL || okc_queue_view_select_ticket (self->queue_view, ticket_id))
    return;
  if (okc_ticket_queue_lookup (self->queue, ticket_id) == NULL)
    {
      okc_window_show_toast (self, _("That ticket is no longer open."));
      return;
    }
  okc_queue_view_stop_search (self->queue_view);
  okc_sidebar_select_folder (self->sidebar, "open");
  okc_queue_filter_set_matches (self->filter, NULL);
  okc_queue_view_select_ticket (self->queue_view, ticket_id);
}

/**
 * okc_window_new:
 * @settings: the console's settings
 *
 * Returns: (transfer full): a window on its "starting" page; call okc_window_start().
 */
OkcWindow *
okc_window_new (AdwApplication *application,
                GSettings      *settings)
{
  return g_object_new (OKC_TYPE_WINDOW, "application", application, "settings", settings, NULL);
}
