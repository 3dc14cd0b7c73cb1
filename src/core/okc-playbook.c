/* okc-playbook.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "okc-playbook.h"

#include "okc-charger-access.h"
#include "okc-time.h"
#include "okc-topic.h"

/* The steps a charger's state selects, shared by the charger topics. */
#define TEXT_CHECK_STATUS N_("Check the charger’s status and connectivity remotely")
#define TEXT_ASK_HEARTBEAT N_("Ask the charger for a heartbeat")
#define TEXT_POWER_CYCLE N_("Confirm the breaker is on and power-cycle the charger")
#define TEXT_CHECK_NETWORK N_("Confirm the site’s internet and the charger’s Wi‑Fi connection")
#define TEXT_RESET N_("Reset the charger remotely and review its error data")
#define TEXT_RESTART_SESSION N_("Restart the session and check the car’s connection")
#define TEXT_FIND_CHARGER N_("Find the charger by the ID or QR photo the customer sent")
#define TEXT_AUTHORIZATION N_("Review the guest’s authorization on the charger")
#define TEXT_UNLOCK N_("Unlock the connector remotely so the cable can be re-seated")
#define TEXT_TECHNICIAN \
  N_("Send an electrician or technician: a remote command cannot fix this fault")

#define STEP_CHECK_STATUS { TEXT_CHECK_STATUS, OKC_EVIDENCE_CHARGER_STATUS }
#define STEP_ASK_HEARTBEAT { TEXT_ASK_HEARTBEAT, OKC_EVIDENCE_CHARGER_HEARTBEAT }
#define STEP_POWER_CYCLE { TEXT_POWER_CYCLE, OKC_EVIDENCE_CHARGER_HEARTBEAT }
#define STEP_CHECK_NETWORK { TEXT_CHECK_NETWORK, OKC_EVIDENCE_CHARGER_HEARTBEAT }
#define STEP_RESET { TEXT_RESET, OKC_EVIDENCE_CHARGER_STATUS }
#define STEP_RESTART_SESSION { TEXT_RESTART_SESSION, OKC_EVIDENCE_CHARGER_STATUS }
#define STEP_FIND_CHARGER { TEXT_FIND_CHARGER, OKC_EVIDENCE_COLLECTED_DETAILS }
#define STEP_UNLOCK { TEXT_UNLOCK, OKC_EVIDENCE_CHARGER_STATUS }
#define STEP_TECHNICIAN { TEXT_TECHNICIAN, OKC_EVIDENCE_CHARGER_STATUS }

/* 1. Charger is offline or not working: "What to check", then "Support will check the
 * charger remotely, confirm connectivity, and advise next steps." */
static const OkcPlaybookStep charger_offline[] = {
  STEP_FIND_CHARGER,
  STEP_CHECK_STATUS,
  STEP_ASK_HEARTBEAT,
  STEP_POWER_CYCLE,
  STEP_CHECK_NETWORK,
  STEP_RESET,
  STEP_UNLOCK,
  STEP_RESTART_SESSION,
  STEP_TECHNICIAN,
  { N_("Advise the customer of the next steps"), OKC_EVIDENCE_NONE },
};

/* 2. Plugged in but not charging. */
static const OkcPlaybookStep not_charging[] = {
  STEP_FIND_CHARGER,
  STEP_CHECK_STATUS,
  STEP_POWER_CYCLE,
  STEP_RESET,
  STEP_UNLOCK,
  STEP_TECHNICIAN,
  { N_("Review the session log around the reported time"), OKC_EVIDENCE_SESSION_LOG },
  STEP_RESTART_SESSION,
  { N_("Help the customer complete a successful session"), OKC_EVIDENCE_NONE },
  { N_("Adjust the billing of failed attempts if appropriate"), OKC_EVIDENCE_SESSION_LOG },
};

#define TEXT_REGISTERED_ACCOUNT N_("Confirm the customer has a registered OK2Charge account")
#define TEXT_CONFIRM_WITH_PROPERTY N_("Confirm with the property that the customer should have access")
#define TEXT_CONFIRM_CAN_USE N_("Confirm when the customer can use the charger")

