/* okc-charger-row.c — one charger in the fleet list
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-charger-format.h"
#include "okc-charger-row.h"
#include "okc-widget-util.h"

struct _OkcChargerRow
{
  GtkWidget parent_instance;

  OkcClock *clock;
  OkcCharger *charger;

  GtkLabel *id_label;
  GtkLabel *model_label;
  GtkLabel *status_label;
  GtkLabel *place_label;
  GtkLabel *heartbeat_label;
  GtkLabel *attention_label;
};

G_DEFINE_FINAL_TYPE (OkcChargerRow, okc_charger_row, GTK_TYPE_WIDGET)

/* What a screen reader says for the row: who, how it is, where, and what is wrong. */
static void
update_accessible_label (OkcChargerRow *self)
{
  g_autofree char *label = NULL;
  const char *attention = gtk_label_get_label (self->attention_label);

  /* Translators: the spoken description of a charger row: id, status, place, heartbeat */
  label = g_strdup_printf (_("%s, %s, %s, %s"), okc_charger_get_id (self->charger),
                           gtk_label_get_label (self->status_label),
                           gtk_label_get_label (self->place_label),
                           gtk_label_get_label (self->heartbeat_label));
  if (gtk_widget_get_visible (GTK_WIDGET (self->attention_label)))
    {
      char *with_attention = g_strdup_printf ("%s, %s", label, attention);
      g_free (label);
      label = with_attention;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* The list's item, which takes the focus, has no name of its own in GTK 4.8: a screen
   * reader landing on it says the row's. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* The parts that change with time alone: the heartbeat's age and the attention reason,
 * whose "offline for…" grows and which may begin once a threshold passes. */
static void
update_timed (OkcChargerRow *self)
{
  gint64 now = okc_clock_get_now (self->clock);
  g_autofree char *ago = okc_format_ago (okc_charger_get_last_heartbeat (self->charger), now);
  /* Translators: %s is "3 h 12 min ago", "just now" or "never" */
  g_autofree char *heartbeat = g_strdup_printf (_("Heartbeat %s"), ago);
  g_autoptr(GArray) reasons = okc_charger_get_attention (self->charger, now);

  gtk_label_set_label (self->heartbeat_label, heartbeat);
  if (reasons->len > 0)
    {
      g_autofree char *text =
        okc_attention_reason_describe (&g_array_index (reasons, OkcAttentionReason, 0),
                                       self->charger, now);
      gtk_label_set_label (self->attention_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attention_label), reasons->len > 0);
  update_accessible_label (self);
}

static void
clock_now_cb (OkcChargerRow *self)
{
  if (self->charger != NULL)
    update_timed (self);
}

/**
 * okc_charger_row_set_charger:
 * @charger: (nullable): the charger to show
 */
void
okc_charger_row_set_charger (OkcChargerRow *self,
                             OkcCharger    *charger)
{
  g_autofree char *place = NULL;

  g_return_if_fail (OKC_IS_CHARGER_ROW (self));

  if (!g_set_object (&self->charger, charger) || charger == NULL)
    return;

  place = okc_charger_describe_place (charger);
  gtk_label_set_label (self->id_label, okc_charger_get_id (charger));
  gtk_label_set_label (self->model_label, okc_charger_get_model (charger));
  okc_charger_status_pill_update (self->status_label, okc_charger_get_status (charger));
  gtk_label_set_label (self->place_label, place);
  update_timed (self);
}

static void
okc_charger_row_dispose (GObject *object)
{
  OkcChargerRow *self = OKC_CHARGER_ROW (object);

  okc_widget_dispose_template (GTK_WIDGET (self), OKC_TYPE_CHARGER_ROW);
  g_clear_object (&self->charger);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (okc_charger_row_parent_class)->dispose (object);
}

static void
okc_charger_row_class_init (OkcChargerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = okc_charger_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/ok2charge/AgentConsole/ui/okc-charger-row.ui");
  gtk_widget_class_bind_template_child (widget_class, OkcChargerRow, id_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerRow, model_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerRow, place_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerRow, heartbeat_label);
  gtk_widget_class_bind_template_child (widget_class, OkcChargerRow, attention_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
okc_charger_row_init (OkcChargerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * okc_charger_row_new:
 * @clock: the clock the row's heartbeat age follows
 *
 * Returns: (transfer floating): a row showing no charger until okc_charger_row_set_charger().
 */
GtkWidget *
okc_charger_row_new (OkcClock *clock)
{
  OkcChargerRow *self;

  g_return_val_if_fail (OKC_IS_CLOCK (clock), NULL);

  self = g_object_new (OKC_TYPE_CHARGER_ROW, NULL);
  self->clock = g_object_ref (clock);
  g_signal_connect_object (clock, "notify::now", G_CALLBACK (clock_now_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
