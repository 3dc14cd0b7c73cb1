/* okc-backend-fleet-sim.c — one simulated OCPP 1.6 charge point: heartbeats, statuses,
 * sessions, faults and their recovery, over explicit times
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-fleet-sim-private.h"

#define MINUTE 60
#define HOUR (60 * MINUTE)

/* With activity on, a charger faults about once a day, a connector starts a session about
 * every 17 hours on average: a fleet of a few hundred sees a change every minute or so. */
#define MEAN_SECONDS_BETWEEN_FAULTS (25 * HOUR)
#define MEAN_SECONDS_BETWEEN_SESSIONS (1000 * MINUTE)

static const char * const cause_nicks[] = {
  [OKC_SIM_CAUSE_NONE] = "none",
  [OKC_SIM_CAUSE_POWER_LOST] = "power_lost",
  [OKC_SIM_CAUSE_WIFI_DOWN] = "wifi_down",
  [OKC_SIM_CAUSE_WEAK_SIGNAL] = "weak_signal",
  [OKC_SIM_CAUSE_GROUND_FAULT] = "ground_fault",
  [OKC_SIM_CAUSE_STUCK_CONNECTOR] = "stuck_connector",
  [OKC_SIM_CAUSE_FIRMWARE_GLITCH] = "firmware_glitch",
  [OKC_SIM_CAUSE_EV_NOT_RESPONDING] = "ev_not_responding",
};

/* What a cause on a connector makes it report (StatusNotification errorCode,
 * vendorErrorCode, info). */
static const struct
{
  OkcChargePointError error_code;
  const char *vendor_error_code;
  const char *info;
} connector_faults[] = {
  [OKC_SIM_CAUSE_GROUND_FAULT] = { OKC_CHARGE_POINT_ERROR_GROUND_FAILURE, "E-GF-01",
                                   "RCD tripped: residual current 30 mA" },
  [OKC_SIM_CAUSE_STUCK_CONNECTOR] = { OKC_CHARGE_POINT_ERROR_CONNECTOR_LOCK_FAILURE, "E-LK-03",
                                      "Cable lock did not release" },
  [OKC_SIM_CAUSE_FIRMWARE_GLITCH] = { OKC_CHARGE_POINT_ERROR_INTERNAL_ERROR, "E-FW-12",
                                      "Watchdog: metering task stalled" },
  [OKC_SIM_CAUSE_EV_NOT_RESPONDING] = { OKC_CHARGE_POINT_ERROR_EV_COMMUNICATION_ERROR, "E-EV-07",
                                        "The car does not answer on the control pilot" },
};

const char *
okc_sim_cause_to_nick (OkcSimCause cause)
{
  g_return_val_if_fail (cause < G_N_ELEMENTS (cause_nicks), NULL);
  return cause_nicks[cause];
}

