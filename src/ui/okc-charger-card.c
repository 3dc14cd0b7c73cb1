/* okc-charger-card.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-charger-card.h"
#include "okc-client-chargers.h"
#include "okc-widget-util.h"

/* Signal under this percentage is weak (docs/chargers.md, cause weak_signal). */
#define WEAK_SIGNAL 20

/* The charger comes from the fleet when it has it, else it is fetched once; either way
 * it then follows the fleet's charger-changed, so the card shows what the backend sees.
 * Routine heartbeats bring no event, so a charger that has not changed for a while would
 * look silent: as the clock ticks, one whose known heartbeat is older than two intervals
 * is fetched again, and the newer heartbeat kept. */
struct _OkcChargerCard
{
  GtkWidget parent_instance;

  OkcClient *client;
  OkcChargerFleet *fleet;
  OkcClock *clock;
  char *charger_id;
  OkcCharger *charger;
  GCancellable *cancellable;
  GCancellable *refresh_cancellable;

  GtkLabel *title_label;
  GtkLabel *status_label;
  GtkButton *open_button;
  GtkLabel *place_label;
  GtkLabel *problem_label;
  GtkLabel *heartbeat_label;
  GtkLabel *error_label;
  GtkLabel *connectors_label;
  GtkLabel *network_label;
  OkcChargerCommands *commands;
};

enum
{
  PROP_0,
  PROP_CHARGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OkcChargerCard, okc_charger_card, GTK_TYPE_WIDGET)

