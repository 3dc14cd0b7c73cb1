/* okc-backend-dataset-import.c — replacing the data with a dataset document, strictly
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-dataset-private.h"

#include <string.h>

#include "okc-backend-crypto.h"
#include "okc-backend-dataset-tables.h"
#include "okc-backend-fleet-sim-store.h"
#include "okc-backend-schema.h"
#include "okc-backend-tickets.h"
#include "okc-core.h"

#define MAX_TEXT_LENGTH 500

typedef struct
{
  OkcBackendDb *db;
  GHashTable *ids;   /* table name → (id → its "name", or "") */
  GHashTable *blobs; /* sha256 → OkcDatasetBlobInfo */
} Import;

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->ids, g_hash_table_unref);
  g_clear_pointer (&import->blobs, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static GHashTable *
table_ids (Import     *import,
           const char *table)
{
  GHashTable *ids = g_hash_table_lookup (import->ids, table);

  if (ids == NULL)
    {
      ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (import->ids, g_strdup (table), ids);
    }
  return ids;
}

#define fail okc_dataset_fail

static gboolean
read_text (JsonNode     *node,
           const char   *path,
           const char  **out,
           GError      **error)
{
  if (!okc_json_node_get_string (node, path, out, error))
    return FALSE;
  if (**out == '\0' || g_utf8_strlen (*out, -1) > MAX_TEXT_LENGTH)
    return fail (error, path, "must be a text of 1 to %d characters", MAX_TEXT_LENGTH);
  return TRUE;
}

static gboolean
check_text (OkcDatasetKind   kind,
            const char      *text,
            const char      *path,
            GError         **error)
{
  switch (kind)
    {
    case OKC_DATASET_EMAIL:
    case OKC_DATASET_ACCOUNT_EMAIL:
      return okc_text_is_email (text) || fail (error, path, "“%s” is not an email address", text);
    case OKC_DATASET_PHONE:
      return okc_text_is_phone (text) || fail (error, path, "“%s” is not a phone number", text);
    case OKC_DATASET_CARD_LAST4:
      return (strlen (text) == 4 && strspn (text, "0123456789") == 4) ||
             fail (error, path, "expected exactly the last 4 digits of a card");
    case OKC_DATASET_PASSWORD_HASH:
      return okc_backend_password_hash_is_valid (text) ||
             fail (error, path, "is not a pbkdf2-sha256$<iterations>$<salt>$<hash> password hash");
    case OKC_DATASET_TIMEZONE:
      {
        GTimeZone *zone = g_time_zone_new_identifier (text);
        if (zone == NULL)
          return fail (error, path, "“%s” is not a time zone such as America/New_York", text);
        g_time_zone_unref (zone);
        return TRUE;
      }
    default:
      return TRUE;
    }
}

static gboolean
bind_choice (const OkcDatasetColumn  *column,
             JsonNode                *node,
             const char              *path,
             OkcBackendStmt          *stmt,
             int                      index,
             GError                 **error)
{
  const char *text;
  g_autofree char *known = NULL;

  if (!okc_json_node_get_string (node, path, &text, error))
    return FALSE;
  if (g_strv_contains (column->choices, text))
    {
      okc_backend_stmt_bind_text (stmt, index, text);
      return TRUE;
    }
  known = g_strjoinv (", ", (char **) column->choices);
  return fail (error, path, "“%s” is not one of %s", text, known);
}

static gboolean
bind_money (JsonNode        *node,
            const char      *path,
            OkcBackendStmt  *stmt,
            int              index,
            char             currency[4],
            GError         **error)
{
  OkcMoney money;

  if (!okc_money_from_json (node, path, &money, error))
    return FALSE;
  if (currency[0] != '\0' && strcmp (currency, money.currency) != 0)
    {
      g_autofree char *member = okc_json_path_member (path, "currency");
      return fail (error, member, "is %s, but the record's other amounts are in %s",
                   money.currency, currency);
    }
  g_strlcpy (currency, money.currency, 4);
  okc_backend_stmt_bind_int64 (stmt, index, money.amount);
  return TRUE;
}

static gboolean
bind_scalar (Import                  *import,
             const OkcDatasetColumn  *column,
             JsonNode                *node,
             const char              *path,
             OkcBackendStmt          *stmt,
             int                      index,
             GError                 **error)
{
  const char *text = NULL;
  gint64 value;
  GDate date;

  switch (column->kind)
    {
    case OKC_DATASET_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return fail (error, path, "expected true or false");
      okc_backend_stmt_bind_int64 (stmt, index, json_node_get_boolean (node));
      return TRUE;
    case OKC_DATASET_INTEGER:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return fail (error, path, "expected an integer");
      value = json_node_get_int (node);
      if (value < column->min || value > column->max)
        return fail (error, path, "must be from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
                     column->min, column->max);
      okc_backend_stmt_bind_int64 (stmt, index, value);
      return TRUE;
    case OKC_DATASET_TIME:
      if (!okc_json_node_get_string (node, path, &text, error))
        return FALSE;
      if (!okc_time_parse_rfc3339 (text, &value))
        return fail (error, path, "“%s” is not an RFC 3339 time", text);
      okc_backend_stmt_bind_int64 (stmt, index, value);
      return TRUE;
    case OKC_DATASET_DATE:
      if (!okc_json_node_get_string (node, path, &text, error))
        return FALSE;
      if (!okc_date_parse (text, &date))
        return fail (error, path, "“%s” is not a date such as 2026-11-24", text);
      okc_backend_stmt_bind_text (stmt, index, text);
      return TRUE;
    case OKC_DATASET_REFERENCE:
      if (!okc_json_node_get_string (node, path, &text, error))
        return FALSE;
      if (!g_hash_table_contains (table_ids (import, column->references), text))
        return fail (error, path, "“%s” is not an id of the data set's %s", text,
                     column->references);
      okc_backend_stmt_bind_text (stmt, index, text);
      return TRUE;
    default:
      if (!read_text (node, path, &text, error) || !check_text (column->kind, text, path, error))
        return FALSE;
      okc_backend_stmt_bind_text (stmt, index, text);
      return TRUE;
    }
}

/* What binding a record's columns gathers for its other columns and tables. */
typedef struct
{
  char currency[4];
  char *samples;     /* session_meter.samples of a session, or NULL */
  char *card_last4;  /* an account's card, a row of cards, or NULL */
} RecordState;

static void
record_state_clear (RecordState *state)
{
  g_clear_pointer (&state->samples, g_free);
  g_clear_pointer (&state->card_last4, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RecordState, record_state_clear)

static void
bind_json (OkcBackendStmt *stmt,
           int             index,
           JsonNode       *node)
{
  g_autofree char *text = okc_json_to_string (node);

  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* A tariff document, whose id is the record's and whose currency becomes the row's. */
static gboolean
bind_tariff (JsonObject      *record,
             JsonNode        *node,
             const char      *path,
             OkcBackendStmt  *stmt,
             int              index,
             RecordState     *state,
             GError         **error)
{
  g_autoptr(OkcTariff) tariff = okc_tariff_new_from_json (node, path, error);
  g_autoptr(JsonNode) normalised = NULL;
  const char *id = json_object_get_string_member (record, "id");

  if (tariff == NULL)
    return FALSE;
  if (g_strcmp0 (okc_tariff_get_id (tariff), id) != 0)
    {
      g_autofree char *member = okc_json_path_member (path, "id");
      return fail (error, member, "is “%s”, not the record's id “%s”",
                   okc_tariff_get_id (tariff), id);
    }
  g_strlcpy (state->currency, okc_tariff_get_currency (tariff), sizeof state->currency);
  normalised = okc_tariff_to_json (tariff);
  bind_json (stmt, index, normalised);
  return TRUE;
}

/* A billed breakdown in the record's currency whose total is the record's "total". */
static gboolean
bind_breakdown (JsonObject      *record,
                JsonNode        *node,
                const char      *path,
                OkcBackendStmt  *stmt,
                int              index,
                RecordState     *state,
                GError         **error)
{
  g_autoptr(OkcCostBreakdown) billed = okc_cost_breakdown_new_from_json (node, path, error);
  g_autoptr(JsonNode) normalised = NULL;
  OkcMoney total, recorded;

  if (billed == NULL)
    return FALSE;
  if (g_strcmp0 (okc_cost_breakdown_get_currency (billed), state->currency) != 0)
    {
      g_autofree char *member = okc_json_path_member (path, "currency");
      return fail (error, member, "is %s, but the session's total is in %s",
                   okc_cost_breakdown_get_currency (billed), state->currency);
    }
  okc_cost_breakdown_get_total (billed, &total);
  if (okc_money_from_json (json_object_get_member (record, "total"), "total", &recorded, NULL) &&
      total.amount != recorded.amount)
    {
      g_autofree char *member = okc_json_path_member (path, "total");
      return fail (error, member, "is %" G_GINT64_FORMAT ", but the session's total is %"
                   G_GINT64_FORMAT, total.amount, recorded.amount);
    }
  normalised = okc_cost_breakdown_to_json (billed);
  bind_json (stmt, index, normalised);
  return TRUE;
}

/* The session's meter readings, within it and ascending, whose difference is its
 * energy_wh; kept for session_meter. */
static gboolean
read_samples (JsonObject   *record,
              JsonNode     *node,
              const char   *path,
              RecordState  *state,
              GError      **error)
{
  g_autoptr(JsonObject) session = json_object_new ();
  g_autoptr(JsonNode) session_node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(OkcMeteredSession) meter = NULL;
  g_autoptr(GError) local_error = NULL;
  static const char * const times[] = { "started_at", "charging_ended_at", "ended_at" };

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, path, "expected an array of {\"at\", \"wh\"} readings");
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    if (json_object_has_member (record, times[i]))
      json_object_set_member (session, times[i],
                              json_node_copy (json_object_get_member (record, times[i])));
  json_object_set_member (session, "samples", json_node_copy (node));
  json_node_set_object (session_node, session);

  /* The decoder names "samples[3].at" inside its own path: the record's. */
  meter = okc_metered_session_new_from_json (session_node, NULL, &local_error);
  if (meter == NULL || !okc_metered_session_validate (meter, &local_error))
    {
      const char *field = okc_data_error_get_field (local_error);
      g_autofree char *member = field != NULL && g_str_has_prefix (field, "samples")
                                  ? g_strconcat (path, field + strlen ("samples"), NULL)
                                  : g_strdup (path);
      const char *why = local_error->message;

      /* The message starts with the decoder's own path. */
      if (field != NULL && g_str_has_prefix (why, field) &&
          g_str_has_prefix (why + strlen (field), ": "))
        why += strlen (field) + 2;
      return fail (error, member, "%s", why);
    }
  if (okc_metered_session_get_energy_wh (meter) !=
      json_object_get_int_member (record, "energy_wh"))
    return fail (error, path, "the readings differ by %" G_GINT64_FORMAT " Wh, but energy_wh is %"
                 G_GINT64_FORMAT, okc_metered_session_get_energy_wh (meter),
                 json_object_get_int_member (record, "energy_wh"));
  state->samples = okc_backend_schema_format_samples (meter);
  return TRUE;
}

/* A dataset names an account's card by its last four digits: its default card. */
static gboolean
read_card_last4 (JsonNode     *node,
                 const char   *path,
                 RecordState  *state,
                 GError      **error)
{
  const char *text;

  if (!okc_json_node_get_string (node, path, &text, error) ||
      !check_text (OKC_DATASET_CARD_LAST4, text, path, error))
    return FALSE;
  state->card_last4 = g_strdup (text);
  return TRUE;
}

static gboolean
bind_column (Import                  *import,
             const OkcDatasetColumn  *column,
             JsonObject              *record,
             const char              *path,
             OkcBackendStmt          *stmt,
             int                      index,
             RecordState             *state,
             GError                 **error)
{
  g_autofree char *member = okc_json_path_member (path, column->name);
  JsonNode *node = json_object_get_member (record, column->name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!column->nullable)
        return fail (error, member, "is required");
      sqlite3_bind_null (stmt, index);
      return TRUE;
    }
  /* A deleted account's login email is erased; any other's is an email. */
  if (column->kind == OKC_DATASET_ACCOUNT_EMAIL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) == '\0')
    {
      JsonNode *deleted_at = json_object_get_member (record, "deleted_at");

      if (deleted_at == NULL || JSON_NODE_HOLDS_NULL (deleted_at))
        return fail (error, member, "is empty, but only a deleted account’s email is");
      okc_backend_stmt_bind_text (stmt, index, "");
      return TRUE;
    }
  switch (column->kind)
    {
    case OKC_DATASET_CHOICE:
      return bind_choice (column, node, member, stmt, index, error);
    case OKC_DATASET_MONEY:
      return bind_money (node, member, stmt, index, state->currency, error);
    case OKC_DATASET_TARIFF:
      return bind_tariff (record, node, member, stmt, index, state, error);
    case OKC_DATASET_BREAKDOWN:
      return bind_breakdown (record, node, member, stmt, index, state, error);
    case OKC_DATASET_SAMPLES:
      return read_samples (record, node, member, state, error);
    case OKC_DATASET_CARD_LAST4:
      return read_card_last4 (node, member, state, error);
    default:
      break;
    }
  return bind_scalar (import, column, node, member, stmt, index, error);
}

