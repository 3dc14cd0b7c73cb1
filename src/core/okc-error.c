/* okc-error.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-core"

#include "okc-error.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  char *field;
} OkcDataErrorPrivate;

static void
okc_data_error_private_init (OkcDataErrorPrivate *priv)
{
  priv->field = NULL;
}

static void
okc_data_error_private_copy (const OkcDataErrorPrivate *src,
                             OkcDataErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
}

static void
okc_data_error_private_clear (OkcDataErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

/* An extended error domain, so that the path of the member to blame travels with the
 * error instead of being parsed back out of the message. */
G_DEFINE_EXTENDED_ERROR (OkcDataError, okc_data_error)

/**
 * okc_data_error_set:
 * @error: (out) (optional): where to put the error
 * @code: an #OkcDataError
 * @field: path of the member to blame, or %NULL for the whole document
 * @format: printf-style explanation, shown after the path; an untranslated
 *   msgid (po/meson.build declares this argument a gettext keyword), which is
 *   translated here
 *
 * Sets an #OKC_DATA_ERROR whose message reads "field: explanation". Pass a
 * string literal, or N_() on each branch of a conditional, so that xgettext
 * finds every explanation.
 */
void
okc_data_error_set (GError      **error,
                    OkcDataError  code,
                    const char   *field,
                    const char   *format,
                    ...)
{
  g_autofree char *explanation = NULL;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  explanation = g_strdup_vprintf (_(format), args);
  va_end (args);
  okc_data_error_set_literal (error, code, field, explanation);
}

/**
 * okc_data_error_set_plural:
 * @error: (out) (optional): where to put the error
 * @code: an #OkcDataError
 * @field: path of the member to blame, or %NULL for the whole document
 * @singular: printf-style explanation for @n of one, an untranslated msgid
 * @plural: the same for other @n (po/meson.build declares both a keyword)
 * @n: the count that chooses the plural form
 *
 * Like okc_data_error_set() for an explanation with a count in it ("is longer than
 * %d characters"): translated with g_dngettext(), so every language gets its plural.
 */
void
okc_data_error_set_plural (GError      **error,
                           OkcDataError  code,
                           const char   *field,
                           const char   *singular,
                           const char   *plural,
                           gulong        n,
                           ...)
{
  g_autofree char *explanation = NULL;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, n);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  /* g_dngettext () returns one of the two formats; the compiler checks @singular. */
  explanation = g_strdup_vprintf (g_dngettext (GETTEXT_PACKAGE, singular, plural, n), args);
#pragma GCC diagnostic pop
  va_end (args);
  okc_data_error_set_literal (error, code, field, explanation);
}

/**
 * okc_data_error_set_literal:
 * @error: (out) (optional): where to put the error
 * @code: an #OkcDataError
 * @field: path of the member to blame, or %NULL for the whole document
 * @explanation: what is wrong, already translated (built with _() or ngettext())
 *
 * Like okc_data_error_set() for an explanation that is already in the user's language.
 */
void
okc_data_error_set_literal (GError      **error,
                            OkcDataError  code,
                            const char   *field,
                            const char   *explanation)
{
  OkcDataErrorPrivate *priv;

  if (error == NULL)
    return;

  if (field != NULL && *field != '\0')
    /* Translators: a decoding error: the first %s is the path of the member of
     * the backend's answer that is wrong ("requester.email",
     * "lines[2].amount"), the second what is wrong with it ("is required",
     * "is not a date such as 2026-11-02"). */
    g_set_error (error, OKC_DATA_ERROR, code, C_("decoding error", "%s: %s"), field,
                 explanation);
  else
    g_set_error_literal (error, OKC_DATA_ERROR, code, explanation);

  priv = okc_data_error_get_private (*error);
  if (priv != NULL)
    priv->field = g_strdup (field);
}

/**
 * okc_data_error_get_field:
 * @error: an error
 *
 * Returns: (nullable): the path of the member an #OKC_DATA_ERROR blames, or %NULL if
 *   @error is of another domain or blames the whole document.
 */
const char *
okc_data_error_get_field (const GError *error)
{
  OkcDataErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  priv = okc_data_error_get_private (error);
  if (priv == NULL || priv->field == NULL || *priv->field == '\0')
    return NULL;
  return priv->field;
}
