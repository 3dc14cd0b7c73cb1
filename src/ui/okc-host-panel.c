/* okc-host-panel.c — a host's side of their account page: properties, revenue, payouts
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "okc-host-panel.h"

#include "okc-client-accounts.h"
#include "okc-client-payouts.h"
#include "okc-revenue-chart.h"

#define REVENUE_DAYS 30
#define PAYOUTS_PER_PAGE 20

struct _OkcHostPanel
{
  GtkBox parent_instance;

  GtkWindow *parent;          /* weak: where the win.* actions are */
  OkcClient *client;
  OkcOutbox *outbox;
  char *account_id;
  char *account_name;
  char *ticket_id;
  GCancellable *cancellable;
  char *next_cursor;
  gboolean loaded;
  GPtrArray *added_rows;      /* GtkWidget, each with its group as "okc-group" */

  GtkLabel *message_label;
  AdwPreferencesGroup *properties_group;
  AdwPreferencesGroup *revenue_group;
  OkcRevenueChart *revenue_chart;
  GtkLabel *revenue_label;
  AdwPreferencesGroup *payouts_group;
  GtkButton *export_button;
  GtkButton *more_button;
};

enum { PROP_0, PROP_ACCOUNT_NAME, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (OkcHostPanel, okc_host_panel, GTK_TYPE_BOX)

static void
show_message (OkcHostPanel *self,
              const char   *text)
{
  GtkLabel *label = self->message_label;
  const char *before = gtk_label_get_text (label);
  g_autofree char *joined = before != NULL && *before != '\0'
                              ? g_strdup_printf ("%s\n%s", before, text)
                              : g_strdup (text);

  gtk_label_set_text (label, joined);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

static void
add_row (OkcHostPanel        *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  g_object_set_data (G_OBJECT (row), "okc-group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->added_rows, row);
}

static GtkWidget *
link_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *spoken = g_strdup_printf ("%s: %s", title, subtitle);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  return row;
}

static void
activate_on_parent (OkcHostPanel *self,
                    const char   *action,
                    const char   *id)
{
  if (self->parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->parent), action, "s", id);
}

static void
property_activated_cb (AdwActionRow *row,
                       OkcHostPanel *self)
{
  activate_on_parent (self, "win.show-property", g_object_get_data (G_OBJECT (row), "okc-id"));
}

static void
payout_activated_cb (AdwActionRow *row,
                     OkcHostPanel *self)
{
  activate_on_parent (self, "win.show-payout", g_object_get_data (G_OBJECT (row), "okc-id"));
}

static void
export_clicked_cb (OkcHostPanel *self)
{
  activate_on_parent (self, "win.export-statement", self->account_id);
}

static void
account_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OkcHostPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcAccount) account = okc_client_get_account_finish (OKC_CLIENT (object), result,
                                                                 &error);
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (account == NULL)
    {
      /* Translators: with the backend's reason */
      g_autofree char *text = g_strdup_printf (_("Could not load the host’s properties: %s"),
                                               error->message);
      show_message (self, text);
      return;
    }
  if (!okc_account_is_host (account))
    {
      show_message (self, _("This is a guest’s account: only hosts have properties and payouts"));
      return;
    }
  if (g_strcmp0 (self->account_name, okc_account_get_name (account)) != 0)
    {
      g_free (self->account_name);
      self->account_name = g_strdup (okc_account_get_name (account));
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ACCOUNT_NAME]);
    }
  n = okc_account_get_n_properties (account);
  if (n == 0)
    adw_preferences_group_set_description (self->properties_group, _("This host has no properties"));
  for (guint i = 0; i < n; i++)
    {
      const OkcAccountProperty *property = okc_account_get_property (account, i);
      g_autofree char *chargers = g_strdup_printf (g_dngettext (NULL, "%u charger", "%u chargers",
                                                                property->n_chargers),
                                                   property->n_chargers);
      /* Translators: "Burlington · 4 chargers" */
      g_autofree char *subtitle = property->city != NULL
                                    ? g_strdup_printf (_("%s · %s"), property->city, chargers)
                                    : g_strdup (chargers);
      GtkWidget *row = link_row (property->name, subtitle);

      g_object_set_data_full (G_OBJECT (row), "okc-id", g_strdup (property->id), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (property_activated_cb), self, 0);
      add_row (self, self->properties_group, row);
    }
}

