/* test-backend-fleet-sim.c — the simulated charger as a state machine, driven with explicit
 * times: each cause against each command, offline detection at its threshold, recovery
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-backend-fleet-sim.h"

#define T0 G_GINT64_CONSTANT (1795000000)

typedef struct
{
  guint sessions;
} World;

static char *
new_session_id (gpointer user_data)
{
  World *world = user_data;

  return g_strdup_printf ("SES-%07u", ++world->sessions);
}

static char *
pick_account (gpointer    user_data,
              const char *charger_id,
              guint32     random)
{
  return g_strdup ("ACC-00042");
}

static World world_data;
static const OkcSimWorld world = { new_session_id, pick_account, &world_data };

static OkcSimCharger *
make_charger (guint n_connectors)
{
  OkcSimCharger *charger = okc_sim_charger_new ("CH-10001", n_connectors, T0);

  charger->heartbeat_interval = 10;
  charger->next_heartbeat = T0 + 10;
  return charger;
}

/* Advances second by second from @from to @to (inclusive), as the driver would. */
static void
run (OkcSimCharger *charger,
     gint64         from,
     gint64         to)
{
  for (gint64 t = from; t <= to; t++)
    okc_sim_charger_advance (charger, &world, t);
}

static OkcSimCommand
make_command (OkcCommandKind kind,
              guint          connector_id,
              gint64         at)
{
  OkcSimCommand command = {
    .kind = kind,
    .connector_id = connector_id,
    .state = OKC_COMMAND_STATE_SENT,
    .requested_at = at,
    .updated_at = at,
    .due_at = at + 1,
  };
  return command;
}

/* Runs @command on @charger from @at until it is final (or 60 s passed); returns when. */
static gint64
carry_out (OkcSimCharger *charger,
           OkcSimCommand *command,
           gint64         at)
{
  gint64 t;

  for (t = at; t < at + 60 && command->due_at != 0; t++)
    {
      okc_sim_charger_advance (charger, &world, t);
      okc_sim_command_step (command, charger, &world, t);
    }
  return t;
}

static OkcSimConnector *
connector (OkcSimCharger *charger,
           guint          id)
{
  OkcSimConnector *c = okc_sim_charger_get_connector (charger, id);

  g_assert_nonnull (c);
  return c;
}

static void
test_heartbeats_and_offline_threshold (void)
{
  OkcSimCharger *charger = make_charger (1);

  run (charger, T0, T0 + 25);
  g_assert_cmpint (charger->last_heartbeat, ==, T0 + 20);
  g_assert_cmpint (charger->status, ==, OKC_CHARGER_STATUS_ONLINE);
  /* Routine heartbeats are nothing to announce. */
  g_assert_false (charger->reported);
  g_assert_cmpuint (charger->changes->len, ==, 0);

  okc_sim_charger_inject (charger, &world, OKC_SIM_CAUSE_POWER_LOST, 0, 0, T0 + 25);
  g_assert_false (okc_sim_charger_is_reachable (charger));
  /* Three intervals after the last heartbeat it is still online; one second later not. */
  run (charger, T0 + 26, T0 + 20 + 30);
  g_assert_cmpint (charger->status, ==, OKC_CHARGER_STATUS_ONLINE);
  g_assert_cmpint (charger->last_heartbeat, ==, T0 + 20);
  run (charger, T0 + 51, T0 + 51);
  g_assert_cmpint (charger->status, ==, OKC_CHARGER_STATUS_OFFLINE);
  g_assert_cmpint (charger->status_since, ==, T0 + 51);
  g_assert_true (charger->reported);
  g_assert_cmpuint (charger->changes->len, ==, 1);
  g_assert_cmpuint (g_array_index (charger->changes, OkcSimChange, 0).connector_id, ==, 0);
  g_assert_cmpint (g_array_index (charger->changes, OkcSimChange, 0).to, ==,
                   OKC_CHARGER_STATUS_OFFLINE);
  /* The backend's schedule wakes it for nothing but the cause's end, or the interval. */
  g_assert_cmpint (okc_sim_charger_next_due (charger, T0 + 51), ==, T0 + 61);
  okc_sim_charger_free (charger);
}

