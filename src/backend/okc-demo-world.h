/* okc-demo-world.h — the demo fleet in memory, shared by the generator's parts
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"
#include "okc-core.h"
#include "okc-billing.h"
#include "okc-demo-random.h"

G_BEGIN_DECLS

/* The problems the support article describes, planted in the data for agents (and the
 * console's session audit) to find (docs/sessions.md, "What the demo plants"). */
typedef enum
{
  OKC_DEMO_PROBLEM_NONE,
  OKC_DEMO_PROBLEM_REPEATED_CONNECTION_FEE, /* a failed attempt billed a connection fee */
  OKC_DEMO_PROBLEM_IDLE_WHILE_CHARGING,     /* idle fee while the car was still charging */
  OKC_DEMO_PROBLEM_WRONG_RATE,              /* energy billed at a rate not in force */
  OKC_DEMO_PROBLEM_DOUBLE_BILLING,          /* the same session billed again, a new id */
  OKC_DEMO_PROBLEM_WRONG_TAX,               /* tax billed at a rate not the site's */
} OkcDemoProblem;

/* The tariff a session was billed by: the posted one or a wrong one. */
typedef enum
{
  OKC_DEMO_BILLED_POSTED,
  OKC_DEMO_BILLED_STALE,                    /* the version before a price change */
  OKC_DEMO_BILLED_OVERPRICED,               /* energy rates not posted */
  OKC_DEMO_BILLED_WRONG_TAX,                /* a neighbouring state's sales tax */
  OKC_DEMO_N_BILLED,
} OkcDemoBilled;

/* A saved card: the last four digits only, as the backend stores it. */
typedef struct
{
  const char *id;
  const char *brand;
  const char *last4;
  guint exp_month;
  guint exp_year;
  gboolean is_default;
  gint64 added_at;
} OkcDemoCard;

#define OKC_DEMO_MAX_CARDS 2

typedef struct
{
  const char *id;
  gboolean is_host;
  const char *name;
  const char *email;
  const char *phone;        /* NULL for some guests */
  const char *card_last4;   /* the default card's */
  const char *subscription; /* the plan: none, monthly, annual */
  gint64 created_at;
  /* okc_demo_accounts_generate() (okc-demo-accounts.c) */
  const char *notification_email; /* NULL: the login email */
  const char *subscription_status; /* none, active, cancelling, cancelled */
  gint64 renews_at;         /* 0: none */
  gint64 cancelled_at;      /* 0: none */
  OkcDemoCard cards[OKC_DEMO_MAX_CARDS];
  guint n_cards;
} OkcDemoAccount;

typedef struct
{
  const char *id;
  const char *name;
  gboolean is_residence;
  const char *address;
  guint city;               /* index into okc_demo_cities */
  const char *postal_code;
  guint host;               /* account index */
  const char *pms;
  gboolean pms_connected;
  const char *pms_sync_state;   /* never_synced, ok, failing */
  gint64 pms_last_sync_at;      /* 0: never */
  gint64 pms_token_expired_at;  /* 0: the integration's credentials are valid */
  const char *pms_last_error;   /* NULL: none */
  guint first_unit;
  guint n_units;
  /* the tariff, one per property, has the property's index */
  const char *tariff_id;
  OkcTariff *tariffs[OKC_DEMO_N_BILLED]; /* the posted one, then the wrong ones (or NULL) */
  gint64 price_change_at;   /* when its second version came into force, 0: none */
  gboolean has_idle_fee;
} OkcDemoProperty;

typedef struct
{
  const char *id;
  guint property;
  const char *name;
} OkcDemoUnit;

typedef struct
{
  const char *id;
  const char *serial;
  guint model;
  const char *firmware;
  const char *status;       /* online, offline, faulted */
  gint64 last_heartbeat_at;
  int property;             /* -1: not assigned to any property */
  int unit;                 /* -1: none */
  gboolean restricted;      /* not public: residents_guests, or access_list when list_only */
  gboolean list_only;
  gboolean pms_connected;   /* its property's PMS is connected: it has bookings */
  gint64 installed_at;
  GArray *access;           /* guint account indices on a restricted charger's list */
  gboolean photographed;    /* has a QR label photo among the demo images */
} OkcDemoCharger;

/* A session's meter follows from these (okc_demo_session_meter()): the register every
 * 5 minutes while charging, at @power_w, tapering over the last fifth when @tapers. */
typedef struct
{
  const char *id;
  guint charger;
  guint connector;          /* 1 or 2 */
  guint account;
  gint64 started_at;
  gint64 charging_ended_at; /* as recorded; 0: the car never charged */
  gint64 charged_until;     /* when the meter stopped rising; 0: it never did */
  gint64 ended_at;
  gint64 energy_wh;
  gint64 meter_start;       /* the register at the start */
  gint64 power_w;
  gboolean tapers;
  gint64 total;             /* billed */
  const char *outcome;      /* completed, interrupted, failed_to_start */
  const char *stop_reason;  /* OCPP 1.6 */
  OkcDemoProblem problem;
  OkcDemoBilled billed;
  guint burst;              /* for repeated fees: the failed attempts in a row, else 1 */
} OkcDemoSession;

