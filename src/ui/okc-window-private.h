/* okc-window-private.h — the window's insides, shared by its files
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-account-search.h"
#include "okc-audit-view.h"
#include "okc-charger-fleet.h"
#include "okc-charger-panel.h"
#include "okc-client.h"
#include "okc-core.h"
#include "okc-credentials.h"
#include "okc-event-stream.h"
#include "okc-live-updates.h"
#include "okc-outbox.h"
#include "okc-queue-filter.h"
#include "okc-queue-sort.h"
#include "okc-queue-view.h"
#include "okc-refund-reviews.h"
#include "okc-session-panel.h"
#include "okc-sidebar.h"
#include "okc-sign-in-page.h"
#include "okc-store.h"
#include "okc-ticket-queue.h"
#include "okc-ticket-sync.h"
#include "okc-ticket-view.h"
#include "okc-window.h"

G_BEGIN_DECLS

struct _OkcWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  OkcClock *clock;
  OkcCredentials *credentials;
  GListStore *folders;
  OkcQueueFilter *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  OkcQueueSort sort;
  GCancellable *search_cancellable;
  guint research_timeout_id;
  gboolean scroll_after_search;

  /* The signed-in account; all NULL on the sign-in page. */
  GCancellable *account_cancellable;
  OkcClient *client;
  OkcUser *user;
  OkcStore *store;
  OkcTicketQueue *queue;
  OkcTicketSync *sync;
  guint refresh_timeout_id;
  /* Whether a change of sidebar section is the agent's, to be remembered: not while
   * the section of the last run is being restored or the account is being closed. */
  gboolean remember_section;
  guint recount_idle_id;
  gboolean changing;
  OkcEventStream *events;
  OkcLiveUpdates *live;
  char *presence_ticket_id;
  guint presence_timeout_id;
  char *timeline_ticket_id;
  OkcChargerFleet *fleet;
  OkcOutbox *outbox;
  guint fleet_recount_idle_id;

  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  OkcSignInPage *sign_in_page;
  OkcSidebar *sidebar;
  OkcQueueView *queue_view;
  OkcTicketView *ticket_view;
  GtkStack *content_stack;
  OkcChargerPanel *charger_panel;
  OkcSessionPanel *session_panel;
  OkcRefundReviews *refund_reviews;
  OkcAuditView *audit_view;
  OkcAccountSearch *account_search;
};

/* okc-window.c */
void okc_window_show_toast           (OkcWindow  *self,
                                      const char *message);
void okc_window_attach_queue         (OkcWindow  *self);
void okc_window_detach_queue         (OkcWindow  *self);
void okc_window_refresh              (OkcWindow  *self);

void okc_window_refresh_ticket       (OkcWindow  *self,
                                      const char *ticket_id);

/* okc-window-actions.c */
void        okc_window_actions_install      (GtkWidgetClass *widget_class);
void        okc_window_actions_init         (OkcWindow      *self);
void        okc_window_actions_update       (OkcWindow      *self);
void        okc_window_actions_set_priority (OkcWindow      *self,
                                             const char     *nick);
const char *okc_window_actions_get_priority (OkcWindow      *self);

/* okc-window-live.c */
void okc_window_live_start           (OkcWindow  *self);
void okc_window_live_stop            (OkcWindow  *self);
void okc_window_live_ticket_shown    (OkcWindow  *self,
                                      OkcTicket  *ticket);
void okc_window_live_fetch_timeline  (OkcWindow  *self);

/* okc-window-assign.c */
void okc_window_assign_install      (GtkWidgetClass *widget_class);

/* okc-window-statement.c */
void okc_window_statement_install   (GtkWidgetClass *widget_class);

/* okc-window-fleet.c */
void okc_window_fleet_install        (GtkWidgetClass *widget_class);
void okc_window_fleet_start          (OkcWindow  *self);
void okc_window_fleet_stop           (OkcWindow  *self);
void okc_window_fleet_page_changed   (OkcWindow  *self);
void okc_window_fleet_refresh        (OkcWindow  *self);

/* okc-window-sessions.c */
void okc_window_sessions_install     (GtkWidgetClass *widget_class);
void okc_window_sessions_start       (OkcWindow  *self);
void okc_window_sessions_stop        (OkcWindow  *self);
gboolean okc_window_sessions_page_changed (OkcWindow *self);

/* okc-window-refunds.c */
void     okc_window_refunds_install      (GtkWidgetClass *widget_class);
void     okc_window_refunds_start        (OkcWindow      *self);
void     okc_window_refunds_stop         (OkcWindow      *self);
gboolean okc_window_refunds_page_changed (OkcWindow      *self);
/* okc-window-audit.c */
void okc_window_audit_install        (GtkWidgetClass *widget_class);
void okc_window_audit_start          (OkcWindow  *self);
void okc_window_audit_stop           (OkcWindow  *self);
gboolean okc_window_audit_page_changed (OkcWindow *self);

/* okc-window-payouts.c */
void okc_window_payouts_install      (GtkWidgetClass *widget_class);
void okc_window_payouts_start        (OkcWindow  *self);
void okc_window_payouts_stop         (OkcWindow  *self);
/* okc-window-accounts.c */
void     okc_window_accounts_install      (GtkWidgetClass *widget_class);
void     okc_window_accounts_start        (OkcWindow      *self);
void     okc_window_accounts_stop         (OkcWindow      *self);
gboolean okc_window_accounts_page_changed (OkcWindow      *self);

/* okc-window-outbox.c */
void okc_window_outbox_start          (OkcWindow  *self);
void okc_window_outbox_stop           (OkcWindow  *self);
void okc_window_outbox_follow_events  (OkcWindow  *self);

/* okc-window-session.c */
void okc_window_session_sign_in      (OkcWindow  *self);
void okc_window_session_close        (OkcWindow  *self);
void okc_window_session_handle_error (OkcWindow    *self,
                                      const GError *error);

G_END_DECLS
