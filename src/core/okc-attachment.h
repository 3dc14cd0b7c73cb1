/* okc-attachment.h — an image the chatbot received: a QR label photo, an error screenshot
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define OKC_TYPE_ATTACHMENT (okc_attachment_get_type ())

G_DECLARE_FINAL_TYPE (OkcAttachment, okc_attachment, OKC, ATTACHMENT, GObject)

OkcAttachment *okc_attachment_new_from_json  (JsonNode       *node,
                                              const char     *path,
                                              GError        **error);
JsonNode      *okc_attachment_to_json        (OkcAttachment  *self);
const char    *okc_attachment_get_id         (OkcAttachment  *self);
const char    *okc_attachment_get_kind       (OkcAttachment  *self);
const char    *okc_attachment_get_filename   (OkcAttachment  *self);
const char    *okc_attachment_get_media_type (OkcAttachment  *self);
gint64         okc_attachment_get_size       (OkcAttachment  *self);

gboolean       okc_media_type_is_image       (const char     *media_type);
gboolean       okc_image_data_matches_type   (GBytes         *data,
                                              const char     *media_type);

G_END_DECLS
