/* okc-widget-util.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "okc-widget-util.h"

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

  /* Translators: a date and time, as strftime() format: "24 Nov 2026, 09:30" */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

/**
 * okc_widget_name_drop_downs:
 * @root: a widget whose template holds drop-downs
 *
 * In GTK 4.8 a GtkDropDown's keyboard focus lands on the toggle button inside it, which
 * has no name: a screen reader says "toggle button". Each drop-down under @root has its
 * button labelled by the drop-down, so the button says the drop-down's name.
 */
void
okc_widget_name_drop_downs (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_DROP_DOWN (child))
        {
          for (GtkWidget *part = gtk_widget_get_first_child (child); part != NULL;
               part = gtk_widget_get_next_sibling (part))
            if (GTK_IS_TOGGLE_BUTTON (part))
              gtk_accessible_update_relation (GTK_ACCESSIBLE (part),
                                              GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                              /* GTK 4.8 takes the list and owns it */
                                              g_list_append (NULL, child), -1);
        }
      else
        okc_widget_name_drop_downs (child);
    }
}