static gint64
now (OkcChargerCard *self)
{
  return okc_clock_get_now (self->clock);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

/* "Connector 1 Faulted: Ground failure (E-GF-01) · RCD tripped: residual current 30 mA",
 * of the first connector reporting an error, or NULL when none does. */
static char *
describe_first_error (OkcCharger *charger)
{
  GPtrArray *connectors = okc_charger_get_connectors (charger);

  for (guint i = 0; i < connectors->len; i++)
    {
      OkcConnector *connector = g_ptr_array_index (connectors, i);
      OkcChargePointError error = okc_connector_get_error_code (connector);
      OkcConnectorStatus status = okc_connector_get_status (connector);
      const char *vendor = okc_connector_get_vendor_error_code (connector);
      const char *info = okc_connector_get_info (connector);
      g_autoptr(GString) text = NULL;

      if (error == OKC_CHARGE_POINT_ERROR_NO_ERROR && status != OKC_CONNECTOR_STATUS_FAULTED)
        continue;
      text = g_string_new (NULL);
      /* Translators: "Connector 1 Faulted: Ground failure" */
      g_string_append_printf (text, _("Connector %u %s: %s"), okc_connector_get_id (connector),
                              okc_connector_status_get_label (status),
                              okc_charge_point_error_get_label (error));
      if (vendor != NULL)
        g_string_append_printf (text, " (%s)", vendor);
      if (info != NULL)
        g_string_append_printf (text, " · %s", info);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  return NULL;
}

/* "Connector 1: Available · Connector 2: Charging" */
static char *
describe_connectors (OkcCharger *charger)
{
  GPtrArray *connectors = okc_charger_get_connectors (charger);
  g_autoptr(GString) text = g_string_new (NULL);

  if (connectors->len == 0)
    return NULL;
  for (guint i = 0; i < connectors->len; i++)
    {
      OkcConnector *connector = g_ptr_array_index (connectors, i);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: a connector and its status, "Connector 1: Available" */
      g_string_append_printf (text, _("Connector %u: %s"), okc_connector_get_id (connector),
                              okc_connector_status_get_label (okc_connector_get_status (connector)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "Wi‑Fi “Lakeview-Guest” · signal 42 %", "Ethernet" */
static char *
describe_network (OkcCharger *charger,
                  gboolean   *weak)
{
  OkcNetworkKind kind = okc_charger_get_network_kind (charger);
  int signal = okc_charger_get_network_signal (charger);
  const char *ssid = okc_charger_get_network_ssid (charger);
  g_autoptr(GString) text = g_string_new (okc_network_kind_get_label (kind));

  *weak = signal >= 0 && signal < WEAK_SIGNAL;
  if (ssid != NULL)
    g_string_append_printf (text, " “%s”", ssid);
  if (signal >= 0)
    {
      g_string_append (text, " · ");
      /* Translators: a network's signal strength, "signal 42 %" */
      g_string_append_printf (text, _("signal %d %%"), signal);
      if (*weak)
        g_string_append_printf (text, " (%s)", _("weak"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_charger (OkcChargerCard *self)
{
  static const char * const status_classes[] = {
    "charger-online", "charger-offline", "charger-faulted",
  };
  OkcCharger *charger = self->charger;
  OkcChargerStatus status;
  gint64 heartbeat;
  g_autofree char *place = NULL;
  g_autofree char *heartbeat_text = NULL;
  g_autofree char *error = NULL;
  g_autofree char *connectors = NULL;
  g_autofree char *network = NULL;
  g_autofree char *spoken = NULL;
  gboolean weak = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->status_label), charger != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->commands), charger != NULL);
  if (charger == NULL)
    {
      set_label (self->place_label, NULL);
      set_label (self->heartbeat_label, NULL);
      set_label (self->error_label, NULL);
      set_label (self->connectors_label, NULL);
      set_label (self->network_label, NULL);
      return;
    }

  status = okc_charger_get_status (charger);
  gtk_label_set_label (self->status_label, okc_charger_status_get_label (status));
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), status_classes[i]);
  if ((guint) status < G_N_ELEMENTS (status_classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status_classes[status]);
  /* Translators: the charger's status as a screen reader says it, "Status: Faulted" */
  spoken = g_strdup_printf (_("Status: %s"), okc_charger_status_get_label (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spoken, -1);

  if (okc_charger_get_property_name (charger) != NULL)
    place = okc_charger_get_unit_name (charger) != NULL
              /* Translators: "OK2 Wallbox 22 · Lakeview Lofts, Garage 3" */
              ? g_strdup_printf (_("%s · %s, %s"), okc_charger_get_model (charger),
                                 okc_charger_get_property_name (charger),
                                 okc_charger_get_unit_name (charger))
              : g_strdup_printf ("%s · %s", okc_charger_get_model (charger),
                                 okc_charger_get_property_name (charger));
  else
    /* Translators: "OK2 Wallbox 22 · not assigned to a property" */
    place = g_strdup_printf (_("%s · not assigned to a property"), okc_charger_get_model (charger));
  set_label (self->place_label, place);

  heartbeat = okc_charger_get_last_heartbeat (charger);
  if (heartbeat == 0)
    heartbeat_text = g_strdup (_("Never sent a heartbeat"));
  else if (now (self) - heartbeat < 1)
    heartbeat_text = g_strdup (_("Last heartbeat just now"));
  else
    {
      g_autofree char *age = okc_format_duration (MAX (0, now (self) - heartbeat));
      /* Translators: "Last heartbeat 3 h 12 min ago (every 60 s)" */
      heartbeat_text = g_strdup_printf (_("Last heartbeat %s ago (every %u s)"), age,
                                        okc_charger_get_heartbeat_interval (charger));
    }
  set_label (self->heartbeat_label, heartbeat_text);

  error = describe_first_error (charger);
  set_label (self->error_label, error);
  connectors = describe_connectors (charger);
  set_label (self->connectors_label, connectors);
  network = describe_network (charger, &weak);
  set_label (self->network_label, network);
  if (weak)
    gtk_widget_add_css_class (GTK_WIDGET (self->network_label), "charger-weak-signal");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->network_label), "charger-weak-signal");
}

static void
set_charger (OkcChargerCard *self,
             OkcCharger     *charger)
{
  if (!g_set_object (&self->charger, charger))
    return;
  okc_charger_commands_set_charger (self->commands, charger);
  show_charger (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARGER]);
}

static void
charger_fetched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OkcChargerCard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = okc_client_get_charger_finish (OKC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (charger == NULL)
    {
      g_autofree char *problem = NULL;

      if (g_error_matches (error, OKC_CLIENT_ERROR, OKC_CLIENT_ERROR_NOT_FOUND))
        /* Translators: %s is a charger ID the customer gave */
        problem = g_strdup_printf (_("The network knows no charger “%s”"), self->charger_id);
      else
        /* Translators: %s is why the charger's live status could not be fetched */
        problem = g_strdup_printf (_("The charger’s live status is not available: %s"), error->message);
      set_label (self->problem_label, problem);
      return;
    }
  set_label (self->problem_label, NULL);
  /* The fleet may have heard of a newer state meanwhile. */
  if (self->charger == NULL)
    set_charger (self, charger);
}

/* From the fleet if it knows the charger, else from the backend. */
static void
find_charger (OkcChargerCard *self)
{
  OkcCharger *live;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_label (self->problem_label, NULL);
  if (self->charger_id == NULL)
    return;

  live = self->fleet != NULL ? okc_charger_fleet_lookup (self->fleet, self->charger_id) : NULL;
  if (live != NULL)
    {
      set_charger (self, live);
      return;
    }
  if (self->client == NULL)
    return;
  set_label (self->problem_label, _("Fetching the charger’s live status…"));
  self->cancellable = g_cancellable_new ();
  okc_client_get_charger_async (self->client, self->charger_id, self->cancellable,
                                charger_fetched_cb, g_object_ref (self));
}

static void
fleet_charger_changed_cb (OkcChargerFleet *fleet,
                          OkcCharger      *charger,
                          OkcChargerCard  *self)
{
  if (self->charger_id == NULL ||
      g_ascii_strcasecmp (okc_charger_get_id (charger), self->charger_id) != 0)
    return;
  g_cancellable_cancel (self->cancellable);
  set_label (self->problem_label, NULL);
  set_charger (self, charger);
}

static void
charger_refreshed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(OkcChargerCard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcCharger) charger = okc_client_get_charger_finish (OKC_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->refresh_cancellable);
  /* A failed refresh changes nothing: the card keeps what it knew, the ages say how old. */
  if (charger == NULL || self->charger == NULL ||
      g_ascii_strcasecmp (okc_charger_get_id (charger), okc_charger_get_id (self->charger)) != 0)
    return;
  if (okc_charger_get_last_heartbeat (charger) > okc_charger_get_last_heartbeat (self->charger) ||
      okc_charger_get_status (charger) != okc_charger_get_status (self->charger))
    set_charger (self, charger);
}

static void
refresh_if_silent (OkcChargerCard *self)
{
  gint64 heartbeat;
  guint interval;

  if (self->charger == NULL || self->client == NULL || self->refresh_cancellable != NULL ||
      okc_charger_get_status (self->charger) == OKC_CHARGER_STATUS_OFFLINE)
    return;
  heartbeat = okc_charger_get_last_heartbeat (self->charger);
  interval = MAX (okc_charger_get_heartbeat_interval (self->charger), 1);
  if (now (self) - heartbeat <= 2 * (gint64) interval)
    return;
  self->refresh_cancellable = g_cancellable_new ();
  okc_client_get_charger_async (self->client, okc_charger_get_id (self->charger),
                                self->refresh_cancellable, charger_refreshed_cb, g_object_ref (self));
}

static void
clock_ticked_cb (OkcChargerCard *self)
{
  refresh_if_silent (self);
  show_charger (self);
}

/**
 * okc_charger_card_set_charger_id:
 * @charger_id: (nullable): the charger the ticket is about, or %NULL for none
 *
 * Shows that charger, live. The card hides itself when there is none.
 */
void
okc_charger_card_set_charger_id (OkcChargerCard *self,
                                 const char     *charger_id)
{
  g_autofree char *spoken = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (OKC_IS_CHARGER_CARD (self));

  if (g_strcmp0 (self->charger_id, charger_id) == 0)
    return;
  g_free (self->charger_id);
  self->charger_id = g_strdup (charger_id);
  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  set_charger (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), charger_id != NULL);
  if (charger_id == NULL)
    {
      find_charger (self);
      return;
    }

  /* Translators: the card's heading, "Charger CH-10234" */
  title = g_strdup_printf (_("Charger %s"), charger_id);
  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  /* The action is named only once it has its target: GTK warns about an "s" action
   * without one. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->open_button),
                                          g_variant_new_string (charger_id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button), "win.show-charger");
  /* Translators: %s is a charger id */
  spoken = g_strdup_printf (_("Open %s in Chargers"), charger_id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->open_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spoken, -1);
  find_charger (self);
}

/**
 * okc_charger_card_get_charger:
 *
 * Returns: (transfer none) (nullable): the charger as last heard of, or %NULL while it is
 *   not known.
 */
OkcCharger *
okc_charger_card_get_charger (OkcChargerCard *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_CARD (self), NULL);
  return self->charger;
}

/**
 * okc_charger_card_get_commands:
 *
 * Returns: (transfer none): the card's remote commands.
 */
OkcChargerCommands *
okc_charger_card_get_commands (OkcChargerCard *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_CARD (self), NULL);
  return self->commands;
}

