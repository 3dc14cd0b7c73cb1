/* okc-backend-dataset-export.c — writing the data set as one JSON document
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-dataset.h"

#include <string.h>

#include "okc-backend-dataset-tables.h"
#include "okc-backend-tickets.h"
#include "okc-core.h"

static gboolean
write_text (GOutputStream  *out,
            const char     *text,
            GError        **error)
{
  return g_output_stream_write_all (out, text, strlen (text), NULL, NULL, error);
}

/* One record per line: the document stays diffable, and memory stays one record deep. */
static gboolean
write_record (GOutputStream  *out,
              gboolean        first,
              JsonNode       *record,
              GError        **error)
{
  g_autofree char *text = okc_json_to_string (record);

  return write_text (out, first ? "\n" : ",\n", error) && write_text (out, text, error);
}

/* A JSON column as it is stored, or the samples' [[t, wh]] pairs as [{"at", "wh"}]. */
static JsonNode *
parse_json_column (const OkcDatasetColumn  *column,
                   const char              *text,
                   GError                 **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonBuilder) builder = NULL;
  JsonArray *pairs;

  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  if (column->kind != OKC_DATASET_SAMPLES)
    return json_parser_steal_root (parser);

  if (!JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      g_set_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID, "samples: not an array");
      return NULL;
    }
  pairs = json_node_get_array (json_parser_get_root (parser));
  builder = json_builder_new_immutable ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonArray *pair = json_array_get_array_element (pairs, i);
      g_autofree char *at = NULL;

      if (pair == NULL || json_array_get_length (pair) != 2)
        {
          g_set_error (error, OKC_DATA_ERROR, OKC_DATA_ERROR_INVALID,
                       "samples[%u]: not a [unix_seconds, wh] pair", i);
          return NULL;
        }
      at = okc_time_format_rfc3339 (json_array_get_int_element (pair, 0));
      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "at", at);
      json_builder_set_member_name (builder, "wh");
      json_builder_add_int_value (builder, json_array_get_int_element (pair, 1));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

static gboolean
add_column (JsonBuilder            *builder,
            const OkcDatasetColumn *column,
            OkcBackendStmt         *row,
            int                     index,
            const char             *currency,
            GError                **error)
{
  json_builder_set_member_name (builder, column->name);
  if (sqlite3_column_type (row, index) == SQLITE_NULL)
    {
      json_builder_add_null_value (builder);
      return TRUE;
    }

  switch (column->kind)
    {
    case OKC_DATASET_BOOLEAN:
      json_builder_add_boolean_value (builder, sqlite3_column_int64 (row, index) != 0);
      break;
    case OKC_DATASET_INTEGER:
      json_builder_add_int_value (builder, sqlite3_column_int64 (row, index));
      break;
    case OKC_DATASET_TIME:
      {
        g_autofree char *text = okc_time_format_rfc3339 (sqlite3_column_int64 (row, index));
        json_builder_add_string_value (builder, text);
      }
      break;
    case OKC_DATASET_MONEY:
      {
        OkcMoney money;
        okc_money_init (&money, sqlite3_column_int64 (row, index), currency);
        json_builder_add_value (builder, okc_money_to_json (&money));
      }
      break;
    case OKC_DATASET_TARIFF:
    case OKC_DATASET_BREAKDOWN:
    case OKC_DATASET_SAMPLES:
      {
        JsonNode *node = parse_json_column (column, okc_backend_stmt_get_text (row, index),
                                            error);

        if (node == NULL)
          return FALSE;
        json_builder_add_value (builder, node);
      }
      break;
    default:
      json_builder_add_string_value (builder, okc_backend_stmt_get_text (row, index));
      break;
    }
  return TRUE;
}

static char *
select_sql (const OkcDatasetTable *table)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");

  for (guint i = 0; i < table->n_columns; i++)
    if (table->columns[i].kind == OKC_DATASET_SAMPLES)
      g_string_append_printf (sql, "%s(SELECT m.samples FROM session_meter m "
                              "WHERE m.session_id = %s.id)", i > 0 ? ", " : "", table->name);
    else if (table->columns[i].kind == OKC_DATASET_CARD_LAST4)
      /* The account's default card; a dataset has no place for the others. */
      g_string_append_printf (sql, "%s(SELECT k.last4 FROM cards k WHERE k.account_id = %s.id "
                              "AND k.removed_at IS NULL ORDER BY k.is_default DESC, k.added_at, "
                              "k.id LIMIT 1)", i > 0 ? ", " : "", table->name);
    else
      g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", table->columns[i].name);
  if (table->has_currency)
    g_string_append (sql, ", currency");
  g_string_append_printf (sql, " FROM %s ORDER BY %s", table->name, table->order_by);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
