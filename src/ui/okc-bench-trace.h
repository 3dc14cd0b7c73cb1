/* okc-bench-trace.h — timing lines for tests/bench, written only with OKC_BENCH_TRACE=1
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean okc_bench_trace_enabled          (void);
void     okc_bench_trace_watch_first_paint (GtkListView *list_view);
void     okc_bench_trace_search_begin     (const char  *text);
void     okc_bench_trace_search_end       (guint        matches);

G_END_DECLS
