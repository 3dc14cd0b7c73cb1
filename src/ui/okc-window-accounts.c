/* okc-window-accounts.c — the window's accounts: Customers → Accounts in the sidebar and
 * Ctrl+7 (win.show-accounts), an account's page (win.show-account, and the ticket's Open
 * Account)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-window-private.h"

#include "okc-account-view.h"
#include "okc-client-accounts.h"

/**
 * okc_window_accounts_start:
 *
 * Gives the account search the signed-in client.
 */
/* An account changed or was verified, maybe for the shown ticket: its Actions list the
 * entries. */
static void
account_updated_cb (OkcWindow  *self,
                    const char *account_id)
{
  if (okc_ticket_view_get_ticket (self->ticket_view) != NULL)
    okc_ticket_view_refresh_audit (self->ticket_view);
}

void
okc_window_accounts_start (OkcWindow *self)
{
  okc_account_search_set_client (self->account_search, self->client);
  if (self->live != NULL)
    g_signal_connect_object (self->live, "account-updated", G_CALLBACK (account_updated_cb),
                             self, G_CONNECT_SWAPPED);
}

/**
 * okc_window_accounts_stop:
 *
 * Drops what the search holds, at sign-out.
 */
void
okc_window_accounts_stop (OkcWindow *self)
{
  okc_account_search_set_client (self->account_search, NULL);
}

/**
 * okc_window_accounts_page_changed:
 *
 * Returns: %TRUE when Customers → Accounts was chosen in the sidebar, now shown.
 */
gboolean
okc_window_accounts_page_changed (OkcWindow *self)
{
  if (g_strcmp0 (okc_sidebar_get_fleet_page (self->sidebar), "accounts") != 0)
    return FALSE;
  gtk_stack_set_visible_child_name (self->content_stack, "accounts");
  okc_account_search_focus (self->account_search);
  return TRUE;
}

static void
show_accounts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);

  if (self->client == NULL)
    return;
  okc_sidebar_select_fleet_page (self->sidebar, "accounts");
  okc_account_search_focus (self->account_search);
}

static void
open_account (OkcWindow  *self,
              const char *account_id,
              const char *ticket_id,
              const char *requester_email)
{
  OkcAccountView *view;

  if (self->client == NULL || self->outbox == NULL)
    return;
  view = okc_account_view_new (GTK_WINDOW (self), self->client, self->outbox, self->live,
                               account_id, ticket_id, requester_email);
  /* The application's shortcuts (Ctrl+Q, Ctrl+?) work from the page too. */
  gtk_window_set_application (GTK_WINDOW (view), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (view));
}

/* The ticket's Open Account: its contacts, tried in the order of docs/accounts.md. */
typedef struct
{
  OkcWindow *self;
  char *ticket_id;
  char *requester_email;
  GPtrArray *contacts;   /* char *, still to try */
  char *first_contact;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_object_unref (lookup->self);
  g_free (lookup->ticket_id);
  g_free (lookup->requester_email);
  g_ptr_array_unref (lookup->contacts);
  g_free (lookup->first_contact);
  g_free (lookup);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Lookup, lookup_free)

static void lookup_next (Lookup *lookup);

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Lookup) lookup = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = okc_client_search_accounts_finish (OKC_CLIENT (object), result,
                                                                  &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (found == NULL && !g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_INVALID_INPUT))
    {
      okc_window_show_toast (lookup->self, error->message);
      return;
    }
  /* The best match that is not deleted. */
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      OkcAccountSummary *summary = g_ptr_array_index (found, i);

      if (okc_account_summary_is_deleted (summary))
        continue;
      open_account (lookup->self, okc_account_summary_get_id (summary), lookup->ticket_id,
                    lookup->requester_email);
      return;
    }
  lookup_next (g_steal_pointer (&lookup));
}

/* Takes @lookup. */
static void
lookup_next (Lookup *lookup)
{
  g_autofree char *contact = NULL;

  if (lookup->contacts->len == 0)
    {
      g_autofree char *message = lookup->first_contact != NULL
        /* Translators: a toast, "No account has maya@example.com" */
        ? g_strdup_printf (_("No account has %s; find it in Customers → Accounts"),
                           lookup->first_contact)
        : g_strdup (_("This ticket names no email or phone to find the account by"));

      okc_window_show_toast (lookup->self, message);
      lookup_free (lookup);
      return;
    }
  contact = g_ptr_array_steal_index (lookup->contacts, 0);
  okc_client_search_accounts_async (lookup->self->client, contact, 5,
                                    lookup->self->account_cancellable, looked_up_cb, lookup);
}

static void
add_contact (GPtrArray  *contacts,
             const char *text)
{
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0' || (!okc_text_is_email (trimmed) && !okc_text_is_phone (trimmed)))
    return;
  for (guint i = 0; i < contacts->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (contacts, i), trimmed) == 0)
      return;
  g_ptr_array_add (contacts, g_steal_pointer (&trimmed));
}

static const char *
field_text (OkcTicket  *ticket,
            const char *key)
{
  JsonNode *value = okc_ticket_get_field_value (ticket, key);

  return value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
         json_node_get_value_type (value) == G_TYPE_STRING
           ? json_node_get_string (value) : NULL;
}

static void
open_ticket_account (OkcWindow *self,
                     OkcTicket *ticket)
{
  const OkcRequester *requester = okc_ticket_get_requester (ticket);
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->self = g_object_ref (self);
  lookup->ticket_id = g_strdup (okc_ticket_get_id (ticket));
  lookup->requester_email = g_strdup (requester->email);
  lookup->contacts = g_ptr_array_new_with_free_func (g_free);
  add_contact (lookup->contacts, field_text (ticket, "account_contact"));
  add_contact (lookup->contacts, field_text (ticket, "current_email"));
  add_contact (lookup->contacts, requester->email);
  add_contact (lookup->contacts, requester->phone);
  if (lookup->contacts->len > 0)
    lookup->first_contact = g_strdup (g_ptr_array_index (lookup->contacts, 0));
  lookup_next (lookup);
}

/* win.show-account(s): an account's page, without a ticket; "" for the shown ticket's
 * account, for that ticket (its Open Account). */
static void
show_account_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  OkcTicket *ticket;

  if (self->client == NULL || self->outbox == NULL)
    return;
  if (*id != '\0')
    {
      open_account (self, id, NULL, NULL);
      return;
    }
  ticket = okc_ticket_view_get_ticket (self->ticket_view);
  if (ticket == NULL)
    {
      okc_window_show_toast (self, _("Open a ticket first, or find the account in Customers → "
                                     "Accounts"));
      return;
    }
  open_ticket_account (self, ticket);
}

void
okc_window_accounts_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-accounts", NULL, show_accounts_action);
  gtk_widget_class_install_action (widget_class, "win.show-account", "s", show_account_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_7, GDK_CONTROL_MASK,
                                       "win.show-accounts", NULL);
}