write_table (OkcBackendDb           *db,
             GOutputStream          *out,
             const OkcDatasetTable  *table,
             GError                **error)
{
  g_autofree char *sql = select_sql (table);
  g_autofree char *opening = g_strdup_printf (",\n\"%s\":[", table->name);
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql, error);
  gboolean first = TRUE;
  int rc;

  if (stmt == NULL || !write_text (out, opening, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
      g_autoptr(JsonNode) record = NULL;
      const char *currency = table->has_currency
                               ? okc_backend_stmt_get_text (stmt, (int) table->n_columns)
                               : NULL;

      json_builder_begin_object (builder);
      for (guint i = 0; i < table->n_columns; i++)
        if (!add_column (builder, &table->columns[i], stmt, (int) i, currency, error))
          {
            g_prefix_error (error, "%s %s: ", table->name, okc_backend_stmt_get_text (stmt, 0));
            return FALSE;
          }
      json_builder_end_object (builder);
      record = json_builder_get_root (builder);
      if (!write_record (out, first, record, error))
        return FALSE;
      first = FALSE;
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return write_text (out, "\n]", error);
}

static gboolean
write_blobs (OkcBackendDb   *db,
             GOutputStream  *out,
             GError        **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, "SELECT sha256, data FROM blobs ORDER BY sha256", error);
  gboolean first = TRUE;
  int rc;

  if (stmt == NULL || !write_text (out, ",\n\"blobs\":[", error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
      g_autoptr(JsonNode) record = NULL;
      g_autofree char *data = g_base64_encode (sqlite3_column_blob (stmt, 1),
                                               (gsize) sqlite3_column_bytes (stmt, 1));

      json_builder_begin_object (builder);
      okc_json_builder_add_string (builder, "sha256", okc_backend_stmt_get_text (stmt, 0));
      okc_json_builder_add_string (builder, "data", data);
      json_builder_end_object (builder);
      record = json_builder_get_root (builder);
      if (!write_record (out, first, record, error))
        return FALSE;
      first = FALSE;
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return write_text (out, "\n]", error);
}

static gboolean
write_tickets (OkcBackendDb   *db,
               GOutputStream  *out,
               GError        **error)
{
  g_autoptr(OkcBackendStmt) stmt =
    okc_backend_db_prepare (db, OKC_BACKEND_TICKET_SELECT " ORDER BY t.seq", error);
  gboolean first = TRUE;
  int rc;

  if (stmt == NULL || !write_text (out, ",\n\"tickets\":[", error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) record = okc_backend_tickets_encode_row (db, stmt, TRUE, error);

      if (record == NULL || !write_record (out, first, record, error))
        return FALSE;
      first = FALSE;
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return write_text (out, "\n]", error);
}

/* {"seed", "tickets", "now"} of the demo generator that made the data, or null. */
static JsonNode *
generated_node (OkcBackendDb *db)
{
  g_autofree char *seed = okc_backend_db_get_meta (db, "demo_seed");
  g_autofree char *tickets = okc_backend_db_get_meta (db, "demo_tickets");
  g_autofree char *now = okc_backend_db_get_meta (db, "demo_now");
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  if (seed == NULL || tickets == NULL || now == NULL)
    return json_node_new (JSON_NODE_NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, g_ascii_strtoll (seed, NULL, 10));
  json_builder_set_member_name (builder, "tickets");
  json_builder_add_int_value (builder, g_ascii_strtoll (tickets, NULL, 10));
  okc_json_builder_add_string (builder, "now", now);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
write_document (OkcBackendDb   *db,
                GOutputStream  *out,
                GError        **error)
{
  g_autoptr(JsonNode) generated = generated_node (db);
  g_autofree char *generated_text = okc_json_to_string (generated);
  g_autofree char *header = g_strdup_printf ("{\"format\":\"%s\",\"version\":%d,\"generated\":%s",
                                             OKC_DATASET_FORMAT, OKC_DATASET_VERSION,
                                             generated_text);
  guint n_tables;
  const OkcDatasetTable *tables = okc_dataset_tables_get (&n_tables);

  if (!write_text (out, header, error))
    return FALSE;
  for (guint i = 0; i < n_tables; i++)
    if (!write_table (db, out, &tables[i], error))
      return FALSE;
  return write_blobs (db, out, error) && write_tickets (db, out, error) &&
         write_text (out, "}\n", error);
}

/**
 * okc_backend_dataset_export:
 * @out: where to write the document
 *
 * Writes every table (the sign-in tokens excepted) as docs/dataset-format.md describes,
 * from one read transaction: a consistent snapshot even while a server writes.
 */
gboolean
okc_backend_dataset_export (OkcBackendDb   *db,
                            GOutputStream  *out,
                            GError        **error)
{
  g_autoptr(GOutputStream) buffered = g_buffered_output_stream_new_sized (out, 256 * 1024);
  gboolean ok;

  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
  if (!okc_backend_db_exec (db, "BEGIN", error))
    return FALSE;
  ok = write_document (db, buffered, error);
  okc_backend_db_exec (db, "COMMIT", NULL);
  return ok && g_output_stream_flush (buffered, NULL, error);
}
