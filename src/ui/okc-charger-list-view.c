/* okc-charger-list-view.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "okc-charger-list-view.h"
#include "okc-charger-row.h"
#include "okc-widget-util.h"

/* The positions of the state filter's items, as okc-charger-list-view.ui lists them. */
typedef enum
{
  STATE_ALL,
  STATE_ONLINE,
  STATE_OFFLINE,
  STATE_FAULTED,
  STATE_ATTENTION,
} StateFilter;

/* The property filter's first two items; the properties follow. */
enum {
  PROPERTY_ALL,
  PROPERTY_NONE,
  PROPERTY_FIRST,
};

struct _OkcChargerListView
{
  GtkWidget parent_instance;

  OkcClock *clock;
  GListModel *chargers;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkCustomSorter *attention_sorter;
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;
  char *selected_id;
  gboolean attention_only;
  gboolean loading;
  char *problem;
  /* The ids of the property filter's properties, in its order, from PROPERTY_FIRST. */
  GPtrArray *property_ids;
  GtkStringList *property_names;
  guint properties_idle_id;
  char *search_folded;

  AdwWindowTitle *window_title;
  GtkSearchEntry *search_entry;
  GtkDropDown *property_dropdown;
  GtkDropDown *state_dropdown;
  GtkStack *content_stack;
  GtkListView *list_view;
  AdwStatusPage *error_page;
  GtkRevealer *banner_revealer;
  GtkLabel *banner_label;
  AdwStatusPage *empty_page;
};

G_DEFINE_FINAL_TYPE (OkcChargerListView, okc_charger_list_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_CHARGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
needs_attention (OkcCharger *charger,
                 gint64      now)
{
  g_autoptr(GArray) reasons = okc_charger_get_attention (charger, now);

  return reasons->len > 0;
}

/**
 * okc_charger_list_view_count_attention:
 * @chargers: a list of #OkcCharger
 * @now: the time to judge them at
 *
 * Returns: how many of @chargers need attention, for the sidebar's count.
 */
guint
okc_charger_list_view_count_attention (GListModel *chargers,
                                       gint64      now)
{
  guint n = g_list_model_get_n_items (chargers);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OkcCharger) charger = g_list_model_get_item (chargers, i);
      if (needs_attention (charger, now))
        count++;
    }
  return count;
}

