/* okc-store.h — the local SQLite store of one account: the cached queue, read offline
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "okc-core.h"

G_BEGIN_DECLS

#define OKC_STORE_ERROR (okc_store_error_quark ())

/**
 * OkcStoreError:
 * @OKC_STORE_ERROR_CORRUPT: the file is not a database, is damaged, or its tables are not
 *   the ones its schema version promises
 * @OKC_STORE_ERROR_FUTURE_SCHEMA: the file was written by a newer version of the console
 * @OKC_STORE_ERROR_NOT_OPEN: the store is not open (never opened, or opening failed)
 * @OKC_STORE_ERROR_FAILED: SQLite failed otherwise (disk full, no permission, I/O error)
 */
typedef enum
{
  OKC_STORE_ERROR_CORRUPT,
  OKC_STORE_ERROR_FUTURE_SCHEMA,
  OKC_STORE_ERROR_NOT_OPEN,
  OKC_STORE_ERROR_FAILED,
} OkcStoreError;

/**
 * OkcStoreOpenFlags:
 * @OKC_STORE_OPEN_NONE: fail with %OKC_STORE_ERROR_CORRUPT or
 *   %OKC_STORE_ERROR_FUTURE_SCHEMA when the file cannot be used
 * @OKC_STORE_OPEN_RECOVER: move such a file aside ("name.corrupt-20261124T093000Z") and
 *   start empty; the store is a cache of what the backend holds
 */
typedef enum /*< flags >*/
{
  OKC_STORE_OPEN_NONE = 0,
  OKC_STORE_OPEN_RECOVER = 1 << 0,
} OkcStoreOpenFlags;

/**
 * OkcStoreLoadFlags:
 * @OKC_STORE_LOAD_ALL: every ticket stored
 * @OKC_STORE_LOAD_OPEN_ONLY: only tickets that are not resolved
 */
typedef enum /*< flags >*/
{
  OKC_STORE_LOAD_ALL = 0,
  OKC_STORE_LOAD_OPEN_ONLY = 1 << 0,
} OkcStoreLoadFlags;

#define OKC_TYPE_STORE (okc_store_get_type ())

G_DECLARE_FINAL_TYPE (OkcStore, okc_store, OKC, STORE, GObject)

GQuark        okc_store_error_quark          (void);

char         *okc_store_build_filename       (const char          *directory,
                                              const char          *backend_url,
                                              const char          *user_id);

OkcStore     *okc_store_new                  (const char          *path);
const char   *okc_store_get_path             (OkcStore            *self);
const GError *okc_store_get_recovery_error   (OkcStore            *self);
const char   *okc_store_get_moved_aside_path (OkcStore            *self);

void          okc_store_open_async           (OkcStore            *self,
                                              OkcStoreOpenFlags    flags,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      okc_store_open_finish          (OkcStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

void          okc_store_load_tickets_async   (OkcStore            *self,
                                              OkcStoreLoadFlags    flags,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray    *okc_store_load_tickets_finish  (OkcStore            *self,
                                              GAsyncResult        *result,
                                              guint               *out_n_skipped,
                                              GError             **error);

void          okc_store_save_tickets_async   (OkcStore            *self,
                                              GPtrArray           *tickets,
                                              gint64               sync_mark,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      okc_store_save_tickets_finish  (OkcStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

void          okc_store_retain_open_tickets_async  (OkcStore            *self,
                                                    GHashTable          *ids,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean      okc_store_retain_open_tickets_finish (OkcStore            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

void          okc_store_get_sync_mark_async  (OkcStore            *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gint64        okc_store_get_sync_mark_finish (OkcStore            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

void          okc_store_search_tickets_async  (OkcStore            *self,
                                               const char          *text,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray    *okc_store_search_tickets_finish (OkcStore            *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/**
 * OkcStoreOutboxRow:
 *
 * An action of the outbox as stored (see okc-outbox.h); @body and @response are JSON
 * text or %NULL, @state an #OkcOutboxState nick, times Unix seconds.
 */
typedef struct
{
  char *key;
  char *kind;
  char *method;
  char *path;
  char *body;
  char *ticket_id;
  char *summary;
  gint64 created_at;
  char *state;
  guint attempts;
  gint64 next_attempt_at;
  char *last_error;
  guint http_status;
  char *response;
  gint64 finished_at;
} OkcStoreOutboxRow;

void               okc_store_outbox_row_free          (OkcStoreOutboxRow       *row);
OkcStoreOutboxRow *okc_store_outbox_row_copy          (const OkcStoreOutboxRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OkcStoreOutboxRow, okc_store_outbox_row_free)

void          okc_store_save_outbox_row_async    (OkcStore                *self,
                                                  const OkcStoreOutboxRow *row,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
gboolean      okc_store_save_outbox_row_finish   (OkcStore                *self,
                                                  GAsyncResult            *result,
                                                  GError                 **error);
void          okc_store_load_outbox_async        (OkcStore                *self,
                                                  gint64                   forget_before,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
GPtrArray    *okc_store_load_outbox_finish       (OkcStore                *self,
                                                  GAsyncResult            *result,
                                                  GError                 **error);
void          okc_store_delete_outbox_row_async  (OkcStore                *self,
                                                  const char              *key,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
gboolean      okc_store_delete_outbox_row_finish (OkcStore                *self,
                                                  GAsyncResult            *result,
                                                  GError                 **error);

G_END_DECLS
