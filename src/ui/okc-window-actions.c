/* okc-window-actions.c — what an agent does to the ticket on screen: claim, assign,
 * release, change its status or priority, reply, add a note
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-window-private.h"

/* Every change carries the version the agent saw. When a colleague changed the ticket
 * first, the backend refuses it (412) with the ticket as it is now: the console puts that
 * version on screen and says who changed what, and the agent decides again. Nothing is
 * retried behind their back. */

/* NULL also while the window's template is being built or torn down, when GTK already
 * reads the state of win.ticket-priority. */
static OkcTicket *
shown_ticket (OkcWindow *self)
{
  return self->ticket_view != NULL ? okc_ticket_view_get_ticket (self->ticket_view) : NULL;
}

static gboolean
is_mine (OkcWindow *self,
         OkcTicket *ticket)
{
  return self->user != NULL &&
         g_strcmp0 (okc_ticket_get_assignee_id (ticket), okc_user_get_id (self->user)) == 0;
}

/* A newer version from the backend replaces the one in the queue, the store and on
 * screen. */
static void
apply_ticket (OkcWindow *self,
              OkcTicket *ticket)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();

  if (self->queue == NULL)
    return;
  g_ptr_array_add (batch, ticket);
  okc_ticket_queue_apply (self->queue, batch);
  okc_store_save_tickets_async (self->store, batch, 0, NULL, NULL, NULL);
  if (shown_ticket (self) != NULL &&
      g_str_equal (okc_ticket_get_id (shown_ticket (self)), okc_ticket_get_id (ticket)))
    okc_ticket_view_set_ticket (self->ticket_view, ticket);
}

/**
 * okc_window_actions_update:
 *
 * Enables what makes sense for the ticket on screen and the change in flight.
 */
void
okc_window_actions_update (OkcWindow *self)
{
  OkcTicket *ticket = shown_ticket (self);
  gboolean idle = ticket != NULL && self->client != NULL && !self->changing;
  OkcTicketStatus status = ticket != NULL ? okc_ticket_get_status (ticket) : OKC_TICKET_STATUS_NEW;
  gboolean resolved = status == OKC_TICKET_STATUS_RESOLVED;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.claim-ticket", idle && !resolved);
  gtk_widget_action_set_enabled (widget, "win.release-ticket",
                                 idle && !resolved && is_mine (self, ticket));
  gtk_widget_action_set_enabled (widget, "win.assign-ticket", idle && !resolved);
  /* A refund waiting for a supervisor keeps the ticket open (docs/api.md, 409). */
  gtk_widget_action_set_enabled (widget, "win.resolve-ticket",
                                 idle && !resolved && status != OKC_TICKET_STATUS_WAITING_APPROVAL);
  gtk_widget_action_set_enabled (widget, "win.reopen-ticket", idle && resolved);
  gtk_widget_action_set_enabled (widget, "win.set-ticket-status", idle && !resolved);
  gtk_widget_action_set_enabled (widget, "win.ticket-priority", idle && !resolved);
  gtk_widget_action_set_enabled (widget, "win.reply", ticket != NULL);
  gtk_widget_action_set_enabled (widget, "win.add-note", ticket != NULL);
  g_object_notify (G_OBJECT (self), "ticket-priority");
}

/* What a call's callback needs: the window, and one text (the toast to show on success
 * of a change, or the ticket a reply or note was for). */
typedef struct
{
  OkcWindow *window;
  char *text;
} CallData;

static CallData *
call_data_new (OkcWindow  *self,
               const char *text)
{
  CallData *data = g_new0 (CallData, 1);

  data->window = g_object_ref (self);
  data->text = g_strdup (text);
  return data;
}

static void
call_data_free (CallData *data)
{
  g_object_unref (data->window);
  g_free (data->text);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CallData, call_data_free)

/* A conflict shows the current version; any other failure says why in a toast. */
static void
report_failure (OkcWindow    *self,
                const GError *error,
                OkcTicket    *current)
{
  if (current != NULL)
    {
      g_autofree char *message = NULL;

      apply_ticket (self, current);
      okc_window_live_fetch_timeline (self);
      /* Translators: %s is the backend's account of who changed the ticket */
      message = g_strdup_printf (_("%s The ticket is reloaded: check it and try again."),
                                 error->message);
      okc_window_show_toast (self, message);
      return;
    }
  okc_window_session_handle_error (self, error);
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CallData) data = user_data;
  OkcWindow *self = data->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcTicket) current = NULL;
  g_autoptr(OkcTicket) ticket =
    okc_client_update_ticket_finish (OKC_CLIENT (object), result, &current, &error);

  self->changing = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (ticket == NULL)
    report_failure (self, error, current);
  else
    {
      apply_ticket (self, ticket);
      /* The agent's own change is no news to the reply they are writing. */
      okc_reply_composer_acknowledge (okc_ticket_view_get_composer (self->ticket_view));
      okc_window_live_fetch_timeline (self);
      if (data->text != NULL)
        okc_window_show_toast (self, data->text);
    }
  okc_window_actions_update (self);
}

