/* okc-session-panel.c — the session log: filters, sortable columns over the lazy log, and
 * one session's detail over the list
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "okc-session-log.h"
#include "okc-session-panel.h"
#include "okc-session-view.h"
#include "okc-time-format.h"
#include "okc-widget-util.h"

struct _OkcSessionPanel
{
  GtkWidget parent_instance;

  OkcClient *client;
  OkcChargerFleet *fleet;
  OkcSessionLog *log;
  GtkStringList *property_names;
  GPtrArray *property_ids;   /* beside property_names, from 1; NULL at 0 ("All properties") */
  gint64 from;               /* local midnights; 0 for none */
  gint64 to;                 /* the day after the To date */
  char *sort;
  gboolean queried;
  gboolean updating;         /* filters being set from code: no query per change */

  /* Which column the column view sorts by: see sort_probe(). */
  const char *probed_key;
  gboolean probing;

  AdwLeaflet *leaflet;
  GtkEntry *charger_entry;
  GtkDropDown *property_dropdown;
  GtkEntry *account_entry;
  GtkMenuButton *from_button;
  GtkMenuButton *to_button;
  GtkCalendar *from_calendar;
  GtkCalendar *to_calendar;
  GtkEntry *from_entry;
  GtkEntry *to_entry;
  GtkLabel *count_label;
  GtkStack *list_stack;
  GtkColumnView *column_view;
  AdwStatusPage *error_page;
  OkcSessionView *session_view;
};

G_DEFINE_FINAL_TYPE (OkcSessionPanel, okc_session_panel, GTK_TYPE_WIDGET)

/* Cells ------------------------------------------------------------------------------- */

typedef char *(*CellFormat) (OkcChargingSession *session);

typedef struct
{
  const char *title;
  const char *sort_key;  /* GET /v1/sessions's sort, NULL when the column is not sortable */
  CellFormat format;
  gboolean numeric;
  int fixed_width;
} Column;

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return okc_time_format (local, OKC_TIME_FORM_NUMERIC_DATE_TIME);
}

static char *
format_started (OkcChargingSession *session)
{
  return format_time (okc_charging_session_get_started_at (session));
}

static char *
format_ended (OkcChargingSession *session)
{
  return format_time (okc_charging_session_get_ended_at (session));
}

static char *
format_duration (OkcChargingSession *session)
{
  return okc_format_duration (okc_charging_session_get_duration_seconds (session));
}

static char *
format_charger (OkcChargingSession *session)
{
  return g_strdup (okc_charging_session_get_charger_id (session));
}

static char *
format_property (OkcChargingSession *session)
{
  const char *name = okc_charging_session_get_property_name (session);

  return g_strdup (name != NULL ? name : "—");
}

static char *
format_account (OkcChargingSession *session)
{
  return g_strdup (okc_charging_session_get_account_name (session));
}

static char *
format_energy (OkcChargingSession *session)
{
  return okc_format_energy_display (okc_charging_session_get_energy_wh (session));
}

static char *
format_idle (OkcChargingSession *session)
{
  gint64 idle = okc_charging_session_get_idle_seconds (session);

  return idle > 0 ? okc_format_duration (idle) : g_strdup ("—");
}

static char *
format_billed (OkcChargingSession *session)
{
  OkcMoney billed;

  okc_charging_session_get_billed_total (session, &billed);
  return okc_money_format_display (&billed);
}

static char *
format_outcome (OkcChargingSession *session)
{
  return g_strdup (okc_session_outcome_get_label (okc_charging_session_get_outcome (session)));
}

static char *
format_stop_reason (OkcChargingSession *session)
{
  return g_strdup (okc_stop_reason_get_label (okc_charging_session_get_stop_reason (session)));
}