/* 3. Not allowed to use this charger. */
static const OkcPlaybookStep no_permission[] = {
  { TEXT_REGISTERED_ACCOUNT, OKC_EVIDENCE_ACCOUNT_ACCESS },
  { N_("Confirm the QR label is of the charger the customer is using"),
    OKC_EVIDENCE_COLLECTED_DETAILS },
  { N_("Check the charger’s access list for the customer’s account"),
    OKC_EVIDENCE_ACCOUNT_ACCESS },
  { TEXT_CONFIRM_WITH_PROPERTY, OKC_EVIDENCE_NONE },
  { N_("Adjust the charger’s permissions if appropriate"), OKC_EVIDENCE_ACCOUNT_ACCESS },
  { TEXT_CONFIRM_CAN_USE, OKC_EVIDENCE_NONE },
};

/* 4. Overcharges, idle fees and refund requests. */
static const OkcPlaybookStep billing_dispute[] = {
  { N_("Review the session logs: energy, duration and idle time"), OKC_EVIDENCE_SESSION_LOG },
  { N_("Check the configured rates and posted pricing"), OKC_EVIDENCE_TARIFF },
  { N_("Refund in part or in full if a mischarge is confirmed"), OKC_EVIDENCE_SESSION_LOG },
  { N_("Send the customer a confirmation"), OKC_EVIDENCE_NONE },
};

/* 5. Cost breakdown. */
static const OkcPlaybookStep cost_breakdown[] = {
  { N_("Review the connection fee, energy, idle fees and taxes of the session"),
    OKC_EVIDENCE_SESSION_LOG },
  { N_("Compare the charge with the site’s configured rates"), OKC_EVIDENCE_TARIFF },
  { N_("Reply with a line-item breakdown"), OKC_EVIDENCE_NONE },
  { N_("Correct the billing if it does not match the site’s configuration"),
    OKC_EVIDENCE_TARIFF },
};

/* 6. Cancel a subscription, delete an account, remove a card. */
static const OkcPlaybookStep cancel_or_delete[] = {
  { N_("Verify the customer’s identity"), OKC_EVIDENCE_COLLECTED_DETAILS },
  { N_("Confirm whether to cancel the subscription only or delete the account and its data"),
    OKC_EVIDENCE_COLLECTED_DETAILS },
  { N_("Stop the recurring charges"), OKC_EVIDENCE_NONE },
  { N_("Remove the card or delete the account according to policy"), OKC_EVIDENCE_NONE },
  { N_("Confirm the change to the customer"), OKC_EVIDENCE_NONE },
};

/* 7. Change the email or account details. */
static const OkcPlaybookStep change_email[] = {
  { N_("Check the request comes from the current email, or ask for a verification detail"),
    OKC_EVIDENCE_COLLECTED_DETAILS },
  { N_("Update the login and notification email"), OKC_EVIDENCE_NONE },
  { N_("Confirm when the change is complete"), OKC_EVIDENCE_NONE },
};

/* 8. Assign chargers to properties, sync with a PMS. */
static const OkcPlaybookStep charger_assignment[] = {
  { N_("Confirm the charger is online and visible in the admin"),
    OKC_EVIDENCE_CHARGER_STATUS },
  { N_("Link the charger to the correct property and unit"), OKC_EVIDENCE_CHARGER_ASSIGNMENT },
  { N_("Verify or complete the PMS sync"), OKC_EVIDENCE_COLLECTED_DETAILS },
};

/* 9. Guests cannot start a charge (QR code or app errors). */
static const OkcPlaybookStep guest_cannot_start[] = {
  { N_("Confirm the guest used the official app and scanned the charger’s own QR code"),
    OKC_EVIDENCE_COLLECTED_DETAILS },
  STEP_FIND_CHARGER,
  STEP_CHECK_STATUS,
  STEP_POWER_CYCLE,
  STEP_RESET,
  STEP_UNLOCK,
  STEP_TECHNICIAN,
  { TEXT_AUTHORIZATION, OKC_EVIDENCE_ACCOUNT_ACCESS },
  { N_("Start a host or override session where appropriate"), OKC_EVIDENCE_NONE },
};

