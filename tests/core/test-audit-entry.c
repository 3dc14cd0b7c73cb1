/* test-audit-entry.c — the audit trail's entries: the strict codec, each action in words,
 * and the before → after changes
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-core.h"

#define MORGAN "{\"id\": \"USR-0002\", \"name\": \"Morgan Blake\", \"role\": \"supervisor\"}"
#define ALEX "{\"id\": \"USR-0001\", \"name\": \"Alex Rivera\", \"role\": \"agent\"}"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonNode *node = okc_json_parse_bytes (bytes, &error);

  g_assert_no_error (error);
  return node;
}

/* An entry of @action on @kind @id by @actor (JSON or "null"), from @before to @after. */
static OkcAuditEntry *
entry_new (const char *actor,
           const char *action,
           const char *kind,
           const char *id,
           const char *before,
           const char *after)
{
  g_autofree char *text =
    g_strdup_printf ("{\"seq\": 42, \"at\": \"2026-11-24T09:30:00Z\", \"actor\": %s, "
                     "\"action\": \"%s\", \"target\": {\"kind\": \"%s\", \"id\": \"%s\"}, "
                     "\"ticket_id\": \"TCK-000007\", \"before\": %s, \"after\": %s}",
                     actor, action, kind, id, before, after);
  g_autoptr(JsonNode) node = parse (text);
  g_autoptr(GError) error = NULL;
  OkcAuditEntry *entry = okc_audit_entry_new_from_json (node, "$", &error);

  g_assert_no_error (error);
  return entry;
}

static void
assert_describes (OkcAuditEntry *entry,
                  const char    *expected)
{
  g_autofree char *text = okc_audit_entry_describe (entry);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_change (GPtrArray  *changes,
               guint       index,
               const char *field,
               const char *before,
               const char *after)
{
  OkcAuditChange *change;

  g_assert_cmpuint (index, <, changes->len);
  change = g_ptr_array_index (changes, index);
  g_assert_cmpstr (change->field, ==, field);
  g_assert_cmpstr (change->before, ==, before);
  g_assert_cmpstr (change->after, ==, after);
}

static void
test_codec (void)
{
  g_autoptr(OkcAuditEntry) entry =
    entry_new (MORGAN, "refund.approve", "refund", "RFD-000012",
               "{\"status\": \"pending_approval\"}",
               "{\"status\": \"processing\", \"review_comment\": \"matches the meter\"}");
  g_autoptr(OkcAuditEntry) system =
    entry_new ("null", "refund.settle", "refund", "RFD-000012", "null", "null");

  g_assert_cmpint (okc_audit_entry_get_seq (entry), ==, 42);
  g_assert_cmpint (okc_audit_entry_get_at (entry), ==, 1795512600);
  g_assert_cmpstr (okc_audit_entry_get_actor_id (entry), ==, "USR-0002");
  g_assert_cmpstr (okc_audit_entry_get_actor_name (entry), ==, "Morgan Blake");
  g_assert_cmpint (okc_audit_entry_get_actor_role (entry), ==, OKC_ROLE_SUPERVISOR);
  g_assert_cmpstr (okc_audit_entry_get_action (entry), ==, "refund.approve");
  g_assert_cmpstr (okc_audit_entry_get_target_kind (entry), ==, "refund");
  g_assert_cmpstr (okc_audit_entry_get_target_id (entry), ==, "RFD-000012");
  g_assert_cmpstr (okc_audit_entry_get_ticket_id (entry), ==, "TCK-000007");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (okc_audit_entry_get_before (entry)));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (okc_audit_entry_get_after (entry)));

  g_assert_null (okc_audit_entry_get_actor_id (system));
  g_assert_cmpstr (okc_audit_entry_get_actor_label (system), ==, "OK2Charge");
  g_assert_null (okc_audit_entry_get_before (system));
  g_assert_null (okc_audit_entry_get_after (system));
}

