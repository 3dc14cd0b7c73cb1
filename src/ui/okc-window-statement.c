/* okc-window-statement.c — the window's "Export Statement…" for a host (topic 10)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include "okc-window-private.h"

#include "okc-statement-dialog.h"

/* win.export-statement(s): the statement dialog of the host account the parameter names. */
static void
export_statement_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  OkcWindow *self = OKC_WINDOW (widget);
  const char *account_id = g_variant_get_string (parameter, NULL);
  OkcStatementDialog *dialog;

  if (self->client == NULL || *account_id == '\0')
    return;
  dialog = okc_statement_dialog_new (GTK_WINDOW (self), self->client, account_id, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
okc_window_statement_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-statement", "s",
                                   export_statement_action);
}