/**
 * okc_charger_card_set_ticket_id:
 * @ticket_id: (nullable): the ticket shown, recorded with the commands sent from it
 */
void
okc_charger_card_set_ticket_id (OkcChargerCard *self,
                                const char     *ticket_id)
{
  g_return_if_fail (OKC_IS_CHARGER_CARD (self));
  okc_charger_commands_set_ticket_id (self->commands, ticket_id);
}

/**
 * okc_charger_card_set_client:
 * @client: (nullable): what the charger is fetched and commanded with
 */
void
okc_charger_card_set_client (OkcChargerCard *self,
                             OkcClient      *client)
{
  g_return_if_fail (OKC_IS_CHARGER_CARD (self));

  if (!g_set_object (&self->client, client))
    return;
  okc_charger_commands_set_client (self->commands, client);
  if (self->charger == NULL)
    find_charger (self);
}

/**
 * okc_charger_card_set_fleet:
 * @fleet: (nullable): the live chargers the card follows
 */
void
okc_charger_card_set_fleet (OkcChargerCard  *self,
                            OkcChargerFleet *fleet)
{
  g_return_if_fail (OKC_IS_CHARGER_CARD (self));

  if (self->fleet == fleet)
    return;
  if (self->fleet != NULL)
    g_signal_handlers_disconnect_by_data (self->fleet, self);
  g_set_object (&self->fleet, fleet);
  okc_charger_commands_set_fleet (self->commands, fleet);
  if (fleet == NULL)
    return;
  g_signal_connect_object (fleet, "charger-changed", G_CALLBACK (fleet_charger_changed_cb), self, 0);
  find_charger (self);
}

