/* okc-outbox-action.c — one action of the outbox: what to send, and how far it got
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include <glib/gi18n-lib.h>

#include "okc-client-enum-types.h"
#include "okc-client-error.h"
#include "okc-outbox-private.h"

struct _OkcOutboxAction
{
  GObject parent_instance;

  char *key;
  char *kind;
  char *method;
  char *path;
  JsonNode *body;
  char *ticket_id;
  char *summary;
  gint64 created_at;

  OkcOutboxState state;
  guint attempts;
  gint64 next_attempt_at;
  GError *error;
  guint http_status;
  JsonNode *response;
  gint64 finished_at;
};

G_DEFINE_FINAL_TYPE (OkcOutboxAction, okc_outbox_action, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_SUMMARY,
  PROP_TICKET_ID,
  PROP_STATE,
  PROP_ATTEMPTS,
  PROP_NEXT_ATTEMPT_AT,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
okc_outbox_action_finalize (GObject *object)
{
  OkcOutboxAction *self = OKC_OUTBOX_ACTION (object);

  g_free (self->key);
  g_free (self->kind);
  g_free (self->method);
  g_free (self->path);
  g_clear_pointer (&self->body, json_node_unref);
  g_free (self->ticket_id);
  g_free (self->summary);
  g_clear_error (&self->error);
  g_clear_pointer (&self->response, json_node_unref);

  G_OBJECT_CLASS (okc_outbox_action_parent_class)->finalize (object);
}

static void
okc_outbox_action_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OkcOutboxAction *self = OKC_OUTBOX_ACTION (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_TICKET_ID:
      g_value_set_string (value, self->ticket_id);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;
    case PROP_NEXT_ATTEMPT_AT:
      g_value_set_int64 (value, self->next_attempt_at);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_outbox_action_class_init (OkcOutboxActionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = okc_outbox_action_finalize;
  object_class->get_property = okc_outbox_action_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_TICKET_ID] = g_param_spec_string ("ticket-id", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, OKC_TYPE_OUTBOX_STATE,
                                              OKC_OUTBOX_STATE_PENDING, flags);
  properties[PROP_ATTEMPTS] = g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_NEXT_ATTEMPT_AT] = g_param_spec_int64 ("next-attempt-at", NULL, NULL, 0,
                                                         G_MAXINT64, 0, flags);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_outbox_action_init (OkcOutboxAction *self)
{
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * okc_outbox_action_new:
 * @kind: the audit action it performs ("charger.command", "refund.create", …)
 * @method: "POST", "PUT", …
 * @path: the escaped path ("/v1/refunds")
 * @body: (nullable): the JSON body; copied
 * @ticket_id: (nullable): the ticket it is done for
 * @summary: what the agent sees
 *
 * Returns: (transfer full): a pending action with a new idempotency key.
 */
OkcOutboxAction *
okc_outbox_action_new (const char *kind,
                       const char *method,
                       const char *path,
                       JsonNode   *body,
                       const char *ticket_id,
                       const char *summary)
{
  OkcOutboxAction *self;

  g_return_val_if_fail (kind != NULL && method != NULL && path != NULL && summary != NULL, NULL);

  self = g_object_new (OKC_TYPE_OUTBOX_ACTION, NULL);
  self->key = g_uuid_string_random ();
  self->kind = g_strdup (kind);
  self->method = g_strdup (method);
  self->path = g_strdup (path);
  self->body = body != NULL ? json_node_copy (body) : NULL;
  self->ticket_id = g_strdup (ticket_id);
  self->summary = g_strdup (summary);
  self->created_at = now_seconds ();
  self->state = OKC_OUTBOX_STATE_PENDING;
  return self;
}

const char *
okc_outbox_action_get_key (OkcOutboxAction *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (self), NULL);
  return self->key;
}

const char *
okc_outbox_action_get_kind (OkcOutboxAction *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (self), NULL);
  return self->kind;
}

const char *
okc_outbox_action_get_method (OkcOutboxAction *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (self), NULL);
  return self->method;
}

const char *
okc_outbox_action_get_path (OkcOutboxAction *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (self), NULL);
  return self->path;
}

/**
 * okc_outbox_action_get_body:
 *
 * Returns: (transfer none) (nullable): the body sent
 */
JsonNode *
okc_outbox_action_get_body (OkcOutboxAction *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (self), NULL);
  return self->body;
}

const char *
okc_outbox_action_get_ticket_id (OkcOutboxAction *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (self), NULL);
  return self->ticket_id;
}

const char *
okc_outbox_action_get_summary (OkcOutboxAction *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (self), NULL);
  return self->summary;
}

gint64
okc_outbox_action_get_created_at (OkcOutboxAction *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (self), 0);
  return self->created_at;
}

OkcOutboxState
okc_outbox_action_get_state (OkcOutboxAction *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (self), OKC_OUTBOX_STATE_PENDING);
  return self->state;
}

guint
okc_outbox_action_get_attempts (OkcOutboxAction *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (self), 0);
  return self->attempts;
}

gint64
okc_outbox_action_get_next_attempt_at (OkcOutboxAction *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (self), 0);
  return self->next_attempt_at;
}

/**
 * okc_outbox_action_get_error:
 *
 * Returns: (transfer none) (nullable): the last attempt's error. After a restart it is
 *   the stored sentence, in the %G_IO_ERROR domain.
 */
const GError *
okc_outbox_action_get_error (OkcOutboxAction *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (self), NULL);
  return self->error;
}

/**
 * okc_outbox_action_get_response:
 *
 * Returns: (transfer none) (nullable): the answer of a done action
 */
JsonNode *
okc_outbox_action_get_response (OkcOutboxAction *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (self), NULL);
  return self->response;
}

