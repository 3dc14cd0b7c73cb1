/* test-playbook.c — the article's steps per topic, and the step a charger points to
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

/* 2026-11-24T09:30:00Z: every verdict is judged at this fixed time. */
#define NOW ((gint64) 1795512600)
#define NEVER G_MININT64

static void
test_every_topic (void)
{
  guint n_topics, n_playbooks, n_charger_topics = 0;
  const OkcTopic *topics = okc_topic_get_all (&n_topics);
  const OkcPlaybook *playbooks = okc_playbook_get_all (&n_playbooks);

  g_assert_cmpuint (n_playbooks, ==, n_topics);
  for (guint i = 0; i < n_topics; i++)
    {
      const OkcPlaybook *playbook = okc_playbook_lookup (topics[i].id);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_nonnull (playbook);
      g_assert_true (playbook == &playbooks[i]);
      g_assert_cmpuint (playbook->n_steps, >=, 3);
      for (guint s = 0; s < playbook->n_steps; s++)
        {
          const char *text = playbook->steps[s].text;
          gsize length = strlen (text);

          /* Short imperative sentences: a capital, no full stop, no repeats. */
          g_assert_true (g_unichar_isupper (g_utf8_get_char (text)));
          g_assert_cmpuint (length, <, 100);
          g_assert_cmpint (text[length - 1], !=, '.');
          g_assert_true (g_hash_table_add (seen, (gpointer) text));
          g_assert_nonnull (okc_enum_to_nick (OKC_TYPE_EVIDENCE, playbook->steps[s].evidence));
        }
      if (okc_playbook_is_about_charger (playbook))
        n_charger_topics++;
    }

  g_assert_cmpuint (n_charger_topics, ==, 3);
  g_assert_true (okc_playbook_is_about_charger (okc_playbook_lookup ("charger-offline")));
  g_assert_true (okc_playbook_is_about_charger (okc_playbook_lookup ("not-charging")));
  g_assert_true (okc_playbook_is_about_charger (okc_playbook_lookup ("guest-cannot-start")));
  g_assert_false (okc_playbook_is_about_charger (okc_playbook_lookup ("no-permission")));
  g_assert_null (okc_playbook_lookup ("charger_offline"));
  g_assert_null (okc_playbook_lookup (NULL));
}

static void
test_evidence (void)
{
  const OkcPlaybook *no_permission = okc_playbook_lookup ("no-permission");
  const OkcPlaybook *payouts = okc_playbook_lookup ("payouts-reporting");
  gboolean access = FALSE, payout = FALSE;

  for (guint s = 0; s < no_permission->n_steps; s++)
    access |= no_permission->steps[s].evidence == OKC_EVIDENCE_ACCOUNT_ACCESS;
  for (guint s = 0; s < payouts->n_steps; s++)
    payout |= payouts->steps[s].evidence == OKC_EVIDENCE_PAYOUTS;
  g_assert_true (access);
  g_assert_true (payout);
}

static OkcCharger *
charger_new (OkcChargerStatus status,
             gint64           last_heartbeat)
{
  return okc_charger_new ("CH-10234", "OK2-W22-2300042", "Wallbox 22", "3.4.1", status,
                          last_heartbeat, OKC_CHARGER_POLICY_PUBLIC);
}

#define NO_CONNECTORS (-1)

typedef struct
{
  const char *topic;
  OkcChargerStatus status;
  gint64 heartbeat_age;          /* seconds before NOW, or NEVER */
  OkcNetworkKind network;
  int signal;                    /* -1: unknown */
  int connector_status;          /* connector 1's, or NO_CONNECTORS */
  OkcChargePointError error_code;
  const char *vendor_error_code;
  OkcChargePointError second_error; /* connector 2 is Faulted with it unless NoError */
  const char *step;
  const char *reason;
} Verdict;

