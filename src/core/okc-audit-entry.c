/* okc-audit-entry.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "okc-audit-entry.h"

#include "okc-account.h"

#include "okc-charger-command.h"
#include "okc-error.h"
#include "okc-json.h"
#include "okc-money.h"
#include <inttypes.h>

#define NO_VALUE "—"

struct _OkcAuditEntry
{
  GObject parent_instance;

  gint64 seq;
  gint64 at;
  char *actor_id;
  char *actor_name;
  OkcRole actor_role;
  char *action;
  char *target_kind;
  char *target_id;
  char *ticket_id;
  JsonNode *before;
  JsonNode *after;
};

G_DEFINE_FINAL_TYPE (OkcAuditEntry, okc_audit_entry, G_TYPE_OBJECT)

void
okc_audit_change_free (OkcAuditChange *change)
{
  if (change == NULL)
    return;
  g_free (change->field);
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

static void
okc_audit_entry_finalize (GObject *object)
{
  OkcAuditEntry *self = OKC_AUDIT_ENTRY (object);

  g_free (self->actor_id);
  g_free (self->actor_name);
  g_free (self->action);
  g_free (self->target_kind);
  g_free (self->target_id);
  g_free (self->ticket_id);
  g_clear_pointer (&self->before, json_node_unref);
  g_clear_pointer (&self->after, json_node_unref);

  G_OBJECT_CLASS (okc_audit_entry_parent_class)->finalize (object);
}

static void
okc_audit_entry_class_init (OkcAuditEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_audit_entry_finalize;
}

static void
okc_audit_entry_init (OkcAuditEntry *self)
{
  (void) self;
}

static gboolean
fail (GError     **error,
      const char  *path,
      const char  *member,
      const char  *message)
{
  g_autofree char *member_path = okc_json_path_member (path, member);

  okc_data_error_set_literal (error, OKC_DATA_ERROR_INVALID, member_path, message);
  return FALSE;
}

static gboolean
read_actor (OkcAuditEntry  *self,
            JsonObject     *object,
            const char     *path,
            GError        **error)
{
  static const char * const allowed[] = { "id", "name", "role", NULL };
  g_autofree char *actor_path = okc_json_path_member (path, "actor");
  JsonObject *actor = NULL;
  const char *id = NULL, *name = NULL;
  int role = 0;

  if (!okc_json_read_object (object, path, "actor", OKC_JSON_NULLABLE, &actor, error))
    return FALSE;
  if (actor == NULL)
    return TRUE;
  if (!okc_json_check_members (actor, actor_path, allowed, error) ||
      !okc_json_read_string (actor, actor_path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !okc_json_read_string (actor, actor_path, "name", OKC_JSON_NOT_EMPTY, &name, error) ||
      !okc_json_read_enum (actor, actor_path, "role", OKC_TYPE_ROLE, OKC_JSON_REQUIRED, &role,
                           error))
    return FALSE;
  self->actor_id = g_strdup (id);
  self->actor_name = g_strdup (name);
  self->actor_role = role;
  return TRUE;
}

static gboolean
read_target (OkcAuditEntry  *self,
             JsonObject     *object,
             const char     *path,
             GError        **error)
{
  static const char * const allowed[] = { "kind", "id", NULL };
  g_autofree char *target_path = okc_json_path_member (path, "target");
  JsonObject *target = NULL;
  const char *kind = NULL, *id = NULL;

  if (!okc_json_read_object (object, path, "target", OKC_JSON_REQUIRED, &target, error) ||
      !okc_json_check_members (target, target_path, allowed, error) ||
      !okc_json_read_string (target, target_path, "kind", OKC_JSON_NOT_EMPTY, &kind, error) ||
      !okc_json_read_string (target, target_path, "id", OKC_JSON_NOT_EMPTY, &id, error))
    return FALSE;
  self->target_kind = g_strdup (kind);
  self->target_id = g_strdup (id);
  return TRUE;
}

/* before and after are present, null or any JSON value: they are the target's state. */
static gboolean
read_state (JsonObject   *object,
            const char   *path,
            const char   *member,
            JsonNode    **out,
            GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, path, "“%s” is missing", member);
      return FALSE;
    }
  *out = JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_copy (node);
  return TRUE;
}

