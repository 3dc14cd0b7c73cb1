/* okc-statement.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "okc-statement.h"

#include "okc-csv.h"
#include "okc-error.h"
#include "okc-json.h"
#include "okc-enum-types.h"
#include "okc-time.h"

struct _OkcStatement
{
  GObject parent_instance;

  char *account_id;
  char *account_name;
  char *account_email;
  char *from;
  char *to;
  char currency[4];
  GPtrArray *property_ids;
  GHashTable *property_names;   /* id → name */
  GArray *sessions;             /* OkcStatementSession */
  GPtrArray *payouts;           /* OkcPayout */
  OkcStatementTotals totals;
};

G_DEFINE_FINAL_TYPE (OkcStatement, okc_statement, G_TYPE_OBJECT)

static void
clear_session (gpointer data)
{
  OkcStatementSession *session = data;

  g_free (session->id);
  g_free (session->property_id);
  g_free (session->charger_id);
}

static void
okc_statement_finalize (GObject *object)
{
  OkcStatement *self = OKC_STATEMENT (object);

  g_free (self->account_id);
  g_free (self->account_name);
  g_free (self->account_email);
  g_free (self->from);
  g_free (self->to);
  g_ptr_array_unref (self->property_ids);
  g_hash_table_unref (self->property_names);
  g_array_unref (self->sessions);
  g_ptr_array_unref (self->payouts);

  G_OBJECT_CLASS (okc_statement_parent_class)->finalize (object);
}

static void
okc_statement_class_init (OkcStatementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = okc_statement_finalize;
}

static void
okc_statement_init (OkcStatement *self)
{
  self->property_ids = g_ptr_array_new_with_free_func (g_free);
  self->property_names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->sessions = g_array_new (FALSE, TRUE, sizeof (OkcStatementSession));
  g_array_set_clear_func (self->sessions, clear_session);
  self->payouts = g_ptr_array_new_with_free_func (g_object_unref);
}

static gboolean
fail (GError     **error,
      const char  *path,
      const char  *member,
      const char  *why)
{
  g_autofree char *member_path = okc_json_path_member (path, member);

  okc_data_error_set_literal (error, OKC_DATA_ERROR_INVALID, member_path, why);
  return FALSE;
}

/* A Money member in the statement's currency; its minor units into @out. */
static gboolean
read_money (OkcStatement *self,
            JsonObject   *object,
            const char   *path,
            const char   *member,
            gint64       *out,
            GError      **error)
{
  g_autofree char *member_path = okc_json_path_member (path, member);
  JsonNode *node = json_object_get_member (object, member);
  OkcMoney money;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_MISSING, member_path, "is required");
      return FALSE;
    }
  if (!okc_money_from_json (node, member_path, &money, error))
    return FALSE;
  if (strcmp (money.currency, self->currency) != 0)
    return fail (error, path, member, _("is not in the statement’s currency"));
  *out = money.amount;
  return TRUE;
}

static gboolean
read_date (JsonObject  *object,
           const char  *path,
           const char  *member,
           char       **out,
           GDate       *out_date,
           GError     **error)
{
  const char *text = NULL;

  if (!okc_json_read_string (object, path, member, OKC_JSON_REQUIRED, &text, error))
    return FALSE;
  if (!okc_date_parse (text, out_date))
    return fail (error, path, member, _("is not a date such as 2026-11-02"));
  *out = g_strdup (text);
  return TRUE;
}