#define STEP_POWER "Confirm the breaker is on and power-cycle the charger"
#define STEP_NETWORK "Confirm the site’s internet and the charger’s Wi‑Fi connection"
#define STEP_STATUS "Check the charger’s status and connectivity remotely"
#define STEP_RESET "Reset the charger remotely and review its error data"
#define STEP_UNLOCK "Unlock the connector remotely so the cable can be re-seated"
#define STEP_TECHNICIAN "Send an electrician or technician: a remote command cannot fix this fault"
#define STEP_RESTART "Restart the session and check the car’s connection"
#define STEP_HEARTBEAT "Ask the charger for a heartbeat"
#define STEP_AUTHORIZATION "Review the guest’s authorization on the charger"

#define ON OKC_CHARGER_STATUS_ONLINE
#define OFF OKC_CHARGER_STATUS_OFFLINE
#define FAULTED OKC_CHARGER_STATUS_FAULTED
#define WIFI OKC_NETWORK_KIND_WIFI
#define ETHERNET OKC_NETWORK_KIND_ETHERNET
#define CELLULAR OKC_NETWORK_KIND_CELLULAR
#define HEALTHY OKC_CONNECTOR_STATUS_AVAILABLE, OKC_CHARGE_POINT_ERROR_NO_ERROR, NULL, \
                OKC_CHARGE_POINT_ERROR_NO_ERROR
#define FAULT(code, vendor) OKC_CONNECTOR_STATUS_FAULTED, OKC_CHARGE_POINT_ERROR_##code, vendor, \
                            OKC_CHARGE_POINT_ERROR_NO_ERROR
#define HEALTHY_ONLINE_REASON \
  "The charger is online: restart the session and check the car’s connection"
#define GUEST_ONLINE_REASON \
  "The charger is online: review the guest’s authorization, or start an override session"
#define GROUND_REASON "Send an electrician or technician: connector 1 reports ground failure " \
                      "(E-GF-01), which a reset cannot clear"