/**
 * okc_audit_entry_new_from_json:
 *
 * Reads an AuditEntry (docs/actions.md, "The audit trail"): every member present, `seq`
 * from 1, the actor null or a whole {id, name, role}, the target's kind and id not empty.
 *
 * Returns: (transfer full): the entry, or %NULL with @error naming the member at fault
 */
OkcAuditEntry *
okc_audit_entry_new_from_json (JsonNode    *node,
                               const char  *path,
                               GError     **error)
{
  static const char * const allowed[] = {
    "seq", "at", "actor", "action", "target", "ticket_id", "before", "after", NULL
  };
  g_autoptr(OkcAuditEntry) self = g_object_new (OKC_TYPE_AUDIT_ENTRY, NULL);
  const char *action = NULL, *ticket_id = NULL;
  JsonObject *object;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_check_members (object, path, allowed, error) ||
      !okc_json_read_int64 (object, path, "seq", OKC_JSON_REQUIRED, &self->seq, error) ||
      !okc_json_read_time (object, path, "at", OKC_JSON_REQUIRED, &self->at, error) ||
      !read_actor (self, object, path, error) ||
      !okc_json_read_string (object, path, "action", OKC_JSON_NOT_EMPTY, &action, error) ||
      !read_target (self, object, path, error) ||
      !okc_json_read_string (object, path, "ticket_id", OKC_JSON_NULLABLE | OKC_JSON_NOT_EMPTY,
                             &ticket_id, error))
    return NULL;
  {
    g_autofree char *before_path = okc_json_path_member (path, "before");

    if (!read_state (object, before_path, "before", &self->before, error))
      return NULL;
  }
  {
    g_autofree char *after_path = okc_json_path_member (path, "after");

    if (!read_state (object, after_path, "after", &self->after, error))
      return NULL;
  }
  if (self->seq < 1)
    {
      fail (error, path, "seq", _("an audit entry's seq counts from 1"));
      return NULL;
    }
  self->action = g_strdup (action);
  self->ticket_id = g_strdup (ticket_id);
  return g_steal_pointer (&self);
}

gint64
okc_audit_entry_get_seq (OkcAuditEntry *self)
{
  g_return_val_if_fail (OKC_IS_AUDIT_ENTRY (self), 0);
  return self->seq;
}

gint64
okc_audit_entry_get_at (OkcAuditEntry *self)
{
  g_return_val_if_fail (OKC_IS_AUDIT_ENTRY (self), 0);
  return self->at;
}

const char *
okc_audit_entry_get_actor_id (OkcAuditEntry *self)
{
  g_return_val_if_fail (OKC_IS_AUDIT_ENTRY (self), NULL);
  return self->actor_id;
}

const char *
okc_audit_entry_get_actor_name (OkcAuditEntry *self)
{
  g_return_val_if_fail (OKC_IS_AUDIT_ENTRY (self), NULL);
  return self->actor_name;
}

OkcRole
okc_audit_entry_get_actor_role (OkcAuditEntry *self)
{
  g_return_val_if_fail (OKC_IS_AUDIT_ENTRY (self), OKC_ROLE_AGENT);
  return self->actor_role;
}

const char *
okc_audit_entry_get_action (OkcAuditEntry *self)
{
  g_return_val_if_fail (OKC_IS_AUDIT_ENTRY (self), NULL);
  return self->action;
}

const char *
okc_audit_entry_get_target_kind (OkcAuditEntry *self)
{
  g_return_val_if_fail (OKC_IS_AUDIT_ENTRY (self), NULL);
  return self->target_kind;
}

const char *
okc_audit_entry_get_target_id (OkcAuditEntry *self)
{
  g_return_val_if_fail (OKC_IS_AUDIT_ENTRY (self), NULL);
  return self->target_id;
}

const char *
okc_audit_entry_get_ticket_id (OkcAuditEntry *self)
{
  g_return_val_if_fail (OKC_IS_AUDIT_ENTRY (self), NULL);
  return self->ticket_id;
}

/**
 * okc_audit_entry_get_before:
 *
 * Returns: (transfer none) (nullable): the state before, %NULL when there was none
 */
JsonNode *
okc_audit_entry_get_before (OkcAuditEntry *self)
{
  g_return_val_if_fail (OKC_IS_AUDIT_ENTRY (self), NULL);
  return self->before;
}

