/* okc-error.h — errors for data that does not have the shape the domain requires
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OKC_DATA_ERROR (okc_data_error_quark ())

/**
 * OkcDataError:
 * @OKC_DATA_ERROR_MISSING: a required member is absent or null
 * @OKC_DATA_ERROR_INVALID: a member has the wrong type or an unacceptable value
 * @OKC_DATA_ERROR_UNKNOWN: a member or value the domain does not know
 *
 * Every #OKC_DATA_ERROR carries the path of the member to blame
 * (`requester.email`, `fields.amounts_charged[1].amount`), readable with
 * okc_data_error_get_field(); the message starts with the same path.
 */
typedef enum
{
  OKC_DATA_ERROR_MISSING,
  OKC_DATA_ERROR_INVALID,
  OKC_DATA_ERROR_UNKNOWN,
} OkcDataError;

GQuark      okc_data_error_quark     (void);
void        okc_data_error_set       (GError      **error,
                                      OkcDataError  code,
                                      const char   *field,
                                      const char   *format,
                                      ...) G_GNUC_PRINTF (4, 5);
void        okc_data_error_set_plural  (GError      **error,
                                        OkcDataError  code,
                                        const char   *field,
                                        const char   *singular,
                                        const char   *plural,
                                        gulong        n,
                                        ...) G_GNUC_PRINTF (4, 7);
void        okc_data_error_set_literal (GError      **error,
                                        OkcDataError  code,
                                        const char   *field,
                                        const char   *explanation);
const char *okc_data_error_get_field (const GError *error);

G_END_DECLS