static gboolean
contains_folded (const char *haystack,
                 const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

static gboolean
matches_search (OkcChargerListView *self,
                OkcCharger         *charger)
{
  if (self->search_folded == NULL)
    return TRUE;
  return contains_folded (okc_charger_get_id (charger), self->search_folded) ||
         contains_folded (okc_charger_get_serial (charger), self->search_folded) ||
         contains_folded (okc_charger_get_property_name (charger), self->search_folded) ||
         contains_folded (okc_charger_get_unit_name (charger), self->search_folded);
}

static gboolean
matches_property (OkcChargerListView *self,
                  OkcCharger         *charger)
{
  guint selected = gtk_drop_down_get_selected (self->property_dropdown);
  const char *property_id = okc_charger_get_property_id (charger);

  if (selected == PROPERTY_ALL || selected == GTK_INVALID_LIST_POSITION)
    return TRUE;
  if (selected == PROPERTY_NONE)
    return property_id == NULL;
  if (selected - PROPERTY_FIRST >= self->property_ids->len)
    return TRUE;
  return g_strcmp0 (property_id, g_ptr_array_index (self->property_ids, selected - PROPERTY_FIRST)) == 0;
}

static gboolean
matches_state (OkcChargerListView *self,
               OkcCharger         *charger,
               gint64              now)
{
  OkcChargerStatus status = okc_charger_get_status (charger);

  switch (gtk_drop_down_get_selected (self->state_dropdown))
    {
    case STATE_ONLINE:
      return status == OKC_CHARGER_STATUS_ONLINE;
    case STATE_OFFLINE:
      return status == OKC_CHARGER_STATUS_OFFLINE;
    case STATE_FAULTED:
      return status == OKC_CHARGER_STATUS_FAULTED;
    case STATE_ATTENTION:
      return needs_attention (charger, now);
    default:
      return TRUE;
    }
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  OkcChargerListView *self = user_data;
  OkcCharger *charger = item;
  gint64 now = okc_clock_get_now (self->clock);

  return matches_search (self, charger) && matches_property (self, charger) &&
         matches_state (self, charger, now) &&
         (!self->attention_only || needs_attention (charger, now));
}

static int
attention_sort_func (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  OkcChargerListView *self = user_data;
  gint64 now = okc_clock_get_now (self->clock);
  g_autoptr(GArray) reasons_a = okc_charger_get_attention ((OkcCharger *) a, now);
  g_autoptr(GArray) reasons_b = okc_charger_get_attention ((OkcCharger *) b, now);

  /* Only chargers that need attention reach this sorter, but a tick can pass between the
   * filter and the sort: those that no longer do go last. */
  if (reasons_a->len == 0 || reasons_b->len == 0)
    return (reasons_a->len == 0) - (reasons_b->len == 0);
  return okc_attention_compare (reasons_a, reasons_b);
}

static void
update_content (OkcChargerListView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint total = self->chargers != NULL ? g_list_model_get_n_items (self->chargers) : 0;
  g_autofree char *subtitle = NULL;
  g_autofree char *shown_text = okc_format_count (shown);
  g_autofree char *total_text = okc_format_count (total);
  const char *page = "list";

  if (shown == total)
    /* Translators: %s is the number of chargers, grouped as the locale writes numbers */
    subtitle = g_strdup_printf (ngettext ("%s charger", "%s chargers", shown), shown_text);
  else
    /* Translators: how many chargers the filters leave, "12 of 300 chargers" */
    subtitle = g_strdup_printf (ngettext ("%s of %s charger", "%s of %s chargers", total), shown_text,
                                total_text);
  adw_window_title_set_subtitle (self->window_title, total > 0 || self->problem == NULL ? subtitle : "");

  if (shown > 0)
    page = "list";
  else if (self->problem != NULL)
    page = "error";
  else if (self->loading || self->chargers == NULL)
    page = "loading";
  else if (total == 0)
    page = "empty";
  else if (self->attention_only && self->search_folded == NULL &&
           gtk_drop_down_get_selected (self->property_dropdown) == PROPERTY_ALL &&
           gtk_drop_down_get_selected (self->state_dropdown) == STATE_ALL)
    page = "all-well";
  else
    page = "no-match";
  gtk_stack_set_visible_child_name (self->content_stack, page);

  /* Chargers fetched before stay listed when a refresh fails; the banner says they may
   * be out of date. */
  if (self->problem != NULL && total > 0)
    {
      /* Translators: %s is why the chargers could not be fetched again */
      g_autofree char *text = g_strdup_printf (_("Could not refresh the chargers: %s"), self->problem);
      gtk_label_set_label (self->banner_label, text);
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, self->problem != NULL && total > 0);
}

static void
refilter (OkcChargerListView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->attention_only)
    gtk_sorter_changed (GTK_SORTER (self->attention_sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
search_changed_cb (OkcChargerListView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  g_clear_pointer (&self->search_folded, g_free);
  if (text[0] != '\0')
    self->search_folded = g_utf8_casefold (text, -1);
  refilter (self);
}

static void
stop_search_cb (OkcChargerListView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
filter_selected_cb (OkcChargerListView *self)
{
  if (self->filter != NULL)
    refilter (self);
}

/* By name, as the agent looks for them; the id breaks ties between namesakes. */
static int
compare_property_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  GHashTable *names = user_data;
  const char *id_a = *(const char * const *) a;
  const char *id_b = *(const char * const *) b;
  int order = g_utf8_collate (g_hash_table_lookup (names, id_a), g_hash_table_lookup (names, id_b));

  return order != 0 ? order : strcmp (id_a, id_b);
}

/* The property filter offers each property that has a charger, by name; the chosen one
 * stays chosen while the list of properties changes. */
static gboolean
update_properties_cb (gpointer user_data)
{
  OkcChargerListView *self = user_data;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) ids = NULL;
  g_autoptr(GPtrArray) new_ids = g_ptr_array_new_with_free_func (g_free);
  guint selected = gtk_drop_down_get_selected (self->property_dropdown);
  g_autofree char *selected_id = NULL;
  guint n = self->chargers != NULL ? g_list_model_get_n_items (self->chargers) : 0;
  gboolean same;

  self->properties_idle_id = 0;

  if (selected >= PROPERTY_FIRST && selected - PROPERTY_FIRST < self->property_ids->len)
    selected_id = g_strdup (g_ptr_array_index (self->property_ids, selected - PROPERTY_FIRST));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OkcCharger) charger = g_list_model_get_item (self->chargers, i);
      const char *id = okc_charger_get_property_id (charger);
      const char *name = okc_charger_get_property_name (charger);

      if (id != NULL && !g_hash_table_contains (names, id))
        g_hash_table_insert (names, (gpointer) g_intern_string (id),
                             (gpointer) g_intern_string (name != NULL ? name : id));
    }

  ids = g_hash_table_get_keys (names);
  for (GList *l = ids; l != NULL; l = l->next)
    g_ptr_array_add (new_ids, g_strdup (l->data));
  g_ptr_array_sort_with_data (new_ids, compare_property_cb, names);

  same = new_ids->len == self->property_ids->len;
  for (guint i = 0; same && i < new_ids->len; i++)
    same = g_str_equal (g_ptr_array_index (new_ids, i), g_ptr_array_index (self->property_ids, i));
  if (same)
    return G_SOURCE_REMOVE;

  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    guint new_selected = selected < PROPERTY_FIRST ? selected : PROPERTY_ALL;

    for (guint i = 0; i < new_ids->len; i++)
      {
        g_ptr_array_add (labels, g_hash_table_lookup (names, g_ptr_array_index (new_ids, i)));
        if (g_strcmp0 (selected_id, g_ptr_array_index (new_ids, i)) == 0)
          new_selected = PROPERTY_FIRST + i;
      }
    g_ptr_array_add (labels, NULL);

    g_ptr_array_unref (self->property_ids);
    self->property_ids = g_steal_pointer (&new_ids);
    g_signal_handlers_block_by_func (self->property_dropdown, filter_selected_cb, self);
    gtk_string_list_splice (self->property_names, PROPERTY_FIRST,
                            g_list_model_get_n_items (G_LIST_MODEL (self->property_names)) - PROPERTY_FIRST,
                            (const char * const *) labels->pdata);
    gtk_drop_down_set_selected (self->property_dropdown, new_selected);
    g_signal_handlers_unblock_by_func (self->property_dropdown, filter_selected_cb, self);
    refilter (self);
  }
  return G_SOURCE_REMOVE;
}

