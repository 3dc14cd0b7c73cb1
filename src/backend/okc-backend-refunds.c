/* okc-backend-refunds.c — refunds of sessions: what is still refundable, recording one, its
 * four-eyes review, the simulated payment processor and the ticket's side of each change
 * (docs/actions.md, "Refunds and their review")
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-refunds.h"

#include <string.h>

#include "okc-backend-audit.h"
#include "okc-backend-events.h"
#include "okc-backend-sessions.h"
#include "okc-backend-ticket-workflow.h"
#include "okc-backend-tickets.h"

#define THRESHOLD_KEY "okc-refund-approval-threshold"
#define SETTLE_SECONDS_KEY "okc-refund-settle-seconds"
#define SETTLEMENTS_KEY "okc-refund-settlements"
#define REFUND_SELECT                                                                        \
  "SELECT r.seq, r.session_id, r.ticket_id, r.amount, r.currency, r.reason, r.note, "         \
  "r.finding_kind, r.status, r.requested_by, u.name, r.requested_at, r.lines, "              \
  "r.reviewed_by, v.name, r.reviewed_at, r.review_comment, r.failure_reason, r.settled_at "  \
  "FROM refunds r LEFT JOIN users u ON u.id = r.requested_by "                               \
  "LEFT JOIN users v ON v.id = r.reviewed_by "

#define NO_CARD_REASON "The card on the account was removed, so there is nothing to refund to."

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

/* FALSE with an OKC_DATA_ERROR naming ticket_id when there is no such ticket. */
static gboolean
check_ticket (OkcBackendDb  *db,
              const char    *ticket_id,
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
  return TRUE;
}

/* A refund by lines names lines the session billed and adds up to them. */
static gboolean
check_lines (OkcBackendDb  *db,
             OkcRefund     *request,
             GError       **error)
{
  g_autoptr(OkcChargingSession) session = NULL;
  OkcCostBreakdown *billed;
  guint n_lines;

  okc_refund_get_lines (request, &n_lines);
  if (n_lines == 0)
    return TRUE;
  session = okc_backend_sessions_load (db, okc_refund_get_session_id (request), TRUE, error);
  if (session == NULL)
    return FALSE;
  billed = okc_charging_session_get_billed (session);
  if (billed == NULL)
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, "lines",
                          "the session has no billed lines to refund");
      return FALSE;
    }
  return okc_refund_check_lines (request, billed, error);
}

static char *
lines_to_text (OkcRefund *refund)
{
  guint n_lines;
  const guint *lines = okc_refund_get_lines (refund, &n_lines);
  GString *text = g_string_new ("[");

  for (guint i = 0; i < n_lines; i++)
    g_string_append_printf (text, "%s%u", i > 0 ? "," : "", lines[i]);
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
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
    "status, requested_by, requested_at, updated_at, lines) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);
  int finding_kind = okc_refund_get_finding_kind (request);
  const char *note = okc_refund_get_note (request);
  g_autofree char *lines = lines_to_text (request);
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
  okc_backend_stmt_bind_text (stmt, 12, lines);
  if (!okc_backend_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (okc_backend_db_get_handle (db));
}

/* The stored `lines`, a JSON array of indexes the backend wrote itself. */
static gboolean
lines_from_text (const char *text,
                 GArray     *out)
{
  g_autoptr(JsonNode) node = text != NULL ? json_from_string (text, NULL) : NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gint64 index = json_array_get_int_element (array, i);

      if (index < 0 || index >= G_MAXINT)
        return FALSE;
      g_array_append_vals (out, &(guint) { (guint) index }, 1);
    }
  return TRUE;
}

/* The review and settlement columns of a REFUND_SELECT row. */
static void
outcome_from_row (OkcBackendStmt *stmt,
                  OkcRefund      *refund)
{
  const char *reviewer_id = okc_backend_stmt_get_text (stmt, 13);
  const char *reviewer_name = okc_backend_stmt_get_text (stmt, 14);
  const char *comment = okc_backend_stmt_get_text (stmt, 16);
  OkcRefundStatus status = okc_refund_get_status (refund);

  if (reviewer_id != NULL)
    okc_refund_set_review (refund, status, reviewer_id,
                           reviewer_name != NULL ? reviewer_name : reviewer_id,
                           sqlite3_column_int64 (stmt, 15), comment != NULL ? comment : "");
  if (sqlite3_column_type (stmt, 18) != SQLITE_NULL)
    okc_refund_set_settlement (refund, status,
                               status == OKC_REFUND_STATUS_FAILED
                                 ? okc_backend_stmt_get_text (stmt, 17)
                                 : NULL,
                               sqlite3_column_int64 (stmt, 18));
}

