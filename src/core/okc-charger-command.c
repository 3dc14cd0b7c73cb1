/* okc-charger-command.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "okc-charger-command.h"

#include "okc-error.h"
#include "okc-json.h"
#include "okc-time.h"

struct _OkcChargerCommand
{
  GObject parent_instance;

  char *id;
  char *charger_id;
  OkcCommandKind kind;
  guint connector_id;
  OkcAvailability availability;
  char *account;
  gboolean end_billing;
  char *ticket_id;

  OkcCommandState state;
  char *requested_by_id;
  char *requested_by_name;
  gint64 requested_at;
  gint64 updated_at;
  char *outcome;
};

G_DEFINE_FINAL_TYPE (OkcChargerCommand, okc_charger_command, G_TYPE_OBJECT)

static void
okc_charger_command_finalize (GObject *object)
{
  OkcChargerCommand *self = OKC_CHARGER_COMMAND (object);

  g_free (self->id);
  g_free (self->charger_id);
  g_free (self->account);
  g_free (self->ticket_id);
  g_free (self->requested_by_id);
  g_free (self->requested_by_name);
  g_free (self->outcome);

  G_OBJECT_CLASS (okc_charger_command_parent_class)->finalize (object);
}

static void
okc_charger_command_class_init (OkcChargerCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_charger_command_finalize;
}

static void
okc_charger_command_init (OkcChargerCommand *self)
{
  self->state = OKC_COMMAND_STATE_SENT;
  self->availability = OKC_AVAILABILITY_OPERATIVE;
}

/**
 * okc_charger_command_new:
 * @charger_id: the charger to command
 * @kind: what to ask of it
 * @connector_id: the connector, 0 for the whole charger
 *
 * A change_availability request defaults to operative; set what it takes with the
 * setters below.
 *
 * Returns: (transfer full): a request, as the console builds it before sending.
 */
OkcChargerCommand *
okc_charger_command_new (const char     *charger_id,
                         OkcCommandKind  kind,
                         guint           connector_id)
{
  OkcChargerCommand *self;

  g_return_val_if_fail (charger_id != NULL, NULL);

  self = g_object_new (OKC_TYPE_CHARGER_COMMAND, NULL);
  self->charger_id = g_strdup (charger_id);
  self->kind = kind;
  self->connector_id = connector_id;
  return self;
}

void
okc_charger_command_set_availability (OkcChargerCommand *self,
                                      OkcAvailability    availability)
{
  g_return_if_fail (OKC_IS_CHARGER_COMMAND (self));
  g_return_if_fail (self->kind == OKC_COMMAND_KIND_CHANGE_AVAILABILITY);

  self->availability = availability;
}

/**
 * okc_charger_command_set_account:
 * @account_id: (nullable): the account a remote start charges for
 */
void
okc_charger_command_set_account (OkcChargerCommand *self,
                                 const char        *account_id)
{
  g_return_if_fail (OKC_IS_CHARGER_COMMAND (self));
  g_return_if_fail (account_id == NULL || self->kind == OKC_COMMAND_KIND_REMOTE_START);

  g_free (self->account);
  self->account = g_strdup (account_id);
}

/**
 * okc_charger_command_set_end_billing:
 * @end_billing: whether a remote stop also ends the session's billing at the stop
 */
void
okc_charger_command_set_end_billing (OkcChargerCommand *self,
                                     gboolean           end_billing)
{
  g_return_if_fail (OKC_IS_CHARGER_COMMAND (self));
  g_return_if_fail (!end_billing || self->kind == OKC_COMMAND_KIND_REMOTE_STOP);

  self->end_billing = !!end_billing;
}

/**
 * okc_charger_command_set_ticket_id:
 * @ticket_id: (nullable): the ticket the agent acted from
 */
void
okc_charger_command_set_ticket_id (OkcChargerCommand *self,
                                   const char        *ticket_id)
{
  g_return_if_fail (OKC_IS_CHARGER_COMMAND (self));

  g_free (self->ticket_id);
  self->ticket_id = g_strdup (ticket_id);
}