static void
chargers_changed_cb (OkcChargerListView *self)
{
  if (self->properties_idle_id == 0)
    self->properties_idle_id = g_idle_add_full (G_PRIORITY_LOW, update_properties_cb, self, NULL);
}

static gboolean select_shown (OkcChargerListView *self,
                              const char         *charger_id);

/* The selection follows the charger, not the row: when the fleet replaces a charger with
 * its newer state, or a filter changes, the same charger stays selected. */
static void
items_changed_cb (OkcChargerListView *self)
{
  update_content (self);
  if (self->selected_id != NULL)
    select_shown (self, self->selected_id);
}

static void
selection_changed_cb (OkcChargerListView *self)
{
  OkcCharger *charger = gtk_single_selection_get_selected_item (self->selection);

  if (charger == NULL)
    return; /* a row being replaced; items_changed_cb selects it again */

  if (g_strcmp0 (self->selected_id, okc_charger_get_id (charger)) != 0)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (okc_charger_get_id (charger));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CHARGER]);
}

static void
clock_now_cb (OkcChargerListView *self)
{
  /* Offline chargers come to need attention as time passes, without any event. */
  if (self->attention_only ||
      gtk_drop_down_get_selected (self->state_dropdown) == STATE_ATTENTION)
    refilter (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              OkcChargerListView       *self)
{
  gtk_list_item_set_child (item, okc_charger_row_new (self->clock));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             OkcChargerListView       *self)
{
  okc_charger_row_set_charger (OKC_CHARGER_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}

/**
 * okc_charger_list_view_set_clock:
 * @clock: what the rows' ages and the attention rules follow
 *
 * Called once, before the first model is set.
 */
void
okc_charger_list_view_set_clock (OkcChargerListView *self,
                                 OkcClock           *clock)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (OKC_IS_CHARGER_LIST_VIEW (self));
  g_return_if_fail (OKC_IS_CLOCK (clock));
  g_return_if_fail (self->clock == NULL);

  self->clock = g_object_ref (clock);
  g_signal_connect_object (clock, "notify::now", G_CALLBACK (clock_now_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->attention_sorter = gtk_custom_sorter_new (attention_sort_func, self, NULL);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)), NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_content (self);
}

/**
 * okc_charger_list_view_set_model:
 * @chargers: (nullable): a list of #OkcCharger, ordered by id, or %NULL when signed out
 */
void
okc_charger_list_view_set_model (OkcChargerListView *self,
                                 GListModel         *chargers)
{
  g_return_if_fail (OKC_IS_CHARGER_LIST_VIEW (self));
  g_return_if_fail (self->clock != NULL);

  if (self->chargers == chargers)
    return;
  if (self->chargers != NULL)
    g_signal_handlers_disconnect_by_data (self->chargers, self);
  g_set_object (&self->chargers, chargers);
  g_clear_pointer (&self->selected_id, g_free);
  if (chargers != NULL)
    g_signal_connect_object (chargers, "items-changed", G_CALLBACK (chargers_changed_cb), self,
                             G_CONNECT_SWAPPED);
  gtk_filter_list_model_set_model (self->filtered, chargers);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  chargers_changed_cb (self);
  update_content (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CHARGER]);
}

/**
 * okc_charger_list_view_set_attention_only:
 * @attention_only: whether to list only the chargers that need attention, most urgent
 *   first, rather than every charger by id
 */