static gboolean
read_head (OkcStatement  *self,
           JsonObject    *object,
           GError       **error)
{
  JsonObject *account = NULL;
  const char *id = NULL, *name = NULL, *email = NULL, *currency = NULL;
  GDate from, to;

  if (!okc_json_read_object (object, NULL, "account", OKC_JSON_REQUIRED, &account, error) ||
      !okc_json_read_string (account, "account", "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !okc_json_read_string (account, "account", "name", OKC_JSON_REQUIRED, &name, error) ||
      !okc_json_read_string (account, "account", "email", OKC_JSON_REQUIRED, &email, error) ||
      !read_date (object, NULL, "from", &self->from, &from, error) ||
      !read_date (object, NULL, "to", &self->to, &to, error) ||
      !okc_json_read_string (object, NULL, "currency", OKC_JSON_REQUIRED, &currency, error))
    return FALSE;
  if (g_date_compare (&from, &to) > 0)
    return fail (error, NULL, "to", _("is before from"));
  if (okc_currency_get_exponent (currency) < 0)
    return fail (error, NULL, "currency", _("is not a known currency"));
  self->account_id = g_strdup (id);
  self->account_name = g_strdup (name);
  self->account_email = g_strdup (email);
  g_strlcpy (self->currency, currency, sizeof self->currency);
  return TRUE;
}

static gboolean
read_properties (OkcStatement  *self,
                 JsonArray     *array,
                 GError       **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = okc_json_path_index ("properties", i);
      JsonObject *object = okc_json_node_get_object (json_array_get_element (array, i), path,
                                                     error);
      const char *id = NULL, *name = NULL;

      if (object == NULL ||
          !okc_json_read_string (object, path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
          !okc_json_read_string (object, path, "name", OKC_JSON_REQUIRED, &name, error))
        return FALSE;
      if (g_hash_table_contains (self->property_names, id))
        return fail (error, path, "id", _("names a property twice"));
      g_ptr_array_add (self->property_ids, g_strdup (id));
      g_hash_table_insert (self->property_names, self->property_ids->pdata[i], g_strdup (name));
    }
  return TRUE;
}

static gboolean
read_session (OkcStatement         *self,
              JsonObject           *object,
              const char           *path,
              OkcStatementSession  *session,
              GError              **error)
{
  const char *id = NULL, *property_id = NULL, *charger_id = NULL;

  if (!okc_json_read_string (object, path, "id", OKC_JSON_NOT_EMPTY, &id, error) ||
      !okc_json_read_string (object, path, "property_id", OKC_JSON_NOT_EMPTY, &property_id,
                             error) ||
      !okc_json_read_string (object, path, "charger_id", OKC_JSON_NOT_EMPTY, &charger_id,
                             error) ||
      !okc_json_read_time (object, path, "started_at", OKC_JSON_REQUIRED, &session->started_at,
                           error) ||
      !okc_json_read_time (object, path, "ended_at", OKC_JSON_NULLABLE, &session->ended_at,
                           error) ||
      !okc_json_read_int64 (object, path, "energy_wh", OKC_JSON_REQUIRED, &session->energy_wh,
                            error) ||
      !read_money (self, object, path, "gross", &session->gross, error) ||
      !read_money (self, object, path, "processing_fee", &session->processing_fee, error) ||
      !read_money (self, object, path, "refunded", &session->refunded, error))
    return FALSE;
  if (!g_hash_table_contains (self->property_names, property_id))
    return fail (error, path, "property_id", _("is not one of the statement’s properties"));
  if (session->ended_at != 0 && session->ended_at < session->started_at)
    return fail (error, path, "ended_at", _("is before started_at"));
  if (session->energy_wh < 0)
    return fail (error, path, "energy_wh", _("is negative"));
  if (session->refunded < 0 || session->refunded > session->gross)
    return fail (error, path, "refunded", _("is not between 0 and the session’s gross"));
  session->id = g_strdup (id);
  session->property_id = g_strdup (property_id);
  session->charger_id = g_strdup (charger_id);
  return TRUE;
}

static gboolean
read_sessions (OkcStatement  *self,
               JsonArray     *array,
               GError       **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = okc_json_path_index ("sessions", i);
      JsonObject *object = okc_json_node_get_object (json_array_get_element (array, i), path,
                                                     error);
      OkcStatementSession session = { 0 };

      if (object == NULL || !read_session (self, object, path, &session, error))
        {
          clear_session (&session);
          return FALSE;
        }
      g_array_append_val (self->sessions, session);
    }
  return TRUE;
}

