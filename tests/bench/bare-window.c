/* bare-window.c — the bench's baseline: an empty GTK 4 window, nothing else
 *
 * Prints `okc-bench: first-paint MS rows=0` after its first painted frame, MS counted
 * from the process's start as the console's trace counts it (src/ui/okc-bench-trace.c),
 * then stays open until it is stopped, so that its memory can be read.
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gtk/gtk.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Field 22 of /proc/self/stat: the process's start in clock ticks after boot. */
static double
ms_since_process_start (void)
{
  g_autofree char *stat = NULL;
  const char *field;
  struct timespec now;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return -1;
  field = strrchr (stat, ')');
  for (int i = 2; i < 22 && field != NULL; i++)
    field = strchr (field + 1, ' ');
  if (field == NULL)
    return -1;
  clock_gettime (CLOCK_BOOTTIME, &now);
  return (now.tv_sec * 1000.0 + now.tv_nsec / 1e6) -
         (g_ascii_strtoull (field + 1, NULL, 10) * 1000.0 / sysconf (_SC_CLK_TCK));
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  fprintf (stderr, "okc-bench: first-paint %.1f rows=0\n", ms_since_process_start ());
  fflush (stderr);
  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, user_data);
}

static void
realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app =
    gtk_application_new ("com.ok2charge.BenchBareWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
