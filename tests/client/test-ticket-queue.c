/* test-ticket-queue.c — the queue's order and the items-changed a list view relies on
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "okc-ticket-queue.h"
#include "okc-test-util.h"

#define T0 1795512600 /* 2026-11-24T09:30:00Z */

/* What a GtkListView would hold: a copy of the model kept up to date by nothing but the
 * items-changed signals. After every signal it must agree with the model; after every
 * apply, with a from-scratch sort of what the test expects to be open. */
typedef struct
{
  OkcTicketQueue *queue;
  GPtrArray *mirror;     /* OkcTicket, as the signals say */
  GHashTable *expected;  /* id → newest OkcTicket the test applied (any status) */
  guint n_signals;
  guint n_notify;
  guint last_position, last_removed, last_added;
  gboolean check_each_signal;
} Watch;

static void
assert_mirror_matches_model (Watch *watch)
{
  GListModel *model = G_LIST_MODEL (watch->queue);

  g_assert_cmpuint (watch->mirror->len, ==, g_list_model_get_n_items (model));
  for (guint i = 0; i < watch->mirror->len; i++)
    {
      g_autoptr(OkcTicket) item = g_list_model_get_item (model, i);

      g_assert_true (item == g_ptr_array_index (watch->mirror, i));
      /* The index by id agrees with the rows, in every intermediate state. */
      g_assert_true (okc_ticket_queue_lookup (watch->queue, okc_ticket_get_id (item)) == item);
    }
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  watch->n_signals++;
  watch->last_position = position;
  watch->last_removed = removed;
  watch->last_added = added;

  g_assert_cmpuint (position + removed, <=, watch->mirror->len);
  g_ptr_array_remove_range (watch->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (watch->mirror, (int) (position + i),
                        g_list_model_get_item (model, position + i));

  if (watch->check_each_signal)
    assert_mirror_matches_model (watch);
  else
    g_assert_cmpuint (watch->mirror->len, ==, g_list_model_get_n_items (model));
}

static void
notify_n_items_cb (GObject    *object,
                   GParamSpec *pspec,
                   Watch      *watch)
{
  watch->n_notify++;
}

static void
watch_init (Watch *watch)
{
  watch->queue = okc_ticket_queue_new ();
  watch->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  watch->expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  watch->check_each_signal = TRUE;
  g_signal_connect (watch->queue, "items-changed", G_CALLBACK (items_changed_cb), watch);
  g_signal_connect (watch->queue, "notify::n-items", G_CALLBACK (notify_n_items_cb), watch);
}

static void
watch_clear (Watch *watch)
{
  g_clear_pointer (&watch->mirror, g_ptr_array_unref);
  g_clear_pointer (&watch->expected, g_hash_table_unref);
  g_assert_finalize_object (watch->queue);
}

/* An independent statement of triage order, not the queue's own comparison. */
static int
reference_order (gconstpointer a,
                 gconstpointer b)
{
  OkcTicket *x = *(OkcTicket **) a, *y = *(OkcTicket **) b;
  int by_priority = (int) okc_ticket_get_priority (y) - (int) okc_ticket_get_priority (x);

  if (by_priority != 0)
    return by_priority;
  if (okc_ticket_get_created_at (x) != okc_ticket_get_created_at (y))
    return okc_ticket_get_created_at (x) < okc_ticket_get_created_at (y) ? -1 : 1;
  return g_strcmp0 (okc_ticket_get_id (x), okc_ticket_get_id (y));
}

static void
assert_queue_is_expected (Watch *watch)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, watch->expected);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (okc_ticket_get_status (value) != OKC_TICKET_STATUS_RESOLVED)
      g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, reference_order);

  assert_mirror_matches_model (watch);
  g_assert_cmpuint (sorted->len, ==, watch->mirror->len);
  for (guint i = 0; i < sorted->len; i++)
    g_assert_true (g_ptr_array_index (sorted, i) == g_ptr_array_index (watch->mirror, i));
}

/* Applies @tickets and records in expected what should now hold. */
static void
apply (Watch     *watch,
       GPtrArray *tickets)
{
  for (guint i = 0; i < tickets->len; i++)
    {
      OkcTicket *ticket = g_ptr_array_index (tickets, i);
      OkcTicket *known = g_hash_table_lookup (watch->expected, okc_ticket_get_id (ticket));

      if (known == NULL || okc_ticket_get_version (ticket) > okc_ticket_get_version (known))
        g_hash_table_replace (watch->expected, g_strdup (okc_ticket_get_id (ticket)),
                              g_object_ref (ticket));
    }

  okc_ticket_queue_apply (watch->queue, tickets);
  assert_queue_is_expected (watch);
}