static gboolean
read_payouts (OkcStatement  *self,
              JsonArray     *array,
              GError       **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = okc_json_path_index ("payouts", i);
      OkcPayout *payout = okc_payout_new_from_json (json_array_get_element (array, i), path,
                                                    error);
      OkcMoney amount;

      if (payout == NULL)
        return FALSE;
      g_ptr_array_add (self->payouts, payout);
      okc_payout_get_amount (payout, &amount);
      if (strcmp (amount.currency, self->currency) != 0)
        return fail (error, path, "amount", _("is not in the statement’s currency"));
      if (!g_hash_table_contains (self->property_names, okc_payout_get_property_id (payout)))
        return fail (error, path, "property_id", _("is not one of the statement’s properties"));
    }
  return TRUE;
}

/* The totals the lines add up to; FALSE on an overflow no real statement reaches. */
static gboolean
add_up (OkcStatement       *self,
        OkcStatementTotals *sum)
{
  memset (sum, 0, sizeof *sum);
  sum->sessions = self->sessions->len;
  for (guint i = 0; i < self->sessions->len; i++)
    {
      const OkcStatementSession *session = &g_array_index (self->sessions,
                                                           OkcStatementSession, i);

      if (__builtin_add_overflow (sum->energy_wh, session->energy_wh, &sum->energy_wh) ||
          __builtin_add_overflow (sum->gross, session->gross, &sum->gross) ||
          __builtin_add_overflow (sum->processing_fees, session->processing_fee,
                          &sum->processing_fees) ||
          __builtin_add_overflow (sum->refunded, session->refunded, &sum->refunded))
        return FALSE;
    }
  for (guint i = 0; i < self->payouts->len; i++)
    {
      OkcPayout *payout = self->payouts->pdata[i];
      OkcMoney amount;

      okc_payout_get_amount (payout, &amount);
      if (okc_payout_get_status (payout) == OKC_PAYOUT_STATUS_PAID &&
          __builtin_add_overflow (sum->paid_out, amount.amount, &sum->paid_out))
        return FALSE;
    }
  return TRUE;
}

/* The totals as served must be the lines' sums: never shown as right when they are not. */
static gboolean
read_totals (OkcStatement  *self,
             JsonObject    *object,
             GError       **error)
{
  static const struct { const char *member; gsize offset; gboolean money; } members[] = {
    { "sessions", G_STRUCT_OFFSET (OkcStatementTotals, sessions), FALSE },
    { "energy_wh", G_STRUCT_OFFSET (OkcStatementTotals, energy_wh), FALSE },
    { "gross", G_STRUCT_OFFSET (OkcStatementTotals, gross), TRUE },
    { "processing_fees", G_STRUCT_OFFSET (OkcStatementTotals, processing_fees), TRUE },
    { "refunded", G_STRUCT_OFFSET (OkcStatementTotals, refunded), TRUE },
    { "paid_out", G_STRUCT_OFFSET (OkcStatementTotals, paid_out), TRUE },
  };
  OkcStatementTotals sum;

  if (!add_up (self, &sum))
    return fail (error, NULL, "totals", _("are too large"));
  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    {
      gint64 served = 0;
      gint64 *expected = G_STRUCT_MEMBER_P (&sum, members[i].offset);
      gboolean read = members[i].money
        ? read_money (self, object, "totals", members[i].member, &served, error)
        : okc_json_read_int64 (object, "totals", members[i].member, OKC_JSON_REQUIRED,
                               &served, error);

      if (!read)
        return FALSE;
      if (served != *expected)
        return fail (error, "totals", members[i].member, _("does not add up from the lines"));
    }
  self->totals = sum;
  return TRUE;
}

