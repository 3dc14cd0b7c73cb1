/* okc-backend-fleet-sim.h — one simulated OCPP 1.6 charge point: a pure state machine over
 * explicit times (docs/chargers.md, "How the simulated chargers behave")
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-charger-command.h"
#include "okc-core.h"

G_BEGIN_DECLS

/* Offline once the backend has heard nothing for more than this many intervals. */
#define OKC_SIM_MISSED_HEARTBEATS 3
/* How long a command waits for its answer, a reset reboots, a remote stop lets the
 * driver take the cable. */
#define OKC_SIM_SOFT_RESET_SECONDS 8
#define OKC_SIM_HARD_RESET_SECONDS 15
#define OKC_SIM_UNPLUG_SECONDS 5
/* A session draws this much power while charging: 7.2 kW, energy in Wh. */
#define OKC_SIM_CHARGING_WATTS 7200

/* The hidden truth behind what the backend sees; NONE when the charger is healthy. */
typedef enum
{
  OKC_SIM_CAUSE_NONE,
  OKC_SIM_CAUSE_POWER_LOST,
  OKC_SIM_CAUSE_WIFI_DOWN,
  OKC_SIM_CAUSE_WEAK_SIGNAL,
  OKC_SIM_CAUSE_GROUND_FAULT,
  OKC_SIM_CAUSE_STUCK_CONNECTOR,
  OKC_SIM_CAUSE_FIRMWARE_GLITCH,
  OKC_SIM_CAUSE_EV_NOT_RESPONDING,
} OkcSimCause;

const char *okc_sim_cause_to_nick       (OkcSimCause   cause);
gboolean    okc_sim_cause_from_nick     (const char   *nick,
                                         OkcSimCause  *out_cause);
/* Whether the cause sits on one connector (ground fault, stuck connector, firmware glitch,
 * EV not responding) rather than on the whole charger. */
gboolean    okc_sim_cause_on_connector  (OkcSimCause   cause);

typedef struct
{
  guint id;
  OkcConnectorStatus status;
  OkcChargePointError error_code;
  char *vendor_error_code;      /* nullable */
  char *info;                   /* nullable */
  gint64 status_since;
  gboolean inoperative;         /* ChangeAvailability(Inoperative) */
  /* The session on the connector, when session_id is set. */
  char *session_id;
  char *account_id;
  gint64 session_started_at;
  gint64 charging_started_at;   /* 0 until it charges */
  gint64 charging_ended_at;     /* 0 while it charges */
  gboolean end_billing;         /* billed only up to charging_ended_at */
  gboolean stopped_remotely;    /* RemoteStopTransaction ended its charging */
  gint64 phase_until;           /* when the session moves on by itself; 0 never */
} OkcSimConnector;

/* One line of the status history: connector 0 is the charger (OkcChargerStatus values),
 * otherwise OkcConnectorStatus values. */
typedef struct
{
  gint64 at;
  guint connector_id;
  int from;
  int to;
  OkcChargePointError error_code;
  char *info;
} OkcSimChange;

/* A session that ended, for the sessions table. */
typedef struct
{
  char *id;
  char *account_id;
  guint connector_id;
  gint64 started_at;
  gint64 charging_started_at;   /* 0: it never charged */
  gint64 charging_ended_at;     /* 0: it never charged */
  gint64 ended_at;
  gint64 energy_wh;
  gboolean end_billing;         /* no idle fee: billed up to the stop */
  const char *stop_reason;      /* completed, unplugged, ev_error, remote_stop, charger_fault,
                                 * soft_reset, hard_reset: the store maps it to OCPP's */
} OkcSimSession;

/* What the charger needs from the fleet around it. */
typedef struct
{
  /* A new session id ("SES-0004711"), newly allocated. */
  char *(*new_session_id) (gpointer user_data);
  /* An account that may use @charger_id, for a session that starts by itself, newly
   * allocated, or NULL. */
  char *(*pick_account) (gpointer user_data, const char *charger_id, guint32 random);
  gpointer user_data;
} OkcSimWorld;

