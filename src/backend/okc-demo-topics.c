/* okc-demo-topics.c — what the chatbot collected for each topic, from the fleet data
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include <string.h>

#include "okc-demo-names.h"
#include "okc-demo-tickets.h"

#define DAY (24 * 60 * 60)
#define HOUR (60 * 60)
#define MINUTE 60

typedef gboolean (*SessionFilter) (OkcDemoWorld *world,
                                   guint         session);

static OkcDemoRandom *
rng (OkcDemoWorld *world)
{
  return &world->random;
}

static gint64
window_start (OkcDemoWorld *world)
{
  return world->now - world->ticket_window;
}

/* A time for a ticket raised some time after @after, within the ticket window. */
static gint64
time_after (OkcDemoWorld *world,
            gint64        after,
            gint64        max_delay)
{
  gint64 from = MAX (after + 5 * MINUTE, window_start (world));
  gint64 to = MIN (from + max_delay, world->now - 2 * MINUTE);

  if (to <= from)
    return world->now - MINUTE;
  return okc_demo_random_range (rng (world), from, to);
}

static gint64
floor_to (gint64 unix_time,
          gint64 step)
{
  return unix_time - unix_time % step;
}

static void
set_text (OkcDemoDraft *draft,
          const char   *key,
          const char   *value)
{
  json_object_set_string_member (draft->fields, key, value);
}

static void
set_time (OkcDemoDraft *draft,
          const char   *key,
          gint64        unix_time)
{
  g_autofree char *text = okc_time_format_rfc3339 (unix_time);

  json_object_set_string_member (draft->fields, key, text);
}

static JsonNode *
money_node (gint64 amount)
{
  OkcMoney money;

  okc_money_init (&money, amount, OKC_DEMO_CURRENCY);
  return okc_money_to_json (&money);
}

static guint
pick_guest (OkcDemoWorld *world)
{
  return world->n_hosts + okc_demo_random_below (rng (world),
                                                 world->accounts->len - world->n_hosts);
}

static void
set_property (OkcDemoWorld *world,
              OkcDemoDraft *draft,
              gboolean      with_address)
{
  const OkcDemoProperty *property = OKC_DEMO_PROPERTY (world, draft->property);
  const OkcDemoCity *city = &okc_demo_cities[property->city];

  set_text (draft, "property_name", property->name);
  if (with_address)
    {
      g_autofree char *address = g_strdup_printf ("%s, %s, %s %s", property->address, city->city,
                                                  city->state, property->postal_code);
      set_text (draft, "property_address", address);
    }
}

/* The charger's ID (or serial) as typed, a photo of its QR label instead, both, or
 * neither: "a charger ID or a clear photo of the QR code". */
static void
set_charger_reference (OkcDemoWorld *world,
                       OkcDemoDraft *draft,
                       const char   *key,
                       const char   *value)
{
  static const guint weights[] = { 60, 20, 10, 10 }; /* text, photo, both, neither */
  gboolean photographed = OKC_DEMO_CHARGER (world, draft->charger)->photographed;
  guint mode = okc_demo_random_weighted (rng (world), weights, G_N_ELEMENTS (weights));

  if (!photographed && (mode == 1 || mode == 2))
    mode = 0;
  if (mode == 0 || mode == 2)
    set_text (draft, key, value);
  draft->qr_photo = mode == 1 || mode == 2;
}

static int
pick_charger (OkcDemoWorld *world,
              gboolean    (*accept) (const OkcDemoCharger *charger))
{
  guint n = world->chargers->len;
  guint start = okc_demo_random_below (rng (world), n);

  for (guint k = 0; k < n; k++)
    {
      guint c = (start + k) % n;
      if (accept (OKC_DEMO_CHARGER (world, c)))
        return (int) c;
    }
  return -1;
}

static gboolean
is_assigned (const OkcDemoCharger *charger)
{
  return charger->property >= 0;
}

static gboolean
is_down (const OkcDemoCharger *charger)
{
  return charger->property >= 0 && !g_str_equal (charger->status, "online");
}

static gboolean
is_restricted (const OkcDemoCharger *charger)
{
  return charger->property >= 0 && charger->restricted;
}

/* A charger kept to its list at a rental whose PMS is connected: its guests are
 * bookings, but only the list lets them in. */
static gboolean
is_list_only_with_pms (const OkcDemoCharger *charger)
{
  return charger->property >= 0 && charger->list_only && charger->pms_connected;
}

