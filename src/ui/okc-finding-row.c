/* okc-finding-row.c — one mischarge finding: what happened, its evidence, its refund
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "okc-finding-row.h"

struct _OkcFindingRow
{
  GtkListBoxRow parent_instance;

  OkcSessionFinding *finding;
  GtkLabel *refund_label;
  GtkButton *refund_button;
};

enum { REFUND_CLICKED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OkcFindingRow, okc_finding_row, GTK_TYPE_LIST_BOX_ROW)

static GtkWidget *
new_label (const char *text,
           const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  return label;
}

static GtkWidget *
build_evidence (OkcSessionFinding *finding)
{
  const char * const *evidence = okc_session_finding_get_evidence (finding);
  const char * const *related = okc_session_finding_get_related_session_ids (finding);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *expander = gtk_expander_new (_("Evidence"));

  for (guint i = 0; evidence != NULL && evidence[i] != NULL; i++)
    {
      GtkWidget *line = new_label (evidence[i], "finding-evidence");
      gtk_label_set_selectable (GTK_LABEL (line), TRUE);
      gtk_box_append (GTK_BOX (box), line);
    }
  if (related != NULL && related[0] != NULL)
    {
      g_autofree char *ids = g_strjoinv (", ", (char **) related);
      /* Translators: %s lists session ids, "SES-0000041, SES-0000043" */
      g_autofree char *text = g_strdup_printf (_("Related sessions: %s"), ids);
      GtkWidget *line = new_label (text, "finding-evidence");

      gtk_label_set_selectable (GTK_LABEL (line), TRUE);
      gtk_box_append (GTK_BOX (box), line);
    }
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_start (box, 18);
  gtk_expander_set_child (GTK_EXPANDER (expander), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Evidence"), -1);
  return expander;
}

static void
refund_clicked_cb (OkcFindingRow *self)
{
  g_signal_emit (self, signals[REFUND_CLICKED], 0);
}

static void
okc_finding_row_dispose (GObject *object)
{
  OkcFindingRow *self = OKC_FINDING_ROW (object);

  g_clear_object (&self->finding);
  G_OBJECT_CLASS (okc_finding_row_parent_class)->dispose (object);
}

static void
okc_finding_row_class_init (OkcFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = okc_finding_row_dispose;

  signals[REFUND_CLICKED] = g_signal_new ("refund-clicked", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
okc_finding_row_init (OkcFindingRow *self)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "finding-row");
}

/**
 * okc_finding_row_new:
 * @finding: what the audit found
 */
GtkWidget *
okc_finding_row_new (OkcSessionFinding *finding)
{
  OkcFindingRow *self;
  GtkWidget *box, *actions, *title, *summary;
  const char *label;

  g_return_val_if_fail (OKC_IS_SESSION_FINDING (finding), NULL);

  self = g_object_new (OKC_TYPE_FINDING_ROW, NULL);
  self->finding = g_object_ref (finding);
  label = okc_finding_kind_get_label (okc_session_finding_get_kind (finding));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  title = new_label (label, "heading");
  gtk_widget_add_css_class (title, "warning");
  summary = new_label (okc_session_finding_get_summary (finding), NULL);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), summary);

  actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->refund_label = GTK_LABEL (new_label (NULL, "numeric"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->refund_label), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->refund_label), GTK_ALIGN_CENTER);
  self->refund_button = GTK_BUTTON (gtk_button_new_with_label (_("Refund the Difference")));
  gtk_widget_set_valign (GTK_WIDGET (self->refund_button), GTK_ALIGN_CENTER);
  /* No mnemonic: GTK 4.8 would keep its underscore in the button's accessible name.
   * Its text is its name; the amount goes in its description. */
  g_signal_connect_object (self->refund_button, "clicked", G_CALLBACK (refund_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (actions), GTK_WIDGET (self->refund_label));
  gtk_box_append (GTK_BOX (actions), GTK_WIDGET (self->refund_button));
  gtk_box_append (GTK_BOX (box), actions);
  gtk_box_append (GTK_BOX (box), build_evidence (finding));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  {
    /* Translators: a finding as a screen reader says it: "Idle fee while charging: …" */
    g_autofree char *spoken = g_strdup_printf (_("%s: %s"), label,
                                               okc_session_finding_get_summary (finding));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    spoken, -1);
  }
  okc_finding_row_set_refunds (self, NULL, NULL);
  return GTK_WIDGET (self);
}

OkcSessionFinding *
okc_finding_row_get_finding (OkcFindingRow *self)
{
  g_return_val_if_fail (OKC_IS_FINDING_ROW (self), NULL);
  return self->finding;
}

void
okc_finding_row_set_refunds (OkcFindingRow  *self,
                             const OkcMoney *refunded,
                             const OkcMoney *refundable)
{
  OkcMoney refund, offer;
  g_autofree char *refund_text = NULL;
  g_autofree char *offer_text = NULL;
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  gint64 given = 0;

  g_return_if_fail (OKC_IS_FINDING_ROW (self));

  okc_session_finding_get_refund (self->finding, &refund);
  refund_text = okc_money_format_display (&refund);
  offer = refund;
  if (refunded != NULL && g_strcmp0 (refunded->currency, refund.currency) == 0)
    given = MAX (refunded->amount, 0);
  offer.amount = MAX (refund.amount - given, 0);
  if (refundable != NULL && g_strcmp0 (refundable->currency, refund.currency) == 0)
    offer.amount = MIN (offer.amount, MAX (refundable->amount, 0));
  offer_text = okc_money_format_display (&offer);

  if (refund.amount <= 0)
    label = g_strdup (_("No refund: this finding points to another session"));
  else if (given >= refund.amount)
    /* Translators: a finding whose refund was given, "Refunded $2.16" */
    label = g_strdup_printf (_("Refunded %s"), refund_text);
  else if (offer.amount < refund.amount)
    /* Translators: a finding's refund, and what is left of it after earlier refunds:
     * "Refund $2.16 (left to refund: $1.00)" */
    label = g_strdup_printf (_("Refund %s (left to refund: %s)"), refund_text, offer_text);
  else
    /* Translators: what a finding justifies refunding, "Refund $2.16" */
    label = g_strdup_printf (_("Refund %s"), refund_text);
  gtk_label_set_label (self->refund_label, label);

  /* Translators: the Refund the Difference button's description, "Refunds $2.16" */
  description = g_strdup_printf (_("Refunds %s"), offer_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->refund_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->refund_button), description);
  gtk_widget_set_sensitive (GTK_WIDGET (self->refund_button), offer.amount > 0);
}

void
okc_finding_row_set_can_refund (OkcFindingRow *self,
                                gboolean       can_refund)
{
  g_return_if_fail (OKC_IS_FINDING_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->refund_button), can_refund);
}
