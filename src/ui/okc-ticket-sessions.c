/* okc-ticket-sessions.c — on a billing ticket: the sessions around the reported time
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "okc-client-refunds.h"
#include "okc-client-sessions.h"
#include "okc-session-match.h"
#include "okc-session-reply.h"
#include "okc-session-view.h"
#include "okc-ticket-sessions.h"
#include "okc-time-format.h"
#include "okc-widget-util.h"

/* One page is plenty: 24 hours of one charger, or of one property's chargers. */
#define MAX_SESSIONS 500
/* A ticket has a handful of refunds: one page, the largest the backend serves, holds them. */
#define MAX_TICKET_REFUNDS 200

struct _OkcTicketSessions
{
  GtkWidget parent_instance;

  OkcClient *client;
  OkcTicket *ticket;
  /* What the list shows: charger or property and window; a new version of the same
   * ticket reloads only when one of them changed. */
  char *loaded_key;
  GCancellable *cancellable;

  AdwPreferencesGroup *group;
  GtkButton *reply_button;
  GtkStack *stack;
  GtkSpinner *spinner;
  GtkLabel *message_label;
  GtkButton *retry_button;
  GtkListBox *list_box;
  GtkLabel *reply_problem_label;
  OkcSessionView *session_view;
  AdwPreferencesGroup *refunds_group;
  GtkListBox *refunds_list;
  GCancellable *refunds_cancellable;
};

G_DEFINE_FINAL_TYPE (OkcTicketSessions, okc_ticket_sessions, GTK_TYPE_WIDGET)

enum
{
  REPLY_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Topics 2, 4 and 5 are about what a session did and cost. */
static gboolean
is_session_topic (const OkcTopic *topic)
{
  return topic != NULL && (topic->number == 2 || topic->number == 4 || topic->number == 5);
}

/* The label of the topic's date-and-time detail, to say which one is missing. */
static const char *
time_field_label (const OkcTopic *topic)
{
  for (guint i = 0; i < topic->n_fields; i++)
    if (topic->fields[i].kind == OKC_FIELD_TIME || topic->fields[i].kind == OKC_FIELD_TIME_LIST)
      return _(topic->fields[i].label);
  return _("Session date and time");
}

static void
show_message (OkcTicketSessions *self,
              const char        *message,
              gboolean           can_retry)
{
  gtk_label_set_label (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), can_retry);
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

static void
clear_list (OkcTicketSessions *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->session_view), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reply_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->reply_problem_label), FALSE);
}

/* "23 Nov 2026, 18:00 – 18:45", the end's date only when it is another day. */
static char *
format_span (gint64 started_at,
             gint64 ended_at)
{
  g_autoptr(GDateTime) start_utc = g_date_time_new_from_unix_utc (started_at);
  g_autoptr(GDateTime) end_utc = g_date_time_new_from_unix_utc (ended_at);
  g_autoptr(GDateTime) start = g_date_time_to_local (start_utc);
  g_autoptr(GDateTime) end = g_date_time_to_local (end_utc);
  g_autofree char *from = okc_format_local_time (started_at);
  g_autofree char *to = NULL;

  if (g_date_time_get_day_of_year (start) == g_date_time_get_day_of_year (end) &&
      g_date_time_get_year (start) == g_date_time_get_year (end))
    to = okc_time_format (end, OKC_TIME_FORM_TIME);
  else
    to = okc_format_local_time (ended_at);
  /* Translators: a session's start and end, "23 Nov 2026, 18:00 – 18:45" */
  return g_strdup_printf (_("%s – %s"), from, to);
}