/**
 * okc_charger_command_set_recorded:
 * @id: the command's id, such as "CMD-000042"
 * @requested_by_id: the agent's user id
 * @requested_by_name: the agent's name
 * @requested_at: when the backend took the command, seconds since the epoch
 *
 * Also sets the time of the last change to @requested_at.
 */
void
okc_charger_command_set_recorded (OkcChargerCommand *self,
                                  const char        *id,
                                  const char        *requested_by_id,
                                  const char        *requested_by_name,
                                  gint64             requested_at)
{
  g_return_if_fail (OKC_IS_CHARGER_COMMAND (self));
  g_return_if_fail (id != NULL && requested_by_id != NULL && requested_by_name != NULL);

  g_free (self->id);
  self->id = g_strdup (id);
  g_free (self->requested_by_id);
  self->requested_by_id = g_strdup (requested_by_id);
  g_free (self->requested_by_name);
  self->requested_by_name = g_strdup (requested_by_name);
  self->requested_at = requested_at;
  self->updated_at = MAX (self->updated_at, requested_at);
}

/**
 * okc_charger_command_set_progress:
 * @updated_at: when the state changed, seconds since the epoch
 * @outcome: (nullable): the result as the charger reports it
 */
void
okc_charger_command_set_progress (OkcChargerCommand *self,
                                  OkcCommandState    state,
                                  gint64             updated_at,
                                  const char        *outcome)
{
  g_return_if_fail (OKC_IS_CHARGER_COMMAND (self));

  self->state = state;
  self->updated_at = updated_at;
  g_free (self->outcome);
  self->outcome = g_strdup (outcome);
}

static gboolean
fail (GError     **error,
      int          code,
      const char  *path,
      const char  *member,
      const char  *message)
{
  g_autofree char *member_path = okc_json_path_member (path, member);

  okc_data_error_set_literal (error, code, member_path, message);
  return FALSE;
}

/* What a request must say for its kind (docs/chargers.md, "Remote commands"), for both
 * the POST body and the full Command. */
static gboolean
check_parameters (OkcCommandKind  kind,
                  gint64          connector_id,
                  gboolean        has_availability,
                  const char     *account,
                  gboolean        end_billing,
                  const char     *ticket_id,
                  const char     *path,
                  GError        **error)
{
  if (connector_id < 0 || connector_id > G_MAXUINT16)
    return fail (error, OKC_DATA_ERROR_INVALID, path, "connector_id",
                 _("is 0 for the whole charger or a connector's number"));
  if (okc_command_kind_needs_connector (kind) && connector_id == 0)
    return fail (error, OKC_DATA_ERROR_INVALID, path, "connector_id",
                 _("this command acts on one connector: it is 1 or more"));
  if ((kind == OKC_COMMAND_KIND_SOFT_RESET || kind == OKC_COMMAND_KIND_HARD_RESET ||
       kind == OKC_COMMAND_KIND_TRIGGER_HEARTBEAT) && connector_id != 0)
    return fail (error, OKC_DATA_ERROR_INVALID, path, "connector_id",
                 _("this command acts on the whole charger: it is 0"));
  if (kind == OKC_COMMAND_KIND_CHANGE_AVAILABILITY && !has_availability)
    return fail (error, OKC_DATA_ERROR_MISSING, path, "availability",
                 _("is required to change availability: “operative” or “inoperative”"));
  if (kind != OKC_COMMAND_KIND_CHANGE_AVAILABILITY && has_availability)
    return fail (error, OKC_DATA_ERROR_INVALID, path, "availability",
                 _("only change_availability takes an availability"));
  if (kind == OKC_COMMAND_KIND_REMOTE_START && account == NULL)
    return fail (error, OKC_DATA_ERROR_MISSING, path, "account",
                 _("is required to start a session: the account it is for"));
  if (account != NULL && kind != OKC_COMMAND_KIND_REMOTE_START)
    return fail (error, OKC_DATA_ERROR_INVALID, path, "account",
                 _("only remote_start takes an account"));
  if (account != NULL && *account == '\0')
    return fail (error, OKC_DATA_ERROR_INVALID, path, "account", _("an account id is not empty"));
  if (end_billing && kind != OKC_COMMAND_KIND_REMOTE_STOP)
    return fail (error, OKC_DATA_ERROR_INVALID, path, "end_billing",
                 _("only remote_stop can end a session's billing"));
  if (ticket_id != NULL && *ticket_id == '\0')
    return fail (error, OKC_DATA_ERROR_INVALID, path, "ticket_id",
                 _("a ticket id is not empty: no ticket is null"));
  return TRUE;
}

