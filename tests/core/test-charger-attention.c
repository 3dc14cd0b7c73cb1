/* test-charger-attention.c — which chargers need an agent first, at and around each threshold
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-core.h"

/* 2026-11-24T09:30:00Z */
#define NOW ((gint64) 1795512600)
#define NEVER G_MININT64
#define NONE (-1)

typedef struct
{
  OkcChargerStatus status;
  gint64 heartbeat_age;       /* seconds before NOW, or NEVER */
  OkcConnectorStatus connector_status;
  OkcChargePointError error_code;
  const char *vendor_error_code;
  gint64 connector_age;       /* seconds in its status, or NEVER when not known */
  int kinds[3];               /* the reasons expected, in order, NONE-terminated */
  const char *texts[3];
} Case;

#define ON OKC_CHARGER_STATUS_ONLINE
#define OFF OKC_CHARGER_STATUS_OFFLINE
#define NO_ERROR OKC_CHARGE_POINT_ERROR_NO_ERROR
#define K_OFFLINE OKC_ATTENTION_KIND_OFFLINE
#define K_FAULTED OKC_ATTENTION_KIND_CONNECTOR_FAULTED
#define K_STUCK OKC_ATTENTION_KIND_STUCK_SESSION

static const Case cases[] = {
  /* Offline: more than 5 min since the last heartbeat, or never one. */
  { OFF, 300, OKC_CONNECTOR_STATUS_AVAILABLE, NO_ERROR, NULL, 3600, { NONE }, { NULL } },
  { OFF, 301, OKC_CONNECTOR_STATUS_AVAILABLE, NO_ERROR, NULL, 3600, { K_OFFLINE, NONE },
    { "Offline for 5 min" } },
  { OFF, 3 * 3600 + 12 * 60, OKC_CONNECTOR_STATUS_AVAILABLE, NO_ERROR, NULL, 3600,
    { K_OFFLINE, NONE }, { "Offline for 3 h 12 min" } },
  { OFF, 86400, OKC_CONNECTOR_STATUS_AVAILABLE, NO_ERROR, NULL, 3600, { K_OFFLINE, NONE },
    { "Offline for 1 d" } },
  { OFF, NEVER, OKC_CONNECTOR_STATUS_AVAILABLE, NO_ERROR, NULL, 3600, { K_OFFLINE, NONE },
    { "Offline, never heard from" } },
  /* The backend's status decides: an online charger with an old heartbeat is not offline. */
  { ON, 86400, OKC_CONNECTOR_STATUS_AVAILABLE, NO_ERROR, NULL, 3600, { NONE }, { NULL } },

  /* A faulted connector, however recent. */
  { OKC_CHARGER_STATUS_FAULTED, 30, OKC_CONNECTOR_STATUS_FAULTED,
    OKC_CHARGE_POINT_ERROR_GROUND_FAILURE, "E-GF-01", 0, { K_FAULTED, NONE },
    { "Connector 1 faulted: ground failure (E-GF-01)" } },
  { OKC_CHARGER_STATUS_FAULTED, 30, OKC_CONNECTOR_STATUS_FAULTED,
    OKC_CHARGE_POINT_ERROR_INTERNAL_ERROR, NULL, 7200, { K_FAULTED, NONE },
    { "Connector 1 faulted: internal error" } },
  { OKC_CHARGER_STATUS_FAULTED, 30, OKC_CONNECTOR_STATUS_FAULTED, NO_ERROR, NULL, 60,
    { K_FAULTED, NONE }, { "Connector 1 faulted" } },
  /* An offline charger keeps the fault it last reported, after the offline reason. */
  { OFF, 3600, OKC_CONNECTOR_STATUS_FAULTED, OKC_CHARGE_POINT_ERROR_CONNECTOR_LOCK_FAILURE,
    NULL, 7200, { K_OFFLINE, K_FAULTED, NONE },
    { "Offline for 1 h", "Connector 1 faulted: connector lock failure" } },

  /* Stuck sessions: Preparing more than 10 min, Finishing and SuspendedEVSE more than 15. */
  { ON, 30, OKC_CONNECTOR_STATUS_PREPARING, NO_ERROR, NULL, 600, { NONE }, { NULL } },
  { ON, 30, OKC_CONNECTOR_STATUS_PREPARING, NO_ERROR, NULL, 601, { K_STUCK, NONE },
    { "Connector 1 stuck in Preparing for 10 min" } },
  { ON, 30, OKC_CONNECTOR_STATUS_PREPARING, NO_ERROR, NULL, 25 * 60, { K_STUCK, NONE },
    { "Connector 1 stuck in Preparing for 25 min" } },
  { ON, 30, OKC_CONNECTOR_STATUS_FINISHING, NO_ERROR, NULL, 900, { NONE }, { NULL } },
  { ON, 30, OKC_CONNECTOR_STATUS_FINISHING, NO_ERROR, NULL, 901, { K_STUCK, NONE },
    { "Connector 1 stuck in Finishing for 15 min" } },
  { ON, 30, OKC_CONNECTOR_STATUS_SUSPENDED_EVSE, NO_ERROR, NULL, 900, { NONE }, { NULL } },
  { ON, 30, OKC_CONNECTOR_STATUS_SUSPENDED_EVSE, NO_ERROR, NULL, 901, { K_STUCK, NONE },
    { "Connector 1 suspended by the charger for 15 min" } },
  /* Charging, a full car, a reservation or a connector taken out of service are not stuck. */
  { ON, 30, OKC_CONNECTOR_STATUS_CHARGING, NO_ERROR, NULL, 86400, { NONE }, { NULL } },
  { ON, 30, OKC_CONNECTOR_STATUS_SUSPENDED_EV, NO_ERROR, NULL, 86400, { NONE }, { NULL } },
  { ON, 30, OKC_CONNECTOR_STATUS_RESERVED, NO_ERROR, NULL, 86400, { NONE }, { NULL } },
  { ON, 30, OKC_CONNECTOR_STATUS_UNAVAILABLE, NO_ERROR, NULL, 86400, { NONE }, { NULL } },
  { ON, 30, OKC_CONNECTOR_STATUS_AVAILABLE, NO_ERROR, NULL, 86400, { NONE }, { NULL } },
  /* How long is not known: not stuck. */
  { ON, 30, OKC_CONNECTOR_STATUS_PREPARING, NO_ERROR, NULL, NEVER, { NONE }, { NULL } },
  /* An offline charger's statuses are stale: its last Preparing says nothing now. */
  { OFF, 3600, OKC_CONNECTOR_STATUS_PREPARING, NO_ERROR, NULL, 7200, { K_OFFLINE, NONE },
    { "Offline for 1 h" } },
};

