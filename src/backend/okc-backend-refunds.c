/* okc-backend-refunds.c — refunds of sessions: what is still refundable, recording one
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-refunds.h"

#include "okc-backend-audit.h"
#include "okc-backend-events.h"
#include "okc-backend-tickets.h"
#include "okc-backend-timeline.h"

#define THRESHOLD_KEY "okc-refund-approval-threshold"
#define REFUND_SELECT                                                                        \
  "SELECT r.seq, r.session_id, r.ticket_id, r.amount, r.currency, r.reason, r.note, "         \
  "r.finding_kind, r.status, r.requested_by, u.name, r.requested_at FROM refunds r "          \
  "LEFT JOIN users u ON u.id = r.requested_by "

/* What a session billed, and what of it is already given back or on its way. */
typedef struct
{
  OkcMoney total;
  gint64 refunded;
} SessionMoney;

G_DEFINE_QUARK (okc-backend-refund-error-quark, okc_backend_refund_error)

/* The threshold lives with the database the server answers from, as the event history
 * does: the command line sets it once, every request reads it. */
void
okc_backend_refunds_set_threshold (OkcBackendDb *db,
                                   gint64        amount)
{
  g_return_if_fail (OKC_IS_BACKEND_DB (db));
  g_return_if_fail (amount >= 0);

  g_object_set_data_full (G_OBJECT (db), THRESHOLD_KEY, g_memdup2 (&amount, sizeof amount),
                          g_free);
}

void
okc_backend_refunds_get_threshold (OkcBackendDb *db,
                                   OkcMoney     *out)
{
  const gint64 *amount;

  g_return_if_fail (OKC_IS_BACKEND_DB (db));

  amount = g_object_get_data (G_OBJECT (db), THRESHOLD_KEY);
  okc_money_init (out, amount != NULL ? *amount : OKC_BACKEND_REFUNDS_DEFAULT_THRESHOLD, "USD");
}

char *
okc_backend_refund_id_for_seq (gint64 seq)
{
  return g_strdup_printf ("RFD-%06" G_GINT64_FORMAT, seq);
}

/* FALSE without an error: no such session. */
static gboolean
load_session_money (OkcBackendDb  *db,
                    const char    *session_id,
                    SessionMoney  *out,
                    GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT s.total, s.currency, (SELECT COALESCE (SUM (r.amount), 0) FROM refunds r "
    "WHERE r.session_id = s.id AND r.status NOT IN ('rejected', 'failed')) "
    "FROM sessions s WHERE s.id = ?",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, session_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        return okc_backend_db_set_error (db, error);
      return FALSE;
    }
  if (!okc_money_init (&out->total, sqlite3_column_int64 (stmt, 0),
                       okc_backend_stmt_get_text (stmt, 1)))
    {
      g_set_error (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE,
                   "session %s has a bad currency", session_id);
      return FALSE;
    }
  out->refunded = sqlite3_column_int64 (stmt, 2);
  return TRUE;
}

static gint64
session_refundable (const SessionMoney *money)
{
  return MAX (money->total.amount - money->refunded, 0);
}

/* The session's currency, more than zero, no more than is left: the refund's amount is
 * checked here, in the transaction that records it, so that two at once cannot together
 * give back more than was billed. */
static gboolean
check_amount (const OkcMoney      *amount,
              const SessionMoney  *money,
              GError             **error)
{
  OkcMoney left = money->total;
  g_autofree char *left_text = NULL;

  left.amount = session_refundable (money);
  left_text = okc_money_format (&left);
  if (amount->amount <= 0)
    okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "amount", "must be more than zero");
  else if (g_strcmp0 (amount->currency, money->total.currency) != 0)
    okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "amount",
                        "is in %s, but the session was billed in %s", amount->currency,
                        money->total.currency);
  else if (amount->amount > left.amount)
    {
      g_autofree char *asked = okc_money_format (amount);

      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "amount",
                          "%s is more than the %s still refundable on this session", asked,
                          left_text);
    }
  else
    return TRUE;
  return FALSE;
}