gboolean
okc_sim_cause_from_nick (const char  *nick,
                         OkcSimCause *out_cause)
{
  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (cause_nicks); i++)
    if (g_str_equal (nick, cause_nicks[i]))
      {
        *out_cause = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
okc_sim_cause_on_connector (OkcSimCause cause)
{
  return cause >= OKC_SIM_CAUSE_GROUND_FAULT;
}

guint32
okc_sim_random_next (OkcSimCharger *self)
{
  guint32 x = self->random != 0 ? self->random : 0x9e3779b9u;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  self->random = x;
  return x;
}

guint32
okc_sim_random_below (OkcSimCharger *self,
                      guint32        bound)
{
  return bound > 0 ? okc_sim_random_next (self) % bound : 0;
}

static void
connector_clear_session (OkcSimConnector *c)
{
  g_clear_pointer (&c->session_id, g_free);
  g_clear_pointer (&c->account_id, g_free);
  c->session_started_at = c->charging_started_at = c->charging_ended_at = 0;
  c->end_billing = c->stopped_remotely = FALSE;
  c->phase_until = 0;
}

static void
connector_free (OkcSimConnector *c)
{
  connector_clear_session (c);
  g_free (c->vendor_error_code);
  g_free (c->info);
  g_free (c);
}

static void
change_clear (OkcSimChange *change)
{
  g_free (change->info);
}

static void
session_clear (OkcSimSession *session)
{
  g_free (session->id);
  g_free (session->account_id);
}

OkcSimCharger *
okc_sim_charger_new (const char *id,
                     guint       n_connectors,
                     gint64      now)
{
  OkcSimCharger *self = g_new0 (OkcSimCharger, 1);

  self->id = g_strdup (id);
  self->status = OKC_CHARGER_STATUS_ONLINE;
  self->status_since = now;
  self->last_heartbeat = now;
  self->heartbeat_interval = 60;
  self->next_heartbeat = now + 60;
  self->network_kind = OKC_NETWORK_KIND_WIFI;
  self->signal = 70;
  self->led = OKC_LED_STATE_GREEN;
  self->random = g_str_hash (id) | 1u;
  self->connectors = g_ptr_array_new_with_free_func ((GDestroyNotify) connector_free);
  self->changes = g_array_new (FALSE, TRUE, sizeof (OkcSimChange));
  g_array_set_clear_func (self->changes, (GDestroyNotify) change_clear);
  self->ended_sessions = g_array_new (FALSE, TRUE, sizeof (OkcSimSession));
  g_array_set_clear_func (self->ended_sessions, (GDestroyNotify) session_clear);
  for (guint i = 0; i < n_connectors; i++)
    okc_sim_charger_add_connector (self)->status_since = now;
  return self;
}

void
okc_sim_charger_free (OkcSimCharger *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->ssid);
  g_free (self->ip);
  g_ptr_array_unref (self->connectors);
  g_array_unref (self->changes);
  g_array_unref (self->ended_sessions);
  g_free (self);
}

OkcSimConnector *
okc_sim_charger_add_connector (OkcSimCharger *self)
{
  OkcSimConnector *c = g_new0 (OkcSimConnector, 1);

  c->id = self->connectors->len + 1;
  c->status = OKC_CONNECTOR_STATUS_AVAILABLE;
  c->error_code = OKC_CHARGE_POINT_ERROR_NO_ERROR;
  g_ptr_array_add (self->connectors, c);
  return c;
}

OkcSimConnector *
okc_sim_charger_get_connector (OkcSimCharger *self,
                               guint          id)
{
  if (id == 0 || id > self->connectors->len)
    return NULL;
  return g_ptr_array_index (self->connectors, id - 1);
}

void
okc_sim_charger_clear_output (OkcSimCharger *self)
{
  g_array_set_size (self->changes, 0);
  g_array_set_size (self->ended_sessions, 0);
  self->reported = FALSE;
}

gboolean
okc_sim_charger_is_reachable (OkcSimCharger *self)
{
  return self->cause != OKC_SIM_CAUSE_POWER_LOST && self->cause != OKC_SIM_CAUSE_WIFI_DOWN &&
         self->reboot_until == 0;
}

static void
record_change (OkcSimCharger       *self,
               gint64               at,
               guint                connector_id,
               int                  from,
               int                  to,
               OkcChargePointError  error_code,
               const char          *info)
{
  OkcSimChange change = {
    .at = at,
    .connector_id = connector_id,
    .from = from,
    .to = to,
    .error_code = error_code,
    .info = g_strdup (info),
  };

  g_array_append_val (self->changes, change);
}

/* A StatusNotification: a history line when the status changed; reported either way when
 * anything it carries changed. */
void
okc_sim_connector_report (OkcSimCharger       *self,
                          OkcSimConnector     *c,
                          OkcConnectorStatus   status,
                          OkcChargePointError  error_code,
                          const char          *vendor_error_code,
                          const char          *info,
                          gint64               now)
{
  if (c->status != status)
    {
      record_change (self, now, c->id, c->status, status, error_code, info);
      c->status = status;
      c->status_since = now;
      self->reported = TRUE;
    }
  if (c->error_code != error_code || g_strcmp0 (c->vendor_error_code, vendor_error_code) != 0 ||
      g_strcmp0 (c->info, info) != 0)
    {
      c->error_code = error_code;
      g_free (c->vendor_error_code);
      c->vendor_error_code = g_strdup (vendor_error_code);
      g_free (c->info);
      c->info = g_strdup (info);
      self->reported = TRUE;
    }
}

