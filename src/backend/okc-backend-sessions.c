/* okc-backend-sessions.c — charging sessions as the API shows them: the log's query, a
 * session's detail, its neighbours and its tariff (docs/sessions.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include <string.h>

#include "okc-backend-sessions.h"

#include "okc-backend-schema.h"
#include "okc-core.h"
#include "okc-session-audit.h"

/* Longer than any email address (RFC 5321 caps a path at 254) or phone number. */
#define MAX_ACCOUNT_LENGTH 254
#define MAX_ID_LENGTH 128

/* The sort keys of docs/sessions.md, each with its SQL expression over `sessions s`. Only
 * these fixed texts reach the SQL: the query's own text never does. */
static const struct
{
  const char *name;
  const char *expression;
} sorts[] = {
  { "started_at", "s.started_at" },
  { "ended_at", "s.ended_at" },
  { "duration", "(s.ended_at - s.started_at)" },
  { "energy_wh", "s.energy_wh" },
  { "idle_seconds",
    "(CASE WHEN s.charging_ended_at IS NULL THEN 0 ELSE s.ended_at - s.charging_ended_at END)" },
  { "billed_total", "s.total" },
  { "charger_id", "s.charger_id" },
  { "account_name", "(SELECT a.name FROM accounts a WHERE a.id = s.account_id)" },
  { "outcome", "s.outcome" },
  { "stop_reason", "s.stop_reason" },
};

typedef enum
{
  ACCOUNT_BY_ID,
  ACCOUNT_BY_EMAIL,
  ACCOUNT_BY_PHONE,
} AccountKind;

struct _OkcBackendSessionQuery
{
  char *charger_id;
  char *property_id;
  char *account;
  AccountKind account_kind;
  gboolean has_from;
  gint64 from;
  gboolean has_to;
  gint64 to;
  guint sort;
  gboolean descending;
  guint offset;
  guint limit;
};

void
okc_backend_session_query_free (OkcBackendSessionQuery *self)
{
  if (self == NULL)
    return;
  g_free (self->charger_id);
  g_free (self->property_id);
  g_free (self->account);
  g_free (self);
}

static gboolean
invalid (GError     **error,
         const char  *param,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError     **error,
         const char  *param,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  okc_data_error_set (error, OKC_DATA_ERROR_INVALID, param, "%s: %s", param, message);
  return FALSE;
}

static gboolean
check_known (GHashTable  *params,
             GError     **error)
{
  static const char * const known[] = {
    "charger_id", "property_id", "account", "from", "to", "sort", "offset", "limit", NULL,
  };
  GHashTableIter iter;
  const char *name;

  if (params == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_strv_contains (known, name))
      return invalid (error, name, "is not a parameter of the session list");
  return TRUE;
}

static const char *
param (GHashTable *params,
       const char *name)
{
  return params != NULL ? g_hash_table_lookup (params, name) : NULL;
}

static gboolean
parse_id (GHashTable  *params,
          const char  *name,
          char       **out,
          GError     **error)
{
  const char *text = param (params, name);

  if (text == NULL)
    return TRUE;
  if (*text == '\0' || strlen (text) > MAX_ID_LENGTH || !g_utf8_validate (text, -1, NULL))
    return invalid (error, name, "expected an id of at most %d characters", MAX_ID_LENGTH);
  *out = g_strdup (text);
  return TRUE;
}

/* Only the digits of a phone number: "+1 (415) 555-0123" → "14155550123". */
static char *
phone_digits (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  return g_string_free (digits, FALSE);
}

static gboolean
parse_account (OkcBackendSessionQuery  *self,
               GHashTable              *params,
               GError                 **error)
{
  const char *text = param (params, "account");
  g_autofree char *contact = NULL;

  if (text == NULL)
    return TRUE;
  contact = g_strstrip (g_strdup (text));
  if (strlen (contact) > MAX_ACCOUNT_LENGTH || !g_utf8_validate (contact, -1, NULL))
    return invalid (error, "account", "expected an account id, an email address or a phone "
                                      "number");
  if (g_str_has_prefix (contact, "ACC-") && contact[4] != '\0')
    {
      self->account_kind = ACCOUNT_BY_ID;
      self->account = g_steal_pointer (&contact);
    }
  else if (okc_text_is_email (contact))
    {
      self->account_kind = ACCOUNT_BY_EMAIL;
      self->account = g_steal_pointer (&contact);
    }
  else if (okc_text_is_phone (contact))
    {
      char *digits = phone_digits (contact);

      /* Without the country code 1: the look-up tries the stored digits with and
       * without it. */
      if (strlen (digits) == 11 && digits[0] == '1')
        memmove (digits, digits + 1, 11);
      self->account_kind = ACCOUNT_BY_PHONE;
      self->account = digits;
    }
  else
    return invalid (error, "account", "expected an account id (ACC-…), an email address or "
                                      "a phone number");
  return TRUE;
}