/**
 * okc_audit_entry_get_after:
 *
 * Returns: (transfer none) (nullable): the state after, %NULL when there is none
 */
JsonNode *
okc_audit_entry_get_after (OkcAuditEntry *self)
{
  g_return_val_if_fail (OKC_IS_AUDIT_ENTRY (self), NULL);
  return self->after;
}

const char *
okc_audit_entry_get_actor_label (OkcAuditEntry *self)
{
  g_return_val_if_fail (OKC_IS_AUDIT_ENTRY (self), NULL);
  return self->actor_name != NULL ? self->actor_name : _("OK2Charge");
}

/* ---- Reading the states, leniently: they are for people, and an action of a newer
 * backend may carry members this console does not know. ---- */

static JsonObject *
state_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return state_object (node);
}

/* A {"id", "name"} reference's name, else its id, else the member as a string. */
static const char *
member_name (JsonObject *object,
             const char *member)
{
  JsonObject *reference = member_object (object, member);

  if (reference != NULL)
    return member_string (reference, "name") != NULL ? member_string (reference, "name")
                                                     : member_string (reference, "id");
  return member_string (object, member);
}

/* "$84.20" of a Money member, or NULL. */
static char *
member_money (JsonObject *object,
              const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  OkcMoney money;

  if (node == NULL || !okc_money_from_json (node, member, &money, NULL))
    return NULL;
  return okc_money_format (&money);
}

/* The words for an access policy as the API spells it (docs/actions.md, "Charger access");
 * by its text, as the policies of schema v6 are newer than some backends. */
static const char *
policy_label (const char *nick)
{
  if (g_strcmp0 (nick, "public") == 0)
    return _("Public");
  if (g_strcmp0 (nick, "residents_guests") == 0)
    return _("Residents and guests");
  if (g_strcmp0 (nick, "access_list") == 0)
    return _("Access list");
  if (g_strcmp0 (nick, "restricted") == 0)
    return _("Restricted");
  return nick != NULL ? nick : NO_VALUE;
}

/* "RFD-000012 ($84.20)" when the amount is known, else "RFD-000012". */
static char *
refund_with_amount (OkcAuditEntry *self)
{
  g_autofree char *amount = member_money (state_object (self->after), "amount");

  if (amount == NULL)
    amount = member_money (state_object (self->before), "amount");
  if (amount == NULL)
    return g_strdup (self->target_id);
  return g_strdup_printf ("%s (%s)", self->target_id, amount);
}

static char *
describe_refund_create (OkcAuditEntry *self)
{
  g_autofree char *refund = refund_with_amount (self);
  const char *session_id = member_string (state_object (self->after), "session_id");

  if (session_id != NULL)
    /* Translators: "Alex Rivera requested refund RFD-000012 ($84.20) for SES-0001234" */
    return g_strdup_printf (_("%s requested refund %s for %s"),
                            okc_audit_entry_get_actor_label (self), refund, session_id);
  return g_strdup_printf (_("%s requested refund %s"), okc_audit_entry_get_actor_label (self),
                          refund);
}

static char *
describe_refund_review (OkcAuditEntry *self,
                        gboolean       approved)
{
  g_autofree char *refund = refund_with_amount (self);
  const char *comment = member_string (state_object (self->after), "review_comment");
  const char *who = okc_audit_entry_get_actor_label (self);

  if (comment != NULL && *comment != '\0')
    /* Translators: "Morgan Blake approved refund RFD-000012 ($84.20): “matches the meter”" */
    return approved ? g_strdup_printf (_("%s approved refund %s: “%s”"), who, refund, comment)
                    : g_strdup_printf (_("%s rejected refund %s: “%s”"), who, refund, comment);
  return approved ? g_strdup_printf (_("%s approved refund %s"), who, refund)
                  : g_strdup_printf (_("%s rejected refund %s"), who, refund);
}