/* Available, or Unavailable when taken out of service. */
void
okc_sim_connector_report_idle (OkcSimCharger   *self,
                               OkcSimConnector *c,
                               gint64           now)
{
  okc_sim_connector_report (self, c,
                            c->inoperative ? OKC_CONNECTOR_STATUS_UNAVAILABLE
                                           : OKC_CONNECTOR_STATUS_AVAILABLE,
                            OKC_CHARGE_POINT_ERROR_NO_ERROR, NULL, NULL, now);
}

void
okc_sim_charger_set_signal (OkcSimCharger *self,
                            int            signal)
{
  if (self->network_kind == OKC_NETWORK_KIND_ETHERNET)
    signal = -1;
  if (self->signal != signal)
    {
      self->signal = signal;
      self->reported = TRUE;
    }
}

static void
report_fault (OkcSimCharger   *self,
              OkcSimConnector *c,
              OkcSimCause      cause,
              gint64           now)
{
  OkcConnectorStatus status = OKC_CONNECTOR_STATUS_FAULTED;

  if (cause == OKC_SIM_CAUSE_EV_NOT_RESPONDING)
    status = c->session_id != NULL ? OKC_CONNECTOR_STATUS_SUSPENDED_EVSE
                                   : OKC_CONNECTOR_STATUS_PREPARING;
  okc_sim_connector_report (self, c, status, connector_faults[cause].error_code,
                            connector_faults[cause].vendor_error_code,
                            connector_faults[cause].info, now);
}

/* Ends the session on @c (StopTransaction) with @stop_reason at @now. */
void
okc_sim_connector_end_session (OkcSimCharger   *self,
                               OkcSimConnector *c,
                               const char      *stop_reason,
                               gint64           now)
{
  OkcSimSession session = { 0 };
  gint64 charged_until;

  if (c->session_id == NULL)
    return;
  charged_until = c->charging_ended_at > 0 ? c->charging_ended_at : now;
  session.id = g_steal_pointer (&c->session_id);
  session.account_id = g_steal_pointer (&c->account_id);
  session.connector_id = c->id;
  session.started_at = c->session_started_at;
  session.charging_started_at = c->charging_started_at;
  session.charging_ended_at = c->charging_started_at > 0 ? charged_until : 0;
  session.ended_at = c->end_billing && c->charging_ended_at > 0 ? c->charging_ended_at : now;
  session.energy_wh = c->charging_started_at > 0
                        ? MAX (0, charged_until - c->charging_started_at) *
                            OKC_SIM_CHARGING_WATTS / 3600
                        : 0;
  session.end_billing = c->end_billing;
  session.stop_reason = stop_reason;
  g_array_append_val (self->ended_sessions, session);
  connector_clear_session (c);
}

/* The connector (1 for a charger-wide cause or none given) that a cause sits on. */
static OkcSimConnector *
cause_connector (OkcSimCharger *self)
{
  if (!okc_sim_cause_on_connector (self->cause))
    return NULL;
  return okc_sim_charger_get_connector (self, self->cause_connector);
}