/* The ticket's row number; FALSE with an OKC_DATA_ERROR naming ticket_id when unknown. */
static gboolean
load_ticket_seq (OkcBackendDb  *db,
                 const char    *ticket_id,
                 gint64        *out_seq,
                 GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, "SELECT seq FROM tickets WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, ticket_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_UNKNOWN, "ticket_id", "there is no ticket “%s”",
                          ticket_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  *out_seq = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gint64
insert_refund (OkcBackendDb     *db,
               OkcRefund        *request,
               OkcRefundStatus   status,
               OkcUser          *actor,
               gint64            now,
               GError          **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "INSERT INTO refunds (session_id, ticket_id, amount, currency, reason, note, finding_kind, "
    "status, requested_by, requested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);
  int finding_kind = okc_refund_get_finding_kind (request);
  const char *note = okc_refund_get_note (request);
  OkcMoney amount;

  if (stmt == NULL)
    return 0;
  okc_refund_get_amount (request, &amount);
  okc_backend_stmt_bind_text (stmt, 1, okc_refund_get_session_id (request));
  okc_backend_stmt_bind_text (stmt, 2, okc_refund_get_ticket_id (request));
  okc_backend_stmt_bind_int64 (stmt, 3, amount.amount);
  okc_backend_stmt_bind_text (stmt, 4, amount.currency);
  okc_backend_stmt_bind_text (stmt, 5,
                              okc_enum_to_nick (OKC_TYPE_REFUND_REASON,
                                                okc_refund_get_reason (request)));
  okc_backend_stmt_bind_text (stmt, 6, note != NULL ? note : "");
  okc_backend_stmt_bind_text (stmt, 7,
                              finding_kind >= 0
                                ? okc_enum_to_nick (OKC_TYPE_FINDING_KIND, finding_kind)
                                : NULL);
  okc_backend_stmt_bind_text (stmt, 8, okc_enum_to_nick (OKC_TYPE_REFUND_STATUS, status));
  okc_backend_stmt_bind_text (stmt, 9, okc_user_get_id (actor));
  okc_backend_stmt_bind_int64 (stmt, 10, now);
  okc_backend_stmt_bind_int64 (stmt, 11, now);
  if (!okc_backend_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (okc_backend_db_get_handle (db));
}

/* A row of REFUND_SELECT; NULL with @error when the row holds what no refund can. */
static OkcRefund *
refund_from_row (OkcBackendStmt  *stmt,
                 GError         **error)
{
  g_autofree char *id = okc_backend_refund_id_for_seq (sqlite3_column_int64 (stmt, 0));
  const char *kind_nick = okc_backend_stmt_get_text (stmt, 7);
  int reason = 0, status = 0, finding_kind = -1;
  OkcRefund *refund;
  OkcMoney amount;

  if (!okc_money_init (&amount, sqlite3_column_int64 (stmt, 3),
                       okc_backend_stmt_get_text (stmt, 4)) ||
      !okc_enum_from_nick (OKC_TYPE_REFUND_REASON, okc_backend_stmt_get_text (stmt, 5),
                           &reason) ||
      !okc_enum_from_nick (OKC_TYPE_REFUND_STATUS, okc_backend_stmt_get_text (stmt, 8),
                           &status) ||
      (kind_nick != NULL && !okc_enum_from_nick (OKC_TYPE_FINDING_KIND, kind_nick,
                                                 &finding_kind)))
    {
      g_set_error (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE,
                   "refund %s is damaged in the database", id);
      return NULL;
    }
  refund = okc_refund_new (okc_backend_stmt_get_text (stmt, 1), &amount, reason,
                           okc_backend_stmt_get_text (stmt, 6),
                           okc_backend_stmt_get_text (stmt, 2), finding_kind);
  okc_refund_set_recorded (refund, id, status, okc_backend_stmt_get_text (stmt, 9),
                           okc_backend_stmt_get_text (stmt, 10) != NULL
                             ? okc_backend_stmt_get_text (stmt, 10)
                             : okc_backend_stmt_get_text (stmt, 9),
                           sqlite3_column_int64 (stmt, 11));
  return refund;
}

static OkcRefund *
load_refund (OkcBackendDb  *db,
             gint64         seq,
             GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, REFUND_SELECT "WHERE r.seq = ?", error);

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_int64 (stmt, 1, seq);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  return refund_from_row (stmt, error);
}

/* "Refund RFD-000001 of $2.16 for SES-0000042 (Mischarge): refunded" */
static char *
describe (OkcRefund *refund)
{
  g_autofree char *amount_text = NULL;
  OkcMoney amount;

  okc_refund_get_amount (refund, &amount);
  amount_text = okc_money_format (&amount);
  return g_strdup_printf ("Refund %s of %s for %s (%s): %s", okc_refund_get_id (refund),
                          amount_text, okc_refund_get_session_id (refund),
                          okc_refund_reason_get_label (okc_refund_get_reason (refund)),
                          okc_refund_get_status (refund) == OKC_REFUND_STATUS_SUCCEEDED
                            ? "refunded"
                            : "waiting for a supervisor");
}

/* The refund in the ticket's timeline, as a note by whoever asked for it; the ticket
 * moves on a version and reaches the other consoles' streams. */
static gboolean
note_on_ticket (OkcBackendDb  *db,
                gint64         ticket_seq,
                OkcRefund     *refund,
                gint64         now,
                GError       **error)
{
  g_autofree char *text = describe (refund);
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(JsonNode) ticket = NULL;
  const char *ticket_id = okc_refund_get_ticket_id (refund);

  if (!okc_backend_timeline_append (db, ticket_seq, "note", now,
                                    okc_refund_get_requested_by_id (refund), text, NULL, NULL,
                                    NULL, error))
    return FALSE;
  stmt = okc_backend_db_prepare (db,
                                 "UPDATE tickets SET updated_at = ?, version = version + 1 "
                                 "WHERE seq = ?",
                                 error);
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_int64 (stmt, 1, now);
  okc_backend_stmt_bind_int64 (stmt, 2, ticket_seq);
  if (!okc_backend_db_step_done (db, stmt, error))
    return FALSE;
  ticket = okc_backend_tickets_load (db, ticket_id, error);
  if (ticket == NULL)
    return FALSE;
  return okc_backend_events_record (db, "ticket.updated", ticket_id, ticket, now, error);
}

static JsonNode *
refundable_node (const SessionMoney *money,
                 gint64              refunded_more)
{
  OkcMoney left = money->total;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) left_node = NULL;

  left.amount = MAX (money->total.amount - money->refunded - refunded_more, 0);
  left_node = okc_money_to_json (&left);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "refundable");
  json_builder_add_value (builder, g_steal_pointer (&left_node));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* docs/actions.md "The audit trail": refund.create, on the refund, null → the Refund. */