/* The samples are not a column of the table but a row of session_meter; the card, since
 * schema v7, a row of cards. */
static gboolean
is_stored_apart (const OkcDatasetColumn *column)
{
  return column->kind == OKC_DATASET_SAMPLES || column->kind == OKC_DATASET_CARD_LAST4;
}

static guint
count_sql_columns (const OkcDatasetTable *table)
{
  guint n = 0;

  for (guint i = 0; i < table->n_columns; i++)
    n += is_stored_apart (&table->columns[i]) ? 0 : 1;
  return n;
}

static char *
insert_sql (const OkcDatasetTable *table)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  guint n = count_sql_columns (table) + (table->has_currency ? 1 : 0);
  gboolean first = TRUE;

  g_string_append_printf (sql, "INSERT INTO %s (", table->name);
  for (guint i = 0; i < table->n_columns; i++)
    if (!is_stored_apart (&table->columns[i]))
      {
        g_string_append_printf (sql, "%s%s", first ? "" : ", ", table->columns[i].name);
        first = FALSE;
      }
  if (table->has_currency)
    g_string_append (sql, ", currency");
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  g_string_append (sql, ")");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
check_members (const OkcDatasetTable  *table,
               JsonObject             *record,
               const char             *path,
               GError                **error)
{
  g_autofree const char **allowed = g_new0 (const char *, table->n_columns + 1);

  for (guint i = 0; i < table->n_columns; i++)
    allowed[i] = table->columns[i].name;
  return okc_json_check_members (record, path, allowed, error);
}