static OkcLedState
compute_led (OkcSimCharger *self)
{
  gboolean faulted = FALSE, technician = FALSE, charging = FALSE, preparing = FALSE,
           amber = FALSE;

  if (self->reboot_until != 0)
    return OKC_LED_STATE_OFF;
  for (guint i = 0; i < self->connectors->len; i++)
    {
      OkcSimConnector *c = g_ptr_array_index (self->connectors, i);

      switch (c->status)
        {
        case OKC_CONNECTOR_STATUS_FAULTED:
          faulted = TRUE;
          technician |= c->error_code == OKC_CHARGE_POINT_ERROR_GROUND_FAILURE ||
                        c->error_code == OKC_CHARGE_POINT_ERROR_INTERNAL_ERROR;
          break;
        case OKC_CONNECTOR_STATUS_CHARGING:
          charging = TRUE;
          break;
        case OKC_CONNECTOR_STATUS_PREPARING:
          preparing = TRUE;
          break;
        case OKC_CONNECTOR_STATUS_SUSPENDED_EV:
        case OKC_CONNECTOR_STATUS_SUSPENDED_EVSE:
        case OKC_CONNECTOR_STATUS_UNAVAILABLE:
        case OKC_CONNECTOR_STATUS_FINISHING:
          amber = TRUE;
          break;
        default:
          break;
        }
    }
  if (technician)
    return OKC_LED_STATE_RED_BLINKING;
  if (faulted)
    return OKC_LED_STATE_RED;
  if (charging)
    return OKC_LED_STATE_GREEN_PULSING;
  if (preparing)
    return OKC_LED_STATE_BLUE;
  if (amber)
    return OKC_LED_STATE_AMBER;
  return OKC_LED_STATE_GREEN;
}

void
okc_sim_charger_refresh_led (OkcSimCharger *self)
{
  OkcLedState led = compute_led (self);

  if (led != self->led)
    {
      self->led = led;
      self->reported = TRUE;
    }
}

/* The backend's summary: offline after more than three intervals without a heartbeat,
 * else faulted when a connector is. */
static void
refresh_status (OkcSimCharger *self,
                gint64         now)
{
  OkcChargerStatus status = OKC_CHARGER_STATUS_ONLINE;
  gint64 silence = (gint64) OKC_SIM_MISSED_HEARTBEATS * self->heartbeat_interval;

  if (self->last_heartbeat == 0 || now - self->last_heartbeat > silence)
    status = OKC_CHARGER_STATUS_OFFLINE;
  else
    for (guint i = 0; i < self->connectors->len; i++)
      if (((OkcSimConnector *) g_ptr_array_index (self->connectors, i))->status ==
          OKC_CONNECTOR_STATUS_FAULTED)
        status = OKC_CHARGER_STATUS_FAULTED;

  if (status == self->status)
    return;
  /* Offline is noticed when the third interval ran out, not when the driver looked. */
  if (status == OKC_CHARGER_STATUS_OFFLINE && self->last_heartbeat > 0)
    now = MIN (now, self->last_heartbeat + silence + 1);
  record_change (self, now, 0, self->status, status, OKC_CHARGE_POINT_ERROR_NO_ERROR, NULL);
  self->status = status;
  self->status_since = now;
  self->reported = TRUE;
}

/* After a command changed something: the LED and the summary follow. */
void
okc_sim_charger_settle (OkcSimCharger *self,
                        gint64         now)
{
  if (okc_sim_charger_is_reachable (self))
    okc_sim_charger_refresh_led (self);
  refresh_status (self, now);
}

void
okc_sim_charger_heartbeat (OkcSimCharger *self,
                           gint64         now)
{
  self->last_heartbeat = now;
  self->next_heartbeat = now + self->heartbeat_interval;
}

/* The charger comes up (BootNotification): each connector reports what it is now, the
 * faults that survive a reboot among them. */
void
okc_sim_charger_boot (OkcSimCharger *self,
                      gint64         now)
{
  OkcSimConnector *faulted = cause_connector (self);

  self->reboot_until = 0;
  for (guint i = 0; i < self->connectors->len; i++)
    {
      OkcSimConnector *c = g_ptr_array_index (self->connectors, i);

      okc_sim_connector_end_session (self, c, "charger_fault", now);
      if (c == faulted)
        report_fault (self, c, self->cause, now);
      else
        okc_sim_connector_report_idle (self, c, now);
    }
  okc_sim_charger_heartbeat (self, now);
}

/* Reset: sessions stop, the connectors go Unavailable and the charger reboots for
 * @seconds; a firmware glitch and a car that stopped answering do not survive it. */