static gboolean
audit (OkcBackendDb        *db,
       OkcRefund           *refund,
       gint64               now,
       GError             **error)
{
  g_autoptr(JsonNode) after = okc_refund_to_json (refund);

  return okc_backend_audit_record (db, now, okc_refund_get_requested_by_id (refund),
                                   "refund.create", "refund", okc_refund_get_id (refund),
                                   okc_refund_get_ticket_id (refund), NULL, after, error);
}

static OkcRefund *
create_in_transaction (OkcBackendDb  *db,
                       OkcRefund     *request,
                       OkcUser       *actor,
                       gint64         now,
                       GError       **error)
{
  const char *session_id = okc_refund_get_session_id (request);
  const char *ticket_id = okc_refund_get_ticket_id (request);
  g_autoptr(OkcRefund) refund = NULL;
  SessionMoney money = { 0 };
  OkcMoney amount, threshold;
  OkcRefundStatus status;
  gint64 ticket_seq = 0, seq;

  if (!load_session_money (db, session_id, &money, error))
    {
      if (*error == NULL)
        g_set_error (error, OKC_BACKEND_REFUND_ERROR, OKC_BACKEND_REFUND_ERROR_NO_SESSION,
                     "No session “%s”", session_id);
      return NULL;
    }
  okc_refund_get_amount (request, &amount);
  if (!check_amount (&amount, &money, error) ||
      (ticket_id != NULL && !load_ticket_seq (db, ticket_id, &ticket_seq, error)))
    return NULL;

  /* The threshold is in USD; a refund in another currency always waits for a person. */
  okc_backend_refunds_get_threshold (db, &threshold);
  status = g_str_equal (amount.currency, threshold.currency) && amount.amount <= threshold.amount
             ? OKC_REFUND_STATUS_SUCCEEDED
             : OKC_REFUND_STATUS_PENDING_APPROVAL;
  seq = insert_refund (db, request, status, actor, now, error);
  if (seq == 0)
    return NULL;
  refund = load_refund (db, seq, error);
  if (refund == NULL || !audit (db, refund, now, error) ||
      (ticket_id != NULL && !note_on_ticket (db, ticket_seq, refund, now, error)))
    return NULL;
  return g_steal_pointer (&refund);
}