/* 10. Payouts, reporting and usage history. */
static const OkcPlaybookStep payouts_reporting[] = {
  { N_("Reconcile session activity and net revenue with the payouts"),
    OKC_EVIDENCE_PAYOUTS },
  { N_("Explain the differences: fees, thresholds, payout timing"), OKC_EVIDENCE_PAYOUTS },
  { N_("Send CSV or formatted statements for the period if needed"), OKC_EVIDENCE_NONE },
};

#define PLAYBOOK(id, steps) { id, steps, G_N_ELEMENTS (steps) }

static const OkcPlaybook playbooks[] = {
  PLAYBOOK ("charger-offline", charger_offline),
  PLAYBOOK ("not-charging", not_charging),
  PLAYBOOK ("no-permission", no_permission),
  PLAYBOOK ("billing-dispute", billing_dispute),
  PLAYBOOK ("cost-breakdown", cost_breakdown),
  PLAYBOOK ("cancel-or-delete", cancel_or_delete),
  PLAYBOOK ("change-email", change_email),
  PLAYBOOK ("charger-assignment", charger_assignment),
  PLAYBOOK ("guest-cannot-start", guest_cannot_start),
  PLAYBOOK ("payouts-reporting", payouts_reporting),
};

G_STATIC_ASSERT (G_N_ELEMENTS (playbooks) == OKC_N_TOPICS);

/**
 * okc_playbook_get_all:
 * @n_playbooks: (out): the number of playbooks, one per topic
 *
 * Returns: (transfer none) (array length=n_playbooks): the playbooks in the topics' order.
 */
const OkcPlaybook *
okc_playbook_get_all (guint *n_playbooks)
{
  g_return_val_if_fail (n_playbooks != NULL, NULL);

  *n_playbooks = G_N_ELEMENTS (playbooks);
  return playbooks;
}

/**
 * okc_playbook_lookup:
 * @topic_id: (nullable): a topic id such as "charger-offline"
 *
 * Returns: (transfer none) (nullable): the topic's playbook.
 */
const OkcPlaybook *
okc_playbook_lookup (const char *topic_id)
{
  if (topic_id == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (playbooks); i++)
    if (g_str_equal (playbooks[i].topic_id, topic_id))
      return &playbooks[i];
  return NULL;
}

/**
 * okc_playbook_is_about_charger:
 *
 * Returns: whether the charger's live state decides the next step (topics 1, 2 and 9).
 */
gboolean
okc_playbook_is_about_charger (const OkcPlaybook *playbook)
{
  g_return_val_if_fail (playbook != NULL, FALSE);

  return playbook->steps == charger_offline || playbook->steps == not_charging ||
         playbook->steps == guest_cannot_start;
}

/**
 * okc_playbook_format_age:
 * @seconds: a duration, not negative
 *
 * Kept for the console's callers: the same as okc_format_duration().
 *
 * Returns: (transfer full): "45 s", "12 min", "3 h 12 min", "2 d 4 h", "1 d".
 */
char *
okc_playbook_format_age (gint64 seconds)
{
  g_return_val_if_fail (seconds >= 0, NULL);

  return okc_format_duration (seconds);
}

static const OkcPlaybookStep *
find_step (const OkcPlaybook *playbook,
           const char        *text)
{
  for (guint i = 0; i < playbook->n_steps; i++)
    if (g_str_equal (playbook->steps[i].text, text))
      return &playbook->steps[i];
  g_assert_not_reached ();
}

static const OkcPlaybookStep *
step_with_reason (const OkcPlaybook  *playbook,
                  const char         *text,
                  char              **out_reason,
                  char               *reason)
{
  if (out_reason != NULL)
    *out_reason = reason;
  else
    g_free (reason);
  return find_step (playbook, text);
}

static gboolean
has_step (const OkcPlaybook *playbook,
          const char        *text)
{
  for (guint i = 0; i < playbook->n_steps; i++)
    if (g_str_equal (playbook->steps[i].text, text))
      return TRUE;
  return FALSE;
}

/* What a connector's error code says about the cause (docs/chargers.md, "How the simulated
 * chargers behave"), most serious first: the order decides between connectors. */
