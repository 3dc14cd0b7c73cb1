/* okc-property-view.h — a property's page: address, host, chargers, units, and its PMS
 * integration with "Sync Now" (topic 8)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "okc-client-properties.h"

G_BEGIN_DECLS

#define OKC_TYPE_PROPERTY_VIEW (okc_property_view_get_type ())

/* A window of its own beside the main one, so that the agent keeps the ticket in view.
 * A charger's row activates win.show-charger on @parent. */
G_DECLARE_FINAL_TYPE (OkcPropertyView, okc_property_view, OKC, PROPERTY_VIEW, AdwWindow)

OkcPropertyView *okc_property_view_new (GtkWindow  *parent,
                                        OkcClient  *client,
                                        OkcOutbox  *outbox,
                                        const char *property_id,
                                        const char *ticket_id);

G_END_DECLS
