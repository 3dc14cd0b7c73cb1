/* okc-backend-fleet-sim-commands.c — how a simulated charger answers remote commands, as
 * the cause behind its trouble dictates (docs/chargers.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-fleet-sim-private.h"

/* The charger acts on an accepted command this long after it accepted it. */
#define ACT_SECONDS 1

void
okc_sim_command_clear (OkcSimCommand *command)
{
  g_clear_pointer (&command->account_id, g_free);
  g_clear_pointer (&command->outcome, g_free);
}

static gboolean
is_final (OkcCommandState state)
{
  return state != OKC_COMMAND_STATE_SENT && state != OKC_COMMAND_STATE_ACCEPTED;
}

static void
set_state (OkcSimCommand   *command,
           OkcCommandState  state,
           gint64           due_at,
           gint64           now,
           char            *outcome)
{
  command->state = state;
  command->updated_at = now;
  command->due_at = is_final (state) ? 0 : due_at;
  g_free (command->outcome);
  command->outcome = outcome;
  command->changed = TRUE;
}

static const char *
status_nick (OkcConnectorStatus status)
{
  return okc_enum_to_nick (OKC_TYPE_CONNECTOR_STATUS, status);
}

static const char *
error_nick (OkcChargePointError error_code)
{
  return okc_enum_to_nick (OKC_TYPE_CHARGE_POINT_ERROR, error_code);
}

static gboolean
glitching (OkcSimCharger *charger)
{
  return charger->cause == OKC_SIM_CAUSE_FIRMWARE_GLITCH;
}

/* Why the charger answers Rejected, or NULL when it accepts. */
static char *
refusal (OkcSimCommand *command,
         OkcSimCharger *charger)
{
  OkcSimConnector *c = okc_sim_charger_get_connector (charger, command->connector_id);

  if (command->connector_id > 0 && c == NULL)
    return g_strdup_printf ("The charger has no connector %u", command->connector_id);

  switch (command->kind)
    {
    case OKC_COMMAND_KIND_REMOTE_START:
      if (glitching (charger))
        return g_strdup ("Rejected: the firmware did not process RemoteStartTransaction "
                         "(InternalError); a reset clears it");
      if (c->session_id != NULL || c->inoperative ||
          (c->status != OKC_CONNECTOR_STATUS_AVAILABLE &&
           c->status != OKC_CONNECTOR_STATUS_PREPARING))
        return g_strdup_printf ("Connector %u is %s%s: a session cannot start on it", c->id,
                                status_nick (c->status),
                                c->session_id != NULL ? " with a session" : "");
      return NULL;
    case OKC_COMMAND_KIND_REMOTE_STOP:
      if (c->session_id == NULL)
        return g_strdup_printf ("No session to stop on connector %u", c->id);
      if (glitching (charger))
        return g_strdup ("Rejected: the firmware did not process RemoteStopTransaction "
                         "(InternalError); a reset clears it");
      return NULL;
    case OKC_COMMAND_KIND_UNLOCK_CONNECTOR:
    case OKC_COMMAND_KIND_CHANGE_AVAILABILITY:
      if (glitching (charger))
        return g_strdup ("Rejected: the firmware did not process the request (InternalError); "
                         "a reset clears it");
      return NULL;
    default:
      return NULL;
    }
}

static void
stop_session (OkcSimCommand   *command,
              OkcSimCharger   *charger,
              OkcSimConnector *c,
              gint64           now)
{
  if (charger->cause == OKC_SIM_CAUSE_EV_NOT_RESPONDING && charger->cause_connector == c->id)
    {
      charger->cause = OKC_SIM_CAUSE_NONE;
      charger->cause_connector = 0;
      charger->cause_since = charger->cause_until = 0;
    }
  if (c->charging_started_at == 0)
    c->charging_started_at = now;
  if (c->charging_ended_at == 0)
    c->charging_ended_at = now;
  c->end_billing = command->end_billing;
  c->stopped_remotely = TRUE;
  /* The driver has a few seconds to take the cable; the session ends then. */
  c->phase_until = now + OKC_SIM_UNPLUG_SECONDS;
  okc_sim_connector_report (charger, c, OKC_CONNECTOR_STATUS_FINISHING,
                            OKC_CHARGE_POINT_ERROR_NO_ERROR, NULL, NULL, now);
}