typedef enum
{
  CAUSE_HARDWARE,       /* ground fault, over-current, …: a repair on site */
  CAUSE_STUCK_LOCK,     /* ConnectorLockFailure: unlock_connector releases it */
  CAUSE_FIRMWARE,       /* InternalError and faults without a code: a reset clears them */
  CAUSE_CAR,            /* EVCommunicationError: the car, not the charger */
  CAUSE_NONE,
} Cause;

static Cause
connector_cause (OkcConnector *connector)
{
  switch (okc_connector_get_error_code (connector))
    {
    case OKC_CHARGE_POINT_ERROR_GROUND_FAILURE:
    case OKC_CHARGE_POINT_ERROR_OVER_CURRENT_FAILURE:
    case OKC_CHARGE_POINT_ERROR_OVER_VOLTAGE:
    case OKC_CHARGE_POINT_ERROR_UNDER_VOLTAGE:
    case OKC_CHARGE_POINT_ERROR_HIGH_TEMPERATURE:
    case OKC_CHARGE_POINT_ERROR_POWER_METER_FAILURE:
    case OKC_CHARGE_POINT_ERROR_POWER_SWITCH_FAILURE:
    case OKC_CHARGE_POINT_ERROR_READER_FAILURE:
    case OKC_CHARGE_POINT_ERROR_RESET_FAILURE:
      return CAUSE_HARDWARE;
    case OKC_CHARGE_POINT_ERROR_CONNECTOR_LOCK_FAILURE:
      return CAUSE_STUCK_LOCK;
    case OKC_CHARGE_POINT_ERROR_INTERNAL_ERROR:
    case OKC_CHARGE_POINT_ERROR_OTHER_ERROR:
    case OKC_CHARGE_POINT_ERROR_LOCAL_LIST_CONFLICT:
      return CAUSE_FIRMWARE;
    case OKC_CHARGE_POINT_ERROR_EV_COMMUNICATION_ERROR:
      return CAUSE_CAR;
    case OKC_CHARGE_POINT_ERROR_WEAK_SIGNAL:
    case OKC_CHARGE_POINT_ERROR_NO_ERROR:
    default:
      return okc_connector_get_status (connector) == OKC_CONNECTOR_STATUS_FAULTED
               ? CAUSE_FIRMWARE : CAUSE_NONE;
    }
}

/* "connector 1 reports a ground failure (E-GF-01)" */
static char *
describe_fault (OkcConnector *connector)
{
  g_autofree char *code = NULL;
  const char *vendor = okc_connector_get_vendor_error_code (connector);

  if (okc_connector_get_error_code (connector) == OKC_CHARGE_POINT_ERROR_NO_ERROR)
    return g_strdup_printf (_("connector %u is faulted"), okc_connector_get_id (connector));
  code = okc_charge_point_error_get_inline_label (okc_connector_get_error_code (connector));
  if (vendor != NULL)
    /* Translators: "connector 1 reports ground failure (E-GF-01)" */
    return g_strdup_printf (_("connector %u reports %s (%s)"), okc_connector_get_id (connector),
                            code, vendor);
  return g_strdup_printf (_("connector %u reports %s"), okc_connector_get_id (connector), code);
}

/**
 * okc_playbook_judge_charger:
 * @playbook: a playbook for which okc_playbook_is_about_charger() is %TRUE
 * @charger: (nullable): the ticket's charger, %NULL when none is known
 * @now: the current time, seconds since the epoch
 * @out_reason: (out) (optional) (transfer full): the step and why it applies, one sentence
 *
 * Picks the step the charger's live evidence points to, by the causes of
 * docs/chargers.md. A charger not known yet must be found. An offline one (or one that
 * never sent a heartbeat) has lost its power or its network: its network if its signal was
 * under %OKC_PLAYBOOK_WEAK_SIGNAL before it went quiet, else its power first, as the article
 * orders the checks. Then the connectors' error codes, the most serious first: a hardware
 * fault (ground, over-current, voltage, temperature, …) needs an electrician or a
 * technician, a connector lock failure an unlock, an internal error a reset, a car that
 * does not communicate a new session. A weak signal, or a heartbeat older than
 * %OKC_PLAYBOOK_HEARTBEAT_STALE_SECONDS, points to the network or the power. A healthy
 * charger leaves the session and the car to check, or the guest's authorization.
 *
 * Returns: (transfer none): the step, one of @playbook's.
 */