static OkcChargerCommand *
command_new_checked (const char     *charger_id,
                     OkcCommandKind  kind,
                     gint64          connector_id,
                     int             availability,
                     gboolean        has_availability,
                     const char     *account,
                     gboolean        end_billing,
                     const char     *ticket_id,
                     const char     *path,
                     GError        **error)
{
  OkcChargerCommand *self;

  if (!check_parameters (kind, connector_id, has_availability, account, end_billing,
                         ticket_id, path, error))
    return NULL;

  self = okc_charger_command_new (charger_id, kind, (guint) connector_id);
  if (has_availability)
    okc_charger_command_set_availability (self, availability);
  okc_charger_command_set_account (self, account);
  okc_charger_command_set_end_billing (self, end_billing);
  okc_charger_command_set_ticket_id (self, ticket_id);
  return self;
}

/**
 * okc_charger_command_new_from_json:
 * @node: the Command of docs/chargers.md, every member present: {"id", "charger_id",
 *   "kind", "connector_id", "availability", "account", "end_billing", "ticket_id",
 *   "state", "requested_by" ({"id", "name"}), "requested_at", "updated_at", "outcome"}
 * @path: (nullable): where @node is, for errors
 *
 * Returns: (transfer full) (nullable): the command, or %NULL with an #OKC_DATA_ERROR
 *   naming the member to blame.
 */
OkcChargerCommand *
okc_charger_command_new_from_json (JsonNode    *node,
                                   const char  *path,
                                   GError     **error)
{
  const char *id = NULL, *charger_id = NULL, *account = NULL, *ticket_id = NULL;
  const char *by_id = NULL, *by_name = NULL, *outcome = NULL;
  g_autofree char *by_path = okc_json_path_member (path, "requested_by");
  g_autoptr(OkcChargerCommand) self = NULL;
  gint64 connector_id = 0, requested_at = 0, updated_at = 0;
  int kind = 0, availability = -1, state = 0;
  gboolean end_billing = FALSE;
  JsonObject *object, *by = NULL;

  object = okc_json_node_get_object (node, path, error);
  if (object == NULL ||
      !okc_json_read_string (object, path, "id", OKC_JSON_REQUIRED, &id, error) ||
      !okc_json_read_string (object, path, "charger_id", OKC_JSON_REQUIRED, &charger_id,
                             error) ||
      !okc_json_read_enum (object, path, "kind", OKC_TYPE_COMMAND_KIND, OKC_JSON_REQUIRED,
                           &kind, error) ||
      !okc_json_read_int64 (object, path, "connector_id", OKC_JSON_REQUIRED, &connector_id,
                            error) ||
      !okc_json_read_enum (object, path, "availability", OKC_TYPE_AVAILABILITY,
                           OKC_JSON_NULLABLE, &availability, error) ||
      !okc_json_read_string (object, path, "account", OKC_JSON_NULLABLE, &account, error) ||
      !okc_json_read_boolean (object, path, "end_billing", OKC_JSON_REQUIRED, &end_billing,
                              error) ||
      !okc_json_read_string (object, path, "ticket_id", OKC_JSON_NULLABLE, &ticket_id,
                             error) ||
      !okc_json_read_enum (object, path, "state", OKC_TYPE_COMMAND_STATE, OKC_JSON_REQUIRED,
                           &state, error) ||
      !okc_json_read_object (object, path, "requested_by", OKC_JSON_REQUIRED, &by, error) ||
      !okc_json_read_string (by, by_path, "id", OKC_JSON_REQUIRED, &by_id, error) ||
      !okc_json_read_string (by, by_path, "name", OKC_JSON_REQUIRED, &by_name, error) ||
      !okc_json_read_time (object, path, "requested_at", OKC_JSON_REQUIRED, &requested_at,
                           error) ||
      !okc_json_read_time (object, path, "updated_at", OKC_JSON_REQUIRED, &updated_at,
                           error) ||
      !okc_json_read_string (object, path, "outcome", OKC_JSON_NULLABLE, &outcome, error))
    return NULL;

  if (*id == '\0')
    {
      fail (error, OKC_DATA_ERROR_INVALID, path, "id", _("a command id is not empty"));
      return NULL;
    }
  if (*charger_id == '\0')
    {
      fail (error, OKC_DATA_ERROR_INVALID, path, "charger_id", _("a charger id is not empty"));
      return NULL;
    }
  if (updated_at < requested_at)
    {
      fail (error, OKC_DATA_ERROR_INVALID, path, "updated_at",
            _("a command changes after it was requested, not before"));
      return NULL;
    }

  self = command_new_checked (charger_id, kind, connector_id, availability, availability >= 0,
                              account, end_billing, ticket_id, path, error);
  if (self == NULL)
    return NULL;
  okc_charger_command_set_recorded (self, id, by_id, by_name, requested_at);
  okc_charger_command_set_progress (self, state, updated_at, outcome);
  return g_steal_pointer (&self);
}