static char *
describe_refund_settle (OkcAuditEntry *self)
{
  JsonObject *after = state_object (self->after);
  g_autofree char *refund = refund_with_amount (self);
  const char *status = member_string (after, "status");
  const char *reason = member_string (after, "failure_reason");

  if (g_strcmp0 (status, "succeeded") == 0)
    return g_strdup_printf (_("Refund %s was paid back to the customer"), refund);
  if (reason != NULL)
    return g_strdup_printf (_("Refund %s failed: %s"), refund, reason);
  return g_strdup_printf (_("Refund %s failed"), refund);
}

/* "Soft reset" of a Command's kind, or its nick when this console does not know it. */
static const char *
command_label (JsonObject *command)
{
  const char *kind = member_string (command, "kind");
  int value;

  if (kind != NULL && okc_enum_from_nick (OKC_TYPE_COMMAND_KIND, kind, &value))
    return okc_command_kind_get_label (value);
  return kind != NULL ? kind : _("a command");
}

static char *
describe_command (OkcAuditEntry *self)
{
  JsonObject *command = state_object (self->after);

  /* Translators: "Alex Rivera sent “Soft reset” to CH-10234" */
  return g_strdup_printf (_("%s sent “%s” to %s"), okc_audit_entry_get_actor_label (self),
                          command_label (command), self->target_id);
}

static char *
describe_command_outcome (OkcAuditEntry *self)
{
  JsonObject *command = state_object (self->after);
  const char *state = member_string (command, "state");
  const char *outcome = member_string (command, "outcome");
  const char *state_label = state;
  int value;

  if (state != NULL && okc_enum_from_nick (OKC_TYPE_COMMAND_STATE, state, &value))
    state_label = okc_command_state_get_label (value);
  if (state_label == NULL)
    state_label = NO_VALUE;
  if (outcome != NULL && *outcome != '\0')
    /* Translators: "CH-10234 answered “Soft reset”: Completed (rebooted in 40 s)" */
    return g_strdup_printf (_("%s answered “%s”: %s (%s)"), self->target_id,
                            command_label (command), state_label, outcome);
  return g_strdup_printf (_("%s answered “%s”: %s"), self->target_id, command_label (command),
                          state_label);
}

static char *
describe_access_policy (OkcAuditEntry *self)
{
  const char *before = member_string (state_object (self->before), "access");
  const char *after = member_string (state_object (self->after), "access");

  /* Translators: "Alex Rivera changed CH-10234's access from Public to Access list" */
  return g_strdup_printf (_("%s changed %s’s access from %s to %s"),
                          okc_audit_entry_get_actor_label (self), self->target_id,
                          policy_label (before), policy_label (after));
}

static char *
describe_access_grant (OkcAuditEntry *self,
                       gboolean       granted)
{
  JsonObject *grant = state_object (granted ? self->after : self->before);
  const char *account = member_name (grant, "account");
  const char *who = okc_audit_entry_get_actor_label (self);

  if (account == NULL)
    account = _("an account");
  if (!granted)
    /* Translators: "Alex Rivera revoked Jamie Chen's access to CH-10234" */
    return g_strdup_printf (_("%s revoked %s’s access to %s"), who, account, self->target_id);
  if (self->before != NULL)
    return g_strdup_printf (_("%s changed %s’s access to %s"), who, account, self->target_id);
  /* Translators: "Alex Rivera gave Jamie Chen access to CH-10234" */
  return g_strdup_printf (_("%s gave %s access to %s"), who, account, self->target_id);
}

static char *
describe_assign (OkcAuditEntry *self)
{
  JsonObject *after = state_object (self->after);
  const char *property = member_name (after, "property");
  const char *unit = member_name (after, "unit");
  const char *who = okc_audit_entry_get_actor_label (self);

  if (property == NULL)
    return g_strdup_printf (_("%s unassigned %s from its property"), who, self->target_id);
  if (unit != NULL)
    /* Translators: "Alex Rivera assigned CH-10234 to Lakeview Lofts, unit 4B" */
    return g_strdup_printf (_("%s assigned %s to %s, unit %s"), who, self->target_id, property,
                            unit);
  return g_strdup_printf (_("%s assigned %s to %s"), who, self->target_id, property);
}