static gboolean
is_unassigned (const OkcDemoCharger *charger)
{
  return charger->property < 0;
}

/* A session that ended in the ticket window and passes @filter; any recent one if none
 * does. Returns -1 only if there are no recent sessions at all. */
static int
pick_session (OkcDemoWorld  *world,
              SessionFilter  filter)
{
  guint n = world->recent_sessions->len;
  guint start;

  if (n == 0)
    return -1;
  start = okc_demo_random_below (rng (world), n);
  for (guint k = 0; filter != NULL && k < n; k++)
    {
      guint s = g_array_index (world->recent_sessions, guint, (start + k) % n);
      if (filter (world, s))
        return (int) s;
    }
  return (int) g_array_index (world->recent_sessions, guint, start);
}

static void
use_session (OkcDemoWorld *world,
             OkcDemoDraft *draft,
             int           session)
{
  const OkcDemoSession *s = OKC_DEMO_SESSION (world, session);

  draft->account = (int) s->account;
  draft->charger = (int) s->charger;
  draft->property = OKC_DEMO_CHARGER (world, s->charger)->property;
}

static void
fill_charger_offline (OkcDemoWorld *world,
                      OkcDemoDraft *draft)
{
  const OkcDemoCharger *charger;
  const char *name;

  draft->charger = okc_demo_random_chance (rng (world), 70) ? pick_charger (world, is_down) : -1;
  if (draft->charger < 0)
    draft->charger = pick_charger (world, is_assigned);
  charger = OKC_DEMO_CHARGER (world, draft->charger);
  draft->property = charger->property;
  draft->account = okc_demo_random_chance (rng (world), 25)
                     ? (int) OKC_DEMO_PROPERTY (world, draft->property)->host
                     : (int) pick_guest (world);
  /* An offline charger is reported after it went quiet; a faulted one still sends
   * heartbeats: its fault began in the last hours and guests report it since, a burst
   * of recent tickets rather than a pile in the last minute. */
  if (is_down (charger) && g_str_equal (charger->status, "offline"))
    draft->created_at = time_after (world, charger->last_heartbeat_at, 3 * DAY);
  else if (is_down (charger))
    draft->created_at = time_after (world, world->now - 105 * MINUTE, 2 * HOUR);
  else
    draft->created_at = time_after (world, window_start (world), 14 * DAY);

  set_charger_reference (world, draft, "charger_id", charger->id);
  /* The first report of a charger that is down is planted: a guest wrote minutes ago from
   * the charger, sent a photo of its label instead of typing the ID and left out the
   * address, so the queue always shows both a QR photo and a detail still to ask for.
   * (Every down charger has a photo, okc-demo-fleet.c.) */
  if (!world->planted_photo && is_down (charger))
    {
      draft->created_at = world->now - 20 * 60;
      json_object_remove_member (draft->fields, "charger_id");
      draft->qr_photo = TRUE;
      world->planted_photo = TRUE;
      set_property (world, draft, FALSE);
    }
  else
    set_property (world, draft, TRUE);
  set_time (draft, "attempted_at",
            floor_to (draft->created_at - okc_demo_random_range (rng (world), 5, 120) * MINUTE,
                      MINUTE));
  name = OKC_DEMO_PROPERTY (world, draft->property)->name;
  draft->summary = OKC_DEMO_ACCOUNT (world, draft->account)->is_host
                     ? g_strdup_printf ("Dashboard shows charger %s at %s offline", charger->id,
                                        name)
                     : g_strdup_printf ("Charger %s at %s shows Offline and won't start",
                                        charger->id, name);
}

static gboolean
is_failed_charge (OkcDemoWorld *world,
                  guint         session)
{
  const OkcDemoSession *s = OKC_DEMO_SESSION (world, session);

  return g_str_equal (s->outcome, "interrupted") &&
         (g_str_equal (s->stop_reason, "Other") || g_str_equal (s->stop_reason, "PowerLoss"));
}