static gboolean
parse_time (GHashTable  *params,
            const char  *name,
            gboolean    *out_has,
            gint64      *out,
            GError     **error)
{
  const char *text = param (params, name);

  if (text == NULL)
    return TRUE;
  if (!okc_time_parse_rfc3339 (text, out))
    return invalid (error, name, "“%s” is not an RFC 3339 time (2026-11-30T09:00:00Z)", text);
  *out_has = TRUE;
  return TRUE;
}

static gboolean
parse_sort (OkcBackendSessionQuery  *self,
            GHashTable              *params,
            GError                 **error)
{
  const char *text = param (params, "sort");
  const char *key;

  self->sort = 0;
  self->descending = TRUE;
  if (text == NULL)
    return TRUE;
  self->descending = text[0] == '-';
  key = self->descending ? text + 1 : text;
  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    if (strcmp (key, sorts[i].name) == 0)
      {
        self->sort = i;
        return TRUE;
      }
  return invalid (error, "sort", "expected one of started_at, ended_at, duration, energy_wh, "
                                 "idle_seconds, billed_total, charger_id, account_name, "
                                 "outcome, stop_reason, with a leading - for descending");
}

static gboolean
parse_number (GHashTable  *params,
              const char  *name,
              guint        min,
              guint        max,
              guint        fallback,
              guint       *out,
              GError     **error)
{
  const char *text = param (params, name);
  guint64 value;

  *out = fallback;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return invalid (error, name, "“%s” is not a whole number from %u to %u", text, min, max);
  *out = (guint) value;
  return TRUE;
}

OkcBackendSessionQuery *
okc_backend_session_query_new_from_params (GHashTable  *params,
                                           GError     **error)
{
  g_autoptr(OkcBackendSessionQuery) self = g_new0 (OkcBackendSessionQuery, 1);

  if (!check_known (params, error) ||
      !parse_id (params, "charger_id", &self->charger_id, error) ||
      !parse_id (params, "property_id", &self->property_id, error) ||
      !parse_account (self, params, error) ||
      !parse_time (params, "from", &self->has_from, &self->from, error) ||
      !parse_time (params, "to", &self->has_to, &self->to, error) ||
      !parse_sort (self, params, error) ||
      !parse_number (params, "offset", 0, OKC_BACKEND_SESSION_OFFSET_MAX, 0, &self->offset,
                     error) ||
      !parse_number (params, "limit", 1, OKC_BACKEND_SESSION_LIMIT_MAX,
                     OKC_BACKEND_SESSION_LIMIT_DEFAULT, &self->limit, error))
    return NULL;
  if (self->has_from && self->has_to && self->to < self->from)
    {
      invalid (error, "to", "is before from");
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* The ids of the accounts @self's account filter names, as a JSON array for json_each();
 * several accounts may share a contact, and the list is every one of them. */
static char *
find_accounts (OkcBackendSessionQuery  *self,
               OkcBackendDb            *db,
               GError                 **error)
{
  static const char * const sql[] = {
    [ACCOUNT_BY_ID] = "SELECT json_group_array (id) FROM accounts WHERE id = ?1",
    [ACCOUNT_BY_EMAIL] = "SELECT json_group_array (id) FROM accounts "
                         "WHERE email = ?1 COLLATE NOCASE",
    /* The stored numbers' digits, with or without the country code 1, as the access
     * look-up of okc-backend-routes-chargers.c compares them. */
    [ACCOUNT_BY_PHONE] = "SELECT json_group_array (id) FROM accounts WHERE "
                         "replace(replace(replace(replace(replace(replace(phone, ' ', ''), "
                         "'-', ''), '+', ''), '(', ''), ')', ''), '.', '') IN (?1, '1' || ?1)",
  };
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql[self->account_kind], error);

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, self->account);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  return g_strdup (okc_backend_stmt_get_text (stmt, 0));
}