static const Column columns[] = {
  { N_("Started"), "started_at", format_started, TRUE, 130 },
  { N_("Ended"), "ended_at", format_ended, TRUE, 130 },
  { N_("Duration"), "duration", format_duration, TRUE, 90 },
  { N_("Charger"), "charger_id", format_charger, FALSE, 90 },
  { N_("Property"), NULL, format_property, FALSE, 150 },
  { N_("Account"), "account_name", format_account, FALSE, 140 },
  { N_("Energy"), "energy_wh", format_energy, TRUE, 100 },
  { N_("Idle"), "idle_seconds", format_idle, TRUE, 100 },
  { N_("Billed"), "billed_total", format_billed, TRUE, 90 },
  { N_("Outcome"), "outcome", format_outcome, FALSE, 110 },
  { N_("Stop Reason"), "stop_reason", format_stop_reason, FALSE, 160 },
};

/* Shows the row's session in the cell's label, or a dim "…" while its page is on its way:
 * the same label either way, so nothing moves when the page arrives. */
static void
update_cell (GtkListItem *item)
{
  const Column *column = g_object_get_data (G_OBJECT (item), "okc-column");
  GtkWidget *label = gtk_list_item_get_child (item);
  OkcSessionLogRow *row = gtk_list_item_get_item (item);
  OkcChargingSession *session = row != NULL ? okc_session_log_row_get_session (row) : NULL;
  g_autofree char *text = NULL;

  if (session == NULL)
    {
      gtk_label_set_text (GTK_LABEL (label), "…");
      gtk_widget_add_css_class (label, "dim-label");
      return;
    }
  text = column->format (session);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_remove_css_class (label, "dim-label");
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               const Column             *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column->numeric ? 1.0f : 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column->numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
  g_object_set_data (G_OBJECT (item), "okc-column", (gpointer) column);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              const Column             *column)
{
  OkcSessionLogRow *row = gtk_list_item_get_item (item);

  g_signal_connect_object (row, "notify::session", G_CALLBACK (update_cell), item,
                           G_CONNECT_SWAPPED);
  update_cell (item);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                const Column             *column)
{
  OkcSessionLogRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, update_cell, item);
}

/* Sorting ------------------------------------------------------------------------------ */

/* GTK 4.8 does not say which column a GtkColumnViewSorter sorts by (that API came in 4.10),
 * so sort_probe() asks it to compare two dummy items: it consults the primary column's
 * sorter first, and a column sorter below answers SMALLER, which ends the comparison there.
 * The first key recorded is the primary column; the column view inverts the answer of a
 * descending column, so LARGER means descending. Nothing is sorted locally: the backend
 * sorts every row. */
static int
column_compare_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  OkcSessionPanel *self = g_object_get_data (G_OBJECT (user_data), "okc-panel");

  if (self != NULL && self->probing && self->probed_key == NULL)
    self->probed_key = g_object_get_data (G_OBJECT (user_data), "okc-sort-key");
  return GTK_ORDERING_SMALLER;
}

/* The sort of GET /v1/sessions the column view's headers ask for, NULL for the default. */
static char *
sort_probe (OkcSessionPanel *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  self->probing = TRUE;
  self->probed_key = NULL;
  order = gtk_sorter_compare (sorter, a, b);
  self->probing = FALSE;
  if (self->probed_key == NULL || order == GTK_ORDERING_EQUAL)
    return NULL;
  return order == GTK_ORDERING_LARGER ? g_strconcat ("-", self->probed_key, NULL)
                                      : g_strdup (self->probed_key);
}

/* The query ---------------------------------------------------------------------------- */

static char *
entry_value (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
apply_query (OkcSessionPanel *self)
{
  g_autofree char *charger = NULL;
  guint selected;
  OkcSessionQuery query = { 0 };
  g_autofree char *charger_upper = NULL;

  if (self->log == NULL || self->updating)
    return;

  charger = entry_value (self->charger_entry);
  /* Charger ids are upper case; the agent may type "ch-10234". */
  charger_upper = charger != NULL ? g_ascii_strup (charger, -1) : NULL;
  query.charger_id = charger_upper;
  selected = gtk_drop_down_get_selected (self->property_dropdown);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < self->property_ids->len)
    query.property_id = g_ptr_array_index (self->property_ids, selected);
  query.account = entry_value (self->account_entry);
  query.from = self->from;
  query.to = self->to;
  query.sort = self->sort;

  if (!self->queried || !okc_session_query_equal (&query, okc_session_log_get_query (self->log)))
    okc_session_log_set_query (self->log, &query);
  self->queried = TRUE;
  g_free (query.account);
}