static void
fill_not_charging (OkcDemoWorld *world,
                   OkcDemoDraft *draft)
{
  int session = pick_session (world, is_failed_charge);
  const OkcDemoSession *s = OKC_DEMO_SESSION (world, session);

  use_session (world, draft, session);
  draft->created_at = time_after (world, s->ended_at, 6 * HOUR);
  set_property (world, draft, FALSE);
  set_charger_reference (world, draft, "charger_id", OKC_DEMO_CHARGER (world, s->charger)->id);
  set_time (draft, "attempted_at", floor_to (s->started_at, 5 * MINUTE));
  if (okc_demo_random_chance (rng (world), 45))
    {
      draft->has_screen = TRUE;
      draft->screen = okc_demo_random_chance (rng (world), 60)
                        ? OKC_DEMO_SCREEN_CHARGING_UNSUCCESSFUL
                        : OKC_DEMO_SCREEN_SESSION_STOPPED;
    }
  draft->summary = g_strdup_printf ("Plugged in at %s but the session stops after a few minutes",
                                    OKC_DEMO_PROPERTY (world, draft->property)->name);
}

static gboolean
has_access (const OkcDemoCharger *charger,
            guint                 account)
{
  for (guint k = 0; k < charger->access->len; k++)
    if (g_array_index (charger->access, guint, k) == account)
      return TRUE;
  return FALSE;
}

/* The permission gap: a guest staying at the property, whose booking the PMS synced,
 * is not on the list of a charger kept to its access list (the article's "guest can't
 * start"); failing such a charger, a resident or guest missing from a restricted list. */
/* The guest's stay, from before the ticket until two days from now. */
static void
plant_stay (OkcDemoWorld       *world,
            const OkcDemoDraft *draft)
{
  OkcDemoBooking booking = { 0 };

  booking.property = (guint) draft->property;
  booking.unit = OKC_DEMO_CHARGER (world, draft->charger)->unit;
  booking.account = (guint) draft->account;
  booking.check_in = MIN (draft->created_at, world->now) - DAY;
  booking.check_out = world->now + 2 * DAY;
  g_array_append_val (world->bookings, booking);
}

static void
fill_no_permission (OkcDemoWorld *world,
                    OkcDemoDraft *draft)
{
  const OkcDemoCharger *charger;
  const OkcDemoAccount *account;

  /* The first such ticket is the staying guest; the others are drawn among all the
   * restricted chargers. */
  draft->charger = world->planted_stay ? -1 : pick_charger (world, is_list_only_with_pms);
  if (draft->charger < 0)
    draft->charger = pick_charger (world, is_restricted);
  if (draft->charger < 0)
    draft->charger = pick_charger (world, is_assigned);
  charger = OKC_DEMO_CHARGER (world, draft->charger);
  draft->property = charger->property;
  do
    draft->account = (int) pick_guest (world);
  while (has_access (charger, (guint) draft->account));
  account = OKC_DEMO_ACCOUNT (world, draft->account);
  draft->created_at = time_after (world, window_start (world), 14 * DAY);
  set_property (world, draft, FALSE);
  /* The staying guest names the charger, so the agent can go straight to it. */
  if (!world->planted_stay && charger->list_only && charger->pms_connected)
    {
      /* They wrote in minutes ago, from the charger: the ticket is still open. */
      draft->created_at = world->now - 20 * 60;
      plant_stay (world, draft);
      world->planted_stay = TRUE;
      set_text (draft, "charger_id", charger->id);
    }
  else
    set_charger_reference (world, draft, "charger_id", charger->id);
  set_text (draft, "account_contact",
            account->phone != NULL && okc_demo_random_chance (rng (world), 30) ? account->phone
                                                                                : account->email);
  draft->summary = g_strdup_printf ("“Not allowed to use this charger” on %s at %s", charger->id,
                                    OKC_DEMO_PROPERTY (world, draft->property)->name);
}

static gboolean
is_repeated_fee (OkcDemoWorld *world,
                 guint         session)
{
  return OKC_DEMO_SESSION (world, session)->problem == OKC_DEMO_PROBLEM_REPEATED_CONNECTION_FEE;
}

static gboolean
is_idle_while_charging (OkcDemoWorld *world,
                        guint         session)
{
  return OKC_DEMO_SESSION (world, session)->problem == OKC_DEMO_PROBLEM_IDLE_WHILE_CHARGING;
}

static gboolean
is_overcharge (OkcDemoWorld *world,
               guint         session)
{
  OkcDemoProblem problem = OKC_DEMO_SESSION (world, session)->problem;

  return problem == OKC_DEMO_PROBLEM_WRONG_RATE || problem == OKC_DEMO_PROBLEM_WRONG_TAX ||
         problem == OKC_DEMO_PROBLEM_DOUBLE_BILLING;
}

