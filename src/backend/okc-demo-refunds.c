/* okc-demo-refunds.c — refunds agents asked for and supervisors have yet to review
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-demo"

#include "okc-demo-refunds.h"

#include "okc-backend-refunds.h"
#include "okc-backend-users.h"

/* A Refund Reviews view with work in it, not a pile. */
#define MAX_PLANTED 4

/* Billing tickets an agent works on whose disputed session (matched by the customer's email
 * and the session's start, to the minute, as the ticket's fields give it) billed more than
 * the approval threshold: the agent refunds it whole and it waits for a supervisor. One a
 * session; the tickets already waiting for approval first. */
static const char candidates_sql[] =
  "SELECT t.id, t.assignee_id, s.id, s.total, s.currency, "
  "json_extract (t.fields, '$.dispute_kind'), t.updated_at FROM tickets t "
  "JOIN users u ON u.id = t.assignee_id AND u.role = 'agent' "
  "JOIN accounts a ON a.email = t.requester_email COLLATE NOCASE "
  "JOIN sessions s ON s.account_id = a.id "
  "AND strftime ('%Y-%m-%dT%H:%M:00Z', s.started_at, 'unixepoch') IN "
  "(SELECT value FROM json_each (t.fields, '$.session_times') "
  "UNION SELECT json_extract (t.fields, '$.session_at')) "
  "WHERE t.topic IN ('billing-dispute', 'cost-breakdown') "
  "AND t.status IN ('open', 'waiting_approval') AND s.currency = ?1 AND s.total > ?2 "
  "AND NOT EXISTS (SELECT 1 FROM refunds r WHERE r.session_id = s.id) "
  "GROUP BY s.id ORDER BY t.status = 'waiting_approval' DESC, t.seq LIMIT ?3";

typedef struct
{
  char *ticket_id;
  char *agent_id;
  char *session_id;
  OkcMoney total;
  char *dispute_kind;
  gint64 at;
} Candidate;

static void
candidate_free (gpointer data)
{
  Candidate *candidate = data;

  g_free (candidate->ticket_id);
  g_free (candidate->agent_id);
  g_free (candidate->session_id);
  g_free (candidate->dispute_kind);
  g_free (candidate);
}

static GPtrArray *
find_candidates (OkcBackendDb  *db,
                 GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, candidates_sql, error);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (candidate_free);
  OkcMoney threshold;
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_refunds_get_threshold (db, &threshold);
  okc_backend_stmt_bind_text (stmt, 1, threshold.currency);
  okc_backend_stmt_bind_int64 (stmt, 2, threshold.amount);
  okc_backend_stmt_bind_int64 (stmt, 3, MAX_PLANTED);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate *candidate = g_new0 (Candidate, 1);

      candidate->ticket_id = g_strdup (okc_backend_stmt_get_text (stmt, 0));
      candidate->agent_id = g_strdup (okc_backend_stmt_get_text (stmt, 1));
      candidate->session_id = g_strdup (okc_backend_stmt_get_text (stmt, 2));
      okc_money_init (&candidate->total, sqlite3_column_int64 (stmt, 3),
                      okc_backend_stmt_get_text (stmt, 4));
      candidate->dispute_kind = g_strdup (okc_backend_stmt_get_text (stmt, 5));
      candidate->at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (found, candidate);
    }
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&found);
}

/* What the agent asks for, and says why, by what the customer disputes. */
static OkcRefund *
request_for (const Candidate *candidate)
{
  gboolean duplicate = g_strcmp0 (candidate->dispute_kind, "repeated_connection_fee") == 0 ||
                       g_strcmp0 (candidate->dispute_kind, "duplicate_charge") == 0;
  const char *note;

  if (duplicate)
    note = "The customer was charged again for one charge; giving the session back.";
  else if (g_strcmp0 (candidate->dispute_kind, "idle_fee") == 0)
    note = "Idle fee billed while the car still drew power; the customer asks for the whole "
           "session back and the charger log agrees.";
  else
    note = "The bill does not match the tariff at the site; refunding the session in full.";
  return okc_refund_new (candidate->session_id, &candidate->total,
                         duplicate ? OKC_REFUND_REASON_DUPLICATE_CHARGE
                                   : OKC_REFUND_REASON_MISCHARGE,
                         note, candidate->ticket_id, -1);
}

static gint64
requested_at (const Candidate *candidate,
              gint64           now)
{
  return candidate->at + (now - candidate->at) / 2;
}

static int
by_ticket_change (gconstpointer a,
                  gconstpointer b)
{
  const Candidate *first = *(Candidate * const *) a;
  const Candidate *second = *(Candidate * const *) b;

  /* Halfway from each ticket's last change to the same now: the same order. */
  return (first->at > second->at) - (first->at < second->at);
}

/**
 * okc_demo_refunds_store:
 *
 * Plants refunds pending approval on billing tickets, through the backend's own recording
 * (note, ticket status, event and audit record), in the generator's transaction. Needs the
 * users, sessions and tickets stored. Each request comes after the ticket's last change,
 * halfway to @now: its own moment in the ticket's story.
 */
gboolean
okc_demo_refunds_store (OkcBackendDb  *db,
                        gint64         now,
                        GError       **error)
{
  g_autoptr(GPtrArray) candidates = find_candidates (db, error);

  if (candidates == NULL)
    return FALSE;
  /* Recorded in the order they were asked, so that the refunds' ids and the audit trail,
   * newest first by its sequence, read in time order. */
  g_ptr_array_sort (candidates, by_ticket_change);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *candidate = g_ptr_array_index (candidates, i);
      g_autoptr(OkcUser) agent = okc_backend_users_lookup (db, candidate->agent_id, error);
      g_autoptr(OkcRefund) request = NULL;
      g_autoptr(OkcRefund) refund = NULL;

      if (agent == NULL)
        return FALSE;
      request = request_for (candidate);
      refund = okc_backend_refunds_create_within (db, request, agent,
                                                  requested_at (candidate, now), error);
      if (refund == NULL)
        return FALSE;
      g_assert (okc_refund_get_status (refund) == OKC_REFUND_STATUS_PENDING_APPROVAL);
    }
  return TRUE;
}