static void
change_ticket (OkcWindow       *self,
               OkcTicketChange *change,
               const char      *done)
{
  OkcTicket *ticket = shown_ticket (self);

  if (ticket == NULL || self->client == NULL || self->changing)
    return;

  self->changing = TRUE;
  okc_window_actions_update (self);
  okc_client_update_ticket_async (self->client, okc_ticket_get_id (ticket),
                                  okc_ticket_get_version (ticket), change,
                                  self->account_cancellable, changed_cb,
                                  call_data_new (self, done));
}

/* Ctrl+M is one key for both: it claims a ticket that is not the agent's, and releases
 * one that is. */
static void
claim_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);
  OkcTicket *ticket = shown_ticket (self);
  g_autoptr(OkcTicketChange) change = okc_ticket_change_new ();

  if (ticket == NULL || self->user == NULL)
    return;
  okc_ticket_change_set_assignee (change, is_mine (self, ticket) ? NULL : okc_user_get_id (self->user));
  change_ticket (self, change, NULL);
}

static void
release_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autoptr(OkcTicketChange) change = okc_ticket_change_new ();

  okc_ticket_change_set_assignee (change, NULL);
  change_ticket (OKC_WINDOW (widget), change, _("Ticket released to the queue"));
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(OkcTicketChange) change = okc_ticket_change_new ();

  okc_ticket_change_set_assignee (change, g_variant_get_string (parameter, NULL));
  change_ticket (OKC_WINDOW (widget), change, _("Ticket assigned"));
}

static void
set_status (OkcWindow       *self,
            OkcTicketStatus  status,
            const char      *done)
{
  g_autoptr(OkcTicketChange) change = okc_ticket_change_new ();

  okc_ticket_change_set_status (change, status);
  change_ticket (self, change, done);
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_status (OKC_WINDOW (widget), OKC_TICKET_STATUS_RESOLVED, _("Ticket resolved"));
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  set_status (OKC_WINDOW (widget), OKC_TICKET_STATUS_OPEN, _("Ticket reopened"));
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  int status;

  if (!okc_enum_from_nick (OKC_TYPE_TICKET_STATUS, g_variant_get_string (parameter, NULL), &status))
    return;
  set_status (OKC_WINDOW (widget), status, NULL);
}

/**
 * okc_window_actions_set_priority:
 * @nick: a priority's nick, the state win.ticket-priority was set to
 *
 * Changes the priority of the ticket on screen, unless it already has that one.
 */
void
okc_window_actions_set_priority (OkcWindow  *self,
                                 const char *nick)
{
  OkcTicket *ticket = shown_ticket (self);
  g_autoptr(OkcTicketChange) change = NULL;
  int priority;

  if (ticket == NULL || !okc_enum_from_nick (OKC_TYPE_PRIORITY, nick, &priority) ||
      (OkcPriority) priority == okc_ticket_get_priority (ticket))
    return;
  change = okc_ticket_change_new ();
  okc_ticket_change_set_priority (change, priority);
  change_ticket (self, change, NULL);
}

/**
 * okc_window_actions_get_priority:
 *
 * Returns: the nick of the priority of the ticket on screen, or "" when none is.
 */
const char *
okc_window_actions_get_priority (OkcWindow *self)
{
  OkcTicket *ticket = shown_ticket (self);

  if (ticket == NULL)
    return "";
  return okc_enum_to_nick (OKC_TYPE_PRIORITY, okc_ticket_get_priority (ticket));
}

static void
reply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);

  okc_reply_composer_start (okc_ticket_view_get_composer (self->ticket_view),
                            g_str_equal (action_name, "win.add-note"));
}

/* A reply the backend held back (the ticket changed since the agent read it) stays in
 * the composer with the reason; the agent reads the new version and sends again. */
