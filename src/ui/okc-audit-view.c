/* okc-audit-view.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "okc-audit-detail.h"
#include "okc-audit-view.h"
#include "okc-client-audit.h"
#include "okc-widget-util.h"

/* Entries per GET /v1/audit page: a few screens' worth. */
#define PAGE_SIZE 100

struct _OkcAuditView
{
  GtkWidget parent_instance;

  OkcClient *client;
  GCancellable *cancellable;        /* the page on its way */
  GCancellable *users_cancellable;
  GListStore *entries;              /* OkcAuditEntry, newest first */
  GtkSingleSelection *selection;
  GPtrArray *team;                  /* OkcUser, in the person dropdown's order after "Everyone" */
  OkcAuditQuery *query;             /* what the rows shown answer */
  char *next_cursor;                /* NULL when every page is in */
  gboolean loading;

  GtkDropDown *person_dropdown;
  GtkDropDown *action_dropdown;
  GtkEntry *from_entry;
  GtkEntry *to_entry;
  GtkLabel *count_label;
  GtkStack *list_stack;
  GtkScrolledWindow *scrolled_window;
  GtkColumnView *column_view;
  AdwStatusPage *error_page;
  GtkStack *detail_stack;
  OkcAuditDetail *detail;
};

G_DEFINE_FINAL_TYPE (OkcAuditView, okc_audit_view, GTK_TYPE_WIDGET)

/* Columns ------------------------------------------------------------------------------- */

typedef struct
{
  const char *title;
  int fixed_width;   /* -1: the column takes what is left */
  char *(*format) (OkcAuditEntry *entry);
} Column;

static char *
format_when (OkcAuditEntry *entry)
{
  return okc_format_local_time (okc_audit_entry_get_at (entry));
}

static char *
format_who (OkcAuditEntry *entry)
{
  return g_strdup (okc_audit_entry_get_actor_label (entry));
}

static char *
format_target (OkcAuditEntry *entry)
{
  return g_strdup (okc_audit_entry_get_target_id (entry));
}

static const Column columns[] = {
  { N_("When"), 140, format_when },
  { N_("Who"), 130, format_who },
  { N_("What"), -1, okc_audit_entry_describe },
  { N_("Target"), 110, format_target },
};

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const Column             *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const Column             *column)
{
  OkcAuditEntry *entry = gtk_list_item_get_item (item);
  g_autofree char *text = column->format (entry);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  /* The sentence is often longer than its column: the whole of it on hover. */
  gtk_widget_set_tooltip_text (label, column->fixed_width < 0 ? text : NULL);
}

static void
add_columns (OkcAuditView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), (gpointer) &columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (columns[i].fixed_width > 0)
        gtk_column_view_column_set_fixed_width (column, columns[i].fixed_width);
      else
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

/* Filters ------------------------------------------------------------------------------- */

static void
set_entry_error (GtkEntry   *entry,
                 const char *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), message);
}

/* The local midnight starting the day typed in @entry, @days_after days later; 0 for an
 * empty entry. FALSE, with the entry marked, for text that is not a date. */
static gboolean
read_day (GtkEntry *entry,
          guint     days_after,
          gint64   *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) day = NULL;
  GDate date;

  *out = 0;
  set_entry_error (entry, NULL);
  if (*text == '\0')
    return TRUE;
  if (!okc_date_parse (text, &date))
    {
      set_entry_error (entry, _("Expected a date such as 2026-11-24"));
      return FALSE;
    }
  midnight = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                    g_date_get_day (&date), 0, 0, 0);
  day = g_date_time_add_days (midnight, (int) days_after);
  *out = g_date_time_to_unix (day);
  return TRUE;
}

/* The query the filters ask for, or NULL (with the culprit marked) when a date is wrong. */
static OkcAuditQuery *
read_filters (OkcAuditView *self)
{
  g_autoptr(OkcAuditQuery) query = g_new0 (OkcAuditQuery, 1);
  guint person = gtk_drop_down_get_selected (self->person_dropdown);
  guint action = gtk_drop_down_get_selected (self->action_dropdown);

  if (person != GTK_INVALID_LIST_POSITION && person > 0 && self->team != NULL &&
      person - 1 < self->team->len)
    query->actor_id = g_strdup (okc_user_get_id (g_ptr_array_index (self->team, person - 1)));
  if (action != GTK_INVALID_LIST_POSITION && action > 0)
    query->action = g_strdup (okc_audit_action_kinds ()[action - 1]);
  /* "To" is the last day wanted, whole: the query's bound is the next midnight. */
  if (!read_day (self->from_entry, 0, &query->from) ||
      !read_day (self->to_entry, 1, &query->to))
    return NULL;
  if (query->from != 0 && query->to != 0 && query->to <= query->from)
    {
      set_entry_error (self->to_entry, _("The last day must come after the first"));
      return NULL;
    }
  return g_steal_pointer (&query);
}