void
okc_sim_charger_reboot (OkcSimCharger *self,
                        guint          seconds,
                        gint64         now)
{
  for (guint i = 0; i < self->connectors->len; i++)
    {
      OkcSimConnector *c = g_ptr_array_index (self->connectors, i);

      okc_sim_connector_end_session (self, c,
                                     seconds == OKC_SIM_SOFT_RESET_SECONDS ? "soft_reset"
                                                                           : "hard_reset",
                                     now);
      okc_sim_connector_report (self, c, OKC_CONNECTOR_STATUS_UNAVAILABLE,
                                OKC_CHARGE_POINT_ERROR_NO_ERROR, NULL, "Rebooting", now);
    }
  if (self->cause == OKC_SIM_CAUSE_FIRMWARE_GLITCH ||
      self->cause == OKC_SIM_CAUSE_EV_NOT_RESPONDING)
    {
      self->cause = OKC_SIM_CAUSE_NONE;
      self->cause_connector = 0;
      self->cause_since = self->cause_until = 0;
    }
  self->reboot_until = now + seconds;
  okc_sim_charger_refresh_led (self);
}

static int
healthy_signal (OkcSimCharger *self)
{
  return 55 + (int) okc_sim_random_below (self, 40);
}

void
okc_sim_charger_inject (OkcSimCharger     *self,
                        const OkcSimWorld *world,
                        OkcSimCause        cause,
                        guint              connector_id,
                        gint64             until,
                        gint64             now)
{
  OkcSimConnector *c;

  if (self->cause != OKC_SIM_CAUSE_NONE)
    okc_sim_charger_clear_cause (self, world, now);
  if (cause == OKC_SIM_CAUSE_NONE)
    return;

  self->cause = cause;
  self->cause_since = now;
  self->cause_until = until;
  self->cause_connector = okc_sim_cause_on_connector (cause) ? MAX (connector_id, 1) : 0;
  switch (cause)
    {
    case OKC_SIM_CAUSE_WIFI_DOWN:
      /* The last thing the backend hears is the signal falling. */
      okc_sim_charger_set_signal (self, 6);
      break;
    case OKC_SIM_CAUSE_WEAK_SIGNAL:
      okc_sim_charger_set_signal (self, 8 + (int) okc_sim_random_below (self, 10));
      break;
    case OKC_SIM_CAUSE_GROUND_FAULT:
    case OKC_SIM_CAUSE_STUCK_CONNECTOR:
    case OKC_SIM_CAUSE_FIRMWARE_GLITCH:
      c = cause_connector (self);
      if (c != NULL)
        {
          okc_sim_connector_end_session (self, c, "charger_fault", now);
          report_fault (self, c, cause, now);
        }
      break;
    case OKC_SIM_CAUSE_EV_NOT_RESPONDING:
      c = cause_connector (self);
      if (c != NULL)
        {
          c->phase_until = 0;
          report_fault (self, c, cause, now);
        }
      break;
    default:
      break;
    }
  if (okc_sim_charger_is_reachable (self))
    okc_sim_charger_refresh_led (self);
  refresh_status (self, now);
}

void
okc_sim_charger_clear_cause (OkcSimCharger     *self,
                             const OkcSimWorld *world,
                             gint64             now)
{
  OkcSimCause cause = self->cause;
  OkcSimConnector *c = cause_connector (self);

  self->cause = OKC_SIM_CAUSE_NONE;
  self->cause_connector = 0;
  self->cause_since = self->cause_until = 0;
  switch (cause)
    {
    case OKC_SIM_CAUSE_POWER_LOST:
      /* Power back: a cold boot; what was charging ended when the power went. */
      if (self->reboot_until == 0)
        okc_sim_charger_boot (self, now);
      break;
    case OKC_SIM_CAUSE_WIFI_DOWN:
    case OKC_SIM_CAUSE_WEAK_SIGNAL:
      okc_sim_charger_set_signal (self, healthy_signal (self));
      if (self->reboot_until == 0)
        okc_sim_charger_heartbeat (self, now);
      break;
    case OKC_SIM_CAUSE_EV_NOT_RESPONDING:
      if (c != NULL && self->reboot_until == 0)
        {
          okc_sim_connector_end_session (self, c, "ev_error", now);
          okc_sim_connector_report_idle (self, c, now);
        }
      break;
    case OKC_SIM_CAUSE_NONE:
      break;
    default:
      if (c != NULL && self->reboot_until == 0)
        okc_sim_connector_report_idle (self, c, now);
      break;
    }
  if (okc_sim_charger_is_reachable (self))
    okc_sim_charger_refresh_led (self);
  refresh_status (self, now);
}