typedef struct
{
  char *id;
  /* What the backend sees. */
  OkcChargerStatus status;
  gint64 status_since;
  gint64 last_heartbeat;        /* 0: never heard from */
  guint heartbeat_interval;
  OkcNetworkKind network_kind;
  int signal;                   /* -1 unknown or not applicable */
  char *ssid;
  char *ip;
  OkcLedState led;
  GPtrArray *connectors;        /* of OkcSimConnector, by id from 1 */
  /* What only the simulator knows. */
  OkcSimCause cause;
  guint cause_connector;        /* for a cause on a connector */
  gint64 cause_since;
  gint64 cause_until;           /* 0: until a technician clears it */
  gint64 reboot_until;          /* 0: not rebooting */
  gint64 next_heartbeat;
  guint32 random;               /* xorshift32 state, never 0 */
  gboolean activity;            /* faults and sessions happen by themselves */
  /* What the last calls did, for the caller to store and announce; it clears them. */
  GArray *changes;              /* of OkcSimChange */
  GArray *ended_sessions;       /* of OkcSimSession */
  gboolean reported;            /* a status, connector, the network or the LED changed */
} OkcSimCharger;

OkcSimCharger *okc_sim_charger_new           (const char          *id,
                                              guint                n_connectors,
                                              gint64               now);
void           okc_sim_charger_free          (OkcSimCharger       *self);
OkcSimConnector *okc_sim_charger_add_connector (OkcSimCharger     *self);
OkcSimConnector *okc_sim_charger_get_connector (OkcSimCharger     *self,
                                              guint                id);
/* Forgets the changes, ended sessions and the reported flag. */
void           okc_sim_charger_clear_output  (OkcSimCharger       *self);

/* Moves the charger on to @now: reboots end, causes heal, heartbeats go out (or do not),
 * sessions move on, faults happen (with activity), and the backend's view follows. */
void           okc_sim_charger_advance       (OkcSimCharger       *self,
                                              const OkcSimWorld   *world,
                                              gint64               now);
/* The next time after @now that something is due, for the driver's schedule. */
gint64         okc_sim_charger_next_due      (OkcSimCharger       *self,
                                              gint64               now);
/* Whether the charger can receive a command now (powered, on the network, not booting). */
gboolean       okc_sim_charger_is_reachable  (OkcSimCharger       *self);

/* Makes @cause happen now on @connector_id (for causes on a connector; 0 picks 1), until
 * @until (0: until cleared). */
void           okc_sim_charger_inject        (OkcSimCharger       *self,
                                              const OkcSimWorld   *world,
                                              OkcSimCause          cause,
                                              guint                connector_id,
                                              gint64               until,
                                              gint64               now);
/* A technician fixed it: the cause is gone, the charger reports as healthy. */
void           okc_sim_charger_clear_cause   (OkcSimCharger       *self,
                                              const OkcSimWorld   *world,
                                              gint64               now);
/* Starts a session for @account_id on @connector (Preparing, then Charging). */
void           okc_sim_charger_start_session (OkcSimCharger       *self,
                                              const OkcSimWorld   *world,
                                              OkcSimConnector     *connector,
                                              const char          *account_id,
                                              gint64               now);

/* A remote command as the simulator carries it out. */
typedef struct
{
  OkcCommandKind kind;
  guint connector_id;
  OkcAvailability availability;
  char *account_id;
  gboolean end_billing;
  OkcCommandState state;
  gint64 requested_at;
  gint64 updated_at;
  gint64 due_at;                /* when the charger next acts on it; 0 once final */
  char *outcome;
  gboolean changed;             /* state or outcome changed in the last step */
} OkcSimCommand;

void           okc_sim_command_clear         (OkcSimCommand       *command);
/* Moves @command on at @now if it is due: the charger answers (or does not, and it times
 * out), carries it out and reports the outcome, as its cause dictates. */
void           okc_sim_command_step          (OkcSimCommand       *command,
                                              OkcSimCharger       *charger,
                                              const OkcSimWorld   *world,
                                              gint64               now);

G_END_DECLS