/* A row of REFUND_SELECT; NULL with @error when the row holds what no refund can. */
static OkcRefund *
refund_from_row (OkcBackendStmt  *stmt,
                 GError         **error)
{
  g_autofree char *id = okc_backend_refund_id_for_seq (sqlite3_column_int64 (stmt, 0));
  const char *kind_nick = okc_backend_stmt_get_text (stmt, 7);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
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
                                                 &finding_kind)) ||
      !lines_from_text (okc_backend_stmt_get_text (stmt, 12), lines) ||
      (status == OKC_REFUND_STATUS_FAILED && okc_backend_stmt_get_text (stmt, 17) == NULL))
    {
      g_set_error (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE,
                   "refund %s is damaged in the database", id);
      return NULL;
    }
  refund = okc_refund_new (okc_backend_stmt_get_text (stmt, 1), &amount, reason,
                           okc_backend_stmt_get_text (stmt, 6),
                           okc_backend_stmt_get_text (stmt, 2), finding_kind);
  okc_refund_set_lines (refund, (const guint *) lines->data, lines->len);
  okc_refund_set_recorded (refund, id, status, okc_backend_stmt_get_text (stmt, 9),
                           okc_backend_stmt_get_text (stmt, 10) != NULL
                             ? okc_backend_stmt_get_text (stmt, 10)
                             : okc_backend_stmt_get_text (stmt, 9),
                           sqlite3_column_int64 (stmt, 11));
  outcome_from_row (stmt, refund);
  return refund;
}

/* NULL without an error: no such refund. */
static OkcRefund *
load_refund (OkcBackendDb  *db,
             gint64         seq,
             GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, REFUND_SELECT "WHERE r.seq = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_int64 (stmt, 1, seq);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        okc_backend_db_set_error (db, error);
      return NULL;
    }
  return refund_from_row (stmt, error);
}

/* "RFD-000001" → 1; 0 for what no refund is called. */
static gint64
seq_for_id (const char *id)
{
  guint64 seq = 0;

  if (!g_str_has_prefix (id, "RFD-") || strlen (id) < 10 ||
      strspn (id + 4, "0123456789") != strlen (id + 4) ||
      !g_ascii_string_to_unsigned (id + 4, 10, 1, G_MAXINT64, &seq, NULL))
    return 0;
  return (gint64) seq;
}

/* "Refund RFD-000001 of $2.16 for SES-0000042" */
static char *
describe (OkcRefund *refund)
{
  g_autofree char *amount_text = NULL;
  OkcMoney amount;

  okc_refund_get_amount (refund, &amount);
  amount_text = okc_money_format (&amount);
  return g_strdup_printf ("Refund %s of %s for %s", okc_refund_get_id (refund), amount_text,
                          okc_refund_get_session_id (refund));
}

/* Whether another refund of the ticket still waits for a supervisor. */
static gboolean
ticket_has_pending (OkcBackendDb  *db,
                    const char    *ticket_id,
                    gboolean      *out,
                    GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "SELECT EXISTS (SELECT 1 FROM refunds WHERE ticket_id = ? AND status = "
        "'pending_approval')", error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, ticket_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  *out = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

static gboolean
ticket_status_is (OkcBackendDb     *db,
                  const char       *ticket_id,
                  OkcTicketStatus   status,
                  gboolean         *out,
                  GError          **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, "SELECT status FROM tickets WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, ticket_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  *out = g_strcmp0 (okc_backend_stmt_get_text (stmt, 0),
                    okc_enum_to_nick (OKC_TYPE_TICKET_STATUS, status)) == 0;
  return TRUE;
}

/* A note or reply on the refund's ticket, with its status change, by the ticket workflow:
 * timeline, version, SLA and the ticket's event, all in the caller's transaction. */
static gboolean
write_on_ticket (OkcBackendDb   *db,
                 OkcRefund      *refund,
                 const char     *entry_kind,
                 char           *text,
                 int             status,
                 const char     *actor_id,
                 gint64          now,
                 GError        **error)
{
  g_auto(OkcBackendTicketChange) change = { 0 };

  change.entry_kind = entry_kind;
  change.text = text;
  change.has_status = status >= 0;
  change.status = MAX (status, 0);
  return okc_backend_ticket_workflow_apply_within (db, okc_refund_get_ticket_id (refund),
                                                   &change, actor_id, now, error);
}

/* After a review, the ticket goes back to open, unless it moved on meanwhile or another of
 * its refunds still waits. */
static gboolean
status_after_review (OkcBackendDb  *db,
                     const char    *ticket_id,
                     int           *out_status,
                     GError       **error)
{
  gboolean waiting = FALSE, other_pending = FALSE;

  if (!ticket_status_is (db, ticket_id, OKC_TICKET_STATUS_WAITING_APPROVAL, &waiting, error) ||
      !ticket_has_pending (db, ticket_id, &other_pending, error))
    return FALSE;
  *out_status = waiting && !other_pending ? OKC_TICKET_STATUS_OPEN : -1;
  return TRUE;
}

static JsonNode *
refund_event_data (OkcRefund *refund)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (object, "refund", okc_refund_to_json (refund));
  json_node_take_object (node, object);
  return node;
}

/* Every change of status reaches the consoles' streams, in the change's own transaction. */
static gboolean
record_event (OkcBackendDb  *db,
              OkcRefund     *refund,
              gint64         now,
              GError       **error)
{
  g_autoptr(JsonNode) data = refund_event_data (refund);

  return okc_backend_events_record (db, "refund.updated", okc_refund_get_ticket_id (refund),
                                    data, now, error);
}

