/* okc-attachment-picture.h — an attachment's image, fetched from the backend
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-client.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_ATTACHMENT_PICTURE (okc_attachment_picture_get_type ())

G_DECLARE_FINAL_TYPE (OkcAttachmentPicture, okc_attachment_picture, OKC, ATTACHMENT_PICTURE,
                      GtkWidget)

GtkWidget *okc_attachment_picture_new (OkcClient     *client,
                                       OkcAttachment *attachment);

G_END_DECLS
