/* session-gen.h — generated charging sessions, billed by the engine, with planted mischarges
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-core.h"

G_BEGIN_DECLS

/* What a generated session is: billed as posted, or with one mischarge planted. */
typedef enum
{
  SESSION_GEN_CLEAN,
  SESSION_GEN_ZERO_ENERGY,        /* a failed attempt, not retried: billed as posted */
  SESSION_GEN_REPEATED,           /* a failed attempt the same account retried */
  SESSION_GEN_DOUBLE,             /* the same charge billed again under a higher id */
  SESSION_GEN_IDLE,               /* charging recorded as ended while the car still drew power */
  SESSION_GEN_RATE,               /* energy billed at rates the tariff never had */
  SESSION_GEN_TAX,                /* taxes billed at rates not in force */
  SESSION_GEN_MISMATCH,           /* a processing fee not as posted */
  SESSION_GEN_N_KINDS
} SessionGenKind;

typedef struct
{
  GRand *rand;
  OkcTariff *posted;
  OkcTariff *wrong_rates;         /* every energy rate 3 minor units more */
  OkcTariff *wrong_taxes;         /* every tax rate 1 % more */
  OkcTariff *wrong_fees;          /* the processing fee 1 % more */
  guint next_id;
} SessionGen;

void                session_gen_init  (SessionGen      *gen,
                                       guint32          seed);
void                session_gen_clear (SessionGen      *gen);
/* The session to audit; @neighbours (of OkcChargingSession, owning) gets the sessions around
 * it. @out_kind: the one finding the audit must give, -1 for none. */
OkcChargingSession *session_gen_next  (SessionGen      *gen,
                                       SessionGenKind   kind,
                                       GPtrArray       *neighbours,
                                       int             *out_kind);

G_END_DECLS
