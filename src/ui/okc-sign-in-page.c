/* okc-sign-in-page.c — the form; the window does the signing in when "submitted" fires
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "okc-sign-in-page.h"
#include "okc-widget-util.h"

struct _OkcSignInPage
{
  GtkWidget parent_instance;

  gboolean busy;

  AdwEntryRow *url_row;
  AdwEntryRow *email_row;
  AdwEntryRow *password_row;
  GtkLabel *error_label;
  GtkStack *button_stack;
  GtkButton *sign_in_button;
};

G_DEFINE_FINAL_TYPE (OkcSignInPage, okc_sign_in_page, GTK_TYPE_WIDGET)

enum {
  SUBMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_complete (OkcSignInPage *self)
{
  return *okc_sign_in_page_get_url (self) != '\0' && *okc_sign_in_page_get_email (self) != '\0' &&
         *okc_sign_in_page_get_password (self) != '\0';
}

static void
entry_changed_cb (OkcSignInPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), is_complete (self) && !self->busy);
}

static void
submit (OkcSignInPage *self)
{
  if (self->busy || !is_complete (self))
    return;
  g_signal_emit (self, signals[SUBMITTED], 0);
}

static void
entry_activated_cb (OkcSignInPage *self,
                    AdwEntryRow   *row)
{
  /* Enter moves on to the next empty entry, and signs in from a complete form. */
  if (is_complete (self))
    submit (self);
  else if (*okc_sign_in_page_get_email (self) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
sign_in_clicked_cb (OkcSignInPage *self)
{
  submit (self);
}

/**
 * okc_sign_in_page_fill:
 * @backend_url: (nullable): the address to offer
 * @email: (nullable): the email to offer
 *
 * Fills the form in from what the console remembers, and clears the password.
 */
void
okc_sign_in_page_fill (OkcSignInPage *self,
                       const char    *backend_url,
                       const char    *email)
{
  g_return_if_fail (OKC_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), backend_url != NULL ? backend_url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email != NULL ? email : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
}

/**
 * okc_sign_in_page_set_url:
 * @backend_url: the address to offer (the preferences changed it)
 *
 * Replaces the address and leaves the email and password as they were.
 */
void
okc_sign_in_page_set_url (OkcSignInPage *self,
                          const char    *backend_url)
{
  g_return_if_fail (OKC_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (backend_url != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), backend_url);
}

const char *
okc_sign_in_page_get_url (OkcSignInPage *self)
{
  g_return_val_if_fail (OKC_IS_SIGN_IN_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->url_row));
}

const char *
okc_sign_in_page_get_email (OkcSignInPage *self)
{
  g_return_val_if_fail (OKC_IS_SIGN_IN_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->email_row));
}

const char *
okc_sign_in_page_get_password (OkcSignInPage *self)
{
  g_return_val_if_fail (OKC_IS_SIGN_IN_PAGE (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->password_row));
}

void
okc_sign_in_page_set_busy (OkcSignInPage *self,
                           gboolean       busy)
{
  g_return_if_fail (OKC_IS_SIGN_IN_PAGE (self));

  self->busy = busy;
  gtk_stack_set_visible_child_name (self->button_stack, busy ? "spinner" : "button");
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->email_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  entry_changed_cb (self);
}

/**
 * okc_sign_in_page_set_error:
 * @message: (nullable): what went wrong, or %NULL to hide the previous message
 */
void
okc_sign_in_page_set_error (OkcSignInPage *self,
                            const char    *message)
{
  g_return_if_fail (OKC_IS_SIGN_IN_PAGE (self));

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Puts the cursor where typing is needed first. */
void
okc_sign_in_page_focus (OkcSignInPage *self)
{
  g_return_if_fail (OKC_IS_SIGN_IN_PAGE (self));

  if (*okc_sign_in_page_get_url (self) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
  else if (*okc_sign_in_page_get_email (self) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
okc_sign_in_page_dispose (GObject *object)
{
  okc_widget_dispose_template (GTK_WIDGET (object), OKC_TYPE_SIGN_IN_PAGE);

  G_OBJECT_CLASS (okc_sign_in_page_parent_class)->dispose (object);
}

static void
okc_sign_in_page_class_init (OkcSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_sign_in_page_dispose;

  /**
   * OkcSignInPage::submitted:
   *
   * The agent asked to sign in with a complete form.
   */
  signals[SUBMITTED] =
    g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/com/ok2charge/AgentConsole/ui/okc-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcSignInPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSignInPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, OkcSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, OkcSignInPage, button_stack);
  gtk_widget_class_bind_template_child (widget_class, OkcSignInPage, sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
}

static void
okc_sign_in_page_init (OkcSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