/* The first session of the burst of failed attempts @session belongs to. */
static guint
burst_start (OkcDemoWorld *world,
             guint         session)
{
  const OkcDemoSession *s = OKC_DEMO_SESSION (world, session);

  while (session > 0)
    {
      const OkcDemoSession *previous = OKC_DEMO_SESSION (world, session - 1);
      if (previous->problem != OKC_DEMO_PROBLEM_REPEATED_CONNECTION_FEE ||
          previous->charger != s->charger || previous->account != s->account ||
          s->started_at - previous->ended_at > 10 * MINUTE)
        break;
      session--;
      s = previous;
    }
  return session;
}

static void
set_billed_sessions (OkcDemoWorld *world,
                     OkcDemoDraft *draft,
                     guint         first,
                     guint         count)
{
  JsonArray *times = json_array_new ();
  JsonArray *amounts = json_array_new ();

  for (guint i = first; i < first + count; i++)
    {
      const OkcDemoSession *s = OKC_DEMO_SESSION (world, i);
      g_autofree char *time = okc_time_format_rfc3339 (floor_to (s->started_at, MINUTE));

      json_array_add_string_element (times, time);
      json_array_add_element (amounts, money_node (s->total));
    }
  json_object_set_array_member (draft->fields, "session_times", times);
  json_object_set_array_member (draft->fields, "amounts_charged", amounts);
}

static void
fill_billing_dispute (OkcDemoWorld *world,
                      OkcDemoDraft *draft)
{
  static const guint weights[] = { 45, 30, 10, 15 };
  static const SessionFilter filters[] = { is_repeated_fee, is_idle_while_charging,
                                           is_overcharge, NULL };
  guint kind = okc_demo_random_weighted (rng (world), weights, G_N_ELEMENTS (weights));
  int session = pick_session (world, filters[kind]);
  const OkcDemoSession *s = OKC_DEMO_SESSION (world, session);
  guint first = (guint) session, count = 1;
  const char *dispute;

  if (s->problem == OKC_DEMO_PROBLEM_REPEATED_CONNECTION_FEE)
    {
      first = burst_start (world, (guint) session);
      count = OKC_DEMO_SESSION (world, first)->burst;
      s = OKC_DEMO_SESSION (world, first + count - 1);
    }
  use_session (world, draft, (int) first);
  draft->created_at = time_after (world, s->ended_at, 2 * DAY);

  set_property (world, draft, FALSE);
  set_billed_sessions (world, draft, first, count);
  set_text (draft, "card_last4", OKC_DEMO_ACCOUNT (world, draft->account)->card_last4);
  dispute = s->problem == OKC_DEMO_PROBLEM_REPEATED_CONNECTION_FEE ? "repeated_connection_fee"
            : s->problem == OKC_DEMO_PROBLEM_IDLE_WHILE_CHARGING   ? "idle_fee"
                                                                   : "overcharge";
  if (okc_demo_random_chance (rng (world), 80))
    set_text (draft, "dispute_kind", dispute);
  if (s->problem == OKC_DEMO_PROBLEM_REPEATED_CONNECTION_FEE)
    draft->summary = g_strdup_printf ("Billed a connection fee %u times for failed attempts",
                                      count);
  else if (s->problem == OKC_DEMO_PROBLEM_IDLE_WHILE_CHARGING)
    draft->summary = g_strdup ("Idle fee charged while the car was still charging");
  else if (s->problem == OKC_DEMO_PROBLEM_DOUBLE_BILLING)
    draft->summary = g_strdup_printf ("Charged twice for one session at %s",
                                      OKC_DEMO_PROPERTY (world, draft->property)->name);
  else
    draft->summary = g_strdup_printf ("Charged more than expected at %s",
                                      OKC_DEMO_PROPERTY (world, draft->property)->name);
}

static gboolean
is_expensive (OkcDemoWorld *world,
              guint         session)
{
  return OKC_DEMO_SESSION (world, session)->total >= 2500;
}

