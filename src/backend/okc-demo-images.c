/* okc-demo-images.c — the demo attachments, drawn with cairo: QR labels, error screens
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-demo-images.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <string.h>

#include "okc-demo-random.h"

#define FONT "DejaVu Sans"
#define QR_MODULES 25
#define QR_MODULE_SIZE 8

typedef struct
{
  const char *title;
  const char *detail;
} Screen;

static const Screen screens[OKC_DEMO_N_SCREENS] = {
  [OKC_DEMO_SCREEN_ERROR_LOADING] = { "Error loading the charger",
                                      "Something went wrong. Scan the QR code on the charger "
                                      "again." },
  [OKC_DEMO_SCREEN_NOT_ALLOWED] = { "Not allowed to use this charger",
                                    "This charger is restricted to residents and registered "
                                    "guests." },
  [OKC_DEMO_SCREEN_CHARGING_UNSUCCESSFUL] = { "Charging unsuccessful",
                                              "The vehicle did not accept energy. Check the "
                                              "connector and try again." },
  [OKC_DEMO_SCREEN_PAYMENT_FAILED] = { "Payment could not be completed",
                                       "Your session was not started. No charge was made." },
  [OKC_DEMO_SCREEN_CHARGER_OFFLINE] = { "Charger offline",
                                        "This charger is not connected right now. Try again "
                                        "later." },
  [OKC_DEMO_SCREEN_SESSION_STOPPED] = { "Session stopped",
                                        "Charging stopped unexpectedly after a few minutes." },
};

/**
 * okc_demo_images_release_fonts:
 *
 * Drops cairo's font caches and fontconfig's configuration, which otherwise live
 * until the process exits: a leak checker then reports them. Call it when no other thread uses
 * cairo, after the last image is drawn.
 */
void
okc_demo_images_release_fonts (void)
{
  cairo_debug_reset_static_data ();
  FcFini ();
}

const char *
okc_demo_screen_get_title (OkcDemoScreen screen)
{
  g_return_val_if_fail (screen < OKC_DEMO_N_SCREENS, NULL);
  return screens[screen].title;
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
surface_to_png (cairo_surface_t *surface)
{
  GByteArray *png = g_byte_array_new ();

  if (cairo_surface_write_to_png_stream (surface, append_cb, png) != CAIRO_STATUS_SUCCESS)
    g_error ("cairo cannot encode a PNG image"); /* memory only: out of memory */
  return g_byte_array_free_to_bytes (png);
}

static void
show_centered (cairo_t    *cr,
               const char *text,
               double      center_x,
               double      baseline)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  cairo_move_to (cr, center_x - extents.width / 2 - extents.x_bearing, baseline);
  cairo_show_text (cr, text);
}

static void
draw_finder (cairo_t *cr,
             double   x,
             double   y)
{
  const double m = QR_MODULE_SIZE;

  cairo_rectangle (cr, x, y, 7 * m, 7 * m);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x + m, y + m, 5 * m, 5 * m);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, x + 2 * m, y + 2 * m, 3 * m, 3 * m);
  cairo_fill (cr);
}

static gboolean
in_finder (int row,
           int column)
{
  gboolean top = row < 8, left = column < 8;
  gboolean bottom = row >= QR_MODULES - 8, right = column >= QR_MODULES - 8;

  return (top && left) || (top && right) || (bottom && left);
}

/* A QR-like grid: three finder squares, timing lines and modules that depend on the
 * charger ID only, so that the same charger always has the same label. */
static void
draw_modules (cairo_t    *cr,
              const char *charger_id,
              double      x,
              double      y)
{
  OkcDemoRandom random;

  okc_demo_random_init (&random, g_str_hash (charger_id));
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < QR_MODULES; row++)
    for (int column = 0; column < QR_MODULES; column++)
      {
        gboolean dark;

        if (in_finder (row, column))
          continue;
        if (row == 6 || column == 6)
          dark = (row + column) % 2 == 0;
        else
          dark = okc_demo_random_chance (&random, 48);
        if (dark)
          cairo_rectangle (cr, x + column * QR_MODULE_SIZE, y + row * QR_MODULE_SIZE,
                           QR_MODULE_SIZE, QR_MODULE_SIZE);
      }
  cairo_fill (cr);

  draw_finder (cr, x, y);
  draw_finder (cr, x + (QR_MODULES - 7) * QR_MODULE_SIZE, y);
  draw_finder (cr, x, y + (QR_MODULES - 7) * QR_MODULE_SIZE);
}