static void
test_power_comes_back (void)
{
  OkcSimCharger *charger = make_charger (2);

  okc_sim_charger_start_session (charger, &world, connector (charger, 2), "ACC-00001", T0);
  run (charger, T0, T0 + 5);
  g_assert_cmpint (connector (charger, 2)->status, ==, OKC_CONNECTOR_STATUS_CHARGING);
  okc_sim_charger_clear_output (charger);

  okc_sim_charger_inject (charger, &world, OKC_SIM_CAUSE_POWER_LOST, 0, T0 + 300, T0 + 6);
  run (charger, T0 + 6, T0 + 200);
  g_assert_cmpint (okc_sim_charger_next_due (charger, T0 + 200), ==, T0 + 210);
  run (charger, T0 + 201, T0 + 299);
  g_assert_cmpint (okc_sim_charger_next_due (charger, T0 + 299), ==, T0 + 300);
  g_assert_cmpint (charger->status, ==, OKC_CHARGER_STATUS_OFFLINE);
  /* An offline charger keeps the statuses it last reported. */
  g_assert_cmpint (connector (charger, 2)->status, ==, OKC_CONNECTOR_STATUS_CHARGING);

  run (charger, T0 + 300, T0 + 300);
  g_assert_cmpint (charger->cause, ==, OKC_SIM_CAUSE_NONE);
  g_assert_cmpint (charger->status, ==, OKC_CHARGER_STATUS_ONLINE);
  g_assert_cmpint (charger->last_heartbeat, ==, T0 + 300);
  g_assert_cmpint (connector (charger, 2)->status, ==, OKC_CONNECTOR_STATUS_AVAILABLE);
  g_assert_null (connector (charger, 2)->session_id);
  /* The session ended with the power, billed as a charger fault. */
  g_assert_cmpuint (charger->ended_sessions->len, ==, 1);
  g_assert_cmpstr (g_array_index (charger->ended_sessions, OkcSimSession, 0).stop_reason, ==,
                   "charger_fault");
  g_assert_cmpint (charger->led, ==, OKC_LED_STATE_GREEN);
  okc_sim_charger_free (charger);
}

static void
test_wifi_down_signal_falls_then_recovers (void)
{
  OkcSimCharger *charger = make_charger (1);

  charger->signal = 70;
  okc_sim_charger_inject (charger, &world, OKC_SIM_CAUSE_WIFI_DOWN, 0, T0 + 120, T0);
  g_assert_cmpint (charger->signal, <, 20);
  g_assert_true (charger->reported);
  run (charger, T0 + 1, T0 + 119);
  g_assert_cmpint (charger->status, ==, OKC_CHARGER_STATUS_OFFLINE);
  run (charger, T0 + 120, T0 + 120);
  g_assert_cmpint (charger->status, ==, OKC_CHARGER_STATUS_ONLINE);
  g_assert_cmpint (charger->signal, >=, 55);
  okc_sim_charger_free (charger);
}

/* A command's final state and outcome for @cause injected on connector 1, with @prepare
 * run on the charger before the command is sent. */
typedef struct
{
  OkcSimCause cause;
  OkcCommandKind kind;
  OkcCommandState state;
  const char *outcome_part;           /* a piece of the outcome */
  OkcConnectorStatus connector_after; /* connector 1 once done */
  OkcSimCause cause_after;
} Case;

