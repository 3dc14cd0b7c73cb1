/* test-backend-dataset.c — importing datasets strictly, and the command's errors
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "okc-backend-dataset.h"
#include "okc-backend-test-run.h"
#include "okc-core.h"
#include "okc-demo-generator.h"

#define NOW "2026-11-24T12:00:00Z"

static char *dir;
static char *database;     /* a database with a demo data set, made once */
static char *export_path;  /* its export */
static char *original;     /* the export's text */

static OkcBackendDb *
open_copy (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  OkcBackendDb *db = okc_backend_db_open (path, &error);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (original, strlen (original));

  g_assert_no_error (error);
  root = okc_json_parse_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (okc_backend_dataset_import (db, root, &error));
  g_assert_no_error (error);
  return db;
}

static char *
export_text (OkcBackendDb *db)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  char nul = '\0';

  g_assert_true (okc_backend_dataset_export (db, memory, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (memory, &nul, 1, NULL, NULL, &error);
  g_output_stream_close (memory, NULL, &error);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

typedef void (*Breakage) (JsonObject *root);

static JsonObject *
record (JsonObject *root,
        const char *table,
        guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (root, table), index);
}

/* The first ticket of @topic that has a property and an attachment, if asked. */
static guint
ticket_index (JsonObject *root,
              const char *topic,
              gboolean    with_attachment)
{
  JsonArray *tickets = json_object_get_array_member (root, "tickets");

  for (guint i = 0; i < json_array_get_length (tickets); i++)
    {
      JsonObject *ticket = json_array_get_object_element (tickets, i);
      if ((topic == NULL || g_str_equal (json_object_get_string_member (ticket, "topic"), topic)) &&
          !json_object_get_null_member (ticket, "property") &&
          (!with_attachment ||
           json_array_get_length (json_object_get_array_member (ticket, "attachments")) > 0))
        return i;
    }
  g_assert_not_reached ();
}

static void wrong_format (JsonObject *r) { json_object_set_string_member (r, "format", "csv"); }
static void newer_version (JsonObject *r) { json_object_set_int_member (r, "version", 3); }
static void unknown_table (JsonObject *r) { json_object_set_array_member (r, "refunds", json_array_new ()); }
static void no_tickets (JsonObject *r) { json_object_remove_member (r, "tickets"); }
static void bad_user_email (JsonObject *r) { json_object_set_string_member (record (r, "users", 0), "email", "alex"); }
static void bad_password_hash (JsonObject *r) { json_object_set_string_member (record (r, "users", 1), "password_hash", "md5$abc"); }
static void bad_account_kind (JsonObject *r) { json_object_set_string_member (record (r, "accounts", 0), "kind", "vip"); }
static void bad_card (JsonObject *r) { json_object_set_string_member (record (r, "accounts", 2), "card_last4", "42"); }
static void bad_timezone (JsonObject *r) { json_object_set_string_member (record (r, "properties", 0), "timezone", "Mars/Olympus_Mons"); }
static void dangling_host (JsonObject *r) { json_object_set_string_member (record (r, "properties", 0), "host_account_id", "ACC-99999"); }
static void unknown_member (JsonObject *r) { json_object_set_string_member (record (r, "units", 0), "floor", "3"); }
static void duplicate_charger (JsonObject *r)
{
  json_object_set_string_member (record (r, "chargers", 1), "id",
                                 json_object_get_string_member (record (r, "chargers", 0), "id"));
}
static void mixed_currency (JsonObject *r)
{
  json_object_set_string_member (json_object_get_object_member (record (r, "sessions", 0), "total"),
                                 "currency", "EUR");
}
static JsonObject *
document (JsonObject *r)
{
  return json_object_get_object_member (record (r, "tariffs", 0), "document");
}
static JsonArray *
samples (JsonObject *r)
{
  return json_object_get_array_member (record (r, "sessions", 0), "samples");
}
static void v1_tariff (JsonObject *r) { json_object_set_int_member (record (r, "tariffs", 0), "connection_fee", 100); }
static void tariff_other_id (JsonObject *r) { json_object_set_string_member (document (r), "id", "TRF-9999"); }
static void tariff_bad_zone (JsonObject *r) { json_object_set_string_member (document (r), "time_zone", "Mars/Olympus_Mons"); }
static void tariff_no_versions (JsonObject *r) { json_object_set_array_member (document (r), "versions", json_array_new ()); }
static void bad_connector (JsonObject *r) { json_object_set_int_member (record (r, "sessions", 0), "connector_id", 3); }
static void bad_outcome (JsonObject *r) { json_object_set_string_member (record (r, "sessions", 0), "outcome", "unplugged"); }
static void v1_stop_reason (JsonObject *r) { json_object_set_string_member (record (r, "sessions", 0), "stop_reason", "completed"); }
static void total_not_billed (JsonObject *r)
{
  JsonObject *total = json_object_get_object_member (record (r, "sessions", 0), "total");
  json_object_set_int_member (total, "amount", json_object_get_int_member (total, "amount") + 1);
}
static void billed_other_currency (JsonObject *r)
{
  json_object_set_string_member (json_object_get_object_member (record (r, "sessions", 0), "billed"),
                                 "currency", "EUR");
}
static void billed_bad_sum (JsonObject *r)
{
  JsonObject *taxes = json_object_get_object_member (
    json_object_get_object_member (record (r, "sessions", 0), "billed"), "taxes");
  json_object_set_int_member (taxes, "amount", json_object_get_int_member (taxes, "amount") + 1);
}
static void sample_outside (JsonObject *r)
{
  json_object_set_string_member (json_array_get_object_element (samples (r), 1), "at", "2000-01-01T00:00:00Z");
}
static void sample_not_integer (JsonObject *r)
{
  json_object_set_string_member (json_array_get_object_element (samples (r), 0), "wh", "12");
}
static void samples_not_energy (JsonObject *r)
{
  JsonObject *last = json_array_get_object_element (samples (r), json_array_get_length (samples (r)) - 1);
  json_object_set_int_member (last, "wh", json_object_get_int_member (last, "wh") + 5);
}
static void no_samples (JsonObject *r) { json_object_remove_member (record (r, "sessions", 0), "samples"); }
static void negative_energy (JsonObject *r) { json_object_set_int_member (record (r, "sessions", 0), "energy_wh", -5); }
static void bad_date (JsonObject *r) { json_object_set_string_member (record (r, "payouts", 0), "period_from", "2026-13-01"); }
static void blob_mismatch (JsonObject *r) { json_object_set_string_member (record (r, "blobs", 0), "sha256", "0000000000000000000000000000000000000000000000000000000000000000"); }
static void blob_not_base64 (JsonObject *r) { json_object_set_string_member (record (r, "blobs", 0), "data", "%%%%"); }
static void ticket_bad_topic (JsonObject *r) { json_object_set_string_member (record (r, "tickets", 0), "topic", "charger-on-fire"); }
static void ticket_bad_id (JsonObject *r) { json_object_set_string_member (record (r, "tickets", 0), "id", "T-1"); }
static void ticket_extra (JsonObject *r) { json_object_set_int_member (record (r, "tickets", 3), "sla_minutes", 30); }
static void ticket_card (JsonObject *r)
{
  JsonObject *ticket = record (r, "tickets", ticket_index (r, "billing-dispute", FALSE));
  json_object_set_string_member (json_object_get_object_member (ticket, "fields"), "card_last4", "12");
}
static void ticket_property (JsonObject *r)
{
  JsonObject *ticket = record (r, "tickets", ticket_index (r, NULL, FALSE));
  json_object_set_string_member (json_object_get_object_member (ticket, "property"), "id", "PRP-9999");
}
static void ticket_property_name (JsonObject *r)
{
  JsonObject *ticket = record (r, "tickets", ticket_index (r, NULL, FALSE));
  json_object_set_string_member (json_object_get_object_member (ticket, "property"), "name", "Elsewhere");
}
static void ticket_blob (JsonObject *r)
{
  JsonObject *ticket = record (r, "tickets", ticket_index (r, NULL, TRUE));
  JsonObject *attachment = json_array_get_object_element (json_object_get_array_member (ticket, "attachments"), 0);
  json_object_set_string_member (attachment, "sha256", "ab");
}
static void ticket_times (JsonObject *r)
{
  json_object_set_string_member (record (r, "tickets", 0), "updated_at", "2000-01-01T00:00:00Z");
}

static char *
ticket_path (guint index,
             const char *rest)
{
  return g_strdup_printf ("tickets[%u]%s", index, rest);
}

static void
test_import_errors (void)
{
  g_autoptr(OkcBackendDb) db = open_copy ("errors.sqlite");
  g_autoptr(GBytes) bytes = g_bytes_new_static (original, strlen (original));
  g_autoptr(JsonNode) probe = okc_json_parse_bytes (bytes, NULL);
  JsonObject *p = json_node_get_object (probe);
  g_autofree char *card = ticket_path (ticket_index (p, "billing-dispute", FALSE), ".fields.card_last4");
  g_autofree char *property = ticket_path (ticket_index (p, NULL, FALSE), ".property.id");
  g_autofree char *property_name = ticket_path (ticket_index (p, NULL, FALSE), ".property.name");
  g_autofree char *blob = ticket_path (ticket_index (p, NULL, TRUE), ".attachments[0].sha256");
  const struct
  {
    Breakage breakage;
    const char *field;
  } cases[] = {
    { wrong_format, "format" },
    { newer_version, "version" },
    { unknown_table, "refunds" },
    { no_tickets, "tickets" },
    { bad_user_email, "users[0].email" },
    { bad_password_hash, "users[1].password_hash" },
    { bad_account_kind, "accounts[0].kind" },
    { bad_card, "accounts[2].card_last4" },
    { bad_timezone, "properties[0].timezone" },
    { dangling_host, "properties[0].host_account_id" },
    { unknown_member, "units[0].floor" },
    { duplicate_charger, "chargers[1]" },
    { mixed_currency, "sessions[0].billed.currency" },
    { v1_tariff, "tariffs[0].connection_fee" },
    { tariff_other_id, "tariffs[0].document.id" },
    { tariff_bad_zone, "tariffs[0].document.time_zone" },
    { tariff_no_versions, "tariffs[0].document.versions" },
    { bad_connector, "sessions[0].connector_id" },
    { bad_outcome, "sessions[0].outcome" },
    { v1_stop_reason, "sessions[0].stop_reason" },
    { total_not_billed, "sessions[0].billed.total" },
    { billed_other_currency, "sessions[0].billed" },
    { billed_bad_sum, "sessions[0].billed.taxes" },
    { sample_outside, "sessions[0].samples[1].at" },
    { sample_not_integer, "sessions[0].samples[0].wh" },
    { samples_not_energy, "sessions[0].samples" },
    { no_samples, "sessions[0].samples" },
    { negative_energy, "sessions[0].energy_wh" },
    { bad_date, "payouts[0].period_from" },
    { blob_mismatch, "blobs[0].sha256" },
    { blob_not_base64, "blobs[0].data" },
    { ticket_bad_topic, "tickets[0].topic" },
    { ticket_bad_id, "tickets[0].id" },
    { ticket_extra, "tickets[3].sla_minutes" },
    { ticket_card, card },
    { ticket_property, property },
    { ticket_property_name, property_name },
    { ticket_blob, blob },
    { ticket_times, "tickets[0].updated_at" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = okc_json_parse_bytes (bytes, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_test_message ("case %u: %s", i, cases[i].field);
      cases[i].breakage (json_node_get_object (root));
      g_assert_false (okc_backend_dataset_import (db, root, &error));
      g_assert_error (error, OKC_DATA_ERROR, error->code);
      g_test_message ("  %s", error->message);
      /* The path of the bad member, or of the record when a constraint refuses it. */
      g_assert_nonnull (okc_data_error_get_field (error));
      g_assert_true (g_str_has_prefix (okc_data_error_get_field (error), cases[i].field));

      /* Nothing was written. */
      after = export_text (db);
      g_assert_true (g_str_equal (after, original));
    }
}

static int
run (const char * const *args,
     char              **out_stderr)
{
  g_autofree char *out = NULL;

  return okc_test_run_backend (args, &out, out_stderr);
}

static void
assert_one_line_error (const char *err)
{
  g_assert_true (g_str_has_prefix (err, "ok2charge-backend: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  /* One line only. */
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

static void
test_command_errors (void)
{
  g_autofree char *scratch = g_build_filename (dir, "scratch.sqlite", NULL);
  g_autofree char *not_a_db = g_build_filename (dir, "not-a-database.sqlite", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", "x.sqlite", NULL);
  const char *cases[][8] = {
    { "--listen", "nonsense", NULL },
    { "--listen", "127.0.0.1:99999", NULL },
    { "--listen", "example.com:80", NULL },
    { "--demo", "--seed", "-1", NULL },
    { "--demo", "--tickets", "lots", NULL },
    { "--demo", "--now", "yesterday", NULL },
    { "--seed", "3", NULL },
    { "--bogus", NULL },
    { "stray-argument", NULL },
    { "--demo", "--import", export_path, NULL },
  };

  g_assert_true (g_file_set_contents (not_a_db, "this is not a database, just text\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autofree char *err = NULL;

      g_ptr_array_add (args, "--database");
      g_ptr_array_add (args, scratch);
      for (guint k = 0; cases[i][k] != NULL; k++)
        g_ptr_array_add (args, (gpointer) cases[i][k]);
      g_ptr_array_add (args, NULL);

      g_test_message ("case %u: %s", i, cases[i][0]);
      g_assert_cmpint (run ((const char * const *) args->pdata, &err), ==, 1);
      assert_one_line_error (err);
    }

  {
    g_autofree char *err = NULL;
    const char *args[] = { "--database", not_a_db, "--export", "/dev/null", NULL };
    g_assert_cmpint (run (args, &err), ==, 1);
    assert_one_line_error (err);
  }
  {
    g_autofree char *err = NULL;
    const char *args[] = { "--database", missing, "--export", "/dev/null", NULL };
    g_assert_cmpint (run (args, &err), ==, 1);
    assert_one_line_error (err);
  }
}

/* A bad import leaves the database as it was, and says what was wrong where. */
static void
test_failed_import_changes_nothing (void)
{
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.json", NULL);
  g_autofree char *after_path = g_build_filename (dir, "after.json", NULL);
  g_autofree char *broken = g_strdup (original);
  g_autofree char *err = NULL, *err2 = NULL, *err3 = NULL, *out = NULL, *after = NULL;
  char *version = strstr (broken, "\"version\":2");
  const char *import_bad[] = { "--database", database, "--import", bad, NULL };
  const char *import_truncated[] = { "--database", database, "--import", truncated, NULL };
  const char *export_after[] = { "--database", database, "--export", after_path, NULL };

  version[10] = '7';
  g_assert_true (g_file_set_contents (bad, broken, -1, NULL));
  g_assert_true (g_file_set_contents (truncated, original, strlen (original) / 2, NULL));

  g_assert_cmpint (run (import_bad, &err), ==, 1);
  assert_one_line_error (err);
  g_assert_nonnull (strstr (err, "version"));
  g_assert_cmpint (run (import_truncated, &err2), ==, 1);
  assert_one_line_error (err2);

  g_assert_cmpint (okc_test_run_backend (export_after, &out, &err3), ==, 0);
  g_assert_true (g_file_get_contents (after_path, &after, NULL, NULL));
  g_assert_true (g_str_equal (after, original));
}

static gint64
count (OkcBackendDb *db,
       const char   *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Importing an export and exporting again gives the same document, byte for byte: the
 * tariff documents, breakdowns and samples included, each session with its meter. */
static void
test_round_trip (void)
{
  g_autoptr(OkcBackendDb) db = open_copy ("round-trip.sqlite");
  g_autofree char *again = export_text (db);

  g_assert_true (g_str_equal (again, original));
  g_assert_cmpint (count (db, "SELECT count(*) FROM sessions"), >, 100);
  g_assert_cmpint (count (db, "SELECT count(*) FROM sessions s WHERE NOT EXISTS "
                              "(SELECT 1 FROM session_meter m WHERE m.session_id = s.id)"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM tariffs WHERE "
                              "json_extract (document, '$.id') IS NOT id"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM sessions WHERE "
                              "json_extract (billed, '$.total.amount') IS NOT total"), ==, 0);
  g_assert_nonnull (strstr (original, "\"samples\":[{\"at\":"));
}

static void
test_demo_is_kept (void)
{
  g_autofree char *again = g_build_filename (dir, "again.json", NULL);
  g_autofree char *out = NULL, *err = NULL, *text = NULL;
  const char *args[] = { "--database", database, "--demo", "--seed", "99", "--tickets", "5",
                         "--export", again, NULL };

  /* The second --demo run reuses the data, whatever its seed, and says so. */
  g_assert_cmpint (okc_test_run_backend (args, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Reusing the data already in"));
  g_assert_true (g_file_get_contents (again, &text, NULL, NULL));
  g_assert_true (g_str_equal (text, original));
}

/* A file written before schema v6 spells residents_guests "restricted": read as the
 * migration turns it; the other policies are kept. */
static void
test_restricted_read (void)
{
  g_autofree char *path = g_build_filename (dir, "restricted.sqlite", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static (original, strlen (original));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = okc_json_parse_bytes (bytes, &error);
  g_autoptr(OkcBackendDb) db = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;
  JsonArray *chargers;
  guint n_restricted = 0;

  g_assert_no_error (error);
  chargers = json_object_get_array_member (json_node_get_object (root), "chargers");
  for (guint i = 0; i < json_array_get_length (chargers); i++)
    {
      JsonObject *charger = json_array_get_object_element (chargers, i);

      if (g_str_equal (json_object_get_string_member (charger, "access"), "residents_guests"))
        {
          json_object_set_string_member (charger, "access", "restricted");
          n_restricted++;
        }
    }
  g_assert_cmpuint (n_restricted, >, 0);

  db = okc_backend_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (okc_backend_dataset_import (db, root, &error));
  g_assert_no_error (error);
  stmt = okc_backend_db_prepare (db, "SELECT count (*) FILTER (WHERE access = 'restricted'), "
                                     "count (*) FILTER (WHERE access = 'residents_guests') "
                                     "FROM chargers", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, n_restricted);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *out = NULL, *err = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Backend/dataset/import-errors", test_import_errors);
  g_test_add_func ("/Okc/Backend/dataset/round-trip", test_round_trip);
  g_test_add_func ("/Okc/Backend/dataset/restricted-read", test_restricted_read);
  g_test_add_func ("/Okc/Backend/dataset/command-errors", test_command_errors);
  g_test_add_func ("/Okc/Backend/dataset/failed-import-changes-nothing",
                   test_failed_import_changes_nothing);
  g_test_add_func ("/Okc/Backend/dataset/demo-is-kept", test_demo_is_kept);

  dir = okc_test_make_dir ();
  database = g_build_filename (dir, "demo.sqlite", NULL);
  export_path = g_build_filename (dir, "demo.json", NULL);
  {
    const char *args[] = { "--database", database, "--demo", "--seed", "3", "--tickets", "60",
                           "--now", NOW, "--export", export_path, NULL };
    g_assert_cmpint (okc_test_run_backend (args, &out, &err), ==, 0);
    g_assert_true (g_file_get_contents (export_path, &original, NULL, NULL));
  }

  status = g_test_run ();

  okc_test_remove_dir (dir);
  g_free (dir);
  g_free (database);
  g_free (export_path);
  g_free (original);
  return status;
}