static void
revenue_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OkcHostPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRevenue) revenue = okc_client_get_revenue_finish (OKC_CLIENT (object), result,
                                                                 &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (revenue == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not load the host’s revenue: %s"),
                                               error->message);
      gtk_label_set_text (self->revenue_label, text);
      return;
    }
  okc_revenue_chart_set_revenue (self->revenue_chart, revenue);
  gtk_label_set_text (self->revenue_label, okc_revenue_chart_get_summary (self->revenue_chart));
}

static char *
describe_payout (OkcPayout *payout)
{
  OkcMoney amount;
  g_autofree char *money = NULL;
  const char *status = okc_payout_status_get_label (okc_payout_get_status (payout));

  okc_payout_get_amount (payout, &amount);
  money = okc_money_format_display (&amount);
  if (okc_payout_get_status (payout) == OKC_PAYOUT_STATUS_FAILED)
    /* Translators: "Lakeview Lofts · 2026-11-02 to 2026-11-08 · $482.13 · Failed: R03: No account…" */
    return g_strdup_printf (_("%s · %s to %s · %s · %s: %s"), okc_payout_get_property_name (payout),
                            okc_payout_get_period_from (payout), okc_payout_get_period_to (payout),
                            money, status, okc_payout_get_failure_reason (payout));
  /* Translators: "Lakeview Lofts · 2026-11-02 to 2026-11-08 · $482.13 · Paid" */
  return g_strdup_printf (_("%s · %s to %s · %s · %s"), okc_payout_get_property_name (payout),
                          okc_payout_get_period_from (payout), okc_payout_get_period_to (payout),
                          money, status);
}

static void load_payouts (OkcHostPanel *self);

static void
payouts_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OkcHostPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcPayoutPage) page = okc_client_list_payouts_finish (OKC_CLIENT (object), result,
                                                                  &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->more_button), TRUE);
  if (page == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not load the host’s payouts: %s"),
                                               error->message);
      show_message (self, text);
      return;
    }
  {
    g_autofree char *digits = okc_format_count (page->total);
    /* Translators: %s is the number of payouts, grouped as the locale writes numbers */
    g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%s payout, newest first",
                                                           "%s payouts, newest first",
                                                           (gulong) page->total),
                                              digits);
    adw_preferences_group_set_description (self->payouts_group, count);
  }
  for (guint i = 0; i < page->payouts->len; i++)
    {
      OkcPayout *payout = g_ptr_array_index (page->payouts, i);
      g_autofree char *subtitle = describe_payout (payout);
      GtkWidget *row = link_row (okc_payout_get_id (payout), subtitle);

      if (okc_payout_get_status (payout) == OKC_PAYOUT_STATUS_FAILED)
        gtk_widget_add_css_class (row, "error");
      g_object_set_data_full (G_OBJECT (row), "okc-id", g_strdup (okc_payout_get_id (payout)),
                              g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (payout_activated_cb), self, 0);
      add_row (self, self->payouts_group, row);
    }
  g_free (self->next_cursor);
  self->next_cursor = g_strdup (page->next_cursor);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), self->next_cursor != NULL);
}

static void
load_payouts (OkcHostPanel *self)
{
  OkcPayoutQuery query = { .host = self->account_id };

  gtk_widget_set_sensitive (GTK_WIDGET (self->more_button), FALSE);
  okc_client_list_payouts_async (self->client, &query, self->next_cursor, PAYOUTS_PER_PAGE,
                                 self->cancellable, payouts_loaded_cb, g_object_ref (self));
}