static void
test_codec_strict (void)
{
  static const struct
  {
    const char *json;
    int code;
    const char *path;
  } cases[] = {
    { "[]", OKC_DATA_ERROR_INVALID, "$" },
    { "{\"at\": \"2026-11-24T09:30:00Z\", \"actor\": null, \"action\": \"x\", \"target\": "
      "{\"kind\": \"refund\", \"id\": \"R\"}, \"ticket_id\": null, \"before\": null, "
      "\"after\": null}", OKC_DATA_ERROR_MISSING, "$.seq" },
    { "{\"seq\": 0, \"at\": \"2026-11-24T09:30:00Z\", \"actor\": null, \"action\": \"x\", "
      "\"target\": {\"kind\": \"refund\", \"id\": \"R\"}, \"ticket_id\": null, \"before\": null, "
      "\"after\": null}", OKC_DATA_ERROR_INVALID, "$.seq" },
    { "{\"seq\": 1, \"at\": \"yesterday\", \"actor\": null, \"action\": \"x\", "
      "\"target\": {\"kind\": \"refund\", \"id\": \"R\"}, \"ticket_id\": null, \"before\": null, "
      "\"after\": null}", OKC_DATA_ERROR_INVALID, "$.at" },
    { "{\"seq\": 1, \"at\": \"2026-11-24T09:30:00Z\", \"actor\": {\"id\": \"U\", \"name\": "
      "\"N\", \"role\": \"pilot\"}, \"action\": \"x\", \"target\": {\"kind\": \"refund\", "
      "\"id\": \"R\"}, \"ticket_id\": null, \"before\": null, \"after\": null}",
      OKC_DATA_ERROR_UNKNOWN, "$.actor.role" },
    { "{\"seq\": 1, \"at\": \"2026-11-24T09:30:00Z\", \"actor\": {\"id\": \"U\", "
      "\"role\": \"agent\"}, \"action\": \"x\", \"target\": {\"kind\": \"refund\", "
      "\"id\": \"R\"}, \"ticket_id\": null, \"before\": null, \"after\": null}",
      OKC_DATA_ERROR_MISSING, "$.actor.name" },
    { "{\"seq\": 1, \"at\": \"2026-11-24T09:30:00Z\", \"actor\": null, \"action\": \"\", "
      "\"target\": {\"kind\": \"refund\", \"id\": \"R\"}, \"ticket_id\": null, \"before\": null, "
      "\"after\": null}", OKC_DATA_ERROR_INVALID, "$.action" },
    { "{\"seq\": 1, \"at\": \"2026-11-24T09:30:00Z\", \"actor\": null, \"action\": \"x\", "
      "\"target\": {\"kind\": \"refund\"}, \"ticket_id\": null, \"before\": null, "
      "\"after\": null}", OKC_DATA_ERROR_MISSING, "$.target.id" },
    { "{\"seq\": 1, \"at\": \"2026-11-24T09:30:00Z\", \"actor\": null, \"action\": \"x\", "
      "\"target\": {\"kind\": \"refund\", \"id\": \"R\"}, \"ticket_id\": null, "
      "\"after\": null}", OKC_DATA_ERROR_MISSING, "$.before" },
    { "{\"seq\": 1, \"at\": \"2026-11-24T09:30:00Z\", \"actor\": null, \"action\": \"x\", "
      "\"target\": {\"kind\": \"refund\", \"id\": \"R\"}, \"ticket_id\": null, \"before\": null, "
      "\"after\": null, \"why\": 1}", OKC_DATA_ERROR_UNKNOWN, "$.why" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcAuditEntry) entry = NULL;

      g_test_message ("case %u", i);
      entry = okc_audit_entry_new_from_json (node, "$", &error);
      g_assert_null (entry);
      g_assert_error (error, OKC_DATA_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].path));
    }
}

#define REFUND \
  "{\"id\": \"RFD-000012\", \"session_id\": \"SES-0001234\", \"amount\": {\"amount\": 8420, " \
  "\"currency\": \"USD\"}, \"status\": \"pending_approval\"}"

