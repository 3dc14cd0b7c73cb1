/* okc-sidebar.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "okc-outbox-button.h"
#include "okc-sidebar.h"
#include "okc-widget-util.h"

struct _OkcSidebar
{
  GtkWidget parent_instance;

  GListModel *folders;

  AdwWindowTitle *window_title;
  OkcOutboxButton *outbox_button;
  GtkListBox *list;
  GtkListBox *fleet_list;
  GtkListBoxRow *chargers_row;
  GtkListBoxRow *attention_row;
  GtkListBox *billing_list;
  GtkListBoxRow *sessions_row;
  GtkListBoxRow *reviews_row;
  GtkLabel *reviews_count;
  GtkListBox *customers_list;
  GtkListBoxRow *accounts_row;
  GtkWidget *supervision_heading;
  GtkListBox *supervision_list;
  GtkListBoxRow *audit_row;
  GtkLabel *chargers_count;
  GtkLabel *attention_count;
};

G_DEFINE_FINAL_TYPE (OkcSidebar, okc_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_FOLDER,
  PROP_FLEET_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_row_count (GtkWidget *row)
{
  OkcQueueFolder *folder = g_object_get_data (G_OBJECT (row), "folder");
  GtkLabel *count_label = g_object_get_data (G_OBJECT (row), "count-label");
  guint count = okc_queue_folder_get_count (folder);
  g_autofree char *count_text = okc_format_count (count);
  g_autofree char *spoken = NULL;

  gtk_label_set_label (count_label, count_text);
  /* Translators: a sidebar entry as a screen reader says it, "Unassigned, 12 tickets" */
  spoken = g_strdup_printf (ngettext ("%s, %u ticket", "%s, %u tickets", count),
                            okc_queue_folder_get_title (folder), count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  OkcQueueFolder *folder = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (okc_queue_folder_get_icon_name (folder));
  GtkWidget *title = gtk_label_new (okc_queue_folder_get_title (folder));
  GtkWidget *count = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* A topic's folder shows its short name; the article's heading is the tooltip. */
  if (okc_queue_folder_get_topic (folder) != NULL)
    gtk_widget_set_tooltip_text (row, _(okc_queue_folder_get_topic (folder)->title));

  g_object_set_data_full (G_OBJECT (row), "folder", g_object_ref (folder), g_object_unref);
  g_object_set_data (G_OBJECT (row), "count-label", count);
  g_signal_connect_object (folder, "notify::count", G_CALLBACK (update_row_count), row,
                           G_CONNECT_SWAPPED);
  update_row_count (row);
  return row;
}

/* A "Topics" heading above the first topic folder. */
static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  OkcQueueFolder *folder = g_object_get_data (G_OBJECT (row), "folder");
  OkcQueueFolder *previous = before != NULL ? g_object_get_data (G_OBJECT (before), "folder") : NULL;
  GtkWidget *heading;

  if (okc_queue_folder_get_kind (folder) != OKC_QUEUE_FOLDER_TOPIC ||
      (previous != NULL && okc_queue_folder_get_kind (previous) == OKC_QUEUE_FOLDER_TOPIC))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  heading = gtk_label_new (_("Topics"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_start (heading, 12);
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_bottom (heading, 3);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_list_box_row_set_header (row, heading);
}

/* The queue's views and the fleet's pages are one choice: choosing in one list leaves
 * the other. */
static void
row_selected_cb (OkcSidebar    *self,
                 GtkListBoxRow *row)
{
  if (row != NULL)
    {
      gtk_list_box_unselect_all (self->fleet_list);
      gtk_list_box_unselect_all (self->billing_list);
      gtk_list_box_unselect_all (self->supervision_list);
      gtk_list_box_unselect_all (self->customers_list);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_FOLDER]);
}

static void
fleet_row_selected_cb (OkcSidebar    *self,
                       GtkListBoxRow *row)
{
  if (row != NULL)
    {
      gtk_list_box_unselect_all (self->list);
      gtk_list_box_unselect_all (self->billing_list);
      gtk_list_box_unselect_all (self->supervision_list);
      gtk_list_box_unselect_all (self->customers_list);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLEET_PAGE]);
}

/* Billing's pages are pages like the fleet's: "sessions" is a fleet-page value. */
static void
billing_row_selected_cb (OkcSidebar    *self,
                         GtkListBoxRow *row)
{
  if (row != NULL)
    {
      gtk_list_box_unselect_all (self->list);
      gtk_list_box_unselect_all (self->fleet_list);
      gtk_list_box_unselect_all (self->supervision_list);
      gtk_list_box_unselect_all (self->customers_list);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLEET_PAGE]);
}

/* Supervision's pages are pages like the fleet's too: "audit" is a fleet-page value. */
static void
supervision_row_selected_cb (OkcSidebar    *self,
                             GtkListBoxRow *row)
{
  if (row != NULL)
    {
      gtk_list_box_unselect_all (self->list);
      gtk_list_box_unselect_all (self->fleet_list);
      gtk_list_box_unselect_all (self->billing_list);
      gtk_list_box_unselect_all (self->customers_list);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLEET_PAGE]);
}