static void
more_clicked_cb (OkcHostPanel *self)
{
  if (self->next_cursor != NULL)
    load_payouts (self);
}

static void
load (OkcHostPanel *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = g_date_time_add_days (now, -(REVENUE_DAYS - 1));
  /* The API's query form, not for display: fixed and untranslated. */
  g_autofree char *to = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *from = g_date_time_format (first, "%Y-%m-%d");

  okc_client_get_account_async (self->client, self->account_id, NULL, self->cancellable,
                                account_loaded_cb, g_object_ref (self));
  okc_client_get_revenue_async (self->client, self->account_id, from, to, NULL, self->cancellable,
                                revenue_loaded_cb, g_object_ref (self));
  load_payouts (self);
}

static void
okc_host_panel_realize (GtkWidget *widget)
{
  OkcHostPanel *self = OKC_HOST_PANEL (widget);

  GTK_WIDGET_CLASS (okc_host_panel_parent_class)->realize (widget);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      load (self);
    }
}

static void
okc_host_panel_dispose (GObject *object)
{
  OkcHostPanel *self = OKC_HOST_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->outbox);
  g_clear_pointer (&self->added_rows, g_ptr_array_unref);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->account_name, g_free);
  g_clear_pointer (&self->ticket_id, g_free);
  g_clear_pointer (&self->next_cursor, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_HOST_PANEL);

  G_OBJECT_CLASS (okc_host_panel_parent_class)->dispose (object);
}

static void
okc_host_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OkcHostPanel *self = OKC_HOST_PANEL (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_NAME:
      g_value_set_string (value, self->account_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_host_panel_class_init (OkcHostPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_host_panel_dispose;
  object_class->get_property = okc_host_panel_get_property;

  /* The host's name: the one given, then their Account's once it loaded. */
  props[PROP_ACCOUNT_NAME] =
    g_param_spec_string ("account-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, props);
  widget_class->realize = okc_host_panel_realize;

  g_type_ensure (OKC_TYPE_REVENUE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-host-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcHostPanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, OkcHostPanel, properties_group);
  gtk_widget_class_bind_template_child (widget_class, OkcHostPanel, revenue_group);
  gtk_widget_class_bind_template_child (widget_class, OkcHostPanel, revenue_chart);
  gtk_widget_class_bind_template_child (widget_class, OkcHostPanel, revenue_label);
  gtk_widget_class_bind_template_child (widget_class, OkcHostPanel, payouts_group);
  gtk_widget_class_bind_template_child (widget_class, OkcHostPanel, export_button);
  gtk_widget_class_bind_template_child (widget_class, OkcHostPanel, more_button);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
}

static void
okc_host_panel_init (OkcHostPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->added_rows = g_ptr_array_new ();
}

/**
 * okc_host_panel_new:
 * @parent: the window whose win.show-property, win.show-payout and win.export-statement
 *   the panel activates
 * @ticket_id: (nullable): the ticket the account was opened for
 *
 * Returns: (transfer floating): the panel, which loads itself when realized.
 */
GtkWidget *
okc_host_panel_new (GtkWindow  *parent,
                    OkcClient  *client,
                    OkcOutbox  *outbox,
                    const char *account_id,
                    const char *account_name,
                    const char *ticket_id)
{
  OkcHostPanel *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OKC_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (account_id != NULL && *account_id != '\0', NULL);

  self = g_object_new (OKC_TYPE_HOST_PANEL, NULL);
  g_set_weak_pointer (&self->parent, parent);
  self->client = g_object_ref (client);
  self->outbox = g_object_ref (outbox);
  self->account_id = g_strdup (account_id);
  self->account_name = g_strdup (account_name);
  self->ticket_id = g_strdup (ticket_id);
  {
    /* Translators: "Export the statement of Owen Green" */
    g_autofree char *spoken = g_strdup_printf (_("Export the statement of %s"),
                                               account_name != NULL ? account_name : account_id);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button), spoken);
  }
  return GTK_WIDGET (self);
}