/* A week's payout as okc-demo-payouts.c made it: the engine's payable, what the run sent. */
typedef struct
{
  const char *id;
  guint property;
  char period_from[11];
  char period_to[11];
  gint64 payable;
  gint64 amount;            /* sent, or to be sent while scheduled; less than payable: short */
  const char *status;       /* scheduled, in_transit, paid, failed, carried_over */
  gint64 arrival_at;        /* expected or actual; 0: none */
} OkcDemoPayout;

/* Paid (or on its way) less than the engine says it owes. */
#define OKC_DEMO_PAYOUT_IS_SHORT(p) \
  ((g_str_equal ((p)->status, "paid") || g_str_equal ((p)->status, "in_transit")) && \
   (p)->amount < (p)->payable)

/* A guest's stay at a property with a connected PMS, as its sync would import it. */
typedef struct
{
  guint property;
  int unit;                 /* -1: none */
  guint account;            /* the guest, who booked with their account's email */
  gint64 check_in;
  gint64 check_out;
} OkcDemoBooking;

typedef struct
{
  OkcDemoRandom random;
  guint64 seed;
  gint64 now;
  guint n_tickets;
  gint64 ticket_window;     /* seconds before now that tickets fall in */
  GStringChunk *strings;
  GArray *accounts;         /* OkcDemoAccount */
  guint n_hosts;            /* hosts come first in accounts */
  GArray *properties;       /* OkcDemoProperty */
  GArray *units;            /* OkcDemoUnit */
  GArray *chargers;         /* OkcDemoCharger */
  GArray *sessions;         /* OkcDemoSession */
  GArray *payouts;          /* OkcDemoPayout */
  GArray *bookings;         /* OkcDemoBooking */
  gboolean planted_stay;    /* a no-permission ticket is a guest staying, not on the list */
  gboolean planted_photo;   /* a charger-offline ticket has a QR photo and a detail missing */
  int planted_short;        /* the short paid payout an open payouts ticket names, -1: none yet */
  guint next_short;         /* payouts tickets name the short payouts first, newest first */
  GArray *recent_sessions;  /* guint session indices ended in the ticket window, by time */
  char **qr_images;         /* per charger: the SHA-256 of its QR label photo, or NULL */
  GPtrArray *screenshots;   /* SHA-256 of the error screenshots, by OkcDemoScreen */
  GError *error;            /* the first error of generating, which then stops */
} OkcDemoWorld;

/* How far back tickets (at most) and sessions go. */
#define OKC_DEMO_TICKET_DAYS 14
#define OKC_DEMO_SESSION_DAYS 28
#define OKC_DEMO_CURRENCY "USD"

OkcDemoWorld *okc_demo_world_new      (guint64        seed,
                                       guint          n_tickets,
                                       gint64         now);
void          okc_demo_world_free     (OkcDemoWorld  *world);
const char   *okc_demo_world_intern   (OkcDemoWorld  *world,
                                       const char    *format,
                                       ...) G_GNUC_PRINTF (2, 3);

#define OKC_DEMO_ACCOUNT(world, i) (&g_array_index ((world)->accounts, OkcDemoAccount, (i)))
#define OKC_DEMO_PROPERTY(world, i) (&g_array_index ((world)->properties, OkcDemoProperty, (i)))
#define OKC_DEMO_UNIT(world, i) (&g_array_index ((world)->units, OkcDemoUnit, (i)))
#define OKC_DEMO_CHARGER(world, i) (&g_array_index ((world)->chargers, OkcDemoCharger, (i)))
#define OKC_DEMO_SESSION(world, i) (&g_array_index ((world)->sessions, OkcDemoSession, (i)))
#define OKC_DEMO_PAYOUT(world, i) (&g_array_index ((world)->payouts, OkcDemoPayout, (i)))

int           okc_demo_compare_guint        (gconstpointer  a,
                                             gconstpointer  b);
int           okc_demo_compare_session_end  (gconstpointer  a,
                                             gconstpointer  b,
                                             gpointer       world);

void          okc_demo_fleet_generate   (OkcDemoWorld  *world);
void          okc_demo_tariffs_generate (OkcDemoWorld  *world,
                                         OkcDemoProperty *property,
                                         guint          index);
OkcMeteredSession *okc_demo_session_meter (const OkcDemoSession *session);
gint64             okc_demo_session_curve_energy (gint64         power_w,
                                                  gint64         duration,
                                                  gboolean       tapers);
OkcCostBreakdown  *okc_demo_session_bill  (OkcDemoWorld         *world,
                                           const OkcDemoSession *session,
                                           GError              **error);
gboolean      okc_demo_payouts_store  (OkcDemoWorld  *world,
                                       OkcBackendDb  *db,
                                       GError       **error);
void          okc_demo_accounts_generate (OkcDemoWorld  *world);
gboolean      okc_demo_accounts_store (OkcDemoWorld  *world,
                                       OkcBackendDb  *db,
                                       GError       **error);
gboolean      okc_demo_fleet_store    (OkcDemoWorld  *world,
                                       OkcBackendDb  *db,
                                       GError       **error);
gboolean      okc_demo_tickets_store  (OkcDemoWorld  *world,
                                       OkcBackendDb  *db,
                                       GError       **error);
gboolean      okc_demo_bookings_store (OkcDemoWorld  *world,
                                       OkcBackendDb  *db,
                                       GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcDemoWorld, okc_demo_world_free)

G_END_DECLS
