/* okc-backend-host-range.h — a host, their properties and a range of local dates: what a
 * host's revenue and statement are asked for (docs/payouts.md)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "okc-backend-db.h"

G_BEGIN_DECLS

/* One of the host's properties, with the zone its dates are in and what it bills in. */
typedef struct
{
  char *id;
  char *name;
  GTimeZone *zone;
  char *currency;           /* NULL: no tariff yet */
} OkcBackendHostProperty;

typedef struct
{
  GDate first;
  GDate last;
  guint n_days;
  GPtrArray *properties;    /* OkcBackendHostProperty, by id */
  char *currency;           /* the one the properties bill in; USD without any */
} OkcBackendHostRange;

/* Checks @account_id is a host (OKC_BACKEND_ACCOUNT_ERROR_NOT_FOUND, or an OKC_DATA_ERROR
 * on `id` for a guest), @from and @to are dates at most @max_days apart (OKC_DATA_ERROR on
 * `from` or `to`) and @property_id, if not NULL, one of the host's (on `property`); a
 * host whose properties bill in two currencies must name one. */
OkcBackendHostRange *okc_backend_host_range_load (OkcBackendDb  *db,
                                                  const char    *account_id,
                                                  const char    *from,
                                                  const char    *to,
                                                  const char    *property_id,
                                                  guint          max_days,
                                                  GError       **error);
void                 okc_backend_host_range_free (OkcBackendHostRange *range);

/* Local midnight of @date, and of the day after the range, in @property's zone. */
gint64               okc_backend_host_range_start_at (const OkcBackendHostRange    *range,
                                                      const OkcBackendHostProperty *property);
gint64               okc_backend_host_range_end_at   (const OkcBackendHostRange    *range,
                                                      const OkcBackendHostProperty *property);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcBackendHostRange, okc_backend_host_range_free)

G_END_DECLS