static const Verdict verdicts[] = {
  /* Offline: power first, as the article orders the checks… */
  { "charger-offline", OFF, 3 * 3600 + 12 * 60, WIFI, -1, HEALTHY, STEP_POWER,
    "Confirm the breaker is on and power-cycle the charger: its last heartbeat was "
    "3 h 12 min ago" },
  { "charger-offline", OFF, 600, WIFI, 64, HEALTHY, STEP_POWER,
    "Confirm the breaker is on and power-cycle the charger: its last heartbeat was 10 min ago" },
  { "charger-offline", OFF, NEVER, WIFI, -1, HEALTHY, STEP_POWER,
    "Confirm the breaker is on and power-cycle the charger: it has never sent a heartbeat" },
  { "charger-offline", OFF, 86400, ETHERNET, -1, HEALTHY, STEP_POWER,
    "Confirm the breaker is on and power-cycle the charger: its last heartbeat was 1 d ago" },
  /* … unless its signal was weak before it went quiet: under 20 %. */
  { "charger-offline", OFF, 600, WIFI, 12, HEALTHY, STEP_NETWORK,
    "Confirm the site’s internet and the charger’s Wi‑Fi: its signal was 12 % before its last "
    "heartbeat 10 min ago" },
  { "charger-offline", OFF, 600, CELLULAR, 19, HEALTHY, STEP_NETWORK,
    "Confirm the site’s internet and the charger’s Wi‑Fi: its signal was 19 % before its last "
    "heartbeat 10 min ago" },
  { "charger-offline", OFF, 600, WIFI, 20, HEALTHY, STEP_POWER,
    "Confirm the breaker is on and power-cycle the charger: its last heartbeat was 10 min ago" },
  { "not-charging", OFF, 120, WIFI, 8, HEALTHY, STEP_STATUS,
    "Check the charger’s connectivity: its signal was 8 % before its last heartbeat 2 min ago" },
  { "not-charging", OFF, 120, WIFI, 80, HEALTHY, STEP_POWER,
    "Confirm the breaker is on and power-cycle the charger: its last heartbeat was 2 min ago" },
  { "guest-cannot-start", OFF, 2 * 86400 + 3600, WIFI, -1, HEALTHY, STEP_POWER,
    "Confirm the breaker is on and power-cycle the charger: its last heartbeat was 2 d 1 h ago" },
  /* An offline charger's last fault is stale: the missing heartbeat comes first. */
  { "charger-offline", OFF, 3600, WIFI, -1, FAULT (GROUND_FAILURE, "E-GF-01"), STEP_POWER,
    "Confirm the breaker is on and power-cycle the charger: its last heartbeat was 1 h ago" },

  /* Online with a hardware fault: a reset cannot help, an electrician must come. */
  { "charger-offline", FAULTED, 30, WIFI, 70, FAULT (GROUND_FAILURE, "E-GF-01"),
    STEP_TECHNICIAN, GROUND_REASON },
  { "not-charging", FAULTED, 30, WIFI, 70, FAULT (GROUND_FAILURE, "E-GF-01"), STEP_TECHNICIAN,
    GROUND_REASON },
  { "guest-cannot-start", FAULTED, 30, WIFI, 70, FAULT (GROUND_FAILURE, "E-GF-01"),
    STEP_TECHNICIAN, GROUND_REASON },
  { "not-charging", FAULTED, 30, WIFI, 70, FAULT (OVER_CURRENT_FAILURE, NULL), STEP_TECHNICIAN,
    "Send an electrician or technician: connector 1 reports over-current failure, which a "
    "reset cannot clear" },
  { "charger-offline", FAULTED, 30, ETHERNET, -1, FAULT (HIGH_TEMPERATURE, NULL),
    STEP_TECHNICIAN, "Send an electrician or technician: connector 1 reports high "
    "temperature, which a reset cannot clear" },
  /* A stuck connector: unlock it. */
  { "charger-offline", FAULTED, 30, WIFI, 70, FAULT (CONNECTOR_LOCK_FAILURE, "E-LK-02"),
    STEP_UNLOCK, "Unlock connector 1 remotely: connector 1 reports connector lock failure "
    "(E-LK-02)" },
  { "not-charging", FAULTED, 30, WIFI, 70, FAULT (CONNECTOR_LOCK_FAILURE, NULL), STEP_UNLOCK,
    "Unlock connector 1 remotely: connector 1 reports connector lock failure" },
  { "guest-cannot-start", FAULTED, 30, WIFI, 70, FAULT (CONNECTOR_LOCK_FAILURE, NULL),
    STEP_UNLOCK, "Unlock connector 1 remotely: connector 1 reports connector lock failure" },
  /* A firmware glitch: a reset clears it. */
  { "charger-offline", FAULTED, 30, WIFI, 70, FAULT (INTERNAL_ERROR, "E-FW-13"), STEP_RESET,
    "Reset the charger remotely: connector 1 reports internal error (E-FW-13), which a reset "
    "usually clears" },
  { "not-charging", FAULTED, 30, WIFI, 70, FAULT (INTERNAL_ERROR, NULL), STEP_RESET,
    "Reset the charger remotely: connector 1 reports internal error, which a reset usually "
    "clears" },
  { "guest-cannot-start", FAULTED, 30, WIFI, 70, FAULT (NO_ERROR, NULL), STEP_RESET,
    "Reset the charger remotely: connector 1 is faulted, which a reset usually clears" },
  /* Faulted, but no connector says why. */
  { "charger-offline", FAULTED, 30, WIFI, -1, NO_CONNECTORS, 0, NULL, 0, STEP_RESET,
    "The charger reports a fault: reset it remotely and review its error data" },
  /* The most serious of several connectors' faults decides. */
  { "not-charging", FAULTED, 30, WIFI, 70, OKC_CONNECTOR_STATUS_FAULTED,
    OKC_CHARGE_POINT_ERROR_INTERNAL_ERROR, NULL, OKC_CHARGE_POINT_ERROR_GROUND_FAILURE,
    STEP_TECHNICIAN, "Send an electrician or technician: connector 2 reports ground failure, "
    "which a reset cannot clear" },
  /* The car does not answer: a new session, where the playbook has one. */
  { "not-charging", ON, 30, WIFI, 70, OKC_CONNECTOR_STATUS_SUSPENDED_EVSE,
    OKC_CHARGE_POINT_ERROR_EV_COMMUNICATION_ERROR, NULL, OKC_CHARGE_POINT_ERROR_NO_ERROR,
    STEP_RESTART, "Restart the session and check the car’s connection: connector 1 reports EV "
    "communication error" },
  { "guest-cannot-start", ON, 30, WIFI, 70, OKC_CONNECTOR_STATUS_PREPARING,
    OKC_CHARGE_POINT_ERROR_EV_COMMUNICATION_ERROR, NULL, OKC_CHARGE_POINT_ERROR_NO_ERROR,
    STEP_AUTHORIZATION, GUEST_ONLINE_REASON },

  /* Online but weak: the network. */
  { "charger-offline", ON, 30, WIFI, 12, HEALTHY, STEP_NETWORK,
    "Confirm the site’s internet and the charger’s Wi‑Fi: its signal is 12 %, so heartbeats "
    "and commands may be lost" },
  { "not-charging", ON, 30, WIFI, 12, HEALTHY, STEP_RESTART, HEALTHY_ONLINE_REASON },
  /* The heartbeat boundary: 10 min is still recent, 10 min 1 s is not. */
  { "charger-offline", ON, 600, WIFI, 70, HEALTHY, STEP_RESTART, HEALTHY_ONLINE_REASON },
  { "charger-offline", ON, 601, WIFI, 70, HEALTHY, STEP_HEARTBEAT,
    "Ask the charger for a heartbeat: it is listed online but its last heartbeat was "
    "10 min ago" },
  { "not-charging", ON, 601, WIFI, 70, HEALTHY, STEP_POWER,
    "Confirm the breaker is on and power-cycle the charger: its last heartbeat was 10 min ago" },
  { "charger-offline", ON, NEVER, WIFI, -1, HEALTHY, STEP_POWER,
    "Confirm the breaker is on and power-cycle the charger: it has never sent a heartbeat" },
  /* A heartbeat from the future (clock skew) counts as just now. */
  { "charger-offline", ON, -300, WIFI, 70, HEALTHY, STEP_RESTART, HEALTHY_ONLINE_REASON },
  /* Healthy: the session and the car, or the guest's authorization. */
  { "not-charging", ON, 30, ETHERNET, -1, HEALTHY, STEP_RESTART, HEALTHY_ONLINE_REASON },
  { "guest-cannot-start", ON, 30, WIFI, 70, HEALTHY, STEP_AUTHORIZATION, GUEST_ONLINE_REASON },
};