static void
sorter_changed_cb (OkcSessionPanel *self)
{
  g_free (self->sort);
  self->sort = sort_probe (self);
  apply_query (self);
}

static void
filter_entry_activate_cb (OkcSessionPanel *self)
{
  apply_query (self);
}

/* A charger id of the fleet, or nothing, applies at once; anything else on Enter. */
static void
charger_entry_changed_cb (OkcSessionPanel *self)
{
  g_autofree char *text = entry_value (self->charger_entry);

  if (text == NULL || (self->fleet != NULL && okc_charger_fleet_lookup (self->fleet, text) != NULL))
    apply_query (self);
}

static void
account_entry_changed_cb (OkcSessionPanel *self)
{
  g_autofree char *text = entry_value (self->account_entry);

  if (text == NULL)
    apply_query (self);
}

static void
property_selected_cb (OkcSessionPanel *self)
{
  apply_query (self);
}

/* Local midnight of the calendar's day, or of the day after. */
static gint64
calendar_midnight (GtkCalendar *calendar,
                   int          days_after)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (date),
                                                         g_date_time_get_month (date),
                                                         g_date_time_get_day_of_month (date),
                                                         0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (midnight, days_after);

  return g_date_time_to_unix (day);
}

static void
update_date_buttons (OkcSessionPanel *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (self->from != 0)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (self->from);
      g_autofree char *day = okc_time_format (date, OKC_TIME_FORM_NUMERIC_DATE);

      /* Translators: the From button with its date, "From 2026-11-24" */
      from = g_strdup_printf (_("From %s"), day);
    }
  if (self->to != 0)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (self->to - 1);
      g_autofree char *day = okc_time_format (date, OKC_TIME_FORM_NUMERIC_DATE);

      /* Translators: the To button with its date (included), "To 2026-11-24" */
      to = g_strdup_printf (_("To %s"), day);
    }
  gtk_menu_button_set_label (self->from_button, from != NULL ? from : _("From"));
  gtk_menu_button_set_label (self->to_button, to != NULL ? to : _("To"));
}

static void
from_day_selected_cb (OkcSessionPanel *self)
{
  if (self->updating)
    return;
  /* The popover stays open: arrow keys move the day one step at a time, each applied. */
  self->from = calendar_midnight (self->from_calendar, 0);
  update_date_buttons (self);
  apply_query (self);
}

static void
to_day_selected_cb (OkcSessionPanel *self)
{
  if (self->updating)
    return;
  /* The To day is included: sessions that started before the next midnight. */
  self->to = calendar_midnight (self->to_calendar, 1);
  update_date_buttons (self);
  apply_query (self);
}

/* A day typed as 2026-11-24 picks it in the calendar beside, which applies it. */
static void
pick_typed_day (OkcSessionPanel *self,
                GtkEntry        *entry,
                GtkCalendar     *calendar,
                void           (*apply) (OkcSessionPanel *self))
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  GDate date;
  g_autoptr(GDateTime) day = NULL;

  if (!okc_date_parse (text, &date))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                               g_date_get_day (&date), 0, 0, 0);
  gtk_calendar_select_day (calendar, day);
  /* Whether selecting emits day-selected differs between GTK versions: apply it here;
   * a second apply of the same query asks nothing. */
  apply (self);
}

static void
from_entry_activate_cb (OkcSessionPanel *self)
{
  pick_typed_day (self, self->from_entry, self->from_calendar, from_day_selected_cb);
}

static void
to_entry_activate_cb (OkcSessionPanel *self)
{
  pick_typed_day (self, self->to_entry, self->to_calendar, to_day_selected_cb);
}

static void
clear_dates_cb (OkcSessionPanel *self)
{
  self->from = 0;
  self->to = 0;
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  update_date_buttons (self);
  apply_query (self);
}

/* State: count, empty, error ---------------------------------------------------------- */