static const Case cases[] = {
  /* A reset reboots a ground-faulted charger and the fault comes back. */
  { OKC_SIM_CAUSE_GROUND_FAULT, OKC_COMMAND_KIND_SOFT_RESET, OKC_COMMAND_STATE_COMPLETED,
    "a reset cannot clear a ground fault", OKC_CONNECTOR_STATUS_FAULTED,
    OKC_SIM_CAUSE_GROUND_FAULT },
  { OKC_SIM_CAUSE_GROUND_FAULT, OKC_COMMAND_KIND_HARD_RESET, OKC_COMMAND_STATE_COMPLETED,
    "still Faulted (GroundFailure)", OKC_CONNECTOR_STATUS_FAULTED, OKC_SIM_CAUSE_GROUND_FAULT },
  { OKC_SIM_CAUSE_GROUND_FAULT, OKC_COMMAND_KIND_UNLOCK_CONNECTOR, OKC_COMMAND_STATE_COMPLETED,
    "electrician", OKC_CONNECTOR_STATUS_FAULTED, OKC_SIM_CAUSE_GROUND_FAULT },
  { OKC_SIM_CAUSE_GROUND_FAULT, OKC_COMMAND_KIND_TRIGGER_STATUS, OKC_COMMAND_STATE_COMPLETED,
    "connector 1 Faulted (GroundFailure, E-GF-01)", OKC_CONNECTOR_STATUS_FAULTED,
    OKC_SIM_CAUSE_GROUND_FAULT },
  /* Unlock clears a stuck connector; a reset does not. */
  { OKC_SIM_CAUSE_STUCK_CONNECTOR, OKC_COMMAND_KIND_UNLOCK_CONNECTOR,
    OKC_COMMAND_STATE_COMPLETED, "Available again", OKC_CONNECTOR_STATUS_AVAILABLE,
    OKC_SIM_CAUSE_NONE },
  { OKC_SIM_CAUSE_STUCK_CONNECTOR, OKC_COMMAND_KIND_SOFT_RESET, OKC_COMMAND_STATE_COMPLETED,
    "unlock the connector", OKC_CONNECTOR_STATUS_FAULTED, OKC_SIM_CAUSE_STUCK_CONNECTOR },
  { OKC_SIM_CAUSE_STUCK_CONNECTOR, OKC_COMMAND_KIND_HARD_RESET, OKC_COMMAND_STATE_COMPLETED,
    "ConnectorLockFailure", OKC_CONNECTOR_STATUS_FAULTED, OKC_SIM_CAUSE_STUCK_CONNECTOR },
  /* A reset clears a firmware glitch; the glitching firmware refuses the rest. */
  { OKC_SIM_CAUSE_FIRMWARE_GLITCH, OKC_COMMAND_KIND_SOFT_RESET, OKC_COMMAND_STATE_COMPLETED,
    "connector 1 Available", OKC_CONNECTOR_STATUS_AVAILABLE, OKC_SIM_CAUSE_NONE },
  { OKC_SIM_CAUSE_FIRMWARE_GLITCH, OKC_COMMAND_KIND_HARD_RESET, OKC_COMMAND_STATE_COMPLETED,
    "connector 1 Available", OKC_CONNECTOR_STATUS_AVAILABLE, OKC_SIM_CAUSE_NONE },
  { OKC_SIM_CAUSE_FIRMWARE_GLITCH, OKC_COMMAND_KIND_UNLOCK_CONNECTOR, OKC_COMMAND_STATE_REJECTED,
    "InternalError", OKC_CONNECTOR_STATUS_FAULTED, OKC_SIM_CAUSE_FIRMWARE_GLITCH },
  { OKC_SIM_CAUSE_FIRMWARE_GLITCH, OKC_COMMAND_KIND_TRIGGER_HEARTBEAT,
    OKC_COMMAND_STATE_COMPLETED, "heartbeat", OKC_CONNECTOR_STATUS_FAULTED,
    OKC_SIM_CAUSE_FIRMWARE_GLITCH },
  /* Nothing remote reaches a charger without power or Wi-Fi: no answer, a timeout. */
  { OKC_SIM_CAUSE_WIFI_DOWN, OKC_COMMAND_KIND_SOFT_RESET, OKC_COMMAND_STATE_TIMED_OUT,
    "within 30 s", OKC_CONNECTOR_STATUS_AVAILABLE, OKC_SIM_CAUSE_WIFI_DOWN },
  { OKC_SIM_CAUSE_WIFI_DOWN, OKC_COMMAND_KIND_HARD_RESET, OKC_COMMAND_STATE_TIMED_OUT,
    "within 30 s", OKC_CONNECTOR_STATUS_AVAILABLE, OKC_SIM_CAUSE_WIFI_DOWN },
  { OKC_SIM_CAUSE_WIFI_DOWN, OKC_COMMAND_KIND_TRIGGER_HEARTBEAT, OKC_COMMAND_STATE_TIMED_OUT,
    "within 30 s", OKC_CONNECTOR_STATUS_AVAILABLE, OKC_SIM_CAUSE_WIFI_DOWN },
  { OKC_SIM_CAUSE_POWER_LOST, OKC_COMMAND_KIND_SOFT_RESET, OKC_COMMAND_STATE_TIMED_OUT,
    "within 30 s", OKC_CONNECTOR_STATUS_AVAILABLE, OKC_SIM_CAUSE_POWER_LOST },
  { OKC_SIM_CAUSE_POWER_LOST, OKC_COMMAND_KIND_UNLOCK_CONNECTOR, OKC_COMMAND_STATE_TIMED_OUT,
    "within 30 s", OKC_CONNECTOR_STATUS_AVAILABLE, OKC_SIM_CAUSE_POWER_LOST },
  /* A reset of a healthy charger. */
  { OKC_SIM_CAUSE_NONE, OKC_COMMAND_KIND_SOFT_RESET, OKC_COMMAND_STATE_COMPLETED,
    "Rebooted; connector 1 Available", OKC_CONNECTOR_STATUS_AVAILABLE, OKC_SIM_CAUSE_NONE },
  { OKC_SIM_CAUSE_NONE, OKC_COMMAND_KIND_UNLOCK_CONNECTOR, OKC_COMMAND_STATE_COMPLETED,
    "Connector 1 unlocked", OKC_CONNECTOR_STATUS_AVAILABLE, OKC_SIM_CAUSE_NONE },
  { OKC_SIM_CAUSE_NONE, OKC_COMMAND_KIND_TRIGGER_STATUS, OKC_COMMAND_STATE_COMPLETED,
    "connector 1 Available", OKC_CONNECTOR_STATUS_AVAILABLE, OKC_SIM_CAUSE_NONE },
  { OKC_SIM_CAUSE_NONE, OKC_COMMAND_KIND_REMOTE_START, OKC_COMMAND_STATE_COMPLETED,
    "charging on connector 1", OKC_CONNECTOR_STATUS_CHARGING, OKC_SIM_CAUSE_NONE },
  { OKC_SIM_CAUSE_GROUND_FAULT, OKC_COMMAND_KIND_REMOTE_START, OKC_COMMAND_STATE_REJECTED,
    "Connector 1 is Faulted", OKC_CONNECTOR_STATUS_FAULTED, OKC_SIM_CAUSE_GROUND_FAULT },
  { OKC_SIM_CAUSE_NONE, OKC_COMMAND_KIND_REMOTE_STOP, OKC_COMMAND_STATE_REJECTED,
    "No session to stop on connector 1", OKC_CONNECTOR_STATUS_AVAILABLE, OKC_SIM_CAUSE_NONE },
};

