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

typedef struct
{
  const char *topic;
  OkcChargerStatus status;
  gint64 heartbeat_age; /* seconds before NOW, or NEVER */
  const char *step;
  const char *reason;
} Verdict;

static const Verdict verdicts[] = {
  /* The heartbeat boundary: 10 min is still recent, 10 min 1 s is not. */
  { "charger-offline", OKC_CHARGER_STATUS_OFFLINE, 600,
    "Confirm the site’s internet and the charger’s Wi‑Fi connection",
    "Confirm the site’s internet and the charger’s Wi‑Fi: it went offline after a heartbeat "
    "10 min ago" },
  { "charger-offline", OKC_CHARGER_STATUS_OFFLINE, 601,
    "Confirm the breaker is on and power-cycle the charger",
    "Confirm the breaker is on and power-cycle the charger: its last heartbeat was 10 min ago" },
  { "charger-offline", OKC_CHARGER_STATUS_OFFLINE, 3 * 3600 + 12 * 60,
    "Confirm the breaker is on and power-cycle the charger",
    "Confirm the breaker is on and power-cycle the charger: its last heartbeat was "
    "3 h 12 min ago" },
  { "charger-offline", OKC_CHARGER_STATUS_OFFLINE, NEVER,
    "Confirm the breaker is on and power-cycle the charger",
    "Confirm the breaker is on and power-cycle the charger: it has never sent a heartbeat" },
  { "charger-offline", OKC_CHARGER_STATUS_ONLINE, 600,
    "Restart the session and check the car’s connection",
    "The charger is online: restart the session and check the car’s connection" },
  { "charger-offline", OKC_CHARGER_STATUS_ONLINE, 601, "Ask the charger for a heartbeat",
    "Ask the charger for a heartbeat: it is listed online but its last heartbeat was "
    "10 min ago" },
  /* A heartbeat from the future (clock skew) counts as just now. */
  { "charger-offline", OKC_CHARGER_STATUS_ONLINE, -300,
    "Restart the session and check the car’s connection",
    "The charger is online: restart the session and check the car’s connection" },
  /* A fault outranks the heartbeat. */
  { "charger-offline", OKC_CHARGER_STATUS_FAULTED, 5,
    "Reset the charger remotely and review its error data",
    "The charger reports a fault: reset it remotely and review its error data" },
  { "charger-offline", OKC_CHARGER_STATUS_FAULTED, 86400,
    "Reset the charger remotely and review its error data",
    "The charger reports a fault: reset it remotely and review its error data" },
  { "not-charging", OKC_CHARGER_STATUS_ONLINE, 30,
    "Restart the session and check the car’s connection",
    "The charger is online: restart the session and check the car’s connection" },
  { "not-charging", OKC_CHARGER_STATUS_ONLINE, 601,
    "Confirm the breaker is on and power-cycle the charger",
    "Confirm the breaker is on and power-cycle the charger: its last heartbeat was 10 min ago" },
  { "not-charging", OKC_CHARGER_STATUS_OFFLINE, 120,
    "Check the charger’s status and connectivity remotely",
    "Check the charger’s connectivity: it went offline after a heartbeat 2 min ago" },
  { "not-charging", OKC_CHARGER_STATUS_FAULTED, 30,
    "Reset the charger remotely and review its error data",
    "The charger reports a fault: reset it remotely and review its error data" },
  { "guest-cannot-start", OKC_CHARGER_STATUS_ONLINE, 30,
    "Review the guest’s authorization on the charger",
    "The charger is online: review the guest’s authorization, or start an override session" },
  { "guest-cannot-start", OKC_CHARGER_STATUS_OFFLINE, 2 * 86400 + 3600,
    "Confirm the breaker is on and power-cycle the charger",
    "Confirm the breaker is on and power-cycle the charger: its last heartbeat was 2 d 1 h ago" },
  { "guest-cannot-start", OKC_CHARGER_STATUS_FAULTED, 30,
    "Reset the charger remotely and review its error data",
    "The charger reports a fault: reset it remotely and review its error data" },
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
      step = okc_playbook_judge_charger (playbook, charger, NOW, &reason);
      g_assert_nonnull (step);
      for (guint s = 0; s < playbook->n_steps; s++)
        in_playbook |= step == &playbook->steps[s];
      g_assert_true (in_playbook);
      g_assert_cmpstr (step->text, ==, v->step);
      g_assert_cmpstr (reason, ==, v->reason);
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
      "The account is not on this restricted charger" },
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
  g_test_add_func ("/Okc/Playbook/judge-no-charger", test_judge_no_charger);
  g_test_add_func ("/Okc/Playbook/judge-access", test_judge_access);

  return g_test_run ();
}
