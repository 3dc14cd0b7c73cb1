/* okc-outbox-button.h — the header bar's count of actions not yet sent, and their list
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "okc-outbox.h"

G_BEGIN_DECLS

#define OKC_TYPE_OUTBOX_BUTTON (okc_outbox_button_get_type ())

G_DECLARE_FINAL_TYPE (OkcOutboxButton, okc_outbox_button, OKC, OUTBOX_BUTTON, GtkWidget)

void okc_outbox_button_set_outbox (OkcOutboxButton *self,
                                   OkcOutbox       *outbox);

G_END_DECLS