/* Customers' pages are pages like the fleet's too: "accounts" is a fleet-page value. */
static void
customers_row_selected_cb (OkcSidebar    *self,
                           GtkListBoxRow *row)
{
  if (row != NULL)
    {
      gtk_list_box_unselect_all (self->list);
      gtk_list_box_unselect_all (self->fleet_list);
      gtk_list_box_unselect_all (self->billing_list);
      gtk_list_box_unselect_all (self->supervision_list);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLEET_PAGE]);
}

/**
 * okc_sidebar_set_supervisor:
 * @supervisor: whether the signed-in user is a supervisor
 *
 * Shows Supervision (the Audit Trail) to supervisors only; the backend refuses the others
 * anyway. Hiding it leaves its page if it was chosen.
 */
void
okc_sidebar_set_supervisor (OkcSidebar *self,
                            gboolean    supervisor)
{
  g_return_if_fail (OKC_IS_SIDEBAR (self));

  if (!supervisor)
    gtk_list_box_unselect_all (self->supervision_list);
  gtk_widget_set_visible (self->supervision_heading, supervisor);
  gtk_widget_set_visible (GTK_WIDGET (self->supervision_list), supervisor);
}

/**
 * okc_sidebar_get_fleet_page:
 *
 * Returns: (nullable): "chargers" or "attention" when the agent chose a page of the
 *   fleet, "sessions" or "refund-reviews" for Billing's, "audit" for Supervision's,
 *   "accounts" for Customers', %NULL
 *   when they chose a queue view.
 */
const char *
okc_sidebar_get_fleet_page (OkcSidebar *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (OKC_IS_SIDEBAR (self), NULL);

  row = gtk_list_box_get_selected_row (self->fleet_list);
  if (row == self->chargers_row)
    return "chargers";
  if (row == self->attention_row)
    return "attention";
  row = gtk_list_box_get_selected_row (self->billing_list);
  if (row == self->sessions_row)
    return "sessions";
  if (row == self->reviews_row)
    return "refund-reviews";
  if (gtk_list_box_get_selected_row (self->supervision_list) == self->audit_row)
    return "audit";
  if (gtk_list_box_get_selected_row (self->customers_list) == self->accounts_row)
    return "accounts";
  return NULL;
}

/**
 * okc_sidebar_select_fleet_page:
 * @page: "chargers", "attention", "sessions", "refund-reviews", "accounts" or "audit"
 *   (only when shown)
 */
void
okc_sidebar_select_fleet_page (OkcSidebar *self,
                               const char *page)
{
  g_return_if_fail (OKC_IS_SIDEBAR (self));
  g_return_if_fail (page != NULL);

  if (g_str_equal (page, "sessions"))
    gtk_list_box_select_row (self->billing_list, self->sessions_row);
  else if (g_str_equal (page, "refund-reviews"))
    {
      if (gtk_widget_get_visible (GTK_WIDGET (self->reviews_row)))
        gtk_list_box_select_row (self->billing_list, self->reviews_row);
    }
  else if (g_str_equal (page, "audit"))
    {
      if (gtk_widget_get_visible (GTK_WIDGET (self->supervision_list)))
        gtk_list_box_select_row (self->supervision_list, self->audit_row);
    }
  else if (g_str_equal (page, "accounts"))
    gtk_list_box_select_row (self->customers_list, self->accounts_row);
  else
    gtk_list_box_select_row (self->fleet_list, g_str_equal (page, "attention") ? self->attention_row
                                                                               : self->chargers_row);
}

