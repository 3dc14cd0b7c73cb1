/* okc-demo-tickets.h — demo tickets for the ten topics, consistent with the fleet data
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-tickets.h"
#include "okc-demo-images.h"
#include "okc-demo-world.h"

G_BEGIN_DECLS

/**
 * OkcDemoDraft:
 *
 * One ticket being made: the fleet entities it is about (indices into the world, -1
 * for none), what the chatbot collected and which images the customer sent.
 */
typedef struct
{
  const OkcTopic *topic;
  gint64 created_at;
  int account;
  int property;
  int charger;
  int payout;
  JsonObject *fields;
  char *summary;
  gboolean qr_photo;
  gboolean has_screen;
  OkcDemoScreen screen;
  gboolean planted;         /* made to be found as it is: no detail dropped */
} OkcDemoDraft;

/* Fills @draft (topic already set) for its topic; okc-demo-topics.c. */
void okc_demo_topics_fill (OkcDemoWorld *world,
                           OkcDemoDraft *draft);

G_END_DECLS