static char *
describe_pms_sync (OkcAuditEntry *self)
{
  JsonObject *after = state_object (self->after);
  JsonObject *sync = member_object (after, "sync") != NULL ? member_object (after, "sync")
                                                           : after;
  const char *outcome = member_string (sync, "outcome");
  const char *sync_error = member_string (sync, "error");
  const char *who = okc_audit_entry_get_actor_label (self);

  if (g_strcmp0 (outcome, "failed") == 0)
    /* Translators: "Alex Rivera synced PRP-0042 with its PMS: it failed: …" */
    return g_strdup_printf (_("%s synced %s with its PMS, which failed: %s"), who,
                            self->target_id, sync_error != NULL ? sync_error : NO_VALUE);
  if (sync != NULL && json_object_has_member (sync, "bookings_imported"))
    {
      gint64 n_bookings = json_object_get_int_member (sync, "bookings_imported");
      gint64 n_chargers = json_object_get_int_member (sync, "chargers_matched");
      g_autofree char *bookings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%" PRId64 " booking imported",
                                                                "%" PRId64 " bookings imported",
                                                                (gulong) n_bookings),
                                                   n_bookings);
      g_autofree char *chargers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%" PRId64 " charger matched",
                                                                "%" PRId64 " chargers matched",
                                                                (gulong) n_chargers),
                                                   n_chargers);

      /* Translators: "Alex Rivera synced PRP-0042 with its PMS: 12 bookings imported,
       * 3 chargers matched"; the last two %s are the counts, as in the property's sync */
      return g_strdup_printf (_("%s synced %s with its PMS: %s, %s"), who, self->target_id,
                              bookings, chargers);
    }
  return g_strdup_printf (_("%s synced %s with its PMS"), who, self->target_id);
}

static char *
describe_simulator (OkcAuditEntry *self,
                    gboolean       fault)
{
  const char *cause = member_string (state_object (self->after), "cause");

  if (fault)
    /* Translators: "Alex Rivera made CH-10234 fail in the simulator: offline" */
    return g_strdup_printf (_("%s made %s fail in the simulator: %s"),
                            okc_audit_entry_get_actor_label (self), self->target_id,
                            cause != NULL ? cause : NO_VALUE);
  return g_strdup_printf (_("%s repaired %s in the simulator"),
                          okc_audit_entry_get_actor_label (self), self->target_id);
}

/* The account changes of docs/accounts.md; a verification's detail is never recorded. */
static char *
describe_account (OkcAuditEntry *self,
                  const char    *action)
{
  JsonObject *before = state_object (self->before);
  JsonObject *after = state_object (self->after);
  const char *who = okc_audit_entry_get_actor_label (self);

  if (g_str_equal (action, "account.verify"))
    {
      const char *method = member_string (after, "method");
      int value = 0;
      const char *how = method != NULL &&
                        okc_enum_from_nick (OKC_TYPE_VERIFICATION_METHOD, method, &value)
                          ? okc_verification_method_get_label (value) : NO_VALUE;

      if (g_strcmp0 (member_string (after, "outcome"), "verified") == 0)
        /* Translators: "Alex Rivera verified the identity of ACC-00017: Last four digits of
         * a card" */
        return g_strdup_printf (_("%s verified the identity of %s: %s"), who, self->target_id,
                                how);
      /* Translators: "Alex Rivera’s identity check of ACC-00017 failed: Last four digits…" */
      return g_strdup_printf (_("%s’s identity check of %s failed: %s"), who, self->target_id,
                              how);
    }
  if (g_str_equal (action, "account.subscription_cancel"))
    return g_strcmp0 (member_string (after, "status"), "cancelling") == 0
      /* Translators: "Alex Rivera cancelled the subscription of ACC-00017 at the end of
       * the period" */
      ? g_strdup_printf (_("%s cancelled the subscription of %s at the end of the period"), who,
                         self->target_id)
      : g_strdup_printf (_("%s cancelled the subscription of %s now"), who, self->target_id);
  if (g_str_equal (action, "account.card_remove"))
    /* Translators: "Alex Rivera removed the card ending 4242 from ACC-00017" */
    return g_strdup_printf (_("%s removed the card ending %s from %s"), who,
                            member_string (before, "last4") != NULL
                              ? member_string (before, "last4") : NO_VALUE,
                            self->target_id);
  if (g_str_equal (action, "account.email_change"))
    /* Translators: "Alex Rivera changed the emails of ACC-00017" */
    return g_strdup_printf (_("%s changed the emails of %s"), who, self->target_id);
  /* Translators: "Alex Rivera deleted the account ACC-00017 and its personal data" */
  return g_strdup_printf (_("%s deleted the account %s and its personal data"), who,
                          self->target_id);
}