/* "183,211": the locale's grouping, or a comma by threes where the locale has none (C). */
static char *
format_count (guint count)
{
  OkcNumberConventions conventions;

  okc_number_conventions_from_locale (&conventions, OKC_NUMBER_NUMERIC);
  if (conventions.group_separator[0] == '\0' || conventions.grouping[0] == '\0')
    {
      g_strlcpy (conventions.group_separator, ",", sizeof conventions.group_separator);
      g_strlcpy (conventions.grouping, "\3", sizeof conventions.grouping);
    }
  return okc_number_format_count_with (&conventions, count);
}

static void
update_state (OkcSessionPanel *self)
{
  const GError *error = self->log != NULL ? okc_session_log_get_error (self->log) : NULL;
  guint total = self->log != NULL ? okc_session_log_get_total (self->log) : 0;
  gboolean loading = self->log != NULL && okc_session_log_get_loading (self->log);

  if (loading)
    gtk_label_set_text (self->count_label, _("Loading…"));
  else
    {
      g_autofree char *number = format_count (total);
      g_autofree char *text = g_strdup_printf (ngettext ("%s session", "%s sessions", total),
                                               number);

      /* A page that failed while scrolling leaves its rows at "…": say why here, and
       * Ctrl+R retries. */
      if (error != NULL && total > 0)
        {
          g_autofree char *with_error = g_strdup_printf (_("%s · Some rows could not be loaded: %s"),
                                                         text, error->message);

          gtk_label_set_text (self->count_label, with_error);
        }
      else
        gtk_label_set_text (self->count_label, text);
    }

  if (error != NULL && total == 0)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
    }
  else if (!loading && total == 0 && self->queried)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
}

/* The detail ---------------------------------------------------------------------------- */

static void
open_session (OkcSessionPanel *self,
              const char      *session_id)
{
  okc_session_view_set_client (self->session_view, self->client);
  okc_session_view_set_session_id (self->session_view, session_id);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
row_activated_cb (OkcSessionPanel *self,
                  guint            position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (self->column_view));
  g_autoptr(OkcSessionLogRow) row = g_list_model_get_item (model, position);
  OkcChargingSession *session = row != NULL ? okc_session_log_row_get_session (row) : NULL;

  if (session != NULL)
    open_session (self, okc_charging_session_get_id (session));
}

static void
back_clicked_cb (OkcSessionPanel *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/* Public ------------------------------------------------------------------------------- */

static void
set_log (OkcSessionPanel *self,
         OkcSessionLog   *log)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  g_set_object (&self->log, log);
  self->queried = FALSE;
  if (log != NULL)
    {
      g_signal_connect_object (log, "notify::loading", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (log, "notify::error", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (log, "notify::total", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
      /* Not a GtkSingleSelection: when the rows are replaced it looks for the selected
       * item among all the new ones, fetching every page of hundreds of thousands. Rows
       * are activated, not selected. */
      selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (log))));
    }
  gtk_column_view_set_model (self->column_view, selection);
  if (log != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    apply_query (self);
  update_state (self);
}

/**
 * okc_session_panel_set_client:
 * @client: (nullable): the signed-in client, %NULL when signed out
 */
void
okc_session_panel_set_client (OkcSessionPanel *self,
                              OkcClient       *client)
{
  g_autoptr(OkcSessionLog) log = NULL;

  g_return_if_fail (OKC_IS_SESSION_PANEL (self));

  if (!g_set_object (&self->client, client))
    return;
  if (client != NULL)
    log = okc_session_log_new (client);
  set_log (self, log);
  okc_session_view_set_client (self->session_view, client);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
rebuild_properties (OkcSessionPanel *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GListModel *chargers = self->fleet != NULL ? okc_charger_fleet_get_chargers (self->fleet) : NULL;
  guint selected = gtk_drop_down_get_selected (self->property_dropdown);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->property_names));
  g_autofree char *keep = NULL;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected < self->property_ids->len)
    keep = g_strdup (g_ptr_array_index (self->property_ids, selected));

  g_ptr_array_set_size (self->property_ids, 1);
  g_ptr_array_add (names, (gpointer) _("All properties"));
  for (guint i = 0; chargers != NULL && i < g_list_model_get_n_items (chargers); i++)
    {
      g_autoptr(OkcCharger) charger = g_list_model_get_item (chargers, i);
      const char *id = okc_charger_get_property_id (charger);

      if (id == NULL || g_hash_table_contains (seen, id))
        continue;
      g_hash_table_add (seen, (gpointer) id);
      g_ptr_array_add (self->property_ids, g_strdup (id));
      g_ptr_array_add (names, (gpointer) (okc_charger_get_property_name (charger) != NULL
                                          ? okc_charger_get_property_name (charger) : id));
    }
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->property_names, 0, n_old, (const char * const *) names->pdata);
  /* The property chosen stays chosen if the fleet still has it. */
  selected = 0;
  for (guint i = 1; keep != NULL && i < self->property_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->property_ids, i), keep))
      selected = i;
  gtk_drop_down_set_selected (self->property_dropdown, selected);
  self->updating = FALSE;
}

