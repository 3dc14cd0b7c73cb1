/* test-search-query.c — what an agent types, as an FTS5 expression: the exact output,
 * and that no input whatever makes a real FTS5 table fail
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>

#include "okc-search-query.h"

static void
test_words (void)
{
  static const struct { const char *text; const char *expected; } cases[] = {
    /* One character is not a prefix of nearly every word: a whole word once a space
     * ends it, nothing yet at the end. */
    { "m ", "\"m\"" },
    { "m a", "\"m\"" },
    { "maya c", "\"maya\"*" },
    { "maya c ", "\"maya\"* \"c\"" },
    { "ma", "\"ma\"*" },
    { "CH-1", "\"CH\"*" },
    { "CH-10", "\"CH 10\"*" },
    { "CH-1 ", "\"CH 1\"*" },
    { "maya.c", "\"maya\"*" },
    { "a-b", NULL },
    { "maya chen", "\"maya\"* \"chen\"*" },
    { "  Maya\t\nCHEN  ", "\"Maya\"* \"CHEN\"*" },
    { "José", "\"José\"*" },
    { "CH-102", "\"CH 102\"*" },
    { "maya.chen@", "\"maya chen\"*" },
    { "+1 928", "\"1\" \"928\"*" },
    { "TCK-000123", "\"TCK 000123\"*" },
    { "$12.34", "\"12 34\"*" },
    { "l'hôtel", "\"l hôtel\"*" },
    /* Operators are words like any other, quoted. */
    { "NOT fuse OR breaker", "\"NOT\"* \"fuse\"* \"OR\"* \"breaker\"*" },
    { "NEAR(a b)", "\"NEAR a\"*" },
    { "summary:fuse", "\"summary fuse\"*" },
    { "\"fuse\"*", "\"fuse\"*" },
    { "ab\"cd", "\"ab cd\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = okc_search_query_build (cases[i].text);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (query, ==, cases[i].expected);
    }
}

static void
test_no_condition (void)
{
  static const char * const texts[] = {
    "", "   ", "\t\n", "-", "\"", "*", "()", ":", "^", "+", "- - -", "\"\"*", "@.,;!?",
    "\xef\xbf\xbd", /* U+FFFD */
    /* The first keystroke of a word */
    "m", "  M", "+1", "e\xcc\x81", /* e and a combining acute accent */
  };

  g_assert_null (okc_search_query_build (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *query = okc_search_query_build (texts[i]);

      g_test_message ("\"%s\"", texts[i]);
      g_assert_null (query);
    }
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *query = okc_search_query_build ("caf\xc3 \xff\xfe" "fuse\x80");

  g_assert_nonnull (query);
  g_assert_true (g_utf8_validate (query, -1, NULL));
  g_assert_cmpstr (query, ==, "\"caf\"* \"fuse\"*");
}

static void
test_term_limit (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *query = NULL;
  g_autofree char *expected_end = g_strdup_printf ("\"w%u\"*", OKC_SEARCH_QUERY_MAX_TERMS - 1);

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "w%u ", i);
  query = okc_search_query_build (text->str);
  g_assert_true (g_str_has_suffix (query, expected_end));
}

/* Every query built is accepted by FTS5 with the store's tokenizer: run each against a
 * real table and fail on any SQLite error. */
static void
assert_runs (sqlite3    *db,
             const char *text)
{
  g_autofree char *query = okc_search_query_build (text);
  sqlite3_stmt *statement = NULL;
  int rc;

  if (query == NULL)
    return;
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rowid FROM f WHERE f MATCH ?1 ORDER BY rank",
                                       -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, query, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    g_error ("FTS5 refused %s (from %s): %s", query, text, sqlite3_errmsg (db));
  sqlite3_finalize (statement);
}

static void
test_fts5_accepts_anything (void)
{
  static const char * const hostile[] = {
    "\"", "\"\"", "*", "**", "a*b", "NEAR(", "NEAR(a b, 3)", "AND", "OR", "NOT", "a AND",
    "OR b", "NOT NOT", ")", "(", "(a OR b", "-", "-a", "a -b", "^a", "a:b", "{a b}: c",
    "\\", "'", "';DROP TABLE f;--", "\x01\x02", "\xcc\x81", "e\xcc\x81", "ﬁ", "İ", "ß", "😀",
    "零一", "\xe2\x80\x8b", "\xf0\x9f\x8f\xb3\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x8c\x88",
    "\xff", "\xc3", "a\xc3(b",
  };
  sqlite3 *db = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  g_autoptr(GString) long_text = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE VIRTUAL TABLE f USING fts5 (t, tokenize = 'unicode61 "
                                 "remove_diacritics 2', prefix = '1 2 3');"
                                 "INSERT INTO f (t) VALUES ('José Álvarez CH-10234 "
                                 "maya.chen@example.com +1 928-555-0134 NEAR AND OR NOT');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    assert_runs (db, hostile[i]);

  /* 10,000 characters, one word and many. */
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (long_text, 'a' + i % 26);
  assert_runs (db, long_text->str);
  g_string_truncate (long_text, 0);
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (long_text, " a\"*()-:^"[i % 10]);
  assert_runs (db, long_text->str);

  /* Random code points from every plane that matters, and random bytes. */
  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint length = g_rand_int_range (rand, 1, 24);

      for (guint i = 0; i < length; i++)
        {
          gunichar c;

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              c = g_rand_int_range (rand, 0x20, 0x7f);
              break;
            case 1:
              c = g_rand_int_range (rand, 0x80, 0x3000);
              break;
            case 2:
              c = g_rand_int_range (rand, 0x3000, 0x30000);
              break;
            default:
              g_string_append_c (text, (char) g_rand_int_range (rand, 1, 256));
              continue;
            }
          if (g_unichar_validate (c))
            g_string_append_unichar (text, c);
        }
      assert_runs (db, text->str);
    }

  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Client/search-query/words", test_words);
  g_test_add_func ("/Okc/Client/search-query/no-condition", test_no_condition);
  g_test_add_func ("/Okc/Client/search-query/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/Okc/Client/search-query/term-limit", test_term_limit);
  g_test_add_func ("/Okc/Client/search-query/fts5-accepts-anything", test_fts5_accepts_anything);

  return g_test_run ();
}