static void
apply_one (Watch     *watch,
           OkcTicket *ticket)
{
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (tickets, ticket);
  apply (watch, tickets);
}

static OkcTicket *
ticket (const char      *id,
        OkcPriority      priority,
        OkcTicketStatus  status,
        gint64           created_at,
        gint64           version)
{
  return okc_test_ticket_new (id, priority, status, created_at, version);
}

static void
test_order (void)
{
  Watch watch = { 0 };
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  static const char * const expected_order[] = {
    "TCK-000005", /* urgent */
    "TCK-000002", /* high, oldest */
    "TCK-000003", /* high, same time as 4, lower id */
    "TCK-000004",
    "TCK-000001", /* high, newest */
    "TCK-000006", /* low */
  };

  watch_init (&watch);

  g_ptr_array_add (batch, ticket ("TCK-000001", OKC_PRIORITY_HIGH, OKC_TICKET_STATUS_NEW,
                                  T0 + 300, 1));
  g_ptr_array_add (batch, ticket ("TCK-000006", OKC_PRIORITY_LOW, OKC_TICKET_STATUS_OPEN,
                                  T0, 1));
  g_ptr_array_add (batch, ticket ("TCK-000004", OKC_PRIORITY_HIGH,
                                  OKC_TICKET_STATUS_WAITING_CUSTOMER, T0 + 100, 1));
  g_ptr_array_add (batch, ticket ("TCK-000007", OKC_PRIORITY_URGENT, OKC_TICKET_STATUS_RESOLVED,
                                  T0, 1));
  g_ptr_array_add (batch, ticket ("TCK-000003", OKC_PRIORITY_HIGH,
                                  OKC_TICKET_STATUS_WAITING_APPROVAL, T0 + 100, 1));
  g_ptr_array_add (batch, ticket ("TCK-000005", OKC_PRIORITY_URGENT, OKC_TICKET_STATUS_NEW,
                                  T0 + 500, 1));
  g_ptr_array_add (batch, ticket ("TCK-000002", OKC_PRIORITY_HIGH, OKC_TICKET_STATUS_NEW,
                                  T0 + 50, 1));
  apply (&watch, batch);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (watch.queue)), ==, 6);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (watch.queue)) == OKC_TYPE_TICKET);
  for (guint i = 0; i < G_N_ELEMENTS (expected_order); i++)
    {
      g_autoptr(OkcTicket) item = g_list_model_get_item (G_LIST_MODEL (watch.queue), i);
      guint position = G_MAXUINT;

      g_assert_cmpstr (okc_ticket_get_id (item), ==, expected_order[i]);
      g_assert_true (okc_ticket_queue_find (watch.queue, expected_order[i], &position));
      g_assert_cmpuint (position, ==, i);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (watch.queue), 6));
  g_assert_null (okc_ticket_queue_lookup (watch.queue, "TCK-000007"));
  g_assert_false (okc_ticket_queue_find (watch.queue, "TCK-000007", NULL));

  /* Seven tickets, six that count: under the per-row limit, so one insertion each. */
  g_assert_cmpuint (watch.n_signals, ==, 6);
  g_assert_cmpuint (watch.n_notify, ==, 6);

  watch_clear (&watch);
}

