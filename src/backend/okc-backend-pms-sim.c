/* okc-backend-pms-sim.c — the simulated property management systems (Guesty, Hospitable,
 * Track): a sync imports a property's bookings
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-backend-pms-sim.h"

#include "okc-demo-names.h"
#include "okc-demo-random.h"

#define DAY (24 * 60 * 60)
/* Chance that a free unit gets a booking starting on a day, and that its guest already
 * has an OK2Charge account (the booking's email is the account's). */
#define BOOKING_CHANCE 45
#define KNOWN_GUEST_CHANCE 70
#define MAX_NIGHTS 5
#define CHECK_IN_HOUR 16
#define CHECK_OUT_HOUR 11

/**
 * okc_backend_pms_sim_provider_label:
 *
 * Returns: the name of @provider ("guesty") as people write it ("Guesty").
 */
const char *
okc_backend_pms_sim_provider_label (const char *provider)
{
  if (g_strcmp0 (provider, "guesty") == 0)
    return "Guesty";
  if (g_strcmp0 (provider, "hospitable") == 0)
    return "Hospitable";
  if (g_strcmp0 (provider, "track") == 0)
    return "Track";
  return "The PMS";
}

/* FNV-1a: the same numbers on every machine, from the property, the unit and the day. */
static guint64
booking_seed (const char *property_id,
              const char *unit_id,
              const char *day)
{
  const char *parts[] = { property_id, "|", unit_id, "|", day };
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    for (const guchar *p = (const guchar *) parts[i]; *p != '\0'; p++)
      hash = (hash ^ *p) * G_GUINT64_CONSTANT (0x100000001b3);
  return hash;
}

/* "2 November 2026", whatever the backend's locale. */
static char *
format_day (gint64     unix_time,
            GTimeZone *tz)
{
  static const char * const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  };
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (local),
                          months[g_date_time_get_month (local) - 1],
                          g_date_time_get_year (local));
}

/**
 * okc_backend_pms_sim_token_error:
 * @tz: the property's time zone, the day's
 *
 * Returns: (transfer full): what @provider answers a sync whose API token expired at
 *   @expired_at, and what to do about it.
 */
char *
okc_backend_pms_sim_token_error (const char *provider,
                                 gint64      expired_at,
                                 GTimeZone  *tz)
{
  const char *label = okc_backend_pms_sim_provider_label (provider);
  g_autofree char *day = format_day (expired_at, tz);

  return g_strdup_printf ("%s refused the API token: it expired on %s; the host must "
                          "reconnect %s in OK2Charge.",
                          label, day, label);
}

typedef struct
{
  char *provider;
  gboolean connected;
  GTimeZone *tz;
  gint64 token_expired_at; /* 0: valid */
} PropertyPms;