static GtkWidget *
make_row (OkcChargingSession *session,
          gboolean            likely)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *span = format_span (okc_charging_session_get_started_at (session),
                                       okc_charging_session_get_ended_at (session));
  g_autofree char *energy = okc_format_energy_display (okc_charging_session_get_energy_wh (session));
  g_autofree char *billed = NULL;
  g_autofree char *facts = NULL;
  g_autofree char *spoken = NULL;
  OkcSessionOutcome outcome = okc_charging_session_get_outcome (session);
  OkcMoney total;

  okc_charging_session_get_billed_total (session, &total);
  billed = okc_money_format_display (&total);
  /* Translators: a session's energy, what it billed and how it ended, with its id:
   * "12.4 kWh · $4.28 billed · Completed · SES-0000042" */
  facts = g_strdup_printf (_("%s · %s billed · %s · %s"), energy, billed,
                           okc_session_outcome_get_label (outcome),
                           okc_charging_session_get_id (session));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), span);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), facts);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* The row is the session as a whole to a screen reader, the badge included. */
  spoken = likely
             /* Translators: a session row as a screen reader says it: its time, its facts */
             ? g_strdup_printf (_("%s: %s, likely match"), span, facts)
             /* Translators: a session row as a screen reader says it: its time, its facts */
             : g_strdup_printf (_("%s: %s"), span, facts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  if (likely)
    {
      GtkWidget *badge = gtk_label_new (_("Likely match"));

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "accent");
      gtk_widget_add_css_class (badge, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
  g_object_set_data_full (G_OBJECT (row), "okc-session-id",
                          g_strdup (okc_charging_session_get_id (session)), g_free);
  return row;
}

static void
show_sessions (OkcTicketSessions *self,
               GPtrArray         *sessions,
               int                likely)
{
  GtkListBoxRow *likely_row = NULL;

  clear_list (self);
  for (guint i = 0; i < sessions->len; i++)
    {
      GtkWidget *row = make_row (g_ptr_array_index (sessions, i), (int) i == likely);

      gtk_list_box_append (self->list_box, row);
      if ((int) i == likely)
        likely_row = GTK_LIST_BOX_ROW (row);
    }
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "list");
  /* The likely one opens below; with none near enough the agent picks. */
  gtk_list_box_select_row (self->list_box, likely_row);
}

/* "Sessions on charger CH-10234 from 23 Nov 2026, 06:00 to 24 Nov 2026, 06:00", or that
 * there are none (@none); @property: the property's name (or id), when the query is by
 * property. */
static char *
describe_window (const OkcSessionQuery *query,
                 const char            *property,
                 gboolean               none)
{
  g_autofree char *from = okc_format_local_time (query->from);
  g_autofree char *to = okc_format_local_time (query->to);

  if (query->charger_id != NULL)
    return none
             /* Translators: no sessions were found: a charger ID and two times */
             ? g_strdup_printf (_("No sessions on charger %s from %s to %s."), query->charger_id,
                                from, to)
             /* Translators: the sessions asked for: a charger ID and two times */
             : g_strdup_printf (_("Sessions on charger %s from %s to %s"), query->charger_id,
                                from, to);
  if (!none)
    /* Translators: the sessions asked for: a property's name and two times */
    return g_strdup_printf (_("Sessions at %s from %s to %s"), property, from, to);
  /* Translators: no sessions were found: a property's name and two times */
  return g_strdup_printf (_("No sessions at %s from %s to %s."), property, from, to);
}

/* One request for the list: what it asked and what the answer is ranked against. */
typedef struct
{
  OkcTicketSessions *self;
  OkcSessionReport *report;
  OkcSessionQuery *query;
  char *property;
} Listing;

static void
listing_free (Listing *listing)
{
  g_clear_object (&listing->self);
  g_clear_pointer (&listing->report, okc_session_report_free);
  g_clear_pointer (&listing->query, okc_session_query_free);
  g_free (listing->property);
  g_free (listing);
}

static void
sessions_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Listing *listing = user_data;
  OkcTicketSessions *self = listing->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcSessionPage) page = okc_client_list_sessions_finish (OKC_CLIENT (object), result,
                                                                    &error);
  g_autofree char *window = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      listing_free (listing);
      return;
    }
  window = describe_window (listing->query, listing->property, FALSE);
  if (page == NULL)
    {
      /* Translators: %s is why the sessions could not be listed */
      g_autofree char *message = g_strdup_printf (_("The sessions could not be loaded: %s"),
                                                  error->message);

      g_clear_pointer (&self->loaded_key, g_free);
      show_message (self, message, TRUE);
      listing_free (listing);
      return;
    }
  adw_preferences_group_set_description (self->group, window);
  if (page->sessions->len == 0)
    {
      g_autofree char *message = describe_window (listing->query, listing->property, TRUE);

      show_message (self, message, FALSE);
      listing_free (listing);
      return;
    }
  show_sessions (self, page->sessions, okc_session_match_rank (listing->report, page->sessions));
  listing_free (listing);
}