/* Remembers the record's id, refusing a second record with the same one. */
static gboolean
register_id (Import                 *import,
             const OkcDatasetTable  *table,
             JsonObject             *record,
             const char             *path,
             GError                **error)
{
  GHashTable *ids = table_ids (import, table->name);
  const char *id, *name;

  if (strcmp (table->columns[0].name, "id") != 0)
    return TRUE;
  id = json_object_get_string_member (record, "id");
  if (g_hash_table_contains (ids, id))
    {
      g_autofree char *member = okc_json_path_member (path, "id");
      return fail (error, member, "“%s” is the id of an earlier record too", id);
    }
  name = json_object_has_member (record, "name") ? json_object_get_string_member (record, "name")
                                                 : "";
  g_hash_table_insert (ids, g_strdup (id), g_strdup (name));
  return TRUE;
}

/* The card a dataset names by its last four digits alone, as schema v7's migration
 * stores the card of an older database: the account's default card, added when the
 * account was created. Brand and expiry are the migration's placeholders (docs/accounts.md). */
static gboolean
store_card (Import      *import,
            const char  *account_id,
            const char  *last4,
            const char  *created_at,
            GError     **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    import->db,
    "INSERT INTO cards (id, account_id, brand, last4, exp_month, exp_year, is_default, added_at) "
    "SELECT printf ('CRD-%06d', COUNT (*) + 1), ?1, 'visa', ?2, 12, 2029, 1, ?3 FROM cards",
    error);
  gint64 added_at = 0;

  if (stmt == NULL)
    return FALSE;
  /* The record's created_at was checked and bound already. */
  okc_time_parse_rfc3339 (created_at, &added_at);
  okc_backend_stmt_bind_text (stmt, 1, account_id);
  okc_backend_stmt_bind_text (stmt, 2, last4);
  okc_backend_stmt_bind_int64 (stmt, 3, added_at);
  return okc_backend_db_step_done (import->db, stmt, error);
}