static void
test_refunds (void)
{
  g_autoptr(OkcAuditEntry) create =
    entry_new (ALEX, "refund.create", "refund", "RFD-000012", "null", REFUND);
  g_autoptr(OkcAuditEntry) approve =
    entry_new (MORGAN, "refund.approve", "refund", "RFD-000012",
               "{\"status\": \"pending_approval\", \"amount\": {\"amount\": 8420, "
               "\"currency\": \"USD\"}}",
               "{\"status\": \"processing\", \"amount\": {\"amount\": 8420, \"currency\": "
               "\"USD\"}, \"reviewed_by\": {\"id\": \"USR-0002\", \"name\": \"Morgan Blake\"}, "
               "\"review_comment\": \"matches the meter\"}");
  g_autoptr(OkcAuditEntry) reject =
    entry_new (MORGAN, "refund.reject", "refund", "RFD-000013",
               "{\"status\": \"pending_approval\"}",
               "{\"status\": \"rejected\", \"reviewed_by\": {\"id\": \"USR-0002\", \"name\": "
               "\"Morgan Blake\"}, \"review_comment\": \"the idle fee was right\"}");
  g_autoptr(OkcAuditEntry) silent =
    entry_new (MORGAN, "refund.approve", "refund", "RFD-000014",
               "{\"status\": \"pending_approval\"}",
               "{\"status\": \"processing\", \"review_comment\": \"\"}");
  g_autoptr(OkcAuditEntry) settled =
    entry_new ("null", "refund.settle", "refund", "RFD-000012", "{\"status\": \"processing\"}",
               "{\"status\": \"succeeded\", \"failure_reason\": null}");
  g_autoptr(OkcAuditEntry) failed =
    entry_new ("null", "refund.settle", "refund", "RFD-000015", "{\"status\": \"processing\"}",
               "{\"status\": \"failed\", \"failure_reason\": \"The card on the account was "
               "removed, so there is nothing to refund to.\"}");
  g_autoptr(GPtrArray) approve_changes = okc_audit_entry_get_changes (approve);
  g_autoptr(GPtrArray) create_changes = okc_audit_entry_get_changes (create);
  g_autoptr(GPtrArray) settle_changes = okc_audit_entry_get_changes (settled);

  assert_describes (create, "Alex Rivera requested refund RFD-000012 ($84.20) for SES-0001234");
  assert_describes (approve, "Morgan Blake approved refund RFD-000012 ($84.20): "
                             "“matches the meter”");
  assert_describes (reject, "Morgan Blake rejected refund RFD-000013: “the idle fee was right”");
  assert_describes (silent, "Morgan Blake approved refund RFD-000014");
  assert_describes (settled, "Refund RFD-000012 was paid back to the customer");
  assert_describes (failed, "Refund RFD-000015 failed: The card on the account was removed, "
                            "so there is nothing to refund to.");

  /* The amount did not change, so it is not a change. */
  g_assert_cmpuint (approve_changes->len, ==, 3);
  assert_change (approve_changes, 0, "Status", "pending_approval", "processing");
  assert_change (approve_changes, 1, "Reviewed by", "—", "Morgan Blake");
  assert_change (approve_changes, 2, "Review comment", "—", "matches the meter");

  g_assert_cmpuint (create_changes->len, ==, 4);
  assert_change (create_changes, 0, "Id", "—", "RFD-000012");
  assert_change (create_changes, 1, "Session id", "—", "SES-0001234");
  assert_change (create_changes, 2, "Amount", "—", "$84.20");
  assert_change (create_changes, 3, "Status", "—", "pending_approval");

  /* A null failure_reason after nothing before is no change. */
  g_assert_cmpuint (settle_changes->len, ==, 1);
  assert_change (settle_changes, 0, "Status", "processing", "succeeded");
}

#define COMMAND(state, outcome) \
  "{\"id\": \"CMD-000003\", \"charger_id\": \"CH-10234\", \"kind\": \"soft_reset\", " \
  "\"connector_id\": 0, \"state\": \"" state "\", \"outcome\": " outcome "}"