static void
load (OkcTicketSessions *self)
{
  g_autoptr(OkcSessionReport) report = NULL;
  const char *charger_id, *property_id;
  OkcSessionQuery query = { 0 };
  Listing *listing;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_list (self);
  adw_preferences_group_set_description (self->group, NULL);

  report = okc_session_report_new_from_ticket (self->ticket);
  charger_id = okc_ticket_get_charger_id (self->ticket);
  property_id = okc_ticket_get_property_id (self->ticket);
  if (!okc_session_report_get_window (report, &query.from, &query.to))
    {
      /* Translators: %s is the missing detail, "Session date and time" */
      g_autofree char *message = g_strdup_printf (
        _("The ticket does not say when the customer charged (“%s” is missing): ask them for "
          "the date and time of the session."),
        time_field_label (okc_ticket_get_topic (self->ticket)));

      show_message (self, message, FALSE);
      return;
    }
  if (charger_id == NULL && property_id == NULL)
    {
      show_message (self, _("The ticket names neither a charger nor a known property, so there "
                            "are no sessions to look through: ask the customer for the charger "
                            "ID or the property."),
                    FALSE);
      return;
    }
  if (self->client == NULL)
    return;

  query.charger_id = (char *) charger_id;
  query.property_id = charger_id == NULL ? (char *) property_id : NULL;
  query.sort = (char *) "started_at";
  listing = g_new0 (Listing, 1);
  listing->self = g_object_ref (self);
  listing->query = okc_session_query_copy (&query);
  listing->property = g_strdup (okc_ticket_get_property_name (self->ticket) != NULL
                                  ? okc_ticket_get_property_name (self->ticket)
                                  : property_id);
  listing->report = g_steal_pointer (&report);

  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  okc_client_list_sessions_async (self->client, listing->query, 0, MAX_SESSIONS,
                                  self->cancellable, sessions_listed_cb, listing);
}

/* The ticket's refunds ------------------------------------------------------------- */

static const char *
refund_status_class (OkcRefundStatus status)
{
  switch (status)
    {
    case OKC_REFUND_STATUS_SUCCEEDED:
      return "status-good";
    case OKC_REFUND_STATUS_FAILED:
    case OKC_REFUND_STATUS_REJECTED:
      return "status-bad";
    case OKC_REFUND_STATUS_PENDING_APPROVAL:
    case OKC_REFUND_STATUS_PROCESSING:
    default:
      return "status-busy";
    }
}

static GtkWidget *
make_refund_row (OkcRefund *refund)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *pill;
  const char *status = okc_refund_status_get_label (okc_refund_get_status (refund));
  g_autofree char *amount = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *spoken = NULL;
  g_autofree char *when = okc_format_local_time (okc_refund_get_requested_at (refund));
  OkcMoney money;

  okc_refund_get_amount (refund, &money);
  amount = okc_money_format_display (&money);
  /* Translators: a refund on a ticket, "$60.00 on SES-0001234" */
  title = g_strdup_printf (_("%s on %s"), amount, okc_refund_get_session_id (refund));
  /* Translators: who asked for a refund, when, and its id:
   * "Alex Rivera · 24 Nov 2026, 09:30 · RFD-000001" */
  subtitle = g_strdup_printf (_("%s · %s · %s"), okc_refund_get_requested_by_name (refund), when,
                              okc_refund_get_id (refund));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  pill = gtk_label_new (status);
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (pill, "status-pill");
  gtk_widget_add_css_class (pill, refund_status_class (okc_refund_get_status (refund)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);
  /* Translators: a ticket's refund as a screen reader says it, "$60.00 on SES-0001234:
   * Waiting for approval" */
  spoken = g_strdup_printf (_("%s: %s"), title, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  return row;
}

static void
refunds_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OkcTicketSessions) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefundPage) page = okc_client_list_refunds_finish (OKC_CLIENT (source), result,
                                                                  &error);
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->refunds_list))) != NULL)
    gtk_list_box_remove (self->refunds_list, child);
  if (page == NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      /* Translators: %s says why a ticket's refunds could not be read */
      g_autofree char *text = g_strdup_printf (_("Could not load the refunds: %s"), error->message);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_list_box_append (self->refunds_list, row);
      gtk_widget_set_visible (GTK_WIDGET (self->refunds_group), TRUE);
      return;
    }
  for (guint i = 0; i < page->refunds->len; i++)
    gtk_list_box_append (self->refunds_list, make_refund_row (page->refunds->pdata[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->refunds_group), page->refunds->len > 0);
}