static void
fill_cost_breakdown (OkcDemoWorld *world,
                     OkcDemoDraft *draft)
{
  int session = pick_session (world, is_expensive);
  const OkcDemoSession *s = OKC_DEMO_SESSION (world, session);
  OkcMoney total;
  g_autofree char *total_text = NULL;

  use_session (world, draft, session);
  draft->created_at = time_after (world, s->ended_at, 3 * DAY);
  set_property (world, draft, FALSE);
  if (okc_demo_random_chance (rng (world), 65))
    set_charger_reference (world, draft, "charger_id", OKC_DEMO_CHARGER (world, s->charger)->id);
  set_time (draft, "session_at", floor_to (s->started_at, 5 * MINUTE));
  json_object_set_member (draft->fields, "total_charged", money_node (s->total));

  okc_money_init (&total, s->total, OKC_DEMO_CURRENCY);
  total_text = okc_money_format (&total);
  draft->summary = g_strdup_printf ("How was the %s charge at %s calculated?", total_text,
                                    OKC_DEMO_PROPERTY (world, draft->property)->name);
}

static void
fill_cancel_or_delete (OkcDemoWorld *world,
                       OkcDemoDraft *draft)
{
  static const char * const requests[] = { "cancel_subscription", "delete_account", "remove_card" };
  static const char * const summaries[] = { "Cancel the subscription, moving away",
                                            "Delete the account and its data",
                                            "Remove the saved credit card" };
  const OkcDemoAccount *account;
  guint request;

  draft->account = okc_demo_random_chance (rng (world), 20)
                     ? (int) okc_demo_random_below (rng (world), world->n_hosts)
                     : (int) pick_guest (world);
  account = OKC_DEMO_ACCOUNT (world, draft->account);
  request = g_str_equal (account->subscription, "none") ? 1 + okc_demo_random_below (rng (world), 2)
                                                        : okc_demo_random_below (rng (world), 3);
  draft->created_at = time_after (world, window_start (world), 14 * DAY);
  set_text (draft, "account_contact",
            account->phone != NULL && okc_demo_random_chance (rng (world), 25) ? account->phone
                                                                                : account->email);
  set_text (draft, "request", requests[request]);
  draft->summary = g_strdup (summaries[request]);
}

static void
fill_change_email (OkcDemoWorld *world,
                   OkcDemoDraft *draft)
{
  const OkcDemoAccount *account;
  g_autofree char *local = NULL;
  g_autofree char *new_email = NULL;
  const char *at;

  draft->account = okc_demo_random_chance (rng (world), 25)
                     ? (int) okc_demo_random_below (rng (world), world->n_hosts)
                     : (int) pick_guest (world);
  account = OKC_DEMO_ACCOUNT (world, draft->account);
  at = strchr (account->email, '@');
  local = g_strndup (account->email, at - account->email);
  new_email = g_strdup_printf ("%s@%s", local,
                               g_str_equal (at + 1, "work.example") ? "example.com"
                                                                   : "work.example");
  draft->created_at = time_after (world, window_start (world), 14 * DAY);
  set_text (draft, "current_email", account->email);
  set_text (draft, "new_email", new_email);
  if (okc_demo_random_chance (rng (world), 45))
    {
      g_autofree char *detail = g_strdup_printf ("the card on the account ends in %s",
                                                 account->card_last4);
      set_text (draft, "verification_detail", detail);
    }
  draft->summary = g_strdup_printf ("Change the login email to %s", new_email);
}

static const char *
pms_label (const char *pms)
{
  return g_str_equal (pms, "guesty") ? "Guesty"
         : g_str_equal (pms, "hospitable") ? "Hospitable"
         : g_str_equal (pms, "track") ? "Track"
                                       : "The PMS";
}

/* A charger of a connected property whose PMS sync fails or never ran, chosen by
 * @picked (so that no number is drawn); @picked itself if there is none. */
static guint
troubled_sync_charger (OkcDemoWorld *world,
                       guint         picked)
{
  g_autoptr(GArray) troubled = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint c = 0; c < world->chargers->len; c++)
    {
      const OkcDemoCharger *charger = OKC_DEMO_CHARGER (world, c);
      const OkcDemoProperty *property;

      if (charger->property < 0)
        continue;
      property = OKC_DEMO_PROPERTY (world, charger->property);
      if (property->pms_connected && !g_str_equal (property->pms_sync_state, "ok"))
        g_array_append_val (troubled, c);
    }
  if (troubled->len == 0)
    return picked;
  return g_array_index (troubled, guint, picked % troubled->len);
}

/* Mostly a new charger not linked to any property yet; sometimes a PMS that does not
 * sync a linked one: the failing integration, or one that never synced. */
