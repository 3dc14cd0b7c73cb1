/* okc-bench-trace.c — timing lines for tests/bench, written only with OKC_BENCH_TRACE=1
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "okc-bench-trace.h"

/* The benchmark reads these lines from stderr: the first painted frame that shows
 * tickets, counted from the process's real start so that the launch itself counts, and
 * each search from the keystroke to the filtered queue. Without the variable every
 * call returns at once. */

static char *search_text;
static gint64 search_started_us;

/**
 * okc_bench_trace_enabled:
 *
 * Returns: whether the environment asked for trace lines (`OKC_BENCH_TRACE=1`).
 */
gboolean
okc_bench_trace_enabled (void)
{
  static gsize enabled = 0;

  if (g_once_init_enter (&enabled))
    g_once_init_leave (&enabled, g_strcmp0 (g_getenv ("OKC_BENCH_TRACE"), "1") == 0 ? 2 : 1);
  return enabled == 2;
}

/* Milliseconds since the kernel started this process: field 22 of /proc/self/stat is
 * its start in clock ticks after boot, the clock CLOCK_BOOTTIME reads. */
static double
ms_since_process_start (void)
{
  g_autofree char *stat = NULL;
  const char *field;
  guint64 start_ticks;
  struct timespec now;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return -1;
  /* The command name, in parentheses, may hold spaces: count fields after its end. */
  field = strrchr (stat, ')');
  if (field == NULL)
    return -1;
  for (int i = 2; i < 22 && field != NULL; i++)
    field = strchr (field + 1, ' ');
  if (field == NULL)
    return -1;
  start_ticks = g_ascii_strtoull (field + 1, NULL, 10);
  clock_gettime (CLOCK_BOOTTIME, &now);
  return (now.tv_sec * 1000.0 + now.tv_nsec / 1e6) -
         (start_ticks * 1000.0 / sysconf (_SC_CLK_TCK));
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                GtkListView   *list_view)
{
  GtkSelectionModel *model = gtk_list_view_get_model (list_view);
  guint rows = model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
  char ms[G_ASCII_DTOSTR_BUF_SIZE];

  if (rows == 0 || !gtk_widget_is_drawable (GTK_WIDGET (list_view)))
    return;
  /* Read by bench-console.py: "." whatever LC_NUMERIC says, hence g_ascii_formatd. */
  g_ascii_formatd (ms, sizeof ms, "%.1f", ms_since_process_start ());
  fprintf (stderr, "okc-bench: first-paint %s rows=%u\n", ms, rows);
  fflush (stderr);
  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, list_view);
}

static void
list_realize_cb (GtkWidget *list_view)
{
  g_signal_handlers_disconnect_by_func (list_view, list_realize_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (list_view), "after-paint",
                           G_CALLBACK (after_paint_cb), list_view, 0);
}

/**
 * okc_bench_trace_watch_first_paint:
 * @list_view: the queue's list
 *
 * Writes `okc-bench: first-paint MS rows=N` after the first frame painted while
 * @list_view is drawable and has rows.
 */
void
okc_bench_trace_watch_first_paint (GtkListView *list_view)
{
  g_return_if_fail (GTK_IS_LIST_VIEW (list_view));

  if (!okc_bench_trace_enabled ())
    return;
  g_signal_connect (list_view, "realize", G_CALLBACK (list_realize_cb), NULL);
}

/**
 * okc_bench_trace_search_begin:
 * @text: what the search entry holds now
 *
 * Marks the search entry's change; a later one replaces it, as the console cancels
 * the search it replaces.
 */
void
okc_bench_trace_search_begin (const char *text)
{
  if (!okc_bench_trace_enabled ())
    return;
  g_free (search_text);
  search_text = g_strdup (text != NULL ? text : "");
  search_started_us = g_get_monotonic_time ();
}

/**
 * okc_bench_trace_search_end:
 * @matches: how many tickets the search found
 *
 * Writes `okc-bench: search "TEXT" MS matches=N` once the filtered queue changed for
 * the text that okc_bench_trace_search_begin() marked; does nothing without one.
 */
void
okc_bench_trace_search_end (guint matches)
{
  char ms[G_ASCII_DTOSTR_BUF_SIZE];

  if (!okc_bench_trace_enabled () || search_text == NULL)
    return;
  g_ascii_formatd (ms, sizeof ms, "%.1f", (g_get_monotonic_time () - search_started_us) / 1000.0);
  fprintf (stderr, "okc-bench: search \"%s\" %s matches=%u\n", search_text, ms, matches);
  fflush (stderr);
  g_clear_pointer (&search_text, g_free);
}