static gboolean
audit (OkcBackendDb  *db,
       OkcRefund     *refund,
       const char    *actor_id,
       const char    *action,
       JsonNode      *before,
       JsonNode      *after,
       gint64         now,
       GError       **error)
{
  return okc_backend_audit_record (db, now, actor_id, action, "refund",
                                   okc_refund_get_id (refund), okc_refund_get_ticket_id (refund),
                                   before, after, error);
}

/* The note a new refund leaves on its ticket, and where the ticket goes. */
static gboolean
note_request (OkcBackendDb  *db,
              OkcRefund     *refund,
              gint64         now,
              GError       **error)
{
  g_autofree char *what = describe (refund);
  gboolean pending = okc_refund_get_status (refund) == OKC_REFUND_STATUS_PENDING_APPROVAL;
  char *text = g_strdup_printf ("%s requested by %s, %s", what,
                                okc_refund_get_requested_by_name (refund),
                                pending ? "waiting for a supervisor's approval"
                                        : "within the approval threshold: processing");

  return write_on_ticket (db, refund, "note", text,
                          pending ? OKC_TICKET_STATUS_WAITING_APPROVAL : -1,
                          okc_refund_get_requested_by_id (refund), now, error);
}

/**
 * okc_backend_refunds_create_within:
 *
 * okc_backend_refunds_create() in a transaction the caller holds (the demo generator's),
 * without handing a processing refund to the payment processor: the caller does, or the
 * next start-up settles it.
 */
OkcRefund *
okc_backend_refunds_create_within (OkcBackendDb  *db,
                                   OkcRefund     *request,
                                   OkcUser       *actor,
                                   gint64         now,
                                   GError       **error)
{
  const char *session_id = okc_refund_get_session_id (request);
  const char *ticket_id = okc_refund_get_ticket_id (request);
  g_autoptr(OkcRefund) refund = NULL;
  g_autoptr(JsonNode) after = NULL;
  SessionMoney money = { 0 };
  OkcMoney amount, threshold;
  g_autoptr(GError) local_error = NULL;
  OkcRefundStatus status;
  gint64 seq;

  if (!load_session_money (db, session_id, &money, &local_error))
    {
      if (local_error == NULL)
        g_set_error (&local_error, OKC_BACKEND_REFUND_ERROR, OKC_BACKEND_REFUND_ERROR_NO_SESSION,
                     "No session “%s”", session_id);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  okc_refund_get_amount (request, &amount);
  if (!check_amount (&amount, &money, error) || !check_lines (db, request, error) ||
      (ticket_id != NULL && !check_ticket (db, ticket_id, error)))
    return NULL;

  /* The threshold is in USD; a refund in another currency always waits for a person. */
  okc_backend_refunds_get_threshold (db, &threshold);
  status = g_str_equal (amount.currency, threshold.currency) && amount.amount <= threshold.amount
             ? OKC_REFUND_STATUS_PROCESSING
             : OKC_REFUND_STATUS_PENDING_APPROVAL;
  seq = insert_refund (db, request, status, actor, now, error);
  if (seq == 0)
    return NULL;
  refund = load_refund (db, seq, error);
  if (refund == NULL)
    return NULL;
  after = okc_refund_to_json (refund);
  if (!audit (db, refund, okc_user_get_id (actor), "refund.create", NULL, after, now, error) ||
      !record_event (db, refund, now, error) ||
      (ticket_id != NULL && !note_request (db, refund, now, error)))
    return NULL;
  return g_steal_pointer (&refund);
}

/* Runs @body in a transaction; on any failure rolls back and returns NULL. */
typedef OkcRefund *(*InTransaction) (OkcBackendDb  *db,
                                     gpointer       data,
                                     GError       **error);

static OkcRefund *
run_in_transaction (OkcBackendDb   *db,
                    InTransaction   body,
                    gpointer        data,
                    GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(OkcRefund) refund = NULL;

  if (!okc_backend_db_begin (db, error))
    return NULL;
  refund = body (db, data, &local_error);
  if (refund == NULL || !okc_backend_db_commit (db, &local_error))
    {
      okc_backend_db_rollback (db);
      if (local_error == NULL)
        g_set_error (&local_error, OKC_BACKEND_REFUND_ERROR, OKC_BACKEND_REFUND_ERROR_NOT_FOUND,
                     "There is no such refund");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&refund);
}

typedef struct
{
  OkcRefund *request;
  OkcUser *actor;
  gint64 now;
} Create;

static OkcRefund *
create_body (OkcBackendDb  *db,
             gpointer       data,
             GError       **error)
{
  Create *create = data;

  return okc_backend_refunds_create_within (db, create->request, create->actor, create->now,
                                            error);
}

/**
 * okc_backend_refunds_create:
 * @request: the refund asked for (okc_refund_new_from_request())
 * @actor: who asks
 * @events: (nullable): the streams the settlement later tells
 *
 * In one transaction: checks the amount against what is still refundable and a refund by
 * lines against the session's billed lines, records the refund (processing up to the
 * approval threshold, else pending approval), its audit record, its event and, on a
 * ticket, its note (a pending one moves the ticket to waiting_approval). A processing
 * refund is then handed to the payment processor.
 *
 * Returns: (transfer full): the refund as recorded; else an #OKC_BACKEND_REFUND_ERROR,
 *   an #OKC_DATA_ERROR naming `amount`, `lines` or `ticket_id`, or a database error.
 */
OkcRefund *
okc_backend_refunds_create (OkcBackendDb      *db,
                            OkcRefund         *request,
                            OkcUser           *actor,
                            gint64             now,
                            OkcBackendEvents  *events,
                            GError           **error)
{
  Create create = { request, actor, now };
  OkcRefund *refund;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), NULL);
  g_return_val_if_fail (OKC_IS_REFUND (request), NULL);
  g_return_val_if_fail (OKC_IS_USER (actor), NULL);

  refund = run_in_transaction (db, create_body, &create, error);
  if (refund != NULL && okc_refund_get_status (refund) == OKC_REFUND_STATUS_PROCESSING)
    okc_backend_refunds_schedule_settlement (db, refund, events);
  return refund;
}