static void
test_cause_command (gconstpointer data)
{
  const Case *c = data;
  OkcSimCharger *charger = make_charger (1);
  gboolean on_connector = c->kind == OKC_COMMAND_KIND_UNLOCK_CONNECTOR ||
                          c->kind == OKC_COMMAND_KIND_REMOTE_START ||
                          c->kind == OKC_COMMAND_KIND_REMOTE_STOP;
  OkcSimCommand command = make_command (c->kind, on_connector ? 1 : 0, T0 + 3);
  gint64 done;
  gint64 expected_end;

  command.account_id = g_strdup ("ACC-00007");
  okc_sim_charger_inject (charger, &world, c->cause, 1, 0, T0);
  run (charger, T0, T0 + 2);
  done = carry_out (charger, &command, T0 + 3);

  g_assert_cmpint (command.state, ==, c->state);
  g_assert_cmpint (command.due_at, ==, 0);
  g_assert_nonnull (command.outcome);
  if (strstr (command.outcome, c->outcome_part) == NULL)
    g_error ("%s after %s: “%s” does not say “%s”", okc_sim_cause_to_nick (c->cause),
             okc_enum_to_nick (OKC_TYPE_COMMAND_KIND, c->kind), command.outcome, c->outcome_part);
  g_assert_cmpint (connector (charger, 1)->status, ==, c->connector_after);
  g_assert_cmpint (charger->cause, ==, c->cause_after);

  /* The timings of docs/chargers.md: a timeout after 30 s, resets of about 8 and 15 s,
   * an answer within 1–2 s otherwise. */
  if (c->state == OKC_COMMAND_STATE_TIMED_OUT)
    expected_end = T0 + 3 + OKC_COMMAND_TIMEOUT_SECONDS;
  else if (c->state == OKC_COMMAND_STATE_COMPLETED && c->kind == OKC_COMMAND_KIND_SOFT_RESET)
    expected_end = T0 + 4 + OKC_SIM_SOFT_RESET_SECONDS;
  else if (c->state == OKC_COMMAND_STATE_COMPLETED && c->kind == OKC_COMMAND_KIND_HARD_RESET)
    expected_end = T0 + 4 + OKC_SIM_HARD_RESET_SECONDS;
  else
    expected_end = 0;
  if (expected_end != 0)
    g_assert_cmpint (command.updated_at, ==, expected_end);
  else
    g_assert_cmpint (command.updated_at - command.requested_at, <=, 3);
  g_assert_cmpint (done, <=, command.updated_at + 1);

  okc_sim_command_clear (&command);
  okc_sim_charger_free (charger);
}

