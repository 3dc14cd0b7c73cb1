/* okc-session-match.c — which of the sessions around a ticket's reported time it is about
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include <stdlib.h>

#include "okc-session-match.h"

#include "okc-time.h"

/* The fields of topics 2, 4 and 5 that name when the customer charged, and what they were
 * charged. Values were validated when the ticket was created; one that does not read (a
 * ticket from an older backend) is left out rather than guessed at. */
static const char * const time_keys[] = { "session_at", "session_times", "attempted_at" };
static const char * const amount_keys[] = { "amount_charged", "total_charged", "amounts_charged" };

static void
add_time (OkcSessionReport *report,
          JsonNode         *node)
{
  gint64 at;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      okc_time_parse_rfc3339 (json_node_get_string (node), &at))
    g_array_append_val (report->times, at);
}

static void
add_amount (OkcSessionReport *report,
            JsonNode         *node)
{
  OkcMoney money;

  if (okc_money_from_json (node, NULL, &money, NULL) && money.amount >= 0)
    g_array_append_val (report->amounts, money);
}

/* @node: one value or an array of them. */
static void
add_values (OkcSessionReport *report,
            JsonNode         *node,
            void            (*add) (OkcSessionReport *report,
                                    JsonNode         *node))
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      add (report, node);
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    add (report, json_array_get_element (json_node_get_array (node), i));
}

/**
 * okc_session_report_new_from_ticket:
 *
 * Reads session_at, session_times and attempted_at as the reported times, amount_charged,
 * total_charged and amounts_charged as the reported amounts.
 *
 * Returns: (transfer full): what @ticket reports; empty arrays when nothing.
 */
OkcSessionReport *
okc_session_report_new_from_ticket (OkcTicket *ticket)
{
  OkcSessionReport *report;

  g_return_val_if_fail (OKC_IS_TICKET (ticket), NULL);

  report = g_new0 (OkcSessionReport, 1);
  report->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  report->amounts = g_array_new (FALSE, FALSE, sizeof (OkcMoney));
  for (guint i = 0; i < G_N_ELEMENTS (time_keys); i++)
    add_values (report, okc_ticket_get_field_value (ticket, time_keys[i]), add_time);
  for (guint i = 0; i < G_N_ELEMENTS (amount_keys); i++)
    add_values (report, okc_ticket_get_field_value (ticket, amount_keys[i]), add_amount);
  return report;
}

void
okc_session_report_free (OkcSessionReport *report)
{
  if (report == NULL)
    return;
  g_array_unref (report->times);
  g_array_unref (report->amounts);
  g_free (report);
}

/**
 * okc_session_report_get_window:
 * @out_from: (out): the earliest reported time − OKC_SESSION_MATCH_WINDOW_SECONDS
 * @out_to: (out): the latest + OKC_SESSION_MATCH_WINDOW_SECONDS
 *
 * Returns: %FALSE, leaving the outputs alone, when the ticket reports no time.
 */
gboolean
okc_session_report_get_window (OkcSessionReport *report,
                               gint64           *out_from,
                               gint64           *out_to)
{
  gint64 earliest = G_MAXINT64, latest = G_MININT64;

  g_return_val_if_fail (report != NULL && out_from != NULL && out_to != NULL, FALSE);

  if (report->times->len == 0)
    return FALSE;
  for (guint i = 0; i < report->times->len; i++)
    {
      gint64 at = g_array_index (report->times, gint64, i);

      earliest = MIN (earliest, at);
      latest = MAX (latest, at);
    }
  *out_from = earliest - OKC_SESSION_MATCH_WINDOW_SECONDS;
  *out_to = latest + OKC_SESSION_MATCH_WINDOW_SECONDS;
  return TRUE;
}

typedef struct
{
  OkcChargingSession *session;
  gboolean amount_matches;
  gint64 distance;   /* to the nearest reported time; G_MAXINT64 with none */
} Candidate;

static gint64
distance_to (OkcChargingSession *session,
             gint64              at)
{
  gint64 started = okc_charging_session_get_started_at (session);
  gint64 ended = okc_charging_session_get_ended_at (session);

  if (at < started)
    return started - at;
  if (at > ended)
    return at - ended;
  return 0;
}

static void
judge (OkcSessionReport *report,
       Candidate        *candidate)
{
  OkcMoney total;

  okc_charging_session_get_billed_total (candidate->session, &total);
  candidate->amount_matches = FALSE;
  for (guint i = 0; i < report->amounts->len && !candidate->amount_matches; i++)
    candidate->amount_matches = okc_money_equal (&total, &g_array_index (report->amounts,
                                                                          OkcMoney, i));
  candidate->distance = G_MAXINT64;
  for (guint i = 0; i < report->times->len; i++)
    candidate->distance = MIN (candidate->distance,
                               distance_to (candidate->session,
                                            g_array_index (report->times, gint64, i)));
}

/* Amount matches first, then nearer; ties by start, then id, so the order is stable. */
static int
compare_candidates (const void *a,
                    const void *b)
{
  const Candidate *x = a, *y = b;
  gint64 xs, ys;

  if (x->amount_matches != y->amount_matches)
    return x->amount_matches ? -1 : 1;
  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  xs = okc_charging_session_get_started_at (x->session);
  ys = okc_charging_session_get_started_at (y->session);
  if (xs != ys)
    return xs < ys ? -1 : 1;
  return g_strcmp0 (okc_charging_session_get_id (x->session),
                    okc_charging_session_get_id (y->session));
}

int
okc_session_match_rank (OkcSessionReport *report,
                        GPtrArray        *sessions)
{
  g_autofree Candidate *candidates = NULL;

  g_return_val_if_fail (report != NULL && sessions != NULL, -1);

  if (sessions->len == 0)
    return -1;

  candidates = g_new (Candidate, sessions->len);
  for (guint i = 0; i < sessions->len; i++)
    {
      candidates[i].session = g_ptr_array_index (sessions, i);
      judge (report, &candidates[i]);
    }
  qsort (candidates, sessions->len, sizeof (Candidate), compare_candidates);
  for (guint i = 0; i < sessions->len; i++)
    sessions->pdata[i] = candidates[i].session;

  if (candidates[0].amount_matches || candidates[0].distance <= OKC_SESSION_MATCH_MAX_SECONDS)
    return 0;
  return -1;
}