static void
accept (OkcSimCommand     *command,
        OkcSimCharger     *charger,
        const OkcSimWorld *world,
        gint64             now)
{
  OkcSimConnector *c = okc_sim_charger_get_connector (charger, command->connector_id);
  guint seconds;

  switch (command->kind)
    {
    case OKC_COMMAND_KIND_SOFT_RESET:
    case OKC_COMMAND_KIND_HARD_RESET:
      seconds = command->kind == OKC_COMMAND_KIND_SOFT_RESET ? OKC_SIM_SOFT_RESET_SECONDS
                                                             : OKC_SIM_HARD_RESET_SECONDS;
      okc_sim_charger_reboot (charger, seconds, now);
      set_state (command, OKC_COMMAND_STATE_ACCEPTED, charger->reboot_until, now,
                 g_strdup_printf ("Rebooting (about %u s)", seconds));
      return;
    case OKC_COMMAND_KIND_REMOTE_START:
      okc_sim_charger_start_session (charger, world, c, command->account_id, now);
      set_state (command, OKC_COMMAND_STATE_ACCEPTED, c->phase_until, now,
                 g_strdup_printf ("Session %s preparing on connector %u", c->session_id, c->id));
      return;
    case OKC_COMMAND_KIND_REMOTE_STOP:
      stop_session (command, charger, c, now);
      set_state (command, OKC_COMMAND_STATE_ACCEPTED, now + ACT_SECONDS, now,
                 g_strdup_printf ("Stopping session %s", c->session_id));
      return;
    default:
      set_state (command, OKC_COMMAND_STATE_ACCEPTED, now + ACT_SECONDS, now, NULL);
      return;
    }
}

static char *
describe_connectors (OkcSimCharger *charger)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < charger->connectors->len; i++)
    {
      OkcSimConnector *c = g_ptr_array_index (charger->connectors, i);

      g_string_append_printf (text, "%sconnector %u %s", i > 0 ? "; " : "", c->id,
                              status_nick (c->status));
      if (c->error_code != OKC_CHARGE_POINT_ERROR_NO_ERROR)
        g_string_append_printf (text, " (%s%s%s)", error_nick (c->error_code),
                                c->vendor_error_code != NULL ? ", " : "",
                                c->vendor_error_code != NULL ? c->vendor_error_code : "");
    }
  return g_string_free (text, FALSE);
}

/* What the charger says once it is up again after a reset. */
static char *
reset_outcome (OkcSimCharger *charger)
{
  OkcSimConnector *c = okc_sim_charger_get_connector (charger, charger->cause_connector);
  g_autofree char *statuses = NULL;

  if (c != NULL && c->status == OKC_CONNECTOR_STATUS_FAULTED)
    return g_strdup_printf ("Rebooted; connector %u still Faulted (%s): %s", c->id,
                            error_nick (c->error_code),
                            charger->cause == OKC_SIM_CAUSE_GROUND_FAULT
                              ? "a reset cannot clear a ground fault; it needs an electrician"
                              : "a reset does not release a stuck cable lock; unlock the "
                                "connector");
  if (charger->cause == OKC_SIM_CAUSE_WEAK_SIGNAL)
    return g_strdup_printf ("Rebooted; the signal is still weak (%d %%): a reset does not "
                            "improve the network", charger->signal);
  statuses = describe_connectors (charger);
  return g_strdup_printf ("Rebooted; %s", statuses);
}

static char *
unlock (OkcSimCharger   *charger,
        OkcSimConnector *c,
        gint64           now)
{
  gboolean cause_here = charger->cause_connector == c->id;
  g_autofree char *session_id = g_strdup (c->session_id);

  if (cause_here && charger->cause == OKC_SIM_CAUSE_GROUND_FAULT)
    return g_strdup_printf ("Connector %u unlocked; still Faulted (GroundFailure): it needs "
                            "an electrician", c->id);
  if (cause_here && (charger->cause == OKC_SIM_CAUSE_STUCK_CONNECTOR ||
                     charger->cause == OKC_SIM_CAUSE_EV_NOT_RESPONDING))
    {
      charger->cause = OKC_SIM_CAUSE_NONE;
      charger->cause_connector = 0;
      charger->cause_since = charger->cause_until = 0;
      okc_sim_connector_end_session (charger, c, "ev_error", now);
      okc_sim_connector_report_idle (charger, c, now);
      return g_strdup_printf ("Connector %u unlocked; the cable is free and the connector is %s "
                              "again", c->id, status_nick (c->status));
    }
  if (session_id != NULL)
    {
      okc_sim_connector_end_session (charger, c, "unplugged", now);
      okc_sim_connector_report_idle (charger, c, now);
      return g_strdup_printf ("Connector %u unlocked; its session %s was stopped", c->id,
                              session_id);
    }
  return g_strdup_printf ("Connector %u unlocked", c->id);
}