/* A reset shows in the history as the connector going Unavailable and the fault back. */
static void
test_ground_fault_comes_back_in_history (void)
{
  OkcSimCharger *charger = make_charger (1);
  OkcSimCommand command = make_command (OKC_COMMAND_KIND_SOFT_RESET, 0, T0 + 1);
  guint n;

  okc_sim_charger_inject (charger, &world, OKC_SIM_CAUSE_GROUND_FAULT, 1, 0, T0);
  g_assert_cmpint (charger->status, ==, OKC_CHARGER_STATUS_FAULTED);
  g_assert_cmpint (charger->led, ==, OKC_LED_STATE_RED_BLINKING);
  g_assert_cmpint (connector (charger, 1)->error_code, ==, OKC_CHARGE_POINT_ERROR_GROUND_FAILURE);
  g_assert_cmpstr (connector (charger, 1)->vendor_error_code, ==, "E-GF-01");
  okc_sim_charger_clear_output (charger);

  carry_out (charger, &command, T0 + 1);
  n = charger->changes->len;
  /* Faulted → Unavailable (rebooting), charger faulted → online, then back. */
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpint (g_array_index (charger->changes, OkcSimChange, 0).to, ==,
                   OKC_CONNECTOR_STATUS_UNAVAILABLE);
  g_assert_cmpint (connector (charger, 1)->status, ==, OKC_CONNECTOR_STATUS_FAULTED);
  g_assert_cmpint (charger->status, ==, OKC_CHARGER_STATUS_FAULTED);
  g_assert_cmpint (charger->led, ==, OKC_LED_STATE_RED_BLINKING);
  okc_sim_command_clear (&command);
  okc_sim_charger_free (charger);
}

