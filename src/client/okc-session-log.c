/* okc-session-log.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-client"

#include "okc-session-log.h"

#include "okc-session-log-private.h"

/* The row ---------------------------------------------------------------------------- */

struct _OkcSessionLogRow
{
  GObject parent_instance;

  guint position;
  OkcChargingSession *session;
};

G_DEFINE_FINAL_TYPE (OkcSessionLogRow, okc_session_log_row, G_TYPE_OBJECT)

enum
{
  ROW_PROP_0,
  ROW_PROP_POSITION,
  ROW_PROP_SESSION,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

static void
okc_session_log_row_finalize (GObject *object)
{
  OkcSessionLogRow *self = OKC_SESSION_LOG_ROW (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (okc_session_log_row_parent_class)->finalize (object);
}

static void
okc_session_log_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  OkcSessionLogRow *self = OKC_SESSION_LOG_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case ROW_PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_session_log_row_class_init (OkcSessionLogRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = okc_session_log_row_finalize;
  object_class->get_property = okc_session_log_row_get_property;

  row_properties[ROW_PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  row_properties[ROW_PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, OKC_TYPE_CHARGING_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
okc_session_log_row_init (OkcSessionLogRow *self)
{
}

static OkcSessionLogRow *
okc_session_log_row_new (guint position)
{
  OkcSessionLogRow *self = g_object_new (OKC_TYPE_SESSION_LOG_ROW, NULL);

  self->position = position;
  return self;
}

static void
okc_session_log_row_set_session (OkcSessionLogRow   *self,
                                 OkcChargingSession *session)
{
  if (g_set_object (&self->session, session))
    g_object_notify_by_pspec (G_OBJECT (self), row_properties[ROW_PROP_SESSION]);
}

/**
 * okc_session_log_row_get_position:
 * @self: a row
 *
 * Returns: its position in the log it came from.
 */
guint
okc_session_log_row_get_position (OkcSessionLogRow *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_LOG_ROW (self), 0);

  return self->position;
}

/**
 * okc_session_log_row_get_session:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): its session, %NULL until its page arrived.
 */
OkcChargingSession *
okc_session_log_row_get_session (OkcSessionLogRow *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_LOG_ROW (self), NULL);

  return self->session;
}

/* The log ---------------------------------------------------------------------------- */

/* A page of the current query: on its way, arrived (sessions) or failed. */
typedef struct
{
  GPtrArray *sessions;
  gboolean failed;
} Page;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->sessions, g_ptr_array_unref);
  g_free (page);
}

struct _OkcSessionLog
{
  GObject parent_instance;

  OkcClient *client;
  OkcSessionQuery *query;

  /* Everything of the current query's generation; a new query cancels it. */
  GCancellable *cancellable;
  guint total;
  GHashTable *pages;  /* page index → Page */
  GHashTable *rows;   /* position → OkcSessionLogRow, weak: rows handed out and alive */
  guint last_page;    /* the page last asked for: eviction keeps those nearest */
  GHashTable *wanted; /* page indexes asked for since the last idle */
  guint fetch_idle_id;

  gboolean loading;
  GError *error;
  guint n_fetches;
};

static void okc_session_log_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OkcSessionLog, okc_session_log, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      okc_session_log_list_model_init))