static void
test_upsert_moves_row (void)
{
  Watch watch = { 0 };
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  watch_init (&watch);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("TCK-%06u", i);
      g_ptr_array_add (batch, ticket (id, OKC_PRIORITY_NORMAL, OKC_TICKET_STATUS_OPEN,
                                      T0 + i * 60, 1));
    }
  apply (&watch, batch);
  watch.n_signals = watch.n_notify = 0;

  /* TCK-000003 becomes urgent: out of row 3, into row 0. */
  apply_one (&watch, ticket ("TCK-000003", OKC_PRIORITY_URGENT, OKC_TICKET_STATUS_OPEN,
                             T0 + 180, 2));
  g_assert_cmpuint (watch.n_signals, ==, 2);
  g_assert_cmpuint (watch.last_position, ==, 0);
  g_assert_cmpuint (watch.last_removed, ==, 0);
  g_assert_cmpuint (watch.last_added, ==, 1);
  g_assert_cmpint (okc_ticket_get_version (okc_ticket_queue_lookup (watch.queue, "TCK-000003")),
                   ==, 2);

  /* A change that keeps its place: one signal, the row replaced where it is. */
  watch.n_signals = watch.n_notify = 0;
  apply_one (&watch, ticket ("TCK-000001", OKC_PRIORITY_NORMAL,
                             OKC_TICKET_STATUS_WAITING_CUSTOMER, T0 + 60, 2));
  g_assert_cmpuint (watch.n_signals, ==, 1);
  g_assert_cmpuint (watch.last_position, ==, 2);
  g_assert_cmpuint (watch.last_removed, ==, 1);
  g_assert_cmpuint (watch.last_added, ==, 1);
  g_assert_cmpuint (watch.n_notify, ==, 0);

  /* The same version again, or an older one: nothing happens. */
  watch.n_signals = 0;
  apply_one (&watch, ticket ("TCK-000001", OKC_PRIORITY_URGENT, OKC_TICKET_STATUS_OPEN,
                             T0 + 60, 2));
  apply_one (&watch, ticket ("TCK-000003", OKC_PRIORITY_LOW, OKC_TICKET_STATUS_OPEN,
                             T0 + 180, 1));
  g_assert_cmpuint (watch.n_signals, ==, 0);
  g_assert_cmpint (okc_ticket_get_priority (okc_ticket_queue_lookup (watch.queue, "TCK-000003")),
                   ==, OKC_PRIORITY_URGENT);

  watch_clear (&watch);
}

static void
test_resolved_removed (void)
{
  Watch watch = { 0 };
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  watch_init (&watch);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("TCK-%06u", i);
      g_ptr_array_add (batch, ticket (id, OKC_PRIORITY_HIGH, OKC_TICKET_STATUS_NEW,
                                      T0 + i * 60, 3));
    }
  apply (&watch, batch);
  watch.n_signals = watch.n_notify = 0;

  apply_one (&watch, ticket ("TCK-000002", OKC_PRIORITY_HIGH, OKC_TICKET_STATUS_RESOLVED,
                             T0 + 120, 4));
  g_assert_cmpuint (watch.n_signals, ==, 1);
  g_assert_cmpuint (watch.last_position, ==, 2);
  g_assert_cmpuint (watch.last_removed, ==, 1);
  g_assert_cmpuint (watch.last_added, ==, 0);
  g_assert_cmpuint (watch.n_notify, ==, 1);
  g_assert_null (okc_ticket_queue_lookup (watch.queue, "TCK-000002"));

  /* An older copy arriving late does not bring it back; a reopened one (newer) does. */
  watch.n_signals = 0;
  okc_ticket_queue_apply (watch.queue, batch);
  g_assert_cmpuint (watch.n_signals, ==, 0);
  assert_queue_is_expected (&watch);

  apply_one (&watch, ticket ("TCK-000002", OKC_PRIORITY_URGENT, OKC_TICKET_STATUS_OPEN,
                             T0 + 120, 5));
  g_assert_cmpuint (watch.n_signals, ==, 1);
  g_assert_cmpuint (watch.last_position, ==, 0);
  g_assert_cmpuint (watch.last_added, ==, 1);

  /* A resolved ticket the queue never held changes nothing. */
  watch.n_signals = 0;
  apply_one (&watch, ticket ("TCK-000099", OKC_PRIORITY_URGENT, OKC_TICKET_STATUS_RESOLVED,
                             T0, 1));
  g_assert_cmpuint (watch.n_signals, ==, 0);

  okc_ticket_queue_remove_all (watch.queue);
  g_assert_cmpuint (watch.last_position, ==, 0);
  g_assert_cmpuint (watch.last_removed, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (watch.queue)), ==, 0);
  g_hash_table_remove_all (watch.expected);
  assert_queue_is_expected (&watch);

  watch_clear (&watch);
}

