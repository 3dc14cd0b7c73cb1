/* okc-demo-payouts.c — weekly payouts to hosts, computed by the reconciliation engine, a few
 * paid short or returned by the bank
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-demo-world.h"

#include "okc-backend-payouts.h"
#include "okc-demo-names.h"

#define N_WEEKS 4
/* In percent, of the payouts the run sent. */
#define FAILED_CHANCE 6
#define SHORT_CHANCE 10
/* Paid short by a few dollars: a refund deducted twice, a session left out. */
#define SHORT_MIN 150
#define SHORT_MAX 900
/* Only a payout this large is planted short, so that what it sent stays well above 0. */
#define SHORT_MIN_PAYABLE 1500

/* The bank's returns (NACHA codes), docs/payouts.md. */
static const char * const bank_returns[] = {
  "R02: Account closed",
  "R03: No account or unable to locate account",
  "R04: Invalid account number",
  "R16: Account frozen",
  "R20: Non-transaction account",
};

/* A time of day on @date in @zone. */
static gint64
local_time (GTimeZone   *zone,
            const GDate *date,
            int          hour)
{
  g_autoptr(GDateTime) time = g_date_time_new (zone, g_date_get_year (date),
                                               g_date_get_month (date), g_date_get_day (date),
                                               hour, 0, 0);

  return g_date_time_to_unix (time);
}