enum
{
  PROP_0,
  PROP_QUERY,
  PROP_LOADING,
  PROP_ERROR,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a request remembers: the log (held, the cancellable of dispose ends it quickly),
 * which generation it belongs to, and the page. */
typedef struct
{
  OkcSessionLog *self;
  GCancellable *cancellable;
  guint page;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_object_unref (fetch->self);
  g_object_unref (fetch->cancellable);
  g_free (fetch);
}

static void
set_loading (OkcSessionLog *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (OkcSessionLog *self,
           const GError  *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
row_finalized_cb (gpointer  data,
                  GObject  *where_the_object_was)
{
  OkcSessionLog *self = data;
  OkcSessionLogRow *row = (OkcSessionLogRow *) where_the_object_was;

  /* Only the position is read: the row's memory is still there while weak refs run. */
  g_hash_table_remove (self->rows, GUINT_TO_POINTER (row->position));
}

/* Forgets every row handed out (they keep what they have) and every page. */
static void
forget_rows_and_pages (OkcSessionLog *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    {
      g_object_weak_unref (row, row_finalized_cb, self);
      g_hash_table_iter_remove (&iter);
    }
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->wanted);
}

static guint
page_distance (guint a,
               guint b)
{
  return a > b ? a - b : b - a;
}

/* Drops the arrived pages farthest from the one last asked for until at most
 * OKC_SESSION_LOG_MAX_PAGES are held. Pages on their way stay: rows wait for them. */
static void
evict_pages (OkcSessionLog *self)
{
  for (;;)
    {
      GHashTableIter iter;
      gpointer key, value;
      guint n_held = 0;
      gboolean found = FALSE;
      guint farthest = 0;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Page *page = value;
          guint index = GPOINTER_TO_UINT (key);

          if (page->sessions == NULL)
            continue;
          n_held++;
          if (!found ||
              page_distance (index, self->last_page) > page_distance (farthest, self->last_page))
            farthest = index;
          found = TRUE;
        }
      if (n_held <= OKC_SESSION_LOG_MAX_PAGES)
        return;
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (farthest));
    }
}

/* Gives the rows alive in @index their sessions. */
static void
fill_rows (OkcSessionLog *self,
           guint          index,
           Page          *page)
{
  guint first = index * OKC_SESSION_LOG_PAGE_SIZE;

  for (guint i = 0; i < page->sessions->len; i++)
    {
      OkcSessionLogRow *row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (first + i));

      if (row != NULL)
        okc_session_log_row_set_session (row, g_ptr_array_index (page->sessions, i));
    }
}

static void
fetch_page (OkcSessionLog       *self,
            guint                index,
            GAsyncReadyCallback  callback)
{
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->self = g_object_ref (self);
  fetch->cancellable = g_object_ref (self->cancellable);
  fetch->page = index;
  self->n_fetches++;
  okc_client_list_sessions_async (self->client, self->query,
                                  index * OKC_SESSION_LOG_PAGE_SIZE, OKC_SESSION_LOG_PAGE_SIZE,
                                  self->cancellable, callback, fetch);
}

static void
page_fetched_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fetch *fetch = user_data;
  OkcSessionLog *self = fetch->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcSessionPage) answer = NULL;
  Page *page;

  answer = okc_client_list_sessions_finish (OKC_CLIENT (source), result, &error);
  if (fetch->cancellable != self->cancellable)
    {
      /* An earlier query's page: its rows are gone. */
      fetch_free (fetch);
      return;
    }
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (fetch->page));
  if (page == NULL)
    {
      page = g_new0 (Page, 1);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (fetch->page), page);
    }
  if (answer == NULL)
    {
      /* Kept as failed so that scrolling does not ask again and again; reload retries. */
      page->failed = TRUE;
      set_error (self, error);
    }
  else
    {
      page->sessions = g_steal_pointer (&answer->sessions);
      fill_rows (self, fetch->page, page);
      evict_pages (self);
    }
  fetch_free (fetch);
}

/* Whether a row of page @index is alive and still waits for its session. */
static gboolean
page_has_waiting_rows (OkcSessionLog *self,
                       guint          index)
{
  guint first = index * OKC_SESSION_LOG_PAGE_SIZE;

  for (guint i = 0; i < OKC_SESSION_LOG_PAGE_SIZE; i++)
    {
      OkcSessionLogRow *row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (first + i));

      if (row != NULL && row->session == NULL)
        return TRUE;
    }
  return FALSE;
}

/* Fetches the pages asked for whose rows are still alive. GTK's list item manager gets
 * every item of a replaced model to look for the ones it showed, and drops them at once:
 * fetching each page then would ask for all 1,000 pages of 200,000 sessions. */