static char *
change_availability (OkcSimCommand *command,
                     OkcSimCharger *charger,
                     gint64         now)
{
  GString *text = g_string_new (NULL);
  gboolean inoperative = command->availability == OKC_AVAILABILITY_INOPERATIVE;

  for (guint i = 0; i < charger->connectors->len; i++)
    {
      OkcSimConnector *c = g_ptr_array_index (charger->connectors, i);

      if (command->connector_id != 0 && c->id != command->connector_id)
        continue;
      c->inoperative = inoperative;
      if (text->len > 0)
        g_string_append (text, "; ");
      if (c->session_id != NULL)
        g_string_append_printf (text, "connector %u %s once its session ends", c->id,
                                inoperative ? "Unavailable" : "Available");
      else if (c->status == OKC_CONNECTOR_STATUS_FAULTED)
        g_string_append_printf (text, "connector %u stays Faulted until repaired", c->id);
      else
        {
          okc_sim_connector_report_idle (charger, c, now);
          g_string_append_printf (text, "connector %u %s", c->id, status_nick (c->status));
        }
    }
  text->str[0] = g_ascii_toupper (text->str[0]);
  return g_string_free (text, FALSE);
}

static void
complete (OkcSimCommand *command,
          OkcSimCharger *charger,
          gint64         now)
{
  OkcSimConnector *c = okc_sim_charger_get_connector (charger, command->connector_id);
  OkcCommandState done = OKC_COMMAND_STATE_COMPLETED;
  char *outcome = NULL;

  switch (command->kind)
    {
    case OKC_COMMAND_KIND_TRIGGER_HEARTBEAT:
      okc_sim_charger_heartbeat (charger, now);
      charger->reported = TRUE;
      outcome = g_strdup ("The charger sent a heartbeat");
      break;
    case OKC_COMMAND_KIND_TRIGGER_STATUS:
      {
        g_autofree char *statuses = describe_connectors (charger);
        charger->reported = TRUE;
        outcome = g_strdup_printf ("Status reported: %s", statuses);
      }
      break;
    case OKC_COMMAND_KIND_SOFT_RESET:
    case OKC_COMMAND_KIND_HARD_RESET:
      if (!okc_sim_charger_is_reachable (charger))
        {
          done = OKC_COMMAND_STATE_FAILED;
          outcome = g_strdup ("The charger did not come back after the reset");
        }
      else
        outcome = reset_outcome (charger);
      break;
    case OKC_COMMAND_KIND_UNLOCK_CONNECTOR:
      outcome = unlock (charger, c, now);
      break;
    case OKC_COMMAND_KIND_CHANGE_AVAILABILITY:
      outcome = change_availability (command, charger, now);
      break;
    case OKC_COMMAND_KIND_REMOTE_START:
      if (c->session_id != NULL && c->status == OKC_CONNECTOR_STATUS_CHARGING)
        outcome = g_strdup_printf ("Session %s charging on connector %u", c->session_id, c->id);
      else
        {
          done = OKC_COMMAND_STATE_FAILED;
          outcome = g_strdup_printf ("The car did not start charging: connector %u is %s", c->id,
                                     status_nick (c->status));
        }
      break;
    case OKC_COMMAND_KIND_REMOTE_STOP:
      outcome = g_strdup_printf ("Session stopped on connector %u; %s", c->id,
                                 command->end_billing
                                   ? "billed up to the stop, without idle fee"
                                   : "idle fees apply until the cable is unplugged");
      break;
    }
  set_state (command, done, 0, now, outcome);
}

void
okc_sim_command_step (OkcSimCommand     *command,
                      OkcSimCharger     *charger,
                      const OkcSimWorld *world,
                      gint64             now)
{
  char *reason;

  command->changed = FALSE;
  if (command->due_at == 0 || now < command->due_at)
    return;

  if (command->state == OKC_COMMAND_STATE_ACCEPTED)
    {
      /* Still booting: the outcome comes once it is up. */
      if (charger->reboot_until != 0 && charger->cause != OKC_SIM_CAUSE_POWER_LOST)
        command->due_at = charger->reboot_until;
      else
        complete (command, charger, now);
      okc_sim_charger_settle (charger, now);
      return;
    }
  if (command->state != OKC_COMMAND_STATE_SENT)
    return;

  if (now >= command->requested_at + OKC_COMMAND_TIMEOUT_SECONDS)
    {
      set_state (command, OKC_COMMAND_STATE_TIMED_OUT, 0, now,
                 g_strdup_printf ("No answer from the charger within %d s",
                                  OKC_COMMAND_TIMEOUT_SECONDS));
      return;
    }
  /* Unreachable, or the answer lost on a weak signal: nothing comes back. */
  if (!okc_sim_charger_is_reachable (charger) ||
      (charger->cause == OKC_SIM_CAUSE_WEAK_SIGNAL && okc_sim_random_below (charger, 2) == 0))
    {
      command->due_at = command->requested_at + OKC_COMMAND_TIMEOUT_SECONDS;
      return;
    }

  reason = refusal (command, charger);
  if (reason != NULL)
    set_state (command, OKC_COMMAND_STATE_REJECTED, 0, now, reason);
  else
    accept (command, charger, world, now);
  okc_sim_charger_settle (charger, now);
}
