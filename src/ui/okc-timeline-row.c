/* okc-timeline-row.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-timeline-row.h"
#include "okc-widget-util.h"

/* A status or priority nick from the wire, in the words the console shows elsewhere;
 * an unknown one (a newer backend's) as it came. */
static const char *
status_label (const char *nick)
{
  int status;

  if (nick == NULL || !okc_enum_from_nick (OKC_TYPE_TICKET_STATUS, nick, &status))
    return nick != NULL ? nick : "";
  return okc_ticket_status_get_label (status);
}

static const char *
priority_label (const char *nick)
{
  int priority;

  if (nick == NULL || !okc_enum_from_nick (OKC_TYPE_PRIORITY, nick, &priority))
    return nick != NULL ? nick : "";
  return okc_priority_get_label (priority);
}

static char *
describe_assignment (OkcTimelineEntry *entry,
                     const char       *actor)
{
  const char *to = okc_timeline_entry_get_to (entry);
  const char *to_name = okc_timeline_entry_get_to_name (entry);
  const char *from_name = okc_timeline_entry_get_from_name (entry);

  if (to == NULL)
    /* Translators: "Sam Okafor released the ticket (it was Priya Nair's)" */
    return from_name != NULL && g_strcmp0 (okc_timeline_entry_get_from (entry),
                                           okc_timeline_entry_get_actor_id (entry)) != 0
             ? g_strdup_printf (_("%s released the ticket (it was %s’s)"), actor, from_name)
             : g_strdup_printf (_("%s released the ticket"), actor);
  if (g_strcmp0 (to, okc_timeline_entry_get_actor_id (entry)) == 0)
    /* Translators: "Sam Okafor claimed the ticket" */
    return g_strdup_printf (_("%s claimed the ticket"), actor);
  /* Translators: "Sam Okafor assigned the ticket to Priya Nair" */
  return g_strdup_printf (_("%s assigned the ticket to %s"), actor, to_name != NULL ? to_name : to);
}

/**
 * okc_timeline_entry_describe:
 * @entry: an entry of a ticket's timeline
 *
 * Returns: (transfer full): what happened, in a sentence naming who did it: "Sam Okafor
 *   changed the status from New to Open".
 */
char *
okc_timeline_entry_describe (OkcTimelineEntry *entry)
{
  const char *actor = okc_timeline_entry_get_actor_name (entry);
  const char *from = okc_timeline_entry_get_from (entry);
  const char *to = okc_timeline_entry_get_to (entry);

  g_return_val_if_fail (OKC_IS_TIMELINE_ENTRY (entry), NULL);

  if (actor == NULL)
    actor = _("OK2Charge");

  switch (okc_timeline_entry_get_kind (entry))
    {
    case OKC_TIMELINE_KIND_CREATED:
      return g_strdup (_("The chatbot handed the ticket off"));
    case OKC_TIMELINE_KIND_STATUS_CHANGED:
      /* Translators: "Sam Okafor changed the status from New to Open" */
      return g_strdup_printf (_("%s changed the status from %s to %s"), actor, status_label (from),
                              status_label (to));
    case OKC_TIMELINE_KIND_PRIORITY_CHANGED:
      /* Translators: "Sam Okafor changed the priority from High to Urgent" */
      return g_strdup_printf (_("%s changed the priority from %s to %s"), actor,
                              priority_label (from), priority_label (to));
    case OKC_TIMELINE_KIND_ASSIGNED:
      return describe_assignment (entry, actor);
    case OKC_TIMELINE_KIND_NOTE:
      /* Translators: "Sam Okafor added an internal note" */
      return g_strdup_printf (_("%s added an internal note"), actor);
    case OKC_TIMELINE_KIND_REPLY:
      /* Translators: "Sam Okafor replied to the customer" */
      return g_strdup_printf (_("%s replied to the customer"), actor);
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *
icon_name (OkcTimelineKind kind)
{
  switch (kind)
    {
    case OKC_TIMELINE_KIND_CREATED:
      return "mail-unread-symbolic";
    case OKC_TIMELINE_KIND_ASSIGNED:
      return "avatar-default-symbolic";
    case OKC_TIMELINE_KIND_NOTE:
      return "document-edit-symbolic";
    case OKC_TIMELINE_KIND_REPLY:
      return "mail-send-symbolic";
    case OKC_TIMELINE_KIND_STATUS_CHANGED:
    case OKC_TIMELINE_KIND_PRIORITY_CHANGED:
    default:
      return "emblem-synchronizing-symbolic";
    }
}

/**
 * okc_timeline_row_new:
 * @entry: an entry of a ticket's timeline
 *
 * Returns: (transfer floating): the entry as a row: an icon, the sentence, when, and the
 *   text of a note or reply below, a note marked as internal.
 */
GtkWidget *
okc_timeline_row_new (OkcTimelineEntry *entry)
{
  OkcTimelineKind kind = okc_timeline_entry_get_kind (entry);
  g_autofree char *sentence = okc_timeline_entry_describe (entry);
  g_autofree char *when = okc_format_local_time (okc_timeline_entry_get_at (entry));
  g_autofree char *accessible = g_strdup_printf ("%s, %s", sentence, when);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name (kind));
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *heading = gtk_label_new (sentence);
  GtkWidget *time = gtk_label_new (when);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_widget_add_css_class (time, "caption");
  gtk_widget_add_css_class (time, "dim-label");
  gtk_box_append (GTK_BOX (column), heading);
  gtk_box_append (GTK_BOX (column), time);

  if (okc_timeline_entry_get_text (entry) != NULL)
    {
      GtkWidget *text = gtk_label_new (okc_timeline_entry_get_text (entry));

      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (text), TRUE);
      gtk_widget_add_css_class (text, "message-bubble");
      gtk_widget_add_css_class (text, kind == OKC_TIMELINE_KIND_NOTE ? "internal-note" : "from-agent");
      gtk_box_append (GTK_BOX (column), text);
    }

  gtk_widget_set_hexpand (column, TRUE);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), column);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}