static void
add_parameters (OkcChargerCommand *self,
                JsonBuilder       *builder,
                gboolean           every_member)
{
  okc_json_builder_add_string (builder, "kind", okc_enum_to_nick (OKC_TYPE_COMMAND_KIND,
                                                                  self->kind));
  json_builder_set_member_name (builder, "connector_id");
  json_builder_add_int_value (builder, self->connector_id);
  if (self->kind == OKC_COMMAND_KIND_CHANGE_AVAILABILITY)
    okc_json_builder_add_string (builder, "availability",
                                 okc_enum_to_nick (OKC_TYPE_AVAILABILITY, self->availability));
  else if (every_member)
    okc_json_builder_add_string (builder, "availability", NULL);
  if (self->kind == OKC_COMMAND_KIND_REMOTE_START || every_member)
    okc_json_builder_add_string (builder, "account", self->account);
  if (self->kind == OKC_COMMAND_KIND_REMOTE_STOP || every_member)
    {
      json_builder_set_member_name (builder, "end_billing");
      json_builder_add_boolean_value (builder, self->end_billing);
    }
  if (self->ticket_id != NULL || every_member)
    okc_json_builder_add_string (builder, "ticket_id", self->ticket_id);
}

/**
 * okc_charger_command_to_json:
 *
 * Returns: (transfer full): the command as okc_charger_command_new_from_json() reads it.
 */
JsonNode *
okc_charger_command_to_json (OkcChargerCommand *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), NULL);

  json_builder_begin_object (builder);
  okc_json_builder_add_string (builder, "id", self->id);
  okc_json_builder_add_string (builder, "charger_id", self->charger_id);
  add_parameters (self, builder, TRUE);
  okc_json_builder_add_string (builder, "state",
                               okc_enum_to_nick (OKC_TYPE_COMMAND_STATE, self->state));
  json_builder_set_member_name (builder, "requested_by");
  if (self->requested_by_id != NULL)
    {
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", self->requested_by_id);
      okc_json_builder_add_string (builder, "name", self->requested_by_name);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  okc_json_builder_add_time (builder, "requested_at", self->requested_at);
  okc_json_builder_add_time (builder, "updated_at", self->updated_at);
  okc_json_builder_add_string (builder, "outcome", self->outcome);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_charger_command_to_request_json:
 *
 * Returns: (transfer full): the POST body: "kind", "connector_id", the parameters @self's
 *   kind takes, and "ticket_id" when set.
 */
JsonNode *
okc_charger_command_to_request_json (OkcChargerCommand *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), NULL);

  json_builder_begin_object (builder);
  add_parameters (self, builder, FALSE);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_charger_command_new_from_request:
 * @charger_id: the charger of the request's path
 * @body: {"kind", "connector_id" (default 0), "availability", "account", "end_billing"
 *   (default false), "ticket_id"}; no other member
 *
 * Returns: (transfer full) (nullable): the request, or %NULL with an #OKC_DATA_ERROR naming
 *   the member to blame ("account"), for a 422.
 */
