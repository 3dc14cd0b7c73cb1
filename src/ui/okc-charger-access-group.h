/* okc-charger-access-group.h — a charger's page's Access group: its policy, its access
 * list with Revoke, Grant Access… and Check Access (docs/actions.md, topic 3)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "okc-client.h"
#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_TYPE_CHARGER_ACCESS_GROUP (okc_charger_access_group_get_type ())

G_DECLARE_FINAL_TYPE (OkcChargerAccessGroup, okc_charger_access_group, OKC, CHARGER_ACCESS_GROUP,
                      GtkWidget)

void okc_charger_access_group_set_client  (OkcChargerAccessGroup *self,
                                           OkcClient             *client);
void okc_charger_access_group_set_charger (OkcChargerAccessGroup *self,
                                           OkcCharger            *charger);

G_END_DECLS