static OkcCharger *
charger_new (const char *id,
             OkcChargerStatus status,
             gint64           heartbeat_age)
{
  return okc_charger_new (id, "OK2-W22-2300042", "OK2 Wallbox 22", "3.4.1", status,
                          heartbeat_age == NEVER ? 0 : NOW - heartbeat_age,
                          OKC_CHARGER_POLICY_PUBLIC);
}

static void
add_connector (OkcCharger          *charger,
               OkcConnectorStatus   status,
               OkcChargePointError  error_code,
               const char          *vendor,
               gint64               age)
{
  g_autoptr(OkcConnector) connector =
    okc_connector_new (okc_charger_get_connectors (charger)->len + 1, status, error_code, vendor,
                       NULL, age == NEVER ? 0 : NOW - age, NULL);
  okc_charger_add_connector (charger, connector);
}

static void
test_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(OkcCharger) charger = charger_new ("CH-10234", c->status, c->heartbeat_age);
      g_autoptr(GArray) reasons = NULL;
      guint n = 0;

      g_test_message ("case %u", i);
      add_connector (charger, c->connector_status, c->error_code, c->vendor_error_code,
                     c->connector_age);
      reasons = okc_charger_get_attention (charger, NOW);
      while (n < G_N_ELEMENTS (c->kinds) && c->kinds[n] != NONE)
        n++;
      g_assert_cmpuint (reasons->len, ==, n);
      for (guint r = 0; r < n; r++)
        {
          const OkcAttentionReason *reason = &g_array_index (reasons, OkcAttentionReason, r);
          g_autofree char *text = okc_attention_reason_describe (reason, charger, NOW);

          g_assert_cmpint (reason->kind, ==, c->kinds[r]);
          g_assert_cmpuint (reason->connector_id, ==, reason->kind == K_OFFLINE ? 0 : 1);
          g_assert_cmpstr (text, ==, c->texts[r]);
        }
    }
}