/**
 * okc_charger_card_set_clock:
 * @clock: what the heartbeat's age is measured against
 */
void
okc_charger_card_set_clock (OkcChargerCard *self,
                            OkcClock       *clock)
{
  g_return_if_fail (OKC_IS_CHARGER_CARD (self));
  g_return_if_fail (OKC_IS_CLOCK (clock));

  if (self->clock == clock)
    return;
  g_signal_handlers_disconnect_by_data (self->clock, self);
  g_set_object (&self->clock, clock);
  g_signal_connect_object (clock, "notify::now", G_CALLBACK (clock_ticked_cb), self,
                           G_CONNECT_SWAPPED);
  okc_charger_commands_set_clock (self->commands, clock);
  show_charger (self);
}

/**
 * okc_charger_card_new:
 *
 * Returns: (transfer floating): a card showing no charger.
 */
GtkWidget *
okc_charger_card_new (void)
{
  return g_object_new (OKC_TYPE_CHARGER_CARD, NULL);
}

static void
okc_charger_card_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OkcChargerCard *self = OKC_CHARGER_CARD (object);

  switch (prop_id)
    {
    case PROP_CHARGER:
      g_value_set_object (value, self->charger);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_charger_card_dispose (GObject *object)
{
  OkcChargerCard *self = OKC_CHARGER_CARD (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->refresh_cancellable);
  if (self->fleet != NULL)
    g_signal_handlers_disconnect_by_data (self->fleet, self);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_CHARGER_CARD);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->refresh_cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->fleet);
  g_clear_object (&self->clock);
  g_clear_object (&self->charger);

  G_OBJECT_CLASS (okc_charger_card_parent_class)->dispose (object);
}

static void
okc_charger_card_finalize (GObject *object)
{
  OkcChargerCard *self = OKC_CHARGER_CARD (object);

  g_free (self->charger_id);

  G_OBJECT_CLASS (okc_charger_card_parent_class)->finalize (object);
}

static void
okc_charger_card_class_init (OkcChargerCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = okc_charger_card_get_property;
  object_class->dispose = okc_charger_card_dispose;
  object_class->finalize = okc_charger_card_finalize;

  /**
   * OkcChargerCard:charger: (nullable)
   *
   * The charger as last heard of.
   */
  properties[PROP_CHARGER] =
    g_param_spec_object ("charger", NULL, NULL, OKC_TYPE_CHARGER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-charger-card.ui");
  g_type_ensure (OKC_TYPE_CHARGER_COMMANDS);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCard, status_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCard, open_button);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCard, place_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCard, problem_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCard, heartbeat_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCard, error_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCard, connectors_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCard, network_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerCard, commands);
}

static void
okc_charger_card_init (OkcChargerCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->clock = okc_clock_new_system (30);
  g_signal_connect_object (self->clock, "notify::now", G_CALLBACK (clock_ticked_cb), self,
                           G_CONNECT_SWAPPED);
  okc_charger_commands_set_clock (self->commands, self->clock);
  okc_charger_commands_set_compact (self->commands, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  show_charger (self);
}
