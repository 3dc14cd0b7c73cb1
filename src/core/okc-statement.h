/* okc-statement.h — a host's statement for a period, and its CSV files
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "okc-money.h"
#include "okc-payout.h"

G_BEGIN_DECLS

/* One session of the statement, in the statement's currency. */
typedef struct
{
  char *id;
  char *property_id;
  char *charger_id;
  gint64 started_at;
  gint64 ended_at;            /* 0 while still charging */
  gint64 energy_wh;
  gint64 gross;
  gint64 processing_fee;
  gint64 refunded;
} OkcStatementSession;

typedef struct
{
  gint64 sessions;
  gint64 energy_wh;
  gint64 gross;
  gint64 processing_fees;
  gint64 refunded;
  gint64 paid_out;            /* the paid payouts' amounts */
} OkcStatementTotals;

#define OKC_TYPE_STATEMENT (okc_statement_get_type ())

G_DECLARE_FINAL_TYPE (OkcStatement, okc_statement, OKC, STATEMENT, GObject)

/* The Statement of docs/payouts.md, strict: one currency throughout, every session's
 * property among the statement's, and totals that follow from the lines. */
OkcStatement *okc_statement_new_from_json         (JsonNode      *node,
                                                   const char    *path,
                                                   GError       **error);

const char   *okc_statement_get_account_id        (OkcStatement  *self);
const char   *okc_statement_get_account_name      (OkcStatement  *self);
const char   *okc_statement_get_account_email     (OkcStatement  *self);
/* The period's first and last local dates, "YYYY-MM-DD". */
const char   *okc_statement_get_from              (OkcStatement  *self);
const char   *okc_statement_get_to                (OkcStatement  *self);
const char   *okc_statement_get_currency          (OkcStatement  *self);
guint         okc_statement_get_n_properties      (OkcStatement  *self);
const char   *okc_statement_get_property_id       (OkcStatement  *self,
                                                   guint          index);
/* The name of the property @property_id, or NULL if the statement has no such one. */
const char   *okc_statement_get_property_name     (OkcStatement  *self,
                                                   const char    *property_id);
guint         okc_statement_get_n_sessions        (OkcStatement  *self);
const OkcStatementSession *okc_statement_get_session (OkcStatement *self,
                                                      guint         index);
/* (element-type OkcPayout): the payouts whose week ends in the period. */
GPtrArray    *okc_statement_get_payouts           (OkcStatement  *self);
const OkcStatementTotals *okc_statement_get_totals (OkcStatement *self);

/* The two files of docs/payouts.md, "Statements: CSV and print". */
GBytes       *okc_statement_sessions_csv          (OkcStatement  *self);
GBytes       *okc_statement_payouts_csv           (OkcStatement  *self);

G_END_DECLS