/* Several reasons on one charger: the most serious first, the longest first within a kind. */
static void
test_reasons_order (void)
{
  g_autoptr(OkcCharger) charger = charger_new ("CH-1", OKC_CHARGER_STATUS_FAULTED, 30);
  g_autoptr(GArray) reasons = NULL;
  static const struct { OkcAttentionKind kind; guint connector; } expected[] = {
    { K_FAULTED, 3 }, { K_FAULTED, 1 }, { K_STUCK, 4 }, { K_STUCK, 2 },
  };

  add_connector (charger, OKC_CONNECTOR_STATUS_FAULTED, OKC_CHARGE_POINT_ERROR_GROUND_FAILURE,
                 NULL, 600);
  add_connector (charger, OKC_CONNECTOR_STATUS_PREPARING, NO_ERROR, NULL, 700);
  add_connector (charger, OKC_CONNECTOR_STATUS_FAULTED, OKC_CHARGE_POINT_ERROR_INTERNAL_ERROR,
                 NULL, 3600);
  add_connector (charger, OKC_CONNECTOR_STATUS_FINISHING, NO_ERROR, NULL, 7200);
  add_connector (charger, OKC_CONNECTOR_STATUS_CHARGING, NO_ERROR, NULL, 7200);

  reasons = okc_charger_get_attention (charger, NOW);
  g_assert_cmpuint (reasons->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const OkcAttentionReason *reason = &g_array_index (reasons, OkcAttentionReason, i);
      g_assert_cmpint (reason->kind, ==, expected[i].kind);
      g_assert_cmpuint (reason->connector_id, ==, expected[i].connector);
    }
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  GHashTable *attention = user_data;

  return okc_attention_compare (g_hash_table_lookup (attention, *(OkcCharger **) a),
                                g_hash_table_lookup (attention, *(OkcCharger **) b));
}

/* The needs-attention list: offline, then faulted, then stuck, the longest first. */
static void
test_list_order (void)
{
  g_autoptr(GPtrArray) chargers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) attention =
    g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  static const char * const expected[] = {
    "CH-NEVER", "CH-OFF-2D", "CH-OFF-10M", "CH-FAULT-3H", "CH-FAULT-5M", "CH-STUCK-2H",
    "CH-STUCK-11M",
  };
  OkcCharger *charger;

  charger = charger_new ("CH-STUCK-11M", ON, 30);
  add_connector (charger, OKC_CONNECTOR_STATUS_PREPARING, NO_ERROR, NULL, 660);
  g_ptr_array_add (chargers, charger);
  charger = charger_new ("CH-FAULT-5M", OKC_CHARGER_STATUS_FAULTED, 30);
  add_connector (charger, OKC_CONNECTOR_STATUS_FAULTED, OKC_CHARGE_POINT_ERROR_GROUND_FAILURE,
                 NULL, 300);
  g_ptr_array_add (chargers, charger);
  charger = charger_new ("CH-OFF-10M", OFF, 600);
  g_ptr_array_add (chargers, charger);
  charger = charger_new ("CH-STUCK-2H", ON, 30);
  add_connector (charger, OKC_CONNECTOR_STATUS_SUSPENDED_EVSE, NO_ERROR, NULL, 7200);
  g_ptr_array_add (chargers, charger);
  charger = charger_new ("CH-OFF-2D", OFF, 2 * 86400);
  add_connector (charger, OKC_CONNECTOR_STATUS_FAULTED, NO_ERROR, NULL, 3 * 86400);
  g_ptr_array_add (chargers, charger);
  charger = charger_new ("CH-FAULT-3H", OKC_CHARGER_STATUS_FAULTED, 30);
  add_connector (charger, OKC_CONNECTOR_STATUS_FAULTED, OKC_CHARGE_POINT_ERROR_INTERNAL_ERROR,
                 NULL, 3 * 3600);
  g_ptr_array_add (chargers, charger);
  charger = charger_new ("CH-NEVER", OFF, NEVER);
  g_ptr_array_add (chargers, charger);

  for (guint i = 0; i < chargers->len; i++)
    {
      OkcCharger *c = g_ptr_array_index (chargers, i);
      g_hash_table_insert (attention, c, okc_charger_get_attention (c, NOW));
    }
  g_ptr_array_sort_with_data (chargers, compare_cb, attention);

  g_assert_cmpuint (chargers->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < chargers->len; i++)
    g_assert_cmpstr (okc_charger_get_id (g_ptr_array_index (chargers, i)), ==, expected[i]);
  g_assert_cmpint (okc_attention_compare (g_hash_table_lookup (attention, chargers->pdata[0]),
                                          g_hash_table_lookup (attention, chargers->pdata[0])),
                   ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/ChargerAttention/rules", test_rules);
  g_test_add_func ("/Okc/ChargerAttention/reasons-order", test_reasons_order);
  g_test_add_func ("/Okc/ChargerAttention/list-order", test_list_order);

  return g_test_run ();
}