static void
format_date (const GDate *date,
             char         out[11])
{
  g_snprintf (out, 11, "%04u-%02u-%02u", (guint) g_date_get_year (date),
              (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

/* The Monday of the week @now is in, in @zone. */
static void
this_monday (GTimeZone *zone,
             gint64     now,
             GDate     *out)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  g_date_subtract_days (out, (guint) g_date_time_get_day_of_week (local) - 1);
}

/* The host's bank account, the same for all their payouts. */
static const char *
bank_last4 (OkcDemoWorld *world,
            const char   *host_id)
{
  return okc_demo_world_intern (world, "%04u", g_str_hash (host_id) % 10000);
}

typedef struct
{
  OkcDemoWorld *world;
  OkcBackendDb *db;
  OkcDemoRandom random;
} Run;

static gboolean
insert_payout (Run                   *run,
               const OkcDemoPayout   *payout,
               const OkcBackendPayoutPeriod *period,
               const OkcPayoutTotals *totals,
               gint64                 initiated_at,
               const char            *failure_reason)
{
  OkcDemoWorld *world = run->world;
  OkcDemoProperty *property = OKC_DEMO_PROPERTY (world, payout->property);
  const char *host_id = OKC_DEMO_ACCOUNT (world, property->host)->id;
  gboolean paid = g_str_equal (payout->status, "paid");
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    run->db,
    "INSERT INTO payouts (id, host_account_id, property_id, period_from, period_to, currency, "
    "session_revenue, fees, amount, status, paid_at, period_start, cutoff_at, processing_fees, "
    "refunds, carried_in, initiated_at, arrival_at, failure_reason, bank_last4) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    &world->error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, payout->id);
  okc_backend_stmt_bind_text (stmt, 2, host_id);
  okc_backend_stmt_bind_text (stmt, 3, property->id);
  okc_backend_stmt_bind_text (stmt, 4, payout->period_from);
  okc_backend_stmt_bind_text (stmt, 5, payout->period_to);
  okc_backend_stmt_bind_text (stmt, 6, OKC_DEMO_CURRENCY);
  okc_backend_stmt_bind_int64 (stmt, 7, totals->gross);
  okc_backend_stmt_bind_int64 (stmt, 8, totals->platform_fee);
  okc_backend_stmt_bind_int64 (stmt, 9, payout->amount);
  okc_backend_stmt_bind_text (stmt, 10, payout->status);
  if (paid)
    okc_backend_stmt_bind_int64 (stmt, 11, payout->arrival_at);
  okc_backend_stmt_bind_int64 (stmt, 12, period->period_start);
  okc_backend_stmt_bind_int64 (stmt, 13, period->cutoff_at);
  okc_backend_stmt_bind_int64 (stmt, 14, totals->processing_fees);
  okc_backend_stmt_bind_int64 (stmt, 15, totals->refunds);
  okc_backend_stmt_bind_int64 (stmt, 16, totals->carried_in);
  if (initiated_at != 0)
    okc_backend_stmt_bind_int64 (stmt, 17, initiated_at);
  if (payout->arrival_at != 0)
    okc_backend_stmt_bind_int64 (stmt, 18, payout->arrival_at);
  okc_backend_stmt_bind_text (stmt, 19, failure_reason);
  okc_backend_stmt_bind_text (stmt, 20, bank_last4 (world, host_id));
  return okc_backend_db_step_done (run->db, stmt, &world->error);
}

/* One property's week: what the engine says it owes, and what the run did with it. */
static gboolean
add_week (Run         *run,
          guint        index,
          GTimeZone   *zone,
          const GDate *monday)
{
  OkcDemoWorld *world = run->world;
  OkcDemoProperty *property = OKC_DEMO_PROPERTY (world, index);
  OkcDemoRandom *random = &run->random;
  OkcDemoPayout payout = { 0 };
  OkcBackendPayoutPeriod period = { 0 };
  g_autoptr(OkcPayoutReconciliation) reconciliation = NULL;
  OkcPayoutTotals totals;
  const char *failure_reason = NULL;
  gint64 initiated_at = 0;
  guint n_carries;
  GDate day = *monday;

  payout.property = index;
  format_date (monday, payout.period_from);
  g_date_add_days (&day, 6);
  format_date (&day, payout.period_to);
  if (!okc_payout_week_bounds (zone, monday, &period.period_start, &period.cutoff_at))
    return TRUE;
  period.property_id = property->id;
  period.currency = OKC_DEMO_CURRENCY;
  period.period_from = payout.period_from;
  reconciliation = okc_backend_payouts_reconcile_period (run->db, &period, &world->error);
  if (reconciliation == NULL ||
      !okc_payout_reconciliation_compute (reconciliation, &totals, &world->error))
    return FALSE;
  okc_payout_reconciliation_get_carries (reconciliation, &n_carries);
  /* A week with nothing in it has nothing to pay or to carry. */
  if (totals.gross == 0 && totals.refunds == 0 && n_carries == 0)
    return TRUE;

  payout.id = okc_demo_world_intern (world, "PAY-%05u", world->payouts->len + 1);
  payout.payable = totals.payable;
  /* The run is on the Tuesday after the week, 10:00 at the property; the bank has it two
   * business days later. */
  g_date_add_days (&day, 2);
  initiated_at = local_time (zone, &day, 10);
  g_date_add_days (&day, 2);
  payout.arrival_at = local_time (zone, &day, 10);

  if (okc_payout_reconciliation_is_carried_over (reconciliation))
    {
      payout.status = "carried_over";
      payout.amount = 0;
      initiated_at = payout.arrival_at = 0;
    }
  else if (world->now < initiated_at)
    {
      payout.status = "scheduled";
      payout.amount = totals.payable;
      initiated_at = payout.arrival_at = 0;
    }
  else if (okc_demo_random_chance (random, FAILED_CHANCE))
    {
      payout.status = "failed";
      payout.amount = totals.payable;
      payout.arrival_at = 0;
      failure_reason = OKC_DEMO_PICK (random, bank_returns);
    }
  else
    {
      payout.status = world->now < payout.arrival_at ? "in_transit" : "paid";
      payout.amount = totals.payable;
      if (totals.payable >= SHORT_MIN_PAYABLE && okc_demo_random_chance (random, SHORT_CHANCE))
        payout.amount -= okc_demo_random_range (random, SHORT_MIN, SHORT_MAX);
    }
  g_array_append_val (world->payouts, payout);
  return insert_payout (run, &payout, &period, &totals, initiated_at, failure_reason);
}

/* The data set has at least one payout paid short: the largest paid one, when chance made
 * none. */
static gboolean
plant_short (Run *run)
{
  OkcDemoWorld *world = run->world;
  OkcDemoPayout *largest = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;

  for (guint i = 0; i < world->payouts->len; i++)
    {
      OkcDemoPayout *p = OKC_DEMO_PAYOUT (world, i);

      if (!g_str_equal (p->status, "paid"))
        continue;
      if (p->amount < p->payable)
        return TRUE;
      if (largest == NULL || p->payable > largest->payable)
        largest = p;
    }
  if (largest == NULL || largest->payable < 2 * SHORT_MIN)
    return TRUE;
  largest->amount = largest->payable -
                    okc_demo_random_range (&run->random, SHORT_MIN,
                                           MIN (SHORT_MAX, largest->payable / 2));
  stmt = okc_backend_db_prepare (run->db, "UPDATE payouts SET amount = ?2 WHERE id = ?1",
                                 &world->error);
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, largest->id);
  okc_backend_stmt_bind_int64 (stmt, 2, largest->amount);
  return okc_backend_db_step_done (run->db, stmt, &world->error);
}

/* And at least one the bank returned: the oldest paid one in full, when chance made none. */
static gboolean
plant_failed (Run *run)
{
  OkcDemoWorld *world = run->world;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  OkcDemoPayout *oldest = NULL;

  for (guint i = 0; i < world->payouts->len; i++)
    {
      OkcDemoPayout *p = OKC_DEMO_PAYOUT (world, i);

      if (g_str_equal (p->status, "failed"))
        return TRUE;
      if (oldest == NULL && g_str_equal (p->status, "paid") && p->amount == p->payable)
        oldest = p;
    }
  if (oldest == NULL)
    return TRUE;
  oldest->status = "failed";
  oldest->arrival_at = 0;
  stmt = okc_backend_db_prepare (run->db,
                                 "UPDATE payouts SET status = 'failed', paid_at = NULL, "
                                 "arrival_at = NULL, failure_reason = ?2 WHERE id = ?1",
                                 &world->error);
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, oldest->id);
  okc_backend_stmt_bind_text (stmt, 2, bank_returns[1]);
  return okc_backend_db_step_done (run->db, stmt, &world->error);
}