OkcChargerCommand *
okc_charger_command_new_from_request (const char  *charger_id,
                                      JsonNode    *body,
                                      GError     **error)
{
  static const char * const allowed[] = {
    "kind", "connector_id", "availability", "account", "end_billing", "ticket_id", NULL
  };
  const char *account = NULL, *ticket_id = NULL;
  int kind = 0, availability = -1;
  gboolean end_billing = FALSE;
  gint64 connector_id = 0;
  JsonObject *object;
  JsonNode *connector_node;

  g_return_val_if_fail (charger_id != NULL, NULL);

  object = okc_json_node_get_object (body, NULL, error);
  if (object == NULL ||
      !okc_json_check_members (object, NULL, allowed, error) ||
      !okc_json_read_enum (object, NULL, "kind", OKC_TYPE_COMMAND_KIND, OKC_JSON_REQUIRED,
                           &kind, error) ||
      !okc_json_read_int64 (object, NULL, "connector_id", OKC_JSON_OPTIONAL, &connector_id,
                            error) ||
      !okc_json_read_enum (object, NULL, "availability", OKC_TYPE_AVAILABILITY,
                           OKC_JSON_OPTIONAL, &availability, error) ||
      !okc_json_read_string (object, NULL, "account", OKC_JSON_OPTIONAL, &account, error) ||
      !okc_json_read_boolean (object, NULL, "end_billing", OKC_JSON_OPTIONAL, &end_billing,
                              error) ||
      !okc_json_read_string (object, NULL, "ticket_id", OKC_JSON_OPTIONAL, &ticket_id, error))
    return NULL;

  connector_node = json_object_get_member (object, "connector_id");
  if ((connector_node == NULL || JSON_NODE_HOLDS_NULL (connector_node)) &&
      okc_command_kind_needs_connector (kind))
    {
      fail (error, OKC_DATA_ERROR_MISSING, NULL, "connector_id",
            _("is required: this command acts on one connector"));
      return NULL;
    }

  return command_new_checked (charger_id, kind, connector_id, availability, availability >= 0,
                              account, end_billing, ticket_id, NULL, error);
}

/**
 * okc_charger_command_get_id:
 *
 * Returns: (nullable): the backend's id, %NULL for a request not yet sent.
 */
const char *
okc_charger_command_get_id (OkcChargerCommand *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), NULL);
  return self->id;
}

const char *
okc_charger_command_get_charger_id (OkcChargerCommand *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), NULL);
  return self->charger_id;
}

OkcCommandKind
okc_charger_command_get_kind (OkcChargerCommand *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), OKC_COMMAND_KIND_TRIGGER_HEARTBEAT);
  return self->kind;
}

/**
 * okc_charger_command_get_connector_id:
 *
 * Returns: the connector, 0 for the whole charger.
 */
guint
okc_charger_command_get_connector_id (OkcChargerCommand *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), 0);
  return self->connector_id;
}

/**
 * okc_charger_command_get_availability:
 *
 * Returns: the availability a change_availability asks for; operative for other kinds.
 */
OkcAvailability
okc_charger_command_get_availability (OkcChargerCommand *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), OKC_AVAILABILITY_OPERATIVE);
  return self->availability;
}

/**
 * okc_charger_command_get_account:
 *
 * Returns: (nullable): the account a remote start is for.
 */
const char *
okc_charger_command_get_account (OkcChargerCommand *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), NULL);
  return self->account;
}

gboolean
okc_charger_command_get_end_billing (OkcChargerCommand *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), FALSE);
  return self->end_billing;
}