/**
 * okc_backend_refunds_create:
 * @request: the refund asked for (okc_refund_new_from_request())
 * @actor: who asks
 *
 * In one transaction: checks the amount against what is still refundable, records the
 * refund (succeeded up to the approval threshold, else pending approval), its audit record
 * and, on a ticket, its note and the ticket's event.
 *
 * Returns: (transfer full): the refund as recorded; else an #OKC_BACKEND_REFUND_ERROR,
 *   an #OKC_DATA_ERROR naming `amount` or `ticket_id`, or a database error.
 */
OkcRefund *
okc_backend_refunds_create (OkcBackendDb  *db,
                            OkcRefund     *request,
                            OkcUser       *actor,
                            gint64         now,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(OkcRefund) refund = NULL;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), NULL);
  g_return_val_if_fail (OKC_IS_REFUND (request), NULL);
  g_return_val_if_fail (OKC_IS_USER (actor), NULL);

  if (!okc_backend_db_begin (db, error))
    return NULL;
  refund = create_in_transaction (db, request, actor, now, &local_error);
  if (refund == NULL || !okc_backend_db_commit (db, &local_error))
    {
      okc_backend_db_rollback (db);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&refund);
}

static JsonNode *
list_items (OkcBackendDb  *db,
            const char    *session_id,
            GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, REFUND_SELECT "WHERE r.session_id = ? ORDER BY r.seq", error);
  g_autoptr(JsonArray) items = json_array_new ();
  JsonNode *node;
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(OkcRefund) refund = refund_from_row (stmt, error);

      if (refund == NULL)
        return NULL;
      json_array_add_element (items, okc_refund_to_json (refund));
    }
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, items);
  return node;
}

/**
 * okc_backend_refunds_list:
 *
 * Returns: (transfer full) (nullable): `{items, refundable}` of GET
 *   /v1/sessions/{id}/refunds; NULL without @error set when there is no such session.
 */
JsonNode *
okc_backend_refunds_list (OkcBackendDb  *db,
                          const char    *session_id,
                          GError       **error)
{
  g_autoptr(JsonNode) items = NULL;
  SessionMoney money = { 0 };
  JsonNode *root;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), NULL);
  g_return_val_if_fail (session_id != NULL, NULL);

  if (!load_session_money (db, session_id, &money, error))
    return NULL;
  items = list_items (db, session_id, error);
  if (items == NULL)
    return NULL;
  root = refundable_node (&money, 0);
  json_object_set_member (json_node_get_object (root), "items", g_steal_pointer (&items));
  return root;
}