/* The week a property's every session was refunded (service_failure, approved by the
 * supervisor): its refunds are above its revenue, so it carries a negative balance into the
 * next week (docs/payouts.md, rules 5, 6 and 9). The last property with sessions in the
 * oldest week, before the ticket window, so no billing ticket disputes those sessions (and
 * the first sessions, which tests pick, are left alone). */
static const char refundable_sql[] =
  "SELECT s.id, s.total, s.ended_at FROM chargers c JOIN sessions s ON s.charger_id = c.id "
  "WHERE c.property_id = ?1 AND s.currency = ?2 AND s.total > 0 "
  "AND s.ended_at >= ?3 AND s.ended_at < ?4 ORDER BY s.ended_at, s.id";

static gint64
count_refundable (Run                          *run,
                  const OkcBackendPayoutPeriod *period)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (run->db, refundable_sql, NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  okc_backend_stmt_bind_text (stmt, 1, period->property_id);
  okc_backend_stmt_bind_text (stmt, 2, period->currency);
  okc_backend_stmt_bind_int64 (stmt, 3, period->period_start);
  okc_backend_stmt_bind_int64 (stmt, 4, period->cutoff_at);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n++;
  return n;
}

static gboolean
refund_week (Run                          *run,
             const OkcBackendPayoutPeriod *period)
{
  OkcDemoWorld *world = run->world;
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (run->db, refundable_sql,
                                                           &world->error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) amounts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, period->property_id);
  okc_backend_stmt_bind_text (stmt, 2, period->currency);
  okc_backend_stmt_bind_int64 (stmt, 3, period->period_start);
  okc_backend_stmt_bind_int64 (stmt, 4, period->cutoff_at);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 total = sqlite3_column_int64 (stmt, 1), end = sqlite3_column_int64 (stmt, 2);

      g_ptr_array_add (ids, g_strdup (okc_backend_stmt_get_text (stmt, 0)));
      g_array_append_val (amounts, total);
      g_array_append_val (ends, end);
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (run->db, &world->error);
  okc_backend_stmt_release (g_steal_pointer (&stmt));

  for (guint i = 0; i < ids->len; i++)
    {
      /* Asked for the morning after, approved within the hour, settled two hours later:
       * all before the cut-off. */
      gint64 asked = MIN (g_array_index (ends, gint64, i) + 10 * 60 * 60,
                          period->cutoff_at - 4 * 60 * 60);
      g_autoptr(OkcBackendStmt) insert = okc_backend_db_prepare (
        run->db,
        "INSERT INTO refunds (session_id, amount, currency, reason, note, status, requested_by, "
        "requested_at, updated_at, reviewed_by, reviewed_at, review_comment, settled_at) "
        "VALUES (?1, ?2, ?3, 'service_failure', ?4, 'succeeded', 'USR-0002', ?5, ?7, "
        "'USR-0005', ?6, ?8, ?7)",
        &world->error);

      if (insert == NULL)
        return FALSE;
      okc_backend_stmt_bind_text (insert, 1, g_ptr_array_index (ids, i));
      okc_backend_stmt_bind_int64 (insert, 2, g_array_index (amounts, gint64, i));
      okc_backend_stmt_bind_text (insert, 3, period->currency);
      okc_backend_stmt_bind_text (insert, 4,
                                  "The site's meter was miscalibrated this week; the host "
                                  "asked that every session be refunded in full.");
      okc_backend_stmt_bind_int64 (insert, 5, asked);
      okc_backend_stmt_bind_int64 (insert, 6, asked + 45 * 60);
      okc_backend_stmt_bind_int64 (insert, 7, asked + 3 * 60 * 60);
      okc_backend_stmt_bind_text (insert, 8, "Meter report attached to the host's ticket");
      if (!okc_backend_db_step_done (run->db, insert, &world->error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
plant_refunded_week (Run       *run,
                     GPtrArray *zones)
{
  OkcDemoWorld *world = run->world;
  OkcBackendPayoutPeriod best = { 0 };

  for (guint p = world->properties->len; p-- > 0 && best.property_id == NULL;)
    {
      OkcBackendPayoutPeriod period = { OKC_DEMO_PROPERTY (world, p)->id, OKC_DEMO_CURRENCY };
      GDate monday;
      gint64 n;

      this_monday (g_ptr_array_index (zones, p), world->now, &monday);
      g_date_subtract_days (&monday, 7 * N_WEEKS);
      if (!okc_payout_week_bounds (g_ptr_array_index (zones, p), &monday, &period.period_start,
                                   &period.cutoff_at) ||
          period.cutoff_at > world->now - OKC_DEMO_TICKET_DAYS * 24 * 60 * 60)
        continue;
      n = count_refundable (run, &period);
      if (n > 0)
        best = period;
    }
  return best.property_id == NULL || refund_week (run, &best);
}

/**
 * okc_demo_payouts_store:
 *
 * One payout per property and closed week (Monday to Sunday at the property) of the last
 * N_WEEKS, oldest week first, each computed by the reconciliation engine from the stored
 * sessions and refunds (okc_backend_payouts_reconcile_period(), as the backend reconciles
 * it), the carried-over ones carried into the next: so every payout reconciles to the cent
 * but the few the run paid short. Its status follows from the date: scheduled until the
 * Tuesday run, in transit for two business days, then paid; a few were returned by the
 * bank. Call it after the sessions are stored, before the tickets (which name payouts).
 */
gboolean
okc_demo_payouts_store (OkcDemoWorld  *world,
                        OkcBackendDb  *db,
                        GError       **error)
{
  Run run = { world, db };
  guint n_properties = world->properties->len;
  g_autoptr(GPtrArray) zones = g_ptr_array_new_with_free_func ((GDestroyNotify) g_time_zone_unref);

  okc_demo_random_init (&run.random, world->seed ^ 0x9A7E0ull);
  for (guint p = 0; p < n_properties; p++)
    {
      const char *name = okc_demo_cities[OKC_DEMO_PROPERTY (world, p)->city].timezone;
      GTimeZone *zone = g_time_zone_new_identifier (name);

      g_ptr_array_add (zones, zone != NULL ? zone : g_time_zone_new_utc ());
    }

  if (!plant_refunded_week (&run, zones))
    goto failed;
  for (guint week = N_WEEKS; week > 0; week--)
    for (guint p = 0; p < n_properties; p++)
      {
        GTimeZone *zone = g_ptr_array_index (zones, p);
        GDate monday;

        this_monday (zone, world->now, &monday);
        g_date_subtract_days (&monday, 7 * week);
        if (!add_week (&run, p, zone, &monday))
          goto failed;
      }
  if (plant_short (&run) && plant_failed (&run))
    return TRUE;

failed:
  g_propagate_error (error, g_steal_pointer (&world->error));
  return FALSE;
}
