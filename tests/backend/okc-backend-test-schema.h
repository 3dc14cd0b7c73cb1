/* okc-backend-test-schema.h — turning a generated database back into an older schema
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* What schema v7 changed, undone: the cards, identity checks and payout adjustments gone,
 * the accounts' and payouts' v7 columns dropped, `scheduled` payouts `pending` again. Apply
 * before OKC_TEST_DOWNGRADE_V6. */
#define OKC_TEST_DOWNGRADE_V7 \
  "DROP TABLE cards;" \
  "DROP TABLE account_verifications;" \
  "DROP TABLE payout_adjustments;" \
  "ALTER TABLE accounts DROP COLUMN notification_email;" \
  "ALTER TABLE accounts DROP COLUMN status;" \
  "ALTER TABLE accounts DROP COLUMN deleted_at;" \
  "ALTER TABLE accounts DROP COLUMN subscription_status;" \
  "ALTER TABLE accounts DROP COLUMN subscription_renews_at;" \
  "ALTER TABLE accounts DROP COLUMN subscription_cancelled_at;" \
  "UPDATE payouts SET status = 'pending' WHERE status = 'scheduled';" \
  "ALTER TABLE payouts DROP COLUMN period_start;" \
  "ALTER TABLE payouts DROP COLUMN cutoff_at;" \
  "ALTER TABLE payouts DROP COLUMN processing_fees;" \
  "ALTER TABLE payouts DROP COLUMN refunds;" \
  "ALTER TABLE payouts DROP COLUMN carried_in;" \
  "ALTER TABLE payouts DROP COLUMN initiated_at;" \
  "ALTER TABLE payouts DROP COLUMN arrival_at;" \
  "ALTER TABLE payouts DROP COLUMN failure_reason;" \
  "ALTER TABLE payouts DROP COLUMN bank_last4;"

/* What schema v6 changed, undone: the actions' tables and columns gone (the refunds' go with the table in
 * OKC_TEST_DOWNGRADE_V5), the access lists
 * back to plain (charger, account) pairs and every policy but `public` back to `restricted`. Apply
 * before OKC_TEST_DOWNGRADE_V5 to turn a v6 database into v4. */
#define OKC_TEST_DOWNGRADE_V6 \
  "DROP TABLE idempotency_keys;" \
  "DROP TABLE pms_syncs;" \
  "DROP TABLE bookings;" \
  "DROP INDEX audit_log_by_ticket;" \
  "DROP INDEX audit_log_by_actor;" \
  "ALTER TABLE properties DROP COLUMN pms_sync_state;" \
  "ALTER TABLE properties DROP COLUMN pms_last_sync_at;" \
  "ALTER TABLE properties DROP COLUMN pms_last_error;" \
  "ALTER TABLE properties DROP COLUMN pms_token_expired_at;" \
  "CREATE TABLE charger_access_v5 (" \
  "  charger_id TEXT NOT NULL REFERENCES chargers (id)," \
  "  account_id TEXT NOT NULL REFERENCES accounts (id)," \
  "  PRIMARY KEY (charger_id, account_id)) WITHOUT ROWID;" \
  "INSERT INTO charger_access_v5 SELECT charger_id, account_id FROM charger_access;" \
  "DROP TABLE charger_access;" \
  "ALTER TABLE charger_access_v5 RENAME TO charger_access;" \
  "UPDATE chargers SET access = 'restricted' WHERE access <> 'public';"

/* What schema v5 changed, undone: a v4 database with the v4 price and fee columns filled
 * in from the documents and breakdowns (the first version's connection fee, last energy
 * component, idle fee and first tax; the billed connection fee, idle fee and taxes, the
 * energy fee the rest of the total), the stop reasons in v4's words, and the meter rows,
 * refunds and v5's columns gone. */
#define OKC_TEST_DOWNGRADE_V5 \
  "DROP TABLE refunds;" \
  "DROP TABLE session_meter;" \
  "DROP INDEX sessions_by_start;" \
  "DROP INDEX sessions_by_total;" \
  "ALTER TABLE tariffs ADD COLUMN connection_fee INTEGER NOT NULL DEFAULT 0;" \
  "ALTER TABLE tariffs ADD COLUMN energy_rate_per_kwh INTEGER NOT NULL DEFAULT 0;" \
  "ALTER TABLE tariffs ADD COLUMN idle_fee_per_minute INTEGER NOT NULL DEFAULT 0;" \
  "ALTER TABLE tariffs ADD COLUMN idle_grace_minutes INTEGER NOT NULL DEFAULT 0;" \
  "ALTER TABLE tariffs ADD COLUMN tax_rate_bp INTEGER NOT NULL DEFAULT 0;" \
  "UPDATE tariffs SET" \
  "  connection_fee = json_extract (document, '$.versions[0].connection_fee')," \
  "  energy_rate_per_kwh = json_extract (document, '$.versions[0].energy[#-1].rate_per_kwh')," \
  "  idle_fee_per_minute = coalesce (json_extract (document, '$.versions[0].idle.rate_per_minute'), 0)," \
  "  idle_grace_minutes = coalesce (json_extract (document, '$.versions[0].idle.grace_minutes'), 0)," \
  "  tax_rate_bp = coalesce (json_extract (document, '$.versions[0].taxes[0].rate_bp'), 0);" \
  "ALTER TABLE tariffs DROP COLUMN document;" \
  "ALTER TABLE sessions ADD COLUMN connection_fee INTEGER NOT NULL DEFAULT 0;" \
  "ALTER TABLE sessions ADD COLUMN energy_fee INTEGER NOT NULL DEFAULT 0;" \
  "ALTER TABLE sessions ADD COLUMN idle_fee INTEGER NOT NULL DEFAULT 0;" \
  "ALTER TABLE sessions ADD COLUMN tax INTEGER NOT NULL DEFAULT 0;" \
  "UPDATE sessions SET" \
  "  connection_fee = (SELECT coalesce (sum (json_extract (l.value, '$.amount.amount')), 0)" \
  "    FROM json_each (billed, '$.lines') l" \
  "    WHERE json_extract (l.value, '$.kind') = 'connection_fee')," \
  "  idle_fee = (SELECT coalesce (sum (json_extract (l.value, '$.amount.amount')), 0)" \
  "    FROM json_each (billed, '$.lines') l WHERE json_extract (l.value, '$.kind') = 'idle_fee')," \
  "  tax = json_extract (billed, '$.taxes.amount');" \
  "UPDATE sessions SET energy_fee = total - connection_fee - idle_fee - tax," \
  "  stop_reason = CASE WHEN outcome = 'failed_to_start' THEN 'failed_to_start'" \
  "    WHEN outcome = 'completed' THEN 'completed' WHEN stop_reason = 'Remote' THEN 'remote_stop'" \
  "    WHEN stop_reason = 'PowerLoss' THEN 'charger_fault' ELSE 'ev_error' END;" \
  "ALTER TABLE sessions DROP COLUMN connector_id;" \
  "ALTER TABLE sessions DROP COLUMN outcome;" \
  "ALTER TABLE sessions DROP COLUMN billed;"