typedef struct
{
  const char *refund_id;
  gboolean approve;
  const char *comment;
  OkcUser *actor;
  gint64 now;
} Review;

/* "… is rejected (reviewed by Morgan Blake)" for the 409. */
static void
set_not_pending (OkcRefund  *refund,
                 GError    **error)
{
  const char *reviewer = okc_refund_get_reviewed_by_name (refund);
  const char *status = okc_enum_to_nick (OKC_TYPE_REFUND_STATUS, okc_refund_get_status (refund));

  if (reviewer != NULL)
    g_set_error (error, OKC_BACKEND_REFUND_ERROR, OKC_BACKEND_REFUND_ERROR_NOT_PENDING,
                 "Refund %s is %s: %s already reviewed it", okc_refund_get_id (refund), status,
                 reviewer);
  else
    g_set_error (error, OKC_BACKEND_REFUND_ERROR, OKC_BACKEND_REFUND_ERROR_NOT_PENDING,
                 "Refund %s is %s: it was within the approval threshold and needed no review",
                 okc_refund_get_id (refund), status);
}

static gboolean
store_review (OkcBackendDb   *db,
              gint64          seq,
              const Review   *review,
              GError        **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "UPDATE refunds SET status = ?, reviewed_by = ?, reviewed_at = ?, review_comment = ?, "
    "updated_at = ? WHERE seq = ? AND status = 'pending_approval'",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, review->approve ? "processing" : "rejected");
  okc_backend_stmt_bind_text (stmt, 2, okc_user_get_id (review->actor));
  okc_backend_stmt_bind_int64 (stmt, 3, review->now);
  okc_backend_stmt_bind_text (stmt, 4, review->comment);
  okc_backend_stmt_bind_int64 (stmt, 5, review->now);
  okc_backend_stmt_bind_int64 (stmt, 6, seq);
  return okc_backend_db_step_done (db, stmt, error);
}

static JsonNode *
status_node (OkcRefund *refund,
             gboolean   with_review,
             gboolean   with_failure)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  OkcMoney amount;

  /* The amount is not what changed, but a record that names it reads on its own
   * ("approved refund RFD-000012 ($84.20)"). */
  okc_refund_get_amount (refund, &amount);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "amount");
  json_builder_add_value (builder, okc_money_to_json (&amount));
  okc_json_builder_add_string (builder, "status",
                               okc_enum_to_nick (OKC_TYPE_REFUND_STATUS,
                                                 okc_refund_get_status (refund)));
  if (with_review)
    {
      json_builder_set_member_name (builder, "reviewed_by");
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "id", okc_refund_get_reviewed_by_id (refund));
      okc_json_builder_add_string (builder, "name", okc_refund_get_reviewed_by_name (refund));
      json_builder_end_object (builder);
      okc_json_builder_add_string (builder, "review_comment",
                                   okc_refund_get_review_comment (refund));
    }
  if (with_failure)
    okc_json_builder_add_string (builder, "failure_reason",
                                 okc_refund_get_failure_reason (refund));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* "Refund … approved by Morgan Blake: the idle fee was wrong" */
static gboolean
note_review (OkcBackendDb  *db,
             OkcRefund     *refund,
             const Review  *review,
             GError       **error)
{
  g_autofree char *what = describe (refund);
  int status = -1;
  char *text;

  if (!status_after_review (db, okc_refund_get_ticket_id (refund), &status, error))
    return FALSE;
  text = g_strdup_printf ("%s %s by %s%s%s", what, review->approve ? "approved" : "rejected",
                          okc_user_get_name (review->actor), *review->comment != '\0' ? ": " : "",
                          review->comment);
  return write_on_ticket (db, refund, "note", text, status, okc_user_get_id (review->actor),
                          review->now, error);
}