static gboolean
fetch_wanted_cb (gpointer user_data)
{
  OkcSessionLog *self = user_data;
  GHashTableIter iter;
  gpointer key;

  self->fetch_idle_id = 0;
  g_hash_table_iter_init (&iter, self->wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint index = GPOINTER_TO_UINT (key);

      if (g_hash_table_contains (self->pages, key) || !page_has_waiting_rows (self, index))
        continue;
      self->last_page = index;
      g_hash_table_insert (self->pages, key, g_new0 (Page, 1));
      fetch_page (self, index, page_fetched_cb);
    }
  g_hash_table_remove_all (self->wanted);
  return G_SOURCE_REMOVE;
}

/* Asks for page @index unless it is held or on its way, once the main loop is idle. */
static void
ensure_page (OkcSessionLog *self,
             guint          index)
{
  if (g_hash_table_contains (self->pages, GUINT_TO_POINTER (index)))
    {
      self->last_page = index;
      return;
    }
  g_hash_table_add (self->wanted, GUINT_TO_POINTER (index));
  if (self->fetch_idle_id == 0)
    self->fetch_idle_id = g_idle_add (fetch_wanted_cb, self);
}

static void
first_page_fetched_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Fetch *fetch = user_data;
  OkcSessionLog *self = fetch->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(OkcSessionPage) answer = NULL;
  guint old_total;
  Page *page;

  answer = okc_client_list_sessions_finish (OKC_CLIENT (source), result, &error);
  if (fetch->cancellable != self->cancellable)
    {
      fetch_free (fetch);
      return;
    }
  fetch_free (fetch);

  old_total = self->total;
  forget_rows_and_pages (self);
  if (answer == NULL)
    {
      /* No rows under a query that failed: the old ones answered another question. */
      self->total = 0;
      set_error (self, error);
    }
  else
    {
      self->total = answer->total;
      page = g_new0 (Page, 1);
      page->sessions = g_steal_pointer (&answer->sessions);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (0), page);
      self->last_page = 0;
      set_error (self, NULL);
    }
  g_object_freeze_notify (G_OBJECT (self));
  set_loading (self, FALSE);
  if (old_total != self->total)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_total, self->total);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Starts a new generation: cancels what is on its way and asks for the first page. */
static void
restart (OkcSessionLog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  fetch_page (self, 0, first_page_fetched_cb);
}

/* GListModel ------------------------------------------------------------------------- */

static GType
okc_session_log_get_item_type (GListModel *model)
{
  return OKC_TYPE_SESSION_LOG_ROW;
}

static guint
okc_session_log_get_n_items (GListModel *model)
{
  return OKC_SESSION_LOG (model)->total;
}

static gpointer
okc_session_log_get_item (GListModel *model,
                          guint       position)
{
  OkcSessionLog *self = OKC_SESSION_LOG (model);
  OkcSessionLogRow *row;
  guint index = position / OKC_SESSION_LOG_PAGE_SIZE;
  Page *page;

  if (position >= self->total)
    return NULL;

  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (row != NULL)
    {
      if (row->session == NULL)
        ensure_page (self, index);
      return g_object_ref (row);
    }

  row = okc_session_log_row_new (position);
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), row);
  g_object_weak_ref (G_OBJECT (row), row_finalized_cb, self);

  ensure_page (self, index);
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page != NULL && page->sessions != NULL &&
      position % OKC_SESSION_LOG_PAGE_SIZE < page->sessions->len)
    row->session = g_object_ref (g_ptr_array_index (page->sessions,
                                                    position % OKC_SESSION_LOG_PAGE_SIZE));
  return row;
}

static void
okc_session_log_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = okc_session_log_get_item_type;
  iface->get_n_items = okc_session_log_get_n_items;
  iface->get_item = okc_session_log_get_item;
}

/* GObject ------------------------------------------------------------------------------ */

static void
okc_session_log_dispose (GObject *object)
{
  OkcSessionLog *self = OKC_SESSION_LOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->fetch_idle_id, g_source_remove);
  if (self->rows != NULL)
    forget_rows_and_pages (self);
  g_clear_object (&self->client);
  G_OBJECT_CLASS (okc_session_log_parent_class)->dispose (object);
}