void
okc_sim_charger_start_session (OkcSimCharger     *self,
                               const OkcSimWorld *world,
                               OkcSimConnector   *c,
                               const char        *account_id,
                               gint64             now)
{
  connector_clear_session (c);
  c->session_id = world->new_session_id (world->user_data);
  c->account_id = g_strdup (account_id);
  c->session_started_at = now;
  c->phase_until = now + 2;
  okc_sim_connector_report (self, c, OKC_CONNECTOR_STATUS_PREPARING,
                            OKC_CHARGE_POINT_ERROR_NO_ERROR, NULL, NULL, now);
}

/* Preparing → Charging → SuspendedEV (the car is full) → Finishing → Available. */
static void
advance_session (OkcSimCharger   *self,
                 OkcSimConnector *c,
                 gint64           now)
{
  gint64 at = c->phase_until;

  switch (c->status)
    {
    case OKC_CONNECTOR_STATUS_PREPARING:
      c->charging_started_at = at;
      c->phase_until = at + 20 * MINUTE + okc_sim_random_below (self, 40 * MINUTE);
      okc_sim_connector_report (self, c, OKC_CONNECTOR_STATUS_CHARGING,
                                OKC_CHARGE_POINT_ERROR_NO_ERROR, NULL, NULL, at);
      break;
    case OKC_CONNECTOR_STATUS_CHARGING:
      c->charging_ended_at = at;
      c->phase_until = at + 5 * MINUTE + okc_sim_random_below (self, 25 * MINUTE);
      okc_sim_connector_report (self, c, OKC_CONNECTOR_STATUS_SUSPENDED_EV,
                                OKC_CHARGE_POINT_ERROR_NO_ERROR, NULL, NULL, at);
      break;
    case OKC_CONNECTOR_STATUS_SUSPENDED_EV:
      c->phase_until = at + MINUTE;
      okc_sim_connector_report (self, c, OKC_CONNECTOR_STATUS_FINISHING,
                                OKC_CHARGE_POINT_ERROR_NO_ERROR, NULL, NULL, at);
      break;
    case OKC_CONNECTOR_STATUS_FINISHING:
      okc_sim_connector_end_session (self, c, c->stopped_remotely ? "remote_stop" : "completed",
                                     MIN (at, now));
      okc_sim_connector_report_idle (self, c, at);
      break;
    default:
      c->phase_until = 0;
      break;
    }
}

static void
advance_sessions (OkcSimCharger *self,
                  gint64         now)
{
  for (guint i = 0; i < self->connectors->len; i++)
    {
      OkcSimConnector *c = g_ptr_array_index (self->connectors, i);

      if (c == cause_connector (self))
        continue;
      /* Several phases may have passed while the backend was down. */
      for (guint steps = 0; c->session_id != NULL && c->phase_until != 0 &&
                            c->phase_until <= now && steps < 4; steps++)
        advance_session (self, c, now);
    }
}

/* A chance of @interval in @mean seconds, once per heartbeat. */
static gboolean
happens (OkcSimCharger *self,
         guint          mean)
{
  return okc_sim_random_below (self, mean) < self->heartbeat_interval;
}

