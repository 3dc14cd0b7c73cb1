/* bench-session-audit.c — how long the audit takes per session and per 100,000 sessions
 *
 * Prints figures and asserts no time (suite bench). 100,000 distinct sessions from
 * session-gen.c, in batches of 10,000: seven in ten billed as posted, the rest with one
 * mischarge of each kind (and their neighbours: a retry, a duplicate). It times the audit
 * (the engine's recomputation and the findings), decoding a session detail from JSON text
 * as the console receives it, and writing the /analysis JSON as the backend serves it.
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"
#include "session-gen.h"

#define N_BATCH   10000
#define N_BATCHES 10

typedef struct
{
  OkcChargingSession *session;
  GPtrArray *neighbours;
  char *detail_json;
} Case;

static void
case_clear (gpointer data)
{
  Case *c = data;

  g_clear_object (&c->session);
  g_clear_pointer (&c->neighbours, g_ptr_array_unref);
  g_clear_pointer (&c->detail_json, g_free);
}

static SessionGenKind
pick_kind (SessionGen *gen)
{
  int roll = g_rand_int_range (gen->rand, 0, 100);

  if (roll < 70)
    return SESSION_GEN_CLEAN;
  return (SessionGenKind) (SESSION_GEN_ZERO_ENERGY +
                           (roll - 70) % (SESSION_GEN_N_KINDS - SESSION_GEN_ZERO_ENERGY));
}

static void
generate_batch (SessionGen *gen,
                GArray     *cases,
                guint      *n_samples)
{
  g_array_set_size (cases, 0);
  for (guint i = 0; i < N_BATCH; i++)
    {
      Case c = { 0 };
      g_autoptr(JsonNode) node = NULL;
      int expected_kind;
      guint n = 0;

      c.neighbours = g_ptr_array_new_with_free_func (g_object_unref);
      c.session = session_gen_next (gen, pick_kind (gen), c.neighbours, &expected_kind);
      node = okc_charging_session_to_json (c.session, TRUE);
      c.detail_json = okc_json_to_string (node);
      okc_metered_session_get_samples (okc_charging_session_get_meter (c.session), &n);
      *n_samples += n;
      g_array_append_val (cases, c);
    }
}

typedef struct
{
  gint64 audit_us, decode_us, json_us;
  guint n, n_findings, n_with_findings;
  gint64 refunds;
} Totals;

static void
time_batch (SessionGen *gen,
            GArray     *cases,
            Totals     *totals)
{
  gint64 started = g_get_monotonic_time ();

  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = &g_array_index (cases, Case, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(OkcSessionAudit) audit = okc_session_audit_run (c->session, gen->posted,
                                                                c->neighbours, &error);
      OkcMoney refund;

      g_assert_no_error (error);
      okc_session_audit_get_refund_total (audit, &refund);
      totals->refunds += refund.amount;
      totals->n_findings += okc_session_audit_get_findings (audit)->len;
      totals->n_with_findings += okc_session_audit_get_findings (audit)->len > 0;
    }
  totals->audit_us += g_get_monotonic_time () - started;

  started = g_get_monotonic_time ();
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = &g_array_index (cases, Case, i);
      g_autoptr(GBytes) bytes = g_bytes_new_static (c->detail_json, strlen (c->detail_json));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = okc_json_parse_bytes (bytes, &error);
      g_autoptr(OkcChargingSession) decoded = NULL;

      g_assert_no_error (error);
      decoded = okc_charging_session_new_from_json (node, NULL, &error);
      g_assert_no_error (error);
    }
  totals->decode_us += g_get_monotonic_time () - started;

  /* The backend's /analysis: the audit and its JSON text, on a tenth of the batch. */
  started = g_get_monotonic_time ();
  for (guint i = 0; i < cases->len; i += 10)
    {
      Case *c = &g_array_index (cases, Case, i);
      g_autoptr(OkcSessionAudit) audit = okc_session_audit_run (c->session, gen->posted,
                                                                c->neighbours, NULL);
      g_autoptr(JsonNode) node = okc_session_audit_to_json (audit);
      g_autofree char *text = okc_json_to_string (node);

      g_assert_nonnull (text);
    }
  totals->json_us += g_get_monotonic_time () - started;
  totals->n += cases->len;
}

static void
report (const char *what,
        gint64      elapsed_us,
        guint       n)
{
  double per_session_us = (double) elapsed_us / n;

  g_print ("%-34s %9.2f us per session, %8.3f s per 100,000 sessions (%u sessions)\n", what,
           per_session_us, per_session_us * 100000 / 1e6, n);
}

int
main (void)
{
  g_autoptr(GArray) cases = g_array_sized_new (FALSE, TRUE, sizeof (Case), N_BATCH);
  Totals totals = { 0 };
  guint n_samples = 0;
  SessionGen gen;

  g_array_set_clear_func (cases, case_clear);
  session_gen_init (&gen, 5);
  for (guint batch = 0; batch < N_BATCHES; batch++)
    {
      generate_batch (&gen, cases, &n_samples);
      time_batch (&gen, cases, &totals);
    }

  g_print ("%u sessions, %.1f meter samples each on average; %u with findings, %u findings,"
           " refunds %" G_GINT64_FORMAT " (USD cents)\n",
           totals.n, (double) n_samples / totals.n, totals.n_with_findings, totals.n_findings,
           totals.refunds);
  report ("audit (engine + findings)", totals.audit_us, totals.n);
  report ("session detail JSON decode", totals.decode_us, totals.n);
  report ("audit + /analysis JSON text", totals.json_us, totals.n / 10);
  session_gen_clear (&gen);
  return 0;
}