static void
test_chargers (void)
{
  g_autoptr(OkcAuditEntry) command =
    entry_new (ALEX, "charger.command", "charger", "CH-10234", "null", COMMAND ("sent", "null"));
  g_autoptr(OkcAuditEntry) outcome =
    entry_new (ALEX, "charger.command.outcome", "charger", "CH-10234",
               COMMAND ("accepted", "null"), COMMAND ("completed", "\"rebooted in 40 s\""));
  g_autoptr(OkcAuditEntry) policy =
    entry_new (ALEX, "charger.access_policy", "charger", "CH-10234",
               "{\"access\": \"public\"}", "{\"access\": \"access_list\"}");
  g_autoptr(OkcAuditEntry) grant =
    entry_new (ALEX, "charger.access_grant", "charger", "CH-10234", "null",
               "{\"account\": {\"id\": \"ACC-0001\", \"name\": \"Jamie Chen\", \"email\": "
               "\"jamie@example.com\"}, \"valid_from\": null, \"valid_to\": null}");
  g_autoptr(OkcAuditEntry) regrant =
    entry_new (ALEX, "charger.access_grant", "charger", "CH-10234",
               "{\"account\": {\"id\": \"ACC-0001\", \"name\": \"Jamie Chen\"}, "
               "\"valid_to\": null}",
               "{\"account\": {\"id\": \"ACC-0001\", \"name\": \"Jamie Chen\"}, "
               "\"valid_to\": \"2026-11-28T10:00:00Z\"}");
  g_autoptr(OkcAuditEntry) revoke =
    entry_new (MORGAN, "charger.access_revoke", "charger", "CH-10234",
               "{\"account\": {\"id\": \"ACC-0001\", \"name\": \"Jamie Chen\"}}", "null");
  g_autoptr(OkcAuditEntry) assign =
    entry_new (ALEX, "charger.assign", "charger", "CH-10234",
               "{\"property\": null, \"unit\": null}",
               "{\"property\": {\"id\": \"PRP-0003\", \"name\": \"Lakeview Lofts\"}, "
               "\"unit\": {\"id\": \"UNT-0009\", \"name\": \"4B\"}}");
  g_autoptr(OkcAuditEntry) fault =
    entry_new (ALEX, "simulator.fault", "charger", "CH-10234", "{\"cause\": \"none\"}",
               "{\"cause\": \"offline\"}");
  g_autoptr(OkcAuditEntry) bare =
    entry_new (ALEX, "charger.note", "charger", "CH-10234", "\"quiet\"", "\"loud\"");
  g_autoptr(GPtrArray) bare_changes = okc_audit_entry_get_changes (bare);
  g_autoptr(GPtrArray) policy_changes = okc_audit_entry_get_changes (policy);
  g_autoptr(GPtrArray) regrant_changes = okc_audit_entry_get_changes (regrant);
  g_autoptr(GPtrArray) assign_changes = okc_audit_entry_get_changes (assign);
  g_autoptr(GPtrArray) fault_changes = okc_audit_entry_get_changes (fault);
  g_autoptr(GPtrArray) outcome_changes = okc_audit_entry_get_changes (outcome);

  assert_describes (command, "Alex Rivera sent “Soft reset” to CH-10234");
  assert_describes (outcome, "CH-10234 answered “Soft reset”: Completed (rebooted in 40 s)");
  assert_describes (policy, "Alex Rivera changed CH-10234’s access from Public to Access list");
  assert_describes (grant, "Alex Rivera gave Jamie Chen access to CH-10234");
  assert_describes (regrant, "Alex Rivera changed Jamie Chen’s access to CH-10234");
  assert_describes (revoke, "Morgan Blake revoked Jamie Chen’s access to CH-10234");
  assert_describes (assign, "Alex Rivera assigned CH-10234 to Lakeview Lofts, unit 4B");
  assert_describes (fault, "Alex Rivera made CH-10234 fail in the simulator: offline");

  g_assert_cmpuint (policy_changes->len, ==, 1);
  assert_change (policy_changes, 0, "Access", "Public", "Access list");
  g_assert_cmpuint (regrant_changes->len, ==, 1);
  assert_change (regrant_changes, 0, "Valid to", "—", "2026-11-28T10:00:00Z");
  g_assert_cmpuint (assign_changes->len, ==, 2);
  assert_change (assign_changes, 0, "Property", "—", "Lakeview Lofts");
  assert_change (assign_changes, 1, "Unit", "—", "4B");
  g_assert_cmpuint (fault_changes->len, ==, 1);
  assert_change (fault_changes, 0, "Cause", "none", "offline");
  /* A state that is not an object is one value. */
  g_assert_cmpuint (bare_changes->len, ==, 1);
  assert_change (bare_changes, 0, "Value", "quiet", "loud");
  g_assert_cmpuint (outcome_changes->len, ==, 2);
  assert_change (outcome_changes, 0, "State", "accepted", "completed");
  assert_change (outcome_changes, 1, "Outcome", "—", "rebooted in 40 s");
}