static void
test_retain (void)
{
  Watch watch = { 0 };
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);

  watch_init (&watch);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *id = g_strdup_printf ("TCK-%06u", i);
      g_ptr_array_add (batch, ticket (id, i % 4, OKC_TICKET_STATUS_OPEN, T0 + i, 1));
    }
  apply (&watch, batch);

  /* A few gone: one row at a time. */
  for (guint i = 0; i < 30; i++)
    if (i != 3 && i != 17)
      g_hash_table_add (listed, (gpointer) okc_ticket_get_id (g_ptr_array_index (batch, i)));
  watch.n_signals = 0;
  okc_ticket_queue_retain (watch.queue, listed);
  g_assert_cmpuint (watch.n_signals, ==, 2);
  g_hash_table_remove (watch.expected, "TCK-000003");
  g_hash_table_remove (watch.expected, "TCK-000017");
  assert_queue_is_expected (&watch);

  /* Many gone: one signal. */
  g_hash_table_remove_all (listed);
  for (guint i = 0; i < 30; i += 3)
    if (i != 3)
      g_hash_table_add (listed, (gpointer) okc_ticket_get_id (g_ptr_array_index (batch, i)));
  watch.n_signals = 0;
  okc_ticket_queue_retain (watch.queue, listed);
  g_assert_cmpuint (watch.n_signals, ==, 1);
  for (guint i = 0; i < 30; i++)
    if (i % 3 != 0 || i == 3)
      g_hash_table_remove (watch.expected, okc_ticket_get_id (g_ptr_array_index (batch, i)));
  assert_queue_is_expected (&watch);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (watch.queue)), ==, 9);

  /* Nothing gone: nothing said. */
  watch.n_signals = 0;
  okc_ticket_queue_retain (watch.queue, listed);
  g_assert_cmpuint (watch.n_signals, ==, 0);

  watch_clear (&watch);
}

static void
test_batch_one_signal (void)
{
  Watch watch = { 0 };
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) third = g_ptr_array_new_with_free_func (g_object_unref);

  watch_init (&watch);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *id = g_strdup_printf ("TCK-%06u", i);
      g_ptr_array_add (first, ticket (id, i % 4, OKC_TICKET_STATUS_OPEN, T0 + i, 1));
    }
  apply (&watch, first);
  g_assert_cmpuint (watch.n_signals, ==, 1);
  g_assert_cmpuint (watch.last_position, ==, 0);
  g_assert_cmpuint (watch.last_removed, ==, 0);
  g_assert_cmpuint (watch.last_added, ==, 100);
  g_assert_cmpuint (watch.n_notify, ==, 1);

  /* Changes confined to the low-priority tail: one signal over just the span that moved. */
  watch.n_signals = 0;
  for (guint i = 0; i < 100; i += 4)
    {
      g_autofree char *id = g_strdup_printf ("TCK-%06u", i);
      g_ptr_array_add (second, ticket (id, OKC_PRIORITY_LOW,
                                       i % 8 == 0 ? OKC_TICKET_STATUS_RESOLVED
                                                  : OKC_TICKET_STATUS_WAITING_CUSTOMER,
                                       T0 + 1000 - i, 2));
    }
  apply (&watch, second);
  g_assert_cmpuint (watch.n_signals, ==, 1);
  g_assert_cmpuint (watch.last_position, ==, 75);
  g_assert_cmpuint (watch.last_removed, ==, 25);
  g_assert_cmpuint (watch.last_added, ==, 12);

  /* New versions of the high ones, in place: rows 25 to 49, nothing before or after. */
  watch.n_signals = 0;
  for (guint i = 2; i < 100; i += 4)
    {
      g_autofree char *id = g_strdup_printf ("TCK-%06u", i);
      g_ptr_array_add (third, ticket (id, OKC_PRIORITY_HIGH, OKC_TICKET_STATUS_OPEN, T0 + i, 3));
    }
  apply (&watch, third);
  g_assert_cmpuint (watch.n_signals, ==, 1);
  g_assert_cmpuint (watch.last_position, ==, 25);
  g_assert_cmpuint (watch.last_removed, ==, 25);
  g_assert_cmpuint (watch.last_added, ==, 25);

  watch_clear (&watch);
}

/* Random batches of every size, each checked signal by signal against the mirror and, at
 * the end, against a from-scratch sort. */