static void
reply_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CallData) data = user_data;
  OkcWindow *self = data->window;
  OkcReplyComposer *composer = okc_ticket_view_get_composer (self->ticket_view);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcTicket) ticket = NULL;
  g_autoptr(OkcTicket) current = NULL;
  g_autoptr(OkcTimelineEntry) entry =
    okc_client_send_reply_finish (OKC_CLIENT (object), result, &ticket, &current, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  okc_reply_composer_set_sending (composer, FALSE);

  if (entry == NULL)
    {
      g_autofree char *problem = NULL;

      if (current != NULL)
        {
          apply_ticket (self, current);
          okc_window_live_fetch_timeline (self);
          okc_reply_composer_acknowledge (composer);
          /* Translators: %s is the backend's account of who changed the ticket */
          problem = g_strdup_printf (_("Not sent: %s Read the update, then send again."),
                                     error->message);
        }
      else
        /* Translators: %s is why the reply could not be sent */
        problem = g_strdup_printf (_("Not sent: %s"), error->message);
      okc_reply_composer_set_problem (composer, problem);
      return;
    }

  okc_reply_composer_sent (composer, data->text);
  apply_ticket (self, ticket);
  okc_window_live_fetch_timeline (self);
  okc_window_show_toast (self, _("Reply sent"));
}

static void
note_added_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CallData) data = user_data;
  OkcWindow *self = data->window;
  OkcReplyComposer *composer = okc_ticket_view_get_composer (self->ticket_view);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcTimelineEntry) entry =
    okc_client_add_note_finish (OKC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  okc_reply_composer_set_sending (composer, FALSE);

  if (entry == NULL)
    {
      /* Translators: %s is why the note could not be saved */
      g_autofree char *problem = g_strdup_printf (_("Not saved: %s"), error->message);
      okc_reply_composer_set_problem (composer, problem);
      return;
    }
  okc_reply_composer_sent (composer, data->text);
  okc_window_live_fetch_timeline (self);
  /* The note bumped the ticket's version: fetch it, so a reply carries the new one. */
  okc_window_refresh_ticket (self, data->text);
}

static void
composer_send_cb (OkcWindow  *self,
                  gboolean    note,
                  const char *text,
                  int         then,
                  gint64      base_version)
{
  OkcTicket *ticket = shown_ticket (self);
  OkcReplyComposer *composer = okc_ticket_view_get_composer (self->ticket_view);
  int then_status = -1;

  if (ticket == NULL || self->client == NULL)
    return;

  okc_reply_composer_set_problem (composer, NULL);
  okc_reply_composer_set_sending (composer, TRUE);
  if (note)
    {
      okc_client_add_note_async (self->client, okc_ticket_get_id (ticket), text,
                                 self->account_cancellable, note_added_cb,
                                 call_data_new (self, okc_ticket_get_id (ticket)));
      return;
    }

  if (then == OKC_REPLY_THEN_WAIT_FOR_CUSTOMER)
    then_status = OKC_TICKET_STATUS_WAITING_CUSTOMER;
  else if (then == OKC_REPLY_THEN_RESOLVE)
    then_status = OKC_TICKET_STATUS_RESOLVED;
  okc_client_send_reply_async (self->client, okc_ticket_get_id (ticket),
                               base_version > 0 ? base_version : okc_ticket_get_version (ticket),
                               text, then_status,
                               self->account_cancellable, reply_sent_cb,
                               call_data_new (self, okc_ticket_get_id (ticket)));
}

/* A bulk action is one versioned change a ticket: each either goes through, or is left
 * as it is because a colleague changed it meanwhile or the backend refused it, and the
 * agent is told how many of each. */
typedef struct
{
  OkcWindow *window;
  guint pending;
  guint done;
  guint conflicts;
  guint refused;
  char *first_problem;
  gboolean resolving; /* else assigning */
} BulkRun;

static void
bulk_run_finish (BulkRun *run)
{
  OkcWindow *self = run->window;
  g_autoptr(GString) message = g_string_new (NULL);

  if (run->resolving)
    g_string_printf (message, ngettext ("%u ticket resolved", "%u tickets resolved", run->done),
                     run->done);
  else
    g_string_printf (message, ngettext ("%u ticket assigned", "%u tickets assigned", run->done),
                     run->done);
  if (run->conflicts > 0)
    {
      g_string_append (message, " · ");
      g_string_append_printf (message,
                              ngettext ("%u had changed meanwhile and was left as it is",
                                        "%u had changed meanwhile and were left as they are",
                                        run->conflicts),
                              run->conflicts);
    }
  if (run->refused > 0)
    {
      g_string_append (message, " · ");
      g_string_append_printf (message, ngettext ("%u refused: %s", "%u refused, the first: %s",
                                                 run->refused),
                              run->refused, run->first_problem);
    }
  okc_window_show_toast (self, message->str);
  okc_queue_view_end_selection_mode (self->queue_view);
  okc_window_actions_update (self);

  g_object_unref (run->window);
  g_free (run->first_problem);
  g_free (run);
}