/* The status of the last answer: a done action's 2xx, a failed one's refusal, 0 when no
 * answer came. */
guint
okc_outbox_action_get_http_status (OkcOutboxAction *self)
{
  g_return_val_if_fail (OKC_IS_OUTBOX_ACTION (self), 0);
  return self->http_status;
}

/* Private -------------------------------------------------------------------------- */

OkcStoreOutboxRow *
okc_outbox_action_to_row (OkcOutboxAction *self)
{
  OkcStoreOutboxRow *row = g_new0 (OkcStoreOutboxRow, 1);

  row->key = g_strdup (self->key);
  row->kind = g_strdup (self->kind);
  row->method = g_strdup (self->method);
  row->path = g_strdup (self->path);
  row->body = self->body != NULL ? okc_json_to_string (self->body) : NULL;
  row->ticket_id = g_strdup (self->ticket_id);
  row->summary = g_strdup (self->summary);
  row->created_at = self->created_at;
  row->state = g_strdup (okc_enum_to_nick (OKC_TYPE_OUTBOX_STATE, self->state));
  row->attempts = self->attempts;
  row->next_attempt_at = self->next_attempt_at;
  row->last_error = self->error != NULL ? g_strdup (self->error->message) : NULL;
  row->http_status = self->http_status;
  row->response = self->response != NULL ? okc_json_to_string (self->response) : NULL;
  row->finished_at = self->finished_at;
  return row;
}

static gboolean
parse_json_column (const char  *text,
                   const char  *column,
                   JsonNode   **out_node,
                   GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) cause = NULL;

  *out_node = NULL;
  if (text == NULL)
    return TRUE;
  bytes = g_bytes_new (text, strlen (text));
  *out_node = okc_json_parse_bytes (bytes, &cause);
  if (*out_node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The stored action’s %s is not JSON: %s"), column, cause->message);
      return FALSE;
    }
  return TRUE;
}

OkcOutboxAction *
okc_outbox_action_new_from_row (const OkcStoreOutboxRow  *row,
                                GError                  **error)
{
  g_autoptr(OkcOutboxAction) self = NULL;
  int state;

  if (!okc_enum_from_nick (OKC_TYPE_OUTBOX_STATE, row->state, &state))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The stored action %s has an unknown state “%s”"), row->key, row->state);
      return NULL;
    }

  self = g_object_new (OKC_TYPE_OUTBOX_ACTION, NULL);
  if (!parse_json_column (row->body, "body", &self->body, error) ||
      !parse_json_column (row->response, "response", &self->response, error))
    return NULL;
  self->key = g_strdup (row->key);
  self->kind = g_strdup (row->kind);
  self->method = g_strdup (row->method);
  self->path = g_strdup (row->path);
  self->ticket_id = g_strdup (row->ticket_id);
  self->summary = g_strdup (row->summary);
  self->created_at = row->created_at;
  self->state = state;
  self->attempts = row->attempts;
  self->next_attempt_at = row->next_attempt_at;
  if (row->last_error != NULL)
    self->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, row->last_error);
  self->http_status = row->http_status;
  self->finished_at = row->finished_at;
  return g_steal_pointer (&self);
}

static void
set_state (OkcOutboxAction *self,
           OkcOutboxState   state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (OkcOutboxAction *self,
           const GError    *error)
{
  g_clear_error (&self->error);
  self->error = error != NULL ? g_error_copy (error) : NULL;
  if (error != NULL && error->domain == OKC_CLIENT_ERROR)
    self->http_status = okc_client_error_get_http_status (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_next_attempt_at (OkcOutboxAction *self,
                     gint64           next_attempt_at)
{
  if (self->next_attempt_at == next_attempt_at)
    return;
  self->next_attempt_at = next_attempt_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_ATTEMPT_AT]);
}

void
okc_outbox_action_set_sending (OkcOutboxAction *self)
{
  set_state (self, OKC_OUTBOX_STATE_SENDING);
}

void
okc_outbox_action_set_pending (OkcOutboxAction *self,
                               gint64           next_attempt_at,
                               gboolean         counts,
                               const GError    *error)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (counts)
    {
      self->attempts++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
      set_error (self, error);
    }
  set_next_attempt_at (self, next_attempt_at);
  set_state (self, OKC_OUTBOX_STATE_PENDING);
  g_object_thaw_notify (G_OBJECT (self));
}

void
okc_outbox_action_set_done (OkcOutboxAction *self,
                            guint            http_status,
                            JsonNode        *response,
                            gint64           finished_at)
{
  g_object_freeze_notify (G_OBJECT (self));
  self->attempts++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
  set_error (self, NULL);
  self->http_status = http_status;
  g_clear_pointer (&self->response, json_node_unref);
  self->response = json_node_ref (response);
  self->finished_at = finished_at;
  set_next_attempt_at (self, 0);
  set_state (self, OKC_OUTBOX_STATE_DONE);
  g_object_thaw_notify (G_OBJECT (self));
}

void
okc_outbox_action_set_failed (OkcOutboxAction *self,
                              const GError    *error,
                              gint64           finished_at)
{
  g_object_freeze_notify (G_OBJECT (self));
  self->attempts++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
  set_error (self, error);
  self->finished_at = finished_at;
  set_next_attempt_at (self, 0);
  set_state (self, OKC_OUTBOX_STATE_FAILED);
  g_object_thaw_notify (G_OBJECT (self));
}

void
okc_outbox_action_reschedule (OkcOutboxAction *self,
                              gint64           when)
{
  if (self->state == OKC_OUTBOX_STATE_PENDING)
    set_next_attempt_at (self, when);
}