static void
charger_ids_changed (OkcSessionPanel *self)
{
  GListModel *chargers = self->fleet != NULL ? okc_charger_fleet_get_chargers (self->fleet) : NULL;
  GtkEntryCompletion *completion = gtk_entry_get_completion (self->charger_entry);
  g_autoptr(GtkListStore) ids = gtk_list_store_new (1, G_TYPE_STRING);

  for (guint i = 0; chargers != NULL && i < g_list_model_get_n_items (chargers); i++)
    {
      g_autoptr(OkcCharger) charger = g_list_model_get_item (chargers, i);

      gtk_list_store_insert_with_values (ids, NULL, -1, 0, okc_charger_get_id (charger), -1);
    }
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (ids));
}

static void
fleet_changed_cb (OkcSessionPanel *self,
                  guint            position,
                  guint            removed,
                  guint            added)
{
  /* Chargers come and go rarely; heartbeats update them in place without items-changed. */
  if (removed == added && removed == 1)
    return;
  rebuild_properties (self);
  charger_ids_changed (self);
}

/**
 * okc_session_panel_set_fleet:
 * @fleet: (nullable): the signed-in account's chargers
 */
void
okc_session_panel_set_fleet (OkcSessionPanel *self,
                             OkcChargerFleet *fleet)
{
  g_return_if_fail (OKC_IS_SESSION_PANEL (self));

  if (self->fleet == fleet)
    return;
  if (self->fleet != NULL)
    g_signal_handlers_disconnect_by_data (okc_charger_fleet_get_chargers (self->fleet), self);
  g_set_object (&self->fleet, fleet);
  if (fleet != NULL)
    g_signal_connect_object (okc_charger_fleet_get_chargers (fleet), "items-changed",
                             G_CALLBACK (fleet_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild_properties (self);
  charger_ids_changed (self);
}

/**
 * okc_session_panel_show:
 * @charger_id: (nullable): show only this charger's sessions, %NULL for every charger
 * @session_id: (nullable): a session to open at once
 *
 * Sets the filters to just that charger (the others cleared) and shows the list, or the
 * session's detail.
 */
void
okc_session_panel_show (OkcSessionPanel *self,
                        const char      *charger_id,
                        const char      *session_id)
{
  g_return_if_fail (OKC_IS_SESSION_PANEL (self));

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->charger_entry), charger_id != NULL ? charger_id : "");
  gtk_editable_set_text (GTK_EDITABLE (self->account_entry), "");
  gtk_drop_down_set_selected (self->property_dropdown, 0);
  self->from = 0;
  self->to = 0;
  self->updating = FALSE;
  update_date_buttons (self);
  self->queried = FALSE;
  apply_query (self);
  if (session_id != NULL)
    open_session (self, session_id);
  else
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OkcSessionPanel *self = OKC_SESSION_PANEL (widget);

  if (self->log == NULL)
    return;
  if (!self->queried)
    apply_query (self);
  else
    okc_session_log_reload (self->log);
}

