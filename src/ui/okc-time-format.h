/* okc-time-format.h — dates and times as the agent reads them
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * OkcTimeForm:
 * @OKC_TIME_FORM_DATE_TIME: "24 Nov 2026, 09:30"
 * @OKC_TIME_FORM_DATE: "24 Nov 2026"
 * @OKC_TIME_FORM_LONG_DATE: "24 November 2026"
 * @OKC_TIME_FORM_DAY_MONTH: "24 Nov", a chart's axis
 * @OKC_TIME_FORM_TIME: "09:30" (or "9:30 AM")
 * @OKC_TIME_FORM_TIME_SECONDS: "09:30:15" (or "9:30:15 AM")
 * @OKC_TIME_FORM_NUMERIC_DATE_TIME: "2026-11-24 09:30", a column that reads in order
 * @OKC_TIME_FORM_NUMERIC_DATE: "2026-11-24", as the date entries take it
 *
 * The forms of dates and times the console shows. Each is a translatable
 * g_date_time_format() format; the times of day follow the desktop's 12 or 24 hour clock.
 * What machines read (file names, CSV, API queries) does not go through these.
 */
typedef enum
{
  OKC_TIME_FORM_DATE_TIME,
  OKC_TIME_FORM_DATE,
  OKC_TIME_FORM_LONG_DATE,
  OKC_TIME_FORM_DAY_MONTH,
  OKC_TIME_FORM_TIME,
  OKC_TIME_FORM_TIME_SECONDS,
  OKC_TIME_FORM_NUMERIC_DATE_TIME,
  OKC_TIME_FORM_NUMERIC_DATE,
} OkcTimeForm;

char      *okc_time_format                  (GDateTime   *time,
                                             OkcTimeForm  form);
char      *okc_time_format_unix             (gint64       unix_time,
                                             OkcTimeForm  form);
const char *okc_time_form_get_format        (OkcTimeForm  form,
                                             gboolean     twelve_hour);

void       okc_time_format_set_twelve_hour  (gboolean     twelve_hour);
gboolean   okc_time_format_get_twelve_hour  (void);
GSettings *okc_time_format_desktop_settings (void);
GSettings *okc_time_format_desktop_settings_from (GSettingsSchemaSource *source);
void       okc_time_format_follow_desktop   (GSettings   *settings);

G_END_DECLS