static void
bulk_changed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BulkRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcTicket) current = NULL;
  g_autoptr(OkcTicket) ticket =
    okc_client_update_ticket_finish (OKC_CLIENT (object), result, &current, &error);

  if (ticket != NULL)
    {
      apply_ticket (run->window, ticket);
      run->done++;
    }
  else if (current != NULL)
    {
      apply_ticket (run->window, current);
      run->conflicts++;
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (run->first_problem == NULL)
        run->first_problem = g_strdup (error->message);
      run->refused++;
    }

  if (--run->pending == 0)
    bulk_run_finish (run);
}

static void
bulk_change (OkcWindow             *self,
             const OkcTicketChange *change,
             gboolean               resolving)
{
  g_autoptr(GPtrArray) tickets = okc_queue_view_get_bulk_selection (self->queue_view);
  BulkRun *run;

  if (tickets->len == 0 || self->client == NULL)
    return;

  run = g_new0 (BulkRun, 1);
  run->window = g_object_ref (self);
  run->pending = tickets->len;
  run->resolving = resolving;
  for (guint i = 0; i < tickets->len; i++)
    {
      OkcTicket *ticket = g_ptr_array_index (tickets, i);

      okc_client_update_ticket_async (self->client, okc_ticket_get_id (ticket),
                                      okc_ticket_get_version (ticket), change,
                                      self->account_cancellable, bulk_changed_cb, run);
    }
}

static void
bulk_assign_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(OkcTicketChange) change = okc_ticket_change_new ();

  okc_ticket_change_set_assignee (change, g_variant_get_string (parameter, NULL));
  bulk_change (OKC_WINDOW (widget), change, FALSE);
}

static void
bulk_resolve_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(OkcTicketChange) change = okc_ticket_change_new ();

  okc_ticket_change_set_status (change, OKC_TICKET_STATUS_RESOLVED);
  bulk_change (OKC_WINDOW (widget), change, TRUE);
}

static void
bulk_selection_changed_cb (OkcWindow *self,
                           guint      n_selected)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.bulk-assign", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.bulk-resolve", n_selected > 0);
}

/**
 * okc_window_actions_install:
 * @widget_class: the window's class
 *
 * Installs the ticket actions and their accelerators (listed in the shortcuts window).
 */
void
okc_window_actions_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.claim-ticket", NULL, claim_action);
  gtk_widget_class_install_action (widget_class, "win.release-ticket", NULL, release_action);
  gtk_widget_class_install_action (widget_class, "win.assign-ticket", "s", assign_action);
  gtk_widget_class_install_action (widget_class, "win.resolve-ticket", NULL, resolve_action);
  gtk_widget_class_install_action (widget_class, "win.reopen-ticket", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "win.set-ticket-status", "s", set_status_action);
  gtk_widget_class_install_property_action (widget_class, "win.ticket-priority", "ticket-priority");
  gtk_widget_class_install_action (widget_class, "win.reply", NULL, reply_action);
  gtk_widget_class_install_action (widget_class, "win.add-note", NULL, reply_action);
  gtk_widget_class_install_action (widget_class, "win.bulk-assign", "s", bulk_assign_action);
  gtk_widget_class_install_action (widget_class, "win.bulk-resolve", NULL, bulk_resolve_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "win.claim-ticket", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.resolve-ticket", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.reply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.add-note", NULL);
}

/**
 * okc_window_actions_init:
 *
 * Connects the composer of the ticket view to the backend calls.
 */
void
okc_window_actions_init (OkcWindow *self)
{
  g_signal_connect_object (okc_ticket_view_get_composer (self->ticket_view), "send",
                           G_CALLBACK (composer_send_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue_view, "bulk-selection-changed",
                           G_CALLBACK (bulk_selection_changed_cb), self, G_CONNECT_SWAPPED);
  bulk_selection_changed_cb (self, 0);
  okc_window_actions_update (self);
}