/**
 * okc_charger_command_get_ticket_id:
 *
 * Returns: (nullable): the ticket the agent acted from.
 */
const char *
okc_charger_command_get_ticket_id (OkcChargerCommand *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), NULL);
  return self->ticket_id;
}

OkcCommandState
okc_charger_command_get_state (OkcChargerCommand *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), OKC_COMMAND_STATE_SENT);
  return self->state;
}

/**
 * okc_charger_command_get_requested_by_id:
 *
 * Returns: (nullable): the agent's user id, %NULL before the backend recorded it.
 */
const char *
okc_charger_command_get_requested_by_id (OkcChargerCommand *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), NULL);
  return self->requested_by_id;
}

/**
 * okc_charger_command_get_requested_by_name:
 *
 * Returns: (nullable): the agent's name.
 */
const char *
okc_charger_command_get_requested_by_name (OkcChargerCommand *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), NULL);
  return self->requested_by_name;
}

gint64
okc_charger_command_get_requested_at (OkcChargerCommand *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), 0);
  return self->requested_at;
}

gint64
okc_charger_command_get_updated_at (OkcChargerCommand *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), 0);
  return self->updated_at;
}

/**
 * okc_charger_command_get_outcome:
 *
 * Returns: (nullable): the result as the charger reports it, %NULL until it answers.
 */
const char *
okc_charger_command_get_outcome (OkcChargerCommand *self)
{
  g_return_val_if_fail (OKC_IS_CHARGER_COMMAND (self), NULL);
  return self->outcome;
}