/* The WHERE of both the count and the page: fixed fragments, the values bound by name. */
static char *
build_where (OkcBackendSessionQuery *self)
{
  GString *where = g_string_new (" WHERE 1");

  if (self->charger_id != NULL)
    g_string_append (where, " AND s.charger_id = :charger_id");
  if (self->property_id != NULL)
    g_string_append (where, " AND s.charger_id IN "
                            "(SELECT c.id FROM chargers c WHERE c.property_id = :property_id)");
  if (self->account != NULL)
    g_string_append (where, " AND s.account_id IN (SELECT value FROM json_each (:accounts))");
  if (self->has_from)
    g_string_append (where, " AND s.started_at >= :from");
  if (self->has_to)
    g_string_append (where, " AND s.started_at < :to");
  return g_string_free (where, FALSE);
}

static void
bind_named_text (OkcBackendStmt *stmt,
                 const char     *name,
                 const char     *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    okc_backend_stmt_bind_text (stmt, index, value);
}

static void
bind_named_int64 (OkcBackendStmt *stmt,
                  const char     *name,
                  gint64          value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    okc_backend_stmt_bind_int64 (stmt, index, value);
}

static void
bind_filters (OkcBackendSessionQuery *self,
              OkcBackendStmt         *stmt,
              const char             *charger_id,
              const char             *accounts)
{
  bind_named_text (stmt, ":charger_id", charger_id);
  bind_named_text (stmt, ":property_id", self->property_id);
  bind_named_text (stmt, ":accounts", accounts);
  bind_named_int64 (stmt, ":from", self->from);
  bind_named_int64 (stmt, ":to", self->to);
}

/* The charger as the network names it ("ok-1042" is OK-1042), or as given when unknown. */
static char *
canonical_charger_id (OkcBackendDb  *db,
                      const char    *id,
                      GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, "SELECT id FROM chargers "
                                                               "WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (okc_backend_stmt_get_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  return g_strdup (id);
}

static gboolean
count_sessions (OkcBackendSessionQuery  *self,
                OkcBackendDb            *db,
                const char              *where,
                const char              *charger_id,
                const char              *accounts,
                gint64                  *out_total,
                GError                 **error)
{
  g_autofree char *sql = g_strconcat ("SELECT count(*) FROM sessions s", where, NULL);
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_filters (self, stmt, charger_id, accounts);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  *out_total = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static GArray *
page_rowids (OkcBackendSessionQuery  *self,
             OkcBackendDb            *db,
             const char              *where,
             const char              *charger_id,
             const char              *accounts,
             GError                 **error)
{
  const char *direction = self->descending ? " DESC" : " ASC";
  g_autofree char *sql = g_strconcat ("SELECT s.rowid FROM sessions s", where, " ORDER BY ",
                                      sorts[self->sort].expression, direction, ", s.id",
                                      direction, " LIMIT :limit OFFSET :offset", NULL);
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql, error);
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_filters (self, stmt, charger_id, accounts);
  bind_named_int64 (stmt, ":limit", self->limit);
  bind_named_int64 (stmt, ":offset", self->offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
    }
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&rowids);
}

/* A session's row with its charger's property and its account's name. */
#define SESSION_SELECT \
  "SELECT s.id, s.charger_id, s.connector_id, s.account_id, s.tariff_id, s.started_at, " \
  "s.charging_ended_at, s.ended_at, s.energy_wh, s.currency, s.total, s.outcome, " \
  "s.stop_reason, c.property_id, p.name, a.name, s.billed, " \
  "(SELECT m.samples FROM session_meter m WHERE m.session_id = s.id) " \
  "FROM sessions s LEFT JOIN chargers c ON c.id = s.charger_id " \
  "LEFT JOIN properties p ON p.id = c.property_id " \
  "LEFT JOIN accounts a ON a.id = s.account_id "