/**
 * okc_demo_images_qr_label:
 *
 * Returns: (transfer full): a PNG photo of the QR label on the charger @charger_id,
 *   its ID printed under the code as on the real labels.
 */
GBytes *
okc_demo_images_qr_label (const char *charger_id)
{
  const int width = 280, height = 360;
  const double grid = QR_MODULES * QR_MODULE_SIZE;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GBytes *png;

  /* The charger's grey housing around a white label. */
  cairo_set_source_rgb (cr, 0.35, 0.37, 0.40);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 20, 16, width - 40, height - 32);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0.05, 0.45, 0.25);
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 20);
  show_centered (cr, "OK2Charge", width / 2.0, 46);

  draw_modules (cr, charger_id, (width - grid) / 2, 60);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_font_size (cr, 13);
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  show_centered (cr, "Scan to charge", width / 2.0, 286);
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 26);
  show_centered (cr, charger_id, width / 2.0, 322);

  cairo_destroy (cr);
  png = surface_to_png (surface);
  cairo_surface_destroy (surface);
  return png;
}

/* Draws @text left-aligned from @x, wrapped at @width, lines @leading apart. */
static void
show_wrapped (cairo_t    *cr,
              const char *text,
              double      x,
              double      baseline,
              double      width,
              double      leading)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *candidate = line->len > 0 ? g_strdup_printf ("%s %s", line->str, words[i])
                                                 : g_strdup (words[i]);
      cairo_text_extents_t extents;

      cairo_text_extents (cr, candidate, &extents);
      if (extents.width > width && line->len > 0)
        {
          show_centered (cr, line->str, x + width / 2, baseline);
          baseline += leading;
          g_string_assign (line, words[i]);
        }
      else
        g_string_assign (line, candidate);
    }
  if (line->len > 0)
    show_centered (cr, line->str, x + width / 2, baseline);
}

static void
draw_phone_chrome (cairo_t *cr,
                   int      width)
{
  cairo_set_source_rgb (cr, 0.96, 0.96, 0.97);
  cairo_paint (cr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, 0, 0, width, 28);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 13);
  cairo_move_to (cr, 16, 19);
  cairo_show_text (cr, "9:41");

  cairo_set_source_rgb (cr, 0.05, 0.45, 0.25);
  cairo_rectangle (cr, 0, 28, width, 56);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_font_size (cr, 20);
  show_centered (cr, "OK2Charge", width / 2.0, 63);
}

static void
draw_warning (cairo_t *cr,
              double   center_x,
              double   center_y)
{
  cairo_set_source_rgb (cr, 0.80, 0.15, 0.15);
  cairo_arc (cr, center_x, center_y, 34, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 44);
  show_centered (cr, "!", center_x, center_y + 16);
}

/**
 * okc_demo_images_error_screen:
 *
 * Returns: (transfer full): a PNG screenshot of the OK2Charge app showing @screen's
 *   error, as a guest sends it to the chatbot.
 */
GBytes *
okc_demo_images_error_screen (OkcDemoScreen screen)
{
  const int width = 360, height = 640;
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *png;

  g_return_val_if_fail (screen < OKC_DEMO_N_SCREENS, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  draw_phone_chrome (cr, width);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 20, 120, width - 40, 330);
  cairo_fill (cr);
  draw_warning (cr, width / 2.0, 190);

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 21);
  show_wrapped (cr, screens[screen].title, 36, 268, width - 72, 28);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 15);
  show_wrapped (cr, screens[screen].detail, 36, 340, width - 72, 21);

  cairo_set_source_rgb (cr, 0.05, 0.45, 0.25);
  cairo_rectangle (cr, 40, 480, width - 80, 48);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 17);
  show_centered (cr, "Try again", width / 2.0, 510);

  cairo_destroy (cr);
  png = surface_to_png (surface);
  cairo_surface_destroy (surface);
  return png;
}