static void
load_refunds (OkcTicketSessions *self)
{
  OkcRefundQuery query = { 0 };

  g_cancellable_cancel (self->refunds_cancellable);
  g_clear_object (&self->refunds_cancellable);
  if (self->client == NULL || self->ticket == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->refunds_group), FALSE);
      return;
    }
  self->refunds_cancellable = g_cancellable_new ();
  query.ticket_id = (char *) okc_ticket_get_id (self->ticket);
  okc_client_list_refunds_async (self->client, &query, NULL, MAX_TICKET_REFUNDS,
                                 self->refunds_cancellable, refunds_listed_cb, g_object_ref (self));
}

/**
 * okc_ticket_sessions_refund_updated:
 * @refund: a refund as it now is
 *
 * A refund of the ticket shown reloads its refunds; the session shown follows it too.
 */
void
okc_ticket_sessions_refund_updated (OkcTicketSessions *self,
                                    OkcRefund         *refund)
{
  g_return_if_fail (OKC_IS_TICKET_SESSIONS (self));
  g_return_if_fail (OKC_IS_REFUND (refund));

  okc_session_view_refund_updated (self->session_view, refund);
  if (self->ticket != NULL &&
      g_strcmp0 (okc_ticket_get_id (self->ticket), okc_refund_get_ticket_id (refund)) == 0)
    load_refunds (self);
}

/* What the list depends on, so that a ticket's new version (a note, a status) keeps the
 * list and the session the agent is looking at. */
static char *
make_key (OkcTicketSessions *self)
{
  g_autoptr(OkcSessionReport) report = okc_session_report_new_from_ticket (self->ticket);
  gint64 from = 0, to = 0;

  okc_session_report_get_window (report, &from, &to);
  return g_strdup_printf ("%s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                          okc_ticket_get_id (self->ticket),
                          okc_ticket_get_charger_id (self->ticket) != NULL
                            ? okc_ticket_get_charger_id (self->ticket) : "",
                          okc_ticket_get_property_id (self->ticket) != NULL
                            ? okc_ticket_get_property_id (self->ticket) : "",
                          from, to);
}

static void
reload_if_changed (OkcTicketSessions *self)
{
  g_autofree char *key = NULL;

  if (self->ticket == NULL || !is_session_topic (okc_ticket_get_topic (self->ticket)))
    {
      g_cancellable_cancel (self->refunds_cancellable);
      gtk_widget_set_visible (GTK_WIDGET (self->refunds_group), FALSE);
      g_cancellable_cancel (self->cancellable);
      g_clear_pointer (&self->loaded_key, g_free);
      clear_list (self);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  key = make_key (self);
  if (g_strcmp0 (key, self->loaded_key) == 0)
    return;
  g_free (self->loaded_key);
  self->loaded_key = self->client != NULL ? g_steal_pointer (&key) : NULL;
  okc_session_view_set_ticket_id (self->session_view, okc_ticket_get_id (self->ticket));
  load (self);
  load_refunds (self);
}

static void
row_selected_cb (OkcTicketSessions *self,
                 GtkListBoxRow     *row)
{
  gtk_widget_set_visible (GTK_WIDGET (self->reply_problem_label), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reply_button), row != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->session_view), row != NULL);
  if (row == NULL)
    return;
  okc_session_view_set_session_id (self->session_view,
                                   g_object_get_data (G_OBJECT (row), "okc-session-id"));
}