/**
 * okc_statement_new_from_json:
 *
 * Returns: (transfer full) (nullable): the statement, or %NULL with an #OKC_DATA_ERROR
 *   naming the member that is wrong.
 */
OkcStatement *
okc_statement_new_from_json (JsonNode    *node,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(OkcStatement) self = g_object_new (OKC_TYPE_STATEMENT, NULL);
  JsonObject *object = okc_json_node_get_object (node, path, error);
  JsonArray *properties = NULL, *sessions = NULL, *payouts = NULL;
  JsonObject *totals = NULL;

  if (object == NULL ||
      !read_head (self, object, error) ||
      !okc_json_read_array (object, NULL, "properties", OKC_JSON_REQUIRED, &properties,
                            error) ||
      !read_properties (self, properties, error) ||
      !okc_json_read_array (object, NULL, "sessions", OKC_JSON_REQUIRED, &sessions, error) ||
      !read_sessions (self, sessions, error) ||
      !okc_json_read_array (object, NULL, "payouts", OKC_JSON_REQUIRED, &payouts, error) ||
      !read_payouts (self, payouts, error) ||
      !okc_json_read_object (object, NULL, "totals", OKC_JSON_REQUIRED, &totals, error) ||
      !read_totals (self, totals, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
okc_statement_get_account_id (OkcStatement *self)
{
  g_return_val_if_fail (OKC_IS_STATEMENT (self), NULL);
  return self->account_id;
}

const char *
okc_statement_get_account_name (OkcStatement *self)
{
  g_return_val_if_fail (OKC_IS_STATEMENT (self), NULL);
  return self->account_name;
}

const char *
okc_statement_get_account_email (OkcStatement *self)
{
  g_return_val_if_fail (OKC_IS_STATEMENT (self), NULL);
  return self->account_email;
}

const char *
okc_statement_get_from (OkcStatement *self)
{
  g_return_val_if_fail (OKC_IS_STATEMENT (self), NULL);
  return self->from;
}

const char *
okc_statement_get_to (OkcStatement *self)
{
  g_return_val_if_fail (OKC_IS_STATEMENT (self), NULL);
  return self->to;
}

const char *
okc_statement_get_currency (OkcStatement *self)
{
  g_return_val_if_fail (OKC_IS_STATEMENT (self), NULL);
  return self->currency;
}

guint
okc_statement_get_n_properties (OkcStatement *self)
{
  g_return_val_if_fail (OKC_IS_STATEMENT (self), 0);
  return self->property_ids->len;
}

const char *
okc_statement_get_property_id (OkcStatement *self,
                               guint         index)
{
  g_return_val_if_fail (OKC_IS_STATEMENT (self), NULL);
  g_return_val_if_fail (index < self->property_ids->len, NULL);
  return self->property_ids->pdata[index];
}

const char *
okc_statement_get_property_name (OkcStatement *self,
                                 const char   *property_id)
{
  g_return_val_if_fail (OKC_IS_STATEMENT (self), NULL);
  return g_hash_table_lookup (self->property_names, property_id);
}

guint
okc_statement_get_n_sessions (OkcStatement *self)
{
  g_return_val_if_fail (OKC_IS_STATEMENT (self), 0);
  return self->sessions->len;
}

const OkcStatementSession *
okc_statement_get_session (OkcStatement *self,
                           guint         index)
{
  g_return_val_if_fail (OKC_IS_STATEMENT (self), NULL);
  g_return_val_if_fail (index < self->sessions->len, NULL);
  return &g_array_index (self->sessions, OkcStatementSession, index);
}

/**
 * okc_statement_get_payouts:
 *
 * Returns: (transfer none) (element-type OkcPayout): the payouts, newest period first
 */
GPtrArray *
okc_statement_get_payouts (OkcStatement *self)
{
  g_return_val_if_fail (OKC_IS_STATEMENT (self), NULL);
  return self->payouts;
}

const OkcStatementTotals *
okc_statement_get_totals (OkcStatement *self)
{
  g_return_val_if_fail (OKC_IS_STATEMENT (self), NULL);
  return &self->totals;
}

/**
 * okc_statement_sessions_csv:
 *
 * Returns: (transfer full): the sessions file, one row per session, oldest first.
 */
GBytes *
okc_statement_sessions_csv (OkcStatement *self)
{
  static const char * const header[] = {
    "session_id", "property", "charger_id", "started_at", "ended_at", "energy_kwh", "gross",
    "processing_fee", "refunded", "currency",
  };
  g_autoptr(OkcCsvWriter) csv = okc_csv_writer_new ();

  g_return_val_if_fail (OKC_IS_STATEMENT (self), NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (header); i++)
    okc_csv_writer_add_text (csv, header[i]);
  okc_csv_writer_end_row (csv);

  for (guint i = 0; i < self->sessions->len; i++)
    {
      const OkcStatementSession *session = okc_statement_get_session (self, i);

      okc_csv_writer_add_text (csv, session->id);
      okc_csv_writer_add_text (csv, okc_statement_get_property_name (self,
                                                                     session->property_id));
      okc_csv_writer_add_text (csv, session->charger_id);
      okc_csv_writer_add_time (csv, session->started_at);
      okc_csv_writer_add_time (csv, session->ended_at);
      okc_csv_writer_add_energy (csv, session->energy_wh);
      okc_csv_writer_add_money (csv, session->gross, self->currency);
      okc_csv_writer_add_money (csv, session->processing_fee, self->currency);
      okc_csv_writer_add_money (csv, session->refunded, self->currency);
      okc_csv_writer_add_text (csv, self->currency);
      okc_csv_writer_end_row (csv);
    }
  return okc_csv_writer_get_bytes (csv);
}

static const char *
payout_status_nick (OkcPayoutStatus status)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (OKC_TYPE_PAYOUT_STATUS);
  GEnumValue *value = g_enum_get_value (enum_class, status);

  /* Nicks are static strings of the type's registration: they outlive the class ref. */
  return value != NULL ? value->value_nick : "";
}

/**
 * okc_statement_payouts_csv:
 *
 * Returns: (transfer full): the payouts file, one row per payout, as the statement has them.
 */
GBytes *
okc_statement_payouts_csv (OkcStatement *self)
{
  static const char * const header[] = {
    "payout_id", "property", "period_from", "period_to", "status", "amount", "currency",
    "initiated_at", "arrival_at", "failure_reason",
  };
  g_autoptr(OkcCsvWriter) csv = okc_csv_writer_new ();

  g_return_val_if_fail (OKC_IS_STATEMENT (self), NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (header); i++)
    okc_csv_writer_add_text (csv, header[i]);
  okc_csv_writer_end_row (csv);

  for (guint i = 0; i < self->payouts->len; i++)
    {
      OkcPayout *payout = self->payouts->pdata[i];
      OkcMoney amount;

      okc_payout_get_amount (payout, &amount);
      okc_csv_writer_add_text (csv, okc_payout_get_id (payout));
      okc_csv_writer_add_text (csv, okc_payout_get_property_name (payout));
      okc_csv_writer_add_text (csv, okc_payout_get_period_from (payout));
      okc_csv_writer_add_text (csv, okc_payout_get_period_to (payout));
      okc_csv_writer_add_text (csv, payout_status_nick (okc_payout_get_status (payout)));
      okc_csv_writer_add_money (csv, amount.amount, amount.currency);
      okc_csv_writer_add_text (csv, amount.currency);
      okc_csv_writer_add_time (csv, okc_payout_get_initiated_at (payout));
      okc_csv_writer_add_time (csv, okc_payout_get_arrival_at (payout));
      okc_csv_writer_add_text (csv, okc_payout_get_failure_reason (payout));
      okc_csv_writer_end_row (csv);
    }
  return okc_csv_writer_get_bytes (csv);
}
