/* okc-charger-format.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "okc-charger-format.h"

/**
 * okc_format_ago:
 * @since: when something happened, seconds since the epoch; 0 when it never did
 * @now: the current time
 *
 * Returns: (transfer full): "3 h 12 min ago", "just now", or "never".
 */
char *
okc_format_ago (gint64 since,
                gint64 now)
{
  g_autofree char *age = NULL;

  if (since <= 0)
    return g_strdup (_("never"));
  if (now - since < 60)
    return g_strdup (_("just now"));
  age = okc_format_duration (now - since);
  /* Translators: %s is an age such as "3 h 12 min" */
  return g_strdup_printf (_("%s ago"), age);
}

/**
 * okc_charger_describe_place:
 *
 * Returns: (transfer full): "Lakeview Lofts · Garage 3", "Lakeview Lofts", or "Not
 *   assigned" for a charger of no property.
 */
char *
okc_charger_describe_place (OkcCharger *charger)
{
  const char *property = okc_charger_get_property_name (charger);
  const char *unit = okc_charger_get_unit_name (charger);

  g_return_val_if_fail (OKC_IS_CHARGER (charger), NULL);

  if (property == NULL)
    return g_strdup (_("Not assigned"));
  if (unit == NULL)
    return g_strdup (property);
  /* Translators: a charger's place, property and unit: "Lakeview Lofts · Garage 3" */
  return g_strdup_printf (_("%s · %s"), property, unit);
}

static const char * const pill_classes[] = {
  "status-good", "status-busy", "status-warning", "status-bad", "status-off",
};

static void
set_pill (GtkLabel   *pill,
          const char *css_class,
          const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (pill_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (pill), pill_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (pill), "status-pill");
  gtk_widget_add_css_class (GTK_WIDGET (pill), css_class);
  gtk_label_set_label (pill, text);
}

/**
 * okc_charger_status_pill_update:
 * @pill: a label
 *
 * Shows @status in @pill with words and a colour, so that neither is needed alone.
 */
void
okc_charger_status_pill_update (GtkLabel         *pill,
                                OkcChargerStatus  status)
{
  const char *css_class = "status-good";

  g_return_if_fail (GTK_IS_LABEL (pill));

  if (status == OKC_CHARGER_STATUS_OFFLINE)
    css_class = "status-off";
  else if (status == OKC_CHARGER_STATUS_FAULTED)
    css_class = "status-bad";
  set_pill (pill, css_class, okc_charger_status_get_label (status));
}

/**
 * okc_connector_status_pill_update:
 * @pill: a label
 *
 * Shows a connector's OCPP status in @pill, in words and a colour.
 */
void
okc_connector_status_pill_update (GtkLabel           *pill,
                                  OkcConnectorStatus  status)
{
  const char *css_class;

  g_return_if_fail (GTK_IS_LABEL (pill));

  switch (status)
    {
    case OKC_CONNECTOR_STATUS_AVAILABLE:
      css_class = "status-good";
      break;
    case OKC_CONNECTOR_STATUS_PREPARING:
    case OKC_CONNECTOR_STATUS_CHARGING:
    case OKC_CONNECTOR_STATUS_SUSPENDED_EV:
    case OKC_CONNECTOR_STATUS_FINISHING:
    case OKC_CONNECTOR_STATUS_RESERVED:
      css_class = "status-busy";
      break;
    case OKC_CONNECTOR_STATUS_SUSPENDED_EVSE:
    case OKC_CONNECTOR_STATUS_UNAVAILABLE:
      css_class = "status-warning";
      break;
    case OKC_CONNECTOR_STATUS_FAULTED:
    default:
      css_class = "status-bad";
      break;
    }
  set_pill (pill, css_class, okc_connector_status_get_label (status));
}