static void
test_session_round_trip (void)
{
  OkcSimCharger *charger = make_charger (2);
  OkcSimCommand start = make_command (OKC_COMMAND_KIND_REMOTE_START, 2, T0);
  OkcSimCommand stop = { 0 };
  OkcSimSession *session;
  gint64 charging_from;

  start.account_id = g_strdup ("ACC-00007");
  carry_out (charger, &start, T0);
  g_assert_cmpint (start.state, ==, OKC_COMMAND_STATE_COMPLETED);
  g_assert_cmpint (connector (charger, 2)->status, ==, OKC_CONNECTOR_STATUS_CHARGING);
  g_assert_cmpstr (connector (charger, 2)->account_id, ==, "ACC-00007");
  g_assert_cmpint (charger->led, ==, OKC_LED_STATE_GREEN_PULSING);

  charging_from = connector (charger, 2)->charging_started_at;
  g_assert_cmpint (charging_from, >, T0);
  /* Ten minutes of charging, then a remote stop that ends the billing. */
  run (charger, T0 + 10, T0 + 600);
  stop = make_command (OKC_COMMAND_KIND_REMOTE_STOP, 2, T0 + 601);
  stop.end_billing = TRUE;
  okc_sim_charger_clear_output (charger);
  carry_out (charger, &stop, T0 + 601);
  g_assert_cmpint (stop.state, ==, OKC_COMMAND_STATE_COMPLETED);
  g_assert_nonnull (strstr (stop.outcome, "without idle fee"));
  g_assert_cmpint (connector (charger, 2)->status, ==, OKC_CONNECTOR_STATUS_FINISHING);

  run (charger, T0 + 603, T0 + 602 + OKC_SIM_UNPLUG_SECONDS);
  g_assert_cmpint (connector (charger, 2)->status, ==, OKC_CONNECTOR_STATUS_AVAILABLE);
  g_assert_cmpuint (charger->ended_sessions->len, ==, 1);
  session = &g_array_index (charger->ended_sessions, OkcSimSession, 0);
  g_assert_cmpstr (session->account_id, ==, "ACC-00007");
  g_assert_cmpstr (session->stop_reason, ==, "remote_stop");
  g_assert_true (session->end_billing);
  /* Billed up to the stop, when the charger took the command: charged at 7.2 kW. */
  g_assert_cmpint (session->ended_at, ==, stop.updated_at - 1);
  g_assert_cmpint (session->charging_ended_at, ==, session->ended_at);
  g_assert_cmpint (session->energy_wh, ==,
                   (session->ended_at - charging_from) * OKC_SIM_CHARGING_WATTS / 3600);
  okc_sim_command_clear (&start);
  okc_sim_command_clear (&stop);
  okc_sim_charger_free (charger);
}

static void
test_ev_not_responding (void)
{
  OkcSimCharger *charger = make_charger (1);
  OkcSimCommand stop = make_command (OKC_COMMAND_KIND_REMOTE_STOP, 1, T0 + 10);

  okc_sim_charger_start_session (charger, &world, connector (charger, 1), "ACC-00001", T0);
  run (charger, T0, T0 + 5);
  okc_sim_charger_inject (charger, &world, OKC_SIM_CAUSE_EV_NOT_RESPONDING, 1, 0, T0 + 6);
  g_assert_cmpint (connector (charger, 1)->status, ==, OKC_CONNECTOR_STATUS_SUSPENDED_EVSE);
  /* Stuck: the session does not move on by itself. */
  run (charger, T0 + 6, T0 + 9);
  g_assert_cmpint (connector (charger, 1)->status, ==, OKC_CONNECTOR_STATUS_SUSPENDED_EVSE);
  carry_out (charger, &stop, T0 + 10);
  g_assert_cmpint (stop.state, ==, OKC_COMMAND_STATE_COMPLETED);
  g_assert_cmpint (charger->cause, ==, OKC_SIM_CAUSE_NONE);
  run (charger, T0 + 12, T0 + 20);
  g_assert_cmpint (connector (charger, 1)->status, ==, OKC_CONNECTOR_STATUS_AVAILABLE);
  okc_sim_command_clear (&stop);
  okc_sim_charger_free (charger);
}