const OkcPlaybookStep *
okc_playbook_judge_charger (const OkcPlaybook  *playbook,
                            OkcCharger         *charger,
                            gint64              now,
                            char              **out_reason)
{
  g_autofree char *age = NULL;
  g_autofree char *fault = NULL;
  OkcConnector *worst = NULL;
  Cause worst_cause = CAUSE_NONE;
  gboolean weak_signal;
  GPtrArray *connectors;
  gint64 heartbeat;
  OkcChargerStatus status;
  int signal;

  g_return_val_if_fail (playbook != NULL, NULL);
  g_return_val_if_fail (okc_playbook_is_about_charger (playbook), NULL);
  g_return_val_if_fail (charger == NULL || OKC_IS_CHARGER (charger), NULL);

  if (charger == NULL)
    return step_with_reason (
      playbook, TEXT_FIND_CHARGER, out_reason,
      g_strdup (_("Find the charger by the ID or QR photo the customer sent: no charger is "
                  "linked to this ticket yet")));

  status = okc_charger_get_status (charger);
  heartbeat = okc_charger_get_last_heartbeat (charger);
  signal = okc_charger_get_network_signal (charger);
  weak_signal = okc_charger_get_network_kind (charger) != OKC_NETWORK_KIND_ETHERNET &&
                signal >= 0 && signal < OKC_PLAYBOOK_WEAK_SIGNAL;

  if (heartbeat == 0)
    return step_with_reason (
      playbook, TEXT_POWER_CYCLE, out_reason,
      g_strdup (_("Confirm the breaker is on and power-cycle the charger: it has never sent a "
                  "heartbeat")));

  /* A heartbeat from the future is clock skew: the charger spoke just now. */
  age = okc_format_duration (MAX (0, now - heartbeat));

  if (status == OKC_CHARGER_STATUS_OFFLINE)
    {
      if (weak_signal && has_step (playbook, TEXT_CHECK_NETWORK))
        return step_with_reason (
          playbook, TEXT_CHECK_NETWORK, out_reason,
          g_strdup_printf (_("Confirm the site’s internet and the charger’s Wi‑Fi: its signal "
                             "was %d %% before its last heartbeat %s ago"), signal, age));
      if (weak_signal)
        return step_with_reason (
          playbook, TEXT_CHECK_STATUS, out_reason,
          g_strdup_printf (_("Check the charger’s connectivity: its signal was %d %% before "
                             "its last heartbeat %s ago"), signal, age));
      return step_with_reason (
        playbook, TEXT_POWER_CYCLE, out_reason,
        g_strdup_printf (_("Confirm the breaker is on and power-cycle the charger: its last "
                           "heartbeat was %s ago"), age));
    }

  connectors = okc_charger_get_connectors (charger);
  for (guint i = 0; i < connectors->len; i++)
    {
      OkcConnector *connector = g_ptr_array_index (connectors, i);
      Cause cause = connector_cause (connector);

      if (cause < worst_cause)
        {
          worst = connector;
          worst_cause = cause;
        }
    }
  if (worst != NULL)
    fault = describe_fault (worst);

  switch (worst_cause)
    {
    case CAUSE_HARDWARE:
      return step_with_reason (
        playbook, TEXT_TECHNICIAN, out_reason,
        g_strdup_printf (_("Send an electrician or technician: %s, which a reset cannot clear"),
                         fault));
    case CAUSE_STUCK_LOCK:
      return step_with_reason (
        playbook, TEXT_UNLOCK, out_reason,
        g_strdup_printf (_("Unlock connector %u remotely: %s"), okc_connector_get_id (worst),
                         fault));
    case CAUSE_FIRMWARE:
      return step_with_reason (
        playbook, TEXT_RESET, out_reason,
        g_strdup_printf (_("Reset the charger remotely: %s, which a reset usually clears"),
                         fault));
    case CAUSE_CAR:
      if (has_step (playbook, TEXT_RESTART_SESSION))
        return step_with_reason (
          playbook, TEXT_RESTART_SESSION, out_reason,
          g_strdup_printf (_("Restart the session and check the car’s connection: %s"),
                           fault));
      break;
    case CAUSE_NONE:
    default:
      break;
    }

  if (status == OKC_CHARGER_STATUS_FAULTED)
    return step_with_reason (
      playbook, TEXT_RESET, out_reason,
      g_strdup (_("The charger reports a fault: reset it remotely and review its error data")));

  if (weak_signal && has_step (playbook, TEXT_CHECK_NETWORK))
    return step_with_reason (
      playbook, TEXT_CHECK_NETWORK, out_reason,
      g_strdup_printf (_("Confirm the site’s internet and the charger’s Wi‑Fi: its signal is "
                         "%d %%, so heartbeats and commands may be lost"), signal));

  if (now - heartbeat > OKC_PLAYBOOK_HEARTBEAT_STALE_SECONDS)
    {
      if (has_step (playbook, TEXT_ASK_HEARTBEAT))
        return step_with_reason (
          playbook, TEXT_ASK_HEARTBEAT, out_reason,
          g_strdup_printf (_("Ask the charger for a heartbeat: it is listed online but its last "
                             "heartbeat was %s ago"), age));
      return step_with_reason (
        playbook, TEXT_POWER_CYCLE, out_reason,
        g_strdup_printf (_("Confirm the breaker is on and power-cycle the charger: its last "
                           "heartbeat was %s ago"), age));
    }

  if (playbook->steps == guest_cannot_start)
    return step_with_reason (
      playbook, TEXT_AUTHORIZATION, out_reason,
      g_strdup (_("The charger is online: review the guest’s authorization, or start an "
                  "override session")));
  return step_with_reason (
    playbook, TEXT_RESTART_SESSION, out_reason,
    g_strdup (_("The charger is online: restart the session and check the car’s connection")));
}