static void
fill_charger_assignment (OkcDemoWorld *world,
                         OkcDemoDraft *draft)
{
  const OkcDemoProperty *property;
  const OkcDemoCharger *charger;
  gboolean unassigned = okc_demo_random_chance (rng (world), 65);

  draft->charger = pick_charger (world, unassigned ? is_unassigned : is_assigned);
  if (!unassigned && draft->charger >= 0)
    draft->charger = (int) troubled_sync_charger (world, (guint) draft->charger);
  charger = OKC_DEMO_CHARGER (world, draft->charger);
  draft->property = charger->property >= 0 ? charger->property
                                            : (int) okc_demo_random_below (
                                                rng (world), world->properties->len);
  property = OKC_DEMO_PROPERTY (world, draft->property);
  draft->account = (int) property->host;
  draft->created_at = time_after (world, MAX (window_start (world), charger->installed_at),
                                  14 * DAY);

  set_property (world, draft, TRUE);
  set_charger_reference (world, draft, "charger_serial", charger->serial);
  set_text (draft, "pms_name", property->pms);
  json_object_set_boolean_member (draft->fields, "pms_connected", property->pms_connected);
  draft->summary =
    charger->property < 0
      ? g_strdup_printf ("New charger %s not showing under %s", charger->serial, property->name)
      : g_strdup_printf ("%s not syncing chargers or bookings for %s", pms_label (property->pms),
                         property->name);
}

static void
fill_guest_cannot_start (OkcDemoWorld *world,
                         OkcDemoDraft *draft)
{
  const OkcDemoCharger *charger;

  draft->charger = okc_demo_random_chance (rng (world), 25) ? pick_charger (world, is_down) : -1;
  if (draft->charger < 0)
    draft->charger = pick_charger (world, is_assigned);
  charger = OKC_DEMO_CHARGER (world, draft->charger);
  draft->property = charger->property;
  draft->account = okc_demo_random_chance (rng (world), 20)
                     ? (int) OKC_DEMO_PROPERTY (world, draft->property)->host
                     : (int) pick_guest (world);
  draft->created_at = time_after (world, window_start (world), 14 * DAY);

  if (okc_demo_random_chance (rng (world), 85))
    {
      draft->has_screen = TRUE;
      draft->screen = is_down (charger) ? OKC_DEMO_SCREEN_CHARGER_OFFLINE
                      : okc_demo_random_chance (rng (world), 70)
                        ? OKC_DEMO_SCREEN_ERROR_LOADING
                        : OKC_DEMO_SCREEN_PAYMENT_FAILED;
    }
  set_property (world, draft, FALSE);
  set_charger_reference (world, draft, "charger_id", charger->id);
  set_time (draft, "attempted_at",
            floor_to (draft->created_at - okc_demo_random_range (rng (world), 3, 60) * MINUTE,
                      MINUTE));
  draft->summary = g_strdup_printf ("Guest cannot start a charge at %s: %s",
                                    OKC_DEMO_PROPERTY (world, draft->property)->name,
                                    draft->has_screen ? okc_demo_screen_get_title (draft->screen)
                                                      : "QR scan fails");
}

/* The newest payout paid (and received) short, for the planted ticket; -1 when none. */
static int
newest_short_paid (OkcDemoWorld *world)
{
  for (guint i = world->payouts->len; i > 0; i--)
    {
      const OkcDemoPayout *p = OKC_DEMO_PAYOUT (world, i - 1);

      if (g_str_equal (p->status, "paid") && OKC_DEMO_PAYOUT_IS_SHORT (p))
        return (int) i - 1;
    }
  return -1;
}

/* Hosts who were paid short write first: each short payout is named by a ticket, newest
 * first, before any other; then a failed or short one, or any. */
static int
pick_payout (OkcDemoWorld *world)
{
  guint n = world->payouts->len;
  gboolean want_problem;
  guint start;

  if (n == 0)
    return -1;
  want_problem = okc_demo_random_chance (rng (world), 65);
  start = okc_demo_random_below (rng (world), n);
  while (world->next_short < n)
    {
      guint index = n - 1 - world->next_short++;
      const OkcDemoPayout *p = OKC_DEMO_PAYOUT (world, index);

      if (OKC_DEMO_PAYOUT_IS_SHORT (p) && (int) index != world->planted_short)
        return (int) index;
    }
  for (guint k = 0; want_problem && k < n; k++)
    {
      const OkcDemoPayout *p = OKC_DEMO_PAYOUT (world, (start + k) % n);
      if (g_str_equal (p->status, "failed") || OKC_DEMO_PAYOUT_IS_SHORT (p))
        return (int) ((start + k) % n);
    }
  return (int) start;
}