enum
{
  COL_ID,
  COL_CHARGER_ID,
  COL_CONNECTOR_ID,
  COL_ACCOUNT_ID,
  COL_TARIFF_ID,
  COL_STARTED_AT,
  COL_CHARGING_ENDED_AT,
  COL_ENDED_AT,
  COL_ENERGY_WH,
  COL_CURRENCY,
  COL_TOTAL,
  COL_OUTCOME,
  COL_STOP_REASON,
  COL_PROPERTY_ID,
  COL_PROPERTY_NAME,
  COL_ACCOUNT_NAME,
  COL_BILLED,
  COL_SAMPLES,
};

static JsonNode *
parse_stored_json (const char  *text,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, &parse_error))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "%s: the stored JSON is bad: %s",
                          path, parse_error != NULL ? parse_error->message : "none stored");
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

/* session_meter.samples, read as the schema writes it; a session without a row (recorded
 * before meters were kept, a v4 database) has no samples. */
static OkcMeteredSession *
parse_samples (OkcChargingSession  *session,
               const char          *text,
               const char          *path,
               GError             **error)
{
  gint64 started_at = okc_charging_session_get_started_at (session);
  gint64 charging_ended_at = okc_charging_session_get_charging_ended_at (session);
  gint64 ended_at = okc_charging_session_get_ended_at (session);
  OkcMeteredSession *meter;

  if (text == NULL)
    return okc_metered_session_new (started_at, charging_ended_at, ended_at);
  meter = okc_backend_schema_parse_samples (text, started_at, charging_ended_at, ended_at,
                                            error);
  if (meter == NULL)
    g_prefix_error (error, "%s: ", path);
  return meter;
}

static gboolean
read_enum (OkcBackendStmt  *stmt,
           int              column,
           GType            type,
           const char      *path,
           int             *out,
           GError         **error)
{
  const char *nick = okc_backend_stmt_get_text (stmt, column);

  if (nick != NULL && okc_enum_from_nick (type, nick, out))
    return TRUE;
  okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "%s: “%s” is not a known value",
                      path, nick != NULL ? nick : "");
  return FALSE;
}

/* The row @stmt is on as a session: with @with_billed its billed breakdown, with
 * @with_samples its meter. */
static OkcChargingSession *
session_from_row (OkcBackendStmt  *stmt,
                  gboolean         with_billed,
                  gboolean         with_samples,
                  GError         **error)
{
  const char *id = okc_backend_stmt_get_text (stmt, COL_ID);
  g_autofree char *path = g_strdup_printf ("sessions[%s]", id);
  g_autofree char *outcome_path = g_strconcat (path, ".outcome", NULL);
  g_autofree char *reason_path = g_strconcat (path, ".stop_reason", NULL);
  g_autoptr(OkcChargingSession) session = NULL;
  OkcMoney total;
  int outcome, reason;

  if (!read_enum (stmt, COL_OUTCOME, OKC_TYPE_SESSION_OUTCOME, outcome_path, &outcome, error) ||
      !read_enum (stmt, COL_STOP_REASON, OKC_TYPE_STOP_REASON, reason_path, &reason, error))
    return NULL;
  if (!okc_money_init (&total, sqlite3_column_int64 (stmt, COL_TOTAL),
                       okc_backend_stmt_get_text (stmt, COL_CURRENCY)))
    {
      okc_data_error_set (error, OKC_DATA_ERROR_INVALID, path, "%s.currency: not a currency",
                          path);
      return NULL;
    }

  session = okc_charging_session_new (id, okc_backend_stmt_get_text (stmt, COL_CHARGER_ID),
                                      (guint) sqlite3_column_int (stmt, COL_CONNECTOR_ID),
                                      okc_backend_stmt_get_text (stmt, COL_ACCOUNT_ID),
                                      sqlite3_column_int64 (stmt, COL_STARTED_AT),
                                      sqlite3_column_int64 (stmt, COL_CHARGING_ENDED_AT),
                                      sqlite3_column_int64 (stmt, COL_ENDED_AT),
                                      sqlite3_column_int64 (stmt, COL_ENERGY_WH), &total,
                                      outcome, reason);
  okc_charging_session_set_names (session, okc_backend_stmt_get_text (stmt, COL_PROPERTY_ID),
                                  okc_backend_stmt_get_text (stmt, COL_PROPERTY_NAME),
                                  okc_backend_stmt_get_text (stmt, COL_ACCOUNT_NAME),
                                  okc_backend_stmt_get_text (stmt, COL_TARIFF_ID));

  if (with_samples)
    {
      g_autofree char *samples_path = g_strconcat (path, ".samples", NULL);
      g_autoptr(OkcMeteredSession) meter =
        parse_samples (session, okc_backend_stmt_get_text (stmt, COL_SAMPLES), samples_path,
                       error);

      if (meter == NULL)
        return NULL;
      okc_charging_session_set_meter (session, meter);
    }
  if (with_billed)
    {
      g_autofree char *billed_path = g_strconcat (path, ".billed", NULL);
      g_autoptr(JsonNode) node = parse_stored_json (okc_backend_stmt_get_text (stmt, COL_BILLED),
                                                    billed_path, error);
      g_autoptr(OkcCostBreakdown) billed = NULL;

      if (node == NULL ||
          (billed = okc_cost_breakdown_new_from_json (node, billed_path, error)) == NULL ||
          !okc_charging_session_set_billed (session, billed, error))
        return NULL;
    }
  return g_steal_pointer (&session);
}