const char *
okc_command_kind_get_label (OkcCommandKind kind)
{
  switch (kind)
    {
    case OKC_COMMAND_KIND_TRIGGER_HEARTBEAT:
      return _("Ask for a heartbeat");
    case OKC_COMMAND_KIND_TRIGGER_STATUS:
      return _("Ask for its status");
    case OKC_COMMAND_KIND_SOFT_RESET:
      return _("Soft reset");
    case OKC_COMMAND_KIND_HARD_RESET:
      return _("Hard reset");
    case OKC_COMMAND_KIND_UNLOCK_CONNECTOR:
      return _("Unlock connector");
    case OKC_COMMAND_KIND_CHANGE_AVAILABILITY:
      return _("Change availability");
    case OKC_COMMAND_KIND_REMOTE_START:
      return _("Start a session");
    case OKC_COMMAND_KIND_REMOTE_STOP:
      return _("Stop the session");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
okc_command_state_get_label (OkcCommandState state)
{
  switch (state)
    {
    case OKC_COMMAND_STATE_SENT:
      return C_("charger command state", "Sent");
    case OKC_COMMAND_STATE_ACCEPTED:
      return _("Accepted");
    case OKC_COMMAND_STATE_REJECTED:
      return _("Rejected");
    case OKC_COMMAND_STATE_TIMED_OUT:
      return _("Timed out");
    case OKC_COMMAND_STATE_COMPLETED:
      return C_("charger command state", "Completed");
    case OKC_COMMAND_STATE_FAILED:
      return C_("charger command state", "Failed");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
okc_command_state_is_final (OkcCommandState state)
{
  return state == OKC_COMMAND_STATE_REJECTED || state == OKC_COMMAND_STATE_TIMED_OUT ||
         state == OKC_COMMAND_STATE_COMPLETED || state == OKC_COMMAND_STATE_FAILED;
}

gboolean
okc_command_kind_needs_connector (OkcCommandKind kind)
{
  return kind == OKC_COMMAND_KIND_UNLOCK_CONNECTOR || kind == OKC_COMMAND_KIND_REMOTE_START ||
         kind == OKC_COMMAND_KIND_REMOTE_STOP;
}

static gboolean
refuse (char **out_reason,
        char  *reason)
{
  if (out_reason != NULL)
    *out_reason = reason;
  else
    g_free (reason);
  return FALSE;
}

/**
 * okc_charger_check_command:
 * @charger: the charger as last seen
 * @kind: the command
 * @connector_id: its connector, 0 for the whole charger
 * @now: the current time, seconds since the epoch, for the heartbeat's age
 * @out_reason: (out) (optional) (transfer full): why not, one sentence for the agent; left
 *   untouched when the command can run
 *
 * The rules of docs/chargers.md, "Remote commands": an offline charger takes nothing; a
 * command on a connector needs that connector; a session starts only on an Available or
 * Preparing connector without one, and stops only where there is one.
 *
 * Returns: whether @charger can take @kind now.
 */
gboolean
okc_charger_check_command (OkcCharger      *charger,
                           OkcCommandKind   kind,
                           guint            connector_id,
                           gint64           now,
                           char           **out_reason)
{
  const char *id;
  OkcConnector *connector = NULL;
  OkcConnectorStatus status;
  gint64 heartbeat;

  g_return_val_if_fail (OKC_IS_CHARGER (charger), FALSE);

  id = okc_charger_get_id (charger);
  heartbeat = okc_charger_get_last_heartbeat (charger);

  if (okc_charger_get_status (charger) == OKC_CHARGER_STATUS_OFFLINE)
    {
      g_autofree char *age = NULL;

      if (heartbeat == 0)
        return refuse (out_reason,
                       g_strdup_printf (_("%s is offline: it has never sent a heartbeat, so it "
                                          "cannot receive commands"), id));
      /* A heartbeat from the future is clock skew: the charger spoke just now. */
      age = okc_format_duration (MAX (0, now - heartbeat));
      return refuse (out_reason,
                     g_strdup_printf (_("%s is offline: its last heartbeat was %s ago, so it "
                                        "cannot receive commands"), id, age));
    }

  if (okc_command_kind_needs_connector (kind) && connector_id == 0)
    return refuse (out_reason,
                   g_strdup_printf (_("Choose a connector: “%s” acts on one connector, not "
                                      "on the whole charger"),
                                    okc_command_kind_get_label (kind)));
  if ((kind == OKC_COMMAND_KIND_SOFT_RESET || kind == OKC_COMMAND_KIND_HARD_RESET ||
       kind == OKC_COMMAND_KIND_TRIGGER_HEARTBEAT) && connector_id != 0)
    return refuse (out_reason,
                   g_strdup_printf (_("“%s” acts on the whole charger, not on connector %u"),
                                    okc_command_kind_get_label (kind), connector_id));

  if (connector_id != 0)
    {
      connector = okc_charger_get_connector (charger, connector_id);
      if (connector == NULL)
        return refuse (out_reason,
                       g_strdup_printf (_("%s has no connector %u"), id, connector_id));
    }

  switch (kind)
    {
    case OKC_COMMAND_KIND_REMOTE_START:
      status = okc_connector_get_status (connector);
      if (status != OKC_CONNECTOR_STATUS_AVAILABLE && status != OKC_CONNECTOR_STATUS_PREPARING)
        return refuse (out_reason,
                       g_strdup_printf (_("Connector %u is %s: a session cannot start on it"),
                                        connector_id, okc_connector_status_get_label (status)));
      if (okc_connector_get_session_id (connector) != NULL)
        return refuse (out_reason,
                       g_strdup_printf (_("Connector %u already has a session (%s)"),
                                        connector_id, okc_connector_get_session_id (connector)));
      return TRUE;
    case OKC_COMMAND_KIND_REMOTE_STOP:
      if (okc_connector_get_session_id (connector) == NULL)
        return refuse (out_reason,
                       g_strdup_printf (_("No session to stop on connector %u"), connector_id));
      return TRUE;
    case OKC_COMMAND_KIND_TRIGGER_HEARTBEAT:
    case OKC_COMMAND_KIND_TRIGGER_STATUS:
    case OKC_COMMAND_KIND_SOFT_RESET:
    case OKC_COMMAND_KIND_HARD_RESET:
    case OKC_COMMAND_KIND_UNLOCK_CONNECTOR:
    case OKC_COMMAND_KIND_CHANGE_AVAILABILITY:
    default:
      return TRUE;
    }
}
