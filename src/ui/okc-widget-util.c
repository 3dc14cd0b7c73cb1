/* okc-widget-util.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "okc-widget-util.h"
#include "okc-time-format.h"

/**
 * okc_widget_dispose_template:
 * @widget: a widget built from a template, with a layout manager rather than a container
 * @widget_type: the type whose template it is
 *
 * gtk_widget_dispose_template() of GTK 4.8 unparents only the children that have an id;
 * this unparents the others too, so that the widget finalizes without warnings.
 */
void
okc_widget_dispose_template (GtkWidget *widget,
                             GType      widget_type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, widget_type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/**
 * okc_format_local_time:
 * @unix_time: seconds since the epoch
 *
 * Returns: (transfer full): the time in the user's time zone, "24 Nov 2026, 09:30".
 */
char *
okc_format_local_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return okc_time_format (local, OKC_TIME_FORM_DATE_TIME);
}

/**
 * okc_widget_name_drop_down:
 * @drop_down: a drop-down
 * @label: its accessible name, as its own
 *
 * In GTK 4.8 a GtkDropDown's keyboard focus lands on the button inside it, which has no
 * name (a labelled-by relation is not followed either): a screen reader would say
 * "toggle button". The button gets the drop-down's name.
 */
void
okc_widget_name_drop_down (GtkDropDown *drop_down,
                           const char  *label)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));
  g_return_if_fail (label != NULL);

  for (GtkWidget *part = gtk_widget_get_first_child (GTK_WIDGET (drop_down)); part != NULL;
       part = gtk_widget_get_next_sibling (part))
    if (GTK_IS_BUTTON (part))
      gtk_accessible_update_property (GTK_ACCESSIBLE (part), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
}