static OkcRefund *
review_body (OkcBackendDb  *db,
             gpointer       data,
             GError       **error)
{
  const Review *review = data;
  gint64 seq = seq_for_id (review->refund_id);
  g_autoptr(OkcRefund) before = NULL;
  g_autoptr(OkcRefund) after = NULL;
  g_autoptr(JsonNode) before_node = NULL;
  g_autoptr(JsonNode) after_node = NULL;

  if (seq == 0 || (before = load_refund (db, seq, error)) == NULL)
    return NULL;
  /* Four eyes: whoever asked for the money cannot also be the one who lets it go. */
  if (g_strcmp0 (okc_refund_get_requested_by_id (before), okc_user_get_id (review->actor)) == 0)
    {
      g_set_error (error, OKC_BACKEND_REFUND_ERROR, OKC_BACKEND_REFUND_ERROR_SELF_REVIEW,
                   "%s requested this refund; another supervisor must review it",
                   okc_user_get_name (review->actor));
      return NULL;
    }
  if (okc_refund_get_status (before) != OKC_REFUND_STATUS_PENDING_APPROVAL)
    {
      set_not_pending (before, error);
      return NULL;
    }
  if (!store_review (db, seq, review, error) || (after = load_refund (db, seq, error)) == NULL)
    return NULL;
  before_node = status_node (before, FALSE, FALSE);
  after_node = status_node (after, TRUE, FALSE);
  if (!audit (db, after, okc_user_get_id (review->actor),
              review->approve ? "refund.approve" : "refund.reject", before_node, after_node,
              review->now, error) ||
      !record_event (db, after, review->now, error) ||
      (okc_refund_get_ticket_id (after) != NULL && !note_review (db, after, review, error)))
    return NULL;
  return g_steal_pointer (&after);
}

/**
 * okc_backend_refunds_review:
 * @refund_id: "RFD-000001"
 * @approve: %TRUE to approve (the refund goes to processing), %FALSE to reject
 * @comment: the supervisor's comment; the caller checks a rejection has one
 * @actor: the supervisor
 * @events: (nullable): the streams the settlement later tells
 *
 * In one transaction: refuses a review by the refund's requester and of a refund that is
 * not pending approval; records the review, its audit record and event and, on a ticket,
 * the note and the ticket back to open. An approved refund goes to the payment processor.
 *
 * Returns: (transfer full): the refund as reviewed; else an #OKC_BACKEND_REFUND_ERROR or a
 *   database error.
 */
OkcRefund *
okc_backend_refunds_review (OkcBackendDb      *db,
                            const char        *refund_id,
                            gboolean           approve,
                            const char        *comment,
                            OkcUser           *actor,
                            gint64             now,
                            OkcBackendEvents  *events,
                            GError           **error)
{
  Review review = { refund_id, approve, comment, actor, now };
  OkcRefund *refund;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), NULL);
  g_return_val_if_fail (refund_id != NULL && comment != NULL, NULL);
  g_return_val_if_fail (OKC_IS_USER (actor), NULL);

  refund = run_in_transaction (db, review_body, &review, error);
  if (refund != NULL && approve)
    okc_backend_refunds_schedule_settlement (db, refund, events);
  return refund;
}

/* What the customer's card and the session's place say in the confirmation. */
typedef struct
{
  char *card_last4;      /* NULL: none on file */
  char *property_name;   /* NULL: the charger belongs to no property */
  char *timezone;
  gint64 started_at;
} SessionFacts;

static void
session_facts_clear (SessionFacts *facts)
{
  g_clear_pointer (&facts->card_last4, g_free);
  g_clear_pointer (&facts->property_name, g_free);
  g_clear_pointer (&facts->timezone, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SessionFacts, session_facts_clear)

static gboolean
load_session_facts (OkcBackendDb  *db,
                    const char    *session_id,
                    SessionFacts  *out,
                    GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    /* The money goes back to the account's default card; with none left on file (removed,
     * or the account deleted) the refund has nowhere to go. */
    "SELECT (SELECT k.last4 FROM cards k WHERE k.account_id = s.account_id "
    "        AND k.removed_at IS NULL ORDER BY k.is_default DESC, k.added_at, k.id LIMIT 1), "
    "p.name, p.timezone, s.started_at FROM sessions s "
    "JOIN chargers c ON c.id = s.charger_id "
    "LEFT JOIN properties p ON p.id = c.property_id WHERE s.id = ?",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, session_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  out->card_last4 = g_strdup (okc_backend_stmt_get_text (stmt, 0));
  out->property_name = g_strdup (okc_backend_stmt_get_text (stmt, 1));
  out->timezone = g_strdup (okc_backend_stmt_get_text (stmt, 2));
  out->started_at = sqlite3_column_int64 (stmt, 3);
  return TRUE;
}

/* "24 November 2026", the day the session started where it took place: the customer's
 * day, in English whatever the backend's locale. */
static char *
format_session_day (const SessionFacts *facts)
{
  static const char * const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  };
  g_autoptr(GTimeZone) named = facts->timezone != NULL
                                 ? g_time_zone_new_identifier (facts->timezone)
                                 : NULL;
  g_autoptr(GTimeZone) zone = named != NULL ? g_time_zone_ref (named) : g_time_zone_new_utc ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (facts->started_at);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (local),
                          months[g_date_time_get_month (local) - 1], g_date_time_get_year (local));
}

/* The confirmation to the customer (docs/actions.md): what, for which session, and where
 * the money will show. */