/* The first rows are fetched when the panel is first shown, not at sign-in. */
static void
okc_session_panel_map (GtkWidget *widget)
{
  OkcSessionPanel *self = OKC_SESSION_PANEL (widget);

  GTK_WIDGET_CLASS (okc_session_panel_parent_class)->map (widget);
  if (self->log != NULL && !self->queried)
    apply_query (self);
}

static void
add_columns (OkcSessionPanel *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), (gpointer) &columns[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), (gpointer) &columns[i]);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), (gpointer) &columns[i]);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, columns[i].fixed_width);
      if (columns[i].sort_key != NULL)
        {
          GtkCustomSorter *sorter = gtk_custom_sorter_new (NULL, NULL, NULL);

          /* The sorter is its own user data: it tells the probe its key. */
          g_object_set_data (G_OBJECT (sorter), "okc-panel", self);
          g_object_set_data (G_OBJECT (sorter), "okc-sort-key", (gpointer) columns[i].sort_key);
          gtk_custom_sorter_set_sort_func (sorter, column_compare_cb, sorter, NULL);
          gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
          g_object_unref (sorter);
        }
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
okc_session_panel_dispose (GObject *object)
{
  OkcSessionPanel *self = OKC_SESSION_PANEL (object);

  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  if (self->fleet != NULL)
    g_signal_handlers_disconnect_by_data (okc_charger_fleet_get_chargers (self->fleet), self);
  /* The column view's sorter changes as its columns go with the template: the panel must
   * not be asked to re-sort what is being torn down. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_SESSION_PANEL);
  g_clear_object (&self->log);
  g_clear_object (&self->fleet);
  g_clear_object (&self->client);
  g_clear_object (&self->property_names);
  g_clear_pointer (&self->property_ids, g_ptr_array_unref);
  g_clear_pointer (&self->sort, g_free);

  G_OBJECT_CLASS (okc_session_panel_parent_class)->dispose (object);
}

static void
okc_session_panel_class_init (OkcSessionPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_session_panel_dispose;
  widget_class->map = okc_session_panel_map;

  g_type_ensure (OKC_TYPE_SESSION_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-session-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, leaflet);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, charger_entry);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, property_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, account_entry);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, from_button);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, to_button);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, from_entry);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, to_entry);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, list_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, column_view);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, error_page);
  gtk_widget_class_bind_template_child (widget_class, OkcSessionPanel, session_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, charger_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, property_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, from_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, to_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_dates_cb);
  gtk_widget_class_bind_template_callback (widget_class, from_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, to_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "panel.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "panel.reload", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
okc_session_panel_init (OkcSessionPanel *self)
{
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  okc_widget_name_drop_down (self->property_dropdown, _("Property filter"));

  self->property_names = gtk_string_list_new (NULL);
  self->property_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->property_ids, NULL);
  gtk_drop_down_set_model (self->property_dropdown, G_LIST_MODEL (self->property_names));
  rebuild_properties (self);

  gtk_entry_completion_set_text_column (completion, 0);
  /* Suggestions below, never typed into the entry: an inline completion inserted while
   * the agent types ahead ends as "CH-10025100". */
  gtk_entry_completion_set_inline_completion (completion, FALSE);
  gtk_entry_completion_set_popup_single_match (completion, FALSE);
  gtk_entry_set_completion (self->charger_entry, completion);
  charger_ids_changed (self);

  /* The keyboard goes to the day's entry as its popover opens: typing a day is quickest;
   * Tab reaches the calendar. */
  g_signal_connect_object (gtk_menu_button_get_popover (self->from_button), "map",
                           G_CALLBACK (gtk_widget_grab_focus), self->from_entry,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_menu_button_get_popover (self->to_button), "map",
                           G_CALLBACK (gtk_widget_grab_focus), self->to_entry,
                           G_CONNECT_SWAPPED);

  add_columns (self);
  update_state (self);
}

void
okc_session_panel_refund_updated (OkcSessionPanel *self,
                                  OkcRefund       *refund)
{
  g_return_if_fail (OKC_IS_SESSION_PANEL (self));

  okc_session_view_refund_updated (self->session_view, refund);
}