static void
property_pms_clear (PropertyPms *pms)
{
  g_clear_pointer (&pms->provider, g_free);
  g_clear_pointer (&pms->tz, g_time_zone_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PropertyPms, property_pms_clear)

static gboolean
load_pms (OkcBackendDb  *db,
          const char    *property_id,
          PropertyPms   *out,
          GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "SELECT pms, pms_connected, timezone, coalesce (pms_token_expired_at, 0) "
    "FROM properties WHERE id = ?",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, property_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  out->provider = g_strdup (okc_backend_stmt_get_text (stmt, 0));
  out->connected = sqlite3_column_int (stmt, 1) != 0;
  out->tz = g_time_zone_new_identifier (okc_backend_stmt_get_text (stmt, 2));
  if (out->tz == NULL)
    out->tz = g_time_zone_new_utc ();
  out->token_expired_at = sqlite3_column_int64 (stmt, 3);
  return TRUE;
}

typedef struct
{
  GPtrArray *ids;    /* the guest accounts, by id */
  GPtrArray *names;
  GPtrArray *emails;
} Guests;

static void
guests_clear (Guests *guests)
{
  g_clear_pointer (&guests->ids, g_ptr_array_unref);
  g_clear_pointer (&guests->names, g_ptr_array_unref);
  g_clear_pointer (&guests->emails, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Guests, guests_clear)

static gboolean
load_guests (OkcBackendDb  *db,
             Guests        *out,
             GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "SELECT id, name, email FROM accounts WHERE kind = 'guest' AND status = 'active' "
        "ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  out->ids = g_ptr_array_new_with_free_func (g_free);
  out->names = g_ptr_array_new_with_free_func (g_free);
  out->emails = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (out->ids, g_strdup (okc_backend_stmt_get_text (stmt, 0)));
      g_ptr_array_add (out->names, g_strdup (okc_backend_stmt_get_text (stmt, 1)));
      g_ptr_array_add (out->emails, g_strdup (okc_backend_stmt_get_text (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

/* The account whose email is @email, compared without case as people type it. */
static gboolean
match_account (OkcBackendDb  *db,
               const char    *email,
               char         **out_id,
               GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "SELECT id FROM accounts WHERE email = ? COLLATE NOCASE AND status = 'active' "
        "ORDER BY id LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, email);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_id = g_strdup (okc_backend_stmt_get_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  return TRUE;
}

typedef struct
{
  const char *property_id;
  const char *unit_id;
  const char *provider;
  GDateTime *day;        /* the local day the booking starts */
  guint nights;
  char *guest_name;
  char *guest_email;
} Booking;

static gint64
local_time (GDateTime *day,
            guint      days_later,
            int        hour,
            GTimeZone *tz)
{
  g_autoptr(GDateTime) later = g_date_time_add_days (day, (int) days_later);
  g_autoptr(GDateTime) at = g_date_time_new (tz, g_date_time_get_year (later),
                                             g_date_time_get_month (later),
                                             g_date_time_get_day_of_month (later), hour, 0, 0);

  return g_date_time_to_unix (at);
}

/* Stores @booking unless the PMS gave it before (its reference is known); counts it in
 * @n_imported when new. */
static gboolean
store_booking (OkcBackendDb  *db,
               Booking       *booking,
               GTimeZone     *tz,
               gint64         now,
               gint64        *n_imported,
               GError       **error)
{
  g_autofree char *date = g_date_time_format (booking->day, "%Y%m%d");
  g_autofree char *id = g_strdup_printf ("BKG-%s-%s", booking->unit_id, date);
  g_autofree char *reference = g_strdup_printf ("%s:%s:%s", booking->provider, booking->unit_id,
                                                date);
  g_autofree char *account_id = NULL;
  g_autoptr(OkcBackendStmt) stmt = NULL;

  if (!match_account (db, booking->guest_email, &account_id, error))
    return FALSE;
  stmt = okc_backend_db_prepare (db,
                                 "INSERT INTO bookings (id, property_id, unit_id, account_id, "
                                 "guest_name, guest_email, check_in, check_out, pms_reference, "
                                 "synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                 "ON CONFLICT DO NOTHING",
                                 error);
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, id);
  okc_backend_stmt_bind_text (stmt, 2, booking->property_id);
  okc_backend_stmt_bind_text (stmt, 3, booking->unit_id);
  okc_backend_stmt_bind_text (stmt, 4, account_id);
  okc_backend_stmt_bind_text (stmt, 5, booking->guest_name);
  okc_backend_stmt_bind_text (stmt, 6, booking->guest_email);
  okc_backend_stmt_bind_int64 (stmt, 7, local_time (booking->day, 0, CHECK_IN_HOUR, tz));
  okc_backend_stmt_bind_int64 (stmt, 8,
                               local_time (booking->day, booking->nights, CHECK_OUT_HOUR, tz));
  okc_backend_stmt_bind_text (stmt, 9, reference);
  okc_backend_stmt_bind_int64 (stmt, 10, now);
  if (!okc_backend_db_step_done (db, stmt, error))
    return FALSE;
  *n_imported += sqlite3_changes (okc_backend_db_get_handle (db));
  return TRUE;
}

/* Picks the guest of a booking: mostly an account's holder, written as the PMS has it
 * (the case may differ), otherwise someone new to OK2Charge. */
static void
pick_guest (OkcDemoRandom *rng,
            Guests        *guests,
            const char    *unit_id,
            const char    *date,
            Booking       *booking)
{
  if (guests->ids->len > 0 && okc_demo_random_chance (rng, KNOWN_GUEST_CHANCE))
    {
      guint i = okc_demo_random_below (rng, guests->ids->len);
      const char *email = g_ptr_array_index (guests->emails, i);

      booking->guest_name = g_strdup (g_ptr_array_index (guests->names, i));
      booking->guest_email = okc_demo_random_chance (rng, 30) ? g_ascii_strup (email, -1)
                                                               : g_strdup (email);
    }
  else
    {
      const char *first = okc_demo_first_names[okc_demo_random_below (rng,
                                                                      okc_demo_n_first_names)];
      const char *last = okc_demo_last_names[okc_demo_random_below (rng, okc_demo_n_last_names)];
      g_autofree char *local = g_ascii_strdown (first, -1);

      booking->guest_name = g_strdup_printf ("%s %s", first, last);
      booking->guest_email = g_strdup_printf ("%s.%s.%s@guests.example", local, unit_id, date);
    }
}

/* The bookings of one unit for the days ahead: at most one stay at a time. */
static gboolean
import_unit (OkcBackendDb  *db,
             const char    *property_id,
             const char    *unit_id,
             PropertyPms   *pms,
             Guests        *guests,
             GDateTime     *today,
             gint64         now,
             gint64        *n_imported,
             GError       **error)
{
  guint free_from = 0;

  for (guint d = 0; d < OKC_BACKEND_PMS_SYNC_DAYS; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (today, (int) d);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      Booking booking = {
        .property_id = property_id, .unit_id = unit_id, .provider = pms->provider, .day = day,
      };
      OkcDemoRandom rng;
      gboolean stored;

      if (d < free_from)
        continue;
      okc_demo_random_init (&rng, booking_seed (property_id, unit_id, date));
      if (!okc_demo_random_chance (&rng, BOOKING_CHANCE))
        continue;
      booking.nights = (guint) okc_demo_random_range (&rng, 1, MAX_NIGHTS);
      pick_guest (&rng, guests, unit_id, date, &booking);
      stored = store_booking (db, &booking, pms->tz, now, n_imported, error);
      g_free (booking.guest_name);
      g_free (booking.guest_email);
      if (!stored)
        return FALSE;
      free_from = d + booking.nights;
    }
  return TRUE;
}

static gboolean
import_bookings (OkcBackendDb  *db,
                 const char    *property_id,
                 PropertyPms   *pms,
                 gint64         now,
                 gint64        *n_imported,
                 GError       **error)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, pms->tz);
  g_autoptr(GDateTime) today = g_date_time_new (pms->tz, g_date_time_get_year (local),
                                                g_date_time_get_month (local),
                                                g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(OkcBackendStmt) stmt = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_free);
  g_auto(Guests) guests = { 0 };
  int rc;

  if (!load_guests (db, &guests, error))
    return FALSE;
  stmt = okc_backend_db_prepare (db, "SELECT id FROM units WHERE property_id = ? ORDER BY id",
                                 error);
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, property_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (units, g_strdup (okc_backend_stmt_get_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    return okc_backend_db_set_error (db, error);
  okc_backend_stmt_release (stmt);

  for (guint i = 0; i < units->len; i++)
    if (!import_unit (db, property_id, g_ptr_array_index (units, i), pms, &guests, today, now,
                      n_imported, error))
      return FALSE;
  return TRUE;
}

static gboolean
count_chargers (OkcBackendDb  *db,
                const char    *property_id,
                gint64        *out,
                GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db, "SELECT count(*) FROM chargers WHERE property_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, property_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return okc_backend_db_set_error (db, error);
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
record_sync (OkcBackendDb  *db,
             const char    *property_id,
             const char    *actor_id,
             gint64         now,
             gint64         n_imported,
             gint64         n_matched,
             const char    *failure,
             gint64        *out_seq,
             GError       **error)
{
  g_autoptr(OkcBackendStmt) stmt = okc_backend_db_prepare (
    db,
    "INSERT INTO pms_syncs (property_id, started_at, finished_at, outcome, bookings_imported, "
    "chargers_matched, error, requested_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, property_id);
  okc_backend_stmt_bind_int64 (stmt, 2, now);
  okc_backend_stmt_bind_int64 (stmt, 3, now);
  okc_backend_stmt_bind_text (stmt, 4, failure == NULL ? "succeeded" : "failed");
  okc_backend_stmt_bind_int64 (stmt, 5, n_imported);
  okc_backend_stmt_bind_int64 (stmt, 6, n_matched);
  okc_backend_stmt_bind_text (stmt, 7, failure);
  okc_backend_stmt_bind_text (stmt, 8, actor_id);
  if (!okc_backend_db_step_done (db, stmt, error))
    return FALSE;
  *out_seq = sqlite3_last_insert_rowid (okc_backend_db_get_handle (db));
  okc_backend_stmt_release (stmt);

  /* A failure keeps the last good sync's time: it is when the bookings were last right. */
  stmt = okc_backend_db_prepare (db,
                                 "UPDATE properties SET pms_sync_state = ?, pms_last_error = ?, "
                                 "pms_last_sync_at = CASE WHEN ? IS NULL THEN ? "
                                 "ELSE pms_last_sync_at END WHERE id = ?",
                                 error);
  if (stmt == NULL)
    return FALSE;
  okc_backend_stmt_bind_text (stmt, 1, failure == NULL ? "ok" : "failing");
  okc_backend_stmt_bind_text (stmt, 2, failure);
  okc_backend_stmt_bind_text (stmt, 3, failure);
  okc_backend_stmt_bind_int64 (stmt, 4, now);
  okc_backend_stmt_bind_text (stmt, 5, property_id);
  return okc_backend_db_step_done (db, stmt, error);
}

/**
 * okc_backend_pms_sim_run:
 * @actor_id: (nullable): who asked for the sync
 * @out_seq: (out): the new pms_syncs row
 *
 * Syncs @property_id, which must exist and have a connected PMS, in the caller's
 * transaction: imports its bookings for the next %OKC_BACKEND_PMS_SYNC_DAYS days (the
 * same ones for the same property and day, each once), matches their guests to accounts
 * by email, and counts its chargers; or fails, as a PMS that refuses an expired API
 * token does. Either way the sync is recorded and the property's sync state updated.
 *
 * Returns: %FALSE with @error set only when SQLite failed.
 */
gboolean
okc_backend_pms_sim_run (OkcBackendDb  *db,
                         const char    *property_id,
                         const char    *actor_id,
                         gint64         now,
                         gint64        *out_seq,
                         GError       **error)
{
  g_auto(PropertyPms) pms = { 0 };
  g_autofree char *failure = NULL;
  gint64 n_imported = 0, n_matched = 0;

  if (!load_pms (db, property_id, &pms, error))
    return FALSE;
  g_return_val_if_fail (pms.connected && g_strcmp0 (pms.provider, "none") != 0, FALSE);

  if (pms.token_expired_at != 0 && pms.token_expired_at <= now)
    failure = okc_backend_pms_sim_token_error (pms.provider, pms.token_expired_at, pms.tz);
  else if (!import_bookings (db, property_id, &pms, now, &n_imported, error) ||
           !count_chargers (db, property_id, &n_matched, error))
    return FALSE;

  return record_sync (db, property_id, actor_id, now, n_imported, n_matched, failure, out_seq,
                      error);
}
