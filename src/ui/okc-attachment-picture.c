/* okc-attachment-picture.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-attachment-picture.h"
#include "okc-widget-util.h"

struct _OkcAttachmentPicture
{
  GtkWidget parent_instance;

  GCancellable *cancellable;
  char *spoken_name;

  GtkStack *stack;
  GtkPicture *picture;
  GtkLabel *error_label;
  GtkLabel *caption_label;
};

G_DEFINE_FINAL_TYPE (OkcAttachmentPicture, okc_attachment_picture, GTK_TYPE_WIDGET)

static void
show_error (OkcAttachmentPicture *self,
            const char           *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
decode_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GdkTexture *texture = gdk_texture_new_from_bytes (task_data, &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OkcAttachmentPicture) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (texture == NULL)
    {
      show_error (self, _("The image is damaged and cannot be shown."));
      return;
    }

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->stack, "picture");
  /* Named only once it shows an image: until then there is nothing to announce. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->spoken_name, -1);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OkcAttachmentPicture) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = okc_client_get_attachment_finish (OKC_CLIENT (object), result, NULL, &error);
  g_autoptr(GTask) task = NULL;

  /* Cancelled when the widget went away; its template children are gone too. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (bytes == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* Decoding a photo of several megabytes takes long enough to stutter the main loop. */
  task = g_task_new (NULL, self->cancellable, decoded_cb, g_object_ref (self));
  g_task_set_source_tag (task, fetched_cb);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, decode_in_thread);
}

static const char *
describe_kind (const char *kind)
{
  if (g_strcmp0 (kind, "qr_photo") == 0)
    return _("Photo of the QR code");
  if (g_strcmp0 (kind, "error_screenshot") == 0)
    return _("Screenshot of the error");
  return kind;
}

/**
 * okc_attachment_picture_new:
 * @client: the client to fetch the image with
 * @attachment: the attachment to show
 *
 * Returns: (transfer floating): a widget that shows a spinner, then the image or why it
 *   cannot be shown.
 */
GtkWidget *
okc_attachment_picture_new (OkcClient     *client,
                            OkcAttachment *attachment)
{
  OkcAttachmentPicture *self;
  const char *kind;

  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);
  g_return_val_if_fail (OKC_IS_ATTACHMENT (attachment), NULL);

  self = g_object_new (OKC_TYPE_ATTACHMENT_PICTURE, NULL);
  kind = describe_kind (okc_attachment_get_kind (attachment));

  gtk_label_set_label (self->caption_label, kind);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), okc_attachment_get_filename (attachment));
  /* Translators: an image's spoken name, "Photo of the QR code, qr-label.png" */
  self->spoken_name = g_strdup_printf (_("%s, %s"), kind, okc_attachment_get_filename (attachment));

  okc_client_get_attachment_async (client, okc_attachment_get_id (attachment), self->cancellable,
                                   fetched_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}

static void
okc_attachment_picture_dispose (GObject *object)
{
  OkcAttachmentPicture *self = OKC_ATTACHMENT_PICTURE (object);

  g_cancellable_cancel (self->cancellable);
  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_ATTACHMENT_PICTURE);

  G_OBJECT_CLASS (okc_attachment_picture_parent_class)->dispose (object);
}

static void
okc_attachment_picture_finalize (GObject *object)
{
  OkcAttachmentPicture *self = OKC_ATTACHMENT_PICTURE (object);

  g_clear_object (&self->cancellable);
  g_free (self->spoken_name);

  G_OBJECT_CLASS (okc_attachment_picture_parent_class)->finalize (object);
}

static void
okc_attachment_picture_class_init (OkcAttachmentPictureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_attachment_picture_dispose;
  object_class->finalize = okc_attachment_picture_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/com/ok2charge/AgentConsole/ui/okc-attachment-picture.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcAttachmentPicture, stack);
  gtk_widget_class_bind_template_child (widget_class, OkcAttachmentPicture, picture);
  gtk_widget_class_bind_template_child (widget_class, OkcAttachmentPicture, error_label);
  gtk_widget_class_bind_template_child (widget_class, OkcAttachmentPicture, caption_label);
}

static void
okc_attachment_picture_init (OkcAttachmentPicture *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