static void
set_fleet_count (GtkListBoxRow *row,
                 GtkLabel      *count_label,
                 const char    *title,
                 guint          count)
{
  g_autofree char *text = okc_format_count (count);
  /* Translators: a sidebar entry as a screen reader says it, "Needs Attention, 4 chargers" */
  g_autofree char *spoken = g_strdup_printf (ngettext ("%s, %u charger", "%s, %u chargers", count),
                                             title, count);

  gtk_label_set_label (count_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

/**
 * okc_sidebar_clear_fleet_counts:
 *
 * Shows no counts, until the fleet is loaded.
 */
void
okc_sidebar_clear_fleet_counts (OkcSidebar *self)
{
  g_return_if_fail (OKC_IS_SIDEBAR (self));

  gtk_label_set_label (self->chargers_count, "");
  gtk_label_set_label (self->attention_count, "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chargers_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chargers"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->attention_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Needs Attention"), -1);
}

/**
 * okc_sidebar_set_fleet_counts:
 * @n_chargers: how many chargers the fleet has
 * @n_attention: how many of them need attention
 */
void
okc_sidebar_set_fleet_counts (OkcSidebar *self,
                              guint       n_chargers,
                              guint       n_attention)
{
  g_return_if_fail (OKC_IS_SIDEBAR (self));

  set_fleet_count (self->chargers_row, self->chargers_count, _("Chargers"), n_chargers);
  set_fleet_count (self->attention_row, self->attention_count, _("Needs Attention"), n_attention);
}

/**
 * okc_sidebar_set_reviews_shown:
 * @shown: whether the signed-in user reviews refunds (a supervisor)
 *
 * Shows or hides Billing → Refund Reviews; hiding it while chosen goes back to the queue.
 */
void
okc_sidebar_set_reviews_shown (OkcSidebar *self,
                               gboolean    shown)
{
  g_return_if_fail (OKC_IS_SIDEBAR (self));

  if (!shown && gtk_list_box_get_selected_row (self->billing_list) == self->reviews_row)
    gtk_list_box_unselect_all (self->billing_list);
  gtk_widget_set_visible (GTK_WIDGET (self->reviews_row), shown);
}

/**
 * okc_sidebar_set_review_count:
 * @n_pending: how many refunds wait for a supervisor
 */
void
okc_sidebar_set_review_count (OkcSidebar *self,
                              guint       n_pending)
{
  g_autofree char *text = okc_format_count (n_pending);
  /* Translators: a sidebar entry as a screen reader says it, "Refund Reviews, 3 waiting" */
  g_autofree char *spoken = g_strdup_printf (ngettext ("%s, %u waiting", "%s, %u waiting",
                                                       n_pending),
                                             _("Refund Reviews"), n_pending);

  g_return_if_fail (OKC_IS_SIDEBAR (self));

  gtk_label_set_label (self->reviews_count, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reviews_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

/**
 * okc_sidebar_get_selected_folder:
 *
 * Returns: (transfer none) (nullable): the folder the agent chose.
 */
OkcQueueFolder *
okc_sidebar_get_selected_folder (OkcSidebar *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (OKC_IS_SIDEBAR (self), NULL);

  row = gtk_list_box_get_selected_row (self->list);
  return row != NULL ? g_object_get_data (G_OBJECT (row), "folder") : NULL;
}

/**
 * okc_sidebar_select_folder:
 * @folder_id: the id of a folder; the first folder if there is none of that id
 */
void
okc_sidebar_select_folder (OkcSidebar *self,
                           const char *folder_id)
{
  GtkListBoxRow *first;

  g_return_if_fail (OKC_IS_SIDEBAR (self));

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);
      OkcQueueFolder *folder;

      if (row == NULL)
        break;
      folder = g_object_get_data (G_OBJECT (row), "folder");
      if (g_strcmp0 (okc_queue_folder_get_id (folder), folder_id) == 0)
        {
          gtk_list_box_select_row (self->list, row);
          return;
        }
    }

  first = gtk_list_box_get_row_at_index (self->list, 0);
  if (first != NULL)
    gtk_list_box_select_row (self->list, first);
}

void
okc_sidebar_set_folders (OkcSidebar *self,
                         GListModel *folders)
{
  g_return_if_fail (OKC_IS_SIDEBAR (self));

  if (!g_set_object (&self->folders, folders))
    return;
  gtk_list_box_bind_model (self->list, folders, create_row, NULL, NULL);
}

void
okc_sidebar_set_user_name (OkcSidebar *self,
                           const char *name)
{
  g_return_if_fail (OKC_IS_SIDEBAR (self));

  adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");
}

/**
 * okc_sidebar_set_outbox:
 * @outbox: (nullable): the signed-in account's outbox, counted in the header bar
 */
void
okc_sidebar_set_outbox (OkcSidebar *self,
                        OkcOutbox  *outbox)
{
  g_return_if_fail (OKC_IS_SIDEBAR (self));

  okc_outbox_button_set_outbox (self->outbox_button, outbox);
}

static void
okc_sidebar_dispose (GObject *object)
{
  OkcSidebar *self = OKC_SIDEBAR (object);

  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_SIDEBAR);
  g_clear_object (&self->folders);

  G_OBJECT_CLASS (okc_sidebar_parent_class)->dispose (object);
}

static void
okc_sidebar_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OkcSidebar *self = OKC_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SELECTED_FOLDER:
      g_value_set_object (value, okc_sidebar_get_selected_folder (self));
      break;
    case PROP_FLEET_PAGE:
      g_value_set_string (value, okc_sidebar_get_fleet_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_sidebar_class_init (OkcSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_sidebar_dispose;
  object_class->get_property = okc_sidebar_get_property;

  properties[PROP_SELECTED_FOLDER] =
    g_param_spec_object ("selected-folder", NULL, NULL, OKC_TYPE_QUEUE_FOLDER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* "chargers" or "attention" while a page of the fleet is chosen, else NULL. */
  properties[PROP_FLEET_PAGE] =
    g_param_spec_string ("fleet-page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OKC_TYPE_OUTBOX_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, window_title);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, outbox_button);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, list);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, fleet_list);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, chargers_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, attention_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, billing_list);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, sessions_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, reviews_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, reviews_count);
  gtk_widget_class_bind_template_callback (widget_class, billing_row_selected_cb);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, supervision_heading);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, supervision_list);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, audit_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, customers_list);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, accounts_row);
  gtk_widget_class_bind_template_callback (widget_class, supervision_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, customers_row_selected_cb);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, chargers_count);
  gtk_widget_class_bind_template_child (widget_class, OkcSidebar, attention_count);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, fleet_row_selected_cb);
}

static void
okc_sidebar_init (OkcSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->list, header_func, NULL, NULL);
}
