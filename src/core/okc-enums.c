/* okc-enums.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "okc-enums.h"

/**
 * okc_enum_to_nick:
 *
 * Returns: (transfer none): the wire name of @value.
 */
const char *
okc_enum_to_nick (GType enum_type,
                  int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  g_return_val_if_fail (enum_value != NULL, NULL);
  return enum_value->value_nick;
}

gboolean
okc_enum_from_nick (GType       enum_type,
                    const char *nick,
                    int        *out_value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *enum_value;

  g_return_val_if_fail (out_value != NULL, FALSE);

  if (nick == NULL)
    return FALSE;
  enum_value = g_enum_get_value_by_nick (klass, nick);
  if (enum_value == NULL)
    return FALSE;

  *out_value = enum_value->value;
  return TRUE;
}

/**
 * okc_enum_list_nicks:
 *
 * Returns: (transfer full): the wire names of @enum_type, "“a”, “b” or “c”", for errors.
 */
char *
okc_enum_list_nicks (GType enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    {
      if (i > 0)
        g_string_append (text, i + 1 == klass->n_values ? " or " : ", ");
      g_string_append_printf (text, "“%s”", klass->values[i].value_nick);
    }
  return g_string_free (text, FALSE);
}

const char *
okc_ticket_status_get_label (OkcTicketStatus status)
{
  switch (status)
    {
    case OKC_TICKET_STATUS_NEW:
      return _("New");
    case OKC_TICKET_STATUS_OPEN:
      return C_("ticket status", "Open");
    case OKC_TICKET_STATUS_WAITING_CUSTOMER:
      return _("Waiting for customer");
    case OKC_TICKET_STATUS_WAITING_APPROVAL:
      return _("Waiting for approval");
    case OKC_TICKET_STATUS_RESOLVED:
      return _("Resolved");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
okc_priority_get_label (OkcPriority priority)
{
  switch (priority)
    {
    case OKC_PRIORITY_LOW:
      return _("Low");
    case OKC_PRIORITY_NORMAL:
      return _("Normal");
    case OKC_PRIORITY_HIGH:
      return _("High");
    case OKC_PRIORITY_URGENT:
      return _("Urgent");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
okc_role_get_label (OkcRole role)
{
  switch (role)
    {
    case OKC_ROLE_AGENT:
      return _("Agent");
    case OKC_ROLE_SUPERVISOR:
      return _("Supervisor");
    case OKC_ROLE_CHATBOT:
      return _("Chatbot");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
okc_audience_get_label (OkcAudience audience)
{
  switch (audience)
    {
    case OKC_AUDIENCE_GUEST:
      return _("Guest");
    case OKC_AUDIENCE_HOST:
      return _("Host");
    default:
      g_return_val_if_reached (NULL);
    }
}
