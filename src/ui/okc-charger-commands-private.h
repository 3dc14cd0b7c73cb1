/* okc-charger-commands-private.h — the commands widget's insides, shared by its files
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "okc-charger-commands.h"

G_BEGIN_DECLS

#define N_KINDS (OKC_COMMAND_KIND_REMOTE_STOP + 1)

/* Whether a button may send is decided by okc_charger_check_command(), the rule the backend
 * refuses by, against the live charger and the clock; beside it the widget's own reasons: a
 * command of the kind still on its way, or no account found for a session. Every reason
 * goes to the row's subtitle, the button's tooltip and its accessible description, so a
 * disabled button always says why. */
struct _OkcChargerCommands
{
  GtkWidget parent_instance;

  OkcClient *client;
  OkcChargerFleet *fleet;
  OkcClock *clock;
  OkcCharger *charger;
  char *ticket_id;
  gboolean compact;

  /* Commands being sent, by kind: a second click waits for the first answer. */
  gboolean sending[N_KINDS];
  /* The account found for "Start Session", for the text in account_row. */
  char *account_id;
  char *account_name;
  GCancellable *charger_cancellable;   /* the list and the account look-up of this charger */
  GCancellable *cancellable;           /* commands sent: their answers outlive a switch */

  GtkRevealer *problem_revealer;
  GtkLabel *problem_label;
  AdwPreferencesGroup *operations_group;
  AdwComboRow *connector_row;
  GtkStringList *connector_model;
  AdwActionRow *heartbeat_row;
  GtkButton *heartbeat_button;
  AdwActionRow *status_row;
  GtkButton *status_button;
  AdwActionRow *soft_reset_row;
  GtkButton *soft_reset_button;
  AdwActionRow *hard_reset_row;
  GtkButton *hard_reset_button;
  AdwActionRow *unlock_row;
  GtkButton *unlock_button;
  AdwActionRow *availability_row;
  GtkButton *availability_button;
  GtkDropDown *availability_dropdown;
  AdwEntryRow *account_row;
  AdwActionRow *start_row;
  GtkButton *start_button;
  AdwActionRow *end_billing_row;
  GtkSwitch *end_billing_switch;
  AdwActionRow *stop_row;
  GtkButton *stop_button;
  GtkBox *quick_box;
  GtkFlowBox *quick_flow;
  GtkLabel *quick_reason_label;
  GtkToggleButton *more_button;
  /* The compact bar's buttons, by kind; NULL for the kinds only the rows offer. */
  GtkButton *quick_buttons[N_KINDS];
  AdwPreferencesGroup *recent_group;
  GtkListBox *commands_list;
};

/* okc-charger-commands.c */
const char *okc_charger_commands_get_charger_id  (OkcChargerCommands  *self);
gboolean    okc_charger_commands_is_this_charger (OkcChargerCommands  *self,
                                                  const char          *id);
guint       okc_charger_commands_get_connector   (OkcChargerCommands  *self);
void        okc_charger_commands_show_problem    (OkcChargerCommands  *self,
                                                  const char          *message);
gboolean    okc_charger_commands_can_send        (OkcChargerCommands  *self,
                                                  OkcCommandKind       kind,
                                                  guint                connector_id,
                                                  char               **out_reason);
void        okc_charger_commands_update_one      (OkcChargerCommands  *self,
                                                  OkcCommandKind       kind);
void        okc_charger_commands_update          (OkcChargerCommands  *self);
void        okc_charger_commands_upsert          (OkcChargerCommands  *self,
                                                  OkcChargerCommand   *command,
                                                  gboolean             append);

/* okc-charger-commands-send.c */
void        okc_charger_commands_find_account    (OkcChargerCommands  *self,
                                                  const char          *account);

G_END_DECLS
