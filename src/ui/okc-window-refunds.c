/* okc-window-refunds.c — the window's refunds: Billing → Refund Reviews for supervisors,
 * Ctrl+5, and refund.updated events handed to the views that show refunds
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include "okc-window-private.h"

static gboolean
reviews_refunds (OkcWindow *self)
{
  return self->user != NULL && okc_user_get_role (self->user) == OKC_ROLE_SUPERVISOR;
}

static void
n_pending_cb (OkcWindow *self)
{
  okc_sidebar_set_review_count (self->sidebar,
                                okc_refund_reviews_get_n_pending (self->refund_reviews));
}

/* refund.updated {"refund": Refund}: a status changed, somewhere. */
static void
event_cb (OkcWindow  *self,
          const char *type,
          const char *id,
          JsonNode   *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefund) refund = NULL;
  JsonObject *object;

  if (g_strcmp0 (type, "refund.updated") != 0)
    return;
  object = data != NULL && JSON_NODE_HOLDS_OBJECT (data) ? json_node_get_object (data) : NULL;
  if (object == NULL || !json_object_has_member (object, "refund"))
    {
      g_warning ("A refund.updated event without a refund; ignored");
      return;
    }
  refund = okc_refund_new_from_json (json_object_get_member (object, "refund"), "data.refund",
                                     &error);
  if (refund == NULL)
    {
      g_warning ("A refund.updated event the console cannot read: %s", error->message);
      return;
    }
  if (reviews_refunds (self))
    okc_refund_reviews_refund_updated (self->refund_reviews, refund);
  okc_ticket_view_refund_updated (self->ticket_view, refund);
  okc_session_panel_refund_updated (self->session_panel, refund);
}

/**
 * okc_window_refunds_start:
 *
 * Shows Refund Reviews to a supervisor, and follows refund.updated events: called after
 * the event stream was made.
 */
void
okc_window_refunds_start (OkcWindow *self)
{
  gboolean reviews = reviews_refunds (self);

  okc_sidebar_set_reviews_shown (self->sidebar, reviews);
  okc_refund_reviews_set_clock (self->refund_reviews, self->clock);
  if (reviews)
    {
      okc_refund_reviews_set_client (self->refund_reviews, self->client);
      okc_refund_reviews_set_outbox (self->refund_reviews, self->outbox);
      okc_refund_reviews_reload (self->refund_reviews);
    }
  g_signal_connect_object (self->refund_reviews, "notify::n-pending", G_CALLBACK (n_pending_cb),
                           self, G_CONNECT_SWAPPED);
  if (self->events != NULL)
    g_signal_connect_object (self->events, "event", G_CALLBACK (event_cb), self,
                             G_CONNECT_SWAPPED);
}

/**
 * okc_window_refunds_stop:
 *
 * Drops what the reviews hold of the account, at sign-out.
 */
void
okc_window_refunds_stop (OkcWindow *self)
{
  g_signal_handlers_disconnect_by_func (self->refund_reviews, n_pending_cb, self);
  if (self->events != NULL)
    g_signal_handlers_disconnect_by_func (self->events, event_cb, self);
  okc_refund_reviews_set_outbox (self->refund_reviews, NULL);
  okc_refund_reviews_set_client (self->refund_reviews, NULL);
  okc_sidebar_set_reviews_shown (self->sidebar, FALSE);
}

/**
 * okc_window_refunds_page_changed:
 *
 * Returns: %TRUE when the supervisor chose Billing → Refund Reviews, which is now shown.
 */
gboolean
okc_window_refunds_page_changed (OkcWindow *self)
{
  if (g_strcmp0 (okc_sidebar_get_fleet_page (self->sidebar), "refund-reviews") != 0)
    return FALSE;
  gtk_stack_set_visible_child_name (self->content_stack, "refund-reviews");
  okc_refund_reviews_reload (self->refund_reviews);
  return TRUE;
}

/* win.show-refund-reviews, Ctrl+5: a supervisor's; an agent's does nothing. */
static void
show_refund_reviews_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);

  if (self->client == NULL || !reviews_refunds (self))
    return;
  okc_sidebar_select_fleet_page (self->sidebar, "refund-reviews");
}

void
okc_window_refunds_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-refund-reviews", NULL,
                                   show_refund_reviews_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_CONTROL_MASK,
                                       "win.show-refund-reviews", NULL);
}