static void
test_random (void)
{
  Watch watch = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GHashTable) versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  watch_init (&watch);
  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      guint size = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 9, 60)
                                                      : g_rand_int_range (rand, 1, 9);

      for (guint i = 0; i < size; i++)
        {
          g_autofree char *id = g_strdup_printf ("TCK-%06d", g_rand_int_range (rand, 0, 120));
          gint64 version = GPOINTER_TO_INT (g_hash_table_lookup (versions, id));

          /* Mostly newer versions, some stale or repeated ones. */
          version += g_rand_int_range (rand, -1, 3);
          version = MAX (version, 1);
          g_hash_table_replace (versions, g_strdup (id),
                                GINT_TO_POINTER (MAX (version,
                                                      GPOINTER_TO_INT (g_hash_table_lookup (
                                                        versions, id)))));
          g_ptr_array_add (batch, ticket (id, g_rand_int_range (rand, 0, 4),
                                          g_rand_int_range (rand, 0, 5) == 0
                                            ? OKC_TICKET_STATUS_RESOLVED
                                            : OKC_TICKET_STATUS_OPEN,
                                          T0 + g_rand_int_range (rand, 0, 20), version));
        }
      /* A batch may carry two copies of an id; the newest wins, and on a tie the first
       * one seen. Make the expectation independent of that: no ties within a batch. */
      for (guint i = 0; i < batch->len; i++)
        for (guint j = i + 1; j < batch->len; j++)
          if (g_str_equal (okc_ticket_get_id (g_ptr_array_index (batch, i)),
                           okc_ticket_get_id (g_ptr_array_index (batch, j))) &&
              okc_ticket_get_version (g_ptr_array_index (batch, i)) ==
                okc_ticket_get_version (g_ptr_array_index (batch, j)))
            {
              g_ptr_array_remove_index (batch, j);
              j--;
            }
      apply (&watch, batch);
    }
  g_test_message ("%u signals", watch.n_signals);
  g_assert_cmpuint (watch.n_signals, >, 300);

  watch_clear (&watch);
}

static void
test_large (void)
{
  const guint n = 100000;
  Watch watch = { 0 };
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  double seconds;

  watch_init (&watch);
  watch.check_each_signal = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("TCK-%06u", i);
      g_ptr_array_add (all, ticket (id, g_rand_int_range (rand, 0, 4), OKC_TICKET_STATUS_OPEN,
                                    T0 + g_rand_int_range (rand, 0, 86400), 1));
    }

  g_test_timer_start ();
  okc_ticket_queue_apply (watch.queue, all);
  seconds = g_test_timer_elapsed ();
  g_test_message ("%u tickets in one batch: %.3f s", n, seconds);
  g_assert_cmpuint (watch.n_signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (watch.queue)), ==, n);

  /* A thousand single updates (what the event stream will send): each is a binary search
   * and a move, not a re-sort. */
  g_test_timer_start ();
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *id = g_strdup_printf ("TCK-%06d", g_rand_int_range (rand, 0, n));
      OkcTicket *current = okc_ticket_queue_lookup (watch.queue, id);

      g_ptr_array_add (one, ticket (id, g_rand_int_range (rand, 0, 4),
                                    i % 10 == 0 ? OKC_TICKET_STATUS_RESOLVED
                                                : OKC_TICKET_STATUS_OPEN,
                                    okc_ticket_get_created_at (current),
                                    okc_ticket_get_version (current) + 1));
      okc_ticket_queue_apply (watch.queue, one);
    }
  seconds = g_test_timer_elapsed ();
  g_test_message ("1000 single updates: %.3f s", seconds);

  for (guint i = 1; i < watch.mirror->len; i++)
    g_assert_cmpint (okc_ticket_queue_compare (g_ptr_array_index (watch.mirror, i - 1),
                                               g_ptr_array_index (watch.mirror, i)),
                     <, 0);
  for (guint i = 0; i < watch.mirror->len; i += 997)
    {
      g_autoptr(OkcTicket) item = g_list_model_get_item (G_LIST_MODEL (watch.queue), i);
      g_assert_true (item == g_ptr_array_index (watch.mirror, i));
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (watch.queue)), <, n);

  watch_clear (&watch);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Okc/Client/ticket-queue/order", test_order);
  g_test_add_func ("/Okc/Client/ticket-queue/upsert-moves-row", test_upsert_moves_row);
  g_test_add_func ("/Okc/Client/ticket-queue/resolved-removed", test_resolved_removed);
  g_test_add_func ("/Okc/Client/ticket-queue/retain", test_retain);
  g_test_add_func ("/Okc/Client/ticket-queue/batch-one-signal", test_batch_one_signal);
  g_test_add_func ("/Okc/Client/ticket-queue/random", test_random);
  g_test_add_func ("/Okc/Client/ticket-queue/large", test_large);

  return g_test_run ();
}
