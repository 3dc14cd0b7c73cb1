/* okc-search-query.c — nothing typed ever reaches FTS5 as syntax: the text is cut into
 * runs of letters and digits, and each word becomes a quoted phrase with a prefix star
 * (but for a word of one character, matched whole, or not yet if still being typed)
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "okc-search-query.h"

/* The characters that the unicode61 tokenizer keeps in a token (letters, digits,
 * private use), and combining marks, which it folds away with remove_diacritics. Every
 * other character separates tokens, and none of these is FTS5 syntax inside quotes. */
static gboolean
is_token_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_PRIVATE_USE:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK ||
         type == G_UNICODE_NON_SPACING_MARK;
}

/**
 * okc_search_query_build:
 * @text: (nullable): what the agent typed, in any encoding (invalid UTF-8 is replaced)
 *
 * Turns @text into an FTS5 MATCH expression where every word is required and matches as
 * a prefix, case and diacritics aside. A word is what whitespace separates; its
 * punctuation is dropped and its runs of letters and digits kept in order, as one phrase:
 * "CH-102" becomes `"CH 102"*`, which finds charger CH-10234, and "maya.chen@" finds
 * maya.chen@example.com. A word of a single letter or digit is not a prefix: as one it
 * would match nearly every ticket, which is no use to whoever typed it and costs the
 * most (the store indexes prefixes of two and three characters only). Ended by a space,
 * it is matched whole: "+1 928" becomes `"1" "928"*`. At the end of @text it is the
 * first keystroke of a word and sets no condition until the second: "maya c" is `"maya"*`
 * and "m" alone gives %NULL, as if nothing were typed. So is the first character of a
 * run after punctuation at the end: "CH-1" is `"CH"*`, as "CH-" is, and "CH-10" is
 * `"CH 10"*`. Quotes, operators, parentheses, `*`, `:`
 * and the words AND, OR, NOT and NEAR are never syntax. At most
 * %OKC_SEARCH_QUERY_MAX_TERMS runs are kept.
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL when @text holds no
 *   letter or digit, or only one at its end: no text condition.
 */
char *
okc_search_query_build (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) query = NULL;
  guint n_terms = 0;
  gboolean in_word = FALSE; /* inside a phrase opened with a quote */
  gboolean in_run = FALSE;  /* the last character kept was a token character */
  guint word_chars = 0;     /* token characters kept in the open phrase */
  gsize word_start = 0;     /* where the open phrase begins in query, separator included */
  gsize run_start = 0;      /* where the last run begins in query, separator included */
  guint run_chars = 0;      /* token characters kept in the last run */

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  query = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_token_char (c) || (in_run && is_mark (c)))
        {
          if (!in_run)
            {
              if (n_terms == OKC_SEARCH_QUERY_MAX_TERMS)
                break;
              n_terms++;
              if (!in_word)
                {
                  word_start = run_start = query->len;
                  if (query->len > 0)
                    g_string_append_c (query, ' ');
                  g_string_append_c (query, '"');
                  in_word = TRUE;
                  word_chars = 0;
                }
              else
                {
                  run_start = query->len;
                  g_string_append_c (query, ' ');
                }
              in_run = TRUE;
              run_chars = 0;
            }
          if (!is_mark (c))
            {
              word_chars++;
              run_chars++;
            }
          g_string_append_unichar (query, c);
        }
      else if (g_unichar_isspace (c))
        {
          if (in_word)
            g_string_append (query, word_chars > 1 ? "\"*" : "\"");
          in_word = in_run = FALSE;
        }
      else
        in_run = FALSE;
    }
  /* The last word, not yet ended by a space, is still being typed: the first character
   * of it, or of a run after punctuation ("CH-1", "maya.c"), says nothing yet. */
  if (in_word && run_chars == 1 && word_chars > 1)
    {
      g_string_truncate (query, run_start);
      word_chars--;
    }
  if (in_word && word_chars == 1)
    g_string_truncate (query, word_start);
  else if (in_word)
    g_string_append (query, "\"*");

  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}