static gboolean
import_record (Import                 *import,
               const OkcDatasetTable  *table,
               OkcBackendStmt         *stmt,
               JsonNode               *node,
               const char             *path,
               GError                **error)
{
  JsonObject *record = okc_json_node_get_object (node, path, error);
  g_auto(RecordState) state = { "", NULL };
  int index = 0;

  if (record == NULL || !check_members (table, record, path, error))
    return FALSE;
  for (guint i = 0; i < table->n_columns; i++)
    {
      const OkcDatasetColumn *column = &table->columns[i];

      if (!is_stored_apart (column))
        index++;
      if (!bind_column (import, column, record, path, stmt, is_stored_apart (column) ? 0 : index,
                        &state, error))
        return FALSE;
    }
  if (table->has_currency)
    okc_backend_stmt_bind_text (stmt, index + 1, state.currency);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return fail (error, path, "cannot be stored: %s",
                 sqlite3_errmsg (okc_backend_db_get_handle (import->db)));
  sqlite3_reset (stmt);
  if (state.samples != NULL)
    {
      g_autoptr(OkcBackendStmt) meter = okc_backend_db_prepare (
        import->db, "INSERT INTO session_meter (session_id, samples) VALUES (?, ?)", error);

      if (meter == NULL)
        return FALSE;
      okc_backend_stmt_bind_text (meter, 1, json_object_get_string_member (record, "id"));
      okc_backend_stmt_bind_text (meter, 2, state.samples);
      if (!okc_backend_db_step_done (import->db, meter, error))
        return FALSE;
    }
  if (state.card_last4 != NULL &&
      !store_card (import, json_object_get_string_member (record, "id"), state.card_last4,
                   json_object_get_string_member (record, "created_at"), error))
    return FALSE;
  return register_id (import, table, record, path, error);
}