static void
okc_session_log_finalize (GObject *object)
{
  OkcSessionLog *self = OKC_SESSION_LOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->query, okc_session_query_free);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->wanted, g_hash_table_unref);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (okc_session_log_parent_class)->finalize (object);
}

static void
okc_session_log_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OkcSessionLog *self = OKC_SESSION_LOG (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_TOTAL:
      g_value_set_uint (value, self->total);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
okc_session_log_class_init (OkcSessionLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = okc_session_log_dispose;
  object_class->finalize = okc_session_log_finalize;
  object_class->get_property = okc_session_log_get_property;

  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL, OKC_TYPE_SESSION_QUERY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TOTAL] =
    g_param_spec_uint ("total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
okc_session_log_init (OkcSessionLog *self)
{
  self->cancellable = g_cancellable_new ();
  self->query = g_new0 (OkcSessionQuery, 1);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  self->rows = g_hash_table_new (NULL, NULL);
  self->wanted = g_hash_table_new (NULL, NULL);
}

/**
 * okc_session_log_new:
 * @client: the client to fetch with
 *
 * Returns: (transfer full): an empty log; okc_session_log_set_query() or
 *   okc_session_log_reload() fills it.
 */
OkcSessionLog *
okc_session_log_new (OkcClient *client)
{
  OkcSessionLog *self;

  g_return_val_if_fail (OKC_IS_CLIENT (client), NULL);

  self = g_object_new (OKC_TYPE_SESSION_LOG, NULL);
  self->client = g_object_ref (client);
  return self;
}

/**
 * okc_session_log_set_query:
 * @self: a log
 * @query: (nullable): the filters and order, %NULL for every session, newest first
 *
 * Cancels what is on its way and fetches the first page of @query; once it is there,
 * every row is replaced in one items-changed.
 */
void
okc_session_log_set_query (OkcSessionLog         *self,
                           const OkcSessionQuery *query)
{
  static const OkcSessionQuery none = { 0 };

  g_return_if_fail (OKC_IS_SESSION_LOG (self));

  okc_session_query_free (self->query);
  self->query = okc_session_query_copy (query != NULL ? query : &none);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);
  restart (self);
}

/**
 * okc_session_log_get_query:
 * @self: a log
 *
 * Returns: (transfer none): the current query.
 */
const OkcSessionQuery *
okc_session_log_get_query (OkcSessionLog *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_LOG (self), NULL);

  return self->query;
}

/**
 * okc_session_log_reload:
 * @self: a log
 *
 * Re-reads the total and drops every fetched page; clears a failed page.
 */
void
okc_session_log_reload (OkcSessionLog *self)
{
  g_return_if_fail (OKC_IS_SESSION_LOG (self));

  restart (self);
}

gboolean
okc_session_log_get_loading (OkcSessionLog *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_LOG (self), FALSE);

  return self->loading;
}

/**
 * okc_session_log_get_error:
 * @self: a log
 *
 * Returns: (transfer none) (nullable): the last failure of the current query.
 */
const GError *
okc_session_log_get_error (OkcSessionLog *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_LOG (self), NULL);

  return self->error;
}

guint
okc_session_log_get_total (OkcSessionLog *self)
{
  g_return_val_if_fail (OKC_IS_SESSION_LOG (self), 0);

  return self->total;
}

/* For tests ---------------------------------------------------------------------------- */

guint
okc_session_log_get_n_fetches (OkcSessionLog *self)
{
  return self->n_fetches;
}

guint
okc_session_log_get_n_pages (OkcSessionLog *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Page *) value)->sessions != NULL)
      n++;
  return n;
}

gboolean
okc_session_log_has_page (OkcSessionLog *self,
                          guint          position)
{
  Page *page = g_hash_table_lookup (self->pages,
                                    GUINT_TO_POINTER (position / OKC_SESSION_LOG_PAGE_SIZE));

  return page != NULL && page->sessions != NULL;
}
