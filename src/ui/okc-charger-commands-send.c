/* okc-charger-commands-send.c — sending a command: the confirmation a hard reset needs,
 * the customer's account a session is for, and what the backend answers
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-charger-commands-private.h"
#include "okc-client-chargers.h"

typedef struct
{
  OkcChargerCommands *self;
  OkcCommandKind kind;
} SendData;

static void
send_data_free (SendData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SendData, send_data_free)

static void
command_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SendData) data = user_data;
  OkcChargerCommands *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerCommand) command =
    okc_client_send_charger_command_finish (OKC_CLIENT (object), result, &error);

  self->sending[data->kind] = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (command == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_CONFLICT))
        /* Translators: "“Soft reset” refused: CH-10234 is offline: …" — the backend's reason */
        message = g_strdup_printf (_("“%s” refused: %s"), okc_command_kind_get_label (data->kind),
                                   error->message);
      else
        /* Translators: "“Soft reset” was not sent: the backend cannot be reached" */
        message = g_strdup_printf (_("“%s” was not sent: %s"), okc_command_kind_get_label (data->kind),
                                   error->message);
      okc_charger_commands_show_problem (self, message);
    }
  else if (okc_charger_commands_is_this_charger (self, okc_charger_command_get_charger_id (command)))
    {
      okc_charger_commands_show_problem (self, NULL);
      okc_charger_commands_upsert (self, command, FALSE);
    }
  okc_charger_commands_update (self);
}

static void
send_command (OkcChargerCommands *self,
              OkcCommandKind      kind,
              guint               connector_id)
{
  g_autoptr(OkcChargerCommand) command = NULL;
  g_autofree char *reason = NULL;
  SendData *data;

  /* The charger may have changed since the button was last evaluated. */
  if (!okc_charger_commands_can_send (self, kind, connector_id, &reason))
    {
      okc_charger_commands_show_problem (self, reason);
      okc_charger_commands_update (self);
      return;
    }

  command = okc_charger_command_new (okc_charger_commands_get_charger_id (self), kind, connector_id);
  okc_charger_command_set_ticket_id (command, self->ticket_id);
  if (kind == OKC_COMMAND_KIND_CHANGE_AVAILABILITY)
    okc_charger_command_set_availability (command,
                                          gtk_drop_down_get_selected (self->availability_dropdown) == 1
                                            ? OKC_AVAILABILITY_INOPERATIVE : OKC_AVAILABILITY_OPERATIVE);
  if (kind == OKC_COMMAND_KIND_REMOTE_START)
    okc_charger_command_set_account (command, self->account_id);
  if (kind == OKC_COMMAND_KIND_REMOTE_STOP)
    okc_charger_command_set_end_billing (command, gtk_switch_get_active (self->end_billing_switch));

  self->sending[kind] = TRUE;
  okc_charger_commands_update_one (self, kind);
  data = g_new0 (SendData, 1);
  data->self = g_object_ref (self);
  data->kind = kind;
  okc_client_send_charger_command_async (self->client, command, self->cancellable,
                                         command_sent_cb, data);
}

typedef struct
{
  OkcChargerCommands *self;
  char *charger_id;
} ConfirmData;

static void
confirm_data_free (gpointer  user_data,
                   GClosure *closure)
{
  ConfirmData *data = user_data;

  g_object_unref (data->self);
  g_free (data->charger_id);
  g_free (data);
}

static void
hard_reset_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  ConfirmData *data = user_data;

  /* Only for the charger the agent confirmed it for. */
  if (g_str_equal (response, "reset") && okc_charger_commands_is_this_charger (data->self, data->charger_id))
    send_command (data->self, OKC_COMMAND_KIND_HARD_RESET, 0);
}

static void
confirm_hard_reset (OkcChargerCommands *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  ConfirmData *data;
  g_autofree char *heading = NULL;

  /* Translators: %s is a charger id */
  heading = g_strdup_printf (_("Hard Reset %s?"), okc_charger_commands_get_charger_id (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The charger is power-cycled: every charging session on it "
                                     "stops, and it is back in about 15 seconds."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reset", _("_Hard Reset"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  data = g_new0 (ConfirmData, 1);
  data->self = g_object_ref (self);
  data->charger_id = g_strdup (okc_charger_commands_get_charger_id (self));
  g_signal_connect_data (dialog, "response", G_CALLBACK (hard_reset_response_cb), data,
                         confirm_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * okc_charger_commands_run:
 * @kind: the command
 * @connector_id: its connector where @kind needs one (0 for the one chosen in the widget)
 *
 * Does what the command's button does: sends @kind if the charger can take it now (a hard
 * reset after the agent confirms), else says why. The playbook's one-click steps use it.
 */
void
okc_charger_commands_run (OkcChargerCommands *self,
                          OkcCommandKind      kind,
                          guint               connector_id)
{
  g_autofree char *reason = NULL;

  g_return_if_fail (OKC_IS_CHARGER_COMMANDS (self));
  g_return_if_fail (kind < N_KINDS);

  if ((okc_command_kind_needs_connector (kind) || kind == OKC_COMMAND_KIND_CHANGE_AVAILABILITY) &&
      connector_id == 0)
    connector_id = okc_charger_commands_get_connector (self);
  else if (!okc_command_kind_needs_connector (kind) && kind != OKC_COMMAND_KIND_CHANGE_AVAILABILITY)
    connector_id = 0;

  if (!okc_charger_commands_can_send (self, kind, connector_id, &reason))
    {
      okc_charger_commands_show_problem (self, reason);
      return;
    }
  if (kind == OKC_COMMAND_KIND_HARD_RESET)
    confirm_hard_reset (self);
  else
    send_command (self, kind, connector_id);
}

static void
account_found_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OkcChargerCommands) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerAccess) access =
    okc_client_get_charger_access_finish (OKC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->account_name, g_free);

  if (access == NULL)
    {
      /* Translators: %s is why the customer's account could not be found */
      g_autofree char *message = g_strdup_printf (_("The customer’s account could not be looked up: %s"),
                                                  error->message);
      okc_charger_commands_show_problem (self, message);
    }
  else if (okc_charger_access_get_account_id (access) == NULL)
    okc_charger_commands_show_problem (self, _("No OK2Charge account has this email or phone"));
  else
    {
      const char *name = okc_charger_access_get_account_name (access);
      const char *email = okc_charger_access_get_account_email (access);

      self->account_id = g_strdup (okc_charger_access_get_account_id (access));
      /* Translators: an account, "Maya Chen (maya.chen@example.com)" */
      self->account_name = email != NULL ? g_strdup_printf (_("%s (%s)"), name, email) : g_strdup (name);
      okc_charger_commands_show_problem (self, NULL);
    }
  okc_charger_commands_update (self);
}

/**
 * okc_charger_commands_find_account:
 * @account: the customer's email or phone, as the agent typed it
 *
 * Looks up the account a host or override session would be for; "Start Session" names it
 * once found.
 */
void
okc_charger_commands_find_account (OkcChargerCommands *self,
                                   const char         *account)
{
  g_assert (OKC_IS_CHARGER_COMMANDS (self));

  okc_client_get_charger_access_async (self->client, okc_charger_commands_get_charger_id (self),
                                       account, self->charger_cancellable, account_found_cb,
                                       g_object_ref (self));
}
