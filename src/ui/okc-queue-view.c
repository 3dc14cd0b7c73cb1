/* okc-queue-view.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "okc-queue-view.h"
#include "okc-bench-trace.h"
#include "okc-widget-util.h"
#include "okc-ticket-row.h"

struct _OkcQueueView
{
  GtkWidget parent_instance;

  OkcClock *clock;
  GtkSingleSelection *selection;
  char *selected_id;
  /* In selection mode the list shows a multiple selection over the same tickets, for the
   * bulk actions; the single selection (the ticket on screen) waits underneath. */
  GtkMultiSelection *bulk_selection;

  AdwWindowTitle *window_title;
  GtkStack *refresh_stack;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkRevealer *banner_revealer;
  GtkLabel *banner_label;
  GtkLabel *banner_detail_label;
  GtkStack *content_stack;
  GtkListView *list_view;
  GtkToggleButton *select_button;
  GtkActionBar *bulk_bar;
  GtkLabel *bulk_label;
  GMenu *bulk_assign_menu;
};

G_DEFINE_FINAL_TYPE (OkcQueueView, okc_queue_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_TICKET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SEARCH_CHANGED,
  BULK_SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              OkcQueueView             *self)
{
  gtk_list_item_set_child (item, okc_ticket_row_new (self->clock));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             OkcQueueView             *self)
{
  okc_ticket_row_set_ticket (OKC_TICKET_ROW (gtk_list_item_get_child (item)),
                             gtk_list_item_get_item (item));
}

static void
update_empty_state (OkcQueueView *self)
{
  guint n = self->selection != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->selection)) : 0;
  const char *page = "list";

  if (n == 0)
    page = okc_queue_view_get_search_text (self)[0] != '\0' ? "no-match" : "empty";
  gtk_stack_set_visible_child_name (self->content_stack, page);
}

static void
search_changed_cb (OkcQueueView *self)
{
  okc_bench_trace_search_begin (okc_queue_view_get_search_text (self));
  g_signal_emit (self, signals[SEARCH_CHANGED], 0, okc_queue_view_get_search_text (self));
}

/* Return on a row the keyboard reached without selecting it (Down from the search,
 * Tab into the list) opens its ticket, as a click does. */
static void
row_activated_cb (OkcQueueView *self,
                  guint         position)
{
  if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, position);
}

/**
 * okc_queue_view_stop_search:
 *
 * Empties and closes the search, and gives the keyboard back to the list (Escape).
 */