/* A shortfall credited (docs/payouts.md, POST /v1/payouts/{id}/adjustments): to the next
 * scheduled payout when there is one, else to the next run. */
static char *
describe_payout_adjust (OkcAuditEntry *self)
{
  JsonObject *after = state_object (self->after);
  g_autofree char *amount = member_money (after, "amount");
  JsonNode *credited = after != NULL ? json_object_get_member (after, "credited_payout") : NULL;
  const char *credited_id = credited != NULL && JSON_NODE_HOLDS_OBJECT (credited)
    ? member_string (json_node_get_object (credited), "id") : NULL;
  const char *who = okc_audit_entry_get_actor_label (self);

  if (credited_id != NULL)
    /* Translators: "Alex Rivera credited $12.30 that PAY-00012 was short to PAY-00019" */
    return g_strdup_printf (_("%s credited %s that %s was short to %s"), who,
                            amount != NULL ? amount : NO_VALUE, self->target_id, credited_id);
  /* Translators: "Alex Rivera credited $12.30 that PAY-00012 was short to the next payout" */
  return g_strdup_printf (_("%s credited %s that %s was short to the next payout"), who,
                          amount != NULL ? amount : NO_VALUE, self->target_id);
}

/**
 * okc_audit_entry_describe:
 *
 * What the entry says, in one sentence for people, per action of docs/actions.md's table;
 * an action this console does not know reads as its name and its target.
 *
 * Returns: (transfer full): the sentence
 */
char *
okc_audit_entry_describe (OkcAuditEntry *self)
{
  const char *action;

  g_return_val_if_fail (OKC_IS_AUDIT_ENTRY (self), NULL);

  action = self->action;
  if (g_str_equal (action, "refund.create"))
    return describe_refund_create (self);
  if (g_str_equal (action, "refund.approve"))
    return describe_refund_review (self, TRUE);
  if (g_str_equal (action, "refund.reject"))
    return describe_refund_review (self, FALSE);
  if (g_str_equal (action, "refund.settle"))
    return describe_refund_settle (self);
  if (g_str_equal (action, "charger.command"))
    return describe_command (self);
  if (g_str_equal (action, "charger.command.outcome"))
    return describe_command_outcome (self);
  if (g_str_equal (action, "charger.access_policy"))
    return describe_access_policy (self);
  if (g_str_equal (action, "charger.access_grant"))
    return describe_access_grant (self, TRUE);
  if (g_str_equal (action, "charger.access_revoke"))
    return describe_access_grant (self, FALSE);
  if (g_str_equal (action, "charger.assign"))
    return describe_assign (self);
  if (g_str_equal (action, "property.pms_sync"))
    return describe_pms_sync (self);
  if (g_str_has_prefix (action, "account.") &&
      g_strv_contains ((const char * const[]) { "account.verify", "account.subscription_cancel",
                                                "account.card_remove", "account.email_change",
                                                "account.delete", NULL }, action))
    return describe_account (self, action);
  if (g_str_equal (action, "payout.adjust"))
    return describe_payout_adjust (self);
  if (g_str_equal (action, "simulator.fault"))
    return describe_simulator (self, TRUE);
  if (g_str_equal (action, "simulator.repair"))
    return describe_simulator (self, FALSE);
  /* Translators: "Alex Rivera: payout.reconcile on payout PAY-0001" */
  return g_strdup_printf (_("%s: %s on %s %s"), okc_audit_entry_get_actor_label (self), action,
                          self->target_kind, self->target_id);
}

/* ---- Changes ---- */

/* "review_comment" → "Review comment" */
static char *
field_label (const char *member)
{
  g_autofree char *text = g_strdelimit (g_strdup (member), "_", ' ');
  g_autofree char *first = g_utf8_substring (text, 0, 1);
  g_autofree char *upper = g_utf8_strup (first, -1);

  return g_strconcat (upper, g_utf8_offset_to_pointer (text, 1), NULL);
}

static char *value_text (const char *member,
                         JsonNode   *node);