static char *
confirmation_text (OkcRefund          *refund,
                   const SessionFacts *facts)
{
  g_autofree char *day = format_session_day (facts);
  g_autofree char *amount_text = NULL;
  g_autofree char *place = facts->property_name != NULL
                             ? g_strdup_printf (" at %s", facts->property_name)
                             : g_strdup ("");
  GString *text = g_string_new (NULL);
  OkcMoney amount;

  okc_refund_get_amount (refund, &amount);
  amount_text = okc_money_format (&amount);
  g_string_append_printf (text, "We have refunded %s for your charging session of %s%s (%s).",
                          amount_text, day, place, okc_refund_get_session_id (refund));
  if (facts->card_last4 != NULL)
    g_string_append_printf (text, " It will show on your card ending %s within 5 to 10 "
                            "business days.", facts->card_last4);
  return g_string_free (text, FALSE);
}

static gboolean
store_settlement (OkcBackendDb  *db,
                  gint64         seq,
                  const char    *failure_reason,
                  gint64         now,
                  GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "UPDATE refunds SET status = ?, failure_reason = ?, settled_at = ?, updated_at = ? "
    "WHERE seq = ? AND status = 'processing'",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, failure_reason != NULL ? "failed" : "succeeded");
  okc_backend_stmt_bind_text (stmt, 2, failure_reason);
  okc_backend_stmt_bind_int64 (stmt, 3, now);
  okc_backend_stmt_bind_int64 (stmt, 4, now);
  okc_backend_stmt_bind_int64 (stmt, 5, seq);
  return okc_backend_db_step_done (db, stmt, error);
}

/* The settlement on the ticket: the customer's confirmation as a reply, by whoever let the
 * money go (the approver, else the requester); or a note with why it failed. */
static gboolean
write_settlement (OkcBackendDb        *db,
                  OkcRefund           *refund,
                  const SessionFacts  *facts,
                  gint64               now,
                  GError             **error)
{
  const char *sender = okc_refund_get_reviewed_by_id (refund) != NULL
                         ? okc_refund_get_reviewed_by_id (refund)
                         : okc_refund_get_requested_by_id (refund);
  g_autofree char *what = NULL;

  if (okc_refund_get_status (refund) == OKC_REFUND_STATUS_SUCCEEDED)
    return write_on_ticket (db, refund, "reply", confirmation_text (refund, facts), -1, sender,
                            now, error);
  what = describe (refund);
  return write_on_ticket (db, refund, "note",
                          g_strdup_printf ("%s failed: %s", what,
                                           okc_refund_get_failure_reason (refund)),
                          -1, NULL, now, error);
}

typedef struct
{
  gint64 seq;
  gint64 now;
} Settle;

static OkcRefund *
settle_body (OkcBackendDb  *db,
             gpointer       data,
             GError       **error)
{
  const Settle *settle = data;
  g_auto(SessionFacts) facts = { 0 };
  g_autoptr(OkcRefund) before = load_refund (db, settle->seq, error);
  g_autoptr(OkcRefund) after = NULL;
  g_autoptr(JsonNode) before_node = NULL;
  g_autoptr(JsonNode) after_node = NULL;

  if (before == NULL)
    return NULL;
  /* Settled meanwhile (a replayed source, a second backend on the file): nothing to do. */
  if (okc_refund_get_status (before) != OKC_REFUND_STATUS_PROCESSING)
    return g_steal_pointer (&before);
  if (!load_session_facts (db, okc_refund_get_session_id (before), &facts, error) ||
      !store_settlement (db, settle->seq, facts.card_last4 == NULL ? NO_CARD_REASON : NULL,
                         settle->now, error) ||
      (after = load_refund (db, settle->seq, error)) == NULL)
    return NULL;
  before_node = status_node (before, FALSE, FALSE);
  after_node = status_node (after, FALSE, TRUE);
  if (!audit (db, after, NULL, "refund.settle", before_node, after_node, settle->now, error) ||
      !record_event (db, after, settle->now, error) ||
      (okc_refund_get_ticket_id (after) != NULL &&
       !write_settlement (db, after, &facts, settle->now, error)))
    return NULL;
  return g_steal_pointer (&after);
}

/**
 * okc_backend_refunds_settle:
 * @refund_id: a refund in processing
 *
 * The simulated payment processor's answer, in one transaction: failed when the session's
 * account has no card on file, else succeeded; its audit record (by no one: the system),
 * its event, and on a ticket the confirmation reply or the failure note. A refund no longer
 * processing is left as it is.
 *
 * Returns: (transfer full): the refund as it now is; else an error.
 */
OkcRefund *
okc_backend_refunds_settle (OkcBackendDb  *db,
                            const char    *refund_id,
                            gint64         now,
                            GError       **error)
{
  Settle settle = { seq_for_id (refund_id), now };

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), NULL);

  if (settle.seq == 0)
    {
      g_set_error (error, OKC_BACKEND_REFUND_ERROR, OKC_BACKEND_REFUND_ERROR_NOT_FOUND,
                   "There is no refund “%s”", refund_id);
      return NULL;
    }
  return run_in_transaction (db, settle_body, &settle, error);
}

/* A settlement waiting for its time. The sources live as long as the database object: they
 * are destroyed with it, so the database outlives every callback. */