void
okc_queue_view_stop_search (OkcQueueView *self)
{
  g_return_if_fail (OKC_IS_QUEUE_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
stop_search_cb (OkcQueueView *self)
{
  okc_queue_view_stop_search (self);
}

/* Enter opens the best match, as in every GNOME search. */
static void
search_activated_cb (OkcQueueView *self)
{
  if (self->selection == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;
  gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/**
 * okc_queue_view_get_search_text:
 *
 * Returns: what the agent typed into the search, "" when nothing.
 */
const char *
okc_queue_view_get_search_text (OkcQueueView *self)
{
  g_return_val_if_fail (OKC_IS_QUEUE_VIEW (self), "");

  if (!gtk_search_bar_get_search_mode (self->search_bar))
    return "";
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

/**
 * okc_queue_view_start_search:
 *
 * Opens the search bar and puts the keyboard in it, its text selected.
 */
void
okc_queue_view_start_search (OkcQueueView *self)
{
  g_return_if_fail (OKC_IS_QUEUE_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static guint
count_bulk_selected (OkcQueueView *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (self->bulk_selection == NULL)
    return 0;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->bulk_selection));
  return (guint) gtk_bitset_get_size (selected);
}

static void
bulk_selection_changed_cb (OkcQueueView *self)
{
  guint n = count_bulk_selected (self);
  /* Translators: how many tickets the bulk actions apply to */
  g_autofree char *text = g_strdup_printf (ngettext ("%u selected", "%u selected", n), n);

  gtk_label_set_label (self->bulk_label, text);
  g_signal_emit (self, signals[BULK_SELECTION_CHANGED], 0, n);
}

static void
set_selection_mode (OkcQueueView *self,
                    gboolean      enabled)
{
  GListModel *tickets;

  if (enabled == (self->bulk_selection != NULL) || self->selection == NULL)
    {
      gtk_toggle_button_set_active (self->select_button, self->bulk_selection != NULL);
      return;
    }

  if (enabled)
    {
      tickets = gtk_single_selection_get_model (self->selection);
      self->bulk_selection = gtk_multi_selection_new (g_object_ref (tickets));
      g_signal_connect_swapped (self->bulk_selection, "selection-changed",
                                G_CALLBACK (bulk_selection_changed_cb), self);
      g_signal_connect_swapped (self->bulk_selection, "items-changed",
                                G_CALLBACK (bulk_selection_changed_cb), self);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->bulk_selection));
    }
  else
    {
      g_signal_handlers_disconnect_by_data (self->bulk_selection, self);
      g_clear_object (&self->bulk_selection);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
    }
  gtk_toggle_button_set_active (self->select_button, enabled);
  gtk_action_bar_set_revealed (self->bulk_bar, enabled);
  bulk_selection_changed_cb (self);
}

static void
select_toggled_cb (OkcQueueView *self)
{
  set_selection_mode (self, gtk_toggle_button_get_active (self->select_button));
}

/**
 * okc_queue_view_end_selection_mode:
 *
 * Leaves the selection of several tickets, back to the ticket on screen.
 */
void
okc_queue_view_end_selection_mode (OkcQueueView *self)
{
  g_return_if_fail (OKC_IS_QUEUE_VIEW (self));
  set_selection_mode (self, FALSE);
}

/**
 * okc_queue_view_get_bulk_selection:
 *
 * Returns: (transfer container) (element-type OkcTicket): the tickets selected for a bulk
 *   action, in the queue's order; empty outside selection mode.
 */
GPtrArray *
okc_queue_view_get_bulk_selection (OkcQueueView *self)
{
  GPtrArray *tickets;
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (OKC_IS_QUEUE_VIEW (self), NULL);

  tickets = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->bulk_selection == NULL)
    return tickets;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->bulk_selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (tickets, g_list_model_get_item (G_LIST_MODEL (self->bulk_selection), position));
  return tickets;
}

/**
 * okc_queue_view_set_team:
 * @users: (nullable) (element-type OkcUser): who tickets can be assigned to
 *
 * Fills the bulk "Assign To" menu, the signed-in user included.
 */
void
okc_queue_view_set_team (OkcQueueView *self,
                         GPtrArray    *users)
{
  g_return_if_fail (OKC_IS_QUEUE_VIEW (self));

  g_menu_remove_all (self->bulk_assign_menu);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      OkcUser *user = g_ptr_array_index (users, i);
      g_autoptr(GMenuItem) item = NULL;

      if (okc_user_get_role (user) == OKC_ROLE_CHATBOT)
        continue;
      item = g_menu_item_new (okc_user_get_name (user), NULL);
      g_menu_item_set_action_and_target_value (item, "win.bulk-assign",
                                               g_variant_new_string (okc_user_get_id (user)));
      g_menu_append_item (self->bulk_assign_menu, item);
    }
}

/* Closing the bar by its button ends the search as Escape does; opening it again
 * brings back the words it still holds. */
static void
search_mode_changed_cb (OkcQueueView *self)
{
  search_changed_cb (self);
}

/* The selection follows the ticket, not the row: when a newer version of the selected
 * ticket replaces it, or the view is refiltered, the same ticket stays selected. */
static void
items_changed_cb (OkcQueueView *self)
{
  update_empty_state (self);

  if (self->selected_id != NULL)
    okc_queue_view_select_ticket (self, self->selected_id);
}

static void
selection_changed_cb (OkcQueueView *self)
{
  OkcTicket *ticket = gtk_single_selection_get_selected_item (self->selection);

  if (ticket == NULL)
    return; /* a row being replaced; items_changed_cb selects it again */

  if (g_strcmp0 (self->selected_id, okc_ticket_get_id (ticket)) != 0)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (okc_ticket_get_id (ticket));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TICKET]);
}

