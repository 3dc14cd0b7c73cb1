/* okc-account-search.c — Customers → Accounts: find an account by email, phone, id or name
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-account-search.h"

#include "okc-client-accounts.h"
#include "okc-core.h"

struct _OkcAccountSearch
{
  AdwBin parent_instance;

  OkcClient *client;
  GCancellable *cancellable;    /* the search in flight */

  GtkSearchEntry *entry;
  GtkLabel *status_label;
  GtkListBox *results;
};

G_DEFINE_FINAL_TYPE (OkcAccountSearch, okc_account_search, ADW_TYPE_BIN)

static void
set_status (OkcAccountSearch *self,
            const char       *text)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
}

static void
clear_results (OkcAccountSearch *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
  gtk_widget_set_visible (GTK_WIDGET (self->results), FALSE);
}

/* What the backend looks up: an email, a phone, an ACC- id, or 3 characters of a name. */
static gboolean
is_searchable (const char *text)
{
  return okc_text_is_email (text) || okc_text_is_phone (text) ||
         g_ascii_strncasecmp (text, "ACC-", 4) == 0 || g_utf8_strlen (text, -1) >= 3;
}

static GtkWidget *
result_row (OkcAccountSummary *summary)
{
  GtkWidget *row = adw_action_row_new ();
  const char *phone = okc_account_summary_get_phone (summary);
  const char *kind = okc_account_summary_is_host (summary) ? _("Host") : _("Guest");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *spoken = NULL;

  /* Translators: a found account, "Maya Chen (Guest)" or "Deleted account (Host)" */
  title = g_strdup_printf (_("%s (%s)"), okc_account_summary_get_name (summary), kind);
  /* Translators: an account's id, email and phone: "ACC-00017 · maya@example.com · +1 415…" */
  subtitle = phone != NULL
               ? g_strdup_printf (_("%s · %s · %s"), okc_account_summary_get_id (summary),
                                  okc_account_summary_get_email (summary), phone)
               : g_strdup_printf (_("%s · %s"), okc_account_summary_get_id (summary),
                                  okc_account_summary_get_email (summary));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-account");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s",
                                    okc_account_summary_get_id (summary));
  /* Translators: a found account as a screen reader says it, "Open Maya Chen, ACC-00017" */
  spoken = g_strdup_printf (_("Open %s, %s"), title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
  return row;
}

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(OkcAccountSearch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = okc_client_search_accounts_finish (OKC_CLIENT (object), result,
                                                                     &error);
  g_autofree char *count = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  clear_results (self);
  if (accounts == NULL)
    {
      set_status (self, error->message);
      return;
    }
  if (accounts->len == 0)
    {
      set_status (self, _("No account matches"));
      return;
    }
  count = g_strdup_printf (g_dngettext (NULL, "%u account", "%u accounts", accounts->len),
                           accounts->len);
  set_status (self, count);
  for (guint i = 0; i < accounts->len; i++)
    gtk_list_box_append (self->results, result_row (g_ptr_array_index (accounts, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->results), TRUE);
}

/* GtkSearchEntry already waits for a pause in the typing before "search-changed". */
static void
search_changed_cb (OkcAccountSearch *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->client == NULL)
    return;
  if (*text == '\0')
    {
      clear_results (self);
      set_status (self, _("Search by email, phone number, account id or name"));
      return;
    }
  if (!is_searchable (text))
    {
      clear_results (self);
      set_status (self, _("Type at least 3 characters of a name, or a whole email, phone number "
                          "or account id"));
      return;
    }
  self->cancellable = g_cancellable_new ();
  set_status (self, _("Searching…"));
  okc_client_search_accounts_async (self->client, text, 50, self->cancellable, searched_cb,
                                    g_object_ref (self));
}

/* Enter opens the first result. */
static void
activate_cb (OkcAccountSearch *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results, 0);

  if (first != NULL && gtk_widget_get_visible (GTK_WIDGET (self->results)))
    gtk_widget_activate (GTK_WIDGET (first));
}

static void
okc_account_search_dispose (GObject *object)
{
  OkcAccountSearch *self = OKC_ACCOUNT_SEARCH (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_ACCOUNT_SEARCH);

  G_OBJECT_CLASS (okc_account_search_parent_class)->dispose (object);
}

static void
okc_account_search_class_init (OkcAccountSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_account_search_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-account-search.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcAccountSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountSearch, status_label);
  gtk_widget_class_bind_template_child (widget_class, OkcAccountSearch, results);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
}

static void
okc_account_search_init (OkcAccountSearch *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_status (self, _("Search by email, phone number, account id or name"));
}

/**
 * okc_account_search_set_client:
 * @client: (nullable): the signed-in client, %NULL at sign-out
 */
void
okc_account_search_set_client (OkcAccountSearch *self,
                               OkcClient        *client)
{
  g_return_if_fail (OKC_IS_ACCOUNT_SEARCH (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->client, client);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  clear_results (self);
  set_status (self, _("Search by email, phone number, account id or name"));
}

void
okc_account_search_focus (OkcAccountSearch *self)
{
  g_return_if_fail (OKC_IS_ACCOUNT_SEARCH (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}
