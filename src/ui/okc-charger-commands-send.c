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
#include "okc-window.h"

/* A command goes through the window's outbox (docs/actions.md): written first, sent until
 * the backend answers, once. The widget hears the answer through "action-finished" for as
 * long as it exists; the outbox keeps the action whatever happens to the widget. */
typedef struct
{
  GWeakRef self;
  OkcOutboxAction *action;
  OkcCommandKind kind;
  gulong handler_id;
} SendData;

static void
send_data_free (gpointer  user_data,
                GClosure *closure)
{
  SendData *data = user_data;

  g_weak_ref_clear (&data->self);
  g_object_unref (data->action);
  g_free (data);
}

static void
show_refusal (OkcChargerCommands *self,
              OkcCommandKind      kind,
              const GError       *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_CONFLICT))
    /* Translators: "“Soft reset” refused: CH-10234 is offline: …" — the backend's reason */
    message = g_strdup_printf (_("“%s” refused: %s"), okc_command_kind_get_label (kind),
                               error->message);
  else
    /* Translators: "“Soft reset” was not sent: the backend cannot be reached" */
    message = g_strdup_printf (_("“%s” was not sent: %s"), okc_command_kind_get_label (kind),
                               error->message);
  okc_charger_commands_show_problem (self, message);
}

static void
show_answer (OkcChargerCommands *self,
             OkcCommandKind      kind,
             JsonNode           *response)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerCommand) command = okc_charger_command_new_from_json (response, NULL, &error);

  if (command == NULL)
    {
      /* Translators: %s is what was wrong with the backend's answer */
      g_autofree char *message = g_strdup_printf (_("“%s” was sent, but the backend’s answer "
                                                    "is not understood: %s"),
                                                  okc_command_kind_get_label (kind), error->message);
      okc_charger_commands_show_problem (self, message);
    }
  else if (okc_charger_commands_is_this_charger (self, okc_charger_command_get_charger_id (command)))
    {
      okc_charger_commands_show_problem (self, NULL);
      okc_charger_commands_upsert (self, command, FALSE);
    }
}

static void
action_finished_cb (OkcOutbox       *outbox,
                    OkcOutboxAction *action,
                    gpointer         user_data)
{
  SendData *data = user_data;
  g_autoptr(OkcChargerCommands) self = NULL;

  if (action != data->action)
    return;

  self = g_weak_ref_get (&data->self);
  if (self != NULL)
    {
      self->sending[data->kind] = FALSE;
      if (okc_outbox_action_get_state (action) == OKC_OUTBOX_STATE_DONE)
        show_answer (self, data->kind, okc_outbox_action_get_response (action));
      else
        show_refusal (self, data->kind, okc_outbox_action_get_error (action));
      okc_charger_commands_update (self);
    }
  /* Frees @data. */
  g_signal_handler_disconnect (outbox, data->handler_id);
}

/* @user_data is the SendData: alive until its handler is disconnected, and the outbox's
 * task holds the outbox. */
static void
command_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SendData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcChargerCommands) self = NULL;

  if (okc_outbox_submit_finish (OKC_OUTBOX (object), result, &error))
    return;

  /* Nothing was recorded, so nothing will be sent: say so, and the agent may try again. */
  self = g_weak_ref_get (&data->self);
  if (self != NULL)
    {
      /* Translators: "“Soft reset” was not sent: it could not be recorded: …" */
      g_autofree char *message = g_strdup_printf (_("“%s” was not sent: it could not be recorded: %s"),
                                                  okc_command_kind_get_label (data->kind),
                                                  error->message);
      self->sending[data->kind] = FALSE;
      okc_charger_commands_show_problem (self, message);
      okc_charger_commands_update (self);
    }
  g_signal_handler_disconnect (object, data->handler_id);
}

static char *
command_summary (OkcChargerCommand *command)
{
  /* Translators: an action in the outbox, "Soft reset on CH-10234" */
  return g_strdup_printf (_("%s on %s"), okc_command_kind_get_label (okc_charger_command_get_kind (command)),
                          okc_charger_command_get_charger_id (command));
}

static void
send_command (OkcChargerCommands *self,
              OkcCommandKind      kind,
              guint               connector_id)
{
  g_autoptr(OkcChargerCommand) command = NULL;
  g_autoptr(OkcOutboxAction) action = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), OKC_TYPE_WINDOW);
  OkcOutbox *outbox = window != NULL ? okc_window_get_outbox (OKC_WINDOW (window)) : NULL;
  SendData *data;

  /* The charger may have changed since the button was last evaluated. */
  if (!okc_charger_commands_can_send (self, kind, connector_id, &reason))
    {
      okc_charger_commands_show_problem (self, reason);
      okc_charger_commands_update (self);
      return;
    }
  if (outbox == NULL)
    {
      okc_charger_commands_show_problem (self, _("Sign in to send commands"));
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

  body = okc_charger_command_to_request_json (command);
  escaped = g_uri_escape_string (okc_charger_command_get_charger_id (command), NULL, FALSE);
  path = g_strconcat ("/v1/chargers/", escaped, "/commands", NULL);
  summary = command_summary (command);
  action = okc_outbox_action_new ("charger.command", "POST", path, body, self->ticket_id, summary);

  self->sending[kind] = TRUE;
  okc_charger_commands_update_one (self, kind);
  data = g_new0 (SendData, 1);
  g_weak_ref_init (&data->self, self);
  data->action = g_object_ref (action);
  data->kind = kind;
  data->handler_id = g_signal_connect_data (outbox, "action-finished", G_CALLBACK (action_finished_cb),
                                            data, send_data_free, 0);
  okc_outbox_submit_async (outbox, action, NULL, command_written_cb, data);
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