/**
 * okc_queue_view_set_clock:
 * @clock: what the rows' ages follow
 *
 * Called once, before the first model is set.
 */
void
okc_queue_view_set_clock (OkcQueueView *self,
                          OkcClock     *clock)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (OKC_IS_QUEUE_VIEW (self));
  g_return_if_fail (self->clock == NULL);

  self->clock = g_object_ref (clock);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
}

/**
 * okc_queue_view_set_model:
 * @tickets: (nullable): a list of #OkcTicket, in the order to show
 */
void
okc_queue_view_set_model (OkcQueueView *self,
                          GListModel   *tickets)
{
  g_return_if_fail (OKC_IS_QUEUE_VIEW (self));
  g_return_if_fail (self->clock != NULL);

  set_selection_mode (self, FALSE);
  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->selection, self);
      g_clear_object (&self->selection);
    }
  g_clear_pointer (&self->selected_id, g_free);

  if (tickets != NULL)
    {
      self->selection = gtk_single_selection_new (g_object_ref (tickets));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      /* After the list view has taken the change in: selecting again from inside the
       * emission, before it has, leaves it showing rows that are gone (a crash when the
       * view is refiltered around the selected ticket). */
      g_signal_connect_data (self->selection, "items-changed", G_CALLBACK (items_changed_cb),
                             self, NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_swapped (self->selection, "selection-changed",
                                G_CALLBACK (selection_changed_cb), self);
    }

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_empty_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_TICKET]);
}

/**
 * okc_queue_view_get_selected_ticket:
 *
 * Returns: (transfer none) (nullable): the ticket the agent selected.
 */
OkcTicket *
okc_queue_view_get_selected_ticket (OkcQueueView *self)
{
  g_return_val_if_fail (OKC_IS_QUEUE_VIEW (self), NULL);

  if (self->selection == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (self->selection);
}

/**
 * okc_queue_view_select_ticket:
 * @ticket_id: the id of a ticket
 *
 * Selects the ticket with that id and scrolls to it, if the view shows it.
 *
 * Returns: %TRUE if the view shows the ticket.
 */
gboolean
okc_queue_view_select_ticket (OkcQueueView *self,
                              const char   *ticket_id)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (OKC_IS_QUEUE_VIEW (self), FALSE);
  g_return_val_if_fail (ticket_id != NULL, FALSE);

  if (self->selection == NULL)
    return FALSE;
  model = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OkcTicket) ticket = g_list_model_get_item (model, i);

      if (g_strcmp0 (okc_ticket_get_id (ticket), ticket_id) != 0)
        continue;
      if (gtk_single_selection_get_selected (self->selection) != i)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
        }
      else if (gtk_single_selection_get_selected_item (self->selection) != ticket)
        selection_changed_cb (self);
      return TRUE;
    }
  return FALSE;
}

/**
 * okc_queue_view_move_selection:
 * @delta: +1 for the next ticket, -1 for the previous one
 *
 * Selects the ticket @delta rows away from the selected one, or the first ticket when
 * none is selected.
 *
 * Returns: %FALSE if there is no such ticket.
 */
gboolean
okc_queue_view_move_selection (OkcQueueView *self,
                               int           delta)
{
  guint n, selected;
  gint64 target;

  g_return_val_if_fail (OKC_IS_QUEUE_VIEW (self), FALSE);

  if (self->selection == NULL)
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  selected = gtk_single_selection_get_selected (self->selection);
  target = selected == GTK_INVALID_LIST_POSITION ? 0 : (gint64) selected + delta;
  if (n == 0 || target < 0 || target >= n)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, (guint) target);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              (guint) target);
  return TRUE;
}

/**
 * okc_queue_view_scroll_to_selection:
 *
 * Brings the selected ticket into view, or the top of the list when none is selected:
 * called after the queue was sorted or searched anew.
 */
void
okc_queue_view_scroll_to_selection (OkcQueueView *self)
{
  guint selected;

  g_return_if_fail (OKC_IS_QUEUE_VIEW (self));

  if (self->selection == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;
  selected = gtk_single_selection_get_selected (self->selection);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              selected == GTK_INVALID_LIST_POSITION ? 0 : selected);
}