static gboolean
import_table (Import                 *import,
              JsonObject             *root,
              const OkcDatasetTable  *table,
              GError                **error)
{
  g_autofree char *sql = insert_sql (table);
  g_autoptr(OkcBackendStmt) stmt = NULL;
  JsonArray *records = NULL;

  table_ids (import, table->name);
  if (!okc_json_read_array (root, NULL, table->name, OKC_JSON_REQUIRED, &records, error))
    return FALSE;
  stmt = okc_backend_db_prepare (import->db, sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      g_autofree char *path = okc_json_path_index (table->name, i);
      if (!import_record (import, table, stmt, json_array_get_element (records, i), path, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_sha256_hex (const char *text)
{
  return strlen (text) == 64 && strspn (text, "0123456789abcdef") == 64;
}

static gboolean
is_strict_base64 (const char *text)
{
  gsize length = strlen (text);

  if (length == 0 || length % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '/' &&
        !(text[i] == '=' && i + 2 >= length))
      return FALSE;
  return TRUE;
}

static gboolean
is_image (GBytes *data)
{
  return okc_image_data_matches_type (data, "image/png") ||
         okc_image_data_matches_type (data, "image/jpeg") ||
         okc_image_data_matches_type (data, "image/webp");
}

static gboolean
import_blob (Import      *import,
             JsonNode    *node,
             const char  *path,
             GError     **error)
{
  static const char * const members[] = { "sha256", "data", NULL };
  g_autofree char *data_path = okc_json_path_member (path, "data");
  g_autofree char *sha_path = okc_json_path_member (path, "sha256");
  g_autoptr(GBytes) data = NULL;
  g_autofree char *computed = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  const char *sha256 = NULL, *base64 = NULL;
  JsonObject *record = okc_json_node_get_object (node, path, error);
  OkcDatasetBlobInfo *info;
  guchar *decoded;
  gsize size;

  if (record == NULL || !okc_json_check_members (record, path, members, error) ||
      !okc_json_read_string (record, path, "sha256", OKC_JSON_REQUIRED, &sha256, error) ||
      !okc_json_read_string (record, path, "data", OKC_JSON_REQUIRED, &base64, error))
    return FALSE;
  if (!is_sha256_hex (sha256))
    return fail (error, sha_path, "is not a SHA-256 in lowercase hex");
  if (g_hash_table_contains (import->blobs, sha256))
    return fail (error, sha_path, "is the key of an earlier blob too");
  if (!is_strict_base64 (base64))
    return fail (error, data_path, "is not base64 data");

  decoded = g_base64_decode (base64, &size);
  data = g_bytes_new_take (decoded, size);
  computed = okc_backend_sha256_hex (decoded, size);
  if (strcmp (computed, sha256) != 0)
    return fail (error, sha_path, "does not match the data, whose SHA-256 is %s", computed);
  if (!is_image (data))
    return fail (error, data_path, "is not a PNG, JPEG or WebP image");

  stmt = okc_backend_db_prepare (import->db, "INSERT INTO blobs (sha256, data) VALUES (?, ?)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, sha256);
  sqlite3_bind_blob64 (stmt, 2, decoded, size, SQLITE_STATIC);
  if (!okc_backend_db_step_done (import->db, stmt, error))
    return FALSE;

  info = g_new0 (OkcDatasetBlobInfo, 1);
  info->size = (gint64) size;
  info->head = g_bytes_new_from_bytes (data, 0, MIN (size, 16));
  g_hash_table_insert (import->blobs, g_strdup (sha256), info);
  return TRUE;
}

static gboolean
import_blobs (Import      *import,
              JsonObject  *root,
              GError     **error)
{
  JsonArray *records = NULL;

  if (!okc_json_read_array (root, NULL, "blobs", OKC_JSON_REQUIRED, &records, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      g_autofree char *path = okc_json_path_index ("blobs", i);
      if (!import_blob (import, json_array_get_element (records, i), path, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_generated (OkcBackendDb  *db,
                  JsonObject    *root,
                  GError       **error)
{
  static const char * const members[] = { "seed", "tickets", "now", NULL };
  JsonObject *generated = NULL;
  gint64 seed = 0, tickets = 0, now = 0;
  g_autofree char *seed_text = NULL;
  g_autofree char *tickets_text = NULL;
  g_autofree char *now_text = NULL;

  if (!okc_json_read_object (root, NULL, "generated", OKC_JSON_OPTIONAL, &generated, error))
    return FALSE;
  if (generated == NULL)
    return TRUE;
  if (!okc_json_check_members (generated, "generated", members, error) ||
      !okc_json_read_int64 (generated, "generated", "seed", OKC_JSON_REQUIRED, &seed, error) ||
      !okc_json_read_int64 (generated, "generated", "tickets", OKC_JSON_REQUIRED, &tickets,
                            error) ||
      !okc_json_read_time (generated, "generated", "now", OKC_JSON_REQUIRED, &now, error))
    return FALSE;
  if (seed < 0 || tickets < 0)
    return fail (error, "generated", "seed and tickets must not be negative");

  seed_text = g_strdup_printf ("%" G_GINT64_FORMAT, seed);
  tickets_text = g_strdup_printf ("%" G_GINT64_FORMAT, tickets);
  now_text = okc_time_format_rfc3339 (now);
  return okc_backend_db_set_meta (db, "demo_seed", seed_text, error) &&
         okc_backend_db_set_meta (db, "demo_tickets", tickets_text, error) &&
         okc_backend_db_set_meta (db, "demo_now", now_text, error);
}

static gboolean
check_header (JsonObject  *root,
              GError     **error)
{
  g_autoptr(GPtrArray) allowed = g_ptr_array_new ();
  const char *format = NULL;
  gint64 version = 0;
  guint n_tables;
  const OkcDatasetTable *tables = okc_dataset_tables_get (&n_tables);

  g_ptr_array_add (allowed, "format");
  g_ptr_array_add (allowed, "version");
  g_ptr_array_add (allowed, "generated");
  for (guint i = 0; i < n_tables; i++)
    g_ptr_array_add (allowed, (gpointer) tables[i].name);
  g_ptr_array_add (allowed, "blobs");
  g_ptr_array_add (allowed, "tickets");
  g_ptr_array_add (allowed, NULL);

  if (!okc_json_read_string (root, NULL, "format", OKC_JSON_REQUIRED, &format, error))
    return FALSE;
  if (strcmp (format, OKC_DATASET_FORMAT) != 0)
    return fail (error, "format", "“%s” is not %s", format, OKC_DATASET_FORMAT);
  if (!okc_json_read_int64 (root, NULL, "version", OKC_JSON_REQUIRED, &version, error))
    return FALSE;
  if (version != OKC_DATASET_VERSION)
    return fail (error, "version", "%" G_GINT64_FORMAT " is not supported; this backend reads "
                 "version %d", version, OKC_DATASET_VERSION);
  return okc_json_check_members (root, NULL, (const char * const *) allowed->pdata, error);
}

static gboolean
import_all (Import      *import,
            JsonObject  *root,
            GError     **error)
{
  guint n_tables;
  const OkcDatasetTable *tables = okc_dataset_tables_get (&n_tables);

  if (!check_header (root, error) || !okc_backend_db_clear (import->db, error) ||
      !import_generated (import->db, root, error))
    return FALSE;
  for (guint i = 0; i < n_tables; i++)
    if (!import_table (import, root, &tables[i], error))
      return FALSE;
  /* The older spelling of a policy, as the schema's v6 migration turns it. */
  if (!okc_backend_db_exec (import->db,
                            "UPDATE chargers SET access = 'residents_guests' "
                            "WHERE access = 'restricted'", error))
    return FALSE;
  /* A deleted account is one with a `deleted_at`. */
  if (!okc_backend_db_exec (import->db,
                            "UPDATE accounts SET status = 'deleted' WHERE deleted_at IS NOT NULL",
                            error))
    return FALSE;
  /* The chargers' live state is not in a data set: it is seeded from their status. */
  return import_blobs (import, root, error) &&
         okc_backend_dataset_import_tickets (import->db, root, import->ids, import->blobs,
                                             error) &&
         okc_backend_fleet_store_seed (import->db, 0, g_get_real_time () / G_USEC_PER_SEC,
                                       error);
}

/**
 * okc_backend_dataset_import:
 * @root: a dataset document
 *
 * Replaces all the data of @db with @root's, in one transaction: on any error, with an
 * #OKC_DATA_ERROR naming the member to blame, nothing changes.
 */
gboolean
okc_backend_dataset_import (OkcBackendDb  *db,
                            JsonNode      *root,
                            GError       **error)
{
  g_auto(Import) import = {
    .db = db,
    .ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) g_hash_table_unref),
    .blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) okc_dataset_blob_info_free),
  };
  JsonObject *object = okc_json_node_get_object (root, NULL, error);

  if (object == NULL || !okc_backend_db_begin (db, error))
    return FALSE;
  if (!import_all (&import, object, error) || !okc_backend_db_commit (db, error))
    {
      okc_backend_db_rollback (db);
      return FALSE;
    }
  return okc_backend_db_optimize (db, error);
}

/**
 * okc_backend_dataset_import_file:
 *
 * Reads @file and imports it; errors name the file.
 */
gboolean
okc_backend_dataset_import_file (OkcBackendDb  *db,
                                 GFile         *file,
                                 GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes != NULL)
    root = okc_json_parse_bytes (bytes, &local_error);
  if (root == NULL || !okc_backend_dataset_import (db, root, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "cannot import %s: ",
                                  name);
      return FALSE;
    }
  return TRUE;
}