static OkcChargingSession *
load_by_rowid (OkcBackendDb  *db,
               gint64         rowid,
               GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, SESSION_SELECT
                                                               "WHERE s.rowid = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return session_from_row (stmt, FALSE, FALSE, error);
  /* The page's row ids were read in this same request: one gone is a failure. */
  if (rc == SQLITE_DONE)
    g_set_error (error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE,
                 "Session row %" G_GINT64_FORMAT " vanished while read", rowid);
  else
    okc_backend_db_set_error (db, error);
  return NULL;
}

OkcChargingSession *
okc_backend_sessions_load (OkcBackendDb  *db,
                           const char    *id,
                           gboolean       with_detail,
                           GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, SESSION_SELECT
                                                               "WHERE s.id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  return session_from_row (stmt, with_detail, with_detail, error);
}

GPtrArray *
okc_backend_sessions_neighbours (OkcBackendDb        *db,
                                 OkcChargingSession  *session,
                                 GError             **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    SESSION_SELECT "WHERE s.charger_id = ?1 AND s.id <> ?2 AND s.started_at >= ?3 "
    "AND s.started_at <= ?4 ORDER BY s.started_at, s.id LIMIT ?5",
    error);
  g_autoptr(GPtrArray) neighbours = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, okc_charging_session_get_charger_id (session));
  okc_backend_stmt_bind_text (stmt, 2, okc_charging_session_get_id (session));
  okc_backend_stmt_bind_int64 (stmt, 3, okc_charging_session_get_started_at (session) -
                                        OKC_SESSION_NEIGHBOUR_WINDOW_SECONDS);
  okc_backend_stmt_bind_int64 (stmt, 4, okc_charging_session_get_ended_at (session) +
                                        OKC_SESSION_NEIGHBOUR_WINDOW_SECONDS);
  okc_backend_stmt_bind_int64 (stmt, 5, OKC_BACKEND_SESSION_NEIGHBOURS_MAX);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* With their samples too: a Session's billed lines go with its meter (core's
       * codec), and the audit reads a neighbour's times and energy. */
      OkcChargingSession *neighbour = session_from_row (stmt, TRUE, TRUE, error);

      if (neighbour == NULL)
        return NULL;
      g_ptr_array_add (neighbours, neighbour);
    }
  if (rc != SQLITE_DONE)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&neighbours);
}

OkcTariff *
okc_backend_sessions_load_tariff (OkcBackendDb  *db,
                                  const char    *id,
                                  GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, "SELECT document FROM tariffs "
                                                               "WHERE id = ?1", error);
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) node = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  okc_backend_stmt_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      okc_backend_db_set_error (db, error);
      return NULL;
    }
  path = g_strdup_printf ("tariffs[%s].document", id);
  node = parse_stored_json (okc_backend_stmt_get_text (stmt, 0), path, error);
  if (node == NULL)
    return NULL;
  return okc_tariff_new_from_json (node, path, error);
}

static JsonNode *
build_page (GPtrArray *items,
            guint      offset,
            gint64     total)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    json_builder_add_value (builder, okc_charging_session_to_json (g_ptr_array_index (items, i),
                                                                   FALSE));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "offset");
  json_builder_add_int_value (builder, offset);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * okc_backend_session_query_run:
 *
 * Counts the matching sessions and reads one page: the page's row ids first, from the
 * sessions table and its indexes alone, then each row with its names, so that a deep
 * offset skips rows without joining them.
 */
