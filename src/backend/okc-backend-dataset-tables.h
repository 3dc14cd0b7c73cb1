/* okc-backend-dataset-tables.h — the fleet tables of a dataset, column by column
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  OKC_DATASET_ID,            /* a non-empty text, unique in its table */
  OKC_DATASET_TEXT,          /* a non-empty text of at most 500 characters */
  OKC_DATASET_EMAIL,
  OKC_DATASET_ACCOUNT_EMAIL, /* an email; "" for an account whose `deleted_at` is set */
  OKC_DATASET_PHONE,
  OKC_DATASET_CARD_LAST4,    /* exactly four digits */
  OKC_DATASET_CHOICE,        /* one of the column's choices */
  OKC_DATASET_BOOLEAN,       /* true or false; SQL 1 or 0 */
  OKC_DATASET_INTEGER,       /* an integer from min to max */
  OKC_DATASET_TIME,          /* RFC 3339; SQL seconds since the epoch */
  OKC_DATASET_DATE,          /* YYYY-MM-DD */
  OKC_DATASET_MONEY,         /* {"amount", "currency"}; SQL the amount, the row's currency */
  OKC_DATASET_REFERENCE,     /* the id of a row of another table */
  OKC_DATASET_TIMEZONE,      /* an IANA time zone */
  OKC_DATASET_PASSWORD_HASH, /* pbkdf2-sha256$iterations$salt$hash */
  OKC_DATASET_TARIFF,        /* a tariff document (docs/billing.md); its currency the row's */
  OKC_DATASET_BREAKDOWN,     /* a cost breakdown in the row's currency, its total "total" */
  OKC_DATASET_SAMPLES,       /* [{"at", "wh"}] of the session; SQL session_meter.samples */
} OkcDatasetKind;

typedef struct
{
  const char *name;               /* the JSON member and the SQL column */
  OkcDatasetKind kind;
  gboolean nullable;
  const char * const *choices;    /* for OKC_DATASET_CHOICE */
  const char *references;         /* for OKC_DATASET_REFERENCE: the table */
  gint64 min;                     /* for OKC_DATASET_INTEGER */
  gint64 max;
} OkcDatasetColumn;

typedef struct
{
  const char *name;               /* the JSON member and the SQL table */
  const OkcDatasetColumn *columns;
  guint n_columns;
  gboolean has_currency;          /* its money columns share the SQL column "currency" */
  const char *order_by;
} OkcDatasetTable;

const OkcDatasetTable *okc_dataset_tables_get (guint *n_tables);

G_END_DECLS