void
okc_charger_list_view_set_attention_only (OkcChargerListView *self,
                                          gboolean            attention_only)
{
  g_return_if_fail (OKC_IS_CHARGER_LIST_VIEW (self));
  g_return_if_fail (self->clock != NULL);

  attention_only = !!attention_only;
  if (self->attention_only == attention_only)
    return;
  self->attention_only = attention_only;
  adw_window_title_set_title (self->window_title,
                              attention_only ? _("Needs Attention") : _("Chargers"));
  gtk_sort_list_model_set_sorter (self->sorted,
                                  attention_only ? GTK_SORTER (self->attention_sorter) : NULL);
  refilter (self);
  update_content (self);
}

gboolean
okc_charger_list_view_get_attention_only (OkcChargerListView *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_LIST_VIEW (self), FALSE);
  return self->attention_only;
}

/**
 * okc_charger_list_view_set_loading:
 * @loading: whether the fleet is being fetched
 */
void
okc_charger_list_view_set_loading (OkcChargerListView *self,
                                   gboolean            loading)
{
  g_return_if_fail (OKC_IS_CHARGER_LIST_VIEW (self));
  self->loading = !!loading;
  update_content (self);
}

/**
 * okc_charger_list_view_set_problem:
 * @problem: (nullable): why the chargers could not be fetched, or %NULL
 *
 * Shown instead of the list while there is nothing to list.
 */
void
okc_charger_list_view_set_problem (OkcChargerListView *self,
                                   const char         *problem)
{
  g_return_if_fail (OKC_IS_CHARGER_LIST_VIEW (self));

  g_free (self->problem);
  self->problem = g_strdup (problem);
  adw_status_page_set_description (self->error_page, problem);
  update_content (self);
}

/**
 * okc_charger_list_view_get_selected_charger:
 *
 * Returns: (transfer none) (nullable): the charger the agent selected, in its latest state.
 */
OkcCharger *
okc_charger_list_view_get_selected_charger (OkcChargerListView *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_LIST_VIEW (self), NULL);

  if (self->selection == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (self->selection);
}

static gboolean
select_shown (OkcChargerListView *self,
              const char         *charger_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OkcCharger) charger = g_list_model_get_item (model, i);

      if (g_strcmp0 (okc_charger_get_id (charger), charger_id) != 0)
        continue;
      if (gtk_single_selection_get_selected (self->selection) != i)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
        }
      else if (gtk_single_selection_get_selected_item (self->selection) != charger)
        selection_changed_cb (self);
      return TRUE;
    }
  return FALSE;
}

/**
 * okc_charger_list_view_select_charger:
 * @charger_id: the id of a charger
 *
 * Selects the charger with that id and scrolls to it. A charger the search and filters
 * hide is shown by clearing them.
 *
 * Returns: %TRUE if the list holds the charger.
 */
gboolean
okc_charger_list_view_select_charger (OkcChargerListView *self,
                                      const char         *charger_id)
{
  g_return_val_if_fail (OKC_IS_CHARGER_LIST_VIEW (self), FALSE);
  g_return_val_if_fail (charger_id != NULL, FALSE);

  if (self->selection == NULL)
    return FALSE;
  if (select_shown (self, charger_id))
    return TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_clear_pointer (&self->search_folded, g_free);
  gtk_drop_down_set_selected (self->property_dropdown, PROPERTY_ALL);
  gtk_drop_down_set_selected (self->state_dropdown, STATE_ALL);
  refilter (self);
  if (select_shown (self, charger_id))
    return TRUE;
  return FALSE;
}

static void
okc_charger_list_view_dispose (GObject *object)
{
  OkcChargerListView *self = OKC_CHARGER_LIST_VIEW (object);

  g_clear_handle_id (&self->properties_idle_id, g_source_remove);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->chargers != NULL)
    g_signal_handlers_disconnect_by_data (self->chargers, self);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_CHARGER_LIST_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->attention_sorter);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->chargers);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->property_ids, g_ptr_array_unref);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->search_folded, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (okc_charger_list_view_parent_class)->dispose (object);
}

static void
okc_charger_list_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  OkcChargerListView *self = OKC_CHARGER_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_CHARGER:
      g_value_set_object (value, okc_charger_list_view_get_selected_charger (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_charger_list_view_class_init (OkcChargerListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_charger_list_view_dispose;
  object_class->get_property = okc_charger_list_view_get_property;

  properties[PROP_SELECTED_CHARGER] =
    g_param_spec_object ("selected-charger", NULL, NULL, OKC_TYPE_CHARGER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-charger-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcChargerListView, window_title);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerListView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerListView, property_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerListView, property_names);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerListView, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerListView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerListView, list_view);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerListView, error_page);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerListView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerListView, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerListView, banner_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_selected_cb);
}

static void
okc_charger_list_view_init (OkcChargerListView *self)
{
  self->property_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  okc_widget_name_drop_down (self->property_dropdown, _("Property"));
  okc_widget_name_drop_down (self->state_dropdown, _("State"));
}