typedef struct
{
  OkcBackendDb *db;
  char *refund_id;
  GWeakRef events;    /* the streams to tell; weak, as the server holds them and the db */
} Settlement;

static void
settlement_free (gpointer data)
{
  Settlement *settlement = data;

  g_free (settlement->refund_id);
  g_weak_ref_clear (&settlement->events);
  g_free (settlement);
}

static void
source_destroy_unref (gpointer data)
{
  g_source_destroy (data);
  g_source_unref (data);
}

static GPtrArray *
settlements (OkcBackendDb *db)
{
  GPtrArray *sources = g_object_get_data (G_OBJECT (db), SETTLEMENTS_KEY);

  if (sources == NULL)
    {
      sources = g_ptr_array_new_with_free_func (source_destroy_unref);
      g_object_set_data_full (G_OBJECT (db), SETTLEMENTS_KEY, sources,
                              (GDestroyNotify) g_ptr_array_unref);
    }
  return sources;
}

static gboolean
settle_cb (gpointer user_data)
{
  Settlement *settlement = user_data;
  OkcBackendDb *db = settlement->db;
  g_autoptr(OkcBackendEvents) events = g_weak_ref_get (&settlement->events);
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcRefund) refund = NULL;

  refund = okc_backend_refunds_settle (db, settlement->refund_id,
                                       g_get_real_time () / G_USEC_PER_SEC, &error);
  /* Gone: the request that made it was rolled back after all (its answer not stored). */
  if (g_error_matches (error, OKC_BACKEND_REFUND_ERROR, OKC_BACKEND_REFUND_ERROR_NOT_FOUND))
    g_debug ("Refund %s is no longer there to settle", settlement->refund_id);
  else if (refund == NULL)
    g_warning ("Could not settle refund %s: %s", settlement->refund_id, error->message);
  else if (events != NULL)
    okc_backend_events_flush (events);
  /* Drops the last reference but the dispatch's own; frees @settlement after this. */
  g_ptr_array_remove (settlements (db), g_main_current_source ());
  return G_SOURCE_REMOVE;
}

void
okc_backend_refunds_set_settle_seconds (OkcBackendDb *db,
                                        guint         seconds)
{
  g_return_if_fail (OKC_IS_BACKEND_DB (db));

  g_object_set_data (G_OBJECT (db), SETTLE_SECONDS_KEY, GUINT_TO_POINTER (seconds + 1));
}

static guint
get_settle_seconds (OkcBackendDb *db)
{
  guint stored = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (db), SETTLE_SECONDS_KEY));

  return stored != 0 ? stored - 1 : OKC_BACKEND_REFUNDS_DEFAULT_SETTLE_SECONDS;
}

/**
 * okc_backend_refunds_schedule_settlement:
 * @refund: a refund that went to processing
 * @events: (nullable): the streams to push the settlement's events to
 *
 * Hands @refund to the simulated payment processor on the thread-default main context:
 * it answers after the settle delay, 0 meaning the next turn of the main loop.
 */
void
okc_backend_refunds_schedule_settlement (OkcBackendDb     *db,
                                         OkcRefund        *refund,
                                         OkcBackendEvents *events)
{
  guint seconds = get_settle_seconds (db);
  Settlement *settlement = g_new0 (Settlement, 1);
  GSource *source = seconds == 0 ? g_idle_source_new () : g_timeout_source_new_seconds (seconds);

  settlement->db = db;
  settlement->refund_id = g_strdup (okc_refund_get_id (refund));
  g_weak_ref_init (&settlement->events, events);
  g_source_set_name (source, "[okc] refund settlement");
  g_source_set_callback (source, settle_cb, settlement, settlement_free);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_ptr_array_add (settlements (db), source);
}

/**
 * okc_backend_refunds_settle_left_over:
 *
 * Settles every refund a stopped backend left in processing: its answer was due while it
 * was down. Run at start-up, before serving.
 *
 * Returns: how many were settled, or -1 with @error.
 */
gint64
okc_backend_refunds_settle_left_over (OkcBackendDb  *db,
                                      gint64         now,
                                      GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "SELECT seq FROM refunds WHERE status = 'processing' ORDER BY seq", error);
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return -1;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_array_append_vals (seqs, &(gint64) { sqlite3_column_int64 (stmt, 0) }, 1);
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return -1;
    }
  g_clear_pointer (&stmt, okc_backend_stmt_release);
  for (guint i = 0; i < seqs->len; i++)
    {
      g_autofree char *id = okc_backend_refund_id_for_seq (g_array_index (seqs, gint64, i));
      g_autoptr(OkcRefund) refund = okc_backend_refunds_settle (db, id, now, error);

      if (refund == NULL)
        return -1;
    }
  return seqs->len;
}

static JsonNode *
refundable_node (const SessionMoney *money)
{
  OkcMoney left = money->total;

  left.amount = session_refundable (money);
  return okc_money_to_json (&left);
}