static void
reply_clicked_cb (OkcTicketSessions *self)
{
  OkcSessionDetail *detail = okc_session_view_get_detail (self->session_view);
  OkcSessionAudit *audit = okc_session_view_get_audit (self->session_view);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  const char *selected = row != NULL ? g_object_get_data (G_OBJECT (row), "okc-session-id") : NULL;
  g_autofree char *text = NULL;

  /* The view loads the session and audits it; until then (or while it still shows the one
   * selected before) there is no bill to write. */
  if (detail == NULL || audit == NULL ||
      g_strcmp0 (okc_charging_session_get_id (detail->session), selected) != 0)
    {
      gtk_label_set_label (self->reply_problem_label,
                           _("The session’s bill is not loaded yet: wait for it to show below, "
                             "then try again."));
      gtk_widget_set_visible (GTK_WIDGET (self->reply_problem_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->reply_problem_label), FALSE);
  text = okc_session_reply_compose (detail->session, audit, detail->tariff);
  g_signal_emit (self, signals[REPLY_REQUESTED], 0, text);
}

static void
retry_clicked_cb (OkcTicketSessions *self)
{
  g_clear_pointer (&self->loaded_key, g_free);
  reload_if_changed (self);
}

/**
 * okc_ticket_sessions_set_client:
 * @client: (nullable): what sessions are listed with
 */
void
okc_ticket_sessions_set_client (OkcTicketSessions *self,
                                OkcClient         *client)
{
  g_return_if_fail (OKC_IS_TICKET_SESSIONS (self));
  g_return_if_fail (client == NULL || OKC_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;
  okc_session_view_set_client (self->session_view, client);
  g_clear_pointer (&self->loaded_key, g_free);
  reload_if_changed (self);
}

/**
 * okc_ticket_sessions_set_ticket:
 * @ticket: (nullable): the ticket shown
 *
 * Lists the sessions around its reported time when its topic is about a session, else
 * hides itself.
 */
void
okc_ticket_sessions_set_ticket (OkcTicketSessions *self,
                                OkcTicket         *ticket)
{
  g_return_if_fail (OKC_IS_TICKET_SESSIONS (self));
  g_return_if_fail (ticket == NULL || OKC_IS_TICKET (ticket));

  if (!g_set_object (&self->ticket, ticket))
    return;
  reload_if_changed (self);
}

static void
okc_ticket_sessions_dispose (GObject *object)
{
  OkcTicketSessions *self = OKC_TICKET_SESSIONS (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->refunds_cancellable);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_TICKET_SESSIONS);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->refunds_cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->ticket);

  G_OBJECT_CLASS (okc_ticket_sessions_parent_class)->dispose (object);
}

static void
okc_ticket_sessions_finalize (GObject *object)
{
  OkcTicketSessions *self = OKC_TICKET_SESSIONS (object);

  g_free (self->loaded_key);

  G_OBJECT_CLASS (okc_ticket_sessions_parent_class)->finalize (object);
}

static void
okc_ticket_sessions_class_init (OkcTicketSessionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_ticket_sessions_dispose;
  object_class->finalize = okc_ticket_sessions_finalize;

  /**
   * OkcTicketSessions::reply-requested:
   * @text: the reply with the selected session's breakdown
   *
   * The agent asked for the breakdown in the reply.
   */
  signals[REPLY_REQUESTED] = g_signal_new ("reply-requested", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                           1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/com/ok2charge/AgentConsole/ui/okc-ticket-sessions.ui");
  g_type_ensure (OKC_TYPE_SESSION_VIEW);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketSessions, group);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketSessions, reply_button);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketSessions, stack);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketSessions, spinner);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketSessions, message_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketSessions, retry_button);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketSessions, list_box);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketSessions, reply_problem_label);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketSessions, session_view);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketSessions, refunds_group);
  gtk_widget_class_bind_template_child (widget_class, OkcTicketSessions, refunds_list);
  gtk_widget_class_bind_template_callback (widget_class, reply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
}

static void
okc_ticket_sessions_init (OkcTicketSessions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