/* Money reads as money, a reference as its name, anything else as compact JSON. */
static char *
object_text (JsonObject *object,
             JsonNode   *node)
{
  OkcMoney money;
  const char *name = member_string (object, "name");

  if (okc_money_from_json (node, "value", &money, NULL))
    return okc_money_format (&money);
  if (name != NULL)
    return g_strdup (name);
  if (json_object_get_size (object) == 1 && member_string (object, "id") != NULL)
    return g_strdup (member_string (object, "id"));
  return okc_json_to_string (node);
}

static char *
array_text (JsonArray *array)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element = value_text (NULL, json_array_get_element (array, i));

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, element);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : g_strdup (NO_VALUE);
}

static char *
value_text (const char *member,
            JsonNode   *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (NO_VALUE);
  if (JSON_NODE_HOLDS_OBJECT (node))
    return object_text (json_node_get_object (node), node);
  if (JSON_NODE_HOLDS_ARRAY (node))
    return array_text (json_node_get_array (node));
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      if (g_strcmp0 (member, "access") == 0)
        return g_strdup (policy_label (json_node_get_string (node)));
      return g_strdup (json_node_get_string (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    default:
      return okc_json_to_string (node);
    }
}

static void
add_change (GPtrArray  *changes,
            const char *member,
            JsonNode   *before,
            JsonNode   *after)
{
  OkcAuditChange *change;

  if (before != NULL && after != NULL && json_node_equal (before, after))
    return;
  change = g_new0 (OkcAuditChange, 1);
  change->field = member != NULL ? field_label (member) : g_strdup (_("Value"));
  change->before = value_text (member, before);
  change->after = value_text (member, after);
  if (g_str_equal (change->before, change->after))
    okc_audit_change_free (change);
  else
    g_ptr_array_add (changes, change);
}

/**
 * okc_audit_entry_get_changes:
 *
 * The members that differ between before and after, in words: those of before in their
 * order, then those only after has. A state that is not an object (the simulator's fault
 * cause) is one change named "Value".
 *
 * Returns: (transfer container) (element-type OkcAuditChange): the changes
 */
GPtrArray *
okc_audit_entry_get_changes (OkcAuditEntry *self)
{
  GPtrArray *changes;
  JsonObject *before, *after;

  g_return_val_if_fail (OKC_IS_AUDIT_ENTRY (self), NULL);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) okc_audit_change_free);
  before = state_object (self->before);
  after = state_object (self->after);
  if ((self->before != NULL && before == NULL) || (self->after != NULL && after == NULL))
    {
      add_change (changes, NULL, self->before, self->after);
      return changes;
    }
  if (before != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (before);

      for (GList *l = members; l != NULL; l = l->next)
        add_change (changes, l->data, json_object_get_member (before, l->data),
                    after != NULL ? json_object_get_member (after, l->data) : NULL);
    }
  if (after != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (after);

      for (GList *l = members; l != NULL; l = l->next)
        if (before == NULL || !json_object_has_member (before, l->data))
          add_change (changes, l->data, NULL, json_object_get_member (after, l->data));
    }
  return changes;
}

/* The prefixes of GET /v1/audit's `action` that a person filters by. */
static const char * const action_kinds[] = {
  "refund.", "charger.command", "charger.access", "charger.assign", "property.pms_sync",
  "account.", "payout.", "simulator.", NULL
};

const char * const *
okc_audit_action_kinds (void)
{
  return action_kinds;
}

const char *
okc_audit_action_kind_get_label (const char *prefix)
{
  if (g_strcmp0 (prefix, "refund.") == 0)
    return _("Refunds");
  if (g_strcmp0 (prefix, "charger.command") == 0)
    return _("Charger commands");
  if (g_strcmp0 (prefix, "charger.access") == 0)
    return _("Charger access");
  if (g_strcmp0 (prefix, "charger.assign") == 0)
    return _("Charger assignment");
  if (g_strcmp0 (prefix, "property.pms_sync") == 0)
    return _("PMS syncs");
  if (g_strcmp0 (prefix, "account.") == 0)
    return _("Accounts");
  if (g_strcmp0 (prefix, "payout.") == 0)
    return _("Payouts");
  if (g_strcmp0 (prefix, "simulator.") == 0)
    return _("Simulator");
  return prefix;
}