/* Pages --------------------------------------------------------------------------------- */

static void
update_count (OkcAuditView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autofree char *digits = okc_format_count (n);
  g_autofree char *text = NULL;

  if (self->next_cursor != NULL)
    /* Translators: more pages follow as one scrolls: "100 entries so far"; %s is the
     * number, grouped as the locale writes numbers */
    text = g_strdup_printf (ngettext ("%s entry so far", "%s entries so far", n), digits);
  else
    /* Translators: %s is the number of entries, grouped as the locale writes numbers */
    text = g_strdup_printf (ngettext ("%s entry", "%s entries", n), digits);
  gtk_label_set_label (self->count_label, text);
}

static void fetch_page (OkcAuditView *self);

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OkcAuditView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcAuditPage) page = okc_client_list_audit_finish (OKC_CLIENT (source), result,
                                                               &error);
  gboolean first = self->next_cursor == NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  self->loading = FALSE;
  if (page == NULL)
    {
      /* A later page that fails keeps the rows shown; scrolling again retries it. */
      if (first)
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->list_stack, "error");
          gtk_label_set_label (self->count_label, "");
        }
      else
        {
          g_autofree char *text = g_strdup_printf (_("More entries could not be loaded: %s"),
                                                   error->message);

          gtk_label_set_label (self->count_label, text);
        }
      return;
    }
  g_list_store_splice (self->entries, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       0, page->entries->pdata, page->entries->len);
  g_free (self->next_cursor);
  self->next_cursor = g_steal_pointer (&page->next_cursor);
  update_count (self);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->entries)) > 0
                                      ? "list" : "empty");
}

static void
fetch_page (OkcAuditView *self)
{
  if (self->client == NULL || self->query == NULL || self->loading)
    return;
  self->loading = TRUE;
  self->cancellable = g_cancellable_new ();
  okc_client_list_audit_async (self->client, self->query, self->next_cursor, PAGE_SIZE,
                               self->cancellable, page_cb, g_object_ref (self));
}

/**
 * okc_audit_view_reload:
 *
 * Reads the filters and fetches the first page again; a date that is not one is marked
 * on its entry and nothing is fetched.
 */
void
okc_audit_view_reload (OkcAuditView *self)
{
  g_autoptr(OkcAuditQuery) query = NULL;

  g_return_if_fail (OKC_IS_AUDIT_VIEW (self));

  query = read_filters (self);
  if (query == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->loading = FALSE;
  g_clear_pointer (&self->next_cursor, g_free);
  okc_audit_query_free (self->query);
  self->query = g_steal_pointer (&query);
  g_list_store_remove_all (self->entries);
  gtk_label_set_label (self->count_label, "");
  if (self->client == NULL)
    return;
  gtk_stack_set_visible_child_name (self->list_stack, "loading");
  fetch_page (self);
}

static void
filter_changed_cb (OkcAuditView *self)
{
  okc_audit_view_reload (self);
}

static void
edge_reached_cb (OkcAuditView    *self,
                 GtkPositionType  position)
{
  if (position == GTK_POS_BOTTOM && self->next_cursor != NULL)
    fetch_page (self);
}

static void
selection_changed_cb (OkcAuditView *self)
{
  OkcAuditEntry *entry = gtk_single_selection_get_selected_item (self->selection);

  okc_audit_detail_set_entry (self->detail, entry);
  gtk_stack_set_visible_child_name (self->detail_stack, entry != NULL ? "entry" : "none");
}

/* The team -------------------------------------------------------------------------------- */

static void
show_team (OkcAuditView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("Everyone"));
  for (guint i = 0; self->team != NULL && i < self->team->len; i++)
    gtk_string_list_append (names, okc_user_get_name (g_ptr_array_index (self->team, i)));
  g_signal_handlers_block_by_func (self->person_dropdown, filter_changed_cb, self);
  gtk_drop_down_set_model (self->person_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->person_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->person_dropdown, filter_changed_cb, self);
}