static void
test_judge_charger (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (verdicts); i++)
    {
      const Verdict *v = &verdicts[i];
      const OkcPlaybook *playbook = okc_playbook_lookup (v->topic);
      g_autoptr(OkcCharger) charger =
        charger_new (v->status, v->heartbeat_age == NEVER ? 0 : NOW - v->heartbeat_age);
      g_autofree char *reason = NULL;
      const OkcPlaybookStep *step;
      gboolean in_playbook = FALSE;

      g_test_message ("verdict %u: %s", i, v->reason);
      okc_charger_set_network (charger, v->network, v->signal,
                               v->network == WIFI ? "Lakeview-Guest" : NULL, NULL);
      if (v->connector_status != NO_CONNECTORS)
        {
          g_autoptr(OkcConnector) one =
            okc_connector_new (1, v->connector_status, v->error_code, v->vendor_error_code, NULL,
                               NOW - 3600, NULL);
          g_autoptr(OkcConnector) two =
            okc_connector_new (2,
                               v->second_error == OKC_CHARGE_POINT_ERROR_NO_ERROR
                                 ? OKC_CONNECTOR_STATUS_AVAILABLE
                                 : OKC_CONNECTOR_STATUS_FAULTED,
                               v->second_error, NULL, NULL, NOW - 3600, NULL);
          okc_charger_add_connector (charger, one);
          okc_charger_add_connector (charger, two);
        }

      step = okc_playbook_judge_charger (playbook, charger, NOW, &reason);
      g_assert_nonnull (step);
      for (guint s = 0; s < playbook->n_steps; s++)
        in_playbook |= step == &playbook->steps[s];
      g_assert_true (in_playbook);
      g_assert_cmpstr (step->text, ==, v->step);
      g_assert_cmpstr (reason, ==, v->reason);
    }
}