static void
test_properties (void)
{
  g_autoptr(OkcAuditEntry) synced =
    entry_new (ALEX, "property.pms_sync", "property", "PRP-0003",
               "{\"sync_state\": \"never_synced\", \"last_sync_at\": null}",
               "{\"id\": \"PMS-000001\", \"outcome\": \"succeeded\", \"bookings_imported\": 12, "
               "\"chargers_matched\": 3, \"error\": null, \"sync_state\": \"ok\", "
               "\"last_sync_at\": \"2026-11-24T09:30:00Z\"}");
  g_autoptr(OkcAuditEntry) failed =
    entry_new (ALEX, "property.pms_sync", "property", "PRP-0004",
               "{\"sync_state\": \"ok\", \"last_sync_at\": \"2026-11-01T09:30:00Z\"}",
               "{\"id\": \"PMS-000002\", \"outcome\": \"failed\", \"bookings_imported\": 0, "
               "\"chargers_matched\": 0, \"error\": \"Guesty refused the API token\", "
               "\"sync_state\": \"failing\", \"last_sync_at\": \"2026-11-24T09:30:00Z\"}");
  g_autoptr(OkcAuditEntry) unknown =
    entry_new (MORGAN, "payout.reconcile", "payout", "PAY-0001", "null", "{\"done\": true}");
  g_autoptr(GPtrArray) changes = okc_audit_entry_get_changes (synced);
  g_autoptr(GPtrArray) unknown_changes = okc_audit_entry_get_changes (unknown);

  assert_describes (synced, "Alex Rivera synced PRP-0003 with its PMS: 12 bookings imported, "
                            "3 chargers matched");
  assert_describes (failed, "Alex Rivera synced PRP-0004 with its PMS, which failed: "
                            "Guesty refused the API token");
  assert_describes (unknown, "Morgan Blake: payout.reconcile on payout PAY-0001");

  g_assert_cmpuint (changes->len, ==, 6);
  assert_change (changes, 0, "Sync state", "never_synced", "ok");
  assert_change (changes, 1, "Last sync at", "—", "2026-11-24T09:30:00Z");
  assert_change (changes, 2, "Id", "—", "PMS-000001");
  assert_change (changes, 3, "Outcome", "—", "succeeded");
  assert_change (changes, 4, "Bookings imported", "—", "12");
  assert_change (changes, 5, "Chargers matched", "—", "3");
  g_assert_cmpuint (unknown_changes->len, ==, 1);
  assert_change (unknown_changes, 0, "Done", "—", "Yes");
}