static void
test_change_availability (void)
{
  OkcSimCharger *charger = make_charger (2);
  OkcSimCommand off = make_command (OKC_COMMAND_KIND_CHANGE_AVAILABILITY, 0, T0);
  OkcSimCommand on = make_command (OKC_COMMAND_KIND_CHANGE_AVAILABILITY, 2, T0 + 10);

  off.availability = OKC_AVAILABILITY_INOPERATIVE;
  carry_out (charger, &off, T0);
  g_assert_cmpint (off.state, ==, OKC_COMMAND_STATE_COMPLETED);
  g_assert_cmpint (connector (charger, 1)->status, ==, OKC_CONNECTOR_STATUS_UNAVAILABLE);
  g_assert_cmpint (connector (charger, 2)->status, ==, OKC_CONNECTOR_STATUS_UNAVAILABLE);
  g_assert_cmpint (charger->led, ==, OKC_LED_STATE_AMBER);
  on.availability = OKC_AVAILABILITY_OPERATIVE;
  carry_out (charger, &on, T0 + 10);
  g_assert_cmpint (connector (charger, 1)->status, ==, OKC_CONNECTOR_STATUS_UNAVAILABLE);
  g_assert_cmpint (connector (charger, 2)->status, ==, OKC_CONNECTOR_STATUS_AVAILABLE);
  okc_sim_command_clear (&off);
  okc_sim_command_clear (&on);
  okc_sim_charger_free (charger);
}

/* A weak signal loses heartbeats and answers, but never three heartbeats on purpose. */
static void
test_weak_signal (void)
{
  OkcSimCharger *charger = make_charger (1);
  guint answered = 0, timed_out = 0;

  okc_sim_charger_inject (charger, &world, OKC_SIM_CAUSE_WEAK_SIGNAL, 0, 0, T0);
  g_assert_cmpint (charger->signal, <, 20);
  for (guint i = 0; i < 20; i++)
    {
      gint64 at = T0 + i * 40;
      OkcSimCommand command = make_command (OKC_COMMAND_KIND_TRIGGER_HEARTBEAT, 0, at);

      carry_out (charger, &command, at);
      if (command.state == OKC_COMMAND_STATE_TIMED_OUT)
        timed_out++;
      else if (command.state == OKC_COMMAND_STATE_COMPLETED)
        answered++;
      okc_sim_command_clear (&command);
    }
  g_assert_cmpuint (answered + timed_out, ==, 20);
  g_assert_cmpuint (answered, >, 0);
  g_assert_cmpuint (timed_out, >, 0);
  okc_sim_charger_free (charger);
}

/* With activity on, faults and sessions happen by themselves, and what faults heals. */
static void
test_activity (void)
{
  OkcSimCharger *charger = make_charger (2);
  guint changes = 0, faults = 0;

  charger->activity = TRUE;
  charger->heartbeat_interval = 60;
  for (gint64 t = T0; t < T0 + 30 * 24 * 3600; t = okc_sim_charger_next_due (charger, t))
    {
      OkcSimCause before = charger->cause;

      okc_sim_charger_advance (charger, &world, t);
      changes += charger->changes->len;
      faults += before == OKC_SIM_CAUSE_NONE && charger->cause != OKC_SIM_CAUSE_NONE;
      okc_sim_charger_clear_output (charger);
    }
  /* About one fault a day and a few sessions: a month of it. */
  g_assert_cmpuint (faults, >, 10);
  g_assert_cmpuint (faults, <, 80);
  g_assert_cmpuint (changes, >, faults * 2);
  okc_sim_charger_free (charger);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/FleetSim/offline-threshold", test_heartbeats_and_offline_threshold);
  g_test_add_func ("/Okc/FleetSim/power-comes-back", test_power_comes_back);
  g_test_add_func ("/Okc/FleetSim/wifi-down", test_wifi_down_signal_falls_then_recovers);
  g_test_add_func ("/Okc/FleetSim/ground-fault-history", test_ground_fault_comes_back_in_history);
  g_test_add_func ("/Okc/FleetSim/session-round-trip", test_session_round_trip);
  g_test_add_func ("/Okc/FleetSim/ev-not-responding", test_ev_not_responding);
  g_test_add_func ("/Okc/FleetSim/change-availability", test_change_availability);
  g_test_add_func ("/Okc/FleetSim/weak-signal", test_weak_signal);
  g_test_add_func ("/Okc/FleetSim/activity", test_activity);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf (
        "/Okc/FleetSim/cause/%s/%s", okc_sim_cause_to_nick (cases[i].cause),
        okc_enum_to_nick (OKC_TYPE_COMMAND_KIND, cases[i].kind));
      g_test_add_data_func (path, &cases[i], test_cause_command);
    }
  return g_test_run ();
}