JsonNode *
okc_backend_session_query_run (OkcBackendSessionQuery  *self,
                               OkcBackendDb            *db,
                               GError                 **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) rowids = NULL;
  g_autofree char *charger_id = NULL;
  g_autofree char *accounts = NULL;
  g_autofree char *where = NULL;
  gint64 total = 0;

  if (self->charger_id != NULL &&
      (charger_id = canonical_charger_id (db, self->charger_id, error)) == NULL)
    return NULL;
  if (self->account != NULL)
    {
      if ((accounts = find_accounts (self, db, error)) == NULL)
        return NULL;
      /* An unknown account is an empty list, not an error. */
      if (strcmp (accounts, "[]") == 0)
        return build_page (items, self->offset, 0);
    }

  where = build_where (self);
  if (!count_sessions (self, db, where, charger_id, accounts, &total, error))
    return NULL;
  if (self->offset < total)
    {
      rowids = page_rowids (self, db, where, charger_id, accounts, error);
      if (rowids == NULL)
        return NULL;
      for (guint i = 0; i < rowids->len; i++)
        {
          OkcChargingSession *session = load_by_rowid (db, g_array_index (rowids, gint64, i),
                                                       error);

          if (session == NULL)
            return NULL;
          g_ptr_array_add (items, session);
        }
    }
  return build_page (items, self->offset, total);
}

/**
 * okc_backend_sessions_load_evidence:
 * @out_session: (out): the detail, with meter samples and billed lines
 * @out_tariff: (out): its tariff
 * @out_neighbours: (out) (element-type OkcChargingSession): okc_backend_sessions_neighbours()
 *
 * What a session's detail and its analysis read.
 *
 * Returns: %TRUE with all three; %FALSE without @error set when there is no such session.
 */
gboolean
okc_backend_sessions_load_evidence (OkcBackendDb        *db,
                                    const char          *id,
                                    OkcChargingSession **out_session,
                                    OkcTariff          **out_tariff,
                                    GPtrArray          **out_neighbours,
                                    GError             **error)
{
  g_autoptr(OkcChargingSession) session = NULL;
  g_autoptr(OkcTariff) tariff = NULL;
  g_autoptr(GPtrArray) neighbours = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *tariff_id;

  session = okc_backend_sessions_load (db, id, TRUE, &local_error);
  if (session == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  tariff_id = okc_charging_session_get_tariff_id (session);
  tariff = okc_backend_sessions_load_tariff (db, tariff_id, &local_error);
  if (tariff == NULL && local_error == NULL)
    g_set_error (&local_error, OKC_BACKEND_DB_ERROR, OKC_BACKEND_DB_ERROR_SQLITE,
                 "Session %s’s tariff %s is not stored", id, tariff_id);
  if (tariff == NULL ||
      (neighbours = okc_backend_sessions_neighbours (db, session, &local_error)) == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *out_session = g_steal_pointer (&session);
  *out_tariff = g_steal_pointer (&tariff);
  *out_neighbours = g_steal_pointer (&neighbours);
  return TRUE;
}

/**
 * okc_backend_sessions_detail_to_json:
 *
 * The session's own members, then `tariff` and `neighbours`: core's codec writes the
 * Session, which leaves those two to the API.
 *
 * Returns: (transfer full): GET /v1/sessions/{id}'s answer.
 */
JsonNode *
okc_backend_sessions_detail_to_json (OkcChargingSession *session,
                                     OkcTariff          *tariff,
                                     GPtrArray          *neighbours)
{
  g_autoptr(JsonNode) own = okc_charging_session_to_json (session, TRUE);
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, json_node_get_object (own));
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (object, name, json_node_copy (value));
  json_object_set_member (object, "tariff", okc_tariff_to_json (tariff));
  for (guint i = 0; i < neighbours->len; i++)
    json_array_add_element (array,
                            okc_charging_session_to_json (g_ptr_array_index (neighbours, i),
                                                          TRUE));
  json_object_set_array_member (object, "neighbours", array);
  json_node_take_object (root, object);
  return root;
}