static JsonNode *
list_items (OkcBackendStmt  *stmt,
            OkcBackendDb    *db,
            guint            limit,
            gint64          *out_last_seq,
            gboolean        *out_more,
            GError         **error)
{
  g_autoptr(JsonArray) items = json_array_new ();
  JsonNode *node;
  int rc;

  *out_more = FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(OkcRefund) refund = NULL;

      if (json_array_get_length (items) == limit)
        {
          *out_more = TRUE;
          break;
        }
      refund = refund_from_row (stmt, error);
      if (refund == NULL)
        return NULL;
      *out_last_seq = sqlite3_column_int64 (stmt, 0);
      json_array_add_element (items, okc_refund_to_json (refund));
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
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
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(JsonNode) items = NULL;
  SessionMoney money = { 0 };
  gint64 last = 0;
  gboolean more;
  JsonObject *object;
  JsonNode *root;

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), NULL);
  g_return_val_if_fail (session_id != NULL, NULL);

  if (!load_session_money (db, session_id, &money, error))
    return NULL;
  stmt = okc_backend_db_prepare (db, REFUND_SELECT "WHERE r.session_id = ? ORDER BY r.seq",
                                 error);
  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, session_id);
  items = list_items (stmt, db, G_MAXUINT, &last, &more, error);
  if (items == NULL)
    return NULL;
  object = json_object_new ();
  json_object_set_member (object, "refundable", refundable_node (&money));
  json_object_set_member (object, "items", g_steal_pointer (&items));
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, object);
  return root;
}

#define QUERY_WHERE                                                                           \
  "WHERE (?1 IS NULL OR r.status IN (SELECT value FROM json_each (?1))) "                     \
  "AND (?2 IS NULL OR r.ticket_id = ?2) AND (?3 IS NULL OR r.session_id = ?3) "               \
  "AND (?4 IS NULL OR r.requested_by = ?4) "

static void
bind_query (OkcBackendStmt          *stmt,
            const OkcBackendRefundQuery *query)
{
  okc_backend_stmt_bind_text (stmt, 1, query->statuses);
  okc_backend_stmt_bind_text (stmt, 2, query->ticket_id);
  okc_backend_stmt_bind_text (stmt, 3, query->session_id);
  okc_backend_stmt_bind_text (stmt, 4, query->requested_by);
}

/**
 * okc_backend_refunds_query:
 * @query: the filters, the page size and where the page starts
 *
 * Returns: (transfer full): GET /v1/refunds's `{items, next_cursor, total}`, oldest request
 *   first; %NULL with @error.
 */
JsonNode *
okc_backend_refunds_query (OkcBackendDb                *db,
                           const OkcBackendRefundQuery *query,
                           GError                     **error)
{
  g_autoptr(OkcBackendStmt) count = okc_backend_db_prepare (
    db, "SELECT count(*) FROM refunds r " QUERY_WHERE, error);
  g_autoptr(OkcBackendStmt) page = NULL;
  g_autoptr(JsonNode) items = NULL;
  JsonObject *object;
  JsonNode *root;
  gint64 total, last = 0;
  gboolean more;

  if (count == NULL)
    return NULL;
  bind_query (count, query);
  if (sqlite3_step (count) != SQLITE_ROW)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  total = sqlite3_column_int64 (count, 0);
  page = okc_backend_db_prepare (db, REFUND_SELECT QUERY_WHERE "AND r.seq > ?5 ORDER BY r.seq "
                                 "LIMIT ?6", error);
  if (page == NULL)
    return NULL;
  bind_query (page, query);
  okc_backend_stmt_bind_int64 (page, 5, query->after_seq);
  okc_backend_stmt_bind_int64 (page, 6, (gint64) query->limit + 1);
  items = list_items (page, db, query->limit, &last, &more, error);
  if (items == NULL)
    return NULL;

  object = json_object_new ();
  json_object_set_member (object, "items", g_steal_pointer (&items));
  if (more)
    {
      g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, last);

      json_object_set_string_member (object, "next_cursor", cursor);
    }
  else
    json_object_set_null_member (object, "next_cursor");
  json_object_set_int_member (object, "total", total);
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, object);
  return root;
}

/**
 * okc_backend_refunds_load:
 * @refund_id: "RFD-000001"
 * @out_refundable: (out) (optional): what is still refundable on its session
 *
 * Returns: (transfer full) (nullable): the refund; %NULL without @error when there is none.
 */
OkcRefund *
okc_backend_refunds_load (OkcBackendDb  *db,
                          const char    *refund_id,
                          OkcMoney      *out_refundable,
                          GError       **error)
{
  gint64 seq = seq_for_id (refund_id);
  g_autoptr(OkcRefund) refund = NULL;
  g_autoptr(GError) local_error = NULL;
  SessionMoney money = { 0 };

  g_return_val_if_fail (OKC_IS_BACKEND_DB (db), NULL);

  if (seq == 0 || (refund = load_refund (db, seq, error)) == NULL)
    return NULL;
  if (out_refundable != NULL)
    {
      if (!load_session_money (db, okc_refund_get_session_id (refund), &money, &local_error))
        {
          if (local_error == NULL)
            g_set_error (&local_error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE,
                         "refund %s names a session that is gone", refund_id);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      *out_refundable = money.total;
      out_refundable->amount = session_refundable (&money);
    }
  return g_steal_pointer (&refund);
}