void
okc_queue_view_set_title (OkcQueueView *self,
                          const char   *title)
{
  g_return_if_fail (OKC_IS_QUEUE_VIEW (self));
  adw_window_title_set_title (self->window_title, title);
}

void
okc_queue_view_set_status (OkcQueueView *self,
                           const char   *status)
{
  g_return_if_fail (OKC_IS_QUEUE_VIEW (self));
  adw_window_title_set_subtitle (self->window_title, status);
}

void
okc_queue_view_set_busy (OkcQueueView *self,
                         gboolean      busy)
{
  g_return_if_fail (OKC_IS_QUEUE_VIEW (self));
  gtk_stack_set_visible_child_name (self->refresh_stack, busy ? "spinner" : "button");
}

/**
 * okc_queue_view_set_problem:
 * @problem: (nullable): why the queue may be out of date, in a sentence, or %NULL when
 *   it is not
 * @detail: (nullable): the technical cause, for whoever has to fix it
 */
void
okc_queue_view_set_problem (OkcQueueView *self,
                            const char   *problem,
                            const char   *detail)
{
  g_return_if_fail (OKC_IS_QUEUE_VIEW (self));

  if (problem != NULL)
    {
      gtk_label_set_label (self->banner_label, problem);
      gtk_label_set_label (self->banner_detail_label, detail != NULL ? detail : "");
      gtk_widget_set_visible (GTK_WIDGET (self->banner_detail_label), detail != NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->banner_revealer), TRUE);
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, problem != NULL);
}

/* A hidden banner leaves the accessibility tree once it has slid away, so that a screen
 * reader does not read a problem that is over. */
static void
banner_revealed_cb (OkcQueueView *self)
{
  if (!gtk_revealer_get_child_revealed (self->banner_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->banner_revealer), FALSE);
}

static void
okc_queue_view_dispose (GObject *object)
{
  OkcQueueView *self = OKC_QUEUE_VIEW (object);

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->bulk_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->bulk_selection, self);
  g_clear_object (&self->bulk_selection);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_QUEUE_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->selected_id, g_free);

  G_OBJECT_CLASS (okc_queue_view_parent_class)->dispose (object);
}

static void
okc_queue_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OkcQueueView *self = OKC_QUEUE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_TICKET:
      g_value_set_object (value, okc_queue_view_get_selected_ticket (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_queue_view_class_init (OkcQueueViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_queue_view_dispose;
  object_class->get_property = okc_queue_view_get_property;

  properties[PROP_SELECTED_TICKET] =
    g_param_spec_object ("selected-ticket", NULL, NULL, OKC_TYPE_TICKET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OkcQueueView::search-changed:
   * @text: what the agent typed, "" when the search ended
   *
   * Emitted once typing pauses, not at every key.
   */
  signals[SEARCH_CHANGED] =
    g_signal_new ("search-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * OkcQueueView::bulk-selection-changed:
   * @n_selected: how many tickets the bulk actions would apply to
   */
  signals[BULK_SELECTION_CHANGED] =
    g_signal_new ("bulk-selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-queue-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcQueueView, window_title);
  gtk_widget_class_bind_template_child (widget_class, OkcQueueView, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcQueueView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, OkcQueueView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OkcQueueView, select_button);
  gtk_widget_class_bind_template_child (widget_class, OkcQueueView, bulk_bar);
  gtk_widget_class_bind_template_child (widget_class, OkcQueueView, bulk_label);
  gtk_widget_class_bind_template_child (widget_class, OkcQueueView, bulk_assign_menu);
  gtk_widget_class_bind_template_callback (widget_class, select_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, OkcQueueView, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, OkcQueueView, banner_label);
  gtk_widget_class_bind_template_child (widget_class, OkcQueueView, banner_detail_label);
  gtk_widget_class_bind_template_child (widget_class, OkcQueueView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcQueueView, list_view);
}

static void
okc_queue_view_init (OkcQueueView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->list_view));
  okc_bench_trace_watch_first_paint (self->list_view);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (search_mode_changed_cb), self);
  g_signal_connect_swapped (self->banner_revealer, "notify::child-revealed",
                            G_CALLBACK (banner_revealed_cb), self);
}