static void
random_activity (OkcSimCharger     *self,
                 const OkcSimWorld *world,
                 gint64             now)
{
  static const OkcSimCause causes[] = {
    OKC_SIM_CAUSE_POWER_LOST, OKC_SIM_CAUSE_POWER_LOST, OKC_SIM_CAUSE_WIFI_DOWN,
    OKC_SIM_CAUSE_WIFI_DOWN, OKC_SIM_CAUSE_WEAK_SIGNAL, OKC_SIM_CAUSE_GROUND_FAULT,
    OKC_SIM_CAUSE_STUCK_CONNECTOR, OKC_SIM_CAUSE_STUCK_CONNECTOR,
    OKC_SIM_CAUSE_FIRMWARE_GLITCH, OKC_SIM_CAUSE_EV_NOT_RESPONDING,
  };

  if (self->cause != OKC_SIM_CAUSE_NONE)
    return;
  if (happens (self, MEAN_SECONDS_BETWEEN_FAULTS))
    {
      OkcSimCause cause = causes[okc_sim_random_below (self, G_N_ELEMENTS (causes))];
      guint connector = 1 + okc_sim_random_below (self, self->connectors->len);
      /* Power and networks come back within half an hour; a technician comes for the
       * rest within a few hours. */
      gint64 until = cause == OKC_SIM_CAUSE_POWER_LOST || cause == OKC_SIM_CAUSE_WIFI_DOWN
                       ? now + 5 * MINUTE + okc_sim_random_below (self, 25 * MINUTE)
                       : now + HOUR + okc_sim_random_below (self, 3 * HOUR);

      okc_sim_charger_inject (self, world, cause, connector, until, now);
      return;
    }
  for (guint i = 0; i < self->connectors->len; i++)
    {
      OkcSimConnector *c = g_ptr_array_index (self->connectors, i);
      g_autofree char *account = NULL;

      if (c->status != OKC_CONNECTOR_STATUS_AVAILABLE || c->session_id != NULL ||
          !happens (self, MEAN_SECONDS_BETWEEN_SESSIONS))
        continue;
      account = world->pick_account (world->user_data, self->id, okc_sim_random_next (self));
      if (account != NULL)
        okc_sim_charger_start_session (self, world, c, account, now);
    }
}

void
okc_sim_charger_advance (OkcSimCharger     *self,
                         const OkcSimWorld *world,
                         gint64             now)
{
  gboolean beat = FALSE;

  if (self->reboot_until != 0 && now >= self->reboot_until &&
      self->cause != OKC_SIM_CAUSE_POWER_LOST)
    okc_sim_charger_boot (self, self->reboot_until);
  if (self->cause != OKC_SIM_CAUSE_NONE && self->cause_until != 0 && now >= self->cause_until)
    okc_sim_charger_clear_cause (self, world, now);

  if (okc_sim_charger_is_reachable (self))
    {
      if (now >= self->next_heartbeat)
        {
          /* A weak signal loses one heartbeat in three. */
          if (self->cause != OKC_SIM_CAUSE_WEAK_SIGNAL || okc_sim_random_below (self, 3) != 0)
            self->last_heartbeat = now;
          self->next_heartbeat = now + self->heartbeat_interval;
          beat = TRUE;
        }
      advance_sessions (self, now);
      if (beat && self->activity)
        random_activity (self, world, now);
      okc_sim_charger_refresh_led (self);
    }
  refresh_status (self, now);
}

gint64
okc_sim_charger_next_due (OkcSimCharger *self,
                          gint64         now)
{
  gint64 due = now + MAX (self->heartbeat_interval, 1);

#define CONSIDER(t) G_STMT_START { gint64 t_ = (t); if (t_ > 0 && t_ < due) due = t_; } G_STMT_END
  if (okc_sim_charger_is_reachable (self))
    {
      CONSIDER (self->next_heartbeat);
      for (guint i = 0; i < self->connectors->len; i++)
        CONSIDER (((OkcSimConnector *) g_ptr_array_index (self->connectors, i))->phase_until);
    }
  CONSIDER (self->reboot_until);
  CONSIDER (self->cause_until);
  if (self->status != OKC_CHARGER_STATUS_OFFLINE && self->last_heartbeat > 0)
    CONSIDER (self->last_heartbeat +
              (gint64) OKC_SIM_MISSED_HEARTBEATS * self->heartbeat_interval + 1);
#undef CONSIDER
  return MAX (due, now + 1);
}
