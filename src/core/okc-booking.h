/* okc-booking.h — a guest's stay at a property, synced from its PMS
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define OKC_TYPE_BOOKING (okc_booking_get_type ())

G_DECLARE_FINAL_TYPE (OkcBooking, okc_booking, OKC, BOOKING, GObject)

OkcBooking *okc_booking_new_from_json      (JsonNode    *node,
                                            const char  *path,
                                            GError     **error);
JsonNode   *okc_booking_to_json            (OkcBooking  *self);

const char *okc_booking_get_id             (OkcBooking  *self);
const char *okc_booking_get_property_id    (OkcBooking  *self);
const char *okc_booking_get_property_name  (OkcBooking  *self);
const char *okc_booking_get_unit_name      (OkcBooking  *self);
const char *okc_booking_get_account_id     (OkcBooking  *self);
const char *okc_booking_get_guest_name     (OkcBooking  *self);
const char *okc_booking_get_guest_email    (OkcBooking  *self);
gint64      okc_booking_get_check_in       (OkcBooking  *self);
gint64      okc_booking_get_check_out      (OkcBooking  *self);
const char *okc_booking_get_pms            (OkcBooking  *self);
const char *okc_booking_get_pms_reference  (OkcBooking  *self);
gboolean    okc_booking_covers             (OkcBooking  *self,
                                            gint64       now);

G_END_DECLS