/* The account checks and changes of docs/accounts.md, in words; never a detail. */
static void
test_accounts (void)
{
  g_autoptr(OkcAuditEntry) verified =
    entry_new (ALEX, "account.verify", "account", "ACC-00017", "null",
               "{\"verification_id\": \"VER-000001\", \"method\": \"card_last4\","
               " \"outcome\": \"verified\"}");
  g_autoptr(OkcAuditEntry) failed =
    entry_new (ALEX, "account.verify", "account", "ACC-00017", "null",
               "{\"verification_id\": null, \"method\": \"session_date\","
               " \"outcome\": \"failed\"}");
  g_autoptr(OkcAuditEntry) at_end =
    entry_new (ALEX, "account.subscription_cancel", "account", "ACC-00017",
               "{\"status\": \"active\"}", "{\"status\": \"cancelling\"}");
  g_autoptr(OkcAuditEntry) now =
    entry_new (ALEX, "account.subscription_cancel", "account", "ACC-00017",
               "{\"status\": \"cancelling\"}", "{\"status\": \"cancelled\"}");
  g_autoptr(OkcAuditEntry) card =
    entry_new (ALEX, "account.card_remove", "account", "ACC-00017",
               "{\"card_id\": \"CRD-000017\", \"brand\": \"visa\", \"last4\": \"4242\","
               " \"is_default\": true}",
               "{\"card_id\": \"CRD-000017\", \"default_card_id\": null}");
  g_autoptr(OkcAuditEntry) deleted =
    entry_new (ALEX, "account.delete", "account", "ACC-00017", "null", "null");

  assert_describes (verified, "Alex Rivera verified the identity of ACC-00017: Last four "
                    "digits of a card");
  assert_describes (failed, "Alex Rivera’s identity check of ACC-00017 failed: Date of a "
                    "recent session");
  assert_describes (at_end, "Alex Rivera cancelled the subscription of ACC-00017 at the end "
                    "of the period");
  assert_describes (now, "Alex Rivera cancelled the subscription of ACC-00017 now");
  assert_describes (card, "Alex Rivera removed the card ending 4242 from ACC-00017");
  assert_describes (deleted, "Alex Rivera deleted the account ACC-00017 and its personal data");
  g_assert_cmpstr (okc_audit_action_kind_get_label ("account."), ==, "Accounts");
}

static void
test_action_kinds (void)
{
  const char * const *kinds = okc_audit_action_kinds ();

  g_assert_cmpstr (kinds[0], ==, "refund.");
  for (guint i = 0; kinds[i] != NULL; i++)
    g_assert_cmpstr (okc_audit_action_kind_get_label (kinds[i]), !=, kinds[i]);
  g_assert_cmpstr (okc_audit_action_kind_get_label ("charger.access"), ==, "Charger access");
}

/* A shortfall credit, to the next scheduled payout or, without one, the next run. */
static void
test_payouts (void)
{
  g_autoptr(OkcAuditEntry) credited =
    entry_new (ALEX, "payout.adjust", "payout", "PAY-00012", "{\"credited_payout\": {}}",
               "{\"amount\": {\"amount\": 1230, \"currency\": \"USD\"}, \"adjustment\": {}, "
               "\"credited_payout\": {\"id\": \"PAY-00019\"}}");
  g_autoptr(OkcAuditEntry) next_run =
    entry_new (ALEX, "payout.adjust", "payout", "PAY-00013", "null",
               "{\"amount\": {\"amount\": 5, \"currency\": \"USD\"}, \"adjustment\": {}, "
               "\"credited_payout\": null}");

  assert_describes (credited, "Alex Rivera credited $12.30 that PAY-00012 was short to PAY-00019");
  assert_describes (next_run, "Alex Rivera credited $0.05 that PAY-00013 was short to the next "
                              "payout");
  g_assert_cmpstr (okc_audit_action_kind_get_label ("payout."), ==, "Payouts");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/AuditEntry/codec", test_codec);
  g_test_add_func ("/Core/AuditEntry/codec-strict", test_codec_strict);
  g_test_add_func ("/Core/AuditEntry/refunds", test_refunds);
  g_test_add_func ("/Core/AuditEntry/accounts", test_accounts);
  g_test_add_func ("/Core/AuditEntry/chargers", test_chargers);
  g_test_add_func ("/Core/AuditEntry/properties", test_properties);
  g_test_add_func ("/Core/AuditEntry/action-kinds", test_action_kinds);
  g_test_add_func ("/Core/AuditEntry/payouts", test_payouts);
  return g_test_run ();
}