static gint64
parse_day_end (const char *date)
{
  g_autofree char *text = g_strdup_printf ("%sT23:59:59Z", date);
  gint64 unix_time = 0;

  okc_time_parse_rfc3339 (text, &unix_time);
  return unix_time;
}

static void
fill_payouts_reporting (OkcDemoWorld *world,
                        OkcDemoDraft *draft)
{
  const OkcDemoPayout *payout;
  const OkcDemoProperty *property;

  /* The first payouts ticket is planted: a host wrote within the hour about a payout the
   * bank received short, and named it, so the open queue always has one that really is. */
  if (world->planted_short < 0 && (world->planted_short = newest_short_paid (world)) >= 0)
    {
      draft->payout = world->planted_short;
      draft->planted = TRUE;
    }
  else
    draft->payout = pick_payout (world);
  if (draft->payout < 0)
    {
      /* No sessions, no payouts: a host asks for a statement. */
      draft->property = (int) okc_demo_random_below (rng (world), world->properties->len);
      property = OKC_DEMO_PROPERTY (world, draft->property);
      draft->account = (int) property->host;
      draft->created_at = time_after (world, window_start (world), 14 * DAY);
      set_text (draft, "account_or_property", property->name);
      draft->summary = g_strdup_printf ("Usage statement for %s", property->name);
      return;
    }

  payout = OKC_DEMO_PAYOUT (world, draft->payout);
  draft->property = (int) payout->property;
  property = OKC_DEMO_PROPERTY (world, draft->property);
  draft->account = (int) property->host;
  if (draft->planted)
    draft->created_at = world->now - 50 * MINUTE;
  else if (payout->arrival_at != 0)
    draft->created_at = time_after (world, payout->arrival_at, 10 * DAY);
  else
    draft->created_at = time_after (world, parse_day_end (payout->period_to), 10 * DAY);

  set_text (draft, "account_or_property",
            okc_demo_random_chance (rng (world), 70) ? property->name
                                                     : OKC_DEMO_ACCOUNT (world, draft->account)->name);
  /* A host paid short knows which payout it was. */
  if (OKC_DEMO_PAYOUT_IS_SHORT (payout) || okc_demo_random_chance (rng (world), 70))
    {
      JsonArray *ids = json_array_new ();
      json_array_add_string_element (ids, payout->id);
      json_object_set_array_member (draft->fields, "payout_ids", ids);
    }
  else
    {
      JsonObject *range = json_object_new ();
      json_object_set_string_member (range, "from", payout->period_from);
      json_object_set_string_member (range, "to", payout->period_to);
      json_object_set_object_member (draft->fields, "period", range);
    }
  if (okc_demo_random_chance (rng (world), 60))
    {
      JsonArray *amounts = json_array_new ();
      json_array_add_element (amounts, money_node (payout->amount));
      json_object_set_array_member (draft->fields, "amounts_to_reconcile", amounts);
    }
  draft->summary = g_str_equal (payout->status, "failed")
                     ? g_strdup_printf ("Failed payout %s for %s", payout->id, property->name)
                   : OKC_DEMO_PAYOUT_IS_SHORT (payout)
                     ? g_strdup_printf ("Payout %s for %s is less than the dashboard says",
                                        payout->id, property->name)
                     : g_strdup_printf ("Payout %s doesn't match the dashboard for %s", payout->id,
                                        property->name);
}

/**
 * okc_demo_topics_fill:
 *
 * Picks the fleet entities a ticket of @draft's topic is about and fills in what the
 * chatbot collected from them: the property's real name, the charger at it, the time
 * and billed amount of a real session, the account's card digits.
 */
void
okc_demo_topics_fill (OkcDemoWorld *world,
                      OkcDemoDraft *draft)
{
  static void (*const fills[OKC_N_TOPICS]) (OkcDemoWorld *, OkcDemoDraft *) = {
    fill_charger_offline,   fill_not_charging,       fill_no_permission,
    fill_billing_dispute,   fill_cost_breakdown,     fill_cancel_or_delete,
    fill_change_email,      fill_charger_assignment, fill_guest_cannot_start,
    fill_payouts_reporting,
  };

  draft->account = draft->property = draft->charger = draft->payout = -1;
  fills[draft->topic->number - 1] (world, draft);
}