static void
users_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(OkcAuditView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = okc_client_list_users_finish (OKC_CLIENT (source), result,
                                                             &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->users_cancellable);
  if (users == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The team could not be loaded: %s"),
                                               error->message);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->person_dropdown), text);
      return;
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->person_dropdown), NULL);
  g_clear_pointer (&self->team, g_ptr_array_unref);
  self->team = g_ptr_array_new_with_free_func (g_object_unref);
  /* People act; the chatbot only reads. */
  for (guint i = 0; i < users->len; i++)
    if (okc_user_get_role (g_ptr_array_index (users, i)) != OKC_ROLE_CHATBOT)
      g_ptr_array_add (self->team, g_object_ref (g_ptr_array_index (users, i)));
  show_team (self);
}

/**
 * okc_audit_view_set_client:
 * @client: (nullable): a supervisor's client, or %NULL at sign-out
 */
void
okc_audit_view_set_client (OkcAuditView *self,
                           OkcClient    *client)
{
  g_return_if_fail (OKC_IS_AUDIT_VIEW (self));

  if (!g_set_object (&self->client, client))
    return;
  g_cancellable_cancel (self->users_cancellable);
  g_clear_object (&self->users_cancellable);
  g_clear_pointer (&self->team, g_ptr_array_unref);
  show_team (self);
  /* Nothing of the last account stays; the first page waits until the view is shown. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->loading = FALSE;
  g_clear_pointer (&self->next_cursor, g_free);
  g_clear_pointer (&self->query, okc_audit_query_free);
  g_list_store_remove_all (self->entries);
  gtk_label_set_label (self->count_label, "");
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    okc_audit_view_reload (self);
  if (client == NULL)
    return;
  self->users_cancellable = g_cancellable_new ();
  okc_client_list_users_async (client, self->users_cancellable, users_cb, g_object_ref (self));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  okc_audit_view_reload (OKC_AUDIT_VIEW (widget));
}

/* Fresh each time a supervisor opens it: what colleagues did meanwhile is the point. */
static void
okc_audit_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (okc_audit_view_parent_class)->map (widget);
  okc_audit_view_reload (OKC_AUDIT_VIEW (widget));
}

static void
okc_audit_view_dispose (GObject *object)
{
  OkcAuditView *self = OKC_AUDIT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->users_cancellable);
  g_clear_object (&self->users_cancellable);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_AUDIT_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->entries);
  g_clear_object (&self->client);
  g_clear_pointer (&self->team, g_ptr_array_unref);
  g_clear_pointer (&self->query, okc_audit_query_free);
  g_clear_pointer (&self->next_cursor, g_free);

  G_OBJECT_CLASS (okc_audit_view_parent_class)->dispose (object);
}

static void
okc_audit_view_class_init (OkcAuditViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_audit_view_dispose;
  widget_class->map = okc_audit_view_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-audit-view.ui");
  g_type_ensure (OKC_TYPE_AUDIT_DETAIL);
  gtk_widget_class_bind_template_child (widget_class, OkcAuditView, person_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OkcAuditView, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OkcAuditView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, OkcAuditView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, OkcAuditView, count_label);
  gtk_widget_class_bind_template_child (widget_class, OkcAuditView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcAuditView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, OkcAuditView, column_view);
  gtk_widget_class_bind_template_child (widget_class, OkcAuditView, error_page);
  gtk_widget_class_bind_template_child (widget_class, OkcAuditView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcAuditView, detail);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, edge_reached_cb);
  gtk_widget_class_install_action (widget_class, "audit.reload", NULL, reload_action);
}

static void
okc_audit_view_init (OkcAuditView *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const char * const *prefixes = okc_audit_action_kinds ();

  gtk_widget_init_template (GTK_WIDGET (self));
  okc_widget_name_drop_down (self->person_dropdown, _("Person filter"));
  okc_widget_name_drop_down (self->action_dropdown, _("Action filter"));
  self->entries = g_list_store_new (OKC_TYPE_AUDIT_ENTRY);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->entries)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  add_columns (self);

  gtk_string_list_append (kinds, _("All actions"));
  for (guint i = 0; prefixes[i] != NULL; i++)
    gtk_string_list_append (kinds, okc_audit_action_kind_get_label (prefixes[i]));
  g_signal_handlers_block_by_func (self->action_dropdown, filter_changed_cb, self);
  gtk_drop_down_set_model (self->action_dropdown, G_LIST_MODEL (kinds));
  g_signal_handlers_unblock_by_func (self->action_dropdown, filter_changed_cb, self);
  show_team (self);
}
