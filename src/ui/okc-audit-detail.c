/* okc-audit-detail.c
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-audit-detail.h"
#include "okc-widget-util.h"

/* A change's value longer than this is cut, with the whole in its tooltip: a Refund's
 * note may be a paragraph. */
#define MAX_VALUE_CHARS 60

struct _OkcAuditDetail
{
  GtkWidget parent_instance;

  OkcAuditEntry *entry;

  GtkLabel *summary_label;
  GtkLabel *meta_label;
  GtkGrid *changes_grid;
};

G_DEFINE_FINAL_TYPE (OkcAuditDetail, okc_audit_detail, GTK_TYPE_WIDGET)

static GtkWidget *
value_label (const char *text,
             gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), MAX_VALUE_CHARS);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (g_utf8_strlen (text, -1) > MAX_VALUE_CHARS)
    gtk_widget_set_tooltip_text (label, text);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
clear_changes (OkcAuditDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->changes_grid))) != NULL)
    gtk_grid_remove (self->changes_grid, child);
}

/* One line per change: field, before, →, after; read aloud as "Status: from pending
 * approval to processing". */
static void
show_changes (OkcAuditDetail *self)
{
  g_autoptr(GPtrArray) changes = okc_audit_entry_get_changes (self->entry);

  for (guint i = 0; i < changes->len; i++)
    {
      OkcAuditChange *change = g_ptr_array_index (changes, i);
      GtkWidget *field = value_label (change->field, TRUE);
      GtkWidget *before = value_label (change->before, FALSE);
      GtkWidget *arrow = gtk_label_new ("→");
      GtkWidget *after = value_label (change->after, FALSE);
      /* Translators: a change as a screen reader says it, "Status: from processing to succeeded" */
      g_autofree char *spoken = g_strdup_printf (_("%s: from %s to %s"), change->field,
                                                 change->before, change->after);

      gtk_widget_add_css_class (arrow, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (after), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      spoken, -1);
      gtk_grid_attach (self->changes_grid, field, 0, (int) i, 1, 1);
      gtk_grid_attach (self->changes_grid, before, 1, (int) i, 1, 1);
      gtk_grid_attach (self->changes_grid, arrow, 2, (int) i, 1, 1);
      gtk_grid_attach (self->changes_grid, after, 3, (int) i, 1, 1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->changes_grid), changes->len > 0);
}

static void
show_entry (OkcAuditDetail *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *when = NULL;
  g_autofree char *meta = NULL;
  const char *role;

  clear_changes (self);
  if (self->entry == NULL)
    {
      gtk_label_set_label (self->summary_label, "");
      gtk_label_set_label (self->meta_label, "");
      return;
    }
  summary = okc_audit_entry_describe (self->entry);
  when = okc_format_local_time (okc_audit_entry_get_at (self->entry));
  role = okc_audit_entry_get_actor_id (self->entry) == NULL
           ? _("system")
           : okc_audit_entry_get_actor_role (self->entry) == OKC_ROLE_SUPERVISOR ? _("supervisor")
                                                                                 : _("agent");
  /* Translators: "24 Nov 2026, 09:30 · Alex Rivera (agent) · refund.create" */
  meta = g_strdup_printf (_("%s · %s (%s) · %s"), when,
                          okc_audit_entry_get_actor_label (self->entry), role,
                          okc_audit_entry_get_action (self->entry));
  gtk_label_set_label (self->summary_label, summary);
  gtk_label_set_label (self->meta_label, meta);
  show_changes (self);
}

GtkWidget *
okc_audit_detail_new (OkcAuditEntry *entry)
{
  OkcAuditDetail *self = g_object_new (OKC_TYPE_AUDIT_DETAIL, NULL);

  okc_audit_detail_set_entry (self, entry);
  return GTK_WIDGET (self);
}

/**
 * okc_audit_detail_set_entry:
 * @entry: (nullable): the entry to show
 */
void
okc_audit_detail_set_entry (OkcAuditDetail *self,
                            OkcAuditEntry  *entry)
{
  g_return_if_fail (OKC_IS_AUDIT_DETAIL (self));

  if (!g_set_object (&self->entry, entry))
    return;
  show_entry (self);
}

/**
 * okc_audit_detail_get_entry:
 *
 * Returns: (transfer none) (nullable): the entry shown
 */
OkcAuditEntry *
okc_audit_detail_get_entry (OkcAuditDetail *self)
{
  g_return_val_if_fail (OKC_IS_AUDIT_DETAIL (self), NULL);
  return self->entry;
}

static void
okc_audit_detail_dispose (GObject *object)
{
  OkcAuditDetail *self = OKC_AUDIT_DETAIL (object);

  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_AUDIT_DETAIL);
  g_clear_object (&self->entry);

  G_OBJECT_CLASS (okc_audit_detail_parent_class)->dispose (object);
}

static void
okc_audit_detail_class_init (OkcAuditDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_audit_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-audit-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcAuditDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OkcAuditDetail, meta_label);
  gtk_widget_class_bind_template_child (widget_class, OkcAuditDetail, changes_grid);
}

static void
okc_audit_detail_init (OkcAuditDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