/**
 * okc_playbook_judge_access:
 * @playbook: the no-permission playbook
 * @access: the backend's verdict on the customer's access to the charger
 * @out_reason: (out) (optional) (transfer full): why, in one sentence
 *
 * No account: the customer must register first. Not on the charger's list, or on it
 * only for other dates: the property decides whether they should be, before anyone
 * changes permissions. Allowed:
 * the charger lets them in now, so what remains is to tell them.
 *
 * Returns: the step that applies.
 */
const OkcPlaybookStep *
okc_playbook_judge_access (const OkcPlaybook  *playbook,
                           OkcChargerAccess   *access,
                           char              **out_reason)
{
  g_return_val_if_fail (playbook != NULL, NULL);
  g_return_val_if_fail (OKC_IS_CHARGER_ACCESS (access), NULL);

  switch (okc_charger_access_get_reason (access))
    {
    case OKC_ACCESS_REASON_NO_ACCOUNT:
      return step_with_reason (
        playbook, TEXT_REGISTERED_ACCOUNT, out_reason,
        g_strdup (_("No OK2Charge account has the customer’s email or phone: ask them to "
                    "register, or for the contact they registered with")));
    case OKC_ACCESS_REASON_NOT_LISTED:
      return step_with_reason (
        playbook, TEXT_CONFIRM_WITH_PROPERTY, out_reason,
        g_strdup (_("The account is not on this charger’s access list: confirm "
                    "with the property that the customer should have access")));
    case OKC_ACCESS_REASON_NOT_YET_VALID:
    case OKC_ACCESS_REASON_EXPIRED:
      return step_with_reason (
        playbook, TEXT_CONFIRM_WITH_PROPERTY, out_reason,
        g_strdup (_("The account’s access to this charger does not cover today: confirm "
                    "the customer’s dates with the property")));
    case OKC_ACCESS_REASON_PUBLIC:
    case OKC_ACCESS_REASON_LISTED:
    case OKC_ACCESS_REASON_BOOKING:
    default:
      return step_with_reason (
        playbook, TEXT_CONFIRM_CAN_USE, out_reason,
        g_strdup (_("The account may use this charger now: tell the customer, and check the "
                    "QR label if it still refuses them")));
    }
}