/* Each charger topic has a step for each cause a remote check can find. */
static void
test_charger_topics_steps (void)
{
  static const char * const topics[] = {
    "charger-offline", "not-charging", "guest-cannot-start"
  };
  static const char * const steps[] = {
    STEP_POWER, STEP_RESET, STEP_UNLOCK, STEP_TECHNICIAN,
  };

  for (guint t = 0; t < G_N_ELEMENTS (topics); t++)
    {
      const OkcPlaybook *playbook = okc_playbook_lookup (topics[t]);

      for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
        {
          gboolean found = FALSE;

          for (guint i = 0; i < playbook->n_steps; i++)
            found |= g_str_equal (playbook->steps[i].text, steps[s]);
          g_assert_true (found);
        }
    }
}

static void
test_judge_no_charger (void)
{
  static const char * const topics[] = {
    "charger-offline", "not-charging", "guest-cannot-start"
  };

  for (guint i = 0; i < G_N_ELEMENTS (topics); i++)
    {
      const OkcPlaybook *playbook = okc_playbook_lookup (topics[i]);
      g_autofree char *reason = NULL;
      const OkcPlaybookStep *step = okc_playbook_judge_charger (playbook, NULL, NOW, &reason);

      g_assert_cmpint (step->evidence, ==, OKC_EVIDENCE_COLLECTED_DETAILS);
      g_assert_cmpstr (reason, ==,
                       "Find the charger by the ID or QR photo the customer sent: no charger "
                       "is linked to this ticket yet");
      /* The reason is optional. */
      g_assert_true (okc_playbook_judge_charger (playbook, NULL, NOW, NULL) == step);
    }
}

/* Each access verdict points to its own step of the no-permission playbook. */
static void
test_judge_access (void)
{
  const OkcPlaybook *playbook = okc_playbook_lookup ("no-permission");
  static const struct
  {
    OkcAccessReason reason;
    const char *step_prefix;
    const char *reason_prefix;
  } cases[] = {
    { OKC_ACCESS_REASON_NO_ACCOUNT, "Confirm the customer has a registered",
      "No OK2Charge account has" },
    { OKC_ACCESS_REASON_NOT_LISTED, "Confirm with the property",
      "The account is not on this charger" },
    { OKC_ACCESS_REASON_LISTED, "Confirm when the customer can use", "The account may use" },
    { OKC_ACCESS_REASON_PUBLIC, "Confirm when the customer can use", "The account may use" },
  };

  g_assert_nonnull (playbook);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean has_account = cases[i].reason != OKC_ACCESS_REASON_NO_ACCOUNT;
      g_autoptr(OkcChargerAccess) access =
        okc_charger_access_new ("CH-10019", cases[i].reason, has_account ? "ACC-00001" : NULL,
                                has_account ? "Lena Hernandez" : NULL,
                                has_account ? "lena@example.com" : NULL);
      g_autofree char *reason = NULL;
      const OkcPlaybookStep *step = okc_playbook_judge_access (playbook, access, &reason);

      g_assert_nonnull (step);
      g_assert_true (step >= playbook->steps && step < playbook->steps + playbook->n_steps);
      g_assert_true (g_str_has_prefix (step->text, cases[i].step_prefix));
      g_assert_true (g_str_has_prefix (reason, cases[i].reason_prefix));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Playbook/every-topic", test_every_topic);
  g_test_add_func ("/Okc/Playbook/evidence", test_evidence);
  g_test_add_func ("/Okc/Playbook/judge-charger", test_judge_charger);
  g_test_add_func ("/Okc/Playbook/charger-topics-steps", test_charger_topics_steps);
  g_test_add_func ("/Okc/Playbook/judge-no-charger", test_judge_no_charger);
  g_test_add_func ("/Okc/Playbook/judge-access", test_judge_access);

  return g_test_run ();
}
