/* okc-session-reply.c — topic 5's answer: a session's bill, line by line
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "config.h"

#include <string.h>

#include "okc-session-reply.h"

#include "okc-time.h"
#include <inttypes.h>

/* Not translated, on purpose: these replies go to the customer, whose language is not
 * the agent's, and nothing in a ticket says which language the customer reads. They stay
 * English (like the support articles they quote) whatever the console's locale, so the
 * strings here carry no gettext markers; po/untranslated.txt lists them and
 * po/README.md explains why. Translate them per customer once tickets carry a language.
 * The finding summaries quoted from the session audit are the agent's (translated) text:
 * the agent reviews and edits the reply before it is sent. */

static char *
money_text (const char *currency,
            gint64      amount)
{
  OkcMoney money;

  okc_money_init (&money, amount, currency);
  return okc_money_format (&money);
}

static char *
local_text (GTimeZone  *zone,
            gint64      at,
            const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, format);
}

/* "6 kWh", "6.125 kWh": exact, from whole Wh. */
static char *
kwh_text (gint64 wh)
{
  g_autofree char *fraction = g_strdup_printf ("%03d", (int) (wh % 1000));
  gsize len = strlen (fraction);

  while (len > 0 && fraction[len - 1] == '0')
    fraction[--len] = '\0';
  if (len == 0)
    /* energy in kilowatt-hours */
    return g_strdup_printf ("%" PRId64 " kWh", wh / 1000);
  /* energy in kilowatt-hours with a fraction */
  return g_strdup_printf ("%" PRId64 ".%s kWh", wh / 1000, fraction);
}

/* "Energy: 6 kWh at $0.25/kWh = $1.50" */
static char *
line_text (const char        *currency,
           const OkcCostLine *line)
{
  g_autofree char *price = money_text (currency, line->unit_price);
  g_autofree char *amount = money_text (currency, line->amount);
  g_autofree char *quantity = NULL;

  switch (line->unit)
    {
    case OKC_COST_UNIT_WH:
      quantity = kwh_text (line->quantity);
      /* a bill's line: description, energy, price per kWh, amount */
      return g_strdup_printf ("%s: %s at %s/kWh = %s", line->description, quantity, price,
                              amount);
    case OKC_COST_UNIT_SECOND:
      quantity = okc_format_duration (line->quantity);
      /* a bill's line: description, duration, price per minute, amount */
      return g_strdup_printf ("%s: %s at %s/min = %s", line->description, quantity, price,
                              amount);
    case OKC_COST_UNIT_BASIS_POINT:
      quantity = money_text (currency, line->quantity);
      /* a bill's line: description, rate, base, amount */
      return g_strdup_printf ("%s: %" PRId64 ".%02" PRId64 " %% of %s = %s",
                              line->description, line->unit_price / 100, line->unit_price % 100,
                              quantity, amount);
    case OKC_COST_UNIT_SESSION:
    default:
      /* a bill's line: description, count, price each, amount */
      return g_strdup_printf ("%s: %" PRId64 " × %s = %s", line->description,
                              line->quantity, price, amount);
    }
}

static void
append_session (GString            *text,
                OkcChargingSession *session,
                GTimeZone          *zone)
{
  gint64 started = okc_charging_session_get_started_at (session);
  gint64 ended = okc_charging_session_get_ended_at (session);
  g_autofree char *date = local_text (zone, started, "%Y-%m-%d");
  g_autofree char *end_date = local_text (zone, ended, "%Y-%m-%d");
  g_autofree char *from = local_text (zone, started, "%H:%M");
  g_autofree char *to = NULL, *where = NULL;
  const char *property = okc_charging_session_get_property_name (session);

  /* A session into the next day says the day it ended. */
  to = g_str_equal (date, end_date) ? local_text (zone, ended, "%H:%M")
                                    : local_text (zone, ended, "%Y-%m-%d %H:%M");
  where = property != NULL
          ? g_strdup (property)
          : g_strdup_printf ("charger %s", okc_charging_session_get_charger_id (session));
  g_string_append_printf (text, "Here is the breakdown of your charging session at %s on %s, "
                                "from %s to %s (%s):",
                          where, date, from, to, okc_charging_session_get_id (session));
  g_string_append (text, "\n\n");
}

static void
append_findings (GString         *text,
                 OkcSessionAudit *audit,
                 const char      *currency)
{
  GPtrArray *findings = okc_session_audit_get_findings (audit);
  OkcMoney total;

  if (findings->len == 0)
    {
      g_string_append (text, "These charges match the site's posted pricing.");
      g_string_append_c (text, '\n');
      return;
    }

  g_string_append (text, "We checked these charges against the site's posted pricing:");
  g_string_append (text, "\n\n");
  for (guint i = 0; i < findings->len; i++)
    {
      OkcSessionFinding *finding = g_ptr_array_index (findings, i);
      OkcMoney refund;

      okc_session_finding_get_refund (finding, &refund);
      g_string_append_printf (text, "- %s", okc_session_finding_get_summary (finding));
      if (refund.amount > 0)
        {
          g_autofree char *amount = okc_money_format (&refund);

          g_string_append_c (text, ' ');
          g_string_append_printf (text, "This justifies a refund of %s.", amount);
        }
      g_string_append_c (text, '\n');
    }
  okc_session_audit_get_refund_total (audit, &total);
  if (total.amount > 0 && findings->len > 1)
    {
      g_autofree char *amount = money_text (currency, total.amount);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, "Refund in all: %s.", amount);
      g_string_append_c (text, '\n');
    }
}

/**
 * okc_session_reply_compose:
 * @session: the session, with its billed lines
 * @audit: its audit
 * @tariff: its tariff, for the time zone
 *
 * Returns: (transfer full): the reply's text, plain, for the agent to edit.
 */
char *
okc_session_reply_compose (OkcChargingSession *session,
                           OkcSessionAudit    *audit,
                           OkcTariff          *tariff)
{
  OkcCostBreakdown *billed;
  g_autofree char *total_text = NULL;
  const char *currency;
  GString *text;
  OkcMoney total;

  g_return_val_if_fail (OKC_IS_CHARGING_SESSION (session), NULL);
  g_return_val_if_fail (OKC_IS_SESSION_AUDIT (audit), NULL);
  g_return_val_if_fail (OKC_IS_TARIFF (tariff), NULL);

  billed = okc_session_audit_get_billed (audit);
  currency = okc_cost_breakdown_get_currency (billed);
  text = g_string_new (NULL);
  append_session (text, session, okc_tariff_get_time_zone (tariff));

  for (guint i = 0; i < okc_cost_breakdown_get_n_lines (billed); i++)
    {
      g_autofree char *line = line_text (currency, okc_cost_breakdown_get_line (billed, i));

      g_string_append_printf (text, "- %s\n", line);
    }
  okc_cost_breakdown_get_total (billed, &total);
  total_text = okc_money_format (&total);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, "Total billed: %s", total_text);
  g_string_append (text, "\n\n");

  append_findings (text, audit, currency);
  return g_string_free (text, FALSE);
}
